"""French formats: the figures as the comité reads them."""

import datetime as dt

import pytest

from qualepref import format as f

NB = "\u00a0"  # no-break space before % and units
FINE = "\u202f"  # narrow no-break space between thousands


@pytest.mark.parametrize(("valeur", "attendu"), [
    (77.6, f"77,6{NB}%"), (97.0, f"97{NB}%"), (90.34, f"90,3{NB}%"), (0, f"0{NB}%"), (None, "—"),
    (float("nan"), "—"),
])
def test_pourcentage(valeur, attendu) -> None:
    assert f.pourcentage(valeur) == attendu


@pytest.mark.parametrize(("valeur", "attendu"), [
    (15, f"+15{NB}points"), (-0.4, f"−0,4{NB}point"), (1, f"+1{NB}point"), (11.8, f"+11,8{NB}points"),
    (-6.7, f"−6,7{NB}points"), (0, f"0{NB}point"), (-0.04, f"0{NB}point"),
])
def test_points(valeur, attendu) -> None:
    assert f.points(valeur) == attendu


def test_nombres_et_milliers() -> None:
    assert f.nombre(1433825) == f"1{FINE}433{FINE}825"
    assert f.nombre(24672) == f"24{FINE}672"
    assert f.nombre(2.25, 1) == "2,3"  # half away from zero, as people round
    assert f.nombre(-3, 0) == "−3"


def test_jours_et_dates() -> None:
    assert f.jours(2) == f"2{NB}jours ouvrés"
    assert f.jours(1) == f"1{NB}jour ouvré"
    assert f.jours(0.5) == f"0,5{NB}jour ouvré"
    assert f.ecart_jours(-3) == f"−3{NB}jours"
    assert f.date(dt.date(2023, 5, 2)) == "02/05/2023"
    assert f.date(None) == "—"
    assert f.date_longue(dt.date(2026, 11, 23)) == "23 novembre 2026"


@pytest.mark.parametrize(("code", "attendu"), [
    ("2023", "2023"), ("2023-T1", "1er trimestre 2023"), ("2023-T4", "4e trimestre 2023"),
    ("2023-05", "mai 2023"), ("2023-08-12M", "12 mois glissants jusqu'à août 2023"),
])
def test_periodes(code, attendu) -> None:
    assert f.periode(code) == attendu


def test_valeur_et_progression_selon_l_unite() -> None:
    assert f.valeur_unite(89, "%") == f"89{NB}%"
    assert f.valeur_unite(25, "jours ouvrés") == f"25{NB}jours ouvrés"
    assert f.valeur_unite(855288, "visites") == f"855{FINE}288{NB}visites"
    assert f.progression(-0.4, "%") == f"−0,4{NB}point"
    assert f.progression(-3, "jours ouvrés") == f"−3{NB}jours"
    assert f.progression(120, "nombre") == "+120"
    assert f.progression(-4.7, "usagers par jour") == f"−4,7{NB}usagers par jour"
    assert f.progression(20, "points") == f"+20{NB}points"


def test_recherche_sans_accents_ni_casse() -> None:
    assert f.normaliser_recherche("  Délai   d’Accueil ") == "delai d'accueil"


def test_arrondi_au_plus_proche_demi_vers_le_haut() -> None:
    assert f.pourcentage(81.25) == "81,3\u00a0%"
    assert f.nombre(2.5) == "3"
    assert f.nombre(-2.5) == "\u22123"
    assert f.pourcentage(77.6) == "77,6\u00a0%"


def test_moments_en_heure_de_paris() -> None:
    import datetime as dt

    # stored in UTC: 23:30 UTC on 31/12 is already 1 January in Paris (UTC+1 in winter)
    assert f.date_du_moment(dt.datetime(2024, 12, 31, 23, 30)) == "01/01/2025"
    assert f.date_heure(dt.datetime(2024, 7, 1, 8, 5)) == "01/07/2024 à 10:05"  # UTC+2 in summer
    assert f.date_du_moment(None) == "—"


def test_un_delai_en_heures_se_dit_en_heures_et_minutes() -> None:
    """E48 (« en moins d'une heure »): crises told after 40, 59 and 65 min, mean 164 / 3 = 54,67 min → « 55 min »;
    1,0833 h → « 1 h 05 »; a change of −0,5 h → « −30 min »."""
    from qualepref.format import progression, valeur_unite

    assert valeur_unite(164 / 180, "heures") == "55\u00a0min"
    assert valeur_unite(1.0833333, "heures") == "1\u00a0h\u00a005"
    assert valeur_unite(None, "heures") == "—"
    assert progression(-0.5, "heures") == "−30\u00a0min"
    assert progression(1 / 6, "heures") == "+10\u00a0min"


@pytest.mark.parametrize(("cles", "attendu"), [
    ("2026-01,2026-02,2026-03,2026-11", "janv. à nov. 2026 (4 mois)"),
    ("2025-12,2026-01", "déc. 2025 à janv. 2026 (2 mois)"),
    ("E1-MAJ-SVI|2026-T1,E1-MAJ-SVI|2026-T2,E10-APPELS-ABOUTIS|2026-T3", "T1 à T3 2026 (3 trimestres)"),
    ("2024|relations avec les collectivites,2025|accueil,2026|accueil", "2024 à 2026 (3 années)"),
    ("2026", "2026"),
    ("E3|2026-T2", "2e trimestre 2026"),
    ("E1|2026-T1,E2|2026-01", "janv. à T1 2026 (2 périodes)"),
    (None, "—"),
    ("", "—"),
])
def test_resume_des_periodes_d_un_import(cles, attendu) -> None:
    """The « Périodes » of the import journal: a stored list of keys, hundreds of codes long, in a few words."""
    assert f.resume_periodes(cles) == attendu
