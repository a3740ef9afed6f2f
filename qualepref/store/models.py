"""SQLAlchemy models: the one place the database schema is written.

Every schema change goes through an Alembic migration (``qualepref/store/migrations``); a test checks that these
models and the migrated schema agree. Imported data rows carry the import that brought them (``import_id``), the
replacement key of their kind (``cle``) and, once a later import replaced them, that import (``remplace_par``):
replacing keeps the old rows, so undoing an import restores exactly what it replaced.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    """Declarative base of every table; constraints are named so that migrations can alter them on SQLite."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


def maintenant_utc() -> dt.datetime:
    """Now in UTC, without time zone: how every time is stored."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class SiteModel(Base):
    """A labelled (or candidate) site: préfecture or sous-préfecture, its zone, referential and perimeter."""

    __tablename__ = "sites"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    nom: Mapped[str] = mapped_column(String(200))
    type_site: Mapped[str] = mapped_column(String(30))
    cert: Mapped[bool] = mapped_column(Boolean, default=False)
    zone: Mapped[str] = mapped_column(String(30), default="metropole")
    referentiel: Mapped[str] = mapped_column(String(40), default="qualepref-2019")
    modules: Mapped[str] = mapped_column(String(100), default="1")
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    marge_proche: Mapped[float] = mapped_column(Float, default=5.0)
    code_postal: Mapped[str | None] = mapped_column(String(10), nullable=True)
    ville: Mapped[str | None] = mapped_column(String(100), nullable=True)
    code_sp: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # the weekdays its points d'accès numériques open, e.g. "lun,mar,mer,jeu,ven" (None: Monday to Friday, E15)
    jours_ouverture_pan: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # the engagements of its modules a sous-préfecture does not retain, e.g. "12,13" (chapter II: « les
    # engagements qui les concernent »); None: all of them
    engagements_exclus: Mapped[str | None] = mapped_column(String(400), nullable=True)
    # the day of its external audit, chosen on « Préparation de l'audit » (the COPIL screen names it); None: not set
    date_audit_externe: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    cree_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class ImportModel(Base):
    """The import journal: who imported which file, when, for which site and periods, with what effect."""

    __tablename__ = "imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"), index=True)
    type_donnees: Mapped[str] = mapped_column(String(30))
    fichier: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    utilisateur: Mapped[str] = mapped_column(String(100))
    quand: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)
    periodes: Mapped[str] = mapped_column(Text, default="")
    ajoutees: Mapped[int] = mapped_column(Integer, default=0)
    remplacees: Mapped[int] = mapped_column(Integer, default=0)
    annule_le: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    annule_par: Mapped[str | None] = mapped_column(String(100), nullable=True)


class _Donnee:
    """Columns every imported row has (mixin)."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(String(40), ForeignKey("sites.code", ondelete="CASCADE"))
    annee: Mapped[int] = mapped_column(Integer)
    cle: Mapped[str] = mapped_column(String(300))
    import_id: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("imports.id", ondelete="CASCADE"), nullable=True
    )
    remplace_par: Mapped[int | None] = mapped_column(
        Integer, ForeignKey("imports.id", ondelete="SET NULL"), nullable=True
    )


class JournalModel(_Donnee, Base):
    """One request of the log of courriers, courriels, réclamations... and its answer."""

    __tablename__ = "journal"
    __table_args__ = (Index("ix_journal_site_annee", "site", "annee"),)
    reference: Mapped[str] = mapped_column(String(100))
    canal: Mapped[str] = mapped_column(String(30))
    nature: Mapped[str] = mapped_column(String(40))
    date_reception: Mapped[dt.date] = mapped_column(Date)
    date_completude: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    date_reponse: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    type_reponse: Mapped[str | None] = mapped_column(String(20), nullable=True)
    service: Mapped[str | None] = mapped_column(String(200), nullable=True)
    # the natures the délais of chapter III date beyond a written answer (qualepref.etapes): which engagement the
    # row answers, the medium updated (mise à jour), the rendez-vous dates, the procedure (traitement)
    engagement: Mapped[int | None] = mapped_column(Integer, nullable=True)
    support: Mapped[str | None] = mapped_column(String(30), nullable=True)
    date_proposition: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    date_rendez_vous: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    indisponibilite: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    procedure: Mapped[str | None] = mapped_column(String(200), nullable=True)


class ValeurModel(_Donnee, Base):
    """A value of an indicator measured elsewhere (Indigo, telephony, web statistics...) for a period."""

    __tablename__ = "valeurs"
    __table_args__ = (Index("ix_valeurs_site_annee", "site", "annee"),)
    indicateur: Mapped[str] = mapped_column(String(60))
    periode: Mapped[str] = mapped_column(String(20))
    valeur: Mapped[float | None] = mapped_column(Float, nullable=True)
    numerateur: Mapped[float | None] = mapped_column(Float, nullable=True)
    denominateur: Mapped[float | None] = mapped_column(Float, nullable=True)
    commentaire: Mapped[str | None] = mapped_column(Text, nullable=True)


