"""The `ingest` flow: discover -> fetch -> extract and load in batches -> report.

Tasks wrap calls into vedtak.store and vedtak.batch. Only the I/O tasks (discover, fetch of a
URL) retry, with exponential backoff. Documents are extracted and loaded in *batches* (at most
BATCH_DOCS documents, largest files first, shrinking towards the end) by vedtak's worker processes
(`--workers N`, default 1), which extract and load each document there, one transaction per
document; records never cross a process boundary and none is kept once loaded. A document that
fails is quarantined and named while the rest of its batch goes on.

Prefect sees one `ingest-worker` task run per worker: each takes the next batch from a shared
queue as soon as its worker is free, so the work stays balanced to the last document while the
flow costs a handful of task runs whatever the corpus (a task run costs ~0.1 s of the client's and
Prefect server's CPU, on the cores the workers need). With Dask (`--dask`, `--dask-address`) each
batch is an `ingest-batch` task run on a Dask worker instead. At most one batch per worker is in
flight (two on Dask), so memory does not grow with the corpus.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import vedtak.flows  # noqa: F401  (prepares Prefect's environment before the import below)
from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff

from vedtak.batch import DEFAULT_EXTRACTOR, Limits, failed, reason
from vedtak.errors import InputError
from vedtak.store import sources as src


# A callback the CLI sets to draw its progress bar: hook(event, detail) with event in
# {"phase", "discovered", "done"}; the flow body calls it in the caller's process.
_progress_hook: Callable[[str, Any], None] | None = None


def set_progress_hook(hook: Callable[[str, Any], None] | None) -> None:
    """Install (or remove) the progress callback used by the CLI."""
    global _progress_hook
    _progress_hook = hook


def _progress(event: str, detail: Any) -> None:
    if _progress_hook is not None:
        _progress_hook(event, detail)


def _engine(db_url: str):
    from vedtak.batch import engine_for

    return engine_for(db_url)


def _transient(task, task_run, state) -> bool:
    """Retry only what may pass on a second try (network, 5xx), never a bad source."""
    try:
        state.result()
    except InputError:
        return False
    except Exception:  # noqa: BLE001
        return True
    return False


# --- tasks ---------------------------------------------------------------------------------


@task(name="start-run")
def start_run(db_url: str, specs: list[str], flow_run_id: str | None, mode: str = "batch") -> int:
    """Migrate the store if needed and open an ingest-run row."""
    from vedtak.store.db import upgrade
    from vedtak.store.runs import open_run

    engine = _engine(db_url)
    upgrade(engine)
    return open_run(engine, specs, flow_run_id, mode)


@task(name="discover", retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=1), retry_jitter_factor=0.2,
      retry_condition_fn=_transient)
def discover(specs: list[str], cache_dir: str) -> tuple[list[src.SourceItem], list[src.Failure]]:
    """Expand files, folders, globs and listing pages into documents to fetch."""
    return src.discover_all(specs, cache_dir)


@task(name="fetch", retries=3, retry_delay_seconds=exponential_backoff(backoff_factor=1), retry_jitter_factor=0.2,
      retry_condition_fn=_transient, task_run_name="fetch {item.location}")
def fetch(item: src.SourceItem, cache_dir: str) -> src.Fetched:
    """Bring one document to local disk (HTTP through the conditional-GET cache) and hash it."""
    return src.fetch(item, src.DownloadCache(cache_dir))


@task(name="hash-files")
def hash_files(items: list[src.SourceItem]) -> list[src.Fetched | src.Failure]:
    """Local files: hash each (one task for all of them; a file that vanished is a Failure)."""
    out: list[src.Fetched | src.Failure] = []
    for item in items:
        try:
            out.append(src.fetch(item, None))
        except (InputError, OSError) as exc:
            out.append(src.Failure(item.location, reason(item.location, exc)))
    return out


@task(name="check-store")
def check_store(db_url: str, fetched: list[src.Fetched], retry_limited: bool = False):
    """What each source needs (vedtak.store.identity.plan_sources: unchanged, link, extract, link
    after extraction), and the contents still quarantined over a per-document limit (by sha256,
    with the reason; none with `retry_limited`)."""
    from vedtak.store.identity import plan_sources
    from vedtak.store.loader import over_limit

    engine = _engine(db_url)
    plan = plan_sources(engine, fetched)
    limited = {} if retry_limited else over_limit(engine, [f.sha256 for f in plan.extract + plan.link_after])
    return plan, limited


@task(name="link-sources")
def link_sources(db_url: str, run_id: int, fetched: list[src.Fetched]) -> list[Any]:
    """Sources now holding a content the store has (a copy, a rename, a revert): each becomes a new
    version of its source pointing at the stored document, without extraction. A content that is
    not stored (its extraction failed in this run) is a Failure."""
    from vedtak.store.loader import link_source

    outcomes: list[Any] = []
    for f in fetched:
        try:
            result = link_source(_engine(db_url), f.source, f.sha256, ingest_run_id=run_id)
        except Exception as exc:  # noqa: BLE001 - a database error on one source
            result = failed(f, exc)
        outcomes.append(result or src.Failure(
            f.source, f"{f.source}: not loaded: another file with the same content failed in this run", f.sha256))
    return outcomes


@task(name="mark-gone")
def mark_gone(db_url: str, specs: list[str]) -> list[dict[str, Any]]:
    """Local files the store holds as current that the specs name but that are deleted: their
    versions are closed (kept as history, `gone`)."""
    from vedtak.store import identity

    engine = _engine(db_url)
    return [{"source": source, "sha256": None, "status": "gone"}
            for source in identity.mark_gone(engine, identity.gone_sources(engine, specs))]


@task(name="ingest-batch", task_run_name="ingest {label}", cache_policy=NO_CACHE)
def ingest_batch(batch: list[src.Fetched], extractor: str, db_url: str, run_id: int, label: str = "",
                 limits: Limits | None = None) -> list[Any]:
    """Extract and load a batch of documents in this process (vedtak.batch.process_batch): what a
    Dask worker runs."""
    from vedtak.batch import process_batch

    return process_batch(batch, extractor, db_url, run_id, limits)


class BatchQueue:
    """The planned batches, handed out one at a time to whichever worker is free; `stop()` (Ctrl-C)
    hands out no more."""

    def __init__(self, batches: list[list[src.Fetched]]) -> None:
        self._batches = deque(batches)
        self._lock = threading.Lock()
        self._stopped = False

    def take(self) -> list[src.Fetched] | None:
        with self._lock:
            return None if self._stopped or not self._batches else self._batches.popleft()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True


@task(name="ingest-worker", task_run_name="ingest on worker {lane} of {workers}", cache_policy=NO_CACHE)
def ingest_worker(queue: BatchQueue, extractor: str, db_url: str, run_id: int, lane: int = 1,
                  workers: int = 1, limits: Limits | None = None) -> list[Any]:
    """Feed one of vedtak's `workers` worker processes document after document, batch after batch
    from `queue`, until it is empty; the outcome of each (reported to the progress bar as it comes).
    A worker that dies or overruns its limits fails only the document it held, and is replaced."""
    from vedtak.batch import start_pool

    pool = start_pool(workers, extractor, limits=limits)
    outcomes: list[Any] = []
    while (batch := queue.take()) is not None:
        for fetched in batch:
            outcomes.extend(_reported([pool.run(lane, fetched, db_url, run_id)]))
    return outcomes


@task(name="report")
def report(db_url: str, run_id: int, outcomes: list[Any]) -> dict[str, Any]:
    """Close the ingest run with its counts and return the summary."""
    from vedtak.store.runs import close_run, settle, summarise

    engine = _engine(db_url)
    summary = summarise(run_id, settle(engine, run_id, outcomes))
    close_run(engine, run_id, summary)
    return summary


# --- the flow ------------------------------------------------------------------------------

# Documents per batch, at most: a batch of 16 documents (~300 pages) takes ~1 s to extract; one
# round trip to a worker process costs ~1 ms, an ingest-batch task run on Dask ~0.1 s.
BATCH_DOCS = 16


def plan_batches(todo: list[src.Fetched], workers: int = 1,
                 size_of: Callable[[src.Fetched], int] | None = None) -> list[list[src.Fetched]]:
    """The documents in batches, largest files first, batches shrinking towards the end.

    Each batch takes a share of what is left (1 / (2 x workers), at most BATCH_DOCS documents), and
    the largest documents go first: the last batches are small and quick, so no worker sits idle
    at the end while another finishes a long batch (guided self-scheduling; longest first).
    """
    size_of = size_of or _file_size
    order = sorted(todo, key=lambda f: (-size_of(f), f.source))
    batches, i = [], 0
    while i < len(order):
        size = max(1, min(BATCH_DOCS, math.ceil((len(order) - i) / (2 * max(1, workers)))))
        batches.append(order[i:i + size])
        i += size
    return batches


def _file_size(fetched: src.Fetched) -> int:
    try:
        return os.path.getsize(fetched.path)
    except OSError:
        return 0


def _label(batch: list[src.Fetched]) -> str:
    names = [f.source.rsplit("/", 1)[-1] for f in batch]
    return names[0] if len(names) == 1 else f"{len(names)} documents: {names[0]} .. {names[-1]}"


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=16), log_prints=False, validate_parameters=False)
def ingest(
    sources: list[str],
    db_url: str | None = None,
    cache_dir: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    backfill: bool = False,
    workers: int = 1,
    process_pool: bool = True,
    limits: Limits | None = None,
    retry_limited: bool = False,
) -> dict[str, Any]:
    """Ingest board papers from files, folders, globs, PDF URLs and listing pages into the store.

    `backfill` marks a run over an archive (ingest_runs.mode); it loads exactly like the
    after-meeting batch: known files are skipped, so a backfill can be re-run or resumed.
    `workers` processes extract and load the batches (vedtak.batch.WorkerPool), unless
    `process_pool` is False: then the flow's task runner (e.g. Dask) runs them in its workers.
    Each source is compared by its own current content (vedtak.store.identity): a known content
    under a new name is linked, not extracted; deleted files under the specs are marked gone.
    `limits` bound each document's extraction (vedtak.batch.Limits); a content over a limit is
    skipped in later runs until it changes, unless `retry_limited`.
    """
    from prefect.runtime import flow_run

    from vedtak.store.db import resolve_url, vedtak_home

    db_url = resolve_url(db_url)
    cache_dir = cache_dir or str(vedtak_home() / "cache" / "http")
    run_id = start_run(db_url, list(sources), str(flow_run.id) if flow_run.id else None,
                       "backfill" if backfill else "batch")
    try:
        _progress("phase", "discovering")
        items, failures = discover(list(sources), cache_dir)
        outcomes: list[Any] = list(failures)
        _progress("discovered", len(items))
        for failure in failures:
            _progress("done", failure)

        fetched = _fetch_all(items, cache_dir)
        for failure in [f for f in fetched if isinstance(f, src.Failure)]:
            outcomes.append(failure)
            _progress("done", failure)
        fetched = [f for f in fetched if isinstance(f, src.Fetched)]

        plan, limited = check_store(db_url, fetched, retry_limited)
        for f in plan.unchanged:
            outcomes.append(_reported_one({"source": f.source, "sha256": f.sha256, "status": "unchanged"}))
        for f in [f for f in plan.extract + plan.link_after if f.sha256 in limited]:
            outcomes.append(_reported_one({"source": f.source, "sha256": f.sha256, "status": "skipped",
                                           "reason": f"{f.source}: skipped, quarantined before: {limited[f.sha256]}"}))
        if plan.link:
            outcomes.extend(_reported(link_sources(db_url, run_id, plan.link)))
        todo = [f for f in plan.extract if f.sha256 not in limited]

        _progress("phase", "")
        work_s = 0.0
        if todo:  # (nothing new: no ingest-worker task at all)
            queue = BatchQueue(plan_batches(todo, workers))
            started = time.perf_counter()
            try:
                outcomes.extend(_extract_and_load(queue, extractor, db_url, run_id, workers, process_pool, limits))
            except KeyboardInterrupt:
                queue.stop()  # no new document starts
                raise
            work_s = time.perf_counter() - started
        later = [f for f in plan.link_after if f.sha256 not in limited]
        if later:  # the same new content under several names: extracted once, linked to the others
            outcomes.extend(_reported(link_sources(db_url, run_id, later)))
        outcomes.extend(mark_gone(db_url, list(sources)))
        summary = report(db_url, run_id, outcomes)
        # how long extracting and loading took, from the first batch handed out to the last one
        # loaded: the run's throughput without its start-up (Prefect, the workers' warm-up)
        summary["extract_and_load_s"] = round(work_s, 3)
        return summary
    except KeyboardInterrupt:  # Ctrl-C: what is loaded stays; the run says it was interrupted
        from vedtak.batch import stop_pools
        from vedtak.store.runs import mark_interrupted

        stop_pools()  # the workers are killed now (a transaction in hand rolls back), then the run closes
        mark_interrupted(_engine(db_url), run_id)
        raise


def _fetch_all(items: list[src.SourceItem], cache_dir: str) -> list[src.Fetched | src.Failure]:
    """Local files hashed in one task; each URL its own task (retried), fetched concurrently. In order."""
    local = [i for i in items if not i.is_url]
    by_location: dict[str, src.Fetched | src.Failure] = {}
    if local:
        by_location.update(zip((i.location for i in local), hash_files(local)))
    remote = [i for i in items if i.is_url]
    with ThreadPoolTaskRunner(max_workers=4) as io:  # I/O: threads, whatever runs the extraction
        futures = [io.submit(fetch, {"item": item, "cache_dir": cache_dir}) for item in remote]
        for item, future in zip(remote, futures):
            try:
                by_location[item.location] = future.result()
            except Exception as exc:  # noqa: BLE001 - retries exhausted or a bad source
                by_location[item.location] = src.Failure(item.location, reason(item.location, exc))
    return [by_location[i.location] for i in items]


def _extract_and_load(queue: BatchQueue, extractor: str, db_url: str, run_id: int, workers: int,
                      process_pool: bool, limits: Limits | None = None) -> list[Any]:
    """Every batch of `queue` extracted and loaded; the outcomes of all their documents.

    `process_pool`: one `ingest-worker` task per vedtak worker process, each feeding its worker
    from the queue. Otherwise (Dask) one `ingest-batch` task per batch, at most two per worker in
    flight, run by the task runner's own workers."""
    if process_pool:
        lanes = [ingest_worker.submit(queue, extractor, db_url, run_id, lane, workers, limits)
                 for lane in range(1, max(1, workers) + 1)]
        return [outcome for lane in lanes for outcome in lane.result()]
    return list(_on_task_runner(queue, extractor, db_url, run_id, workers, limits))


