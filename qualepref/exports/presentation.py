"""Présentation au comité local des usagers (.pptx): the deck the référent shows once a year (or for a quarter).

It follows the préfecture's own presentation to its comité (2024): 1. rappel des démarches qualité (the labels'
history, the site's label dates) and who steers them; 2. the year's volumes, results per module (the published
period's indicator values, N against N-1), the satisfaction survey with its points positifs and points à améliorer;
3. the Services Publics+ programme and its avis (by tonalité, their running total since the start, their subjects),
the plan d'actions (completion by axe and thématique, saying which mean is shown; examples of actions carried out),
the points d'accès numériques (attendance by point, and by démarche in %); 4. what comes next (Quali-ATE, its modules
read from the referential data); 5. questions diverses; contacts.

What the app computes comes from the ``Resultats``; what only the référent knows (her title, label dates, volumes the
app does not import, points forts, examples, contacts) comes from the « Textes du comité » kept with the publication
(``faits["textes"]``, see ``qualepref.textes_comite``): a slide whose texts are empty is left out rather than shown
empty. Layout (measured tables, 16:9, ``fr-FR`` runs, chart axes): ``qualepref.exports.diaporama``.

Published results only: the comité sees what the référent froze, never live data. Callers pass the ``Resultats`` and
the facts of ``publication.resultats_publies(engine, site, periode)`` (``publie_le`` at least); without them the
builder refuses (``commun.PublicationManquante``). Every figure is written through ``qualepref.format``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from qualepref import format as fmt
from qualepref.exports import commun
from qualepref.exports.diaporama import (
    BAS_CONTENU,
    BLEU_FRANCE,
    GRIS,
    HAUT_CONTENU,
    LARGEUR,
    MARGE,
    Deck,
    graphique,
    hauteur_texte,
    mise_en_page,
    paginer,
    pt,
    tableau,
    taille_qui_tient,
    texte,
)
from qualepref.textes_comite import TextesComite

if TYPE_CHECKING:
    from qualepref.resultats import Resultats
    from qualepref.store import Site

LARGEUR_UTILE = LARGEUR - 2 * MARGE
DEBUT_PROGRAMME_SP = 2021  # Services Publics+ started in January 2021 (circulaire du Premier ministre)
REFERENTIEL_SUIVANT = "quali-ate"

HISTOIRE = [
    ("2006", "Qualipref", "exigences sur les conditions d'accueil du public"),
    ("2015", "Qualipref 2.0", "exigences relatives à l'utilisation des nouvelles technologies"),
    ("2019", "Qual-e-pref", "exigences relatives au développement du numérique"),
    (str(DEBUT_PROGRAMME_SP), "Programme Services Publics+", "engagements de service communs à toute "
     "l'administration"),
    ("2024", "Quali-ATE", "mutualise le référentiel Qual-e-pref et les engagements de Services Publics+ pour "
     "l'administration territoriale de l'État"),
]
REFERENT_PAR_DEFAUT = "Le référent qualité"
PILOTAGE = [
    (None, "Anime et coordonne la démarche avec les services, veille à sa mise en œuvre, à son suivi et à son "
     "évaluation."),
    ("Les services concernés", "Participent aux groupes de travail, mettent en œuvre les actions d'amélioration, "
     "répondent aux usagers."),
    ("Le comité de pilotage", "Valide les actions et les documents et assure le suivi de la mise en œuvre de la "
     "démarche."),
    ("Le comité local des usagers et de l'amélioration continue", "Est tenu informé des actions et de leurs "
     "résultats ; il est consulté une fois par an sur les modalités d'accueil des usagers."),
]


class Contexte:
    """What every slide needs: the results, the site, the published period and the référent's texts."""

    def __init__(self, r: Resultats, site: Site, faits: dict) -> None:
        self.r, self.site, self.faits = r, site, faits
        self.periode = commun.periode_publiee(r, faits)
        self.trimestriel = commun.granularite(self.periode) != "annee"
        self.textes = TextesComite.depuis(faits.get("textes"))

    @property
    def libelle_periode(self) -> str:
        return fmt.periode(self.periode)

    @property
    def periode_precedente(self) -> str:
        if self.trimestriel:
            return fmt.periode(f"{int(self.periode[:4]) - 1}{self.periode[4:]}")
        return str(self.r.annee - 1)


# --- helpers ------------------------------------------------------------------------------------------------------

