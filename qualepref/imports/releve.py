"""What the safety scan learns of each sheet, read as XML (namespace-aware expat), never as text patterns.

A worksheet part (.xlsx) or the content of an OpenDocument sheet (.ods) is fed to expat piece after piece, as it
is decompressed; only elements of the spreadsheet namespaces count, whatever prefix, quoting, attribute order or
line breaks the writer used. For each sheet the scan gathers (``Releve``):
- the rows holding a value (a sheet formatted down to row 1 048 576 with three rows of data has three), against
  the row limit, as soon as it is passed;
- the farthest cell holding a value (calamine allocates the whole rectangle up to it);
- the cells holding a formula without a stored result (calamine reads them as empty);
- the cells whose number format is a percentage (they hold a fraction: 77,6 % is stored 0,776);
- the cells holding a cached error (``#DIV/0!``, ``#N/A``...; calamine reads them as empty).
A DOCTYPE or an entity declaration stops the scan (``Declaration``): entity bombs are refused by the caller.
"""

from __future__ import annotations

import re
import xml.parsers.expat as expat
from dataclasses import dataclass, field

NS_XLSX = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
NS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
NS_CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
_SEP = "|"
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})")
FORMATS_POURCENT = frozenset({9, 10})  # Excel's built-in « 0% » and « 0.00% »
_CITATIONS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


class Declaration(Exception):
    """The XML declares a DOCTYPE or an entity."""


class ReferenceIllisible(Exception):
    """A cell reference that is no cell (« r="1A" »): the part is damaged."""


@dataclass
class Releve:
    """One sheet as the scan saw it (rows and columns as Excel numbers them; columns 0-based in sets)."""

    lignes: int = 0
    derniere_ligne: int = 0
    derniere_colonne: int = 0  # from 1
    formules: set[tuple[int, int]] = field(default_factory=set)
    pourcents: set[tuple[int, int]] = field(default_factory=set)
    erreurs: dict[tuple[int, int], str] = field(default_factory=dict)


def indice_colonne(lettres: str) -> int:
    """« A » → 0, « AB » → 27."""
    indice = 0
    for lettre in lettres.upper():
        indice = indice * 26 + ord(lettre) - 64
    return indice - 1


def format_pourcent(code: str) -> bool:
    """A number format code showing a percentage: a « % » outside quoted text, brackets and escapes."""
    return "%" in _CITATIONS.sub("", code)


def styles_pourcent(styles_xml: bytes | None) -> frozenset[int]:
    """The cell style indices (``s``) of an xlsx whose number format is a percentage (from xl/styles.xml, parsed
    with defusedxml)."""
    if not styles_xml:
        return frozenset()
    from defusedxml import ElementTree

    racine = ElementTree.fromstring(styles_xml)
    pourcents = set(FORMATS_POURCENT)
    for fmt in racine.iter(f"{{{NS_XLSX}}}numFmt"):
        if format_pourcent(fmt.get("formatCode", "")) and (fmt.get("numFmtId") or "").isdigit():
            pourcents.add(int(fmt.get("numFmtId")))
    xfs = racine.find(f"{{{NS_XLSX}}}cellXfs")
    if xfs is None:
        return frozenset()
    return frozenset(i for i, xf in enumerate(xfs.findall(f"{{{NS_XLSX}}}xf"))
                     if (xf.get("numFmtId") or "0").isdigit() and int(xf.get("numFmtId") or 0) in pourcents)


def _parseur(debut, texte=None) -> expat.XMLParserType:
    parseur = expat.ParserCreate(namespace_separator=_SEP)
    parseur.buffer_text = True
    parseur.StartElementHandler = debut

    def refuser(*_args: object) -> None:
        raise Declaration
    parseur.StartDoctypeDeclHandler = refuser
    parseur.EntityDeclHandler = refuser
    parseur.UnparsedEntityDeclHandler = refuser
    parseur.ExternalEntityRefHandler = refuser
    return parseur


