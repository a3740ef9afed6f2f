"""Délai rules applied to the journal of requests (courriers, courriels, réclamations...), vectorised.

Split by concept, every name callers use re-exported here (``from qualepref.delais import …``, ``delais.X``):

- ``regles``: the rules applied to the rows (``appliquer_regles``, ``filtrer_periode``, ``ETATS``,
  ``COLONNES_AJOUTEES``): a request's rule, départ, échéance, jours and state judged at ``etat_au``.
- ``demandes``: the requests evaluated once for any judging date (``Demandes``, ``evaluer_demandes``).
- ``cube``: those requests counted once per month and cell, every period summed from it (``CubePeriodes``,
  ``Comptes``, ``QUANTITES``).
- ``synthese``: counts, rate, délai moyen and médian per group (``synthese_delais`` from evaluated rows,
  ``synthese_ponderee`` from the cube's cells, ``COLONNES_SYNTHESE``).
"""

from qualepref.delais.cube import QUANTITES, Comptes, CubePeriodes
from qualepref.delais.demandes import Demandes, evaluer_demandes
from qualepref.delais.regles import COLONNES_AJOUTEES, ETATS, appliquer_regles, filtrer_periode
from qualepref.delais.synthese import COLONNES_SYNTHESE, synthese_delais, synthese_ponderee

__all__ = ["COLONNES_AJOUTEES", "COLONNES_SYNTHESE", "ETATS", "QUANTITES", "Comptes", "CubePeriodes", "Demandes",
           "appliquer_regles", "evaluer_demandes", "filtrer_periode", "synthese_delais", "synthese_ponderee"]
