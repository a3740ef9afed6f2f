"""What every page shares: the engine, the signed-in account, session keys, selectors, the error guard.

This is the thin Streamlit shell (not a page: app.py never lists it). Session-state and widget keys are constants
here, never strings scattered over pages. Cached loaders take everything that changes their answer as arguments
(database URL, site, year, role, published flag) and never read ``st.session_state`` inside.
"""

from __future__ import annotations

import contextlib
import logging
import re
import threading
from collections.abc import Iterator

import streamlit as st
from sqlalchemy import Engine
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner_utils.exceptions import ScriptControlException

from qualepref.acces import Compte, ReglesConnexion, assurer_compte_referent, fermer_session, verifier_session
from qualepref.config import Config, charger_config
from qualepref.serveur import (
    COOKIE_NAVIGATEUR,
    COOKIE_SESSION,
    EN_TETE_REMISE,
    REMISES,
    ROUTE_SESSION,
    TELECHARGEMENTS,
)

journal = logging.getLogger("qualepref")


class Cle:
    """Session-state keys."""

    JETON = "qualepref_jeton"
    SITE = "qualepref_site"
    ANNEE = "qualepref_annee"
    ANALYSE = "qualepref_analyse"
    VIENT_DE_SE_CONNECTER = "qualepref_vient_de_se_connecter"
    ANNONCE = "qualepref_annonce"
    REMISE = "qualepref_remise"  # the single-use code the page's script trades for the session cookie
    EFFACER_COOKIE = "qualepref_effacer_cookie"
    SANS_COOKIE = "qualepref_sans_cookie"  # logged out: the cookie this websocket opened with is not read again
    SEANCE_ETAPE = "qualepref_seance_etape"
    EXAMEN_REFERENTIEL = "qualepref_examen_referentiel"
    SANS_OBJET_FAIT = "qualepref_sans_objet_fait"  # the audit page's last declaration, said after its rerun


