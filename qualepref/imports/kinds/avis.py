"""Services Publics+ avis: one row per avis published, its tone and answer."""

from __future__ import annotations

import pandas as pd

from qualepref.imports.kinds.commun import (Colonne, Contexte, Kind, avant, cle_mois, dans_le_futur, table,
                                            textes)
from qualepref.imports.validation import Lieu, Probleme


TONALITES = table({"positif": ("positif", "positive"), "neutre": ("neutre",),
                   "negatif": ("négatif", "négative")})
TONALITES_ADMISES = ("positif", "neutre", "négatif")


def _finaliser_avis(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Dates not in the future, answers not before the avis."""
    problemes = dans_le_futur(cadre, "date", lieu, ctx) + dans_le_futur(cadre, "date_reponse", lieu, ctx)
    problemes += avant(cadre, "date_reponse", "date", lieu, "réponse du {} antérieure à l'avis du {}.")
    return textes(cadre, ("structure", "sujet", "tonalite")), problemes


KIND = Kind(
    "avis", "Avis Services Publics+", "Avis",
    (Colonne("Date", "date", "date", True, "Le jour de l'avis.", alias=("date de l'avis", "date de publication",
                                                                       "publie le")),
     Colonne("Structure", "structure", "texte", False, "La structure concernée.", alias=("service",)),
     Colonne("Sujet", "sujet", "texte", False, "Le sujet de l'avis.", alias=("objet", "titre", "titre de l'avis")),
     Colonne("Tonalité", "tonalite", "code", True, "Le ton de l'avis.", TONALITES, TONALITES_ADMISES,
             ("ton", "tonalite de l'avis")),
     Colonne("Date de réponse", "date_reponse", "date", False, "Le jour de la réponse ; vide sans réponse.",
             alias=("date reponse", "repondu le"))),
    _finaliser_avis, cle_mois("date"), ("date", "structure", "sujet", "tonalite", "date_reponse"),
    "Une ligne par avis publié sur Services Publics+. Réimporter un mois le remplace.")
