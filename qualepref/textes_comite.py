"""« Textes du comité »: what only the référent knows, typed once and kept with the publication of a period.

The comité deck computes what the data can say; the rest — who steers the démarche at this site, the label's dates,
volumes the app does not import, the survey's points positifs and points à améliorer, the Services Publics+ network,
examples of actions carried out, contacts — she types here (``CHAMPS``: a registry of the fields, their labels and
limits). Each field is lines of plain text: the deck prints them as text (never as markup), and a ``Libellé : valeur``
line is split into a bold label and its value (volumes, examples by axe, contacts).

Stored per site and period (``store.pilotage.save_textes_comite``); ``publication.resultats_publies`` hands them out
with the publication's facts (``faits["textes"]``), so the deck of a period always uses that period's texts.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple


class Champ(NamedTuple):
    """One field of the form: its label, help text, a single line or several, its limit in characters."""

    libelle: str
    aide: str
    plusieurs_lignes: bool = True
    limite: int = 2000


CHAMPS: dict[str, Champ] = {
    "referent": Champ("Intitulé du pilote de la démarche",
                      "Tel qu'il figure sur la diapositive « Pilotage » (par exemple « La référente qualité »).",
                      plusieurs_lignes=False, limite=120),
    "dates_label": Champ("Dates du label", "Une ligne par date, par exemple « Label Qual-e-pref obtenu : 2022 ».",
                         limite=600),
    "volumes": Champ("Volumes de l'année",
                     "Une ligne « Libellé : valeur » par volume (appels traités par le SVI, visites du site, vues "
                     "sur les réseaux sociaux, dossiers contrôlés, instruits, rejetés...)."),
    "points_positifs": Champ("Points positifs mis en avant par l'enquête", "Un point par ligne."),
    "points_a_ameliorer": Champ("Points à améliorer", "Un point par ligne."),
    "services_publics_plus": Champ("Programme Services Publics+",
                                   "Une ligne par fait : agents qui répondent aux avis, référents locaux, "
                                   "structures couvertes."),
    "exemples_actions": Champ("Exemples d'actions réalisées",
                              "Une ligne « Axe : action » par exemple (ou choisies parmi les actions réalisées "
                              "du plan)."),
    "faits_marquants": Champ("Faits marquants de l'année", "Un fait par ligne."),
    "contacts": Champ("Contacts", "Une ligne « Service : adresse » par contact.", limite=1000),
}


@dataclass(frozen=True)
class TextesComite:
    """The texts of one site and period (empty strings when not typed)."""

    referent: str = ""
    dates_label: str = ""
    volumes: str = ""
    points_positifs: str = ""
    points_a_ameliorer: str = ""
    services_publics_plus: str = ""
    exemples_actions: str = ""
    faits_marquants: str = ""
    contacts: str = ""

    @classmethod
    def depuis(cls, donnees: object) -> TextesComite:
        """From stored data (a mapping; unknown keys ignored, anything else → empty texts)."""
        if not isinstance(donnees, dict):
            return cls()
        return cls(**{f.name: str(donnees.get(f.name) or "") for f in fields(cls)})

    def vers_dict(self) -> dict[str, str]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def lignes(self, champ: str) -> list[str]:
        """The non-empty lines of a field, stripped."""
        return [ligne.strip() for ligne in getattr(self, champ).splitlines() if ligne.strip()]

    def paires(self, champ: str) -> list[tuple[str, str]]:
        """The lines of a field as (label, value): ``Libellé : valeur`` split at the first « : » (no label
        otherwise)."""
        paires = []
        for ligne in self.lignes(champ):
            avant, deux_points, apres = ligne.partition(":")
            paires.append((avant.strip(), apres.strip()) if deux_points and avant.strip() and apres.strip()
                          else ("", ligne))
        return paires


def periodes(annees: list[int]) -> list[str]:
    """The periods texts can be typed for: each year (newest first), then its quarters."""
    return [p for annee in sorted(annees, reverse=True) for p in (str(annee), *(f"{annee}-T{t}" for t in range(1, 5)))]


class TexteInvalide(ValueError):
    """A field of the form is too long or holds a control character (French message naming the field)."""


def valider(saisie: dict[str, object]) -> TextesComite:
    """The texts typed in the form, checked: each field within its limit, no control character but line ends;
    trailing spaces dropped. Raises ``TexteInvalide`` naming the field."""
    propres: dict[str, str] = {}
    for nom, champ in CHAMPS.items():
        texte = str(saisie.get(nom) or "").replace("\r\n", "\n").replace("\r", "\n")
        if not champ.plusieurs_lignes:
            texte = " ".join(texte.split("\n"))
        texte = "\n".join(ligne.rstrip() for ligne in texte.strip().split("\n"))
        if len(texte) > champ.limite:
            raise TexteInvalide(f"« {champ.libelle} » : {len(texte)} caractères, au plus {champ.limite}.")
        if any(ord(c) < 32 and c not in "\n\t" or 0x7F <= ord(c) < 0xA0 for c in texte):
            raise TexteInvalide(f"« {champ.libelle} » contient un caractère de contrôle : retirez-le.")
        propres[nom] = texte.replace("\t", " ")
    return TextesComite(**propres)
