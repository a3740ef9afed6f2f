"""The Services Publics+ referential: the 8 engagements of 2023 and the figures the programme asks to publish,
computed by hand from a small journal and survey.

Survey, theme « Satisfaction globale »: 2024 = 5 très satisfaits, 2 satisfaits, 2 peu, 1 pas du tout, 2 sans avis
→ 10 exprimés, 7 satisfaits: 70 %, taux net (7 − 3) / 10 = 40 points; 2023 = 3, 3, 2, 2 → 60 % and 20 points.
Journal 2024 (demandes d'information, métropole): courriel lun. 04/03 → mar. 05/03 (1 jour ≤ 5), courrier
ven. 01/03 → lun. 18/03 (11 jours > 10), formulaire mar. 07/05 → ven. 10/05 (1 jour: 8 et 9 mai fériés, ≤ 5)
→ 2 / 3 = 66,67 % within the announced délai.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from qualepref.referentiel import charger, verifier_perimetre
from qualepref.resultats import DonneesSite, calculer
from qualepref.store import Site

SPP = charger("services-publics-plus")
SITE = Site(code="PREF-SP", nom="Préfecture", type_site="prefecture", cert=True, zone="metropole",
            referentiel="services-publics-plus", modules=(1,))


def test_les_8_engagements_de_2023() -> None:
    assert [e.numero for e in SPP.engagements] == list(range(1, 9))
    assert SPP.engagement(1).titre == ("Dans le respect mutuel, vous êtes accueillis avec bienveillance et avez le "
                                       "droit à l'erreur")
    assert SPP.engagement(6).titre == "Vous avez accès à nos résultats de qualité de service"
    assert SPP.engagement(8).titre == "Nous limitons notre impact sur l'environnement"
    assert SPP.version == "engagements 2023 (arrêté du 31 août 2023)"
    assert not SPP.ebauche


def test_les_resultats_publies_ont_leur_code_sp() -> None:
    assert {i.code: i.code_sp for i in SPP.indicateurs_de_l_engagement(6)} == {
        "SP2-DECROCHE-AGENT": "TAUX-DECROCHE-AGENT",
        "SP4-DELAI-DEMARCHE-PHARE": "RESPECT-DELAI-DEMARCHE-PHARE",
        "SP6-DEMARCHES-EN-LIGNE-8-10": "DEMARCHES-EN-LIGNE-8-SUR-10",
        "SP6-SATISFACTION-GLOBALE": "SATISFACTION-GLOBALE",
        "SP6-TAUX-NET-SATISFACTION": "TAUX-NET-SATISFACTION",
    }
    assert charger("qualepref-2019").indicateur("E10-APPELS-ABOUTIS").code_sp is None


@pytest.mark.parametrize(("type_site", "cert"), [("prefecture", True), ("prefecture", False),
                                                 ("sous-prefecture", True), ("sous-prefecture", False)])
def test_tout_site_retient_les_engagements(type_site: str, cert: bool) -> None:
    assert verifier_perimetre(SPP, type_site, cert, [1]) == []


def _dates(valeurs: list[str | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(valeurs, dtype="object")).astype("datetime64[ns]")


def donnees() -> DonneesSite:
    vide = DonneesSite.vide()
    journal = pd.DataFrame([
        ("I1", "courriel", "information", "2024-03-04", None, "2024-03-05", "fond"),
        ("I2", "courrier", "information", "2024-03-01", None, "2024-03-18", "fond"),
        ("I3", "formulaire", "information", "2024-05-07", None, "2024-05-10", "fond"),
    ], columns=["reference", "canal", "nature", "date_reception", "date_completude", "date_reponse", "type_reponse"])
    for colonne in ("date_reception", "date_completude", "date_reponse"):
        journal[colonne] = _dates(journal[colonne].tolist())
    journal["service"] = "Accueil"
    journal.insert(0, "site", SITE.code)
    reponses_2024 = ["tres_satisfait"] * 5 + ["satisfait"] * 2 + ["peu_satisfait"] * 2 + [
        "pas_du_tout_satisfait", "sans_avis", "sans_avis"]
    reponses_2023 = ["tres_satisfait"] * 3 + ["satisfait"] * 3 + ["peu_satisfait"] * 2 + [
        "pas_du_tout_satisfait"] * 2
    annees = [2024] * len(reponses_2024) + [2023] * len(reponses_2023)
    enquete = pd.DataFrame({
        "site": SITE.code, "annee": pd.array(annees, dtype="Int64"),
        "repondant": pd.array(range(1, len(annees) + 1), dtype="Int64"), "question": "Q1",
        "theme": "Satisfaction globale", "reponse": reponses_2024 + reponses_2023,
    })
    valeurs = pd.DataFrame({
        "site": SITE.code, "indicateur": ["SP6-DEMARCHES-EN-LIGNE-8-10", "SP2-DECROCHE-AGENT"],
        "periode": ["2024", "2024"], "valeur": [82.5, 91.0], "numerateur": [None, None],
        "denominateur": [None, None], "commentaire": [None, None],
    })
    return dataclasses.replace(vide, journal=journal, enquete=enquete, valeurs=valeurs)


def test_les_chiffres_publies_calcules_a_la_main() -> None:
    r = calculer(SPP, SITE, donnees(), 2024, pd.DataFrame(columns=["code", "cible", "valeur_initiale"]),
                 dt.date(2025, 6, 1))
    annuels = r.annuels().set_index("code")
    assert annuels.loc["SP6-SATISFACTION-GLOBALE", "valeur"] == pytest.approx(70.0)
    assert annuels.loc["SP6-SATISFACTION-GLOBALE", "progression_points"] == pytest.approx(10.0)
    assert annuels.loc["SP6-TAUX-NET-SATISFACTION", "valeur"] == pytest.approx(40.0)
    assert annuels.loc["SP6-TAUX-NET-SATISFACTION", "valeur_precedente"] == pytest.approx(20.0)
    assert annuels.loc["SP4-DELAI-DEMARCHE-PHARE", "valeur"] == pytest.approx(200 / 3)
    assert (annuels.loc["SP4-DELAI-DEMARCHE-PHARE", "numerateur"],
            annuels.loc["SP4-DELAI-DEMARCHE-PHARE", "denominateur"]) == (2, 3)
    assert annuels.loc["SP6-DEMARCHES-EN-LIGNE-8-10", "valeur"] == pytest.approx(82.5)
    assert annuels.loc["SP2-DECROCHE-AGENT", "valeur"] == pytest.approx(91.0)


def test_les_resultats_sp_d_un_site_qualepref_et_leur_publication(moteur_sqlite) -> None:  # noqa: ANN001
    """A Qual-e-pref site: its SP+ figures computed from the same data (journal, survey, E10 taken over as the
    taux de décroché), frozen with its publication, and shown as the published page shows them."""
    from qualepref.publication import publier_resultats, resultats_publies
    from qualepref.resultats import depuis_json, resultats_site, vers_json
    from qualepref.services_publics_plus import (
        calculer_services_publics_plus,
        figures_publiees,
        tableau_services_publics_plus,
    )
    from qualepref.store import enregistrer_import, save_site

    site = dataclasses.replace(SITE, referentiel="qualepref-2019", modules=(1, 2))
    base = donnees()
    valeurs = base.valeurs.assign(indicateur=["SP6-DEMARCHES-EN-LIGNE-8-10", "E10-APPELS-ABOUTIS"])
    lignes = calculer_services_publics_plus(SPP, site, dataclasses.replace(base, valeurs=valeurs), 2024,
                                            dt.date(2025, 6, 1), [charger("qualepref-2019")])
    par_code = {ligne["code_sp"]: ligne for ligne in lignes}
    assert list(par_code) == ["TAUX-DECROCHE-AGENT", "RESPECT-DELAI-DEMARCHE-PHARE", "DEMARCHES-EN-LIGNE-8-SUR-10",
                              "SATISFACTION-GLOBALE", "TAUX-NET-SATISFACTION"]
    assert par_code["TAUX-DECROCHE-AGENT"]["valeur"] == 91.0  # E10, taken over
    assert par_code["RESPECT-DELAI-DEMARCHE-PHARE"]["valeur"] == pytest.approx(200 / 3)
    assert (par_code["SATISFACTION-GLOBALE"]["valeur"], par_code["SATISFACTION-GLOBALE"]["progression_points"]) == (
        pytest.approx(70.0), pytest.approx(10.0))
    assert par_code["TAUX-NET-SATISFACTION"]["valeur"] == pytest.approx(40.0)

    # through the store: resultats_site keeps them in meta; a publication freezes them
    save_site(moteur_sqlite, site)
    enregistrer_import(moteur_sqlite, type_donnees="indicateurs", site=site.code, lignes=pd.DataFrame({
        "indicateur": ["E10-APPELS-ABOUTIS"], "periode": ["2024"], "valeur": [91.0], "numerateur": [None],
        "denominateur": [None], "commentaire": [None], "cle": ["E10|2024"]}), fichier="v.xlsx", sha256="0" * 64,
        utilisateur="r", periodes=["2024"])
    r = resultats_site(moteur_sqlite, charger("qualepref-2019"), site, 2024, dt.date(2025, 6, 1))
    assert r.meta["services_publics_plus"][0]["valeur"] == 91.0
    assert figures_publiees(depuis_json(vers_json(r)), SPP)["valeur"].tolist()[0] == 91.0
    periode = publier_resultats(moteur_sqlite, r, None, "referent", None)
    publie, _ = resultats_publies(moteur_sqlite, site.code, periode)
    tableau = tableau_services_publics_plus(figures_publiees(publie, SPP))
    assert tableau.to_dict("records") == [
        {"Résultat": "Taux de décroché par un agent", "Valeur": "91\u00a0%", "Année précédente": "",
         "Évolution": ""}]
