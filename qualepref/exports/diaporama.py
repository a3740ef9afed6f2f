"""The building blocks of the comité deck (.pptx): slides, text boxes, tables paginated by measured height, charts.

Every size is measured, not guessed: text heights and the widest word of a column come from the font's metrics
(``qualepref.exports.mesure``), so a table is cut into slides before it reaches the footer and a column is wide
enough for its longest word (no « conne/xions »). Every text run is tagged ``fr-FR`` (``marquer_francais``), the
slide size is 16:9 (13,33 × 7,5 pouces) and tagged so. Charts: rates on an axis from 0 to 100 %, counts from 0,
legends smaller than titles, bars spaced so that the data labels of two series do not overlap.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from qualepref import format as fmt
from qualepref.exports import commun, mesure

if TYPE_CHECKING:
    from pptx.slide import Slide

BLEU_FRANCE = RGBColor(0x00, 0x00, 0x91)
BLEU_CLAIR = RGBColor(0x9A, 0x9A, 0xD6)
ROUGE_MARIANNE = RGBColor(0xE1, 0x00, 0x0F)
GRIS = RGBColor(0x55, 0x55, 0x55)
BLANC = RGBColor(0xFF, 0xFF, 0xFF)
LARGEUR, HAUTEUR = Emu(12192000), Emu(6858000)  # 16:9, 13,333 × 7,5 in
MARGE = Inches(0.5)
HAUT_CONTENU = Inches(1.4)
BAS_CONTENU = HAUTEUR - Inches(0.6)  # the footer starts below (it sits at 7,05 in)
FORMAT_TAUX_GRAPHIQUE = fmt.MOTIF_TAUX_BUREAUTIQUE  # « 96 % », « 77,6 % »: the labels say what the table says
FORMAT_COMPTE_GRAPHIQUE = fmt.MOTIF_COMPTE_BUREAUTIQUE
LANGUE = "fr-FR"
MARGE_CELLULE_X = 7.2  # pt: PowerPoint's default cell margins (0,1 in left and right, 0,05 in top and bottom)
MARGE_CELLULE_Y = 3.6
SECURITE = 1.08  # LibreOffice lays rows out a little taller than the metrics say


def pt(emu: int) -> float:
    """EMU → points."""
    return emu / 12700


class Deck:
    """The presentation being built, with the footer every slide carries."""

    def __init__(self, pied: str) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = LARGEUR, HAUTEUR
        self.prs.part._element.find(qn("p:sldSz")).set("type", "screen16x9")
        self.pied = pied

    def diapo(self, titre: str, notes: str | None = None) -> Slide:
        """A "title only" slide: the title in Bleu France (one line at 28 pt, else two at 22 pt), the footer."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        forme = slide.shapes.title
        forme.left, forme.top, forme.width, forme.height = MARGE, Inches(0.25), LARGEUR - 2 * MARGE, Inches(1.05)
        forme.text = titre
        taille = 28 if mesure.largeur(titre, 28, True) < pt(forme.width) - 20 else 22
        cadre = forme.text_frame
        cadre.word_wrap = True
        cadre.vertical_anchor = MSO_ANCHOR.MIDDLE
        for paragraphe in cadre.paragraphs:
            paragraphe.alignment = PP_ALIGN.LEFT
            for morceau in paragraphe.runs:
                morceau.font.size, morceau.font.bold, morceau.font.color.rgb = Pt(taille), True, BLEU_FRANCE
        texte(slide, [self.pied], MARGE, HAUTEUR - Inches(0.45), LARGEUR - 2 * MARGE, Inches(0.35), taille=10,
              couleur=GRIS)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    def octets(self) -> bytes:
        marquer_francais(self.prs)
        tampon = io.BytesIO()
        self.prs.save(tampon)
        return tampon.getvalue()


def marquer_francais(prs: Presentation) -> None:
    """Tag every run (and every paragraph's end) of every slide, note and chart ``fr-FR``: PowerPoint then
    spell-checks the deck in French."""
    elements = []
    for slide in prs.slides:
        elements.append(slide.part._element)
        if slide.has_notes_slide:
            elements.append(slide.notes_slide.part._element)
        for forme in slide.shapes:
            if forme.has_chart:
                elements.append(forme.chart.part._element)
    for racine in elements:
        for balise in ("a:r", "a:fld"):
            for morceau in racine.iter(qn(balise)):
                proprietes = morceau.find(qn("a:rPr"))
                if proprietes is None:
                    proprietes = morceau.makeelement(qn("a:rPr"), {})
                    morceau.insert(0, proprietes)
                proprietes.set("lang", LANGUE)
        for balise in ("a:endParaRPr", "a:defRPr"):
            for proprietes in racine.iter(qn(balise)):
                proprietes.set("lang", LANGUE)
        if racine.tag == qn("c:chartSpace") and racine.find(qn("c:lang")) is None:
            langue = racine.makeelement(qn("c:lang"), {"val": LANGUE})
            racine.insert(0, langue)


