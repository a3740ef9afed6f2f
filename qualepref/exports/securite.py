"""Formula injection: text people typed never becomes a formula in a spreadsheet that opens an export.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by Excel
and LibreOffice when they open a CSV file (``=HYPERLINK("http://…")``, ``@SUM(A1)``, ``-1+2``). So:

- in CSV files, such a text gets a leading apostrophe (``'=HYPERLINK(…)``), the convention spreadsheets show as
  plain text (OWASP, "CSV Injection");
- in .xlsx files, text is written with the string type, never the formula type (openpyxl turns any value starting
  with ``=`` into a formula unless told otherwise); numbers stay numbers.

Only text goes through here: the figures an export writes are numbers (a negative number is not neutralised).
"""

from __future__ import annotations

import datetime as dt
import math
from numbers import Integral, Real

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

from qualepref.format import manquant

DEBUTS_DANGEREUX = ("=", "+", "-", "@", "\t", "\r")


def neutraliser_csv(texte: object) -> str:
    """The text of a CSV field: a leading apostrophe when it starts like a formula, unchanged otherwise."""
    chaine = "" if texte is None else str(texte)
    return "'" + chaine if chaine.startswith(DEBUTS_DANGEREUX) else chaine


def ecrire(ws: Worksheet, ligne: int, colonne: int, valeur: object, format_nombre: str | None = None) -> Cell:
    """Write ``valeur`` in a cell: numbers as numbers (with ``format_nombre``), dates as dates, the rest as text.

    Text is always of the string type (``data_type = "s"``), so ``=HYPERLINK(...)`` typed in a plan d'actions shows
    as text and is never evaluated; characters XML forbids are dropped instead of failing the whole export.
    """
    cellule = ws.cell(row=ligne, column=colonne)
    if manquant(valeur):
        cellule.value = None
        return cellule
    if isinstance(valeur, bool):
        valeur = "Oui" if valeur else "Non"
    if isinstance(valeur, (dt.date, pd.Timestamp)):
        cellule.value = pd.Timestamp(valeur).to_pydatetime()
        cellule.number_format = format_nombre or "DD/MM/YYYY"
        return cellule
    if isinstance(valeur, Real) and not isinstance(valeur, bool):
        nombre = float(valeur)
        if math.isfinite(nombre):
            cellule.value = int(valeur) if isinstance(valeur, Integral) else nombre
            if format_nombre:
                cellule.number_format = format_nombre
            return cellule
        valeur = str(valeur)
    texte = ILLEGAL_CHARACTERS_RE.sub("", str(valeur))
    cellule.value = texte
    cellule.data_type = "s"
    return cellule
