"""Short display labels (section ``[libelles_courts]``): tiles, chart axes, slides; the full text stays the
reference and is shown as help next to them."""

from __future__ import annotations

from collections.abc import Mapping

from qualepref.referentiel.lecteur import _copie, _Lecteur
from qualepref.referentiel.modele import LONGUEUR_LIBELLE_COURT

_GENRES_LIBELLE_COURT = {"modules": "module", "engagements": "engagement", "indicateurs": "indicateur"}


def _libelles_courts(lecteur: _Lecteur, brut: Mapping, **entrees: list) -> dict[str, list]:
    """The entries of each kind with their short label from ``[libelles_courts.<genre>]`` (key: number or code).

    A short label is a non-empty text of at most LONGUEUR_LIBELLE_COURT characters, for an entry of this file (an
    inherited indicator included); an unknown key or kind is refused. An entry without one keeps its own (inherited
    indicators: the parent's) or its full text.
    """
    section = lecteur.champ(brut, "table [libelles_courts]", "libelles_courts", dict, {})
    for genre in section:
        if genre not in _GENRES_LIBELLE_COURT:
            raise lecteur.erreur("table [libelles_courts]", genre,
                                 f"genre inconnu (genres permis : {', '.join(_GENRES_LIBELLE_COURT)}).")
    resultat = {}
    for genre, liste in entrees.items():
        table = lecteur.champ(section, "table [libelles_courts]", genre, dict, {})
        cle_de = (lambda e: e.code) if genre == "indicateurs" else (lambda e: str(e.numero))
        connus = {cle_de(e) for e in liste}
        entree = f"table [libelles_courts.{genre}]"
        for cle, texte in table.items():
            if cle not in connus:
                raise lecteur.erreur(entree, cle, f"{_GENRES_LIBELLE_COURT[genre]} inconnu dans ce référentiel.")
            if not isinstance(texte, str) or not texte.strip():
                raise lecteur.erreur(entree, cle, "le libellé court doit être un texte non vide.")
            if len(texte) > LONGUEUR_LIBELLE_COURT:
                raise lecteur.erreur(entree, cle, f"le libellé court a {len(texte)} caractères "
                                                  f"({LONGUEUR_LIBELLE_COURT} au plus).")
        resultat[genre] = [_copie(e, libelle_court=table[cle_de(e)]) if cle_de(e) in table else e for e in liste]
    return resultat
