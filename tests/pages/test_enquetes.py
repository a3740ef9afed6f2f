"""Enquêtes: the comité's table N against N-1, fragile rates marked, mystery surveys."""

import datetime as dt

from qualepref.acces import COPIL
from qualepref.presentation import tableau_enquetes
from qualepref.referentiel import charger
from qualepref.resultats import resultats_site
from tests.pages.donnees import SITE, remplir
from tests.pages.outils import connecte, moteur_de_l_app, textes


def test_le_tableau_des_enquetes(config_app) -> None:
    remplir(moteur_de_l_app())
    at = connecte(COPIL, "pages/enquetes.py")
    assert not at.exception
    r = resultats_site(moteur_de_l_app(), charger(SITE.referentiel), SITE, 2024, dt.date.today())
    tableau = at.dataframe[0].value
    attendu = tableau_enquetes(r.enquetes, 2024)
    assert tableau.values.tolist() == attendu.values.tolist()
    lignes = {ligne["Thème"]: ligne for _, ligne in tableau.iterrows()}
    accueil = lignes["Accueil attentif et courtois"]
    assert accueil["Taux 2023"] == "78\u00a0%"
    assert accueil["Taux 2024"].startswith("77,8\u00a0% (fragile : entre ")
    assert accueil["Progression"] == "−0,2\u00a0point"
    assert accueil["Réponses exprimées"] == "9"
    assert lignes["Site internet"]["Progression"] == "+1,6\u00a0point"
    assert "Satisfaction par thème — " in textes(at)
    mystere = at.dataframe[1].value
    assert mystere.iloc[0]["taux"] == "66,7\u00a0%"


def test_sans_enquete_la_page_dit_quoi_importer(config_app) -> None:
    at = connecte(COPIL, "pages/enquetes.py")
    assert not at.exception
    assert "Aucun site n'est encore déclaré" in textes(at)
