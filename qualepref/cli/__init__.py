"""The command line: ``python -m qualepref COMMANDE ...`` for what the référent automates.

Commands are a registry (name → parser set-up and action), so a new command is one entry, not a new branch.
This package holds the registry, the entry point and the shared helpers; the commands live one module per group
(sites, referentiel, comptes, donnees, exports), imported at the end so that every command registers, in the
order ``python -m qualepref`` lists them.
Every error is written to stderr in French with exit code 1; no traceback ever reaches the user: the detail of an
unexpected error goes to ``data/ligne-de-commande.log`` (or nowhere when it cannot be written), and everything
printed has its control characters escaped (``format.sur_une_ligne``): a value read from a file cannot drive the
terminal.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

from sqlalchemy import Engine


class ErreurCommande(Exception):
    """A French message for the user; the command exits with code 1."""


class _Parseur(argparse.ArgumentParser):
    """argparse that raises our French error instead of printing English usage and exiting."""

    def error(self, message: str) -> None:  # noqa: D102
        raise ErreurCommande(f"Commande incorrecte : {_traduire_argparse(message)}\n{self.format_usage()}")


def _traduire_argparse(message: str) -> str:
    """The few argparse messages users meet, in French."""
    remplacements = {
        "the following arguments are required": "arguments obligatoires manquants",
        "unrecognized arguments": "arguments inconnus",
        "invalid choice": "choix invalide",
        "choose from": "choix possibles",
        "expected one argument": "une valeur est attendue",
        "invalid int value": "nombre entier attendu",
        "argument": "argument",
    }
    for anglais, francais in remplacements.items():
        message = message.replace(anglais, francais)
    return message


@dataclass(frozen=True)
class Commande:
    """One command of the registry."""

    aide: str
    configurer: Callable[[argparse.ArgumentParser], None]
    executer: Callable[[argparse.Namespace, "Contexte"], int]


@dataclass
class Contexte:
    """What a command may use: output streams and a lazily made engine."""

    sortie: TextIO
    erreurs: TextIO
    _moteur: Engine | None = None

    @property
    def moteur(self) -> Engine:
        """The store's engine, made (and migrated) on first use."""
        if self._moteur is None:
            from qualepref.config import charger_config
            from qualepref.store import creer_moteur

            self._moteur = creer_moteur(charger_config().url_base)
        return self._moteur


COMMANDES: dict[str, Commande] = {}


def commande(nom: str, aide: str, configurer: Callable[[argparse.ArgumentParser], None] = lambda p: None):
    """Register ``executer`` as the command ``nom``."""

    def enregistrer(executer: Callable[[argparse.Namespace, Contexte], int]):
        COMMANDES[nom] = Commande(aide, configurer, executer)
        return executer

    return enregistrer


def _site_existant(ctx: Contexte, code: str):  # noqa: ANN202 - a Site
    from qualepref.store import get_site

    site = get_site(ctx.moteur, code)
    if site is None:
        raise ErreurCommande(f"Le site « {code} » n'existe pas (voir : python -m qualepref sites).")
    return site


def _resultats_de(ctx: Contexte, code: str, annee: int):  # noqa: ANN202 - Resultats
    import datetime as dt

    from qualepref.referentiels_en_place import referentiel_en_place
    from qualepref.resultats import resultats_site

    site = _site_existant(ctx, code)
    return resultats_site(ctx.moteur, referentiel_en_place(ctx.moteur, site.referentiel), site, annee,
                          dt.date.today())


# --- entry point ------------------------------------------------------------------------------------------------

def construire_parseur() -> argparse.ArgumentParser:
    """The parser with one sub-command per registry entry."""
    parseur = _Parseur(prog="python -m qualepref", description="qualepref en ligne de commande.")
    sous = parseur.add_subparsers(dest="commande", metavar="COMMANDE", parser_class=_Parseur)
    for nom, cmd in COMMANDES.items():
        cmd.configurer(sous.add_parser(nom, help=cmd.aide, description=cmd.aide))
    return parseur


class _Echappee:
    """A text stream whose control characters are written as escapes, line ends kept."""

    def __init__(self, flux: TextIO) -> None:
        self._flux = flux

    def write(self, texte: str) -> int:
        from qualepref.format import sur_une_ligne

        return self._flux.write(sur_une_ligne(texte, garder_sauts=True))

    def __getattr__(self, nom: str) -> object:
        return getattr(self._flux, nom)


JOURNAL_CLI = "ligne-de-commande.log"


def _journaliser() -> None:
    """Where the detail of errors goes when nobody configured logging: a file under data/, else nowhere; never the
    terminal (Python's last-resort handler would print tracebacks on stderr)."""
    racine = logging.getLogger()
    if racine.handlers:
        return
    from qualepref.config import RACINE

    try:
        (RACINE / "data").mkdir(exist_ok=True)
        gestionnaire: logging.Handler = logging.FileHandler(RACINE / "data" / JOURNAL_CLI, encoding="utf-8",
                                                            delay=True)
        gestionnaire.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s : %(message)s"))
    except OSError:
        gestionnaire = logging.NullHandler()
    racine.addHandler(gestionnaire)
    racine.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None, sortie: TextIO | None = None, erreurs: TextIO | None = None) -> int:
    """Run one command; return its exit code. Errors are French lines on stderr, never tracebacks."""
    _journaliser()
    ctx = Contexte(_Echappee(sortie or sys.stdout), _Echappee(erreurs or sys.stderr))
    try:
        args = construire_parseur().parse_args(list(argv) if argv is not None else None)
        if not args.commande:
            ctx.sortie.write(construire_parseur().format_help())
            return 0
        return COMMANDES[args.commande].executer(args, ctx)
    except ErreurCommande as exc:
        ctx.erreurs.write(f"{exc}\n")
    except ValueError as exc:  # our domain errors carry French messages
        ctx.erreurs.write(f"Erreur : {exc}\n")
    except Exception as exc:  # noqa: BLE001 - the user must never see a traceback
        logging.getLogger(__name__).exception("Commande %s", list(argv) if argv is not None else sys.argv[1:])
        from qualepref.format import sur_une_ligne

        ctx.erreurs.write(f"Erreur inattendue ({type(exc).__name__}) : {sur_une_ligne(str(exc))}\n")
    return 1


# --- the commands, one module per group (importing them registers them, in this order) ----------------------

from qualepref.cli import sites  # noqa: F401, I001 - the order of these imports is the order of the help
from qualepref.cli import referentiel  # noqa: F401
from qualepref.cli import comptes  # noqa: F401
from qualepref.cli import donnees  # noqa: F401
from qualepref.cli import exports  # noqa: F401
