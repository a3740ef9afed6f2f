"""The documentation stays true: every command and benchmark is in the README, every module and page in
ARCHITECTURE.md, every page of the navigation has its file, and the jours-ouvrés convention shown in the app is
the README's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qualepref.acces import PAGES
from qualepref.calendrier import CONVENTION_JOURS_OUVRES
from qualepref.cli import COMMANDES

RACINE = Path(__file__).resolve().parent.parent
README = (RACINE / "README.md").read_text(encoding="utf-8")
ARCHITECTURE = (RACINE / "ARCHITECTURE.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("commande", sorted(COMMANDES))
def test_chaque_commande_est_dans_le_readme(commande: str) -> None:
    assert re.search(rf"`{re.escape(commande)}[ `]", README), f"la commande {commande} manque au README"


@pytest.mark.parametrize("banc", sorted(p.name for p in (RACINE / "bench").glob("*.py")))
def test_chaque_banc_d_essai_est_dans_le_readme(banc: str) -> None:
    assert f"`python bench/{banc}`" in README, f"bench/{banc} manque au README"


@pytest.mark.parametrize("module", sorted(p.name for p in (RACINE / "qualepref").glob("*.py")
                                          if p.name != "__init__.py"))
def test_chaque_module_est_dans_architecture(module: str) -> None:
    assert re.search(rf"\b{re.escape(module)}\b", ARCHITECTURE), module


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.fichier)
def test_chaque_page_de_la_navigation_existe(page) -> None:
    assert (RACINE / page.fichier).is_file()


def test_la_convention_des_jours_ouvres_est_celle_du_readme() -> None:
    for morceau in ("jusqu'au jour de la réponse inclus", "une réponse le jour même compte 0 jour"):
        assert morceau in CONVENTION_JOURS_OUVRES
        assert morceau in README.replace("**", "")
