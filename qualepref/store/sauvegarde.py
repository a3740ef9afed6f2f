"""Backup and restore of a whole qualepref database, between SQLite and PostgreSQL alike.

A backup file is itself a SQLite database with the current schema and its ``alembic_version``: it can be opened
with any SQLite tool, restored on either database, and migrated when an older backup meets a newer application.

- From SQLite, the file is written with SQLite's online backup API (a consistent snapshot taken while other
  connections keep writing), never by copying an open database file (its WAL would be missed).
- From PostgreSQL, a fresh migrated SQLite file is filled table by table (dependency order, batches) inside one
  REPEATABLE READ transaction, so that every table is read from the same snapshot while imports go on.
- A restore replaces the whole content of the target in ONE transaction: either the backup is entirely there, or
  nothing changed. The backup file itself is never modified (a private copy is migrated when it is older).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, delete, func, insert, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from qualepref.store import DOSSIER_MIGRATIONS, ErreurStockage, creer_moteur, ecriture
from qualepref.store.models import Base

TAILLE_LOT = 5_000
ENTETE_SQLITE = b"SQLite format 3\x00"


# --- helpers ----------------------------------------------------------------------------------------------------

def _script():  # noqa: ANN202 - alembic.script.ScriptDirectory
    """Our migration scripts (to know the head and whether a revision exists)."""
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(DOSSIER_MIGRATIONS))
    return ScriptDirectory.from_config(cfg)


def _revision_de(conn: Connection) -> str | None:
    """The Alembic revision a database is at (None when it has no ``alembic_version`` table or row)."""
    if "alembic_version" not in inspect(conn).get_table_names():
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _moteur_fichier(chemin: Path, migrer_schema: bool) -> Engine:
    """An engine on a SQLite file of ours (a backup being written or a private copy being read)."""
    return creer_moteur(f"sqlite:///{chemin}", migrer_schema=migrer_schema)


def _fichier_autonome(chemin: Path) -> None:
    """Leave the SQLite file self-contained (no WAL beside it), as a file handed to someone must be."""
    conn = sqlite3.connect(chemin)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()


def _compter(conn: Connection) -> dict[str, int]:
    """Rows per table of our schema, in dependency order."""
    return {
        table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
        for table in Base.metadata.sorted_tables
    }


def _copier_table(source: Connection, cible: Connection, table: Table) -> int:
    """Copy every row of ``table`` from ``source`` to ``cible`` in batches (primary key order); returns the count."""
    requete = select(table).order_by(*table.primary_key.columns)
    resultat = source.execution_options(yield_per=TAILLE_LOT).execute(requete)
    total = 0
    for lot in resultat.partitions(TAILLE_LOT):
        lignes = [dict(ligne._mapping) for ligne in lot]
        cible.execute(insert(table), lignes)
        total += len(lignes)
    return total


@contextlib.contextmanager
def _fichier_temporaire(dossier: Path, suffixe: str) -> Iterator[Path]:
    """A temporary file path in ``dossier`` (same file system, so the final rename is atomic), always removed."""
    descripteur, nom = tempfile.mkstemp(prefix=".qualepref-", suffix=suffixe, dir=dossier)
    os.close(descripteur)
    chemin = Path(nom)
    try:
        yield chemin
    finally:
        for annexe in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(FileNotFoundError):
                Path(f"{chemin}{annexe}").unlink()


def _erreur_technique(action: str, exc: BaseException) -> ErreurStockage:
    """A French message for a failure of the database or of the disk."""
    detail = getattr(exc, "orig", None) or exc
    return ErreurStockage(
        f"{action} a échoué (base de données ou disque indisponible, plein ou en lecture seule). "
        f"Réessayez ; si le problème persiste, prévenez l'administrateur. Détail : {detail}"
    )


# --- backup -----------------------------------------------------------------------------------------------------

def sauvegarder(engine: Engine, chemin: str | os.PathLike[str]) -> dict[str, int]:
    """Write the whole database of ``engine`` to the SQLite file ``chemin``; returns the rows per table saved.

    The file appears only once complete (written beside it, then renamed): a failed backup leaves no half file
    and never damages an earlier backup of the same name. Writes may go on during the backup: the file holds one
    consistent snapshot.
    """
    destination = Path(chemin)
    if destination.is_dir():
        raise ErreurStockage(f"« {destination} » est un dossier : indiquez le nom du fichier de sauvegarde.")
    if not destination.parent.is_dir():
        raise ErreurStockage(f"Le dossier « {destination.parent} » n'existe pas : créez-le d'abord.")
    try:
        with _fichier_temporaire(destination.parent, ".sauvegarde") as provisoire:
            if engine.dialect.name == "sqlite":
                _sauvegarder_sqlite(engine, provisoire)
            else:
                _sauvegarder_par_tables(engine, provisoire)
            _fichier_autonome(provisoire)
            lecteur = _moteur_fichier(provisoire, migrer_schema=False)
            try:
                with lecteur.connect() as conn:
                    comptes = _compter(conn)
            finally:
                lecteur.dispose()
            os.replace(provisoire, destination)
    except ErreurStockage:
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise _erreur_technique("La sauvegarde", exc) from exc
    return comptes


def _sauvegarder_sqlite(engine: Engine, provisoire: Path) -> None:
    """SQLite's online backup API: all pages in one step, hence one consistent snapshot (WAL lets writers go on)."""
    brute = engine.raw_connection()
    try:
        cible = sqlite3.connect(provisoire)
        try:
            brute.driver_connection.backup(cible)
        finally:
            cible.close()
    finally:
        brute.close()


