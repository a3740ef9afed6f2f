"""Load benchmark: N concurrent sessions reading the Tableau de bord of the real server while imports run.

The Streamlit server runs on loopback (``streamlit run app.py``, with the project's ``.streamlit/config.toml``) on a
SQLite file holding the demonstration préfecture's three years of data for 1 or 20 sites. N sessions sign in, wait
for one another, then re-render the dashboard several times at once (choosing another year, then back); meanwhile a
référent imports a journal again and again from the command line (``--remplacer``, every few seconds), so cached
results keep being invalidated and recomputed.

Two clients (``--client``):

- ``protocole`` (default): each session speaks Streamlit's websocket protocol itself, as the browser's front end
  does (``BackMsg.rerun_script`` with the widgets' states, ``ForwardMsg`` deltas until ``script_finished``). It
  measures what the server does for N users; the users' browsers, which run on their own machines, are not on the
  two shared cores.
- ``navigateur``: Debian's Chromium driven by Playwright, one browser context per session; a render is timed from
  the click to the moment the page shows the script finished (``data-test-script-state="notRunning"``) with the
  dashboard's figures. Here the N browsers' own rendering shares the cores with the server.

A render counts only if the dashboard came back (its heading "Engagements par module") and no error message did.
Once all sessions have signed in, they click together in rounds (every ``--periode`` seconds, ``--rendus`` rounds),
so each round is a burst of N simultaneous renders, and every level meets the référent's imports at the same pace:
a render just after an import waits for the results to be computed again, with one session as with twenty.

For 1, 5 and 20 sessions and 1 and 20 sites it prints the sessions served per second in a round (N over the
round's slowest render, median over rounds), the median and worst render, each against the same figure for one
session alone (like for like: the worst render of one session also includes a computation after an import), the
slowest log-in, and the errors met. Goal (issue 8): 20 sessions with the worst render under 4 × the worst render of
one session, and no error. The median ratio is printed too: Python runs one page script at a time, so a burst of
20 clicks costs about 20 page runs in a row, whatever the machine's cores. Bounded in count (``--rendus``) and time
(``--delai`` per render).

    python bench/charge.py [--sessions 1,5,20] [--sites 1,20] [--rendus 10] [--periode 2]
                           [--client protocole|navigateur]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RACINE))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGUMENTS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
MOT_DE_PASSE = "mot de passe du banc de charge"
AUJOURD_HUI = dt.date(2025, 6, 15)


@dataclass
class Mesures:
    """What one run measured."""

    rendus: list[float] = field(default_factory=list)
    tours: list[int] = field(default_factory=list)  # the round of each render
    connexions: list[float] = field(default_factory=list)  # from opening the app to the dashboard, signed in
    erreurs: list[str] = field(default_factory=list)
    imports: int = 0
    duree: float = 0.0


@dataclass
class Rythme:
    """When the rounds start: once every session has signed in (a barrier), round ``n`` starts at
    ``debut + n × periode`` for all of them at the same instant, so every round is a burst of N simultaneous
    clicks, and every level (1, 5, 20 sessions) meets the référent's imports at the same pace."""

    sessions: int
    periode: float
    barriere: asyncio.Barrier = field(init=False)
    debut: float | None = None

    def __post_init__(self) -> None:
        self.barriere = asyncio.Barrier(self.sessions)

    async def tous_connectes(self) -> None:
        await self.barriere.wait()
        if self.debut is None:  # the first session to pass sets the clock for all (one event loop)
            self.debut = asyncio.get_running_loop().time() + 0.2

    async def tour(self, n: int) -> None:
        await asyncio.sleep(max(0.0, self.debut + n * self.periode - asyncio.get_running_loop().time()))


