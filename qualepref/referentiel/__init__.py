"""The quality referentials as data: one TOML file per version, loaded into frozen dataclasses and validated.

Every délai, default target and perimeter rule of the application is written in these files, next to the
sentence of the referential it comes from (``citation``). A new referential is a new file: the loader has no
branch on a version code. A file may inherit indicators, délai rules, dispositions and code tables from another
one (section ``[herite]``), its themes saying which engagements of the parent they carry over (``reprend``).
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pandas as pd

DOSSIER = Path(__file__).resolve().parent
FICHIER_ZONES = DOSSIER.parent / "zones.toml"

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


# --- reading and validating a file ------------------------------------------------------------------------------


class _Lecteur:
    """Reads the entries of one file, raising ReferentielInvalide that names the file, the entry and the field."""

    def __init__(self, fichier: str) -> None:
        self.fichier = fichier

    def erreur(self, entree: str, champ: str, probleme: str) -> ReferentielInvalide:
        """The error for one field of one entry."""
        return ReferentielInvalide(f"{self.fichier}, {entree}, champ «{champ}» : {probleme}")

    def champ(self, donnees: Mapping, entree: str, nom: str, type_: type | tuple, defaut: Any = ...) -> Any:
        """A field of the right type; required unless a default is given."""
        if nom not in donnees:
            if defaut is ...:
                raise self.erreur(entree, nom, "champ obligatoire absent.")
            return defaut
        valeur = donnees[nom]
        if isinstance(valeur, bool) and bool not in (type_ if isinstance(type_, tuple) else (type_,)):
            raise self.erreur(entree, nom, f"valeur «{valeur}» de type inattendu.")
        if not isinstance(valeur, type_):
            raise self.erreur(entree, nom, f"valeur «{valeur}» de type inattendu.")
        return valeur

    def texte(self, donnees: Mapping, entree: str, nom: str, defaut: Any = ...) -> str:
        """A non-empty text field."""
        valeur = self.champ(donnees, entree, nom, str, defaut)
        if valeur is not defaut and not valeur.strip():
            raise self.erreur(entree, nom, "le texte est vide.")
        return valeur

    def parmi(self, donnees: Mapping, entree: str, nom: str, valeurs: Iterable[str], defaut: Any = ...) -> Any:
        """A field whose value is one of ``valeurs``."""
        valeur = self.champ(donnees, entree, nom, str, defaut)
        permises = tuple(valeurs)
        if valeur is not defaut and valeur not in permises:
            raise self.erreur(entree, nom, f"valeur «{valeur}» inconnue (valeurs permises : {', '.join(permises)}).")
        return valeur

    def liste(self, donnees: Mapping, entree: str, nom: str, type_: type, defaut: Any = ...) -> tuple:
        """A list field whose items all have type ``type_``."""
        valeur = self.champ(donnees, entree, nom, list, defaut)
        if valeur is defaut:
            return tuple(defaut) if defaut is not None else ()
        for item in valeur:
            if isinstance(item, bool) or not isinstance(item, type_):
                raise self.erreur(entree, nom, f"élément «{item}» de type inattendu.")
        return tuple(valeur)

    def codes(self, donnees: Mapping, entree: str, nom: str, connus: Iterable[str], defaut: Any = ...) -> tuple:
        """A list of codes, each among ``connus``."""
        valeurs = self.liste(donnees, entree, nom, str, defaut)
        permis = set(connus)
        for valeur in valeurs:
            if valeur not in permis:
                raise self.erreur(entree, nom, f"le code «{valeur}» est inconnu (codes permis : "
                                               f"{', '.join(sorted(permis))}).")
        return valeurs

    def uniques(self, cles: Iterable[Any], genre: str, champ: str) -> None:
        """Raise on the first key seen twice."""
        vus: set = set()
        for cle in cles:
            if cle in vus:
                raise self.erreur(f"{genre} «{cle}»", champ, f"la valeur «{cle}» est en double.")
            vus.add(cle)


def _tables_de_codes(lecteur: _Lecteur, brut: Mapping, parent: Referentiel | None) -> dict[str, Mapping[str, str]]:
    """Canal, nature and réponse labels, and the canal whose délai applies; inherited when the file has none."""
    if "canaux" not in brut and parent is not None:
        return {"canaux": parent.canaux, "canal_delai": parent.canal_delai, "natures": parent.natures,
                "reponses": parent.reponses} | {
            nom: MappingProxyType(dict(brut[nom])) for nom in ("natures", "reponses") if nom in brut}
    canaux_bruts = lecteur.champ(brut, "table [canaux]", "canaux", dict)
    canaux, delai_comme = {}, {}
    for code, valeurs in canaux_bruts.items():
        entree = f"canal «{code}»"
        canaux[code] = lecteur.texte(valeurs, entree, "libelle")
        delai_comme[code] = lecteur.texte(valeurs, entree, "delai_comme", code)
    for code, vise in delai_comme.items():
        if vise not in canaux:
            raise lecteur.erreur(f"canal «{code}»", "delai_comme", f"le canal «{vise}» n'existe pas.")
    tables = {"canaux": canaux, "canal_delai": delai_comme}
    for nom in ("natures", "reponses"):
        table = lecteur.champ(brut, f"table [{nom}]", nom, dict)
        for code, libelle in table.items():
            if not isinstance(libelle, str) or not libelle.strip():
                raise lecteur.erreur(f"table [{nom}]", code, "le libellé doit être un texte non vide.")
        tables[nom] = table
    return {nom: MappingProxyType(dict(t)) for nom, t in tables.items()}


def _modules(lecteur: _Lecteur, brut: Mapping) -> tuple[Module, ...]:
    """The modules, unique by number."""
    modules = []
    for i, m in enumerate(lecteur.champ(brut, "table [[modules]]", "modules", list), 1):
        entree = f"module «{m.get('numero', f'n° {i} dans le fichier')}»"
        modules.append(Module(
            numero=lecteur.champ(m, entree, "numero", int), titre=lecteur.texte(m, entree, "titre"),
            nature=lecteur.parmi(m, entree, "nature", NATURES_MODULE), citation=lecteur.texte(m, entree, "citation"),
        ))
    lecteur.uniques((m.numero for m in modules), "module", "numero")
    return tuple(modules)


def _engagements(lecteur: _Lecteur, brut: Mapping, modules: tuple[Module, ...],
                 parent: Referentiel | None, correspond_a: str | None = None) -> tuple[Engagement, ...]:
    """The engagements, unique by number, each in a real module; ``reprend`` points at the parent's engagements."""
    numeros_modules = {m.numero for m in modules}
    engagements = []
    for i, e in enumerate(lecteur.champ(brut, "table [[engagements]]", "engagements", list), 1):
        entree = f"engagement «{e.get('numero', f'n° {i} dans le fichier')}»"
        numero = lecteur.champ(e, entree, "numero", int)
        module = lecteur.champ(e, entree, "module", int)
        if module not in numeros_modules:
            raise lecteur.erreur(entree, "module", f"le module {module} n'existe pas.")
        declinaisons = lecteur.champ(e, entree, "declinaisons", dict, {})
        for code, texte in declinaisons.items():
            if not isinstance(texte, str) or not texte.strip():
                raise lecteur.erreur(entree, "declinaisons", f"la déclinaison «{code}» n'a pas de texte.")
        preuves = lecteur.liste(e, entree, "preuves", str, [])
        reprend = lecteur.liste(e, entree, "reprend", int, [])
        if reprend and parent is None and correspond_a is None:
            raise lecteur.erreur(entree, "reprend", "le fichier n'hérite d'aucun référentiel ([herite]) et ne dit "
                                                    "pas à quel référentiel il correspond (« correspond_a »).")
        for n in reprend if parent is not None else ():
            if n not in {x.numero for x in parent.engagements}:
                raise lecteur.erreur(entree, "reprend", f"l'engagement {n} n'existe pas dans «{parent.code}».")
        engagements.append(Engagement(
            numero=numero, module=module, titre=lecteur.texte(e, entree, "titre"),
            declinaisons=tuple(Declinaison(code, texte) for code, texte in declinaisons.items()),
            controle=lecteur.texte(e, entree, "controle", " ".join(preuves)), preuves=preuves, reprend=reprend,
        ))
    lecteur.uniques((e.numero for e in engagements), "engagement", "numero")
    return tuple(engagements)


