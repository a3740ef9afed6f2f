"""Tables and charts as people read them: the core's frames turned into French text, with text alternatives.

Pages and exports show these; the figures themselves come from ``resultats`` (nothing is computed here but
formatting and layout).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from qualepref import format as fmt
from qualepref.graphiques import barres_comparees


def tableau_enquetes(enquetes: pd.DataFrame, annee: int) -> pd.DataFrame:
    """The comité's survey table: Thème, taux N-1, taux N, progression in points, answers, fragile rates marked."""
    lignes = []
    for _, e in enquetes.iterrows():
        fragile = bool(e["fragile"]) if pd.notna(e["fragile"]) else False
        intervalle = (f" (fragile : entre {fmt.pourcentage(e['ic_bas'])} et {fmt.pourcentage(e['ic_haut'])})"
                      if fragile and pd.notna(e.get("ic_bas")) else "")
        lignes.append({
            "Thème": e["theme"],
            f"Taux {annee - 1}": fmt.pourcentage(e["taux_precedent"]),
            f"Taux {annee}": fmt.pourcentage(e["taux"]) + intervalle,
            "Progression": fmt.points(e["progression_points"]),
            "Réponses exprimées": fmt.nombre(e["exprimes"]),
        })
    return pd.DataFrame(lignes)


def texte_enquetes(enquetes: pd.DataFrame, annee: int) -> str:
    """The text alternative of the survey chart: every theme with both rates and the progression."""
    phrases = [
        f"{e['theme']} : {fmt.pourcentage(e['taux'])} en {annee}"
        + (f" contre {fmt.pourcentage(e['taux_precedent'])} en {annee - 1} ({fmt.points(e['progression_points'])})"
           if pd.notna(e["taux_precedent"]) else "")
        for _, e in enquetes.iterrows()
    ]
    return "Satisfaction par thème — " + " ; ".join(phrases) + "."


def graphique_enquetes(enquetes: pd.DataFrame, annee: int) -> alt.Chart:
    """Satisfaction per theme, N-1 and N side by side."""
    long = pd.concat([
        pd.DataFrame({"theme": enquetes["theme"], "valeur": enquetes["taux_precedent"], "serie": str(annee - 1)}),
        pd.DataFrame({"theme": enquetes["theme"], "valeur": enquetes["taux"], "serie": str(annee)}),
    ], ignore_index=True).dropna(subset=["valeur"])
    return barres_comparees(long, "theme", "valeur", "serie", "Taux de satisfaction (%)")


def valeurs_lisibles(cadre: pd.DataFrame, colonnes: dict[str, str], unite: str = "unite") -> pd.DataFrame:
    """Turn value columns into French text by each row's unit: ``{"valeur": "valeur"}`` for values,
    ``{"progression_points": "progression"}`` for changes (points for rates, days for délais)."""
    copie = cadre.copy()
    fonctions = {"valeur": fmt.valeur_unite, "progression": fmt.progression}
    for colonne, genre in colonnes.items():
        copie[colonne] = [fonctions[genre](v, u) for v, u in zip(cadre[colonne], cadre[unite], strict=True)]
    return copie


def serie_indicateur(indicateurs: pd.DataFrame, code: str, annee: int) -> pd.DataFrame:
    """The sub-period values of one indicator for a chart: columns ``date`` (start of the month or quarter),
    ``valeur`` and ``periode`` (its code, so that the text alternative names a quarter or the year as such); the
    yearly value alone for an annual indicator."""
    from qualepref.periodes import parse_periode

    lignes = indicateurs[(indicateurs["code"] == code) & indicateurs["valeur"].notna()]
    sous = lignes[lignes["periode"] != str(annee)]
    choisies = sous if not sous.empty else lignes
    return pd.DataFrame({
        "date": pd.to_datetime([parse_periode(p).debut for p in choisies["periode"]]),
        "valeur": choisies["valeur"].astype(float).to_numpy(),
        "periode": choisies["periode"].astype(str).to_numpy(),
    })


