"""Streamlit's production settings (.streamlit/config.toml): no usage statistics sent, no technical detail ever
shown to a user, the viewer toolbar, XSRF protection, the upload limit equal to the app's own, the État's blue."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def streamlit() -> dict:
    return tomllib.loads((RACINE / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def application() -> dict:
    return tomllib.loads((RACINE / "config.toml").read_text(encoding="utf-8"))


def test_aucune_statistique_d_usage_n_est_envoyee(streamlit: dict) -> None:
    assert streamlit["browser"]["gatherUsageStats"] is False


def test_aucun_detail_technique_et_la_barre_d_outils_du_lecteur(streamlit: dict) -> None:
    assert streamlit["client"]["showErrorDetails"] == "none"
    assert streamlit["client"]["toolbarMode"] == "viewer"


def test_protection_xsrf_active(streamlit: dict) -> None:
    assert streamlit["server"]["enableXsrfProtection"] is True


def test_la_taille_maximale_des_fichiers_est_celle_de_l_application(streamlit: dict, application: dict) -> None:
    assert isinstance(streamlit["server"]["maxUploadSize"], int)
    assert streamlit["server"]["maxUploadSize"] == application["import"]["taille_max_mo"] == 50


def test_la_taille_maximale_lue_par_l_application_est_la_meme(streamlit: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the Python side checks (``charger_config``) agrees with what Streamlit enforces."""
    from qualepref.config import FICHIER_CONFIG, charger_config

    monkeypatch.delenv("QUALEPREF_CONFIG", raising=False)
    assert charger_config(FICHIER_CONFIG).taille_max_mo == streamlit["server"]["maxUploadSize"]


def test_la_couleur_principale_est_le_bleu_france(streamlit: dict) -> None:
    assert streamlit["theme"]["primaryColor"] == "#000091"


def test_en_service_ni_surveillance_des_sources_ni_ramasse_miettes_apres_chaque_page(streamlit: dict) -> None:
    """Both held Python's global lock on every run of every page: with 20 sessions they took more than half of the
    server's time (bench/charge.py, issue 8)."""
    assert streamlit["server"]["fileWatcherType"] == "none"
    assert streamlit["server"]["runOnSave"] is False
    assert streamlit["runner"]["postScriptGC"] is False


def test_streamlit_lit_ces_reglages(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is the one Streamlit reads from the project's folder, and the names are its options."""
    from streamlit import config

    monkeypatch.chdir(RACINE)
    config.get_config_options(force_reparse=True)
    try:
        assert config.get_option("runner.postScriptGC") is False
        assert config.get_option("server.fileWatcherType") == "none"
        assert config.get_option("client.showErrorDetails") == "none"
    finally:
        config.get_config_options(force_reparse=True)
