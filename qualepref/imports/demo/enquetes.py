"""The demonstration's surveys: satisfaction per theme (answers, an older survey known as rates, the élus'
survey) and the mystery surveys and calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qualepref.imports.demo.commun import (
    Profil,
    _hasard,
    _rang,
)

# --- satisfaction surveys ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """A survey question, the theme it measures, the share of « sans avis » and the rates of the three years."""

    texte: str
    theme: str
    sans_avis: float
    taux: tuple[float, float, float]


QUESTIONS = (
    Question("Comment jugez-vous l'accueil qui vous a été réservé dans nos locaux ?", "Accueil physique", 0.04,
             (95.0, 96.0, 97.0)),
    Question("L'orientation dans le hall et la signalétique vous ont-elles paru claires ?",
             "Orientation des usagers", 0.08, (88.0, 90.0, 92.0)),
    Question("Le confort de l'espace d'attente (sièges, fontaine à eau, confidentialité)", "Confort de l'accueil",
             0.10, (82.0, 85.0, 88.0)),
    Question("Le temps d'attente avant d'être reçu", "Délai d'attente", 0.06, (75.0, 77.0, 81.0)),
    Question("La courtoisie et la disponibilité des agents", "Courtoisie", 0.05, (94.0, 95.0, 96.0)),
    Question("Si vous nous avez appelés : l'accueil téléphonique", "Accueil téléphonique", 0.45,
             (79.0, 78.0, 77.6)),
    Question("Si vous l'avez utilisé : le point d'accès numérique et l'aide du médiateur",
             "Point d'accès numérique", 0.60, (78.0, 84.0, 91.0)),
    Question("Si vous nous avez écrit : la réponse à votre courrier ou courriel", "Courriers et courriels", 0.55,
             (96.0, 97.0, 90.3)),
    Question("Le site internet de la préfecture (clarté, informations à jour)", "Site internet", 0.30,
             (75.0, 77.0, 80.0)),
    Question("Nos comptes sur les réseaux sociaux", "Réseaux sociaux", 0.93, (70.0, 75.0, 82.0)),
    Question("Globalement, êtes-vous satisfait de votre visite ?", "Satisfaction globale", 0.03,
             (86.0, 88.0, 90.0)),
)
MAX_EXPRIMES_FRAGILE = 26  # « Réseaux sociaux » stays under 30 answers: the fragile flag shows
REPONSES_FICHIER = {
    "standard": {"tres_satisfait": "Très satisfait", "satisfait": "Satisfait", "peu_satisfait": "Peu satisfait",
                 "pas_du_tout_satisfait": "Pas du tout satisfait", "sans_avis": "Sans avis"},
    "plutot": {"tres_satisfait": "Très satisfait", "satisfait": "Plutôt satisfait",
               "peu_satisfait": "Plutôt pas satisfait", "pas_du_tout_satisfait": "Pas du tout satisfait",
               "sans_avis": "Ne se prononce pas"},
}
# Rates of the year before the three (survey results known only as rates, like the 2022 column of a comité).
TAUX_ANCIENS = {"Accueil physique": 96.0, "Accueil téléphonique": 78.0, "Point d'accès numérique": 76.0,
                "Courriers et courriels": 97.0, "Site internet": 76.0, "Réseaux sociaux": 68.0}


def _reponses_question(question: Question, n: int, taux: float, hasard: np.random.Generator) -> np.ndarray:
    """Answer codes of ``n`` respondents to one question, hitting ``taux`` on the expressed answers."""
    exprimes = int(round(n * (1 - question.sans_avis)))
    if question.theme == "Réseaux sociaux":
        exprimes = min(exprimes, MAX_EXPRIMES_FRAGILE)
    satisfaits = int(round(exprimes * taux / 100))
    tres = int(round(satisfaits * hasard.uniform(0.35, 0.55)))
    pas_du_tout = int(round((exprimes - satisfaits) * 0.3))
    codes = (["tres_satisfait"] * tres + ["satisfait"] * (satisfaits - tres)
             + ["pas_du_tout_satisfait"] * pas_du_tout + ["peu_satisfait"] * (exprimes - satisfaits - pas_du_tout)
             + ["sans_avis"] * (n - exprimes))
    return hasard.permutation(np.array(codes, dtype=object))


def cadres_enquete(profil: Profil, annee: int, annees: Sequence[int]) -> dict[str, pd.DataFrame]:
    """The year's survey: sheet « Réponses » (one row per respondent) and sheet « Questionnaire » (themes)."""
    hasard = _hasard(profil.code, "enquete", annee)
    n = int(round(profil.repondants * (1 + 0.08 * _rang(annee, annees))))
    libelles = REPONSES_FICHIER["plutot" if profil.code == "DEMO-SP1" else "standard"]
    reponses = {"Année": [annee] * n}
    for i, question in enumerate(QUESTIONS):
        taux = min(99.0, question.taux[_rang(annee, annees)] + profil.ecart_satisfaction)
        codes = _reponses_question(question, n, taux, hasard)
        vides = hasard.random(n) < 0.5  # half the « sans avis » are left empty, as on paper forms
        reponses[question.texte] = [None if c == "sans_avis" and vides[j] else libelles[c]
                                    for j, c in enumerate(codes)]
    questionnaire = pd.DataFrame({"Question": [q.texte for q in QUESTIONS], "Thème": [q.theme for q in QUESTIONS]})
    return {"Réponses": pd.DataFrame(reponses), "Questionnaire": questionnaire}


