"""The demonstration's files: every site's frames, written as the spreadsheets a référent would fill.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from qualepref.imports.demo.commun import (
    CODES_DEMO,
    GRAINE,
    PROFILS,
    REFERENTIEL,
    SITES_DEMO,
    TYPES,
    CadreDemo,
    FichierDemo,
    Profil,
    _fin_annee,
    periode_demo,
)
from qualepref.imports.demo.enquetes import (
    cadre_enquete_ancienne,
    cadre_enquete_elus,
    cadre_mystere,
    cadres_enquete,
)
from qualepref.imports.demo.indicateurs import (
    cadre_indicateurs,
)
from qualepref.imports.demo.journal import (
    cadre_journal,
)
from qualepref.imports.demo.plan import (
    cadre_avis,
    cadre_pan,
    cadre_plan,
)
from qualepref.imports.demo_etapes import lignes_datees
from qualepref.referentiel import Referentiel, charger
from qualepref.store import Site

# --- the files ---------------------------------------------------------------------------------------------------

def _nom(site: str, quoi: str, annee: int | None, extension: str = "xlsx") -> str:
    """A file name as a référent would save it ("demo-pref_journal_2024.xlsx")."""
    return f"{site.lower()}_{quoi}{'' if annee is None else f'_{annee}'}.{extension}"


def _journal_complet(ref: Referentiel, site: Site, profil: Profil, annee: int, annees: Sequence[int],
                     fin: dt.date) -> pd.DataFrame:
    """The year's written requests, then its dated rows (mises à jour, rendez-vous, pièces, traitements)."""
    datees = lignes_datees(ref, site, profil.prefixe, annee, _fin_annee(annee, fin),
                           [GRAINE, CODES_DEMO.index(site.code), len(TYPES), annee])
    return pd.concat([cadre_journal(ref, profil, annee, annees, fin), datees], ignore_index=True)


def _cadres_du_site(ref: Referentiel, site: Site, annees: Sequence[int], fin: dt.date) -> list[CadreDemo]:
    """Every file of one site: journal, indicators and survey each year; the other kinds where the site has them."""
    profil = PROFILS[site.code]
    code = site.code
    cadres: list[CadreDemo] = []
    for annee in annees:
        extension = "csv" if profil.csv_journal else "xlsx"
        cadres += [
            CadreDemo(code, "journal", _nom(code, "journal", annee, extension),
                      {"Journal": _journal_complet(ref, site, profil, annee, annees, fin)}),
            CadreDemo(code, "indicateurs", _nom(code, "indicateurs", annee),
                      {"Indicateurs": cadre_indicateurs(ref, site, profil, annee, annees, fin)}),
            CadreDemo(code, "enquete", _nom(code, "enquete_satisfaction", annee),
                      cadres_enquete(profil, annee, annees), annee=annee),
            CadreDemo(code, "pan", _nom(code, "pan", annee), {"PAN": cadre_pan(profil, annee, annees, fin)}),
        ]
        if profil.mystere:
            cadres.append(CadreDemo(code, "mystere", _nom(code, "mystere", annee),
                                    {"Mystère": cadre_mystere(profil, annee, annees, fin)}))
        if profil.plan:
            cadres.append(CadreDemo(code, "plan", _nom(code, "plan_actions", annee),
                                    {"Plan d'actions": cadre_plan(annee, fin)}, annee=annee,
                                    titre=f"Plan d'actions local {annee}"))
        if profil.avis:
            cadres.append(CadreDemo(code, "avis", _nom(code, "avis_sp_plus", annee),
                                    {"Avis": cadre_avis(annee, fin)}))
    if profil.plan:
        ancienne = annees[0] - 1
        cadres += [
            CadreDemo(code, "enquete-agregee", _nom(code, "resultats_enquete", ancienne),
                      {"Résultats": cadre_enquete_ancienne(ancienne)}, annee=ancienne),
            CadreDemo(code, "enquete-agregee", _nom(code, "enquete_elus", None),
                      {"Enquête élus": cadre_enquete_elus(annees)}),
        ]
    return cadres


def generer_cadres(aujourd_hui: dt.date) -> list[CadreDemo]:
    """Every demonstration spreadsheet as frames (deterministic: the same day gives the same frames)."""
    ref = charger(REFERENTIEL)
    annees, fin = periode_demo(aujourd_hui)
    return [c for site in SITES_DEMO for c in _cadres_du_site(ref, site, annees, fin)]


FORMATS = {"Mois": "MM/YYYY"}
FORMAT_DATE = "DD/MM/YYYY"


def _xlsx(cadre: CadreDemo) -> bytes:
    """The spreadsheet as Excel writes it: dates as date cells (jj/mm/aaaa), a title row where the file has one."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    classeur = Workbook(write_only=True)
    classeur.properties.creator = "Qualepref (données de démonstration)"
    for nom, frame in cadre.feuilles.items():
        feuille = classeur.create_sheet(nom)
        if cadre.titre:
            feuille.append([cadre.titre])
            feuille.append([])
        feuille.append(list(frame.columns))
        formats = [FORMATS.get(c, FORMAT_DATE) for c in frame.columns]
        for ligne in frame.itertuples(index=False, name=None):
            feuille.append([_cellule(feuille, v, f, WriteOnlyCell) for v, f in zip(ligne, formats, strict=True)])
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def _cellule(feuille: object, valeur: object, format_date: str, fabrique: Callable) -> object:
    """A cell value: dates get a French date format, missing values an empty cell, numpy scalars plain Python."""
    if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)):
        return None
    if isinstance(valeur, dt.date):
        cellule = fabrique(feuille, value=valeur)
        cellule.number_format = format_date
        return cellule
    return valeur.item() if isinstance(valeur, np.generic) else valeur


def _csv(cadre: CadreDemo) -> bytes:
    """The frame as French Excel saves « CSV (séparateur : point-virgule) »: Windows-1252, dates jj/mm/aaaa."""
    (frame,) = cadre.feuilles.values()
    texte = frame.map(lambda v: v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v)
    return texte.to_csv(sep=";", index=False, lineterminator="\r\n").encode("cp1252")


def ecrire(cadre: CadreDemo) -> FichierDemo:
    """The bytes of one demonstration file (.csv or .xlsx after its name)."""
    contenu = _csv(cadre) if cadre.nom.endswith(".csv") else _xlsx(cadre)
    return FichierDemo(site=cadre.site, type_donnees=cadre.type_donnees, nom=cadre.nom, contenu=contenu,
                       annee=cadre.annee)


def generer_fichiers(aujourd_hui: dt.date) -> list[FichierDemo]:
    """Every demonstration file, in import order (sites first to last, years oldest first)."""
    return [ecrire(c) for c in generer_cadres(aujourd_hui)]
