"""Benchmark: the Tableau de bord rendered by AppTest with three years of demonstration data for three sites,
cold (caches empty) and warm, against a page that renders one ``st.write`` (the floor), all in the same run.

Goal (issue "Les pages"): warm within 5 times the floor, cold within 30 times. Prints ratios, not seconds alone
(the machines are shared and noisy).

    python bench/pages.py [--repetitions 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path[0] = str(RACINE)  # the project, not bench/ (bench/pages.py would shadow the pages package)


def _chrono(fonction) -> float:  # noqa: ANN001
    debut = time.perf_counter()
    fonction()
    return time.perf_counter() - debut


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--repetitions", type=int, default=5)
    args = parseur.parse_args()
    dossier = Path(tempfile.mkdtemp(prefix="qualepref-bench-"))
    config = dossier / "config.toml"
    config.write_text(f'[base]\nurl = "sqlite:///{dossier / "bench.db"}"\n[demo]\nau_premier_demarrage = false\n',
                      encoding="utf-8")
    os.environ["QUALEPREF_CONFIG"] = str(config)
    os.environ.pop("QUALEPREF_DATABASE_URL", None)

    import streamlit as st
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    # As on the server after its first run (see tests/pages/conftest.py): app.py's st.navigation decides pages.
    origine = PagesManager.__init__

    def init(self, *a, **k) -> None:  # noqa: ANN001, ANN002, ANN003
        origine(self, *a, **k)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init

    from pages.commun import Cle
    from qualepref.acces import REFERENT, connecter, creer_compte, ouvrir_session
    from qualepref.config import charger_config
    from qualepref.imports.demo import charger_demo
    from qualepref.store import creer_moteur

    moteur = creer_moteur(charger_config().url_base)
    charger_demo(moteur)
    creer_compte(moteur, "bench", REFERENT, "mot de passe du banc d'essai")
    jeton = ouvrir_session(moteur, connecter(moteur, "bench", "mot de passe du banc d'essai").compte, 600)

    def plancher() -> None:
        AppTest.from_string("import streamlit as st\nst.write('plancher')").run(timeout=60)

    def tableau_de_bord() -> None:
        at = AppTest.from_file(str(RACINE / "app.py"), default_timeout=120)
        at.session_state[Cle.JETON] = jeton
        at.run()
        assert not at.exception, at.exception
        assert at.title[0].value == "Tableau de bord"

    plancher()  # imports warmed up before measuring
    planchers, froids, chauds = [], [], []
    for _ in range(args.repetitions):
        planchers.append(_chrono(plancher))
        st.cache_data.clear()
        froids.append(_chrono(tableau_de_bord))
        chauds.append(_chrono(tableau_de_bord))
    p, f, c = (statistics.median(x) for x in (planchers, froids, chauds))
    print(f"plancher (st.write)         : {p * 1000:8.1f} ms (médiane de {args.repetitions})")
    print(f"tableau de bord, à froid    : {f * 1000:8.1f} ms  → {f / p:5.1f} × le plancher (objectif < 30)")
    print(f"tableau de bord, à chaud    : {c * 1000:8.1f} ms  → {c / p:5.1f} × le plancher (objectif < 5)")
    return 0 if f / p < 30 and c / p < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
