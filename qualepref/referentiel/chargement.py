"""Loading a referential: one TOML file per version in this package, validated entry by entry then across
entries; a file may inherit from another one (``[herite]``). Also the calendar zones file."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qualepref.referentiel.entrees import (
    _disposition,
    _engagements,
    _herites,
    _indicateur,
    _modules,
    _perimetre,
    _regle,
    _tables_de_codes,
)
from qualepref.referentiel.lecteur import _Lecteur
from qualepref.referentiel.libelles_courts import _libelles_courts
from qualepref.referentiel.modele import STATUTS, Referentiel, ReferentielInvalide, Zone
from qualepref.referentiel.verifications import _verifier_calcul, _verifier_canaux, _verifier_seuils

DOSSIER = Path(__file__).resolve().parent
FICHIER_ZONES = DOSSIER.parent / "zones.toml"


def _construire(brut: Mapping, fichier: str, chemin_parent: Any = None) -> Referentiel:
    """The Referentiel of one parsed file; every problem raises ReferentielInvalide."""
    lecteur = _Lecteur(fichier)
    entete = lecteur.champ(brut, "table [referentiel]", "referentiel", dict)
    parent = None
    if "herite" in brut:
        code_parent = lecteur.texte(brut["herite"], "section [herite]", "referentiel")
        if code_parent not in _fichiers():
            raise lecteur.erreur("section [herite]", "referentiel",
                                 f"le référentiel «{code_parent}» est introuvable.")
        parent = charger(code_parent)
    tables = _tables_de_codes(lecteur, brut, parent)
    modules = _modules(lecteur, brut)
    correspond_a = lecteur.texte(entete, "table [referentiel]", "correspond_a", None) or (
        None if parent is None else parent.code)
    engagements = _engagements(lecteur, brut, modules, parent, correspond_a)
    numeros = {e.numero: e.module for e in engagements}
    indicateurs = [_indicateur(lecteur, i, tables, numeros) for i in brut.get("indicateurs", [])]
    regles = [_regle(lecteur, r, tables, set(numeros)) for r in brut.get("delais", [])]
    dispositions = [_disposition(lecteur, d) for d in brut.get("dispositions", [])]
    if parent is not None:
        i_h, r_h, d_h = _herites(lecteur, brut, parent, engagements)
        indicateurs, regles, dispositions = i_h + indicateurs, r_h + regles, d_h + dispositions
    for ind in indicateurs:
        _verifier_calcul(lecteur, ind)
        _verifier_canaux(lecteur, ind, tables["canal_delai"])
    _verifier_seuils(lecteur, indicateurs, regles)
    lecteur.uniques((i.code for i in indicateurs), "indicateur", "code")
    lecteur.uniques((r.code for r in regles), "règle de délai", "code")
    lecteur.uniques((d.code for d in dispositions), "disposition", "code")
    courts = _libelles_courts(lecteur, brut, modules=list(modules), engagements=list(engagements),
                              indicateurs=indicateurs)
    modules, engagements = tuple(courts["modules"]), tuple(courts["engagements"])
    indicateurs = courts["indicateurs"]
    return Referentiel(
        code=lecteur.texte(entete, "table [referentiel]", "code"),
        titre=lecteur.texte(entete, "table [referentiel]", "titre"),
        version=lecteur.texte(entete, "table [referentiel]", "version"), fichier=fichier,
        modules=modules, engagements=engagements, indicateurs=tuple(indicateurs), delais=tuple(regles),
        dispositions=tuple(dispositions), perimetre=_perimetre(lecteur, brut, modules),
        herite=None if parent is None else parent.code,
        ebauche=lecteur.parmi(entete, "table [referentiel]", "statut", STATUTS, "officiel") == "ebauche",
        correspond_a=correspond_a, **tables,
    )


def charger_donnees(brut: Mapping, fichier: str) -> Referentiel:
    """Load and validate a referential given as the plain data of a file (a stored version, the copy a reading child
    receives): the same checks as a file."""
    return _construire(brut, fichier)


def charger_fichier(path: str | Path) -> Referentiel:
    """Load and validate one referential file (any path: tests write malformed ones)."""
    chemin = Path(path)
    try:
        brut = tomllib.loads(chemin.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReferentielInvalide(f"{chemin.name} : fichier TOML illisible ({exc}).") from exc
    return _construire(brut, chemin.name)


@functools.cache
def _fichiers() -> dict[str, Path]:
    """Referential code → file, for every TOML file of this package."""
    fichiers: dict[str, Path] = {}
    for chemin in sorted(DOSSIER.glob("*.toml")):
        code = tomllib.loads(chemin.read_text(encoding="utf-8")).get("referentiel", {}).get("code")
        if code:
            fichiers[code] = chemin
    return fichiers


def versions() -> tuple[str, ...]:
    """Codes of the available referentials, e.g. ``("qualepref-2019", "quali-ate")``."""
    return tuple(sorted(_fichiers()))


@functools.cache
def charger(code: str = "qualepref-2019") -> Referentiel:
    """The validated referential ``code`` (cached: files are read once per process)."""
    fichiers = _fichiers()
    if code not in fichiers:
        raise KeyError(f"Référentiel «{code}» inconnu (disponibles : {', '.join(versions())}).")
    return charger_fichier(fichiers[code])


def mention_ebauche(ref: Referentiel) -> str | None:
    """The French warning every place that shows a draft referential carries (None for an official one)."""
    if not ref.ebauche:
        return None
    return (f"Ébauche : le référentiel « {ref.titre} » ({ref.version}) n'est pas le texte officiel. Le référent "
            "qualité charge le texte officiel depuis la page « Charger un référentiel ».")


# --- calendar zones ---------------------------------------------------------------------------------------------


def charger_zones() -> dict[str, Zone]:
    """Calendar zones (zones.toml): code → Zone with its ``holidays`` France subdivision (None for métropole)."""
    return dict(_zones())


@functools.cache
def _zones() -> dict[str, Zone]:
    """The parsed zones file, read once."""
    brut = tomllib.loads(FICHIER_ZONES.read_text(encoding="utf-8"))
    lecteur = _Lecteur(FICHIER_ZONES.name)
    zones = {}
    for code, valeurs in lecteur.champ(brut, "table [zones]", "zones", dict).items():
        entree = f"zone «{code}»"
        subdivision = lecteur.texte(valeurs, entree, "subdivision", "") or None
        zones[code] = Zone(code=code, libelle=lecteur.texte(valeurs, entree, "libelle"), subdivision=subdivision)
    return zones
