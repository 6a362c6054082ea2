"""Bounds per document (issue 16, item 3), enforced by the worker from outside the extractor:
a wall-clock limit (a timer in the worker; a kill by its lane when the extraction does not come
back to Python) and a memory limit (RLIMIT_AS). A document over a limit fails with a clear reason,
only it; the rest of its batch loads; its content is skipped on the next run until it changes."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import vedtak.flows  # noqa: F401
from vedtak.batch import Limits, WorkerPool
from vedtak.flows import ingest as flow_mod
from vedtak.store import sources as src

from test_flow_tasks import _store_with_run

CASES = [
    # extractor, limits, the failure's kind, words of its reason
    ("slow_on_investeringsplan", Limits(seconds=1.0, memory_mb=0), "limit",
     "over the time limit: extraction took more than 1 s"),
    ("stuck_on_investeringsplan", Limits(seconds=1.0, memory_mb=0), "limit",
     "over the time limit: extraction took more than 1 s; its worker was stopped"),
    ("bloats_on_investeringsplan", Limits(seconds=0, memory_mb=300), "limit",
     "over the memory limit: extraction needed more than 300 MB"),
]


@pytest.mark.parametrize(("extractor", "limits", "kind", "words"), CASES, ids=[c[0] for c in CASES])
def test_a_document_over_a_limit_fails_alone(pdf_folder, tmp_path, extractor, limits, kind, words):
    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    run_id = _store_with_run(db_url, pdf_folder)
    items, _ = flow_mod.discover.fn([str(pdf_folder)], str(tmp_path / "cache"))
    fetched = sorted(flow_mod.hash_files.fn(items), key=lambda f: not f.source.endswith("investeringsplan.pdf"))
    pool = WorkerPool(1, f"flow_fake_extractor:{extractor}", limits=limits)
    try:
        outcomes = [pool.run(1, f, db_url, run_id) for f in fetched]
    finally:
        pool.shutdown()
    hostile, *rest = outcomes
    assert isinstance(hostile, src.Failure) and hostile.kind == kind, hostile
    assert hostile.reason.startswith(f"{hostile.source}: {words}"), hostile.reason
    assert [o.status.value for o in rest] == ["new", "new"], rest


def test_over_limit_content_is_skipped_until_it_changes(pdf_folder, tmp_path):
    """Quarantined `limit`: the next run skips the same bytes (named, with the reason) and
    --retry-limited tries them again; changed bytes are tried at once."""
    from vedtak.flows.ingest import run_ingest
    from vedtak.models import QuarantinedFile
    from vedtak.store.db import make_engine

    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    limits = Limits(seconds=1.0, memory_mb=0)
    extractor = "flow_fake_extractor:slow_on_investeringsplan"
    cache = str(tmp_path / "cache")
    first = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=cache, extractor=extractor, limits=limits)
    assert (first["documents"]["new"], first["documents"]["failed"]) == (2, 1)
    assert "over the time limit" in first["failures"][0]["reason"]
    second = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=cache, extractor=extractor, limits=limits)
    assert (second["documents"]["skipped"], second["documents"]["failed"], second["extract_and_load_s"]) == (1, 0, 0)
    assert second["skipped"][0]["reason"].startswith(f"{second['skipped'][0]['source']}: skipped, quarantined before: over the time limit")
    third = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=cache, extractor=extractor, limits=limits,
                       retry_limited=True)
    assert (third["documents"]["skipped"], third["documents"]["failed"]) == (0, 1)
    # the file is fixed (other bytes): tried at once, loads, and its quarantine entries are resolved
    plan = next(pdf_folder.rglob("*investeringsplan.pdf"))
    plan.write_bytes(plan.read_bytes() + b"\n")
    fixed = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=cache,
                       extractor="flow_fake_extractor:extract_file", limits=limits)
    assert (fixed["documents"]["new"], fixed["documents"]["failed"]) == (1, 0), fixed
    engine = make_engine(db_url)
    with Session(engine) as s:
        entries = s.execute(select(QuarantinedFile.kind, QuarantinedFile.resolved_run_id)).all()
    engine.dispose()
    assert [kind for kind, _ in entries] == ["limit", "limit"]
    assert all(resolved == fixed["run_id"] for _, resolved in entries)
