"""Sites: the list, and adding or editing a site's perimeter with the labellisation rules checked live."""

import streamlit as st

from pages.commun import Widget, annoncer_et_recharger, compte_courant, exiger, garde, moteur, texte, vider_caches
from qualepref import delais_locaux
from qualepref.plan_actions import JOURS_PAN_PAR_DEFAUT, JOURS_SEMAINE, METHODE_JOURS_PAN, NOMS_JOURS
from qualepref.referentiel import charger_zones, mention_ebauche
from qualepref.referentiels_en_place import codes_en_place, referentiel_en_place
from qualepref.sites import (
    PerimetreInvalide,
    choisir_engagements,
    engagements_retenus,
    enregistrer_site,
    jours_pan_du_site,
    modules_proposes,
    peut_choisir_engagements,
    problemes_site,
    sans_correspondance,
    sites_de_demonstration,
    supprimer_demo,
)
from qualepref.format import TYPES_SITE
from qualepref.presentation import tableau_sites
from qualepref.store import ErreurStockage, Site, load_sites, sites_frame

TYPES = TYPES_SITE


def section_engagements(site: Site) -> None:
    """A sous-préfecture's engagements: per module of its perimeter, the engagements that concern it (chapter II:
    « les sous-préfectures appliquent les engagements qui les concernent au vu des missions qu'elles remplissent »),
    all of them until it chooses; the results, readiness and exports count only those."""
    if not peut_choisir_engagements(site):
        return
    st.header("Engagements retenus par la sous-préfecture", anchor=False)
    st.caption("Chapitre II du référentiel : « les sous-préfectures appliquent les engagements qui les concernent "
               "au vu des missions qu'elles remplissent ». Par défaut, tous les engagements des modules retenus ; "
               "ceux que vous retirez sortent des résultats, de la préparation de l'audit et des exports.")
    ref = referentiel_en_place(moteur(), site.referentiel)
    choix = {}
    for module in site.modules:
        du_module = [e.numero for e in ref.engagements_du_module(module)]
        choix[module] = st.multiselect(
            f"Module {module} — {ref.module(module).titre}", du_module, default=engagements_retenus(ref, site, module),
            format_func=lambda n: f"{n}. {ref.engagement(n).libelle_court}",
            placeholder="Choisissez les engagements qui concernent la sous-préfecture",
            key=f"{Widget.SITE_ENGAGEMENTS}_{site.code}_{module}")
    if st.button("Enregistrer les engagements retenus", key=Widget.SITE_ENGAGEMENTS_ENREGISTRER):
        try:
            site = choisir_engagements(moteur(), site.code, choix, compte_courant().identifiant)
        except (PerimetreInvalide, ErreurStockage) as exc:
            st.error(texte(exc))
            return
        vider_caches()
        st.success(texte(f"Engagements retenus par « {site.code} » enregistrés : {len(site.engagements_exclus)} "
                         "engagement(s) des modules retenus hors périmètre."))

def section_delais_locaux(site: Site) -> None:
    """The délais « fixés localement » (38.3, 52.2: « un délai annoncé et respecté, fixé localement ») of the
    site's « Traitement de dossier » rows, per engagement and procedure; the default stays named « délai par
    défaut, à remplacer » until the référent sets the délai announced."""
    ref = referentiel_en_place(moteur(), site.referentiel)
    possibles = delais_locaux.engagements_a_delai_local(ref, site)
    if not possibles:
        return
    st.header("Délais de traitement fixés localement", anchor=False)
    st.caption("Chapitre III, 38.3 et 52.2 : « un délai annoncé et respecté, fixé localement ». Les lignes "
               "« Traitement de dossier » du journal sont jugées sur le délai de leur procédure ; sans délai fixé, "
               "30 jours ouvrés, délai par défaut, à remplacer.")
    st.dataframe(delais_locaux.tableau(moteur(), ref, site), hide_index=True, width="stretch",
                 column_config={"engagement": "Engagement", "procedure": "Procédure", "jours_ouvres": "Jours ouvrés",
                                "origine": "Origine"})
    gauche, milieu, droite = st.columns(3)
    with gauche:
        engagement = st.selectbox("Engagement", list(possibles), key=f"{Widget.SITE_DELAI_ENGAGEMENT}_{site.code}",
                                  format_func=lambda n: f"{n}. {ref.engagement(n).libelle_court}")
    with milieu:
        procedure = st.text_input("Procédure (vide : toutes procédures)", max_chars=200,
                                  key=f"{Widget.SITE_DELAI_PROCEDURE}_{site.code}")
    with droite:
        jours = st.number_input("Délai annoncé (jours ouvrés)", min_value=1, max_value=delais_locaux.JOURS_MAX,
                                value=possibles[engagement], step=1, key=f"{Widget.SITE_DELAI_JOURS}_{site.code}")
    enregistrer, retirer = st.columns(2)
    if enregistrer.button("Enregistrer ce délai", key=Widget.SITE_DELAI_ENREGISTRER):
        try:
            delais_locaux.fixer(moteur(), ref, site, engagement, procedure, int(jours), compte_courant().identifiant)
        except (delais_locaux.DelaiLocalInvalide, ErreurStockage) as exc:
            st.error(texte(exc))
            return
        vider_caches()
        annoncer_et_recharger(texte(f"Délai de l'engagement {engagement} enregistré : {int(jours)} jours ouvrés "
                                    f"({procedure.strip() or 'toutes procédures'})."))
    if retirer.button("Retirer ce délai", key=Widget.SITE_DELAI_RETIRER):
        if delais_locaux.retirer(moteur(), site, engagement, procedure, compte_courant().identifiant):
            vider_caches()
            annoncer_et_recharger(texte(f"Délai de l'engagement {engagement} retiré "
                                        f"({procedure.strip() or 'toutes procédures'}) : le délai par défaut "
                                        "s'applique."))
        else:
            st.warning(texte(f"Aucun délai fixé pour l'engagement {engagement} et la procédure "
                             f"« {procedure.strip() or 'toutes procédures'} »."))


