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
else the year, and only those of the site's perimeter (32.1 needs module 3). A site on another referential
(Quali-ATE: other engagement numbers) gets each display's Qual-e-pref indicators, or those taking them over
(``reprend``, from the results' fiche of the version in place), among its modules, and each display cites the
engagement of that referential taking the Qual-e-pref one over (the fiche's ``engagements_repris``: « Engagement 2
du référentiel Quali-ATE »), else the referential's own name, never Qual-e-pref. A quarter's poster says its figures are
updated every quarter, a year's poster says they are the year's; a year's publication holds its quarters, so the
T1–T4 posters can be made from it (``periode``). A chart of the period's rates against their targets, with its text
alternative, sits on every output. Three outputs: a one-page A4 PDF poster (fpdf2 with the DejaVu Unicode font: the
built-in PDF fonts cannot print œ, € or ’), a standalone HTML page for the website (doctype, ``lang="fr"``, charset,
title, inline CSS for screen and print in the State's colours) and the HTML fragment to paste into a CMS (semantic
tables, inline SVG, every text escaped, no script, no style).
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
ROUGE_MARIANNE = (225, 0, 15)
TITRE_GRAPHIQUE = "Nos taux comparés à leur cible"
EXEMPLES_MAX = 4  # examples of actions on the one-page poster
TAUX_MAX = 8
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
REFERENTIEL_AFFICHAGES = "qualepref-2019"  # the referential whose text (chapitre III) the displays cite


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
    trimestriel: bool = True
    taux: tuple[tuple[str, float, float | None], ...] = ()  # (libellé, valeur, cible) of the period's rates
    exemples: tuple[str, ...] = ()  # « Axe 1 : action » examples of actions carried out (3.2: « actions … mises en
    # œuvre »), from the plan's realised actions
    # where each display's rule is written in the referential the site follows (``reference``), by sub-engagement
    references: tuple[tuple[str, str], ...] = ()
    reference_satisfaction: str = f"engagement {SATISFACTION}"

    def reference(self, affichage: Affichage) -> str:
        return dict(self.references).get(affichage.sous_engagement, f"engagement {affichage.sous_engagement}")

    @property
    def mention(self) -> str:
        """How often the figures change: a quarter's poster is updated every quarter, a year's is the year's."""
        return "actualisé chaque trimestre" if self.trimestriel else f"valeurs de l'année {self.annee}"

    @property
    def alternative(self) -> str:
        """The chart in words (its text alternative): each rate against its target."""
        morceaux = [f"{libelle} : {fmt.pourcentage(valeur)}"
                    + (f" pour une cible de {fmt.pourcentage(cible)}" if cible is not None else " (sans cible)")
                    for libelle, valeur, cible in self.taux]
        return (f"Taux du {fmt.periode(self.periode)} comparés à leur cible. " if self.trimestriel else
                f"Taux de l'année {self.annee} comparés à leur cible. ") + " ; ".join(morceaux) + "."


def reference(r: Resultats, sous_engagement: str) -> str:
    """Where a display's rule is written, in the referential the site follows: « engagement 10.6 du référentiel
    Qual-e-pref » on Qual-e-pref; elsewhere the engagement of the version in place that takes over (``reprend``)
    the Qual-e-pref one (« engagement 2 du référentiel Quali-ATE »), else that referential's own name: never a
    referential the site does not follow."""
    fiche = commun.fiche_referentiel(r)
    titre = str(fiche.get("titre") or "")
    if r.referentiel == REFERENTIEL_AFFICHAGES:
        return f"engagement {sous_engagement} du référentiel {titre or 'Qual-e-pref'}"
    numero = int(sous_engagement.split(".")[0])
    repris = fiche.get("engagements_repris") or {}
    if fiche.get("correspond_a") == REFERENTIEL_AFFICHAGES:
        siens = sorted((int(n) for n, anciens in repris.items() if numero in anciens))
        if siens:
            mot = "engagement" if len(siens) == 1 else "engagements"
            return f"{mot} {' et '.join(str(n) for n in siens)} du référentiel {titre}"
    return f"référentiel {titre}"


def _engagements_du_perimetre(r: Resultats, site: Site | None) -> set[str] | None:
    """The engagement numbers of the site's modules, as the results list them (``r.engagements``: computed on the
    referential version in place), or None when unknown (then every display is shown)."""
    if site is None or r.engagements.empty or not {"engagement", "module"} <= set(r.engagements):
        return None
    modules = {str(m) for m in commun.modules_retenus(r, site)}
    retenus = r.engagements[r.engagements["module"].astype(str).isin(modules)]
    return {str(n) for n in retenus["engagement"]}


def _codes_qualepref(affichage: Affichage) -> set[str]:
    """The Qual-e-pref indicators a display shows (its engagement's, narrowed by its words)."""
    from qualepref.referentiel import charger

    try:
        ref = charger(REFERENTIEL_AFFICHAGES)
    except (KeyError, ValueError, OSError):
        return set()
    mots = fmt.normaliser_recherche(affichage.mots) if affichage.mots else None
    return {i.code for i in ref.indicateurs_de_l_engagement(int(affichage.engagement))
            if mots is None or mots in fmt.normaliser_recherche(i.libelle)}


def _par_correspondance(r: Resultats, lignes: pd.DataFrame,
                        site: Site | None) -> list[tuple[Affichage, pd.DataFrame]]:
    """The displays of a site on another referential (Quali-ATE...): its engagement numbers are not Qual-e-pref's,
    so each display shows the indicators that are, or take over (``reprend``), the Qual-e-pref ones it names, among
    the site's modules; a display none of whose indicators the site has is left out."""
    reprises = commun.fiche_referentiel(r).get("reprend") or {}
    modules = {str(m) for m in commun.modules_retenus(r, site)} if site is not None else None
    choix = []
    for affichage in AFFICHAGES:
        codes = _codes_qualepref(affichage)
        if lignes.empty or not codes:
            continue
        masque = lignes["code"].isin(codes) | lignes["code"].map(reprises).isin(codes)
        if modules is not None and "module" in lignes:
            masque &= lignes["module"].astype(str).isin(modules)
        if masque.any():
            choix.append((affichage, lignes[masque.astype(bool)].reset_index(drop=True)))
    return choix


def indicateurs_affiches(r: Resultats, periode: str, site: Site | None = None) -> list[tuple[Affichage, pd.DataFrame]]:
    """For each required display of the site's perimeter (an engagement outside its modules is not displayed), the
    indicator rows shown (the quarter's value when present, else the year's)."""
    lignes = commun.lignes_de_periode(r, periode)
    if r.referentiel != REFERENTIEL_AFFICHAGES:
        return _par_correspondance(r, lignes, site)
    perimetre = _engagements_du_perimetre(r, site)
    choix = []
    for affichage in AFFICHAGES:
        if perimetre is not None and affichage.engagement not in perimetre:
            continue
        if lignes.empty:
            choix.append((affichage, lignes))
            continue
        masque = lignes.apply(lambda ligne, a=affichage: a.engagement in commun.engagements_de(ligne), axis=1)
        if affichage.mots:
            mots = fmt.normaliser_recherche(affichage.mots)
            masque &= lignes["libelle"].map(lambda t, m=mots: m in fmt.normaliser_recherche(t))
        choix.append((affichage, lignes[masque.astype(bool)].reset_index(drop=True)))
    return choix


def _taux_de_la_periode(r: Resultats, site: Site, periode: str) -> tuple[tuple[str, float, float | None], ...]:
    """The rates measured for ``periode`` itself in the site's modules (short label, value, target), at most
    ``TAUX_MAX`` of them, in the referential's order."""
    lignes = commun.lignes_de_periode(r, periode)
    if lignes.empty:
        return ()
    modules = {str(m) for m in commun.modules_retenus(r, site)}
    retenues = lignes[(lignes["periode"].astype(str) == periode) & (lignes["unite"] == "%")
                      & lignes["valeur"].notna() & lignes["module"].astype(str).isin(modules)]
    return tuple((commun.libelle_court(ligne, r), float(ligne["valeur"]),
                  commun.nombre_ou_none(ligne.get("cible"))) for ligne in retenues.head(TAUX_MAX).to_dict("records"))


def contenu(r: Resultats, site: Site, publication: dict | None, periode: str | None = None) -> Contenu:
    """The French texts of the display for ``periode`` (default: the published period)."""
    faits = commun.exiger_publication(publication, r)
    periode = periode or commun.periode_publiee(r, faits)
    blocs = []
    for affichage, lignes in indicateurs_affiches(r, periode, site):
        valeurs = []
        for ligne in lignes.to_dict("records"):
            valeur = fmt.valeur_unite(ligne.get("valeur"), ligne.get("unite") or "")
            if str(ligne.get("periode")) != periode and not commun.manquant(ligne.get("valeur")):
                valeur += f" (en {fmt.periode(str(ligne['periode']))})"
            valeurs.append((str(ligne["libelle"]), valeur))
        blocs.append((affichage, valeurs))
    taux = _taux_de_la_periode(r, site, periode)
    e = r.enquetes
    enquete = [] if e.empty or "theme" not in e else [
        (str(x["theme"]), fmt.pourcentage(x.get("taux_precedent")), fmt.pourcentage(x.get("taux")),
         fmt.points(x.get("progression_points"))) for x in e.to_dict("records")]
    actions = r.plan_global.get("actions") if r.plan_global else None
    plan = (f"Plan d'actions {r.annee} : {fmt.pourcentage(r.plan_global.get('taux'), 0)} réalisé "
            f"({fmt.nombre(actions)} actions)") if actions else None
    exemples = tuple(f"{axe.split(' : ')[0] if ' : ' in axe else axe} : {action}"
                     for axe, action in _chaque_axe_a_son_tour(commun.exemples_realises(r))[:EXEMPLES_MAX])
    references = tuple((a.sous_engagement, reference(r, a.sous_engagement)) for a in AFFICHAGES)
    return Contenu(commun.nom_site(r, site), periode, commun.date_publication(faits), blocs, enquete, r.annee, plan,
                   commun.granularite(periode) != "annee", tuple(taux), exemples, references,
                   reference(r, SATISFACTION))


def _chaque_axe_a_son_tour(exemples: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The examples taken one axe after the other (the first of each axe, then the second...), so that a short list
    shows every axe."""
    par_axe: dict[str, list[tuple[str, str]]] = {}
    for exemple in exemples:
        par_axe.setdefault(exemple[0], []).append(exemple)
    tours = max((len(v) for v in par_axe.values()), default=0)
    return [v[rang] for rang in range(tours) for v in par_axe.values() if rang < len(v)]


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
        section(affichage.titre, f"{_majuscule(c.reference(affichage))} — {c.mention}")
        if valeurs:
            table(("Indicateur", fmt.periode(c.periode)), valeurs, (7, 3))
        else:
            pdf.set_font(POLICE, "", taille(11))
            pdf.multi_cell(largeur, 6 * echelle, "Non disponible pour cette période.", new_x="LMARGIN",
                           new_y="NEXT")
    if c.taux:
        section(TITRE_GRAPHIQUE, "Chaque barre est le taux de la période ; le trait rouge marque la cible.")
        _barres(pdf, c, largeur, echelle)
    section("Satisfaction des usagers", f"{_majuscule(c.reference_satisfaction)} — enquête de satisfaction "
                                        f"{c.annee} ; évolution en points depuis l'année précédente")
    if c.enquete:
        table(("Thème", f"Taux {c.annee - 1}", f"Taux {c.annee}", "Évolution"), c.enquete, (9, 3, 3, 4))
    else:
        pdf.set_font(POLICE, "", taille(11))
        pdf.multi_cell(largeur, 6 * echelle, "Pas d'enquête publiée pour cette année.", new_x="LMARGIN",
                       new_y="NEXT")
    if c.plan:
        section("Nos actions d'amélioration", f"{_majuscule(c.reference_satisfaction)} — actions mises en œuvre")
        pdf.set_font(POLICE, "", taille(12))
        pdf.multi_cell(largeur, 6 * echelle, c.plan, new_x="LMARGIN", new_y="NEXT")
        if c.exemples:
            pdf.set_font(POLICE, "", taille(11))
            pdf.multi_cell(largeur, 5.5 * echelle, "Exemples de réalisations :", new_x="LMARGIN", new_y="NEXT")
            for exemple in c.exemples:
                pdf.multi_cell(largeur, 5.5 * echelle, f"• {exemple}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4 * echelle)
    pdf.set_font(POLICE, "", taille(9))
    pdf.set_text_color(*GRIS)
    pdf.multi_cell(largeur, 4.5 * echelle,
                   f"Résultats publiés le {c.publie_le}. "
                   + ("Ces chiffres sont mis à jour quatre fois par an. " if c.trimestriel else
                      f"Ces chiffres sont ceux de l'année {c.annee}. ") +
                   "Votre avis nous aide à progresser : donnez-le sur la plateforme Services Publics+ ou à l’accueil.",
                   new_x="LMARGIN", new_y="NEXT")
    return pdf


def _barres(pdf: FPDF, c: Contenu, largeur: float, echelle: float) -> None:
    """The period's rates as horizontal bars on a 0–100 % scale, each with its target (a red mark), then the same
    in words (the chart's text alternative, printed for whoever cannot read the chart)."""
    gauche = pdf.l_margin
    etiquette, valeur_texte = 0.42 * largeur, 0.14 * largeur
    echelle_barre = largeur - etiquette - valeur_texte
    hauteur = 6.5 * echelle
    for libelle, valeur, cible in c.taux:
        y = pdf.get_y()
        pdf.set_font(POLICE, "", 10 * echelle)
        pdf.set_text_color(0, 0, 0)
        pdf.set_xy(gauche, y)
        court = libelle
        while pdf.get_string_width(court) > etiquette - 4 and " " in court:  # whole words, then « … »
            court = court.rsplit(" ", 1)[0].rstrip(" ,;:") + "…" if not court.endswith("…") else \
                court[:-1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
        pdf.cell(etiquette - 2, hauteur, court)
        pdf.set_fill_color(*FOND_LIGNES)
        pdf.rect(gauche + etiquette, y + 1, echelle_barre, hauteur - 2, style="F")
        pdf.set_fill_color(*BLEU_FRANCE)
        pdf.rect(gauche + etiquette, y + 1, echelle_barre * max(0.0, min(valeur, 100.0)) / 100, hauteur - 2,
                 style="F")
        if cible is not None:
            x = gauche + etiquette + echelle_barre * max(0.0, min(cible, 100.0)) / 100
            pdf.set_draw_color(*ROUGE_MARIANNE)
            pdf.set_line_width(0.8)
            pdf.line(x, y, x, y + hauteur)
            pdf.set_line_width(0.2)
            pdf.set_draw_color(0, 0, 0)
        pdf.set_xy(gauche + etiquette + echelle_barre + 1, y)
        pdf.set_font(POLICE, "B", 10 * echelle)
        pdf.cell(valeur_texte - 1, hauteur, fmt.pourcentage(valeur), align="R")
        pdf.set_y(y + hauteur + 1)
    pdf.set_x(gauche)
    pdf.set_font(POLICE, "", 8.5 * echelle)
    pdf.set_text_color(*GRIS)
    pdf.multi_cell(largeur, 4 * echelle, c.alternative, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


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
    hauteur = 44 + 16 * (len(c.blocs) + 1 + bool(c.plan) + bool(c.taux)) + 9.5 * lignes + 25 + 8 * len(c.taux) \
        + 12 * bool(c.taux) + 6 * (len(c.exemples) + bool(c.exemples))
    return min(1.0, HAUTEUR_UTILE / hauteur)


# --- HTML fragment ------------------------------------------------------------------------------------------------

def _majuscule(texte: str) -> str:
    """A reference at the start of a line: « Engagement 2 du référentiel Quali-ATE »."""
    return texte[:1].upper() + texte[1:]


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


def _graphique_svg(c: Contenu) -> list[str]:
    """The period's rates against their targets as an inline SVG figure (no script, no style sheet): each rate a
    bar on a 0–100 % scale with its target as a red mark; ``role="img"`` with a title and a description, and the
    same sentence as the figure's caption (its text alternative)."""
    if not c.taux:
        return []
    largeur, gauche, barre, pas = 640, 0, 460, 46
    hauteur = pas * len(c.taux) + 10
    morceaux = ['<figure class="qualepref-graphique">',
                f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {largeur} {hauteur}" width="100%" '
                f'role="img" aria-labelledby="qp-titre qp-desc" font-family="Marianne, Arial, sans-serif">',
                f'<title id="qp-titre">{_e(TITRE_GRAPHIQUE)}</title>', f'<desc id="qp-desc">{_e(c.alternative)}</desc>']
    for rang, (libelle, valeur, cible) in enumerate(c.taux):
        y = rang * pas + 4
        part = max(0.0, min(valeur, 100.0)) / 100
        morceaux += [f'<text x="{gauche}" y="{y + 12}" font-size="13" fill="#161616">{_e(libelle)}</text>',
                     f'<rect x="{gauche}" y="{y + 18}" width="{barre}" height="16" fill="#EEEEFA"/>',
                     f'<rect x="{gauche}" y="{y + 18}" width="{barre * part:.1f}" height="16" fill="#000091"/>',
                     f'<text x="{gauche + barre + 8}" y="{y + 31}" font-size="13" font-weight="bold" '
                     f'fill="#000091">{_e(fmt.pourcentage(valeur))}</text>']
        if cible is not None:
            x = gauche + barre * max(0.0, min(cible, 100.0)) / 100
            morceaux.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y + 14}" y2="{y + 38}" stroke="#E1000F" '
                            'stroke-width="3"/>')
    morceaux += ["</svg>", f"<figcaption>{_e(c.alternative)}</figcaption>", "</figure>"]
    return morceaux


def _fragment(c: Contenu) -> list[str]:
    quand = (f"Résultats du {_e(fmt.periode(c.periode))}, publiés le {_e(c.publie_le)} ; mis à jour quatre fois par "
             "an.") if c.trimestriel else (f"Résultats de l'année {c.annee}, publiés le {_e(c.publie_le)}.")
    morceaux = ['<section class="qualepref-affichage" lang="fr">',
                f"<h2>Nos engagements, nos résultats — {_e(c.site)}</h2>", f"<p>{quand}</p>"]
    for affichage, valeurs in c.blocs:
        morceaux.append(f"<h3>{_e(affichage.titre)} ({_e(c.reference(affichage))})</h3>")
        if valeurs:
            morceaux += _table_html(f"{affichage.titre} — {fmt.periode(c.periode)}",
                                    ("Indicateur", fmt.periode(c.periode)), valeurs)
        else:
            morceaux.append("<p>Non disponible pour cette période.</p>")
    if c.taux:
        morceaux.append(f"<h3>{_e(TITRE_GRAPHIQUE)}</h3>")
        morceaux += _graphique_svg(c)
    morceaux.append(f"<h3>Satisfaction des usagers ({_e(c.reference_satisfaction)})</h3>")
    if c.enquete:
        morceaux += _table_html(f"Enquête de satisfaction {c.annee} : taux de satisfaction et évolution en points",
                                ("Thème", f"Taux {c.annee - 1}", f"Taux {c.annee}", "Évolution"), c.enquete)
    else:
        morceaux.append("<p>Pas d'enquête publiée pour cette année.</p>")
    if c.plan:
        morceaux.append(f"<h3>Nos actions d'amélioration ({_e(c.reference_satisfaction)})</h3>")
        morceaux.append(f"<p>{_e(c.plan)}</p>")
        if c.exemples:
            morceaux += ["<p>Exemples de réalisations :</p>", "<ul>",
                         *(f"<li>{_e(exemple)}</li>" for exemple in c.exemples), "</ul>"]
    morceaux.append("</section>")
    return morceaux


def construire_html(resultats: Resultats, site: Site, publication: dict | None = None,
                    periode: str | None = None) -> bytes:
    """The same figures as an HTML fragment to paste into a CMS (UTF-8 bytes): a ``<section>`` with headings,
    semantic tables and the rates' chart (inline SVG with its text alternative), every text escaped, no script and
    no style (the CMS styles it)."""
    c = contenu(resultats, site, publication, periode)
    return ("\n".join(_fragment(c)) + "\n").encode("utf-8")


STYLE_PAGE = """
:root { --bleu-france: #000091; --rouge-marianne: #E1000F; --gris: #3A3A3A; --fond: #EEEEFA; }
* { box-sizing: border-box; }
body { margin: 0; font-family: Marianne, Arial, "DejaVu Sans", sans-serif; color: #161616; line-height: 1.5;
       background: #fff; }
header { background: var(--bleu-france); color: #fff; padding: 1.5rem 2rem; border-bottom: 6px solid
         var(--rouge-marianne); }
header h1 { margin: 0; font-size: 2rem; }
header p { margin: .25rem 0 0; font-size: 1.15rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem 2rem 2rem; }
h2 { color: var(--bleu-france); font-size: 1.5rem; }
h3 { color: var(--bleu-france); font-size: 1.2rem; margin: 1.5rem 0 .5rem; }
table { width: 100%; border-collapse: collapse; margin: .5rem 0 1rem; }
caption { text-align: left; color: var(--gris); font-size: .9rem; padding-bottom: .25rem; }
th, td { padding: .4rem .6rem; border-bottom: 1px solid #ccc; text-align: right; }
thead th { background: var(--bleu-france); color: #fff; }
thead th:first-child { text-align: left; }
tbody th { text-align: left; font-weight: normal; }
tbody tr:nth-child(odd) { background: var(--fond); }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--gris); font-size: .9rem; }
footer { max-width: 60rem; margin: 0 auto; padding: 0 2rem 2rem; color: var(--gris); font-size: .9rem; }
@media print {
  @page { size: A4 portrait; margin: 12mm; }
  body { font-size: 10.5pt; }
  header { -webkit-print-color-adjust: exact; print-color-adjust: exact; padding: 6mm 8mm; }
  thead th, tbody tr:nth-child(odd), svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main, footer { max-width: none; padding: 0 2mm; }
  table, figure { page-break-inside: avoid; break-inside: avoid; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
}
"""


def construire_page(resultats: Resultats, site: Site, publication: dict | None = None,
                    periode: str | None = None) -> bytes:
    """A standalone HTML page the référent can put on the website as it is (UTF-8 bytes): doctype, ``lang="fr"``,
    charset, title, inline CSS for the screen and for printing in the State's colours, the fragment's content
    (headings, captioned tables, the rates' chart), no script."""
    c = contenu(resultats, site, publication, periode)
    titre = f"Nos engagements, nos résultats — {c.site} — {fmt.periode(c.periode)}"
    fragment = _fragment(c)
    pied = (f"Résultats publiés le {_e(c.publie_le)}. "
            + ("Ces chiffres sont mis à jour quatre fois par an. " if c.trimestriel else
               f"Ces chiffres sont ceux de l'année {c.annee}. ")
            + "Votre avis nous aide à progresser : donnez-le sur la plateforme Services Publics+ ou à l’accueil.")
    morceaux = ["<!DOCTYPE html>", '<html lang="fr">', "<head>", '<meta charset="utf-8">',
                '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{_e(titre)}</title>",
                f"<style>{STYLE_PAGE}</style>", "</head>", "<body>",
                f"<header><h1>{_e(c.site)}</h1><p>Résultats de la démarche qualité — {_e(fmt.periode(c.periode))}"
                "</p></header>", "<main>", *fragment, "</main>",
                f"<footer><p>{pied}</p></footer>", "</body>", "</html>"]
    return ("\n".join(morceaux) + "\n").encode("utf-8")
