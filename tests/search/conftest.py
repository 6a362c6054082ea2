"""Search fixtures: the samples/pdf store on SQLite and on PostgreSQL (one per session and backend)."""

from __future__ import annotations

import pytest

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def _pg_store():
    from vedtak.search.testing import build_store
    from vedtak.store.testing import PgUnavailable, fresh_pg_database

    try:
        with fresh_pg_database("vedtak_search") as url:
            build_store(url)
            yield url
    except PgUnavailable as exc:
        pytest.skip(f"MISSING COMPONENT: PostgreSQL ({exc})")


@pytest.fixture(scope="session")
def _sqlite_store(tmp_path_factory):
    from vedtak.search.testing import build_store

    url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'store.db'}"
    build_store(url)
    return url


@pytest.fixture(params=BACKENDS)
def store_url(request) -> str:
    """URL of a store holding every sample document (read it, do not change it)."""
    return request.getfixturevalue("_sqlite_store" if request.param == "sqlite" else "_pg_store")


@pytest.fixture
def engine(store_url):
    """An engine on the sample store."""
    from vedtak.store.db import make_engine

    eng = make_engine(store_url)
    yield eng
    eng.dispose()


@pytest.fixture(params=BACKENDS)
def empty_url(request, tmp_path):
    """A fresh, migrated, empty store (for tests that write)."""
    from vedtak.store.db import make_engine, upgrade

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'empty.db'}"
        eng = make_engine(url)
        upgrade(eng)
        eng.dispose()
        yield url
        return
    from vedtak.store.testing import PgUnavailable, fresh_pg_database

    try:
        with fresh_pg_database("vedtak_search") as url:
            eng = make_engine(url)
            upgrade(eng)
            eng.dispose()
            yield url
    except PgUnavailable as exc:
        pytest.skip(f"MISSING COMPONENT: PostgreSQL ({exc})")
