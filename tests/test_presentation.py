"""presentation: the comité's survey table and key figures, from real ``resultats.calculer`` outputs, in French.

Survey data (2024 against 2023, like the comité presentation of the seed project):
- "Accueil attentif et courtois": 2023 known as a rate only, 78 %; 2024 answers: 4 très satisfaits, 3 satisfaits,
  1 peu satisfait, 1 pas du tout, 1 sans avis → 7 / 9 = 77,78 % (fragile: 9 < 30 exprimés), −0,22 point.
  Wilson 95 % (z = 1,96, n = 9, p = 7/9): centre (p + z²/2n) / (1 + z²/n) = 0,99120 / 1,42684 = 0,69468;
  half-width z·√(p(1−p)/n + z²/4n²) / (1 + z²/n) = 1,96 × 0,17624 / 1,42684 = 0,24210 → 45,3 % to 93,7 %.
- "Accueil téléphonique": 78 % then 776 / 1 000 = 77,6 % → −0,4 point.
- "Point d'accueil numérique": 76 % then 91 / 100 = 91 % → +15 points.
- "Réseaux sociaux": 2024 only, 20 / 25 = 80 % (fragile); Wilson: centre 0,87683 / 1,15366 = 0,76004, half-width
  1,96 × 0,08909 / 1,15366 = 0,15136 → 60,9 % to 91,1 %.

Key figures (2024, judged on 01/06/2025): R1 courriel réclamation reçu lun. 04/03, répondu ven. 08/03 (4 jours
ouvrés ≤ 5: dans le délai); R2 courrier réclamation reçu ven. 01/03, répondu lun. 18/03 (11 > 10: hors délai) →
E3-REPONSES-DELAI 50 %, E3-DELAI-MOYEN (4 + 11) / 2 = 7,5 jours ouvrés, both in 2024 and in 2024-T1; plan: one
action réalisée (100) and one en cours at 40 → 70 %; PAN 1 200 + 233 = 1 433 visits; avis 2 positifs, 1 négatif.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref.calendrier import CONVENTION_JOURS_OUVRES
from qualepref.presentation import (
    chiffres_cles,
    chiffres_delais,
    engagements_par_module,
    graphique_enquetes,
    serie_indicateur,
    tableau_enquetes,
    texte_enquetes,
    valeurs_lisibles,
)
from qualepref.publication import publier_resultats, resultats_publies
from qualepref.referentiel import charger
from qualepref.resultats import DonneesSite, calculer
from qualepref.store import Site, save_site

REF = charger("qualepref-2019")
SITE = Site(code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True, modules=(1, 2))
AUJOURD_HUI = dt.date(2025, 6, 1)
SANS_CIBLES = pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"])
FINE, INSECABLE = "\u202f", "\u00a0"


def _dates(valeurs: list[str | None]) -> pd.Series:
    return pd.to_datetime(pd.Series(valeurs, dtype="object")).astype("datetime64[ns]")


def _reponses() -> pd.DataFrame:
    reponses = ["tres_satisfait"] * 4 + ["satisfait"] * 3 + ["peu_satisfait", "pas_du_tout_satisfait", "sans_avis"]
    return pd.DataFrame({
        "site": SITE.code, "annee": pd.array([2024] * 10, dtype="Int64"),
        "repondant": pd.array(range(1, 11), dtype="Int64"), "question": "Q1",
        "theme": "Accueil attentif et courtois", "reponse": reponses,
    })


def _agregees() -> pd.DataFrame:
    lignes = [  # annee, theme, satisfaits, exprimes, taux
        (2023, "Accueil attentif et courtois", None, None, 78.0),
        (2023, "Accueil téléphonique", None, None, 78.0),
        (2024, "Accueil téléphonique", 776.0, 1000.0, None),
        (2023, "Point d'accueil numérique", None, None, 76.0),
        (2024, "Point d'accueil numérique", 91.0, 100.0, None),
        (2024, "Réseaux sociaux", 20.0, 25.0, None),
    ]
    cadre = pd.DataFrame(lignes, columns=["annee", "theme", "satisfaits", "exprimes", "taux"])
    cadre["annee"] = cadre["annee"].astype("Int64")
    cadre.insert(0, "site", SITE.code)
    return cadre


def _journal() -> pd.DataFrame:
    cadre = pd.DataFrame({
        "site": SITE.code, "reference": ["R1", "R2"], "canal": ["courriel", "courrier"],
        "nature": ["reclamation", "reclamation"], "date_reception": _dates(["2024-03-04", "2024-03-01"]),
        "date_completude": _dates([None, None]), "date_reponse": _dates(["2024-03-08", "2024-03-18"]),
        "type_reponse": ["fond", "fond"], "service": ["Accueil", "Accueil"],
    })
    return cadre


def _plan() -> pd.DataFrame:
    return pd.DataFrame({
        "site": SITE.code, "annee": pd.array([2024, 2024], dtype="Int64"), "axe": "Accueil",
        "thematique": "Signalétique", "action": ["a1", "a2"], "structure": "SG", "pilote": "Mme Martin",
        "echeance": _dates(["2024-06-30", "2025-12-31"]), "statut": ["realisee", "en_cours"],
        "avancement": [100.0, 40.0], "engagement": pd.array([6, 6], dtype="Int64"),
    })


def _pan() -> pd.DataFrame:
    return pd.DataFrame({
        "site": SITE.code, "point": ["Préfecture", "Préfecture"], "mois": _dates(["2024-01-01", "2024-02-01"]),
        "demarche": ["ANTS", "ANTS"], "nombre": pd.array([1200, 233], dtype="Int64"),
    })


def _avis() -> pd.DataFrame:
    return pd.DataFrame({
        "site": SITE.code, "date": _dates(["2024-02-01", "2024-03-01", "2024-04-01"]), "structure": "Préfecture",
        "sujet": "accueil", "tonalite": ["positif", "positif", "negatif"],
        "date_reponse": _dates([None, None, None]),
    })


@pytest.fixture(scope="module")
def r_enquetes():
    donnees = dataclasses.replace(DonneesSite.vide(), enquete=_reponses(), enquete_agregee=_agregees())
    return calculer(REF, SITE, donnees, 2024, SANS_CIBLES, AUJOURD_HUI)


@pytest.fixture(scope="module")
def r_complet():
    donnees = dataclasses.replace(
        DonneesSite.vide(), journal=_journal(), enquete=_reponses(), enquete_agregee=_agregees().iloc[:1],
        plan=_plan(), pan=_pan(), avis=_avis())
    return calculer(REF, SITE, donnees, 2024, SANS_CIBLES, AUJOURD_HUI)


# --- the survey table -------------------------------------------------------------------------------------------

def test_tableau_des_enquetes_comme_au_comite(r_enquetes) -> None:
    tableau = tableau_enquetes(r_enquetes.enquetes, 2024).set_index("Thème")
    assert list(tableau.columns) == ["Taux 2023", "Taux 2024", "Progression", "Réponses exprimées"]
    assert tableau.loc["Accueil téléphonique"].tolist() == [
        f"78{INSECABLE}%", f"77,6{INSECABLE}%", f"−0,4{INSECABLE}point", f"1{FINE}000"]
    assert tableau.loc["Point d'accueil numérique"].tolist() == [
        f"76{INSECABLE}%", f"91{INSECABLE}%", f"+15{INSECABLE}points", "100"]
    assert tableau.loc["Accueil attentif et courtois"].tolist() == [
        f"78{INSECABLE}%", f"77,8{INSECABLE}% (fragile : entre 45,3{INSECABLE}% et 93,7{INSECABLE}%)",
        f"−0,2{INSECABLE}point", "9"]
    assert tableau.loc["Réseaux sociaux"].tolist() == [
        "—", f"80{INSECABLE}% (fragile : entre 60,9{INSECABLE}% et 91,1{INSECABLE}%)", "—", "25"]
    assert sorted(tableau.index) == ["Accueil attentif et courtois", "Accueil téléphonique",
                                     "Point d'accueil numérique", "Réseaux sociaux"]


def test_tableau_sans_enquete() -> None:
    vide = calculer(REF, SITE, DonneesSite.vide(), 2024, SANS_CIBLES, AUJOURD_HUI)
    assert tableau_enquetes(vide.enquetes, 2024).empty


def test_texte_alternatif_des_enquetes(r_enquetes) -> None:
    enquetes = r_enquetes.enquetes.sort_values("theme").reset_index(drop=True)
    assert texte_enquetes(enquetes, 2024) == (
        f"Satisfaction par thème — Accueil attentif et courtois : 77,8{INSECABLE}% en 2024 contre "
        f"78{INSECABLE}% en 2023 (−0,2{INSECABLE}point) ; Accueil téléphonique : 77,6{INSECABLE}% en 2024 contre "
        f"78{INSECABLE}% en 2023 (−0,4{INSECABLE}point) ; Point d'accueil numérique : 91{INSECABLE}% en 2024 "
        f"contre 76{INSECABLE}% en 2023 (+15{INSECABLE}points) ; Réseaux sociaux : 80{INSECABLE}% en 2024.")


def test_graphique_des_enquetes_n_et_n_moins_1(r_enquetes) -> None:
    spec = graphique_enquetes(r_enquetes.enquetes, 2024).to_dict()
    donnees = spec["datasets"][spec["data"]["name"]]
    barres = sorted((d["theme"], d["serie"], round(d["valeur"], 2)) for d in donnees)
    assert barres == [
        ("Accueil attentif et courtois", "2023", 78.0), ("Accueil attentif et courtois", "2024", 77.78),
        ("Accueil téléphonique", "2023", 78.0), ("Accueil téléphonique", "2024", 77.6),
        ("Point d'accueil numérique", "2023", 76.0), ("Point d'accueil numérique", "2024", 91.0),
        ("Réseaux sociaux", "2024", 80.0),  # no bar for a missing 2023 rate
    ]
    assert spec["encoding"]["x"]["title"] == "Taux de satisfaction (%)"


# --- key figures --------------------------------------------------------------------------------------------------

def test_chiffres_cles(r_complet) -> None:
    """Each indicator's help says its rule and cites the referential (definitions.regle); E3 per criterion has the
    one criterion of the survey, « Accueil attentif et courtois »."""
    chiffres = chiffres_cles(r_complet)
    assert [(libelle, valeur) for libelle, valeur, _ in chiffres] == [
        (REF.indicateur("E2-SATISFACTION-ACCUEIL").libelle_court, f"77,8{INSECABLE}% (−0,2{INSECABLE}point)"),
        (REF.indicateur("E3-REPONSES-DELAI").libelle_court, f"50{INSECABLE}%"),
        (REF.indicateur("E3-DELAI-MOYEN").libelle_court, f"7,5{INSECABLE}jours ouvrés"),
        (REF.indicateur("E3-SATISFACTION-CRITERES").libelle_court, f"77,8{INSECABLE}% (−0,2{INSECABLE}point)"),
        # E15 from the PAN attendance: 1 200 + 233 users over 22 + 21 opening days (Jan. 2024 less 1 January)
        (REF.indicateur("E15-USAGERS-POINT-NUMERIQUE").libelle_court, f"33,3{INSECABLE}usagers par jour"),
        ("Plan d'actions réalisé", f"70{INSECABLE}%"),
        ("Fréquentation des points d'accès numériques", f"1{FINE}433"),
        ("Avis Services Publics+", "3 (positifs : 2)"),
    ]
    assert REF.indicateur("E2-SATISFACTION-ACCUEIL").libelle_court == "Satisfaction accueil"  # short on screen
    aides = [aide for _, _, aide in chiffres]
    # the help begins with the full libellé, then the rule applied
    assert aides[0].startswith(REF.indicateur("E2-SATISFACTION-ACCUEIL").libelle + "\n\nTaux de satisfaction = "
                               "(très satisfaits + satisfaits) / réponses exprimées")
    assert aides[0].endswith(f"Référentiel : {REF.indicateur('E2-SATISFACTION-ACCUEIL').citation}")
    assert aides[2].endswith(CONVENTION_JOURS_OUVRES) and aides[3].split("\n\n")[1].startswith("Un taux par critère")
    assert aides[5:] == [None, None, None]


def test_chiffres_cles_sans_donnees() -> None:
    assert chiffres_cles(calculer(REF, SITE, DonneesSite.vide(), 2024, SANS_CIBLES, AUJOURD_HUI)) == []


def test_chiffres_cles_d_une_publication(moteur_sqlite: Engine, r_complet) -> None:
    """The published year reads as the live one; a quarter's publication shows that quarter's figures (its snapshot
    holds no yearly row)."""
    save_site(moteur_sqlite, SITE)
    publier_resultats(moteur_sqlite, r_complet, None, "referente")
    publier_resultats(moteur_sqlite, r_complet, 1, "referente")
    annee, _ = resultats_publies(moteur_sqlite, SITE.code, "2024")
    assert chiffres_cles(annee) == chiffres_cles(r_complet)
    trimestre, _ = resultats_publies(moteur_sqlite, SITE.code, "2024-T1")
    assert [(libelle, valeur) for libelle, valeur, _ in chiffres_cles(trimestre)[:2]] == [
        (REF.indicateur("E3-REPONSES-DELAI").libelle_court, f"50{INSECABLE}%"),
        (REF.indicateur("E3-DELAI-MOYEN").libelle_court, f"7,5{INSECABLE}jours ouvrés"),
    ]
    assert chiffres_cles(trimestre)[1][2].endswith(CONVENTION_JOURS_OUVRES)


def test_chiffres_des_delais(r_complet) -> None:
    """Each délai figure says the day it is judged at (no journal import recorded: the day of the computation) and,
    in its help, its rule, the jours ouvrés convention and the « état au » rule; a délai moyen has its délai to a
    substantive answer beside it (both answers were « fond » here: 7,5 too)."""
    from qualepref.resultats import REGLE_ETAT_AU

    from qualepref.definitions import regle

    taux, moyen = REF.indicateur("E3-REPONSES-DELAI"), REF.indicateur("E3-DELAI-MOYEN")
    assert regle(taux, "journal").startswith(taux.aide.rstrip(". "))  # the rule worded in the referential data
    aide_taux = f"{regle(taux, 'journal')} {CONVENTION_JOURS_OUVRES} {REGLE_ETAT_AU}"
    aide_moyen = f"{regle(moyen, 'journal')} {CONVENTION_JOURS_OUVRES} {REGLE_ETAT_AU}"
    assert chiffres_delais(r_complet) == [
        (f"{taux.libelle} (état au 01/06/2025)", f"50{INSECABLE}%", aide_taux),
        (f"{moyen.libelle} (état au 01/06/2025)", f"7,5{INSECABLE}jours ouvrés", aide_moyen),
        (f"{moyen.libelle}, jusqu'à la réponse sur le fond (état au 01/06/2025)", f"7,5{INSECABLE}jours ouvrés",
         "Délai moyen des seules demandes répondues sur le fond (sans les réponses d'attente). " + aide_moyen),
    ]


def test_engagements_par_module(r_complet) -> None:
    par_module = engagements_par_module(r_complet)
    assert list(par_module) == r_complet.modules["module"].tolist()
    for module, cadre in par_module.items():
        assert set(cadre["module"]) <= {module}
        assert len(cadre) == int(r_complet.modules.set_index("module").loc[module, "engagements"])
    assert par_module[1]["engagement"].tolist() == [e.numero for e in REF.engagements_du_module(1)]


# --- series and readable values -----------------------------------------------------------------------------------

def test_serie_d_un_indicateur_trimestriel_et_d_un_annuel(r_complet) -> None:
    trimestriel = serie_indicateur(r_complet.indicateurs, "E3-REPONSES-DELAI", 2024)
    assert trimestriel.to_dict("list") == {
        "date": [pd.Timestamp("2024-01-01")], "valeur": [50.0], "periode": ["2024-T1"]}
    annuel = serie_indicateur(r_complet.indicateurs, "E2-SATISFACTION-ACCUEIL", 2024)
    assert annuel["periode"].tolist() == ["2024"]
    assert annuel["valeur"].tolist() == pytest.approx([700 / 9])
    assert serie_indicateur(r_complet.indicateurs, "E10-APPELS-ABOUTIS", 2024).empty


def test_valeurs_lisibles_selon_l_unite() -> None:
    cadre = pd.DataFrame({"valeur": [77.6, 2.5, 1433825.0, None], "progression_points": [-0.4, -3.0, 12.0, None],
                          "unite": ["%", "jours ouvrés", "nombre", "%"]})
    lisibles = valeurs_lisibles(cadre, {"valeur": "valeur", "progression_points": "progression"})
    assert lisibles["valeur"].tolist() == [f"77,6{INSECABLE}%", f"2,5{INSECABLE}jours ouvrés",
                                           f"1{FINE}433{FINE}825", "—"]
    assert lisibles["progression_points"].tolist() == [f"−0,4{INSECABLE}point", f"−3{INSECABLE}jours", "+12", "—"]
    assert cadre["valeur"].tolist()[0] == 77.6  # the figures themselves are left as they were
