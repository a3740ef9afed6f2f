"""Which version of each referential is in place, and how the référent brings a new one (a workbook).

A referential is in place either as its built-in file (``qualepref/referentiel/*.toml``) or, once the référent has
loaded one, as the newest stored version of its code (``store.referentiels``). Everything that computes a site's
figures asks ``referentiel_en_place(engine, code)``. ``examiner`` reads a workbook and lists its differences with the
version in place without storing anything; ``activer`` stores it (dated, by whom, the previous version kept).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine

from qualepref import format as fmt
from qualepref.referentiel import Referentiel, charger, versions
from qualepref.referentiel.classeur import classeur, depuis_brut, vers_brut
from qualepref.referentiel.differences import differences
from qualepref.referentiel.lecture_classeur import lire_classeur
from qualepref.store.referentiels import (
    load_ids_courants,
    load_version,
    save_version_referentiel,
)


@functools.lru_cache(maxsize=32)
def _depuis_stockage(engine: Engine, identifiant: int) -> Referentiel:
    """The Referentiel of one stored row (rows never change: cached by id)."""
    stockee = load_version(engine, identifiant)
    return depuis_brut(stockee.brut(), stockee.fichier)


def referentiel_en_place(engine: Engine, code: str) -> Referentiel:
    """The current version of ``code``: the newest stored one, else the built-in file (KeyError when neither)."""
    identifiant = load_ids_courants(engine).get(code)
    if identifiant is None:
        return charger(code)
    return _depuis_stockage(engine, identifiant)


def codes_en_place(engine: Engine) -> tuple[str, ...]:
    """Codes of every referential available: the built-in files and the stored versions."""
    return tuple(sorted(set(versions()) | set(load_ids_courants(engine))))


def classeur_en_place(engine: Engine, code: str) -> bytes:
    """The workbook of the version of ``code`` in place (the référent edits it and loads it back)."""
    return classeur(referentiel_en_place(engine, code))


@dataclass(frozen=True)
class Examen:
    """A workbook read and checked: the referential it holds, the one it would replace, the differences."""

    referentiel: Referentiel
    remplace: Referentiel | None
    differences: tuple[str, ...]


def examiner(engine: Engine, contenu: bytes, nom_fichier: str) -> Examen:
    """Read and check a workbook and compare it with the version in place; nothing is stored.

    Raises ``lecture_classeur.ClasseurInvalide`` (every problem, each naming file, sheet, row, column, value).
    """
    disponibles = set(codes_en_place(engine))
    nouveau = lire_classeur(contenu, nom_fichier, lambda code: referentiel_en_place(engine, code)
                            if code in disponibles else None)
    ancien = referentiel_en_place(engine, nouveau.code) if nouveau.code in disponibles else None
    return Examen(nouveau, ancien, tuple(differences(ancien, nouveau)))


def activer(engine: Engine, contenu: bytes, nom_fichier: str, par: str) -> Examen:
    """Check the workbook, then store it as the current version of its referential (the previous one kept)."""
    examen = examiner(engine, contenu, nom_fichier)
    save_version_referentiel(engine, vers_brut(examen.referentiel), nom_fichier, par)
    return examen


def tableau_des_referentiels(engine: Engine) -> pd.DataFrame:
    """One row per referential available, as the page shows it: titre, version, statut, en place depuis (the
    internal code is no word for people: the title and version name a referential)."""
    from qualepref.store.referentiels import load_historique_referentiels

    historique = load_historique_referentiels(engine)
    lignes = []
    for code in codes_en_place(engine):
        ref = referentiel_en_place(engine, code)
        chargees = historique[historique["code"] == code]
        origine = "fichier livré avec l'application" if chargees.empty else (
            f"chargé le {fmt.date_heure(chargees.iloc[0]['charge_le'])} par {chargees.iloc[0]['charge_par']} "
            f"({chargees.iloc[0]['fichier']})")
        lignes.append({"titre": ref.titre, "version": ref.version,
                       "statut": "ébauche" if ref.ebauche else "officiel", "origine": origine})
    return pd.DataFrame(lignes, columns=["titre", "version", "statut", "origine"])


def nom_du_classeur(ref: Referentiel) -> str:
    """The file name of a referential's workbook, from its title and version as people name it
    (« referentiel_Quali-ATE_ebauche_2024_presentation_de_prefecture.xlsx »), not its internal code."""
    import re
    import unicodedata

    sans_accents = unicodedata.normalize("NFKD", f"referentiel {ref.titre} {ref.version}").encode(
        "ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9+-]+", "_", sans_accents).strip("_") + ".xlsx"


def tableau_historique(engine: Engine) -> pd.DataFrame:
    """Every version loaded, newest first, with its date as people read it: titre, version, fichier, charge_le,
    charge_par (no internal code)."""
    from qualepref.store.referentiels import load_historique_referentiels

    historique = load_historique_referentiels(engine)
    historique["charge_le"] = [fmt.date_heure(v) for v in historique["charge_le"]]
    return historique.drop(columns=["code"])


def tableau_problemes(problemes: list) -> pd.DataFrame:
    """The problems of a refused workbook, one row each: feuille, ligne, colonne, valeur, probleme."""
    return pd.DataFrame([{"feuille": p.feuille or "", "ligne": p.ligne, "colonne": p.colonne or "",
                          "valeur": p.valeur or "", "probleme": p.message} for p in problemes],
                        columns=["feuille", "ligne", "colonne", "valeur", "probleme"]).astype({"ligne": "Int64"})