def _port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def preparer_base(dossier: Path, sites: int) -> tuple[dict[str, str], Path]:
    """A database with ``sites`` copies of the demonstration préfecture's data, one référent; returns the
    environment pointing at it and a journal file for the concurrent imports."""
    config = dossier / "config.toml"
    config.write_text(f'[base]\nurl = "sqlite:///{dossier / "charge.db"}"\n[demo]\nau_premier_demarrage = false\n',
                      encoding="utf-8")
    env = {**os.environ, "QUALEPREF_CONFIG": str(config)}
    env.pop("QUALEPREF_DATABASE_URL", None)
    os.environ.update(QUALEPREF_CONFIG=str(config))
    os.environ.pop("QUALEPREF_DATABASE_URL", None)
    from dataclasses import replace

    from qualepref.acces import REFERENT, creer_compte
    from qualepref.config import charger_config
    from qualepref.imports.demo import SITES_DEMO, generer_fichiers
    from qualepref.imports.pipeline import analyser, importer
    from qualepref.store import creer_moteur, save_site

    moteur = creer_moteur(charger_config().url_base)
    creer_compte(moteur, "charge", REFERENT, MOT_DE_PASSE)
    modele = SITES_DEMO[0]
    fichiers = [f for f in generer_fichiers(AUJOURD_HUI) if f.site == modele.code]
    for n in range(1, sites + 1):
        site = replace(modele, code=f"CHARGE-{n:02d}", nom=f"Préfecture de charge n° {n}", demo=False)
        save_site(moteur, site)
        for f in fichiers:
            analyse = analyser(f.contenu, f.nom, f.type_donnees, site.code, site.referentiel, f.annee,
                               aujourd_hui=AUJOURD_HUI)
            importer(moteur, analyse, "charge", remplacer=True)
    journal = next(f for f in fichiers if f.type_donnees == "journal")
    chemin = dossier / journal.nom
    chemin.write_bytes(journal.contenu)
    moteur.dispose()
    return env, chemin


def demarrer_serveur(env: dict[str, str], journal: Path) -> tuple[subprocess.Popen, str]:
    """The real server on loopback; its output (the page guard's tracebacks included) goes to ``journal``."""
    port = _port_libre()
    processus = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
         "127.0.0.1", "--server.headless", "true"],
        cwd=RACINE, env=env, stdout=journal.open("wb"), stderr=subprocess.STDOUT)
    adresse = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{adresse}/_stcore/health", timeout=1):
                return processus, adresse
        except OSError:
            time.sleep(0.25)
    processus.terminate()
    raise RuntimeError("le serveur Streamlit n'a pas démarré en 60 s")


PAUSE_ENTRE_IMPORTS = 5.0  # seconds: a référent re-importing the journal every few seconds, not a flood


def importer_en_boucle(env: dict[str, str], journal: Path, arret: threading.Event, mesures: Mesures) -> None:
    """A référent importing the journal again and again (replacing it) while the sessions read."""
    while not arret.wait(PAUSE_ENTRE_IMPORTS if mesures.imports else 0):
        fini = subprocess.run([sys.executable, "-m", "qualepref", "importer", str(journal), "--type", "journal",
                               "--site", "CHARGE-01", "--remplacer"], cwd=RACINE, env=env, capture_output=True,
                              text=True, timeout=600)
        if fini.returncode != 0:
            mesures.erreurs.append("import : " + fini.stderr.strip()[:300])
        mesures.imports += 1


