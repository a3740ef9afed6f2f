"""« Sans objet » (issue 15 §3): only where the referential allows it, with a reason; it leaves readiness and the
status counts. Cases from the referential's text: engagement 8 « Un Serveur Vocal Interactif local, s'il a été mis
en place », engagement 24 « Nous mettons en place, si nécessaire, un pré-accueil », engagement 46 « (engagement
optionnel) », engagement 7's first élément de preuve « Vérification, le cas échéant, de l'existence du manuel
d'utilisation du gestionnaire de file d'attente » (7.1 « si cela est nécessaire nous mettons en place un GFA »)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref import audit, copil, sans_objet
from qualepref.perimetre_engagements import statut_engagements
from qualepref.referentiel import ReferentielInvalide, charger, charger_fichier
from qualepref.resultats import DonneesSite, calculer
from qualepref.store import Site, save_site
from qualepref.store.pilotage import declarer_sans_objet, load_modifications, load_sans_objet

REF = charger("qualepref-2019")
DOSSIER = Path(__file__).resolve().parents[1] / "qualepref" / "referentiel"
SITE = Site(code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True, modules=(1, 3, 6))
CIBLES = pd.DataFrame(columns=["indicateur", "cible", "valeur_initiale"])


def test_le_referentiel_dit_ce_qui_peut_etre_sans_objet() -> None:
    possibles = sans_objet.possibles(REF, SITE.modules)
    assert possibles["objet"].tolist() == ["element:E7-1", "engagement:8", "engagement:24", "engagement:46"]
    citations = dict(zip(possibles["objet"], possibles["citation"], strict=True))
    assert "« Un Serveur Vocal Interactif local, s’il a été mis en place »" in citations["engagement:8"]
    assert "« (engagement optionnel) »" in citations["engagement:46"]
    assert "« si cela est nécessaire nous mettons en place un GFA »" in citations["element:E7-1"]
    assert "pré-accueil" in citations["engagement:24"]
    # the referential's own words are where the data say: the titles carry them
    assert "s’il a été mis en place" in REF.engagement(8).titre and "optionnel" in REF.engagement(46).titre
    assert REF.engagement(7).preuves[0].startswith("Vérification, le cas échéant,")


def test_refus_en_francais() -> None:
    with pytest.raises(sans_objet.RefusSansObjet) as refus:
        sans_objet.verifier(REF, SITE.modules, "engagement:3", "Pas de réclamations")
    assert str(refus.value) == ("« Engagement 3 » ne peut pas être déclaré sans objet : le référentiel ne le dit ni "
                                "facultatif ni conditionnel (le peuvent : Élément E7-1, Engagement 8, Engagement 24, "
                                "Engagement 46).")
    with pytest.raises(sans_objet.RefusSansObjet) as refus:
        sans_objet.verifier(REF, (1,), "engagement:46", "Pas de contrat de ville")
    assert "hors périmètre" not in str(refus.value) and "(le peuvent : Élément E7-1, Engagement 8)" in str(refus.value)
    with pytest.raises(sans_objet.RefusSansObjet) as refus:
        sans_objet.verifier(REF, SITE.modules, "engagement:46", "   ")
    assert str(refus.value) == ("Indiquez pourquoi « Engagement 46 » est sans objet pour ce site : la raison est "
                                "obligatoire.")
    assert sans_objet.verifier(REF, SITE.modules, "engagement:46", "  Pas de  quartier prioritaire ") == \
        "Pas de quartier prioritaire"


def test_une_seule_fonction_decide() -> None:
    declares = {"engagement:8", "element:E7-1"}
    assert sans_objet.est_sans_objet(declares, 8) and sans_objet.est_sans_objet(declares, 8, "E8-4")
    assert sans_objet.est_sans_objet(declares, 7, "E7-1") and not sans_objet.est_sans_objet(declares, 7, "E7-2")
    assert not sans_objet.est_sans_objet(declares, 7)  # one element sans objet: the engagement still counts


def test_la_preparation_sans_les_elements_sans_objet() -> None:
    """Module 1 of the 2019 referential: engagement 8 has 9 éléments de preuve, engagement 7 four. With 8 and E7-1
    sans objet and nothing else recorded, module 1 loses 10 elements; marking the 3 other elements of 7 présents
    gives module 1 a readiness of 3 / (N − 10)."""
    elements = audit.elements_de_preuve(REF, (1,))
    n = int((elements["module"] == 1).sum())
    declares = pd.DataFrame({"objet": ["engagement:8", "element:E7-1"], "raison": ["Pas de SVI", "Pas de GFA"]})
    presents = pd.DataFrame({"element": ["E7-2", "E7-3", "E7-4", "E7-1"], "etat": ["present"] * 4})
    etats = audit.etat_des_preuves(elements, presents, declares)
    assert etats.set_index("element").loc[["E7-1", "E8-1", "E8-9", "E7-2"], "etat"].tolist() == [
        "sans_objet", "sans_objet", "sans_objet", "present"]
    assert etats.set_index("element").loc[["E7-1", "E8-1"], "raison_sans_objet"].tolist() == ["Pas de GFA",
                                                                                              "Pas de SVI"]
    tableau = audit.preparation(etats).set_index("perimetre")
    assert tableau.loc["Module 1", ["elements", "presents", "sans_objet"]].tolist() == [n - 10, 3, 10]
    assert tableau.loc["Module 1", "taux"] == pytest.approx(100 * 3 / (n - 10))
    assert not audit.a_faire(etats, REF, None, pd.Timestamp("2024-01-01").date())["element"].isin(
        ["E7-1", "E8-1"]).any()
    assert copil.preuves_a_reunir(REF, (1,), presents, pd.Timestamp("2024-01-01").date(), declares) == \
        len(audit.a_faire(etats, REF, None, pd.Timestamp("2024-01-01").date()))


def test_un_engagement_sans_objet_sort_des_decomptes_de_statuts() -> None:
    """Engagement 8 sans objet: module 1 counts one engagement fewer, « sans objet » 1 apart; its only own
    indicator (E8-SATISFACTION-TELEPHONE) leaves the perimeter; E1-MAJ-SVI (engagements 1 and 8) stays."""
    donnees = DonneesSite.vide()
    r0 = calculer(REF, SITE, donnees, 2024, CIBLES, pd.Timestamp("2024-12-31").date())
    declares = pd.DataFrame({"objet": ["engagement:8"], "raison": ["Pas de SVI"]})
    r = calculer(REF, SITE, DonneesSite(**{**donnees.__dict__, "sans_objet": declares}), 2024, CIBLES,
                 pd.Timestamp("2024-12-31").date())
    m0, m = r0.modules.set_index("module").loc[1], r.modules.set_index("module").loc[1]
    assert (m0["engagements"], m0["sans_objet"]) == (len(REF.engagements_du_module(1)), 0)
    assert (m["engagements"], m["sans_objet"]) == (len(REF.engagements_du_module(1)) - 1, 1)
    assert 8 not in r.engagements["engagement"].tolist() and 8 in r0.engagements["engagement"].tolist()
    assert "E8-SATISFACTION-TELEPHONE" not in set(r.indicateurs["code"])
    assert "E1-MAJ-SVI" in set(r.indicateurs["code"])
    assert r.meta["sans_objet"] == [{"module": 1, "engagement": 8, "titre": REF.engagement(8).titre,
                                     "raison": "Pas de SVI"}]
    tuile = next(t for t in copil.tuiles_modules(REF, r) if t.module == 1)
    assert tuile.engagements == len(REF.engagements_du_module(1)) - 1
    seuls, _ = statut_engagements(REF, SITE, r0.annuels(), {"engagement:46"})
    assert 46 not in seuls["engagement"].tolist() and 8 in seuls["engagement"].tolist()


def test_stocke_journalise_et_retire(moteur: Engine) -> None:
    save_site(moteur, SITE)
    declarer_sans_objet(moteur, SITE.code, "engagement:46", "Pas de quartier prioritaire", "referente")
    declarer_sans_objet(moteur, SITE.code, "engagement:46", "Aucun contrat de ville", "referente")
    assert load_sans_objet(moteur, SITE.code)[["objet", "raison", "modifie_par"]].values.tolist() == [
        ["engagement:46", "Aucun contrat de ville", "referente"]]
    declarer_sans_objet(moteur, SITE.code, "engagement:46", None, "copil")
    assert load_sans_objet(moteur, SITE.code).empty
    journal = load_modifications(moteur, SITE.code, "sans_objet")
    assert journal[["utilisateur", "ligne", "avant", "apres"]].astype(object).where(journal.notna(), None)[
        ["utilisateur", "ligne", "avant", "apres"]].values.tolist()[::-1] == [
        ["referente", "engagement:46", None, "Pas de quartier prioritaire"],
        ["referente", "engagement:46", "Pas de quartier prioritaire", "Aucun contrat de ville"],
        ["copil", "engagement:46", "Aucun contrat de ville", None]]


@pytest.mark.parametrize(("ancien", "nouveau", "message"), [
    ("preuves_conditionnelles = [1]", "preuves_conditionnelles = [5]",
     "qualepref_2019.toml, engagement «7», champ «preuves_conditionnelles» : l'élément de preuve n° 5 n'existe pas "
     "(l'engagement en a 4)."),
    ('motif_conditionnel = "Engagement 7.1', 'autre = "Engagement 7.1',
     "qualepref_2019.toml, engagement «7», champ «motif_conditionnel» : obligatoire avec « preuves_conditionnelles » "
     ": citez les mots du référentiel qui rendent ces éléments conditionnels."),
])
def test_le_chargement_refuse_une_preuve_conditionnelle_mal_dite(tmp_path: Path, ancien: str, nouveau: str,
                                                                 message: str) -> None:
    texte = (DOSSIER / "qualepref_2019.toml").read_text(encoding="utf-8")
    assert ancien in texte
    chemin = tmp_path / "qualepref_2019.toml"
    chemin.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")
    with pytest.raises(ReferentielInvalide) as erreur:
        charger_fichier(chemin)
    assert str(erreur.value) == message


def test_le_bilan_compte_a_part_et_dit_la_raison() -> None:
    """The bilan's « Statut des engagements par module »: a « Sans objet (hors décompte) » column (module 1: 1)
    and, under the table, « Engagement 8 : Sans objet : Pas de SVI »."""
    import io

    from openpyxl import load_workbook

    from qualepref.exports import bilan

    declares = pd.DataFrame({"objet": ["engagement:8"], "raison": ["Pas de SVI"]})
    donnees = DonneesSite(**{**DonneesSite.vide().__dict__, "sans_objet": declares})
    r = calculer(REF, SITE, donnees, 2024, CIBLES, pd.Timestamp("2024-12-31").date())
    feuille = load_workbook(io.BytesIO(bilan.construire(r, SITE)))["Synthèse"]
    lignes = [[c for c in ligne] for ligne in feuille.iter_rows(values_only=True)]
    entete = next(l for l in lignes if l[0] == "Module" and "Sans objet (hors décompte)" in l)
    colonne = entete.index("Sans objet (hors décompte)")
    module_1 = next(l for l in lignes if l[0] == "Module 1")
    assert (module_1[colonne], module_1[entete.index("Engagements")]) == (1, len(REF.engagements_du_module(1)) - 1)
    assert ["Engagement 8 : Sans objet : Pas de SVI"] == [l[0] for l in lignes if str(l[0]).startswith("Engagement 8")]


def test_un_module_tout_entier_sans_objet_garde_sa_ligne_sans_taux() -> None:
    """Module 3 where only engagement 24 (1 élément de preuve) is retained and declared sans objet: the line
    « Module 3 » stays, 0 elements, no rate, 1 sans objet."""
    import dataclasses

    site = dataclasses.replace(SITE, type_site="sous-prefecture", cert=False,
                               engagements_exclus=tuple(range(25, 34)))
    elements = audit.elements_de_preuve(REF, (3,), site.engagements_exclus)
    declares = pd.DataFrame({"objet": ["engagement:24"], "raison": ["Pas de pré-accueil"]})
    tableau = audit.preparation(audit.etat_des_preuves(elements, pd.DataFrame(columns=["element"]), declares))
    module_3 = tableau.set_index("perimetre").loc["Module 3"]
    assert (module_3["elements"], module_3["presents"], module_3["sans_objet"]) == (0, 0, 1)
    assert pd.isna(module_3["taux"])
