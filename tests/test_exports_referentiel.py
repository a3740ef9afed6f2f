"""The exports name the referential version in place (issue 18 §3): « The built-in Quali-ATE file is shown as a draft
wherever it appears (Sites page, dashboard, exports) until the référent loads the official one ».

A Quali-ATE « official text » is built here from the workbook template (the built-in draft's workbook, its version,
status and one short label edited), loaded as the référent would (``activer``); a site on Quali-ATE publishes its
2025 results. Its deck, bilan, poster and open data say « Quali-ATE — 2025 (texte officiel) », the loaded short
label, and never « ébauche » nor an internal code; the same site under the built-in draft says « ébauche ».
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from pdfminer.high_level import extract_text
from pptx import Presentation
from sqlalchemy import Engine

from qualepref.exports import REGISTRY, affiche
from qualepref.publication import publier_resultats, resultats_publies
from qualepref.referentiel import charger
from qualepref.referentiel.classeur import classeur
from qualepref.referentiels_en_place import activer, referentiel_en_place
from qualepref.resultats import resultats_site
from qualepref.sites import enregistrer_site
from qualepref.store import enregistrer_import

AUJOURD_HUI = dt.date(2026, 3, 1)
CODES_INTERNES = ("qualepref-2019", "quali-ate", "services-publics-plus")


def _colonne(ws, entete: str) -> int:  # noqa: ANN001
    return next(c.column for c in ws[1] if c.value == entete)


def _officiel() -> bytes:
    """The draft's workbook turned into « the official text »: version, status and E10's short label edited."""
    wb = load_workbook(io.BytesIO(classeur(charger("quali-ate"))))
    for ligne in wb["Référentiel"].iter_rows(min_row=2):
        if ligne[0].value in ("Version", "Statut"):
            ligne[1].value = {"Version": "2025 (texte officiel)", "Statut": "officiel"}[ligne[0].value]
    indicateurs = wb["Indicateurs"]
    code, court = _colonne(indicateurs, "Code"), _colonne(indicateurs, "Libellé court")
    for ligne in range(2, indicateurs.max_row + 1):
        if indicateurs.cell(row=ligne, column=code).value == "E10-APPELS-ABOUTIS":
            indicateurs.cell(row=ligne, column=court).value = "Appels décrochés (officiel)"
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


def _textes(engine: Engine) -> dict[str, str]:
    """Every export of the site's published 2025 results, as text (deck, bilan, poster PDF and page, open data)."""
    site = enregistrer_site(engine, code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture",
                            cert=True, modules=(1, 2, 3, 5), referentiel="quali-ate")
    lignes = pd.DataFrame({"indicateur": ["E10-APPELS-ABOUTIS"], "periode": ["2025"], "valeur": [93.0],
                           "numerateur": [None], "denominateur": [None], "commentaire": [None],
                           "cle": ["E10-APPELS-ABOUTIS|2025"]})
    enregistrer_import(engine, type_donnees="indicateurs", site="PREF-51", lignes=lignes, fichier="valeurs.xlsx",
                       sha256="0" * 64, utilisateur="referent", periodes=["2025"])
    vivants = resultats_site(engine, referentiel_en_place(engine, "quali-ate"), site, 2025, AUJOURD_HUI)
    publier_resultats(engine, vivants, None, "referent")
    r, faits = resultats_publies(engine, "PREF-51", "2025")
    faits = {**faits, "periode": "2025"}
    deck = Presentation(io.BytesIO(REGISTRY["presentation"].construire(r, site, faits)))
    bilan = load_workbook(io.BytesIO(REGISTRY["bilan"].construire(vivants, site)))
    return {
        "presentation": "\n".join(p.text for s in deck.slides for f in s.shapes if f.has_text_frame
                                  for p in f.text_frame.paragraphs)
        + "\n".join(c.text for s in deck.slides for f in s.shapes if f.has_table
                    for ligne in f.table.rows for c in ligne.cells),
        "bilan": "\n".join(str(c.value) for ws in bilan.worksheets for ligne in ws.iter_rows() for c in ligne
                           if c.value is not None),
        "affiche": extract_text(io.BytesIO(REGISTRY["affiche"].construire(r, site, faits))),
        "affiche-page": REGISTRY["affiche-page"].construire(r, site, faits).decode("utf-8"),
        "opendata": REGISTRY["opendata"].construire(r, site, faits).decode("utf-8-sig"),
        "blocs": repr([(a.sous_engagement, valeurs) for a, valeurs in affiche.contenu(r, site, faits).blocs]),
    }