def _table_paginee(deck: Deck, titre: str, entetes: Sequence[str], lignes: Sequence[Sequence[str]],
                   parts: Sequence[float], largeur: Emu = LARGEUR_UTILE, notes: str | None = None,
                   lignes_en_gras: Sequence[int] = (), tailles: Sequence[int] = (14, 13, 12, 11)) -> None:
    """A table over as many slides as its measured rows need (« (suite) » on the next ones), footer kept clear."""
    mise = mise_en_page(entetes, lignes, largeur, parts, tailles)
    paquets = paginer(mise, pt(BAS_CONTENU - HAUT_CONTENU))
    for rang, paquet in enumerate(paquets):
        slide = deck.diapo(titre + (" (suite)" if rang else ""), notes=notes)
        tableau(slide, entetes, lignes, MARGE, HAUT_CONTENU, mise, paquet, lignes_en_gras)


def _liste(deck: Deck, titre: str, lignes: Sequence[str | tuple[str, str]], puces: bool = True,
           notes: str | None = None) -> None:
    """Text lines over as many slides as they need, at the largest size that fits (24 down to 14 pt)."""
    hauteur = BAS_CONTENU - HAUT_CONTENU
    taille = taille_qui_tient(lignes, LARGEUR_UTILE, hauteur, (24, 22, 20, 18, 16, 14), puces)
    paquets: list[list] = [[]]
    for ligne in lignes:
        if paquets[-1] and hauteur_texte([*paquets[-1], ligne], LARGEUR_UTILE, taille, puces) > pt(hauteur):
            paquets.append([])
        paquets[-1].append(ligne)
    for rang, paquet in enumerate(paquets):
        slide = deck.diapo(titre + (" (suite)" if rang else ""), notes=notes)
        texte(slide, paquet, MARGE, HAUT_CONTENU, LARGEUR_UTILE, hauteur, taille=taille, puces=puces)


def _paires(lignes: Sequence[tuple[str, str]]) -> list[str | tuple[str, str]]:
    return [(libelle, valeur) if libelle else valeur for libelle, valeur in lignes]


# --- the slides ---------------------------------------------------------------------------------------------------

def _titre(deck: Deck, c: Contexte) -> None:
    slide = deck.prs.slides.add_slide(deck.prs.slide_layouts[0])
    nom = commun.nom_site(c.r, c.site)
    titre, sous_titre = slide.shapes.title, slide.placeholders[1]
    titre.left, titre.top, titre.width, titre.height = MARGE, Inches(1.6), LARGEUR_UTILE, Inches(1.9)
    sous_titre.left, sous_titre.top, sous_titre.width, sous_titre.height = (MARGE, Inches(3.8), LARGEUR_UTILE,
                                                                            Inches(2.4))
    titre.text = "Comité local des usagers et de l'amélioration continue"
    titre.text_frame.word_wrap = True
    titre.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM
    for morceau in titre.text_frame.paragraphs[0].runs:
        morceau.font.color.rgb, morceau.font.bold, morceau.font.size = BLEU_FRANCE, True, Pt(36)
    cadre = sous_titre.text_frame
    cadre.word_wrap = True
    cadre.vertical_anchor = MSO_ANCHOR.TOP
    lignes = [(nom, 28, True), (f"Résultats {c.libelle_periode} de la démarche qualité", 22, False),
              (f"publiés le {commun.date_publication(c.faits)}", 18, False)]
    for rang, (contenu, taille, gras) in enumerate(lignes):
        paragraphe = cadre.paragraphs[0] if rang == 0 else cadre.add_paragraph()
        paragraphe.alignment = PP_ALIGN.CENTER
        morceau = paragraphe.add_run()
        morceau.text = contenu
        morceau.font.size, morceau.font.bold = Pt(taille), gras
        morceau.font.color.rgb = BLEU_FRANCE if gras else GRIS


