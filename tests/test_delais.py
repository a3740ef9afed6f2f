"""Délais: rules by nature, canal (through canal_delai) and year of reception; states; synthesis by group.

Then the fast path of the results (the journal evaluated once, every period counted from one cube) against the
straightforward evaluation of each period, figure by figure, on random journals."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from qualepref import etapes, resultats
from qualepref.delais import (ETATS, QUANTITES, CubePeriodes, appliquer_regles, evaluer_demandes, filtrer_periode,
                              synthese_delais, synthese_ponderee)
from qualepref.periodes import parse_periode
from qualepref.referentiel import charger

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
    cadre["depart_completude"] = cadre["regle"].str.startswith("E17-")  # 17.1, 17.2: « dès lors que complète »
    return cadre


JOURNAL = [
    # reference, canal, nature, reception, completude, reponse, type
    ("A", "urne", "information", "2019-03-01", None, "2019-03-22", "fond"),  # 15 ≤ 15 (2019 rule)
    ("B", "courrier", "information", "2020-03-02", None, "2020-03-20", "fond"),  # 14 > 10 (from 2020)
    ("C", "formulaire", "reclamation", "2019-06-03", None, "2019-06-21", "fond"),  # 13 (Pentecôte 10/06) ≤ 15
    ("D", "formulaire", "reclamation", "2020-06-03", None, "2020-06-10", "fond"),  # 5 ≤ 5
    ("E", "urne", "reclamation", "2023-05-05", None, "2023-05-22", "fond"),  # 9 (8 May, Ascension) ≤ 10
    # a réclamation counts from its reception, complétude or not (3.1 restarts no clock): 14 > 5
    ("F", "courriel", "reclamation", "2023-03-01", "2023-03-15", "2023-03-21", "fond"),
    ("G", "courriel", "reclamation", "2023-06-23", None, None, None),  # pending, 5 days by 30/06: en cours
    ("H", "courriel", "reclamation", "2023-06-22", None, None, None),  # pending, 6 days by 30/06: late
    ("I", "courriel", "reclamation", "2023-06-01", None, "2023-06-05", "attente"),  # 2, attente accepted
    ("J", "courriel", "collectivite", "2023-06-01", None, "2023-06-02", "attente"),  # 1, attente refused
    ("K", "telephone", "suggestion", "2023-06-01", None, "2023-06-02", "fond"),  # no rule
    ("L", "courriel", "reclamation", "2023-06-26", None, "2023-07-05", "fond"),  # after the period: 7 > 5
    ("M", "courriel", "reclamation", "2023-06-29", None, "2023-07-04", "fond"),  # after the period: 3 ≤ 5
    ("N", "courriel", "information", "2023-06-12", None, "2023-06-12", None),  # same day: 0, type missing = fond
    # a courriel d'information completed later counts from its complétude (17.2): Fri 12/05 → Mon 22/05, 18/05
    # (Ascension) off: 15, 16, 17, 19, 22 = 5 ≤ 5 (from the reception, 01/05 and 08/05 off, it would be 13)
    ("O", "courriel", "information", "2023-04-28", "2023-05-12", "2023-05-22", "fond"),
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
    ("F", "E3-ELECTRONIQUE", 5, 14, "hors_delai"),
    ("O", "E17-COURRIEL", 5, 5, "dans_le_delai"),
    ("I", "E3-ELECTRONIQUE", 5, 2, "dans_le_delai"),
    ("J", "E99-COLLECTIVITE", 5, 1, "hors_delai"),
    ("L", "E3-ELECTRONIQUE", 5, 7, "hors_delai"),
    ("M", "E3-ELECTRONIQUE", 5, 3, "dans_le_delai"),
    ("N", "E17-COURRIEL", 5, 0, "dans_le_delai"),
])
def test_reponses_jugees(evalue, ref, regle, delai, jours, etat):
    ligne = evalue.loc[ref]
    assert (ligne["regle"], ligne["delai_jours"], ligne["jours"], ligne["etat"]) == (regle, delai, jours, etat)


def test_depart_a_la_completude_pour_17_seulement(evalue):
    assert evalue.loc["O", "depart"] == pd.Timestamp("2023-05-12")  # 17.2: « dès lors que la demande est complète »
    assert evalue.loc["F", "depart"] == pd.Timestamp("2023-03-01")  # a réclamation: from reception
    assert evalue.loc["A", "depart"] == pd.Timestamp("2019-03-01")
    d = evaluer_demandes(_journal(), _regles(), CANAL_DELAI, None)
    jours = dict(zip(_journal()["reference"], d.jours, strict=True))
    assert (jours["O"], jours["F"]) == (5, 14)


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
              "reponses_attente"]].tolist() == [15, 13, 2, 1, 8, 5, 1, 2]
    assert s["taux_dans_le_delai"] == pytest.approx(100 * 8 / 13)
    # every answered request: 15 14 13 5 9 14 2 1 1 7 3 0 5
    assert s["delai_moyen"] == pytest.approx(89 / 13)
    assert s["delai_median"] == pytest.approx(5)
    # on the substance only: without the attente answers I (2 days) and J (1)
    assert s["delai_moyen_fond"] == pytest.approx(86 / 11)


def test_synthese_par_engagement(evalue):
    s = synthese_delais(evalue.reset_index(), par=["engagement"])
    assert s["engagement"].isna().sum() == 1  # the request without rule keeps its own row
    s = s.dropna(subset=["engagement"]).set_index("engagement")
    assert s.loc[3, ["recus", "dans_le_delai", "hors_delai", "en_cours", "reponses_attente"]].tolist() == \
        [9, 5, 3, 1, 1]
    assert s.loc[3, "taux_dans_le_delai"] == pytest.approx(62.5)
    assert s.loc[3, "delai_moyen"] == pytest.approx((13 + 5 + 9 + 14 + 2 + 7 + 3) / 7)
    assert s.loc[3, "delai_moyen_fond"] == pytest.approx((13 + 5 + 9 + 14 + 7 + 3) / 6)
    assert s.loc[17, "taux_dans_le_delai"] == pytest.approx(75.0)
    assert s.loc[99, "taux_dans_le_delai"] == 0


def test_synthese_par_canal_et_service(evalue):
    s = synthese_delais(evalue.reset_index(), par=["canal", "service"]).set_index(["canal", "service"])
    assert s.loc[("urne", "BRE"), "dans_le_delai"] == 1
    assert s.loc[("urne", "SG"), "delai_median"] == 9
    assert pd.isna(s.loc[("telephone", "BRE"), "taux_dans_le_delai"])


def test_filtrer_periode():
    journal = _journal()
    t2 = filtrer_periode(journal, "2023-T2")
    assert sorted(t2["reference"]) == ["E", "G", "H", "I", "J", "K", "L", "M", "N", "O"]
    assert list(filtrer_periode(journal, "2019")["reference"]) == ["A", "C"]


def test_referentiel_reel():
    """The same requests judged with the rules of the referential file."""
    from qualepref.referentiel import charger

    ref = charger("qualepref-2019")
    r = appliquer_regles(_journal(), ref.regles_delai_frame(), ref.canal_delai, None, FIN).set_index("reference")
    assert r.loc["A", "delai_jours"] == 15 and r.loc["B", "delai_jours"] == 10
    assert r.loc["C", "delai_jours"] == 15 and r.loc["D", "delai_jours"] == 5 and r.loc["E", "delai_jours"] == 10


# --- the journal evaluated once ------------------------------------------------------------------------------------

def test_limite_premier_jour_hors_delai():
    """G (Friday 23/06, 5 days) is within délai up to Friday 30/06: late from Monday 03/07; H (Thursday 22/06) from
    30/06. The other requests have no limite: answered, or without rule."""
    d = evaluer_demandes(_journal(), _regles(), CANAL_DELAI, None)
    limites = dict(zip(_journal()["reference"], d.limite, strict=True))
    assert limites["G"] == np.datetime64("2023-07-03") and limites["H"] == np.datetime64("2023-06-30")
    assert all(np.isnat(v) for k, v in limites.items() if k not in "GH")


def test_etats_a_une_date_comme_appliquer_regles(evalue):
    d = evaluer_demandes(_journal(), _regles(), CANAL_DELAI, None)
    assert [ETATS[e] for e in d.etats_au(FIN)] == evalue["etat"].tolist()
    assert ETATS[d.etats_au(dt.date(2023, 7, 2))[6]] == "en_cours"  # G on Sunday 02/07
    assert ETATS[d.etats_au(dt.date(2023, 7, 3))[6]] == "hors_delai"


def test_cube_en_attente_selon_la_fin_de_chaque_periode():
    """G and H (pending, received in June 2023) judged at the end of June, of the second quarter and of the year,
    each capped by today (10/07/2023): H is late everywhere; G in the year only (its délai ran out on 03/07)."""
    journal = _journal()[lambda j: j["reference"].isin(["G", "H", "I"])]
    d = evaluer_demandes(journal, _regles(), CANAL_DELAI, None)
    codes = ["2023", "2023-T2", "2023-06", "2023-07"]
    cube = CubePeriodes(d, [parse_periode(c) for c in codes], dt.date(2023, 7, 10))
    total = cube.selection(["reclamation"], ["courriel"]).total
    colonnes = ["recus", "repondus", "en_cours", "dans_le_delai", "hors_delai"]
    assert total[:, :5].tolist() == [[3, 1, 0, 1, 2], [3, 1, 1, 1, 1], [3, 1, 1, 1, 1], [0, 0, 0, 0, 0]], colonnes
    assert total[:, QUANTITES.index("jours_total")].tolist() == [2, 2, 2, 0]  # I: 2 days
    assert total[:, QUANTITES.index("repondus_fond")].tolist() == [0, 0, 0, 0]  # I is an attente answer


@pytest.mark.parametrize(("etat_au", "en_cours", "hors_delai"), [
    (dt.date(2023, 6, 30), 1, 1),  # G (23/06, 5 days: last day 30/06) still runs: en cours in every period
    (dt.date(2023, 7, 3), 0, 2),  # its délai ran out: late in June, the quarter and the year alike
])
def test_cube_en_attente_juge_au_jour_ou_le_journal_est_connu(etat_au, en_cours, hors_delai):
    """Issue 15: an unanswered request is judged as of the journal's latest import, whatever the period."""
    journal = _journal()[lambda j: j["reference"].isin(["G", "H", "I"])]
    d = evaluer_demandes(journal, _regles(), CANAL_DELAI, None)
    codes = ["2023", "2023-T2", "2023-06"]
    cube = CubePeriodes(d, [parse_periode(c) for c in codes], etat_au=etat_au)
    total = cube.selection(["reclamation"], ["courriel"]).total
    assert total[:, :5].tolist() == [[3, 1, en_cours, 1, hors_delai]] * 3
    for code in codes:
        evalue = appliquer_regles(filtrer_periode(journal, code), _regles(), CANAL_DELAI, None, etat_au)
        assert_frame_equal(synthese_ponderee(cube.cellules(code)), synthese_delais(evalue), check_exact=True)


