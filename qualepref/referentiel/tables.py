"""The referential as flat tables: for the command line export, the searchable "Référentiel" page and exports."""

from __future__ import annotations

import pandas as pd

from qualepref.format import normaliser_recherche

TOUS_LES_CANAUX = "tous"  # a délai rule listing no canal applies to every canal


def tables_du_referentiel(ref) -> dict[str, pd.DataFrame]:  # noqa: ANN001 - Referentiel
    """Modules, engagements, indicators and délai rules, one frame each, with stable column names (a délai rule for
    every canal says ``tous``)."""
    modules = pd.DataFrame(
        [{"numero": m.numero, "titre": m.titre, "nature": m.nature} for m in ref.modules]
    )
    engagements = pd.DataFrame(
        [
            {
                "numero": e.numero, "module": e.module, "titre": e.titre,
                "declinaisons": " ".join(f"{d.code} {d.texte}" for d in e.declinaisons),
                "controle": e.controle,
            }
            for e in ref.engagements
        ]
    )
    indicateurs = pd.DataFrame(
        [
            {
                "code": i.code, "libelle": i.libelle, "engagement": i.engagements[0],
                "engagements": ", ".join(map(str, i.engagements)), "module": i.module, "nature": i.nature,
                "unite": i.unite, "periodicite": i.periodicite, "source": i.source, "sens": i.sens,
                "cible": i.cible,
            }
            for i in ref.indicateurs
        ]
    )
    delais = pd.DataFrame(
        [
            {
                "code": r.code, "engagement": r.engagement, "natures": ", ".join(r.natures),
                "canaux": ", ".join(r.canaux) or TOUS_LES_CANAUX, "jours_ouvres": r.jours_ouvres,
                "annee_debut": r.annee_debut,
                "annee_fin": r.annee_fin, "reponses": ", ".join(r.reponses), "seuil": r.seuil,
            }
            for r in ref.delais
        ]
    )
    return {"modules": modules, "engagements": engagements, "indicateurs": indicateurs, "delais": delais}


def _texte_cellule(valeur: object) -> str:
    """A cell as searchable text: nothing for a missing value (not "nan"), ``2020`` for the float 2020.0."""
    if valeur is None or (not isinstance(valeur, str) and bool(pd.isna(valeur))):
        return ""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return normaliser_recherche(valeur)


def rechercher(cadre: pd.DataFrame, texte: str) -> pd.DataFrame:
    """Rows of ``cadre`` where any cell contains ``texte``, ignoring case, accents, apostrophe style and spacing;
    missing values match nothing."""
    motif = normaliser_recherche(texte)
    if not motif:
        return cadre
    lignes = cadre.apply(lambda colonne: colonne.map(_texte_cellule)).agg(" ".join, axis=1)
    return cadre[lignes.str.contains(motif, regex=False)]
