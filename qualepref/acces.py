"""Accounts, roles and what each role may read.

Three roles: the référent qualité (everything), the membre du COPIL (reads everything, edits only comments) and the
comité des usagers (reads only published results). Passwords are hashed with argon2; a session is a random token
of which only the SHA-256 is stored, with an expiry; repeated failed log-ins first slow down, then lock the account.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, insert, select, update

from qualepref.store import ErreurStockage, ecriture
from qualepref.store.models import CompteModel, SessionModel, maintenant_utc

REFERENT = "referent"
COPIL = "copil"
COMITE = "comite"

ROLES: dict[str, str] = {
    REFERENT: "Référent qualité",
    COPIL: "Membre du COPIL",
    COMITE: "Comité des usagers",
}

# What each role may do (the pages ask these, never the role name).
DROITS: dict[str, frozenset[str]] = {
    REFERENT: frozenset({"lire_brouillon", "importer", "cibles", "publier", "sites", "comptes", "commenter",
                         "preuves", "plan"}),
    COPIL: frozenset({"lire_brouillon", "commenter"}),
    COMITE: frozenset(),
}

_HACHEUR = PasswordHasher()


@dataclass(frozen=True)
class Page:
    """A page of the app and who may open it.

    ``droit``: what a signed-in role needs (None: any role). ``sans_connexion``: "jamais"; "si_config" (when
    config.toml opens the published results to the public); "toujours" (the accessibility statement).
    """

    fichier: str
    titre: str
    icone: str
    droit: str | None = None
    sans_connexion: str = "jamais"
    par_defaut: bool = False


# The pages, in menu order. Navigation offers a page only to the roles it names: no other page is reachable.
PAGES: tuple[Page, ...] = (
    Page("pages/tableau_de_bord.py", "Tableau de bord", ":material/dashboard:", "lire_brouillon", par_defaut=True),
    Page("pages/modules.py", "Modules et engagements", ":material/account_tree:", "lire_brouillon"),
    Page("pages/seance.py", "Mode séance", ":material/slideshow:", "lire_brouillon"),
    Page("pages/audit.py", "Préparation de l'audit", ":material/fact_check:", "lire_brouillon"),
    Page("pages/enquetes.py", "Enquêtes", ":material/sentiment_satisfied:", "lire_brouillon"),
    Page("pages/plan_actions.py", "Plan d'actions", ":material/checklist:", "lire_brouillon"),
    Page("pages/resultats_publies.py", "Résultats publiés", ":material/campaign:", None, "si_config"),
    Page("pages/importer.py", "Importer des données", ":material/upload_file:", "importer"),
    Page("pages/journal_imports.py", "Journal des imports", ":material/history:", "importer"),
    Page("pages/referentiel.py", "Référentiel", ":material/menu_book:", "lire_brouillon"),
    Page("pages/sites.py", "Sites", ":material/domain:", "sites"),
    Page("pages/comptes.py", "Comptes", ":material/group:", "comptes"),
    Page("pages/accessibilite.py", "Déclaration d'accessibilité", ":material/accessibility:", None, "toujours"),
)


def pages_permises(role: str | None, public_sans_connexion: bool) -> tuple[Page, ...]:
    """The pages navigation offers: by role; without log-in, the public ones when config.toml allows it."""
    if role is None:
        ouvertes = {"toujours", "si_config"} if public_sans_connexion else {"toujours"}
        return tuple(p for p in PAGES if p.sans_connexion in ouvertes)
    return tuple(p for p in PAGES if p.droit is None or peut(role, p.droit))


@dataclass(frozen=True)
class Compte:
    """A signed-in person as the app sees them (never the password hash)."""

    id: int
    identifiant: str
    role: str
    nom: str | None = None
    email: str | None = None
    doit_changer: bool = False
    actif: bool = True

    def peut(self, droit: str) -> bool:
        """True when this account's role has ``droit``."""
        return droit in DROITS.get(self.role, frozenset())


@dataclass(frozen=True)
class ReglesConnexion:
    """How many failures slow down, then lock, a log-in (from config.toml)."""

    echecs_avant_ralentissement: int = 3
    echecs_avant_verrouillage: int = 6
    duree_verrouillage_minutes: int = 15
    duree_session_minutes: int = 480


