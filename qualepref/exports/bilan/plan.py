"""The bilan's improvement-plan sheets (chapter V: « plans d'amélioration et leur suivi »): « Plan d'actions »
(overall, per axe with its chart, per thématique, actions late), « PAN » (attendance of the points d'accès
numériques, per point with its chart and per démarche) and « Avis SP+ » (Services Publics+ avis per tonalité).

Apart from the figure sheets (``feuilles``) because they read the plan and its follow-up, not the indicators.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualepref.exports import commun
from qualepref.exports.bilan.cellules import FORMAT_COMPTE, Colonne
from qualepref.exports.bilan.mise_en_page import Feuille

if TYPE_CHECKING:
    from qualepref.resultats import Resultats


def _plan(f: Feuille, r: Resultats) -> None:
    completion, moyenne = commun.methodes_plan()
    f.section("Réalisation globale")
    f.paires([("Taux de réalisation global", r.plan_global.get("taux"), "taux"),
              ("Actions", r.plan_global.get("actions"), "compte")])
    f.note(completion)
    f.section("Par axe")
    f.note(moyenne)
    entete, derniere = f.table(
        [Colonne("Axe", 44), Colonne("Taux de réalisation", 14, "taux"), Colonne("Actions", 10, "compte")],
        [[a.get("axe"), a.get("taux"), a.get("actions")] for a in r.plan_axes.to_dict("records")],
        "Aucun plan d'actions pour cette année.", figer=True)
    f.graphique("Réalisation du plan d'actions par axe", entete, derniere, 1, [2], 6, "Taux de réalisation")
    f.ligne = max(f.ligne, entete + 17)
    f.section("Par thématique")
    f.table(
        [Colonne("Axe", 44), Colonne("Thématique", 44), Colonne("Taux de réalisation", 14, "taux"),
         Colonne("Actions", 10, "compte")],
        [[t.get("axe"), t.get("thematique"), t.get("taux"), t.get("actions")]
         for t in r.plan_thematiques.to_dict("records")],
        "Aucune thématique.")
    f.section("Actions en retard (échéance passée, non réalisées)")
    f.table(
        [Colonne("Axe", 30), Colonne("Thématique", 30), Colonne("Action", 40), Colonne("Structure", 16),
         Colonne("Pilote", 18), Colonne("Échéance", 12, "date"), Colonne("Statut", 12),
         Colonne("Avancement", 11, "taux_entier")],
        [[a.get("axe"), a.get("thematique"), a.get("action"), a.get("structure"), a.get("pilote"),
          a.get("echeance"), commun.libelle(commun.STATUTS_ACTION, a.get("statut")), a.get("avancement")]
         for a in r.plan_en_retard.to_dict("records")],
        "Aucune action en retard.")


def _pan(f: Feuille, r: Resultats) -> None:
    f.paires([("Fréquentation totale", r.pan.get("total"), "compte")])
    f.section("Par point d'accès")
    entete, derniere = f.table(
        [Colonne("Point d'accès numérique", 40), Colonne("Fréquentation", 14, "compte")],
        list((r.pan.get("par_point") or {}).items()), "Aucune fréquentation enregistrée.", figer=True)
    f.graphique("Fréquentation des points d'accès numériques", entete, derniere, 1, [2], 5, "Usagers",
                FORMAT_COMPTE)
    f.ligne = max(f.ligne, entete + 17)
    f.section("Par démarche")
    f.table([Colonne("Démarche", 40), Colonne("Fréquentation", 14, "compte")],
            list((r.pan.get("par_demarche") or {}).items()), "Aucune démarche enregistrée.")


def _avis(f: Feuille, r: Resultats) -> None:
    f.table([Colonne("Tonalité", 30), Colonne("Avis", 12, "compte")],
            [[libelle, r.avis.get(code, 0)] for code, libelle in commun.TONALITES.items()],
            "", figer=True)
    total = r.avis.get("total")
    if commun.manquant(total):
        total = sum(int(r.avis.get(code) or 0) for code in commun.TONALITES)
    f.paires([("Total des avis", total, "compte")])


__all__: list[str] = []