class SessionProtocole:
    """One Streamlit session over its websocket, spoken as the browser's front end speaks it: each run is a
    ``BackMsg.rerun_script`` carrying the widgets' states; the server answers with ``ForwardMsg`` deltas, then
    ``script_finished`` (a run ended early for a rerun, such as the log-in's, is followed by the next one)."""

    def __init__(self, adresse: str, delai_s: float) -> None:
        self.url = adresse.replace("http://", "ws://") + "/_stcore/stream"
        self.delai_s = delai_s
        self.page = ""  # the page script hash the server last ran, sent back like the front end does
        self.elements: list = []  # the elements of the last complete run
        self.ws = None

    async def ouvrir(self) -> None:
        from websockets.asyncio.client import connect  # a Streamlit dependency

        self.ws = await connect(self.url, subprotocols=["streamlit"], max_size=None, open_timeout=self.delai_s)

    async def fermer(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def executer(self, etats: list | tuple = ()) -> None:  # WidgetState messages
        """Ask for a run with these widget states and wait until a run finishes successfully."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        message = BackMsg()
        message.rerun_script.query_string = ""
        message.rerun_script.page_script_hash = self.page
        message.rerun_script.widget_states.widgets.extend(etats)
        await self.ws.send(message.SerializeToString())
        elements = []
        async with asyncio.timeout(self.delai_s):
            while True:
                recu = ForwardMsg()
                recu.ParseFromString(await self.ws.recv())
                genre = recu.WhichOneof("type")
                if genre == "new_session":
                    self.page, elements = recu.new_session.page_script_hash, []
                elif genre == "delta" and recu.delta.WhichOneof("type") == "new_element":
                    elements.append(recu.delta.new_element)
                elif genre == "script_finished":
                    if recu.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                        self.elements = elements
                        return
                    if recu.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        raise RuntimeError("le script de la page ne se compile pas")

    def widget(self, genre: str, libelle: str):  # noqa: ANN201 - a widget's protobuf
        """The widget of that kind and label in the last run."""
        for element in self.elements:
            if element.WhichOneof("type") == genre and getattr(element, genre).label == libelle:
                return getattr(element, genre)
        raise LookupError(f"pas de widget {genre} « {libelle} » sur la page")

    def textes(self) -> list[str]:
        """The headings' and metrics' labels and the alerts' bodies of the last run (what the checks read)."""
        lus = {"heading": lambda e: e.heading.body, "metric": lambda e: e.metric.label, "alert": lambda e: e.alert.body}
        return [lus[e.WhichOneof("type")](e) for e in self.elements if e.WhichOneof("type") in lus]


def _etat(identifiant: str, **valeur) -> object:  # noqa: ANN003 - one WidgetState field
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    etat = WidgetState(id=identifiant)
    for champ, v in valeur.items():
        setattr(etat, champ, v)
    return etat


REPERE = "Engagements par module"  # the dashboard's first heading, above the module tiles (pages/tableau_de_bord.py)


def _verifier_tableau(textes: list[str]) -> None:
    if any("Une erreur inattendue" in t for t in textes):
        raise RuntimeError("la page affiche une erreur")
    if REPERE not in textes:
        raise RuntimeError("le tableau de bord ne montre pas ses chiffres")


async def session_protocole(adresse: str, rendus: int, delai_ms: int, mesures: Mesures, rythme: Rythme) -> None:
    """One session over the websocket: sign in (the log-in form), then re-render the dashboard ``rendus`` times."""
    client = SessionProtocole(adresse, delai_ms / 1000)
    try:
        entree = time.perf_counter()
        await client.ouvrir()
        await client.executer()
        await client.executer([
            _etat(client.widget("text_input", "Identifiant").id, string_value="charge"),
            _etat(client.widget("text_input", "Mot de passe").id, string_value=MOT_DE_PASSE),
            _etat(client.widget("button", "Se connecter").id, trigger_value=True),
        ])
        _verifier_tableau(client.textes())
        mesures.connexions.append(time.perf_counter() - entree)
        await rythme.tous_connectes()
        for n in range(rendus):
            annee = client.widget("selectbox", "Année")
            await rythme.tour(n)
            debut = time.perf_counter()
            await client.executer([_etat(annee.id, string_value=str(AUJOURD_HUI.year - 1 - (n % 2)))])
            mesures.rendus.append(time.perf_counter() - debut)
            mesures.tours.append(n)
            _verifier_tableau(client.textes())
    except Exception as exc:  # noqa: BLE001 - a benchmark reports errors, it does not stop at the first
        mesures.erreurs.append(f"{type(exc).__name__} : {str(exc)[:200]}")
    finally:
        with contextlib.suppress(Exception):
            await client.fermer()


async def _attendre_fin(page, delai_ms: int) -> None:  # noqa: ANN001 - a Playwright page
    await page.wait_for_selector('[data-test-script-state="notRunning"]', state="attached", timeout=delai_ms)
    await page.get_by_role("heading", name=REPERE).first.wait_for(timeout=delai_ms)


async def session_navigateur(navigateur, adresse: str, rendus: int, delai_ms: int, mesures: Mesures,  # noqa: ANN001
                             rythme: Rythme) -> None:
    """One Streamlit session (its own browser context): sign in, then re-render the dashboard ``rendus`` times."""
    contexte = await navigateur.new_context()
    try:
        page = await contexte.new_page()
        page.set_default_timeout(delai_ms)
        entree = time.perf_counter()
        await page.goto(adresse)
        await page.get_by_label("Identifiant").fill("charge")
        await page.get_by_label("Mot de passe").fill(MOT_DE_PASSE)
        await page.get_by_role("button", name="Se connecter").click()
        await _attendre_fin(page, delai_ms)
        mesures.connexions.append(time.perf_counter() - entree)
        await rythme.tous_connectes()
        for n in range(rendus):
            annee = str(AUJOURD_HUI.year - 1 - (n % 2))
            await rythme.tour(n)
            debut = time.perf_counter()
            # the year selector (by its role: the charts' marks also name « Année »): each choice re-renders
            await page.get_by_role("combobox", name="Année").click()
            await page.get_by_role("option", name=annee, exact=True).click()
            await page.wait_for_timeout(50)
            await _attendre_fin(page, delai_ms)
            mesures.rendus.append(time.perf_counter() - debut)
            mesures.tours.append(n)
        if await page.get_by_text("Une erreur inattendue").count():
            mesures.erreurs.append("la page affiche une erreur")
    except Exception as exc:  # noqa: BLE001 - a benchmark reports errors, it does not stop at the first
        mesures.erreurs.append(f"{type(exc).__name__} : {str(exc)[:200]}")
        with contextlib.suppress(Exception):  # what the session showed, for the report
            capture = Path(tempfile.gettempdir()) / f"charge-erreur-{len(mesures.erreurs)}.png"
            await page.screenshot(path=str(capture))
            mesures.erreurs.append(f"   (capture : {capture})")
    finally:
        await contexte.close()


async def _sessions_protocole(adresse: str, sessions: int, rendus: int, delai_ms: int, mesures: Mesures,
                             periode: float) -> None:
    rythme = Rythme(sessions, periode)
    await asyncio.wait_for(
        asyncio.gather(*(session_protocole(adresse, rendus, delai_ms, mesures, rythme) for _ in range(sessions))),
        timeout=(delai_ms / 1000 + periode) * (rendus + 3))


async def _sessions_navigateur(adresse: str, sessions: int, rendus: int, delai_ms: int, mesures: Mesures,
                              periode: float) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        navigateur = await p.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTS)
        rythme = Rythme(sessions, periode)
        await asyncio.wait_for(
            asyncio.gather(*(session_navigateur(navigateur, adresse, rendus, delai_ms, mesures, rythme)
                             for _ in range(sessions))),
            timeout=(delai_ms / 1000 + periode) * (rendus + 3))
        await navigateur.close()


