"""Services Publics+ open data CSV: BOM, exact French headers, one row per national SP+ figure, safe text.

The figures are those ``services_publics_plus`` computes, by hand in tests/test_referentiel_services_publics_plus.py
(a Qual-e-pref site, 2024): taux de décroché 91 % (E10 imported, taken over), respect du délai annoncé 2 / 3 =
66,67 %, JDMA 82,5 %, satisfaction globale 7 / 10 = 70 %, taux net (7 − 3) / 10 = 40 points.
"""

from __future__ import annotations

import csv
import dataclasses
import io

import pytest

from qualepref.exports import opendata
from qualepref.exports.commun import PublicationManquante
from qualepref.exports.securite import neutraliser_csv
from tests.resultats_exemple import ACTIONS_PIEGEES, SITE, publication_exemple, resultats_exemple

# The DITP's fields (API « Services Publics+ — résultats »), exactly and in this order, then the file's own.
ENTETE = ("Code SP+ de la structure;Intitulé de la typologie;Intitulé de la structure;Code postal de la structure;"
          "Ville de la structure;Code SP+ de l'indicateur;Valeur;Fréquence;Date de mise à jour;"
          "Intitulé de l'indicateur;Unité;Période")


def resultats_sp():  # noqa: ANN201
    """The example results of a Qual-e-pref site for 2024, with the SP+ figures computed from the hand-made data."""
    import datetime as dt

    from qualepref.referentiel import charger
    from qualepref.services_publics_plus import calculer_services_publics_plus
    from tests.test_referentiel_services_publics_plus import SPP, donnees

    site = dataclasses.replace(SITE, referentiel="qualepref-2019", modules=(1, 2))
    base = donnees()
    valeurs = base.valeurs.assign(indicateur=["SP6-DEMARCHES-EN-LIGNE-8-10", "E10-APPELS-ABOUTIS"])
    figures = calculer_services_publics_plus(SPP, site, dataclasses.replace(base, valeurs=valeurs), 2024,
                                             dt.date(2025, 6, 1), [charger("qualepref-2019")])
    exemple = resultats_exemple()
    return dataclasses.replace(exemple, annee=2024, meta={**exemple.meta, "services_publics_plus": figures})


@pytest.fixture(scope="module")
def resultats():  # noqa: ANN201
    return resultats_sp()


def _lire(contenu: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(contenu.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_bom_et_entete_exacte(resultats) -> None:  # noqa: ANN001
    contenu = opendata.construire(resultats, SITE, publication_exemple("2024"))
    assert contenu.startswith(b"\xef\xbb\xbf")
    assert contenu.decode("utf-8")[1:].split("\r\n")[0] == ENTETE


def test_les_chiffres_services_publics_plus_avec_leur_code_sp(resultats) -> None:  # noqa: ANN001
    lignes = _lire(opendata.construire(resultats, SITE, publication_exemple("2024")))[1:]
    structure = ["SP-2251", "Préfecture", "Préfecture de la Marne", "51000", "Châlons-en-Champagne"]
    assert lignes == [
        [*structure, "TAUX-DECROCHE-AGENT", "91", "annuelle", "12 février 2024", "Taux de décroché par un agent",
         "%", "2024"],
        [*structure, "RESPECT-DELAI-DEMARCHE-PHARE", "66,67", "annuelle", "12 février 2024",
         "Respect du délai annoncé d'une démarche phare : réponses aux demandes d'information écrites dans le "
         "délai annoncé", "%", "2024"],
        [*structure, "DEMARCHES-EN-LIGNE-8-SUR-10", "82,5", "annuelle", "12 février 2024",
         "Part des démarches en ligne notées 8/10 ou plus (JDMA)", "%", "2024"],
        [*structure, "SATISFACTION-GLOBALE", "70", "annuelle", "12 février 2024",
         "Taux de satisfaction globale des usagers", "%", "2024"],
        [*structure, "TAUX-NET-SATISFACTION", "40", "annuelle", "12 février 2024",
         "Taux net de satisfaction (satisfaits moins insatisfaits)", "points", "2024"],
    ]


def test_aucun_code_interne(resultats) -> None:  # noqa: ANN001
    """Neither the app's indicator codes (E10-…, SP2-…) nor a referential's code are in the file."""
    texte = opendata.construire(resultats, SITE, publication_exemple("2024")).decode("utf-8-sig")
    for interne in ("E10-", "E3-", "SP2-", "SP4-", "SP6-", "qualepref-2019", "services-publics-plus"):
        assert interne not in texte, interne


def test_un_trimestre_n_a_que_ce_qui_est_mesure_pour_lui(resultats) -> None:  # noqa: ANN001
    """The programme's figures are yearly: a quarter's file holds only a figure measured for that quarter."""
    assert _lire(opendata.construire(resultats, SITE, publication_exemple("2024-T4")))[1:] == []
    figures = [dict(f) for f in resultats.meta["services_publics_plus"]]
    figures[0]["par_periode"] = {"2024-T4": 91.25}
    r = dataclasses.replace(resultats, meta={**resultats.meta, "services_publics_plus": figures})
    lignes = _lire(opendata.construire(r, SITE, publication_exemple("2024-T4")))[1:]
    assert [(ligne[5], ligne[6], ligne[7], ligne[11]) for ligne in lignes] == [
        ("TAUX-DECROCHE-AGENT", "91,25", "trimestrielle", "2024-T4")]


def test_date_du_jour_a_paris() -> None:
    import datetime as dt

    faits = {**publication_exemple("2024"), "publie_le": dt.datetime(2023, 1, 20, 23, 30)}  # UTC: 21 in Paris
    ligne = _lire(opendata.construire(resultats_sp(), SITE, faits))[1]
    assert ligne[8] == "21 janvier 2023"


def test_valeurs_a_la_francaise() -> None:
    assert [opendata.valeur_csv(v) for v in (77.6, 1433825.0, -0.4, 0.0, 2 / 3, -0.001)] == \
        ["77,6", "1433825", "-0,4", "0", "0,67", "0"]


def test_injection_de_formules_neutralisee(resultats) -> None:  # noqa: ANN001
    for texte in ACTIONS_PIEGEES + ["\tx", "\rx", "+1"]:
        assert neutraliser_csv(texte) == "'" + texte
    assert neutraliser_csv("Préfecture") == "Préfecture"
    piege = dataclasses.replace(SITE, nom=ACTIONS_PIEGEES[0], ville="@SUM(A1)", code_postal="-1+2")
    ligne = _lire(opendata.construire(resultats, piege, publication_exemple("2024")))[1]
    assert len(ligne) == len(opendata.ENTETES)
    assert ligne[2] == "'" + ACTIONS_PIEGEES[0]
    assert ligne[3] == "'-1+2" and ligne[4] == "'@SUM(A1)"
    assert all(not champ.startswith(("=", "+", "-", "@")) for champ in ligne if not champ[:1].isdigit())


def test_resultats_publies_seulement(resultats) -> None:  # noqa: ANN001
    with pytest.raises(PublicationManquante):
        opendata.construire(resultats, SITE, None)
