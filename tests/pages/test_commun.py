"""The shell's cached loaders: role and published flag are part of every cache key, so a cache filled for the
référent never serves the comité a draft, and a comité export cannot be fed live results."""

import datetime as dt

import pytest

from pages.commun import _resultats_brouillon, _resultats_publies, bouton_export
from qualepref.acces import COMITE, REFERENT
from qualepref.config import charger_config
from tests.pages.donnees import SITE, remplir
from tests.pages.outils import moteur_de_l_app


def test_un_cache_rempli_pour_le_referent_ne_sert_pas_le_comite(config_app) -> None:
    remplir(moteur_de_l_app())
    url, jour = charger_config().url_base, dt.date.today().isoformat()
    r = _resultats_brouillon(url, SITE.code, 2024, REFERENT, False, jour, "v1")
    assert r.plan_global["actions"] == 3
    with pytest.raises(PermissionError, match="non publiés"):
        _resultats_brouillon(url, SITE.code, 2024, COMITE, False, jour, "v1")
    with pytest.raises(PermissionError):
        _resultats_brouillon(url, SITE.code, 2024, REFERENT, True, jour, "v1")
    with pytest.raises(ValueError, match="résultats publiés"):
        _resultats_publies(url, SITE.code, "2024", COMITE, False)
    assert _resultats_publies(url, SITE.code, "2024", COMITE, True) is None  # nothing published yet
    with pytest.raises(PermissionError, match="publiés"):
        bouton_export("presentation", r, SITE)


def test_le_compte_est_verifie_une_fois_par_execution_et_a_chaque_execution(config_app, monkeypatch) -> None:
    """app.py checks the session against the database at the start of every run; the page and its loaders reuse
    that answer within the run, and an account disabled between two runs is refused at the next one."""
    import pages.commun
    from qualepref.acces import desactiver_compte
    from tests.pages.outils import connecte

    remplir(moteur_de_l_app())
    at = connecte(REFERENT, "pages/tableau_de_bord.py", identifiant="verifie")
    appels = []
    origine = pages.commun.verifier_session
    monkeypatch.setattr(pages.commun, "verifier_session", lambda *a: appels.append(a) or origine(*a))
    at.run()
    assert at.title[0].value == "Tableau de bord"
    assert len(appels) == 1  # app.py, the page's guard and the results loader asked; the database was asked once
    desactiver_compte(moteur_de_l_app(), "verifie")
    at.run()
    assert len(appels) == 2
    assert "Tableau de bord" not in [t.value for t in at.title]
    assert [t.value for t in at.title] == ["Connexion"]
