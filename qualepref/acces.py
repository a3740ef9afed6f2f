"""Accounts, roles and what each role may read.

Three roles: the référent qualité (everything), the membre du COPIL (reads everything, edits only comments) and the
comité des usagers (reads only published results). Passwords are hashed with argon2; a session is a random token
of which only the SHA-256 is stored, with an expiry; repeated failed log-ins first slow down, then lock, the pair of
identifiant and client address they came from (``store.connexions``), the same way whether the account exists or not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, func, insert, select, update

from qualepref.store import ErreurStockage, ecriture
from qualepref.store.connexions import Tentatives, compter_echec, effacer_tentatives, load_blocages, load_tentatives
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
# An unknown identifiant (or a disabled account) is checked against this hash: the same argon2 work as a real one.
_HACHE_FACTICE = _HACHEUR.hash(secrets.token_urlsafe(16))


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
    Page("pages/charger_referentiel.py", "Charger un référentiel", ":material/upload:", "importer"),
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
               "actif": True, "email": email or None, "nom": nom}
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


REFUS = "Identifiant ou mot de passe incorrect."


def _secondes(n: int) -> str:
    return f"{n} seconde{'s' if n > 1 else ''}"


def _minutes(n: int) -> str:
    return f"{n} minute{'s' if n > 1 else ''}"


def message_ralenti(attente_s: int) -> str:
    """A wrong password after which the pair must wait."""
    return f"{REFUS} Attendez {_secondes(attente_s)} avant de réessayer."


def message_trop_tot(attente_s: int) -> str:
    """An attempt inside a wait: not checked, counted as a failure."""
    return f"Trop de tentatives rapprochées : réessayez dans {_secondes(attente_s)}."


def message_verrouille(regles: ReglesConnexion) -> str:
    """The failure that locks the pair."""
    return (f"Trop d'échecs : la connexion à ce compte depuis votre poste est bloquée pendant "
            f"{_minutes(regles.duree_verrouillage_minutes)}. Le référent qualité peut la débloquer (page « Comptes »).")


def message_toujours_verrouille(attente_min: int) -> str:
    """An attempt while the pair is locked (not counted)."""
    return (f"La connexion à ce compte depuis votre poste est bloquée : réessayez dans {_minutes(attente_min)}, "
            "ou demandez au référent qualité de la débloquer (page « Comptes »).")


def _delai_apres_echec(echecs: int, regles: ReglesConnexion) -> dt.timedelta:
    """No wait for the first failures, then 2, 4, 8... seconds, then the lock."""
    if echecs >= regles.echecs_avant_verrouillage:
        return dt.timedelta(minutes=regles.duree_verrouillage_minutes)
    if echecs >= regles.echecs_avant_ralentissement:
        return dt.timedelta(seconds=2 ** (echecs - regles.echecs_avant_ralentissement + 1))
    return dt.timedelta(0)


def _apres_echec(t: Tentatives, maintenant: dt.datetime, regles: ReglesConnexion) -> Tentatives:
    """One more failure; failures are forgotten once the last one is older than the lock's length."""
    oubli = dt.timedelta(minutes=regles.duree_verrouillage_minutes)
    precedents = t.echecs if t.dernier_echec is not None and maintenant - t.dernier_echec < oubli else 0
    echecs = precedents + 1
    delai = _delai_apres_echec(echecs, regles)
    return Tentatives(echecs, maintenant, maintenant + delai if delai else None)


