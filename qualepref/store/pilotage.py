"""What the référent and the COPIL write on the pages: targets, publications, audit evidence, comments, plan edits.

Every function takes an engine; readers return frames, writers run one transaction (IMMEDIATE on SQLite) and
journal what changed where a page edits imported data.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

import pandas as pd
from sqlalchemy import Engine, delete, func, insert, select, update

from qualepref.store import ErreurStockage, ecriture
from qualepref.store.models import (
    CibleModel,
    CommentaireModel,
    ImportModel,
    ModificationModel,
    PlanModel,
    PreuveModel,
    PublicationModel,
    ReferentielVersionModel,
    SansObjetModel,
    SiteModel,
    TextesComiteModel,
    maintenant_utc,
)

ETATS_PREUVE: dict[str, str] = {"present": "Présent", "a_mettre_a_jour": "À mettre à jour", "absent": "Absent"}


# --- what changes a site's results -------------------------------------------------------------------------------

def version_donnees(engine: Engine, site: str) -> str:
    """A stamp that changes whenever a site's results may change (an import or its undoing, a plan edit, a target,
    a referential version loaded).

    Cached results are keyed by it, so an import made from the command line or by another référent shows on
    every page at once instead of when a cache expires.
    """
    requete = select(  # one statement: every page run asks
        select(func.max(ImportModel.id)).where(ImportModel.site == site).scalar_subquery(),
        select(func.max(ImportModel.annule_le)).where(ImportModel.site == site).scalar_subquery(),
        select(func.max(ModificationModel.id)).where(ModificationModel.site == site).scalar_subquery(),
        select(func.max(CibleModel.modifie_le)).where(CibleModel.site == site).scalar_subquery(),
        select(func.max(ReferentielVersionModel.id)).scalar_subquery(),  # a referential version loaded
    )
    with engine.connect() as conn:
        return "|".join(str(v) for v in conn.execute(requete).one())


# --- targets ----------------------------------------------------------------------------------------------------

def load_cibles(engine: Engine, site: str) -> pd.DataFrame:
    """The site's own targets: indicateur, cible, valeur_initiale, annee_initiale, annee_cible."""
    requete = select(CibleModel.indicateur, CibleModel.cible, CibleModel.valeur_initiale, CibleModel.annee_initiale,
                     CibleModel.annee_cible).where(CibleModel.site == site).order_by(CibleModel.indicateur)
    with engine.connect() as conn:
        cadre = pd.read_sql(requete, conn)
    return cadre.astype({"cible": "Float64", "valeur_initiale": "Float64", "annee_initiale": "Int64",
                         "annee_cible": "Int64"})


def save_cible(
    engine: Engine, site: str, indicateur: str, cible: float | None, utilisateur: str,
    valeur_initiale: float | None = None, annee_initiale: int | None = None, annee_cible: int | None = None,
) -> None:
    """Set (or, with ``cible=None`` and no initial value, remove) a site's own target; the change is journaled."""
    with ecriture(engine) as conn:
        avant = conn.execute(select(CibleModel.cible).where(
            CibleModel.site == site, CibleModel.indicateur == indicateur)).scalar()
        conn.execute(delete(CibleModel).where(CibleModel.site == site, CibleModel.indicateur == indicateur))
        if cible is not None or valeur_initiale is not None:
            conn.execute(insert(CibleModel).values(
                site=site, indicateur=indicateur, cible=cible, valeur_initiale=valeur_initiale,
                annee_initiale=annee_initiale, annee_cible=annee_cible, modifie_par=utilisateur,
                modifie_le=maintenant_utc()))
        _journaliser(conn, utilisateur, site, "cible", indicateur, "cible", avant, cible)


# --- publications -----------------------------------------------------------------------------------------------

def publier(engine: Engine, site: str, periode: str, contenu: Mapping, utilisateur: str,
            note: str | None = None) -> int:
    """Freeze a dated snapshot of results (a JSON-able mapping) for the comité; returns its number.

    Later imports never change a snapshot: the référent republishes, and the newest snapshot is shown with its date
    and note.
    """
    texte = json.dumps(contenu, ensure_ascii=False, default=str, allow_nan=False)
    with ecriture(engine) as conn:
        return conn.execute(insert(PublicationModel).values(
            site=site, periode=periode, contenu=texte, publie_par=utilisateur, note=note or None,
            publie_le=maintenant_utc()).returning(PublicationModel.id)).scalar_one()


