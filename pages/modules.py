"""Modules et engagements: module → engagement → indicators, time series with target lines, the déclinaison and
éléments de preuve of the referential; targets editable by the référent; comments by the COPIL."""

import pandas as pd
import streamlit as st

from pages.commun import (
    Widget,
    annees,
    choisir_site_et_annee,
    compte_courant,
    exiger,
    garde,
    marque_statut,
    moteur,
    resultats,
    texte,
    vider_caches,
)
from qualepref import format as fmt
from qualepref import sans_objet
from qualepref.cibles import verifier_cible
from qualepref.copil import annees_de_tendance, choix_demande, serie_pluriannuelle
from qualepref.definitions import aide
from qualepref.graphiques import serie_temporelle, texte_serie
from qualepref.presentation import phrase_indisponibles, tableau_serie, valeurs_lisibles
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.store.pilotage import ajouter_commentaire, load_commentaires, save_cible

with garde():
    exiger("lire_brouillon")
    st.title("Modules et engagements", anchor=False)
    site, annee = choisir_site_et_annee()
    if annee is None:
        st.info("Aucune donnée pour ce site : importez-en depuis la page « Importer des données ».")
        st.stop()
    ref = referentiel_en_place(moteur(), site.referentiel)
    r = resultats(site.code, annee)
    gauche, droite = st.columns(2)
    modules = [m.numero for m in ref.modules if m.numero in site.modules]
    demande = choix_demande(st.query_params.to_dict(), modules, ref)  # a point d'attention's link
    module = gauche.selectbox("Module", modules, key=Widget.MODULE, index=modules.index(demande[0]),
                              format_func=lambda n: f"{n} — {ref.module(n).libelle_court}",
                              help=ref.module(demande[0]).titre)
    engagements = [e.numero for e in ref.engagements_du_module(module)]
    numero = droite.selectbox("Engagement", engagements, key=Widget.ENGAGEMENT,
                              index=engagements.index(demande[1]) if demande[1] in engagements else 0,
                              format_func=lambda n: f"{n}. {ref.engagement(n).libelle_court}")
    engagement = ref.engagement(numero)

    statut = r.engagements.loc[r.engagements["engagement"] == numero, "statut"]
    st.header(f"Engagement {numero}. {texte(engagement.titre)}", anchor=False)
    declare = next((d for d in r.meta.get("sans_objet", []) if d["engagement"] == numero), None)
    if declare is not None:  # out of every count; declared on the page « Préparation de l'audit »
        st.info(texte(sans_objet.libelle(declare["raison"])))
    else:
        marque_statut(statut.iloc[0] if not statut.empty else None)
    with st.expander("Déclinaison et éléments de preuve (référentiel)"):
        for declinaison in engagement.declinaisons:
            st.markdown(f"- *{texte(declinaison.code)}* — {texte(declinaison.texte)}")
        st.markdown("**Méthode de contrôle et éléments de preuve**")
        for preuve in engagement.preuves or (engagement.controle,):
            st.markdown(f"- {texte(preuve)}")

    par_annee = [resultats(site.code, a) for a in annees_de_tendance(annees(site.code), annee)]
    annuels = r.annuels()
    siens = annuels[annuels["engagements"].str.split(", ").map(lambda e: str(numero) in e)]
    if siens.empty:
        st.caption("Le référentiel ne fixe pas d'indicateur chiffré pour cet engagement : il se vérifie par ses "
                   "éléments de preuve (page « Préparation de l'audit »).")
    for _, ind in siens.iterrows():
        st.subheader(texte(ref.indicateur(ind["code"]).libelle_court), anchor=False)
        st.caption(texte(ind["libelle"]))
        ligne = valeurs_lisibles(siens[siens["code"] == ind["code"]],
                                 {"valeur": "valeur", "cible": "valeur", "valeur_precedente": "valeur",
                                  "progression_points": "progression"}).iloc[0]
        un, deux, trois, quatre = st.columns(4)
        un.metric(str(annee), ligne["valeur"], help=aide(ind.get("regle"), ind["unite"]))
        deux.metric(str(annee - 1), ligne["valeur_precedente"])
        trois.metric("Évolution", ligne["progression_points"])
        quatre.metric("Cible", ligne["cible"])
        marque_statut(ind["statut"])
        st.caption(f"Source : {texte(ind['source'] or ind['source_attendue'])} · périodicité : "
                   f"{texte(ind['periodicite'])}")
        if indisponibles := phrase_indisponibles(r.demandeurs_indisponibles(ind["code"])):
            st.caption(indisponibles)
        if pd.notna(ind.get("progres_cible")):
            echeance = int(ind["annee_cible"]) if pd.notna(ind["annee_cible"]) else fmt.NON_DISPONIBLE
            st.progress(float(ind["progres_cible"]) / 100,
                        text=f"Progrès vers la cible de {echeance}"
                             f" : {fmt.pourcentage(ind['progres_cible'], 0)} du chemin depuis "
                             f"{fmt.valeur_unite(ind['valeur_initiale'], ind['unite'])}")
        serie = serie_pluriannuelle(par_annee, ind["code"])
        alternative = texte_serie(serie, ind["unite"], ind["cible"])
        if len(serie) > 1:
            graphique, valeurs = st.columns([1.7, 1])
            graphique.altair_chart(serie_temporelle(serie, ref.indicateur(ind["code"]).libelle_court, ind["unite"],
                                                    ind["cible"], alternative),
                                   width="stretch", theme=None)  # our Altair theme (French locale)
            valeurs.dataframe(tableau_serie(serie, ind["unite"]), hide_index=True, width="stretch", height=260)
        st.caption(texte(alternative))

    compte = compte_courant()
    if compte and compte.peut("cibles") and not siens.empty:
        st.header("Cibles du site", anchor=False)
        with st.form("cible"):
            code = st.selectbox("Indicateur", siens["code"].tolist(), key=Widget.CIBLE_INDICATEUR,
                                format_func=lambda c: ref.indicateur(c).libelle_court)
            valeur = st.number_input("Nouvelle cible", value=None, step=1.0, key=Widget.CIBLE_VALEUR,
                                     help="Laissez vide pour revenir à la cible par défaut du référentiel.")
            st.caption("Cible pluriannuelle (facultatif) : la valeur de départ et les années suivent le progrès.")
            un, deux, trois = st.columns(3)
            initiale = un.number_input("Valeur de départ", value=None, step=1.0, key=Widget.CIBLE_INITIALE)
            annee_initiale = deux.number_input("Année de départ", value=None, step=1, min_value=2000,
                                               max_value=2100, key=Widget.CIBLE_ANNEE_INITIALE)
            annee_cible = trois.number_input("Année de la cible", value=None, step=1, min_value=2000,
                                             max_value=2100, key=Widget.CIBLE_ANNEE)
            if st.form_submit_button("Enregistrer la cible", key=Widget.CIBLE_ENREGISTRER):
                choisi = ref.indicateur(code)
                refus = verifier_cible(valeur, choisi.seuil, choisi.sens, choisi.unite)
                if refus:
                    st.error(refus)
                else:
                    save_cible(moteur(), site.code, code, valeur, compte.identifiant, valeur_initiale=initiale,
                               annee_initiale=annee_initiale, annee_cible=annee_cible)
                    vider_caches()
                    st.success("Cible enregistrée.")
    if compte and compte.peut("commenter"):
        st.header("Commentaires du COPIL", anchor=False)
        objet = f"engagement:{numero}"
        commentaires = load_commentaires(moteur(), site.code, annee)
        for _, c in commentaires[commentaires["objet"] == objet].iterrows():
            with st.container(border=True):  # the author line is ours, apart from the text: it can't be forged
                st.caption(f":material/person: **{texte(c['auteur'])}**, le {fmt.date_du_moment(c['quand'])}")
                st.markdown(texte(c["texte"], lignes=True))
        with st.form("commentaire", clear_on_submit=True):
            saisie = st.text_area("Votre commentaire", key=Widget.COMMENTAIRE)
            if st.form_submit_button("Ajouter", key=Widget.COMMENTAIRE_AJOUTER):
                try:
                    ajouter_commentaire(moteur(), site.code, annee, objet, saisie, compte.identifiant)
                    st.rerun()
                except ValueError as exc:
                    st.error(texte(exc))
