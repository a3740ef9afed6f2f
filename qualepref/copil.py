"""The COPIL's screen from the core's results: module tiles, points d'attention, key indicators, trends, and the
steps of the meeting mode.

Nothing here computes a figure anew: every number comes from ``resultats`` (statuses, progressions, overdue
actions), ``audit`` (evidence still missing) and ``format`` (French text). This module only picks, orders and
words them for one screen that holds a meeting, and for the meeting mode that steps through the same content.
Labels are the referential's short ones (``libelle_court``), the full text going along as help.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from qualepref import format as fmt
from qualepref.cibles import ATTEINT, NON_ATTEINT, NON_MESURE, PROCHE, SANS_CIBLE
from qualepref.referentiel import Referentiel

# The words of a tile, in the order of its bar. An engagement without any indicator is checked through its evidence:
# on a tile it counts as « sans cible » (it has no figure to reach).
STATUTS_TUILE: tuple[str, ...] = (ATTEINT, PROCHE, NON_ATTEINT, NON_MESURE, SANS_CIBLE)
MOTS_STATUT: dict[str, str] = {ATTEINT: "atteint", PROCHE: "proche", NON_ATTEINT: "non atteint",
                               NON_MESURE: "non mesuré", SANS_CIBLE: "sans cible"}
STATUT_DE_TUILE: dict[str, str] = {**{s: s for s in STATUTS_TUILE}, "sans_indicateur": SANS_CIBLE}
NATURES_DELAI = ("taux_delai", "delai_moyen")
# How a page marks a status: a badge colour and a Material icon (drawn by the app, never an emoji), with the word.
MARQUES_STATUT: dict[str, tuple[str, str]] = {
    ATTEINT: ("green", "check_circle"), PROCHE: ("orange", "error"), NON_ATTEINT: ("red", "cancel"),
    NON_MESURE: ("gray", "help"), SANS_CIBLE: ("gray", "remove"), "sans_indicateur": ("gray", "fact_check"),
}

# Pages a point d'attention leads to (the page that holds its detail).
PAGE_MODULES = "pages/modules.py"
PAGE_PLAN = "pages/plan_actions.py"
PAGE_AUDIT = "pages/audit.py"


@dataclass(frozen=True)
class Tuile:
    """One module of the perimeter: its engagements counted by status (``comptes`` in STATUTS_TUILE order)."""

    module: int
    libelle: str
    titre: str
    comptes: tuple[tuple[str, int], ...]

    @property
    def engagements(self) -> int:
        """How many engagements the module has in the perimeter."""
        return sum(n for _, n in self.comptes)

    def texte(self) -> str:
        """The counts in words, the statuses present only: « 1 proche · 1 non atteint · 11 non mesuré »."""
        return " · ".join(f"{n} {MOTS_STATUT[s]}" for s, n in self.comptes if n) or "aucun engagement"


def tuiles_modules(ref: Referentiel, r) -> list[Tuile]:  # noqa: ANN001 - Resultats
    """A tile per module of the results, in the referential's order, from ``r.engagements``' statuses."""
    tuiles = []
    for numero in r.modules["module"]:
        module = ref.module(int(numero))
        statuts = r.engagements.loc[r.engagements["module"] == numero, "statut"].map(STATUT_DE_TUILE)
        comptes = tuple((s, int((statuts == s).sum())) for s in STATUTS_TUILE)
        tuiles.append(Tuile(module=module.numero, libelle=module.libelle_court, titre=module.titre, comptes=comptes))
    return tuiles


@dataclass(frozen=True)
class PointAttention:
    """Something the COPIL should look at, in one French sentence, with the page that holds its detail.

    ``genre``: engagement (non atteint), degradation (an indicator that got worse), action (overdue), delai (a délai
    indicator off its target), preuve (evidence missing before the audit). ``aide``: the full text of what is named.
    """

    genre: str
    texte: str
    page: str
    aide: str = ""
    module: int | None = None
    engagement: int | None = None


def _court(ref: Referentiel, code: str) -> tuple[str, str]:
    """An indicator's short label and full libellé (the code itself when the referential does not know it)."""
    try:
        ind = ref.indicateur(code)
    except KeyError:
        return code, code
    return ind.libelle_court, ind.libelle


