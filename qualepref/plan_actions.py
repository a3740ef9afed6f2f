"""Plan d'actions (completion by thématique, axe and overall; overdue actions), points d'accès numériques (PAN)
attendance, and Services Publics+ avis.

Two different numbers exist for an axe and must never be confused: the completion rate (every action weighs the
same, ``METHODE_COMPLETION``) and the mean of its thématiques' rates (every thématique weighs the same,
``METHODE_MOYENNE_THEMATIQUES``, the figure of the bilan presented to the comité). Pages and exports print the
sentence of the method next to the number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from qualepref import calendrier
from qualepref.periodes import Periode

REALISEE = "realisee"
ABANDONNEE = "abandonnee"
TONALITES = ("positif", "neutre", "negatif")

METHODE_COMPLETION = (
    "Taux de réalisation : moyenne de l'avancement (0 à 100 %) des actions, chaque action pesant le même poids ; "
    "une action réalisée compte pour 100 % quel que soit l'avancement saisi, une action abandonnée n'est pas "
    "comptée."
)
METHODE_MOYENNE_THEMATIQUES = (
    "Moyenne des thématiques : moyenne simple des taux de réalisation des thématiques de l'axe, chaque thématique "
    "pesant le même poids quel que soit son nombre d'actions ; ce chiffre diffère du taux de réalisation de l'axe, "
    "calculé action par action."
)
METHODE_DELAI_AVIS = (
    "Délai de réponse aux avis en jours calendaires : de la date de l'avis à la date de la réponse (0 = réponse "
    "le jour même)."
)


def _avancement_retenu(plan: pd.DataFrame) -> pd.Series:
    """Each action's avancement as counted: 100 when réalisée, NA (left out) when abandonnée, else its avancement
    between 0 and 100 (missing = 0: an action not started)."""
    statut = plan["statut"].astype("str")
    avancement = pd.to_numeric(plan["avancement"], errors="coerce").astype("Float64").fillna(0).clip(0, 100)
    avancement = avancement.mask((statut == REALISEE).fillna(False), 100.0)
    return avancement.mask((statut == ABANDONNEE).fillna(False))


def completion(plan: pd.DataFrame, par: Sequence[str] = ()) -> pd.DataFrame:
    """Completion rate per group of ``par`` (none = the whole plan): ``taux`` = mean of the actions' avancement
    (``METHODE_COMPLETION``), ``actions`` (the actions behind the rate), ``realisees``, ``abandonnees``. ``taux``
    is NA for a group whose actions are all abandoned."""
    cles = list(par)
    retenu = _avancement_retenu(plan)
    statut = plan["statut"].astype("str")
    cadre = pd.DataFrame({
        "_avancement": retenu, "actions": retenu.notna().astype("int64"),
        "realisees": (statut == REALISEE).fillna(False).astype("int64"),
        "abandonnees": (statut == ABANDONNEE).fillna(False).astype("int64"),
    }, index=plan.index)
    cadre[cles] = plan[cles]
    if cles:
        groupes = cadre.groupby(cles, dropna=False, sort=True)
        resultat = groupes[["actions", "realisees", "abandonnees"]].sum()
        resultat["taux"] = groupes["_avancement"].mean()
        resultat = resultat.reset_index()
    else:
        resultat = cadre[["actions", "realisees", "abandonnees"]].sum().to_frame().T
        resultat["taux"] = cadre["_avancement"].mean() if cadre["_avancement"].notna().any() else pd.NA
    resultat["taux"] = pd.to_numeric(resultat["taux"], errors="coerce").astype("Float64")
    return resultat[cles + ["taux", "actions", "realisees", "abandonnees"]]


def par_thematique(plan: pd.DataFrame) -> pd.DataFrame:
    """Completion per (axe, thématique): ``axe, thematique, taux, actions, realisees, abandonnees``."""
    return completion(plan, ["axe", "thematique"])


def par_axe(plan: pd.DataFrame) -> pd.DataFrame:
    """Completion per axe (``taux``, action-weighted) with, beside it, ``moyenne_thematiques`` (the mean of its
    thématiques' rates, a different number): ``axe, taux, actions, realisees, abandonnees, moyenne_thematiques``."""
    axes = completion(plan, ["axe"])
    if axes.empty:
        return axes.assign(moyenne_thematiques=pd.Series(dtype="Float64"))
    moyennes = par_thematique(plan).groupby("axe", dropna=False)["taux"].mean().rename("moyenne_thematiques")
    axes = axes.merge(moyennes.reset_index(), on="axe", how="left")
    axes["moyenne_thematiques"] = axes["moyenne_thematiques"].astype("Float64")
    return axes


def globale(plan: pd.DataFrame) -> dict:
    """The overall completion of the plan: {"taux": float | None, "actions": int, "realisees": int,
    "abandonnees": int} (taux None without any counted action)."""
    ligne = completion(plan).iloc[0]
    return {"taux": None if pd.isna(ligne["taux"]) else float(ligne["taux"]), "actions": int(ligne["actions"]),
            "realisees": int(ligne["realisees"]), "abandonnees": int(ligne["abandonnees"])}


def moyenne_des_thematiques(plan: pd.DataFrame, axe: str) -> float | None:
    """The mean of the completion rates of the thématiques of ``axe``, each thématique weighing the same
    (``METHODE_MOYENNE_THEMATIQUES``); None when the axe has no counted action."""
    themes = par_thematique(plan[plan["axe"] == axe])
    valeur = themes["taux"].mean() if themes["taux"].notna().any() else None
    return None if valeur is None or pd.isna(valeur) else float(valeur)


def en_retard(plan: pd.DataFrame, aujourd_hui: dt.date) -> pd.DataFrame:
    """Actions whose échéance is before ``aujourd_hui`` and that are neither réalisées nor abandonnées, the most
    overdue first (same columns as ``plan``)."""
    echeance = pd.to_datetime(plan["echeance"])
    statut = plan["statut"].astype("str")
    retard = (echeance < pd.Timestamp(aujourd_hui)).fillna(False) & ~statut.isin([REALISEE, ABANDONNEE])
    return plan[retard.astype(bool)].sort_values("echeance", kind="stable").reset_index(drop=True)


EXEMPLES_PAR_AXE = 3


def exemples_realises(plan: pd.DataFrame, par_axe: int = EXEMPLES_PAR_AXE) -> list[dict[str, str]]:
    """Examples of actions carried out, per axe (the comité deck's and the poster's « exemples de réalisations »,
    issue 16: « examples of actions carried out per axe … or picks from the plan's realised actions »): the
    réalisées ones, the latest échéance first, at most ``par_axe`` per axe, axes in the plan's order; plain values
    (``axe``, ``thematique``, ``action``) kept with a publication."""
    if plan.empty or not {"axe", "action", "statut"} <= set(plan):
        return []
    faites = plan[plan["statut"].astype("str") == REALISEE]
    if "echeance" in faites:
        faites = faites.assign(_echeance=pd.to_datetime(faites["echeance"])) \
            .sort_values("_echeance", ascending=False, kind="stable", na_position="last")
    ordre = {axe: rang for rang, axe in enumerate(dict.fromkeys(plan["axe"].astype("str")))}
    exemples = []
    for axe in sorted(dict.fromkeys(faites["axe"].astype("str")), key=ordre.get):
        for action in faites[faites["axe"].astype("str") == axe].head(par_axe).to_dict("records"):
            exemples.append({"axe": axe, "thematique": "" if pd.isna(action.get("thematique")) else
                             str(action["thematique"]), "action": str(action["action"])})
    return exemples


# --- points d'accès numériques -----------------------------------------------------------------------------------

def frequentation(pan: pd.DataFrame, par: str = "point") -> pd.DataFrame:
    """PAN attendance per ``par`` ("point" or "demarche"): ``nombre`` and ``part`` (% of the total), most
    frequented first; the total is in ``attrs["total"]`` (also ``frequentation_totale``)."""
    if par not in ("point", "demarche"):
        raise ValueError(f"Regroupement « {par} » inconnu : attendu point ou demarche.")
    nombre = pd.to_numeric(pan["nombre"], errors="coerce").fillna(0) if not pan.empty else pd.Series(dtype=float)
    total = float(nombre.sum())
    if pan.empty:
        resultat = pd.DataFrame(columns=[par, "nombre", "part"])
    else:
        resultat = nombre.groupby(pan[par], dropna=False).sum().rename("nombre").reset_index()
        resultat["part"] = (100 * resultat["nombre"] / total) if total > 0 else pd.NA
        resultat = resultat.sort_values(["nombre", par], ascending=[False, True]).reset_index(drop=True)
    resultat.attrs["total"] = total
    return resultat


def frequentation_totale(pan: pd.DataFrame) -> float:
    """Total PAN attendance."""
    return float(pd.to_numeric(pan["nombre"], errors="coerce").fillna(0).sum()) if not pan.empty else 0.0


JOURS_SEMAINE = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
JOURS_PAN_PAR_DEFAUT = "lun,mar,mer,jeu,ven"
NOMS_JOURS = {"lun": "lundi", "mar": "mardi", "mer": "mercredi", "jeu": "jeudi", "ven": "vendredi", "sam": "samedi",
              "dim": "dimanche"}
METHODE_JOURS_PAN = ("Jours d'ouverture des points d'accès numériques : par défaut du lundi au vendredi, hors jours "
                     "fériés de la zone du site ; le référent peut les changer sur la page « Sites ».")


def semaine_pan(jours: str | None) -> str:
    """The numpy weekmask ("1111100") of a site's PAN opening weekdays ("lun,mar,...", None: Monday to Friday);
    ValueError (French) on an unknown day."""
    choisis = [j.strip().lower()[:3] for j in (jours or JOURS_PAN_PAR_DEFAUT).split(",") if j.strip()]
    inconnus = [j for j in choisis if j not in JOURS_SEMAINE]
    if inconnus or not choisis:
        raise ValueError(f"Jours d'ouverture « {jours} » non reconnus : attendu des jours parmi "
                         f"{', '.join(JOURS_SEMAINE)}, séparés par des virgules.")
    return "".join("1" if j in choisis else "0" for j in JOURS_SEMAINE)


def usagers_par_jour(pan: pd.DataFrame, periodes: Sequence[Periode], subdivision: str | None,
                     jours: str | None = None) -> pd.DataFrame:
    """E15 « Nombre d'usagers connectés au point numérique par jour » from the PAN attendance: for each period, the
    users of the months with attendance (every point and démarche) over the opening days of those months (weekdays
    ``jours`` of the site, holidays of its zone left out). Returns ``periode, valeur, numerateur`` (users),
    ``denominateur`` (opening days); a period without attendance has no row. January 2024 in métropole, Monday
    to Friday: 22 opening days (1 January is a holiday), so 440 users make 20 per day."""
    colonnes = ["periode", "valeur", "numerateur", "denominateur"]
    if pan.empty or not periodes:
        return pd.DataFrame(columns=colonnes)
    mois = pd.to_datetime(pan["mois"]).dt.to_period("M")
    par_mois = pd.to_numeric(pan["nombre"], errors="coerce").fillna(0).groupby(mois).sum()
    debuts = par_mois.index.to_timestamp().to_numpy("datetime64[D]")
    fins = (par_mois.index + 1).to_timestamp().to_numpy("datetime64[D]")
    annees = [int(p.year) for p in par_mois.index]
    feries = calendrier.jours_feries(subdivision, range(min(annees), max(annees) + 1))
    ouverts = np.busday_count(debuts, fins, weekmask=semaine_pan(jours),
                              holidays=np.array(list(feries), dtype="datetime64[D]"))
    lignes = []
    for p in periodes:
        dedans = (debuts >= np.datetime64(p.debut)) & (debuts <= np.datetime64(p.fin))
        jours_ouverts = int(ouverts[dedans].sum())
        if dedans.any() and jours_ouverts > 0:
            usagers = float(par_mois.to_numpy()[dedans].sum())
            lignes.append({"periode": p.code, "valeur": usagers / jours_ouverts, "numerateur": usagers,
                           "denominateur": float(jours_ouverts)})
    return pd.DataFrame(lignes, columns=colonnes)


# --- avis Services Publics+ ------------------------------------------------------------------------------------

def synthese_avis(avis: pd.DataFrame) -> dict:
    """Services Publics+ avis: counts by tonalité (keys ``positif``, ``neutre``, ``negatif``, always present),
    ``total``, ``par_sujet`` {sujet: count}, ``repondus``, ``part_repondus`` (% of the avis answered; None without
    avis), ``delai_moyen_jours`` and ``delai_median_jours`` of the answers in CALENDAR days
    (``METHODE_DELAI_AVIS``; None without answers)."""
    tonalite = avis["tonalite"].astype("str") if not avis.empty else pd.Series(dtype="str")
    resultat: dict = {t: int((tonalite == t).sum()) for t in TONALITES}
    total = len(avis)
    sujets = avis["sujet"].astype("str").value_counts(sort=True) if total else pd.Series(dtype="int64")
    delais = (pd.to_datetime(avis["date_reponse"]) - pd.to_datetime(avis["date"])).dt.days if total \
        else pd.Series(dtype="float64")
    delais = delais.dropna()
    repondus = int(pd.to_datetime(avis["date_reponse"]).notna().sum()) if total else 0
    resultat.update(
        total=total, par_sujet={str(k): int(v) for k, v in sujets.items()}, repondus=repondus,
        part_repondus=100 * repondus / total if total else None,
        delai_moyen_jours=float(delais.mean()) if len(delais) else None,
        delai_median_jours=float(delais.median()) if len(delais) else None,
    )
    return resultat


def cumul_avis(avis: pd.DataFrame, annee: int) -> dict:
    """The avis' running total up to the end of ``annee``: ``cumul`` (count) and ``cumul_depuis`` (the year of the
    first avis); both None without avis."""
    if avis.empty:
        return {"cumul": None, "cumul_depuis": None}
    dates = pd.to_datetime(avis["date"])
    jusque_la = dates[dates.dt.year <= annee]
    if jusque_la.empty:
        return {"cumul": None, "cumul_depuis": None}
    return {"cumul": len(jusque_la), "cumul_depuis": int(jusque_la.min().year)}


__all__ = ["METHODE_COMPLETION", "METHODE_DELAI_AVIS", "METHODE_MOYENNE_THEMATIQUES", "TONALITES", "completion",
           "cumul_avis", "en_retard", "frequentation", "frequentation_totale", "globale", "moyenne_des_thematiques",
           "par_axe", "par_thematique", "synthese_avis"]
