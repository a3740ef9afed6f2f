"""Importing the référent's spreadsheets: safe reading (``readers``), the kinds of data (``kinds``), conversion and
problems (``validation``), downloadable templates (``modeles``), analysis then one-transaction storage
(``pipeline``), and the demonstration data loaded through the same pipeline (``demo``)."""
