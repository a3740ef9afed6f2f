"""Finding an indicator by what people type: its code or its libellé, whatever the case, accents, apostrophes,
spacing or a trailing parenthesised source."""

from __future__ import annotations

import re
import unicodedata

from qualepref.referentiel.modele import Indicateur, Referentiel

_PARENTHESE_FINALE = re.compile(r"\s*\([^()]*\)\s*$")


def _normaliser(texte: str) -> str:
    """Lower case, without accents, one apostrophe style, folded spaces."""
    sans_accents = unicodedata.normalize("NFKD", str(texte))
    sans_accents = "".join(c for c in sans_accents if not unicodedata.combining(c))
    for apostrophe in ("’", "‘", "`", "´"):
        sans_accents = sans_accents.replace(apostrophe, "'")
    return " ".join(sans_accents.replace("'", "' ").lower().split()).replace("' ", "'")


def _sans_parenthese(texte: str) -> str:
    """The normalised text without its trailing parenthesised groups ("(Indigo et AP2022)")."""
    precedent = None
    while precedent != texte:
        precedent, texte = texte, _PARENTHESE_FINALE.sub("", texte)
    return texte.rstrip(" .")


def trouver_indicateur(ref: Referentiel, texte: str, module: int | None = None) -> Indicateur | None:
    """The indicator named by its code or its libellé, however typed; None when unknown.

    Case, accents, apostrophe style, spacing and a trailing parenthesised source are ignored. Raises ValueError
    (French message) when several indicators match; ``module`` narrows the search (the same libellé exists in
    modules 1 and 8).
    """
    candidats = [i for i in ref.indicateurs if module is None or i.module == module]
    cle = _normaliser(texte)
    for i in candidats:
        if _normaliser(i.code) == cle:
            return i
    for comparer in (lambda t: t.rstrip(" ."), _sans_parenthese):
        trouves = [i for i in candidats if comparer(_normaliser(i.libelle)) == comparer(cle)]
        if len(trouves) == 1:
            return trouves[0]
        if len(trouves) > 1:
            codes = ", ".join(i.code for i in trouves)
            raise ValueError(f"L'indicateur «{texte.strip()}» est ambigu : il peut désigner {codes}. "
                             "Utilisez le code de l'indicateur.")
    return None
