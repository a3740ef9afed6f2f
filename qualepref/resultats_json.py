"""The results of a site and year as plain data and back: the JSON round trip of ``resultats.Resultats``.

``vers_json`` gives every figure as plain data (what ``python -m qualepref resultats --format json`` prints and a
publication freezes: NA → None, numpy numbers → Python numbers, dates as ISO text, rates unrounded, the avis'
tonalité keys as the JSON contract spells them); ``depuis_json`` rebuilds the same ``Resultats`` from it, for the
pages and exports of a published snapshot. Apart from ``resultats`` (which re-exports every name here) because
it computes nothing: it is the one place the contract of the plain data is written, both ways.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from qualepref.resultats import Resultats

JSON_TONALITES = {"negatif": "négatif"}  # the JSON contract of issue 5 spells the key with its accent
CODES_TONALITES = {v: k for k, v in JSON_TONALITES.items()}


def _propre(valeur: object) -> object:
    """A JSON-able scalar: NA/NaN → None, numpy numbers → Python numbers; rates stay unrounded."""
    if valeur is None:
        return None
    if isinstance(valeur, (pd.Timestamp, dt.date)):
        return valeur.isoformat()[:10]
    if hasattr(valeur, "item"):
        valeur = valeur.item()
    if isinstance(valeur, float) and math.isnan(valeur):
        return None
    try:
        if pd.isna(valeur):
            return None
    except (TypeError, ValueError):
        pass
    return valeur


def _lignes(cadre: pd.DataFrame) -> list[dict]:
    return [{k: _propre(v) for k, v in ligne.items()} for ligne in cadre.to_dict("records")]


def vers_json(r: Resultats) -> dict:
    """Every figure as plain data (what ``python -m qualepref resultats --format json`` prints and a publication
    freezes): ``indicateurs`` one row per indicator and period with its ``details``; ``enquetes``; ``plan_actions``;
    ``pan``; ``avis``; and the tables of the dashboard."""
    details = {}
    for ligne in _lignes(r.details) if not r.details.empty else []:
        details.setdefault((ligne.pop("indicateur"), ligne.pop("periode")), []).append(ligne)
    indicateurs = []
    for ligne in _lignes(r.indicateurs):
        indicateurs.append({
            "code": ligne["code"], "libelle": ligne["libelle"], "module": ligne["module"],
            "engagement": ligne["engagement"], "periode": ligne["periode"], "valeur": ligne["valeur"],
            "unite": ligne["unite"], "numerateur": ligne["numerateur"], "denominateur": ligne["denominateur"],
            "cible": ligne["cible"], "seuil": ligne.get("seuil"), "statut": ligne["statut"],
            "progression_points": ligne["progression_points"],
            "valeur_precedente": ligne["valeur_precedente"], "sens": ligne["sens"], "source": ligne["source"],
            "engagements": ligne["engagements"], "nature": ligne["nature"], "periodicite": ligne["periodicite"],
            "valeur_initiale": ligne.get("valeur_initiale"), "annee_cible": ligne.get("annee_cible"),
            "progres_cible": ligne.get("progres_cible"),
            "regle": ligne.get("regle"),
            "valeur_fond": ligne.get("valeur_fond"), "aide": ligne.get("aide", ""),
            "etat_au": r.meta.get("etat_au") if ligne["source"] == "journal" else None,
            "details": details.get((ligne["code"], ligne["periode"]), []),
        })
    return {
        "site": r.site, "annee": r.annee, "referentiel": r.referentiel, "meta": r.meta,
        "indicateurs": indicateurs,
        "enquetes": _lignes(r.enquetes),
        "plan_actions": {"global": r.plan_global, "axes": _lignes(r.plan_axes),
                         "thematiques": _lignes(r.plan_thematiques), "en_retard": _lignes(r.plan_en_retard)},
        "pan": r.pan, "avis": _avis_json(r.avis),
        "mystere": _lignes(r.mystere), "delais": _lignes(r.delais), "engagements": _lignes(r.engagements),
        "modules": _lignes(r.modules), "non_mesures": _lignes(r.non_mesures), "mouvements": _lignes(r.mouvements),
    }


def _avis_json(avis: dict) -> dict:
    """The avis as the JSON contract spells them: the tonalité keys in French (``négatif``), other keys as is."""
    return {JSON_TONALITES.get(k, k): _propre(v) if not isinstance(v, dict) else v for k, v in avis.items()}


def depuis_json(d: dict) -> Resultats:
    """The ``Resultats`` of plain data (a published snapshot): the same figures, for pages and exports."""
    from qualepref.resultats import Resultats

    indicateurs = pd.DataFrame([{k: v for k, v in i.items() if k != "details"} for i in d["indicateurs"]])
    details = pd.DataFrame([{"indicateur": i["code"], "periode": i["periode"], **x}
                            for i in d["indicateurs"] for x in i.get("details", [])])
    for colonne in ("valeur", "numerateur", "denominateur", "cible", "seuil", "progression_points",
                    "valeur_precedente", "valeur_initiale", "progres_cible", "valeur_fond"):
        if colonne in indicateurs:
            indicateurs[colonne] = pd.to_numeric(indicateurs[colonne], errors="coerce").astype("Float64")
    plan = d.get("plan_actions", {})
    return Resultats(
        site=d["site"], annee=int(d["annee"]), referentiel=d.get("referentiel", ""), indicateurs=indicateurs,
        details=details, enquetes=pd.DataFrame(d.get("enquetes", [])), mystere=pd.DataFrame(d.get("mystere", [])),
        delais=pd.DataFrame(d.get("delais", [])), plan_global=plan.get("global", {"taux": None, "actions": 0}),
        plan_axes=pd.DataFrame(plan.get("axes", [])), plan_thematiques=pd.DataFrame(plan.get("thematiques", [])),
        plan_en_retard=pd.DataFrame(plan.get("en_retard", [])), pan=d.get("pan", {}),
        avis={CODES_TONALITES.get(k, k): v for k, v in d.get("avis", {}).items()},
        engagements=pd.DataFrame(d.get("engagements", [])), modules=pd.DataFrame(d.get("modules", [])),
        non_mesures=pd.DataFrame(d.get("non_mesures", [])), mouvements=pd.DataFrame(d.get("mouvements", [])),
        meta=d.get("meta", {}),
    )


__all__ = ["CODES_TONALITES", "JSON_TONALITES", "depuis_json", "vers_json"]