def _on_task_runner(queue: BatchQueue, extractor: str, db_url: str, run_id: int, workers: int,
                    limits: Limits | None = None) -> Iterator[Any]:
    window: deque[tuple[Any, list[src.Fetched]]] = deque()
    while (batch := queue.take()) is not None:
        if len(window) >= 2 * max(1, workers):
            future, done = window.popleft()
            yield from _reported(_outcomes(future.result, done))
        window.append((ingest_batch.submit(batch, extractor, db_url, run_id, _label(batch), limits), batch))
    while window:
        future, done = window.popleft()
        yield from _reported(_outcomes(future.result, done))


def _reported(outcomes: list[Any]) -> list[Any]:
    for outcome in outcomes:
        _progress("done", outcome)
    return outcomes


def _reported_one(outcome: Any) -> Any:
    _progress("done", outcome)
    return outcome


def _outcomes(result: Callable[[], list[Any]], batch: list[src.Fetched]) -> list[Any]:
    """A batch's outcomes, `result()`; if that raises (its worker process or Dask task died: a
    broken process pool fails every later batch too), every document of it is a Failure."""
    try:
        return result()
    except Exception as exc:  # noqa: BLE001
        return [failed(f, exc, "worker") for f in batch]


def run_ingest(sources: list[str], *, db_url: str | None = None, workers: int = 1, cache_dir: str | None = None,
               extractor: str = DEFAULT_EXTRACTOR, backfill: bool = False, dask: bool = False,
               dask_address: str | None = None, limits: Limits | None = None,
               retry_limited: bool = False) -> dict[str, Any]:
    """Run the flow in this process; its batches are extracted and loaded by `workers` processes.

    Prefect's local API server (when no PREFECT_API_URL is configured) and the worker processes
    are started first, so that both warm up while Prefect is imported and the flow starts.
    With `dask` (a local cluster of `workers` processes) or a `dask_address`, Dask's workers do
    the batches instead. `limits`: each document's bounds (default: Limits.resolve()).
    """
    from vedtak.flows.local_api import ensure_local_api, prefect_settings

    limits = limits or Limits.resolve()
    api = ensure_local_api()
    on_dask = bool(dask or dask_address)
    if not on_dask:
        from vedtak.batch import start_pool

        start_pool(workers, extractor, limits=limits)
    if api is not None and not api.ready:
        _progress("phase", "starting Prefect's local API server")
        api.wait()
    runner_flow = ingest
    if on_dask:
        from prefect_dask import DaskTaskRunner

        kwargs: dict[str, Any] = {"address": dask_address} if dask_address else {"cluster_kwargs": {
            "n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": ":0"}}
        runner_flow = ingest.with_options(task_runner=DaskTaskRunner(**kwargs))
    elif workers + 8 > 16:  # a thread for each ingest-worker task, and some for the rest
        runner_flow = ingest.with_options(task_runner=ThreadPoolTaskRunner(max_workers=workers + 8))
    from vedtak.batch import dispose_engines

    try:
        with prefect_settings(api):
            return runner_flow(list(sources), db_url=db_url, cache_dir=cache_dir, extractor=extractor,
                               backfill=backfill, workers=workers, process_pool=not on_dask, limits=limits,
                               retry_limited=retry_limited)
    finally:
        dispose_engines()
