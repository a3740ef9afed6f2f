"""The kinds of data a référent imports: a registry (``KINDS``), each kind in its own module with its columns, checks
and replacement key; what they share (``Colonne``, ``Kind``, ``Contexte``, reading one table, common checks) lives in
``commun``.

A new kind is a module defining ``KIND = Kind(...)`` (see ``commun.Kind``), added to ``_MODULES`` below: the order
there is the order the pages and the templates show.

Blocking errors store nothing; warnings are shown and the user decides. The rules chosen:
- blocking: a missing required column or value, an unknown code, an unreadable or impossible date, a date in the
  future (nothing can have been received or answered after today), a response or completion before its reception,
  a negative count, a rate above 100 %, a duplicate Référence (or a duplicate indicator and period, theme and year),
  an indicator or engagement unknown to the site's referential, a formula without a stored result, a crisis whose
  élus are informed before the COD's activation, an information dated without its time;
- warnings: a journal row received by telephone (no written-answer délai applies to it: imported, counted in no
  délai rate), a response dated before the completion, an action « réalisée » under 100 %, two PAN rows for the
  same point, month and démarche (their numbers add up), a column of the « Réponses » sheet that the questionnaire
  does not name (ignored), merged cells in the header row.
"""

from __future__ import annotations

from qualepref.imports.kinds import (avis, crises, enquete, enquete_agregee, indicateurs, journal, mystere, pan,
                                     plan)
from qualepref.imports.kinds.commun import (CANAUX, CANAUX_ADMIS, GENRES, Colonne, Contexte, Kind, Lecture,
                                            convertir, lire_tableau)
from qualepref.imports.kinds.enquete import QUESTIONNAIRE

_MODULES = (journal, indicateurs, enquete, enquete_agregee, mystere, plan, pan, avis, crises)

KINDS: dict[str, Kind] = {module.KIND.code: module.KIND for module in _MODULES}

__all__ = ["CANAUX", "CANAUX_ADMIS", "GENRES", "KINDS", "QUESTIONNAIRE", "Colonne", "Contexte", "Kind", "Lecture",
           "convertir", "lire_tableau"]