def points_attention(ref: Referentiel, r, preuves_manquantes: int = 0,  # noqa: ANN001 - Resultats
                     audit_externe: dt.date | None = None) -> list[PointAttention]:
    """The points d'attention, in this order: engagements non atteints, délais off target, indicators that got
    worse since the year before, overdue actions, evidence missing before the audit.

    ``preuves_manquantes``: how many éléments de preuve are absent or to update (``audit.a_faire``);
    ``audit_externe``: the external audit's date (page « Préparation de l'audit »), when one is set: the point
    names it and the internal audit's date they are due by (``audit.date_audit_interne``, the referential's months
    before it); without one it says « date d'audit non fixée ».
    """
    points: list[PointAttention] = []
    for _, e in r.engagements[r.engagements["statut"] == NON_ATTEINT].iterrows():
        eng = ref.engagement(int(e["engagement"]))
        points.append(PointAttention("engagement", f"Engagement {eng.numero} non atteint : {eng.libelle_court}",
                                     PAGE_MODULES, eng.titre, eng.module, eng.numero))
    annuels = r.annuels()
    hors_cible = annuels[annuels["nature"].isin(NATURES_DELAI) & annuels["statut"].isin([NON_ATTEINT, PROCHE])]
    for _, i in hors_cible.iterrows():
        court, complet = _court(ref, i["code"])
        points.append(PointAttention(
            "delai", f"Délai hors cible : {court}, {fmt.valeur_unite(i['valeur'], i['unite'])} pour une cible de "
                     f"{fmt.valeur_unite(i['cible'], i['unite'])}",
            PAGE_MODULES, complet, int(i["module"]), int(i["engagement"])))
    module_de = dict(zip(annuels["code"], annuels["module"], strict=True))
    engagement_de = dict(zip(annuels["code"], annuels["engagement"], strict=True))
    for _, m in r.mouvements[r.mouvements["favorable"] == False].iterrows():  # noqa: E712 - a column of booleans
        court, complet = _court(ref, m["code"])
        points.append(PointAttention(
            "degradation", f"En recul : {court}, {fmt.progression(m['progression_points'], m['unite'])} "
                           f"({fmt.valeur_unite(m['valeur_precedente'], m['unite'])} en {r.annee - 1}, "
                           f"{fmt.valeur_unite(m['valeur'], m['unite'])} en {r.annee})",
            PAGE_MODULES, complet, _entier(module_de.get(m["code"])), _entier(engagement_de.get(m["code"]))))
    for _, a in r.plan_en_retard.iterrows():
        points.append(PointAttention(
            "action", f"Action en retard : {a['action']} (échéance {fmt.date(a['echeance'])}, "
                      f"{fmt.pourcentage(a['avancement'], 0)} réalisé)", PAGE_PLAN,
            f"{a['axe']} — {a['thematique']}", engagement=_entier(a.get("engagement"))))
    if preuves_manquantes:
        points.append(PointAttention(
            "preuve", f"{fmt.nombre(preuves_manquantes)} élément(s) de preuve absent(s) ou à mettre à jour "
                      + _avant_l_audit(ref, audit_externe),
            PAGE_AUDIT, "Éléments de preuve du périmètre pour l'audit (page « Préparation de l'audit »)."))
    return points


def _avant_l_audit(ref: Referentiel, audit_externe: dt.date | None) -> str:
    """« avant l'audit du 15/06/2025 (prêts pour l'audit interne du 15/04/2025) », or « (date d'audit non
    fixée) »."""
    if audit_externe is None:
        return "(date d'audit non fixée)"
    from qualepref.audit import date_audit_interne

    return (f"avant l'audit du {fmt.date(audit_externe)} (prêts pour l'audit interne du "
            f"{fmt.date(date_audit_interne(ref, audit_externe))})")


