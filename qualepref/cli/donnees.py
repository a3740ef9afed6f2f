"""Commands on the data: ``jours-ouvres``, ``importer``, ``demo``, ``delai-local``, ``resultats``, ``publier``,
``sauvegarde``, ``restaurer``."""

from __future__ import annotations

import argparse
import json

from qualepref.cli import Contexte, ErreurCommande, _resultats_de, _site_existant, commande

# --- calendar ---------------------------------------------------------------------------------------------------

def _date(texte: str):  # noqa: ANN202
    import datetime as dt

    for motif in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(texte, motif).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"« {texte} » n'est pas une date (jj/mm/aaaa ou aaaa-mm-jj)")


def _configurer_jours_ouvres(p: argparse.ArgumentParser) -> None:
    from qualepref.referentiel import charger_zones

    p.add_argument("debut", type=_date, help="date de départ (jj/mm/aaaa ou aaaa-mm-jj)")
    p.add_argument("fin", type=_date, help="date de fin (incluse)")
    p.add_argument("--zone", default="metropole", choices=sorted(charger_zones()))


@commande("jours-ouvres", "Compte les jours ouvrés après DEBUT jusqu'à FIN inclus.", _configurer_jours_ouvres)
def _jours_ouvres(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.calendrier import compter_jours_ouvres
    from qualepref.referentiel import charger_zones

    subdivision = charger_zones()[args.zone].subdivision
    ctx.sortie.write(f"{compter_jours_ouvres(args.debut, args.fin, subdivision)}\n")
    return 0


# --- imports and demonstration data -----------------------------------------------------------------------------

def _configurer_importer(p: argparse.ArgumentParser) -> None:
    from qualepref.imports.kinds import KINDS

    p.add_argument("fichier", help="fichier .xlsx, .ods ou .csv")
    p.add_argument("--type", dest="type_donnees", required=True, choices=list(KINDS))
    p.add_argument("--site", required=True)
    p.add_argument("--annee", type=int, default=None)
    p.add_argument("--remplacer", action="store_true", help="remplace les données des périodes déjà importées")
    p.add_argument("--utilisateur", default="ligne de commande")


@commande("importer", "Importe un fichier (contrôlé d'abord ; rien n'est enregistré en cas d'erreur).",
          _configurer_importer)
def _importer(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.imports.pipeline import importer_fichier

    code, message = importer_fichier(ctx.moteur, args.fichier, args.type_donnees, args.site, args.annee,
                                     args.remplacer, args.utilisateur)
    (ctx.sortie if code == 0 else ctx.erreurs).write(message.rstrip("\n") + "\n")
    return code


def _configurer_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--supprimer", action="store_true", help="supprime les données de démonstration")


@commande("demo", "Crée (ou supprime) les données de démonstration.", _configurer_demo)
def _demo(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.sites import sites_de_demonstration, supprimer_demo

    if args.supprimer:
        nombre = supprimer_demo(ctx.moteur)
        ctx.sortie.write(f"Données de démonstration supprimées ({nombre} site{'s' if nombre > 1 else ''}).\n")
        return 0
    if sites_de_demonstration(ctx.moteur):
        raise ErreurCommande("Les données de démonstration sont déjà là (supprimez-les d'abord avec --supprimer).")
    from qualepref.imports.demo import charger_demo

    charger_demo(ctx.moteur)
    ctx.sortie.write(f"Données de démonstration créées ({len(sites_de_demonstration(ctx.moteur))} sites).\n")
    return 0


# --- results and publication ------------------------------------------------------------------------------------


def _configurer_delai_local(p: argparse.ArgumentParser) -> None:
    p.add_argument("site", help="code du site")
    p.add_argument("--engagement", type=int, help="engagement au délai « fixé localement » (38 ou 52)")
    p.add_argument("--procedure", default="", help="procédure (police administrative) ; sans : toutes procédures")
    p.add_argument("--jours", type=int, help="délai annoncé, en jours ouvrés")
    p.add_argument("--supprimer", action="store_true", help="retire ce délai (le délai par défaut s'applique)")
    p.add_argument("--utilisateur", default="ligne de commande")


@commande("delai-local", "Fixe (ou liste) les délais de traitement « fixés localement » d'un site (38.3, 52.2).",
          _configurer_delai_local)
def _delai_local(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref import delais_locaux
    from qualepref import format as fmt
    from qualepref.referentiels_en_place import referentiel_en_place

    site = _site_existant(ctx, args.site)
    ref = referentiel_en_place(ctx.moteur, site.referentiel)
    if args.jours is not None or args.supprimer:
        if args.engagement is None:
            raise ErreurCommande("Indiquez l'engagement : --engagement 38 (ou 52).")
        if args.supprimer:
            if not delais_locaux.retirer(ctx.moteur, site, args.engagement, args.procedure, args.utilisateur):
                raise ErreurCommande(f"Aucun délai fixé pour l'engagement {args.engagement} et la procédure "
                                     f"« {args.procedure or 'toutes procédures'} ».")
        else:
            try:
                delais_locaux.fixer(ctx.moteur, ref, site, args.engagement, args.procedure, args.jours,
                                    args.utilisateur)
            except delais_locaux.DelaiLocalInvalide as exc:
                raise ErreurCommande(str(exc)) from exc
    for _, d in delais_locaux.tableau(ctx.moteur, ref, site).iterrows():
        colonnes = (f"engagement {d['engagement']}", d["procedure"], f"{fmt.nombre(d['jours_ouvres'], 0)} jours ouvrés",
                    d["origine"])
        ctx.sortie.write("\t".join(fmt.sur_une_ligne(str(c)) for c in colonnes) + "\n")
    return 0


def _configurer_resultats(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", required=True)
    p.add_argument("--annee", required=True, type=int)
    p.add_argument("--format", choices=["json", "csv"], default="json")


@commande("resultats", "Calcule tous les résultats d'un site pour une année.", _configurer_resultats)
def _resultats(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.resultats import vers_json

    resultats = _resultats_de(ctx, args.site, args.annee)
    if args.format == "json":
        json.dump(vers_json(resultats), ctx.sortie, ensure_ascii=False, indent=2, allow_nan=False)
        ctx.sortie.write("\n")
    else:
        resultats.indicateurs.to_csv(ctx.sortie, index=False, sep=";", lineterminator="\n")
    return 0


def _configurer_publier(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", required=True)
    p.add_argument("--annee", required=True, type=int)
    p.add_argument("--trimestre", type=int, choices=[1, 2, 3, 4], default=None)
    p.add_argument("--note", default=None, help="note de correction affichée avec la mise à jour")
    p.add_argument("--utilisateur", default="ligne de commande")


@commande("publier", "Publie (fige) les résultats d'une année ou d'un trimestre pour le comité des usagers.",
          _configurer_publier)
def _publier(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.publication import publier_resultats

    resultats = _resultats_de(ctx, args.site, args.annee)
    periode = publier_resultats(ctx.moteur, resultats, args.trimestre, args.utilisateur, args.note)
    ctx.sortie.write(f"Résultats {periode} du site « {args.site} » publiés.\n")
    return 0


def _configurer_fichier_sauvegarde(p: argparse.ArgumentParser) -> None:
    p.add_argument("fichier", help="fichier de sauvegarde (une base SQLite, par exemple qualepref-2024-05-31.db)")


def _resume_sauvegarde(comptes: dict[str, int]) -> str:
    """« N lignes dans T tables » for the one-line summaries of backup and restore."""
    lignes = sum(comptes.values())
    return f"{lignes} ligne{'s' if lignes > 1 else ''} dans {len(comptes)} table{'s' if len(comptes) > 1 else ''}"


@commande("sauvegarde", "Écrit toute la base dans un fichier de sauvegarde (même pendant l'utilisation).",
          _configurer_fichier_sauvegarde)
def _sauvegarde(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.store import ErreurStockage
    from qualepref.store.sauvegarde import sauvegarder

    try:
        comptes = sauvegarder(ctx.moteur, args.fichier)
    except ErreurStockage as exc:
        raise ErreurCommande(str(exc)) from exc
    ctx.sortie.write(f"Sauvegarde écrite : {args.fichier} ({_resume_sauvegarde(comptes)}).\n")
    return 0


@commande("restaurer", "Remplace tout le contenu de la base par celui d'un fichier de sauvegarde.",
          _configurer_fichier_sauvegarde)
def _restaurer(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.store import ErreurStockage
    from qualepref.store.sauvegarde import restaurer

    try:
        comptes = restaurer(ctx.moteur, args.fichier)
    except ErreurStockage as exc:
        raise ErreurCommande(str(exc)) from exc
    ctx.sortie.write(f"Sauvegarde restaurée : {args.fichier} ({_resume_sauvegarde(comptes)}).\n")
    return 0
