"""Errors for people: one line per failure saying what went wrong, where, and what to do.

Every `vedtak` command ends through `vedtak.cli.main`, which prints `describe(exc)` on stderr for
any error a command did not handle itself; the traceback only with `vedtak --debug …`.
"""

from __future__ import annotations

import errno
import re

_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")

# What a database driver says when the server cannot be reached or went away.
_UNREACHABLE = ("connection refused", "could not connect", "connection failed", "server closed the connection",
                "terminating connection", "the database system is shutting down",
                "the database system is starting up", "no connection to the server", "could not translate host name",
                "connection is closed", "connection timed out", "consuming input failed")
_DISK_FULL = ("database or disk is full", "no space left on device", "could not extend file", "disk full")


def _first_line(text: str) -> str:
    return _URL_PASSWORD.sub(r"\1***@", (text or "").strip().splitlines()[0] if (text or "").strip() else "")


def describe(exc: BaseException, db_url: str | None = None) -> str:
    """One line for a person: what failed, where, what to do. Real messages it turns into lines:

    - `psycopg.OperationalError: connection failed: … Connection refused` ->
      `cannot reach the database postgresql+psycopg://vedtak:***@db:5432/vedtak (connection failed: …):
      is the server running? Check --db or VEDTAK_DATABASE_URL, then run again`
    - `sqlite3.OperationalError: database or disk is full` / `OSError: [Errno 28] No space left on
      device` -> `the disk is full (…): free space and run again; what was loaded before is kept`
    - `PermissionError: [Errno 13] Permission denied: 'var/vedtak.db'` -> `permission denied:
      var/vedtak.db: …`
    """
    from vedtak.errors import InputError

    if isinstance(exc, InputError):
        return str(exc)
    orig = getattr(exc, "orig", None)
    text = _first_line(str(orig if orig is not None else exc))
    lowered = str(orig if orig is not None else exc).lower()
    where = _URL_PASSWORD.sub(r"\1***@", db_url) if db_url else None
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or any(w in lowered for w in _DISK_FULL):
        place = getattr(exc, "filename", None) or where or "the store's disk"
        return f"the disk is full ({place}: {text}): free space and run again; what was loaded before is kept"
    if isinstance(exc, PermissionError):
        return f"permission denied: {exc.filename or text}: check who owns it, or use another --db / VEDTAK_HOME"
    if _is_sqlalchemy(exc) and any(w in lowered for w in _UNREACHABLE):
        return (f"cannot reach the database{' ' + where if where else ''} ({text}): is the server running? "
                "Check --db or VEDTAK_DATABASE_URL, then run again")
    if _is_sqlalchemy(exc):
        return f"database error{' on ' + where if where else ''}: {text}"
    if isinstance(exc, FileNotFoundError):
        return f"no such file: {exc.filename or text}"
    if isinstance(exc, OSError):
        return f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or text}"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _is_sqlalchemy(exc: BaseException) -> bool:
    return type(exc).__module__.startswith("sqlalchemy")