class Widget:
    """Widget keys (also used by tests to find widgets)."""

    CONNEXION_IDENTIFIANT = "w_connexion_identifiant"
    CONNEXION_MOT_DE_PASSE = "w_connexion_mdp"
    CONNEXION_VALIDER = "w_connexion_valider"
    NOUVEAU_MOT_DE_PASSE = "w_nouveau_mdp"
    SITE = "w_site"
    ANNEE = "w_annee"
    RECHERCHE_REFERENTIEL = "w_recherche_referentiel"
    REFERENTIEL_VERSION = "w_referentiel_version"
    SITE_CODE = "w_site_code"
    SITE_NOM = "w_site_nom"
    SITE_TYPE = "w_site_type"
    SITE_CERT = "w_site_cert"
    SITE_ZONE = "w_site_zone"
    SITE_REFERENTIEL = "w_site_referentiel"
    SITE_MODULES = "w_site_modules"
    SITE_JOURS_PAN = "w_site_jours_pan"
    SITE_ENREGISTRER = "w_site_enregistrer"
    SITE_ENGAGEMENTS = "w_site_engagements"  # + "_<site>_<module>": the engagements a sous-préfecture retains
    SITE_ENGAGEMENTS_ENREGISTRER = "w_site_engagements_enregistrer"
    SITE_DELAI_ENGAGEMENT = "w_site_delai_engagement"  # the local délais (38.3, 52.2): engagement, procedure...
    SITE_DELAI_PROCEDURE = "w_site_delai_procedure"
    SITE_DELAI_JOURS = "w_site_delai_jours"
    SITE_DELAI_ENREGISTRER = "w_site_delai_enregistrer"
    SITE_DELAI_RETIRER = "w_site_delai_retirer"
    SITE_MODIFIER = "w_site_modifier"
    SITE_SUPPRIMER_DEMO = "w_site_supprimer_demo"
    IMPORT_ANNULER = "w_import_annuler"
    IMPORT_ANNULER_VALIDER = "w_import_annuler_valider"
    COMPTE_IDENTIFIANT = "w_compte_identifiant"
    COMPTE_ROLE = "w_compte_role"
    COMPTE_EMAIL = "w_compte_email"
    COMPTE_CREER = "w_compte_creer"
    COMPTE_DESACTIVER = "w_compte_desactiver"
    AUDIT_DATE = "w_audit_date"
    AUDIT_EDITEUR = "w_audit_editeur"
    AUDIT_ENREGISTRER = "w_audit_enregistrer"
    AUDIT_SANS_OBJET_CHOIX = "w_audit_sans_objet_choix"
    AUDIT_SANS_OBJET_RAISON = "w_audit_sans_objet_raison"
    AUDIT_SANS_OBJET_DECLARER = "w_audit_sans_objet_declarer"
    AUDIT_SANS_OBJET_RETIRER = "w_audit_sans_objet_retirer"
    PLAN_EDITEUR = "w_plan_editeur"
    PLAN_ENREGISTRER = "w_plan_enregistrer"
    PLAN_STRUCTURE = "w_plan_structure"
    PLAN_PILOTE = "w_plan_pilote"
    MODULE = "w_module"
    ENGAGEMENT = "w_engagement"
    CIBLE_INDICATEUR = "w_cible_indicateur"
    CIBLE_VALEUR = "w_cible_valeur"
    CIBLE_ENREGISTRER = "w_cible_enregistrer"
    CIBLE_INITIALE = "w_cible_initiale"
    CIBLE_ANNEE_INITIALE = "w_cible_annee_initiale"
    CIBLE_ANNEE = "w_cible_annee"
    COMMENTAIRE = "w_commentaire"
    COMMENTAIRE_AJOUTER = "w_commentaire_ajouter"
    PERIODE_PUBLIEE = "w_periode_publiee"
    PUBLIER_TRIMESTRE = "w_publier_trimestre"
    PUBLIER_NOTE = "w_publier_note"
    PUBLIER = "w_publier"
    PUBLIER_SITE = "w_publier_site"
    PUBLIER_ANNEE = "w_publier_annee"
    TEXTES_PERIODE = "w_textes_periode"
    TEXTES_CHAMP = "w_textes_"  # + field name, site and period (qualepref.textes_comite.CHAMPS)
    TEXTES_ENREGISTRER = "w_textes_enregistrer"
    COMPTE_DESACTIVER_VALIDER = "w_compte_desactiver_valider"
    COMPTE_DEBLOQUER = "w_compte_debloquer"
    COMPTE_DEBLOQUER_VALIDER = "w_compte_debloquer_valider"
    DECONNEXION = "w_deconnexion"
    CONNEXION_SSO = "w_connexion_sso"
    EXPORT = "w_export"
    MOT_DE_PASSE_CHANGER = "w_mot_de_passe_changer"
    IMPORT_TYPE = "w_import_type"
    IMPORT_FICHIER = "w_import_fichier"
    IMPORT_ANNEE = "w_import_annee"
    IMPORT_REMPLACER = "w_import_remplacer"
    IMPORT_CONFIRMER = "w_import_confirmer"
    IMPORT_MODELE = "w_import_modele"
    SEANCE_PRECEDENT = "w_seance_precedent"
    SEANCE_SUIVANT = "w_seance_suivant"
    CHARGER_REFERENTIEL_CODE = "w_charger_referentiel_code"
    CHARGER_REFERENTIEL_MODELE = "w_charger_referentiel_modele"
    CHARGER_REFERENTIEL_FICHIER = "w_charger_referentiel_fichier"
    CHARGER_REFERENTIEL_ACTIVER = "w_charger_referentiel_activer"


# Every ASCII punctuation character, written as a numeric character reference: CommonMark never reads one as
# structure (no link, emphasis, heading, quote, list, table, HTML tag), and unlike a backslash escape it also keeps
# GFM from turning a bare address (``http://…``, ``www.…``, ``a@b.fr``) into a link and Streamlit from reading its
# own extensions (``:red[…]``, ``:material/…:``, ``$…$``).
_PONCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_FINS_DE_LIGNE = re.compile(r"\r\n?|[\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLES = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")
# GFM links bare addresses after parsing, in the decoded text (``https?://``, ``www.``, ``…@domaine.fr``): an
# invisible word joiner (U+2060) after each colon, before each at sign and inside ``www.`` keeps that from matching.
_ADRESSES_NUES = re.compile(r"(?<=:)|(?=@)|(?<=www)(?=\.)", re.IGNORECASE)


