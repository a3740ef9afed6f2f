"""The délais the referential leaves to the site (« fixé localement » : 38.3, 52.2): which engagements have one,
checking a délai the référent sets, and the table the Sites page and ``python -m qualepref delai-local`` show (the
referential's default named « délai par défaut, à remplacer » wherever it still applies)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from qualepref.etapes import DEFAUT
from qualepref.referentiel import Referentiel
from qualepref.store import Site
from qualepref.store.delais_locaux import delete_delai_local, load_delais_locaux, save_delai_local

JOURS_MAX = 365


class DelaiLocalInvalide(ValueError):
    """A local délai refused: the French message says why."""


def engagements_a_delai_local(ref: Referentiel, site: Site) -> dict[int, int]:
    """Engagement → the referential's default délai in jours ouvrés, for the rules ``delai_local`` of the
    engagements of the site's modules (38: 30, 52: 30)."""
    modules = {e.numero: e.module for e in ref.engagements}
    return {r.engagement: r.jours_ouvres for r in ref.delais
            if r.delai_local and modules.get(r.engagement) in site.modules}


def problemes(ref: Referentiel, site: Site, engagement: int, jours: object) -> list[str]:
    """Every reason, in French, why this local délai cannot be set ([] when it can)."""
    possibles = engagements_a_delai_local(ref, site)
    messages = []
    if engagement not in possibles:
        liste = ", ".join(str(e) for e in sorted(possibles)) or "aucun dans le périmètre du site"
        messages.append(f"L'engagement {engagement} n'a pas de délai fixé localement pour ce site (engagements "
                        f"concernés : {liste}).")
    if isinstance(jours, bool) or not isinstance(jours, int) or not 1 <= jours <= JOURS_MAX:
        messages.append(f"Le délai doit être un nombre entier de jours ouvrés entre 1 et {JOURS_MAX} "
                        f"(« {jours} »).")
    return messages


def fixer(engine: Engine, ref: Referentiel, site: Site, engagement: int, procedure: str, jours: int,
          utilisateur: str) -> None:
    """Set a site's local délai for an engagement and a procedure ("" : every procedure), after the checks."""
    refus = problemes(ref, site, engagement, jours)
    if refus:
        raise DelaiLocalInvalide(" ".join(refus))
    save_delai_local(engine, site.code, engagement, procedure, jours, utilisateur)


def retirer(engine: Engine, site: Site, engagement: int, procedure: str, utilisateur: str) -> bool:
    """Remove a local délai (the referential's default applies again); False when there was none."""
    return delete_delai_local(engine, site.code, engagement, procedure, utilisateur)


def tableau(engine: Engine, ref: Referentiel, site: Site) -> pd.DataFrame:
    """The site's délais fixés localement as people read them: engagement, procédure (« toutes procédures »
    for ""), jours ouvrés, origine (« fixé par le site » or « délai par défaut, à remplacer »): each engagement
    without a délai for every procedure shows the default that still applies to its other procedures."""
    possibles = engagements_a_delai_local(ref, site)
    stockes = load_delais_locaux(engine, site.code)
    lignes = []
    for engagement, defaut in sorted(possibles.items()):
        siens = stockes[stockes["engagement"] == engagement]
        for _, d in siens.iterrows():
            lignes.append({"engagement": engagement, "procedure": d["procedure"] or "toutes procédures",
                           "jours_ouvres": int(d["jours_ouvres"]), "origine": "fixé par le site"})
        if not (siens["procedure"] == "").any():
            lignes.append({"engagement": engagement, "procedure": "toutes procédures" if siens.empty
                           else "autres procédures", "jours_ouvres": defaut, "origine": DEFAUT})
    return pd.DataFrame(lignes, columns=["engagement", "procedure", "jours_ouvres", "origine"])


__all__ = ["DelaiLocalInvalide", "engagements_a_delai_local", "fixer", "problemes", "retirer", "tableau"]
