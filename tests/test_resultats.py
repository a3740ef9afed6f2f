"""resultats: the whole site-year computed from small hand-built data, every figure checked by hand.

The journal below (site in métropole, year 2024, computed on 01/06/2025, the journal last imported on 31/12/2024:
its unanswered requests are judged on that day):
- R1 courriel réclamation, reçu lun. 04/03/2024, répondu ven. 08/03 → 4 jours ouvrés ≤ 5: dans le délai.
- R2 courrier réclamation, reçu ven. 01/03/2024, répondu lun. 18/03 → 11 jours ouvrés > 10: hors délai.
- R3 courriel suggestion, reçu mar. 07/05/2024, répondu ven. 10/05 → 8 mai et Ascension (9 mai) fériés: 1 jour.
- R4 courriel réclamation, reçu lun. 03/06/2024, réponse d'attente mer. 05/06 → 2 jours: dans le délai.
- R5 courrier réclamation, reçu ven. 20/12/2024, sans réponse: au 31/12, 6 jours ouvrés écoulés (25 déc. férié)
  sur 10 → en cours, hors du taux.
- R6 courriel demande d'information: hors des natures de l'engagement 3.
2023: R0 courriel réclamation reçu lun. 06/03/2023, répondu le lendemain → 1 jour.
So for 2024, E3-REPONSES-DELAI = 3 / (3 + 1) = 75 %; E3-DELAI-MOYEN = (4 + 11 + 1 + 2) / 4 = 4,5 jours ouvrés;
2023: 100 % and 1 day; progression −25 points and +3,5 days.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from qualepref.referentiel import charger
from qualepref.resultats import DonneesSite, calculer, depuis_json, non_mesures, statut_engagements, vers_json
from qualepref.store import Site

REF = charger("qualepref-2019")
SITE = Site(code="PREF-T", nom="Préfecture de test", type_site="prefecture", cert=False, zone="metropole",
            modules=(1, 4))
AUJOURD_HUI = dt.date(2025, 6, 1)


def _dates(valeurs: list[str | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(valeurs, dtype="object")).astype("datetime64[ns]")


def journal() -> pd.DataFrame:
    lignes = [
        ("R0", "courriel", "reclamation", "2023-03-06", None, "2023-03-07", "fond"),
        ("R1", "courriel", "reclamation", "2024-03-04", None, "2024-03-08", "fond"),
        ("R2", "courrier", "reclamation", "2024-03-01", None, "2024-03-18", "fond"),
        ("R3", "courriel", "suggestion", "2024-05-07", None, "2024-05-10", "fond"),
        ("R4", "courriel", "reclamation", "2024-06-03", None, "2024-06-05", "attente"),
        ("R5", "courrier", "reclamation", "2024-12-20", None, None, None),
        ("R6", "courriel", "information", "2024-03-04", None, "2024-03-05", "fond"),
    ]
    cadre = pd.DataFrame(lignes, columns=["reference", "canal", "nature", "date_reception", "date_completude",
                                          "date_reponse", "type_reponse"])
    for colonne in ("date_reception", "date_completude", "date_reponse"):
        cadre[colonne] = _dates(cadre[colonne].tolist())
    cadre["service"] = "Accueil"
    cadre.insert(0, "site", SITE.code)
    return cadre


def enquete() -> pd.DataFrame:
    """2024: 4 très satisfaits, 3 satisfaits, 1 peu, 1 pas du tout, 1 sans avis on "accueil attentif et courtois"."""
    reponses = ["tres_satisfait"] * 4 + ["satisfait"] * 3 + ["peu_satisfait", "pas_du_tout_satisfait", "sans_avis"]
    return pd.DataFrame({
        "site": SITE.code, "annee": pd.array([2024] * 10, dtype="Int64"),
        "repondant": pd.array(range(1, 11), dtype="Int64"), "question": "Q1",
        "theme": "Accueil attentif et courtois", "reponse": reponses,
    })


def enquete_agregee() -> pd.DataFrame:
    """2023 known only as rates (like the 2022 column of the comité presentation); 2024 counts for another theme."""
    return pd.DataFrame({
        "site": SITE.code, "annee": pd.array([2023, 2023, 2024], dtype="Int64"),
        "theme": ["Accueil attentif et courtois", "Site internet", "Site internet"],
        "satisfaits": [None, None, 776.0], "exprimes": [None, None, 1000.0], "taux": [78.0, 76.0, None],
    })


def plan() -> pd.DataFrame:
    """Axe A: T1 = (réalisée at 50 → 100, en cours 40) = 70 %; T2 = (abandonnée left out, à lancer 0) = 0 %;
    axe A = (100 + 40 + 0) / 3 = 46,67 % while the mean of its thématiques is 35 %."""
    return pd.DataFrame({
        "site": SITE.code, "annee": pd.array([2024] * 4, dtype="Int64"), "axe": "A",
        "thematique": ["T1", "T1", "T2", "T2"], "action": ["a1", "a2", "a3", "a4"], "structure": "SG",
        "pilote": "Mme X", "echeance": _dates(["2024-12-31", "2025-12-31", "2024-06-30", "2024-03-01"]),
        "statut": ["realisee", "en_cours", "abandonnee", "a_lancer"], "avancement": [50.0, 40.0, 10.0, 0.0],
        "engagement": pd.array([3, None, None, 17], dtype="Int64"),
    })


def pan() -> pd.DataFrame:
    return pd.DataFrame({
        "site": SITE.code, "point": ["Préfecture", "Préfecture", "Sous-préfecture"],
        "mois": _dates(["2024-01-01", "2024-02-01", "2024-01-01"]), "demarche": ["ANTS", "Impôts", "ANTS"],
        "nombre": pd.array([30, 10, 60], dtype="Int64"),
    })


def avis() -> pd.DataFrame:
    return pd.DataFrame({
        "site": SITE.code, "date": _dates(["2024-02-01", "2024-02-05", "2024-03-01", "2024-04-01", "2023-04-01"]),
        "structure": "Préfecture", "sujet": ["accueil", "accueil", "délais", "accueil", "accueil"],
        "tonalite": ["positif", "positif", "neutre", "negatif", "negatif"],
        "date_reponse": _dates(["2024-02-03", None, None, "2024-04-11", None]),
    })


def donnees() -> DonneesSite:
    return DonneesSite(
        journal=journal(),
        valeurs=pd.DataFrame({
            "site": SITE.code, "indicateur": ["E3-REPONSES-DELAI", "E3-REPONSES-DELAI"],
            "periode": ["2024", "2024-T3"], "valeur": [12.0, 50.0], "numerateur": [None, None],
            "denominateur": [None, None], "commentaire": [None, None],
        }),
        enquete=enquete(), enquete_agregee=enquete_agregee(),
        mystere=pd.DataFrame({
            "site": SITE.code, "date": _dates(["2024-02-01", "2024-02-01", "2024-03-01", "2023-01-01"]),
            "canal": "téléphone", "critere": ["accueil", "accueil", "accueil", "accueil"],
            "conforme": [True, False, True, False],
        }),
        plan=plan(), pan=pan(), avis=avis(), journal_connu_le=dt.date(2024, 12, 31),
    )


@pytest.fixture(scope="module")
def r():
    return calculer(REF, SITE, donnees(), 2024, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                    AUJOURD_HUI)


def ligne(r, code: str, periode: str) -> pd.Series:
    choisies = r.indicateurs[(r.indicateurs["code"] == code) & (r.indicateurs["periode"] == periode)]
    assert len(choisies) == 1, (code, periode)
    return choisies.iloc[0]


def test_taux_dans_le_delai_de_l_annee(r) -> None:
    e3 = ligne(r, "E3-REPONSES-DELAI", "2024")
    assert e3["valeur"] == 75.0
    assert (e3["numerateur"], e3["denominateur"]) == (3.0, 4.0)
    assert e3["unite"] == "%"
    assert e3["cible"] == 90.0
    assert e3["statut"] == "non_atteint"
    assert e3["progression_points"] == -25.0
    assert e3["source"] == "journal"  # computed from the journal: it wins over the imported 12 %


def test_delai_moyen_et_trimestres(r) -> None:
    moyen = ligne(r, "E3-DELAI-MOYEN", "2024")
    assert moyen["valeur"] == 4.5
    assert moyen["unite"] == "jours ouvrés"
    assert moyen["statut"] == "atteint"  # 4,5 ≤ 5 and the délai improves downwards
    assert moyen["progression_points"] == 3.5
    assert ligne(r, "E3-REPONSES-DELAI", "2024-T1")["valeur"] == 50.0
    assert ligne(r, "E3-REPONSES-DELAI", "2024-T2")["valeur"] == 100.0
    assert ligne(r, "E3-DELAI-MOYEN", "2024-T1")["valeur"] == 7.5
    # No journal row in Q3: the imported 50 % stands in; Q4 holds only a request still in progress.
    assert ligne(r, "E3-REPONSES-DELAI", "2024-T3")["valeur"] == 50.0
    assert ligne(r, "E3-REPONSES-DELAI", "2024-T3")["source"] == "import"
    assert pd.isna(ligne(r, "E3-REPONSES-DELAI", "2024-T4")["valeur"])
    assert ligne(r, "E3-REPONSES-DELAI", "2024-T4")["statut"] == "non_mesure"


def test_details_par_canal(r) -> None:
    d = r.details[(r.details["indicateur"] == "E3-REPONSES-DELAI") & (r.details["periode"] == "2024")
                  & (r.details["axe"] == "canal")].set_index("groupe")
    assert d.loc["courriel", "valeur"] == 100.0  # R1, R3, R4
    assert d.loc["courrier", "valeur"] == 0.0  # R2 late; R5 in progress
    assert d.loc["courrier", "en_cours"] == 1
    assert d.loc["courrier", "recus"] == 2


def test_table_des_delais(r) -> None:
    reclamations = r.delais[(r.delais["engagement"] == 3)]
    assert int(reclamations["recus"].sum()) == 5
    assert int(reclamations["en_cours"].sum()) == 1
    assert int(reclamations["reponses_attente"].sum()) == 1


def test_enquetes_taux_net_fragile_et_progression(r) -> None:
    e = r.enquetes.set_index("theme")
    accueil = e.loc["Accueil attentif et courtois"]
    assert accueil["taux"] == pytest.approx(700 / 9)
    assert accueil["exprimes"] == 9
    assert accueil["taux_net"] == pytest.approx(500 / 9)
    assert bool(accueil["fragile"]) is True
    assert accueil["taux_precedent"] == 78.0
    assert accueil["progression_points"] == pytest.approx(700 / 9 - 78)
    site_internet = e.loc["Site internet"]
    assert site_internet["taux"] == pytest.approx(77.6)
    assert site_internet["progression_points"] == pytest.approx(1.6)
    assert ligne(r, "E2-SATISFACTION-ACCUEIL", "2024")["valeur"] == pytest.approx(700 / 9)


def test_plan_pan_avis_mystere(r) -> None:
    assert r.plan_global["actions"] == 3
    assert r.plan_global["taux"] == pytest.approx(140 / 3)
    t = r.plan_thematiques.set_index("thematique")
    assert t.loc["T1", "taux"] == 70.0
    assert t.loc["T2", "taux"] == 0.0
    assert r.plan_axes.set_index("axe").loc["A", "taux"] == pytest.approx(140 / 3)
    assert r.plan_en_retard["action"].tolist() == ["a4"]
    assert r.pan == {"total": 100, "par_point": {"Sous-préfecture": 60, "Préfecture": 40},
                     "par_demarche": {"ANTS": 90, "Impôts": 10}}
    assert (r.avis["positif"], r.avis["neutre"], r.avis["negatif"], r.avis["total"]) == (2, 1, 1, 4)
    m = r.mystere.iloc[0]
    assert (m["canal"], m["critere"]) == ("téléphone", "accueil")
    assert m["taux"] == pytest.approx(200 / 3)


def test_statuts_par_engagement_et_module(r) -> None:
    eng = r.engagements.set_index("engagement")
    assert eng.loc[3, "statut"] == "non_atteint"  # the worst of its indicators
    modules = r.modules.set_index("module")
    assert modules.loc[1, "engagements"] == 20
    assert modules.loc[4, "engagements"] == len(REF.engagements_du_module(4))
    assert "E3-REPONSES-DELAI" in set(r.non_mesures["code"])  # Q4 has no value


def test_mouvements_classes_par_ampleur(r) -> None:
    """The mystery calls (« accueil » by telephone, 0/1 in 2023 and 2/3 in 2024: +66,7 points) move most: they feed
    E8 and E10 (« ou enquête mystère », no telephone theme in the survey) and are E3's lowest criterion; then the
    rate within délai (−25 points) and the délai moyen."""
    premiers = r.mouvements.head(5)
    assert set(premiers["code"].head(3)) == {"E3-SATISFACTION-CRITERES", "E8-SATISFACTION-TELEPHONE",
                                             "E10-SATISFACTION-TRANSFERT"}
    assert premiers["progression_points"].head(3).tolist() == [pytest.approx(200 / 3)] * 3
    assert premiers["code"].tolist()[3:] == ["E3-REPONSES-DELAI", "E3-DELAI-MOYEN"]
    assert premiers["favorable"].tolist() == [True, True, True, False, False]


def test_e3_un_taux_par_critere(r) -> None:
    """E3 « Taux de satisfaction associés à chaque critère : enquête de satisfaction usagers et enquêtes mystère
    (sauf critères du canal physique pour les enquêtes mystère) »: in 2024, « Accueil attentif et courtois » 7
    satisfied of 9 expressed = 77,8 %, « Site internet » 776 / 1 000 = 77,6 %, the mystery « accueil » by telephone
    2 conformes of 3 = 66,7 %; the indicator's value is the lowest of them (no single « satisfaction globale »)."""
    criteres = r.details[(r.details["indicateur"] == "E3-SATISFACTION-CRITERES") & (r.details["periode"] == "2024")]
    assert criteres["axe"].unique().tolist() == ["critere"]
    assert list(zip(criteres["groupe"], criteres["valeur"].round(2), criteres["source"], strict=True)) == [
        ("Accueil attentif et courtois", 77.78, "enquête"), ("Site internet", 77.6, "enquête"),
        ("accueil", 66.67, "enquête mystère")]
    e3 = ligne(r, "E3-SATISFACTION-CRITERES", "2024")
    assert (e3["valeur"], e3["numerateur"], e3["denominateur"], e3["source"]) == (
        pytest.approx(200 / 3), 2.0, 3.0, "enquête mystère")
    assert e3["statut"] == "non_atteint"  # 66,7 % against 80 %
    json_e3 = next(i for i in vers_json(r)["indicateurs"] if i["code"] == "E3-SATISFACTION-CRITERES"
                   and i["periode"] == "2024")
    assert json_e3["regle"].startswith("Un taux par critère") and "Référentiel : Chapitre VI" in json_e3["regle"]
    assert [(d["groupe"], d["source"]) for d in json_e3["details"]] == [
        ("Accueil attentif et courtois", "enquête"), ("Site internet", "enquête"), ("accueil", "enquête mystère")]