def save_textes_comite(engine: Engine, site: str, periode: str, textes: Mapping[str, str], utilisateur: str) -> None:
    """Store the « Textes du comité » of a site and period (replacing the previous ones), in one transaction."""
    contenu = json.dumps(dict(textes), ensure_ascii=False)
    with ecriture(engine) as conn:
        conn.execute(delete(TextesComiteModel).where(TextesComiteModel.site == site,
                                                     TextesComiteModel.periode == periode))
        conn.execute(insert(TextesComiteModel).values(site=site, periode=periode, contenu=contenu,
                                                      modifie_par=utilisateur, modifie_le=maintenant_utc()))


def load_textes_comite(engine: Engine, site: str, periode: str) -> dict[str, str] | None:
    """The « Textes du comité » of a site and period as stored (field → text), or None when none were typed."""
    with engine.connect() as conn:
        contenu = conn.execute(select(TextesComiteModel.contenu).where(
            TextesComiteModel.site == site, TextesComiteModel.periode == periode)).scalar_one_or_none()
    if contenu is None:
        return None
    donnees = json.loads(contenu)
    return {str(k): str(v) for k, v in donnees.items()} if isinstance(donnees, dict) else None


def load_publications(engine: Engine, site: str | None = None) -> pd.DataFrame:
    """Every publication (without its content), newest first: id, site, periode, publie_le, publie_par, note."""
    requete = select(PublicationModel.id, PublicationModel.site, PublicationModel.periode, PublicationModel.publie_le,
                     PublicationModel.publie_par, PublicationModel.note).order_by(PublicationModel.id.desc())
    if site is not None:
        requete = requete.where(PublicationModel.site == site)
    with engine.connect() as conn:
        return pd.read_sql(requete, conn, parse_dates=["publie_le"])


def load_publication(engine: Engine, site: str, periode: str) -> dict | None:
    """The newest published snapshot of a site and period, with ``publie_le``, ``note`` and how many versions
    came before (``versions``), or None when nothing is published."""
    with engine.connect() as conn:
        lignes = conn.execute(select(PublicationModel).where(
            PublicationModel.site == site, PublicationModel.periode == periode)
            .order_by(PublicationModel.id.desc())).all()
    if not lignes:
        return None
    derniere = lignes[0]
    return {"contenu": json.loads(derniere.contenu), "publie_le": derniere.publie_le, "note": derniere.note,
            "publie_par": derniere.publie_par, "versions": len(lignes), "id": derniere.id}


def sites_publies(engine: Engine) -> list[str]:
    """Codes of the sites that have published something (what an anonymous reader may choose from)."""
    with engine.connect() as conn:
        return sorted({s for (s,) in conn.execute(select(PublicationModel.site))})


def periodes_publiees(engine: Engine, site: str) -> list[str]:
    """The periods of a site that have at least one publication, newest first."""
    with engine.connect() as conn:
        return sorted({p for (p,) in conn.execute(select(PublicationModel.periode).where(
            PublicationModel.site == site))}, reverse=True)


# --- audit evidence -------------------------------------------------------------------------------------------

def load_preuves(engine: Engine, site: str) -> pd.DataFrame:
    """The recorded state of each élément de preuve: element, etat, commentaire, lien, date, modifie_par, modifie_le."""
    requete = select(PreuveModel.element, PreuveModel.etat, PreuveModel.commentaire, PreuveModel.lien,
                     PreuveModel.date, PreuveModel.modifie_par, PreuveModel.modifie_le).where(PreuveModel.site == site)
    with engine.connect() as conn:
        cadre = pd.read_sql(requete, conn)
    cadre["date"] = pd.to_datetime(cadre["date"])
    return cadre


