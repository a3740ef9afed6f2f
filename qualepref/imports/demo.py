"""Demonstration data: a préfecture and two sous-préfectures with three years of plausible figures of every kind.

The figures look like those a préfecture presents to its comité local des usagers (satisfaction per theme around
75-95 %, appels aboutis near 89 %, réclamations answered mostly within the referential's délais, a plan d'actions in
axes and thématiques, PAN attendance, Services Publics+ avis). They are generated deterministically (seeded random
generators, one per site, kind and year), written as the spreadsheets a référent would fill (French headers and
labels, one file per kind and year, one site's journal as a Windows-1252 CSV, an older survey known only as rates)
and loaded THROUGH the import pipeline, so that the demonstration also exercises what real users do.

The three years are the three calendar years ending with the year of ``aujourd_hui``; the current year runs up to
the end of the previous month (in January, the three years end with the previous year, which is then complete).
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from qualepref import calendrier
from qualepref.imports.demo_etapes import lignes_datees
from qualepref.referentiel import Indicateur, Referentiel, charger, trouver_indicateur, verifier_perimetre
from qualepref.store import Site

REFERENTIEL = "qualepref-2019"
GRAINE = 2024
UTILISATEUR = "démonstration"

SITES_DEMO: tuple[Site, ...] = (
    Site(code="DEMO-PREF", nom="Préfecture de démonstration", type_site="prefecture", cert=True, zone="metropole",
         referentiel=REFERENTIEL, modules=(1, 2, 4), demo=True, code_postal="51000",
         ville="Châlons-en-Champagne", code_sp="DEMO-SP-51-001"),
    Site(code="DEMO-SP1", nom="Sous-préfecture de démonstration (Reims)", type_site="sous-prefecture", cert=False,
         zone="metropole", referentiel=REFERENTIEL, modules=(1, 3), demo=True, code_postal="51100", ville="Reims",
         code_sp="DEMO-SP-51-002"),
    Site(code="DEMO-SP2", nom="Sous-préfecture de démonstration (Vitry-le-François)", type_site="sous-prefecture",
         cert=False, zone="metropole", referentiel=REFERENTIEL, modules=(1, 5), demo=True, code_postal="51300",
         ville="Vitry-le-François", code_sp="DEMO-SP-51-003"),
)
CODES_DEMO = tuple(s.code for s in SITES_DEMO)
TYPES = ("journal", "indicateurs", "enquete", "enquete-agregee", "mystere", "plan", "pan", "avis")


@dataclass(frozen=True)
class CadreDemo:
    """One spreadsheet before it is written: its sheets as frames (headers as a référent types them)."""

    site: str
    type_donnees: str
    nom: str
    feuilles: dict[str, pd.DataFrame]
    annee: int | None = None
    titre: str | None = None  # a title row above the headers, as many real files have


@dataclass(frozen=True)
class FichierDemo:
    """One demonstration file as the import pipeline receives it."""

    site: str
    type_donnees: str
    nom: str
    contenu: bytes
    annee: int | None = None


@dataclass(frozen=True)
class Profil:
    """How busy and how good a site is: the sizes and rates its generated data follow.

    ``natures`` and ``services`` give the mix of the journal, ``ecart_satisfaction`` shifts every survey rate (in
    points), ``pan`` is the yearly attendance of each point d'accès, ``echelle`` the site's module-1 volumes (web
    visits, updates, dossiers) relative to the préfecture's; the flags say which optional kinds the site keeps.
    """

    code: str
    prefixe: str
    demandes_par_an: int
    natures: dict[str, float]
    services: dict[str, tuple[str, ...]]
    repondants: int
    ecart_satisfaction: float
    appels_par_trimestre: int
    pan: dict[str, int]
    csv_journal: bool = False
    mystere: bool = False
    plan: bool = False
    avis: bool = False
    echelle: float = 1.0


SERVICES_PREF = {
    "information": ("Accueil général", "Bureau de la circulation", "Service de l'immigration et de l'intégration",
                    "Bureau des élections et de la réglementation", "Bureau de la communication interministérielle"),
    "reclamation": ("Accueil général", "Service de l'immigration et de l'intégration", "CERT permis de conduire",
                    "Bureau de la circulation"),
    "suggestion": ("Accueil général", "Bureau de la communication interministérielle"),
    "collectivite": ("Bureau du contrôle de légalité", "Bureau des finances locales",
                     "Bureau de l'intercommunalité"),
}
SERVICES_SP = {
    "information": ("Accueil", "Pôle réglementation", "Pôle étrangers", "Pôle collectivités"),
    "reclamation": ("Accueil", "Pôle étrangers", "Pôle réglementation"),
    "suggestion": ("Accueil",),
}

PROFILS: dict[str, Profil] = {
    "DEMO-PREF": Profil(
        code="DEMO-PREF", prefixe="PREF", demandes_par_an=2000,
        natures={"information": 0.78, "reclamation": 0.10, "suggestion": 0.04, "collectivite": 0.08},
        services=SERVICES_PREF, repondants=340, ecart_satisfaction=0.0, appels_par_trimestre=6200,
        pan={"Point d'accès numérique – hall de la préfecture": 6100}, mystere=True, plan=True, avis=True,
    ),
    "DEMO-SP1": Profil(
        code="DEMO-SP1", prefixe="REI", demandes_par_an=520,
        natures={"information": 0.86, "reclamation": 0.10, "suggestion": 0.04},
        services=SERVICES_SP, repondants=140, ecart_satisfaction=-2.0, appels_par_trimestre=1500,
        pan={"Point d'accès numérique – sous-préfecture de Reims": 2300}, echelle=0.25,
    ),
    "DEMO-SP2": Profil(
        code="DEMO-SP2", prefixe="VIT", demandes_par_an=380,
        natures={"information": 0.88, "reclamation": 0.09, "suggestion": 0.03},
        services=SERVICES_SP, repondants=110, ecart_satisfaction=1.5, appels_par_trimestre=900,
        pan={"Point d'accès numérique – sous-préfecture de Vitry-le-François": 560}, csv_journal=True,
        echelle=0.12,
    ),
}


# --- years and random generators ---------------------------------------------------------------------------------

def periode_demo(aujourd_hui: dt.date) -> tuple[tuple[int, int, int], dt.date]:
    """The three years of the demonstration and the last day holding data (end of the previous month)."""
    fin = aujourd_hui.replace(day=1) - dt.timedelta(days=1)
    derniere = aujourd_hui.year if aujourd_hui.month > 1 else aujourd_hui.year - 1
    return (derniere - 2, derniere - 1, derniere), fin


def _hasard(site: str, type_donnees: str, annee: int) -> np.random.Generator:
    """A generator of its own per (site, kind, year): changing one kind never shifts another's figures."""
    return np.random.default_rng([GRAINE, CODES_DEMO.index(site), TYPES.index(type_donnees), annee])


