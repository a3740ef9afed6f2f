"""Perimeter rules: which modules a kind of site must, may and may not retain, checked with French sentences built
from the rule rows (a new referential brings its own rules without code)."""

from __future__ import annotations

from collections.abc import Iterable

from qualepref.referentiel.modele import NOMBRES, TYPES_SITE, Referentiel, RegleperimetreSite


def _plage(numeros: Iterable[int]) -> str:
    """Module numbers as French text: "3 à 6" when contiguous, else "3, 5 et 7"."""
    liste = sorted(set(numeros))
    if len(liste) > 2 and liste == list(range(liste[0], liste[-1] + 1)):
        return f"{liste[0]} à {liste[-1]}"
    if len(liste) <= 1:
        return "".join(str(n) for n in liste)
    return ", ".join(str(n) for n in liste[:-1]) + f" et {liste[-1]}"


def _site_cert(cert: bool) -> str:
    """"un site doté d'un CERT" / "un site sans CERT"."""
    return "un site doté d'un CERT" if cert else "un site sans CERT"


def _qui(ref: Referentiel, regles: list[RegleperimetreSite], regle: RegleperimetreSite) -> str:
    """The widest French description of the kinds of site in ``regles`` that still includes ``regle``."""
    if len(regles) == len(ref.perimetre):
        return "tout site"
    sortes = {(r.type_site, r.cert) for r in regles}
    if sortes >= {(r.type_site, r.cert) for r in ref.perimetre if r.cert == regle.cert}:
        return _site_cert(regle.cert)
    if sortes >= {(r.type_site, r.cert) for r in ref.perimetre if r.type_site == regle.type_site}:
        return TYPES_SITE[regle.type_site]
    avec = "dotée d'un CERT" if regle.cert else "sans CERT"
    return f"{TYPES_SITE[regle.type_site]} {avec}"


def _interdit(ref: Referentiel, regle: RegleperimetreSite, n: int) -> str:
    """The sentence for module ``n`` retained although ``regle`` does not allow it."""
    permises = [r for r in ref.perimetre if n in r.obligatoires + r.autorises]
    if not any(r.cert == regle.cert for r in permises):
        phrase = _site_cert(regle.cert)
        return f"{phrase[0].upper()}{phrase[1:]} ne peut pas retenir le module {n}."
    qui = TYPES_SITE[regle.type_site] if not any(r.type_site == regle.type_site for r in permises) else (
        _qui(ref, [regle], regle))
    return f"Le module {n} ne peut pas être retenu par {qui} (modules possibles : {_plage(regle.autorises)})."


def verifier_perimetre(ref: Referentiel, type_site: str, cert: bool, modules: Iterable[int]) -> list[str]:
    """French sentences naming each perimeter rule the choice of ``modules`` breaks; [] when it is valid.

    The sentences are built from the rule data (who a module is mandatory for, which modules are possible), so a
    new referential brings its own rules without code.
    """
    regle = next((r for r in ref.perimetre if r.type_site == type_site and r.cert == cert), None)
    if regle is None:
        quoi = TYPES_SITE.get(type_site, f"le type de site «{type_site}»")
        return [f"Le référentiel «{ref.titre}» ne prévoit pas de règle de périmètre pour {quoi} "
                f"{'avec' if cert else 'sans'} CERT."]
    choisis = set(modules)
    problemes = []
    connus = {m.numero for m in ref.modules}
    for n in sorted(choisis - connus):
        problemes.append(f"Le module {n} n'existe pas dans le référentiel «{ref.titre}».")
    for n in regle.obligatoires:
        if n not in choisis:
            qui = _qui(ref, [r for r in ref.perimetre if n in r.obligatoires], regle)
            problemes.append(f"Le module {n} est obligatoire pour {qui}.")
    for n in sorted((choisis & connus) - set(regle.obligatoires) - set(regle.autorises)):
        problemes.append(_interdit(ref, regle, n))
    metier = {m.numero for m in ref.modules if m.nature == "metier"}
    retenus = len((choisis | set(regle.obligatoires)) & metier & set(regle.obligatoires + regle.autorises))
    if retenus < regle.min_metier:
        manque = regle.min_metier - len(set(regle.obligatoires) & metier)
        nombre = NOMBRES.get(manque, str(manque))
        pluriel = "s" if manque > 1 else ""
        problemes.append(f"Retenez au moins {nombre} module{pluriel} métier parmi les modules "
                         f"{_plage(set(regle.autorises) & metier)}.")
    return problemes