def _indicateur(lecteur: _Lecteur, i: Mapping, tables: Mapping, numeros: Mapping[int, int]) -> Indicateur:
    """One indicator, checked against the engagements (``numeros``: engagement → module) and the code tables."""
    entree = f"indicateur «{i.get('code', '?')}»"
    engagements = lecteur.liste(i, entree, "engagements", int)
    if not engagements:
        raise lecteur.erreur(entree, "engagements", "au moins un engagement est attendu.")
    for n in engagements:
        if n not in numeros:
            raise lecteur.erreur(entree, "engagements", f"l'engagement {n} n'existe pas.")
    cible = lecteur.champ(i, entree, "cible", (int, float), None)
    return Indicateur(
        code=lecteur.texte(i, entree, "code"), libelle=lecteur.texte(i, entree, "libelle"),
        engagements=engagements, module=numeros[engagements[0]],
        nature=lecteur.parmi(i, entree, "nature", NATURES_INDICATEUR), unite=lecteur.texte(i, entree, "unite"),
        periodicite=lecteur.parmi(i, entree, "periodicite", PERIODICITES),
        source=lecteur.parmi(i, entree, "source", SOURCES), sens=lecteur.parmi(i, entree, "sens", SENS),
        cible=None if cible is None else float(cible),
        cible_referentiel=lecteur.champ(i, entree, "cible_referentiel", bool, False),
        chapitre=lecteur.parmi(i, entree, "chapitre", CHAPITRES_INDICATEUR),
        citation=lecteur.texte(i, entree, "citation"),
        calcul=lecteur.parmi(i, entree, "calcul", CALCULS, None),
        mesure=lecteur.parmi(i, entree, "mesure", MESURES, None),
        natures=lecteur.codes(i, entree, "natures", tables["natures"], []),
        canaux=lecteur.codes(i, entree, "canaux", tables["canaux"], []),
        themes=lecteur.liste(i, entree, "themes", str, []),
        agregation=lecteur.parmi(i, entree, "agregation", AGREGATIONS, None),
        code_sp=lecteur.texte(i, entree, "code_sp", None), reprend=lecteur.texte(i, entree, "reprend", None),
        seuil=_seuil(lecteur, i, entree),
        par_critere=lecteur.champ(i, entree, "par_critere", bool, False),
        mystere=lecteur.champ(i, entree, "mystere", bool, False),
        mystere_canaux=lecteur.codes(i, entree, "mystere_canaux", CANAUX_MYSTERE, []),
        mystere_sauf_canaux=lecteur.codes(i, entree, "mystere_sauf_canaux", CANAUX_MYSTERE, []),
        delai_heures=_delai_heures(lecteur, i, entree),
        cible_selon_delai=lecteur.champ(i, entree, "cible_selon_delai", bool, False),
        aide=lecteur.texte(i, entree, "aide", ""),
    )