def _rappel(deck: Deck, c: Contexte) -> None:
    r, site = c.r, c.site
    slide = deck.diapo("1. Rappel des démarches qualité")
    texte(slide, [(f"{annee} — {nom}", quoi) for annee, nom, quoi in HISTOIRE], MARGE, HAUT_CONTENU,
          Inches(7.6), BAS_CONTENU - HAUT_CONTENU, taille=17)
    perimetre = ["Notre périmètre", f"Référentiel : {commun.nom_referentiel(r)}",
                 f"{commun.type_site(site)} {'avec' if site.cert else 'sans'} CERT",
                 *[commun.titre_module(r, m) for m in commun.modules_retenus(r, site)], *c.textes.lignes("dates_label")]
    gauche, largeur = Inches(8.6), Inches(4.23)
    taille = taille_qui_tient(perimetre, largeur, BAS_CONTENU - HAUT_CONTENU, (14, 13, 12, 11, 10))
    texte(slide, perimetre, gauche, HAUT_CONTENU, largeur, BAS_CONTENU - HAUT_CONTENU, taille=taille,
          couleur=BLEU_FRANCE)
    referent = c.textes.referent or REFERENT_PAR_DEFAUT
    lignes = [[qui or referent, role] for qui, role in PILOTAGE]
    slide = deck.diapo("1. Pilotage des démarches qualité")
    mise = mise_en_page(["Qui", "Son rôle"], lignes, LARGEUR_UTILE, [1, 3], (16, 15, 14, 13, 12))
    hauteur = tableau(slide, ["Qui", "Son rôle"], lignes, MARGE, HAUT_CONTENU, mise)
    outils = ["Les outils : diagnostic, coordination, plan d'actions, enquête de satisfaction, avis des usagers ; "
              "préalables au label : audit interne et audit externe."]
    haut = HAUT_CONTENU + Pt(hauteur * 1.1 + 12)
    if pt(BAS_CONTENU - haut) >= hauteur_texte(outils, LARGEUR_UTILE, 14):
        texte(slide, outils, MARGE, haut, LARGEUR_UTILE, BAS_CONTENU - haut, taille=14, couleur=GRIS)


def _volumes(deck: Deck, c: Contexte) -> None:
    volumes = c.textes.paires("volumes")
    if volumes:
        _liste(deck, f"2. Les volumes de l'année {c.r.annee}", _paires(volumes))
    faits = c.textes.lignes("faits_marquants")
    if faits:
        _liste(deck, f"2. Faits marquants {c.r.annee}", faits)


def _modules(deck: Deck, c: Contexte) -> None:
    r = c.r
    lignes_periode = commun.lignes_de_periode(r, c.periode)
    for numero in commun.modules_retenus(r, c.site):
        siens = lignes_periode[lignes_periode["module"].astype(str) == str(numero)] \
            if "module" in lignes_periode else lignes_periode.iloc[0:0]
        titre = f"2. Résultats {c.libelle_periode} — {commun.titre_module(r, numero)}"
        lignes = [[commun.libelle_court(i, r), fmt.valeur_unite(i.get("valeur"), i.get("unite") or ""),
                   fmt.valeur_unite(i.get("valeur_precedente"), i.get("unite") or ""),
                   fmt.progression(i.get("progression_points"), i.get("unite") or ""),
                   fmt.valeur_unite(i.get("cible"), i.get("unite") or ""), commun.statut(i.get("statut"))]
                  for i in siens.to_dict("records")]
        notes = "\n".join(["Évolution en points pour les taux, en jours pour les délais.",
                           *(f"{commun.libelle_court(i, r)} : {i['libelle']}"
                             for i in siens.to_dict("records"))])
        if not lignes:
            slide = deck.diapo(titre, notes=notes)
            quoi = "pour ce trimestre" if c.trimestriel else "pour ce module"
            texte(slide, [f"Pas d'indicateur chiffré publié {quoi} : ses engagements se vérifient lors des "
                          "audits."], MARGE, HAUT_CONTENU, LARGEUR_UTILE, Inches(1), taille=18)
            continue
        _table_paginee(deck, titre, ["Indicateur", c.libelle_periode, c.periode_precedente, "Évolution", "Cible",
                                     "Statut"], lignes, [5, 1.3, 1.3, 1.3, 1.3, 1.3], notes=notes)


