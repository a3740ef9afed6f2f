"""Problems and the vectorised conversion of spreadsheet columns (text, codes, dates, months, numbers, periods).

Every converter works on the column's DISTINCT values (``pandas.factorize``), then maps the results back to the
rows: a 200 000-row journal holds a few hundred distinct dates and five canals, so parsing costs nothing per row.
A converter returns the converted values and, per row, the French message of the problem found there (None where
the cell is fine); ``Lieu.problemes`` turns those messages into ``Probleme`` objects that name file, sheet, row
(as Excel numbers it, header and title rows counted), column and value.

Messages are stable: tests here and in the bad-input corpus pin them.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from qualepref.enquetes import normaliser_libelle
from qualepref.format import nombre as nombre_fr

ORIGINE_EXCEL = pd.Timestamp("1899-12-30")
ANNEE_MIN, ANNEE_MAX = 2000, 2100
MOIS_FR = {"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8,
           "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
           "janv": 1, "fevr": 2, "fev": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
ESPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
# Literal characters (not « \s »): pandas then runs the regex in pyarrow instead of Python, row by row.
BLANCS_SIMPLES = " \t\r\n\f\v\u00a0\u202f\u2009\u2007"
BLANCS = f"[{BLANCS_SIMPLES}]+"
# characters nobody sees, pasted with a header or a label: zero-width spaces and joiners, BOM, soft hyphen
_INVISIBLES = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_PARENTHESE_FINALE = re.compile(r"\s*\([^()]*\)\s*$")
_DATE_TEXTE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T]\d{1,2}[:h]\d{2}(?::\d{2})?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_HEURE = re.compile(r"(\d[\d/.-]*\d)(?:[ T]+|\s+à\s+)(\d{1,2})\s*(?:[:h]\s*(\d{2})?(?::(\d{2})(?:[.,]\d+)?)?)"
                    r"\s*(?:Z|[+-]\d{2}:?\d{2})?")
_FORMATS_DATE = ("%d/%m/%Y", "%Y-%m-%d", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y")


# --- problems -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Probleme:
    """One problem found in a file: where it is (as the user sees it in Excel) and what is wrong, in French.

    ``bloquant``: a blocking error stores nothing; a warning (False) is shown and the user decides.
    """

    fichier: str
    feuille: str | None
    ligne: int | None
    colonne: str | None
    valeur: str | None
    message: str
    bloquant: bool = True

    @property
    def texte(self) -> str:
        """One French sentence: ``journal.xlsx, feuille « Journal », ligne 7, colonne « Canal » : message``.

        A CSV file has no sheet: the place is then the file, the row and the column only.
        """
        lieu = [self.fichier]
        if self.feuille:
            lieu.append(f"feuille « {self.feuille} »")
        if self.ligne is not None:
            lieu.append(f"ligne {self.ligne}")
        if self.colonne:
            lieu.append(f"colonne « {self.colonne} »")
        return ", ".join(lieu) + " : " + self.message


@dataclass
class Lieu:
    """Where the rows being checked come from: file, sheet, the header of each column as the file writes it, the
    columns the file has and the cells already reported as unreadable (not reported again as missing)."""

    fichier: str
    feuille: str | None = None
    entetes: dict[str, str] = field(default_factory=dict)
    lues: set[str] = field(default_factory=set)  # the columns the file has
    illisibles: dict[str, set[int]] = field(default_factory=dict)  # column → rows whose cell could not be read

    def probleme(self, message: str, ligne: int | None = None, colonne: str | None = None,
                 valeur: object = None, bloquant: bool = True) -> Probleme:
        """A problem here; ``colonne`` is the internal column name (its header in the file is shown)."""
        entete = self.entetes.get(colonne, colonne) if colonne else None
        return Probleme(self.fichier, self.feuille, ligne, entete, None if valeur is None else afficher(valeur),
                        message, bloquant)

    def problemes(self, messages: pd.Series, lignes: pd.Series, colonne: str | None, valeurs: pd.Series | None = None,
                  bloquant: bool = True) -> list[Probleme]:
        """One problem per row whose message is not missing (``messages`` aligned with ``lignes``)."""
        masque = messages.notna().to_numpy()
        if not masque.any():
            return []
        indices = np.flatnonzero(masque)
        textes = messages.to_numpy()[indices]
        numeros = lignes.to_numpy()[indices]
        vals = valeurs.to_numpy()[indices] if valeurs is not None else [None] * len(indices)
        return [self.probleme(str(t), int(n), colonne, v, bloquant) for t, n, v in zip(textes, numeros, vals,
                                                                                        strict=True)]

    def masque(self, masque: pd.Series | np.ndarray, lignes: pd.Series, colonne: str | None,
               message: Callable[[int], str] | str, valeurs: pd.Series | None = None,
               bloquant: bool = True) -> list[Probleme]:
        """One problem per row where ``masque`` is true; ``message`` is a text or a function of the row position."""
        indices = np.flatnonzero(np.asarray(masque, dtype=bool))
        numeros = lignes.to_numpy()
        vals = valeurs.to_numpy() if valeurs is not None else None
        return [self.probleme(message(i) if callable(message) else message, int(numeros[i]), colonne,
                              None if vals is None else vals[i], bloquant) for i in indices]


# --- showing values ---------------------------------------------------------------------------------------------

def afficher(valeur: object) -> str:
    """A cell value as the user typed or sees it: dates jj/mm/aaaa, numbers with a decimal comma, text stripped."""
    if valeur is None or (isinstance(valeur, float) and math.isnan(valeur)) or valeur is pd.NaT:
        return ""
    if isinstance(valeur, (pd.Timestamp, dt.datetime)):
        return valeur.strftime("%d/%m/%Y") if (valeur.hour, valeur.minute) == (0, 0) else \
            valeur.strftime("%d/%m/%Y %H:%M")
    if isinstance(valeur, dt.date):
        return valeur.strftime("%d/%m/%Y")
    if isinstance(valeur, (bool, np.bool_)):
        return "VRAI" if valeur else "FAUX"
    if isinstance(valeur, (float, np.floating)):
        return str(int(valeur)) if float(valeur).is_integer() else repr(float(valeur)).replace(".", ",")
    texte = str(valeur).strip()
    return texte if len(texte) <= 80 else texte[:77] + "…"


def nombre_lu(valeur: float, limite: float | None = None) -> str:
    """A number read from the file, for a message: French style (``format.nombre``: thousands separated by a narrow
    no-break space, decimal comma, true minus sign), two decimals at most; more when two would show the very
    ``limite`` it crosses (« 100,004 % », not « 100 % », above 100 %)."""
    decimales = 2
    while limite is not None and decimales < 6 and round(float(valeur), decimales) == limite:
        decimales += 1
    return nombre_fr(float(valeur), decimales)


def date_fr(valeur: object) -> str:
    """A date as jj/mm/aaaa."""
    return pd.Timestamp(valeur).strftime("%d/%m/%Y")


def normaliser(texte: object) -> str:
    """A label or header reduced for matching: case, accents, apostrophes, spaces, a trailing unit « (%) »,
    a trailing colon or star ignored (« Avancement (%) », « DATE DE RÉCEPTION : » → « avancement »,
    « date de reception »)."""
    reduit = normaliser_libelle(_INVISIBLES.sub("", str(texte)) if isinstance(texte, str) else texte)
    reduit = _PARENTHESE_FINALE.sub("", reduit)
    return reduit.rstrip(" :*.").strip()


# --- distinct values --------------------------------------------------------------------------------------------

def _est_vide(v: object) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)) or (
        isinstance(v, str) and not v.strip())


def _vides_parmi(uniques: np.ndarray) -> np.ndarray:
    """Which distinct values are empty (missing, or text made of blanks only), without a Python loop over text."""
    objets = pd.Series(uniques, dtype=object)
    vides = objets.isna().to_numpy(copy=True)
    textes = objets.map(type).eq(str).to_numpy()
    if textes.any():
        vides[textes] = (objets[textes].astype("str").str.strip() == "").to_numpy()
    return vides


def par_uniques(serie: pd.Series, fonction: Callable[[list], tuple[object, list]]) -> tuple[pd.Series, pd.Series]:
    """Apply ``fonction`` to the distinct non-empty values of ``serie`` and map the results back to the rows.

    ``fonction`` receives the distinct values (a list) and returns (converted values as a list or a typed array,
    messages or None), one each. Empty cells (None, NaN, blank text) give a missing value and no message.
    """
    codes, uniques = pd.factorize(serie, use_na_sentinel=True)
    vides_u = _vides_parmi(np.asarray(uniques, dtype=object))
    remise = np.full(len(uniques) + 1, -1, dtype=np.intp)
    remise[np.flatnonzero(~vides_u)] = np.arange(int((~vides_u).sum()))
    lignes = remise[codes]  # the sentinel -1 picks the last slot: -1 again
    a_convertir = [v for v, vide in zip(uniques, vides_u, strict=True) if not vide]
    if not a_convertir:
        rien = pd.Series(None, index=serie.index, dtype=object)
        return rien, rien.copy()
    resultats, messages = fonction(a_convertir)
    if isinstance(resultats, np.ndarray):
        valeurs = pd.api.extensions.take(resultats, lignes, allow_fill=True)
    else:  # a typed array of the distinct results (str, Int64, boolean...), then one take: no Python per row
        valeurs = pd.array(list(resultats)).take(lignes, allow_fill=True)
    textes = pd.api.extensions.take(_objets(list(messages)), lignes, allow_fill=True, fill_value=None)
    return pd.Series(valeurs, index=serie.index), pd.Series(textes, index=serie.index, dtype=object)


def _objets(valeurs: list) -> np.ndarray:
    tableau = np.empty(len(valeurs), dtype=object)
    tableau[:] = valeurs
    return tableau


# --- converters: each returns (values, messages) aligned with the column ---------------------------------------

def texte(serie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Free text, blanks (also no-break) stripped at both ends; numbers written without a useless « ,0 », dates as
    jj/mm/aaaa. Never a problem. Vectorised over the rows (a Référence column has as many distinct values as rows)."""
    objets = serie
    if serie.dtype == object:
        autres = (serie.notna() & serie.map(type).ne(str)).to_numpy()
        if autres.any():
            objets = serie.copy()
            objets[autres] = serie[autres].map(afficher)
    propres = objets.astype("str").str.strip(BLANCS_SIMPLES)
    return propres.where(objets.notna() & (propres != "")), pd.Series(None, index=serie.index, dtype=object)