def _fin_annee(annee: int, fin: dt.date) -> dt.date:
    """The last day of ``annee`` holding data."""
    return min(dt.date(annee, 12, 31), fin)


def _mois(annee: int, fin: dt.date) -> list[dt.date]:
    """First days of the months of ``annee`` that are over by ``fin``."""
    return [dt.date(annee, m, 1) for m in range(1, 13)
            if dt.date(annee, m, calendar.monthrange(annee, m)[1]) <= fin]


def _rang(annee: int, annees: Sequence[int]) -> int:
    """0, 1, 2 for the first, second, third demonstration year (figures improve year after year)."""
    return annee - annees[0]


# --- journal -----------------------------------------------------------------------------------------------------

CANAUX_FICHIER = {"courriel": "Courriel", "formulaire": "Formulaire", "courrier": "Courrier", "urne": "Urne"}
PART_CANAUX = {"courriel": 0.55, "formulaire": 0.20, "courrier": 0.20, "urne": 0.05}
NATURES_FICHIER = {"information": "Demande d'information", "reclamation": "Réclamation", "suggestion": "Suggestion",
                   "collectivite": "Demande de collectivité"}
SAISON = (1.0, 1.0, 1.1, 1.05, 0.95, 1.0, 0.85, 0.6, 1.2, 1.15, 1.0, 0.8)  # January..December
PART_HORS_DELAI = (0.11, 0.08, 0.06)  # late answers, first to third year
PART_ATTENTE = 0.06
PART_INCOMPLETES = 0.05


def _jours_de_reception(annee: int, fin: dt.date, canal: np.ndarray, hasard: np.random.Generator) -> np.ndarray:
    """A reception day per request, following the season; letters arrive on working days, e-mails any day."""
    jours = pd.date_range(dt.date(annee, 1, 1), _fin_annee(annee, fin), freq="D")
    poids = np.array([SAISON[m - 1] for m in jours.month])
    ouvres = np.is_busday(jours.values.astype("datetime64[D]"), busdaycal=calendrier.calendrier_ouvre(None, annee,
                                                                                                      annee))
    papier = np.isin(canal, ("courrier", "urne"))
    choix = np.empty(len(canal), dtype="datetime64[D]")
    for est_papier, poids_jour in ((True, poids * ouvres), (False, poids * np.where(ouvres, 1.0, 0.25))):
        n = int((papier == est_papier).sum())
        choix[papier == est_papier] = jours.values.astype("datetime64[D]")[
            hasard.choice(len(jours), size=n, p=poids_jour / poids_jour.sum())]
    return choix


def _nombre_de_demandes(profil: Profil, annee: int, fin: dt.date) -> int:
    """The year's requests, pro rata of the season already over for the current year."""
    jours = pd.date_range(dt.date(annee, 1, 1), dt.date(annee, 12, 31), freq="D")
    poids = np.array([SAISON[m - 1] for m in jours.month])
    part = poids[jours.date <= _fin_annee(annee, fin)].sum() / poids.sum()
    return int(round(profil.demandes_par_an * part))


def _delais_limites(ref: Referentiel, nature: np.ndarray, canal: np.ndarray, annee: int) -> np.ndarray:
    """The référentiel's délai (jours ouvrés) of each request."""
    limites = np.zeros(len(nature), dtype="int64")
    for n in np.unique(nature):
        for c in np.unique(canal):
            regle = ref.regle_delai(str(n), str(c), annee)
            limites[(nature == n) & (canal == c)] = regle.jours_ouvres if regle else 10
    return limites


def _jours_de_reponse(limites: np.ndarray, canal: np.ndarray, hors_delai: np.ndarray,
                      hasard: np.random.Generator) -> np.ndarray:
    """Working days from départ to answer: e-mails mostly within 2 days, letters spread, the late ones beyond."""
    electronique = np.isin(canal, ("courriel", "formulaire"))
    rapides = np.minimum(hasard.geometric(0.45, len(limites)) - 1, limites)
    etales = hasard.integers(1, limites + 1)
    jours = np.where(electronique, rapides, etales)
    retard = limites + hasard.integers(1, 12, len(limites))
    return np.where(hors_delai, retard, jours)


