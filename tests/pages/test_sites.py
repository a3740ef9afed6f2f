"""Page Sites: add a site with the perimeter rules checked live; the rule broken is shown in French."""

from pages.commun import Widget, texte
from qualepref.referentiel import charger, mention_ebauche
from qualepref.acces import REFERENT
from qualepref.store import load_sites
from tests.pages.outils import connecte, lu, moteur_de_l_app, textes


def test_ajouter_un_site_conforme(config_app) -> None:
    at = connecte(REFERENT, "pages/sites.py")
    at.text_input(key=Widget.SITE_CODE).input("PREF-51")
    at.text_input(key=Widget.SITE_NOM).input("Préfecture de la Marne")
    at.checkbox(key=Widget.SITE_CERT).check()
    at.multiselect(key=Widget.SITE_MODULES).set_value([1, 2, 4])
    at.run()
    assert "Périmètre conforme aux règles de labellisation." in textes(at)
    at.button(key=Widget.SITE_ENREGISTRER).click().run()
    assert not at.exception
    assert lu(at.success[-1].value) == "Site « PREF-51 » enregistré."
    site = load_sites(moteur_de_l_app())[0]
    assert (site.code, site.cert, site.modules) == ("PREF-51", True, (1, 2, 4))
    at.run()
    ligne = at.dataframe[0].value.iloc[0].tolist()  # words, never the stored codes (prefecture, metropole…)
    assert ligne == ["PREF-51", "Préfecture de la Marne", "Préfecture", "oui", "Métropole", "Qual-e-pref", "1, 2, 4",
                     "non"]


def test_un_formulaire_vide_ne_dresse_pas_de_liste_de_reproches(config_app) -> None:
    """A new site not typed yet says what to do, not « code invalide », « nom obligatoire »; once a code is typed,
    the checks speak."""
    at = connecte(REFERENT, "pages/sites.py")
    assert not at.exception
    assert [lu(i.value) for i in at.info][-1] == ("Saisissez le code et le nom du nouveau site : son périmètre est "
                                                 "vérifié à mesure.")
    assert not at.warning
    assert at.button(key=Widget.SITE_ENREGISTRER).disabled
    at.text_input(key=Widget.SITE_CODE).input("PREF-51").run()
    assert "Le nom du site est obligatoire." in [lu(w.value) for w in at.warning]


def test_un_perimetre_invalide_est_signale_et_ne_s_enregistre_pas(config_app) -> None:
    at = connecte(REFERENT, "pages/sites.py")
    at.text_input(key=Widget.SITE_CODE).input("PREF-51")
    at.text_input(key=Widget.SITE_NOM).input("Préfecture de la Marne")
    at.checkbox(key=Widget.SITE_CERT).check()
    at.multiselect(key=Widget.SITE_MODULES).set_value([1, 4])
    at.run()
    assert "Le module 2 est obligatoire pour un site doté d'un CERT." in [lu(w.value) for w in at.warning]
    assert at.button(key=Widget.SITE_ENREGISTRER).disabled
    assert load_sites(moteur_de_l_app()) == []


def test_supprimer_les_donnees_de_demonstration_en_un_clic(config_app) -> None:
    from qualepref.store import Site, save_site

    save_site(moteur_de_l_app(), Site("DEMO-PREF", "Préfecture de démonstration", "prefecture", True,
                                      modules=(1, 2, 4), demo=True))
    save_site(moteur_de_l_app(), Site("PREF-51", "Préfecture de la Marne", "prefecture", True, modules=(1, 2, 4)))
    at = connecte(REFERENT, "pages/sites.py")
    assert any("Données de démonstration" in i.value for i in at.info)
    at.button(key=Widget.SITE_SUPPRIMER_DEMO).click().run()
    assert not at.exception
    assert at.success[0].value == "Données de démonstration supprimées (1 site)."
    assert not any("Données de démonstration" in i.value for i in at.info)
    assert [s.code for s in load_sites(moteur_de_l_app())] == ["PREF-51"]


def test_passer_un_site_a_quali_ate_propose_ses_modules_par_correspondance(config_app) -> None:
    from qualepref.store import Site, get_site, save_site

    save_site(moteur_de_l_app(), Site("PREF-51", "Préfecture de la Marne", "prefecture", True, modules=(1, 2, 4)))
    at = connecte(REFERENT, "pages/sites.py")
    at.selectbox(key=Widget.SITE_MODIFIER).select("PREF-51").run()
    assert at.text_input(key=f"{Widget.SITE_NOM}_PREF-51").value == "Préfecture de la Marne"
    at.selectbox(key=f"{Widget.SITE_REFERENTIEL}_PREF-51").select("quali-ate").run()
    assert not at.exception
    # titres (2) → CERT PC (3); collectivités (4) → module 5; module 1 → socles 1 and 2 (formation: engagement 8)
    assert at.multiselect(key=f"{Widget.SITE_MODULES}_quali-ate_PREF-51").value == [1, 2, 3, 5]
    assert texte(mention_ebauche(charger("quali-ate"))) in [w.value for w in at.warning]
    assert "Périmètre conforme aux règles de labellisation." in textes(at)
    at.button(key=Widget.SITE_ENREGISTRER).click().run()
    site = get_site(moteur_de_l_app(), "PREF-51")
    assert (site.referentiel, site.modules) == ("quali-ate", (1, 2, 3, 5))
    at.selectbox(key=f"{Widget.SITE_REFERENTIEL}_PREF-51").select("qualepref-2019").run()
    assert at.multiselect(key=f"{Widget.SITE_MODULES}_qualepref-2019_PREF-51").value == [1, 2, 4]
    assert [c.value for c in at.caption if c.value.startswith("Sans correspondance")] == [
        "Sans correspondance : " + texte("Module 2 « Pilotage des démarches qualité et de l’éco-responsabilité » : "
                                         "engagements 6, 7, 9, 10 sans correspondance dans « Qual-e-pref ».")]


