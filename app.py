"""qualepref: the Streamlit entry point. Builds the navigation by role; the pages do the rest.

Run with ``streamlit run app.py``. This one file plays two parts:

- ``streamlit run`` finds ``app = st.App(...)`` below and serves that ASGI application (uvicorn imports this file
  as the module ``app``): qualepref.serveur adds the security headers, ``lang="fr"``, the session cookie's route and
  the guard on downloads around Streamlit's own routes;
- Streamlit then runs this same file as the page script (``__main__``) on every run: the navigation by role.

The engine is made once (``st.cache_resource``) and migrated at start-up; on a first start with an empty database
the demonstration data are loaded (config.toml decides).
"""

from pathlib import Path

import streamlit as st

RACINE = Path(__file__).parent

if __name__ == "__main__":  # the page script, on every run
    from pages.commun import (
        Cle,
        afficher_annonce,
        bandeau_demo,
        compte_courant,
        config,
        doit_changer_mot_de_passe,
        garde,
        moteur,
        preparer_premier_demarrage,
        relayer_le_cookie,
        texte,
    )
    from qualepref.acces import ROLES, pages_permises

    st.set_page_config(page_title="qualepref", page_icon=":material/verified:", layout="wide")

    with garde():
        moteur()
        preparer_premier_demarrage()
        compte = compte_courant(verifier=True)  # afresh on every run; the page reuses it
        role = compte.role if compte else None
        permises = [p for p in pages_permises(role, config().public_sans_connexion) if (RACINE / p.fichier).exists()]
        a_changer = doit_changer_mot_de_passe(compte)
        if a_changer:  # a one-time password is changed before any other page opens
            permises = []
        pages = [
            st.Page(p.fichier, title=p.titre, icon=p.icone, default=p.par_defaut and role is not None)
            for p in permises
        ]
        accueil = next((page for page, p in zip(pages, permises) if p.par_defaut and role is not None), None)
        if compte is None:
            pages.insert(0, st.Page("pages/connexion.py", title="Connexion", icon=":material/login:", default=True))
        else:
            pages.append(st.Page("pages/connexion.py", title="Mon compte", icon=":material/person:", default=a_changer))
        with st.sidebar:
            if compte is not None:
                st.caption(f"Connecté : {texte(compte.nom or compte.identifiant)} ({ROLES[compte.role]})")
        navigation = st.navigation(pages, expanded=True)  # every page listed (no English "View more")
        bandeau_demo()  # every page says "Données de démonstration" while they are there
        if compte is not None and st.session_state.pop(Cle.VIENT_DE_SE_CONNECTER, False) and accueil is not None:
            st.switch_page(accueil)  # after log-in, land on the role's home page rather than on "Mon compte"
        afficher_annonce()  # after the switch above, so that the page landed on shows it
        relayer_le_cookie()  # after a log-in or a log-out: the browser's session cookie set or erased
        navigation.run()
else:  # imported by `streamlit run` (or uvicorn) to find the server
    from anyio import to_thread
    from starlette.middleware import Middleware
    from streamlit.runtime.pages_manager import PagesManager

    from qualepref.config import charger_config
    from qualepref.serveur import Protection, Sessions, routes

    # No session has started yet: Streamlit's legacy pages/ directory mode (a sidebar listing every file under
    # pages/, commun.py included) is off before the very first visitor, not after their first run.
    PagesManager.uses_pages_directory = False

    async def _session_valide(jeton: str) -> bool:
        """Is a cookie's token a live session? (the store is asked off the server's event loop)"""
        from pages.commun import moteur
        from qualepref.acces import verifier_session

        return await to_thread.run_sync(verifier_session, moteur(), jeton) is not None

    async def _fermer_session(jeton: str) -> None:
        from pages.commun import moteur
        from qualepref.acces import fermer_session

        await to_thread.run_sync(fermer_session, moteur(), jeton)

    _sessions = Sessions(valide=_session_valide, fermer=_fermer_session,
                         duree_s=charger_config().duree_session_minutes * 60,
                         base=str(st.get_option("server.baseUrlPath") or "").strip("/"))
    app = st.App("app.py", routes=routes(_sessions), middleware=[Middleware(Protection, sessions=_sessions)])