def chiffres_cles(r) -> list[tuple[str, str, str | None]]:  # noqa: ANN001 - Resultats
    """The figures the comité sees first, as (label, value, help): the measured indicators of the period (the year,
    or the quarter of a quarter's publication: ``meta["periode_publiee"]``), then plan, PAN, avis. An indicator
    is labelled by its short label (a phone reads it at a glance); its help begins with the referential's full
    libellé, then the rule applied."""
    from qualepref import definitions
    from qualepref.exports.commun import libelle_court

    chiffres = []
    periode = str(r.meta.get("periode_publiee") or r.annee)
    annuels = r.indicateurs[(r.indicateurs["periode"] == periode) & r.indicateurs["valeur"].notna()] \
        if not r.indicateurs.empty else r.indicateurs
    for _, ind in annuels.iterrows():
        aide = definitions.aide(ind.get("regle"), ind["unite"])
        valeur = fmt.valeur_unite(ind["valeur"], ind["unite"])
        if pd.notna(ind.get("progression_points")):
            valeur += f" ({fmt.progression(ind['progression_points'], ind['unite'])})"
        chiffres.append((libelle_court(ind, r), valeur, f"{ind['libelle']}\n\n{aide}" if aide else ind["libelle"]))
    if r.plan_global.get("actions"):
        chiffres.append(("Plan d'actions réalisé", fmt.pourcentage(r.plan_global.get("taux")), None))
    if r.pan.get("total"):
        chiffres.append(("Fréquentation des points d'accès numériques", fmt.nombre(r.pan["total"]), None))
    total_avis = sum(int(r.avis.get(k, 0) or 0) for k in ("positif", "neutre", "negatif"))
    if total_avis:
        chiffres.append(("Avis Services Publics+", f"{fmt.nombre(total_avis)} (positifs : "
                         f"{fmt.nombre(r.avis.get('positif', 0))})", None))
    return chiffres


def engagements_par_module(r) -> dict[int, pd.DataFrame]:  # noqa: ANN001 - Resultats
    """The engagements of each module of the perimeter (the dashboard's table per module), grouped once; a module
    without engagement rows gets an empty table."""
    groupes = dict(tuple(r.engagements.groupby("module", sort=False)))
    return {int(m): groupes.get(m, r.engagements.iloc[0:0]) for m in r.modules["module"]}


def etat_des_delais(r) -> str:  # noqa: ANN001 - Resultats
    """« état au JJ/MM/AAAA »: the day the délai figures are judged at (the latest journal import; frozen in a
    publication); empty for results computed before the rule (no such date)."""
    etat = (r.meta or {}).get("etat_au")
    return f"état au {fmt.date(pd.Timestamp(etat))}" if etat else ""


def chiffres_delais(r) -> list[tuple[str, str, str]]:  # noqa: ANN001 - Resultats
    """The year's délai figures (rates within délai and average délais, each average with its délai to a
    substantive answer beside it) as (label ending with « état au JJ/MM/AAAA », value, help: the indicator's rule
    and the referential it cites, the jours ouvrés convention and the « état au » rule)."""
    from qualepref.calendrier import CONVENTION_JOURS_OUVRES
    from qualepref.resultats import REGLE_ETAT_AU

    colonnes = [c for c in ("periode", "valeur", "nature", "libelle", "unite", "valeur_fond", "aide", "regle")
                if c in r.indicateurs]
    ind = r.indicateurs[colonnes]  # only what is read (wide rows)
    annuels = ind[(ind["periode"] == str(r.annee)) & ind["valeur"].notna()
                  & ind["nature"].isin(["taux_delai", "delai_moyen"])]
    etat = etat_des_delais(r)
    suffixe = f" ({etat})" if etat else ""
    chiffres = []
    for ligne in annuels.to_dict("records"):
        regle = ligne.get("regle") if isinstance(ligne.get("regle"), str) else ligne.get("aide")
        aide = " ".join(t for t in (regle or "", CONVENTION_JOURS_OUVRES, REGLE_ETAT_AU if etat else "") if t)
        chiffres.append((ligne["libelle"] + suffixe, fmt.valeur_unite(ligne["valeur"], ligne["unite"]), aide))
        fond = ligne.get("valeur_fond")
        if ligne["nature"] == "delai_moyen" and fond is not None and not pd.isna(fond):
            chiffres.append((f"{ligne['libelle']}, jusqu'à la réponse sur le fond{suffixe}",
                             fmt.valeur_unite(fond, ligne["unite"]),
                             "Délai moyen des seules demandes répondues sur le fond (sans les réponses d'attente). "
                             + aide))
    return chiffres



