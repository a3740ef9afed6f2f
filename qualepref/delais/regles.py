"""The délai rules applied to the rows of a journal of requests (courriers, courriels, réclamations...), vectorised.

``appliquer_regles`` finds the rule of each request (by nature, canal counted as per the referential's
``canal_delai``, and year of reception), counts its délai in jours ouvrés of the site's zone and gives its state,
judged at ``etat_au`` for a request still pending. A request belongs to the period of its reception
(``filtrer_periode``). No Python loop per row: a journal of 500 000 requests costs a few numpy passes.

Apart from the cube (``demandes``, ``cube``) and the counts (``synthese``) because this is the one place where a
rule is chosen for a request and its state decided: ``evaluer_demandes`` chooses its rules with the same
``_choisir_regles`` and ``_table_admission``, so both paths judge a request alike.
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
    """The position in ``regles`` of each request's rule (-1 when none), see ``_choisir_regles``. The rules are
    chosen for the distinct (nature, canal, year) keys of the journal (a few dozen), then each request takes its
    key's rule: no work per row but factorising."""
    codes_n, natures = pd.factorize(journal["nature"])
    codes_c, canaux = pd.factorize(journal["canal"])
    annees = _annees(journal["date_reception"])
    base = int(annees.max(initial=0)) + 2
    cle = ((codes_n.astype("int64") + 1) * (len(canaux) + 1) + (codes_c + 1)) * base + (annees + 1)
    inverse, distinctes = pd.factorize(cle)
    n_idx, reste = np.divmod(distinctes // base, len(canaux) + 1)
    cles = pd.DataFrame({
        "nature": [natures[i - 1] if i > 0 else None for i in n_idx],
        "canal": [canaux[i - 1] if i > 0 else None for i in reste],
        "_annee": distinctes % base - 1,
    })
    return _choisir_regles(cles, regles, canal_delai)[inverse]


def _choisir_regles(cles: pd.DataFrame, regles: pd.DataFrame, canal_delai: Mapping[str, str]) -> np.ndarray:
    """For each row of ``cles`` (``nature`` and ``canal`` as in the journal, None when missing; ``_annee`` of
    reception, -1 when unknown) the position in ``regles`` of its rule, -1 when none: the first rule, in file
    order, for its nature, canal (both mapped through ``canal_delai``) and year within annee_debut..annee_fin
    (NA = open). A few dozen keys against a few dozen rules: plain Python."""
    candidates: dict[tuple, list[tuple[int, int | None, int | None]]] = {}
    for position, (nature, canal, debut, fin) in enumerate(zip(
            regles["nature"], regles["canal"], regles["annee_debut"], regles["annee_fin"], strict=True)):
        bornes = (None if pd.isna(debut) else int(debut), None if pd.isna(fin) else int(fin))
        candidates.setdefault((nature, _canal_du_delai(canal, canal_delai)), []).append((position, *bornes))
    positions = []
    for nature, canal, annee in zip(cles["nature"], cles["canal"], cles["_annee"], strict=True):
        choisie = -1
        if not pd.isna(nature) and not pd.isna(canal) and annee >= 0:
            for position, debut, fin in candidates.get((nature, _canal_du_delai(canal, canal_delai)), ()):
                if (debut is None or annee >= debut) and (fin is None or annee <= fin):
                    choisie = position
                    break
        positions.append(choisie)
    return np.array(positions, dtype="int64")


def _reponse_admise(type_reponse: pd.Series, reponses: pd.Series, position: np.ndarray) -> np.ndarray:
    """Whether each answer's type is one its rule accepts (``reponses`` of the rule: "fond,attente"); a missing
    type counts as a substantive answer ("fond"). Decided once per (rule, type) pair, then looked up per row."""
    codes_t, types = pd.factorize(type_reponse)
    return _table_admission(types, reponses)[position, codes_t]


def _table_admission(types: Sequence[object], reponses: pd.Series) -> np.ndarray:
    """Whether rule r (row; the last row, position -1, is "no rule": never) accepts answer type t (column; the
    last column, code -1, is a missing type: "fond")."""
    noms = [str(t).strip() for t in types] + ["fond"]
    return np.array([[nom in {x.strip() for x in str(rep).split(",")} for nom in noms] for rep in reponses]
                    + [[False] * len(noms)], dtype=bool)


def appliquer_regles(journal: pd.DataFrame, regles: pd.DataFrame, canal_delai: Mapping[str, str],
                     subdivision: str | None, etat_au: dt.date) -> pd.DataFrame:
    """The journal with its délai columns: ``depart, regle, engagement, delai_jours, echeance, jours, etat``.

    - ``depart``: the date de complétude when there is one and the rule restarts its clock on it
      (``depart_completude``: 17.1, 17.2), else the reception (3, 36: from reception, complétude or not).
    - ``regle, engagement, delai_jours``: the rule applying (``regles`` as ``Referentiel.regles_delai_frame()``);
      NA when none does.
    - ``echeance``: the last day on which an answer is within the délai (``delai_jours`` working days after
      départ).
    - ``jours``: jours ouvrés from départ to the answer (see ``calendrier.CONVENTION_JOURS_OUVRES``); NA while
      pending.
    - ``etat``: ``sans_regle`` without a rule; an answered request (even after the period) is judged on its
      actual answer date: ``dans_le_delai`` iff jours <= delai_jours and its type (``fond``; ``attente`` only
      when the rule accepts it; missing = ``fond``) is one the rule accepts, else ``hors_delai``; a pending
      request is ``hors_delai`` iff jours_ouvres(départ, etat_au) > delai_jours (its délai has run out by the
      day the journal's content is known: the site's latest journal import), else ``en_cours``.
    """
    j = journal.reset_index(drop=True)
    position = _regle_de_chaque_demande(j, regles, canal_delai)
    regle = regles.reset_index(drop=True).reindex(position).set_axis(j.index)  # position -1 → all NA
    sur_completude = regle["depart_completude"].eq(True) if "depart_completude" in regle else False
    completude = pd.to_datetime(j["date_completude"]).where(sur_completude)
    depart = completude.fillna(pd.to_datetime(j["date_reception"]))
    delai = regle["jours_ouvres"].astype("Int64")
    jours = jours_ouvres(depart, j["date_reponse"], subdivision)
    repondue = pd.to_datetime(j["date_reponse"]).notna().to_numpy()
    en_attente = ~repondue & (position >= 0)
    ecoule = jours_ouvres(depart[en_attente], pd.Series(pd.Timestamp(etat_au), index=j.index[en_attente]),
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


__all__ = ["COLONNES_AJOUTEES", "ETATS", "appliquer_regles", "filtrer_periode"]
