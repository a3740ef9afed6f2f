"""Délais: rules by nature, canal (through canal_delai) and year of reception; states; synthesis by group."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from qualepref.delais import appliquer_regles, filtrer_periode, synthese_delais

CANAL_DELAI = {"courrier": "courrier", "courriel": "courriel", "formulaire": "courriel", "urne": "courrier",
               "telephone": "telephone"}
FIN = dt.date(2023, 6, 30)


def _regles() -> pd.DataFrame:
    """The 2019 → 2020 change: E3 15 days in 2019 then 5 (électronique) / 10 (courrier, urne); E17 courrier 15 days
    in 2019 then 10; E17 courriel 5 days. E99 accepts substantive answers only. Canals listed as the referential's
    own délai canals; formulaire and urne reach them through canal_delai."""
    lignes = []
    for nature in ("reclamation", "suggestion"):
        for canal in ("courrier", "courriel"):
            lignes.append(("E3-2019", 3, nature, canal, 15, None, 2019, "fond,attente"))
    lignes += [
        ("E3-ELECTRONIQUE", 3, "reclamation", "courriel", 5, 2020, None, "fond,attente"),
        ("E3-ELECTRONIQUE", 3, "suggestion", "courriel", 5, 2020, None, "fond,attente"),
        ("E3-COURRIER-URNE", 3, "reclamation", "courrier", 10, 2020, None, "fond,attente"),
        ("E3-COURRIER-URNE", 3, "suggestion", "courrier", 10, 2020, None, "fond,attente"),
        ("E17-COURRIEL", 17, "information", "courriel", 5, None, None, "fond,attente"),
        ("E17-COURRIER-2019", 17, "information", "courrier", 15, None, 2019, "fond,attente"),
        ("E17-COURRIER", 17, "information", "courrier", 10, 2020, None, "fond,attente"),
        ("E99-COLLECTIVITE", 99, "collectivite", "courriel", 5, None, None, "fond"),
    ]
    cadre = pd.DataFrame(lignes, columns=["regle", "engagement", "nature", "canal", "jours_ouvres", "annee_debut",
                                          "annee_fin", "reponses"])
    for c in ("annee_debut", "annee_fin"):
        cadre[c] = cadre[c].astype("Int64")
    return cadre


JOURNAL = [
    # reference, canal, nature, reception, completude, reponse, type
    ("A", "urne", "information", "2019-03-01", None, "2019-03-22", "fond"),  # 15 ≤ 15 (2019 rule)
    ("B", "courrier", "information", "2020-03-02", None, "2020-03-20", "fond"),  # 14 > 10 (from 2020)
    ("C", "formulaire", "reclamation", "2019-06-03", None, "2019-06-21", "fond"),  # 13 (Pentecôte 10/06) ≤ 15
    ("D", "formulaire", "reclamation", "2020-06-03", None, "2020-06-10", "fond"),  # 5 ≤ 5
    ("E", "urne", "reclamation", "2023-05-05", None, "2023-05-22", "fond"),  # 9 (8 May, Ascension) ≤ 10
    ("F", "courriel", "reclamation", "2023-03-01", "2023-03-15", "2023-03-21", "fond"),  # 4 from complétude
    ("G", "courriel", "reclamation", "2023-06-23", None, None, None),  # pending, 5 days by 30/06: en cours
    ("H", "courriel", "reclamation", "2023-06-22", None, None, None),  # pending, 6 days by 30/06: late
    ("I", "courriel", "reclamation", "2023-06-01", None, "2023-06-05", "attente"),  # 2, attente accepted
    ("J", "courriel", "collectivite", "2023-06-01", None, "2023-06-02", "attente"),  # 1, attente refused
    ("K", "telephone", "suggestion", "2023-06-01", None, "2023-06-02", "fond"),  # no rule
    ("L", "courriel", "reclamation", "2023-06-26", None, "2023-07-05", "fond"),  # after the period: 7 > 5
    ("M", "courriel", "reclamation", "2023-06-29", None, "2023-07-04", "fond"),  # after the period: 3 ≤ 5
    ("N", "courriel", "information", "2023-06-12", None, "2023-06-12", None),  # same day: 0, type missing = fond
]


def _journal(lignes=JOURNAL) -> pd.DataFrame:
    cadre = pd.DataFrame(lignes, columns=["reference", "canal", "nature", "date_reception", "date_completude",
                                          "date_reponse", "type_reponse"])
    for c in ("date_reception", "date_completude", "date_reponse"):
        cadre[c] = pd.to_datetime(cadre[c])
    cadre.insert(0, "site", "marne")
    cadre["service"] = np.where(cadre["reference"].isin(["A", "B", "K", "L", "M", "N"]), "BRE", "SG")
    for c in ("site", "reference", "canal", "nature", "type_reponse", "service"):
        cadre[c] = cadre[c].astype("str")
    return cadre


@pytest.fixture(scope="module")
def evalue() -> pd.DataFrame:
    return appliquer_regles(_journal(), _regles(), CANAL_DELAI, None, FIN).set_index("reference")


@pytest.mark.parametrize(("ref", "regle", "delai", "jours", "etat"), [
    ("A", "E17-COURRIER-2019", 15, 15, "dans_le_delai"),
    ("B", "E17-COURRIER", 10, 14, "hors_delai"),
    ("C", "E3-2019", 15, 13, "dans_le_delai"),
    ("D", "E3-ELECTRONIQUE", 5, 5, "dans_le_delai"),
    ("E", "E3-COURRIER-URNE", 10, 9, "dans_le_delai"),
    ("F", "E3-ELECTRONIQUE", 5, 4, "dans_le_delai"),
    ("I", "E3-ELECTRONIQUE", 5, 2, "dans_le_delai"),
    ("J", "E99-COLLECTIVITE", 5, 1, "hors_delai"),
    ("L", "E3-ELECTRONIQUE", 5, 7, "hors_delai"),
    ("M", "E3-ELECTRONIQUE", 5, 3, "dans_le_delai"),
    ("N", "E17-COURRIEL", 5, 0, "dans_le_delai"),
])
def test_reponses_jugees(evalue, ref, regle, delai, jours, etat):
    ligne = evalue.loc[ref]
    assert (ligne["regle"], ligne["delai_jours"], ligne["jours"], ligne["etat"]) == (regle, delai, jours, etat)


def test_depart_a_la_completude(evalue):
    assert evalue.loc["F", "depart"] == pd.Timestamp("2023-03-15")
    assert evalue.loc["A", "depart"] == pd.Timestamp("2019-03-01")


def test_demandes_en_attente_des_deux_cotes_du_delai(evalue):
    assert evalue.loc["G", "etat"] == "en_cours" and pd.isna(evalue.loc["G", "jours"])
    assert evalue.loc["G", "echeance"] == pd.Timestamp("2023-06-30")
    assert evalue.loc["H", "etat"] == "hors_delai"
    assert evalue.loc["H", "echeance"] == pd.Timestamp("2023-06-29")


def test_sans_regle(evalue):
    ligne = evalue.loc["K"]
    assert ligne["etat"] == "sans_regle" and pd.isna(ligne["delai_jours"]) and pd.isna(ligne["regle"])
    assert ligne["jours"] == 1


def test_colonnes_et_types(evalue):
    assert str(evalue["delai_jours"].dtype) == "Int64" and str(evalue["jours"].dtype) == "Int64"
    assert str(evalue["engagement"].dtype) == "Int64"
    assert set(evalue["etat"]) <= {"dans_le_delai", "hors_delai", "en_cours", "sans_regle"}


def test_index_conserve_et_journal_vide():
    journal = _journal().iloc[[3, 5]]
    r = appliquer_regles(journal, _regles(), CANAL_DELAI, None, FIN)
    assert list(r.index) == [3, 5]
    vide = appliquer_regles(_journal().iloc[0:0], _regles(), CANAL_DELAI, None, FIN)
    assert vide.empty and "etat" in vide
    s = synthese_delais(vide)
    assert s["recus"].tolist() == [0] and pd.isna(s["taux_dans_le_delai"].iloc[0])


def test_zone_change_le_jugement():
    # Received Thursday 6 April 2023, answered Monday 17 April with a 5-day rule: métropole counts 7, 11, 12, 13,
    # 14, 17 (Easter Monday excluded) → 6 > 5 late; Alsace-Moselle also drops Vendredi saint 7 → 5: within délai.
    journal = _journal([("Z", "courriel", "reclamation", "2023-04-06", None, "2023-04-17", "fond")])
    metropole = appliquer_regles(journal, _regles(), CANAL_DELAI, None, FIN).iloc[0]
    alsace = appliquer_regles(journal, _regles(), CANAL_DELAI, "57", FIN).iloc[0]
    assert (metropole["jours"], metropole["etat"]) == (6, "hors_delai")
    assert (alsace["jours"], alsace["etat"]) == (5, "dans_le_delai")


def test_synthese_globale(evalue):
    s = synthese_delais(evalue.reset_index()).iloc[0]
    assert s[["recus", "repondus", "en_attente", "en_cours", "dans_le_delai", "hors_delai", "sans_regle",
              "reponses_attente"]].tolist() == [14, 12, 2, 1, 8, 4, 1, 2]
    assert s["taux_dans_le_delai"] == pytest.approx(100 * 8 / 12)
    # every answered request: 15 14 13 5 9 4 2 1 1 7 3 0
    assert s["delai_moyen"] == pytest.approx(74 / 12)
    assert s["delai_median"] == pytest.approx(4.5)


def test_synthese_par_engagement(evalue):
    s = synthese_delais(evalue.reset_index(), par=["engagement"])
    assert s["engagement"].isna().sum() == 1  # the request without rule keeps its own row
    s = s.dropna(subset=["engagement"]).set_index("engagement")
    assert s.loc[3, ["recus", "dans_le_delai", "hors_delai", "en_cours", "reponses_attente"]].tolist() == \
        [9, 6, 2, 1, 1]
    assert s.loc[3, "taux_dans_le_delai"] == pytest.approx(75.0)
    assert s.loc[3, "delai_moyen"] == pytest.approx((13 + 5 + 9 + 4 + 2 + 7 + 3) / 7)
    assert s.loc[17, "taux_dans_le_delai"] == pytest.approx(100 * 2 / 3)
    assert s.loc[99, "taux_dans_le_delai"] == 0


def test_synthese_par_canal_et_service(evalue):
    s = synthese_delais(evalue.reset_index(), par=["canal", "service"]).set_index(["canal", "service"])
    assert s.loc[("urne", "BRE"), "dans_le_delai"] == 1
    assert s.loc[("urne", "SG"), "delai_median"] == 9
    assert pd.isna(s.loc[("telephone", "BRE"), "taux_dans_le_delai"])


def test_filtrer_periode():
    journal = _journal()
    t2 = filtrer_periode(journal, "2023-T2")
    assert sorted(t2["reference"]) == ["E", "G", "H", "I", "J", "K", "L", "M", "N"]
    assert list(filtrer_periode(journal, "2019")["reference"]) == ["A", "C"]


def test_referentiel_reel():
    """The same requests judged with the rules of the referential file."""
    from qualepref.referentiel import charger

    ref = charger("qualepref-2019")
    r = appliquer_regles(_journal(), ref.regles_delai_frame(), ref.canal_delai, None, FIN).set_index("reference")
    assert r.loc["A", "delai_jours"] == 15 and r.loc["B", "delai_jours"] == 10
    assert r.loc["C", "delai_jours"] == 15 and r.loc["D", "delai_jours"] == 5 and r.loc["E", "delai_jours"] == 10
