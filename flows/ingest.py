"""The `ingest` flow: discover -> fetch -> extract -> load -> report.

Each task wraps one call into vedtak.store / vedtak.extract. Only the I/O tasks (discover,
fetch) retry, with exponential backoff. Extraction is one task per document, cached by the
file's sha256 and the extractor's code fingerprint; loading is one database transaction per
document. At most IN_FLIGHT documents are between extract and load at once, and no record is
kept once loaded, so memory does not grow with the corpus.
"""

from __future__ import annotations

import importlib
import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

import flows  # noqa: F401  (prepares Prefect's environment before the import below)
from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.tasks import exponential_backoff

from vedtak import EXTRACTOR_VERSION
from vedtak.errors import InputError
from vedtak.store import sources as src

DEFAULT_EXTRACTOR = "vedtak.extract:extract_file"

# A callback the CLI sets to draw its progress bar: hook(event, detail) with event in
# {"discovered", "done"}; the flow body calls it in the caller's process.
_progress_hook: Callable[[str, Any], None] | None = None


def set_progress_hook(hook: Callable[[str, Any], None] | None) -> None:
    """Install (or remove) the progress callback used by the CLI."""
    global _progress_hook
    _progress_hook = hook


def _progress(event: str, detail: Any) -> None:
    if _progress_hook is not None:
        _progress_hook(event, detail)


def _engine(db_url: str):
    from vedtak.store.db import make_engine

    return _engines.setdefault(db_url, make_engine(db_url))


_engines: dict[str, Any] = {}


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


@task(name="check-store")
def check_store(db_url: str, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (source, sha256) pairs the store already holds as current: unchanged, nothing to do."""
    from vedtak.store.loader import unchanged

    return unchanged(_engine(db_url), pairs)


def _extract_cache_key(context, parameters: dict[str, Any]) -> str:
    # The code's fingerprint, not only EXTRACTOR_VERSION: a rule change must never be served
    # records that older rules made for the same file.
    from vedtak.fingerprint import extractor_fingerprint

    return f"extract-{parameters['fetched'].sha256}-{extractor_fingerprint()}-{parameters['extractor']}"


# One extraction at a time per process. The PDFium backend guards its own calls
# (vedtak.pdf.pdfium.PDFIUM_LOCK); this lock also keeps the spaCy/NER models single-threaded.
# Extraction is CPU-bound Python under the GIL, so threads gained nothing here anyway;
# processes (--workers) still scale.
_PDF_LOCK = threading.Lock()


def _pdf_lock() -> threading.Lock:
    """The process's extraction lock (a function, so Dask pickles a reference, not the lock)."""
    return _PDF_LOCK


# cache_result_in_memory=False: Prefect's result store otherwise keeps up to 1,000 records read
# from its cache in an in-process LRU (memory grows with the corpus on a re-extraction).
@task(name="extract", cache_key_fn=_extract_cache_key, persist_result=True, cache_result_in_memory=False,
      task_run_name="extract {fetched.source}")
def extract(fetched: src.Fetched, extractor: str) -> dict[str, Any] | src.Failure:
    """Read one PDF into its record; an unreadable file gives a Failure with the problem (quarantined by load)."""
    module, _, name = extractor.partition(":")
    extract_file = getattr(importlib.import_module(module), name)
    try:
        with _pdf_lock():  # PDFium is not thread-safe: concurrent reads segfault (SIGSEGV in read_pdfium)
            return extract_file(fetched.path, source=fetched.source)
    except InputError as exc:  # cached by content: the reason must not name this run's path
        return src.Failure(fetched.source, exc.problem, fetched.sha256)


@task(name="load", task_run_name="load {fetched.source}")
def load(record: dict[str, Any] | src.Failure, fetched: src.Fetched, db_url: str, run_id: int):
    """Write one record in one transaction, or quarantine the file it failed on."""
    from vedtak.store.loader import load_record, quarantine

    engine = _engine(db_url)
    if isinstance(record, src.Failure):
        failure = src.Failure(fetched.source, f"{fetched.source}: {record.reason}", fetched.sha256)
        quarantine(engine, failure.source, failure.reason, sha256=failure.sha256, ingest_run_id=run_id)
        return failure
    return load_record(engine, record, source=fetched.source, fetched_at=fetched.fetched_at,
                       extractor_version=EXTRACTOR_VERSION, ingest_run_id=run_id)


@task(name="report")
def report(db_url: str, run_id: int, outcomes: list[Any]) -> dict[str, Any]:
    """Close the ingest run with its counts and return the summary."""
    from vedtak.store.loader import quarantine
    from vedtak.store.runs import close_run, summarise

    engine = _engine(db_url)
    for outcome in outcomes:  # discovery/fetch failures have not been quarantined yet
        if isinstance(outcome, src.Failure):
            quarantine(engine, outcome.source, outcome.reason, sha256=outcome.sha256, ingest_run_id=run_id)
    summary = summarise(run_id, outcomes)
    close_run(engine, run_id, summary)
    return summary


# --- the flow ------------------------------------------------------------------------------


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=False, validate_parameters=False)
def ingest(
    sources: list[str],
    db_url: str | None = None,
    cache_dir: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    backfill: bool = False,
) -> dict[str, Any]:
    """Ingest board papers from files, folders, globs, PDF URLs and listing pages into the store.

    `backfill` marks a run over an archive (ingest_runs.mode); it loads exactly like the
    after-meeting batch: known files are skipped, so a backfill can be re-run or resumed.
    """
    from prefect.runtime import flow_run

    from vedtak.store.db import resolve_url, vedtak_home

    db_url = resolve_url(db_url)
    cache_dir = cache_dir or str(vedtak_home() / "cache" / "http")
    run_id = start_run(db_url, list(sources), str(flow_run.id) if flow_run.id else None,
                       "backfill" if backfill else "batch")

    items, failures = discover(list(sources), cache_dir)
    outcomes: list[Any] = list(failures)
    _progress("discovered", len(items))
    for failure in failures:
        _progress("done", failure)

    fetch_futures = [fetch.submit(item, cache_dir) for item in items]
    fetched: list[src.Fetched] = []
    for item, future in zip(items, fetch_futures):
        try:
            fetched.append(future.result())
        except Exception as exc:  # noqa: BLE001 - retries exhausted or a bad source
            failure = src.Failure(item.location, _reason(item.location, exc))
            outcomes.append(failure)
            _progress("done", failure)

    known = check_store(db_url, [(f.source, f.sha256) for f in fetched])
    todo: list[src.Fetched] = []
    seen: set[str] = set()
    for f in fetched:
        if (f.source, f.sha256) in known or f.sha256 in seen:
            unchanged = {"source": f.source, "sha256": f.sha256, "status": "unchanged"}
            outcomes.append(unchanged)
            _progress("done", unchanged)
            continue
        seen.add(f.sha256)
        todo.append(f)

    for outcome in _extract_and_load(todo, extractor, db_url, run_id):
        outcomes.append(outcome)
        _progress("done", outcome)
    return report(db_url, run_id, outcomes)


