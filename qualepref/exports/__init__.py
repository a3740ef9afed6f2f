"""Exports: one module per format, and ``REGISTRY`` (format name → how to build it and what it is).

Every builder is a plain function ``construire(resultats, site, publication=None, ...) -> bytes`` that takes its
figures from a ``Resultats`` and never recomputes them. ``publie_seulement`` says whether the export is for the comité
or the public: then the caller passes the results and facts of ``publication.resultats_publies(engine, site,
periode)`` — never live results — and the builder refuses without publication facts. The bilan annuel is the
référent's working document, built from live results (``resultats.resultats_site``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from qualepref.exports import affiche, bilan, opendata, presentation


# The poster's name follows its period: a year's poster is « annuel », a quarter's « trimestriel » (the referential's
# « taux trimestriel », « actualisé 4 fois par an », chapitre III), a month's « mensuel ».
AFFICHAGES = {"annee": "Affichage annuel", "trimestre": "Affichage trimestriel", "mois": "Affichage mensuel"}


class FormatExport(NamedTuple):
    """One export format: (builder, file extension, MIME type, libellé, published results only).

    ``libelle`` may hold ``{affichage}``: ``libelle_pour(periode)`` fills it with the words for that period."""

    construire: Callable[..., bytes]
    extension: str
    mime: str
    libelle: str
    publie_seulement: bool

    def libelle_pour(self, periode: str) -> str:
        """The label for the period the file is made for (« Affichage annuel (affiche A4, PDF) » for 2024)."""
        from qualepref.exports.commun import granularite

        return self.libelle.format(affichage=AFFICHAGES[granularite(str(periode))])


REGISTRY: dict[str, FormatExport] = {
    "bilan": FormatExport(
        bilan.construire, ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Bilan annuel (classeur Excel)", False),
    "presentation": FormatExport(
        presentation.construire, ".pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "Présentation du comité des usagers (PowerPoint)", True),
    "affiche": FormatExport(
        affiche.construire_pdf, ".pdf", "application/pdf", "{affichage} (affiche A4, PDF)", True),
    "affiche-page": FormatExport(
        affiche.construire_page, ".html", "text/html; charset=utf-8",
        "{affichage} (page HTML pour le site internet)", True),
    "affiche-html": FormatExport(
        affiche.construire_html, ".html", "text/html; charset=utf-8",
        "{affichage} (fragment HTML à coller dans un gestionnaire de contenu)", True),
    "opendata": FormatExport(
        opendata.construire, ".csv", "text/csv; charset=utf-8", "Données ouvertes Services Publics+ (CSV)", True),
}


NOMS_DE_FICHIER = {"affiche-page": "affiche", "affiche-html": "affiche-fragment"}


def nom_fichier(format_export: str, site: str, periode: str) -> str:
    """``bilan-PREF-51-2023.xlsx``, ``affiche-PREF-51-2023-T2.pdf``, ``affiche-PREF-51-2023-T2.html`` (the page),
    ``affiche-fragment-PREF-51-2023-T2.html``..."""
    export = REGISTRY[format_export]
    return f"{NOMS_DE_FICHIER.get(format_export, format_export)}-{site}-{periode}{export.extension}"


__all__ = ["AFFICHAGES", "REGISTRY", "FormatExport", "nom_fichier"]
