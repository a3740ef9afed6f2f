"""The demonstration's plan d'actions, PAN attendance and Services Publics+ avis.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from qualepref.imports.demo.commun import (
    Profil,
    _fin_annee,
    _hasard,
    _mois,
    _rang,
)
from qualepref.imports.demo.journal import (
    SAISON,
)

# --- plan d'actions ----------------------------------------------------------------------------------------------

AXE_1 = "Axe 1 : Communication et informations internes et externes"
AXE_2 = "Axe 2 : Amélioration des organisations et des outils"
PREF, SGCD = "Préfecture", "Secrétariat général commun"
REIMS, VITRY = "Sous-préfecture de Reims", "Sous-préfecture de Vitry-le-François"
# thématique → (axe, actions: (action, structure, pilote, engagement or None))
THEMATIQUES: dict[str, tuple[str, tuple[tuple[str, str, str, int | None], ...]]] = {
    "1. Informations et orientations des usagers": (AXE_1, (
        ("Nouveau script du serveur vocal interactif", PREF, "Responsable du standard", 8),
        ("Actualisation des rubriques du site internet (horaires, liens utiles, France Services)", PREF,
         "Bureau de la communication interministérielle", 11),
        ("Affichage des engagements Services Publics+ et des résultats des services dans le hall", PREF,
         "Référente qualité", 3),
        ("Charte de l'usager affichée dans le hall et publiée sur le site internet", PREF, "Référente qualité", 1),
        ("Signalétique de l'accueil revue avec les usagers", REIMS, "Secrétaire général de la sous-préfecture", 5),
        ("Promotion des comptes de la préfecture sur les réseaux sociaux", PREF,
         "Bureau de la communication interministérielle", 19),
    )),
    "2. Sensibilisation des agents et formation": (AXE_1, (
        ("Formation à l'accueil des publics difficiles et aux situations d'incivilité", SGCD,
         "Service de la formation", 2),
        ("Sensibilisation des agents à la joignabilité téléphonique", PREF, "Responsable de l'accueil", 10),
        ("Répertoire des compétences des services de l'ATE", SGCD, "Service des ressources humaines", 9),
        ("Procédure de signalement des cas d'incivilité", PREF, "Cabinet du préfet", None),
        ("Formation des nouveaux arrivants à la démarche qualité", SGCD, "Référente qualité", None),
    )),
    "3. Améliorer les pratiques professionnelles et les évaluer": (AXE_2, (
        ("Auto-évaluation des services sur le référentiel", PREF, "Référente qualité", None),
        ("Recueil des avis des usagers (enquête, urne, Je donne mon avis)", PREF, "Référente qualité", 3),
        ("Ajustement du plan d'amélioration après l'enquête de satisfaction", PREF, "Comité de pilotage", None),
        ("Tableau de bord mensuel des délais de réponse aux courriels", PREF, "Responsable de l'accueil", 17),
    )),
    "4. Aménagement des espaces d'accueil physique": (AXE_2, (
        ("Mobilier adapté et fontaine à eau dans l'espace d'attente", PREF, "Service immobilier", 6),
        ("Espace de confidentialité au guichet des titres", PREF, "Responsable de l'accueil", 6),
        ("Rénovation de la signalétique du hall", VITRY, "Secrétaire générale de la sous-préfecture", 5),
        ("Boucle magnétique pour les personnes malentendantes", PREF, "Service immobilier", 4),
    )),
    "5. Adaptation aux contraintes des usagers, faciliter leurs démarches": (AXE_2, (
        ("Accueil au point d'accès numérique par des médiateurs (service civique)", PREF, "Responsable du PAN", 15),
        ("Rendez-vous à distance pour les personnes en situation de handicap", PREF,
         "Cheffe du service de l'immigration", 4),
        ("Ouverture du point d'accès numérique le jeudi jusqu'à 18 h", REIMS,
         "Secrétaire général de la sous-préfecture", 15),
        ("Prise de rendez-vous en ligne pour les élus", PREF, "Directeur des collectivités", 37),
        ("Rendez-vous à l'accueil de la DDT pour réduire l'attente", "Direction départementale des territoires",
         "Secrétaire générale de la DDT", 7),
    )),
    "6. Favoriser l'éco-responsabilité": (AXE_2, (
        ("Plan de sobriété énergétique", SGCD, "Service immobilier", None),
        ("Parc à vélos pour les agents et sensibilisation aux mobilités douces", SGCD, "Service immobilier", None),
        ("Verdissement du parc automobile", SGCD, "Service de la logistique", None),
        ("Dématérialisation des courriers aux collectivités", PREF, "Directeur des collectivités", 36),
    )),
}
ACTIONS_PAR_AN = 26
STATUTS_FICHIER = {"a_lancer": "À lancer", "en_cours": "En cours", "realisee": "Réalisée",
                   "abandonnee": "Abandonnée"}


def _statut(echeance: dt.date, fin: dt.date, hasard: np.random.Generator) -> tuple[str, int]:
    """Status and avancement (%) of an action at ``fin``: most done by their deadline, some overdue."""
    if echeance <= fin:
        statut = hasard.choice(["realisee", "en_cours", "a_lancer", "abandonnee"], p=[0.74, 0.18, 0.04, 0.04])
    else:
        statut = hasard.choice(["realisee", "en_cours", "a_lancer"], p=[0.15, 0.5, 0.35])
    avancement = {"realisee": 100, "a_lancer": 0}.get(str(statut), int(hasard.integers(2, 18)) * 5)
    return str(statut), avancement


def cadre_plan(annee: int, fin: dt.date) -> pd.DataFrame:
    """The year's plan d'actions local: 26 actions in 6 thématiques and 2 axes, as followed by the référente."""
    hasard = _hasard("DEMO-PREF", "plan", annee)
    catalogue = [(axe, thematique, *action) for thematique, (axe, actions) in THEMATIQUES.items()
                 for action in actions]
    retenues = sorted(hasard.choice(len(catalogue), ACTIONS_PAR_AN, replace=False))
    lignes = []
    for i in retenues:
        axe, thematique, action, structure, pilote, engagement = catalogue[i]
        mois = int(hasard.integers(3, 13))
        echeance = dt.date(annee, mois, calendar.monthrange(annee, mois)[1])
        statut, avancement = _statut(echeance, fin, hasard)
        lignes.append({"Axe": axe, "Thématique": thematique, "Action": action, "Structure": structure,
                       "Pilote": pilote, "Échéance": echeance, "Statut": STATUTS_FICHIER[statut],
                       "Avancement (%)": avancement, "Engagement": engagement, "Année": annee})
    return pd.DataFrame(lignes)


# --- points d'accès numériques -----------------------------------------------------------------------------------

DEMARCHES_PAN = {"Étrangers": 0.29, "Permis de conduire": 0.20, "Immatriculation des véhicules": 0.19,
                 "Commission médicale": 0.09, "CNI et passeports": 0.03, "Armes": 0.01, "Autres": 0.19}
STAND_PAN = ("Stand des services de l'État (foire de Châlons)", 9, 318)


def cadre_pan(profil: Profil, annee: int, annees: Sequence[int], fin: dt.date) -> pd.DataFrame:
    """The year's PAN attendance per point, month and démarche (a stand at the fair in September too)."""
    hasard = _hasard(profil.code, "pan", annee)
    lignes = []
    for point, annuel in profil.pan.items():
        for mois in _mois(annee, fin):
            total = annuel * SAISON[mois.month - 1] / sum(SAISON) * (1 + 0.06 * _rang(annee, annees))
            comptes = hasard.multinomial(int(round(total * hasard.uniform(0.9, 1.1))), list(DEMARCHES_PAN.values()))
            lignes += [{"Point d'accès": point, "Mois": mois, "Démarche": d, "Nombre": int(c)}
                       for d, c in zip(DEMARCHES_PAN, comptes, strict=True) if c > 0]
    stand, mois_stand, visiteurs = STAND_PAN
    if profil.code == "DEMO-PREF" and dt.date(annee, mois_stand, 1) in _mois(annee, fin):
        comptes = hasard.multinomial(visiteurs, list(DEMARCHES_PAN.values()))
        lignes += [{"Point d'accès": stand, "Mois": dt.date(annee, mois_stand, 1), "Démarche": d, "Nombre": int(c)}
                   for d, c in zip(DEMARCHES_PAN, comptes, strict=True) if c > 0]
    return pd.DataFrame(lignes, columns=["Point d'accès", "Mois", "Démarche", "Nombre"])


