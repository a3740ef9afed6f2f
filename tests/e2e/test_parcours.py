"""End to end, in a real browser (Debian's Chromium driven by Playwright): the server on loopback, a référent logs
in, uploads a journal, and reads the new rate on the dashboard."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.e2e.outils import ARGUMENTS, ATTENTE_MS, CHROMIUM, MOT_DE_PASSE, Serveur

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.usefixtures("attente_longue"),  # conftest: a loaded machine's long waits
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
]


def _journal_xlsx() -> bytes:
    """Three courriels de demande d'information of May 2024: two answered within 5 jours ouvrés, one late."""
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Journal"
    feuille.append(["Référence", "Canal", "Nature", "Date de réception", "Date de réponse", "Type de réponse",
                    "Service"])
    feuille.append(["C-1", "courriel", "demande d'information", "06/05/2024", "07/05/2024", "fond", "Accueil"])
    feuille.append(["C-2", "courriel", "demande d'information", "06/05/2024", "10/05/2024", "fond", "Accueil"])
    feuille.append(["C-3", "courriel", "demande d'information", "06/05/2024", "24/05/2024", "fond", "Accueil"])
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def test_le_referent_importe_un_journal_et_lit_le_taux(serveur: Serveur, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    fichier = tmp_path / "journal.xlsx"
    fichier.write_bytes(_journal_xlsx())
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page()
        page.set_default_timeout(ATTENTE_MS)
        page.goto(serveur.adresse)
        page.get_by_label("Identifiant").fill("referent")
        page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
        page.get_by_role("button", name="Se connecter").click()
        expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()

        page.get_by_role("link", name="Importer des données").click()
        expect(page.get_by_role("heading", name="Importer des données")).to_be_visible()
        page.locator("input[type=file]").set_input_files(str(fichier))
        expect(page.get_by_text("3 ligne(s) lue(s)")).to_be_visible()
        page.get_by_role("button", name="Confirmer l'import").click()
        expect(page.get_by_text("ligne(s) ajoutée(s)")).to_be_visible()

        page.get_by_role("link", name="Tableau de bord").click()
        expect(page.get_by_role("heading", name="Indicateurs clés")).to_be_visible()
        # 2 of 3 courriels answered within 5 jours ouvrés (engagement 17)
        expect(page.get_by_text("66,7\u00a0%").first).to_be_visible()
        navigateur.close()
