"""Journal des imports: every import listed; undoing one removes its rows."""

from pages.commun import Widget
from qualepref.acces import REFERENT
from qualepref.store import load_donnees, load_imports
from tests.pages.donnees import SITE, remplir
from tests.pages.outils import connecte, moteur_de_l_app


def test_lister_puis_annuler_un_import(config_app) -> None:
    remplir(moteur_de_l_app())
    at = connecte(REFERENT, "pages/journal_imports.py")
    assert not at.exception
    tableau = at.dataframe[0].value
    assert len(tableau) == 8
    assert tableau.columns.tolist()[:6] == ["id", "quand", "type_donnees", "periodes", "ajoutees", "remplacees"]
    assert set(tableau["fichier"]) == {"journal.xlsx", "indicateurs.xlsx", "enquete.xlsx", "enquete-agregee.xlsx",
                                       "mystere.xlsx", "plan.xlsx", "pan.xlsx", "avis.xlsx"}
    periodes = tableau.set_index("fichier")["periodes"]  # the stored keys in a few words (format.resume_periodes)
    assert periodes["journal.xlsx"] == "mars 2023 à déc. 2024 (5 mois)"
    assert periodes["enquete-agregee.xlsx"] == "2023 à 2024 (2 années)"
    assert periodes["plan.xlsx"] == "2024"
    numero = int(load_imports(moteur_de_l_app()).set_index("fichier").loc["plan.xlsx", "id"])
    at.selectbox(key=Widget.IMPORT_ANNULER).set_value(numero)
    at.button(key=Widget.IMPORT_ANNULER_VALIDER).click().run()
    assert at.success[0].value == (f"Import n° {numero} annulé : 4 ligne(s) retirée(s), les lignes remplacées "
                                   "sont restaurées.")
    assert load_donnees(moteur_de_l_app(), "plan", SITE.code).empty
