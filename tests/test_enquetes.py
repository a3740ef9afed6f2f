"""Surveys: satisfaction and net rates, fragility and Wilson interval, aggregated results, progressions, mystery."""

import pandas as pd
import pytest

from qualepref.enquetes import (
    SEUIL_FRAGILE, combiner_agregees, conformite, normaliser_libelle, progression, satisfaction, wilson,
)


def _reponses(site, annee, theme, comptes):
    lignes = []
    for code, n in comptes.items():
        lignes += [{"site": site, "annee": annee, "repondant": f"r{len(lignes)}", "question": "Q1", "theme": theme,
                    "reponse": code} for _ in range(n)]
    cadre = pd.DataFrame(lignes)
    cadre["reponse"] = cadre["reponse"].astype("str")
    return cadre


def test_satisfaction_29_reponses_fragile_et_wilson():
    reponses = _reponses("marne", 2023, "Accueil", {"tres_satisfait": 12, "satisfait": 8, "peu_satisfait": 5,
                                                    "pas_du_tout_satisfait": 4, "sans_avis": 3, None: 2})
    r = satisfaction(reponses).iloc[0]
    assert (r["theme"], r["satisfaits"], r["insatisfaits"], r["sans_avis"], r["exprimes"]) == \
        ("Accueil", 20, 9, 3, 29)
    assert r["taux"] == pytest.approx(100 * 20 / 29)  # 68,97 %
    assert r["taux_net"] == pytest.approx(100 * 11 / 29)  # 37,93 points
    assert bool(r["fragile"]) and SEUIL_FRAGILE == 30
    # Wilson 95 %: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n) with p = 20/29, z = 1.96, n = 29
    assert round(float(r["ic_bas"]), 2) == 50.77
    assert round(float(r["ic_haut"]), 2) == 82.72


def test_satisfaction_30_reponses_pas_fragile_et_groupes():
    reponses = pd.concat([
        _reponses("marne", 2023, "Accueil", {"satisfait": 30}),
        _reponses("marne", 2023, "Courrier", {"sans_avis": 4}),
    ], ignore_index=True)
    r = satisfaction(reponses, par=["site", "annee", "theme"]).set_index("theme")
    assert r.loc["Accueil", "taux"] == 100 and not bool(r.loc["Accueil", "fragile"])
    assert r.loc["Accueil", "ic_haut"] == pytest.approx(100.0)
    assert round(float(r.loc["Accueil", "ic_bas"]), 2) == 88.65
    assert r.loc["Courrier", "exprimes"] == 0 and pd.isna(r.loc["Courrier", "taux"])
    assert pd.isna(r.loc["Courrier", "ic_bas"])


def test_wilson_bornes():
    bas, haut = wilson(pd.Series([0, 5]), pd.Series([10, 10]))
    assert bas.iloc[0] == pytest.approx(0.0) and round(float(haut.iloc[0]), 2) == 27.75
    assert round(float(bas.iloc[1]), 2) == 23.66 and round(float(haut.iloc[1]), 2) == 76.34


def test_normaliser_libelle():
    assert normaliser_libelle("  Accueil   Téléphonique ") == "accueil telephonique"
    assert normaliser_libelle("L’ÉCOUTE de l'usager") == "l'ecoute de l'usager"
    assert normaliser_libelle(None) == "" and normaliser_libelle(pd.NA) == ""


def _agregees(lignes):
    return pd.DataFrame(lignes, columns=["site", "annee", "theme", "satisfaits", "exprimes", "taux"])


def test_combiner_agregees_les_reponses_l_emportent():
    calculees = satisfaction(_reponses("marne", 2023, "Accueil téléphonique", {"satisfait": 3, "peu_satisfait": 1}),
                             par=["site", "annee", "theme"])
    agregees = _agregees([
        ("marne", 2023, "ACCUEIL TELEPHONIQUE", 10, 20, None),  # same theme: answers win
        ("marne", 2023, "Site internet", 45, 60, None),  # counts known: 75 %
        ("marne", 2023, "Courriers", None, None, 81.5),  # only the rate
    ])
    r = combiner_agregees(calculees, agregees).set_index("theme")
    assert list(r.index) == ["Accueil téléphonique", "Courriers", "Site internet"]
    assert r.loc["Accueil téléphonique", "taux"] == 75 and r.loc["Accueil téléphonique", "origine"] == "réponses"
    assert r.loc["Site internet", "taux"] == 75 and r.loc["Site internet", "origine"] == "agrégé"
    assert r.loc["Site internet", "exprimes"] == 60 and not bool(r.loc["Site internet", "fragile"])
    assert r.loc["Courriers", "taux"] == 81.5 and pd.isna(r.loc["Courriers", "fragile"])
    assert combiner_agregees(pd.DataFrame(), _agregees([])).empty
    assert len(combiner_agregees(pd.DataFrame(), agregees)) == 3


def test_progression_tableau_de_la_presentation():
    """2022 from aggregated results, 2023 from answers: 77,6 % after 78 % is −0,4 point, 91 % after 76 % +15."""
    agregees = _agregees([
        ("marne", 2022, "Accueil téléphonique", None, None, 78.0),
        ("marne", 2022, "Accueil physique", 76, 100, None),
    ])
    reponses = pd.concat([
        _reponses("marne", 2023, "accueil telephonique", {"satisfait": 388, "peu_satisfait": 112}),
        _reponses("marne", 2023, "Accueil physique", {"tres_satisfait": 91, "pas_du_tout_satisfait": 9}),
    ], ignore_index=True)
    taux = combiner_agregees(satisfaction(reponses, par=["site", "annee", "theme"]), agregees)
    r = progression(taux, cle=["site", "theme"])
    n = r[r["annee"] == 2023].set_index("theme")
    assert n.loc["accueil telephonique", "taux"] == pytest.approx(77.6)
    assert n.loc["accueil telephonique", "taux_precedent"] == pytest.approx(78.0)
    assert n.loc["accueil telephonique", "progression_points"] == pytest.approx(-0.4)
    assert n.loc["Accueil physique", "progression_points"] == pytest.approx(15.0)
    assert r[r["annee"] == 2022]["taux_precedent"].isna().all()
    assert len(r) == 4


def test_conformite():
    mystere = pd.DataFrame({
        "site": "marne", "date": pd.to_datetime(["2023-03-01"] * 5),
        "canal": ["telephone"] * 4 + ["courriel"],
        "critere": ["Décroché"] * 4 + ["Délai"],
        "conforme": pd.array([True, True, False, None, True], dtype="boolean"),
    })
    r = conformite(mystere).set_index("canal")
    assert r.loc["telephone", "controles"] == 3 and r.loc["telephone", "conformes"] == 2
    assert r.loc["telephone", "taux"] == pytest.approx(200 / 3)
    assert r.loc["courriel", "taux"] == 100
    assert list(conformite(mystere.iloc[0:0]).columns) == ["canal", "critere", "controles", "conformes", "taux"]
