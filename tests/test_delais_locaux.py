"""delais_locaux: which engagements have a délai « fixé localement » (38.3, 52.2), the checks, the table shown."""

import pytest
from sqlalchemy import Engine

from qualepref import delais_locaux
from qualepref.referentiel import charger
from qualepref.store import Site, save_site

REF = charger("qualepref-2019")
SITE = Site("PREF", "Préfecture", "prefecture", True, modules=(1, 5, 8))


@pytest.fixture
def moteur_site(moteur_sqlite: Engine) -> Engine:
    save_site(moteur_sqlite, SITE)
    return moteur_sqlite


def test_engagements_concernes_par_le_perimetre() -> None:
    assert delais_locaux.engagements_a_delai_local(REF, SITE) == {38: 30, 52: 30}
    assert delais_locaux.engagements_a_delai_local(REF, Site("SP", "SP", "sous-prefecture", False,
                                                             modules=(1, 5))) == {38: 30}


def test_refus() -> None:
    assert delais_locaux.problemes(REF, SITE, 17, 10) == [
        "L'engagement 17 n'a pas de délai fixé localement pour ce site (engagements concernés : 38, 52)."]
    assert delais_locaux.problemes(REF, SITE, 38, 366) == [
        "Le délai doit être un nombre entier de jours ouvrés entre 1 et 365 (« 366 »)."]
    assert delais_locaux.problemes(REF, SITE, 52, 20) == []


def test_tableau_avec_le_defaut_a_remplacer(moteur_site: Engine) -> None:
    m = moteur_site
    delais_locaux.fixer(m, REF, SITE, 38, "Armes", 15, "ref")
    delais_locaux.fixer(m, REF, SITE, 52, "", 20, "ref")
    assert delais_locaux.tableau(m, REF, SITE).values.tolist() == [
        [38, "Armes", 15, "fixé par le site"], [38, "autres procédures", 30, "délai par défaut, à remplacer"],
        [52, "toutes procédures", 20, "fixé par le site"]]
    with pytest.raises(delais_locaux.DelaiLocalInvalide, match="entre 1 et 365"):
        delais_locaux.fixer(m, REF, SITE, 52, "", True, "ref")
    assert delais_locaux.retirer(m, SITE, 38, "Armes", "ref") is True
    assert delais_locaux.tableau(m, REF, SITE)["origine"].tolist() == ["délai par défaut, à remplacer",
                                                                       "fixé par le site"]