def test_json_le_contrat_et_aller_retour(r) -> None:
    d = vers_json(r)
    assert (d["site"], d["annee"]) == ("PREF-T", 2024)
    e3 = next(i for i in d["indicateurs"] if i["code"] == "E3-REPONSES-DELAI" and i["periode"] == "2024")
    assert e3["valeur"] == 75.0 and e3["unite"] == "%" and e3["statut"] == "non_atteint"
    assert e3["libelle"] == REF.indicateur("E3-REPONSES-DELAI").libelle
    assert {x["groupe"] for x in e3["details"] if x["axe"] == "canal"} == {"courriel", "courrier"}
    assert d["avis"]["négatif"] == 1 and d["avis"]["positif"] == 2 and d["avis"]["neutre"] == 1
    assert d["plan_actions"]["global"] == {"taux": pytest.approx(140 / 3), "actions": 3}
    assert {a["axe"]: a["actions"] for a in d["plan_actions"]["axes"]} == {"A": 3}
    assert d["pan"]["total"] == 100
    enq = next(e for e in d["enquetes"] if e["theme"] == "Site internet")
    assert enq["taux"] == pytest.approx(77.6) and enq["taux_precedent"] == 76.0
    retour = depuis_json(d)
    assert ligne(retour, "E3-REPONSES-DELAI", "2024")["valeur"] == 75.0
    assert retour.plan_global == d["plan_actions"]["global"]


