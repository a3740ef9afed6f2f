"""Helpers for AppTest page tests: a signed-in session of a given role on a fresh database."""

from __future__ import annotations

import html

from streamlit.testing.v1 import AppTest

from pages.commun import Cle
from qualepref.acces import connecter, creer_compte, ouvrir_session
from qualepref.config import charger_config
from qualepref.store import creer_moteur

MOT_DE_PASSE = "mot de passe de test 2026"


def moteur_de_l_app():
    """The engine of the database the app under test uses (the one config_app points at)."""
    return creer_moteur(charger_config().url_base)


def connecte(role: str | None, page: str | None = None, identifiant: str | None = None) -> AppTest:
    """An AppTest of app.py, run once, signed in with ``role`` (None: anonymous), switched to ``page`` if given."""
    at = AppTest.from_file("../../app.py", default_timeout=60)
    if role is not None:
        moteur = moteur_de_l_app()
        identifiant = identifiant or f"test-{role}"
        creer_compte(moteur, identifiant, role, MOT_DE_PASSE)
        compte = connecter(moteur, identifiant, MOT_DE_PASSE).compte
        at.session_state[Cle.JETON] = ouvrir_session(moteur, compte, 60)
    at.run()
    if page is not None:
        at.switch_page(page)
        at.run()
    return at


def lu(markdown: str) -> str:
    """What a reader sees of a value ``pages.commun.texte`` made safe: its character references decoded and its
    invisible word joiners dropped (the Markdown around it is left as it is)."""
    return html.unescape(markdown).replace("\u2060", "")


def textes(at: AppTest) -> str:
    """Every text the page shows (markdown, captions, titles, alerts, metrics), joined, as read (``lu``): for
    assertions."""
    morceaux = []
    for genre in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        morceaux += [lu(str(e.value)) for e in getattr(at, genre)]
    morceaux += [f"{lu(m.label)} {m.value}" for m in at.metric]
    return "\n".join(morceaux)


def metriques(at: AppTest) -> dict[str, str]:
    """The page's metrics, {label: value} (the first metric of each label, in page order)."""
    resultat: dict[str, str] = {}
    for m in at.metric:
        resultat.setdefault(m.label, m.value)
    return resultat
