"""A site's Services Publics+ results: the figures the programme asks each structure to publish at least once a
year (engagement 6 of 2023), whatever referential the site follows.

For a site that follows another referential (Qual-e-pref, Quali-ATE), they are computed from the same data on the
Services Publics+ referential (``services_publics_plus.toml``): the journal for the délai of the démarche phare,
the survey for satisfaction and taux net, imported values for the taux de décroché (or the Qual-e-pref indicator
it takes over) and the JDMA share. ``resultats.resultats_site`` keeps them in ``meta["services_publics_plus"]``, so
a publication freezes them with the rest; ``figures_publiees`` gives them to the published page and the open data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

import pandas as pd

from qualepref.referentiel import Referentiel

REFERENTIEL_SP = "services-publics-plus"
ENGAGEMENT_RESULTATS = 6  # « Vous avez accès à nos résultats de qualité de service »
COLONNES = ["code", "code_sp", "libelle", "unite", "valeur", "valeur_precedente", "progression_points"]


def _lignes(indicateurs: pd.DataFrame, annee: int, ref_sp: Referentiel) -> list[dict]:
    """The rows of the national results among a result's indicator rows (plain values, for JSON): one per figure,
    the year's value, N-1 and change, and ``par_periode`` (quarter or month → value) where a shorter period of the
    year was measured (a quarter's open data)."""
    publies = {i.code: i for i in ref_sp.indicateurs_de_l_engagement(ENGAGEMENT_RESULTATS) if i.code_sp}
    if indicateurs.empty or "periode" not in indicateurs:
        return []
    periodes = indicateurs["periode"].astype(str)
    lignes = []
    for ligne in indicateurs[periodes == str(annee)].to_dict("records"):
        ind = publies.get(ligne["code"])
        if ind is None:
            continue
        plus_courtes = indicateurs[(indicateurs["code"] == ind.code) & (periodes != str(annee))
                                   & indicateurs["valeur"].notna()]
        lignes.append({"code": ind.code, "code_sp": ind.code_sp, "libelle": ind.libelle, "unite": ind.unite,
                       **{c: None if pd.isna(ligne.get(c)) else float(ligne[c])
                          for c in ("valeur", "valeur_precedente", "progression_points")},
                       "par_periode": {str(p): float(v) for p, v in
                                       zip(plus_courtes["periode"], plus_courtes["valeur"], strict=True)}})
    return lignes


def calculer_services_publics_plus(ref_sp: Referentiel, site, donnees, annee: int,  # noqa: ANN001
                                   aujourd_hui: dt.date, autres: Sequence[Referentiel] = ()) -> list[dict]:
    """The site's Services Publics+ results for ``annee`` (one dict per national indicator, in file order)."""
    from qualepref.resultats import calculer

    sur_sp = dataclasses.replace(site, referentiel=ref_sp.code, modules=tuple(m.numero for m in ref_sp.modules))
    r = calculer(ref_sp, sur_sp, donnees, annee, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                 aujourd_hui, autres)
    return _lignes(r.indicateurs, annee, ref_sp)


def figures_du_site(r, ref_sp: Referentiel) -> list[dict]:  # noqa: ANN001 - Resultats
    """The figures of a site that follows Services Publics+ itself: its own rows (``resultats_site`` keeps them in
    ``meta`` too, as for any site)."""
    return _lignes(r.indicateurs, r.annee, ref_sp)


def figures_publiees(r, ref_sp: Referentiel | None = None) -> pd.DataFrame:  # noqa: ANN001 - Resultats
    """The Services Publics+ figures of a result (a publication), one row per figure (``COLONNES`` and
    ``par_periode``): those kept in ``meta`` when the results were computed (on the SP+ version in place then);
    for a snapshot older than that key, the site's own rows when it follows Services Publics+ (``ref_sp``, else the
    built-in file)."""
    if "services_publics_plus" in r.meta:
        lignes = list(r.meta["services_publics_plus"])
    elif r.referentiel == REFERENTIEL_SP:
        from qualepref.referentiel import charger

        lignes = figures_du_site(r, ref_sp or charger(REFERENTIEL_SP))
    else:
        lignes = []
    cadre = pd.DataFrame(lignes, columns=[*COLONNES, "par_periode"])
    for colonne in ("valeur", "valeur_precedente", "progression_points"):
        cadre[colonne] = pd.to_numeric(cadre[colonne], errors="coerce").astype("Float64")
    cadre["par_periode"] = [p if isinstance(p, dict) else {} for p in cadre["par_periode"]]
    return cadre


def valeur_de_la_periode(figure: Mapping, annee: int, periode: str) -> float | None:
    """A figure's value for ``periode``: the year's, or that quarter's or month's when it was measured."""
    valeur = figure.get("valeur") if periode == str(annee) else (figure.get("par_periode") or {}).get(periode)
    return None if valeur is None or pd.isna(valeur) else float(valeur)


def tableau_services_publics_plus(cadre: pd.DataFrame) -> pd.DataFrame:
    """The figures as the published page shows them: result, value, previous year, change (French formats);
    the figures without a value are left out."""
    from qualepref import format as fmt

    mesures = cadre[cadre["valeur"].notna()]
    return pd.DataFrame({
        "Résultat": mesures["libelle"].tolist(),
        "Valeur": [fmt.valeur_unite(v, u) for v, u in zip(mesures["valeur"], mesures["unite"], strict=True)],
        "Année précédente": [fmt.valeur_unite(v, u) if pd.notna(v) else "" for v, u in
                             zip(mesures["valeur_precedente"], mesures["unite"], strict=True)],
        "Évolution": [fmt.progression(v, u) if pd.notna(v) else "" for v, u in
                      zip(mesures["progression_points"], mesures["unite"], strict=True)],
    })
