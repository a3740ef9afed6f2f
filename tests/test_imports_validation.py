"""Converting spreadsheet cells: dates, months, numbers, percentages, periods, codes; problems and their sentence."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from qualepref.imports import validation as v
from qualepref.imports.validation import Lieu, Probleme


def serie(*valeurs: object) -> pd.Series:
    return pd.Series(list(valeurs), dtype=object)


# --- the sentence of a problem -----------------------------------------------------------------------------------

def test_texte_d_un_probleme() -> None:
    p = Probleme("journal.xlsx", "Journal", 7, "Canal", "fax", "valeur « fax » inconnue (valeurs admises : courrier, "
                 "courriel, formulaire, urne, téléphone).")
    assert p.texte == ("journal.xlsx, feuille « Journal », ligne 7, colonne « Canal » : valeur « fax » inconnue "
                       "(valeurs admises : courrier, courriel, formulaire, urne, téléphone).")
    assert Probleme("journal.csv", None, 7, "Canal", None, "m.").texte == "journal.csv, ligne 7, colonne « Canal » : m."
    assert Probleme("journal.xlsx", None, None, None, None, "le fichier est vide.").texte == \
        "journal.xlsx : le fichier est vide."
    assert Probleme("j.xlsx", "Journal", 3, None, None, "m.").texte == "j.xlsx, feuille « Journal », ligne 3 : m."


def test_un_lieu_nomme_la_colonne_comme_le_fichier() -> None:
    lieu = Lieu("j.csv", None, {"canal": "CANAL"})
    lignes = pd.Series([4, 5, 6])
    messages = serie(None, "valeur « fax » inconnue.", None)
    assert lieu.problemes(messages, lignes, "canal", serie("Courriel", "fax", "Urne")) == [
        Probleme("j.csv", None, 5, "CANAL", "fax", "valeur « fax » inconnue.", True)]
    avertis = lieu.masque(np.array([True, False, True]), lignes, "canal", lambda i: f"n° {i}", bloquant=False)
    assert [(p.ligne, p.message, p.bloquant) for p in avertis] == [(4, "n° 0", False), (6, "n° 2", False)]


@pytest.mark.parametrize(("valeur", "texte"), [
    (dt.date(2024, 3, 1), "01/03/2024"), (pd.Timestamp("2024-03-01 10:30"), "01/03/2024 10:30"),
    (12.0, "12"), (12.5, "12,5"), ("  fax  ", "fax"), (None, ""), (float("nan"), ""), (True, "VRAI"),
    ("x" * 100, "x" * 77 + "…"),
])
def test_afficher(valeur: object, texte: str) -> None:
    assert v.afficher(valeur) == texte


@pytest.mark.parametrize(("entete", "normalise"), [
    ("  Date de RÉCEPTION ", "date de reception"), ("Avancement (%)", "avancement"), ("Canal :", "canal"),
    ("Point d’accès", "point d'acces"), ("Référence*", "reference"), ("Taux   de satisfaction", "taux de satisfaction"),
])
def test_normaliser(entete: str, normalise: str) -> None:
    assert v.normaliser(entete) == normalise


# --- dates -------------------------------------------------------------------------------------------------------

def test_dates_dans_toutes_leurs_formes() -> None:
    dates, messages = v.date(serie(
        dt.date(2024, 1, 5), dt.datetime(2024, 1, 6, 10, 30), "12/03/2024", "2024-03-13", "1/3/2024",
        "12/03/2024 10:15", "14-03-2024", "15.03.2024", 45292.0, 45292, "45292", " 16/03/2024 ", "17/03/24"))
    assert dates.dt.strftime("%Y-%m-%d").tolist() == [
        "2024-01-05", "2024-01-06", "2024-03-12", "2024-03-13", "2024-03-01", "2024-03-12", "2024-03-14",
        "2024-03-15", "2024-01-01", "2024-01-01", "2024-01-01", "2024-03-16", "2024-03-17"]
    assert dates.dtype == "datetime64[ns]"
    assert (dates == dates.dt.normalize()).all()  # midnight
    assert messages.isna().all()


def test_dates_fausses() -> None:
    dates, messages = v.date(serie("31/02/2024", "2023-02-29", "fax", dt.date(1900, 1, 1), 5.0, "01/31/2024",
                                   "2/29/24", "02/30/2024", "13/13/2024", None, "", "  "))
    assert dates.isna().all()
    assert messages.tolist()[:9] == [
        "date impossible « 31/02/2024 » (ce jour n'existe pas dans le calendrier).",
        "date impossible « 2023-02-29 » (ce jour n'existe pas dans le calendrier).",
        "date illisible « fax » (formats admis : jj/mm/aaaa, aaaa-mm-jj ou date Excel).",
        "date hors plage « 01/01/1900 » (attendue entre 2000 et 2100).",
        "date hors plage « 5 » (attendue entre 2000 et 2100).",
        "date « 01/31/2024 » illisible en jj/mm/aaaa (il n'y a pas de mois 31) : écrite le mois d'abord ? Écrivez "
        "31/01/2024.",
        "date « 2/29/24 » illisible en jj/mm/aaaa (il n'y a pas de mois 29) : écrite le mois d'abord ? Écrivez "
        "29/02/24.",
        "date impossible « 02/30/2024 » (ce jour n'existe pas dans le calendrier).",  # no 30 February either way
        "date impossible « 13/13/2024 » (ce jour n'existe pas dans le calendrier).",
    ]
    assert messages[9:].isna().all()  # empty cells are no problem here (a required column says so)


def test_mois() -> None:
    mois, messages = v.mois(serie("2024-05", "05/2024", "mai 2024", "Mai-24", "févr. 2024", dt.date(2024, 5, 17),
                                  "17/05/2024", "xx", "13/2024", None))
    assert mois[:7].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-01"] * 4 + ["2024-02-01"] + ["2024-05-01"] * 2
    assert messages[:7].isna().all()
    assert messages[7] == ("mois illisible « xx » (formats admis : 2024-05, 05/2024, mai 2024 ou une date du mois).")
    assert messages[8].startswith("mois illisible « 13/2024 »")
    assert pd.isna(mois[9]) and pd.isna(messages[9])


def test_cle_de_mois_et_debut_de_periode() -> None:
    assert v.mois_cle(pd.Series(pd.to_datetime(["2024-01-31", None, "2024-12-01"]))).tolist()[::2] == [
        "2024-01", "2024-12"]
    assert [v.debut_periode(p) for p in ("2023", "2023-T2", "2023-05")] == [
        pd.Timestamp(2023, 1, 1), pd.Timestamp(2023, 4, 1), pd.Timestamp(2023, 5, 1)]


# --- numbers and percentages -------------------------------------------------------------------------------------

def test_nombres_a_la_francaise() -> None:
    nombres, messages, pourcents = v.nombres(serie(
        1.5, 3, "1 234,5", "1\u00a0234,5", "1\u202f234,5", "56 %", "56,5\u00a0%", "-3", "+4", "0,56", "abc", None))
    assert nombres[:10].tolist() == [1.5, 3.0, 1234.5, 1234.5, 1234.5, 56.0, 56.5, -3.0, 4.0, 0.56]
    assert pourcents.tolist() == [False] * 5 + [True, True] + [False] * 5
    assert messages[10] == "nombre illisible « abc »."
    assert messages[:10].isna().all() and pd.isna(nombres[11])


@pytest.mark.parametrize(("valeur", "limite", "texte"), [
    (130.0, None, "130"), (-3.0, 0, "\u22123"), (1234.5, None, "1\u202f234,5"), (108.33333333333333, 100, "108,33"),
    (100.004, 100, "100,004"), (-0.001, 0, "\u22120,001"), (120.0, 120.0, "120"),
])
def test_nombre_lu_dans_un_message(valeur: float, limite: float | None, texte: str) -> None:
    """French style (thousands, decimal comma, true minus), two decimals, more when two would show the limit."""
    assert v.nombre_lu(valeur, limite) == texte


def test_entiers() -> None:
    entiers, messages = v.entiers(serie(3.0, "12", "2,5", None))
    assert entiers.dtype == "Int64"
    assert entiers.tolist()[:2] == [3, 12] and pd.isna(entiers[2])
    assert messages[2] == "nombre entier attendu : « 2,5 »."


@pytest.mark.parametrize(("valeurs", "pourcents", "attendu"), [
    ([0.56, 0.9, 1.0], [False] * 3, [56.0, 90.0, 100.0]),  # fractions: all within 0–1, one strictly between
    ([56.0, 90.0, 100.0], [False] * 3, [56.0, 90.0, 100.0]),
    ([56.0, 0.5, 0.8], [True, False, False], [56.0, 50.0, 80.0]),  # « 56 % » typed, the others fractions
    ([0.0, 0.0], [False, False], [0.0, 0.0]),
    ([0.0, 0.0, 0.0, 1.0], [False] * 4, [0.0, 0.0, 0.0, 1.0]),  # 0 and 1 alone are percents: 1 %, not 100 %
])
def test_en_pourcent(valeurs: list, pourcents: list, attendu: list) -> None:
    resultat, messages = v.en_pourcent(pd.Series(valeurs, dtype="float64"), pd.Series(pourcents))
    assert resultat.round(6).tolist() == attendu
    assert messages.isna().all()


def test_en_pourcent_refuse_une_colonne_qui_mele_fractions_et_pourcentages() -> None:
    resultat, messages = v.en_pourcent(pd.Series([56.0, 0.5, 80.0]), pd.Series([True, False, False]))
    assert resultat.isna().tolist() == [False, True, False]
    attendu = ("taux « 0,5 » écrit comme une fraction alors que d'autres cases de la colonne sont en pourcentage "
               "(« 80 ») : écrivez tous les taux de la même façon (56 ou 56 % pour 56 %).")
    assert [m if isinstance(m, str) else None for m in messages] == [None, attendu, None]


def test_annees_et_periodes() -> None:
    annees, messages = v.annees(serie(2023, "2023", 2023.0, dt.date(2023, 6, 1), "x", 1999, None))
    assert annees.tolist()[:4] == [2023] * 4
    assert messages[4] == "année illisible « x » (attendue : 2024 par exemple)."
    assert messages[5] == "année illisible « 1999 » (attendue : 2024 par exemple)."
    periodes, messages = v.periodes(serie("2023", 2023.0, "2023-T2", "T2 2023", "2023 t2", "2T2023", "2023-05",
                                          "05/2023", "mai 2023", dt.date(2023, 5, 17), "2023-T5", "x"))
    assert periodes[:10].tolist() == ["2023", "2023", "2023-T2", "2023-T2", "2023-T2", "2023-T2", "2023-05",
                                      "2023-05", "2023-05", "2023-05"]
    assert messages[10] == "période illisible « 2023-T5 » (formats admis : 2023, 2023-T2, 2023-05)."
    assert messages[11] == "période illisible « x » (formats admis : 2023, 2023-T2, 2023-05)."


# --- text and codes ----------------------------------------------------------------------------------------------

def test_texte() -> None:
    textes, messages = v.texte(serie("  Accueil\u00a0", 12.0, 12.5, dt.date(2024, 1, 2), "   ", None))
    assert textes[:4].tolist() == ["Accueil", "12", "12,5", "02/01/2024"]
    assert textes[4:].isna().all() and messages.isna().all()
    assert str(textes.dtype) == "str"


def test_codes_par_leur_libelle() -> None:
    codes, messages = v.code(serie("Courriel", "COURRIEL ", "courriel", "fax", None), {"courriel": "courriel"},
                             ["courriel", "urne"])
    assert codes[:3].tolist() == ["courriel"] * 3
    assert messages[3] == "valeur « fax » inconnue (valeurs admises : courriel, urne)."
    assert pd.isna(codes[4]) and pd.isna(messages[4])


def test_vides() -> None:
    assert v.vides(serie(None, "", "  ", "\u00a0", "x", 0.0, float("nan"))).tolist() == [
        True, True, True, True, False, False, True]


def test_par_uniques_ne_convertit_chaque_valeur_qu_une_fois() -> None:
    vues: list = []

    def convertir(valeurs: list) -> tuple[list, list]:
        vues.extend(valeurs)
        return [str(x).upper() for x in valeurs], [None] * len(valeurs)
    valeurs, _ = v.par_uniques(serie(*(["a", "b"] * 1000), None), convertir)
    assert sorted(vues) == ["a", "b"]
    assert valeurs[:4].tolist() == ["A", "B", "A", "B"] and pd.isna(valeurs[2000])
