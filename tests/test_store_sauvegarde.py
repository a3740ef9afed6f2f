"""Backup and restore: SQLite → PostgreSQL → SQLite without losing a row, backups taken while imports go on,
files that are not backups refused in French with nothing changed, and the two commands of the command line."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3
import threading
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Boolean, Date, DateTime, Engine, Float, Integer, create_engine, func, insert, select, text

from qualepref.store import (
    ErreurStockage,
    Site,
    annuler_import,
    compter_lignes,
    contenu_tables,
    creer_moteur,
    enregistrer_import,
    migrer,
    save_site,
)
from qualepref.store.models import Base, ImportModel, JournalModel, ValeurModel
from qualepref.store.sauvegarde import restaurer, sauvegarder

SITE = Site("PREF-51", "Préfecture de la Marne", "prefecture", True, modules=(1, 2, 4))
NOMBRE_TABLES = len(Base.metadata.sorted_tables)


def _journal(n: int, mois: str, prefixe: str = "R") -> pd.DataFrame:
    reception = pd.Timestamp(f"{mois}-02")
    return pd.DataFrame({
        "reference": [f"{prefixe}{i}" for i in range(n)], "canal": "courriel", "nature": "reclamation",
        "date_reception": reception, "date_completude": pd.NaT, "date_reponse": reception + pd.Timedelta(days=4),
        "type_reponse": "fond", "service": "Accueil – « étrangers »", "cle": mois,
    })


def _importer(moteur: Engine, lignes: pd.DataFrame, remplacer: bool = False):  # noqa: ANN202
    return enregistrer_import(
        moteur, type_donnees="journal", site=SITE.code, lignes=lignes, fichier="journal.xlsx", sha256="ab" * 32,
        utilisateur="referent", periodes=sorted(set(lignes["cle"])), remplacer=remplacer,
    )


def _valeur(colonne, i: int, deja: dict[str, list]):  # noqa: ANN001, ANN202 - a Column, any value
    """A value of the column's type for row ``i`` (foreign keys point at the first row of their table)."""
    if colonne.foreign_keys:
        cible = next(iter(colonne.foreign_keys)).column
        return deja[cible.table.name][0][cible.name]
    if colonne.nullable and i == 3:
        return None
    if isinstance(colonne.type, Boolean):
        return i % 2 == 0
    if isinstance(colonne.type, Integer):
        return i
    if isinstance(colonne.type, Float):
        return 1.5 * i
    if isinstance(colonne.type, DateTime):
        return dt.datetime(2024, 5, i, 13, 45, 7, 123456)
    if isinstance(colonne.type, Date):
        return dt.date(2023, 12, 28 + i)
    longueur = getattr(colonne.type, "length", None) or 100
    return f"é«{i}»{colonne.name}"[:longueur]


def _remplir_toutes_les_tables(moteur: Engine) -> None:
    """Three rows in every table of the schema (accents, NULLs, booleans, dates, microseconds), plus imports."""
    deja: dict[str, list] = {}
    with moteur.begin() as conn:
        for table in Base.metadata.sorted_tables:
            deja[table.name] = [{c.name: _valeur(c, i, deja) for c in table.columns} for i in (1, 2, 3)]
            conn.execute(insert(table), deja[table.name])
    save_site(moteur, SITE)
    _importer(moteur, _journal(12_000, "2023-05"))
    second = _importer(moteur, _journal(3_000, "2023-05", "B"), remplacer=True)
    _importer(moteur, _journal(2_000, "2023-06"))
    annuler_import(moteur, second.import_id, "referent")


def test_aller_retour_sqlite_postgres_sqlite_sans_perdre_une_ligne(
    moteur_sqlite: Engine, url_postgres: str, tmp_path: Path
) -> None:
    _remplir_toutes_les_tables(moteur_sqlite)
    origine = contenu_tables(moteur_sqlite)
    assert all(origine.values()), "chaque table doit contenir des lignes"
    attendu = compter_lignes(moteur_sqlite)
    assert attendu["journal"] == 3 + 12_000 + 2_000  # the undone import's rows are gone, the replaced ones back

    assert sauvegarder(moteur_sqlite, tmp_path / "depuis-sqlite.db") == attendu
    postgres = creer_moteur(url_postgres)
    try:
        assert restaurer(postgres, tmp_path / "depuis-sqlite.db") == attendu
        assert contenu_tables(postgres) == origine
        assert sauvegarder(postgres, tmp_path / "depuis-postgres.db") == attendu
        # the serial sequences were reset: the next import gets the next number
        suivant = _importer(postgres, _journal(5, "2024-01"))
        with postgres.connect() as conn:
            assert suivant.import_id == conn.execute(select(func.max(ImportModel.id))).scalar_one()
            assert suivant.import_id == max(int(r[0]) for r in origine["imports"]) + 1
    finally:
        postgres.dispose()

    retour = creer_moteur(f"sqlite:///{tmp_path / 'retour.db'}")
    assert restaurer(retour, tmp_path / "depuis-postgres.db") == attendu
    assert contenu_tables(retour) == origine
    retour.dispose()