def save_preuves(engine: Engine, site: str, lignes: pd.DataFrame, utilisateur: str) -> int:
    """Record states of éléments de preuve (columns element, etat, commentaire, lien, date); returns rows changed."""
    inconnus = sorted(set(lignes["etat"]) - set(ETATS_PREUVE))
    if inconnus:
        raise ValueError(f"État inconnu : {', '.join(inconnus)} (états admis : {', '.join(ETATS_PREUVE.values())}).")
    modifiees = 0
    with ecriture(engine) as conn:
        for ligne in lignes.to_dict("records"):
            valeurs = {"etat": ligne["etat"], "commentaire": _texte(ligne.get("commentaire")),
                       "lien": _texte(ligne.get("lien")), "date": _date(ligne.get("date")),
                       "modifie_par": utilisateur, "modifie_le": maintenant_utc()}
            conn.execute(delete(PreuveModel).where(PreuveModel.site == site, PreuveModel.element == ligne["element"]))
            conn.execute(insert(PreuveModel).values(site=site, element=ligne["element"], **valeurs))
            modifiees += 1
    return modifiees


# --- « sans objet » -------------------------------------------------------------------------------------------

def load_sans_objet(engine: Engine, site: str) -> pd.DataFrame:
    """The site's declarations « sans objet »: objet, raison, modifie_par, modifie_le (qualepref.sans_objet)."""
    requete = select(SansObjetModel.objet, SansObjetModel.raison, SansObjetModel.modifie_par,
                     SansObjetModel.modifie_le).where(SansObjetModel.site == site).order_by(SansObjetModel.objet)
    with engine.connect() as conn:
        return pd.read_sql(requete, conn, parse_dates=["modifie_le"])


def declarer_sans_objet(engine: Engine, site: str, objet: str, raison: str | None, utilisateur: str) -> None:
    """Declare ``objet`` sans objet with ``raison`` (checked first by ``sans_objet.verifier``), or withdraw the
    declaration (``raison`` None); the change is journaled (who, when, the reason before and after)."""
    with ecriture(engine) as conn:
        avant = conn.execute(select(SansObjetModel.raison).where(
            SansObjetModel.site == site, SansObjetModel.objet == objet)).scalar()
        if avant == raison:
            return
        conn.execute(delete(SansObjetModel).where(SansObjetModel.site == site, SansObjetModel.objet == objet))
        if raison is not None:
            conn.execute(insert(SansObjetModel).values(site=site, objet=objet, raison=raison, modifie_par=utilisateur,
                                                       modifie_le=maintenant_utc()))
        _journaliser(conn, utilisateur, site, "sans_objet", objet, "raison", avant, raison)


# --- a sous-préfecture's engagements ----------------------------------------------------------------------------

def save_engagements_exclus(engine: Engine, site: str, exclus: tuple[int, ...], utilisateur: str) -> None:
    """Store the engagements of its modules a sous-préfecture does not retain (checked first by
    ``sites.choisir_engagements``); journaled (who, when, before and after), which also moves ``version_donnees``."""
    apres = ",".join(str(e) for e in sorted(exclus)) or None
    with ecriture(engine) as conn:
        avant = conn.execute(select(SiteModel.engagements_exclus).where(SiteModel.code == site)).scalar()
        if avant == apres:
            return
        conn.execute(update(SiteModel).where(SiteModel.code == site).values(engagements_exclus=apres))
        _journaliser(conn, utilisateur, site, "site", site, "engagements_exclus", avant, apres)


# --- the audit's date -------------------------------------------------------------------------------------------

def load_date_audit(engine: Engine, site: str) -> dt.date | None:
    """The day of the site's external audit, when the référent has set it (None otherwise, or for no such site)."""
    with engine.connect() as conn:
        return _date(conn.execute(select(SiteModel.date_audit_externe).where(SiteModel.code == site)).scalar())


def save_date_audit(engine: Engine, site: str, jour: dt.date | None, utilisateur: str) -> None:
    """Set (or, with None, clear) the day of the site's external audit; journaled (who, when, before and after),
    which also moves ``version_donnees``. Nothing is written when the day is unchanged."""
    with ecriture(engine) as conn:
        avant = _date(conn.execute(select(SiteModel.date_audit_externe).where(SiteModel.code == site)).scalar())
        if avant == jour:
            return
        if conn.execute(select(SiteModel.code).where(SiteModel.code == site)).first() is None:
            raise ErreurStockage(f"Le site « {site} » n'existe pas.")
        conn.execute(update(SiteModel).where(SiteModel.code == site).values(date_audit_externe=jour))
        _journaliser(conn, utilisateur, site, "site", site, "date_audit_externe", avant, jour)


