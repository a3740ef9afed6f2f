"""Reading an uploaded file safely: checks before parsing, then the sheets' cells as Excel numbers their rows.

Before any parser sees the bytes (``ouvrir``):
- the size is checked again (the upload limit of ``.streamlit/config.toml`` is not trusted alone);
- the extension must be .xlsx, .ods or .csv and match the content: a renamed PDF, Word file, old .xls or an
  .ods called .xlsx is refused, naming what it really is; macro-enabled workbooks (.xlsm, or a ``vbaProject.bin``
  inside) are refused;
- a workbook is a zip: its directory must be readable (corrupt or truncated archive refused), the declared
  uncompressed sizes must stay under ``PLAFOND_DECOMPRESSE`` in total and under ``RATIO_MAX`` times each member's
  compressed size (zip bombs), and every member is then decompressed once, in 1 MiB pieces, through Python's
  ``zipfile`` (which stops at the declared size and checks the CRC): any XML part holding a DOCTYPE or ENTITY
  declaration (entity expansion bombs) is refused, the rows of each worksheet are counted against ``lignes_max``,
  its farthest cell is found (calamine allocates the whole rectangle up to it: two cells, A1 and XFD1048576, in a
  5 Ko file would ask for 512 Gio and abort the process; an .ods repeats rows and cells by attribute), and the cells
  holding a formula without a stored result are noted (calamine would read them as empty; an .ods always stores
  the result of its formulas, LibreOffice computes them on saving);
- an OLE2 container (the format of Office 97-2003, and of a password-protected .xlsx: an ``EncryptedPackage``
  stream inside) is refused, saying which of the two it is;
- a CSV is decoded as UTF-16 (with its BOM), UTF-8 (with or without BOM) or Windows-1252 (UTF-16 without a BOM,
  told by its NUL bytes at every other position, is refused as an encoding to save again); its separator (« ; »,
  « , » or a tab) is the one giving the most fields on its first lines; a CSV holding only separators is empty.

Then the cells are read with calamine (``python_calamine`` directly: measured 1.6 s for a 200 000-row journal
against 2.6 s for ``pandas.read_excel(engine="calamine")``, which runs the same reader then pandas' Python parser)
and a CSV with pyarrow's CSV reader (every cell as text; pandas' C reader when rows have
uneven lengths: ``lecture_csv``). Row numbers are Excel's: the first row is 1. What every reader hands out
(``Feuille``, ``Classeur``), the refusal ``FichierRefuse`` and the shared messages live in ``fichier_lu``; they are
re-exported here, the module callers open files through.
"""

from __future__ import annotations

import codecs
import io
import re
import xml.parsers.expat as expat
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath

import pandas as pd

from qualepref.imports.fichier_lu import (  # noqa: F401 - re-exported: the names every reader and kind uses
    CHIFFRE,
    ENCODAGE,
    ENDOMMAGE,
    LIGNES_APERCU,
    MACROS,
    MARGE_LIGNES,
    NATURES,
    PLAFOND_DECOMPRESSE,
    UTF16_SANS_BOM,
    VIDE,
    XLS,
    Classeur,
    Feuille,
    FichierRefuse,
    lettre_colonne,
    message_bombe_ratio,
    message_bombe_taille,
    message_contenu,
    message_entites,
    message_extension,
    message_illisible,
    message_taille,
    message_trop_de_lignes,
    message_trop_etendue,
    message_xls,
    reperer_entete,
)
from qualepref.imports.lecture_csv import classeur_csv
from qualepref.imports.releve import Declaration, LecteurOds, LecteurXlsx, ReferenceIllisible, Releve, styles_pourcent

