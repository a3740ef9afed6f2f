"""Reading a CSV safely: its encoding told (UTF-16 with a BOM, UTF-8, else Windows-1252; a UTF-8 file with one
foreign byte refused naming its row), Excel's « sep=; » first line, the separator guessed from the first lines, then
every cell as text with pyarrow's CSV reader (pandas' C reader when rows have uneven lengths). Row numbers are
Excel's: the first row is 1 (after a « sep= » line, which Excel does not show).
"""

from __future__ import annotations

import codecs
import csv
import io
import re

import pandas as pd

from qualepref.imports.fichier_lu import (
    ENCODAGE,
    LIGNES_APERCU,
    MARGE_LIGNES,
    VIDE,
    Classeur,
    Feuille,
    FichierRefuse,
    message_illisible,
    message_trop_de_lignes,
)

_CONTENU_CSV = re.compile(r'[^\s;,"]')
_ERREUR_CHAMPS = re.compile(r"Expected \d+ fields in line (\d+), saw (\d+)")

_UTF8_MULTIOCTETS = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def message_octet_invalide(octet: int) -> str:
    """A byte that is no UTF-8 in a file otherwise in UTF-8 (a text pasted from another program)."""
    return (f"octet 0x{octet:02X} illisible en UTF-8 alors que le reste du fichier est en UTF-8 (le fichier mêle deux "
            "encodages) : corrigez le caractère de cette ligne, ou enregistrez le fichier au format « CSV UTF-8 » puis "
            "déposez-le à nouveau.")


NUL = ("caractère nul (octet 0x00) dans cette ligne : le fichier a sans doute été mal enregistré ; enregistrez-le "
       "au format « CSV UTF-8 » puis déposez-le à nouveau.")


def decoder(contenu: bytes) -> tuple[str, str]:
    """The text of a CSV and its encoding: UTF-16 with a BOM, UTF-8 (BOM or not), else Windows-1252.

    A file in UTF-8 but for a few bytes (one Latin-1 « É » pasted in) is refused naming the row and the byte: read
    as Windows-1252, its every accent would turn into mojibake (« Ã‰trangers »). It is told from a real
    Windows-1252 file by its valid UTF-8 sequences.
    """
    if contenu.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return contenu.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise FichierRefuse(ENCODAGE) from None
    try:
        return contenu.decode("utf-8-sig"), "utf-8-sig"
    except UnicodeDecodeError as exc:
        if _UTF8_MULTIOCTETS.search(contenu):
            ligne = contenu.count(b"\n", 0, exc.start) + 1 - _decalage_sep(contenu)
            raise FichierRefuse(message_octet_invalide(contenu[exc.start]), ligne=ligne) from None
    try:
        return contenu.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise FichierRefuse(ENCODAGE) from None


_LIGNE_SEP = re.compile(r"^\ufeff?sep=(.)[ \t]*\r?(?:\n|$)", re.IGNORECASE)


def _decalage_sep(contenu: bytes) -> int:
    """1 when the file starts with Excel's « sep=; » line (Excel does not show it: rows are numbered after it)."""
    return int(bool(_LIGNE_SEP.match(contenu.removeprefix(codecs.BOM_UTF8)[:16].decode("latin-1"))))


def _separateur(lignes: list[str]) -> str:
    """« ; », « , » or a tab: the one that cuts the first lines into the same number of fields, most often, and the
    most fields (« ; » on a tie). A « ; » file whose texts hold commas gives uneven counts when cut at commas."""
    def score(sep: str) -> tuple[int, int]:
        comptes = [len(r) for r in csv.reader(lignes, delimiter=sep) if any(c.strip() for c in r)]
        if not comptes:
            return 0, 0
        largeur = max(set(comptes), key=lambda n: (comptes.count(n), n))
        return (comptes.count(largeur) if largeur > 1 else 0), largeur
    return max((";", ",", "\t"), key=score)


