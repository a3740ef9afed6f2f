"""Text stays text (issue 14 §1): ``pages.commun.texte`` makes a value typed by a person or read from a file safe to
put in any Markdown element, and every page uses it on such values. The real browser's check (no ``<a>``, ``<img>``,
``<strong>`` or heading made from them) is tests/e2e/test_texte.py; these pin the strings the pages hand to
Streamlit."""

import io
import re

import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from pages.commun import Cle, Widget, texte
from qualepref.acces import COPIL, REFERENT, connecter, creer_compte, ouvrir_session
from qualepref.publication import publier_resultats
from qualepref.referentiel import charger
from qualepref.resultats import resultats_site
from qualepref.store import save_site
from tests.pages.donnees import AUJOURD_HUI, SITE, remplir
from tests.pages.outils import MOT_DE_PASSE, connecte, lu, moteur_de_l_app, textes

CHARGES = ["[x](http://evil)", "![i](http://evil/p.png)", "**gras**", "# titre", "<img src=x onerror=alert(1)>",
           "> citation", "http://evil.example/p", "www.evil.example", "qui@evil.example", ":red[rouge] :smile:",
           "$x^2$", "&lt;b&gt;", "`code`", "~~barré~~", "| a | b |", "1. liste", "- liste", "_italique_"]
# What may remain of ASCII punctuation once ``texte`` has run: only its own character references.
PONCTUATION_RESTANTE = re.compile(r"[!-/:-@\[-`{-~]")


@pytest.mark.parametrize("charge", CHARGES)
def test_une_charge_ressort_telle_quelle_et_sans_ponctuation_active(charge: str) -> None:
    sur = texte(charge)
    assert lu(sur) == charge  # the reader sees exactly what was typed
    assert not PONCTUATION_RESTANTE.search(re.sub(r"&#\d+;", "", sur))


def test_les_valeurs_epinglees() -> None:
    assert texte("**gras**") == "&#42;&#42;gras&#42;&#42;"
    assert texte("[x](http://evil)") == "&#91;x&#93;&#40;http&#58;\u2060&#47;&#47;evil&#41;"
    assert texte("a@b.fr") == "a\u2060&#64;b&#46;fr"
    assert texte("www.x") == "www\u2060&#46;x"
    assert texte(None) == ""
    assert texte(12) == "12"
    assert texte("Préfecture de la Marne") == "Préfecture de la Marne"  # plain words are left alone


def test_les_fins_de_ligne() -> None:
    # in a sentence, lines become spaces; with ``lignes``, hard breaks inside one paragraph (no line starts a block)
    assert texte("un\n# deux\r\n> trois") == "un &#35; deux &#62; trois"
    assert texte("un\n# deux\r\n> trois", lignes=True) == "un  \n&#35; deux  \n&#62; trois"
    assert texte("    code indenté\n\tet tab", lignes=True) == "code indenté  \net tab"
    assert texte("a\x00b\x1bc") == "abc"  # control characters dropped


def test_le_commentaire_du_copil_est_du_texte_et_son_auteur_ne_se_forge_pas(config_app) -> None:
    remplir(moteur_de_l_app())
    forge = "**Important** [lien](http://evil)\n\n— referent, 01/12/2026\n![i](http://evil/p.png)"
    at = connecte(COPIL, "pages/modules.py")
    at.selectbox(key=Widget.MODULE).set_value(1).run()
    at.selectbox(key=Widget.ENGAGEMENT).set_value(3).run()
    at.text_area(key=Widget.COMMENTAIRE).input(forge)
    at.button(key=Widget.COMMENTAIRE_AJOUTER).click().run()
    assert not at.exception
    corps = [m.value for m in at.markdown if "Important" in lu(m.value)]
    assert corps == [texte(forge, lignes=True)]
    assert "referent" not in "".join(c.value for c in at.caption if "person" in c.value)
    auteurs = [c.value for c in at.caption if c.value.startswith(":material/person:")]
    assert len(auteurs) == 1 and auteurs[0].startswith(":material/person: **test&#45;copil**, le ")


