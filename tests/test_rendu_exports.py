"""The exports opened as their readers open them: LibreOffice renders them to PDF, and no text line leaves its page
and no two texts are printed over each other (``tests/rendu_bureautique.py``). The checker is first shown to catch
both faults on a deck made wrong on purpose."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from pptx.util import Inches, Pt

from qualepref.exports import affiche, presentation
from tests.rendu_bureautique import convertir, defauts_de_mise_en_page, exiger_libreoffice, lignes, resave_francais
from tests.resultats_exemple import SITE, classe_resultats, publication_exemple, resultats_exemple
from tests.test_exports_presentation import TEXTES

pytestmark = pytest.mark.usefixtures("libreoffice")


@pytest.fixture(scope="module")
def libreoffice() -> None:
    exiger_libreoffice()


@pytest.fixture(scope="module")
def resultats():
    return resultats_exemple()


def _rendu(tmp_path: Path, nom: str, contenu: bytes) -> Path:
    fichier = tmp_path / nom
    fichier.write_bytes(contenu)
    return convertir(fichier, tmp_path)


def test_le_controle_voit_un_texte_sur_un_autre_et_hors_de_la_page(tmp_path: Path) -> None:
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    for texte, gauche, haut in (("Préfecture de la Marne", 1, 1), ("continue et encore", 1.05, 1.02),
                                ("Ce texte sort de la diapositive", 8.5, 6.9)):
        boite = slide.shapes.add_textbox(Inches(gauche), Inches(haut), Inches(4), Inches(0.6))
        boite.text_frame.text = texte
        boite.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
    tampon = io.BytesIO()
    prs.save(tampon)
    defauts = defauts_de_mise_en_page(_rendu(tmp_path, "faux.pptx", tampon.getvalue()))
    assert any("sort de la page" in d and "diapositive" in d for d in defauts), defauts
    assert any("Préfecture" in d and "continue" in d for d in defauts), defauts


def test_deck_annuel_lisible(tmp_path: Path, resultats) -> None:
    contenu = presentation.construire(resultats, SITE, {**publication_exemple(), "textes": TEXTES})
    pdf = _rendu(tmp_path, "deck.pptx", contenu)
    assert defauts_de_mise_en_page(pdf) == []
    textes, pages = lignes(pdf)
    assert len(pages) == len(Presentation(io.BytesIO(contenu)).slides)
    premiere = " ".join(ligne.texte for ligne in textes if ligne.page == 1)
    assert "Comité local des usagers et de l'amélioration continue" in premiere
    assert "Préfecture de la Marne" in premiere


def test_deck_trimestriel_et_longs_libelles_lisibles(tmp_path: Path, resultats) -> None:
    module = classe_resultats()
    contenu = module.vers_json(resultats)
    contenu["indicateurs"] = [i for i in contenu["indicateurs"] if i["periode"] in ("2023-T4", "2023-12")]
    for i in contenu["indicateurs"]:
        i["libelle"] = i["libelle"] + " (indicateur du référentiel, libellé long tel qu'il est imprimé)"
    publie = module.depuis_json(contenu)
    pdf = _rendu(tmp_path, "trimestre.pptx", presentation.construire(publie, SITE, publication_exemple("2023-T4")))
    assert defauts_de_mise_en_page(pdf) == []
    assert "91,3" in " ".join(ligne.texte for ligne in lignes(pdf)[0])


def test_deck_de_trente_indicateurs_pagine(tmp_path: Path, resultats) -> None:
    longues = pd.DataFrame([{"code": f"X{k}", "libelle": "Taux de réponses aux courriels de demande d'informations "
                             f"dans le délai de cinq jours ouvrés, service {k}", "module": 1, "engagement": "17",
                             "unite": "%", "periode": "2023", "valeur": 70.0 + k / 3, "valeur_precedente": 80.0,
                             "progression_points": -10.0 + k / 3, "cible": 85.0, "statut": "non_atteint"}
                            for k in range(30)])
    r = dataclasses.replace(resultats, indicateurs=longues)
    pdf = _rendu(tmp_path, "trente.pptx", presentation.construire(r, SITE, publication_exemple()))
    assert defauts_de_mise_en_page(pdf) == []
    imprimees = " ".join(ligne.texte for ligne in lignes(pdf)[0])
    assert all(f"service {k}" in imprimees for k in range(30))


def test_affiche_lisible(resultats, tmp_path: Path) -> None:
    pdf = tmp_path / "affiche.pdf"
    pdf.write_bytes(affiche.construire_pdf(resultats, SITE, publication_exemple("2023-T4")))
    assert defauts_de_mise_en_page(pdf) == []


def test_bilan_lisible(tmp_path: Path, resultats) -> None:  # noqa: ANN001
    from qualepref.exports import bilan

    pdf = _rendu(tmp_path, "bilan.xlsx", bilan.construire(resultats, SITE))
    assert defauts_de_mise_en_page(pdf) == []
    imprime = " ".join(ligne.texte for ligne in lignes(pdf)[0])
    for attendu in ("77.6 %", "Sans cible", "Qual-e-pref (2018, mise à jour de février 2019)", "-13.5 j"):
        assert attendu in imprime.replace("\u00a0", " "), attendu


def test_bilan_reenregistre_par_un_libreoffice_francais_garde_ses_pourcentages(tmp_path: Path,
                                                                                 resultats) -> None:  # noqa: ANN001
    from openpyxl import load_workbook

    from qualepref.exports import bilan

    fichier = tmp_path / "bilan.xlsx"
    fichier.write_bytes(bilan.construire(resultats, SITE))
    avant = load_workbook(fichier)["Enquêtes"]
    apres = load_workbook(resave_francais(fichier, tmp_path))["Enquêtes"]

    def taux(ws) -> dict[str, tuple[float, str]]:  # noqa: ANN001
        return {ligne[0].value: (ligne[2].value, ligne[2].number_format) for ligne in ws.iter_rows(min_row=6)
                if isinstance(ligne[0].value, str) and isinstance(ligne[2].value, (int, float))}

    relus = taux(apres)
    assert relus["Accueil téléphonique"][0] == pytest.approx(77.6)
    assert {t: v for t, (v, _) in relus.items()} == pytest.approx({t: v for t, (v, _) in taux(avant).items()})
    for _, motif in relus.values():  # still a literal « % » after the French suite rewrote the format
        assert motif.replace("\\", "").replace('"', "").endswith(" %") and "," not in motif, motif
    pdf = convertir(resave_francais(fichier, tmp_path / "deux"), tmp_path / "deux")
    assert "77,6 %" in " ".join(ligne.texte for ligne in lignes(pdf)[0]).replace("\u00a0", " ")


def test_bilan_une_table_continuee_repete_son_entete(tmp_path: Path, resultats) -> None:  # noqa: ANN001
    """60 actions en retard run over a printed page: the table starts on a page of its own and each page it
    continues on begins with its header row (not the sheet's title)."""
    from openpyxl import load_workbook

    from qualepref.exports import bilan

    longues = dataclasses.replace(resultats, plan_en_retard=pd.concat([resultats.plan_en_retard] * 20,
                                                                      ignore_index=True))
    contenu = bilan.construire(longues, SITE)
    ws = load_workbook(io.BytesIO(contenu))["Plan d'actions"]
    entete = next(c.row for c in ws["A"] if c.value == "Actions en retard (échéance passée, non réalisées)") + 1
    assert ws.print_title_rows == f"${entete}:${entete}"
    pdf = _rendu(tmp_path, "long.xlsx", contenu)
    assert defauts_de_mise_en_page(pdf) == []
    textes, _ = lignes(pdf)

    def haut_de_page(page: int) -> str:  # the first printed line of the page
        return max((ligne for ligne in textes if ligne.page == page), key=lambda ligne: ligne.y1).texte

    pages_du_plan = sorted({ligne.page for ligne in textes if "Plan d'actions" in ligne.texte and ligne.y1 < 60})
    assert len(pages_du_plan) >= 3, pages_du_plan
    assert haut_de_page(pages_du_plan[0]) == "Plan d'actions"
    assert haut_de_page(pages_du_plan[1]) == "Actions en retard (échéance passée, non réalisées)"
    for page in pages_du_plan[2:]:
        assert haut_de_page(page) == "Axe", page  # the header row, first of its cells
    imprime = " ".join(ligne.texte for ligne in textes if ligne.page == pages_du_plan[-1])
    assert all(titre in imprime for titre in ("Thématique", "Action", "Structure", "Pilote", "Échéance"))
