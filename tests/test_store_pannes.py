"""Faults: a process killed in the middle of a big import, a disk that fills up, a database error mid-write.

Pinned: the SQLite file stays sound (``PRAGMA integrity_check`` is "ok"), an import is whole or absent (rows and
the import journal agree), and a failed write is rolled back with the French ``ErreurStockage`` message while the
stored data is exactly what it was (``contenu_tables`` before == after).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine, event, text

from qualepref.store import (
    ErreurStockage,
    Site,
    compter_lignes,
    contenu_tables,
    creer_moteur,
    enregistrer_import,
    load_imports,
    save_site,
)
from qualepref.store.sauvegarde import restaurer, sauvegarder

SITE = Site("PREF-51", "Préfecture de la Marne", "prefecture", True)
GROS_IMPORT = 300_000
MESSAGE_ECHEC = (
    "L'enregistrement a échoué et rien n'a été modifié (base de données indisponible, pleine ou verrouillée). "
    "Réessayez ; si le problème persiste, prévenez l'administrateur. Détail : "
)


def _journal(n: int, mois: str, prefixe: str = "R") -> pd.DataFrame:
    reception = pd.Timestamp(f"{mois}-02")
    return pd.DataFrame({
        "reference": [f"{prefixe}{i:06d}" for i in range(n)], "canal": "courriel", "nature": "reclamation",
        "date_reception": reception, "date_completude": pd.NaT, "date_reponse": reception + pd.Timedelta(days=5),
        "type_reponse": "fond", "service": "Service des étrangers", "cle": mois,
    })


def _importer(moteur: Engine, lignes: pd.DataFrame, remplacer: bool = False):  # noqa: ANN202
    return enregistrer_import(
        moteur, type_donnees="journal", site=SITE.code, lignes=lignes, fichier="journal.xlsx", sha256="ab" * 32,
        utilisateur="referent", periodes=sorted(set(lignes["cle"])), remplacer=remplacer,
    )


def _integrite(moteur: Engine) -> str:
    with moteur.connect() as conn:
        return conn.execute(text("PRAGMA integrity_check")).scalar()


# --- a process killed in the middle of a big import ---------------------------------------------------------------

def _gros_import_processus(url: str, insertion_commencee) -> None:  # noqa: ANN001 - a multiprocessing Event
    """Another process importing 300 000 rows; it says when the rows' INSERT starts (then it gets killed)."""
    moteur = creer_moteur(url, migrer_schema=False)

    @event.listens_for(moteur, "before_cursor_execute")
    def _signaler(_conn, _curseur, instruction: str, *_args) -> None:  # noqa: ANN001
        if instruction.startswith("INSERT INTO journal"):
            insertion_commencee.set()

    _importer(moteur, _journal(GROS_IMPORT, "2024-01", "G"))


def test_un_processus_tue_pendant_un_gros_import_laisse_une_base_saine_sans_import_partiel(tmp_path: Path) -> None:
    fichier = tmp_path / "qualepref.db"
    url = f"sqlite:///{fichier}"
    moteur = creer_moteur(url)
    save_site(moteur, SITE)
    _importer(moteur, _journal(100, "2023-12"))
    avant = contenu_tables(moteur)
    moteur.dispose()
    wal = Path(f"{fichier}-wal")
    taille_wal_avant = wal.stat().st_size if wal.exists() else 0

    contexte = multiprocessing.get_context("spawn")
    insertion_commencee = contexte.Event()
    processus = contexte.Process(target=_gros_import_processus, args=(url, insertion_commencee))
    processus.start()
    assert insertion_commencee.wait(90), "l'import n'a pas commencé"
    # the rows are being written: wait until the uncommitted transaction has spilled pages into the WAL
    limite = time.monotonic() + 30
    while (wal.stat().st_size if wal.exists() else 0) < taille_wal_avant + 4_000_000 and time.monotonic() < limite:
        time.sleep(0.01)
    os.kill(processus.pid, signal.SIGKILL)
    processus.join(30)
    assert processus.exitcode == -signal.SIGKILL, "le processus devait être tué en pleine écriture"
    assert wal.stat().st_size > taille_wal_avant + 4_000_000

    moteur = creer_moteur(url)
    assert _integrite(moteur) == "ok"
    assert compter_lignes(moteur)["journal"] == 100  # the killed import is absent, not partial
    assert load_imports(moteur)["ajoutees"].tolist() == [100]
    assert contenu_tables(moteur) == avant
    # and the base works: the same period can be imported again, without any "already there" refusal
    assert _importer(moteur, _journal(10, "2024-01")).ajoutees == 10
    assert _integrite(moteur) == "ok"
    moteur.dispose()