EXTENSIONS = (".xlsx", ".ods", ".csv")
RATIO_MAX = 200  # a real sheet compresses 5 to 30 times; DEFLATE can reach 1 000
TAILLE_SANS_RATIO = 1024 * 1024  # small parts (styles, empty sheets) may compress very well: not a threat
MEMBRES_MAX = 10_000
CELLULES_MAX = 20_000_000  # the rectangle calamine allocates (32 bytes a cell): 640 Mo at most
MORCEAU = 1024 * 1024
MIME_ODS = b"application/vnd.oasis.opendocument.spreadsheet"
SIGNATURE_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Office 97-2003 files, and password-protected workbooks
_DECLARATION = re.compile(rb"<!(?i:doctype|entity)")


# --- checks before parsing ---------------------------------------------------------------------------------------

def extension_de(nom_fichier: str) -> str:
    """The lower-case extension with its dot (« .xlsx »), or ""."""
    return PurePosixPath(nom_fichier.replace("\\", "/")).suffix.lower()


def _nature_binaire(contenu: bytes) -> str | None:
    """What a non-text file is, from its first bytes; None when it looks like text (« utf16 »: text in UTF-16
    without its BOM; « ole »: a container of Office 97-2003, told apart by ``_nature_ole``)."""
    if contenu.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if contenu.startswith(SIGNATURE_OLE):
        return "ole"
    if contenu.startswith(b"%PDF"):
        return "pdf"
    if contenu[:8].startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "image"
    debut = contenu[:4096]
    if debut.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    if _utf16_sans_bom(debut):
        return "utf16"
    if sum(b < 9 or 13 < b < 32 for b in debut) > len(debut) // 20:  # a NUL byte or two in a text: not binary
        return "binaire"
    return None


def _utf16_sans_bom(debut: bytes) -> bool:
    """Text in UTF-16 without its BOM: the high byte of each Latin character is NUL, so NUL bytes fill half the odd
    positions (little endian) or half the even ones (big endian), and almost none of the others; decoded, the bytes
    are printable text."""
    pairs, impairs = debut[0::2], debut[1::2]
    n = len(impairs)
    if n < 4:
        return False
    nuls_pairs, nuls_impairs = pairs.count(0), impairs.count(0)
    if max(nuls_pairs, nuls_impairs) < n // 2 or min(nuls_pairs, nuls_impairs) > n // 20:
        return False
    texte = debut[:2 * n].decode("utf-16-le" if nuls_impairs > nuls_pairs else "utf-16-be", errors="replace")
    etranges = sum(c == "\ufffd" or (c < " " and c not in "\t\r\n") for c in texte)
    return etranges <= len(texte) // 20


def _flux_ole(contenu: bytes, nom: str) -> bool:
    """True when an OLE2 container holds a stream named ``nom`` (as written, or in capitals: names compare without
    case): its directory entries are 128 bytes, in sectors aligned on 512 bytes, each starting with the entry's
    name in UTF-16 ended by a NUL character."""
    for ecrit in dict.fromkeys((nom, nom.upper())):
        motif = ecrit.encode("utf-16-le") + b"\x00\x00"
        position = contenu.find(motif)
        while position >= 0:
            if position % 128 == 0:
                return True
            position = contenu.find(motif, position + 1)
    return False


def _nature_ole(contenu: bytes) -> str:
    """An OLE2 container: a password-protected workbook (« chiffre »: Excel encrypts the whole .xlsx into an
    ``EncryptedPackage`` stream), an Excel 97-2003 workbook (« xls »: a ``Workbook`` or ``Book`` stream), or another
    Office 97-2003 file (« ole »)."""
    if _flux_ole(contenu, "EncryptedPackage"):
        return "chiffre"
    if _flux_ole(contenu, "Workbook") or _flux_ole(contenu, "Book"):
        return "xls"
    return "ole"


def _nature_zip(noms: set[str], archive: zipfile.ZipFile) -> str:
    """What a zip holds: an Excel workbook (with or without macros), an OpenDocument sheet, a Word file..."""
    if "xl/workbook.xml" in noms or "xl/workbook.bin" in noms:
        types = archive.read("[Content_Types].xml") if "[Content_Types].xml" in noms else b""
        macros = any(n.lower().endswith("vbaproject.bin") for n in noms) or b"macroEnabled" in types
        return "xlsm" if macros else "xlsx"
    if "mimetype" in noms and archive.read("mimetype").strip() == MIME_ODS:
        return "ods"
    if "word/document.xml" in noms:
        return "docx"
    if any(n.startswith("ppt/") for n in noms):
        return "pptx"
    return "zip"


