"""What the export builders share: French labels for stored codes, the rows an export shows, the publication facts.

Nothing is computed here: the figures come from ``Resultats`` as they are; this module only chooses rows and words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from qualepref import format as fmt
from qualepref.cibles import LIBELLES_STATUT

if TYPE_CHECKING:
    from qualepref.resultats import Resultats
    from qualepref.store import Site

LIBELLES_STATUTS = {**LIBELLES_STATUT, "sans_indicateur": "Sans indicateur (preuves d'audit)"}
TYPES_SITE = {"prefecture": "Préfecture", "sous-prefecture": "Sous-préfecture"}
CANAUX = {"courrier": "Courrier", "courriel": "Courriel", "formulaire": "Formulaire en ligne", "urne": "Urne",
          "telephone": "Téléphone"}
NATURES = {"information": "Demande d'information", "reclamation": "Réclamation", "suggestion": "Suggestion",
           "collectivite": "Demande d'une collectivité"}
TONALITES = {"positif": "Avis positifs", "neutre": "Avis neutres", "negatif": "Avis négatifs"}


class PublicationManquante(ValueError):
    """An export for the comité or the public was asked without published results."""


def statut(code: object) -> str:
    """A status in French words (no colour, no emoji: the words carry the meaning in every file)."""
    return LIBELLES_STATUTS.get(str(code), fmt.NON_DISPONIBLE) if not manquant(code) else fmt.NON_DISPONIBLE


def libelle(dictionnaire: dict[str, str], code: object) -> str:
    """The French label of a stored code, or the code itself when it has none."""
    return fmt.NON_DISPONIBLE if manquant(code) else dictionnaire.get(str(code), str(code))


manquant = fmt.manquant  # the exports ask it by this name: True for None, NaN, NA, NaT


def nombre_ou_none(valeur: object) -> float | None:
    """A plain float, or None for a missing value."""
    return None if manquant(valeur) else float(valeur)


def colonne(cadre: pd.DataFrame, nom: str) -> pd.Series:
    """A column of ``cadre``, or a column of NA when a published snapshot lacks it."""
    return cadre[nom] if nom in cadre else pd.Series([pd.NA] * len(cadre), index=cadre.index, dtype="object")


def annuels(r: Resultats) -> pd.DataFrame:
    """The yearly indicator rows (one per indicator), in the referential's order."""
    if r.indicateurs.empty or "periode" not in r.indicateurs:
        return pd.DataFrame(columns=["code", "libelle", "module", "engagement", "periode", "valeur", "unite"])
    return r.indicateurs[r.indicateurs["periode"] == str(r.annee)].reset_index(drop=True)


def fiche_referentiel(r: Resultats) -> dict:
    """The fiche of the referential version the results were computed on (``meta["referentiel"]``: the version in
    place then, a loaded one or the built-in file); for a snapshot older than that key, the built-in file's."""
    donnees = r.meta.get("referentiel")
    if isinstance(donnees, dict) and donnees.get("titre"):
        return donnees
    try:
        from qualepref.referentiel import charger
        from qualepref.referentiel.fiche import fiche

        return fiche(charger(r.referentiel))
    except (KeyError, ValueError, OSError, ImportError):
        return {"titre": "Référentiel du site", "version": "", "ebauche": False}


def nom_referentiel(r: Resultats) -> str:
    """The referential by its name and version (« Qual-e-pref (2018, mise à jour de février 2019) »), never by its
    internal code; a draft says it is one."""
    from qualepref.referentiel.fiche import nom

    return nom(fiche_referentiel(r))


def mention_ebauche(r: Resultats) -> str | None:
    """The sentence an export carries when its referential is a draft (None for an official text)."""
    from qualepref.referentiel.fiche import mention_ebauche as mention

    return mention(fiche_referentiel(r))


def libelle_court(ligne: dict | pd.Series, r: Resultats | None = None) -> str:
    """An indicator's short label: the row's ``libelle_court`` when it carries one, else the one the referential
    version of the results gives its code (``[libelles_courts]``), else its full label."""
    court = ligne.get("libelle_court")
    if not manquant(court) and str(court).strip():
        return str(court)
    if r is not None:
        courts = fiche_referentiel(r).get("libelles_courts") or {}
        if courts.get(str(ligne.get("code"))):
            return str(courts[str(ligne.get("code"))])
    return str(ligne.get("libelle"))


def nom_site(r: Resultats, site: Site) -> str:
    """The site's name as people know it."""
    return site.nom or r.meta.get("nom") or site.code


def type_site(site: Site) -> str:
    """``Préfecture`` or ``Sous-préfecture``."""
    return TYPES_SITE.get(site.type_site, site.type_site)