@dataclass(frozen=True)
class ResultatConnexion:
    """A log-in attempt: the account on success, else a French message."""

    compte: Compte | None
    message: str


def peut(role: str | None, droit: str) -> bool:
    """True when ``role`` has ``droit`` (an anonymous reader has none)."""
    return role is not None and droit in DROITS.get(role, frozenset())


def generer_mot_de_passe() -> str:
    """A one-time password (16 URL-safe characters)."""
    return secrets.token_urlsafe(12)


def _compte(ligne: CompteModel) -> Compte:
    return Compte(id=ligne.id, identifiant=ligne.identifiant, role=ligne.role, nom=ligne.nom, email=ligne.email,
                  doit_changer=bool(ligne.doit_changer), actif=bool(ligne.actif))


def creer_compte(
    engine: Engine,
    identifiant: str,
    role: str,
    mot_de_passe: str | None = None,
    email: str | None = None,
    nom: str | None = None,
) -> str:
    """Create (or reset) an account; returns its password (a one-time one, to change at first log-in, if none given)."""
    if role not in ROLES:
        raise ValueError(f"Rôle « {role} » inconnu (rôles : {', '.join(ROLES)}).")
    if not identifiant.strip():
        raise ValueError("L'identifiant est obligatoire.")
    provisoire = mot_de_passe is None
    mot_de_passe = mot_de_passe or generer_mot_de_passe()
    if len(mot_de_passe) < 12:
        raise ValueError("Le mot de passe doit compter au moins 12 caractères.")
    valeurs = {"role": role, "mot_de_passe": _HACHEUR.hash(mot_de_passe), "doit_changer": provisoire,
               "echecs": 0, "verrou_jusqua": None, "actif": True, "email": email or None, "nom": nom}
    with ecriture(engine) as conn:
        existe = conn.execute(select(CompteModel.id).where(CompteModel.identifiant == identifiant)).first()
        if existe:
            conn.execute(update(CompteModel).where(CompteModel.identifiant == identifiant).values(**valeurs))
        else:
            conn.execute(insert(CompteModel).values(identifiant=identifiant, **valeurs))
    return mot_de_passe


def assurer_compte_referent(engine: Engine) -> str | None:
    """On first start (no account at all), create the account ``referent`` and return its one-time password."""
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(CompteModel)).scalar_one():
            return None
    return creer_compte(engine, "referent", REFERENT)


def _delai_apres_echec(echecs: int, regles: ReglesConnexion) -> dt.timedelta:
    """No wait for the first failures, then 2, 4, 8... seconds, then the lock."""
    if echecs >= regles.echecs_avant_verrouillage:
        return dt.timedelta(minutes=regles.duree_verrouillage_minutes)
    if echecs >= regles.echecs_avant_ralentissement:
        return dt.timedelta(seconds=2 ** (echecs - regles.echecs_avant_ralentissement + 1))
    return dt.timedelta(0)


def connecter(
    engine: Engine, identifiant: str, mot_de_passe: str, regles: ReglesConnexion = ReglesConnexion(),
    maintenant: dt.datetime | None = None,
) -> ResultatConnexion:
    """Check a log-in; count failures, slow down then lock. The message never says whether the account exists."""
    maintenant = maintenant or maintenant_utc()
    refus = "Identifiant ou mot de passe incorrect."
    with ecriture(engine) as conn:
        ligne = conn.execute(select(CompteModel).where(CompteModel.identifiant == identifiant)).first()
        if ligne is None or not ligne.actif or not ligne.mot_de_passe:
            _HACHEUR.hash(mot_de_passe or "x")  # same cost either way: no timing oracle
            return ResultatConnexion(None, refus)
        if ligne.verrou_jusqua and ligne.verrou_jusqua > maintenant:
            attente = int((ligne.verrou_jusqua - maintenant).total_seconds()) + 1
            return ResultatConnexion(
                None, f"Trop de tentatives : réessayez dans {attente} seconde{'s' if attente > 1 else ''}."
            )
        try:
            _HACHEUR.verify(ligne.mot_de_passe, mot_de_passe)
        except (VerificationError, InvalidHashError):
            echecs = ligne.echecs + 1
            delai = _delai_apres_echec(echecs, regles)
            conn.execute(update(CompteModel).where(CompteModel.id == ligne.id).values(
                echecs=echecs, verrou_jusqua=maintenant + delai if delai else None))
            if echecs >= regles.echecs_avant_verrouillage:
                return ResultatConnexion(
                    None, f"Compte verrouillé pendant {regles.duree_verrouillage_minutes} minutes après "
                    f"{echecs} échecs.")
            return ResultatConnexion(None, refus)
        conn.execute(update(CompteModel).where(CompteModel.id == ligne.id).values(echecs=0, verrou_jusqua=None))
        return ResultatConnexion(_compte(ligne), "Connexion réussie.")


