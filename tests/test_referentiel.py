"""The referentials as data: counts, verbatim texts, délais, perimeter rules, validation of malformed files."""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pandas as pd
import pytest

import qualepref.referentiel as module_referentiel
from qualepref.referentiel import (
    Referentiel,
    ReferentielInvalide,
    charger,
    charger_fichier,
    charger_zones,
    mention_ebauche,
    trouver_indicateur,
    verifier_perimetre,
    versions,
)

DOSSIER = Path(module_referentiel.__file__).parent


@pytest.fixture(scope="module")
def ref() -> Referentiel:
    return charger("qualepref-2019")


@pytest.fixture(scope="module")
def ate() -> Referentiel:
    return charger("quali-ate")


# --- counts and verbatim texts ---------------------------------------------------------------------------------


def test_versions_disponibles() -> None:
    assert versions() == ("qualepref-2019", "quali-ate", "services-publics-plus")


def test_huit_modules_et_cinquante_quatre_engagements(ref: Referentiel) -> None:
    assert [m.numero for m in ref.modules] == list(range(1, 9))
    assert [m.nature for m in ref.modules] == ["obligatoire"] + ["metier"] * 7
    assert [e.numero for e in ref.engagements] == list(range(1, 55))
    assert [len(ref.engagements_du_module(m)) for m in range(1, 9)] == [20, 3, 10, 4, 3, 6, 4, 4]


def test_chaque_engagement_a_des_declinaisons_et_des_preuves(ref: Referentiel) -> None:
    for e in ref.engagements:
        assert e.declinaisons and e.preuves and e.controle, e.numero
        assert all(d.code.startswith(f"{e.numero}.") for d in e.declinaisons), e.numero
    assert [d.code for d in ref.engagement(17).declinaisons] == ["17.1", "17.2", "17.3"]


def test_titres_imprimes(ref: Referentiel) -> None:
    assert ref.engagement(1).titre == "Nous vous informons sur les conditions de fonctionnement de nos services"
    assert ref.engagement(17).titre == "Nous vous répondons dans un délai annoncé et maîtrisé"
    assert ref.engagement(54).titre == "Un accueil téléphonique adapté à chaque police administrative"
    assert ref.module(2).titre == "Délivrance de titres (hors titres étrangers)"
    assert ref.engagement(52).declinaisons[1].texte.startswith("Dans 80 % des cas, nous traitons votre demande")


def test_les_57_lignes_du_chapitre_vi_font_55_indicateurs(ref: Referentiel) -> None:
    """Chapter VI prints 57 indicator lines; two are repeated word for word within module 1 (site internet under
    1 and 11, SVI under 1 and 8) and are one indicator each."""
    du_chapitre_vi = [i for i in ref.indicateurs if i.chapitre == "VI"]
    assert len(du_chapitre_vi) == 55
    assert sum(len(i.engagements) for i in du_chapitre_vi) == 57
    # module 7 has a fifth, from chapter III: engagement 48 judged crisis by crisis (« en moins d'une heure »)
    assert [len(ref.indicateurs_du_module(m)) for m in range(1, 9)] == [22, 6, 3, 4, 5, 2, 5, 9]
    assert ref.indicateur("E1-MAJ-SITE-INTERNET").engagements == (1, 11)
    assert ref.indicateur("E1-MAJ-SVI").engagements == (1, 8)
    assert ref.indicateur("E51-MAJ-SITE-INTERNET").libelle == ref.indicateur("E1-MAJ-SITE-INTERNET").libelle


@pytest.mark.parametrize(("code", "libelle"), [
    ("E10-APPELS-ABOUTIS", "Taux d’appels aboutis au niveau général (Indigo et AP2022)"),
    ("E17-COURRIELS-DELAI",
     "Taux de réponses aux courriels de demande d’informations dans le délai de 5 jours ouvrés"),
    ("E15-USAGERS-POINT-NUMERIQUE", "Nombre d’usagers connectés au point numérique par jour"),
    ("E32-DELAI-PREMIERES-DEMANDES", "Délai de traitement des premières demandes d’admission au séjour (indigo)"),
    ("E37-RDV-PROPOSES-4J",
     "Taux de fixation de rendez-vous dans le délai de 4 jours ouvrés (élu ou cadre territorial)"),
    ("E50-ACTIVATION-CIP", "Taux d’activation dans les délais annoncés de la CIP"),
    ("E54-SATISFACTION-TELEPHONE",
     "Taux de satisfaction : accueil téléphonique dédié (enquête de satisfaction usagers ou enquête mystère)"),
])
def test_libelles_verbatim(ref: Referentiel, code: str, libelle: str) -> None:
    assert ref.indicateur(code).libelle == libelle


