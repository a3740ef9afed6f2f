"""Importer des données, driven by AppTest with real files: preview, confirm, replace only when confirmed, bad files
refused with their French messages and nothing stored."""

import io

import pytest
from openpyxl import Workbook

from pages.commun import Widget
from qualepref.acces import COPIL, REFERENT
from qualepref.store import contenu_tables, load_donnees, save_site
from tests.pages.donnees import SITE
from tests.pages.outils import connecte, lu, moteur_de_l_app, textes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ENTETES = ["Référence", "Canal", "Nature", "Date de réception", "Date de réponse", "Type de réponse", "Service"]
LIGNES = [
    ["C-1", "courriel", "demande d'information", "06/05/2024", "07/05/2024", "fond", "Accueil"],
    ["C-2", "Courrier", "Réclamation", "06/05/2024", "10/05/2024", "fond", "Étrangers"],
    ["C-3", "courriel", "demande d'information", "03/06/2024", "24/06/2024", "attente", "Accueil"],
]


def _xlsx(lignes: list[list[str]]) -> bytes:
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Journal"
    feuille.append(["Journal des courriers de la préfecture"])  # a title row above the headers
    feuille.append(ENTETES)
    for ligne in lignes:
        feuille.append(ligne)
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def _csv(lignes: list[list[str]], encodage: str) -> bytes:
    return "\r\n".join(";".join(l) for l in [ENTETES, *lignes]).encode(encodage)


@pytest.fixture
def page(config_app):
    save_site(moteur_de_l_app(), SITE)
    at = connecte(REFERENT, "pages/importer.py")
    at.selectbox(key=Widget.IMPORT_TYPE).set_value("journal").run()
    return at


def _deposer(at, nom: str, contenu: bytes, mime: str):
    at.file_uploader(key=Widget.IMPORT_FICHIER).set_value((nom, contenu, mime)).run()
    assert not at.exception
    return at


def test_apercu_puis_import_puis_reimport_sans_doublon(page) -> None:
    at = _deposer(page, "journal.xlsx", _xlsx(LIGNES), XLSX)
    assert "3 ligne(s) lue(s) pour 2 période(s)." in textes(at)
    at.button(key=Widget.IMPORT_CONFIRMER).click().run()
    assert at.success[0].value.endswith(": 3 ligne(s) ajoutée(s), 0 remplacée(s).")
    journal = load_donnees(moteur_de_l_app(), "journal", SITE.code)
    assert sorted(journal["reference"]) == ["C-1", "C-2", "C-3"]
    assert journal.set_index("reference").loc["C-2", "canal"] == "courrier"
    assert journal.set_index("reference").loc["C-2", "nature"] == "reclamation"
    # The same file again: the periods already hold data, replacing them needs the explicit confirmation.
    at = _deposer(at, "journal.xlsx", _xlsx(LIGNES), XLSX)
    assert any("Des données existent déjà pour : 2024-05, 2024-06" in lu(w.value) for w in at.warning)
    assert at.button(key=Widget.IMPORT_CONFIRMER).disabled
    at.checkbox(key=Widget.IMPORT_REMPLACER).check().run()
    at.button(key=Widget.IMPORT_CONFIRMER).click().run()
    assert at.success[0].value.endswith(": 3 ligne(s) ajoutée(s), 3 remplacée(s).")
    assert len(load_donnees(moteur_de_l_app(), "journal", SITE.code)) == 3


@pytest.mark.parametrize("encodage", ["cp1252", "utf-8-sig"])
def test_le_meme_journal_en_csv_donne_les_memes_lignes(page, encodage: str) -> None:
    at = _deposer(page, "journal.csv", _csv(LIGNES, encodage), "text/csv")
    at.button(key=Widget.IMPORT_CONFIRMER).click().run()
    journal = load_donnees(moteur_de_l_app(), "journal", SITE.code)
    assert journal.set_index("reference").loc["C-2", "service"] == "Étrangers"
    assert len(journal) == 3