def connecter(
    engine: Engine, identifiant: str, mot_de_passe: str, regles: ReglesConnexion = ReglesConnexion(),
    maintenant: dt.datetime | None = None, adresse: str | None = None,
) -> ResultatConnexion:
    """Check a log-in from the client address ``adresse``; count failures per identifiant and address, slow down
    then lock that pair only.

    An identifiant with no (active, local) account goes through exactly the same steps: its failures are counted,
    it gets the same messages at the same counts, and its password is checked against a dummy argon2 hash, so
    every attempt costs one argon2 verification whatever the path (locked, too early, wrong, right).
    An attempt inside a wait is refused unchecked and counts as a failure (rapid tries lock as paced ones do).
    """
    maintenant = maintenant or maintenant_utc()
    with engine.connect() as conn:
        ligne = conn.execute(select(CompteModel).where(CompteModel.identifiant == identifiant)).first()
    connu = ligne is not None and bool(ligne.actif) and bool(ligne.mot_de_passe)
    tentatives = load_tentatives(engine, identifiant, adresse)
    oublier_avant = maintenant - dt.timedelta(minutes=regles.duree_verrouillage_minutes)
    bloque = tentatives.bloque_jusqua is not None and tentatives.bloque_jusqua > maintenant
    if bloque and tentatives.echecs >= regles.echecs_avant_verrouillage:
        _verifier(_HACHE_FACTICE, mot_de_passe)
        attente = math.ceil((tentatives.bloque_jusqua - maintenant).total_seconds() / 60)
        return ResultatConnexion(None, message_toujours_verrouille(attente))
    if bloque:
        _verifier(_HACHE_FACTICE, mot_de_passe)
        apres = compter_echec(engine, identifiant, adresse, lambda t: _apres_echec(t, maintenant, regles),
                              oublier_avant)
        return ResultatConnexion(None, _message_echec(apres, maintenant, regles, trop_tot=True))
    if _verifier(ligne.mot_de_passe if connu else _HACHE_FACTICE, mot_de_passe) and connu:
        effacer_tentatives(engine, identifiant, adresse)
        return ResultatConnexion(_compte(ligne), "Connexion réussie.")
    apres = compter_echec(engine, identifiant, adresse, lambda t: _apres_echec(t, maintenant, regles), oublier_avant)
    return ResultatConnexion(None, _message_echec(apres, maintenant, regles, trop_tot=False))


def _verifier(hache: str, mot_de_passe: str) -> bool:
    """One argon2 verification (the same work for a real hash and the dummy one)."""
    try:
        return _HACHEUR.verify(hache, mot_de_passe)
    except (VerificationError, InvalidHashError):
        return False


def _message_echec(t: Tentatives, maintenant: dt.datetime, regles: ReglesConnexion, trop_tot: bool) -> str:
    if t.echecs >= regles.echecs_avant_verrouillage:
        return message_verrouille(regles)
    if t.bloque_jusqua is None:
        return REFUS
    attente = math.ceil((t.bloque_jusqua - maintenant).total_seconds())
    return message_trop_tot(attente) if trop_tot else message_ralenti(attente)


@dataclass(frozen=True)
class Blocage:
    """An account's log-in blocked from one client address (the Comptes page lists them for the référent)."""

    identifiant: str
    adresse: str
    echecs: int
    jusqua: dt.datetime


def connexions_bloquees(engine: Engine, regles: ReglesConnexion = ReglesConnexion(),
                        maintenant: dt.datetime | None = None) -> list[Blocage]:
    """The accounts locked at this moment, per client address (identifiants with no account are left out)."""
    maintenant = maintenant or maintenant_utc()
    comptes = {c.identifiant for c in lister_comptes(engine)}
    lignes = load_blocages(engine, maintenant, regles.echecs_avant_verrouillage)
    return [Blocage(l.identifiant, l.adresse, int(l.echecs), l.bloque_jusqua.to_pydatetime())
            for l in lignes.itertuples() if l.identifiant in comptes]


def debloquer_compte(engine: Engine, identifiant: str) -> int:
    """The référent unlocks an account: its failures are forgotten for every address. Returns how many addresses
    were blocked or counted."""
    return effacer_tentatives(engine, identifiant)


def changer_mot_de_passe(engine: Engine, compte_id: int, nouveau: str) -> None:
    """Set a new password (12 characters at least, not the current one) and clear the one-time flag."""
    if len(nouveau) < 12:
        raise ValueError("Le mot de passe doit compter au moins 12 caractères.")
    with engine.connect() as conn:
        actuel = conn.execute(select(CompteModel.mot_de_passe).where(CompteModel.id == compte_id)).scalar()
    if actuel and _verifier(actuel, nouveau):
        raise ValueError("Choisissez un mot de passe différent de l'actuel.")
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
