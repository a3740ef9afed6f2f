"""The corpus of bad input files (tests/corpus/generer.py) through the import pipeline, case by case.

For each file: the exact French messages (file, sheet, row, column), no exception and no traceback (``analyser``
returns problems, ``importer_fichier`` exit code 1 and the report), memory bounded, and on a real SQLite store the
tables' content unchanged by the import; for the awkward but valid files (Windows-1252, BOM, UTF-16, dates typed as
text, a title above the headers), the rows that arrive instead.
"""

from __future__ import annotations

import functools
import logging
import math
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref import store
from qualepref.imports import pipeline
from tests.corpus import generer
from tests.corpus.generer import AUJOURD_HUI, CasMauvais

RACINE = Path(__file__).resolve().parent.parent
SITE = store.Site(code="PREF-CORPUS", nom="Préfecture du corpus", type_site="prefecture", cert=False, modules=(1, 4))
PLAFOND_MEMOIRE = 100 * 1024 * 1024


@functools.cache
def corpus() -> dict[str, CasMauvais]:
    """The corpus, built once for the whole module."""
    return {c.cas: c for c in generer.fichiers()}


@pytest.fixture(params=generer.noms_des_cas())
def cas(request: pytest.FixtureRequest) -> CasMauvais:
    return corpus()[request.param]


@pytest.fixture
def moteur(tmp_path: Path) -> Iterator[Engine]:
    """A real SQLite store with the site and a journal of January 2024 already imported."""
    engine = store.creer_moteur("sqlite:///" + str(tmp_path / "t.db"))
    store.save_site(engine, SITE)
    nom, contenu = generer.donnees_existantes()
    analyse = pipeline.analyser(contenu, nom, "journal", SITE.code, SITE.referentiel, None, aujourd_hui=AUJOURD_HUI)
    pipeline.importer(engine, analyse, "référent", remplacer=False)
    yield engine
    engine.dispose()


def analyser(c: CasMauvais) -> pipeline.Analyse:
    return pipeline.analyser(c.contenu, c.nom, c.type_donnees, SITE.code, SITE.referentiel, c.annee,
                             aujourd_hui=AUJOURD_HUI, lignes_max=c.lignes_max)


def _valeur(v: object) -> object:
    """A cell of a frame as the cases write it: dates as ``datetime.date``, missing values as None."""
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.date()
    return v


def en_tuples(cadre: pd.DataFrame, colonnes: tuple[str, ...]) -> tuple[tuple, ...]:
    return tuple(tuple(_valeur(v) for v in ligne) for ligne in cadre[list(colonnes)].itertuples(index=False))


def rapport_attendu(c: CasMauvais) -> str:
    """The command line's report: a first line, then each error, then each warning."""
    n = len(c.erreurs)
    return "\n".join([f"{c.nom} : import refusé, {n} erreur{'s' if n > 1 else ''} ; rien n'a été enregistré.",
                      *c.erreurs, *(f"Avertissement : {m}" for m in c.avertissements)])


# --- the corpus itself -------------------------------------------------------------------------------------------

def test_le_corpus_couvre_chaque_mauvaise_entree_demandee() -> None:
    cas = corpus()
    assert len(cas) >= 30
    assert len({c.nom for c in cas.values()}) == len(cas), "deux cas portent le même nom de fichier"
    demandes = {
        "extension_txt", "xlsx_vide", "seulement_entetes", "zip_corrompu", "zip_tronque", "bombe_taille_declaree",
        "bombe_taux_de_compression", "bombe_entites_xlsx", "trop_de_lignes_xlsx", "entetes_fusionnees",
        "formules_sans_valeur", "dates_texte_jj_mm_aaaa", "dates_texte_aaaa_mm_jj", "dates_texte_illisibles",
        "date_impossible", "dates_futures", "reponse_avant_reception", "nombre_negatif", "avancement_au_dessus_de_100",
        "taux_au_dessus_de_100", "canal_inconnu", "references_en_double", "csv_windows_1252", "csv_utf8_bom",
        "csv_utf16", "enquete_questions_inconnues", "xlsm_macros", "png_renomme", "indicateur_inconnu",
        "periode_malformee", "colonne_obligatoire_absente"}
    assert demandes <= set(cas)
    refuses = [c for c in cas.values() if not c.importe]
    assert len(refuses) >= 30
    for c in cas.values():
        assert c.description and c.contenu is not None
        assert all(m.startswith(c.nom) for m in (*c.erreurs, *c.avertissements)), c.cas
        assert c.importe == bool(c.lignes), c.cas  # a valid file says which rows arrive


