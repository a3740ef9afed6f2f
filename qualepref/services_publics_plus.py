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
from collections.abc import Sequence

import pandas as pd

from qualepref.referentiel import Referentiel

REFERENTIEL_SP = "services-publics-plus"
ENGAGEMENT_RESULTATS = 6  # « Vous avez accès à nos résultats de qualité de service »
COLONNES = ["code", "code_sp", "libelle", "unite", "valeur", "valeur_precedente", "progression_points"]


def _lignes(annuels: pd.DataFrame, ref_sp: Referentiel) -> list[dict]:
    """The rows of the national results among a result's yearly rows (plain values, for JSON)."""
    publies = {i.code: i for i in ref_sp.indicateurs_de_l_engagement(ENGAGEMENT_RESULTATS) if i.code_sp}
    lignes = []
    for ligne in annuels.to_dict("records"):
        ind = publies.get(ligne["code"])
        if ind is None:
            continue
        lignes.append({"code": ind.code, "code_sp": ind.code_sp, "libelle": ind.libelle, "unite": ind.unite,
                       **{c: None if pd.isna(ligne.get(c)) else float(ligne[c])
                          for c in ("valeur", "valeur_precedente", "progression_points")}})
    return lignes


def calculer_services_publics_plus(ref_sp: Referentiel, site, donnees, annee: int,  # noqa: ANN001
                                   aujourd_hui: dt.date, autres: Sequence[Referentiel] = ()) -> list[dict]:
    """The site's Services Publics+ results for ``annee`` (one dict per national indicator, in file order)."""
    from qualepref.resultats import calculer

    sur_sp = dataclasses.replace(site, referentiel=ref_sp.code, modules=tuple(m.numero for m in ref_sp.modules))
    r = calculer(ref_sp, sur_sp, donnees, annee, pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"]),
                 aujourd_hui, autres)
    return _lignes(r.annuels(), ref_sp)


def figures_publiees(r, ref_sp: Referentiel) -> pd.DataFrame:  # noqa: ANN001 - Resultats
    """The Services Publics+ figures of a result (a publication): its own rows when the site follows Services
    Publics+, else those computed alongside (``meta``); one row per figure, ``COLONNES``."""
    if r.referentiel == ref_sp.code:
        lignes = _lignes(r.annuels(), ref_sp) if not r.indicateurs.empty else []
    else:
        lignes = list(r.meta.get("services_publics_plus", []))
    cadre = pd.DataFrame(lignes, columns=COLONNES)
    for colonne in ("valeur", "valeur_precedente", "progression_points"):
        cadre[colonne] = pd.to_numeric(cadre[colonne], errors="coerce").astype("Float64")
    return cadre


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
