"""Reading a file in a child process: no file, however crafted, can stop the server.

Native readers (calamine, pyarrow's CSV reader, zlib) can abort the whole process on a file they were not written
for: a 2 KB workbook whose one far cell makes calamine ask for 512 GiB ends in SIGABRT, and with it every signed-in
user's session. So the server never parses an uploaded or imported file itself: ``analyser_isole`` starts a child
(``python -m qualepref.imports.isolement``, a fresh interpreter: nothing of the server's state is shared), which
limits its own address space (``RLIMIT_AS``) and processor time (``RLIMIT_CPU``) before it reads a byte, then
reads, converts and checks the file (``analyse.analyser_fichier``) and hands back the rows and the problems
(pickled on its standard output). The parent waits at most ``delai_s`` seconds (wall clock). A crash, a limit or a
timeout in the child becomes one French sentence naming the file (« le fichier … n'a pas pu être lu (il dépasse
…) »); the server goes on serving everyone.

What it costs: one interpreter start and the modules' import (about 0,4 s on an idle machine), and the pickling of
the checked rows (typed columns: fast). One child is kept waiting, modules imported, for the next file: its start
is then off the user's wait. Each child reads one file and exits (nothing of one file stays for the next).
``bench/import_journal.py`` measures the cost against its floor.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import logging
import os
import pickle
import resource
import subprocess
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from qualepref.format import nombre
from qualepref.imports.analyse import ReferentielDonne, donnees_du_referentiel, message_inattendu
from qualepref.imports.validation import Probleme

JOURNAL = logging.getLogger(__name__)
RACINE = Path(__file__).resolve().parent.parent.parent
MEMOIRE_MO = 2048  # address space of the child: a 500 000-row journal needs about 1,2 Gio of it
DELAI_S = 180
CODE_MEMOIRE, CODE_INATTENDU = 3, 4  # the child's exit codes (a signal, or any other code, is a crash)
_ENVIRONNEMENT = {"ARROW_DEFAULT_MEMORY_POOL": "system",  # jemalloc/mimalloc reserve address space up front
                  "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "RAYON_NUM_THREADS": "1",
                  "PYTHONHASHSEED": "0", "PYTHONDONTWRITEBYTECODE": "1"}


@dataclass(frozen=True)
class Limites:
    """What one read may use: address space (Mio) and time (seconds, wall clock for the parent, CPU for the
    child)."""

    memoire_mo: int = MEMOIRE_MO
    delai_s: float = DELAI_S


def message_memoire(nom: str, limites: Limites) -> str:
    """The child crashed or ran out of memory."""
    return (f"le fichier « {nom} » n'a pas pu être lu (il dépasse la mémoire permise pour lire un fichier, "
            f"{nombre(limites.memoire_mo)} Mo) : il contient sans doute des cellules très éloignées du tableau ou "
            "beaucoup trop de lignes ; supprimez-les (Ctrl+Fin dans Excel montre la dernière cellule) ou découpez le "
            "fichier, puis déposez-le à nouveau.")


def message_delai(nom: str, limites: Limites) -> str:
    """The child ran past its time."""
    return (f"le fichier « {nom} » n'a pas pu être lu (il dépasse le temps permis pour lire un fichier, "
            f"{nombre(limites.delai_s, 2)} secondes) : découpez-le (par année par exemple) puis importez chaque "
            "partie.")


def analyser_isole(contenu: bytes, nom: str, type_donnees: str, referentiel: ReferentielDonne, annee: int | None,
                   aujourd_hui: dt.date, lignes_max: int, taille_max: int, modules: tuple[int, ...] | None = None,
                   exclus: tuple[int, ...] = (), limites: Limites | None = None) -> tuple[pd.DataFrame, list[Probleme]]:
    """``analyse.analyser_fichier`` run in a limited child process (see the module's docstring).

    ``referentiel``: the version in place the file's codes are checked against; the child receives it as plain
    data (``analyse.donnees_du_referentiel``) and rebuilds it with the loader's checks, before its limits."""
    limites = limites or Limites()
    demande = pickle.dumps({"contenu": contenu, "nom": nom, "type_donnees": type_donnees,
                            "referentiel": donnees_du_referentiel(referentiel), "annee": annee,
                            "aujourd_hui": aujourd_hui,
                            "lignes_max": lignes_max, "taille_max": taille_max, "modules": modules,
                            "exclus": tuple(exclus),
                            "memoire_mo": limites.memoire_mo,
                            "delai_s": limites.delai_s}, protocol=pickle.HIGHEST_PROTOCOL)
    enfant = _prendre_enfant()
    try:
        sortie, erreurs = enfant.communicate(demande, timeout=limites.delai_s)
    except subprocess.TimeoutExpired:
        enfant.kill()
        enfant.communicate()
        JOURNAL.info("Lecture de %r arrêtée après %s s", nom, limites.delai_s)
        return pd.DataFrame(), [Probleme(nom, None, None, None, None, message_delai(nom, limites))]
    if enfant.returncode == 0:
        try:
            return pickle.loads(sortie)  # noqa: S301 - our own child's answer, on a pipe only it writes
        except Exception:  # noqa: BLE001 - a truncated answer is a crash like any other
            pass
    JOURNAL.info("Lecture de %r : le processus de lecture s'est arrêté (code %s) : %s", nom, enfant.returncode,
                 erreurs.decode("utf-8", "replace")[-2000:])
    if enfant.returncode == CODE_INATTENDU:
        return pd.DataFrame(), [Probleme(nom, None, None, None, None, message_inattendu(RuntimeError()))]
    return pd.DataFrame(), [Probleme(nom, None, None, None, None, message_memoire(nom, limites))]


_RESERVE: list[subprocess.Popen] = []
_VERROU = threading.Lock()


def _demarrer() -> subprocess.Popen:
    """A fresh child: it imports the readers, then waits for its one request on standard input."""
    environnement = {**os.environ, **_ENVIRONNEMENT,
                     "PYTHONPATH": os.pathsep.join(filter(None, (str(RACINE), os.environ.get("PYTHONPATH"))))}
    return subprocess.Popen([sys.executable, "-m", "qualepref.imports.isolement"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=RACINE, env=environnement,
                            close_fds=True, start_new_session=True)


def _prendre_enfant() -> subprocess.Popen:
    """The waiting child if there is one still alive (its interpreter start is then off the user's wait), else a
    new one; a new waiting child is started for the next file. Each child reads one file only and exits."""
    with _VERROU:
        enfant = next((e for e in _RESERVE if e.poll() is None), None)
        _RESERVE.clear()
        _RESERVE.append(_demarrer())
    return enfant or _demarrer()


@atexit.register
def _liberer_reserve() -> None:
    """At exit, the waiting child reads an empty request and ends."""
    for enfant in _RESERVE:
        with contextlib.suppress(Exception):
            enfant.communicate(b"", timeout=5)
    _RESERVE.clear()


def _limiter(memoire_mo: int, delai_s: float) -> None:
    """The child's own limits, set before it reads anything (a limit cannot be raised again once lowered)."""
    octets = memoire_mo * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (octets, octets))
    secondes = int(delai_s) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (secondes, secondes + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _precharger(donne: ReferentielDonne) -> ReferentielDonne:
    """The libraries the reading imports lazily, and the site's referential (our own data, rebuilt from what the
    parent sent): loaded before the limits, so that a limit reached is the file's doing. Returns the Referentiel
    (or what was given, when it cannot be built: the analysis then says why)."""
    import defusedxml.ElementTree  # noqa: F401
    import pyarrow.csv  # noqa: F401
    import python_calamine  # noqa: F401

    from qualepref.imports.analyse import referentiel_de

    try:
        return referentiel_de(donne)
    except KeyError:
        return donne  # the analysis says it


def main() -> int:
    """The child: read the request on standard input, limit itself, answer on standard output."""
    from qualepref.imports.analyse import analyser_fichier  # our code, before the limits: it reads no file

    brut = sys.stdin.buffer.read()
    if not brut:
        return 0  # a waiting child no longer needed
    demande = pickle.loads(brut)  # noqa: S301 - written by the parent, which started us
    demande["referentiel"] = _precharger(demande["referentiel"])
    _limiter(demande.pop("memoire_mo"), demande.pop("delai_s"))
    try:
        reponse = pickle.dumps(analyser_fichier(**demande), protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        return CODE_MEMOIRE
    except Exception:  # noqa: BLE001 - the parent says « erreur inattendue »; the detail goes to its log
        traceback.print_exc()
        return CODE_INATTENDU
    sys.stdout.buffer.write(reponse)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
