"""The satisfaction survey: a « Questionnaire » sheet (question → theme) and a « Réponses » sheet (one row
per respondent, one column per question), read as one row per answer."""

from __future__ import annotations

import numpy as np
import pandas as pd

from qualepref.imports import validation as v
from qualepref.imports.kinds.commun import (FORMULE, SEULEMENT_ENTETES, Colonne, Contexte, Kind, Lecture, a_venir,
                                            annee_manquante, cle_annee, en_double, lire_tableau, table, textes)
from qualepref.imports.fichier_lu import Classeur, Feuille, lettre_colonne, reperer_entete
from qualepref.imports.validation import Lieu, Probleme, normaliser
from qualepref.satisfaction import message_theme_sans_indicateur, themes_sans_indicateur


REPONSES = table({
    "tres_satisfait": ("très satisfait", "tres satisfaite", "très satisfaite"),
    "satisfait": ("satisfait", "satisfaite", "plutôt satisfait", "plutôt satisfaite", "assez satisfait"),
    "peu_satisfait": ("peu satisfait", "peu satisfaite", "plutôt pas satisfait", "plutôt pas satisfaite",
                      "plutôt insatisfait", "plutôt insatisfaite"),
    "pas_du_tout_satisfait": ("pas du tout satisfait", "pas du tout satisfaite", "pas satisfait du tout",
                              "très insatisfait", "très insatisfaite"),
    "sans_avis": ("sans avis", "ne se prononce pas", "nsp", "ne sait pas", "non concerné", "non concernée"),
})
REPONSES_ADMISES = ("très satisfait", "satisfait (ou plutôt satisfait)", "peu satisfait (ou plutôt pas satisfait)",
                    "pas du tout satisfait", "sans avis (ou ne se prononce pas, ou vide)")


QUESTIONNAIRE = (
    Colonne("Question", "question", "texte", True, "Le texte de la question, exactement comme l'en-tête de sa "
            "colonne dans la feuille « Réponses ».", alias=("questions", "libelle de la question", "intitule")),
    Colonne("Thème", "theme", "texte", True, "Le thème mesuré par la question (accueil physique, accueil "
            "téléphonique, point d'accès numérique, courriers et courriels, site internet, réseaux sociaux...).",
            alias=("themes", "thematique", "critere")),
)
COLONNES_ANNEE = {normaliser("Année"): "annee", normaliser("Annee de l'enquete"): "annee", normaliser("Date"): "date",
                  normaliser("Date de l'enquête"): "date", normaliser("Date de réponse"): "date"}


def message_feuille_absente(nom: str, classeur: Classeur) -> str:
    """A sheet the survey needs is missing."""
    presentes = ", ".join(f"« {n} »" for n in classeur.noms) or "aucune"
    return f"feuille « {nom} » introuvable (feuilles présentes : {presentes})."


ENQUETE_CSV = ("une enquête se dépose en classeur .xlsx ou .ods avec deux feuilles, « Réponses » (une ligne par "
               "répondant) et « Questionnaire » (le thème de chaque question) : téléchargez le modèle.")


def message_question_absente(question: object, feuille: str) -> str:
    """A question of the questionnaire that no column of the answers sheet carries."""
    return (f"question « {v.afficher(question)} » absente de la feuille « {feuille} » : aucune colonne ne porte ce "
            "titre (vérifiez l'en-tête ou retirez la question du questionnaire).")


COLONNE_HORS_QUESTIONNAIRE = ("colonne ignorée : elle ne figure pas dans la feuille « Questionnaire » (ajoutez-la au "
                              "questionnaire si c'est une question).")


def _feuille_nommee(classeur: Classeur, nom: str) -> str | None:
    """The sheet whose name is ``nom`` once normalised (« reponses », « REPONSES »...)."""
    return next((n for n in classeur.noms if normaliser(n) == normaliser(nom)), None)


