"""Affichage trimestriel: the PDF poster (rendered with pdftoppm) and the HTML fragment, from published results."""

from __future__ import annotations

import html
import io
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pypdf import PdfReader

from qualepref import format as fmt
from qualepref.exports import affiche
from qualepref.exports.commun import PublicationManquante
from tests.resultats_exemple import SITE, publication_exemple, resultats_exemple


@pytest.fixture(scope="module")
def resultats():  # noqa: ANN201
    return resultats_exemple()


def _texte_pdf(contenu: bytes) -> str:
    lecteur = PdfReader(io.BytesIO(contenu))
    assert len(lecteur.pages) == 1
    return " ".join(lecteur.pages[0].extract_text().split())


def test_indicateurs_choisis_par_engagement(resultats) -> None:  # noqa: ANN001
    choix = {a.sous_engagement: lignes for a, lignes in affiche.indicateurs_affiches(resultats, "2023-T4")}
    assert list(choix["10.6"]["code"]) == ["E10-APPELS-ABOUTIS"]
    assert list(choix["10.6"]["periode"]) == ["2023-T4"]
    assert list(choix["14.6"]["code"]) == ["E14-DELAI-CNI", "E14-DELAI-PC"]
    assert list(choix["32.1"]["code"]) == ["E32-PREMIERES-DEMANDES"]
    annee = {a.sous_engagement: lignes for a, lignes in affiche.indicateurs_affiches(resultats, "2023")}
    assert list(annee["10.6"]["valeur"]) == [89.0] and list(annee["10.6"]["periode"]) == ["2023"]


def test_affiche_pdf_une_page_et_ses_chiffres(resultats) -> None:  # noqa: ANN001
    texte = _texte_pdf(affiche.construire_pdf(resultats, SITE, publication_exemple(), "2023-T4"))
    appels = resultats.indicateurs[(resultats.indicateurs["code"] == "E10-APPELS-ABOUTIS")
                                   & (resultats.indicateurs["periode"] == "2023-T4")].iloc[0]
    assert fmt.pourcentage(appels["valeur"]).replace("\u00a0", " ") in texte.replace("\u00a0", " ")
    for attendu in ("Engagement 10.6", "Engagement 14.6", "Engagement 32.1", "Engagement 3.2",
                    "Accueil téléphonique", "4e trimestre 2023", "publiés le 12/02/2024"):
        assert attendu in texte
    assert "−0,4" in texte and "77,6" in texte


def test_police_unicode_oe_et_apostrophe(resultats) -> None:  # noqa: ANN001
    enquetes = resultats.enquetes.copy()
    enquetes.loc[0, "theme"] = "Qualité de l’accueil et mise en œuvre des démarches — 5 €"
    contenu = affiche.construire_pdf(resultats_exemple(enquetes=enquetes), SITE, publication_exemple(), "2023-T4")
    assert "Qualité de l’accueil et mise en œuvre des démarches — 5 €" in _texte_pdf(contenu)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (paquet Debian poppler-utils) absent")
def test_le_pdf_se_dessine(resultats, tmp_path: Path) -> None:  # noqa: ANN001
    fichier = tmp_path / "affiche.pdf"
    fichier.write_bytes(affiche.construire_pdf(resultats, SITE, publication_exemple(), "2023-T4"))
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(fichier), str(tmp_path / "rendu")], check=True,
                   capture_output=True, timeout=60)
    images = sorted(tmp_path.glob("rendu*.png"))
    assert len(images) == 1
    with Image.open(images[0]) as image:
        gris = image.convert("L")
        assert gris.size[0] < gris.size[1]  # portrait A4
        non_blancs = sum(gris.histogram()[:200])
    assert non_blancs > 0.05 * gris.size[0] * gris.size[1]


