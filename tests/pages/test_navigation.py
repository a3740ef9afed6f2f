"""The shell: log-in, pages offered by role, no page of another role reachable, no traceback."""

import pytest

from streamlit.testing.v1 import AppTest

from pages.commun import Cle, Widget
from qualepref.acces import COMITE, COPIL, REFERENT
from tests.pages.outils import MOT_DE_PASSE, connecte, lu, moteur_de_l_app, textes


def test_anonyme_voit_la_connexion_et_les_pages_publiques(config_app) -> None:
    at = connecte(None)
    assert not at.exception
    assert at.title[0].value == "Connexion"


def test_connexion_reussie_puis_mauvais_mot_de_passe(config_app) -> None:
    from qualepref.acces import creer_compte

    creer_compte(moteur_de_l_app(), "copil1", COPIL, MOT_DE_PASSE)
    at = connecte(None)
    at.text_input(key=Widget.CONNEXION_IDENTIFIANT).input("copil1")
    at.text_input(key=Widget.CONNEXION_MOT_DE_PASSE).input("faux mot de passe")
    at.button(key=Widget.CONNEXION_VALIDER).click().run()
    assert lu(at.error[0].value) == "Identifiant ou mot de passe incorrect."
    at.text_input(key=Widget.CONNEXION_MOT_DE_PASSE).input(MOT_DE_PASSE)
    at.button(key=Widget.CONNEXION_VALIDER).click().run()
    assert not at.exception
    assert at.title[0].value == "Tableau de bord"


@pytest.mark.parametrize("page", ["pages/importer.py", "pages/sites.py", "pages/comptes.py",
                                  "pages/tableau_de_bord.py", "pages/journal_imports.py"])
def test_le_comite_ne_peut_pas_ouvrir_les_pages_du_referent(config_app, page) -> None:
    at = connecte(COMITE)
    # st.navigation does not register the page for this role: it cannot be reached (a URL falls back to the
    # default page, and AppTest refuses to switch to it)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(page)


def test_le_copil_n_a_pas_l_import(config_app) -> None:
    at = connecte(COPIL)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/importer.py")


def test_le_referent_ouvre_la_page_sites(config_app) -> None:
    at = connecte(REFERENT, "pages/sites.py")
    assert not at.exception
    assert at.title[0].value == "Sites"
    assert "Aucun site pour l'instant" in textes(at)


def test_un_jeton_forge_ne_connecte_personne(config_app) -> None:
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state[Cle.JETON] = "jeton-invente-de-toutes-pieces"
    at.run()
    assert not at.exception
    assert at.title[0].value == "Connexion"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/tableau_de_bord.py")


def test_changer_son_mot_de_passe_puis_se_deconnecter(config_app) -> None:
    at = connecte(COPIL, "pages/connexion.py")
    assert at.title[0].value == "Mon compte"
    at.text_input(key=Widget.NOUVEAU_MOT_DE_PASSE).input("court")
    at.button(key=Widget.MOT_DE_PASSE_CHANGER).click().run()
    assert "12" in at.error[0].value
    at.text_input(key=Widget.NOUVEAU_MOT_DE_PASSE).input("un nouveau mot de passe solide")
    at.button(key=Widget.MOT_DE_PASSE_CHANGER).click().run()
    assert at.success[0].value == "Mot de passe changé."
    from qualepref.acces import connecter

    assert connecter(moteur_de_l_app(), "test-copil", "un nouveau mot de passe solide").compte is not None
    at.button(key=Widget.DECONNEXION).click().run()
    assert at.title[0].value == "Connexion"


def test_le_comite_voit_les_resultats_publies_et_pas_le_brouillon(config_app) -> None:
    at = connecte(COMITE)
    assert not at.exception
    assert at.title[0].value == "Résultats de la démarche qualité"


def test_une_panne_donne_un_message_en_francais_jamais_une_trace(tmp_path, monkeypatch) -> None:
    """The database cannot be opened (its folder is a file): the page says so in French."""
    (tmp_path / "pas-un-dossier").write_text("", encoding="utf-8")
    fichier = tmp_path / "config.toml"
    fichier.write_text(f'[base]\nurl = "sqlite:///{tmp_path}/pas-un-dossier/qualepref.db"\n'
                       "[demo]\nau_premier_demarrage = false\n", encoding="utf-8")
    monkeypatch.setenv("QUALEPREF_CONFIG", str(fichier))
    monkeypatch.delenv("QUALEPREF_DATABASE_URL", raising=False)
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.run()
    assert not at.exception
    assert at.error[0].value.startswith("Une erreur inattendue empêche d'afficher cette page. Rien n'a été modifié.")
    assert "Traceback" not in textes(at)


def test_chaque_page_dit_donnees_de_demonstration(config_app) -> None:
    from qualepref.acces import pages_permises
    from qualepref.store import Site, save_site

    save_site(moteur_de_l_app(), Site("DEMO-PREF", "Préfecture de démonstration", "prefecture", True,
                                      modules=(1, 2, 4), demo=True))
    at = connecte(REFERENT)
    for page in pages_permises(REFERENT, True):
        at.switch_page(page.fichier)
        at.run()
        assert not at.exception, page.fichier
        assert any("**Données de démonstration**" in i.value for i in at.info), page.fichier
