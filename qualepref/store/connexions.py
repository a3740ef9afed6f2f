"""Failed log-ins, per identifiant and client address (the store's side of ``qualepref.acces.connecter``).

An identifiant that names no account is counted exactly like one that does, so that neither the messages nor the
counts tell which accounts exist. The next state is computed by the caller (a pure function) from the row as it is
inside the write transaction, so that two attempts at once both count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, and_, delete, insert, or_, select, update

from qualepref.store import ecriture
from qualepref.store.models import TentativeConnexionModel as T

LONGUEUR_IDENTIFIANT = 100
LONGUEUR_ADRESSE = 64


@dataclass(frozen=True)
class Tentatives:
    """The failures of one (identifiant, adresse) pair: how many, the last one, and until when it must wait."""

    echecs: int = 0
    dernier_echec: dt.datetime | None = None
    bloque_jusqua: dt.datetime | None = None


def _cle(identifiant: str, adresse: str | None) -> tuple[str, str]:
    return identifiant[:LONGUEUR_IDENTIFIANT], (adresse or "")[:LONGUEUR_ADRESSE]


def load_tentatives(engine: Engine, identifiant: str, adresse: str | None) -> Tentatives:
    """The failures counted for ``identifiant`` from ``adresse`` (none: an empty ``Tentatives``)."""
    identifiant, adresse = _cle(identifiant, adresse)
    with engine.connect() as conn:
        ligne = conn.execute(select(T.echecs, T.dernier_echec, T.bloque_jusqua).where(
            T.identifiant == identifiant, T.adresse == adresse)).first()
    return Tentatives(*ligne) if ligne else Tentatives()


def compter_echec(
    engine: Engine, identifiant: str, adresse: str | None, suivant: Callable[[Tentatives], Tentatives],
    oublier_avant: dt.datetime,
) -> Tentatives:
    """Record one more failure: ``suivant`` turns the stored state into the new one (in the same transaction).
    Rows whose last failure is older than ``oublier_avant`` and that block nothing any more are dropped on the way,
    so typing random identifiants cannot grow the table without end. Returns the new state."""
    identifiant, adresse = _cle(identifiant, adresse)
    with ecriture(engine) as conn:
        conn.execute(delete(T).where(T.dernier_echec < oublier_avant,
                                     or_(T.bloque_jusqua.is_(None), T.bloque_jusqua < oublier_avant)))
        ligne = conn.execute(select(T.echecs, T.dernier_echec, T.bloque_jusqua).where(
            T.identifiant == identifiant, T.adresse == adresse).with_for_update()).first()
        nouveau = suivant(Tentatives(*ligne) if ligne else Tentatives())
        valeurs = {"echecs": nouveau.echecs, "dernier_echec": nouveau.dernier_echec,
                   "bloque_jusqua": nouveau.bloque_jusqua}
        if ligne:
            conn.execute(update(T).where(T.identifiant == identifiant, T.adresse == adresse).values(**valeurs))
        else:
            conn.execute(insert(T).values(identifiant=identifiant, adresse=adresse, **valeurs))
    return nouveau


def effacer_tentatives(engine: Engine, identifiant: str, adresse: str | None = None) -> int:
    """Forget the failures of ``identifiant`` from ``adresse`` (a successful log-in), or from every address (the
    référent unlocks the account). Returns how many rows went."""
    identifiant, adresse_cle = _cle(identifiant, adresse)
    condition = T.identifiant == identifiant
    if adresse is not None:
        condition = and_(condition, T.adresse == adresse_cle)
    with ecriture(engine) as conn:
        return conn.execute(delete(T).where(condition)).rowcount


def load_blocages(engine: Engine, maintenant: dt.datetime, echecs_min: int) -> pd.DataFrame:
    """The pairs still blocked at ``maintenant`` with at least ``echecs_min`` failures: identifiant, adresse,
    echecs, dernier_echec, bloque_jusqua (by identifiant, then address)."""
    requete = select(T.identifiant, T.adresse, T.echecs, T.dernier_echec, T.bloque_jusqua).where(
        T.bloque_jusqua > maintenant, T.echecs >= echecs_min).order_by(T.identifiant, T.adresse)
    with engine.connect() as conn:
        return pd.read_sql(requete, conn, parse_dates=["dernier_echec", "bloque_jusqua"])
