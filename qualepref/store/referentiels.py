"""Referential versions the référent loaded: stored as plain data (JSON), dated and signed; the newest is current.

Loading a new version never removes the previous ones (history); the built-in file of a code stays what is used
until a version of that code is stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Engine, func, insert, select

from qualepref.store import ecriture
from qualepref.store.models import ReferentielVersionModel, maintenant_utc


@dataclass(frozen=True)
class VersionStockee:
    """One stored version: its row id (changes at every activation), code, labels, file, date, author, data."""

    id: int
    code: str
    titre: str
    version: str
    fichier: str
    charge_le: object
    charge_par: str
    contenu: str

    def brut(self) -> dict:
        """The referential's plain data."""
        return json.loads(self.contenu)


def save_version_referentiel(engine: Engine, brut: Mapping, fichier: str, par: str) -> int:
    """Store a new version (it becomes current for its code); the id of the stored row."""
    entete = brut["referentiel"]
    with ecriture(engine) as conn:
        resultat = conn.execute(insert(ReferentielVersionModel).values(
            code=entete["code"], titre=entete["titre"], version=entete["version"], fichier=fichier[:200],
            charge_le=maintenant_utc(), charge_par=par[:100],
            contenu=json.dumps(brut, ensure_ascii=False, sort_keys=True)))
        return int(resultat.inserted_primary_key[0])


def _version(ligne: object) -> VersionStockee:
    return VersionStockee(**{c: getattr(ligne, c) for c in VersionStockee.__dataclass_fields__})


def load_version_courante(engine: Engine, code: str) -> VersionStockee | None:
    """The newest stored version of ``code``; None when only the built-in file exists."""
    requete = select(ReferentielVersionModel).where(ReferentielVersionModel.code == code).order_by(
        ReferentielVersionModel.id.desc()).limit(1)
    with engine.connect() as conn:
        ligne = conn.execute(requete).first()
    return None if ligne is None else _version(ligne)


def load_ids_courants(engine: Engine) -> dict[str, int]:
    """Code → id of the current stored version, for every code with one (one short query: every page run asks)."""
    requete = select(ReferentielVersionModel.code, func.max(ReferentielVersionModel.id)).group_by(
        ReferentielVersionModel.code)
    with engine.connect() as conn:
        return {code: int(n) for code, n in conn.execute(requete)}


def load_version(engine: Engine, identifiant: int) -> VersionStockee | None:
    """The stored version with this id."""
    with engine.connect() as conn:
        ligne = conn.execute(select(ReferentielVersionModel).where(ReferentielVersionModel.id == identifiant)).first()
    return None if ligne is None else _version(ligne)


def load_historique_referentiels(engine: Engine) -> pd.DataFrame:
    """Every stored version, newest first: code, titre, version, fichier, charge_le, charge_par."""
    requete = select(ReferentielVersionModel.code, ReferentielVersionModel.titre, ReferentielVersionModel.version,
                     ReferentielVersionModel.fichier, ReferentielVersionModel.charge_le,
                     ReferentielVersionModel.charge_par).order_by(ReferentielVersionModel.id.desc())
    with engine.connect() as conn:
        return pd.read_sql(requete, conn)
