"""Sites and their perimeter: checked against the referential's labellisation rules before anything is stored."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from sqlalchemy import Engine

from qualepref.plan_actions import JOURS_PAN_PAR_DEFAUT, JOURS_SEMAINE, semaine_pan
from qualepref.referentiel import Referentiel, charger, charger_zones, verifier_perimetre, versions
from qualepref.referentiel.correspondances import Passage, modules_correspondants
from qualepref.store import Site, get_site, save_site

MOTIF_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")


class PerimetreInvalide(ValueError):
    """A site refused: the French message lists every rule it breaks."""


def _referentiel(engine: Engine | None, code: str) -> Referentiel:
    """The version of ``code`` in place (the built-in file when no engine is given)."""
    if engine is None:
        return charger(code)
    from qualepref.referentiels_en_place import referentiel_en_place

    return referentiel_en_place(engine, code)


def _codes(engine: Engine | None) -> tuple[str, ...]:
    if engine is None:
        return versions()
    from qualepref.referentiels_en_place import codes_en_place

    return codes_en_place(engine)


def problemes_site(
    code: str, nom: str, type_site: str, cert: bool, zone: str, modules: Iterable[int], referentiel: str,
    engine: Engine | None = None,
) -> list[str]:
    """Every reason, in French, why this site cannot be saved ([] when it can); ``engine``: check against the
    versions in place (a referential the référent loaded)."""
    problemes = []
    if not MOTIF_CODE.fullmatch(code or ""):
        problemes.append(
            "Le code du site doit faire 1 à 40 caractères : lettres sans accent, chiffres, tiret ou souligné."
        )
    if not (nom or "").strip():
        problemes.append("Le nom du site est obligatoire.")
    if zone not in charger_zones():
        problemes.append(f"La zone « {zone} » est inconnue.")
    if referentiel not in _codes(engine):
        problemes.append(f"Le référentiel « {referentiel} » est inconnu.")
        return problemes
    return problemes + verifier_perimetre(_referentiel(engine, referentiel), type_site, cert, list(modules))


def _passage(referentiel: str, existant: Site, engine: Engine | None) -> Passage:
    """Switching ``existant`` to ``referentiel``: its modules by correspondence of content, and what has none."""
    tiers = [_referentiel(engine, c) for c in _codes(engine)]
    return modules_correspondants(_referentiel(engine, existant.referentiel), _referentiel(engine, referentiel),
                                  existant.modules, tiers)


def modules_proposes(referentiel: str, existant: Site | None,
                     engine: Engine | None = None) -> tuple[list[int], list[int]]:
    """The modules the site form offers for ``referentiel`` and those ticked at first: the site's own for its
    referential; when it switches to another one, the modules whose engagements take over those of its modules
    (by content, not by number) and those the new perimeter rules make mandatory; the socle (module 1) for a new
    site."""
    ref = _referentiel(engine, referentiel)
    offerts = [m.numero for m in ref.modules]
    if existant is None:
        retenus: Iterable[int] = (1,)
    elif existant.referentiel == referentiel:
        retenus = existant.modules
    else:
        regle = next((r for r in ref.perimetre if (r.type_site, r.cert) == (existant.type_site, existant.cert)), None)
        proposes = set(_passage(referentiel, existant, engine).modules)
        if regle is not None:  # only what the new perimeter rules let this kind of site retain
            proposes = (proposes & set(regle.obligatoires + regle.autorises)) | set(regle.obligatoires)
        retenus = proposes
    return offerts, sorted(m for m in set(retenus) if m in offerts)


def sans_correspondance(referentiel: str, existant: Site | None, engine: Engine | None = None) -> tuple[str, ...]:
    """What of the site's modules has no match in ``referentiel`` (French sentences; () when it keeps its own)."""
    if existant is None or existant.referentiel == referentiel:
        return ()
    return _passage(referentiel, existant, engine).sans_correspondance


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
    problemes = problemes_site(code, nom, type_site, cert, zone, modules, referentiel, engine)
    if problemes:
        raise PerimetreInvalide("Périmètre refusé : " + " ".join(problemes))
    champs = {"nom": nom.strip(), "type_site": type_site, "cert": cert, "zone": zone, "referentiel": referentiel,
              "modules": modules}
    if demo is not None:
        champs["demo"] = demo
    if type_site != "sous-prefecture":  # a préfecture applies every engagement of its modules (chapter II)
        champs["engagements_exclus"] = ()
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


def engagements_retenus(ref: Referentiel, site: Site, module: int) -> list[int]:
    """The engagements of ``module`` the site retains (all of them unless a sous-préfecture chose)."""
    return [e.numero for e in ref.engagements_du_module(module) if e.numero not in site.engagements_exclus]


def peut_choisir_engagements(site: Site | None) -> bool:
    """Chapter II: « Les sous-préfectures appliquent les engagements qui les concernent au vu des missions
    qu'elles remplissent » — a sous-préfecture chooses; a préfecture applies every engagement of its modules."""
    return site is not None and site.type_site == "sous-prefecture"


def choisir_engagements(engine: Engine, code: str, choix: Mapping[int, Iterable[int]], utilisateur: str) -> Site:
    """A sous-préfecture retains, for each module of ``choix``, the engagements that concern it; every module is
    checked before anything is stored, and refused in French (a préfecture, a module it does not retain, an
    engagement of another module, none at all). Returns the site as stored."""
    site = get_site(engine, code)
    if site is None:
        raise PerimetreInvalide(f"Le site « {code} » n'existe pas.")
    if not peut_choisir_engagements(site):
        raise PerimetreInvalide("Seule une sous-préfecture choisit ses engagements (chapitre II : « les "
                                "sous-préfectures appliquent les engagements qui les concernent ») : une préfecture "
                                "applique tous les engagements de ses modules.")
    ref = _referentiel(engine, site.referentiel)
    exclus = set(site.engagements_exclus)
    problemes = []
    for module, engagements in choix.items():
        if module not in site.modules:
            problemes.append(f"Le module {module} n'est pas retenu par le site : ajoutez-le d'abord à son périmètre.")
            continue
        du_module = [e.numero for e in ref.engagements_du_module(module)]
        choisis = set(engagements)
        if autres := sorted(choisis - set(du_module)):
            problemes.append(f"L'engagement {', '.join(map(str, autres))} n'appartient pas au module {module} "
                             f"(engagements du module : {', '.join(map(str, du_module))}).")
        elif not choisis:
            problemes.append(f"Retenez au moins un engagement du module {module} ; si aucun ne concerne le site, "
                             "retirez plutôt le module de son périmètre.")
        exclus = (exclus - set(du_module)) | (set(du_module) - choisis)
    if problemes:
        raise PerimetreInvalide("Engagements refusés : " + " ".join(problemes))
    from qualepref.store.pilotage import save_engagements_exclus

    save_engagements_exclus(engine, code, tuple(sorted(exclus)), utilisateur)
    return dataclasses.replace(site, engagements_exclus=tuple(sorted(exclus)))


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
