"""sites: the perimeter checked in French before a site is stored, and the demonstration sites removed with their data.

The rules come from the referential (chapter II.2 of Qual-e-pref): a préfecture with a CERT retains modules 1 and 2,
one without a CERT module 1 and one métier module among 3 to 8; a sous-préfecture may retain métier modules 3 to 6
only. Quali-ATE has no rule for a sous-préfecture without CERT.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref.sites import (
    PerimetreInvalide,
    enregistrer_site,
    modules_proposes,
    problemes_site,
    sans_correspondance,
    sites_de_demonstration,
    supprimer_demo,
)
from qualepref.store import (
    Site,
    compter_lignes,
    contenu_tables,
    enregistrer_import,
    get_site,
    load_donnees,
    load_sites,
    save_site,
)
from qualepref.store.pilotage import ajouter_commentaire, modifier_plan, publier, save_cible, save_preuves

MESSAGE_CODE = "Le code du site doit faire 1 à 40 caractères : lettres sans accent, chiffres, tiret ou souligné."


def _problemes(code: str = "PREF-51", nom: str = "Préfecture de la Marne", type_site: str = "prefecture",
               cert: bool = True, zone: str = "metropole", modules: tuple[int, ...] = (1, 2),
               referentiel: str = "qualepref-2019") -> list[str]:
    return problemes_site(code, nom, type_site, cert, zone, modules, referentiel)


# --- the checks, in French ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("type_site", "cert", "modules"), [
    ("prefecture", True, (1, 2)),
    ("prefecture", True, (1, 2, 3, 8)),
    ("prefecture", False, (1, 4)),
    ("sous-prefecture", True, (1, 2)),
    ("sous-prefecture", False, (1, 6)),
])
def test_perimetres_conformes(type_site: str, cert: bool, modules: tuple[int, ...]) -> None:
    assert _problemes(type_site=type_site, cert=cert, modules=modules) == []


@pytest.mark.parametrize(("type_site", "cert", "modules", "attendus"), [
    ("prefecture", True, (1, 3), ["Le module 2 est obligatoire pour un site doté d'un CERT."]),
    ("prefecture", False, (1,), ["Retenez au moins un module métier parmi les modules 3 à 8."]),
    ("prefecture", False, (1, 2, 3), ["Un site sans CERT ne peut pas retenir le module 2."]),
    ("sous-prefecture", False, (1, 7),
     ["Le module 7 ne peut pas être retenu par une sous-préfecture (modules possibles : 3 à 6).",
      "Retenez au moins un module métier parmi les modules 3 à 6."]),
    ("sous-prefecture", True, (2, 9),
     ["Le module 9 n'existe pas dans le référentiel «Qual-e-pref».",
      "Le module 1 est obligatoire pour tout site."]),
])
def test_perimetres_refuses_avec_chaque_regle(type_site: str, cert: bool, modules: tuple[int, ...],
                                              attendus: list[str]) -> None:
    assert _problemes(type_site=type_site, cert=cert, modules=modules) == attendus


def test_code_nom_zone_et_referentiel_verifies_ensemble() -> None:
    assert _problemes(code="", nom="   ", zone="atlantide", cert=False, modules=(1,)) == [
        MESSAGE_CODE,
        "Le nom du site est obligatoire.",
        "La zone « atlantide » est inconnue.",
        "Retenez au moins un module métier parmi les modules 3 à 8.",
    ]
    assert _problemes(referentiel="marianne-2016") == ["Le référentiel « marianne-2016 » est inconnu."]
    assert _problemes(referentiel="quali-ate", type_site="sous-prefecture", cert=False, modules=(1,)) == []


@pytest.mark.parametrize("code", ["P", "PREF-51", "sp_reims_2", "A" * 40])
def test_codes_admis(code: str) -> None:
    assert _problemes(code=code) == []


@pytest.mark.parametrize("code", ["A" * 41, "-PREF", "PRÉF", "PREF 51", "PREF/51", "PREF-51\n", " PREF"])
def test_codes_refuses(code: str) -> None:
    assert _problemes(code=code) == [MESSAGE_CODE]


# --- storing --------------------------------------------------------------------------------------------------------

def test_un_perimetre_invalide_n_est_pas_enregistre(moteur_sqlite: Engine) -> None:
    with pytest.raises(PerimetreInvalide) as erreur:
        enregistrer_site(moteur_sqlite, code="SP-REIMS", nom="Sous-préfecture de Reims", type_site="sous-prefecture",
                         cert=False, modules=[1, 8], zone="lune")
    assert str(erreur.value) == (
        "Périmètre refusé : La zone « lune » est inconnue. "
        "Le module 8 ne peut pas être retenu par une sous-préfecture (modules possibles : 3 à 6). "
        "Retenez au moins un module métier parmi les modules 3 à 6.")
    assert load_sites(moteur_sqlite) == []


def test_un_perimetre_valide_est_enregistre(moteur_sqlite: Engine) -> None:
    site = enregistrer_site(moteur_sqlite, code="PREF-51", nom="  Préfecture de la Marne ", type_site="prefecture",
                            cert=True, modules=[4, 2, 1, 2], zone="alsace-moselle")
    attendu = Site(code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True,
                   zone="alsace-moselle", referentiel="qualepref-2019", modules=(1, 2, 4), demo=False)
    assert site == attendu
    assert load_sites(moteur_sqlite) == [attendu]


def test_modifier_un_site_garde_ce_que_le_formulaire_ne_porte_pas(moteur_sqlite: Engine) -> None:
    """The Sites page and ``site-ajouter`` edit the perimeter only: margin, address, SP+ code and the demonstration
    flag of the site stay as they were."""
    save_site(moteur_sqlite, Site("PREF-51", "Préfecture de la Marne", "prefecture", True, modules=(1, 2), demo=True,
                                  marge_proche=3.0, code_postal="51000", ville="Châlons-en-Champagne",
                                  code_sp="SP-2251"))
    enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture de la Marne (Châlons)", type_site="prefecture",
                     cert=False, modules=[1, 5])
    assert get_site(moteur_sqlite, "PREF-51") == Site(
        "PREF-51", "Préfecture de la Marne (Châlons)", "prefecture", False, modules=(1, 5), demo=True,
        marge_proche=3.0, code_postal="51000", ville="Châlons-en-Champagne", code_sp="SP-2251")
    enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture",
                     cert=False, modules=[1, 5], demo=False)
    assert get_site(moteur_sqlite, "PREF-51").demo is False


def test_les_jours_d_ouverture_des_points_numeriques(moteur_sqlite: Engine) -> None:
    """E15's opening days are a site setting: stored, kept by an edit that does not give them, an unknown day
    refused (French message, nothing stored)."""
    enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture", type_site="prefecture", cert=True,
                     modules=[1, 2], jours_ouverture_pan="lun,mer,ven")
    assert get_site(moteur_sqlite, "PREF-51").jours_ouverture_pan == "lun,mer,ven"
    enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture", type_site="prefecture", cert=True,
                     modules=[1, 2])
    assert get_site(moteur_sqlite, "PREF-51").jours_ouverture_pan == "lun,mer,ven"
    with pytest.raises(PerimetreInvalide, match="Jours d'ouverture « lun,fer » non reconnus"):
        enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture", type_site="prefecture", cert=True,
                         modules=[1, 2], jours_ouverture_pan="lun,fer")
    assert get_site(moteur_sqlite, "PREF-51").jours_ouverture_pan == "lun,mer,ven"


def test_un_refus_ne_modifie_pas_le_site_existant(moteur_sqlite: Engine) -> None:
    enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture", type_site="prefecture", cert=True,
                     modules=[1, 2])
    with pytest.raises(PerimetreInvalide, match="^Périmètre refusé : Le module 2 est obligatoire pour un site doté "
                                                "d'un CERT.$"):
        enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture", type_site="prefecture", cert=True,
                         modules=[1, 3])
    assert get_site(moteur_sqlite, "PREF-51").modules == (1, 2)


# --- demonstration sites --------------------------------------------------------------------------------------------

def _remplir(moteur: Engine, site: str) -> None:
    """For ``site``: 2 requests and 1 plan action (2 imports), a target, a proof, a publication, a comment and a plan
    edit (the target and the edit are journaled: 2 rows of ``modifications``)."""
    journal = pd.DataFrame({
        "reference": ["R1", "R2"], "canal": ["courriel", "courrier"], "nature": ["reclamation", "information"],
        "date_reception": pd.to_datetime(["2024-03-04", "2024-03-05"]),
        "date_completude": pd.to_datetime([None, None]), "date_reponse": pd.to_datetime(["2024-03-08", None]),
        "type_reponse": ["fond", None], "service": ["Accueil", "Accueil"], "cle": ["2024", "2024"],
    })
    enregistrer_import(moteur, type_donnees="journal", site=site, lignes=journal, fichier="j.xlsx", sha256="0" * 64,
                       utilisateur="referent", periodes=["2024"])
    plan = pd.DataFrame({
        "annee": [2024], "axe": ["Axe 1"], "thematique": ["Accueil"], "action": ["Signalétique"],
        "structure": ["SG"], "pilote": ["Mme X"], "echeance": pd.to_datetime(["2024-12-31"]), "statut": ["en_cours"],
        "avancement": [40.0], "engagement": pd.array([6], dtype="Int64"), "cle": ["2024"],
    })
    enregistrer_import(moteur, type_donnees="plan", site=site, lignes=plan, fichier="p.xlsx", sha256="1" * 64,
                       utilisateur="referent", periodes=["2024"])
    save_cible(moteur, site, "E3-REPONSES-DELAI", 92.0, "referent")
    save_preuves(moteur, site, pd.DataFrame({"element": ["E1-1"], "etat": ["present"], "commentaire": [None],
                                             "lien": [None], "date": [dt.date(2024, 3, 1)]}), "referent")
    publier(moteur, site, "2024", {"site": site}, "referent")
    ajouter_commentaire(moteur, site, 2024, "module:1", "À suivre", "copil")
    action = int(load_donnees(moteur, "plan", site)["id"].iloc[0])
    modifier_plan(moteur, site, {action: {"avancement": 60.0}}, "referent")


def test_sites_de_demonstration_listes_puis_supprimes_avec_leurs_donnees(moteur_sqlite: Engine) -> None:
    for code, demo in (("DEMO-A", True), ("DEMO-B", True), ("PREF-51", False)):
        enregistrer_site(moteur_sqlite, code=code, nom=f"Site {code}", type_site="prefecture", cert=True,
                         modules=[1, 2], demo=demo)
    _remplir(moteur_sqlite, "DEMO-A")
    _remplir(moteur_sqlite, "PREF-51")
    assert [s.code for s in sites_de_demonstration(moteur_sqlite)] == ["DEMO-A", "DEMO-B"]
    tables_du_site = ("journal", "plan", "imports", "cibles", "preuves", "publications", "commentaires",
                      "modifications")
    avant = compter_lignes(moteur_sqlite)
    assert {t: avant[t] for t in tables_du_site} == {
        "journal": 4, "plan": 2, "imports": 4, "cibles": 2, "preuves": 2, "publications": 2, "commentaires": 2,
        "modifications": 4}

    assert supprimer_demo(moteur_sqlite) == 2

    apres = compter_lignes(moteur_sqlite)
    assert {t: apres[t] for t in tables_du_site} == {
        "journal": 2, "plan": 1, "imports": 2, "cibles": 1, "preuves": 1, "publications": 1, "commentaires": 1,
        "modifications": 2}
    assert [s.code for s in load_sites(moteur_sqlite)] == ["PREF-51"]
    assert sites_de_demonstration(moteur_sqlite) == []
    restes = contenu_tables(moteur_sqlite)
    assert not any("DEMO-A" in valeur or "DEMO-B" in valeur
                   for lignes in restes.values() for ligne in lignes for valeur in ligne)
    assert supprimer_demo(moteur_sqlite) == 0


def test_modules_proposes_par_le_formulaire() -> None:
    assert modules_proposes("qualepref-2019", None) == ([1, 2, 3, 4, 5, 6, 7, 8], [1])
    site = Site("S", "S", "prefecture", True, modules=(1, 3, 8, 9))
    assert modules_proposes("qualepref-2019", site) == ([1, 2, 3, 4, 5, 6, 7, 8], [1, 3, 8])  # 9 does not exist


def test_changer_de_referentiel_propose_les_modules_par_correspondance() -> None:
    # Qual-e-pref 2 (titres) → Quali-ATE 3 (CERT PC), 4 (collectivités) → 5; module 1 → socles 1 and 2
    site = Site("S", "S", "prefecture", True, modules=(1, 2, 4))
    assert modules_proposes("quali-ate", site) == ([1, 2, 3, 4, 5, 6, 7, 8], [1, 2, 3, 5])
    assert sans_correspondance("quali-ate", site) == ()
    # a sous-préfecture without a CERT: titres étrangers (3) → services des étrangers (4); no CERT module
    sous = Site("SP", "SP", "sous-prefecture", False, modules=(1, 3))
    assert modules_proposes("quali-ate", sous)[1] == [1, 2, 4]
    retour = Site("S", "S", "prefecture", True, referentiel="quali-ate", modules=(1, 2, 3, 5))
    assert modules_proposes("qualepref-2019", retour)[1] == [1, 2, 4]
    assert sans_correspondance("qualepref-2019", retour) == (
        "Module 2 « Pilotage des démarches qualité et de l’éco-responsabilité » : engagements 6, 7, 9, 10 sans "
        "correspondance dans « Qual-e-pref ».",)
    assert sans_correspondance("services-publics-plus", retour)[0] == (
        "Module 2 « Pilotage des démarches qualité et de l’éco-responsabilité » : aucun engagement repris dans "
        "« Services Publics+ ».")