def ouvrir(contenu: bytes, nom_fichier: str, taille_max: int, lignes_max: int) -> Classeur:
    """Check the file as described in the module's docstring and return its sheets; FichierRefuse otherwise."""
    if not contenu:
        raise FichierRefuse(VIDE)
    if len(contenu) > taille_max:
        raise FichierRefuse(message_taille(len(contenu), taille_max))
    extension = extension_de(nom_fichier)
    if extension in (".xlsm", ".xltm", ".xlam"):
        raise FichierRefuse(MACROS)
    if extension == ".xls":
        raise FichierRefuse(XLS)
    if extension not in EXTENSIONS:
        raise FichierRefuse(message_extension(extension))
    nature = _nature_binaire(contenu)
    if nature == "ole":
        nature = _nature_ole(contenu)
    if nature == "chiffre":
        raise FichierRefuse(CHIFFRE)
    if nature == "xls":
        raise FichierRefuse(message_xls(extension))
    if nature == "utf16":
        raise FichierRefuse(UTF16_SANS_BOM if extension == ".csv" else message_contenu(extension, "csv"))
    if extension == ".csv":
        if nature == "zip":
            archive = _archive(contenu)
            try:
                nature = _nature_zip({i.filename for i in archive.infolist()}, archive)
            except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError):
                raise FichierRefuse(ENDOMMAGE) from None
            nature = "xlsx" if nature == "xlsm" else nature
        if nature is not None:
            raise FichierRefuse(message_contenu(extension, nature))
        return classeur_csv(contenu, nom_fichier, lignes_max)
    if nature is None:
        raise FichierRefuse(message_contenu(extension, "csv"))
    if nature != "zip":
        raise FichierRefuse(message_contenu(extension, nature))
    return _classeur_zip(contenu, nom_fichier, extension, lignes_max)


def _archive(contenu: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(contenu))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise FichierRefuse(ENDOMMAGE) from None


def _classeur_zip(contenu: bytes, nom_fichier: str, extension: str, lignes_max: int) -> Classeur:
    """A workbook (.xlsx or .ods): zip checks, XML scan, then calamine."""
    archive = _archive(contenu)
    infos = archive.infolist()
    _verifier_tailles(infos)
    noms = {i.filename for i in infos}
    try:
        nature = _nature_zip(noms, archive)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError):
        raise FichierRefuse(ENDOMMAGE) from None
    if nature == "xlsm":
        raise FichierRefuse(MACROS)
    attendue = extension.lstrip(".")
    if nature != attendue:
        raise FichierRefuse(message_contenu(extension, nature))
    if nature == "ods" and any(n.startswith("Basic/") and n.endswith(".xml") and "script" not in n for n in noms):
        raise FichierRefuse(MACROS)
    parties = _parties_des_feuilles(archive, noms) if nature == "xlsx" else {}
    pourcents = _styles_pourcent(archive, noms) if nature == "xlsx" else frozenset()
    releves = _parcourir(archive, infos, parties, lignes_max, pourcents)
    return _classeur_calamine(contenu, nom_fichier, nature, releves)


def _verifier_tailles(infos: list[zipfile.ZipInfo]) -> None:
    """Zip bombs: too many members, too much declared in total, a member compressed far beyond a real sheet."""
    if len(infos) > MEMBRES_MAX:
        raise FichierRefuse(message_bombe_taille(sum(i.file_size for i in infos)))
    if any(i.flag_bits & 0x1 for i in infos):
        raise FichierRefuse(CHIFFRE)
    total = sum(i.file_size for i in infos)
    if total > PLAFOND_DECOMPRESSE:
        raise FichierRefuse(message_bombe_taille(total))
    for info in infos:
        if info.file_size > TAILLE_SANS_RATIO and info.file_size > RATIO_MAX * max(info.compress_size, 1):
            raise FichierRefuse(message_bombe_ratio(info.filename, info.file_size / max(info.compress_size, 1)))