CLIENTS = {"protocole": _sessions_protocole, "navigateur": _sessions_navigateur}


def mesurer(adresse: str, env: dict[str, str], journal: Path, sessions: int, rendus: int, delai_ms: int,
            client: str = "protocole", periode: float = 2.0) -> Mesures:
    """Run ``sessions`` sessions at once (websocket clients, or one browser with a context each) while a référent
    imports."""
    mesures = Mesures()
    arret = threading.Event()
    importeur = threading.Thread(target=importer_en_boucle, args=(env, journal, arret, mesures), daemon=True)
    importeur.start()
    debut = time.perf_counter()
    try:
        asyncio.run(CLIENTS[client](adresse, sessions, rendus, delai_ms, mesures, periode))
    except Exception as exc:  # noqa: BLE001
        mesures.erreurs.append(f"{type(exc).__name__} : {str(exc)[:200]}")
    mesures.duree = time.perf_counter() - debut
    arret.set()
    importeur.join(timeout=600)
    return mesures


def memoire_serveur(pid: int) -> str:
    """The server process's resident memory now and at its peak (Linux /proc), to see that turning off the full
    garbage collection after each run does not let memory grow."""
    try:
        lignes = Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines()
    except OSError:
        return "mémoire du serveur inconnue"
    valeurs = {ligne.split(":")[0]: int(ligne.split()[1]) // 1024
               for ligne in lignes if ligne.startswith(("VmRSS", "VmHWM"))}
    return f"serveur {valeurs.get('VmRSS', 0)} Mio (pointe {valeurs.get('VmHWM', 0)} Mio)"


