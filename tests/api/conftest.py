"""API fixtures: the samples/pdf store (SQLite), the app over it, a client, the token."""

from __future__ import annotations

import warnings

import pytest

from api_support import TOKEN  # noqa: F401  (re-exported for fixtures)


@pytest.fixture(scope="session")
def store_url(tmp_path_factory) -> str:
    """A SQLite store holding every sample document plus synthetic minutes of PS-HAV 2/26 (so that two
    cases have a proposal and a differing adopted decision). Read it, do not change it."""
    from vedtak.search.testing import build_store, hav_minutes

    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'store.db'}"
    build_store(url, extra=(hav_minutes(),))
    return url


@pytest.fixture(scope="session")
def api_app(store_url, tmp_path_factory):
    """The app over the sample store, with the test token; relative sources resolve against the repo."""
    from vedtak.api.app import create_app
    from vedtak.search.testing import REPO

    return create_app(store_url, token=TOKEN, pdf_roots=[REPO], pdf_cache=tmp_path_factory.mktemp("public-pdf"))


@pytest.fixture(scope="session")
def client(api_app):
    """A TestClient (no token sent)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient

    with TestClient(api_app) as c:
        yield c


@pytest.fixture
def auth() -> dict[str, str]:
    """Headers of a token holder."""
    return {"Authorization": f"Bearer {TOKEN}"}