# --- comments -------------------------------------------------------------------------------------------------

def ajouter_commentaire(engine: Engine, site: str, annee: int, objet: str, texte: str, auteur: str) -> None:
    """A COPIL comment on a module, engagement or indicator (``objet`` such as "module:1", "indicateur:CODE")."""
    if not texte.strip():
        raise ValueError("Le commentaire est vide.")
    with ecriture(engine) as conn:
        conn.execute(insert(CommentaireModel).values(site=site, annee=annee, objet=objet, texte=texte.strip(),
                                                     auteur=auteur, quand=maintenant_utc()))


def load_commentaires(engine: Engine, site: str, annee: int) -> pd.DataFrame:
    """Comments of a site and year, newest first: objet, texte, auteur, quand."""
    requete = select(CommentaireModel.objet, CommentaireModel.texte, CommentaireModel.auteur, CommentaireModel.quand)\
        .where(CommentaireModel.site == site, CommentaireModel.annee == annee).order_by(CommentaireModel.id.desc())
    with engine.connect() as conn:
        return pd.read_sql(requete, conn, parse_dates=["quand"])


# --- plan d'actions edits -------------------------------------------------------------------------------------

CHAMPS_PLAN = ("axe", "thematique", "action", "structure", "pilote", "echeance", "statut", "avancement", "engagement")


def modifier_plan(engine: Engine, site: str, modifications: Mapping[int, Mapping[str, object]],
                  utilisateur: str) -> int:
    """Apply edits made in the plan d'actions table ({row id: {field: new value}}); every change is journaled."""
    champs_inconnus = {c for champs in modifications.values() for c in champs} - set(CHAMPS_PLAN)
    if champs_inconnus:
        raise ValueError(f"Champ non modifiable : {', '.join(sorted(champs_inconnus))}.")
    changements = 0
    with ecriture(engine) as conn:
        for ligne_id, champs in modifications.items():
            avant = conn.execute(select(PlanModel).where(PlanModel.id == ligne_id, PlanModel.site == site)).first()
            if avant is None:
                raise ErreurStockage(f"L'action n° {ligne_id} n'existe plus : rechargez la page.")
            valeurs = {c: _date(v) if c == "echeance" else v for c, v in champs.items()}
            conn.execute(update(PlanModel).where(PlanModel.id == ligne_id).values(**valeurs))
            for champ, valeur in valeurs.items():
                _journaliser(conn, utilisateur, site, "plan", str(ligne_id), champ, getattr(avant, champ), valeur)
                changements += 1
    return changements


def load_modifications(engine: Engine, site: str | None = None, objet: str | None = None) -> pd.DataFrame:
    """The journal of page edits, newest first: quand, utilisateur, objet, ligne, champ, avant, apres."""
    requete = select(ModificationModel.quand, ModificationModel.utilisateur, ModificationModel.site,
                     ModificationModel.objet, ModificationModel.ligne, ModificationModel.champ,
                     ModificationModel.avant, ModificationModel.apres).order_by(ModificationModel.id.desc())
    if site is not None:
        requete = requete.where(ModificationModel.site == site)
    if objet is not None:
        requete = requete.where(ModificationModel.objet == objet)
    with engine.connect() as conn:
        return pd.read_sql(requete, conn, parse_dates=["quand"])


def _journaliser(conn, utilisateur: str, site: str, objet: str, ligne: str, champ: str,  # noqa: ANN001
                 avant: object, apres: object) -> None:
    conn.execute(insert(ModificationModel).values(
        quand=maintenant_utc(), utilisateur=utilisateur, site=site, objet=objet, ligne=ligne, champ=champ,
        avant=None if _vide(avant) else str(avant), apres=None if _vide(apres) else str(apres)))


def _vide(valeur: object) -> bool:
    return valeur is None or (not isinstance(valeur, str) and bool(pd.isna(valeur)))


def _texte(valeur: object) -> str | None:
    return None if _vide(valeur) or not str(valeur).strip() else str(valeur).strip()


def _date(valeur: object) -> dt.date | None:
    return None if _vide(valeur) else pd.Timestamp(valeur).date()

