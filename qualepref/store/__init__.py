"""The store: the one seam to the database.

Functions here take an engine and hand out pandas frames (``load_*``) or write in one transaction (``save_*``,
``enregistrer_import``). SQL is written nowhere else. SQLite (the embedded default) runs in WAL mode with a busy
timeout and foreign keys on, and every write transaction begins IMMEDIATE so that two writers queue instead of one
losing its update; PostgreSQL gets ordinary transactions.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from qualepref.store.models import (
    AvisModel,
    Base,
    CriseModel,
    EnqueteAgregeeModel,
    EnqueteModel,
    ImportModel,
    JournalModel,
    MystereModel,
    PanModel,
    PlanModel,
    SiteModel,
    ValeurModel,
    maintenant_utc,
)

DOSSIER_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DELAI_ATTENTE_VERROU_MS = 30_000


class ErreurStockage(RuntimeError):
    """A write that failed and was rolled back; the message is French and says what to do."""


class DonneesExistantes(ErreurStockage):
    """The periods of an import already hold data of that kind for that site (replace them explicitly)."""

    def __init__(self, periodes: dict[str, int]):
        self.periodes = periodes
        liste = ", ".join(f"{p} ({n} ligne{'s' if n > 1 else ''})" for p, n in sorted(periodes.items()))
        super().__init__(
            "Des données de ce type existent déjà pour ces périodes : "
            f"{liste}. Confirmez le remplacement pour les remplacer."
        )


@dataclass(frozen=True)
class Site:
    """A site as the rest of the app sees it."""

    code: str
    nom: str
    type_site: str
    cert: bool
    zone: str = "metropole"
    referentiel: str = "qualepref-2019"
    modules: tuple[int, ...] = (1,)
    demo: bool = False
    marge_proche: float = 5.0
    code_postal: str | None = None
    ville: str | None = None
    code_sp: str | None = None
    jours_ouverture_pan: str | None = None  # weekdays "lun,mar,..."; None: Monday to Friday (plan_actions)
    engagements_exclus: tuple[int, ...] = ()  # a sous-préfecture's engagements not retained (qualepref.sites)


@dataclass(frozen=True)
class ResultatImport:
    """What an import did: its journal number, the rows it added and the rows it replaced."""

    import_id: int
    ajoutees: int
    remplacees: int


@dataclass(frozen=True)
class TypeStocke:
    """How one kind of imported data is stored: its table, its columns, and how a row's year is found."""

    modele: type
    colonnes: tuple[str, ...]
    annee: Callable[[pd.DataFrame], pd.Series]
    dates: tuple[str, ...] = ()
    horodatages: tuple[str, ...] = ()  # date and time columns (kept to the second)


