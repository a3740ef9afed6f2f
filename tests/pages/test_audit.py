"""Préparation de l'audit: readiness per module and overall, the ordered list of what is missing with the date of
the internal audit two months before the external one."""

import datetime as dt

from pages.commun import Widget
from qualepref.acces import COPIL
from qualepref.audit import elements_de_preuve
from qualepref.referentiel import charger
from tests.pages.donnees import SITE, remplir
from tests.pages.outils import connecte, moteur_de_l_app, textes


def test_preparation_et_liste_a_faire(config_app) -> None:
    remplir(moteur_de_l_app())
    at = connecte(COPIL, "pages/audit.py")
    assert not at.exception
    elements = elements_de_preuve(charger(SITE.referentiel), SITE.modules)
    preparation = at.dataframe[0].value.set_index("perimetre")
    assert preparation.loc["Ensemble", "elements"] == len(elements)
    assert preparation.loc["Ensemble", "taux"] == "0\u00a0%"  # nothing recorded yet: everything is absent
    assert len(at.dataframe[1].value) == len(elements)
    at.date_input(key=Widget.AUDIT_DATE).set_value(dt.date(2027, 3, 15)).run()
    assert "tout doit être prêt pour le 15/01/2027." in textes(at)
    assert "Mettre à jour l'état des preuves" not in [s.value for s in at.subheader]  # COPIL: read only
