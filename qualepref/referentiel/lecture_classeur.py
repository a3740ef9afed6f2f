"""Reading a referential workbook back (``classeur.classeur`` writes it): every cell checked, then the loader.

``lire_classeur(contenu, nom)`` opens the file with the data imports' guarded reader (size, zip bombs, macros),
checks every cell and cross-reference with messages naming file, sheet, row, column and value (``Probleme``, as a
data import does), and builds the Referentiel through the same loader as the TOML files
(``referentiel._construire``), so a workbook is held to exactly the rules of a file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from qualepref import referentiel as r
from qualepref.imports.readers import FichierRefuse, ouvrir
from qualepref.imports.validation import Probleme
from qualepref.referentiel.classeur import (
    CHAMPS_REFERENTIEL,
    FEUILLE_REFERENTIEL,
    FEUILLES,
    NON,
    OUI,
    PAR_NOM,
    Colonne,
    Feuille,
    colonnes,
    depuis_brut,
    sans_vides,
)

TAILLE_MAX = 5 * 1024 * 1024
LIGNES_MAX = 5000


class ClasseurInvalide(ValueError):
    """A workbook that cannot become a referential: every problem found, each naming its place."""

    def __init__(self, problemes: list[Probleme]) -> None:
        super().__init__("\n".join(p.texte for p in problemes))
        self.problemes = problemes


def _vide(valeur: Any) -> bool:
    if valeur is None:
        return True
    if isinstance(valeur, float) and math.isnan(valeur):
        return True
    return isinstance(valeur, str) and not valeur.strip()


def _texte(valeur: Any) -> str:
    """A cell as text: ``3`` for the float 3.0."""
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur).strip()


def _afficher(valeur: Any) -> str:
    return _texte(valeur)[:80]


def _entier(valeur: Any) -> int:
    """An integer cell (3, 3.0 or "3"); ValueError otherwise."""
    if isinstance(valeur, bool):
        raise ValueError
    if isinstance(valeur, float):
        if not valeur.is_integer():
            raise ValueError
        return int(valeur)
    if isinstance(valeur, int):
        return valeur
    return int(str(valeur).strip())


def _nombre(valeur: Any) -> float:
    if isinstance(valeur, bool):
        raise ValueError
    if isinstance(valeur, (int, float)):
        if not math.isfinite(float(valeur)):
            raise ValueError
        return float(valeur)
    return float(str(valeur).strip().replace(",", ".").replace("\u202f", "").replace(" ", ""))


_MESSAGES = {
    "entier": "un nombre entier est attendu", "nombre": "un nombre est attendu",
    "booleen": "« oui » ou « non » est attendu", "entiers": "des numéros séparés par des virgules sont attendus",
}


def _convertir(valeur: Any, c: Colonne) -> Any:
    """The plain value of a non-empty cell for column ``c``; ValueError with the French reason otherwise."""
    try:
        if c.genre == "entier":
            return _entier(valeur)
        if c.genre == "nombre":
            return _nombre(valeur)
        if c.genre == "booleen":
            if isinstance(valeur, bool):
                return valeur
            texte = _texte(valeur).lower()
            if texte not in (OUI, NON, "vrai", "faux"):
                raise ValueError
            return texte in (OUI, "vrai")
        if c.genre == "entiers":
            if isinstance(valeur, (int, float)) and not isinstance(valeur, bool):
                return [_entier(valeur)]
            return [_entier(x) for x in str(valeur).replace(";", ",").split(",") if x.strip()]
    except ValueError:
        raise ValueError(f"{_MESSAGES[c.genre]} (valeur « {_afficher(valeur)} »)") from None
    texte = _texte(valeur)
    if c.genre == "textes":
        return [x.strip() for x in texte.replace(";", ",").split(",") if x.strip()]
    if c.genre == "lignes":
        return [x.strip() for x in texte.splitlines() if x.strip()]
    if c.genre == "code":
        code = {"ébauche": "ebauche"}.get(texte, texte)
        if code not in c.valeurs:
            raise ValueError(f"valeur « {_afficher(valeur)} » inconnue (valeurs permises : {', '.join(c.valeurs)})")
        return code
    return texte


class _Lecture:
    """The problems found so far in one workbook, and the place helpers that build them."""

    def __init__(self, fichier: str) -> None:
        self.fichier = fichier
        self.problemes: list[Probleme] = []

    def probleme(self, feuille: str | None, ligne: int | None, colonne: str | None, valeur: Any,
                 message: str) -> None:
        self.problemes.append(Probleme(self.fichier, feuille, ligne, colonne,
                                       None if valeur is None else _afficher(valeur), message))


def _lignes_feuille(lecture: _Lecture, classeur_lu: Any, feuille: str,
                    cols: tuple[Colonne, ...]) -> list[tuple[int, dict]]:
    """The rows of one sheet as (Excel row, column key → plain value), cells checked; [] when the sheet is absent
    or unusable (the problem is recorded)."""
    if feuille not in classeur_lu.noms:
        lecture.probleme(None, None, None, None, f"la feuille « {feuille} » est absente.")
        return []
    lue = classeur_lu.feuille(feuille)
    entetes = [_texte(x) if not _vide(x) else "" for x in (lue.premieres[0] if lue.premieres else [])]
    position = {}
    for c in cols:
        if c.entete in entetes:
            position[c.cle] = entetes.index(c.entete)
        elif c.obligatoire or c in PAR_NOM.get(feuille, Feuille("", (), "")).colonnes:
            lecture.probleme(feuille, 1, c.entete, None, "colonne absente (ne renommez pas les en-têtes).")
    if any(c.obligatoire and c.cle not in position for c in cols):
        return []
    donnees = lue.donnees(1)
    lignes = []
    for numero, cellules in donnees.iterrows():
        valeurs = list(cellules)
        if all(_vide(v) for v in valeurs):
            continue
        ligne: dict = {}
        for c in cols:
            if c.cle not in position:
                continue
            j = position[c.cle]
            valeur = valeurs[j] if j < len(valeurs) else None
            if _vide(valeur):
                if c.obligatoire:
                    lecture.probleme(feuille, int(numero), c.entete, None, "valeur obligatoire absente.")
                continue
            try:
                ligne[c.cle] = _convertir(valeur, c)
            except ValueError as exc:
                lecture.probleme(feuille, int(numero), c.entete, valeur, f"{exc}.")
        lignes.append((int(numero), ligne))
    return lignes


def lire_classeur(contenu: bytes, nom_fichier: str,
                  resoudre: Callable[[str], r.Referentiel | None] | None = None) -> r.Referentiel:
    """The referential of a workbook written by ``classeur`` (and edited); ClasseurInvalide with every problem.

    ``resoudre`` gives the referential « Correspond à » names (the current version of it), to check what the
    correspondences cite; by default the built-in files.
    """
    lecture = _Lecture(nom_fichier)
    try:
        lu = ouvrir(contenu, nom_fichier, TAILLE_MAX, LIGNES_MAX)
    except FichierRefuse as exc:
        raise ClasseurInvalide([Probleme(nom_fichier, getattr(exc, "feuille", None), getattr(exc, "ligne", None),
                                         None, None, str(exc))]) from None
    lignes = {f.nom: _lignes_feuille(lecture, lu, f.nom, colonnes(f.nom)) for f in (FEUILLE_REFERENTIEL, *FEUILLES)}
    brut = _assembler(lecture, lignes, resoudre or _referentiel_integre)
    if lecture.problemes:
        ordre = {f.nom: i for i, f in enumerate((FEUILLE_REFERENTIEL, *FEUILLES))}
        raise ClasseurInvalide(sorted(lecture.problemes, key=lambda p: (
            ordre.get(p.feuille, -1), p.ligne or 0)))
    try:
        return depuis_brut(brut, nom_fichier)
    except r.ReferentielInvalide as exc:
        raise ClasseurInvalide([Probleme(nom_fichier, None, None, None, None, str(exc).removeprefix(
            f"{nom_fichier}, "))]) from None


def _referentiel_integre(code: str) -> r.Referentiel | None:
    """A built-in referential, None when no file has that code."""
    return r.charger(code) if code in r.versions() else None


def _assembler(lecture: _Lecture, lignes: dict[str, list[tuple[int, dict]]],
               resoudre: Callable[[str], r.Referentiel | None]) -> dict:
    """The plain data of the workbook's rows, every cross-reference checked where the user can fix it."""
    entete = _entete(lecture, lignes["Référentiel"])
    _uniques(lecture, "Modules", lignes["Modules"], "numero", "Numéro")
    modules = {l["numero"] for _, l in lignes["Modules"] if "numero" in l}
    _references(lecture, "Engagements", lignes["Engagements"], "module", "Module", modules, "le module")
    _uniques(lecture, "Engagements", lignes["Engagements"], "numero", "Engagement")
    engagements = {l["numero"]: l for _, l in lignes["Engagements"] if "numero" in l}
    for feuille in ("Déclinaisons", "Éléments de preuve"):
        _references(lecture, feuille, lignes[feuille], "engagement", "Engagement", engagements, "l'engagement")
    _uniques(lecture, "Indicateurs", lignes["Indicateurs"], "code", "Code")
    tables = _tables(lecture, lignes)
    for numero, l in lignes["Indicateurs"]:
        for n in l.get("engagements", []):
            if n not in engagements:
                lecture.probleme("Indicateurs", numero, "Engagement", n, f"l'engagement {n} n'existe pas "
                                 "(feuille « Engagements »).")
        for cle, entete_col, table in (("natures", "Natures de demande", "natures"), ("canaux", "Canaux", "canaux")):
            _codes(lecture, "Indicateurs", numero, entete_col, l.get(cle, []), tables[table])
    _uniques(lecture, "Délais", lignes["Délais"], "code", "Code")
    _references(lecture, "Délais", lignes["Délais"], "engagement", "Engagement", engagements, "l'engagement")
    for numero, l in lignes["Délais"]:
        if "jours_ouvres" in l and l["jours_ouvres"] <= 0:
            lecture.probleme("Délais", numero, "Jours ouvrés", l["jours_ouvres"],
                             f"le délai doit être un nombre positif de jours (valeur « {l['jours_ouvres']} »).")
        for cle, entete_col, table in (("natures", "Natures de demande", "natures"), ("canaux", "Canaux", "canaux"),
                                       ("reponses", "Réponses valables", "reponses")):
            _codes(lecture, "Délais", numero, entete_col, l.get(cle, []), tables[table])
    _uniques(lecture, "Dispositions", lignes["Dispositions"], "code", "Code")
    for numero, l in lignes["Périmètre"]:
        for cle, entete_col in (("obligatoires", "Modules obligatoires"), ("autorises", "Modules autorisés")):
            for n in l.get(cle, []):
                if n not in modules:
                    lecture.probleme("Périmètre", numero, entete_col, n, f"le module {n} n'existe pas "
                                     "(feuille « Modules »).")
    indicateurs = {l["code"]: l for _, l in lignes["Indicateurs"] if "code" in l}
    _correspondances(lecture, lignes["Correspondances"], entete.get("correspond_a"), engagements, indicateurs,
                     resoudre)
    return _brut(entete, lignes, tables)


