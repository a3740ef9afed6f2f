"""CSV files: the encodings Excel writes, the separator told from the first lines, uneven rows, Excel's numbering."""

from __future__ import annotations

import codecs

import pytest

from qualepref.imports.lecture_csv import classeur_csv
from tests.fichiers_imports import JOURNAL, JOURNAL_ENTETES, csv

LIGNES_CSV = [["Journal des demandes 2024"], [], JOURNAL_ENTETES, *JOURNAL]


@pytest.mark.parametrize("encodage", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_dans_les_encodages_d_excel(encodage: str) -> None:
    contenu = csv(LIGNES_CSV, encodage)
    if encodage == "utf-16":
        assert contenu.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    feuille = classeur_csv(contenu, "journal.csv", 100).feuille("")
    assert feuille.nom is None
    assert feuille.premieres[2] == JOURNAL_ENTETES
    donnees = feuille.donnees(3)
    assert list(donnees.index) == [4, 5, 6, 7, 8]
    assert donnees.loc[8].tolist() == ["A5", "Courriel", "Réclamation", "28/02/2024", "", "", "", "Étrangers"]


def test_virgule_comme_separateur_et_guillemets() -> None:
    contenu = b'Indicateur,P\xc3\xa9riode,Valeur\r\nE10-APPELS-ABOUTIS,2024-T1,"88,5"\r\n'
    feuille = classeur_csv(contenu, "valeurs.csv", 100).feuille("")
    assert feuille.donnees(1).loc[2].tolist() == ["E10-APPELS-ABOUTIS", "2024-T1", "88,5"]


def test_csv_aux_lignes_inegales_et_valeur_sur_deux_lignes() -> None:
    contenu = ("Référence;Canal\r\nA1;Courriel;en trop;encore\r\nA2\r\n\r\n\"A3\nsuite\";Urne\r\nA4;Courrier\r\n"
               ).encode()
    donnees = classeur_csv(contenu, "journal.csv", 100).feuille("").donnees(1)
    assert donnees.index.tolist() == [2, 3, 4, 5, 6]
    assert donnees.fillna("").values.tolist() == [["A1", "Courriel"], ["A2", ""], ["", ""], ["A3\nsuite", "Urne"],
                                                  ["A4", "Courrier"]]
