"""How much room a text takes once printed: widths from the font's metrics, lines once wrapped at word boundaries.

The deck and the bilan are written in Calibri (the office default); LibreOffice prints them with Carlito, which has
Calibri's metrics. ``carlito.json`` holds Carlito's advance widths (thousandths of an em, regular and bold, generated
once with fontTools from Debian's ``fonts-crosextra-carlito``), so the measure does not depend on the fonts of the
machine that builds the file. A line is ``INTERLIGNE`` × the size high (the font's ascent + descent: 2 500 / 2 048).

``lignes`` wraps as an office suite does (at spaces; a word wider than the line is cut where it must be): the
exports use it to size rows, paginate tables and choose widths so that no word is cut.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

INTERLIGNE = 2500 / 2048
LARGEUR_INCONNUE = 560  # thousandths of an em, for a character the table lacks (wider than most)


@cache
def _metriques() -> dict[str, dict[str, int]]:
    return json.loads((Path(__file__).with_name("carlito.json")).read_text(encoding="utf-8"))


def largeur(texte: str, taille: float, gras: bool = False) -> float:
    """The printed width of ``texte`` in points at ``taille`` points."""
    table = _metriques()["gras" if gras else "normal"]
    return sum(table.get(c, LARGEUR_INCONNUE) for c in texte) * taille / 1000


def plus_long_mot(texte: str, taille: float, gras: bool = False) -> float:
    """The width in points of the widest word of ``texte`` (what a column needs so no word is cut)."""
    return max((largeur(mot, taille, gras) for mot in str(texte).replace("\n", " ").split(" ") if mot), default=0.0)


def lignes(texte: str, largeur_disponible: float, taille: float, gras: bool = False) -> int:
    """How many lines ``texte`` takes in a box ``largeur_disponible`` points wide (paragraphs at ``\\n``)."""
    total = 0
    espace = largeur(" ", taille, gras)
    for paragraphe in str(texte).split("\n"):
        courante, nombre = 0.0, 1
        for mot in [m for m in paragraphe.split(" ") if m]:
            mot_largeur = largeur(mot, taille, gras)
            if courante and courante + espace + mot_largeur > largeur_disponible:
                nombre += 1
                courante = 0.0
            if mot_largeur > largeur_disponible:  # cut inside the word, as the office suite does
                coupes = int(mot_largeur // max(largeur_disponible, 1.0))
                nombre += coupes
                courante = mot_largeur - coupes * largeur_disponible
            else:
                courante = courante + espace + mot_largeur if courante else mot_largeur
        total += nombre
    return total


def hauteur(texte: str, largeur_disponible: float, taille: float, gras: bool = False,
            interligne: float = INTERLIGNE) -> float:
    """The height in points of ``texte`` wrapped in ``largeur_disponible`` points."""
    return lignes(texte, largeur_disponible, taille, gras) * taille * interligne
