"""Page « Charger un référentiel »: the référent uploads a workbook, reads its problems or its differences, then
activates it; the COPIL cannot open the page."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from pages.commun import Widget
from qualepref.acces import COPIL, REFERENT
from qualepref.referentiel import charger
from qualepref.referentiel.classeur import classeur
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.store.referentiels import load_historique_referentiels
from tests.pages.outils import connecte, moteur_de_l_app, textes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _officiel() -> bytes:
    wb = load_workbook(io.BytesIO(classeur(charger("quali-ate"))))
    entete = wb["Référentiel"]
    for ligne in entete.iter_rows(min_row=2):
        if ligne[0].value == "Statut":
            ligne[1].value = "officiel"
        if ligne[0].value == "Version":
            ligne[1].value = "2025 (texte officiel)"
    wb["Engagements"]["C11"] = "Éco-responsabilité"
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


def test_deposer_voir_les_differences_puis_activer(config_app) -> None:
    at = connecte(REFERENT, "pages/charger_referentiel.py")
    assert not at.exception
    assert at.title[0].value == "Charger un référentiel"
    assert any(c.value.startswith("Déposez le classeur (.xlsx) du référentiel, 50 Mo au plus : ") for c in at.caption)
    en_place = at.dataframe[0].value
    assert en_place[["titre", "statut"]].values.tolist() == [
        ["Qual-e-pref", "officiel"], ["Quali-ATE", "ébauche"], ["Services Publics+", "officiel"]]
    assert "code" not in en_place.columns  # an internal code is no word for people
    at.file_uploader(key=Widget.CHARGER_REFERENTIEL_FICHIER).set_value(("quali-ate.xlsx", _officiel(), XLSX)).run()
    assert not at.exception
    assert "Classeur valide : « Quali-ATE », version « 2025 (texte officiel) »." in textes(at)
    assert at.dataframe[1].value["Changement"].tolist() == [
        "Version : « Quali-ATE, ébauche 2024 (présentation de préfecture) » devient « Quali-ATE, 2025 (texte "
        "officiel) ».",
        "Statut : ébauche devient texte officiel.",
        "Engagement 10 renommé : « Eco-responsabilité » devient « Éco-responsabilité ».",
    ]
    assert load_historique_referentiels(moteur_de_l_app()).empty  # nothing stored before activation
    at.button(key=Widget.CHARGER_REFERENTIEL_ACTIVER).click().run()
    assert not at.exception
    assert ("Version activée : « Quali-ATE », 2025 (texte officiel), est désormais en place (la précédente "
            "est gardée).") in textes(at)
    assert not referentiel_en_place(moteur_de_l_app(), "quali-ate").ebauche
    assert at.dataframe[0].value.set_index("titre").loc["Quali-ATE", "statut"] == "officiel"
    assert load_historique_referentiels(moteur_de_l_app())["charge_par"].tolist() == ["test-referent"]
    versions = at.dataframe[-1].value
    assert versions[["titre", "version", "charge_par"]].values.tolist() == [
        ["Quali-ATE", "2025 (texte officiel)", "test-referent"]]
    assert "code" not in versions.columns


def test_classeur_refuse_rien_n_est_enregistre(config_app) -> None:
    wb = load_workbook(io.BytesIO(classeur(charger("quali-ate"))))
    wb["Délais"]["E2"] = 0
    sortie = io.BytesIO()
    wb.save(sortie)
    at = connecte(REFERENT, "pages/charger_referentiel.py")
    at.file_uploader(key=Widget.CHARGER_REFERENTIEL_FICHIER).set_value(("ate.xlsx", sortie.getvalue(), XLSX)).run()
    assert not at.exception
    assert "1 problème : rien n'est enregistré." in textes(at)
    problemes = at.dataframe[1].value
    assert problemes.iloc[0].to_dict() == {"feuille": "Délais", "ligne": 2, "colonne": "Jours ouvrés", "valeur": "0",
                                           "probleme": "le délai doit être un nombre positif de jours (valeur "
                                                       "« 0 »)."}
    assert not at.button
    assert load_historique_referentiels(moteur_de_l_app()).empty


def test_le_copil_n_a_pas_la_page(config_app) -> None:
    at = connecte(COPIL)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/charger_referentiel.py")


def test_le_classeur_telecharge_porte_le_titre_pas_le_code() -> None:
    from qualepref.referentiels_en_place import nom_du_classeur

    assert [nom_du_classeur(charger(c)) for c in ("qualepref-2019", "quali-ate", "services-publics-plus")] == [
        "referentiel_Qual-e-pref_2018_mise_a_jour_de_fevrier_2019.xlsx",
        "referentiel_Quali-ATE_ebauche_2024_presentation_de_prefecture.xlsx",
        "referentiel_Services_Publics+_engagements_2023_arrete_du_31_aout_2023.xlsx"]
