"""Survey results already counted (per theme): satisfied and expressed, or the rate alone."""

from __future__ import annotations

import pandas as pd

from qualepref.enquetes import normaliser_libelle
from qualepref.imports import validation as v
from qualepref.imports.kinds.commun import (Colonne, Contexte, Kind, a_venir, annee_manquante, au_dessus_de_100,
                                            en_double, illisible, negatifs, textes)
from qualepref.imports.validation import Lieu, Probleme
from qualepref.satisfaction import message_theme_sans_indicateur, themes_sans_indicateur


def _annees_du_cadre(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte, present: bool) -> list[Probleme]:
    """Fill the year from ``--annee`` where the file has none; rows still without a year are problems."""
    if ctx.annee is not None:
        cadre["annee"] = cadre["annee"].fillna(ctx.annee)
    manque = cadre["annee"].isna() & ~illisible(cadre, "annee", lieu)
    if not manque.any():
        return []
    if not present:
        return [lieu.probleme(annee_manquante(ctx.annee))]
    return lieu.masque(manque, cadre["ligne"], "annee", annee_manquante(ctx.annee))


def _finaliser_enquete_agregee(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame,
                                                                                         list[Probleme]]:
    """Counts or a rate on each row, satisfied within expressed, rates within 100 %, one row per year and theme."""
    problemes = _annees_du_cadre(cadre, lieu, ctx, "annee" in lieu.lues)
    satisfaits, exprimes = cadre["satisfaits"], cadre["exprimes"]
    comptes = satisfaits.notna() & exprimes.notna()
    problemes += lieu.masque(~comptes & cadre["taux"].isna(), cadre["ligne"], "theme",
                             "ni « Satisfaits » et « Exprimés », ni « Taux de satisfaction » : l'un ou l'autre est "
                             "nécessaire.")
    problemes += negatifs(cadre, ("satisfaits", "exprimes", "taux"), lieu)
    problemes += lieu.masque((satisfaits > exprimes).fillna(False), cadre["ligne"], "satisfaits",
                             lambda i: f"{v.nombre_lu(satisfaits.iat[i], exprimes.iat[i])} satisfaits pour "
                                       f"{v.nombre_lu(exprimes.iat[i])} exprimés : les satisfaits ne peuvent pas "
                                       "dépasser les exprimés.")
    problemes += au_dessus_de_100(cadre, "taux", lieu)
    problemes += a_venir(cadre, lieu, ctx)
    cadre["taux"] = cadre["taux"].where(~comptes)
    cadre["theme_normalise"] = cadre["theme"].map(normaliser_libelle)
    themes, annees = cadre["theme"], cadre["annee"]
    problemes += en_double(cadre, ["annee", "theme_normalise"], lieu, "theme",
                           lambda i, premiere: f"thème « {themes.iat[i]} » déjà présent pour {annees.iat[i]} (ligne "
                                               f"{premiere}).")
    cadre["annee"] = cadre["annee"].astype("Int64")
    problemes += [lieu.probleme(message_theme_sans_indicateur(ctx.referentiel, theme), int(ligne), "theme", theme,
                                bloquant=False)
                  for theme, ligne in _premieres_lignes(cadre, themes_sans_indicateur(ctx.referentiel, themes))]
    return textes(cadre, ("theme",)), problemes


def _premieres_lignes(cadre: pd.DataFrame, themes: list[str]) -> list[tuple[str, int]]:
    """Each theme with the first row it is on."""
    cles = cadre["theme"].map(normaliser_libelle)
    return [(theme, cadre["ligne"][cles == normaliser_libelle(theme)].iloc[0]) for theme in themes]


def _cle_enquete_agregee(cadre: pd.DataFrame) -> pd.Series:
    return cadre["annee"].astype("str") + "|" + cadre["theme"].map(normaliser_libelle)


KIND = Kind(
    "enquete-agregee", "Résultats d'enquête déjà comptés (par thème)", "Résultats",
    (Colonne("Année", "annee", "annee", False, "L'année de l'enquête (sinon l'année indiquée à l'import)."),
     Colonne("Thème", "theme", "texte", True, "Le thème mesuré (accueil physique, accueil téléphonique...).",
             alias=("themes", "critere", "question")),
     Colonne("Satisfaits", "satisfaits", "nombre", False, "Le nombre de répondants satisfaits ou très "
             "satisfaits.", alias=("nombre de satisfaits", "nb satisfaits")),
     Colonne("Exprimés", "exprimes", "nombre", False, "Le nombre de réponses exprimées (hors « sans avis »).",
             alias=("nombre d'exprimes", "nb exprimes", "reponses exprimees", "exprimes (hors sans avis)")),
     Colonne("Taux de satisfaction", "taux", "taux", False, "Seulement quand les nombres ne sont pas connus : le "
             "taux (56, 56 % ou 0,56).", alias=("taux", "satisfaction", "taux de satisfaction (%)"))),
    _finaliser_enquete_agregee, _cle_enquete_agregee, ("annee", "theme", "satisfaits", "exprimes", "taux"),
    "Une ligne par année et par thème : les nombres de satisfaits et d'exprimés, ou le taux seul quand seul le "
    "taux est connu (années anciennes). Réimporter une année et un thème les remplace.",
    periode=lambda cle: cle.split("|", 1)[0])
