"""The store on SQLite and PostgreSQL: sites, one-transaction imports, replacement, undo, frames handed out."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine, inspect, text

from qualepref.store import (
    DonneesExistantes,
    ErreurStockage,
    Site,
    annuler_import,
    contenu_tables,
    enregistrer_import,
    get_site,
    load_donnees,
    load_imports,
    load_journal,
    load_sites,
    save_site,
    sites_frame,
)

SITE = Site("PREF-51", "Préfecture de la Marne", "prefecture", True, "metropole", "qualepref-2019", (1, 2, 4))


def _journal(references: list[str], mois: list[str]) -> pd.DataFrame:
    receptions = pd.to_datetime([f"{m}-02" for m in mois])
    return pd.DataFrame({
        "reference": references,
        "canal": ["courrier"] * len(references),
        "nature": ["information"] * len(references),
        "date_reception": receptions,
        "date_completude": pd.NaT,
        "date_reponse": receptions + pd.Timedelta(days=3),
        "type_reponse": ["fond"] * len(references),
        "service": ["Accueil"] * len(references),
        "cle": mois,
    })


def _importer(moteur: Engine, lignes: pd.DataFrame, remplacer: bool = False):
    return enregistrer_import(
        moteur, type_donnees="journal", site=SITE.code, lignes=lignes, fichier="journal.xlsx", sha256="ab" * 32,
        utilisateur="referent", periodes=sorted(set(lignes["cle"])), remplacer=remplacer,
    )


def test_un_site_se_relit_tel_qu_enregistre(moteur: Engine) -> None:
    save_site(moteur, SITE)
    save_site(moteur, Site("SP-REIMS", "Sous-préfecture de Reims", "sous-prefecture", False, modules=(1, 4)))
    assert load_sites(moteur) == [SITE, Site("SP-REIMS", "Sous-préfecture de Reims", "sous-prefecture", False,
                                             modules=(1, 4))]
    assert sites_frame(load_sites(moteur))["modules"].tolist() == ["1, 2, 4", "1, 4"]
    save_site(moteur, Site(SITE.code, "Préfecture (modifiée)", "prefecture", True, modules=(1, 2)))
    assert get_site(moteur, SITE.code).nom == "Préfecture (modifiée)"
    assert get_site(moteur, SITE.code).modules == (1, 2)


def test_import_puis_relecture_des_lignes_et_des_types(moteur: Engine) -> None:
    save_site(moteur, SITE)
    resultat = _importer(moteur, _journal(["A1", "A2", "A3"], ["2023-05", "2023-05", "2023-06"]))
    assert (resultat.ajoutees, resultat.remplacees) == (3, 0)
    journal = load_journal(moteur, SITE.code, [2023])
    assert journal["reference"].tolist() == ["A1", "A2", "A3"]
    assert journal["date_reception"].dt.strftime("%d/%m/%Y").tolist() == ["02/05/2023", "02/05/2023", "02/06/2023"]
    assert journal["date_completude"].isna().all()
    assert str(journal["date_reponse"].dtype) == "datetime64[ns]"
    assert load_journal(moteur, SITE.code, [2022]).empty


def test_reimporter_sans_confirmation_est_refuse_et_ne_change_rien(moteur: Engine) -> None:
    save_site(moteur, SITE)
    _importer(moteur, _journal(["A1", "A2"], ["2023-05", "2023-06"]))
    avant = contenu_tables(moteur)
    with pytest.raises(DonneesExistantes) as erreur:
        _importer(moteur, _journal(["A1", "A2"], ["2023-05", "2023-06"]))
    assert str(erreur.value) == (
        "Des données de ce type existent déjà pour ces périodes : 2023-05 (1 ligne), 2023-06 (1 ligne). "
        "Confirmez le remplacement pour les remplacer."
    )
    assert contenu_tables(moteur) == avant


def test_le_meme_fichier_deux_fois_ne_double_rien_et_l_annulation_restaure(moteur: Engine) -> None:
    save_site(moteur, SITE)
    premier = _importer(moteur, _journal(["A1", "A2"], ["2023-05", "2023-06"]))
    second = _importer(moteur, _journal(["B1"], ["2023-05"]), remplacer=True)
    assert (second.ajoutees, second.remplacees) == (1, 1)
    assert load_journal(moteur, SITE.code)["reference"].tolist() == ["A2", "B1"]
    assert annuler_import(moteur, second.import_id, "referent") == 1
    assert load_journal(moteur, SITE.code)["reference"].tolist() == ["A1", "A2"]
    journal = load_imports(moteur, SITE.code)
    assert journal["id"].tolist() == [second.import_id, premier.import_id]
    assert journal["annule_par"].tolist()[0] == "referent"
    assert journal[["ajoutees", "remplacees"]].values.tolist() == [[1, 1], [2, 0]]
    with pytest.raises(ErreurStockage, match="déjà été annulé"):
        annuler_import(moteur, second.import_id, "referent")


def test_annuler_un_import_remplace_depuis_est_refuse(moteur: Engine) -> None:
    save_site(moteur, SITE)
    premier = _importer(moteur, _journal(["A1"], ["2023-05"]))
    second = _importer(moteur, _journal(["B1"], ["2023-05"]), remplacer=True)
    with pytest.raises(ErreurStockage) as erreur:
        annuler_import(moteur, premier.import_id, "referent")
    assert str(erreur.value) == (
        f"L'import n° {premier.import_id} a été remplacé depuis par l'import n° {second.import_id} : "
        "annulez d'abord celui-ci."
    )


def test_un_import_pour_un_site_inconnu_est_refuse(moteur: Engine) -> None:
    with pytest.raises(ErreurStockage, match="Le site « PREF-51 » n'existe pas"):
        _importer(moteur, _journal(["A1"], ["2023-05"]))


def test_chaque_type_de_donnees_fait_l_aller_retour(moteur: Engine) -> None:
    save_site(moteur, SITE)
    plan = pd.DataFrame({
        "annee": [2023], "axe": ["Axe 1"], "thematique": ["Formation"], "action": ["=Former les agents"],
        "structure": ["Préfecture"], "pilote": ["SG"], "echeance": pd.to_datetime(["2023-12-31"]),
        "statut": ["en_cours"], "avancement": [40.0], "engagement": pd.array([2], dtype="Int64"), "cle": ["2023"],
    })
    enregistrer_import(moteur, type_donnees="plan", site=SITE.code, lignes=plan, fichier="plan.csv",
                       sha256="0" * 64, utilisateur="referent", periodes=["2023"])
    relu = load_donnees(moteur, "plan", SITE.code, [2023])
    assert relu.loc[0, ["action", "statut", "avancement", "engagement"]].tolist() == [
        "=Former les agents", "en_cours", 40.0, 2]
    mystere = pd.DataFrame({"date": pd.to_datetime(["2023-03-01", "2023-03-02"]), "canal": ["telephone"] * 2,
                            "critere": ["Formule d'accueil"] * 2, "conforme": [True, False], "cle": ["2023-03"] * 2})
    enregistrer_import(moteur, type_donnees="mystere", site=SITE.code, lignes=mystere, fichier="m.xlsx",
                       sha256="1" * 64, utilisateur="referent", periodes=["2023-03"])
    assert load_donnees(moteur, "mystere", SITE.code)["conforme"].tolist() == [True, False]


def test_les_modeles_et_le_schema_migre_concordent(moteur: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from qualepref.store.models import Base

    with moteur.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []
    assert "journal" in inspect(moteur).get_table_names()


def test_sqlite_en_wal_avec_cles_etrangeres(moteur_sqlite: Engine) -> None:
    with moteur_sqlite.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000


def test_date_du_dernier_import_du_journal(moteur: Engine) -> None:
    """The day the journal's content is known (issue 15): its latest import not undone, in Paris time."""
    import datetime as dt

    from qualepref.store import date_dernier_import
    from qualepref.store.models import ImportModel

    save_site(moteur, SITE)
    assert date_dernier_import(moteur, SITE.code, "journal") is None
    premier = _importer(moteur, _journal(["A"], ["2024-01"]))
    second = _importer(moteur, _journal(["B"], ["2024-02"]))
    with moteur.begin() as conn:  # imported on 05/03/2024 at 23:30 UTC (00:30 in Paris, the 6th), and on 10/03
        conn.execute(ImportModel.__table__.update().where(ImportModel.id == premier.import_id)
                     .values(quand=dt.datetime(2024, 3, 10, 9, 0)))
        conn.execute(ImportModel.__table__.update().where(ImportModel.id == second.import_id)
                     .values(quand=dt.datetime(2024, 3, 5, 23, 30)))
    assert date_dernier_import(moteur, SITE.code, "journal") == dt.date(2024, 3, 10)
    annuler_import(moteur, premier.import_id, "referent")
    assert date_dernier_import(moteur, SITE.code, "journal") == dt.date(2024, 3, 6)
    assert date_dernier_import(moteur, SITE.code, "plan") is None