def texte(valeur: object, lignes: bool = False) -> str:
    """A value typed by a person or read from a file (a name, a comment, a cell), made safe to put inside the
    Markdown of any Streamlit element (``st.markdown``, alerts, captions, titles, labels): it shows as the very
    characters typed, never as a link, an image, bold, a heading, a quote or HTML.

    ``lignes``: keep the value's line breaks (as hard breaks inside one paragraph, so a line can never start a
    heading, a quote or a list); otherwise they become spaces (for a name or a cell quoted in a sentence).
    Every page uses it on every such value (issue 14 §1; tests/pages/test_texte.py and tests/e2e/test_texte.py).
    """
    if valeur is None:
        return ""
    brut = _ADRESSES_NUES.sub("\u2060", _CONTROLES.sub("", str(valeur)))
    morceaux = [_PONCTUATION.sub(lambda m: f"&#{ord(m.group())};", ligne).strip()
                for ligne in _FINS_DE_LIGNE.split(brut)]
    if lignes:  # a hard break ends every line; an empty line stays empty (a new paragraph)
        return "\n".join(f"{m}  " if m and i < len(morceaux) - 1 else m for i, m in enumerate(morceaux))
    return " ".join(m for m in morceaux if m)


def config() -> Config:
    """The app's settings (config.toml and the environment)."""
    return charger_config()


@st.cache_resource(show_spinner=False)
def _moteur(url: str) -> Engine:
    """The engine, made once per database URL (migrations applied; first start creates the référent account)."""
    from qualepref.store import creer_moteur

    moteur = creer_moteur(url)
    mot_de_passe = assurer_compte_referent(moteur)
    if mot_de_passe:
        print(  # noqa: T201 - the one-time password is meant for the terminal of whoever started the app
            "\n=== qualepref : premier démarrage ===\n"
            f"Compte « referent » créé. Mot de passe à usage unique : {mot_de_passe}\n"
            "Il devra être changé à la première connexion.\n", flush=True,
        )
    return moteur


def moteur() -> Engine:
    """The store's engine for the configured database."""
    return _moteur(config().url_base)


def regles_connexion() -> ReglesConnexion:
    """Log-in rules from config.toml."""
    c = config()
    return ReglesConnexion(c.echecs_avant_ralentissement, c.echecs_avant_verrouillage,
                           c.duree_verrouillage_minutes, c.duree_session_minutes)


# What the page run under way has already checked. A script thread runs one page run at a time; app.py checks the
# account afresh at the start of every run (``compte_courant(verifier=True)``), and the page it then runs, with its
# loaders, reuses that answer instead of asking the database again and again within the same run.
_EXECUTION = threading.local()


def compte_courant(verifier: bool = False) -> Compte | None:
    """The signed-in account: a live session token, or the single sign-on user mapped to a role.

    ``verifier``: check it against the database now (app.py does at the start of every run); otherwise the answer
    this run already got for the same token or user is reused.
    """
    if sso_configure():
        email = st.user.get("email") if getattr(st.user, "is_logged_in", False) else None
        identite = str(email) if email else None
    else:
        identite = st.session_state.get(Cle.JETON) or jeton_du_cookie()
    deja = getattr(_EXECUTION, "compte", None)
    if not verifier and deja is not None and deja[0] == identite:
        return deja[1]
    compte = _verifier_compte(identite)
    _EXECUTION.compte = (identite, compte)
    return compte


def jeton_du_cookie() -> str | None:
    """The session token of the cookie the browser sent when this page was loaded (a reload keeps you signed in);
    None once this browser tab logged out. The store decides whether it is still alive."""
    if st.session_state.get(Cle.SANS_COOKIE):
        return None
    return _cookie(COOKIE_SESSION)


def _cookie(nom: str) -> str | None:
    """A cookie the browser sent with this page (None without one, as under AppTest, which has no browser)."""
    valeur = st.context.cookies.get(nom)
    return valeur if isinstance(valeur, str) and valeur else None


def garder_la_session(jeton: str) -> None:
    """After a log-in: the session is this tab's at once, and the browser's (cookie) once the page's script has
    traded the single-use code for it (``relayer_le_cookie``, qualepref.serveur)."""
    st.session_state[Cle.JETON] = jeton
    st.session_state[Cle.REMISE] = REMISES.deposer(jeton)
    st.session_state.pop(Cle.SANS_COOKIE, None)


