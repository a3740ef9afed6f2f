"""The results of a site for a year: every figure the COPIL and the comité read, computed here once.

``calculer(ref, site, donnees, annee, cibles, aujourd_hui)`` returns a frozen ``Resultats``: one row per indicator
of the site's perimeter and period (the year, and its months or quarters by the indicator's periodicity) with value,
target, status and progression; the surveys with their progression in points; the plan d'actions completion; PAN
attendance; Services Publics+ avis; the délais of the journal; engagement and module statuses; what is not measured;
the figures that moved most. Pages, exports and the command line all take their figures from here
(``vers_json`` / ``depuis_json`` give the same figures as plain data: the command line prints them, a publication
freezes them; they live in ``qualepref.resultats_json`` and are re-exported here).
"""

from __future__ import annotations

import datetime as dt
import threading
import weakref
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from sqlalchemy import Engine

from qualepref import (crises, definitions, delais, enquetes, etapes, perimetre_engagements, periodes,
                       plan_actions, satisfaction)
from qualepref.cibles import cibles_effectives, progres_vers_cible, statuts
from qualepref.perimetre_engagements import statut_engagements
from qualepref.referentiel import Referentiel, charger, charger_zones, versions
from qualepref.referentiel.correspondances import codes_repris, valeurs_reprises
from qualepref.referentiel.fiche import fiche
from qualepref.resultats_json import CODES_TONALITES, JSON_TONALITES, depuis_json, vers_json  # noqa: F401 (re-exported)
from qualepref.store import TYPES_STOCKES, Site, date_dernier_import, load_donnees, moment_dernier_import

TYPES_DONNEES = {
    "journal": "journal", "valeurs": "indicateurs", "enquete": "enquete", "enquete_agregee": "enquete-agregee",
    "mystere": "mystere", "plan": "plan", "pan": "pan", "avis": "avis", "crises": "crises",
}
GRANULARITE = {"mensuel": "mois", "trimestriel": "trimestre", "annuel": "annee"}
REGLE_ETAT_AU = (
    "Les délais sont arrêtés au jour où le contenu du journal est connu, celui de son dernier import : une "
    "demande sans réponse est en retard dès que son délai est dépassé à cette date, « en cours » (hors taux, "
    "comptée à part) tant que son délai court. Une publication fige cet état."
)


@dataclass(frozen=True)
class DonneesSite:
    """The stored data of one site for the years needed (the year and the one before, for progressions)."""

    journal: pd.DataFrame
    valeurs: pd.DataFrame
    enquete: pd.DataFrame
    enquete_agregee: pd.DataFrame
    mystere: pd.DataFrame
    plan: pd.DataFrame
    pan: pd.DataFrame
    avis: pd.DataFrame
    crises: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["site", *crises.COLONNES]))
    journal_connu_le: dt.date | None = None  # the latest journal import: its unanswered requests are judged then
    crises_connues_le: dt.datetime | None = None  # the latest crisis log import: a crisis not told is judged then
    # the site's declarations « sans objet » (objet, raison): they leave the perimeter's counts
    sans_objet: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["objet", "raison"]))
    delais_locaux: pd.DataFrame | None = None  # the délais « fixés localement » the référent set (etapes)

    @classmethod
    def vide(cls) -> DonneesSite:
        """No data at all, each frame with the columns of the store's contract (a site just created)."""
        return cls(**{nom: pd.DataFrame({c: pd.Series(dtype="object") for c in ("site", *TYPES_STOCKES[kind].colonnes)})
                      for nom, kind in TYPES_DONNEES.items()})


def charger_donnees(engine: Engine, site: str, annees: Sequence[int]) -> DonneesSite:
    """Read every kind of data of ``site`` for ``annees`` from the store, and the day of its latest journal import
    (what the journal's content is known at)."""
    from qualepref.store.delais_locaux import load_delais_locaux
    from qualepref.store.pilotage import load_sans_objet

    return DonneesSite(**{nom: load_donnees(engine, kind, site, list(annees)) for nom, kind in TYPES_DONNEES.items()},
                       journal_connu_le=date_dernier_import(engine, site, "journal"),
                       crises_connues_le=moment_dernier_import(engine, site, "crises"),
                       sans_objet=load_sans_objet(engine, site), delais_locaux=load_delais_locaux(engine, site))