def _entier(valeur: object) -> int | None:
    """An int, or None for a missing value."""
    return None if valeur is None or pd.isna(valeur) else int(valeur)


@dataclass(frozen=True)
class ChiffreCle:
    """A key indicator as the COPIL reads it: value, target, previous year and change, all French text.

    ``favorable``: whether the change is an improvement (True), a setback (False) or unknown/nil (None), given
    the direction in which the indicator improves; ``hausse``: whether the value went up (None when unknown).
    """

    code: str
    libelle: str
    aide: str
    valeur: str
    cible: str
    precedente: str
    evolution: str
    statut: str
    favorable: bool | None
    hausse: bool | None
    module: int
    engagement: int


def chiffres_cles(ref: Referentiel, r, nombre: int | None = 6,  # noqa: ANN001 - Resultats
                  module: int | None = None) -> list[ChiffreCle]:
    """The year's measured indicators that have a target (then those without), in the referential's order: the
    COPIL's key figures. ``module`` keeps one module's; ``nombre`` caps the list (None: all)."""
    annuels = r.annuels()
    mesures = annuels[annuels["valeur"].notna()]
    if module is not None:
        mesures = mesures[mesures["module"] == module]
    avec_cible = mesures[mesures["cible"].notna()]
    choisis = pd.concat([avec_cible, mesures[mesures["cible"].isna()]]) if nombre is None or \
        len(avec_cible) < nombre else avec_cible
    chiffres = []
    for _, i in (choisis if nombre is None else choisis.head(nombre)).iterrows():
        court, complet = _court(ref, i["code"])
        ecart = i["progression_points"]
        connu = pd.notna(ecart) and float(ecart) != 0
        chiffres.append(ChiffreCle(
            code=i["code"], libelle=court, aide=complet, valeur=fmt.valeur_unite(i["valeur"], i["unite"]),
            cible=fmt.valeur_unite(i["cible"], i["unite"]),
            precedente=fmt.valeur_unite(i["valeur_precedente"], i["unite"]),
            evolution=fmt.progression(ecart, i["unite"]), statut=str(i["statut"]),
            favorable=((float(ecart) > 0) == (i["sens"] == "hausse")) if connu else None,
            hausse=(float(ecart) > 0) if connu else None, module=int(i["module"]), engagement=int(i["engagement"])))
    return chiffres


def codes_de_tendance(ref: Referentiel, chiffres: Sequence[ChiffreCle]) -> list[str]:
    """The key indicators drawn on the trend chart: the rates (one scale, in percent)."""
    return [c.code for c in chiffres if ref.indicateur(c.code).unite == "%"]


def preuves_a_reunir(ref: Referentiel, modules: tuple[int, ...], enregistres: pd.DataFrame,
                     aujourd_hui: dt.date, declares: pd.DataFrame | None = None,
                     exclus: tuple[int, ...] = ()) -> int:
    """How many éléments de preuve of the perimeter are absent or to update (the audit page's list; those the
    site declared « sans objet », ``declares``, are not, nor those of engagements it does not retain, ``exclus``)."""
    from qualepref.audit import a_faire, elements_de_preuve, etat_des_preuves

    etats = etat_des_preuves(elements_de_preuve(ref, modules, exclus), enregistres, declares)
    return len(a_faire(etats, ref, None, aujourd_hui))


def annees_de_tendance(annees: Sequence[int], annee: int, nombre: int = 5) -> list[int]:
    """The years a trend covers: the ``nombre`` latest with data up to ``annee``, oldest first."""
    return [a for a in sorted(set(annees)) if a <= annee][-nombre:]