def cadre_enquete_ancienne(annee: int) -> pd.DataFrame:
    """Results of an older survey known only as rates per theme (no counts)."""
    return pd.DataFrame({"Année": [annee] * len(TAUX_ANCIENS), "Thème": list(TAUX_ANCIENS),
                         "Taux de satisfaction": list(TAUX_ANCIENS.values())})


def cadre_enquete_elus(annees: Sequence[int]) -> pd.DataFrame:
    """The yearly survey of mayors on the relations with the préfecture (module 4), counted by the service."""
    lignes = []
    for annee in annees:
        hasard = _hasard("DEMO-PREF", "enquete-agregee", annee)
        exprimes = int(hasard.integers(55, 75))
        satisfaits = int(round(exprimes * (0.84 + 0.03 * _rang(annee, annees) + hasard.normal(0, 0.02))))
        lignes.append({"Année": annee, "Thème": "Relations avec les collectivités", "Satisfaits": satisfaits,
                       "Exprimés": exprimes})
    return pd.DataFrame(lignes)


# --- enquêtes et appels mystère ----------------------------------------------------------------------------------

CRITERES_MYSTERE = {
    "Téléphone": (("Décroché en moins de 5 sonneries", 0.84), ("Présentation de l'interlocuteur", 0.90),
                  ("Formule de politesse et courtoisie", 0.96), ("Réponse complète ou orientation adaptée", 0.86)),
    "Courriel": (("Réponse dans le délai de 5 jours ouvrés", 0.88), ("Réponse claire et complète", 0.90),
                 ("Signature et coordonnées du service", 0.92)),
}
CONTACTS_MYSTERE = {"Téléphone": 15, "Courriel": 8}
MOIS_MYSTERE = (1, 9)


def cadre_mystere(profil: Profil, annee: int, annees: Sequence[int], fin: dt.date) -> pd.DataFrame:
    """The year's mystery calls and e-mails (campaigns in January and September), one row per contact and criterion."""
    hasard = _hasard(profil.code, "mystere", annee)
    lignes = []
    for mois in MOIS_MYSTERE:
        jours = [j for j in pd.bdate_range(dt.date(annee, mois, 1), dt.date(annee, mois, 28)).date if j <= fin]
        for canal, criteres in CRITERES_MYSTERE.items():
            for jour in sorted(hasard.choice(jours, CONTACTS_MYSTERE[canal])) if jours else []:
                for critere, taux in criteres:
                    conforme = hasard.random() < min(0.99, taux + 0.03 * _rang(annee, annees))
                    lignes.append({"Date": jour, "Canal": canal, "Critère": critere,
                                   "Résultat": "conforme" if conforme else "non conforme"})
    return pd.DataFrame(lignes, columns=["Date", "Canal", "Critère", "Résultat"])