def _enquete(deck: Deck, c: Contexte) -> None:
    r, e = c.r, c.r.enquetes
    slide = deck.diapo(f"2. Résultats de l'enquête de satisfaction {r.annee}",
                       notes="Taux de satisfaction = (très satisfaits + satisfaits) / réponses exprimées (hors "
                             "« sans avis ») ; progression en points.")
    if e.empty or "theme" not in e:
        texte(slide, [f"Pas d'enquête de satisfaction publiée pour {r.annee}."], MARGE, HAUT_CONTENU,
              LARGEUR_UTILE, Inches(1))
    else:
        lignes = [[x["theme"], fmt.pourcentage(x.get("taux_precedent")), fmt.pourcentage(x.get("taux")),
                   fmt.points(x.get("progression_points"))] for x in e.to_dict("records")]
        entetes = ["Thématiques", f"Taux de satisfaction {r.annee - 1}", f"Taux de satisfaction {r.annee}",
                   "Progression"]
        mise = mise_en_page(entetes, lignes, Inches(6.6), [2.4, 1.3, 1.3, 1.4], (13, 12, 11, 10))
        tableau(slide, entetes, lignes, MARGE, HAUT_CONTENU, mise, paginer(mise, pt(BAS_CONTENU - HAUT_CONTENU))[0])
        graphique(slide, list(e["theme"]), {str(r.annee - 1): list(commun.colonne(e, "taux_precedent")),
                                            str(r.annee): list(e["taux"])},
                  Inches(7.3), HAUT_CONTENU - Inches(0.1), Inches(5.5), BAS_CONTENU - HAUT_CONTENU,
                  f"Taux de satisfaction {r.annee - 1} et {r.annee}", taux=True)
    positifs, a_ameliorer = c.textes.lignes("points_positifs"), c.textes.lignes("points_a_ameliorer")
    if positifs or a_ameliorer:
        slide = deck.diapo(f"2. Enquête de satisfaction {r.annee} : ce qu'en disent les usagers")
        largeur = (LARGEUR_UTILE - Inches(0.4)) // 2
        for rang, (intitule, lignes) in enumerate((("Points positifs mis en avant", positifs),
                                                   (f"Points à améliorer pour {r.annee + 1}", a_ameliorer))):
            gauche = MARGE + rang * (largeur + Inches(0.4))
            texte(slide, [intitule], gauche, HAUT_CONTENU, largeur, Inches(0.5), taille=20, couleur=BLEU_FRANCE,
                  gras=True)
            haut = HAUT_CONTENU + Inches(0.6)
            taille = taille_qui_tient(lignes, largeur, BAS_CONTENU - haut, (20, 18, 16, 14, 12), puces=True)
            texte(slide, lignes or ["—"], gauche, haut, largeur, BAS_CONTENU - haut, taille=taille, puces=True)


def _services_publics_plus(deck: Deck, c: Contexte) -> None:
    faits = c.textes.lignes("services_publics_plus")
    if faits:
        _liste(deck, "3. Programme Services Publics+", [f"Depuis janvier {DEBUT_PROGRAMME_SP}, les engagements "
                                                         "Services Publics+ s'appliquent à nos services.", *faits])
    _resultats_services_publics_plus(deck, c)


def _resultats_services_publics_plus(deck: Deck, c: Contexte) -> None:
    """The site's Services Publics+ results of the year (kept in the results' meta, as on the published page and
    in the open data): a slide when the site has some."""
    from qualepref.services_publics_plus import figures_publiees, tableau_services_publics_plus

    tableau_sp = tableau_services_publics_plus(figures_publiees(c.r))
    if tableau_sp.empty:
        return
    entetes = ["Résultat", str(c.r.annee), str(c.r.annee - 1), "Évolution"]
    _table_paginee(deck, f"3. Services Publics+ : nos résultats {c.r.annee}", entetes,
                   tableau_sp.replace("", fmt.NON_DISPONIBLE).astype(str).values.tolist(), [5, 1.4, 1.4, 1.6],
                   notes="Les résultats que le programme Services Publics+ demande de publier chaque année "
                         "(engagement « Vous avez accès à nos résultats de qualité de service »), calculés sur le "
                         "référentiel Services Publics+ à partir des mêmes données.")


