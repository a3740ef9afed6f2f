"""Targets and statuses: how a value compares with its target, and how far a multi-year target is reached.

A target is the site's own (stored) or, failing that, the referential's default. Status: ``atteint``, ``proche``
(within the site's margin: 5 points by default for rates; for other units the margin is that many percent of the
target), ``non_atteint``, ``non_mesure`` (no value), ``sans_cible`` (a count the referential sets no target for).

A referential ``seuil`` is a floor (E52, chapter III, méthode de contrôle: « vérification qu'il est de 80 %
minimum »): a site's own target cannot go below it (``verifier_cible``; a stored one is raised to it), and a value
worse than the floor is ``non_atteint`` with no margin (79 % against an 80 % floor).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from qualepref import format as fmt

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
    "de la cible sinon) ; « non atteint » au-delà ; « non mesuré » quand aucune valeur n'existe pour la période. "
    "Quand le référentiel fixe un seuil minimal, une valeur sous ce seuil est « non atteint », sans marge."
)


def cible_sous_seuil(cible: float | None, seuil: float | None, sens: str) -> bool:
    """True when a target is worse than the referential's floor (below it, or above it for a « baisse »)."""
    if cible is None or seuil is None or pd.isna(cible) or pd.isna(seuil):
        return False
    return cible > seuil if sens == "baisse" else cible < seuil


def verifier_cible(cible: float | None, seuil: float | None, sens: str, unite: str) -> str | None:
    """The French message refusing a site's target worse than the referential's floor; None when it is allowed."""
    if not cible_sous_seuil(cible, seuil, sens):
        return None
    borne = "inférieure" if sens != "baisse" else "supérieure"
    return (f"La cible ne peut pas être {borne} au seuil fixé par le référentiel "
            f"({fmt.valeur_unite(seuil, unite)}).")


def cibles_effectives(indicateurs: pd.DataFrame, cibles_site: pd.DataFrame) -> pd.DataFrame:
    """Each indicator's target: the site's own where stored, else the referential's default.

    ``indicateurs``: code, cible (the referential's) and, optionally, seuil and sens (a site's target worse than
    the floor is raised to it). ``cibles_site``: indicateur, cible, valeur_initiale, annee_initiale, annee_cible.
    Returns code, cible, cible_site (bool), valeur_initiale, annee_initiale, annee_cible.
    """
    propres = cibles_site.rename(columns={"indicateur": "code", "cible": "cible_propre"})
    cadre = indicateurs[["code", "cible"]].merge(propres, on="code", how="left")
    cadre["cible_site"] = cadre["cible_propre"].notna()
    cadre["cible"] = cadre["cible_propre"].where(cadre["cible_site"], cadre["cible"]).astype("Float64")
    if "seuil" in indicateurs:
        seuil = pd.to_numeric(indicateurs["seuil"], errors="coerce").astype("Float64").to_numpy(float, na_value=np.nan)
        baisse = indicateurs["sens"].eq("baisse").to_numpy() if "sens" in indicateurs else np.zeros(len(seuil), bool)
        cible = cadre["cible"].to_numpy(float, na_value=np.nan)
        pire = np.where(baisse, cible > seuil, cible < seuil)  # NaN compares False: no floor, no change
        cadre["cible"] = pd.array(np.where(pire, seuil, cible), dtype="Float64")
    colonnes = ["code", "cible", "cible_site", "valeur_initiale", "annee_initiale", "annee_cible"]
    for colonne in colonnes:
        if colonne not in cadre:
            cadre[colonne] = pd.NA
    return cadre[colonnes]


def statuts(valeur: pd.Series, cible: pd.Series, sens: pd.Series, unite: pd.Series, marge: float,
            seuil: pd.Series | None = None) -> pd.Series:
    """Status of each value against its target, vectorised (see the module docstring for the rule); ``seuil``:
    the referential's floors (NA where none), below which a value is « non atteint » whatever the margin."""
    valeur = pd.to_numeric(valeur, errors="coerce").astype("Float64")
    cible = pd.to_numeric(cible, errors="coerce").astype("Float64")
    baisse = sens.eq("baisse").to_numpy()
    ecart = (valeur - cible).to_numpy(dtype=float, na_value=np.nan)
    ecart = np.where(baisse, -ecart, ecart)  # > 0 is better than target, whatever the direction
    tolerance = np.where(unite.eq("%").to_numpy(), marge, np.abs(cible.to_numpy(dtype=float, na_value=np.nan))
                         * marge / 100)
    resultat = np.where(ecart >= 0, ATTEINT, np.where(ecart >= -tolerance, PROCHE, NON_ATTEINT)).astype(object)
    if seuil is not None:
        plancher = pd.to_numeric(seuil, errors="coerce").astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        sous = valeur.to_numpy(dtype=float, na_value=np.nan) - plancher
        sous = np.where(baisse, -sous, sous) < 0  # NaN (no floor, no value) compares False
        resultat = np.where(sous, NON_ATTEINT, resultat)
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
