"""Alembic migrations, on SQLite and (when a server is configured) PostgreSQL.

pytest-alembic's checks: a single head, upgrade from an empty base, every downgrade then upgrade again, and models
that match the migrated schema. Plus the case users live through: a base holding data at the first schema is
brought to the latest one by the application's start-up, and its rows are intact and usable.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from alembic.script import ScriptDirectory
from pytest_alembic.tests import (
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import Connection, Engine, inspect, text

from qualepref.store import (
    config_alembic,
    creer_moteur,
    enregistrer_import,
    load_donnees,
    load_imports,
    load_sites,
    migrer,
)
from qualepref.store.models import Base
from qualepref.store.pilotage import load_cibles

__all__ = [  # pytest collects the imported checks as tests of this module
    "test_model_definitions_match_ddl",
    "test_single_head_revision",
    "test_up_down_consistency",
    "test_upgrade",
]

PREMIERE_REVISION = "0001"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def url_vierge(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database (no table at all) on each database the project supports."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'vierge.db'}"
    return request.getfixturevalue("url_postgres")


@pytest.fixture
def moteur_vierge(url_vierge: str) -> Iterator[Engine]:
    """The store's engine on that empty database (set up as the app sets it up), not migrated."""
    moteur = creer_moteur(url_vierge, migrer_schema=False)
    yield moteur
    moteur.dispose()


@pytest.fixture
def alembic_config(moteur_vierge: Engine):  # noqa: ANN201 - alembic.config.Config
    """pytest-alembic runs our own Alembic configuration (the one start-up uses)."""
    return config_alembic(moteur_vierge)


@pytest.fixture
def alembic_engine(moteur_vierge: Engine) -> Iterator[Connection]:
    """pytest-alembic hands this to ``env.py`` as ``config.attributes["connection"]``: it must be a connection."""
    with moteur_vierge.connect() as connexion:
        yield connexion


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(config_alembic(creer_moteur("sqlite://", migrer_schema=False)))


def test_la_premiere_revision_est_la_base_de_l_historique() -> None:
    script = _script()
    assert [r.revision for r in script.get_revisions("base")] == []
    bases = [r.revision for r in script.walk_revisions() if r.down_revision is None]
    assert bases == [PREMIERE_REVISION]


def _inserer_au_premier_schema(moteur: Engine) -> None:
    """A site, an import and its rows, a target and an account, written with plain SQL against schema 0001."""
    with moteur.begin() as conn:
        conn.execute(text(
            "INSERT INTO sites (code, nom, type_site, cert, zone, referentiel, modules, demo, marge_proche, "
            "code_postal, ville, code_sp, cree_le) VALUES (:code, :nom, 'prefecture', :vrai, 'metropole', "
            "'qualepref-2019', '1,2,4', :faux, 5.0, '51000', 'Châlons-en-Champagne', NULL, '2020-01-01 08:00:00')"),
            {"code": "PREF-51", "nom": "Préfecture de la Marne", "vrai": True, "faux": False})
        conn.execute(text(
            "INSERT INTO imports (id, site, type_donnees, fichier, sha256, utilisateur, quand, periodes, ajoutees, "
            "remplacees) VALUES (1, 'PREF-51', 'journal', 'journal 2019.xlsx', :sha, 'référent', "
            "'2020-01-02 09:30:00', '2019-12', 3, 0)"), {"sha": "ab" * 32})
        conn.execute(text(
            "INSERT INTO journal (id, site, annee, cle, import_id, reference, canal, nature, date_reception, "
            "date_completude, date_reponse, type_reponse, service) VALUES (:id, 'PREF-51', 2019, '2019-12', 1, :ref, "
            ":canal, 'information', :recu, NULL, :repondu, 'fond', 'Accueil')"),
            [{"id": 1, "ref": "A1", "canal": "courrier", "recu": "2019-12-02", "repondu": "2019-12-05"},
             {"id": 2, "ref": "A2", "canal": "courriel", "recu": "2019-12-03", "repondu": None},
             {"id": 3, "ref": "A3 « accentué »", "canal": "formulaire", "recu": "2019-12-31",
              "repondu": "2020-01-06"}])
        conn.execute(text(
            "INSERT INTO cibles (site, indicateur, cible, modifie_le) VALUES ('PREF-51', 'E10-APPELS-ABOUTIS', 85.0, "
            "'2020-01-03 10:00:00')"))
        conn.execute(text(
            "INSERT INTO comptes (id, identifiant, role, doit_changer, echecs, actif, cree_le) VALUES "
            "(1, 'copil', 'copil', :faux, 0, :vrai, '2020-01-01 08:00:00')"), {"vrai": True, "faux": False})
        if conn.dialect.name == "postgresql":  # rows given explicit ids: move the sequences past them
            for table in ("imports", "journal", "comptes"):
                conn.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))


def test_une_base_au_premier_schema_avec_des_donnees_monte_a_la_derniere_version(
    moteur_vierge: Engine, url_vierge: str
) -> None:
    migrer(moteur_vierge, PREMIERE_REVISION)
    _inserer_au_premier_schema(moteur_vierge)
    moteur_vierge.dispose()

    moteur = creer_moteur(url_vierge)  # start-up: every later revision runs on the stored rows
    try:
        with moteur.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert revision == _script().get_current_head()
            assert set(inspect(conn).get_table_names()) >= {t.name for t in Base.metadata.sorted_tables}
        site, = load_sites(moteur)
        assert (site.code, site.nom, site.cert, site.modules, site.ville) == (
            "PREF-51", "Préfecture de la Marne", True, (1, 2, 4), "Châlons-en-Champagne")
        journal = load_donnees(moteur, "journal", "PREF-51")
        assert journal["reference"].tolist() == ["A1", "A2", "A3 « accentué »"]
        assert journal["canal"].tolist() == ["courrier", "courriel", "formulaire"]
        assert journal["date_reception"].dt.strftime("%d/%m/%Y").tolist() == [
            "02/12/2019", "03/12/2019", "31/12/2019"]
        assert journal["date_reponse"].isna().tolist() == [False, True, False]
        imports = load_imports(moteur)
        assert imports[["id", "fichier", "ajoutees", "utilisateur"]].values.tolist() == [
            [1, "journal 2019.xlsx", 3, "référent"]]
        cibles = load_cibles(moteur, "PREF-51")
        assert cibles[["indicateur", "cible"]].values.tolist() == [["E10-APPELS-ABOUTIS", 85.0]]
        # the migrated base takes new imports (sequences and constraints intact)
        lignes = journal.drop(columns=["site"]).assign(cle="2020-01", date_reception=pd.Timestamp("2020-01-06"))
        resultat = enregistrer_import(moteur, type_donnees="journal", site="PREF-51", lignes=lignes, fichier="j.csv",
                                      sha256="cd" * 32, utilisateur="référent", periodes=["2020-01"])
        assert (resultat.import_id, resultat.ajoutees) == (2, 3)
        assert len(load_donnees(moteur, "journal", "PREF-51")) == 6
    finally:
        moteur.dispose()