def _seuil(lecteur: _Lecteur, i: Mapping, entree: str) -> float | None:
    """An indicator's floor: a number, within 0–100 for a rate."""
    seuil = lecteur.champ(i, entree, "seuil", (int, float), None)
    if seuil is not None and i.get("unite") == "%" and not 0 <= seuil <= 100:
        raise lecteur.erreur(entree, "seuil", f"le seuil doit être compris entre 0 et 100 ({seuil}).")
    return None if seuil is None else float(seuil)


def _delai_heures(lecteur: _Lecteur, i: Mapping, entree: str) -> float | None:
    """The délai in hours of a crisis-log indicator: a positive number."""
    heures = lecteur.champ(i, entree, "delai_heures", (int, float), None)
    if heures is not None and heures <= 0:
        raise lecteur.erreur(entree, "delai_heures", f"le délai doit être un nombre positif d'heures ({heures}).")
    return None if heures is None else float(heures)


def _verifier_calcul(lecteur: _Lecteur, ind: Indicateur) -> None:
    """A computed indicator says what it computes on: a journal one its measure, natures and canals; a survey one
    its themes."""
    entree = f"indicateur «{ind.code}»"
    if ind.calcul == "journal":
        for nom, valeur in (("mesure", ind.mesure), ("natures", ind.natures), ("canaux", ind.canaux)):
            if not valeur:
                raise lecteur.erreur(entree, nom, "obligatoire pour un indicateur calculé sur le journal.")
    if ind.calcul == "enquete" and not ind.themes:
        raise lecteur.erreur(entree, "themes", "obligatoire pour un indicateur calculé sur l'enquête.")
    if ind.calcul == "crises" and (ind.mesure is None or (ind.mesure == "taux_delai" and ind.delai_heures is None)):
        nom = "mesure" if ind.mesure is None else "delai_heures"
        raise lecteur.erreur(entree, nom, "obligatoire pour un indicateur calculé sur le journal des crises.")
    if (ind.mystere or ind.par_critere) and ind.calcul != "enquete":
        nom = "mystere" if ind.mystere else "par_critere"
        raise lecteur.erreur(entree, nom, "réservé à un indicateur calculé sur l'enquête (calcul = \"enquete\").")
    if PAR_UNITE_DE_TEMPS.search(_normaliser(ind.libelle)) and ind.agregation != "moyenne":
        raise lecteur.erreur(entree, "agregation", "le libellé dit « par mois » ou « par jour » : sur un trimestre "
                                                   "ou une année, la valeur est la moyenne (agregation = \"moyenne\").")


