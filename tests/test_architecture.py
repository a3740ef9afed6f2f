"""The seams of the design, checked by parsing the code: the core never imports Streamlit, pages never compute."""

from __future__ import annotations

import ast
import re
from pathlib import Path

RACINE = Path(__file__).resolve().parent.parent


def _imports(fichier: Path) -> set[str]:
    arbre = ast.parse(fichier.read_text(encoding="utf-8"))
    noms: set[str] = set()
    for noeud in ast.walk(arbre):
        if isinstance(noeud, ast.Import):
            noms.update(alias.name for alias in noeud.names)
        elif isinstance(noeud, ast.ImportFrom) and noeud.module:
            noms.add(noeud.module)
    return noms


def test_le_coeur_n_importe_jamais_streamlit() -> None:
    fautifs = [
        str(f.relative_to(RACINE)) for f in (RACINE / "qualepref").rglob("*.py")
        if any(n == "streamlit" or n.startswith("streamlit.") for n in _imports(f))
    ]
    assert fautifs == []


def test_le_controle_detecte_bien_un_import_de_streamlit(tmp_path: Path) -> None:
    fichier = tmp_path / "fautif.py"
    fichier.write_text("def f():\n    from streamlit import write\n", encoding="utf-8")
    assert "streamlit" in _imports(fichier)


CALCULS_INTERDITS = re.compile(r"\.groupby\(|\.pivot_table\(|\.merge\(|\bselect\(|\.execute\(|busday|read_sql")


def test_les_pages_ne_calculent_ni_n_interrogent_la_base() -> None:
    fautifs = [
        f"{f.name}:{n}" for f in [RACINE / "app.py", *(RACINE / "pages").glob("*.py")]
        for n, ligne in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
        if CALCULS_INTERDITS.search(ligne)
    ]
    assert fautifs == []


def test_les_cles_de_session_sont_des_constantes() -> None:
    """No page writes ``st.session_state["..."]`` with a literal key: keys live in pages/commun.py."""
    litteraux = re.compile(r"session_state\[\s*['\"]|session_state\.get\(\s*['\"]")
    fautifs = [
        f"{f.name}:{n}" for f in [RACINE / "app.py", *(RACINE / "pages").glob("*.py")]
        for n, ligne in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if litteraux.search(ligne)
    ]
    assert fautifs == []


def test_les_cles_de_widgets_sont_des_constantes() -> None:
    """Widget keys come from ``pages.commun.Widget``, never a literal string on a page."""
    litteraux = re.compile(r"\bkey\s*=\s*['\"]")
    fautifs = [
        f"{f.name}:{n}" for f in [RACINE / "app.py", *(RACINE / "pages").glob("*.py")]
        for n, ligne in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if litteraux.search(ligne)
    ]
    assert fautifs == []