def oublier_la_session() -> None:
    """Log out: the token (this tab's and the cookie's) is closed in the store and the cookie erased."""
    for jeton in {st.session_state.pop(Cle.JETON, None), jeton_du_cookie()} - {None}:
        fermer_session(moteur(), jeton)
    st.session_state.pop(Cle.REMISE, None)
    st.session_state[Cle.SANS_COOKIE] = True
    st.session_state[Cle.EFFACER_COOKIE] = True


def relayer_le_cookie() -> None:
    """Ask the browser to set (after a log-in) or erase (after a log-out) the session cookie. The page script runs
    over a websocket, which cannot set cookies: a few lines of JavaScript call the route ``/_qualepref/session``
    with the single-use code in a header (never in a URL); its answer sets or erases the HttpOnly cookie."""
    code = st.session_state.get(Cle.REMISE)
    if code and not REMISES.en_attente(code):
        st.session_state.pop(Cle.REMISE, None)
        code = None
    methode = "POST" if code else "DELETE" if st.session_state.pop(Cle.EFFACER_COOKIE, False) else None
    if methode is None:
        return
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    adresse = (f"/{base}" if base else "") + ROUTE_SESSION
    with st.sidebar:
        st.html(f"<script>fetch({adresse!r}, {{method: {methode!r}, credentials: 'same-origin', cache: 'no-store', "
                f"headers: {{{EN_TETE_REMISE!r}: {(code or '1')!r}}}}});</script>", unsafe_allow_javascript=True)


def _verifier_compte(identite: str | None) -> Compte | None:
    """Ask the database: the account of a live session token, or of a single sign-on e-mail."""
    if not identite:
        return None
    if sso_configure():
        from qualepref.acces import compte_par_email

        return compte_par_email(moteur(), identite)
    return verifier_session(moteur(), identite)


def sso_configure() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section (OpenID Connect, e.g. ProConnect)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        return False


def role_courant() -> str | None:
    """The role of the signed-in account, or None for an anonymous reader."""
    compte = compte_courant()
    return compte.role if compte else None


def exiger(droit: str) -> Compte:
    """Stop the page unless the signed-in account has ``droit`` (defence in depth behind the navigation), and
    while its one-time password is not changed yet."""
    compte = compte_courant()
    if compte is None or not compte.peut(droit):
        st.error("Vous n'avez pas accès à cette page.")
        st.stop()
    if doit_changer_mot_de_passe(compte):
        st.error("Changez d'abord votre mot de passe provisoire (page « Mon compte »).")
        st.stop()
    return compte


def doit_changer_mot_de_passe(compte: Compte | None) -> bool:
    """True while a local account still has its one-time password (first start or ``compte-ajouter``): only the
    « Mon compte » page opens until it is changed. Single sign-on accounts have no password of ours."""
    return compte is not None and compte.doit_changer and not sso_configure()


def adresse_client() -> str | None:
    """The client's address for this run (``st.context.ip_address``: None on the loopback, or behind a proxy that
    does not forward it): log-in failures are counted per identifiant and address. Anything but text (AppTest
    has no client) counts as no address."""
    adresse = st.context.ip_address
    return adresse if isinstance(adresse, str) and adresse else None


