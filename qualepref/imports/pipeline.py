"""The import pipeline: analyse a file (read, convert, check: every problem at once), then store it in one
transaction, or do both from the command line.

``analyser`` never raises for a bad file: whatever is wrong becomes a ``Probleme`` (blocking or a warning) in the
``Analyse`` it returns, with the rows as the store wants them (the columns of ``store.TYPES_STOCKES`` without
``site``, plus ``cle``, the replacement key of each row). ``importer`` refuses a blocked analysis and hands the rows
to ``store.enregistrer_import``, which replaces the periods already stored only when asked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from qualepref import store
from qualepref.format import sur_une_ligne
from qualepref.imports.analyse import ReferentielDonne, analyser_fichier, message_inattendu
from qualepref.imports.isolement import Limites, analyser_isole
from qualepref.imports.kinds import KINDS, Kind
from qualepref.imports.readers import message_taille
from qualepref.imports.validation import Probleme

JOURNAL = logging.getLogger(__name__)
Progression = Callable[[float, str], None]


@dataclass(frozen=True)
class Analyse:
    """What a file would import: its rows (store columns + ``cle``), every problem, the periods (replacement keys)
    it covers, a preview (rows per period, French headers) and the file's identity."""

    lignes: pd.DataFrame
    problemes: list[Probleme]
    periodes: list[str]
    apercu: pd.DataFrame
    sha256: str
    fichier: str
    type_donnees: str
    site: str

    @property
    def avertissements(self) -> list[Probleme]:
        """The warnings (shown; the user decides)."""
        return [p for p in self.problemes if not p.bloquant]

    @property
    def erreurs(self) -> list[Probleme]:
        """The blocking problems."""
        return [p for p in self.problemes if p.bloquant]

    @property
    def bloquee(self) -> bool:
        """True when a blocking problem forbids storing anything."""
        return any(p.bloquant for p in self.problemes)


def _taille_max() -> int:
    """The upload size limit of config.toml, in bytes (checked again here: the browser's limit is not trusted)."""
    from qualepref.config import charger_config

    return charger_config().taille_max_mo * 1024 * 1024


def _limites() -> Limites:
    """The reading child's limits, from config.toml (``[import]`` memoire_lecture_mo, delai_lecture_s)."""
    from qualepref.config import charger_config

    config = charger_config()
    return Limites(config.memoire_lecture_mo, config.delai_lecture_s)


def analyser(contenu: bytes, nom_fichier: str, type_donnees: str, site: str, referentiel: ReferentielDonne,
             annee: int | None, aujourd_hui: dt.date | None = None, progression: Progression | None = None,
             lignes_max: int = 500_000, isoler: bool = True, limites: Limites | None = None,
             modules: tuple[int, ...] | None = None, exclus: tuple[int, ...] | None = None) -> Analyse:
    """Read and check a file for ``site``; never raises for a bad file (see the module's docstring).

    The file is read in a limited child process (``isolement``) unless ``isoler`` is False, which only the
    demonstration data (bytes this program wrote itself) asks for; ``limites`` default to the configuration's.

    ``referentiel``: the version in place of the site's referential (``referentiels_en_place.referentiel_en_place``)
    the file's codes are checked against; a code stands for the built-in file.
    ``modules``: the site's modules (default: those of ``site`` when it is a ``Site``), so that a journal row
    answering an engagement outside them is refused; ``exclus``: the engagements of those modules the site (a
    sous-préfecture) does not retain (default: those of ``site`` when it is a ``Site``), refused the same way.
    ``annee`` is the year given aside (survey year, plan year) when the file does not say it; ``aujourd_hui``
    (default today) bounds dates; ``progression(fraction, texte)`` is called when reading, checking and done.
    """
    signaler = progression or (lambda _f, _t: None)
    code_site = site if isinstance(site, str) else getattr(site, "code", str(site))
    nom = Path(nom_fichier).name or nom_fichier  # only « / » separates folders: a backslash is part of a name
    signaler(0.05, "Lecture du fichier…")
    if modules is None and not isinstance(site, str):
        modules = getattr(site, "modules", None)
    if exclus is None:
        exclus = () if isinstance(site, str) else tuple(getattr(site, "engagements_exclus", ()))
    arguments = (contenu, nom, type_donnees, referentiel, annee, aujourd_hui or dt.date.today(), lignes_max,
                 _taille_max(), None if modules is None else tuple(modules), tuple(exclus))
    if isoler:
        lignes, problemes = analyser_isole(*arguments, limites=limites or _limites())
    else:
        try:
            lignes, problemes = analyser_fichier(*arguments)
        except MemoryError as exc:
            JOURNAL.info("Analyse de %s : mémoire épuisée", nom)
            lignes, problemes = pd.DataFrame(), [Probleme(nom, None, None, None, None, message_inattendu(exc))]
    kind = KINDS.get(type_donnees)
    periodes = sorted(lignes["cle"].dropna().unique().tolist()) if "cle" in lignes else []
    signaler(1.0, "Analyse terminée.")
    return Analyse(lignes=lignes, problemes=problemes, periodes=periodes, apercu=_apercu(lignes, kind),
                   sha256=hashlib.sha256(contenu).hexdigest(), fichier=nom, type_donnees=type_donnees,
                   site=code_site)


def _apercu(lignes: pd.DataFrame, kind: Kind | None) -> pd.DataFrame:
    """Rows per period (the period of each replacement key), for the preview before confirming."""
    if kind is None or "cle" not in lignes or lignes.empty:
        return pd.DataFrame({"Période": pd.Series([], dtype="str"), "Lignes": pd.Series([], dtype="int64")})
    par_cle = lignes["cle"].value_counts()  # few distinct keys: the period of each is then cheap
    comptes = par_cle.groupby(par_cle.index.map(kind.periode)).sum().sort_index()
    return pd.DataFrame({"Période": comptes.index.astype("str"), "Lignes": comptes.to_numpy(dtype="int64")})