def tableau_tendance(cadre: pd.DataFrame) -> pd.DataFrame:
    """The values next to the trend chart: one row per indicator (short label), one column per year, French text;
    a year without a value is an empty cell."""
    if cadre.empty:
        return pd.DataFrame(columns=["Indicateur"])
    texte = cadre.assign(texte=[fmt.valeur_unite(v, u) for v, u in zip(cadre["valeur"], cadre["unite"], strict=True)])
    large = texte.pivot_table(index="libelle", columns="annee", values="texte", aggfunc="first", sort=False)
    large = large.reindex(columns=sorted(large.columns)).fillna("")
    large.columns = [str(a) for a in large.columns]
    return large.rename_axis("Indicateur").reset_index()


def tableau_non_mesures(ref, non_mesures: pd.DataFrame) -> pd.DataFrame:  # noqa: ANN001 - Referentiel
    """What is not measured yet, as people read it: the short label, module and engagement, the periods without a
    value in words."""
    def court(code: str) -> str:
        try:
            return ref.indicateur(code).libelle_court
        except KeyError:
            return code

    return pd.DataFrame({
        "Indicateur": [court(c) for c in non_mesures["code"]],
        "Eng.": non_mesures["engagement"].astype(str).to_numpy(),
        "Périodes sans valeur": [", ".join(fmt.periode_courte(p.strip()) for p in str(m).split(","))
                                 for m in non_mesures["periodes_manquantes"]],
    })


def tableau_serie(serie: pd.DataFrame, unite: str) -> pd.DataFrame:
    """The values next to a time series chart: period in words, value in French."""
    from qualepref.graphiques import etiquettes_periodes

    return pd.DataFrame({"Période": etiquettes_periodes(serie),
                         "Valeur": [fmt.valeur_unite(v, unite) for v in serie["valeur"]]})


STATUTS_ACTION = {"a_lancer": "À lancer", "en_cours": "En cours", "realisee": "Réalisée", "abandonnee": "Abandonnée"}


def tableau_axes(plan_axes: pd.DataFrame) -> pd.DataFrame:
    """Completion of the plan d'actions per axe, French headers and values."""
    return pd.DataFrame({"Axe": plan_axes["axe"].astype(str).to_numpy(),
                         "Réalisé": [fmt.pourcentage(t) for t in plan_axes["taux"]],
                         "Actions": [fmt.nombre(n) for n in plan_axes["actions"]]})


def tableau_retards(en_retard: pd.DataFrame) -> pd.DataFrame:
    """Overdue actions as people read them: the action first, then due date, progress, status, pilote, axe and
    thématique (never the internal column names); empty cells stay empty."""
    def texte(valeur: object) -> str:
        return "" if valeur is None or pd.isna(valeur) else str(valeur)

    return pd.DataFrame({
        "Action": [texte(a) for a in en_retard["action"]],
        "Échéance": [fmt.date(d) for d in en_retard["echeance"]],
        "Avancement": [fmt.pourcentage(a, 0) for a in en_retard["avancement"]],
        "Statut": [STATUTS_ACTION.get(s, texte(s)) for s in en_retard["statut"]],
        "Pilote": [texte(p) for p in en_retard["pilote"]],
        "Axe et thématique": [" — ".join(t for t in (texte(a), texte(b)) if t)
                              for a, b in zip(en_retard["axe"], en_retard["thematique"], strict=True)],
    })


def tableau_sites(sites: pd.DataFrame, zones: dict, titres: dict[str, str]) -> pd.DataFrame:
    """The sites' table in words: type, zone and referential by their labels (« Sous-préfecture », « Métropole »,
    « Qual-e-pref »), CERT and démonstration as oui/non; never a stored code but the site's own."""
    return fmt.tableau(sites, {
        "type_site": fmt.type_site,
        "zone": lambda z: zones[z].libelle if z in zones else z,
        "referentiel": lambda r: titres.get(r, r),
        "cert": fmt.oui_non,
        "demo": fmt.oui_non,
    })


def phrase_indisponibles(nombre: int) -> str | None:
    """The requests a rendez-vous rate leaves out, said under it (37.1, 40.1); None when there are none."""
    if not nombre:
        return None
    return (f"{fmt.nombre(nombre)} demande(s) dont le demandeur était indisponible : hors du taux, comptée(s) à part "
            "(« sauf indisponibilité du demandeur »).")
