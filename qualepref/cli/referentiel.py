"""Commands on the referential: ``referentiel`` (export), ``referentiel-importer`` (check, activate)."""

from __future__ import annotations

import argparse
import json

from qualepref.cli import Contexte, ErreurCommande, commande


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