def texte(slide: Slide, lignes: Sequence[str | tuple[str, str]], gauche: Emu, haut: Emu, largeur: Emu, hauteur: Emu,
          taille: int = 18, couleur: RGBColor | None = None, gras: bool = False, puces: bool = False) -> None:
    """A text box; a ``(titre, suite)`` line prints its title in bold; ``puces`` starts each line with « • »."""
    cadre = slide.shapes.add_textbox(gauche, haut, largeur, hauteur).text_frame
    cadre.word_wrap = True
    for rang, ligne in enumerate(lignes):
        paragraphe = cadre.paragraphs[0] if rang == 0 else cadre.add_paragraph()
        paragraphe.space_after = Pt(6)
        morceaux = [(ligne[0], True), (" : " + ligne[1], gras)] if isinstance(ligne, tuple) else [(ligne, gras)]
        if puces:
            morceaux.insert(0, ("• ", gras))
        for contenu, en_gras in morceaux:
            morceau = paragraphe.add_run()
            morceau.text = contenu
            morceau.font.size, morceau.font.bold = Pt(taille), en_gras
            if couleur is not None:
                morceau.font.color.rgb = couleur


def hauteur_texte(lignes: Sequence[str | tuple[str, str]], largeur: Emu, taille: int, puces: bool = False) -> float:
    """The height in points that ``texte`` needs for ``lignes`` (6 pt after each paragraph, box insets)."""
    utile = pt(largeur) - 14.4
    total = 7.2
    for ligne in lignes:
        contenu = f"{ligne[0]} : {ligne[1]}" if isinstance(ligne, tuple) else str(ligne)
        total += mesure.hauteur(("• " if puces else "") + contenu, utile, taille) + 6
    return total * SECURITE


def taille_qui_tient(lignes: Sequence[str | tuple[str, str]], largeur: Emu, hauteur: Emu, tailles: Sequence[int],
                     puces: bool = False) -> int:
    """The largest of ``tailles`` at which ``lignes`` fit the box (else the smallest)."""
    for taille in tailles:
        if hauteur_texte(lignes, largeur, taille, puces) <= pt(hauteur):
            return taille
    return tailles[-1]


@dataclass(frozen=True)
class Mise:
    """How a table is laid out: the column widths (EMU), the font size, each row's height (points)."""

    largeurs: tuple[int, ...]
    taille: int
    hauteurs: tuple[float, ...]  # header first


def _hauteur_ligne(valeurs: Sequence[str], largeurs: Sequence[int], taille: int, gras: bool) -> float:
    return max(mesure.hauteur(str(v), pt(lg) - 2 * MARGE_CELLULE_X, taille, gras)
               for v, lg in zip(valeurs, largeurs, strict=True)) + 2 * MARGE_CELLULE_Y


def mise_en_page(entetes: Sequence[str], lignes: Sequence[Sequence[str]], largeur: Emu, parts: Sequence[float],
                 tailles: Sequence[int] = (14, 13, 12, 11, 10)) -> Mise:
    """Column widths such that every column holds its widest word, at the largest size of ``tailles`` that allows
    it; the first column takes what the others leave."""
    toutes = [list(entetes), *map(list, lignes)]
    total = sum(parts)
    for taille in tailles:
        voulues = [int(largeur * p / total) for p in parts]
        minimales = [int(Pt(max(mesure.plus_long_mot(ligne[c], taille, rang == 0) for rang, ligne in
                                enumerate(toutes)) + 2 * MARGE_CELLULE_X + 2)) for c in range(len(parts))]
        largeurs = [max(v, m) for v, m in zip(voulues, minimales, strict=True)]
        largeurs[0] = largeur - sum(largeurs[1:])
        if largeurs[0] >= minimales[0] or taille == tailles[-1]:
            hauteurs = tuple(_hauteur_ligne(ligne, largeurs, taille, rang == 0) for rang, ligne in enumerate(toutes))
            return Mise(tuple(largeurs), taille, hauteurs)
    raise AssertionError("inatteignable")


def paginer(mise: Mise, hauteur_disponible: float) -> list[range]:
    """The row ranges (data rows, from 0) that fit under the header in ``hauteur_disponible`` points, in order."""
    entete = mise.hauteurs[0] * SECURITE
    paquets, debut, courante = [], 0, entete
    for rang, hauteur in enumerate(mise.hauteurs[1:]):
        hauteur *= SECURITE
        if courante + hauteur > hauteur_disponible and rang > debut:
            paquets.append(range(debut, rang))
            debut, courante = rang, entete
        courante += hauteur
    paquets.append(range(debut, len(mise.hauteurs) - 1))
    return paquets


