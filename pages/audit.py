"""Préparation de l'audit: the éléments de preuve of the perimeter, their state, readiness, and what is missing."""

import datetime as dt

import streamlit as st

from pages.commun import Widget, choisir_site, compte_courant, exiger, garde, moteur, vider_caches
from qualepref import format as fmt
from qualepref.audit import METHODE_PREPARATION, a_faire, elements_de_preuve, etat_des_preuves, preparation
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.store import load_sites
from qualepref.store.pilotage import ETATS_PREUVE, load_preuves, save_preuves

with garde():
    exiger("lire_brouillon")
    st.title("Préparation de l'audit", anchor=False)
    site = choisir_site(load_sites(moteur()))
    if site is None:
        st.info("Aucun site n'est encore déclaré : commencez par la page « Sites ».")
        st.stop()
    ref = referentiel_en_place(moteur(), site.referentiel)
    etats = etat_des_preuves(elements_de_preuve(ref, site.modules), load_preuves(moteur(), site.code))
    st.caption(METHODE_PREPARATION)
    st.dataframe(fmt.tableau(preparation(etats), {"taux": fmt.pourcentage}), hide_index=True, width="stretch",
                 column_config={"perimetre": "Périmètre", "elements": "Éléments", "presents": "Présents",
                                "taux": "Préparation"})

    st.header("Ce qui manque, dans l'ordre", anchor=False)
    audit_externe = st.date_input("Date de l'audit externe", value=None, format="DD/MM/YYYY", key=Widget.AUDIT_DATE)
    liste = a_faire(etats, ref, audit_externe, dt.date.today())
    if audit_externe:
        st.caption(f"L'audit interne précède l'audit externe : tout doit être prêt pour le "
                   f"{fmt.date(liste['a_faire_avant'].iloc[0]) if not liste.empty else fmt.date(audit_externe)}.")
    if liste.empty:
        st.success("Tous les éléments de preuve sont présents.")
    else:
        st.dataframe(fmt.tableau(liste, {"etat": ETATS_PREUVE.get, "a_faire_avant": fmt.date}), hide_index=True,
                     width="stretch", column_config={
                         "element": "Élément", "reference": "Référence", "titre": "Engagement ou disposition",
                         "preuve": "Élément de preuve", "etat": "État", "a_faire_avant": "À faire avant le",
                         "semaines_restantes": "Semaines restantes"})

    compte = compte_courant()
    if compte and compte.peut("preuves"):
        st.header("Mettre à jour l'état des preuves", anchor=False)
        edite = st.data_editor(
            etats[["element", "reference", "preuve", "etat", "commentaire", "lien", "date"]],
            hide_index=True, width="stretch", key=Widget.AUDIT_EDITEUR,
            disabled=["element", "reference", "preuve"],
            column_config={
                "element": "Élément", "reference": "Référence", "preuve": "Élément de preuve",
                "etat": st.column_config.SelectboxColumn("État", options=list(ETATS_PREUVE), required=True),
                "commentaire": "Commentaire", "lien": "Lien ou nom de fichier",
                "date": st.column_config.DateColumn("Date", format="DD/MM/YYYY")})
        if st.button("Enregistrer les états", key=Widget.AUDIT_ENREGISTRER):
            nombre = save_preuves(moteur(), site.code, edite, compte.identifiant)
            vider_caches()
            st.success(f"{fmt.nombre(nombre)} élément(s) enregistré(s).")