def lire_enquete(classeur: Classeur, kind: Kind, ctx: Contexte) -> Lecture:
    """The « Questionnaire » (question → theme) then the « Réponses » (one row per respondent), as long rows."""
    lieu_fichier = Lieu(ctx.fichier)
    vide = pd.DataFrame({"ligne": pd.Series([], dtype="int64")})
    if classeur.format == "csv":
        return Lecture(vide, [lieu_fichier.probleme(ENQUETE_CSV)], lieu_fichier)
    noms = {f: _feuille_nommee(classeur, f) for f in ("Réponses", "Questionnaire")}
    manquantes = [lieu_fichier.probleme(message_feuille_absente(f, classeur)) for f, n in noms.items() if n is None]
    if manquantes:
        return Lecture(vide, manquantes, lieu_fichier)
    questionnaire = _kind_questionnaire()
    lu = lire_tableau(_un_seul(classeur, noms["Questionnaire"]), questionnaire, ctx)
    problemes = list(lu.problemes)
    themes = {normaliser(q): (str(q), str(t)) for q, t in zip(lu.cadre.get("question", []), lu.cadre.get("theme", []),
                                                              strict=True) if isinstance(q, str)}
    questions = lu.cadre.get("question", pd.Series(dtype="str"))
    problemes += en_double(lu.cadre, ["question"], lu.lieu, "question",
                           lambda i, premiere: f"question « {questions.iat[i]} » déjà présente à la ligne "
                                               f"{premiere}.") if themes else []
    feuille = classeur.feuille(noms["Réponses"])
    lecture = _lire_reponses(feuille, themes, lu, ctx)
    return Lecture(lecture.cadre, problemes + lecture.problemes, lecture.lieu)


def _kind_questionnaire() -> Kind:
    """The « Questionnaire » sheet read as a small kind of its own."""
    return Kind("questionnaire", "Questionnaire de l'enquête", "Questionnaire", QUESTIONNAIRE,
                lambda c, lieu, ctx: (c, []), lambda c: c["question"], ("question", "theme"), "")


def _un_seul(classeur: Classeur, nom: str) -> Classeur:
    """A view of ``classeur`` showing only the sheet ``nom``."""
    return Classeur(classeur.fichier, classeur.format, [nom], classeur.feuille)


def _lire_reponses(feuille: Feuille, themes: dict[str, tuple[str, str]], questionnaire: Lecture,
                   ctx: Contexte) -> Lecture:
    """The answers sheet: header row found by the questions it names, answers coded, one row per answer."""
    lieu = Lieu(ctx.fichier, feuille.nom)
    reconnus = {q: q for q in themes} | COLONNES_ANNEE
    ligne, trouvees, doublons = reperer_entete(feuille.premieres, reconnus)
    vide = pd.DataFrame({"ligne": pd.Series([], dtype="int64")})
    if not themes:
        return Lecture(vide, [], lieu)
    if ligne == 0:
        return Lecture(vide, [lieu.probleme("aucune ligne d'en-tête ne reprend les questions de la feuille "
                                            "« Questionnaire » dans les 10 premières lignes.")], lieu)
    entete = feuille.premieres[ligne - 1]
    problemes = [lieu.probleme(f"la colonne « {themes[n][0] if n in themes else n} » apparaît plusieurs fois "
                               f"(colonnes {' et '.join(lettre_colonne(i) for i in ind)}) : gardez-en une seule.",
                               ligne) for n, ind in doublons.items()]
    vues = set(trouvees.values())
    problemes += [questionnaire.lieu.probleme(message_question_absente(q, feuille.nom), int(r), "question", q)
                  for r, q in zip(questionnaire.cadre["ligne"], questionnaire.cadre["question"], strict=True)
                  if isinstance(q, str) and normaliser(q) not in vues]
    problemes += [Probleme(ctx.fichier, feuille.nom, ligne, str(c).strip(), None, COLONNE_HORS_QUESTIONNAIRE, False)
                  for i, c in enumerate(entete) if i not in trouvees and not v.vides(pd.Series([c], dtype=object))[0]]
    donnees = feuille.donnees(ligne)
    questions = {i: n for i, n in trouvees.items() if n in themes and i in donnees.columns}
    if questions:
        pleines = ~np.logical_and.reduce([v.vides(donnees[i]).to_numpy() for i in questions])
        donnees = donnees[pleines]
    if not questions or donnees.empty:
        return Lecture(vide, [*problemes, lieu.probleme(SEULEMENT_ENTETES, ligne)], lieu)
    annees, problemes_annee = _annees_des_repondants(donnees, trouvees, entete, lieu, ctx)
    long = _en_long(donnees, questions, themes, annees)
    codes, messages = v.code(long["brut"], REPONSES, REPONSES_ADMISES)
    for (i, ligne_excel, brut), message in zip(long[["indice", "ligne", "brut"]].itertuples(index=False),
                                                 messages, strict=True):
        if isinstance(message, str):
            problemes.append(Probleme(ctx.fichier, feuille.nom, int(ligne_excel), str(entete[i]).strip(),
                                      v.afficher(brut), message))
    problemes += [Probleme(ctx.fichier, feuille.nom, r, lettre, None, FORMULE) for r, lettre in
                  sorted((r, str(entete[c]).strip()) for r, c in feuille.formules if c in questions)]
    long["reponse"] = codes.fillna("sans_avis").where(messages.isna())
    lieu.entetes = {"annee": next((str(entete[i]).strip() for i, n in trouvees.items() if n == "annee"), "Année")}
    return Lecture(long.drop(columns=["brut", "indice"]), problemes + problemes_annee, lieu)


