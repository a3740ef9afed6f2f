"""Reading one referential file's entries: typed fields, codes among the known ones, unique keys; every problem a
ReferentielInvalide naming the file, the entry and the field."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from qualepref.referentiel.modele import ReferentielInvalide


class _Lecteur:
    """Reads the entries of one file, raising ReferentielInvalide that names the file, the entry and the field."""

    def __init__(self, fichier: str) -> None:
        self.fichier = fichier

    def erreur(self, entree: str, champ: str, probleme: str) -> ReferentielInvalide:
        """The error for one field of one entry."""
        return ReferentielInvalide(f"{self.fichier}, {entree}, champ «{champ}» : {probleme}")

    def champ(self, donnees: Mapping, entree: str, nom: str, type_: type | tuple, defaut: Any = ...) -> Any:
        """A field of the right type; required unless a default is given."""
        if nom not in donnees:
            if defaut is ...:
                raise self.erreur(entree, nom, "champ obligatoire absent.")
            return defaut
        valeur = donnees[nom]
        if isinstance(valeur, bool) and bool not in (type_ if isinstance(type_, tuple) else (type_,)):
            raise self.erreur(entree, nom, f"valeur «{valeur}» de type inattendu.")
        if not isinstance(valeur, type_):
            raise self.erreur(entree, nom, f"valeur «{valeur}» de type inattendu.")
        return valeur

    def texte(self, donnees: Mapping, entree: str, nom: str, defaut: Any = ...) -> str:
        """A non-empty text field."""
        valeur = self.champ(donnees, entree, nom, str, defaut)
        if valeur is not defaut and not valeur.strip():
            raise self.erreur(entree, nom, "le texte est vide.")
        return valeur

    def parmi(self, donnees: Mapping, entree: str, nom: str, valeurs: Iterable[str], defaut: Any = ...) -> Any:
        """A field whose value is one of ``valeurs``."""
        valeur = self.champ(donnees, entree, nom, str, defaut)
        permises = tuple(valeurs)
        if valeur is not defaut and valeur not in permises:
            raise self.erreur(entree, nom, f"valeur «{valeur}» inconnue (valeurs permises : {', '.join(permises)}).")
        return valeur

    def liste(self, donnees: Mapping, entree: str, nom: str, type_: type, defaut: Any = ...) -> tuple:
        """A list field whose items all have type ``type_``."""
        valeur = self.champ(donnees, entree, nom, list, defaut)
        if valeur is defaut:
            return tuple(defaut) if defaut is not None else ()
        for item in valeur:
            if isinstance(item, bool) or not isinstance(item, type_):
                raise self.erreur(entree, nom, f"élément «{item}» de type inattendu.")
        return tuple(valeur)

    def codes(self, donnees: Mapping, entree: str, nom: str, connus: Iterable[str], defaut: Any = ...) -> tuple:
        """A list of codes, each among ``connus``."""
        valeurs = self.liste(donnees, entree, nom, str, defaut)
        permis = set(connus)
        for valeur in valeurs:
            if valeur not in permis:
                raise self.erreur(entree, nom, f"le code «{valeur}» est inconnu (codes permis : "
                                               f"{', '.join(sorted(permis))}).")
        return valeurs

    def uniques(self, cles: Iterable[Any], genre: str, champ: str) -> None:
        """Raise on the first key seen twice."""
        vus: set = set()
        for cle in cles:
            if cle in vus:
                raise self.erreur(f"{genre} «{cle}»", champ, f"la valeur «{cle}» est en double.")
            vus.add(cle)



def _copie(objet: Any, **changes: Any) -> Any:
    """A frozen dataclass with some fields replaced (inherited entries re-attached to this file's themes)."""
    return replace(objet, **changes)

