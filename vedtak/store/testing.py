"""Test helpers for any suite that needs a real database: a PostgreSQL server and fresh databases.

`pg_server_url()` takes `$VEDTAK_TEST_PG_URL`, else starts one with scripts/pg.sh; it raises
`PgUnavailable` with the reason when neither works, so the caller can skip loudly.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


class PgUnavailable(RuntimeError):
    """No PostgreSQL server could be found or started; the message says why."""


_server_url: str | None = None


def pg_server_url() -> str:
    """URL of a running PostgreSQL server (cached per process)."""
    global _server_url
    if _server_url:
        return _server_url
    url = os.environ.get("VEDTAK_TEST_PG_URL")
    if not url:
        script = REPO / "scripts" / "pg.sh"
        if not script.exists():
            raise PgUnavailable(f"VEDTAK_TEST_PG_URL unset and {script} missing")
        proc = subprocess.run(["bash", str(script), "start"], cwd=REPO, capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise PgUnavailable(f"scripts/pg.sh start failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("export VEDTAK_TEST_PG_URL=")]
        if not lines:
            raise PgUnavailable(f"scripts/pg.sh printed no URL: {proc.stdout!r}")
        url = lines[-1].split("=", 1)[1]
        os.environ["VEDTAK_TEST_PG_URL"] = url  # child processes (CLI tests) reuse it
    _server_url = url
    return url


def _admin_engine(server_url: str):
    from sqlalchemy import create_engine

    from vedtak.store.db import resolve_url

    return create_engine(resolve_url(server_url), isolation_level="AUTOCOMMIT")


@contextmanager
def fresh_pg_database(prefix: str = "vedtak_test") -> Iterator[str]:
    """A new, empty database on the test server for the duration of the block; dropped after."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    server = pg_server_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine(server)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any failure means "no usable server"
        admin.dispose()
        raise PgUnavailable(f"cannot create a database on {server}: {exc}") from exc
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class PgCluster:
    """A PostgreSQL cluster of one's own (scripts/pg.sh with its own VEDTAK_PG_DIR), to stop and
    start without touching the server other tests share."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.env = {**os.environ, "VEDTAK_PG_DIR": str(self.folder)}
        self.url = ""

    def _pg(self, *args: str, timeout: float = 600) -> str:
        proc = subprocess.run(["bash", str(REPO / "scripts" / "pg.sh"), *args], cwd=REPO, env=self.env,
                              capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise PgUnavailable(f"scripts/pg.sh {' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")
        return proc.stdout

    def start(self) -> str:
        """Start it; its URL (database `vedtak`)."""
        lines = [ln for ln in self._pg("start").splitlines() if ln.startswith("export VEDTAK_TEST_PG_URL=")]
        if not lines:
            raise PgUnavailable("scripts/pg.sh printed no URL")
        self.url = lines[-1].split("=", 1)[1]
        return self.url

    def outage(self, seconds: float) -> None:
        """Stop the server (fast: open connections are cut), wait `seconds`, start it on the same port."""
        self._pg("outage", f"{seconds:g}")

    def stop(self) -> None:
        """Stop it (the data directory stays)."""
        self._pg("stop")


@contextmanager
def own_pg_cluster(folder: Path) -> Iterator[PgCluster]:
    """A started PgCluster under `folder` for the duration of the block; stopped after."""
    cluster = PgCluster(folder)
    cluster.start()
    try:
        yield cluster
    finally:
        try:
            cluster.stop()
        except (PgUnavailable, subprocess.TimeoutExpired):
            pass
