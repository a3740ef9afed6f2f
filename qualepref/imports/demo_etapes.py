"""Demonstration rows of the journal's dated natures (qualepref.etapes): a few mises à jour, demandes de
rendez-vous, de pièces complémentaires and traitements de dossier each quarter, for the engagements of the site's
perimeter, so that the dashboard shows their chapter VI rates. Mostly within délai, some late, one rendez-vous
in five whose requester was unavailable; the last ones of the year still pending."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from qualepref import calendrier
from qualepref.referentiel import Referentiel
from qualepref.store import Site

# (journal nature, engagement, support, procedure): PAR_TRIMESTRE rows of each a quarter, where the site has
# the module
LIGNES = (
    ("mise-a-jour", 1, "site-internet", None), ("mise-a-jour", 1, "svi", None),
    ("mise-a-jour", 11, "site-internet", None), ("mise-a-jour", 8, "svi", None),
    ("mise-a-jour", 51, "site-internet", None),
    ("rendez-vous", 37, None, None), ("rendez-vous", 40, None, None),
    ("pieces-complementaires", 38, None, None), ("pieces-complementaires", 39, None, None),
    ("pieces-complementaires", 52, None, None),
    ("traitement", 38, None, "Armes"), ("traitement", 52, None, "Épreuves sportives"),
)
NATURES = {"mise-a-jour": "Mise à jour", "rendez-vous": "Demande de rendez-vous",
           "pieces-complementaires": "Demande de pièces complémentaires", "traitement": "Traitement de dossier"}
SUPPORTS = {"site-internet": "Site internet", "svi": "Serveur vocal interactif"}
DELAIS = {"mise-a-jour": 3, "pieces-complementaires": 10, "traitement": 30}  # the referential's, as data below
PART_EN_RETARD = 0.2
PAR_TRIMESTRE = 3  # rows of each kind a quarter: enough for a rate that does not swing from 0 to 100 %


def lignes_datees(ref: Referentiel, site: Site, prefixe: str, annee: int, fin: dt.date,
                  graine: list[int]) -> pd.DataFrame:
    """The dated rows of ``annee`` (headers of the journal's template), received up to ``fin``."""
    hasard = np.random.default_rng(graine)
    modules = {e.numero: e.module for e in ref.engagements}
    lignes = []
    for trimestre in range(4):
        debut = dt.date(annee, 3 * trimestre + 1, 1)
        if debut > fin:
            break
        for nature, engagement, support, procedure in LIGNES * PAR_TRIMESTRE:
            if modules.get(engagement) not in site.modules:
                continue
            reception = calendrier.ajouter_jours_ouvres(debut, int(hasard.integers(1, 40)))
            if reception > fin:
                continue
            lignes.append(_ligne(nature, engagement, support, procedure, reception, fin, hasard))
    cadre = pd.DataFrame(lignes)
    if cadre.empty:
        return cadre
    cadre.insert(0, "Référence", [f"{prefixe}-{annee}-D{i + 1:04d}" for i in range(len(cadre))])
    return cadre


def _dans_ou_hors(delai: int, hasard: np.random.Generator) -> int:
    """A délai in jours ouvrés: within ``delai`` mostly, beyond it one time in five."""
    if hasard.random() < PART_EN_RETARD:
        return delai + int(hasard.integers(1, 6))
    return int(hasard.integers(0, delai + 1))


def _jusqua(fin: dt.date, jour: dt.date) -> dt.date | None:
    return jour if jour <= fin else None


def _ligne(nature: str, engagement: int, support: str | None, procedure: str | None, reception: dt.date,
           fin: dt.date, hasard: np.random.Generator) -> dict:
    ligne = {"Canal": "Courriel" if nature == "mise-a-jour" else "Courrier", "Nature": NATURES[nature],
             "Date de réception": reception, "Date de réponse": None, "Engagement": engagement,
             "Support": SUPPORTS.get(support) if support else None, "Date de proposition": None,
             "Date du rendez-vous": None, "Indisponibilité du demandeur": None, "Procédure": procedure}
    if nature == "rendez-vous":
        proposition = _jusqua(fin, calendrier.ajouter_jours_ouvres(reception, _dans_ou_hors(4, hasard)))
        indisponible = bool(hasard.random() < 0.2)
        if proposition is not None:
            jours = 10 + int(hasard.integers(3, 8)) if indisponible else _dans_ou_hors(10, hasard)
            ligne["Date du rendez-vous"] = _jusqua(fin, calendrier.ajouter_jours_ouvres(proposition, jours))
        ligne.update({"Date de proposition": proposition, "Indisponibilité du demandeur":
                      "oui" if indisponible else "non"})
        return ligne
    ligne["Date de réponse"] = _jusqua(fin, calendrier.ajouter_jours_ouvres(
        reception, _dans_ou_hors(DELAIS[nature], hasard)))
    return ligne


__all__ = ["lignes_datees"]
