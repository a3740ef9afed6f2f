"""Services Publics+ open data (CSV): one row per national Services Publics+ figure measured in a published period.

The DITP documents the fields of its results files (API « Services Publics+ — résultats »); the file starts with
exactly these headers, in this order, and adds its own columns after them (``ENTETES_DITP`` then ``ENTETES_EN_PLUS``)::

    Code SP+ de la structure;Intitulé de la typologie;Intitulé de la structure;Code postal de la structure;
    Ville de la structure;Code SP+ de l'indicateur;Valeur;Fréquence;Date de mise à jour;
    Intitulé de l'indicateur;Unité;Période

The rows are the figures ``qualepref.services_publics_plus`` computes for the site, whatever its referential, on
the Services Publics+ version in place (kept in the results' ``meta`` and frozen with the publication): taux de
décroché par un agent, respect du délai annoncé d'une démarche phare, part des démarches en ligne notées 8/10 ou
plus (JDMA), satisfaction globale, taux net de satisfaction. Each carries its SP+ code (``code_sp`` in the
referential data, « Code SP+ de l'indicateur »); the app's own indicator codes (``E10-APPELS-ABOUTIS``,
``SP2-DECROCHE-AGENT``...) are not SP+ codes and are not in the file. A figure without a value for the period is
left out (no row « non disponible »).

Choices, for a file that people open with a French Excel (double-click):

- separator ``;`` and UTF-8 with a BOM (without the BOM Excel reads UTF-8 as Windows-1252: « PrÃ©fecture »);
- values with a **decimal comma** and no thousands separator (``77,6``, ``1433825``): French Excel reads them as
  numbers, whereas ``77.6`` would be read as a date or as text. Values keep up to two decimals (the core keeps
  full precision; the file is for reading); a negative value keeps the ASCII ``-`` so it stays a number;
- ``Fréquence`` in lower case, as the documentation writes it: ``annuelle`` for a year (the programme's figures are
  yearly), ``trimestrielle`` for a quarter, ``mensuelle`` for a month (a shorter period shows the figures measured
  for it);
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
ENTETES_EN_PLUS = ["Intitulé de l'indicateur", "Unité", "Période"]
ENTETES = ENTETES_DITP + ENTETES_EN_PLUS
FREQUENCES = {"annee": "annuelle", "trimestre": "trimestrielle", "mois": "mensuelle"}
SEPARATEUR = ";"
BOM = "\ufeff"


def valeur_csv(valeur: float) -> str:
    """A number for a French spreadsheet: decimal comma, no thousands separator, at most two decimals, ASCII minus
    (``77.6`` → ``77,6``; ``1433825.0`` → ``1433825``; ``-0.4`` → ``-0,4``)."""
    texte = f"{round(float(valeur), 2):.2f}".rstrip("0").rstrip(".")
    return ("0" if texte in ("-0", "") else texte).replace(".", ",")


def lignes(resultats: Resultats, site: Site, publication: dict | None, periode: str | None = None) -> list[list[str]]:
    """The data rows (without header), one per national SP+ figure measured in the published period."""
    from qualepref.services_publics_plus import figures_publiees, valeur_de_la_periode

    r = resultats
    faits = commun.exiger_publication(publication, r)
    periode = periode or commun.periode_publiee(r, faits)
    frequence = FREQUENCES[commun.granularite(periode)]
    structure = [site.code_sp or "", commun.type_site(site), commun.nom_site(r, site), site.code_postal or "",
                 site.ville or ""]
    publie_le = faits.get("publie_le")
    date = fmt.date_longue(fmt.heure_locale(publie_le).date()) if not commun.manquant(publie_le) else ""
    sortie = []
    for figure in figures_publiees(r).to_dict("records"):
        valeur = valeur_de_la_periode(figure, r.annee, periode)
        if valeur is None or not figure.get("code_sp"):
            continue
        unite = "" if commun.manquant(figure.get("unite")) else str(figure["unite"])
        sortie.append([neutraliser_csv(t) for t in structure]
                      + [neutraliser_csv(str(figure["code_sp"])), valeur_csv(valeur), frequence, date,
                         neutraliser_csv(str(figure["libelle"])), neutraliser_csv(unite), periode])
    return sortie


def construire(resultats: Resultats, site: Site, publication: dict | None = None, periode: str | None = None) -> bytes:
    """The open data CSV (bytes: UTF-8 with BOM, ``;``, CRLF line ends) of a PUBLISHED period."""
    tampon = io.StringIO(newline="")
    ecrivain = csv.writer(tampon, delimiter=SEPARATEUR, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    ecrivain.writerow(ENTETES)
    ecrivain.writerows(lignes(resultats, site, publication, periode))
    return (BOM + tampon.getvalue()).encode("utf-8")
