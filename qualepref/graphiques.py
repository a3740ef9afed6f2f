"""Charts for people: one Altair theme with the French locale, and chart builders with their text alternative.

Vega-Lite's ``config.locale`` carries the French number format (decimal comma, narrow no-break space between
thousands, true minus sign: the separators of ``qualepref.format``) and French month and day names, so axes and
tooltips read ``77,6`` and ``mai 2023`` whatever the browser. Every chart comes with a sentence that states its
figures (the text alternative for screen readers), each period named as people say it (``mai 2023``,
``2e trimestre 2023``, ``2023``).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from qualepref import format as fmt

BLEU_FRANCE = "#000091"
ROUGE_MARIANNE = "#E1000F"
GRIS = "#666666"
COULEURS_STATUT = {"atteint": "#18753C", "proche": "#B34000", "non_atteint": "#CE0500", "non_mesure": "#929292",
                   "sans_cible": "#929292"}

LOCALE_FR = {
    "number": {"decimal": ",", "thousands": fmt.ESPACE_FINE, "grouping": [3],
               "currency": ["", f"{fmt.ESPACE_INSECABLE}€"], "percent": f"{fmt.ESPACE_INSECABLE}%",
               "minus": fmt.MOINS},
    "time": {
        "dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S", "periods": ["AM", "PM"],
        "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        "months": list(fmt.MOIS),
        "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
                        "déc."],
    },
}


def theme() -> dict:
    """The qualepref chart theme: State colours, system sans-serif, French locale."""
    return {
        "config": {
            "locale": LOCALE_FR,
            "font": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
            "range": {"category": [BLEU_FRANCE, ROUGE_MARIANNE, "#6A6AF4", "#FF9575", "#009081", GRIS]},
            "axis": {"labelFontSize": 12, "titleFontSize": 12, "grid": True, "gridColor": "#EEEEEE"},
            "legend": {"orient": "bottom", "labelFontSize": 12},
            "view": {"stroke": None},
        }
    }


alt.theme.register("qualepref", enable=True)(theme)


def etiquettes_periodes(serie: pd.DataFrame) -> list[str]:
    """The period of each point for people: from the ``periode`` codes when the series has them (``2023``,
    ``2e trimestre 2023``, ``mai 2023``), else the month of each ``date``."""
    if "periode" in serie:
        return [fmt.periode(str(code)) for code in serie["periode"]]
    return [f"{fmt.MOIS[d.month - 1]} {d.year}" for d in pd.to_datetime(serie["date"])]


def serie_temporelle(serie: pd.DataFrame, libelle: str, unite: str, cible: float | None) -> alt.Chart:
    """A time series (columns ``date``, ``valeur``, optionally ``periode``) with its target as a dashed line."""
    format_nombre = ",.1f"
    titre_axe = f"{libelle[:60]}{'…' if len(libelle) > 60 else ''} ({unite})"
    base = alt.Chart(serie.assign(etiquette=etiquettes_periodes(serie))).encode(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y")),
        y=alt.Y("valeur:Q", title=titre_axe, axis=alt.Axis(format=format_nombre)),
        tooltip=[alt.Tooltip("etiquette:N", title="Période"),
                 alt.Tooltip("valeur:Q", title="Valeur", format=format_nombre)],
    )
    graphique = base.mark_line(point=True, color=BLEU_FRANCE)
    if cible is not None and pd.notna(cible):
        ligne = alt.Chart(pd.DataFrame({"cible": [cible]})).mark_rule(
            color=ROUGE_MARIANNE, strokeDash=[6, 4]).encode(
            y="cible:Q", tooltip=[alt.Tooltip("cible:Q", title="Cible", format=format_nombre)])
        graphique = graphique + ligne
    return graphique.properties(height=260)


def texte_serie(serie: pd.DataFrame, unite: str, cible: float | None) -> str:
    """The text alternative of a time series: every point (its period named in words) with its value, and the
    target."""
    points = " ; ".join(f"{etiquette} : {fmt.valeur_unite(v, unite)}" for etiquette, v in
                        zip(etiquettes_periodes(serie), serie["valeur"], strict=True))
    suffixe = f" Cible : {fmt.valeur_unite(cible, unite)}." if cible is not None and pd.notna(cible) else ""
    return f"Valeurs par période — {points}.{suffixe}" if points else "Aucune valeur mesurée."


def barres_comparees(cadre: pd.DataFrame, categorie: str, valeur: str, groupe: str, titre_valeur: str) -> alt.Chart:
    """Grouped horizontal bars (e.g. satisfaction per theme, year N against N-1)."""
    return alt.Chart(cadre).mark_bar().encode(
        y=alt.Y(f"{categorie}:N", title=None, sort=None),
        x=alt.X(f"{valeur}:Q", title=titre_valeur, axis=alt.Axis(format=",.0f")),
        color=alt.Color(f"{groupe}:N", title=None),
        yOffset=alt.YOffset(f"{groupe}:N"),
        tooltip=[alt.Tooltip(f"{categorie}:N", title="Thème"), alt.Tooltip(f"{groupe}:N", title="Année"),
                 alt.Tooltip(f"{valeur}:Q", title=titre_valeur, format=",.1f")],
    ).properties(height=alt.Step(14))


def barres(cadre: pd.DataFrame, categorie: str, valeur: str, titre_valeur: str,
           format_valeur: str = ",.0f") -> alt.Chart:
    """Simple horizontal bars sorted by value (e.g. completion per thématique, PAN attendance per point)."""
    return alt.Chart(cadre).mark_bar(color=BLEU_FRANCE).encode(
        y=alt.Y(f"{categorie}:N", title=None, sort="-x"),
        x=alt.X(f"{valeur}:Q", title=titre_valeur, axis=alt.Axis(format=format_valeur)),
        tooltip=[alt.Tooltip(f"{categorie}:N", title=""), alt.Tooltip(f"{valeur}:Q", title=titre_valeur,
                                                                         format=format_valeur)],
    )
