"""The survey-fed indicators of chapter VI: satisfaction rates from the survey's themes, one rate per criterion
where the referential says « associés à chaque critère », and mystery surveys where it says « ou enquête mystère ».

- A survey theme feeds an indicator when it matches one of the indicator's ``themes`` in the referential data (its
  aliases: the referential's words, the seed deck's « Point d'accueil numérique (PAN) », « Accueil en préfecture »,
  « Courriers/courriels », the template's example themes), ignoring case, accents, apostrophes and spaces
  (``enquetes.normaliser_libelle``). Several matching themes make one rate: the ratio of the summed counts.
- ``par_critere`` (E3, chapter VI: « Taux de satisfaction associés à chaque critère : enquête de satisfaction
  usagers et enquêtes mystère (sauf critères du canal physique pour les enquêtes mystère) »): every criterion of
  the survey (each theme matched by any survey indicator of the referential, or by its own ``themes``) and every
  mystery criterion outside the excluded canals gets its own rate (``details``, axe ``critere``); the indicator's
  value is the lowest of them, so that it is « atteint » only when every criterion reaches the target.
- ``mystere`` (2, 8, 10, 53, 54: « enquête de satisfaction usagers ou enquête mystère »): when no satisfaction
  survey theme feeds the indicator in a year, its mystery results do: the conformity rate (conformes / contrôles)
  of the checks on its ``mystere_canaux`` (every criterion of those canals) or whose criterion matches its
  ``themes``, never on a canal of ``mystere_sauf_canaux`` (« sauf canal physique »). The row's ``source`` says which
  was used: ``enquête`` or ``enquête mystère``.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from qualepref.enquetes import normaliser_libelle
from qualepref.referentiel import Indicateur, Referentiel

SOURCE_ENQUETE = "enquête"
SOURCE_MYSTERE = "enquête mystère"
AXE_CRITERE = "critere"
# Canal codes as the store has them; a label written out (« téléphone », « accueil physique ») is read as its code.
ALIAS_CANAUX = {"accueil physique": "physique", "visite": "physique"}
COLONNES_VALEURS = ["indicateur", "periode", "valeur", "numerateur", "denominateur", "source"]
COLONNES_DETAILS = ["indicateur", "periode", "axe", "groupe", "valeur", "numerateur", "denominateur", "source"]


def cles_des_themes(ind: Indicateur) -> set[str]:
    """The normalised aliases of an indicator's themes."""
    return {normaliser_libelle(t) for t in ind.themes}


def themes_connus(ref: Referentiel) -> set[str]:
    """Every normalised theme that feeds some survey indicator of ``ref``."""
    return set().union(*(cles_des_themes(i) for i in ref.indicateurs if i.calcul == "enquete"))


def themes_sans_indicateur(ref: Referentiel, themes: Iterable[object]) -> list[str]:
    """The survey themes, as written, that feed no indicator of ``ref`` (an import lists them as a warning)."""
    connus = themes_connus(ref)
    vus: dict[str, str] = {}
    for theme in themes:
        cle = normaliser_libelle(theme)
        if cle and cle not in connus and cle not in vus:
            vus[cle] = str(theme).strip()
    return list(vus.values())


def message_theme_sans_indicateur(ref: Referentiel, theme: str) -> str:
    """The import warning for a survey theme that feeds no indicator (its rates are stored all the same)."""
    return (f"le thème « {theme} » ne nourrit aucun indicateur du référentiel {ref.titre} : ses taux seront importés "
            "et montrés avec l'enquête, mais n'entrent dans aucun indicateur (vérifiez son orthographe ; les thèmes "
            "reconnus figurent sur la page « Référentiel »).")


def taux_groupe(groupe: pd.DataFrame) -> dict:
    """One rate over several themes: ratio of the sums when counts are known, else the mean of the rates."""
    if groupe["exprimes"].notna().all() and groupe["exprimes"].sum() > 0:
        satisfaits, exprimes = float(groupe["satisfaits"].sum()), float(groupe["exprimes"].sum())
        return {"valeur": 100 * satisfaits / exprimes, "numerateur": satisfaits, "denominateur": exprimes}
    return {"valeur": float(groupe["taux"].mean()), "numerateur": None, "denominateur": None}


def taux_net_groupe(groupe: pd.DataFrame) -> dict | None:
    """The taux net (satisfied minus dissatisfied, over the answers given) over several themes: the net counts
    summed over the answers summed; None when only rates without answers are known (aggregated results)."""
    connus = groupe[groupe["taux_net"].notna() & groupe["exprimes"].notna() & (groupe["exprimes"] > 0)]
    if connus.empty:
        return None
    net = float((connus["taux_net"].astype("float64") * connus["exprimes"].astype("float64") / 100).sum())
    exprimes = float(connus["exprimes"].sum())
    return {"valeur": 100 * net / exprimes, "numerateur": net, "denominateur": exprimes}


def _mystere_de(ind: Indicateur, mystere: pd.DataFrame) -> pd.DataFrame:
    """The mystery checks that may feed ``ind``: its canals or its criteria, never an excluded canal."""
    if mystere.empty:
        return mystere
    canal = mystere["_canal"]
    retenus = canal.isin(ind.mystere_canaux) | mystere["_cle"].isin(cles_des_themes(ind))
    return mystere[retenus & ~canal.isin(ind.mystere_sauf_canaux)]