def _sauvegarder_par_tables(engine: Engine, provisoire: Path) -> None:
    """Another database: a fresh migrated SQLite file filled from one REPEATABLE READ snapshot of the source."""
    tete = _script().get_current_head()
    cible_moteur = _moteur_fichier(provisoire, migrer_schema=True)
    try:
        with engine.connect() as source:
            source = source.execution_options(isolation_level="REPEATABLE READ")
            with source.begin():
                revision = _revision_de(source)
                if revision != tete:
                    raise ErreurStockage(
                        f"La base est à la révision {revision} du schéma et non à la dernière ({tete}) : "
                        "redémarrez l'application (elle met la base à jour) puis recommencez la sauvegarde."
                    )
                with cible_moteur.connect() as cible:
                    cible = cible.execution_options(ecriture=True)
                    with cible.begin():
                        for table in Base.metadata.sorted_tables:
                            _copier_table(source, cible, table)
    finally:
        cible_moteur.dispose()


# --- restore ----------------------------------------------------------------------------------------------------

def restaurer(engine: Engine, chemin: str | os.PathLike[str]) -> dict[str, int]:
    """Replace the whole content of ``engine``'s database by the backup ``chemin``; returns the rows per table.

    Refused with a French ``ErreurStockage`` (nothing changed) when the file is missing, is not a SQLite database,
    is not a qualepref backup, or comes from a newer qualepref. An older backup is migrated (on a private copy)
    before being restored. Everything happens in ONE transaction on the target.
    """
    source = Path(chemin)
    if not source.is_file():
        raise ErreurStockage(f"Le fichier « {source} » n'existe pas.")
    with source.open("rb") as flux:
        entete = flux.read(len(ENTETE_SQLITE))
    if entete != ENTETE_SQLITE:
        raise ErreurStockage(
            f"Le fichier « {source.name} » n'est pas une sauvegarde qualepref (ce n'est pas une base SQLite)."
        )
    try:
        with _fichier_temporaire(Path(tempfile.gettempdir()), ".restauration") as copie:
            _copier_fichier_sqlite(source, copie)
            _verifier_revision(source, copie)
            lecteur = _moteur_fichier(copie, migrer_schema=True)
            try:
                _verifier_tables(source, lecteur)
                with lecteur.connect() as lecture:
                    with lecture.begin():
                        return _remplacer_contenu(engine, lecture)
            finally:
                lecteur.dispose()
    except ErreurStockage:
        raise
    except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
        raise _erreur_technique("La restauration", exc) from exc


def _copier_fichier_sqlite(source: Path, copie: Path) -> None:
    """Copy the backup into a private file (opened read-only: the user's file is never touched), then check it.

    A damaged file is refused before anything is deleted on the target (``quick_check`` reads every page).
    """
    try:
        lecture = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ErreurStockage(f"Le fichier « {source.name} » ne peut pas être ouvert : {exc}") from exc
    try:
        cible = sqlite3.connect(copie)
        try:
            lecture.backup(cible)
            verdict = cible.execute("PRAGMA quick_check").fetchall()
        finally:
            cible.close()
    except sqlite3.DatabaseError as exc:
        raise ErreurStockage(
            f"Le fichier « {source.name} » n'est pas une sauvegarde qualepref (base SQLite illisible : {exc})."
        ) from exc
    finally:
        lecture.close()
    if verdict != [("ok",)]:
        raise ErreurStockage(
            f"Le fichier « {source.name} » n'est pas une sauvegarde qualepref utilisable (base SQLite abîmée : "
            f"{'; '.join(str(ligne[0]) for ligne in verdict[:3])})."
        )


def _verifier_revision(source: Path, copie: Path) -> None:
    """The backup must carry a revision of ours, not newer than the application."""
    from alembic.util.exc import CommandError

    conn = sqlite3.connect(copie)
    try:
        ligne = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'").fetchone()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if ligne else None
    finally:
        conn.close()
    if revision is None:
        raise ErreurStockage(
            f"Le fichier « {source.name} » n'est pas une sauvegarde qualepref (pas de version de schéma)."
        )
    try:
        connue = _script().get_revision(revision[0]) is not None
    except CommandError:
        connue = False
    if not connue:
        raise ErreurStockage(
            f"Cette sauvegarde vient d'une version plus récente de qualepref (révision {revision[0]}) : "
            "mettez l'application à jour avant de la restaurer."
        )


def _verifier_tables(source: Path, lecteur: Engine) -> None:
    """After migration, the copy must hold every table of our schema."""
    presentes = set(inspect(lecteur).get_table_names())
    manquantes = sorted(t.name for t in Base.metadata.sorted_tables if t.name not in presentes)
    if manquantes:
        raise ErreurStockage(
            f"Le fichier « {source.name} » n'est pas une sauvegarde qualepref complète (tables absentes : "
            f"{', '.join(manquantes)})."
        )


def _remplacer_contenu(engine: Engine, lecture: Connection) -> dict[str, int]:
    """In one write transaction on the target: empty every table, then insert the backup's rows."""
    comptes: dict[str, int] = {}
    with ecriture(engine) as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))
        for table in Base.metadata.sorted_tables:
            comptes[table.name] = _copier_table(lecture, conn, table)
        if conn.dialect.name == "postgresql":
            _recaler_sequences(conn)
    return comptes


def _recaler_sequences(conn: Connection) -> None:
    """PostgreSQL: set each serial sequence past the restored ids, so that the next insert gets a free id."""
    for table in Base.metadata.sorted_tables:
        colonne = table.autoincrement_column
        if colonne is None:
            continue
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence(:table, :colonne), COALESCE(MAX({colonne.name}), 1), "
                f"MAX({colonne.name}) IS NOT NULL) FROM {table.name}"
            ),
            {"table": table.name, "colonne": colonne.name},
        )
