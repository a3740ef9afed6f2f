"""What every part of the demonstration shares: the sites, their profiles, the file dataclasses, the
years and the seeded random generators.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qualepref.store import Site

REFERENTIEL = "qualepref-2019"
GRAINE = 2024
UTILISATEUR = "démonstration"

SITES_DEMO: tuple[Site, ...] = (
    Site(code="DEMO-PREF", nom="Préfecture de démonstration", type_site="prefecture", cert=True, zone="metropole",
         referentiel=REFERENTIEL, modules=(1, 2, 4), demo=True, code_postal="51000",
         ville="Châlons-en-Champagne", code_sp="DEMO-SP-51-001"),
    Site(code="DEMO-SP1", nom="Sous-préfecture de démonstration (Reims)", type_site="sous-prefecture", cert=False,
         zone="metropole", referentiel=REFERENTIEL, modules=(1, 3), demo=True, code_postal="51100", ville="Reims",
         code_sp="DEMO-SP-51-002"),
    Site(code="DEMO-SP2", nom="Sous-préfecture de démonstration (Vitry-le-François)", type_site="sous-prefecture",
         cert=False, zone="metropole", referentiel=REFERENTIEL, modules=(1, 5), demo=True, code_postal="51300",
         ville="Vitry-le-François", code_sp="DEMO-SP-51-003"),
)
CODES_DEMO = tuple(s.code for s in SITES_DEMO)
TYPES = ("journal", "indicateurs", "enquete", "enquete-agregee", "mystere", "plan", "pan", "avis")


@dataclass(frozen=True)
class CadreDemo:
    """One spreadsheet before it is written: its sheets as frames (headers as a référent types them)."""

    site: str
    type_donnees: str
    nom: str
    feuilles: dict[str, pd.DataFrame]
    annee: int | None = None
    titre: str | None = None  # a title row above the headers, as many real files have


@dataclass(frozen=True)
class FichierDemo:
    """One demonstration file as the import pipeline receives it."""

    site: str
    type_donnees: str
    nom: str
    contenu: bytes
    annee: int | None = None


@dataclass(frozen=True)
class Profil:
    """How busy and how good a site is: the sizes and rates its generated data follow.

    ``natures`` and ``services`` give the mix of the journal, ``ecart_satisfaction`` shifts every survey rate (in
    points), ``pan`` is the yearly attendance of each point d'accès, ``echelle`` the site's module-1 volumes (web
    visits, updates, dossiers) relative to the préfecture's; the flags say which optional kinds the site keeps.
    """

    code: str
    prefixe: str
    demandes_par_an: int
    natures: dict[str, float]
    services: dict[str, tuple[str, ...]]
    repondants: int
    ecart_satisfaction: float
    appels_par_trimestre: int
    pan: dict[str, int]
    csv_journal: bool = False
    mystere: bool = False
    plan: bool = False
    avis: bool = False
    echelle: float = 1.0


SERVICES_PREF = {
    "information": ("Accueil général", "Bureau de la circulation", "Service de l'immigration et de l'intégration",
                    "Bureau des élections et de la réglementation", "Bureau de la communication interministérielle"),
    "reclamation": ("Accueil général", "Service de l'immigration et de l'intégration", "CERT permis de conduire",
                    "Bureau de la circulation"),
    "suggestion": ("Accueil général", "Bureau de la communication interministérielle"),
    "collectivite": ("Bureau du contrôle de légalité", "Bureau des finances locales",
                     "Bureau de l'intercommunalité"),
}
SERVICES_SP = {
    "information": ("Accueil", "Pôle réglementation", "Pôle étrangers", "Pôle collectivités"),
    "reclamation": ("Accueil", "Pôle étrangers", "Pôle réglementation"),
    "suggestion": ("Accueil",),
}

PROFILS: dict[str, Profil] = {
    "DEMO-PREF": Profil(
        code="DEMO-PREF", prefixe="PREF", demandes_par_an=2000,
        natures={"information": 0.78, "reclamation": 0.10, "suggestion": 0.04, "collectivite": 0.08},
        services=SERVICES_PREF, repondants=340, ecart_satisfaction=0.0, appels_par_trimestre=6200,
        pan={"Point d'accès numérique – hall de la préfecture": 6100}, mystere=True, plan=True, avis=True,
    ),
    "DEMO-SP1": Profil(
        code="DEMO-SP1", prefixe="REI", demandes_par_an=520,
        natures={"information": 0.86, "reclamation": 0.10, "suggestion": 0.04},
        services=SERVICES_SP, repondants=140, ecart_satisfaction=-2.0, appels_par_trimestre=1500,
        pan={"Point d'accès numérique – sous-préfecture de Reims": 2300}, echelle=0.25,
    ),
    "DEMO-SP2": Profil(
        code="DEMO-SP2", prefixe="VIT", demandes_par_an=380,
        natures={"information": 0.88, "reclamation": 0.09, "suggestion": 0.03},
        services=SERVICES_SP, repondants=110, ecart_satisfaction=1.5, appels_par_trimestre=900,
        pan={"Point d'accès numérique – sous-préfecture de Vitry-le-François": 560}, csv_journal=True,
        echelle=0.12,
    ),
}


# --- years and random generators ---------------------------------------------------------------------------------

def periode_demo(aujourd_hui: dt.date) -> tuple[tuple[int, int, int], dt.date]:
    """The three years of the demonstration and the last day holding data (end of the previous month)."""
    fin = aujourd_hui.replace(day=1) - dt.timedelta(days=1)
    derniere = aujourd_hui.year if aujourd_hui.month > 1 else aujourd_hui.year - 1
    return (derniere - 2, derniere - 1, derniere), fin


def _hasard(site: str, type_donnees: str, annee: int) -> np.random.Generator:
    """A generator of its own per (site, kind, year): changing one kind never shifts another's figures."""
    return np.random.default_rng([GRAINE, CODES_DEMO.index(site), TYPES.index(type_donnees), annee])


def _fin_annee(annee: int, fin: dt.date) -> dt.date:
    """The last day of ``annee`` holding data."""
    return min(dt.date(annee, 12, 31), fin)


def _mois(annee: int, fin: dt.date) -> list[dt.date]:
    """First days of the months of ``annee`` that are over by ``fin``."""
    return [dt.date(annee, m, 1) for m in range(1, 13)
            if dt.date(annee, m, calendar.monthrange(annee, m)[1]) <= fin]


def _rang(annee: int, annees: Sequence[int]) -> int:
    """0, 1, 2 for the first, second, third demonstration year (figures improve year after year)."""
    return annee - annees[0]