def cadre_journal(ref: Referentiel, profil: Profil, annee: int, annees: Sequence[int],
                  fin: dt.date) -> pd.DataFrame:
    """The year's log of requests as the services keep it (French labels, dates, empty while pending)."""
    hasard = _hasard(profil.code, "journal", annee)
    n = _nombre_de_demandes(profil, annee, fin)
    canal = hasard.choice(list(PART_CANAUX), size=n, p=list(PART_CANAUX.values()))
    nature = hasard.choice(list(profil.natures), size=n, p=list(profil.natures.values()))
    reception = np.sort(_jours_de_reception(annee, fin, canal, hasard))
    incomplete = (hasard.random(n) < PART_INCOMPLETES) & (nature != "suggestion")
    completude = pd.Series(calendrier.ajouter_jours_ouvres(pd.Series(reception), pd.Series(
        hasard.integers(2, 15, n)))).where(incomplete)
    completude = completude.where(completude <= pd.Timestamp(fin))  # still awaited: no answer yet either
    depart = completude.fillna(pd.Series(reception).astype("datetime64[ns]"))
    limites = _delais_limites(ref, nature, canal, annee)
    hors_delai = hasard.random(n) < PART_HORS_DELAI[_rang(annee, annees)]
    attente = ~hors_delai & (hasard.random(n) < PART_ATTENTE)
    jours = _jours_de_reponse(limites, canal, hors_delai, hasard)
    jours = np.where(np.is_busday(depart.to_numpy().astype("datetime64[D]")), jours, np.maximum(jours, 1))
    reponse = calendrier.ajouter_jours_ouvres(depart, pd.Series(jours))
    reponse = reponse.where((reponse <= pd.Timestamp(fin)) & ~(incomplete & completude.isna()))
    anciennes = np.flatnonzero(reception < np.datetime64(fin - dt.timedelta(days=45)))
    if annee == annees[-1] and len(anciennes) >= 3:  # a few requests forgotten: pending and late
        reponse.iloc[hasard.choice(anciennes, 3, replace=False)] = pd.NaT
    service = [hasard.choice(profil.services[str(x)]) for x in nature]
    return pd.DataFrame({
        "Référence": [f"{profil.prefixe}-{annee}-{i + 1:05d}" for i in range(n)],
        "Canal": [CANAUX_FICHIER[str(c)] for c in canal],
        "Nature": [NATURES_FICHIER[str(x)] for x in nature],
        "Date de réception": pd.Series(reception).dt.date,
        "Date de complétude": _dates_ou_vide(completude),
        "Date de réponse": _dates_ou_vide(reponse),
        "Type de réponse": np.where(reponse.isna(), None, np.where(attente, "attente", "fond")),
        "Service": service,
    })


def _dates_ou_vide(dates: pd.Series) -> list[dt.date | None]:
    """Dates as ``datetime.date`` cells, None where missing (an empty cell)."""
    return [None if pd.isna(d) else pd.Timestamp(d).date() for d in dates]


# --- indicators measured elsewhere -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Mesure:
    """How an indicator's demonstration values run: a rate (%), a mean délai (jours) or a count per period.

    ``base`` is the first year's level, ``progres`` what it gains each year, ``bruit`` its spread; ``volume`` the
    denominator per period (requests, calls, dossiers: a délai's denominator is the dossiers it is averaged on);
    ``fixe`` keeps the denominator constant (a population). Module 1 volumes scale with the site's size.
    """

    genre: str
    base: float
    progres: float
    bruit: float
    volume: int = 0
    fixe: bool = False


MESURES: dict[str, Mesure] = {
    "E10-APPELS-ABOUTIS": Mesure("taux", 86.5, 1.8, 1.5, 0),  # volume: the site's calls
    "E11-CONNEXIONS-SITE": Mesure("taux", 12.0, 0.6, 0.8, 566_000, fixe=True),
    "E14-DELAI-CNI-PASSEPORT": Mesure("delai", 32.0, -3.0, 3.0, 3000),
    "E14-DELAI-CIV": Mesure("delai", 7.0, -1.0, 1.0, 9000),
    "E14-DELAI-PERMIS": Mesure("delai", 28.0, -7.0, 3.0, 8000),
    "E15-USAGERS-POINT-NUMERIQUE": Mesure("nombre", 0.0, 1.5, 0.12),  # base: the site's PAN attendance
    "E19-CONNEXIONS-RESEAUX": Mesure("nombre", 110_000.0, 12_000.0, 0.10),
    "E22-DELAI-CNI-PASSEPORT": Mesure("delai", 30.0, -3.0, 4.0, 1000),
    "E22-DELAI-CIV": Mesure("delai", 6.0, -1.0, 1.2, 3000),
    "E22-DELAI-PERMIS": Mesure("delai", 25.0, -9.0, 2.5, 2700),
    "E23-FRAUDE-CNI-PASSEPORT": Mesure("taux", 0.6, 0.1, 0.3, 400),
    "E23-FRAUDE-CIV": Mesure("taux", 0.5, 0.1, 0.3, 350),
    "E23-FRAUDE-PERMIS": Mesure("taux", 0.9, 0.05, 0.3, 1080),
    "E32-DELAI-PREMIERES-DEMANDES": Mesure("delai", 85.0, -8.0, 8.0, 60),
    "E32-DELAI-RENOUVELLEMENTS": Mesure("delai", 45.0, -5.0, 5.0, 200),
    "E33-FRAUDE-DETECTEE": Mesure("taux", 1.2, 0.1, 0.5, 250),
}
PERIODES_PAR_AN = {"mensuel": 12, "trimestriel": 4, "annuel": 1}


def indicateurs_importes(ref: Referentiel, site: Site) -> list[Indicateur]:
    """The indicators of the site's modules measured outside the app (not computed from the journal or survey)."""
    return [i for m in site.modules for i in ref.indicateurs_du_module(m) if i.calcul is None]


def _periodes(periodicite: str, annee: int, fin: dt.date) -> list[str]:
    """The periods of ``annee`` over by ``fin`` at the indicator's periodicity ("2024-03", "2024-T1", "2024")."""
    mois = _mois(annee, fin)
    if periodicite == "mensuel":
        return [f"{annee}-{m.month:02d}" for m in mois]
    if periodicite == "trimestriel":
        return [f"{annee}-T{t}" for t in range(1, 5) if dt.date(annee, 3 * t, 1) in mois]
    return [str(annee)] if len(mois) == 12 else []


@functools.cache
def _nom_indicateur(ref: Referentiel, ind: Indicateur) -> str:
    """What the référent types: the libellé copied from the template, or the code where the libellé is ambiguous
    (cached: matching a libellé against the whole referential costs a few milliseconds)."""
    try:
        trouve = trouver_indicateur(ref, ind.libelle)
    except ValueError:
        trouve = None
    return ind.libelle if trouve == ind else ind.code


