"""Plan d'actions completion (action-weighted vs mean of thématiques), overdue actions, PAN, avis."""

import datetime as dt

import pandas as pd
import pytest

from qualepref.plan_actions import (
    METHODE_COMPLETION, METHODE_MOYENNE_THEMATIQUES, completion, cumul_avis, en_retard, frequentation, frequentation_totale,
    globale, moyenne_des_thematiques, par_axe, par_thematique, synthese_avis,
)

AXE1 = "Axe 1 : Communication"
AXE2 = "Axe 2 : Organisations et outils"


def _plan(actions):
    lignes = [{"site": "marne", "annee": 2023, "axe": axe, "thematique": th, "action": f"Action {i}",
               "structure": "Préfecture", "pilote": "SG", "echeance": pd.Timestamp(ech) if ech else pd.NaT,
               "statut": statut, "avancement": av, "engagement": "3"}
              for i, (axe, th, statut, av, ech) in enumerate(actions)]
    cadre = pd.DataFrame(lignes)
    for c in ("site", "axe", "thematique", "action", "structure", "pilote", "statut", "engagement"):
        cadre[c] = cadre[c].astype("str")
    cadre["avancement"] = cadre["avancement"].astype("Float64")
    return cadre


def _plan_de_la_presentation():
    """Axe 2 of the seed presentation: thématiques at 49, 28, 34 and 33 % (mean 36 %), 29 % action by action."""
    actions = [(AXE2, "3. Pratiques", "en_cours", 49, "2023-12-31"),
               (AXE2, "3. Pratiques", "abandonnee", 90, "2023-03-31"),  # left out
               (AXE2, "4. Espaces", "realisee", 50, "2023-06-30")]  # counts 100
    actions += [(AXE2, "4. Espaces", "en_cours", 25, "2024-06-30")] * 24
    actions += [(AXE2, "4. Espaces", "en_cours", 28, "2024-06-30")] * 4  # (100 + 24×25 + 4×28) / 29 = 28
    actions += [(AXE2, "5. Contraintes", "en_cours", 34, None), (AXE2, "6. Éco-responsabilité", "a_lancer", 33, None)]
    return _plan(actions)


def test_deux_chiffres_differents_pour_un_axe():
    plan = _plan_de_la_presentation()
    themes = par_thematique(plan).set_index("thematique")
    assert themes["taux"].tolist() == pytest.approx([49, 28, 34, 33])
    assert themes["actions"].tolist() == [1, 29, 1, 1]
    assert moyenne_des_thematiques(plan, AXE2) == pytest.approx(36.0)  # (49 + 28 + 34 + 33) / 4
    axe = par_axe(plan).iloc[0]
    assert axe["taux"] == pytest.approx(29.0)  # (49 + 28×29 + 34 + 33) / 32 = 928 / 32
    assert axe["moyenne_thematiques"] == pytest.approx(36.0)
    assert (axe["actions"], axe["realisees"], axe["abandonnees"]) == (32, 1, 1)
    assert "chaque action pesant le même poids" in METHODE_COMPLETION
    assert "chaque thématique pesant le même poids" in METHODE_MOYENNE_THEMATIQUES


def test_completion_realisee_100_et_abandonnee_exclue():
    plan = _plan([
        (AXE1, "1. Informations", "realisee", 60, "2023-03-31"),  # 100
        (AXE1, "1. Informations", "en_cours", 40, "2023-05-31"),  # 40
        (AXE1, "1. Informations", "abandonnee", 10, "2023-02-28"),  # left out
        (AXE1, "2. Formation", "a_lancer", None, "2023-12-31"),  # 0
        (AXE2, "3. Pratiques", "abandonnee", 0, "2023-01-31"),  # only abandoned: no rate
    ])
    g = globale(plan)
    assert g == {"taux": pytest.approx(140 / 3), "actions": 3, "realisees": 1, "abandonnees": 2}
    axes = par_axe(plan).set_index("axe")
    assert axes.loc[AXE1, "taux"] == pytest.approx(140 / 3)
    assert axes.loc[AXE1, "moyenne_thematiques"] == pytest.approx((70 + 0) / 2)
    assert pd.isna(axes.loc[AXE2, "taux"]) and axes.loc[AXE2, "actions"] == 0
    assert moyenne_des_thematiques(plan, AXE2) is None
    assert completion(plan, ["thematique"]).set_index("thematique").loc["1. Informations", "taux"] == 70
    assert globale(plan.iloc[0:0])["taux"] is None


def test_en_retard():
    plan = _plan([
        (AXE1, "1", "en_cours", 30, "2023-06-30"),  # late
        (AXE1, "1", "a_lancer", 0, "2023-03-31"),  # late, first
        (AXE1, "1", "realisee", 100, "2023-01-31"),  # done
        (AXE1, "1", "abandonnee", 10, "2023-01-31"),  # abandoned
        (AXE1, "1", "en_cours", 30, "2023-09-15"),  # due today: not late yet
        (AXE1, "1", "en_cours", 30, None),  # no échéance
    ])
    r = en_retard(plan, dt.date(2023, 9, 15))
    assert r["action"].tolist() == ["Action 1", "Action 0"]
    assert list(r.columns) == list(plan.columns)


def _pan():
    return pd.DataFrame({
        "site": "marne", "point": ["Préfecture", "Préfecture", "Reims", "Épernay"],
        "mois": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-01-01", "2023-01-01"]),
        "demarche": ["Étrangers", "Permis de conduire", "Étrangers", "Étrangers"], "nombre": [60, 20, 15, 5],
    })


