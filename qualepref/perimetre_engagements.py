"""Which engagements of the referential count for a site: those of its modules a sous-préfecture retained (chapter
II: « les sous-préfectures appliquent les engagements qui les concernent », ``qualepref.sites.choisir_engagements``;
all of them by default), minus those it declared « sans objet » (``qualepref.sans_objet``). Results (indicators, engagement statuses and module counts, hence the COPIL
tiles, the bilan and the deck) take their perimeter from here, so that a declaration changes every count at once;
``statut_engagements`` gives each counted engagement its status and each module its counts.
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from qualepref.cibles import GRAVITE, NON_MESURE, SANS_CIBLE
from qualepref.referentiel import Engagement, Referentiel
from qualepref.sans_objet import est_sans_objet
from qualepref.store import Site


def retenus(ref: Referentiel, site: Site) -> list[Engagement]:
    """The engagements of the site's modules that it retained, in the referential's order."""
    return [e for e in ref.engagements if e.module in site.modules and e.numero not in site.engagements_exclus]


def sans_objet(ref: Referentiel, site: Site, declares: Collection[str]) -> list[Engagement]:
    """The retained engagements the site declared sans objet (``declares``: the declarations' ``objet`` keys)."""
    return [e for e in retenus(ref, site) if est_sans_objet(declares, e.numero)]


def comptes(ref: Referentiel, site: Site, declares: Collection[str]) -> list[Engagement]:
    """The retained engagements that count: all but those declared sans objet."""
    return [e for e in retenus(ref, site) if not est_sans_objet(declares, e.numero)]


def statut_engagements(ref: Referentiel, site: Site, annuels: pd.DataFrame, declares: Collection[str] = ()
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each engagement's status (the worst of its indicators') and each module's counts, for the perimeter; the
    engagements declared sans objet are in no status count (``sans_objet``: how many, per module)."""
    retenus_comptes = {e.numero for e in comptes(ref, site, declares)}
    exclus = [e.module for e in sans_objet(ref, site, declares)]
    lignes = []
    par_engagement = annuels.assign(engagement=annuels["engagements"].str.split(", ")).explode("engagement")
    groupes = dict(tuple(par_engagement.groupby("engagement", sort=False)))
    vide = par_engagement.iloc[0:0]
    for module in (m for m in ref.modules if m.numero in site.modules):
        for eng in (e for e in ref.engagements_du_module(module.numero) if e.numero in retenus_comptes):
            siens = groupes.get(str(eng.numero), vide)
            valeurs_statut = [s for s in siens["statut"] if s != SANS_CIBLE] or list(siens["statut"])
            statut = min(valeurs_statut, key=GRAVITE.get) if valeurs_statut else "sans_indicateur"
            lignes.append({"module": module.numero, "engagement": eng.numero, "titre": eng.titre, "statut": statut,
                           "indicateurs": len(siens), "atteints": int((siens["statut"] == "atteint").sum()),
                           "non_mesures": int((siens["statut"] == NON_MESURE).sum())})
    engagements = pd.DataFrame(lignes, columns=["module", "engagement", "titre", "statut", "indicateurs",
                                                "atteints", "non_mesures"])
    modules = pd.DataFrame([
        {"module": m.numero, "titre": m.titre, "nature": m.nature,
         **{s: int((engagements.loc[engagements["module"] == m.numero, "statut"] == s).sum())
            for s in ("atteint", "proche", "non_atteint", "non_mesure", SANS_CIBLE, "sans_indicateur")},
         "engagements": int((engagements["module"] == m.numero).sum()),
         "sans_objet": exclus.count(m.numero)}
        for m in ref.modules if m.numero in site.modules
    ])
    return engagements, modules


def declarations(ref: Referentiel, site: Site, declares: pd.DataFrame) -> list[dict]:
    """The retained engagements declared sans objet (``declares``: objet, raison), with their reason: what the
    results keep apart from every count (``meta["sans_objet"]``)."""
    raisons = dict(zip(declares["objet"], declares["raison"], strict=True))
    return [{"module": e.module, "engagement": e.numero, "titre": e.titre, "raison": raisons[f"engagement:{e.numero}"]}
            for e in sans_objet(ref, site, raisons)]


__all__ = ["comptes", "declarations", "retenus", "sans_objet", "statut_engagements"]