def _avis(deck: Deck, c: Contexte) -> None:
    r = c.r
    comptes = {libelle: int(r.avis.get(code) or 0) for code, libelle in commun.TONALITES.items()}
    total = r.avis.get("total")
    total = sum(comptes.values()) if commun.manquant(total) else int(total)
    slide = deck.diapo("3. Je donne mon avis sur Services Publics+")
    phrases = [f"{fmt.nombre(total)} avis déposé{'s' if total > 1 else ''} sur la plateforme en {r.annee}"]
    cumul, depuis = r.avis.get("cumul"), r.avis.get("cumul_depuis")
    if not commun.manquant(cumul) and not commun.manquant(depuis):
        phrases.append(f"{fmt.nombre(cumul)} avis depuis {depuis}")
    texte(slide, phrases, MARGE, HAUT_CONTENU - Inches(0.1), LARGEUR_UTILE, Inches(0.9), taille=20,
          couleur=BLEU_FRANCE, gras=True)
    haut = HAUT_CONTENU + Inches(0.9)
    lignes = [[t, fmt.nombre(n)] for t, n in comptes.items()]
    mise = mise_en_page(["Tonalité", "Avis"], lignes, Inches(4.5), [2, 1], (16,))
    tableau(slide, ["Tonalité", "Avis"], lignes, MARGE, haut, mise)
    graphique(slide, list(comptes), {"Avis": list(comptes.values())}, Inches(5.6), haut, Inches(7.2),
              BAS_CONTENU - haut, "Avis par tonalité", taux=False)
    sujets = r.avis.get("par_sujet") or {}
    if sujets:
        _table_paginee(deck, f"3. Les sujets des avis déposés en {r.annee}", ["Sujet", "Avis"],
                       [[s, fmt.nombre(n)] for s, n in sujets.items()], [5, 1])


def _plan(deck: Deck, c: Contexte) -> None:
    r = c.r
    completion, moyenne = commun.methodes_plan()
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
    entetes = ["Axe et thématique", "Taux de réalisation"]
    mise = mise_en_page(entetes, lignes, Inches(7.4), [4, 1.3], (12, 11, 10))
    paquets = paginer(mise, pt(BAS_CONTENU - HAUT_CONTENU))
    for rang, paquet in enumerate(paquets):
        slide = deck.diapo("3. Réalisation du plan d'actions" + (" (suite)" if rang else ""),
                           notes=f"{completion} {moyenne}")
        tableau(slide, entetes, lignes, MARGE, HAUT_CONTENU, mise, paquet, en_gras)
        if rang == 0 and not r.plan_axes.empty:
            graphique(slide, list(r.plan_axes["axe"]), {"Taux de réalisation": list(r.plan_axes["taux"])},
                      Inches(8.1), HAUT_CONTENU - Inches(0.1), Inches(4.73), Inches(3.6), "Réalisation par axe",
                      taux=True, decimales=0)
            note = [f"Moyenne montrée : {moyenne}"]
            haut = HAUT_CONTENU + Inches(3.7)
            texte(slide, note, Inches(8.1), haut, Inches(4.73), BAS_CONTENU - haut,
                  taille=taille_qui_tient(note, Inches(4.73), BAS_CONTENU - haut, (11, 10, 9)), couleur=GRIS)
    exemples = c.textes.paires("exemples_actions")
    if exemples:
        _liste(deck, f"3. Exemples de réalisations {r.annee}", _paires(exemples))
        return
    realisees = commun.exemples_realises(r)  # none typed: picked from the plan's realised actions
    if realisees:
        # « Axe 1 : Nouveau script du serveur vocal », as the référent types them (the axe by its number)
        _liste(deck, f"3. Exemples de réalisations {r.annee}",
               [(axe.split(" : ")[0] if " : " in axe else axe, action) for axe, action in realisees],
               notes="Actions réalisées du plan d'actions (les plus récentes, trois au plus par axe), à défaut "
                     "d'exemples saisis dans « Textes du comité ».")


def _pan(deck: Deck, c: Contexte) -> None:
    r = c.r
    par_point = r.pan.get("par_point") or {}
    slide = deck.diapo("3. Les points d'accès numériques")
    texte(slide, [f"{fmt.nombre(r.pan.get('total'))} fréquentations en {r.annee}"], MARGE, HAUT_CONTENU - Inches(0.1),
          LARGEUR_UTILE, Inches(0.6), taille=20, couleur=BLEU_FRANCE, gras=True)
    haut = HAUT_CONTENU + Inches(0.7)
    if par_point:
        lignes = [[p, fmt.nombre(n)] for p, n in par_point.items()]
        mise = mise_en_page(["Point d'accès", "Usagers"], lignes, Inches(5.6), [3, 1], (14, 13, 12, 11))
        tableau(slide, ["Point d'accès", "Usagers"], lignes, MARGE, haut, mise,
                paginer(mise, pt(BAS_CONTENU - haut))[0])
        graphique(slide, list(par_point), {"Usagers": list(par_point.values())}, Inches(6.5), haut,
                  Inches(6.33), BAS_CONTENU - haut, "Fréquentation par point d'accès", taux=False)
    par_demarche = r.pan.get("par_demarche") or {}
    total = sum(par_demarche.values())
    if par_demarche and total:
        parts = {d: 100 * n / total for d, n in par_demarche.items()}
        slide = deck.diapo(f"3. Les points d'accès numériques : démarches en {r.annee}",
                           notes="Part de chaque démarche dans la fréquentation de l'année (en % des usagers).")
        lignes = [[d, fmt.nombre(n), fmt.pourcentage(parts[d], 0)] for d, n in par_demarche.items()]
        mise = mise_en_page(["Démarche", "Usagers", "Part"], lignes, Inches(5.8), [3, 1, 1], (14, 13, 12, 11))
        tableau(slide, ["Démarche", "Usagers", "Part"], lignes, MARGE, HAUT_CONTENU, mise,
                paginer(mise, pt(BAS_CONTENU - HAUT_CONTENU))[0])
        graphique(slide, list(parts), {"Part des usagers": list(parts.values())}, Inches(6.6),
                  HAUT_CONTENU - Inches(0.1), Inches(6.23), BAS_CONTENU - HAUT_CONTENU,
                  "Part de chaque démarche", taux=True, decimales=0)


