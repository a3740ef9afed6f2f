"""What every reader shares: the header row found among titles, Excel's column letters."""

from __future__ import annotations

from qualepref.imports.fichier_lu import lettre_colonne, reperer_entete
from qualepref.imports.releve import indice_colonne


def test_reperer_entete_apres_des_titres() -> None:
    reconnus = {"reference": "reference", "canal": "canal", "date de reception": "date_reception"}
    premieres = [["Journal 2024", None], [], ["  RÉFÉRENCE ", "Canal", "Autre", "Date de réception (jj/mm/aaaa)"],
                 ["A1", "Courriel"]]
    assert reperer_entete(premieres, reconnus) == (3, {0: "reference", 1: "canal", 3: "date_reception"}, {})
    assert reperer_entete([["x", 1], []], reconnus) == (0, {}, {})
    ligne, trouvees, doublons = reperer_entete([["Canal", "Référence", "canal"]], reconnus)
    assert (ligne, trouvees, doublons) == (1, {0: "canal", 1: "reference"}, {"canal": [0, 2]})
    deux_noms = {"code": "indicateur", "libelle": "indicateur", "periode": "periode"}
    assert reperer_entete([["Code", "Libellé", "Période"]], deux_noms) == (1, {0: "indicateur", 2: "periode"}, {})


def test_lettres_de_colonnes() -> None:
    assert [lettre_colonne(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]
    assert [indice_colonne(x) for x in ("A", "Z", "AA", "AB", "ZZ", "AAA")] == [0, 25, 26, 27, 701, 702]
