"""Délai rules applied to the journal of requests (courriers, courriels, réclamations...), vectorised.

``appliquer_regles`` finds the rule of each request (by nature, canal counted as per the referential's
``canal_delai``, and year of reception), counts its délai in jours ouvrés of the site's zone and gives its state;
``synthese_delais`` counts and rates those states per group. A request belongs to the period of its reception
(``filtrer_periode``). No Python loop per row: a journal of 500 000 requests costs a few numpy passes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from qualepref.calendrier import (ajouter_jours_ouvres, decaler_jours_ouvres, en_jours, jours_ouvres,
                                  jours_ouvres_cumules)
from qualepref.periodes import Periode, parse_periode

ETATS = ("dans_le_delai", "hors_delai", "en_cours", "sans_regle")
COLONNES_AJOUTEES = ["depart", "regle", "engagement", "delai_jours", "echeance", "jours", "etat"]
COLONNES_SYNTHESE = ["recus", "repondus", "en_attente", "en_cours", "dans_le_delai", "hors_delai", "sans_regle",
                     "reponses_attente", "taux_dans_le_delai", "delai_moyen", "delai_median", "delai_moyen_fond"]


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


# --- the journal evaluated once, for many periods ------------------------------------------------------------------
#
# ``appliquer_regles`` judges a journal at one date. The results of a site-year judge the same requests at the end
# of 34 periods; only the pending requests change state from one period to the next, and a pending request is late
# at a date iff jours_ouvres(départ, date) > délai iff date >= its ``limite``, the (délai + 1)-th working day after
# départ. So ``evaluer_demandes`` evaluates every request once (rule, délai, jours, state, limite) as small integer
# codes, and every period and grouping is counted from one compact cube of those codes (``CubePeriodes``: counts
# add up; the délai moyen and médian of ``synthese_ponderee`` come from the counts of each délai).

_ESPACE_DENSE = 1 << 22  # up to this many possible keys, counting cells is one np.bincount; beyond, a groupby


def _coder(serie: pd.Series | None, lignes: np.ndarray | None, n: int) -> tuple[np.ndarray, pd.Index]:
    """Codes of a text column in the sorted order of ``groupby`` (the code ``len(valeurs)``, sorted last, for a
    missing value) and the values; ``lignes`` picks rows (None: all)."""
    if serie is None:
        return np.zeros(n, dtype="int32"), pd.Index([], dtype="object")
    codes, valeurs = _factoriser(serie)
    if lignes is not None:
        codes = codes[lignes]
    return codes, valeurs


_ECHANTILLON = 4096


def _factoriser(serie: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """``pd.factorize(serie, sort=True)`` with the code ``len(valeurs)`` for a missing value. A journal's text
    columns hold a handful of values: for Arrow-backed text, the values of the first rows are looked up in the
    whole column (``pyarrow.compute.index_in``, cheaper than encoding it) and used when they cover every row."""
    if isinstance(serie.dtype, pd.StringDtype) and serie.dtype.storage == "pyarrow" and len(serie):
        tableau = serie.array.__arrow_array__()
        vus = sorted(v for v in pc.unique(tableau.slice(0, _ECHANTILLON)).to_pylist() if v is not None)
        positions = pc.index_in(tableau, value_set=pa.array(vus, type=tableau.type))
        if positions.null_count == tableau.null_count:
            if positions.null_count:
                positions = positions.fill_null(len(vus))
            return positions.to_numpy().astype("int32", copy=False), pd.Index(vus, dtype=serie.dtype)
    codes, valeurs = pd.factorize(serie, sort=True)
    return np.where(codes < 0, len(valeurs), codes).astype("int32"), valeurs


def _unites(jours: np.ndarray, unite: str) -> np.ndarray:
    """The year (``unite`` "Y") or month ("M") of each day of a ``datetime64[D]`` array without NaT, as int32
    (since 1970): a lookup in a table of the days spanned (numpy's own conversion is ten times slower)."""
    x = jours.view("int64")
    if len(x) == 0:
        return np.zeros(0, dtype="int32")
    bas, haut = int(x.min()), int(x.max())
    if haut - bas > 100_000:
        return jours.astype(f"datetime64[{unite}]").astype("int32")
    table = np.arange(bas, haut + 1).astype("datetime64[D]").astype(f"datetime64[{unite}]").astype("int32")
    return table[x - bas]


def _libelles(valeurs: pd.Index, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """The values of ``codes`` (``_coder``), NA for a missing value, with the dtype of the journal's column."""
    return valeurs.array.take(np.where(codes >= len(valeurs), -1, codes), allow_fill=True)


@dataclass(frozen=True)
class Demandes:
    """The requests of a journal received from ``debut`` to ``fin``, evaluated once whatever the date they are
    judged at (``evaluer_demandes``), one entry per request in each array.

    - ``canal``, ``nature``, ``service``: codes into ``canaux``, ``natures``, ``services`` (sorted as ``groupby``
      sorts them; the code ``len(...)`` is a missing value, sorted last).
    - ``position``: the rule's row in ``regles`` (-1: none); ``repondue``; ``attente`` (answered, type
      "attente"); ``jours`` from départ to the answer (0 while pending). ``regle_par_cle[nature, canal, année -
      premiere_annee]``: the rule's position of each key.
    - ``etat``: position in ETATS; ``en_cours`` here means pending with a rule, whose state depends on the date
      it is judged at (``etats_au``): late from ``limite`` on (NaT for the other requests).
    """

    debut: dt.date | None
    fin: dt.date | None
    reception: np.ndarray
    canal: np.ndarray
    canaux: pd.Index
    nature: np.ndarray
    natures: pd.Index
    service: np.ndarray
    services: pd.Index
    position: np.ndarray
    regles: pd.DataFrame
    regle_par_cle: np.ndarray
    premiere_annee: int
    repondue: np.ndarray
    attente: np.ndarray
    jours: np.ndarray
    etat: np.ndarray
    limite: np.ndarray

    def __len__(self) -> int:
        return len(self.etat)

    def etats_au(self, date: dt.date) -> np.ndarray:
        """Each request's state (position in ETATS) judged at ``date``: a pending request with a rule is
        ``hors_delai`` iff ``date`` >= its ``limite``, else ``en_cours``."""
        en_retard = (self.etat == 2) & (self.limite <= np.datetime64(date, "D"))
        return np.where(en_retard, 1, self.etat).astype("int8")


def evaluer_demandes(journal: pd.DataFrame, regles: pd.DataFrame, canal_delai: Mapping[str, str],
                     subdivision: str | None, debut: dt.date | None = None,
                     fin: dt.date | None = None) -> Demandes:
    """The requests of ``journal`` received from ``debut`` to ``fin`` (both included; None: no bound) evaluated
    as ``appliquer_regles`` does, once for any date they are judged at (see ``Demandes``): a few numpy passes,
    one lookup of each text column's values, the délais from a running count of working days
    (``calendrier.jours_ouvres_cumules``) and one ``busday_offset`` over the pending requests."""
    reception = en_jours(journal["date_reception"])
    lignes = _lignes_entre(reception, debut, fin)

    def prendre(tableau: np.ndarray) -> np.ndarray:
        return tableau if lignes is None else tableau[lignes]

    reception = prendre(reception)
    n = len(reception)
    completude, reponse = prendre(en_jours(journal["date_completude"])), prendre(en_jours(journal["date_reponse"]))
    canal, canaux = _coder(journal["canal"], lignes, n)
    nature, natures = _coder(journal["nature"], lignes, n)
    service, services = _coder(journal.get("service"), lignes, n)
    codes_t, types = _coder(journal["type_reponse"], lignes, n)  # the last code: a missing type
    regles = regles.reset_index(drop=True)

    # The rule of each (nature, canal, year) key, then of each request by lookup.
    annees = _unites(reception, "Y") + 1970
    premiere = int(annees.min()) if n else 0
    nombre_annees = int(annees.max()) - premiere + 1 if n else 1
    grille = np.stack(np.meshgrid(np.arange(len(natures)), np.arange(len(canaux)), np.arange(nombre_annees),
                                  indexing="ij"), axis=-1).reshape(-1, 3)
    cles = pd.DataFrame({"nature": [natures[i] for i in grille[:, 0]], "canal": [canaux[i] for i in grille[:, 1]],
                         "_annee": grille[:, 2] + premiere})
    table = np.full((len(natures) + 1, len(canaux) + 1, nombre_annees), -1, dtype="int64")
    table[:-1, :-1, :] = _choisir_regles(cles, regles, canal_delai).reshape(len(natures), len(canaux),
                                                                            nombre_annees)
    position = table.reshape(-1)[(nature * (len(canaux) + 1) + canal) * nombre_annees + (annees - premiere)]

    avec_regle = position >= 0
    # the complétude restarts the clock only under a rule that says so (17.1, 17.2)
    par_regle = regles["depart_completude"].to_numpy(dtype=bool) if "depart_completude" in regles \
        else np.zeros(len(regles), dtype=bool)
    sur_completude = np.append(par_regle, False)[position] \
        & ~np.isnat(completude)
    depart = np.where(sur_completude, completude, reception) if sur_completude.any() else reception
    delai = np.append(regles["jours_ouvres"].to_numpy(dtype="int64"), -1)[position]
    repondue = ~np.isnat(reponse)
    jours = jours_ouvres_cumules(depart, np.where(repondue, reponse, depart), subdivision)
    admise = _table_admission(types, regles["reponses"]).reshape(-1)[position * (len(types) + 1) + codes_t]
    code_attente = [i for i, t in enumerate(types) if str(t) == "attente"]
    attente = repondue & (codes_t == code_attente[0]) if code_attente else np.zeros(n, dtype=bool)
    dans_delai = repondue & (jours <= delai) & admise
    # answered within délai 0, answered late 1, pending 2 (bools as 0/1 bytes); no rule 3
    etat = 2 - repondue.view("int8") - dans_delai.view("int8")
    np.putmask(etat, ~avec_regle, 3)
    limite = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    en_attente = np.flatnonzero(etat == 2)
    limite[en_attente] = decaler_jours_ouvres(depart[en_attente], delai[en_attente] + 1, subdivision)
    return Demandes(debut=debut, fin=fin, reception=reception, canal=canal, canaux=canaux, nature=nature,
                    natures=natures, service=service, services=services, position=position, regles=regles,
                    regle_par_cle=table, premiere_annee=premiere,
                    repondue=repondue, attente=attente, jours=jours, etat=etat, limite=limite)


def _lignes_entre(jours: np.ndarray, debut: dt.date | None, fin: dt.date | None) -> np.ndarray | None:
    """The positions of the days (``datetime64[D]``) from ``debut`` to ``fin`` (None: no bound), NaT left out;
    None when that is every day."""
    manquants = np.isnat(jours)
    if not manquants.any() and len(jours):
        if (debut is None or jours.min() >= np.datetime64(debut, "D")) \
                and (fin is None or jours.max() <= np.datetime64(fin, "D")):
            return None
    garder = ~manquants
    if debut is not None:
        garder &= jours >= np.datetime64(debut, "D")
    if fin is not None:
        garder &= jours <= np.datetime64(fin, "D")
    return None if garder.all() else np.flatnonzero(garder)


def _reduire(codes: Sequence[np.ndarray], tailles: Sequence[int],
             sommes: Sequence[np.ndarray] = ()) -> tuple[list[np.ndarray], np.ndarray, list[np.ndarray]]:
    """The distinct combinations of several code arrays (code k of dimension d in 0..tailles[d] - 1): the codes
    of each combination, how many rows hold it and the sums of ``sommes`` over them (int64)."""
    espace = math.prod(tailles)
    if espace <= _ESPACE_DENSE:
        cle = np.zeros(len(codes[0]) if codes else 0, dtype="int32")  # in place and on 32 bits: 8 times faster
        for c, t in zip(codes, tailles, strict=True):
            cle *= t
            cle += c
        nombres = np.bincount(cle, minlength=espace)
        presentes = np.flatnonzero(nombres > 0)
        totaux = [np.rint(np.bincount(cle, weights=s, minlength=espace)[presentes]).astype("int64") for s in sommes]
        decodes, reste = [], presentes
        for t in reversed(tailles):
            reste, c = np.divmod(reste, t)
            decodes.append(c)
        return decodes[::-1], nombres[presentes], totaux
    cadre = pd.DataFrame({f"c{i}": c for i, c in enumerate(codes)})
    cadre["_n"] = 1
    for i, s in enumerate(sommes):
        cadre[f"s{i}"] = s
    groupes = cadre.groupby([f"c{i}" for i in range(len(codes))], sort=True).sum().reset_index()
    return ([groupes[f"c{i}"].to_numpy(dtype="int64") for i in range(len(codes))], groupes["_n"].to_numpy("int64"),
            [groupes[f"s{i}"].to_numpy("int64") for i in range(len(sommes))])


QUANTITES = ("recus", "repondus", "en_cours", "dans_le_delai", "hors_delai", "sans_regle", "jours_total",
             "repondus_fond", "jours_fond")


@dataclass(frozen=True)
class Comptes:
    """Counts of ``CubePeriodes.selection`` per period (first axis, in the order given): for all requests
    together (``total``), per canal and per service (second axis: codes of ``Demandes.canaux`` / ``services``);
    the last axis follows QUANTITES (``jours_total``: the sum of the délais of the answered requests;
    ``repondus_fond``, ``jours_fond``: the same for the answers on the substance, "fond" or type not given)."""

    total: np.ndarray
    canal: np.ndarray
    service: np.ndarray


# The state of a request in the cube: answered within délai (0, 1: "attente"), late (2, 3), without rule (4, 5);
# pending without rule (6); pending with a rule (7 + level: late at the judging dates of its month from the
# level-th on, see CubePeriodes).
_ETAT_DU_CODE = np.array([0, 0, 1, 1, 3, 3, 3], dtype="int8")  # position in ETATS of the codes below 7
_PREMIER_CODE_EN_ATTENTE = 7


class CubePeriodes:
    """The requests of ``Demandes`` counted once per month, canal, nature, service, state, "attente" answer and
    délai in jours ouvrés; every period of ``periodes`` (whole months) and grouping is then a sum over this cube
    (``selection``, ``cellules``). The pending requests of every period are judged at ``etat_au`` when given (the
    day the journal's content is known, the site's latest journal import: late once their délai has run out by
    then, whatever the period), else at ``min(end, aujourd_hui)`` of each period.

    A pending request with a rule is kept with its level: how many of the judging dates of the periods holding
    its month fall before its ``limite``; it is late for such a period iff the rank of the period's date among
    those dates (from 0) is at least its level. Only months inside some period are counted."""

    def __init__(self, demandes: Demandes, periodes: Sequence[Periode], aujourd_hui: dt.date | None = None,
                 etat_au: dt.date | None = None) -> None:
        d = demandes
        for p in periodes:
            if p.debut.day != 1 or (p.fin + dt.timedelta(days=1)).day != 1:
                raise ValueError(f"Période « {p.code} » : des mois entiers sont attendus.")
        self.codes = [p.code for p in periodes]
        # what the counts are read with (not the requests themselves: the cube outlives them)
        self.canaux, self.natures, self.services, self.regles = d.canaux, d.natures, d.services, d.regles
        self._regle_par_cle, self._premiere_annee = d.regle_par_cle, d.premiere_annee
        self.aujourd_hui, self.etat_au = aujourd_hui, etat_au
        mois_debut = np.array([np.datetime64(p.debut, "M") for p in periodes], dtype="datetime64[M]").astype("int64")
        mois_fin = np.array([np.datetime64(p.fin, "M") for p in periodes], dtype="datetime64[M]").astype("int64")
        jugements = np.array([etat_au if etat_au is not None else p.fin if aujourd_hui is None
                              else min(p.fin, aujourd_hui) for p in periodes], dtype="datetime64[D]").astype("int64")
        self._premier = premier = int(mois_debut.min()) if periodes else 0
        nombre_mois = max(int(mois_fin.max(initial=-1)) - premier + 1, 0)
        mois = np.arange(nombre_mois)
        self._membre = (mois[:, None] >= mois_debut - premier) & (mois[:, None] <= mois_fin - premier)  # (M, P)
        # per month, the sorted judging dates of its periods; a period's rank among them
        dates = [np.unique(jugements[self._membre[m]]) for m in mois]
        niveaux = max((len(x) for x in dates), default=0)
        grille = np.full((nombre_mois, niveaux), np.iinfo("int64").max, dtype="int64")
        self._rang = np.full((nombre_mois, len(periodes)), -1, dtype="int64")
        for m, x in enumerate(dates):
            grille[m, :len(x)] = x
            membres = np.flatnonzero(self._membre[m])
            self._rang[m, membres] = np.searchsorted(x, jugements[membres])

        m = _unites(d.reception, "M") - premier
        dedans = (m >= 0) & (m < nombre_mois)
        if nombre_mois:
            dedans &= self._membre.any(axis=1)[np.clip(m, 0, nombre_mois - 1)]
        code = np.array([0, 2, _PREMIER_CODE_EN_ATTENTE, 4], dtype="int8")[d.etat] + d.attente.view("int8")
        code += 2 * ((d.etat == 3) & ~d.repondue).view("int8")
        en_attente = np.flatnonzero((d.etat == 2) & dedans)
        limites = d.limite[en_attente].astype("int64")
        code[en_attente] += (grille[m[en_attente]] < limites[:, None]).sum(axis=1).astype("int8")
        repondus = d.jours[d.repondue]
        self._bas = bas = int(repondus.min()) if len(repondus) else 0
        ecart = int(repondus.max()) - bas + 1 if len(repondus) else 1
        jours = (d.jours - bas).astype("int32")
        jours[~d.repondue] = 0
        colonnes = [m, d.canal, d.nature, d.service, code, jours]
        if not dedans.all():
            colonnes = [c[dedans] for c in colonnes]
        self._tailles = [max(nombre_mois, 1), len(d.canaux) + 1, len(d.natures) + 1, len(d.services) + 1,
                         _PREMIER_CODE_EN_ATTENTE + niveaux + 1, ecart]
        self._cellules, self._nombres, _ = _reduire(colonnes, self._tailles)
        self._comptes: tuple | None = None

    def _par_periode(self) -> tuple:
        """Each cell (attente and délai summed over) once per period holding its month, with its QUANTITES."""
        if self._comptes is None:
            m, c, n, s, code, jours = self._cellules
            repondue = code < 6
            fond = repondue & (code % 2 == 0)  # answered, type "fond" or not given
            # answered: 0 within délai, 1 late, 2 without rule; 3 pending without rule; 4 + level pending
            etat = np.where(code < 6, code // 2, code - 3)
            duree = self._nombres * np.where(repondue, jours + self._bas, 0)
            (m, c, n, s, etat), _, (nombres, somme_jours, nombre_fond, somme_fond) = _reduire(
                [m, c, n, s, etat], [*self._tailles[:4], self._tailles[4] - 3],
                [self._nombres, duree, self._nombres * fond, duree * fond])
            cellule, periode = np.nonzero(self._membre[m])
            etat, w = etat[cellule], nombres[cellule]
            en_retard = (etat >= 4) & (self._rang[m[cellule], periode] >= etat - 4)
            valeurs = np.stack([
                w, w * (etat <= 2), w * ((etat >= 4) & ~en_retard), w * (etat == 0), w * ((etat == 1) | en_retard),
                w * ((etat == 2) | (etat == 3)), somme_jours[cellule], nombre_fond[cellule], somme_fond[cellule],
            ], axis=1)
            self._comptes = (periode, n[cellule], c[cellule], s[cellule], valeurs)
        return self._comptes

    def selection(self, natures: Sequence[str], canaux: Sequence[str]) -> Comptes:
        """The counts of the requests of ``natures`` received by ``canaux`` (codes as in the journal) per period,
        for all of them and per canal and service (see ``Comptes``)."""
        periode, n, c, s, valeurs = self._par_periode()
        nature_ok = np.array([v in set(natures) for v in self.natures] + [False])
        canal_ok = np.array([v in set(canaux) for v in self.canaux] + [False])
        garder = nature_ok[n] & canal_ok[c]
        periode, valeurs = periode[garder], valeurs[garder]
        nombre = len(self.codes)

        def sommer(groupe: np.ndarray, taille: int) -> np.ndarray:
            cible = periode * taille + groupe[garder]
            colonnes = [np.bincount(cible, weights=valeurs[:, q], minlength=nombre * taille)
                        for q in range(len(QUANTITES))]
            return np.rint(np.stack(colonnes, axis=1)).astype("int64").reshape(nombre, taille, len(QUANTITES))

        par_canal = sommer(c, self._tailles[1])
        return Comptes(total=par_canal.sum(axis=1), canal=par_canal, service=sommer(s, self._tailles[3]))

    def cellules(self, periode: str, par: Sequence[str] = ()) -> pd.DataFrame:
        """The requests of ``periode`` (one of the cube's) judged at its date, as distinct cells: one row per
        combination of ``par`` (any of canal, nature, service, engagement, regle), ``etat`` (position in ETATS),
        ``repondue``, ``attente`` and ``jours`` (0 while pending), with the ``nombre`` of requests in it: what
        ``synthese_ponderee`` sums."""
        inconnues = [c for c in par if c not in _DIMENSIONS]
        if inconnues:
            raise ValueError(f"Regroupement inconnu : {', '.join(inconnues)}.")
        k = self.codes.index(periode)
        m, c, n, s, code, jours = self._cellules
        garder = self._membre[m, k]
        m, c, n, s, code, jours, nombres = (x[garder] for x in (m, c, n, s, code, jours, self._nombres))
        etat = np.where(code < _PREMIER_CODE_EN_ATTENTE, _ETAT_DU_CODE[np.minimum(code, 6)],
                        np.where(self._rang[m, k] >= code - _PREMIER_CODE_EN_ATTENTE, 1, 2))
        repondue, attente = code < 6, (code < 6) & (code % 2 == 1)
        codes, tailles = [], []
        for nom, valeurs, taille in (("canal", c, self._tailles[1]), ("nature", n, self._tailles[2]),
                                     ("service", s, self._tailles[3])):
            if nom in par:
                codes.append(valeurs), tailles.append(taille)
        par_regle = "engagement" in par or "regle" in par
        if par_regle:
            table = self._regle_par_cle
            annees = (m + self._premier) // 12 + 1970 - self._premiere_annee
            dans_table = (annees >= 0) & (annees < table.shape[2])
            position = np.where(dans_table, table[n, c, np.clip(annees, 0, table.shape[2] - 1)],
                                -1)
            presentes = np.zeros(len(self.regles) + 1, dtype=bool)  # the few rules present, renumbered
            presentes[position + 1] = True
            codes.append((np.cumsum(presentes) - 1)[position + 1]), tailles.append(int(presentes.sum()))
        codes += [etat, repondue, attente, jours]
        tailles += [4, 2, 2, self._tailles[5]]
        decodes, _, (nombres,) = _reduire(codes, tailles, [nombres])
        cadre, i = {}, 0
        for nom, valeurs in (("canal", self.canaux), ("nature", self.natures), ("service", self.services)):
            if nom in par:
                cadre[nom] = _libelles(valeurs, decodes[i])
                i += 1
        if par_regle:
            regle = self.regles.reindex(np.flatnonzero(presentes)[decodes[i]] - 1)
            cadre["engagement"] = regle["engagement"].astype("Int64").array
            cadre["regle"] = regle["regle"].astype("str").array
            i += 1
        etat, repondue, attente, jours = decodes[i:]
        cadre = pd.DataFrame(cadre)[list(par)] if par else pd.DataFrame(index=range(len(nombres)))
        return cadre.assign(etat=etat.astype("int8"), repondue=repondue.astype(bool), attente=attente.astype(bool),
                            jours=np.where(repondue == 1, jours + self._bas, 0), nombre=nombres)


_DIMENSIONS = ("canal", "nature", "service", "engagement", "regle")


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


__all__ = ["COLONNES_AJOUTEES", "COLONNES_SYNTHESE", "ETATS", "QUANTITES", "Comptes", "CubePeriodes", "Demandes",
           "appliquer_regles", "evaluer_demandes", "filtrer_periode", "synthese_delais", "synthese_ponderee"]
