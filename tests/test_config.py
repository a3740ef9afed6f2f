"""The app's settings (qualepref.config): the file, the environment, and reading the file again only when it
changed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qualepref import config
from qualepref.config import RACINE, charger_config


@pytest.fixture(autouse=True)
def sans_environnement(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUALEPREF_DATABASE_URL", raising=False)
    monkeypatch.delenv("QUALEPREF_CONFIG", raising=False)


def test_valeurs_du_fichier_et_chemin_sqlite_relatif(tmp_path: Path) -> None:
    fichier = tmp_path / "config.toml"
    fichier.write_text('[base]\nurl = "sqlite:///data/essai.db"\n[import]\nlignes_max = 1000\n'
                       "[acces]\nresultats_publics_sans_connexion = false\n", encoding="utf-8")
    c = charger_config(fichier)
    assert c.url_base == f"sqlite:///{RACINE / 'data' / 'essai.db'}"
    assert (c.lignes_max, c.taille_max_mo, c.public_sans_connexion) == (1000, 50, False)


def test_l_environnement_l_emporte_et_fichier_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUALEPREF_DATABASE_URL", "postgresql+psycopg://u@h/base")
    c = charger_config(tmp_path / "absent.toml")
    assert c.url_base == "postgresql+psycopg://u@h/base"
    assert c.duree_session_minutes == 480


def test_le_fichier_est_relu_seulement_s_il_a_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fichier = tmp_path / "config.toml"
    fichier.write_text("[import]\nlignes_max = 1000\n", encoding="utf-8")
    lectures = []
    origine = Path.read_text

    def compter(self: Path, *args, **kwargs) -> str:  # noqa: ANN002, ANN003 - Path.read_text's own signature
        lectures.append(self)
        return origine(self, *args, **kwargs)

    monkeypatch.setattr(Path, "read_text", compter)
    assert charger_config(fichier).lignes_max == 1000
    assert charger_config(fichier).lignes_max == 1000
    assert lectures == [fichier]  # parsed once
    fichier.write_text("[import]\nlignes_max = 2000\n", encoding="utf-8")
    os.utime(fichier, ns=(fichier.stat().st_atime_ns, fichier.stat().st_mtime_ns + 1_000_000))
    assert charger_config(fichier).lignes_max == 2000  # a change is seen at once
    assert len(lectures) == 2
    assert config.charger_config(fichier) is charger_config(fichier)
