"""Affichage trimestriel: what the referential requires to be displayed in the hall and on the website.

The Qual-e-pref referential (chapitre III) asks a site to display, in its premises and on its website:

- 3.2 — « Nous communiquons, par affichage et sur internet, les résultats des enquêtes de satisfaction ainsi que
  les actions d'amélioration mises en œuvre » (the survey results, and the plan d'actions);
- 10.6 — « Nous affichons dans nos locaux et sur le site internet le taux trimestriel d'appels aboutis. Ce délai
  est actualisé 4 fois par an. »;
- 14.6 — « Nous affichons dans nos locaux et sur le site internet les délais moyens trimestriels de traitement
  des titres. Ces délais sont actualisés 4 fois par an. »;
- 32.1 — « Nous affichons dans les locaux et sur le site Internet les délais moyens de traitement des titres. Ces
  délais sont actualisés au moins 4 fois par an. » (titres de séjour, module 3).

``AFFICHAGES`` picks the indicators by engagement (and, for engagement 10 which also holds satisfaction rates, by
the words of the indicator) from ``resultats.indicateurs``, for the quarter ``AAAA-Tn`` when the snapshot has it,
else the year. Two outputs: a one-page A4 PDF poster (fpdf2 with the DejaVu Unicode font: the built-in PDF fonts
cannot print œ, € or ’) and an HTML fragment for the website (semantic tables, every text escaped, no script).
Published results only: callers pass the facts of ``publication.resultats_publies`` (``commun.exiger_publication``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.fonts import FontFace

from qualepref import format as fmt
from qualepref.exports import commun

if TYPE_CHECKING:
    import pandas as pd

    from qualepref.resultats import Resultats
    from qualepref.store import Site

DOSSIER_POLICES = Path("/usr/share/fonts/truetype/dejavu")  # Debian's fonts-dejavu-core
POLICE = "DejaVu"
BLEU_FRANCE = (0, 0, 145)
GRIS = (85, 85, 85)
FOND_LIGNES = (238, 238, 250)
ECHELLES = (1.0, 0.94, 0.88, 0.82, 0.76, 0.7, 0.64, 0.58, 0.52)
HAUTEUR_UTILE = 285.0  # mm: A4 height less the bottom margin


@dataclass(frozen=True)
class Affichage:
    """One display the referential requires: its sub-engagement, its heading, and how its indicators are found."""

    sous_engagement: str
    titre: str
    engagement: str
    mots: str | None = None  # words the indicator's label must contain (accents and case ignored)


AFFICHAGES = (
    Affichage("10.6", "Taux d'appels aboutis", "10", "appels aboutis"),
    Affichage("14.6", "Délais moyens de traitement des titres", "14"),
    Affichage("32.1", "Délais moyens de traitement des titres de séjour", "32"),
)
SATISFACTION = "3.2"


@dataclass(frozen=True)
class Contenu:
    """What the poster and the web fragment show, already in French."""

    site: str
    periode: str
    publie_le: str
    blocs: list[tuple[Affichage, list[tuple[str, str]]]]  # (display, [(indicateur, valeur)])
    enquete: list[tuple[str, str, str, str]]  # (thème, taux N-1, taux N, évolution)
    annee: int
    plan: str | None


def indicateurs_affiches(r: Resultats, periode: str) -> list[tuple[Affichage, pd.DataFrame]]:
    """For each required display, the indicator rows shown (the quarter's value when present, else the year's)."""
    lignes = commun.lignes_de_periode(r, periode)
    choix = []
    for affichage in AFFICHAGES:
        if lignes.empty:
            choix.append((affichage, lignes))
            continue
        masque = lignes.apply(lambda ligne, a=affichage: a.engagement in commun.engagements_de(ligne), axis=1)
        if affichage.mots:
            mots = fmt.normaliser_recherche(affichage.mots)
            masque &= lignes["libelle"].map(lambda t, m=mots: m in fmt.normaliser_recherche(t))
        choix.append((affichage, lignes[masque.astype(bool)].reset_index(drop=True)))
    return choix


def contenu(r: Resultats, site: Site, publication: dict | None, periode: str | None = None) -> Contenu:
    """The French texts of the display for ``periode`` (default: the published period)."""
    faits = commun.exiger_publication(publication, r)
    periode = periode or commun.periode_publiee(r, faits)
    blocs = []
    for affichage, lignes in indicateurs_affiches(r, periode):
        valeurs = []
        for ligne in lignes.to_dict("records"):
            valeur = fmt.valeur_unite(ligne.get("valeur"), ligne.get("unite") or "")
            if str(ligne.get("periode")) != periode and not commun.manquant(ligne.get("valeur")):
                valeur += f" (en {fmt.periode(str(ligne['periode']))})"
            valeurs.append((str(ligne["libelle"]), valeur))
        blocs.append((affichage, valeurs))
    e = r.enquetes
    enquete = [] if e.empty or "theme" not in e else [
        (str(x["theme"]), fmt.pourcentage(x.get("taux_precedent")), fmt.pourcentage(x.get("taux")),
         fmt.points(x.get("progression_points"))) for x in e.to_dict("records")]
    actions = r.plan_global.get("actions") if r.plan_global else None
    plan = (f"Plan d'actions {r.annee} : {fmt.pourcentage(r.plan_global.get('taux'), 0)} réalisé "
            f"({fmt.nombre(actions)} actions)") if actions else None
    return Contenu(commun.nom_site(r, site), periode, commun.date_publication(faits), blocs, enquete, r.annee, plan)


# --- PDF poster ---------------------------------------------------------------------------------------------------

def _police(pdf: FPDF) -> None:
    normale, grasse = DOSSIER_POLICES / "DejaVuSans.ttf", DOSSIER_POLICES / "DejaVuSans-Bold.ttf"
    if not normale.exists():
        raise FileNotFoundError(f"Police DejaVu introuvable ({normale}) : installez le paquet Debian "
                                "fonts-dejavu-core.")
    pdf.add_font(POLICE, "", str(normale))
    pdf.add_font(POLICE, "B", str(grasse if grasse.exists() else normale))


def _affiche(c: Contenu, echelle: float) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_margins(15, 12, 15)
    _police(pdf)
    pdf.set_title(f"Nos résultats — {c.site} — {fmt.periode(c.periode)}")
    pdf.set_lang("fr-FR")
    pdf.set_creator("qualepref")
    pdf.add_page()
    largeur = pdf.w - pdf.l_margin - pdf.r_margin

    def taille(points: float) -> float:
        return points * echelle

    pdf.set_fill_color(*BLEU_FRANCE)
    pdf.rect(0, 0, pdf.w, 38 * echelle, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(POLICE, "B", taille(24))
    pdf.set_xy(15, 8 * echelle)
    pdf.cell(largeur, 11 * echelle, "Nos engagements, nos résultats", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(POLICE, "", taille(14))
    pdf.cell(largeur, 8 * echelle, f"{c.site} — {fmt.periode(c.periode)}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(44 * echelle)
    pdf.set_text_color(0, 0, 0)

    def section(titre: str, reference: str) -> None:
        pdf.ln(3 * echelle)
        pdf.set_font(POLICE, "B", taille(15))
        pdf.set_text_color(*BLEU_FRANCE)
        pdf.multi_cell(largeur, 7 * echelle, titre, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(POLICE, "", taille(9))
        pdf.set_text_color(*GRIS)
        pdf.multi_cell(largeur, 4.5 * echelle, reference, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        pdf.ln(1.5 * echelle)

    def table(entetes: tuple[str, ...], lignes: list[tuple[str, ...]], largeurs: tuple[int, ...]) -> None:
        pdf.set_font(POLICE, "", taille(11))
        entete = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=BLEU_FRANCE)
        alignements = ("LEFT",) + ("RIGHT",) * (len(entetes) - 1)
        pdf.set_fill_color(*FOND_LIGNES)
        with pdf.table(col_widths=largeurs, text_align=alignements, headings_style=entete,
                       line_height=6.5 * echelle, padding=1.5 * echelle, width=largeur, cell_fill_mode="ROWS",
                       cell_fill_color=FOND_LIGNES, borders_layout="HORIZONTAL_LINES") as tableau:
            for valeurs in [entetes, *lignes]:
                rang = tableau.row()
                for valeur in valeurs:
                    rang.cell(valeur)

    for affichage, valeurs in c.blocs:
        section(affichage.titre, f"Engagement {affichage.sous_engagement} du référentiel Qual-e-pref — "
                                 "actualisé chaque trimestre")
        if valeurs:
            table(("Indicateur", fmt.periode(c.periode)), valeurs, (7, 3))
        else:
            pdf.set_font(POLICE, "", taille(11))
            pdf.multi_cell(largeur, 6 * echelle, "Non disponible pour cette période.", new_x="LMARGIN",
                           new_y="NEXT")
    section("Satisfaction des usagers", f"Engagement {SATISFACTION} — enquête de satisfaction {c.annee} ; "
                                        "évolution en points depuis l'année précédente")
    if c.enquete:
        table(("Thème", f"Taux {c.annee - 1}", f"Taux {c.annee}", "Évolution"), c.enquete, (9, 3, 3, 4))
    else:
        pdf.set_font(POLICE, "", taille(11))
        pdf.multi_cell(largeur, 6 * echelle, "Pas d'enquête publiée pour cette année.", new_x="LMARGIN",
                       new_y="NEXT")
    if c.plan:
        section("Nos actions d'amélioration", f"Engagement {SATISFACTION} — actions mises en œuvre")
        pdf.set_font(POLICE, "", taille(12))
        pdf.multi_cell(largeur, 6 * echelle, c.plan, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4 * echelle)
    pdf.set_font(POLICE, "", taille(9))
    pdf.set_text_color(*GRIS)
    pdf.multi_cell(largeur, 4.5 * echelle,
                   f"Résultats publiés le {c.publie_le}. Ces chiffres sont mis à jour quatre fois par an. "
                   "Votre avis nous aide à progresser : donnez-le sur la plateforme Services Publics+ ou à l’accueil.",
                   new_x="LMARGIN", new_y="NEXT")
    return pdf


def construire_pdf(resultats: Resultats, site: Site, publication: dict | None = None,
                   periode: str | None = None) -> bytes:
    """The one-page A4 poster for the hall (PDF bytes), from PUBLISHED results (see the module docstring)."""
    c = contenu(resultats, site, publication, periode)
    estimee = _echelle_estimee(c)
    echelles = [e for e in ECHELLES if e <= estimee] or [ECHELLES[-1]]
    for echelle in echelles:  # shrink until it fits one page (the estimate usually hits it the first time)
        pdf = _affiche(c, echelle)
        if pdf.page_no() == 1:
            break
    return bytes(pdf.output())


def _echelle_estimee(c: Contenu) -> float:
    """A first guess of the text scale that fits one A4 page (each rendering parses the fonts: ~0.25 s)."""
    lignes = sum(max(len(valeurs), 1) + 1 + sum(len(libelle) > 60 for libelle, _ in valeurs)
                 for _, valeurs in c.blocs) + len(c.enquete) + 1
    hauteur = 44 + 16 * (len(c.blocs) + 1 + bool(c.plan)) + 9.5 * lignes + 25
    return min(1.0, HAUTEUR_UTILE / hauteur)


# --- HTML fragment ------------------------------------------------------------------------------------------------

def _e(texte: object) -> str:
    return html.escape(str(texte), quote=True)


def _table_html(legende: str, entetes: tuple[str, ...], lignes: list[tuple[str, ...]]) -> list[str]:
    morceaux = ["<table>", f"<caption>{_e(legende)}</caption>", "<thead><tr>"]
    morceaux += [f'<th scope="col">{_e(t)}</th>' for t in entetes]
    morceaux.append("</tr></thead><tbody>")
    for valeurs in lignes:
        morceaux.append("<tr>" + f'<th scope="row">{_e(valeurs[0])}</th>'
                        + "".join(f"<td>{_e(v)}</td>" for v in valeurs[1:]) + "</tr>")
    morceaux.append("</tbody></table>")
    return morceaux


def construire_html(resultats: Resultats, site: Site, publication: dict | None = None,
                    periode: str | None = None) -> bytes:
    """The same figures as an HTML fragment for the website (UTF-8 bytes): a ``<section>`` with headings and
    semantic tables, every text escaped, no script and no style."""
    c = contenu(resultats, site, publication, periode)
    morceaux = ['<section class="qualepref-affichage" lang="fr">',
                f"<h2>Nos engagements, nos résultats — {_e(c.site)}</h2>",
                f"<p>Résultats du {_e(fmt.periode(c.periode))}, publiés le {_e(c.publie_le)} ; mis à jour quatre "
                "fois par an.</p>"]
    for affichage, valeurs in c.blocs:
        morceaux.append(f"<h3>{_e(affichage.titre)} (engagement {_e(affichage.sous_engagement)})</h3>")
        if valeurs:
            morceaux += _table_html(f"{affichage.titre} — {fmt.periode(c.periode)}",
                                    ("Indicateur", fmt.periode(c.periode)), valeurs)
        else:
            morceaux.append("<p>Non disponible pour cette période.</p>")
    morceaux.append(f"<h3>Satisfaction des usagers (engagement {SATISFACTION})</h3>")
    if c.enquete:
        morceaux += _table_html(f"Enquête de satisfaction {c.annee} : taux de satisfaction et évolution en points",
                                ("Thème", f"Taux {c.annee - 1}", f"Taux {c.annee}", "Évolution"), c.enquete)
    else:
        morceaux.append("<p>Pas d'enquête publiée pour cette année.</p>")
    if c.plan:
        morceaux.append(f"<h3>Nos actions d'amélioration (engagement {SATISFACTION})</h3>")
        morceaux.append(f"<p>{_e(c.plan)}</p>")
    morceaux.append("</section>")
    return ("\n".join(morceaux) + "\n").encode("utf-8")