def test_seuil_de_la_presentation_du_comite() -> None:
    """The seed presentation's table: 77,6 % after 78 % is −0,4 point; 91 % after 76 % is +15 points."""
    agregees = pd.DataFrame({
        "site": SITE.code, "annee": pd.array([2023, 2024, 2023, 2024], dtype="Int64"),
        "theme": ["Accueil physique", "Accueil physique", "Téléphone", "Téléphone"],
        "satisfaits": [None, 776.0, None, 91.0], "exprimes": [None, 1000.0, None, 100.0],
        "taux": [78.0, None, 76.0, None],
    })
    base = donnees()
    seules = DonneesSite(**{**base.__dict__, "enquete": enquete().iloc[0:0], "enquete_agregee": agregees})
    r = calculer(REF, SITE, seules, 2024, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                 AUJOURD_HUI)
    e = r.enquetes.set_index("theme")
    assert e.loc["Accueil physique", "progression_points"] == pytest.approx(-0.4)
    assert e.loc["Téléphone", "progression_points"] == pytest.approx(15.0)


def test_cible_du_site_l_emporte() -> None:
    cibles = pd.DataFrame({"indicateur": ["E3-REPONSES-DELAI"], "cible": [72.0], "valeur_initiale": [None]})
    r = calculer(REF, SITE, donnees(), 2024, cibles, AUJOURD_HUI)
    assert ligne(r, "E3-REPONSES-DELAI", "2024")["cible"] == 72.0
    assert ligne(r, "E3-REPONSES-DELAI", "2024")["statut"] == "atteint"


