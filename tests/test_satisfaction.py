"""satisfaction: survey themes matched through the referential's aliases, E3 per criterion, mystery surveys where
chapter VI says « ou enquête mystère »; every case computed by hand from the referential's text."""

from __future__ import annotations

import pandas as pd
import pytest

from qualepref.referentiel import charger
from qualepref.satisfaction import themes_sans_indicateur, valeurs_enquete

REF = charger("qualepref-2019")


def _themes(*lignes: tuple[int, str, float, float]) -> pd.DataFrame:
    """Survey rates per theme: (année, thème, satisfaits, exprimés)."""
    cadre = pd.DataFrame(lignes, columns=["annee", "theme", "satisfaits", "exprimes"])
    return cadre.assign(site="S", taux=100 * cadre["satisfaits"] / cadre["exprimes"], taux_net=pd.NA)


def _mystere(*lignes: tuple[str, str, str, bool]) -> pd.DataFrame:
    """Mystery checks: (date, canal, critère, conforme)."""
    cadre = pd.DataFrame(lignes, columns=["date", "canal", "critere", "conforme"])
    return cadre.assign(site="S", date=pd.to_datetime(cadre["date"]))


def _valeur(valeurs: pd.DataFrame, code: str, periode: str = "2024") -> pd.Series:
    choisies = valeurs[(valeurs["indicateur"] == code) & (valeurs["periode"] == periode)]
    assert len(choisies) == 1, code
    return choisies.iloc[0]


def test_les_themes_du_diaporama_et_du_modele_nourrissent_leurs_indicateurs() -> None:
    """The seed deck's « Point d'accueil numérique (PAN) » (91 %), « Accueil en préfecture » (97 %) and the
    template's « Accueil physique » feed E15 and E2 / E53; « Courriers/courriels » (90,3 %) is a criterion of E3."""
    valeurs, details = valeurs_enquete(REF, _themes(
        (2024, "Point d'accueil numérique (PAN)", 91, 100), (2024, "Accueil en préfecture", 97, 100),
        (2024, "Accueil physique", 95, 100), (2024, "Courriers/courriels", 903, 1000)))
    assert _valeur(valeurs, "E15-SATISFACTION-POINT-NUMERIQUE")["valeur"] == 91.0
    e2 = _valeur(valeurs, "E2-SATISFACTION-ACCUEIL")  # (97 + 95) / (100 + 100)
    assert (e2["valeur"], e2["source"]) == (96.0, "enquête")
    assert _valeur(valeurs, "E53-SATISFACTION-ACCUEIL")["valeur"] == 96.0
    e3 = details[details["indicateur"] == "E3-SATISFACTION-CRITERES"]
    assert dict(zip(e3["groupe"], e3["valeur"], strict=True)) == {
        "Accueil en préfecture": 97.0, "Accueil physique": 95.0, "Courriers/courriels": 90.3,
        "Point d'accueil numérique (PAN)": 91.0}
    assert _valeur(valeurs, "E3-SATISFACTION-CRITERES")["valeur"] == 90.3  # the lowest criterion


def test_un_theme_qui_ne_nourrit_aucun_indicateur() -> None:
    assert themes_sans_indicateur(REF, ["Accueil téléphonique", "Qualité du café", "qualite du cafe", None,
                                        "Courriers et courriels"]) == ["Qualité du café"]


def test_enquete_mystere_quand_aucune_enquete_de_satisfaction() -> None:
    """E2 « enquête de satisfaction usagers ou enquête mystère [sauf canal physique] »: with no survey, the mystery
    checks feed it, but not the visits: telephone 3 conformes of 4 → 75 %; the two visits (canal physique, 0/2)
    are left out. E53 « sur l'accueil (… ou enquête mystère) » takes every canal, visits included: 3/6 = 50 %. E8
    « accueil téléphonique » takes the calls: 75 %. The source says « enquête mystère »."""
    mystere = _mystere(("2024-02-01", "telephone", "Décroché en moins de 5 sonneries", True),
                       ("2024-02-01", "telephone", "Formule « nom du service, bonjour »", True),
                       ("2024-03-01", "telephone", "Décroché en moins de 5 sonneries", True),
                       ("2024-03-01", "telephone", "Formule « nom du service, bonjour »", False),
                       ("2024-04-01", "physique", "Accueil au guichet", False),
                       ("2024-04-02", "Accueil physique", "Accueil au guichet", False))
    valeurs, details = valeurs_enquete(REF, _themes(), mystere)
    e2 = _valeur(valeurs, "E2-SATISFACTION-ACCUEIL")
    assert (e2["valeur"], e2["numerateur"], e2["denominateur"], e2["source"]) == (75.0, 3.0, 4.0, "enquête mystère")
    e53 = _valeur(valeurs, "E53-SATISFACTION-ACCUEIL")
    assert (e53["valeur"], e53["denominateur"]) == (50.0, 6.0)
    assert _valeur(valeurs, "E8-SATISFACTION-TELEPHONE")["valeur"] == 75.0
    assert "E5-SATISFACTION-ORIENTATION" not in set(valeurs["indicateur"])  # « enquête de satisfaction usagers » only
    e3 = details[details["indicateur"] == "E3-SATISFACTION-CRITERES"]  # « sauf critères du canal physique »
    assert dict(zip(e3["groupe"], e3["valeur"], strict=True)) == {"Décroché en moins de 5 sonneries": 100.0,
                                                                  "Formule « nom du service, bonjour »": 50.0}


def test_l_enquete_de_satisfaction_prime_sur_l_enquete_mystere() -> None:
    valeurs, _ = valeurs_enquete(REF, _themes((2024, "Accueil téléphonique", 80, 100)),
                                 _mystere(("2024-02-01", "telephone", "Décroché", False)))
    e8 = _valeur(valeurs, "E8-SATISFACTION-TELEPHONE")
    assert (e8["valeur"], e8["source"]) == (80.0, "enquête")


@pytest.mark.parametrize("annee", [2023, 2024])
def test_chaque_annee_sa_source(annee: int) -> None:
    """2023 known by mystery calls only (1/2), 2024 by the survey (80 %): each year says its source."""
    valeurs, _ = valeurs_enquete(REF, _themes((2024, "Accueil téléphonique", 80, 100)),
                                 _mystere(("2023-02-01", "telephone", "Décroché", False),
                                          ("2023-03-01", "telephone", "Décroché", True)))
    attendu = {2023: (50.0, "enquête mystère"), 2024: (80.0, "enquête")}[annee]
    e8 = _valeur(valeurs, "E8-SATISFACTION-TELEPHONE", str(annee))
    assert (e8["valeur"], e8["source"]) == attendu
