"""The kinds of imported data: registry, columns as the store wants them, and each kind's rules and messages."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from qualepref import store
from qualepref.imports.kinds import KINDS
from qualepref.imports.pipeline import Analyse, analyser
from tests.fichiers_imports import JOURNAL, JOURNAL_ENTETES, csv, xlsx

JOUR = dt.date(2025, 6, 15)


def analyse(feuilles: dict, type_donnees: str, annee: int | None = None, nom: str = "f.xlsx") -> Analyse:
    return analyser(xlsx(feuilles), nom, type_donnees, "S", "qualepref-2019", annee, aujourd_hui=JOUR)


def textes(a: Analyse, bloquants: bool | None = None) -> list[str]:
    return [p.texte for p in a.problemes if bloquants is None or p.bloquant == bloquants]


# --- the registry ------------------------------------------------------------------------------------------------

def test_registre_dans_l_ordre_avec_des_libelles_francais() -> None:
    assert list(KINDS) == ["journal", "indicateurs", "enquete", "enquete-agregee", "mystere", "plan", "pan", "avis",
                           "crises"]
    assert KINDS["journal"].libelle == "Journal des courriers, courriels et réclamations"
    assert len({k.libelle for k in KINDS.values()}) == len(KINDS)


@pytest.mark.parametrize("type_donnees", list(KINDS))
def test_colonnes_du_magasin(type_donnees: str) -> None:
    assert KINDS[type_donnees].sortie == store.TYPES_STOCKES[type_donnees].colonnes
    noms = [c.nom for c in KINDS[type_donnees].colonnes]
    assert len(noms) == len(set(noms))
    reconnus = [r for c in KINDS[type_donnees].colonnes for r in c.reconnus()]
    assert len(reconnus) == len(set(reconnus)), "one header names two columns"


# --- journal -----------------------------------------------------------------------------------------------------

def test_journal_valide() -> None:
    a = analyse({"Journal": [JOURNAL_ENTETES, *JOURNAL]}, "journal")
    assert a.problemes == [] and not a.bloquee
    lignes = a.lignes
    assert list(lignes.columns) == [*store.TYPES_STOCKES["journal"].colonnes, "cle"]
    assert lignes["reference"].tolist() == ["A1", "A2", "A3", "A4", "A5"]
    assert lignes["canal"].tolist() == ["courriel", "courrier", "formulaire", "urne", "courriel"]
    assert lignes["nature"].tolist() == ["information", "reclamation", "suggestion", "collectivite", "reclamation"]
    assert lignes["date_reception"].dt.strftime("%d/%m").tolist() == ["05/01", "10/01", "31/01", "01/02", "28/02"]
    assert lignes["date_completude"].notna().tolist() == [False, True, False, False, False]
    assert lignes["date_reponse"].isna().tolist() == [False, False, False, False, True]
    assert lignes["type_reponse"].fillna("-").tolist() == ["fond", "fond", "attente", "fond", "-"]
    assert lignes["service"].fillna("-").tolist() == ["Accueil", "Titres", "Accueil", "-", "Étrangers"]
    assert lignes["cle"].tolist() == ["2024-01", "2024-01", "2024-01", "2024-02", "2024-02"]
    assert {c: str(t) for c, t in lignes.dtypes.items()} == {
        "reference": "str", "canal": "str", "nature": "str", "date_reception": "datetime64[ns]",
        "date_completude": "datetime64[ns]", "date_reponse": "datetime64[ns]", "type_reponse": "str",
        "service": "str", "engagement": "Int64", "support": "str", "date_proposition": "datetime64[ns]",
        "date_rendez_vous": "datetime64[ns]", "indisponibilite": "boolean", "procedure": "str", "cle": "str"}
    assert a.periodes == ["2024-01", "2024-02"]
    assert a.apercu.to_dict("list") == {"Période": ["2024-01", "2024-02"], "Lignes": [3, 2]}


def test_journal_tel_qu_il_arrive() -> None:
    """Title rows, headers in capitals without accents or with a unit, columns in another order, an extra
    column, dates as text and Excel serial numbers, labels in other cases, an empty row in the middle."""
    lignes = [
        ["JOURNAL DES DEMANDES — 2024"], ["Tenu par l'accueil"],
        ["Observations", "DATE DE RECEPTION (jj/mm/aaaa)", "reference", "  Canal ", "NATURE DE LA DEMANDE",
         "Date de réponse"],
        ["urgent", "05/01/2024", "B1", "e-mail", "demande d'informations", 45299],
        [None, None, None, None, None, None],
        ["", "2024-01-10", 17, "COURRIER", "Réclamations", "2024-01-20"],
    ]
    a = analyse({"Feuil1": lignes}, "journal")
    assert a.problemes == []
    assert a.lignes["reference"].tolist() == ["B1", "17"]
    assert a.lignes["canal"].tolist() == ["courriel", "courrier"]
    assert a.lignes["nature"].tolist() == ["information", "reclamation"]
    assert a.lignes["date_reponse"].dt.strftime("%Y-%m-%d").tolist() == ["2024-01-08", "2024-01-20"]


def test_journal_toutes_les_erreurs_en_une_fois() -> None:
    lignes = [["Journal"], JOURNAL_ENTETES,
              ["R1", "fax", "Réclamation", dt.date(2024, 3, 10), None, dt.date(2024, 3, 8), "fond", None],
              ["R2", "Courriel", "Plainte écrite", "31/02/2024", None, None, "rapide", None],
              ["R1", "Courrier", "Suggestion", dt.date(2025, 7, 1), dt.date(2025, 6, 30), None, None, None],
              [None, "Urne", "Suggestion", dt.date(2024, 5, 2), None, None, None, None]]
    a = analyse({"Journal": lignes}, "journal")
    prefixe = "f.xlsx, feuille « Journal », ligne"
    assert textes(a) == [
        f"{prefixe} 3, colonne « Canal » : valeur « fax » inconnue (valeurs admises : courrier, courriel, formulaire, "
        "urne, téléphone).",
        f"{prefixe} 3, colonne « Date de réponse » : réponse du 08/03/2024 antérieure à la réception du 10/03/2024.",
        f"{prefixe} 4, colonne « Nature » : valeur « Plainte écrite » inconnue (valeurs admises : demande "
        "d'information, réclamation, suggestion, demande de collectivité, mise à jour, demande de rendez-vous, "
        "demande de pièces complémentaires, traitement de dossier).",
        f"{prefixe} 4, colonne « Date de réception » : date impossible « 31/02/2024 » (ce jour n'existe pas dans le "
        "calendrier).",
        f"{prefixe} 4, colonne « Type de réponse » : valeur « rapide » inconnue (valeurs admises : fond, attente).",
        f"{prefixe} 5, colonne « Référence » : référence « R1 » en double (déjà à la ligne 3).",
        f"{prefixe} 5, colonne « Date de réception » : date du 01/07/2025 dans le futur (nous sommes le 15/06/2025).",
        f"{prefixe} 5, colonne « Date de complétude » : date du 30/06/2025 dans le futur (nous sommes le "
        "15/06/2025).",
        f"{prefixe} 5, colonne « Date de complétude » : complétude du 30/06/2025 antérieure à la réception du "
        "01/07/2025.",
        f"{prefixe} 6, colonne « Référence » : valeur manquante : cette colonne est obligatoire.",
    ]
    assert a.bloquee


def test_journal_avertissements() -> None:
    lignes = [JOURNAL_ENTETES,
              ["T1", "Téléphone", "Demande d'information", dt.date(2024, 3, 1), None, dt.date(2024, 3, 1), "fond"],
              ["T2", "tél", "Demande d'information", dt.date(2024, 3, 2), None, None, None],
              ["T3", "Courrier", "Réclamation", dt.date(2024, 3, 4), dt.date(2024, 3, 12), dt.date(2024, 3, 6),
               "attente"],
              ["T4", "Téléphone", "Suggestion", dt.date(2024, 3, 5), None, None, None]]
    a = analyse({"Journal": lignes}, "journal")
    assert not a.bloquee
    assert textes(a, bloquants=False) == [
        "f.xlsx, feuille « Journal », ligne 2, colonne « Canal » : demande reçue par téléphone : aucun délai de "
        "réponse écrite ne s'y applique ; elle est importée mais n'entre dans aucun taux de délai (2 autres lignes "
        "dans ce cas).",
        "f.xlsx, feuille « Journal », ligne 4, colonne « Date de réponse » : réponse du 06/03/2024 antérieure à la "
        "complétude du 12/03/2024 : vérifiez ces deux dates.",
    ]
    assert a.lignes["canal"].tolist() == ["telephone", "telephone", "courrier", "telephone"]


def test_colonnes_absentes_ou_en_double() -> None:
    a = analyse({"Journal": [["Référence", "Nature", "Canal", "Canal"], ["A", "Suggestion", "Urne", "Urne"]]},
                "journal")
    assert textes(a) == [
        "f.xlsx, feuille « Journal », ligne 1 : la colonne « Canal » apparaît plusieurs fois (colonnes C et D) : "
        "gardez-en une seule.",
        "f.xlsx, feuille « Journal », ligne 1 : colonne obligatoire « Date de réception » absente de la ligne "
        "d'en-tête.",
    ]


def test_aucun_en_tete_reconnu() -> None:
    a = analyse({"Feuil1": [["Nom", "Prénom"], ["Dupont", "Jean"]]}, "journal")
    assert textes(a) == [
        "f.xlsx, feuille « Feuil1 » : aucune ligne d'en-tête reconnue dans les 10 premières lignes : les colonnes "
        "attendues sont Référence, Canal, Nature, Date de réception (téléchargez le modèle pour « Journal des "
        "courriers, courriels et réclamations »)."]


def test_la_feuille_du_journal_est_trouvee_parmi_d_autres() -> None:
    a = analyse({"Notes": [["Lisez-moi"], ["Référence : le numéro"]], "Saisie": [JOURNAL_ENTETES, JOURNAL[0]]},
                "journal")
    assert a.problemes == [] and a.lignes["reference"].tolist() == ["A1"]


# --- indicators --------------------------------------------------------------------------------------------------

INDICATEURS_ENTETES = ["Indicateur", "Période", "Valeur", "Numérateur", "Dénominateur", "Commentaire"]


def test_indicateurs_codes_libelles_periodes_et_pourcentages() -> None:
    lignes = [INDICATEURS_ENTETES,
              ["e10-appels-aboutis", "2024-T1", 0.885, 885, 1000, None],  # a fraction, its counts say so
              ["Taux d'appels aboutis au niveau général", "T2 2024", "88,5 %", None, None, "Indigo"],
              ["E1-MAJ-SITE-INTERNET", "2024-T1", 0.93, None, None, None],  # a rate of délai as a fraction
              ["E23-FRAUDE-CIV", "2024-05", 0.6, None, None, None],  # a fraud rate of 0,6 %: kept
              ["E1-MAJ-SVI", "2024-T2", None, 18, 20, None],  # the rate from its counts
              ["Nombre de connexions par mois sur les réseaux sociaux", dt.date(2024, 3, 1), "110 000", None, None,
               None],
              ["E14-DELAI-CIV", 2024, "6,5", None, 9000, None]]
    a = analyse({"Valeurs": lignes}, "indicateurs")
    assert a.problemes == []
    assert a.lignes["indicateur"].tolist() == ["E10-APPELS-ABOUTIS", "E10-APPELS-ABOUTIS", "E1-MAJ-SITE-INTERNET",
                                               "E23-FRAUDE-CIV", "E1-MAJ-SVI", "E19-CONNEXIONS-RESEAUX",
                                               "E14-DELAI-CIV"]
    assert a.lignes["periode"].tolist() == ["2024-T1", "2024-T2", "2024-T1", "2024-05", "2024-T2", "2024-03", "2024"]
    assert a.lignes["valeur"].round(6).tolist() == [88.5, 88.5, 93.0, 0.6, 90.0, 110000.0, 6.5]
    assert a.lignes["cle"].tolist()[:2] == ["E10-APPELS-ABOUTIS|2024-T1", "E10-APPELS-ABOUTIS|2024-T2"]
    assert a.apercu.to_dict("list") == {"Période": ["2024", "2024-03", "2024-05", "2024-T1", "2024-T2"],
                                        "Lignes": [1, 1, 1, 2, 2]}


def test_indicateurs_code_et_libelle_cote_a_cote() -> None:
    """Two columns naming the indicator (« Code », « Libellé »): the leftmost is read, no « duplicate column »."""
    lignes = [["Code", "Libellé", "Période", "Valeur"],
              ["E10-APPELS-ABOUTIS", "Taux d’appels aboutis au niveau général (Indigo et AP2022)", "2024-T1", 88]]
    a = analyse({"Valeurs": lignes}, "indicateurs")
    assert a.problemes == [] and a.lignes["indicateur"].tolist() == ["E10-APPELS-ABOUTIS"]


def test_indicateurs_une_figure_services_publics_plus_importee() -> None:
    """On a Qual-e-pref site, the JDMA share (an imported Services Publics+ figure) is taken by code or libellé;
    a Services Publics+ figure the app computes (from the journal) is not, nor an unknown code."""
    lignes = [INDICATEURS_ENTETES,
              ["Part des démarches en ligne notées 8/10 ou plus (JDMA)", "2024", "82,5 %", None, None, None],
              ["SP6-DEMARCHES-EN-LIGNE-8-10", "2023", 80, None, None, None]]
    a = analyse({"Valeurs": lignes}, "indicateurs")
    assert a.problemes == []
    assert a.lignes[["indicateur", "periode", "valeur"]].values.tolist() == [
        ["SP6-DEMARCHES-EN-LIGNE-8-10", "2024", 82.5], ["SP6-DEMARCHES-EN-LIGNE-8-10", "2023", 80.0]]
    calculee = analyse({"Valeurs": [INDICATEURS_ENTETES, ["SP4-DELAI-DEMARCHE-PHARE", "2024", 90, None, None,
                                                          None]]}, "indicateurs")
    assert [p.message for p in calculee.problemes] == [
        "indicateur « SP4-DELAI-DEMARCHE-PHARE » inconnu du référentiel « Qual-e-pref » (codes et libellés : "
        "feuille « Indicateurs » du modèle)."]


def test_indicateurs_erreurs() -> None:
    lignes = [INDICATEURS_ENTETES,
              ["E99-INCONNU", "2024-T1", 50, None, None, None],
              ["Taux de mise à jour du site internet dans le délai de 3 jours ouvrés", "2024-T1", 90, None, None,
               None],
              ["E10-APPELS-ABOUTIS", "2024-T1", 130, None, None, None],
              ["E10-APPELS-ABOUTIS", "2024-T2", None, 12, 10, None],
              ["E19-CONNEXIONS-RESEAUX", "2024-05", -3, None, None, None],
              ["E19-CONNEXIONS-RESEAUX", "2025-07", 10, None, None, None],
              ["E10-APPELS-ABOUTIS", "2024-T1", 80, None, None, None],
              ["E11-CONNEXIONS-SITE", "2024-13", None, None, None, None],
              ["E11-CONNEXIONS-SITE", "2024-06", None, None, None, None]]
    a = analyse({"Valeurs": lignes}, "indicateurs")
    p = "f.xlsx, feuille « Valeurs », ligne"
    assert textes(a) == [
        f"{p} 2, colonne « Indicateur » : indicateur « E99-INCONNU » inconnu du référentiel « Qual-e-pref » (codes "
        "et libellés : feuille « Indicateurs » du modèle).",
        f"{p} 3, colonne « Indicateur » : indicateur « Taux de mise à jour du site internet dans le délai de 3 jours "
        "ouvrés » ambigu : il peut désigner E1-MAJ-SITE-INTERNET, E51-MAJ-SITE-INTERNET ; indiquez le code de "
        "l'indicateur.",
        f"{p} 4, colonne « Valeur » : taux « 130 % » supérieur à 100 %.",
        f"{p} 5, colonne « Numérateur » : numérateur « 12 » supérieur au dénominateur « 10 ».",  # 120 % never typed
        f"{p} 6, colonne « Valeur » : nombre négatif « \u22123 » : un nombre ne peut pas être négatif.",
        f"{p} 7, colonne « Période » : période 2025-07 pas encore commencée (nous sommes le 15/06/2025).",
        f"{p} 8, colonne « Indicateur » : indicateur E10-APPELS-ABOUTIS déjà renseigné pour la période 2024-T1 "
        "(ligne 4).",
        f"{p} 9, colonne « Période » : période illisible « 2024-13 » (formats admis : 2023, 2023-T2, 2023-05).",
        f"{p} 9, colonne « Valeur » : valeur manquante : indiquez la valeur (ou, pour un taux, le numérateur et le "
        "dénominateur).",
        f"{p} 10, colonne « Valeur » : valeur manquante : indiquez la valeur (ou, pour un taux, le numérateur et le "
        "dénominateur).",
    ]


# --- satisfaction survey -----------------------------------------------------------------------------------------

Q1, Q2, Q3 = "Comment jugez-vous l'accueil ?", "L'accueil téléphonique", "Le site internet"
QUESTIONNAIRE = [["Question", "Thème"], [Q1, "Accueil physique"], [Q2, "Accueil téléphonique"],
                 [Q3, "Site internet"]]


def test_enquete_en_lignes_longues() -> None:
    reponses = [["Enquête de satisfaction 2024"], ["Année", Q1, "L’ACCUEIL TÉLÉPHONIQUE", Q3, "Remarque"],
                [2024, "Très satisfait", "Plutôt satisfait", None, "merci"],
                [None, None, None, None, None],
                [2024, "plutôt pas satisfait", "Ne se prononce pas", "Pas du tout satisfait", None]]
    a = analyse({"Réponses": reponses, "Questionnaire": QUESTIONNAIRE}, "enquete")
    assert textes(a) == ["f.xlsx, feuille « Réponses », ligne 2, colonne « Remarque » : colonne ignorée : elle ne "
                         "figure pas dans la feuille « Questionnaire » (ajoutez-la au questionnaire si c'est une "
                         "question)."]
    assert not a.bloquee
    attendu = pd.DataFrame({
        "annee": [2024] * 6, "repondant": [1, 1, 1, 2, 2, 2], "question": [Q1, Q2, Q3] * 2,
        "theme": ["Accueil physique", "Accueil téléphonique", "Site internet"] * 2,
        "reponse": ["tres_satisfait", "satisfait", "sans_avis", "peu_satisfait", "sans_avis",
                    "pas_du_tout_satisfait"], "cle": ["2024"] * 6})
    assert a.lignes.astype(object).values.tolist() == attendu.astype(object).values.tolist()
    assert a.periodes == ["2024"]


def test_enquete_annee_par_la_date_ou_a_part() -> None:
    avec_date = [["Date", Q1, Q2, Q3], [dt.date(2023, 11, 3), "Satisfait", "Satisfait", "Satisfait"]]
    a = analyse({"Réponses": avec_date, "Questionnaire": QUESTIONNAIRE}, "enquete")
    assert a.problemes == [] and a.periodes == ["2023"]
    sans = [[Q1, Q2, Q3], ["Satisfait", "Satisfait", "Satisfait"]]
    assert analyse({"Réponses": sans, "Questionnaire": QUESTIONNAIRE}, "enquete", annee=2022).periodes == ["2022"]
    assert textes(analyse({"Réponses": sans, "Questionnaire": QUESTIONNAIRE}, "enquete")) == [
        "f.xlsx, feuille « Réponses » : année inconnue : remplissez la colonne « Année » ou indiquez l'année de "
        "l'import."]


def test_enquete_erreurs() -> None:
    questionnaire = [*QUESTIONNAIRE, ["Le point d'accès numérique", "Point d'accès numérique"], [Q1, "Accueil"]]
    reponses = [["Année", Q1, Q2, Q3], [2024, "Très content", "Satisfait", None], [2026, "Satisfait", None, None]]
    a = analyse({"Réponses": reponses, "Questionnaire": questionnaire}, "enquete")
    assert textes(a) == [
        "f.xlsx, feuille « Questionnaire », ligne 5, colonne « Question » : question « Le point d'accès numérique » "
        "absente de la feuille « Réponses » : aucune colonne ne porte ce titre (vérifiez l'en-tête ou retirez la "
        "question du questionnaire).",
        "f.xlsx, feuille « Questionnaire », ligne 6, colonne « Question » : question « Comment jugez-vous "
        "l'accueil ? » déjà présente à la ligne 2.",
        "f.xlsx, feuille « Réponses », ligne 2, colonne « Comment jugez-vous l'accueil ? » : valeur « Très content » "
        "inconnue (valeurs admises : très satisfait, satisfait (ou plutôt satisfait), peu satisfait (ou plutôt pas "
        "satisfait), pas du tout satisfait, sans avis (ou ne se prononce pas, ou vide)).",
        "f.xlsx, feuille « Réponses », ligne 3, colonne « Année » : année 2026 à venir (nous sommes en 2025).",
    ]


def test_enquete_feuilles_manquantes_ou_csv() -> None:
    a = analyse({"Réponses": [["Année", Q1], [2024, "Satisfait"]]}, "enquete")
    assert textes(a) == ["f.xlsx : feuille « Questionnaire » introuvable (feuilles présentes : « Réponses »)."]
    en_csv = analyser(csv([["Année", Q1], [2024, "Satisfait"]]), "e.csv", "enquete", "S", "qualepref-2019", None,
                      aujourd_hui=JOUR)
    assert textes(en_csv) == [
        "e.csv : une enquête se dépose en classeur .xlsx ou .ods avec deux feuilles, « Réponses » (une ligne par "
        "répondant) et « Questionnaire » (le thème de chaque question) : téléchargez le modèle."]


# --- aggregated survey results -----------------------------------------------------------------------------------

def test_enquete_agregee() -> None:
    lignes = [["Année", "Thème", "Satisfaits", "Exprimés", "Taux de satisfaction (%)"],
              [2023, "Accueil physique", 120, 150, None],
              [2023, "Accueil  Téléphonique", 40, 50, 0.8],  # counts known: the rate is not kept
              [2022, "Site internet", None, None, 0.76]]
    a = analyse({"Résultats": lignes}, "enquete-agregee")
    assert a.problemes == []
    assert a.lignes["satisfaits"].tolist()[:2] == [120.0, 40.0]
    assert a.lignes["taux"].isna().tolist() == [True, True, False]
    assert round(a.lignes["taux"].iloc[2], 6) == 76.0
    assert a.lignes["cle"].tolist() == ["2023|accueil physique", "2023|accueil telephonique", "2022|site internet"]
    assert a.periodes == ["2022|site internet", "2023|accueil physique", "2023|accueil telephonique"]
    assert a.apercu.to_dict("list") == {"Période": ["2022", "2023"], "Lignes": [1, 2]}


def test_un_theme_qui_ne_nourrit_aucun_indicateur_est_signale() -> None:
    """A theme no indicator's aliases recognise is a warning (the rows import); the seed deck's « Point d'accueil
    numérique (PAN) » and « Courriers/courriels » are recognised."""
    lignes = [["Année", "Thème", "Satisfaits", "Exprimés"], [2023, "Point d'accueil numérique (PAN)", 91, 100],
              [2023, "Courriers/courriels", 90, 100], [2023, "Qualité du café", 5, 10]]
    a = analyse({"Résultats": lignes}, "enquete-agregee")
    assert not a.bloquee
    assert [p.texte for p in a.avertissements] == [
        "f.xlsx, feuille « Résultats », ligne 4, colonne « Thème » : le thème « Qualité du café » ne nourrit aucun indicateur du référentiel Qual-e-pref : ses taux seront importés et montrés avec "
        "l'enquête, mais n'entrent dans aucun indicateur (vérifiez son orthographe ; les thèmes reconnus figurent "
        "sur la page « Référentiel »)."]
    questionnaire = [["Question", "Thème"], [Q1, "Accueil en préfecture"], [Q2, "Qualité du café"]]
    reponses = [["Année", Q1, Q2], [2024, "Satisfait", "Satisfait"]]
    b = analyse({"Réponses": reponses, "Questionnaire": questionnaire}, "enquete")
    assert [p.texte[:100] for p in b.avertissements] == [
        "f.xlsx, feuille « Questionnaire », colonne « Thème » : le thème « Qualité du café » ne nourrit aucun"]


def test_enquete_agregee_erreurs() -> None:
    lignes = [["Thème", "Satisfaits", "Exprimés", "Taux de satisfaction"],
              ["Accueil physique", 1600, 1500, None], ["Site internet", None, 50, None],
              ["Réseaux sociaux", None, None, 104], ["accueil physique", 10, 20, None]]
    a = analyse({"Résultats": lignes}, "enquete-agregee", annee=2024)
    p = "f.xlsx, feuille « Résultats », ligne"
    assert textes(a) == [
        f"{p} 2, colonne « Satisfaits » : 1\u202f600 satisfaits pour 1\u202f500 exprimés : les satisfaits ne peuvent "
        "pas dépasser les exprimés.",
        f"{p} 3, colonne « Thème » : ni « Satisfaits » et « Exprimés », ni « Taux de satisfaction » : l'un ou "
        "l'autre est nécessaire.",
        f"{p} 4, colonne « Taux de satisfaction » : taux « 104 % » supérieur à 100 %.",
        f"{p} 5, colonne « Thème » : thème « accueil physique » déjà présent pour 2024 (ligne 2).",
    ]
    sans_annee = analyse({"Résultats": lignes[:2]}, "enquete-agregee")
    assert textes(sans_annee)[0] == ("f.xlsx, feuille « Résultats » : année inconnue : remplissez la colonne "
                                     "« Année » ou indiquez l'année de l'import.")


# --- mystery, plan, PAN, avis --------------------------------------------------------------------------------------

def test_mystere() -> None:
    lignes = [["Date", "Canal", "Critère", "Résultat"],
              [dt.date(2024, 3, 4), "Téléphone", "Décroché en moins de 5 sonneries", "Conforme"],
              ["05/03/2024", "courriel", "Réponse claire", "non conforme"],
              [dt.date(2024, 10, 1), "Fax", "Réponse claire", "peut-être"]]
    a = analyse({"Mystère": lignes}, "mystere")
    p = "f.xlsx, feuille « Mystère », ligne 4"
    assert textes(a) == [
        f"{p}, colonne « Canal » : valeur « Fax » inconnue (valeurs admises : courrier, courriel, formulaire, urne, "
        "téléphone, accueil physique).",
        f"{p}, colonne « Résultat » : valeur « peut-être » inconnue (valeurs admises : conforme, non conforme).",
    ]
    bon = analyse({"Mystère": lignes[:3]}, "mystere")
    assert bon.lignes["conforme"].tolist() == [True, False] and str(bon.lignes["conforme"].dtype) == "bool"
    assert bon.lignes["canal"].tolist() == ["telephone", "courriel"] and bon.periodes == ["2024-03"]
    visites = analyse({"Mystère": [lignes[0], [dt.date(2024, 3, 4), "Accueil physique", "Accueil au guichet",
                                                "Conforme"], [dt.date(2024, 3, 5), "Visite", "Attente", "Conforme"]]},
                      "mystere")
    assert visites.problemes == [] and visites.lignes["canal"].tolist() == ["physique", "physique"]


def test_plan_annee_avancement_engagement() -> None:
    lignes = [["Plan d'actions local"], [],
              ["Axe", "Thématique", "Action", "Échéance", "Statut", "Avancement (%)", "Engagement", "Année"],
              ["Axe 1", "Accueil", "Signalétique", dt.date(2024, 6, 30), "Réalisée", 1, 5, 2024],
              ["Axe 1", "Accueil", "Boucle magnétique", dt.date(2025, 3, 31), "en cours", 0.5, None, None],
              ["Axe 2", "Numérique", "Prise de rendez-vous", None, "À lancer", 0, None, None]]
    a = analyse({"Plan d'actions": lignes}, "plan", annee=2024)
    assert a.problemes == []
    assert a.lignes["annee"].tolist() == [2024, 2024, 2024]
    assert a.lignes["statut"].tolist() == ["realisee", "en_cours", "a_lancer"]
    assert a.lignes["avancement"].tolist() == [100.0, 50.0, 0.0]
    assert a.lignes["engagement"].tolist()[0] == 5 and a.lignes["engagement"].isna().tolist()[1:] == [True, True]
    sans = analyse({"Plan d'actions": lignes}, "plan")  # no year given: the Échéance's, else a problem
    assert sans.lignes["annee"].tolist()[:2] == [2024, 2025]
    assert textes(sans) == ["f.xlsx, feuille « Plan d'actions », ligne 6, colonne « Année » : année du plan inconnue "
                            ": remplissez la colonne « Année » ou « Échéance », ou indiquez l'année de l'import."]


def test_plan_erreurs_et_avertissement() -> None:
    lignes = [["Axe", "Thématique", "Action", "Statut", "Avancement", "Engagement", "Année"],
              ["Axe 1", "Accueil", "A", "Réalisée", 60, 99, 2024],
              ["Axe 1", "Accueil", "B", "Suspendue", 130, 2.5, 2024],
              [None, "Accueil", "C", "En cours", -5, None, 2024]]
    a = analyse({"Plan": lignes}, "plan")
    p = "f.xlsx, feuille « Plan », ligne"
    assert textes(a) == [
        f"{p} 2, colonne « Engagement » : engagement n° 99 inconnu du référentiel « Qual-e-pref ».",
        f"{p} 2, colonne « Avancement » : action réalisée avec un avancement de 60 % : vérifiez le statut ou "
        "l'avancement.",
        f"{p} 3, colonne « Statut » : valeur « Suspendue » inconnue (valeurs admises : à lancer, en cours, réalisée, "
        "abandonnée).",
        f"{p} 3, colonne « Engagement » : nombre entier attendu : « 2,5 ».",
        f"{p} 3, colonne « Avancement » : avancement « 130 % » supérieur à 100 %.",
        f"{p} 4, colonne « Axe » : valeur manquante : cette colonne est obligatoire.",
        f"{p} 4, colonne « Avancement » : nombre négatif « \u22125 » : un nombre ne peut pas être négatif.",
    ]
    assert [p.bloquant for p in a.problemes] == [True, False, True, True, True, True, True]


def test_pan() -> None:
    lignes = [["Point d'accès", "Mois", "Démarche", "Nombre"],
              ["Hall", "2024-05", "Permis de conduire", "1 204"],
              ["Hall", dt.date(2024, 5, 17), "Permis de conduire", 6],
              ["Hall", "juin 2024", "Étrangers", -2],
              ["Hall", "07/2025", "Étrangers", 3.5]]
    a = analyse({"PAN": lignes}, "pan")
    p = "f.xlsx, feuille « PAN », ligne"
    assert textes(a) == [
        f"{p} 3, colonne « Nombre » : même point d'accès, mois et démarche qu'à la ligne 2 : les deux nombres seront "
        "additionnés.",
        f"{p} 4, colonne « Nombre » : nombre négatif « \u22122 » : un nombre ne peut pas être négatif.",
        f"{p} 5, colonne « Nombre » : nombre entier attendu : « 3,5 ».",
        f"{p} 5, colonne « Mois » : mois de juillet 2025 à venir (nous sommes le 15/06/2025).",
    ]
    assert a.lignes["mois"].dt.strftime("%Y-%m-%d").tolist() == ["2024-05-01", "2024-05-01", "2024-06-01",
                                                                  "2025-07-01"]
    assert a.lignes["nombre"].tolist()[:3] == [1204, 6, -2]


def test_avis() -> None:
    lignes = [["Date", "Structure", "Sujet", "Tonalité", "Date de réponse"],
              [dt.date(2024, 4, 2), "Préfecture", "Accueil", "Positive", dt.date(2024, 4, 5)],
              [dt.date(2024, 4, 9), None, "Délai", "négatif", dt.date(2024, 4, 1)],
              [dt.date(2024, 5, 9), None, None, "mitigé", None]]
    a = analyse({"Avis": lignes}, "avis")
    assert textes(a) == [
        "f.xlsx, feuille « Avis », ligne 3, colonne « Date de réponse » : réponse du 01/04/2024 antérieure à l'avis "
        "du 09/04/2024.",
        "f.xlsx, feuille « Avis », ligne 4, colonne « Tonalité » : valeur « mitigé » inconnue (valeurs admises : "
        "positif, neutre, négatif).",
    ]
    assert a.lignes["tonalite"].tolist()[:2] == ["positif", "negatif"]
    assert a.periodes == ["2024-04", "2024-05"]


def test_formule_sans_resultat_et_seulement_les_en_tetes() -> None:
    a = analyse({"Journal": [JOURNAL_ENTETES, ["F1", "Courriel", "Réclamation", "=TODAY()"]]}, "journal")
    assert textes(a) == [
        "f.xlsx, feuille « Journal », ligne 2, colonne « Date de réception » : formule sans résultat enregistré : "
        "ouvrez le fichier dans Excel ou LibreOffice et enregistrez-le (ou collez les valeurs à la place des "
        "formules), puis déposez-le à nouveau."]
    assert textes(analyse({"Journal": [["Journal 2024"], JOURNAL_ENTETES]}, "journal")) == [
        "f.xlsx, feuille « Journal », ligne 2 : le fichier ne contient que la ligne d'en-tête : aucune donnée à "
        "importer."]


# --- the journal's dated natures (issue 15: mise à jour, rendez-vous, pièces complémentaires, traitement) ----------

DATEES_ENTETES = ["Référence", "Canal", "Nature", "Date de réception", "Date de réponse", "Engagement", "Support",
                  "Date de proposition", "Date du rendez-vous", "Indisponibilité du demandeur", "Procédure"]


def analyse_datee(lignes: list[list], modules: tuple[int, ...] | None = (1, 4, 5)) -> Analyse:
    return analyser(xlsx({"Journal": [DATEES_ENTETES, *lignes]}), "j.xlsx", "journal", "S", "qualepref-2019", None,
                    aujourd_hui=JOUR, modules=modules)


def test_natures_datees_lues_avec_leurs_colonnes() -> None:
    a = analyse_datee([
        ["M1", "Courriel", "Mise à jour", dt.date(2024, 4, 30), dt.date(2024, 5, 3), 1, "Serveur vocal interactif",
         None, None, None, None],
        ["V1", "Téléphone", "Demande de RDV", dt.date(2024, 4, 29), None, 37, None, dt.date(2024, 5, 6),
         dt.date(2024, 5, 21), "oui", None],
        ["P1", "Courrier", "Dossier incomplet", dt.date(2024, 4, 30), dt.date(2024, 5, 15), 38, None, None, None,
         None, None],
        ["T1", "Courrier", "Traitement de dossier", dt.date(2024, 5, 2), dt.date(2024, 5, 31), 38, None, None, None,
         "non", "Armes"],
    ])
    assert a.problemes == []  # a rendez-vous by telephone is no written answer to warn about
    x = a.lignes
    assert x["nature"].tolist() == ["mise-a-jour", "rendez-vous", "pieces-complementaires", "traitement"]
    assert x["engagement"].tolist() == [1, 37, 38, 38]
    assert x["support"].fillna("-").tolist() == ["svi", "-", "-", "-"]
    assert x["indisponibilite"].tolist()[1:] == [True, pd.NA, False]
    assert x["date_proposition"].dt.strftime("%d/%m").fillna("-").tolist() == ["-", "06/05", "-", "-"]
    assert x["procedure"].fillna("-").tolist() == ["-", "-", "-", "Armes"]


def test_engagement_manquant_impossible_ou_hors_perimetre() -> None:
    a = analyse_datee([
        ["M1", "Courriel", "Mise à jour", dt.date(2024, 4, 30), None, None, "Site internet", None, None, None, None],
        ["P1", "Courrier", "Demande de pièces complémentaires", dt.date(2024, 4, 30), None, 17, None, None, None,
         None, None],
        ["T1", "Courrier", "Traitement de dossier", dt.date(2024, 5, 2), None, 52, None, None, None, None, None],
        ["V1", "Courrier", "Demande de rendez-vous", dt.date(2024, 5, 2), None, None, None, None, None, None, None],
    ], modules=(1, 4, 5))
    assert textes(a) == [
        "j.xlsx, feuille « Journal », ligne 2, colonne « Engagement » : engagement manquant : une ligne « Mise à "
        "jour » dit à quel engagement elle répond (1, 8, 11 ou 51).",
        "j.xlsx, feuille « Journal », ligne 3, colonne « Engagement » : l'engagement 17 ne date pas les lignes "
        "« Demande de pièces complémentaires » (engagements possibles : 38, 39 ou 52).",
        "j.xlsx, feuille « Journal », ligne 4, colonne « Engagement » : l'engagement 52 (module 8) n'est pas dans le "
        "périmètre du site (modules 1, 4, 5) : corrigez l'engagement ou le périmètre du site (page Sites).",
        "j.xlsx, feuille « Journal », ligne 5, colonne « Engagement » : engagement manquant : une ligne « Demande de "
        "rendez-vous » dit à quel engagement elle répond (37 ou 40).",
    ]
    assert a.bloquee and all(p.bloquant for p in a.problemes)


def test_engagement_qu_une_sous_prefecture_ne_retient_pas() -> None:
    """Chapter II: a sous-préfecture applies the engagements that concern it. Module 1 retained but its
    engagement 8 (the SVI) left out on the Sites page: a mise à jour of the SVI is refused at its row, through the
    reading child as in the app; engagement 1 still passes, and without the site's choice (a code) nothing is."""
    from qualepref.store import Site

    site = Site("SP", "Sous-préfecture", "sous-prefecture", False, modules=(1, 3), engagements_exclus=(8,))
    lignes = [["M1", "Courriel", "Mise à jour", dt.date(2024, 4, 30), dt.date(2024, 5, 2), 8,
               "Serveur vocal interactif", None, None, None, None],
              ["M2", "Courriel", "Mise à jour", dt.date(2024, 4, 30), dt.date(2024, 5, 2), 1, "Site internet", None,
               None, None, None]]
    a = analyser(xlsx({"Journal": [DATEES_ENTETES, *lignes]}), "j.xlsx", "journal", site, "qualepref-2019", None,
                 aujourd_hui=JOUR)
    assert textes(a) == [
        "j.xlsx, feuille « Journal », ligne 2, colonne « Engagement » : l'engagement 8 n'est pas retenu par le site "
        "(une sous-préfecture applique les engagements qui la concernent, choisis sur la page Sites) : corrigez "
        "l'engagement ou retenez-le sur la page Sites."]
    assert a.bloquee
    assert analyse_datee(lignes, modules=(1, 3)).problemes == []


