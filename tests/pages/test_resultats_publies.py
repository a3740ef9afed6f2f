"""Résultats publiés: the comité (and, when config.toml allows, anyone) sees only what was published, frozen."""

import datetime as dt

import pandas as pd

from pages.commun import Widget
from qualepref.acces import COMITE, REFERENT
from qualepref.presentation import chiffres_cles
from qualepref import format as fmt
from qualepref.publication import resultats_publies, trimestres_publiables
from qualepref.store import enregistrer_import
from tests.pages.donnees import SITE, remplir
from tests.pages.outils import connecte, metriques, moteur_de_l_app, textes


def _publier_2024() -> None:
    at = connecte(REFERENT, "pages/resultats_publies.py")
    at.selectbox(key=Widget.PUBLIER_SITE).set_value(SITE.code)
    at.selectbox(key=Widget.PUBLIER_ANNEE).set_value(2024)
    at.button(key=Widget.PUBLIER).click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Résultats 2024 publiés")


def test_rien_de_publie_rien_de_montre(config_app) -> None:
    remplir(moteur_de_l_app())
    at = connecte(COMITE, "pages/resultats_publies.py")
    assert not at.exception
    assert at.info[0].value == "Aucun résultat n'a encore été publié."
    assert at.metric.len == 0 if hasattr(at.metric, "len") else len(at.metric) == 0
    assert "Publier des résultats" not in [s.value for s in at.subheader]


def test_le_comite_voit_la_publication_figee(config_app) -> None:
    remplir(moteur_de_l_app())
    _publier_2024()
    r, faits = resultats_publies(moteur_de_l_app(), SITE.code, "2024")
    attendu = {libelle: valeur for libelle, valeur, _ in chiffres_cles(r)}
    at = connecte(COMITE, "pages/resultats_publies.py")
    assert not at.exception
    assert metriques(at) == attendu
    assert attendu["Plan d'actions réalisé"] == "46,7\u00a0%"
    # the day in Paris (publications are stored in UTC: between 23:00 and midnight UTC, Paris is already tomorrow)
    assert f"Publié le {fmt.date_du_moment(dt.datetime.now(dt.UTC).replace(tzinfo=None))}." in textes(at)
    # The comité's downloads are built from the published snapshot only (pages.commun.bouton_export refuses
    # a comité export without publication facts); the bilan annuel (live results) is not offered here.
    boutons = [b.proto.label for b in at.get("download_button")]
    assert boutons[:5] == [
        "Présentation du comité des usagers (PowerPoint)", "Affichage annuel (affiche A4, PDF)",
        "Affichage annuel (page HTML pour le site internet)",
        "Affichage annuel (fragment HTML à coller dans un gestionnaire de contenu)",
        "Données ouvertes Services Publics+ (CSV)"]
    # a year's publication holds its quarters: their posters are offered from it
    assert boutons[5:] == [f"Affiche du {fmt.periode(t)} (PDF)" for t in trimestres_publiables(r)]
    assert boutons[5:] and all("trimestre 2024" in b for b in boutons[5:])
    # A later import changes the live figures, not what the comité was shown.
    lignes = pd.DataFrame({"indicateur": ["E10-APPELS-ABOUTIS"], "periode": ["2024"], "valeur": [12.0],
                           "numerateur": [None], "denominateur": [None], "commentaire": [None],
                           "cle": ["E10-APPELS-ABOUTIS|2024"]})
    enregistrer_import(moteur_de_l_app(), type_donnees="indicateurs", site=SITE.code, lignes=lignes,
                       fichier="tard.xlsx", sha256="1" * 64, utilisateur="test", periodes=["E10-APPELS-ABOUTIS|2024"])
    at.run()
    assert metriques(at) == attendu


def test_sans_connexion_quand_la_configuration_le_permet(config_app) -> None:
    remplir(moteur_de_l_app())
    _publier_2024()
    at = connecte(None, "pages/resultats_publies.py")
    assert not at.exception
    assert "Plan d'actions réalisé" in metriques(at)


def test_le_referent_saisit_les_textes_du_comite(config_app) -> None:
    from qualepref.store.pilotage import load_textes_comite

    remplir(moteur_de_l_app())
    _publier_2024()
    at = connecte(REFERENT, "pages/resultats_publies.py")
    at.selectbox(key=Widget.PUBLIER_SITE).set_value(SITE.code)
    at.run()
    at.selectbox(key=Widget.TEXTES_PERIODE).set_value("2024").run()
    cle = f"{Widget.TEXTES_CHAMP}{{}}_{SITE.code}_2024"
    at.text_input(key=cle.format("referent")).set_value("La référente qualité")
    at.text_area(key=cle.format("contacts")).set_value("Qualité : **pref-qualite@marne.gouv.fr**\nAccueil : 03 26")
    at.button(key=Widget.TEXTES_ENREGISTRER).click().run()
    assert not at.exception
    assert at.success[-1].value.startswith("Textes du comité enregistrés pour 2024")
    assert load_textes_comite(moteur_de_l_app(), SITE.code, "2024")["contacts"] == \
        "Qualité : **pref-qualite@marne.gouv.fr**\nAccueil : 03 26"
    # the published results hand them to the deck (a quarter without its own texts takes the year's)
    r, faits = resultats_publies(moteur_de_l_app(), SITE.code, "2024")
    assert faits["textes"]["referent"] == "La référente qualité"
    # a control character is refused with the field named, nothing stored
    at.text_input(key=cle.format("referent")).set_value("La\x07 référente")
    at.button(key=Widget.TEXTES_ENREGISTRER).click().run()
    assert at.error[-1].value == ("Textes non enregistrés : « Intitulé du pilote de la démarche » contient un "
                                  "caractère de contrôle : retirez-le.")
    assert load_textes_comite(moteur_de_l_app(), SITE.code, "2024")["referent"] == "La référente qualité"
