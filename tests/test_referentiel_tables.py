"""referentiel.tables: the referential as flat tables (Référentiel page, command line) and the page's search box.

Qual-e-pref 2019: 8 modules, 54 engagements, 56 indicators (55 of chapter VI and E48 « en moins d'une heure »), 21 délai rules; Quali-ATE: 8 modules, 18 themes,
46 indicators, 16 délai rules.
"""

from __future__ import annotations

import pandas as pd
import pytest

from qualepref.referentiel import charger
from qualepref.referentiel.tables import rechercher, tables_du_referentiel

REF = charger("qualepref-2019")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return tables_du_referentiel(REF)


def test_comptes_et_colonnes(tables: dict[str, pd.DataFrame]) -> None:
    assert {nom: len(cadre) for nom, cadre in tables.items()} == {
        "modules": 8, "engagements": 54, "indicateurs": 56, "delais": 21}
    assert {nom: list(cadre.columns) for nom, cadre in tables.items()} == {
        "modules": ["numero", "titre", "nature"],
        "engagements": ["numero", "module", "titre", "declinaisons", "controle"],
        "indicateurs": ["code", "libelle", "engagement", "engagements", "module", "nature", "unite", "periodicite",
                        "source", "sens", "cible"],
        "delais": ["code", "engagement", "natures", "canaux", "jours_ouvres", "annee_debut", "annee_fin", "reponses",
                   "seuil"],
    }
    ate = tables_du_referentiel(charger("quali-ate"))
    assert {nom: len(cadre) for nom, cadre in ate.items()} == {
        "modules": 8, "engagements": 18, "indicateurs": 46, "delais": 16}


def test_lignes(tables: dict[str, pd.DataFrame]) -> None:
    modules = tables["modules"]
    assert modules.iloc[1].tolist() == [2, "Délivrance de titres (hors titres étrangers)", "metier"]
    assert modules["nature"].value_counts().to_dict() == {"metier": 7, "obligatoire": 1}
    e3 = tables["engagements"].set_index("numero").loc[3]
    assert (e3["module"], e3["titre"]) == (1, "A votre écoute pour progresser")
    assert e3["declinaisons"].startswith("3.1 Nous recueillons vos suggestions et réclamations")
    assert " 3.2 Une fois par an, nous mesurons la satisfaction" in e3["declinaisons"]
    assert e3["controle"] == REF.engagement(3).controle
    assert tables["engagements"].groupby("module").size().to_dict()[1] == 20
    indicateur = tables["indicateurs"].set_index("code").loc["E3-REPONSES-DELAI"]
    assert indicateur[["engagement", "engagements", "module", "nature", "unite", "periodicite", "source", "sens",
                       "cible"]].tolist() == [3, "3", 1, "taux_delai", "%", "trimestriel", "interne", "hausse", 90.0]


def test_regles_de_delai(tables: dict[str, pd.DataFrame]) -> None:
    delais = tables["delais"].set_index("code")
    electronique = delais.loc["E3-ELECTRONIQUE"]
    assert electronique[["engagement", "natures", "canaux", "jours_ouvres", "annee_debut", "reponses"]].tolist() == [
        3, "reclamation, suggestion", "courriel", 5, 2020, "fond, attente"]
    assert pd.isna(electronique["annee_fin"]) and pd.isna(electronique["seuil"])
    assert delais.loc["E3-2019", ["canaux", "jours_ouvres", "annee_fin"]].tolist() == [
        "courrier, courriel, urne", 15, 2019]
    assert delais.loc["E52-TRAITEMENT-80", ["natures", "jours_ouvres", "seuil"]].tolist() == ["traitement", 30, 80.0]
    # a rule that lists no canal applies to every canal, and says so
    assert delais.loc["E37-RDV-PROPOSITION", ["canaux", "jours_ouvres"]].tolist() == ["tous", 4]
    assert (delais["canaux"] == "tous").sum() == 13


# --- search -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("texte", ["etrangers", "ÉTRANGERS", "Étrangers", "  étrangers  "])
def test_recherche_sans_casse_ni_accents(tables: dict[str, pd.DataFrame], texte: str) -> None:
    assert rechercher(tables["modules"], texte)["numero"].tolist() == [2, 3]


@pytest.mark.parametrize(("texte", "numeros"), [
    ("DELIVRANCE DE TITRES", [2, 3]),
    ("polices", [5, 8]),
    ("communication d’urgence", [7]),  # typographic apostrophe typed, straight one stored
    ("communication   d'URGENCE", [7]),
    ("prefecture de police", [8]),
    ("metier", [2, 3, 4, 5, 6, 7, 8]),
    ("obligatoire", [1]),
    ("consulat", []),
])
def test_recherche_dans_les_modules(tables: dict[str, pd.DataFrame], texte: str, numeros: list[int]) -> None:
    assert rechercher(tables["modules"], texte)["numero"].tolist() == numeros


def test_recherche_vide_rend_tout(tables: dict[str, pd.DataFrame]) -> None:
    for texte in ("", "   "):
        assert rechercher(tables["engagements"], texte).equals(tables["engagements"])


def test_recherche_dans_les_colonnes_de_texte_et_les_nombres(tables: dict[str, pd.DataFrame]) -> None:
    delais = tables["delais"]
    assert rechercher(delais, "URNE")["code"].tolist() == ["E3-2019", "E3-COURRIER-URNE"]
    assert rechercher(delais, "2020")["code"].tolist() == ["E3-ELECTRONIQUE", "E3-COURRIER-URNE", "E17-COURRIER"]
    assert rechercher(delais, "80")["code"].tolist() == ["E52-TRAITEMENT-80"]
    assert rechercher(delais, "rendez-vous")["code"].tolist() == [
        "E37-RDV-PROPOSITION", "E37-RDV-TENUE", "E40-RDV-PROPOSITION", "E40-RDV-TENUE"]
    # 3.1 and 17.1 promise "une réponse d’attente" (typographic apostrophe in the referential)
    assert rechercher(tables["engagements"], "Reponse d'attente")["numero"].tolist() == [3, 17]
    assert "réponse d’attente" in REF.engagement(17).declinaisons[0].texte


def test_les_valeurs_manquantes_ne_se_cherchent_pas(tables: dict[str, pd.DataFrame]) -> None:
    """Missing years, thresholds and targets were searched as the text "nan"."""
    assert rechercher(tables["delais"], "nan").empty
    assert rechercher(tables["indicateurs"], "nan").empty
    assert rechercher(tables["delais"], "none").empty
    assert rechercher(tables["delais"], ".0").empty  # 2020.0 reads 2020


def test_la_recherche_garde_les_lignes_telles_quelles(tables: dict[str, pd.DataFrame]) -> None:
    trouves = rechercher(tables["indicateurs"], "E3-DELAI-MOYEN")
    assert trouves["code"].tolist() == ["E3-DELAI-MOYEN"]
    assert trouves.dtypes.equals(tables["indicateurs"].dtypes)
    assert trouves.index.tolist() == tables["indicateurs"].index[tables["indicateurs"]["code"] == "E3-DELAI-MOYEN"] \
        .tolist()
