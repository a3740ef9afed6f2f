"""Log-in timing: an unknown identifiant must cost what a known one costs (issue 14 §2), on every path.

On a fresh SQLite file with one account, it times ``qualepref.acces.connecter`` for a wrong password on the known
account and on an unknown identifiant, each on every path of the rules (a plain failure, a try inside a wait, a
try while locked), interleaved so the shared machine's noise falls on both alike, and prints the medians and their
ratios. The floor, measured in the same run, is one bare argon2 verification (``PasswordHasher.verify``): every
attempt should cost about one. Goal: for each path, unknown / known between 0,8 and 1,25, and every path under
2 × the floor (no second argon2 run hidden anywhere). Exit code 1 when a goal is missed.

    python bench/connexion.py [--essais 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from argon2 import PasswordHasher  # noqa: E402

from qualepref.acces import connecter, creer_compte  # noqa: E402
from qualepref.store import creer_moteur  # noqa: E402

T0 = dt.datetime(2026, 12, 1, 9, 0)
CHEMINS = {
    "échec simple": 0,  # failures 1-2: no wait
    "essai pendant une attente": 3,  # after 3 failures, a try at once: refused unchecked, counted
    "essai compte bloqué": 6,  # after 6 failures: locked
}


def _mesurer(moteur, identifiant: str, prealables: int, numero: int) -> float:  # noqa: ANN001 - Engine
    adresse = f"10.9.{numero // 250}.{numero % 250}"  # a fresh address each time: the path is the same every run
    for _ in range(prealables):
        connecter(moteur, identifiant, "faux", maintenant=T0, adresse=adresse)
    debut = time.perf_counter()
    connecter(moteur, identifiant, "faux", maintenant=T0, adresse=adresse)
    return time.perf_counter() - debut


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essais", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as dossier:
        moteur = creer_moteur(f"sqlite:///{Path(dossier) / 'bench.db'}")
        creer_compte(moteur, "referent", "referent", "mot de passe du référent")
        hacheur = PasswordHasher()
        empreinte = hacheur.hash("un mot de passe")
        plancher = []
        for _ in range(args.essais):
            debut = time.perf_counter()
            try:
                hacheur.verify(empreinte, "faux")
            except Exception:  # noqa: BLE001, S110 - a mismatch is what we time
                pass
            plancher.append(time.perf_counter() - debut)
        sol = statistics.median(plancher)
        print(f"plancher (une vérification argon2) : {sol * 1000:.1f} ms")
        ok, numero = True, 0
        for chemin, prealables in CHEMINS.items():
            durees: dict[str, list[float]] = {"referent": [], "inconnu": []}
            for _ in range(args.essais):
                for identifiant in durees:
                    numero += 1
                    durees[identifiant].append(_mesurer(moteur, identifiant, prealables, numero))
            connu, inconnu = statistics.median(durees["referent"]), statistics.median(durees["inconnu"])
            rapport = inconnu / connu
            bon = 0.8 <= rapport <= 1.25 and max(connu, inconnu) < 2 * sol
            ok &= bon
            print(f"{chemin:<28} connu {connu * 1000:6.1f} ms ({connu / sol:4.2f} × plancher)  inconnu "
                  f"{inconnu * 1000:6.1f} ms ({inconnu / sol:4.2f} ×)  inconnu/connu {rapport:4.2f}  "
                  f"{'ok' if bon else 'MANQUÉ'}")
        moteur.dispose()
    print("objectif atteint" if ok else "objectif manqué")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
