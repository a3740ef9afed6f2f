"""The délais a referential leaves to the site (« fixé localement » : 38.3, 52.2), per engagement and procedure.

The référent sets them on the Sites page or with ``python -m qualepref delai-local``; ``qualepref.etapes`` reads
them to judge the « Traitement de dossier » rows of the journal. ``procedure`` "" is the délai of every procedure
of that engagement without a délai of its own.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Connection, Engine, delete, insert, select, update

from qualepref.store import ecriture
from qualepref.store.models import DelaiLocalModel, ModificationModel, maintenant_utc

COLONNES = ["site", "engagement", "procedure", "jours_ouvres", "modifie_par", "modifie_le"]


def load_delais_locaux(engine: Engine, site: str | None = None) -> pd.DataFrame:
    """The local délais (``COLONNES``), of one site or all, by site, engagement and procedure."""
    m = DelaiLocalModel
    requete = select(*(getattr(m, c) for c in COLONNES)).order_by(m.site, m.engagement, m.procedure)
    if site is not None:
        requete = requete.where(m.site == site)
    with engine.connect() as conn:
        cadre = pd.read_sql(requete, conn)
    cadre["engagement"] = cadre["engagement"].astype("int64")
    cadre["jours_ouvres"] = cadre["jours_ouvres"].astype("int64")
    return cadre[COLONNES]


def save_delai_local(engine: Engine, site: str, engagement: int, procedure: str, jours_ouvres: int,
                     utilisateur: str) -> None:
    """Set (or replace) a site's local délai for an engagement and a procedure ("" : every procedure), journaled
    as a modification so that the site's results are computed again."""
    procedure = (procedure or "").strip()
    m = DelaiLocalModel
    with ecriture(engine) as conn:
        existant = conn.execute(select(m.id, m.jours_ouvres).where(
            m.site == site, m.engagement == engagement, m.procedure == procedure)).first()
        valeurs = {"jours_ouvres": int(jours_ouvres), "modifie_par": utilisateur, "modifie_le": maintenant_utc()}
        if existant is None:
            conn.execute(insert(m).values(site=site, engagement=engagement, procedure=procedure,
                                                     **valeurs))
        else:
            conn.execute(update(m).where(m.id == existant.id).values(**valeurs))
        _journaliser(conn, site, engagement, procedure, None if existant is None else existant.jours_ouvres,
                     int(jours_ouvres), utilisateur)


def delete_delai_local(engine: Engine, site: str, engagement: int, procedure: str, utilisateur: str) -> bool:
    """Remove a local délai (the default applies again); False when there was none."""
    procedure = (procedure or "").strip()
    m = DelaiLocalModel
    with ecriture(engine) as conn:
        existant = conn.execute(select(m.id, m.jours_ouvres).where(
            m.site == site, m.engagement == engagement, m.procedure == procedure)).first()
        if existant is None:
            return False
        conn.execute(delete(m).where(m.id == existant.id))
        _journaliser(conn, site, engagement, procedure, existant.jours_ouvres, None, utilisateur)
    return True


def _journaliser(conn: Connection, site: str, engagement: int, procedure: str, avant: int | None,
                 apres: int | None, utilisateur: str) -> None:
    """One modification row: it moves the site's data version (``pilotage.version_donnees``)."""
    conn.execute(insert(ModificationModel).values(
        utilisateur=utilisateur, site=site, objet="delai_local",
        ligne=f"engagement {engagement} : {procedure or 'toutes procédures'}"[:100], champ="jours_ouvres",
        avant=None if avant is None else str(avant), apres=None if apres is None else str(apres)))
