"""qualepref: the Streamlit entry point. Builds the navigation by role; the pages do the rest.

Run with ``streamlit run app.py``. The engine is made once (``st.cache_resource``) and migrated at start-up; on a
first start with an empty database the demonstration data are loaded (config.toml decides).
"""

from pathlib import Path

import streamlit as st

from pages.commun import (
    Cle,
    afficher_annonce,
    bandeau_demo,
    compte_courant,
    config,
    garde,
    moteur,
    preparer_premier_demarrage,
)
from qualepref.acces import ROLES, pages_permises

st.set_page_config(page_title="qualepref", page_icon=":material/verified:", layout="wide")

RACINE = Path(__file__).parent

with garde():
    moteur()
    preparer_premier_demarrage()
    compte = compte_courant(verifier=True)  # afresh on every run; the page reuses it
    role = compte.role if compte else None
    permises = [p for p in pages_permises(role, config().public_sans_connexion) if (RACINE / p.fichier).exists()]
    pages = [
        st.Page(p.fichier, title=p.titre, icon=p.icone, default=p.par_defaut and role is not None)
        for p in permises
    ]
    accueil = next((page for page, p in zip(pages, permises) if p.par_defaut and role is not None), None)
    if compte is None:
        pages.insert(0, st.Page("pages/connexion.py", title="Connexion", icon=":material/login:", default=True))
    else:
        pages.append(st.Page("pages/connexion.py", title="Mon compte", icon=":material/person:"))
    with st.sidebar:
        if compte is not None:
            st.caption(f"Connecté : {compte.nom or compte.identifiant} ({ROLES[compte.role]})")
    navigation = st.navigation(pages, expanded=True)  # every page listed (no English "View more")
    bandeau_demo()  # every page says "Données de démonstration" while they are there
    afficher_annonce()
    if compte is not None and st.session_state.pop(Cle.VIENT_DE_SE_CONNECTER, False) and accueil is not None:
        st.switch_page(accueil)  # after log-in, land on the role's home page rather than on "Mon compte"
    navigation.run()
