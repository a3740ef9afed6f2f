"""graphiques: the Altair theme in French (the separators of ``qualepref.format``), the chart specs and their text
alternatives.

``qualepref.format`` writes 1 433 825 with narrow no-break spaces (U+202F, Babel's fr_FR) and puts a no-break space
(U+00A0) before ``%`` and units; the charts' Vega-Lite locale must say the same.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from qualepref import format as fmt
from qualepref import graphiques
from qualepref.graphiques import (
    BLEU_FRANCE,
    LOCALE_FR,
    ROUGE_MARIANNE,
    barres,
    barres_comparees,
    etiquettes_periodes,
    serie_temporelle,
    tendance_annuelle,
    texte_serie,
    texte_tendance,
    titre_axe,
)

FINE, INSECABLE = "\u202f", "\u00a0"


def _serie(valeurs: list[float], debut: str = "2023-01-01", periodes: list[str] | None = None) -> pd.DataFrame:
    serie = pd.DataFrame({"date": pd.date_range(debut, periods=len(valeurs), freq="MS"), "valeur": valeurs})
    if periodes is not None:
        serie["periode"] = periodes
    return serie


def _donnees(spec: dict, couche: dict) -> list[dict]:
    return spec["datasets"][couche["data"]["name"]]


# --- the theme ------------------------------------------------------------------------------------------------------

def test_le_theme_est_actif_et_porte_la_locale_francaise() -> None:
    assert alt.theme.active == "qualepref"
    config = serie_temporelle(_serie([1.0, 2.0]), "Taux", "%", None).to_dict()["config"]
    assert config["locale"] == LOCALE_FR
    assert config["range"]["category"][:2] == [BLEU_FRANCE, ROUGE_MARIANNE]
    assert graphiques.theme()["config"]["locale"] is LOCALE_FR


def test_nombres_comme_qualepref_format() -> None:
    nombre = LOCALE_FR["number"]
    assert nombre["decimal"] == ","
    assert nombre["thousands"] == FINE
    assert nombre["grouping"] == [3]
    assert nombre["minus"] == "\u2212"
    assert nombre["percent"] == f"{INSECABLE}%"
    # the same characters as the tables and exports
    assert fmt.nombre(1433825) == f"1{nombre['thousands']}433{nombre['thousands']}825"
    assert fmt.nombre(-2.5, 1) == f"{nombre['minus']}2{nombre['decimal']}5"
    assert fmt.pourcentage(77.6) == f"77{nombre['decimal']}6{nombre['percent']}"


def test_mois_et_jours_en_francais() -> None:
    temps = LOCALE_FR["time"]
    assert temps["months"] == ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                               "septembre", "octobre", "novembre", "décembre"]
    assert temps["shortMonths"] == ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                                    "oct.", "nov.", "déc."]
    assert temps["days"][:2] == ["dimanche", "lundi"]  # d3 starts the week on Sunday
    assert len(temps["days"]) == len(temps["shortDays"]) == 7
    assert temps["date"] == "%d/%m/%Y"


# --- the time series ------------------------------------------------------------------------------------------------

def test_serie_avec_sa_ligne_cible() -> None:
    spec = serie_temporelle(_serie([77.6, 81.24, 90.0]), "Réponses dans le délai", "%", 90.0).to_dict()
    ligne, cible = spec["layer"]
    assert ligne["mark"] == {"type": "line", "color": BLEU_FRANCE, "point": True}
    # one tick per period, in the series' order, written short
    assert ligne["encoding"]["x"] == {"axis": {"labelAngle": 0}, "field": "axe", "sort": [
        "janv. 2023", "févr. 2023", "mars 2023"], "title": None, "type": "ordinal"}
    assert ligne["encoding"]["y"]["title"] == "Réponses dans le délai (%)"
    assert ligne["encoding"]["y"]["axis"] == {"format": ",.1f"}
    assert [d["etiquette"] for d in _donnees(spec, ligne)] == ["janvier 2023", "février 2023", "mars 2023"]
    assert [d["valeur"] for d in _donnees(spec, ligne)] == [77.6, 81.24, 90.0]
    assert cible["mark"] == {"type": "rule", "color": ROUGE_MARIANNE, "strokeDash": [6, 4]}
    assert cible["encoding"]["y"] == {"field": "cible", "type": "quantitative"}
    assert _donnees(spec, cible) == [{"cible": 90.0, "texte": f"Cible : 90{INSECABLE}%"}]
    assert spec["height"] == 260
    # the text alternative rides along as the chart's description
    assert spec["description"] == texte_serie(_serie([77.6, 81.24, 90.0]), "%", 90.0)


def test_trimestres_de_plusieurs_annees_une_graduation_par_trimestre() -> None:
    """Quarterly values over two years: « T1 2023 … T4 2024 », never a month repeated; one colour per year."""
    codes = [f"{a}-T{t}" for a in (2023, 2024) for t in range(1, 5)]
    serie = pd.DataFrame({"date": pd.to_datetime([f"{c[:4]}-{3 * int(c[-1]) - 2:02d}-01" for c in codes]),
                          "valeur": [float(n) for n in range(8)], "periode": codes})
    spec = serie_temporelle(serie, "Taux", "%", None, "Texte").to_dict()
    assert spec["encoding"]["x"]["sort"] == ["T1 2023", "T2 2023", "T3 2023", "T4 2023", "T1 2024", "T2 2024",
                                             "T3 2024", "T4 2024"]
    assert spec["encoding"]["color"] == {"field": "annee", "title": "Année", "type": "nominal"}
    assert spec["description"] == "Texte"


def test_serie_sans_cible_pas_de_ligne() -> None:
    for cible in (None, float("nan"), pd.NA):
        spec = serie_temporelle(_serie([1.0, 2.0]), "Nombre d'appels", "nombre", cible).to_dict()
        assert "layer" not in spec
        assert spec["mark"]["type"] == "line"
        assert spec["encoding"]["y"]["title"] == "Nombre d'appels"


def test_titre_d_axe_long_raccourci() -> None:
    libelle = "Taux de réponses aux courriels de demande d'informations dans le délai de 5 jours ouvrés"
    spec = serie_temporelle(_serie([1.0, 2.0]), libelle, "%", None).to_dict()
    assert spec["encoding"]["y"]["title"] == "Taux de réponses aux courriels de deman… (%)"
    assert titre_axe("Courriels répondus en 5 j", "jours ouvrés") == "Courriels répondus en 5 j (jours ouvrés)"


def test_tendance_annuelle_et_son_texte() -> None:
    cadre = pd.DataFrame({"annee": [2022, 2023, 2024, 2023, 2024], "code": ["A"] * 3 + ["B"] * 2,
                          "libelle": ["Appels aboutis"] * 3 + ["Satisfaction accueil"] * 2,
                          "valeur": [70.0, 75.5, 80.0, 77.0, 77.8], "cible": [85.0] * 3 + [None, 80.0],
                          "unite": ["%"] * 5})
    spec = tendance_annuelle(cadre).to_dict()
    lignes, cibles = spec["layer"]
    assert lignes["mark"] == {"type": "line", "point": True}
    assert lignes["encoding"]["x"] == {"axis": {"labelAngle": 0}, "field": "annee", "title": None,
                                       "type": "ordinal"}
    assert lignes["encoding"]["y"]["title"] == "Taux (%)"
    assert lignes["encoding"]["color"]["field"] == "libelle"
    assert cibles["mark"]["type"] == "tick"
    assert spec["description"] == texte_tendance(cadre) == (
        f"Tendance par année — Appels aboutis : 70{INSECABLE}% en 2022, 75,5{INSECABLE}% en 2023, 80{INSECABLE}% en "
        f"2024 (cible 85{INSECABLE}%) ; Satisfaction accueil : 77{INSECABLE}% en 2023, 77,8{INSECABLE}% en 2024 "
        f"(cible 80{INSECABLE}%).")
    assert texte_tendance(cadre.iloc[0:0]) == "Aucune valeur annuelle à comparer."


def test_infobulle_des_trimestres() -> None:
    serie = _serie([50.0, 100.0], periodes=["2024-T1", "2024-T2"])
    spec = serie_temporelle(serie, "Taux", "%", None).to_dict()
    assert spec["encoding"]["tooltip"][0] == {"field": "etiquette", "title": "Période", "type": "nominal"}
    assert [d["etiquette"] for d in _donnees(spec, spec)] == ["1er trimestre 2024", "2e trimestre 2024"]


# --- the text alternative -------------------------------------------------------------------------------------------

def test_texte_alternatif_en_francais() -> None:
    assert texte_serie(_serie([77.6, 81.24, 90.0]), "%", 90.0) == (
        f"Valeurs par période — janvier 2023 : 77,6{INSECABLE}% ; février 2023 : 81,2{INSECABLE}% ; "
        f"mars 2023 : 90{INSECABLE}%. Cible : 90{INSECABLE}%.")


def test_texte_alternatif_des_nombres_et_des_delais() -> None:
    assert texte_serie(_serie([1433825.0, 1200.0], debut="2023-11-01"), "nombre", None) == (
        f"Valeurs par période — novembre 2023 : 1{FINE}433{FINE}825 ; décembre 2023 : 1{FINE}200.")
    assert texte_serie(_serie([2.5, 1.0]), "jours ouvrés", 5.0) == (
        f"Valeurs par période — janvier 2023 : 2,5{INSECABLE}jours ouvrés ; février 2023 : 1{INSECABLE}jour ouvré."
        f" Cible : 5{INSECABLE}jours ouvrés.")


def test_texte_alternatif_nomme_trimestres_et_annee() -> None:
    trimestres = _serie([50.0, 100.0], debut="2024-01-01", periodes=["2024-T1", "2024-T2"])
    assert texte_serie(trimestres, "%", None) == (
        f"Valeurs par période — 1er trimestre 2024 : 50{INSECABLE}% ; 2e trimestre 2024 : 100{INSECABLE}%.")
    annee = _serie([77.8], debut="2024-01-01", periodes=["2024"])
    assert texte_serie(annee, "%", 90.0) == f"Valeurs par période — 2024 : 77,8{INSECABLE}%. Cible : 90{INSECABLE}%."


def test_texte_alternatif_sans_valeur() -> None:
    assert texte_serie(_serie([]), "%", 90.0) == "Aucune valeur mesurée."


def test_etiquettes_des_periodes() -> None:
    assert etiquettes_periodes(_serie([1.0, 2.0], debut="2023-07-01")) == ["juillet 2023", "août 2023"]
    assert etiquettes_periodes(_serie([1.0], periodes=["2023-05"])) == ["mai 2023"]


# --- bars -----------------------------------------------------------------------------------------------------------

def test_barres_comparees() -> None:
    cadre = pd.DataFrame({"theme": ["Accueil", "Accueil"], "valeur": [78.0, 77.6], "serie": ["2022", "2023"]})
    spec = barres_comparees(cadre, "theme", "valeur", "serie", "Taux de satisfaction (%)").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["x"] == {"axis": {"format": ",.0f"}, "field": "valeur",
                                     "title": "Taux de satisfaction (%)", "type": "quantitative"}
    assert spec["encoding"]["yOffset"] == {"field": "serie", "type": "nominal"}
    assert [t.get("format") for t in spec["encoding"]["tooltip"]] == [None, None, ",.1f"]


def test_barres_triees_par_valeur() -> None:
    cadre = pd.DataFrame({"point": ["Préfecture", "Sous-préfecture"], "nombre": [1200, 233]})
    spec = barres(cadre, "point", "nombre", "Visites").to_dict()
    assert spec["mark"] == {"type": "bar", "color": BLEU_FRANCE}
    assert spec["encoding"]["y"]["sort"] == "-x"
    assert spec["encoding"]["x"]["axis"] == {"format": ",.0f"}
    assert barres(cadre, "point", "nombre", "Part", ",.1f").to_dict()["encoding"]["x"]["axis"] == {"format": ",.1f"}