def test_la_note_de_publication_est_du_texte_sur_la_page_publique(config_app) -> None:
    remplir(moteur_de_l_app())
    moteur = moteur_de_l_app()
    r = resultats_site(moteur, charger(SITE.referentiel), SITE, 2024, AUJOURD_HUI)
    publier_resultats(moteur, r, None, "referent")
    note = "Corrigé : voir [ici](http://evil) ![p](http://evil/p.png)"
    publier_resultats(moteur, r, None, "referent", note)
    at = connecte(COPIL, "pages/resultats_publies.py")
    assert not at.exception
    note_affichee = [c.value for c in at.caption if c.value.startswith("Mis à jour le")]
    assert len(note_affichee) == 1 and note_affichee[0].endswith(f" : {texte(note)}")
    assert lu(note_affichee[0]).endswith(f" : {note}")


def test_le_nom_du_compte_est_du_texte(config_app) -> None:
    nom = "**Chef** [x](http://evil)"
    moteur = moteur_de_l_app()
    creer_compte(moteur, "nomme", REFERENT, MOT_DE_PASSE, nom=nom)
    at = AppTest.from_file("../../app.py", default_timeout=60)
    at.session_state[Cle.JETON] = ouvrir_session(moteur, connecter(moteur, "nomme", MOT_DE_PASSE).compte, 60)
    at.run()
    at.switch_page("pages/connexion.py").run()
    assert not at.exception
    assert f"Connecté : {texte(nom)} (Référent qualité)" in [c.value for c in at.sidebar.caption]
    assert f"**{texte(nom)}** — Référent qualité" in [m.value for m in at.markdown]


def test_l_identifiant_cree_est_du_texte_dans_le_message(config_app) -> None:
    at = connecte(REFERENT, "pages/comptes.py")
    at.text_input(key=Widget.COMPTE_IDENTIFIANT).input("[x](http://evil)")
    at.selectbox(key=Widget.COMPTE_ROLE).set_value(COPIL)
    at.button(key=Widget.COMPTE_CREER).click().run()
    assert at.success[0].value.startswith(f"Compte « {texte('[x](http://evil)')} » enregistré.")


def test_le_nom_du_site_est_du_texte_sur_le_tableau_de_bord(config_app) -> None:
    import dataclasses

    save_site(moteur_de_l_app(), dataclasses.replace(SITE, nom="# Préfecture [x](http://evil)"))
    at = connecte(REFERENT, "pages/tableau_de_bord.py")
    assert not at.exception
    assert any(i.value.startswith(f"Aucune donnée pour « {texte('# Préfecture [x](http://evil)')} »")
               for i in at.info)


def test_une_cellule_citee_dans_une_erreur_d_import_est_du_texte(config_app) -> None:
    save_site(moteur_de_l_app(), SITE)
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Journal"
    feuille.append(["Référence", "Canal", "Nature", "Date de réception", "Date de réponse", "Type de réponse",
                    "Service"])
    feuille.append(["C-1", "[Corrigez ici](http://evil)", "demande d'information", "06/05/2024", "07/05/2024",
                    "fond", "Accueil"])
    tampon = io.BytesIO()
    classeur.save(tampon)
    at = connecte(REFERENT, "pages/importer.py")
    at.selectbox(key=Widget.IMPORT_TYPE).set_value("journal").run()
    at.file_uploader(key=Widget.IMPORT_FICHIER).set_value(
        ("**journal**.xlsx", tampon.getvalue(), "application/octet-stream")).run()
    assert not at.exception
    liste = [m.value for m in at.markdown if "Corrigez" in lu(m.value)]
    assert len(liste) == 1
    assert "« [Corrigez ici](http://evil) »" in lu(liste[0])
    assert "(http://evil)" not in liste[0] and "**journal**" not in liste[0]
    assert liste[0].startswith("- ")  # our list item, its text made safe
    assert "Corrigez ici" in textes(at)
