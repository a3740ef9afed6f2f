"""Résultats publiés (comité des usagers): only what the référent published, large clear figures, readable on a
phone. The référent publishes (or republishes with a note) from here."""

import streamlit as st

from pages.commun import (
    Widget,
    annees,
    bouton_export,
    choisir_site,
    compte_courant,
    exiger,
    garde,
    moteur,
    resultats,
    resultats_publies,
    texte,
    vider_caches,
)
from qualepref import format as fmt
from qualepref.presentation import chiffres_cles, tableau_enquetes
from qualepref.publication import publier_resultats, trimestres_publiables
from qualepref.store import load_sites
from qualepref.store.pilotage import periodes_publiees, sites_publies

EXPORTS_PUBLICS = ("presentation", "affiche", "affiche-page", "affiche-html", "opendata")

with garde():
    st.title("Résultats de la démarche qualité")
    publies = set(sites_publies(moteur()))
    site = choisir_site([s for s in load_sites(moteur()) if s.code in publies])
    compte = compte_courant()
    if site is None:
        st.info("Aucun résultat n'a encore été publié.")
    else:
        periodes = periodes_publiees(moteur(), site.code)
        periode = st.selectbox("Période", periodes, format_func=fmt.periode, key=Widget.PERIODE_PUBLIEE)
        publication = resultats_publies(site.code, periode)
        r, faits = publication
        if faits["versions"] > 1:
            st.caption(f"Mis à jour le {fmt.date_du_moment(faits['publie_le'])}" +
                       (f" : {texte(faits['note'])}" if faits.get("note") else "."))
        else:
            st.caption(f"Publié le {fmt.date_du_moment(faits['publie_le'])}.")
        chiffres = chiffres_cles(r)
        for debut in range(0, len(chiffres), 2):
            colonnes = st.columns(2)
            for colonne, (libelle, valeur, aide) in zip(colonnes, chiffres[debut:debut + 2]):
                colonne.metric(libelle, valeur, help=aide)
        if not r.enquetes.empty:
            st.subheader("Satisfaction des usagers")
            st.dataframe(tableau_enquetes(r.enquetes, r.annee), hide_index=True, width="stretch")
        st.subheader("Télécharger")
        for format_export in EXPORTS_PUBLICS:
            bouton_export(format_export, r, site, {**faits, "periode": periode})
        trimestres = trimestres_publiables(r)
        if trimestres:
            st.caption("Affiches trimestrielles, tirées de la publication de l'année :")
            for trimestre in trimestres:
                bouton_export("affiche", r, site, {**faits, "periode": trimestre},
                              libelle=f"Affiche du {fmt.periode(trimestre)} (PDF)")

    if compte and compte.peut("publier"):
        st.divider()
        exiger("publier")
        st.subheader("Publier des résultats")
        mes_sites = load_sites(moteur())
        cible = choisir_site(mes_sites, cle=Widget.PUBLIER_SITE)
        annees_du_site = annees(cible.code) if cible else []
        if not annees_du_site:
            st.caption("Aucune donnée à publier pour ce site.")
        else:
            with st.form("publier"):
                annee = st.selectbox("Année", annees_du_site, key=Widget.PUBLIER_ANNEE)
                trimestre = st.selectbox("Trimestre", [None, 1, 2, 3, 4], key=Widget.PUBLIER_TRIMESTRE,
                                         format_func=lambda t: "Toute l'année" if t is None else f"{t}e trimestre")
                note = st.text_input("Note (ce qui a été corrigé, en cas de republication)", key=Widget.PUBLIER_NOTE)
                if st.form_submit_button("Publier", key=Widget.PUBLIER):
                    periode = publier_resultats(moteur(), resultats(cible.code, annee), trimestre,
                                                compte.identifiant, note or None)
                    vider_caches()
                    st.success(f"Résultats {fmt.periode(periode)} publiés : le comité des usagers les voit "
                               "désormais, figés à la date de ce jour.")
