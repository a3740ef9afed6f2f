"""Accounts: argon2 hashes, sessions that expire, log-ins that slow down then lock, pages by role."""

import datetime as dt

import pytest
from argon2 import PasswordHasher
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


REFUS = "Identifiant ou mot de passe incorrect."
VERROU = ("Trop d'échecs : la connexion à ce compte depuis votre poste est bloquée pendant 15 minutes. Le référent "
          "qualité peut la débloquer (page « Comptes »).")


def _toujours(minutes: int) -> str:
    return (f"La connexion à ce compte depuis votre poste est bloquée : réessayez dans {minutes} minute"
            f"{'s' if minutes > 1 else ''}, ou demandez au référent qualité de la débloquer (page « Comptes »).")


def _ralenti(secondes: int) -> str:
    return f"{REFUS} Attendez {secondes} secondes avant de réessayer."


def _trop_tot(secondes: int) -> str:
    return f"Trop de tentatives rapprochées : réessayez dans {secondes} secondes."


# Six paced wrong passwords (each after the wait the previous one asked for): 2, 4, 8 s, then the lock.
SUITE_ESPACEE = [REFUS, REFUS, _ralenti(2), _ralenti(4), _ralenti(8), VERROU]
# Twenty at once: the tries inside a wait count too, so the sixth locks.
SUITE_RAPIDE = [REFUS, REFUS, _ralenti(2), _trop_tot(4), _trop_tot(8), VERROU] + [_toujours(15)] * 14


def _espacee(moteur: Engine, identifiant: str, adresse: str | None = "10.0.0.9") -> tuple[list[str], dt.datetime]:
    t, messages = T0, []
    for attente in (0, 0, 0, 2, 4, 8):
        t += dt.timedelta(seconds=attente)
        messages.append(connecter(moteur, identifiant, "faux", maintenant=t, adresse=adresse).message)
    return messages, t


def test_six_echecs_espaces_ralentissent_puis_verrouillent_ce_compte_depuis_cette_adresse(
    moteur_sqlite: Engine,
) -> None:
    creer_compte(moteur_sqlite, "referent", REFERENT, "mot de passe du référent")
    messages, t = _espacee(moteur_sqlite, "referent")
    assert messages == SUITE_ESPACEE
    juste = "mot de passe du référent"
    # the right password from the attacker's address waits for the lock's end...
    assert connecter(moteur_sqlite, "referent", juste, maintenant=t + dt.timedelta(minutes=14),
                     adresse="10.0.0.9").message == _toujours(1)
    assert connecter(moteur_sqlite, "referent", juste, maintenant=t + dt.timedelta(minutes=15, seconds=1),
                     adresse="10.0.0.9").compte.identifiant == "referent"
    # ...but from the référent's own address it goes through at once
    _espacee(moteur_sqlite, "referent")
    assert connecter(moteur_sqlite, "referent", juste, maintenant=t, adresse="10.0.0.9").compte is None
    assert connecter(moteur_sqlite, "referent", juste, maintenant=t, adresse="10.0.0.1").compte.role == REFERENT
    assert connecter(moteur_sqlite, "referent", juste, maintenant=t, adresse=None).compte.role == REFERENT


def test_vingt_essais_rapides_verrouillent_au_sixieme(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "copil1", COPIL, "mot de passe du copil")
    messages = [connecter(moteur_sqlite, "copil1", "faux", maintenant=T0, adresse="10.0.0.9").message
                for _ in range(20)]
    assert messages == SUITE_RAPIDE
    assert connecter(moteur_sqlite, "copil1", "mot de passe du copil", maintenant=T0,
                     adresse="10.0.0.9").message == _toujours(15)


def test_les_regles_de_la_configuration(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "copil1", COPIL, "mot de passe du copil")
    messages = [connecter(moteur_sqlite, "copil1", "faux", REGLES, T0).message for _ in range(6)]
    assert messages == [REFUS, REFUS, _ralenti(2), _trop_tot(4), VERROU, _toujours(15)]


def test_un_identifiant_inconnu_recoit_les_memes_messages_aux_memes_comptes(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "referent", REFERENT, "mot de passe du référent")
    creer_compte(moteur_sqlite, "ancien", COPIL, "mot de passe de l'ancien")
    desactiver_compte(moteur_sqlite, "ancien")
    for identifiant in ("personne", "ancien", "x" * 300):
        assert _espacee(moteur_sqlite, identifiant)[0] == SUITE_ESPACEE, identifiant
        assert [connecter(moteur_sqlite, identifiant, "faux", maintenant=T0, adresse="10.0.0.8").message
                for _ in range(20)] == SUITE_RAPIDE, identifiant
    # a disabled account's right password is refused like any other
    assert connecter(moteur_sqlite, "ancien", "mot de passe de l'ancien", adresse="10.0.0.7").message == REFUS


class _HacheurCompte(PasswordHasher):
    """The real argon2 hasher, counting its verifications."""

    def __init__(self) -> None:
        super().__init__()
        self.verifications: list[str] = []

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verifications.append(str(hash))
        return super().verify(hash, password)


