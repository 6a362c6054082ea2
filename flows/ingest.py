"""The `ingest` flow: discover -> fetch -> extract -> load -> report.

Tasks wrap calls into vedtak.store / vedtak.extract. Only the I/O tasks (discover, fetch of a
URL) retry, with exponential backoff. Extraction and loading run per *batch* of documents (at
most BATCH_DOCS): a task run costs Prefect tens of milliseconds of client and server work, a
document a few milliseconds per page. A batch's extraction is cached by its files' sha256 and a
fingerprint of the extraction code; a document that fails is reported on its own while the rest
of its batch goes on; loading is one database transaction per document, in the flow's process.
At most two batches per worker are between extract and load, and no record is kept once loaded,
so memory does not grow with the corpus.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import math
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


@task(name="hash-files")
def hash_files(items: list[src.SourceItem]) -> list[src.Fetched | src.Failure]:
    """Local files: hash each (one task for all of them; a file that vanished is a Failure)."""
    out: list[src.Fetched | src.Failure] = []
    for item in items:
        try:
            out.append(src.fetch(item, None))
        except (InputError, OSError) as exc:
            out.append(src.Failure(item.location, _reason(item.location, exc)))
    return out


@task(name="check-store")
def check_store(db_url: str, pairs: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (source, sha256) pairs the store already holds as current: unchanged, nothing to do."""
    from vedtak.store.loader import unchanged

    return unchanged(_engine(db_url), pairs)


def _batch_cache_key(context, parameters: dict[str, Any]) -> str:
    # The code's fingerprint, not only EXTRACTOR_VERSION: a rule change must never be served
    # records that older rules made for the same files.
    from vedtak.fingerprint import extractor_fingerprint

    hashes = hashlib.sha256("\n".join(f.sha256 for f in parameters["batch"]).encode()).hexdigest()
    return f"extract-batch-{hashes}-{extractor_fingerprint()}-{parameters['extractor']}"


# One extraction at a time per process. The PDFium backend guards its own calls
# (vedtak.pdf.pdfium.PDFIUM_LOCK); this lock also keeps the spaCy/NER models single-threaded.
# Extraction is CPU-bound Python under the GIL, so threads gain nothing here; processes do
# (--workers N: a pool of N processes).
_PDF_LOCK = threading.Lock()


def _pdf_lock() -> threading.Lock:
    """The process's extraction lock (a function, so Dask pickles a reference, not the lock)."""
    return _PDF_LOCK


def _extractor(extractor: str) -> Callable[..., dict[str, Any]]:
    module, _, name = extractor.partition(":")
    return getattr(importlib.import_module(module), name)


def extract_one(fetched: src.Fetched, extractor: str) -> dict[str, Any] | src.Failure:
    """Read one PDF into its record; an unreadable file gives a Failure with the problem (quarantined by load).

    The reason does not name this run's path: results are cached by content.
    """
    extract_file = _extractor(extractor)
    try:
        with _pdf_lock():  # PDFium is not thread-safe: concurrent reads segfault (SIGSEGV in read_pdfium)
            return extract_file(fetched.path, source=fetched.source)
    except InputError as exc:
        return src.Failure(fetched.source, exc.problem, fetched.sha256)
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one file must not fail its batch
        text = str(exc).splitlines()[0] if str(exc) else ""
        return src.Failure(fetched.source, f"extraction failed: {type(exc).__name__}: {text}".rstrip(": "),
                           fetched.sha256)


# cache_result_in_memory=False: Prefect's result store otherwise keeps records read from its
# cache in an in-process LRU (memory would grow with the corpus on a re-extraction).
@task(name="extract-batch", cache_key_fn=_batch_cache_key, persist_result=True, cache_result_in_memory=False,
      task_run_name="extract {label}")
def extract_batch(batch: list[src.Fetched], extractor: str, label: str = "") -> list[dict[str, Any] | src.Failure]:
    """Records of a batch of documents, in order; a document that fails gives its Failure, the rest go on."""
    return [extract_one(f, extractor) for f in batch]


