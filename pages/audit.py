"""Préparation de l'audit: the éléments de preuve of the perimeter, their state, readiness, and what is missing; the
engagements and elements declared « sans objet » (where the referential allows it), with their reason."""

import datetime as dt

import pandas as pd
import streamlit as st

from pages.commun import Cle, Widget, choisir_site, compte_courant, exiger, garde, moteur, texte, vider_caches
from qualepref import format as fmt
from qualepref import sans_objet
from qualepref.audit import METHODE_PREPARATION, SANS_OBJET, a_faire, elements_de_preuve, etat_des_preuves, preparation
from qualepref.referentiel import Referentiel
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.store import ErreurStockage, Site, load_sites
from qualepref.store.pilotage import (ETATS_PREUVE, declarer_sans_objet, load_date_audit, load_preuves, load_sans_objet,
                                      save_date_audit, save_preuves)


def section_sans_objet(ref: Referentiel, site: Site, declares: pd.DataFrame, peut_modifier: bool) -> None:
    """The declarations « sans objet » (each « Sans objet : <raison> ») and, for the référent, the form that
    declares or withdraws one: only what the referential says optional or conditional is offered."""
    st.header("Sans objet", anchor=False)
    st.caption("Un engagement facultatif ou conditionnel, ou un élément de preuve conditionnel (« s'il a été mis en "
               "place », « le cas échéant »), peut être déclaré sans objet pour le site, avec sa raison : il sort "
               "alors du taux de préparation et des décomptes de statuts.")
    if fait := st.session_state.pop(Cle.SANS_OBJET_FAIT, None):
        st.success(texte(fait))
    possibles = sans_objet.possibles(ref, site.modules, site.engagements_exclus).set_index("objet")
    raisons = dict(zip(declares["objet"], declares["raison"], strict=True))
    if raisons:
        st.markdown("\n".join(f"- {texte(possibles.loc[o, 'reference'] if o in possibles.index else o)} — "
                              f"{texte(sans_objet.libelle(r))}" for o, r in raisons.items()))
    else:
        st.caption("Aucun engagement ni élément de preuve n'est déclaré sans objet.")
    if not peut_modifier or possibles.empty:
        return
    objet = st.selectbox("Engagement ou élément de preuve", list(possibles.index), index=None,
                         placeholder="Choisissez un engagement ou un élément de preuve",
                         format_func=lambda o: f"{possibles.loc[o, 'reference']} — {possibles.loc[o, 'libelle']}",
                         key=Widget.AUDIT_SANS_OBJET_CHOIX)
    if objet is None:
        return
    st.caption(texte(f"Ce que dit le référentiel : {possibles.loc[objet, 'citation']}"))
    raison = st.text_input("Raison (obligatoire)", value=raisons.get(objet, ""), max_chars=sans_objet.RAISON_MAX,
                           key=Widget.AUDIT_SANS_OBJET_RAISON)
    gauche, droite = st.columns(2)
    if gauche.button("Déclarer sans objet", key=Widget.AUDIT_SANS_OBJET_DECLARER):
        try:
            propre = sans_objet.verifier(ref, site.modules, objet, raison, site.engagements_exclus)
            declarer_sans_objet(moteur(), site.code, objet, propre, compte_courant().identifiant)
        except (sans_objet.RefusSansObjet, ErreurStockage) as exc:
            st.error(texte(exc))
            return
        _fait(f"{possibles.loc[objet, 'reference']} : {sans_objet.libelle(propre)}")
    if objet in raisons and droite.button("Retirer la déclaration", key=Widget.AUDIT_SANS_OBJET_RETIRER):
        declarer_sans_objet(moteur(), site.code, objet, None, compte_courant().identifiant)
        _fait(f"{possibles.loc[objet, 'reference']} compte de nouveau.")


def date_de_l_audit(site: Site, peut_modifier: bool, identifiant: str) -> dt.date | None:
    """The external audit's day, kept in the store for every reader (the dashboard and the meeting mode name it):
    the référent sets or clears it here, the others read it."""
    stockee = load_date_audit(moteur(), site.code)
    if not peut_modifier:
        st.markdown(f"Date de l'audit externe : {fmt.date(stockee) if stockee else 'non fixée'}.")
        return stockee
    jour = st.date_input("Date de l'audit externe", value=stockee, format="DD/MM/YYYY",
                         key=f"{Widget.AUDIT_DATE}_{site.code}",
                         help="Jour, mois, année (jj/mm/aaaa) ; gardée pour tous : le tableau de bord la nomme.")
    if jour != stockee:
        try:
            save_date_audit(moteur(), site.code, jour, identifiant)
        except ErreurStockage as exc:
            st.error(texte(str(exc)))
            return stockee
        vider_caches()
    return jour


