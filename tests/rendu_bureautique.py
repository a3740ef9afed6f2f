"""Open our exports as their readers do: LibreOffice (headless, a private profile per call) turns them into PDF, and
pdfminer.six reads back where every line of text was printed, so a test can fail on what a reader would see.

- ``convertir(fichier, dossier)``: the PDF LibreOffice makes of a .pptx/.xlsx (``soffice --convert-to pdf``), with
  its own ``-env:UserInstallation`` profile under ``dossier`` (concurrent runs never share one);
- ``resave_francais(fichier, dossier)``: the workbook re-saved by a LibreOffice whose locale is French (fr-FR), as a
  French user's Calc would (number formats are rewritten in the locale's words then);
- ``lignes(pdf)``: every text line (page, box, bounding box, text), pdfminer's layout analysis;
- ``defauts_de_mise_en_page(pdf)``: the lines that leave their page, and the pairs of lines of different boxes
  (or glyphs of different lines) that are printed over each other. An empty list is a readable document.

LibreOffice is a real part (``libreoffice-impress``, ``libreoffice-calc`` and the Carlito/Caladea fonts from Debian,
installed by ``.ci/run``): without ``soffice`` these tests skip, with a reason.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
TOLERANCE = 0.5  # pt: glyph boxes touching at their edges are not an overlap


def exiger_libreoffice() -> str:
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) n'est pas installé : .ci/run installe libreoffice-impress et -calc.")
    return SOFFICE


def _soffice(arguments: list[str], dossier: Path) -> None:
    profil = dossier / "profil-libreoffice"
    profil.mkdir(parents=True, exist_ok=True)
    commande = [exiger_libreoffice(), f"-env:UserInstallation={profil.resolve().as_uri()}", "--headless",
                "--norestore", *arguments]
    fini = subprocess.run(commande, capture_output=True, text=True, timeout=240, check=False)
    if fini.returncode != 0:
        raise AssertionError(f"soffice a échoué ({fini.returncode}) : {fini.stderr or fini.stdout}")


def convertir(fichier: Path, dossier: Path) -> Path:
    """``fichier`` rendered to PDF by LibreOffice, in ``dossier``."""
    sortie = dossier / "pdf"
    sortie.mkdir(parents=True, exist_ok=True)
    _soffice(["--convert-to", "pdf", "--outdir", str(sortie), str(fichier)], dossier)
    pdf = sortie / (fichier.stem + ".pdf")
    assert pdf.exists(), f"LibreOffice n'a pas produit {pdf}"
    return pdf


def resave_francais(fichier: Path, dossier: Path) -> Path:
    """The workbook opened and re-saved as .xlsx by a LibreOffice set to French (locale and default language)."""
    profil = dossier / "profil-libreoffice" / "user"
    profil.mkdir(parents=True, exist_ok=True)
    (profil / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">'
        '<value>fr-FR</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">'
        '<value>fr-FR</value></prop></item>\n'
        '<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse">'
        '<value>fr-FR</value></prop></item>\n'
        '</oor:items>\n', encoding="utf-8")
    sortie = dossier / "resave"
    sortie.mkdir(parents=True, exist_ok=True)
    _soffice(["--convert-to", 'xlsx:Calc MS Excel 2007 XML', "--outdir", str(sortie), str(fichier)], dossier)
    resave = sortie / (fichier.stem + ".xlsx")
    assert resave.exists(), f"LibreOffice n'a pas réenregistré {fichier}"
    return resave


@dataclass(frozen=True)
class Ligne:
    """One printed line of text: its page (from 1), its box (pdfminer's text box), its bounding box in points."""

    page: int
    boite: int
    x0: float
    y0: float
    x1: float
    y1: float
    texte: str
    glyphes: tuple[tuple[float, float, float, float], ...]


def lignes(pdf: Path) -> tuple[list[Ligne], dict[int, tuple[float, float]]]:
    """The text lines of ``pdf`` and each page's (width, height)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextBox, LTTextLine

    trouvees: list[Ligne] = []
    pages: dict[int, tuple[float, float]] = {}
    boite = 0
    for numero, page in enumerate(extract_pages(str(pdf), laparams=LAParams()), 1):
        pages[numero] = (page.width, page.height)

        def parcourir(element, dans_boite: int) -> None:
            nonlocal boite
            for enfant in element:
                if isinstance(enfant, LTTextBox):
                    boite += 1
                    parcourir(enfant, boite)
                elif isinstance(enfant, LTTextLine):
                    # upright glyphs only: the boxes of rotated ones (a chart's slanted labels) overlap by nature
                    glyphes = tuple((c.x0, c.y0, c.x1, c.y1) for c in enfant
                                    if isinstance(c, LTChar) and c.get_text().strip() and c.upright)
                    texte = enfant.get_text().strip()
                    if texte:
                        trouvees.append(Ligne(numero, dans_boite, enfant.x0, enfant.y0, enfant.x1, enfant.y1,
                                              texte, glyphes))
                elif hasattr(enfant, "__iter__"):
                    parcourir(enfant, dans_boite)

        parcourir(page, 0)
    return trouvees, pages


def _recouvrement(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    """The area two boxes share beyond the tolerance (0 when they only touch)."""
    largeur = min(a[2], b[2]) - max(a[0], b[0]) - TOLERANCE
    hauteur = min(a[3], b[3]) - max(a[1], b[1]) - TOLERANCE
    return largeur * hauteur if largeur > 0 and hauteur > 0 else 0.0


def _surface(boite: tuple[float, float, float, float]) -> float:
    return max(boite[2] - boite[0], 0.01) * max(boite[3] - boite[1], 0.01)


def defauts_de_mise_en_page(pdf: Path) -> list[str]:
    """What a reader would see wrong on ``pdf``: lines off their page, lines of different boxes printed over each
    other, glyphs of different lines printed over each other (one text printed over another)."""
    toutes, pages = lignes(pdf)
    defauts = []
    for ligne in toutes:
        largeur, hauteur = pages[ligne.page]
        if ligne.x0 < -TOLERANCE or ligne.y0 < -TOLERANCE or ligne.x1 > largeur + TOLERANCE \
                or ligne.y1 > hauteur + TOLERANCE:
            defauts.append(f"page {ligne.page} : « {ligne.texte} » sort de la page "
                           f"({ligne.x0:.0f}, {ligne.y0:.0f}, {ligne.x1:.0f}, {ligne.y1:.0f} ; page "
                           f"{largeur:.0f} × {hauteur:.0f})")
    par_page: dict[int, list[Ligne]] = {}
    for ligne in toutes:
        par_page.setdefault(ligne.page, []).append(ligne)
    for numero, siennes in par_page.items():
        for a in siennes:  # two texts printed at the same place can be read as one line
            if any(_recouvrement(g, h) > 0.5 * min(_surface(g), _surface(h))
                   for i, g in enumerate(a.glyphes) for h in a.glyphes[i + 1:]):
                defauts.append(f"page {numero} : deux textes imprimés l'un sur l'autre (« {a.texte} »)")
        for rang, a in enumerate(siennes):
            for b in siennes[rang + 1:]:
                boite_a, boite_b = (a.x0, a.y0, a.x1, a.y1), (b.x0, b.y0, b.x1, b.y1)
                if _recouvrement(boite_a, boite_b) <= 0 or not (a.glyphes and b.glyphes):
                    continue
                if a.boite != b.boite:
                    petite = min(_surface(boite_a), _surface(boite_b))
                    if _recouvrement(boite_a, boite_b) > 0.15 * petite:
                        defauts.append(f"page {numero} : « {a.texte} » et « {b.texte} » se chevauchent")
                        continue
                if any(_recouvrement(g, h) > 0.3 * min(_surface(g), _surface(h))
                       for g in a.glyphes for h in b.glyphes):
                    defauts.append(f"page {numero} : « {a.texte} » est imprimé sur « {b.texte} »")
    return defauts


def pages_png(pdf: Path, dossier: Path, resolution: int = 60) -> list[Path]:
    """Each page of ``pdf`` as a PNG (``pdftoppm``), for a person to look at."""
    outil = shutil.which("pdftoppm")
    if outil is None:
        pytest.skip("pdftoppm (poppler-utils) n'est pas installé.")
    subprocess.run([outil, "-png", "-r", str(resolution), str(pdf), str(dossier / pdf.stem)], check=True,
                   timeout=120)
    return sorted(dossier.glob(f"{pdf.stem}*.png"))
