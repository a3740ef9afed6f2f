"""Demonstration data: a préfecture and two sous-préfectures with three years of plausible figures of every kind.

The figures look like those a préfecture presents to its comité local des usagers (satisfaction per theme around
75-95 %, appels aboutis near 89 %, réclamations answered mostly within the referential's délais, a plan d'actions in
axes and thématiques, PAN attendance, Services Publics+ avis). They are generated deterministically (seeded random
generators, one per site, kind and year), written as the spreadsheets a référent would fill (French headers and
labels, one file per kind and year, one site's journal as a Windows-1252 CSV, an older survey known only as rates)
and loaded THROUGH the import pipeline, so that the demonstration also exercises what real users do.

The three years are the three calendar years ending with the year of ``aujourd_hui``; the current year runs up to
the end of the previous month (in January, the three years end with the previous year, which is then complete).

The package is split along what it builds: commun (sites, profiles, years, generators), journal,
indicateurs, enquetes (satisfaction and mystery), plan (plan d'actions, PAN, avis), fichiers (the spreadsheets);
this module re-exports their names and loads the files through the import pipeline.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from sqlalchemy import Engine

from qualepref.imports.demo.commun import (  # noqa: F401
    CODES_DEMO,
    GRAINE,
    PROFILS,
    REFERENTIEL,
    SERVICES_PREF,
    SERVICES_SP,
    SITES_DEMO,
    TYPES,
    UTILISATEUR,
    CadreDemo,
    FichierDemo,
    Profil,
    _fin_annee,
    _hasard,
    _mois,
    _rang,
    periode_demo,
)
from qualepref.imports.demo.enquetes import (  # noqa: F401
    CONTACTS_MYSTERE,
    CRITERES_MYSTERE,
    MAX_EXPRIMES_FRAGILE,
    MOIS_MYSTERE,
    QUESTIONS,
    REPONSES_FICHIER,
    TAUX_ANCIENS,
    Question,
    _reponses_question,
    cadre_enquete_ancienne,
    cadre_enquete_elus,
    cadre_mystere,
    cadres_enquete,
)
from qualepref.imports.demo.fichiers import (  # noqa: F401
    FORMAT_DATE,
    FORMATS,
    _cadres_du_site,
    _cellule,
    _csv,
    _journal_complet,
    _nom,
    _xlsx,
    ecrire,
    generer_cadres,
    generer_fichiers,
)
from qualepref.imports.demo.indicateurs import (  # noqa: F401
    JDMA_DEMO,
    MESURES,
    PERIODES_PAR_AN,
    Mesure,
    _nom_indicateur,
    _periodes,
    _valeur,
    cadre_indicateurs,
    indicateurs_importes,
)
from qualepref.imports.demo.journal import (  # noqa: F401
    CANAUX_FICHIER,
    NATURES_FICHIER,
    PART_ATTENTE,
    PART_CANAUX,
    PART_HORS_DELAI,
    PART_INCOMPLETES,
    SAISON,
    _dates_ou_vide,
    _delais_limites,
    _jours_de_reception,
    _jours_de_reponse,
    _nombre_de_demandes,
    cadre_journal,
)
from qualepref.imports.demo.plan import (  # noqa: F401
    ACTIONS_PAR_AN,
    AVIS,
    AXE_1,
    AXE_2,
    DDETSPP,
    DEMARCHES_PAN,
    STAND_PAN,
    STATUTS_FICHIER,
    THEMATIQUES,
    _statut,
    cadre_avis,
    cadre_pan,
    cadre_plan,
)
from qualepref.referentiel import Referentiel, charger, verifier_perimetre
from qualepref.store import Site

# --- loading through the import pipeline -------------------------------------------------------------------------

def verifier_sites(ref: Referentiel | None = None) -> None:
    """Raise RuntimeError when a demonstration site breaks the perimeter rules of its referential."""
    ref = ref or charger(REFERENTIEL)
    for site in SITES_DEMO:
        problemes = verifier_perimetre(ref, site.type_site, site.cert, site.modules)
        if problemes:
            raise RuntimeError(f"Périmètre du site de démonstration {site.code} invalide : " + " ".join(problemes))


def importer_fichier_demo(engine: Engine, fichier: FichierDemo, site: Site, aujourd_hui: dt.date) -> None:
    """Analyse then store one demonstration file exactly as an upload would, but in this process (bytes this
    program wrote: the reading child of uploads is not needed); a blocked analysis is our bug."""
    from qualepref.imports import pipeline

    analyse = pipeline.analyser(fichier.contenu, fichier.nom, fichier.type_donnees, site, site.referentiel,
                                fichier.annee, aujourd_hui=aujourd_hui, isoler=False)
    if analyse.bloquee:
        textes = "\n".join(f"- {p.texte}" for p in analyse.problemes)
        raise RuntimeError(f"Le fichier de démonstration {fichier.nom} est refusé par l'import :\n{textes}")
    pipeline.importer(engine, analyse, utilisateur=UTILISATEUR, remplacer=False)


def charger_demo(engine: Engine, aujourd_hui: dt.date | None = None) -> None:
    """Create the demonstration sites and load their three years of data through the import pipeline.

    A no-op when any demonstration site code (``CODES_DEMO``) already exists: loading twice never doubles anything,
    and a real site that happens to bear one of these codes is never touched. Other sites may exist (``python -m
    qualepref demo`` adds the demonstration next to them). Should an import fail, the demonstration sites are
    removed again before the error propagates, so that the next start begins clean.
    """
    from qualepref.store import load_sites, save_site, supprimer_site

    if {s.code for s in load_sites(engine)} & set(CODES_DEMO):
        return
    jour = aujourd_hui or dt.date.today()
    verifier_sites()
    fichiers = generer_fichiers(jour)
    try:
        for site in SITES_DEMO:
            save_site(engine, site)
        sites = {s.code: s for s in SITES_DEMO}
        for fichier in fichiers:
            importer_fichier_demo(engine, fichier, sites[fichier.site], jour)
    except BaseException:
        with contextlib.suppress(Exception):  # the original error matters more than a failed clean-up
            for code in CODES_DEMO:
                supprimer_site(engine, code)
        raise
