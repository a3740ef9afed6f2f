"""Connexion / Mon compte (issue 14 §2): the messages a known and an unknown identifiant get through the form, the
one-time password changed before any other page opens, the référent unlocking an account on the Comptes page."""

import datetime as dt

import pytest

from pages.commun import Widget
from qualepref.acces import COPIL, REFERENT, connecter, connexions_bloquees, creer_compte
from tests.pages.outils import MOT_DE_PASSE, connecte, lu, moteur_de_l_app, textes
from tests.test_acces import REFUS, VERROU, _toujours


def _essayer(at, identifiant: str, mot_de_passe: str):
    at.text_input(key=Widget.CONNEXION_IDENTIFIANT).input(identifiant)
    at.text_input(key=Widget.CONNEXION_MOT_DE_PASSE).input(mot_de_passe)
    at.button(key=Widget.CONNEXION_VALIDER).click().run()
    assert not at.exception
    return at


def test_connu_ou_inconnu_le_formulaire_dit_la_meme_chose_aux_memes_essais(config_app) -> None:
    """Through the page, with config.toml's rules (no slow-down here: an AppTest run takes longer than the first
    waits, whose messages tests/test_acces.py pins with a fixed clock)."""
    with config_app.open("a", encoding="utf-8") as f:
        f.write("[acces]\nechecs_avant_ralentissement = 4\nechecs_avant_verrouillage = 4\n"
                "duree_verrouillage_minutes = 30\n")
    creer_compte(moteur_de_l_app(), "referent", REFERENT, MOT_DE_PASSE)
    attendus = [REFUS] * 3 + [VERROU.replace("15 minutes", "30 minutes")] + [_toujours(30)] * 2
    for identifiant in ("referent", "inconnu"):
        at = connecte(None)
        messages = [lu(_essayer(at, identifiant, "faux").error[0].value) for _ in range(6)]
        assert messages == attendus, identifiant
    # the right password from the same place is refused while locked
    assert lu(_essayer(at, "referent", MOT_DE_PASSE).error[0].value) == _toujours(30)
    assert at.title[0].value == "Connexion"



def test_le_mot_de_passe_provisoire_se_change_avant_toute_autre_page(config_app) -> None:
    provisoire = creer_compte(moteur_de_l_app(), "referent", REFERENT)  # as at first start or compte-ajouter
    at = _essayer(connecte(None), "referent", provisoire)
    assert at.title[0].value == "Mon compte"
    assert "Votre mot de passe est provisoire" in textes(at)
    for page in ("pages/tableau_de_bord.py", "pages/importer.py", "pages/comptes.py", "pages/resultats_publies.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)
    at.text_input(key=Widget.NOUVEAU_MOT_DE_PASSE).input(provisoire)
    at.button(key=Widget.MOT_DE_PASSE_CHANGER).click().run()
    assert lu(at.error[0].value) == "Choisissez un mot de passe différent de l'actuel."
    at.text_input(key=Widget.NOUVEAU_MOT_DE_PASSE).input("le mot de passe du référent")
    at.button(key=Widget.MOT_DE_PASSE_CHANGER).click().run()
    assert not at.exception
    assert at.title[0].value == "Tableau de bord"
    assert "Mot de passe changé : toutes vos pages sont ouvertes." in [s.value for s in at.success]
    at.switch_page("pages/importer.py").run()
    assert at.title[0].value == "Importer des données"


def test_un_compte_a_mot_de_passe_provisoire_ne_passe_pas_la_garde_des_pages(config_app) -> None:
    """Behind the navigation, each page's guard refuses too (a session opened before the flag was set)."""
    from streamlit.testing.v1 import AppTest

    from pages.commun import Cle
    from qualepref.acces import ouvrir_session

    moteur = moteur_de_l_app()
    creer_compte(moteur, "referent", REFERENT, MOT_DE_PASSE)
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state[Cle.JETON] = ouvrir_session(moteur, connecter(moteur, "referent", MOT_DE_PASSE).compte, 60)
    at.run()
    at.switch_page("pages/importer.py").run()
    assert at.title[0].value == "Importer des données"
    creer_compte(moteur, "referent", REFERENT)  # reset: a one-time password again
    at.run()
    assert at.title[0].value == "Mon compte"


def test_le_referent_debloque_un_compte_sur_la_page_comptes(config_app) -> None:
    moteur = moteur_de_l_app()
    creer_compte(moteur, "m.martin", COPIL, MOT_DE_PASSE)
    maintenant = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for _ in range(6):
        connecter(moteur, "m.martin", "faux", maintenant=maintenant, adresse="10.1.2.3")
    for _ in range(6):
        connecter(moteur, "fantome", "faux", maintenant=maintenant, adresse="10.1.2.3")
    at = connecte(REFERENT, "pages/comptes.py")
    assert not at.exception
    tableau = at.dataframe[-1].value
    assert tableau[["Identifiant", "Poste (adresse)", "Échecs"]].values.tolist() == [["m.martin", "10.1.2.3", 6]]
    at.selectbox(key=Widget.COMPTE_DEBLOQUER).set_value("m.martin")
    at.button(key=Widget.COMPTE_DEBLOQUER_VALIDER).click().run()
    assert lu(at.success[-1].value) == "Compte « m.martin » débloqué depuis tous les postes."
    assert connexions_bloquees(moteur) == []
    assert connecter(moteur, "m.martin", MOT_DE_PASSE, adresse="10.1.2.3").compte is not None
    at.run()
    assert any(c.value.startswith("Aucun compte n'est bloqué") for c in at.caption)
