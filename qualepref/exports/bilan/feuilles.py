"""The bilan's figure sheets: one per module retained (its indicators against their targets), « Enquêtes »
(satisfaction, with its chart), « Mystère », « Réclamations » (délais de réponse) and « Compte rendu » (what the
data cannot say, to fill in at the meeting).

Apart from « Synthèse » (``synthese``) and the improvement-plan sheets (``plan``): each function fills one
sheet from the results, the layout is ``mise_en_page.Feuille``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualepref.exports import commun
from qualepref.exports.bilan.cellules import Colonne
from qualepref.exports.bilan.mise_en_page import Feuille

if TYPE_CHECKING:
    from qualepref.resultats import Resultats


def _module(f: Feuille, r: Resultats, numero: int) -> None:
    annuels = commun.annuels(r)
    siens = annuels[annuels["module"].astype(str) == str(numero)] if "module" in annuels else annuels.iloc[0:0]
    f.note(f"Valeurs de l'année {r.annee} et de {r.annee - 1} ; évolution en points pour les taux, en jours pour les "
           "délais ; statut au regard de la cible.")
    f.table(
        [Colonne("Code", 12), Colonne("Indicateur", 52), Colonne("Engagement", 11, "engagement"),
         Colonne("Unité", 12), Colonne(f"Valeur {r.annee}", 14, "indicateur"),
         Colonne(f"Valeur {r.annee - 1}", 14, "indicateur"), Colonne("Évolution", 13, "evolution"),
         Colonne("Cible", 14, "indicateur"), Colonne("Statut", 14, "statut")],
        [[i.get("code"), i.get("libelle"), i.get("engagements") or i.get("engagement"), i.get("unite"),
          (i.get("valeur"), i.get("unite")), (i.get("valeur_precedente"), i.get("unite")),
          (i.get("progression_points"), i.get("unite")), (i.get("cible"), i.get("unite")), i.get("statut")]
         for i in siens.to_dict("records")],
        "Aucun indicateur chiffré pour ce module : ses engagements se vérifient par les preuves d'audit.",
        figer=True)


def _enquetes(f: Feuille, r: Resultats) -> None:
    e = r.enquetes
    f.note("Taux de satisfaction = (très satisfaits + satisfaits) / réponses exprimées (hors « sans avis ») ; "
           "évolution en points.")
    entete, derniere = f.table(
        [Colonne("Thème", 34), Colonne(f"Taux {r.annee - 1}", 12, "taux"), Colonne(f"Taux {r.annee}", 12, "taux"),
         Colonne("Évolution", 12, "points"), Colonne("Réponses exprimées", 12, "compte"),
         Colonne("Taux fragile (peu de réponses)", 14, "oui_non")],
        [[x.get("theme"), x.get("taux_precedent"), x.get("taux"), x.get("progression_points"), x.get("exprimes"),
          None if commun.manquant(x.get("fragile")) else bool(x.get("fragile"))] for x in e.to_dict("records")],
        "Aucune enquête de satisfaction pour cette année.", figer=True)
    f.graphique(f"Taux de satisfaction {r.annee - 1} et {r.annee}", entete, derniere, 1, [2, 3], 8,
                "Taux de satisfaction")


def _mystere(f: Feuille, r: Resultats) -> None:
    f.table(
        [Colonne("Canal", 16), Colonne("Critère", 48), Colonne("Contrôles", 11, "compte"),
         Colonne("Conformes", 11, "compte"), Colonne("Taux de conformité", 13, "taux")],
        [[commun.libelle(commun.CANAUX, m.get("canal")), m.get("critere"), m.get("controles"), m.get("conformes"),
          m.get("taux")] for m in r.mystere.to_dict("records")],
        "Aucune enquête mystère enregistrée pour cette année.", figer=True)


def _reclamations(f: Feuille, r: Resultats) -> None:
    from qualepref.presentation import etat_des_delais
    from qualepref.resultats import REGLE_ETAT_AU

    etat = etat_des_delais(r)
    f.note("Délais en jours ouvrés, jugés selon les règles de délai du référentiel"
           + (f", {etat}. {REGLE_ETAT_AU}" if etat else "."))
    f.table(
        [Colonne("Engagement", 11, "engagement"), Colonne("Nature", 24), Colonne("Canal", 16),
         Colonne("Reçues", 10, "compte"),
         Colonne("Répondues", 10, "compte"), Colonne("En cours", 10, "compte"),
         Colonne("Répondues dans le délai", 12, "compte"), Colonne("Hors délai", 10, "compte"),
         Colonne("Taux dans le délai", 12, "taux"), Colonne("Délai moyen (jours ouvrés)", 12, "jours"),
         Colonne("Délai médian (jours ouvrés)", 12, "jours")],
        [[d.get("engagement"), commun.libelle(commun.NATURES, d.get("nature")),
          commun.libelle(commun.CANAUX, d.get("canal")), d.get("recus"), d.get("repondus"), d.get("en_cours"),
          d.get("dans_le_delai"), d.get("hors_delai"), d.get("taux_dans_le_delai"), d.get("delai_moyen"),
          d.get("delai_median")] for d in r.delais.to_dict("records")],
        "Aucune demande enregistrée au journal pour cette année.", figer=True)


def _compte_rendu(f: Feuille, r: Resultats) -> None:
    f.note("À compléter pendant la réunion de bilan : ce que les données importées ne disent pas.")
    f.table(
        [Colonne("Rubrique", 52), Colonne("À compléter", 80)],
        [["Date de la réunion de bilan", ""],
         ["Participants (préfet ou son représentant, directeurs et chefs de bureau des services concernés, "
          "responsable de la démarche qualité)", ""],
         ["Besoins en formation", ""],
         ["Résultats de l'auto-évaluation ou de l'audit interne", ""],
         ["Écarts constatés et mesures correctives décidées (plan d'amélioration)", ""],
         ["Suivi de l'efficacité des actions décidées l'an passé", ""],
         ["Information des personnels (modalités, date)", ""],
         ["Présentation au comité technique (date)", ""]],
        "", figer=True)
    for ligne in range(f.ligne - 8, f.ligne):  # room to write (the measured height when the text needs more)
        f.ws.row_dimensions[ligne].height = 45


__all__: list[str] = []
