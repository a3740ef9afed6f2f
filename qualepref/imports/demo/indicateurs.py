"""The demonstration's indicators measured elsewhere (appels aboutis, JDMA …), per period.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qualepref.imports.demo.commun import (
    Profil,
    _hasard,
    _mois,
    _rang,
)
from qualepref.referentiel import Indicateur, Referentiel, trouver_indicateur
from qualepref.store import Site

# --- indicators measured elsewhere -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mesure:
    """How an indicator's demonstration values run: a rate (%), a mean délai (jours) or a count per period.

    ``base`` is the first year's level, ``progres`` what it gains each year, ``bruit`` its spread; ``volume`` the
    denominator per period (requests, calls, dossiers: a délai's denominator is the dossiers it is averaged on);
    ``fixe`` keeps the denominator constant (a population). Module 1 volumes scale with the site's size.
    """

    genre: str
    base: float
    progres: float
    bruit: float
    volume: int = 0
    fixe: bool = False


MESURES: dict[str, Mesure] = {
    "E10-APPELS-ABOUTIS": Mesure("taux", 86.5, 1.8, 1.5, 0),  # volume: the site's calls
    "E11-CONNEXIONS-SITE": Mesure("taux", 12.0, 0.6, 0.8, 566_000, fixe=True),
    "E14-DELAI-CNI-PASSEPORT": Mesure("delai", 32.0, -3.0, 3.0, 3000),
    "E14-DELAI-CIV": Mesure("delai", 7.0, -1.0, 1.0, 9000),
    "E14-DELAI-PERMIS": Mesure("delai", 28.0, -7.0, 3.0, 8000),
    "E15-USAGERS-POINT-NUMERIQUE": Mesure("nombre", 0.0, 1.5, 0.12),  # base: the site's PAN attendance
    "E19-CONNEXIONS-RESEAUX": Mesure("nombre", 110_000.0, 12_000.0, 0.10),
    "E22-DELAI-CNI-PASSEPORT": Mesure("delai", 30.0, -3.0, 4.0, 1000),
    "E22-DELAI-CIV": Mesure("delai", 6.0, -1.0, 1.2, 3000),
    "E22-DELAI-PERMIS": Mesure("delai", 25.0, -9.0, 2.5, 2700),
    "E23-FRAUDE-CNI-PASSEPORT": Mesure("taux", 0.6, 0.1, 0.3, 400),
    "E23-FRAUDE-CIV": Mesure("taux", 0.5, 0.1, 0.3, 350),
    "E23-FRAUDE-PERMIS": Mesure("taux", 0.9, 0.05, 0.3, 1080),
    "E32-DELAI-PREMIERES-DEMANDES": Mesure("delai", 85.0, -8.0, 8.0, 60),
    "E32-DELAI-RENOUVELLEMENTS": Mesure("delai", 45.0, -5.0, 5.0, 200),
    "E33-FRAUDE-DETECTEE": Mesure("taux", 1.2, 0.1, 0.5, 250),
}
PERIODES_PAR_AN = {"mensuel": 12, "trimestriel": 4, "annuel": 1}


def indicateurs_importes(ref: Referentiel, site: Site) -> list[Indicateur]:
    """The indicators of the site's modules measured outside the app (not computed from the journal or survey)."""
    return [i for m in site.modules for i in ref.indicateurs_du_module(m) if i.calcul is None]


def _periodes(periodicite: str, annee: int, fin: dt.date) -> list[str]:
    """The periods of ``annee`` over by ``fin`` at the indicator's periodicity ("2024-03", "2024-T1", "2024")."""
    mois = _mois(annee, fin)
    if periodicite == "mensuel":
        return [f"{annee}-{m.month:02d}" for m in mois]
    if periodicite == "trimestriel":
        return [f"{annee}-T{t}" for t in range(1, 5) if dt.date(annee, 3 * t, 1) in mois]
    return [str(annee)] if len(mois) == 12 else []


@functools.cache
def _nom_indicateur(ref: Referentiel, ind: Indicateur) -> str:
    """What the référent types: the libellé copied from the template, or the code where the libellé is ambiguous
    (cached: matching a libellé against the whole referential costs a few milliseconds)."""
    try:
        trouve = trouver_indicateur(ref, ind.libelle)
    except ValueError:
        trouve = None
    return ind.libelle if trouve == ind else ind.code


def _valeur(mesure: Mesure, niveau: float, volume: int, hasard: np.random.Generator) -> tuple[float, float | None,
                                                                                              float | None]:
    """One period's (valeur, numérateur, dénominateur)."""
    if mesure.genre == "nombre":
        return float(round(niveau * (1 + hasard.normal(0, mesure.bruit)), 1 if niveau < 100 else 0)), None, None
    if mesure.genre == "delai":
        denominateur = max(1, int(volume * hasard.uniform(0.85, 1.15)))
        return round(max(1.0, niveau + hasard.normal(0, mesure.bruit)), 1), None, float(denominateur)
    denominateur = volume if mesure.fixe else max(2, int(round(volume * hasard.uniform(0.8, 1.2))))
    taux = float(np.clip(niveau + hasard.normal(0, mesure.bruit), 0, 100))
    numerateur = round(denominateur * taux / 100)
    return round(100 * numerateur / denominateur, 1), float(numerateur), float(denominateur)


def cadre_indicateurs(ref: Referentiel, site: Site, profil: Profil, annee: int, annees: Sequence[int],
                      fin: dt.date) -> pd.DataFrame:
    """The year's values of the indicators measured elsewhere (Indigo, the phone system, web statistics...)."""
    hasard = _hasard(site.code, "indicateurs", annee)
    lignes = []
    for ind in indicateurs_importes(ref, site):
        mesure = MESURES[ind.code]
        echelle = profil.echelle if ind.module == 1 else 1.0
        volume = profil.appels_par_trimestre if ind.code == "E10-APPELS-ABOUTIS" else int(mesure.volume * echelle)
        base = sum(profil.pan.values()) / 250 if ind.code == "E15-USAGERS-POINT-NUMERIQUE" else mesure.base * (
            echelle if mesure.genre == "nombre" else 1)
        niveau = base + mesure.progres * _rang(annee, annees) * (echelle if mesure.genre == "nombre" else 1)
        for periode in _periodes(ind.periodicite, annee, fin):
            valeur, numerateur, denominateur = _valeur(mesure, niveau, volume, hasard)
            commentaire = None
            if ind.cible is not None and ind.sens == "hausse" and valeur < ind.cible - 3:
                commentaire = "Sous la cible : plan d'action en cours avec le service."
            lignes.append({"Indicateur": _nom_indicateur(ref, ind), "Période": periode, "Valeur": valeur,
                           "Numérateur": numerateur, "Dénominateur": denominateur, "Commentaire": commentaire})
    for periode in _periodes("annuel", annee, fin):  # the JDMA share, a Services Publics+ figure (a full year)
        lignes.append({"Indicateur": JDMA_DEMO[0], "Période": periode, "Valeur": JDMA_DEMO[1][_rang(annee, annees)],
                       "Numérateur": None, "Dénominateur": None, "Commentaire": "Export « Je donne mon avis »."})
    return pd.DataFrame(lignes, columns=["Indicateur", "Période", "Valeur", "Numérateur", "Dénominateur",
                                         "Commentaire"])


# The share of online démarches rated 8/10 or more (« Je donne mon avis », JDMA), imported by its libellé as the
# référent copies it from the Services Publics+ template, for each of the three years (oldest first): Services
# Publics+ asks every structure to publish it yearly, so the demonstration's SP+ open data carries it.
JDMA_DEMO = ("Part des démarches en ligne notées 8/10 ou plus (JDMA)", (78.0, 80.5, 82.5))
