"""Bilan annuel (.xlsx): the workbook the comité en charge du bilan works from (référentiel, chapitre V).

Chapter V ("Bilans annuels") says the bilan examines every figure of the quality of service — indicators,
satisfaction surveys and mystery surveys, réclamations, training needs, self-assessment or internal audit — draws
up improvement plans, and ends in a compte rendu told to the staff and presented to the comité technique. The
workbook follows it: "Synthèse" (perimeter, status per module, what is not measured, main progressions, and where
each element of chapter V is), one sheet per module retained, "Enquêtes", "Mystère", "Réclamations", "Plan
d'actions", "PAN", "Avis SP+" and "Compte rendu" (what the data cannot say: participants, training needs, audit,
decisions, information of the staff — to fill in at the meeting).

Figures are cells of numbers with French-reading formats: rates are stored in percent, as the core computes them
(77,6 % → 77.6), with the format ``0.0" %"`` (a literal « % »: a French LibreOffice re-saving the file rewrites the
format ``0.0 %`` as ``0.0,%``, and every rate then reads a thousand times too small; the literal survives), counts
with thousands grouping (``#,##0``), délais with their unit (``0.0" jours ouvrés"``), progressions with their sign
and unit (points ``pt``, days ``j``), rounded to the tenth shown so that none reads « -0,0 ». Engagement numbers are
numbers. Rows are as high as their wrapped text and columns as wide as their longest header word, measured with the
font's metrics (``qualepref.exports.mesure``), so nothing prints over the next row or is clipped.
Text people typed (plan actions, pilots) is written as text, never as a formula (``securite.ecrire``). Built from
live results (the référent's working copy), not from a publication.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from qualepref import format as fmt
from qualepref import sans_objet
from qualepref.exports import commun, mesure
from qualepref.exports.securite import ecrire

if TYPE_CHECKING:
    from qualepref.resultats import Resultats
    from qualepref.store import Site

FORMAT_TAUX = '0.0" %"'
FORMAT_TAUX_ENTIER = '0" %"'
FORMAT_COMPTE = "#,##0"
FORMAT_NOMBRE = "#,##0.0"
FORMAT_POINTS = '+#,##0.0" pt";-#,##0.0" pt";0.0" pt"'
FORMAT_ECART_JOURS = '+#,##0.0" j";-#,##0.0" j";0.0" j"'
FORMAT_ECART_COMPTE = "+#,##0;-#,##0;0"
FORMAT_ECART_NOMBRE = "+#,##0.0;-#,##0.0;0.0"
FORMAT_JOURS = '#,##0.0" jours"'
FORMAT_DATE = "DD/MM/YYYY"

BLEU_FRANCE = "000091"
ENTETE = PatternFill("solid", fgColor=BLEU_FRANCE)
POLICE = "Calibri"  # every font named: a nameless one prints in the suite's default serif
POLICE_ENTETE = Font(name=POLICE, bold=True, color="FFFFFF")
POLICE_TITRE = Font(name=POLICE, bold=True, size=14, color=BLEU_FRANCE)
POLICE_SECTION = Font(name=POLICE, bold=True, size=12, color=BLEU_FRANCE)
ENTETE_FIGEE_MAX = 8
COULEURS_STATUT = {"atteint": "D5F0DC", "proche": "FFE9D6", "non_atteint": "FDDADA", "non_mesure": "EEEEEE"}


# --- cells --------------------------------------------------------------------------------------------------------

def _taux(valeur: object) -> float | None:
    """A rate in percent (the core's unit), as the cell holds it (the format adds « % »)."""
    nombre = commun.nombre_ou_none(valeur)
    return None if nombre is None else round(nombre, 12)


def _arrondi(nombre: float | None, decimales: int = 1) -> float | None:
    """Rounded to what the format shows, and never a negative zero (« -0,0 »)."""
    return None if nombre is None else round(nombre, decimales) + 0.0


def _format_jours(unite: str) -> str:
    """``#,##0.0" jours ouvrés"``: a délai with the unit the referential gives it."""
    propre = unite.replace('"', "")
    return f'#,##0.0" {propre}"'


def _valeur_et_format(valeur: object, unite: object) -> tuple[float | None, str]:
    """The cell value and number format of an indicator value, by its unit."""
    unite = "" if commun.manquant(unite) else str(unite)
    if unite == "%":
        return _taux(valeur), FORMAT_TAUX
    nombre = commun.nombre_ou_none(valeur)
    if unite.startswith("jour"):
        return nombre, _format_jours(unite)
    entier = nombre is None or float(nombre).is_integer()
    return nombre, FORMAT_COMPTE if entier else FORMAT_NOMBRE


def _evolution_et_format(valeur: object, unite: object) -> tuple[float | None, str]:
    """A year-over-year change with its sign and unit: points for rates, days for délais, a count otherwise."""
    unite = "" if commun.manquant(unite) else str(unite)
    nombre = commun.nombre_ou_none(valeur)
    if unite == "%":
        return _arrondi(nombre), FORMAT_POINTS
    if unite.startswith("jour"):
        return _arrondi(nombre), FORMAT_ECART_JOURS
    if nombre is None or float(nombre).is_integer():
        return _arrondi(nombre, 0), FORMAT_ECART_COMPTE
    return _arrondi(nombre), FORMAT_ECART_NOMBRE


def _texte_affiche(valeur: object, genre: str) -> str | None:
    """About the text a figure cell shows (one decimal more than the French formatting, for its width)."""
    if genre == "indicateur" and isinstance(valeur, tuple):
        nombre, unite = valeur
        return None if commun.manquant(nombre) else fmt.valeur_unite(float(nombre), str(unite or "")) + ",0"
    if genre == "evolution" and isinstance(valeur, tuple):
        nombre, unite = valeur
        return None if commun.manquant(nombre) else fmt.progression(float(nombre), str(unite or "")) + ",0"
    return None


def _engagement(texte: object) -> int | str | None:
    """An engagement number as a number (« 10 » → 10); a list (« 10, 11 ») stays text."""
    if commun.manquant(texte):
        return None
    propre = str(texte).strip()
    return int(propre) if propre.isdigit() else propre


@dataclass(frozen=True)
class Colonne:
    """One column of a table: header, width, and how a value is written (``texte``, ``taux``, ``compte``, ...)."""

    entete: str
    largeur: float = 14
    genre: str = "texte"


FORMATS = {"taux": FORMAT_TAUX, "taux_entier": FORMAT_TAUX_ENTIER, "compte": FORMAT_COMPTE,
           "nombre": FORMAT_NOMBRE, "points": FORMAT_POINTS, "jours": FORMAT_JOURS, "date": FORMAT_DATE}
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


# --- sheets -------------------------------------------------------------------------------------------------------

def _synthese(f: Feuille, r: Resultats, site: Site) -> None:
    modules = commun.modules_retenus(r, site)
    f.section("Périmètre")
    f.paires([
        ("Site", commun.nom_site(r, site), "texte"),
        ("Type", f"{commun.type_site(site)} {'avec' if site.cert else 'sans'} CERT", "texte"),
        ("Référentiel", commun.nom_referentiel(r), "texte"),
        ("Modules retenus", " ; ".join(commun.titre_module(r, m) for m in modules), "texte"),
        ("Résultats calculés le", fmt.date(r.meta.get("calcule_le")), "texte"),
    ])
    f.section("Statut des engagements par module")
    cm = r.modules
    f.table(
        [Colonne("Module", 10), Colonne("Titre", 44), Colonne("Engagements", 13, "compte"),
         Colonne("Atteints", 11, "compte"), Colonne("Proches", 11, "compte"), Colonne("Non atteints", 11, "compte"),
         Colonne("Non mesurés", 11, "compte"), Colonne("Sans cible", 11, "compte"),
         Colonne("Sans indicateur (preuves d'audit)", 16, "compte"), Colonne("Sans objet (hors décompte)", 14,
                                                                              "compte")],
        [[f"Module {m['module']}", m.get("titre"), m.get("engagements"), m.get("atteint"), m.get("proche"),
          m.get("non_atteint"), m.get("non_mesure"), m.get("sans_cible"), m.get("sans_indicateur"),
          m.get("sans_objet", 0)]
         for m in cm.to_dict("records")],
        "Aucun module dans le périmètre.", figer=True)
    for e in r.meta.get("sans_objet", []):
        f.note(f"Engagement {e['engagement']} : {sans_objet.libelle(e['raison'])}")
    f.section("Ce qui n'est pas mesuré")
    nm = r.non_mesures
    f.table(
        [Colonne("Code", 10), Colonne("Indicateur", 44), Colonne("Module", 13, "compte"),
         Colonne("Engagement", 11, "engagement"), Colonne("Périodes sans valeur", 22),
         Colonne("Source attendue", 16)],
        [[n.get("code"), n.get("libelle"), n.get("module"), n.get("engagement"),
          ", ".join(fmt.periode(p.strip()) for p in str(n.get("periodes_manquantes") or "").split(",") if p.strip()),
          n.get("source_attendue")] for n in nm.to_dict("records")],
        "Tous les indicateurs du périmètre sont mesurés.")
    f.section(f"Principales évolutions depuis {r.annee - 1}")
    f.note("Évolution en points pour les taux, en jours pour les délais ; « favorable » tient compte du sens dans "
           "lequel l'indicateur s'améliore.")
    f.table(
        [Colonne("Code", 10), Colonne("Indicateur", 44), Colonne(f"Valeur {r.annee}", 13, "indicateur"),
         Colonne(f"Valeur {r.annee - 1}", 13, "indicateur"), Colonne("Évolution", 13, "evolution"),
         Colonne("Favorable", 11, "oui_non")],
        [[m.get("code"), m.get("libelle"), (m.get("valeur"), m.get("unite")),
          (m.get("valeur_precedente"), m.get("unite")), (m.get("progression_points"), m.get("unite")),
          None if commun.manquant(m.get("favorable")) else bool(m.get("favorable"))]
         for m in r.mouvements.to_dict("records")],
        "Aucune évolution mesurable (pas de valeur l'année précédente).")
    f.section("Contenu du bilan annuel (référentiel, chapitre V « Bilans annuels »)")
    feuilles_modules = ", ".join(f"« Module {m} »" for m in modules) or "—"
    f.table(
        [Colonne("Ce que le bilan examine", 44), Colonne("Où le trouver", 60)],
        [["Indicateurs de qualité", f"Feuilles {feuilles_modules}"],
         ["Enquêtes de satisfaction", "Feuille « Enquêtes »"],
         ["Enquêtes mystère", "Feuille « Mystère »"],
         ["Réclamations (et délais de réponse)", "Feuille « Réclamations »"],
         ["Plans d'amélioration et leur suivi", "Feuilles « Plan d'actions », « PAN » et « Avis SP+ »"],
         ["Besoins en formation", "Feuille « Compte rendu » (à compléter en réunion)"],
         ["Auto-évaluation ou audit interne", "Feuille « Compte rendu » (à compléter en réunion)"],
         ["Compte rendu, information des personnels, présentation au comité technique",
          "Feuille « Compte rendu » (à compléter en réunion)"]],
        "")


def _module(f: Feuille, r: Resultats, numero: int) -> None:
    annuels = commun.annuels(r)
    siens = annuels[annuels["module"].astype(str) == str(numero)] if "module" in annuels else annuels.iloc[0:0]
    f.note(f"Valeurs de l'année {r.annee} et de {r.annee - 1} ; évolution en points pour les taux, en jours pour les "
           "délais ; statut au regard de la cible.")
    f.table(
        [Colonne("Code", 12), Colonne("Indicateur", 52), Colonne("Engagement", 11, "engagement"),
         Colonne("Unité", 12), Colonne(f"Valeur {r.annee}", 14, "indicateur"),
         Colonne(f"Valeur {r.annee - 1}", 14, "indicateur"), Colonne("Évolution", 13, "evolution"),
         Colonne("Cible", 14, "indicateur"), Colonne("Statut", 14, "statut")],
        [[i.get("code"), i.get("libelle"), i.get("engagements") or i.get("engagement"), i.get("unite"),
          (i.get("valeur"), i.get("unite")), (i.get("valeur_precedente"), i.get("unite")),
          (i.get("progression_points"), i.get("unite")), (i.get("cible"), i.get("unite")), i.get("statut")]
         for i in siens.to_dict("records")],
        "Aucun indicateur chiffré pour ce module : ses engagements se vérifient par les preuves d'audit.",
        figer=True)


def _enquetes(f: Feuille, r: Resultats) -> None:
    e = r.enquetes
    f.note("Taux de satisfaction = (très satisfaits + satisfaits) / réponses exprimées (hors « sans avis ») ; "
           "évolution en points.")
    entete, derniere = f.table(
        [Colonne("Thème", 34), Colonne(f"Taux {r.annee - 1}", 12, "taux"), Colonne(f"Taux {r.annee}", 12, "taux"),
         Colonne("Évolution", 12, "points"), Colonne("Réponses exprimées", 12, "compte"),
         Colonne("Taux fragile (peu de réponses)", 14, "oui_non")],
        [[x.get("theme"), x.get("taux_precedent"), x.get("taux"), x.get("progression_points"), x.get("exprimes"),
          None if commun.manquant(x.get("fragile")) else bool(x.get("fragile"))] for x in e.to_dict("records")],
        "Aucune enquête de satisfaction pour cette année.", figer=True)
    f.graphique(f"Taux de satisfaction {r.annee - 1} et {r.annee}", entete, derniere, 1, [2, 3], 8,
                "Taux de satisfaction")


def _mystere(f: Feuille, r: Resultats) -> None:
    f.table(
        [Colonne("Canal", 16), Colonne("Critère", 48), Colonne("Contrôles", 11, "compte"),
         Colonne("Conformes", 11, "compte"), Colonne("Taux de conformité", 13, "taux")],
        [[commun.libelle(commun.CANAUX, m.get("canal")), m.get("critere"), m.get("controles"), m.get("conformes"),
          m.get("taux")] for m in r.mystere.to_dict("records")],
        "Aucune enquête mystère enregistrée pour cette année.", figer=True)


def _reclamations(f: Feuille, r: Resultats) -> None:
    from qualepref.presentation import etat_des_delais
    from qualepref.resultats import REGLE_ETAT_AU

    etat = etat_des_delais(r)
    f.note("Délais en jours ouvrés, jugés selon les règles de délai du référentiel"
           + (f", {etat}. {REGLE_ETAT_AU}" if etat else "."))
    f.table(
        [Colonne("Engagement", 11, "engagement"), Colonne("Nature", 24), Colonne("Canal", 16),
         Colonne("Reçues", 10, "compte"),
         Colonne("Répondues", 10, "compte"), Colonne("En cours", 10, "compte"),
         Colonne("Répondues dans le délai", 12, "compte"), Colonne("Hors délai", 10, "compte"),
         Colonne("Taux dans le délai", 12, "taux"), Colonne("Délai moyen (jours ouvrés)", 12, "jours"),
         Colonne("Délai médian (jours ouvrés)", 12, "jours")],
        [[d.get("engagement"), commun.libelle(commun.NATURES, d.get("nature")),
          commun.libelle(commun.CANAUX, d.get("canal")), d.get("recus"), d.get("repondus"), d.get("en_cours"),
          d.get("dans_le_delai"), d.get("hors_delai"), d.get("taux_dans_le_delai"), d.get("delai_moyen"),
          d.get("delai_median")] for d in r.delais.to_dict("records")],
        "Aucune demande enregistrée au journal pour cette année.", figer=True)


def _plan(f: Feuille, r: Resultats) -> None:
    completion, moyenne = commun.methodes_plan()
    f.section("Réalisation globale")
    f.paires([("Taux de réalisation global", r.plan_global.get("taux"), "taux"),
              ("Actions", r.plan_global.get("actions"), "compte")])
    f.note(completion)
    f.section("Par axe")
    f.note(moyenne)
    entete, derniere = f.table(
        [Colonne("Axe", 44), Colonne("Taux de réalisation", 14, "taux"), Colonne("Actions", 10, "compte")],
        [[a.get("axe"), a.get("taux"), a.get("actions")] for a in r.plan_axes.to_dict("records")],
        "Aucun plan d'actions pour cette année.", figer=True)
    f.graphique("Réalisation du plan d'actions par axe", entete, derniere, 1, [2], 6, "Taux de réalisation")
    f.ligne = max(f.ligne, entete + 17)
    f.section("Par thématique")
    f.table(
        [Colonne("Axe", 44), Colonne("Thématique", 44), Colonne("Taux de réalisation", 14, "taux"),
         Colonne("Actions", 10, "compte")],
        [[t.get("axe"), t.get("thematique"), t.get("taux"), t.get("actions")]
         for t in r.plan_thematiques.to_dict("records")],
        "Aucune thématique.")
    f.section("Actions en retard (échéance passée, non réalisées)")
    f.table(
        [Colonne("Axe", 30), Colonne("Thématique", 30), Colonne("Action", 40), Colonne("Structure", 16),
         Colonne("Pilote", 18), Colonne("Échéance", 12, "date"), Colonne("Statut", 12),
         Colonne("Avancement", 11, "taux_entier")],
        [[a.get("axe"), a.get("thematique"), a.get("action"), a.get("structure"), a.get("pilote"),
          a.get("echeance"), commun.libelle(commun.STATUTS_ACTION, a.get("statut")), a.get("avancement")]
         for a in r.plan_en_retard.to_dict("records")],
        "Aucune action en retard.")


def _pan(f: Feuille, r: Resultats) -> None:
    f.paires([("Fréquentation totale", r.pan.get("total"), "compte")])
    f.section("Par point d'accès")
    entete, derniere = f.table(
        [Colonne("Point d'accès numérique", 40), Colonne("Fréquentation", 14, "compte")],
        list((r.pan.get("par_point") or {}).items()), "Aucune fréquentation enregistrée.", figer=True)
    f.graphique("Fréquentation des points d'accès numériques", entete, derniere, 1, [2], 5, "Usagers",
                FORMAT_COMPTE)
    f.ligne = max(f.ligne, entete + 17)
    f.section("Par démarche")
    f.table([Colonne("Démarche", 40), Colonne("Fréquentation", 14, "compte")],
            list((r.pan.get("par_demarche") or {}).items()), "Aucune démarche enregistrée.")


def _avis(f: Feuille, r: Resultats) -> None:
    f.table([Colonne("Tonalité", 30), Colonne("Avis", 12, "compte")],
            [[libelle, r.avis.get(code, 0)] for code, libelle in commun.TONALITES.items()],
            "", figer=True)
    total = r.avis.get("total")
    if commun.manquant(total):
        total = sum(int(r.avis.get(code) or 0) for code in commun.TONALITES)
    f.paires([("Total des avis", total, "compte")])


def _compte_rendu(f: Feuille, r: Resultats) -> None:
    f.note("À compléter pendant la réunion de bilan : ce que les données importées ne disent pas.")
    f.table(
        [Colonne("Rubrique", 52), Colonne("À compléter", 80)],
        [["Date de la réunion de bilan", ""],
         ["Participants (préfet ou son représentant, directeurs et chefs de bureau des services concernés, "
          "responsable de la démarche qualité)", ""],
         ["Besoins en formation", ""],
         ["Résultats de l'auto-évaluation ou de l'audit interne", ""],
         ["Écarts constatés et mesures correctives décidées (plan d'amélioration)", ""],
         ["Suivi de l'efficacité des actions décidées l'an passé", ""],
         ["Information des personnels (modalités, date)", ""],
         ["Présentation au comité technique (date)", ""]],
        "", figer=True)
    for ligne in range(f.ligne - 8, f.ligne):  # room to write (the measured height when the text needs more)
        f.ws.row_dimensions[ligne].height = 45


# --- the workbook ------------------------------------------------------------------------------------------------

def construire(resultats: Resultats, site: Site, publication: dict | None = None) -> bytes:
    """The bilan annuel of ``site`` for ``resultats.annee`` as .xlsx bytes (see the module docstring).

    ``publication`` is accepted for a uniform registry signature and ignored: the bilan is the référent's working
    document, built from live results.
    """
    r = resultats
    classeur = Workbook()
    classeur.remove(classeur.active)
    nom = commun.nom_site(r, site)
    sous_titre = f"Bilan annuel {r.annee} — {nom}"

    def feuille(titre_onglet: str, titre: str, remplir: Callable[[Feuille], None]) -> None:
        f = Feuille(classeur.create_sheet(titre_onglet), titre, sous_titre)
        remplir(f)
        f.terminer()

    feuille("Synthèse", f"Bilan annuel {r.annee} de la démarche qualité", lambda f: _synthese(f, r, site))
    for numero in commun.modules_retenus(r, site):
        feuille(f"Module {numero}", commun.titre_module(r, numero), lambda f, n=numero: _module(f, r, n))
    feuille("Enquêtes", "Enquête de satisfaction des usagers", lambda f: _enquetes(f, r))
    feuille("Mystère", "Enquêtes et appels mystère", lambda f: _mystere(f, r))
    feuille("Réclamations", "Réclamations, suggestions et demandes : délais de réponse", lambda f: _reclamations(f, r))
    feuille("Plan d'actions", "Plan d'actions", lambda f: _plan(f, r))
    feuille("PAN", "Points d'accès numériques", lambda f: _pan(f, r))
    feuille("Avis SP+", "Avis Services Publics+ par tonalité", lambda f: _avis(f, r))
    feuille("Compte rendu", "Compte rendu du bilan annuel", lambda f: _compte_rendu(f, r))

    classeur.properties.title = sous_titre
    classeur.properties.creator = "qualepref"
    classeur.properties.language = "fr-FR"
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()
