"""Journal des imports: who imported which file, when, with what effect; undo an import."""

import pandas as pd
import streamlit as st

from pages.commun import Widget, exiger, garde, moteur, texte, vider_caches
from qualepref import format as fmt
from qualepref.imports.kinds import KINDS
from qualepref.store import ErreurStockage, annuler_import, load_imports

with garde():
    compte = exiger("importer")
    st.title("Journal des imports", anchor=False)
    journal = load_imports(moteur())
    if journal.empty:
        st.info("Aucun import pour l'instant. Importez un premier fichier depuis la page « Importer des données ».")
        st.stop()
    affichage = journal.assign(
        quand=journal["quand"].map(fmt.date_heure),
        type_donnees=journal["type_donnees"].map(lambda t: KINDS[t].libelle if t in KINDS else t),
        etat=journal["annule_le"].map(lambda d: "actif" if pd.isna(d) else f"annulé le {fmt.date_heure(d)}"),
        sha256=journal["sha256"].str.slice(0, 12),
        periodes=journal["periodes"].map(fmt.resume_periodes),
    )[["id", "quand", "type_donnees", "periodes", "ajoutees", "remplacees", "etat", "site", "fichier",
       "utilisateur", "sha256"]]  # figures first, short headers: nothing scrolled off at 1280 px
    texte_col, nombre_col = st.column_config.TextColumn, st.column_config.NumberColumn
    st.dataframe(affichage, hide_index=True, width="stretch", column_config={  # widths in px: the key columns
        "id": nombre_col("N°", width=40), "quand": texte_col("Date", width=120),  # fit in 1280 px, the rest after
        "type_donnees": texte_col("Type", width=140), "periodes": texte_col("Périodes", width=130),
        "ajoutees": nombre_col("Ajoutées", width=75, help="Lignes ajoutées"),
        "remplacees": nombre_col("Remplacées", width=95, help="Lignes remplacées"),
        "etat": texte_col("État", width=60), "site": texte_col("Site", width=85),
        "fichier": texte_col("Fichier", width=110), "utilisateur": texte_col("Par", width=80),
        "sha256": texte_col("Empreinte", width=100, help="Empreinte SHA-256 du fichier (début)")})
    st.header("Annuler un import", anchor=False)
    actifs = journal[journal["annule_le"].isna()]["id"].tolist()
    if not actifs:
        st.caption("Aucun import actif à annuler.")
        st.stop()
    numero = st.selectbox("Import à annuler", actifs, format_func=lambda n: f"n° {n}", key=Widget.IMPORT_ANNULER)
    st.caption("L'annulation retire les lignes de cet import et restaure celles qu'il avait remplacées.")
    if st.button("Annuler cet import", key=Widget.IMPORT_ANNULER_VALIDER):
        try:
            retirees = annuler_import(moteur(), int(numero), compte.identifiant)
            vider_caches()
            st.success(f"Import n° {numero} annulé : {fmt.nombre(retirees)} ligne(s) retirée(s), les lignes "
                       "remplacées sont restaurées.")
        except ErreurStockage as exc:
            st.error(texte(exc))