def test_la_restauration_remplace_tout_le_contenu(moteur: Engine, tmp_path: Path) -> None:
    source = creer_moteur(f"sqlite:///{tmp_path / 'source.db'}")
    save_site(source, SITE)
    _importer(source, _journal(7, "2023-05"))
    sauvegarder(source, tmp_path / "sauvegarde.db")
    save_site(moteur, Site("SP-REIMS", "Sous-préfecture de Reims", "sous-prefecture", False))
    save_site(moteur, SITE)
    _importer(moteur, _journal(50, "2022-01"))
    comptes = restaurer(moteur, tmp_path / "sauvegarde.db")
    assert (comptes["sites"], comptes["imports"], comptes["journal"]) == (1, 1, 7)
    assert sum(comptes.values()) == 9 and len(comptes) == NOMBRE_TABLES
    assert contenu_tables(moteur) == contenu_tables(source)
    source.dispose()


@pytest.mark.parametrize("contenu", [b"", b"reference;canal\nA1;courrier\n", b"PK\x03\x04" + bytes(200)],
                         ids=["vide", "csv", "zip"])
def test_un_fichier_qui_n_est_pas_une_base_sqlite_est_refuse(moteur: Engine, tmp_path: Path, contenu: bytes) -> None:
    save_site(moteur, SITE)
    avant = contenu_tables(moteur)
    fichier = tmp_path / "journal.csv"
    fichier.write_bytes(contenu)
    with pytest.raises(ErreurStockage) as erreur:
        restaurer(moteur, fichier)
    assert str(erreur.value) == (
        "Le fichier « journal.csv » n'est pas une sauvegarde qualepref (ce n'est pas une base SQLite)."
    )
    assert contenu_tables(moteur) == avant


