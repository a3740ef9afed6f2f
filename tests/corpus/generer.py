"""The corpus of bad input files: every file a référent might upload by mistake, and what the import must say.

Each case is one small function (its docstring says what the file is) returning a ``CasMauvais``: the file's name
and bytes, the kind of data it is imported as, and the exact French messages the pipeline must give, one per
problem, as ``Probleme.texte`` writes them (file, sheet, row as Excel numbers it, column, then what is wrong).
A few files are awkward but valid (a CSV in Windows-1252, with a BOM, in UTF-16, dates typed as text): they must
import, and their case lists the rows that must arrive.

The files are built here, never committed: ``fichiers()`` returns them all (the tests use it), and

    python -m tests.corpus.generer DOSSIER

writes every file into DOSSIER, with ``attendus.txt`` listing each file's kind and expected messages.

Dates are checked against ``AUJOURD_HUI`` (15 June 2025), so that « in the future » never depends on the day the
tests run.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import struct
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

AUJOURD_HUI = dt.date(2025, 6, 15)
MO = 1024 * 1024

Lignes = Sequence[Sequence[object]]


@dataclass(frozen=True)
class CasMauvais:
    """One file of the corpus and what importing it must give.

    ``erreurs`` and ``avertissements``: the exact ``Probleme.texte`` of the blocking problems and of the warnings,
    in the order the pipeline reports them. A file with no ``erreurs`` must import: ``colonnes`` and ``lignes``
    are then the rows that must arrive in the store (dates as ``datetime.date``, missing values as None), in file
    order. ``lignes_max`` is the row limit configured for the import; ``annee`` the year given aside (survey);
    ``bombe`` marks a file that must be refused before it is read whole (bombs, stray far cells, the row limit):
    the tests also measure its peak memory outside Python's allocator.
    """

    nom: str
    contenu: bytes
    type_donnees: str
    erreurs: tuple[str, ...] = ()
    avertissements: tuple[str, ...] = ()
    annee: int | None = None
    lignes_max: int = 500_000
    colonnes: tuple[str, ...] = ()
    lignes: tuple[tuple, ...] = ()
    bombe: bool = False
    cas: str = ""  # the name of the function that builds it
    description: str = ""  # its docstring

    @property
    def importe(self) -> bool:
        """True for a valid (if awkward) file: it must import."""
        return not self.erreurs


_CAS: list[Callable[[], CasMauvais]] = []


def cas(fonction: Callable[[], CasMauvais]) -> Callable[[], CasMauvais]:
    """Register a case: the function builds the file; its name and docstring name and describe the case."""
    def construire() -> CasMauvais:
        return replace(fonction(), cas=fonction.__name__, description=" ".join((fonction.__doc__ or "").split()))
    construire.__name__ = fonction.__name__
    construire.__doc__ = fonction.__doc__
    _CAS.append(construire)
    return construire


def fichiers() -> list[CasMauvais]:
    """Every case of the corpus, built afresh."""
    return [construire() for construire in _CAS]


def noms_des_cas() -> list[str]:
    """The case names, without building the files (test ids)."""
    return [construire.__name__ for construire in _CAS]


# --- building files ------------------------------------------------------------------------------------------------

def xlsx(feuilles: dict[str, Lignes], retoucher: Callable[[Workbook], None] | None = None) -> bytes:
    """A workbook written by openpyxl, one sheet per entry, dates as Excel date cells shown jj/mm/aaaa;
    ``retoucher`` may change the workbook before it is saved (merge cells...)."""
    classeur = Workbook()
    classeur.remove(classeur.active)
    for nom, lignes in feuilles.items():
        feuille = classeur.create_sheet(nom)
        for ligne in lignes:
            feuille.append(list(ligne))
        for rangee in feuille.iter_rows():
            for cellule in rangee:
                if isinstance(cellule.value, dt.date):
                    cellule.number_format = "DD/MM/YYYY"
    if retoucher is not None:
        retoucher(classeur)
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def csv(lignes: Lignes, sep: str = ";", encodage: str = "utf-8") -> bytes:
    """A CSV as French Excel writes one: dates jj/mm/aaaa, CRLF line ends, in ``encodage`` (« utf-8-sig » adds the
    BOM, « utf-16 » writes one too)."""
    def cellule(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, dt.date):
            return v.strftime("%d/%m/%Y")
        texte = str(v)
        return f'"{texte}"' if sep in texte or '"' in texte else texte
    return "".join(sep.join(cellule(v) for v in ligne) + "\r\n" for ligne in lignes).encode(encodage)


def remplacer_membre(archive: bytes, membre: str, contenu: bytes) -> bytes:
    """The same zip with one member's content replaced (members kept in order)."""
    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as source, zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as cible:
        for info in source.infolist():
            cible.writestr(info, contenu if info.filename == membre else source.read(info))
    return sortie.getvalue()


def ajouter_membre(archive: bytes, membre: str, contenu: bytes) -> bytes:
    """The same zip with one more member."""
    sortie = io.BytesIO(archive)
    with zipfile.ZipFile(sortie, "a", zipfile.ZIP_DEFLATED) as cible:
        cible.writestr(membre, contenu)
    return sortie.getvalue()


def declarer_taille(archive: bytes, membre: str, taille: int) -> bytes:
    """The same zip whose central directory declares ``taille`` uncompressed bytes for ``membre`` (a lie the
    reader must believe long enough to refuse the file before inflating anything)."""
    donnees = bytearray(archive)
    position = donnees.find(b"PK\x01\x02")
    while position >= 0:
        longueur = struct.unpack_from("<H", donnees, position + 28)[0]
        if donnees[position + 46:position + 46 + longueur].decode() == membre:
            struct.pack_into("<I", donnees, position + 24, taille)
            return bytes(donnees)
        position = donnees.find(b"PK\x01\x02", position + 4)
    raise KeyError(membre)


_NS_ODS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
MIME_ODS = b"application/vnd.oasis.opendocument.spreadsheet"


def ods(nom_feuille: str, lignes: Lignes, prologue: bytes = b'<?xml version="1.0" encoding="UTF-8"?>') -> bytes:
    """A minimal OpenDocument spreadsheet (text cells only): mimetype stored first, manifest, content.xml, whose
    XML ``prologue`` may be replaced (an entity bomb)."""
    def cellule(v: object) -> str:
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'
                if v is not None else "<table:table-cell/>")
    rangees = "".join("<table:table-row>" + "".join(cellule(v) for v in ligne) + "</table:table-row>"
                      for ligne in lignes)
    contenu = (prologue + f'<office:document-content {_NS_ODS} office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="{escape(nom_feuille)}">{rangees}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>".encode())
    manifeste = (b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                 b'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/"'
                 b' manifest:media-type="' + MIME_ODS + b'"/><manifest:file-entry manifest:full-path="content.xml" '
                 b'manifest:media-type="text/xml"/></manifest:manifest>')
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIME_ODS, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifeste)
        archive.writestr("content.xml", contenu)
    return sortie.getvalue()


# --- the data the files hold ---------------------------------------------------------------------------------------

JOURNAL_ENTETES = ["Référence", "Canal", "Nature", "Date de réception", "Date de complétude", "Date de réponse",
                   "Type de réponse", "Service"]
# Three requests of January 2024, rows 2 to 4 of a sheet whose header is row 1.
JOURNAL = [
    ["2024-001", "Courriel", "Demande d'information", dt.date(2024, 1, 5), None, dt.date(2024, 1, 8), "fond",
     "Accueil"],
    ["2024-002", "Courrier", "Réclamation", dt.date(2024, 1, 10), None, dt.date(2024, 1, 22), "fond", "Titres"],
    ["2024-003", "Formulaire", "Suggestion", dt.date(2024, 1, 15), None, None, None, "Étrangers"],
]
COLONNES_JOURNAL = ("reference", "canal", "nature", "date_reception", "date_reponse", "type_reponse", "service")
JOURNAL_STOCKE = (
    ("2024-001", "courriel", "information", dt.date(2024, 1, 5), dt.date(2024, 1, 8), "fond", "Accueil"),
    ("2024-002", "courrier", "reclamation", dt.date(2024, 1, 10), dt.date(2024, 1, 22), "fond", "Titres"),
    ("2024-003", "formulaire", "suggestion", dt.date(2024, 1, 15), None, None, "Étrangers"),
)