@dataclass(frozen=True)
class Resultats:
    """Every figure of a site and year (frames with stable columns; see ``vers_json`` for their meaning)."""

    site: str
    annee: int
    referentiel: str
    indicateurs: pd.DataFrame
    details: pd.DataFrame
    enquetes: pd.DataFrame
    mystere: pd.DataFrame
    delais: pd.DataFrame
    plan_global: dict
    plan_axes: pd.DataFrame
    plan_thematiques: pd.DataFrame
    plan_en_retard: pd.DataFrame
    pan: dict
    avis: dict
    engagements: pd.DataFrame
    modules: pd.DataFrame
    non_mesures: pd.DataFrame
    mouvements: pd.DataFrame
    meta: dict = field(default_factory=dict)

    def annuels(self) -> pd.DataFrame:
        """The indicator rows of the whole year (one per indicator)."""
        return self.indicateurs[self.indicateurs["periode"] == str(self.annee)].reset_index(drop=True)

    def demandeurs_indisponibles(self, code: str, periode: str | None = None) -> int:
        """How many requests of indicator ``code`` over ``periode`` (default the year) left its rate because the
        requester was unavailable (37.1, 40.1: « sauf indisponibilité du demandeur »): the detail rows of axe
        « indisponibilite »; 0 when there are none."""
        if self.details.empty or "axe" not in self.details:
            return 0
        choisis = self.details[(self.details["indicateur"] == code) & (self.details["periode"] == (periode or str(
            self.annee))) & (self.details["axe"] == "indisponibilite")]
        return int(choisis["recus"].sum()) if not choisis.empty else 0


# --- periods ------------------------------------------------------------------------------------------------------

def periodes_calculees(annee: int) -> list[str]:
    """The year, its quarters and months, and the same for the year before (for progressions)."""
    codes: list[str] = []
    for a in (annee - 1, annee):
        for granularite in ("annee", "trimestre", "mois"):
            codes += [p.code for p in periodes.periodes_de_l_annee(a, granularite)]
    return codes


def _periodes_affichees(periodicite: str, annee: int) -> list[str]:
    """The periods an indicator is shown for: the year, then its quarters (a monthly indicator too: a quarter's
    publication and the quarterly poster need its quarter value), then its months when it is monthly."""
    codes = [str(annee)]
    granularite = GRANULARITE.get(periodicite, "annee")
    if granularite in ("trimestre", "mois"):
        codes += [p.code for p in periodes.periodes_de_l_annee(annee, "trimestre")]
    if granularite == "mois":
        codes += [p.code for p in periodes.periodes_de_l_annee(annee, "mois")]
    return codes


# --- indicator values ---------------------------------------------------------------------------------------------

def _valeurs_importees(ref: Referentiel, valeurs: pd.DataFrame, codes: Sequence[str]) -> pd.DataFrame:
    """Imported values aggregated to each period (ratio of sums where numerators and denominators are known)."""
    if valeurs.empty:
        return pd.DataFrame(columns=["indicateur", "periode", "valeur", "numerateur", "denominateur"])
    # "moyenne" is no nature agreger_valeurs sums: it averages the values (ratio of sums when counts are known)
    nature = {i.code: ("moyenne" if i.agregation == "moyenne" else i.nature) for i in ref.indicateurs}
    cadre = periodes.agreger_par_periodes(valeurs, codes, nature)
    return cadre[["indicateur", "periode", "valeur", "numerateur", "denominateur"]]


def evaluer_journal(ref: Referentiel, journal: pd.DataFrame, subdivision: str | None, periode: str,
                    etat_au: dt.date) -> pd.DataFrame:
    """The requests received in ``periode`` with their délai state, the unanswered ones judged at ``etat_au`` (the
    day the journal's content is known, see ``etat_au``), whatever the period."""
    dans_periode = delais.filtrer_periode(journal, periode)
    return delais.appliquer_regles(dans_periode, ref.regles_delai_frame(), ref.canal_delai, subdivision, etat_au)


def etat_au(donnees: DonneesSite, aujourd_hui: dt.date) -> dt.date:
    """The day the délai figures are stated at (« état au »): the site's latest journal import, when its content
    was known (an unanswered request is late once its délai has run out by then, « en cours » while it runs);
    today when no import is recorded. Never after today."""
    connu = donnees.journal_connu_le
    return aujourd_hui if connu is None else min(connu, aujourd_hui)


