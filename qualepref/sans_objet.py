"""« Sans objet »: an engagement or an élément de preuve that does not apply to a site, with the référent's reason.

Issue 15: « a conditional élément de preuve (« s'il a été mis en place »), the optional engagement 46, a GFA or
pré-accueil a site does not have, can be marked « sans objet » with a reason; it then leaves readiness and status
counts ». Only what the referential allows may be marked: an engagement whose data carry ``sans_objet`` (the
referential's words: engagement 8 « s'il a été mis en place », 24 « si nécessaire, un pré-accueil », 46
« engagement optionnel »), or an element listed in its ``preuves_conditionnelles`` (engagement 7's GFA manual, « le
cas échéant »). ``est_sans_objet`` is the one function that decides; readiness (``audit``) and the engagements'
status counts (``resultats.statut_engagements``, hence the COPIL tiles, the bilan and the deck) all ask it.

A declaration is keyed by its ``objet``: ``engagement:<n>`` or ``element:<code>`` (``E7-1``: engagement 7, first
element, as ``audit.elements_de_preuve`` codes them).
"""

from __future__ import annotations

from collections.abc import Collection

import pandas as pd

from qualepref.referentiel import Referentiel

COLONNES = ["objet", "reference", "libelle", "citation"]
RAISON_MAX = 500


class RefusSansObjet(ValueError):
    """A declaration the referential does not allow, or one without a reason (the message is French)."""


def objet_engagement(numero: int) -> str:
    """The key of an engagement declared sans objet."""
    return f"engagement:{numero}"


def objet_element(element: str) -> str:
    """The key of an élément de preuve declared sans objet (``E7-1``)."""
    return f"element:{element}"


def possibles(ref: Referentiel, modules: Collection[int], exclus: Collection[int] = ()) -> pd.DataFrame:
    """What the referential allows to mark sans objet within ``modules`` (but the engagements a sous-préfecture
    does not retain, ``exclus``): objet, reference (« Engagement 46 », « Élément E7-1 »), libelle (the engagement's
    title or the element's text) and citation (the referential's words that allow it)."""
    lignes = []
    for eng in ref.engagements:
        if eng.module not in modules or eng.numero in exclus:
            continue
        if eng.sans_objet:
            lignes.append({"objet": objet_engagement(eng.numero), "reference": f"Engagement {eng.numero}",
                           "libelle": eng.titre, "citation": eng.sans_objet})
        for n in eng.preuves_conditionnelles:
            preuves = eng.preuves or (eng.controle,)
            lignes.append({"objet": objet_element(f"E{eng.numero}-{n}"), "reference": f"Élément E{eng.numero}-{n}",
                           "libelle": preuves[n - 1], "citation": eng.motif_conditionnel})
    return pd.DataFrame(lignes, columns=COLONNES)


def verifier(ref: Referentiel, modules: Collection[int], objet: str, raison: object,
             exclus: Collection[int] = ()) -> str:
    """The reason, cleaned, of a declaration the referential allows; else ``RefusSansObjet`` saying why."""
    autorises = possibles(ref, modules, exclus).set_index("objet")
    if objet not in autorises.index:
        liste = ", ".join(autorises["reference"]) or "aucun dans ce périmètre"
        raise RefusSansObjet(f"« {_nom(objet)} » ne peut pas être déclaré sans objet : le référentiel ne le dit ni "
                             f"facultatif ni conditionnel (le peuvent : {liste}).")
    texte = " ".join(str(raison or "").split())
    if not texte:
        raise RefusSansObjet(f"Indiquez pourquoi « {autorises.loc[objet, 'reference']} » est sans objet pour ce "
                             "site : la raison est obligatoire.")
    if len(texte) > RAISON_MAX:
        raise RefusSansObjet(f"La raison dépasse {RAISON_MAX} caractères : résumez-la.")
    return texte


def _nom(objet: str) -> str:
    genre, _, cle = objet.partition(":")
    return {"engagement": f"Engagement {cle}", "element": f"Élément {cle}"}.get(genre, objet)


def est_sans_objet(declares: Collection[str], engagement: int, element: str | None = None) -> bool:
    """Whether an engagement (``element`` None) or one of its éléments de preuve is sans objet for the site whose
    declarations are ``declares`` (their ``objet`` keys): an element is when it is declared, or its engagement."""
    return objet_engagement(engagement) in declares or (element is not None and objet_element(element) in declares)


def libelle(raison: object) -> str:
    """« Sans objet : <raison> », as every page and export writes a declaration."""
    return f"Sans objet : {raison}"


__all__ = ["COLONNES", "RefusSansObjet", "est_sans_objet", "libelle", "objet_element", "objet_engagement",
           "possibles", "verifier"]
