"""Accounts: argon2 hashes, sessions that expire, log-ins that slow down then lock, pages by role."""

import datetime as dt

import pytest
from sqlalchemy import Engine, select

from qualepref.acces import (
    COMITE,
    COPIL,
    REFERENT,
    ReglesConnexion,
    assurer_compte_referent,
    changer_mot_de_passe,
    connecter,
    creer_compte,
    desactiver_compte,
    fermer_session,
    ouvrir_session,
    pages_permises,
    verifier_session,
)
from qualepref.store.models import CompteModel

T0 = dt.datetime(2026, 11, 23, 9, 0)
REGLES = ReglesConnexion(echecs_avant_ralentissement=3, echecs_avant_verrouillage=5, duree_verrouillage_minutes=15)


def test_premier_demarrage_cree_un_referent_a_mot_de_passe_provisoire(moteur_sqlite: Engine) -> None:
    mot_de_passe = assurer_compte_referent(moteur_sqlite)
    assert mot_de_passe and len(mot_de_passe) == 16
    assert assurer_compte_referent(moteur_sqlite) is None  # only once
    resultat = connecter(moteur_sqlite, "referent", mot_de_passe, maintenant=T0)
    assert resultat.compte.role == REFERENT and resultat.compte.doit_changer
    changer_mot_de_passe(moteur_sqlite, resultat.compte.id, "un nouveau mot de passe")
    assert connecter(moteur_sqlite, "referent", "un nouveau mot de passe").compte.doit_changer is False


def test_le_mot_de_passe_est_stocke_hache_en_argon2(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "copil1", COPIL, "mot de passe du copil")
    with moteur_sqlite.connect() as conn:
        empreinte = conn.execute(select(CompteModel.mot_de_passe)).scalar_one()
    assert empreinte.startswith("$argon2id$") and "copil" not in empreinte


def test_echecs_repetes_ralentissent_puis_verrouillent(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "copil1", COPIL, "mot de passe du copil")
    messages = [connecter(moteur_sqlite, "copil1", "faux", REGLES, T0).message for _ in range(3)]
    assert messages == ["Identifiant ou mot de passe incorrect."] * 3
    # third failure: wait 2 s before the next try, even with the right password
    assert connecter(moteur_sqlite, "copil1", "mot de passe du copil", REGLES, T0).message == (
        "Trop de tentatives : réessayez dans 3 secondes.")
    t = T0 + dt.timedelta(seconds=3)
    assert connecter(moteur_sqlite, "copil1", "faux", REGLES, t).message == "Identifiant ou mot de passe incorrect."
    t += dt.timedelta(seconds=5)
    assert connecter(moteur_sqlite, "copil1", "faux", REGLES, t).message == (
        "Compte verrouillé pendant 15 minutes après 5 échecs.")
    plus_tard = t + dt.timedelta(minutes=14)
    assert connecter(moteur_sqlite, "copil1", "mot de passe du copil", REGLES, plus_tard).compte is None
    apres = connecter(moteur_sqlite, "copil1", "mot de passe du copil", REGLES, t + dt.timedelta(minutes=16))
    assert apres.compte.identifiant == "copil1"


def test_un_compte_inconnu_recoit_le_meme_message(moteur_sqlite: Engine) -> None:
    assert connecter(moteur_sqlite, "personne", "x").message == "Identifiant ou mot de passe incorrect."


def test_sessions_expirees_forgees_ou_fermees_sont_refusees(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "comite1", COMITE, "mot de passe du comité")
    compte = connecter(moteur_sqlite, "comite1", "mot de passe du comité").compte
    jeton = ouvrir_session(moteur_sqlite, compte, duree_minutes=60, maintenant=T0)
    assert verifier_session(moteur_sqlite, jeton, T0 + dt.timedelta(minutes=59)).role == COMITE
    assert verifier_session(moteur_sqlite, jeton, T0 + dt.timedelta(minutes=61)) is None
    assert verifier_session(moteur_sqlite, jeton + "x", T0) is None
    assert verifier_session(moteur_sqlite, None, T0) is None
    fermer_session(moteur_sqlite, jeton)
    assert verifier_session(moteur_sqlite, jeton, T0) is None


def test_un_compte_desactive_perd_ses_sessions(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "copil1", COPIL, "mot de passe du copil")
    compte = connecter(moteur_sqlite, "copil1", "mot de passe du copil").compte
    jeton = ouvrir_session(moteur_sqlite, compte, 60)
    desactiver_compte(moteur_sqlite, "copil1")
    assert verifier_session(moteur_sqlite, jeton) is None


def test_mot_de_passe_trop_court_refuse(moteur_sqlite: Engine) -> None:
    with pytest.raises(ValueError, match="au moins 12 caractères"):
        creer_compte(moteur_sqlite, "x", COPIL, "court")


def test_pages_offertes_par_role() -> None:
    titres = lambda role, public=True: [p.titre for p in pages_permises(role, public)]  # noqa: E731
    assert titres(None) == ["Résultats publiés", "Déclaration d'accessibilité"]
    assert titres(None, public=False) == ["Déclaration d'accessibilité"]
    assert titres(COMITE) == ["Résultats publiés", "Déclaration d'accessibilité"]
    assert "Importer des données" not in titres(COPIL)
    assert "Tableau de bord" in titres(COPIL)
    assert titres(REFERENT)[0] == "Tableau de bord" and "Comptes" in titres(REFERENT)
