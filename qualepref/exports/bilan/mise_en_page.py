"""The bilan's layout: a sheet written top to bottom (``Feuille``: titles, notes, label → value pairs, tables,
native charts), then measured and set up for print.

Rows are as high as their wrapped text and columns as wide as their longest header word, measured with the
font's metrics (``qualepref.exports.mesure``) so that nothing prints over the next row or is clipped, in Excel
and in LibreOffice alike; a table a printed page break falls in repeats its header on the next page. Apart from
the sheets (``synthese``, ``feuilles``, ``plan``) because every sheet shares it, and from ``cellules`` because it
decides where a value goes and how large, not what it holds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from qualepref.exports import commun, mesure
from qualepref.exports.bilan.cellules import (
    COULEURS_STATUT,
    ENTETE,
    ENTETE_FIGEE_MAX,
    FORMAT_POINTS,
    FORMAT_TAUX,
    FORMAT_TAUX_ENTIER,
    FORMATS,
    POLICE,
    POLICE_ENTETE,
    POLICE_SECTION,
    POLICE_TITRE,
    Colonne,
    _arrondi,
    _engagement,
    _evolution_et_format,
    _taux,
    _texte_affiche,
    _valeur_et_format,
)
from qualepref.exports.securite import ecrire

LARGEUR_MOT_MAX = 40  # characters: a longer "word" (an address) may be cut rather than widen the sheet
TAILLE = 11  # Calibri 11, the workbook's default font
HAUTEUR_LIGNE = 15.0  # points: a row of one line of Calibri 11, as Excel lays it out
MARGE_HAUTEUR = 2.0  # points under a wrapped text, over its measured lines (Carlito's line height: Excel's pitch)
# The text box of a wrapped cell: Excel's column is (7 px a character + 5 px) less about 6 pt of margins;
# LibreOffice's is the width in characters × the width of Carlito's « 0 » (wider: a 52-character column holds a
# 277 pt text on one line there, on two in Excel). A text whose line count differs between the two is widened out
# of doubt (at most ELARGIR_MAX characters), so its row is as high as its text in both suites (a row with an empty
# line under its text looked broken).
MARGE_EXCEL, MARGE_LIBREOFFICE, ELARGIR_MAX = 6.0, 2.0, 4.0
# A4 landscape, openpyxl's default margins (0,75 in left and right, 1 in top and bottom), in points: the printed
# page a sheet is fitted to the width of, to know which table runs over a page break.
PAGE_LARGEUR, PAGE_HAUTEUR = 841.9 - 108, 595.3 - 144


def largeur_points(largeur: float) -> float:
    """A column width in characters (Excel's unit) → points: (7 px per character + 5 px of padding) × 0,75."""
    return (largeur * 7 + 5) * 0.75


def largeur_pour(points: float) -> float:
    """The column width in characters that holds ``points`` of text (the inverse of ``largeur_points``)."""
    return (points / 0.75 - 5) / 7


class Feuille:
    """A sheet being written top to bottom: titles, notes and tables, with widths and print set-up."""

    def __init__(self, ws: Worksheet, titre: str, sous_titre: str) -> None:
        self.ws = ws
        self.ligne = 1
        self.entete_figee: int | None = None
        self.largeurs: dict[int, float] = {}
        self.notes: list[int] = []
        self.tables: list[tuple[int, int, int]] = []  # (first row of its section or header, header, last row)
        self.largeur_graphiques = 0.0  # points: how far right a chart reaches (the page is fitted to it too)
        self.sections: list[int] = []
        self.texte(titre, POLICE_TITRE)
        self.texte(sous_titre, Font(name=POLICE, italic=True))
        self.ligne += 1

    def texte(self, texte: str, police: Font | None = None) -> None:
        cellule = ecrire(self.ws, self.ligne, 1, texte)
        if police is not None:
            cellule.font = police
        self.ligne += 1

    def section(self, titre: str) -> None:
        if self.ligne > 4:
            self.ligne += 1
        self.sections.append(self.ligne)
        self.texte(titre, POLICE_SECTION)

    def note(self, texte: str) -> None:
        """A sentence over the sheet's width (merged and wrapped when the sheet is finished)."""
        cellule = ecrire(self.ws, self.ligne, 1, texte)
        cellule.font = Font(name=POLICE, italic=True, color="555555")
        self.notes.append(self.ligne)
        self.ligne += 1

    def paires(self, paires: Sequence[tuple[str, object, str]]) -> None:
        """Label → value rows (``genre`` as for a table column)."""
        for libelle, valeur, genre in paires:
            cellule = ecrire(self.ws, self.ligne, 1, libelle)
            cellule.font, cellule.alignment = Font(name=POLICE, bold=True), Alignment(vertical="top")
            self._valeur(self.ligne, 2, valeur, genre)
            if genre == "texte":
                self.ws.cell(self.ligne, 2).alignment = Alignment(wrap_text=True, vertical="top")
            self.ligne += 1
        self.largeurs[1] = max(self.largeurs.get(1, 0), 34)
        self.largeurs[2] = max(self.largeurs.get(2, 0), 18)

    def _valeur(self, ligne: int, colonne: int, valeur: object, genre: str) -> None:
        if genre == "taux" or genre == "taux_entier":
            ecrire(self.ws, ligne, colonne, _taux(valeur), FORMATS[genre])
        elif genre == "indicateur":  # (valeur, unite)
            nombre, motif = _valeur_et_format(*valeur)
            ecrire(self.ws, ligne, colonne, nombre, motif)
        elif genre == "evolution":  # (valeur, unite)
            nombre, motif = _evolution_et_format(*valeur)
            ecrire(self.ws, ligne, colonne, nombre, motif)
        elif genre == "points":
            ecrire(self.ws, ligne, colonne, _arrondi(commun.nombre_ou_none(valeur)), FORMAT_POINTS)
        elif genre == "engagement":
            ecrire(self.ws, ligne, colonne, _engagement(valeur))
        elif genre == "statut":
            cellule = ecrire(self.ws, ligne, colonne, commun.statut(valeur))
            couleur = COULEURS_STATUT.get(str(valeur))
            if couleur:
                cellule.fill = PatternFill("solid", fgColor=couleur)
        else:
            ecrire(self.ws, ligne, colonne, valeur, FORMATS.get(genre))

    def table(self, colonnes: Sequence[Colonne], lignes: Sequence[Sequence[object]], vide: str,
              figer: bool = False) -> tuple[int, int]:
        """Write a table (header row then one row per item); returns (header row, last row)."""
        entete = self.ligne
        for rang, col in enumerate(colonnes, 1):
            cellule = ecrire(self.ws, entete, rang, col.entete)
            cellule.fill, cellule.font = ENTETE, POLICE_ENTETE
            cellule.alignment = Alignment(wrap_text=True, vertical="center")
            mot = largeur_pour(mesure.plus_long_mot(col.entete, TAILLE, gras=True) + 6)
            self.largeurs[rang] = max(self.largeurs.get(rang, 0), col.largeur, mot)
        if figer and self.entete_figee is None:
            self.entete_figee = entete
        # the table's section title (and the notes under it) move with it to a new page
        debut = next((s for s in reversed(self.sections) if all(
            n in self.notes for n in range(s + 1, entete))), entete)
        self.ligne += 1
        if not lignes:
            self.note(vide)
            return entete, entete
        self.tables.append((debut, entete, entete + len(lignes)))
        for valeurs in lignes:
            for rang, (col, valeur) in enumerate(zip(colonnes, valeurs, strict=True), 1):
                self._valeur(self.ligne, rang, valeur, col.genre)
                # a status or a yes/no after a right-aligned figure: set apart from it (« 90,0 %  Atteint »)
                self.ws.cell(self.ligne, rang).alignment = Alignment(
                    wrap_text=col.genre == "texte", vertical="top",
                    horizontal="center" if col.genre in ("engagement", "oui_non") else
                    "left" if col.genre == "statut" else None, indent=1 if col.genre == "statut" else 0)
                if col.genre == "texte" and isinstance(valeur, str):  # no word cut: the column holds the longest
                    mot = largeur_pour(mesure.plus_long_mot(valeur, TAILLE) + 6)
                    self.largeurs[rang] = max(self.largeurs[rang], min(mot, LARGEUR_MOT_MAX))
                affiche = _texte_affiche(valeur, col.genre)
                if affiche:  # a figure with its unit (« 10,0 jours ouvrés ») never shows « ### »
                    self.largeurs[rang] = max(self.largeurs[rang], largeur_pour(mesure.largeur(affiche, TAILLE) + 10))
            self.ligne += 1
        return entete, self.ligne - 1

    def graphique(self, titre: str, entete: int, derniere: int, categories: int, series: Sequence[int],
                  ancre_colonne: int, axe: str, format_axe: str = FORMAT_TAUX_ENTIER) -> None:
        """A native clustered bar chart of a table's columns (editable in Excel): rates on an axis from 0 to
        100 %, counts from 0."""
        if derniere <= entete:
            return
        graphique = BarChart()
        graphique.type, graphique.grouping = "bar", "clustered"  # horizontal: long labels stay level
        graphique.x_axis.scaling.orientation = "maxMin"  # the first row at the top, as in the table
        graphique.title = titre
        graphique.y_axis.title = axe
        graphique.y_axis.number_format = format_axe
        graphique.y_axis.majorGridlines = None
        graphique.y_axis.scaling.min = 0
        if format_axe in (FORMAT_TAUX, FORMAT_TAUX_ENTIER):
            graphique.y_axis.scaling.max = 100
            graphique.y_axis.majorUnit = 20
        graphique.x_axis.delete = False
        graphique.y_axis.delete = False
        graphique.height, graphique.width = 8, 18
        for colonne in series:
            donnees = Reference(self.ws, min_col=colonne, min_row=entete, max_row=derniere)
            graphique.add_data(donnees, titles_from_data=True)
        graphique.set_categories(Reference(self.ws, min_col=categories, min_row=entete + 1, max_row=derniere))
        self.ws.add_chart(graphique, f"{get_column_letter(ancre_colonne)}{entete}")
        avant = sum(largeur_points(self.largeurs.get(c, 8.43)) for c in range(1, ancre_colonne))
        self.largeur_graphiques = max(self.largeur_graphiques, avant + graphique.width / 2.54 * 72)

    def _sans_doute(self) -> None:
        """Widen a column whose wrapped text would take more lines in Excel's text box than in LibreOffice's (a few
        characters at most), so the row height measured is right in both."""
        for _ in range(3):
            elargies = False
            for ligne in self.ws.iter_rows():
                for cellule in ligne:
                    if (not isinstance(cellule.value, str) or not (cellule.alignment and cellule.alignment.wrap_text)
                            or cellule.row in self.notes or cellule.column not in self.largeurs):
                        continue
                    taille = (cellule.font.sz or TAILLE) if cellule.font else TAILLE
                    gras = bool(cellule.font and cellule.font.b)
                    largeur = self.largeurs[cellule.column]
                    for demi in range(int(ELARGIR_MAX * 2) + 1):
                        caracteres = largeur + demi / 2
                        excel = largeur_points(caracteres) - MARGE_EXCEL
                        libreoffice = caracteres * mesure.largeur("0", TAILLE) - MARGE_LIBREOFFICE
                        if (mesure.lignes(cellule.value, excel, taille, gras)
                                == mesure.lignes(cellule.value, libreoffice, taille, gras)):
                            if demi:
                                self.largeurs[cellule.column] = largeur + demi / 2
                                elargies = True
                            break
            if not elargies:
                return

    def _table_coupee(self) -> tuple[int, int, int] | None:
        """The last table a printed page break falls in (after its header), from the rows' heights and the scale
        that fits the sheet to the page's width; None when every table holds on its page."""
        largeur = max(sum(largeur_points(self.largeurs.get(c, 8.43)) for c in range(1, max([*self.largeurs, 1]) + 1)),
                      self.largeur_graphiques)
        hauteur_page = PAGE_HAUTEUR / min(1.0, math.floor(PAGE_LARGEUR / largeur * 100) / 100)
        page, y, pages = 1, 0.0, {}
        for numero in range(1, self.ligne + 1):
            hauteur = self.ws.row_dimensions[numero].height or HAUTEUR_LIGNE
            if y + hauteur > hauteur_page * 0.95:  # some room for what the estimate misses
                page, y = page + 1, 0.0
            y += hauteur
            pages[numero] = page
        coupees = [t for t in self.tables if pages.get(t[1], 1) != pages.get(t[2], 1)]
        return coupees[-1] if coupees else None

    def _hauteurs(self) -> None:
        """Each row as high as its tallest wrapped cell (its measured lines × the font's line height, plus a
        margin: 15 pt a line left a blank line under two lines of text); notes merged over the table's width and
        wrapped."""
        ws = self.ws
        derniere_colonne = max([*self.largeurs, 1])
        for numero in self.notes:
            if derniere_colonne > 1:
                ws.merge_cells(start_row=numero, start_column=1, end_row=numero, end_column=derniere_colonne)
            ws.cell(numero, 1).alignment = Alignment(wrap_text=True, vertical="top")
        for ligne in ws.iter_rows():
            nombre, hauteur = 1, 0.0
            for cellule in ligne:
                if not isinstance(cellule.value, str) or not (cellule.alignment and cellule.alignment.wrap_text):
                    continue
                if cellule.row in self.notes and cellule.column == 1:
                    largeur = sum(largeur_points(self.largeurs.get(c, 8.43)) for c in range(1, derniere_colonne + 1))
                else:
                    largeur = largeur_points(self.largeurs.get(cellule.column, 8.43))
                taille = (cellule.font.sz or TAILLE) if cellule.font else TAILLE
                gras = bool(cellule.font and cellule.font.b)
                nombre = max(nombre, mesure.lignes(cellule.value, largeur - MARGE_EXCEL, taille, gras))
                hauteur = max(hauteur, mesure.hauteur(cellule.value, largeur - MARGE_EXCEL, taille, gras))
            if nombre > 1 or ligne[0].row in self.notes:
                # a height set before (room to write on « Compte rendu ») is kept when it is the larger
                ws.row_dimensions[ligne[0].row].height = max(HAUTEUR_LIGNE, round(hauteur + MARGE_HAUTEUR, 1),
                                                             ws.row_dimensions[ligne[0].row].height or 0)

    def terminer(self) -> None:
        """Column widths, row heights, frozen header, print set-up (landscape A4, fit to width, repeated header)."""
        ws = self.ws
        for rang, largeur in self.largeurs.items():
            self.largeurs[rang] = math.ceil(largeur * 2) / 2  # up to the half character: never narrower than measured
        self._sans_doute()
        for rang, largeur in self.largeurs.items():
            ws.column_dimensions[get_column_letter(rang)].width = largeur
        self._hauteurs()
        # The main table's header stays in view and is repeated on each printed page; on sheets of several tables
        # where it comes late (Synthèse, Plan d'actions) the title rows are, so the screen is not half frozen.
        ligne_entete = self.entete_figee if self.entete_figee and self.entete_figee <= ENTETE_FIGEE_MAX else 2
        ws.freeze_panes = f"A{ligne_entete + 1}"
        ws.print_title_rows = f"{1 if ligne_entete == 2 else ligne_entete}:{ligne_entete}"
        coupee = self._table_coupee()
        if coupee is not None and coupee[1] != ligne_entete:
            # A table continued on the next page repeats its header there (a sheet prints one range of title
            # rows: the last table a page break falls in, which then starts on a page of its own).
            debut, entete, _ = coupee
            if debut > 1:
                ws.row_breaks.append(Break(id=debut - 1))
            ws.print_title_rows = f"{entete}:{entete}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.gridLines = False
        ws.oddFooter.center.text = "Page &P sur &N"
        ws.oddFooter.left.text = "&A"


__all__ = ["ELARGIR_MAX", "HAUTEUR_LIGNE", "LARGEUR_MOT_MAX", "MARGE_EXCEL", "MARGE_HAUTEUR", "MARGE_LIBREOFFICE",
           "PAGE_HAUTEUR", "PAGE_LARGEUR", "TAILLE", "Feuille", "largeur_points", "largeur_pour"]
