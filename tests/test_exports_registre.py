"""The export registry: every format builds bytes from the same Resultats, published-only ones refuse live data."""

from __future__ import annotations

import pytest

from qualepref.exports import REGISTRY, nom_fichier
from qualepref.exports.commun import PublicationManquante
from tests.resultats_exemple import SITE, publication_exemple, resultats_exemple

SIGNATURES = {".xlsx": b"PK", ".pptx": b"PK", ".pdf": b"%PDF", ".html": (b"<section", b"<!DOCTYPE html>"),
              ".csv": b"\xef\xbb\xbf"}


@pytest.mark.parametrize("nom", list(REGISTRY))
def test_chaque_format_produit_ses_octets(nom: str) -> None:
    export = REGISTRY[nom]
    contenu = export.construire(resultats_exemple(), SITE, publication_exemple("2023"))
    assert contenu.startswith(SIGNATURES[export.extension])
    assert export.libelle and export.mime
    if export.publie_seulement:
        with pytest.raises(PublicationManquante):
            export.construire(resultats_exemple(), SITE, None)


def test_registre_et_noms_de_fichiers() -> None:
    assert {n: e.publie_seulement for n, e in REGISTRY.items()} == {
        "bilan": False, "presentation": True, "affiche": True, "affiche-page": True, "affiche-html": True,
        "opendata": True}
    assert nom_fichier("affiche-page", "PREF-51", "2023-T2") == "affiche-PREF-51-2023-T2.html"
    assert nom_fichier("affiche-html", "PREF-51", "2023-T2") == "affiche-fragment-PREF-51-2023-T2.html"
    assert nom_fichier("bilan", "PREF-51", "2023") == "bilan-PREF-51-2023.xlsx"


def test_le_libelle_de_l_affiche_suit_sa_periode() -> None:
    """A year's poster is « annuel », a quarter's « trimestriel » (chapitre III: « taux trimestriel »)."""
    assert REGISTRY["affiche"].libelle_pour("2024") == "Affichage annuel (affiche A4, PDF)"
    assert REGISTRY["affiche"].libelle_pour("2024-T2") == "Affichage trimestriel (affiche A4, PDF)"
    assert REGISTRY["affiche-page"].libelle_pour("2024") == "Affichage annuel (page HTML pour le site internet)"
    assert REGISTRY["affiche-html"].libelle_pour("2024-T1") == (
        "Affichage trimestriel (fragment HTML à coller dans un gestionnaire de contenu)")
    assert REGISTRY["opendata"].libelle_pour("2024") == "Données ouvertes Services Publics+ (CSV)"
    assert all("{" not in e.libelle_pour(p) for e in REGISTRY.values() for p in ("2024", "2024-T3", "2024-05"))
