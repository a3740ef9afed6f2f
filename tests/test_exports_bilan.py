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
    assert tel[2].value == 0.776 and "%" in tel[2].number_format
    assert tel[1].value == 0.78
    assert tel[3].value == pytest.approx(-0.4) and tel[3].number_format == bilan.FORMAT_POINTS
    assert tel[4].value == 388 and tel[4].number_format == bilan.FORMAT_COMPTE
    for e in resultats.enquetes.to_dict("records"):
        cellules = _ligne(ws, e["theme"])
        assert cellules[2].value == pytest.approx(e["taux"] / 100, abs=1e-12)
        assert cellules[1].value == pytest.approx(e["taux_precedent"] / 100, abs=1e-12)
        assert cellules[3].value == pytest.approx(e["progression_points"])
    entetes = [c.value for c in _ligne(ws, "Thème")]
    assert "Évolution (points)" in entetes


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
                assert valeur == pytest.approx(ind["valeur"] / 100) and "%" in cellules[4].number_format
            else:
                assert valeur == pytest.approx(ind["valeur"])
    ws = classeur["Module 1"]
    appels = _ligne(ws, "E10-APPELS-ABOUTIS")
    assert [appels[4].value, appels[5].value, appels[6].value, appels[7].value, appels[8].value] == \
        [0.89, 0.85, 4.0, 0.9, "Proche"]
    assert _ligne(ws, "E15-PAN-JOUR")[8].value == "Non mesuré"


def test_synthese_perimetre_statuts_non_mesures_evolutions(classeur, resultats) -> None:  # noqa: ANN001
    ws = classeur["Synthèse"]
    textes = [c.value for ligne in ws.iter_rows() for c in ligne if isinstance(c.value, str)]
    assert any("Module 3 : Délivrance de titres destinés aux usagers étrangers" in t for t in textes)
    module1 = _ligne(ws, "Module 1")
    attendu = resultats.modules.iloc[0]
    assert [c.value for c in module1[2:8]] == [attendu["engagements"], attendu["atteint"], attendu["proche"],
                                                attendu["non_atteint"], attendu["non_mesure"],
                                                attendu["sans_indicateur"]]
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
                                                  pytest.approx(attendu["taux_dans_le_delai"] / 100),
                                                  attendu["delai_moyen"], attendu["delai_median"]]
    plan = classeur["Plan d'actions"]
    assert _ligne(plan, "Taux de réalisation global")[1].value == 0.46
    axe1 = resultats.plan_axes.iloc[0]
    assert _ligne(plan, axe1["axe"])[1].value == pytest.approx(axe1["taux"] / 100)
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
    assert _ligne(ws, "Accueil téléphonique")[2].value == 0.776


def test_resultats_vides() -> None:
    import pandas as pd

    vide = resultats_exemple(enquetes=pd.DataFrame(), mystere=pd.DataFrame(), delais=pd.DataFrame(),
                             plan_axes=pd.DataFrame(), plan_thematiques=pd.DataFrame(),
                             plan_en_retard=pd.DataFrame(), pan={}, avis={}, mouvements=pd.DataFrame(),
                             non_mesures=pd.DataFrame(), plan_global={"taux": None, "actions": 0})
    classeur = load_workbook(io.BytesIO(bilan.construire(vide, SITE)))
    textes = [c.value for r in classeur["Enquêtes"].iter_rows() for c in r if isinstance(c.value, str)]
    assert "Aucune enquête de satisfaction pour cette année." in textes
