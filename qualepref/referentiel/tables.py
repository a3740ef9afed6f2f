"""The referential as flat tables: for the command line export, the searchable "Référentiel" page and exports."""

from __future__ import annotations

import pandas as pd

from qualepref.format import normaliser_recherche


def tables_du_referentiel(ref) -> dict[str, pd.DataFrame]:  # noqa: ANN001 - Referentiel
    """Modules, engagements, indicators and délai rules, one frame each, with stable column names."""
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
                "canaux": ", ".join(r.canaux), "jours_ouvres": r.jours_ouvres, "annee_debut": r.annee_debut,
                "annee_fin": r.annee_fin, "reponses": ", ".join(r.reponses), "seuil": r.seuil,
            }
            for r in ref.delais
        ]
    )
    return {"modules": modules, "engagements": engagements, "indicateurs": indicateurs, "delais": delais}


def rechercher(cadre: pd.DataFrame, texte: str) -> pd.DataFrame:
    """Rows of ``cadre`` where any text cell contains ``texte``, ignoring case and accents."""
    motif = normaliser_recherche(texte)
    if not motif:
        return cadre
    lignes = cadre.astype(str).apply(lambda colonne: colonne.map(normaliser_recherche)).agg(" ".join, axis=1)
    return cadre[lignes.str.contains(motif, regex=False)]
