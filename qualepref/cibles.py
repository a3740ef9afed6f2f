"""Targets and statuses: how a value compares with its target, and how far a multi-year target is reached.

A target is the site's own (stored) or, failing that, the referential's default. Status: ``atteint``, ``proche``
(within the site's margin: 5 points by default for rates; for other units the margin is that many percent of the
target), ``non_atteint``, ``non_mesure`` (no value), ``sans_cible`` (a count the referential sets no target for).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ATTEINT = "atteint"
PROCHE = "proche"
NON_ATTEINT = "non_atteint"
NON_MESURE = "non_mesure"
SANS_CIBLE = "sans_cible"

LIBELLES_STATUT: dict[str, str] = {
    ATTEINT: "Atteint",
    PROCHE: "Proche",
    NON_ATTEINT: "Non atteint",
    NON_MESURE: "Non mesuré",
    SANS_CIBLE: "Sans cible",
}

# Worst first: an engagement takes the worst status of its indicators.
GRAVITE: dict[str, int] = {NON_ATTEINT: 0, NON_MESURE: 1, PROCHE: 2, ATTEINT: 3, SANS_CIBLE: 4}

METHODE_STATUT = (
    "Statut d'un indicateur : « atteint » quand la valeur atteint la cible dans le sens où l'indicateur "
    "s'améliore ; « proche » quand l'écart ne dépasse pas la marge du site (en points pour un taux, en pourcentage "
    "de la cible sinon) ; « non atteint » au-delà ; « non mesuré » quand aucune valeur n'existe pour la période."
)


def cibles_effectives(indicateurs: pd.DataFrame, cibles_site: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's target: the site's own where stored, else the referential's default.

    ``indicateurs``: code, cible (the referential's). ``cibles_site``: indicateur, cible, valeur_initiale,
    annee_initiale, annee_cible. Returns code, cible, cible_site (bool), valeur_initiale, annee_initiale, annee_cible.
    """
    propres = cibles_site.rename(columns={"indicateur": "code", "cible": "cible_propre"})
    cadre = indicateurs[["code", "cible"]].merge(propres, on="code", how="left")
    cadre["cible_site"] = cadre["cible_propre"].notna()
    cadre["cible"] = cadre["cible_propre"].where(cadre["cible_site"], cadre["cible"]).astype("Float64")
    colonnes = ["code", "cible", "cible_site", "valeur_initiale", "annee_initiale", "annee_cible"]
    for colonne in colonnes:
        if colonne not in cadre:
            cadre[colonne] = pd.NA
    return cadre[colonnes]


def statuts(valeur: pd.Series, cible: pd.Series, sens: pd.Series, unite: pd.Series, marge: float) -> pd.Series:
    """Status of each value against its target, vectorised (see the module docstring for the rule)."""
    valeur = pd.to_numeric(valeur, errors="coerce").astype("Float64")
    cible = pd.to_numeric(cible, errors="coerce").astype("Float64")
    baisse = sens.eq("baisse").to_numpy()
    ecart = (valeur - cible).to_numpy(dtype=float, na_value=np.nan)
    ecart = np.where(baisse, -ecart, ecart)  # > 0 is better than target, whatever the direction
    tolerance = np.where(unite.eq("%").to_numpy(), marge, np.abs(cible.to_numpy(dtype=float, na_value=np.nan))
                         * marge / 100)
    resultat = np.where(ecart >= 0, ATTEINT, np.where(ecart >= -tolerance, PROCHE, NON_ATTEINT)).astype(object)
    resultat = np.where(np.isnan(cible.to_numpy(dtype=float, na_value=np.nan)), SANS_CIBLE, resultat)
    resultat = np.where(valeur.isna().to_numpy(), NON_MESURE, resultat)
    return pd.Series(resultat, index=valeur.index, dtype="str")


def progres_vers_cible(valeur: pd.Series, initiale: pd.Series, cible: pd.Series) -> pd.Series:
    """Progress to a multi-year target, in percent: 100 × (value − initial) / (target − initial), bounded 0–100.

    The formula is the right way round for indicators that improve downwards too (both differences are negative).
    NA where the initial value or the target is unknown; 100 when the target equals the initial value and is met.
    """
    valeur, initiale, cible = (pd.to_numeric(s, errors="coerce").astype("Float64") for s in (valeur, initiale, cible))
    ecart_cible = cible - initiale
    progres = (100 * (valeur - initiale) / ecart_cible.where(ecart_cible != 0)).clip(0, 100)
    progres = progres.where((ecart_cible != 0).fillna(True), (valeur == cible).astype("Float64") * 100)
    return progres.where(initiale.notna() & cible.notna() & valeur.notna())