with garde():
    exiger("sites")
    st.title("Sites", anchor=False)
    if sites_de_demonstration(moteur()) and st.button("Supprimer les données de démonstration",
                                                      key=Widget.SITE_SUPPRIMER_DEMO):
        nombre = supprimer_demo(moteur())
        vider_caches()
        annoncer_et_recharger(f"Données de démonstration supprimées ({nombre} site{'s' if nombre > 1 else ''}).")
    sites = load_sites(moteur())
    if sites:
        titres = {c: referentiel_en_place(moteur(), c).titre for c in {s.referentiel for s in sites}}
        st.dataframe(
            tableau_sites(sites_frame(sites), charger_zones(), titres),  # words, never the stored codes
            hide_index=True, width="stretch",
            column_config={"code": "Code", "nom": "Nom", "type_site": "Type", "cert": "CERT", "zone": "Zone",
                           "referentiel": "Référentiel", "modules": "Modules retenus",
                           "demo": "Démonstration"},
        )
    else:
        st.info("Aucun site pour l'instant : ajoutez le premier ci-dessous.")

    st.header("Ajouter ou modifier un site", anchor=False)
    par_code = {s.code: s for s in sites}
    choix = st.selectbox("Site à modifier", ["(nouveau site)", *par_code], key=Widget.SITE_MODIFIER)
    existant = par_code.get(choix)

    def cle(base: str) -> str:
        """A widget key per site edited: its fields start from that site's values, not the previous ones."""
        return base if existant is None else f"{base}_{existant.code}"

    zones = charger_zones()
    colonne_gauche, colonne_droite = st.columns(2)
    with colonne_gauche:
        code = st.text_input("Code", value=existant.code if existant else "", key=cle(Widget.SITE_CODE),
                             disabled=existant is not None)
        nom = st.text_input("Nom", value=existant.nom if existant else "", key=cle(Widget.SITE_NOM))
        type_site = st.radio("Type", list(TYPES), format_func=TYPES.get, horizontal=True, key=cle(Widget.SITE_TYPE),
                             index=list(TYPES).index(existant.type_site) if existant else 0)
        cert = st.checkbox("Doté d'un CERT", value=existant.cert if existant else False, key=cle(Widget.SITE_CERT))
    with colonne_droite:
        zone = st.selectbox("Zone (jours fériés)", list(zones), format_func=lambda z: zones[z].libelle,
                            index=list(zones).index(existant.zone) if existant else 0, key=cle(Widget.SITE_ZONE))
        codes = list(codes_en_place(moteur()))
        referentiel = st.selectbox("Référentiel suivi", codes, key=cle(Widget.SITE_REFERENTIEL),
                                   index=codes.index(existant.referentiel) if existant else 0,
                                   format_func=lambda c: referentiel_en_place(moteur(), c).titre)
        ref = referentiel_en_place(moteur(), referentiel)
        if mention_ebauche(ref):
            st.warning(texte(mention_ebauche(ref)), icon=":material/draft:")
        offerts, coches = modules_proposes(referentiel, existant, moteur())
        # the ticked modules follow the referential chosen (by correspondence when the site switches)
        modules = st.multiselect("Modules retenus", offerts, default=coches,
                                 format_func=lambda n: f"{n} — {ref.module(n).titre}",
                                 placeholder="Choisissez les modules",
                                 key=cle(Widget.SITE_MODULES) if referentiel == (
                                     existant.referentiel if existant else codes[0])
                                 else cle(f"{Widget.SITE_MODULES}_{referentiel}"))
        for manque in sans_correspondance(referentiel, existant, moteur()):
            st.caption(f"Sans correspondance : {texte(manque)}")
        jours_pan = st.multiselect("Jours d'ouverture des points d'accès numériques", list(JOURS_SEMAINE),
                                   default=jours_pan_du_site(existant), format_func=NOMS_JOURS.get,
                                   key=Widget.SITE_JOURS_PAN, help=METHODE_JOURS_PAN,
                                   placeholder="Du lundi au vendredi")
    problemes = problemes_site(code, nom, type_site, cert, zone, modules, referentiel, moteur())
    if existant is None and not code.strip() and not nom.strip():  # nothing typed yet: no list of reproaches
        st.info("Saisissez le code et le nom du nouveau site : son périmètre est vérifié à mesure.")
    elif problemes:
        for probleme in problemes:
            st.warning(texte(probleme))
    else:
        st.success("Périmètre conforme aux règles de labellisation.")
    if st.button("Enregistrer le site", type="primary", disabled=bool(problemes), key=Widget.SITE_ENREGISTRER):
        try:
            site = enregistrer_site(moteur(), code=code, nom=nom, type_site=type_site, cert=cert, zone=zone,
                                    modules=modules, referentiel=referentiel,
                                    jours_ouverture_pan=",".join(jours_pan) or JOURS_PAN_PAR_DEFAUT)
            st.cache_data.clear()
            st.success(f"Site « {texte(site.code)} » enregistré.")
        except PerimetreInvalide as exc:
            st.error(texte(exc))
    if existant is not None:
        section_engagements(existant)
        section_delais_locaux(existant)
