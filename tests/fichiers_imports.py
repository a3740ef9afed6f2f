"""Real spreadsheet files built in the tests of qualepref.imports: .xlsx (openpyxl), .ods (written by hand: odfpy is
not a dependency, and a minimal OpenDocument file is a zip of three parts), .csv in the encodings Excel writes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from openpyxl import Workbook

Lignes = Sequence[Sequence[object]]

JOURNAL_ENTETES = ["Référence", "Canal", "Nature", "Date de réception", "Date de complétude", "Date de réponse",
                   "Type de réponse", "Service"]
# Five requests, hand-checked: months 2024-01 (A1, A2, A3) and 2024-02 (A4, A5); A5 is still pending.
JOURNAL = [
    ["A1", "Courriel", "Demande d'information", dt.date(2024, 1, 5), None, dt.date(2024, 1, 8), "fond", "Accueil"],
    ["A2", "Courrier", "Réclamation", dt.date(2024, 1, 10), dt.date(2024, 1, 12), dt.date(2024, 1, 20), "fond",
     "Titres"],
    ["A3", "Formulaire", "Suggestion", dt.date(2024, 1, 31), None, dt.date(2024, 2, 2), "attente", "Accueil"],
    ["A4", "Urne", "Demande de collectivité", dt.date(2024, 2, 1), None, dt.date(2024, 2, 15), "fond", None],
    ["A5", "Courriel", "Réclamation", dt.date(2024, 2, 28), None, None, None, "Étrangers"],
]


def xlsx(feuilles: dict[str, Lignes], formats: dict[str, str] | None = None) -> bytes:
    """A workbook with one sheet per entry, rows written as given (dates as Excel date cells)."""
    classeur = Workbook()
    classeur.remove(classeur.active)
    for nom, lignes in feuilles.items():
        feuille = classeur.create_sheet(nom)
        for ligne in lignes:
            feuille.append(list(ligne))
        for ligne in feuille.iter_rows():
            for cellule in ligne:
                if isinstance(cellule.value, dt.date):
                    cellule.number_format = (formats or {}).get(nom, "DD/MM/YYYY")
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
       'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
MIME_ODS = "application/vnd.oasis.opendocument.spreadsheet"


def _cellule_ods(valeur: object) -> str:
    if valeur is None:
        return "<table:table-cell/>"
    if isinstance(valeur, dt.date):
        return (f'<table:table-cell office:value-type="date" office:date-value="{valeur.isoformat()}">'
                f"<text:p>{valeur:%d/%m/%Y}</text:p></table:table-cell>")
    if isinstance(valeur, (int, float)):
        return (f'<table:table-cell office:value-type="float" office:value="{valeur}"><text:p>{valeur}</text:p>'
                "</table:table-cell>")
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(valeur))}</text:p></table:table-cell>'


def ods(feuilles: dict[str, Lignes]) -> bytes:
    """A minimal OpenDocument spreadsheet as LibreOffice writes one (mimetype stored first, the trailing empty
    rows repeated)."""
    tables = "".join(
        f'<table:table table:name="{escape(nom)}">'
        + "".join("<table:table-row>" + "".join(_cellule_ods(v) for v in ligne) + "</table:table-row>"
                  for ligne in lignes)
        + '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
          'table:number-columns-repeated="1024"/></table:table-row></table:table>'
        for nom, lignes in feuilles.items())
    contenu = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_NS} office:version="1.2">'
               f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
               "</office:document-content>")
    manifeste = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                 'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                 f'manifest:media-type="{MIME_ODS}"/><manifest:file-entry manifest:full-path="content.xml" '
                 'manifest:media-type="text/xml"/></manifest:manifest>')
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), MIME_ODS, compress_type=zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifeste, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", contenu, compress_type=zipfile.ZIP_DEFLATED)
    return sortie.getvalue()


def _texte_csv(valeur: object) -> str:
    if valeur is None:
        return ""
    if isinstance(valeur, dt.date):
        return valeur.strftime("%d/%m/%Y")
    texte = str(valeur)
    return f'"{texte}"' if any(c in texte for c in ';,"\n') else texte


def csv(lignes: Lignes, encodage: str = "utf-8", sep: str = ";") -> bytes:
    """A CSV as Excel saves it (dates jj/mm/aaaa, CRLF), in ``encodage`` (« utf-8-sig » adds the BOM)."""
    texte = "\r\n".join(sep.join(_texte_csv(v) for v in ligne) for ligne in lignes) + "\r\n"
    return texte.encode(encodage)


def remplacer_membre(contenu: bytes, membre: str, nouveau: bytes) -> bytes:
    """The same zip with one member's bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(contenu))
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, nouveau if info.filename == membre else source.read(info.filename))
    return sortie.getvalue()


def ajouter_membre(contenu: bytes, membre: str, donnees: bytes) -> bytes:
    """The same zip with one more member."""
    source = zipfile.ZipFile(io.BytesIO(contenu))
    sortie = io.BytesIO()
    with zipfile.ZipFile(sortie, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info.filename))
        archive.writestr(membre, donnees)
    return sortie.getvalue()