def test_cube_refuse_une_periode_hors_mois_entiers():
    d = evaluer_demandes(_journal(), _regles(), CANAL_DELAI, None)
    with pytest.raises(ValueError, match="mois entiers"):
        CubePeriodes(d, [resultats.periodes.Periode("x", dt.date(2023, 1, 2), dt.date(2023, 1, 31), "mois")])


def journal_aleatoire(graine: int, lignes: int = 3000) -> pd.DataFrame:
    """Requests received from December 2018 to January 2021 (2019 rules, then 2020's; a few outside the two years
    computed), a third of them late in their month so that pending requests straddle period ends; 15 % completed
    later (some after their period, some before reception: an input error), 20 % pending, answers from 3 days
    before départ to 40 days after; types fond, attente (accepted or not by the rule), " attente", another one or
    none; natures with and without rule, canals counted as another for délais, missing values everywhere."""
    alea = np.random.default_rng(graine)
    jour = pd.Timedelta(days=1)
    reception = pd.DatetimeIndex(pd.Timestamp("2018-12-01") + alea.integers(0, 790, lignes) * jour)
    tard = np.where(alea.random(lignes) < 0.3, np.clip(22 - reception.day.to_numpy(), 0, None), 0)
    reception = reception + tard * jour
    completude = pd.Series(reception + alea.integers(-2, 45, lignes) * jour).where(alea.random(lignes) < 0.15)
    depart = completude.fillna(pd.Series(reception))
    reponse = (depart + pd.Series(alea.integers(-3, 40, lignes)) * jour).where(alea.random(lignes) < 0.8)
    types = np.array(["fond", "attente", " attente", "autre", None], dtype=object)
    canaux = np.array(["courrier", "courriel", "formulaire", "urne", "telephone", None], dtype=object)
    natures = np.array(["information", "reclamation", "suggestion", "collectivite", "mise-a-jour-svi", "rendez-vous-proposition",
                        "inconnue", None], dtype=object)
    services = np.array(["Accueil", "Titres", "Étrangers", "SG", "Zèbre", None], dtype=object)
    cadre = pd.DataFrame({
        "site": "ALEA", "reference": [f"R{i}" for i in range(lignes)],
        "canal": canaux[alea.choice(6, lignes, p=[0.25, 0.25, 0.2, 0.15, 0.13, 0.02])],
        "nature": natures[alea.choice(8, lignes, p=[0.25, 0.25, 0.15, 0.15, 0.08, 0.08, 0.02, 0.02])],
        "date_reception": pd.Series(reception).astype("datetime64[ns]"),
        "date_completude": completude.astype("datetime64[ns]"),
        "date_reponse": reponse.astype("datetime64[ns]"),
        "type_reponse": pd.Series(types[alea.choice(5, lignes, p=[0.6, 0.25, 0.03, 0.02, 0.1])]).where(reponse.notna()),
        "service": services[alea.choice(6, lignes)],
    })
    for c in ("site", "reference", "canal", "nature", "type_reponse", "service"):
        cadre[c] = cadre[c].astype("str")
    return cadre