def test_indicateurs_calcules(ref: Referentiel) -> None:
    e17 = ref.indicateur("E17-COURRIELS-DELAI")
    assert (e17.calcul, e17.mesure, e17.natures, e17.canaux) == (
        "journal", "taux_delai", ("information",), ("courriel", "formulaire"))
    e3 = ref.indicateur("E3-REPONSES-DELAI")
    assert e3.natures == ("reclamation", "suggestion")
    assert set(e3.canaux) == {"courrier", "courriel", "formulaire", "urne"}
    assert "accueil téléphonique" in ref.indicateur("E8-SATISFACTION-TELEPHONE").themes
    assert ref.indicateur("E10-APPELS-ABOUTIS").calcul is None
    journal = {i.code for i in ref.indicateurs if i.calcul == "journal"}
    # issue 15: the mises à jour, rendez-vous, pièces and traitements of the journal feed their chapter VI rates
    assert journal == {"E3-REPONSES-DELAI", "E3-DELAI-MOYEN", "E17-COURRIELS-DELAI", "E17-DELAI-MOYEN-COURRIER",
                       "E17-DELAI-MOYEN-COURRIEL", "E36-COURRIERS-DELAI", "E36-COURRIELS-DELAI",
                       "E1-MAJ-SITE-INTERNET", "E1-MAJ-SVI", "E51-MAJ-SITE-INTERNET", "E37-RDV-PROPOSES-4J",
                       "E37-RDV-TENUS-10J", "E40-RDV-PROPOSES-4J", "E40-RDV-TENUS-10J", "E38-PIECES-10J",
                       "E39-INFORMATION-10J", "E52-PIECES-10J", "E38-TRAITEMENT-DELAI", "E52-TRAITEMENT-DELAI"}
    assert ref.indicateur("E1-MAJ-SVI").natures == ("mise-a-jour-svi",)
    assert ref.indicateur("E37-RDV-TENUS-10J").natures == ("rendez-vous-tenue",)


def test_cibles_du_referentiel(ref: Referentiel) -> None:
    e52 = ref.indicateur("E52-TRAITEMENT-DELAI")
    assert (e52.cible, e52.cible_referentiel) == (80.0, True)
    assert (ref.indicateur("E17-COURRIELS-DELAI").cible, ref.indicateur("E17-COURRIELS-DELAI").cible_referentiel) == (
        90.0, False)
    assert ref.indicateur("E48-DELAI-INFORMATION-ELUS").cible is None  # the mean is shown apart
    une_heure = ref.indicateur("E48-ELUS-INFORMES-1H")
    assert (une_heure.cible, une_heure.calcul, une_heure.mesure, une_heure.delai_heures) == (
        100.0, "crises", "taux_delai", 1.0)


def test_indicateurs_frame(ref: Referentiel) -> None:
    cadre = ref.indicateurs_frame()
    assert list(cadre.columns) == ["code", "libelle", "module", "engagement", "engagements", "nature", "unite",
                                   "periodicite", "source", "sens", "cible"]
    ligne = cadre.set_index("code").loc["E1-MAJ-SITE-INTERNET"]
    assert (ligne["engagement"], ligne["engagements"], ligne["module"]) == (1, "1, 11", 1)
    assert len(cadre) == 56  # the 55 of chapter VI and E48 « en moins d'une heure » (chapter III)
    assert [i.code for i in ref.indicateurs_de_l_engagement(11)] == ["E1-MAJ-SITE-INTERNET", "E11-CONNEXIONS-SITE"]


# --- délais ----------------------------------------------------------------------------------------------------