# Documents extracted or loading at once. Enough to keep the thread pool (or two Dask workers)
# busy; bounded so that memory does not grow with the corpus: a record lives from its extract
# to its load, and is released (with both futures) once its load has returned.
IN_FLIGHT = 8


def _extract_and_load(todo: list[src.Fetched], extractor: str, db_url: str, run_id: int) -> Iterator[Any]:
    """Extract and load every document, at most IN_FLIGHT at a time; yields each outcome (oldest first)."""
    window: deque[tuple[Any, str]] = deque()
    for f in todo:
        if len(window) >= IN_FLIGHT:
            yield _outcome(*window.popleft())
        window.append((load.submit(extract.submit(f, extractor), f, db_url, run_id), f.source))
    while window:
        yield _outcome(*window.popleft())


def _outcome(future: Any, source: str) -> Any:
    """The load's LoadResult or Failure, or a Failure naming the source if a task raised."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001 - an extractor or database error on one document
        return src.Failure(source, _reason(source, exc))


def _reason(source: str, exc: BaseException) -> str:
    """One line naming the source and the problem."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if text.startswith(source) else f"{source}: {type(exc).__name__}: {text}"


def run_ingest(sources: list[str], *, db_url: str | None = None, workers: int = 1, cache_dir: str | None = None,
               extractor: str = DEFAULT_EXTRACTOR, backfill: bool = False) -> dict[str, Any]:
    """Run the flow in-process: threads for one worker, a local Dask cluster for `workers` > 1."""
    runner_flow = ingest
    if workers > 1:
        from prefect_dask import DaskTaskRunner

        _share_ephemeral_api()

        runner_flow = ingest.with_options(
            task_runner=DaskTaskRunner(
                cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                "dashboard_address": ":0"}
            )
        )
    return runner_flow(list(sources), db_url=db_url, cache_dir=cache_dir, extractor=extractor, backfill=backfill)


def _share_ephemeral_api() -> None:
    """Start Prefect's temporary API now and export its URL, so Dask worker processes use it.

    Without this each worker process starts a temporary server of its own (6-25 s each) and,
    on a busy machine, times out. No-op when PREFECT_API_URL is configured.
    """
    import os

    from prefect.settings import PREFECT_API_URL

    if os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value():
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()  # the same singleton get_client() would start
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
