"""Comptes: the référent creates an account (one-time password shown once) and disables one."""

from pages.commun import Widget
from qualepref.acces import COPIL, REFERENT, connecter, lister_comptes
from tests.pages.outils import connecte, lu, moteur_de_l_app


def test_creer_puis_desactiver_un_compte(config_app) -> None:
    at = connecte(REFERENT, "pages/comptes.py")
    assert not at.exception
    at.text_input(key=Widget.COMPTE_IDENTIFIANT).input("m.martin")
    at.selectbox(key=Widget.COMPTE_ROLE).set_value(COPIL)
    at.button(key=Widget.COMPTE_CREER).click().run()
    message = lu(at.success[0].value)
    assert message.startswith("Compte « m.martin » enregistré. Mot de passe à usage unique")
    mot_de_passe = message.split("`")[1]
    assert connecter(moteur_de_l_app(), "m.martin", mot_de_passe).compte.role == COPIL
    at.run()
    at.selectbox(key=Widget.COMPTE_DESACTIVER).set_value("m.martin")
    at.button(key=Widget.COMPTE_DESACTIVER_VALIDER).click().run()
    assert lu(at.success[0].value) == "Compte « m.martin » désactivé ; ses sessions sont fermées."
    assert connecter(moteur_de_l_app(), "m.martin", mot_de_passe).compte is None
    assert {c.identifiant: c.actif for c in lister_comptes(moteur_de_l_app())}["m.martin"] is False
