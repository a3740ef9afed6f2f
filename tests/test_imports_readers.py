"""Reading uploaded files safely: every refusal's exact message, encodings, separators, headers, Excel row numbers."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zipfile

import pytest

from qualepref.format import nombre
from qualepref.imports import readers
from qualepref.imports.readers import FichierRefuse, ouvrir
from tests.fichiers_imports import JOURNAL, JOURNAL_ENTETES, ajouter_membre, csv, ods, remplacer_membre, xlsx

MO = 1024 * 1024
TAILLE = 50 * MO


def refus(contenu: bytes, nom: str, taille: int = TAILLE, lignes_max: int = 500_000) -> FichierRefuse:
    with pytest.raises(FichierRefuse) as erreur:
        classeur = ouvrir(contenu, nom, taille, lignes_max)
        for feuille in classeur.noms:  # a sheet is read on first use
            classeur.feuille(feuille)
    return erreur.value


def journal_xlsx() -> bytes:
    return xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})


# --- refusals before parsing -------------------------------------------------------------------------------------

def test_fichier_vide() -> None:
    assert refus(b"", "journal.xlsx").message == "le fichier est vide."
    assert refus(b"  \r\n", "journal.csv").message == "le fichier est vide."
    assert refus(b';;;\r\n\r\n;"";\r\n,,\t\r\n', "journal.csv").message == "le fichier est vide."  # separators only


def test_taille_reverifiee() -> None:
    message = refus(b"x" * (3 * MO), "journal.csv", taille=2 * MO).message
    assert message == ("le fichier pèse 3 Mo, au-delà de la taille maximale de 2 Mo : découpez-le (par année par "
                       "exemple).")


@pytest.mark.parametrize(("nom", "message"), [
    ("journal.xlsm", "les classeurs contenant des macros (.xlsm) sont refusés par sécurité : enregistrez-le au "
                     "format « Classeur Excel (.xlsx) » puis déposez-le à nouveau."),
    ("journal.xls", "l'ancien format Excel 97-2003 (.xls) n'est pas pris en charge : enregistrez le classeur au "
                    "format .xlsx puis déposez-le à nouveau."),
    ("journal.pdf", "format « .pdf » non pris en charge : déposez un fichier .xlsx, .ods ou .csv."),
    ("journal", "fichier sans extension : déposez un fichier .xlsx, .ods ou .csv."),
])
def test_extensions_refusees(nom: str, message: str) -> None:
    assert refus(journal_xlsx(), nom).message == message


def test_une_extension_en_majuscules_est_acceptee() -> None:
    assert ouvrir(journal_xlsx(), "JOURNAL.XLSX", TAILLE, 10).noms == ["Journal"]


def _renomme(extension: str, nature: str) -> str:
    return (f"le fichier porte l'extension {extension} mais son contenu est {nature} : il a sans doute été renommé. "
            f"Déposez le fichier d'origine ou enregistrez-le au format {extension}.")


def _docx() -> bytes:
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return sortie.getvalue()


@pytest.mark.parametrize(("contenu", "nom", "nature"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "journal.xlsx", "un document PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "journal.xlsx",
     "un ancien fichier Office 97-2003 (Word, Excel ou PowerPoint)"),
    (b"Reference;Canal\r\nA1;Courriel\r\n", "journal.xlsx", "du texte (CSV)"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "journal.ods", "une image"),
    (bytes(range(256)) * 4, "journal.csv", "un fichier binaire"),
])
def test_contenu_qui_ne_correspond_pas_a_l_extension(contenu: bytes, nom: str, nature: str) -> None:
    extension = "." + nom.rsplit(".", 1)[1]
    assert refus(contenu, nom).message == _renomme(extension, nature)


def _ole(*flux: str) -> bytes:
    """An OLE2 container (Office 97-2003) reduced to its header and one directory sector naming ``flux``."""
    entrees = b"".join(nom.encode("utf-16-le").ljust(64, b"\x00") + bytes(64) for nom in ("Root Entry", *flux))
    return readers.SIGNATURE_OLE + bytes(504) + entrees.ljust(512, b"\x00")


def test_classeur_protege_par_mot_de_passe() -> None:
    """Excel encrypts a protected .xlsx whole into the « EncryptedPackage » stream of an OLE2 container."""
    protege = _ole("EncryptionInfo", "EncryptedPackage")
    attendu = ("le classeur est protégé par un mot de passe : enlevez la protection (Fichier › Informations › Protéger "
               "le classeur) puis déposez-le à nouveau.")
    assert refus(protege, "journal.xlsx").message == attendu == readers.CHIFFRE
    assert refus(protege, "journal.csv").message == attendu


def test_ancien_classeur_xls_renomme() -> None:
    message = ("le fichier porte l'extension .xlsx mais son contenu est un ancien classeur Excel 97-2003 (.xls) : "
               "ouvrez-le dans Excel ou LibreOffice, enregistrez-le au format .xlsx puis déposez-le à nouveau.")
    assert refus(_ole("Workbook", "\x05SummaryInformation"), "journal.xlsx").message == message
    assert refus(_ole("BOOK"), "journal.ods").message == message.replace(".xlsx", ".ods")
    # the stream's name stands at the start of a directory entry: elsewhere (a cell's text) it proves nothing
    ailleurs = _ole("Autre") + b"xx" + "EncryptedPackage".encode("utf-16-le") + bytes(2)
    assert refus(ailleurs, "journal.xlsx").message == _renomme(
        ".xlsx", "un ancien fichier Office 97-2003 (Word, Excel ou PowerPoint)")


def test_classeurs_renommes() -> None:
    classeur_ods = ods({"Journal": [JOURNAL_ENTETES]})
    assert refus(classeur_ods, "journal.xlsx").message == _renomme(".xlsx", "un classeur OpenDocument (.ods)")
    assert refus(journal_xlsx(), "journal.ods").message == _renomme(".ods", "un classeur Excel (.xlsx)")
    assert refus(journal_xlsx(), "journal.csv").message == _renomme(".csv", "un classeur Excel (.xlsx)")
    assert refus(_docx(), "journal.xlsx").message == _renomme(".xlsx", "un document Word")


def test_xlsx_contenant_des_macros() -> None:
    avec_macros = ajouter_membre(journal_xlsx(), "xl/vbaProject.bin", b"\x00" * 64)
    assert refus(avec_macros, "journal.xlsx").message == readers.MACROS


ENDOMMAGE = ("le classeur est endommagé ou incomplet (archive zip illisible) : ouvrez-le dans Excel ou LibreOffice, "
             "enregistrez-le à nouveau puis déposez-le.")


def test_zip_tronque() -> None:
    contenu = journal_xlsx()
    assert refus(contenu[: len(contenu) // 2], "journal.xlsx").message == ENDOMMAGE


def test_zip_corrompu() -> None:
    contenu = bytearray(journal_xlsx())
    archive = zipfile.ZipFile(io.BytesIO(bytes(contenu)))
    info = archive.getinfo("xl/worksheets/sheet1.xml")
    debut = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(debut + 5, debut + min(info.compress_size, 60)):
        contenu[i] ^= 0xFF  # the compressed data of the sheet is garbled: CRC or inflate fails
    assert refus(bytes(contenu), "journal.xlsx").message == ENDOMMAGE


def _bombe(taille: int) -> bytes:
    """A « workbook » whose sheet is ``taille`` bytes of one repeated character (compressed about 1 000 times)."""
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as membre:
            for _ in range(taille // MO):
                membre.write(b" " * MO)
    return sortie.getvalue()


def test_bombe_zip_par_le_taux_de_compression() -> None:
    contenu = _bombe(20 * MO)
    info = zipfile.ZipFile(io.BytesIO(contenu)).getinfo("xl/worksheets/sheet1.xml")
    ratio = info.file_size / info.compress_size
    assert ratio > 200
    assert refus(contenu, "bombe.xlsx").message == (
        f"la partie « xl/worksheets/sheet1.xml » du classeur est compressée {nombre(ratio)} fois, bien au-delà d'un "
        "vrai tableur : fichier refusé par sécurité (bombe de décompression).")


def _declarer(contenu: bytes, membre: str, taille: int) -> bytes:
    """The same zip whose central directory declares ``taille`` uncompressed bytes for ``membre``."""
    donnees = bytearray(contenu)
    position = donnees.find(b"PK\x01\x02")
    while position >= 0:
        longueur_nom = struct.unpack_from("<H", donnees, position + 28)[0]
        if donnees[position + 46: position + 46 + longueur_nom].decode() == membre:
            struct.pack_into("<I", donnees, position + 24, taille)
            return bytes(donnees)
        position = donnees.find(b"PK\x01\x02", position + 4)
    raise AssertionError(membre)


def test_bombe_zip_par_la_taille_declaree() -> None:
    contenu = _declarer(journal_xlsx(), "xl/worksheets/sheet1.xml", 0xFFFF0000)
    total = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(contenu)).infolist())
    assert total > 4000 * MO
    mo = nombre(total / MO, 1)
    assert "\u202f" in mo  # « 4 096 »: thousands separated by a narrow no-break space
    assert refus(contenu, "journal.xlsx").message == (
        f"le classeur se décompresserait en {mo} Mo, au-delà de la limite de 1\u202f024 Mo : fichier refusé par "
        "sécurité (archive anormalement compressée).")


def test_une_taille_declaree_mensongere_est_une_archive_endommagee() -> None:
    """Declaring fewer bytes than the member holds: zipfile stops there and the CRC check fails."""
    contenu = _declarer(journal_xlsx(), "xl/worksheets/sheet1.xml", 10)
    assert refus(contenu, "journal.xlsx").message == ENDOMMAGE


def test_archive_chiffree() -> None:
    donnees = bytearray(journal_xlsx())
    position = donnees.find(b"PK\x01\x02")
    struct.pack_into("<H", donnees, position + 8, struct.unpack_from("<H", donnees, position + 8)[0] | 1)
    assert refus(bytes(donnees), "journal.xlsx").message == readers.CHIFFRE


MILLIARD_DE_RIRES = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                     + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                                for i in range(1, 10))
                     + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                       b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')


def test_bombe_xml_d_entites() -> None:
    contenu = remplacer_membre(journal_xlsx(), "xl/worksheets/sheet1.xml", MILLIARD_DE_RIRES)
    assert refus(contenu, "journal.xlsx").message == (
        "le classeur contient une déclaration XML interdite (DOCTYPE ou ENTITY, dans « xl/worksheets/sheet1.xml ») : "
        "fichier refusé par sécurité.")


def test_doctype_dans_le_classeur_avant_son_analyse() -> None:
    classeur = zipfile.ZipFile(io.BytesIO(journal_xlsx())).read("xl/workbook.xml")
    piege = b'<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + classeur
    contenu = remplacer_membre(journal_xlsx(), "xl/workbook.xml", piege)
    assert refus(contenu, "journal.xlsx").message == (
        "le classeur contient une déclaration XML interdite (DOCTYPE ou ENTITY, dans « xl/workbook.xml ») : fichier "
        "refusé par sécurité.")


def test_trop_de_lignes_avant_lecture() -> None:
    lignes = [JOURNAL_ENTETES] + [JOURNAL[0]] * 20
    erreur = refus(xlsx({"Journal": lignes}), "journal.xlsx", lignes_max=5)
    assert (erreur.feuille, erreur.message) == (
        "Journal", "plus de 5 lignes de données, au-delà de la limite de 5 lignes par import : découpez le fichier "
                   "(par année par exemple) puis importez chaque partie.")
    erreur = refus(csv(lignes), "journal.csv", lignes_max=5)
    assert (erreur.feuille, erreur.message) == (None, readers.message_trop_de_lignes(5))
    assert ouvrir(csv(lignes), "journal.csv", TAILLE, 11).noms == [""]  # 21 lines: 11 rows + 10 allowed above
    assert readers.message_trop_de_lignes(500_000, 500_004) == (
        "500\u202f004 lignes de données, au-delà de la limite de 500\u202f000 lignes par import : découpez le fichier "
        "(par année par exemple) puis importez chaque partie.")


def test_cellule_lointaine_refusee_avant_calamine() -> None:
    """Two cells, A1 and XFD1048576, in a 5 Ko file: calamine would allocate the rectangle (512 Gio) and abort."""
    contenu = journal_xlsx()
    feuille = zipfile.ZipFile(io.BytesIO(contenu)).read("xl/worksheets/sheet1.xml")
    loin = feuille.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                                            b"</row></sheetData>")
    erreur = refus(remplacer_membre(contenu, "xl/worksheets/sheet1.xml", loin), "journal.xlsx")
    assert (erreur.feuille, erreur.message) == ("Journal", (
        "des cellules sont remplies jusqu'en XFD1048576 (1\u202f048\u202f576 lignes × 16\u202f384 colonnes), bien "
        "au-delà d'un tableau à importer : supprimez les cellules éloignées du tableau (Ctrl+Fin dans Excel montre la "
        "dernière), enregistrez puis déposez le fichier à nouveau."))


def test_cellule_lointaine_placee_dans_une_ligne_proche() -> None:
    """calamine places a cell at its own reference, whatever the row element around it says."""
    contenu = journal_xlsx()
    feuille = zipfile.ZipFile(io.BytesIO(contenu)).read("xl/worksheets/sheet1.xml")
    loin = feuille.replace(b'<c r="A2" ', b'<c r="AB900000" t="inlineStr"><is><t>x</t></is></c><c r="A2" ', 1)
    assert loin != feuille
    erreur = refus(remplacer_membre(contenu, "xl/worksheets/sheet1.xml", loin), "journal.xlsx")
    assert erreur.message.startswith("des cellules sont remplies jusqu'en AB900000 (900\u202f000 lignes × 28 colonnes)")


def test_ods_aux_cellules_repetees() -> None:
    contenu = ods({"Journal": [JOURNAL_ENTETES]})
    xml = zipfile.ZipFile(io.BytesIO(contenu)).read("content.xml")
    repetee = b'<table:table-row table:number-rows-repeated="2000"><table:table-cell office:value-type="float" ' \
              b'office:value="1" table:number-columns-repeated="16000"/></table:table-row>'
    bombe = xml.replace(b'<table:table-row table:number-rows-repeated="1048000">',
                        repetee + b'<table:table-row table:number-rows-repeated="1048000">')
    erreur = refus(remplacer_membre(contenu, "content.xml", bombe), "journal.ods")
    assert erreur.message == readers.message_trop_etendue(2001, 16000)
    assert erreur.message.startswith("des cellules sont remplies jusqu'en WQJ2001 (2\u202f001 lignes × 16\u202f000 "
                                     "colonnes)")
    lignes = bombe.replace(b'number-rows-repeated="2000"', b'number-rows-repeated="600000"').replace(
        b'number-columns-repeated="16000"', b'number-columns-repeated="2"')
    assert refus(remplacer_membre(contenu, "content.xml", lignes), "journal.ods").message == \
        readers.message_trop_de_lignes(500_000)


def test_references_hors_de_la_premiere_place() -> None:
    """A writer that puts the style before the reference, or no reference at all: read, and measured."""
    contenu = journal_xlsx()
    feuille = zipfile.ZipFile(io.BytesIO(contenu)).read("xl/worksheets/sheet1.xml")
    autre = feuille.replace(b'<c r="A2" t="inlineStr">', b'<c t="inlineStr" r="A2">', 1)
    assert autre != feuille
    donnees = ouvrir(remplacer_membre(contenu, "xl/worksheets/sheet1.xml", autre), "journal.xlsx", TAILLE,
                     100).feuille("Journal").donnees(1)
    assert donnees.loc[2, 0] == "A1"
    loin = feuille.replace(b'<c r="A2" t="inlineStr">', b'<c t="inlineStr" r="ZZ1048000">', 1)
    assert refus(remplacer_membre(contenu, "xl/worksheets/sheet1.xml", loin), "journal.xlsx").message.startswith(
        "des cellules sont remplies jusqu'en ZZ1048000")


# --- encodings told before reading (the CSV reader itself: test_imports_lecture_csv.py) ------------------------


@pytest.mark.parametrize("encodage", ["utf-16-le", "utf-16-be"])
def test_utf16_sans_bom_est_refuse_comme_un_encodage(encodage: str) -> None:
    contenu = "Référence;Canal\r\nA1;Courriel\r\nA2;Téléphone\r\n".encode(encodage)
    assert refus(contenu, "journal.csv").message == (
        "encodage du texte non reconnu (UTF-16 sans marque d'ordre d'octets ?) : enregistrez le fichier au format "
        "« CSV UTF-8 » puis déposez-le à nouveau.")
    assert refus(contenu, "journal.xlsx").message == _renomme(".xlsx", "du texte (CSV)")
    assert refus(bytes(600), "journal.csv").message == _renomme(".csv", "un fichier binaire")  # NUL on both sides


# --- workbooks: sheets, header row, Excel row numbers, formulas, merged cells ---------------------------------------

def test_xlsx_lignes_numerotees_comme_excel() -> None:
    contenu = xlsx({"Notes": [["rien"]], "Journal": [["Journal 2024"], [], JOURNAL_ENTETES, *JOURNAL]})
    classeur = ouvrir(contenu, "journal.xlsx", TAILLE, 100)
    assert (classeur.format, classeur.noms) == ("xlsx", ["Notes", "Journal"])
    feuille = classeur.feuille("Journal")
    assert feuille.premieres[2] == JOURNAL_ENTETES
    donnees = feuille.donnees(3)
    assert donnees.index.tolist() == [4, 5, 6, 7, 8]
    assert donnees.loc[4, 3] == dt.date(2024, 1, 5)
    assert donnees.loc[7, 7] == ""  # an empty cell


def test_feuilles_masquees_ignorees() -> None:
    from openpyxl import load_workbook

    classeur = load_workbook(io.BytesIO(xlsx({"Journal": [JOURNAL_ENTETES], "Listes": [["Canal"], ["courriel"]]})))
    classeur["Listes"].sheet_state = "hidden"
    sortie = io.BytesIO()
    classeur.save(sortie)
    assert ouvrir(sortie.getvalue(), "journal.xlsx", TAILLE, 100).noms == ["Journal"]


def test_ods_lu_par_calamine() -> None:
    contenu = ods({"Journal": [["Journal 2024"], JOURNAL_ENTETES, *JOURNAL]})
    feuille = ouvrir(contenu, "journal.ods", TAILLE, 100).feuille("Journal")
    donnees = feuille.donnees(2)
    assert donnees.index.tolist() == [3, 4, 5, 6, 7]
    assert donnees.loc[3, 0] == "A1"
    assert donnees.loc[7, 3] == dt.date(2024, 2, 28)


def test_formules_sans_resultat_reperees() -> None:
    """openpyxl writes a formula with no cached result, as a file never opened in Excel."""
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, ["A1", "Courriel", "Réclamation", "=TODAY()"], JOURNAL[1]]})
    feuille = ouvrir(contenu, "journal.xlsx", TAILLE, 100).feuille("Journal")
    assert feuille.formules == frozenset({(2, 3)})


def test_formule_avec_resultat_non_signalee() -> None:
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, JOURNAL[0]]})
    feuille_xml = zipfile.ZipFile(io.BytesIO(contenu)).read("xl/worksheets/sheet1.xml")
    avec_resultat = feuille_xml.replace(b'<c r="A2" t="inlineStr"><is><t>A1</t></is></c>',
                                        b'<c r="A2" t="str"><f>"A"&amp;"1"</f><v>A1</v></c>')
    assert avec_resultat != feuille_xml
    feuille = ouvrir(remplacer_membre(contenu, "xl/worksheets/sheet1.xml", avec_resultat), "journal.xlsx", TAILLE,
                     100).feuille("Journal")
    assert feuille.formules == frozenset()
    assert feuille.donnees(1).loc[2, 0] == "A1"


def test_cellules_fusionnees() -> None:
    from openpyxl import load_workbook

    classeur = load_workbook(io.BytesIO(xlsx({"Journal": [JOURNAL_ENTETES, JOURNAL[0]]})))
    classeur["Journal"].merge_cells("B1:C1")
    sortie = io.BytesIO()
    classeur.save(sortie)
    feuille = ouvrir(sortie.getvalue(), "journal.xlsx", TAILLE, 100).feuille("Journal")
    assert feuille.fusions == (((0, 1), (0, 2)),)
