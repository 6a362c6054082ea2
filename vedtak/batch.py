"""The work of one batch of documents — extract each, load each — and the worker processes that do it.

`process_batch` is what a worker runs for the flow's `ingest-worker` task (or, on Dask, what its
`ingest-batch` task runs): no Prefect in here, so a worker process imports only the extraction
stack and the store. Each document is extracted and loaded
in the same process (records never cross a process boundary), one transaction per document; a
document that fails is quarantined and reported while the rest of its batch goes on.

`WorkerPool` keeps N processes, each warmed once (spaCy, lemma dictionaries, PDFium) before its
first batch. `vedtak ingest` starts it first thing, forked from a process that has no threads
yet, so the workers warm up while the command imports Prefect and Prefect's local server starts.
Started later (a library call, a test, a Prefect deployment: threads exist by then), its
processes are spawned instead. Workers die with the process that started them (Linux:
`PR_SET_PDEATHSIG`): a killed ingest leaves no worker writing on its own.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from vedtak.errors import InputError
from vedtak.fingerprint import extractor_fingerprint
from vedtak.processes import die_with_parent
from vedtak.store import sources as src

DEFAULT_EXTRACTOR = "vedtak.extract:extract_file"

# One extraction at a time per process: PDFium is not thread-safe (concurrent reads segfault in
# read_pdfium; vedtak.pdf.pdfium also holds its own lock), and the spaCy/NER models are kept
# single-threaded. Extraction is CPU-bound Python under the GIL: threads gain nothing, processes do.
_EXTRACT_LOCK = threading.Lock()
_engines: dict[str, Any] = {}


def engine_for(db_url: str):
    """This process's engine for `db_url` (one per process and URL)."""
    from vedtak.store.db import make_engine

    if db_url not in _engines:
        _engines[db_url] = make_engine(db_url)
    return _engines[db_url]


def dispose_engines() -> None:
    """Close this process's database connections (SQLite then checkpoints its write-ahead log)."""
    while _engines:
        _engines.popitem()[1].dispose()


def _extractor(extractor: str) -> Callable[..., dict[str, Any]]:
    module, _, name = extractor.partition(":")
    return getattr(importlib.import_module(module), name)


def extract_one(fetched: src.Fetched, extractor: str = DEFAULT_EXTRACTOR) -> dict[str, Any] | src.Failure:
    """Read one PDF into its record; an unreadable file gives a Failure with the problem (not naming the path)."""
    extract_file = _extractor(extractor)
    try:
        with _EXTRACT_LOCK:
            return extract_file(fetched.path, source=fetched.source)
    except InputError as exc:
        return src.Failure(fetched.source, exc.problem, fetched.sha256)
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one file must not fail its batch
        text = str(exc).splitlines()[0] if str(exc) else ""
        return src.Failure(fetched.source, f"extraction failed: {type(exc).__name__}: {text}".rstrip(": "),
                           fetched.sha256)


def load_one(record: dict[str, Any] | src.Failure, fetched: src.Fetched, db_url: str, run_id: int):
    """Write one record in one transaction (a LoadResult), or quarantine the file it failed on (a Failure)."""
    from vedtak.store.loader import load_record, quarantine

    engine = engine_for(db_url)
    if isinstance(record, src.Failure):
        failure = src.Failure(fetched.source, f"{fetched.source}: {record.reason}", fetched.sha256)
        quarantine(engine, failure.source, failure.reason, sha256=failure.sha256, ingest_run_id=run_id)
        return failure
    return load_record(engine, record, source=fetched.source, fetched_at=fetched.fetched_at,
                       extractor_version=extractor_fingerprint(), ingest_run_id=run_id)


def reason(source: str, exc: BaseException) -> str:
    """One line naming the source and the problem."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if text.startswith(source) else f"{source}: {type(exc).__name__}: {text}"


def failed(fetched: src.Fetched, exc: BaseException) -> src.Failure:
    """The Failure of a document whose extraction or load raised `exc` (its source named, its hash kept)."""
    return src.Failure(fetched.source, reason(fetched.source, exc), fetched.sha256)


def process_batch(batch: list[src.Fetched], extractor: str, db_url: str, run_id: int) -> list[Any]:
    """Extract and load each document of the batch; its outcome (LoadResult or Failure) each, in order."""
    outcomes: list[Any] = []
    try:
        for fetched in batch:
            record = extract_one(fetched, extractor)
            try:
                outcomes.append(load_one(record, fetched, db_url, run_id))
            except Exception as exc:  # noqa: BLE001 - a database error on one document
                outcomes.append(failed(fetched, exc))
            del record  # nothing of a document is kept once it is loaded
    finally:
        # A worker process ends without closing what it holds (multiprocessing exits with
        # os._exit): close the connections after each batch (a reconnect per batch costs ~ms).
        dispose_engines()
    return outcomes


# --- worker processes ----------------------------------------------------------------------


def _init_worker(extractor: str, nice: int = 0) -> None:
    """In each worker: die with the parent, ignore Ctrl-C (the parent stops the pool), lower its
    priority by `nice`, warm the extractor."""
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nice > 0:
        os.nice(nice)
    _engines.clear()  # a forked worker must not use the parent's connections
    if extractor == DEFAULT_EXTRACTOR:
        from vedtak.warmup import warm_up

        warm_up()
    else:
        _extractor(extractor)
    extractor_fingerprint()  # hashes the extraction code once, before the first record is loaded


def _ready() -> int:
    return os.getpid()


class WorkerPool:
    """N warmed worker processes running `process_batch`."""

    def __init__(self, workers: int, extractor: str = DEFAULT_EXTRACTOR, nice: int = 0) -> None:
        self.workers = workers
        self.extractor = extractor
        # fork only while this process has no other thread (forking a threaded process can
        # deadlock the child); fork starts in milliseconds and shares the imported modules.
        method = "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"
        self._executor = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method),
                                             initializer=_init_worker, initargs=(extractor, nice))
        # start every worker now (the executor starts them lazily), so they warm up meanwhile
        for _ in range(workers):
            self._executor.submit(_ready)

    def submit(self, batch: list[src.Fetched], db_url: str, run_id: int) -> Future:
        return self._executor.submit(process_batch, batch, self.extractor, db_url, run_id)

    @property
    def broken(self) -> bool:
        """A worker died (killed, crashed): the pool runs nothing more."""
        return bool(getattr(self._executor, "_broken", False))

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


_POOLS: dict[tuple[int, str], WorkerPool] = {}


def start_pool(workers: int, extractor: str = DEFAULT_EXTRACTOR, nice: int = 0) -> WorkerPool:
    """The process's pool of `workers` processes for `extractor`, started now if it is not running.

    `nice` lowers the workers' priority (Unix niceness), for when something more urgent shares
    the cores while they warm up. Workers die with the thread that starts them (`die_with_parent`):
    call this from the thread that runs the flow, as `run_ingest` does.
    """
    key = (workers, extractor)
    if key in _POOLS and _POOLS[key].broken:  # a worker died in an earlier run: start afresh
        _POOLS.pop(key).shutdown()
    if key not in _POOLS:
        import atexit

        _POOLS[key] = WorkerPool(workers, extractor, nice)
        atexit.register(_POOLS[key].shutdown)
    return _POOLS[key]

