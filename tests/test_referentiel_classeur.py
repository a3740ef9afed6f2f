"""The referential as a workbook: written (sheets, French headers, « Aide », drop-down lists), read back identical,
an edited one's differences, a refused one's exact messages, a version stored and put in place."""

from __future__ import annotations

import dataclasses
import io

import pandas as pd
import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from qualepref.referentiel import charger, versions
from qualepref.referentiel.classeur import classeur
from qualepref.referentiel.differences import AUCUNE, differences
from qualepref.referentiel.lecture_classeur import ClasseurInvalide, lire_classeur
from qualepref.referentiels_en_place import activer, examiner, referentiel_en_place
from qualepref.resultats import calculer, vers_json
from qualepref.store.pilotage import version_donnees
from qualepref.store.referentiels import load_historique_referentiels
from tests import test_resultats as exemple

FEUILLES = ["Aide", "Référentiel", "Modules", "Engagements", "Déclinaisons", "Éléments de preuve", "Indicateurs",
            "Délais", "Dispositions", "Périmètre", "Correspondances", "Canaux", "Natures", "Réponses", "Listes"]


def _sans_origine(ref):  # noqa: ANN001, ANN202 - where it was read from is not what it says
    return dataclasses.replace(ref, fichier="", herite=None)


@pytest.fixture(scope="module")
def classeur_qualepref() -> bytes:
    return classeur(charger("qualepref-2019"))


@pytest.mark.parametrize("code", versions())
def test_aller_retour_identique(code: str) -> None:
    ref = charger(code)
    relu = lire_classeur(classeur(ref), f"{code}.xlsx")
    assert _sans_origine(relu) == _sans_origine(ref)
    assert differences(ref, relu) == [AUCUNE]


def test_aller_retour_memes_resultats_au_chiffre_pres(classeur_qualepref: bytes) -> None:
    ref = charger("qualepref-2019")
    relu = lire_classeur(classeur_qualepref, "qualepref.xlsx")
    cibles = pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"])
    avant = calculer(ref, exemple.SITE, exemple.donnees(), 2024, cibles, exemple.AUJOURD_HUI)
    apres = calculer(relu, exemple.SITE, exemple.donnees(), 2024, cibles, exemple.AUJOURD_HUI)
    assert vers_json(apres) == vers_json(avant)
    assert avant.annuels().set_index("code").loc["E3-REPONSES-DELAI", "valeur"] == 75.0


def test_feuilles_entetes_aide_et_listes(classeur_qualepref: bytes) -> None:
    wb = load_workbook(io.BytesIO(classeur_qualepref))
    assert wb.sheetnames == FEUILLES
    assert wb["Listes"].sheet_state == "hidden"
    entetes = {nom: [c.value for c in wb[nom][1]] for nom in ("Engagements", "Indicateurs", "Délais")}
    assert entetes["Engagements"] == ["Module", "Engagement", "Titre", "Libellé court", "Méthode de contrôle",
                                      "Sans objet possible", "Preuves conditionnelles",
                                      "Motif des preuves conditionnelles"]
    assert entetes["Indicateurs"][:9] == ["Code", "Libellé", "Libellé court", "Engagement", "Unité", "Sens",
                                          "Périodicité", "Agrégation", "Cible"]
    assert {"Seuil", "Code SP+", "Délai en heures"} <= set(entetes["Indicateurs"])
    assert entetes["Délais"][:5] == ["Code", "Engagement", "Natures de demande", "Canaux", "Jours ouvrés"]
    indicateurs = wb["Indicateurs"]
    assert indicateurs.max_row == len(charger("qualepref-2019").indicateurs) + 1
    listes = {str(v.sqref): v.formula1 for v in indicateurs.data_validations.dataValidation}
    colonne_sens = "F"
    assert f"{colonne_sens}2:{colonne_sens}1000" in listes
    plage = listes[f"{colonne_sens}2:{colonne_sens}1000"].split("!")[1].replace("$", "")
    assert [c.value for c in wb["Listes"][plage.split(":")[0][0]]][1:3] == ["hausse", "baisse"]
    aide = [c.value for c in wb["Aide"]["A"]]
    assert "Feuille « Indicateurs »" in aide and "Feuille « Correspondances »" in aide
    textes = {r[0].value: r[1].value for r in wb["Référentiel"].iter_rows(min_row=2)}
    assert textes == {"Code": "qualepref-2019", "Titre": "Qual-e-pref", "Version": "2018, mise à jour de février 2019",
                      "Statut": "officiel", "Correspond à": None}


def _colonne(ws, entete: str) -> int:  # noqa: ANN001
    return next(c.column for c in ws[1] if c.value == entete)


def _ligne(ws, entete: str, valeur: object) -> int:  # noqa: ANN001
    j = _colonne(ws, entete)
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=j).value == valeur)


def _modifier(contenu: bytes, modification) -> bytes:  # noqa: ANN001
    wb = load_workbook(io.BytesIO(contenu))
    modification(wb)
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


