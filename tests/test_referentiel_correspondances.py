"""Correspondences by content: a Quali-ATE-like referential built here from the workbook template, loaded as the
référent would, a Qual-e-pref site switched to it (modules proposed by correspondence), and its history and N-1
values carried across (progressions in points).

The site imported under Qual-e-pref E10-APPELS-ABOUTIS (taux d'appels aboutis): 2023 = 85 %, 2024 = 90 %. The new
referential names that indicator ATE-2-APPELS-ABOUTIS and says it takes E10 over (« Correspondances »). In 2025
the site imports 93 % under the new code: the 2025 results show N-1 = 90 % and +3 points; the 2024 results under
the new referential show 90 % with N-1 = 85 % (+5 points).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from qualepref.referentiel import charger
from qualepref.referentiel.classeur import classeur
from qualepref.referentiel.correspondances import codes_repris, correspondance, valeurs_reprises
from qualepref.referentiels_en_place import activer, referentiel_en_place
from qualepref.resultats import DonneesSite, calculer, resultats_site
from qualepref.sites import enregistrer_site, modules_proposes, sans_correspondance
from qualepref.store import enregistrer_import, get_site

AUJOURD_HUI = dt.date(2026, 3, 1)


def _colonne(ws, entete: str) -> int:  # noqa: ANN001
    return next(c.column for c in ws[1] if c.value == entete)


def _quali_ate_officiel() -> bytes:
    """The workbook of the built-in draft, turned into « the official text »: new version and status, two
    indicators renamed, their correspondences with Qual-e-pref given in the « Correspondances » sheet."""
    wb = load_workbook(io.BytesIO(classeur(charger("quali-ate"))))
    for ligne in wb["Référentiel"].iter_rows(min_row=2):
        if ligne[0].value in ("Version", "Statut"):
            ligne[1].value = {"Version": "2025 (texte officiel)", "Statut": "officiel"}[ligne[0].value]
    indicateurs = wb["Indicateurs"]
    code = _colonne(indicateurs, "Code")
    for ligne in range(2, indicateurs.max_row + 1):
        ancien = indicateurs.cell(row=ligne, column=code).value
        if ancien in ("E10-APPELS-ABOUTIS", "E17-COURRIELS-DELAI"):
            indicateurs.cell(row=ligne, column=code).value = {"E10-APPELS-ABOUTIS": "ATE-2-APPELS-ABOUTIS",
                                                              "E17-COURRIELS-DELAI": "ATE-4-COURRIELS-DELAI"}[ancien]
    correspondances = wb["Correspondances"]
    correspondances.append(["indicateur", "ATE-2-APPELS-ABOUTIS", "E10-APPELS-ABOUTIS"])
    correspondances.append(["indicateur", "ATE-4-COURRIELS-DELAI", "E17-COURRIELS-DELAI"])
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


def _valeur(engine: Engine, site: str, code: str, periode: str, valeur: float) -> None:
    lignes = pd.DataFrame({"indicateur": [code], "periode": [periode], "valeur": [valeur], "numerateur": [None],
                           "denominateur": [None], "commentaire": [None], "cle": [f"{code}|{periode}"]})
    enregistrer_import(engine, type_donnees="indicateurs", site=site, lignes=lignes, fichier="valeurs.xlsx",
                       sha256="0" * 64, utilisateur="referent", periodes=[periode])


def test_un_site_passe_au_nouveau_referentiel_et_garde_son_historique(moteur_sqlite: Engine) -> None:
    examen = activer(moteur_sqlite, _quali_ate_officiel(), "quali-ate-officiel.xlsx", "referent")
    assert "Indicateur ATE-2-APPELS-ABOUTIS ajouté : « Taux d’appels aboutis au niveau général (Indigo et " \
           "AP2022) »." in examen.differences
    ate = referentiel_en_place(moteur_sqlite, "quali-ate")
    assert (ate.version, ate.ebauche, ate.correspond_a) == ("2025 (texte officiel)", False, "qualepref-2019")
    assert ate.indicateur("ATE-2-APPELS-ABOUTIS").reprend == "E10-APPELS-ABOUTIS"

    site = enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture",
                            cert=True, modules=(1, 2, 4))
    _valeur(moteur_sqlite, "PREF-51", "E10-APPELS-ABOUTIS", "2023", 85.0)
    _valeur(moteur_sqlite, "PREF-51", "E10-APPELS-ABOUTIS", "2024", 90.0)

    # switching: Qual-e-pref 2 (titres) → CERT PC (3), 4 (collectivités) → 5, module 1 → socles 1 and 2
    assert modules_proposes("quali-ate", site, moteur_sqlite)[1] == [1, 2, 3, 5]
    assert sans_correspondance("quali-ate", site, moteur_sqlite) == ()
    site = enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture",
                            cert=True, modules=(1, 2, 3, 5), referentiel="quali-ate")
    assert get_site(moteur_sqlite, "PREF-51").referentiel == "quali-ate"
    _valeur(moteur_sqlite, "PREF-51", "ATE-2-APPELS-ABOUTIS", "2025", 93.0)

    r2025 = resultats_site(moteur_sqlite, ate, site, 2025, AUJOURD_HUI).annuels().set_index("code")
    assert r2025.loc["ATE-2-APPELS-ABOUTIS", ["valeur", "valeur_precedente", "progression_points"]].tolist() == [
        93.0, 90.0, pytest.approx(3.0)]
    r2024 = resultats_site(moteur_sqlite, ate, site, 2024, AUJOURD_HUI).annuels().set_index("code")
    assert r2024.loc["ATE-2-APPELS-ABOUTIS", ["valeur", "valeur_precedente", "progression_points"]].tolist() == [
        90.0, 85.0, pytest.approx(5.0)]
    assert "E10-APPELS-ABOUTIS" not in r2025.index


def test_correspondances_dans_les_deux_sens_et_par_un_tiers() -> None:
    qualepref, ate, spp = charger("qualepref-2019"), charger("quali-ate"), charger("services-publics-plus")
    aller = correspondance(qualepref, ate)
    assert aller.engagements[22] == (12,) and aller.engagements[36] == (15,)
    assert correspondance(ate, qualepref).engagements[1] == (2, 5, 6, 7)
    assert correspondance(qualepref, spp).indicateurs["E10-APPELS-ABOUTIS"] == ("SP2-DECROCHE-AGENT",)
    # Quali-ATE and Services Publics+ both take over Qual-e-pref: they correspond through it
    assert correspondance(ate, spp, [qualepref]).indicateurs["E10-APPELS-ABOUTIS"] == ("SP2-DECROCHE-AGENT",)
    assert codes_repris(spp, [qualepref, ate])["E3-SATISFACTION-CRITERES"] == "SP6-SATISFACTION-GLOBALE"


def test_une_valeur_propre_l_emporte_sur_une_valeur_reprise() -> None:
    valeurs = pd.DataFrame({"site": "S", "indicateur": ["E10-APPELS-ABOUTIS", "SP2-DECROCHE-AGENT",
                                                        "E10-APPELS-ABOUTIS"],
                            "periode": ["2024", "2024", "2023"], "valeur": [90.0, 88.0, 85.0]})
    reprises = valeurs_reprises(valeurs, {"E10-APPELS-ABOUTIS": "SP2-DECROCHE-AGENT"})
    assert reprises[["indicateur", "periode", "valeur"]].values.tolist() == [
        ["SP2-DECROCHE-AGENT", "2024", 88.0], ["SP2-DECROCHE-AGENT", "2023", 85.0]]


def test_les_resultats_services_publics_plus_d_un_site_qualepref() -> None:
    # a site that imported Qual-e-pref E10 values reads them as the SP+ taux de décroché, with N-1
    from qualepref.store import Site

    site = Site("PREF-51", "Préfecture", "prefecture", True, referentiel="services-publics-plus", modules=(1,))
    donnees = dataclasses.replace(DonneesSite.vide(), valeurs=pd.DataFrame({
        "site": "PREF-51", "indicateur": ["E10-APPELS-ABOUTIS", "E10-APPELS-ABOUTIS"], "periode": ["2023", "2024"],
        "valeur": [85.0, 90.0], "numerateur": [None, None], "denominateur": [None, None],
        "commentaire": [None, None]}))
    r = calculer(charger("services-publics-plus"), site, donnees, 2024,
                 pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), AUJOURD_HUI)
    ligne = r.annuels().set_index("code").loc["SP2-DECROCHE-AGENT"]
    assert (ligne["valeur"], ligne["valeur_precedente"], ligne["progression_points"]) == (90.0, 85.0, 5.0)
