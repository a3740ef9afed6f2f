"""Tableau de bord: the figures on the page are those qualepref computes (and those computed by hand)."""

import datetime as dt

import pytest

from qualepref import format as fmt
from qualepref.acces import COPIL, REFERENT
from qualepref.presentation import chiffres_delais
from qualepref.referentiel import charger
from qualepref.resultats import resultats_site
from tests.pages.donnees import SITE, remplir
from tests.pages.outils import connecte, metriques, moteur_de_l_app, textes


@pytest.fixture
def rempli(config_app) -> None:
    remplir(moteur_de_l_app())


@pytest.mark.parametrize("role", [REFERENT, COPIL])
def test_les_chiffres_du_tableau_de_bord(rempli, role) -> None:
    at = connecte(role, "pages/tableau_de_bord.py")
    assert not at.exception
    assert at.title[0].value == "Tableau de bord"
    r = resultats_site(moteur_de_l_app(), charger(SITE.referentiel), SITE, 2024, dt.date.today())
    m = metriques(at)
    atteints = int((r.engagements["statut"] == "atteint").sum())
    assert m["Engagements atteints"] == f"{atteints} / {len(r.engagements)}"
    assert m["Plan d'actions réalisé"] == fmt.pourcentage(140 / 3) == "46,7\u00a0%"
    assert m["Actions en retard"] == "2"  # a4 (due 01/03/2024) and a2 (due 31/12/2025), judged today
    assert m["Indicateurs non mesurés"] == fmt.nombre(len(r.non_mesures))
    assert "Réponses dans les délais" in [s.value for s in at.subheader]
    for libelle, valeur, _ in chiffres_delais(r):
        assert m[libelle] == valeur
    assert [b.proto.label for b in at.get("download_button")] == ["Bilan annuel (classeur Excel)"]
    assert "75\u00a0%" in m.values()  # engagement 3: 3 answers within délai out of 4 judged


def test_sans_site_le_tableau_de_bord_dit_quoi_faire(config_app) -> None:
    at = connecte(REFERENT, "pages/tableau_de_bord.py")
    assert not at.exception
    assert "Aucun site n'est encore déclaré" in textes(at)


def test_les_tableaux_du_tableau_de_bord(rempli) -> None:
    """Engagements per module (one table per module), movers and the plan, with French values."""
    at = connecte(REFERENT, "pages/tableau_de_bord.py")
    r = resultats_site(moteur_de_l_app(), charger(SITE.referentiel), SITE, 2024, dt.date.today())
    tableaux = [t.value for t in at.dataframe]
    assert not r.mouvements.empty and not r.plan_axes.empty
    assert len(tableaux) == len(r.modules) + 1 + (not r.non_mesures.empty) + 1  # modules, movers, gaps, plan
    module_1 = tableaux[0]
    assert list(module_1.columns) == ["engagement", "titre", "statut", "indicateurs", "non_mesures"]
    attendu = r.engagements[r.engagements["module"] == 1]
    assert module_1["engagement"].tolist() == attendu["engagement"].tolist()
    assert module_1["statut"].tolist() == [fmt.statut(s) for s in attendu["statut"]]
    assert module_1["statut"].tolist()[2] == "🔴 Non atteint"  # engagement 3: 75 % within délai, below its target
    plan = tableaux[-1]
    assert plan["taux"].tolist() == [fmt.pourcentage(t) for t in r.plan_axes["taux"]]