REF = charger("qualepref-2019")


def valeurs_periode_par_periode(journal: pd.DataFrame, subdivision: str | None, codes: list[str],
                                aujourd_hui: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The straightforward way (what ``resultats._valeurs_journal`` did): each period's requests evaluated, the
    unanswered ones judged at ``aujourd_hui`` (``evaluer_journal``: the day the journal is known), then
    ``synthese_delais`` per indicator, canal and service."""
    def mesure(m: str | None, ligne: pd.Series) -> dict:
        if m == "delai_moyen":
            return {"valeur": None if pd.isna(ligne["delai_moyen"]) else float(ligne["delai_moyen"]),
                    "valeur_fond": None if pd.isna(ligne["delai_moyen_fond"]) else float(ligne["delai_moyen_fond"]),
                    "numerateur": None, "denominateur": float(ligne["repondus"])}
        taux = ligne["taux_dans_le_delai"]
        return {"valeur": None if pd.isna(taux) else float(taux), "valeur_fond": None,
                "numerateur": float(ligne["dans_le_delai"]),
                "denominateur": float(ligne["dans_le_delai"] + ligne["hors_delai"])}

    lignes, details = [], []
    for code in codes:
        evalue = resultats.evaluer_journal(REF, journal, subdivision, code, aujourd_hui)
        # the step indicators count the steps qualepref.etapes makes of dated rows (tests/test_etapes.py)
        for ind in (i for i in REF.indicateurs if i.calcul == "journal" and not etapes.compte_pour_etapes(i)):
            choisis = evalue[evalue["nature"].isin(ind.natures) & evalue["canal"].isin(ind.canaux)]
            if choisis.empty:
                continue
            total = synthese_delais(choisis).iloc[0]
            lignes.append({"indicateur": ind.code, "periode": code, **mesure(ind.mesure, total)})
            for axe in ("canal", "service"):
                for _, ligne in synthese_delais(choisis, par=[axe]).iterrows():
                    details.append({"indicateur": ind.code, "periode": code, "axe": axe, "groupe": ligne[axe],
                                    **mesure(ind.mesure, ligne), "recus": int(ligne["recus"]),
                                    "en_cours": int(ligne["en_cours"])})
    return pd.DataFrame(lignes), pd.DataFrame(details)


def delais_par_periode(journal: pd.DataFrame, subdivision: str | None, annee: int,
                       aujourd_hui: dt.date) -> pd.DataFrame:
    evalue = resultats.evaluer_journal(REF, journal, subdivision, str(annee), aujourd_hui)
    return synthese_delais(evalue, par=["engagement", "nature", "canal"])


@pytest.mark.parametrize(("graine", "subdivision", "aujourd_hui"), [
    (1, None, dt.date(2020, 8, 14)),  # in the middle of the year: later periods judged today, some not begun
    (2, "57", dt.date(2020, 12, 29)),
    (3, "974", dt.date(2020, 12, 31)),
    (4, "973", dt.date(2020, 1, 20)),
])
def test_chemin_rapide_egal_a_l_evaluation_de_chaque_periode(graine, subdivision, aujourd_hui):
    journal = journal_aleatoire(graine)
    if graine == 4:
        journal = journal.sample(frac=1, random_state=4)  # any order, any index
    codes = resultats.periodes_calculees(2020)
    valeurs, details = resultats._valeurs_journal(REF, journal, subdivision, codes, aujourd_hui)
    attendues, details_attendus = valeurs_periode_par_periode(journal, subdivision, codes, aujourd_hui)
    assert_frame_equal(valeurs, attendues, check_exact=True)
    assert_frame_equal(details, details_attendus, check_exact=True)
    # the délais table: from the cube handed over by _valeurs_journal (2020), then evaluated afresh (2019)
    for annee in (2020, 2019):
        assert_frame_equal(resultats._delais_de_l_annee(REF, journal, subdivision, annee, aujourd_hui),
                           delais_par_periode(journal, subdivision, annee, aujourd_hui), check_exact=True)
    # the journal holds what the comparison is about
    assert set(details_attendus["periode"]) == set(codes)
    assert details_attendus["en_cours"].sum() > 0 and len(valeurs) > 100


def test_le_journal_aleatoire_couvre_les_cas():
    """Pending requests on both sides of their délai at a period's end, completed-later requests, attente answers
    accepted and refused, the 2019 and the 2020 rules."""
    journal = journal_aleatoire(1)
    evalue = resultats.evaluer_journal(REF, journal, None, "2020-T1", dt.date(2020, 3, 31))
    en_attente = evalue[evalue["date_reponse"].isna() & evalue["regle"].notna()]
    assert set(en_attente["etat"]) == {"en_cours", "hors_delai"}
    assert (evalue["date_completude"] > evalue["date_reception"]).sum() > 20
    attente = evalue[evalue["type_reponse"] == "attente"]
    acceptee = attente["regle"].str.startswith(("E3-", "E17-", "E36-")).fillna(False)
    assert (acceptee & (attente["etat"] == "dans_le_delai")).any()  # in time: within délai
    refusee = attente["regle"].str.contains("MAJ|RDV|PIECES|TRAITEMENT").fillna(False)
    assert refusee.any() and (attente.loc[refusee, "etat"] == "hors_delai").all()  # "fond" only: never
    regles_2019 = resultats.evaluer_journal(REF, journal, None, "2019", dt.date(2021, 1, 1))["regle"]
    assert {"E3-2019", "E17-COURRIER-2019"} <= set(regles_2019) and "E3-ELECTRONIQUE" in set(evalue["regle"])


@pytest.mark.parametrize("par", [[], ["canal"], ["service"], ["engagement", "nature", "canal"], ["regle", "service"],
                                 ["nature", "canal", "service", "engagement"]])
def test_synthese_ponderee_egale_synthese_delais(par):
    journal = journal_aleatoire(5, 2000)
    periodes = [parse_periode(c) for c in ("2019", "2020-T2", "2020-07", "2020-05-12M")]
    aujourd_hui = dt.date(2020, 7, 20)
    regles = REF.regles_delai_frame()
    cube = CubePeriodes(evaluer_demandes(journal, regles, REF.canal_delai, "972"), periodes, aujourd_hui)
    for p in periodes:
        evalue = appliquer_regles(filtrer_periode(journal, p), regles, REF.canal_delai, "972", min(p.fin, aujourd_hui))
        assert_frame_equal(synthese_ponderee(cube.cellules(p.code, par), par), synthese_delais(evalue, par),
                           check_exact=True)


def test_etats_et_jours_comme_appliquer_regles():
    journal = journal_aleatoire(6, 2000)
    regles = REF.regles_delai_frame()
    d = evaluer_demandes(journal, regles, REF.canal_delai, "57")
    for date in (dt.date(2019, 5, 31), dt.date(2020, 2, 29), dt.date(2021, 6, 30)):
        evalue = appliquer_regles(journal, regles, REF.canal_delai, "57", date)
        assert [ETATS[e] for e in d.etats_au(date)] == evalue["etat"].tolist()
        repondue = evalue["date_reponse"].notna().to_numpy()
        assert (d.jours[repondue] == evalue["jours"].to_numpy()[repondue]).all()
        assert (d.position >= 0).tolist() == evalue["regle"].notna().tolist()


def test_le_cube_est_transmis_au_seul_meme_journal():
    """``_valeurs_journal`` hands its cube to the ``_delais_de_l_annee`` call on the same frame only."""
    un, autre = journal_aleatoire(7, 500), journal_aleatoire(8, 500)
    aujourd_hui = dt.date(2021, 1, 10)
    resultats._valeurs_journal(REF, un, None, resultats.periodes_calculees(2020), aujourd_hui)
    assert_frame_equal(resultats._delais_de_l_annee(REF, autre, None, 2020, aujourd_hui),
                       delais_par_periode(autre, None, 2020, aujourd_hui), check_exact=True)
    resultats._valeurs_journal(REF, un, None, resultats.periodes_calculees(2020), aujourd_hui)
    assert_frame_equal(resultats._delais_de_l_annee(REF, un, None, 2020, dt.date(2020, 11, 30)),
                       delais_par_periode(un, None, 2020, dt.date(2020, 11, 30)), check_exact=True)


def test_valeur_rare_apres_l_echantillon_et_textes_objets():
    """Text columns are coded from the values of their first rows when those cover the column: a value first met
    later, and columns of Python objects, take the general way with the same figures."""
    journal = journal_aleatoire(9, 6000)
    journal.loc[journal.index[-4:], "service"] = "Tardif"
    journal["service"] = journal["service"].astype("str")
    objets = journal.astype({c: object for c in ("canal", "nature", "service", "type_reponse")})
    codes = ["2020", "2020-T4", "2020-12"]
    for cadre in (journal, objets):
        valeurs, details = resultats._valeurs_journal(REF, cadre, None, codes, dt.date(2021, 2, 1))
        attendues, details_attendus = valeurs_periode_par_periode(cadre, None, codes, dt.date(2021, 2, 1))
        assert_frame_equal(valeurs, attendues, check_exact=True)
        assert_frame_equal(details, details_attendus, check_exact=True)
    assert "Tardif" in set(details["groupe"])


def test_sans_periode_ni_journal():
    journal = journal_aleatoire(10, 50)
    for cadre, codes in ((journal, []), (journal.iloc[0:0], resultats.periodes_calculees(2020))):
        valeurs, details = resultats._valeurs_journal(REF, cadre, None, codes, dt.date(2021, 1, 1))
        assert valeurs.empty and details.empty and list(valeurs.columns) == []