def load_one(record: dict[str, Any] | src.Failure, fetched: src.Fetched, engine, run_id: int):
    """Write one record in one transaction, or quarantine the file it failed on."""
    from vedtak.store.loader import load_record, quarantine

    if isinstance(record, src.Failure):
        failure = src.Failure(fetched.source, f"{fetched.source}: {record.reason}", fetched.sha256)
        quarantine(engine, failure.source, failure.reason, sha256=failure.sha256, ingest_run_id=run_id)
        return failure
    return load_record(engine, record, source=fetched.source, fetched_at=fetched.fetched_at,
                       extractor_version=EXTRACTOR_VERSION, ingest_run_id=run_id)


@task(name="load-batch", task_run_name="load {label}")
def load_batch(records: list[dict[str, Any] | src.Failure], batch: list[src.Fetched], db_url: str, run_id: int,
               label: str = "") -> list[Any]:
    """Load a batch, one transaction per document: a document that fails to load is reported, the rest load."""
    engine = _engine(db_url)
    outcomes = []
    for record, fetched in zip(records, batch):
        try:
            outcomes.append(load_one(record, fetched, engine, run_id))
        except Exception as exc:  # noqa: BLE001 - a database error on one document
            outcomes.append(src.Failure(fetched.source, _reason(fetched.source, exc), fetched.sha256))
    return outcomes


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

# Documents per extract task, at most. A task run costs ~10-80 ms of client and server work; a
# batch of 16 documents (~300 pages) takes ~1 s to extract, so orchestration stays ~1 %. Fewer
# per batch when there are few documents, so that every worker gets several batches.
BATCH_DOCS = 16


def plan_batches(todo: list[src.Fetched], workers: int = 1) -> list[list[src.Fetched]]:
    """Split the documents into batches in order: at most BATCH_DOCS each, >= 4 batches per worker when possible."""
    if not todo:
        return []
    size = max(1, min(BATCH_DOCS, math.ceil(len(todo) / (4 * max(1, workers)))))
    return [todo[i:i + size] for i in range(0, len(todo), size)]


def _label(batch: list[src.Fetched]) -> str:
    names = [f.source.rsplit("/", 1)[-1] for f in batch]
    return names[0] if len(names) == 1 else f"{len(names)} documents: {names[0]} .. {names[-1]}"


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=False, validate_parameters=False)
def ingest(
    sources: list[str],
    db_url: str | None = None,
    cache_dir: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    backfill: bool = False,
    workers: int = 1,
    process_pool: bool = True,
) -> dict[str, Any]:
    """Ingest board papers from files, folders, globs, PDF URLs and listing pages into the store.

    `backfill` marks a run over an archive (ingest_runs.mode); it loads exactly like the
    after-meeting batch: known files are skipped, so a backfill can be re-run or resumed.
    `workers` > 1 extracts in a pool of that many processes (Prefect's ProcessPoolTaskRunner),
    unless `process_pool` is False: then the flow's own task runner (e.g. Dask) extracts.
    Loading stays in the flow's process, one transaction per document.
    """
    from prefect.runtime import flow_run

    from vedtak.store.db import resolve_url, vedtak_home

    db_url = resolve_url(db_url)
    cache_dir = cache_dir or str(vedtak_home() / "cache" / "http")
    run_id = start_run(db_url, list(sources), str(flow_run.id) if flow_run.id else None,
                       "backfill" if backfill else "batch")
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

    _progress("phase", "")
    for outcome in _extract_and_load(todo, extractor, db_url, run_id, workers, process_pool):
        outcomes.append(outcome)
        _progress("done", outcome)
    return report(db_url, run_id, outcomes)


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
                by_location[item.location] = src.Failure(item.location, _reason(item.location, exc))
    return [by_location[i.location] for i in items]