def test_support_et_dates_du_rendez_vous() -> None:
    a = analyse_datee([
        ["M1", "Courriel", "Mise à jour", dt.date(2024, 4, 30), None, 1, None, None, None, None, None],
        ["M2", "Courriel", "Mise à jour", dt.date(2024, 4, 30), None, 8, "Site internet", None, None, None, None],
        ["V1", "Courrier", "Demande de rendez-vous", dt.date(2024, 5, 2), None, 37, None, dt.date(2024, 4, 30),
         None, None, None],
        ["V2", "Courrier", "Demande de rendez-vous", dt.date(2024, 5, 2), None, 37, None, None,
         dt.date(2024, 5, 20), "peut-être", None],
    ])
    assert textes(a) == [
        "j.xlsx, feuille « Journal », ligne 2, colonne « Support » : support manquant : une ligne « Mise à jour » dit "
        "ce qui a été mis à jour (Site internet, Serveur vocal interactif ou Affichage).",
        "j.xlsx, feuille « Journal », ligne 3, colonne « Support » : aucun délai de l'engagement 8 ne porte sur la mise "
        "à jour « Site internet » : la ligne est importée mais n'entre dans aucun taux.",
        "j.xlsx, feuille « Journal », ligne 4, colonne « Date de proposition » : proposition du 30/04/2024 antérieure "
        "à la réception du 02/05/2024.",
        "j.xlsx, feuille « Journal », ligne 5, colonne « Indisponibilité du demandeur » : valeur « peut-être » "
        "inconnue (valeurs admises : oui, non).",
        "j.xlsx, feuille « Journal », ligne 5, colonne « Date de proposition » : date de proposition manquante : le "
        "délai du rendez-vous (10 jours ouvrés) court de la proposition (37.1, 40.1) ; indiquez le jour où la date a "
        "été proposée.",
    ]
    assert [p.bloquant for p in a.problemes] == [True, False, True, True, True]


def test_nature_inconnue_refusee() -> None:
    a = analyse_datee([["X1", "Courriel", "Demande de visite", dt.date(2024, 4, 30), None, None, None, None, None,
                        None, None]])
    assert textes(a) == [
        "j.xlsx, feuille « Journal », ligne 2, colonne « Nature » : valeur « Demande de visite » inconnue (valeurs "
        "admises : demande d'information, réclamation, suggestion, demande de collectivité, mise à jour, demande de "
        "rendez-vous, demande de pièces complémentaires, traitement de dossier)."]
