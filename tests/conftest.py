"""Shared fixtures: a migrated store on SQLite (always) and on PostgreSQL (when a server is configured)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from qualepref.store import creer_moteur

URL_POSTGRES = os.environ.get("QUALEPREF_TEST_POSTGRES_URL")
RAISON_SANS_POSTGRES = (
    "pas de serveur PostgreSQL configuré (QUALEPREF_TEST_POSTGRES_URL) : .ci/run en démarre un ; "
    "sur un poste, ces tests ne tournent que contre SQLite"
)


@pytest.fixture
def moteur_sqlite(tmp_path: Path) -> Iterator[Engine]:
    """A fresh, migrated SQLite database file."""
    moteur = creer_moteur(f"sqlite:///{tmp_path / 'qualepref.db'}")
    yield moteur
    moteur.dispose()


@pytest.fixture
def url_postgres() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (dropped afterwards); skipped with a reason when no server is set."""
    if not URL_POSTGRES:
        pytest.skip(RAISON_SANS_POSTGRES)
    nom = f"qp_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(URL_POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{nom}"'))
    base, _, _ = URL_POSTGRES.rpartition("/")
    yield f"{base}/{nom}"
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def moteur_postgres(url_postgres: str) -> Iterator[Engine]:
    """A fresh, migrated PostgreSQL database."""
    moteur = creer_moteur(url_postgres)
    yield moteur
    moteur.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def moteur(request: pytest.FixtureRequest) -> Engine:
    """The store on each database the project supports: SQLite, and PostgreSQL when a server is configured."""
    return request.getfixturevalue(f"moteur_{request.param}")


@pytest.fixture
def config_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app at a fresh SQLite file with no demonstration data (AppTest page tests)."""
    fichier = tmp_path / "config.toml"
    fichier.write_text(
        "[base]\nurl = \"sqlite:///" + str(tmp_path / "app.db") + "\"\n[demo]\nau_premier_demarrage = false\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("QUALEPREF_CONFIG", str(fichier))
    monkeypatch.delenv("QUALEPREF_DATABASE_URL", raising=False)
    return fichier
