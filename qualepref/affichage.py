"""The COPIL screen's pieces as HTML: module tiles with their coloured status bar, the key figures' table.

Streamlit draws the rest; these two need what its widgets lack (a bar in several colours, a table whose labels
wrap and whose changes are coloured by whether they are good). Every text is escaped here (a label may come from
a file or a person), colour is never the only carrier (the words are always there) and the markup is a real
table with headers (screen readers read it as such). Sizes are in ``rem`` so the meeting mode can enlarge them.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from qualepref.copil import MOTS_STATUT, ChiffreCle, Tuile

# The colours of statuses: DSFR greens, oranges and reds, each with at least 4.5:1 contrast on white for text.
COULEURS_STATUT = {"atteint": "#18753C", "proche": "#B34000", "non_atteint": "#CE0500", "non_mesure": "#666666",
                   "sans_cible": "#3A3A3A"}
MOTIFS_STATUT = {"atteint": "", "proche": "", "non_atteint": "", "non_mesure": "opacity:.45;",
                 "sans_cible": "opacity:.2;"}
VERT, ROUGE, GRIS = "#18753C", "#CE0500", "#3A3A3A"

STYLE = """<style>
.qp-tuiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(13rem,1fr));gap:.5rem;margin:0}
.qp-tuile{border:1px solid #DDDDDD;border-radius:.5rem;padding:.4rem .6rem;margin:0}
.qp-tuile h2,.qp-tuile h3{font-size:1rem;line-height:1.25;margin:0 0 .3rem 0;padding:0;font-weight:600}
.qp-barre{display:flex;height:.6rem;border-radius:.3rem;overflow:hidden;background:#EEEEEE;margin:0 0 .3rem 0}
.qp-barre span{display:block;height:100%}
.qp-mots{font-size:.85rem;line-height:1.3;margin:0;color:#3A3A3A}
.qp-mots span{white-space:nowrap}
.qp-pastille{display:inline-block;width:.65rem;height:.65rem;border-radius:.15rem;margin-right:.2rem;
vertical-align:baseline}
.qp-chiffres{border-collapse:collapse;width:100%;font-size:.9rem;line-height:1.3}
.qp-chiffres caption{text-align:left;font-size:.85rem;color:#3A3A3A;padding:0 0 .2rem 0}
.qp-chiffres th,.qp-chiffres td{padding:.25rem .4rem;border-bottom:1px solid #E5E5E5;vertical-align:top}
.qp-chiffres thead th{text-align:left;font-weight:600}
.qp-chiffres tbody th{text-align:left;font-weight:400}
.qp-chiffres td{white-space:normal;text-align:right}
.qp-chiffres abbr{text-decoration:none}
.qp-simple td{white-space:normal;text-align:left}
.qp-simple thead th{white-space:normal}
.qp-defile{max-height:19rem;overflow-y:auto}
@media (max-width:40rem){
.qp-empilable thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.qp-empilable tr{display:block;border-bottom:1px solid #CCCCCC;padding:.3rem 0}
.qp-empilable td{display:block;border:0;padding:.1rem 0;overflow-wrap:anywhere}
.qp-empilable td::before{content:attr(data-entete) " : ";font-weight:600}
}
.qp-points{margin:0;padding-left:1.2rem;line-height:1.35}
.qp-points li{margin:0 0 .35rem 0}
</style>"""


# The published page, on a screen or a phone: the figures' labels and values wrap rather than end in « … ».
STYLE_PUBLIC = """<style>
[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],[data-testid="stMetricLabel"] p,
[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"],[data-testid="stMetricValue"] p
{white-space:normal;overflow:visible;text-overflow:clip;overflow-wrap:anywhere}
[data-testid="stMetricLabel"]{height:auto;min-height:1.5rem;align-items:flex-start}
[data-testid="stMetricValue"]{font-size:clamp(1.5rem,6vw,2.25rem);line-height:1.2}
</style>"""

# The dashboard on a projector: headings sized for one screen, page links (points d'attention) that wrap.
STYLE_ECRAN = """<style>
[data-testid="stMainBlockContainer"]{padding-top:2rem}
[data-testid="stMainBlockContainer"] h1{font-size:2rem;padding:0}
[data-testid="stMainBlockContainer"] h2{font-size:1.3rem;padding:.4rem 0 .2rem 0}
[data-testid="stPageLink"] p, [data-testid="stPageLink-NavLink"] span{white-space:normal;overflow:visible}
[data-testid="stPageLink-NavLink"]{height:auto;padding-top:.15rem;padding-bottom:.15rem}
</style>"""


def _segments(tuile: Tuile) -> str:
    """The coloured bar: one segment per status, its width its share of the engagements."""
    return "".join(
        f'<span style="flex:{n};background:{COULEURS_STATUT[s]};{MOTIFS_STATUT[s]}"></span>'
        for s, n in tuile.comptes if n)


def _mots(tuile: Tuile) -> str:
    """The counts in words, each after a small square of its colour."""
    morceaux = [f'<span><span class="qp-pastille" style="background:{COULEURS_STATUT[s]};{MOTIFS_STATUT[s]}">'
                f'</span>{n} {escape(MOTS_STATUT[s])}</span>' for s, n in tuile.comptes if n]
    return " · ".join(morceaux) or "aucun engagement"


def tuiles(liste: Sequence[Tuile], niveau_titre: int = 3) -> str:
    """The module tiles as one grid; each tile's heading gives the short label, its ``title`` the full one."""
    blocs = []
    for t in liste:
        blocs.append(
            f'<section class="qp-tuile" aria-label="Module {t.module}">'
            f'<h{niveau_titre} title="{escape(t.titre)}">Module {t.module} · {escape(t.libelle)}</h{niveau_titre}>'
            f'<div class="qp-barre" role="img" aria-label="{escape(t.texte())}">{_segments(t)}</div>'
            f'<p class="qp-mots">{_mots(t)}</p></section>')
    return f'{STYLE}<div class="qp-tuiles">{"".join(blocs)}</div>'


def _evolution(c: ChiffreCle) -> str:
    """The change, green when it is an improvement, red when a setback, with the word (colour is not alone)."""
    if c.favorable is None:
        return escape(c.evolution)
    couleur, mot = (VERT, "progrès") if c.favorable else (ROUGE, "recul")
    return f'<span style="color:{couleur};font-weight:600">{escape(c.evolution)} · {mot}</span>'


def tableau_chiffres(chiffres: Sequence[ChiffreCle], annee: int, legende: str | None = None) -> str:
    """The key figures as a table: indicator (short label, full libellé in ``title``), value, target, previous
    year, change."""
    entetes = ["Indicateur", str(annee), "Cible", str(annee - 1), "Évolution"]
    tete = "".join(f'<th scope="col">{escape(e)}</th>' for e in entetes)
    lignes = "".join(
        f'<tr><th scope="row"><abbr title="{escape(c.aide)}">{escape(c.libelle)}</abbr></th>'
        f"<td><strong>{escape(c.valeur)}</strong></td><td>{escape(c.cible)}</td><td>{escape(c.precedente)}</td>"
        f"<td>{_evolution(c)}</td></tr>" for c in chiffres)
    titre = f"<caption>{escape(legende)}</caption>" if legende else ""
    return f'{STYLE}<table class="qp-chiffres">{titre}<thead><tr>{tete}</tr></thead><tbody>{lignes}</tbody></table>'


def _cellule(valeur: object) -> str:
    """A cell's text, escaped; a missing value is an empty cell (never « None » or « nan »)."""
    return "" if valeur is None or valeur != valeur else escape(str(valeur))  # noqa: PLR0124 - NaN test


def tableau_simple(cadre, legende: str | None = None, defilant: bool = False) -> str:  # noqa: ANN001 - a DataFrame
    """A frame of French text as a plain HTML table (headers from its columns, every cell escaped, empty cells
    empty): its labels wrap, so its figures are never cut nor scrolled off at 1280 px, and it enlarges with the
    meeting mode's large type (an interactive grid draws on a canvas and would do neither). On a narrow screen (a
    phone, under 40 rem) each row stacks its cells, each after its header's words; ``role`` attributes keep it a
    table for screen readers whatever its display. ``defilant``: a long table scrolls within 19 rem."""
    entetes = [str(c) for c in cadre.columns]
    tete = "".join(f'<th scope="col" role="columnheader">{escape(e)}</th>' for e in entetes)
    lignes = "".join(
        '<tr role="row">' + "".join(f'<td role="cell" data-entete="{escape(e)}">{_cellule(v)}</td>'
                                    for e, v in zip(entetes, ligne, strict=True)) + "</tr>"
        for ligne in cadre.itertuples(index=False))
    titre = f"<caption>{escape(legende)}</caption>" if legende else ""
    table = (f'<table class="qp-chiffres qp-simple qp-empilable" role="table">{titre}<thead role="rowgroup">'
             f'<tr role="row">{tete}</tr></thead><tbody role="rowgroup">{lignes}</tbody></table>')
    return STYLE + (f'<div class="qp-defile" tabindex="0" role="region" aria-label="{escape(legende or entetes[0])}">'
                    f"{table}</div>" if defilant else table)


def liste_points(points) -> str:  # noqa: ANN001 - a sequence of copil.PointAttention
    """The points d'attention as a list, each sentence escaped, its full text in ``title``."""
    items = "".join(f'<li title="{escape(p.aide)}">{escape(p.texte)}</li>' for p in points)
    return f'<ul class="qp-points">{items}</ul>' if items else "<p>Rien à signaler.</p>"
