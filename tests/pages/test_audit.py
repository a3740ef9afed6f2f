"""Préparation de l'audit: readiness per module and overall, the ordered list of what is missing with the date of
the internal audit two months before the external one."""

import datetime as dt
import html

from pages.commun import Widget
from qualepref.acces import COPIL
from qualepref.audit import elements_de_preuve
from qualepref.referentiel import charger
from tests.pages.donnees import SITE, remplir
from tests.pages.outils import connecte, lu, moteur_de_l_app, textes


def test_preparation_et_liste_a_faire(config_app) -> None:
    """The référent sets the external audit's day; it is stored, journaled and read by everyone: a COPIL member in
    another session reads it on this page (no field to change it) and on the dashboard's point d'attention."""
    from qualepref.acces import REFERENT
    from qualepref.store.pilotage import load_date_audit, load_modifications

    remplir(moteur_de_l_app())
    at = connecte(REFERENT, "pages/audit.py")
    assert not at.exception
    elements = elements_de_preuve(charger(SITE.referentiel), SITE.modules)
    preparation = at.dataframe[0].value.set_index("perimetre")
    assert preparation.loc["Ensemble", "elements"] == len(elements)
    assert preparation.loc["Ensemble", "taux"] == "0\u00a0%"  # nothing recorded yet: everything is absent
    assert len(at.dataframe[1].value) == len(elements)
    at.date_input(key=f"{Widget.AUDIT_DATE}_{SITE.code}").set_value(dt.date(2027, 3, 15)).run()
    assert not at.exception
    assert "tout doit être prêt pour le 15/01/2027." in textes(at)
    assert load_date_audit(moteur_de_l_app(), SITE.code) == dt.date(2027, 3, 15)
    journal = load_modifications(moteur_de_l_app(), SITE.code, "site")
    assert journal[["utilisateur", "champ", "apres"]].iloc[0].tolist() == [
        "test-referent", "date_audit_externe", "2027-03-15"]
    assert journal["avant"].isna().iloc[0]

    copil = connecte(COPIL, "pages/audit.py")  # another session, another computer
    assert not copil.exception
    assert "Date de l'audit externe : 15/03/2027." in textes(copil)
    assert not copil.get("date_input")  # read only
    assert "tout doit être prêt pour le 15/01/2027." in textes(copil)
    assert "Mettre à jour l'état des preuves" not in [s.value for s in copil.subheader]  # COPIL: read only
    copil.switch_page("pages/tableau_de_bord.py").run()
    assert not copil.exception
    preuve = f"{len(elements)} élément(s) de preuve absent(s) ou à mettre à jour avant l'audit du 15/03/2027 " \
             "(prêts pour l'audit interne du 15/01/2027)"
    # the labels are escaped for Markdown (pages.commun.texte): read them back
    assert preuve in [html.unescape(p.proto.label).replace("\u2060", "") for p in copil.get("page_link")]


def test_sans_date_d_audit_le_copil_lit_non_fixee(config_app) -> None:
    remplir(moteur_de_l_app())
    at = connecte(COPIL, "pages/audit.py")
    assert not at.exception
    assert "Date de l'audit externe : non fixée." in textes(at)


def test_le_referent_declare_un_engagement_sans_objet_avec_sa_raison(config_app) -> None:
    """Engagement 8 « Un Serveur Vocal Interactif local, s'il a été mis en place »: a site without SVI declares it
    sans objet; its 9 éléments de preuve leave readiness (module 1 and « Ensemble »), the reason is shown escaped,
    the change journaled; an empty reason is refused in French and stores nothing."""
    from qualepref.acces import REFERENT
    from qualepref.store.pilotage import load_modifications, load_sans_objet

    remplir(moteur_de_l_app())
    at = connecte(REFERENT, "pages/audit.py")
    avant = at.dataframe[0].value.set_index("perimetre")
    choix = at.selectbox(key=Widget.AUDIT_SANS_OBJET_CHOIX)
    assert choix.options == ["Élément E7-1 — Vérification, le cas échéant, de l’existence du manuel d’utilisation "
                             "du gestionnaire de file d’attente et de la formation des agents à son utilisation.",
                             "Engagement 8 — Un Serveur Vocal Interactif local, s’il a été mis en place, vous informe "
                             "de manière simple et vous met en relation avec un agent"]  # modules 1 and 4
    at = choix.set_value("engagement:8").run()
    at.button(key=Widget.AUDIT_SANS_OBJET_DECLARER).click().run()
    assert lu(at.error[0].value) == "Indiquez pourquoi « Engagement 8 » est sans objet pour ce site : la raison est " \
                                    "obligatoire."
    assert load_sans_objet(moteur_de_l_app(), SITE.code).empty
    at.text_input(key=Widget.AUDIT_SANS_OBJET_RAISON).set_value("Pas de SVI : *standard* seul").run()
    at.button(key=Widget.AUDIT_SANS_OBJET_DECLARER).click().run()
    assert not at.exception
    apres = at.dataframe[0].value.set_index("perimetre")
    assert apres.loc["Module 1", "elements"] == avant.loc["Module 1", "elements"] - 9
    assert apres.loc["Ensemble", "elements"] == avant.loc["Ensemble", "elements"] - 9
    assert apres.loc["Module 1", "sans_objet"] == 9
    assert "Sans objet : Pas de SVI : *standard* seul" in lu(textes(at))
    assert any("&#42;standard&#42;" in m.value for m in at.markdown)  # escaped: never bold
    declares = load_sans_objet(moteur_de_l_app(), SITE.code)
    assert declares[["objet", "raison", "modifie_par"]].values.tolist() == [
        ["engagement:8", "Pas de SVI : *standard* seul", "test-referent"]]
    journal = load_modifications(moteur_de_l_app(), SITE.code, "sans_objet")
    assert journal[["ligne", "avant", "apres"]].values.tolist() == [
        ["engagement:8", None, "Pas de SVI : *standard* seul"]]
