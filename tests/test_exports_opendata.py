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

ENTETE = ("Code SP+ de la structure;Intitulé de la typologie;Intitulé de la structure;Code postal;Ville;"
          "Code SP+ de l'indicateur;Indicateur;Valeur;Unité;Fréquence;Date de mise à jour")


@pytest.fixture(scope="module")
def resultats():  # noqa: ANN201
    return resultats_exemple()


def _lire(contenu: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(contenu.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_bom_et_entete_exacte(resultats) -> None:  # noqa: ANN001
    contenu = opendata.construire(resultats, SITE, publication_exemple("2023"))
    assert contenu.startswith(b"\xef\xbb\xbf")
    assert contenu.decode("utf-8")[1:].split("\r\n")[0] == ENTETE


def test_une_ligne_par_indicateur_mesure(resultats) -> None:  # noqa: ANN001
    lignes = _lire(opendata.construire(resultats, SITE, publication_exemple("2023")))[1:]
    annuels = resultats.annuels()
    mesures = annuels[annuels["valeur"].notna()]
    assert [ligne[5] for ligne in lignes] == list(mesures["code"])
    assert "E15-PAN-JOUR" not in {ligne[5] for ligne in lignes}
    appels = next(ligne for ligne in lignes if ligne[5] == "E10-APPELS-ABOUTIS")
    assert appels == ["SP-2251", "Préfecture", "Préfecture de la Marne", "51000", "Châlons-en-Champagne",
                      "E10-APPELS-ABOUTIS", "Taux d'appels aboutis au niveau général", "89", "%", "Annuelle",
                      "12/02/2024"]
    for ligne, valeur in zip(lignes, mesures["valeur"], strict=True):
        assert float(ligne[7].replace(",", ".")) == pytest.approx(float(valeur), abs=0.005)
    assert next(ligne for ligne in lignes if ligne[5] == "E19-RESEAUX")[7] == "119485"
    assert next(ligne for ligne in lignes if ligne[5] == "E3-DELAI-RECLAMATIONS")[7] == "4,2"


def test_trimestre(resultats) -> None:  # noqa: ANN001
    lignes = _lire(opendata.construire(resultats, SITE, publication_exemple("2023-T4")))[1:]
    appels = next(ligne for ligne in lignes if ligne[5] == "E10-APPELS-ABOUTIS")
    assert (appels[7], appels[9]) == ("91,3", "Trimestrielle")
    assert len(lignes) == int((resultats.indicateurs["periode"] == "2023-T4").sum())


def test_valeurs_a_la_francaise() -> None:
    assert [opendata.valeur_csv(v) for v in (77.6, 1433825.0, -0.4, 0.0, 2 / 3, -0.001)] == \
        ["77,6", "1433825", "-0,4", "0", "0,67", "0"]


def test_injection_de_formules_neutralisee(resultats) -> None:  # noqa: ANN001
    for texte in ACTIONS_PIEGEES + ["\tx", "\rx", "+1"]:
        assert neutraliser_csv(texte) == "'" + texte
    assert neutraliser_csv("Préfecture") == "Préfecture"
    piege = dataclasses.replace(SITE, nom=ACTIONS_PIEGEES[0], ville="@SUM(A1)", code_postal="-1+2")
    ligne = _lire(opendata.construire(resultats, piege, publication_exemple("2023")))[1]
    assert ligne[2] == "'" + ACTIONS_PIEGEES[0]
    assert ligne[3] == "'-1+2" and ligne[4] == "'@SUM(A1)"
    assert all(not champ.startswith(("=", "+", "-", "@")) for champ in ligne if not champ[:1].isdigit())


def test_resultats_publies_seulement(resultats) -> None:  # noqa: ANN001
    with pytest.raises(PublicationManquante):
        opendata.construire(resultats, SITE, None)
