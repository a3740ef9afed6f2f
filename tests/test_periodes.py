"""Periods: parsing, the year's periods, the previous period, labels of dates, values over longer periods."""

import datetime as dt

import pandas as pd
import pytest

from qualepref.periodes import (
    agreger_par_periodes,
    agreger_valeurs,
    etiqueter,
    parse_periode,
    periode_precedente,
    periodes_de_l_annee,
)


@pytest.mark.parametrize(("code", "debut", "fin", "kind"), [
    ("2023", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "annee"),
    ("2023-T2", dt.date(2023, 4, 1), dt.date(2023, 6, 30), "trimestre"),
    ("2024-T1", dt.date(2024, 1, 1), dt.date(2024, 3, 31), "trimestre"),
    ("2023-05", dt.date(2023, 5, 1), dt.date(2023, 5, 31), "mois"),
    ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "mois"),
    ("2023-12", dt.date(2023, 12, 1), dt.date(2023, 12, 31), "mois"),
    ("2023-05-12M", dt.date(2022, 6, 1), dt.date(2023, 5, 31), "glissant"),
    ("2023-12-12M", dt.date(2023, 1, 1), dt.date(2023, 12, 31), "glissant"),
])
def test_parse_periode(code, debut, fin, kind):
    p = parse_periode(code)
    assert (p.code, p.debut, p.fin, p.kind) == (code, debut, fin, kind)


@pytest.mark.parametrize("code", ["", "23", "2023-T5", "2023-13", "2023-00", "2023-5", "2023-05-6M", "abc", None])
def test_parse_periode_refuse_en_francais(code):
    with pytest.raises(ValueError, match="Période .* non reconnue"):
        parse_periode(code)


def test_periodes_de_l_annee():
    assert [p.code for p in periodes_de_l_annee(2023, "trimestre")] == ["2023-T1", "2023-T2", "2023-T3", "2023-T4"]
    mois = periodes_de_l_annee(2023, "mois")
    assert len(mois) == 12 and mois[0].code == "2023-01" and mois[-1].fin == dt.date(2023, 12, 31)
    assert [p.code for p in periodes_de_l_annee(2023, "annee")] == ["2023"]
    with pytest.raises(ValueError, match="Granularité"):
        periodes_de_l_annee(2023, "semaine")


@pytest.mark.parametrize(("code", "precedente"), [
    ("2023", "2022"), ("2023-T1", "2022-T4"), ("2023-T3", "2023-T2"), ("2023-01", "2022-12"),
    ("2023-05", "2023-04"), ("2023-05-12M", "2022-05-12M"),
])
def test_periode_precedente(code, precedente):
    assert periode_precedente(parse_periode(code)).code == precedente
    assert periode_precedente(code).code == precedente


def test_etiqueter_vectorise_et_na():
    dates = pd.Series(pd.to_datetime(["2023-01-31", "2023-04-01", None, "2023-12-31"]))
    assert etiqueter(dates, "mois").tolist()[:2] == ["2023-01", "2023-04"]
    assert etiqueter(dates, "trimestre").tolist()[:2] == ["2023-T1", "2023-T2"]
    assert etiqueter(dates, "annee").iloc[3] == "2023"
    assert pd.isna(etiqueter(dates, "mois").iloc[2])
    assert etiqueter(dates, "mois").iloc[3] == "2023-12"


def _valeurs(lignes):
    return pd.DataFrame(lignes, columns=["site", "indicateur", "periode", "valeur", "numerateur", "denominateur"])


def test_ratio_des_sommes_et_non_moyenne_des_taux():
    # appels aboutis / appels reçus: 45/50 = 90 % in January, 300/1000 = 30 % in February.
    valeurs = _valeurs([
        ("S", "APPELS", "2023-01", 90.0, 45, 50),
        ("S", "APPELS", "2023-02", 30.0, 300, 1000),
    ])
    r = agreger_valeurs(valeurs, "2023-T1", {"APPELS": "taux"}).iloc[0]
    assert r["valeur"] == pytest.approx(100 * 345 / 1050)  # 32.857..., not (90 + 30) / 2 = 60
    assert r["valeur"] == pytest.approx(32.857142857)
    assert (r["numerateur"], r["denominateur"], r["periodes"]) == (345, 1050, 2)


def test_moyenne_des_taux_quand_les_comptes_manquent():
    valeurs = _valeurs([("S", "T", "2023-01", 90.0, 45, 50), ("S", "T", "2023-02", 30.0, None, None)])
    r = agreger_valeurs(valeurs, "2023", {"T": "satisfaction"}).iloc[0]
    assert r["valeur"] == pytest.approx(60.0)
    assert pd.isna(r["numerateur"])


