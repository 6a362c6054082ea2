"""Errors for people (issue 16, item 5): every command ends on one line saying what failed, where
and what to do; the traceback only with `vedtak --debug`."""

from __future__ import annotations

import socket
import subprocess

import pytest
from sqlalchemy.exc import OperationalError

from faults_support import ROOT, VEDTAK, cli_env


class _DriverError(Exception):
    pass


@pytest.mark.parametrize(("exc", "line"), [
    (OperationalError("SELECT 1", {}, _DriverError(
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused\n'
        "\tIs the server running on that host and accepting TCP/IP connections?")),
     'cannot reach the database (connection failed: connection to server at "127.0.0.1", port 5432 failed: '
     "Connection refused): is the server running? Check --db or VEDTAK_DATABASE_URL, then run again"),
    (OperationalError("INSERT …", {}, _DriverError("database or disk is full")),
     "the disk is full (the store's disk: database or disk is full): free space and run again; "
     "what was loaded before is kept"),
    (OSError(28, "No space left on device", "/srv/vedtak/var/vedtak.db-wal"),
     "the disk is full (/srv/vedtak/var/vedtak.db-wal: [Errno 28] No space left on device: "
     "'/srv/vedtak/var/vedtak.db-wal'): free space and run again; what was loaded before is kept"),
    (PermissionError(13, "Permission denied", "var/vedtak.db"),
     "permission denied: var/vedtak.db: check who owns it, or use another --db / VEDTAK_HOME"),
    (FileNotFoundError(2, "No such file or directory", "/proc/nonexistent"), "no such file: /proc/nonexistent"),
])
def test_describe_gives_one_line(exc, line):
    from vedtak.commands.errors import describe

    assert describe(exc) == line
    assert "\n" not in describe(exc)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


@pytest.mark.parametrize("command", [["stats"], ["diff"], ["stats", "--json"], ["export", "--format", "json"]])
def test_every_command_with_the_database_down_says_so_in_one_line(command, tmp_path):
    db = f"postgresql://vedtak:hemmelig@127.0.0.1:{_closed_port()}/vedtak"
    extra = ["--out", str(tmp_path / "ut")] if command[0] == "export" else []
    proc = subprocess.run([*VEDTAK, *command, *extra, "--db", db], capture_output=True, text=True, timeout=120,
                          cwd=tmp_path, env=cli_env(VEDTAK_HOME=str(tmp_path / "vh")))
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 1, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"vedtak {command[0]}: cannot reach the database"), lines[0]
    assert "Connection refused" in lines[0] and "hemmelig" not in lines[0]
    debug = subprocess.run([*VEDTAK, "--debug", *command, *extra, "--db", db], capture_output=True, text=True,
                           timeout=120, cwd=tmp_path, env=cli_env(VEDTAK_HOME=str(tmp_path / "vh")))
    assert "Traceback (most recent call last)" in debug.stderr and debug.returncode == 1


def test_ingest_with_the_database_down_says_so_in_one_line(tmp_path):
    db = f"postgresql://postgres@127.0.0.1:{_closed_port()}/vedtak"
    proc = subprocess.run([*VEDTAK, "ingest", str(ROOT / "samples" / "pdf"), "--db", db], capture_output=True,
                          text=True, timeout=120, cwd=tmp_path, env=cli_env(VEDTAK_HOME=str(tmp_path / "vh")))
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"vedtak ingest: cannot reach the database postgresql+psycopg://postgres@127.0.0.1:")
