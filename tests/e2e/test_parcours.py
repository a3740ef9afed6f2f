"""End to end, in a real browser (Debian's Chromium driven by Playwright): the server on loopback, a référent logs
in, uploads a journal, and reads the new rate on the dashboard."""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

RACINE = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run"]
MOT_DE_PASSE = "mot de passe du référent e2e"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
]


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serveur(tmp_path: Path) -> Iterator[str]:
    """The app served by Streamlit on loopback, on a fresh database with one référent and one site."""
    config = tmp_path / "config.toml"
    config.write_text(f'[base]\nurl = "sqlite:///{tmp_path / "e2e.db"}"\n[demo]\nau_premier_demarrage = false\n',
                      encoding="utf-8")
    env = {**os.environ, "QUALEPREF_CONFIG": str(config)}
    env.pop("QUALEPREF_DATABASE_URL", None)
    for arguments in (["compte-ajouter", "referent", "--role", "referent", "--mot-de-passe", MOT_DE_PASSE],
                      ["site-ajouter", "PREF-E2E", "--nom", "Préfecture de test", "--type", "prefecture",
                       "--cert", "--modules", "1,2"]):
        subprocess.run([sys.executable, "-m", "qualepref", *arguments], cwd=RACINE, env=env, check=True,
                       capture_output=True)
    port = _port_libre()
    processus = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=RACINE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    adresse = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{adresse}/_stcore/health", timeout=1) as reponse:
                    if reponse.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("le serveur Streamlit n'a pas démarré en 60 s")
        yield adresse
    finally:
        processus.terminate()
        processus.wait(timeout=20)


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


def test_le_referent_importe_un_journal_et_lit_le_taux(serveur: str, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    fichier = tmp_path / "journal.xlsx"
    fichier.write_bytes(_journal_xlsx())
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page()
        page.set_default_timeout(30_000)
        page.goto(serveur)
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
