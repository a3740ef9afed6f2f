"""Issue 14 §3-4 on the real server (``streamlit run app.py``: st.App with qualepref.serveur) in Debian's Chromium:
a reload keeps you signed in through an HttpOnly cookie, a replayed, forged or expired cookie is refused, the
headers forbid framing by another site, the page says lang="fr", a download is served only to the browser that
asked for it, and the very first visitor never receives Streamlit's legacy list of the files under pages/."""

from __future__ import annotations

import datetime as dt
import http.server
import os
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from qualepref.serveur import COOKIE_NAVIGATEUR, COOKIE_SESSION, EN_TETES
from tests.e2e.outils import (
    ATTENTE_MS,
    CHROMIUM,
    Serveur,
    arreter,
    demarrer_streamlit,
    preparer,
    se_connecter,
)

SORTIE = Path(os.environ.get("QUALEPREF_CAPTURES", tempfile.gettempdir()))  # screenshots, to look at

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.usefixtures("attente_longue"),  # conftest: a loaded machine's long waits
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
]


@pytest.fixture(scope="module")
def serveur(serveur_du_module: Serveur) -> tuple[str, dict[str, str]]:
    """The module's one app (conftest.serveur_du_module): its address and environment."""
    return serveur_du_module.adresse, serveur_du_module.env


def _cookie(contexte, nom: str) -> dict | None:  # noqa: ANN001 - a Playwright browser context
    return next((c for c in contexte.cookies() if c["name"] == nom), None)


def _attendre_cookie(contexte, nom: str, present: bool = True) -> dict | None:  # noqa: ANN001
    """The page's script trades the log-in code for the cookie just after the dashboard shows: wait for it."""
    for _ in range(120):
        trouve = _cookie(contexte, nom)
        if (trouve is not None) == present:
            return trouve
        time.sleep(0.25)
    raise AssertionError(f"cookie {nom} {'absent' if present else 'toujours là'} après 30 s")


def _contexte(navigateur):  # noqa: ANN001, ANN202
    contexte = navigateur.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    contexte.set_default_timeout(ATTENTE_MS)
    return contexte


def test_un_rechargement_garde_la_session_dans_un_cookie_que_les_scripts_ne_lisent_pas(serveur, navigateur,
                                                                                        tmp_path: Path) -> None:
    from playwright.sync_api import expect

    adresse, _ = serveur
    contexte = _contexte(navigateur)
    page = contexte.new_page()
    adresses: list[str] = []
    page.on("request", lambda r: adresses.append(r.url))
    page.on("websocket", lambda ws: adresses.append(ws.url))
    se_connecter(page, adresse)
    cookie = _attendre_cookie(contexte, COOKIE_SESSION)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert cookie["secure"] is False  # plain http on loopback; over https (nginx) it is Secure: test_nginx.py
    assert 480 * 60 - 120 < cookie["expires"] - time.time() <= 480 * 60  # config.toml: duree_session_minutes
    jeton = cookie["value"]
    assert len(jeton) >= 40
    assert COOKIE_SESSION not in page.evaluate("document.cookie")  # HttpOnly: no script reads it

    page.reload()  # F5 in a meeting
    expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
    expect(page.get_by_text("Connecté : referent")).to_be_visible()
    page.screenshot(path=str(SORTIE / "apres_rechargement.png"), full_page=True)
    # a new tab of the same browser is signed in too
    onglet = contexte.new_page()
    onglet.goto(f"{adresse}/modules")
    expect(onglet.get_by_role("heading", name="Modules et engagements")).to_be_visible()
    onglet.close()
    # the token never travels in a URL, nor shows in the page
    assert adresses and not [a for a in adresses if jeton in a]
    assert jeton not in page.content()

    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    _attendre_cookie(contexte, COOKIE_SESSION, present=False)  # log-out erases it at once
    page.reload()
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    expect(page.get_by_text("Connecté : referent")).to_have_count(0)
    contexte.close()


def _essayer_le_cookie(navigateur, adresse: str, jeton: str) -> None:  # noqa: ANN001
    """A browser presenting ``jeton`` in the session cookie: shown the log-in page, and the cookie is erased."""
    from playwright.sync_api import expect

    contexte = _contexte(navigateur)
    contexte.add_cookies([{"name": COOKIE_SESSION, "value": jeton, "url": adresse, "httpOnly": True,
                           "sameSite": "Strict"}])
    page = contexte.new_page()
    page.goto(f"{adresse}/modules")
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    expect(page.get_by_role("link", name="Modules et engagements")).to_have_count(0)
    assert _cookie(contexte, COOKIE_SESSION) is None
    contexte.close()


