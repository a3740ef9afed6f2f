"""The command line: sites, referential, jours ouvrés, results, publication; French errors, exit codes, no traceback."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine

from qualepref.cli import main
from qualepref.referentiel import charger
from qualepref.store import get_site, load_sites
from qualepref.store.pilotage import periodes_publiees

RACINE = Path(__file__).resolve().parent.parent


def lancer(*argv: str) -> tuple[int, str, str]:
    sortie, erreurs = io.StringIO(), io.StringIO()
    code = main(list(argv), sortie, erreurs)
    return code, sortie.getvalue(), erreurs.getvalue()


@pytest.fixture
def base(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("QUALEPREF_DATABASE_URL", url)
    return url


def moteur(url: str) -> Engine:
    from qualepref.store import creer_moteur

    return creer_moteur(url)


def test_site_ajouter_puis_lister(base: str) -> None:
    code, sortie, erreurs = lancer("site-ajouter", "PREF-51", "--nom", "Préfecture de la Marne", "--type",
                                   "prefecture", "--cert", "--modules", "1,2,4")
    assert (code, erreurs) == (0, "")
    site = get_site(moteur(base), "PREF-51")
    assert (site.nom, site.type_site, site.cert, site.zone, site.modules) == (
        "Préfecture de la Marne", "prefecture", True, "metropole", (1, 2, 4))
    code, sortie, _ = lancer("sites")
    assert code == 0
    assert sortie == "PREF-51\tPréfecture de la Marne\tprefecture avec CERT\tzone metropole\tmodules 1, 2, 4\n"


def test_sites_en_colonnes_separees_par_des_tabulations_et_noms_echappes(base: str) -> None:
    """The columns are real tabs (a spreadsheet or ``cut`` splits them); a tab or an escape sequence inside a name
    is written as text, so it can neither add a column nor drive the terminal."""
    lancer("site-ajouter", "SP-1", "--nom", "Vitry\tle\x1b[31mrouge", "--type", "sous-prefecture", "--modules", "1,3")
    code, sortie, _ = lancer("sites")
    assert (code, sortie) == (0, "SP-1\tVitry\\tle\\x1b[31mrouge\tsous-prefecture sans CERT\tzone metropole\t"
                                 "modules 1, 3\n")


def test_site_au_perimetre_invalide_refuse(base: str) -> None:
    code, sortie, erreurs = lancer("site-ajouter", "PREF-51", "--nom", "Préfecture", "--type", "prefecture",
                                   "--cert", "--modules", "1,4")
    assert code == 1
    assert sortie == ""
    assert "module 2" in erreurs.lower()
    assert "Traceback" not in erreurs
    assert load_sites(moteur(base)) == []


def test_zone_inconnue_message_francais(base: str) -> None:
    code, _, erreurs = lancer("site-ajouter", "SP-1", "--nom", "Sous-préfecture", "--type", "sous-prefecture",
                              "--zone", "atlantide", "--modules", "1,3")
    assert code == 1
    assert erreurs.startswith("Commande incorrecte : ")
    assert "atlantide" in erreurs and "Traceback" not in erreurs


def test_referentiel_json_et_csv(base: str) -> None:
    ref = charger("qualepref-2019")
    code, sortie, _ = lancer("referentiel", "--format", "json")
    assert code == 0
    d = json.loads(sortie)
    assert len(d["modules"]) == 8
    assert len(d["engagements"]) == 54
    e17 = next(e for e in d["engagements"] if e["numero"] == 17)
    assert e17["module"] == ref.engagement(17).module and e17["titre"] == ref.engagement(17).titre
    assert len(d["indicateurs"]) == len(ref.indicateurs)
    assert {"code", "libelle", "engagement", "unite"} <= set(d["indicateurs"][0])
    regles_17 = [r for r in d["delais"] if r["engagement"] == 17]
    assert {(r["canaux"], r["jours_ouvres"]) for r in regles_17 if "courriel" in r["canaux"]} >= {("courriel", 5)}
    code, sortie, _ = lancer("referentiel", "--format", "csv")
    assert code == 0
    lignes = list(csv.reader(io.StringIO(sortie), delimiter=";"))
    assert len(lignes) > 54


@pytest.mark.parametrize(("debut", "fin", "zone", "attendu"), [
    ("2024-03-01", "2024-03-04", "metropole", "1"),  # vendredi → lundi
    ("2024-03-04", "2024-03-04", "metropole", "0"),  # même jour
    ("2024-03-28", "2024-04-02", "metropole", "2"),  # lundi de Pâques férié : 29/03 et 02/04
    ("2024-03-28", "2024-04-02", "alsace-moselle", "1"),  # Vendredi saint férié aussi
])
def test_jours_ouvres(base: str, debut: str, fin: str, zone: str, attendu: str) -> None:
    code, sortie, _ = lancer("jours-ouvres", debut, fin, "--zone", zone)
    assert (code, sortie) == (0, attendu + "\n")


def test_jours_ouvres_date_invalide(base: str) -> None:
    code, sortie, erreurs = lancer("jours-ouvres", "2024-02-31", "2024-03-04")
    assert code == 1 and sortie == ""
    assert "2024-02-31" in erreurs and "Traceback" not in erreurs


def test_resultats_et_publier(base: str) -> None:
    lancer("site-ajouter", "SP-1", "--nom", "Sous-préfecture", "--type", "sous-prefecture", "--modules", "1,3")
    code, sortie, _ = lancer("resultats", "--site", "SP-1", "--annee", "2024")
    assert code == 0
    d = json.loads(sortie)
    assert (d["site"], d["annee"]) == ("SP-1", 2024)
    assert {"indicateurs", "enquetes", "plan_actions", "pan", "avis"} <= set(d)
    assert d["avis"]["négatif"] == 0
    assert all(i["statut"] in {"non_mesure", "sans_cible"} for i in d["indicateurs"])
    code, sortie, _ = lancer("publier", "--site", "SP-1", "--annee", "2024", "--trimestre", "2")
    assert (code, sortie) == (0, "Résultats 2024-T2 du site « SP-1 » publiés.\n")
    assert periodes_publiees(moteur(base), "SP-1") == ["2024-T2"]


def test_site_inconnu(base: str) -> None:
    code, sortie, erreurs = lancer("resultats", "--site", "NULLE-PART", "--annee", "2024")
    assert (code, sortie) == (1, "")
    assert erreurs == "Le site « NULLE-PART » n'existe pas (voir : python -m qualepref sites).\n"


def test_python_m_qualepref_sans_traceback(base: str, tmp_path: Path) -> None:
    """The real entry point, in a child process: an unknown command is a French error, exit code 1."""
    fini = subprocess.run([sys.executable, "-m", "qualepref", "inconnue"], cwd=RACINE, capture_output=True,
                          text=True, timeout=120)
    assert fini.returncode == 1
    assert "Commande incorrecte" in fini.stderr and "Traceback" not in fini.stderr


# --- what the import prints: one line per problem, values and names escaped, never a traceback --------------------

def _site_cli() -> None:
    code, _, erreurs = lancer("site-ajouter", "PREF-CLI", "--nom", "Préfecture", "--type", "prefecture", "--cert",
                              "--modules", "1,2")
    assert code == 0, erreurs


def test_importer_echappe_les_caracteres_de_commande_et_les_sauts_de_ligne(base: str, tmp_path: Path) -> None:
    """A canal « ESC[2J fax BEL » and a file name holding a newline that would forge « 3 lignes importées »: printed
    escaped, each problem on one line; a name with « ..\\..\\ » shown as given."""
    _site_cli()
    nom = "journal\njournal.csv : 3 lignes importées (import n° 9).csv"
    chemin = tmp_path / nom
    chemin.write_bytes("Référence;Canal;Nature;Date de réception\r\nA-1;\x1b[2Jfax\x07;Réclamation;05/01/2024\r\n"
                       .encode())
    code, sortie, erreurs = lancer("importer", str(chemin), "--type", "journal", "--site", "PREF-CLI")
    nom_echappe = "journal\\njournal.csv : 3 lignes importées (import n° 9).csv"
    assert (code, sortie) == (1, "")
    assert erreurs == (
        f"{nom_echappe} : import refusé, 1 erreur ; rien n'a été enregistré.\n"
        f"{nom_echappe}, ligne 2, colonne « Canal » : valeur « \\x1b[2Jfax\\x07 » inconnue (valeurs admises : "
        "courrier, courriel, formulaire, urne, téléphone).\n")
    assert "\x1b" not in erreurs and "\x07" not in erreurs
    antislash = tmp_path / "..\\..\\journal.csv"
    antislash.write_bytes("Référence;Canal;Nature;Date de réception\r\nA-1;fax;Réclamation;05/01/2024\r\n".encode())
    code, _, erreurs = lancer("importer", str(antislash), "--type", "journal", "--site", "PREF-CLI")
    assert code == 1
    assert erreurs.startswith("..\\..\\journal.csv : import refusé, 1 erreur")


def test_une_erreur_inattendue_va_au_journal_jamais_a_l_ecran(base: str, tmp_path: Path) -> None:
    """Run as a user runs it (a fresh process, logging not configured): no traceback on stderr, the detail in
    data/ligne-de-commande.log."""
    programme = ("import logging, sys; from qualepref import cli; "
                 "cli.COMMANDES['sites'] = cli.Commande('x', lambda p: None, lambda a, c: ("
                 "logging.getLogger('qualepref.imports').error('détail journalisé'), 1 / 0)); "
                 "sys.exit(cli.main(['sites']))")
    resultat = subprocess.run([sys.executable, "-c", programme], cwd=RACINE, capture_output=True, text=True,
                              timeout=120, check=False)
    assert resultat.returncode == 1
    assert resultat.stderr == "Erreur inattendue (ZeroDivisionError) : division by zero\n"
    journal = (RACINE / "data" / "ligne-de-commande.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError" in journal and "Traceback" in journal and "détail journalisé" in journal


def test_delai_local_fixer_lister_refuser(base: str, tmp_path: Path) -> None:
    """38.3 « fixé localement »: the référent sets the délai per procedure; the default stays named « délai par
    défaut, à remplacer » for the others; a traitement row then reads its délai (issue 15)."""
    lancer("site-ajouter", "PREF-DL", "--nom", "Préfecture", "--type", "prefecture", "--cert", "--modules", "1,2,5")
    assert lancer("delai-local", "PREF-DL") == (
        0, "engagement 38\ttoutes procédures\t30 jours ouvrés\tdélai par défaut, à remplacer\n", "")
    code, sortie, erreurs = lancer("delai-local", "PREF-DL", "--engagement", "38", "--procedure", "Armes",
                                   "--jours", "15")
    assert (code, erreurs) == (0, "")
    assert sortie == ("engagement 38\tArmes\t15 jours ouvrés\tfixé par le site\n"
                      "engagement 38\tautres procédures\t30 jours ouvrés\tdélai par défaut, à remplacer\n")
    assert lancer("delai-local", "PREF-DL", "--engagement", "52", "--jours", "20") == (
        1, "", "L'engagement 52 n'a pas de délai fixé localement pour ce site (engagements concernés : 38).\n")
    assert lancer("delai-local", "PREF-DL", "--engagement", "38", "--jours", "0") == (
        1, "", "Le délai doit être un nombre entier de jours ouvrés entre 1 et 365 (« 0 »).\n")
    # T1 (Armes, 15 jours) reçu jeu. 02/05/2024, traité ven. 31/05: 18 jours ouvrés (8, 9 et 20 mai fériés): late;
    # T2 (no procedure: the default 30 jours) the same days: within. E38-TRAITEMENT-DELAI = 50 %.
    chemin = tmp_path / "journal.csv"
    chemin.write_text("Référence;Canal;Nature;Date de réception;Date de réponse;Engagement;Procédure\n"
                      "T1;Courrier;Traitement de dossier;02/05/2024;31/05/2024;38;Armes\n"
                      "T2;Courrier;Traitement de dossier;02/05/2024;31/05/2024;38;\n", encoding="utf-8")
    assert lancer("importer", str(chemin), "--type", "journal", "--site", "PREF-DL")[0] == 0
    code, sortie, _ = lancer("resultats", "--site", "PREF-DL", "--annee", "2024")
    e38 = next(i for i in json.loads(sortie)["indicateurs"]
               if i["code"] == "E38-TRAITEMENT-DELAI" and i["periode"] == "2024")
    assert (e38["engagement"], e38["unite"], e38["valeur"], e38["statut"]) == (38, "%", 50.0, "non_atteint")
    assert ("Délai appliqué : 15 jours ouvrés (procédure « Armes » : délai fixé localement par le site) ; 30 jours "
            "ouvrés (toutes procédures : délai par défaut, à remplacer). Référentiel : ") in e38["regle"]
