"""A referential's identity as plain data (its « fiche »), for what must name the version a result was computed on.

The results keep the fiche of the version in place when they were computed (``meta["referentiel"]``: a stored
version loaded by the référent, else the built-in file), so a publication freezes it and every export names that
version — never the internal code (« qualepref-2019 »), and « ébauche » only while the version is a draft (issue
18 §3: « The built-in Quali-ATE file is shown as a draft wherever it appears (Sites page, dashboard, exports) until
the référent loads the official one »).
"""

from __future__ import annotations

from collections.abc import Mapping

from qualepref.referentiel.modele import Referentiel

MOT_EBAUCHE = "ébauche"


def fiche(ref: Referentiel, libelles_courts: bool = True) -> dict:
    """Code, titre, version, draft or not, modules (numéro, titre, nature) and, by default, each indicator's short
    label: plain values (JSON)."""
    donnees = {"code": ref.code, "titre": ref.titre, "version": ref.version, "ebauche": bool(ref.ebauche),
               "modules": [{"numero": m.numero, "titre": m.titre, "nature": m.nature} for m in ref.modules]}
    if libelles_courts:
        donnees["libelles_courts"] = {i.code: i.libelle_court for i in ref.indicateurs}
        # the indicator of the corresponding referential each one takes over (the poster's displays, written in
        # Qual-e-pref's terms, find their indicators through it)
        donnees["reprend"] = {i.code: i.reprend for i in ref.indicateurs if i.reprend}
        # the engagements of the corresponding referential each engagement takes over (the poster cites the
        # engagement of the version in place that takes over the Qual-e-pref one it was written for)
        donnees["engagements_repris"] = {str(e.numero): list(e.reprend) for e in ref.engagements if e.reprend}
        donnees["correspond_a"] = ref.correspond_a or ref.herite
    return donnees


def nom(donnees: Mapping) -> str:
    """The referential as people name it: « Qual-e-pref (2018, mise à jour de février 2019) »; a draft says so
    (« Quali-ATE — ébauche 2024 (présentation de préfecture) : pas le texte officiel »)."""
    titre, version = str(donnees.get("titre") or ""), str(donnees.get("version") or "")
    if not version:
        texte = titre
    elif "(" in version:
        texte = f"{titre} — {version}"
    else:
        texte = f"{titre} ({version})"
    if donnees.get("ebauche"):
        texte += " : pas le texte officiel" if MOT_EBAUCHE in version.lower() else f", {MOT_EBAUCHE} : pas le " \
                                                                                    "texte officiel"
    return texte


def mention_ebauche(donnees: Mapping) -> str | None:
    """The sentence a document for the comité or the public carries under a draft referential (None otherwise)."""
    if not donnees.get("ebauche"):
        return None
    return (f"Le référentiel « {donnees.get('titre')} » utilisé ici est une {MOT_EBAUCHE} : ce n'est pas son texte "
            "officiel.")
