"""Commands on sites and their perimeter: ``sites``, ``site-ajouter``, ``site-engagements``."""

from __future__ import annotations

import argparse

from qualepref.cli import Contexte, commande


def _liste_modules(texte: str) -> tuple[int, ...]:
    try:
        return tuple(sorted({int(m) for m in texte.replace(" ", "").split(",") if m}))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"« {texte} » n'est pas une liste de numéros de modules (exemple : 1,2,4)"
        ) from exc


@commande("sites", "Liste les sites.")
def _sites(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.format import sur_une_ligne
    from qualepref.store import load_sites

    sites = load_sites(ctx.moteur)
    if not sites:
        ctx.sortie.write("Aucun site. Créez-en un avec : python -m qualepref site-ajouter CODE --nom NOM ...\n")
        return 0
    for s in sites:
        cert = "avec CERT" if s.cert else "sans CERT"
        modules = ", ".join(str(m) for m in s.modules)
        colonnes = (s.code, s.nom, f"{s.type_site} {cert}", f"zone {s.zone}", f"modules {modules}")
        ctx.sortie.write("\t".join(sur_une_ligne(c) for c in colonnes) + "\n")  # a tab in a name stays « \t »
    return 0


def _configurer_site(p: argparse.ArgumentParser) -> None:
    from qualepref.referentiel import charger_zones, versions

    p.add_argument("code", help="code du site (ex. PREF-51)")
    p.add_argument("--nom", required=True, help="nom du site")
    p.add_argument("--type", dest="type_site", required=True, choices=["prefecture", "sous-prefecture"])
    p.add_argument("--cert", action="store_true", help="le site est doté d'un CERT")
    p.add_argument("--zone", default="metropole", choices=sorted(charger_zones()))
    p.add_argument("--modules", required=True, type=_liste_modules, help="modules retenus, ex. 1,2,4")
    p.add_argument("--referentiel", default="qualepref-2019", choices=list(versions()))


@commande("site-ajouter", "Ajoute (ou modifie) un site et son périmètre.", _configurer_site)
def _site_ajouter(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.sites import enregistrer_site

    site = enregistrer_site(
        ctx.moteur, code=args.code, nom=args.nom, type_site=args.type_site, cert=args.cert, zone=args.zone,
        modules=args.modules, referentiel=args.referentiel,
    )
    ctx.sortie.write(f"Site « {site.code} » enregistré (modules {', '.join(map(str, site.modules))}).\n")
    return 0


def _configurer_engagements(p: argparse.ArgumentParser) -> None:
    p.add_argument("code", help="code de la sous-préfecture")
    p.add_argument("--module", required=True, type=int, help="numéro du module")
    p.add_argument("--engagements", required=True, type=_liste_modules, help="engagements retenus, ex. 1,2,4")
    p.add_argument("--utilisateur", default="ligne de commande")


@commande("site-engagements", "Choisit les engagements d'un module qu'une sous-préfecture retient.",
          _configurer_engagements)
def _site_engagements(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.referentiels_en_place import referentiel_en_place
    from qualepref.sites import choisir_engagements, engagements_retenus

    site = choisir_engagements(ctx.moteur, args.code, {args.module: args.engagements}, args.utilisateur)
    retenus = engagements_retenus(referentiel_en_place(ctx.moteur, site.referentiel), site, args.module)
    ctx.sortie.write(f"Site « {site.code} », module {args.module} : engagements retenus "
                     f"{', '.join(map(str, retenus))}.\n")
    return 0
