"""copil: the COPIL screen from the results, on the hand-known case of tests/test_resultats.py (modules 1 and 4,
2024, judged on 01/06/2025)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from qualepref import copil
from qualepref import format as fmt
from tests import test_resultats as cas

INSECABLE = "\u00a0"


@pytest.fixture(scope="module")
def r():
    return cas.calculer(cas.REF, cas.SITE, cas.donnees(), 2024,
                        pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), cas.AUJOURD_HUI)


def test_tuiles_des_modules(r) -> None:
    """Module 1: engagement 2 proche (77,8 % for 80 %); 3 non atteint (75 % for 90 %); 8 and 10 non atteint
    through the 2024 mystery calls (2 compliant of 3 = 66,7 % for 80 %); 9 engagements whose indicators have no
    value; 7 without any indicator (« sans cible »); module 4: 2 and 2."""
    un, quatre = copil.tuiles_modules(cas.REF, r)
    assert (un.module, un.libelle, un.titre) == (1, "Relation usagers", "Relation générale avec les usagers")
    assert un.comptes == (("atteint", 0), ("proche", 1), ("non_atteint", 3), ("non_mesure", 9), ("sans_cible", 7))
    assert un.engagements == 20
    assert un.texte() == "1 proche · 3 non atteint · 9 non mesuré · 7 sans cible"
    assert quatre.texte() == "2 non mesuré · 2 sans cible"


def test_points_d_attention_dans_l_ordre(r) -> None:
    points = copil.points_attention(cas.REF, r, preuves_manquantes=12, audit_externe=dt.date(2025, 6, 15))
    assert [(p.genre, p.texte) for p in points] == [
        ("engagement", "Engagement 3 non atteint : Écoute des usagers"),
        ("engagement", "Engagement 8 non atteint : Serveur vocal interactif local"),
        ("engagement", "Engagement 10 non atteint : Réponse aux appels"),
        ("delai", f"Délai hors cible : Réclamations répondues dans le délai, 75{INSECABLE}% pour une cible de "
                  f"90{INSECABLE}%"),
        ("degradation", f"En recul : Réclamations répondues dans le délai, −25{INSECABLE}points (100{INSECABLE}% "
                        f"en 2023, 75{INSECABLE}% en 2024)"),
        ("degradation", f"En recul : Délai moyen réclamations, +3,5{INSECABLE}jours (1{INSECABLE}jour ouvré en "
                        f"2023, 4,5{INSECABLE}jours ouvrés en 2024)"),
        ("degradation", f"En recul : Satisfaction accueil, −0,2{INSECABLE}point (78{INSECABLE}% en 2023, "
                        f"77,8{INSECABLE}% en 2024)"),
        ("action", f"Action en retard : a4 (échéance 01/03/2024, 0{INSECABLE}% réalisé)"),  # judged on 01/06/2025
        # the internal audit 2 months before the external one (chapter IV's disposition in the referential data)
        ("preuve", "12 élément(s) de preuve absent(s) ou à mettre à jour avant l'audit du 15/06/2025 (prêts pour "
                   "l'audit interne du 15/04/2025)"),
    ]
    assert (points[0].page, points[0].module, points[0].engagement) == ("pages/modules.py", 1, 3)
    assert points[0].aide == "A votre écoute pour progresser"
    assert (points[7].page, points[7].engagement) == ("pages/plan_actions.py", 17)
    assert points[-1].page == "pages/audit.py"
    assert all(p.genre != "preuve" for p in copil.points_attention(cas.REF, r))
    sans_date = copil.points_attention(cas.REF, r, preuves_manquantes=3)[-1]
    assert sans_date.texte == "3 élément(s) de preuve absent(s) ou à mettre à jour (date d'audit non fixée)"


def test_chiffres_cles(r) -> None:
    chiffres = copil.chiffres_cles(cas.REF, r)
    assert [c.code for c in chiffres] == ["E2-SATISFACTION-ACCUEIL", "E3-REPONSES-DELAI", "E3-DELAI-MOYEN",
                                          "E3-SATISFACTION-CRITERES", "E8-SATISFACTION-TELEPHONE",
                                          "E10-SATISFACTION-TRANSFERT"]  # the first six with a target
    e3 = chiffres[1]
    assert (e3.libelle, e3.valeur, e3.cible, e3.precedente, e3.evolution) == (
        "Réclamations répondues dans le délai", f"75{INSECABLE}%", f"90{INSECABLE}%", f"100{INSECABLE}%",
        f"−25{INSECABLE}points")
    assert (e3.favorable, e3.hausse, e3.statut) == (False, False, "non_atteint")
    delai = chiffres[2]  # 1 → 4,5 jours: up, and a setback since a délai improves downwards
    assert (delai.evolution, delai.favorable, delai.hausse) == (f"+3,5{INSECABLE}jours", False, True)
    courriels = next(c for c in copil.chiffres_cles(cas.REF, r, nombre=None) if c.code == "E17-COURRIELS-DELAI")
    assert (courriels.precedente, courriels.evolution, courriels.favorable) == ("—", "—", None)  # no 2023 value
    assert [c.code for c in copil.chiffres_cles(cas.REF, r, nombre=2)] == ["E2-SATISFACTION-ACCUEIL",
                                                                           "E3-REPONSES-DELAI"]
    assert copil.chiffres_cles(cas.REF, r, nombre=None, module=4) == []
    assert copil.codes_de_tendance(cas.REF, chiffres) == ["E2-SATISFACTION-ACCUEIL", "E3-REPONSES-DELAI",
                                                          "E3-SATISFACTION-CRITERES", "E8-SATISFACTION-TELEPHONE",
                                                          "E10-SATISFACTION-TRANSFERT"]


def test_chaque_chiffre_avec_sa_propre_cible(r) -> None:
    """Value, target and previous year of a key figure all come from its own indicator's row: a rate against a
    rate target, a délai against a délai target. Engagement 3 has both, side by side on the screen: « Réclamations
    répondues dans le délai » 75 % for 90 % (the referential's target for the rate) and « Délai moyen
    réclamations » 4,5 jours ouvrés for 10 jours ouvrés (its default target: the longest délai in force for its
    canals, paper réclamations), never 75 % against 10 jours ouvrés."""
    chiffres = {c.code: c for c in copil.chiffres_cles(cas.REF, r, nombre=None)}
    taux, delai = chiffres["E3-REPONSES-DELAI"], chiffres["E3-DELAI-MOYEN"]
    assert (taux.libelle, taux.valeur, taux.cible) == ("Réclamations répondues dans le délai", f"75{INSECABLE}%",
                                                       f"90{INSECABLE}%")
    assert (delai.libelle, delai.valeur, delai.cible, delai.precedente) == (
        "Délai moyen réclamations", f"4,5{INSECABLE}jours ouvrés", f"10{INSECABLE}jours ouvrés",
        f"1{INSECABLE}jour ouvré")
    annuels = r.annuels().set_index("code")
    for code, c in chiffres.items():  # every figure: its own row's value, target and previous year, its unit
        ligne = annuels.loc[code]
        assert (c.valeur, c.cible, c.precedente) == tuple(
            fmt.valeur_unite(ligne[k], ligne["unite"]) for k in ("valeur", "cible", "valeur_precedente")), code


def test_tendance_et_series_de_plusieurs_annees(r) -> None:
    r2023 = cas.calculer(cas.REF, cas.SITE, cas.donnees(), 2023,
                         pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]), cas.AUJOURD_HUI)
    cadre = copil.tendance(cas.REF, [r, r2023], ["E3-REPONSES-DELAI", "E2-SATISFACTION-ACCUEIL"])
    assert cadre[["annee", "code", "valeur"]].values.tolist() == [
        [2023, "E3-REPONSES-DELAI", 100.0], [2024, "E3-REPONSES-DELAI", 75.0],
        [2023, "E2-SATISFACTION-ACCUEIL", 78.0], [2024, "E2-SATISFACTION-ACCUEIL", pytest.approx(700 / 9)]]
    serie = copil.serie_pluriannuelle([r, r2023], "E3-REPONSES-DELAI")
    assert serie["periode"].tolist() == ["2023-T1", "2024-T1", "2024-T2", "2024-T3"]
    assert serie["valeur"].tolist() == [100.0, 50.0, 100.0, 50.0]
    assert copil.annees_de_tendance([2021, 2024, 2022, 2023, 2020, 2019, 2025], 2024) == [2020, 2021, 2022, 2023,
                                                                                          2024]


def test_etapes_de_la_seance(r) -> None:
    assert [(e.genre, e.titre, e.module) for e in copil.etapes_seance(cas.REF, r)] == [
        ("module", "Module 1 — Relation usagers", 1), ("module", "Module 4 — Collectivités territoriales", 4),
        ("enquetes", "Enquêtes de satisfaction", None), ("plan", "Plan d'actions", None),
        ("attention", "Points d'attention", None)]
    assert copil.engagements_a_suivre(cas.REF, r, 1).values.tolist() == [
        ["3", "Écoute des usagers", "non atteint"], ["8", "Serveur vocal interactif local", "non atteint"],
        ["10", "Réponse aux appels", "non atteint"], ["2", "Accueil attentif et courtois", "proche"]]
    assert list(copil.engagements_a_suivre(cas.REF, r, 4).columns) == ["N°", "Engagement", "Statut"]


@pytest.mark.parametrize(("parametres", "attendu"), [
    ({"module": "1", "engagement": "3"}, (1, 3)),
    ({"engagement": "36"}, (4, 36)),           # the module follows from the engagement
    ({"module": "4", "engagement": "3"}, (4, None)),  # engagement of another module: dropped
    ({"module": "2"}, (1, None)),              # outside the perimeter
    ({"module": "<script>", "engagement": "99999999"}, (1, None)),
    ({"engagement": "999"}, (1, None)),
    ({}, (1, None)),
])
def test_le_lien_d_un_point_est_verifie(parametres, attendu) -> None:
    assert copil.choix_demande(parametres, [1, 4], cas.REF) == attendu