def _entete(lecture: _Lecture, lignes: list[tuple[int, dict]]) -> dict:
    """The « Référentiel » sheet: code, titre, version, statut, correspond à."""
    entete: dict = {}
    for numero, l in lignes:
        champ = l.get("champ", "")
        cle = CHAMPS_REFERENTIEL.get(champ)
        if cle is None:
            lecture.probleme("Référentiel", numero, "Champ", champ,
                             f"champ inconnu (champs permis : {', '.join(CHAMPS_REFERENTIEL)}).")
        elif "valeur" in l:
            entete[cle] = l["valeur"]
    statut = {"ébauche": "ebauche"}.get(entete.get("statut", "officiel"), entete.get("statut"))
    if statut not in r.STATUTS:
        lecture.probleme("Référentiel", None, "Valeur", entete.get("statut"),
                         "statut inconnu (valeurs permises : officiel, ébauche).")
    entete["statut"] = statut
    for libelle, cle in list(CHAMPS_REFERENTIEL.items())[:3]:
        if not entete.get(cle):
            lecture.probleme("Référentiel", None, "Valeur", None, f"le champ « {libelle} » est obligatoire.")
    return entete


def _uniques(lecture: _Lecture, feuille: str, lignes: list[tuple[int, dict]], cle: str, entete: str) -> None:
    """A problem for every row repeating a key of an earlier row."""
    vus: dict = {}
    for numero, l in lignes:
        if cle not in l:
            continue
        if l[cle] in vus:
            lecture.probleme(feuille, numero, entete, l[cle],
                             f"la valeur « {l[cle]} » est en double (déjà ligne {vus[l[cle]]}).")
        else:
            vus[l[cle]] = numero


