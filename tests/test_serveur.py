"""qualepref.serveur on its own: the middleware and the session route, driven through the ASGI protocol they speak.

The inner application is a small ASGI app answering as Streamlit does (its index page says ``lang="en"``, media are
bytes); the real server, in Chromium, is in tests/e2e/test_securite.py and tests/e2e/test_nginx.py.
"""

from __future__ import annotations

import asyncio
import gzip
import time

import pytest

from qualepref.serveur import (
    COOKIE_NAVIGATEUR,
    COOKIE_SESSION,
    EN_TETES,
    Protection,
    Remises,
    Sessions,
    Telechargements,
    cookie,
    cookies_de,
    routes,
)

PAGE = b'<!doctype html>\n<html lang="en">\n<head><title>Streamlit</title></head><body></body></html>'
EXPORT = b"PK\x03\x04 un classeur"


class Magasin:
    """The accounts' side as the server sees it: live tokens, closed on log-out."""

    def __init__(self, *jetons: str) -> None:
        self.vivants = set(jetons)

    def sessions(self, base: str = "") -> Sessions:
        async def valide(jeton: str) -> bool:
            return jeton in self.vivants

        async def fermer(jeton: str) -> None:
            self.vivants.discard(jeton)

        return Sessions(valide=valide, fermer=fermer, duree_s=480 * 60, base=base)


async def _streamlit(scope, receive, send) -> None:  # noqa: ANN001 - ASGI
    """Answers like Streamlit: the SPA page (gzip if asked), a media file, anything else as JSON."""
    en_tetes = dict(scope["headers"])
    if scope["path"].startswith("/media/"):
        corps, type_ = EXPORT, b"application/octet-stream"
    elif scope["path"] == "/_stcore/health":
        corps, type_ = b"ok", b"text/plain"
    else:
        corps, type_ = PAGE, b"text/html; charset=utf-8"
    if b"gzip" in en_tetes.get(b"accept-encoding", b""):  # as Streamlit's gzip middleware would: both the page's
        corps = gzip.compress(corps)  # rewrite and the check of a download's bytes need them uncompressed
    entetes = [(b"content-type", type_), (b"content-length", str(len(corps)).encode()),
               (b"x-frame-options", b"ALLOWALL")]
    if b"gzip" in en_tetes.get(b"accept-encoding", b""):
        entetes.append((b"content-encoding", b"gzip"))
    await send({"type": "http.response.start", "status": 200, "headers": entetes})
    await send({"type": "http.response.body", "body": corps})


async def _streamlit_html(scope, receive, send) -> None:  # noqa: ANN001 - ASGI
    """A media file that is an HTML page (the poster's .html export)."""
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(PAGE)).encode())]})
    await send({"type": "http.response.body", "body": PAGE})


def _requete(app, chemin: str, methode: str = "GET", en_tetes: dict[str, str] | None = None,
             scheme: str = "http") -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """One HTTP request through ``app``: (status, raw headers, body)."""
    scope = {"type": "http", "method": methode, "path": chemin, "scheme": scheme, "query_string": b"",
             "root_path": "", "headers": [(k.lower().encode(), v.encode()) for k, v in (en_tetes or {}).items()]}
    messages: list[dict] = []

    async def recevoir() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def envoyer(message: dict) -> None:
        messages.append(message)

    asyncio.run(app(scope, recevoir, envoyer))
    debut = next(m for m in messages if m["type"] == "http.response.start")
    corps = b"".join(m.get("body", b"") for m in messages if m["type"] == "http.response.body")
    return debut["status"], debut["headers"], corps


def _valeurs(en_tetes: list[tuple[bytes, bytes]], nom: str) -> list[str]:
    return [v.decode() for k, v in en_tetes if k.decode().lower() == nom.lower()]


PAGE_HTML = {"Accept": "text/html,application/xhtml+xml", "Accept-Encoding": "gzip, br"}


