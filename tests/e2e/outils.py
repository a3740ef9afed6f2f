"""Starting the real server for the end-to-end tests: Streamlit on loopback (``streamlit run app.py``, st.App)
on a fresh SQLite database with one référent and one site; optionally Debian's nginx in front of it."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

RACINE = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
MOT_DE_PASSE = "mot de passe du référent e2e"
MOT_DE_PASSE_ROLES = "mot de passe des écrans e2e"  # each account of conftest.serveur_roles
ROLES = ("referent", "copil", "comite")
ATTENTE_MS = 90_000  # a shared, loaded machine: the first run of a page imports pandas and Altair


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def preparer(dossier: Path, reglages: str = "") -> dict[str, str]:
    """A config.toml on a fresh database under ``dossier`` with the account ``referent`` and the site PREF-E2E
    (``reglages``: more config.toml lines); returns the environment to run the app with."""
    config = dossier / "config.toml"
    config.write_text(f'[base]\nurl = "sqlite:///{dossier / "e2e.db"}"\n[demo]\nau_premier_demarrage = false\n'
                      + reglages, encoding="utf-8")
    env = {**os.environ, "QUALEPREF_CONFIG": str(config)}
    env.pop("QUALEPREF_DATABASE_URL", None)
    for arguments in (["compte-ajouter", "referent", "--role", "referent", "--mot-de-passe", MOT_DE_PASSE],
                      ["site-ajouter", "PREF-E2E", "--nom", "Préfecture de test", "--type", "prefecture",
                       "--cert", "--modules", "1,2"]):
        subprocess.run([sys.executable, "-m", "qualepref", *arguments], cwd=RACINE, env=env, check=True,
                       capture_output=True)
    return env


def attendre(adresse: str, secondes: int = 90, contexte=None) -> None:  # noqa: ANN001 - an ssl context
    """Wait until ``adresse`` answers 200."""
    for _ in range(secondes * 2):
        try:
            with urllib.request.urlopen(adresse, timeout=2, context=contexte) as reponse:
                if reponse.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{adresse} ne répond pas après {secondes} s")


def demarrer_streamlit(env: dict[str, str], journal: Path) -> tuple[subprocess.Popen, str]:
    """``streamlit run app.py`` on a free loopback port; returns the process and its address."""
    port = port_libre()
    processus = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=RACINE, env=env, stdout=journal.open("wb"), stderr=subprocess.STDOUT)
    adresse = f"http://127.0.0.1:{port}"
    try:
        attendre(f"{adresse}/_stcore/health")
    except TimeoutError:
        processus.terminate()
        raise
    return processus, adresse


@dataclass(frozen=True)
class Serveur:
    """A running app: its address, its environment (for the command line), its folder and process."""

    adresse: str
    env: dict[str, str]
    dossier: Path
    processus: subprocess.Popen


@contextlib.contextmanager
def serveur_sur(dossier: Path, reglages: str = "",
                preparation: Callable[[dict[str, str]], None] | None = None) -> Iterator[Serveur]:
    """The one way the e2e tests start the app: ``preparer`` (one référent, one site; ``reglages`` added to
    config.toml), then ``preparation(env)`` for a test's own data, then ``streamlit run`` on loopback (its log in
    ``dossier/serveur.log``); stopped on leaving."""
    env = preparer(dossier, reglages)
    if preparation is not None:
        preparation(env)
    processus, adresse = demarrer_streamlit(env, dossier / "serveur.log")
    try:
        yield Serveur(adresse, env, dossier, processus)
    finally:
        arreter(processus)


def arreter(processus: subprocess.Popen) -> None:
    processus.terminate()
    try:
        processus.wait(timeout=20)
    except subprocess.TimeoutExpired:
        processus.kill()
        processus.wait(timeout=10)


def se_connecter(page, adresse: str) -> None:  # noqa: ANN001 - a Playwright page
    """Log in as the référent through the log-in form and wait for the dashboard."""
    from playwright.sync_api import expect

    page.goto(adresse)
    page.get_by_label("Identifiant").fill("referent")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible(timeout=ATTENTE_MS)


def attendre_la_page(page) -> None:
    """Until the script has run and the page has drawn (charts included)."""
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=ATTENTE_MS)
    page.wait_for_selector("h1", timeout=ATTENTE_MS)
    page.wait_for_timeout(1200)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=ATTENTE_MS)


def connecter(page, adresse: str, identifiant: str, mot_de_passe: str) -> None:
    """Log in through the form (any account) and wait for the page it lands on."""
    page.goto(adresse)
    attendre_la_page(page)
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe", exact=True).fill(mot_de_passe)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_timeout(1500)
    attendre_la_page(page)