def test_delais_de_l_engagement_17(ref: Referentiel) -> None:
    assert ref.regle_delai("information", "courriel", 2019).jours_ouvres == 5
    assert ref.regle_delai("information", "courriel", 2024).jours_ouvres == 5
    assert ref.regle_delai("information", "courrier", 2019).jours_ouvres == 15
    assert ref.regle_delai("information", "courrier", 2020).jours_ouvres == 10
    assert ref.regle_delai("information", "formulaire", 2024).code == "E17-COURRIEL"
    assert ref.regle_delai("information", "courrier", 2024).reponses == ("fond", "attente")
    assert ref.regle_delai("information", "telephone", 2024) is None


def test_delais_de_l_engagement_3(ref: Referentiel) -> None:
    assert ref.regle_delai("reclamation", "formulaire", 2019).jours_ouvres == 15
    assert ref.regle_delai("suggestion", "urne", 2019).jours_ouvres == 15
    assert ref.regle_delai("reclamation", "courriel", 2020).jours_ouvres == 5
    assert ref.regle_delai("reclamation", "courrier", 2021).jours_ouvres == 10
    assert ref.regle_delai("suggestion", "urne", 2022).jours_ouvres == 10
    assert "réponse d’attente" in ref.regle_delai("reclamation", "courriel", 2020).citation


def test_autres_delais(ref: Referentiel) -> None:
    assert ref.regle_delai("collectivite", "courrier", 2024).jours_ouvres == 15
    assert ref.regle_delai("collectivite", "courriel", 2024).jours_ouvres == 5
    # the journal's dated natures are rules of their steps (qualepref.etapes): the support, the rendez-vous' two délais
    assert ref.regle_delai("mise-a-jour-site-internet", "courriel", 2024, engagement=11).jours_ouvres == 3
    assert ref.regle_delai("mise-a-jour-site-internet", "courriel", 2024, engagement=8) is None  # 8: the SVI only
    assert ref.regle_delai("rendez-vous-proposition", "telephone", 2024, engagement=37).jours_ouvres == 4
    assert ref.regle_delai("rendez-vous-tenue", "telephone", 2024, engagement=40).jours_ouvres == 10
    assert [r.jours_ouvres for r in ref.delais if r.engagement == 40] == [4, 10]
    assert {r.engagement for r in ref.delais if "pieces-complementaires" in r.natures} == {38, 39, 52}
    regle_80 = next(r for r in ref.delais if r.seuil is not None)
    assert (regle_80.code, regle_80.engagement, regle_80.seuil, regle_80.delai_local) == (
        "E52-TRAITEMENT-80", 52, 80.0, True)


def test_canaux_et_codes(ref: Referentiel) -> None:
    assert dict(ref.canal_delai) == {"courrier": "courrier", "courriel": "courriel", "formulaire": "courriel",
                                     "urne": "courrier", "telephone": "telephone"}
    assert set(ref.natures) >= {"information", "reclamation", "suggestion", "collectivite", "rendez-vous",
                                "pieces-complementaires", "mise-a-jour"}
    assert set(ref.reponses) == {"fond", "attente"}


def test_regles_delai_frame(ref: Referentiel) -> None:
    cadre = ref.regles_delai_frame()
    assert list(cadre.columns) == ["regle", "engagement", "nature", "canal", "jours_ouvres", "annee_debut",
                                   "annee_fin", "reponses", "depart_completude"]
    # the complétude restarts the clock of 17.1 and 17.2 only (« dès lors que la demande est complète »)
    assert set(cadre.loc[cadre["depart_completude"], "regle"]) == {"E17-COURRIEL", "E17-COURRIER-2019",
                                                                   "E17-COURRIER"}
    assert str(cadre["annee_debut"].dtype) == "Int64" and str(cadre["annee_fin"].dtype) == "Int64"
    e17 = cadre[cadre["regle"] == "E17-COURRIEL"]
    assert sorted(e17["canal"]) == ["courriel", "formulaire"]
    assert e17["reponses"].iloc[0] == "fond,attente"
    assert pd.isna(e17["annee_debut"].iloc[0])
    e3 = cadre[cadre["regle"] == "E3-2019"]
    assert len(e3) == 2 * 4 and e3["annee_fin"].eq(2019).all()


