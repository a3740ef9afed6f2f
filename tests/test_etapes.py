"""etapes: the journal's dated natures (mise à jour, rendez-vous, pièces complémentaires, traitement de dossier)
judged as chapter III dates them, through the same délai engine and cube; every case computed by hand.

Site in métropole with modules 1, 4 and 5, year 2024, journal last imported on Monday 03/06/2024 (« état au »).
Holidays of May 2024: Wednesday 1 May, Wednesday 8 May, Thursday 9 May (Ascension), Monday 20 May (Pentecôte).
A délai counts the jours ouvrés after its départ up to its end day included.

Mises à jour (3 jours ouvrés from the information of the person in charge = the date de réception, 1.2, 8, 11):
- M1 site internet, engagement 1: reçue mar. 30/04, mise à jour ven. 03/05 → 1 May off: 2 days, within.
- M2 site internet, engagement 11: reçue mar. 07/05, mise à jour lun. 13/05 → 8 and 9 May off: 2 days, within
  (4 days without the holidays: late).
- M3 site internet, engagement 11: reçue mar. 07/05, mise à jour mer. 15/05 → 10, 13, 14, 15: 4 days, late.
  E1-MAJ-SITE-INTERNET (engagements 1 and 11) = 2 / 3 = 66,7 %.
- M4 SVI, engagement 8: reçue mer. 29/05, not done: 30, 31 May and 3 June = 3 days by the état au, not more than 3:
  « en cours », out of the rate.
- M5 SVI, engagement 1: reçue lun. 27/05, not done: 5 days by the état au > 3: late.
  E1-MAJ-SVI (engagements 1 and 8) = 0 / 1 = 0 %, one en cours.
Rendez-vous (37.1: a date proposed within 4 jours ouvrés of the reception, the rendez-vous within the 10 that
follow the proposal, « sauf indisponibilité du demandeur »):
- V1 reçue lun. 29/04, proposée lun. 06/05 (30/04, 2, 3, 6 May: 4, within), tenue mar. 21/05 (7, 10, 13–17, 21:
  8 days, Pentecôte off: within).
- V2 reçue lun. 29/04, proposée mar. 07/05 (5 days: late), tenue 28/05, requester unavailable: out of the 10-day
  rate, counted apart.
- V3 reçue jeu. 02/05, proposée ven. 03/05 (1 day: within), tenue jeu. 23/05 (11 days: late).
  E37-RDV-PROPOSES-4J = 2 / 3 = 66,7 %; E37-RDV-TENUS-10J = 1 / 2 = 50 %, one requester unavailable apart.
Pièces complémentaires (38.2: the user contacted within 10 jours ouvrés of the reception):
- P1 reçue mar. 30/04, usager contacté mer. 15/05 → 8 days: within. E38-PIECES-10J = 100 %.
Traitement de dossier (38.3: « un délai annoncé et respecté, fixé localement »):
- T1 procédure « Armes » (local délai 15 jours ouvrés), reçue jeu. 02/05, traitée ven. 31/05 → 18 days: late.
- T2 procédure « Vidéo-protection » (no local délai: the default 30 jours ouvrés), same dates → 18: within.
  E38-TRAITEMENT-DELAI = 1 / 2 = 50 %, its help text naming 30 jours ouvrés « délai par défaut, à remplacer ».
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from qualepref import etapes
from qualepref.referentiel import charger
from qualepref.resultats import DonneesSite, calculer, vers_json
from qualepref.store import Site

REF = charger("qualepref-2019")
SITE = Site(code="PREF-E", nom="Préfecture des étapes", type_site="prefecture", cert=True, zone="metropole",
            modules=(1, 4, 5))
CONNU_LE = dt.date(2024, 6, 3)
LOCAUX = pd.DataFrame({"site": ["PREF-E"], "engagement": [38], "procedure": ["Armes"], "jours_ouvres": [15]})


def journal() -> pd.DataFrame:
    colonnes = ["reference", "canal", "nature", "date_reception", "date_reponse", "engagement", "support",
                "date_proposition", "date_rendez_vous", "indisponibilite", "procedure"]
    lignes = [
        ("M1", "courriel", "mise-a-jour", "2024-04-30", "2024-05-03", 1, "site-internet", None, None, None, None),
        ("M2", "courriel", "mise-a-jour", "2024-05-07", "2024-05-13", 11, "site-internet", None, None, None, None),
        ("M3", "courriel", "mise-a-jour", "2024-05-07", "2024-05-15", 11, "site-internet", None, None, None, None),
        ("M4", "courriel", "mise-a-jour", "2024-05-29", None, 8, "svi", None, None, None, None),
        ("M5", "courriel", "mise-a-jour", "2024-05-27", None, 1, "svi", None, None, None, None),
        ("V1", "courrier", "rendez-vous", "2024-04-29", None, 37, None, "2024-05-06", "2024-05-21", False, None),
        ("V2", "courrier", "rendez-vous", "2024-04-29", None, 37, None, "2024-05-07", "2024-05-28", True, None),
        ("V3", "telephone", "rendez-vous", "2024-05-02", None, 37, None, "2024-05-03", "2024-05-23", None, None),
        ("P1", "courrier", "pieces-complementaires", "2024-04-30", "2024-05-15", 38, None, None, None, None, None),
        ("T1", "courrier", "traitement", "2024-05-02", "2024-05-31", 38, None, None, None, None, "Armes"),
        ("T2", "courrier", "traitement", "2024-05-02", "2024-05-31", 38, None, None, None, None,
         "Vidéo-protection"),
    ]
    cadre = pd.DataFrame(lignes, columns=colonnes).assign(site=SITE.code, date_completude=pd.NaT,
                                                           type_reponse=None, service="Bureau des polices")
    for c in ("date_reception", "date_reponse", "date_proposition", "date_rendez_vous", "date_completude"):
        cadre[c] = pd.to_datetime(cadre[c]).astype("datetime64[ns]")
    for c in ("site", "reference", "canal", "nature", "type_reponse", "service", "support", "procedure"):
        cadre[c] = cadre[c].astype("str")
    cadre["engagement"] = cadre["engagement"].astype("Int64")
    cadre["indisponibilite"] = cadre["indisponibilite"].astype("boolean")
    return cadre


def donnees(locaux: pd.DataFrame | None = LOCAUX) -> DonneesSite:
    vide = DonneesSite.vide()
    return DonneesSite(**{**vide.__dict__, "journal": journal(), "journal_connu_le": CONNU_LE,
                          "delais_locaux": locaux})


@pytest.fixture(scope="module")
def r():
    return calculer(REF, SITE, donnees(), 2024, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                    dt.date(2024, 6, 10))


def ligne(r, code: str, periode: str = "2024") -> pd.Series:
    choisies = r.indicateurs[(r.indicateurs["code"] == code) & (r.indicateurs["periode"] == periode)]
    assert len(choisies) == 1, code
    return choisies.iloc[0]


@pytest.mark.parametrize(("code", "valeur", "numerateur", "denominateur"), [
    ("E1-MAJ-SITE-INTERNET", 200 / 3, 2, 3),
    ("E1-MAJ-SVI", 0.0, 0, 1),
    ("E37-RDV-PROPOSES-4J", 200 / 3, 2, 3),
    ("E37-RDV-TENUS-10J", 50.0, 1, 2),
    ("E38-PIECES-10J", 100.0, 1, 1),
    ("E38-TRAITEMENT-DELAI", 50.0, 1, 2),
])
def test_taux_des_etapes_calcules_a_la_main(r, code: str, valeur: float, numerateur: int, denominateur: int) -> None:
    x = ligne(r, code)
    assert x["valeur"] == pytest.approx(valeur)
    assert (x["numerateur"], x["denominateur"], x["source"]) == (numerateur, denominateur, "journal")


def test_sans_ligne_pas_de_valeur(r) -> None:
    """Engagements 39 and 40 have no row: their indicators stay unmeasured (no value from nothing)."""
    for code in ("E39-INFORMATION-10J", "E40-RDV-PROPOSES-4J", "E40-RDV-TENUS-10J"):
        assert pd.isna(ligne(r, code)["valeur"])


def test_indisponibilite_comptee_a_part(r) -> None:
    d = r.details[(r.details["indicateur"] == "E37-RDV-TENUS-10J") & (r.details["periode"] == "2024")]
    apart = d[d["axe"] == "indisponibilite"]
    assert apart[["groupe", "recus"]].values.tolist() == [["demandeur indisponible", 1]]
    # the rendez-vous of V2 is not in the proposal step's apart count: only the 10-day rate leaves it out
    assert r.details[(r.details["indicateur"] == "E37-RDV-PROPOSES-4J")
                     & (r.details["axe"] == "indisponibilite")].empty
    assert (r.demandeurs_indisponibles("E37-RDV-TENUS-10J"), r.demandeurs_indisponibles("E37-RDV-PROPOSES-4J"),
            r.demandeurs_indisponibles("E37-RDV-TENUS-10J", "2023")) == (1, 0, 0)


def test_phrase_des_demandeurs_indisponibles() -> None:
    from qualepref.presentation import phrase_indisponibles

    assert phrase_indisponibles(0) is None
    assert phrase_indisponibles(2) == ("2 demande(s) dont le demandeur était indisponible : hors du taux, "
                                       "comptée(s) à part (« sauf indisponibilité du demandeur »).")


def test_en_cours_compte_a_part(r) -> None:
    d = r.details[(r.details["indicateur"] == "E1-MAJ-SVI") & (r.details["periode"] == "2024")
                  & (r.details["axe"] == "canal")]
    assert d[["groupe", "recus", "en_cours", "denominateur"]].values.tolist() == [["courriel", 2, 1, 1.0]]


def test_delai_local_et_delai_par_defaut_dans_l_aide(r) -> None:
    regle = ligne(r, "E38-TRAITEMENT-DELAI")["regle"]
    assert (". Délai appliqué : 15 jours ouvrés (procédure « Armes » : délai fixé localement par le site) ; 30 jours "
            "ouvrés (procédure « Vidéo-protection » : délai par défaut, à remplacer). Référentiel : Chapitre VI, "
            "module 5, engagement 38 : ") in regle
    assert "« fixé localement »" in regle and "Chapitre VI" in regle
    assert r.meta["delais_locaux"] == [
        {"engagement": 38, "procedure": "Armes", "jours_ouvres": 15, "defaut": False},
        {"engagement": 38, "procedure": "Vidéo-protection", "jours_ouvres": 30, "defaut": True}]


def test_sans_delai_local_le_defaut_pour_tous():
    """Without any local délai, both dossiers are judged on the default 30 jours ouvrés: 18 ≤ 30, both within."""
    r = calculer(REF, SITE, donnees(None), 2024, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                 dt.date(2024, 6, 10))
    x = ligne(r, "E38-TRAITEMENT-DELAI")
    assert (x["valeur"], x["numerateur"], x["denominateur"]) == (100.0, 2, 2)
    assert "30 jours ouvrés (procédure « Armes » : délai par défaut, à remplacer)" in x["regle"]


def test_un_delai_local_pour_toutes_les_procedures():
    """A délai set for every procedure ("") applies to T2; T1 keeps its own."""
    locaux = pd.concat([LOCAUX, pd.DataFrame({"site": ["PREF-E"], "engagement": [38], "procedure": [""],
                                              "jours_ouvres": [17]})], ignore_index=True)
    r = calculer(REF, SITE, donnees(locaux), 2024, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                 dt.date(2024, 6, 10))
    x = ligne(r, "E38-TRAITEMENT-DELAI")
    assert (x["numerateur"], x["denominateur"]) == (0, 2)  # 18 > 15 and 18 > 17
    assert ("Délai appliqué : 15 jours ouvrés (procédure « Armes » : délai fixé localement par le site) ; 17 jours "
            "ouvrés (procédure « Vidéo-protection » : délai fixé localement par le site). Référentiel : ") in x["regle"]


def test_json_liste_les_nouveaux_indicateurs(r) -> None:
    donnees_json = vers_json(r)
    annuels = {i["code"]: i for i in donnees_json["indicateurs"] if i["periode"] == "2024"}
    rdv = annuels["E37-RDV-TENUS-10J"]
    assert {k: rdv[k] for k in ("code", "engagement", "unite", "valeur", "statut")} == {
        "code": "E37-RDV-TENUS-10J", "engagement": 37, "unite": "%", "valeur": 50.0, "statut": "non_atteint"}
    assert rdv["libelle"] == "Taux de rendez-vous fixés dans le délai de 10 jours ouvrés (élu ou cadre territorial)"
    assert "sauf indisponibilité du demandeur sur la période" in rdv["regle"]
    assert annuels["E1-MAJ-SITE-INTERNET"]["etat_au"] == "2024-06-03"


def test_table_des_delais_par_engagement(r) -> None:
    d = r.delais.set_index(["engagement", "nature"])
    proposition = d.loc[(37, "rendez-vous-proposition"), ["recus", "dans_le_delai", "hors_delai"]]
    assert proposition.sum().tolist() == [3, 2, 1]  # by canal: courrier 2, téléphone 1
    assert d.loc[(37, "rendez-vous-tenue"), ["recus", "dans_le_delai", "hors_delai"]].sum().tolist() == [2, 1, 1]
    assert d.loc[(8, "mise-a-jour-svi"), ["recus", "en_cours"]].tolist() == [1, 1]
    assert d.loc[(1, "mise-a-jour-svi"), ["recus", "hors_delai"]].tolist() == [1, 1]


def test_etapes_d_un_rendez_vous():
    """A rendez-vous gives a proposition step from its reception and a tenue step from its proposal (none while
    no date is proposed); the unavailable requester's step carries a key no rule has."""
    j = journal()
    j = pd.concat([j, j[j["reference"] == "V1"].assign(reference="V4", date_proposition=pd.NaT,
                                                         date_rendez_vous=pd.NaT)], ignore_index=True)
    e = etapes.en_etapes(j[j["nature"] == "rendez-vous"])
    assert sorted(zip(e["reference"], e["nature"], e["date_completude"].dt.strftime("%d/%m"),
                      e["date_reponse"].dt.strftime("%d/%m").fillna("-"))) == [
        ("V1", "rendez-vous-proposition#37", "29/04", "06/05"), ("V1", "rendez-vous-tenue#37", "06/05", "21/05"),
        ("V2", "rendez-vous-proposition#37", "29/04", "07/05"),
        ("V2", "rendez-vous-tenue#37#indisponible", "07/05", "28/05"),
        ("V3", "rendez-vous-proposition#37", "02/05", "03/05"), ("V3", "rendez-vous-tenue#37", "03/05", "23/05"),
        ("V4", "rendez-vous-proposition#37", "29/04", "-")]


def test_engagements_possibles_par_nature():
    assert etapes.engagements_possibles(REF, "mise-a-jour") == (1, 8, 11, 51)
    assert etapes.engagements_possibles(REF, "pieces-complementaires") == (38, 39, 52)
    assert etapes.engagements_possibles(REF, "rendez-vous") == (37, 40)
    assert etapes.engagements_possibles(REF, "traitement") == (38, 52)
