"""« Textes du comité »: checked when typed, read back line by line, « Libellé : valeur » split once."""

from __future__ import annotations

import pytest

from qualepref.textes_comite import CHAMPS, TexteInvalide, TextesComite, valider


def test_lignes_et_paires() -> None:
    textes = TextesComite.depuis({"volumes": "Visites du site : 855 288\n\n  Appels : 24 672 \nsans libellé",
                                  "inconnu": "ignoré"})
    assert textes.lignes("volumes") == ["Visites du site : 855 288", "Appels : 24 672", "sans libellé"]
    assert textes.paires("volumes") == [("Visites du site", "855 288"), ("Appels", "24 672"), ("", "sans libellé")]
    assert TextesComite.depuis({"contacts": "Qualité : a@b.fr : bureau 2"}).paires("contacts") == \
        [("Qualité", "a@b.fr : bureau 2")]
    assert TextesComite.depuis(None) == TextesComite() and TextesComite.depuis("x") == TextesComite()


def test_valider_nettoie_et_refuse() -> None:
    textes = valider({"referent": "La référente\nqualité", "points_positifs": "Accueil  \r\nSite\t internet\r\n"})
    assert textes.referent == "La référente qualité"
    assert textes.points_positifs == "Accueil\nSite  internet"
    with pytest.raises(TexteInvalide, match=r"« Intitulé du pilote de la démarche » : 121 caractères, au plus 120"):
        valider({"referent": "x" * 121})
    with pytest.raises(TexteInvalide, match="caractère de contrôle"):
        valider({"contacts": "a\x00b"})
    assert set(CHAMPS) == set(TextesComite().vers_dict())
    assert valider(textes.vers_dict()) == textes