def _edition(wb) -> None:  # noqa: ANN001
    eng = wb["Engagements"]
    eng.cell(row=_ligne(eng, "Engagement", 3), column=_colonne(eng, "Titre")).value = "À votre écoute"
    eng.append([1, 55, "Nous publions nos résultats"])
    ind = wb["Indicateurs"]
    ind.cell(row=_ligne(ind, "Code", "E17-COURRIELS-DELAI"), column=_colonne(ind, "Cible")).value = 95
    ind.delete_rows(_ligne(ind, "Code", "E19-CONNEXIONS-RESEAUX"))
    delais = wb["Délais"]
    delais.cell(row=_ligne(delais, "Code", "E17-COURRIEL"), column=_colonne(delais, "Jours ouvrés")).value = 4


def test_differences_d_un_classeur_modifie(classeur_qualepref: bytes) -> None:
    modifie = lire_classeur(_modifier(classeur_qualepref, _edition), "qualepref.xlsx")
    assert differences(charger("qualepref-2019"), modifie) == [
        "Engagement 3 renommé : « A votre écoute pour progresser » devient « À votre écoute ».",
        "Engagement 55 ajouté (module 1) : « Nous publions nos résultats ».",
        "Indicateur E17-COURRIELS-DELAI : cible 90\u00a0% → 95\u00a0%.",
        "Indicateur E19-CONNEXIONS-RESEAUX retiré : « Nombre de connexions par mois sur les réseaux sociaux ».",
        "Règle de délai E17-COURRIEL (engagement 17) : délai 5 jours ouvrés → 4 jours ouvrés.",
    ]
    assert modifie.regle_delai("information", "formulaire", 2024).jours_ouvres == 4


def _erreurs(wb) -> None:  # noqa: ANN001
    ind = wb["Indicateurs"]
    ligne = _ligne(ind, "Code", "E17-COURRIELS-DELAI")
    ind.cell(row=ligne, column=_colonne(ind, "Engagement")).value = "17, 99"
    ind.cell(row=_ligne(ind, "Code", "E3-DELAI-MOYEN"), column=_colonne(ind, "Code")).value = "E3-REPONSES-DELAI"
    ind.cell(row=ligne, column=_colonne(ind, "Sens")).value = "monte"
    delais = wb["Délais"]
    delais.cell(row=_ligne(delais, "Code", "E17-COURRIEL"), column=_colonne(delais, "Jours ouvrés")).value = None
    delais.cell(row=_ligne(delais, "Code", "E36-COURRIEL"), column=_colonne(delais, "Jours ouvrés")).value = "cinq"
    eng = wb["Engagements"]
    eng.cell(row=_ligne(eng, "Engagement", 20), column=_colonne(eng, "Module")).value = 12


def test_classeur_refuse_messages_exacts(classeur_qualepref: bytes) -> None:
    with pytest.raises(ClasseurInvalide) as erreur:
        lire_classeur(_modifier(classeur_qualepref, _erreurs), "referentiel.xlsx")
    assert [p.texte for p in erreur.value.problemes] == [
        "referentiel.xlsx, feuille « Engagements », ligne 21, colonne « Module » : le module 12 n'existe pas "
        "(feuille « Modules »).",
        "referentiel.xlsx, feuille « Indicateurs », ligne 6, colonne « Code » : la valeur « E3-REPONSES-DELAI » est "
        "en double (déjà ligne 5).",
        "referentiel.xlsx, feuille « Indicateurs », ligne 20, colonne « Sens » : valeur « monte » inconnue (valeurs "
        "permises : hausse, baisse).",
        "referentiel.xlsx, feuille « Indicateurs », ligne 20, colonne « Engagement » : l'engagement 99 n'existe pas "
        "(feuille « Engagements »).",
        "referentiel.xlsx, feuille « Délais », ligne 5, colonne « Jours ouvrés » : valeur obligatoire absente.",
        "referentiel.xlsx, feuille « Délais », ligne 12, colonne « Jours ouvrés » : un nombre entier est attendu "
        "(valeur « cinq »).",
    ]


def test_fichier_qui_n_est_pas_un_classeur() -> None:
    with pytest.raises(ClasseurInvalide) as erreur:
        lire_classeur(b"pas un classeur", "referentiel.xlsx")
    assert len(erreur.value.problemes) == 1
    assert erreur.value.problemes[0].texte.startswith("referentiel.xlsx : ")


def test_feuille_absente(classeur_qualepref: bytes) -> None:
    sans = _modifier(classeur_qualepref, lambda wb: wb.remove(wb["Délais"]))
    with pytest.raises(ClasseurInvalide) as erreur:
        lire_classeur(sans, "r.xlsx")
    assert [p.texte for p in erreur.value.problemes] == ["r.xlsx : la feuille « Délais » est absente."]