# --- dispositions ----------------------------------------------------------------------------------------------


def test_dispositions(ref: Referentiel) -> None:
    titres = [d.titre for d in ref.dispositions]
    assert titres == ["Responsabilités", "Organisation documentaire", "Formation du personnel",
                      "Implication des collaborateurs", "Comité des usagers", "Bilans annuels",
                      "Audits internes ou auto-évaluations", "Audits externes"]
    audits = next(d for d in ref.dispositions if d.code == "V-2-AUDITS-INTERNES")
    assert audits.delai_avant_audit_externe_mois == 2
    assert "2 mois avant l’audit externe" in audits.citation
    bilan = next(d for d in ref.dispositions if d.code == "V-1-BILAN-ANNUEL")
    assert "les réclamations" in bilan.contenu and bilan.periodicite == "annuel"


# --- perimeter rules -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("type_site", "cert", "modules"), [
    ("prefecture", True, [1, 2]),
    ("prefecture", True, [1, 2, 7, 8]),
    ("prefecture", False, [1, 8]),
    ("sous-prefecture", True, [1, 2, 6]),
    ("sous-prefecture", False, [1, 4]),
])
def test_perimetres_valides(ref: Referentiel, type_site: str, cert: bool, modules: list[int]) -> None:
    assert verifier_perimetre(ref, type_site, cert, modules) == []


@pytest.mark.parametrize(("type_site", "cert", "modules", "messages"), [
    ("prefecture", True, [2, 3], ["Le module 1 est obligatoire pour tout site."]),
    ("prefecture", True, [1, 3], ["Le module 2 est obligatoire pour un site doté d'un CERT."]),
    ("prefecture", False, [1], ["Retenez au moins un module métier parmi les modules 3 à 8."]),
    ("prefecture", False, [1, 2, 3], ["Un site sans CERT ne peut pas retenir le module 2."]),
    ("sous-prefecture", True, [1, 2, 7],
     ["Le module 7 ne peut pas être retenu par une sous-préfecture (modules possibles : 3 à 6)."]),
    ("sous-prefecture", False, [1], ["Retenez au moins un module métier parmi les modules 3 à 6."]),
    ("sous-prefecture", False, [1, 3, 8],
     ["Le module 8 ne peut pas être retenu par une sous-préfecture (modules possibles : 3 à 6)."]),
    ("prefecture", True, [1, 2, 9], ["Le module 9 n'existe pas dans le référentiel «Qual-e-pref»."]),
])
def test_perimetres_invalides(ref: Referentiel, type_site: str, cert: bool, modules: list[int],
                              messages: list[str]) -> None:
    assert verifier_perimetre(ref, type_site, cert, modules) == messages


def test_engagement_facultatif_des_seules_sous_prefectures_sans_cert(ref: Referentiel) -> None:
    facultatifs = [(r.type_site, r.cert) for r in ref.perimetre if not r.engagement_obligatoire]
    assert facultatifs == [("sous-prefecture", False)]


def test_les_messages_de_perimetre_viennent_des_donnees() -> None:
    """No branch on a site kind or a version in the perimeter code: the sentences come from the rule rows."""
    source = inspect.getsource(verifier_perimetre) + inspect.getsource(module_referentiel._interdit)
    assert '== "prefecture"' not in source and '== "sous-prefecture"' not in source
    assert "version ==" not in inspect.getsource(module_referentiel)


# --- Quali-ATE -------------------------------------------------------------------------------------------------


def test_quali_ate_se_charge_par_le_meme_chemin(ate: Referentiel) -> None:
    assert (ate.code, ate.titre, ate.fichier) == ("quali-ate", "Quali-ATE", "quali_ate.toml")
    assert [m.nature for m in ate.modules] == ["obligatoire", "obligatoire"] + ["metier"] * 6
    assert len(ate.engagements) == 18
    assert ate.engagement(2).titre == "Accueil téléphonique"
    assert ate.engagement(2).reprend == (8, 9, 10)


