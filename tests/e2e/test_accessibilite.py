"""Every page for every role in Debian's Chromium at 1280×720, audited with axe-core (npm's ``axe-core``, injected
by Playwright; WCAG 2.0 and 2.1, levels A and AA): no violation. The pages are those the navigation offers each
role — the log-in and public pages without an account, the comité's, the COPIL member's, the référent's — plus the
password change forced by a one-time password, and each step of the meeting mode. Each page's full-page screenshot
goes to QUALEPREF_CAPTURES when set (for people to look at; never committed).

axe-core comes from ``npm ci`` at the repository's top (package.json); without it the test is skipped with that
reason, except where QUALEPREF_AXE_REQUIS is set (.ci/run sets it once ``npm ci`` has run).
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest

from tests.e2e.outils import ARGUMENTS, ATTENTE_MS, CHROMIUM, MOT_DE_PASSE_ROLES, RACINE, attendre_la_page, connecter

AXE = RACINE / "node_modules" / "axe-core" / "axe.min.js"
NORMES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LARGEUR, HAUTEUR = 1280, 720

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
    pytest.mark.skipif(not AXE.exists() and not os.environ.get("QUALEPREF_AXE_REQUIS"),
                       reason="axe-core absent : `npm ci` à la racine du dépôt l'installe (.ci/run le fait)"),
]


def violations(page) -> list[str]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now: rule, help, the elements."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    resultat = page.evaluate(
        "async (normes) => await axe.run(document, "
        "{runOnly: {type: 'tag', values: normes}, resultTypes: ['violations']})",
        NORMES)
    return [f"{v['id']} ({v['impact']}) : {v['help']} — " + " ; ".join(
        " ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"]) for n in v["nodes"][:6])
        for v in resultat["violations"]]


def capturer(page, dossier: Path, nom: str) -> None:
    """A full-page screenshot at 1280 px: the viewport grown to the content's height (Streamlit scrolls inside
    its main section, which a plain full-page screenshot would cut at 720 px), then back to 1280×720."""
    hauteur = page.evaluate("""() => Math.max(document.documentElement.scrollHeight,
        ...Array.from(document.querySelectorAll('[data-testid="stMain"], [data-testid="stAppViewContainer"]'))
            .map(e => e.scrollHeight))""")
    page.set_viewport_size({"width": LARGEUR, "height": max(HAUTEUR, min(int(hauteur), 12_000))})
    page.wait_for_timeout(600)
    page.screenshot(path=str(dossier / f"{nom}.png"), full_page=True)
    page.set_viewport_size({"width": LARGEUR, "height": HAUTEUR})
    page.wait_for_timeout(300)


def _nom_fichier(texte: str) -> str:
    sans_accents = unicodedata.normalize("NFKD", texte.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", sans_accents).strip("_")


def liens_navigation(page) -> list[str]:
    """The pages' titles in the sidebar (each link's last line: the first is its icon's name)."""
    liens = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    return [t.strip().split("\n")[-1].strip() for t in liens]


def ouvrir(page, titre: str) -> None:
    page.locator('[data-testid="stSidebarNavLink"]', has_text=titre).first.click()
    page.wait_for_timeout(800)
    attendre_la_page(page)


def parcourir(page, qui: str, dossier: Path) -> dict[str, list[str]]:
    """Every page the navigation offers (and each step of the meeting mode): its violations, its screenshot."""
    trouve: dict[str, list[str]] = {}
    for titre in liens_navigation(page):
        ouvrir(page, titre)
        trouve[titre] = violations(page)
        capturer(page, dossier, f"{qui}-{_nom_fichier(titre)}")
        if titre == "Mode séance":
            for etape in range(2, 12):
                suivant = page.get_by_role("button", name="Suivant")
                if not suivant.count() or suivant.is_disabled():
                    break
                suivant.click()
                page.wait_for_timeout(800)
                attendre_la_page(page)
                trouve[f"{titre}, étape {etape}"] = violations(page)
                capturer(page, dossier, f"{qui}-{_nom_fichier(titre)}-{etape}")
            # full screen: the sidebar is out of the way; « Quitter la séance » leads back to the dashboard
            page.get_by_role("link", name="Quitter la séance").click()
            page.wait_for_timeout(800)
            attendre_la_page(page)
    return trouve


@pytest.fixture
def captures(tmp_path: Path) -> Path:
    dossier = Path(os.environ.get("QUALEPREF_CAPTURES") or tmp_path)
    dossier.mkdir(parents=True, exist_ok=True)
    return dossier


@pytest.mark.parametrize("qui", ["sans_compte", "comite", "copil", "referent", "mot_de_passe_a_changer"])
def test_aucune_violation_wcag(serveur_roles: tuple[str, str], captures: Path, qui: str) -> None:
    """axe-core finds no WCAG 2.1 AA violation on any page this visitor can open."""
    from playwright.sync_api import sync_playwright

    adresse, provisoire = serveur_roles
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page(viewport={"width": LARGEUR, "height": HAUTEUR})
        page.set_default_timeout(ATTENTE_MS)
        if qui == "sans_compte":
            page.goto(adresse)
            attendre_la_page(page)
            trouve = parcourir(page, qui, captures)
            assert {"Connexion", "Résultats publiés", "Déclaration d'accessibilité"} <= set(trouve), trouve
        elif qui == "mot_de_passe_a_changer":
            connecter(page, adresse, "nouveau", provisoire)
            assert liens_navigation(page) == []  # one page only: no navigation
            assert page.get_by_label("Nouveau mot de passe").count() == 1
            trouve = {"Mon compte (mot de passe à changer)": violations(page)}
            capturer(page, captures, f"{qui}-mon_compte")
        else:
            connecter(page, adresse, qui, MOT_DE_PASSE_ROLES)
            trouve = parcourir(page, qui, captures)
            assert "Mon compte" in trouve and "Résultats publiés" in trouve, trouve
        navigateur.close()
    problemes = {titre: v for titre, v in trouve.items() if v}
    assert not problemes, "\n".join(f"{titre} :\n  " + "\n  ".join(v) for titre, v in problemes.items())


def test_l_audit_voit_une_violation() -> None:
    """The audit can fail: an image without a text alternative and a field without a label are reported."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page()
        page.set_content('<html lang="fr"><head><title>t</title></head><body><main><h1>t</h1>'
                         '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
                         '<input type="text"></main></body></html>')
        trouve = violations(page)
        navigateur.close()
    assert [v.split(" ")[0] for v in trouve] == ["image-alt", "label"], trouve
