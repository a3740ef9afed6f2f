"""Présentation du comité des usagers (.pptx): reopened with python-pptx, the figures are those of the Resultats."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from qualepref import format as fmt
from qualepref.exports import presentation
from qualepref.exports.commun import PublicationManquante
from tests.resultats_exemple import SITE, publication_exemple, resultats_exemple


@pytest.fixture(scope="module")
def resultats():  # noqa: ANN201
    return resultats_exemple()


@pytest.fixture(scope="module")
def deck(resultats):  # noqa: ANN001, ANN201
    return Presentation(io.BytesIO(presentation.construire(resultats, SITE, publication_exemple())))


def _diapo(deck, debut: str):  # noqa: ANN001, ANN202
    return next(s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text.startswith(debut))


def _table(slide) -> list[list[str]]:  # noqa: ANN001
    forme = next(f for f in slide.shapes if f.has_table)
    return [[c.text for c in ligne.cells] for ligne in forme.table.rows]


def _graphique(slide):  # noqa: ANN001, ANN202
    return next(f for f in slide.shapes if f.has_chart).chart


def test_la_structure_du_comite(deck) -> None:  # noqa: ANN001
    titres = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    for debut in ("1. Rappel des démarches qualité", "1. Pilotage des démarches qualité",
                  "2. Résultats 2023 — Module 1", "2. Résultats 2023 — Module 2", "2. Résultats 2023 — Module 3",
                  "2. Résultats de l'enquête de satisfaction 2023", "3. Je donne mon avis sur Services Publics+",
                  "3. Réalisation du plan d'actions", "3. Les points d'accès numériques",
                  "4. Et après : le label Quali-ATE", "5. Questions diverses"):
        assert any(t.startswith(debut) for t in titres), debut
    pilotage = sum(_table(_diapo(deck, "1. Pilotage")), [])
    for acteur in ("La référente qualité", "Les services concernés", "Le comité de pilotage"):
        assert acteur in pilotage
    assert any("publiés le 12/02/2024" in f.text_frame.text for s in deck.slides for f in s.shapes if f.has_text_frame)


def test_tableau_de_l_enquete_comme_celui_du_comite(deck, resultats) -> None:  # noqa: ANN001
    lignes = _table(_diapo(deck, "2. Résultats de l'enquête"))
    assert lignes[0] == ["Thématiques", "Taux de satisfaction 2022", "Taux de satisfaction 2023", "Progression"]
    telephone = next(ligne for ligne in lignes if ligne[0] == "Accueil téléphonique")
    assert telephone == ["Accueil téléphonique", "78\u00a0%", "77,6\u00a0%", "−0,4\u00a0point"]
    assert telephone[3].replace("\u00a0", " ") == "−0,4 point"
    for e, ligne in zip(resultats.enquetes.to_dict("records"), lignes[1:], strict=True):
        assert ligne == [e["theme"], fmt.pourcentage(e["taux_precedent"]), fmt.pourcentage(e["taux"]),
                         fmt.points(e["progression_points"])]
    assert next(ligne for ligne in lignes if ligne[0] == "Point d'accueil numérique")[3] == "+15\u00a0points"


def test_graphique_natif_n_contre_n_moins_1(deck, resultats) -> None:  # noqa: ANN001
    graphique = _graphique(_diapo(deck, "2. Résultats de l'enquête"))
    assert graphique.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(graphique.plots[0].categories) == list(resultats.enquetes["theme"])
    series = {s.name: list(s.values) for s in graphique.series}
    assert series["2023"] == pytest.approx(list(resultats.enquetes["taux"]))
    assert series["2022"] == pytest.approx(list(resultats.enquetes["taux_precedent"]))


def test_indicateurs_par_module(deck, resultats) -> None:  # noqa: ANN001
    lignes = [ligne for s in deck.slides if s.shapes.title is not None
              and s.shapes.title.text.startswith("2. Résultats 2023 — Module 1") for ligne in _table(s)[1:]]
    annuels = resultats.annuels()
    assert [ligne[0] for ligne in lignes] == list(annuels[annuels["module"] == 1]["libelle"])
    appels = next(ligne for ligne in lignes if ligne[0] == "Taux d'appels aboutis au niveau général")
    assert appels == ["Taux d'appels aboutis au niveau général", "89\u00a0%", "85\u00a0%", "+4\u00a0points",
                      "90\u00a0%", "Proche"]


def test_avis_plan_et_pan(deck, resultats) -> None:  # noqa: ANN001
    avis = _diapo(deck, "3. Je donne mon avis")
    assert _table(avis)[1:] == [["Avis positifs", "4"], ["Avis neutres", "1"], ["Avis négatifs", "5"]]
    assert list(_graphique(avis).series[0].values) == [4, 1, 5]
    plan = _diapo(deck, "3. Réalisation du plan d'actions")
    lignes = _table(plan)
    assert ["   1. Informations et orientations des usagers", "56\u00a0%"] in lignes
    assert ["   Moyenne de l'axe", "63\u00a0%"] in lignes
    assert lignes[-1] == ["Ensemble du plan (26 actions)", "46\u00a0%"]
    assert list(_graphique(plan).series[0].values) == pytest.approx(list(resultats.plan_axes["taux"]))
    textes = " ".join(f.text_frame.text for f in plan.shapes if f.has_text_frame)
    assert "Moyenne montrée" in textes
    pan = _diapo(deck, "3. Les points d'accès numériques")
    assert any("11\u202f769 fréquentations en 2023" in f.text_frame.text for f in pan.shapes if f.has_text_frame)
    assert list(_graphique(pan).series[0].values) == list(resultats.pan["par_point"].values())


def test_resultats_publies_seulement(resultats) -> None:  # noqa: ANN001
    with pytest.raises(PublicationManquante, match="Aucun résultat publié"):
        presentation.construire(resultats, SITE, None)


def test_depuis_un_instantane_publie(resultats) -> None:  # noqa: ANN001
    from tests.resultats_exemple import classe_resultats

    module = classe_resultats()
    publie = module.depuis_json(module.vers_json(resultats))
    deck = Presentation(io.BytesIO(presentation.construire(publie, SITE, publication_exemple("2023"))))
    telephone = next(ligne for ligne in _table(_diapo(deck, "2. Résultats de l'enquête"))
                     if ligne[0] == "Accueil téléphonique")
    assert telephone[3] == "−0,4\u00a0point"
