"""The crisis log (engagement 48): one row per crisis, when the COD was activated and when the élus were informed.

Chapter III, engagement 48: « En moins d'une heure après l'activation du COD, sur décision préfectorale, enregistrée
dans SYNERGI, nous assurons l'information factuelle des élus locaux ». The délai is counted in hours and minutes, so
each moment is a date and a time (two columns, as SYNERGI's main courante shows them); ``qualepref.crises`` judges
each crisis. An information left empty is a crisis whose élus are not informed yet.
"""

from __future__ import annotations

import pandas as pd

from qualepref.format import date_et_heure
from qualepref.imports.kinds.commun import (
    Colonne,
    Contexte,
    Kind,
    cle_mois,
    dans_le_futur,
    en_double,
    illisible,
    textes,
)
from qualepref.imports.validation import Lieu, Probleme

HEURE_SANS_DATE = ("date manquante : l'heure d'information des élus est remplie ; indiquez aussi la date "
                   "(jj/mm/aaaa), ou videz l'heure si les élus ne sont pas encore informés.")
DATE_SANS_HEURE = ("heure manquante : la date d'information des élus est remplie ; indiquez aussi l'heure (hh:mm) : "
                   "le délai d'une heure se juge à la minute.")


def message_information_avant(information: object, activation: object) -> str:
    """The élus informed before the COD was activated."""
    return (f"information des élus le {date_et_heure(information)}, antérieure à l'activation du COD le "
            f"{date_et_heure(activation)} : vérifiez les dates et heures de la ligne.")


def message_doublon(premiere: int) -> str:
    """The same crisis twice."""
    return f"crise déjà déclarée ligne {premiere} (même événement, même date et heure d'activation)."


def _incompletes(cadre: pd.DataFrame, lieu: Lieu) -> list[Probleme]:
    """An information dated without its time, or timed without its date (a cell unreadable is reported once)."""
    date, heure = cadre["date_information"], cadre["heure_information"]
    sans_heure = date.notna() & heure.isna() & ~illisible(cadre, "heure_information", lieu)
    sans_date = heure.notna() & date.isna() & ~illisible(cadre, "date_information", lieu)
    return (lieu.masque(sans_heure, cadre["ligne"], "heure_information", DATE_SANS_HEURE)
            + lieu.masque(sans_date, cadre["ligne"], "date_information", HEURE_SANS_DATE))


def _finaliser_crises(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Moments from date + time; dates not in the future; an information complete and not before the activation;
    no crisis twice."""
    problemes = dans_le_futur(cadre, "date_activation", lieu, ctx) + dans_le_futur(cadre, "date_information", lieu,
                                                                                    ctx)
    problemes += _incompletes(cadre, lieu)
    cadre["activation"] = cadre["date_activation"] + cadre["heure_activation"]
    cadre["information"] = cadre["date_information"] + cadre["heure_information"]
    activation, information = cadre["activation"], cadre["information"]
    problemes += lieu.masque((information < activation).fillna(False), cadre["ligne"], "heure_information",
                             lambda i: message_information_avant(information.iat[i], activation.iat[i]))
    problemes += en_double(cadre, ["evenement", "activation"], lieu, "evenement", lambda _i, p: message_doublon(p))
    return textes(cadre, ("evenement",)), problemes


KIND = Kind(
    "crises", "Journal des crises", "Crises",
    (Colonne("Événement", "evenement", "texte", True, "La crise ou l'événement majeur (inondation, tempête…).",
             alias=("evenement majeur", "crise", "nature de l'evenement", "intitule")),
     Colonne("Date d'activation du COD", "date_activation", "date", True,
             "Le jour où le centre opérationnel départemental (COD) a été activé.",
             alias=("date d'activation", "date de l'evenement", "date activation cod", "activation du cod")),
     Colonne("Heure d'activation du COD", "heure_activation", "heure", True,
             "L'heure de l'activation du COD, enregistrée dans SYNERGI.",
             alias=("heure d'activation", "heure de l'evenement", "heure activation cod")),
     Colonne("Date d'information des élus", "date_information", "date", False,
             "Le jour où les élus locaux ont reçu l'information factuelle ; vide s'ils ne sont pas encore informés.",
             alias=("date d'information", "date information elus", "elus informes le")),
     Colonne("Heure d'information des élus", "heure_information", "heure", False,
             "L'heure de cette information (obligatoire avec la date).",
             alias=("heure d'information", "heure information elus"))),
    _finaliser_crises, cle_mois("activation"), ("evenement", "activation", "information"),
    "Une ligne par crise : l'activation du COD et l'information des élus, date et heure (engagement 48 : « en "
    "moins d'une heure après l'activation du COD »). Réimporter un mois le remplace.")
