"""The plan d'actions: one row per action, its status and progress."""

from __future__ import annotations

import pandas as pd

from qualepref.imports import validation as v
from qualepref.imports.kinds.commun import (Colonne, Contexte, Kind, au_dessus_de_100, cle_annee, illisible,
                                            negatifs, table, textes)
from qualepref.imports.validation import Lieu, Probleme


STATUTS = table({
    "a_lancer": ("à lancer", "non lancée", "non commencée", "non démarrée", "à faire", "prévue"),
    "en_cours": ("en cours", "engagée", "démarrée"),
    "realisee": ("réalisée", "réalisé", "terminée", "terminé", "faite", "fait", "achevée"),
    "abandonnee": ("abandonnée", "abandonné", "annulée", "annulé"),
})
STATUTS_ADMIS = ("à lancer", "en cours", "réalisée", "abandonnée")


def _finaliser_plan(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Each action's year (its Année, else the year given, else its Échéance's), progress 0–100, engagements known
    to the referential; an action « réalisée » under 100 % is a warning."""
    annees_echeance = cadre["echeance"].dt.year.astype("Int64")
    if ctx.annee is not None:
        cadre["annee"] = cadre["annee"].fillna(ctx.annee)
    cadre["annee"] = cadre["annee"].fillna(annees_echeance)
    problemes = lieu.masque(cadre["annee"].isna() & ~illisible(cadre, "annee", lieu), cadre["ligne"],
                            "annee", "année du plan inconnue : remplissez la colonne « Année » ou « Échéance », ou "
                                     "indiquez l'année de l'import.")
    avancement = cadre["avancement"]
    problemes += negatifs(cadre, ("avancement",), lieu)
    problemes += au_dessus_de_100(cadre, "avancement", lieu, quoi="avancement")
    connus = {e.numero for e in ctx.referentiel.engagements}
    engagements = cadre["engagement"]
    problemes += lieu.masque((engagements.notna() & ~engagements.isin(connus)).to_numpy(dtype=bool),
                             cadre["ligne"], "engagement",
                             lambda i: f"engagement n° {engagements.iat[i]} inconnu du référentiel "
                                       f"« {ctx.referentiel.titre} ».")
    problemes += lieu.masque(((cadre["statut"] == "realisee") & (avancement < 100)).fillna(False), cadre["ligne"],
                             "avancement", lambda i: f"action réalisée avec un avancement de "
                                                     f"{v.nombre_lu(avancement.iat[i], 100)} % : vérifiez le statut "
                                                     "ou l'avancement.", bloquant=False)
    cadre["annee"] = cadre["annee"].astype("Int64")
    return textes(cadre, ("axe", "thematique", "action", "structure", "pilote", "statut")), problemes


KIND = Kind(
    "plan", "Plan d'actions", "Plan d'actions",
    (Colonne("Axe", "axe", "texte", True, "L'axe du plan d'actions.", alias=("axes", "axe strategique")),
     Colonne("Thématique", "thematique", "texte", True, "La thématique de l'action.",
             alias=("theme", "thematiques")),
     Colonne("Action", "action", "texte", True, "L'action.", alias=("actions", "intitule de l'action",
                                                                    "libelle de l'action")),
     Colonne("Structure", "structure", "texte", False, "La structure qui porte l'action (préfecture, "
             "sous-préfecture, direction...).", alias=("service", "structure porteuse")),
     Colonne("Pilote", "pilote", "texte", False, "Qui pilote l'action.", alias=("responsable", "pilotes")),
     Colonne("Échéance", "echeance", "date", False, "La date prévue de fin (jj/mm/aaaa).",
             alias=("date d'echeance", "date de fin prevue", "echeance prevue")),
     Colonne("Statut", "statut", "code", True, "Où en est l'action.", STATUTS, STATUTS_ADMIS,
             ("etat", "etat d'avancement")),
     Colonne("Avancement", "avancement", "taux", False, "De 0 à 100 % (56, 56 % ou 0,56).",
             alias=("taux d'avancement", "avancement en %", "pourcentage d'avancement")),
     Colonne("Engagement", "engagement", "entier", False, "Le numéro de l'engagement du référentiel que l'action "
             "sert, s'il y en a un.", alias=("n° d'engagement", "numero d'engagement", "engagement n°")),
     Colonne("Année", "annee", "annee", False, "L'année du plan ; sinon l'année indiquée à l'import, sinon "
             "celle de l'échéance.", alias=("annee du plan",))),
    _finaliser_plan, cle_annee,
    ("annee", "axe", "thematique", "action", "structure", "pilote", "echeance", "statut", "avancement",
     "engagement"),
    "Une ligne par action. Réimporter le plan d'une année le remplace entièrement.")
