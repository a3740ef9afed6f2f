"""End to end, in Debian's Chromium: crafted workbooks uploaded on the Importer page through the real server. The
server reads no file itself (a limited child process does): the page shows the French message naming the file,
the server process is still alive and a second session is still served."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.corpus import generer
from tests.e2e.outils import ARGUMENTS, CHROMIUM, MOT_DE_PASSE, Serveur

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.usefixtures("attente_longue"),  # conftest: a loaded machine's long waits
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
]
MEMOIRE_MO = 700  # the reading child's address space: the libraries take about 370 Mo of it
DELAI_MS = 120_000  # a shared, loaded machine: the page may take long to render
REGLAGES_SERVEUR = f"[import]\nmemoire_lecture_mo = {MEMOIRE_MO}\n"  # conftest.serveur: the child's limit


def _rectangle_sous_le_plafond() -> bytes:
    """A journal whose one stray cell at T1000000 makes calamine allocate 20 million cells (640 Mo): within the
    scan's bound, beyond the child's memory: the child stops, the server does not."""
    return generer.avec_feuille_prefixee([generer.JOURNAL_ENTETES, ["2024-001", "Courriel", "Réclamation",
                                                                    "05/01/2024"]], loin="T1000000")


def _se_connecter(page, adresse: str) -> None:
    from playwright.sync_api import expect

    page.goto(adresse)
    page.get_by_label("Identifiant").fill("referent")
    page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible(timeout=DELAI_MS)


def test_un_fichier_piege_ne_fait_pas_tomber_le_serveur(serveur: Serveur, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    adresse, processus = serveur.adresse, serveur.processus
    lointaine = tmp_path / "journal_piege.xlsx"
    lointaine.write_bytes(generer.cellule_lointaine_prefixee().contenu)
    lourd = tmp_path / "journal_lourd.xlsx"
    lourd.write_bytes(_rectangle_sous_le_plafond())
    with sync_playwright() as p:
        navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        page = navigateur.new_page(viewport={"width": 1280, "height": 720})
        page.set_default_timeout(DELAI_MS)
        _se_connecter(page, adresse)
        page.get_by_role("link", name="Importer des données").click()
        expect(page.get_by_role("heading", name="Importer des données")).to_be_visible(timeout=DELAI_MS)

        page.locator("input[type=file]").set_input_files(str(lointaine))
        # pages.commun.texte puts a word joiner after « : » (no bare-address link can form): the reader sees the same
        expect(page.get_by_text("journal_piege.xlsx, feuille « Journal » :\u2060 des cellules sont remplies jusqu'en "
                                "XFD1048576")).to_be_visible(timeout=DELAI_MS)

        page.locator("input[type=file]").set_input_files(str(lourd))
        expect(page.get_by_text(f"journal_lourd.xlsx :\u2060 le fichier « journal_lourd.xlsx » n'a pas pu être lu (il "
                                f"dépasse la mémoire permise pour lire un fichier, {MEMOIRE_MO} Mo)")
               ).to_be_visible(timeout=DELAI_MS)
        page.screenshot(path=str(tmp_path / "importer_piege.png"), full_page=True)
        if os.environ.get("QUALEPREF_CAPTURES"):
            page.screenshot(path=os.environ["QUALEPREF_CAPTURES"] + "/importer_piege.png", full_page=True)
        assert processus.poll() is None, "le serveur s'est arrêté"

        autre = navigateur.new_context(viewport={"width": 1280, "height": 720}).new_page()
        autre.set_default_timeout(DELAI_MS)
        _se_connecter(autre, adresse)
        expect(page.get_by_role("heading", name="Importer des données")).to_be_visible(timeout=DELAI_MS)
        navigateur.close()
    assert processus.poll() is None
