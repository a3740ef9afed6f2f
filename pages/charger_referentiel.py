"""Charger un référentiel: the référent downloads the workbook of a referential in place, edits it (the official
Quali-ATE text, a new version), uploads it, reads every problem or the differences, then activates it."""

import functools
import hashlib

import streamlit as st

from pages.commun import (
    Cle,
    Widget,
    annoncer_et_recharger,
    bouton_telechargement,
    config,
    exiger,
    garde,
    moteur,
    texte,
    vider_caches,
)
from qualepref import format as fmt
from qualepref.referentiel import mention_ebauche
from qualepref.referentiel.lecture_classeur import ClasseurInvalide
from qualepref.referentiels_en_place import (
    activer,
    classeur_en_place,
    codes_en_place,
    examiner,
    nom_du_classeur,
    referentiel_en_place,
    tableau_des_referentiels,
    tableau_historique,
    tableau_problemes,
)
from qualepref.store import ErreurStockage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

with garde():
    compte = exiger("importer")
    st.title("Charger un référentiel")
    st.caption("Un référentiel est un classeur : téléchargez celui de la version en place, corrigez-le ou "
               "recopiez-y le texte officiel (la feuille « Aide » décrit chaque colonne), puis déposez-le ici. "
               "Rien ne change avant « Activer cette version » ; la version précédente reste gardée.")
    st.subheader("Référentiels en place")
    st.dataframe(tableau_des_referentiels(moteur()), hide_index=True, width="stretch",
                 column_config={"titre": "Titre", "version": "Version", "statut": "Statut",
                                "origine": "En place"})
    codes = codes_en_place(moteur())
    gauche, droite = st.columns([2, 1], vertical_alignment="bottom")
    code = gauche.selectbox("Référentiel à télécharger", codes, key=Widget.CHARGER_REFERENTIEL_CODE,
                            format_func=lambda c: referentiel_en_place(moteur(), c).titre)
    with droite:
        bouton_telechargement("Télécharger le classeur (.xlsx)", functools.partial(classeur_en_place, moteur(), code),
                              file_name=nom_du_classeur(referentiel_en_place(moteur(), code)), mime=XLSX,
                              key=Widget.CHARGER_REFERENTIEL_MODELE)

    st.subheader("Déposer un classeur")
    fichier = st.file_uploader("Classeur du référentiel (.xlsx)", type=["xlsx"], key=Widget.CHARGER_REFERENTIEL_FICHIER)
    st.caption(f"Déposez le classeur (.xlsx) du référentiel, {fmt.nombre(config().taille_max_mo)} Mo au plus : "
               "faites-le glisser dans le cadre ou cliquez sur « Upload » pour le choisir (le cadre, écrit par "
               "Streamlit, reste en anglais).")
    if fichier is not None:
        contenu = fichier.getvalue()
        cle = (hashlib.sha256(contenu).hexdigest(), fichier.name)
        memoire = st.session_state.get(Cle.EXAMEN_REFERENTIEL)
        if memoire is None or memoire[0] != cle:
            try:
                resultat = examiner(moteur(), contenu, fichier.name)
            except ClasseurInvalide as exc:
                resultat = exc.problemes
            st.session_state[Cle.EXAMEN_REFERENTIEL] = (cle, resultat)
        else:
            resultat = memoire[1]
        if isinstance(resultat, list):
            nombre = len(resultat)
            st.error(f"{nombre} problème{'s' if nombre > 1 else ''} : rien n'est enregistré. Corrigez le classeur "
                     "puis déposez-le à nouveau.")
            st.dataframe(tableau_problemes(resultat), hide_index=True, width="stretch",
                         column_config={"feuille": st.column_config.TextColumn("Feuille", width=105),
                                        "ligne": st.column_config.NumberColumn("Ligne", width=50),
                                        "colonne": st.column_config.TextColumn("Colonne", width=105),
                                        "valeur": st.column_config.TextColumn("Valeur", width=125),
                                        "probleme": st.column_config.TextColumn("Problème")})
        else:
            ref = resultat.referentiel
            st.success(f"Classeur valide : « {texte(ref.titre)} », version « {texte(ref.version)} ».")
            if mention_ebauche(ref):
                st.warning(texte(mention_ebauche(ref)))
            st.write("Différences avec la version en place :" if resultat.remplace else "Nouveau référentiel :")
            st.dataframe({"Changement": list(resultat.differences)}, hide_index=True, width="stretch")
            if st.button("Activer cette version", type="primary", key=Widget.CHARGER_REFERENTIEL_ACTIVER):
                try:
                    activer(moteur(), contenu, fichier.name, compte.nom or compte.identifiant)
                except (ClasseurInvalide, ErreurStockage) as exc:
                    st.error(texte(str(exc)))
                else:
                    st.session_state.pop(Cle.EXAMEN_REFERENTIEL, None)
                    vider_caches()
                    annoncer_et_recharger(f"Version activée : « {texte(ref.titre)} », {texte(ref.version)}, est "
                                          "désormais en place (la précédente est gardée).")

    historique = tableau_historique(moteur())
    if not historique.empty:
        st.subheader("Versions chargées")
        st.dataframe(historique, hide_index=True, width="stretch",
                     column_config={"titre": "Titre", "version": "Version", "fichier": "Fichier",
                                    "charge_le": "Chargée le", "charge_par": "Par"})
