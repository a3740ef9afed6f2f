"""Issue 14 §5: the repository's nginx configuration (.deploiement/nginx-qualepref.conf), started with Debian's nginx
in front of the app on loopback, with a throw-away TLS certificate; the log-in is driven through it in Chromium."""

from __future__ import annotations

import os
import re
import shutil
import ssl
import subprocess
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from qualepref.serveur import COOKIE_SESSION, EN_TETES
from tests.e2e.outils import (
    ARGUMENTS,
    ATTENTE_MS,
    CHROMIUM,
    RACINE,
    arreter,
    attendre,
    demarrer_streamlit,
    port_libre,
    preparer,
    se_connecter,
)

CONFIGURATION = RACINE / ".deploiement" / "nginx-qualepref.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium de Debian absent (.ci/run l'installe)"),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx de Debian absent (.ci/run l'installe)"),
    pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl absent"),
]


def test_la_configuration_suit_config_toml_et_les_en_tetes_de_l_application() -> None:
    texte = CONFIGURATION.read_text(encoding="utf-8")
    streamlit = tomllib.loads((RACINE / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    application = tomllib.loads((RACINE / "config.toml").read_text(encoding="utf-8"))
    taille = streamlit["server"]["maxUploadSize"]
    assert taille == application["import"]["taille_max_mo"]
    assert re.search(r"^\s*client_max_body_size (\d+)m;", texte, re.MULTILINE).group(1) == str(taille + 1)
    for nom, valeur in EN_TETES.items():
        assert f'add_header {nom} "{valeur}" always;' in texte, nom
        assert f"proxy_hide_header {nom};" in texte, nom
    assert "proxy_set_header Upgrade $http_upgrade;" in texte
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in texte
    assert "server 127.0.0.1:8501;" in texte  # Streamlit on the loopback only


@pytest.fixture
def derriere_nginx(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Streamlit on loopback, nginx (the repository's site file) in front with TLS; yields (https, http) addresses."""
    env = preparer(tmp_path)
    streamlit, adresse = demarrer_streamlit(env, tmp_path / "streamlit.log")
    port_https, port_http = port_libre(), port_libre()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(tmp_path / "cle.pem"),
                    "-out", str(tmp_path / "certificat.pem")], check=True, capture_output=True)
    site = CONFIGURATION.read_text(encoding="utf-8")
    for avant, apres in (("server 127.0.0.1:8501;", f"server 127.0.0.1:{adresse.rsplit(':', 1)[1]};"),
                         ("listen 443 ssl;", f"listen 127.0.0.1:{port_https} ssl;"),
                         ("listen 80;", f"listen 127.0.0.1:{port_http};"),
                         ("/etc/ssl/certs/qualepref.pem", str(tmp_path / "certificat.pem")),
                         ("/etc/ssl/private/qualepref.key", str(tmp_path / "cle.pem"))):
        assert avant in site
        site = site.replace(avant, apres)
    (tmp_path / "qualepref.conf").write_text(site, encoding="utf-8")
    temporaires = " ".join(f"{n}_temp_path {tmp_path / n};" for n in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                       "scgi"))
    (tmp_path / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\nworker_processes 1;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'erreurs.log'};\n"
        f"events {{}}\nhttp {{\n include /etc/nginx/mime.types;\n access_log off;\n {temporaires}\n"
        f" include {tmp_path / 'qualepref.conf'};\n}}\n", encoding="utf-8")
    controle = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "erreurs.log"),
                               "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True)
    assert controle.returncode == 0, controle.stderr
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "erreurs.log"),
                              "-c", str(tmp_path / "nginx.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    https = f"https://127.0.0.1:{port_https}"
    try:
        attendre(f"{https}/_stcore/health", contexte=ssl._create_unverified_context())  # noqa: S323 - our own test cert
        yield https, f"http://127.0.0.1:{port_http}"
    finally:
        arreter(nginx)
        arreter(streamlit)


def test_la_connexion_a_travers_nginx_en_https(derriere_nginx, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    https, http = derriere_nginx
    non_verifie = ssl._create_unverified_context()  # noqa: S323 - the test's own self-signed certificate
    # plain http only redirects to https
    class SansSuivre(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            return None  # the 301 itself is the answer under test

    ouvreur = urllib.request.build_opener(SansSuivre())
    with pytest.raises(urllib.error.HTTPError) as redirection:
        ouvreur.open(f"{http}/modules", timeout=30)
    assert redirection.value.code == 301
    assert redirection.value.headers["Location"].startswith("https://127.0.0.1")
    # an upload over the limit is refused by nginx itself, with the headers
    with pytest.raises(urllib.error.HTTPError) as trop_gros:
        urllib.request.urlopen(urllib.request.Request(f"{https}/_stcore/upload_file/x/y", data=b"0" * (52 << 20),
                                                      method="PUT"), timeout=60, context=non_verifie)
    assert trop_gros.value.code == 413
    assert trop_gros.value.headers.get_all("X-Frame-Options") == ["SAMEORIGIN"]

    expect.set_options(timeout=ATTENTE_MS)
    try:
        with sync_playwright() as p:
            navigateur = p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
            contexte = navigateur.new_context(viewport={"width": 1280, "height": 720}, ignore_https_errors=True)
            contexte.set_default_timeout(ATTENTE_MS)
            page = contexte.new_page()
            reponse = page.goto(https)
            for nom, valeur in EN_TETES.items():  # once each, from nginx (the app's copies hidden)
                assert [h["value"] for h in reponse.headers_array() if h["name"].lower() == nom.lower()] == [valeur]
            assert reponse.headers["strict-transport-security"] == "max-age=31536000"
            assert page.evaluate("document.documentElement.lang") == "fr"
            se_connecter(page, https)  # the websocket goes through nginx's upgrade
            for _ in range(120):
                cookie = next((c for c in contexte.cookies() if c["name"] == COOKIE_SESSION), None)
                if cookie:
                    break
                page.wait_for_timeout(250)
            assert cookie is not None
            assert cookie["secure"] is True and cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
            page.reload()
            expect(page.get_by_role("heading", name="Tableau de bord")).to_be_visible()
            expect(page.get_by_text("Connecté : referent")).to_be_visible()
            sortie = Path(os.environ.get("QUALEPREF_CAPTURES", tmp_path))  # screenshots, to look at
            page.screenshot(path=str(sortie / "nginx_tableau_de_bord.png"), full_page=True)
            navigateur.close()
    finally:
        expect.set_options(timeout=5_000)