def _verifier_seuils(lecteur: _Lecteur, indicateurs: Iterable[Indicateur], regles: Iterable[RegleDelai]) -> None:
    """Every délai rule with a ``seuil`` is carried, with that floor, by an indicator of its engagement."""
    for regle in regles:
        if regle.seuil is None:
            continue
        if not any(regle.engagement in i.engagements and i.seuil == regle.seuil for i in indicateurs):
            raise lecteur.erreur(f"règle de délai «{regle.code}»", "seuil",
                                 f"aucun indicateur de l'engagement {regle.engagement} ne porte ce seuil "
                                 f"({regle.seuil:g}) : ajoutez « seuil = {regle.seuil:g} » à son indicateur.")


def _verifier_canaux(lecteur: _Lecteur, ind: Indicateur, canal_delai: Mapping[str, str]) -> None:
    """A journal indicator counts every canal that counts as one of its canals (the urne as a courrier, the
    formulaire as a courriel: ``[canaux]``'s ``delai_comme``), so that no figure leaves one out."""
    if ind.calcul != "journal":
        return
    vises = {canal_delai.get(c, c) for c in ind.canaux}
    manquants = [c for c, comme in canal_delai.items() if comme in vises and c not in ind.canaux]
    if manquants:
        raise lecteur.erreur(f"indicateur «{ind.code}»", "canaux",
                             f"le canal «{manquants[0]}» compte comme «{canal_delai[manquants[0]]}» : il doit "
                             "figurer dans la liste.")


def _regle(lecteur: _Lecteur, r: Mapping, tables: Mapping, engagements: set[int]) -> RegleDelai:
    """One délai rule: a real engagement, known codes, a positive délai, a seuil within 0–100."""
    entree = f"règle de délai «{r.get('code', '?')}»"
    engagement = lecteur.champ(r, entree, "engagement", int)
    if engagement not in engagements:
        raise lecteur.erreur(entree, "engagement", f"l'engagement {engagement} n'existe pas.")
    jours = lecteur.champ(r, entree, "jours_ouvres", int)
    if jours <= 0:
        raise lecteur.erreur(entree, "jours_ouvres", f"le délai doit être un nombre positif de jours ({jours}).")
    seuil = lecteur.champ(r, entree, "seuil", (int, float), None)
    if seuil is not None and not 0 <= seuil <= 100:
        raise lecteur.erreur(entree, "seuil", f"le seuil doit être compris entre 0 et 100 ({seuil}).")
    debut = lecteur.champ(r, entree, "annee_debut", int, None)
    fin = lecteur.champ(r, entree, "annee_fin", int, None)
    if debut is not None and fin is not None and fin < debut:
        raise lecteur.erreur(entree, "annee_fin", f"l'année de fin {fin} précède l'année de début {debut}.")
    natures = lecteur.codes(r, entree, "natures", tables["natures"])
    if not natures:
        raise lecteur.erreur(entree, "natures", "au moins une nature est attendue.")
    reponses = lecteur.codes(r, entree, "reponses", tables["reponses"])
    if not reponses:
        raise lecteur.erreur(entree, "reponses", "au moins un type de réponse est attendu.")
    return RegleDelai(
        code=lecteur.texte(r, entree, "code"), engagement=engagement, natures=natures,
        canaux=lecteur.codes(r, entree, "canaux", tables["canaux"]), jours_ouvres=jours, annee_debut=debut,
        annee_fin=fin, reponses=reponses, seuil=None if seuil is None else float(seuil),
        citation=lecteur.texte(r, entree, "citation"),
        delai_local=lecteur.champ(r, entree, "delai_local", bool, False),
        depart_completude=lecteur.champ(r, entree, "depart_completude", bool, False),
    )


def _disposition(lecteur: _Lecteur, d: Mapping) -> Disposition:
    """One disposition d'organisation."""
    entree = f"disposition «{d.get('code', '?')}»"
    mois = lecteur.champ(d, entree, "delai_avant_audit_externe_mois", int, None)
    if mois is not None and mois <= 0:
        raise lecteur.erreur(entree, "delai_avant_audit_externe_mois", f"le délai doit être positif ({mois}).")
    return Disposition(
        code=lecteur.texte(d, entree, "code"), chapitre=lecteur.texte(d, entree, "chapitre"),
        titre=lecteur.texte(d, entree, "titre"), texte=lecteur.texte(d, entree, "texte"),
        preuves=lecteur.liste(d, entree, "preuves", str, []), citation=lecteur.texte(d, entree, "citation"),
        contenu=lecteur.liste(d, entree, "contenu", str, []),
        periodicite=lecteur.parmi(d, entree, "periodicite", PERIODICITES, None),
        delai_avant_audit_externe_mois=mois,
    )


