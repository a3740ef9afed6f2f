"""A realistic, hand-made ``Resultats`` for the export tests (the 2023 results of a préfecture).

The survey table is the one of the seed presentation to the comité local des usagers (2022 → 2023); indicators,
plan d'actions, points d'accès numériques and Services Publics+ avis are plausible values with the columns
``resultats.calculer`` produces. The exports are tested on this object, so they do not wait for the computations.

Some plan actions carry formula-like names (``=HYPERLINK(...)``, ``-1+2``, ``@SUM(A1)``) for the injection tests.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import sys
import types
from pathlib import Path

import pandas as pd

from qualepref.store import Site

ANNEE = 2023
PUBLIE_LE = dt.datetime(2024, 2, 12, 10, 30)

SITE = Site(
    code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True, zone="metropole",
    referentiel="qualepref-2019", modules=(1, 2, 3), code_postal="51000", ville="Châlons-en-Champagne",
    code_sp="SP-2251",
)

ENQUETE = [  # thème, taux 2022, taux 2023, réponses exprimées 2023
    ("Accueil en préfecture", 96.0, 97.0, 412),
    ("Accueil téléphonique", 78.0, 77.6, 388),
    ("Point d'accueil numérique", 76.0, 91.0, 121),
    ("Courriers/courriels", 97.0, 90.3, 93),
    ("Site internet", 76.0, 80.0, 210),
    ("Réseaux sociaux", 8.2, 20.0, 25),
]

ACTIONS_PIEGEES = ['=HYPERLINK("http://x")', "-1+2", "@SUM(A1)"]


def classe_resultats() -> type:
    """The real ``Resultats`` dataclass.

    While ``delais``, ``enquetes``, ``periodes``, ``plan_actions`` or the referential package are still being
    written, ``qualepref/resultats.py`` cannot be imported: its module is then loaded with empty stand-ins for the
    missing modules (only the dataclass and ``vers_json``/``depuis_json`` are used here), and the stand-ins are
    removed at once so no other test sees them.
    """
    try:
        return importlib.import_module("qualepref.resultats")
    except ImportError:
        pass
    ajoutes: list[str] = []
    attributs: list[tuple[object, str]] = []
    try:
        for nom in ("qualepref.delais", "qualepref.enquetes", "qualepref.periodes", "qualepref.plan_actions"):
            try:
                importlib.import_module(nom)
            except ImportError:
                sys.modules[nom] = types.ModuleType(nom)
                ajoutes.append(nom)
        paquet = sys.modules["qualepref"]
        for nom in ajoutes:
            court = nom.rsplit(".", 1)[1]
            if not hasattr(paquet, court):
                setattr(paquet, court, sys.modules[nom])
                attributs.append((paquet, court))
        referentiel = importlib.import_module("qualepref.referentiel")
        for nom in ("Referentiel", "charger_zones"):
            if not hasattr(referentiel, nom):
                setattr(referentiel, nom, object)
                attributs.append((referentiel, nom))
        chemin = Path(__file__).resolve().parent.parent / "qualepref" / "resultats.py"
        spec = importlib.util.spec_from_file_location("qualepref_resultats_provisoire", chemin)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        for objet, nom in attributs:
            delattr(objet, nom)
        for nom in ajoutes:
            sys.modules.pop(nom, None)


def _indicateurs() -> pd.DataFrame:
    a = str(ANNEE)
    lignes = []

    def ind(code, libelle, module, engagement, unite, nature, sens, periodicite, valeur, precedente, cible,
            statut, trimestres=None, engagements=None):
        commun = {"code": code, "libelle": libelle, "module": module, "engagement": engagement,
                  "engagements": engagements or str(engagement), "unite": unite, "nature": nature, "sens": sens,
                  "periodicite": periodicite, "cible": cible, "source": "import" if valeur is not None else ""}
        lignes.append({**commun, "periode": a, "valeur": valeur, "valeur_precedente": precedente,
                       "progression_points": None if valeur is None or precedente is None else valeur - precedente,
                       "statut": statut, "numerateur": None, "denominateur": None})
        for rang, v in enumerate(trimestres or [], 1):
            lignes.append({**commun, "periode": f"{a}-T{rang}", "valeur": v, "valeur_precedente": None,
                           "progression_points": None, "statut": statut if v is not None else "non_mesure",
                           "numerateur": None, "denominateur": None})

    ind("E3-REPONSE-RECLAMATIONS", "Taux de réponse aux suggestions et réclamations dans le délai", 1, 3, "%",
        "taux_delai", "hausse", "trimestriel", 92.5, 88.0, 90.0, "atteint", [90.0, 93.0, 94.0, 92.8])
    ind("E3-DELAI-RECLAMATIONS", "Délai moyen de réponse aux suggestions et réclamations", 1, 3, "jours ouvrés",
        "delai_moyen", "baisse", "trimestriel", 4.2, 5.1, 5.0, "atteint", [4.8, 4.1, 3.9, 4.0])
    ind("E10-APPELS-ABOUTIS", "Taux d'appels aboutis au niveau général", 1, 10, "%", "taux", "hausse",
        "trimestriel", 89.0, 85.0, 90.0, "proche", [86.0, 88.5, 90.2, 91.3])
    ind("E11-CONNEXIONS", "Taux de connexions au site internet", 1, 11, "%", "taux", "hausse", "annuel", 13.0,
        None, None, "sans_cible")
    ind("E14-DELAI-CNI", "Délai moyen trimestriel de mise à disposition des demandes de CNI et de passeports", 1,
        14, "jours", "delai_moyen", "baisse", "trimestriel", 31.5, 45.0, 30.0, "proche", [40.0, 33.0, 28.0, 25.0])
    ind("E14-DELAI-PC", "Délai moyen trimestriel de traitement des demandes de permis de conduire", 1, 14, "jours",
        "delai_moyen", "baisse", "trimestriel", 25.0, 31.0, 20.0, "non_atteint", [31.0, 27.0, 22.0, 20.0])
    ind("E15-PAN-JOUR", "Nombre d'usagers connectés au point numérique par jour", 1, 15, "nombre", "compte",
        "hausse", "mensuel", None, 46.0, None, "non_mesure")
    ind("E17-COURRIELS-5J", "Taux de réponses aux courriels de demande d'informations dans le délai de 5 jours "
        "ouvrés", 1, 17, "%", "taux_delai", "hausse", "mensuel", 72.0, 80.0, 85.0, "non_atteint")
    ind("E19-RESEAUX", "Nombre de connexions par mois sur les réseaux sociaux", 1, 19, "nombre", "compte", "hausse",
        "mensuel", 119485.0, 98000.0, None, "sans_cible")
    ind("E22-DELAI-PC", "Délai moyen mensuel de traitement des demandes de permis de conduire", 2, 22, "jours",
        "delai_moyen", "baisse", "mensuel", 25.0, 31.0, 30.0, "atteint")
    ind("E23-FRAUDE-PC", "Taux de dossiers de fraude documentaire de permis de conduire détectés par le CERT", 2, 23,
        "%", "taux", "hausse", "annuel", 0.9, 0.7, None, "sans_cible")
    ind("E32-PREMIERES-DEMANDES", "Délai de traitement des premières demandes d'admission au séjour", 3, 32,
        "jours", "delai_moyen", "baisse", "trimestriel", 96.0, 110.0, 90.0, "non_atteint",
        [104.0, 99.0, 93.0, 88.0])
    cadre = pd.DataFrame(lignes)
    for c in ("valeur", "valeur_precedente", "progression_points", "cible", "numerateur", "denominateur"):
        cadre[c] = pd.to_numeric(cadre[c], errors="coerce").astype("Float64")
    cadre["periode_precedente"] = cadre["periode"].map(lambda x: str(int(x[:4]) - 1) + x[4:])
    return cadre


def _enquetes() -> pd.DataFrame:
    return pd.DataFrame([
        {"theme": t, "annee": ANNEE, "taux": n, "exprimes": e, "taux_net": None, "taux_precedent": p,
         "progression_points": n - p, "fragile": e < 30, "ic_bas": 1.0 if e < 30 else None,
         "ic_haut": 39.0 if e < 30 else None, "origine": "reponses"}
        for t, p, n, e in ENQUETE
    ])


def _plan_en_retard() -> pd.DataFrame:
    base = {"site": SITE.code, "annee": ANNEE, "structure": "Préfecture", "statut": "en_cours", "avancement": 30,
            "engagement": "3"}
    return pd.DataFrame([
        {**base, "axe": "Axe 1 : Communication et informations internes et externes",
         "thematique": "1. Informations et orientations des usagers", "action": ACTIONS_PIEGEES[0],
         "pilote": "Bureau de la communication", "echeance": pd.Timestamp("2023-06-30")},
        {**base, "axe": "Axe 2 : Amélioration des organisations et des outils",
         "thematique": "4. Aménagement des espaces d'accueil physique", "action": ACTIONS_PIEGEES[1],
         "pilote": "=cmd|' /C calc'!A0", "echeance": pd.Timestamp("2023-09-30")},
        {**base, "axe": "Axe 2 : Amélioration des organisations et des outils",
         "thematique": "6. Favoriser l'éco-responsabilité", "action": ACTIONS_PIEGEES[2],
         "pilote": "Secrétariat général", "echeance": pd.Timestamp("2023-10-31")},
    ])


def resultats_exemple(**remplacements: object):  # noqa: ANN201 - Resultats
    """The 2023 results of the Marne préfecture (modules 1, 2 and 3), built by hand; ``remplacements`` overrides
    fields (for instance ``enquetes=...``)."""
    module = classe_resultats()
    axe1 = "Axe 1 : Communication et informations internes et externes"
    axe2 = "Axe 2 : Amélioration des organisations et des outils"
    champs = dict(
        site=SITE.code, annee=ANNEE, referentiel="qualepref-2019", indicateurs=_indicateurs(),
        details=pd.DataFrame(columns=["indicateur", "periode", "axe", "groupe", "valeur", "numerateur",
                                      "denominateur", "recus", "en_cours"]),
        enquetes=_enquetes(),
        mystere=pd.DataFrame([
            {"canal": "telephone", "critere": "Décroché avant la 5e sonnerie", "controles": 20, "conformes": 17,
             "taux": 85.0},
            {"canal": "courriel", "critere": "Réponse dans le délai de 5 jours ouvrés", "controles": 12,
             "conformes": 11, "taux": 100 * 11 / 12},
        ]),
        delais=pd.DataFrame([
            {"engagement": 3, "nature": "reclamation", "canal": "courriel", "recus": 214, "repondus": 209,
             "en_cours": 5, "dans_le_delai": 197, "hors_delai": 12, "reponses_attente": 8,
             "taux_dans_le_delai": 100 * 197 / 209, "delai_moyen": 3.4, "delai_median": 3.0},
            {"engagement": 3, "nature": "reclamation", "canal": "courrier", "recus": 61, "repondus": 60,
             "en_cours": 1, "dans_le_delai": 51, "hors_delai": 9, "reponses_attente": 2,
             "taux_dans_le_delai": 85.0, "delai_moyen": 6.9, "delai_median": 6.0},
            {"engagement": 17, "nature": "information", "canal": "courriel", "recus": 1433, "repondus": 1420,
             "en_cours": 13, "dans_le_delai": 1022, "hors_delai": 398, "reponses_attente": 0,
             "taux_dans_le_delai": 100 * 1022 / 1420, "delai_moyen": 2.1, "delai_median": 2.0},
        ]),
        plan_global={"taux": 46.0, "actions": 26},
        plan_axes=pd.DataFrame([{"axe": axe1, "taux": 63.0, "actions": 11}, {"axe": axe2, "taux": 29.0,
                                                                              "actions": 15}]),
        plan_thematiques=pd.DataFrame([
            {"axe": axe1, "thematique": "1. Informations et orientations des usagers", "taux": 56.0, "actions": 6},
            {"axe": axe1, "thematique": "2. Sensibilisation des agents et formation", "taux": 70.0, "actions": 5},
            {"axe": axe2, "thematique": "3. Améliorer les pratiques professionnelles", "taux": 49.0, "actions": 4},
            {"axe": axe2, "thematique": "4. Aménagement des espaces d'accueil physique", "taux": 28.0,
             "actions": 4},
            {"axe": axe2, "thematique": "5. Adaptation aux contraintes des usagers", "taux": 34.0, "actions": 4},
            {"axe": axe2, "thematique": "6. Favoriser l'éco-responsabilité", "taux": 33.0, "actions": 3},
        ]),
        plan_en_retard=_plan_en_retard(),
        pan={"total": 11769,
             "par_point": {"Préfecture": 6140, "Sous-préfecture de Reims": 2461,
                           "Sous-préfecture de Vitry-le-François": 2286, "Sous-préfecture d'Épernay": 564,
                           "Stand services de l'État": 318},
             "par_demarche": {"Étrangers": 3413, "Permis de conduire": 2354, "Immatriculation des véhicules": 2236,
                              "Commission médicale": 1059, "CNI/Passeports": 353, "Armes": 118, "Autres": 2236}},
        avis={"positif": 4, "neutre": 1, "negatif": 5},
        engagements=pd.DataFrame([
            {"module": 1, "engagement": 3, "titre": "Nous répondons à vos suggestions et réclamations",
             "statut": "atteint", "indicateurs": 2, "atteints": 2, "non_mesures": 0},
            {"module": 1, "engagement": 10, "titre": "Nous facilitons vos démarches par téléphone",
             "statut": "proche", "indicateurs": 1, "atteints": 0, "non_mesures": 0},
            {"module": 1, "engagement": 14, "titre": "Nous facilitons vos démarches de titres", "statut":
             "non_atteint", "indicateurs": 2, "atteints": 0, "non_mesures": 0},
            {"module": 1, "engagement": 15, "titre": "Nous mettons à votre disposition un point numérique",
             "statut": "non_mesure", "indicateurs": 1, "atteints": 0, "non_mesures": 1},
            {"module": 2, "engagement": 22, "titre": "Nous délivrons vos titres dans un délai raisonnable",
             "statut": "atteint", "indicateurs": 1, "atteints": 1, "non_mesures": 0},
            {"module": 3, "engagement": 32, "titre": "Nous vous informons des délais moyens de traitement",
             "statut": "non_atteint", "indicateurs": 1, "atteints": 0, "non_mesures": 0},
        ]),
        modules=pd.DataFrame([
            {"module": 1, "titre": "Relation générale avec les usagers", "nature": "socle", "atteint": 9,
             "proche": 2, "non_atteint": 3, "non_mesure": 1, "sans_cible": 2, "sans_indicateur": 4,
             "engagements": 21},
            {"module": 2, "titre": "Délivrance de titres (hors titres étrangers)", "nature": "metier",
             "atteint": 3, "proche": 0, "non_atteint": 0, "non_mesure": 0, "sans_cible": 0, "sans_indicateur": 5,
             "engagements": 8},
            {"module": 3, "titre": "Délivrance de titres destinés aux usagers étrangers", "nature": "metier",
             "atteint": 1, "proche": 1, "non_atteint": 1, "non_mesure": 0, "sans_cible": 0, "sans_indicateur": 4,
             "engagements": 7},
        ]),
        non_mesures=pd.DataFrame([
            {"code": "E15-PAN-JOUR", "libelle": "Nombre d'usagers connectés au point numérique par jour",
             "module": 1, "engagement": 15, "periodicite": "mensuel", "source_attendue": "import",
             "periodes_manquantes": "2023-01, 2023-02, 2023-03", "periodes_attendues": 12},
        ]),
        mouvements=pd.DataFrame([
            {"code": "E14-DELAI-CNI", "libelle": "Délai moyen trimestriel de mise à disposition des demandes de "
             "CNI et de passeports", "unite": "jours", "valeur": 31.5, "valeur_precedente": 45.0,
             "progression_points": -13.5, "favorable": True},
            {"code": "E17-COURRIELS-5J", "libelle": "Taux de réponses aux courriels de demande d'informations "
             "dans le délai de 5 jours ouvrés", "unite": "%", "valeur": 72.0, "valeur_precedente": 80.0,
             "progression_points": -8.0, "favorable": False},
            {"code": "E10-APPELS-ABOUTIS", "libelle": "Taux d'appels aboutis au niveau général", "unite": "%",
             "valeur": 89.0, "valeur_precedente": 85.0, "progression_points": 4.0, "favorable": True},
        ]),
        meta={"nom": SITE.nom, "calcule_le": "2024-02-12", "marge_proche": 5.0},
    )
    champs.update(remplacements)
    return module.Resultats(**champs)


def publication_exemple(periode: str | None = None) -> dict:
    """The facts ``publication.resultats_publies`` returns with a snapshot (plus the period, as the CLI adds)."""
    faits = {"publie_le": PUBLIE_LE, "note": None, "publie_par": "referente", "versions": 1, "id": 1}
    if periode:
        faits["periode"] = periode
    return faits