# --- storing -------------------------------------------------------------------------------------------------------

def importer(engine: Engine, analyse: Analyse, utilisateur: str, remplacer: bool) -> store.ResultatImport:
    """Store an analysed file in one transaction (the store's); a blocked analysis is refused (``ErreurStockage``).

    Periods already holding data raise ``store.DonneesExistantes`` unless ``remplacer``.
    """
    if analyse.bloquee:
        n = len(analyse.erreurs)
        raise store.ErreurStockage(f"{analyse.fichier} : import refusé, le fichier comporte {n} erreur"
                                   f"{'s' if n > 1 else ''} bloquante{'s' if n > 1 else ''} ; rien n'a été "
                                   "enregistré.")
    if analyse.lignes.empty:
        raise store.ErreurStockage(f"{analyse.fichier} : aucune ligne à importer ; rien n'a été enregistré.")
    return store.enregistrer_import(
        engine, type_donnees=analyse.type_donnees, site=analyse.site, lignes=analyse.lignes,
        fichier=analyse.fichier, sha256=analyse.sha256, utilisateur=utilisateur, periodes=analyse.periodes,
        remplacer=remplacer)


def _nombre(n: int) -> str:
    """« 1 234 » (French thousands)."""
    from qualepref.format import nombre

    return nombre(n)


def _pluriel(n: int, mot: str) -> str:
    return f"{_nombre(n)} {mot}{'s' if n > 1 else ''}"


def resume(analyse: Analyse, resultat: store.ResultatImport) -> str:
    """« journal.xlsx : 1 234 lignes importées (import n° 7), 12 remplacées, périodes 2024-01 à 2024-03. »"""
    kind = KINDS[analyse.type_donnees]
    periodes = sorted({kind.periode(c) for c in analyse.periodes})
    etendue = (f"période {periodes[0]}" if len(periodes) == 1 else
               f"périodes {periodes[0]} à {periodes[-1]}" if periodes else "aucune période")
    return sur_une_ligne(
        f"{analyse.fichier} : {_pluriel(resultat.ajoutees, 'ligne')} importée{'s' if resultat.ajoutees > 1 else ''}"
        f" (import n° {resultat.import_id}), {_pluriel(resultat.remplacees, 'remplacée')}, {etendue}.")


def rapport(analyse: Analyse) -> str:
    """The error report of a refused file: a first line, then one problem per line (errors, then warnings), each
    on one line whatever the file's values or name hold (``format.sur_une_ligne``)."""
    n = len(analyse.erreurs)
    lignes = [f"{analyse.fichier} : import refusé, {_pluriel(n, 'erreur')} ; rien n'a été enregistré."]
    lignes += [p.texte for p in analyse.erreurs]
    lignes += [f"Avertissement : {p.texte}" for p in analyse.avertissements]
    return "\n".join(sur_une_ligne(ligne) for ligne in lignes)


def importer_fichier(engine: Engine, chemin: str | Path, type_donnees: str, site: str, annee: int | None,
                     remplacer: bool, utilisateur: str, aujourd_hui: dt.date | None = None) -> tuple[int, str]:
    """The command line's import: (0, summary line, then any warnings one per line) or (1, French report).

    Nothing is stored on failure: an unknown kind or site, a missing or oversized file, a blocked analysis, or
    periods already stored without ``remplacer``. ``aujourd_hui`` (default today) bounds dates, as in ``analyser``.
    """
    from qualepref.config import charger_config

    chemin = Path(chemin)
    if type_donnees not in KINDS:
        return 1, f"Type de données « {type_donnees} » inconnu (types admis : {', '.join(KINDS)})."
    fiche = store.get_site(engine, site)
    if fiche is None:
        return 1, f"Le site « {site} » n'existe pas (voir : python -m qualepref sites)."
    if not chemin.is_file():
        return 1, sur_une_ligne(f"{chemin} : fichier introuvable.")
    config = charger_config()
    taille_max = config.taille_max_mo * 1024 * 1024
    if chemin.stat().st_size > taille_max:
        return 1, sur_une_ligne(f"{chemin.name} : {message_taille(chemin.stat().st_size, taille_max)}")
    from qualepref.referentiels_en_place import referentiel_en_place

    try:
        en_place = referentiel_en_place(engine, fiche.referentiel)
    except KeyError:
        en_place = fiche.referentiel  # the analysis says the referential is unknown
    analyse = analyser(chemin.read_bytes(), chemin.name, type_donnees, fiche.code, en_place, annee,
                       aujourd_hui=aujourd_hui, lignes_max=config.lignes_max, modules=fiche.modules,
                       exclus=fiche.engagements_exclus)
    if analyse.bloquee:
        return 1, rapport(analyse)
    try:
        resultat = importer(engine, analyse, utilisateur, remplacer)
    except store.DonneesExistantes as exc:
        return 1, sur_une_ligne(f"{analyse.fichier} : {str(exc).rstrip('.')} (option --remplacer) ; rien n'a été "
                                "enregistré.")
    except store.ErreurStockage as exc:
        return 1, sur_une_ligne(f"{analyse.fichier} : {exc}")
    avertissements = [sur_une_ligne(f"Avertissement : {p.texte}") for p in analyse.avertissements]
    return 0, "\n".join([resume(analyse, resultat), *avertissements])