def _valeurs_journal(ref: Referentiel, journal: pd.DataFrame, subdivision: str | None, codes: Sequence[str],
                     date_etat: dt.date, regles: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Values of the journal-computed indicators for each period, and their breakdowns by canal and service.

    The figures of ``evaluer_journal`` + ``delais.synthese_delais`` per period, indicator and group (rows in
    that order, groups sorted, a missing service last), but the journal is evaluated once
    (``delais.evaluer_demandes``) and every period counted from one cube (``delais.CubePeriodes``): counts add
    up, the délai moyen is the sum of the délais over the number answered. ``journal`` and ``regles`` are those of
    ``etapes.journal_des_delais`` (the dated natures as steps); a step indicator counts the keys of its steps,
    and the requests whose requester was unavailable are given apart (details, axe « indisponibilite »)."""
    calcules = [i for i in ref.indicateurs if i.calcul == "journal"]
    if journal.empty or not calcules or not codes:
        return pd.DataFrame([]), pd.DataFrame([])
    regles = ref.regles_delai_frame() if regles is None else regles
    choisies = [periodes.parse_periode(code) for code in codes]
    demandes = delais.evaluer_demandes(journal, regles, ref.canal_delai, subdivision,
                                       min(p.debut for p in choisies), max(p.fin for p in choisies))
    cube = delais.CubePeriodes(demandes, choisies, etat_au=date_etat)
    _transmettre(journal, ref, subdivision, cube, regles)
    presentes = list(cube.natures)
    selections: dict[tuple, delais.Comptes] = {}  # a rate and a mean often count the same requests
    cles = {ind.code: (etapes.natures_selectionnees(ind, presentes), ind.canaux) for ind in calcules}
    for cle in cles.values():
        if cle not in selections:
            selections[cle] = cube.selection(*cle)
    comptes = [selections[cles[ind.code]] for ind in calcules]
    moyen = np.array([ind.mesure == "delai_moyen" for ind in calcules])
    noms = np.array([ind.code for ind in calcules], dtype=object)
    codes_periodes = np.array(list(codes), dtype=object)

    total = np.stack([c.total for c in comptes], axis=1)  # (période, indicateur, quantité)
    k, i = np.nonzero(total[..., 0] > 0)
    lignes = {"indicateur": noms[i].tolist(), "periode": codes_periodes[k].tolist(),
              **_mesures(moyen[i], total[k, i])}

    morceaux = []
    for rang_axe, (axe, valeurs) in enumerate((("canal", cube.canaux), ("service", cube.services))):
        tableau = np.stack([getattr(c, axe) for c in comptes], axis=1)  # (période, indicateur, groupe, quantité)
        k, i, g = np.nonzero(tableau[..., 0] > 0)
        groupes = np.array([*valeurs, np.nan], dtype=object)
        morceaux.append((k, i, np.full(len(k), rang_axe), groupes[g], tableau[k, i, g]))
    k, i, rang_axe, groupe, quantites = (np.concatenate(x) for x in zip(*morceaux, strict=True))
    ordre = np.lexsort((rang_axe, i, k))  # stable: groups stay sorted within an axis
    k, i, rang_axe, groupe, quantites = k[ordre], i[ordre], rang_axe[ordre], groupe[ordre], quantites[ordre]
    recus = delais.QUANTITES.index("recus")
    details = {"indicateur": noms[i].tolist(), "periode": codes_periodes[k].tolist(),
               "axe": np.array(["canal", "service"], dtype=object)[rang_axe].tolist(), "groupe": groupe.tolist(),
               **_mesures(moyen[i], quantites), "recus": quantites[:, recus].tolist(),
               "en_cours": quantites[:, delais.QUANTITES.index("en_cours")].tolist()}
    if not lignes["indicateur"]:  # as from no rows at all: frames without columns
        return pd.DataFrame([]), pd.DataFrame([])
    apart = _indisponibles(cube, calcules, presentes, codes_periodes)
    details = pd.DataFrame(details)
    return pd.DataFrame(lignes), pd.concat([details, apart], ignore_index=True) if not apart.empty else details


def _indisponibles(cube: delais.CubePeriodes, calcules: Sequence, presentes: list, codes_periodes: np.ndarray
                   ) -> pd.DataFrame:
    """Per step indicator and period, the requests whose requester was unavailable (37.1, 40.1: « sauf
    indisponibilité du demandeur sur la période »): out of the rate, counted apart as a detail row."""
    lignes = []
    for ind in calcules:
        cles = etapes.indisponibles(ind, presentes)
        if not cles:
            continue
        recus = cube.selection(cles, ind.canaux).total[:, delais.QUANTITES.index("recus")]
        for k in np.flatnonzero(recus > 0):
            lignes.append({"indicateur": ind.code, "periode": codes_periodes[k], "axe": "indisponibilite",
                           "groupe": "demandeur indisponible", "valeur": None, "valeur_fond": None,
                           "numerateur": None, "denominateur": None, "recus": int(recus[k]), "en_cours": 0})
    return pd.DataFrame(lignes)


def _mesures(moyen: np.ndarray, comptes: np.ndarray) -> dict[str, list]:
    """Value, numerator and denominator of journal indicators, one per row of ``comptes`` (``delais.QUANTITES``):
    the délai moyen over the answered requests (``moyen``) or the rate within délai = within / (within + late);
    None where nobody counts (as Python values, so that the frames infer their types as from rows).
    ``valeur_fond``: for a délai moyen, the same over the answers on the substance only (« fond »)."""
    q = {nom: comptes[:, j] for j, nom in enumerate(delais.QUANTITES)}
    juges = q["dans_le_delai"] + q["hors_delai"]
    denominateur = np.where(moyen, q["repondus"], juges)
    with np.errstate(invalid="ignore", divide="ignore"):
        valeur = np.where(moyen, q["jours_total"], 100 * q["dans_le_delai"]) / np.where(denominateur > 0,
                                                                                         denominateur, np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        fond = q["jours_fond"] / np.where(q["repondus_fond"] > 0, q["repondus_fond"], np.nan)
    return {"valeur": [None if v != v else v for v in valeur.tolist()],
            "valeur_fond": [None if not m or v != v else v for m, v in zip(moyen.tolist(), fond.tolist(),
                                                                          strict=True)],
            "numerateur": [None if m else float(v) for m, v in zip(moyen.tolist(), q["dans_le_delai"].tolist(),
                                                                   strict=True)],
            "denominateur": denominateur.astype("float64").tolist()}


# The two journal tables of ``calculer`` judge the same requests: ``_valeurs_journal`` hands its cube to the
# ``_delais_de_l_annee`` call that follows it on the same frame (in the same thread; once), which otherwise
# evaluates the journal itself.
_TRANSMIS = threading.local()


def _transmettre(journal: pd.DataFrame, ref: Referentiel, subdivision: str | None,
                 cube: delais.CubePeriodes, regles: pd.DataFrame | None = None) -> None:
    _TRANSMIS.valeur = (weakref.ref(journal), len(journal), ref, subdivision, cube)


def _cube_transmis(journal: pd.DataFrame, ref: Referentiel, subdivision: str | None, periode: str,
                   date_etat: dt.date) -> delais.CubePeriodes | None:
    """The cube ``_valeurs_journal`` left for this very frame, referential and zone, if it holds ``periode``
    judged on ``date_etat``."""
    valeur, _TRANSMIS.valeur = getattr(_TRANSMIS, "valeur", None), None
    if valeur is None:
        return None
    cadre, longueur, son_ref, sa_subdivision, cube = valeur
    if cadre() is not journal or longueur != len(journal) or son_ref is not ref or sa_subdivision != subdivision:
        return None
    return cube if periode in cube.codes and cube.etat_au == date_etat else None


def _valeurs_pan(ref: Referentiel, pan: pd.DataFrame, subdivision: str | None, codes: Sequence[str],
                 site: Site) -> pd.DataFrame:
    """The indicators derived from the PAN attendance (``calcul = "pan"``: E15 users per opening day), per period;
    a site whose opening days cannot be read falls back on Monday to Friday."""
    derives = [i for i in ref.indicateurs if i.calcul == "pan"]
    if pan.empty or not derives:
        return pd.DataFrame(columns=["indicateur", "periode", "valeur", "numerateur", "denominateur", "source"])
    choisies = [periodes.parse_periode(c) for c in codes]
    try:
        parjour = plan_actions.usagers_par_jour(pan, choisies, subdivision, site.jours_ouverture_pan)
    except ValueError:
        parjour = plan_actions.usagers_par_jour(pan, choisies, subdivision, None)
    return pd.concat([parjour.assign(indicateur=i.code, source="pan") for i in derives], ignore_index=True)


def _nombre(valeur: object) -> float | None:
    return None if valeur is None or pd.isna(valeur) else float(valeur)


# --- the whole result ---------------------------------------------------------------------------------------------

def calculer(ref: Referentiel, site: Site, donnees: DonneesSite, annee: int, cibles_site: pd.DataFrame,
             aujourd_hui: dt.date, autres: Sequence[Referentiel] | None = None) -> Resultats:
    """Every figure of ``site`` for ``annee`` (see the module docstring).

    Values imported under another referential's codes (``autres``: the built-in referentials by default) count
    for the indicators of ``ref`` that take them over (``correspondances``): history and N-1 carry across a change
    of referential.
    """
    subdivision = charger_zones()[site.zone].subdivision
    codes = periodes_calculees(annee)
    date_etat = etat_au(donnees, aujourd_hui)
    taux_themes = _taux_des_themes(donnees)
    autres = [charger(c) for c in versions()] if autres is None else autres
    repris = codes_repris(ref, autres)
    importees = _valeurs_importees(ref, valeurs_reprises(donnees.valeurs, repris), codes)
    journal, regles, locaux = etapes.journal_des_delais(ref, donnees.journal, donnees.delais_locaux)
    du_journal, details = _valeurs_journal(ref, journal, subdivision, codes, date_etat, regles)
    de_l_enquete, criteres = satisfaction.valeurs_enquete(ref, taux_themes, donnees.mystere)
    details = pd.concat([d for d in (details, criteres) if not d.empty], ignore_index=True) \
        if not criteres.empty else details
    derivees = [c for c in (_valeurs_pan(ref, donnees.pan, subdivision, codes, site),
                            crises.valeurs_du_site(ref.indicateurs, donnees.crises, [periodes.parse_periode(c) for c in
                                                   codes], donnees.crises_connues_le, aujourd_hui)) if not c.empty]
    valeurs = _fusionner_sources(importees, du_journal, de_l_enquete,
                                 pd.concat(derivees, ignore_index=True) if derivees else None)
    declares = set(donnees.sans_objet["objet"])
    indicateurs = _avec_delais_locaux(ref, _tableau_indicateurs(ref, site, annee, valeurs, cibles_site, declares),
                                      locaux)
    engagements, modules = statut_engagements(ref, site, indicateurs[indicateurs["periode"] == str(annee)], declares)
    plan_annee = _de_l_annee(donnees.plan, "annee", annee)
    return Resultats(
        site=site.code, annee=annee, referentiel=ref.code, indicateurs=indicateurs,
        details=details[details["periode"].isin(indicateurs["periode"])] if not details.empty else details,
        enquetes=_enquetes_de_l_annee(taux_themes, annee),
        mystere=enquetes.conformite(_de_l_annee(donnees.mystere, "date", annee)),
        delais=_delais_de_l_annee(ref, journal, subdivision, annee, date_etat, regles),
        plan_global=_plan_global(plan_annee),
        plan_axes=plan_actions.par_axe(plan_annee),
        plan_thematiques=plan_actions.par_thematique(plan_annee),
        plan_en_retard=plan_actions.en_retard(plan_annee, aujourd_hui),
        pan=_pan(_de_l_annee(donnees.pan, "mois", annee)),
        avis=plan_actions.synthese_avis(_de_l_annee(donnees.avis, "date", annee)),
        engagements=engagements, modules=modules,
        non_mesures=non_mesures(indicateurs, annee, aujourd_hui),
        mouvements=mouvements(indicateurs[indicateurs["periode"] == str(annee)]),
        meta={"nom": site.nom, "calcule_le": aujourd_hui.isoformat(), "marge_proche": site.marge_proche,
              "etat_au": date_etat.isoformat(), "regle_etat_au": REGLE_ETAT_AU, "delais_locaux": locaux,
              # the version computed on, as the exports name it (a stored version loaded by the référent, else the
              # built-in file): a publication freezes it
              "referentiel": fiche(ref), "sans_objet": perimetre_engagements.declarations(ref, site, donnees.sans_objet),
              # examples of actions carried out per axe (the deck and the poster, when the référent typed none)
              "actions_realisees": plan_actions.exemples_realises(plan_annee)},
    )


def _avec_delais_locaux(ref: Referentiel, indicateurs: pd.DataFrame, locaux: list[dict]) -> pd.DataFrame:
    """The help text of an indicator whose délai is « fixé localement » says the délais applied, the default
    one as « délai par défaut, à remplacer » (38.3, 52.2)."""
    if not locaux or indicateurs.empty:
        return indicateurs
    phrases = {i.code: definitions.delais_locaux(etapes.delais_locaux_de(i, locaux)) for i in ref.indicateurs}
    # the délais applied, before the referential's sentence that closes every help text
    regles = [regle.replace(". Référentiel : ", f". {phrases[code]} Référentiel : ", 1)
              if phrases.get(code) and source == "journal" else regle
              for code, source, regle in zip(indicateurs["code"], indicateurs["source"], indicateurs["regle"],
                                             strict=True)]
    return indicateurs.assign(regle=regles)


def _taux_des_themes(donnees: DonneesSite) -> pd.DataFrame:
    """Satisfaction per year and theme, from answers and from aggregated results (answers win)."""
    calculees = enquetes.satisfaction(donnees.enquete, par=["site", "annee", "theme"]) \
        if not donnees.enquete.empty else pd.DataFrame()
    return enquetes.combiner_agregees(calculees, donnees.enquete_agregee)


def _enquetes_de_l_annee(taux_themes: pd.DataFrame, annee: int) -> pd.DataFrame:
    """The survey table of the comité: theme, rate N, rate N-1, progression in points, answers, fragile."""
    colonnes = ["theme", "annee", "taux", "exprimes", "taux_net", "taux_precedent", "progression_points", "fragile",
                "ic_bas", "ic_haut", "origine"]
    if taux_themes.empty:
        return pd.DataFrame(columns=colonnes)
    avec_progression = enquetes.progression(taux_themes, cle=["site", "theme"])
    annee_n = avec_progression[avec_progression["annee"] == annee].copy()
    for colonne in colonnes:
        if colonne not in annee_n:
            annee_n[colonne] = pd.NA
    return annee_n[colonnes].reset_index(drop=True)


def _fusionner_sources(importees: pd.DataFrame, du_journal: pd.DataFrame, de_l_enquete: pd.DataFrame,
                       du_pan: pd.DataFrame | None = None) -> pd.DataFrame:
    """One value per indicator and period: computed from raw data where it exists, else the imported value."""
    du_pan = du_pan if du_pan is not None else pd.DataFrame()
    morceaux = [c if "source" in c else c.assign(source=s) for c, s in (
        (du_journal, "journal"), (de_l_enquete, "enquête"), (du_pan, "pan"), (importees, "import")) if not c.empty]
    if not morceaux:
        return pd.DataFrame(columns=["indicateur", "periode", "valeur", "numerateur", "denominateur", "source"])
    tout = pd.concat(morceaux, ignore_index=True)
    tout = tout[tout["valeur"].notna()]
    return tout.drop_duplicates(["indicateur", "periode"], keep="first")


def _tableau_indicateurs(ref: Referentiel, site: Site, annee: int, valeurs: pd.DataFrame,
                         cibles_site: pd.DataFrame, declares: Collection[str] = ()) -> pd.DataFrame:
    """One row per indicator of the perimeter and shown period, with target, status and progression; an indicator
    all of whose engagements are declared sans objet is not in the perimeter."""
    comptes = {e.numero for e in perimetre_engagements.comptes(ref, site, declares)}
    perimetre = [i for i in ref.indicateurs if i.module in site.modules and comptes.intersection(i.engagements)]
    lignes = [
        {"code": i.code, "libelle": i.libelle, "module": i.module, "engagement": i.engagements[0],
         "engagements": ", ".join(map(str, i.engagements)), "periode": p, "unite": i.unite, "nature": i.nature,
         "sens": i.sens, "periodicite": i.periodicite, "source_attendue": i.source, "cible_referentiel": i.cible,
         "seuil": i.seuil, "aide": i.aide}
        for i in perimetre for p in _periodes_affichees(i.periodicite, annee)
    ]
    cadre = pd.DataFrame(lignes)
    if cadre.empty:
        return cadre
    cadre["periode_precedente"] = cadre["periode"].map(lambda c: periodes.periode_precedente(c).code)
    vals = valeurs.rename(columns={"indicateur": "code"})
    cadre = cadre.merge(vals, on=["code", "periode"], how="left")
    precedentes = vals[["code", "periode", "valeur"]].rename(
        columns={"periode": "periode_precedente", "valeur": "valeur_precedente"})
    cadre = cadre.merge(precedentes, on=["code", "periode_precedente"], how="left")
    cibles = cibles_effectives(pd.DataFrame({"code": cadre["code"].unique()}).merge(
        pd.DataFrame([{"code": i.code, "cible": ref.cible_par_defaut(i, annee), "seuil": i.seuil, "sens": i.sens}
                      for i in perimetre]), on="code"), cibles_site)
    cadre = cadre.merge(cibles, on="code", how="left")
    if "valeur_fond" not in cadre:
        cadre["valeur_fond"] = pd.NA
    for colonne in ("valeur", "numerateur", "denominateur", "valeur_precedente", "cible", "seuil", "valeur_fond"):
        cadre[colonne] = pd.to_numeric(cadre[colonne], errors="coerce").astype("Float64")
    cadre["statut"] = statuts(cadre["valeur"], cadre["cible"], cadre["sens"], cadre["unite"], site.marge_proche,
                              cadre["seuil"])
    cadre["progression_points"] = cadre["valeur"] - cadre["valeur_precedente"]
    cadre["progres_cible"] = progres_vers_cible(cadre["valeur"], cadre["valeur_initiale"], cadre["cible"])
    cadre["source"] = cadre["source"].fillna("")
    regles = {cle: definitions.regle(ref.indicateur(cle[0]), cle[1])
              for cle in set(zip(cadre["code"], cadre["source"], strict=True))}
    cadre["regle"] = [regles[cle] for cle in zip(cadre["code"], cadre["source"], strict=True)]
    return cadre.reset_index(drop=True)


def non_mesures(indicateurs: pd.DataFrame, annee: int, aujourd_hui: dt.date) -> pd.DataFrame:
    """What the referential requires that has no data: per indicator, the elapsed periods without a value."""
    colonnes = ["code", "libelle", "module", "engagement", "periodicite", "source_attendue", "periodes_manquantes",
                "periodes_attendues"]
    if indicateurs.empty:
        return pd.DataFrame(columns=colonnes)
    ecoulee = {c: periodes.parse_periode(c).debut <= aujourd_hui for c in indicateurs["periode"].unique()}
    ecoulees = indicateurs[indicateurs["periode"].map(ecoulee).astype(bool)]
    sous_periodes = ecoulees[ecoulees["periode"] != str(annee)]
    annuels = ecoulees[ecoulees["periode"] == str(annee)]
    manquantes = sous_periodes[sous_periodes["valeur"].isna()].groupby("code", sort=False)["periode"].agg(", ".join)
    attendues = sous_periodes.groupby("code", sort=False).size()
    sans_valeur = annuels["code"].map(manquantes)
    retenus = annuels[annuels["valeur"].isna().to_numpy(bool) | sans_valeur.notna().to_numpy(bool)]
    cadre = retenus[colonnes[:6]].assign(
        periodes_manquantes=sans_valeur[retenus.index].astype(object).fillna(str(annee)).astype("str"),
        periodes_attendues=retenus["code"].map(attendues).fillna(1).astype("int64"))  # none: the year itself
    return cadre.reset_index(drop=True)


def mouvements(annuels: pd.DataFrame, nombre: int = 10) -> pd.DataFrame:
    """The figures that moved most since the year before, in points for rates and in days for délais.

    ``favorable`` says whether the move is an improvement given the direction in which the indicator improves.
    """
    colonnes = ["code", "libelle", "unite", "valeur", "valeur_precedente", "progression_points", "favorable"]
    if annuels.empty:
        return pd.DataFrame(columns=colonnes)
    bouges = annuels[annuels["progression_points"].notna() & annuels["unite"].isin(["%", "jours ouvrés", "jours"])]
    bouges = bouges.assign(ampleur=bouges["progression_points"].abs().astype(float),
                           favorable=(bouges["progression_points"] > 0) == (bouges["sens"] == "hausse"))
    return bouges.sort_values("ampleur", ascending=False).head(nombre)[colonnes].reset_index(drop=True)


def _de_l_annee(cadre: pd.DataFrame, colonne: str, annee: int) -> pd.DataFrame:
    """Rows of ``cadre`` whose year (a date column or a year column) is ``annee``."""
    if cadre.empty:
        return cadre
    serie = cadre[colonne]
    annees = serie.dt.year if pd.api.types.is_datetime64_any_dtype(serie) else serie.astype("Int64")
    return cadre[annees == annee].reset_index(drop=True)


def _delais_de_l_annee(ref: Referentiel, journal: pd.DataFrame, subdivision: str | None, annee: int,
                       date_etat: dt.date, regles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The "Réclamations et courriers" table: per engagement, nature and canal, received, within délai, délais."""
    if journal.empty:
        return pd.DataFrame(columns=["engagement", "nature", "canal", "recus", "repondus", "en_cours",
                                     "dans_le_delai", "hors_delai", "reponses_attente", "taux_dans_le_delai",
                                     "delai_moyen", "delai_median", "delai_moyen_fond"])
    p = periodes.parse_periode(str(annee))
    cube = _cube_transmis(journal, ref, subdivision, p.code, date_etat)
    if cube is None:
        demandes = delais.evaluer_demandes(journal, ref.regles_delai_frame() if regles is None else regles,
                                           ref.canal_delai, subdivision, p.debut, p.fin)
        cube = delais.CubePeriodes(demandes, [p], etat_au=date_etat)
    par = ["engagement", "nature", "canal"]
    cellules = cube.cellules(p.code, par)
    # a step's key names its nature, engagement and procedure: the table shows its nature (the engagement beside)
    cellules["nature"] = cellules["nature"].map(etapes.nature_lisible).astype(cellules["nature"].dtype)
    return delais.synthese_ponderee(cellules, par)


def _plan_global(plan: pd.DataFrame) -> dict:
    """Overall completion of the plan d'actions: rate and number of actions behind it."""
    globale = plan_actions.globale(plan)
    return {"taux": _nombre(globale.get("taux")), "actions": int(globale.get("actions", 0))}


def _pan(pan: pd.DataFrame) -> dict:
    """PAN attendance: total, per point d'accès and per démarche (with shares)."""
    par_point = plan_actions.frequentation(pan, par="point")
    par_demarche = plan_actions.frequentation(pan, par="demarche")
    return {"total": int(pan["nombre"].sum()) if not pan.empty else 0,
            "par_point": dict(zip(par_point["point"], par_point["nombre"].astype(int), strict=True))
            if not par_point.empty else {},
            "par_demarche": dict(zip(par_demarche["demarche"], par_demarche["nombre"].astype(int), strict=True))
            if not par_demarche.empty else {}}


def resultats_site(engine: Engine, ref: Referentiel, site: Site, annee: int, aujourd_hui: dt.date) -> Resultats:
    """Load what is needed from the store and compute the results of ``site`` for ``annee`` (values stored under
    another referential in place count through the correspondences)."""
    from qualepref.referentiels_en_place import codes_en_place, referentiel_en_place
    from qualepref.services_publics_plus import REFERENTIEL_SP, calculer_services_publics_plus, figures_du_site
    from qualepref.store.pilotage import load_cibles

    donnees = charger_donnees(engine, site.code, [annee - 1, annee])
    autres = [referentiel_en_place(engine, code) for code in codes_en_place(engine)]
    resultats = calculer(ref, site, donnees, annee, load_cibles(engine, site.code), aujourd_hui, autres)
    # the avis' running total since the first one (the comité deck: « 10 avis déposés depuis 2022 »)
    cumul = plan_actions.cumul_avis(load_donnees(engine, "avis", site.code), annee)
    meta = dict(resultats.meta)
    # the other referentials in place (the deck's « Et après » slide names the next label's modules as loaded)
    meta["autres_referentiels"] = {a.code: fiche(a, libelles_courts=False) for a in autres if a.code != ref.code}
    if ref.code != REFERENTIEL_SP:  # the Services Publics+ figures to publish, whatever the site's referential
        meta["services_publics_plus"] = calculer_services_publics_plus(
            referentiel_en_place(engine, REFERENTIEL_SP), site, donnees, annee, aujourd_hui, [*autres, ref])
    else:
        meta["services_publics_plus"] = figures_du_site(resultats, ref)
    return replace(resultats, avis={**resultats.avis, **cumul}, meta=meta)


def annees_disponibles(engine: Engine, site: str) -> list[int]:
    """The years that hold data of any kind for ``site``, newest first."""
    from qualepref.store import annees_avec_donnees

    return annees_avec_donnees(engine, site)