def _csv_arrow(octets: bytes, sep: str, sauter: int, largeur: int) -> pd.DataFrame | None:
    """The rows below the header with pyarrow's CSV reader (columns as pandas ``str``: later text operations run
    in pyarrow); None when a row has more or fewer cells than the header (pandas' reader copes with those)."""
    import pyarrow as pa
    import pyarrow.csv as pcsv

    noms = [str(i) for i in range(largeur)]
    try:
        table = pcsv.read_csv(
            io.BytesIO(octets), read_options=pcsv.ReadOptions(skip_rows=sauter, column_names=noms),
            parse_options=pcsv.ParseOptions(delimiter=sep, ignore_empty_lines=False, newlines_in_values=True),
            convert_options=pcsv.ConvertOptions(column_types={n: pa.string() for n in noms},
                                                strings_can_be_null=False, quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    cadre = table.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow", na_value=float("nan"))}.get)
    return cadre.set_axis(range(largeur), axis=1)


def _csv_pandas(texte: str, sep: str, sauter: int, largeur: int) -> pd.DataFrame:
    """The rows below the header with pandas' C reader (every cell as text), widening to the widest row."""
    for _essai in range(4):
        try:
            return pd.read_csv(io.StringIO(texte), sep=sep, header=None, names=range(largeur), skiprows=sauter,
                               dtype=object, na_filter=False, skip_blank_lines=False, engine="c")
        except pd.errors.ParserError as exc:
            trouve = _ERREUR_CHAMPS.search(str(exc))
            if trouve is None or int(trouve[2]) > 4 * largeur + 64:
                ligne = sauter + int(trouve[1]) if trouve else None
                raise FichierRefuse("plus de valeurs que de colonnes sur cette ligne (un séparateur dans un texte "
                                    "sans guillemets ?).", ligne=ligne) from None
            largeur = int(trouve[2])
    raise FichierRefuse(message_illisible("lignes de longueurs trop différentes"))


def classeur_csv(contenu: bytes, nom_fichier: str, lignes_max: int) -> Classeur:
    """A CSV as a one-sheet workbook (sheet name None)."""
    texte, encodage = decoder(contenu)
    if "\x00" in texte:
        raise FichierRefuse(NUL, ligne=texte.count("\n", 0, texte.index("\x00")) + 1 - _decalage_sep(contenu))
    utf8 = contenu.removeprefix(codecs.BOM_UTF8) if encodage == "utf-8-sig" else None  # pyarrow reads them as is
    impose = None
    if trouve := _LIGNE_SEP.match(texte):  # Excel's own first line: the separator, and rows numbered after it
        impose, texte = trouve[1], texte[trouve.end():]
        utf8 = None
    if _CONTENU_CSV.search(texte) is None:  # nothing, or only separators, quotes and line ends
        raise FichierRefuse(VIDE)
    if texte.count("\n") > lignes_max + MARGE_LIGNES:
        raise FichierRefuse(message_trop_de_lignes(lignes_max))
    debut = texte[:65536].splitlines()[:LIGNES_APERCU]
    sep = impose or _separateur(debut)
    premieres = [list(r) for r in csv.reader(debut, delimiter=sep)]

    def lire(ligne_entete: int) -> pd.DataFrame:
        entete = premieres[ligne_entete - 1] if 0 < ligne_entete <= len(premieres) else []
        largeur = max(len(entete), 1)
        cadre = _csv_arrow(utf8 if utf8 is not None else texte.encode("utf-8"), sep, ligne_entete, largeur)
        if cadre is None:
            cadre = _csv_pandas(texte, sep, ligne_entete, max((len(r) for r in premieres), default=1))
        cadre = cadre.iloc[:, :largeur]
        cadre.index = pd.RangeIndex(ligne_entete + 1, ligne_entete + 1 + len(cadre))
        return cadre

    def charger(_nom: str) -> Feuille:
        return Feuille(None, premieres, lire)
    return Classeur(nom_fichier, "csv", [""], charger)