def _references(lecture: _Lecture, feuille: str, lignes: list[tuple[int, dict]], cle: str, entete: str,
                connus: Iterable, quoi: str) -> None:
    """A problem for every row citing a module or an engagement that does not exist."""
    connus = set(connus)
    cible = "Modules" if quoi == "le module" else "Engagements"
    for numero, l in lignes:
        if cle in l and l[cle] not in connus:
            lecture.probleme(feuille, numero, entete, l[cle],
                             f"{quoi} {l[cle]} n'existe pas (feuille « {cible} »).")


def _tables(lecture: _Lecture, lignes: dict) -> dict[str, set[str]]:
    """The codes of the canal, nature and réponse sheets (unique)."""
    tables = {}
    for feuille, nom in (("Canaux", "canaux"), ("Natures", "natures"), ("Réponses", "reponses")):
        _uniques(lecture, feuille, lignes[feuille], "code", "Code")
        tables[nom] = {l["code"] for _, l in lignes[feuille] if "code" in l}
    for numero, l in lignes["Canaux"]:
        if l.get("delai_comme") and l["delai_comme"] not in tables["canaux"]:
            lecture.probleme("Canaux", numero, "Délai comme", l["delai_comme"],
                             f"le canal « {l['delai_comme']} » n'existe pas (feuille « Canaux »).")
    return tables