def test_chaque_essai_coute_une_verification_argon2_compte_connu_ou_non(moteur_sqlite: Engine, monkeypatch) -> None:
    """The same time for a known and an unknown identifiant: every attempt (wrong, too early, locked, right) does
    exactly one argon2 verification, against the account's hash or a dummy one with the same parameters."""
    from qualepref import acces

    hacheur = _HacheurCompte()
    monkeypatch.setattr(acces, "_HACHEUR", hacheur)
    creer_compte(moteur_sqlite, "referent", REFERENT, "mot de passe du référent")
    for identifiant in ("referent", "personne"):
        avant = len(hacheur.verifications)
        for _ in range(8):
            connecter(moteur_sqlite, identifiant, "faux", maintenant=T0, adresse="10.0.0.9")
        assert len(hacheur.verifications) - avant == 8
    connecter(moteur_sqlite, "referent", "mot de passe du référent", maintenant=T0, adresse="10.0.0.1")
    assert len(hacheur.verifications) == 17
    factice, reel = acces._HACHE_FACTICE, hacheur.verifications[-1]
    assert factice.split("$")[:4] == reel.split("$")[:4]  # same argon2 variant, version and cost parameters
    assert hacheur.verifications[:2] == [reel, reel] and set(hacheur.verifications[8:16]) == {factice}


def test_le_referent_debloque_un_compte(moteur_sqlite: Engine) -> None:
    from qualepref.acces import Blocage, connexions_bloquees, debloquer_compte

    creer_compte(moteur_sqlite, "copil1", COPIL, "mot de passe du copil")
    for adresse in ("10.0.0.9", "10.0.0.8"):
        _espacee(moteur_sqlite, "copil1", adresse)
    _espacee(moteur_sqlite, "personne")  # an unknown identifiant is not listed
    _, t = _espacee(moteur_sqlite, "copil1", "10.0.0.7")
    bloques = connexions_bloquees(moteur_sqlite, maintenant=t)
    assert bloques == [Blocage("copil1", a, 6, t + dt.timedelta(minutes=15)) for a in ("10.0.0.7", "10.0.0.8",
                                                                                       "10.0.0.9")]
    assert debloquer_compte(moteur_sqlite, "copil1") == 3
    assert connexions_bloquees(moteur_sqlite, maintenant=t) == []
    assert connecter(moteur_sqlite, "copil1", "mot de passe du copil", maintenant=t,
                     adresse="10.0.0.9").compte is not None


def test_les_echecs_s_oublient_et_une_connexion_reussie_remet_a_zero(moteur_sqlite: Engine) -> None:
    creer_compte(moteur_sqlite, "copil1", COPIL, "mot de passe du copil")
    for _ in range(2):
        connecter(moteur_sqlite, "copil1", "faux", maintenant=T0)
    plus_tard = T0 + dt.timedelta(minutes=15)
    assert [connecter(moteur_sqlite, "copil1", "faux", maintenant=plus_tard).message for _ in range(3)] == [
        REFUS, REFUS, _ralenti(2)]
    encore = plus_tard + dt.timedelta(seconds=2)
    assert connecter(moteur_sqlite, "copil1", "mot de passe du copil", maintenant=encore).compte is not None
    assert [connecter(moteur_sqlite, "copil1", "faux", maintenant=encore).message for _ in range(3)] == [
        REFUS, REFUS, _ralenti(2)]


def test_des_identifiants_au_hasard_ne_font_pas_grossir_la_table(moteur_sqlite: Engine) -> None:
    from qualepref.store.connexions import load_blocages

    for i in range(30):
        connecter(moteur_sqlite, f"hasard-{i}", "faux", maintenant=T0)
    connecter(moteur_sqlite, "dernier", "faux", maintenant=T0 + dt.timedelta(minutes=16))
    with moteur_sqlite.connect() as conn:
        from qualepref.store.models import TentativeConnexionModel

        restants = conn.execute(select(TentativeConnexionModel.identifiant)).scalars().all()
    assert restants == ["dernier"]
    assert load_blocages(moteur_sqlite, T0, 1).empty


def test_le_nouveau_mot_de_passe_differe_du_provisoire(moteur_sqlite: Engine) -> None:
    provisoire = creer_compte(moteur_sqlite, "copil1", COPIL)
    compte = connecter(moteur_sqlite, "copil1", provisoire).compte
    assert compte.doit_changer
    with pytest.raises(ValueError, match="différent de l'actuel"):
        changer_mot_de_passe(moteur_sqlite, compte.id, provisoire)
    changer_mot_de_passe(moteur_sqlite, compte.id, "un mot de passe bien à moi")
    assert connecter(moteur_sqlite, "copil1", "un mot de passe bien à moi").compte.doit_changer is False


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
    titres = lambda role, public=True: [p.titre for p in pages_permises(role, public)]
    assert titres(None) == ["Résultats publiés", "Déclaration d'accessibilité"]
    assert titres(None, public=False) == ["Déclaration d'accessibilité"]
    assert titres(COMITE) == ["Résultats publiés", "Déclaration d'accessibilité"]
    assert "Importer des données" not in titres(COPIL)
    assert "Tableau de bord" in titres(COPIL)
    assert titres(REFERENT)[0] == "Tableau de bord" and "Comptes" in titres(REFERENT)