def test_une_sous_prefecture_choisit_ses_engagements(config_app) -> None:
    """Chapter II: « les sous-préfectures appliquent les engagements qui les concernent »: a section per module of
    its perimeter (all engagements ticked by default); unticking 26 to 33 of module 3 keeps 24, 25 only. A
    préfecture has no such section."""
    from qualepref.sites import enregistrer_site

    enregistrer_site(moteur_de_l_app(), code="SP-REIMS", nom="Sous-préfecture de Reims", type_site="sous-prefecture",
                     cert=False, modules=(1, 3))
    enregistrer_site(moteur_de_l_app(), code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture",
                     cert=True, modules=(1, 2))
    at = connecte(REFERENT, "pages/sites.py")
    at.selectbox(key=Widget.SITE_MODIFIER).set_value("PREF-51").run()
    assert "Engagements retenus par la sous-préfecture" not in [h.value for h in at.header]
    at.selectbox(key=Widget.SITE_MODIFIER).set_value("SP-REIMS").run()
    assert "Engagements retenus par la sous-préfecture" in [h.value for h in at.header]
    module_3 = at.multiselect(key=f"{Widget.SITE_ENGAGEMENTS}_SP-REIMS_3")
    assert module_3.value == list(range(24, 34))
    assert module_3.placeholder == "Choisissez les engagements qui concernent la sous-préfecture"
    module_3.set_value([24, 25]).run()
    at.button(key=Widget.SITE_ENGAGEMENTS_ENREGISTRER).click().run()
    assert not at.exception
    assert lu(at.success[-1].value) == ("Engagements retenus par « SP-REIMS » enregistrés : 8 engagement(s) des "
                                        "modules retenus hors périmètre.")
    site = next(s for s in load_sites(moteur_de_l_app()) if s.code == "SP-REIMS")
    assert site.engagements_exclus == (26, 27, 28, 29, 30, 31, 32, 33)
    at.multiselect(key=f"{Widget.SITE_ENGAGEMENTS}_SP-REIMS_1").set_value([]).run()
    at.button(key=Widget.SITE_ENGAGEMENTS_ENREGISTRER).click().run()
    assert lu(at.error[0].value).startswith("Engagements refusés : Retenez au moins un engagement du module 1")
    assert next(s for s in load_sites(moteur_de_l_app()) if s.code == "SP-REIMS").engagements_exclus == (
        26, 27, 28, 29, 30, 31, 32, 33)


def test_fixer_un_delai_local_de_traitement(config_app) -> None:
    """38.3 « fixé localement »: a site with module 5 sets the délai of a procedure; the table names the default
    30 jours ouvrés « délai par défaut, à remplacer » for the others; a typed Markdown stays text (issue 15)."""
    from qualepref.sites import enregistrer_site
    from qualepref.store.delais_locaux import load_delais_locaux

    enregistrer_site(moteur_de_l_app(), code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture",
                     cert=True, modules=(1, 2, 5))
    enregistrer_site(moteur_de_l_app(), code="PREF-08", nom="Préfecture des Ardennes", type_site="prefecture",
                     cert=True, modules=(1, 2, 4))
    at = connecte(REFERENT, "pages/sites.py")
    at.selectbox(key=Widget.SITE_MODIFIER).set_value("PREF-08").run()
    assert "Délais de traitement fixés localement" not in [h.value for h in at.header]  # no module 5 nor 8
    at.selectbox(key=Widget.SITE_MODIFIER).set_value("PREF-51").run()
    assert "Délais de traitement fixés localement" in [h.value for h in at.header]
    tableau = at.dataframe[-1].value
    assert tableau.values.tolist() == [[38, "toutes procédures", 30, "délai par défaut, à remplacer"]]
    at.text_input(key=f"{Widget.SITE_DELAI_PROCEDURE}_PREF-51").input("**Armes**")
    at.number_input(key=f"{Widget.SITE_DELAI_JOURS}_PREF-51").set_value(15)
    at.button(key=Widget.SITE_DELAI_ENREGISTRER).click().run()
    assert not at.exception
    assert lu(at.success[0].value) == "Délai de l'engagement 38 enregistré : 15 jours ouvrés (**Armes**)."
    assert load_delais_locaux(moteur_de_l_app(), "PREF-51")[["engagement", "procedure", "jours_ouvres"]].values \
        .tolist() == [[38, "**Armes**", 15]]
    at.selectbox(key=Widget.SITE_MODIFIER).set_value("PREF-51").run()
    assert at.dataframe[-1].value.values.tolist() == [
        [38, "**Armes**", 15, "fixé par le site"], [38, "autres procédures", 30, "délai par défaut, à remplacer"]]
    at.text_input(key=f"{Widget.SITE_DELAI_PROCEDURE}_PREF-51").input("Vidéo-protection")
    at.button(key=Widget.SITE_DELAI_RETIRER).click().run()
    assert lu(at.warning[-1].value) == ("Aucun délai fixé pour l'engagement 38 et la procédure "
                                        "« Vidéo-protection ».")