INDICATEURS_ENTETES = ["Indicateur", "Période", "Valeur", "Numérateur", "Dénominateur", "Commentaire"]
PAN_ENTETES = ["Point d'accès", "Mois", "Démarche", "Nombre"]
PLAN_ENTETES = ["Axe", "Thématique", "Action", "Structure", "Pilote", "Échéance", "Statut", "Avancement",
                "Engagement", "Année"]


def journal_avec(ligne: int, colonne: str, valeur: object) -> list[list[object]]:
    """The journal's header and rows, one cell changed: ``ligne`` as Excel numbers it (2 is the first request)."""
    lignes = [list(JOURNAL_ENTETES), *(list(r) for r in JOURNAL)]
    lignes[ligne - 1][JOURNAL_ENTETES.index(colonne)] = valeur
    return lignes


def journal_long(n: int) -> list[list[object]]:
    """The header and ``n`` distinct valid requests of 2024 (for the row limit)."""
    return [list(JOURNAL_ENTETES)] + [
        [f"2024-{i:04d}", "Courriel", "Demande d'information", dt.date(2024, 1 + i % 12, 1 + i % 28), None, None,
         None, "Accueil"] for i in range(1, n + 1)]


def donnees_existantes() -> tuple[str, bytes]:
    """A valid journal of January 2024, stored before each bad file is imported (with « remplacer »): had a bad
    file got through, it would have replaced these rows."""
    lignes = [JOURNAL_ENTETES, ["2024-900", "Courrier", "Réclamation", dt.date(2024, 1, 3), None,
                                dt.date(2024, 1, 9), "fond", "Titres"]]
    return "journal_deja_importe.xlsx", xlsx({"Journal": lignes})


# The reader's refusals, written out as the user reads them (copied from no module: the test pins them).
ENDOMMAGE = ("le classeur est endommagé ou incomplet (archive zip illisible) : ouvrez-le dans Excel ou LibreOffice, "
             "enregistrez-le à nouveau puis déposez-le.")
MACROS = ("les classeurs contenant des macros (.xlsm) sont refusés par sécurité : enregistrez-le au format "
          "« Classeur Excel (.xlsx) » puis déposez-le à nouveau.")
FORMULE = ("formule sans résultat enregistré : ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le (ou "
           "collez les valeurs à la place des formules), puis déposez-le à nouveau.")
FORMATS_DATE = "(formats admis : jj/mm/aaaa, aaaa-mm-jj ou date Excel)."
CANAUX_ADMIS = "(valeurs admises : courrier, courriel, formulaire, urne, téléphone)."


# --- the file itself: extension, size, content --------------------------------------------------------------------

@cas
def extension_txt() -> CasMauvais:
    """A journal saved as text (.txt): the extension is not one the import reads."""
    return CasMauvais("journal.txt", csv([JOURNAL_ENTETES, *JOURNAL]), "journal", (
        "journal.txt : format « .txt » non pris en charge : déposez un fichier .xlsx, .ods ou .csv.",))


@cas
def ancien_xls() -> CasMauvais:
    """An Excel 97-2003 workbook (.xls, an OLE compound file)."""
    contenu = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + b"\x00" * 1024
    return CasMauvais("journal_2003.xls", contenu, "journal", (
        "journal_2003.xls : l'ancien format Excel 97-2003 (.xls) n'est pas pris en charge : enregistrez le classeur "
        "au format .xlsx puis déposez-le à nouveau.",))


@cas
def xls_renomme_xlsx() -> CasMauvais:
    """An Excel 97-2003 workbook renamed .xlsx: an OLE container whose directory names a « Workbook » stream."""
    entrees = b"".join(n.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for n in ("Root Entry", "Workbook"))
    contenu = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + entrees.ljust(512, b"\x00")
    return CasMauvais("journal_2003_renomme.xlsx", contenu, "journal", (
        "journal_2003_renomme.xlsx : le fichier porte l'extension .xlsx mais son contenu est un ancien classeur Excel "
        "97-2003 (.xls) : ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format .xlsx puis déposez-le à "
        "nouveau.",))


@cas
def xlsx_vide() -> CasMauvais:
    """A workbook of zero bytes (an upload cut short, or a file created empty)."""
    return CasMauvais("journal_vide.xlsx", b"", "journal", (
        "journal_vide.xlsx : le fichier est vide.",))


@cas
def csv_blanc() -> CasMauvais:
    """A CSV holding only separators and line ends: nothing in it."""
    return CasMauvais("journal_blanc.csv", b";;;\r\n\r\n;;;\r\n", "journal", (
        "journal_blanc.csv : le fichier est vide.",))


@cas
def seulement_entetes() -> CasMauvais:
    """The template filled with nothing: the header row alone."""
    return CasMauvais("journal_entetes.xlsx", xlsx({"Journal": [JOURNAL_ENTETES]}), "journal", (
        "journal_entetes.xlsx, feuille « Journal », ligne 1 : le fichier ne contient que la ligne d'en-tête : "
        "aucune donnée à importer.",))


@cas
def png_renomme() -> CasMauvais:
    """A screenshot (PNG bytes) renamed .xlsx."""
    contenu = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(13) + b"\x00" * 64
    return CasMauvais("capture.xlsx", contenu, "journal", (
        "capture.xlsx : le fichier porte l'extension .xlsx mais son contenu est une image : il a sans doute été "
        "renommé. Déposez le fichier d'origine ou enregistrez-le au format .xlsx.",))


@cas
def xlsx_renomme_csv() -> CasMauvais:
    """A workbook renamed .csv (the user changed the extension instead of saving as CSV)."""
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    return CasMauvais("journal_renomme.csv", contenu, "journal", (
        "journal_renomme.csv : le fichier porte l'extension .csv mais son contenu est un classeur Excel (.xlsx) : il "
        "a sans doute été renommé. Déposez le fichier d'origine ou enregistrez-le au format .csv.",))


@cas
def ods_renomme_xlsx() -> CasMauvais:
    """A LibreOffice sheet (.ods) renamed .xlsx."""
    contenu = ods("Journal", [JOURNAL_ENTETES, ["2024-001", "Courriel", "Demande d'information", "05/01/2024"]])
    return CasMauvais("journal_libreoffice.xlsx", contenu, "journal", (
        "journal_libreoffice.xlsx : le fichier porte l'extension .xlsx mais son contenu est un classeur OpenDocument "
        "(.ods) : il a sans doute été renommé. Déposez le fichier d'origine ou enregistrez-le au format .xlsx.",))


@cas
def xlsx_protege() -> CasMauvais:
    """A workbook protected by a password: Excel then writes an OLE container holding the encrypted workbook in its
    « EncryptedPackage » stream, not a zip."""
    contenu = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    return CasMauvais("journal_protege.xlsx", contenu, "journal", (
        "journal_protege.xlsx : le classeur est protégé par un mot de passe : enlevez la protection (Fichier › "
        "Informations › Protéger le classeur) puis déposez-le à nouveau.",))


@cas
def xlsm_macros() -> CasMauvais:
    """A macro-enabled workbook (.xlsm)."""
    contenu = ajouter_membre(xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]}), "xl/vbaProject.bin", b"\xd0\xcf" * 64)
    return CasMauvais("journal_macros.xlsm", contenu, "journal", (
        f"journal_macros.xlsm : {MACROS}",))


@cas
def macros_dans_un_xlsx() -> CasMauvais:
    """A macro-enabled workbook renamed .xlsx: its vbaProject.bin gives it away."""
    contenu = ajouter_membre(xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]}), "xl/vbaProject.bin", b"\xd0\xcf" * 64)
    return CasMauvais("journal_macros_renomme.xlsx", contenu, "journal", (
        f"journal_macros_renomme.xlsx : {MACROS}",))


# --- damaged archives and bombs -----------------------------------------------------------------------------------

