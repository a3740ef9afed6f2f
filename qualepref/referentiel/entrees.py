"""Each kind of entry of a referential file read and checked on its own: code tables, modules, engagements,
indicators, délai rules, dispositions, perimeter rules, and the entries inherited from a parent (``[herite]``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from qualepref.referentiel.lecteur import _copie, _Lecteur
from qualepref.referentiel.modele import (
    AGREGATIONS,
    CALCULS,
    CANAUX_MYSTERE,
    CHAPITRES_INDICATEUR,
    MESURES,
    NATURES_INDICATEUR,
    NATURES_MODULE,
    PERIODICITES,
    SENS,
    SOURCES,
    TYPES_SITE,
    Declinaison,
    Disposition,
    Engagement,
    Indicateur,
    Module,
    Referentiel,
    RegleDelai,
    RegleperimetreSite,
)


def _tables_de_codes(lecteur: _Lecteur, brut: Mapping, parent: Referentiel | None) -> dict[str, Mapping[str, str]]:
    """Canal, nature and réponse labels, and the canal whose délai applies; inherited when the file has none."""
    if "canaux" not in brut and parent is not None:
        return {"canaux": parent.canaux, "canal_delai": parent.canal_delai, "natures": parent.natures,
                "reponses": parent.reponses} | {
            nom: MappingProxyType(dict(brut[nom])) for nom in ("natures", "reponses") if nom in brut}
    canaux_bruts = lecteur.champ(brut, "table [canaux]", "canaux", dict)
    canaux, delai_comme = {}, {}
    for code, valeurs in canaux_bruts.items():
        entree = f"canal «{code}»"
        canaux[code] = lecteur.texte(valeurs, entree, "libelle")
        delai_comme[code] = lecteur.texte(valeurs, entree, "delai_comme", code)
    for code, vise in delai_comme.items():
        if vise not in canaux:
            raise lecteur.erreur(f"canal «{code}»", "delai_comme", f"le canal «{vise}» n'existe pas.")
    tables = {"canaux": canaux, "canal_delai": delai_comme}
    for nom in ("natures", "reponses"):
        table = lecteur.champ(brut, f"table [{nom}]", nom, dict)
        for code, libelle in table.items():
            if not isinstance(libelle, str) or not libelle.strip():
                raise lecteur.erreur(f"table [{nom}]", code, "le libellé doit être un texte non vide.")
        tables[nom] = table
    return {nom: MappingProxyType(dict(t)) for nom, t in tables.items()}


def _modules(lecteur: _Lecteur, brut: Mapping) -> tuple[Module, ...]:
    """The modules, unique by number."""
    modules = []
    for i, m in enumerate(lecteur.champ(brut, "table [[modules]]", "modules", list), 1):
        entree = f"module «{m.get('numero', f'n° {i} dans le fichier')}»"
        modules.append(Module(
            numero=lecteur.champ(m, entree, "numero", int), titre=lecteur.texte(m, entree, "titre"),
            nature=lecteur.parmi(m, entree, "nature", NATURES_MODULE), citation=lecteur.texte(m, entree, "citation"),
        ))
    lecteur.uniques((m.numero for m in modules), "module", "numero")
    return tuple(modules)


def _engagements(lecteur: _Lecteur, brut: Mapping, modules: tuple[Module, ...],
                 parent: Referentiel | None, correspond_a: str | None = None) -> tuple[Engagement, ...]:
    """The engagements, unique by number, each in a real module; ``reprend`` points at the parent's engagements."""
    numeros_modules = {m.numero for m in modules}
    engagements = []
    for i, e in enumerate(lecteur.champ(brut, "table [[engagements]]", "engagements", list), 1):
        entree = f"engagement «{e.get('numero', f'n° {i} dans le fichier')}»"
        numero = lecteur.champ(e, entree, "numero", int)
        module = lecteur.champ(e, entree, "module", int)
        if module not in numeros_modules:
            raise lecteur.erreur(entree, "module", f"le module {module} n'existe pas.")
        declinaisons = lecteur.champ(e, entree, "declinaisons", dict, {})
        for code, texte in declinaisons.items():
            if not isinstance(texte, str) or not texte.strip():
                raise lecteur.erreur(entree, "declinaisons", f"la déclinaison «{code}» n'a pas de texte.")
        preuves = lecteur.liste(e, entree, "preuves", str, [])
        reprend = lecteur.liste(e, entree, "reprend", int, [])
        if reprend and parent is None and correspond_a is None:
            raise lecteur.erreur(entree, "reprend", "le fichier n'hérite d'aucun référentiel ([herite]) et ne dit "
                                                    "pas à quel référentiel il correspond (« correspond_a »).")
        for n in reprend if parent is not None else ():
            if n not in {x.numero for x in parent.engagements}:
                raise lecteur.erreur(entree, "reprend", f"l'engagement {n} n'existe pas dans «{parent.code}».")
        conditionnelles, motif = _preuves_conditionnelles(lecteur, e, entree, preuves)
        engagements.append(Engagement(
            numero=numero, module=module, titre=lecteur.texte(e, entree, "titre"),
            declinaisons=tuple(Declinaison(code, texte) for code, texte in declinaisons.items()),
            controle=lecteur.texte(e, entree, "controle", " ".join(preuves)), preuves=preuves, reprend=reprend,
            sans_objet=lecteur.texte(e, entree, "sans_objet", ""), preuves_conditionnelles=conditionnelles,
            motif_conditionnel=motif,
        ))
    lecteur.uniques((e.numero for e in engagements), "engagement", "numero")
    return tuple(engagements)


