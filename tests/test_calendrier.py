"""Jours ouvrés: convention (départ excluded, réponse included), holidays of each zone, deadlines."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from qualepref.calendrier import (
    CONVENTION_JOURS_OUVRES, ajouter_jours_ouvres, calendrier_ouvre, compter_jours_ouvres, decaler_jours_ouvres,
    jours_feries, jours_ouvres, jours_ouvres_cumules, jours_ouvres_entre,
)

D = dt.date


@pytest.mark.parametrize(("debut", "fin", "attendu"), [
    (D(2023, 5, 10), D(2023, 5, 10), 0),  # same day
    (D(2023, 6, 2), D(2023, 6, 5), 1),  # Friday → Monday
    (D(2023, 6, 3), D(2023, 6, 5), 1),  # received Saturday, answered Monday
    (D(2023, 6, 2), D(2023, 6, 4), 0),  # Friday → Sunday
    (D(2023, 4, 28), D(2023, 5, 12), 8),  # 1 and 8 May (Mondays) on both sides: 2-5 May and 9-12 May
    (D(2023, 5, 15), D(2023, 5, 22), 4),  # Ascension (Thursday 18 May): 16, 17, 19, 22
    (D(2023, 5, 26), D(2023, 5, 30), 1),  # Lundi de Pentecôte 29 May
    (D(2022, 12, 30), D(2023, 1, 3), 2),  # across the year: 2 and 3 January
])
def test_metropole(debut, fin, attendu):
    assert compter_jours_ouvres(debut, fin) == attendu


def test_alsace_moselle_vendredi_saint_et_saint_etienne():
    # 6 → 11 April 2023: Friday 7 (Vendredi saint) counts in métropole, not in Alsace-Moselle; Monday 10 is Easter.
    assert compter_jours_ouvres(D(2023, 4, 6), D(2023, 4, 11)) == 2
    assert compter_jours_ouvres(D(2023, 4, 6), D(2023, 4, 11), "57") == 1
    # 22 → 27 December 2023: 25 is Christmas everywhere, 26 a holiday in Alsace-Moselle only.
    assert compter_jours_ouvres(D(2023, 12, 22), D(2023, 12, 27)) == 2
    assert compter_jours_ouvres(D(2023, 12, 22), D(2023, 12, 27), "57") == 1


def test_reunion_abolition_de_l_esclavage():
    # Wednesday 20 December 2023 is a holiday in La Réunion only.
    assert compter_jours_ouvres(D(2023, 12, 18), D(2023, 12, 21)) == 3
    assert compter_jours_ouvres(D(2023, 12, 18), D(2023, 12, 21), "974") == 2
    assert jours_feries("974", [2023])[D(2023, 12, 20)] == "Abolition de l'esclavage"


def test_reponse_avant_depart_negative():
    # Answered Monday 5 June for a request dated Wednesday 7 June: minus the working days in (5, 7] = -2.
    assert compter_jours_ouvres(D(2023, 6, 7), D(2023, 6, 5)) == -2


def test_vectorise_avec_dates_manquantes():
    depart = pd.Series(pd.to_datetime(["2023-04-28", None, "2023-06-02", "2023-05-10"]), index=[10, 11, 12, 13])
    fin = pd.Series(pd.to_datetime(["2023-05-12", "2023-05-12", None, "2023-05-10"]), index=[10, 11, 12, 13])
    r = jours_ouvres(depart, fin, None)
    assert str(r.dtype) == "Int64"
    assert list(r.index) == [10, 11, 12, 13]
    assert r.iloc[0] == 8 and r.iloc[3] == 0
    assert r.isna().tolist() == [False, True, True, False]
    assert jours_ouvres(depart.iloc[0:0], fin.iloc[0:0]).empty


def test_ajouter_jours_ouvres():
    assert ajouter_jours_ouvres(D(2023, 4, 28), 5) == D(2023, 5, 9)  # 2, 3, 4, 5, (8 May), 9
    assert ajouter_jours_ouvres(D(2023, 6, 2), 1) == D(2023, 6, 5)  # Friday + 1 = Monday
    assert ajouter_jours_ouvres(D(2023, 6, 3), 1) == D(2023, 6, 5)  # Saturday + 1 = Monday
    assert ajouter_jours_ouvres(D(2023, 5, 1), 1) == D(2023, 5, 2)  # from a holiday
    assert ajouter_jours_ouvres(D(2023, 6, 2), 0) == D(2023, 6, 2)
    assert ajouter_jours_ouvres(D(2023, 4, 6), 1, "57") == D(2023, 4, 11)
    assert ajouter_jours_ouvres(D(2023, 4, 6), 1) == D(2023, 4, 7)


def test_ajouter_vectorise_et_coherent_avec_le_compte():
    rng = np.random.default_rng(3)
    departs = pd.Series(pd.Timestamp("2022-11-01") + pd.to_timedelta(rng.integers(0, 500, 2000), unit="D"))
    n = pd.Series(rng.integers(0, 40, 2000))
    for zone in (None, "57", "974"):
        echeances = ajouter_jours_ouvres(departs, n, zone)
        assert (jours_ouvres(departs, echeances, zone) == n).all()
        # the day before the deadline is still short of n working days
        veille = echeances - pd.Timedelta(days=1)
        assert (jours_ouvres(departs, veille, zone)[n > 0] == n[n > 0] - 1).all()
    avec_na = ajouter_jours_ouvres(pd.Series(pd.to_datetime(["2023-06-02", None])), 1)
    assert avec_na.iloc[0] == pd.Timestamp("2023-06-05") and pd.isna(avec_na.iloc[1])


def test_calendrier_en_cache():
    assert calendrier_ouvre(None, 2022, 2024) is calendrier_ouvre(None, 2022, 2024)
    assert calendrier_ouvre("57", 2022, 2024) is not calendrier_ouvre(None, 2022, 2024)


def test_convention_en_francais():
    assert "jour même compte 0 jour" in CONVENTION_JOURS_OUVRES
    assert "vendredi" in CONVENTION_JOURS_OUVRES and "lundi suivant compte 1 jour" in CONVENTION_JOURS_OUVRES


@pytest.mark.parametrize("zone", [None, "57", "971", "972", "973", "974", "976"])
def test_compte_cumule_egal_a_busday_count(zone):
    """W(fin) - W(départ) over the running count of working days is numpy's count, fin before départ included;
    over a span far wider than the rows it simply counts with busday_count."""
    rng = np.random.default_rng(11)
    depart = np.datetime64("2019-11-15") + rng.integers(0, 800, 5000)
    fin = depart + rng.integers(-5, 60, 5000)
    attendu = np.busday_count(depart + 1, fin + 1, busdaycal=calendrier_ouvre(zone, 2018, 2023))
    assert (jours_ouvres_cumules(depart, fin, zone) == attendu).all()
    assert (jours_ouvres_entre(depart, fin, zone) == attendu).all()
    loin = np.array(["2023-06-02", "1990-01-01"], dtype="datetime64[D]")
    assert jours_ouvres_cumules(loin, np.array(["2023-06-05", "2090-01-01"], dtype="datetime64[D]"),
                                zone)[0] == 1
    assert jours_ouvres_cumules(depart[:0], fin[:0], zone).tolist() == []


def test_decaler_sur_des_tableaux():
    jours = np.array(["2023-06-02", "2023-06-03", "2023-05-01", "2023-04-06"], dtype="datetime64[D]")
    assert decaler_jours_ouvres(jours, np.array([1, 1, 1, 0]), None).tolist() == \
        [D(2023, 6, 5), D(2023, 6, 5), D(2023, 5, 2), D(2023, 4, 6)]
    assert decaler_jours_ouvres(jours[3:], np.array([1]), "57").tolist() == [D(2023, 4, 11)]
