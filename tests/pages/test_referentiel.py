"""Page Référentiel: modules → engagements → déclinaisons, indicators and délais, searchable."""

from pages.commun import Widget
from qualepref.acces import COPIL
from tests.pages.outils import connecte, lu, textes


def test_le_referentiel_s_affiche_et_se_cherche(config_app) -> None:
    at = connecte(COPIL, "pages/referentiel.py")
    assert not at.exception
    assert [lu(e.label) for e in at.expander][:2] == [
        "Module 1 — Relation générale avec les usagers (obligatoire)",
        "Module 2 — Délivrance de titres (hors titres étrangers) (métier)",
    ]
    at.text_input(key=Widget.RECHERCHE_REFERENTIEL).input("appels aboutis").run()
    indicateurs = at.dataframe[0].value
    assert indicateurs["libelle"].str.contains("appels aboutis", case=False).all()
    assert len(indicateurs) >= 2
    assert "jours ouvrés" in textes(at)