@cas
def zip_corrompu() -> CasMauvais:
    """A workbook whose sheet's compressed bytes are garbled (a bad disk, a broken transfer)."""
    contenu = bytearray(xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]}))
    info = zipfile.ZipFile(io.BytesIO(bytes(contenu))).getinfo("xl/worksheets/sheet1.xml")
    debut = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(debut + 5, debut + min(info.compress_size, 60)):
        contenu[i] ^= 0xFF
    return CasMauvais("journal_corrompu.xlsx", bytes(contenu), "journal", (
        f"journal_corrompu.xlsx : {ENDOMMAGE}",))


@cas
def zip_tronque() -> CasMauvais:
    """The first half of a workbook (a download cut off): no central directory."""
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    return CasMauvais("journal_tronque.xlsx", contenu[:len(contenu) // 2], "journal", (
        f"journal_tronque.xlsx : {ENDOMMAGE}",))


@cas
def bombe_taille_declaree() -> CasMauvais:
    """A workbook whose sheet declares 3 Gio once decompressed (the whole archive: exactly 3 072 Mio)."""
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    autres = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(contenu)).infolist()
                 if i.filename != "xl/worksheets/sheet1.xml")
    contenu = declarer_taille(contenu, "xl/worksheets/sheet1.xml", 3 * 1024 * MO - autres)
    return CasMauvais("journal_bombe_taille.xlsx", contenu, "journal", (
        "journal_bombe_taille.xlsx : le classeur se décompresserait en 3\u202f072 Mo, au-delà de la limite de "
        "1\u202f024 Mo : fichier refusé par sécurité (archive anormalement compressée).",), bombe=True)


@cas
def bombe_taux_de_compression() -> CasMauvais:
    """A workbook whose sheet is 64 Mio of blanks compressed about a thousand times (a real zip bomb, small)."""
    modele = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    sortie = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(modele)) as source, \
            zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as cible:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                cible.writestr(info.filename, source.read(info))
                continue
            feuille = source.read(info)
            coupure = feuille.index(b"<sheetData>") + len(b"<sheetData>")
            with cible.open("xl/worksheets/sheet1.xml", "w") as membre:
                membre.write(feuille[:coupure])
                for _ in range(64):
                    membre.write(b" " * MO)
                membre.write(feuille[coupure:])
    contenu = sortie.getvalue()
    info = zipfile.ZipFile(io.BytesIO(contenu)).getinfo("xl/worksheets/sheet1.xml")
    ratio = round(info.file_size / info.compress_size)  # a property of the file, about 1 000
    ratio_fr = f"{ratio:,}".replace(",", "\u202f")  # « 1 029 »: thousands separated by a narrow no-break space
    return CasMauvais("journal_bombe.xlsx", contenu, "journal", (
        f"journal_bombe.xlsx : la partie « xl/worksheets/sheet1.xml » du classeur est compressée {ratio_fr} fois, bien "
        "au-delà d'un vrai tableur : fichier refusé par sécurité (bombe de décompression).",), bombe=True)


MILLIARD_DE_RIRES = (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                     + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                                for i in range(1, 10)) + b"]>")


@cas
def bombe_entites_xlsx() -> CasMauvais:
    """A workbook whose sheet XML declares nested entities (« billion laughs »: 3 Gio of « lol » once expanded)."""
    modele = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    feuille = (MILLIARD_DE_RIRES + b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData>'
               b"</worksheet>")
    contenu = remplacer_membre(modele, "xl/worksheets/sheet1.xml", feuille)
    return CasMauvais("journal_entites.xlsx", contenu, "journal", (
        "journal_entites.xlsx : le classeur contient une déclaration XML interdite (DOCTYPE ou ENTITY, dans "
        "« xl/worksheets/sheet1.xml ») : fichier refusé par sécurité.",), bombe=True)


@cas
def bombe_entites_ods() -> CasMauvais:
    """An OpenDocument sheet whose content.xml declares nested entities (« billion laughs »)."""
    contenu = ods("Journal", [JOURNAL_ENTETES, ["&lol9;"]], prologue=MILLIARD_DE_RIRES)
    contenu = contenu.replace(b"&amp;lol9;", b"&lol9;")
    return CasMauvais("journal_entites.ods", contenu, "journal", (
        "journal_entites.ods : le classeur contient une déclaration XML interdite (DOCTYPE ou ENTITY, dans "
        "« content.xml ») : fichier refusé par sécurité.",), bombe=True)


@cas
def cellule_lointaine() -> CasMauvais:
    """A 5 Ko workbook with one stray cell at XFD1048576: calamine would allocate the whole rectangle (512 Gio)."""
    modele = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    feuille = zipfile.ZipFile(io.BytesIO(modele)).read("xl/worksheets/sheet1.xml")
    loin = feuille.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is>'
                                            b"</c></row></sheetData>")
    contenu = remplacer_membre(modele, "xl/worksheets/sheet1.xml", loin)
    return CasMauvais("journal_cellule_lointaine.xlsx", contenu, "journal", (
        "journal_cellule_lointaine.xlsx, feuille « Journal » : des cellules sont remplies jusqu'en XFD1048576 "
        "(1\u202f048\u202f576 lignes × 16\u202f384 colonnes), bien au-delà d'un tableau à importer : supprimez les "
        "cellules éloignées du tableau (Ctrl+Fin dans Excel montre la dernière), enregistrez puis déposez le fichier à "
        "nouveau.",), bombe=True)


def feuille_prefixee(lignes: Lignes, loin: str | None = None) -> bytes:
    """A worksheet part written as some writers do: a namespace prefix (« x: »), single-quoted attributes, each
    cell's ``r`` on a new line; text cells inline; ``loin`` adds one cell at that reference."""
    def cellule(ref: str, v: object) -> str:
        return f"<x:c\n r='{ref}' t='inlineStr'><x:is><x:t>{escape(str(v))}</x:t></x:is></x:c>"
    rangees = [f"<x:row r='{n}'>" + "".join(cellule(f"{chr(65 + i)}{n}", v) for i, v in enumerate(ligne)
                                              if v is not None) + "</x:row>" for n, ligne in enumerate(lignes, 1)]
    if loin is not None:
        rangees.append(f"<x:row r='{loin.lstrip('ABCDEFGHIJKLMNOPQRSTUVWXYZ')}'>{cellule(loin, 'x')}</x:row>")
    return ("<?xml version='1.0' encoding='UTF-8'?>\n<x:worksheet xmlns:x='http://schemas.openxmlformats.org/"
            "spreadsheetml/2006/main'><x:sheetData>" + "\n".join(rangees) + "</x:sheetData></x:worksheet>").encode()


def avec_feuille_prefixee(lignes: Lignes, loin: str | None = None) -> bytes:
    """A workbook of openpyxl whose « Journal » sheet is rewritten by ``feuille_prefixee``."""
    modele = xlsx({"Journal": [JOURNAL_ENTETES]})
    return remplacer_membre(modele, "xl/worksheets/sheet1.xml", feuille_prefixee(lignes, loin))


@cas
def cellule_lointaine_prefixee() -> CasMauvais:
    """The same far cell written differently: « <x:c r='XFD1048576'> » (a namespace prefix, single quotes, the
    ``r`` attribute on a new line). The scan reads the sheet as XML: no spelling gets past it."""
    contenu = avec_feuille_prefixee([JOURNAL_ENTETES, *JOURNAL], loin="XFD1048576")
    return CasMauvais("journal_cellule_lointaine_x.xlsx", contenu, "journal", (
        "journal_cellule_lointaine_x.xlsx, feuille « Journal » : des cellules sont remplies jusqu'en XFD1048576 "
        "(1\u202f048\u202f576 lignes × 16\u202f384 colonnes), bien au-delà d'un tableau à importer : supprimez les "
        "cellules éloignées du tableau (Ctrl+Fin dans Excel montre la dernière), enregistrez puis déposez le fichier à "
        "nouveau.",), bombe=True)