def changer_mot_de_passe(engine: Engine, compte_id: int, nouveau: str) -> None:
    """Set a new password (12 characters at least) and clear the one-time flag."""
    if len(nouveau) < 12:
        raise ValueError("Le mot de passe doit compter au moins 12 caractères.")
    with ecriture(engine) as conn:
        conn.execute(update(CompteModel).where(CompteModel.id == compte_id).values(
            mot_de_passe=_HACHEUR.hash(nouveau), doit_changer=False))


def _empreinte(jeton: str) -> str:
    return hashlib.sha256(jeton.encode()).hexdigest()


def ouvrir_session(
    engine: Engine, compte: Compte, duree_minutes: int, maintenant: dt.datetime | None = None
) -> str:
    """Open a session for ``compte``; returns the token (only its hash is stored)."""
    maintenant = maintenant or maintenant_utc()
    jeton = secrets.token_urlsafe(32)
    with ecriture(engine) as conn:
        conn.execute(delete(SessionModel).where(SessionModel.expire_le <= maintenant))
        conn.execute(insert(SessionModel).values(
            jeton_hash=_empreinte(jeton), compte_id=compte.id, cree_le=maintenant,
            expire_le=maintenant + dt.timedelta(minutes=duree_minutes)))
    return jeton


def verifier_session(engine: Engine, jeton: str | None, maintenant: dt.datetime | None = None) -> Compte | None:
    """The account of a live session; None for an unknown (forged), expired or disabled one."""
    if not jeton:
        return None
    maintenant = maintenant or maintenant_utc()
    requete = (
        select(CompteModel)
        .join(SessionModel, SessionModel.compte_id == CompteModel.id)
        .where(SessionModel.jeton_hash == _empreinte(jeton), SessionModel.expire_le > maintenant,
               CompteModel.actif.is_(True))
    )
    with engine.connect() as conn:
        ligne = conn.execute(requete).first()
    return _compte(ligne) if ligne else None


def fermer_session(engine: Engine, jeton: str) -> None:
    """Log out: the token is no longer valid."""
    with ecriture(engine) as conn:
        conn.execute(delete(SessionModel).where(SessionModel.jeton_hash == _empreinte(jeton)))


def compte_par_email(engine: Engine, email: str) -> Compte | None:
    """The account an e-mail from the single sign-on maps to (its role is stored in the database)."""
    with engine.connect() as conn:
        ligne = conn.execute(select(CompteModel).where(
            func.lower(CompteModel.email) == email.lower(), CompteModel.actif.is_(True))).first()
    return _compte(ligne) if ligne else None


def lister_comptes(engine: Engine) -> list[Compte]:
    """Every account (for the "Comptes" page)."""
    with engine.connect() as conn:
        return [_compte(l) for l in conn.execute(select(CompteModel).order_by(CompteModel.identifiant))]


def desactiver_compte(engine: Engine, identifiant: str) -> None:
    """Disable an account and end its sessions."""
    with ecriture(engine) as conn:
        ligne = conn.execute(select(CompteModel.id).where(CompteModel.identifiant == identifiant)).first()
        if ligne is None:
            raise ErreurStockage(f"Le compte « {identifiant} » n'existe pas.")
        conn.execute(update(CompteModel).where(CompteModel.id == ligne.id).values(actif=False))
        conn.execute(delete(SessionModel).where(SessionModel.compte_id == ligne.id))
