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
def resultats():
    return resultats_exemple()


TEXTES = {
    "referent": "La référente qualité",
    "dates_label": "Label Qual-e-pref obtenu en 2022",
    "volumes": "Appels traités par le serveur vocal interactif : 24 672\nVisites du site internet : 855 288",
    "points_positifs": "La qualité de l'accueil des usagers\nLa qualité du site internet",
    "points_a_ameliorer": "Intensifier les espaces de confidentialité",
    "services_publics_plus": "30 agents répondent aux avis des usagers",
    "exemples_actions": "Axe 1 : Nouveau script du serveur vocal\nAxe 2 : Plan sobriété",
    "contacts": "Qualité : pref-qualite@marne.gouv.fr",
}


@pytest.fixture(scope="module")
def deck(resultats):
    faits = {**publication_exemple(), "textes": TEXTES}
    return Presentation(io.BytesIO(presentation.construire(resultats, SITE, faits)))


def _diapo(deck, debut: str):
    return next(s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text.startswith(debut))


def _table(slide) -> list[list[str]]:
    forme = next(f for f in slide.shapes if f.has_table)
    return [[c.text for c in ligne.cells] for ligne in forme.table.rows]


def _graphique(slide):
    return next(f for f in slide.shapes if f.has_chart).chart


def test_la_structure_du_comite(deck) -> None:
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


def test_tableau_de_l_enquete_comme_celui_du_comite(deck, resultats) -> None:
    lignes = _table(_diapo(deck, "2. Résultats de l'enquête"))
    assert lignes[0] == ["Thématiques", "Taux de satisfaction 2022", "Taux de satisfaction 2023", "Progression"]
    telephone = next(ligne for ligne in lignes if ligne[0] == "Accueil téléphonique")
    assert telephone == ["Accueil téléphonique", "78\u00a0%", "77,6\u00a0%", "−0,4\u00a0point"]
    assert telephone[3].replace("\u00a0", " ") == "−0,4 point"
    for e, ligne in zip(resultats.enquetes.to_dict("records"), lignes[1:], strict=True):
        assert ligne == [e["theme"], fmt.pourcentage(e["taux_precedent"]), fmt.pourcentage(e["taux"]),
                         fmt.points(e["progression_points"])]
    assert next(ligne for ligne in lignes if ligne[0] == "Point d'accueil numérique")[3] == "+15\u00a0points"


def test_graphique_natif_n_contre_n_moins_1(deck, resultats) -> None:
    graphique = _graphique(_diapo(deck, "2. Résultats de l'enquête"))
    assert graphique.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert list(graphique.plots[0].categories) == list(resultats.enquetes["theme"])
    series = {s.name: list(s.values) for s in graphique.series}
    assert series["2023"] == pytest.approx(list(resultats.enquetes["taux"]))
    assert series["2022"] == pytest.approx(list(resultats.enquetes["taux_precedent"]))


def test_indicateurs_par_module(deck, resultats) -> None:
    lignes = [ligne for s in deck.slides if s.shapes.title is not None
              and s.shapes.title.text.startswith("2. Résultats 2023 — Module 1") for ligne in _table(s)[1:]]
    annuels = resultats.annuels()
    from qualepref.exports.commun import libelle_court

    assert [ligne[0] for ligne in lignes] == [libelle_court(i, resultats) for i in
                                              annuels[annuels["module"] == 1].to_dict("records")]
    appels = next(ligne for ligne in lignes if ligne[0] == "Appels aboutis")  # the referential's libelle_court
    assert appels == ["Appels aboutis", "89\u00a0%", "85\u00a0%", "+4\u00a0points",
                      "90\u00a0%", "Proche"]


def test_avis_plan_et_pan(deck, resultats) -> None:
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


def test_resultats_publies_seulement(resultats) -> None:
    with pytest.raises(PublicationManquante, match="Aucun résultat publié"):
        presentation.construire(resultats, SITE, None)


def test_depuis_un_instantane_publie(resultats) -> None:
    from tests.resultats_exemple import classe_resultats

    module = classe_resultats()
    publie = module.depuis_json(module.vers_json(resultats))
    deck = Presentation(io.BytesIO(presentation.construire(publie, SITE, publication_exemple("2023"))))
    telephone = next(ligne for ligne in _table(_diapo(deck, "2. Résultats de l'enquête"))
                     if ligne[0] == "Accueil téléphonique")
    assert telephone[3] == "−0,4\u00a0point"


