"""edition: what changed in an edited table (the plan d'actions page), cell by cell, and the page's filters.

The table is the plan as the store hands it out (``load_donnees``): ids, text, dates, percentages and nullable
engagement numbers; the edited copy is what the page's table gives back.
"""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref.edition import differences, filtrer, valeurs_de_filtre
from qualepref.store import Site, enregistrer_import, load_donnees, save_site
from qualepref.store.pilotage import CHAMPS_PLAN, load_modifications, modifier_plan

SITE = Site("PREF-51", "Préfecture de la Marne", "prefecture", True, modules=(1, 2))


def _plan_importe() -> pd.DataFrame:
    return pd.DataFrame({
        "annee": [2024, 2024, 2024], "axe": ["Accueil", "Accueil", "Numérique"],
        "thematique": ["Signalétique", "Horaires", "Site internet"],
        "action": ["Refaire la signalétique", "Élargir les horaires", "Refondre la FAQ"],
        "structure": ["SG", "SG", "Communication"], "pilote": ["Mme Martin", None, "M. Petit"],
        "echeance": pd.to_datetime(["2024-06-30", "2024-12-31", None]),
        "statut": ["en_cours", "a_lancer", "realisee"], "avancement": [40.0, 0.0, 100.0],
        "engagement": pd.array([6, None, 11], dtype="Int64"), "cle": ["2024"] * 3,
    })


@pytest.fixture
def plan(moteur_sqlite: Engine) -> pd.DataFrame:
    save_site(moteur_sqlite, SITE)
    enregistrer_import(moteur_sqlite, type_donnees="plan", site=SITE.code, lignes=_plan_importe(), fichier="plan.xlsx",
                       sha256="a" * 64, utilisateur="referente", periodes=["2024"])
    return load_donnees(moteur_sqlite, "plan", SITE.code)


def test_aucune_modification(plan: pd.DataFrame) -> None:
    assert differences(plan, plan.copy(), CHAMPS_PLAN) == {}


def test_chaque_cellule_modifiee_et_seulement_elle(plan: pd.DataFrame) -> None:
    ids = plan["id"].tolist()
    edite = plan.copy()
    edite.loc[0, "avancement"] = 60.0
    edite.loc[0, "statut"] = "realisee"
    edite.loc[1, "pilote"] = "M. Durand"  # was empty
    edite.loc[1, "echeance"] = pd.Timestamp("2025-03-31")
    edite.loc[1, "engagement"] = 17  # was empty
    edite.loc[2, "echeance"] = pd.Timestamp("2024-09-30")  # was empty
    assert differences(plan, edite, CHAMPS_PLAN) == {
        ids[0]: {"statut": "realisee", "avancement": 60.0},
        ids[1]: {"pilote": "M. Durand", "echeance": pd.Timestamp("2025-03-31"), "engagement": 17},
        ids[2]: {"echeance": pd.Timestamp("2024-09-30")},
    }


def test_une_cellule_videe_devient_none(plan: pd.DataFrame) -> None:
    ids = plan["id"].tolist()
    edite = plan.copy().astype({"pilote": object})
    edite.loc[0, "pilote"] = "   "  # a cleared text cell
    edite.loc[0, "echeance"] = pd.NaT
    edite.loc[2, "engagement"] = pd.NA
    edite.loc[1, "pilote"] = ""  # empty before, empty after: no change
    assert differences(plan, edite, CHAMPS_PLAN) == {ids[0]: {"pilote": None, "echeance": None},
                                                     ids[2]: {"engagement": None}}


def test_memes_valeurs_sous_un_autre_type(plan: pd.DataFrame) -> None:
    """The page's table may give dates back as dates and numbers as integers: not a change."""
    edite = plan.copy().astype({"avancement": object, "engagement": object, "echeance": object})
    edite["echeance"] = [d.date() if pd.notna(d) else None for d in plan["echeance"]]
    edite["avancement"] = [40, 0, 100]
    edite["engagement"] = [6.0, None, 11.0]
    assert differences(plan, edite, CHAMPS_PLAN) == {}


def test_lignes_inconnues_et_champs_non_suivis_ignores(plan: pd.DataFrame) -> None:
    ids = plan["id"].tolist()
    edite = plan.copy()
    edite.loc[0, "annee"] = 2025  # not among the edited fields
    nouvelle = edite.iloc[[0]].assign(id=max(ids) + 100, action="Ajoutée dans le tableau")
    edite = pd.concat([edite, nouvelle], ignore_index=True)
    edite.loc[2, "action"] = "Refondre la FAQ et le formulaire"
    assert differences(plan, edite, CHAMPS_PLAN) == {ids[2]: {"action": "Refondre la FAQ et le formulaire"}}
    assert differences(plan, edite.drop(columns="action"), CHAMPS_PLAN) == {}


def test_ordre_des_lignes_sans_importance(plan: pd.DataFrame) -> None:
    ids = plan["id"].tolist()
    edite = plan.iloc[::-1].copy()
    edite.loc[edite["id"] == ids[0], "avancement"] = 45.0
    assert differences(plan, edite, ["avancement"]) == {ids[0]: {"avancement": 45.0}}


def test_les_differences_sont_ce_que_le_magasin_applique_et_journalise(moteur_sqlite: Engine,
                                                                        plan: pd.DataFrame) -> None:
    ids = plan["id"].tolist()
    edite = plan.copy()
    edite.loc[0, "avancement"] = 60.0
    edite.loc[1, "pilote"] = "M. Durand"
    assert modifier_plan(moteur_sqlite, SITE.code, differences(plan, edite, CHAMPS_PLAN), "referente") == 2
    relu = load_donnees(moteur_sqlite, "plan", SITE.code)
    assert differences(relu, edite, CHAMPS_PLAN) == {}
    journal = load_modifications(moteur_sqlite, SITE.code, "plan")
    assert sorted(journal[["ligne", "champ", "avant", "apres"]].fillna("∅").values.tolist()) == sorted([
        [str(ids[0]), "avancement", "40.0", "60.0"], [str(ids[1]), "pilote", "∅", "M. Durand"]])


# --- filters ----------------------------------------------------------------------------------------------------

def test_filtres(plan: pd.DataFrame) -> None:
    actions = lambda cadre: cadre["action"].tolist()  # noqa: E731
    assert actions(filtrer(plan, {})) == ["Refaire la signalétique", "Élargir les horaires", "Refondre la FAQ"]
    assert actions(filtrer(plan, {"structure": [], "pilote": []})) == actions(plan)
    assert actions(filtrer(plan, {"structure": ["SG"]})) == ["Refaire la signalétique", "Élargir les horaires"]
    assert actions(filtrer(plan, {"structure": ["SG"], "pilote": ["Mme Martin", "M. Petit"]})) == [
        "Refaire la signalétique"]
    assert actions(filtrer(plan, {"structure": ["Communication"], "pilote": ["Mme Martin"]})) == []
    assert actions(filtrer(plan, {"pilote": (p for p in ["M. Petit"])})) == ["Refondre la FAQ"]  # any iterable
    assert filtrer(plan, {"structure": ["SG"]}).index.tolist() == [0, 1]  # rows keep their index


def test_valeurs_proposees_par_un_filtre() -> None:
    cadre = pd.DataFrame({"pilote": ["Martin", None, "Durand", "Martin", "Bernard"]})
    assert valeurs_de_filtre(cadre, "pilote") == ["Bernard", "Durand", "Martin"]
    assert valeurs_de_filtre(cadre.iloc[0:0], "pilote") == []