def _preuves_conditionnelles(lecteur: _Lecteur, e: Mapping, entree: str, preuves: tuple[str, ...]
                             ) -> tuple[tuple[int, ...], str]:
    """The numbers of the conditional éléments de preuve (each an element of the engagement) and the referential's
    words saying so (required with them: « sans objet » is allowed only where the text allows it)."""
    numeros = lecteur.liste(e, entree, "preuves_conditionnelles", int, [])
    for n in numeros:
        if not 1 <= n <= max(len(preuves), 1):
            raise lecteur.erreur(entree, "preuves_conditionnelles", f"l'élément de preuve n° {n} n'existe pas "
                                 f"(l'engagement en a {max(len(preuves), 1)}).")
    motif = lecteur.texte(e, entree, "motif_conditionnel", "")
    if numeros and not motif:
        raise lecteur.erreur(entree, "motif_conditionnel", "obligatoire avec « preuves_conditionnelles » : citez "
                             "les mots du référentiel qui rendent ces éléments conditionnels.")
    return tuple(numeros), motif


def _indicateur(lecteur: _Lecteur, i: Mapping, tables: Mapping, numeros: Mapping[int, int]) -> Indicateur:
    """One indicator, checked against the engagements (``numeros``: engagement → module) and the code tables."""
    entree = f"indicateur «{i.get('code', '?')}»"
    engagements = lecteur.liste(i, entree, "engagements", int)
    if not engagements:
        raise lecteur.erreur(entree, "engagements", "au moins un engagement est attendu.")
    for n in engagements:
        if n not in numeros:
            raise lecteur.erreur(entree, "engagements", f"l'engagement {n} n'existe pas.")
    cible = lecteur.champ(i, entree, "cible", (int, float), None)
    return Indicateur(
        code=lecteur.texte(i, entree, "code"), libelle=lecteur.texte(i, entree, "libelle"),
        engagements=engagements, module=numeros[engagements[0]],
        nature=lecteur.parmi(i, entree, "nature", NATURES_INDICATEUR), unite=lecteur.texte(i, entree, "unite"),
        periodicite=lecteur.parmi(i, entree, "periodicite", PERIODICITES),
        source=lecteur.parmi(i, entree, "source", SOURCES), sens=lecteur.parmi(i, entree, "sens", SENS),
        cible=None if cible is None else float(cible),
        cible_referentiel=lecteur.champ(i, entree, "cible_referentiel", bool, False),
        chapitre=lecteur.parmi(i, entree, "chapitre", CHAPITRES_INDICATEUR),
        citation=lecteur.texte(i, entree, "citation"),
        calcul=lecteur.parmi(i, entree, "calcul", CALCULS, None),
        mesure=lecteur.parmi(i, entree, "mesure", MESURES, None),
        natures=lecteur.codes(i, entree, "natures", tables["natures"], []),
        canaux=lecteur.codes(i, entree, "canaux", tables["canaux"], []),
        themes=lecteur.liste(i, entree, "themes", str, []),
        agregation=lecteur.parmi(i, entree, "agregation", AGREGATIONS, None),
        code_sp=lecteur.texte(i, entree, "code_sp", None), reprend=lecteur.texte(i, entree, "reprend", None),
        seuil=_seuil(lecteur, i, entree),
        par_critere=lecteur.champ(i, entree, "par_critere", bool, False),
        mystere=lecteur.champ(i, entree, "mystere", bool, False),
        mystere_canaux=lecteur.codes(i, entree, "mystere_canaux", CANAUX_MYSTERE, []),
        mystere_sauf_canaux=lecteur.codes(i, entree, "mystere_sauf_canaux", CANAUX_MYSTERE, []),
        delai_heures=_delai_heures(lecteur, i, entree),
        cible_selon_delai=lecteur.champ(i, entree, "cible_selon_delai", bool, False),
        aide=lecteur.texte(i, entree, "aide", ""),
    )


