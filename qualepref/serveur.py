"""What the web server adds around Streamlit: security headers, ``lang="fr"``, the session cookie, guarded downloads.

``app.py`` hands these to ``st.App`` (``middleware=`` and ``routes=``); this module knows only Starlette and ASGI,
never Streamlit, so it is tested on its own. What it does, and why (README « Sécurité »):

- every HTTP answer carries the headers of ``EN_TETES`` (no framing by another site, no MIME sniffing, no referrer
  sent away), and the HTML page says ``<html lang="fr">`` (RGAA 8.3) instead of Streamlit's ``lang="en"``;
- a session survives a reload in the cookie ``COOKIE_SESSION``: HttpOnly (scripts cannot read it), SameSite=Strict,
  Secure when served over https, holding the random token whose SHA-256 the store keeps. The page script runs over
  a websocket and cannot set a cookie, so on log-in it deposits the token here against a single-use code
  (``REMISES``), and a few lines of JavaScript in the page POST that code (in a header, never in a URL) to the route
  ``/_qualepref/session``, whose answer sets the cookie. Log-out DELETEs it; a cookie whose token the store no
  longer knows (forged, expired, logged out) is erased by the next page load;
- every browser gets an opaque random ``COOKIE_NAVIGATEUR`` (HttpOnly, SameSite=Strict); a download under
  ``/media/`` is answered only when the page script registered those very bytes for that browser
  (``TELECHARGEMENTS``): Streamlit's media URLs are open to anyone who has them, ours are not.
"""

from __future__ import annotations

import hashlib
import http.cookies
import re
import secrets
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

COOKIE_SESSION = "qualepref_session"
COOKIE_NAVIGATEUR = "qualepref_navigateur"
ROUTE_SESSION = "/_qualepref/session"
EN_TETE_REMISE = "X-Qualepref-Remise"  # carries the single-use code of a log-in (custom header: same origin only)
PREFIXE_MEDIA = "/media/"

# The headers every answer carries (nginx sends the same ones, its error pages included:
# .deploiement/nginx-qualepref.conf; tests/e2e/test_nginx.py checks they agree).
EN_TETES: dict[str, str] = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": "frame-ancestors 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

_LANG = re.compile(rb"<html([^>]*?)\blang=\"[^\"]*\"", re.IGNORECASE)


def _attributs_cookie(secure: bool, max_age: int | None) -> str:
    attributs = "; Path=/; HttpOnly; SameSite=Strict"
    if max_age is not None:
        attributs += f"; Max-Age={max_age}"
    return attributs + ("; Secure" if secure else "")


def cookie(nom: str, valeur: str, secure: bool, max_age: int | None = None) -> bytes:
    """A ``Set-Cookie`` value: HttpOnly, SameSite=Strict, Path=/, Secure over https; ``max_age=0`` erases it."""
    return f"{nom}={valeur}{_attributs_cookie(secure, max_age)}".encode("latin-1")


def cookies_de(en_tetes: list[tuple[bytes, bytes]]) -> dict[str, str]:
    """The cookies of a request's raw headers (a malformed Cookie header counts as none)."""
    resultat: dict[str, str] = {}
    for nom, valeur in en_tetes:
        if nom.lower() == b"cookie":
            try:
                morceaux = http.cookies.SimpleCookie(valeur.decode("latin-1"))
            except http.cookies.CookieError:
                continue
            resultat.update({k: m.value for k, m in morceaux.items()})
    return resultat


def en_https(scope: dict) -> bool:
    """True when the browser reached us over TLS (directly, or through the reverse proxy's X-Forwarded-Proto,
    which uvicorn trusts from the loopback only)."""
    return scope.get("scheme") in ("https", "wss")


class _Registre:
    """A small thread-safe dictionary whose entries expire (the server is one process: see README)."""

    def __init__(self, duree_s: float) -> None:
        self.duree_s = duree_s
        self._entrees: dict[str, tuple[float, object]] = {}
        self._verrou = threading.Lock()

    def _purger(self, maintenant: float) -> None:
        for cle in [c for c, (fin, _) in self._entrees.items() if fin <= maintenant]:
            del self._entrees[cle]