def test_un_fichier_fautif_est_refuse_et_rien_n_est_enregistre(page) -> None:
    avant = contenu_tables(moteur_de_l_app())
    fautives = [["C-9", "fax", "demande d'information", "06/05/2024", "03/05/2024", "fond", "Accueil"]]
    at = _deposer(page, "journal.xlsx", _xlsx(fautives), XLSX)
    assert at.error[0].value.startswith("2 erreur(s) : rien n'a été importé.")
    messages = textes(at)
    assert "journal.xlsx, feuille « Journal », ligne 3, colonne « Canal »" in messages
    assert "« fax »" in messages
    assert "colonne « Date de réponse »" in messages
    assert Widget.IMPORT_CONFIRMER not in [b.key for b in at.button]
    assert contenu_tables(moteur_de_l_app()) == avant


def test_le_modele_se_telecharge(page) -> None:
    boutons = page.get("download_button")
    assert [b.proto.label for b in boutons] == ["Télécharger le modèle à remplir (.xlsx)"]


def test_le_copil_n_importe_pas(config_app) -> None:
    at = connecte(COPIL)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/importer.py")


def test_le_journal_des_crises_s_importe_depuis_la_page(page) -> None:
    """The crisis log is in the kinds' list; a bad time is refused naming its row and column; a good log stored."""
    type_donnees = page.selectbox(key=Widget.IMPORT_TYPE)
    assert "Journal des crises" in type_donnees.options
    at = type_donnees.set_value("crises").run()
    entetes = ["Événement", "Date d'activation du COD", "Heure d'activation du COD", "Date d'information des élus",
               "Heure d'information des élus"]
    fautif = "\r\n".join(";".join(l) for l in [entetes, ["Crue", "04/03/2024", "14:00", "04/03/2024", "13:50"]])
    at = _deposer(at, "crises.csv", fautif.encode(), "text/csv")
    assert at.error[0].value.startswith("1 erreur(s) : rien n'a été importé.")
    assert ("crises.csv, ligne 2, colonne « Heure d'information des élus » : information des élus le 04/03/2024 à "
            "13:50, antérieure à l'activation du COD le 04/03/2024 à 14:00") in lu(textes(at))
    bon = "\r\n".join(";".join(l) for l in [entetes, ["Crue", "04/03/2024", "14:00", "04/03/2024", "14:40"]])
    at = _deposer(at, "crises.csv", bon.encode(), "text/csv")
    at.button(key=Widget.IMPORT_CONFIRMER).click().run()
    assert at.success[0].value.endswith(": 1 ligne(s) ajoutée(s), 0 remplacée(s).")
    relues = load_donnees(moteur_de_l_app(), "crises", SITE.code)
    assert relues["activation"].dt.strftime("%d/%m/%Y %H:%M").tolist() == ["04/03/2024 14:00"]


def test_natures_datees_expliquees_puis_importees(page) -> None:
    """The page says what the journal holds and what each dated nature needs; a rendez-vous of engagement 37
    (module 4, in the site's perimeter) is imported, one of engagement 40 (module 5, outside it) refused naming the
    file, sheet, row and column (issue 15)."""
    assert any(c.value.startswith("Une ligne par demande écrite reçue") and "demandes de rendez-vous" in c.value
               for c in page.caption)
    assert "Demande de rendez-vous (engagements 37, 40) : Date de proposition" in page.expander[0].markdown[0].value
    entetes = ["Référence", "Canal", "Nature", "Date de réception", "Engagement", "Date de proposition",
               "Date du rendez-vous", "Indisponibilité du demandeur"]
    classeur = Workbook()
    feuille = classeur.active
    feuille.title = "Journal"
    for ligne in (entetes, ["V-1", "Courrier", "Demande de rendez-vous", "29/04/2024", "37", "06/05/2024",
                            "21/05/2024", "non"],
                  ["V-2", "Courrier", "Demande de rendez-vous", "29/04/2024", "40", "06/05/2024", None, None]):
        feuille.append(ligne)
    tampon = io.BytesIO()
    classeur.save(tampon)
    at = _deposer(page, "rdv.xlsx", tampon.getvalue(), XLSX)
    assert lu(at.error[0].value).startswith("1 erreur(s) : rien n'a été importé.")
    erreurs = next(lu(m.value) for m in at.markdown if "rdv.xlsx" in lu(m.value))
    assert erreurs == ("- rdv.xlsx, feuille « Journal », ligne 3, colonne « Engagement » : l'engagement 40 (module "
                       "5) n'est pas dans le périmètre du site (modules 1, 4) : corrigez l'engagement ou le périmètre "
                       "du site (page Sites).")
    assert load_donnees(moteur_de_l_app(), "journal", SITE.code).empty
