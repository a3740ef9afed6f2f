"""The kinds of data a référent imports: a registry (``KINDS``), each kind its columns, checks and replacement key.

A ``Kind`` says which columns its sheet has (canonical French header, accepted spellings, internal name, required
or not, how a cell is read, the values allowed, the help shown in the template's « Aide » sheet), how its rows are
read (``lire``: one table by default; the survey reads two sheets), the checks proper to it (``finaliser``: a
response before its reception, a rate above 100 %...), and the replacement key of each row (``cle``): importing
rows whose keys already hold data replaces those rows.

Blocking errors store nothing; warnings are shown and the user decides. The rules chosen:
- blocking: a missing required column or value, an unknown code, an unreadable or impossible date, a date in the
  future (nothing can have been received or answered after today), a response or completion before its reception,
  a negative count, a rate above 100 %, a duplicate Référence (or a duplicate indicator and period, theme and year),
  an indicator or engagement unknown to the site's referential, a formula without a stored result;
- warnings: a journal row received by telephone (no written-answer délai applies to it: imported, counted in no
  délai rate), a response dated before the completion, an action « réalisée » under 100 %, two PAN rows for the
  same point, month and démarche (their numbers add up), a column of the « Réponses » sheet that the questionnaire
  does not name (ignored), merged cells in the header row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from qualepref.enquetes import normaliser_libelle
from qualepref.imports import validation as v
from qualepref.imports.readers import Classeur, Feuille, lettre_colonne, reperer_entete
from qualepref.imports.validation import Lieu, Probleme, date_fr, normaliser
from qualepref.referentiel import Referentiel, trouver_indicateur

GENRES = ("texte", "code", "date", "mois", "nombre", "entier", "taux", "annee", "periode")


# --- coded values: what a file may say → the canonical code ------------------------------------------------------

def _table(libelles: Mapping[str, tuple[str, ...]]) -> Mapping[str, str]:
    """code → accepted spellings, turned into normalised spelling → code."""
    return MappingProxyType({normaliser(s): code for code, orthographes in libelles.items()
                             for s in (code, *orthographes)})


CANAUX = _table({
    "courrier": ("Courrier", "courrier postal", "lettre", "voie postale"),
    "courriel": ("Courriel", "mail", "e-mail", "email", "mél", "mel", "messagerie"),
    "formulaire": ("Formulaire", "formulaire de contact", "formulaire de contact du site internet",
                   "formulaire en ligne", "formulaire internet", "formulaire web"),
    "urne": ("Urne", "urne (dépôt dans nos locaux)", "boîte à idées"),
    "telephone": ("Téléphone", "tel", "tél", "appel", "appel téléphonique"),
})
CANAUX_ADMIS = ("courrier", "courriel", "formulaire", "urne", "téléphone")
NATURES = _table({
    "information": ("demande d'information", "demande d'informations", "demande de renseignement",
                    "demande de renseignements", "renseignement"),
    "reclamation": ("réclamation", "réclamations", "plainte"),
    "suggestion": ("suggestion", "suggestions", "proposition"),
    "collectivite": ("demande de collectivité", "demande d'une collectivité", "collectivité",
                     "demande d'information ou de conseil d'une collectivité", "demande de conseil d'une collectivité"),
})
NATURES_ADMISES = ("demande d'information", "réclamation", "suggestion", "demande de collectivité")
TYPES_REPONSE = _table({"fond": ("réponse sur le fond", "réponse de fond", "sur le fond"),
                        "attente": ("réponse d'attente", "d'attente")})
TYPES_REPONSE_ADMIS = ("fond", "attente")
REPONSES = _table({
    "tres_satisfait": ("très satisfait", "tres satisfaite", "très satisfaite"),
    "satisfait": ("satisfait", "satisfaite", "plutôt satisfait", "plutôt satisfaite", "assez satisfait"),
    "peu_satisfait": ("peu satisfait", "peu satisfaite", "plutôt pas satisfait", "plutôt pas satisfaite",
                      "plutôt insatisfait", "plutôt insatisfaite"),
    "pas_du_tout_satisfait": ("pas du tout satisfait", "pas du tout satisfaite", "pas satisfait du tout",
                              "très insatisfait", "très insatisfaite"),
    "sans_avis": ("sans avis", "ne se prononce pas", "nsp", "ne sait pas", "non concerné", "non concernée"),
})
REPONSES_ADMISES = ("très satisfait", "satisfait (ou plutôt satisfait)", "peu satisfait (ou plutôt pas satisfait)",
                    "pas du tout satisfait", "sans avis (ou ne se prononce pas, ou vide)")
STATUTS = _table({
    "a_lancer": ("à lancer", "non lancée", "non commencée", "non démarrée", "à faire", "prévue"),
    "en_cours": ("en cours", "engagée", "démarrée"),
    "realisee": ("réalisée", "réalisé", "terminée", "terminé", "faite", "fait", "achevée"),
    "abandonnee": ("abandonnée", "abandonné", "annulée", "annulé"),
})
STATUTS_ADMIS = ("à lancer", "en cours", "réalisée", "abandonnée")
TONALITES = _table({"positif": ("positif", "positive"), "neutre": ("neutre",),
                    "negatif": ("négatif", "négative")})
TONALITES_ADMISES = ("positif", "neutre", "négatif")
RESULTATS = MappingProxyType({normaliser(s): b for s, b in (
    ("conforme", True), ("oui", True), ("non conforme", False), ("non-conforme", False), ("non", False))})
RESULTATS_ADMIS = ("conforme", "non conforme")


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
    """What an analysis knows beyond the file: the site's referential, the year given aside, today."""

    fichier: str
    referentiel: Referentiel
    annee: int | None
    aujourd_hui: dt.date


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
    others in order; the first where every required column is found wins, else the one naming most columns."""
    reconnus = kind.reconnus()
    obligatoires = {c.nom for c in kind.colonnes if c.obligatoire}
    ordre = sorted(classeur.noms, key=lambda n: normaliser(n) != normaliser(kind.feuille))
    meilleure: tuple = (None, 0, {}, {})
    for nom in ordre:
        feuille = classeur.feuille(nom)
        ligne, trouvees, doublons = reperer_entete(feuille.premieres, reconnus)
        if obligatoires <= set(trouvees.values()):
            return feuille, ligne, trouvees, doublons
        if len(trouvees) > len(meilleure[2]):
            meilleure = (feuille, ligne, trouvees, doublons)
    return meilleure


def lire_tableau(classeur: Classeur, kind: Kind, ctx: Contexte) -> Lecture:
    """One table: header row found, columns mapped, cells converted; every problem at once."""
    feuille, ligne, trouvees, doublons = _choisir_feuille(classeur, kind)
    seule = classeur.noms[0] or None if len(classeur.noms) == 1 else None  # the one sheet is named, if any
    lieu = Lieu(ctx.fichier, feuille.nom if feuille is not None else seule)
    vide = pd.DataFrame({"ligne": pd.Series([], dtype="int64")})
    if feuille is None:
        return Lecture(vide, [lieu.probleme(message_entete_introuvable(kind))], lieu)
    entetes = {nom: str(feuille.premieres[ligne - 1][i]).strip() for i, nom in trouvees.items()}
    lieu.entetes = {c.nom: entetes.get(c.nom, c.entete) for c in kind.colonnes}
    lieu.lues = set(trouvees.values())
    problemes = [lieu.probleme(message_colonne_double(kind.colonne(nom), indices), ligne)
                 for nom, indices in doublons.items()]
    problemes += [lieu.probleme(message_colonne_absente(c), ligne) for c in kind.colonnes
                  if c.obligatoire and c.nom not in trouvees.values()]
    problemes += _fusions(feuille, ligne, lieu)
    donnees = feuille.donnees(ligne)
    brut = {nom: donnees[i] if i in donnees.columns else pd.Series(None, index=donnees.index, dtype=object)
            for i, nom in trouvees.items()}
    lues = {c.nom: convertir(brut[c.nom], c) for c in kind.colonnes if c.nom in brut}
    vides = {nom: (valeurs.isna() & messages.isna()).to_numpy() for nom, (valeurs, messages, _) in lues.items()}
    pleines = ~np.logical_and.reduce(list(vides.values())) if vides else np.zeros(len(donnees), dtype=bool)
    if not pleines.any():
        return Lecture(vide, [*problemes, lieu.probleme(SEULEMENT_ENTETES, ligne)], lieu)
    lignes = pd.Series(donnees.index.to_numpy()[pleines])
    formules = _cellules_formules(feuille, trouvees, lignes, lieu)
    cadre = pd.DataFrame({"ligne": lignes})
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
            problemes += lieu.masque(vides[colonne.nom][pleines], lignes, colonne.nom, VALEUR_MANQUANTE)
    problemes = _sans_doublon_de_formule(problemes, formules)
    return Lecture(cadre, problemes, lieu)


def _dtype_vide(genre: str) -> str:
    """The dtype of a column the file does not have."""
    return {"date": "datetime64[ns]", "mois": "datetime64[ns]", "nombre": "float64", "taux": "float64",
            "entier": "Int64", "annee": "Int64"}.get(genre, "str")


def convertir(serie: pd.Series, colonne: Colonne) -> tuple[pd.Series, pd.Series, pd.Series | None]:
    """Read one column after its ``genre``: (values, messages per row, the « written with % » flag or None)."""
    if colonne.genre == "code":
        valeurs, messages = v.code(serie, colonne.valeurs, colonne.admises)
        return valeurs, messages, None
    if colonne.genre in ("nombre", "taux"):
        valeurs, messages, pourcents = v.nombres(serie)
        if colonne.genre == "taux":
            valeurs = v.en_pourcent(valeurs, pourcents)
        return valeurs, messages, pourcents
    lecteur = {"texte": v.texte, "date": v.date, "mois": v.mois, "entier": v.entiers, "annee": v.annees,
               "periode": v.periodes}[colonne.genre]
    valeurs, messages = lecteur(serie)
    return valeurs, messages, None


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


# --- journal -------------------------------------------------------------------------------------------------------

def _finaliser_journal(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Duplicate references, dates in the future or in the wrong order; telephone rows (one warning)."""
    references = cadre["reference"]
    problemes = en_double(cadre, ["reference"], lieu, "reference",
                          lambda i, premiere: f"référence « {references.iat[i]} » en double (déjà à la ligne "
                                              f"{premiere}).")
    for colonne in ("date_reception", "date_completude", "date_reponse"):
        problemes += dans_le_futur(cadre, colonne, lieu, ctx)
    problemes += avant(cadre, "date_reponse", "date_reception", lieu, "réponse du {} antérieure à la réception du {}.")
    problemes += avant(cadre, "date_completude", "date_reception", lieu,
                       "complétude du {} antérieure à la réception du {}.")
    problemes += avant(cadre, "date_reponse", "date_completude", lieu,
                       "réponse du {} antérieure à la complétude du {} : vérifiez ces deux dates.", bloquant=False)
    telephone = (cadre["canal"] == "telephone").fillna(False).to_numpy()
    if telephone.any():
        autres = int(telephone.sum()) - 1
        suite = f" ({autres} autre{'s' if autres > 1 else ''} ligne{'s' if autres > 1 else ''} dans ce cas)" \
            if autres else ""
        problemes.append(lieu.probleme(
            "demande reçue par téléphone : aucun délai de réponse écrite ne s'y applique ; elle est importée mais "
            f"n'entre dans aucun taux de délai{suite}.", int(cadre["ligne"].to_numpy()[telephone][0]), "canal",
            bloquant=False))
    return textes(cadre, ("reference", "canal", "nature", "type_reponse", "service")), problemes


