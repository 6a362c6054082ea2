"""Store fixtures: every `db_url` test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import pytest

from db_fixtures import db_url  # noqa: F401  (SQLite and PostgreSQL; tests/support/db_fixtures.py)

from store_support import load_fixture


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