def message_code_inconnu(valeur: object, admises: Iterable[str]) -> str:
    """The message of a value outside a list."""
    return f"valeur « {afficher(valeur)} » inconnue (valeurs admises : {', '.join(admises)})."


def code(serie: pd.Series, correspondances: Mapping[str, object], admises: Iterable[str]) -> tuple[pd.Series,
                                                                                                     pd.Series]:
    """A coded column: each label (normalised) looked up in ``correspondances``; unknown labels are problems."""
    admises = tuple(admises)

    def convertir(valeurs: list) -> tuple[list, list]:
        trouves = [correspondances.get(normaliser(v)) for v in valeurs]
        return trouves, [None if t is not None else message_code_inconnu(v, admises)
                         for t, v in zip(trouves, valeurs, strict=True)]
    return par_uniques(serie, convertir)


def _date_d_un_objet(v: object) -> tuple[pd.Timestamp | None, str | None]:
    """One distinct cell as a date (midnight) or the reason it is not one."""
    if isinstance(v, (dt.datetime, dt.date)):
        if not ANNEE_MIN <= v.year <= ANNEE_MAX:
            return None, message_hors_plage(v)
        return pd.Timestamp(v).normalize(), None
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
        return _serie_excel(float(v), v)
    if isinstance(v, str):
        return _date_texte(v.strip())
    return None, message_date_illisible(v)


