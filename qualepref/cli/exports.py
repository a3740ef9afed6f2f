"""Commands that write the exports: ``bilan``, ``presentation``, ``affiche``, ``opendata``."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from qualepref.cli import Contexte, ErreurCommande, _resultats_de, _site_existant, commande


def _configurer_export(trimestre: bool) -> Callable[[argparse.ArgumentParser], None]:
    def configurer(p: argparse.ArgumentParser) -> None:
        p.add_argument("--site", required=True)
        p.add_argument("--annee", required=True, type=int)
        if trimestre:
            p.add_argument("--trimestre", type=int, choices=[1, 2, 3, 4], default=None)
        p.add_argument("--sortie", required=True, help="fichier à écrire")

    return configurer


def _resultats_publies_de(ctx: Contexte, args: argparse.Namespace):  # noqa: ANN202 - (Site, Resultats, dict)
    """The site, its PUBLISHED results for the period and the publication's facts (with the period)."""
    from qualepref.publication import code_periode, resultats_publies_pour

    site = _site_existant(ctx, args.site)
    periode = code_periode(args.annee, getattr(args, "trimestre", None))
    publie = resultats_publies_pour(ctx.moteur, site.code, periode)  # a quarter: its own, else the year's
    if publie is None:
        raise ErreurCommande(f"Aucun résultat publié pour {site.code} en {periode} : publiez-les d'abord "
                             "(python -m qualepref publier ...).")
    resultats, faits = publie
    return site, resultats, {**faits, "periode": periode}


def _ecrire_export(ctx: Contexte, nom: str, chemin: str, contenu: bytes, periode: str) -> None:
    from pathlib import Path

    from qualepref.exports import REGISTRY

    try:
        Path(chemin).write_bytes(contenu)
    except OSError as exc:
        raise ErreurCommande(f"Impossible d'écrire « {chemin} » : {exc.strerror or exc}.") from exc
    ctx.sortie.write(f"{REGISTRY[nom].libelle_pour(periode)} écrit : {chemin}\n")


@commande("bilan", "Écrit le bilan annuel d'un site (classeur Excel, résultats de travail).",
          _configurer_export(trimestre=False))
def _bilan(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.exports import REGISTRY

    site = _site_existant(ctx, args.site)
    resultats = _resultats_de(ctx, site.code, args.annee)
    _ecrire_export(ctx, "bilan", args.sortie, REGISTRY["bilan"].construire(resultats, site),
                   str(args.annee))
    return 0


@commande("presentation", "Écrit la présentation du comité des usagers (PowerPoint, résultats publiés).",
          _configurer_export(trimestre=True))
def _presentation(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.exports import REGISTRY

    site, resultats, faits = _resultats_publies_de(ctx, args)
    _ecrire_export(ctx, "presentation", args.sortie, REGISTRY["presentation"].construire(resultats, site, faits),
                   faits["periode"])
    return 0


@commande("affiche", "Écrit l'affichage trimestriel (affiche PDF, page HTML et fragment HTML à côté ; résultats "
          "publiés ; un trimestre se fait aussi depuis la publication de l'année).",
          _configurer_export(trimestre=True))
def _affiche(args: argparse.Namespace, ctx: Contexte) -> int:
    from pathlib import Path

    from qualepref.exports import REGISTRY

    site, resultats, faits = _resultats_publies_de(ctx, args)
    pdf = REGISTRY["affiche"].construire(resultats, site, faits)
    page = REGISTRY["affiche-page"].construire(resultats, site, faits)
    fragment = REGISTRY["affiche-html"].construire(resultats, site, faits)
    sortie = Path(args.sortie)
    _ecrire_export(ctx, "affiche", args.sortie, pdf, faits["periode"])
    _ecrire_export(ctx, "affiche-page", str(sortie.with_suffix(".html")), page, faits["periode"])
    _ecrire_export(ctx, "affiche-html", str(sortie.with_name(sortie.stem + "-fragment.html")), fragment,
                   faits["periode"])
    return 0


@commande("opendata", "Écrit les données ouvertes Services Publics+ (CSV, résultats publiés).",
          _configurer_export(trimestre=True))
def _opendata(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.exports import REGISTRY

    site, resultats, faits = _resultats_publies_de(ctx, args)
    _ecrire_export(ctx, "opendata", args.sortie, REGISTRY["opendata"].construire(resultats, site, faits),
                   faits["periode"])
    return 0
