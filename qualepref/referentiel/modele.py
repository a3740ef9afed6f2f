"""The referential's vocabulary and entries as frozen dataclasses: modules, engagements, indicators, délai rules,
dispositions, perimeter rules, calendar zones and the Referentiel that holds one version (look-ups by number or code).

The code lists (natures of indicator, periodicities, sources...) are the values a referential file may use; the
loader (qualepref.referentiel.chargement) checks every file against them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

NATURES_MODULE = ("obligatoire", "metier")
NATURES_INDICATEUR = ("taux_delai", "delai_moyen", "satisfaction", "taux", "nombre")
PERIODICITES = ("mensuel", "trimestriel", "annuel")
SOURCES = ("indigo", "ap2022", "enquete", "interne")
SENS = ("hausse", "baisse")
CALCULS = ("journal", "enquete", "pan", "crises")
MESURES = ("taux_delai", "delai_moyen", "taux_net")  # taux_net: survey indicators (Services Publics+)
CHAPITRES_INDICATEUR = ("VI", "III")
TYPES_SITE = {"prefecture": "une préfecture", "sous-prefecture": "une sous-préfecture"}
NOMBRES = {1: "un", 2: "deux", 3: "trois", 4: "quatre"}
STATUTS = ("officiel", "ebauche")


class ReferentielInvalide(ValueError):
    """A referential file that cannot be used: the message names the file, the entry and the field."""


# Short labels (section [libelles_courts]) are display labels: tiles, chart axes, slides. The full text stays the
# reference and is shown as help next to them.
LONGUEUR_LIBELLE_COURT = 40


def _libelle_court_par_defaut(objet: Any, complet: str) -> None:
    """Set ``libelle_court`` to the full text when it was left empty (frozen dataclass: set through object)."""
    if not objet.libelle_court:
        object.__setattr__(objet, "libelle_court", complet)


# --- the public dataclasses ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Module:
    """A module of the referential: obligatoire (relation usagers, socles) or métier."""

    numero: int
    titre: str
    nature: str
    citation: str
    libelle_court: str = ""

    def __post_init__(self) -> None:
        """Without a short label, the full title stands in (a referential file may give none)."""
        _libelle_court_par_defaut(self, self.titre)


@dataclass(frozen=True)
class Declinaison:
    """One numbered déclinaison of an engagement (``1.1``, ``1.2``...)."""

    code: str
    texte: str


@dataclass(frozen=True)
class Engagement:
    """An engagement de service; ``preuves`` is its méthode de contrôle split into checklist items."""

    numero: int
    module: int
    titre: str
    declinaisons: tuple[Declinaison, ...]
    controle: str
    preuves: tuple[str, ...]
    reprend: tuple[int, ...] = ()
    libelle_court: str = ""
    # « sans objet » (issue 15): the referential's words making the whole engagement optional or conditional
    # (« engagement optionnel », « s'il a été mis en place »); empty: it always applies
    sans_objet: str = ""
    # the éléments de preuve (numbered from 1) asked for only where the arrangement exists (« le cas échéant »),
    # and the referential's words saying so
    preuves_conditionnelles: tuple[int, ...] = ()
    motif_conditionnel: str = ""

    def __post_init__(self) -> None:
        """Without a short label, the full title stands in."""
        _libelle_court_par_defaut(self, self.titre)


@dataclass(frozen=True)
class Indicateur:
    """An indicator, its default target and, for computed ones, how to compute it (journal or survey)."""

    code: str
    libelle: str
    engagements: tuple[int, ...]
    module: int
    nature: str
    unite: str
    periodicite: str
    source: str
    sens: str
    cible: float | None
    cible_referentiel: bool
    chapitre: str
    citation: str
    calcul: str | None = None
    mesure: str | None = None
    natures: tuple[str, ...] = ()
    canaux: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    agregation: str | None = None
    # The code of the indicator in the Services Publics+ results files (« Code SP+ de l'indicateur »), when it is
    # one of the programme's national indicators; and the indicator of the referential ``correspond_a`` this one
    # takes over (its history and N-1 values carry across).
    code_sp: str | None = None
    reprend: str | None = None
    seuil: float | None = None
    par_critere: bool = False
    mystere: bool = False
    mystere_canaux: tuple[str, ...] = ()
    mystere_sauf_canaux: tuple[str, ...] = ()
    delai_heures: float | None = None
    libelle_court: str = ""
    cible_selon_delai: bool = False
    aide: str = ""

    def __post_init__(self) -> None:
        """Without a short label, the full libellé stands in."""
        _libelle_court_par_defaut(self, self.libelle)


# How an indicator's values add up over a longer period when the referential says so ("usagers par jour" is a
# mean of the months, not their sum); otherwise its nature decides (periodes.agreger_valeurs). An indicator whose
# libellé says « par mois » or « par jour » must say ``agregation = "moyenne"`` (checked at load): months of 1 000
# and 2 000 connexions « par mois » are 1 500 par mois over the two months, not 3 000.
AGREGATIONS = ("somme", "moyenne")
# The canals a mystery survey tests: the journal's and the visit (« accueil physique », the commonest mystery survey).
CANAUX_MYSTERE = ("courrier", "courriel", "formulaire", "urne", "telephone", "physique")
PAR_UNITE_DE_TEMPS = re.compile(r"\bpar (mois|jour)\b")

# Optional indicator fields (all simple TOML values, documented here for whoever writes a referential file):
# - ``agregation`` ("somme" | "moyenne"): how values add up over a quarter or a year (above).
# - ``seuil`` (number, in the indicator's unit): a floor the referential sets (« vérification qu'il est de 80 %
#   minimum »); a site's own target cannot go below it and a value worse than it is « non atteint » whatever the
#   site's margin. A délai rule with a ``seuil`` must be carried by an indicator of its engagement with that floor.
# - ``par_critere`` (bool): a survey indicator judged criterion by criterion (« associés à chaque critère »): one
#   rate per survey theme matched by ``themes``; the indicator's value is the lowest of them.
# - ``mystere`` (bool): « ou enquête mystère »: mystery survey results (conformity rate) feed the indicator when no
#   satisfaction survey does: the checks on ``mystere_canaux`` (canal codes) and those whose criterion matches
#   ``themes`` (qualepref.satisfaction).
# - ``mystere_sauf_canaux`` (canal codes): canals whose mystery results never feed it (« sauf canal physique »).
# - ``calcul`` "pan": derived from the PAN attendance (users over the PAN's opening days); "crises": from the
#   crisis log (``mesure`` "taux_delai": share of events whose information came within ``delai_heures``;
#   "delai_moyen": the mean délai in hours).
# - ``delai_heures`` (number): the délai in hours of a "crises" indicator (« en moins d'une heure »: 1).


@dataclass(frozen=True)
class RegleDelai:
    """A délai in jours ouvrés for some natures and canals over a range of years (bounds included).

    ``delai_local`` marks a délai the referential leaves to the site ("fixé localement"): ``jours_ouvres`` is then
    only a default the site can change. ``depart_completude``: the délai runs from the date de complétude of an
    incomplete request (17.1, 17.2: « dès lors que la demande est complète »); without it, from the reception
    whatever the complétude (3, 36: nothing in the referential restarts their clock).
    """

    code: str
    engagement: int
    natures: tuple[str, ...]
    canaux: tuple[str, ...]
    jours_ouvres: int
    annee_debut: int | None
    annee_fin: int | None
    reponses: tuple[str, ...]
    seuil: float | None
    citation: str
    delai_local: bool = False
    depart_completude: bool = False

    def s_applique(self, annee: int) -> bool:
        """True when ``annee`` lies within the rule's years."""
        return (self.annee_debut is None or annee >= self.annee_debut) and (
            self.annee_fin is None or annee <= self.annee_fin
        )