def _valeur(mesure: Mesure, niveau: float, volume: int, hasard: np.random.Generator) -> tuple[float, float | None,
                                                                                              float | None]:
    """One period's (valeur, numérateur, dénominateur)."""
    if mesure.genre == "nombre":
        return float(round(niveau * (1 + hasard.normal(0, mesure.bruit)), 1 if niveau < 100 else 0)), None, None
    if mesure.genre == "delai":
        denominateur = max(1, int(volume * hasard.uniform(0.85, 1.15)))
        return round(max(1.0, niveau + hasard.normal(0, mesure.bruit)), 1), None, float(denominateur)
    denominateur = volume if mesure.fixe else max(2, int(round(volume * hasard.uniform(0.8, 1.2))))
    taux = float(np.clip(niveau + hasard.normal(0, mesure.bruit), 0, 100))
    numerateur = round(denominateur * taux / 100)
    return round(100 * numerateur / denominateur, 1), float(numerateur), float(denominateur)


def cadre_indicateurs(ref: Referentiel, site: Site, profil: Profil, annee: int, annees: Sequence[int],
                      fin: dt.date) -> pd.DataFrame:
    """The year's values of the indicators measured elsewhere (Indigo, the phone system, web statistics...)."""
    hasard = _hasard(site.code, "indicateurs", annee)
    lignes = []
    for ind in indicateurs_importes(ref, site):
        mesure = MESURES[ind.code]
        echelle = profil.echelle if ind.module == 1 else 1.0
        volume = profil.appels_par_trimestre if ind.code == "E10-APPELS-ABOUTIS" else int(mesure.volume * echelle)
        base = sum(profil.pan.values()) / 250 if ind.code == "E15-USAGERS-POINT-NUMERIQUE" else mesure.base * (
            echelle if mesure.genre == "nombre" else 1)
        niveau = base + mesure.progres * _rang(annee, annees) * (echelle if mesure.genre == "nombre" else 1)
        for periode in _periodes(ind.periodicite, annee, fin):
            valeur, numerateur, denominateur = _valeur(mesure, niveau, volume, hasard)
            commentaire = None
            if ind.cible is not None and ind.sens == "hausse" and valeur < ind.cible - 3:
                commentaire = "Sous la cible : plan d'action en cours avec le service."
            lignes.append({"Indicateur": _nom_indicateur(ref, ind), "Période": periode, "Valeur": valeur,
                           "Numérateur": numerateur, "Dénominateur": denominateur, "Commentaire": commentaire})
    for periode in _periodes("annuel", annee, fin):  # the JDMA share, a Services Publics+ figure (a full year)
        lignes.append({"Indicateur": JDMA_DEMO[0], "Période": periode, "Valeur": JDMA_DEMO[1][_rang(annee, annees)],
                       "Numérateur": None, "Dénominateur": None, "Commentaire": "Export « Je donne mon avis »."})
    return pd.DataFrame(lignes, columns=["Indicateur", "Période", "Valeur", "Numérateur", "Dénominateur",
                                         "Commentaire"])


# The share of online démarches rated 8/10 or more (« Je donne mon avis », JDMA), imported by its libellé as the
# référent copies it from the Services Publics+ template, for each of the three years (oldest first): Services
# Publics+ asks every structure to publish it yearly, so the demonstration's SP+ open data carries it.
JDMA_DEMO = ("Part des démarches en ligne notées 8/10 ou plus (JDMA)", (78.0, 80.5, 82.5))


# --- satisfaction surveys ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    """A survey question, the theme it measures, the share of « sans avis » and the rates of the three years."""

    texte: str
    theme: str
    sans_avis: float
    taux: tuple[float, float, float]


QUESTIONS = (
    Question("Comment jugez-vous l'accueil qui vous a été réservé dans nos locaux ?", "Accueil physique", 0.04,
             (95.0, 96.0, 97.0)),
    Question("L'orientation dans le hall et la signalétique vous ont-elles paru claires ?",
             "Orientation des usagers", 0.08, (88.0, 90.0, 92.0)),
    Question("Le confort de l'espace d'attente (sièges, fontaine à eau, confidentialité)", "Confort de l'accueil",
             0.10, (82.0, 85.0, 88.0)),
    Question("Le temps d'attente avant d'être reçu", "Délai d'attente", 0.06, (75.0, 77.0, 81.0)),
    Question("La courtoisie et la disponibilité des agents", "Courtoisie", 0.05, (94.0, 95.0, 96.0)),
    Question("Si vous nous avez appelés : l'accueil téléphonique", "Accueil téléphonique", 0.45,
             (79.0, 78.0, 77.6)),
    Question("Si vous l'avez utilisé : le point d'accès numérique et l'aide du médiateur",
             "Point d'accès numérique", 0.60, (78.0, 84.0, 91.0)),
    Question("Si vous nous avez écrit : la réponse à votre courrier ou courriel", "Courriers et courriels", 0.55,
             (96.0, 97.0, 90.3)),
    Question("Le site internet de la préfecture (clarté, informations à jour)", "Site internet", 0.30,
             (75.0, 77.0, 80.0)),
    Question("Nos comptes sur les réseaux sociaux", "Réseaux sociaux", 0.93, (70.0, 75.0, 82.0)),
    Question("Globalement, êtes-vous satisfait de votre visite ?", "Satisfaction globale", 0.03,
             (86.0, 88.0, 90.0)),
)
MAX_EXPRIMES_FRAGILE = 26  # « Réseaux sociaux » stays under 30 answers: the fragile flag shows
REPONSES_FICHIER = {
    "standard": {"tres_satisfait": "Très satisfait", "satisfait": "Satisfait", "peu_satisfait": "Peu satisfait",
                 "pas_du_tout_satisfait": "Pas du tout satisfait", "sans_avis": "Sans avis"},
    "plutot": {"tres_satisfait": "Très satisfait", "satisfait": "Plutôt satisfait",
               "peu_satisfait": "Plutôt pas satisfait", "pas_du_tout_satisfait": "Pas du tout satisfait",
               "sans_avis": "Ne se prononce pas"},
}
# Rates of the year before the three (survey results known only as rates, like the 2022 column of a comité).
TAUX_ANCIENS = {"Accueil physique": 96.0, "Accueil téléphonique": 78.0, "Point d'accès numérique": 76.0,
                "Courriers et courriels": 97.0, "Site internet": 76.0, "Réseaux sociaux": 68.0}


