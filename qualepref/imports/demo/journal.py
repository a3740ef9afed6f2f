"""The demonstration's journal of written requests (canals, natures, seasons, answers within or beyond the
referential's délais); its dated rows are in qualepref.imports.demo_etapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from qualepref import calendrier
from qualepref.imports.demo.commun import (
    Profil,
    _fin_annee,
    _hasard,
    _rang,
)
from qualepref.referentiel import Referentiel

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
