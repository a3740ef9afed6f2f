"""A referential as a workbook the référent can read, correct and load back (« Charger un référentiel »).

``vers_brut(ref)`` gives a referential as the plain data of a TOML file, flattened (nothing inherited: a loaded
version stands on its own); ``classeur(ref)`` writes that data as a workbook, one sheet per table with French
headers, an « Aide » sheet and drop-down lists where a value is coded; ``lecture_classeur.lire_classeur`` reads it
back. Exporting then importing a referential unchanged gives the same referential.

The columns are data (``FEUILLES``): a field the loader learns later (a floor, an alias) is one more ``Colonne``.
Fields of the dataclasses that no column names yet are written and read back under their own name (``_extras``),
so nothing the loader knows is lost on the way.
"""

from __future__ import annotations

import dataclasses
import io
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from qualepref import referentiel as r

DERNIERE_LIGNE = 1000  # drop-down lists cover the rows people will add
OUI, NON = "oui", "non"
STATUTS_LISIBLES = {"officiel": "officiel", "ebauche": "ébauche"}
GRAS = Font(bold=True)
BANDEAU = PatternFill("solid", fgColor="DDE5F0")


@dataclass(frozen=True)
class Colonne:
    """One column of a sheet: its French header, the key of the plain data, how its cells read, its help text.

    ``genre``: ``texte``, ``entier``, ``nombre``, ``booleen`` (oui/non), ``code`` (one of ``valeurs``),
    ``entiers`` / ``textes`` (a list separated by commas), ``lignes`` (a list, one item per line).
    """

    entete: str
    cle: str
    genre: str = "texte"
    obligatoire: bool = False
    valeurs: tuple[str, ...] = ()
    aide: str = ""


@dataclass(frozen=True)
class Feuille:
    """One sheet of the workbook: its name, its columns and what it holds (for the « Aide » sheet)."""

    nom: str
    colonnes: tuple[Colonne, ...]
    aide: str


C = Colonne
_CITATION = C("Citation", "citation", obligatoire=True, aide="La phrase du référentiel dont la ligne provient.")
FEUILLE_REFERENTIEL = Feuille("Référentiel", (C("Champ", "champ"), C("Valeur", "valeur")),
                              "Le code, le titre, la version et le statut du référentiel ; « Correspond à » est le "
                              "code du référentiel dont les colonnes « Reprend » citent les numéros et les codes.")
CHAMPS_REFERENTIEL = {"Code": "code", "Titre": "titre", "Version": "version", "Statut": "statut",
                      "Correspond à": "correspond_a"}
