"""A sous-préfecture retains the engagements of a module that concern it (issue 15 §3; chapter II of the
referential: « Les sous-préfectures appliquent les engagements qui les concernent au vu des missions qu'elles
remplissent »). Default: every engagement of its modules. Hand case: module 3 (« Titres », engagements 24 to 33)
where the sous-préfecture keeps 24, 25 and 32 only: 3 engagements counted, E33-FRAUDE-DETECTEE out, the audit asks
for 1 + 2 + 2 = 5 éléments de preuve of module 3 instead of 27."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref import audit, sans_objet
from qualepref.cli import main
from qualepref.referentiel import charger
from qualepref.resultats import DonneesSite, calculer
from qualepref.sites import PerimetreInvalide, choisir_engagements, engagements_retenus, enregistrer_site
from qualepref.store import Site, get_site
from qualepref.store.pilotage import load_modifications

REF = charger("qualepref-2019")
CIBLES = pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"])


def _sous_prefecture(moteur: Engine) -> Site:
    return enregistrer_site(moteur, code="SP-REIMS", nom="Sous-préfecture de Reims", type_site="sous-prefecture",
                            cert=False, modules=(1, 3))


def test_par_defaut_tous_les_engagements_des_modules_retenus(moteur: Engine) -> None:
    site = _sous_prefecture(moteur)
    assert site.engagements_exclus == ()
    assert engagements_retenus(REF, site, 3) == list(range(24, 34))


def test_la_sous_prefecture_choisit_et_le_perimetre_suit(moteur: Engine) -> None:
    _sous_prefecture(moteur)
    site = choisir_engagements(moteur, "SP-REIMS", {3: [24, 25, 32]}, "referente")
    relu = get_site(moteur, "SP-REIMS")
    assert relu.engagements_exclus == (26, 27, 28, 29, 30, 31, 33) == site.engagements_exclus
    assert engagements_retenus(REF, relu, 3) == [24, 25, 32] and engagements_retenus(REF, relu, 1) == list(range(1, 21))
    r = calculer(REF, relu, DonneesSite.vide(), 2024, CIBLES, pd.Timestamp("2024-12-31").date())
    assert r.engagements.loc[r.engagements["module"] == 3, "engagement"].tolist() == [24, 25, 32]
    assert r.modules.set_index("module").loc[3, "engagements"] == 3
    codes = set(r.indicateurs["code"])
    assert {"E32-DELAI-PREMIERES-DEMANDES", "E32-DELAI-RENOUVELLEMENTS"} <= codes and "E33-FRAUDE-DETECTEE" not in codes
    elements = audit.elements_de_preuve(REF, relu.modules, relu.engagements_exclus)
    assert int((elements["module"] == 3).sum()) == 5
    # engagement 24 (pré-accueil) retained: it may be declared sans objet; not retained, it may not
    assert "engagement:24" in set(sans_objet.possibles(REF, relu.modules, relu.engagements_exclus)["objet"])
    assert "engagement:24" not in set(sans_objet.possibles(REF, relu.modules, (24, 26))["objet"])
    journal = load_modifications(moteur, "SP-REIMS", "site")
    assert journal[["utilisateur", "champ", "apres"]].values.tolist() == [
        ["referente", "engagements_exclus", "26,27,28,29,30,31,33"]]
    # everything back: the default again
    assert choisir_engagements(moteur, "SP-REIMS", {3: range(24, 34)}, "referente").engagements_exclus == ()


def test_refus_en_francais_et_rien_n_est_enregistre(moteur: Engine) -> None:
    _sous_prefecture(moteur)
    with pytest.raises(PerimetreInvalide) as refus:
        choisir_engagements(moteur, "SP-REIMS", {3: [24, 12], 1: [], 5: [40]}, "referente")
    assert str(refus.value) == (
        "Engagements refusés : L'engagement 12 n'appartient pas au module 3 (engagements du module : 24, 25, 26, 27, "
        "28, 29, 30, 31, 32, 33). Retenez au moins un engagement du module 1 ; si aucun ne concerne le site, retirez "
        "plutôt le module de son périmètre. Le module 5 n'est pas retenu par le site : ajoutez-le d'abord à son "
        "périmètre.")
    assert get_site(moteur, "SP-REIMS").engagements_exclus == ()
    enregistrer_site(moteur, code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True,
                     modules=(1, 2))
    with pytest.raises(PerimetreInvalide, match="Seule une sous-préfecture choisit ses engagements"):
        choisir_engagements(moteur, "PREF-51", {1: [1]}, "referente")


def test_devenue_prefecture_elle_applique_tout(moteur: Engine) -> None:
    _sous_prefecture(moteur)
    choisir_engagements(moteur, "SP-REIMS", {3: [24]}, "referente")
    site = enregistrer_site(moteur, code="SP-REIMS", nom="Reims", type_site="prefecture", cert=True, modules=(1, 2))
    assert site.engagements_exclus == () == get_site(moteur, "SP-REIMS").engagements_exclus


def test_la_ligne_de_commande(moteur_sqlite: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _sous_prefecture(moteur_sqlite)
    monkeypatch.setenv("QUALEPREF_DATABASE_URL", moteur_sqlite.url.render_as_string(hide_password=False))
    sortie, erreurs = io.StringIO(), io.StringIO()
    assert main(["site-engagements", "SP-REIMS", "--module", "3", "--engagements", "24,25,32"], sortie, erreurs) == 0
    assert sortie.getvalue() == "Site « SP-REIMS », module 3 : engagements retenus 24, 25, 32.\n"
    assert main(["site-engagements", "SP-REIMS", "--module", "3", "--engagements", "12"], sortie, erreurs) == 1
    assert erreurs.getvalue() == ("Erreur : Engagements refusés : L'engagement 12 n'appartient pas au module 3 "
                                  "(engagements du module : 24, 25, 26, 27, 28, 29, 30, 31, 32, 33).\n")