def message_date_illisible(v: object) -> str:
    """The message of a cell that is no date."""
    return f"date illisible « {afficher(v)} » (formats admis : jj/mm/aaaa, aaaa-mm-jj ou date Excel)."


def _serie_excel(nombre: float, brut: object) -> tuple[pd.Timestamp | None, str | None]:
    """An Excel serial number (days since 30/12/1899) as a date."""
    if not (1 <= nombre < 2_958_466):
        return None, message_date_illisible(brut)
    return (ORIGINE_EXCEL + pd.Timedelta(days=math.floor(nombre))), None


def _sans_heure(t: str) -> str | None:
    """The date part of a date written with a time (« 2024-01-05 14:30 », « 2024-01-05T14:30:00.000 »,
    « 05/01/2024 14h30 », « 05/01/2024 à 14 h »): the day counts, the time is checked then dropped. None when the
    text holds no time, or an impossible one (25:00)."""
    trouve = _HEURE.fullmatch(t)
    if trouve is None:
        return None
    heure, minute, seconde = int(trouve[2]), int(trouve[3] or 0), int(trouve[4] or 0)
    return trouve[1] if heure < 24 and minute < 60 and seconde < 60 else None


def _dans_la_plage(jour: pd.Timestamp | None, brut: object) -> tuple[pd.Timestamp | None, str | None]:
    """A day within the years an import accepts, else the « hors plage » message (31/12/9999, 01/01/0001)."""
    if jour is None or ANNEE_MIN <= jour.year <= ANNEE_MAX:
        return jour, None
    return None, message_hors_plage(brut)


