() => {
  // Labels, values and headers whose text is cut (its content wider than its box), in the page's main part;
  // tables wider than their container; the page itself scrolling sideways; and how many canvas grids the page
  // holds (st.dataframe draws its headers on a canvas: none may hide there).
  const choix = [
    '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"]', '[data-testid="stMetricLabel"] p',
    '[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"]', '[data-testid="stMetricValue"] p',
    'th', 'td', 'caption', '.qp-tuile h2', '.qp-tuile h3', '.qp-mots', '[data-testid="stWidgetLabel"] p',
    '[data-testid="stHeading"] h1', '[data-testid="stHeading"] h2', '[data-testid="stHeading"] h3',
    '[data-testid="stPageLink-NavLink"] span', '[data-testid="stCaptionContainer"] p', 'button p'];
  const principal = document.querySelector('[data-testid="stMain"]') || document.body;
  const coupes = [];
  for (const e of principal.querySelectorAll(choix.join(','))) {
    if (e.offsetWidth <= 1 || e.offsetHeight <= 1) continue;  // hidden (a table's headers on a phone)
    if (e.scrollWidth > e.clientWidth + 1)
      coupes.push(`${e.tagName.toLowerCase()} « ${e.textContent.trim().slice(0, 80)} » ${e.scrollWidth} > ${e.clientWidth}`);
  }
  for (const t of principal.querySelectorAll('table')) {
    const boite = t.parentElement;
    if (t.offsetWidth > boite.clientWidth + 1)
      coupes.push(`table « ${t.textContent.trim().slice(0, 60)} » ${t.offsetWidth} > ${boite.clientWidth}`);
  }
  const bloc = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (bloc && bloc.scrollWidth > bloc.clientWidth + 1) coupes.push(`page ${bloc.scrollWidth} > ${bloc.clientWidth}`);
  return {coupes, grilles: principal.querySelectorAll('[data-testid="stDataFrame"]').length,
          metriques: principal.querySelectorAll('[data-testid="stMetric"]').length,
          tables: principal.querySelectorAll('table').length};
}
