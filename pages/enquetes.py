"""Enquêtes: satisfaction per theme, year N against N-1 with progression in points, answers behind each rate,
fragile rates marked with their interval; mystery surveys."""

import streamlit as st

from pages.commun import choisir_site_et_annee, exiger, garde, moteur, resultats, texte
from qualepref import format as fmt
from qualepref.enquetes import SEUIL_FRAGILE
from qualepref.presentation import graphique_enquetes, tableau_enquetes, texte_enquetes
from qualepref.referentiels_en_place import referentiel_en_place

with garde():
    exiger("lire_brouillon")
    st.title("Enquêtes de satisfaction", anchor=False)
    site, annee = choisir_site_et_annee()
    r = resultats(site.code, annee) if annee else None
    if r is None or r.enquetes.empty:
        st.info("Aucune enquête pour cette année : importez les réponses (type « enquête ») ou les taux déjà "
                "calculés (type « enquête agrégée ») depuis la page « Importer des données ».")
        st.stop()
    st.header(f"Taux de satisfaction {annee} et progression depuis {annee - 1}", anchor=False)
    st.dataframe(tableau_enquetes(r.enquetes, annee), hide_index=True, width="stretch")
    st.caption(f"Taux de satisfaction = (très satisfaits + satisfaits) / réponses exprimées (hors « sans avis »). "
               f"Progression en points. Un taux calculé sur moins de {SEUIL_FRAGILE} réponses est marqué fragile, "
               "avec son intervalle de confiance à 95 % (Wilson).")
    st.altair_chart(graphique_enquetes(r.enquetes, annee), width="stretch", theme=None)
    st.caption(texte(texte_enquetes(r.enquetes, annee)))

    st.header("Enquêtes et appels mystère", anchor=False)
    if r.mystere.empty:
        st.caption("Aucune enquête mystère pour cette année.")
    else:
        canaux = referentiel_en_place(moteur(), site.referentiel).canaux  # canal codes shown with the referential's labels
        st.dataframe(fmt.tableau(r.mystere, {"taux": fmt.pourcentage, "canal": lambda c: canaux.get(c, c)}),
                     hide_index=True, width="stretch",
                     column_config={"canal": "Canal", "critere": "Critère", "controles": "Contrôles",
                                    "conformes": "Conformes", "taux": "Taux de conformité"})