def message_hors_plage(brut: object) -> str:
    """A date outside the years an import accepts."""
    return f"date hors plage « {afficher(brut)} » (attendue entre {ANNEE_MIN} et {ANNEE_MAX})."


def _date_texte(t: str) -> tuple[pd.Timestamp | None, str | None]:
    """A date typed as text: jj/mm/aaaa (also with - or .), aaaa-mm-jj, an optional time, or a serial number."""
    if (jour := _sans_heure(t)) is not None:
        lu, message = _date_texte(jour)
        return lu, (message if lu is not None or message is None or "hors plage" in message else
                    message.replace(f"« {jour} »", f"« {t} »"))
    for fmt in _FORMATS_DATE:
        try:
            lu = dt.datetime.strptime(t, fmt)
        except ValueError:
            continue
        return _dans_la_plage(pd.Timestamp(lu).normalize(), t)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return _serie_excel(float(t.replace(",", ".")), t)
    if (trouvee := _DATE_TEXTE.match(t)) and (mois_d_abord := _mois_d_abord(t, trouvee)):
        return None, mois_d_abord
    if _DATE_TEXTE.match(t) or _DATE_ISO.match(t):
        return None, f"date impossible « {t} » (ce jour n'existe pas dans le calendrier)."
    return None, message_date_illisible(t)


def _mois_d_abord(t: str, trouvee: re.Match) -> str | None:
    """The message of a date written month first (« 01/31/2024 », as American exports do): no such month in
    jj/mm/aaaa, but a real day once day and month are swapped. None otherwise (« 31/02/2024 » is impossible)."""
    premier, second, annee = int(trouvee[1]), int(trouvee[2]), trouvee[3]
    if second <= 12 or not 1 <= premier <= 12:
        return None
    try:
        dt.datetime.strptime(f"{second}/{premier}/{annee}", "%d/%m/%Y" if len(annee) == 4 else "%d/%m/%y")
    except ValueError:
        return None
    return (f"date « {t} » illisible en jj/mm/aaaa (il n'y a pas de mois {second}) : écrite le mois d'abord ? "
            f"Écrivez {second:02d}/{premier:02d}/{annee}.")


