"""Several people at once: référents importing while COPIL members read, on SQLite and PostgreSQL.

Pinned: no lost update (every import present, row counts exact), no "database is locked" reaching a caller, readers
never seeing half an import, and two imports of the same site and period without confirmation: exactly one wins,
the other gets ``DonneesExistantes``. On SQLite the same holds for two processes with their own engines.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from qualepref.store import (
    DonneesExistantes,
    Site,
    compter_lignes,
    creer_moteur,
    enregistrer_import,
    load_donnees,
    load_imports,
    save_site,
)
from qualepref.store.models import JournalModel

SITES = (
    Site("PREF-51", "Préfecture de la Marne", "prefecture", True),
    Site("SP-REIMS", "Sous-préfecture de Reims", "sous-prefecture", False),
)
LIGNES = 400
IMPORTS_PAR_REFERENT = 12


def _journal(n: int, mois: str, prefixe: str) -> pd.DataFrame:
    reception = pd.Timestamp(f"{mois}-03")
    return pd.DataFrame({
        "reference": [f"{prefixe}-{i}" for i in range(n)], "canal": "courrier", "nature": "information",
        "date_reception": reception, "date_completude": pd.NaT, "date_reponse": reception + pd.Timedelta(days=2),
        "type_reponse": "fond", "service": "Accueil", "cle": mois,
    })


def _importer(moteur: Engine, site: str, mois: str, prefixe: str, remplacer: bool = False):  # noqa: ANN202
    return enregistrer_import(
        moteur, type_donnees="journal", site=site, lignes=_journal(LIGNES, mois, prefixe), fichier=f"{prefixe}.xlsx",
        sha256="ef" * 32, utilisateur=prefixe, periodes=[mois], remplacer=remplacer,
    )


def _mois(n: int) -> list[str]:
    return [str(p) for p in pd.period_range("2021-01", periods=n, freq="M")]


def _en_parallele(taches: list[Callable[[], object]]) -> tuple[list[object], list[BaseException]]:
    """Run the tasks in threads released together; their results (in order) and the errors raised."""
    depart = threading.Barrier(len(taches))
    resultats: list[object] = [None] * len(taches)
    erreurs: list[BaseException] = []

    def lancer(i: int) -> None:
        depart.wait()
        try:
            resultats[i] = taches[i]()
        except BaseException as exc:  # noqa: BLE001 - examined by the test
            erreurs.append(exc)

    fils = [threading.Thread(target=lancer, args=(i,)) for i in range(len(taches))]
    for f in fils:
        f.start()
    for f in fils:
        f.join()
    return resultats, erreurs


class Lecteurs:
    """COPIL members reading the journal in a loop until stopped; what they saw is kept for the checks."""

    def __init__(self, moteur: Engine, nombre: int = 2):
        self.moteur = moteur
        self.arret = threading.Event()
        self.tailles: list[int] = []
        self.erreurs: list[BaseException] = []
        self.fils = [threading.Thread(target=self._lire) for _ in range(nombre)]

    def _lire(self) -> None:
        try:
            while not self.arret.is_set():
                self.tailles.append(len(load_donnees(self.moteur, "journal")))
        except BaseException as exc:  # noqa: BLE001 - examined by the test
            self.erreurs.append(exc)

    def __enter__(self) -> Lecteurs:
        for f in self.fils:
            f.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.arret.set()
        for f in self.fils:
            f.join()


def test_deux_referents_importent_pendant_que_le_copil_lit(moteur: Engine) -> None:
    for site in SITES:
        save_site(moteur, site)
    mois = _mois(IMPORTS_PAR_REFERENT)

    def referent(site: str, nom: str) -> Callable[[], list[int]]:
        return lambda: [_importer(moteur, site, m, f"{nom}-{m}").import_id for m in mois]

    with Lecteurs(moteur) as lecteurs:
        resultats, erreurs = _en_parallele([referent(SITES[0].code, "alice"), referent(SITES[1].code, "bruno")])
    assert erreurs == [] and lecteurs.erreurs == []
    assert len(lecteurs.tailles) > 0
    assert all(t % LIGNES == 0 for t in lecteurs.tailles), "un lecteur a vu un import à moitié écrit"
    ids = [i for liste in resultats for i in liste]
    assert sorted(ids) == sorted(set(ids)) and len(ids) == 2 * IMPORTS_PAR_REFERENT
    assert compter_lignes(moteur)["journal"] == 2 * IMPORTS_PAR_REFERENT * LIGNES
    assert sorted(load_imports(moteur)["id"]) == sorted(ids)
    journal = load_donnees(moteur, "journal")
    assert journal.groupby("site").size().to_dict() == {s.code: IMPORTS_PAR_REFERENT * LIGNES for s in SITES}


def test_deux_imports_du_meme_site_et_de_la_meme_periode_un_seul_passe(moteur: Engine) -> None:
    save_site(moteur, SITES[0])
    for mois in _mois(6):
        resultats, erreurs = _en_parallele([
            lambda m=mois: _importer(moteur, SITES[0].code, m, "alice"),
            lambda m=mois: _importer(moteur, SITES[0].code, m, "bruno"),
        ])
        assert len([r for r in resultats if r is not None]) == 1, f"{mois} : un seul import doit passer"
        assert len(erreurs) == 1 and isinstance(erreurs[0], DonneesExistantes), erreurs
        assert str(erreurs[0]) == (
            f"Des données de ce type existent déjà pour ces périodes : {mois} ({LIGNES} lignes). "
            "Confirmez le remplacement pour les remplacer."
        )
    assert compter_lignes(moteur)["journal"] == 6 * LIGNES
    assert compter_lignes(moteur)["imports"] == 6


def test_deux_remplacements_simultanes_ne_laissent_qu_une_version_active(moteur: Engine) -> None:
    """Both replace the same period (confirmed): both pass, one after the other; only the last one stays active."""
    save_site(moteur, SITES[0])
    _importer(moteur, SITES[0].code, "2023-05", "initial")
    resultats, erreurs = _en_parallele([
        lambda: _importer(moteur, SITES[0].code, "2023-05", "alice", remplacer=True),
        lambda: _importer(moteur, SITES[0].code, "2023-05", "bruno", remplacer=True),
    ])
    assert erreurs == []
    premier, second = sorted(resultats, key=lambda r: r.import_id)
    assert (premier.remplacees, second.remplacees) == (LIGNES, LIGNES)
    actives = load_donnees(moteur, "journal")
    assert len(actives) == LIGNES
    with moteur.connect() as conn:
        assert conn.execute(select(func.count()).select_from(JournalModel)).scalar_one() == 3 * LIGNES
        assert set(conn.execute(select(JournalModel.import_id).where(JournalModel.remplace_par.is_(None))).scalars()) \
            == {second.import_id}


# --- SQLite: two processes, each with its own engine, on the same file ------------------------------------------

def _referent_processus(url: str, site: str, nom: str, depart, sortie) -> None:  # noqa: ANN001 - mp objects
    """A référent in another process: its own engine, then its imports; reports ids or the error met."""
    try:
        moteur = creer_moteur(url, migrer_schema=False)
        depart.wait(30)
        ids = [_importer(moteur, site, m, f"{nom}-{m}").import_id for m in _mois(IMPORTS_PAR_REFERENT)]
        moteur.dispose()
        sortie.put((nom, ids, None))
    except BaseException as exc:  # noqa: BLE001 - sent back to the test
        sortie.put((nom, [], f"{type(exc).__name__}: {exc}"))


def test_deux_processus_importent_sur_le_meme_fichier_sqlite(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'partage.db'}"
    moteur = creer_moteur(url)
    for site in SITES:
        save_site(moteur, site)
    contexte = multiprocessing.get_context("spawn")
    depart, sortie = contexte.Barrier(3), contexte.Queue()
    processus = [
        contexte.Process(target=_referent_processus, args=(url, site.code, nom, depart, sortie))
        for site, nom in zip(SITES, ("alice", "bruno"), strict=True)
    ]
    for p in processus:
        p.start()
    with Lecteurs(moteur) as lecteurs:
        depart.wait(60)
        comptes_rendus = [sortie.get(timeout=60) for _ in processus]
    for p in processus:
        p.join(30)
    assert [p.exitcode for p in processus] == [0, 0]
    assert [erreur for _, _, erreur in comptes_rendus] == [None, None]
    assert lecteurs.erreurs == [] and all(t % LIGNES == 0 for t in lecteurs.tailles)
    ids = [i for _, liste, _ in comptes_rendus for i in liste]
    assert len(set(ids)) == 2 * IMPORTS_PAR_REFERENT
    assert compter_lignes(moteur)["journal"] == 2 * IMPORTS_PAR_REFERENT * LIGNES
    assert sorted(load_imports(moteur)["id"]) == sorted(ids)
    moteur.dispose()


def test_sur_sqlite_le_meme_import_par_deux_processus_un_seul_passe(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'partage.db'}"
    moteur = creer_moteur(url)
    save_site(moteur, SITES[0])
    contexte = multiprocessing.get_context("spawn")
    depart, sortie = contexte.Barrier(2), contexte.Queue()
    processus = [
        contexte.Process(target=_meme_import_processus, args=(url, nom, depart, sortie)) for nom in ("alice", "bruno")
    ]
    for p in processus:
        p.start()
    comptes_rendus = sorted(sortie.get(timeout=60) for _ in processus)
    for p in processus:
        p.join(30)
    assert sorted(issue for _, issue in comptes_rendus) == ["DonneesExistantes", "ok"]
    assert compter_lignes(moteur)["journal"] == LIGNES
    moteur.dispose()


def _meme_import_processus(url: str, nom: str, depart, sortie) -> None:  # noqa: ANN001 - mp objects
    try:
        moteur = creer_moteur(url, migrer_schema=False)
        depart.wait(30)
        _importer(moteur, SITES[0].code, "2023-05", nom)
        sortie.put((nom, "ok"))
    except DonneesExistantes:
        sortie.put((nom, "DonneesExistantes"))
    except BaseException as exc:  # noqa: BLE001 - sent back to the test
        sortie.put((nom, f"{type(exc).__name__}: {exc}"))


@pytest.fixture(autouse=True)
def _pas_de_fil_oublie():  # noqa: ANN202
    """A test that failed half-way must not leave threads writing into the next test's database."""
    avant = set(threading.enumerate())
    yield
    restants = [f for f in threading.enumerate() if f not in avant and f.is_alive()]
    assert restants == []
