"""The COPIL screens in Debian's Chromium at 1280×720 on the real server and hand-known data: the module tiles and
points d'attention show the hand-known values, the essentials hold in the first screen, a point's link opens its
detail, the meeting mode steps through every module by keyboard and buttons. Screenshots go to QUALEPREF_CAPTURES
when set (for people to look at; never committed), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.outils import ARGUMENTS, ATTENTE_MS, CHROMIUM, RACINE, arreter, demarrer_streamlit

MOT_DE_PASSE = "mot de passe des écrans e2e"
ROLES = ("referent", "copil", "comite")

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
]

@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database holding tests/test_resultats.py's data (site PREF-T, modules 1 and 4, 2024 and 2023),
    2024 published, one account per role."""
    dossier = tmp_path_factory.mktemp("ecrans")
    config = dossier / "config.toml"
    config.write_text(f'[base]\nurl = "sqlite:///{dossier / "e2e.db"}"\n[demo]\nau_premier_demarrage = false\n',
                      encoding="utf-8")
    env = {**os.environ, "QUALEPREF_CONFIG": str(config)}
    env.pop("QUALEPREF_DATABASE_URL", None)
    for role in ROLES:
        subprocess.run([sys.executable, "-m", "qualepref", "compte-ajouter", role, "--role", role,
                        "--mot-de-passe", MOT_DE_PASSE], cwd=RACINE, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-c", _REMPLIR], cwd=RACINE, env=env, check=True, capture_output=True)
    processus, adresse = demarrer_streamlit(env, dossier / "streamlit.log")
    try:
        yield adresse
    finally:
        arreter(processus)


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


def _captures(tmp_path: Path) -> Path:
    dossier = Path(os.environ.get("QUALEPREF_CAPTURES") or tmp_path)
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def _attendre_la_page(page) -> None:  # noqa: ANN001 - a Playwright page
    """Until the script has run and the page has drawn (charts included)."""
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=ATTENTE_MS)
    page.wait_for_selector("h1", timeout=ATTENTE_MS)
    page.wait_for_timeout(1200)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=ATTENTE_MS)


def _connecter(page, adresse: str, role: str) -> None:  # noqa: ANN001
    page.goto(adresse)
    _attendre_la_page(page)
    page.get_by_label("Identifiant").fill(role)
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_timeout(1500)
    _attendre_la_page(page)


def test_le_tableau_de_bord_et_la_seance(serveur: str, tmp_path: Path) -> None:
    """Hand-known values on the dashboard at 1280×720 and 1920×1080 (the essentials above the fold), then the
    meeting mode through every step by keyboard and by button."""
    from playwright.sync_api import expect, sync_playwright

    captures = _captures(tmp_path)
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page(viewport={"width": 1280, "height": 720})
        page.set_default_timeout(ATTENTE_MS)
        _connecter(page, serveur, "copil")
        expect(page.get_by_role("heading", name="Tableau de bord", level=1)).to_be_visible()
        # tiles: module 1 and 4 of tests/test_resultats.py (see tests/test_copil.py for the hand count)
        expect(page.get_by_role("img", name="1 proche · 3 non atteint · 9 non mesuré · 7 sans cible")).to_be_visible()
        expect(page.get_by_role("img", name="2 non mesuré · 2 sans cible")).to_be_visible()
        # pages.commun.texte puts a word joiner after each colon (no address is ever linked): names read the same
        attention = page.get_by_role("link", name=re.compile("^Engagement 3 non atteint :\u2060? Écoute des usagers$"))
        expect(attention).to_be_visible()
        expect(page.get_by_role("link", name=re.compile(
            "^Action en retard :\u2060? a4 \\(échéance 01.03.2024, 0\\s% réalisé\\)$"))).to_be_visible()
        expect(page.get_by_role("rowheader", name="Réclamations répondues dans le délai")).to_be_visible()
        # the essentials hold in the first screen: tiles, key figures and the first points
        for element in (page.locator(".qp-tuiles"), page.locator(".qp-chiffres"), attention):
            boite = element.bounding_box()
            assert boite is not None and boite["y"] + min(boite["height"], 200) <= 720, boite
        page.screenshot(path=str(captures / "copil-tableau_de_bord-1280x720-ecran.png"))
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.wait_for_timeout(800)
        page.screenshot(path=str(captures / "copil-tableau_de_bord-1920x1080-ecran.png"))
        page.set_viewport_size({"width": 1280, "height": 720})

        attention.click()  # the point's link opens its detail
        _attendre_la_page(page)
        expect(page.get_by_role("heading", name="Engagement 3. A votre écoute pour progresser")).to_be_visible()

        page.locator('[data-testid="stSidebarNavLink"]', has_text="Tableau de bord").first.click()
        _attendre_la_page(page)
        page.get_by_test_id("stMainBlockContainer").get_by_role("link", name="Mode séance").click()
        _attendre_la_page(page)
        vues = []
        for etape in range(5):
            vues.append(page.locator("h1").first.inner_text())
            page.screenshot(path=str(captures / f"copil-seance-{etape + 1}.png"), full_page=True)
            if etape < 2:
                page.keyboard.press("ArrowRight")
            else:
                page.get_by_role("button", name="Suivant").click()
            page.wait_for_timeout(800)
            _attendre_la_page(page)
        assert vues == ["Module 1 — Relation usagers", "Module 4 — Collectivités territoriales",
                        "Enquêtes de satisfaction", "Plan d'actions", "Points d'attention"]
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(800)
        _attendre_la_page(page)
        expect(page.locator("h1").first).to_have_text("Plan d'actions")
        navigateur.close()
