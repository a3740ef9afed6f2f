"""Services Publics+ open data (CSV): one row per measured indicator of a published period.

The columns are those of the Services Publics+ results files, headers in French exactly::

    Code SP+ de la structure;Intitulé de la typologie;Intitulé de la structure;Code postal;Ville;
    Code SP+ de l'indicateur;Indicateur;Valeur;Unité;Fréquence;Date de mise à jour

Choices, for a file that people open with a French Excel (double-click):

- separator ``;`` and UTF-8 with a BOM (without the BOM Excel reads UTF-8 as Windows-1252: « PrÃ©fecture »);
- values with a **decimal comma** and no thousands separator (``77,6``, ``1433825``): French Excel reads them as
  numbers, whereas ``77.6`` would be read as a date or as text. Values keep up to two decimals (the core keeps
  full precision; the file is for reading); a negative value keeps the ASCII ``-`` so it stays a number;
- ``Fréquence`` is that of the published figure (Annuelle for a year, Trimestrielle for a quarter);
- ``Date de mise à jour`` is the publication date, ``jj/mm/aaaa`` (``qualepref.format.date``);
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

ENTETES = ["Code SP+ de la structure", "Intitulé de la typologie", "Intitulé de la structure", "Code postal", "Ville",
           "Code SP+ de l'indicateur", "Indicateur", "Valeur", "Unité", "Fréquence", "Date de mise à jour"]
SEPARATEUR = ";"
BOM = "\ufeff"


def valeur_csv(valeur: float) -> str:
    """A number for a French spreadsheet: decimal comma, no thousands separator, at most two decimals, ASCII minus
    (``77.6`` → ``77,6``; ``1433825.0`` → ``1433825``; ``-0.4`` → ``-0,4``)."""
    texte = f"{round(float(valeur), 2):.2f}".rstrip("0").rstrip(".")
    return ("0" if texte in ("-0", "") else texte).replace(".", ",")


def lignes(resultats: Resultats, site: Site, publication: dict | None, periode: str | None = None) -> list[list[str]]:
    """The data rows (without header), one per measured indicator of the published period."""
    r = resultats
    faits = commun.exiger_publication(publication, r)
    periode = periode or commun.periode_publiee(r, faits)
    frequence = commun.FREQUENCES[commun.granularite(periode)]
    cadre = r.indicateurs
    mesures = cadre[(cadre["periode"] == periode) & cadre["valeur"].notna()] if not cadre.empty else cadre
    structure = [site.code_sp or "", commun.type_site(site), commun.nom_site(r, site), site.code_postal or "",
                 site.ville or ""]
    date = fmt.date_du_moment(faits.get("publie_le"))
    sortie = []
    for ind in mesures.to_dict("records"):
        unite = "" if commun.manquant(ind.get("unite")) else str(ind["unite"])
        sortie.append([neutraliser_csv(t) for t in structure]
                      + [neutraliser_csv(ind["code"]), neutraliser_csv(ind["libelle"]), valeur_csv(ind["valeur"]),
                         neutraliser_csv(unite), frequence, date])
    return sortie


def construire(resultats: Resultats, site: Site, publication: dict | None = None, periode: str | None = None) -> bytes:
    """The open data CSV (bytes: UTF-8 with BOM, ``;``, CRLF line ends) of a PUBLISHED period."""
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, delimiter=SEPARATEUR, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    ecrivain.writerow(ENTETES)
    ecrivain.writerows(lignes(resultats, site, publication, periode))
    return (BOM + tampon.getvalue()).encode("utf-8")
