"""Déclaration d'accessibilité: what is and is not conform, honestly (State sites must publish one)."""

import streamlit as st

from pages.commun import garde

with garde():
    st.title("Déclaration d'accessibilité", anchor=False)
    st.markdown("""
La préfecture s'engage à rendre ce service accessible conformément à l'article 47 de la loi n° 2005-102 du
11 février 2005. Cette déclaration s'applique à l'application **qualepref**.

## État de conformité
L'application est **partiellement conforme** au référentiel général d'amélioration de l'accessibilité (RGAA 4.1).
Aucun audit complet n'a encore été réalisé : cette déclaration repose sur une auto-évaluation de l'équipe.

## Ce qui est fait
- Chaque graphique est accompagné d'une alternative textuelle (tableau ou phrase donnant ses chiffres).
- Les couleurs des statuts sont toujours doublées d'un libellé (« Atteint », « Proche », « Non atteint »,
  « Non mesuré ») : l'information ne repose jamais sur la couleur seule.
- Les textes sont en français ; les nombres, pourcentages et dates suivent les formats français.
- La page « Résultats publiés » est lisible sur un téléphone.

## Ce qui n'est pas conforme
- Les composants de l'environnement Streamlit (tableaux interactifs, listes déroulantes, graphiques Vega)
  ne sont pas entièrement utilisables au clavier et avec un lecteur d'écran ; les tableaux interactifs en
  particulier ne restituent pas toujours leurs en-têtes.
- Le contraste de certains éléments d'interface (textes secondaires gris) n'a pas été vérifié partout.
- La langue des contenus n'est pas déclarée sur chaque élément.

## Contenus non soumis à l'obligation
Les fichiers importés par les services (tableurs) et les exports bureautiques générés à partir de ces données.

## Retour d'information et contact
Si vous n'arrivez pas à accéder à un contenu, contactez le référent qualité de la préfecture : il vous
transmettra l'information sous une forme accessible.

## Voies de recours
Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu, que vous nous l'avez signalé
et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez saisir le Défenseur des droits
(formulaire en ligne ou courrier gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).
""")