def _suite(deck: Deck, r: Resultats) -> None:
    suivant = _referentiel_suivant(r)
    if suivant is not None:
        from qualepref.referentiel.fiche import mention_ebauche

        natures = {"obligatoire": "module socle", "socle": "module socle", "metier": "module métier"}
        modules = [(f"Module {m['numero']}", f"{m['titre']} ({natures.get(m['nature'], m['nature'])})")
                   for m in suivant.get("modules", [])]
        brouillon = mention_ebauche(suivant)  # a draft says so in its title, the sentence in the notes
        if modules:
            _liste(deck, f"4. Et après : le label {suivant['titre']}" + (" (ébauche)" if brouillon else ""), modules,
                   notes=brouillon)
    slide = deck.diapo("5. Questions diverses")
    texte(slide, ["Vos questions, vos remarques, vos propositions d'amélioration."], MARGE, Inches(2.5),
          LARGEUR_UTILE, Inches(1), taille=24, couleur=BLEU_FRANCE)


def _referentiel_suivant(r: Resultats) -> dict | None:
    """The next label's referential as it was in place when the results were computed (``meta``: a version the
    référent loaded, else the built-in file); None when the site already follows it. A snapshot older than that key
    falls back to the built-in file."""
    if r.referentiel == REFERENTIEL_SUIVANT:
        return None
    autres = r.meta.get("autres_referentiels")
    if isinstance(autres, dict):
        return autres.get(REFERENTIEL_SUIVANT)
    try:
        from qualepref.referentiel import charger
        from qualepref.referentiel.fiche import fiche

        return fiche(charger(REFERENTIEL_SUIVANT), libelles_courts=False)
    except (KeyError, ValueError, OSError):
        return None


def _contacts(deck: Deck, c: Contexte) -> None:
    contacts = c.textes.paires("contacts")
    if contacts:
        _liste(deck, "Contacts", _paires(contacts), puces=False)


def construire(resultats: Resultats, site: Site, publication: dict | None = None) -> bytes:
    """The comité des usagers deck as .pptx bytes, from PUBLISHED results.

    ``resultats``, ``publication``: what ``publication.resultats_publies(engine, site, periode)`` returns (the
    snapshot and its facts: ``publie_le``, ``note``, ``versions``, ``periode``, ``textes``). Raises
    ``commun.PublicationManquante`` without publication facts.
    """
    r = resultats
    faits = commun.exiger_publication(publication, r)
    c = Contexte(r, site, faits)
    nom = commun.nom_site(r, site)
    mise_a_jour = f" (mise à jour : {faits['note']})" if faits.get("note") and faits.get("versions", 1) > 1 else ""
    deck = Deck(f"{nom} — comité local des usagers — résultats publiés le {commun.date_publication(faits)}"
                f"{mise_a_jour}")
    _titre(deck, c)
    _rappel(deck, c)
    _volumes(deck, c)
    _modules(deck, c)
    _enquete(deck, c)
    _services_publics_plus(deck, c)
    _avis(deck, c)
    _plan(deck, c)
    _pan(deck, c)
    _suite(deck, r)
    _contacts(deck, c)
    deck.prs.core_properties.title = f"Comité local des usagers — {nom} — {c.libelle_periode}"
    deck.prs.core_properties.language = "fr-FR"
    deck.prs.core_properties.author = "qualepref"
    return deck.octets()