# --- indicators ----------------------------------------------------------------------------------------------------

def message_indicateur_inconnu(texte: object, ref: Referentiel) -> str:
    """An indicator the referential does not know."""
    return (f"indicateur « {v.afficher(texte)} » inconnu du référentiel « {ref.code} » (codes et libellés : feuille "
            "« Indicateurs » du modèle).")


def message_indicateur_ambigu(texte: object, detail: str) -> str:
    """A libellé shared by several indicators (the referential's error names them)."""
    trouves = re.search(r"il peut désigner (.+?)\. Utilisez", detail)
    codes = trouves[1] if trouves else "plusieurs indicateurs"
    return f"indicateur « {v.afficher(texte)} » ambigu : il peut désigner {codes} ; indiquez le code de l'indicateur."


def _codes_indicateurs(serie: pd.Series, ref: Referentiel) -> tuple[pd.Series, pd.Series]:
    """Each distinct indicator name (code or libellé, however typed) → its code, or the message."""
    def convertir(valeurs: list) -> tuple[list, list]:
        codes, messages = [], []
        for valeur in valeurs:
            try:
                trouve = trouver_indicateur(ref, valeur.strip() if isinstance(valeur, str) else v.afficher(valeur))
            except ValueError as exc:
                codes.append(None)
                messages.append(message_indicateur_ambigu(valeur, str(exc)))
                continue
            codes.append(trouve.code if trouve else None)
            messages.append(None if trouve else message_indicateur_inconnu(valeur, ref))
        return codes, messages
    return v.par_uniques(serie, convertir)


