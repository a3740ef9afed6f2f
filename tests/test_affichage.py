"""affichage: the COPIL screen's HTML — tiles with a coloured bar and words, the key figures' table — escaped."""

from __future__ import annotations

import pandas as pd

from qualepref.affichage import COULEURS_STATUT, liste_points, tableau_chiffres, tableau_simple, tuiles
from qualepref.copil import ChiffreCle, PointAttention, Tuile


def _tuile(libelle: str = "Relation usagers") -> Tuile:
    return Tuile(1, libelle, "Relation générale avec les usagers",
                 (("atteint", 2), ("proche", 1), ("non_atteint", 0), ("non_mesure", 0), ("sans_cible", 1)))


def test_une_tuile_barre_et_mots() -> None:
    html = tuiles([_tuile()])
    assert '<h3 title="Relation générale avec les usagers">Module 1 · Relation usagers</h3>' in html
    assert 'role="img" aria-label="2 atteint · 1 proche · 1 sans cible"' in html
    # one segment per status present, as wide as its count, in its colour
    assert f'<span style="flex:2;background:{COULEURS_STATUT["atteint"]};"></span>' in html
    assert f'<span style="flex:1;background:{COULEURS_STATUT["proche"]};"></span>' in html
    assert "non atteint" not in html
    assert "<h2" in tuiles([_tuile()], niveau_titre=2)


def test_le_texte_est_echappe() -> None:
    html = tuiles([_tuile('<img src=x onerror="alert(1)">')])
    assert "<img" not in html and "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html
    point = PointAttention("action", "Action en retard : <b>a4</b> *gras*", "pages/plan_actions.py", 'A "B"')
    assert liste_points([point]) == ('<ul class="qp-points"><li title="A &quot;B&quot;">Action en retard : '
                                     "&lt;b&gt;a4&lt;/b&gt; *gras*</li></ul>")
    assert liste_points([]) == "<p>Rien à signaler.</p>"


def test_tableau_des_chiffres_cles() -> None:
    chiffre = ChiffreCle("E3-REPONSES-DELAI", "Réclamations répondues", "Taux de réponse <complet>", "75\u00a0%",
                         "90\u00a0%", "100\u00a0%", "−25\u00a0points", "non_atteint", False, False, 1, 3)
    neutre = ChiffreCle("E17", "Courriels", "Taux", "100\u00a0%", "90\u00a0%", "—", "—", "atteint", None, None, 1, 17)
    html = tableau_chiffres([chiffre, neutre], 2024)
    assert ('<thead><tr><th scope="col">Indicateur</th><th scope="col">2024</th><th scope="col">Cible</th>'
            '<th scope="col">2023</th><th scope="col">Évolution</th></tr></thead>') in html
    assert ('<th scope="row"><abbr title="Taux de réponse &lt;complet&gt;">Réclamations répondues</abbr></th>'
            "<td><strong>75\u00a0%</strong></td>") in html
    assert '<span style="color:#CE0500;font-weight:600">−25\u00a0points · recul</span>' in html
    assert "<td>—</td></tr>" in html  # no change known: no colour, no word


def test_tableau_simple_cellules_vides() -> None:
    html = tableau_simple(pd.DataFrame({"Action": ["a1", None], "Pilote": [float("nan"), "<Mme X>"]}))
    assert ('<td role="cell" data-entete="Action">a1</td><td role="cell" data-entete="Pilote"></td>') in html
    assert ('<td role="cell" data-entete="Action"></td><td role="cell" data-entete="Pilote">&lt;Mme X&gt;</td>'
            ) in html
    assert "None" not in html and "nan" not in html


def test_tableau_simple_sur_un_telephone() -> None:
    """On a narrow screen each row stacks its cells, each after its header's words (``data-entete``, escaped);
    the roles keep it a table for screen readers; a long table scrolls in a labelled, focusable region."""
    html = tableau_simple(pd.DataFrame({'Thème "x"': ["Accueil"]}), legende="Enquêtes", defilant=True)
    assert '<td role="cell" data-entete="Thème &quot;x&quot;">Accueil</td>' in html
    assert '<div class="qp-defile" tabindex="0" role="region" aria-label="Enquêtes"><table' in html
    assert ('<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">Thème &quot;x&quot;</th>'
            ) in html
    assert "@media (max-width:40rem)" in html and 'content:attr(data-entete) " : "' in html
