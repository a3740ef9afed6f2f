"""Fixtures shared by the end-to-end tests: the real server on hand-known data with one account per role (started
once for the whole run), and a long wait for what a loaded machine renders."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from tests.e2e.outils import MOT_DE_PASSE_ROLES, RACINE, ROLES, Serveur, arreter, demarrer_streamlit, serveur_sur

_REMPLIR = """
import datetime as dt
from qualepref.config import charger_config
from qualepref.publication import publier_resultats
from qualepref.referentiel import charger
from qualepref.resultats import resultats_site
from qualepref.store import creer_moteur
from tests.pages.donnees import SITE, remplir
moteur = creer_moteur(charger_config().url_base)
remplir(moteur)
publier_resultats(moteur, resultats_site(moteur, charger(SITE.referentiel), SITE, 2024, dt.date.today()), None,
                  "referent", None)
"""


@pytest.fixture(scope="session")
def serveur_roles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The app on a database holding tests/test_resultats.py's data (site PREF-T, modules 1 and 4, 2024 and 2023),
    2024 published, one account per role (password MOT_DE_PASSE_ROLES) and the account ``nouveau`` with a
    one-time password; yields the address and that one-time password."""
    dossier = tmp_path_factory.mktemp("roles")
    config = dossier / "config.toml"
    config.write_text(f'[base]\nurl = "sqlite:///{dossier / "e2e.db"}"\n[demo]\nau_premier_demarrage = false\n',
                      encoding="utf-8")
    env = {**os.environ, "QUALEPREF_CONFIG": str(config)}
    env.pop("QUALEPREF_DATABASE_URL", None)

    def cli(*arguments: str) -> str:
        return subprocess.run([sys.executable, "-m", "qualepref", *arguments], cwd=RACINE, env=env, check=True,
                              capture_output=True, text=True).stdout

    for role in ROLES:
        cli("compte-ajouter", role, "--role", role, "--mot-de-passe", MOT_DE_PASSE_ROLES)
    provisoire = cli("compte-ajouter", "nouveau", "--role", "copil").split("Mot de passe à usage unique : ")[1]
    subprocess.run([sys.executable, "-c", _REMPLIR], cwd=RACINE, env=env, check=True, capture_output=True)
    processus, adresse = demarrer_streamlit(env, dossier / "streamlit.log")
    try:
        yield adresse, provisoire.strip()
    finally:
        arreter(processus)


@pytest.fixture
def serveur(request: pytest.FixtureRequest, tmp_path) -> Iterator[Serveur]:  # noqa: ANN001 - a Path
    """A fresh app for one test (one référent, one site); a test module's ``REGLAGES_SERVEUR`` (config.toml
    lines) is added to its configuration."""
    with serveur_sur(tmp_path, getattr(request.module, "REGLAGES_SERVEUR", "")) as lance:
        yield lance


@pytest.fixture(scope="module")
def serveur_du_module(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serveur]:
    """The same app shared by the tests of one module."""
    with serveur_sur(tmp_path_factory.mktemp("serveur"), getattr(request.module, "REGLAGES_SERVEUR", "")) as lance:
        yield lance


@pytest.fixture(scope="module")
def navigateur() -> Iterator:
    """Debian's Chromium, shared by the tests of one module (each opens its own context)."""
    from playwright.sync_api import sync_playwright

    from tests.e2e.outils import ARGUMENTS, CHROMIUM

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        yield chromium
        chromium.close()


@pytest.fixture
def attente_longue() -> Iterator[None]:
    """A shared, loaded machine: the browser waits up to ATTENTE_MS for what the server renders."""
    from playwright.sync_api import expect

    from tests.e2e.outils import ATTENTE_MS

    expect.set_options(timeout=ATTENTE_MS)
    yield
    expect.set_options(timeout=5_000)
