"""Edits made in a page's table: what changed, row by row, so the store can apply and journal exactly that."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd


def _manque(valeur: object) -> bool:
    """None, NA, NaN, NaT, or a text left blank (a cleared cell): no value."""
    if isinstance(valeur, str):
        return not valeur.strip()
    return valeur is None or bool(pd.isna(valeur))


def _egal(a: object, b: object) -> bool:
    manque_a, manque_b = _manque(a), _manque(b)
    if manque_a or manque_b:
        return manque_a and manque_b
    if isinstance(a, (pd.Timestamp,)) or isinstance(b, (pd.Timestamp,)):
        return pd.Timestamp(a) == pd.Timestamp(b)
    return a == b


def differences(avant: pd.DataFrame, apres: pd.DataFrame, champs: Iterable[str], cle: str = "id") -> dict[int, dict]:
    """``{row id: {field: new value}}`` for every cell of ``champs`` that differs between the two tables.

    Rows of ``apres`` unknown to ``avant`` are left out; a cleared cell (blank text included) becomes None.
    """
    champs = [c for c in champs if c in avant.columns and c in apres.columns]
    anciens = avant.set_index(cle)
    resultat: dict[int, dict] = {}
    for ligne in apres.to_dict("records"):
        identifiant = int(ligne[cle])
        if identifiant not in anciens.index:
            continue
        ancien = anciens.loc[identifiant]
        changes = {c: (None if _manque(ligne[c]) else ligne[c]) for c in champs if not _egal(ancien[c], ligne[c])}
        if changes:
            resultat[identifiant] = changes
    return resultat


def valeurs_de_filtre(cadre: pd.DataFrame, colonne: str) -> list[str]:
    """The values a filter on ``colonne`` offers: each distinct one, empty cells left out, in alphabetical order."""
    return sorted(str(v) for v in cadre[colonne].dropna().unique())


def filtrer(cadre: pd.DataFrame, criteres: Mapping[str, Iterable[str]]) -> pd.DataFrame:
    """Rows whose column is among the chosen values, for every criterion with a non-empty choice."""
    masque = pd.Series(True, index=cadre.index)
    for colonne, valeurs in criteres.items():
        valeurs = list(valeurs)
        if valeurs:
            masque &= cadre[colonne].isin(valeurs)
    return cadre[masque]