class EnqueteModel(_Donnee, Base):
    """One answer of one respondent to one question of a satisfaction survey."""

    __tablename__ = "enquete"
    __table_args__ = (Index("ix_enquete_site_annee", "site", "annee"),)
    repondant: Mapped[int] = mapped_column(Integer)
    question: Mapped[str] = mapped_column(String(300))
    theme: Mapped[str] = mapped_column(String(200))
    reponse: Mapped[str | None] = mapped_column(String(30), nullable=True)


class EnqueteAgregeeModel(_Donnee, Base):
    """Survey results already counted (or known only as a rate, like older years)."""

    __tablename__ = "enquete_agregee"
    __table_args__ = (Index("ix_enquete_agregee_site_annee", "site", "annee"),)
    theme: Mapped[str] = mapped_column(String(200))
    satisfaits: Mapped[float | None] = mapped_column(Float, nullable=True)
    exprimes: Mapped[float | None] = mapped_column(Float, nullable=True)
    taux: Mapped[float | None] = mapped_column(Float, nullable=True)


class MystereModel(_Donnee, Base):
    """One criterion checked by a mystery survey or call."""

    __tablename__ = "mystere"
    __table_args__ = (Index("ix_mystere_site_annee", "site", "annee"),)
    date: Mapped[dt.date] = mapped_column(Date)
    canal: Mapped[str] = mapped_column(String(30))
    critere: Mapped[str] = mapped_column(String(300))
    conforme: Mapped[bool] = mapped_column(Boolean)


class PlanModel(_Donnee, Base):
    """One action of the plan d'actions."""

    __tablename__ = "plan"
    __table_args__ = (Index("ix_plan_site_annee", "site", "annee"),)
    axe: Mapped[str] = mapped_column(String(300))
    thematique: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(Text)
    structure: Mapped[str | None] = mapped_column(String(200), nullable=True)
    pilote: Mapped[str | None] = mapped_column(String(200), nullable=True)
    echeance: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    statut: Mapped[str] = mapped_column(String(20))
    avancement: Mapped[float | None] = mapped_column(Float, nullable=True)
    engagement: Mapped[int | None] = mapped_column(Integer, nullable=True)


class PanModel(_Donnee, Base):
    """Attendance of a point d'accès numérique for a month and a démarche."""

    __tablename__ = "pan"
    __table_args__ = (Index("ix_pan_site_annee", "site", "annee"),)
    point: Mapped[str] = mapped_column(String(200))
    mois: Mapped[dt.date] = mapped_column(Date)
    demarche: Mapped[str] = mapped_column(String(200))
    nombre: Mapped[int] = mapped_column(Integer)


class AvisModel(_Donnee, Base):
    """One Services Publics+ avis and its answer."""

    __tablename__ = "avis"
    __table_args__ = (Index("ix_avis_site_annee", "site", "annee"),)
    date: Mapped[dt.date] = mapped_column(Date)
    structure: Mapped[str | None] = mapped_column(String(200), nullable=True)
    sujet: Mapped[str | None] = mapped_column(String(300), nullable=True)
    tonalite: Mapped[str] = mapped_column(String(20))
    date_reponse: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class CriseModel(_Donnee, Base):
    """One crisis of the crisis log (engagement 48): the COD's activation and the élus' information, date and time
    as typed (local time, not UTC: the délai is a difference of the two)."""

    __tablename__ = "crises"
    __table_args__ = (Index("ix_crises_site_annee", "site", "annee"),)
    evenement: Mapped[str] = mapped_column(String(300))
    activation: Mapped[dt.datetime] = mapped_column(DateTime)
    information: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class CibleModel(Base):
    """A site's own target for an indicator (else the referential's default applies)."""

    __tablename__ = "cibles"
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"), primary_key=True)
    indicateur: Mapped[str] = mapped_column(String(60), primary_key=True)
    cible: Mapped[float | None] = mapped_column(Float, nullable=True)
    valeur_initiale: Mapped[float | None] = mapped_column(Float, nullable=True)
    annee_initiale: Mapped[int | None] = mapped_column(Integer, nullable=True)
    annee_cible: Mapped[int | None] = mapped_column(Integer, nullable=True)
    modifie_par: Mapped[str | None] = mapped_column(String(100), nullable=True)
    modifie_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class PublicationModel(Base):
    """A dated, frozen snapshot of a site's results for a year or a quarter, as shown to the comité."""

    __tablename__ = "publications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"), index=True)
    periode: Mapped[str] = mapped_column(String(20))
    publie_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)
    publie_par: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    contenu: Mapped[str] = mapped_column(Text)


