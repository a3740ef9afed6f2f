"""publication: a dated snapshot for the comité des usagers, read back unchanged until the référent republishes.

The data (a préfecture in métropole, 2024, results computed on 01/06/2025 from the store):
- first import: R1 courriel réclamation reçu lun. 04/03/2024, répondu ven. 08/03 → 4 jours ouvrés ≤ 5, dans le
  délai; R2 courrier réclamation reçu ven. 01/03/2024, répondu lun. 18/03 → 11 jours ouvrés > 10, hors délai.
  E3-REPONSES-DELAI = 1 / 2 = 50 % (2024 and 2024-T1); E3-DELAI-MOYEN = (4 + 11) / 2 = 7,5 jours ouvrés.
- corrected import (replaces 2024): R2 répondu ven. 08/03 → 5 jours ouvrés ≤ 10, dans le délai.
  E3-REPONSES-DELAI = 100 %; E3-DELAI-MOYEN = (4 + 5) / 2 = 4,5 jours ouvrés.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from sqlalchemy import Engine

from qualepref.publication import code_periode, publier_resultats, resultats_publies
from qualepref.referentiel import charger
from qualepref.resultats import resultats_site
from qualepref.store import Site, enregistrer_import, save_site
from qualepref.store.pilotage import load_publications, periodes_publiees

REF = charger("qualepref-2019")
SITE = Site(code="PREF-51", nom="Préfecture de la Marne", type_site="prefecture", cert=True, modules=(1, 2))
AUJOURD_HUI = dt.date(2025, 6, 1)


def _journal(reponse_r2: str) -> pd.DataFrame:
    return pd.DataFrame({
        "reference": ["R1", "R2"], "canal": ["courriel", "courrier"], "nature": ["reclamation", "reclamation"],
        "date_reception": pd.to_datetime(["2024-03-04", "2024-03-01"]),
        "date_completude": pd.to_datetime([None, None]),
        "date_reponse": pd.to_datetime(["2024-03-08", reponse_r2]),
        "type_reponse": ["fond", "fond"], "service": ["Accueil", "Accueil"], "cle": ["2024", "2024"],
    })


def _importer(moteur: Engine, reponse_r2: str, remplacer: bool = False) -> None:
    enregistrer_import(moteur, type_donnees="journal", site=SITE.code, lignes=_journal(reponse_r2),
                       fichier="journal.xlsx", sha256=reponse_r2.ljust(64, "0"), utilisateur="referente",
                       periodes=["2024"], remplacer=remplacer)


def _valeur(r, code: str, periode: str) -> float:  # noqa: ANN001 - Resultats
    lignes = r.indicateurs[(r.indicateurs["code"] == code) & (r.indicateurs["periode"] == periode)]
    assert len(lignes) == 1, (code, periode)
    return float(lignes["valeur"].iloc[0])


@pytest.fixture
def base(moteur_sqlite: Engine) -> Engine:
    save_site(moteur_sqlite, SITE)
    _importer(moteur_sqlite, "2024-03-18")
    return moteur_sqlite


def _en_direct(moteur: Engine):  # noqa: ANN202 - Resultats
    return resultats_site(moteur, REF, SITE, 2024, AUJOURD_HUI)


@pytest.mark.parametrize(("annee", "trimestre", "code"), [
    (2023, None, "2023"), (2023, 1, "2023-T1"), (2024, 2, "2024-T2"), (2024, 4, "2024-T4"),
])
def test_codes_de_periode(annee: int, trimestre: int | None, code: str) -> None:
    assert code_periode(annee, trimestre) == code


@pytest.mark.parametrize("trimestre", [0, 5, -1])
def test_trimestre_impossible_refuse(trimestre: int) -> None:
    with pytest.raises(ValueError, match=rf"^Le trimestre doit être 1, 2, 3 ou 4 \(reçu : {trimestre}\)\.$"):
        code_periode(2024, trimestre)


def test_rien_de_publie(base: Engine) -> None:
    assert resultats_publies(base, SITE.code, "2024") is None
    publier_resultats(base, _en_direct(base), None, "referente")
    assert resultats_publies(base, SITE.code, "2023") is None
    assert resultats_publies(base, "AUTRE", "2024") is None


def test_la_publication_fige_les_chiffres_jusqu_a_la_republication(base: Engine) -> None:
    assert publier_resultats(base, _en_direct(base), None, "referente") == "2024"
    publie, faits = resultats_publies(base, SITE.code, "2024")
    assert (publie.site, publie.annee, publie.meta["periode_publiee"]) == ("PREF-51", 2024, "2024")
    assert _valeur(publie, "E3-REPONSES-DELAI", "2024") == 50.0
    assert _valeur(publie, "E3-DELAI-MOYEN", "2024") == 7.5
    assert (faits["versions"], faits["note"], faits["publie_par"], faits["periode"]) == (1, None, "referente", "2024")
    premiere_date = faits["publie_le"]
    assert isinstance(premiere_date, dt.datetime)

    _importer(base, "2024-03-08", remplacer=True)  # R2 corrected: answered within its délai
    assert _valeur(_en_direct(base), "E3-REPONSES-DELAI", "2024") == 100.0
    publie, faits = resultats_publies(base, SITE.code, "2024")
    assert _valeur(publie, "E3-REPONSES-DELAI", "2024") == 50.0  # the comité still sees what was published
    assert _valeur(publie, "E3-DELAI-MOYEN", "2024") == 7.5
    assert faits["versions"] == 1

    publier_resultats(base, _en_direct(base), None, "referente",
                      note="  Date de réponse de R2 corrigée (08/03 et non 18/03).  ")
    publie, faits = resultats_publies(base, SITE.code, "2024")
    assert _valeur(publie, "E3-REPONSES-DELAI", "2024") == 100.0
    assert _valeur(publie, "E3-DELAI-MOYEN", "2024") == 4.5
    assert faits["versions"] == 2
    assert faits["note"] == "Date de réponse de R2 corrigée (08/03 et non 18/03)."
    assert faits["publie_le"] >= premiere_date  # the "mis à jour le" date is the newest publication's
    historique = load_publications(base, SITE.code)
    assert historique["note"].tolist()[0] == "Date de réponse de R2 corrigée (08/03 et non 18/03)."
    assert pd.isna(historique["note"].tolist()[1])
    assert historique["publie_le"].tolist()[0] == faits["publie_le"]


def test_une_note_vide_n_est_pas_enregistree(base: Engine) -> None:
    publier_resultats(base, _en_direct(base), None, "referente")
    publier_resultats(base, _en_direct(base), None, "referente", note="   ")
    _, faits = resultats_publies(base, SITE.code, "2024")
    assert (faits["versions"], faits["note"]) == (2, None)


def test_publier_un_trimestre_ne_fige_que_ce_trimestre_et_ses_mois(base: Engine) -> None:
    r = _en_direct(base)
    assert publier_resultats(base, r, 1, "referente") == "2024-T1"
    publie, faits = resultats_publies(base, SITE.code, "2024-T1")
    assert set(publie.indicateurs["periode"]) == {"2024-T1", "2024-01", "2024-02", "2024-03"}
    assert _valeur(publie, "E3-REPONSES-DELAI", "2024-T1") == 50.0
    assert _valeur(publie, "E3-DELAI-MOYEN", "2024-T1") == 7.5
    assert (faits["periode"], publie.meta["periode_publiee"]) == ("2024-T1", "2024-T1")
    # every row of the year for the quarter's indicators, nothing else
    attendues = r.indicateurs[r.indicateurs["periode"].isin(["2024-T1", "2024-01", "2024-02", "2024-03"])]
    assert sorted(zip(publie.indicateurs["code"], publie.indicateurs["periode"], strict=True)) == sorted(
        zip(attendues["code"], attendues["periode"], strict=True))

    publier_resultats(base, r, 2, "referente")
    publie, _ = resultats_publies(base, SITE.code, "2024-T2")
    assert set(publie.indicateurs["periode"]) == {"2024-T2", "2024-04", "2024-05", "2024-06"}
    assert pd.isna(publie.indicateurs.loc[(publie.indicateurs["code"] == "E3-REPONSES-DELAI"), "valeur"].iloc[0])
    assert periodes_publiees(base, SITE.code) == ["2024-T2", "2024-T1"]
    assert resultats_publies(base, SITE.code, "2024") is None  # a quarter is not the year


def test_les_trimestres_d_une_annee_publiee(base: Engine) -> None:
    from qualepref.publication import resultats_publies_pour, trimestres_publiables

    assert resultats_publies_pour(base, SITE.code, "2024-T1") is None  # nothing published yet
    publier_resultats(base, _en_direct(base), None, "referente")
    r, faits = resultats_publies_pour(base, SITE.code, "2024-T1")
    assert (faits["periode"], faits["periode_source"]) == ("2024-T1", "2024")
    assert r.meta["periode_publiee"] == "2024-T1"
    annee, _ = resultats_publies(base, SITE.code, "2024")
    assert trimestres_publiables(annee) == ["2024-T1", "2024-T2", "2024-T3", "2024-T4"]
    assert trimestres_publiables(r) == []  # a quarter's own snapshot offers no other quarters
    publier_resultats(base, _en_direct(base), 1, "referente", "trimestre publié à part")
    _, propres = resultats_publies_pour(base, SITE.code, "2024-T1")
    assert "periode_source" not in propres  # the quarter's own publication wins
