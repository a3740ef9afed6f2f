"""Importer des données: choose the kind, download its template, upload, read every problem at once, preview,
then confirm (replacing a period that already holds data only when asked)."""

import hashlib

import streamlit as st

from pages.commun import (
    Cle,
    Widget,
    bouton_telechargement,
    choisir_site,
    config,
    exiger,
    garde,
    moteur,
    texte,
    vider_caches,
)
from qualepref import format as fmt
from qualepref.imports.kinds import KINDS
from qualepref.imports.modeles import modele
from qualepref.imports.pipeline import analyser, importer
from qualepref.referentiels_en_place import referentiel_en_place
from qualepref.store import DonneesExistantes, ErreurStockage, load_sites, periodes_existantes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

with garde():
    compte = exiger("importer")
    st.title("Importer des données", anchor=False)
    site = choisir_site(load_sites(moteur()))
    if site is None:
        st.info("Déclarez d'abord un site (page « Sites ») : chaque import est rattaché à un site.")
        st.stop()
    gauche, droite = st.columns(2)
    type_donnees = gauche.selectbox("Type de données", list(KINDS), format_func=lambda k: KINDS[k].libelle,
                                    key=Widget.IMPORT_TYPE)
    annee = droite.number_input("Année (si le fichier ne la donne pas)", min_value=2000, max_value=2100, value=None,
                                step=1, key=Widget.IMPORT_ANNEE)
    st.caption(KINDS[type_donnees].aide)
    if KINDS[type_donnees].notes:
        with st.expander("Ce que chaque nature demande (feuille « Aide » du modèle)"):
            st.markdown("\n".join(f"- {note}" for note in KINDS[type_donnees].notes))
    bouton_telechargement("Télécharger le modèle à remplir (.xlsx)",
                          modele(type_donnees, referentiel_en_place(moteur(), site.referentiel)),
                          file_name=f"modele_{type_donnees}.xlsx", mime=XLSX, key=Widget.IMPORT_MODELE)
    fichier = st.file_uploader("Fichier (.xlsx, .ods ou .csv)", type=["xlsx", "ods", "csv"], key=Widget.IMPORT_FICHIER)
    st.caption(f"Faites glisser le fichier dans le cadre ou cliquez sur « Upload » pour le choisir ; "
               f"{fmt.nombre(config().taille_max_mo)} Mo au plus par fichier (le cadre, écrit par Streamlit, "
               "reste en anglais).")
    if fichier is None:
        st.stop()
    contenu = fichier.getvalue()
    if len(contenu) > config().taille_max_mo * 1024 * 1024:
        st.error(f"{texte(fichier.name)} : le fichier dépasse la taille maximale de "
                 f"{fmt.nombre(config().taille_max_mo)} Mo.")
        st.stop()
    cle = (hashlib.sha256(contenu).hexdigest(), fichier.name, type_donnees, site.code, annee)
    memoire = st.session_state.get(Cle.ANALYSE)
    if memoire is None or memoire[0] != cle:
        barre = st.progress(0.0, text="Lecture du fichier…")
        analyse = analyser(contenu, fichier.name, type_donnees, site.code,
                           referentiel_en_place(moteur(), site.referentiel),
                           int(annee) if annee else None, progression=lambda f, t: barre.progress(min(f, 1.0), text=t),
                           lignes_max=config().lignes_max, modules=site.modules,
                           exclus=site.engagements_exclus)
        barre.empty()
        st.session_state[Cle.ANALYSE] = (cle, analyse)
    else:
        analyse = memoire[1]

    bloquants = [p for p in analyse.problemes if p.bloquant]
    avertissements = [p for p in analyse.problemes if not p.bloquant]
    if bloquants:
        st.error(f"{len(bloquants)} erreur(s) : rien n'a été importé. Corrigez le fichier puis déposez-le à nouveau.")
        st.markdown("\n".join(f"- {texte(p.texte)}" for p in bloquants[:200]))
        if len(bloquants) > 200:
            st.caption(f"… et {len(bloquants) - 200} autre(s).")
        st.stop()
    for p in avertissements[:50]:
        st.warning(texte(p.texte))
    st.header("Aperçu", anchor=False)
    st.write(f"{fmt.nombre(len(analyse.lignes))} ligne(s) lue(s) pour {len(analyse.periodes)} période(s).")
    st.dataframe(analyse.apercu, hide_index=True, width="stretch")
    st.dataframe(analyse.lignes.drop(columns=["cle"], errors="ignore").head(20), hide_index=True, width="stretch")
    existantes = periodes_existantes(moteur(), type_donnees, site.code, analyse.periodes)
    remplacer = False
    if existantes:
        st.warning("Des données existent déjà pour : " + texte(", ".join(sorted(existantes))) + ". L'import les remplacera "
                   "(elles restent restaurables en annulant l'import).")
        remplacer = st.checkbox("Je confirme le remplacement de ces périodes", key=Widget.IMPORT_REMPLACER)
    if st.button("Confirmer l'import", type="primary", disabled=bool(existantes) and not remplacer,
                 key=Widget.IMPORT_CONFIRMER):
        try:
            with st.spinner("Enregistrement…"):
                resultat = importer(moteur(), analyse, compte.identifiant, remplacer=remplacer)
            vider_caches()
            st.session_state.pop(Cle.ANALYSE, None)
            st.success(f"Import n° {resultat.import_id} enregistré : {fmt.nombre(resultat.ajoutees)} ligne(s) "
                       f"ajoutée(s), {fmt.nombre(resultat.remplacees)} remplacée(s).")
        except (DonneesExistantes, ErreurStockage) as exc:
            st.error(texte(exc))
