"""Mystery surveys and calls: one row per contact and criterion checked."""

from __future__ import annotations

from types import MappingProxyType

import pandas as pd

from qualepref.imports.kinds.commun import (CANAUX, CANAUX_ADMIS, Colonne, Contexte, Kind, cle_mois, dans_le_futur,
                                            table, textes)
from qualepref.imports.validation import Lieu, Probleme, normaliser


# The journal's canals and the visit: « accueil physique » is the commonest mystery survey (code ``physique``, the
# canal chapter VI leaves out of E2 and E3: « sauf canal physique »).
CANAUX_MYSTERE = MappingProxyType({**CANAUX, **table({"physique": (
    "Accueil physique", "physique", "visite", "visite mystère", "accueil", "guichet", "accueil au guichet")})})
CANAUX_MYSTERE_ADMIS = (*CANAUX_ADMIS, "accueil physique")
RESULTATS = MappingProxyType({normaliser(s): b for s, b in (
    ("conforme", True), ("oui", True), ("non conforme", False), ("non-conforme", False), ("non", False))})
RESULTATS_ADMIS = ("conforme", "non conforme")


def _finaliser_mystere(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Dates not in the future; « Résultat » as the boolean ``conforme``."""
    problemes = dans_le_futur(cadre, "date", lieu, ctx)
    conforme = cadre["conforme"].astype("boolean")
    cadre["conforme"] = conforme.astype(bool) if conforme.notna().all() else conforme
    return textes(cadre, ("canal", "critere")), problemes


KIND = Kind(
    "mystere", "Enquêtes et appels mystère", "Mystère",
    (Colonne("Date", "date", "date", True, "Le jour du contact mystère.", alias=("date du test", "date de l'appel",
                                                                                "date du contact")),
     Colonne("Canal", "canal", "code", True, "Le canal testé (accueil physique pour une visite mystère).",
             CANAUX_MYSTERE, CANAUX_MYSTERE_ADMIS, ("canal teste",)),
     Colonne("Critère", "critere", "texte", True, "Le critère vérifié (décroché en moins de 5 sonneries...).",
             alias=("criteres", "critere verifie", "point de controle")),
     Colonne("Résultat", "conforme", "code", True, "conforme ou non conforme.", RESULTATS, RESULTATS_ADMIS,
             ("conformite", "conforme"))),
    _finaliser_mystere, cle_mois("date"), ("date", "canal", "critere", "conforme"),
    "Une ligne par contact et par critère vérifié. Réimporter un mois le remplace.")
