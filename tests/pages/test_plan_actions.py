"""Plan d'actions: completion by axe and thématique with the method stated, overdue actions, filters, and who may
edit (the référent gets an editable table, the COPIL a read-only one)."""

from pages.commun import Widget
from qualepref.acces import COPIL, REFERENT
from qualepref.plan_actions import METHODE_COMPLETION, METHODE_MOYENNE_THEMATIQUES
from tests.pages.donnees import remplir
from tests.pages.outils import connecte, metriques, moteur_de_l_app, textes


def test_taux_par_axe_et_thematique(config_app) -> None:
    remplir(moteur_de_l_app())
    at = connecte(COPIL, "pages/plan_actions.py")
    assert not at.exception
    m = metriques(at)
    assert (m["Réalisation globale"], m["Actions"], m["Actions en retard"]) == ("46,7\u00a0%", "3", "2")
    # plain HTML tables (headers wrap: nothing cut at 1280 px), French headers
    html = "\n".join(e.proto.body for e in at.get("html"))
    # axe A: 46,7 % over its 3 counted actions, while the mean of its thématiques (70 % and 0 %) is 35 %
    assert ('<th scope="col" role="columnheader">Moyenne des thématiques (autre calcul)</th>') in html
    assert ('<td role="cell" data-entete="Axe">A</td><td role="cell" data-entete="Taux de réalisation">46,7\u00a0%'
            '</td><td role="cell" data-entete="Actions comptées">3</td><td role="cell" data-entete="Réalisées">1</td>'
            '<td role="cell" data-entete="Moyenne des thématiques (autre calcul)">35\u00a0%</td>') in html
    for thematique, taux, actions in (("T1", "70", "2"), ("T2", "0", "1")):
        assert (f'<td role="cell" data-entete="Thématique">{thematique}</td><td role="cell" '
                f'data-entete="Taux de réalisation">{taux}\u00a0%</td><td role="cell" data-entete="Actions comptées">'
                f"{actions}</td>") in html
    assert METHODE_COMPLETION in textes(at) and METHODE_MOYENNE_THEMATIQUES in textes(at)
    en_retard = at.dataframe[0].value
    assert sorted(en_retard["Action"]) == ["a2", "a4"]
    assert list(en_retard.columns) == ["Action", "Échéance", "Avancement", "Statut", "Pilote", "Axe et thématique"]
    actions = at.dataframe[1].value  # read-only for the COPIL
    assert sorted(actions["action"]) == ["a1", "a2", "a3", "a4"]
    assert "Enregistrer les modifications" not in [b.label for b in at.button]


def test_filtre_par_pilote_et_edition_du_referent(config_app) -> None:
    remplir(moteur_de_l_app())
    at = connecte(REFERENT, "pages/plan_actions.py")
    at.multiselect(key=Widget.PLAN_PILOTE).set_value(["Mme X"]).run()
    assert not at.exception
    assert at.button(key=Widget.PLAN_ENREGISTRER).label == "Enregistrer les modifications"
    at.button(key=Widget.PLAN_ENREGISTRER).click().run()  # nothing edited: nothing journaled
    assert at.success[0].value == "0 modification(s) enregistrée(s) et journalisée(s)."