def test_quali_ate_reprend_les_engagements_qualepref(ref: Referentiel, ate: Referentiel) -> None:
    repris = {n for e in ate.engagements for n in e.reprend}
    assert repris == set(range(1, 51))  # every engagement but module 8 (préfecture de police de Paris)
    assert all(ref.engagement(n) for n in repris)


def test_quali_ate_herite_indicateurs_et_delais(ate: Referentiel) -> None:
    appels = ate.indicateur("E10-APPELS-ABOUTIS")
    assert (appels.engagements, appels.module) == ((2,), 1)
    assert appels.libelle == "Taux d’appels aboutis au niveau général (Indigo et AP2022)"
    assert ate.indicateur("E23-FRAUDE-CIV").engagements == (13,)
    regle = ate.regle_delai("information", "formulaire", 2025)
    assert (regle.code, regle.engagement, regle.jours_ouvres) == ("E17-COURRIEL", 4, 5)
    assert ate.regle_delai("information", "courrier", 2025).jours_ouvres == 10
    assert dict(ate.canal_delai)["urne"] == "courrier"
    assert any(d.delai_avant_audit_externe_mois == 2 for d in ate.dispositions)


def test_quali_ate_perimetre(ate: Referentiel) -> None:
    assert verifier_perimetre(ate, "prefecture", True, [1, 2, 3, 4]) == []
    assert verifier_perimetre(ate, "prefecture", True, [1, 2, 3]) == [
        "Retenez au moins un module métier parmi les modules 4 à 8."]
    assert verifier_perimetre(ate, "prefecture", True, [1, 3, 5]) == [
        "Le module 2 est obligatoire pour une préfecture."]


def test_quali_ate_ebauche_ne_refuse_plus_les_sites_ordinaires(ate: Referentiel) -> None:
    # a sous-préfecture without a CERT retaining the socle module only is valid; other sites have their rule too
    assert verifier_perimetre(ate, "sous-prefecture", False, [1]) == []
    assert verifier_perimetre(ate, "sous-prefecture", False, [1, 2, 5]) == []
    assert verifier_perimetre(ate, "prefecture", False, [1, 2, 4]) == []
    assert verifier_perimetre(ate, "prefecture", False, [1, 2, 3, 4]) == [
        "Un site sans CERT ne peut pas retenir le module 3."]
    seule_regle = dataclasses.replace(ate, perimetre=ate.perimetre[:1])
    assert verifier_perimetre(seule_regle, "sous-prefecture", False, [1]) == [
        "Le référentiel «Quali-ATE» ne prévoit pas de règle de périmètre pour une sous-préfecture sans CERT."]
    assert verifier_perimetre(ate, "sous-prefecture", True, [1]) == [
        "Le module 3 est obligatoire pour un site doté d'un CERT."]
    assert verifier_perimetre(ate, "sous-prefecture", True, [1, 3]) == []


def test_quali_ate_est_une_ebauche(ref: Referentiel, ate: Referentiel) -> None:
    assert ate.ebauche and not ref.ebauche
    assert mention_ebauche(ref) is None
    assert mention_ebauche(ate) == (
        "Ébauche : le référentiel « Quali-ATE » (ébauche 2024 (présentation de préfecture)) n'est pas le texte "
        "officiel. Le référent qualité charge le texte officiel depuis la page « Charger un référentiel ».")


# --- trouver_indicateur ----------------------------------------------------------------------------------------


def test_trouver_indicateur(ref: Referentiel) -> None:
    assert trouver_indicateur(ref, "e10-appels-aboutis").code == "E10-APPELS-ABOUTIS"
    assert trouver_indicateur(ref, "TAUX D'APPELS ABOUTIS AU NIVEAU GENERAL").code == "E10-APPELS-ABOUTIS"
    assert trouver_indicateur(ref, "taux  d’appels aboutis au niveau général (Indigo et AP2022)").code == (
        "E10-APPELS-ABOUTIS")
    assert trouver_indicateur(ref, "Taux de reponses aux courriels de demande d'informations dans le delai "
                                   "de 5 jours ouvres").code == "E17-COURRIELS-DELAI"
    assert trouver_indicateur(ref, "Délai moyen trimestriel de traitement des demandes de CIV").code == (
        "E14-DELAI-CIV")
    assert trouver_indicateur(ref, "Indicateur qui n'existe pas") is None