# --- layout, language, charts, the référent's texts (issue 16) ----------------------------------------------------

def _toutes_les_formes(deck):
    return [(rang, forme) for rang, s in enumerate(deck.slides, 1) for forme in s.shapes]


def test_chaque_boite_dans_la_diapo_avec_une_hauteur(deck) -> None:
    largeur, hauteur = deck.slide_width, deck.slide_height
    for rang, forme in _toutes_les_formes(deck):
        assert forme.height > 0 and forme.width > 0, (rang, forme.name)
        assert forme.top >= 0 and forme.left >= 0, (rang, forme.name)
        assert forme.top + forme.height <= hauteur and forme.left + forme.width <= largeur, (rang, forme.name)
    titre = deck.slides[0]
    boites = sorted((f.top, f.top + f.height) for f in titre.shapes)
    assert boites[0][1] <= boites[1][0], "le titre et le sous-titre se recouvrent"


def test_taille_16_9_et_etiquetee() -> None:
    contenu = presentation.construire(resultats_exemple(), SITE, publication_exemple())
    deck = Presentation(io.BytesIO(contenu))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)
    taille = deck.part._element.find("{http://schemas.openxmlformats.org/presentationml/2006/main}sldSz")
    assert taille.get("type") == "screen16x9"


def test_chaque_morceau_de_texte_en_francais(deck) -> None:
    from pptx.oxml.ns import qn

    vus = 0
    for s in deck.slides:
        racines = [s.part._element, *(f.chart.part._element for f in s.shapes if f.has_chart)]
        for racine in racines:
            for morceau in racine.iter(qn("a:r")):
                proprietes = morceau.find(qn("a:rPr"))
                assert proprietes is not None and proprietes.get("lang") == "fr-FR", morceau.findtext(qn("a:t"))
                vus += 1
    assert vus > 200


def test_axes_des_graphiques(deck) -> None:
    enquete = _graphique(_diapo(deck, "2. Résultats de l'enquête"))
    assert (enquete.value_axis.minimum_scale, enquete.value_axis.maximum_scale) == (0, 100)
    plan = _graphique(_diapo(deck, "3. Réalisation du plan d'actions"))
    assert (plan.value_axis.minimum_scale, plan.value_axis.maximum_scale) == (0, 100)
    avis = _graphique(_diapo(deck, "3. Je donne mon avis"))
    assert avis.value_axis.minimum_scale == 0 and avis.value_axis.maximum_scale is None
    assert enquete.legend.font.size < enquete.chart_title.text_frame.paragraphs[0].runs[0].font.size


def test_aucun_mot_coupe_dans_les_tableaux(deck) -> None:
    from qualepref.exports import mesure

    for s in deck.slides:
        for forme in (f for f in s.shapes if f.has_table):
            table = forme.table
            for ligne in table.rows:
                for colonne, cellule in zip(table.columns, ligne.cells, strict=True):
                    taille = cellule.text_frame.paragraphs[0].runs[0].font.size.pt if cellule.text else 10
                    utile = colonne.width / 12700 - 14.4
                    assert mesure.plus_long_mot(cellule.text, taille, True) <= utile, (s.shapes.title.text,
                                                                                         cellule.text)


def test_pagination_par_hauteur_mesuree(resultats) -> None:
    import dataclasses

    import pandas as pd

    from qualepref.exports.diaporama import BAS_CONTENU

    longues = pd.DataFrame([{"code": f"X{k}", "libelle": "Délai moyen trimestriel de mise à disposition des demandes "
                             f"de cartes nationales d'identité et de passeports, numéro {k}", "module": 1,
                             "engagement": "14", "unite": "jours", "periode": "2023", "valeur": 30.0 + k,
                             "valeur_precedente": 40.0, "progression_points": -10.0 + k, "cible": 30.0,
                             "statut": "proche"} for k in range(30)])
    r = dataclasses.replace(resultats, indicateurs=longues)
    deck = Presentation(io.BytesIO(presentation.construire(r, SITE, publication_exemple())))
    diapos = [s for s in deck.slides if s.shapes.title.text.startswith("2. Résultats 2023 — Module 1")]
    assert len(diapos) >= 3
    assert [s.shapes.title.text.endswith("(suite)") for s in diapos] == [False] + [True] * (len(diapos) - 1)
    lignes = [ligne for s in diapos for ligne in _table(s)[1:]]
    assert [ligne[0] for ligne in lignes] == list(longues["libelle"])
    for s in diapos:
        forme = next(f for f in s.shapes if f.has_table)
        assert forme.top + sum(r.height for r in forme.table.rows) <= BAS_CONTENU