# --- a disk that fills up -----------------------------------------------------------------------------------------

def _moteur_presque_plein(url: str, pages_libres: int) -> Engine:
    """An engine on the same file whose connections may only grow it by ``pages_libres`` pages (disk full)."""
    moteur = creer_moteur(url, migrer_schema=False)

    @event.listens_for(moteur, "connect")
    def _limiter(connexion, _record) -> None:  # noqa: ANN001 - DBAPI objects
        curseur = connexion.cursor()
        pages = curseur.execute("PRAGMA page_count").fetchone()[0]
        curseur.execute(f"PRAGMA max_page_count = {pages + pages_libres}")
        curseur.close()

    return moteur


def test_un_disque_plein_pendant_un_import_annule_tout_avec_un_message_francais(moteur_sqlite: Engine) -> None:
    save_site(moteur_sqlite, SITE)
    _importer(moteur_sqlite, _journal(500, "2023-05"))
    avant = contenu_tables(moteur_sqlite)
    plein = _moteur_presque_plein(str(moteur_sqlite.url), pages_libres=20)
    with pytest.raises(ErreurStockage) as erreur:
        _importer(plein, _journal(20_000, "2023-05", "N"), remplacer=True)  # replaces, then runs out of room
    assert str(erreur.value) == MESSAGE_ECHEC + "database or disk is full"
    plein.dispose()
    assert contenu_tables(moteur_sqlite) == avant
    assert _integrite(moteur_sqlite) == "ok"
    assert _importer(moteur_sqlite, _journal(20_000, "2023-06")).ajoutees == 20_000  # room again: it works


def test_un_disque_plein_pendant_une_restauration_ne_change_rien(moteur_sqlite: Engine, tmp_path: Path) -> None:
    source = creer_moteur(f"sqlite:///{tmp_path / 'source.db'}")
    save_site(source, SITE)
    _importer(source, _journal(30_000, "2022-01"))
    sauvegarder(source, tmp_path / "sauvegarde.db")
    source.dispose()
    save_site(moteur_sqlite, SITE)
    _importer(moteur_sqlite, _journal(200, "2023-05"))
    avant = contenu_tables(moteur_sqlite)
    plein = _moteur_presque_plein(str(moteur_sqlite.url), pages_libres=30)
    with pytest.raises(ErreurStockage) as erreur:
        restaurer(plein, tmp_path / "sauvegarde.db")
    assert str(erreur.value) == MESSAGE_ECHEC + "database or disk is full"
    plein.dispose()
    assert contenu_tables(moteur_sqlite) == avant
    assert _integrite(moteur_sqlite) == "ok"


# --- a database error in the middle of a write (both databases) ---------------------------------------------------

def test_une_erreur_de_la_base_au_milieu_d_un_import_annule_tout(moteur: Engine) -> None:
    """The error strikes after the import was journaled and the old rows marked replaced: all of it is undone."""
    save_site(moteur, SITE)
    _importer(moteur, _journal(300, "2023-05"))
    avant = contenu_tables(moteur)
    panne = moteur.dialect.loaded_dbapi.OperationalError("could not extend file: No space left on device")

    def _echouer(_conn, _curseur, instruction: str, *_args) -> None:  # noqa: ANN001
        if instruction.startswith("INSERT INTO journal"):
            raise panne

    event.listen(moteur, "before_cursor_execute", _echouer)
    try:
        with pytest.raises(ErreurStockage) as erreur:
            _importer(moteur, _journal(1_000, "2023-05", "N"), remplacer=True)
    finally:
        event.remove(moteur, "before_cursor_execute", _echouer)
    assert str(erreur.value) == MESSAGE_ECHEC + "could not extend file: No space left on device"
    assert contenu_tables(moteur) == avant
    assert _importer(moteur, _journal(1_000, "2023-05", "N"), remplacer=True).remplacees == 300