def test_trouver_indicateur_ambigu(ref: Referentiel) -> None:
    libelle = ref.indicateur("E1-MAJ-SITE-INTERNET").libelle
    with pytest.raises(ValueError, match="ambigu.*E1-MAJ-SITE-INTERNET, E51-MAJ-SITE-INTERNET"):
        trouver_indicateur(ref, libelle)
    assert trouver_indicateur(ref, libelle, module=8).code == "E51-MAJ-SITE-INTERNET"
    with pytest.raises(ValueError, match="E37-RDV-PROPOSES-4J, E40-RDV-PROPOSES-4J"):
        trouver_indicateur(ref, "Taux de fixation de rendez-vous dans le délai de 4 jours ouvrés")


# --- zones -----------------------------------------------------------------------------------------------------


def test_zones() -> None:
    zones = charger_zones()
    assert {code: z.subdivision for code, z in zones.items()} == {
        "metropole": None, "alsace-moselle": "57", "guadeloupe": "971", "martinique": "972", "guyane": "973",
        "reunion": "974", "mayotte": "976"}
    assert zones["reunion"].libelle == "La Réunion"


# --- malformed files -------------------------------------------------------------------------------------------


def _copie_modifiee(tmp_path: Path, ancien: str, nouveau: str) -> Path:
    texte = (DOSSIER / "qualepref_2019.toml").read_text(encoding="utf-8")
    assert ancien in texte
    chemin = tmp_path / "qualepref_2019.toml"
    chemin.write_text(texte.replace(ancien, nouveau, 1), encoding="utf-8")
    return chemin


def test_le_fichier_livre_se_charge_tel_quel(tmp_path: Path) -> None:
    assert len(charger_fichier(_copie_modifiee(tmp_path, "[referentiel]", "[referentiel]")).engagements) == 54


def test_code_d_indicateur_en_double(tmp_path: Path) -> None:
    chemin = _copie_modifiee(tmp_path, 'code = "E3-DELAI-MOYEN"', 'code = "E3-REPONSES-DELAI"')
    with pytest.raises(ReferentielInvalide) as erreur:
        charger_fichier(chemin)
    assert str(erreur.value) == ("qualepref_2019.toml, indicateur «E3-REPONSES-DELAI», champ «code» : "
                                 "la valeur «E3-REPONSES-DELAI» est en double.")


def test_engagement_inconnu(tmp_path: Path) -> None:
    chemin = _copie_modifiee(tmp_path, 'code = "E10-APPELS-ABOUTIS"\nlibelle = "Taux d’appels aboutis au niveau '
                                       'général (Indigo et AP2022)"\nengagements = [10]',
                             'code = "E10-APPELS-ABOUTIS"\nlibelle = "Taux d’appels aboutis au niveau général '
                             '(Indigo et AP2022)"\nengagements = [99]')
    with pytest.raises(ReferentielInvalide) as erreur:
        charger_fichier(chemin)
    assert str(erreur.value) == ("qualepref_2019.toml, indicateur «E10-APPELS-ABOUTIS», champ «engagements» : "
                                 "l'engagement 99 n'existe pas.")


def test_delai_negatif(tmp_path: Path) -> None:
    chemin = _copie_modifiee(tmp_path, 'canaux = ["courriel"]\njours_ouvres = 5\nreponses',
                             'canaux = ["courriel"]\njours_ouvres = -5\nreponses')
    with pytest.raises(ReferentielInvalide) as erreur:
        charger_fichier(chemin)
    assert str(erreur.value) == ("qualepref_2019.toml, règle de délai «E17-COURRIEL», champ «jours_ouvres» : "
                                 "le délai doit être un nombre positif de jours (-5).")


