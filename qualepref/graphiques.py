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


def serie_temporelle(serie: pd.DataFrame, libelle: str, unite: str, cible: float | None,
                     description: str | None = None) -> alt.Chart:
    """A time series over one or several years (columns ``date``, ``valeur``, optionally ``periode``) with its target
    as a dashed line.

    The x axis is the series' own periods in order (``T1 2023``, ``T2 2023``… or ``janv. 2024``…): one tick per
    period, never a repeated month for quarterly values; each year gets its own colour so the years compare. The
    y title is short (``libelle`` should be the short label) with the unit; ``description`` is the chart's text
    alternative (Vega-Lite writes it as the SVG's accessible description).
    """
    format_nombre = ",.1f"
    donnees = serie.assign(etiquette=etiquettes_periodes(serie), axe=etiquettes_courtes(serie),
                           annee=pd.to_datetime(serie["date"]).dt.year.astype(str))
    ordre = donnees.sort_values("date")["axe"].drop_duplicates().tolist()
    base = alt.Chart(donnees).encode(
        x=alt.X("axe:O", title=None, sort=ordre, axis=alt.Axis(labelAngle=0 if len(ordre) <= 8 else -45)),
        y=alt.Y("valeur:Q", title=titre_axe(libelle, unite), axis=alt.Axis(format=format_nombre)),
        tooltip=[alt.Tooltip("etiquette:N", title="Période"),
                 alt.Tooltip("valeur:Q", title="Valeur", format=format_nombre)],
    )
    plusieurs = donnees["annee"].nunique() > 1
    ligne = base.mark_line(point=True, color=BLEU_FRANCE) if not plusieurs else base.mark_line(point=True).encode(
        color=alt.Color("annee:N", title="Année"), detail="annee:N")
    graphique = ligne
    if cible is not None and pd.notna(cible):
        regle = alt.Chart(pd.DataFrame({"cible": [cible], "texte": [f"Cible : {fmt.valeur_unite(cible, unite)}"]}))
        graphique = graphique + regle.mark_rule(color=ROUGE_MARIANNE, strokeDash=[6, 4]).encode(
            y="cible:Q", tooltip=[alt.Tooltip("texte:N", title="Cible")])
    return graphique.properties(height=260, description=description or texte_serie(serie, unite, cible))


def titre_axe(libelle: str, unite: str) -> str:
    """A short axis title: the label, cut at 40 characters, with its unit."""
    court = libelle if len(libelle) <= 40 else libelle[:39].rstrip() + "…"
    return f"{court} ({unite})" if unite and unite != "nombre" else court


def etiquettes_courtes(serie: pd.DataFrame) -> list[str]:
    """The period of each point as an axis writes it: ``2023``, ``T2 2023``, ``mai 2023``."""
    if "periode" in serie:
        return [fmt.periode_courte(str(code)) for code in serie["periode"]]
    return [f"{fmt.MOIS_COURTS[d.month - 1]} {d.year}" for d in pd.to_datetime(serie["date"])]


def tendance_annuelle(cadre: pd.DataFrame, description: str | None = None) -> alt.Chart:
    """Yearly rates of several indicators (columns annee, libelle, valeur, cible; ``copil.tendance``): one line per
    indicator, one tick per year, the targets as dashed ticks of the same colour."""
    donnees = cadre.assign(annee=cadre["annee"].astype(str))
    couleur = alt.Color("libelle:N", title=None, legend=alt.Legend(orient="bottom", columns=2, labelLimit=320))
    base = alt.Chart(donnees).encode(
        x=alt.X("annee:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("valeur:Q", title="Taux (%)", scale=alt.Scale(zero=False), axis=alt.Axis(format=",.0f")),
        color=couleur,
        tooltip=[alt.Tooltip("libelle:N", title="Indicateur"), alt.Tooltip("annee:O", title="Année"),
                 alt.Tooltip("valeur:Q", title="Valeur", format=",.1f"),
                 alt.Tooltip("cible:Q", title="Cible", format=",.1f")],
    )
    lignes = base.mark_line(point=True)
    cibles = base.transform_filter("isValid(datum.cible)").mark_tick(strokeDash=[4, 3], thickness=2).encode(
        y="cible:Q")
    return (lignes + cibles).properties(height=240, description=description or texte_tendance(cadre))


def texte_tendance(cadre: pd.DataFrame) -> str:
    """The text alternative of the trend: per indicator, its value each year and its target."""
    if cadre.empty:
        return "Aucune valeur annuelle à comparer."
    phrases = []
    for libelle, lignes in cadre.groupby("libelle", sort=False):
        valeurs = ", ".join(f"{fmt.valeur_unite(v, u)} en {a}" for a, v, u in
                            zip(lignes["annee"], lignes["valeur"], lignes["unite"], strict=True))
        cible = lignes["cible"].dropna()
        suffixe = f" (cible {fmt.valeur_unite(cible.iloc[-1], lignes['unite'].iloc[-1])})" if not cible.empty else ""
        phrases.append(f"{libelle} : {valeurs}{suffixe}")
    return "Tendance par année — " + " ; ".join(phrases) + "."


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
