"""The journal of courriers, courriels and réclamations: one row per written request and its answer."""

from __future__ import annotations

from types import MappingProxyType

import pandas as pd

from qualepref import etapes
from qualepref.imports.kinds.commun import (CANAUX, CANAUX_ADMIS, Colonne, Contexte, Kind, avant, cle_mois,
                                            dans_le_futur, en_double, table, textes)
from qualepref.imports.validation import Lieu, Probleme, normaliser


NATURES = table({
    "information": ("demande d'information", "demande d'informations", "demande de renseignement",
                    "demande de renseignements", "renseignement"),
    "reclamation": ("réclamation", "réclamations", "plainte"),
    "suggestion": ("suggestion", "suggestions", "proposition"),
    "collectivite": ("demande de collectivité", "demande d'une collectivité", "collectivité",
                     "demande d'information ou de conseil d'une collectivité", "demande de conseil d'une collectivité"),
    "mise-a-jour": ("mise à jour", "mise a jour", "maj", "demande de mise à jour", "mise à jour d'une information",
                    "mise à jour d'une information publiée", "demande interne de modification"),
    "rendez-vous": ("demande de rendez-vous", "rendez-vous", "rdv", "demande de rdv", "prise de rendez-vous"),
    "pieces-complementaires": ("demande de pièces complémentaires", "pièces complémentaires",
                               "demande de pièces", "dossier incomplet", "pièces manquantes",
                               "demande de pièces complémentaires (dossier incomplet)"),
    "traitement": ("traitement de dossier", "traitement", "traitement d'un dossier", "traitement d'une demande",
                   "traitement d'une demande d'autorisation", "demande d'autorisation"),
})
NATURES_ADMISES = ("demande d'information", "réclamation", "suggestion", "demande de collectivité", "mise à jour",
                   "demande de rendez-vous", "demande de pièces complémentaires", "traitement de dossier")
LIBELLES_NATURES = {"mise-a-jour": "Mise à jour", "rendez-vous": "Demande de rendez-vous",
                    "pieces-complementaires": "Demande de pièces complémentaires",
                    "traitement": "Traitement de dossier"}
SUPPORTS = table({"site-internet": ("site internet", "site", "internet", "site web", "site internet de la "
                                    "préfecture"),
                  "svi": ("serveur vocal interactif", "serveur vocal", "svi", "serveur vocal interactif local"),
                  "affichage": ("affichage", "affiche", "affichage dans le hall", "hall d'accueil")})
SUPPORTS_ADMIS = tuple(etapes.SUPPORTS.values())
OUI_NON = MappingProxyType({**{normaliser(s): True for s in ("oui", "o", "vrai", "x")},
                            **{normaliser(s): False for s in ("non", "n", "faux")}})
TYPES_REPONSE = table({"fond": ("réponse sur le fond", "réponse de fond", "sur le fond"),
                       "attente": ("réponse d'attente", "d'attente")})
TYPES_REPONSE_ADMIS = ("fond", "attente")


