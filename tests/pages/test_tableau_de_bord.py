"""Tableau de bord: the figures on the page are those qualepref computes (and those computed by hand)."""

import datetime as dt
import html

import pytest

from qualepref import format as fmt
from qualepref.acces import COPIL, REFERENT
from qualepref.affichage import tableau_simple
from qualepref.audit import elements_de_preuve
from qualepref.presentation import tableau_axes
from qualepref.referentiel import charger
from qualepref.resultats import resultats_site
from tests.pages.donnees import SITE
from tests.pages.outils import connecte, metriques, moteur_de_l_app, textes


def _html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


@pytest.mark.parametrize("role", [REFERENT, COPIL])
def test_les_tuiles_et_les_chiffres_cles(rempli, role) -> None:
    """Module tiles and key figures, hand-known from tests/test_resultats.py (modules 1 and 4, year 2024)."""
    at = connecte(role, "pages/tableau_de_bord.py")
    assert not at.exception
    assert at.title[0].value == "Tableau de bord"
    assert [h.value for h in at.header][:3] == ["Engagements par module", "Indicateurs clés", "Points d'attention"]
    html = _html(at)
    # module 1: engagement 2 proche (77,8 % for 80 %), 3 non atteint (60 % for 90 %: R5, received 20/12/2024
    # and unanswered, is late at the day of the journal import), 8 and 10 non atteint (mystery
    # calls: 2 of 3 compliant), 9 with no value, 7 without indicator; module 4: 2 not measured, 2 without indicator
    assert 'Module 1 · Relation usagers</h3>' in html
    assert 'aria-label="1 proche · 3 non atteint · 9 non mesuré · 7 sans cible"' in html
    assert 'Module 4 · Collectivités territoriales</h3>' in html
    assert 'aria-label="2 non mesuré · 2 sans cible"' in html
    # key figures: value, target, previous year, change coloured by whether it is good
    assert ('<th scope="row"><abbr title="Taux de réponse aux suggestions et réclamations dans le délai de 15 jours '
            'ouvrés.') in html
    assert ("Réclamations répondues dans le délai</abbr></th><td><strong>60\u00a0%</strong></td><td>90\u00a0%</td>"
            "<td>100\u00a0%</td><td><span style=\"color:#CE0500;font-weight:600\">−40\u00a0points · recul</span>")\
        in html
    assert ("Délai moyen réclamations</abbr></th><td><strong>4,5\u00a0jours ouvrés</strong></td>"
            # default target: the longest délai in force for its canals (paper réclamations: 10 jours ouvrés)
            "<td>10\u00a0jours ouvrés</td><td>1\u00a0jour ouvré</td><td><span style=\"color:#CE0500;"
            "font-weight:600\">+3,5\u00a0jours · recul</span>") in html  # a délai that grows is a setback
    assert [b.proto.label for b in at.get("download_button")] == ["Bilan annuel (classeur Excel)"]
    assert "🟢" not in html and "🔴" not in html


def test_les_points_d_attention(rempli) -> None:
    at = connecte(REFERENT, "pages/tableau_de_bord.py")
    # the labels are escaped for Markdown (pages.commun.texte: an action's name comes from a file); read them back
    liens = [(html.unescape(lien.proto.label).replace("\u2060", ""), lien.proto.page, dict(lien.proto.query_string and
              [kv.split("=") for kv in lien.proto.query_string.split("&")] or {}))
             for lien in at.get("page_link")]
    points = [lien for lien in liens if lien[0] != "Mode séance"]
    textes_points = [p[0] for p in points]
    elements = len(elements_de_preuve(charger(SITE.referentiel), SITE.modules))  # none recorded: all absent
    assert textes_points == [
        "Engagement 3 non atteint : Écoute des usagers",
        "Engagement 8 non atteint : Serveur vocal interactif local",
        "Engagement 10 non atteint : Réponse aux appels",
        "Délai hors cible : Réclamations répondues dans le délai, 60\u00a0% pour une cible de 90\u00a0%",
        "En recul : Réclamations répondues dans le délai, −40\u00a0points (100\u00a0% en 2023, 60\u00a0% en 2024)",
        "En recul : Délai moyen réclamations, +3,5\u00a0jours (1\u00a0jour ouvré en 2023, 4,5\u00a0jours ouvrés en "
        "2024)",
        "En recul : Satisfaction accueil, −0,2\u00a0point (78\u00a0% en 2023, 77,8\u00a0% en 2024)",
        # judged today, oldest due date first: a4 (due 01/03/2024) and a2 (due 31/12/2025)
        "Action en retard : a4 (échéance 01/03/2024, 0\u00a0% réalisé)",
        "Action en retard : a2 (échéance 31/12/2025, 40\u00a0% réalisé)",
        f"{elements} élément(s) de preuve absent(s) ou à mettre à jour (date d'audit non fixée)",
    ]
    assert points[0][2] == {"module": "1", "engagement": "3"}  # the link opens the engagement on the Modules page
    assert points[0][1].endswith("modules")


def test_sans_site_le_tableau_de_bord_dit_quoi_faire(config_app) -> None:
    at = connecte(REFERENT, "pages/tableau_de_bord.py")
    assert not at.exception
    assert "Aucun site n'est encore déclaré" in textes(at)


def test_les_tableaux_du_tableau_de_bord(rempli) -> None:
    """The plan and what is not measured, French headers and values, figures first: plain HTML tables (their
    labels wrap, nothing is cut or scrolled off at 1280 px), no canvas grid."""
    at = connecte(REFERENT, "pages/tableau_de_bord.py")
    r = resultats_site(moteur_de_l_app(), charger(SITE.referentiel), SITE, 2024, dt.date.today())
    assert len(at.dataframe) == 0
    html = _html(at)
    assert tableau_simple(tableau_axes(r.plan_axes)) in html
    assert '<td role="cell" data-entete="Réalisé">46,7\u00a0%</td>' in html
    non_mesures = html[html.index("<caption>Indicateurs sans valeur</caption>"):]
    non_mesures = non_mesures[:non_mesures.index("</table>")]
    assert ('<th scope="col" role="columnheader">Indicateur</th><th scope="col" role="columnheader">Eng.</th>'
            '<th scope="col" role="columnheader">Périodes sans valeur</th>') in non_mesures
    # Q4 2024 is measured now: R5 (received 20/12/2024, unanswered) is late at the journal's import day
    assert ">Réclamations répondues dans le délai<" not in non_mesures
    assert '>Mises à jour du site en 3 j</td><td role="cell" data-entete="Eng.">1</td>' in non_mesures
    assert metriques(at)["Plan d'actions réalisé"] == fmt.pourcentage(140 / 3) == "46,7\u00a0%"