def _annee_de(colonne: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda f: pd.to_datetime(f[colonne]).dt.year


def _annee_colonne(colonne: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda f: f[colonne].astype("int64")


TYPES_STOCKES: dict[str, TypeStocke] = {
    "journal": TypeStocke(
        JournalModel,
        ("reference", "canal", "nature", "date_reception", "date_completude", "date_reponse",
         "type_reponse", "service", "engagement", "support", "date_proposition", "date_rendez_vous",
         "indisponibilite", "procedure"),
        _annee_de("date_reception"),
        ("date_reception", "date_completude", "date_reponse", "date_proposition", "date_rendez_vous"),
    ),
    "indicateurs": TypeStocke(
        ValeurModel,
        ("indicateur", "periode", "valeur", "numerateur", "denominateur", "commentaire"),
        lambda f: f["periode"].astype(str).str.slice(0, 4).astype("int64"),
    ),
    "enquete": TypeStocke(
        EnqueteModel, ("annee", "repondant", "question", "theme", "reponse"), _annee_colonne("annee")
    ),
    "enquete-agregee": TypeStocke(
        EnqueteAgregeeModel, ("annee", "theme", "satisfaits", "exprimes", "taux"), _annee_colonne("annee")
    ),
    "mystere": TypeStocke(MystereModel, ("date", "canal", "critere", "conforme"), _annee_de("date"), ("date",)),
    "plan": TypeStocke(
        PlanModel,
        ("annee", "axe", "thematique", "action", "structure", "pilote", "echeance", "statut", "avancement",
         "engagement"),
        _annee_colonne("annee"),
        ("echeance",),
    ),
    "pan": TypeStocke(PanModel, ("point", "mois", "demarche", "nombre"), _annee_de("mois"), ("mois",)),
    "avis": TypeStocke(
        AvisModel, ("date", "structure", "sujet", "tonalite", "date_reponse"), _annee_de("date"),
        ("date", "date_reponse"),
    ),
    "crises": TypeStocke(
        CriseModel, ("evenement", "activation", "information"), _annee_de("activation"),
        horodatages=("activation", "information"),
    ),
}


# --- the engine -------------------------------------------------------------------------------------------------

def _regler_sqlite(engine: Engine) -> None:
    """WAL, busy timeout, foreign keys, and IMMEDIATE write transactions on SQLite."""

    @event.listens_for(engine, "connect")
    def _connexion(dbapi_connection, _record) -> None:  # noqa: ANN001 - DBAPI objects
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        curseur = dbapi_connection.cursor()
        curseur.execute(f"PRAGMA busy_timeout = {DELAI_ATTENTE_VERROU_MS}")
        curseur.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            curseur.execute("PRAGMA journal_mode = WAL")
            curseur.execute("PRAGMA synchronous = NORMAL")
        curseur.close()

    @event.listens_for(engine, "begin")
    def _debut(conn: Connection) -> None:
        immediat = conn.get_execution_options().get("ecriture", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediat else "BEGIN")


def creer_moteur(url: str, migrer_schema: bool = True) -> Engine:
    """Make the engine for ``url`` (creating a SQLite file's folder) and bring its schema to the latest version."""
    if url.startswith("sqlite:///") and ":memory:" not in url:
        Path(url[len("sqlite:///"):]).parent.mkdir(parents=True, exist_ok=True)
    options: dict = {"future": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": DELAI_ATTENTE_VERROU_MS / 1000, "check_same_thread": False}
    else:
        options["pool_pre_ping"] = True
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        _regler_sqlite(engine)
    if migrer_schema:
        migrer(engine)
    return engine


def config_alembic(engine: Engine):  # noqa: ANN201 - alembic.config.Config
    """The Alembic configuration for our migrations folder, bound to ``engine``."""
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(DOSSIER_MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    cfg.attributes["engine"] = engine
    return cfg


def migrer(engine: Engine, revision: str = "head") -> None:
    """Apply the Alembic migrations up to ``revision`` (start-up does this, so users keep their history)."""
    from alembic import command

    command.upgrade(config_alembic(engine), revision)


@contextlib.contextmanager
def ecriture(engine: Engine) -> Iterator[Connection]:
    """One write transaction (IMMEDIATE on SQLite); any database error becomes a French ``ErreurStockage``."""
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(ecriture=True)
            with conn.begin():
                yield conn
    except ErreurStockage:
        raise
    except SQLAlchemyError as exc:
        raise ErreurStockage(
            "L'enregistrement a échoué et rien n'a été modifié (base de données indisponible, pleine ou "
            f"verrouillée). Réessayez ; si le problème persiste, prévenez l'administrateur. Détail : {exc.orig or exc}"
        ) from exc


# --- sites ------------------------------------------------------------------------------------------------------

def _site_depuis_ligne(ligne: SiteModel) -> Site:
    modules = tuple(int(m) for m in ligne.modules.split(",") if m.strip())
    return Site(
        code=ligne.code, nom=ligne.nom, type_site=ligne.type_site, cert=bool(ligne.cert), zone=ligne.zone,
        referentiel=ligne.referentiel, modules=modules, demo=bool(ligne.demo), marge_proche=ligne.marge_proche,
        code_postal=ligne.code_postal, ville=ligne.ville, code_sp=ligne.code_sp,
        jours_ouverture_pan=ligne.jours_ouverture_pan,
        engagements_exclus=tuple(int(e) for e in (ligne.engagements_exclus or "").split(",") if e.strip()),
    )


def save_site(engine: Engine, site: Site) -> None:
    """Create or update a site (the perimeter must have been checked against the referential first)."""
    valeurs = {
        "nom": site.nom, "type_site": site.type_site, "cert": site.cert, "zone": site.zone,
        "referentiel": site.referentiel, "modules": ",".join(str(m) for m in sorted(site.modules)),
        "demo": site.demo, "marge_proche": site.marge_proche, "code_postal": site.code_postal,
        "ville": site.ville, "code_sp": site.code_sp, "jours_ouverture_pan": site.jours_ouverture_pan,
        "engagements_exclus": ",".join(str(e) for e in sorted(site.engagements_exclus)) or None,
    }
    with ecriture(engine) as conn:
        existe = conn.execute(select(SiteModel.code).where(SiteModel.code == site.code)).first()
        if existe:
            conn.execute(update(SiteModel).where(SiteModel.code == site.code).values(**valeurs))
        else:
            conn.execute(insert(SiteModel).values(code=site.code, **valeurs))


def load_sites(engine: Engine) -> list[Site]:
    """Every site, ordered by code."""
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        return [_site_depuis_ligne(s) for s in session.scalars(select(SiteModel).order_by(SiteModel.code))]


def get_site(engine: Engine, code: str) -> Site | None:
    """The site ``code``, or None."""
    return next((s for s in load_sites(engine) if s.code == code), None)


def sites_frame(sites: Sequence[Site]) -> pd.DataFrame:
    """Sites as a frame for tables and the command line (modules as "1, 2, 4")."""
    colonnes = ["code", "nom", "type_site", "cert", "zone", "referentiel", "modules", "demo"]
    lignes = [
        {**{c: getattr(s, c) for c in colonnes}, "modules": ", ".join(str(m) for m in s.modules)} for s in sites
    ]
    return pd.DataFrame(lignes, columns=colonnes)


def supprimer_site(engine: Engine, code: str) -> None:
    """Delete a site and all its data (cascade)."""
    with ecriture(engine) as conn:
        for type_stocke in TYPES_STOCKES.values():
            conn.execute(delete(type_stocke.modele).where(type_stocke.modele.site == code))
        conn.execute(delete(ImportModel).where(ImportModel.site == code))
        for table in reversed(Base.metadata.sorted_tables):
            if "site" in table.c and table.name != "sites":
                conn.execute(delete(table).where(table.c.site == code))
        conn.execute(delete(SiteModel).where(SiteModel.code == code))


# --- imports ----------------------------------------------------------------------------------------------------

def _lignes_a_inserer(type_stocke: TypeStocke, lignes: pd.DataFrame, site: str, import_id: int) -> list[dict]:
    """Rows as dictionaries ready for executemany: dates as ``date``, missing values as None, native Python types.

    Built column by column (one ``tolist`` per column, then ``zip``): ``DataFrame.to_dict("records")`` converts
    cell by cell and cost half of a 200 000-row import.
    """
    cadre = lignes.reindex(columns=[*type_stocke.colonnes, "cle"])  # a column added later: missing in older frames
    colonnes = {c: cadre[c] for c in cadre.columns}
    colonnes["annee"] = type_stocke.annee(lignes)
    for colonne in type_stocke.dates:
        dates = pd.to_datetime(cadre[colonne])
        colonnes[colonne] = pd.Series(dates.dt.date, index=cadre.index, dtype=object).where(dates.notna(), None)
    for colonne in type_stocke.horodatages:
        moments = pd.to_datetime(cadre[colonne])
        colonnes[colonne] = pd.Series(moments.dt.to_pydatetime(), index=cadre.index, dtype=object).where(
            moments.notna(), None)
    table = type_stocke.modele.__table__
    # a column empty in the whole file and without a default is left out of the INSERT (NULL all the same): a
    # journal of courriers has none of the rendez-vous or mise à jour columns, and each column costs per row
    colonnes = {c: v for c, v in colonnes.items()
                if not (c in table.c and table.c[c].default is None and table.c[c].server_default is None
                        and not table.c[c].primary_key and v.isna().all())}
    noms = list(colonnes)
    valeurs = [s.astype(object).where(s.notna(), None).tolist() for s in colonnes.values()]
    return [dict(zip(noms, ligne, strict=True), site=site, import_id=import_id) for ligne in zip(*valeurs)]


def _actives(modele: type, site: str):  # noqa: ANN202 - a SQLAlchemy clause
    return (modele.site == site) & modele.remplace_par.is_(None)


def periodes_existantes(
    engine: Engine, type_donnees: str, site: str, periodes: Sequence[str]
) -> dict[str, int]:
    """How many active rows each of ``periodes`` (replacement keys) already holds for this site and kind."""
    modele = TYPES_STOCKES[type_donnees].modele
    with engine.connect() as conn:
        return _compter_periodes(conn, modele, site, periodes)


def _compter_periodes(conn: Connection, modele: type, site: str, periodes: Sequence[str]) -> dict[str, int]:
    resultat: dict[str, int] = {}
    liste = list(periodes)
    for debut in range(0, len(liste), 500):
        requete = (
            select(modele.cle, func.count())
            .where(_actives(modele, site), modele.cle.in_(liste[debut:debut + 500]))
            .group_by(modele.cle)
        )
        resultat.update({cle: n for cle, n in conn.execute(requete)})
    return resultat


def enregistrer_import(
    engine: Engine,
    *,
    type_donnees: str,
    site: str,
    lignes: pd.DataFrame,
    fichier: str,
    sha256: str,
    utilisateur: str,
    periodes: Sequence[str],
    remplacer: bool = False,
) -> ResultatImport:
    """Store validated rows in ONE transaction and journal the import.

    Rows whose replacement key (``cle``) is among ``periodes`` and already stored are replaced only when
    ``remplacer`` is true (else ``DonneesExistantes``); replaced rows are kept, marked with the new import, so
    that undoing it restores them. The same file twice never doubles anything.
    """
    type_stocke = TYPES_STOCKES[type_donnees]
    modele = type_stocke.modele
    with ecriture(engine) as conn:
        # Lock the site row (PostgreSQL; SQLite's IMMEDIATE transaction already serialises writers) so that two
        # imports for one site queue: the check of existing periods below then sees the other's committed rows.
        verrou = select(SiteModel.code).where(SiteModel.code == site).with_for_update(key_share=True)
        if site not in set(conn.scalars(verrou)):
            raise ErreurStockage(f"Le site « {site} » n'existe pas : créez-le d'abord (page Sites).")
        existantes = _compter_periodes(conn, modele, site, periodes)
        if existantes and not remplacer:
            raise DonneesExistantes(existantes)
        import_id = conn.execute(
            insert(ImportModel).values(
                site=site, type_donnees=type_donnees, fichier=fichier, sha256=sha256, utilisateur=utilisateur,
                periodes=",".join(periodes), quand=maintenant_utc(),
            ).returning(ImportModel.id)
        ).scalar_one()
        remplacees = 0
        liste = list(periodes)
        for debut in range(0, len(liste), 500):
            remplacees += conn.execute(
                update(modele)
                .where(_actives(modele, site), modele.cle.in_(liste[debut:debut + 500]))
                .values(remplace_par=import_id)
            ).rowcount
        enregistrements = _lignes_a_inserer(type_stocke, lignes, site, import_id)
        if enregistrements:
            conn.execute(insert(modele), enregistrements)
        conn.execute(
            update(ImportModel).where(ImportModel.id == import_id)
            .values(ajoutees=len(enregistrements), remplacees=remplacees)
        )
    return ResultatImport(import_id=import_id, ajoutees=len(enregistrements), remplacees=remplacees)


def annuler_import(engine: Engine, import_id: int, utilisateur: str) -> int:
    """Undo an import: remove its rows and restore the rows it had replaced. Returns the rows removed.

    Refused (French ``ErreurStockage``) when a later import already replaced its rows: undo that one first.
    """
    with ecriture(engine) as conn:
        ligne = conn.execute(select(ImportModel).where(ImportModel.id == import_id)).first()
        if ligne is None:
            raise ErreurStockage(f"L'import n° {import_id} n'existe pas.")
        if ligne.annule_le is not None:
            raise ErreurStockage(f"L'import n° {import_id} a déjà été annulé.")
        modele = TYPES_STOCKES[ligne.type_donnees].modele
        suivant = conn.execute(
            select(modele.remplace_par).where(modele.import_id == import_id, modele.remplace_par.is_not(None))
            .limit(1)
        ).scalar()
        if suivant is not None:
            raise ErreurStockage(
                f"L'import n° {import_id} a été remplacé depuis par l'import n° {suivant} : annulez d'abord "
                "celui-ci."
            )
        supprimees = conn.execute(delete(modele).where(modele.import_id == import_id)).rowcount
        conn.execute(update(modele).where(modele.remplace_par == import_id).values(remplace_par=None))
        conn.execute(
            update(ImportModel).where(ImportModel.id == import_id)
            .values(annule_le=maintenant_utc(), annule_par=utilisateur)
        )
    return supprimees


def load_imports(engine: Engine, site: str | None = None) -> pd.DataFrame:
    """The import journal, newest first."""
    requete = select(
        ImportModel.id, ImportModel.quand, ImportModel.utilisateur, ImportModel.site, ImportModel.type_donnees,
        ImportModel.fichier, ImportModel.sha256, ImportModel.periodes, ImportModel.ajoutees,
        ImportModel.remplacees, ImportModel.annule_le, ImportModel.annule_par,
    ).order_by(ImportModel.id.desc())
    if site is not None:
        requete = requete.where(ImportModel.site == site)
    with engine.connect() as conn:
        return pd.read_sql(requete, conn, parse_dates=["quand", "annule_le"])


def moment_dernier_import(engine: Engine, site: str, type_donnees: str) -> dt.datetime | None:
    """The moment (Paris time, naive) of the latest import of ``type_donnees`` for ``site`` that is not undone: when
    its content is known; None without any."""
    requete = select(func.max(ImportModel.quand)).where(
        ImportModel.site == site, ImportModel.type_donnees == type_donnees, ImportModel.annule_le.is_(None))
    with engine.connect() as conn:
        quand = conn.execute(requete).scalar()
    if quand is None:
        return None
    if isinstance(quand, str):  # SQLite without type information
        quand = dt.datetime.fromisoformat(quand)
    return quand.replace(tzinfo=dt.UTC).astimezone(ZoneInfo("Europe/Paris")).replace(tzinfo=None)


def date_dernier_import(engine: Engine, site: str, type_donnees: str) -> dt.date | None:
    """The day (Paris time) of the latest import of ``type_donnees`` for ``site`` that is not undone: the day its
    content is known (the journal's unanswered requests are judged at it); None without any."""
    moment = moment_dernier_import(engine, site, type_donnees)
    return None if moment is None else moment.date()


# --- reading data -----------------------------------------------------------------------------------------------

def load_donnees(
    engine: Engine, type_donnees: str, site: str | None = None, annees: Sequence[int] | None = None
) -> pd.DataFrame:
    """The active rows of one kind, with the columns of ARCHITECTURE.md (``site`` first), for sites and years."""
    type_stocke = TYPES_STOCKES[type_donnees]
    modele = type_stocke.modele
    colonnes = ["site", *type_stocke.colonnes]
    requete = select(*(getattr(modele, c) for c in colonnes), modele.id).where(modele.remplace_par.is_(None))
    if site is not None:
        requete = requete.where(modele.site == site)
    if annees is not None:
        requete = requete.where(modele.annee.in_(list(annees)))
    with engine.connect() as conn:
        cadre = pd.read_sql(requete.order_by(modele.id), conn)
    return _typer(cadre, type_stocke)


def _typer(cadre: pd.DataFrame, type_stocke: TypeStocke) -> pd.DataFrame:
    """Give a frame read from SQL the dtypes of the contract (dates, nullable integers, booleans)."""
    for colonne in (*type_stocke.dates, *type_stocke.horodatages):
        cadre[colonne] = pd.to_datetime(cadre[colonne]).astype("datetime64[ns]")
    for colonne in ("annee", "repondant", "engagement", "nombre"):
        if colonne in cadre:
            cadre[colonne] = cadre[colonne].astype("Int64")
    if "conforme" in cadre:
        cadre["conforme"] = cadre["conforme"].astype(bool)
    if "indisponibilite" in cadre:
        cadre["indisponibilite"] = cadre["indisponibilite"].astype("boolean")
    return cadre


def load_journal(engine: Engine, site: str, annees: Sequence[int] | None = None) -> pd.DataFrame:
    """The log of requests of a site (active rows), for some years of reception."""
    return load_donnees(engine, "journal", site, annees)


def compter_lignes(engine: Engine) -> dict[str, int]:
    """Rows per table: the simplest check that an operation changed nothing stored."""
    with engine.connect() as conn:
        return {
            table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables
        }


def contenu_tables(engine: Engine) -> dict[str, list[tuple]]:
    """Every table's rows, sorted: tests compare it before and after an operation that must change nothing."""
    with engine.connect() as conn:
        return {
            table.name: sorted((tuple(map(str, r)) for r in conn.execute(select(table))))
            for table in Base.metadata.sorted_tables
        }


def base_vide(engine: Engine) -> bool:
    """True when no site exists yet (first start)."""
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(SiteModel)).scalar_one() == 0


def annees_avec_donnees(engine: Engine, site: str) -> list[int]:
    """The years holding active data of any kind for ``site``, newest first (the pages' year selector)."""
    annees: set[int] = set()
    with engine.connect() as conn:
        for type_stocke in TYPES_STOCKES.values():
            modele = type_stocke.modele
            annees.update(a for (a,) in conn.execute(
                select(modele.annee).where(_actives(modele, site)).distinct()))
    return sorted(annees, reverse=True)

