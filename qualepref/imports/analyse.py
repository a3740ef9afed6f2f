"""Analysing one file: safety checks, reading, conversion, every check, the replacement keys; never raises for a
bad file. This is what the reading child process runs (``isolement``); the pipeline calls it through that child.

It imports neither the store nor SQLAlchemy: the child starts faster without them.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING

import pandas as pd

from qualepref.imports.kinds import KINDS, Contexte, Kind
from qualepref.imports.readers import FichierRefuse, message_trop_de_lignes, ouvrir
from qualepref.imports.validation import Probleme

if TYPE_CHECKING:
    from qualepref.referentiel import Referentiel

# The referential a file is checked against: the version in place (a Referentiel, or, for the reading child, its
# plain data ``{"brut": ..., "fichier": ...}``: a Referentiel holds read-only mappings that do not pickle), or a
# built-in file's code.
ReferentielDonne = "str | Referentiel | Mapping"

JOURNAL = logging.getLogger(__name__)


def message_inattendu(exc: BaseException) -> str:
    """The last resort: the page and the command line show a sentence, never a traceback."""
    return (f"le fichier n'a pas pu être analysé (erreur inattendue : {type(exc).__name__}) ; signalez-le à "
            "l'administrateur avec le fichier.")


def analyser_fichier(contenu: bytes, nom: str, type_donnees: str, referentiel: ReferentielDonne,
                     annee: int | None, aujourd_hui: dt.date, lignes_max: int,
                     taille_max: int, modules: tuple[int, ...] | None = None,
                     exclus: tuple[int, ...] = ()) -> tuple[pd.DataFrame, list[Probleme]]:
    """The rows (store columns + ``cle``) and every problem of one file; an unexpected error becomes a problem
    (its detail goes to the log, never to the user). ``MemoryError`` propagates: the caller reports the limit.

    ``referentiel``: the version in place the codes are checked against (indicator codes, engagement numbers,
    survey themes), as a Referentiel or its plain data; a code stands for the built-in file."""
    try:
        return _analyser(contenu, nom, type_donnees, referentiel, annee, aujourd_hui, lignes_max, taille_max,
                         modules, exclus)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - see the docstring
        JOURNAL.exception("Analyse de %s impossible", nom)
        return pd.DataFrame(), [Probleme(nom, None, None, None, None, message_inattendu(exc))]


def _analyser(contenu: bytes, nom: str, type_donnees: str, donne: ReferentielDonne, annee: int | None,
              aujourd_hui: dt.date, lignes_max: int, taille_max: int,
              modules: tuple[int, ...] | None = None,
              exclus: tuple[int, ...] = ()) -> tuple[pd.DataFrame, list[Probleme]]:
    """The steps: kind and referential, safety checks, reading, checks, keys."""
    kind = KINDS.get(type_donnees)
    if kind is None:
        return pd.DataFrame(), [Probleme(nom, None, None, None, None, f"type de données « {type_donnees} » inconnu "
                                         f"(types admis : {', '.join(KINDS)}).")]
    try:
        referentiel = referentiel_de(donne)
    except KeyError:
        return vide(kind), [Probleme(nom, None, None, None, None, f"référentiel « {donne} » inconnu.")]
    ctx = Contexte(nom, referentiel, annee, aujourd_hui, None if modules is None else tuple(modules), tuple(exclus))
    try:
        classeur = ouvrir(contenu, nom, taille_max, lignes_max)
        lecture = kind.lire_classeur(classeur, ctx)
    except FichierRefuse as refus:
        return vide(kind), [Probleme(nom, refus.feuille, refus.ligne, None, None, refus.message)]
    problemes = list(lecture.problemes)
    if lecture.cadre.empty:
        return vide(kind), trier(problemes)
    if len(lecture.cadre) > lignes_max:
        problemes.append(lecture.lieu.probleme(message_trop_de_lignes(lignes_max, len(lecture.cadre))))
    cadre, autres = kind.finaliser(lecture.cadre, lecture.lieu, ctx)
    cadre = cadre.reset_index(drop=True)
    lignes = cadre.loc[:, list(kind.sortie)].assign(cle=kind.cle(cadre))
    return lignes, trier(problemes + autres)


def donnees_du_referentiel(referentiel: ReferentielDonne) -> str | Mapping:
    """What the parent hands the reading child: a code as it is, a Referentiel as its plain data."""
    from qualepref.referentiel import Referentiel

    if isinstance(referentiel, Referentiel):
        return _brut(referentiel)
    return referentiel


@functools.lru_cache(maxsize=8)
def _brut(referentiel: Referentiel) -> dict:
    """A version's plain data, cached (a Referentiel never changes; equal versions compare equal)."""
    from qualepref.referentiel.classeur import vers_brut

    return {"brut": vers_brut(referentiel), "fichier": referentiel.fichier}


def referentiel_de(donne: ReferentielDonne) -> Referentiel:
    """The Referentiel a file is checked against: the one given, rebuilt from its plain data (the loader's own
    checks), or the built-in file of a code (KeyError when unknown)."""
    from qualepref.referentiel import Referentiel, charger, charger_donnees

    if isinstance(donne, Referentiel):
        return donne
    if isinstance(donne, Mapping):
        return charger_donnees(donne["brut"], donne["fichier"])
    return charger(donne)


def vide(kind: Kind) -> pd.DataFrame:
    """No rows, with the kind's columns."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in (*kind.sortie, "cle")})


def trier(problemes: list[Probleme]) -> list[Probleme]:
    """File-level problems first, then by sheet and row (a row's problems in column order)."""
    return sorted(problemes, key=lambda p: (p.ligne is not None, p.feuille or "", p.ligne or 0))