def test_une_base_sqlite_etrangere_est_refusee(moteur: Engine, tmp_path: Path) -> None:
    save_site(moteur, SITE)
    avant = contenu_tables(moteur)
    fichier = tmp_path / "autre.sqlite"
    conn = sqlite3.connect(fichier)
    conn.execute("CREATE TABLE contacts (nom TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(ErreurStockage) as erreur:
        restaurer(moteur, fichier)
    assert str(erreur.value) == (
        "Le fichier « autre.sqlite » n'est pas une sauvegarde qualepref (pas de version de schéma).")
    assert contenu_tables(moteur) == avant


def test_une_base_sqlite_abimee_est_refusee(moteur: Engine, tmp_path: Path) -> None:
    save_site(moteur, SITE)
    avant = contenu_tables(moteur)
    fichier = tmp_path / "abimee.db"
    sauvegarder(moteur, fichier)
    octets = bytearray(fichier.read_bytes())
    octets[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree (the schema) is garbage
    fichier.write_bytes(bytes(octets))
    with pytest.raises(ErreurStockage, match=r"^Le fichier « abimee\.db » n'est pas une sauvegarde qualepref"):
        restaurer(moteur, fichier)
    assert contenu_tables(moteur) == avant


def test_une_sauvegarde_d_une_version_plus_recente_est_refusee(moteur: Engine, tmp_path: Path) -> None:
    save_site(moteur, SITE)
    fichier = tmp_path / "future.db"
    sauvegarder(moteur, fichier)
    conn = sqlite3.connect(fichier)
    conn.execute("UPDATE alembic_version SET version_num = '0042_futur'")
    conn.commit()
    conn.close()
    _importer(moteur, _journal(3, "2023-05"))
    avant = contenu_tables(moteur)
    with pytest.raises(ErreurStockage) as erreur:
        restaurer(moteur, fichier)
    assert str(erreur.value) == (
        "Cette sauvegarde vient d'une version plus récente de qualepref (révision 0042_futur) : "
        "mettez l'application à jour avant de la restaurer."
    )
    assert contenu_tables(moteur) == avant


def test_une_sauvegarde_du_premier_schema_est_migree_sans_toucher_au_fichier(moteur: Engine, tmp_path: Path) -> None:
    """A backup at the first revision (older than head once revisions are added) is migrated on a private copy."""
    fichier = tmp_path / "ancienne.db"
    ancien = creer_moteur(f"sqlite:///{fichier}", migrer_schema=False)
    migrer(ancien, "0001")
    with ancien.begin() as conn:
        conn.execute(text(
            "INSERT INTO sites (code, nom, type_site, cert, zone, referentiel, modules, demo, marge_proche, cree_le) "
            "VALUES ('PREF-51', 'Préfecture', 'prefecture', 1, 'metropole', 'qualepref-2019', '1,2', 0, 5.0, "
            "'2020-01-01 00:00:00')"))
        conn.execute(text(
            "INSERT INTO imports (id, site, type_donnees, fichier, sha256, utilisateur, quand, periodes, ajoutees, "
            "remplacees) VALUES (1, 'PREF-51', 'journal', 'j.xlsx', '', 'referent', '2020-01-02 00:00:00', "
            "'2019-12', 2, 0)"))
        conn.execute(text(
            "INSERT INTO journal (site, annee, cle, import_id, reference, canal, nature, date_reception) VALUES "
            "('PREF-51', 2019, '2019-12', 1, 'A1', 'courrier', 'information', '2019-12-02'), "
            "('PREF-51', 2019, '2019-12', 1, 'A2', 'courriel', 'reclamation', '2019-12-03')"))
    ancien.dispose()
    _fichier_sans_wal(fichier)
    empreinte = hashlib.sha256(fichier.read_bytes()).hexdigest()
    comptes = restaurer(moteur, fichier)
    assert (comptes["sites"], comptes["imports"], comptes["journal"]) == (1, 1, 2)
    with moteur.connect() as conn:
        assert conn.execute(select(JournalModel.reference).order_by(JournalModel.id)).scalars().all() == ["A1", "A2"]
    assert hashlib.sha256(fichier.read_bytes()).hexdigest() == empreinte


def _fichier_sans_wal(fichier: Path) -> None:
    conn = sqlite3.connect(fichier)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def test_une_sauvegarde_manquee_ne_laisse_pas_de_fichier(moteur: Engine, tmp_path: Path) -> None:
    with pytest.raises(ErreurStockage) as erreur:
        sauvegarder(moteur, tmp_path / "absent" / "s.db")
    assert str(erreur.value) == f"Le dossier « {tmp_path / 'absent'} » n'existe pas : créez-le d'abord."
    with pytest.raises(ErreurStockage) as erreur:
        restaurer(moteur, tmp_path / "nulle-part.db")
    assert str(erreur.value) == f"Le fichier « {tmp_path / 'nulle-part.db'} » n'existe pas."
    assert list(tmp_path.iterdir()) == [] or all(not p.name.startswith(".qualepref-") for p in tmp_path.iterdir())


LIGNES_PAR_IMPORT = 1_500


def _valeurs(periode: str) -> pd.DataFrame:
    return pd.DataFrame({
        "indicateur": [f"IND-{i}" for i in range(LIGNES_PAR_IMPORT)], "periode": periode, "valeur": 87.5,
        "numerateur": 175.0, "denominateur": 200.0, "commentaire": None, "cle": periode,
    })


def test_sauvegarde_pendant_des_imports_coherente_et_restauree_sans_perte(moteur: Engine, tmp_path: Path) -> None:
    """A référent keeps importing while the backup runs: each backup holds whole imports only, restored entirely.

    The base already holds a large journal, and the imports going on write indicator values (a table copied after
    the journal): a backup that did not read every table from one snapshot would hold values of imports missing
    from its import journal, or miss some.
    """
    save_site(moteur, SITE)
    _importer(moteur, _journal(15_000, "2023-01"))
    arret = threading.Event()
    faits: list[int] = []
    erreurs: list[BaseException] = []

    def importer_en_boucle() -> None:
        try:
            for periode in pd.period_range("2000-01", periods=900, freq="M").astype(str):
                if arret.is_set():
                    return
                faits.append(enregistrer_import(
                    moteur, type_donnees="indicateurs", site=SITE.code, lignes=_valeurs(periode), fichier="v.csv",
                    sha256="cd" * 32, utilisateur="referent", periodes=[periode]).import_id)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            erreurs.append(exc)

    ecrivain = threading.Thread(target=importer_en_boucle)
    ecrivain.start()
    try:
        while len(faits) < 2:
            arret.wait(0.01)
        fichiers = []
        for n in range(3):
            fichier = tmp_path / f"pendant-{n}.db"
            sauvegarder(moteur, fichier)
            fichiers.append(fichier)
    finally:
        arret.set()
        ecrivain.join()
    assert erreurs == []

    imports_par_sauvegarde = []
    for fichier in fichiers:
        lecteur = create_engine(f"sqlite:///{fichier}")
        with lecteur.connect() as conn:
            par_import = dict(conn.execute(
                select(ValeurModel.import_id, func.count()).group_by(ValeurModel.import_id)).all())
            journal = dict(conn.execute(
                select(ImportModel.id, ImportModel.ajoutees).where(ImportModel.type_donnees == "indicateurs")).all())
            assert conn.execute(select(func.count()).select_from(JournalModel)).scalar_one() == 15_000
        assert journal, "la sauvegarde contient les imports déjà faits"
        assert par_import == {i: LIGNES_PAR_IMPORT for i in journal}  # every import whole, none partial or orphan
        assert journal == {i: LIGNES_PAR_IMPORT for i in journal}
        imports_par_sauvegarde.append(len(journal))
        lecteur.dispose()
    assert len(faits) > imports_par_sauvegarde[0], "les imports ont continué pendant les sauvegardes"

    dernier = create_engine(f"sqlite:///{fichiers[-1]}")
    attendu = contenu_tables(dernier)
    dernier.dispose()
    comptes = restaurer(moteur, fichiers[-1])
    assert comptes["valeurs"] == imports_par_sauvegarde[-1] * LIGNES_PAR_IMPORT
    assert comptes["journal"] == 15_000
    assert contenu_tables(moteur) == attendu


# --- the command line -------------------------------------------------------------------------------------------

def _commande(nom: str, *arguments: str) -> tuple[int, str, str]:
    """Run one command of the registry as ``main`` does (French message and exit code 1 on error).

    Only this command's parser is built: ``main`` also sets up every other command, some of which need modules
    that are tested elsewhere.
    """
    from qualepref.cli import COMMANDES, Contexte, ErreurCommande, _Parseur

    sortie, erreurs = io.StringIO(), io.StringIO()
    parseur = _Parseur(prog=f"python -m qualepref {nom}")
    COMMANDES[nom].configurer(parseur)
    try:
        code = COMMANDES[nom].executer(parseur.parse_args(list(arguments)), Contexte(sortie, erreurs))
    except ErreurCommande as exc:
        erreurs.write(f"{exc}\n")
        code = 1
    return code, sortie.getvalue(), erreurs.getvalue()


def test_la_ligne_de_commande_sauvegarde_et_restaure(config_app: Path, tmp_path: Path) -> None:
    moteur = creer_moteur(f"sqlite:///{tmp_path / 'app.db'}")
    save_site(moteur, SITE)
    _importer(moteur, _journal(4, "2023-05"))
    fichier = tmp_path / "sauvegarde.db"
    assert _commande("sauvegarde", str(fichier)) == (
        0, f"Sauvegarde écrite : {fichier} (6 lignes dans {NOMBRE_TABLES} tables).\n", "")
    avant = contenu_tables(moteur)
    _importer(moteur, _journal(3, "2023-06"))
    assert _commande("restaurer", str(fichier)) == (
        0, f"Sauvegarde restaurée : {fichier} (6 lignes dans {NOMBRE_TABLES} tables).\n", "")
    assert contenu_tables(moteur) == avant
    moteur.dispose()


def test_la_ligne_de_commande_refuse_un_fichier_etranger_en_francais(config_app: Path, tmp_path: Path) -> None:
    fichier = tmp_path / "notes.txt"
    fichier.write_text("pas une base", encoding="utf-8")
    code, sortie, erreurs = _commande("restaurer", str(fichier))
    assert (code, sortie) == (1, "")
    assert erreurs == "Le fichier « notes.txt » n'est pas une sauvegarde qualepref (ce n'est pas une base SQLite).\n"
    code, _, erreurs = _commande("sauvegarde", str(tmp_path / "absent" / "s.db"))
    assert code == 1 and "Traceback" not in erreurs
    assert erreurs == f"Le dossier « {tmp_path / 'absent'} » n'existe pas : créez-le d'abord.\n"