def _jours(valeurs: list) -> tuple[pd.Series, list]:
    """Distinct cells as days (``datetime64[ns]`` at midnight, NaT where not a date) and their messages.

    Fast paths first: Excel date cells in one ``to_datetime``, text jj/mm/aaaa in one formatted ``to_datetime``;
    what remains (other text formats, serial numbers, mistakes) goes one distinct value at a time.
    """
    objets = pd.Series(valeurs, dtype=object)
    types = objets.map(type)
    jours = pd.Series(pd.NaT, index=objets.index, dtype="datetime64[ns]")
    faits = types.isin((dt.date, dt.datetime, pd.Timestamp)).to_numpy().copy()
    if faits.any():  # dates beyond what pandas holds (9999, 0001) go the slow way, to their « hors plage »
        faits &= objets.map(lambda d: isinstance(d, dt.date) and ANNEE_MIN <= d.year <= ANNEE_MAX).to_numpy(bool)
    if faits.any():
        jours[faits] = pd.to_datetime(list(objets[faits])).normalize().astype("datetime64[ns]")
    textes = types.eq(str).to_numpy()
    if textes.any():
        lus = pd.to_datetime(objets[textes].str.strip(), format="%d/%m/%Y", errors="coerce")
        lus = lus[lus.notna() & lus.dt.year.between(ANNEE_MIN, ANNEE_MAX)]  # others: « hors plage », slowly
        jours[lus.index] = lus.astype("datetime64[ns]")
        faits[lus.index.to_numpy()] = True
    messages: list = [None] * len(valeurs)
    for i in np.flatnonzero(~faits):
        jour, messages[i] = _date_d_un_objet(valeurs[i])
        jours.iloc[i] = jour if jour is not None else pd.NaT
    hors = (jours.notna() & ~jours.dt.year.between(ANNEE_MIN, ANNEE_MAX)).to_numpy()
    for i in np.flatnonzero(hors):
        messages[i] = message_hors_plage(valeurs[i])
    jours[hors] = pd.NaT
    return jours, messages