def _lire_petite_partie(archive: zipfile.ZipFile, nom: str) -> bytes:
    """A small XML part (workbook, relations), checked for declarations before it is parsed."""
    donnees = archive.read(nom)
    if _DECLARATION.search(donnees):
        raise FichierRefuse(message_entites(nom))
    return donnees


def _parties_des_feuilles(archive: zipfile.ZipFile, noms: set[str]) -> dict[str, str]:
    """Worksheet part → sheet name, from xl/workbook.xml and its relations (parsed with defusedxml)."""
    from defusedxml import ElementTree

    try:
        classeur = ElementTree.fromstring(_lire_petite_partie(archive, "xl/workbook.xml"))
        relations = ElementTree.fromstring(_lire_petite_partie(archive, "xl/_rels/workbook.xml.rels")) \
            if "xl/_rels/workbook.xml.rels" in noms else None
    except FichierRefuse:
        raise
    except Exception:  # noqa: BLE001 - any XML or zip error here means a damaged workbook
        raise FichierRefuse(ENDOMMAGE) from None
    cibles = {}
    if relations is not None:
        for rel in relations:
            cible = rel.get("Target", "")
            cibles[rel.get("Id")] = cible.lstrip("/") if cible.startswith("/") else "xl/" + cible
    parties = {}
    for feuille in classeur.iter():
        if feuille.tag.endswith("}sheet"):
            rid = next((v for k, v in feuille.attrib.items() if k.endswith("}id")), None)
            if rid in cibles:
                parties[cibles[rid]] = feuille.get("name", "")
    return parties


def _styles_pourcent(archive: zipfile.ZipFile, noms: set[str]) -> frozenset[int]:
    """The style indices of an xlsx whose number format is a percentage."""
    if "xl/styles.xml" not in noms:
        return frozenset()
    try:
        return styles_pourcent(_lire_petite_partie(archive, "xl/styles.xml"))
    except FichierRefuse:
        raise
    except Exception:  # noqa: BLE001 - any XML or zip error here means a damaged workbook
        raise FichierRefuse(ENDOMMAGE) from None


