"""Connexion / Mon compte: local log-in (or single sign-on), password change, log-out."""

import streamlit as st

from pages.commun import (
    Cle,
    Widget,
    adresse_client,
    annoncer_et_recharger,
    compte_courant,
    doit_changer_mot_de_passe,
    garde,
    garder_la_session,
    moteur,
    oublier_la_session,
    regles_connexion,
    sso_configure,
    texte,
)
from qualepref.acces import ROLES, changer_mot_de_passe, connecter, ouvrir_session

with garde():
    compte = compte_courant()
    if compte is None:
        st.title("Connexion", anchor=False)
        if sso_configure():
            st.write("Connectez-vous avec le compte de votre administration.")
            if st.button("Se connecter", key=Widget.CONNEXION_SSO):
                st.login()
        else:
            with st.form("connexion"):
                identifiant = st.text_input("Identifiant", key=Widget.CONNEXION_IDENTIFIANT)
                mot_de_passe = st.text_input("Mot de passe", type="password", key=Widget.CONNEXION_MOT_DE_PASSE)
                valider = st.form_submit_button("Se connecter", key=Widget.CONNEXION_VALIDER)
            if valider:
                resultat = connecter(moteur(), identifiant.strip(), mot_de_passe, regles_connexion(),
                                     adresse=adresse_client())
                if resultat.compte is None:
                    st.error(texte(resultat.message))
                else:
                    garder_la_session(ouvrir_session(
                        moteur(), resultat.compte, regles_connexion().duree_session_minutes))
                    st.session_state[Cle.VIENT_DE_SE_CONNECTER] = True
                    st.rerun()
        st.caption("Les résultats publiés pour le comité des usagers se consultent sans connexion lorsque "
                   "la préfecture l'a choisi.")
    else:
        st.title("Mon compte", anchor=False)
        st.markdown(f"**{texte(compte.nom or compte.identifiant)}** — {ROLES[compte.role]}")
        provisoire = doit_changer_mot_de_passe(compte)
        if provisoire:
            st.warning("Votre mot de passe est provisoire : choisissez-en un nouveau (12 caractères au moins) ; "
                       "les autres pages s'ouvriront ensuite.")
        with st.form("mot_de_passe"):
            nouveau = st.text_input("Nouveau mot de passe", type="password", key=Widget.NOUVEAU_MOT_DE_PASSE)
            if st.form_submit_button("Changer le mot de passe", key=Widget.MOT_DE_PASSE_CHANGER):
                try:
                    changer_mot_de_passe(moteur(), compte.id, nouveau)
                    if provisoire:  # now the other pages open: land on the role's home page
                        st.session_state[Cle.VIENT_DE_SE_CONNECTER] = True
                        annoncer_et_recharger("Mot de passe changé : toutes vos pages sont ouvertes.")
                    st.success("Mot de passe changé.")
                except ValueError as exc:
                    st.error(texte(exc))
        if st.button("Se déconnecter", key=Widget.DECONNEXION):
            if sso_configure():
                st.logout()
            oublier_la_session()
            st.rerun()
