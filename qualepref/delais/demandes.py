"""The requests of a journal evaluated once, whatever the date they are judged at (``Demandes``).

``appliquer_regles`` judges a journal at one date. The results of a site-year judge the same requests at the end
of 34 periods; only the pending requests change state from one period to the next, and a pending request is late
at a date iff jours_ouvres(départ, date) > délai iff date >= its ``limite``, the (délai + 1)-th working day after
départ. So ``evaluer_demandes`` evaluates every request once (rule, délai, jours, state, limite) as small integer
codes, which ``cube.CubePeriodes`` counts for every period and grouping; ``Demandes.etats_au`` gives the state
of each request at one date (``état au``). Apart from the cube because it is the per-request step (one entry per
request, with the text columns coded), the cube the per-cell one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from qualepref.calendrier import decaler_jours_ouvres, en_jours, jours_ouvres_cumules
from qualepref.delais.regles import _choisir_regles, _table_admission


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


__all__ = ["Demandes", "evaluer_demandes"]