def _finaliser_journal(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> tuple[pd.DataFrame, list[Probleme]]:
    """Duplicate references, dates in the future or in the wrong order; telephone rows (one warning)."""
    references = cadre["reference"]
    problemes = en_double(cadre, ["reference"], lieu, "reference",
                          lambda i, premiere: f"référence « {references.iat[i]} » en double (déjà à la ligne "
                                              f"{premiere}).")
    for colonne in ("date_reception", "date_completude", "date_reponse", "date_proposition", "date_rendez_vous"):
        problemes += dans_le_futur(cadre, colonne, lieu, ctx)
    problemes += avant(cadre, "date_reponse", "date_reception", lieu, "réponse du {} antérieure à la réception du {}.")
    problemes += avant(cadre, "date_completude", "date_reception", lieu,
                       "complétude du {} antérieure à la réception du {}.")
    problemes += avant(cadre, "date_reponse", "date_completude", lieu,
                       "réponse du {} antérieure à la complétude du {} : vérifiez ces deux dates.", bloquant=False)
    problemes += _engagements(cadre, lieu, ctx) + _supports(cadre, lieu, ctx) + _rendez_vous(cadre, lieu)
    cadre = cadre.assign(indisponibilite=cadre["indisponibilite"].astype("boolean"),
                         engagement=cadre["engagement"].astype("Int64"))
    ecrites = ~cadre["nature"].isin(etapes.NATURES_ETAPES).fillna(False)
    telephone = ((cadre["canal"] == "telephone").fillna(False) & ecrites).to_numpy()
    if telephone.any():
        autres = int(telephone.sum()) - 1
        suite = f" ({autres} autre{'s' if autres > 1 else ''} ligne{'s' if autres > 1 else ''} dans ce cas)" \
            if autres else ""
        problemes.append(lieu.probleme(
            "demande reçue par téléphone : aucun délai de réponse écrite ne s'y applique ; elle est importée mais "
            f"n'entre dans aucun taux de délai{suite}.", int(cadre["ligne"].to_numpy()[telephone][0]), "canal",
            bloquant=False))
    return textes(cadre, ("reference", "canal", "nature", "type_reponse", "service", "support", "procedure")), \
        problemes


def _liste(nombres: tuple[int, ...]) -> str:
    """1, 8, 11 ou 51."""
    textes_ = [str(n) for n in nombres]
    return textes_[0] if len(textes_) == 1 else f"{', '.join(textes_[:-1])} ou {textes_[-1]}"


def message_engagement_manquant(nature: str, possibles: tuple[int, ...]) -> str:
    """A dated nature whose engagement the row does not say."""
    return (f"engagement manquant : une ligne « {LIBELLES_NATURES[nature]} » dit à quel engagement elle répond "
            f"({_liste(possibles)}).")


def message_engagement_impossible(engagement: int, nature: str, possibles: tuple[int, ...]) -> str:
    """An engagement whose délai rules do not date this nature."""
    return (f"l'engagement {engagement} ne date pas les lignes « {LIBELLES_NATURES[nature]} » (engagements "
            f"possibles : {_liste(possibles)}).")


def message_hors_perimetre(engagement: int, module: int, modules: tuple[int, ...]) -> str:
    """An engagement of a module the site is not labelled for."""
    return (f"l'engagement {engagement} (module {module}) n'est pas dans le périmètre du site (modules "
            f"{', '.join(str(m) for m in modules)}) : corrigez l'engagement ou le périmètre du site (page Sites).")


def message_non_retenu(engagement: int) -> str:
    """An engagement of one of its modules a sous-préfecture does not retain (chapter II: « les engagements qui
    les concernent », chosen on the Sites page)."""
    return (f"l'engagement {engagement} n'est pas retenu par le site (une sous-préfecture applique les engagements "
            "qui la concernent, choisis sur la page Sites) : corrigez l'engagement ou retenez-le sur la page Sites.")


def _engagements(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> list[Probleme]:
    """The « Engagement » a dated nature needs (one of those whose rules date it), within the site's perimeter."""
    problemes: list[Probleme] = []
    ref = ctx.referentiel
    numeros = {e.numero: e.module for e in ref.engagements}
    for nature in etapes.NATURES_ETAPES:
        possibles = etapes.engagements_possibles(ref, nature)
        lignes = (cadre["nature"] == nature).fillna(False)
        if not lignes.any() or not possibles:
            continue
        engagement = cadre["engagement"]
        problemes += lieu.masque(lignes & engagement.isna(), cadre["ligne"], "engagement",
                                 message_engagement_manquant(nature, possibles))
        hors = lignes & engagement.notna() & ~engagement.isin(possibles).fillna(False)
        problemes += lieu.masque(hors, cadre["ligne"], "engagement",
                                 lambda i: message_engagement_impossible(int(engagement.iat[i]), nature, possibles),
                                 cadre["engagement"])
    if ctx.modules is not None:
        engagement = cadre["engagement"]
        module = engagement.map(numeros)  # a dict lookup per value (1.0 finds 1), NaN for none
        inconnu = engagement.notna() & module.isna()
        problemes += lieu.masque(inconnu, cadre["ligne"], "engagement",
                                 lambda i: f"l'engagement {int(engagement.iat[i])} n'existe pas dans le référentiel "
                                           f"« {ref.code} ».",
                                 cadre["engagement"])
        hors = module.notna() & ~module.isin(ctx.modules)
        problemes += lieu.masque(hors, cadre["ligne"], "engagement",
                                 lambda i: message_hors_perimetre(int(engagement.iat[i]), int(module.iat[i]),
                                                                  tuple(ctx.modules)), cadre["engagement"])
        non_retenu = module.isin(ctx.modules) & engagement.isin(ctx.exclus)
        problemes += lieu.masque(non_retenu, cadre["ligne"], "engagement",
                                 lambda i: message_non_retenu(int(engagement.iat[i])), cadre["engagement"])
    return problemes


def _supports(cadre: pd.DataFrame, lieu: Lieu, ctx: Contexte) -> list[Probleme]:
    """A mise à jour says its support; a support no rule of its engagement dates is imported with a warning."""
    maj = (cadre["nature"] == "mise-a-jour").fillna(False)
    problemes = lieu.masque(maj & cadre["support"].isna(), cadre["ligne"], "support",
                            "support manquant : une ligne « Mise à jour » dit ce qui a été mis à jour "
                            f"({', '.join(SUPPORTS_ADMIS[:-1])} ou {SUPPORTS_ADMIS[-1]}).")
    annee = pd.to_datetime(cadre["date_reception"]).dt.year
    connus = maj & cadre["support"].notna() & cadre["engagement"].notna() & annee.notna()
    possibles = etapes.engagements_possibles(ctx.referentiel, "mise-a-jour")
    combinaisons = pd.DataFrame({"support": cadre["support"], "engagement": cadre["engagement"],
                                 "annee": annee})[connus].astype("object")
    # each (support, engagement, year) judged once: a journal of 200 000 rows holds a few dozen
    sans_regle = [(support, engagement, an) for support, engagement, an
                  in combinaisons.drop_duplicates().itertuples(index=False, name=None)
                  if int(engagement) in possibles and etapes.regle_de_l_etape(
                      ctx.referentiel, f"mise-a-jour-{support}", int(engagement), int(an)) is None]
    masque = pd.Series(False, index=cadre.index)
    if sans_regle:
        masque[combinaisons.index] = pd.MultiIndex.from_frame(combinaisons).isin(sans_regle)
    return problemes + lieu.masque(
        masque, cadre["ligne"], "support",
        lambda i: f"aucun délai de l'engagement {int(cadre['engagement'].iat[i])} ne porte sur la mise à jour « "
                  f"{etapes.SUPPORTS[cadre['support'].iat[i]]} » : la ligne est importée mais n'entre dans aucun "
                  "taux.", bloquant=False)


def _rendez_vous(cadre: pd.DataFrame, lieu: Lieu) -> list[Probleme]:
    """The rendez-vous dates in order: reception, proposal, rendez-vous (a rendez-vous needs its proposal)."""
    problemes = avant(cadre, "date_proposition", "date_reception", lieu,
                      "proposition du {} antérieure à la réception du {}.")
    problemes += avant(cadre, "date_rendez_vous", "date_proposition", lieu,
                       "rendez-vous du {} antérieur à sa proposition du {}.")
    sans = (cadre["date_rendez_vous"].notna() & cadre["date_proposition"].isna()).fillna(False)
    problemes += lieu.masque(sans, cadre["ligne"], "date_proposition",
                             "date de proposition manquante : le délai du rendez-vous (10 jours ouvrés) court de "
                             "la proposition (37.1, 40.1) ; indiquez le jour où la date a été proposée.")
    return problemes


def _colonnes_journal() -> tuple[Colonne, ...]:
    return (
        Colonne("Référence", "reference", "texte", True, "L'identifiant unique de la demande (numéro d'ordre, "
                "numéro de courrier...). Deux lignes ne peuvent pas porter la même référence.",
                alias=("ref", "reference de la demande", "n° de reference", "numero", "n°", "numero de la demande")),
        Colonne("Canal", "canal", "code", True, "Par où la demande est arrivée. Les demandes par téléphone sont "
                "acceptées mais n'entrent dans aucun délai de réponse écrite.", CANAUX, CANAUX_ADMIS,
                ("canal de reception", "mode de reception", "voie de reception")),
        Colonne("Nature", "nature", "code", True, "Ce que demande l'usager.", NATURES, NATURES_ADMISES,
                ("nature de la demande", "type de demande")),
        Colonne("Date de réception", "date_reception", "date", True, "Le jour où la demande est arrivée "
                "(jj/mm/aaaa).", alias=("date reception", "recue le", "recu le", "date d'arrivee", "arrivee le")),
        Colonne("Date de complétude", "date_completude", "date", False, "Pour une demande incomplète : le jour où "
                "elle a été complétée. Le délai d'une demande d'information (engagement 17 : « dès lors que la "
                "demande est complète ») court alors de cette date ; celui d'une réclamation, d'une suggestion (3) "
                "ou d'une demande de collectivité (36) court toujours de la réception.",
                alias=("date completude", "completee le", "complete le", "date de completude du dossier")),
        Colonne("Date de réponse", "date_reponse", "date", False, "Le jour de la réponse ; vide tant que la "
                "demande attend sa réponse.", alias=("date reponse", "repondu le", "reponse le",
                                                    "date de la reponse")),
        Colonne("Type de réponse", "type_reponse", "code", False, "« fond » pour une réponse sur le fond, "
                "« attente » pour une réponse d'attente.", TYPES_REPONSE, TYPES_REPONSE_ADMIS,
                ("type reponse", "nature de la reponse")),
        Colonne("Service", "service", "texte", False, "Le service qui a traité la demande.",
                alias=("service traitant", "service en charge", "bureau")),
        Colonne("Engagement", "engagement", "entier", False, "Le numéro de l'engagement auquel la ligne répond, "
                "obligatoire quand la nature ne le dit pas : mise à jour (1, 8, 11 ou 51), demande de pièces "
                "complémentaires (38, 39 ou 52), demande de rendez-vous (37 ou 40), traitement de dossier (38 ou "
                "52). Il doit être dans le périmètre du site.",
                alias=("n° d'engagement", "numero d'engagement", "engagement concerne", "engagement n°")),
        Colonne("Support", "support", "code", False, "Pour une mise à jour : ce qui a été mis à jour. Le site "
                "internet et le serveur vocal interactif ont chacun leur taux (3 jours ouvrés à compter de "
                "l'information du responsable de la mise à jour : la date de réception ; la date de réponse est "
                "le jour de la mise à jour).", SUPPORTS, SUPPORTS_ADMIS,
                ("support mis a jour", "support de la mise a jour", "media")),
        Colonne("Date de proposition", "date_proposition", "date", False, "Pour une demande de rendez-vous : le "
                "jour où la préfecture a proposé une date (dans les 4 jours ouvrés de la réception). Vide tant "
                "qu'aucune date n'est proposée.", alias=("date proposition", "propose le",
                                                         "date de proposition du rendez-vous")),
        Colonne("Date du rendez-vous", "date_rendez_vous", "date", False, "Pour une demande de rendez-vous : le "
                "jour du rendez-vous (dans les 10 jours ouvrés qui suivent la proposition). Une demande de "
                "rendez-vous n'a pas besoin de date de réponse.",
                alias=("date de rendez-vous", "date rendez-vous", "date du rdv", "rendez-vous le", "date rdv")),
        Colonne("Indisponibilité du demandeur", "indisponibilite", "code", False, "Pour une demande de "
                "rendez-vous : « oui » si le demandeur n'était pas disponible sur la période ; le rendez-vous "
                "sort alors du taux des 10 jours ouvrés et est compté à part (« sauf indisponibilité du "
                "demandeur »). Vide = non.", OUI_NON, ("oui", "non"),
                ("indisponibilite", "demandeur indisponible", "indisponible")),
        Colonne("Procédure", "procedure", "texte", False, "Pour un traitement de dossier : la procédure (police "
                "administrative) dont le délai annoncé s'applique, tel que le référent l'a fixé localement (page "
                "Sites) ; sans délai fixé, 30 jours ouvrés, délai par défaut, à remplacer. La date de réponse est "
                "le jour du traitement.", alias=("procedure", "type de dossier", "police administrative")),
        # not « Démarche »: the PAN attendance's own column (a PAN file taken for a journal would seem to have a header)
    )


NOTES = (
    "Mise à jour (engagements 1, 8, 11, 51) : Date de réception = le jour où le responsable de la mise à jour est "
    "informé ; Date de réponse = le jour de la mise à jour ; Support et Engagement obligatoires. Délai : 3 jours "
    "ouvrés ; le site internet et le serveur vocal interactif ont chacun leur taux (l'affichage n'entre dans aucun).",
    "Demande de rendez-vous (engagements 37, 40) : Date de proposition (dans les 4 jours ouvrés de la réception), "
    "Date du rendez-vous (dans les 10 jours ouvrés qui suivent la proposition), Indisponibilité du demandeur "
    "(« oui » : hors du taux des 10 jours, compté à part) ; pas de Date de réponse.",
    "Demande de pièces complémentaires (engagements 38, 39, 52) : Date de réception = réception du dossier ; Date "
    "de réponse = le jour où l'usager est contacté (dans les 10 jours ouvrés).",
    "Traitement de dossier (engagements 38, 52) : Date de réponse = le jour du traitement ; Procédure : le délai "
    "annoncé de la procédure, fixé localement (page Sites ou python -m qualepref delai-local) ; sans délai fixé, "
    "30 jours ouvrés, délai par défaut, à remplacer.",
    "Une ligne sans date de fin est jugée au jour de l'import du journal : en retard si son délai est dépassé, "
    "« en cours » sinon.",
)

KIND = Kind(
    "journal", "Journal des courriers, courriels et réclamations", "Journal", _colonnes_journal(),
    _finaliser_journal, cle_mois("date_reception"),
    ("reference", "canal", "nature", "date_reception", "date_completude", "date_reponse",
     "type_reponse", "service", *etapes.COLONNES_ETAPES),
    "Une ligne par demande écrite reçue (courrier, courriel, formulaire, urne) et sa réponse ; aussi les mises à "
    "jour (site internet, serveur vocal interactif, affichage), les demandes de rendez-vous, de pièces "
    "complémentaires et les traitements de dossier, avec l'engagement auquel elles répondent. Importer un mois "
    "déjà importé remplace ce mois (mois de la date de réception).", notes=NOTES)