def tableau(slide: Slide, entetes: Sequence[str], lignes: Sequence[Sequence[str]], gauche: Emu, haut: Emu,
            mise: Mise, rangs: range | None = None, lignes_en_gras: Sequence[int] = ()) -> float:
    """A native table laid out by ``mise`` (rows ``rangs`` of ``lignes``): header in Bleu France, text cells
    (figures already in French). Returns its height in points."""
    rangs = rangs if rangs is not None else range(len(lignes))
    hauteurs = [mise.hauteurs[0], *(mise.hauteurs[r + 1] for r in rangs)]
    forme = slide.shapes.add_table(len(rangs) + 1, len(entetes), gauche, haut, sum(mise.largeurs),
                                   Pt(sum(hauteurs)))
    table = forme.table
    for rang, largeur in enumerate(mise.largeurs):
        table.columns[rang].width = Emu(largeur)
    for rang, hauteur in enumerate(hauteurs):
        table.rows[rang].height = Pt(hauteur)
    centrees = {c for c in range(1, len(entetes)) if all(len(str(lignes[r][c])) <= 18 for r in rangs)}
    for rang_ligne, (source, valeurs) in enumerate([(-1, list(entetes)), *((r, list(lignes[r])) for r in rangs)]):
        for rang_colonne, valeur in enumerate(valeurs):
            cellule = table.cell(rang_ligne, rang_colonne)
            cellule.text = str(valeur)
            for paragraphe in cellule.text_frame.paragraphs:
                if rang_colonne in centrees:  # short figures centred, sentences from the left
                    paragraphe.alignment = PP_ALIGN.CENTER
                for morceau in paragraphe.runs:
                    morceau.font.size = Pt(mise.taille)
                    morceau.font.bold = rang_ligne == 0 or source in lignes_en_gras
                    if rang_ligne == 0:
                        morceau.font.color.rgb = BLANC
            if rang_ligne == 0:
                cellule.fill.solid()
                cellule.fill.fore_color.rgb = BLEU_FRANCE
    return sum(hauteurs)


def pas_de_graduation(maximum: float, graduations: int = 4) -> float | None:
    """A round step (1, 2 or 5 × 10ⁿ, at least 1) giving at most ``graduations`` ticks past 0 up to ``maximum``; None
    for nothing to show."""
    if not maximum or maximum <= 0:
        return None
    puissance = 10 ** max(0, math.floor(math.log10(maximum / graduations)))
    for facteur in (1, 2, 5, 10):
        if maximum / (facteur * puissance) <= graduations:
            return float(facteur * puissance)
    return float(10 * puissance)


def graphique(slide: Slide, categories: Sequence[str], series: dict[str, Sequence[float | None]], gauche: Emu,
              haut: Emu, largeur: Emu, hauteur: Emu, titre: str, taux: bool, decimales: int = 1) -> None:
    """A native clustered bar chart (its figures live in an embedded workbook: editable in PowerPoint).

    ``taux``: the axis runs from 0 to 100 % (a rate's whole range, so 93,3 against 93,1 looks as close as it is);
    otherwise the figures are counts and the axis starts at 0. ``decimales``: those of the slide's table for the
    same figures (a rate rounded as the table writes it, so a label reads « 96 % » where the table does)."""
    format_nombre = FORMAT_TAUX_GRAPHIQUE if taux else FORMAT_COMPTE_GRAPHIQUE
    donnees = CategoryChartData(number_format=format_nombre)
    donnees.categories = list(categories)
    for nom, valeurs in series.items():
        donnees.add_series(nom, [fmt.arrondi(commun.nombre_ou_none(v), decimales if taux else 0) for v in valeurs])
    forme = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, gauche, haut, largeur, hauteur, donnees)
    chart = forme.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = titre
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.bold = True
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(10)
    chart.category_axis.reverse_order = True  # the first category at the top, as in the table
    chart.category_axis.tick_labels.font.size = Pt(11)
    axe = chart.value_axis
    axe.has_major_gridlines = False
    axe.minimum_scale = 0
    if taux:
        axe.maximum_scale = 100
        axe.major_unit = 20 if largeur >= Inches(5.5) else 25  # a narrow chart: fewer ticks, labels stay level
    else:
        pas = pas_de_graduation(max((v for vs in series.values() for v in vs if commun.nombre_ou_none(v) is not None),
                                    default=0))
        if pas:  # counts: a few round ticks (« 0, 2 000, 4 000 … »), not eight that run into each other
            axe.major_unit = pas
    axe.tick_labels.number_format = '[$-40C]0" %"' if taux else format_nombre
    axe.tick_labels.number_format_is_linked = False
    axe.tick_labels.font.size = Pt(10)
    plot = chart.plots[0]
    plot.gap_width = 60
    plot.overlap = -10 if len(series) > 1 else 0  # a little room between the bars of N-1 and N: labels apart
    plot.has_data_labels = True
    etiquettes = plot.data_labels
    etiquettes.number_format = format_nombre
    etiquettes.number_format_is_linked = False
    etiquettes.font.size = Pt(9 if len(series) > 1 else 10)
    etiquettes.position = XL_LABEL_POSITION.OUTSIDE_END
    couleurs = [BLEU_CLAIR, BLEU_FRANCE] if len(series) > 1 else [BLEU_FRANCE]
    for serie, couleur in zip(plot.series, couleurs, strict=False):
        serie.format.fill.solid()
        serie.format.fill.fore_color.rgb = couleur