def _codes(lecture: _Lecture, feuille: str, numero: int, entete: str, codes: list[str], connus: set[str]) -> None:
    for code in codes:
        if code not in connus:
            lecture.probleme(feuille, numero, entete, code, f"le code « {code} » est inconnu (codes permis : "
                                                             f"{', '.join(sorted(connus))}).")


def _correspondances(lecture: _Lecture, lignes: list[tuple[int, dict]], correspond_a: str | None,
                     engagements: dict, indicateurs: dict, resoudre: Callable[[str], r.Referentiel | None]) -> None:
    """Attach each correspondence to its engagement or indicator, after checking both ends."""
    autre = resoudre(correspond_a) if correspond_a else None
    if lignes and not correspond_a:
        lecture.probleme("Référentiel", None, "Valeur", None, "le champ « Correspond à » est obligatoire quand la "
                                                              "feuille « Correspondances » a des lignes.")
        return
    if lignes and autre is None:
        lecture.probleme("Référentiel", None, "Valeur", correspond_a,
                         f"le référentiel « {correspond_a} » (« Correspond à ») est inconnu.")
        return
    for numero, l in lignes:
        if "ici" not in l or "reprend" not in l or "type" not in l:
            continue
        if l["type"] == "engagement":
            try:
                ici, reprend = _entier(l["ici"]), _entier(l["reprend"])
            except ValueError:
                lecture.probleme("Correspondances", numero, "Numéro ou code", l["ici"],
                                 "un numéro d'engagement est attendu.")
                continue
            if ici not in engagements:
                lecture.probleme("Correspondances", numero, "Numéro ou code", ici,
                                 f"l'engagement {ici} n'existe pas (feuille « Engagements »).")
            elif reprend not in {e.numero for e in autre.engagements}:
                lecture.probleme("Correspondances", numero, "Reprend", reprend,
                                 f"l'engagement {reprend} n'existe pas dans « {autre.titre} ».")
            else:
                engagements[ici].setdefault("reprend", []).append(reprend)
        else:
            ici, reprend = _texte(l["ici"]), _texte(l["reprend"])
            if ici not in indicateurs:
                lecture.probleme("Correspondances", numero, "Numéro ou code", ici,
                                 f"l'indicateur « {ici} » n'existe pas (feuille « Indicateurs »).")
            elif reprend not in {i.code for i in autre.indicateurs}:
                lecture.probleme("Correspondances", numero, "Reprend", reprend,
                                 f"l'indicateur « {reprend} » n'existe pas dans « {autre.titre} ».")
            elif "reprend" in indicateurs[ici]:
                lecture.probleme("Correspondances", numero, "Numéro ou code", ici,
                                 f"l'indicateur « {ici} » a déjà une correspondance (un indicateur en reprend un).")
            else:
                indicateurs[ici]["reprend"] = reprend


def _brut(entete: dict, lignes: dict, tables: dict) -> dict:
    """The plain data, as a TOML file would hold it."""
    courts: dict[str, dict] = {"modules": {}, "engagements": {}, "indicateurs": {}}

    def rangees(feuille: str, genre: str | None = None, cle: str = "numero") -> list[dict]:
        sortie = []
        listes = [c.cle for c in colonnes(feuille) if c.genre in ("entiers", "textes", "lignes")]
        for _, l in lignes[feuille]:
            l = {cle: [] for cle in listes} | l
            court = l.pop("libelle_court", None)
            if genre and court and cle in l:
                courts[genre][str(l[cle])] = court
            sortie.append(l)
        return sortie

    engagements = rangees("Engagements", "engagements")
    par_numero = {e["numero"]: e for e in engagements if "numero" in e}
    for _, l in lignes["Déclinaisons"]:
        if l.get("engagement") in par_numero:
            par_numero[l["engagement"]].setdefault("declinaisons", {})[l.get("code", "")] = l.get("texte", "")
    for _, l in lignes["Éléments de preuve"]:
        if l.get("engagement") in par_numero:
            par_numero[l["engagement"]].setdefault("preuves", []).append(l.get("texte", ""))
    canaux = {l["code"]: sans_vides({"libelle": l.get("libelle"), "delai_comme": l.get("delai_comme")})
              for _, l in lignes["Canaux"] if "code" in l}
    return {
        "referentiel": sans_vides(entete), "canaux": canaux,
        "natures": {l["code"]: l.get("libelle", "") for _, l in lignes["Natures"] if "code" in l},
        "reponses": {l["code"]: l.get("libelle", "") for _, l in lignes["Réponses"] if "code" in l},
        "modules": rangees("Modules", "modules"), "engagements": engagements,
        "indicateurs": rangees("Indicateurs", "indicateurs", "code"), "delais": rangees("Délais"),
        "dispositions": rangees("Dispositions"), "perimetre": rangees("Périmètre"),
        "libelles_courts": {genre: t for genre, t in courts.items() if t},
    }
