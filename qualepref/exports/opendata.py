"""Services Publics+ open data (CSV): one row per national Services Publics+ indicator measured in a published period.

The DITP documents the fields of its results files (API « Services Publics+ — résultats »); the file starts with
exactly these headers, in this order, and adds its own columns after them (``ENTETES_DITP`` then ``ENTETES_EN_PLUS``)::

    Code SP+ de la structure;Intitulé de la typologie;Intitulé de la structure;Code postal de la structure;
    Ville de la structure;Code SP+ de l'indicateur;Valeur;Fréquence;Date de mise à jour;
    Intitulé de l'indicateur;Unité;Période;Code de l'indicateur dans qualepref

Only the programme's national indicators go in: those the referential data gives a ``code_sp`` (the app's internal
codes, ``E10-APPELS-ABOUTIS``..., are not SP+ codes). A site on the Qual-e-pref referential measures them through the
indicators the Services Publics+ referential says they take over (``reprend``: « Taux de décroché par un agent »,
``TAUX-DECROCHE-AGENT``, reprend E10, the taux d'appels aboutis); a site on the Services Publics+ referential
measures them directly.

Choices, for a file that people open with a French Excel (double-click):

- separator ``;`` and UTF-8 with a BOM (without the BOM Excel reads UTF-8 as Windows-1252: « PrÃ©fecture »);
- values with a **decimal comma** and no thousands separator (``77,6``, ``1433825``): French Excel reads them as
  numbers, whereas ``77.6`` would be read as a date or as text. Values keep up to two decimals (the core keeps
  full precision; the file is for reading); a negative value keeps the ASCII ``-`` so it stays a number;
- ``Fréquence`` in lower case, as the documentation writes it: ``annuelle`` for a year, ``trimestrielle`` for a
  quarter, ``mensuelle`` for a month;
- ``Date de mise à jour`` is the publication's day (in Paris) as the documentation writes dates: « 21 janvier 2023 »;
- text fields go through ``securite.neutraliser_csv`` (a leading ``=``, ``+``, ``-``, ``@``, tab or carriage return
  gets an apostrophe), so a name typed by someone cannot run as a formula;
- ``Code SP+ de la structure`` is the site's Services Publics+ code when known (``Site.code_sp``), else empty:
  the site's internal code is not a national code and is not made up into one.

Published results only (``commun.exiger_publication``): callers pass ``publication.resultats_publies``'s facts.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from qualepref import format as fmt
from qualepref.exports import commun
from qualepref.exports.securite import neutraliser_csv

if TYPE_CHECKING:
    from qualepref.resultats import Resultats
    from qualepref.store import Site

ENTETES_DITP = ["Code SP+ de la structure", "Intitulé de la typologie", "Intitulé de la structure",
                "Code postal de la structure", "Ville de la structure", "Code SP+ de l'indicateur", "Valeur",
                "Fréquence", "Date de mise à jour"]
ENTETES_EN_PLUS = ["Intitulé de l'indicateur", "Unité", "Période", "Code de l'indicateur dans qualepref"]
ENTETES = ENTETES_DITP + ENTETES_EN_PLUS
FREQUENCES = {"annee": "annuelle", "trimestre": "trimestrielle", "mois": "mensuelle"}
REFERENTIEL_SP = "services-publics-plus"
SEPARATEUR = ";"
BOM = "\ufeff"


def valeur_csv(valeur: float) -> str:
    """A number for a French spreadsheet: decimal comma, no thousands separator, at most two decimals, ASCII minus
    (``77.6`` → ``77,6``; ``1433825.0`` → ``1433825``; ``-0.4`` → ``-0,4``)."""
    texte = f"{round(float(valeur), 2):.2f}".rstrip("0").rstrip(".")
    return ("0" if texte in ("-0", "") else texte).replace(".", ",")


def codes_sp(referentiel: str) -> dict[str, tuple[str, str]]:
    """Indicator code of the site's referential → (SP+ code, SP+ libellé), for the national SP+ indicators: those
    of the referential with a ``code_sp``, and those the Services Publics+ referential takes over (``reprend``)."""
    from qualepref.referentiel import charger

    correspondances: dict[str, tuple[str, str]] = {}
    try:
        propre = charger(referentiel)
    except (KeyError, ValueError, OSError):
        propre = None
    if propre is not None:
        correspondances.update({i.code: (i.code_sp, i.libelle) for i in propre.indicateurs if i.code_sp})
    try:
        national = charger(REFERENTIEL_SP)
    except (KeyError, ValueError, OSError):
        return correspondances
    for ind in national.indicateurs:
        if ind.code_sp and ind.reprend and ind.reprend not in correspondances \
                and ind.code_sp not in {code for code, _ in correspondances.values()}:
            correspondances[ind.reprend] = (ind.code_sp, ind.libelle)
    return correspondances


def lignes(resultats: Resultats, site: Site, publication: dict | None, periode: str | None = None) -> list[list[str]]:
    """The data rows (without header), one per national SP+ indicator measured in the published period."""
    r = resultats
    faits = commun.exiger_publication(publication, r)
    periode = periode or commun.periode_publiee(r, faits)
    frequence = FREQUENCES[commun.granularite(periode)]
    cadre = r.indicateurs
    mesures = cadre[(cadre["periode"] == periode) & cadre["valeur"].notna()] if not cadre.empty else cadre
    nationaux = codes_sp(r.referentiel)
    structure = [site.code_sp or "", commun.type_site(site), commun.nom_site(r, site), site.code_postal or "",
                 site.ville or ""]
    publie_le = faits.get("publie_le")
    date = fmt.date_longue(fmt.heure_locale(publie_le).date()) if not commun.manquant(publie_le) else ""
    sortie = []
    for ind in mesures.to_dict("records"):
        if ind["code"] not in nationaux:
            continue
        code_sp, libelle_sp = nationaux[ind["code"]]
        unite = "" if commun.manquant(ind.get("unite")) else str(ind["unite"])
        sortie.append([neutraliser_csv(t) for t in structure]
                      + [neutraliser_csv(code_sp), valeur_csv(ind["valeur"]), frequence, date,
                         neutraliser_csv(libelle_sp), neutraliser_csv(unite), periode, neutraliser_csv(ind["code"])])
    return sortie


def construire(resultats: Resultats, site: Site, publication: dict | None = None, periode: str | None = None) -> bytes:
    """The open data CSV (bytes: UTF-8 with BOM, ``;``, CRLF line ends) of a PUBLISHED period."""
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, delimiter=SEPARATEUR, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    ecrivain.writerow(ENTETES)
    ecrivain.writerows(lignes(resultats, site, publication, periode))
    return (BOM + tampon.getvalue()).encode("utf-8")
