"""Mode séance: the référent steps through the COPIL's content full screen, in large type — one view per module,
then the surveys, the plan d'actions and the points d'attention. No widget but « Précédent » / « Suivant » (also the
keyboard's left and right arrows). The site and year are those chosen on the dashboard."""

import datetime as dt

import streamlit as st

from pages.commun import Cle, Widget, annees, exiger, garde, moteur, resultats, texte
from qualepref import format as fmt
from qualepref.affichage import liste_points, tableau_chiffres, tableau_simple, tuiles
from qualepref.copil import (
    chiffres_cles,
    engagements_a_suivre,
    etapes_seance,
    points_attention,
    preuves_a_reunir,
    tuiles_modules,
)
from qualepref.presentation import tableau_axes, tableau_enquetes, tableau_retards
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.store import load_sites
from qualepref.store.pilotage import load_date_audit, load_preuves, load_sans_objet

# Full screen and large type: the sidebar out of the way (« Quitter la séance » leads back), every rem larger, the
# first row below Streamlit's header (whose height is in rem too).
GRAND = """<style>
html{font-size:21px}
[data-testid="stSidebar"],[data-testid="stSidebarCollapsedControl"],[data-testid="stExpandSidebarButton"]{display:none}
[data-testid="stMainBlockContainer"]{max-width:100%;padding:4.2rem 2rem 1rem 2rem}
[data-testid="stMainBlockContainer"] h1{font-size:2.2rem}
[data-testid="stMainBlockContainer"] h2{font-size:1.6rem}
</style>"""

with garde():
    exiger("lire_brouillon")
    sites = load_sites(moteur())
    site = next((s for s in sites if s.code == st.session_state.get(Cle.SITE)), sites[0] if sites else None)
    annees_du_site = annees(site.code) if site else []
    if site is None or not annees_du_site:
        st.title("Mode séance", anchor=False)
        st.info("Aucune donnée à présenter : choisissez un site qui a des données sur le tableau de bord.")
        st.stop()
    annee = st.session_state.get(Cle.ANNEE) if st.session_state.get(Cle.ANNEE) in annees_du_site \
        else max(annees_du_site)
    ref = referentiel_en_place(moteur(), site.referentiel)
    r = resultats(site.code, annee)
    etapes = etapes_seance(ref, r)
    rang = min(max(int(st.session_state.get(Cle.SEANCE_ETAPE, 0)), 0), len(etapes) - 1)

    st.html(GRAND)
    precedent, position, suivant, sortie = st.columns([1.4, 1.6, 1.4, 1.6], vertical_alignment="center")
    if precedent.button("Précédent", icon=":material/arrow_back:", shortcut="Left", disabled=rang == 0,
                        key=Widget.SEANCE_PRECEDENT, width="stretch"):
        rang -= 1
    if suivant.button("Suivant", icon=":material/arrow_forward:", shortcut="Right", key=Widget.SEANCE_SUIVANT,
                      disabled=rang == len(etapes) - 1, width="stretch"):
        rang += 1
    st.session_state[Cle.SEANCE_ETAPE] = rang
    etape = etapes[rang]
    position.markdown(f"**{texte(site.nom)}** · {annee} · étape {rang + 1} sur {len(etapes)}")
    sortie.page_link("pages/tableau_de_bord.py", label="Quitter la séance", icon=":material/close:")

    st.title(etape.titre, anchor=False)
    if etape.genre == "module":
        module = ref.module(etape.module)
        st.caption(module.titre)
        st.html(tuiles([t for t in tuiles_modules(ref, r) if t.module == etape.module], niveau_titre=2))
        gauche, droite = st.columns([1.8, 1])  # the figures' table wide enough for its large type
        with gauche:
            st.header("Indicateurs", anchor=False)
            chiffres = chiffres_cles(ref, r, nombre=None, module=etape.module)
            if chiffres:
                st.html(tableau_chiffres(chiffres, annee))
            else:
                st.markdown("Aucun indicateur mesuré pour ce module en " + str(annee) + ".")
        with droite:
            st.header("Engagements à suivre", anchor=False)
            st.html(tableau_simple(engagements_a_suivre(ref, r, etape.module)))
    elif etape.genre == "enquetes":
        if r.enquetes.empty:
            st.markdown("Aucune enquête de satisfaction pour " + str(annee) + ".")
        else:
            st.html(tableau_simple(tableau_enquetes(r.enquetes, annee)))
    elif etape.genre == "plan":
        st.markdown(f"Plan d'actions réalisé : **{fmt.pourcentage(r.plan_global.get('taux'))}** "
                    f"({fmt.nombre(r.plan_global.get('actions', 0))} actions comptées)")
        gauche, droite = st.columns(2)
        with gauche:
            st.header("Par axe", anchor=False)
            st.html(tableau_simple(tableau_axes(r.plan_axes)))
        with droite:
            st.header("Actions en retard", anchor=False)
            st.html(tableau_simple(tableau_retards(r.plan_en_retard)))
    else:
        manquants = preuves_a_reunir(ref, site.modules, load_preuves(moteur(), site.code), dt.date.today(),
                                     load_sans_objet(moteur(), site.code), site.engagements_exclus)
        audit_externe = load_date_audit(moteur(), site.code)  # set on « Préparation de l'audit »
        st.html(liste_points(points_attention(ref, r, manquants, audit_externe)))
