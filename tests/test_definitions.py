"""definitions: each figure's help text says the rule applied and cites the referential."""

from qualepref.definitions import aide, regle
from qualepref.referentiel import charger

REF = charger("qualepref-2019")


def test_une_moyenne_par_mois() -> None:
    assert regle(REF.indicateur("E19-CONNEXIONS-RESEAUX"), "import") == (
        "Sur un trimestre ou une année : moyenne des valeurs mensuelles, jamais leur somme (« par mois »). "
        "Référentiel : Chapitre VI, module 1, engagement 19 : « Nombre de connexions par mois sur les réseaux "
        "sociaux »")


def test_un_seuil_est_dit() -> None:
    texte = regle(REF.indicateur("E52-TRAITEMENT-DELAI"), "import")
    assert "Seuil du référentiel : 80\u00a0% minimum ; en dessous, « non atteint », sans marge, et la cible du " \
           "site ne peut pas être plus basse. Référentiel : Chapitre VI, module 8, engagement 52" in texte
    assert "vérification qu’il est de 80% minimum" in texte


def test_la_source_dit_enquete_ou_enquete_mystere() -> None:
    e8 = REF.indicateur("E8-SATISFACTION-TELEPHONE")
    assert regle(e8, "enquête").startswith("Taux de satisfaction = (très satisfaits + satisfaits) / réponses "
                                           "exprimées (hors « sans avis »)")
    assert regle(e8, "enquête mystère").startswith("Source : enquête mystère, faute d'enquête de satisfaction sur "
                                                   "ces thèmes cette année (le référentiel dit « ou enquête mystère »)")
    assert "(« sauf canal physique »)" in regle(REF.indicateur("E2-SATISFACTION-ACCUEIL"), "enquête mystère")
    assert regle(REF.indicateur("E3-SATISFACTION-CRITERES"), "enquête").startswith("Un taux par critère")


def test_l_aide_ajoute_la_convention_des_jours_ouvres() -> None:
    assert aide("Règle.", "%") == "Règle."
    assert aide(None, "jours ouvrés").startswith("Délai en jours ouvrés : on compte")
    assert aide(None, "%") is None
