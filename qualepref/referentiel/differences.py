"""What changes when a new version of a referential replaces the one in place: one French line per change.

Each line names the engagement number or the indicator code: added, removed, renamed, moved to another module,
target changed; each délai rule added, removed or whose days changed. ``differences(ancien, nouveau)`` is what the
command line prints and the « Charger un référentiel » page shows before anything is stored.
"""

from __future__ import annotations

from qualepref import format as fmt
from qualepref.referentiel import Referentiel

AUCUNE = "Aucune différence avec la version en place."


def _cible(valeur: float | None, unite: str) -> str:
    """A target as people read it ("80 %", "aucune")."""
    return "aucune" if valeur is None else fmt.valeur_unite(valeur, unite)


def _modules(ancien: Referentiel, nouveau: Referentiel) -> list[str]:
    avant, apres = {m.numero: m for m in ancien.modules}, {m.numero: m for m in nouveau.modules}
    lignes = [f"Module {n} ajouté : « {apres[n].titre} »." for n in apres if n not in avant]
    lignes += [f"Module {n} retiré : « {avant[n].titre} »." for n in avant if n not in apres]
    lignes += [f"Module {n} renommé : « {avant[n].titre} » devient « {apres[n].titre} »."
               for n in apres if n in avant and avant[n].titre != apres[n].titre]
    return lignes


def _engagements(ancien: Referentiel, nouveau: Referentiel) -> list[str]:
    avant, apres = {e.numero: e for e in ancien.engagements}, {e.numero: e for e in nouveau.engagements}
    lignes = []
    for n, e in apres.items():
        if n not in avant:
            lignes.append(f"Engagement {n} ajouté (module {e.module}) : « {e.titre} ».")
            continue
        a = avant[n]
        if a.titre != e.titre:
            lignes.append(f"Engagement {n} renommé : « {a.titre} » devient « {e.titre} ».")
        if a.module != e.module:
            lignes.append(f"Engagement {n} déplacé du module {a.module} au module {e.module}.")
        if a.declinaisons != e.declinaisons or a.preuves != e.preuves or a.controle != e.controle:
            lignes.append(f"Engagement {n} : déclinaisons ou éléments de preuve modifiés.")
    lignes += [f"Engagement {n} retiré : « {e.titre} »." for n, e in avant.items() if n not in apres]
    return lignes


def _indicateurs(ancien: Referentiel, nouveau: Referentiel) -> list[str]:
    avant, apres = {i.code: i for i in ancien.indicateurs}, {i.code: i for i in nouveau.indicateurs}
    lignes = []
    for code, i in apres.items():
        if code not in avant:
            lignes.append(f"Indicateur {code} ajouté : « {i.libelle} ».")
            continue
        a = avant[code]
        if a.libelle != i.libelle:
            lignes.append(f"Indicateur {code} renommé : « {a.libelle} » devient « {i.libelle} ».")
        if a.cible != i.cible:
            lignes.append(f"Indicateur {code} : cible {_cible(a.cible, a.unite)} → {_cible(i.cible, i.unite)}.")
        if a.engagements != i.engagements:
            lignes.append(f"Indicateur {code} : engagements {', '.join(map(str, a.engagements))} → "
                          f"{', '.join(map(str, i.engagements))}.")
        autres = [nom for nom in ("unite", "sens", "periodicite", "nature", "source", "calcul", "mesure", "natures",
                                  "canaux", "themes", "agregation", "code_sp", "reprend", "libelle_court")
                  if getattr(a, nom, None) != getattr(i, nom, None)]
        if autres:
            lignes.append(f"Indicateur {code} : définition modifiée ({', '.join(autres)}).")
    lignes += [f"Indicateur {code} retiré : « {i.libelle} »." for code, i in avant.items() if code not in apres]
    return lignes


def _jours(n: int) -> str:
    return f"{n} jour{'s' if n > 1 else ''} ouvré{'s' if n > 1 else ''}"


def _delais(ancien: Referentiel, nouveau: Referentiel) -> list[str]:
    avant, apres = {r.code: r for r in ancien.delais}, {r.code: r for r in nouveau.delais}
    lignes = []
    for code, r in apres.items():
        if code not in avant:
            lignes.append(f"Règle de délai {code} ajoutée (engagement {r.engagement}) : {_jours(r.jours_ouvres)}.")
            continue
        a = avant[code]
        if a.jours_ouvres != r.jours_ouvres:
            lignes.append(f"Règle de délai {code} (engagement {r.engagement}) : délai {_jours(a.jours_ouvres)} → "
                          f"{_jours(r.jours_ouvres)}.")
        if (a.engagement, a.natures, a.canaux, a.annee_debut, a.annee_fin, a.reponses, a.seuil, a.delai_local) != (
                r.engagement, r.natures, r.canaux, r.annee_debut, r.annee_fin, r.reponses, r.seuil, r.delai_local):
            lignes.append(f"Règle de délai {code} : champ d'application modifié (engagement, natures, canaux, "
                          "années, réponses ou seuil).")
    lignes += [f"Règle de délai {code} retirée (engagement {r.engagement})." for code, r in avant.items()
               if code not in apres]
    return lignes


def _reste(ancien: Referentiel, nouveau: Referentiel) -> list[str]:
    lignes = []
    if (ancien.titre, ancien.version) != (nouveau.titre, nouveau.version):
        lignes.append(f"Version : « {ancien.titre}, {ancien.version} » devient « {nouveau.titre}, "
                      f"{nouveau.version} ».")
    if ancien.ebauche != nouveau.ebauche:
        lignes.append("Statut : ébauche devient texte officiel." if ancien.ebauche else
                      "Statut : texte officiel devient ébauche.")
    if ancien.dispositions != nouveau.dispositions:
        lignes.append("Dispositions d'organisation modifiées.")
    if ancien.perimetre != nouveau.perimetre:
        lignes.append("Règles de périmètre modifiées.")
    if (dict(ancien.canaux), dict(ancien.canal_delai), dict(ancien.natures), dict(ancien.reponses)) != (
            dict(nouveau.canaux), dict(nouveau.canal_delai), dict(nouveau.natures), dict(nouveau.reponses)):
        lignes.append("Tables de codes (canaux, natures, réponses) modifiées.")
    return lignes


def differences(ancien: Referentiel | None, nouveau: Referentiel) -> list[str]:
    """One French line per change from ``ancien`` (None: nothing in place) to ``nouveau``; [AUCUNE] when none."""
    if ancien is None:
        return [f"Nouveau référentiel « {nouveau.titre} » : {len(nouveau.modules)} modules, "
                f"{len(nouveau.engagements)} engagements, {len(nouveau.indicateurs)} indicateurs."]
    lignes = (_reste(ancien, nouveau) + _modules(ancien, nouveau) + _engagements(ancien, nouveau)
              + _indicateurs(ancien, nouveau) + _delais(ancien, nouveau))
    return lignes or [AUCUNE]
