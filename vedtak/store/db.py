"""Database URL resolution, engines (SQLite WAL + busy timeout, PostgreSQL) and migrations."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

SQLITE_BUSY_TIMEOUT_MS = 60_000
# A writing connection checkpoints the write-ahead log into the database file when the log has
# this many pages (SQLite's default: 1,000 = 4 MB). One document's load writes ~200-300 pages, many
# of them the same index pages as the document before: at 1,000 every fourth commit copied them
# all again and synced both files (~3 ms a document of an ingest's 6-9). At 10,000 (40 MB of log
# at most, the file kept at that size until the last connection closes and checkpoints it) a
# page changed by many documents is copied once per checkpoint. The store's content is the same.
SQLITE_WAL_AUTOCHECKPOINT_PAGES = 10_000

# PostgreSQL: an advisory lock that serialises whatever creates or migrates the schema (the
# migrations' env.py and create_at_head); any 64-bit number, the same in every process.
PG_SCHEMA_LOCK_KEY = 7_402_125_331


def vedtak_home() -> Path:
    """The project data directory: `$VEDTAK_HOME`, else `./var`."""
    return Path(os.environ.get("VEDTAK_HOME") or "var").absolute()


def resolve_url(url: str | None = None) -> str:
    """The database URL: the argument, else `$VEDTAK_DATABASE_URL`, else `$VEDTAK_HOME/vedtak.db`.

    `postgresql://` URLs get the psycopg 3 driver (`postgresql+psycopg://`).
    """
    url = url or os.environ.get("VEDTAK_DATABASE_URL")
    if not url:
        home = vedtak_home()
        home.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{home / 'vedtak.db'}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return url


def make_engine(url: str | None = None, *, write: bool = True) -> Engine:
    """An engine for the store. SQLite: WAL, busy timeout, and `BEGIN IMMEDIATE` and a larger
    write-ahead log between checkpoints (SQLITE_WAL_AUTOCHECKPOINT_PAGES) when `write`.

    `BEGIN IMMEDIATE` takes SQLite's write lock at the start of each transaction, so two
    concurrent ingests queue on the busy timeout instead of failing on a lock upgrade.
    A read engine (`write=False`) gives each transaction one snapshot of the store: on
    PostgreSQL its transactions are REPEATABLE READ (a read-only one never fails to serialize),
    on SQLite a deferred `BEGIN` in WAL mode reads one snapshot until it ends. So an API request
    (one Session) never mixes two states of the store while an ingest commits.
    """
    url = resolve_url(url)
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **({} if write else {"isolation_level": "REPEATABLE READ"}))
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        _set_wal(cursor)
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA synchronous = NORMAL")
        if write:
            cursor.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_AUTOCHECKPOINT_PAGES}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _set_wal(cursor, attempts: int = 100) -> None:
    """`PRAGMA journal_mode = WAL`. On a new file while another process creates the store, SQLite
    answers `database is locked` at once, without its busy handler: try again for up to ~10 s."""
    import sqlite3
    import time

    for attempt in range(attempts):
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.1)


def alembic_config(url: str | None = None):
    """An Alembic Config pointing at models/migrations, built in code (no alembic.ini)."""
    from alembic.config import Config

    from vedtak import models
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(models.__file__).parent / "migrations"))
    if url:
        cfg.set_main_option("sqlalchemy.url", resolve_url(url).replace("%", "%%"))
    return cfg


def upgrade(engine_or_url: Engine | str | None = None, revision: str = "head") -> str | None:
    """Bring the store to `revision` (default head); returns the revision it is at after.

    At head already: nothing (Alembic is not even imported, ~0.25 s of every command). A new,
    empty store: created at head (`create_at_head`). Anything else: the migrations (`migrate`).
    """
    engine = engine_or_url if isinstance(engine_or_url, Engine) else make_engine(engine_or_url)
    try:
        current = _stamped_revision(engine)
        if revision == "head" and current is not None and current == _shipped_head():
            return current
        if revision == "head" and current is None and create_at_head(engine):
            return _shipped_head()
        return migrate(engine, revision)
    finally:
        if not isinstance(engine_or_url, Engine):
            engine.dispose()


def migrate(engine: Engine, revision: str = "head") -> str | None:
    """Replay the shipped migrations up to `revision` with Alembic; the revision the store is at after."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


_REVISION_RE = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_RE = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)


@functools.cache
def _shipped_head() -> str | None:
    """The head of the shipped migrations read from their files (a straight line of revisions;
    anything else, None: Alembic decides)."""
    from vedtak import models
    revisions, downs = set(), set()
    for path in (Path(models.__file__).parent / "migrations" / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REVISION_RE.search(text), _DOWN_RE.search(text)
        if rev:
            revisions.add(rev.group(1))
        if down:
            downs.add(down.group(1))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None


def create_at_head(engine: Engine) -> bool:
    """A brand-new store: create the ORM's tables and stamp the shipped head, in one transaction.

    Alembic's own recipe for a database built from scratch (`create_all`, then stamp head),
    without importing Alembic or replaying every migration (~0.25 s of a new store's first
    ingest). The result is the same schema as `alembic upgrade head` (tests/store compare
    the two, table by table, on both databases). Returns False, touching nothing, unless the
    database holds no table of the store at all: then the migrations decide.
    """
    head = _shipped_head()
    if head is None:
        return False
    from vedtak import models
    from sqlalchemy import inspect, text

    with engine.begin() as conn:  # SQLite: BEGIN IMMEDIATE, a second creator waits and finds it made
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_SCHEMA_LOCK_KEY})
        if [name for name in inspect(conn).get_table_names() if not name.startswith("search_")]:
            return False
        models.Base.metadata.create_all(conn)
        # Alembic's version table, as `alembic stamp` creates it
        conn.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                          "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": head})
    return True


def at_head(engine: Engine) -> bool:
    """Whether the store exists and is migrated to the shipped head (connects: a wrong URL raises)."""
    current = _stamped_revision(engine)
    return current is not None and current == _shipped_head()


def _stamped_revision(engine: Engine) -> str | None:
    """The revision the store is stamped with (None for a new or unstamped store)."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    return rows[0] if len(rows) == 1 else None


def head_revision() -> str | None:
    """The newest revision shipped with the package."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