class LecteurXlsx:
    """Feed a worksheet part's XML with ``lire``; ``releve`` then holds what it says."""

    _C, _ROW, _V, _IS, _F = (f"{NS_XLSX}{_SEP}{n}" for n in ("c", "row", "v", "is", "f"))

    def __init__(self, pourcents: frozenset[int]) -> None:
        self.releve = Releve()
        self._styles = {str(s) for s in pourcents}
        self._parseur = _parseur(self._debut)
        self._ligne, self._colonne = 0, -1
        self._pleine = False
        self._cellule: tuple[int, int, str | None, str | None] | None = None
        self._valeur = self._formule = False
        self._texte: list[str] | None = None

    def lire(self, morceau: bytes, fin: bool = False) -> None:
        """One more piece of the part (``fin``: the last)."""
        self._parseur.Parse(morceau, fin)
        if fin:
            self._fin_cellule()
            self._fin_ligne()

    def _debut(self, nom: str, attributs: dict[str, str]) -> None:
        if self._texte is not None:
            self._fin_texte()
        if nom == self._C:
            self._fin_cellule()
            reference = attributs.get("r")
            if reference is None:
                ligne, colonne = self._ligne, self._colonne + 1
            else:
                trouve = _REFERENCE.fullmatch(reference.strip())
                if trouve is None:
                    raise ReferenceIllisible(reference)
                ligne, colonne = int(trouve[2]), indice_colonne(trouve[1])
            self._colonne = colonne
            self._cellule = (ligne, colonne, attributs.get("t"), attributs.get("s"))
            self._valeur = self._formule = False
        elif nom == self._V:
            self._valeur = True
            if self._formule or (self._cellule is not None and self._cellule[2] == "e"):
                self._texte = []  # an error's text, or whether a formula's cached result is empty
                self._parseur.CharacterDataHandler = self._texte.append
        elif nom == self._IS:
            self._valeur = True
        elif nom == self._F:
            self._formule = True
        elif nom == self._ROW:
            self._fin_cellule()
            self._fin_ligne()
            numero = (attributs.get("r") or "").strip()
            self._ligne = int(numero) if numero.isdigit() else self._ligne + 1
            self._colonne = -1

    def _fin_texte(self) -> None:
        self._parseur.CharacterDataHandler = None
        texte = "".join(self._texte or ()).strip()
        if self._cellule is not None and self._cellule[2] == "e":
            ligne, colonne, _t, _s = self._cellule
            self.releve.erreurs[(ligne, colonne)] = texte or "#ERREUR"
        elif not texte and self._cellule is not None and self._cellule[2] not in ("str", "inlineStr"):
            self._valeur = False  # ``<f>…</f><v></v>``: a formula never computed
        self._texte = None

    def _fin_cellule(self) -> None:
        if self._cellule is None:
            return
        if self._texte is not None:
            self._fin_texte()
        ligne, colonne, type_, style = self._cellule
        releve = self.releve
        if self._valeur:
            self._pleine = True
            if ligne > releve.derniere_ligne:
                releve.derniere_ligne = ligne
            if colonne >= releve.derniere_colonne:
                releve.derniere_colonne = colonne + 1
            if type_ == "e":
                releve.erreurs.setdefault((ligne, colonne), "#ERREUR")
            elif style is not None and style in self._styles and type_ in (None, "n"):
                releve.pourcents.add((ligne, colonne))
        elif self._formule:
            releve.formules.add((ligne, colonne))
        self._cellule = None

    def _fin_ligne(self) -> None:
        if self._pleine:
            self.releve.lignes += 1
            self._pleine = False


class LecteurOds:
    """Feed an OpenDocument ``content.xml`` with ``lire``; ``releves`` then holds each sheet (table)."""

    _TABLE, _ROW = f"{NS_TABLE}{_SEP}table", f"{NS_TABLE}{_SEP}table-row"
    _CELLULES = {f"{NS_TABLE}{_SEP}table-cell", f"{NS_TABLE}{_SEP}covered-table-cell"}
    _NOM = f"{NS_TABLE}{_SEP}name"
    _LIGNES_REPETEES = f"{NS_TABLE}{_SEP}number-rows-repeated"
    _COLONNES_REPETEES = f"{NS_TABLE}{_SEP}number-columns-repeated"
    _TYPE = f"{NS_OFFICE}{_SEP}value-type"
    _TYPE_CALCEXT = f"{NS_CALCEXT}{_SEP}value-type"

    def __init__(self) -> None:
        self.releves: dict[str, Releve] = {}
        self.releve = Releve()
        self._parseur = _parseur(self._debut)
        self._suivante, self._debut_ligne, self._repetition = 1, 1, 0
        self._colonne = 0
        self._pleine = False
        self._erreur: tuple[int, int] | None = None
        self._texte: list[str] | None = None

    def lire(self, morceau: bytes, fin: bool = False) -> None:
        """One more piece of content.xml (``fin``: the last)."""
        self._parseur.Parse(morceau, fin)
        if fin:
            self._fin_ligne()

    def _debut(self, nom: str, attributs: dict[str, str]) -> None:
        if nom in self._CELLULES:
            repetee = _entier(attributs.get(self._COLONNES_REPETEES))
            type_ = attributs.get(self._TYPE)
            if type_:
                self._pleine = True
                self.releve.derniere_colonne = max(self.releve.derniere_colonne, self._colonne + repetee)
                cellule = (self._debut_ligne, self._colonne)
                if attributs.get(self._TYPE_CALCEXT) == "error":
                    self._erreur, self._texte = cellule, []
                    self._parseur.CharacterDataHandler = self._texte.append
                elif self._texte is not None:
                    self._fin_texte()
                if type_ == "percentage":
                    self.releve.pourcents.update((self._debut_ligne, c)
                                                 for c in range(self._colonne, self._colonne + min(repetee, 1000)))
            elif self._texte is not None:
                self._fin_texte()
            self._colonne += repetee
        elif nom == self._ROW:
            if self._texte is not None:
                self._fin_texte()
            self._fin_ligne()
            self._repetition = _entier(attributs.get(self._LIGNES_REPETEES))
            self._debut_ligne = self._suivante
            self._suivante += self._repetition
            self._colonne = 0
        elif nom == self._TABLE:
            if self._texte is not None:
                self._fin_texte()
            self._fin_ligne()
            self.releve = self.releves.setdefault(attributs.get(self._NOM, ""), Releve())
            self._suivante, self._repetition = 1, 0

    def _fin_texte(self) -> None:
        self._parseur.CharacterDataHandler = None
        if self._erreur is not None:
            self.releve.erreurs[self._erreur] = "".join(self._texte or ()).strip() or "#ERREUR"
        self._erreur, self._texte = None, None

    def _fin_ligne(self) -> None:
        if self._pleine:
            self.releve.lignes += self._repetition
            self.releve.derniere_ligne = self._debut_ligne + self._repetition - 1
            self._pleine = False
        self._repetition = 0


def _entier(valeur: str | None) -> int:
    """A repetition count (1 when absent or unreadable)."""
    return int(valeur) if valeur and valeur.strip().isdigit() else 1