class Remises(_Registre):
    """Single-use codes, each standing for a session token until the browser trades it for the cookie."""

    def deposer(self, jeton: str) -> str:
        """Keep ``jeton`` for ``duree_s`` seconds; returns the code the page's script will present."""
        code = secrets.token_urlsafe(32)
        with self._verrou:
            maintenant = time.monotonic()
            self._purger(maintenant)
            self._entrees[_empreinte(code)] = (maintenant + self.duree_s, jeton)
        return code

    def retirer(self, code: str) -> str | None:
        """The token ``code`` stands for, once (a replayed, unknown or expired code gets None)."""
        with self._verrou:
            entree = self._entrees.pop(_empreinte(code), None)
        if entree is None or entree[0] <= time.monotonic():
            return None
        return str(entree[1])

    def en_attente(self, code: str) -> bool:
        """True while ``code`` has not been traded nor expired."""
        with self._verrou:
            entree = self._entrees.get(_empreinte(code))
        return entree is not None and entree[0] > time.monotonic()


class Telechargements(_Registre):
    """Which browser may fetch which bytes under ``/media/`` (by the bytes' SHA-256)."""

    def autoriser(self, contenu: bytes, navigateur: str | None) -> None:
        """Let the browser ``navigateur`` (its cookie) download ``contenu``; nothing for a browser without one."""
        if not navigateur:
            return
        with self._verrou:
            maintenant = time.monotonic()
            self._purger(maintenant)
            self._entrees[f"{hashlib.sha256(contenu).hexdigest()}:{_empreinte(navigateur)}"] = (
                maintenant + self.duree_s, True)

    def autorise(self, contenu: bytes, navigateur: str | None) -> bool:
        """True when ``navigateur`` registered these bytes, and not too long ago."""
        if not navigateur:
            return False
        with self._verrou:
            entree = self._entrees.get(f"{hashlib.sha256(contenu).hexdigest()}:{_empreinte(navigateur)}")
        return entree is not None and entree[0] > time.monotonic()


def _empreinte(valeur: str) -> str:
    return hashlib.sha256(valeur.encode()).hexdigest()


REMISES = Remises(duree_s=120)
TELECHARGEMENTS = Telechargements(duree_s=3600)


@dataclass(frozen=True)
class Sessions:
    """What the HTTP side needs from the accounts, handed in by app.py (this module never opens the store)."""

    valide: Callable[[str], Awaitable[bool]]  # is this token a live session?
    fermer: Callable[[str], Awaitable[None]]  # log this token out
    duree_s: int  # the cookie's Max-Age: the session's length (config.toml)
    base: str = ""  # server.baseUrlPath, without slashes at the ends


@dataclass
class _Reponse:
    """What the middleware changes in one HTTP answer."""

    en_tetes_ajoutes: list[tuple[bytes, bytes]] = field(default_factory=list)
    tamponner: bool = False