def test_examiner_ne_stocke_rien_activer_met_en_place(moteur_sqlite: Engine, classeur_qualepref: bytes) -> None:
    modifie = _modifier(classeur_qualepref, _edition)
    stamp = version_donnees(moteur_sqlite, "PREF-T")
    examen = examiner(moteur_sqlite, modifie, "qualepref.xlsx")
    assert examen.remplace == charger("qualepref-2019") and len(examen.differences) == 5
    assert load_historique_referentiels(moteur_sqlite).empty
    assert referentiel_en_place(moteur_sqlite, "qualepref-2019") is charger("qualepref-2019")
    activer(moteur_sqlite, modifie, "qualepref.xlsx", "marie.dupont")
    en_place = referentiel_en_place(moteur_sqlite, "qualepref-2019")
    assert en_place.indicateur("E17-COURRIELS-DELAI").cible == 95.0
    assert version_donnees(moteur_sqlite, "PREF-T") != stamp  # cached results follow the new version
    assert examiner(moteur_sqlite, modifie, "qualepref.xlsx").differences == (AUCUNE,)
    activer(moteur_sqlite, classeur_qualepref, "qualepref-initial.xlsx", "jean.martin")
    historique = load_historique_referentiels(moteur_sqlite)
    assert historique[["code", "fichier", "charge_par"]].values.tolist() == [
        ["qualepref-2019", "qualepref-initial.xlsx", "jean.martin"], ["qualepref-2019", "qualepref.xlsx",
                                                                       "marie.dupont"]]
    assert referentiel_en_place(moteur_sqlite, "qualepref-2019").indicateur("E17-COURRIELS-DELAI").cible == 90.0


def _lancer(*argv: str) -> tuple[int, str, str]:
    from qualepref.cli import main

    sortie, erreurs = io.StringIO(), io.StringIO()
    code = main(list(argv), sortie, erreurs)
    return code, sortie.getvalue(), erreurs.getvalue()


def test_ligne_de_commande(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from qualepref.store import creer_moteur

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("QUALEPREF_DATABASE_URL", url)
    fichier = tmp_path / "ate.xlsx"
    code, sortie, erreurs = _lancer("referentiel", "--version", "quali-ate", "--format", "xlsx", "--sortie",
                                    str(fichier))
    assert (code, erreurs) == (0, "")
    assert sortie == f"Référentiel « Quali-ATE » (ébauche 2024 (présentation de préfecture)) écrit : {fichier}\n"
    code, sortie, erreurs = _lancer("referentiel-importer", str(fichier))
    assert (code, erreurs) == (0, "")
    assert sortie.splitlines() == [
        "Référentiel « Quali-ATE » (quali-ate), version « ébauche 2024 (présentation de préfecture) » : classeur "
        "valide.", "Différences avec la version en place :", "- Aucune différence avec la version en place.",
        "Rien n'est enregistré ; ajoutez --activer pour mettre cette version en place."]

    def officiel(wb) -> None:  # noqa: ANN001
        entete = wb["Référentiel"]
        entete.cell(row=_ligne(entete, "Champ", "Statut"), column=2).value = "officiel"
        entete.cell(row=_ligne(entete, "Champ", "Version"), column=2).value = "2025"
        eng = wb["Engagements"]
        eng.cell(row=_ligne(eng, "Engagement", 10), column=_colonne(eng, "Titre")).value = "Éco-responsabilité"

    fichier.write_bytes(_modifier(fichier.read_bytes(), officiel))
    code, sortie, erreurs = _lancer("referentiel-importer", str(fichier), "--activer", "--par", "Marie Dupont")
    assert (code, erreurs) == (0, "")
    assert sortie.splitlines()[1:] == [
        "Différences avec la version en place :",
        "- Version : « Quali-ATE, ébauche 2024 (présentation de préfecture) » devient « Quali-ATE, 2025 ».",
        "- Statut : ébauche devient texte officiel.",
        "- Engagement 10 renommé : « Eco-responsabilité » devient « Éco-responsabilité ».",
        "Version activée : « Quali-ATE » est désormais en place (la précédente est gardée).",
    ]
    moteur = creer_moteur(url)
    assert not referentiel_en_place(moteur, "quali-ate").ebauche
    assert load_historique_referentiels(moteur)["charge_par"].tolist() == ["Marie Dupont"]

    faux = tmp_path / "faux.xlsx"
    faux.write_bytes(_modifier(fichier.read_bytes(), lambda wb: wb["Engagements"].cell(row=3, column=1, value=42)))
    code, sortie, erreurs = _lancer("referentiel-importer", str(faux), "--activer")
    assert (code, sortie) == (1, "")
    assert erreurs == ("Classeur refusé (1 problème), rien n'est enregistré :\nfaux.xlsx, feuille « Engagements », "
                       "ligne 3, colonne « Module » : le module 42 n'existe pas (feuille « Modules »).\n")
    assert len(load_historique_referentiels(moteur)) == 1
    code, _, erreurs = _lancer("referentiel", "--version", "marianne", "--format", "xlsx", "--sortie", str(faux))
    assert code == 1 and erreurs.startswith("Référentiel « marianne » inconnu (disponibles : qualepref-2019, ")
