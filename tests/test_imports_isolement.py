"""The reading child process (qualepref/imports/isolement.py): limits that become one French sentence naming the
file, and the rows and problems handed back intact."""

from __future__ import annotations

import pandas as pd

from qualepref.imports import isolement
from qualepref.imports.analyse import analyser_fichier
from qualepref.imports.isolement import Limites, analyser_isole
from tests.corpus import generer
from tests.corpus.generer import AUJOURD_HUI

TAILLE = 50 * 1024 * 1024


def _lire(contenu: bytes, nom: str, limites: Limites | None = None, type_donnees: str = "journal"):
    return analyser_isole(contenu, nom, type_donnees, "qualepref-2019", None, AUJOURD_HUI, 500_000, TAILLE,
                          limites=limites)


def test_l_enfant_rend_les_memes_lignes_et_problemes_que_la_lecture_sur_place() -> None:
    contenu = generer.xlsx({"Journal": generer.journal_avec(3, "Canal", "fax")})
    lignes, problemes = _lire(contenu, "journal.xlsx")
    sur_place = analyser_fichier(contenu, "journal.xlsx", "journal", "qualepref-2019", None, AUJOURD_HUI, 500_000,
                                 TAILLE)
    pd.testing.assert_frame_equal(lignes, sur_place[0])
    assert problemes == sur_place[1]
    assert [p.texte for p in problemes] == [
        "journal.xlsx, feuille « Journal », ligne 3, colonne « Canal » : valeur « fax » inconnue (valeurs admises : "
        "courrier, courriel, formulaire, urne, téléphone)."]


def test_une_limite_de_memoire_atteinte_devient_le_message_qui_nomme_le_fichier() -> None:
    """64 Mio of address space cannot even hold the reader's libraries: the child stops, the parent says why."""
    contenu = generer.xlsx({"Journal": [generer.JOURNAL_ENTETES, *generer.JOURNAL]})
    lignes, problemes = _lire(contenu, "journal lourd.xlsx", Limites(memoire_mo=64, delai_s=60))
    assert lignes.empty
    assert [p.texte for p in problemes] == [
        "journal lourd.xlsx : le fichier « journal lourd.xlsx » n'a pas pu être lu (il dépasse la mémoire permise pour "
        "lire un fichier, 64 Mo) : il contient sans doute des cellules très éloignées du tableau ou beaucoup trop de "
        "lignes ; supprimez-les (Ctrl+Fin dans Excel montre la dernière cellule) ou découpez le fichier, puis "
        "déposez-le à nouveau."]


def test_un_delai_depasse_devient_le_message_qui_nomme_le_fichier() -> None:
    contenu = generer.xlsx({"Journal": [generer.JOURNAL_ENTETES, *generer.JOURNAL]})
    lignes, problemes = _lire(contenu, "journal.xlsx", Limites(memoire_mo=2048, delai_s=0.05))
    assert lignes.empty
    assert [p.texte for p in problemes] == [
        "journal.xlsx : le fichier « journal.xlsx » n'a pas pu être lu (il dépasse le temps permis pour lire un "
        "fichier, 0,05 secondes) : découpez-le (par année par exemple) puis importez chaque partie."]


def test_l_enfant_se_limite_lui_meme_avant_de_lire() -> None:
    import resource

    programme = ("import resource, sys; from qualepref.imports.isolement import _limiter; _limiter(1500, 30); "
                 "print(resource.getrlimit(resource.RLIMIT_AS)[0], resource.getrlimit(resource.RLIMIT_CPU)[0])")
    import subprocess
    import sys

    sortie = subprocess.run([sys.executable, "-c", programme], cwd=isolement.RACINE, capture_output=True, text=True,
                            check=True, timeout=120)
    assert sortie.stdout.split() == [str(1500 * 1024 * 1024), "35"]
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != 1500 * 1024 * 1024  # the parent is not limited


def _qualepref_charge() -> bytes:
    """Qual-e-pref as the référent loads it: its workbook with E10-APPELS-ABOUTIS renamed E10-APPELS-DECROCHES (the
    new code exists only in the loaded version, the old one no longer does)."""
    import io

    from openpyxl import load_workbook

    from qualepref.referentiel import charger
    from qualepref.referentiel.classeur import classeur

    wb = load_workbook(io.BytesIO(classeur(charger("qualepref-2019"))))
    feuille = wb["Indicateurs"]
    code = next(c.column for c in feuille[1] if c.value == "Code")
    for ligne in range(2, feuille.max_row + 1):
        if feuille.cell(row=ligne, column=code).value == "E10-APPELS-ABOUTIS":
            feuille.cell(row=ligne, column=code).value = "E10-APPELS-DECROCHES"
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


def test_les_codes_sont_ceux_de_la_version_en_place(moteur_sqlite, tmp_path) -> None:  # noqa: ANN001
    """The child checks the file against the version in place (handed to it as plain data), not the built-in file:
    the loaded code is accepted, the code it removed is refused with the exact message, and nothing is stored."""
    from qualepref.imports.pipeline import importer_fichier
    from qualepref.referentiels_en_place import activer, referentiel_en_place
    from qualepref.sites import enregistrer_site
    from qualepref.store import load_donnees

    activer(moteur_sqlite, _qualepref_charge(), "qualepref.xlsx", "referent")
    enregistrer_site(moteur_sqlite, code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True,
                     modules=(1, 2, 4))
    valeurs = [["Indicateur", "Période", "Valeur"], ["E10-APPELS-DECROCHES", "2024-T1", 91]]
    lignes, problemes = analyser_isole(generer.xlsx({"Valeurs": valeurs}), "v.xlsx", "indicateurs",
                                       referentiel_en_place(moteur_sqlite, "qualepref-2019"), None, AUJOURD_HUI,
                                       500_000, TAILLE)
    assert problemes == []
    assert lignes[["indicateur", "periode", "valeur"]].values.tolist() == [["E10-APPELS-DECROCHES", "2024-T1", 91.0]]

    fichier = tmp_path / "valeurs.xlsx"
    fichier.write_bytes(generer.xlsx({"Valeurs": [*valeurs, ["E10-APPELS-ABOUTIS", "2024-T1", 90]]}))
    code, message = importer_fichier(moteur_sqlite, fichier, "indicateurs", "PREF-51", None, remplacer=False,
                                     utilisateur="referent", aujourd_hui=AUJOURD_HUI)
    assert (code, message.splitlines()) == (1, [
        "valeurs.xlsx : import refusé, 1 erreur ; rien n'a été enregistré.",
        "valeurs.xlsx, feuille « Valeurs », ligne 3, colonne « Indicateur » : indicateur « E10-APPELS-ABOUTIS » "
        "inconnu du référentiel « Qual-e-pref » (codes et libellés : feuille « Indicateurs » du modèle)."])
    assert load_donnees(moteur_sqlite, "indicateurs", "PREF-51").empty

    fichier.write_bytes(generer.xlsx({"Valeurs": valeurs}))
    code, message = importer_fichier(moteur_sqlite, fichier, "indicateurs", "PREF-51", None, remplacer=False,
                                     utilisateur="referent", aujourd_hui=AUJOURD_HUI)
    assert code == 0, message
    assert load_donnees(moteur_sqlite, "indicateurs", "PREF-51")["indicateur"].tolist() == ["E10-APPELS-DECROCHES"]
