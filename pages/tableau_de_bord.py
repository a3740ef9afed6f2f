"""Tableau de bord (COPIL): per module, the status lights of its engagements; what moved most; what is not measured
yet; plan d'actions completion. One screen that holds a meeting."""

import streamlit as st

from pages.commun import (
    annees,
    bouton_export,
    choisir_annee,
    choisir_site,
    exiger,
    garde,
    moteur,
    resultats,
    texte,
)
from qualepref import format as fmt
from qualepref.cibles import METHODE_STATUT
from qualepref.plan_actions import METHODE_COMPLETION
from qualepref.presentation import chiffres_delais, engagements_par_module, valeurs_lisibles
from qualepref.store import load_sites

with garde():
    exiger("lire_brouillon")
    st.title("Tableau de bord")
    gauche, droite = st.columns(2)
    with gauche:
        site = choisir_site(load_sites(moteur()))
    if site is None:
        st.info("Aucun site n'est encore déclaré : le référent qualité commence par la page « Sites », puis importe "
                "ses données depuis « Importer des données ».")
        st.stop()
    with droite:
        annee = choisir_annee(annees(site.code))
    if annee is None:
        st.info(f"Aucune donnée pour « {texte(site.nom)} » : importez un premier fichier (journal des courriers, "
                "indicateurs, enquête…) depuis la page « Importer des données ».")
        st.stop()
    r = resultats(site.code, annee)
    bouton_export("bilan", r, site)

    engagements = r.engagements
    atteints = int((engagements["statut"] == "atteint").sum())
    un, deux, trois, quatre = st.columns(4)
    un.metric("Engagements atteints", f"{atteints} / {len(engagements)}")
    deux.metric("Indicateurs non mesurés", fmt.nombre(len(r.non_mesures)))
    trois.metric("Plan d'actions réalisé", fmt.pourcentage(r.plan_global.get("taux")),
                 help=METHODE_COMPLETION)
    quatre.metric("Actions en retard", fmt.nombre(len(r.plan_en_retard)))

    delais = chiffres_delais(r)
    if delais:
        st.subheader("Réponses dans les délais")
        for debut in range(0, len(delais), 3):
            for colonne, (libelle, valeur, aide) in zip(st.columns(3), delais[debut:debut + 3]):
                colonne.metric(libelle, valeur, help=aide)

    st.subheader("Engagements par module")
    st.caption(METHODE_STATUT)
    par_module = engagements_par_module(r)
    for _, module in r.modules.iterrows():
        du_module = par_module[int(module["module"])]
        resume = f"{int(module['atteint'])} atteint(s) sur {int(module['engagements'])}"
        with st.expander(f"Module {module['module']} — {texte(module['titre'])} · {resume}", expanded=False):
            st.dataframe(
                fmt.tableau(du_module[["engagement", "titre", "statut", "indicateurs", "non_mesures"]],
                            {"statut": fmt.statut}),
                hide_index=True, width="stretch",
                column_config={"engagement": "N°", "titre": "Engagement", "statut": "Statut",
                               "indicateurs": "Indicateurs", "non_mesures": "Non mesurés"})

    gauche, droite = st.columns(2)
    with gauche:
        st.subheader("Ce qui a le plus bougé depuis l'an dernier")
        if r.mouvements.empty:
            st.caption("Pas encore de comparaison possible : il faut des valeurs pour deux années.")
        else:
            mouvements = valeurs_lisibles(r.mouvements, {"valeur": "valeur", "valeur_precedente": "valeur",
                                                         "progression_points": "progression"})
            mouvements["favorable"] = r.mouvements["favorable"].map({True: "amélioration", False: "dégradation"})
            st.dataframe(mouvements[["libelle", "valeur_precedente", "valeur", "progression_points", "favorable"]],
                         hide_index=True, width="stretch",
                         column_config={"libelle": "Indicateur", "valeur_precedente": str(annee - 1),
                                        "valeur": str(annee), "progression_points": "Évolution", "favorable": "Sens"})
    with droite:
        st.subheader("Pas encore mesuré")
        if r.non_mesures.empty:
            st.success("Tous les indicateurs du périmètre ont une valeur pour les périodes écoulées.")
        else:
            st.dataframe(r.non_mesures[["module", "engagement", "libelle", "periodicite", "periodes_manquantes"]],
                         hide_index=True, width="stretch",
                         column_config={"module": "Module", "engagement": "Eng.", "libelle": "Indicateur",
                                        "periodicite": "Périodicité", "periodes_manquantes": "Périodes sans valeur"})

    st.subheader("Plan d'actions")
    st.caption(METHODE_COMPLETION)
    if r.plan_axes.empty:
        st.caption("Aucun plan d'actions importé pour cette année.")
    else:
        st.dataframe(fmt.tableau(r.plan_axes[["axe", "taux", "actions"]], {"taux": fmt.pourcentage}),
                     hide_index=True, width="stretch",
                     column_config={"axe": "Axe", "taux": "Taux de réalisation", "actions": "Actions comptées"})
