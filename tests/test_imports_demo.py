"""Demonstration data: valid perimeters, deterministic frames, every kind every year, loaded through the pipeline."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref import enquetes, store
from qualepref.imports import demo
from qualepref.referentiel import charger, verifier_perimetre
from qualepref.sites import sites_de_demonstration, supprimer_demo

JOUR = dt.date(2025, 6, 15)
ANNEES = (2023, 2024, 2025)
# Rows of the generated files (an enquête counts respondents × questions), per site and kind, for JOUR.
# E15 (usagers du point numérique par jour) is computed from the PAN attendance since issue 15: its 29 typed
# monthly values per site are no longer written.
# Issue 15: the journal carries three dated rows a quarter (10 quarters begun by JOUR) for each engagement of the
# perimeter that dates one (qualepref.imports.demo_etapes): module 1 four (mise à jour 1 site, 1 SVI, 11 site,
# 8 SVI), module 4 one (rendez-vous 37), module 5 four (rendez-vous 40, pièces 38, 39, traitement 38): DEMO-PREF
# (1, 2, 4) 3 × 5 × 10 = 150 more rows, DEMO-SP1 (1, 3) 3 × 4 × 10 = 120, DEMO-SP2 (1, 5) 3 × 8 × 10 = 240; their
# quarterly indicators are computed,
# no longer typed in (9 quarters over each): DEMO-PREF 4 × 9 = 36 fewer values (E1 ×2, E37 ×2), DEMO-SP1 2 × 9 = 18,
# DEMO-SP2 7 × 9 = 63 (E1 ×2, E38 ×2, E39, E40 ×2).
# Issue 18: each site's JDMA share (Services Publics+) for each full year by JOUR, 2023 and 2024: 2 more values.
LIGNES_FICHIERS = {
    "DEMO-PREF": {"journal": 4867 + 150, "indicateurs": 304 - 36 + 2, "enquete": 12111, "pan": 217, "mystere": 420,
                  "plan": 78, "avis": 14, "enquete-agregee": 9},
    "DEMO-SP1": {"journal": 1265 + 120, "indicateurs": 199 - 18 + 2, "enquete": 4983, "pan": 194},
    "DEMO-SP2": {"journal": 925 + 240, "indicateurs": 157 - 63 + 2, "enquete": 3927, "pan": 172},
}
NOMBRE_DE_FICHIERS = 47


@pytest.fixture(scope="module")
def cadres() -> list[demo.CadreDemo]:
    return demo.generer_cadres(JOUR)


@pytest.fixture(scope="module")
def charge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """One database holding the demonstration (loaded once for the module: it takes a few seconds)."""
    moteur = store.creer_moteur("sqlite:///" + str(tmp_path_factory.mktemp("demo") / "t.db"))
    demo.charger_demo(moteur, aujourd_hui=JOUR)
    yield moteur
    moteur.dispose()


# --- sites and years ---------------------------------------------------------------------------------------------

def test_les_sites_de_demonstration_respectent_le_perimetre() -> None:
    ref = charger(demo.REFERENTIEL)
    for site in demo.SITES_DEMO:
        assert verifier_perimetre(ref, site.type_site, site.cert, site.modules) == [], site.code
        assert site.demo and site.referentiel == demo.REFERENTIEL
    demo.verifier_sites(ref)
    prefecture = demo.SITES_DEMO[0]
    assert (prefecture.code, prefecture.type_site, prefecture.cert, prefecture.modules) == (
        "DEMO-PREF", "prefecture", True, (1, 2, 4))
    assert [(s.code, s.modules) for s in demo.SITES_DEMO[1:]] == [("DEMO-SP1", (1, 3)), ("DEMO-SP2", (1, 5))]


@pytest.mark.parametrize(("jour", "annees", "fin"), [
    (dt.date(2025, 6, 15), (2023, 2024, 2025), dt.date(2025, 5, 31)),
    (dt.date(2025, 3, 1), (2023, 2024, 2025), dt.date(2025, 2, 28)),
    (dt.date(2025, 1, 10), (2022, 2023, 2024), dt.date(2024, 12, 31)),
])
def test_les_trois_annees_finissent_le_mois_dernier(jour: dt.date, annees: tuple, fin: dt.date) -> None:
    assert demo.periode_demo(jour) == (annees, fin)


# --- the generated files -----------------------------------------------------------------------------------------

def test_deux_generations_donnent_les_memes_cadres(cadres: list[demo.CadreDemo]) -> None:
    autres = demo.generer_cadres(JOUR)
    assert [(c.site, c.type_donnees, c.nom, c.annee) for c in cadres] == [
        (c.site, c.type_donnees, c.nom, c.annee) for c in autres]
    for a, b in zip(cadres, autres, strict=True):
        assert list(a.feuilles) == list(b.feuilles)
        for nom in a.feuilles:
            pd.testing.assert_frame_equal(a.feuilles[nom], b.feuilles[nom])


def test_nombre_de_lignes_par_site_et_type(cadres: list[demo.CadreDemo]) -> None:
    comptes: dict[str, dict[str, int]] = {}
    for c in cadres:
        premiere = next(iter(c.feuilles.values()))
        lignes = len(premiere) * (len(premiere.columns) - 1 if c.type_donnees == "enquete" else 1)
        par_type = comptes.setdefault(c.site, {})
        par_type[c.type_donnees] = par_type.get(c.type_donnees, 0) + lignes
    assert comptes == LIGNES_FICHIERS
    assert len(cadres) == NOMBRE_DE_FICHIERS


def test_aucune_date_apres_la_fin_du_mois_dernier(cadres: list[demo.CadreDemo]) -> None:
    fin = pd.Timestamp(2025, 5, 31)
    for c in cadres:
        for frame in c.feuilles.values():
            for colonne in frame.columns:
                if colonne.startswith("Date") or colonne in ("Mois",):
                    dates = pd.to_datetime(frame[colonne])
                    assert (dates.dropna() <= fin).all(), (c.nom, colonne)


def test_journal_plausible(cadres: list[demo.CadreDemo]) -> None:
    journal = next(c for c in cadres if c.nom == "demo-pref_journal_2024.xlsx").feuilles["Journal"]
    assert 1800 <= len(journal) <= 2200
    assert set(journal["Canal"]) == {"Courrier", "Courriel", "Formulaire", "Urne"}
    assert set(journal["Nature"]) == {*demo.NATURES_FICHIER.values(), "Mise à jour", "Demande de rendez-vous"}
    datees = journal[journal["Engagement"].notna()]  # DEMO-PREF (modules 1, 2, 4): 3 × 5 dated rows a quarter
    assert len(datees) == 3 * 5 * 4 and set(datees["Engagement"]) == {1, 8, 11, 37}
    assert journal["Référence"].is_unique
    assert set(journal["Type de réponse"].dropna()) == {"fond", "attente"}
    assert journal["Date de complétude"].notna().sum() > 20
    courant = next(c for c in cadres if c.nom == "demo-pref_journal_2025.xlsx").feuilles["Journal"]
    assert courant["Date de réponse"].isna().sum() > 3  # a few pending at the end


def test_enquete_un_theme_fragile_les_autres_entre_75_et_97(cadres: list[demo.CadreDemo]) -> None:
    inverse = {libelle: code for libelles in demo.REPONSES_FICHIER.values() for code, libelle in libelles.items()}
    for c in (c for c in cadres if c.type_donnees == "enquete"):
        reponses, questionnaire = c.feuilles["Réponses"], c.feuilles["Questionnaire"]
        longues = reponses.melt(id_vars=["Année"], var_name="question", value_name="libelle")
        longues = longues.merge(questionnaire.rename(columns={"Question": "question", "Thème": "theme"}))
        longues["reponse"] = longues["libelle"].map(inverse).fillna("sans_avis")
        taux = enquetes.satisfaction(longues).set_index("theme")
        assert bool(taux.loc["Réseaux sociaux", "fragile"]), c.nom
        autres = taux.drop(index="Réseaux sociaux")
        assert not autres["fragile"].any(), c.nom
        assert autres["taux"].between(70, 99).all(), (c.nom, autres["taux"].to_dict())


def test_les_fichiers_sont_de_vrais_tableurs() -> None:
    fichiers = demo.generer_fichiers(JOUR)
    assert len(fichiers) == NOMBRE_DE_FICHIERS
    csv = [f for f in fichiers if f.nom.endswith(".csv")]
    assert [f.nom for f in csv] == [f"demo-sp2_journal_{a}.csv" for a in ANNEES]
    texte = csv[0].contenu.decode("cp1252")
    assert texte.splitlines()[0] == ("Référence;Canal;Nature;Date de réception;Date de complétude;Date de réponse;"
                                     "Type de réponse;Service;Engagement;Support;Date de proposition;"
                                     "Date du rendez-vous;Indisponibilité du demandeur;Procédure")
    enquete = next(f for f in fichiers if f.nom == "demo-pref_enquete_satisfaction_2024.xlsx")
    feuilles = pd.read_excel(io.BytesIO(enquete.contenu), sheet_name=None, engine="calamine")
    assert list(feuilles) == ["Réponses", "Questionnaire"]
    assert list(feuilles["Questionnaire"].columns) == ["Question", "Thème"]
    plan = next(f for f in fichiers if f.nom == "demo-pref_plan_actions_2024.xlsx")
    lu = pd.read_excel(io.BytesIO(plan.contenu), header=2, engine="calamine")
    assert list(lu.columns)[:3] == ["Axe", "Thématique", "Action"] and len(lu) == demo.ACTIONS_PAR_AN


def test_indicateurs_de_chaque_module_couverts() -> None:
    ref = charger(demo.REFERENTIEL)
    for site in demo.SITES_DEMO:
        for ind in demo.indicateurs_importes(ref, site):
            assert ind.code in demo.MESURES, ind.code


# --- loading through the pipeline --------------------------------------------------------------------------------

def test_charger_demo_cree_les_trois_sites(charge: Engine) -> None:
    moteur = charge
    sites = {s.code: s for s in sites_de_demonstration(moteur)}
    assert set(sites) == set(demo.CODES_DEMO)
    assert sites["DEMO-PREF"] == demo.SITES_DEMO[0]


def test_chaque_type_chaque_annee_pour_la_prefecture(charge: Engine) -> None:
    moteur = charge
    for type_donnees in demo.TYPES:
        annees = set(store.TYPES_STOCKES[type_donnees].annee(store.load_donnees(moteur, type_donnees, "DEMO-PREF")))
        assert set(ANNEES) <= annees, type_donnees


def test_lignes_enregistrees_par_site_et_type(charge: Engine) -> None:
    moteur = charge
    stockees = {site: {t: n for t in store.TYPES_STOCKES if (n := len(store.load_donnees(moteur, t, site)))}
                for site in demo.CODES_DEMO}
    assert stockees == LIGNES_FICHIERS


def test_donnees_de_la_prefecture_plausibles(charge: Engine) -> None:
    moteur = charge
    journal = store.load_journal(moteur, "DEMO-PREF", [2025])
    assert journal["date_reponse"].isna().sum() > 3 and (journal["type_reponse"] == "attente").any()
    assert store.load_donnees(moteur, "plan", "DEMO-PREF")["statut"].nunique() == 4
    agregee = store.load_donnees(moteur, "enquete-agregee", "DEMO-PREF")
    ancienne = agregee[agregee["annee"] == 2022]
    assert len(ancienne) == 6 and ancienne["exprimes"].isna().all() and ancienne["taux"].between(60, 100).all()
    valeurs = store.load_donnees(moteur, "indicateurs", "DEMO-PREF")
    appels = valeurs[valeurs["indicateur"] == "E10-APPELS-ABOUTIS"]
    assert appels["periode"].tolist()[:4] == ["2023-T1", "2023-T2", "2023-T3", "2023-T4"]
    assert appels["valeur"].between(80, 95).all() and appels["denominateur"].notna().all()


def test_la_part_jdma_dans_l_open_data_services_publics_plus(charge: Engine) -> None:
    """The demonstration imports the JDMA share by its libellé on a Qual-e-pref site (a Services Publics+ figure
    every structure publishes): stored under its SP+ referential code, it is a row of the SP+ open data."""
    from qualepref.exports import opendata
    from qualepref.referentiels_en_place import referentiel_en_place
    from qualepref.resultats import resultats_site

    valeurs = store.load_donnees(charge, "indicateurs", "DEMO-PREF")
    jdma = valeurs[valeurs["indicateur"] == "SP6-DEMARCHES-EN-LIGNE-8-10"]
    assert jdma[["periode", "valeur"]].values.tolist() == [["2023", 78.0], ["2024", 80.5]]
    site = next(s for s in store.load_sites(charge) if s.code == "DEMO-PREF")
    r = resultats_site(charge, referentiel_en_place(charge, site.referentiel), site, 2024, JOUR)
    faits = {"publie_le": dt.datetime(2025, 1, 21, 10, tzinfo=dt.UTC), "periode": "2024"}
    rangees = [ligne for ligne in opendata.lignes(r, site, faits) if ligne[5] == "DEMARCHES-EN-LIGNE-8-SUR-10"]
    assert rangees == [["DEMO-SP-51-001", "Préfecture", "Préfecture de démonstration", "51000",
                        "Châlons-en-Champagne", "DEMARCHES-EN-LIGNE-8-SUR-10", "80,5", "annuelle",
                        "21 janvier 2025", "Part des démarches en ligne notées 8/10 ou plus (JDMA)", "%", "2024"]]


def test_un_import_par_fichier(charge: Engine) -> None:
    moteur = charge
    imports = store.load_imports(moteur)
    assert len(imports) == NOMBRE_DE_FICHIERS
    assert set(imports["utilisateur"]) == {demo.UTILISATEUR}
    assert sorted(imports["fichier"]) == sorted(c.nom for c in demo.generer_cadres(JOUR))
    assert (imports["remplacees"] == 0).all()


def test_charger_demo_une_seconde_fois_ne_change_rien(charge: Engine) -> None:
    moteur = charge
    avant = store.compter_lignes(moteur)
    demo.charger_demo(moteur, aujourd_hui=JOUR)
    assert store.compter_lignes(moteur) == avant


def test_a_cote_d_un_vrai_site_puis_supprimee_en_un_appel(tmp_path: Path) -> None:
    """``python -m qualepref demo`` adds the demonstration next to real sites; removing it leaves them alone."""
    moteur = store.creer_moteur("sqlite:///" + str(tmp_path / "t.db"))
    vrai = store.Site(code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True, modules=(1, 2))
    store.save_site(moteur, vrai)
    demo.charger_demo(moteur, aujourd_hui=JOUR)
    assert {s.code for s in sites_de_demonstration(moteur)} == set(demo.CODES_DEMO)
    assert supprimer_demo(moteur) == 3
    assert store.load_sites(moteur) == [vrai]
    assert all(n == 0 for t, n in store.compter_lignes(moteur).items() if t not in ("alembic_version", "sites")), \
        store.compter_lignes(moteur)


def test_un_fichier_refuse_est_notre_bogue_et_ne_laisse_rien(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    moteur = store.creer_moteur("sqlite:///" + str(tmp_path / "t.db"))
    mauvais = demo.FichierDemo("DEMO-PREF", "journal", "faux.csv",
                               "Référence;Canal;Nature;Date de réception\nA-1;Pigeon;Réclamation;02/01/2024\n"
                               .encode("cp1252"))
    monkeypatch.setattr(demo, "generer_fichiers", lambda _jour: [mauvais])
    with pytest.raises(RuntimeError, match="faux.csv est refusé") as erreur:
        demo.charger_demo(moteur, aujourd_hui=JOUR)
    assert "Pigeon" in str(erreur.value)
    assert store.base_vide(moteur)


def test_un_debut_d_annee_donne_encore_chaque_type_chaque_annee() -> None:
    """On 1 February the current year holds January only: every file still analyses, none is empty."""
    from qualepref.imports import pipeline

    jour = dt.date(2026, 2, 1)
    de_2026 = set()
    for f in demo.generer_fichiers(jour):
        analyse = pipeline.analyser(f.contenu, f.nom, f.type_donnees, f.site, demo.REFERENTIEL, f.annee,
                                    aujourd_hui=jour)
        assert not analyse.bloquee and not analyse.lignes.empty, (f.nom, [p.texte for p in analyse.problemes])
        if f.site == "DEMO-PREF" and "_2026." in f.nom:
            de_2026.add(f.type_donnees)
    assert de_2026 == set(demo.TYPES) - {"enquete-agregee"}  # the survey of the mayors is in one file for 3 years