def _conformite(groupe: pd.DataFrame) -> dict | None:
    """Conformity rate of mystery checks: conformes / contrôles (checks with a verdict); None without any."""
    verdict = groupe["conforme"].astype("boolean")
    controles = int(verdict.notna().sum())
    if controles == 0:
        return None
    conformes = float(verdict.fillna(False).sum())
    return {"valeur": 100 * conformes / controles, "numerateur": conformes, "denominateur": float(controles)}


def _par_critere(ind: Indicateur, annee: int, themes: pd.DataFrame, mystere: pd.DataFrame,
                 cles: set[str]) -> list[dict]:
    """One detail row per criterion of ``annee``: survey themes among ``cles``, then mystery criteria."""
    lignes = []
    choisis = themes[(themes["annee"] == annee) & themes["_cle"].isin(cles)]
    for _, groupe in choisis.groupby("_cle", sort=True):
        lignes.append({"groupe": str(groupe["theme"].iloc[0]), **taux_groupe(groupe), "source": SOURCE_ENQUETE})
    if not mystere.empty:
        sien = mystere[(mystere["_annee"] == annee) & ~mystere["_canal"].isin(ind.mystere_sauf_canaux)]
        for _, groupe in sien.groupby("_cle", sort=True):
            mesure = _conformite(groupe)
            if mesure is not None:
                lignes.append({"groupe": str(groupe["critere"].iloc[0]), **mesure, "source": SOURCE_MYSTERE})
    return [ligne | {"indicateur": ind.code, "periode": str(annee), "axe": AXE_CRITERE} for ligne in lignes
            if ligne["valeur"] is not None and not pd.isna(ligne["valeur"])]


def valeurs_enquete(ref: Referentiel, taux_themes: pd.DataFrame,
                    mystere: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The survey-fed indicators per year (``COLONNES_VALEURS``) and their per-criterion details
    (``COLONNES_DETAILS``), from the survey rates per theme (``enquetes.combiner_agregees``) and the mystery checks
    (site, date, canal, critere, conforme). See the module docstring for the rules."""
    themes = taux_themes.assign(_cle=taux_themes["theme"].map(normaliser_libelle),
                                annee=pd.to_numeric(taux_themes["annee"], errors="coerce")) \
        if not taux_themes.empty else pd.DataFrame(columns=["theme", "annee", "_cle"])
    mystere = mystere if mystere is not None and not mystere.empty else pd.DataFrame(
        columns=["date", "canal", "critere", "conforme"])
    mystere = mystere.assign(_cle=mystere["critere"].map(normaliser_libelle),
                             _canal=mystere["canal"].map(normaliser_libelle).replace(ALIAS_CANAUX),
                             _annee=pd.to_datetime(mystere["date"]).dt.year)
    tous = themes_connus(ref)
    lignes, details = [], []
    for ind in (i for i in ref.indicateurs if i.calcul == "enquete"):
        cles = cles_des_themes(ind) | (tous if ind.par_critere else set())
        annees = set(themes.loc[themes["_cle"].isin(cles), "annee"].dropna().astype(int))
        if ind.par_critere:
            siens_mystere = mystere[~mystere["_canal"].isin(ind.mystere_sauf_canaux)]
        else:
            siens_mystere = _mystere_de(ind, mystere) if ind.mystere else mystere.iloc[0:0]
        annees |= set(siens_mystere["_annee"].dropna().astype(int))
        for annee in sorted(annees):
            if ind.par_critere:
                criteres = _par_critere(ind, annee, themes, mystere, cles)
                details += criteres
                if criteres:
                    pire = min(criteres, key=lambda c: c["valeur"])
                    lignes.append({"indicateur": ind.code, "periode": str(annee), "valeur": pire["valeur"],
                                   "numerateur": pire["numerateur"], "denominateur": pire["denominateur"],
                                   "source": pire["source"]})
                continue
            groupe = themes[(themes["annee"] == annee) & themes["_cle"].isin(cles)]
            mesure = None
            if not groupe.empty:
                mesure = taux_net_groupe(groupe) if ind.mesure == "taux_net" else taux_groupe(groupe)
                source = SOURCE_ENQUETE
            if mesure is None and ind.mystere:
                mesure = _conformite(siens_mystere[siens_mystere["_annee"] == annee])
                source = SOURCE_MYSTERE
            if mesure is not None and not pd.isna(mesure["valeur"]):
                lignes.append({"indicateur": ind.code, "periode": str(annee), **mesure, "source": source})
    return pd.DataFrame(lignes, columns=COLONNES_VALEURS), pd.DataFrame(details, columns=COLONNES_DETAILS)


__all__ = ["AXE_CRITERE", "SOURCE_ENQUETE", "SOURCE_MYSTERE", "cles_des_themes", "message_theme_sans_indicateur", "taux_groupe", "taux_net_groupe",
           "themes_connus", "themes_sans_indicateur", "valeurs_enquete"]
