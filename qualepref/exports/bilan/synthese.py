"""The bilan's first sheet, « Synthèse »: perimeter, status of the engagements per module, what is not measured,
the main progressions since the year before, and where each element of chapter V (« Bilans annuels ») is.

Apart from the other sheets because it alone reads the site's perimeter and points to every other sheet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualepref import format as fmt
from qualepref import sans_objet
from qualepref.exports import commun
from qualepref.exports.bilan.cellules import Colonne
from qualepref.exports.bilan.mise_en_page import Feuille

if TYPE_CHECKING:
    from qualepref.resultats import Resultats
    from qualepref.store import Site


def _synthese(f: Feuille, r: Resultats, site: Site) -> None:
    modules = commun.modules_retenus(r, site)
    f.section("Périmètre")
    f.paires([
        ("Site", commun.nom_site(r, site), "texte"),
        ("Type", f"{commun.type_site(site)} {'avec' if site.cert else 'sans'} CERT", "texte"),
        ("Référentiel", commun.nom_referentiel(r), "texte"),
        ("Modules retenus", " ; ".join(commun.titre_module(r, m) for m in modules), "texte"),
        ("Résultats calculés le", fmt.date(r.meta.get("calcule_le")), "texte"),
    ])
    f.section("Statut des engagements par module")
    cm = r.modules
    f.table(
        [Colonne("Module", 10), Colonne("Titre", 44), Colonne("Engagements", 13, "compte"),
         Colonne("Atteints", 11, "compte"), Colonne("Proches", 11, "compte"), Colonne("Non atteints", 11, "compte"),
         Colonne("Non mesurés", 11, "compte"), Colonne("Sans cible", 11, "compte"),
         Colonne("Sans indicateur (preuves d'audit)", 16, "compte"), Colonne("Sans objet (hors décompte)", 14,
                                                                              "compte")],
        [[f"Module {m['module']}", m.get("titre"), m.get("engagements"), m.get("atteint"), m.get("proche"),
          m.get("non_atteint"), m.get("non_mesure"), m.get("sans_cible"), m.get("sans_indicateur"),
          m.get("sans_objet", 0)]
         for m in cm.to_dict("records")],
        "Aucun module dans le périmètre.", figer=True)
    for e in r.meta.get("sans_objet", []):
        f.note(f"Engagement {e['engagement']} : {sans_objet.libelle(e['raison'])}")
    f.section("Ce qui n'est pas mesuré")
    nm = r.non_mesures
    f.table(
        [Colonne("Code", 10), Colonne("Indicateur", 44), Colonne("Module", 13, "compte"),
         Colonne("Engagement", 11, "engagement"), Colonne("Périodes sans valeur", 22),
         Colonne("Source attendue", 16)],
        [[n.get("code"), n.get("libelle"), n.get("module"), n.get("engagement"),
          ", ".join(fmt.periode(p.strip()) for p in str(n.get("periodes_manquantes") or "").split(",") if p.strip()),
          n.get("source_attendue")] for n in nm.to_dict("records")],
        "Tous les indicateurs du périmètre sont mesurés.")
    f.section(f"Principales évolutions depuis {r.annee - 1}")
    f.note("Évolution en points pour les taux, en jours pour les délais ; « favorable » tient compte du sens dans "
           "lequel l'indicateur s'améliore.")
    f.table(
        [Colonne("Code", 10), Colonne("Indicateur", 44), Colonne(f"Valeur {r.annee}", 13, "indicateur"),
         Colonne(f"Valeur {r.annee - 1}", 13, "indicateur"), Colonne("Évolution", 13, "evolution"),
         Colonne("Favorable", 11, "oui_non")],
        [[m.get("code"), m.get("libelle"), (m.get("valeur"), m.get("unite")),
          (m.get("valeur_precedente"), m.get("unite")), (m.get("progression_points"), m.get("unite")),
          None if commun.manquant(m.get("favorable")) else bool(m.get("favorable"))]
         for m in r.mouvements.to_dict("records")],
        "Aucune évolution mesurable (pas de valeur l'année précédente).")
    f.section("Contenu du bilan annuel (référentiel, chapitre V « Bilans annuels »)")
    feuilles_modules = ", ".join(f"« Module {m} »" for m in modules) or "—"
    f.table(
        [Colonne("Ce que le bilan examine", 44), Colonne("Où le trouver", 60)],
        [["Indicateurs de qualité", f"Feuilles {feuilles_modules}"],
         ["Enquêtes de satisfaction", "Feuille « Enquêtes »"],
         ["Enquêtes mystère", "Feuille « Mystère »"],
         ["Réclamations (et délais de réponse)", "Feuille « Réclamations »"],
         ["Plans d'amélioration et leur suivi", "Feuilles « Plan d'actions », « PAN » et « Avis SP+ »"],
         ["Besoins en formation", "Feuille « Compte rendu » (à compléter en réunion)"],
         ["Auto-évaluation ou audit interne", "Feuille « Compte rendu » (à compléter en réunion)"],
         ["Compte rendu, information des personnels, présentation au comité technique",
          "Feuille « Compte rendu » (à compléter en réunion)"]],
        "")


__all__: list[str] = []