@cas
def trop_de_lignes_prefixees() -> CasMauvais:
    """40 rows written with a namespace prefix and single quotes, the limit being 20: refused while scanned."""
    contenu = avec_feuille_prefixee([[str(v) if isinstance(v, dt.date) else v for v in ligne]
                                     for ligne in journal_long(40)])
    return CasMauvais("journal_trop_long_x.xlsx", contenu, "journal", (
        "journal_trop_long_x.xlsx, feuille « Journal » : plus de 20 lignes de données, au-delà de la limite de 20 "
        "lignes par import : découpez le fichier (par année par exemple) puis importez chaque partie.",), lignes_max=20,
        bombe=True)


@cas
def formate_jusqu_en_bas() -> CasMauvais:
    """A journal of three requests whose sheet is formatted down to row 1 048 576 (styled empty cells and rows, as
    Excel writes a column formatted whole): only rows holding values count; it imports."""
    modele = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    feuille = zipfile.ZipFile(io.BytesIO(modele)).read("xl/worksheets/sheet1.xml")
    vides = b"".join(b'<row r="%d" s="1" customFormat="1"><c r="A%d" s="1"/><c r="H%d" s="1"/></row>' % (n, n, n)
                     for n in range(5, 1_048_577, 997)) + b'<row r="1048576"><c r="H1048576" s="1"/></row>'
    contenu = remplacer_membre(modele, "xl/worksheets/sheet1.xml", feuille.replace(b"</sheetData>",
                                                                                  vides + b"</sheetData>"))
    return CasMauvais("journal_formate_jusqu_en_bas.xlsx", contenu, "journal", lignes_max=20,
                      colonnes=COLONNES_JOURNAL, lignes=JOURNAL_STOCKE)


# --- the row limit (configured: 20 rows here) ------------------------------------------------------------------------

@cas
def trop_de_lignes_xlsx() -> CasMauvais:
    """A 40-row journal where the configured limit is 20 rows (refused while the sheet is scanned)."""
    return CasMauvais("journal_trop_long.xlsx", xlsx({"Journal": journal_long(40)}), "journal", (
        "journal_trop_long.xlsx, feuille « Journal » : plus de 20 lignes de données, au-delà de la limite de 20 lignes "
        "par import : découpez le fichier (par année par exemple) puis importez chaque partie.",), lignes_max=20,
        bombe=True)


@cas
def juste_au_dessus_de_la_limite() -> CasMauvais:
    """A 25-row journal where the limit is 20: within the margin left for title rows, refused once read."""
    return CasMauvais("journal_25_lignes.xlsx", xlsx({"Journal": journal_long(25)}), "journal", (
        "journal_25_lignes.xlsx, feuille « Journal » : 25 lignes de données, au-delà de la limite de 20 lignes par "
        "import : découpez le fichier (par année par exemple) puis importez chaque partie.",), lignes_max=20)


@cas
def trop_de_lignes_csv() -> CasMauvais:
    """A 40-row CSV journal where the configured limit is 20 rows."""
    return CasMauvais("journal_trop_long.csv", csv(journal_long(40)), "journal", (
        "journal_trop_long.csv : plus de 20 lignes de données, au-delà de la limite de 20 lignes par import : "
        "découpez le fichier (par année par exemple) puis importez chaque partie.",), lignes_max=20, bombe=True)


# --- headers ------------------------------------------------------------------------------------------------------

@cas
def entetes_fusionnees() -> CasMauvais:
    """Header cells « Nature » and « Date de réception » merged (C1:D1): the second header is lost."""
    def fusionner(classeur: Workbook) -> None:
        classeur["Journal"].merge_cells("C1:D1")
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]}, fusionner)
    return CasMauvais("journal_fusions.xlsx", contenu, "journal", (
        "journal_fusions.xlsx, feuille « Journal », ligne 1 : colonne obligatoire « Date de réception » absente de la "
        "ligne d'en-tête.",), (
        "journal_fusions.xlsx, feuille « Journal », ligne 1 : cellules fusionnées dans la ligne d'en-tête (C1:D1) : "
        "seule la première cellule de chaque fusion porte un en-tête ; défusionnez-les pour que chaque colonne ait le "
        "sien.",))


@cas
def colonne_obligatoire_absente() -> CasMauvais:
    """A journal without its « Nature » column."""
    sans_nature = [[v for i, v in enumerate(r) if i != 2] for r in [JOURNAL_ENTETES, *JOURNAL]]
    return CasMauvais("journal_sans_nature.xlsx", xlsx({"Journal": sans_nature}), "journal", (
        "journal_sans_nature.xlsx, feuille « Journal », ligne 1 : colonne obligatoire « Nature » absente de la ligne "
        "d'en-tête.",))


@cas
def mauvais_type() -> CasMauvais:
    """A PAN attendance file imported as a journal: no row names the journal's columns."""
    lignes = [PAN_ENTETES, ["PAN Préfecture", "2024-01", "Titres de séjour", 12]]
    return CasMauvais("pan_janvier.xlsx", xlsx({"PAN": lignes}), "journal", (
        "pan_janvier.xlsx, feuille « PAN » : aucune ligne d'en-tête reconnue dans les 10 premières lignes : les "
        "colonnes attendues sont Référence, Canal, Nature, Date de réception (téléchargez le modèle pour « Journal "
        "des courriers, courriels et réclamations »).",))


@cas
def colonne_en_double() -> CasMauvais:
    """Two columns headed « Canal » (a column copied next to itself)."""
    lignes = [[*r[:2], r[1], *r[2:]] for r in [JOURNAL_ENTETES, *JOURNAL]]
    return CasMauvais("journal_deux_canaux.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_deux_canaux.xlsx, feuille « Journal », ligne 1 : la colonne « Canal » apparaît plusieurs fois "
        "(colonnes B et C) : gardez-en une seule.",))


@cas
def titre_fusionne_au_dessus() -> CasMauvais:
    """A merged title (A1:H1) and an empty row above the headers, a help sheet first: awkward but valid, it
    imports."""
    def fusionner(classeur: Workbook) -> None:
        classeur["Journal"].merge_cells("A1:H1")
    lignes = [["Journal des demandes écrites - janvier 2024"], [], JOURNAL_ENTETES, *JOURNAL]
    contenu = xlsx({"Aide": [["Remplissez la feuille Journal."]], "Journal": lignes}, fusionner)
    return CasMauvais("journal_avec_titre.xlsx", contenu, "journal", colonnes=COLONNES_JOURNAL,
                      lignes=JOURNAL_STOCKE)


# --- cells: formulas, dates -----------------------------------------------------------------------------------------

@cas
def formules_sans_valeur() -> CasMauvais:
    """Formulas written by a program, never computed: no cached value (a Référence and a Date de réponse)."""
    lignes = journal_avec(3, "Référence", '="2024-"&TEXT(ROW(),"000")')
    lignes[3][JOURNAL_ENTETES.index("Date de réponse")] = "=D4+3"
    return CasMauvais("journal_formules.xlsx", xlsx({"Journal": lignes}), "journal", (
        f"journal_formules.xlsx, feuille « Journal », ligne 3, colonne « Référence » : {FORMULE}",
        f"journal_formules.xlsx, feuille « Journal », ligne 4, colonne « Date de réponse » : {FORMULE}"))


@cas
def dates_texte_jj_mm_aaaa() -> CasMauvais:
    """Dates typed as text jj/mm/aaaa (also jj.mm.aaaa): accepted, the journal imports."""
    lignes = [list(JOURNAL_ENTETES), *(list(r) for r in JOURNAL)]
    for ligne in lignes[1:]:
        for colonne in (3, 5):
            if isinstance(ligne[colonne], dt.date):
                ligne[colonne] = ligne[colonne].strftime("%d/%m/%Y")
    lignes[2][5] = "22.01.2024"
    return CasMauvais("journal_dates_texte.xlsx", xlsx({"Journal": lignes}), "journal",
                      colonnes=COLONNES_JOURNAL, lignes=JOURNAL_STOCKE)