@dataclass(frozen=True)
class Disposition:
    """A disposition d'organisation (chapters IV and V), with its proofs and, where stated, its timing."""

    code: str
    chapitre: str
    titre: str
    texte: str
    preuves: tuple[str, ...]
    citation: str
    contenu: tuple[str, ...] = ()
    periodicite: str | None = None
    delai_avant_audit_externe_mois: int | None = None


@dataclass(frozen=True)
class RegleperimetreSite:
    """Which modules a kind of site must, may and may not retain."""

    type_site: str
    cert: bool
    obligatoires: tuple[int, ...]
    autorises: tuple[int, ...]
    min_metier: int
    engagement_obligatoire: bool
    citation: str


@dataclass(frozen=True)
class Zone:
    """A calendar zone and the ``holidays`` France subdivision whose public holidays it observes."""

    code: str
    libelle: str
    subdivision: str | None


@dataclass(frozen=True)
class Referentiel:
    """One version of the referential, validated; look-ups by number or code raise KeyError when unknown."""

    code: str
    titre: str
    version: str
    fichier: str
    modules: tuple[Module, ...]
    engagements: tuple[Engagement, ...]
    indicateurs: tuple[Indicateur, ...]
    delais: tuple[RegleDelai, ...]
    dispositions: tuple[Disposition, ...]
    perimetre: tuple[RegleperimetreSite, ...]
    canaux: Mapping[str, str]
    canal_delai: Mapping[str, str]
    natures: Mapping[str, str]
    reponses: Mapping[str, str]
    herite: str | None = None
    # ``ebauche``: a draft (``statut = "ebauche"``), shown as such until the official text is loaded;
    # ``correspond_a``: the referential whose engagements and indicators ``reprend`` cites (the parent by default).
    ebauche: bool = False
    correspond_a: str | None = None
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def __hash__(self) -> int:
        """Hash on the identity of the file (the mappings are not hashable)."""
        return hash((self.code, self.version, self.fichier))

    def module(self, n: int) -> Module:
        """The module numbered ``n``."""
        return self._cherche("module", n, self.modules, lambda m: m.numero)

    def engagement(self, n: int) -> Engagement:
        """The engagement numbered ``n``."""
        return self._cherche("engagement", n, self.engagements, lambda e: e.numero)

    def indicateur(self, code: str) -> Indicateur:
        """The indicator whose code is ``code``."""
        return self._cherche("indicateur", code, self.indicateurs, lambda i: i.code)

    def engagements_du_module(self, n: int) -> tuple[Engagement, ...]:
        """The engagements of module ``n``, in order."""
        return tuple(e for e in self.engagements if e.module == n)

    def indicateurs_du_module(self, n: int) -> tuple[Indicateur, ...]:
        """The indicators of module ``n``, in order."""
        return tuple(i for i in self.indicateurs if i.module == n)

    def indicateurs_de_l_engagement(self, n: int) -> tuple[Indicateur, ...]:
        """The indicators attached to engagement ``n`` (an indicator may serve several engagements)."""
        return tuple(i for i in self.indicateurs if n in i.engagements)

    def regle_delai(self, nature: str, canal: str, annee: int, engagement: int | None = None) -> RegleDelai | None:
        """The délai rule for a request of ``nature`` received by ``canal`` in ``annee`` (first in file order).

        The canal is first mapped to the canal whose délai applies (``formulaire`` → ``courriel``...). Where several
        engagements give a rule for the same nature (rendez-vous, mise à jour), ``engagement`` picks one.
        """
        cible = self.canal_delai.get(canal, canal)
        for regle in self.delais:
            if nature not in regle.natures or not regle.s_applique(annee):
                continue
            if engagement is not None and regle.engagement != engagement:
                continue
            if cible in self._canaux_de(regle):
                return regle
        return None

    def _canaux_de(self, regle: RegleDelai) -> tuple[str, ...]:
        """Every canal code a rule covers: those listed (all when empty) and those counted as one of them."""
        listes = regle.canaux or tuple(self.canaux)
        vises = {self.canal_delai.get(c, c) for c in listes}
        return tuple(c for c in self.canaux if c in listes or self.canal_delai.get(c, c) in vises)

    def regles_delai_frame(self) -> pd.DataFrame:
        """One row per (rule, nature, canal), canals expanded through ``canal_delai``: for vectorised délais."""
        lignes = [
            {"regle": r.code, "engagement": r.engagement, "nature": nature, "canal": canal,
             "jours_ouvres": r.jours_ouvres, "annee_debut": r.annee_debut, "annee_fin": r.annee_fin,
             "reponses": ",".join(r.reponses), "depart_completude": r.depart_completude}
            for r in self.delais for nature in r.natures for canal in self._canaux_de(r)
        ]
        colonnes = ["regle", "engagement", "nature", "canal", "jours_ouvres", "annee_debut", "annee_fin", "reponses",
                    "depart_completude"]
        cadre = pd.DataFrame(lignes, columns=colonnes)
        for entier in ("engagement", "jours_ouvres"):
            cadre[entier] = cadre[entier].astype("int64")
        for annee in ("annee_debut", "annee_fin"):
            cadre[annee] = pd.array([None if v is None or pd.isna(v) else int(v) for v in cadre[annee]],
                                    dtype="Int64")
        cadre["depart_completude"] = cadre["depart_completude"].astype(bool)
        return cadre

    def delais_en_vigueur(self, ind: Indicateur, annee: int) -> dict[str, int]:
        """Canal → the délai in jours ouvrés in force in ``annee`` for the requests ``ind`` counts (its natures and
        canals; the first rule in file order, as for a request)."""
        trouves = {}
        for canal in ind.canaux:
            delais = [r.jours_ouvres for r in (self.regle_delai(n, canal, annee) for n in ind.natures) if r]
            if delais:
                trouves[canal] = max(delais)
        return trouves

    def cible_par_defaut(self, ind: Indicateur, annee: int) -> float | None:
        """The referential's default target of ``ind`` for ``annee``: its ``cible``, or, for a délai moyen whose
        target follows the délai (``cible_selon_delai``), the délai in force that year for its canals (the longest
        one where they differ: E3 from 2020, 10 jours by courrier and urne, 5 by courriel; the breakdown by canal
        gives each canal its own)."""
        if ind.cible_selon_delai:
            delais = self.delais_en_vigueur(ind, annee)
            if delais:
                return float(max(delais.values()))
        return ind.cible

    def indicateurs_frame(self) -> pd.DataFrame:
        """One row per indicator with its first engagement and all of them as text ("3, 17")."""
        lignes = [
            {"code": i.code, "libelle": i.libelle, "module": i.module, "engagement": i.engagements[0],
             "engagements": ", ".join(str(e) for e in i.engagements), "nature": i.nature, "unite": i.unite,
             "periodicite": i.periodicite, "source": i.source, "sens": i.sens, "cible": i.cible}
            for i in self.indicateurs
        ]
        colonnes = ["code", "libelle", "module", "engagement", "engagements", "nature", "unite", "periodicite",
                    "source", "sens", "cible"]
        cadre = pd.DataFrame(lignes, columns=colonnes)
        cadre["cible"] = cadre["cible"].astype("float64")
        return cadre

    def _cherche(self, genre: str, cle: Any, elements: tuple, cle_de) -> Any:  # noqa: ANN001
        """Indexed look-up; KeyError with a French message when the key is unknown."""
        if genre not in self._index:
            self._index[genre] = {cle_de(e): e for e in elements}
        try:
            return self._index[genre][cle]
        except KeyError:
            raise KeyError(f"{genre.capitalize()} «{cle}» inconnu dans le référentiel «{self.code}».") from None