def _annees_des_repondants(donnees: pd.DataFrame, trouvees: dict[int, str], entete: list, lieu: Lieu,
                           ctx: Contexte) -> tuple[pd.Series, list[Probleme]]:
    """Each respondent's survey year: the Année column, else the year of the Date column, else ``--annee``."""
    lignes = pd.Series(donnees.index.to_numpy(), index=donnees.index)
    annees = pd.Series(pd.NA, index=donnees.index, dtype="Int64")
    problemes: list[Probleme] = []
    for indice, nom in trouvees.items():
        if nom not in ("annee", "date") or indice not in donnees.columns:
            continue
        lieu.entetes = {nom: str(entete[indice]).strip()}
        if nom == "annee":
            lues, messages = v.annees(donnees[indice])
        else:
            dates, messages = v.date(donnees[indice])
            lues = dates.dt.year.astype("Int64")
        problemes += lieu.problemes(messages, lignes, nom, donnees[indice])
        annees = annees.fillna(lues)
    if ctx.annee is not None:
        annees = annees.fillna(ctx.annee)
    if annees.isna().all() and not problemes:
        return annees, [lieu.probleme(annee_manquante(ctx.annee))]
    lieu.entetes = {"annee": "Année"}
    manque = annees.isna() & ~lignes.isin({p.ligne for p in problemes})
    return annees, problemes + lieu.masque(manque, lignes, None, annee_manquante(ctx.annee))


def _en_long(donnees: pd.DataFrame, questions: dict[int, str], themes: dict[str, tuple[str, str]],
             annees: pd.Series) -> pd.DataFrame:
    """One row per respondent and question: annee, repondant (1..n), question, theme, brut answer, Excel row."""
    n = len(donnees)
    morceaux = []
    for indice, nom in questions.items():
        question, theme = themes[nom]
        morceaux.append(pd.DataFrame({
            "ligne": donnees.index.to_numpy(), "annee": annees.to_numpy(), "repondant": np.arange(1, n + 1),
            "question": question, "theme": theme, "brut": donnees[indice].to_numpy(), "indice": indice}))
    long = pd.concat(morceaux, ignore_index=True)
    return long.sort_values(["repondant", "indice"], kind="stable").reset_index(drop=True)


def _finaliser_enquete(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Survey years not after the current one."""
    premiers = cadre.drop_duplicates("repondant")
    problemes = a_venir(premiers, lieu, ctx)
    cadre["annee"] = cadre["annee"].astype("Int64")
    cadre["repondant"] = cadre["repondant"].astype("Int64")
    questionnaire = Lieu(ctx.fichier, "Questionnaire", {"theme": "Thème"})
    problemes += [questionnaire.probleme(message_theme_sans_indicateur(ctx.referentiel, theme), colonne="theme",
                                         valeur=theme, bloquant=False)
                  for theme in themes_sans_indicateur(ctx.referentiel, pd.unique(cadre["theme"].dropna()))]
    return textes(cadre, ("question", "theme", "reponse")), problemes


KIND = Kind(
    "enquete", "Enquête de satisfaction (réponses des usagers)", "Réponses",
    (Colonne("Année", "annee", "annee", False, "L'année de l'enquête (ou une colonne « Date » ; sinon l'année "
             "indiquée à l'import)."),),
    _finaliser_enquete, cle_annee, ("annee", "repondant", "question", "theme", "reponse"),
    "Feuille « Réponses » : une ligne par répondant, une colonne par question, la réponse dans chaque case (très "
    "satisfait, satisfait, peu satisfait, pas du tout satisfait, sans avis ; une case vide vaut « sans avis »). "
    "Feuille « Questionnaire » : chaque question et son thème. Réimporter une année remplace l'enquête de "
    "cette année.", lire=lire_enquete)