@cas
def dates_texte_aaaa_mm_jj() -> CasMauvais:
    """Dates typed as text aaaa-mm-jj (ISO, as databases export them): accepted, the journal imports."""
    lignes = [list(JOURNAL_ENTETES), *(list(r) for r in JOURNAL)]
    for ligne in lignes[1:]:
        for colonne in (3, 5):
            if isinstance(ligne[colonne], dt.date):
                ligne[colonne] = ligne[colonne].isoformat()
    return CasMauvais("journal_dates_iso.xlsx", xlsx({"Journal": lignes}), "journal",
                      colonnes=COLONNES_JOURNAL, lignes=JOURNAL_STOCKE)


@cas
def dates_texte_illisibles() -> CasMauvais:
    """Dates typed in words (« 10 janvier 2024 ») or with slashes in ISO order (« 2024/01/22 »): refused."""
    lignes = journal_avec(3, "Date de réception", "10 janvier 2024")
    lignes[2][JOURNAL_ENTETES.index("Date de réponse")] = "2024/01/22"
    return CasMauvais("journal_dates_en_lettres.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_dates_en_lettres.xlsx, feuille « Journal », ligne 3, colonne « Date de réception » : date illisible "
        f"« 10 janvier 2024 » {FORMATS_DATE}",
        "journal_dates_en_lettres.xlsx, feuille « Journal », ligne 3, colonne « Date de réponse » : date illisible "
        f"« 2024/01/22 » {FORMATS_DATE}"))


@cas
def date_impossible() -> CasMauvais:
    """A reception on 31/02/2024 (typed as text: Excel would not store it as a date)."""
    lignes = journal_avec(4, "Date de réception", "31/02/2024")
    return CasMauvais("journal_31_fevrier.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_31_fevrier.xlsx, feuille « Journal », ligne 4, colonne « Date de réception » : date impossible "
        "« 31/02/2024 » (ce jour n'existe pas dans le calendrier).",))


@cas
def dates_americaines() -> CasMauvais:
    """A date typed month first (« 01/31/2024 », an American export): month 31 does not exist, refused with the
    date as it should be written."""
    lignes = journal_avec(2, "Date de réponse", "01/31/2024")
    return CasMauvais("journal_dates_us.csv", csv(lignes), "journal", (
        "journal_dates_us.csv, ligne 2, colonne « Date de réponse » : date « 01/31/2024 » illisible en jj/mm/aaaa "
        "(il n'y a pas de mois 31) : écrite le mois d'abord ? Écrivez 31/01/2024.",))


@cas
def dates_futures() -> CasMauvais:
    """A request received on 01/09/2025 and an answer dated 20/06/2025, when today is 15/06/2025."""
    lignes = journal_avec(3, "Date de réception", dt.date(2025, 9, 1))
    lignes[3][JOURNAL_ENTETES.index("Date de réception")] = dt.date(2025, 6, 2)
    lignes[3][JOURNAL_ENTETES.index("Date de réponse")] = dt.date(2025, 6, 20)
    lignes[2][JOURNAL_ENTETES.index("Date de réponse")] = None
    return CasMauvais("journal_futur.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_futur.xlsx, feuille « Journal », ligne 3, colonne « Date de réception » : date du 01/09/2025 dans le "
        "futur (nous sommes le 15/06/2025).",
        "journal_futur.xlsx, feuille « Journal », ligne 4, colonne « Date de réponse » : date du 20/06/2025 dans le "
        "futur (nous sommes le 15/06/2025)."))


@cas
def reponse_avant_reception() -> CasMauvais:
    """An answer dated 03/01/2024 to a request received on 10/01/2024."""
    lignes = journal_avec(3, "Date de réponse", dt.date(2024, 1, 3))
    return CasMauvais("journal_reponse_avant.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_reponse_avant.xlsx, feuille « Journal », ligne 3, colonne « Date de réponse » : réponse du "
        "03/01/2024 antérieure à la réception du 10/01/2024.",))


# --- values: codes, counts, rates, duplicates -----------------------------------------------------------------------

@cas
def canal_inconnu() -> CasMauvais:
    """A request received by « fax », a canal the referential does not have."""
    lignes = journal_avec(3, "Canal", "fax")
    return CasMauvais("journal_fax.xlsx", xlsx({"Journal": lignes}), "journal", (
        f"journal_fax.xlsx, feuille « Journal », ligne 3, colonne « Canal » : valeur « fax » inconnue {CANAUX_ADMIS}",))


@cas
def references_en_double() -> CasMauvais:
    """Two requests carrying the Référence « 2024-001 » (a copied row)."""
    lignes = journal_avec(4, "Référence", "2024-001")
    return CasMauvais("journal_doublons.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_doublons.xlsx, feuille « Journal », ligne 4, colonne « Référence » : référence « 2024-001 » en "
        "double (déjà à la ligne 2).",))


@cas
def nombre_negatif() -> CasMauvais:
    """A PAN month counting -3 users for a démarche."""
    lignes = [PAN_ENTETES, ["PAN Préfecture", "2024-01", "Titres de séjour", 12],
              ["PAN Préfecture", "2024-01", "Permis de conduire", -3]]
    return CasMauvais("pan_negatif.xlsx", xlsx({"PAN": lignes}), "pan", (
        "pan_negatif.xlsx, feuille « PAN », ligne 3, colonne « Nombre » : nombre négatif « \u22123 » : un nombre ne "
        "peut pas être négatif.",))


@cas
def avancement_au_dessus_de_100() -> CasMauvais:
    """An action of the plan at 150 % of progress."""
    lignes = [PLAN_ENTETES,
              ["Accueil", "Signalétique", "Refaire la signalétique", "Préfecture", "SG", dt.date(2024, 6, 30),
               "en cours", 150, None, 2024],
              ["Accueil", "Téléphone", "Former les agents", "Préfecture", "SG", dt.date(2024, 9, 30), "à lancer", 0,
               None, 2024]]
    return CasMauvais("plan_150.xlsx", xlsx({"Plan d'actions": lignes}), "plan", (
        "plan_150.xlsx, feuille « Plan d'actions », ligne 2, colonne « Avancement » : avancement « 150 % » supérieur "
        "à 100 %.",))


@cas
def taux_au_dessus_de_100() -> CasMauvais:
    """A rate indicator at 104,5 % (typed « 104,5 % » in a CSV)."""
    lignes = [INDICATEURS_ENTETES, ["E3-REPONSES-DELAI", "2024-T1", "104,5 %", None, None, None],
              ["E3-DELAI-MOYEN", "2024-T1", "7,5", None, None, None]]
    return CasMauvais("indicateurs_taux.csv", csv(lignes), "indicateurs", (
        "indicateurs_taux.csv, ligne 2, colonne « Valeur » : taux « 104,5 % » supérieur à 100 %.",))


@cas
def numerateur_au_dessus_du_denominateur() -> CasMauvais:
    """A rate given by its counts, 1 300 answered in time out of 1 200 (columns swapped?), the Valeur left empty:
    the numerator is named, not the 108,3 % the user never typed."""
    lignes = [INDICATEURS_ENTETES, ["E3-REPONSES-DELAI", "2024-T1", None, 1300, 1200, None]]
    return CasMauvais("indicateurs_comptes.xlsx", xlsx({"Valeurs": lignes}), "indicateurs", (
        "indicateurs_comptes.xlsx, feuille « Valeurs », ligne 2, colonne « Numérateur » : numérateur « 1\u202f300 » "
        "supérieur au dénominateur « 1\u202f200 ».",))


@cas
def indicateur_inconnu() -> CasMauvais:
    """An indicator code the referential does not know (« E99-ACCUEIL »)."""
    lignes = [INDICATEURS_ENTETES, ["E3-REPONSES-DELAI", "2024-T1", 85, None, None, None],
              ["E99-ACCUEIL", "2024-T1", 12, None, None, "source : Indigo"]]
    return CasMauvais("indicateurs_inconnu.xlsx", xlsx({"Valeurs": lignes}), "indicateurs", (
        "indicateurs_inconnu.xlsx, feuille « Valeurs », ligne 3, colonne « Indicateur » : indicateur « E99-ACCUEIL » "
        "inconnu du référentiel « Qual-e-pref » (codes et libellés : feuille « Indicateurs » du modèle).",))