@pytest.mark.parametrize(("ancien", "nouveau", "debut"), [
    ('numero = 54\nmodule = 8', 'numero = 53\nmodule = 8', "qualepref_2019.toml, engagement «53», champ «numero»"),
    ('numero = 54\nmodule = 8', 'numero = 54\nmodule = 12', "qualepref_2019.toml, engagement «54», champ «module»"),
    ('periodicite = "trimestriel"', 'periodicite = "hebdomadaire"',
     "qualepref_2019.toml, indicateur «E1-MAJ-SITE-INTERNET», champ «periodicite»"),
    ('canaux = ["courrier"]\njours_ouvres = 15', 'canaux = ["fax"]\njours_ouvres = 15',
     "qualepref_2019.toml, règle de délai «E17-COURRIER-2019», champ «canaux»"),
    ('seuil = 80\nreponses', 'seuil = 180\nreponses',
     "qualepref_2019.toml, règle de délai «E52-TRAITEMENT-80», champ «seuil»"),
    ('seuil = 80\nchapitre', 'seuil = 79\nchapitre',
     "qualepref_2019.toml, règle de délai «E52-TRAITEMENT-80», champ «seuil» : aucun indicateur de l'engagement 52"),
    (('agregation = "moyenne"\nperiodicite = "mensuel"\nsource = "interne"\nsens = "hausse"\nchapitre = "VI"\n'
      'citation = "Chapitre VI, module 1, engagement 19'), ('periodicite = "mensuel"\nsource = "interne"\n'
                                                           'sens = "hausse"\nchapitre = "VI"\n'
                                                           'citation = "Chapitre VI, module 1, engagement 19'),
     "qualepref_2019.toml, indicateur «E19-CONNEXIONS-RESEAUX», champ «agregation» : le libellé dit « par mois »"),
    ('reponses = ["fond", "attente"]', 'reponses = ["fond", "peut-etre"]',
     "qualepref_2019.toml, règle de délai «E3-2019», champ «reponses»"),
    ('autorises = [3, 4, 5, 6]', 'autorises = [3, 4, 5, 6, 11]',
     "qualepref_2019.toml, règle de périmètre «sous-prefecture, cert=True», champ «autorises»"),
    ('sens = "hausse"', 'sens = "stable"', "qualepref_2019.toml, indicateur «E1-MAJ-SITE-INTERNET», champ «sens»"),
])
def test_fichiers_mal_formes(tmp_path: Path, ancien: str, nouveau: str, debut: str) -> None:
    with pytest.raises(ReferentielInvalide, match="^" + debut.replace("(", r"\(").replace(")", r"\)")):
        charger_fichier(_copie_modifiee(tmp_path, ancien, nouveau))


# --- short labels ([libelles_courts]) ---------------------------------------------------------------------------


def test_libelles_courts_des_deux_referentiels(ref: Referentiel, ate: Referentiel) -> None:
    assert ref.module(3).libelle_court == "Titres étrangers"
    assert ref.engagement(17).libelle_court == "Délai de réponse maîtrisé"
    assert ref.indicateur("E17-COURRIELS-DELAI").libelle_court == "Courriels répondus en 5 j"
    assert ref.indicateur("E17-COURRIELS-DELAI").libelle.startswith("Taux de réponses aux courriels")
    assert ate.module(2).libelle_court == "Pilotage qualité et éco-responsabilité"
    assert ate.engagement(4).libelle_court == "Courrier et courriel"
    # Inherited indicators keep Qual-e-pref's short label.
    assert ate.indicateur("E36-COURRIERS-DELAI").libelle_court == "Courriers répondus en 15 j"


@pytest.mark.parametrize("code", ["qualepref-2019", "quali-ate"])
def test_chaque_entree_livree_a_un_libelle_court_distinct_du_texte_long(code: str) -> None:
    """Every module, engagement and indicator shipped has a short label within the limit; a new indicator
    without one fails here (add it to [libelles_courts.indicateurs])."""
    r = charger(code)
    for entree in (*r.modules, *r.engagements, *r.indicateurs):
        assert 0 < len(entree.libelle_court) <= module_referentiel.LONGUEUR_LIBELLE_COURT, entree
    brut = module_referentiel.tomllib.loads((DOSSIER / r.fichier).read_text(encoding="utf-8"))["libelles_courts"]
    assert set(brut["modules"]) == {str(m.numero) for m in r.modules}
    assert set(brut["engagements"]) == {str(e.numero) for e in r.engagements}
    if r.herite is None:
        assert set(brut["indicateurs"]) == {i.code for i in r.indicateurs}


