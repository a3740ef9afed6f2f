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
from qualepref.affichage import STYLE_PUBLIC, tableau_simple
from qualepref.presentation import chiffres_cles, tableau_enquetes
from qualepref.publication import publier_resultats, trimestres_publiables
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.services_publics_plus import REFERENTIEL_SP, figures_publiees, tableau_services_publics_plus
from qualepref.store import load_sites
from qualepref.store.pilotage import load_textes_comite, periodes_publiees, save_textes_comite, sites_publies
from qualepref.textes_comite import CHAMPS, TexteInvalide, TextesComite
from qualepref.textes_comite import periodes as periodes_des_textes
from qualepref.textes_comite import valider as valider_textes

EXPORTS_PUBLICS = ("presentation", "affiche", "affiche-page", "affiche-html", "opendata")

with garde():
    st.html(STYLE_PUBLIC)
    st.title("Résultats de la démarche qualité", anchor=False)
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
            st.header("Satisfaction des usagers", anchor=False)
            st.html(tableau_simple(tableau_enquetes(r.enquetes, r.annee)))
        services_plus = tableau_services_publics_plus(
            figures_publiees(r, referentiel_en_place(moteur(), REFERENTIEL_SP)))
        if not services_plus.empty:
            st.header("Services Publics+ : nos résultats", anchor=False)
            st.caption("Les résultats que le programme Services Publics+ demande de publier chaque année "
                       "(engagement « Vous avez accès à nos résultats de qualité de service »).")
            st.html(tableau_simple(services_plus))
        st.header("Télécharger", anchor=False)
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
        st.header("Publier des résultats", anchor=False)
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

            st.subheader("Textes du comité")
            st.caption("Ce que seul le référent sait (pilote de la démarche, dates du label, volumes, points positifs "
                       "et à améliorer, réseau Services Publics+, exemples d'actions, contacts) : saisis une fois, "
                       "gardés avec la publication de la période et repris dans la présentation du comité. Un "
                       "trimestre sans textes reprend ceux de l'année.")
            periode_textes = st.selectbox("Période des textes", periodes_des_textes(annees_du_site),
                                          format_func=fmt.periode, key=Widget.TEXTES_PERIODE)
            actuels = TextesComite.depuis(load_textes_comite(moteur(), cible.code, periode_textes))
            with st.form("textes_comite"):
                saisie = {}
                for nom, champ in CHAMPS.items():
                    saisir = st.text_area if champ.plusieurs_lignes else st.text_input
                    saisie[nom] = saisir(champ.libelle, value=getattr(actuels, nom), help=champ.aide,
                                         max_chars=champ.limite,
                                         key=f"{Widget.TEXTES_CHAMP}{nom}_{cible.code}_{periode_textes}")
                if st.form_submit_button("Enregistrer les textes", key=Widget.TEXTES_ENREGISTRER):
                    try:
                        textes = valider_textes(saisie)
                    except TexteInvalide as exc:
                        st.error(f"Textes non enregistrés : {exc}")
                    else:
                        save_textes_comite(moteur(), cible.code, periode_textes, textes.vers_dict(),
                                           compte.identifiant)
                        vider_caches()
                        st.success(f"Textes du comité enregistrés pour {fmt.periode(periode_textes)} : la "
                                   "présentation du comité les reprend.")
