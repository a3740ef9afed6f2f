"""Correspondences between two referentials, by content: what each engagement and indicator takes over (``reprend``).

A version says which engagements and indicators of another referential (``correspond_a``) each of its own takes
over; an indicator of the same code in both corresponds to itself. From that, for any two referentials:
``correspondance(de, vers)`` maps engagements and indicator codes of ``de`` to those of ``vers`` (either side may
carry the ``reprend``; two referentials that both take over a third correspond through it). History, previous-year
values and progressions carry across through ``indicateurs`` (``valeurs_reprises``); switching a site to another
referential proposes its modules through ``engagements`` (``modules_correspondants``) and lists what has no match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from qualepref.referentiel import Referentiel


@dataclass(frozen=True)
class Correspondance:
    """From ``de`` to ``vers``: each engagement number and indicator code of ``de`` → those of ``vers``."""

    de: str
    vers: str
    engagements: Mapping[int, tuple[int, ...]]
    indicateurs: Mapping[str, tuple[str, ...]]


def _ajouter(table: dict, cle: object, valeur: object) -> None:
    valeurs = table.setdefault(cle, [])
    if valeur not in valeurs:
        valeurs.append(valeur)


def _directe(de: Referentiel, vers: Referentiel) -> Correspondance | None:
    """When one of the two cites the other (``correspond_a``); None otherwise."""
    engagements: dict[int, list[int]] = {}
    indicateurs: dict[str, list[str]] = {}
    if vers.correspond_a == de.code:  # vers takes over de's entries
        for e in vers.engagements:
            for n in e.reprend:
                _ajouter(engagements, n, e.numero)
        codes_de = {i.code for i in de.indicateurs}
        for i in vers.indicateurs:
            for ancien in (i.reprend, i.code):
                if ancien in codes_de:
                    _ajouter(indicateurs, ancien, i.code)
    elif de.correspond_a == vers.code:  # de took over vers's entries: the same links, read backwards
        for e in de.engagements:
            for n in e.reprend:
                _ajouter(engagements, e.numero, n)
        codes_vers = {i.code for i in vers.indicateurs}
        for i in de.indicateurs:
            for nouveau in (i.reprend, i.code):
                if nouveau in codes_vers:
                    _ajouter(indicateurs, i.code, nouveau)
    else:
        return None
    return Correspondance(de.code, vers.code, {k: tuple(v) for k, v in engagements.items()},
                          {k: tuple(v) for k, v in indicateurs.items()})


def _composer(premiere: Correspondance, seconde: Correspondance) -> Correspondance:
    """``premiere`` then ``seconde`` (de → tiers → vers)."""
    engagements = {k: tuple(dict.fromkeys(m for n in v for m in seconde.engagements.get(n, ())))
                   for k, v in premiere.engagements.items()}
    indicateurs = {k: tuple(dict.fromkeys(m for n in v for m in seconde.indicateurs.get(n, ())))
                   for k, v in premiere.indicateurs.items()}
    return Correspondance(premiere.de, seconde.vers, {k: v for k, v in engagements.items() if v},
                          {k: v for k, v in indicateurs.items() if v})


def correspondance(de: Referentiel, vers: Referentiel, tiers: Iterable[Referentiel] = ()) -> Correspondance:
    """What of ``de`` corresponds to what of ``vers``: directly, else through a referential of ``tiers`` both
    correspond to; else only the indicators of the same code."""
    if de.code == vers.code:
        return Correspondance(de.code, vers.code, {e.numero: (e.numero,) for e in de.engagements
                                                   if e.numero in {x.numero for x in vers.engagements}},
                              {i.code: (i.code,) for i in de.indicateurs if i.code in {x.code for x in
                                                                                        vers.indicateurs}})
    directe = _directe(de, vers)
    if directe is not None:
        return directe
    for t in tiers:
        aller, retour = _directe(de, t), _directe(t, vers)
        if aller is not None and retour is not None and t.code not in (de.code, vers.code):
            return _composer(aller, retour)
    codes = {i.code for i in vers.indicateurs}
    return Correspondance(de.code, vers.code, {}, {i.code: (i.code,) for i in de.indicateurs if i.code in codes})


def codes_repris(vers: Referentiel, autres: Iterable[Referentiel]) -> dict[str, str]:
    """Indicator code of another referential → the code of ``vers`` that takes it over (the first one), for the
    codes ``vers`` does not have itself: stored values under the old code count for the new one."""
    autres = [a for a in autres if a.code != vers.code]
    propres = {i.code for i in vers.indicateurs}
    repris: dict[str, str] = {}
    for autre in autres:
        for ancien, nouveaux in correspondance(autre, vers, autres).indicateurs.items():
            if ancien not in propres and nouveaux:
                repris.setdefault(ancien, nouveaux[0])
    return repris


def valeurs_reprises(valeurs: pd.DataFrame, repris: Mapping[str, str]) -> pd.DataFrame:
    """Imported values with the codes of another referential renamed to those that take them over; where an own
    value exists for the same indicator and period, the taken-over one is left out (and of several taken-over
    ones, the first)."""
    if valeurs.empty or not repris or "indicateur" not in valeurs:
        return valeurs
    anciens = valeurs["indicateur"].isin(list(repris))
    if not anciens.any():
        return valeurs
    propres = valeurs[~anciens]
    renommees = valeurs[anciens].assign(indicateur=valeurs.loc[anciens, "indicateur"].map(repris))
    deja = pd.MultiIndex.from_frame(propres[["indicateur", "periode"]].astype(str))
    cles = pd.MultiIndex.from_frame(renommees[["indicateur", "periode"]].astype(str))
    renommees = renommees[~cles.isin(deja)]
    renommees = renommees[~renommees[["indicateur", "periode"]].astype(str).duplicated()]
    return pd.concat([propres, renommees], ignore_index=True)


@dataclass(frozen=True)
class Passage:
    """Switching a site from one referential to another: the modules proposed and what has no match."""

    modules: tuple[int, ...]
    sans_correspondance: tuple[str, ...]


def modules_correspondants(de: Referentiel, vers: Referentiel, modules: Iterable[int],
                           tiers: Iterable[Referentiel] = ()) -> Passage:
    """The modules of ``vers`` whose engagements take over those of the site's ``modules`` in ``de``, and, in
    French, each retained module (or its engagements) of ``de`` with no match in ``vers``."""
    lien = correspondance(de, vers, tiers)
    module_de = {e.numero: e.module for e in vers.engagements}
    proposes: list[int] = []
    manques: list[str] = []
    for n in sorted(set(modules)):
        if n not in {m.numero for m in de.modules}:
            continue
        engagements = de.engagements_du_module(n)
        trouves = [e for e in engagements if lien.engagements.get(e.numero)]
        for e in trouves:
            for cible in lien.engagements[e.numero]:
                if module_de.get(cible) is not None and module_de[cible] not in proposes:
                    proposes.append(module_de[cible])
        if not trouves:
            manques.append(f"Module {n} « {de.module(n).titre} » : aucun engagement repris dans « {vers.titre} ».")
        elif len(trouves) < len(engagements):
            sans = [str(e.numero) for e in engagements if e not in trouves]
            pluriel = "s" if len(sans) > 1 else ""
            manques.append(f"Module {n} « {de.module(n).titre} » : engagement{pluriel} {', '.join(sans)} sans "
                           f"correspondance dans « {vers.titre} ».")
    return Passage(tuple(sorted(proposes)), tuple(manques))
