"""qualepref: steer a préfecture's quality label (Qual-e-pref, Quali-ATE, Services Publics+).

The functional core: plain functions over pandas frames and small frozen dataclasses. It never imports Streamlit.
"""

__version__ = "0.1.0"
