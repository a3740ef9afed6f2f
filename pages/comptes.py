"""Comptes: the référent creates accounts (with a one-time password), maps e-mails to roles, disables accounts."""

import streamlit as st

from pages.commun import Widget, exiger, garde, moteur, regles_connexion, texte
from qualepref import format as fmt
from qualepref.acces import (
    ROLES,
    connexions_bloquees,
    creer_compte,
    debloquer_compte,
    desactiver_compte,
    lister_comptes,
)
from qualepref.store import ErreurStockage

with garde():
    exiger("comptes")
    st.title("Comptes", anchor=False)
    st.header("Créer un compte ou réinitialiser son mot de passe", anchor=False)
    with st.form("compte"):
        identifiant = st.text_input("Identifiant", key=Widget.COMPTE_IDENTIFIANT)
        role = st.selectbox("Rôle", list(ROLES), format_func=ROLES.get, key=Widget.COMPTE_ROLE)
        email = st.text_input("Adresse électronique (pour l'authentification unique, facultatif)",
                              key=Widget.COMPTE_EMAIL)
        creer = st.form_submit_button("Enregistrer", key=Widget.COMPTE_CREER)
    if creer:
        try:
            mot_de_passe = creer_compte(moteur(), identifiant.strip(), role, email=email.strip() or None)
            st.success(f"Compte « {texte(identifiant.strip())} » enregistré. Mot de passe à usage unique, à transmettre "
                       f"à la personne : `{mot_de_passe}`")
        except (ValueError, ErreurStockage) as exc:
            st.error(texte(exc))
    st.header("Les comptes", anchor=False)
    comptes = lister_comptes(moteur())
    st.dataframe(
        [{"Identifiant": c.identifiant, "Nom": c.nom or "", "Rôle": ROLES[c.role], "Adresse électronique":
          c.email or "", "Mot de passe provisoire": "oui" if c.doit_changer else "non",
          "État": "actif" if c.actif else "désactivé"} for c in comptes],
        hide_index=True, width="stretch")
    st.header("Désactiver un compte", anchor=False)
    autres = [c.identifiant for c in comptes if c.actif]
    cible = st.selectbox("Compte", autres, key=Widget.COMPTE_DESACTIVER) if autres else None
    if cible and st.button("Désactiver ce compte", key=Widget.COMPTE_DESACTIVER_VALIDER):
        desactiver_compte(moteur(), cible)
        st.success(f"Compte « {texte(cible)} » désactivé ; ses sessions sont fermées.")
    st.subheader("Connexions bloquées")
    bloques = connexions_bloquees(moteur(), regles_connexion())
    if not bloques:
        st.caption("Aucun compte n'est bloqué : après "
                   f"{regles_connexion().echecs_avant_verrouillage} échecs depuis un même poste, la connexion à un "
                   "compte depuis ce poste se bloque, les autres postes restent ouverts.")
    else:
        st.dataframe([{"Identifiant": b.identifiant, "Poste (adresse)": b.adresse or "ce serveur",
                       "Échecs": b.echecs, "Bloqué jusqu'à": fmt.date_heure(b.jusqua)} for b in bloques],
                     hide_index=True, width="stretch")
        a_debloquer = st.selectbox("Compte à débloquer", sorted({b.identifiant for b in bloques}),
                                   key=Widget.COMPTE_DEBLOQUER)
        if st.button("Débloquer ce compte", key=Widget.COMPTE_DEBLOQUER_VALIDER):
            debloquer_compte(moteur(), a_debloquer)
            st.success(f"Compte « {texte(a_debloquer)} » débloqué depuis tous les postes.")