class Protection:
    """ASGI middleware (outside Streamlit's own): headers, ``lang="fr"``, cookies, and the ``/media/`` guard."""

    def __init__(self, app: Callable, sessions: Sessions, telechargements: Telechargements = TELECHARGEMENTS,
                 ) -> None:
        self.app = app
        self.sessions = sessions
        self.telechargements = telechargements
        self.media = (f"/{sessions.base}" if sessions.base else "") + PREFIXE_MEDIA

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = cookies_de(scope.get("headers", []))
        secure = en_https(scope)
        media = scope.get("path", "").startswith(self.media)
        document = _demande_une_page(scope)
        ajouts: list[tuple[bytes, bytes]] = [(k.lower().encode(), v.encode()) for k, v in EN_TETES.items()]
        if document:
            # The page itself: Streamlit's answer is rewritten (lang="fr"), so it must come uncompressed.
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"] if k.lower() != b"accept-encoding"]}
            if not cookies.get(COOKIE_NAVIGATEUR):
                ajouts.append((b"set-cookie", cookie(COOKIE_NAVIGATEUR, secrets.token_urlsafe(32), secure)))
            jeton = cookies.get(COOKIE_SESSION)
            if jeton and not await self.sessions.valide(jeton):
                ajouts.append((b"set-cookie", cookie(COOKIE_SESSION, "", secure, max_age=0)))
        if media:  # the bytes are checked as the script registered them: whole, and uncompressed
            scope = {**scope, "headers": [(k, v) for k, v in scope["headers"]
                                          if k.lower() not in (b"range", b"accept-encoding")]}
        await self._servir(scope, receive, send, ajouts, media, document, cookies.get(COOKIE_NAVIGATEUR))

    async def _servir(self, scope: dict, receive: Callable, send: Callable, ajouts: list[tuple[bytes, bytes]],
                      media: bool, document: bool, navigateur: str | None) -> None:
        debut: dict = {}
        corps: list[bytes] = []

        async def envoyer(message: dict) -> None:
            if message["type"] == "http.response.start":
                en_tetes = [(k, v) for k, v in message.get("headers", []) if k.lower() not in _REMPLACES]
                html = any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in en_tetes)
                message = {**message, "headers": en_tetes + ajouts}
                if (media and message["status"] == 200) or (document and html):
                    debut.update(message)  # held back until the whole body is known
                    return
                await send(message)
            elif message["type"] == "http.response.body" and debut:
                corps.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                contenu = b"".join(corps)
                if media and not self.telechargements.autorise(contenu, navigateur):
                    await _refuser(send, ajouts)
                    return
                if document and not media:  # the page, never a downloaded file (an .html export stays as built)
                    contenu = _LANG.sub(rb'<html\1lang="fr"', contenu, count=1)
                en_tetes = [(k, v) for k, v in debut["headers"] if k.lower() != b"content-length"]
                await send({**debut, "headers": [*en_tetes, (b"content-length", str(len(contenu)).encode())]})
                await send({"type": "http.response.body", "body": contenu})
            else:
                await send(message)

        await self.app(scope, receive, envoyer)


_REMPLACES = {k.lower().encode() for k in EN_TETES}


def _demande_une_page(scope: dict) -> bool:
    """A browser navigating to the app (GET of an HTML page), as opposed to a script, asset or API request."""
    if scope.get("method") != "GET":
        return False
    accept = next((v for k, v in scope.get("headers", []) if k.lower() == b"accept"), b"")
    return b"text/html" in accept


async def _refuser(send: Callable, ajouts: list[tuple[bytes, bytes]]) -> None:
    corps = "Fichier introuvable.".encode("utf-8")
    await send({"type": "http.response.start", "status": 404, "headers": [
        *ajouts, (b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(corps)).encode()),
        (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": corps})


def routes(sessions: Sessions, remises: Remises = REMISES) -> list:
    """The route ``/_qualepref/session``: POST trades a log-in's single-use code for the cookie, DELETE logs out
    and erases it. Both need a header a cross-site form cannot send, and answer nothing but a status."""
    from starlette.responses import Response
    from starlette.routing import Route

    async def session(requete) -> Response:  # noqa: ANN001 - a Starlette Request
        secure = en_https(requete.scope)
        if requete.method == "POST":
            jeton = remises.retirer(requete.headers.get(EN_TETE_REMISE, ""))
            if jeton is None or not await sessions.valide(jeton):
                return Response(status_code=403, headers={"Cache-Control": "no-store"})
            reponse = Response(status_code=204, headers={"Cache-Control": "no-store"})
            reponse.raw_headers.append((b"set-cookie", cookie(COOKIE_SESSION, jeton, secure, sessions.duree_s)))
            return reponse
        if requete.headers.get(EN_TETE_REMISE) is None:
            return Response(status_code=403, headers={"Cache-Control": "no-store"})
        jeton = requete.cookies.get(COOKIE_SESSION)
        if jeton:
            await sessions.fermer(jeton)
        reponse = Response(status_code=204, headers={"Cache-Control": "no-store"})
        reponse.raw_headers.append((b"set-cookie", cookie(COOKIE_SESSION, "", secure, max_age=0)))
        return reponse

    chemin = (f"/{sessions.base}" if sessions.base else "") + ROUTE_SESSION
    return [Route(chemin, session, methods=["POST", "DELETE"])]