def _seuil(lecteur: _Lecteur, i: Mapping, entree: str) -> float | None:
    """An indicator's floor: a number, within 0–100 for a rate."""
    seuil = lecteur.champ(i, entree, "seuil", (int, float), None)
    if seuil is not None and i.get("unite") == "%" and not 0 <= seuil <= 100:
        raise lecteur.erreur(entree, "seuil", f"le seuil doit être compris entre 0 et 100 ({seuil}).")
    return None if seuil is None else float(seuil)


def _delai_heures(lecteur: _Lecteur, i: Mapping, entree: str) -> float | None:
    """The délai in hours of a crisis-log indicator: a positive number."""
    heures = lecteur.champ(i, entree, "delai_heures", (int, float), None)
    if heures is not None and heures <= 0:
        raise lecteur.erreur(entree, "delai_heures", f"le délai doit être un nombre positif d'heures ({heures}).")
    return None if heures is None else float(heures)


def _regle(lecteur: _Lecteur, r: Mapping, tables: Mapping, engagements: set[int]) -> RegleDelai:
    """One délai rule: a real engagement, known codes, a positive délai, a seuil within 0–100."""
    entree = f"règle de délai «{r.get('code', '?')}»"
    engagement = lecteur.champ(r, entree, "engagement", int)
    if engagement not in engagements:
        raise lecteur.erreur(entree, "engagement", f"l'engagement {engagement} n'existe pas.")
    jours = lecteur.champ(r, entree, "jours_ouvres", int)
    if jours <= 0:
        raise lecteur.erreur(entree, "jours_ouvres", f"le délai doit être un nombre positif de jours ({jours}).")
    seuil = lecteur.champ(r, entree, "seuil", (int, float), None)
    if seuil is not None and not 0 <= seuil <= 100:
        raise lecteur.erreur(entree, "seuil", f"le seuil doit être compris entre 0 et 100 ({seuil}).")
    debut = lecteur.champ(r, entree, "annee_debut", int, None)
    fin = lecteur.champ(r, entree, "annee_fin", int, None)
    if debut is not None and fin is not None and fin < debut:
        raise lecteur.erreur(entree, "annee_fin", f"l'année de fin {fin} précède l'année de début {debut}.")
    natures = lecteur.codes(r, entree, "natures", tables["natures"])
    if not natures:
        raise lecteur.erreur(entree, "natures", "au moins une nature est attendue.")
    reponses = lecteur.codes(r, entree, "reponses", tables["reponses"])
    if not reponses:
        raise lecteur.erreur(entree, "reponses", "au moins un type de réponse est attendu.")
    return RegleDelai(
        code=lecteur.texte(r, entree, "code"), engagement=engagement, natures=natures,
        canaux=lecteur.codes(r, entree, "canaux", tables["canaux"]), jours_ouvres=jours, annee_debut=debut,
        annee_fin=fin, reponses=reponses, seuil=None if seuil is None else float(seuil),
        citation=lecteur.texte(r, entree, "citation"),
        delai_local=lecteur.champ(r, entree, "delai_local", bool, False),
        depart_completude=lecteur.champ(r, entree, "depart_completude", bool, False),
    )


def _disposition(lecteur: _Lecteur, d: Mapping) -> Disposition:
    """One disposition d'organisation."""
    entree = f"disposition «{d.get('code', '?')}»"
    mois = lecteur.champ(d, entree, "delai_avant_audit_externe_mois", int, None)
    if mois is not None and mois <= 0:
        raise lecteur.erreur(entree, "delai_avant_audit_externe_mois", f"le délai doit être positif ({mois}).")
    return Disposition(
        code=lecteur.texte(d, entree, "code"), chapitre=lecteur.texte(d, entree, "chapitre"),
        titre=lecteur.texte(d, entree, "titre"), texte=lecteur.texte(d, entree, "texte"),
        preuves=lecteur.liste(d, entree, "preuves", str, []), citation=lecteur.texte(d, entree, "citation"),
        contenu=lecteur.liste(d, entree, "contenu", str, []),
        periodicite=lecteur.parmi(d, entree, "periodicite", PERIODICITES, None),
        delai_avant_audit_externe_mois=mois,
    )


