"""Engagement 48 judged crisis by crisis, from a crisis log (one row per événement majeur: when the COD was
activated, when the élus were informed).

Chapter III, engagement 48: « En moins d'une heure après l'activation du COD, sur décision préfectorale, enregistrée
dans SYNERGI, nous assurons l'information factuelle des élus locaux ». So the figure that is judged is the share of
crises whose élus were informed within ``delai_heures`` of the activation (``mesure = "taux_delai"``); the mean
délai in hours (``mesure = "delai_moyen"``) is shown apart, with no target: a mean of 50 minutes can hide a crisis
told after three hours. A crisis whose élus are not yet informed is late once the délai has passed, and counts in
neither figure while it still runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from qualepref.periodes import Periode
from qualepref.referentiel import Indicateur

COLONNES = ["evenement", "activation", "information"]  # activation, information: datetime64 (date and time)
COLONNES_VALEURS = ["indicateur", "periode", "valeur", "numerateur", "denominateur", "source"]
SOURCE = "crises"


def juger(crises: pd.DataFrame, delai_heures: float, maintenant: dt.datetime) -> pd.DataFrame:
    """Each crisis with ``heures`` (activation → information, NaN when not informed), ``dans_le_delai`` (bool, NA
    while the délai still runs for a crisis not yet informed): within the délai when heures ≤ ``delai_heures``."""
    activation = pd.to_datetime(crises["activation"])
    information = pd.to_datetime(crises["information"])
    heures = (information - activation).dt.total_seconds() / 3600
    ecoule = (pd.Timestamp(maintenant) - activation).dt.total_seconds() / 3600
    dans = pd.array(np.where(heures.notna(), heures <= delai_heures, False), dtype="boolean")
    en_cours = (heures.isna() & (ecoule <= delai_heures)).to_numpy(bool)
    dans[en_cours] = pd.NA
    return crises.assign(heures=heures, dans_le_delai=dans)


def valeurs(indicateurs: Sequence[Indicateur], crises: pd.DataFrame, periodes: Sequence[Periode],
            maintenant: dt.datetime) -> pd.DataFrame:
    """The crisis-log indicators (``calcul = "crises"``) for each period holding a crisis activated in it: the share
    within the délai (numérateur: crises within, dénominateur: crises judged) or the mean délai in hours
    (dénominateur: crises informed). ``COLONNES_VALEURS``."""
    lignes = []
    if crises.empty:
        return pd.DataFrame(lignes, columns=COLONNES_VALEURS)
    jour = pd.to_datetime(crises["activation"]).dt.normalize()
    for ind in indicateurs:
        jugees = juger(crises, ind.delai_heures or 1.0, maintenant)
        for p in periodes:
            dedans = jugees[((jour >= pd.Timestamp(p.debut)) & (jour <= pd.Timestamp(p.fin))).to_numpy(bool)]
            if ind.mesure == "delai_moyen":
                informees = dedans["heures"].dropna()
                if len(informees):
                    lignes.append({"indicateur": ind.code, "periode": p.code, "valeur": float(informees.mean()),
                                   "numerateur": float(informees.sum()), "denominateur": float(len(informees)),
                                   "source": SOURCE})
                continue
            verdicts = dedans["dans_le_delai"].dropna()
            if len(verdicts):
                dans = float(verdicts.astype(bool).sum())
                lignes.append({"indicateur": ind.code, "periode": p.code, "valeur": 100 * dans / len(verdicts),
                               "numerateur": dans, "denominateur": float(len(verdicts)), "source": SOURCE})
    return pd.DataFrame(lignes, columns=COLONNES_VALEURS)


def valeurs_du_site(indicateurs: Sequence[Indicateur], crises: pd.DataFrame, periodes: Sequence[Periode],
                    connues_le: dt.datetime | None, aujourd_hui: dt.date) -> pd.DataFrame:
    """The referential's crisis-log indicators (``calcul = "crises"`` among ``indicateurs``) for a site: a crisis
    whose élus are not informed yet is judged at ``connues_le``, the moment the log was last imported (the end of
    today when none is recorded, and never later)."""
    fin_du_jour = dt.datetime.combine(aujourd_hui, dt.time(23, 59, 59))
    maintenant = fin_du_jour if connues_le is None else min(connues_le, fin_du_jour)
    return valeurs([i for i in indicateurs if i.calcul == "crises"], crises, periodes, maintenant)


__all__ = ["COLONNES", "COLONNES_VALEURS", "SOURCE", "juger", "valeurs", "valeurs_du_site"]
