"""Plan d'actions: the actions (editable by the référent, every edit journaled), completion by thématique and axe
with the method stated, overdue actions, filters by structure and pilote."""

import streamlit as st

from pages.commun import (
    Widget,
    choisir_site_et_annee,
    compte_courant,
    exiger,
    garde,
    moteur,
    resultats,
    vider_caches,
)
from qualepref import format as fmt
from qualepref.affichage import tableau_simple
from qualepref.edition import differences, filtrer, valeurs_de_filtre
from qualepref.plan_actions import METHODE_COMPLETION, METHODE_MOYENNE_THEMATIQUES
from qualepref.presentation import tableau_retards
from qualepref.store import ErreurStockage, load_donnees
from qualepref.store.pilotage import CHAMPS_PLAN, modifier_plan

COLONNES_AXES = ["axe", "taux", "actions", "realisees", "moyenne_thematiques"]
COLONNES_THEMATIQUES = ["axe", "thematique", "taux", "actions", "realisees"]
LIBELLES_COLONNES = {"axe": "Axe", "thematique": "Thématique", "taux": "Taux de réalisation",
                     "actions": "Actions comptées", "realisees": "Réalisées",
                     "moyenne_thematiques": "Moyenne des thématiques (autre calcul)"}
STATUTS = {"a_lancer": "À lancer", "en_cours": "En cours", "realisee": "Réalisée", "abandonnee": "Abandonnée"}

with garde():
    exiger("lire_brouillon")
    st.title("Plan d'actions", anchor=False)
    site, annee = choisir_site_et_annee()
    plan = load_donnees(moteur(), "plan", site.code, [annee]) if annee else None
    if plan is None or plan.empty:
        st.info("Aucun plan d'actions pour cette année : importez-le (type « plan ») depuis la page "
                "« Importer des données ».")
        st.stop()
    r = resultats(site.code, annee)

    un, deux, trois = st.columns(3)
    un.metric("Réalisation globale", fmt.pourcentage(r.plan_global.get("taux")))
    deux.metric("Actions", fmt.nombre(r.plan_global.get("actions")))
    trois.metric("Actions en retard", fmt.nombre(len(r.plan_en_retard)))
    st.caption(METHODE_COMPLETION)
    gauche, droite = st.columns(2)
    with gauche:
        st.header("Par axe", anchor=False)
        # plain tables: their headers wrap, every figure visible at 1280 px without scrolling sideways
        st.html(tableau_simple(fmt.tableau(r.plan_axes[COLONNES_AXES], {
            "taux": fmt.pourcentage, "moyenne_thematiques": fmt.pourcentage}).rename(columns=LIBELLES_COLONNES)))
    with droite:
        st.header("Par thématique", anchor=False)
        st.html(tableau_simple(fmt.tableau(r.plan_thematiques[COLONNES_THEMATIQUES], {
            "taux": fmt.pourcentage}).rename(columns=LIBELLES_COLONNES)))
    st.caption(METHODE_MOYENNE_THEMATIQUES)

    st.header("Actions en retard", anchor=False)
    if r.plan_en_retard.empty:
        st.success("Aucune action en retard.")
    else:
        st.dataframe(tableau_retards(r.plan_en_retard), hide_index=True, width="stretch")

    st.header("Les actions", anchor=False)
    gauche, droite = st.columns(2)
    structures = gauche.multiselect("Structure", valeurs_de_filtre(plan, "structure"), key=Widget.PLAN_STRUCTURE,
                                  placeholder="Toutes les structures")
    pilotes = droite.multiselect("Pilote", valeurs_de_filtre(plan, "pilote"), key=Widget.PLAN_PILOTE,
                                placeholder="Tous les pilotes")
    choisies = filtrer(plan, {"structure": structures, "pilote": pilotes})
    colonnes = ["id", *CHAMPS_PLAN]
    compte = compte_courant()
    configuration = {
        "id": st.column_config.NumberColumn("N°", disabled=True), "axe": "Axe", "thematique": "Thématique",
        "action": "Action", "structure": "Structure", "pilote": "Pilote",
        "echeance": st.column_config.DateColumn("Échéance", format="DD/MM/YYYY"),
        "statut": st.column_config.SelectboxColumn("Statut", options=list(STATUTS), required=True,
                                                   format_func=STATUTS.get),  # words, never the stored codes
        "avancement": st.column_config.NumberColumn("Avancement (%)", min_value=0, max_value=100, step=5),
        "engagement": st.column_config.NumberColumn("Engagement", min_value=1, step=1),
    }
    if compte and compte.peut("plan"):
        edite = st.data_editor(choisies[colonnes], hide_index=True, width="stretch", key=Widget.PLAN_EDITEUR,
                               column_config=configuration, num_rows="fixed")
        if st.button("Enregistrer les modifications", key=Widget.PLAN_ENREGISTRER):
            try:
                nombre = modifier_plan(moteur(), site.code, differences(choisies, edite, CHAMPS_PLAN),
                                       compte.identifiant)
                vider_caches()
                st.success(f"{fmt.nombre(nombre)} modification(s) enregistrée(s) et journalisée(s).")
            except (ValueError, ErreurStockage) as exc:
                st.error(str(exc))
    else:
        st.dataframe(choisies[colonnes], hide_index=True, width="stretch", column_config=configuration)
