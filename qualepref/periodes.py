"""Periods of the label (year, quarter, month, rolling 12 months) and indicator values carried over periods.

Period codes are the strings of ARCHITECTURE.md: ``"2023"`` (year), ``"2023-T2"`` (quarter), ``"2023-05"`` (month)
and ``"2023-05-12M"`` (the 12 months ending with May 2023). ``agreger_valeurs`` turns monthly or quarterly values of
an indicator into its value over a longer period (ratio of the sums for rates, never the mean of monthly rates when
numerators and denominators are known).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

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

def _periodes_contenues(codes: pd.Series, cible: Periode) -> pd.DataFrame:
    """For each distinct period code: whether it lies within ``cible`` and its rank (0 = same span, 1 = year,
    2 = quarter, 3 = month, 4 = other), so that one granularity only is summed."""
    rangs = {"annee": 1, "trimestre": 2, "mois": 3}
    lignes = []
    for code in pd.unique(codes.astype("str").dropna()):
        try:
            p = parse_periode(code)
        except ValueError:
            continue
        if cible.debut <= p.debut and p.fin <= cible.fin:
            exacte = p.debut == cible.debut and p.fin == cible.fin
            lignes.append({"periode": code, "rang": 0 if exacte else rangs.get(p.kind, 4)})
    return pd.DataFrame(lignes, columns=["periode", "rang"])


def _agreger_groupe(g: pd.DataFrame, nature: str | None) -> dict:
    """One indicator's value over the target period from its rows (see ``agreger_valeurs``)."""
    val = g["valeur"].astype("Float64")
    num, den = g["numerateur"].astype("Float64"), g["denominateur"].astype("Float64")
    den_connus = bool(den.notna().all() and den.sum() > 0)
    connus = den_connus and bool(num.notna().all())
    if nature == "nombre":
        return _valeur(val.sum(min_count=1), None, None, len(g))
    if nature == "moyenne":  # a referential "agregation = moyenne" (a count per day...): the mean of the values
        return _valeur(val.mean(), None, None, len(g))
    if connus:
        facteur = 1 if nature == "delai_moyen" else 100
        return _valeur(facteur * num.sum() / den.sum(), num.sum(), den.sum(), len(g))
    if nature == "delai_moyen" and den_connus and val.notna().all():
        return _valeur((val * den).sum() / den.sum(), None, den.sum(), len(g))
    return _valeur(val.mean(), None, None, len(g))


def _valeur(valeur: object, numerateur: object, denominateur: object, periodes: int) -> dict:
    """One aggregated row (missing parts as NA)."""
    return {"valeur": _flottant(valeur), "numerateur": _flottant(numerateur),
            "denominateur": _flottant(denominateur), "periodes": periodes}


def _flottant(v: object) -> object:
    """A float, or NA when missing."""
    return pd.NA if v is None or pd.isna(v) else float(v)


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
    cible = parse_periode(periode_cible) if isinstance(periode_cible, str) else periode_cible
    colonnes = ["site", "indicateur", "valeur", "numerateur", "denominateur", "periodes"]
    if valeurs.empty:
        return pd.DataFrame(columns=colonnes)
    contenues = _periodes_contenues(valeurs["periode"], cible)
    lignes = valeurs.assign(periode=valeurs["periode"].astype("str")).merge(contenues, on="periode")
    if lignes.empty:
        return pd.DataFrame(columns=colonnes)
    cles = ["site", "indicateur"] if "site" in lignes else ["indicateur"]
    meilleur = lignes.groupby(cles)["rang"].transform("min")
    lignes = lignes[lignes["rang"] == meilleur]
    morceaux = [
        {**dict(zip(cles, cle, strict=True)), **_agreger_groupe(g, nature.get(str(g["indicateur"].iloc[0])))}
        for cle, g in lignes.groupby(cles, sort=True)
    ]
    resultat = pd.DataFrame(morceaux).reset_index(drop=True)
    for c in ("valeur", "numerateur", "denominateur"):
        resultat[c] = pd.to_numeric(resultat[c], errors="coerce").astype("Float64")
    resultat["periodes"] = resultat["periodes"].astype("int64")
    return resultat.reindex(columns=[c for c in colonnes if c in resultat or c != "site"])


__all__ = ["GRANULARITES", "Periode", "agreger_valeurs", "etiqueter", "parse_periode",
           "periode_precedente", "periodes_de_l_annee"]