def test_nombre_somme_et_delai_pondere():
    valeurs = _valeurs([
        ("S", "N", "2023-01", 10.0, None, None), ("S", "N", "2023-02", 5.0, None, None),
        ("S", "D", "2023-01", 2.0, None, 10), ("S", "D", "2023-02", 5.0, None, 30),
        ("S", "M", "2023-01", 2.0, None, None), ("S", "M", "2023-02", 5.0, None, None),
    ])
    r = agreger_valeurs(valeurs, "2023-T1", {"N": "nombre", "D": "delai_moyen", "M": "delai_moyen"})
    r = r.set_index("indicateur")
    assert r.loc["N", "valeur"] == 15
    assert r.loc["D", "valeur"] == pytest.approx((2 * 10 + 5 * 30) / 40)  # 4.25
    assert r.loc["M", "valeur"] == pytest.approx(3.5)


def test_une_seule_granularite_et_valeur_exacte_prioritaire():
    valeurs = _valeurs([
        ("S", "N", "2023-T1", 100.0, None, None),
        ("S", "N", "2023-01", 30.0, None, None), ("S", "N", "2023-02", 30.0, None, None),
        ("S", "N", "2023-04", 7.0, None, None),
        ("S", "N", "2022-12", 1000.0, None, None),
        ("S", "X", "2023", 12.0, None, None), ("S", "X", "2023-01", 1.0, None, None),
    ])
    r = agreger_valeurs(valeurs, "2023", {"N": "nombre", "X": "nombre"}).set_index("indicateur")
    assert r.loc["N", "valeur"] == 100  # the quarter only: its months are not added again, April is not a quarter
    assert r.loc["X", "valeur"] == 12  # the value given for the year itself
    glissant = agreger_valeurs(valeurs, "2023-02-12M", {"N": "nombre"}).set_index("indicateur")
    assert glissant.loc["N", "valeur"] == 1060  # 2022-03 .. 2023-02 (months; the quarter 2023-T1 is not inside)
    assert agreger_valeurs(valeurs.iloc[0:0], "2023", {}).empty


def test_plusieurs_periodes_cibles_en_un_passage():
    """The year, a quarter and a month at once, each with its own granularity rule, in the order asked."""
    valeurs = _valeurs([
        ("S", "N", "2023-T1", 100.0, None, None),
        ("S", "N", "2023-01", 30.0, None, None), ("S", "N", "2023-02", 30.0, None, None),
        ("S", "A", "2023-01", 90.0, 45, 50), ("S", "A", "2023-02", 30.0, 300, 1000),
        ("S", "A", "2023-05", 50.0, 5, 10),
        ("S", "U", "2023-01", 12.0, None, None), ("S", "U", "2023-02", 18.0, None, None),
    ])
    nature = {"N": "nombre", "A": "taux", "U": "moyenne"}
    r = agreger_par_periodes(valeurs, ["2023", "2023-T1", "2023-02", "2023-T4"], nature)
    assert list(r.columns) == ["site", "indicateur", "valeur", "numerateur", "denominateur", "periodes", "periode"]
    assert r["periode"].tolist() == ["2023"] * 3 + ["2023-T1"] * 3 + ["2023-02"] * 3  # nothing in T4
    cle = r.set_index(["periode", "indicateur"])
    assert cle.loc[("2023", "N"), "valeur"] == 100  # the quarter given, not its months again
    assert cle.loc[("2023", "A"), "valeur"] == pytest.approx(100 * 350 / 1060)  # 33.02: months, ratio of sums
    assert (cle.loc[("2023", "A"), "numerateur"], cle.loc[("2023", "A"), "periodes"]) == (350, 3)
    assert cle.loc[("2023", "U"), "valeur"] == 15  # "moyenne": (12 + 18) / 2, never 30
    assert cle.loc[("2023-T1", "N"), "valeur"] == 100  # the value given for the quarter itself
    assert cle.loc[("2023-T1", "A"), "valeur"] == pytest.approx(100 * 345 / 1050)
    assert cle.loc[("2023-02", "N"), "valeur"] == 30
    assert cle.loc[("2023-02", "A"), "valeur"] == pytest.approx(30.0)
    assert cle.loc[("2023-02", "U"), "periodes"] == 1
    assert pd.isna(cle.loc[("2023", "U"), "numerateur"])
