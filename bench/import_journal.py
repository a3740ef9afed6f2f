"""Benchmark: importing a 200 000-row journal (.xlsx and .csv) against a floor measured in the same run.

- floor, per format: the bare read (``pandas.read_excel(engine="calamine")`` or ``pandas.read_csv``) plus a bare
  SQLAlchemy Core ``executemany`` insert of the same rows into an empty SQLite table;
- import: ``pipeline.analyser`` (safety checks, reading, conversion, every check) then ``pipeline.importer`` (the
  store's one transaction, journal of the import) into an empty, migrated SQLite store.
Goal: import within 1.5 × the floor for both formats, and a peak memory (ru_maxrss of a process doing one import,
interpreter and libraries included) below 1 GiB. Exits 1 when a goal is missed.

    python bench/import_journal.py [--lignes 200000] [--repetitions 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import sqlalchemy as sa

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from qualepref import store  # noqa: E402
from qualepref.imports import pipeline  # noqa: E402

RATIO_MAX = 1.5
MEMOIRE_MAX_MIO = 1024
AUJOURD_HUI = dt.date(2025, 6, 1)
SITE = store.Site("BENCH", "Préfecture d'essai", "prefecture", True)
CANAUX = ["Courrier", "Courriel", "Formulaire", "Urne"]
NATURES = ["Demande d'information", "Réclamation", "Suggestion", "Demande de collectivité"]
SERVICES = ["Accueil général", "Bureau de la circulation", "Service de l'immigration et de l'intégration",
            "Bureau des élections"]


def journal(lignes: int, graine: int = 11) -> pd.DataFrame:
    """A plausible year of requests as a référent types them (French labels and headers, 3 % pending)."""
    alea = np.random.default_rng(graine)
    reception = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.sort(alea.integers(0, 366, lignes)), unit="D")
    reponse = pd.Series(reception + pd.to_timedelta(alea.integers(0, 25, lignes), unit="D"))
    reponse = reponse.where(alea.random(lignes) > 0.03)
    completude = pd.Series(reception + pd.to_timedelta(alea.integers(1, 5, lignes), unit="D"))
    completude = completude.where(alea.random(lignes) < 0.05)
    reponse = reponse.where(completude.isna() | (reponse >= completude), completude)
    return pd.DataFrame({
        "Référence": [f"REF-2024-{i:06d}" for i in range(lignes)],
        "Canal": alea.choice(CANAUX, lignes),
        "Nature": alea.choice(NATURES, lignes),
        "Date de réception": reception.date,
        "Date de complétude": [None if pd.isna(d) else d.date() for d in completude],
        "Date de réponse": [None if pd.isna(d) else d.date() for d in reponse],
        "Type de réponse": np.where(reponse.isna(), None, np.where(alea.random(lignes) < 0.06, "attente", "fond")),
        "Service": alea.choice(SERVICES, lignes),
    })


def en_xlsx(cadre: pd.DataFrame) -> bytes:
    """The journal as Excel saves it (date cells, shared strings), written with openpyxl in write-only mode."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    classeur = Workbook(write_only=True)
    feuille = classeur.create_sheet("Journal")
    feuille.append(list(cadre.columns))
    for ligne in cadre.itertuples(index=False, name=None):
        cellules = []
        for valeur in ligne:
            if isinstance(valeur, dt.date):
                valeur = WriteOnlyCell(feuille, value=valeur)
                valeur.number_format = "DD/MM/YYYY"
            cellules.append(valeur)
        feuille.append(cellules)
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def en_csv(cadre: pd.DataFrame) -> bytes:
    """The journal as French Excel saves « CSV (séparateur : point-virgule) »: Windows-1252, jj/mm/aaaa."""
    texte = cadre.copy()
    for colonne in ("Date de réception", "Date de complétude", "Date de réponse"):
        texte[colonne] = pd.to_datetime(texte[colonne]).dt.strftime("%d/%m/%Y")
    return texte.to_csv(sep=";", index=False, lineterminator="\r\n").encode("cp1252")


# --- the floor and the import ------------------------------------------------------------------------------------

def lecture_nue(contenu: bytes, format_: str) -> pd.DataFrame:
    """The bare read of the floor."""
    if format_ == "xlsx":
        return pd.read_excel(io.BytesIO(contenu), engine="calamine")
    return pd.read_csv(io.BytesIO(contenu), sep=";", encoding="cp1252")


def insertion_nue(cadre: pd.DataFrame, dossier: Path) -> None:
    """The bare SQLAlchemy Core executemany of the same rows into an empty SQLite table."""
    moteur = sa.create_engine(f"sqlite:///{dossier / 'plancher.db'}")
    meta = sa.MetaData()
    types = {c: sa.DateTime if pd.api.types.is_datetime64_any_dtype(t) else
             sa.Float if pd.api.types.is_numeric_dtype(t) else sa.String for c, t in cadre.dtypes.items()}
    noms = [f"c{i}" for i in range(len(cadre.columns))]
    table = sa.Table("journal", meta, sa.Column("id", sa.Integer, primary_key=True),
                     *(sa.Column(n, types[c]) for n, c in zip(noms, cadre.columns, strict=True)))
    meta.create_all(moteur)
    lignes = cadre.set_axis(noms, axis=1).astype(object)
    lignes = lignes.where(lignes.notna(), None).to_dict("records")
    with moteur.begin() as conn:
        conn.execute(sa.insert(table), lignes)
    moteur.dispose()
    (dossier / "plancher.db").unlink()


