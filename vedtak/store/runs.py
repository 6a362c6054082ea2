"""Ingest runs: open a row, summarise the outcomes of a batch, close the row with its counts."""

from __future__ import annotations

import os
import socket
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from vedtak.models import IngestRun
from vedtak.store.loader import RECORD_TYPES, LoadResult, utcnow
from vedtak.store.sources import Failure

STATUSES = ("new", "unchanged", "updated", "failed")


def open_run(engine: Engine, sources: list[str], flow_run_id: str | None = None, mode: str = "batch") -> int:
    """Insert a `running` ingest-run row (mode `batch` or `backfill`) for this process; returns its id.

    Runs of this host still `running` whose process is gone (killed, crashed) become `interrupted`.
    """
    host = socket.gethostname()
    with Session(engine) as session, session.begin():
        stale = session.scalars(select(IngestRun).where(IngestRun.status == "running", IngestRun.host == host,
                                                       IngestRun.pid.is_not(None)))
        for run in stale:
            if not _alive(run.pid):
                run.status = "interrupted"
        run = IngestRun(started_at=utcnow(), status="running", sources=list(sources), flow_run_id=flow_run_id,
                        records={}, mode=mode, host=host, pid=os.getpid())
        session.add(run)
        session.flush()
        return run.id


def _alive(pid: int) -> bool:
    """Whether a process with this id exists on this host (signal 0 checks without sending)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, another user's
        return True
    return True


def summarise(run_id: int | None, outcomes: list[Any]) -> dict[str, Any]:
    """The batch summary: documents per status, records per type (loaded documents), failures.

    Outcomes are LoadResult, Failure, or `{"source", "sha256", "status": "unchanged"}` dicts.
    """
    documents = dict.fromkeys(STATUSES, 0)
    records = dict.fromkeys(RECORD_TYPES, 0)
    failures: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for outcome in outcomes:
        if isinstance(outcome, Failure):
            documents["failed"] += 1
            failures.append({"source": outcome.source, "reason": outcome.reason})
            items.append({"source": outcome.source, "status": "failed", "sha256": outcome.sha256})
        elif isinstance(outcome, LoadResult):
            documents[outcome.status.value] += 1
            for name, count in outcome.records.items():
                records[name] = records.get(name, 0) + count
            items.append({"source": outcome.source, "status": outcome.status.value, "sha256": outcome.sha256})
        else:
            documents[outcome["status"]] += 1
            items.append(dict(outcome))
    return {"run_id": run_id, "documents": documents, "records": records,
            "failures": sorted(failures, key=lambda f: f["source"]),
            "items": sorted(items, key=lambda i: i["source"])}


def close_run(engine: Engine, run_id: int, summary: dict[str, Any]) -> None:
    """Write the counts and finish time onto the run row."""
    with Session(engine) as session, session.begin():
        run = session.get(IngestRun, run_id)
        run.finished_at = utcnow()
        run.status = "failed" if summary["documents"]["failed"] else "ok"
        run.documents_new = summary["documents"]["new"]
        run.documents_unchanged = summary["documents"]["unchanged"]
        run.documents_updated = summary["documents"]["updated"]
        run.documents_failed = summary["documents"]["failed"]
        run.records = dict(summary["records"])


def mark_interrupted(engine: Engine, run_id: int) -> None:
    """Close a run that was stopped part-way (Ctrl-C): `interrupted`, with when; its documents stay."""
    with Session(engine) as session, session.begin():
        run = session.get(IngestRun, run_id)
        if run is not None and run.status == "running":
            run.status = "interrupted"
            run.finished_at = utcnow()