def _reponses_question(question: Question, n: int, taux: float, hasard: np.random.Generator) -> np.ndarray:
    """Answer codes of ``n`` respondents to one question, hitting ``taux`` on the expressed answers."""
    exprimes = int(round(n * (1 - question.sans_avis)))
    if question.theme == "Réseaux sociaux":
        exprimes = min(exprimes, MAX_EXPRIMES_FRAGILE)
    satisfaits = int(round(exprimes * taux / 100))
    tres = int(round(satisfaits * hasard.uniform(0.35, 0.55)))
    pas_du_tout = int(round((exprimes - satisfaits) * 0.3))
    codes = (["tres_satisfait"] * tres + ["satisfait"] * (satisfaits - tres)
             + ["pas_du_tout_satisfait"] * pas_du_tout + ["peu_satisfait"] * (exprimes - satisfaits - pas_du_tout)
             + ["sans_avis"] * (n - exprimes))
    return hasard.permutation(np.array(codes, dtype=object))


def cadres_enquete(profil: Profil, annee: int, annees: Sequence[int]) -> dict[str, pd.DataFrame]:
    """The year's survey: sheet « Réponses » (one row per respondent) and sheet « Questionnaire » (themes)."""
    hasard = _hasard(profil.code, "enquete", annee)
    n = int(round(profil.repondants * (1 + 0.08 * _rang(annee, annees))))
    libelles = REPONSES_FICHIER["plutot" if profil.code == "DEMO-SP1" else "standard"]
    reponses = {"Année": [annee] * n}
    for i, question in enumerate(QUESTIONS):
        taux = min(99.0, question.taux[_rang(annee, annees)] + profil.ecart_satisfaction)
        codes = _reponses_question(question, n, taux, hasard)
        vides = hasard.random(n) < 0.5  # half the « sans avis » are left empty, as on paper forms
        reponses[question.texte] = [None if c == "sans_avis" and vides[j] else libelles[c]
                                    for j, c in enumerate(codes)]
    questionnaire = pd.DataFrame({"Question": [q.texte for q in QUESTIONS], "Thème": [q.theme for q in QUESTIONS]})
    return {"Réponses": pd.DataFrame(reponses), "Questionnaire": questionnaire}


def cadre_enquete_ancienne(annee: int) -> pd.DataFrame:
    """Results of an older survey known only as rates per theme (no counts)."""
    return pd.DataFrame({"Année": [annee] * len(TAUX_ANCIENS), "Thème": list(TAUX_ANCIENS),
                         "Taux de satisfaction": list(TAUX_ANCIENS.values())})


def cadre_enquete_elus(annees: Sequence[int]) -> pd.DataFrame:
    """The yearly survey of mayors on the relations with the préfecture (module 4), counted by the service."""
    lignes = []
    for annee in annees:
        hasard = _hasard("DEMO-PREF", "enquete-agregee", annee)
        exprimes = int(hasard.integers(55, 75))
        satisfaits = int(round(exprimes * (0.84 + 0.03 * _rang(annee, annees) + hasard.normal(0, 0.02))))
        lignes.append({"Année": annee, "Thème": "Relations avec les collectivités", "Satisfaits": satisfaits,
                       "Exprimés": exprimes})
    return pd.DataFrame(lignes)


# --- enquêtes et appels mystère ----------------------------------------------------------------------------------

CRITERES_MYSTERE = {
    "Téléphone": (("Décroché en moins de 5 sonneries", 0.84), ("Présentation de l'interlocuteur", 0.90),
                  ("Formule de politesse et courtoisie", 0.96), ("Réponse complète ou orientation adaptée", 0.86)),
    "Courriel": (("Réponse dans le délai de 5 jours ouvrés", 0.88), ("Réponse claire et complète", 0.90),
                 ("Signature et coordonnées du service", 0.92)),
}
CONTACTS_MYSTERE = {"Téléphone": 15, "Courriel": 8}
MOIS_MYSTERE = (1, 9)


def cadre_mystere(profil: Profil, annee: int, annees: Sequence[int], fin: dt.date) -> pd.DataFrame:
    """The year's mystery calls and e-mails (campaigns in January and September), one row per contact and criterion."""
    hasard = _hasard(profil.code, "mystere", annee)
    lignes = []
    for mois in MOIS_MYSTERE:
        jours = [j for j in pd.bdate_range(dt.date(annee, mois, 1), dt.date(annee, mois, 28)).date if j <= fin]
        for canal, criteres in CRITERES_MYSTERE.items():
            for jour in sorted(hasard.choice(jours, CONTACTS_MYSTERE[canal])) if jours else []:
                for critere, taux in criteres:
                    conforme = hasard.random() < min(0.99, taux + 0.03 * _rang(annee, annees))
                    lignes.append({"Date": jour, "Canal": canal, "Critère": critere,
                                   "Résultat": "conforme" if conforme else "non conforme"})
    return pd.DataFrame(lignes, columns=["Date", "Canal", "Critère", "Résultat"])


# --- plan d'actions ----------------------------------------------------------------------------------------------

