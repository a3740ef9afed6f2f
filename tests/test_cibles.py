"""Targets and statuses, computed by hand."""

import pandas as pd
import pytest

from qualepref.cibles import cibles_effectives, progres_vers_cible, statuts


def _s(*valeurs):
    return pd.Series(list(valeurs))


def test_statuts_d_un_taux_a_la_hausse_avec_marge_de_5_points() -> None:
    resultat = statuts(_s(90.0, 86.0, 84.9, None), _s(90.0, 90.0, 90.0, 90.0), _s(*["hausse"] * 4),
                       _s(*["%"] * 4), marge=5)
    assert resultat.tolist() == ["atteint", "proche", "non_atteint", "non_mesure"]


def test_statuts_d_un_delai_a_la_baisse_marge_en_pourcentage_de_la_cible() -> None:
    # cible 20 jours, marge 5 % de 20 = 1 jour
    resultat = statuts(_s(18.0, 21.0, 21.5), _s(20.0, 20.0, 20.0), _s(*["baisse"] * 3),
                       _s(*["jours ouvrés"] * 3), marge=5)
    assert resultat.tolist() == ["atteint", "proche", "non_atteint"]


def test_sans_cible() -> None:
    assert statuts(_s(12.0), _s(None), _s("hausse"), _s("nombre"), 5).tolist() == ["sans_cible"]


def test_progres_vers_une_cible_pluriannuelle() -> None:
    # 70 → cible 90 ; valeur 80 : moitié du chemin
    assert progres_vers_cible(_s(80.0), _s(70.0), _s(90.0)).tolist() == [50.0]
    # délai qui s'améliore à la baisse : 30 → cible 20 ; valeur 27 : 30 %
    assert progres_vers_cible(_s(27.0), _s(30.0), _s(20.0)).tolist() == [pytest.approx(30.0)]
    # au-delà de la cible : borné à 100 ; en recul : borné à 0
    assert progres_vers_cible(_s(95.0, 60.0), _s(70.0, 70.0), _s(90.0, 90.0)).tolist() == [100.0, 0.0]
    assert progres_vers_cible(_s(None), _s(70.0), _s(90.0)).isna().all()


def test_la_cible_du_site_l_emporte_sur_celle_du_referentiel() -> None:
    indicateurs = pd.DataFrame({"code": ["A", "B"], "cible": [90.0, 80.0]})
    propres = pd.DataFrame({"indicateur": ["B"], "cible": [85.0], "valeur_initiale": [70.0],
                            "annee_initiale": [2022], "annee_cible": [2025]})
    cadre = cibles_effectives(indicateurs, propres)
    assert cadre["cible"].tolist() == [90.0, 85.0]
    assert cadre["cible_site"].tolist() == [False, True]


def test_progres_inconnu_sans_valeur_de_depart() -> None:
    from qualepref.cibles import progres_vers_cible

    progres = progres_vers_cible(pd.Series([75.0, 75.0, None]), pd.Series([None, 60.0, 60.0]),
                                 pd.Series([95.0, None, 95.0]))
    assert progres.isna().tolist() == [True, True, True]


# --- floors (« vérification qu'il est de 80 % minimum », E52, chapter III) ------------------------------------------

def test_sous_le_seuil_du_referentiel_aucune_marge() -> None:
    """79 % against an 80 % floor and an 80 % target is « non atteint », although the 5-point margin would make it
    « proche »; 80 % is « atteint »; without a floor, 79 % stays « proche »."""
    resultat = statuts(_s(79.0, 80.0, 79.0), _s(80.0, 80.0, 80.0), _s(*["hausse"] * 3), _s(*["%"] * 3), marge=5,
                       seuil=_s(80.0, 80.0, None))
    assert resultat.tolist() == ["non_atteint", "atteint", "proche"]


def test_au_dessus_du_seuil_la_marge_vaut_envers_la_cible_du_site() -> None:
    """A site's target of 90 % with the 80 % floor: 86 % is « proche » (within 5 points of 90), 79 % « non atteint »."""
    resultat = statuts(_s(86.0, 79.0), _s(90.0, 90.0), _s("hausse", "hausse"), _s("%", "%"), marge=5,
                       seuil=_s(80.0, 80.0))
    assert resultat.tolist() == ["proche", "non_atteint"]


def test_une_cible_du_site_sous_le_seuil_est_refusee_et_relevee() -> None:
    from qualepref.cibles import verifier_cible

    assert verifier_cible(75.0, 80.0, "hausse", "%") == (
        "La cible ne peut pas être inférieure au seuil fixé par le référentiel (80\u00a0%).")
    assert verifier_cible(80.0, 80.0, "hausse", "%") is None
    assert verifier_cible(None, 80.0, "hausse", "%") is None
    assert verifier_cible(75.0, None, "hausse", "%") is None
    referentiel = pd.DataFrame({"code": ["E52", "E3"], "cible": [80.0, 90.0], "seuil": [80.0, None],
                                "sens": ["hausse", "hausse"]})
    propres = pd.DataFrame({"indicateur": ["E52", "E3"], "cible": [70.0, 70.0], "valeur_initiale": [None, None],
                            "annee_initiale": [None, None], "annee_cible": [None, None]})
    assert cibles_effectives(referentiel, propres)["cible"].tolist() == [80.0, 70.0]
