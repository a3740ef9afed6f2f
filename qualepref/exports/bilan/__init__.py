"""Bilan annuel (.xlsx): the workbook the comité en charge du bilan works from (référentiel, chapitre V).

Chapter V ("Bilans annuels") says the bilan examines every figure of the quality of service — indicators,
satisfaction surveys and mystery surveys, réclamations, training needs, self-assessment or internal audit — draws
up improvement plans, and ends in a compte rendu told to the staff and presented to the comité technique. The
workbook follows it: "Synthèse" (perimeter, status per module, what is not measured, main progressions, and where
each element of chapter V is), one sheet per module retained, "Enquêtes", "Mystère", "Réclamations", "Plan
d'actions", "PAN", "Avis SP+" and "Compte rendu" (what the data cannot say: participants, training needs, audit,
decisions, information of the staff — to fill in at the meeting).

Figures are cells of numbers with French-reading formats: rates are stored in percent, as the core computes them
(77,6 % → 77.6), with the format ``0.0" %"`` (a literal « % »: a French LibreOffice re-saving the file rewrites the
format ``0.0 %`` as ``0.0,%``, and every rate then reads a thousand times too small; the literal survives), counts
with thousands grouping (``#,##0``), délais with their unit (``0.0" jours ouvrés"``), progressions with their sign
and unit (points ``pt``, days ``j``), rounded to the tenth shown so that none reads « -0,0 ». Engagement numbers are
numbers. Rows are as high as their wrapped text and columns as wide as their longest header word, measured with the
font's metrics (``qualepref.exports.mesure``), so nothing prints over the next row or is clipped.
Text people typed (plan actions, pilots) is written as text, never as a formula (``securite.ecrire``). Built from
live results (the référent's working copy), not from a publication.

Split along its sheets: ``cellules`` (formats, fonts, how each kind of value is written, ``Colonne``),
``mise_en_page`` (``Feuille``: a sheet written, measured and set up for print), ``synthese`` (« Synthèse »),
``feuilles`` (module sheets, « Enquêtes », « Mystère », « Réclamations », « Compte rendu »), ``plan`` (« Plan
d'actions », « PAN », « Avis SP+ »); this module builds the workbook (``construire``, in the export registry) and
re-exports the public names (``bilan.FORMAT_POINTS``, ``bilan.largeur_points``...).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from openpyxl import Workbook

from qualepref.exports import commun
from qualepref.exports.bilan.cellules import (
    BLEU_FRANCE,
    COULEURS_STATUT,
    ENTETE,
    ENTETE_FIGEE_MAX,
    FORMAT_COMPTE,
    FORMAT_DATE,
    FORMAT_ECART_COMPTE,
    FORMAT_ECART_JOURS,
    FORMAT_ECART_NOMBRE,
    FORMAT_JOURS,
    FORMAT_NOMBRE,
    FORMAT_POINTS,
    FORMAT_TAUX,
    FORMAT_TAUX_ENTIER,
    FORMATS,
    POLICE,
    POLICE_ENTETE,
    POLICE_SECTION,
    POLICE_TITRE,
    Colonne,
)
from qualepref.exports.bilan.feuilles import _compte_rendu, _enquetes, _module, _mystere, _reclamations
from qualepref.exports.bilan.mise_en_page import (
    ELARGIR_MAX,
    HAUTEUR_LIGNE,
    LARGEUR_MOT_MAX,
    MARGE_EXCEL,
    MARGE_HAUTEUR,
    MARGE_LIBREOFFICE,
    PAGE_HAUTEUR,
    PAGE_LARGEUR,
    TAILLE,
    Feuille,
    largeur_points,
    largeur_pour,
)
from qualepref.exports.bilan.plan import _avis, _pan, _plan
from qualepref.exports.bilan.synthese import _synthese

if TYPE_CHECKING:
    from qualepref.resultats import Resultats
    from qualepref.store import Site


def construire(resultats: Resultats, site: Site, publication: dict | None = None) -> bytes:
    """The bilan annuel of ``site`` for ``resultats.annee`` as .xlsx bytes (see the module docstring).

    ``publication`` is accepted for a uniform registry signature and ignored: the bilan is the référent's working
    document, built from live results.
    """
    r = resultats
    classeur = Workbook()
    classeur.remove(classeur.active)
    nom = commun.nom_site(r, site)
    sous_titre = f"Bilan annuel {r.annee} — {nom}"

    def feuille(titre_onglet: str, titre: str, remplir: Callable[[Feuille], None]) -> None:
        f = Feuille(classeur.create_sheet(titre_onglet), titre, sous_titre)
        remplir(f)
        f.terminer()

    feuille("Synthèse", f"Bilan annuel {r.annee} de la démarche qualité", lambda f: _synthese(f, r, site))
    for numero in commun.modules_retenus(r, site):
        feuille(f"Module {numero}", commun.titre_module(r, numero), lambda f, n=numero: _module(f, r, n))
    feuille("Enquêtes", "Enquête de satisfaction des usagers", lambda f: _enquetes(f, r))
    feuille("Mystère", "Enquêtes et appels mystère", lambda f: _mystere(f, r))
    feuille("Réclamations", "Réclamations, suggestions et demandes : délais de réponse", lambda f: _reclamations(f, r))
    feuille("Plan d'actions", "Plan d'actions", lambda f: _plan(f, r))
    feuille("PAN", "Points d'accès numériques", lambda f: _pan(f, r))
    feuille("Avis SP+", "Avis Services Publics+ par tonalité", lambda f: _avis(f, r))
    feuille("Compte rendu", "Compte rendu du bilan annuel", lambda f: _compte_rendu(f, r))

    classeur.properties.title = sous_titre
    classeur.properties.creator = "qualepref"
    classeur.properties.language = "fr-FR"
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


__all__ = ["BLEU_FRANCE", "COULEURS_STATUT", "ELARGIR_MAX", "ENTETE", "ENTETE_FIGEE_MAX", "FORMATS", "FORMAT_COMPTE",
           "FORMAT_DATE", "FORMAT_ECART_COMPTE", "FORMAT_ECART_JOURS", "FORMAT_ECART_NOMBRE", "FORMAT_JOURS",
           "FORMAT_NOMBRE", "FORMAT_POINTS", "FORMAT_TAUX", "FORMAT_TAUX_ENTIER", "HAUTEUR_LIGNE", "LARGEUR_MOT_MAX",
           "MARGE_EXCEL", "MARGE_HAUTEUR", "MARGE_LIBREOFFICE", "PAGE_HAUTEUR", "PAGE_LARGEUR", "POLICE",
           "POLICE_ENTETE", "POLICE_SECTION", "POLICE_TITRE", "TAILLE", "Colonne", "Feuille", "construire",
           "largeur_points", "largeur_pour"]