def _perimetre(lecteur: _Lecteur, brut: Mapping, modules: tuple[Module, ...]) -> tuple[RegleperimetreSite, ...]:
    """The perimeter rules, one per (type de site, CERT), every module cited existing."""
    numeros = {m.numero for m in modules}
    regles = []
    for p in lecteur.champ(brut, "table [[perimetre]]", "perimetre", list):
        entree = f"règle de périmètre «{p.get('type_site', '?')}, cert={p.get('cert', '?')}»"
        listes = {nom: lecteur.liste(p, entree, nom, int) for nom in ("obligatoires", "autorises")}
        for nom, liste in listes.items():
            for n in liste:
                if n not in numeros:
                    raise lecteur.erreur(entree, nom, f"le module {n} n'existe pas.")
        min_metier = lecteur.champ(p, entree, "min_metier", int)
        if min_metier < 0:
            raise lecteur.erreur(entree, "min_metier", f"le minimum doit être positif ou nul ({min_metier}).")
        regles.append(RegleperimetreSite(
            type_site=lecteur.parmi(p, entree, "type_site", TYPES_SITE), cert=lecteur.champ(p, entree, "cert", bool),
            obligatoires=listes["obligatoires"], autorises=listes["autorises"], min_metier=min_metier,
            engagement_obligatoire=lecteur.champ(p, entree, "engagement_obligatoire", bool, True),
            citation=lecteur.texte(p, entree, "citation"),
        ))
    lecteur.uniques(((r.type_site, r.cert) for r in regles), "règle de périmètre", "type_site")
    return tuple(regles)


def _herites(lecteur: _Lecteur, brut: Mapping, parent: Referentiel,
             engagements: tuple[Engagement, ...]) -> tuple[list[Indicateur], list[RegleDelai], list[Disposition]]:
    """Indicators, délai rules and dispositions taken from the parent, re-attached to this file's engagements.

    An indicator goes to every theme listing its code in ``indicateurs``; a rule to the first theme that carries
    over (``reprend``) the rule's engagement.
    """
    herite = brut["herite"]
    themes_de: dict[str, list[int]] = {}
    for e, brut_e in zip(engagements, brut["engagements"], strict=True):
        for code in lecteur.liste(brut_e, f"engagement «{e.numero}»", "indicateurs", str, []):
            if code not in {i.code for i in parent.indicateurs}:
                raise lecteur.erreur(f"engagement «{e.numero}»", "indicateurs",
                                     f"l'indicateur «{code}» n'existe pas dans «{parent.code}».")
            themes_de.setdefault(code, []).append(e.numero)
    module_de = {e.numero: e.module for e in engagements}
    indicateurs = [
        _copie(i, engagements=tuple(themes_de[i.code]), module=module_de[themes_de[i.code][0]])
        for i in parent.indicateurs if i.code in themes_de
    ]
    theme_de: dict[int, int] = {}
    for e in engagements:
        for n in e.reprend:
            theme_de.setdefault(n, e.numero)
    regles = []
    for code in lecteur.liste(herite, "section [herite]", "delais", str, []):
        regle = next((r for r in parent.delais if r.code == code), None)
        if regle is None:
            raise lecteur.erreur("section [herite]", "delais",
                                 f"la règle «{code}» n'existe pas dans «{parent.code}».")
        if regle.engagement not in theme_de:
            raise lecteur.erreur("section [herite]", "delais",
                                 f"aucun thème ne reprend l'engagement {regle.engagement} de la règle «{code}».")
        regles.append(_copie(regle, engagement=theme_de[regle.engagement]))
    codes_dispositions = lecteur.liste(herite, "section [herite]", "dispositions", str, [])
    dispositions = [d for d in parent.dispositions if d.code in codes_dispositions]
    inconnues = set(codes_dispositions) - {d.code for d in dispositions}
    if inconnues:
        raise lecteur.erreur("section [herite]", "dispositions",
                             f"disposition(s) inconnue(s) dans «{parent.code}» : {', '.join(sorted(inconnues))}.")
    return indicateurs, regles, dispositions