def plancher(contenu: bytes, format_: str, dossier: Path, parts: dict[str, list[float]]) -> None:
    """The floor: bare read, then bare insert (each part timed too)."""
    debut = time.perf_counter()
    cadre = lecture_nue(contenu, format_)
    milieu = time.perf_counter()
    insertion_nue(cadre, dossier)
    parts["lecture"].append(milieu - debut)
    parts["insertion"].append(time.perf_counter() - milieu)


def moteur_vide(dossier: Path, nom: str) -> sa.Engine:
    """An empty, migrated store with the benchmark's site (not timed)."""
    moteur = store.creer_moteur(f"sqlite:///{dossier / nom}")
    store.save_site(moteur, SITE)
    return moteur


def importer(contenu: bytes, format_: str, moteur: sa.Engine, parts: dict[str, list[float]] | None = None) -> int:
    """The whole import: analyse then store (each part timed when ``parts`` is given); returns the rows stored."""
    debut = time.perf_counter()
    analyse = pipeline.analyser(contenu, f"journal.{format_}", "journal", SITE.code, SITE.referentiel, None,
                                aujourd_hui=AUJOURD_HUI)
    if analyse.bloquee:
        raise SystemExit("Import refusé :\n" + "\n".join(p.texte for p in analyse.problemes[:20]))
    milieu = time.perf_counter()
    ajoutees = pipeline.importer(moteur, analyse, "bench", remplacer=False).ajoutees
    if parts is not None:
        parts["analyse"].append(milieu - debut)
        parts["enregistrement"].append(time.perf_counter() - milieu)
    return ajoutees


def _chrono(fonction: Callable[[], object]) -> float:
    debut = time.perf_counter()
    fonction()
    return time.perf_counter() - debut


def mesurer(contenu: bytes, format_: str, repetitions: int, dossier: Path) -> tuple[float, float, dict[str, float]]:
    """Median floor and median import, runs interleaved so that both see the same machine; and the median of
    each part (read, insert; analyse, store)."""
    planchers, imports = [], []
    parts: dict[str, list[float]] = {"lecture": [], "insertion": [], "analyse": [], "enregistrement": []}
    for n in range(repetitions):
        planchers.append(_chrono(lambda: plancher(contenu, format_, dossier, parts)))
        moteur = moteur_vide(dossier, f"import-{format_}-{n}.db")
        imports.append(_chrono(lambda m=moteur: importer(contenu, format_, m, parts)))
        moteur.dispose()
    return statistics.median(planchers), statistics.median(imports), {k: statistics.median(v)
                                                                      for k, v in parts.items()}


def memoire_de_pointe(fichier: Path, format_: str) -> float:
    """Peak resident memory (MiB) of a fresh process importing ``fichier`` (ru_maxrss, Linux: KiB)."""
    sortie = subprocess.run([sys.executable, __file__, "--memoire", str(fichier), format_], check=True,
                            capture_output=True, text=True)
    return float(sortie.stdout.strip().splitlines()[-1])


def _mode_memoire(fichier: Path, format_: str) -> None:
    with tempfile.TemporaryDirectory() as dossier:
        moteur = moteur_vide(Path(dossier), "memoire.db")
        importer(fichier.read_bytes(), format_, moteur)
        moteur.dispose()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--lignes", type=int, default=200_000)
    parseur.add_argument("--repetitions", type=int, default=3)
    parseur.add_argument("--memoire", nargs=2, metavar=("FICHIER", "FORMAT"), help=argparse.SUPPRESS)
    args = parseur.parse_args()
    if args.memoire:
        _mode_memoire(Path(args.memoire[0]), args.memoire[1])
        return 0
    cadre = journal(args.lignes)
    print(f"Journal de {args.lignes:,} lignes : génération des fichiers…".replace(",", " "), flush=True)
    fichiers = {"xlsx": en_xlsx(cadre), "csv": en_csv(cadre)}
    ok = True
    with tempfile.TemporaryDirectory() as nom_dossier:
        dossier = Path(nom_dossier)
        for format_, contenu in fichiers.items():
            sol, duree, parts = mesurer(contenu, format_, args.repetitions, dossier)
            chemin = dossier / f"journal.{format_}"
            chemin.write_bytes(contenu)
            pointe = memoire_de_pointe(chemin, format_)
            ratio = duree / sol
            ok &= ratio <= RATIO_MAX and pointe < MEMOIRE_MAX_MIO
            print(f"{format_:>4} ({len(contenu) / 1e6:.1f} Mo) : plancher {sol:.2f} s (lecture {parts['lecture']:.2f}, "
                  f"insertion {parts['insertion']:.2f}), import {duree:.2f} s (analyse {parts['analyse']:.2f}, "
                  f"enregistrement {parts['enregistrement']:.2f}), ratio {ratio:.2f} (objectif ≤ {RATIO_MAX}) ; "
                  f"mémoire de pointe {pointe:.0f} Mio (objectif < {MEMOIRE_MAX_MIO})", flush=True)
    print("Objectifs atteints." if ok else "Objectif manqué.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