def test_fragment_html_echappe_et_semantique(resultats) -> None:  # noqa: ANN001
    enquetes = resultats.enquetes.copy()
    enquetes.loc[0, "theme"] = '<script>alert("x")</script> Accueil & hall'
    fragment = affiche.construire_html(resultats_exemple(enquetes=enquetes), SITE, publication_exemple(),
                                       "2023-T4").decode("utf-8")
    assert "<script" not in fragment.lower()
    assert html.escape('<script>alert("x")</script> Accueil & hall') in fragment
    assert fragment.startswith('<section class="qualepref-affichage" lang="fr">')

    class Lecteur(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.balises: list[str] = []
            self.textes: list[str] = []

        def handle_starttag(self, tag, attrs):  # noqa: ANN001, ANN202
            self.balises.append(tag)

        def handle_data(self, data):  # noqa: ANN001, ANN202
            self.textes.append(data)

    lecteur = Lecteur()
    lecteur.feed(fragment)
    assert {"table", "caption", "thead", "tbody", "th", "td"} <= set(lecteur.balises)
    assert "script" not in lecteur.balises and "style" not in lecteur.balises
    textes = " ".join(lecteur.textes)
    assert "91,3\u00a0%" in textes and "−0,4\u00a0point" in textes


def test_resultats_publies_seulement(resultats) -> None:  # noqa: ANN001
    with pytest.raises(PublicationManquante):
        affiche.construire_pdf(resultats, SITE, None)
    with pytest.raises(PublicationManquante):
        affiche.construire_html(resultats, SITE, {"publie_le": None})


def test_instantane_trimestriel_sans_ligne_annuelle(resultats) -> None:  # noqa: ANN001
    """A quarter's publication keeps the quarter's rows only: the poster finds its period by itself."""
    trimestre = resultats.indicateurs[resultats.indicateurs["periode"] == "2023-T2"].reset_index(drop=True)
    publie = resultats_exemple(indicateurs=trimestre)
    texte = _texte_pdf(affiche.construire_pdf(publie, SITE, publication_exemple()))
    assert "2e trimestre 2023" in texte and "88,5" in texte
    vide = resultats_exemple(indicateurs=pd.DataFrame(), enquetes=pd.DataFrame())
    assert "Non disponible pour cette période." in _texte_pdf(affiche.construire_pdf(vide, SITE,
                                                                                     publication_exemple()))


# --- perimeter, wording, the standalone page, the chart (issue 16) ------------------------------------------------

def test_seulement_les_affichages_du_perimetre(resultats) -> None:  # noqa: ANN001
    import dataclasses

    sans_module_3 = dataclasses.replace(SITE, modules=(1, 2))
    r = dataclasses.replace(resultats, modules=resultats.modules[resultats.modules["module"] != 3])
    texte = _texte_pdf(affiche.construire_pdf(r, sans_module_3, publication_exemple("2023-T4")))
    assert "32.1" not in texte and "titres de séjour" not in texte
    assert "10.6" in texte and "14.6" in texte
    page = affiche.construire_page(r, sans_module_3, publication_exemple("2023-T4")).decode("utf-8")
    assert "titres de séjour" not in page


def test_annuelle_ou_trimestrielle(resultats) -> None:  # noqa: ANN001
    annuelle = _texte_pdf(affiche.construire_pdf(resultats, SITE, publication_exemple("2023")))
    assert "actualisé chaque trimestre" not in annuelle and "quatre fois par an" not in annuelle
    assert "valeurs de l'année 2023" in annuelle and "Ces chiffres sont ceux de l'année 2023." in annuelle
    trimestrielle = _texte_pdf(affiche.construire_pdf(resultats, SITE, publication_exemple("2023-T4")))
    assert "actualisé chaque trimestre" in trimestrielle and "quatre fois par an" in trimestrielle


def test_graphique_des_taux_et_son_alternative(resultats) -> None:  # noqa: ANN001
    c = affiche.contenu(resultats, SITE, publication_exemple("2023-T4"))
    assert ("Appels aboutis", 91.3, 90.0) in c.taux  # the quarter's rate, its target; the referential's short label
    assert "Appels aboutis : 91,3\u00a0% pour une cible de 90\u00a0%" in c.alternative
    texte = _texte_pdf(affiche.construire_pdf(resultats, SITE, publication_exemple("2023-T4")))
    assert "Nos taux comparés à leur cible" in texte and "pour une cible de 90" in texte
    fragment = affiche.construire_html(resultats, SITE, publication_exemple("2023-T4")).decode("utf-8")
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in fragment and 'role="img"' in fragment
    assert f"<desc id=\"qp-desc\">{html.escape(c.alternative)}</desc>" in fragment
    assert f"<figcaption>{html.escape(c.alternative)}</figcaption>" in fragment
    assert "<style" not in fragment and "<script" not in fragment.lower()


def test_page_html_autonome(resultats) -> None:  # noqa: ANN001
    page = affiche.construire_page(resultats, SITE, publication_exemple("2023-T4")).decode("utf-8")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr">\n<head>\n<meta charset="utf-8">')
    assert "<title>Nos engagements, nos résultats — Préfecture de la Marne — 4e trimestre 2023</title>" in page
    style = page[page.index("<style>"):page.index("</style>")]
    assert "@media print" in style and "#000091" in style and "#E1000F" in style
    assert "<script" not in page.lower()
    assert affiche.construire_html(resultats, SITE, publication_exemple("2023-T4")).decode("utf-8").strip() in page

    class Lecteur(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.balises: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ARG002
            self.balises.append(tag)

    lecteur = Lecteur()
    lecteur.feed(page)
    assert lecteur.balises.count("h1") == 1 and "h2" in lecteur.balises and "caption" in lecteur.balises
    assert lecteur.balises.count("main") == 1 and "footer" in lecteur.balises


def test_exemples_de_realisations(resultats) -> None:  # noqa: ANN001
    """The plan's realised actions (results' meta), four at most, on the poster and the web fragment, escaped."""
    import dataclasses

    exemples = [{"axe": f"Axe {n} : Communication", "thematique": "", "action": f"Action <{n}>"} for n in range(1, 7)]
    r = dataclasses.replace(resultats, meta={**resultats.meta, "actions_realisees": exemples})
    c = affiche.contenu(r, SITE, publication_exemple("2023"))
    assert c.exemples == ("Axe 1 : Action <1>", "Axe 2 : Action <2>", "Axe 3 : Action <3>", "Axe 4 : Action <4>")
    # each axe in turn: three of axe 1 and two of axe 2 show 1, 2, 1, 2
    deux_axes = [{"axe": f"Axe {a} : X", "action": f"A{a}.{n}"} for a, n in ((1, 1), (1, 2), (1, 3), (2, 1), (2, 2))]
    c = affiche.contenu(dataclasses.replace(resultats, meta={**resultats.meta, "actions_realisees": deux_axes}), SITE,
                        publication_exemple("2023"))
    assert c.exemples == ("Axe 1 : A1.1", "Axe 2 : A2.1", "Axe 1 : A1.2", "Axe 2 : A2.2")
    fragment = affiche.construire_html(r, SITE, publication_exemple("2023")).decode("utf-8")
    assert "<li>Axe 1 : Action &lt;1&gt;</li>" in fragment and "Action &lt;5&gt;" not in fragment
    texte = _texte_pdf(affiche.construire_pdf(r, SITE, publication_exemple("2023")))
    assert "• Axe 4 : Action <4>" in texte
