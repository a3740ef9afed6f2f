"""The journal's natures that chapter III dates beyond a written answer, as délai « steps » for the délai engine.

A « Mise à jour » (1.2, 8, 11, 51.2: 3 jours ouvrés from the information of the person in charge), a « Demande de
pièces complémentaires » (38.2, 39.2, 52.4: the user contacted within 10 jours ouvrés of the reception), a
« Demande de rendez-vous » (37.1, 40.1: a date proposed within 4 jours ouvrés of the reception, the rendez-vous
within the 10 jours ouvrés that follow the proposal, « sauf indisponibilité du demandeur ») and a « Traitement de
dossier » (38.3, 52.2: « un délai annoncé et respecté, fixé localement ») are journal rows like the others. Each row
becomes one step per délai it falls under (``ETAPES``: a rendez-vous gives a proposition step and a tenue step);
a step is a journal-like row (``date_reception`` the row's reception, so that it belongs to the period of the
request; ``date_completude`` the day its délai runs from; ``date_reponse`` the day it ends) whose ``nature`` is an
internal key naming the step's nature in the referential's délai rules, the engagement and, for a local délai, the
procedure. ``regles_des_etapes`` gives the rules of those keys, taken from the referential (the local délai of the
site where the rule is ``delai_local``), so that ``qualepref.delais`` and its cube count them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pandas as pd

from qualepref.referentiel import Indicateur, Referentiel

# The medium a « Mise à jour » row updated: code → label (the journal's « Support » column).
SUPPORTS: Mapping[str, str] = MappingProxyType({
    "site-internet": "Site internet", "svi": "Serveur vocal interactif", "affichage": "Affichage"})
SEPARATEUR = "#"
INDISPONIBLE = "indisponible"
DEFAUT = "délai par défaut, à remplacer"
COLONNES_ETAPES = ("engagement", "support", "date_proposition", "date_rendez_vous", "indisponibilite", "procedure")


@dataclass(frozen=True)
class Etape:
    """One délai a row of a journal nature falls under: the step's nature in the délai rules (a function of the
    row: the support for a mise à jour), the columns of the day it runs from and the day it ends, and whether
    rows without their starting day have no such step yet (the rendez-vous is due only once proposed)."""

    nature: Callable[[pd.DataFrame], pd.Series]
    depart: str
    arrivee: str
    sans_depart_pas_d_etape: bool = False


def _fixe(nature: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda cadre: pd.Series(nature, index=cadre.index, dtype="object")


def _par_support(cadre: pd.DataFrame) -> pd.Series:
    return ("mise-a-jour-" + cadre["support"].astype("object")).where(cadre["support"].notna(), None)


# journal nature → its steps (chapter III: the day each délai runs from and the day it ends)
ETAPES: Mapping[str, tuple[Etape, ...]] = MappingProxyType({
    "mise-a-jour": (Etape(_par_support, "date_reception", "date_reponse"),),
    "pieces-complementaires": (Etape(_fixe("pieces-complementaires"), "date_reception", "date_reponse"),),
    "rendez-vous": (Etape(_fixe("rendez-vous-proposition"), "date_reception", "date_proposition"),
                    Etape(_fixe("rendez-vous-tenue"), "date_proposition", "date_rendez_vous", True)),
    "traitement": (Etape(_fixe("traitement"), "date_reception", "date_reponse"),),
})
NATURES_ETAPES = frozenset(ETAPES)
# the step natures whose requester's unavailability takes the step out of the rate (37.1, 40.1)
SAUF_INDISPONIBILITE = frozenset({"rendez-vous-tenue"})


def natures_des_etapes(nature: str) -> tuple[str, ...]:
    """The step natures a journal nature may give (those of the délai rules): for a mise à jour, one per support."""
    if nature == "mise-a-jour":
        return tuple(f"mise-a-jour-{s}" for s in SUPPORTS)
    noms = {"pieces-complementaires": ("pieces-complementaires",), "traitement": ("traitement",),
            "rendez-vous": ("rendez-vous-proposition", "rendez-vous-tenue")}
    return noms.get(nature, ())


def engagements_possibles(ref: Referentiel, nature: str) -> tuple[int, ...]:
    """The engagements whose délai rules date a row of this journal nature (sorted): what its « Engagement »
    column may say (mise à jour: 1, 8, 11, 51; pièces: 38, 39, 52; rendez-vous: 37, 40; traitement: 38, 52)."""
    etapes = set(natures_des_etapes(nature))
    return tuple(sorted({r.engagement for r in ref.delais if etapes & set(r.natures)}))


def regle_de_l_etape(ref: Referentiel, nature_etape: str, engagement: int, annee: int):  # noqa: ANN201
    """The délai rule of a step (first in file order), or None."""
    for regle in ref.delais:
        if regle.engagement == engagement and nature_etape in regle.natures and regle.s_applique(annee):
            return regle
    return None


def _cle(etape: pd.Series, engagement: pd.Series, procedure: pd.Series | None) -> pd.Series:
    cle = etape.astype("object") + SEPARATEUR + engagement.astype("Int64").astype("str")
    if procedure is not None:
        cle = cle + SEPARATEUR + procedure.fillna("").astype("object")
    return cle


def en_etapes(journal: pd.DataFrame) -> pd.DataFrame:
    """The rows of the journal natures of ``ETAPES`` as steps (see the module's docstring), with the step's
    ``etape`` (its nature in the rules), ``engagement`` and ``procedure`` kept; rows without engagement or whose
    step nature is unknown (no support) keep a key that no rule has: they count « sans règle »."""
    if journal.empty or "nature" not in journal:
        return journal.iloc[0:0].assign(etape=pd.Series(dtype="object"))
    morceaux = []
    for nature, etapes in ETAPES.items():
        lignes = journal[journal["nature"] == nature]
        if lignes.empty:
            continue
        for etape in etapes:
            depart = pd.to_datetime(lignes[etape.depart]) if etape.depart in lignes else pd.Series(pd.NaT, lignes.index)
            garder = depart.notna() if etape.sans_depart_pas_d_etape else pd.Series(True, index=lignes.index)
            choisies = lignes[garder]
            if choisies.empty:
                continue
            nom = etape.nature(choisies).fillna("sans-support")
            indisponible = choisies["indisponibilite"].fillna(False).astype(bool) \
                if "indisponibilite" in choisies else pd.Series(False, index=choisies.index)
            local = nom == "traitement"
            cle = _cle(nom, choisies["engagement"] if "engagement" in choisies else pd.Series(pd.NA, choisies.index),
                       None)
            procedure = choisies["procedure"] if "procedure" in choisies else pd.Series(None, choisies.index)
            cle = cle.where(~local, cle + SEPARATEUR + procedure.fillna("").astype("object"))
            cle = cle.where(~(indisponible & nom.isin(SAUF_INDISPONIBILITE)), cle + SEPARATEUR + INDISPONIBLE)
            arrivee = pd.to_datetime(choisies[etape.arrivee]) if etape.arrivee in choisies \
                else pd.Series(pd.NaT, choisies.index)
            morceaux.append(choisies.assign(
                nature=cle.astype("str"), etape=nom.astype("str"), date_completude=pd.to_datetime(depart[garder]),
                date_reponse=arrivee, type_reponse=pd.Series(pd.NA, index=choisies.index, dtype="str")))
    if not morceaux:
        return journal.iloc[0:0].assign(etape=pd.Series(dtype="object"))
    return pd.concat(morceaux, ignore_index=True)


def delai_local(delais_locaux: pd.DataFrame, engagement: int, procedure: str) -> int | None:
    """The site's local délai for an engagement and a procedure: the procedure's own, else the one of every
    procedure (""), else None (the referential's default applies)."""
    if delais_locaux is None or delais_locaux.empty:
        return None
    d = delais_locaux[delais_locaux["engagement"].astype("int64") == int(engagement)]
    for cle in (procedure or "", ""):
        trouve = d[d["procedure"].fillna("") == cle]
        if not trouve.empty:
            return int(trouve["jours_ouvres"].iloc[0])
    return None


def regles_des_etapes(ref: Referentiel, etapes: pd.DataFrame, delais_locaux: pd.DataFrame | None = None
                      ) -> tuple[pd.DataFrame, list[dict]]:
    """The délai rules of the steps' keys, as ``Referentiel.regles_delai_frame`` rows whose ``nature`` is the
    key (the délai runs from ``date_completude``: the step's start), and one entry per local délai used:
    engagement, procedure, jours_ouvres, ``defaut`` (True: the referential's default, « à remplacer »)."""
    base = ref.regles_delai_frame()
    lignes, locaux = [], []
    if etapes.empty:
        return base.iloc[0:0], locaux
    for cle in sorted(etapes["nature"].dropna().unique()):
        morceaux = cle.split(SEPARATEUR)
        if len(morceaux) < 2 or morceaux[-1] == INDISPONIBLE or not morceaux[1].isdigit():
            continue
        nature, engagement = morceaux[0], int(morceaux[1])
        regles = base[(base["nature"] == nature) & (base["engagement"] == engagement)]
        if regles.empty:
            continue
        regles = regles.assign(nature=cle, depart_completude=True)
        codes = set(regles["regle"])
        if any(r.delai_local for r in ref.delais if r.code in codes):
            procedure = SEPARATEUR.join(morceaux[2:])
            jours = delai_local(delais_locaux, engagement, procedure)
            defaut = jours is None
            jours = int(regles["jours_ouvres"].iloc[0]) if defaut else jours
            regles = regles.assign(jours_ouvres=jours)
            locaux.append({"engagement": engagement, "procedure": procedure, "jours_ouvres": jours,
                           "defaut": defaut})
        lignes.append(regles)
    if not lignes:
        return base.iloc[0:0], locaux
    cadre = pd.concat(lignes, ignore_index=True)
    cadre["jours_ouvres"] = cadre["jours_ouvres"].astype("int64")
    return cadre, locaux


def journal_des_delais(ref: Referentiel, journal: pd.DataFrame, delais_locaux: pd.DataFrame | None = None
                       ) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """The journal as the délai engine counts it: the written requests as they are, each row of a nature of
    ``ETAPES`` replaced by its steps; the rules of both (the referential's, then the steps'); the local délais
    used (``regles_des_etapes``)."""
    regles = ref.regles_delai_frame()
    if journal.empty or "nature" not in journal or not journal["nature"].isin(NATURES_ETAPES).any():
        return journal, regles, []
    datees = journal["nature"].isin(NATURES_ETAPES).fillna(False)
    etapes = en_etapes(journal[datees])
    regles_etapes, locaux = regles_des_etapes(ref, etapes, delais_locaux)
    ecrites = journal[~datees]
    colonnes = list(journal.columns)
    tout = pd.concat([ecrites, etapes[colonnes]], ignore_index=True) if not ecrites.empty \
        else etapes[colonnes].reset_index(drop=True)
    return tout, pd.concat([regles, regles_etapes], ignore_index=True), locaux


def compte_pour_etapes(ind: Indicateur) -> bool:
    """Whether a journal indicator counts steps (its natures are step natures of the délai rules)."""
    toutes = {n for nature in NATURES_ETAPES for n in natures_des_etapes(nature)}
    return bool(ind.natures) and set(ind.natures) <= toutes


def natures_selectionnees(ind: Indicateur, natures_presentes: Sequence[str]) -> tuple[str, ...]:
    """The journal natures (or step keys) an indicator counts: its natures; for a step indicator, the keys of
    its step natures and engagements present (the requests whose requester was unavailable left out)."""
    if not compte_pour_etapes(ind):
        return tuple(ind.natures)
    choisies = []
    for cle in natures_presentes:
        if not isinstance(cle, str) or SEPARATEUR not in cle:
            continue
        morceaux = cle.split(SEPARATEUR)
        if morceaux[-1] == INDISPONIBLE or not morceaux[1].isdigit():
            continue
        if morceaux[0] in ind.natures and int(morceaux[1]) in ind.engagements:
            choisies.append(cle)
    return tuple(choisies)


def indisponibles(ind: Indicateur, natures_presentes: Sequence[str]) -> tuple[str, ...]:
    """The step keys of ``ind`` whose requester was unavailable: reported apart, never in the rate."""
    if not compte_pour_etapes(ind) or not set(ind.natures) & SAUF_INDISPONIBILITE:
        return ()
    return tuple(c for c in natures_presentes if isinstance(c, str) and c.endswith(SEPARATEUR + INDISPONIBLE)
                 and c.split(SEPARATEUR)[0] in ind.natures and c.split(SEPARATEUR)[1].isdigit()
                 and int(c.split(SEPARATEUR)[1]) in ind.engagements)


def nature_lisible(cle: object) -> object:
    """The step nature of a key (``rendez-vous-tenue#37`` → ``rendez-vous-tenue``); other natures unchanged."""
    return cle.split(SEPARATEUR)[0] if isinstance(cle, str) else cle


def delais_locaux_de(ind: Indicateur, locaux: Sequence[dict]) -> list[dict]:
    """The local délais used by the steps ``ind`` counts (its engagements; a traitement indicator)."""
    if "traitement" not in ind.natures:
        return []
    return [d for d in locaux if d["engagement"] in ind.engagements]


__all__ = ["COLONNES_ETAPES", "DEFAUT", "ETAPES", "NATURES_ETAPES", "SUPPORTS", "delai_local", "delais_locaux_de",
           "en_etapes", "engagements_possibles", "indisponibles", "journal_des_delais", "nature_lisible",
           "natures_des_etapes", "natures_selectionnees", "regle_de_l_etape", "regles_des_etapes"]