def test_un_cookie_rejoue_apres_deconnexion_est_refuse(serveur, navigateur) -> None:
    from playwright.sync_api import expect

    adresse, _ = serveur
    contexte = _contexte(navigateur)
    page = contexte.new_page()
    se_connecter(page, adresse)
    vole = _attendre_cookie(contexte, COOKIE_SESSION)["value"]
    page.get_by_role("link", name="Mon compte").click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
    _attendre_cookie(contexte, COOKIE_SESSION, present=False)
    contexte.close()
    _essayer_le_cookie(navigateur, adresse, vole)


def test_un_cookie_forge_ou_expire_est_refuse(serveur, navigateur) -> None:
    from qualepref.acces import connecter, ouvrir_session
    from qualepref.config import charger_config
    from qualepref.store import creer_moteur

    adresse, env = serveur
    _essayer_le_cookie(navigateur, adresse, "jeton-forge-par-un-attaquant-" + "x" * 20)
    # a real token of the store, opened 481 minutes ago for 480 minutes
    ancien = os.environ.get("QUALEPREF_CONFIG")
    os.environ["QUALEPREF_CONFIG"] = env["QUALEPREF_CONFIG"]
    try:
        moteur = creer_moteur(charger_config().url_base)
    finally:
        if ancien is None:
            os.environ.pop("QUALEPREF_CONFIG")
        else:
            os.environ["QUALEPREF_CONFIG"] = ancien
    compte = connecter(moteur, "referent", "mot de passe du référent e2e").compte
    passe = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(minutes=481)
    expire = ouvrir_session(moteur, compte, 480, maintenant=passe)
    _essayer_le_cookie(navigateur, adresse, expire)
    moteur.dispose()


def test_les_en_tetes_de_securite_et_lang_fr_sur_le_vrai_serveur(serveur) -> None:
    adresse, _ = serveur
    for chemin, accept in (("/", "text/html"), ("/modules", "text/html"), ("/_stcore/health", "*/*")):
        requete = urllib.request.Request(adresse + chemin, headers={"Accept": accept, "Accept-Encoding": "gzip"})
        with urllib.request.urlopen(requete, timeout=30) as reponse:
            for nom, valeur in EN_TETES.items():
                assert reponse.headers.get_all(nom) == [valeur], (chemin, nom)
            corps = reponse.read()
            if accept == "text/html":
                assert b'<html lang="fr">' in corps
                assert any(c.startswith(COOKIE_NAVIGATEUR + "=") and "HttpOnly" in c and "SameSite=Strict" in c
                           for c in reponse.headers.get_all("Set-Cookie"))


def test_un_autre_site_ne_peut_pas_encadrer_l_application(serveur, navigateur) -> None:
    adresse, _ = serveur
    page_piege = f'<!doctype html><html lang="fr"><title>piège</title><iframe src="{adresse}/"></iframe></html>'

    class Piege(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            corps = page_piege.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(corps)))
            self.end_headers()
            self.wfile.write(corps)

        def log_message(self, *args) -> None:  # noqa: ANN002
            pass

    autre_site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Piege)  # another port: another origin
    threading.Thread(target=autre_site.serve_forever, daemon=True).start()
    contexte = _contexte(navigateur)
    page = contexte.new_page()
    refus: list[str] = []
    page.on("console", lambda m: refus.append(m.text))
    try:
        page.goto(f"http://127.0.0.1:{autre_site.server_address[1]}/")
        page.wait_for_timeout(3000)
        cadre = page.frame_locator("iframe")
        assert cadre.get_by_role("heading", name="Connexion").count() == 0
        assert page.frames[1].url != f"{adresse}/" or page.frames[1].content().count("stApp") == 0
        assert any("frame" in t.lower() and ("x-frame-options" in t.lower() or "frame-ancestors" in t.lower())
                   for t in refus), refus
    finally:
        contexte.close()
        autre_site.shutdown()


