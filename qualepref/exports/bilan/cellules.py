"""The bilan's cells: number formats, fonts and colours, and how a value of each kind is written.

Rates are stored in percent with a literal « % » (``0.0" %"``: a French LibreOffice rewrites ``0.0 %`` and every
rate would read a thousand times too small), counts with thousands grouping, délais with their unit, progressions
with their sign and unit, rounded to the tenth shown so that none reads « -0,0 »; ``Colonne`` names the kind
(``genre``) of a table column. Apart from the layout (``mise_en_page``) because these decide what a cell holds,
the layout only where it goes and how large it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.styles import Font, PatternFill

from qualepref import format as fmt
from qualepref.exports import commun

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


__all__ = ["BLEU_FRANCE", "COULEURS_STATUT", "ENTETE", "ENTETE_FIGEE_MAX", "FORMATS", "FORMAT_COMPTE", "FORMAT_DATE",
           "FORMAT_ECART_COMPTE", "FORMAT_ECART_JOURS", "FORMAT_ECART_NOMBRE", "FORMAT_JOURS", "FORMAT_NOMBRE",
           "FORMAT_POINTS", "FORMAT_TAUX", "FORMAT_TAUX_ENTIER", "POLICE", "POLICE_ENTETE", "POLICE_SECTION",
           "POLICE_TITRE", "Colonne"]