def test_frequentation():
    par_point = frequentation(_pan(), par="point")
    assert par_point["point"].tolist() == ["Préfecture", "Reims", "Épernay"]
    assert par_point["nombre"].tolist() == [80, 15, 5]
    assert par_point["part"].tolist() == pytest.approx([80.0, 15.0, 5.0])
    assert par_point.attrs["total"] == 100 and frequentation_totale(_pan()) == 100
    par_demarche = frequentation(_pan(), par="demarche").set_index("demarche")
    assert par_demarche.loc["Étrangers", "part"] == pytest.approx(80.0)
    assert frequentation(_pan().iloc[0:0]).empty
    with pytest.raises(ValueError, match="inconnu"):
        frequentation(_pan(), par="mois")


def test_synthese_avis():
    avis = pd.DataFrame({
        "site": "marne",
        "date": pd.to_datetime(["2023-03-01", "2023-03-02", "2023-03-03", "2023-03-04", "2023-03-05"]),
        "structure": "Préfecture", "sujet": ["Accueil", "Accueil", "Titres", "Accueil", "Titres"],
        "tonalite": ["positif", "negatif", "negatif", "positif", "negatif"],
        "date_reponse": pd.to_datetime(["2023-03-01", "2023-03-06", None, "2023-03-14", None]),
    })
    r = synthese_avis(avis)
    assert (r["positif"], r["neutre"], r["negatif"], r["total"]) == (2, 0, 3, 5)
    assert r["par_sujet"] == {"Accueil": 3, "Titres": 2}
    assert r["repondus"] == 3 and r["part_repondus"] == pytest.approx(60.0)
    assert r["delai_moyen_jours"] == pytest.approx((0 + 4 + 10) / 3)  # calendar days
    assert r["delai_median_jours"] == 4
    vide = synthese_avis(avis.iloc[0:0])
    assert (vide["positif"], vide["neutre"], vide["negatif"], vide["total"]) == (0, 0, 0, 0)
    assert vide["part_repondus"] is None and vide["delai_moyen_jours"] is None


def test_cumul_des_avis_depuis_le_premier():
    # the seed deck: « 10 avis déposés sur la plateforme depuis 2022 » (4 positifs, 1 neutre, 5 négatifs)
    avis = pd.DataFrame({"date": pd.to_datetime(["2022-03-01"] * 4 + ["2023-05-02"] * 6 + ["2024-01-10"])})
    assert cumul_avis(avis, 2023) == {"cumul": 10, "cumul_depuis": 2022}
    assert cumul_avis(avis, 2021) == {"cumul": None, "cumul_depuis": None}
    assert cumul_avis(avis.iloc[0:0], 2023) == {"cumul": None, "cumul_depuis": None}


# --- E15 « Nombre d'usagers connectés au point numérique par jour » ------------------------------------------------

def test_usagers_par_jour_d_ouverture() -> None:
    """January 2024 in métropole, Monday to Friday: 23 weekdays less 1 January = 22 opening days, 440 users → 20 per
    day; February: 21 days, 420 users → 20; the quarter: 860 / 43 = 20 (users over opening days, months without
    attendance left out). Open on Mondays and Wednesdays only: 4 Mondays (1 January is a holiday) and 5 Wednesdays
    in January = 9 days, 440 / 9."""
    import pandas as pd

    from qualepref.periodes import parse_periode
    from qualepref.plan_actions import semaine_pan, usagers_par_jour

    pan = pd.DataFrame({"site": "S", "point": ["P1", "P2", "P1"], "demarche": "ANTS",
                        "mois": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-02-01"]), "nombre": [400, 40, 420]})
    cadre = usagers_par_jour(pan, [parse_periode(c) for c in ("2024-01", "2024-02", "2024-T1", "2024-T2")], None)
    assert cadre.values.tolist() == [["2024-01", 20.0, 440.0, 22.0], ["2024-02", 20.0, 420.0, 21.0],
                                     ["2024-T1", 20.0, 860.0, 43.0]]
    lundi_mercredi = usagers_par_jour(pan, [parse_periode("2024-01")], None, "lun,mer")
    assert lundi_mercredi[["numerateur", "denominateur"]].values.tolist() == [[440.0, 9.0]]
    assert semaine_pan(None) == "1111100" and semaine_pan("sam, dim") == "0000011"
    with pytest.raises(ValueError, match="Jours d'ouverture « lun,fer » non reconnus"):
        semaine_pan("lun,fer")


def test_exemples_realises_par_axe() -> None:
    """Realised actions only, latest échéance first, at most two per axe here, axes in the plan's order."""
    import pandas as pd

    from qualepref.plan_actions import exemples_realises

    plan = pd.DataFrame({
        "axe": ["Axe 2 : Organisation", "Axe 1 : Communication", "Axe 1 : Communication", "Axe 1 : Communication",
                "Axe 1 : Communication", "Axe 2 : Organisation"],
        "thematique": ["Accueil", "Site", "SVI", "Affichage", "Site", "Accueil"],
        "action": ["Banque d'accueil", "Refonte du site", "Nouveau script", "Affiches", "Plan du site", "Bornes"],
        "statut": ["realisee", "realisee", "realisee", "en_cours", "realisee", "abandonnee"],
        "echeance": pd.to_datetime(["2024-03-31", "2024-02-28", "2024-09-30", "2024-12-31", None, "2024-05-31"]),
    })
    assert [(e["axe"], e["action"]) for e in exemples_realises(plan, par_axe=2)] == [
        ("Axe 2 : Organisation", "Banque d'accueil"),
        ("Axe 1 : Communication", "Nouveau script"), ("Axe 1 : Communication", "Refonte du site")]
    assert exemples_realises(plan.iloc[0:0]) == []
