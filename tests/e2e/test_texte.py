"""Issue 14 §1-2 in Debian's Chromium against the real server: Markdown and HTML payloads typed into every
free-text field (publication note, COPIL comment, account and site names, an imported file's cells, plan cells) come
out as text: no ``<a>``, ``<img>``, ``<strong>``, heading or quote is made from them; and the one-time password must
be changed before any other page opens."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.e2e.outils import ATTENTE_MS, CHROMIUM, RACINE, serveur_sur

SORTIE = Path(os.environ.get("QUALEPREF_CAPTURES", tempfile.gettempdir()))  # screenshots, to look at

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.usefixtures("attente_longue"),  # conftest: a loaded machine's long waits
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
]

# One line (names, cells) and several lines (a comment): each Markdown and HTML construct of the issue.
CHARGE = "# titre **gras** [x](http://evil) ![i](http://evil/p.png) <img src=x onerror=alert(1)> > citation"
CHARGE_LIGNES = ("# titre\n**gras** [x](http://evil)\n![i](http://evil/p.png)\n<img src=x onerror=alert(1)>\n"
                 "> citation\n— referent, 01/12/2026")
MOT_DE_PASSE_COPIL = "mot de passe du copil e2e"

# What no payload may become: a link or image pointing at the payload's addresses (or src=x), « gras » in bold, a
# heading « titre », any quote. The app's own headings and links (navigation) do not match, nor our own bold around
# a whole name (« Mon compte »), which holds the payload's characters as typed.
FABRIQUES = """() => {
  const r = [];
  for (const a of document.querySelectorAll('a')) {
    const h = a.getAttribute('href') || ''; if (h.includes('evil') || a.textContent.trim() === 'x') r.push('a ' + h);
  }
  for (const i of document.querySelectorAll('img')) {
    const s = i.getAttribute('src') || ''; if (s.includes('evil') || s === 'x') r.push('img ' + s);
  }
  for (const s of document.querySelectorAll('strong, b')) if (s.textContent.trim() === 'gras') r.push('strong ' + s.textContent);
  for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6'))
    if (/^\\s*(titre|gras)/.test(h.textContent)) r.push(h.tagName + ' ' + h.textContent);
  for (const q of document.querySelectorAll('blockquote')) r.push('blockquote ' + q.textContent);
  return r;
}"""


def _cli(env: dict[str, str], *arguments: str) -> str:
    fini = subprocess.run([sys.executable, "-m", "qualepref", *arguments], cwd=RACINE, env=env, check=True,
                          capture_output=True, text=True)
    return fini.stdout


def _classeur(feuille_titre: str, lignes: list[list]) -> bytes:
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = feuille_titre
    for ligne in lignes:
        feuille.append(ligne)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


ENTETES_JOURNAL = ["Référence", "Canal", "Nature", "Date de réception", "Date de réponse", "Type de réponse",
                   "Service"]


def _preparer_les_charges(env: dict[str, str]) -> None:
    """The payloads in the data: the site's name, the COPIL member's name, plan cells imported from a file, a
    republication's note; plus an account with a one-time password (kept in the folder's « provisoire »)."""
    dossier = Path(env["QUALEPREF_CONFIG"]).parent
    _cli(env, "site-ajouter", "PREF-E2E", "--nom", CHARGE, "--type", "prefecture", "--cert", "--modules", "1,2")
    _cli(env, "compte-ajouter", "copil-e2e", "--role", "copil", "--nom", CHARGE, "--mot-de-passe",
         MOT_DE_PASSE_COPIL)
    journal = dossier / "journal.xlsx"
    journal.write_bytes(_classeur("Journal", [ENTETES_JOURNAL, ["C-1", "courriel", "demande d'information",
                                                                 "06/05/2024", "07/05/2024", "fond", CHARGE]]))
    _cli(env, "importer", str(journal), "--type", "journal", "--site", "PREF-E2E")
    plan = dossier / "plan.xlsx"
    plan.write_bytes(_classeur("Plan", [["Axe", "Thématique", "Action", "Pilote", "Statut", "Avancement", "Année"],
                                        [CHARGE, CHARGE, CHARGE, CHARGE, "en cours", 50, 2024]]))
    _cli(env, "importer", str(plan), "--type", "plan", "--site", "PREF-E2E")
    _cli(env, "publier", "--site", "PREF-E2E", "--annee", "2024")
    _cli(env, "publier", "--site", "PREF-E2E", "--annee", "2024", "--note", CHARGE)
    sortie = _cli(env, "compte-ajouter", "nouvelle", "--role", "referent")
    provisoire = sortie.split("Mot de passe à usage unique : ")[1].strip()
    (dossier / "provisoire").write_text(provisoire, encoding="utf-8")


@pytest.fixture(scope="module")
def serveur(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str], Path]]:
    """The real server (tests.e2e.outils.serveur_sur) on data holding the payloads."""
    with serveur_sur(tmp_path_factory.mktemp("texte"), preparation=_preparer_les_charges) as lance:
        yield lance.adresse, lance.env, lance.dossier


def _page(navigateur):
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 720})
    contexte.set_default_timeout(ATTENTE_MS)
    page = contexte.new_page()
    alertes: list[str] = []
    page.on("dialog", lambda d: (alertes.append(d.message), d.dismiss()))
    page.alertes = alertes
    return page


def _aucun_fabrique(page, ou: str) -> None:
    from playwright.sync_api import expect

    expect(page.locator("[data-test-script-state='notRunning']").first).to_be_attached()
    page.wait_for_timeout(500)
    assert page.evaluate(FABRIQUES) == [], ou
    assert page.alertes == [], ou
    page.screenshot(path=str(SORTIE / f"i14a-texte-{ou}.png"), full_page=True)


def _connecter(page, adresse: str, identifiant: str, mot_de_passe: str, titre: str = "Tableau de bord") -> None:
    from playwright.sync_api import expect

    page.goto(adresse)
    page.get_by_label("Identifiant").fill(identifiant)
    page.get_by_label("Mot de passe").fill(mot_de_passe)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", name=titre, exact=True)).to_be_visible()


def _aller(page, lien: str, titre: str) -> None:
    from playwright.sync_api import expect

    page.get_by_role("link", name=lien).click()
    expect(page.get_by_role("heading", name=titre, exact=True)).to_be_visible()


def test_le_copil_voit_noms_plan_et_commentaire_comme_du_texte(serveur, navigateur) -> None:
    from playwright.sync_api import expect

    adresse, _, _ = serveur
    page = _page(navigateur)
    _connecter(page, adresse, "copil-e2e", MOT_DE_PASSE_COPIL)
    expect(page.get_by_text("Connecté : # titre **gras**", exact=False)).to_be_visible()  # the name, as typed
    _aucun_fabrique(page, "tableau-de-bord")
    _aller(page, "Plan d'actions", "Plan d'actions")
    _aucun_fabrique(page, "plan")
    _aller(page, "Modules et engagements", "Modules et engagements")
    page.get_by_label("Votre commentaire").fill(CHARGE_LIGNES)
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_text("**gras**", exact=False).first).to_be_visible()
    expect(page.get_by_text("> citation", exact=False).first).to_be_visible()
    _aucun_fabrique(page, "modules")
    # the only author line is ours, in its own caption above the text
    auteur = page.locator("[data-testid=stCaptionContainer]").filter(has_text=", le ")
    expect(auteur).to_have_count(1)
    expect(auteur).to_contain_text("copil-e2e")
    _aller(page, "Mon compte", "Mon compte")
    _aucun_fabrique(page, "mon-compte")
    page.context.close()


def test_le_referent_voit_les_cellules_et_les_identifiants_comme_du_texte(serveur, navigateur) -> None:
    from playwright.sync_api import expect

    adresse, _, dossier = serveur
    page = _page(navigateur)
    _connecter(page, adresse, "referent", "mot de passe du référent e2e")
    _aller(page, "Importer des données", "Importer des données")
    fautif = dossier / "fautif.xlsx"
    fautif.write_bytes(_classeur("Journal", [ENTETES_JOURNAL, ["C-9", "[Corrigez ici](http://evil)",
                                                                "demande d'information", "06/05/2024", "07/05/2024",
                                                                "fond", "Accueil"]]))
    page.locator("input[type=file]").set_input_files(str(fautif))
    expect(page.get_by_text("rien n'a été importé", exact=False)).to_be_visible()
    expect(page.get_by_text("[Corrigez ici](http:", exact=False).first).to_be_visible()
    _aucun_fabrique(page, "import")
    _aller(page, "Comptes", "Comptes")
    page.get_by_label("Identifiant").fill(CHARGE)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("enregistré. Mot de passe à usage unique", exact=False)).to_be_visible()
    _aucun_fabrique(page, "comptes")
    _aller(page, "Sites", "Sites")
    _aucun_fabrique(page, "sites")
    page.context.close()


def test_la_note_de_publication_est_du_texte_pour_le_public(serveur, navigateur) -> None:
    from playwright.sync_api import expect

    adresse, _, _ = serveur
    page = _page(navigateur)
    page.goto(adresse)
    page.get_by_role("link", name="Résultats publiés").click()
    expect(page.get_by_text("Mis à jour le", exact=False)).to_be_visible()
    expect(page.get_by_text("**gras**", exact=False).first).to_be_visible()
    _aucun_fabrique(page, "resultats-publies")
    page.context.close()


def test_le_mot_de_passe_provisoire_se_change_avant_toute_autre_page(serveur, navigateur) -> None:
    from playwright.sync_api import expect

    adresse, _, dossier = serveur
    provisoire = (dossier / "provisoire").read_text(encoding="utf-8")
    page = _page(navigateur)
    _connecter(page, adresse, "nouvelle", provisoire, titre="Mon compte")
    expect(page.get_by_text("Votre mot de passe est provisoire", exact=False)).to_be_visible()
    # « Mon compte » is the only page: Streamlit then shows no menu at all, and no other page's link
    for autre in ("Tableau de bord", "Importer des données", "Comptes", "Résultats publiés"):
        expect(page.get_by_role("link", name=autre)).to_have_count(0)
    page.screenshot(path=str(SORTIE / "i14a-provisoire.png"), full_page=True)
    # (a page's address, such as /importer, is not among the pages: tests/pages/test_connexion.py pins that)
    page.get_by_label("Nouveau mot de passe").fill("le mot de passe de la nouvelle")
    page.get_by_role("button", name="Changer le mot de passe").click()
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
    expect(page.get_by_text("Mot de passe changé : toutes vos pages sont ouvertes.")).to_be_visible()
    expect(page.get_by_role("link", name="Importer des données")).to_be_visible()
    page.context.close()
