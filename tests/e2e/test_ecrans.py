"""The COPIL screens in Debian's Chromium at 1280×720 on the real server and hand-known data: the module tiles and
points d'attention show the hand-known values, the essentials hold in the first screen, a point's link opens its
detail, the meeting mode steps through every module by keyboard and buttons. Screenshots go to QUALEPREF_CAPTURES
when set (for people to look at; never committed), else to the test's temporary folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.e2e.outils import ARGUMENTS, ATTENTE_MS, CHROMIUM, MOT_DE_PASSE_ROLES, attendre_la_page, connecter

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
]

def _captures(tmp_path: Path) -> Path:
    dossier = Path(os.environ.get("QUALEPREF_CAPTURES") or tmp_path)
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


def test_le_tableau_de_bord_et_la_seance(serveur_roles: tuple[str, str], tmp_path: Path) -> None:
    """Hand-known values on the dashboard at 1280×720 and 1920×1080 (the essentials above the fold), then the
    meeting mode through every step by keyboard and by button."""
    from playwright.sync_api import expect, sync_playwright

    captures = _captures(tmp_path)
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page(viewport={"width": 1280, "height": 720})
        page.set_default_timeout(ATTENTE_MS)
        connecter(page, serveur_roles[0], "copil", MOT_DE_PASSE_ROLES)
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
        # each key figure with its own target: the rate against the rate's target, the délai against the délai's
        chiffres = page.locator(".qp-chiffres").first
        for libelle, attendu in (("Réclamations répondues dans le délai",
                                  ["60 %", "90 %", "100 %", "−40 points · recul"]),
                                 ("Délai moyen réclamations",
                                  ["4,5 jours ouvrés", "10 jours ouvrés", "1 jour ouvré", "+3,5 jours · recul"])):
            ligne = chiffres.locator("tr", has=page.get_by_role("rowheader", name=libelle, exact=True))
            assert [" ".join(t.split()) for t in ligne.locator("td").all_inner_texts()] == attendu, libelle
        # the essentials hold in the first screen: tiles, key figures and the first points
        for element in (page.locator(".qp-tuiles"), page.locator(".qp-chiffres").first, attention):
            boite = element.bounding_box()
            assert boite is not None and boite["y"] + min(boite["height"], 200) <= 720, boite
        page.screenshot(path=str(captures / "copil-tableau_de_bord-1280x720-ecran.png"))
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.wait_for_timeout(800)
        page.screenshot(path=str(captures / "copil-tableau_de_bord-1920x1080-ecran.png"))
        page.set_viewport_size({"width": 1280, "height": 720})

        attention.click()  # the point's link opens its detail
        attendre_la_page(page)
        expect(page.get_by_role("heading", name="Engagement 3. A votre écoute pour progresser")).to_be_visible()

        page.locator('[data-testid="stSidebarNavLink"]', has_text="Tableau de bord").first.click()
        attendre_la_page(page)
        page.get_by_test_id("stMainBlockContainer").get_by_role("link", name="Mode séance").click()
        attendre_la_page(page)
        vues = []
        for etape in range(5):
            vues.append(page.locator("h1").first.inner_text())
            page.screenshot(path=str(captures / f"copil-seance-{etape + 1}.png"), full_page=True)
            if etape < 2:
                page.keyboard.press("ArrowRight")
            else:
                page.get_by_role("button", name="Suivant").click()
            page.wait_for_timeout(800)
            attendre_la_page(page)
        assert vues == ["Module 1 — Relation usagers", "Module 4 — Collectivités territoriales",
                        "Enquêtes de satisfaction", "Plan d'actions", "Points d'attention"]
        page.keyboard.press("ArrowLeft")
        page.wait_for_timeout(800)
        attendre_la_page(page)
        expect(page.locator("h1").first).to_have_text("Plan d'actions")
        navigateur.close()


COUPES = (Path(__file__).parent / "coupes.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(("qui", "chemin", "largeur"), [
    ("copil", "", 1280), ("copil", "/seance", 1280), ("sans_compte", "/resultats_publies", 1280),
    ("sans_compte", "/resultats_publies", 320)])
def test_rien_n_est_coupe(serveur_roles: tuple[str, str], qui: str, chemin: str, largeur: int) -> None:
    """At 1280×720 on the dashboard, the meeting mode and the published page, and at 320 px (a phone) on the
    published page: no metric label or value, table header or cell, tile or heading has its text cut
    (``scrollWidth > clientWidth``), no table is wider than its box, and no canvas grid hides its headers."""
    from playwright.sync_api import sync_playwright

    adresse = serveur_roles[0]
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page(viewport={"width": largeur, "height": 720})
        page.set_default_timeout(ATTENTE_MS)
        if qui == "copil":
            connecter(page, adresse, "copil", MOT_DE_PASSE_ROLES)
        if chemin:
            page.goto(adresse + chemin)
            attendre_la_page(page)
        mesure = page.evaluate(COUPES)
        navigateur.close()
    assert mesure["coupes"] == []
    assert mesure["grilles"] == 0  # every table is HTML: its headers are measured above
    assert mesure["tables"] >= 2 and (chemin != "/resultats_publies" or mesure["metriques"] >= 10), mesure
