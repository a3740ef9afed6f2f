"""Periods of the label (year, quarter, month, rolling 12 months) and indicator values carried over periods.

Period codes are the strings of ARCHITECTURE.md: ``"2023"`` (year), ``"2023-T2"`` (quarter), ``"2023-05"`` (month)
and ``"2023-05-12M"`` (the 12 months ending with May 2023). ``agreger_valeurs`` turns monthly or quarterly values of
an indicator into its value over a longer period (ratio of the sums for rates, never the mean of monthly rates when
numerators and denominators are known).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

GRANULARITES = ("mois", "trimestre", "annee")

_MOTIF = re.compile(r"^(?P<annee>\d{4})(?:-(?:T(?P<trimestre>[1-4])|(?P<mois>\d{2})(?P<glissant>-12M)?))?$")


@dataclass(frozen=True)
class Periode:
    """A period: its code, first and last day (both included) and kind (annee, trimestre, mois, glissant)."""

    code: str
    debut: dt.date
    fin: dt.date
    kind: str


def _fin_du_mois(annee: int, mois: int) -> dt.date:
    """Last day of a month."""
    suivant = dt.date(annee + mois // 12, mois % 12 + 1, 1)
    return suivant - dt.timedelta(days=1)


def _decaler_mois(annee: int, mois: int, decalage: int) -> tuple[int, int]:
    """(year, month) ``decalage`` months after (negative: before) the given month."""
    rang = annee * 12 + (mois - 1) + decalage
    return rang // 12, rang % 12 + 1


def parse_periode(code: str) -> Periode:
    """The period named by ``code``; ValueError with a French message when the code is not one of the four forms."""
    texte = str(code).strip() if code is not None else ""
    m = _MOTIF.match(texte)
    if not m or (m["mois"] and not 1 <= int(m["mois"]) <= 12):
        raise ValueError(
            f"Période « {code} » non reconnue : attendu une année (2023), un trimestre (2023-T2), "
            "un mois (2023-05) ou 12 mois glissants (2023-05-12M)."
        )
    annee = int(m["annee"])
    if m["trimestre"]:
        t = int(m["trimestre"])
        return Periode(texte, dt.date(annee, 3 * t - 2, 1), _fin_du_mois(annee, 3 * t), "trimestre")
    if m["mois"]:
        mois = int(m["mois"])
        if m["glissant"]:
            a0, m0 = _decaler_mois(annee, mois, -11)
            return Periode(texte, dt.date(a0, m0, 1), _fin_du_mois(annee, mois), "glissant")
        return Periode(texte, dt.date(annee, mois, 1), _fin_du_mois(annee, mois), "mois")
    return Periode(texte, dt.date(annee, 1, 1), dt.date(annee, 12, 31), "annee")


def periodes_de_l_annee(annee: int, granularite: str) -> list[Periode]:
    """The months, quarters or the year (``granularite`` "mois", "trimestre" or "annee") of ``annee``, in order."""
    if granularite == "mois":
        return [parse_periode(f"{annee}-{m:02d}") for m in range(1, 13)]
    if granularite == "trimestre":
        return [parse_periode(f"{annee}-T{t}") for t in range(1, 5)]
    if granularite == "annee":
        return [parse_periode(str(annee))]
    raise ValueError(f"Granularité « {granularite} » inconnue : attendu mois, trimestre ou annee.")


def periode_precedente(p: Periode | str) -> Periode:
    """The period of the same kind one step back: year N-1, previous quarter, previous month, or the rolling
    12 months ending 12 months earlier (so that two rolling periods never overlap)."""
    p = parse_periode(p) if isinstance(p, str) else p
    annee = p.debut.year
    if p.kind == "annee":
        return parse_periode(str(annee - 1))
    if p.kind == "trimestre":
        t = (p.debut.month - 1) // 3 + 1
        return parse_periode(f"{annee - 1}-T4" if t == 1 else f"{annee}-T{t - 1}")
    if p.kind == "mois":
        a, m = _decaler_mois(annee, p.debut.month, -1)
        return parse_periode(f"{a}-{m:02d}")
    return parse_periode(f"{p.fin.year - 1}-{p.fin.month:02d}-12M")


def etiqueter(dates: pd.Series, granularite: str) -> pd.Series:
    """The code of the month, quarter or year (``granularite``) of each date, vectorised; NA for missing dates."""
    if granularite not in GRANULARITES:
        raise ValueError(f"Granularité « {granularite} » inconnue : attendu mois, trimestre ou annee.")
    d = pd.to_datetime(dates)
    annee = d.dt.year.astype("Int64").astype("str")
    if granularite == "annee":
        codes = annee
    elif granularite == "trimestre":
        codes = annee + "-T" + d.dt.quarter.astype("Int64").astype("str")
    else:
        codes = annee + "-" + d.dt.month.astype("Int64").astype("str").str.zfill(2)
    return codes.where(d.notna(), pd.NA).astype("str")


# --- values over a longer period -----------------------------------------------------------------------------------

def _periodes_contenues(codes: pd.Series, cibles: Sequence[Periode]) -> pd.DataFrame:
    """For each target and each distinct period code within it: its rank (0 = same span, 1 = year, 2 = quarter,
    3 = month, 4 = other), so that one granularity only is summed. Columns ``cible`` (the target's position in
    ``cibles``), ``periode``, ``rang``."""
    rangs = {"annee": 1, "trimestre": 2, "mois": 3}
    stockees = []
    for code in pd.unique(codes.astype("str").dropna()):
        try:
            stockees.append((code, parse_periode(code)))
        except ValueError:
            continue
    lignes = [
        (position, code, 0 if (p.debut == cible.debut and p.fin == cible.fin) else rangs.get(p.kind, 4))
        for position, cible in enumerate(cibles)
        for code, p in stockees
        if cible.debut <= p.debut and p.fin <= cible.fin
    ]
    return pd.DataFrame(lignes, columns=["cible", "periode", "rang"])


def _agreger_groupes(lignes: pd.DataFrame, cles: list[str], nature: Mapping[str, str]) -> pd.DataFrame:
    """Each group's value over the target period from its rows (see ``agreger_valeurs``), all groups at once:
    the sums, means and "every row known" flags per group, then the rule of each group's nature."""
    v = lignes["valeur"].astype("Float64").to_numpy("float64", na_value=np.nan)
    n = lignes["numerateur"].astype("Float64").to_numpy("float64", na_value=np.nan)
    d = lignes["denominateur"].astype("Float64").to_numpy("float64", na_value=np.nan)
    aux = lignes[cles].assign(v=v, n=n, d=d, vd=v * d, v_inconnu=np.isnan(v), n_inconnu=np.isnan(n),
                              d_inconnu=np.isnan(d))
    g = aux.groupby(cles, sort=True)
    par = pd.DataFrame({
        "v_somme": g["v"].sum(min_count=1), "v_moyenne": g["v"].mean(), "n_somme": g["n"].sum(),
        "d_somme": g["d"].sum(), "vd_somme": g["vd"].sum(), "v_inconnu": g["v_inconnu"].any(),
        "n_inconnu": g["n_inconnu"].any(), "d_inconnu": g["d_inconnu"].any(), "periodes": g.size(),
    }).reset_index()
    natures = par["indicateur"].astype("str").map(lambda c: nature.get(c)).to_numpy(object)
    d_somme = par["d_somme"].to_numpy("float64")
    den_connus = ~par["d_inconnu"].to_numpy(bool) & (d_somme > 0)
    connus = den_connus & ~par["n_inconnu"].to_numpy(bool)
    nombre, moyenne, delai = natures == "nombre", natures == "moyenne", natures == "delai_moyen"
    pondere = delai & den_connus & ~par["v_inconnu"].to_numpy(bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(delai, 1.0, 100.0) * par["n_somme"].to_numpy("float64") / d_somme
        moyenne_ponderee = par["vd_somme"].to_numpy("float64") / d_somme
    regles = [nombre, moyenne, connus, pondere]  # in this order: the first rule that applies wins
    valeur = np.select(regles, [par["v_somme"], par["v_moyenne"], ratio, moyenne_ponderee], par["v_moyenne"])
    numerateur = np.select(regles, [np.nan, np.nan, par["n_somme"], np.nan], np.nan)
    denominateur = np.select(regles, [np.nan, np.nan, d_somme, d_somme], np.nan)
    return par[cles].assign(valeur=pd.array(valeur, dtype="Float64"), numerateur=pd.array(numerateur, dtype="Float64"),
                            denominateur=pd.array(denominateur, dtype="Float64"),
                            periodes=par["periodes"].astype("int64"))


def agreger_valeurs(valeurs: pd.DataFrame, periode_cible: str | Periode,
                    nature: Mapping[str, str]) -> pd.DataFrame:
    """Each indicator's value over ``periode_cible`` from values stored by month, quarter or year.

    ``valeurs`` has the columns ``site, indicateur, periode, valeur, numerateur, denominateur``; ``nature`` maps an
    indicator code to its nature in the referential. Per (site, indicateur), the rows used are those whose period
    lies within the target, of ONE granularity only (the value given for exactly the target when there is one,
    else the years, else the quarters, else the months: never quarters and their months together). Then:
    rates (``taux_delai``, ``taux``, ``satisfaction`` and unknown natures) → sum(numérateurs) / sum(dénominateurs)
    × 100 when both are known on every row, else the mean of the values; ``moyenne`` (the referential's
    ``agregation``) → the mean of the values; ``delai_moyen`` → sum(numérateurs) /
    sum(dénominateurs) when both are known, else the mean weighted by the dénominateurs (answers) when they are
    known, else the plain mean; ``nombre`` → the sum. Returns ``site, indicateur, valeur, numerateur,
    denominateur, periodes`` (how many stored periods went into the value).
    """
    resultat = agreger_par_periodes(valeurs, [periode_cible], nature)
    return resultat.drop(columns="periode")


def agreger_par_periodes(valeurs: pd.DataFrame, periodes_cibles: Sequence[str | Periode],
                         nature: Mapping[str, str]) -> pd.DataFrame:
    """``agreger_valeurs`` for several target periods in one pass (a results page needs the year, its quarters and
    its months): the same columns plus ``periode``, the target's code, targets in the order given."""
    cibles = [parse_periode(c) if isinstance(c, str) else c for c in periodes_cibles]
    colonnes = ["site", "indicateur", "valeur", "numerateur", "denominateur", "periodes", "periode"]
    vide = pd.DataFrame(columns=[c for c in colonnes if c in valeurs or c != "site"])
    if valeurs.empty or not cibles:
        return vide
    contenues = _periodes_contenues(valeurs["periode"], cibles)
    lignes = valeurs.assign(periode=valeurs["periode"].astype("str")).merge(contenues, on="periode")
    if lignes.empty:
        return vide
    cles = ["cible", "site", "indicateur"] if "site" in lignes else ["cible", "indicateur"]
    meilleur = lignes.groupby(cles)["rang"].transform("min")
    resultat = _agreger_groupes(lignes[lignes["rang"] == meilleur], cles, nature)
    resultat["periode"] = [cibles[i].code for i in resultat["cible"]]
    return resultat.reindex(columns=vide.columns).reset_index(drop=True)


__all__ = ["GRANULARITES", "Periode", "agreger_par_periodes", "agreger_valeurs", "etiqueter", "parse_periode",
           "periode_precedente", "periodes_de_l_annee"]