def exiger_publication(publication: dict | None, r: Resultats) -> dict:
    """The publication facts; exports for the comité and the public refuse live (unpublished) results."""
    if not publication or publication.get("publie_le") is None:
        raise PublicationManquante(
            f"Aucun résultat publié pour {r.site} en {r.annee} : cette sortie ne montre que des résultats publiés "
            "(python -m qualepref publier ...).")
    return publication


def date_publication(publication: dict) -> str:
    """``jj/mm/aaaa`` of the publication."""
    return fmt.date_du_moment(publication.get("publie_le"))


def periode_publiee(r: Resultats, publication: dict | None) -> str:
    """The published period: the one given with the facts, else a quarter when the snapshot holds only one, else
    the year."""
    if publication and publication.get("periode"):
        return str(publication["periode"])
    if not r.indicateurs.empty and "periode" in r.indicateurs:
        periodes = set(r.indicateurs["periode"].astype(str))
        trimestres = sorted(p for p in periodes if len(p) == 7 and p[5] == "T")
        if str(r.annee) not in periodes and len(trimestres) == 1:
            return trimestres[0]
    return str(r.annee)


def granularite(periode: str) -> str:
    """``annee``, ``trimestre`` or ``mois`` for a period code."""
    if len(periode) == 4:
        return "annee"
    return "trimestre" if periode[5] == "T" else "mois"


def lignes_de_periode(r: Resultats, periode: str) -> pd.DataFrame:
    """One row per indicator for ``periode``: the quarter's row when it exists, else the year's."""
    cadre = r.indicateurs
    if cadre.empty or "periode" not in cadre:
        return cadre
    voulues = cadre[cadre["periode"] == periode]
    if periode != str(r.annee):
        deja = set(voulues["code"])
        annee = cadre[(cadre["periode"] == str(r.annee)) & ~cadre["code"].isin(deja)]
        voulues = pd.concat([voulues, annee], ignore_index=True)
    ordre = {code: rang for rang, code in enumerate(dict.fromkeys(cadre["code"]))}
    return voulues.assign(_ordre=voulues["code"].map(ordre)).sort_values("_ordre", kind="stable") \
        .drop(columns="_ordre").reset_index(drop=True)


def engagements_de(ligne: pd.Series) -> set[str]:
    """The engagement numbers an indicator row serves (``engagements`` "10, 11", else ``engagement``)."""
    texte = ligne.get("engagements")
    if manquant(texte) or not str(texte).strip():
        texte = ligne.get("engagement")
    if manquant(texte):
        return set()
    return {morceau.strip() for morceau in str(texte).split(",") if morceau.strip()}


def titre_module(r: Resultats, numero: object) -> str:
    """``Module 1 : Relation générale avec les usagers`` (the title from ``resultats.modules`` when known)."""
    titre = ""
    if not r.modules.empty and "module" in r.modules:
        trouves = r.modules[r.modules["module"].astype(str) == str(numero)]
        if not trouves.empty and "titre" in trouves:
            titre = str(trouves.iloc[0]["titre"])
    return f"Module {numero}" + (f" : {titre}" if titre else "")


def modules_retenus(r: Resultats, site: Site) -> list[int]:
    """The modules of the perimeter: those of the results, else those of the site."""
    if not r.modules.empty and "module" in r.modules:
        return [int(m) for m in r.modules["module"]]
    return list(site.modules)


def exemples_realises(r: Resultats) -> list[tuple[str, str]]:
    """(axe, action) of the examples of actions carried out the results keep (``meta["actions_realisees"]``,
    ``plan_actions.exemples_realises``), in their order."""
    return [(str(e.get("axe") or ""), str(e.get("action") or "")) for e in r.meta.get("actions_realisees") or []
            if e.get("action")]


STATUTS_ACTION = {"a_lancer": "À lancer", "en_cours": "En cours", "realisee": "Réalisée", "abandonnee": "Abandonnée"}


def methodes_plan() -> tuple[str, str]:
    """The two sentences that say how the plan's completion is computed (overall, and the mean shown by axe).

    They belong to ``qualepref.plan_actions`` (``METHODE_COMPLETION``, ``METHODE_MOYENNE_THEMATIQUES``); until that
    module is importable, the same meaning is stated here.
    """
    try:
        from qualepref.plan_actions import METHODE_COMPLETION, METHODE_MOYENNE_THEMATIQUES
    except ImportError:  # plan_actions is being written: temporary sentences, same meaning
        return (
            "Taux de réalisation : moyenne de l'avancement des actions (0 à 100 %), une action réalisée comptant "
            "pour 100 % et les actions abandonnées n'étant pas comptées.",
            "Taux d'un axe : moyenne des taux de ses thématiques (chaque thématique pèse le même poids, quel que "
            "soit son nombre d'actions), comme dans le bilan présenté au comité.",
        )
    return METHODE_COMPLETION, METHODE_MOYENNE_THEMATIQUES