def test_sans_aucune_donnee_tout_est_non_mesure() -> None:
    rien = DonneesSite.vide()
    r = calculer(REF, SITE, rien, 2024, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                 AUJOURD_HUI)
    annuels = r.annuels()
    assert set(annuels["statut"]) <= {"non_mesure", "sans_cible"}
    assert r.plan_global == {"taux": None, "actions": 0}
    assert r.pan["total"] == 0
    assert len(r.non_mesures) == len(annuels)


def test_un_indicateur_mensuel_a_sa_valeur_trimestrielle() -> None:
    """E11 (monthly rate): January 80/100 and February 180/200 (90 %) give the first quarter 260/300 = 86,7 % (ratio
    of the sums, not the mean 85 % of the rates), which a quarter's publication and the quarterly poster need."""
    valeurs = pd.DataFrame({
        "site": SITE.code, "indicateur": ["E11-CONNEXIONS-SITE"] * 2, "periode": ["2024-01", "2024-02"],
        "valeur": [80.0, 90.0], "numerateur": [80.0, 180.0], "denominateur": [100.0, 200.0],
        "commentaire": [None, None],
    })
    import dataclasses

    r = calculer(REF, SITE, dataclasses.replace(DonneesSite.vide(), valeurs=valeurs), 2024,
                 pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), AUJOURD_HUI)
    assert ligne(r, "E11-CONNEXIONS-SITE", "2024-01")["valeur"] == 80.0
    assert ligne(r, "E11-CONNEXIONS-SITE", "2024-T1")["valeur"] == pytest.approx(260 / 3)
    assert ligne(r, "E11-CONNEXIONS-SITE", "2024")["valeur"] == pytest.approx(260 / 3)
    assert pd.isna(ligne(r, "E11-CONNEXIONS-SITE", "2024-T2")["valeur"])


