"""Bilan annuel (.xlsx): reopened with openpyxl, its figures are those of the ``Resultats`` it was built from."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from qualepref.exports import bilan
from tests.resultats_exemple import ACTIONS_PIEGEES, SITE, resultats_exemple


@pytest.fixture(scope="module")
def resultats():  # noqa: ANN201
    return resultats_exemple()


@pytest.fixture(scope="module")
def classeur(resultats):  # noqa: ANN001, ANN201
    return load_workbook(io.BytesIO(bilan.construire(resultats, SITE)))


def _ligne(ws: Worksheet, premier: str):  # noqa: ANN202
    """The cells of the row whose first cell is ``premier``."""
    for ligne in ws.iter_rows():
        if ligne[0].value == premier:
            return ligne
    raise AssertionError(f"ligne « {premier} » introuvable dans {ws.title}")


def test_les_feuilles_du_bilan(classeur) -> None:  # noqa: ANN001
    assert classeur.sheetnames == ["Synthèse", "Module 1", "Module 2", "Module 3", "Enquêtes", "Mystère",
                                   "Réclamations", "Plan d'actions", "PAN", "Avis SP+", "Compte rendu"]


def test_enquetes_taux_en_fraction_au_format_pourcentage(classeur, resultats) -> None:  # noqa: ANN001
    ws = classeur["Enquêtes"]
    tel = _ligne(ws, "Accueil téléphonique")
    assert tel[2].value == 77.6 and tel[2].number_format == '0.0" %"'
    assert tel[1].value == 78.0
    assert tel[3].value == pytest.approx(-0.4) and tel[3].number_format == bilan.FORMAT_POINTS
    assert tel[4].value == 388 and tel[4].number_format == bilan.FORMAT_COMPTE
    for e in resultats.enquetes.to_dict("records"):
        cellules = _ligne(ws, e["theme"])
        assert cellules[2].value == pytest.approx(e["taux"], abs=1e-12)
        assert cellules[1].value == pytest.approx(e["taux_precedent"], abs=1e-12)
        assert cellules[3].value == pytest.approx(e["progression_points"])
    entetes = [c.value for c in _ligne(ws, "Thème")]
    assert "Évolution" in entetes


def test_graphique_natif_enquetes(classeur) -> None:  # noqa: ANN001
    ws = classeur["Enquêtes"]
    assert len(ws._charts) == 1
    for nom in ("Plan d'actions", "PAN"):
        assert len(classeur[nom]._charts) == 1


def test_chaque_module_a_tous_ses_indicateurs_annuels(classeur, resultats) -> None:  # noqa: ANN001
    annuels = resultats.annuels()
    for numero in (1, 2, 3):
        ws = classeur[f"Module {numero}"]
        siens = annuels[annuels["module"] == numero]
        codes = [c.value for c in ws["A"] if c.value in set(siens["code"])]
        assert codes == list(siens["code"])
        for ind in siens.to_dict("records"):
            cellules = _ligne(ws, ind["code"])
            valeur = cellules[4].value
            if ind["valeur"] is None or ind["valeur"] != ind["valeur"]:
                assert valeur is None
            elif ind["unite"] == "%":
                assert valeur == pytest.approx(ind["valeur"]) and cellules[4].number_format == '0.0" %"'
            else:
                assert valeur == pytest.approx(ind["valeur"])
    ws = classeur["Module 1"]
    appels = _ligne(ws, "E10-APPELS-ABOUTIS")
    assert [appels[4].value, appels[5].value, appels[6].value, appels[7].value, appels[8].value] == \
        [89.0, 85.0, 4.0, 90.0, "Proche"]
    assert appels[2].value == 10 and appels[6].number_format == bilan.FORMAT_POINTS
    cni = _ligne(ws, "E14-DELAI-CNI")
    assert (cni[7].value, cni[7].number_format) == (30.0, '#,##0.0" jours"')
    assert (cni[6].value, cni[6].number_format) == (-13.5, bilan.FORMAT_ECART_JOURS)
    reseaux = _ligne(ws, "E19-RESEAUX")
    assert (reseaux[6].value, reseaux[6].number_format) == (21485, "+#,##0;-#,##0;0")
    assert _ligne(ws, "E15-PAN-JOUR")[8].value == "Non mesuré"


def test_synthese_perimetre_statuts_non_mesures_evolutions(classeur, resultats) -> None:  # noqa: ANN001
    ws = classeur["Synthèse"]
    textes = [c.value for ligne in ws.iter_rows() for c in ligne if isinstance(c.value, str)]
    assert any("Module 3 : Délivrance de titres destinés aux usagers étrangers" in t for t in textes)
    module1 = _ligne(ws, "Module 1")
    attendu = resultats.modules.iloc[0]
    assert [c.value for c in module1[2:9]] == [attendu["engagements"], attendu["atteint"], attendu["proche"],
                                                attendu["non_atteint"], attendu["non_mesure"], attendu["sans_cible"],
                                                attendu["sans_indicateur"]]
    assert [c.value for c in module1[2:9]] == [21, 9, 2, 3, 1, 2, 4]
    assert module1[2].value == sum(c.value for c in module1[3:9])  # the table adds up
    assert _ligne(ws, "Référentiel")[1].value == "Qual-e-pref (2018, mise à jour de février 2019)"
    assert _ligne(ws, "E15-PAN-JOUR")[1].value == resultats.non_mesures.iloc[0]["libelle"]
    cni = _ligne(ws, "E14-DELAI-CNI")
    assert (cni[2].value, cni[3].value, cni[4].value, cni[5].value) == (31.5, 45.0, -13.5, "Oui")
    for element in ("Enquêtes mystère", "Besoins en formation", "Auto-évaluation ou audit interne"):
        assert element in textes


def test_reclamations_plan_pan_avis(classeur, resultats) -> None:  # noqa: ANN001
    ws = classeur["Réclamations"]
    courriel = next(r for r in ws.iter_rows() if r[1].value == "Réclamation" and r[2].value == "Courriel")
    attendu = resultats.delais.iloc[0]
    assert [c.value for c in courriel[3:11]] == [attendu["recus"], attendu["repondus"], attendu["en_cours"],
                                                  attendu["dans_le_delai"], attendu["hors_delai"],
                                                  pytest.approx(attendu["taux_dans_le_delai"]),
                                                  attendu["delai_moyen"], attendu["delai_median"]]
    plan = classeur["Plan d'actions"]
    assert _ligne(plan, "Taux de réalisation global")[1].value == 46.0
    axe1 = resultats.plan_axes.iloc[0]
    assert _ligne(plan, axe1["axe"])[1].value == pytest.approx(axe1["taux"])
    textes = [c.value for r in plan.iter_rows() for c in r if isinstance(c.value, str)]
    assert any(t.startswith("Taux d'un axe") or "moyenne" in t.lower() for t in textes)
    pan = classeur["PAN"]
    assert _ligne(pan, "Fréquentation totale")[1].value == 11769
    assert _ligne(pan, "Préfecture")[1].value == 6140
    avis = classeur["Avis SP+"]
    assert [_ligne(avis, t)[1].value for t in ("Avis positifs", "Avis neutres", "Avis négatifs")] == [4, 1, 5]


def test_texte_saisi_reste_du_texte(classeur) -> None:  # noqa: ANN001
    ws = classeur["Plan d'actions"]
    cellules = {c.value: c for r in ws.iter_rows() for c in r if c.value in ACTIONS_PIEGEES}
    assert set(cellules) == set(ACTIONS_PIEGEES)
    assert all(c.data_type == "s" for c in cellules.values())
    pilote = next(c for r in ws.iter_rows() for c in r if isinstance(c.value, str) and c.value.startswith("=cmd"))
    assert pilote.data_type == "s"


def test_mise_en_page(classeur) -> None:  # noqa: ANN001
    for ws in classeur.worksheets:
        assert ws.freeze_panes is not None
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows
    assert classeur["Enquêtes"].freeze_panes == "A6"
    assert classeur["Module 1"].column_dimensions["B"].width >= 40


def test_resultats_publies_relus_donnent_le_meme_bilan(resultats) -> None:  # noqa: ANN001
    from tests.resultats_exemple import classe_resultats

    module = classe_resultats()
    relus = module.depuis_json(module.vers_json(resultats))
    ws = load_workbook(io.BytesIO(bilan.construire(relus, SITE)))["Enquêtes"]
    assert _ligne(ws, "Accueil téléphonique")[2].value == 77.6


def test_resultats_vides() -> None:
    import pandas as pd

    vide = resultats_exemple(enquetes=pd.DataFrame(), mystere=pd.DataFrame(), delais=pd.DataFrame(),
                             plan_axes=pd.DataFrame(), plan_thematiques=pd.DataFrame(),
                             plan_en_retard=pd.DataFrame(), pan={}, avis={}, mouvements=pd.DataFrame(),
                             non_mesures=pd.DataFrame(), plan_global={"taux": None, "actions": 0})
    classeur = load_workbook(io.BytesIO(bilan.construire(vide, SITE)))
    textes = [c.value for r in classeur["Enquêtes"].iter_rows() for c in r if isinstance(c.value, str)]
    assert "Aucune enquête de satisfaction pour cette année." in textes


def test_pas_de_moins_zero_et_hauteurs_mesurees(resultats) -> None:  # noqa: ANN001
    import dataclasses
    import math

    from qualepref.exports import mesure

    indicateurs = resultats.indicateurs.copy()
    indicateurs.loc[indicateurs["code"] == "E10-APPELS-ABOUTIS", "progression_points"] = -0.04
    classeur = load_workbook(io.BytesIO(bilan.construire(dataclasses.replace(resultats, indicateurs=indicateurs),
                                                         SITE)))
    ws = classeur["Module 1"]
    evolution = _ligne(ws, "E10-APPELS-ABOUTIS")[6].value
    assert evolution == 0 and math.copysign(1, evolution) > 0  # not -0.0, which prints « -0,0 pt »
    for feuille in classeur.worksheets:
        for ligne in feuille.iter_rows():
            for cellule in ligne:
                if not isinstance(cellule.value, str) or not cellule.alignment.wrap_text or \
                        cellule.coordinate in feuille.merged_cells:
                    continue
                caracteres = feuille.column_dimensions[cellule.column_letter].width
                largeur = bilan.largeur_points(caracteres)
                taille, gras = cellule.font.sz or 11, bool(cellule.font.b)
                besoin = mesure.lignes(cellule.value, largeur - 6, taille, gras)
                # LibreOffice's text box (the width in characters × Carlito's « 0 ») wraps it on as many lines
                assert mesure.lignes(cellule.value, caracteres * mesure.largeur("0", 11) - 2, taille, gras) == \
                    besoin, (feuille.title, cellule.coordinate, cellule.value)
                hauteur = feuille.row_dimensions[cellule.row].height or 15
                # as high as its lines (Carlito 11: 13,4 pt a line, + 2 pt), not a line more
                assert hauteur >= min(15, besoin * 11 * 2500 / 2048 + 2 - 0.1) if besoin == 1 else \
                    hauteur >= besoin * 11 * 2500 / 2048 + 2 - 0.1, (feuille.title, cellule.coordinate)
                if besoin > 1 and feuille.title != "Compte rendu":
                    autres = [mesure.lignes(c.value, bilan.largeur_points(feuille.column_dimensions[
                        c.column_letter].width) - 6, c.font.sz or 11, bool(c.font.b)) for c in feuille[cellule.row]
                              if isinstance(c.value, str) and c.alignment.wrap_text]
                    assert hauteur < (max(autres) + 1) * 11 * 2500 / 2048, (feuille.title, cellule.coordinate)
                if cellule.font.b:  # a header: its longest word fits its column
                    assert mesure.plus_long_mot(cellule.value, 11, True) <= largeur - 4, cellule.value


def test_axes_des_graphiques(classeur) -> None:  # noqa: ANN001
    enquetes = classeur["Enquêtes"]._charts[0]
    assert (enquetes.y_axis.scaling.min, enquetes.y_axis.scaling.max) == (0, 100)
    pan = classeur["PAN"]._charts[0]
    assert pan.y_axis.scaling.min == 0 and pan.y_axis.scaling.max is None
