"""Benchmark: the results of a site-year over a 500 000-row journal, against floors measured in the same run.

- floor: one ``numpy.busday_count`` pass over the journal's date pairs (with the zone's holidays);
- the jours-ouvrés column (``calendrier.jours_ouvres``): goal within 1.5 × the floor;
- all results of the site-year (``resultats.calculer``): goal within 15 × the floor;
- reading the site-year from SQLite (``store.load_journal``): goal within 1.5 × ``pandas.read_sql`` of the same rows.

    python bench/resultats.py [--lignes 500000] [--repetitions 5]

Each time is the median of ``--repetitions`` calls (the first call of ``calculer``, which fills the process's
caches, is printed apart).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

from qualepref import calendrier  # noqa: E402
from qualepref.referentiel import charger  # noqa: E402
from qualepref.resultats import DonneesSite, calculer  # noqa: E402
from qualepref.store import Site, creer_moteur, enregistrer_import, load_journal, save_site  # noqa: E402

ANNEE = 2024
SITE = Site("BENCH", "Préfecture d'essai", "prefecture", True, "metropole", "qualepref-2019", (1, 2, 4))


def journal_synthetique(lignes: int, graine: int = 7) -> pd.DataFrame:
    """A plausible journal: receptions over the year, answers 0–25 days later, 3 % pending, some attente."""
    alea = np.random.default_rng(graine)
    reception = pd.Timestamp(f"{ANNEE}-01-01") + pd.to_timedelta(alea.integers(0, 366, lignes), unit="D")
    reponse = reception + pd.to_timedelta(alea.integers(0, 26, lignes), unit="D")
    reponse = reponse.where(alea.random(lignes) > 0.03)
    return pd.DataFrame({
        "site": SITE.code,
        "reference": [f"R{i}" for i in range(lignes)],
        "canal": alea.choice(["courrier", "courriel", "formulaire", "urne"], lignes),
        "nature": alea.choice(["information", "reclamation", "suggestion", "collectivite"], lignes),
        "date_reception": reception.astype("datetime64[ns]"),
        "date_completude": pd.Series(pd.NaT, index=range(lignes), dtype="datetime64[ns]"),
        "date_reponse": pd.Series(reponse, dtype="datetime64[ns]"),
        "type_reponse": pd.Series(np.where(alea.random(lignes) < 0.1, "attente", "fond"), dtype="str")
        .where(pd.Series(reponse).notna()),
        "service": alea.choice(["Accueil", "Titres", "Étrangers", "Collectivités"], lignes),
    })


def _mediane(fonction, repetitions: int) -> float:  # noqa: ANN001
    durees = []
    for _ in range(repetitions):
        debut = time.perf_counter()
        fonction()
        durees.append(time.perf_counter() - debut)
    return statistics.median(durees)


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--lignes", type=int, default=500_000)
    parseur.add_argument("--repetitions", type=int, default=5)  # a shared machine of 2 cores is noisy
    args = parseur.parse_args()
    ref = charger("qualepref-2019")
    journal = journal_synthetique(args.lignes)
    donnees = dataclasses.replace(DonneesSite.vide(), journal=journal)
    debut = journal["date_reception"].to_numpy().astype("datetime64[D]")
    fin = journal["date_reponse"].fillna(journal["date_reception"]).to_numpy().astype("datetime64[D]")
    feries = calendrier.calendrier_ouvre(None, ANNEE - 1, ANNEE + 1)

    cibles = pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale", "annee_initiale", "annee_cible"])
    aujourd_hui = dt.date(ANNEE + 1, 1, 15)

    plancher = _mediane(lambda: np.busday_count(debut + 1, fin + 1, busdaycal=feries), args.repetitions)
    colonne = _mediane(lambda: calendrier.jours_ouvres(journal["date_reception"], journal["date_reponse"], None),
                       args.repetitions)
    # the first call also fills the process's caches (holiday calendars, referential tables): shown apart, the
    # goal is on the median of the calls that follow, as for the floor
    premier = _mediane(lambda: calculer(ref, SITE, donnees, ANNEE, cibles, aujourd_hui), 1)
    tout = _mediane(lambda: calculer(ref, SITE, donnees, ANNEE, cibles, aujourd_hui), args.repetitions)
    sans_journal = _mediane(lambda: calculer(ref, SITE, DonneesSite.vide(), ANNEE, cibles, aujourd_hui),
                            args.repetitions)

    dossier = Path(tempfile.mkdtemp(prefix="qualepref-bench-"))
    moteur = creer_moteur(f"sqlite:///{dossier / 'bench.db'}")
    save_site(moteur, SITE)
    lignes = journal.drop(columns="site").assign(cle=journal["date_reception"].dt.strftime("%Y-%m"))
    enregistrer_import(moteur, type_donnees="journal", site=SITE.code, lignes=lignes, fichier="bench",
                       sha256="0" * 64, utilisateur="bench", periodes=sorted(lignes["cle"].unique()))
    requete = ("SELECT site, reference, canal, nature, date_reception, date_completude, date_reponse, type_reponse, "
               "service, engagement, support, date_proposition, date_rendez_vous, indisponibilite, procedure, id "
               "FROM journal WHERE remplace_par IS NULL AND site = 'BENCH' AND annee = 2024 ORDER BY id")
    with moteur.connect() as conn:
        brut = _mediane(lambda: pd.read_sql(requete, conn), args.repetitions)
    lecture = _mediane(lambda: load_journal(moteur, SITE.code, [ANNEE]), args.repetitions)

    print(f"journal de {args.lignes:,} lignes".replace(",", " "))
    print(f"plancher numpy.busday_count      : {plancher * 1000:9.1f} ms")
    print(f"colonne jours ouvrés             : {colonne * 1000:9.1f} ms → {colonne / plancher:5.2f} × (objectif ≤ 1,5)")
    print(f"tous les résultats du site-année : {tout * 1000:9.1f} ms → {tout / plancher:5.2f} × (objectif ≤ 15)")
    print(f"  dont sans journal (site vide)  : {sans_journal * 1000:9.1f} ms ; premier appel : {premier * 1000:.1f} ms")
    print(f"pandas.read_sql (plancher)       : {brut * 1000:9.1f} ms")
    print(f"store.load_journal               : {lecture * 1000:9.1f} ms → {lecture / brut:5.2f} × (objectif ≤ 1,5)")
    succes = colonne / plancher <= 1.5 and tout / plancher <= 15 and lecture / brut <= 1.5
    return 0 if succes else 1


if __name__ == "__main__":
    sys.exit(main())