AXE_1 = "Axe 1 : Communication et informations internes et externes"
AXE_2 = "Axe 2 : Amélioration des organisations et des outils"
PREF, SGCD = "Préfecture", "Secrétariat général commun"
REIMS, VITRY = "Sous-préfecture de Reims", "Sous-préfecture de Vitry-le-François"
# thématique → (axe, actions: (action, structure, pilote, engagement or None))
THEMATIQUES: dict[str, tuple[str, tuple[tuple[str, str, str, int | None], ...]]] = {
    "1. Informations et orientations des usagers": (AXE_1, (
        ("Nouveau script du serveur vocal interactif", PREF, "Responsable du standard", 8),
        ("Actualisation des rubriques du site internet (horaires, liens utiles, France Services)", PREF,
         "Bureau de la communication interministérielle", 11),
        ("Affichage des engagements Services Publics+ et des résultats des services dans le hall", PREF,
         "Référente qualité", 3),
        ("Charte de l'usager affichée dans le hall et publiée sur le site internet", PREF, "Référente qualité", 1),
        ("Signalétique de l'accueil revue avec les usagers", REIMS, "Secrétaire général de la sous-préfecture", 5),
        ("Promotion des comptes de la préfecture sur les réseaux sociaux", PREF,
         "Bureau de la communication interministérielle", 19),
    )),
    "2. Sensibilisation des agents et formation": (AXE_1, (
        ("Formation à l'accueil des publics difficiles et aux situations d'incivilité", SGCD,
         "Service de la formation", 2),
        ("Sensibilisation des agents à la joignabilité téléphonique", PREF, "Responsable de l'accueil", 10),
        ("Répertoire des compétences des services de l'ATE", SGCD, "Service des ressources humaines", 9),
        ("Procédure de signalement des cas d'incivilité", PREF, "Cabinet du préfet", None),
        ("Formation des nouveaux arrivants à la démarche qualité", SGCD, "Référente qualité", None),
    )),
    "3. Améliorer les pratiques professionnelles et les évaluer": (AXE_2, (
        ("Auto-évaluation des services sur le référentiel", PREF, "Référente qualité", None),
        ("Recueil des avis des usagers (enquête, urne, Je donne mon avis)", PREF, "Référente qualité", 3),
        ("Ajustement du plan d'amélioration après l'enquête de satisfaction", PREF, "Comité de pilotage", None),
        ("Tableau de bord mensuel des délais de réponse aux courriels", PREF, "Responsable de l'accueil", 17),
    )),
    "4. Aménagement des espaces d'accueil physique": (AXE_2, (
        ("Mobilier adapté et fontaine à eau dans l'espace d'attente", PREF, "Service immobilier", 6),
        ("Espace de confidentialité au guichet des titres", PREF, "Responsable de l'accueil", 6),
        ("Rénovation de la signalétique du hall", VITRY, "Secrétaire générale de la sous-préfecture", 5),
        ("Boucle magnétique pour les personnes malentendantes", PREF, "Service immobilier", 4),
    )),
    "5. Adaptation aux contraintes des usagers, faciliter leurs démarches": (AXE_2, (
        ("Accueil au point d'accès numérique par des médiateurs (service civique)", PREF, "Responsable du PAN", 15),
        ("Rendez-vous à distance pour les personnes en situation de handicap", PREF,
         "Cheffe du service de l'immigration", 4),
        ("Ouverture du point d'accès numérique le jeudi jusqu'à 18 h", REIMS,
         "Secrétaire général de la sous-préfecture", 15),
        ("Prise de rendez-vous en ligne pour les élus", PREF, "Directeur des collectivités", 37),
        ("Rendez-vous à l'accueil de la DDT pour réduire l'attente", "Direction départementale des territoires",
         "Secrétaire générale de la DDT", 7),
    )),
    "6. Favoriser l'éco-responsabilité": (AXE_2, (
        ("Plan de sobriété énergétique", SGCD, "Service immobilier", None),
        ("Parc à vélos pour les agents et sensibilisation aux mobilités douces", SGCD, "Service immobilier", None),
        ("Verdissement du parc automobile", SGCD, "Service de la logistique", None),
        ("Dématérialisation des courriers aux collectivités", PREF, "Directeur des collectivités", 36),
    )),
}
ACTIONS_PAR_AN = 26
STATUTS_FICHIER = {"a_lancer": "À lancer", "en_cours": "En cours", "realisee": "Réalisée",
                   "abandonnee": "Abandonnée"}


def _statut(echeance: dt.date, fin: dt.date, hasard: np.random.Generator) -> tuple[str, int]:
    """Status and avancement (%) of an action at ``fin``: most done by their deadline, some overdue."""
    if echeance <= fin:
        statut = hasard.choice(["realisee", "en_cours", "a_lancer", "abandonnee"], p=[0.74, 0.18, 0.04, 0.04])
    else:
        statut = hasard.choice(["realisee", "en_cours", "a_lancer"], p=[0.15, 0.5, 0.35])
    avancement = {"realisee": 100, "a_lancer": 0}.get(str(statut), int(hasard.integers(2, 18)) * 5)
    return str(statut), avancement


def cadre_plan(annee: int, fin: dt.date) -> pd.DataFrame:
    """The year's plan d'actions local: 26 actions in 6 thématiques and 2 axes, as followed by the référente."""
    hasard = _hasard("DEMO-PREF", "plan", annee)
    catalogue = [(axe, thematique, *action) for thematique, (axe, actions) in THEMATIQUES.items()
                 for action in actions]
    retenues = sorted(hasard.choice(len(catalogue), ACTIONS_PAR_AN, replace=False))
    lignes = []
    for i in retenues:
        axe, thematique, action, structure, pilote, engagement = catalogue[i]
        mois = int(hasard.integers(3, 13))
        echeance = dt.date(annee, mois, calendar.monthrange(annee, mois)[1])
        statut, avancement = _statut(echeance, fin, hasard)
        lignes.append({"Axe": axe, "Thématique": thematique, "Action": action, "Structure": structure,
                       "Pilote": pilote, "Échéance": echeance, "Statut": STATUTS_FICHIER[statut],
                       "Avancement (%)": avancement, "Engagement": engagement, "Année": annee})
    return pd.DataFrame(lignes)


# --- points d'accès numériques -----------------------------------------------------------------------------------

DEMARCHES_PAN = {"Étrangers": 0.29, "Permis de conduire": 0.20, "Immatriculation des véhicules": 0.19,
                 "Commission médicale": 0.09, "CNI et passeports": 0.03, "Armes": 0.01, "Autres": 0.19}
STAND_PAN = ("Stand des services de l'État (foire de Châlons)", 9, 318)


