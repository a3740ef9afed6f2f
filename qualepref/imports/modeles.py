"""Downloadable templates (.xlsx, written with openpyxl): one per kind of data, filled in then imported as is.

Each template has the data sheet (canonical French headers, bold on a tinted band, the header row frozen, column
widths), drop-down lists on coded columns (values listed on a hidden sheet « Listes »), input checks on dates and
numbers, and a sheet « Aide » explaining each column, whether it is required, its format and its allowed values.
The indicators' template lists every indicator of the site's referential on a sheet « Indicateurs »; the survey's
has the two sheets « Réponses » and « Questionnaire ».
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from qualepref.imports.kinds import KINDS, QUESTIONNAIRE, Colonne, Kind
from qualepref.referentiel import Referentiel

DERNIERE_LIGNE = 1_048_576
BANDEAU = PatternFill("solid", start_color="E3E3FD", end_color="E3E3FD")  # bleu France, très clair
GRAS = Font(bold=True)
FORMATS = {
    "texte": "Texte", "code": "Une valeur de la liste (menu déroulant)", "date": "Date (jj/mm/aaaa)",
    "heure": "Heure (hh:mm, 14:30 ou 14h30)",
    "mois": "Mois (2024-05, 05/2024, mai 2024 ou une date du mois)", "nombre": "Nombre (1 234,5)",
    "entier": "Nombre entier", "taux": "Pourcentage (56, 56 % ou 0,56)", "annee": "Année (2024)",
    "periode": "Période : 2023 (année), 2023-T2 (trimestre) ou 2023-05 (mois)",
}
REPONSES_LISTE = ("Très satisfait", "Satisfait", "Peu satisfait", "Pas du tout satisfait", "Sans avis")
QUESTIONS_EXEMPLE = (
    ("Comment jugez-vous l'accueil qui vous a été réservé ?", "Accueil physique"),
    ("Si vous nous avez appelés : l'accueil téléphonique", "Accueil téléphonique"),
)
GENERALITES = (
    "Les en-têtes peuvent être écrits en majuscules ou sans accents, suivis d'une unité « (%) » ; une ou deux "
    "lignes de titre au-dessus sont acceptées ; les colonnes en plus sont ignorées.",
    "Formats acceptés : .xlsx, .ods, ou .csv (UTF-8 ou Windows-1252, séparateur « ; » ou « , »).",
    "Les dates : cellules date d'Excel, ou texte jj/mm/aaaa ou aaaa-mm-jj. Les nombres : virgule décimale et "
    "espaces entre les milliers acceptés.",
    "Tous les problèmes du fichier sont signalés en une fois, avec la feuille, la ligne et la colonne ; rien "
    "n'est enregistré tant qu'une erreur subsiste.",
)


def modele(type_donnees: str, referentiel: Referentiel) -> bytes:
    """The .xlsx template of ``type_donnees`` for a site using ``referentiel`` (KeyError for an unknown kind)."""
    kind = KINDS[type_donnees]
    classeur = Workbook()
    classeur.remove(classeur.active)
    listes = classeur.create_sheet("Listes")
    listes.sheet_state = "hidden"
    if type_donnees == "enquete":
        _feuilles_enquete(classeur, listes)
    else:
        feuille = classeur.create_sheet(kind.feuille, 0)
        _donnees(feuille, kind.colonnes, listes)
        if type_donnees == "indicateurs":
            _indicateurs(classeur, feuille, referentiel)
    _aide(classeur.create_sheet("Aide", len(classeur.sheetnames) - 1), kind)
    classeur.active = 0
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def _entetes(feuille: Worksheet, entetes: list[str], largeurs: list[int]) -> None:
    """Headers in bold on a tinted band, the header row frozen, column widths."""
    feuille.append(entetes)
    for i, (cellule, largeur) in enumerate(zip(feuille[1], largeurs, strict=True), start=1):
        cellule.font = GRAS
        cellule.fill = BANDEAU
        cellule.alignment = Alignment(vertical="center")
        feuille.column_dimensions[get_column_letter(i)].width = largeur
    feuille.freeze_panes = "A2"


def _largeur(colonne: Colonne) -> int:
    """A readable width for a column, after what it holds."""
    if colonne.nom in ("action", "critere", "sujet", "commentaire", "axe", "thematique", "indicateur"):
        return 50
    if colonne.genre == "texte":
        return 28
    return max(14, min(40, len(colonne.entete) + 6, max((len(a) for a in colonne.admises), default=0) + 6))


def _donnees(feuille: Worksheet, colonnes: tuple[Colonne, ...], listes: Worksheet) -> None:
    """The data sheet: headers and the input checks of each column."""
    _entetes(feuille, [c.entete for c in colonnes], [_largeur(c) for c in colonnes])
    for i, colonne in enumerate(colonnes, start=1):
        validation = _validation(colonne, listes)
        if validation is not None:
            lettre = get_column_letter(i)
            validation.add(f"{lettre}2:{lettre}{DERNIERE_LIGNE}")
            feuille.add_data_validation(validation)


def _liste(listes: Worksheet, titre: str, valeurs: tuple[str, ...]) -> str:
    """Write ``valeurs`` in a new column of the hidden sheet; the range formula for a drop-down list."""
    colonne = listes.max_column + 1 if listes.max_row > 1 or listes["A1"].value else 1
    lettre = get_column_letter(colonne)
    listes.cell(row=1, column=colonne, value=titre)
    for j, valeur in enumerate(valeurs, start=2):
        listes.cell(row=j, column=colonne, value=valeur)
    return f"=Listes!${lettre}$2:${lettre}${len(valeurs) + 1}"


def _validation(colonne: Colonne, listes: Worksheet) -> DataValidation | None:
    """The Excel input check of a column: a drop-down list, a date or number range; None for free text."""
    if colonne.genre == "code":
        regle = DataValidation(type="list", formula1=_liste(listes, colonne.entete, colonne.admises),
                               allow_blank=True)
        regle.error = "Choisissez une valeur de la liste : " + ", ".join(colonne.admises) + "."
    elif colonne.genre == "date":
        regle = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)",
                               formula2="DATE(2100,12,31)", allow_blank=True)
        regle.error = "Saisissez une date (jj/mm/aaaa)."
        regle.errorStyle = "warning"
    elif colonne.genre == "heure":
        regle = _validation_heure()
    elif colonne.genre in ("entier", "nombre", "taux"):
        regle = DataValidation(type="whole" if colonne.genre == "entier" else "decimal", operator="between",
                               formula1="0", formula2="100" if colonne.genre == "taux" else "1000000000",
                               allow_blank=True)
        regle.error = "Saisissez un nombre positif" + (" entre 0 et 100." if colonne.genre == "taux" else ".")
        regle.errorStyle = "warning"
    elif colonne.genre == "annee":
        regle = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True)
        regle.error = "Saisissez une année (2024 par exemple)."
    else:
        return None
    regle.errorTitle = f"Colonne « {colonne.entete} »"
    regle.showErrorMessage = True
    return regle


def _validation_heure() -> DataValidation:
    """The input check of a time column (the crisis log): a time of day, 00:00 to 23:59."""
    regle = DataValidation(type="time", operator="between", formula1="0", formula2="0.999988", allow_blank=True)
    regle.error = "Saisissez une heure (hh:mm, par exemple 14:30)."
    regle.errorStyle = "warning"
    return regle


def _indicateurs(classeur: Workbook, feuille: Worksheet, referentiel: Referentiel) -> None:
    """The sheet listing every indicator of the referential; a drop-down of codes (libellés also accepted)."""
    liste = classeur.create_sheet("Indicateurs", 1)
    _entetes(liste, ["Code", "Libellé", "Unité", "Périodicité", "Module", "Engagements"], [32, 90, 16, 14, 9, 14])
    for i in referentiel.indicateurs:
        liste.append([i.code, i.libelle, i.unite, i.periodicite, i.module, ", ".join(str(e) for e in i.engagements)])
    regle = DataValidation(type="list", formula1=f"=Indicateurs!$A$2:$A${len(referentiel.indicateurs) + 1}",
                           allow_blank=True)
    regle.showErrorMessage = False  # a libellé typed instead of the code is accepted by the import
    regle.add(f"A2:A{DERNIERE_LIGNE}")
    feuille.add_data_validation(regle)


def _feuilles_enquete(classeur: Workbook, listes: Worksheet) -> None:
    """« Réponses » (Année, one column per question, drop-downs of answers) and « Questionnaire » (question →
    theme), with two example questions to replace."""
    reponses = classeur.create_sheet("Réponses", 0)
    questions = [q for q, _ in QUESTIONS_EXEMPLE]
    _entetes(reponses, ["Année", *questions], [10, *(45 for _ in questions)])
    regle = DataValidation(type="list", formula1=_liste(listes, "Réponse", REPONSES_LISTE), allow_blank=True)
    regle.error = "Choisissez une réponse de la liste : " + ", ".join(REPONSES_LISTE) + "."
    regle.errorTitle = "Réponse"
    regle.showErrorMessage = True
    regle.add(f"B2:{get_column_letter(60)}{DERNIERE_LIGNE}")
    reponses.add_data_validation(regle)
    annee = _validation(KINDS["enquete"].colonne("annee"), listes)
    annee.add(f"A2:A{DERNIERE_LIGNE}")
    reponses.add_data_validation(annee)
    questionnaire = classeur.create_sheet("Questionnaire", 1)
    _entetes(questionnaire, [c.entete for c in QUESTIONNAIRE], [70, 35])
    for question, theme in QUESTIONS_EXEMPLE:
        questionnaire.append([question, theme])


def _aide(feuille: Worksheet, kind: Kind) -> None:
    """The « Aide » sheet: what the file holds, then one row per column (required, format, values, explanation)."""
    feuille.append([f"Modèle d'import : {kind.libelle}"])
    feuille["A1"].font = Font(bold=True, size=14)
    feuille.append([kind.aide])
    feuille.append([])
    colonnes = kind.colonnes if kind.code != "enquete" else (*kind.colonnes, *QUESTIONNAIRE)
    feuille.append(["Colonne", "Obligatoire", "Contenu attendu", "Valeurs admises", "Explication"])
    for cellule in feuille[4]:
        cellule.font = GRAS
        cellule.fill = BANDEAU
    for colonne in colonnes:
        feuille.append([colonne.entete, "oui" if colonne.obligatoire else "non", FORMATS[colonne.genre],
                        ", ".join(colonne.admises) if colonne.admises else "", colonne.aide])
    if kind.code == "enquete":
        feuille.append(["(une colonne par question)", "oui", "Une réponse de la liste", ", ".join(REPONSES_LISTE),
                        "Feuille « Réponses » : l'en-tête de la colonne est le texte de la question, tel qu'écrit "
                        "dans la feuille « Questionnaire ». Une case vide vaut « sans avis »."])
    feuille.append([])
    for texte in (*kind.notes, *GENERALITES):
        feuille.append([texte])
    for lettre, largeur in zip("ABCDE", (28, 12, 40, 50, 90), strict=True):
        feuille.column_dimensions[lettre].width = largeur
    for ligne in feuille.iter_rows(min_row=5):
        for cellule in ligne:
            cellule.alignment = Alignment(wrap_text=True, vertical="top")
