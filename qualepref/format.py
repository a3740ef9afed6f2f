"""Formatting for people: the one module that turns numbers and dates into French text.

``77,6 %``, ``1 433 825``, ``+15 points``, ``−0,4 point``, ``31/12/2023``. Numbers come from Babel's ``fr_FR``
locale (thousands separated by a narrow no-break space, decimal comma); a no-break space stands before ``%`` and
units so that a figure never breaks across lines. The minus sign is the true minus (U+2212). Pages, exports and
the command line all format through here; the core keeps full precision and rounds only here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

import pandas as pd
from babel.dates import format_date
from babel.numbers import format_decimal

LOCALE = "fr_FR"
ESPACE_INSECABLE = "\u00a0"
ESPACE_FINE = "\u202f"
MOINS = "\u2212"
NON_DISPONIBLE = "—"

MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def manquant(valeur: object) -> bool:
    """True for None, NaN, NA and NaT: they print as a dash, never as 'nan' (every module asks this one)."""
    if valeur is None:
        return True
    try:
        return bool(pd.isna(valeur))
    except (TypeError, ValueError):
        return False


def _arrondi(valeur: float, decimales: int) -> float:
    """Round half away from zero, as people and spreadsheets do (81,25 % → 81,3 %; Python's round() gives 81,2)."""
    quantum = Decimal(1).scaleb(-decimales)
    return float(Decimal(repr(valeur)).quantize(quantum, rounding=ROUND_HALF_UP))


def nombre(valeur: Real | None, decimales: int = 0) -> str:
    """``1433825`` → ``1 433 825``; ``2.5`` with one decimal → ``2,5`` (trailing zeros dropped)."""
    if manquant(valeur):
        return NON_DISPONIBLE
    arrondi = _arrondi(float(valeur), decimales)
    if arrondi == 0:
        arrondi = 0.0  # no "-0"
    motif = "#,##0" + ("." + "#" * decimales if decimales else "")
    texte = format_decimal(arrondi, format=motif, locale=LOCALE)
    return texte.replace("-", MOINS)


# Number formats of an office chart's labels that print as this module writes (« 96 % », « 77,6 % », « 6 140 »):
# French whatever the reader's suite (the « [$-40C] » locale, fr-FR), a rate's decimal only when it has one (as
# ``nombre`` drops trailing zeros: the figure is rounded first with ``arrondi``).
MOTIF_TAUX_BUREAUTIQUE = '[$-40C]General" %"'
MOTIF_COMPTE_BUREAUTIQUE = "[$-40C]#,##0"


def arrondi(valeur: Real | None, decimales: int = 1) -> float | None:
    """The figure as shown with ``decimales`` (half away from zero): what a chart is given, so its labels print the
    table's figure; None for a missing value."""
    if manquant(valeur):
        return None
    resultat = _arrondi(float(valeur), decimales)
    return 0.0 if resultat == 0 else resultat


def pourcentage(valeur: Real | None, decimales: int = 1) -> str:
    """A rate already in percent: ``77.6`` → ``77,6 %``, ``97.0`` → ``97 %``."""
    if manquant(valeur):
        return NON_DISPONIBLE
    return f"{nombre(valeur, decimales)}{ESPACE_INSECABLE}%"


def points(valeur: Real | None, decimales: int = 1) -> str:
    """A progression in percentage points: ``15`` → ``+15 points``, ``-0.4`` → ``−0,4 point``.

    French puts "point" in the singular below 2 (``+1 point``, ``−1,5 point``) and the plural from 2 on.
    """
    if manquant(valeur):
        return NON_DISPONIBLE
    arrondi = _arrondi(float(valeur), decimales)
    signe = "+" if arrondi > 0 else (MOINS if arrondi < 0 else "")
    unite = "point" if abs(arrondi) < 2 else "points"
    return f"{signe}{nombre(abs(arrondi), decimales)}{ESPACE_INSECABLE}{unite}"


def jours(valeur: Real | None, decimales: int = 1, unite: str = "jours ouvrés") -> str:
    """A délai: ``2.5`` → ``2,5 jours ouvrés``, ``1`` → ``1 jour ouvré``, ``0`` → ``0 jour ouvré``."""
    if manquant(valeur):
        return NON_DISPONIBLE
    texte = nombre(valeur, decimales)
    if abs(round(float(valeur), decimales)) < 2:
        unite = " ".join(mot[:-1] if mot.endswith("s") else mot for mot in unite.split(" "))
    return f"{texte}{ESPACE_INSECABLE}{unite}"


def ecart_jours(valeur: Real | None, decimales: int = 1) -> str:
    """A change of a délai, signed: ``-3`` → ``−3 jours``, ``0.5`` → ``+0,5 jour``."""
    if manquant(valeur):
        return NON_DISPONIBLE
    arrondi = _arrondi(float(valeur), decimales)
    signe = "+" if arrondi > 0 else (MOINS if arrondi < 0 else "")
    unite = "jour" if abs(arrondi) < 2 else "jours"
    return f"{signe}{nombre(abs(arrondi), decimales)}{ESPACE_INSECABLE}{unite}"


def date(valeur: dt.date | pd.Timestamp | None) -> str:
    """``jj/mm/aaaa``."""
    if manquant(valeur):
        return NON_DISPONIBLE
    return pd.Timestamp(valeur).strftime("%d/%m/%Y")


FUSEAU = "Europe/Paris"


def heure_locale(valeur: dt.datetime | pd.Timestamp) -> pd.Timestamp:
    """A moment stored in UTC (naive, as the store keeps them) in the préfecture's time (Paris)."""
    moment = pd.Timestamp(valeur)
    if moment.tzinfo is None:
        moment = moment.tz_localize("UTC")
    return moment.tz_convert(FUSEAU)


def date_du_moment(valeur: dt.datetime | pd.Timestamp | None) -> str:
    """The ``jj/mm/aaaa`` day, in Paris, of a moment stored in UTC (a publication, a comment)."""
    if manquant(valeur):
        return NON_DISPONIBLE
    return heure_locale(valeur).strftime("%d/%m/%Y")


def date_heure(valeur: dt.datetime | pd.Timestamp | None) -> str:
    """``jj/mm/aaaa à hh:mm`` in Paris time (moments are stored in UTC)."""
    if manquant(valeur):
        return NON_DISPONIBLE
    return heure_locale(valeur).strftime("%d/%m/%Y à %H:%M")


def date_et_heure(valeur: dt.datetime | pd.Timestamp | None) -> str:
    """``jj/mm/aaaa à hh:mm`` of a local moment as typed in a file (a crisis' activation): no time zone change."""
    if manquant(valeur):
        return NON_DISPONIBLE
    return pd.Timestamp(valeur).strftime("%d/%m/%Y à %H:%M")


def date_longue(valeur: dt.date) -> str:
    """``23 novembre 2026``."""
    return format_date(valeur, format="d MMMM y", locale=LOCALE)


def periode(code: str) -> str:
    """A period code for people: ``2023`` → ``2023``, ``2023-T2`` → ``2e trimestre 2023``, ``2023-05`` → ``mai 2023``,
    ``2023-05-12M`` → ``12 mois glissants jusqu'à mai 2023``."""
    if len(code) == 4:
        return code
    annee, reste = code[:4], code[5:]
    if reste.startswith("T"):
        rang = int(reste[1:])
        return f"{rang}{'er' if rang == 1 else 'e'} trimestre {annee}"
    mois = MOIS[int(reste[:2]) - 1]
    if reste.endswith("12M"):
        return f"12 mois glissants jusqu'à {mois} {annee}"
    return f"{mois} {annee}"


def periode_courte(code: str) -> str:
    """A period code for an axis: ``2023``, ``T2 2023``, ``mai 2023`` (``janv. 2023`` for the long months)."""
    if len(code) == 4:
        return code
    annee, reste = code[:4], code[5:]
    if reste.startswith("T"):
        return f"T{int(reste[1:])} {annee}"
    return f"{MOIS_COURTS[int(reste[:2]) - 1]} {annee}"


MOIS_COURTS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


_CLE_PERIODE = re.compile(r"(?<![\w-])(\d{4}(?:-T[1-4]|-\d{2}(?:-12M)?)?)(?![\w-])")


def resume_periodes(cles: str | None) -> str:
    """The periods an import replaced, in a few words: its stored keys (« 2026-01,2026-02,… », or
    « E10-APPELS|2026-T1,… », « 2024|thème,… ») as « janv. à nov. 2026 (11 mois) », « T1 à T3 2026
    (3 trimestres) », « 2026 »: the list itself, hundreds of codes long, reads nowhere."""
    if manquant(cles):
        return NON_DISPONIBLE
    periodes = sorted({trouve for trouve in _CLE_PERIODE.findall(str(cles))})
    if not periodes:
        return NON_DISPONIBLE
    if len(periodes) == 1:
        return periode(periodes[0])
    premiere, derniere = periode_courte(periodes[0]), periode_courte(periodes[-1])
    if periodes[0][:4] == periodes[-1][:4] and len(periodes[0]) > 4:  # one year: said once, at the end
        premiere = premiere.removesuffix(f" {periodes[0][:4]}")
    sortes = {"années" if len(p) == 4 else "trimestres" if "-T" in p else "mois" if len(p) == 7 else "périodes"
              for p in periodes}
    unite = sortes.pop() if len(sortes) == 1 else "périodes"
    return f"{premiere} à {derniere} ({len(periodes)} {unite})"


def duree_heures(valeur: Real | None) -> str:
    """A délai in hours as people say it, to the minute: « 55 min », « 1 h 05 » (E48: 0,911 h is 55 min)."""
    if manquant(valeur):
        return NON_DISPONIBLE
    minutes = int(_arrondi(float(valeur) * 60, 0))
    if minutes < 60:
        return f"{minutes}{ESPACE_INSECABLE}min"
    return f"{nombre(minutes // 60)}{ESPACE_INSECABLE}h{ESPACE_INSECABLE}{minutes % 60:02d}"


def valeur_unite(valeur: Real | None, unite: str) -> str:
    """A value with the unit the referential gives it: percent, jours ouvrés, hours and minutes, or a count."""
    if unite == "%":
        return pourcentage(valeur)
    if unite == "heures":
        return duree_heures(valeur)
    if unite.startswith("jour"):
        return jours(valeur, unite=unite)
    if manquant(valeur):
        return NON_DISPONIBLE
    decimales = 0 if float(valeur).is_integer() else 1
    suffixe = "" if unite in ("", "nombre") else f"{ESPACE_INSECABLE}{unite}"
    return nombre(valeur, decimales) + suffixe


def progression(valeur: Real | None, unite: str) -> str:
    """A year-over-year change: points for rates (and for a figure in points, the taux net), days for délais, a
    signed count with the unit the referential gives it otherwise (« −4,7 usagers par jour »)."""
    if unite in ("%", "points"):
        return points(valeur)
    if unite.startswith("jour"):
        return ecart_jours(valeur)
    if manquant(valeur):
        return NON_DISPONIBLE
    if unite == "heures":  # « +10 min », « −1 h 05 »
        return ("+" if valeur > 0 else "−" if valeur < 0 else "") + duree_heures(abs(float(valeur)))
    signe = "+" if valeur > 0 else ""
    suffixe = "" if unite in ("", "nombre") else f"{ESPACE_INSECABLE}{unite}"
    return signe + nombre(valeur, 0 if float(valeur).is_integer() else 1) + suffixe


def est_fini(valeur: object) -> bool:
    """True for a real, finite number (not NA, not infinite)."""
    return not manquant(valeur) and math.isfinite(float(valeur))


def normaliser_recherche(texte: str) -> str:
    """Lower case without accents and with folded spaces: how a search box compares texts."""
    sans_accents = unicodedata.normalize("NFKD", str(texte))
    sans_accents = "".join(c for c in sans_accents if not unicodedata.combining(c))
    return " ".join(sans_accents.replace("’", "'").lower().split())


MOTS_STATUT: dict[str, str] = {
    "atteint": "Atteint",
    "proche": "Proche",
    "non_atteint": "Non atteint",
    "non_mesure": "Non mesuré",
    "sans_cible": "Sans cible",
    "sans_indicateur": "Sans indicateur (preuves d'audit)",
}


def statut(code: str | None) -> str:
    """A status in words (the pages draw its colour and icon next to it: never an emoji, which a browser without
    an emoji font shows as an empty box)."""
    return MOTS_STATUT.get(code or "", code or NON_DISPONIBLE)


TYPES_SITE = {"prefecture": "Préfecture", "sous-prefecture": "Sous-préfecture"}


def type_site(code: str) -> str:
    """A site's type in words (« Sous-préfecture »), never its stored code."""
    return TYPES_SITE.get(code, code)


def oui_non(valeur: object) -> str:
    """A yes/no flag in words (« oui » / « non »), for tables where a tick box would be read as English."""
    return "oui" if bool(valeur) else "non"


def tableau(cadre: pd.DataFrame, formats: dict[str, object]) -> pd.DataFrame:
    """A copy of ``cadre`` whose columns are turned into French text by ``formats`` ({column: function}), for
    tables shown to people (pages) — the figures themselves stay in the core's frames."""
    copie = cadre.copy()
    for colonne, fonction in formats.items():
        if colonne in copie:
            copie[colonne] = copie[colonne].map(fonction)
    return copie


_CONTROLES = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NOMMES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def sur_une_ligne(texte: str, garder_sauts: bool = False) -> str:
    """``texte`` for a terminal: control characters (ESC, BEL, NUL...), line and paragraph separators and bidi
    overrides written as escapes (« \\x1b », « \\n », « \\u202e »), so that a value or a file name read from a file
    can neither drive the terminal nor forge a line of its own; everything else as given (« ..\\..\\ » too).
    ``garder_sauts`` keeps the line ends and tabs of a text whose values were already escaped one by one (the
    layout of a command's own output: « sites » separates its columns by tabs)."""
    def echapper(trouve: re.Match[str]) -> str:
        caractere = trouve[0]
        if garder_sauts and caractere in "\n\t":
            return caractere
        return _NOMMES.get(caractere) or (f"\\x{ord(caractere):02x}" if ord(caractere) < 0x100
                                          else f"\\u{ord(caractere):04x}")
    return _CONTROLES.sub(echapper, texte)
