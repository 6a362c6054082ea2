"""Migrations from empty: `alembic upgrade head` builds exactly the ORM's schema, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

import models
from vedtak.store.db import head_revision, make_engine, upgrade


def test_upgrade_from_empty_matches_orm(db_url):
    engine = make_engine(db_url)
    try:
        assert inspect(engine).get_table_names() == []
        assert upgrade(engine) == head_revision()
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), models.Base.metadata)
        assert diff == []
        tables = set(inspect(engine).get_table_names())
        assert set(models.Base.metadata.tables) | {"alembic_version"} == tables
        assert upgrade(engine) == head_revision()  # a second upgrade is a no-op
    finally:
        engine.dispose()


def test_db_upgrade_command(db_url):
    from typer.testing import CliRunner

    from vedtak.cli import app

    result = CliRunner().invoke(app, ["db", "upgrade", "--db", db_url])
    assert result.exit_code == 0, result.output
    assert head_revision() in result.output
    engine = make_engine(db_url)
    try:
        assert "cases" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_upgrade_step_by_step_keeps_rows(db_url):
    """An existing store at 0001 with a run row upgrades to head; the row gets the default mode."""
    from sqlalchemy import text

    engine = make_engine(db_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO ingest_runs (started_at, status, sources, documents_new, documents_unchanged,"
                              " documents_updated, documents_failed, records) VALUES (CURRENT_TIMESTAMP, 'ok', '[]',"
                              " 1, 0, 0, 0, '{}')"))
        assert upgrade(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT mode FROM ingest_runs")).scalar_one() == "batch"
    finally:
        engine.dispose()
