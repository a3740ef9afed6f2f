"""Indicator values measured elsewhere (Indigo, telephony, web statistics...): one row per indicator and period."""

from __future__ import annotations

import re

import pandas as pd

from qualepref.imports import validation as v
from qualepref.imports.kinds.commun import (Colonne, Contexte, Kind, au_dessus_de_100, en_double, illisible,
                                            negatifs, textes)
from qualepref.imports.validation import Lieu, Probleme, date_fr
from qualepref.referentiel import Referentiel, trouver_indicateur


def message_indicateur_inconnu(texte: object, ref: Referentiel) -> str:
    """An indicator the referential does not know."""
    return (f"indicateur « {v.afficher(texte)} » inconnu du référentiel « {ref.titre} » (codes et libellés : feuille "
            "« Indicateurs » du modèle).")


def message_indicateur_ambigu(texte: object, detail: str) -> str:
    """A libellé shared by several indicators (the referential's error names them)."""
    trouves = re.search(r"il peut désigner (.+?)\. Utilisez", detail)
    codes = trouves[1] if trouves else "plusieurs indicateurs"
    return f"indicateur « {v.afficher(texte)} » ambigu : il peut désigner {codes} ; indiquez le code de l'indicateur."


def services_publics_plus_importes(ref: Referentiel) -> Referentiel | None:
    """The Services Publics+ referential whose imported figures (the JDMA share, « Valeur importée ») any site may
    import with its own indicators: every site publishes its SP+ results whatever its referential
    (``qualepref.services_publics_plus``); None for a site on SP+ itself."""
    from qualepref.referentiel import charger
    from qualepref.services_publics_plus import REFERENTIEL_SP

    return None if ref.code == REFERENTIEL_SP else charger(REFERENTIEL_SP)


def _trouver(ref: Referentiel, texte: str):  # noqa: ANN202 - Indicateur | None
    """The site's referential's indicator, else an imported Services Publics+ figure of that code or libellé."""
    trouve = trouver_indicateur(ref, texte)
    sp = None if trouve else services_publics_plus_importes(ref)
    if sp is not None:
        repli = trouver_indicateur(sp, texte)
        if repli is not None and repli.calcul is None:
            return repli
    return trouve


def _indicateur(ref: Referentiel, code: str):  # noqa: ANN202 - Indicateur
    """The indicator of a code ``_trouver`` gave (the site's, or Services Publics+'s)."""
    try:
        return ref.indicateur(code)
    except KeyError:
        return services_publics_plus_importes(ref).indicateur(code)


def _codes_indicateurs(serie: pd.Series, ref: Referentiel) -> tuple[pd.Series, pd.Series]:
    """Each distinct indicator name (code or libellé, however typed) → its code, or the message."""
    def convertir(valeurs: list) -> tuple[list, list]:
        codes, messages = [], []
        for valeur in valeurs:
            try:
                trouve = _trouver(ref, valeur.strip() if isinstance(valeur, str) else v.afficher(valeur))
            except ValueError as exc:
                codes.append(None)
                messages.append(message_indicateur_ambigu(valeur, str(exc)))
                continue
            codes.append(trouve.code if trouve else None)
            messages.append(None if trouve else message_indicateur_inconnu(valeur, ref))
        return codes, messages
    return v.par_uniques(serie, convertir)