def _extract_and_load(todo: list[src.Fetched], extractor: str, db_url: str, run_id: int, workers: int,
                      process_pool: bool) -> Iterator[Any]:
    """Extract batches (in a process pool, or on the flow's task runner) and load each in this process,
    oldest first, while the next batches extract. At most 2 batches per worker are extracted and
    not yet loaded, and a batch's records are dropped once loaded: memory does not grow with the corpus."""
    batches = plan_batches(todo, workers)
    if not batches:
        return
    in_flight = 2 * max(1, workers)
    with contextlib.ExitStack() as stack:
        if workers > 1 and process_pool:
            from prefect.task_runners import ProcessPoolTaskRunner

            pool = stack.enter_context(ProcessPoolTaskRunner(
                max_workers=min(workers, len(batches)), initializer=_init_worker, initargs=(extractor,)))

            def submit(batch):
                return pool.submit(extract_batch, {"batch": batch, "extractor": extractor, "label": _label(batch)})
        else:
            def submit(batch):
                return extract_batch.submit(batch, extractor, _label(batch))

        window: deque[tuple[Any, list[src.Fetched]]] = deque()
        pending = iter(batches)
        for batch in pending:
            window.append((submit(batch), batch))
            if len(window) >= in_flight:
                break
        while window:
            future, batch = window.popleft()
            next_batch = next(pending, None)
            if next_batch is not None:
                window.append((submit(next_batch), next_batch))
            yield from _load(future, batch, db_url, run_id)


def _load(future: Any, batch: list[src.Fetched], db_url: str, run_id: int) -> list[Any]:
    """Load one extracted batch; if its extract task itself failed, every document of it is a Failure."""
    try:
        records = future.result()
    except Exception as exc:  # noqa: BLE001 - a worker died, or the extractor could not be imported
        return [src.Failure(f.source, _reason(f.source, exc), f.sha256) for f in batch]
    return load_batch(records, batch, db_url, run_id, _label(batch))


def _init_worker(extractor: str) -> None:
    """Each pool process: warm the extractor before its first batch (the default one only)."""
    if extractor == DEFAULT_EXTRACTOR:
        from vedtak.warmup import warm_up

        warm_up()


def _reason(source: str, exc: BaseException) -> str:
    """One line naming the source and the problem."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if text.startswith(source) else f"{source}: {type(exc).__name__}: {text}"


def run_ingest(sources: list[str], *, db_url: str | None = None, workers: int = 1, cache_dir: str | None = None,
               extractor: str = DEFAULT_EXTRACTOR, backfill: bool = False, dask: bool = False,
               dask_address: str | None = None, warm: bool = True) -> dict[str, Any]:
    """Run the flow in this process.

    Prefect's local API server (when no PREFECT_API_URL is configured) is started first and
    the extractor is warmed while it starts. One worker extracts in this process; `workers` > 1
    in a pool of processes; `dask` (or a `dask_address`) on a Dask cluster instead.
    """
    from flows.local_api import ensure_local_api, prefect_settings

    api = ensure_local_api()
    if warm and extractor == DEFAULT_EXTRACTOR and workers == 1 and not (dask or dask_address):
        _progress("phase", "loading the extractor")
        from vedtak.warmup import warm_up

        warm_up()
    if api is not None and not api.ready:
        _progress("phase", "starting Prefect's local API server")
        api.wait()
    runner_flow = ingest
    if dask or dask_address:
        from prefect_dask import DaskTaskRunner

        kwargs: dict[str, Any] = {"address": dask_address} if dask_address else {"cluster_kwargs": {
            "n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": ":0"}}
        runner_flow = ingest.with_options(task_runner=DaskTaskRunner(**kwargs))
    with prefect_settings(api) if api is not None else contextlib.nullcontext():
        return runner_flow(list(sources), db_url=db_url, cache_dir=cache_dir, extractor=extractor,
                           backfill=backfill, workers=workers, process_pool=not (dask or dask_address))
