"""Audit readiness: the éléments de preuve the referential asks for, their state, and what to do before the audit.

For every engagement of the site's perimeter and every disposition d'organisation (chapters IV and V), each
élément de preuve has a state (présent, à mettre à jour, absent) recorded by the référent, or is « sans objet » with
a reason where the referential allows it (``qualepref.sans_objet``: a conditional element, an optional or
conditional engagement): such an element leaves readiness and the to-do list. Readiness of a module is the share of
its other elements that are présent (an element "à mettre à jour" counts half). The list of what is missing
is ordered for the weeks before the audit: the internal audit comes first (chapter V: some months before the external
one, as the referential's data says), so what the internal audit needs is due by then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import pandas as pd

from qualepref.referentiel import Referentiel
from qualepref.sans_objet import est_sans_objet

SANS_OBJET = "sans_objet"
POIDS_ETAT = {"present": 1.0, "a_mettre_a_jour": 0.5, "absent": 0.0}
METHODE_PREPARATION = (
    "Taux de préparation = part des éléments de preuve « présents » (un élément « à mettre à jour » compte pour "
    "moitié), chaque élément pesant autant ; les éléments « sans objet » (déclarés par le référent, avec leur "
    "raison, là où le référentiel le permet) n'y entrent pas."
)
MOIS_AUDIT_INTERNE_PAR_DEFAUT = 2


def elements_de_preuve(ref: Referentiel, modules: tuple[int, ...], exclus: Collection[int] = ()) -> pd.DataFrame:
    """One row per élément de preuve of the perimeter: element (stable code), groupe, module, reference, titre, preuve.

    Engagement elements are coded ``E<n>-<i>``; disposition elements ``<code>-<i>`` (i from 1). An engagement whose
    proofs are not itemised has one element, its méthode de contrôle; a disposition that names no proof (chapter V's
    external audit, which the certifier carries out) has none. ``exclus``: the engagements a sous-préfecture does
    not retain (``Site.engagements_exclus``): not in its perimeter, so no evidence is asked for them.
    """
    lignes = []
    for eng in ref.engagements:
        if eng.module not in modules or eng.numero in exclus:
            continue
        for i, preuve in enumerate(eng.preuves or (eng.controle,), 1):
            lignes.append({"element": f"E{eng.numero}-{i}", "groupe": "engagement", "module": eng.module,
                           "reference": f"Engagement {eng.numero}", "titre": eng.titre, "preuve": preuve})
    for disposition in ref.dispositions:
        for i, preuve in enumerate(disposition.preuves, 1):
            lignes.append({"element": f"{disposition.code}-{i}", "groupe": "disposition", "module": pd.NA,
                           "reference": f"Chapitre {disposition.chapitre}", "titre": disposition.titre,
                           "preuve": preuve})
    cadre = pd.DataFrame(lignes, columns=["element", "groupe", "module", "reference", "titre", "preuve"])
    cadre["module"] = cadre["module"].astype("Int64")
    return cadre


def etat_des_preuves(elements: pd.DataFrame, enregistres: pd.DataFrame,
                     declares: pd.DataFrame | None = None) -> pd.DataFrame:
    """Elements with their recorded state (absent when nothing is recorded), comment, link and date; ``etat`` is
    « sans_objet » where ``declares`` (the site's declarations: objet, raison) makes the element or its engagement
    sans objet, with ``raison_sans_objet`` (the element's own declaration first, else its engagement's)."""
    colonnes = ["element", "etat", "commentaire", "lien", "date"]
    cadre = elements.merge(enregistres.reindex(columns=colonnes), on="element", how="left")
    cadre["etat"] = cadre["etat"].astype(object).fillna("absent")  # object: no state recorded may come as floats
    raisons = {} if declares is None or declares.empty else dict(zip(declares["objet"], declares["raison"],
                                                                      strict=True))
    engagements = cadre["element"].where(cadre["groupe"] == "engagement").str.extract(r"^E(\d+)-")[0]
    raison = []
    for element, numero in zip(cadre["element"], engagements, strict=True):
        if pd.isna(numero) or not est_sans_objet(raisons, int(numero), element):
            raison.append(None)
        else:
            raison.append(raisons.get(f"element:{element}", raisons.get(f"engagement:{int(numero)}")))
    cadre["raison_sans_objet"] = pd.Series(raison, index=cadre.index, dtype=object)
    cadre.loc[cadre["raison_sans_objet"].notna(), "etat"] = SANS_OBJET
    return cadre


def preparation(etats: pd.DataFrame) -> pd.DataFrame:
    """Readiness per module (dispositions as their own line) and overall: elements, présents, taux (percent), the
    elements « sans objet » counted apart (``sans_objet``) and out of the others (a module all of whose elements
    are sans objet keeps its line, with no rate)."""
    compte = etats["etat"] != SANS_OBJET
    cadre = etats.assign(
        compte=compte.astype(int), present=(etats["etat"] == "present").astype(int),
        sans_objet=(~compte).astype(int), poids=etats["etat"].map(POIDS_ETAT).astype(float).fillna(0.0),
        perimetre=etats["module"].map(lambda m: "Dispositions d'organisation" if pd.isna(m) else f"Module {m}"),
    )
    colonnes = {"elements": "compte", "presents": "present", "somme": "poids", "sans_objet": "sans_objet"}
    parties = cadre.groupby("perimetre", sort=False)[list(colonnes.values())].sum()
    parties.columns = list(colonnes)
    ordre = cadre.drop_duplicates("perimetre").assign(rang=lambda c: c["module"].fillna(0)).sort_values("rang")
    parties = parties.loc[ordre["perimetre"]]
    total = pd.DataFrame({nom: [cadre[c].sum()] for nom, c in colonnes.items()}, index=["Ensemble"])
    resultat = pd.concat([parties, total]).astype({"elements": "int64", "presents": "int64", "sans_objet": "int64"})
    resultat["taux"] = 100 * resultat["somme"] / resultat["elements"].where(resultat["elements"] > 0)
    resultat = resultat[["elements", "presents", "somme", "taux", "sans_objet"]]
    return resultat.drop(columns="somme").rename_axis("perimetre").reset_index()


def date_audit_interne(ref: Referentiel, audit_externe: dt.date) -> dt.date:
    """When the internal audit should take place: the referential's months before the external audit."""
    mois = next((d.delai_avant_audit_externe_mois for d in ref.dispositions
                 if getattr(d, "delai_avant_audit_externe_mois", None)), MOIS_AUDIT_INTERNE_PAR_DEFAUT)
    return (pd.Timestamp(audit_externe) - pd.DateOffset(months=int(mois))).date()


def a_faire(etats: pd.DataFrame, ref: Referentiel, audit_externe: dt.date | None, aujourd_hui: dt.date) -> pd.DataFrame:
    """What is missing or to update, ordered for the weeks before the audit.

    Absent elements come before those to update; dispositions (which the internal audit examines first) before
    engagements; then the referential's order (engagement 2 before engagement 10, proof 2 before proof 10). Each
    gets the date by which it is due: the internal audit's date (or, without an audit date, no date).
    ``semaines_restantes`` counts the whole weeks left until then.
    """
    manquants = etats[~etats["etat"].isin(["present", SANS_OBJET])].copy()
    echeance = date_audit_interne(ref, audit_externe) if audit_externe else None
    manquants["priorite"] = manquants["etat"].map({"absent": 0, "a_mettre_a_jour": 1})
    manquants["ordre_groupe"] = manquants["groupe"].map({"disposition": 0, "engagement": 1})
    manquants["ordre_referentiel"] = range(len(manquants))  # elements come in the referential's order
    manquants = manquants.sort_values(["priorite", "ordre_groupe", "ordre_referentiel"])
    manquants["a_faire_avant"] = echeance
    manquants["semaines_restantes"] = ((echeance - aujourd_hui).days // 7) if echeance else pd.NA
    colonnes = ["element", "reference", "titre", "preuve", "etat", "a_faire_avant", "semaines_restantes"]
    return manquants[colonnes].reset_index(drop=True)