def test_sans_libelle_court_le_texte_complet(tmp_path: Path) -> None:
    r = charger_fichier(_copie_modifiee(tmp_path, '3 = "Titres étrangers"\n', ""))
    assert r.module(3).libelle_court == "Délivrance de titres destinés aux usagers étrangers"
    assert module_referentiel.Indicateur(
        code="X", libelle="Libellé complet", engagements=(1,), module=1, nature="taux", unite="%",
        periodicite="annuel", source="interne", sens="hausse", cible=None, cible_referentiel=False, chapitre="VI",
        citation="c").libelle_court == "Libellé complet"


@pytest.mark.parametrize(("ancien", "nouveau", "message"), [
    ('E49-EXERCICES = "Exercices réalisés"', 'E99-INCONNU = "Exercices réalisés"',
     "qualepref_2019.toml, table [libelles_courts.indicateurs], champ «E99-INCONNU» : "
     "indicateur inconnu dans ce référentiel."),
    ('54 = "Accueil téléphonique adapté"', '55 = "Accueil téléphonique adapté"',
     "qualepref_2019.toml, table [libelles_courts.engagements], champ «55» : engagement inconnu dans ce référentiel."),
    ('E49-EXERCICES = "Exercices réalisés"', 'E49-EXERCICES = "Nombre d’exercices de communication d’urgence réalisés"',
     "qualepref_2019.toml, table [libelles_courts.indicateurs], champ «E49-EXERCICES» : "
     "le libellé court a 54 caractères (40 au plus)."),
    ('E49-EXERCICES = "Exercices réalisés"', 'E49-EXERCICES = "  "',
     "qualepref_2019.toml, table [libelles_courts.indicateurs], champ «E49-EXERCICES» : "
     "le libellé court doit être un texte non vide."),
    ('E49-EXERCICES = "Exercices réalisés"', 'E49-EXERCICES = 3',
     "qualepref_2019.toml, table [libelles_courts.indicateurs], champ «E49-EXERCICES» : "
     "le libellé court doit être un texte non vide."),
    ('[libelles_courts.modules]', '[libelles_courts.dispositions]\nx = "y"\n\n[libelles_courts.modules]',
     "qualepref_2019.toml, table [libelles_courts], champ «dispositions» : "
     "genre inconnu (genres permis : modules, engagements, indicateurs)."),
])
def test_libelles_courts_refuses(tmp_path: Path, ancien: str, nouveau: str, message: str) -> None:
    with pytest.raises(ReferentielInvalide) as erreur:
        charger_fichier(_copie_modifiee(tmp_path, ancien, nouveau))
    assert str(erreur.value) == message


def test_un_indicateur_du_journal_compte_l_urne_avec_le_courrier(tmp_path: Path) -> None:
    """Issue 15: the urne counts as a courrier in every figure; a journal indicator that leaves it out is refused."""
    chemin = _copie_modifiee(tmp_path, 'natures = ["collectivite"]\ncanaux = ["courrier", "urne"]',
                             'natures = ["collectivite"]\ncanaux = ["courrier"]')
    with pytest.raises(ReferentielInvalide, match="E36-COURRIERS-DELAI.*«urne» compte comme «courrier»"):
        charger_fichier(chemin)


def test_delais_en_vigueur_par_annee_et_canal(ref: Referentiel) -> None:
    e3 = ref.indicateur("E3-DELAI-MOYEN")
    assert ref.delais_en_vigueur(e3, 2019) == {"courrier": 15, "courriel": 15, "formulaire": 15, "urne": 15}
    assert ref.delais_en_vigueur(e3, 2020) == {"courrier": 10, "courriel": 5, "formulaire": 5, "urne": 10}
    assert ref.cible_par_defaut(ref.indicateur("E17-DELAI-MOYEN-COURRIER"), 2019) == 15.0
    assert ref.cible_par_defaut(ref.indicateur("E17-DELAI-MOYEN-COURRIER"), 2020) == 10.0
    assert ref.cible_par_defaut(ref.indicateur("E3-REPONSES-DELAI"), 2019) == 90.0  # a rate keeps its cible
