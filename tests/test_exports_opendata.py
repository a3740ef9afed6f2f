"""Services Publics+ open data CSV: BOM, exact French headers, one row per measured indicator, safe text."""

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
          "Intitulé de l'indicateur;Unité;Période;Code de l'indicateur dans qualepref")


@pytest.fixture(scope="module")
def resultats():  # noqa: ANN201
    return resultats_exemple()


def _lire(contenu: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(contenu.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_bom_et_entete_exacte(resultats) -> None:  # noqa: ANN001
    contenu = opendata.construire(resultats, SITE, publication_exemple("2023"))
    assert contenu.startswith(b"\xef\xbb\xbf")
    assert contenu.decode("utf-8")[1:].split("\r\n")[0] == ENTETE


def test_seulement_les_indicateurs_nationaux_sp(resultats) -> None:  # noqa: ANN001
    lignes = _lire(opendata.construire(resultats, SITE, publication_exemple("2023")))[1:]
    # E10 (taux d'appels aboutis, 89 %) is what « Taux de décroché par un agent » takes over (reprend) in the
    # Services Publics+ referential; no other indicator of the example has an SP+ code, and none of E1-…, E3-…
    # internal codes is one.
    assert lignes == [["SP-2251", "Préfecture", "Préfecture de la Marne", "51000", "Châlons-en-Champagne",
                       "TAUX-DECROCHE-AGENT", "89", "annuelle", "12 février 2024", "Taux de décroché par un agent",
                       "%", "2023", "E10-APPELS-ABOUTIS"]]
    assert opendata.codes_sp("qualepref-2019")["E10-APPELS-ABOUTIS"][0] == "TAUX-DECROCHE-AGENT"
    assert all(not code.startswith("E") for code, _ in opendata.codes_sp("qualepref-2019").values())


def test_trimestre(resultats) -> None:  # noqa: ANN001
    lignes = _lire(opendata.construire(resultats, SITE, publication_exemple("2023-T4")))[1:]
    appels = next(ligne for ligne in lignes if ligne[5] == "TAUX-DECROCHE-AGENT")
    assert (appels[6], appels[7], appels[11]) == ("91,3", "trimestrielle", "2023-T4")


def test_date_du_jour_a_paris() -> None:
    import datetime as dt

    faits = {**publication_exemple("2023"), "publie_le": dt.datetime(2023, 1, 20, 23, 30)}  # UTC: 21 in Paris
    ligne = _lire(opendata.construire(resultats_exemple(), SITE, faits))[1]
    assert ligne[8] == "21 janvier 2023"


def test_valeurs_a_la_francaise() -> None:
    assert [opendata.valeur_csv(v) for v in (77.6, 1433825.0, -0.4, 0.0, 2 / 3, -0.001)] == \
        ["77,6", "1433825", "-0,4", "0", "0,67", "0"]


def test_injection_de_formules_neutralisee(resultats) -> None:  # noqa: ANN001
    for texte in ACTIONS_PIEGEES + ["\tx", "\rx", "+1"]:
        assert neutraliser_csv(texte) == "'" + texte
    assert neutraliser_csv("Préfecture") == "Préfecture"
    piege = dataclasses.replace(SITE, nom=ACTIONS_PIEGEES[0], ville="@SUM(A1)", code_postal="-1+2")
    ligne = _lire(opendata.construire(resultats, piege, publication_exemple("2023")))[1]
    assert len(ligne) == len(opendata.ENTETES)
    assert ligne[2] == "'" + ACTIONS_PIEGEES[0]
    assert ligne[3] == "'-1+2" and ligne[4] == "'@SUM(A1)"
    assert all(not champ.startswith(("=", "+", "-", "@")) for champ in ligne if not champ[:1].isdigit())


def test_resultats_publies_seulement(resultats) -> None:  # noqa: ANN001
    with pytest.raises(PublicationManquante):
        opendata.construire(resultats, SITE, None)