@contextlib.contextmanager
def garde() -> Iterator[None]:
    """Run a page body; any failure becomes a French message (details go to the server log, never the page).

    It also keeps Streamlit from treating ``pages/`` as a legacy multipage directory: Streamlit decides that once,
    before ``app.py`` ever runs, so a first request for a page URL (and every ``AppTest`` run) would execute the
    page alone, outside the navigation built by role. The first guarded script to run turns that mode off and
    reruns, so ``app.py`` (and its ``st.navigation``) always decides which page runs.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
    try:
        yield
    except ScriptControlException:  # st.stop(), st.rerun(), st.switch_page(): not errors
        raise
    except Exception:  # noqa: BLE001 - no user ever sees a traceback
        journal.exception("Erreur dans une page")
        st.error(
            "Une erreur inattendue empêche d'afficher cette page. Rien n'a été modifié. Réessayez ; si le "
            "problème persiste, prévenez le référent qualité (le détail est dans le journal du serveur)."
        )


@st.cache_resource(show_spinner="Préparation des données de démonstration…")
def _premier_demarrage(url: str, demo: bool) -> bool:
    """On a first start with an empty database, load the demonstration data (once per process)."""
    from qualepref.store import base_vide

    if demo and base_vide(_moteur(url)):
        from qualepref.imports.demo import charger_demo

        charger_demo(_moteur(url))
        return True
    return False


def preparer_premier_demarrage() -> None:
    """Load the demonstration data on first start when config.toml asks for it."""
    c = config()
    _premier_demarrage(c.url_base, c.demo_au_premier_demarrage)


def bandeau_demo() -> None:
    """Say "Données de démonstration" on every page while demonstration sites exist."""
    from qualepref.sites import sites_de_demonstration

    if sites_de_demonstration(moteur()):
        st.info("**Données de démonstration** : les chiffres affichés sont fictifs. Le référent qualité les "
                "supprime en un clic depuis la page Sites.", icon=":material/science:")


def annoncer_et_recharger(texte: str) -> None:
    """Show ``texte`` as a success message on the next run, and rerun now (for writes that change the banner or
    the navigation, such as removing the demonstration data)."""
    st.session_state[Cle.ANNONCE] = texte
    st.rerun()


def afficher_annonce() -> None:
    """The success message left by ``annoncer_et_recharger``, once."""
    texte = st.session_state.pop(Cle.ANNONCE, None)
    if texte:
        st.success(texte)


def choisir_site(sites: list, aide: str | None = None, cle: str | None = None):  # noqa: ANN201 - a Site
    """The site selector (remembered for the session); None when there is no site. ``cle``: the widget key when a
    page needs a second selector."""
    if not sites:
        return None
    codes = [s.code for s in sites]
    par_code = {s.code: s for s in sites}
    precedent = st.session_state.get(Cle.SITE)
    code = st.selectbox("Site", codes, index=codes.index(precedent) if precedent in codes else 0,
                        format_func=lambda c: f"{par_code[c].nom} ({c})", key=cle or Widget.SITE, help=aide)
    st.session_state[Cle.SITE] = code
    return par_code[code]


def choisir_annee(annees: list[int]) -> int | None:
    """The year selector (remembered for the session), newest first; None when there is no year."""
    if not annees:
        return None
    annees = sorted(set(annees), reverse=True)
    precedente = st.session_state.get(Cle.ANNEE)
    annee = st.selectbox("Année", annees, index=annees.index(precedente) if precedente in annees else 0,
                         key=Widget.ANNEE)
    st.session_state[Cle.ANNEE] = annee
    return annee


def choisir_site_et_annee():  # noqa: ANN201 - (Site, int | None)
    """The site and year selectors side by side, as every page of one site-year shows them. Stops the page with the
    way forward when no site is declared yet; the year is None when the site holds no data."""
    from qualepref.store import load_sites

    gauche, droite = st.columns(2)
    with gauche:
        site = choisir_site(load_sites(moteur()))
    if site is None:
        st.info("Aucun site n'est encore déclaré : commencez par la page « Sites ».")
        st.stop()
    with droite:
        annee = choisir_annee(annees(site.code))
    return site, annee


# --- cached loaders: everything that changes the answer is an argument (URL, site, period, role, published) ----

@st.cache_data(show_spinner="Calcul des résultats…", ttl=3600, max_entries=64)
def _resultats_brouillon(url: str, site: str, annee: int, role: str, publie_seulement: bool, jour: str,
                         version: str):
    """Live (draft) results: refused to any role that may not read drafts, and never for the published view.
    ``version`` (``store.pilotage.version_donnees``) changes with every write, so a new import shows at once."""
    import datetime as dt

    from qualepref.acces import peut
    from qualepref.referentiels_en_place import referentiel_en_place
    from qualepref.resultats import resultats_site
    from qualepref.store import get_site

    if publie_seulement or not peut(role, "lire_brouillon"):
        raise PermissionError("Les résultats non publiés ne sont pas accessibles à ce rôle.")
    objet = get_site(_moteur(url), site)
    return resultats_site(_moteur(url), referentiel_en_place(_moteur(url), objet.referentiel), objet, annee,
                          dt.date.fromisoformat(jour))


@st.cache_data(show_spinner="Chargement des résultats publiés…", ttl=3600, max_entries=64)
def _resultats_publies(url: str, site: str, periode: str, role: str | None, publie_seulement: bool):
    """Published results only (a frozen snapshot); the same for every role."""
    from qualepref.publication import resultats_publies

    if not publie_seulement:
        raise ValueError("Ce chargeur ne sert que les résultats publiés.")
    return resultats_publies(_moteur(url), site, periode)


@st.cache_data(show_spinner=False, ttl=3600, max_entries=256)
def _annees(url: str, site: str, version: str) -> list[int]:
    """The years holding data for ``site``; ``version`` (``store.pilotage.version_donnees``) changes with every
    write, so a new year shows at once."""
    from qualepref.resultats import annees_disponibles

    return annees_disponibles(_moteur(url), site)


def annees(site: str) -> list[int]:
    """The years holding data of any kind for ``site``, newest first (the pages' year selector): read once per
    state of the site's data rather than on every run of every page (bench/charge.py)."""
    from qualepref.store.pilotage import version_donnees

    return _annees(config().url_base, site, version_donnees(moteur(), site))


def resultats(site: str, annee: int):  # noqa: ANN201 - Resultats
    """The live results of a site and year for the signed-in role (drafts: référent and COPIL only)."""
    import datetime as dt

    from qualepref.store.pilotage import version_donnees

    return _resultats_brouillon(config().url_base, site, annee, role_courant() or "", False,
                                dt.date.today().isoformat(), version_donnees(moteur(), site))


def resultats_publies(site: str, periode: str):  # noqa: ANN201
    """The published snapshot of a site and period, whoever reads it: (Resultats, facts) or None."""
    return _resultats_publies(config().url_base, site, periode, role_courant(), True)


def bouton_export(format_export: str, r, site, faits: dict | None = None,  # noqa: ANN001
                  libelle: str | None = None) -> None:
    """A download button for one export of the registry, built only when clicked (deferred data).

    The comité's exports (``publie_seulement``) need the facts of a publication, so they can only be fed the
    published snapshot the page shows; the bilan annuel takes the live results of the référent and the COPIL.
    """
    from qualepref.exports import REGISTRY, nom_fichier

    export = REGISTRY[format_export]
    if export.publie_seulement and faits is None:
        raise PermissionError("Cet export ne se fait qu'à partir de résultats publiés.")
    periode = faits["periode"] if faits else str(r.annee)
    arguments = (r, site, faits) if faits is not None else (r, site)
    bouton_telechargement(libelle or export.libelle_pour(periode), lambda: export.construire(*arguments), mime=export.mime,
                          file_name=nom_fichier(format_export, site.code, periode),
                          key=f"{Widget.EXPORT}_{format_export}_{periode}")


def bouton_telechargement(libelle: str, donnees, **options) -> None:  # noqa: ANN001, ANN003 - bytes or a builder
    """``st.download_button`` whose file only this browser can fetch: Streamlit serves downloads at ``/media/…``
    URLs open to anyone who has them; qualepref.serveur answers them only for bytes registered here for this
    browser's cookie. ``donnees``: bytes, or a function building them when clicked (deferred)."""
    navigateur = _cookie(COOKIE_NAVIGATEUR)
    if callable(donnees):
        construire = donnees

        def donnees() -> bytes:
            contenu = construire()
            TELECHARGEMENTS.autoriser(contenu, navigateur)
            return contenu
    else:
        TELECHARGEMENTS.autoriser(donnees, navigateur)
    st.download_button(libelle, data=donnees, **{"on_click": "ignore", **options})


def vider_caches() -> None:
    """After a write (import, publication, target...), drop cached results so every page reads fresh data."""
    st.cache_data.clear()


def marque_statut(code: str | None) -> None:
    """A status as a coloured badge with its icon and word (drawn by the app: never an emoji)."""
    from qualepref import format as fmt
    from qualepref.copil import MARQUES_STATUT

    couleur, icone = MARQUES_STATUT.get(code or "", ("gray", "help"))
    st.badge(fmt.statut(code), icon=f":material/{icone}:", color=couleur)
