"""The export commands: ``python -m qualepref bilan|presentation|affiche|opendata ... --sortie FICHIER``.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from sqlalchemy import Engine

from qualepref.cli import main
from qualepref.store import save_site
from tests.resultats_exemple import SITE, resultats_exemple


def _lancer(*argv: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    code = main(list(argv), sortie, erreurs)
    return code, sortie.getvalue(), erreurs.getvalue()


@pytest.fixture
def base(moteur_sqlite: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("QUALEPREF_DATABASE_URL", f"sqlite:///{tmp_path / 'qualepref.db'}")
    save_site(moteur_sqlite, SITE)
    return moteur_sqlite


def test_sans_publication_erreur_en_francais(base: Engine, tmp_path: Path) -> None:
    for commande in ("presentation", "affiche", "opendata"):
        code, _, erreurs = _lancer(commande, "--site", SITE.code, "--annee", "2023", "--sortie",
                                   str(tmp_path / "x"))
        assert code == 1
        assert erreurs.strip() == (f"Aucun résultat publié pour {SITE.code} en 2023 : publiez-les d'abord "
                                   "(python -m qualepref publier ...).")


def test_exports_des_resultats_publies(base: Engine, tmp_path: Path) -> None:
    from qualepref.publication import publier_resultats

    publier_resultats(base, resultats_exemple(), None, "referente")
    publier_resultats(base, resultats_exemple(), 4, "referente")
    code, _, erreurs = _lancer("presentation", "--site", SITE.code, "--annee", "2023", "--sortie",
                               str(tmp_path / "comite.pptx"))
    assert code == 0, erreurs
    assert (tmp_path / "comite.pptx").read_bytes()[:2] == b"PK"
    code, sortie, erreurs = _lancer("affiche", "--site", SITE.code, "--annee", "2023", "--trimestre", "4",
                                    "--sortie", str(tmp_path / "affiche.pdf"))
    assert code == 0, erreurs
    assert (tmp_path / "affiche.pdf").read_bytes()[:4] == b"%PDF"
    assert (tmp_path / "affiche.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "91,3" in (tmp_path / "affiche.html").read_text(encoding="utf-8")
    assert "91,3" in (tmp_path / "affiche-fragment.html").read_text(encoding="utf-8")
    # no publication of the 2nd quarter: its poster comes from the year's publication, which holds it
    code, _, erreurs = _lancer("affiche", "--site", SITE.code, "--annee", "2023", "--trimestre", "2",
                               "--sortie", str(tmp_path / "t2.pdf"))
    assert code == 0, erreurs
    assert "2e trimestre 2023" in (tmp_path / "t2.html").read_text(encoding="utf-8")
    code, _, erreurs = _lancer("opendata", "--site", SITE.code, "--annee", "2023", "--sortie",
                               str(tmp_path / "sp.csv"))
    assert code == 0, erreurs
    assert (tmp_path / "sp.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_bilan_des_resultats_de_travail(base: Engine, tmp_path: Path) -> None:
    code, sortie, erreurs = _lancer("bilan", "--site", SITE.code, "--annee", "2023", "--sortie",
                                    str(tmp_path / "bilan.xlsx"))
    assert code == 0, erreurs
    assert "Bilan annuel" in sortie and (tmp_path / "bilan.xlsx").read_bytes()[:2] == b"PK"
    code, _, erreurs = _lancer("bilan", "--site", "INCONNU", "--annee", "2023", "--sortie", str(tmp_path / "b"))
    assert code == 1 and "n'existe pas" in erreurs