def _morceaux(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member decompressed in pieces; a damaged member (CRC, truncated stream) is FichierRefuse."""
    try:
        with archive.open(info) as flux:
            while morceau := flux.read(MORCEAU):
                yield morceau
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
        raise FichierRefuse(ENDOMMAGE) from None


def _parcourir(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], parties: dict[str, str],
               lignes_max: int, pourcents: frozenset[int]) -> dict[str, Releve]:
    """Decompress every member once: declarations refused; each worksheet (and an .ods's content) read as XML by
    ``releve``: rows holding values counted against the limit, the farthest cell found (calamine allocates the
    whole rectangle up to it), formulas without result, percent and error cells noted.

    Returns what the scan saw of each sheet, by sheet name.
    """
    releves: dict[str, Releve] = {}
    for info in infos:
        nom = info.filename
        xml = nom.endswith((".xml", ".rels", ".vml"))
        feuille = parties.get(nom)
        lecteur: LecteurXlsx | LecteurOds | None = None
        if feuille is not None:
            lecteur = LecteurXlsx(pourcents)
        elif nom == "content.xml":
            lecteur = LecteurOds()
        queue = b""
        try:
            for morceau in _morceaux(archive, info):
                if xml and (b"<!" in morceau or b"<" in queue) and _DECLARATION.search(queue + morceau):
                    raise FichierRefuse(message_entites(nom))
                queue = morceau[-16:]
                if lecteur is not None:
                    lecteur.lire(morceau)
                    _verifier_releves(lecteur, feuille, lignes_max)
            if lecteur is not None:
                lecteur.lire(b"", fin=True)
                _verifier_releves(lecteur, feuille, lignes_max)
        except Declaration:
            raise FichierRefuse(message_entites(nom)) from None
        except (expat.ExpatError, ReferenceIllisible, ValueError):
            raise FichierRefuse(ENDOMMAGE, feuille=feuille) from None
        if isinstance(lecteur, LecteurXlsx):
            releves[feuille] = lecteur.releve
        elif isinstance(lecteur, LecteurOds):
            releves.update(lecteur.releves)
    return releves


def _verifier_releves(lecteur: LecteurXlsx | LecteurOds, feuille: str | None, lignes_max: int) -> None:
    """The row limit and the rectangle calamine would allocate, checked after every piece."""
    releves = [(feuille, lecteur.releve)] if isinstance(lecteur, LecteurXlsx) else list(lecteur.releves.items())
    for nom, releve in releves:
        if releve.lignes > lignes_max + MARGE_LIGNES:
            raise FichierRefuse(message_trop_de_lignes(lignes_max), feuille=nom)
        if releve.derniere_ligne * releve.derniere_colonne > CELLULES_MAX:
            raise FichierRefuse(message_trop_etendue(releve.derniere_ligne, releve.derniere_colonne), feuille=nom)


# --- workbooks through calamine ----------------------------------------------------------------------------------

def _classeur_calamine(contenu: bytes, nom_fichier: str, nature: str, releves: dict[str, Releve]) -> Classeur:
    """Open the checked workbook with calamine; sheets are read on first use."""
    import python_calamine

    try:
        classeur = python_calamine.CalamineWorkbook.from_object(io.BytesIO(contenu))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types, and panics as others
        raise FichierRefuse(message_illisible(_detail(exc))) from None
    feuilles = [m for m in classeur.sheets_metadata if m.typ == python_calamine.SheetTypeEnum.WorkSheet]
    visibles = [m.name for m in feuilles if m.visible == python_calamine.SheetVisibleEnum.Visible]
    noms = visibles or [m.name for m in feuilles]  # hidden sheets (drop-down lists of a template) are not data
    doubles = sorted({n for n in (m.name for m in feuilles) if [m.name for m in feuilles].count(n) > 1})
    if doubles:
        raise FichierRefuse(message_feuilles_homonymes(doubles[0]))
    masquees = tuple(m.name for m in feuilles if m.name not in noms)

    def charger(nom: str) -> Feuille:
        try:
            feuille = classeur.get_sheet_by_name(nom)
            lignes = feuille.to_python(skip_empty_area=False)
            fusions = tuple(feuille.merged_cell_ranges or ())
        except Exception as exc:  # noqa: BLE001
            raise FichierRefuse(message_illisible(_detail(exc)), feuille=nom) from None

        def lire(ligne_entete: int) -> pd.DataFrame:
            cadre = pd.DataFrame(lignes[ligne_entete:], dtype=object)
            cadre.index = pd.RangeIndex(ligne_entete + 1, ligne_entete + 1 + len(cadre))
            return cadre
        releve = releves.get(nom, Releve())
        return Feuille(nom, [list(r) for r in lignes[:LIGNES_APERCU]], lire, frozenset(releve.formules), fusions,
                       frozenset(releve.pourcents), dict(releve.erreurs))
    return Classeur(nom_fichier, nature, noms, charger, masquees=masquees)


def message_feuilles_homonymes(nom: str) -> str:
    """Two sheets bear the same name: a damaged workbook (Excel forbids it)."""
    return (f"deux feuilles portent le même nom « {nom} » (le classeur est endommagé) : ouvrez-le dans Excel ou "
            "LibreOffice, renommez l'une d'elles, enregistrez puis déposez-le à nouveau.")


def _detail(exc: Exception) -> str:
    """A short technical detail for the message (first line, bounded)."""
    texte = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return texte[:120]