def _finaliser_indicateurs(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Indicator codes from the referential, values in percent for rates, every inconsistency of a value."""
    ref = ctx.referentiel
    codes, messages = _codes_indicateurs(cadre["indicateur"], ref)
    problemes = lieu.problemes(messages, cadre["ligne"], "indicateur", cadre["indicateur"])
    cadre["indicateur"] = codes.astype("str").where(codes.notna())
    unites = cadre["indicateur"].map(lambda c: ref.indicateur(c).unite if isinstance(c, str) else None)
    natures = cadre["indicateur"].map(lambda c: ref.indicateur(c).nature if isinstance(c, str) else None)
    taux = (unites == "%").fillna(False)
    num, den, valeur = cadre["numerateur"], cadre["denominateur"], cadre["valeur"]
    calcule = (100 * num / den).where(den > 0)
    fraction = taux & ~cadre.get("valeur_pourcent", pd.Series(False, index=cadre.index)).astype(bool) & \
        valeur.between(0, 1) & ((calcule.notna() & ((valeur * 100 - calcule).abs() < (valeur - calcule).abs()))
                                | (calcule.isna() & natures.isin(["taux_delai", "satisfaction"])))
    valeur = valeur.where(~fraction, valeur * 100)
    saisie = valeur.notna()  # typed in the file, not computed from the counts
    cadre["valeur"] = valeur.where(saisie | ~taux, calcule)
    manque = cadre["valeur"].isna() & cadre["indicateur"].notna() & ~_illisible(cadre, "valeur", lieu)
    problemes += lieu.masque(manque, cadre["ligne"], "valeur",
                             "valeur manquante : indiquez la valeur (ou, pour un taux, le numérateur et le "
                             "dénominateur).")
    problemes += negatifs(cadre, ("valeur", "numerateur", "denominateur"), lieu)
    # a rate computed from counts whose numerator exceeds the denominator: the numerator's message says it, the user
    # never typed the figure above 100 %
    problemes += au_dessus_de_100(cadre, "valeur", lieu, taux & saisie)
    problemes += lieu.masque(((num > den) & taux).fillna(False), cadre["ligne"], "numerateur",
                             lambda i: f"numérateur « {v.nombre_lu(num.iat[i], den.iat[i])} » supérieur au "
                                       f"dénominateur « {v.nombre_lu(den.iat[i])} ».")
    problemes += _periodes_futures(cadre, lieu, ctx)
    indicateurs, periodes = cadre["indicateur"], cadre["periode"]
    problemes += en_double(cadre, ["indicateur", "periode"], lieu, "indicateur",
                           lambda i, premiere: f"indicateur {indicateurs.iat[i]} déjà renseigné pour la période "
                                               f"{periodes.iat[i]} (ligne {premiere}).")
    return textes(cadre, ("indicateur", "periode", "commentaire")), problemes


def _illisible(cadre: pd.DataFrame, colonne: str, lieu: Lieu) -> pd.Series:
    """Rows whose cell in ``colonne`` was reported unreadable (it is not also reported « missing »)."""
    return cadre["ligne"].isin(lieu.illisibles.get(colonne, set()))


def _periodes_futures(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> list[Probleme]:
    """Periods that have not begun (blocking)."""
    periodes = cadre["periode"]
    debuts = periodes.map(lambda p: v.debut_periode(p) if isinstance(p, str) else pd.NaT)
    futur = (pd.to_datetime(debuts) > pd.Timestamp(ctx.aujourd_hui)).fillna(False)
    return lieu.masque(futur, cadre["ligne"], "periode",
                       lambda i: f"période {periodes.iat[i]} pas encore commencée (nous sommes le "
                                 f"{date_fr(ctx.aujourd_hui)}).")


# --- aggregated survey results -------------------------------------------------------------------------------------

def _annees_du_cadre(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte, present: bool) -> list[Probleme]:
    """Fill the year from ``--annee`` where the file has none; rows still without a year are problems."""
    if ctx.annee is not None:
        cadre["annee"] = cadre["annee"].fillna(ctx.annee)
    manque = cadre["annee"].isna() & ~_illisible(cadre, "annee", lieu)
    if not manque.any():
        return []
    if not present:
        return [lieu.probleme(annee_manquante(ctx.annee))]
    return lieu.masque(manque, cadre["ligne"], "annee", annee_manquante(ctx.annee))


def _finaliser_enquete_agregee(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame,
                                                                                         list[Probleme]]:
    """Counts or a rate on each row, satisfied within expressed, rates within 100 %, one row per year and theme."""
    problemes = _annees_du_cadre(cadre, lieu, ctx, "annee" in lieu.lues)
    satisfaits, exprimes = cadre["satisfaits"], cadre["exprimes"]
    comptes = satisfaits.notna() & exprimes.notna()
    problemes += lieu.masque(~comptes & cadre["taux"].isna(), cadre["ligne"], "theme",
                             "ni « Satisfaits » et « Exprimés », ni « Taux de satisfaction » : l'un ou l'autre est "
                             "nécessaire.")
    problemes += negatifs(cadre, ("satisfaits", "exprimes", "taux"), lieu)
    problemes += lieu.masque((satisfaits > exprimes).fillna(False), cadre["ligne"], "satisfaits",
                             lambda i: f"{v.nombre_lu(satisfaits.iat[i], exprimes.iat[i])} satisfaits pour "
                                       f"{v.nombre_lu(exprimes.iat[i])} exprimés : les satisfaits ne peuvent pas "
                                       "dépasser les exprimés.")
    problemes += au_dessus_de_100(cadre, "taux", lieu)
    problemes += a_venir(cadre, lieu, ctx)
    cadre["taux"] = cadre["taux"].where(~comptes)
    cadre["theme_normalise"] = cadre["theme"].map(normaliser_libelle)
    themes, annees = cadre["theme"], cadre["annee"]
    problemes += en_double(cadre, ["annee", "theme_normalise"], lieu, "theme",
                           lambda i, premiere: f"thème « {themes.iat[i]} » déjà présent pour {annees.iat[i]} (ligne "
                                               f"{premiere}).")
    cadre["annee"] = cadre["annee"].astype("Int64")
    return textes(cadre, ("theme",)), problemes


def _cle_enquete_agregee(cadre: pd.DataFrame) -> pd.Series:
    return cadre["annee"].astype("str") + "|" + cadre["theme"].map(normaliser_libelle)


# --- mystery surveys, plan, PAN, avis --------------------------------------------------------------------------------

def _finaliser_mystere(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Dates not in the future; « Résultat » as the boolean ``conforme``."""
    problemes = dans_le_futur(cadre, "date", lieu, ctx)
    conforme = cadre["conforme"].astype("boolean")
    cadre["conforme"] = conforme.astype(bool) if conforme.notna().all() else conforme
    return textes(cadre, ("canal", "critere")), problemes


def _finaliser_plan(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Each action's year (its Année, else the year given, else its Échéance's), progress 0–100, engagements known
    to the referential; an action « réalisée » under 100 % is a warning."""
    annees_echeance = cadre["echeance"].dt.year.astype("Int64")
    if ctx.annee is not None:
        cadre["annee"] = cadre["annee"].fillna(ctx.annee)
    cadre["annee"] = cadre["annee"].fillna(annees_echeance)
    problemes = lieu.masque(cadre["annee"].isna() & ~_illisible(cadre, "annee", lieu), cadre["ligne"],
                            "annee", "année du plan inconnue : remplissez la colonne « Année » ou « Échéance », ou "
                                     "indiquez l'année de l'import.")
    avancement = cadre["avancement"]
    problemes += negatifs(cadre, ("avancement",), lieu)
    problemes += au_dessus_de_100(cadre, "avancement", lieu, quoi="avancement")
    connus = {e.numero for e in ctx.referentiel.engagements}
    engagements = cadre["engagement"]
    problemes += lieu.masque((engagements.notna() & ~engagements.isin(connus)).to_numpy(dtype=bool),
                             cadre["ligne"], "engagement",
                             lambda i: f"engagement n° {engagements.iat[i]} inconnu du référentiel "
                                       f"« {ctx.referentiel.code} ».")
    problemes += lieu.masque(((cadre["statut"] == "realisee") & (avancement < 100)).fillna(False), cadre["ligne"],
                             "avancement", lambda i: f"action réalisée avec un avancement de "
                                                     f"{v.nombre_lu(avancement.iat[i], 100)} % : vérifiez le statut "
                                                     "ou l'avancement.", bloquant=False)
    cadre["annee"] = cadre["annee"].astype("Int64")
    return textes(cadre, ("axe", "thematique", "action", "structure", "pilote", "statut")), problemes


def _finaliser_pan(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Counts not negative, months begun; two rows for the same point, month and démarche add up (warning)."""
    problemes = negatifs(cadre, ("nombre",), lieu)
    mois = cadre["mois"]
    debut = pd.Timestamp(ctx.aujourd_hui).replace(day=1)
    problemes += lieu.masque((mois > debut).fillna(False), cadre["ligne"], "mois",
                             lambda i: f"mois de {_mois_fr(mois.iat[i])} à venir (nous sommes le "
                                       f"{date_fr(ctx.aujourd_hui)}).")
    problemes += en_double(cadre, ["point", "mois", "demarche"], lieu, "nombre",
                           lambda i, premiere: f"même point d'accès, mois et démarche qu'à la ligne {premiere} : les "
                                               "deux nombres seront additionnés.", bloquant=False)
    return textes(cadre, ("point", "demarche")), problemes


def _mois_fr(jour: pd.Timestamp) -> str:
    noms = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre")
    return f"{noms[jour.month - 1]} {jour.year}"


def _finaliser_avis(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Dates not in the future, answers not before the avis."""
    problemes = dans_le_futur(cadre, "date", lieu, ctx) + dans_le_futur(cadre, "date_reponse", lieu, ctx)
    problemes += avant(cadre, "date_reponse", "date", lieu, "réponse du {} antérieure à l'avis du {}.")
    return textes(cadre, ("structure", "sujet", "tonalite")), problemes


# --- the satisfaction survey: two sheets --------------------------------------------------------------------------

QUESTIONNAIRE = (
    Colonne("Question", "question", "texte", True, "Le texte de la question, exactement comme l'en-tête de sa "
            "colonne dans la feuille « Réponses ».", alias=("questions", "libelle de la question", "intitule")),
    Colonne("Thème", "theme", "texte", True, "Le thème mesuré par la question (accueil physique, accueil "
            "téléphonique, point d'accès numérique, courriers et courriels, site internet, réseaux sociaux...).",
            alias=("themes", "thematique", "critere")),
)
COLONNES_ANNEE = {normaliser("Année"): "annee", normaliser("Annee de l'enquete"): "annee", normaliser("Date"): "date",
                  normaliser("Date de l'enquête"): "date", normaliser("Date de réponse"): "date"}


def message_feuille_absente(nom: str, classeur: Classeur) -> str:
    """A sheet the survey needs is missing."""
    presentes = ", ".join(f"« {n} »" for n in classeur.noms) or "aucune"
    return f"feuille « {nom} » introuvable (feuilles présentes : {presentes})."


ENQUETE_CSV = ("une enquête se dépose en classeur .xlsx ou .ods avec deux feuilles, « Réponses » (une ligne par "
               "répondant) et « Questionnaire » (le thème de chaque question) : téléchargez le modèle.")


def message_question_absente(question: object, feuille: str) -> str:
    """A question of the questionnaire that no column of the answers sheet carries."""
    return (f"question « {v.afficher(question)} » absente de la feuille « {feuille} » : aucune colonne ne porte ce "
            "titre (vérifiez l'en-tête ou retirez la question du questionnaire).")


COLONNE_HORS_QUESTIONNAIRE = ("colonne ignorée : elle ne figure pas dans la feuille « Questionnaire » (ajoutez-la au "
                              "questionnaire si c'est une question).")


def _feuille_nommee(classeur: Classeur, nom: str) -> str | None:
    """The sheet whose name is ``nom`` once normalised (« reponses », « REPONSES »...)."""
    return next((n for n in classeur.noms if normaliser(n) == normaliser(nom)), None)


def lire_enquete(classeur: Classeur, kind: Kind, ctx: Contexte) -> Lecture:
    """The « Questionnaire » (question → theme) then the « Réponses » (one row per respondent), as long rows."""
    lieu_fichier = Lieu(ctx.fichier)
    vide = pd.DataFrame({"ligne": pd.Series([], dtype="int64")})
    if classeur.format == "csv":
        return Lecture(vide, [lieu_fichier.probleme(ENQUETE_CSV)], lieu_fichier)
    noms = {f: _feuille_nommee(classeur, f) for f in ("Réponses", "Questionnaire")}
    manquantes = [lieu_fichier.probleme(message_feuille_absente(f, classeur)) for f, n in noms.items() if n is None]
    if manquantes:
        return Lecture(vide, manquantes, lieu_fichier)
    questionnaire = _kind_questionnaire()
    lu = lire_tableau(_un_seul(classeur, noms["Questionnaire"]), questionnaire, ctx)
    problemes = list(lu.problemes)
    themes = {normaliser(q): (str(q), str(t)) for q, t in zip(lu.cadre.get("question", []), lu.cadre.get("theme", []),
                                                              strict=True) if isinstance(q, str)}
    questions = lu.cadre.get("question", pd.Series(dtype="str"))
    problemes += en_double(lu.cadre, ["question"], lu.lieu, "question",
                           lambda i, premiere: f"question « {questions.iat[i]} » déjà présente à la ligne "
                                               f"{premiere}.") if themes else []
    feuille = classeur.feuille(noms["Réponses"])
    lecture = _lire_reponses(feuille, themes, lu, ctx)
    return Lecture(lecture.cadre, problemes + lecture.problemes, lecture.lieu)


def _kind_questionnaire() -> Kind:
    """The « Questionnaire » sheet read as a small kind of its own."""
    return Kind("questionnaire", "Questionnaire de l'enquête", "Questionnaire", QUESTIONNAIRE,
                lambda c, lieu, ctx: (c, []), lambda c: c["question"], ("question", "theme"), "")


def _un_seul(classeur: Classeur, nom: str) -> Classeur:
    """A view of ``classeur`` showing only the sheet ``nom``."""
    return Classeur(classeur.fichier, classeur.format, [nom], classeur.feuille)


def _lire_reponses(feuille: Feuille, themes: dict[str, tuple[str, str]], questionnaire: Lecture,
                   ctx: Contexte) -> Lecture:
    """The answers sheet: header row found by the questions it names, answers coded, one row per answer."""
    lieu = Lieu(ctx.fichier, feuille.nom)
    reconnus = {q: q for q in themes} | COLONNES_ANNEE
    ligne, trouvees, doublons = reperer_entete(feuille.premieres, reconnus)
    vide = pd.DataFrame({"ligne": pd.Series([], dtype="int64")})
    if not themes:
        return Lecture(vide, [], lieu)
    if ligne == 0:
        return Lecture(vide, [lieu.probleme("aucune ligne d'en-tête ne reprend les questions de la feuille "
                                            "« Questionnaire » dans les 10 premières lignes.")], lieu)
    entete = feuille.premieres[ligne - 1]
    problemes = [lieu.probleme(f"la colonne « {themes[n][0] if n in themes else n} » apparaît plusieurs fois "
                               f"(colonnes {' et '.join(lettre_colonne(i) for i in ind)}) : gardez-en une seule.",
                               ligne) for n, ind in doublons.items()]
    vues = set(trouvees.values())
    problemes += [questionnaire.lieu.probleme(message_question_absente(q, feuille.nom), int(r), "question", q)
                  for r, q in zip(questionnaire.cadre["ligne"], questionnaire.cadre["question"], strict=True)
                  if isinstance(q, str) and normaliser(q) not in vues]
    problemes += [Probleme(ctx.fichier, feuille.nom, ligne, str(c).strip(), None, COLONNE_HORS_QUESTIONNAIRE, False)
                  for i, c in enumerate(entete) if i not in trouvees and not v.vides(pd.Series([c], dtype=object))[0]]
    donnees = feuille.donnees(ligne)
    questions = {i: n for i, n in trouvees.items() if n in themes and i in donnees.columns}
    if questions:
        pleines = ~np.logical_and.reduce([v.vides(donnees[i]).to_numpy() for i in questions])
        donnees = donnees[pleines]
    if not questions or donnees.empty:
        return Lecture(vide, [*problemes, lieu.probleme(SEULEMENT_ENTETES, ligne)], lieu)
    annees, problemes_annee = _annees_des_repondants(donnees, trouvees, entete, lieu, ctx)
    long = _en_long(donnees, questions, themes, annees)
    codes, messages = v.code(long["brut"], REPONSES, REPONSES_ADMISES)
    for (i, ligne_excel, brut), message in zip(long[["indice", "ligne", "brut"]].itertuples(index=False),
                                                 messages, strict=True):
        if isinstance(message, str):
            problemes.append(Probleme(ctx.fichier, feuille.nom, int(ligne_excel), str(entete[i]).strip(),
                                      v.afficher(brut), message))
    problemes += [Probleme(ctx.fichier, feuille.nom, r, lettre, None, FORMULE) for r, lettre in
                  sorted((r, str(entete[c]).strip()) for r, c in feuille.formules if c in questions)]
    long["reponse"] = codes.fillna("sans_avis").where(messages.isna())
    lieu.entetes = {"annee": next((str(entete[i]).strip() for i, n in trouvees.items() if n == "annee"), "Année")}
    return Lecture(long.drop(columns=["brut", "indice"]), problemes + problemes_annee, lieu)


def _annees_des_repondants(donnees: pd.DataFrame, trouvees: dict[int, str], entete: list, lieu: Lieu,
                           ctx: Contexte) -> tuple[pd.Series, list[Probleme]]:
    """Each respondent's survey year: the Année column, else the year of the Date column, else ``--annee``."""
    lignes = pd.Series(donnees.index.to_numpy(), index=donnees.index)
    annees = pd.Series(pd.NA, index=donnees.index, dtype="Int64")
    problemes: list[Probleme] = []
    for indice, nom in trouvees.items():
        if nom not in ("annee", "date") or indice not in donnees.columns:
            continue
        lieu.entetes = {nom: str(entete[indice]).strip()}
        if nom == "annee":
            lues, messages = v.annees(donnees[indice])
        else:
            dates, messages = v.date(donnees[indice])
            lues = dates.dt.year.astype("Int64")
        problemes += lieu.problemes(messages, lignes, nom, donnees[indice])
        annees = annees.fillna(lues)
    if ctx.annee is not None:
        annees = annees.fillna(ctx.annee)
    if annees.isna().all() and not problemes:
        return annees, [lieu.probleme(annee_manquante(ctx.annee))]
    lieu.entetes = {"annee": "Année"}
    manque = annees.isna() & ~lignes.isin({p.ligne for p in problemes})
    return annees, problemes + lieu.masque(manque, lignes, None, annee_manquante(ctx.annee))


def _en_long(donnees: pd.DataFrame, questions: dict[int, str], themes: dict[str, tuple[str, str]],
             annees: pd.Series) -> pd.DataFrame:
    """One row per respondent and question: annee, repondant (1..n), question, theme, brut answer, Excel row."""
    n = len(donnees)
    morceaux = []
    for indice, nom in questions.items():
        question, theme = themes[nom]
        morceaux.append(pd.DataFrame({
            "ligne": donnees.index.to_numpy(), "annee": annees.to_numpy(), "repondant": np.arange(1, n + 1),
            "question": question, "theme": theme, "brut": donnees[indice].to_numpy(), "indice": indice}))
    long = pd.concat(morceaux, ignore_index=True)
    return long.sort_values(["repondant", "indice"], kind="stable").reset_index(drop=True)


def _finaliser_enquete(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Survey years not after the current one."""
    premiers = cadre.drop_duplicates("repondant")
    problemes = a_venir(premiers, lieu, ctx)
    cadre["annee"] = cadre["annee"].astype("Int64")
    cadre["repondant"] = cadre["repondant"].astype("Int64")
    return textes(cadre, ("question", "theme", "reponse")), problemes


# --- the registry -------------------------------------------------------------------------------------------------

def _cle_mois(colonne: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda cadre: v.mois_cle(cadre[colonne])


def _cle_annee(cadre: pd.DataFrame) -> pd.Series:
    return cadre["annee"].astype("str").where(cadre["annee"].notna())


def _colonnes_journal() -> tuple[Colonne, ...]:
    return (
        Colonne("Référence", "reference", "texte", True, "L'identifiant unique de la demande (numéro d'ordre, "
                "numéro de courrier...). Deux lignes ne peuvent pas porter la même référence.",
                alias=("ref", "reference de la demande", "n° de reference", "numero", "n°", "numero de la demande")),
        Colonne("Canal", "canal", "code", True, "Par où la demande est arrivée. Les demandes par téléphone sont "
                "acceptées mais n'entrent dans aucun délai de réponse écrite.", CANAUX, CANAUX_ADMIS,
                ("canal de reception", "mode de reception", "voie de reception")),
        Colonne("Nature", "nature", "code", True, "Ce que demande l'usager.", NATURES, NATURES_ADMISES,
                ("nature de la demande", "type de demande")),
        Colonne("Date de réception", "date_reception", "date", True, "Le jour où la demande est arrivée "
                "(jj/mm/aaaa).", alias=("date reception", "recue le", "recu le", "date d'arrivee", "arrivee le")),
        Colonne("Date de complétude", "date_completude", "date", False, "Pour une demande incomplète : le jour où "
                "elle a été complétée ; le délai court alors de cette date (engagements 17 et 36).",
                alias=("date completude", "completee le", "complete le", "date de completude du dossier")),
        Colonne("Date de réponse", "date_reponse", "date", False, "Le jour de la réponse ; vide tant que la "
                "demande attend sa réponse.", alias=("date reponse", "repondu le", "reponse le",
                                                    "date de la reponse")),
        Colonne("Type de réponse", "type_reponse", "code", False, "« fond » pour une réponse sur le fond, "
                "« attente » pour une réponse d'attente.", TYPES_REPONSE, TYPES_REPONSE_ADMIS,
                ("type reponse", "nature de la reponse")),
        Colonne("Service", "service", "texte", False, "Le service qui a traité la demande.",
                alias=("service traitant", "service en charge", "bureau")),
    )


KINDS: dict[str, Kind] = {
    "journal": Kind(
        "journal", "Journal des courriers, courriels et réclamations", "Journal", _colonnes_journal(),
        _finaliser_journal, _cle_mois("date_reception"),
        ("reference", "canal", "nature", "date_reception", "date_completude", "date_reponse",
         "type_reponse", "service"),
        "Une ligne par demande écrite reçue (courrier, courriel, formulaire, urne) et sa réponse. Importer un mois "
        "déjà importé remplace ce mois (mois de la date de réception)."),
    "indicateurs": Kind(
        "indicateurs", "Indicateurs mesurés (Indigo, téléphonie, statistiques web…)", "Valeurs",
        (Colonne("Indicateur", "indicateur", "texte", True, "Le code de l'indicateur (feuille « Indicateurs ») ou son "
                 "libellé.", alias=("code", "code indicateur", "code de l'indicateur", "libelle", "intitule")),
         Colonne("Période", "periode", "periode", True, "2023 (année), 2023-T2 (trimestre) ou 2023-05 (mois), selon "
                 "la périodicité de l'indicateur.", alias=("periode de mesure", "mois", "trimestre")),
         Colonne("Valeur", "valeur", "nombre", False, "La valeur mesurée. Un taux en pourcentage : 56, 56 % ou "
                 "0,56. Peut rester vide pour un taux dont le numérateur et le dénominateur sont donnés.",
                 alias=("resultat", "valeur mesuree")),
         Colonne("Numérateur", "numerateur", "nombre", False, "Pour un taux : le nombre de cas conformes.",
                 alias=("numerateur (nombre)",)),
         Colonne("Dénominateur", "denominateur", "nombre", False, "Pour un taux : le nombre total de cas (pour un "
                 "délai moyen : le nombre de dossiers).", alias=("denominateur (nombre)",)),
         Colonne("Commentaire", "commentaire", "texte", False, "Toute précision utile (source, incident...).",
                 alias=("commentaires", "observations", "observation", "remarque"))),
        _finaliser_indicateurs, lambda c: c["indicateur"] + "|" + c["periode"],
        ("indicateur", "periode", "valeur", "numerateur", "denominateur", "commentaire"),
        "Une ligne par indicateur et par période. Réimporter un indicateur pour une période remplace sa valeur.",
        periode=lambda cle: cle.split("|", 1)[1]),
    "enquete": Kind(
        "enquete", "Enquête de satisfaction (réponses des usagers)", "Réponses",
        (Colonne("Année", "annee", "annee", False, "L'année de l'enquête (ou une colonne « Date » ; sinon l'année "
                 "indiquée à l'import)."),),
        _finaliser_enquete, _cle_annee, ("annee", "repondant", "question", "theme", "reponse"),
        "Feuille « Réponses » : une ligne par répondant, une colonne par question, la réponse dans chaque case (très "
        "satisfait, satisfait, peu satisfait, pas du tout satisfait, sans avis ; une case vide vaut « sans avis »). "
        "Feuille « Questionnaire » : chaque question et son thème. Réimporter une année remplace l'enquête de "
        "cette année.", lire=lire_enquete),
    "enquete-agregee": Kind(
        "enquete-agregee", "Résultats d'enquête déjà comptés (par thème)", "Résultats",
        (Colonne("Année", "annee", "annee", False, "L'année de l'enquête (sinon l'année indiquée à l'import)."),
         Colonne("Thème", "theme", "texte", True, "Le thème mesuré (accueil physique, accueil téléphonique...).",
                 alias=("themes", "critere", "question")),
         Colonne("Satisfaits", "satisfaits", "nombre", False, "Le nombre de répondants satisfaits ou très "
                 "satisfaits.", alias=("nombre de satisfaits", "nb satisfaits")),
         Colonne("Exprimés", "exprimes", "nombre", False, "Le nombre de réponses exprimées (hors « sans avis »).",
                 alias=("nombre d'exprimes", "nb exprimes", "reponses exprimees", "exprimes (hors sans avis)")),
         Colonne("Taux de satisfaction", "taux", "taux", False, "Seulement quand les nombres ne sont pas connus : le "
                 "taux (56, 56 % ou 0,56).", alias=("taux", "satisfaction", "taux de satisfaction (%)"))),
        _finaliser_enquete_agregee, _cle_enquete_agregee, ("annee", "theme", "satisfaits", "exprimes", "taux"),
        "Une ligne par année et par thème : les nombres de satisfaits et d'exprimés, ou le taux seul quand seul le "
        "taux est connu (années anciennes). Réimporter une année et un thème les remplace.",
        periode=lambda cle: cle.split("|", 1)[0]),
    "mystere": Kind(
        "mystere", "Enquêtes et appels mystère", "Mystère",
        (Colonne("Date", "date", "date", True, "Le jour du contact mystère.", alias=("date du test", "date de l'appel",
                                                                                    "date du contact")),
         Colonne("Canal", "canal", "code", True, "Le canal testé.", CANAUX, CANAUX_ADMIS, ("canal teste",)),
         Colonne("Critère", "critere", "texte", True, "Le critère vérifié (décroché en moins de 5 sonneries...).",
                 alias=("criteres", "critere verifie", "point de controle")),
         Colonne("Résultat", "conforme", "code", True, "conforme ou non conforme.", RESULTATS, RESULTATS_ADMIS,
                 ("conformite", "conforme"))),
        _finaliser_mystere, _cle_mois("date"), ("date", "canal", "critere", "conforme"),
        "Une ligne par contact et par critère vérifié. Réimporter un mois le remplace."),
    "plan": Kind(
        "plan", "Plan d'actions", "Plan d'actions",
        (Colonne("Axe", "axe", "texte", True, "L'axe du plan d'actions.", alias=("axes", "axe strategique")),
         Colonne("Thématique", "thematique", "texte", True, "La thématique de l'action.",
                 alias=("theme", "thematiques")),
         Colonne("Action", "action", "texte", True, "L'action.", alias=("actions", "intitule de l'action",
                                                                        "libelle de l'action")),
         Colonne("Structure", "structure", "texte", False, "La structure qui porte l'action (préfecture, "
                 "sous-préfecture, direction...).", alias=("service", "structure porteuse")),
         Colonne("Pilote", "pilote", "texte", False, "Qui pilote l'action.", alias=("responsable", "pilotes")),
         Colonne("Échéance", "echeance", "date", False, "La date prévue de fin (jj/mm/aaaa).",
                 alias=("date d'echeance", "date de fin prevue", "echeance prevue")),
         Colonne("Statut", "statut", "code", True, "Où en est l'action.", STATUTS, STATUTS_ADMIS,
                 ("etat", "etat d'avancement")),
         Colonne("Avancement", "avancement", "taux", False, "De 0 à 100 % (56, 56 % ou 0,56).",
                 alias=("taux d'avancement", "avancement en %", "pourcentage d'avancement")),
         Colonne("Engagement", "engagement", "entier", False, "Le numéro de l'engagement du référentiel que l'action "
                 "sert, s'il y en a un.", alias=("n° d'engagement", "numero d'engagement", "engagement n°")),
         Colonne("Année", "annee", "annee", False, "L'année du plan ; sinon l'année indiquée à l'import, sinon "
                 "celle de l'échéance.", alias=("annee du plan",))),
        _finaliser_plan, _cle_annee,
        ("annee", "axe", "thematique", "action", "structure", "pilote", "echeance", "statut", "avancement",
         "engagement"),
        "Une ligne par action. Réimporter le plan d'une année le remplace entièrement."),
    "pan": Kind(
        "pan", "Fréquentation des points d'accès numériques", "PAN",
        (Colonne("Point d'accès", "point", "texte", True, "Le point d'accès numérique (ou le lieu de l'animation).",
                 alias=("point d'acces numerique", "pan", "lieu", "point")),
         Colonne("Mois", "mois", "mois", True, "Le mois (2024-05, 05/2024, mai 2024 ou une date du mois).",
                 alias=("periode", "date")),
         Colonne("Démarche", "demarche", "texte", True, "La démarche accompagnée (titres de séjour, permis de "
                 "conduire, immatriculation...).", alias=("demarches", "type de demarche", "motif")),
         Colonne("Nombre", "nombre", "entier", True, "Le nombre d'usagers accompagnés.",
                 alias=("nombre d'usagers", "usagers", "frequentation", "nb"))),
        _finaliser_pan, _cle_mois("mois"), ("point", "mois", "demarche", "nombre"),
        "Une ligne par point d'accès, mois et démarche. Réimporter un mois le remplace."),
    "avis": Kind(
        "avis", "Avis Services Publics+", "Avis",
        (Colonne("Date", "date", "date", True, "Le jour de l'avis.", alias=("date de l'avis", "date de publication",
                                                                           "publie le")),
         Colonne("Structure", "structure", "texte", False, "La structure concernée.", alias=("service",)),
         Colonne("Sujet", "sujet", "texte", False, "Le sujet de l'avis.", alias=("objet", "titre", "titre de l'avis")),
         Colonne("Tonalité", "tonalite", "code", True, "Le ton de l'avis.", TONALITES, TONALITES_ADMISES,
                 ("ton", "tonalite de l'avis")),
         Colonne("Date de réponse", "date_reponse", "date", False, "Le jour de la réponse ; vide sans réponse.",
                 alias=("date reponse", "repondu le"))),
        _finaliser_avis, _cle_mois("date"), ("date", "structure", "sujet", "tonalite", "date_reponse"),
        "Une ligne par avis publié sur Services Publics+. Réimporter un mois le remplace."),
}