FEUILLES: tuple[Feuille, ...] = (
    Feuille("Modules", (
        C("Numéro", "numero", "entier", True), C("Titre", "titre", obligatoire=True),
        C("Libellé court", "libelle_court", aide=f"{r.LONGUEUR_LIBELLE_COURT} caractères au plus."),
        C("Nature", "nature", "code", True, r.NATURES_MODULE), _CITATION,
    ), "Les modules : obligatoires (socles) ou métier."),
    Feuille("Engagements", (
        C("Module", "module", "entier", True), C("Engagement", "numero", "entier", True),
        C("Titre", "titre", obligatoire=True),
        C("Libellé court", "libelle_court", aide=f"{r.LONGUEUR_LIBELLE_COURT} caractères au plus."),
        C("Méthode de contrôle", "controle", aide="Vide : la suite des éléments de preuve."),
        C("Sans objet possible", "sans_objet", aide="Les mots du référentiel qui rendent l'engagement facultatif "
                                                    "ou conditionnel ; vide : il s'applique toujours."),
        C("Preuves conditionnelles", "preuves_conditionnelles", "entiers",
          aide="Les numéros (1, 2…) des éléments de preuve exigés seulement si le dispositif existe."),
        C("Motif des preuves conditionnelles", "motif_conditionnel",
          aide="Les mots du référentiel qui rendent ces éléments conditionnels."),
    ), "Les engagements de service, numérotés, chacun dans un module."),
    Feuille("Déclinaisons", (
        C("Engagement", "engagement", "entier", True), C("Code", "code", obligatoire=True),
        C("Texte", "texte", obligatoire=True),
    ), "Les déclinaisons numérotées de chaque engagement (1.1, 1.2…), dans l'ordre."),
    Feuille("Éléments de preuve", (
        C("Engagement", "engagement", "entier", True), C("Élément de preuve", "texte", obligatoire=True),
    ), "La méthode de contrôle de chaque engagement découpée en éléments vérifiables, dans l'ordre."),
    Feuille("Indicateurs", (
        C("Code", "code", obligatoire=True, aide="Unique dans le référentiel."),
        C("Libellé", "libelle", obligatoire=True),
        C("Libellé court", "libelle_court", aide=f"{r.LONGUEUR_LIBELLE_COURT} caractères au plus."),
        C("Engagement", "engagements", "entiers", True, aide="Un numéro ou plusieurs séparés par des virgules."),
        C("Unité", "unite", obligatoire=True, aide="%, jours ouvrés, nombre…"),
        C("Sens", "sens", "code", True, r.SENS, "hausse : plus est mieux ; baisse : moins est mieux."),
        C("Périodicité", "periodicite", "code", True, r.PERIODICITES),
        C("Agrégation", "agregation", "code", False, r.AGREGATIONS,
          "Comment les valeurs s'additionnent sur une période plus longue ; vide : selon la nature."),
        C("Cible", "cible", "nombre", aide="Cible par défaut ; vide : pas de cible."),
        C("Cible fixée par le référentiel", "cible_referentiel", "booleen"),
        C("Nature", "nature", "code", True, r.NATURES_INDICATEUR),
        C("Source", "source", "code", True, r.SOURCES),
        C("Chapitre", "chapitre", "code", True, r.CHAPITRES_INDICATEUR),
        C("Calcul", "calcul", "code", False, r.CALCULS, "journal ou enquete quand l'application le calcule."),
        C("Mesure", "mesure", "code", False, r.MESURES),
        C("Natures de demande", "natures", "textes", aide="Codes de la feuille « Natures »."),
        C("Canaux", "canaux", "textes", aide="Codes de la feuille « Canaux »."),
        C("Thèmes d'enquête", "themes", "lignes", aide="Un thème par ligne."),
        C("Code SP+", "code_sp", aide="Code de l'indicateur dans les résultats Services Publics+."),
        C("Seuil", "seuil", "nombre", aide="Plancher fixé par le référentiel, dans l'unité de l'indicateur : la cible "
                                           "d'un site ne peut pas descendre en dessous."),
        C("Par critère", "par_critere", "booleen", aide="oui : jugé critère par critère (enquête)."),
        C("Enquête mystère", "mystere", "booleen", aide="oui : les enquêtes mystère l'alimentent aussi."),
        C("Mystère sauf canaux", "mystere_sauf_canaux", "textes",
          aide="Canaux dont les enquêtes mystère ne l'alimentent pas."),
        C("Délai en heures", "delai_heures", "nombre", aide="Délai d'un indicateur de crise, en heures."),
        _CITATION,
    ), "Les indicateurs, chacun rattaché à un ou plusieurs engagements."),
    Feuille("Délais", (
        C("Code", "code", obligatoire=True), C("Engagement", "engagement", "entier", True),
        C("Natures de demande", "natures", "textes", True), C("Canaux", "canaux", "textes",
                                                            aide="Vide : tous les canaux."),
        C("Jours ouvrés", "jours_ouvres", "entier", True), C("Depuis", "annee_debut", "entier"),
        C("Jusqu'à", "annee_fin", "entier"), C("Réponses valables", "reponses", "textes", True),
        C("Seuil (%)", "seuil", "nombre"), C("Délai fixé localement", "delai_local", "booleen"), _CITATION,
    ), "Les règles de délai en jours ouvrés, par nature de demande et canal, sur une plage d'années."),
    Feuille("Dispositions", (
        C("Code", "code", obligatoire=True), C("Chapitre", "chapitre", obligatoire=True),
        C("Titre", "titre", obligatoire=True), C("Texte", "texte", obligatoire=True),
        C("Éléments de preuve", "preuves", "lignes", aide="Un élément par ligne."),
        C("Contenu", "contenu", "lignes", aide="Un élément par ligne."),
        C("Périodicité", "periodicite", "code", False, r.PERIODICITES),
        C("Délai avant audit externe (mois)", "delai_avant_audit_externe_mois", "entier"), _CITATION,
    ), "Les dispositions d'organisation (chapitres IV et V)."),
    Feuille("Périmètre", (
        C("Type de site", "type_site", "code", True, tuple(r.TYPES_SITE)), C("CERT", "cert", "booleen", True),
        C("Modules obligatoires", "obligatoires", "entiers"), C("Modules autorisés", "autorises", "entiers"),
        C("Modules métier au minimum", "min_metier", "entier", True),
        C("Engagement obligatoire", "engagement_obligatoire", "booleen"), _CITATION,
    ), "Les modules que chaque sorte de site doit, peut ou ne peut pas retenir."),
    Feuille("Correspondances", (
        C("Type", "type", "code", True, ("engagement", "indicateur")),
        C("Numéro ou code", "ici", obligatoire=True, aide="L'engagement ou l'indicateur de ce référentiel."),
        C("Reprend", "reprend", obligatoire=True,
          aide="Le numéro ou le code qu'il reprend dans le référentiel « Correspond à »."),
    ), "Ce que chaque engagement et indicateur reprend d'un autre référentiel : l'historique, les valeurs N-1 "
       "et les progressions passent par là. Un indicateur de même code se correspond de lui-même."),
    Feuille("Canaux", (
        C("Code", "code", obligatoire=True), C("Libellé", "libelle", obligatoire=True),
        C("Délai comme", "delai_comme", aide="Le canal dont le délai s'applique ; vide : le sien."),
    ), "Les canaux de réception."),
    Feuille("Natures", (C("Code", "code", obligatoire=True), C("Libellé", "libelle", obligatoire=True)),
            "Les natures de demande."),
    Feuille("Réponses", (C("Code", "code", obligatoire=True), C("Libellé", "libelle", obligatoire=True)),
            "Les types de réponse."),
)
PAR_NOM = {f.nom: f for f in (FEUILLE_REFERENTIEL, *FEUILLES)}
# dataclass → sheet, for the fields no column names yet (see the module docstring)
_CLASSES = {"Modules": r.Module, "Engagements": r.Engagement, "Indicateurs": r.Indicateur, "Délais": r.RegleDelai,
            "Dispositions": r.Disposition, "Périmètre": r.RegleperimetreSite}