def _perimetre(lecteur: _Lecteur, brut: Mapping, modules: tuple[Module, ...]) -> tuple[RegleperimetreSite, ...]:
    """The perimeter rules, one per (type de site, CERT), every module cited existing."""
    numeros = {m.numero for m in modules}
    regles = []
    for p in lecteur.champ(brut, "table [[perimetre]]", "perimetre", list):
        entree = f"règle de périmètre «{p.get('type_site', '?')}, cert={p.get('cert', '?')}»"
        listes = {nom: lecteur.liste(p, entree, nom, int) for nom in ("obligatoires", "autorises")}
        for nom, liste in listes.items():
            for n in liste:
                if n not in numeros:
                    raise lecteur.erreur(entree, nom, f"le module {n} n'existe pas.")
        min_metier = lecteur.champ(p, entree, "min_metier", int)
        if min_metier < 0:
            raise lecteur.erreur(entree, "min_metier", f"le minimum doit être positif ou nul ({min_metier}).")
        regles.append(RegleperimetreSite(
            type_site=lecteur.parmi(p, entree, "type_site", TYPES_SITE), cert=lecteur.champ(p, entree, "cert", bool),
            obligatoires=listes["obligatoires"], autorises=listes["autorises"], min_metier=min_metier,
            engagement_obligatoire=lecteur.champ(p, entree, "engagement_obligatoire", bool, True),
            citation=lecteur.texte(p, entree, "citation"),
        ))
    lecteur.uniques(((r.type_site, r.cert) for r in regles), "règle de périmètre", "type_site")
    return tuple(regles)


def _herites(lecteur: _Lecteur, brut: Mapping, parent: Referentiel,
             engagements: tuple[Engagement, ...]) -> tuple[list[Indicateur], list[RegleDelai], list[Disposition]]:
    """Indicators, délai rules and dispositions taken from the parent, re-attached to this file's engagements.

    An indicator goes to every theme listing its code in ``indicateurs``; a rule to the first theme that carries
    over (``reprend``) the rule's engagement.
    """
    herite = brut["herite"]
    themes_de: dict[str, list[int]] = {}
    for e, brut_e in zip(engagements, brut["engagements"], strict=True):
        for code in lecteur.liste(brut_e, f"engagement «{e.numero}»", "indicateurs", str, []):
            if code not in {i.code for i in parent.indicateurs}:
                raise lecteur.erreur(f"engagement «{e.numero}»", "indicateurs",
                                     f"l'indicateur «{code}» n'existe pas dans «{parent.code}».")
            themes_de.setdefault(code, []).append(e.numero)
    module_de = {e.numero: e.module for e in engagements}
    indicateurs = [
        _copie(i, engagements=tuple(themes_de[i.code]), module=module_de[themes_de[i.code][0]])
        for i in parent.indicateurs if i.code in themes_de
    ]
    theme_de: dict[int, int] = {}
    for e in engagements:
        for n in e.reprend:
            theme_de.setdefault(n, e.numero)
    regles = []
    for code in lecteur.liste(herite, "section [herite]", "delais", str, []):
        regle = next((r for r in parent.delais if r.code == code), None)
        if regle is None:
            raise lecteur.erreur("section [herite]", "delais",
                                 f"la règle «{code}» n'existe pas dans «{parent.code}».")
        if regle.engagement not in theme_de:
            raise lecteur.erreur("section [herite]", "delais",
                                 f"aucun thème ne reprend l'engagement {regle.engagement} de la règle «{code}».")
        regles.append(_copie(regle, engagement=theme_de[regle.engagement]))
    codes_dispositions = lecteur.liste(herite, "section [herite]", "dispositions", str, [])
    dispositions = [d for d in parent.dispositions if d.code in codes_dispositions]
    inconnues = set(codes_dispositions) - {d.code for d in dispositions}
    if inconnues:
        raise lecteur.erreur("section [herite]", "dispositions",
                             f"disposition(s) inconnue(s) dans «{parent.code}» : {', '.join(sorted(inconnues))}.")
    return indicateurs, regles, dispositions


_GENRES_LIBELLE_COURT = {"modules": "module", "engagements": "engagement", "indicateurs": "indicateur"}