def test_des_usagers_par_jour_se_moyennent_sur_l_annee() -> None:
    """E15 "usagers connectés par jour" (agregation = moyenne in the referential): 30 in January and 40 in February
    make 35 per day over the quarter and the year, not 70."""
    import dataclasses

    valeurs = pd.DataFrame({
        "site": SITE.code, "indicateur": ["E15-USAGERS-POINT-NUMERIQUE"] * 2, "periode": ["2024-01", "2024-02"],
        "valeur": [30.0, 40.0], "numerateur": [None, None], "denominateur": [None, None],
        "commentaire": [None, None],
    })
    r = calculer(REF, SITE, dataclasses.replace(DonneesSite.vide(), valeurs=valeurs), 2024,
                 pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), AUJOURD_HUI)
    assert ligne(r, "E15-USAGERS-POINT-NUMERIQUE", "2024-T1")["valeur"] == 35.0
    assert ligne(r, "E15-USAGERS-POINT-NUMERIQUE", "2024")["valeur"] == 35.0


def test_des_connexions_par_mois_se_moyennent() -> None:
    """E19 « Nombre de connexions par mois » (chapter VI; agregation = moyenne in the referential): January 1 000,
    February 2 000 and March 3 000 give 2 000 par mois over the quarter and the year, not their sum 6 000; January
    and February alone give 1 500 over the first quarter."""
    import dataclasses

    site = dataclasses.replace(SITE, modules=(1,))
    valeurs = pd.DataFrame({
        "site": SITE.code, "indicateur": ["E19-CONNEXIONS-RESEAUX"] * 5,
        "periode": ["2024-01", "2024-02", "2024-03", "2023-01", "2023-02"],
        "valeur": [1000.0, 2000.0, 3000.0, 1000.0, 2000.0], "numerateur": [None] * 5, "denominateur": [None] * 5,
        "commentaire": [None] * 5,
    })
    r = calculer(REF, site, dataclasses.replace(DonneesSite.vide(), valeurs=valeurs), 2024,
                 pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), AUJOURD_HUI)
    assert ligne(r, "E19-CONNEXIONS-RESEAUX", "2024-T1")["valeur"] == 2000.0
    assert ligne(r, "E19-CONNEXIONS-RESEAUX", "2024")["valeur"] == 2000.0
    assert ligne(r, "E19-CONNEXIONS-RESEAUX", "2024")["valeur_precedente"] == 1500.0


def test_le_seuil_de_80_pour_cent_de_l_engagement_52() -> None:
    """E52 « vérification qu'il est de 80 % minimum »: 79 % is « non atteint » (the 5-point margin does not apply
    under the floor), and a site's target of 70 % is raised to the floor."""
    import dataclasses

    site = dataclasses.replace(SITE, modules=(1, 8))
    valeurs = pd.DataFrame({
        "site": SITE.code, "indicateur": ["E52-TRAITEMENT-DELAI"], "periode": ["2024"], "valeur": [79.0],
        "numerateur": [79.0], "denominateur": [100.0], "commentaire": [None],
    })
    r = calculer(REF, site, dataclasses.replace(DonneesSite.vide(), valeurs=valeurs), 2024,
                 pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), AUJOURD_HUI)
    assert (ligne(r, "E52-TRAITEMENT-DELAI", "2024")["statut"], ligne(r, "E52-TRAITEMENT-DELAI", "2024")["seuil"]) \
        == ("non_atteint", 80.0)
    cibles = pd.DataFrame({"indicateur": ["E52-TRAITEMENT-DELAI"], "cible": [70.0], "valeur_initiale": [None],
                           "annee_initiale": [None], "annee_cible": [None]})
    r = calculer(REF, site, dataclasses.replace(DonneesSite.vide(), valeurs=valeurs), 2024, cibles, AUJOURD_HUI)
    assert (ligne(r, "E52-TRAITEMENT-DELAI", "2024")["cible"], ligne(r, "E52-TRAITEMENT-DELAI", "2024")["statut"]) \
        == (80.0, "non_atteint")