_NON_COLONNES = {"Engagements": {"declinaisons", "preuves", "reprend"}, "Indicateurs": {"module", "reprend"}}


def _extras(feuille: str) -> tuple[Colonne, ...]:
    """Columns for the dataclass fields of ``feuille`` that no column names (written under their own name)."""
    classe = _CLASSES.get(feuille)
    if classe is None:
        return ()
    connues = {c.cle for c in PAR_NOM[feuille].colonnes} | _NON_COLONNES.get(feuille, set())
    extras = []
    types = typing.get_type_hints(classe)
    for f in dataclasses.fields(classe):
        if f.name in connues or f.name.startswith("_"):
            continue
        texte = str(types.get(f.name, str))
        genre = next((g for motif, g in (("tuple", "textes"), ("bool", "booleen"), ("float", "nombre"),
                                         ("int", "entier")) if motif in texte), "texte")
        extras.append(Colonne(f.name, f.name, genre))
    return tuple(extras)


def colonnes(feuille: str) -> tuple[Colonne, ...]:
    """Every column of the sheet ``feuille``, named ones first."""
    return PAR_NOM[feuille].colonnes + _extras(feuille)


# --- the referential as plain data -------------------------------------------------------------------------------

def sans_vides(d: dict) -> dict:
    """A dict without its None values (TOML has no null: an absent key is the default)."""
    return {k: v for k, v in d.items() if v is not None}


def _champs(objet: Any, feuille: str, sauf: Iterable[str] = ()) -> dict:
    """The plain data of one entry: the fields its sheet's columns name (tuples as lists), None left out."""
    exclus = set(sauf) | {"libelle_court"}
    d = {}
    for c in colonnes(feuille):
        if c.cle in exclus or not hasattr(objet, c.cle):
            continue
        valeur = getattr(objet, c.cle)
        d[c.cle] = list(valeur) if isinstance(valeur, tuple) else valeur
    return sans_vides(d)


def vers_brut(ref: r.Referentiel) -> dict:
    """The referential as the plain data of a TOML file, standing on its own (inherited entries written out)."""
    entete = sans_vides({"code": ref.code, "titre": ref.titre, "version": ref.version,
                          "statut": "ebauche" if ref.ebauche else "officiel", "correspond_a": ref.correspond_a})
    engagements = []
    for e in ref.engagements:
        d = _champs(e, "Engagements")
        d |= {"preuves": list(e.preuves), "declinaisons": {x.code: x.texte for x in e.declinaisons},
              "reprend": list(e.reprend)}
        engagements.append(d)
    indicateurs = [_champs(i, "Indicateurs") | sans_vides({"reprend": i.reprend}) for i in ref.indicateurs]
    courts = {
        "modules": {str(m.numero): m.libelle_court for m in ref.modules if m.libelle_court != m.titre},
        "engagements": {str(e.numero): e.libelle_court for e in ref.engagements if e.libelle_court != e.titre},
        "indicateurs": {i.code: i.libelle_court for i in ref.indicateurs if i.libelle_court != i.libelle},
    }
    return {
        "referentiel": entete,
        "canaux": {c: {"libelle": libelle, "delai_comme": ref.canal_delai.get(c, c)} for c, libelle in ref.canaux.items()},
        "natures": dict(ref.natures), "reponses": dict(ref.reponses),
        "modules": [_champs(m, "Modules") for m in ref.modules], "engagements": engagements,
        "indicateurs": indicateurs, "delais": [_champs(x, "Délais") for x in ref.delais],
        "dispositions": [_champs(d, "Dispositions") for d in ref.dispositions],
        "perimetre": [_champs(p, "Périmètre") for p in ref.perimetre],
        "libelles_courts": {genre: t for genre, t in courts.items() if t},
    }