def test_deck_trimestriel_montre_les_valeurs_du_trimestre(resultats) -> None:
    from tests.resultats_exemple import classe_resultats

    module = classe_resultats()
    contenu = module.vers_json(resultats)
    mois = ("2023-T4", "2023-10", "2023-11", "2023-12")  # what publication.publier_resultats keeps of a quarter
    contenu["indicateurs"] = [i for i in contenu["indicateurs"] if i["periode"] in mois]
    publie = module.depuis_json(contenu)
    deck = Presentation(io.BytesIO(presentation.construire(publie, SITE, publication_exemple("2023-T4"))))
    diapo = _diapo(deck, "2. Résultats 4e trimestre 2023 — Module 1")
    lignes = _table(diapo)
    assert lignes[0][:3] == ["Indicateur", "4e trimestre 2023", "4e trimestre 2022"]
    appels = next(ligne for ligne in lignes if ligne[0] == "Appels aboutis")
    assert appels[1] == "91,3\u00a0%"
    textes = " ".join(f.text_frame.text for s in deck.slides for f in s.shapes if f.has_text_frame)
    assert "Pas d'indicateur chiffré publié pour ce module" not in textes


def test_pas_de_texte_propre_a_un_site_en_dur(resultats) -> None:
    deck = Presentation(io.BytesIO(presentation.construire(resultats, SITE, publication_exemple())))
    textes = " ".join(f.text_frame.text for s in deck.slides for f in s.shapes if f.has_text_frame)
    textes += " ".join(c.text for s in deck.slides for f in s.shapes if f.has_table for r in f.table.rows
                       for c in r.cells)
    assert "référente" not in textes and "Le référent qualité" in textes
    assert "2022 — Programme Services Publics+" not in textes and "2021 — Programme Services Publics+" in textes
    assert "Quatre modules" not in textes
    titres = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert "Contacts" not in titres and not any(t.startswith("2. Les volumes") for t in titres)


def test_les_textes_du_comite_et_ce_que_l_app_calcule(deck) -> None:
    def textes(slide) -> str:
        return " ".join(f.text_frame.text for f in slide.shapes if f.has_text_frame)

    assert "La référente qualité" in sum(_table(_diapo(deck, "1. Pilotage")), [])
    assert "Label Qual-e-pref obtenu en 2022" in textes(_diapo(deck, "1. Rappel"))
    assert "Appels traités par le serveur vocal interactif : 24 672" in textes(_diapo(deck, "2. Les volumes"))
    points = textes(_diapo(deck, "2. Enquête de satisfaction 2023 : ce qu'en disent"))
    assert "Points positifs mis en avant" in points and "Intensifier les espaces de confidentialité" in points
    assert "30 agents répondent aux avis des usagers" in textes(_diapo(deck, "3. Programme Services Publics+"))
    assert "Axe 2 : Plan sobriété" in textes(_diapo(deck, "3. Exemples de réalisations"))
    assert "pref-qualite@marne.gouv.fr" in textes(_diapo(deck, "Contacts"))
    pan = _table(_diapo(deck, "3. Les points d'accès numériques : démarches"))
    assert pan[0] == ["Démarche", "Usagers", "Part"]
    assert pan[1] == ["Étrangers", "3\u202f413", "29\u00a0%"]  # 3 413 / 11 769 = 29,0 %
    assert "Référentiel : Qual-e-pref (2018, mise à jour de février 2019)" in textes(_diapo(deck, "1. Rappel"))


def test_sujets_et_cumul_des_avis(resultats) -> None:
    import dataclasses

    avis = {**resultats.avis, "total": 10, "par_sujet": {"Plateforme naturalisation": 3, "Accueil": 7},
            "cumul": 17, "cumul_depuis": 2022}
    r = dataclasses.replace(resultats, avis=avis)
    deck = Presentation(io.BytesIO(presentation.construire(r, SITE, publication_exemple())))
    diapo = _diapo(deck, "3. Je donne mon avis")
    assert "17 avis depuis 2022" in " ".join(f.text_frame.text for f in diapo.shapes if f.has_text_frame)
    assert _table(_diapo(deck, "3. Les sujets des avis"))[1:] == [["Plateforme naturalisation", "3"],
                                                                 ["Accueil", "7"]]


