"""The quality referentials as data: one TOML file per version, loaded into frozen dataclasses and validated.

Every délai, default target and perimeter rule of the application is written in these files, next to the
sentence of the referential it comes from (``citation``). A new referential is a new file: the loader has no
branch on a version code. A file may inherit indicators, délai rules, dispositions and code tables from another
one (section ``[herite]``), its themes saying which engagements of the parent they carry over (``reprend``).

The package, one module per concern (every caller imports from ``qualepref.referentiel``):
- ``modele``: the code lists a file may use and the frozen dataclasses (Module ... Referentiel, Zone);
- ``lecteur``: typed reading of one entry's fields, errors naming file, entry and field;
- ``entrees``: each kind of entry read and checked (code tables, modules, engagements, indicators, délai rules,
  dispositions, perimeter rules, inherited entries);
- ``verifications``: checks across entries (computed indicators, canals, floors);
- ``libelles_courts``: short display labels;
- ``chargement``: a file (or plain data) into a Referentiel, the package's files by code, the calendar zones;
- ``perimetre``: which modules a kind of site retains, as French sentences;
- ``recherche``: an indicator found by its code or libellé as people type it.
"""

from __future__ import annotations

import tomllib  # re-exported: callers (and tests) parse a referential file as ``referentiel.tomllib``

from qualepref.referentiel.chargement import (
    DOSSIER,
    FICHIER_ZONES,
    _construire,
    _fichiers,
    _zones,
    charger,
    charger_donnees,
    charger_fichier,
    charger_zones,
    mention_ebauche,
    versions,
)
from qualepref.referentiel.lecteur import _copie, _Lecteur
from qualepref.referentiel.libelles_courts import _GENRES_LIBELLE_COURT, _libelles_courts
from qualepref.referentiel.modele import (
    AGREGATIONS,
    CALCULS,
    CANAUX_MYSTERE,
    CHAPITRES_INDICATEUR,
    LONGUEUR_LIBELLE_COURT,
    MESURES,
    NATURES_INDICATEUR,
    NATURES_MODULE,
    NOMBRES,
    PAR_UNITE_DE_TEMPS,
    PERIODICITES,
    SENS,
    SOURCES,
    STATUTS,
    TYPES_SITE,
    Declinaison,
    Disposition,
    Engagement,
    Indicateur,
    Module,
    Referentiel,
    ReferentielInvalide,
    RegleDelai,
    RegleperimetreSite,
    Zone,
)
from qualepref.referentiel.perimetre import _interdit, _plage, _qui, _site_cert, verifier_perimetre
from qualepref.referentiel.recherche import _normaliser, _sans_parenthese, trouver_indicateur

__all__ = [
    "tomllib",
    "AGREGATIONS", "CALCULS", "CANAUX_MYSTERE", "CHAPITRES_INDICATEUR", "DOSSIER", "FICHIER_ZONES",
    "LONGUEUR_LIBELLE_COURT", "MESURES", "NATURES_INDICATEUR", "NATURES_MODULE", "NOMBRES", "PAR_UNITE_DE_TEMPS",
    "PERIODICITES", "SENS", "SOURCES", "STATUTS", "TYPES_SITE", "Declinaison", "Disposition", "Engagement",
    "Indicateur", "Module", "Referentiel", "ReferentielInvalide", "RegleDelai", "RegleperimetreSite", "Zone",
    "_GENRES_LIBELLE_COURT", "_Lecteur", "_construire", "_copie", "_fichiers", "_interdit", "_libelles_courts",
    "_normaliser", "_plage", "_qui", "_sans_parenthese", "_site_cert", "_zones", "charger", "charger_donnees",
    "charger_fichier", "charger_zones", "mention_ebauche", "trouver_indicateur", "verifier_perimetre", "versions",
]