def _libelles_courts(lecteur: _Lecteur, brut: Mapping, **entrees: list) -> dict[str, list]:
    """The entries of each kind with their short label from ``[libelles_courts.<genre>]`` (key: number or code).

    A short label is a non-empty text of at most LONGUEUR_LIBELLE_COURT characters, for an entry of this file (an
    inherited indicator included); an unknown key or kind is refused. An entry without one keeps its own (inherited
    indicators: the parent's) or its full text.
    """
    section = lecteur.champ(brut, "table [libelles_courts]", "libelles_courts", dict, {})
    for genre in section:
        if genre not in _GENRES_LIBELLE_COURT:
            raise lecteur.erreur("table [libelles_courts]", genre,
                                 f"genre inconnu (genres permis : {', '.join(_GENRES_LIBELLE_COURT)}).")
    resultat = {}
    for genre, liste in entrees.items():
        table = lecteur.champ(section, "table [libelles_courts]", genre, dict, {})
        cle_de = (lambda e: e.code) if genre == "indicateurs" else (lambda e: str(e.numero))
        connus = {cle_de(e) for e in liste}
        entree = f"table [libelles_courts.{genre}]"
        for cle, texte in table.items():
            if cle not in connus:
                raise lecteur.erreur(entree, cle, f"{_GENRES_LIBELLE_COURT[genre]} inconnu dans ce référentiel.")
            if not isinstance(texte, str) or not texte.strip():
                raise lecteur.erreur(entree, cle, "le libellé court doit être un texte non vide.")
            if len(texte) > LONGUEUR_LIBELLE_COURT:
                raise lecteur.erreur(entree, cle, f"le libellé court a {len(texte)} caractères "
                                                  f"({LONGUEUR_LIBELLE_COURT} au plus).")
        resultat[genre] = [_copie(e, libelle_court=table[cle_de(e)]) if cle_de(e) in table else e for e in liste]
    return resultat


def _copie(objet: Any, **changes: Any) -> Any:
    """A frozen dataclass with some fields replaced (inherited entries re-attached to this file's themes)."""
    return replace(objet, **changes)


def _construire(brut: Mapping, fichier: str, chemin_parent: Any = None) -> Referentiel:
    """The Referentiel of one parsed file; every problem raises ReferentielInvalide."""
    lecteur = _Lecteur(fichier)
    entete = lecteur.champ(brut, "table [referentiel]", "referentiel", dict)
    parent = None
    if "herite" in brut:
        code_parent = lecteur.texte(brut["herite"], "section [herite]", "referentiel")
        if code_parent not in _fichiers():
            raise lecteur.erreur("section [herite]", "referentiel",
                                 f"le référentiel «{code_parent}» est introuvable.")
        parent = charger(code_parent)
    tables = _tables_de_codes(lecteur, brut, parent)
    modules = _modules(lecteur, brut)
    correspond_a = lecteur.texte(entete, "table [referentiel]", "correspond_a", None) or (
        None if parent is None else parent.code)
    engagements = _engagements(lecteur, brut, modules, parent, correspond_a)
    numeros = {e.numero: e.module for e in engagements}
    indicateurs = [_indicateur(lecteur, i, tables, numeros) for i in brut.get("indicateurs", [])]
    regles = [_regle(lecteur, r, tables, set(numeros)) for r in brut.get("delais", [])]
    dispositions = [_disposition(lecteur, d) for d in brut.get("dispositions", [])]
    if parent is not None:
        i_h, r_h, d_h = _herites(lecteur, brut, parent, engagements)
        indicateurs, regles, dispositions = i_h + indicateurs, r_h + regles, d_h + dispositions
    for ind in indicateurs:
        _verifier_calcul(lecteur, ind)
        _verifier_canaux(lecteur, ind, tables["canal_delai"])
    _verifier_seuils(lecteur, indicateurs, regles)
    lecteur.uniques((i.code for i in indicateurs), "indicateur", "code")
    lecteur.uniques((r.code for r in regles), "règle de délai", "code")
    lecteur.uniques((d.code for d in dispositions), "disposition", "code")
    courts = _libelles_courts(lecteur, brut, modules=list(modules), engagements=list(engagements),
                              indicateurs=indicateurs)
    modules, engagements = tuple(courts["modules"]), tuple(courts["engagements"])
    indicateurs = courts["indicateurs"]
    return Referentiel(
        code=lecteur.texte(entete, "table [referentiel]", "code"),
        titre=lecteur.texte(entete, "table [referentiel]", "titre"),
        version=lecteur.texte(entete, "table [referentiel]", "version"), fichier=fichier,
        modules=modules, engagements=engagements, indicateurs=tuple(indicateurs), delais=tuple(regles),
        dispositions=tuple(dispositions), perimetre=_perimetre(lecteur, brut, modules),
        herite=None if parent is None else parent.code,
        ebauche=lecteur.parmi(entete, "table [referentiel]", "statut", STATUTS, "officiel") == "ebauche",
        correspond_a=correspond_a, **tables,
    )


