"""Attendance of the points d'accès numériques: one row per point, month and démarche."""

from __future__ import annotations

import pandas as pd

from qualepref.imports.kinds.commun import Colonne, Contexte, Kind, cle_mois, en_double, negatifs, textes
from qualepref.imports.validation import Lieu, Probleme, date_fr


def _finaliser_pan(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Counts not negative, months begun; two rows for the same point, month and démarche add up (warning)."""
    problemes = negatifs(cadre, ("nombre",), lieu)
    mois = cadre["mois"]
    debut = pd.Timestamp(ctx.aujourd_hui).replace(day=1)
    problemes += lieu.masque((mois > debut).fillna(False), cadre["ligne"], "mois",
                             lambda i: f"mois de {_mois_fr(mois.iat[i])} à venir (nous sommes le "
                                       f"{date_fr(ctx.aujourd_hui)}).")
    problemes += en_double(cadre, ["point", "mois", "demarche"], lieu, "nombre",
                           lambda i, premiere: f"même point d'accès, mois et démarche qu'à la ligne {premiere} : les "
                                               "deux nombres seront additionnés.", bloquant=False)
    return textes(cadre, ("point", "demarche")), problemes


def _mois_fr(jour: pd.Timestamp) -> str:
    noms = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre")
    return f"{noms[jour.month - 1]} {jour.year}"


KIND = Kind(
    "pan", "Fréquentation des points d'accès numériques", "PAN",
    (Colonne("Point d'accès", "point", "texte", True, "Le point d'accès numérique (ou le lieu de l'animation).",
             alias=("point d'acces numerique", "pan", "lieu", "point")),
     Colonne("Mois", "mois", "mois", True, "Le mois (2024-05, 05/2024, mai 2024 ou une date du mois).",
             alias=("periode", "date")),
     Colonne("Démarche", "demarche", "texte", True, "La démarche accompagnée (titres de séjour, permis de "
             "conduire, immatriculation...).", alias=("demarches", "type de demarche", "motif")),
     Colonne("Nombre", "nombre", "entier", True, "Le nombre d'usagers accompagnés.",
             alias=("nombre d'usagers", "usagers", "frequentation", "nb"))),
    _finaliser_pan, cle_mois("mois"), ("point", "mois", "demarche", "nombre"),
    "Une ligne par point d'accès, mois et démarche. Réimporter un mois le remplace.")
