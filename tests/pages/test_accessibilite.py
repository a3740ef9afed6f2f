"""Déclaration d'accessibilité: public, honest about what is not conform."""

from tests.pages.outils import connecte, textes


def test_la_declaration_est_publique(config_app) -> None:
    at = connecte(None, "pages/accessibilite.py")
    assert not at.exception
    assert at.title[0].value == "Déclaration d'accessibilité"
    assert "**partiellement conforme**" in textes(at)
    assert "## Ce qui n'est pas conforme" in textes(at)  # h2 under the h1: no level skipped
