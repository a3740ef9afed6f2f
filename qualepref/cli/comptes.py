"""Commands on accounts: ``compte-ajouter``."""

from __future__ import annotations

import argparse

from qualepref.cli import Contexte, commande


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
