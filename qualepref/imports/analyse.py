"""Analysing one file: safety checks, reading, conversion, every check, the replacement keys; never raises for a
bad file. This is what the reading child process runs (``isolement``); the pipeline calls it through that child.

It imports neither the store nor SQLAlchemy: the child starts faster without them.
"""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd

from qualepref.imports.kinds import KINDS, Contexte, Kind
from qualepref.imports.readers import FichierRefuse, message_trop_de_lignes, ouvrir
from qualepref.imports.validation import Probleme

JOURNAL = logging.getLogger(__name__)


def message_inattendu(exc: BaseException) -> str:
    """The last resort: the page and the command line show a sentence, never a traceback."""
    return (f"le fichier n'a pas pu être analysé (erreur inattendue : {type(exc).__name__}) ; signalez-le à "
            "l'administrateur avec le fichier.")


def analyser_fichier(contenu: bytes, nom: str, type_donnees: str, referentiel_code: str, annee: int | None,
                     aujourd_hui: dt.date, lignes_max: int, taille_max: int) -> tuple[pd.DataFrame, list[Probleme]]:
    """The rows (store columns + ``cle``) and every problem of one file; an unexpected error becomes a problem
    (its detail goes to the log, never to the user). ``MemoryError`` propagates: the caller reports the limit."""
    try:
        return _analyser(contenu, nom, type_donnees, referentiel_code, annee, aujourd_hui, lignes_max, taille_max)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - see the docstring
        JOURNAL.exception("Analyse de %s impossible", nom)
        return pd.DataFrame(), [Probleme(nom, None, None, None, None, message_inattendu(exc))]


def _analyser(contenu: bytes, nom: str, type_donnees: str, referentiel_code: str, annee: int | None,
              aujourd_hui: dt.date, lignes_max: int, taille_max: int) -> tuple[pd.DataFrame, list[Probleme]]:
    """The steps: kind and referential, safety checks, reading, checks, keys."""
    from qualepref.referentiel import charger

    kind = KINDS.get(type_donnees)
    if kind is None:
        return pd.DataFrame(), [Probleme(nom, None, None, None, None, f"type de données « {type_donnees} » inconnu "
                                         f"(types admis : {', '.join(KINDS)}).")]
    try:
        referentiel = charger(referentiel_code)
    except KeyError:
        return vide(kind), [Probleme(nom, None, None, None, None, f"référentiel « {referentiel_code} » inconnu.")]
    ctx = Contexte(nom, referentiel, annee, aujourd_hui)
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


def vide(kind: Kind) -> pd.DataFrame:
    """No rows, with the kind's columns."""
    return pd.DataFrame({c: pd.Series(dtype=object) for c in (*kind.sortie, "cle")})


def trier(problemes: list[Probleme]) -> list[Probleme]:
    """File-level problems first, then by sheet and row (a row's problems in column order)."""
    return sorted(problemes, key=lambda p: (p.ligne is not None, p.feuille or "", p.ligne or 0))