def _finaliser_indicateurs(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Indicator codes from the referential, values in percent for rates, every inconsistency of a value."""
    ref = ctx.referentiel
    codes, messages = _codes_indicateurs(cadre["indicateur"], ref)
    problemes = lieu.problemes(messages, cadre["ligne"], "indicateur", cadre["indicateur"])
    cadre["indicateur"] = codes.astype("str").where(codes.notna())
    unites = cadre["indicateur"].map(lambda c: _indicateur(ref, c).unite if isinstance(c, str) else None)
    natures = cadre["indicateur"].map(lambda c: _indicateur(ref, c).nature if isinstance(c, str) else None)
    taux = (unites == "%").fillna(False)
    num, den, valeur = cadre["numerateur"], cadre["denominateur"], cadre["valeur"]
    calcule = (100 * num / den).where(den > 0)
    fraction = taux & ~cadre.get("valeur_pourcent", pd.Series(False, index=cadre.index)).astype(bool) & \
        valeur.between(0, 1) & ((calcule.notna() & ((valeur * 100 - calcule).abs() < (valeur - calcule).abs()))
                                | (calcule.isna() & natures.isin(["taux_delai", "satisfaction"])))
    valeur = valeur.where(~fraction, valeur * 100)
    saisie = valeur.notna()  # typed in the file, not computed from the counts
    cadre["valeur"] = valeur.where(saisie | ~taux, calcule)
    manque = cadre["valeur"].isna() & cadre["indicateur"].notna() & ~illisible(cadre, "valeur", lieu)
    problemes += lieu.masque(manque, cadre["ligne"], "valeur",
                             "valeur manquante : indiquez la valeur (ou, pour un taux, le numérateur et le "
                             "dénominateur).")
    problemes += negatifs(cadre, ("valeur", "numerateur", "denominateur"), lieu)
    # a rate computed from counts whose numerator exceeds the denominator: the numerator's message says it, the user
    # never typed the figure above 100 %
    problemes += au_dessus_de_100(cadre, "valeur", lieu, taux & saisie)
    problemes += lieu.masque(((num > den) & taux).fillna(False), cadre["ligne"], "numerateur",
                             lambda i: f"numérateur « {v.nombre_lu(num.iat[i], den.iat[i])} » supérieur au "
                                       f"dénominateur « {v.nombre_lu(den.iat[i])} ».")
    problemes += _periodes_futures(cadre, lieu, ctx)
    indicateurs, periodes = cadre["indicateur"], cadre["periode"]
    problemes += en_double(cadre, ["indicateur", "periode"], lieu, "indicateur",
                           lambda i, premiere: f"indicateur {indicateurs.iat[i]} déjà renseigné pour la période "
                                               f"{periodes.iat[i]} (ligne {premiere}).")
    return textes(cadre, ("indicateur", "periode", "commentaire")), problemes


def _periodes_futures(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> list[Probleme]:
    """Periods that have not begun (blocking)."""
    periodes = cadre["periode"]
    debuts = periodes.map(lambda p: v.debut_periode(p) if isinstance(p, str) else pd.NaT)
    futur = (pd.to_datetime(debuts) > pd.Timestamp(ctx.aujourd_hui)).fillna(False)
    return lieu.masque(futur, cadre["ligne"], "periode",
                       lambda i: f"période {periodes.iat[i]} pas encore commencée (nous sommes le "
                                 f"{date_fr(ctx.aujourd_hui)}).")


KIND = Kind(
    "indicateurs", "Indicateurs mesurés (Indigo, téléphonie, statistiques web…)", "Valeurs",
    (Colonne("Indicateur", "indicateur", "texte", True, "Le code de l'indicateur (feuille « Indicateurs ») ou son "
             "libellé.", alias=("code", "code indicateur", "code de l'indicateur", "libelle", "intitule")),
     Colonne("Période", "periode", "periode", True, "2023 (année), 2023-T2 (trimestre) ou 2023-05 (mois), selon "
             "la périodicité de l'indicateur.", alias=("periode de mesure", "mois", "trimestre")),
     Colonne("Valeur", "valeur", "nombre", False, "La valeur mesurée. Un taux en pourcentage : 56, 56 % ou "
             "0,56. Peut rester vide pour un taux dont le numérateur et le dénominateur sont donnés.",
             alias=("resultat", "valeur mesuree")),
     Colonne("Numérateur", "numerateur", "nombre", False, "Pour un taux : le nombre de cas conformes.",
             alias=("numerateur (nombre)",)),
     Colonne("Dénominateur", "denominateur", "nombre", False, "Pour un taux : le nombre total de cas (pour un "
             "délai moyen : le nombre de dossiers).", alias=("denominateur (nombre)",)),
     Colonne("Commentaire", "commentaire", "texte", False, "Toute précision utile (source, incident...).",
             alias=("commentaires", "observations", "observation", "remarque"))),
    _finaliser_indicateurs, lambda c: c["indicateur"] + "|" + c["periode"],
    ("indicateur", "periode", "valeur", "numerateur", "denominateur", "commentaire"),
    "Une ligne par indicateur et par période. Réimporter un indicateur pour une période remplace sa valeur.",
    periode=lambda cle: cle.split("|", 1)[1])