def test_les_exports_nomment_la_version_chargee_par_le_referent(moteur_sqlite: Engine) -> None:
    activer(moteur_sqlite, _officiel(), "quali-ate-officiel.xlsx", "referent")
    textes = _textes(moteur_sqlite)
    for nom in ("presentation", "bilan"):
        assert "Quali-ATE — 2025 (texte officiel)" in textes[nom], nom
    assert "Appels décrochés (officiel)" in textes["presentation"]  # the loaded short label, not the built-in one
    # the poster's displays are Qual-e-pref's (engagement 10.6): found through the indicators, not the numbers
    # (module 3, CERT PC, holds the titres' délais: displayed, not measured)
    assert textes["blocs"] == repr([
        ("10.6", [("Taux d’appels aboutis au niveau général (Indigo et AP2022)", "93\u00a0%")]),
        ("14.6", [("Délai moyen trimestriel de mise à disposition des demandes de CNI et de passeports (AP2022)",
                   "—"), ("Délai moyen trimestriel de traitement des demandes de CIV (AP2022)", "—"),
                  ("Délai moyen trimestriel de traitement des demandes de permis de conduire (AP2022)", "—")])])
    for nom, texte in textes.items():
        assert "ébauche" not in texte.lower(), nom
        assert not [code for code in CODES_INTERNES if code in texte], nom
    # the poster cites the engagement of Quali-ATE taking over the Qual-e-pref one (engagement 2 « Accueil
    # téléphonique » reprend 8, 9, 10; engagement 5 reprend 3), never a referential the site does not follow
    for nom in ("affiche", "affiche-page"):
        assert "Qual-e-pref" not in textes[nom], nom
    imprime = " ".join(textes["affiche"].split())  # the PDF's justified lines space their words
    assert "Engagement 2 du référentiel Quali-ATE — valeurs de l'année 2025" in imprime
    assert "Engagements 3 et 11 du référentiel Quali-ATE — valeurs de l'année 2025" in imprime  # both take 14 over
    assert "Engagement 5 du référentiel Quali-ATE — enquête de satisfaction 2025" in imprime
    assert "<h3>Taux d&#x27;appels aboutis (engagement 2 du référentiel Quali-ATE)</h3>" in textes["affiche-page"]
    assert "<h3>Satisfaction des usagers (engagement 5 du référentiel Quali-ATE)</h3>" in textes["affiche-page"]


def test_l_ebauche_livree_se_dit_ebauche(moteur_sqlite: Engine) -> None:
    textes = _textes(moteur_sqlite)
    attendu = "Quali-ATE — ébauche 2024 (présentation de préfecture) : pas le texte officiel"
    for nom in ("presentation", "bilan"):
        assert attendu in textes[nom], nom
        assert not [code for code in CODES_INTERNES if code in textes[nom]], nom
    assert "Appels aboutis" in textes["presentation"]  # the built-in short label


@pytest.mark.parametrize("code", ["qualepref-2019"])
def test_un_site_qualepref_voit_le_label_suivant_tel_qu_il_est_en_place(moteur_sqlite: Engine, code: str) -> None:
    """The deck's « Et après » slide names the next label as loaded, and says « ébauche » only for the draft."""
    site = enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture",
                            cert=True, modules=(1, 2, 4), referentiel=code)

    def diapo_suivante() -> str:
        r = resultats_site(moteur_sqlite, referentiel_en_place(moteur_sqlite, code), site, 2025, AUJOURD_HUI)
        deck = Presentation(io.BytesIO(REGISTRY["presentation"].construire(
            r, site, {"publie_le": dt.datetime(2026, 1, 21, 10, tzinfo=dt.UTC), "periode": "2025"})))
        diapo = next(s for s in deck.slides if s.shapes.title is not None
                     and s.shapes.title.text.startswith("4. Et après"))
        return "\n".join([*(f.text_frame.text for f in diapo.shapes if f.has_text_frame),
                          diapo.notes_slide.notes_text_frame.text if diapo.has_notes_slide else ""])

    texte = diapo_suivante()
    assert texte.startswith("4. Et après : le label Quali-ATE (ébauche)\n")
    assert texte.endswith("Le référentiel « Quali-ATE » utilisé ici est une ébauche : ce n'est pas son texte officiel.")
    activer(moteur_sqlite, _officiel(), "quali-ate-officiel.xlsx", "referent")
    texte = diapo_suivante()
    assert texte.startswith("4. Et après : le label Quali-ATE\n") and "ébauche" not in texte