def test_e15_tire_de_la_frequentation_du_pan() -> None:
    """E15 « Nombre d'usagers connectés au point numérique par jour » from the PAN attendance: 440 users in January
    2024 over 22 opening days = 20 per day; an imported E15 value gives way to it; the source says « pan »."""
    import dataclasses

    pan = pd.DataFrame({"site": SITE.code, "point": ["P1"], "demarche": ["ANTS"],
                        "mois": pd.to_datetime(["2024-01-01"]), "nombre": [440]})
    valeurs = pd.DataFrame({
        "site": SITE.code, "indicateur": ["E15-USAGERS-POINT-NUMERIQUE"], "periode": ["2024-01"], "valeur": [99.0],
        "numerateur": [None], "denominateur": [None], "commentaire": [None]})
    r = calculer(REF, SITE, dataclasses.replace(DonneesSite.vide(), pan=pan, valeurs=valeurs), 2024,
                 pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), AUJOURD_HUI)
    janvier = ligne(r, "E15-USAGERS-POINT-NUMERIQUE", "2024-01")
    assert (janvier["valeur"], janvier["numerateur"], janvier["denominateur"], janvier["source"]) == (
        20.0, 440.0, 22.0, "pan")
    assert ligne(r, "E15-USAGERS-POINT-NUMERIQUE", "2024")["valeur"] == 20.0
    assert janvier["regle"].startswith("Usagers accueillis aux points d'accès numériques")
    samedi = dataclasses.replace(SITE, jours_ouverture_pan="sam")  # 4 Saturdays in January 2024
    r = calculer(REF, samedi, dataclasses.replace(DonneesSite.vide(), pan=pan), 2024,
                 pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), AUJOURD_HUI)
    assert ligne(r, "E15-USAGERS-POINT-NUMERIQUE", "2024-01")["valeur"] == 110.0


def test_progres_vers_une_cible_pluriannuelle() -> None:
    """Rate 75 % from 60 % towards 95 %: 100 × 15 / 35 = 42,9 %; délai 4,5 days from 9 towards 3 (improving
    downwards): 100 × (4,5 − 9) / (3 − 9) = 75 %."""
    cibles = pd.DataFrame({"indicateur": ["E3-REPONSES-DELAI", "E3-DELAI-MOYEN"], "cible": [95.0, 3.0],
                           "valeur_initiale": [60.0, 9.0], "annee_initiale": [2022, 2022],
                           "annee_cible": [2026, 2026]})
    r = calculer(REF, SITE, donnees(), 2024, cibles, AUJOURD_HUI)
    assert ligne(r, "E3-REPONSES-DELAI", "2024")["progres_cible"] == pytest.approx(300 / 7)
    assert ligne(r, "E3-DELAI-MOYEN", "2024")["progres_cible"] == pytest.approx(75.0)
    d = vers_json(r)
    e3 = next(i for i in d["indicateurs"] if i["code"] == "E3-DELAI-MOYEN" and i["periode"] == "2024")
    assert (e3["valeur_initiale"], e3["annee_cible"], e3["progres_cible"]) == (9.0, 2026, pytest.approx(75.0))


def test_non_mesures_periodes_ecoulees_sans_valeur() -> None:
    """Judged on 15/05/2024: a monthly indicator lacking January and March (April has a value, May has not ended
    but has begun, June has not begun); an annual one without value; a complete one is not listed."""
    lignes = [("M", "2024", 50.0)]
    lignes += [("M", f"2024-0{m}", None if m in (1, 3, 5) else 10.0) for m in range(1, 7)]
    lignes += [("A", "2024", None), ("C", "2024", 12.0), ("C", "2024-T1", 12.0), ("C", "2024-T2", 12.0)]
    indicateurs = pd.DataFrame(
        [{"code": c, "periode": p, "valeur": v, "libelle": f"Indicateur {c}", "module": 1, "engagement": 3,
          "periodicite": "mensuel" if c == "M" else "annuel", "source_attendue": "import"} for c, p, v in lignes])
    indicateurs["valeur"] = indicateurs["valeur"].astype("Float64")
    r = non_mesures(indicateurs, 2024, dt.date(2024, 5, 15))
    assert r["code"].tolist() == ["M", "A"]
    assert r["periodes_manquantes"].tolist() == ["2024-01, 2024-03, 2024-05", "2024"]
    assert r["periodes_attendues"].tolist() == [5, 1]  # January to May; the year itself
    assert r.loc[0, "libelle"] == "Indicateur M"


