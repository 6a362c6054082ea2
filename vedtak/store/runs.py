"""Ingest runs: open a row, summarise the outcomes of a batch, close the row with its counts."""

from __future__ import annotations

import os
import socket
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vedtak.models import Document, DocumentVersion, IngestRun, QuarantinedFile
from vedtak.store.loader import RECORD_TYPES, LoadResult, quarantine, resolve_quarantined, utcnow
from vedtak.store.sources import Failure

# new / updated: a version of the source written by this run; unchanged: the source holds that
# content already; gone: a file deleted since (its version closed); skipped: the same content went
# over a per-document limit before (not extracted again until it changes); failed: quarantined.
STATUSES = ("new", "unchanged", "updated", "gone", "skipped", "failed")


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
    skipped: list[dict[str, Any]] = []
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
            if outcome["status"] == "skipped":
                skipped.append({"source": outcome["source"], "reason": outcome["reason"]})
            items.append(dict(outcome))
    return {"run_id": run_id, "documents": documents, "records": records,
            "failures": sorted(failures, key=lambda f: f["source"]),
            "skipped": sorted(skipped, key=lambda f: f["source"]),
            "items": sorted(items, key=lambda i: i["source"])}


def settle(engine: Engine, run_id: int, outcomes: list[Any]) -> list[Any]:
    """The outcomes as the store has them: a document reported failed because its worker died or
    overran *after* its transaction committed is what was committed (new or updated); every other
    failure is quarantined (once, with its kind); the open quarantine entries of every source that
    loaded (or already holds its content) are resolved by this run."""
    failures = [o for o in outcomes if isinstance(o, Failure)]
    committed = _written_by(engine, run_id, [f.source for f in failures if f.sha256])
    settled: list[Any] = []
    for outcome in outcomes:
        if isinstance(outcome, Failure) and outcome.sha256 and outcome.source in committed \
                and committed[outcome.source][0] == outcome.sha256:
            outcome = {"source": outcome.source, "sha256": outcome.sha256, "status": committed[outcome.source][1]}
        if isinstance(outcome, Failure):
            quarantine(engine, outcome.source, outcome.reason, sha256=outcome.sha256, ingest_run_id=run_id,
                       kind=outcome.kind)
        settled.append(outcome)
    loaded = [o.source if isinstance(o, LoadResult) else o["source"] for o in settled
              if not isinstance(o, Failure) and _status(o) in ("new", "updated", "unchanged")]
    resolve_quarantined(engine, loaded, run_id)
    return settled


def _status(outcome: Any) -> str:
    return outcome.status.value if isinstance(outcome, LoadResult) else outcome["status"]


def _written_by(engine: Engine, run_id: int, sources: list[str]) -> dict[str, tuple[str, str]]:
    """(sha256, new|updated) of the open version this run wrote for each of these sources."""
    if not sources:
        return {}
    with engine.connect() as conn:
        rows = conn.execute(
            select(DocumentVersion.source, Document.sha256, DocumentVersion.version)
            .join(Document, Document.id == DocumentVersion.document_id)
            .where(DocumentVersion.source.in_(sorted(set(sources))), DocumentVersion.valid_to.is_(None),
                   DocumentVersion.ingest_run_id == run_id))
        return {source: (sha, "new" if version == 1 else "updated") for source, sha, version in rows}


def close_run(engine: Engine, run_id: int, summary: dict[str, Any]) -> None:
    """Close the run row: its status and finish time, and its counts. New and updated documents
    and failures are counted from what the store holds (versions written and quarantine entries of
    this run), not from what the workers reported."""
    with Session(engine) as session, session.begin():
        run = session.get(IngestRun, run_id)
        failed = _committed_counts(session, run)
        run.finished_at = utcnow()
        run.status = "failed" if failed else "ok"
        run.documents_unchanged = summary["documents"]["unchanged"]
        run.documents_gone = summary["documents"].get("gone", 0)
        run.documents_skipped = summary["documents"].get("skipped", 0)
        run.records = dict(summary["records"])


def _committed_counts(session: Session, run: IngestRun) -> int:
    """Set the run's new / updated counts from the versions it wrote; its failures (quarantined), returned."""
    firsts = session.execute(
        select(DocumentVersion.version == 1).where(DocumentVersion.ingest_run_id == run.id)).scalars().all()
    run.documents_new = sum(1 for first in firsts if first)
    run.documents_updated = len(firsts) - run.documents_new
    run.documents_failed = session.scalar(select(func.count()).select_from(QuarantinedFile)
                                          .where(QuarantinedFile.ingest_run_id == run.id))
    return run.documents_failed


def mark_interrupted(engine: Engine, run_id: int) -> None:
    """Close a run that was stopped part-way (Ctrl-C): `interrupted`, with when and with the counts
    of what it committed; its documents stay. Nothing is written under it afterwards (the loader
    refuses a closed run)."""
    with Session(engine) as session, session.begin():
        run = session.get(IngestRun, run_id)
        if run is not None and run.status == "running":
            _committed_counts(session, run)
            run.status = "interrupted"
            run.finished_at = utcnow()
