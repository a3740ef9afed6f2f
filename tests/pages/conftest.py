"""AppTest fixtures shared by the page tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def navigation_par_app(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run every AppTest script through app.py's ``st.navigation``, as the real server does after its first run.

    ``AppTest.run`` recomputes ``PagesManager.uses_pages_directory`` on each run, and our ``pages/`` folder (its
    name is fixed by the customer) makes it true: each run after the first would then execute the page alone,
    outside app.py. The server switches that legacy mode off for good once app.py has called ``st.navigation``
    (``pages.commun.garde`` makes sure of it on a fresh process); this fixture gives AppTest the same state.
    """
    origine = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003 - PagesManager's own signature
        origine(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
    yield


@pytest.fixture
def rempli(config_app) -> None:  # noqa: ANN001 - the app's configuration fixture (tests/conftest.py)
    """The app's database holding tests/test_resultats.py's hand-known data (tests/pages/donnees.py)."""
    from tests.pages.donnees import remplir
    from tests.pages.outils import moteur_de_l_app

    remplir(moteur_de_l_app())