def servies_par_seconde(m: Mesures, sessions: int) -> float:
    """Sessions served per second in a round (all N clicked at once: N over the round's slowest render), the
    median over the rounds."""
    pires = {}
    for tour, duree in zip(m.tours, m.rendus, strict=True):
        pires[tour] = max(pires.get(tour, 0.0), duree)
    return statistics.median(sessions / d for d in pires.values()) if pires else 0.0


def main() -> int:
    parseur = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parseur.add_argument("--sessions", default="1,5,20", help="niveaux ; le premier (1) sert de référence")
    parseur.add_argument("--sites", default="1,20")
    parseur.add_argument("--rendus", type=int, default=10, help="tours de rendus par session")
    parseur.add_argument("--periode", type=float, default=2.0, help="secondes entre deux tours")
    parseur.add_argument("--delai", type=int, default=120, help="délai maximal d'un rendu, en secondes")
    parseur.add_argument("--client", choices=sorted(CLIENTS), default="protocole")
    parseur.add_argument("--journal-serveur", type=Path, default=Path(tempfile.gettempdir()),
                         help="dossier où garder le journal du serveur (un fichier par nombre de sites)")
    args = parseur.parse_args()
    if args.client == "navigateur" and not Path(CHROMIUM).exists():
        print("Chromium de Debian absent (apt-get install chromium).")
        return 2
    niveaux = [int(n) for n in args.sessions.split(",")]
    succes = True
    for sites in (int(s) for s in args.sites.split(",")):
        dossier = Path(tempfile.mkdtemp(prefix="qualepref-charge-"))
        env, journal = preparer_base(dossier, sites)
        args.journal_serveur.mkdir(parents=True, exist_ok=True)
        journal_serveur = args.journal_serveur / f"qualepref-charge-serveur-{sites}-sites.log"
        serveur, adresse = demarrer_serveur(env, journal_serveur)
        print(f"journal du serveur : {journal_serveur}")
        try:
            reference: tuple[float, float] | None = None  # one session's median and worst render
            for n in niveaux:
                m = mesurer(adresse, env, journal, n, args.rendus, args.delai * 1000, args.client, args.periode)
                if not m.rendus:
                    print(f"{args.client}, {sites:2d} site(s), {n:2d} session(s) : aucun rendu, "
                          f"{len(m.erreurs)} erreur(s)")
                    for erreur in m.erreurs[:5]:
                        print("   -", erreur)
                    succes = False
                    continue
                median, pire = statistics.median(m.rendus), max(m.rendus)
                if n == 1:
                    reference = (median, pire)
                r_median, r_pire = ((median / reference[0], pire / reference[1]) if reference
                                    else (float("nan"), float("nan")))
                connexion = max(m.connexions) if m.connexions else float("nan")
                print(f"{args.client}, {sites:2d} site(s), {n:2d} session(s) : "
                      f"{servies_par_seconde(m, n):5.1f} sessions servies/s, "
                      f"rendu médian {median * 1000:6.0f} ms ({r_median:4.1f} × une session), "
                      f"pire {pire * 1000:6.0f} ms ({r_pire:4.2f} × une session), "
                      f"connexion la plus lente {connexion:5.1f} s, {len(m.rendus)} rendus, "
                      f"{m.imports} imports concurrents, {len(m.erreurs)} erreur(s), {memoire_serveur(serveur.pid)}")
                for erreur in m.erreurs[:5]:
                    print("   -", erreur)
                if m.erreurs or (n == 20 and not r_pire < 4):
                    succes = False
        finally:
            serveur.terminate()
            serveur.wait(timeout=30)
            shutil.rmtree(dossier, ignore_errors=True)
    print("objectif atteint" if succes else "objectif NON atteint (20 sessions : pire rendu < 4 × le pire rendu "
                                            "d'une session seule, sans erreur)")
    return 0 if succes else 1


if __name__ == "__main__":
    sys.exit(main())
