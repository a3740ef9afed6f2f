"""Checks across the entries of one referential file, once every entry is read: a computed indicator says what it
computes on, a journal indicator counts every canal counted as one of its canals, a délai rule's floor is carried by
an indicator."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from qualepref.referentiel.lecteur import _Lecteur
from qualepref.referentiel.modele import PAR_UNITE_DE_TEMPS, Indicateur, RegleDelai
from qualepref.referentiel.recherche import _normaliser


def _verifier_calcul(lecteur: _Lecteur, ind: Indicateur) -> None:
    """A computed indicator says what it computes on: a journal one its measure, natures and canals; a survey one
    its themes."""
    entree = f"indicateur «{ind.code}»"
    if ind.calcul == "journal":
        for nom, valeur in (("mesure", ind.mesure), ("natures", ind.natures), ("canaux", ind.canaux)):
            if not valeur:
                raise lecteur.erreur(entree, nom, "obligatoire pour un indicateur calculé sur le journal.")
    if ind.calcul == "enquete" and not ind.themes:
        raise lecteur.erreur(entree, "themes", "obligatoire pour un indicateur calculé sur l'enquête.")
    if ind.calcul == "crises" and (ind.mesure is None or (ind.mesure == "taux_delai" and ind.delai_heures is None)):
        nom = "mesure" if ind.mesure is None else "delai_heures"
        raise lecteur.erreur(entree, nom, "obligatoire pour un indicateur calculé sur le journal des crises.")
    if (ind.mystere or ind.par_critere) and ind.calcul != "enquete":
        nom = "mystere" if ind.mystere else "par_critere"
        raise lecteur.erreur(entree, nom, "réservé à un indicateur calculé sur l'enquête (calcul = \"enquete\").")
    if PAR_UNITE_DE_TEMPS.search(_normaliser(ind.libelle)) and ind.agregation != "moyenne":
        raise lecteur.erreur(entree, "agregation", "le libellé dit « par mois » ou « par jour » : sur un trimestre "
                                                   "ou une année, la valeur est la moyenne (agregation = \"moyenne\").")


def _verifier_seuils(lecteur: _Lecteur, indicateurs: Iterable[Indicateur], regles: Iterable[RegleDelai]) -> None:
    """Every délai rule with a ``seuil`` is carried, with that floor, by an indicator of its engagement."""
    for regle in regles:
        if regle.seuil is None:
            continue
        if not any(regle.engagement in i.engagements and i.seuil == regle.seuil for i in indicateurs):
            raise lecteur.erreur(f"règle de délai «{regle.code}»", "seuil",
                                 f"aucun indicateur de l'engagement {regle.engagement} ne porte ce seuil "
                                 f"({regle.seuil:g}) : ajoutez « seuil = {regle.seuil:g} » à son indicateur.")


def _verifier_canaux(lecteur: _Lecteur, ind: Indicateur, canal_delai: Mapping[str, str]) -> None:
    """A journal indicator counts every canal that counts as one of its canals (the urne as a courrier, the
    formulaire as a courriel: ``[canaux]``'s ``delai_comme``), so that no figure leaves one out."""
    if ind.calcul != "journal":
        return
    vises = {canal_delai.get(c, c) for c in ind.canaux}
    manquants = [c for c, comme in canal_delai.items() if comme in vises and c not in ind.canaux]
    if manquants:
        raise lecteur.erreur(f"indicateur «{ind.code}»", "canaux",
                             f"le canal «{manquants[0]}» compte comme «{canal_delai[manquants[0]]}» : il doit "
                             "figurer dans la liste.")