def test_statut_d_un_engagement_le_plus_grave_de_ses_indicateurs() -> None:
    """An indicator serving two engagements ("3, 12") counts for both; engagement 3's worst status wins."""
    site = Site(code="S", nom="S", type_site="prefecture", cert=True, modules=(1,))
    annuels = pd.DataFrame([
        {"code": "X", "engagements": "3, 12", "statut": "atteint"},
        {"code": "Y", "engagements": "3", "statut": "non_atteint"},
        {"code": "Z", "engagements": "13", "statut": "sans_cible"},
    ])
    engagements, modules = statut_engagements(REF, site, annuels)
    eng = engagements.set_index("engagement")
    assert (eng.loc[3, "statut"], eng.loc[3, "indicateurs"], eng.loc[3, "atteints"]) == ("non_atteint", 2, 1)
    assert (eng.loc[12, "statut"], eng.loc[12, "indicateurs"]) == ("atteint", 1)
    assert eng.loc[13, "statut"] == "sans_cible"  # only indicators without target: their status
    assert eng.loc[1, "statut"] == "sans_indicateur"
    m = modules.iloc[0]
    assert (m["atteint"], m["non_atteint"], m["engagements"]) == (1, 1, len(REF.engagements_du_module(1)))


# --- issue 15: the délai rules as the referential words them ----------------------------------------------------

SANS_CIBLES = pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"])


@pytest.mark.parametrize(("importe_le", "valeur", "en_cours"), [
    # R5, courrier réclamation received Friday 20/12/2024 (10 jours ouvrés, 3.1 from 2020): 23, 24, 26, 27, 30, 31
    # December (25 off), 2, 3, 6, 7 January (1st off): its tenth working day is Tuesday 07/01/2025
    (dt.date(2025, 1, 7), 75.0, 1),  # its délai still runs on the day of the import: en cours, out of the rate
    (dt.date(2025, 1, 8), 60.0, 0),  # its délai ran out by then: late, 3 / (3 + 2), the year's rate included
])
def test_une_demande_sans_reponse_est_jugee_au_dernier_import(importe_le, valeur, en_cours) -> None:
    import dataclasses

    r = calculer(REF, SITE, dataclasses.replace(donnees(), journal_connu_le=importe_le), 2024, SANS_CIBLES,
                 AUJOURD_HUI)
    assert ligne(r, "E3-REPONSES-DELAI", "2024")["valeur"] == valeur
    assert ligne(r, "E3-REPONSES-DELAI", "2024-T4")["valeur"] == (None if en_cours else 0.0) or \
        pd.isna(ligne(r, "E3-REPONSES-DELAI", "2024-T4")["valeur"])
    assert int(r.delais.loc[r.delais["engagement"] == 3, "en_cours"].sum()) == en_cours
    assert r.meta["etat_au"] == importe_le.isoformat()
    d = vers_json(r)
    e3 = next(i for i in d["indicateurs"] if i["code"] == "E3-REPONSES-DELAI" and i["periode"] == "2024")
    assert e3["etat_au"] == importe_le.isoformat() and "dernier import" in e3["regle"]
    assert depuis_json(d).meta["etat_au"] == importe_le.isoformat()  # a publication freezes it


def test_sans_import_connu_l_etat_est_au_jour_du_calcul() -> None:
    import dataclasses

    r = calculer(REF, SITE, dataclasses.replace(donnees(), journal_connu_le=None), 2024, SANS_CIBLES, AUJOURD_HUI)
    assert r.meta["etat_au"] == "2025-06-01"
    assert ligne(r, "E3-REPONSES-DELAI", "2024")["valeur"] == 60.0  # R5 late by then