def tendance(ref: Referentiel, par_annee: Sequence, codes: Sequence[str]) -> pd.DataFrame:  # Resultats
    """The yearly values of ``codes`` over the years of ``par_annee`` (one Resultats per year, any order): columns
    annee, code, libelle (short), valeur, cible, unite; years without a value are left out."""
    lignes = []
    for r in par_annee:
        annuels = r.annuels()
        for _, i in annuels[annuels["code"].isin(codes) & annuels["valeur"].notna()].iterrows():
            lignes.append({"annee": int(r.annee), "code": i["code"], "libelle": _court(ref, i["code"])[0],
                           "valeur": float(i["valeur"]), "cible": None if pd.isna(i["cible"]) else float(i["cible"]),
                           "unite": i["unite"]})
    cadre = pd.DataFrame(lignes, columns=["annee", "code", "libelle", "valeur", "cible", "unite"])
    rang = {c: n for n, c in enumerate(codes)}
    return cadre.assign(rang=cadre["code"].map(rang)).sort_values(["rang", "annee"], ignore_index=True).drop(
        columns="rang")


def serie_pluriannuelle(par_annee: Sequence, code: str) -> pd.DataFrame:  # Resultats
    """Every sub-period value of one indicator over several years (the yearly value for a year with no
    sub-period value), oldest first: columns date, valeur, periode, annee."""
    from qualepref.presentation import serie_indicateur

    morceaux = [serie_indicateur(r.indicateurs, code, r.annee).assign(annee=int(r.annee)) for r in par_annee]
    morceaux = [m for m in morceaux if not m.empty]
    if not morceaux:
        return pd.DataFrame({"date": pd.Series(dtype="datetime64[ns]"), "valeur": pd.Series(dtype="float64"),
                             "periode": pd.Series(dtype="object"), "annee": pd.Series(dtype="int64")})
    return pd.concat(morceaux, ignore_index=True).sort_values("date", ignore_index=True)


@dataclass(frozen=True)
class Etape:
    """One view of the meeting mode: ``genre`` module, enquetes, plan or attention; ``module`` for a module's."""

    genre: str
    titre: str
    module: int | None = None


def etapes_seance(ref: Referentiel, r) -> list[Etape]:  # noqa: ANN001 - Resultats
    """The meeting mode's steps: one per module of the perimeter, then surveys, plan d'actions, points
    d'attention."""
    etapes = [Etape("module", f"Module {int(n)} — {ref.module(int(n)).libelle_court}", int(n))
              for n in r.modules["module"]]
    return etapes + [Etape("enquetes", "Enquêtes de satisfaction"), Etape("plan", "Plan d'actions"),
                     Etape("attention", "Points d'attention")]


def choix_demande(parametres: dict, modules: Sequence[int], ref: Referentiel) -> tuple[int, int | None]:
    """The module and engagement a link asks for (``?module=1&engagement=3``, a point d'attention's link), checked
    against the perimeter: anything unknown or malformed falls back to the first module and no engagement."""
    def entier(nom: str) -> int | None:
        valeur = str(parametres.get(nom, "")).strip()
        return int(valeur) if valeur.isdigit() and len(valeur) <= 4 else None

    module, engagement = entier("module"), entier("engagement")
    if engagement is not None:
        try:
            module = ref.engagement(engagement).module if module is None else module
        except KeyError:
            engagement = None
    if module not in modules:
        return modules[0], None
    if engagement is not None and ref.engagement(engagement).module != module:
        engagement = None
    return module, engagement


def engagements_a_suivre(ref: Referentiel, r, module: int) -> pd.DataFrame:  # noqa: ANN001 - Resultats
    """A module's engagements non atteints, then proches, as French text (N°, engagement's short label, statut):
    what the meeting discusses; an empty frame with those headers when there is none."""
    siens = r.engagements[(r.engagements["module"] == module) & r.engagements["statut"].isin([NON_ATTEINT, PROCHE])]
    siens = siens.assign(rang=siens["statut"].map({NON_ATTEINT: 0, PROCHE: 1})).sort_values(["rang", "engagement"])
    return pd.DataFrame({"N°": siens["engagement"].astype(str).to_numpy(),
                         "Engagement": [ref.engagement(int(n)).libelle_court for n in siens["engagement"]],
                         "Statut": [MOTS_STATUT[s] for s in siens["statut"]]})
