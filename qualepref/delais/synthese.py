"""Counts, rate within délai, délai moyen and médian of evaluated requests, per group.

``synthese_delais`` counts the rows of a journal evaluated by ``appliquer_regles``; ``synthese_ponderee`` gives
the same frame (columns, types, order and figures) from the weighted cells of ``CubePeriodes.cellules``: the
délai moyen a weighted mean, the médian found in the cumulated counts of each délai. Both end in
``_finir_synthese``, so the rate and the column types are computed in one place whichever path counted.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

COLONNES_SYNTHESE = ["recus", "repondus", "en_attente", "en_cours", "dans_le_delai", "hors_delai", "sans_regle",
                     "reponses_attente", "taux_dans_le_delai", "delai_moyen", "delai_median", "delai_moyen_fond"]


def synthese_delais(journal_evalue: pd.DataFrame, par: Sequence[str] = ()) -> pd.DataFrame:
    """Counts and délais per group of ``par`` (any of canal, nature, service, engagement, regle; empty = one row
    for all): ``recus``, ``repondus``, ``en_attente`` (no date de réponse), ``en_cours`` (pending, délai not run
    out), ``dans_le_delai``, ``hors_delai`` (answered late or pending past délai), ``sans_regle``,
    ``reponses_attente`` (answers that were only "attente"), ``taux_dans_le_delai`` = dans_le_delai /
    (dans_le_delai + hors_delai) × 100 (NA when nobody can be judged), ``delai_moyen`` and ``delai_median`` in
    jours ouvrés over every answered request ("attente" answers included), ``delai_moyen_fond`` over the requests
    answered on the substance (type "fond" or not given)."""
    j = journal_evalue
    repondue = pd.to_datetime(j["date_reponse"]).notna()
    etat = j["etat"].astype("str")
    comptes = pd.DataFrame({
        "recus": 1, "repondus": repondue, "en_attente": ~repondue, "en_cours": etat == "en_cours",
        "dans_le_delai": etat == "dans_le_delai", "hors_delai": etat == "hors_delai",
        "sans_regle": etat == "sans_regle",
        "reponses_attente": repondue & (j["type_reponse"].astype("str") == "attente").fillna(False),
    }, index=j.index).astype("int64")
    comptes["_jours"] = j["jours"].astype("Float64").where(repondue)
    comptes["_jours_fond"] = comptes["_jours"].where(comptes["reponses_attente"] == 0)
    cles = list(par)
    if cles:
        comptes[cles] = j[cles]
        groupes = comptes.groupby(cles, dropna=False, sort=True)
        sommes = groupes[COLONNES_SYNTHESE[:8]].sum()
        sommes["delai_moyen"] = groupes["_jours"].mean()
        sommes["delai_median"] = groupes["_jours"].median()
        sommes["delai_moyen_fond"] = groupes["_jours_fond"].mean()
        resultat = sommes.reset_index()
    else:
        resultat = comptes[COLONNES_SYNTHESE[:8]].sum().to_frame().T
        resultat["delai_moyen"] = comptes["_jours"].mean() if comptes["_jours"].notna().any() else pd.NA
        resultat["delai_median"] = comptes["_jours"].median() if comptes["_jours"].notna().any() else pd.NA
        resultat["delai_moyen_fond"] = comptes["_jours_fond"].mean() if comptes["_jours_fond"].notna().any() \
            else pd.NA
    return _finir_synthese(resultat, cles)


def _finir_synthese(resultat: pd.DataFrame, cles: list[str]) -> pd.DataFrame:
    """The rate within délai from the counts, and the columns of ``synthese_delais`` in order with their types
    (one frame built at once: column by column, pandas costs more than the figures on these small frames)."""
    colonnes = {c: resultat[c].array for c in cles}
    for c in COLONNES_SYNTHESE[:8]:
        colonnes[c] = resultat[c].to_numpy(dtype="int64")
    juges = colonnes["dans_le_delai"] + colonnes["hors_delai"]
    with np.errstate(invalid="ignore", divide="ignore"):
        taux = 100 * colonnes["dans_le_delai"] / np.where(juges > 0, juges, np.nan)
    colonnes["taux_dans_le_delai"] = pd.array(taux, dtype="Float64")
    for c in ("delai_moyen", "delai_median", "delai_moyen_fond"):
        colonnes[c] = pd.to_numeric(resultat[c], errors="coerce").astype("Float64").array
    return pd.DataFrame(colonnes, columns=cles + COLONNES_SYNTHESE)


def synthese_ponderee(cellules: pd.DataFrame, par: Sequence[str] = ()) -> pd.DataFrame:
    """``synthese_delais`` of the requests that ``cellules`` counts (``CubePeriodes.cellules``; same columns,
    types, order and figures): counts are sums of ``nombre``, the délai moyen a weighted mean and the median the
    middle of the cumulated counts of the délais (mean of the two middle values for an even count, as pandas)."""
    c = cellules
    nombre = c["nombre"].to_numpy(dtype="int64")
    etat = c["etat"].to_numpy()
    repondue = c["repondue"].to_numpy(dtype=bool)
    jours = c["jours"].to_numpy(dtype="int64")
    poids_jours = nombre * repondue
    cles = list(par)
    comptes = pd.DataFrame({
        **{k: c[k].array for k in cles},
        "recus": nombre, "repondus": poids_jours, "en_attente": nombre * ~repondue, "en_cours": nombre * (etat == 2),
        "dans_le_delai": nombre * (etat == 0), "hors_delai": nombre * (etat == 1), "sans_regle": nombre * (etat == 3),
        "reponses_attente": nombre * (repondue & c["attente"].to_numpy(dtype=bool)),
        "_somme": poids_jours * jours,
        "_fond": poids_jours * ~c["attente"].to_numpy(dtype=bool),
    })
    comptes["_somme_fond"] = comptes["_fond"] * jours
    if cles:
        groupes = comptes.groupby(cles, dropna=False, sort=True)
        sommes = groupes.sum().reset_index()
        numero = groupes.ngroup().to_numpy()
    else:
        sommes = comptes.sum().to_frame().T
        numero = np.zeros(len(comptes), dtype="int64")
    repondus = sommes["repondus"].to_numpy(dtype="int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        moyen = np.where(repondus > 0, sommes["_somme"].to_numpy(dtype="int64") / repondus, np.nan)
        fond = sommes["_fond"].to_numpy(dtype="int64")
        moyen_fond = np.where(fond > 0, sommes["_somme_fond"].to_numpy(dtype="int64") / np.maximum(fond, 1), np.nan)
    sommes = sommes.assign(delai_moyen=moyen, delai_moyen_fond=moyen_fond,
                           delai_median=_mediane_ponderee(numero, jours, poids_jours, len(sommes)))
    return _finir_synthese(sommes, cles)


def _mediane_ponderee(groupe: np.ndarray, valeurs: np.ndarray, poids: np.ndarray, nombre: int) -> np.ndarray:
    """Per group, the median of integer ``valeurs`` each repeated ``poids`` times (NaN for no weight): the middle
    one, or the mean of the two middle ones for an even total, found in the cumulated weights."""
    garder = poids > 0
    groupe, valeurs, poids = groupe[garder], valeurs[garder], poids[garder]
    ordre = np.lexsort((valeurs, groupe))
    groupe, valeurs, poids = groupe[ordre], valeurs[ordre].astype("float64"), poids[ordre]
    cumul = np.cumsum(poids)
    totaux = np.bincount(groupe, weights=poids, minlength=nombre).astype("int64")
    debuts = np.cumsum(totaux) - totaux
    mediane = np.full(nombre, np.nan)
    g = np.flatnonzero(totaux > 0)
    bas = np.searchsorted(cumul, debuts[g] + (totaux[g] - 1) // 2, side="right")
    haut = np.searchsorted(cumul, debuts[g] + totaux[g] // 2, side="right")
    mediane[g] = (valeurs[bas] + valeurs[haut]) / 2
    return mediane


__all__ = ["COLONNES_SYNTHESE", "synthese_delais", "synthese_ponderee"]