@cas
def periode_malformee() -> CasMauvais:
    """Periods « 2024-13 » (no 13th month) and « T5 2024 » (no 5th quarter)."""
    lignes = [INDICATEURS_ENTETES, ["E3-REPONSES-DELAI", "2024-13", 85, None, None, None],
              ["E3-DELAI-MOYEN", "T5 2024", 7, None, None, None]]
    return CasMauvais("indicateurs_periodes.xlsx", xlsx({"Valeurs": lignes}), "indicateurs", (
        "indicateurs_periodes.xlsx, feuille « Valeurs », ligne 2, colonne « Période » : période illisible « 2024-13 » "
        "(formats admis : 2023, 2023-T2, 2023-05).",
        "indicateurs_periodes.xlsx, feuille « Valeurs », ligne 3, colonne « Période » : période illisible « T5 2024 » "
        "(formats admis : 2023, 2023-T2, 2023-05)."))


def _format_pourcent(feuille: str, cellules: tuple[str, ...]) -> Callable[[Workbook], None]:
    """Format ``cellules`` of ``feuille`` as Excel's « 0,0 % »."""
    def retoucher(classeur: Workbook) -> None:
        for cellule in cellules:
            classeur[feuille][cellule].number_format = "0.0%"
    return retoucher


@cas
def taux_format_pourcentage() -> CasMauvais:
    """A rate typed in a cell formatted as a percentage: the référent sees 77,6 %, the cell holds 0,776; another
    typed « 85 » in a plain cell. The format is read: 77,6 % and 85 % arrive (not 0,776 %)."""
    lignes = [INDICATEURS_ENTETES, ["E3-REPONSES-DELAI", "2024-T1", 0.776, None, None, None],
              ["E3-REPONSES-DELAI", "2024-T2", 85, None, None, None]]
    contenu = xlsx({"Valeurs": lignes}, _format_pourcent("Valeurs", ("C2",)))
    return CasMauvais("indicateurs_pourcents.xlsx", contenu, "indicateurs",
                      colonnes=("indicateur", "periode", "valeur"),
                      lignes=(("E3-REPONSES-DELAI", "2024-T1", 77.6), ("E3-REPONSES-DELAI", "2024-T2", 85.0)))


@cas
def avancement_format_pourcentage() -> CasMauvais:
    """A plan whose « Avancement » cells are formatted as percentages (50 % holds 0,5; 100 % holds 1): read as
    50 and 100."""
    lignes = [PLAN_ENTETES,
              ["Accueil", "Signalétique", "Refaire la signalétique", "Préfecture", "SG", dt.date(2024, 6, 30),
               "en cours", 0.5, None, 2024],
              ["Accueil", "Téléphone", "Former les agents", "Préfecture", "SG", dt.date(2024, 9, 30), "réalisée", 1,
               None, 2024]]
    contenu = xlsx({"Plan d'actions": lignes}, _format_pourcent("Plan d'actions", ("H2", "H3")))
    return CasMauvais("plan_pourcents.xlsx", contenu, "plan", colonnes=("action", "avancement"),
                      lignes=(("Refaire la signalétique", 50.0), ("Former les agents", 100.0)))


@cas
def avancement_zero_zero_zero_un() -> CasMauvais:
    """« Avancement » 0, 0, 0, 1 in plain cells: bare numbers are percents (the one rule: 0 and 1 alone say
    nothing of fractions): the last action is at 1 %, not 100 %."""
    lignes = [PLAN_ENTETES] + [["Accueil", "Signalétique", f"Action {i}", "Préfecture", "SG", dt.date(2024, 6, 30),
                                "en cours", a, None, 2024] for i, a in enumerate((0, 0, 0, 1), start=1)]
    return CasMauvais("plan_0001.xlsx", xlsx({"Plan d'actions": lignes}), "plan", colonnes=("action", "avancement"),
                      lignes=(("Action 1", 0.0), ("Action 2", 0.0), ("Action 3", 0.0), ("Action 4", 1.0)))


@cas
def taux_fractions_et_pourcents_melanges() -> CasMauvais:
    """An « Avancement » column mixing 0,56 and 56 (two people filled it): which is meant cannot be guessed; the
    fraction is refused at its cell."""
    lignes = [PLAN_ENTETES,
              ["Accueil", "Signalétique", "Refaire la signalétique", "Préfecture", "SG", dt.date(2024, 6, 30),
               "en cours", 0.56, None, 2024],
              ["Accueil", "Téléphone", "Former les agents", "Préfecture", "SG", dt.date(2024, 9, 30), "en cours", 56,
               None, 2024]]
    return CasMauvais("plan_melange.xlsx", xlsx({"Plan d'actions": lignes}), "plan", (
        "plan_melange.xlsx, feuille « Plan d'actions », ligne 2, colonne « Avancement » : taux « 0,56 » écrit comme "
        "une fraction alors que d'autres cases de la colonne sont en pourcentage (« 56 ») : écrivez tous les taux de "
        "la même façon (56 ou 56 % pour 56 %).",))


@cas
def erreurs_excel_en_cache() -> CasMauvais:
    """Cells holding a cached Excel error: « #DIV/0! » as a date of answer (it would read « pas de réponse ») and
    « #N/A » as a canal: each refused naming the cell and the error."""
    lignes = journal_avec(3, "Date de réponse", "#DIV/0!")
    lignes[3][JOURNAL_ENTETES.index("Canal")] = "#N/A"
    return CasMauvais("journal_erreurs.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_erreurs.xlsx, feuille « Journal », ligne 3, colonne « Date de réponse » : la cellule F3 contient "
        "l'erreur « #DIV/0! » (résultat d'une formule en erreur) : corrigez la formule ou remplacez-la par une valeur, "
        "puis déposez le fichier à nouveau.",
        "journal_erreurs.xlsx, feuille « Journal », ligne 4, colonne « Canal » : la cellule B4 contient l'erreur "
        "« #N/A » (résultat d'une formule en erreur) : corrigez la formule ou remplacez-la par une valeur, puis "
        "déposez le fichier à nouveau."))


@cas
def nombres_impossibles() -> CasMauvais:
    """Counts no PAN can have: « 1e999 » (infinite once read), 1e20 people, and two rows of 9e18 whose total would
    wrap to a negative number: each refused at its cell."""
    lignes = [PAN_ENTETES, ["PAN Préfecture", "2024-01", "Titres de séjour", "1e999"],
              ["PAN Préfecture", "2024-01", "Permis de conduire", 1e20],
              ["PAN Préfecture", "2024-02", "Permis de conduire", 9e18],
              ["PAN Préfecture", "2024-02", "Permis de conduire", 9e18]]
    fin = ("hors de portée : aucun compte, délai ou taux ne dépasse 1\u202f000\u202f000\u202f000\u202f000 ; vérifiez "
           "la cellule.")
    return CasMauvais("pan_impossible.xlsx", xlsx({"PAN": lignes}), "pan", (
        f"pan_impossible.xlsx, feuille « PAN », ligne 2, colonne « Nombre » : nombre « 1e999 » {fin}",
        f"pan_impossible.xlsx, feuille « PAN », ligne 3, colonne « Nombre » : nombre « 100000000000000000000 » {fin}",
        f"pan_impossible.xlsx, feuille « PAN », ligne 4, colonne « Nombre » : nombre « 9000000000000000000 » {fin}",
        f"pan_impossible.xlsx, feuille « PAN », ligne 5, colonne « Nombre » : nombre « 9000000000000000000 » {fin}"), (
        "pan_impossible.xlsx, feuille « PAN », ligne 5, colonne « Nombre » : même point d'accès, mois et démarche "
        "qu'à la ligne 4 : les deux nombres seront additionnés.",))


# --- the satisfaction survey -------------------------------------------------------------------------------------

QUESTIONNAIRE = [["Question", "Thème"], ["Accueil au guichet", "accueil physique"],
                 ["Réponse à vos courriers", "courriers et courriels"]]


