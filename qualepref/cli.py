"""The command line: ``python -m qualepref COMMANDE ...`` for what the référent automates.

Commands are a registry (name → parser set-up and action), so a new command is one entry, not a new branch.
Every error is written to stderr in French with exit code 1; no traceback ever reaches the user: the detail of an
unexpected error goes to ``data/ligne-de-commande.log`` (or nowhere when it cannot be written), and everything
printed has its control characters escaped (``format.sur_une_ligne``): a value read from a file cannot drive the
terminal.
"""

from __future__ import annotations

import argparse
import json
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


def _liste_modules(texte: str) -> tuple[int, ...]:
    try:
        return tuple(sorted({int(m) for m in texte.replace(" ", "").split(",") if m}))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"« {texte} » n'est pas une liste de numéros de modules (exemple : 1,2,4)"
        ) from exc


# --- sites and referential ----------------------------------------------------------------------------------------

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


def _configurer_referentiel(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
    p.add_argument("--version", dest="version", default="qualepref-2019",
                   help="code du référentiel (qualepref-2019, quali-ate, services-publics-plus…)")
    p.add_argument("--sortie", help="fichier à écrire (obligatoire pour --format xlsx)")


@commande("referentiel", "Exporte le référentiel en place (modules, engagements, indicateurs, délais ; en classeur "
                         "avec --format xlsx).", _configurer_referentiel)
def _referentiel(args: argparse.Namespace, ctx: Contexte) -> int:
    from pathlib import Path

    from qualepref.referentiel.classeur import classeur
    from qualepref.referentiel.tables import tables_du_referentiel
    from qualepref.referentiels_en_place import codes_en_place, referentiel_en_place

    disponibles = codes_en_place(ctx.moteur)
    if args.version not in disponibles:
        raise ErreurCommande(f"Référentiel « {args.version} » inconnu (disponibles : {', '.join(disponibles)}).")
    ref = referentiel_en_place(ctx.moteur, args.version)
    if args.format == "xlsx":
        if not args.sortie:
            raise ErreurCommande("Indiquez le fichier à écrire : --sortie FICHIER.xlsx")
        try:
            Path(args.sortie).write_bytes(classeur(ref))
        except OSError as exc:
            raise ErreurCommande(f"Impossible d'écrire « {args.sortie} » : {exc.strerror or exc}.") from exc
        ctx.sortie.write(f"Référentiel « {ref.titre} » ({ref.version}) écrit : {args.sortie}\n")
        return 0
    tables = tables_du_referentiel(ref)
    if args.format == "json":
        donnees = {nom: json.loads(cadre.to_json(orient="records", force_ascii=False)) for nom, cadre in tables.items()}
        json.dump(donnees, ctx.sortie, ensure_ascii=False, indent=2, allow_nan=False)  # missing values → null
        ctx.sortie.write("\n")
    else:
        for nom, cadre in tables.items():
            ctx.sortie.write(f"# {nom}\n")
            cadre.to_csv(ctx.sortie, index=False, sep=";", lineterminator="\n")
            ctx.sortie.write("\n")
    return 0


def _configurer_referentiel_importer(p: argparse.ArgumentParser) -> None:
    p.add_argument("fichier", help="classeur du référentiel (.xlsx), tel que l'écrit « referentiel --format xlsx »")
    p.add_argument("--activer", action="store_true", help="enregistre la version et la met en place")
    p.add_argument("--par", help="qui charge cette version (par défaut : l'utilisateur du système)")


@commande("referentiel-importer", "Vérifie un classeur de référentiel, montre ses différences avec la version en "
                                  "place ; --activer la met en place.", _configurer_referentiel_importer)
def _referentiel_importer(args: argparse.Namespace, ctx: Contexte) -> int:
    import getpass
    from pathlib import Path

    from qualepref.referentiel.lecture_classeur import ClasseurInvalide
    from qualepref.referentiels_en_place import activer, examiner
    from qualepref.store import ErreurStockage

    chemin = Path(args.fichier)
    try:
        contenu = chemin.read_bytes()
    except OSError as exc:
        raise ErreurCommande(f"Impossible de lire « {args.fichier} » : {exc.strerror or exc}.") from exc
    try:
        if args.activer:
            examen = activer(ctx.moteur, contenu, chemin.name, args.par or getpass.getuser())
        else:
            examen = examiner(ctx.moteur, contenu, chemin.name)
    except ClasseurInvalide as exc:
        nombre = len(exc.problemes)
        lignes = "\n".join(p.texte for p in exc.problemes)
        raise ErreurCommande(f"Classeur refusé ({nombre} problème{'s' if nombre > 1 else ''}), rien n'est "
                             f"enregistré :\n{lignes}") from None
    except ErreurStockage as exc:
        raise ErreurCommande(str(exc)) from exc
    ref = examen.referentiel
    ctx.sortie.write(f"Référentiel « {ref.titre} » ({ref.code}), version « {ref.version} » : classeur valide.\n")
    ctx.sortie.write("Différences avec la version en place :\n" if examen.remplace else "")
    for ligne in examen.differences:
        ctx.sortie.write(f"- {ligne}\n")
    if args.activer:
        ctx.sortie.write(f"Version activée : « {ref.titre} » est désormais en place (la précédente est gardée).\n")
    else:
        ctx.sortie.write("Rien n'est enregistré ; ajoutez --activer pour mettre cette version en place.\n")
    return 0


# --- accounts ---------------------------------------------------------------------------------------------------

def _configurer_compte(p: argparse.ArgumentParser) -> None:
    from qualepref.acces import ROLES

    p.add_argument("identifiant")
    p.add_argument("--role", required=True, choices=list(ROLES))
    p.add_argument("--email", default=None, help="adresse reconnue par l'authentification unique")
    p.add_argument("--nom", default=None)
    p.add_argument("--mot-de-passe", dest="mot_de_passe", default=None,
                   help="sinon un mot de passe à usage unique est créé et affiché")


@commande("compte-ajouter", "Crée un compte (ou réinitialise son mot de passe).", _configurer_compte)
def _compte_ajouter(args: argparse.Namespace, ctx: Contexte) -> int:
    from qualepref.acces import ROLES, creer_compte

    mot_de_passe = creer_compte(ctx.moteur, args.identifiant, args.role, args.mot_de_passe, args.email, args.nom)
    ctx.sortie.write(f"Compte « {args.identifiant} » ({ROLES[args.role]}) enregistré.\n")
    if args.mot_de_passe is None:
        ctx.sortie.write(f"Mot de passe à usage unique : {mot_de_passe}\n")
    return 0


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


# --- exports: bilan, présentation du comité, affichage, données ouvertes ------------------------------------------

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