def test_exemples_pris_dans_les_actions_realisees(resultats) -> None:
    """Without examples typed in « Textes du comité », the deck shows the plan's realised actions (results' meta);
    typed ones win."""
    import dataclasses

    exemples = [{"axe": "Axe 1 : Communication", "thematique": "SVI", "action": "Nouveau script du serveur vocal"},
                {"axe": "Axe 2 : Organisation", "thematique": "Accueil", "action": "Banque d'accueil abaissée"}]
    r = dataclasses.replace(resultats, meta={**resultats.meta, "actions_realisees": exemples})
    deck = Presentation(io.BytesIO(presentation.construire(r, SITE, publication_exemple())))
    diapo = _diapo(deck, "3. Exemples de réalisations 2023")
    textes = [f.text_frame.text for f in diapo.shapes if f.has_text_frame and f != diapo.shapes.title]
    assert "• Axe 1 : Nouveau script du serveur vocal\n• Axe 2 : Banque d'accueil abaissée" in textes
    tape = Presentation(io.BytesIO(presentation.construire(r, SITE, {**publication_exemple(), "textes": TEXTES})))
    textes = [f.text_frame.text for f in _diapo(tape, "3. Exemples de réalisations 2023").shapes if f.has_text_frame]
    assert any("Plan sobriété" in t for t in textes) and not any("Banque d'accueil" in t for t in textes)


def test_graduations_des_comptes() -> None:
    """Counts get a few round ticks (at most four past 0): 6 572 usagers → every 2 000; 318 → every 100."""
    from qualepref.exports.diaporama import pas_de_graduation

    assert [pas_de_graduation(x) for x in (0, 3, 7, 318, 6572, 100_000)] == [None, 1, 2, 100, 2000, 50_000]


def test_etiquettes_des_graphiques_comme_les_tableaux(deck, resultats) -> None:
    """A chart's labels print what the table beside it prints: « 96 % », « 77,6 % », the plan's « 63 % » (its
    table has no decimal), not « 96,0 % » (a rounded figure under a format that drops a zero decimal, French)."""
    enquete = _graphique(_diapo(deck, "2. Résultats de l'enquête"))
    assert enquete.plots[0].data_labels.number_format == '[$-40C]General" %"'
    assert enquete.plots[0].data_labels.number_format_is_linked is False
    assert {s.name: list(s.values) for s in enquete.series}["2022"][:2] == [96.0, 78.0]
    plan = _graphique(_diapo(deck, "3. Réalisation du plan d'actions"))
    assert list(plan.series[0].values) == [fmt.arrondi(t, 0) for t in resultats.plan_axes["taux"]]
    assert [fmt.pourcentage(v, 0) for v in plan.series[0].values] == ["63\u00a0%", "29\u00a0%"]
    pan = _graphique(_diapo(deck, "3. Les points d'accès numériques"))
    assert pan.plots[0].data_labels.number_format == "[$-40C]#,##0"


def test_diapositive_des_resultats_services_publics_plus() -> None:
    from tests.test_exports_opendata import resultats_sp

    r = resultats_sp()
    deck = Presentation(io.BytesIO(presentation.construire(r, SITE, {**publication_exemple("2024"),
                                                                        "textes": TEXTES})))
    assert _table(_diapo(deck, "3. Services Publics+ : nos résultats 2024")) == [
        ["Résultat", "2024", "2023", "Évolution"],
        ["Taux de décroché par un agent", "91\u00a0%", "—", "—"],
        ["Respect du délai annoncé d'une démarche phare : réponses aux demandes d'information écrites dans le "
         "délai annoncé", "66,7\u00a0%", "—", "—"],
        ["Part des démarches en ligne notées 8/10 ou plus (JDMA)", "82,5\u00a0%", "—", "—"],
        ["Taux de satisfaction globale des usagers", "70\u00a0%", "60\u00a0%", "+10\u00a0points"],
        ["Taux net de satisfaction (satisfaits moins insatisfaits)", "40\u00a0points", "20\u00a0points",
         "+20\u00a0points"]]


def test_pas_de_diapositive_services_publics_plus_sans_resultats(deck) -> None:
    assert not any(s.shapes.title is not None and s.shapes.title.text.startswith("3. Services Publics+ : nos")
                   for s in deck.slides)
