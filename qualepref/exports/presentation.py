"""Présentation au comité local des usagers (.pptx): the deck the référente qualité shows once a year.

It follows the préfecture's own presentation to its comité (2024): 1. rappel des démarches qualité and who steers
them; 2. results per module (yearly indicators) and the satisfaction survey, N against N-1 with the progression in
points, as a table and a native clustered bar chart (editable in PowerPoint: its data is an embedded workbook);
3. Services Publics+ avis by tonalité, the plan d'actions and its completion by axe and thématique (saying which
mean is shown), the points d'accès numériques; 4. what comes next (Quali-ATE); 5. questions diverses.

Published results only: the comité sees what the référent froze, never live data. Callers pass the ``Resultats`` and
the facts of ``publication.resultats_publies(engine, site, periode)`` (``publie_le`` at least); without them the
builder refuses (``commun.PublicationManquante``). Every figure is written through ``qualepref.format``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from qualepref import format as fmt
from qualepref.exports import commun

if TYPE_CHECKING:
    from pptx.slide import Slide

    from qualepref.resultats import Resultats
    from qualepref.store import Site

BLEU_FRANCE = RGBColor(0x00, 0x00, 0x91)
ROUGE_MARIANNE = RGBColor(0xE1, 0x00, 0x0F)
GRIS = RGBColor(0x55, 0x55, 0x55)
BLANC = RGBColor(0xFF, 0xFF, 0xFF)
LARGEUR, HAUTEUR = Inches(13.333), Inches(7.5)
MARGE = Inches(0.5)
LIGNES_PAR_DIAPO = 8
FORMAT_TAUX_GRAPHIQUE = '0.0" %"'

HISTOIRE = [
    ("2006", "Qualipref", "exigences sur les conditions d'accueil du public"),
    ("2015", "Qualipref 2.0", "exigences relatives à l'utilisation des nouvelles technologies"),
    ("2019", "Qual-e-pref", "exigences relatives au développement du numérique"),
    ("2022", "Programme Services Publics+", "engagements de service communs à toute l'administration"),
    ("2024", "Quali-ATE", "mutualise le référentiel Qual-e-pref et les engagements de Services Publics+ pour "
     "l'administration territoriale de l'État"),
]
PILOTAGE = [
    ("La référente qualité", "Anime et coordonne la démarche avec les services, veille à sa mise en œuvre, à son "
     "suivi et à son évaluation."),
    ("Les services concernés", "Participent aux groupes de travail, mettent en œuvre les actions d'amélioration, "
     "répondent aux usagers."),
    ("Le comité de pilotage", "Sous la présidence du secrétaire général, valide les actions et les documents et "
     "assure le suivi de la mise en œuvre de la démarche."),
    ("Le comité local des usagers et de l'amélioration continue", "Sous la présidence du préfet, est tenu informé "
     "des actions et de leurs résultats ; il est consulté une fois par an sur les modalités d'accueil des usagers."),
]
QUALI_ATE = [
    ("Module socle n° 1 : qualité de service et relation aux usagers",
     "Accueil physique, accueil téléphonique, site internet et démarches en ligne, courrier et courriel, écoute "
     "des usagers."),
    ("Module socle n° 2 : pilotage des démarches qualité et de l'éco-responsabilité",
     "Responsabilité et animation de la démarche, gestion documentaire et suivi de l'activité, formation, comité "
     "des usagers et amélioration continue, éco-responsabilité."),
    ("Module métier n° 3 : délivrance de titres sécurisés",
     "Information sur les délais et mise à disposition des titres, délai de délivrance raisonnable, délivrance "
     "sécurisée grâce à la lutte contre la fraude."),
    ("Un module métier au choix",
     "Services des étrangers, relations avec les collectivités territoriales, politiques interministérielles, "
     "police administrative liée à la sécurité, communication d'urgence."),
]


# --- building blocks ----------------------------------------------------------------------------------------------

class Deck:
    """The presentation being built, with the footer every slide carries."""

    def __init__(self, pied: str) -> None:
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = LARGEUR, HAUTEUR
        self.pied = pied

    def diapo(self, titre: str, notes: str | None = None) -> Slide:
        """A "title only" slide with the title in Bleu France and the footer."""
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[5])
        forme = slide.shapes.title
        forme.left, forme.top, forme.width, forme.height = MARGE, Inches(0.3), LARGEUR - 2 * MARGE, Inches(1.0)
        forme.text = titre
        for paragraphe in forme.text_frame.paragraphs:
            paragraphe.alignment = PP_ALIGN.LEFT
            for morceau in paragraphe.runs:
                morceau.font.size, morceau.font.bold, morceau.font.color.rgb = Pt(28), True, BLEU_FRANCE
        texte(slide, [self.pied], MARGE, HAUTEUR - Inches(0.45), LARGEUR - 2 * MARGE, Inches(0.35), taille=10,
              couleur=GRIS)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
        return slide

    def octets(self) -> bytes:
        tampon = io.BytesIO()
        self.prs.save(tampon)
        return tampon.getvalue()


def texte(slide: Slide, lignes: Sequence[str | tuple[str, str]], gauche: Emu, haut: Emu, largeur: Emu, hauteur: Emu,
          taille: int = 18, couleur: RGBColor | None = None, gras: bool = False) -> None:
    """A text box; a ``(titre, suite)`` line prints its title in bold."""
    cadre = slide.shapes.add_textbox(gauche, haut, largeur, hauteur).text_frame
    cadre.word_wrap = True
    for rang, ligne in enumerate(lignes):
        paragraphe = cadre.paragraphs[0] if rang == 0 else cadre.add_paragraph()
        paragraphe.space_after = Pt(6)
        morceaux = [(ligne[0], True), (" : " + ligne[1], gras)] if isinstance(ligne, tuple) else [(ligne, gras)]
        for contenu, en_gras in morceaux:
            morceau = paragraphe.add_run()
            morceau.text = contenu
            morceau.font.size, morceau.font.bold = Pt(taille), en_gras
            if couleur is not None:
                morceau.font.color.rgb = couleur


def tableau(slide: Slide, entetes: Sequence[str], lignes: Sequence[Sequence[str]], gauche: Emu, haut: Emu,
            largeur: Emu, largeurs: Sequence[float] | None = None, taille: int = 14,
            lignes_en_gras: Sequence[int] = ()) -> None:
    """A native table: header in Bleu France, text cells (figures already in French)."""
    hauteur_ligne = Inches(0.42)
    forme = slide.shapes.add_table(len(lignes) + 1, len(entetes), gauche, haut, largeur,
                                   hauteur_ligne * (len(lignes) + 1))
    table = forme.table
    if largeurs:
        total = sum(largeurs)
        for rang, part in enumerate(largeurs):
            table.columns[rang].width = Emu(int(largeur * part / total))
    for rang_ligne, valeurs in enumerate([list(entetes), *map(list, lignes)]):
        for rang_colonne, valeur in enumerate(valeurs):
            cellule = table.cell(rang_ligne, rang_colonne)
            cellule.text = str(valeur)
            for paragraphe in cellule.text_frame.paragraphs:
                if rang_colonne > 0:
                    paragraphe.alignment = PP_ALIGN.CENTER
                for morceau in paragraphe.runs:
                    morceau.font.size = Pt(taille)
                    morceau.font.bold = rang_ligne == 0 or (rang_ligne - 1) in lignes_en_gras
                    if rang_ligne == 0:
                        morceau.font.color.rgb = BLANC
            if rang_ligne == 0:
                cellule.fill.solid()
                cellule.fill.fore_color.rgb = BLEU_FRANCE


def graphique(slide: Slide, categories: Sequence[str], series: dict[str, Sequence[float | None]], gauche: Emu,
              haut: Emu, largeur: Emu, hauteur: Emu, format_nombre: str, titre: str) -> None:
    """A native clustered bar chart (its figures live in an embedded workbook: editable in PowerPoint)."""
    donnees = CategoryChartData(number_format=format_nombre)
    donnees.categories = list(categories)
    for nom, valeurs in series.items():
        donnees.add_series(nom, [commun.nombre_ou_none(v) for v in valeurs])
    forme = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, gauche, haut, largeur, hauteur, donnees)
    chart = forme.chart
    chart.has_title = True
    chart.chart_title.text_frame.text = titre
    chart.chart_title.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
    chart.has_legend = len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    chart.category_axis.reverse_order = True  # the first category at the top, as in the table
    chart.category_axis.tick_labels.font.size = Pt(11)
    chart.value_axis.has_major_gridlines = False
    chart.value_axis.tick_labels.number_format = format_nombre
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.tick_labels.font.size = Pt(10)
    plot = chart.plots[0]
    plot.has_data_labels = True
    plot.data_labels.number_format = format_nombre
    plot.data_labels.number_format_is_linked = False
    plot.data_labels.font.size = Pt(10)
    couleurs = [RGBColor(0x9A, 0x9A, 0xD6), BLEU_FRANCE] if len(series) > 1 else [BLEU_FRANCE]
    for serie, couleur in zip(plot.series, couleurs, strict=False):
        serie.format.fill.solid()
        serie.format.fill.fore_color.rgb = couleur


def _paquets(lignes: list, taille: int) -> list[list]:
    return [lignes[i:i + taille] for i in range(0, len(lignes), taille)] or [[]]


# --- the slides ---------------------------------------------------------------------------------------------------

def _rappel(deck: Deck, r: Resultats, site: Site) -> None:
    slide = deck.diapo("1. Rappel des démarches qualité")
    texte(slide, [(f"{annee} — {nom}", quoi) for annee, nom, quoi in HISTOIRE], MARGE, Inches(1.4),
          Inches(7.6), Inches(5.2), taille=18)
    modules = commun.modules_retenus(r, site)
    texte(slide, ["Notre périmètre", f"Référentiel : {r.referentiel}",
                  f"{commun.type_site(site)} {'avec' if site.cert else 'sans'} CERT",
                  *[commun.titre_module(r, m) for m in modules]],
          Inches(8.6), Inches(1.4), Inches(4.2), Inches(5.2), taille=14, couleur=BLEU_FRANCE)
    slide = deck.diapo("1. Pilotage des démarches qualité")
    tableau(slide, ["Qui", "Son rôle"], PILOTAGE, MARGE, Inches(1.5), LARGEUR - 2 * MARGE, [1, 3], taille=16)
    texte(slide, ["Les outils : diagnostic, coordination, plan d'actions, enquête de satisfaction, avis des "
                  "usagers ; préalables au label : audit interne et audit externe."],
          MARGE, Inches(5.6), LARGEUR - 2 * MARGE, Inches(0.8), taille=14, couleur=GRIS)


def _modules(deck: Deck, r: Resultats, site: Site) -> None:
    annuels = commun.annuels(r)
    for numero in commun.modules_retenus(r, site):
        siens = annuels[annuels["module"].astype(str) == str(numero)] if "module" in annuels else annuels.iloc[0:0]
        lignes = [[i["libelle"], fmt.valeur_unite(i.get("valeur"), i.get("unite") or ""),
                   fmt.valeur_unite(i.get("valeur_precedente"), i.get("unite") or ""),
                   fmt.progression(i.get("progression_points"), i.get("unite") or ""),
                   fmt.valeur_unite(i.get("cible"), i.get("unite") or ""), commun.statut(i.get("statut"))]
                  for i in siens.to_dict("records")]
        paquets = _paquets(lignes, LIGNES_PAR_DIAPO)
        for rang, paquet in enumerate(paquets):
            suite = " (suite)" if rang else ""
            slide = deck.diapo(f"2. Résultats {r.annee} — {commun.titre_module(r, numero)}{suite}",
                               notes="Évolution en points pour les taux, en jours pour les délais.")
            if not paquet:
                texte(slide, ["Pas d'indicateur chiffré pour ce module : ses engagements se vérifient lors des "
                              "audits."], MARGE, Inches(1.6), LARGEUR - 2 * MARGE, Inches(1), taille=18)
                continue
            tableau(slide, ["Indicateur", str(r.annee), str(r.annee - 1), "Évolution", "Cible", "Statut"], paquet,
                    MARGE, Inches(1.4), LARGEUR - 2 * MARGE, [5, 1.4, 1.4, 1.4, 1.4, 1.4], taille=13)


def _enquete(deck: Deck, r: Resultats) -> None:
    e = r.enquetes
    slide = deck.diapo(f"2. Résultats de l'enquête de satisfaction {r.annee}",
                       notes="Taux de satisfaction = (très satisfaits + satisfaits) / réponses exprimées (hors "
                             "« sans avis ») ; progression en points.")
    if e.empty or "theme" not in e:
        texte(slide, [f"Pas d'enquête de satisfaction publiée pour {r.annee}."], MARGE, Inches(1.6),
              LARGEUR - 2 * MARGE, Inches(1))
        return
    lignes = [[x["theme"], fmt.pourcentage(x.get("taux_precedent")), fmt.pourcentage(x.get("taux")),
               fmt.points(x.get("progression_points"))] for x in e.to_dict("records")]
    tableau(slide, ["Thématiques", f"Taux de satisfaction {r.annee - 1}", f"Taux de satisfaction {r.annee}",
                    "Progression"], lignes, MARGE, Inches(1.4), Inches(6.6), [2.4, 1.3, 1.3, 1.4], taille=13)
    graphique(slide, list(e["theme"]), {str(r.annee - 1): list(commun.colonne(e, "taux_precedent")),
                                        str(r.annee): list(e["taux"])},
              Inches(7.3), Inches(1.3), Inches(5.6), Inches(5.5), FORMAT_TAUX_GRAPHIQUE,
              f"Taux de satisfaction {r.annee - 1} et {r.annee}")


def _avis(deck: Deck, r: Resultats) -> None:
    comptes = {libelle: int(r.avis.get(code) or 0) for code, libelle in commun.TONALITES.items()}
    total = r.avis.get("total")
    total = sum(comptes.values()) if commun.manquant(total) else int(total)
    slide = deck.diapo("3. Je donne mon avis sur Services Publics+")
    texte(slide, [f"{fmt.nombre(total)} avis déposé{'s' if total > 1 else ''} sur la plateforme en {r.annee}"],
          MARGE, Inches(1.3), LARGEUR - 2 * MARGE, Inches(0.6), taille=20, couleur=BLEU_FRANCE, gras=True)
    tableau(slide, ["Tonalité", "Avis"], [[t, fmt.nombre(n)] for t, n in comptes.items()], MARGE, Inches(2.2),
            Inches(4.5), [2, 1], taille=16)
    graphique(slide, list(comptes), {"Avis": list(comptes.values())}, Inches(5.6), Inches(2.0), Inches(7.2),
              Inches(4.6), "0", "Avis par tonalité")


def _plan(deck: Deck, r: Resultats) -> None:
    completion, moyenne = commun.methodes_plan()
    slide = deck.diapo("3. Réalisation du plan d'actions", notes=f"{completion} {moyenne}")
    lignes, en_gras = [], []
    themes = r.plan_thematiques
    for axe in r.plan_axes.to_dict("records"):
        en_gras.append(len(lignes))
        lignes.append([axe["axe"], ""])
        siens = themes[themes["axe"] == axe["axe"]] if "axe" in themes else themes.iloc[0:0]
        lignes += [[f"   {t['thematique']}", fmt.pourcentage(t.get("taux"), 0)] for t in siens.to_dict("records")]
        en_gras.append(len(lignes))
        lignes.append(["   Moyenne de l'axe", fmt.pourcentage(axe.get("taux"), 0)])
    en_gras.append(len(lignes))
    lignes.append([f"Ensemble du plan ({fmt.nombre(r.plan_global.get('actions'))} actions)",
                   fmt.pourcentage(r.plan_global.get("taux"), 0)])
    taille = 12 if len(lignes) <= 12 else 10
    tableau(slide, ["Axe et thématique", "Taux de réalisation"], lignes, MARGE, Inches(1.3), Inches(7.4), [4, 1.3],
            taille=taille, lignes_en_gras=en_gras)
    if not r.plan_axes.empty:
        graphique(slide, list(r.plan_axes["axe"]), {"Taux de réalisation": list(r.plan_axes["taux"])},
                  Inches(8.1), Inches(1.3), Inches(4.8), Inches(3.6), FORMAT_TAUX_GRAPHIQUE, "Réalisation par axe")
    texte(slide, [f"Moyenne montrée : {moyenne}"], Inches(8.1), Inches(5.0), Inches(4.8), Inches(1.8), taille=11,
          couleur=GRIS)


def _pan(deck: Deck, r: Resultats) -> None:
    par_point = r.pan.get("par_point") or {}
    slide = deck.diapo("3. Les points d'accès numériques")
    texte(slide, [f"{fmt.nombre(r.pan.get('total'))} fréquentations en {r.annee}"], MARGE, Inches(1.3),
          LARGEUR - 2 * MARGE, Inches(0.6), taille=20, couleur=BLEU_FRANCE, gras=True)
    tableau(slide, ["Point d'accès", "Usagers"], [[p, fmt.nombre(n)] for p, n in par_point.items()], MARGE,
            Inches(2.1), Inches(5.6), [3, 1], taille=14)
    if par_point:
        graphique(slide, list(par_point), {"Usagers": list(par_point.values())}, Inches(6.5), Inches(2.0),
                  Inches(6.3), Inches(4.7), "#,##0", "Fréquentation par point d'accès")
    par_demarche = r.pan.get("par_demarche") or {}
    if par_demarche:
        slide = deck.diapo(f"3. Les points d'accès numériques : démarches en {r.annee}")
        tableau(slide, ["Démarche", "Usagers"], [[d, fmt.nombre(n)] for d, n in par_demarche.items()], MARGE,
                Inches(1.4), Inches(5.6), [3, 1], taille=14)
        graphique(slide, list(par_demarche), {"Usagers": list(par_demarche.values())}, Inches(6.5), Inches(1.3),
                  Inches(6.3), Inches(5.4), "#,##0", "Fréquentation par démarche")


def _suite(deck: Deck) -> None:
    slide = deck.diapo("4. Et après : le label Quali-ATE")
    texte(slide, ["Quatre modules obligatoires :"], MARGE, Inches(1.3), LARGEUR - 2 * MARGE, Inches(0.5),
          taille=20, couleur=BLEU_FRANCE, gras=True)
    texte(slide, QUALI_ATE, MARGE, Inches(2.0), LARGEUR - 2 * MARGE, Inches(4.8), taille=16)
    slide = deck.diapo("5. Questions diverses")
    texte(slide, ["Vos questions, vos remarques, vos propositions d'amélioration."], MARGE, Inches(2.5),
          LARGEUR - 2 * MARGE, Inches(1), taille=24, couleur=BLEU_FRANCE)


def construire(resultats: Resultats, site: Site, publication: dict | None = None) -> bytes:
    """The comité des usagers deck as .pptx bytes, from PUBLISHED results.

    ``resultats``, ``publication``: what ``publication.resultats_publies(engine, site, periode)`` returns (the
    snapshot and its facts: ``publie_le``, ``note``, ``versions``). Raises ``commun.PublicationManquante`` without
    publication facts.
    """
    r = resultats
    faits = commun.exiger_publication(publication, r)
    nom = commun.nom_site(r, site)
    mise_a_jour = f" (mise à jour : {faits['note']})" if faits.get("note") and faits.get("versions", 1) > 1 else ""
    deck = Deck(f"{nom} — comité local des usagers — résultats publiés le {commun.date_publication(faits)}"
                f"{mise_a_jour}")
    titre = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    titre.shapes.title.text = "Comité local des usagers et de l'amélioration continue"
    titre.placeholders[1].text = (f"{nom}\nRésultats {fmt.periode(commun.periode_publiee(r, faits))} de la démarche "
                                  f"qualité, publiés le {commun.date_publication(faits)}")
    for forme in (titre.shapes.title, titre.placeholders[1]):
        forme.width = LARGEUR - 2 * MARGE
        forme.left = MARGE
    for morceau in titre.shapes.title.text_frame.paragraphs[0].runs:
        morceau.font.color.rgb, morceau.font.bold = BLEU_FRANCE, True
    _rappel(deck, r, site)
    _modules(deck, r, site)
    _enquete(deck, r)
    _avis(deck, r)
    _plan(deck, r)
    _pan(deck, r)
    _suite(deck)
    deck.prs.core_properties.title = f"Comité local des usagers — {nom} — {r.annee}"
    deck.prs.core_properties.language = "fr-FR"
    deck.prs.core_properties.author = "qualepref"
    return deck.octets()