def date(serie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A date column (Excel dates, jj/mm/aaaa, aaaa-mm-jj, serial numbers) as ``datetime64[ns]`` at midnight."""
    def convertir(valeurs: list) -> tuple[np.ndarray, list]:
        jours, messages = _jours(valeurs)
        return jours.to_numpy(), messages
    valeurs, messages = par_uniques(serie, convertir)
    return valeurs.astype("datetime64[ns]"), messages


def _mois_texte(t: str) -> pd.Timestamp | None:
    """A month typed as text: 2024-05, 05/2024, 5-2024, « mai 2024 », « Mai-24 »."""
    reduit = normaliser(t).replace(".", "")
    if m := re.fullmatch(r"(\d{4})[-/](\d{1,2})", reduit):
        annee, mois = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{1,2})[-/](\d{4})", reduit):
        annee, mois = int(m[2]), int(m[1])
    elif m := re.fullmatch(r"([a-z]+)[ -]?(\d{4}|\d{2})", reduit):
        if m[1] not in MOIS_FR:
            return None
        annee, mois = int(m[2]) + (2000 if len(m[2]) == 2 else 0), MOIS_FR[m[1]]
    else:
        return None
    return pd.Timestamp(annee, mois, 1) if 1 <= mois <= 12 else None


def mois(serie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A month column: a date (any day of the month), 2024-05, 05/2024 or « mai 2024 », as its first day."""
    def convertir(valeurs: list) -> tuple[np.ndarray, list]:
        jours, messages = _jours(valeurs)
        for i in np.flatnonzero(jours.isna().to_numpy()):
            v = valeurs[i]
            premier = _mois_texte(v.strip()) if isinstance(v, str) else None
            if premier is not None and ANNEE_MIN <= premier.year <= ANNEE_MAX:
                jours.iloc[i], messages[i] = premier, None
            elif premier is not None or (messages[i] or "").startswith("date illisible"):
                messages[i] = (f"mois illisible « {afficher(v)} » (formats admis : 2024-05, 05/2024, mai 2024 ou "
                               "une date du mois).")
        return (jours - pd.to_timedelta(jours.dt.day - 1, unit="D")).to_numpy(), messages
    valeurs, messages = par_uniques(serie, convertir)
    return valeurs.astype("datetime64[ns]"), messages


_HEURE_TEXTE = re.compile(r"(\d{1,2})\s*(?:h\s*(\d{2})?|:\s*(\d{2}))(?::(\d{2})(?:[.,]\d+)?)?")


def message_heure_illisible(v: object) -> str:
    """The message of a cell that is no time of day."""
    return f"heure illisible « {afficher(v)} » (formats admis : hh:mm, 14h30 ou heure Excel)."


def _heure_d_un_objet(v: object) -> tuple[np.timedelta64, str | None]:
    """One distinct cell as the time since midnight (an Excel time, the time of an Excel date and time, a fraction
    of a day, « 14:30 », « 14h30 », « 14 h ») or the reason it is not one."""
    nat = np.timedelta64("NaT", "ns")
    if isinstance(v, (dt.datetime, pd.Timestamp)):
        v = v.time()
    if isinstance(v, dt.time):
        return np.timedelta64(pd.Timedelta(hours=v.hour, minutes=v.minute, seconds=v.second)), None
    if isinstance(v, dt.timedelta):
        duree = pd.Timedelta(v)
        return (np.timedelta64(duree), None) if pd.Timedelta(0) <= duree < pd.Timedelta(days=1) else \
            (nat, message_heure_illisible(v))
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
        if 0 <= float(v) < 1:  # an Excel time: a fraction of a day, to the second
            return np.timedelta64(pd.Timedelta(seconds=round(float(v) * 86_400))), None
        return nat, message_heure_illisible(v)
    if isinstance(v, str) and (trouvee := _HEURE_TEXTE.fullmatch(v.strip().lower())):
        heure, minute, seconde = int(trouvee[1]), int(trouvee[2] or trouvee[3] or 0), int(trouvee[4] or 0)
        if heure < 24 and minute < 60 and seconde < 60:
            return np.timedelta64(pd.Timedelta(hours=heure, minutes=minute, seconds=seconde)), None
        return nat, f"heure impossible « {v.strip()} » (de 00:00 à 23:59)."
    return nat, message_heure_illisible(v)


def heures(serie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A time-of-day column as ``timedelta64[ns]`` (the time since midnight), see ``_heure_d_un_objet``."""
    def convertir(valeurs: list) -> tuple[np.ndarray, list]:
        lues = [_heure_d_un_objet(v) for v in valeurs]
        return np.array([d for d, _ in lues], dtype="timedelta64[ns]"), [m for _, m in lues]
    valeurs, messages = par_uniques(serie, convertir)
    return valeurs.astype("timedelta64[ns]"), messages


def _nombre_texte(t: str) -> tuple[float | None, bool]:
    """A number typed as text, French style: « 1 234,5 », « 56 % », « -3 » (also with no-break spaces)."""
    pourcent = t.endswith("%")
    propre = ESPACES.sub("", t.rstrip("%")).replace(",", ".")
    propre = propre.removeprefix("+")
    if not re.fullmatch(r"-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?", propre, flags=re.IGNORECASE):
        return None, pourcent
    return float(propre), pourcent


def nombres(serie: pd.Series) -> tuple[pd.Series, pd.Series, pd.Series]:
    """A numeric column: numbers, « 1 234,5 », « 56 % ». Returns (float64 values, messages, written-with-% flag)."""
    def convertir(valeurs: list) -> tuple[np.ndarray, list]:
        resultats = np.full(len(valeurs), np.nan)
        pourcents = np.zeros(len(valeurs), dtype=np.float64)
        messages: list = [None] * len(valeurs)
        for i, v in enumerate(valeurs):
            if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
                nombre, pourcent = float(v), False
            else:
                nombre, pourcent = _nombre_texte(v.strip()) if isinstance(v, str) else (None, False)
            if nombre is None:
                messages[i] = f"nombre illisible « {afficher(v)} »."
            elif not abs(nombre) <= NOMBRE_MAX:  # also infinities (« 1e999 »)
                messages[i] = message_hors_bornes(v)
            else:
                resultats[i], pourcents[i] = nombre, float(pourcent)
        # values and % flags travel together as complex numbers: one take maps both back to the rows
        return resultats + 1j * pourcents, messages
    paires, messages = par_uniques(serie, convertir)
    paires = paires.astype("complex128")
    return pd.Series(paires.to_numpy().real, index=serie.index), messages, pd.Series(
        paires.to_numpy().imag == 1.0, index=serie.index)


def entiers(serie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A column of whole numbers (counts, engagement numbers) as nullable ``Int64``."""
    valeurs, messages, _ = nombres(serie)
    fractionnaires = valeurs.notna() & (valeurs != np.floor(valeurs.fillna(0)))
    messages = messages.where(~fractionnaires, serie.map(lambda v: f"nombre entier attendu : « {afficher(v)} »."))
    return valeurs.where(~fractionnaires).round().astype("Int64"), messages


def en_pourcent(valeurs: pd.Series, pourcents: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rates in percent, and a message per row where the column cannot be read one way.

    The one rule for a number written without « % » in a rate column (a cell formatted as a percentage has already
    been turned into its percent: it holds a fraction, 0,776 shown « 77,6 % »): it is a percent (56 is 56 %),
    unless the column's bare numbers all lie within 0–1 and one at least lies strictly between (0,56): the column
    then holds fractions, multiplied by 100. 0 and 1 alone say nothing (« Avancement » 0, 0, 0, 1 is 1 %, not
    100 %). A column mixing bare fractions (0,56) with bare numbers above 1 (56) is refused at each fraction.
    """
    messages = pd.Series(None, index=valeurs.index, dtype=object)
    nus = valeurs.notna() & ~pourcents
    fractions = nus & (valeurs > 0) & (valeurs < 1)
    if not fractions.any():
        return valeurs, messages
    au_dela = nus & (valeurs.abs() > 1)
    if not au_dela.any():
        return valeurs.where(~nus, (valeurs * 100).round(10)), messages
    exemple = nombre_fr(float(valeurs[au_dela].iloc[0]), 2)
    messages[fractions] = [f"taux « {nombre_fr(float(x), 6)} » écrit comme une fraction alors que d'autres cases de la "
                           f"colonne sont en pourcentage (« {exemple} ») : écrivez tous les taux de la même façon "
                           "(56 ou 56 % pour 56 %)." for x in valeurs[fractions]]
    return valeurs.where(~fractions), messages


def message_erreur_excel(erreur: str, cellule: str) -> str:
    """A cell holding a cached Excel error (the result of a formula that failed)."""
    return (f"la cellule {cellule} contient l'erreur « {erreur} » (résultat d'une formule en erreur) : corrigez la "
            "formule ou remplacez-la par une valeur, puis déposez le fichier à nouveau.")


NOMBRE_MAX = 1e12  # no count, délai or rate comes near; 500 000 rows of it still add up within int64 (9,2e18)


def hors_bornes(valeurs: pd.Series) -> pd.Series:
    """Numbers no count, délai or rate can have: infinite, not a number, or beyond ``NOMBRE_MAX`` in size."""
    return valeurs.notna() & ~(valeurs.abs() <= NOMBRE_MAX)


def message_hors_bornes(valeur: object) -> str:
    """A number beyond what an import can hold (1e999, inf, 1e20 people)."""
    return (f"nombre « {afficher(valeur)} » hors de portée : aucun compte, délai ou taux ne dépasse "
            f"{nombre_fr(NOMBRE_MAX)} ; vérifiez la cellule.")


def annees(serie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A year column: 2024, « 2024 », or a date (its year), as nullable ``Int64``."""
    def convertir(valeurs: list) -> tuple[list, list]:
        resultats, messages = [], []
        for v in valeurs:
            annee = None
            if isinstance(v, (dt.date, dt.datetime)):
                annee = v.year
            elif isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
                annee = int(v) if float(v).is_integer() else None
            elif isinstance(v, str) and re.fullmatch(r"\d{4}", v.strip()):
                annee = int(v.strip())
            elif isinstance(v, str):
                jour, _ = _date_texte(v.strip())
                annee = None if jour is None or re.fullmatch(r"\d+(?:[.,]\d+)?", v.strip()) else jour.year
            valide = annee is not None and ANNEE_MIN <= annee <= ANNEE_MAX
            resultats.append(annee if valide else None)
            messages.append(None if valide else f"année illisible « {afficher(v)} » (attendue : 2024 par exemple).")
        return resultats, messages
    valeurs, messages = par_uniques(serie, convertir)
    return pd.Series(pd.array(valeurs.tolist(), dtype="Int64"), index=serie.index), messages


def _periode_texte(v: object) -> str | None:
    """A period code from a cell: 2023, 2023-T2 (also T2 2023, 2023 T2, 2T2023), 2023-05 (also 05/2023, mai 2023,
    or a date: its month)."""
    if isinstance(v, (dt.date, dt.datetime)):
        return f"{v.year}-{v.month:02d}"
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
        return str(int(v)) if float(v).is_integer() and ANNEE_MIN <= v <= ANNEE_MAX else None
    reduit = normaliser(v).replace(" ", "").replace("trimestre", "t")
    if re.fullmatch(r"\d{4}", reduit):
        return reduit if ANNEE_MIN <= int(reduit) <= ANNEE_MAX else None
    trimestre = (re.fullmatch(r"(\d{4})[-/]?t([1-4])", reduit) or re.fullmatch(r"t([1-4])[-/]?(\d{4})", reduit)
                 or re.fullmatch(r"([1-4])t[-/]?(\d{4})", reduit))
    if trimestre:
        a, t = (trimestre[1], trimestre[2]) if len(trimestre[1]) == 4 else (trimestre[2], trimestre[1])
        return f"{a}-T{t}" if ANNEE_MIN <= int(a) <= ANNEE_MAX else None
    premier = _mois_texte(str(v).strip())
    if premier is None:
        jour, message = _date_texte(str(v).strip())
        premier = jour if message is None and not re.fullmatch(r"\d+(?:[.,]\d+)?", str(v).strip()) else None
    if premier is None or not ANNEE_MIN <= premier.year <= ANNEE_MAX:
        return None
    return f"{premier.year}-{premier.month:02d}"


def periodes(serie: pd.Series) -> tuple[pd.Series, pd.Series]:
    """A period column as codes « 2023 », « 2023-T2 », « 2023-05 »."""
    def convertir(valeurs: list) -> tuple[list, list]:
        codes = [_periode_texte(v) for v in valeurs]
        return codes, [None if c else f"période illisible « {afficher(v)} » (formats admis : 2023, 2023-T2, "
                                     "2023-05)." for c, v in zip(codes, valeurs, strict=True)]
    valeurs, messages = par_uniques(serie, convertir)
    return valeurs.astype("str").where(valeurs.notna()), messages


def debut_periode(code_periode: str) -> pd.Timestamp:
    """The first day of a period code."""
    if "-T" in code_periode:
        annee, trimestre = code_periode.split("-T")
        return pd.Timestamp(int(annee), 3 * int(trimestre) - 2, 1)
    if "-" in code_periode:
        annee, m = code_periode.split("-")
        return pd.Timestamp(int(annee), int(m), 1)
    return pd.Timestamp(int(code_periode), 1, 1)


def vides(serie: pd.Series) -> pd.Series:
    """True where a cell is empty (nothing, or blanks only)."""
    codes, uniques = pd.factorize(serie, use_na_sentinel=True)
    vides_u = np.append(_vides_parmi(np.asarray(uniques, dtype=object)), True)
    return pd.Series(vides_u[codes], index=serie.index)


def mois_cle(dates: pd.Series) -> pd.Series:
    """« 2024-03 » for each date (the replacement key of monthly kinds); missing where the date is."""
    nombres_mois = (dates.dt.year * 100 + dates.dt.month).astype("Int64")
    codes, uniques = pd.factorize(nombres_mois, use_na_sentinel=True)
    textes = np.array([f"{int(u) // 100}-{int(u) % 100:02d}" for u in uniques] + [None], dtype=object)
    return pd.Series(textes[np.where(codes < 0, len(uniques), codes)], index=dates.index).astype("str").where(
        dates.notna())
