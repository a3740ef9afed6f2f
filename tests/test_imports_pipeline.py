"""The import pipeline end to end on a real SQLite store: each kind from real files, the same data as .xlsx, .csv
and .ods giving the same stored rows, re-import without doubling, undo, every bad input refused with its message
and nothing stored, the command line's summary and report."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref import store
from qualepref.cli import main
from qualepref.imports.pipeline import Analyse, analyser, importer, importer_fichier
from tests.fichiers_imports import JOURNAL, JOURNAL_ENTETES, csv, ods, remplacer_membre, xlsx

JOUR = dt.date(2025, 6, 15)
SITE = store.Site("S", "Préfecture d'essai", "prefecture", True, modules=(1, 2, 4))


@pytest.fixture
def moteur(tmp_path: Path) -> Iterator[Engine]:
    engine = store.creer_moteur("sqlite:///" + str(tmp_path / "t.db"))
    store.save_site(engine, SITE)
    yield engine
    engine.dispose()


def analyse_de(contenu: bytes, nom: str, type_donnees: str = "journal", annee: int | None = None,
               lignes_max: int = 500_000) -> Analyse:
    return analyser(contenu, nom, type_donnees, SITE.code, SITE.referentiel, annee, aujourd_hui=JOUR,
                    lignes_max=lignes_max)


def stockees(moteur: Engine, type_donnees: str) -> pd.DataFrame:
    """The active rows as stored, without the row ids (comparable across imports)."""
    return store.load_donnees(moteur, type_donnees, SITE.code).drop(columns=["id"], errors="ignore").reset_index(
        drop=True)


# --- the analysis ----------------------------------------------------------------------------------------------

def test_analyse_identite_du_fichier_et_progression() -> None:
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    appels: list[tuple[float, str]] = []
    a = analyser(contenu, "C:\\Users\\ref\\journal 2024.xlsx", "journal", "S", "qualepref-2019", None,
                 aujourd_hui=JOUR, progression=lambda f, t: appels.append((f, t)))
    # the name as given (issue 13: never cut), escaped where it is shown
    assert (a.fichier, a.type_donnees, a.site) == ("C:\\Users\\ref\\journal 2024.xlsx", "journal", "S")
    assert a.sha256 == hashlib.sha256(contenu).hexdigest()
    assert appels == [(0.05, "Lecture du fichier…"), (1.0, "Analyse terminée.")]
    assert not a.bloquee and a.erreurs == [] and a.avertissements == []
    with pytest.raises(AttributeError):
        a.fichier = "autre"  # frozen


@pytest.mark.parametrize(("type_donnees", "referentiel", "message"), [
    ("courriers", "qualepref-2019", "f.xlsx : type de données « courriers » inconnu (types admis : journal, "
                                    "indicateurs, enquete, enquete-agregee, mystere, plan, pan, avis, crises)."),
    ("journal", "qualepref-1999", "f.xlsx : référentiel « qualepref-1999 » inconnu."),
])
def test_type_ou_referentiel_inconnu(type_donnees: str, referentiel: str, message: str) -> None:
    a = analyser(b"x", "f.xlsx", type_donnees, "S", referentiel, None, aujourd_hui=JOUR)
    assert [p.texte for p in a.problemes] == [message] and a.bloquee
    assert a.lignes.empty and a.periodes == []


def test_limite_de_lignes_apres_lecture() -> None:
    contenu = xlsx({"Journal": [JOURNAL_ENTETES, *JOURNAL]})
    a = analyse_de(contenu, "journal.xlsx", lignes_max=3)
    assert [p.texte for p in a.problemes] == [
        "journal.xlsx, feuille « Journal » : 5 lignes de données, au-delà de la limite de 3 lignes par import : "
        "découpez le fichier (par année par exemple) puis importez chaque partie."]


# --- each kind, from real files, into the store ------------------------------------------------------------------

Q1, Q2 = "Comment jugez-vous l'accueil ?", "L'accueil téléphonique"
FICHIERS: dict[str, dict[str, list]] = {
    "journal": {"Journal": [JOURNAL_ENTETES, *JOURNAL]},
    "indicateurs": {"Valeurs": [["Indicateur", "Période", "Valeur", "Numérateur", "Dénominateur", "Commentaire"],
                                ["E10-APPELS-ABOUTIS", "2024-T1", 88.5, 885, 1000, "Indigo"],
                                ["E19-CONNEXIONS-RESEAUX", "2024-03", 110000, None, None, None]]},
    "enquete": {"Réponses": [["Année", Q1, Q2], [2024, "Très satisfait", "Peu satisfait"], [2024, "Satisfait", None]],
                "Questionnaire": [["Question", "Thème"], [Q1, "Accueil physique"], [Q2, "Accueil téléphonique"]]},
    "enquete-agregee": {"Résultats": [["Année", "Thème", "Satisfaits", "Exprimés", "Taux de satisfaction"],
                                      [2023, "Accueil physique", 120, 150, None],
                                      [2022, "Site internet", None, None, 76]]},
    "mystere": {"Mystère": [["Date", "Canal", "Critère", "Résultat"],
                            [dt.date(2024, 3, 4), "Téléphone", "Décroché en moins de 5 sonneries", "conforme"],
                            [dt.date(2024, 3, 5), "Courriel", "Réponse claire", "non conforme"]]},
    "plan": {"Plan d'actions": [["Axe", "Thématique", "Action", "Structure", "Pilote", "Échéance", "Statut",
                                 "Avancement", "Engagement", "Année"],
                                ["Axe 1", "Accueil", "Signalétique", "Préfecture", "Référente", dt.date(2024, 6, 30),
                                 "Réalisée", 100, 5, 2024],
                                ["Axe 2", "Numérique", "Rendez-vous", None, None, None, "En cours", 40, None, 2024]]},
    "pan": {"PAN": [["Point d'accès", "Mois", "Démarche", "Nombre"], ["Hall", dt.date(2024, 5, 1), "Étrangers", 154],
                    ["Hall", dt.date(2024, 6, 1), "Permis de conduire", 110]]},
    "avis": {"Avis": [["Date", "Structure", "Sujet", "Tonalité", "Date de réponse"],
                      [dt.date(2024, 4, 2), "Préfecture", "Accueil", "Positif", dt.date(2024, 4, 5)],
                      [dt.date(2024, 5, 9), None, "Délai", "Négatif", None]]},
}
# What the store holds afterwards (hand-written from the files above).
ATTENDUS: dict[str, list[tuple]] = {
    "journal": [("A1", "courriel", "information", "2024-01-05"), ("A2", "courrier", "reclamation", "2024-01-10"),
                ("A3", "formulaire", "suggestion", "2024-01-31"), ("A4", "urne", "collectivite", "2024-02-01"),
                ("A5", "courriel", "reclamation", "2024-02-28")],
    "indicateurs": [("E10-APPELS-ABOUTIS", "2024-T1", 88.5), ("E19-CONNEXIONS-RESEAUX", "2024-03", 110000.0)],
    "enquete": [(2024, 1, Q1, "tres_satisfait"), (2024, 1, Q2, "peu_satisfait"), (2024, 2, Q1, "satisfait"),
                (2024, 2, Q2, "sans_avis")],
    "enquete-agregee": [(2023, "Accueil physique", 120.0), (2022, "Site internet", None)],
    "mystere": [("2024-03-04", "telephone", True), ("2024-03-05", "courriel", False)],
    "plan": [(2024, "Signalétique", "realisee", 100.0), (2024, "Rendez-vous", "en_cours", 40.0)],
    "pan": [("Hall", "2024-05-01", "Étrangers", 154), ("Hall", "2024-06-01", "Permis de conduire", 110)],
    "avis": [("2024-04-02", "Accueil", "positif"), ("2024-05-09", "Délai", "negatif")],
}
COLONNES_VUES = {"journal": ["reference", "canal", "nature", "date_reception"],
                 "indicateurs": ["indicateur", "periode", "valeur"],
                 "enquete": ["annee", "repondant", "question", "reponse"],
                 "enquete-agregee": ["annee", "theme", "satisfaits"], "mystere": ["date", "canal", "conforme"],
                 "plan": ["annee", "action", "statut", "avancement"], "pan": ["point", "mois", "demarche", "nombre"],
                 "avis": ["date", "sujet", "tonalite"]}


def _tuples(cadre: pd.DataFrame, colonnes: list[str]) -> list[tuple]:
    def simple(valeur: object) -> object:
        if isinstance(valeur, pd.Timestamp):
            return valeur.strftime("%Y-%m-%d")
        if valeur is None or (not isinstance(valeur, str) and pd.isna(valeur)):
            return None
        return valeur.item() if hasattr(valeur, "item") else valeur
    return [tuple(simple(v) for v in ligne) for ligne in cadre[colonnes].astype(object).itertuples(index=False)]


def _fichier(type_donnees: str, format_: str) -> bytes:
    feuilles = FICHIERS[type_donnees]
    if format_ == "xlsx":
        return xlsx(feuilles)
    if format_ == "ods":
        return ods(feuilles)
    (lignes,) = feuilles.values()
    return csv(lignes, "cp1252")


# A survey has two sheets: no CSV (its refusal is tested in test_imports_kinds).
@pytest.mark.parametrize(("type_donnees", "format_"), [(t, f) for t in FICHIERS for f in ("xlsx", "ods", "csv")
                                                       if (t, f) != ("enquete", "csv")])
def test_chaque_type_s_importe(moteur: Engine, type_donnees: str, format_: str) -> None:
    a = analyse_de(_fichier(type_donnees, format_), f"{type_donnees}.{format_}", type_donnees)
    assert a.problemes == []
    resultat = importer(moteur, a, "référente", remplacer=False)
    assert (resultat.ajoutees, resultat.remplacees) == (len(ATTENDUS[type_donnees]), 0)
    assert _tuples(stockees(moteur, type_donnees), COLONNES_VUES[type_donnees]) == ATTENDUS[type_donnees]
    journal = store.load_imports(moteur).iloc[0]
    assert (journal["fichier"], journal["utilisateur"], journal["sha256"], journal["type_donnees"]) == (
        f"{type_donnees}.{format_}", "référente", a.sha256, type_donnees)
    assert journal["periodes"] == ",".join(a.periodes)


def test_memes_donnees_en_xlsx_csv_et_ods_memes_lignes(moteur: Engine) -> None:
    """Dates, codes, empty cells and accents survive every format alike; each import replaces the previous one."""
    stockes = []
    for nom, contenu in [("j.xlsx", xlsx(FICHIERS["journal"])), ("j.csv", csv(FICHIERS["journal"]["Journal"])),
                         ("j.csv", csv(FICHIERS["journal"]["Journal"], "cp1252")),
                         ("j.csv", csv(FICHIERS["journal"]["Journal"], "utf-16")),
                         ("j.ods", ods(FICHIERS["journal"]))]:
        resultat = importer(moteur, analyse_de(contenu, nom), "r", remplacer=True)
        assert resultat.ajoutees == 5
        stockes.append(stockees(moteur, "journal"))
    for autre in stockes[1:]:
        pd.testing.assert_frame_equal(autre, stockes[0])
    assert store.compter_lignes(moteur)["journal"] == 25  # 5 active, 20 kept for undo


def test_le_meme_fichier_deux_fois_ne_double_rien(moteur: Engine) -> None:
    contenu = xlsx(FICHIERS["journal"])
    importer(moteur, analyse_de(contenu, "j.xlsx"), "r", remplacer=False)
    avant = store.contenu_tables(moteur)
    with pytest.raises(store.DonneesExistantes):
        importer(moteur, analyse_de(contenu, "j.xlsx"), "r", remplacer=False)
    assert store.contenu_tables(moteur) == avant
    seconde = importer(moteur, analyse_de(contenu, "j.xlsx"), "r", remplacer=True)
    assert (seconde.ajoutees, seconde.remplacees) == (5, 5)
    assert len(stockees(moteur, "journal")) == 5


def test_annuler_restaure_ce_qui_a_ete_remplace(moteur: Engine) -> None:
    premiere = importer(moteur, analyse_de(xlsx(FICHIERS["journal"]), "j.xlsx"), "r", remplacer=False)
    avant = stockees(moteur, "journal")
    corrige = [JOURNAL_ENTETES, *JOURNAL[:3], ["A3bis", "Courriel", "Suggestion", dt.date(2024, 1, 15)]]
    seconde = importer(moteur, analyse_de(xlsx({"Journal": corrige}), "j2.xlsx"), "r", remplacer=True)
    assert (seconde.ajoutees, seconde.remplacees) == (4, 3)  # only January was in the new file
    assert sorted(stockees(moteur, "journal")["reference"]) == ["A1", "A2", "A3", "A3bis", "A4", "A5"]
    assert store.annuler_import(moteur, seconde.import_id, "r") == 4
    pd.testing.assert_frame_equal(stockees(moteur, "journal"), avant)
    assert premiere.import_id < seconde.import_id


# --- bad inputs: the message, and nothing stored ------------------------------------------------------------------

def _journal(*lignes: list) -> bytes:
    return xlsx({"Journal": [JOURNAL_ENTETES, *lignes]})


def _mauvais() -> list[tuple[str, str, bytes, str, str]]:
    """(name, kind, bytes, file name, the first problem's sentence)."""
    bon = _journal(*JOURNAL)
    bombe = io.BytesIO()
    with zipfile.ZipFile(bombe, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (8 * 1024 * 1024))
    entites = remplacer_membre(bon, "xl/worksheets/sheet1.xml",
                               b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><worksheet/>')
    p = "journal.xlsx, feuille « Journal », ligne"
    return [
        ("vide", "journal", b"", "journal.xlsx", "journal.xlsx : le fichier est vide."),
        ("renommé", "journal", b"%PDF-1.4 ...", "journal.xlsx",
         "journal.xlsx : le fichier porte l'extension .xlsx mais son contenu est un document PDF : il a sans doute été "
         "renommé. Déposez le fichier d'origine ou enregistrez-le au format .xlsx."),
        ("xlsm", "journal", bon, "journal.xlsm",
         "journal.xlsm : les classeurs contenant des macros (.xlsm) sont refusés par sécurité : enregistrez-le au "
         "format « Classeur Excel (.xlsx) » puis déposez-le à nouveau."),
        ("tronqué", "journal", bon[:1000], "journal.xlsx",
         "journal.xlsx : le classeur est endommagé ou incomplet (archive zip illisible) : ouvrez-le dans Excel ou "
         "LibreOffice, enregistrez-le à nouveau puis déposez-le."),
        ("bombe", "journal", bombe.getvalue(), "journal.xlsx", "journal.xlsx : la partie « xl/worksheets/sheet1.xml » "
         "du classeur est compressée "),
        ("entités", "journal", entites, "journal.xlsx",
         "journal.xlsx : le classeur contient une déclaration XML interdite (DOCTYPE ou ENTITY, dans "
         "« xl/worksheets/sheet1.xml ») : fichier refusé par sécurité."),
        ("seulement les en-têtes", "journal", _journal(), "journal.xlsx",
         f"{p} 1 : le fichier ne contient que la ligne d'en-tête : aucune donnée à importer."),
        ("colonne absente", "journal", xlsx({"Journal": [JOURNAL_ENTETES[:3], JOURNAL[0][:3]]}), "journal.xlsx",
         f"{p} 1 : colonne obligatoire « Date de réception » absente de la ligne d'en-tête."),
        ("canal inconnu", "journal", _journal(["X", "fax", "Réclamation", dt.date(2024, 1, 2)]), "journal.xlsx",
         f"{p} 2, colonne « Canal » : valeur « fax » inconnue (valeurs admises : courrier, courriel, formulaire, urne, "
         "téléphone)."),
        ("date impossible", "journal", _journal(["X", "Urne", "Réclamation", "31/02/2024"]), "journal.xlsx",
         f"{p} 2, colonne « Date de réception » : date impossible « 31/02/2024 » (ce jour n'existe pas dans le "
         "calendrier)."),
        ("date future", "journal", _journal(["X", "Urne", "Réclamation", dt.date(2099, 6, 16)]), "journal.xlsx",
         f"{p} 2, colonne « Date de réception » : date du 16/06/2099 dans le futur (nous sommes le 15/06/2025)."),
        ("réponse avant réception", "journal",
         _journal(["X", "Urne", "Réclamation", dt.date(2024, 1, 5), None, dt.date(2024, 1, 4)]), "journal.xlsx",
         f"{p} 2, colonne « Date de réponse » : réponse du 04/01/2024 antérieure à la réception du 05/01/2024."),
        ("référence en double", "journal", _journal(JOURNAL[0], JOURNAL[0]), "journal.xlsx",
         f"{p} 3, colonne « Référence » : référence « A1 » en double (déjà à la ligne 2)."),
        ("formule", "journal", _journal(["X", "Urne", "Réclamation", "=DATE(2024,1,2)"]), "journal.xlsx",
         f"{p} 2, colonne « Date de réception » : formule sans résultat enregistré : ouvrez le fichier dans Excel ou "
         "LibreOffice et enregistrez-le (ou collez les valeurs à la place des formules), puis déposez-le à nouveau."),
        ("compte négatif", "pan", xlsx({"PAN": [["Point d'accès", "Mois", "Démarche", "Nombre"],
                                                ["Hall", "2024-05", "Étrangers", -4]]}), "pan.xlsx",
         "pan.xlsx, feuille « PAN », ligne 2, colonne « Nombre » : nombre négatif « \u22124 » : un nombre ne peut pas "
         "être négatif."),
        ("taux au-dessus de 100", "indicateurs", xlsx({"Valeurs": [["Indicateur", "Période", "Valeur"],
                                                                   ["E10-APPELS-ABOUTIS", "2024-T1", "101 %"]]}),
         "v.xlsx", "v.xlsx, feuille « Valeurs », ligne 2, colonne « Valeur » : taux « 101 % » supérieur à 100 %."),
        ("indicateur inconnu", "indicateurs", xlsx({"Valeurs": [["Indicateur", "Période", "Valeur"],
                                                                ["Taux de bonheur", "2024", 12]]}), "v.xlsx",
         "v.xlsx, feuille « Valeurs », ligne 2, colonne « Indicateur » : indicateur « Taux de bonheur » inconnu du "
         "référentiel « Qual-e-pref » (codes et libellés : feuille « Indicateurs » du modèle)."),
    ]


@pytest.mark.parametrize(("cas", "type_donnees", "contenu", "nom", "message"), _mauvais(),
                         ids=[m[0] for m in _mauvais()])
def test_mauvaise_entree_refusee_rien_n_est_enregistre(moteur: Engine, tmp_path: Path, cas: str, type_donnees: str,
                                                       contenu: bytes, nom: str, message: str) -> None:
    importer(moteur, analyse_de(xlsx(FICHIERS["pan"]), "pan.xlsx", "pan"), "r", remplacer=False)
    avant = store.contenu_tables(moteur)
    a = analyse_de(contenu, nom, type_donnees)
    assert a.bloquee
    assert a.erreurs[0].texte.startswith(message) and (message.endswith(" ") or a.erreurs[0].texte == message)
    with pytest.raises(store.ErreurStockage) as refus:
        importer(moteur, a, "r", remplacer=True)
    assert str(refus.value).startswith(f"{nom} : import refusé, le fichier comporte ")
    chemin = tmp_path / nom
    chemin.write_bytes(contenu)
    code, rapport = importer_fichier(moteur, chemin, type_donnees, SITE.code, None, True, "r")
    assert code == 1
    assert rapport.splitlines()[0].startswith(f"{nom} : import refusé, ")
    assert "Traceback" not in rapport
    assert store.contenu_tables(moteur) == avant


def test_un_import_refuse_n_ecrit_rien_meme_avec_une_seule_ligne_fautive(moteur: Engine) -> None:
    lignes = [*JOURNAL, ["A6", "Courriel", "Réclamation", dt.date(2024, 3, 1), None, dt.date(2024, 2, 1)]]
    a = analyse_de(_journal(*lignes), "j.xlsx")
    assert len(a.erreurs) == 1 and len(a.lignes) == 6
    avant = store.contenu_tables(moteur)
    with pytest.raises(store.ErreurStockage):
        importer(moteur, a, "r", remplacer=False)
    assert store.contenu_tables(moteur) == avant


# --- the command line --------------------------------------------------------------------------------------------

def test_importer_fichier_resume_puis_remplacement(moteur: Engine, tmp_path: Path) -> None:
    chemin = tmp_path / "journal.xlsx"
    chemin.write_bytes(xlsx(FICHIERS["journal"]))
    assert importer_fichier(moteur, chemin, "journal", "S", None, False, "cli") == (
        0, "journal.xlsx : 5 lignes importées (import n° 1), 0 remplacée, périodes 2024-01 à 2024-02.")
    code, message = importer_fichier(moteur, chemin, "journal", "S", None, False, "cli")
    assert (code, message) == (1, "journal.xlsx : Des données de ce type existent déjà pour ces périodes : 2024-01 "
                                  "(3 lignes), 2024-02 (2 lignes). Confirmez le remplacement pour les remplacer "
                                  "(option --remplacer) ; rien n'a été enregistré.")
    assert importer_fichier(moteur, chemin, "journal", "S", None, True, "cli") == (
        0, "journal.xlsx : 5 lignes importées (import n° 2), 5 remplacées, périodes 2024-01 à 2024-02.")


def test_importer_fichier_avertissements_et_periode_unique(moteur: Engine, tmp_path: Path) -> None:
    chemin = tmp_path / "tel.csv"
    chemin.write_bytes(csv([JOURNAL_ENTETES, ["T1", "Téléphone", "Suggestion", dt.date(2024, 3, 1)]]))
    code, message = importer_fichier(moteur, chemin, "journal", "S", None, False, "cli")
    assert code == 0
    assert message.splitlines() == [
        "tel.csv : 1 ligne importée (import n° 1), 0 remplacée, période 2024-03.",
        "Avertissement : tel.csv, ligne 2, colonne « Canal » : demande reçue par téléphone : aucun délai de réponse "
        "écrite ne s'y applique ; elle est importée mais n'entre dans aucun taux de délai."]


def test_importer_fichier_date_du_jour_donnee(moteur: Engine, tmp_path: Path) -> None:
    """The day dates are checked against can be given (tests, replays); the real today otherwise."""
    chemin = tmp_path / "futur.csv"
    chemin.write_bytes(csv([JOURNAL_ENTETES, ["F1", "Courriel", "Suggestion", dt.date(2025, 6, 16)]]))
    assert importer_fichier(moteur, chemin, "journal", "S", None, False, "cli", aujourd_hui=JOUR) == (
        1, "futur.csv : import refusé, 1 erreur ; rien n'a été enregistré.\nfutur.csv, ligne 2, colonne « Date de "
           "réception » : date du 16/06/2025 dans le futur (nous sommes le 15/06/2025).")
    assert store.load_imports(moteur).empty
    code, message = importer_fichier(moteur, chemin, "journal", "S", None, False, "cli",
                                     aujourd_hui=dt.date(2025, 6, 16))
    assert (code, message) == (0, "futur.csv : 1 ligne importée (import n° 1), 0 remplacée, période 2025-06.")


def test_importer_fichier_refus_simples(moteur: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chemin = tmp_path / "journal.xlsx"
    chemin.write_bytes(xlsx(FICHIERS["journal"]))
    assert importer_fichier(moteur, chemin, "journal", "INCONNU", None, False, "cli") == (
        1, "Le site « INCONNU » n'existe pas (voir : python -m qualepref sites).")
    assert importer_fichier(moteur, chemin, "courriers", "S", None, False, "cli")[0] == 1
    assert importer_fichier(moteur, tmp_path / "absent.xlsx", "journal", "S", None, False, "cli") == (
        1, f"{tmp_path / 'absent.xlsx'} : fichier introuvable.")
    reglages = tmp_path / "config.toml"
    reglages.write_text("[import]\ntaille_max_mo = 1\n", encoding="utf-8")
    monkeypatch.setenv("QUALEPREF_CONFIG", str(reglages))
    gros = tmp_path / "gros.csv"
    gros.write_bytes(b"x" * (3 * 1024 * 1024 // 2))
    assert importer_fichier(moteur, gros, "journal", "S", None, False, "cli") == (
        1, "gros.csv : le fichier pèse 1,5 Mo, au-delà de la taille maximale de 1 Mo : découpez-le (par année par "
           "exemple).")
    a = analyser(b"x" * (3 * 1024 * 1024 // 2), "gros.csv", "journal", "S", "qualepref-2019", None)
    assert a.problemes[0].message.startswith("le fichier pèse 1,5 Mo")  # checked again in analyser
    assert store.load_imports(moteur).empty


def test_ligne_de_commande(moteur: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUALEPREF_DATABASE_URL", str(moteur.url))
    chemin = tmp_path / "journal.csv"
    chemin.write_bytes(csv(FICHIERS["journal"]["Journal"], "utf-8-sig"))
    sortie, erreurs = io.StringIO(), io.StringIO()
    assert main(["importer", str(chemin), "--type", "journal", "--site", "S"], sortie, erreurs) == 0
    assert sortie.getvalue() == ("journal.csv : 5 lignes importées (import n° 1), 0 remplacée, périodes 2024-01 à "
                                 "2024-02.\n")
    mauvais = tmp_path / "mauvais.csv"
    mauvais.write_bytes(csv([JOURNAL_ENTETES, ["Z", "fax", "Réclamation", "31/02/2024"]]))
    sortie, erreurs = io.StringIO(), io.StringIO()
    assert main(["importer", str(mauvais), "--type", "journal", "--site", "S"], sortie, erreurs) == 1
    assert sortie.getvalue() == ""
    assert erreurs.getvalue().splitlines() == [
        "mauvais.csv : import refusé, 2 erreurs ; rien n'a été enregistré.",
        "mauvais.csv, ligne 2, colonne « Canal » : valeur « fax » inconnue (valeurs admises : courrier, courriel, "
        "formulaire, urne, téléphone).",
        "mauvais.csv, ligne 2, colonne « Date de réception » : date impossible « 31/02/2024 » (ce jour n'existe pas "
        "dans le calendrier)."]
    assert len(store.load_imports(moteur)) == 1
