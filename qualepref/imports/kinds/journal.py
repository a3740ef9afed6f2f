"""The journal of courriers, courriels and réclamations: one row per written request and its answer."""

from __future__ import annotations

import pandas as pd

from qualepref.imports.kinds.commun import (CANAUX, CANAUX_ADMIS, Colonne, Contexte, Kind, avant, cle_mois,
                                            dans_le_futur, en_double, table, textes)
from qualepref.imports.validation import Lieu, Probleme


NATURES = table({
    "information": ("demande d'information", "demande d'informations", "demande de renseignement",
                    "demande de renseignements", "renseignement"),
    "reclamation": ("réclamation", "réclamations", "plainte"),
    "suggestion": ("suggestion", "suggestions", "proposition"),
    "collectivite": ("demande de collectivité", "demande d'une collectivité", "collectivité",
                     "demande d'information ou de conseil d'une collectivité", "demande de conseil d'une collectivité"),
})
NATURES_ADMISES = ("demande d'information", "réclamation", "suggestion", "demande de collectivité")
TYPES_REPONSE = table({"fond": ("réponse sur le fond", "réponse de fond", "sur le fond"),
                       "attente": ("réponse d'attente", "d'attente")})
TYPES_REPONSE_ADMIS = ("fond", "attente")


def _finaliser_journal(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Duplicate references, dates in the future or in the wrong order; telephone rows (one warning)."""
    references = cadre["reference"]
    problemes = en_double(cadre, ["reference"], lieu, "reference",
                          lambda i, premiere: f"référence « {references.iat[i]} » en double (déjà à la ligne "
                                              f"{premiere}).")
    for colonne in ("date_reception", "date_completude", "date_reponse"):
        problemes += dans_le_futur(cadre, colonne, lieu, ctx)
    problemes += avant(cadre, "date_reponse", "date_reception", lieu, "réponse du {} antérieure à la réception du {}.")
    problemes += avant(cadre, "date_completude", "date_reception", lieu,
                       "complétude du {} antérieure à la réception du {}.")
    problemes += avant(cadre, "date_reponse", "date_completude", lieu,
                       "réponse du {} antérieure à la complétude du {} : vérifiez ces deux dates.", bloquant=False)
    telephone = (cadre["canal"] == "telephone").fillna(False).to_numpy()
    if telephone.any():
        autres = int(telephone.sum()) - 1
        suite = f" ({autres} autre{'s' if autres > 1 else ''} ligne{'s' if autres > 1 else ''} dans ce cas)" \
            if autres else ""
        problemes.append(lieu.probleme(
            "demande reçue par téléphone : aucun délai de réponse écrite ne s'y applique ; elle est importée mais "
            f"n'entre dans aucun taux de délai{suite}.", int(cadre["ligne"].to_numpy()[telephone][0]), "canal",
            bloquant=False))
    return textes(cadre, ("reference", "canal", "nature", "type_reponse", "service")), problemes


def _colonnes_journal() -> tuple[Colonne, ...]:
    return (
        Colonne("Référence", "reference", "texte", True, "L'identifiant unique de la demande (numéro d'ordre, "
                "numéro de courrier...). Deux lignes ne peuvent pas porter la même référence.",
                alias=("ref", "reference de la demande", "n° de reference", "numero", "n°", "numero de la demande")),
        Colonne("Canal", "canal", "code", True, "Par où la demande est arrivée. Les demandes par téléphone sont "
                "acceptées mais n'entrent dans aucun délai de réponse écrite.", CANAUX, CANAUX_ADMIS,
                ("canal de reception", "mode de reception", "voie de reception")),
        Colonne("Nature", "nature", "code", True, "Ce que demande l'usager.", NATURES, NATURES_ADMISES,
                ("nature de la demande", "type de demande")),
        Colonne("Date de réception", "date_reception", "date", True, "Le jour où la demande est arrivée "
                "(jj/mm/aaaa).", alias=("date reception", "recue le", "recu le", "date d'arrivee", "arrivee le")),
        Colonne("Date de complétude", "date_completude", "date", False, "Pour une demande incomplète : le jour où "
                "elle a été complétée. Le délai d'une demande d'information (engagement 17 : « dès lors que la "
                "demande est complète ») court alors de cette date ; celui d'une réclamation, d'une suggestion (3) "
                "ou d'une demande de collectivité (36) court toujours de la réception.",
                alias=("date completude", "completee le", "complete le", "date de completude du dossier")),
        Colonne("Date de réponse", "date_reponse", "date", False, "Le jour de la réponse ; vide tant que la "
                "demande attend sa réponse.", alias=("date reponse", "repondu le", "reponse le",
                                                    "date de la reponse")),
        Colonne("Type de réponse", "type_reponse", "code", False, "« fond » pour une réponse sur le fond, "
                "« attente » pour une réponse d'attente.", TYPES_REPONSE, TYPES_REPONSE_ADMIS,
                ("type reponse", "nature de la reponse")),
        Colonne("Service", "service", "texte", False, "Le service qui a traité la demande.",
                alias=("service traitant", "service en charge", "bureau")),
    )


KIND = Kind(
    "journal", "Journal des courriers, courriels et réclamations", "Journal", _colonnes_journal(),
    _finaliser_journal, cle_mois("date_reception"),
    ("reference", "canal", "nature", "date_reception", "date_completude", "date_reponse",
     "type_reponse", "service"),
    "Une ligne par demande écrite reçue (courrier, courriel, formulaire, urne) et sa réponse. Importer un mois "
    "déjà importé remplace ce mois (mois de la date de réception).")
