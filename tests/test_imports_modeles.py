"""Templates: the data sheet, drop-down lists on coded columns, the « Aide » sheet, the referential's indicators,
the survey's two sheets; and a template filled in as a référent would imports without a problem."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.xml import DEFUSEDXML

from qualepref import store
from qualepref.imports.kinds import KINDS
from qualepref.imports.modeles import REPONSES_LISTE, modele
from qualepref.imports.pipeline import analyser, importer
from qualepref.referentiel import charger

REF = charger("qualepref-2019")
JOUR = dt.date(2025, 6, 15)


def classeur(type_donnees: str, referentiel: str = "qualepref-2019") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(modele(type_donnees, charger(referentiel))))


def test_openpyxl_lit_avec_defusedxml() -> None:
    assert DEFUSEDXML is True


@pytest.mark.parametrize("type_donnees", [k for k in KINDS if k != "enquete"])
def test_feuille_de_donnees(type_donnees: str) -> None:
    kind = KINDS[type_donnees]
    wb = classeur(type_donnees)
    feuille = wb.worksheets[0]
    assert feuille.title == kind.feuille and wb.active.title == kind.feuille
    assert [c.value for c in feuille[1]] == [c.entete for c in kind.colonnes]
    assert feuille.max_row == 1
    assert feuille.freeze_panes == "A2"
    assert all(c.font.bold for c in feuille[1])
    assert all(feuille.column_dimensions[chr(65 + i)].width >= 14 for i in range(len(kind.colonnes)))
    assert wb["Listes"].sheet_state == "hidden"


@pytest.mark.parametrize("type_donnees", [k for k in KINDS if k != "enquete"])
def test_listes_deroulantes_sur_les_colonnes_codees(type_donnees: str) -> None:
    kind = KINDS[type_donnees]
    wb = classeur(type_donnees)
    feuille, listes = wb.worksheets[0], wb["Listes"]
    par_colonne = {str(v.sqref).split(":")[0].rstrip("0123456789"): v for v in feuille.data_validations.dataValidation}
    for i, colonne in enumerate(kind.colonnes):
        lettre = chr(65 + i)
        if colonne.genre != "code":
            assert lettre not in par_colonne or par_colonne[lettre].type != "list" or colonne.nom == "indicateur"
            continue
        regle = par_colonne[lettre]
        assert (regle.type, str(regle.sqref)) == ("list", f"{lettre}2:{lettre}1048576")
        plage = regle.formula1.split("!")[1].replace("$", "")
        valeurs = [c.value for ligne in listes[plage] for c in ligne]
        assert tuple(valeurs) == colonne.admises


def test_listes_du_journal() -> None:
    wb = classeur("journal")
    listes = wb["Listes"]
    colonnes = {listes.cell(1, c).value: [listes.cell(r, c).value for r in range(2, listes.max_row + 1)
                                          if listes.cell(r, c).value] for c in range(1, listes.max_column + 1)}
    assert colonnes == {
        "Canal": ["courrier", "courriel", "formulaire", "urne", "téléphone"],
        "Nature": ["demande d'information", "réclamation", "suggestion", "demande de collectivité", "mise à jour",
                   "demande de rendez-vous", "demande de pièces complémentaires", "traitement de dossier"],
        "Type de réponse": ["fond", "attente"],
        "Support": ["Site internet", "Serveur vocal interactif", "Affichage"],
        "Indisponibilité du demandeur": ["oui", "non"]}


def test_aide() -> None:
    aide = classeur("plan")["Aide"]
    assert aide["A1"].value == "Modèle d'import : Plan d'actions"
    assert [c.value for c in aide[4]] == ["Colonne", "Obligatoire", "Contenu attendu", "Valeurs admises", "Explication"]
    lignes = {r[0]: r[1:] for r in aide.iter_rows(min_row=5, max_row=14, values_only=True)}
    assert list(lignes) == [c.entete for c in KINDS["plan"].colonnes]
    assert lignes["Statut"][:3] == ("oui", "Une valeur de la liste (menu déroulant)",
                                    "à lancer, en cours, réalisée, abandonnée")
    assert lignes["Avancement"][:2] == ("non", "Pourcentage (56, 56 % ou 0,56)")
    assert lignes["Échéance"][:2] == ("non", "Date (jj/mm/aaaa)")


@pytest.mark.parametrize(("referentiel", "nombre", "engagement"), [("qualepref-2019", 56, "10"),
                                                                    ("quali-ate", 46, "2")])
def test_feuille_des_indicateurs_du_referentiel(referentiel: str, nombre: int, engagement: str) -> None:
    wb = classeur("indicateurs", referentiel)
    assert wb.sheetnames == ["Valeurs", "Indicateurs", "Aide", "Listes"]
    liste = wb["Indicateurs"]
    assert [c.value for c in liste[1]] == ["Code", "Libellé", "Unité", "Périodicité", "Module", "Engagements"]
    assert liste.max_row == nombre + 1
    e10 = next(r for r in liste.iter_rows(min_row=2, values_only=True) if r[0] == "E10-APPELS-ABOUTIS")
    assert e10 == ("E10-APPELS-ABOUTIS", "Taux d’appels aboutis au niveau général (Indigo et AP2022)", "%",
                   "trimestriel", 1, engagement)  # Quali-ATE numbers its engagements anew
    (regle,) = [v for v in wb["Valeurs"].data_validations.dataValidation if v.type == "list"]
    assert str(regle.sqref) == "A2:A1048576"
    assert regle.formula1 == f"=Indicateurs!$A$2:$A${nombre + 1}" and not regle.showErrorMessage


def test_modele_d_enquete() -> None:
    wb = classeur("enquete")
    assert wb.sheetnames == ["Réponses", "Questionnaire", "Aide", "Listes"]
    questions = [c.value for c in wb["Réponses"][1]][1:]
    assert wb["Réponses"]["A1"].value == "Année"
    assert [r[0] for r in wb["Questionnaire"].iter_rows(min_row=2, values_only=True)] == questions
    regles = {str(v.sqref): v for v in wb["Réponses"].data_validations.dataValidation}
    assert set(regles) == {"B2:BH1048576", "A2:A1048576"}
    listes = wb["Listes"]
    assert [listes.cell(r, 1).value for r in range(2, 7)] == list(REPONSES_LISTE)


def test_modele_du_journal_des_crises() -> None:
    """Date and time in two columns each; the times checked as times of day, the « Aide » saying the format."""
    wb = classeur("crises")
    assert wb.sheetnames == ["Crises", "Aide", "Listes"]
    regles = {str(v.sqref): v.type for v in wb["Crises"].data_validations.dataValidation}
    assert regles == {"B2:B1048576": "date", "C2:C1048576": "time", "D2:D1048576": "date", "E2:E1048576": "time"}
    lignes = {r[0]: r[1:3] for r in wb["Aide"].iter_rows(min_row=5, max_row=9, values_only=True)}
    assert lignes["Heure d'activation du COD"] == ("oui", "Heure (hh:mm, 14:30 ou 14h30)")
    assert lignes["Heure d'information des élus"] == ("non", "Heure (hh:mm, 14:30 ou 14h30)")


def test_type_inconnu() -> None:
    with pytest.raises(KeyError):
        modele("courriers", REF)


# --- a template filled in imports -------------------------------------------------------------------------------

REMPLISSAGES: dict[str, list[list]] = {
    "journal": [["J-1", "courriel", "réclamation", dt.date(2024, 3, 4), None, dt.date(2024, 3, 6), "fond", "Accueil"],
                ["J-2", "urne", "suggestion", dt.date(2024, 3, 5), None, None, None, None]],
    "indicateurs": [["E10-APPELS-ABOUTIS", "2024-T1", 0.88, 880, 1000, None],
                    ["E19-CONNEXIONS-RESEAUX", "2024-03", 110000, None, None, "Meta"]],
    "enquete-agregee": [[2024, "Accueil physique", 120, 150, None], [2023, "Site internet", None, None, 0.76]],
    "mystere": [[dt.date(2024, 3, 4), "téléphone", "Décroché en moins de 5 sonneries", "non conforme"]],
    "plan": [["Axe 1", "Accueil", "Signalétique", "Préfecture", "Référente", dt.date(2024, 6, 30), "réalisée", 100, 5,
              2024]],
    "pan": [["Hall", dt.date(2024, 5, 1), "Étrangers", 154]],
    "avis": [[dt.date(2024, 4, 2), "Préfecture", "Accueil", "positif", dt.date(2024, 4, 5)]],
    "crises": [["Crue de la Marne", dt.date(2024, 3, 4), dt.time(14, 0), dt.date(2024, 3, 4), dt.time(14, 40)],
               ["Tempête", dt.date(2024, 6, 10), "8h00", None, None]],
}


def _rempli(type_donnees: str) -> bytes:
    wb = classeur(type_donnees)
    if type_donnees == "enquete":
        for ligne in ([2024, "Très satisfait", "Sans avis"], [2024, "Peu satisfait", None]):
            wb["Réponses"].append(ligne)
    else:
        for ligne in REMPLISSAGES[type_donnees]:
            wb.worksheets[0].append(ligne)
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


@pytest.mark.parametrize("type_donnees", list(KINDS))
def test_un_modele_rempli_s_importe(type_donnees: str, tmp_path: Path) -> None:
    moteur = store.creer_moteur("sqlite:///" + str(tmp_path / "t.db"))
    store.save_site(moteur, store.Site("S", "Préfecture", "prefecture", True, modules=(1, 2, 4)))
    a = analyser(_rempli(type_donnees), f"modele_{type_donnees}.xlsx", type_donnees, "S", "qualepref-2019", None,
                 aujourd_hui=JOUR)
    assert a.problemes == []
    attendu = 4 if type_donnees == "enquete" else len(REMPLISSAGES[type_donnees])
    assert importer(moteur, a, "r", remplacer=False).ajoutees == attendu
    stockees = store.load_donnees(moteur, type_donnees, "S")
    assert len(stockees) == attendu
    if type_donnees == "indicateurs":
        assert stockees["valeur"].round(6).tolist() == [88.0, 110000.0]
    if type_donnees == "plan":
        assert stockees["avancement"].tolist() == [100.0]
    if type_donnees == "enquete":
        assert stockees["reponse"].tolist() == ["tres_satisfait", "sans_avis", "peu_satisfait", "sans_avis"]
    moteur.dispose()


def test_aide_du_journal_et_ses_natures_datees() -> None:
    """The journal's template names its dated natures' columns and says what each date means (issue 15)."""
    wb = classeur("journal")
    assert [c.value for c in wb["Journal"][1]] == [
        "Référence", "Canal", "Nature", "Date de réception", "Date de complétude", "Date de réponse",
        "Type de réponse", "Service", "Engagement", "Support", "Date de proposition", "Date du rendez-vous",
        "Indisponibilité du demandeur", "Procédure"]
    aide = wb["Aide"]
    lignes = {r[0]: r[1:] for r in aide.iter_rows(min_row=5, max_row=18, values_only=True)}
    assert lignes["Support"][:3] == ("non", "Une valeur de la liste (menu déroulant)",
                                     "Site internet, Serveur vocal interactif, Affichage")
    assert lignes["Engagement"][:2] == ("non", "Nombre entier")
    notes = [r[0] for r in aide.iter_rows(min_row=19, values_only=True) if r[0]]
    assert notes[0].startswith("Mise à jour (engagements 1, 8, 11, 51) : Date de réception = le jour où le "
                               "responsable de la mise à jour est informé")
    assert any("30 jours ouvrés, délai par défaut, à remplacer" in n for n in notes)
