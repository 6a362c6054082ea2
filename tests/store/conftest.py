"""Store fixtures: every `db_url` test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from store_support import load_fixture


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """An empty database URL: a SQLite file, or a fresh database on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from vedtak.store.testing import PgUnavailable, fresh_pg_database

    try:
        with fresh_pg_database() as url:
            yield url
    except PgUnavailable as exc:
        pytest.skip(f"MISSING COMPONENT: PostgreSQL REQUIRED but unavailable: {exc}")


@pytest.fixture
def engine(db_url):
    """A migrated engine on `db_url`."""
    from vedtak.store.db import make_engine, upgrade

    eng = make_engine(db_url)
    upgrade(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def book() -> dict:
    """Meeting book (case papers) of PS-HELSE 6/24: proposals."""
    return load_fixture("book_6_24.json")


@pytest.fixture
def minutes() -> dict:
    """Minutes of PS-HELSE 6/24: adopted decisions and attendance."""
    return load_fixture("minutes_6_24.json")
