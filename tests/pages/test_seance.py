"""Mode séance: one view per module, then surveys, plan d'actions, points d'attention; previous/next only."""

import re

import pytest

from pages.commun import Widget
from qualepref.acces import COPIL, REFERENT
from tests.pages.outils import connecte, textes


def _html(at) -> str:
    """The page's HTML pieces, the table cells' attributes left out (the tests read the cells' text)."""
    return re.sub(r"<(td|th|tr|thead|tbody|table)( [^>]*)?>", r"<\1>",
                  "\n".join(e.proto.body for e in at.get("html")))


@pytest.mark.parametrize("role", [REFERENT, COPIL])
def test_la_seance_passe_par_chaque_module(rempli, role) -> None:
    at = connecte(role, "pages/seance.py")
    assert not at.exception
    vues = []
    for _ in range(5):
        vues.append(at.title[0].value)
        at.button(key=Widget.SEANCE_SUIVANT).click().run()
        assert not at.exception
    assert vues == ["Module 1 — Relation usagers", "Module 4 — Collectivités territoriales",
                    "Enquêtes de satisfaction", "Plan d'actions", "Points d'attention"]
    assert at.title[0].value == "Points d'attention"  # the last step stays the last
    assert at.button(key=Widget.SEANCE_SUIVANT).disabled
    assert "Engagement 3 non atteint : Écoute des usagers" in _html(at)
    assert "étape 5 sur 5" in textes(at)
    at.button(key=Widget.SEANCE_PRECEDENT).click().run()
    assert at.title[0].value == "Plan d'actions"
    assert "Plan d'actions réalisé : **46,7\u00a0%**" in textes(at)
    assert "<td>a4</td><td>01/03/2024</td>" in _html(at)
    # no widget but the two buttons (and the way out)
    assert len(at.selectbox) == len(at.text_input) == len(at.multiselect) == 0
    assert len(at.button) == 2


def test_la_vue_d_un_module(rempli) -> None:
    at = connecte(REFERENT, "pages/seance.py")
    html = _html(at)
    assert 'aria-label="1 proche · 3 non atteint · 9 non mesuré · 7 sans cible"' in html
    assert "<td>3</td><td>Écoute des usagers</td><td>non atteint</td>" in html
    assert "Réclamations répondues dans le délai</abbr>" in html
    assert "font-size:21px" in html  # large type


def test_sans_donnees_la_seance_le_dit(config_app) -> None:
    at = connecte(REFERENT, "pages/seance.py")
    assert not at.exception
    assert "Aucune donnée à présenter" in textes(at)
