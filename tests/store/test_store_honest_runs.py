"""Honest runs (issue 16, item 2), at the store: nothing written under a closed run, counts from
what was committed, quarantine resolved when the source loads, which database errors are retried."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from vedtak.models import IngestRun, QuarantinedFile
from vedtak.store.loader import RunClosed, is_transient, load_record, over_limit, quarantine
from vedtak.store.runs import close_run, mark_interrupted, open_run, settle, summarise
from vedtak.store.sources import Failure


def test_nothing_is_written_under_a_closed_run(engine, book):
    run_id = open_run(engine, ["samples/pdf"])
    mark_interrupted(engine, run_id)
    with pytest.raises(RunClosed, match=f"ingest run {run_id} is interrupted"):
        load_record(engine, book, ingest_run_id=run_id)
    with Session(engine) as s:
        assert s.get(IngestRun, run_id).documents_new == 0
    assert load_record(engine, book, ingest_run_id=open_run(engine, ["samples/pdf"])).status.value == "new"


def test_counts_come_from_what_was_committed_and_quarantine_resolves(engine, book, minutes):
    source = book["document"]["source"]
    first = open_run(engine, ["samples/pdf"])
    bad = Failure(source, f"{source}: damaged PDF: xref", "0" * 64)
    summary = summarise(first, settle(engine, first, [bad, load_record(engine, minutes, ingest_run_id=first)]))
    close_run(engine, first, summary)
    second = open_run(engine, ["samples/pdf"])
    outcomes = settle(engine, second, [load_record(engine, book, ingest_run_id=second)])
    close_run(engine, second, summarise(second, outcomes))
    with Session(engine) as s:
        runs = s.execute(select(IngestRun.status, IngestRun.documents_new, IngestRun.documents_failed)
                         .order_by(IngestRun.id)).all()
        assert runs == [("failed", 1, 1), ("ok", 1, 0)]
        entry = s.scalars(select(QuarantinedFile)).one()
        assert (entry.kind, entry.resolved_run_id) == ("unreadable", second) and entry.resolved_at is not None


def test_over_limit_is_by_content_and_until_resolved(engine):
    quarantine(engine, "a.pdf", "a.pdf: over the time limit: extraction took more than 120 s", sha256="a" * 64,
               kind="limit")
    quarantine(engine, "b.pdf", "b.pdf: damaged PDF", sha256="b" * 64)
    quarantine(engine, "c.pdf", "c.pdf: the PDF reader crashed on it", sha256="c" * 64, kind="crash")
    assert over_limit(engine, ["a" * 64, "b" * 64, "c" * 64]) == {
        "a" * 64: "over the time limit: extraction took more than 120 s", "c" * 64: "the PDF reader crashed on it"}


class _Orig(Exception):
    pass


@pytest.mark.parametrize(("message", "transient"), [
    ('connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused', True),
    ("server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally", True),
    ("terminating connection due to administrator command", True),
    ("the database system is starting up", True),
    ("could not serialize access due to concurrent update", True),
    ("database is locked", True),
    ("deadlock detected", True),
    ("database or disk is full", False),
    ('relation "documents" does not exist', False),
    ("value too long for type character varying(64)", False),
])
def test_which_database_errors_are_retried(message, transient):
    exc = OperationalError("SELECT 1", {}, _Orig(message))
    assert is_transient(exc) is transient
    assert is_transient(ValueError(message)) is False
    assert isinstance(exc, DBAPIError)
