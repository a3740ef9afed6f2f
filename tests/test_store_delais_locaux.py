"""The délais « fixés localement » (38.3, 52.2) a site sets per engagement and procedure, on SQLite and PostgreSQL."""

import pytest
from sqlalchemy import Engine

from qualepref.store import Site, save_site
from qualepref.store.delais_locaux import delete_delai_local, load_delais_locaux, save_delai_local
from qualepref.store.pilotage import load_modifications, version_donnees

SITE = Site("PREF", "Préfecture", "prefecture", True, modules=(1, 5))


@pytest.fixture
def moteur_site(moteur: Engine) -> Engine:
    save_site(moteur, SITE)
    return moteur


def test_enregistrer_remplacer_supprimer(moteur_site: Engine) -> None:
    m = moteur_site
    avant = version_donnees(m, "PREF")
    save_delai_local(m, "PREF", 38, "Armes", 20, "referent")
    save_delai_local(m, "PREF", 38, "", 25, "referent")
    assert version_donnees(m, "PREF") != avant  # the results are computed again
    save_delai_local(m, "PREF", 38, " Armes ", 15, "referent")  # replaced, the name stripped
    cadre = load_delais_locaux(m, "PREF")
    assert cadre[["engagement", "procedure", "jours_ouvres", "modifie_par"]].values.tolist() == [
        [38, "", 25, "referent"], [38, "Armes", 15, "referent"]]
    assert delete_delai_local(m, "PREF", 38, "Armes", "referent") is True
    assert delete_delai_local(m, "PREF", 38, "Armes", "referent") is False
    assert load_delais_locaux(m, "PREF")["procedure"].tolist() == [""]
    modifications = load_modifications(m, "PREF")
    assert len(modifications[modifications["objet"] == "delai_local"]) == 4
