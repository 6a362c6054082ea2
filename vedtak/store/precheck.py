"""Before a flow starts: is there anything to do?

The batch after a meeting, a cron job and a resumed backfill are mostly re-runs over files the
store already holds. Finding that out takes a glob, a hash per file and one query (well under a
second for hundreds of files); starting Prefect to find it out takes seconds. So `vedtak ingest`
asks here first: when every source is a local file the store already holds as that source's
current content, and no file the store holds under these specs was deleted, the run
is recorded (an `ingest_runs` row with its counts, mode, no flow run id) and that is all. Anything
else (a new or changed file, a URL, a missing file, a failed discovery) goes to the flow, which
does the same checks again and the work.
"""

from __future__ import annotations

from typing import Any

from vedtak.store import sources as src


def unchanged_outcomes(specs: list[str], engine) -> list[dict[str, Any]] | None:
    """The `unchanged` outcome of every document the specs name, or None if any needs the flow."""
    from vedtak.store.loader import unchanged

    if not specs or any(src.is_url(spec) for spec in specs):
        return None  # a URL may have changed behind its ETag: the flow fetches (with retries)
    items, failures = src.discover_all(specs, cache_dir=None)
    if failures or not items:
        return None  # the flow reports failures, with the other outcomes
    fetched: list[src.Fetched] = []
    for item in items:
        try:
            fetched.append(src.fetch(item, None))
        except (OSError, ValueError):
            return None
    pairs = [(f.source, f.sha256) for f in fetched]
    if set(pairs) - unchanged(engine, pairs):
        return None
    from vedtak.store.identity import gone_sources

    if gone_sources(engine, specs):
        return None  # a file deleted since: the flow marks it gone
    return [{"source": f.source, "sha256": f.sha256, "status": "unchanged"} for f in fetched]


def record_if_unchanged(specs: list[str], db_url: str, mode: str = "batch") -> dict[str, Any] | None:
    """If nothing in `specs` is new: record the run and return its summary (as the flow's); else None."""
    from vedtak.errors import InputError
    from vedtak.store.db import make_engine
    from vedtak.store.runs import close_run, open_run, summarise

    engine = make_engine(db_url)
    try:
        try:
            outcomes = unchanged_outcomes(specs, engine)
        except InputError:
            return None
        if outcomes is None:
            return None
        run_id = open_run(engine, list(specs), None, mode)
        summary = summarise(run_id, outcomes)
        close_run(engine, run_id, summary)
        return {**summary, "extract_and_load_s": 0.0}  # the same shape as the flow's summary
    finally:
        engine.dispose()