def test_un_telechargement_n_est_servi_qu_au_navigateur_qui_l_a_demande(serveur, navigateur) -> None:
    from playwright.sync_api import expect

    adresse, _ = serveur
    contexte = _contexte(navigateur)
    page = contexte.new_page()
    se_connecter(page, adresse)
    page.get_by_role("link", name="Importer des données").click()
    expect(page.get_by_role("heading", name="Importer des données")).to_be_visible()
    with page.expect_download() as attente:
        page.get_by_role("button", name="Télécharger le modèle à remplir (.xlsx)").click()
    telechargement = attente.value
    assert telechargement.failure() is None
    assert telechargement.suggested_filename == "modele_journal.xlsx"
    url = telechargement.url
    assert "/media/" in url
    recu = page.request.get(url)
    assert recu.status == 200 and recu.body()[:2] == b"PK"
    # nobody else gets it while its owner's session is alive: no cookie at all, or another browser's
    with urllib.request.urlopen(adresse, timeout=30):
        pass
    try:
        urllib.request.urlopen(url, timeout=30)
        pytest.fail("le fichier a été servi sans session")
    except urllib.error.HTTPError as refus:
        assert refus.code == 404
    autre = _contexte(navigateur)
    autre_page = autre.new_page()
    autre_page.goto(adresse)  # a visitor of its own, with its own browser cookie
    expect(autre_page.get_by_role("heading", name="Connexion")).to_be_visible()
    assert autre_page.request.get(url).status == 404
    assert page.request.get(url).status == 200
    autre.close()
    contexte.close()


def test_le_tout_premier_visiteur_ne_recoit_jamais_la_liste_des_fichiers_de_pages(navigateur,
                                                                                 tmp_path: Path) -> None:
    """A fresh server, its very first visitor: no message of the websocket ever lists the files under pages/
    (Streamlit's legacy sidebar: commun, comptes, importer…), and the sidebar lists the anonymous pages only."""
    from playwright.sync_api import expect
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    env = preparer(tmp_path)
    processus, adresse = demarrer_streamlit(env, tmp_path / "serveur.log")
    try:
        contexte = _contexte(navigateur)
        page = contexte.new_page()
        trames: list[bytes] = []
        page.on("websocket", lambda ws: ws.on(
            "framereceived", lambda t: trames.append(t if isinstance(t, bytes) else t.encode())))
        page.goto(adresse)
        expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
        page.wait_for_timeout(2000)
        page.screenshot(path=str(SORTIE / "premier_visiteur.png"), full_page=True)
        listes = []
        for trame in trames:
            message = ForwardMsg()
            message.ParseFromString(trame)
            if message.HasField("new_session"):
                listes.append([p.page_name for p in message.new_session.app_pages])
            if message.HasField("navigation"):
                listes.append([p.page_name for p in message.navigation.app_pages])
        assert listes, "aucune liste de pages reçue"
        assert listes[0] == [""] or len(listes[0]) == 1, listes[0]  # app.py alone until st.navigation answers
        assert listes[-1] == ["Connexion", "Résultats publiés", "Déclaration d'accessibilité"], listes[-1]
        assert not [n for liste in listes for n in liste if n in {"commun", "comptes", "importer", "sites"}]
        liens = page.get_by_test_id("stSidebarNav").get_by_role("link").all_inner_texts()
        liens = [t.split("\n")[-1] for t in liens]  # the icon's name, then the title
        assert liens == ["Connexion", "Résultats publiés", "Déclaration d'accessibilité"]
        contexte.close()
    finally:
        arreter(processus)


def test_un_export_construit_au_clic_n_est_servi_qu_au_navigateur_qui_l_a_demande(serveur, navigateur,
                                                                                   tmp_path: Path) -> None:
    """The bilan annuel, built when its button is clicked (a deferred download): the same rule."""
    import subprocess
    import sys

    from playwright.sync_api import expect

    from qualepref.exports import REGISTRY
    from tests.e2e.outils import RACINE
    from tests.e2e.test_parcours import _journal_xlsx

    adresse, env = serveur
    journal = tmp_path / "journal.xlsx"
    journal.write_bytes(_journal_xlsx())
    subprocess.run([sys.executable, "-m", "qualepref", "importer", str(journal), "--type", "journal", "--site",
                    "PREF-E2E", "--remplacer"], cwd=RACINE, env=env, check=True, capture_output=True)
    contexte = _contexte(navigateur)
    page = contexte.new_page()
    se_connecter(page, adresse)
    bouton = page.get_by_role("button", name=REGISTRY["bilan"].libelle)
    expect(bouton).to_be_visible()
    with page.expect_download() as attente:
        bouton.click()
    telechargement = attente.value
    assert telechargement.failure() is None and telechargement.suggested_filename.startswith("bilan-PREF-E2E-")
    assert page.request.get(telechargement.url).body()[:2] == b"PK"
    autre = _contexte(navigateur)
    autre_page = autre.new_page()
    autre_page.goto(adresse)
    expect(autre_page.get_by_role("heading", name="Connexion")).to_be_visible()
    assert autre_page.request.get(telechargement.url).status == 404
    autre.close()
    contexte.close()
