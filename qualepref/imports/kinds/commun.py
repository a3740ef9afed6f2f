"""What every kind shares: columns (``Colonne``), kinds (``Kind``), the analysis context (``Contexte``), reading one
table (``lire_tableau``), the checks several kinds make, and the coded values more than one kind reads.

A ``Kind`` says which columns its sheet has (canonical French header, accepted spellings, internal name, required
or not, how a cell is read, the values allowed, the help shown in the template's « Aide » sheet), how its rows are
read (``lire``: one table by default; the survey reads two sheets), the checks proper to it (``finaliser``: a
response before its reception, a rate above 100 %...), and the replacement key of each row (``cle``): importing
rows whose keys already hold data replaces those rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from qualepref.imports import validation as v
from qualepref.imports.fichier_lu import Classeur, Feuille, lettre_colonne, reperer_entete
from qualepref.imports.validation import Lieu, Probleme, date_fr, normaliser
from qualepref.referentiel import Referentiel


GENRES = ("texte", "code", "date", "heure", "mois", "nombre", "entier", "taux", "annee", "periode")


# --- coded values: what a file may say → the canonical code ------------------------------------------------------

def table(libelles: Mapping[str, tuple[str, ...]]) -> Mapping[str, str]:
    """code → accepted spellings, turned into normalised spelling → code."""
    return MappingProxyType({normaliser(s): code for code, orthographes in libelles.items()
                             for s in (code, *orthographes)})


CANAUX = table({
    "courrier": ("Courrier", "courrier postal", "lettre", "voie postale"),
    "courriel": ("Courriel", "mail", "e-mail", "email", "mél", "mel", "messagerie"),
    "formulaire": ("Formulaire", "formulaire de contact", "formulaire de contact du site internet",
                   "formulaire en ligne", "formulaire internet", "formulaire web"),
    "urne": ("Urne", "urne (dépôt dans nos locaux)", "boîte à idées"),
    "telephone": ("Téléphone", "tel", "tél", "appel", "appel téléphonique"),
})
CANAUX_ADMIS = ("courrier", "courriel", "formulaire", "urne", "téléphone")


# --- columns and kinds -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Colonne:
    """One column of a kind's sheet.

    ``genre`` says how a cell is read (``GENRES``); ``valeurs`` maps normalised spellings to codes for a coded
    column and ``admises`` lists the labels shown in messages and the template's drop-down list.
    """

    entete: str
    nom: str
    genre: str
    obligatoire: bool
    aide: str
    valeurs: Mapping[str, object] = field(default_factory=dict)
    admises: tuple[str, ...] = ()
    alias: tuple[str, ...] = ()

    def reconnus(self) -> set[str]:
        """The normalised headers that name this column."""
        return {normaliser(self.entete), *(normaliser(a) for a in self.alias)}


@dataclass(frozen=True)
class Contexte:
    """What an analysis knows beyond the file: the site's referential, the year given aside, today, the site's
    modules and the engagements it does not retain (an engagement outside its perimeter is refused)."""

    fichier: str
    referentiel: Referentiel
    annee: int | None
    aujourd_hui: dt.date
    modules: tuple[int, ...] | None = None  # the site's modules (its perimeter), when the analysis knows the site
    exclus: tuple[int, ...] = ()  # the engagements of those modules a sous-préfecture does not retain (chapter II)


@dataclass
class Lecture:
    """Rows read from a file (internal column names, plus ``ligne``: the Excel row), and the problems so far."""

    cadre: pd.DataFrame
    problemes: list[Probleme]
    lieu: Lieu


Finaliser = Callable[[pd.DataFrame, Lieu, Contexte], tuple[pd.DataFrame, list[Probleme]]]


@dataclass(frozen=True)
class Kind:
    """One kind of imported data (see the module's docstring)."""

    code: str
    libelle: str
    feuille: str
    colonnes: tuple[Colonne, ...]
    finaliser: Finaliser
    cle: Callable[[pd.DataFrame], pd.Series]
    sortie: tuple[str, ...]
    aide: str
    lire: Callable[[Classeur, Kind, Contexte], Lecture] | None = None
    periode: Callable[[str], str] = str
    notes: tuple[str, ...] = ()  # paragraphs of the template's « Aide » sheet proper to the kind

    def colonne(self, nom: str) -> Colonne:
        """The column with internal name ``nom``."""
        return next(c for c in self.colonnes if c.nom == nom)

    def reconnus(self) -> dict[str, str]:
        """Normalised header → internal name, for the header search."""
        return {r: c.nom for c in self.colonnes for r in c.reconnus()}

    def lire_classeur(self, classeur: Classeur, ctx: Contexte) -> Lecture:
        """The rows of a checked file (the survey reads its two sheets; other kinds one table)."""
        return (self.lire or lire_tableau)(classeur, self, ctx)


# --- reading one table ---------------------------------------------------------------------------------------------

def message_entete_introuvable(kind: Kind) -> str:
    """No row of the first ten names a known column."""
    attendus = ", ".join(c.entete for c in kind.colonnes if c.obligatoire)
    return (f"aucune ligne d'en-tête reconnue dans les {10} premières lignes : les colonnes attendues sont "
            f"{attendus} (téléchargez le modèle pour « {kind.libelle} »).")


def message_colonne_absente(colonne: Colonne) -> str:
    """A required column is missing."""
    return f"colonne obligatoire « {colonne.entete} » absente de la ligne d'en-tête."


def message_colonne_double(colonne: Colonne, indices: list[int]) -> str:
    """Two columns carry the same header."""
    lettres = " et ".join(lettre_colonne(i) for i in indices)
    return f"la colonne « {colonne.entete} » apparaît plusieurs fois (colonnes {lettres}) : gardez-en une seule."


VALEUR_MANQUANTE = "valeur manquante : cette colonne est obligatoire."
SEULEMENT_ENTETES = "le fichier ne contient que la ligne d'en-tête : aucune donnée à importer."
FORMULE = ("formule sans résultat enregistré : ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le (ou "
           "collez les valeurs à la place des formules), puis déposez-le à nouveau.")


def _choisir_feuille(classeur: Classeur, kind: Kind) -> tuple[Feuille | None, int, dict[int, str], dict]:
    """The sheet and header row holding the kind's columns: the sheet named like the template's first, then the
    others in order; the first where every required column is found wins, else the one naming most columns.
    Hidden sheets are tried last (a template's drop-down lists are hidden, and hold no data)."""
    candidates = _feuilles_completes(classeur, kind, classeur.noms) or \
        _feuilles_completes(classeur, kind, list(classeur.masquees))
    if candidates:
        return candidates[0]
    reconnus = kind.reconnus()
    meilleure: tuple = (None, 0, {}, {})
    for nom in _ordre(classeur.noms, kind):
        feuille = classeur.feuille(nom)
        ligne, trouvees, doublons = reperer_entete(feuille.premieres, reconnus)
        if len(trouvees) > len(meilleure[2]):
            meilleure = (feuille, ligne, trouvees, doublons)
    return meilleure


def _ordre(noms: list[str], kind: Kind) -> list[str]:
    return sorted(noms, key=lambda n: normaliser(n) != normaliser(kind.feuille))


def _feuilles_completes(classeur: Classeur, kind: Kind, noms: list[str]) -> list[tuple]:
    """Every sheet among ``noms`` whose header row names all the kind's required columns, in reading order."""
    reconnus = kind.reconnus()
    obligatoires = {c.nom for c in kind.colonnes if c.obligatoire}
    completes = []
    for nom in _ordre(noms, kind):
        feuille = classeur.feuille(nom)
        ligne, trouvees, doublons = reperer_entete(feuille.premieres, reconnus)
        if obligatoires <= set(trouvees.values()):
            completes.append((feuille, ligne, trouvees, doublons))
    return completes


def message_plusieurs_feuilles(noms: list[str]) -> str:
    """Several sheets have the kind's columns: importing one silently would drop the others."""
    liste = ", ".join(f"« {n} »" for n in noms)
    return (f"plusieurs feuilles ont les colonnes attendues ({liste}) : une seule feuille est importée par fichier ; "
            "réunissez leurs lignes dans une seule feuille, ou déposez chaque feuille dans un fichier à part.")


def message_feuille_masquee(nom: str) -> str:
    """The data sheet is hidden in the workbook (it is read all the same)."""
    return (f"la feuille « {nom} » est masquée dans le classeur : ses lignes ont été lues ; vérifiez que ce sont bien "
            "les données à importer.")


def lire_tableau(classeur: Classeur, kind: Kind, ctx: Contexte) -> Lecture:
    """One table: header row found, columns mapped, cells converted; every problem at once."""
    completes = _feuilles_completes(classeur, kind, classeur.noms) if len(classeur.noms) > 1 else []
    feuille, ligne, trouvees, doublons = completes[0] if completes else _choisir_feuille(classeur, kind)
    seule = classeur.noms[0] or None if len(classeur.noms) == 1 else None  # the one sheet is named, if any
    lieu = Lieu(ctx.fichier, feuille.nom if feuille is not None else seule)
    vide = pd.DataFrame({"ligne": pd.Series([], dtype="int64")})
    if feuille is None:
        return Lecture(vide, [lieu.probleme(message_entete_introuvable(kind))], lieu)
    if len(completes) > 1:
        return Lecture(vide, [Lieu(ctx.fichier).probleme(message_plusieurs_feuilles([f[0].nom for f in completes]))],
                       lieu)
    entetes = {nom: str(feuille.premieres[ligne - 1][i]).strip() for i, nom in trouvees.items()}
    lieu.entetes = {c.nom: entetes.get(c.nom, c.entete) for c in kind.colonnes}
    lieu.lues = set(trouvees.values())
    problemes = [lieu.probleme(message_colonne_double(kind.colonne(nom), indices), ligne)
                 for nom, indices in doublons.items()]
    problemes += [lieu.probleme(message_colonne_absente(c), ligne) for c in kind.colonnes
                  if c.obligatoire and c.nom not in trouvees.values()]
    problemes += _fusions(feuille, ligne, lieu)
    if feuille.nom in classeur.masquees:
        problemes.append(lieu.probleme(message_feuille_masquee(feuille.nom), bloquant=False))
    donnees = feuille.donnees(ligne)
    brut = {nom: donnees[i] if i in donnees.columns else pd.Series(None, index=donnees.index, dtype=object)
            for i, nom in trouvees.items()}
    indices = {nom: i for i, nom in trouvees.items()}
    lues = {c.nom: convertir(brut[c.nom], c, _formats_pourcent(feuille, indices[c.nom], donnees.index))
            for c in kind.colonnes if c.nom in brut}
    vides = {nom: (valeurs.isna() & messages.isna()).to_numpy() for nom, (valeurs, messages, _) in lues.items()}
    pleines = ~np.logical_and.reduce(list(vides.values())) if vides else np.zeros(len(donnees), dtype=bool)
    if not pleines.any():
        return Lecture(vide, [*problemes, lieu.probleme(SEULEMENT_ENTETES, ligne)], lieu)
    lignes = pd.Series(donnees.index.to_numpy()[pleines])
    formules = _cellules_formules(feuille, trouvees, lignes, lieu) + _cellules_en_erreur(feuille, trouvees, lignes,
                                                                                          lieu)
    cadre = pd.DataFrame({"ligne": lignes})
    fusionnees = _cellules_fusionnees(feuille)
    for colonne in kind.colonnes:
        if colonne.nom not in lues:
            cadre[colonne.nom] = pd.Series(index=cadre.index, dtype=_dtype_vide(colonne.genre))
            continue
        valeurs, messages, extra = (None if x is None else x[pleines].reset_index(drop=True) for x in lues[colonne.nom])
        cadre[colonne.nom] = valeurs
        if extra is not None:
            cadre[colonne.nom + "_pourcent"] = extra
        problemes += lieu.problemes(messages, lignes, colonne.nom, brut[colonne.nom][pleines].reset_index(drop=True))
        lieu.illisibles[colonne.nom] = set(lignes[messages.notna().to_numpy()].tolist())
        if colonne.obligatoire:
            problemes += _manquantes(vides[colonne.nom][pleines], lignes, colonne.nom, indices[colonne.nom]
                                     if colonne.nom in indices else None, fusionnees, lieu)
    problemes = _sans_doublon_de_formule(problemes, formules)
    return Lecture(cadre, problemes, lieu)


def message_cellule_fusionnee(premiere: str, plage: str) -> str:
    """A required cell left empty because it is merged with the one above or beside it."""
    return (f"cellule fusionnée avec {premiere} (fusion {plage}) : seule la première cellule d'une fusion porte la "
            "valeur ; défusionnez ces cellules (Accueil › Fusionner et centrer) et recopiez la valeur sur chaque "
            "ligne, puis déposez le fichier à nouveau.")


def _cellules_fusionnees(feuille: Feuille) -> dict[tuple[int, int], tuple[str, str]]:
    """(Excel row, column index) of every merged cell but the first of its merge → (first cell, range)."""
    fusionnees = {}
    for (r0, c0), (r1, c1) in feuille.fusions:
        if (r1 - r0 + 1) * (c1 - c0 + 1) > 100_000:
            continue  # a whole column merged: nobody types data there; its rows read as empty
        premiere = f"{lettre_colonne(c0)}{r0 + 1}"
        plage = f"{premiere}:{lettre_colonne(c1)}{r1 + 1}"
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    fusionnees[(r + 1, c)] = (premiere, plage)
    return fusionnees


def _manquantes(vides: np.ndarray, lignes: pd.Series, nom: str, indice: int | None,
                fusionnees: dict[tuple[int, int], tuple[str, str]], lieu: Lieu) -> list[Probleme]:
    """Required cells left empty: « valeur manquante », or « cellule fusionnée » where a merge hides the value."""
    if indice is None or not fusionnees:
        return lieu.masque(vides, lignes, nom, VALEUR_MANQUANTE)
    numeros = lignes.to_numpy()
    dans_fusion = np.array([(int(r), indice) in fusionnees for r in numeros], dtype=bool) & vides
    return sorted(lieu.masque(vides & ~dans_fusion, lignes, nom, VALEUR_MANQUANTE) + lieu.masque(
        dans_fusion, lignes, nom, lambda i: message_cellule_fusionnee(*fusionnees[(int(numeros[i]), indice)])),
        key=lambda p: p.ligne or 0)


def _dtype_vide(genre: str) -> str:
    """The dtype of a column the file does not have."""
    return {"date": "datetime64[ns]", "mois": "datetime64[ns]", "heure": "timedelta64[ns]", "nombre": "float64",
            "taux": "float64",
            "entier": "Int64", "annee": "Int64"}.get(genre, "str")


def convertir(serie: pd.Series, colonne: Colonne, formats_pourcent: pd.Series | None = None
              ) -> tuple[pd.Series, pd.Series, pd.Series | None]:
    """Read one column after its ``genre``: (values, messages per row, the « written with % » flag or None).

    ``formats_pourcent`` marks the cells formatted as a percentage in the workbook: they hold a fraction (0,776
    shown « 77,6 % »), read as its percent (77,6) and flagged as written with « % »; bare numbers of a rate then
    follow ``validation.en_pourcent``.
    """
    if colonne.genre == "code":
        valeurs, messages = v.code(serie, colonne.valeurs, colonne.admises)
        return valeurs, messages, None
    if colonne.genre in ("nombre", "taux"):
        valeurs, messages, pourcents = v.nombres(serie)
        if formats_pourcent is not None and formats_pourcent.any():
            formates = formats_pourcent & ~pourcents & valeurs.notna()
            valeurs = valeurs.where(~formates, (valeurs * 100).round(10))
            pourcents = pourcents | formates
        if colonne.genre == "taux":
            valeurs, melanges = v.en_pourcent(valeurs, pourcents)
            messages = messages.where(messages.notna(), melanges)
        return valeurs, messages, pourcents
    lecteur = {"texte": v.texte, "date": v.date, "heure": v.heures, "mois": v.mois, "entier": v.entiers,
               "annee": v.annees, "periode": v.periodes}[colonne.genre]
    valeurs, messages = lecteur(serie)
    return valeurs, messages, None


def _formats_pourcent(feuille: Feuille, indice: int, index: pd.Index) -> pd.Series | None:
    """The rows (Excel numbers, ``index``) whose cell in column ``indice`` is formatted as a percentage."""
    lignes = {r for r, c in feuille.pourcents if c == indice}
    return pd.Series(index.isin(lignes), index=index) if lignes else None


def _cellules_en_erreur(feuille: Feuille, trouvees: dict[int, str], lignes: pd.Series, lieu: Lieu
                        ) -> list[Probleme]:
    """Cells of the read columns and rows holding a cached Excel error (blocking, naming the cell and the error)."""
    presentes = set(lignes.to_numpy().tolist())
    return [lieu.probleme(v.message_erreur_excel(erreur, f"{lettre_colonne(c)}{r}"), r, trouvees[c])
            for (r, c), erreur in sorted(feuille.erreurs.items()) if c in trouvees and r in presentes]


def _fusions(feuille: Feuille, ligne: int, lieu: Lieu) -> list[Probleme]:
    """A warning when cells of the header row are merged (only the first cell of a merge holds the header)."""
    plages = [f"{lettre_colonne(c0)}{r0 + 1}:{lettre_colonne(c1)}{r1 + 1}" for (r0, c0), (r1, c1) in feuille.fusions
              if r0 <= ligne - 1 <= r1 and c1 > c0]
    if not plages:
        return []
    return [lieu.probleme(f"cellules fusionnées dans la ligne d'en-tête ({', '.join(plages)}) : seule la première "
                          "cellule de chaque fusion porte un en-tête ; défusionnez-les pour que chaque colonne ait le "
                          "sien.", ligne, bloquant=False)]


def _cellules_formules(feuille: Feuille, trouvees: dict[int, str], lignes: pd.Series, lieu: Lieu) -> list[Probleme]:
    """Cells of the read columns and rows holding a formula without a stored result (blocking)."""
    presentes = set(lignes.to_numpy().tolist())
    return [lieu.probleme(FORMULE, r, trouvees[c]) for r, c in sorted(feuille.formules)
            if c in trouvees and r in presentes]


def _sans_doublon_de_formule(problemes: list[Probleme], formules: list[Probleme]) -> list[Probleme]:
    """A formula cell reads as empty: report the formula, not also a missing value there."""
    cellules = {(p.ligne, p.colonne) for p in formules}
    return [p for p in problemes if (p.ligne, p.colonne) not in cellules] + formules


# --- checks shared by kinds ----------------------------------------------------------------------------------------

def dans_le_futur(cadre: pd.DataFrame, colonne: str, lieu: Lieu, ctx: Contexte) -> list[Probleme]:
    """Dates after today (blocking: nothing can have happened yet)."""
    jour = pd.Timestamp(ctx.aujourd_hui)
    dates = cadre[colonne]
    return lieu.masque(dates > jour, cadre["ligne"], colonne,
                       lambda i: f"date du {date_fr(dates.iat[i])} dans le futur (nous sommes le {date_fr(jour)}).")


def avant(cadre: pd.DataFrame, tardive: str, precoce: str, lieu: Lieu, message: str,
          bloquant: bool = True) -> list[Probleme]:
    """Rows where the date ``tardive`` comes before the date ``precoce`` (``message`` formats both dates)."""
    a, b = cadre[tardive], cadre[precoce]
    return lieu.masque(a < b, cadre["ligne"], tardive,
                       lambda i: message.format(date_fr(a.iat[i]), date_fr(b.iat[i])), bloquant=bloquant)


def negatifs(cadre: pd.DataFrame, colonnes: tuple[str, ...], lieu: Lieu) -> list[Probleme]:
    """Negative counts or values (blocking)."""
    problemes = []
    for colonne in colonnes:
        serie = cadre[colonne]
        problemes += lieu.masque((serie < 0).fillna(False), cadre["ligne"], colonne,
                                 lambda i, s=serie: f"nombre négatif « {v.nombre_lu(s.iat[i], 0)} » : un nombre ne "
                                                    "peut pas être négatif.")
    return problemes


def au_dessus_de_100(cadre: pd.DataFrame, colonne: str, lieu: Lieu, masque: pd.Series | None = None,
                     quoi: str = "taux") -> list[Probleme]:
    """Percentages above 100 % (blocking); ``quoi`` names them (« taux », « avancement »)."""
    serie = cadre[colonne]
    dessus = (serie > 100).fillna(False) if masque is None else ((serie > 100) & masque).fillna(False)
    return lieu.masque(dessus, cadre["ligne"], colonne,
                       lambda i: f"{quoi} « {v.nombre_lu(serie.iat[i], 100)} % » supérieur à 100 %.")


def en_double(cadre: pd.DataFrame, cles: list[str], lieu: Lieu, colonne: str,
              message: Callable[[int, int], str], bloquant: bool = True) -> list[Probleme]:
    """Rows repeating the key ``cles`` of an earlier row; ``message(position, first row)``."""
    cle = cadre[cles]
    doublons = cle.notna().all(axis=1) & cle.duplicated(keep="first")
    if not doublons.any():
        return []
    premieres = cadre.groupby(cles, dropna=True)["ligne"].transform("min")
    return lieu.masque(doublons, cadre["ligne"], colonne, lambda i: message(i, int(premieres.iat[i])),
                       bloquant=bloquant)


def annee_manquante(ctx_annee: int | None) -> str:
    """The message when no year is known for a row."""
    return ("année inconnue : remplissez la colonne « Année » ou indiquez l'année de l'import"
            + ("." if ctx_annee is None else f" (l'année {ctx_annee} a été indiquée)."))


def a_venir(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte, colonne: str = "annee") -> list[Probleme]:
    """Years after the current one (blocking)."""
    annees = cadre["annee"]
    return lieu.masque((annees > ctx.aujourd_hui.year).fillna(False), cadre["ligne"], colonne,
                       lambda i: f"année {annees.iat[i]} à venir (nous sommes en {ctx.aujourd_hui.year}).")


def textes(cadre: pd.DataFrame, colonnes: tuple[str, ...]) -> pd.DataFrame:
    """Text and code columns as pandas ``str`` with missing values."""
    for colonne in colonnes:
        cadre[colonne] = cadre[colonne].astype("str").where(cadre[colonne].notna())
    return cadre


def illisible(cadre: pd.DataFrame, colonne: str, lieu: Lieu) -> pd.Series:
    """Rows whose cell in ``colonne`` was reported unreadable (it is not also reported « missing »)."""
    return cadre["ligne"].isin(lieu.illisibles.get(colonne, set()))


def cle_mois(colonne: str) -> Callable[[pd.DataFrame], pd.Series]:
    """The replacement key of a monthly kind: « 2024-03 » from the date column ``colonne``."""
    return lambda cadre: v.mois_cle(cadre[colonne])


def cle_annee(cadre: pd.DataFrame) -> pd.Series:
    """The replacement key of a yearly kind: its year."""
    return cadre["annee"].astype("str").where(cadre["annee"].notna())