def test_chaque_reponse_porte_les_en_tetes_de_securite_et_remplace_ceux_de_streamlit() -> None:
    app = Protection(_streamlit, Magasin().sessions())
    for chemin, en_tetes in (("/", PAGE_HTML), ("/_stcore/health", {}), ("/media/x.bin", {})):
        _, recus, _ = _requete(app, chemin, en_tetes=en_tetes)
        for nom, valeur in EN_TETES.items():
            assert _valeurs(recus, nom) == [valeur], (chemin, nom)
    assert EN_TETES["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in EN_TETES["Content-Security-Policy"]
    assert EN_TETES["X-Content-Type-Options"] == "nosniff"


def test_la_page_dit_lang_fr_et_arrive_non_compressee_pour_etre_reecrite() -> None:
    app = Protection(_streamlit, Magasin().sessions())
    statut, en_tetes, corps = _requete(app, "/", en_tetes=PAGE_HTML)
    assert statut == 200
    assert b'<html lang="fr">' in corps and b'lang="en"' not in corps
    assert _valeurs(en_tetes, "content-length") == [str(len(corps))]
    assert _valeurs(en_tetes, "content-encoding") == []
    # a page path of the navigation (Streamlit answers every one with the same index page)
    assert b'<html lang="fr">' in _requete(app, "/modules", en_tetes=PAGE_HTML)[2]


def test_un_navigateur_recoit_un_cookie_opaque_httponly_samesite_strict() -> None:
    app = Protection(_streamlit, Magasin().sessions())
    _, en_tetes, _ = _requete(app, "/", en_tetes=PAGE_HTML)
    (pose,) = [c for c in _valeurs(en_tetes, "set-cookie") if c.startswith(COOKIE_NAVIGATEUR + "=")]
    valeur = pose.split(";")[0].split("=", 1)[1]
    assert len(valeur) >= 40
    assert "; HttpOnly" in pose and "; SameSite=Strict" in pose and "; Path=/" in pose and "Secure" not in pose
    # over https (the reverse proxy's X-Forwarded-Proto, read by uvicorn): Secure
    _, en_tetes, _ = _requete(app, "/", en_tetes=PAGE_HTML, scheme="https")
    assert all("; Secure" in c for c in _valeurs(en_tetes, "set-cookie"))
    # a browser that has one keeps it
    _, en_tetes, _ = _requete(app, "/", en_tetes={**PAGE_HTML, "Cookie": f"{COOKIE_NAVIGATEUR}=abc"})
    assert _valeurs(en_tetes, "set-cookie") == []


@pytest.mark.parametrize("jeton", ["forge-par-un-attaquant", "jeton-expire", "jeton-ferme"])
def test_un_cookie_de_session_que_le_magasin_ne_connait_plus_est_efface(jeton: str) -> None:
    app = Protection(_streamlit, Magasin("jeton-vivant").sessions())
    _, en_tetes, _ = _requete(app, "/", en_tetes={**PAGE_HTML, "Cookie": f"{COOKIE_SESSION}={jeton}"})
    assert f"{COOKIE_SESSION}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" in _valeurs(en_tetes, "set-cookie")
    _, en_tetes, _ = _requete(app, "/", en_tetes={**PAGE_HTML, "Cookie": f"{COOKIE_SESSION}=jeton-vivant"})
    assert not [c for c in _valeurs(en_tetes, "set-cookie") if c.startswith(COOKIE_SESSION)]


def test_un_telechargement_n_est_servi_qu_au_navigateur_qui_l_a_demande() -> None:
    registre = Telechargements(duree_s=60)
    app = Protection(_streamlit, Magasin().sessions(), telechargements=registre)
    registre.autoriser(EXPORT, "navigateur-du-referent")
    chez = {"Cookie": f"{COOKIE_NAVIGATEUR}=navigateur-du-referent"}
    assert _requete(app, "/media/abc.xlsx", en_tetes=chez)[::2] == (200, EXPORT)
    assert _requete(app, "/media/abc.xlsx")[::2] == (404, "Fichier introuvable.".encode())
    assert _requete(app, "/media/abc.xlsx", en_tetes={"Cookie": f"{COOKIE_NAVIGATEUR}=un-autre"})[0] == 404
    # a Range request cannot probe the bytes piece by piece: the whole file is checked, then sent whole
    assert _requete(app, "/media/abc.xlsx", en_tetes={**chez, "Range": "bytes=0-3"})[::2] == (200, EXPORT)
    assert _requete(app, "/media/abc.xlsx", en_tetes={**chez, "Accept-Encoding": "gzip"})[::2] == (200, EXPORT)
    # a download opened as a navigation (Accept: text/html) comes as built: an .html export keeps its own lang
    page_exportee = Protection(_streamlit_html, Magasin().sessions(), telechargements=registre)
    registre.autoriser(PAGE, "navigateur-du-referent")
    assert _requete(page_exportee, "/media/affiche.html", en_tetes={**chez, **PAGE_HTML})[::2] == (200, PAGE)
    # other bytes, registered by nobody
    registre_vide = Protection(_streamlit, Magasin().sessions(), telechargements=Telechargements(duree_s=60))
    assert _requete(registre_vide, "/media/abc.xlsx", en_tetes=chez)[0] == 404


def test_une_autorisation_de_telechargement_expire_et_ne_vaut_pas_sans_cookie() -> None:
    registre = Telechargements(duree_s=0.05)
    registre.autoriser(EXPORT, "n")
    registre.autoriser(EXPORT, None)  # no cookie (AppTest, a client without cookies): nothing registered
    assert registre.autorise(EXPORT, "n") and not registre.autorise(EXPORT, None)
    time.sleep(0.1)
    assert not registre.autorise(EXPORT, "n")


def test_un_code_de_remise_sert_une_seule_fois_et_expire() -> None:
    remises = Remises(duree_s=60)
    code = remises.deposer("jeton")
    assert code != "jeton" and len(code) >= 40 and remises.en_attente(code)
    assert remises.retirer(code) == "jeton"
    assert remises.retirer(code) is None and not remises.en_attente(code)  # replayed
    assert remises.retirer("code-forge") is None
    courtes = Remises(duree_s=0.05)
    code = courtes.deposer("jeton")
    time.sleep(0.1)
    assert courtes.retirer(code) is None


def test_la_route_echange_le_code_contre_le_cookie_une_seule_fois() -> None:
    from starlette.applications import Starlette

    magasin, remises = Magasin("jeton-vivant", "jeton-ferme-entre-temps"), Remises(duree_s=60)
    app = Starlette(routes=routes(magasin.sessions(), remises))
    code = remises.deposer("jeton-vivant")
    statut, en_tetes, corps = _requete(app, "/_qualepref/session", "POST", {"X-Qualepref-Remise": code})
    assert (statut, corps) == (204, b"")
    assert _valeurs(en_tetes, "set-cookie") == [
        f"{COOKIE_SESSION}=jeton-vivant; Path=/; HttpOnly; SameSite=Strict; Max-Age=28800"]
    assert _requete(app, "/_qualepref/session", "POST", {"X-Qualepref-Remise": code})[0] == 403  # replayed
    assert _requete(app, "/_qualepref/session", "POST", {"X-Qualepref-Remise": "forge"})[0] == 403
    assert _requete(app, "/_qualepref/session", "POST")[0] == 403
    # a code whose session was closed meanwhile gives no cookie
    code = remises.deposer("jeton-ferme-entre-temps")
    magasin.vivants.discard("jeton-ferme-entre-temps")
    assert _requete(app, "/_qualepref/session", "POST", {"X-Qualepref-Remise": code})[0] == 403
    # never through a GET (a link, an image)
    assert _requete(app, "/_qualepref/session", "GET")[0] == 405
    # over https: Secure
    code = remises.deposer("jeton-vivant")
    _, en_tetes, _ = _requete(app, "/_qualepref/session", "POST", {"X-Qualepref-Remise": code}, scheme="https")
    assert _valeurs(en_tetes, "set-cookie")[0].endswith("; Secure")


def test_la_deconnexion_ferme_la_session_du_cookie_et_l_efface() -> None:
    from starlette.applications import Starlette

    magasin = Magasin("jeton-vivant")
    app = Starlette(routes=routes(magasin.sessions(base="qualite")))
    chemin = "/qualite/_qualepref/session"
    # without the header a cross-site form cannot send: refused, nothing closed
    assert _requete(app, chemin, "DELETE", {"Cookie": f"{COOKIE_SESSION}=jeton-vivant"})[0] == 403
    assert magasin.vivants == {"jeton-vivant"}
    statut, en_tetes, _ = _requete(app, chemin, "DELETE",
                                   {"Cookie": f"{COOKIE_SESSION}=jeton-vivant", "X-Qualepref-Remise": "1"})
    assert statut == 204 and magasin.vivants == set()
    assert _valeurs(en_tetes, "set-cookie") == [f"{COOKIE_SESSION}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"]


def test_le_websocket_passe_tel_quel() -> None:
    vus: list[dict] = []

    async def interieur(scope, receive, send) -> None:  # noqa: ANN001 - ASGI
        vus.append(scope)

    scope = {"type": "websocket", "path": "/_stcore/stream", "headers": [(b"cookie", b"qualepref_session=x")]}
    asyncio.run(Protection(interieur, Magasin().sessions())(scope, None, None))
    assert vus == [scope]


def test_lecture_des_cookies() -> None:
    assert cookies_de([(b"cookie", b"a=1; qualepref_session=abc")]) == {"a": "1", "qualepref_session": "abc"}
    assert cookies_de([(b"cookie", b"\x00\x01 ;;; =")]) == {}
    assert cookie("n", "v", secure=True, max_age=0) == b"n=v; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