def cadre_pan(profil: Profil, annee: int, annees: Sequence[int], fin: dt.date) -> pd.DataFrame:
    """The year's PAN attendance per point, month and démarche (a stand at the fair in September too)."""
    hasard = _hasard(profil.code, "pan", annee)
    lignes = []
    for point, annuel in profil.pan.items():
        for mois in _mois(annee, fin):
            total = annuel * SAISON[mois.month - 1] / sum(SAISON) * (1 + 0.06 * _rang(annee, annees))
            comptes = hasard.multinomial(int(round(total * hasard.uniform(0.9, 1.1))), list(DEMARCHES_PAN.values()))
            lignes += [{"Point d'accès": point, "Mois": mois, "Démarche": d, "Nombre": int(c)}
                       for d, c in zip(DEMARCHES_PAN, comptes, strict=True) if c > 0]
    stand, mois_stand, visiteurs = STAND_PAN
    if profil.code == "DEMO-PREF" and dt.date(annee, mois_stand, 1) in _mois(annee, fin):
        comptes = hasard.multinomial(visiteurs, list(DEMARCHES_PAN.values()))
        lignes += [{"Point d'accès": stand, "Mois": dt.date(annee, mois_stand, 1), "Démarche": d, "Nombre": int(c)}
                   for d, c in zip(DEMARCHES_PAN, comptes, strict=True) if c > 0]
    return pd.DataFrame(lignes, columns=["Point d'accès", "Mois", "Démarche", "Nombre"])


# --- avis Services Publics+ --------------------------------------------------------------------------------------

DDETSPP = "Direction départementale de l'emploi, du travail, des solidarités et de la protection des populations"
AVIS = (
    ("Plateforme du système d'information sur les armes", "Négatif", PREF),
    ("Temps d'attente à l'accueil de la DDT", "Négatif", "Direction départementale des territoires"),
    ("Plateforme de demande de naturalisation", "Négatif", PREF),
    ("Prise d'empreintes au service séjour", "Positif", PREF),
    ("Certificat de situation d'un véhicule", "Neutre", PREF),
    ("Dépôt en ligne d'une demande de médaille du travail", "Positif", PREF),
    ("Changement de statut de commerçant", "Négatif", DDETSPP),
    ("Aide reçue au point d'accès numérique", "Positif", PREF),
    ("Renouvellement d'un titre de séjour", "Négatif", REIMS),
    ("Rendez-vous pour un échange de permis de conduire", "Positif", PREF),
    ("Amabilité de l'agent d'accueil", "Positif", VITRY),
    ("Délai de réponse à un courriel", "Neutre", PREF),
)


def cadre_avis(annee: int, fin: dt.date) -> pd.DataFrame:
    """The year's Services Publics+ avis about the ATE structures and the answers given (some still pending)."""
    hasard = _hasard("DEMO-PREF", "avis", annee)
    jours = pd.date_range(dt.date(annee, 1, 1), _fin_annee(annee, fin), freq="D").date
    nombre = min(len(jours), int(hasard.integers(4, 8)))
    lignes = []
    for i, jour in zip(hasard.choice(len(AVIS), nombre, replace=False), sorted(hasard.choice(jours, nombre)),
                       strict=True):
        sujet, tonalite, structure = AVIS[i]
        reponse = jour + dt.timedelta(days=int(hasard.integers(1, 15)))
        lignes.append({"Date": jour, "Structure": structure, "Sujet": sujet, "Tonalité": tonalite,
                       "Date de réponse": reponse if reponse <= fin else None})
    return pd.DataFrame(lignes, columns=["Date", "Structure", "Sujet", "Tonalité", "Date de réponse"])


# --- the files ---------------------------------------------------------------------------------------------------

def _nom(site: str, quoi: str, annee: int | None, extension: str = "xlsx") -> str:
    """A file name as a référent would save it ("demo-pref_journal_2024.xlsx")."""
    return f"{site.lower()}_{quoi}{'' if annee is None else f'_{annee}'}.{extension}"


def _journal_complet(ref: Referentiel, site: Site, profil: Profil, annee: int, annees: Sequence[int],
                     fin: dt.date) -> pd.DataFrame:
    """The year's written requests, then its dated rows (mises à jour, rendez-vous, pièces, traitements)."""
    datees = lignes_datees(ref, site, profil.prefixe, annee, _fin_annee(annee, fin),
                           [GRAINE, CODES_DEMO.index(site.code), len(TYPES), annee])
    return pd.concat([cadre_journal(ref, profil, annee, annees, fin), datees], ignore_index=True)


def _cadres_du_site(ref: Referentiel, site: Site, annees: Sequence[int], fin: dt.date) -> list[CadreDemo]:
    """Every file of one site: journal, indicators and survey each year; the other kinds where the site has them."""
    profil = PROFILS[site.code]
    code = site.code
    cadres: list[CadreDemo] = []
    for annee in annees:
        extension = "csv" if profil.csv_journal else "xlsx"
        cadres += [
            CadreDemo(code, "journal", _nom(code, "journal", annee, extension),
                      {"Journal": _journal_complet(ref, site, profil, annee, annees, fin)}),
            CadreDemo(code, "indicateurs", _nom(code, "indicateurs", annee),
                      {"Indicateurs": cadre_indicateurs(ref, site, profil, annee, annees, fin)}),
            CadreDemo(code, "enquete", _nom(code, "enquete_satisfaction", annee),
                      cadres_enquete(profil, annee, annees), annee=annee),
            CadreDemo(code, "pan", _nom(code, "pan", annee), {"PAN": cadre_pan(profil, annee, annees, fin)}),
        ]
        if profil.mystere:
            cadres.append(CadreDemo(code, "mystere", _nom(code, "mystere", annee),
                                    {"Mystère": cadre_mystere(profil, annee, annees, fin)}))
        if profil.plan:
            cadres.append(CadreDemo(code, "plan", _nom(code, "plan_actions", annee),
                                    {"Plan d'actions": cadre_plan(annee, fin)}, annee=annee,
                                    titre=f"Plan d'actions local {annee}"))
        if profil.avis:
            cadres.append(CadreDemo(code, "avis", _nom(code, "avis_sp_plus", annee),
                                    {"Avis": cadre_avis(annee, fin)}))
    if profil.plan:
        ancienne = annees[0] - 1
        cadres += [
            CadreDemo(code, "enquete-agregee", _nom(code, "resultats_enquete", ancienne),
                      {"Résultats": cadre_enquete_ancienne(ancienne)}, annee=ancienne),
            CadreDemo(code, "enquete-agregee", _nom(code, "enquete_elus", None),
                      {"Enquête élus": cadre_enquete_elus(annees)}),
        ]
    return cadres