def depuis_brut(brut: Mapping, fichier: str) -> r.Referentiel:
    """The Referentiel of plain data (a workbook read, a stored version): the loader's own checks apply."""
    return r._construire(brut, fichier)


# --- writing the workbook ----------------------------------------------------------------------------------------

def _cellule(valeur: Any, genre: str) -> Any:
    """A value as its cell shows it: lists joined, booleans as oui/non, text as text."""
    if valeur is None:
        return None
    if genre == "booleen":
        return OUI if valeur else NON
    if genre == "lignes":
        return "\n".join(valeur)
    if genre in ("entiers", "textes"):
        return ", ".join(str(v) for v in valeur)
    if genre == "nombre" and isinstance(valeur, float) and valeur.is_integer():
        return int(valeur)
    return valeur


def _lignes_de(brut: Mapping, feuille: str) -> list[dict]:
    """The rows of ``feuille`` from the plain data (column key → value)."""
    courts = brut.get("libelles_courts", {})
    if feuille in ("Modules", "Engagements", "Indicateurs"):
        cle, genre = {"Modules": ("numero", "modules"), "Engagements": ("numero", "engagements"),
                      "Indicateurs": ("code", "indicateurs")}[feuille]
        source = {"Modules": "modules", "Engagements": "engagements", "Indicateurs": "indicateurs"}[feuille]
        return [d | {"libelle_court": courts.get(genre, {}).get(str(d[cle]))} for d in brut[source]]
    if feuille == "Déclinaisons":
        return [{"engagement": e["numero"], "code": code, "texte": texte}
                for e in brut["engagements"] for code, texte in e.get("declinaisons", {}).items()]
    if feuille == "Éléments de preuve":
        return [{"engagement": e["numero"], "texte": p} for e in brut["engagements"] for p in e.get("preuves", [])]
    if feuille == "Correspondances":
        return ([{"type": "engagement", "ici": e["numero"], "reprend": n}
                 for e in brut["engagements"] for n in e.get("reprend", [])]
                + [{"type": "indicateur", "ici": i["code"], "reprend": i["reprend"]}
                   for i in brut["indicateurs"] if i.get("reprend")])
    if feuille == "Canaux":
        return [{"code": c, **v} for c, v in brut["canaux"].items()]
    if feuille in ("Natures", "Réponses"):
        table = brut["natures" if feuille == "Natures" else "reponses"]
        return [{"code": c, "libelle": libelle} for c, libelle in table.items()]
    return list(brut[{"Délais": "delais", "Dispositions": "dispositions", "Périmètre": "perimetre"}[feuille]])


def classeur(ref: r.Referentiel) -> bytes:
    """The workbook of ``ref`` (bytes of an .xlsx file): « Aide » first, then one sheet per table."""
    brut = vers_brut(ref)
    wb = Workbook()
    aide = wb.active
    aide.title = "Aide"
    listes = wb.create_sheet("Listes")
    listes.sheet_state = "hidden"
    entete = wb.create_sheet(FEUILLE_REFERENTIEL.nom)
    _entetes(entete, ["Champ", "Valeur"], [18, 70])
    valeurs_entete = brut["referentiel"] | {"statut": STATUTS_LISIBLES[brut["referentiel"]["statut"]]}
    for libelle, cle in CHAMPS_REFERENTIEL.items():
        _ecrire_ligne(entete, [libelle, valeurs_entete.get(cle)])
    for feuille in FEUILLES:
        ws = wb.create_sheet(feuille.nom)
        cols = colonnes(feuille.nom)
        _entetes(ws, [c.entete for c in cols], [_largeur(c) for c in cols])
        for ligne in _lignes_de(brut, feuille.nom):
            _ecrire_ligne(ws, [_cellule(ligne.get(c.cle), c.genre) for c in cols])
        for i, c in enumerate(cols, start=1):
            validation = _validation(c, listes)
            if validation is not None:
                lettre = get_column_letter(i)
                validation.add(f"{lettre}2:{lettre}{DERNIERE_LIGNE}")
                ws.add_data_validation(validation)
    _aide(aide, ref)
    wb.move_sheet("Listes", offset=len(wb.sheetnames))
    sortie = io.BytesIO()
    wb.save(sortie)
    return sortie.getvalue()


