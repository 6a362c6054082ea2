"""Alembic environment: configured in code by vedtak.store.migrate, never by an alembic.ini.

The caller passes either an open connection (`config.attributes["connection"]`) or a URL
(`sqlalchemy.url` main option). On PostgreSQL an advisory lock serialises concurrent upgrades.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, text

from vedtak.models.store import Base
from vedtak.store.db import PG_SCHEMA_LOCK_KEY

target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Leave the search index alone: its `search_*` tables are a derived cache that
    vedtak.search.index rebuilds, not part of the store's schema."""
    return not (type_ == "table" and name is not None and name.startswith("search_"))


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_SCHEMA_LOCK_KEY})
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate over the given connection, or over a new engine built from sqlalchemy.url."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