def charger_fichier(path: str | Path) -> Referentiel:
    """Load and validate one referential file (any path: tests write malformed ones)."""
    chemin = Path(path)
    try:
        brut = tomllib.loads(chemin.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReferentielInvalide(f"{chemin.name} : fichier TOML illisible ({exc}).") from exc
    return _construire(brut, chemin.name)


@functools.cache
def _fichiers() -> dict[str, Path]:
    """Referential code → file, for every TOML file of this package."""
    fichiers: dict[str, Path] = {}
    for chemin in sorted(DOSSIER.glob("*.toml")):
        code = tomllib.loads(chemin.read_text(encoding="utf-8")).get("referentiel", {}).get("code")
        if code:
            fichiers[code] = chemin
    return fichiers


def versions() -> tuple[str, ...]:
    """Codes of the available referentials, e.g. ``("qualepref-2019", "quali-ate")``."""
    return tuple(sorted(_fichiers()))


@functools.cache
def charger(code: str = "qualepref-2019") -> Referentiel:
    """The validated referential ``code`` (cached: files are read once per process)."""
    fichiers = _fichiers()
    if code not in fichiers:
        raise KeyError(f"Référentiel «{code}» inconnu (disponibles : {', '.join(versions())}).")
    return charger_fichier(fichiers[code])


def mention_ebauche(ref: Referentiel) -> str | None:
    """The French warning every place that shows a draft referential carries (None for an official one)."""
    if not ref.ebauche:
        return None
    return (f"Ébauche : le référentiel « {ref.titre} » ({ref.version}) n'est pas le texte officiel. Le référent "
            "qualité charge le texte officiel depuis la page « Charger un référentiel ».")


# --- perimeter rules ---------------------------------------------------------------------------------------------


def _plage(numeros: Iterable[int]) -> str:
    """Module numbers as French text: "3 à 6" when contiguous, else "3, 5 et 7"."""
    liste = sorted(set(numeros))
    if len(liste) > 2 and liste == list(range(liste[0], liste[-1] + 1)):
        return f"{liste[0]} à {liste[-1]}"
    if len(liste) <= 1:
        return "".join(str(n) for n in liste)
    return ", ".join(str(n) for n in liste[:-1]) + f" et {liste[-1]}"


def _site_cert(cert: bool) -> str:
    """"un site doté d'un CERT" / "un site sans CERT"."""
    return "un site doté d'un CERT" if cert else "un site sans CERT"


def _qui(ref: Referentiel, regles: list[RegleperimetreSite], regle: RegleperimetreSite) -> str:
    """The widest French description of the kinds of site in ``regles`` that still includes ``regle``."""
    if len(regles) == len(ref.perimetre):
        return "tout site"
    sortes = {(r.type_site, r.cert) for r in regles}
    if sortes >= {(r.type_site, r.cert) for r in ref.perimetre if r.cert == regle.cert}:
        return _site_cert(regle.cert)
    if sortes >= {(r.type_site, r.cert) for r in ref.perimetre if r.type_site == regle.type_site}:
        return TYPES_SITE[regle.type_site]
    avec = "dotée d'un CERT" if regle.cert else "sans CERT"
    return f"{TYPES_SITE[regle.type_site]} {avec}"


def _interdit(ref: Referentiel, regle: RegleperimetreSite, n: int) -> str:
    """The sentence for module ``n`` retained although ``regle`` does not allow it."""
    permises = [r for r in ref.perimetre if n in r.obligatoires + r.autorises]
    if not any(r.cert == regle.cert for r in permises):
        phrase = _site_cert(regle.cert)
        return f"{phrase[0].upper()}{phrase[1:]} ne peut pas retenir le module {n}."
    qui = TYPES_SITE[regle.type_site] if not any(r.type_site == regle.type_site for r in permises) else (
        _qui(ref, [regle], regle))
    return f"Le module {n} ne peut pas être retenu par {qui} (modules possibles : {_plage(regle.autorises)})."


def verifier_perimetre(ref: Referentiel, type_site: str, cert: bool, modules: Iterable[int]) -> list[str]:
    """French sentences naming each perimeter rule the choice of ``modules`` breaks; [] when it is valid.

    The sentences are built from the rule data (who a module is mandatory for, which modules are possible), so a
    new referential brings its own rules without code.
    """
    regle = next((r for r in ref.perimetre if r.type_site == type_site and r.cert == cert), None)
    if regle is None:
        quoi = TYPES_SITE.get(type_site, f"le type de site «{type_site}»")
        return [f"Le référentiel «{ref.titre}» ne prévoit pas de règle de périmètre pour {quoi} "
                f"{'avec' if cert else 'sans'} CERT."]
    choisis = set(modules)
    problemes = []
    connus = {m.numero for m in ref.modules}
    for n in sorted(choisis - connus):
        problemes.append(f"Le module {n} n'existe pas dans le référentiel «{ref.titre}».")
    for n in regle.obligatoires:
        if n not in choisis:
            qui = _qui(ref, [r for r in ref.perimetre if n in r.obligatoires], regle)
            problemes.append(f"Le module {n} est obligatoire pour {qui}.")
    for n in sorted((choisis & connus) - set(regle.obligatoires) - set(regle.autorises)):
        problemes.append(_interdit(ref, regle, n))
    metier = {m.numero for m in ref.modules if m.nature == "metier"}
    retenus = len((choisis | set(regle.obligatoires)) & metier & set(regle.obligatoires + regle.autorises))
    if retenus < regle.min_metier:
        manque = regle.min_metier - len(set(regle.obligatoires) & metier)
        nombre = NOMBRES.get(manque, str(manque))
        pluriel = "s" if manque > 1 else ""
        problemes.append(f"Retenez au moins {nombre} module{pluriel} métier parmi les modules "
                         f"{_plage(set(regle.autorises) & metier)}.")
    return problemes


# --- finding an indicator by what people type -------------------------------------------------------------------

_PARENTHESE_FINALE = re.compile(r"\s*\([^()]*\)\s*$")


def _normaliser(texte: str) -> str:
    """Lower case, without accents, one apostrophe style, folded spaces."""
    sans_accents = unicodedata.normalize("NFKD", str(texte))
    sans_accents = "".join(c for c in sans_accents if not unicodedata.combining(c))
    for apostrophe in ("’", "‘", "`", "´"):
        sans_accents = sans_accents.replace(apostrophe, "'")
    return " ".join(sans_accents.replace("'", "' ").lower().split()).replace("' ", "'")


def _sans_parenthese(texte: str) -> str:
    """The normalised text without its trailing parenthesised groups ("(Indigo et AP2022)")."""
    precedent = None
    while precedent != texte:
        precedent, texte = texte, _PARENTHESE_FINALE.sub("", texte)
    return texte.rstrip(" .")


def trouver_indicateur(ref: Referentiel, texte: str, module: int | None = None) -> Indicateur | None:
    """The indicator named by its code or its libellé, however typed; None when unknown.

    Case, accents, apostrophe style, spacing and a trailing parenthesised source are ignored. Raises ValueError
    (French message) when several indicators match; ``module`` narrows the search (the same libellé exists in
    modules 1 and 8).
    """
    candidats = [i for i in ref.indicateurs if module is None or i.module == module]
    cle = _normaliser(texte)
    for i in candidats:
        if _normaliser(i.code) == cle:
            return i
    for comparer in (lambda t: t.rstrip(" ."), _sans_parenthese):
        trouves = [i for i in candidats if comparer(_normaliser(i.libelle)) == comparer(cle)]
        if len(trouves) == 1:
            return trouves[0]
        if len(trouves) > 1:
            codes = ", ".join(i.code for i in trouves)
            raise ValueError(f"L'indicateur «{texte.strip()}» est ambigu : il peut désigner {codes}. "
                             "Utilisez le code de l'indicateur.")
    return None


# --- calendar zones ---------------------------------------------------------------------------------------------


def charger_zones() -> dict[str, Zone]:
    """Calendar zones (zones.toml): code → Zone with its ``holidays`` France subdivision (None for métropole)."""
    return dict(_zones())


@functools.cache
def _zones() -> dict[str, Zone]:
    """The parsed zones file, read once."""
    brut = tomllib.loads(FICHIER_ZONES.read_text(encoding="utf-8"))
    lecteur = _Lecteur(FICHIER_ZONES.name)
    zones = {}
    for code, valeurs in lecteur.champ(brut, "table [zones]", "zones", dict).items():
        entree = f"zone «{code}»"
        subdivision = lecteur.texte(valeurs, entree, "subdivision", "") or None
        zones[code] = Zone(code=code, libelle=lecteur.texte(valeurs, entree, "libelle"), subdivision=subdivision)
    return zones
