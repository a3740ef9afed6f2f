"""Targets, publications, audit evidence, comments and journaled plan edits, on SQLite and PostgreSQL."""

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref.store import Site, enregistrer_import, load_donnees, save_site
from qualepref.store.pilotage import (
    ajouter_commentaire,
    load_cibles,
    load_commentaires,
    load_modifications,
    load_preuves,
    load_publication,
    modifier_plan,
    periodes_publiees,
    publier,
    save_cible,
    save_preuves,
    sites_publies,
)

SITE = Site("PREF", "Préfecture", "prefecture", True, modules=(1, 2))


@pytest.fixture
def moteur_site(moteur: Engine) -> Engine:
    save_site(moteur, SITE)
    return moteur


def test_cibles_du_site_et_journal(moteur_site: Engine) -> None:
    save_cible(moteur_site, "PREF", "E10-APPELS-ABOUTIS", 85.0, "referent", valeur_initiale=70.0,
               annee_initiale=2022, annee_cible=2025)
    save_cible(moteur_site, "PREF", "E10-APPELS-ABOUTIS", 88.0, "referent")
    cibles = load_cibles(moteur_site, "PREF")
    assert cibles[["indicateur", "cible"]].values.tolist() == [["E10-APPELS-ABOUTIS", 88.0]]
    journal = load_modifications(moteur_site, "PREF", "cible")
    assert journal[["avant", "apres"]].fillna("∅").values.tolist() == [["85.0", "88.0"], ["∅", "85.0"]]


def test_publier_fige_un_instantane_et_la_republication_le_remplace(moteur_site: Engine) -> None:
    assert load_publication(moteur_site, "PREF", "2023") is None
    publier(moteur_site, "PREF", "2023", {"taux": 77.6}, "referent")
    publier(moteur_site, "PREF", "2023", {"taux": 78.1}, "referent", note="Correction du taux d'appels aboutis")
    publication = load_publication(moteur_site, "PREF", "2023")
    assert publication["contenu"] == {"taux": 78.1}
    assert (publication["versions"], publication["note"]) == (2, "Correction du taux d'appels aboutis")
    assert periodes_publiees(moteur_site, "PREF") == ["2023"]
    assert sites_publies(moteur_site) == ["PREF"]


def test_preuves_d_audit(moteur_site: Engine) -> None:
    lignes = pd.DataFrame({"element": ["E1-1", "D-FORMATION-1"], "etat": ["present", "absent"],
                           "commentaire": ["Affiché dans le hall", None], "lien": ["photo.jpg", None],
                           "date": [dt.date(2023, 3, 1), None]})
    assert save_preuves(moteur_site, "PREF", lignes, "referent") == 2
    relu = load_preuves(moteur_site, "PREF").sort_values("element")
    assert relu[["element", "etat", "lien"]].fillna("∅").values.tolist() == [
        ["D-FORMATION-1", "absent", "∅"], ["E1-1", "present", "photo.jpg"]]
    with pytest.raises(ValueError, match="État inconnu : fait"):
        save_preuves(moteur_site, "PREF", lignes.assign(etat="fait"), "referent")


def test_commentaires(moteur_site: Engine) -> None:
    ajouter_commentaire(moteur_site, "PREF", 2023, "module:1", "  Bon niveau  ", "copil1")
    assert load_commentaires(moteur_site, "PREF", 2023)[["objet", "texte", "auteur"]].values.tolist() == [
        ["module:1", "Bon niveau", "copil1"]]
    with pytest.raises(ValueError, match="Le commentaire est vide."):
        ajouter_commentaire(moteur_site, "PREF", 2023, "module:1", " ", "copil1")


def test_modifier_le_plan_journalise_chaque_champ(moteur_site: Engine) -> None:
    plan = pd.DataFrame({"annee": [2023], "axe": ["Axe 1"], "thematique": ["Formation"], "action": ["Former"],
                         "structure": ["Préfecture"], "pilote": ["SG"], "echeance": pd.to_datetime(["2023-12-31"]),
                         "statut": ["en_cours"], "avancement": [40.0], "engagement": pd.array([None], "Int64"),
                         "cle": ["2023"]})
    enregistrer_import(moteur_site, type_donnees="plan", site="PREF", lignes=plan, fichier="p.xlsx", sha256="0" * 64,
                       utilisateur="referent", periodes=["2023"])
    ligne_id = int(load_donnees(moteur_site, "plan", "PREF")["id"].iloc[0])
    assert modifier_plan(moteur_site, "PREF", {ligne_id: {"statut": "realisee", "avancement": 100.0}}, "referent") == 2
    assert load_donnees(moteur_site, "plan", "PREF")[["statut", "avancement"]].values.tolist() == [["realisee", 100.0]]
    journal = load_modifications(moteur_site, "PREF", "plan")
    assert sorted(journal[["champ", "avant", "apres"]].values.tolist()) == [
        ["avancement", "40.0", "100.0"], ["statut", "en_cours", "realisee"]]
    with pytest.raises(ValueError, match="Champ non modifiable : site"):
        modifier_plan(moteur_site, "PREF", {ligne_id: {"site": "AUTRE"}}, "referent")


