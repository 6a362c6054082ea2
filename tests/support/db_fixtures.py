"""The `db_url` fixture shared by the store and flow tests: every test that takes it runs on
SQLite and on a fresh database of the real PostgreSQL test server (scripts/pg.sh)."""

from __future__ import annotations

import pytest


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
