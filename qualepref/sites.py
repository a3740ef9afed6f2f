"""Sites and their perimeter: checked against the referential's labellisation rules before anything is stored."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from sqlalchemy import Engine

from qualepref.plan_actions import JOURS_PAN_PAR_DEFAUT, JOURS_SEMAINE, semaine_pan
from qualepref.referentiel import charger, charger_zones, verifier_perimetre, versions
from qualepref.store import Site, get_site, save_site

MOTIF_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


class PerimetreInvalide(ValueError):
    """A site refused: the French message lists every rule it breaks."""


def problemes_site(
    code: str, nom: str, type_site: str, cert: bool, zone: str, modules: Iterable[int], referentiel: str
) -> list[str]:
    """Every reason, in French, why this site cannot be saved ([] when it can)."""
    problemes = []
    if not MOTIF_CODE.fullmatch(code or ""):
        problemes.append(
            "Le code du site doit faire 1 à 40 caractères : lettres sans accent, chiffres, tiret ou souligné."
        )
    if not (nom or "").strip():
        problemes.append("Le nom du site est obligatoire.")
    if zone not in charger_zones():
        problemes.append(f"La zone « {zone} » est inconnue.")
    if referentiel not in versions():
        problemes.append(f"Le référentiel « {referentiel} » est inconnu.")
        return problemes
    return problemes + verifier_perimetre(charger(referentiel), type_site, cert, list(modules))


def modules_proposes(referentiel: str, existant: Site | None) -> tuple[list[int], list[int]]:
    """The modules the site form offers for ``referentiel`` and those ticked at first: the site's own that this
    version still has, or the socle (module 1) for a new site."""
    offerts = [m.numero for m in charger(referentiel).modules]
    retenus = existant.modules if existant else (1,)
    return offerts, [m for m in retenus if m in offerts]


def jours_pan_du_site(site: Site | None) -> list[str]:
    """The PAN opening weekdays of a site as the form shows them (Monday to Friday by default)."""
    jours = (site.jours_ouverture_pan if site else None) or JOURS_PAN_PAR_DEFAUT
    return [j for j in JOURS_SEMAINE if j in jours.split(",")]


def enregistrer_site(
    engine: Engine,
    *,
    code: str,
    nom: str,
    type_site: str,
    cert: bool,
    modules: Iterable[int],
    zone: str = "metropole",
    referentiel: str = "qualepref-2019",
    demo: bool | None = None,
    jours_ouverture_pan: str | None = None,
) -> Site:
    """Check the site against the rules of its referential, then store it; refuse with every rule it breaks.

    Editing an existing site changes only what is given here: its margin, postal code, town, Services Publics+
    code and demonstration flag (unless ``demo`` is given) are kept. ``jours_ouverture_pan``: the weekdays its
    points d'accès numériques open ("lun,mar,..."; None keeps the site's, Monday to Friday for a new one), refused
    when a day is unknown.
    """
    modules = tuple(sorted(set(modules)))
    problemes = problemes_site(code, nom, type_site, cert, zone, modules, referentiel)
    if problemes:
        raise PerimetreInvalide("Périmètre refusé : " + " ".join(problemes))
    champs = {"nom": nom.strip(), "type_site": type_site, "cert": cert, "zone": zone, "referentiel": referentiel,
              "modules": modules}
    if demo is not None:
        champs["demo"] = demo
    if jours_ouverture_pan is not None:
        try:
            semaine_pan(jours_ouverture_pan)
        except ValueError as exc:
            raise PerimetreInvalide(str(exc)) from exc
        champs["jours_ouverture_pan"] = jours_ouverture_pan
    existant = get_site(engine, code)
    site = dataclasses.replace(existant, **champs) if existant else Site(code=code, **champs)
    save_site(engine, site)
    return site


def sites_de_demonstration(engine: Engine) -> list[Site]:
    """The demonstration sites still in the database (every page says so while there are any)."""
    from qualepref.store import load_sites

    return [s for s in load_sites(engine) if s.demo]


def supprimer_demo(engine: Engine) -> int:
    """Remove the demonstration sites and all their data; returns how many sites were removed."""
    from qualepref.store import supprimer_site

    sites = sites_de_demonstration(engine)
    for site in sites:
        supprimer_site(engine, site.code)
    return len(sites)