def test_version_des_donnees_change_a_chaque_ecriture(moteur_site: Engine) -> None:
    from qualepref.store import annuler_import
    from qualepref.store.pilotage import version_donnees

    versions = [version_donnees(moteur_site, "PREF")]
    assert versions[0] == "None|None|None|None|None"
    lignes = pd.DataFrame({"indicateur": ["E10-APPELS-ABOUTIS"], "periode": ["2024"], "valeur": [91.0],
                           "numerateur": [None], "denominateur": [None], "commentaire": [None], "cle": ["x"]})
    resultat = enregistrer_import(moteur_site, type_donnees="indicateurs", site="PREF", lignes=lignes,
                                  fichier="v.xlsx", sha256="0" * 64, utilisateur="r", periodes=["x"])
    versions.append(version_donnees(moteur_site, "PREF"))
    save_cible(moteur_site, "PREF", "E10-APPELS-ABOUTIS", 85.0, "referent")
    versions.append(version_donnees(moteur_site, "PREF"))
    annuler_import(moteur_site, resultat.import_id, "r")
    versions.append(version_donnees(moteur_site, "PREF"))
    assert len(set(versions)) == 4
    assert version_donnees(moteur_site, "AUTRE") == "None|None|None|None|None"


def test_textes_du_comite_par_periode(moteur) -> None:  # noqa: ANN001
    from qualepref.publication import textes_du_comite
    from qualepref.store.pilotage import load_textes_comite, save_textes_comite

    save_site(moteur, SITE)
    assert load_textes_comite(moteur, SITE.code, "2024") is None
    save_textes_comite(moteur, SITE.code, "2024", {"contacts": "Qualité : q@x.fr"}, "referente")
    save_textes_comite(moteur, SITE.code, "2024", {"contacts": "Qualité : q@y.fr", "referent": "Le référent"},
                       "referente")
    assert load_textes_comite(moteur, SITE.code, "2024") == {"contacts": "Qualité : q@y.fr", "referent": "Le référent"}
    assert textes_du_comite(moteur, SITE.code, "2024-T2") == {"contacts": "Qualité : q@y.fr", "referent": "Le référent"}
    save_textes_comite(moteur, SITE.code, "2024-T2", {"contacts": "T2"}, "referente")
    assert textes_du_comite(moteur, SITE.code, "2024-T2") == {"contacts": "T2"}
    assert textes_du_comite(moteur, SITE.code, "2023") == {}


def test_date_de_l_audit_gardee_par_site_et_journalisee(moteur_site: Engine) -> None:
    """The external audit's day is the site's, kept across sessions, untouched by saving the site again, and each
    change is journaled (before and after); nothing is written when it does not change."""
    from qualepref.store import ErreurStockage
    from qualepref.store.pilotage import load_date_audit, save_date_audit, version_donnees

    assert load_date_audit(moteur_site, "PREF") is None
    save_date_audit(moteur_site, "PREF", dt.date(2027, 3, 15), "referent")
    version = version_donnees(moteur_site, "PREF")
    save_date_audit(moteur_site, "PREF", dt.date(2027, 3, 15), "referent")  # unchanged: nothing written
    assert version_donnees(moteur_site, "PREF") == version
    save_site(moteur_site, SITE)
    assert load_date_audit(moteur_site, "PREF") == dt.date(2027, 3, 15)
    save_date_audit(moteur_site, "PREF", None, "copil")
    assert load_date_audit(moteur_site, "PREF") is None
    journal = load_modifications(moteur_site, "PREF", "site")
    assert journal[["utilisateur", "champ", "avant", "apres"]].astype(object).where(journal.notna(), None)[
        ["utilisateur", "champ", "avant", "apres"]].values.tolist() == [
        ["copil", "date_audit_externe", "2027-03-15", None], ["referent", "date_audit_externe", None, "2027-03-15"]]
    with pytest.raises(ErreurStockage, match="Le site « AILLEURS » n'existe pas."):
        save_date_audit(moteur_site, "AILLEURS", dt.date(2027, 1, 1), "referent")
    assert load_date_audit(moteur_site, "AILLEURS") is None