@cas
def enquete_questions_inconnues() -> CasMauvais:
    """A survey whose Questionnaire names « Accueil téléphonique », a question no column of Réponses carries."""
    reponses = [["Année", "Accueil au guichet", "Réponse à vos courriers"], [2024, "Satisfait", "Très satisfait"],
                [2024, "Peu satisfait", "Sans avis"]]
    questionnaire = [*QUESTIONNAIRE, ["Accueil téléphonique", "accueil téléphonique"]]
    contenu = xlsx({"Réponses": reponses, "Questionnaire": questionnaire})
    return CasMauvais("enquete_questions.xlsx", contenu, "enquete", (
        "enquete_questions.xlsx, feuille « Questionnaire », ligne 4, colonne « Question » : question « Accueil "
        "téléphonique » absente de la feuille « Réponses » : aucune colonne ne porte ce titre (vérifiez l'en-tête ou "
        "retirez la question du questionnaire).",), annee=2024)


@cas
def enquete_reponse_inconnue() -> CasMauvais:
    """A survey answer « Bof », outside the scale."""
    reponses = [["Année", "Accueil au guichet", "Réponse à vos courriers"], [2024, "Satisfait", "Bof"]]
    contenu = xlsx({"Réponses": reponses, "Questionnaire": QUESTIONNAIRE})
    return CasMauvais("enquete_bof.xlsx", contenu, "enquete", (
        "enquete_bof.xlsx, feuille « Réponses », ligne 2, colonne « Réponse à vos courriers » : valeur « Bof » "
        "inconnue (valeurs admises : très satisfait, satisfait (ou plutôt satisfait), peu satisfait (ou plutôt pas "
        "satisfait), pas du tout satisfait, sans avis (ou ne se prononce pas, ou vide)).",), annee=2024)


@cas
def enquete_sans_questionnaire() -> CasMauvais:
    """A survey workbook holding the answers only (the Questionnaire sheet forgotten)."""
    reponses = [["Année", "Accueil au guichet"], [2024, "Satisfait"]]
    contenu = xlsx({"Réponses": reponses})
    return CasMauvais("enquete_reponses_seules.xlsx", contenu, "enquete", (
        "enquete_reponses_seules.xlsx : feuille « Questionnaire » introuvable (feuilles présentes : « Réponses »).",),
        annee=2024)


@cas
def enquete_en_csv() -> CasMauvais:
    """A survey as a CSV: one sheet cannot hold both the answers and the questionnaire."""
    contenu = csv([["Année", "Accueil au guichet"], [2024, "Satisfait"]])
    return CasMauvais("enquete.csv", contenu, "enquete", (
        "enquete.csv : une enquête se dépose en classeur .xlsx ou .ods avec deux feuilles, « Réponses » (une ligne par "
        "répondant) et « Questionnaire » (le thème de chaque question) : téléchargez le modèle.",), annee=2024)


# --- text encodings: awkward but valid, except UTF-16 without its BOM ----------------------------------------------

ACCENTS = [
    ["Référence", "Canal", "Nature", "Date de réception", "Date de réponse", "Type de réponse", "Service"],
    ["RÉC-001", "Courriel", "Réclamation", dt.date(2024, 1, 5), dt.date(2024, 1, 8), "fond", "Étrangers"],
    ["RÉC-002", "Courrier", "Demande d'information", dt.date(2024, 1, 9), None, None, "Accueil général"],
    ["RÉC-003", "Urne", "Suggestion", dt.date(2024, 1, 12), dt.date(2024, 1, 19), "réponse d'attente",
     "Sécurité routière ; permis"],
]
ACCENTS_STOCKES = (
    ("RÉC-001", "courriel", "reclamation", dt.date(2024, 1, 5), dt.date(2024, 1, 8), "fond", "Étrangers"),
    ("RÉC-002", "courrier", "information", dt.date(2024, 1, 9), None, None, "Accueil général"),
    ("RÉC-003", "urne", "suggestion", dt.date(2024, 1, 12), dt.date(2024, 1, 19), "attente",
     "Sécurité routière ; permis"),
)


@cas
def csv_windows_1252() -> CasMauvais:
    """A CSV as French Excel saves it (« CSV (séparateur : point-virgule) »): Windows-1252, « ; »: it imports, accents
    intact (also in a quoted value holding a « ; »)."""
    return CasMauvais("journal_excel.csv", csv(ACCENTS, ";", "cp1252"), "journal",
                      colonnes=COLONNES_JOURNAL, lignes=ACCENTS_STOCKES)


@cas
def csv_utf8_bom() -> CasMauvais:
    """A CSV in UTF-8 with a BOM (« CSV UTF-8 » of Excel): the BOM is not part of the first header; it imports."""
    return CasMauvais("journal_utf8.csv", csv(ACCENTS, ";", "utf-8-sig"), "journal",
                      colonnes=COLONNES_JOURNAL, lignes=ACCENTS_STOCKES)


@cas
def csv_utf16() -> CasMauvais:
    """A CSV in UTF-16 with its BOM, tab-separated (Excel's « Texte Unicode »): the reader decodes it; it imports."""
    return CasMauvais("journal_unicode.csv", csv(ACCENTS, "\t", "utf-16"), "journal",
                      colonnes=COLONNES_JOURNAL, lignes=ACCENTS_STOCKES)


@cas
def csv_utf16_sans_bom() -> CasMauvais:
    """A CSV in UTF-16 (little endian) without a BOM: text, but its encoding cannot be told for sure; refused, saying
    how to save it."""
    contenu = csv(ACCENTS, ";", "utf-16-le")
    assert not contenu.startswith(codecs.BOM_UTF16_LE)
    return CasMauvais("journal_utf16_sans_bom.csv", contenu, "journal", (
        "journal_utf16_sans_bom.csv : encodage du texte non reconnu (UTF-16 sans marque d'ordre d'octets ?) : "
        "enregistrez le fichier au format « CSV UTF-8 » puis déposez-le à nouveau.",))


@cas
def csv_utf8_avec_un_octet_latin1() -> CasMauvais:
    """A CSV in UTF-8 but for one « É » pasted from a Latin-1 program (byte 0xC9) on row 3: read as Windows-1252,
    every other accent would turn into mojibake (« Ã‰trangers »); refused naming the row and the byte."""
    contenu = csv(ACCENTS, ";", "utf-8")
    position = contenu.index("Demande d'information".encode())
    contenu = contenu[:position] + b"\xc9" + contenu[position:]
    return CasMauvais("journal_deux_encodages.csv", contenu, "journal", (
        "journal_deux_encodages.csv, ligne 3 : octet 0xC9 illisible en UTF-8 alors que le reste du fichier est en "
        "UTF-8 (le fichier mêle deux encodages) : corrigez le caractère de cette ligne, ou enregistrez le fichier au "
        "format « CSV UTF-8 » puis déposez-le à nouveau.",))


@cas
def csv_octet_nul() -> CasMauvais:
    """A CSV holding one NUL byte on row 4 (a broken save): refused naming its row, not called a renamed binary
    file, and never stored inside a text."""
    contenu = csv(ACCENTS, ";", "utf-8").replace("RÉC-003".encode(), "RÉC-003".encode() + b"\x00")
    return CasMauvais("journal_nul.csv", contenu, "journal", (
        "journal_nul.csv, ligne 4 : caractère nul (octet 0x00) dans cette ligne : le fichier a sans doute été mal "
        "enregistré ; enregistrez-le au format « CSV UTF-8 » puis déposez-le à nouveau.",))


@cas
def csv_ligne_sep_d_excel() -> CasMauvais:
    """A CSV starting with Excel's own « sep=; » line: rows are numbered as Excel shows them (the line is hidden):
    the bad canal of the second request is on row 3."""
    contenu = b"sep=;\r\n" + csv(journal_avec(3, "Canal", "fax"))
    return CasMauvais("journal_sep.csv", contenu, "journal", (
        f"journal_sep.csv, ligne 3, colonne « Canal » : valeur « fax » inconnue {CANAUX_ADMIS}",))


ADRESSE = ", bureau 2, guichet B, étage 1, porte 3, aile C, bâtiment A, site Nord"  # more commas than « ; »


