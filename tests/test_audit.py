"""audit: the éléments de preuve of a perimeter, their state, readiness and the ordered list of what is missing.

Counted by hand from the Qual-e-pref referential (``preuves`` of each engagement and disposition):
- module 1, engagements 1 to 20: 5 + 10 + 7 + 4 + 7 + 8 + 4 + 9 + 1 + 7 + 9 + 3 + 7 + 10 + 9 + 5 + 8 + 2 + 8 + 9
  = 132 elements; module 4 (engagements 34 to 37): 6 + 2 + 11 + 4 = 23 elements;
- dispositions d'organisation: IV-1 9, IV-2 4, IV-3 6, IV-4 4, IV-5 5, V-1 6, V-2 4 = 38 elements (V-3, the
  external audit itself, names no proof).
The states recorded below: in module 1, E1-1, E1-2, E1-3 présents, E1-4 and E2-10 à mettre à jour; in the dispositions
IV-1-RESPONSABILITES-1 présent and V-2-AUDITS-INTERNES-4 à mettre à jour; an element of no perimeter (E99-1) is
ignored. Readiness (présent 1, à mettre à jour 0,5, absent 0):
- dispositions (1 + 0,5) / 38; module 1 (3 + 2 × 0,5) / 132; module 4 0 / 23; overall (4 + 3 × 0,5) / 193.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from qualepref.audit import (
    POIDS_ETAT,
    a_faire,
    date_audit_interne,
    elements_de_preuve,
    etat_des_preuves,
    preparation,
)
from qualepref.referentiel import charger

REF = charger("qualepref-2019")
MODULES = (1, 4)


def _enregistres() -> pd.DataFrame:
    """The states as ``store.pilotage.load_preuves`` hands them out."""
    elements = ["E1-1", "E1-2", "E1-3", "E1-4", "E2-10", "IV-1-RESPONSABILITES-1", "V-2-AUDITS-INTERNES-4", "E99-1"]
    etats = ["present", "present", "present", "a_mettre_a_jour", "a_mettre_a_jour", "present", "a_mettre_a_jour",
             "present"]
    return pd.DataFrame({
        "element": elements, "etat": etats,
        "commentaire": ["Affiché dans le hall", None, None, "Horaires d'été à reporter", None, None, None, None],
        "lien": ["photo-hall.jpg", None, None, None, None, None, None, None],
        "date": pd.to_datetime(["2024-02-01", None, None, None, None, None, None, None]),
        "modifie_par": "referente", "modifie_le": pd.Timestamp("2024-02-02 09:00"),
    })


@pytest.fixture(scope="module")
def etats() -> pd.DataFrame:
    return etat_des_preuves(elements_de_preuve(REF, MODULES), _enregistres())


# --- elements ----------------------------------------------------------------------------------------------------

def test_elements_du_perimetre() -> None:
    elements = elements_de_preuve(REF, MODULES)
    assert list(elements.columns) == ["element", "groupe", "module", "reference", "titre", "preuve"]
    assert elements.groupby("groupe").size().to_dict() == {"disposition": 38, "engagement": 155}
    assert elements.loc[elements["groupe"] == "engagement", "module"].value_counts().to_dict() == {1: 132, 4: 23}
    assert elements["element"].is_unique
    premier = elements.iloc[0].to_dict()
    assert premier == {
        "element": "E1-1", "groupe": "engagement", "module": 1, "reference": "Engagement 1",
        "titre": "Nous vous informons sur les conditions de fonctionnement de nos services",
        "preuve": REF.engagement(1).preuves[0],
    }
    e2 = elements[elements["reference"] == "Engagement 2"]
    assert e2["element"].tolist() == [f"E2-{i}" for i in range(1, 11)]
    assert e2["preuve"].tolist() == list(REF.engagement(2).preuves)


def test_elements_des_dispositions_d_organisation() -> None:
    dispositions = elements_de_preuve(REF, MODULES).query("groupe == 'disposition'")
    assert dispositions["module"].isna().all()
    assert dispositions.groupby("titre", sort=False).size().to_dict() == {
        "Responsabilités": 9, "Organisation documentaire": 4, "Formation du personnel": 6,
        "Implication des collaborateurs": 4, "Comité des usagers": 5, "Bilans annuels": 6,
        "Audits internes ou auto-évaluations": 4,
    }
    formation = dispositions[dispositions["element"] == "IV-3-FORMATION-4"].iloc[0]
    assert (formation["reference"], formation["preuve"]) == (
        "Chapitre IV", "Vérification de la fréquence de formation des agents (4 ans maximum).")
    assert dispositions[dispositions["element"].str.startswith("V-2")]["reference"].unique().tolist() == [
        "Chapitre V"]
    assert not dispositions["element"].str.startswith("V-3").any()  # the external audit names no proof


def test_un_perimetre_plus_large_ajoute_ses_engagements() -> None:
    elements = elements_de_preuve(REF, (1, 2))
    nombre_module_2 = sum(len(e.preuves) for e in REF.engagements_du_module(2))
    assert len(elements) == 132 + nombre_module_2 + 38
    assert elements_de_preuve(REF, (1,))["module"].dropna().unique().tolist() == [1]


def test_engagement_sans_preuves_detaillees_sa_methode_de_controle() -> None:
    ate = charger("quali-ate")
    elements = elements_de_preuve(ate, (1,))
    engagements = elements[elements["groupe"] == "engagement"]
    assert engagements["element"].tolist() == ["E1-1", "E2-1", "E3-1", "E4-1", "E5-1"]
    assert engagements["preuve"].tolist() == [ate.engagement(n).controle for n in range(1, 6)]
    assert engagements.iloc[0]["preuve"] == (
        "Éléments de preuve des engagements Qual-e-pref repris (2, 5, 6 et 7).")


# --- states and readiness ----------------------------------------------------------------------------------------

def test_etats_absent_par_defaut_et_enregistrements_repris(etats: pd.DataFrame) -> None:
    assert len(etats) == 193  # E99-1 belongs to no element of the perimeter
    assert etats["etat"].value_counts().to_dict() == {"absent": 186, "present": 4, "a_mettre_a_jour": 3}
    e11 = etats.set_index("element").loc["E1-1"]
    assert (e11["etat"], e11["commentaire"], e11["lien"], e11["date"]) == (
        "present", "Affiché dans le hall", "photo-hall.jpg", pd.Timestamp("2024-02-01"))
    assert etats.set_index("element").loc["E1-5", "etat"] == "absent"


def test_poids_des_etats() -> None:
    assert POIDS_ETAT == {"present": 1.0, "a_mettre_a_jour": 0.5, "absent": 0.0}


def test_preparation_par_module_et_ensemble(etats: pd.DataFrame) -> None:
    tableau = preparation(etats)
    assert tableau[["perimetre", "elements", "presents"]].values.tolist() == [
        ["Dispositions d'organisation", 38, 1],
        ["Module 1", 132, 3],
        ["Module 4", 23, 0],
        ["Ensemble", 193, 4],
    ]
    assert tableau["taux"].tolist() == pytest.approx([
        100 * 1.5 / 38,  # 3,9 %
        100 * 4 / 132,  # 3,0 %
        0.0,
        100 * 5.5 / 193,  # 2,8 %
    ])


def test_preparation_complete() -> None:
    elements = elements_de_preuve(REF, (1, 4))
    tout = elements[["element"]].assign(etat="present", commentaire=None, lien=None, date=pd.NaT)
    tableau = preparation(etat_des_preuves(elements, tout))
    assert tableau["taux"].tolist() == [100.0, 100.0, 100.0, 100.0]
    moitie = tout.assign(etat="a_mettre_a_jour")
    assert preparation(etat_des_preuves(elements, moitie))["taux"].tolist() == [50.0, 50.0, 50.0, 50.0]
    assert preparation(etat_des_preuves(elements, moitie))["presents"].tolist() == [0, 0, 0, 0]


def test_les_modules_dans_l_ordre_des_numeros() -> None:
    ate = charger("quali-ate")
    tableau = preparation(etat_des_preuves(elements_de_preuve(ate, (8, 1, 2)), pd.DataFrame(columns=["element"])))
    assert tableau["perimetre"].tolist() == [
        "Dispositions d'organisation", "Module 1", "Module 2", "Module 8", "Ensemble"]


# --- the internal audit and the to-do list ---------------------------------------------------------------------

@pytest.mark.parametrize(("externe", "interne"), [
    (dt.date(2024, 6, 15), dt.date(2024, 4, 15)),
    (dt.date(2024, 4, 30), dt.date(2024, 2, 29)),  # no 30 February: the last day of the month
    (dt.date(2025, 4, 30), dt.date(2025, 2, 28)),
    (dt.date(2025, 1, 10), dt.date(2024, 11, 10)),
])
def test_audit_interne_deux_mois_avant_l_audit_externe(externe: dt.date, interne: dt.date) -> None:
    assert next(d for d in REF.dispositions if d.code == "V-2-AUDITS-INTERNES").delai_avant_audit_externe_mois == 2
    assert date_audit_interne(REF, externe) == interne


def test_a_faire_dans_l_ordre(etats: pd.DataFrame) -> None:
    liste = a_faire(etats, REF, dt.date(2024, 6, 15), dt.date(2024, 3, 1))
    assert list(liste.columns) == ["element", "reference", "titre", "preuve", "etat", "a_faire_avant",
                                   "semaines_restantes"]
    assert len(liste) == 189  # 193 elements, 4 présents
    elements = liste["element"].tolist()
    # absent dispositions first (36), in the referential's order
    assert elements[:3] == ["IV-1-RESPONSABILITES-2", "IV-1-RESPONSABILITES-3", "IV-1-RESPONSABILITES-4"]
    assert elements[33:36] == ["V-2-AUDITS-INTERNES-1", "V-2-AUDITS-INTERNES-2", "V-2-AUDITS-INTERNES-3"]
    # then absent engagements (150), engagement 2 before engagement 10, proof 2 before proof 10
    assert elements[36:48] == ["E1-5", "E2-1", "E2-2", "E2-3", "E2-4", "E2-5", "E2-6", "E2-7", "E2-8", "E2-9",
                               "E3-1", "E3-2"]
    assert elements.index("E10-1") == elements.index("E9-1") + 1
    assert elements.index("E36-10") == elements.index("E36-9") + 1
    assert elements[184:186] == ["E37-3", "E37-4"]  # module 4: engagements 34 to 37, the last one's proofs
    assert liste["etat"].iloc[:186].eq("absent").all()
    # last, what is to update: the disposition, then the engagements
    assert elements[186:] == ["V-2-AUDITS-INTERNES-4", "E1-4", "E2-10"]
    assert liste["etat"].iloc[186:].tolist() == ["a_mettre_a_jour"] * 3
    # everything is due by the internal audit: 15/04/2024, 45 days after 01/03/2024 → 6 whole weeks
    assert liste["a_faire_avant"].unique().tolist() == [dt.date(2024, 4, 15)]
    assert liste["semaines_restantes"].unique().tolist() == [6]
    premier = liste.iloc[0]
    assert (premier["reference"], premier["titre"], premier["preuve"]) == (
        "Chapitre IV", "Responsabilités", "Vérification de l’existence de définitions de fonctions.")


def test_a_faire_sans_date_d_audit(etats: pd.DataFrame) -> None:
    liste = a_faire(etats, REF, None, dt.date(2024, 3, 1))
    assert len(liste) == 189
    assert liste["a_faire_avant"].isna().all()
    assert liste["semaines_restantes"].isna().all()


def test_a_faire_quelques_jours_avant_l_audit_interne(etats: pd.DataFrame) -> None:
    liste = a_faire(etats, REF, dt.date(2024, 6, 15), dt.date(2024, 4, 9))
    assert liste["semaines_restantes"].unique().tolist() == [0]  # 6 days: no whole week left


def test_rien_a_faire_quand_tout_est_present() -> None:
    elements = elements_de_preuve(REF, (1,))
    tout = elements[["element"]].assign(etat="present")
    liste = a_faire(etat_des_preuves(elements, tout), REF, dt.date(2024, 6, 15), dt.date(2024, 3, 1))
    assert liste.empty
    assert list(liste.columns) == ["element", "reference", "titre", "preuve", "etat", "a_faire_avant",
                                   "semaines_restantes"]
