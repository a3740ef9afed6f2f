"""Délai rules applied to the journal of requests (courriers, courriels, réclamations...), vectorised.

``appliquer_regles`` finds the rule of each request (by nature, canal counted as per the referential's
``canal_delai``, and year of reception), counts its délai in jours ouvrés of the site's zone and gives its state;
``synthese_delais`` counts and rates those states per group. A request belongs to the period of its reception
(``filtrer_periode``). No Python loop per row: a journal of 500 000 requests costs a few numpy passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from qualepref.calendrier import ajouter_jours_ouvres, jours_ouvres
from qualepref.periodes import Periode, parse_periode

ETATS = ("dans_le_delai", "hors_delai", "en_cours", "sans_regle")
COLONNES_AJOUTEES = ["depart", "regle", "engagement", "delai_jours", "echeance", "jours", "etat"]
COLONNES_SYNTHESE = ["recus", "repondus", "en_attente", "en_cours", "dans_le_delai", "hors_delai", "sans_regle",
                     "reponses_attente", "taux_dans_le_delai", "delai_moyen", "delai_median"]


def filtrer_periode(journal: pd.DataFrame, periode: str | Periode) -> pd.DataFrame:
    """The requests received within ``periode`` (first and last day included): a request belongs to the period of
    its reception, whenever it is answered."""
    p = parse_periode(periode) if isinstance(periode, str) else periode
    reception = pd.to_datetime(journal["date_reception"])
    dedans = (reception >= pd.Timestamp(p.debut)) & (reception <= pd.Timestamp(p.fin))
    return journal[dedans.fillna(False)]


def _canal_du_delai(canal: object, canal_delai: Mapping[str, str]) -> object:
    """The canal whose délai applies (``formulaire`` → ``courriel``...); unchanged when the mapping omits it."""
    return canal_delai.get(canal, canal) if isinstance(canal, str) else canal


def _annees(dates: pd.Series) -> np.ndarray:
    """The year of each date as int64; -1 where the date is missing."""
    jours = pd.to_datetime(dates).to_numpy(dtype="datetime64[ns]")
    annees = jours.astype("datetime64[Y]").astype("int64") + 1970
    return np.where(np.isnat(jours), -1, annees)


def _regle_de_chaque_demande(journal: pd.DataFrame, regles: pd.DataFrame,
                             canal_delai: Mapping[str, str]) -> np.ndarray:
    """The position in ``regles`` of each request's rule (-1 when none): the first rule, in file order, for its
    nature, canal (both mapped through ``canal_delai``) and year of reception within annee_debut..annee_fin (NA =
    open). The merge on nature and canal and the filter on years run on the distinct (nature, canal, year) keys of
    the journal (a few dozen), then each request takes its key's rule: no work per row but factorising."""
    codes_n, natures = pd.factorize(journal["nature"])
    codes_c, canaux = pd.factorize(journal["canal"])
    annees = _annees(journal["date_reception"])
    base = int(annees.max(initial=0)) + 2
    cle = ((codes_n.astype("int64") + 1) * (len(canaux) + 1) + (codes_c + 1)) * base + (annees + 1)
    inverse, distinctes = pd.factorize(cle)
    n_idx, reste = np.divmod(distinctes // base, len(canaux) + 1)
    cles = pd.DataFrame({
        "_cle": np.arange(len(distinctes)),
        "nature": [natures[i - 1] if i > 0 else None for i in n_idx],
        "canal": [_canal_du_delai(canaux[i - 1], canal_delai) if i > 0 else None for i in reste],
        "_annee": distinctes % base - 1,
    })
    r = regles.reset_index(drop=True)
    r = r.assign(canal=[_canal_du_delai(c, canal_delai) for c in r["canal"]], _position=np.arange(len(r)))
    paires = cles.dropna(subset=["nature", "canal"]).merge(r, on=["nature", "canal"], how="inner")
    debut, fin = paires["annee_debut"].astype("Int64"), paires["annee_fin"].astype("Int64")
    dans = (paires["_annee"] >= 0) & (debut.isna() | (paires["_annee"] >= debut).fillna(False)) \
        & (fin.isna() | (paires["_annee"] <= fin).fillna(False))
    choisies = paires[dans.astype(bool)].sort_values(["_cle", "_position"]).drop_duplicates("_cle")
    position_par_cle = np.full(len(distinctes), -1, dtype="int64")
    position_par_cle[choisies["_cle"].to_numpy()] = choisies["_position"].to_numpy()
    return position_par_cle[inverse]


def _reponse_admise(type_reponse: pd.Series, reponses: pd.Series, position: np.ndarray) -> np.ndarray:
    """Whether each answer's type is one its rule accepts (``reponses`` of the rule: "fond,attente"); a missing
    type counts as a substantive answer ("fond"). Decided once per (rule, type) pair, then looked up per row."""
    codes_t, types = pd.factorize(type_reponse)
    noms = [str(t).strip() for t in types] + ["fond"]  # code -1 (missing) → last entry: "fond"
    admis = np.array([[nom in {x.strip() for x in str(rep).split(",")} for nom in noms] for rep in reponses]
                     + [[False] * len(noms)], dtype=bool)  # position -1 (no rule) → last row: never admitted
    return admis[position, codes_t]


def appliquer_regles(journal: pd.DataFrame, regles: pd.DataFrame, canal_delai: Mapping[str, str],
                     subdivision: str | None, fin_periode: dt.date) -> pd.DataFrame:
    """The journal with its délai columns: ``depart, regle, engagement, delai_jours, echeance, jours, etat``.

    - ``depart``: the date de complétude when there is one (incomplete file completed later), else the reception.
    - ``regle, engagement, delai_jours``: the rule applying (``regles`` as ``Referentiel.regles_delai_frame()``);
      NA when none does.
    - ``echeance``: the last day on which an answer is within the délai (``delai_jours`` working days after
      départ).
    - ``jours``: jours ouvrés from départ to the answer (see ``calendrier.CONVENTION_JOURS_OUVRES``); NA while
      pending.
    - ``etat``: ``sans_regle`` without a rule; an answered request (even after the period) is judged on its
      actual answer date: ``dans_le_delai`` iff jours <= delai_jours and its type (``fond``; ``attente`` only
      when the rule accepts it; missing = ``fond``) is one the rule accepts, else ``hors_delai``; a pending
      request is ``hors_delai`` iff jours_ouvres(départ, fin_periode) > delai_jours (its délai has run out by the
      end of the period), else ``en_cours``.
    """
    j = journal.reset_index(drop=True)
    depart = pd.to_datetime(j["date_completude"]).fillna(pd.to_datetime(j["date_reception"]))
    position = _regle_de_chaque_demande(j, regles, canal_delai)
    regle = regles.reset_index(drop=True).reindex(position).set_axis(j.index)  # position -1 → all NA
    delai = regle["jours_ouvres"].astype("Int64")
    jours = jours_ouvres(depart, j["date_reponse"], subdivision)
    repondue = pd.to_datetime(j["date_reponse"]).notna().to_numpy()
    en_attente = ~repondue & (position >= 0)
    ecoule = jours_ouvres(depart[en_attente], pd.Series(pd.Timestamp(fin_periode), index=j.index[en_attente]),
                          subdivision).reindex(j.index)
    dans_delai = (jours <= delai).fillna(False).to_numpy(dtype=bool) \
        & _reponse_admise(j["type_reponse"], regles["reponses"], position)
    code_etat = np.select(  # positions in ETATS
        [position < 0, repondue & dans_delai, repondue, (ecoule > delai).fillna(False).to_numpy(dtype=bool)],
        [3, 0, 1, 1], default=2)
    etat = pd.Series(pd.Categorical.from_codes(code_etat, list(ETATS)), index=j.index).astype("str")
    evalue = j.assign(
        depart=depart, regle=regle["regle"].astype("str"), engagement=regle["engagement"].astype("Int64"),
        delai_jours=delai, echeance=ajouter_jours_ouvres(depart, delai, subdivision), jours=jours, etat=etat,
    )
    return evalue.set_axis(journal.index)


def synthese_delais(journal_evalue: pd.DataFrame, par: Sequence[str] = ()) -> pd.DataFrame:
    """Counts and délais per group of ``par`` (any of canal, nature, service, engagement, regle; empty = one row
    for all): ``recus``, ``repondus``, ``en_attente`` (no date de réponse), ``en_cours`` (pending, délai not run
    out), ``dans_le_delai``, ``hors_delai`` (answered late or pending past délai), ``sans_regle``,
    ``reponses_attente`` (answers that were only "attente"), ``taux_dans_le_delai`` = dans_le_delai /
    (dans_le_delai + hors_delai) × 100 (NA when nobody can be judged), ``delai_moyen`` and ``delai_median`` in
    jours ouvrés over every answered request ("attente" answers included)."""
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
    cles = list(par)
    if cles:
        comptes[cles] = j[cles]
        groupes = comptes.groupby(cles, dropna=False, sort=True)
        sommes = groupes[COLONNES_SYNTHESE[:8]].sum()
        sommes["delai_moyen"] = groupes["_jours"].mean()
        sommes["delai_median"] = groupes["_jours"].median()
        resultat = sommes.reset_index()
    else:
        resultat = comptes[COLONNES_SYNTHESE[:8]].sum().to_frame().T
        resultat["delai_moyen"] = comptes["_jours"].mean() if comptes["_jours"].notna().any() else pd.NA
        resultat["delai_median"] = comptes["_jours"].median() if comptes["_jours"].notna().any() else pd.NA
    juges = resultat["dans_le_delai"] + resultat["hors_delai"]
    resultat["taux_dans_le_delai"] = (100 * resultat["dans_le_delai"] / juges.where(juges > 0)).astype("Float64")
    for c in ("delai_moyen", "delai_median"):
        resultat[c] = pd.to_numeric(resultat[c], errors="coerce").astype("Float64")
    for c in COLONNES_SYNTHESE[:8]:
        resultat[c] = resultat[c].astype("int64")
    return resultat[cles + COLONNES_SYNTHESE].reset_index(drop=True)


__all__ = ["COLONNES_AJOUTEES", "COLONNES_SYNTHESE", "ETATS", "appliquer_regles", "filtrer_periode",
           "synthese_delais"]