@cas
def csv_point_virgule_textes_a_virgules() -> CasMauvais:
    """A « ; » CSV whose texts hold commas (« Accueil, courrier ») in every row: the separator is the header's;
    it imports."""
    lignes = [list(r) for r in ACCENTS]
    for ligne in lignes[1:]:
        ligne[-1] = ligne[-1].replace(" ; ", ", ") + ADRESSE
    stockes = tuple(r[:-1] + (r[-1].replace(" ; ", ", ") + ADRESSE,) for r in ACCENTS_STOCKES)
    return CasMauvais("journal_virgules.csv", csv(lignes, ";"), "journal", colonnes=COLONNES_JOURNAL, lignes=stockes)


@cas
def entetes_caracteres_invisibles() -> CasMauvais:
    """Headers pasted with invisible characters (a zero-width space in « Canal », a BOM before « Nature »): they are
    ignored; it imports."""
    lignes = [list(JOURNAL_ENTETES), *(list(r) for r in JOURNAL)]
    lignes[0][1] = "Ca\u200bnal"
    lignes[0][2] = "\ufeffNature"
    return CasMauvais("journal_invisibles.xlsx", xlsx({"Journal": lignes}), "journal",
                      colonnes=COLONNES_JOURNAL, lignes=JOURNAL_STOCKE)


@cas
def dates_avec_heure() -> CasMauvais:
    """Dates typed with a time (« 2024-01-05 14:30 », « 2024-01-10T09:15:00.000 », « 15/01/2024 14h30 »): the day
    counts; it imports."""
    lignes = [list(JOURNAL_ENTETES), *(list(r) for r in JOURNAL)]
    for ligne, texte in zip(lignes[1:], ("2024-01-05 14:30", "2024-01-10T09:15:00.000", "15/01/2024 14h30"),
                            strict=True):
        ligne[3] = texte
    return CasMauvais("journal_heures.xlsx", xlsx({"Journal": lignes}), "journal",
                      colonnes=COLONNES_JOURNAL, lignes=JOURNAL_STOCKE)


@cas
def dates_hors_plage() -> CasMauvais:
    """Dates beyond what can be held (31/12/9999 as a date cell, « 01/01/0001 » as text): refused at their cell as
    « hors plage », never an OutOfBoundsDatetime."""
    lignes = journal_avec(2, "Date de réponse", dt.date(9999, 12, 31))
    lignes[2][JOURNAL_ENTETES.index("Date de réponse")] = "01/01/0001"
    return CasMauvais("journal_hors_plage.xlsx", xlsx({"Journal": lignes}), "journal", (
        "journal_hors_plage.xlsx, feuille « Journal », ligne 2, colonne « Date de réponse » : date hors plage "
        "« 31/12/9999 » (attendue entre 2000 et 2100).",
        "journal_hors_plage.xlsx, feuille « Journal », ligne 3, colonne « Date de réponse » : date hors plage "
        "« 01/01/0001 » (attendue entre 2000 et 2100)."))


@cas
def echeance_hors_plage() -> CasMauvais:
    """An échéance of the plan in 2300 (a typo for 2030): refused at its cell as « hors plage »."""
    lignes = [PLAN_ENTETES, ["Accueil", "Signalétique", "Refaire la signalétique", "Préfecture", "SG",
                             dt.date(2300, 6, 30), "en cours", 50, None, 2024]]
    return CasMauvais("plan_2300.xlsx", xlsx({"Plan d'actions": lignes}), "plan", (
        "plan_2300.xlsx, feuille « Plan d'actions », ligne 2, colonne « Échéance » : date hors plage « 30/06/2300 » "
        "(attendue entre 2000 et 2100).",))


@cas
def cellules_de_donnees_fusionnees() -> CasMauvais:
    """The Canal of two requests merged into one cell (B2:B3, « Courriel » shown once for both): the second row is
    not « valeur manquante » but a merged cell, and the message says how to unmerge."""
    def fusionner(classeur: Workbook) -> None:
        classeur["Journal"].merge_cells("B2:B3")
    return CasMauvais("journal_fusion_donnees.xlsx", xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]}, fusionner),
                      "journal", (
        "journal_fusion_donnees.xlsx, feuille « Journal », ligne 3, colonne « Canal » : cellule fusionnée avec B2 "
        "(fusion B2:B3) : seule la première cellule d'une fusion porte la valeur ; défusionnez ces cellules (Accueil › "
        "Fusionner et centrer) et recopiez la valeur sur chaque ligne, puis déposez le fichier à nouveau.",))


@cas
def feuilles_janvier_fevrier() -> CasMauvais:
    """A workbook with « Janvier » and « Février » sheets of the same shape: importing January alone, silently,
    would lose February; refused naming both sheets."""
    fevrier = [JOURNAL_ENTETES, ["2024-101", "Courriel", "Réclamation", dt.date(2024, 2, 5), None, None, None,
                                 "Titres"]]
    contenu = xlsx({"Janvier": [JOURNAL_ENTETES, *JOURNAL], "Février": fevrier})
    return CasMauvais("journal_deux_mois.xlsx", contenu, "journal", (
        "journal_deux_mois.xlsx : plusieurs feuilles ont les colonnes attendues (« Janvier », « Février ») : une seule "
        "feuille est importée par fichier ; réunissez leurs lignes dans une seule feuille, ou déposez chaque feuille "
        "dans un fichier à part.",))


@cas
def feuilles_homonymes() -> CasMauvais:
    """Two sheets both named « Journal » (a broken file: Excel forbids it): refused, not one of them imported."""
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL], "Journal2": [JOURNAL_ENTETES, *JOURNAL[:1]]})
    classeur = zipfile.ZipFile(io.BytesIO(contenu)).read("xl/workbook.xml")
    contenu = remplacer_membre(contenu, "xl/workbook.xml", classeur.replace(b'name="Journal2"', b'name="Journal"'))
    return CasMauvais("journal_homonymes.xlsx", contenu, "journal", (
        "journal_homonymes.xlsx : deux feuilles portent le même nom « Journal » (le classeur est endommagé) : "
        "ouvrez-le dans Excel ou LibreOffice, renommez l'une d'elles, enregistrez puis déposez-le à nouveau.",))


@cas
def feuille_de_donnees_masquee() -> CasMauvais:
    """The journal's sheet is hidden, a visible « Notes » sheet holds no table: the hidden sheet is read, and the
    user is told it was hidden."""
    def masquer(classeur: Workbook) -> None:
        classeur["Journal"].sheet_state = "hidden"
    contenu = xlsx({"Notes": [["Journal de janvier, à importer"]], "Journal": [JOURNAL_ENTETES, *JOURNAL]}, masquer)
    return CasMauvais("journal_masque.xlsx", contenu, "journal", avertissements=(
        "journal_masque.xlsx, feuille « Journal » : la feuille « Journal » est masquée dans le classeur : ses lignes "
        "ont été lues ; vérifiez que ce sont bien les données à importer.",),
        colonnes=COLONNES_JOURNAL, lignes=JOURNAL_STOCKE)


# --- writing the corpus ---------------------------------------------------------------------------------------------

def ecrire(dossier: Path) -> list[Path]:
    """Write every file of the corpus into ``dossier`` and ``attendus.txt`` (each file's kind and messages)."""
    dossier.mkdir(parents=True, exist_ok=True)
    ecrits, notes = [], []
    for c in fichiers():
        chemin = dossier / c.nom
        chemin.write_bytes(c.contenu)
        ecrits.append(chemin)
        notes.append(f"{c.nom} [{c.type_donnees}] : {c.description}")
        notes += [f"  erreur : {m}" for m in c.erreurs]
        notes += [f"  avertissement : {m}" for m in c.avertissements]
        notes += ["  s'importe."] if c.importe else []
    (dossier / "attendus.txt").write_text("\n".join(notes) + "\n", encoding="utf-8")
    return ecrits


def main(arguments: list[str] | None = None) -> int:
    """``python -m tests.corpus.generer DOSSIER``."""
    arguments = sys.argv[1:] if arguments is None else arguments
    if len(arguments) != 1:
        print("usage : python -m tests.corpus.generer DOSSIER", file=sys.stderr)
        return 2
    ecrits = ecrire(Path(arguments[0]))
    print(f"{len(ecrits)} fichiers écrits dans {arguments[0]} (voir attendus.txt).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