def test_delai_moyen_sur_le_fond_a_cote_de_toutes_les_reponses(r) -> None:
    """All answers: (4 + 11 + 1 + 2) / 4 = 4,5; on the substance only (R4 was an attente answer): 16 / 3."""
    moyen = ligne(r, "E3-DELAI-MOYEN", "2024")
    assert moyen["valeur"] == 4.5 and moyen["valeur_fond"] == pytest.approx(16 / 3)
    assert pd.isna(ligne(r, "E3-REPONSES-DELAI", "2024")["valeur_fond"])
    d = vers_json(r)
    e3 = next(i for i in d["indicateurs"] if i["code"] == "E3-DELAI-MOYEN" and i["periode"] == "2024")
    assert e3["valeur_fond"] == pytest.approx(16 / 3) and "réponses d'attente comprises" in e3["regle"]
    annee = r.delais[(r.delais["engagement"] == 3)]
    courriel = annee[annee["canal"] == "courriel"]
    assert courriel["delai_moyen_fond"].dropna().tolist() == [4.0, 1.0] or \
        sorted(courriel["delai_moyen_fond"].dropna().tolist()) == [1.0, 4.0]


def test_cible_par_defaut_selon_le_delai_en_vigueur() -> None:
    """17.1: 15 jours ouvrés for a courrier in 2019 (dispositif transitoire), 10 from 2020; 3.1: 15 in 2019 for
    every support, then 10 for paper and urne (5 for courriels, in the breakdown)."""
    for annee, courrier, reclamations in ((2019, 15.0, 15.0), (2024, 10.0, 10.0)):
        r = calculer(REF, SITE, DonneesSite.vide(), annee, SANS_CIBLES, AUJOURD_HUI)
        assert ligne(r, "E17-DELAI-MOYEN-COURRIER", str(annee))["cible"] == courrier
        assert ligne(r, "E3-DELAI-MOYEN", str(annee))["cible"] == reclamations
        assert ligne(r, "E17-DELAI-MOYEN-COURRIEL", str(annee))["cible"] == 5.0


def test_l_urne_compte_comme_un_courrier() -> None:
    """A collectivité's request left in the urne counts in E36's courrier rate (15 jours ouvrés, 36.1), and an
    information request by urne in E17's courrier délai moyen; both as courrier in the délais table."""
    import dataclasses

    lignes = pd.DataFrame([
        ("U1", "urne", "collectivite", "2024-03-01", None, "2024-03-25", "fond"),  # 16 > 15: late
        ("U2", "courrier", "collectivite", "2024-03-01", None, "2024-03-04", "fond"),  # 1
        ("U3", "urne", "information", "2024-03-01", None, "2024-03-08", "fond"),  # 5
    ], columns=["reference", "canal", "nature", "date_reception", "date_completude", "date_reponse", "type_reponse"])
    for colonne in ("date_reception", "date_completude", "date_reponse"):
        lignes[colonne] = _dates(lignes[colonne].tolist())
    lignes["service"] = "Accueil"
    lignes.insert(0, "site", SITE.code)
    r = calculer(REF, SITE, dataclasses.replace(DonneesSite.vide(), journal=lignes,
                                                journal_connu_le=dt.date(2024, 12, 31)), 2024, SANS_CIBLES,
                 AUJOURD_HUI)
    assert ligne(r, "E36-COURRIERS-DELAI", "2024")["valeur"] == 50.0
    assert ligne(r, "E17-DELAI-MOYEN-COURRIER", "2024")["valeur"] == 5.0


def test_la_completude_ne_relance_pas_le_delai_d_une_reclamation() -> None:
    """3.1 restarts no clock: a courriel réclamation received Monday 04/03/2024, completed 11/03 and answered
    Friday 15/03 counts 9 jours ouvrés from its reception (> 5: late), not 4 from its complétude; a courriel
    d'information (17.2, « dès lors que la demande est complète ») with the same dates counts 4 (within 5)."""
    import dataclasses

    lignes = pd.DataFrame([
        ("C1", "courriel", "reclamation", "2024-03-04", "2024-03-11", "2024-03-15", "fond"),
        ("C2", "courriel", "information", "2024-03-04", "2024-03-11", "2024-03-15", "fond"),
    ], columns=["reference", "canal", "nature", "date_reception", "date_completude", "date_reponse", "type_reponse"])
    for colonne in ("date_reception", "date_completude", "date_reponse"):
        lignes[colonne] = _dates(lignes[colonne].tolist())
    lignes["service"] = "Accueil"
    lignes.insert(0, "site", SITE.code)
    r = calculer(REF, SITE, dataclasses.replace(DonneesSite.vide(), journal=lignes,
                                                journal_connu_le=dt.date(2024, 12, 31)), 2024, SANS_CIBLES,
                 AUJOURD_HUI)
    assert ligne(r, "E3-REPONSES-DELAI", "2024")["valeur"] == 0.0
    assert ligne(r, "E3-DELAI-MOYEN", "2024")["valeur"] == 9.0
    assert ligne(r, "E17-COURRIELS-DELAI", "2024")["valeur"] == 100.0
    assert ligne(r, "E17-DELAI-MOYEN-COURRIEL", "2024")["valeur"] == 4.0
