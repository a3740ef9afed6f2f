"""Publishing: freeze a site's results for the comité des usagers, and read back only what was published.

A publication is a dated snapshot (plain data from ``resultats.vers_json``) of a year or a quarter: later imports
never change what the comité was shown; the référent republishes, with a note saying what was corrected. The
comité's pages and exports read these snapshots only, never the live data.
"""

from __future__ import annotations

import dataclasses

from sqlalchemy import Engine

from qualepref.resultats import Resultats, depuis_json, vers_json
from qualepref.store.pilotage import load_publication, load_textes_comite, publier


def code_periode(annee: int, trimestre: int | None = None) -> str:
    """``2023`` or ``2023-T2``; a quarter other than 1 to 4 is refused (French ``ValueError``)."""
    if trimestre is None:
        return str(annee)
    if trimestre not in (1, 2, 3, 4):
        raise ValueError(f"Le trimestre doit être 1, 2, 3 ou 4 (reçu : {trimestre}).")
    return f"{annee}-T{trimestre}"


def publier_resultats(engine: Engine, resultats: Resultats, trimestre: int | None, utilisateur: str,
                      note: str | None = None) -> str:
    """Freeze ``resultats`` (the whole year, or with ``trimestre`` that quarter's figures) and return the period."""
    periode = code_periode(resultats.annee, trimestre)
    contenu = vers_json(resultats)
    if trimestre:
        contenu["indicateurs"] = [i for i in contenu["indicateurs"]
                                  if i["periode"] in (periode, f"{resultats.annee}-{3 * trimestre:02d}",
                                                      f"{resultats.annee}-{3 * trimestre - 1:02d}",
                                                      f"{resultats.annee}-{3 * trimestre - 2:02d}")]
    contenu["periode_publiee"] = periode
    publier(engine, resultats.site, periode, contenu, utilisateur, (note or "").strip() or None)
    return periode


def resultats_publies(engine: Engine, site: str, periode: str) -> tuple[Resultats, dict] | None:
    """The published results of a site and period and the publication's facts (date, note, versions, period), or
    None. The results carry the published period in ``meta["periode_publiee"]`` (a quarter's snapshot holds the
    quarter's rows, not the year's)."""
    publication = load_publication(engine, site, periode)
    if publication is None:
        return None
    faits = {k: v for k, v in publication.items() if k != "contenu"} | {"periode": periode,
                                                                         "textes": textes_du_comite(engine, site, periode)}
    resultats = depuis_json(publication["contenu"])
    resultats = dataclasses.replace(resultats, meta={**resultats.meta, "periode_publiee": periode})
    return resultats, faits


def resultats_publies_pour(engine: Engine, site: str, periode: str) -> tuple[Resultats, dict] | None:
    """The published results to make ``periode``'s documents from: its own publication, else, for a quarter, the
    year's publication (a year's snapshot holds its quarters: the T1–T4 posters are made from it). The facts then
    carry ``periode`` (the quarter) and ``periode_source`` (the year published). None when neither is published,
    or when the year's snapshot has no figure for that quarter."""
    publie = resultats_publies(engine, site, periode)
    if publie is not None or len(periode) == 4:
        return publie
    annuel = resultats_publies(engine, site, periode[:4])
    if annuel is None:
        return None
    resultats, faits = annuel
    indicateurs = resultats.indicateurs
    if indicateurs.empty or not (indicateurs["periode"].astype(str) == periode).any():
        return None
    resultats = dataclasses.replace(resultats, meta={**resultats.meta, "periode_publiee": periode})
    return resultats, {**faits, "periode": periode, "periode_source": periode[:4]}


def trimestres_publiables(resultats: Resultats) -> list[str]:
    """The quarters of a year's published snapshot that hold figures (``2023-T1``...): their posters can be made."""
    if len(str(resultats.meta.get("periode_publiee", resultats.annee))) != 4 or resultats.indicateurs.empty:
        return []
    periodes = set(resultats.indicateurs["periode"].astype(str))
    return [f"{resultats.annee}-T{t}" for t in (1, 2, 3, 4) if f"{resultats.annee}-T{t}" in periodes]


def textes_du_comite(engine: Engine, site: str, periode: str) -> dict[str, str]:
    """The « Textes du comité » kept for a period: its own, else (a quarter) the year's, else none."""
    textes = load_textes_comite(engine, site, periode)
    if textes is None and len(periode) > 4:
        textes = load_textes_comite(engine, site, periode[:4])
    return textes or {}
