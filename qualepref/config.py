"""The app's own settings, read from ``config.toml`` and the environment.

Streamlit's settings live in ``.streamlit/config.toml``; these are ours. The environment variable
``QUALEPREF_DATABASE_URL`` overrides the database URL (tests and the shared-server case use it), and
``QUALEPREF_CONFIG`` points at another settings file.
"""

from __future__ import annotations

import functools
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
FICHIER_CONFIG = RACINE / "config.toml"


@dataclass(frozen=True)
class Config:
    """Settings the app reads once at start."""

    url_base: str
    taille_max_mo: int = 50
    lignes_max: int = 500_000
    memoire_lecture_mo: int = 2048
    delai_lecture_s: float = 180
    public_sans_connexion: bool = True
    duree_session_minutes: int = 480
    echecs_avant_ralentissement: int = 3
    echecs_avant_verrouillage: int = 6
    duree_verrouillage_minutes: int = 15
    demo_au_premier_demarrage: bool = True


def _url_absolue(url: str) -> str:
    """Resolve a relative SQLite path against the project root, so the app works from any directory."""
    prefixe = "sqlite:///"
    if url.startswith(prefixe) and not url.startswith(prefixe + "/") and ":memory:" not in url:
        return prefixe + str(RACINE / url[len(prefixe):])
    return url


def charger_config(chemin: Path | None = None) -> Config:
    """Read the settings file (``QUALEPREF_CONFIG`` or ``config.toml``), then the environment.

    Every page run asks for the settings several times: the file is parsed again only when it changed (its
    modification time and size), not on each call.
    """
    chemin = chemin or Path(os.environ.get("QUALEPREF_CONFIG", FICHIER_CONFIG))
    try:
        etat = chemin.stat()
        empreinte: tuple[int, int] | None = (etat.st_mtime_ns, etat.st_size)
    except OSError:
        empreinte = None
    return _lire_config(str(chemin), empreinte, os.environ.get("QUALEPREF_DATABASE_URL"))


@functools.lru_cache(maxsize=32)
def _lire_config(chemin: str, empreinte: tuple[int, int] | None, url_environnement: str | None) -> Config:
    """The settings from the file at ``chemin`` as it is now (``empreinte``; None: no file) and the environment."""
    donnees = tomllib.loads(Path(chemin).read_text(encoding="utf-8")) if empreinte is not None else {}
    base, imp = donnees.get("base", {}), donnees.get("import", {})
    acces, demo = donnees.get("acces", {}), donnees.get("demo", {})
    url = url_environnement or base.get("url", "sqlite:///data/qualepref.db")
    return Config(
        url_base=_url_absolue(url),
        taille_max_mo=int(imp.get("taille_max_mo", 50)),
        lignes_max=int(imp.get("lignes_max", 500_000)),
        memoire_lecture_mo=int(imp.get("memoire_lecture_mo", 2048)),
        delai_lecture_s=float(imp.get("delai_lecture_s", 180)),
        public_sans_connexion=bool(acces.get("resultats_publics_sans_connexion", True)),
        duree_session_minutes=int(acces.get("duree_session_minutes", 480)),
        echecs_avant_ralentissement=int(acces.get("echecs_avant_ralentissement", 3)),
        echecs_avant_verrouillage=int(acces.get("echecs_avant_verrouillage", 6)),
        duree_verrouillage_minutes=int(acces.get("duree_verrouillage_minutes", 15)),
        demo_au_premier_demarrage=bool(demo.get("au_premier_demarrage", True)),
    )
