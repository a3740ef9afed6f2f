"""The evaluated requests counted once per month and cell, then summed for every period and grouping.

``CubePeriodes`` counts the ``Demandes`` of a journal once per month, canal, nature, service, state, "attente"
answer and délai in jours ouvrés: counts add up, so every period of a site-year (judged at ``etat_au``, the day
the journal's content is known) and every grouping is a sum over this cube (``selection`` → ``Comptes`` along
QUANTITES, ``cellules`` → what ``synthese.synthese_ponderee`` sums). Apart from ``demandes`` because it holds no
request, only counts (the cube outlives the requests).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from qualepref.delais.demandes import Demandes, _libelles, _unites
from qualepref.periodes import Periode

_ESPACE_DENSE = 1 << 22  # up to this many possible keys, counting cells is one np.bincount; beyond, a groupby


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


__all__ = ["QUANTITES", "Comptes", "CubePeriodes"]