def _ecrire_ligne(ws: Any, valeurs: list) -> None:
    """Append one row: text always of the string type (never a formula), wrapped."""
    ligne = ws.max_row + 1 if ws.max_row > 1 or ws["A1"].value is not None else 1
    for j, valeur in enumerate(valeurs, start=1):
        cellule = ws.cell(row=ligne, column=j)
        if valeur is None:
            continue
        cellule.value = valeur
        if isinstance(valeur, str):
            cellule.data_type = "s"
            cellule.alignment = Alignment(wrap_text=True, vertical="top")


def _entetes(ws: Any, entetes: list[str], largeurs: list[int]) -> None:
    """Headers in bold on a tinted band, the header row frozen, column widths."""
    ws.append(entetes)
    for i, (cellule, largeur) in enumerate(zip(ws[1], largeurs, strict=True), start=1):
        cellule.font = GRAS
        cellule.fill = BANDEAU
        ws.column_dimensions[get_column_letter(i)].width = largeur
    ws.freeze_panes = "A2"


def _largeur(c: Colonne) -> int:
    """A readable width for a column, after what it holds."""
    if c.cle in ("titre", "libelle", "texte", "controle", "citation", "preuves", "contenu", "themes"):
        return 60
    return max(12, min(30, len(c.entete) + 4))


def _validation(c: Colonne, listes: Any) -> DataValidation | None:
    """A drop-down list for a coded or oui/non column; None otherwise."""
    valeurs = (OUI, NON) if c.genre == "booleen" else c.valeurs if c.genre == "code" else ()
    if not valeurs:
        return None
    colonne = listes.max_column + 1 if listes["A1"].value is not None else 1
    lettre = get_column_letter(colonne)
    listes.cell(row=1, column=colonne, value=c.entete)
    for j, valeur in enumerate(valeurs, start=2):
        listes.cell(row=j, column=colonne, value=valeur)
    regle = DataValidation(type="list", formula1=f"=Listes!${lettre}$2:${lettre}${len(valeurs) + 1}",
                           allow_blank=not c.obligatoire)
    regle.errorTitle = f"Colonne « {c.entete} »"
    regle.error = "Choisissez une valeur de la liste : " + ", ".join(valeurs) + "."
    regle.showErrorMessage = True
    return regle


def _aide(ws: Any, ref: r.Referentiel) -> None:
    """The « Aide » sheet: how to use the workbook, then each sheet and its columns."""
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 100
    lignes: list[tuple[str, str]] = [
        (f"Référentiel « {ref.titre} »", f"Version : {ref.version}."),
        ("Comment s'en servir", "Corrigez ou complétez les feuilles, puis chargez le classeur depuis la page "
                                "« Charger un référentiel » (ou : python -m qualepref referentiel-importer "
                                "FICHIER). L'application vérifie chaque cellule et montre les différences avec la "
                                "version en place avant de l'activer. Ne renommez ni les feuilles ni les en-têtes."),
        ("Listes", "Les colonnes à valeurs codées proposent une liste déroulante ; « oui » ou « non » pour les "
                   "colonnes à deux valeurs. Plusieurs numéros ou codes : séparés par des virgules."),
    ]
    for feuille in (FEUILLE_REFERENTIEL, *FEUILLES):
        lignes.append((f"Feuille « {feuille.nom} »", feuille.aide))
        for c in colonnes(feuille.nom) if feuille is not FEUILLE_REFERENTIEL else ():
            details = [c.aide] if c.aide else []
            if c.obligatoire:
                details.append("Obligatoire.")
            if c.genre == "code":
                details.append("Valeurs : " + ", ".join(c.valeurs) + ".")
            lignes.append((f"   {c.entete}", " ".join(details)))
    for i, (a, b) in enumerate(lignes, start=1):
        ws.cell(row=i, column=1, value=a).data_type = "s"
        cellule = ws.cell(row=i, column=2, value=b)
        cellule.data_type = "s"
        cellule.alignment = Alignment(wrap_text=True, vertical="top")
        if not a.startswith(" "):
            ws.cell(row=i, column=1).font = GRAS
