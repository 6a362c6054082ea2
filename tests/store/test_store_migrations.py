"""Migrations from empty: `alembic upgrade head` builds exactly the ORM's schema, on both databases;
a new store created at head (`create_at_head`, what `upgrade` does for an empty database) is the
same schema, stamped the same."""

from __future__ import annotations

import contextlib

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from vedtak import models
from vedtak.store.db import create_at_head, head_revision, make_engine, migrate, upgrade


def schema_of(engine) -> dict:
    """Every table's columns, keys, indexes and constraints, as the database reports them (columns
    as a set: a migration that adds a column appends it, `create_all` puts it where the model has it)."""
    insp = inspect(engine)
    out = {}
    for table in sorted(insp.get_table_names()):
        out[table] = {
            "columns": sorted((c["name"], str(c["type"]), c["nullable"], str(c.get("default")))
                              for c in insp.get_columns(table)),
            "pk": insp.get_pk_constraint(table)["constrained_columns"],
            "fks": sorted((fk["name"] or "", tuple(fk["constrained_columns"]), fk["referred_table"],
                           tuple(fk["referred_columns"]), str(sorted((fk.get("options") or {}).items())))
                          for fk in insp.get_foreign_keys(table)),
            "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in insp.get_indexes(table)),
            "uniques": sorted((u["name"] or "", tuple(u["column_names"])) for u in insp.get_unique_constraints(table)),
            "checks": sorted((c["name"] or "", " ".join(c["sqltext"].split())) for c in insp.get_check_constraints(table)),
        }
    return out


@contextlib.contextmanager
def second_database(db_url: str, tmp_path):
    """Another empty database on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    from vedtak.store.testing import fresh_pg_database

    with fresh_pg_database() as url:
        yield url


def test_upgrade_from_empty_matches_orm(db_url):
    engine = make_engine(db_url)
    try:
        assert inspect(engine).get_table_names() == []
        assert migrate(engine) == head_revision()
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
        migrate(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO ingest_runs (started_at, status, sources, documents_new, documents_unchanged,"
                              " documents_updated, documents_failed, records) VALUES (CURRENT_TIMESTAMP, 'ok', '[]',"
                              " 1, 0, 0, 0, '{}')"))
        assert upgrade(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.execute(text("SELECT mode FROM ingest_runs")).scalar_one() == "batch"
    finally:
        engine.dispose()


def test_new_store_created_at_head_is_the_migrated_schema(db_url, tmp_path):
    """`upgrade` of an empty database creates the ORM's tables and stamps head (no migration
    replayed): the same tables, columns, keys, indexes and constraints as `alembic upgrade head`,
    Alembic reads the same revision, and a later upgrade has nothing to do."""
    created, migrated = make_engine(db_url), None
    with second_database(db_url, tmp_path) as other_url:
        migrated = make_engine(other_url)
        try:
            assert upgrade(created) == head_revision()
            with created.connect() as conn:
                assert MigrationContext.configure(conn).get_current_revision() == head_revision()
                assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                        models.Base.metadata) == []
            assert migrate(migrated) == head_revision()
            assert schema_of(created) == schema_of(migrated)
            assert migrate(created) == head_revision()  # Alembic agrees: nothing to do
            assert schema_of(created) == schema_of(migrated)
        finally:
            created.dispose()
            migrated.dispose()


def test_create_at_head_leaves_an_existing_database_to_the_migrations(db_url):
    """A database with any table of the store in it is never created over: False, nothing touched."""
    engine = make_engine(db_url)
    try:
        migrate(engine, "0001")
        before = schema_of(engine)
        assert create_at_head(engine) is False
        assert schema_of(engine) == before
        assert upgrade(engine) == head_revision()  # the migrations take it from 0001
    finally:
        engine.dispose()