# --- avis Services Publics+ --------------------------------------------------------------------------------------

DDETSPP = "Direction départementale de l'emploi, du travail, des solidarités et de la protection des populations"
AVIS = (
    ("Plateforme du système d'information sur les armes", "Négatif", PREF),
    ("Temps d'attente à l'accueil de la DDT", "Négatif", "Direction départementale des territoires"),
    ("Plateforme de demande de naturalisation", "Négatif", PREF),
    ("Prise d'empreintes au service séjour", "Positif", PREF),
    ("Certificat de situation d'un véhicule", "Neutre", PREF),
    ("Dépôt en ligne d'une demande de médaille du travail", "Positif", PREF),
    ("Changement de statut de commerçant", "Négatif", DDETSPP),
    ("Aide reçue au point d'accès numérique", "Positif", PREF),
    ("Renouvellement d'un titre de séjour", "Négatif", REIMS),
    ("Rendez-vous pour un échange de permis de conduire", "Positif", PREF),
    ("Amabilité de l'agent d'accueil", "Positif", VITRY),
    ("Délai de réponse à un courriel", "Neutre", PREF),
)


def cadre_avis(annee: int, fin: dt.date) -> pd.DataFrame:
    """The year's Services Publics+ avis about the ATE structures and the answers given (some still pending)."""
    hasard = _hasard("DEMO-PREF", "avis", annee)
    jours = pd.date_range(dt.date(annee, 1, 1), _fin_annee(annee, fin), freq="D").date
    nombre = min(len(jours), int(hasard.integers(4, 8)))
    lignes = []
    for i, jour in zip(hasard.choice(len(AVIS), nombre, replace=False), sorted(hasard.choice(jours, nombre)),
                       strict=True):
        sujet, tonalite, structure = AVIS[i]
        reponse = jour + dt.timedelta(days=int(hasard.integers(1, 15)))
        lignes.append({"Date": jour, "Structure": structure, "Sujet": sujet, "Tonalité": tonalite,
                       "Date de réponse": reponse if reponse <= fin else None})
    return pd.DataFrame(lignes, columns=["Date", "Structure", "Sujet", "Tonalité", "Date de réponse"])