def test_le_script_ecrit_chaque_fichier(tmp_path: Path) -> None:
    resultat = subprocess.run([sys.executable, "-m", "tests.corpus.generer", str(tmp_path / "corpus")], cwd=RACINE,
                              capture_output=True, text=True, timeout=300, check=False)
    assert resultat.returncode == 0, resultat.stderr
    ecrits = {p.name for p in (tmp_path / "corpus").iterdir()}
    assert ecrits == {c.nom for c in corpus().values()} | {"attendus.txt"}
    for c in corpus().values():
        if not c.contenu.startswith(b"PK"):  # a zip stamps the time of writing: only other files compare whole
            assert (tmp_path / "corpus" / c.nom).read_bytes() == c.contenu, c.nom
    attendus = (tmp_path / "corpus" / "attendus.txt").read_text(encoding="utf-8")
    assert all(m in attendus for c in corpus().values() for m in c.erreurs)


# --- analysis: the exact messages, no exception, bounded memory ------------------------------------------------------

def test_analyse_donne_les_messages_exacts(cas: CasMauvais, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    tracemalloc.start()
    try:
        analyse = analyser(cas)
        _, pic = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [p.texte for p in analyse.erreurs] == list(cas.erreurs)
    assert [p.texte for p in analyse.avertissements] == list(cas.avertissements)
    assert all(p.fichier == cas.nom for p in analyse.problemes)
    assert not caplog.records, "l'analyse a journalisé une erreur (trace de pile) : " + caplog.text
    assert pic < PLAFOND_MEMOIRE, f"pic de mémoire Python {pic / 2**20:.0f} Mio"
    if cas.importe:
        assert en_tuples(analyse.lignes, cas.colonnes) == cas.lignes
    else:
        assert analyse.bloquee


def test_bombes_memoire_bornee_hors_de_python() -> None:
    """tracemalloc sees only Python's allocations: the peak resident memory of a fresh process (calamine, zlib,
    pyarrow included) and of the reading child processes it starts must stay within the bound over their start
    while every bomb is analysed."""
    programme = """
import resource
from qualepref.imports.pipeline import analyser
from tests.corpus.generer import fichiers, AUJOURD_HUI
bombes = [c for c in fichiers() if c.bombe]
for c in bombes[:1]:  # warm up: the modules each path imports on first use
    analyser(c.contenu, c.nom, c.type_donnees, "S", "qualepref-2019", c.annee, aujourd_hui=AUJOURD_HUI,
             lignes_max=c.lignes_max)
avant = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
enfant_avant = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # one child: read, imports, no file
for c in bombes:
    a = analyser(c.contenu, c.nom, c.type_donnees, "S", "qualepref-2019", c.annee, aujourd_hui=AUJOURD_HUI,
                 lignes_max=c.lignes_max)
    assert a.bloquee, c.cas
croissance = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - avant,
                 resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss - enfant_avant)
print(len(bombes), croissance)
"""
    resultat = subprocess.run([sys.executable, "-c", programme], cwd=RACINE, capture_output=True, text=True,
                              timeout=300, check=False)
    assert resultat.returncode == 0, resultat.stderr
    nombre, croissance_ko = map(int, resultat.stdout.split())
    assert nombre >= 7
    assert croissance_ko * 1024 < PLAFOND_MEMOIRE, f"mémoire résidente +{croissance_ko // 1024} Mio"


# --- the command line's import on a real store: nothing stored, or the right rows ------------------------------------

def test_import_ne_change_rien_ou_importe_les_bonnes_lignes(
        cas: CasMauvais, moteur: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    config = tmp_path / "config.toml"
    config.write_text(f"[import]\nlignes_max = {cas.lignes_max}\n", encoding="utf-8")
    monkeypatch.setenv("QUALEPREF_CONFIG", str(config))
    chemin = tmp_path / "depot" / cas.nom
    chemin.parent.mkdir()
    chemin.write_bytes(cas.contenu)
    avant = store.contenu_tables(moteur)

    code, message = pipeline.importer_fichier(moteur, chemin, cas.type_donnees, SITE.code, cas.annee,
                                              remplacer=True, utilisateur="référent", aujourd_hui=AUJOURD_HUI)

    sorties = capsys.readouterr()
    assert "Traceback" not in message + sorties.out + sorties.err
    assert not caplog.records, caplog.text
    if not cas.importe:
        assert (code, message) == (1, rapport_attendu(cas))
        assert store.contenu_tables(moteur) == avant
        return
    assert code == 0, message
    n = len(cas.lignes)
    remplacees = 1 if cas.type_donnees == "journal" else 0  # the journal of January 2024 stored before
    assert message.splitlines()[0].startswith(f"{cas.nom} : {n} lignes importées (import n° 2), {remplacees} "
                                              "remplacée")
    stockees = store.load_donnees(moteur, cas.type_donnees, SITE.code)
    assert en_tuples(stockees, cas.colonnes) == cas.lignes

