"""What reading a file hands out, and the refusals every reader shares.

``Feuille`` and ``Classeur`` are what ``readers.ouvrir`` returns whatever the format; ``FichierRefuse`` carries a
French sentence (without the file name: the caller adds it, with the sheet and row when known); the header search
(``reperer_entete``) and Excel's column letters (``lettre_colonne``) serve every kind. Kept apart from the readers
themselves (readers.py: the archive checks and calamine; lecture_csv.py: text files) so that both share one vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from qualepref.format import nombre

LIGNES_APERCU = 10
MARGE_LIGNES = LIGNES_APERCU  # title and header rows allowed above ``lignes_max`` data rows
PLAFOND_DECOMPRESSE = 1024 * 1024 * 1024  # 1 Gio décompressé au plus, toutes parties confondues


class FichierRefuse(Exception):
    """A file refused before or while reading. ``message`` is a French sentence (without the file name)."""

    def __init__(self, message: str, feuille: str | None = None, ligne: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.feuille = feuille
        self.ligne = ligne



# --- messages ---------------------------------------------------------------------------------------------------

VIDE = "le fichier est vide."
ENDOMMAGE = ("le classeur est endommagé ou incomplet (archive zip illisible) : ouvrez-le dans Excel ou LibreOffice, "
             "enregistrez-le à nouveau puis déposez-le.")
MACROS = ("les classeurs contenant des macros (.xlsm) sont refusés par sécurité : enregistrez-le au format "
          "« Classeur Excel (.xlsx) » puis déposez-le à nouveau.")
XLS = ("l'ancien format Excel 97-2003 (.xls) n'est pas pris en charge : enregistrez le classeur au format .xlsx "
       "puis déposez-le à nouveau.")
CHIFFRE = ("le classeur est protégé par un mot de passe : enlevez la protection (Fichier › Informations › Protéger le "
           "classeur) puis déposez-le à nouveau.")
ENCODAGE = ("encodage du texte non reconnu : enregistrez le fichier en « CSV UTF-8 » ou « CSV (séparateur : "
            "point-virgule) » puis déposez-le à nouveau.")
UTF16_SANS_BOM = ("encodage du texte non reconnu (UTF-16 sans marque d'ordre d'octets ?) : enregistrez le fichier au "
                  "format « CSV UTF-8 » puis déposez-le à nouveau.")
NATURES = {
    "xlsx": "un classeur Excel (.xlsx)", "ods": "un classeur OpenDocument (.ods)", "csv": "du texte (CSV)",
    "xlsm": "un classeur Excel avec macros (.xlsm)", "docx": "un document Word", "pptx": "une présentation",
    "zip": "une archive zip", "pdf": "un document PDF", "ole": "un ancien fichier Office 97-2003 (Word, Excel ou "
    "PowerPoint)", "binaire": "un fichier binaire", "image": "une image",
}


def message_taille(octets: int, taille_max: int) -> str:
    """The file is over the size limit."""
    return (f"le fichier pèse {_mo(octets)} Mo, au-delà de la taille maximale de {_mo(taille_max)} Mo : "
            "découpez-le (par année par exemple).")


def message_extension(extension: str) -> str:
    """The extension is not one we read."""
    quoi = f"format « {extension} » non pris en charge" if extension else "fichier sans extension"
    return f"{quoi} : déposez un fichier .xlsx, .ods ou .csv."


def message_contenu(extension: str, nature: str) -> str:
    """The content is not what the extension claims."""
    return (f"le fichier porte l'extension {extension} mais son contenu est {NATURES[nature]} : il a sans doute été "
            f"renommé. Déposez le fichier d'origine ou enregistrez-le au format {extension}.")


def message_xls(extension: str) -> str:
    """An Excel 97-2003 workbook (.xls) under another extension: saving it again is the way out."""
    return (f"le fichier porte l'extension {extension} mais son contenu est un ancien classeur Excel 97-2003 (.xls) : "
            f"ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format {extension} puis déposez-le à nouveau.")


def message_bombe_taille(octets: int) -> str:
    """The archive would decompress into too much."""
    return (f"le classeur se décompresserait en {_mo(octets)} Mo, au-delà de la limite de "
            f"{_mo(PLAFOND_DECOMPRESSE)} Mo : fichier refusé par sécurité (archive anormalement compressée).")


def message_bombe_ratio(membre: str, ratio: float) -> str:
    """A member compresses far more than a real sheet."""
    return (f"la partie « {membre} » du classeur est compressée {nombre(ratio)} fois, bien au-delà d'un vrai tableur : "
            "fichier refusé par sécurité (bombe de décompression).")


def message_entites(membre: str) -> str:
    """An XML part declares a DOCTYPE or entities."""
    return (f"le classeur contient une déclaration XML interdite (DOCTYPE ou ENTITY, dans « {membre} ») : fichier "
            "refusé par sécurité.")


def message_trop_de_lignes(lignes_max: int, lignes: int | None = None) -> str:
    """A file over the row limit: ``lignes`` data rows once read (the pipeline), or more than the limit when the scan
    stops before reading them all (the reader)."""
    combien = nombre(lignes) if lignes is not None else f"plus de {nombre(lignes_max)}"
    return (f"{combien} lignes de données, au-delà de la limite de {nombre(lignes_max)} lignes par import : découpez "
            "le fichier (par année par exemple) puis importez chaque partie.")


def message_illisible(detail: str) -> str:
    """The parser failed on a file that passed the checks."""
    return (f"le classeur n'a pas pu être lu ({detail}) : ouvrez-le dans Excel ou LibreOffice, enregistrez-le à "
            "nouveau puis déposez-le.")


def _mo(octets: int) -> str:
    """Mebibytes with one decimal at most, French style: « 1,5 », « 3\u202f072 »."""
    return nombre(octets / (1024 * 1024), 1)




# --- what the reader hands out -----------------------------------------------------------------------------------

@dataclass
class Feuille:
    """One sheet: its name (None for a CSV), its first rows (header search) and its cells on demand.

    ``formules``: (Excel row, column index from 0) of the cells holding a formula without a stored result;
    ``fusions``: merged ranges ((first row, first col), (last row, last col)), 0-based, when the format tells;
    ``pourcents``: the cells (Excel row, column index) formatted as a percentage (they hold a fraction);
    ``erreurs``: the cells holding a cached error, and its text (« #DIV/0! »).
    """

    nom: str | None
    premieres: list[list]
    _lire: object = field(repr=False)
    formules: frozenset[tuple[int, int]] = frozenset()
    fusions: tuple = ()
    pourcents: frozenset[tuple[int, int]] = frozenset()
    erreurs: dict[tuple[int, int], str] = field(default_factory=dict)

    def donnees(self, ligne_entete: int) -> pd.DataFrame:
        """The rows below the header row ``ligne_entete`` (Excel number), cells as read (object), columns 0..n-1,
        indexed by their Excel row number."""
        return self._lire(ligne_entete)


@dataclass
class Classeur:
    """A file that passed the checks: its format and its sheets (read once, on first use)."""

    fichier: str
    format: str
    noms: list[str]
    _charger: object = field(repr=False)
    _feuilles: dict = field(default_factory=dict, repr=False)
    masquees: tuple[str, ...] = ()  # hidden worksheets, not in ``noms``: read only when no visible sheet holds data

    def feuille(self, nom: str) -> Feuille:
        """The sheet ``nom`` (FichierRefuse when it cannot be read)."""
        if nom not in self._feuilles:
            self._feuilles[nom] = self._charger(nom)
        return self._feuilles[nom]




def message_trop_etendue(lignes: int, colonnes: int) -> str:
    """A sheet whose farthest cell makes a rectangle no import needs (a memory bomb, or stray cells)."""
    return (f"des cellules sont remplies jusqu'en {lettre_colonne(colonnes - 1)}{lignes} ({nombre(lignes)} lignes "
            f"× {nombre(colonnes)} colonnes), bien au-delà d'un tableau à importer : supprimez les cellules "
            "éloignées du tableau (Ctrl+Fin dans Excel montre la dernière), enregistrez puis déposez le fichier à "
            "nouveau.")


def lettre_colonne(indice: int) -> str:
    """0 → « A », 27 → « AB »."""
    lettres = ""
    indice += 1
    while indice:
        indice, reste = divmod(indice - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


# --- the header row ---------------------------------------------------------------------------------------------

def reperer_entete(premieres: list[list], reconnus: dict[str, str]) -> tuple[int, dict[int, str], dict[str, list[int]]]:
    """Find the header row among the first rows: the one naming most known columns (the first on a tie).

    ``reconnus`` maps normalised headers (and their aliases) to internal column names. Returns the Excel row number
    of the header (0 when no row names any known column), the columns found (index → internal name: the leftmost
    when two columns name the same one, « Code » before « Libellé » for an indicator) and the names whose very same
    header comes in several columns (name → indices: which one holds the data cannot be guessed).
    """
    from qualepref.imports.validation import normaliser

    meilleure, trouvees, doublons = 0, {}, {}
    for numero, ligne in enumerate(premieres, start=1):
        vues: dict[str, list[tuple[int, str]]] = {}
        for indice, cellule in enumerate(ligne):
            entete = normaliser(cellule) if isinstance(cellule, str) else ""
            if entete in reconnus:
                vues.setdefault(reconnus[entete], []).append((indice, entete))
        if len(vues) > len(set(trouvees.values())):
            meilleure = numero
            trouvees = {colonnes[0][0]: nom for nom, colonnes in vues.items()}
            doublons = {nom: [i for i, e in colonnes if e == colonnes[0][1]] for nom, colonnes in vues.items()}
            doublons = {nom: indices for nom, indices in doublons.items() if len(indices) > 1}
    return meilleure, trouvees, doublons

