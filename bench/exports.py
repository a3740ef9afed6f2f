"""Benchmark: writing all the exports of a site-year, against computing its results in the same run.

- floor: ``resultats.calculer`` for the site-year (synthetic data: a journal of ``--lignes`` rows, imported values
  for every imported indicator, survey, mystery checks, plan d'actions, PAN, avis);
- the exports: bilan (.xlsx), présentation (.pptx), affiche (.pdf and .html) and open data (.csv), built from the
  published snapshot of the same results (``depuis_json(vers_json(...))``, what a publication hands out).
  Goal: all of them within 5 × the computation.

    python bench/exports.py [--lignes 50000] [--repetitions 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from qualepref.exports import REGISTRY  # noqa: E402
from qualepref.store import Site  # noqa: E402

ANNEE = 2024
SITE = Site("BENCH", "Préfecture d'essai", "prefecture", True, "metropole", "qualepref-2019", (1, 2, 3, 4),
            code_postal="51000", ville="Châlons-en-Champagne", code_sp="SP-0000")
THEMES = ["Accueil en préfecture", "Accueil téléphonique", "Point d'accueil numérique", "Courriers/courriels",
          "Site internet", "Réseaux sociaux"]


def _mediane(fonction: Callable[[], object], repetitions: int) -> float:
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def donnees_synthetiques(ref, lignes: int, graine: int = 11):  # noqa: ANN001, ANN201 - Referentiel → DonneesSite
    """Plausible data of every kind for the year and the one before."""
    from bench.resultats import journal_synthetique  # the same journal as the results benchmark
    from qualepref.resultats import DonneesSite

    alea = np.random.default_rng(graine)
    journal = journal_synthetique(lignes).assign(site=SITE.code)
    valeurs = []
    for ind in (i for i in ref.indicateurs if i.calcul not in ("journal", "enquete") and i.module in SITE.modules):
        for annee in (ANNEE - 1, ANNEE):
            for mois in range(1, 13):
                valeur = float(alea.uniform(60, 99)) if ind.unite == "%" else float(alea.uniform(2, 40))
                valeurs.append({"site": SITE.code, "indicateur": ind.code, "periode": f"{annee}-{mois:02d}",
                                "valeur": valeur, "numerateur": None, "denominateur": None, "commentaire": None})
    agregee = pd.DataFrame([{"site": SITE.code, "annee": a, "theme": t, "satisfaits": int(s), "exprimes": 400,
                             "taux": pd.NA} for a in (ANNEE - 1, ANNEE) for t, s in
                            zip(THEMES, alea.integers(200, 400, len(THEMES)), strict=True)])
    plan = pd.DataFrame([{"site": SITE.code, "annee": ANNEE, "axe": f"Axe {1 + k % 2}", "thematique": f"Thème {k % 6}",
                          "action": f"Action {k}", "structure": "Préfecture", "pilote": "Bureau",
                          "echeance": pd.Timestamp(f"{ANNEE}-{1 + k % 12:02d}-28"),
                          "statut": ["a_lancer", "en_cours", "realisee"][k % 3], "avancement": float(k * 7 % 101),
                          "engagement": "3"} for k in range(26)])
    pan = pd.DataFrame([{"site": SITE.code, "point": p, "mois": pd.Timestamp(f"{ANNEE}-{m:02d}-01"), "demarche": d,
                         "nombre": int(alea.integers(5, 200))} for p in ("Préfecture", "Sous-préfecture")
                        for m in range(1, 13) for d in ("Étrangers", "Permis de conduire", "Autres")])
    avis = pd.DataFrame([{"site": SITE.code, "date": pd.Timestamp(f"{ANNEE}-{1 + k:02d}-10"), "structure": "Préfecture",
                          "sujet": f"Sujet {k}", "tonalite": ["positif", "neutre", "negatif"][k % 3],
                          "date_reponse": pd.NaT} for k in range(10)])
    mystere = pd.DataFrame([{"site": SITE.code, "date": pd.Timestamp(f"{ANNEE}-{1 + k % 12:02d}-15"),
                             "canal": ["telephone", "courriel"][k % 2], "critere": f"Critère {k % 4}",
                             "conforme": bool(k % 5)} for k in range(40)])
    enquete = pd.DataFrame(columns=["site", "annee", "repondant", "question", "theme", "reponse"])
    return DonneesSite(journal=journal, valeurs=pd.DataFrame(valeurs), enquete=enquete, enquete_agregee=agregee,
                       mystere=mystere, plan=plan, pan=pan, avis=avis)


def tous_les_exports(resultats, publie, faits: dict) -> int:  # noqa: ANN001
    """Build every registered export (bilan from live results, the others from the snapshot); total bytes."""
    total = 0
    for export in REGISTRY.values():
        source = publie if export.publie_seulement else resultats
        total += len(export.construire(source, SITE, faits))
    return total


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--lignes", type=int, default=50_000)
    parseur.add_argument("--repetitions", type=int, default=3)
    args = parseur.parse_args()
    faits = {"publie_le": dt.datetime(ANNEE + 1, 1, 20), "versions": 1, "note": None, "periode": str(ANNEE)}
    from qualepref.referentiel import charger
    from qualepref.resultats import calculer, depuis_json, vers_json

    ref = charger(SITE.referentiel)
    donnees = donnees_synthetiques(ref, args.lignes)
    cibles = pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale", "annee_initiale", "annee_cible"])
    aujourd_hui = dt.date(ANNEE + 1, 1, 15)
    resultats = calculer(ref, SITE, donnees, ANNEE, cibles, aujourd_hui)
    publie = depuis_json(vers_json(resultats))
    calcul = _mediane(lambda: calculer(ref, SITE, donnees, ANNEE, cibles, aujourd_hui), args.repetitions)
    octets = tous_les_exports(resultats, publie, faits)
    exports = _mediane(lambda: tous_les_exports(resultats, publie, faits), args.repetitions)
    ratio = exports / calcul
    print(f"journal de {args.lignes:,} lignes".replace(",", " "))
    print(f"calcul des résultats du site-année : {calcul * 1000:9.1f} ms")
    print(f"tous les exports ({len(REGISTRY)} fichiers, {octets:,} octets)".replace(",", " ")
          + f" : {exports * 1000:9.1f} ms → {ratio:5.2f} × (objectif ≤ 5)")
    return 0 if ratio <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
