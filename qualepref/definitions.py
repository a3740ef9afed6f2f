"""What rule each figure applies, in French, citing the referential: the help text of a figure on the pages, the
``regle`` of an indicator row in ``resultats --format json``, a publication and the bilan.

The sentences are built from the referential data (nature, ``agregation``, ``seuil``, ``par_critere``,
``mystere``...) and the source the figure came from (``journal``, ``enquête``, ``enquête mystère``, ``import``,
``pan``, ``crises``), so a new referential version brings its own help texts without code. Each text ends with the
referential's own sentence (``citation``).
"""

from __future__ import annotations

from collections.abc import Callable

from qualepref import format as fmt
from qualepref.calendrier import CONVENTION_JOURS_OUVRES
from qualepref.referentiel import Indicateur

SATISFACTION = ("Taux de satisfaction = (très satisfaits + satisfaits) / réponses exprimées (hors « sans avis »), "
                "sur les thèmes de l'enquête reconnus pour cet indicateur")
MYSTERE = ("Source : enquête mystère, faute d'enquête de satisfaction sur ces thèmes cette année (le référentiel dit "
           "« ou enquête mystère ») : taux de conformité = contrôles conformes / contrôles")
PAR_CRITERE = ("Un taux par critère (enquête de satisfaction et enquêtes mystère hors canal physique), donné en "
               "détail ; la valeur affichée est celle du critère le plus bas : l'indicateur n'est atteint que si "
               "chaque critère atteint la cible")


def _aggregation(ind: Indicateur) -> str:
    """How a quarter's or a year's value is made from months (imported values)."""
    if ind.agregation == "moyenne":
        return "Sur un trimestre ou une année : moyenne des valeurs mensuelles, jamais leur somme (« par mois »)"
    if ind.nature == "nombre":
        return "Sur un trimestre ou une année : somme des valeurs des mois"
    if ind.nature == "delai_moyen":
        return "Sur un trimestre ou une année : moyenne pondérée par le nombre de dossiers quand il est connu"
    return "Sur un trimestre ou une année : rapport des sommes (numérateurs / dénominateurs) quand ils sont connus"


def _enquete(ind: Indicateur, source: str) -> list[str]:
    if ind.par_critere:
        return [PAR_CRITERE]
    phrases = [SATISFACTION + (" (taux net : satisfaits − insatisfaits)" if ind.mesure == "taux_net" else "")]
    if source == "enquête mystère":
        phrases = [MYSTERE]
    if ind.mystere_sauf_canaux:
        phrases.append("Les enquêtes mystère du canal physique n'y entrent pas (« sauf canal physique »)")
    return phrases


def _journal(ind: Indicateur, source: str) -> list[str]:
    if ind.aide:  # the referential data word the rule (départ, answers admitted, « état au », canals, target)
        return [ind.aide.rstrip(". ")]
    if ind.mesure == "delai_moyen":
        return ["Délai moyen = somme des délais en jours ouvrés des demandes répondues / nombre de ces demandes"]
    return [("Taux dans le délai = réponses dans le délai / (réponses dans le délai + hors délai), délais en jours "
             "ouvrés ; les demandes dont le délai court encore sont comptées à part")]


def _pan(ind: Indicateur, source: str) -> list[str]:
    return [("Usagers accueillis aux points d'accès numériques (fréquentation importée) / jours d'ouverture du "
             "point sur la période (réglage du site ; par défaut les jours ouvrés)")]


def _crises(ind: Indicateur, source: str) -> list[str]:
    if ind.mesure == "delai_moyen":
        return [("Délai moyen, en heures, entre l'activation et l'information des élus, sur les crises du journal "
                 "des crises (montré à part du taux)")]
    heures = fmt.nombre(ind.delai_heures or 0, 0 if float(ind.delai_heures or 0).is_integer() else 1)
    pluriel = "s" if (ind.delai_heures or 0) >= 2 else ""
    return [(f"Part des crises du journal des crises où les élus ont été informés en moins de {heures} heure"
             f"{pluriel} après l'activation du COD, jugée crise par crise ; une crise dont les élus ne sont pas "
             "encore informés est hors délai dès que ce délai est passé au dernier import du journal des crises, "
             "hors taux tant qu'il court")]


CALCULS: dict[str | None, Callable[[Indicateur, str], list[str]]] = {
    "enquete": _enquete, "journal": _journal, "pan": _pan, "crises": _crises,
}


def regle(ind: Indicateur, source: str | None = None) -> str:
    """The help text of ``ind``'s figure: how it was computed (from ``source`` when known), its floor, and the
    referential's sentence."""
    source = source or ""
    if source == "import" or ind.calcul not in CALCULS or (not source and ind.calcul is None):
        phrases = [_aggregation(ind)]
    else:
        phrases = CALCULS[ind.calcul](ind, source)
    if ind.seuil is not None:
        phrases.append(f"Seuil du référentiel : {fmt.valeur_unite(ind.seuil, ind.unite)} minimum ; en dessous, "
                       "« non atteint », sans marge, et la cible du site ne peut pas être plus basse")
    return ". ".join(phrases) + f". Référentiel : {ind.citation}"


def delais_locaux(locaux: list[dict]) -> str:
    """The local délais a « fixé localement » figure applied (``etapes.regles_des_etapes``): one phrase, the
    referential's default named « délai par défaut, à remplacer »; "" when none."""
    if not locaux:
        return ""
    morceaux = []
    for d in sorted(locaux, key=lambda x: (x["defaut"], x["procedure"])):
        quoi = f"procédure « {d['procedure']} »" if d["procedure"] else "toutes procédures"
        jours = f"{fmt.nombre(d['jours_ouvres'], 0)} jours ouvrés"
        morceaux.append(f"{jours} ({quoi} : délai par défaut, à remplacer)" if d["defaut"]
                        else f"{jours} ({quoi} : délai fixé localement par le site)")
    return "Délai appliqué : " + " ; ".join(morceaux) + "."


def aide(regle_de_la_ligne: object, unite: str) -> str | None:
    """The help text shown next to a figure: its rule (``regle`` of its row, absent from an old publication) and,
    for a figure in days, how jours ouvrés are counted."""
    textes = [regle_de_la_ligne if isinstance(regle_de_la_ligne, str) and regle_de_la_ligne else None,
              CONVENTION_JOURS_OUVRES if "jour" in str(unite) else None]
    return " ".join(t for t in textes if t) or None


__all__ = ["CALCULS", "aide", "delais_locaux", "regle"]