def _fait(message: str) -> None:
    """A declaration stored: every figure computed again (the page's tables above too), the message said then."""
    vider_caches()
    st.session_state[Cle.SANS_OBJET_FAIT] = message
    st.rerun()


with garde():
    exiger("lire_brouillon")
    st.title("Préparation de l'audit", anchor=False)
    site = choisir_site(load_sites(moteur()))
    if site is None:
        st.info("Aucun site n'est encore déclaré : commencez par la page « Sites ».")
        st.stop()
    ref = referentiel_en_place(moteur(), site.referentiel)
    declares = load_sans_objet(moteur(), site.code)
    etats = etat_des_preuves(elements_de_preuve(ref, site.modules, site.engagements_exclus),
                             load_preuves(moteur(), site.code), declares)
    st.caption(METHODE_PREPARATION)
    st.dataframe(fmt.tableau(preparation(etats), {"taux": fmt.pourcentage}), hide_index=True, width="stretch",
                 column_config={"perimetre": "Périmètre", "elements": "Éléments", "presents": "Présents",
                                "taux": "Préparation", "sans_objet": "Sans objet (hors taux)"})

    st.header("Ce qui manque, dans l'ordre", anchor=False)
    compte = compte_courant()
    audit_externe = date_de_l_audit(site, bool(compte and compte.peut("preuves")),
                                    compte.identifiant if compte else "")
    liste = a_faire(etats, ref, audit_externe, dt.date.today())
    if audit_externe:
        st.caption(f"L'audit interne précède l'audit externe : tout doit être prêt pour le "
                   f"{fmt.date(liste['a_faire_avant'].iloc[0]) if not liste.empty else fmt.date(audit_externe)}.")
    if liste.empty:
        st.success("Tous les éléments de preuve sont présents.")
    else:
        colonnes = ["etat", "a_faire_avant", "semaines_restantes", "reference", "preuve", "titre", "element"]
        texte_col = st.column_config.TextColumn  # state and dates first, short headers: nothing off at 1280 px
        st.dataframe(fmt.tableau(liste[colonnes], {"etat": ETATS_PREUVE.get, "a_faire_avant": fmt.date,
                                                      "semaines_restantes": fmt.nombre}),
                     hide_index=True, width="stretch", column_config={
                         "etat": texte_col("État", width=110), "a_faire_avant": texte_col("Avant le", width=90),
                         "semaines_restantes": texte_col("Semaines", width=80,
                                                                             help="Semaines restantes"),
                         "reference": texte_col("Référence", width=120),
                         "preuve": texte_col("Élément de preuve", width=230),
                         "titre": texte_col("Engagement ou disposition", width=180),
                         "element": texte_col("Élément", width=90)})

    section_sans_objet(ref, site, declares, bool(compte and compte.peut("preuves")))
    if compte and compte.peut("preuves"):
        st.header("Mettre à jour l'état des preuves", anchor=False)
        modifiables = etats[etats["etat"] != SANS_OBJET]
        edite = st.data_editor(
            # empty cells shown empty (never « None »); the store reads an empty text as no value
            modifiables[["reference", "etat", "date", "preuve", "commentaire", "lien", "element"]].fillna(
                {"commentaire": "", "lien": ""}),
            hide_index=True, width="stretch", key=Widget.AUDIT_EDITEUR,
            disabled=["element", "reference", "preuve"],
            column_config={
                "element": st.column_config.TextColumn("Élément", width=90),
                "reference": st.column_config.TextColumn("Référence", width=120),
                "preuve": st.column_config.TextColumn("Élément de preuve", width=200),
                "etat": st.column_config.SelectboxColumn("État", options=list(ETATS_PREUVE), required=True,
                                                         format_func=ETATS_PREUVE.get, width=110),
                "commentaire": st.column_config.TextColumn("Commentaire", width=140),
                "lien": st.column_config.TextColumn("Lien", width=100, help="Lien ou nom de fichier"),
                "date": st.column_config.DateColumn("Date", format="DD/MM/YYYY", width=90)})
        if st.button("Enregistrer les états", key=Widget.AUDIT_ENREGISTRER):
            nombre = save_preuves(moteur(), site.code, edite, compte.identifiant)
            vider_caches()
            st.success(f"{fmt.nombre(nombre)} élément(s) enregistré(s).")
