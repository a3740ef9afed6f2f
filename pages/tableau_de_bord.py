"""Tableau de bord (COPIL): one screen that holds a meeting on a projector. Per module a tile with its engagements'
statuses (bar and words), the points d'attention with a link to their detail, the key indicators (value, target,
previous year, change coloured by whether it is good), the trend over the years the data cover; then the plan
d'actions and what is not measured yet. Everything comes from ``qualepref.copil`` and the core's results."""

import datetime as dt

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
from qualepref.affichage import STYLE_ECRAN, tableau_chiffres, tableau_simple, tuiles
from qualepref.cibles import METHODE_STATUT
from qualepref.copil import (
    annees_de_tendance,
    chiffres_cles,
    codes_de_tendance,
    points_attention,
    preuves_a_reunir,
    tendance,
    tuiles_modules,
)
from qualepref.graphiques import tendance_annuelle, texte_tendance
from qualepref.plan_actions import METHODE_COMPLETION
from qualepref.presentation import tableau_axes, tableau_non_mesures, tableau_tendance
from qualepref.referentiel import mention_ebauche
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.store import load_sites
from qualepref.store.pilotage import load_date_audit, load_preuves, load_sans_objet

ICONES_POINT = {"engagement": ":material/flag:", "delai": ":material/schedule:",
                "degradation": ":material/trending_down:", "action": ":material/event_busy:",
                "preuve": ":material/folder_off:"}

with garde():
    exiger("lire_brouillon")
    st.html(STYLE_ECRAN)
    titre, choix_site, choix_annee, seance = st.columns([2.2, 2.4, 1, 1.4], vertical_alignment="bottom")
    titre.title("Tableau de bord", anchor=False)
    with choix_site:
        site = choisir_site(load_sites(moteur()))
    if site is None:
        st.info("Aucun site n'est encore déclaré : le référent qualité commence par la page « Sites », puis importe "
                "ses données depuis « Importer des données ».")
        st.stop()
    with choix_annee:
        annee = choisir_annee(annees(site.code))
    if annee is None:
        st.info(f"Aucune donnée pour « {texte(site.nom)} » : importez un premier fichier (journal des courriers, "
                "indicateurs, enquête…) depuis la page « Importer des données ».")
        st.stop()
    seance.page_link("pages/seance.py", label="Mode séance", icon=":material/slideshow:",
                     help="Le même contenu en plein écran, une vue par module, pour projeter en COPIL.")
    ref = referentiel_en_place(moteur(), site.referentiel)
    if mention_ebauche(ref):
        st.warning(texte(mention_ebauche(ref)), icon=":material/draft:")
    r = resultats(site.code, annee)

    st.header("Engagements par module", anchor=False, help=METHODE_STATUT)
    st.html(tuiles(tuiles_modules(ref, r)))

    gauche, droite = st.columns([1.3, 1])
    with gauche:
        st.header("Indicateurs clés", anchor=False)
        chiffres = chiffres_cles(ref, r)
        if chiffres:
            st.html(tableau_chiffres(chiffres, annee))
        else:
            st.caption("Aucun indicateur mesuré pour cette année.")
    with droite:
        st.header("Points d'attention", anchor=False)
        manquants = preuves_a_reunir(ref, site.modules, load_preuves(moteur(), site.code), dt.date.today(),
                                     load_sans_objet(moteur(), site.code), site.engagements_exclus)
        audit_externe = load_date_audit(moteur(), site.code)  # set on « Préparation de l'audit »
        points = points_attention(ref, r, manquants, audit_externe)
        if not points:
            st.success("Rien à signaler : engagements atteints, aucun recul, aucune action en retard.")
        with st.container(height=300 if len(points) > 6 else "content", border=False):
            for point in points:
                parametres = {k: str(v) for k, v in (("module", point.module), ("engagement", point.engagement))
                              if v is not None and point.page.endswith("modules.py")}
                st.page_link(point.page, label=texte(point.texte), icon=ICONES_POINT[point.genre],
                             help=texte(point.aide), query_params=parametres or None)

    st.header("Tendance sur plusieurs années", anchor=False)
    serie = tendance(ref, [resultats(site.code, a) for a in annees_de_tendance(annees(site.code), annee)],
                     codes_de_tendance(ref, chiffres))
    if serie["annee"].nunique() > 1:
        graphique, valeurs = st.columns([1.6, 1])
        graphique.altair_chart(tendance_annuelle(serie), width="stretch", theme=None)
        valeurs.html(tableau_simple(tableau_tendance(serie), legende="Valeurs par année"))
    else:
        st.caption(f"Une seule année de données ({annee}) : la tendance s'affichera avec l'année suivante.")
    st.caption(texte_tendance(serie))

    bas_gauche, bas_droite = st.columns(2)
    with bas_gauche:
        st.header("Plan d'actions", anchor=False, help=METHODE_COMPLETION)
        if r.plan_axes.empty:
            st.caption("Aucun plan d'actions importé pour cette année.")
        else:
            st.metric("Plan d'actions réalisé", fmt.pourcentage(r.plan_global.get("taux")),
                      help=METHODE_COMPLETION)
            st.html(tableau_simple(tableau_axes(r.plan_axes)))
    with bas_droite:
        st.header("Pas encore mesuré", anchor=False)
        if r.non_mesures.empty:
            st.success("Tous les indicateurs du périmètre ont une valeur pour les périodes écoulées.")
        else:
            st.html(tableau_simple(tableau_non_mesures(ref, r.non_mesures), legende="Indicateurs sans valeur",
                                   defilant=True))
    bouton_export("bilan", r, site)
