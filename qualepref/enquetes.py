"""Satisfaction surveys (rates, net rates, Wilson intervals), aggregated results, progressions, mystery checks.

A satisfaction rate is (très satisfaits + satisfaits) / réponses exprimées × 100, where exprimées leaves out
« sans avis » and empty answers; a rate on fewer than ``SEUIL_FRAGILE`` answers is fragile and shown with its 95 %
Wilson interval. Progressions are differences of rates in percentage points. Themes are matched ignoring case,
accents, apostrophes and spaces (``normaliser_libelle``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import pandas as pd

SEUIL_FRAGILE = 30
Z_95 = 1.96
SATISFAITS = ("tres_satisfait", "satisfait")
INSATISFAITS = ("peu_satisfait", "pas_du_tout_satisfait")
COLONNES_SATISFACTION = ["satisfaits", "insatisfaits", "sans_avis", "exprimes", "taux", "taux_net", "fragile",
                         "ic_bas", "ic_haut"]
COLONNES_TAUX = ["site", "annee", "theme", "taux", "exprimes", "satisfaits", "taux_net", "fragile", "ic_bas",
                 "ic_haut", "origine"]
ORIGINE_REPONSES = "réponses"
ORIGINE_AGREGEE = "agrégé"


def normaliser_libelle(texte: object) -> str:
    """A label reduced for matching: lowercase, no accents, typographic apostrophe ’ as ', spaces collapsed
    (« Accueil  Téléphonique » and « accueil telephonique » match). Missing → ""."""
    if texte is None or (not isinstance(texte, str) and pd.isna(texte)):
        return ""
    sans_accents = "".join(c for c in unicodedata.normalize("NFKD", str(texte)) if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", sans_accents.replace("’", "'").replace("‘", "'").lower()).strip()


def wilson(succes: pd.Series, total: pd.Series, z: float = Z_95) -> tuple[pd.Series, pd.Series]:
    """The Wilson score interval of succes / total, in percent (low, high); NA where total is 0 or missing.

    Unlike p ± z·√(p(1−p)/n), it stays within 0–100 and is honest for small samples (fragile rates)."""
    n = pd.to_numeric(total, errors="coerce").astype("Float64")
    n = n.where(n > 0)
    p = pd.to_numeric(succes, errors="coerce").astype("Float64") / n
    z2 = z * z
    denominateur = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominateur
    demi = z * ((p * (1 - p) / n + z2 / (4 * n * n)) ** 0.5) / denominateur
    return (100 * (centre - demi)).clip(0, 100), (100 * (centre + demi)).clip(0, 100)


def _taux_et_intervalles(cadre: pd.DataFrame) -> pd.DataFrame:
    """Adds ``taux``, ``fragile``, ``ic_bas``, ``ic_haut`` from ``satisfaits`` and ``exprimes`` counts."""
    exprimes = cadre["exprimes"].astype("Float64")
    bas, haut = wilson(cadre["satisfaits"], exprimes)
    return cadre.assign(
        taux=100 * cadre["satisfaits"].astype("Float64") / exprimes.where(exprimes > 0),
        fragile=(exprimes < SEUIL_FRAGILE).astype("boolean"), ic_bas=bas, ic_haut=haut,
    )


def satisfaction(reponses: pd.DataFrame, par: Sequence[str] = ("theme",)) -> pd.DataFrame:
    """Satisfaction per group of ``par``: ``satisfaits`` (très satisfaits + satisfaits), ``insatisfaits`` (peu +
    pas du tout satisfaits), ``sans_avis``, ``exprimes`` (satisfaits + insatisfaits: every answer but « sans avis »
    and empty ones), ``taux`` = satisfaits / exprimes × 100, ``taux_net`` = (satisfaits − insatisfaits) / exprimes
    × 100 (points), ``fragile`` = exprimes < SEUIL_FRAGILE, ``ic_bas``/``ic_haut`` the 95 % Wilson interval (%)
    given for every rate. Rates are NA when nothing was expressed."""
    cles = list(par)
    code = reponses["reponse"].astype("str").str.strip()
    comptes = pd.DataFrame({
        "satisfaits": code.isin(SATISFAITS), "insatisfaits": code.isin(INSATISFAITS),
        "sans_avis": code == "sans_avis",
    }, index=reponses.index).fillna(False).astype("int64")
    comptes[cles] = reponses[cles]
    if cles:
        sommes = comptes.groupby(cles, dropna=False, sort=True)[["satisfaits", "insatisfaits", "sans_avis"]].sum()
        sommes = sommes.reset_index()
    else:
        sommes = comptes[["satisfaits", "insatisfaits", "sans_avis"]].sum().to_frame().T
    sommes["exprimes"] = sommes["satisfaits"] + sommes["insatisfaits"]
    resultat = _taux_et_intervalles(sommes)
    net = resultat["satisfaits"] - resultat["insatisfaits"]
    resultat["taux_net"] = 100 * net.astype("Float64") / resultat["exprimes"].where(resultat["exprimes"] > 0)
    return resultat[cles + COLONNES_SATISFACTION].reset_index(drop=True)


def _depuis_agregees(agregees: pd.DataFrame) -> pd.DataFrame:
    """Aggregated results (site, annee, theme, satisfaits, exprimes, taux) as rates: the ratio of the counts when
    they are known, else the rate given; fragility and interval when the counts are known."""
    a = agregees.assign(
        satisfaits=pd.to_numeric(agregees["satisfaits"], errors="coerce").astype("Float64"),
        exprimes=pd.to_numeric(agregees["exprimes"], errors="coerce").astype("Float64"),
        taux_donne=pd.to_numeric(agregees["taux"], errors="coerce").astype("Float64"),
    )
    a = _taux_et_intervalles(a)
    connus = a["satisfaits"].notna() & a["exprimes"].notna() & (a["exprimes"] > 0)
    return a.assign(
        taux=a["taux"].where(connus, a["taux_donne"]),
        fragile=a["fragile"].where(a["exprimes"].notna(), pd.NA),
        taux_net=pd.Series(pd.NA, index=a.index, dtype="Float64"), origine=ORIGINE_AGREGEE,
    )


def combiner_agregees(calculees: pd.DataFrame, agregees: pd.DataFrame) -> pd.DataFrame:
    """One row per (site, annee, theme) from rates computed on answers (``satisfaction(..., par=["site", "annee",
    "theme"])``) and aggregated results: ``taux, exprimes, satisfaits, taux_net, fragile, ic_bas, ic_haut,
    origine`` ("réponses" | "agrégé"). Computed answers win when both exist for a key; themes are matched with
    ``normaliser_libelle`` (the label kept is the winning row's)."""
    morceaux = []
    if calculees is not None and not calculees.empty:
        morceaux.append(calculees.assign(origine=ORIGINE_REPONSES))
    if agregees is not None and not agregees.empty:
        morceaux.append(_depuis_agregees(agregees))
    if not morceaux:
        return pd.DataFrame(columns=COLONNES_TAUX)
    tout = pd.concat([m.reindex(columns=COLONNES_TAUX) for m in morceaux], ignore_index=True)
    tout["annee"] = pd.to_numeric(tout["annee"], errors="coerce").astype("Int64")
    tout["_cle"] = tout["theme"].map(normaliser_libelle)
    tout = tout.drop_duplicates(["site", "annee", "_cle"], keep="first").drop(columns="_cle")
    for c in ("taux", "exprimes", "satisfaits", "taux_net", "ic_bas", "ic_haut"):
        tout[c] = pd.to_numeric(tout[c], errors="coerce").astype("Float64")
    tout["fragile"] = tout["fragile"].astype("boolean")
    return tout.sort_values(["site", "annee", "theme"]).reset_index(drop=True)


def progression(taux: pd.DataFrame, cle: Sequence[str] = ("site", "theme")) -> pd.DataFrame:
    """``taux`` with, for each key and year, ``taux_precedent`` (the rate of year N−1 for the same key, text keys
    matched with ``normaliser_libelle``) and ``progression_points`` = taux − taux_precedent in percentage points
    (77,6 % after 78 % → −0,4 point). Rates from answers and from aggregated results chain freely."""
    cles = list(cle)
    normalisees = [f"_n_{c}" for c in cles]
    t = taux.reset_index(drop=True)
    t = t.assign(**{n: _cle_de_jointure(t[c]) for n, c in zip(normalisees, cles, strict=True)},
                 _annee=pd.to_numeric(t["annee"], errors="coerce").astype("Int64"))
    precedents = t[normalisees + ["_annee", "taux"]].assign(_annee=t["_annee"] + 1)
    precedents = precedents.dropna(subset=["taux"]).drop_duplicates(normalisees + ["_annee"])
    precedents = precedents.rename(columns={"taux": "taux_precedent"})
    resultat = t.merge(precedents, on=normalisees + ["_annee"], how="left")
    resultat["taux_precedent"] = pd.to_numeric(resultat["taux_precedent"], errors="coerce").astype("Float64")
    resultat["progression_points"] = pd.to_numeric(resultat["taux"], errors="coerce").astype("Float64") \
        - resultat["taux_precedent"]
    return resultat.drop(columns=normalisees + ["_annee"])


def _cle_de_jointure(serie: pd.Series) -> pd.Series:
    """Text keys normalised for matching (``normaliser_libelle``); other keys unchanged."""
    if pd.api.types.is_string_dtype(serie) or serie.dtype == object:
        return serie.map(normaliser_libelle).astype("str")
    return serie


def conformite(mystere: pd.DataFrame, par: Sequence[str] = ("canal", "critere")) -> pd.DataFrame:
    """Mystery checks per group of ``par``: ``controles`` (checks with a verdict), ``conformes`` and ``taux`` =
    conformes / controles × 100 (NA without checks)."""
    cles = list(par)
    if mystere.empty:
        return pd.DataFrame(columns=cles + ["controles", "conformes", "taux"])
    verdict = mystere["conforme"].astype("boolean")
    comptes = pd.DataFrame({"controles": verdict.notna().astype("int64"),
                            "conformes": verdict.fillna(False).astype("int64")}, index=mystere.index)
    comptes[cles] = mystere[cles]
    if cles:
        sommes = comptes.groupby(cles, dropna=False, sort=True)[["controles", "conformes"]].sum().reset_index()
    else:
        sommes = comptes[["controles", "conformes"]].sum().to_frame().T
    controles = sommes["controles"].astype("Float64")
    sommes["taux"] = 100 * sommes["conformes"].astype("Float64") / controles.where(controles > 0)
    return sommes[cles + ["controles", "conformes", "taux"]]


__all__ = ["COLONNES_SATISFACTION", "COLONNES_TAUX", "ORIGINE_AGREGEE", "ORIGINE_REPONSES", "SEUIL_FRAGILE",
           "combiner_agregees", "conformite", "normaliser_libelle", "progression", "satisfaction", "wilson"]