class TextesComiteModel(Base):
    """« Textes du comité » of a site and period: what only the référent knows, as JSON (qualepref.textes_comite),
    kept with that period's publication and read by the comité deck."""

    __tablename__ = "textes_comite"
    __table_args__ = (UniqueConstraint("site", "periode", name="uq_textes_comite_site_periode"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"))
    periode: Mapped[str] = mapped_column(String(20))
    contenu: Mapped[str] = mapped_column(Text)
    modifie_par: Mapped[str] = mapped_column(String(100))
    modifie_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class DelaiLocalModel(Base):
    """A délai the referential leaves to the site (« fixé localement » : 38.3, 52.2), per engagement and procedure
    (``procedure`` "" : every procedure without a délai of its own), in jours ouvrés."""

    __tablename__ = "delais_locaux"
    __table_args__ = (UniqueConstraint("site", "engagement", "procedure", name="uq_delais_locaux_site"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"))
    engagement: Mapped[int] = mapped_column(Integer)
    procedure: Mapped[str] = mapped_column(String(200))
    jours_ouvres: Mapped[int] = mapped_column(Integer)
    modifie_par: Mapped[str] = mapped_column(String(100))
    modifie_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class CompteModel(Base):
    """A local account: référent qualité, membre du COPIL or comité des usagers."""

    __tablename__ = "comptes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    identifiant: Mapped[str] = mapped_column(String(100), unique=True)
    email: Mapped[str | None] = mapped_column(String(200), nullable=True, unique=True)
    nom: Mapped[str | None] = mapped_column(String(200), nullable=True)
    role: Mapped[str] = mapped_column(String(20))
    mot_de_passe: Mapped[str | None] = mapped_column(String(200), nullable=True)
    doit_changer: Mapped[bool] = mapped_column(Boolean, default=False)
    actif: Mapped[bool] = mapped_column(Boolean, default=True)
    cree_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class SessionModel(Base):
    """A signed-in session: only the hash of its token is stored."""

    __tablename__ = "sessions"
    jeton_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    compte_id: Mapped[int] = mapped_column(ForeignKey("comptes.id", ondelete="CASCADE"))
    cree_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)
    expire_le: Mapped[dt.datetime] = mapped_column(DateTime)


class TentativeConnexionModel(Base):
    """Failed log-ins of one identifiant (known or not) from one client address: counted to slow down, then lock,
    that pair only (the same password from another address still goes through)."""

    __tablename__ = "tentatives_connexion"
    identifiant: Mapped[str] = mapped_column(String(100), primary_key=True)
    adresse: Mapped[str] = mapped_column(String(64), primary_key=True)
    echecs: Mapped[int] = mapped_column(Integer, default=0)
    dernier_echec: Mapped[dt.datetime] = mapped_column(DateTime)
    bloque_jusqua: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class PreuveModel(Base):
    """The state of one élément de preuve before the audit (présent, à mettre à jour, absent)."""

    __tablename__ = "preuves"
    __table_args__ = (UniqueConstraint("site", "element", name="uq_preuves_site_element"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"))
    element: Mapped[str] = mapped_column(String(100))
    etat: Mapped[str] = mapped_column(String(20), default="absent")
    commentaire: Mapped[str | None] = mapped_column(Text, nullable=True)
    lien: Mapped[str | None] = mapped_column(String(500), nullable=True)
    date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    modifie_par: Mapped[str | None] = mapped_column(String(100), nullable=True)
    modifie_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class SansObjetModel(Base):
    """An engagement or élément de preuve declared « sans objet » for a site (``objet``: ``engagement:46``,
    ``element:E7-1``), with the référent's reason; who and when (the change is journaled in ``modifications``)."""

    __tablename__ = "sans_objet"
    __table_args__ = (UniqueConstraint("site", "objet", name="uq_sans_objet_site_objet"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"))
    objet: Mapped[str] = mapped_column(String(100))
    raison: Mapped[str] = mapped_column(Text)
    modifie_par: Mapped[str] = mapped_column(String(100))
    modifie_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class CommentaireModel(Base):
    """A COPIL member's comment on a module, engagement or indicator for a year."""

    __tablename__ = "commentaires"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    site: Mapped[str] = mapped_column(ForeignKey("sites.code", ondelete="CASCADE"), index=True)
    annee: Mapped[int] = mapped_column(Integer)
    objet: Mapped[str] = mapped_column(String(100))
    texte: Mapped[str] = mapped_column(Text)
    auteur: Mapped[str] = mapped_column(String(100))
    quand: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)


class ModificationModel(Base):
    """The journal of edits made on a page (plan d'actions, targets...): who changed what, from what to what."""

    __tablename__ = "modifications"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    quand: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)
    utilisateur: Mapped[str] = mapped_column(String(100))
    site: Mapped[str | None] = mapped_column(String(40), nullable=True)
    objet: Mapped[str] = mapped_column(String(40))
    ligne: Mapped[str] = mapped_column(String(100))
    champ: Mapped[str] = mapped_column(String(60))
    avant: Mapped[str | None] = mapped_column(Text, nullable=True)
    apres: Mapped[str | None] = mapped_column(Text, nullable=True)


class ReferentielVersionModel(Base):
    """A version of a referential the référent loaded (a workbook): its plain data as JSON, when and by whom.

    The newest row of a code is the current version of that referential; older rows are kept (history).
    """

    __tablename__ = "referentiel_versions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(60), index=True)
    titre: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(200))
    fichier: Mapped[str] = mapped_column(String(200))
    charge_le: Mapped[dt.datetime] = mapped_column(DateTime, default=maintenant_utc)
    charge_par: Mapped[str] = mapped_column(String(100))
    contenu: Mapped[str] = mapped_column(Text)