def generer_cadres(aujourd_hui: dt.date) -> list[CadreDemo]:
    """Every demonstration spreadsheet as frames (deterministic: the same day gives the same frames)."""
    ref = charger(REFERENTIEL)
    annees, fin = periode_demo(aujourd_hui)
    return [c for site in SITES_DEMO for c in _cadres_du_site(ref, site, annees, fin)]


FORMATS = {"Mois": "MM/YYYY"}
FORMAT_DATE = "DD/MM/YYYY"


def _xlsx(cadre: CadreDemo) -> bytes:
    """The spreadsheet as Excel writes it: dates as date cells (jj/mm/aaaa), a title row where the file has one."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    classeur = Workbook(write_only=True)
    classeur.properties.creator = "Qualepref (données de démonstration)"
    for nom, frame in cadre.feuilles.items():
        feuille = classeur.create_sheet(nom)
        if cadre.titre:
            feuille.append([cadre.titre])
            feuille.append([])
        feuille.append(list(frame.columns))
        formats = [FORMATS.get(c, FORMAT_DATE) for c in frame.columns]
        for ligne in frame.itertuples(index=False, name=None):
            feuille.append([_cellule(feuille, v, f, WriteOnlyCell) for v, f in zip(ligne, formats, strict=True)])
    sortie = io.BytesIO()
    classeur.save(sortie)
    return sortie.getvalue()


def _cellule(feuille: object, valeur: object, format_date: str, fabrique: Callable) -> object:
    """A cell value: dates get a French date format, missing values an empty cell, numpy scalars plain Python."""
    if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)):
        return None
    if isinstance(valeur, dt.date):
        cellule = fabrique(feuille, value=valeur)
        cellule.number_format = format_date
        return cellule
    return valeur.item() if isinstance(valeur, np.generic) else valeur


def _csv(cadre: CadreDemo) -> bytes:
    """The frame as French Excel saves « CSV (séparateur : point-virgule) »: Windows-1252, dates jj/mm/aaaa."""
    (frame,) = cadre.feuilles.values()
    texte = frame.map(lambda v: v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v)
    return texte.to_csv(sep=";", index=False, lineterminator="\r\n").encode("cp1252")


def ecrire(cadre: CadreDemo) -> FichierDemo:
    """The bytes of one demonstration file (.csv or .xlsx after its name)."""
    contenu = _csv(cadre) if cadre.nom.endswith(".csv") else _xlsx(cadre)
    return FichierDemo(site=cadre.site, type_donnees=cadre.type_donnees, nom=cadre.nom, contenu=contenu,
                       annee=cadre.annee)


def generer_fichiers(aujourd_hui: dt.date) -> list[FichierDemo]:
    """Every demonstration file, in import order (sites first to last, years oldest first)."""
    return [ecrire(c) for c in generer_cadres(aujourd_hui)]


# --- loading through the import pipeline -------------------------------------------------------------------------

def verifier_sites(ref: Referentiel | None = None) -> None:
    """Raise RuntimeError when a demonstration site breaks the perimeter rules of its referential."""
    ref = ref or charger(REFERENTIEL)
    for site in SITES_DEMO:
        problemes = verifier_perimetre(ref, site.type_site, site.cert, site.modules)
        if problemes:
            raise RuntimeError(f"Périmètre du site de démonstration {site.code} invalide : " + " ".join(problemes))


def importer_fichier_demo(engine: Engine, fichier: FichierDemo, site: Site, aujourd_hui: dt.date) -> None:
    """Analyse then store one demonstration file exactly as an upload would, but in this process (bytes this
    program wrote: the reading child of uploads is not needed); a blocked analysis is our bug."""
    from qualepref.imports import pipeline

    analyse = pipeline.analyser(fichier.contenu, fichier.nom, fichier.type_donnees, site, site.referentiel,
                                fichier.annee, aujourd_hui=aujourd_hui, isoler=False)
    if analyse.bloquee:
        textes = "\n".join(f"- {p.texte}" for p in analyse.problemes)
        raise RuntimeError(f"Le fichier de démonstration {fichier.nom} est refusé par l'import :\n{textes}")
    pipeline.importer(engine, analyse, utilisateur=UTILISATEUR, remplacer=False)


def charger_demo(engine: Engine, aujourd_hui: dt.date | None = None) -> None:
    """Create the demonstration sites and load their three years of data through the import pipeline.

    A no-op when any demonstration site code (``CODES_DEMO``) already exists: loading twice never doubles anything,
    and a real site that happens to bear one of these codes is never touched. Other sites may exist (``python -m
    qualepref demo`` adds the demonstration next to them). Should an import fail, the demonstration sites are
    removed again before the error propagates, so that the next start begins clean.
    """
    from qualepref.store import load_sites, save_site, supprimer_site

    if {s.code for s in load_sites(engine)} & set(CODES_DEMO):
        return
    jour = aujourd_hui or dt.date.today()
    verifier_sites()
    fichiers = generer_fichiers(jour)
    try:
        for site in SITES_DEMO:
            save_site(engine, site)
        sites = {s.code: s for s in SITES_DEMO}
        for fichier in fichiers:
            importer_fichier_demo(engine, fichier, sites[fichier.site], jour)
    except BaseException:
        with contextlib.suppress(Exception):  # the original error matters more than a failed clean-up
            for code in CODES_DEMO:
                supprimer_site(engine, code)
        raise
