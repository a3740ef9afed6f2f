"""Hand-known data for page tests: the site and frames of tests/test_resultats.py stored through the store.

The figures are those that test pins by hand (taux dans le délai 2024 = 75 %, plan d'actions 46,7 %, ...), so a page
test can check both that the page shows what ``qualepref`` computes and what that number is.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from qualepref.store import enregistrer_import, save_site
from tests import test_resultats as cas

SITE = cas.SITE
AUJOURD_HUI = cas.AUJOURD_HUI


def _mois(serie: pd.Series) -> pd.Series:
    return pd.to_datetime(serie).dt.strftime("%Y-%m")


CLES = {
    "journal": lambda f: _mois(f["date_reception"]),
    "enquete": lambda f: f["annee"].astype(str),
    "enquete-agregee": lambda f: f["annee"].astype(str) + "|" + f["theme"].str.lower(),
    "mystere": lambda f: _mois(f["date"]),
    "plan": lambda f: f["annee"].astype(str),
    "pan": lambda f: _mois(f["mois"]),
    "avis": lambda f: _mois(f["date"]),
    "indicateurs": lambda f: f["indicateur"] + "|" + f["periode"],
}


def remplir(moteur: Engine) -> None:
    """Store the site and every kind of data of tests/test_resultats.py."""
    save_site(moteur, SITE)
    d = cas.donnees()
    cadres = {"journal": d.journal, "indicateurs": d.valeurs, "enquete": d.enquete,
              "enquete-agregee": d.enquete_agregee, "mystere": d.mystere, "plan": d.plan, "pan": d.pan,
              "avis": d.avis}
    for type_donnees, cadre in cadres.items():
        lignes = cadre.drop(columns="site").assign(cle=CLES[type_donnees](cadre))
        enregistrer_import(moteur, type_donnees=type_donnees, site=SITE.code, lignes=lignes,
                           fichier=f"{type_donnees}.xlsx", sha256="0" * 64, utilisateur="test",
                           periodes=sorted(lignes["cle"].unique()))
