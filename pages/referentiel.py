"""Référentiel: modules → engagements → déclinaisons, indicators and délais, searchable."""

import streamlit as st

from pages.commun import Widget, exiger, garde, moteur, texte
from qualepref.calendrier import CONVENTION_JOURS_OUVRES
from qualepref.referentiel import mention_ebauche
from qualepref.referentiel.tables import rechercher, tables_du_referentiel
from qualepref.referentiels_en_place import codes_en_place, referentiel_en_place

with garde():
    exiger("lire_brouillon")
    st.title("Référentiel", anchor=False)
    version = st.selectbox("Version du référentiel", codes_en_place(moteur()), key=Widget.REFERENTIEL_VERSION,
                           format_func=lambda c: referentiel_en_place(moteur(), c).titre)
    ref = referentiel_en_place(moteur(), version)
    st.caption(f"{texte(ref.titre)} — version {texte(ref.version)}")
    if mention_ebauche(ref):
        st.warning(texte(mention_ebauche(ref)), icon=":material/draft:")
    recherche = st.text_input("Rechercher (mot d'un titre, d'un indicateur, d'un délai…)",
                              key=Widget.RECHERCHE_REFERENTIEL)
    tables = {nom: rechercher(cadre, recherche) for nom, cadre in tables_du_referentiel(ref).items()}
    onglets = st.tabs(["Modules et engagements", "Indicateurs", "Délais"])
    with onglets[0]:
        engagements = tables["engagements"]
        for module in ref.modules:
            du_module = engagements[engagements["module"] == module.numero]
            if recherche and du_module.empty:
                continue
            nature = "obligatoire" if module.nature == "obligatoire" else "métier"
            with st.expander(f"Module {module.numero} — {texte(module.titre)} ({nature})", expanded=bool(recherche)):
                for numero in du_module["numero"]:
                    engagement = ref.engagement(int(numero))
                    st.markdown(f"**Engagement {engagement.numero}. {texte(engagement.titre)}**")
                    for declinaison in engagement.declinaisons:
                        st.markdown(f"- *{texte(declinaison.code)}* — {texte(declinaison.texte)}")
                    st.caption(f"Méthode de contrôle et éléments de preuve : {texte(engagement.controle)}")
    with onglets[1]:
        st.dataframe(
            tables["indicateurs"], hide_index=True, width="stretch",
            column_config={"code": "Code", "libelle": "Libellé", "engagement": "Engagement",
                           "engagements": "Engagements", "module": "Module", "nature": "Nature",
                           "unite": "Unité", "periodicite": "Périodicité", "source": "Source",
                           "sens": "Sens", "cible": st.column_config.NumberColumn("Cible par défaut", format="%.1f")},
        )
    with onglets[2]:
        st.caption(CONVENTION_JOURS_OUVRES)
        st.dataframe(
            tables["delais"], hide_index=True, width="stretch",
            column_config={"code": "Règle", "engagement": "Engagement", "natures": "Natures", "canaux": "Canaux",
                           "jours_ouvres": "Jours ouvrés", "annee_debut": st.column_config.NumberColumn(
                               "Depuis", format="%d"), "annee_fin": st.column_config.NumberColumn(
                               "Jusqu'à", format="%d"), "reponses": "Réponses valables",
                           "seuil": "Seuil (%)"},
        )
