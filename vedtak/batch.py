"""The work of one batch of documents — extract each, load each — and the worker processes that do it.

`process_document` is the work of one document: extract it under its limits, load it (one
transaction, transient database errors retried with backoff), and give its outcome: a
LoadResult, or a Failure whose `kind` says why (see QuarantinedFile). No Prefect in here, so a
worker process imports only the extraction stack and the store; records never cross a process
boundary and none is kept once loaded.

`WorkerPool` keeps N processes, each warmed once (spaCy, lemma dictionaries, PDFium) and fed one
document at a time over a pipe by its lane (the flow's `ingest-worker` task). So a lane always
knows which document its worker holds and since when:

- a worker that dies (killed, OOM, a crash in PDFium) fails only the document it held; the lane
  starts a new worker and the batch goes on; what the dead worker committed before stays counted;
- each document has a wall-clock limit (a timer in the worker raises DocumentLimit in the
  extraction; if the extraction does not return to Python, the lane kills the worker at the limit
  plus a grace) and a memory limit (RLIMIT_AS: the warmed worker's own size plus the limit), so
  a hostile PDF (a ruling grid, a decompression bomb) fails with a clear reason, whatever in the
  extraction causes it;
- Ctrl-C kills the workers at once (`stop_pools`): the transaction in hand is rolled back.

`vedtak ingest` starts the pool first thing, forked from a process that has no threads yet, so the
workers warm up while the command imports Prefect and Prefect's local server starts. Started later
(a replacement, a test, a Prefect deployment: threads exist by then), processes are spawned.
Workers die with the thread that started them (Linux `PR_SET_PDEATHSIG`): a killed ingest leaves
no worker writing on its own, and `start_pool` replaces any that are gone.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
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

# Per-document limits. An honest board paper of 300 dense pages takes ~3 s (pdfium) to ~45 s
# (pdfplumber) and tens of MB; the hostile PDFs of issue 16 took 18 minutes and 2.1 GB.
DEFAULT_SECONDS = 120.0
DEFAULT_MEMORY_MB = 1536
# Transient database errors (connection lost, server restarting, lock timeouts): the document is
# retried after each of these pauses (~30 s in all) before it is given up as a Failure.
DB_BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)


@dataclass(frozen=True)
class Limits:
    """Bounds on one document's extraction: wall-clock seconds, and memory in MB above the warmed
    worker's own size. From `--doc-timeout` / `--doc-memory-mb`, else `$VEDTAK_DOC_TIMEOUT_S` /
    `$VEDTAK_DOC_MEMORY_MB`, else DEFAULT_SECONDS / DEFAULT_MEMORY_MB; 0 turns a limit off.

    Enforced in vedtak's own worker processes (WorkerPool). A Dask task (`--dask`) gets the
    wall-clock timer only where it runs in its process's main thread, and no memory cap: bound
    Dask workers with Dask's own `memory_limit`."""

    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def resolve(cls, seconds: float | None = None, memory_mb: int | None = None) -> Limits:
        """The limits from the arguments, else the environment, else the defaults."""
        if seconds is None:
            seconds = float(os.environ.get("VEDTAK_DOC_TIMEOUT_S") or DEFAULT_SECONDS)
        if memory_mb is None:
            memory_mb = int(os.environ.get("VEDTAK_DOC_MEMORY_MB") or DEFAULT_MEMORY_MB)
        return cls(float(seconds), int(memory_mb))

    @property
    def grace_s(self) -> float:
        """How long past the limit a lane waits for a worker stuck outside Python before killing it."""
        return max(5.0, self.seconds / 4)


class DocumentLimit(BaseException):
    """Raised inside a worker's extraction when its wall-clock limit is up. A BaseException, so
    that no `except Exception` in the extraction code can swallow it."""


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


def extract_one(fetched: src.Fetched, extractor: str = DEFAULT_EXTRACTOR,
                limits: Limits | None = None) -> dict[str, Any] | src.Failure:
    """Read one PDF into its record; an unreadable file gives a Failure with the problem (not naming
    the path). With `limits`, in a process's main thread, the extraction is stopped at the
    wall-clock limit; a MemoryError (the worker's RLIMIT_AS) is the memory limit."""
    extract_file = _extractor(extractor)
    timed = limits is not None and limits.seconds > 0 and threading.current_thread() is threading.main_thread()
    try:
        with _EXTRACT_LOCK:
            if timed:
                previous = signal.signal(signal.SIGALRM, _time_up)
                signal.setitimer(signal.ITIMER_REAL, limits.seconds)
            try:
                return extract_file(fetched.path, source=fetched.source)
            finally:
                if timed:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    signal.signal(signal.SIGALRM, previous)
    except InputError as exc:
        return src.Failure(fetched.source, exc.problem, fetched.sha256)
    except DocumentLimit:
        return src.Failure(fetched.source, f"over the time limit: extraction took more than {limits.seconds:g} s "
                           "(raise it with --doc-timeout or VEDTAK_DOC_TIMEOUT_S if the file is honest)",
                           fetched.sha256, kind="limit")
    except MemoryError:
        mb = limits.memory_mb if limits else 0
        return src.Failure(fetched.source, f"over the memory limit: extraction needed more than {mb} MB "
                           "(raise it with --doc-memory-mb or VEDTAK_DOC_MEMORY_MB if the file is honest)",
                           fetched.sha256, kind="limit")
    except Exception as exc:  # noqa: BLE001 - an extractor bug on one file must not fail its batch
        text = str(exc).splitlines()[0] if str(exc) else ""
        return src.Failure(fetched.source, f"extraction failed: {type(exc).__name__}: {text}".rstrip(": "),
                           fetched.sha256)


def _time_up(signum, frame) -> None:
    raise DocumentLimit()


def load_one(record: dict[str, Any] | src.Failure, fetched: src.Fetched, db_url: str, run_id: int,
             backoff: tuple[float, ...] = DB_BACKOFF_S):
    """Write one record in one transaction (a LoadResult), retrying transient database errors after
    each pause of `backoff`; or the Failure it is, its source named (quarantined by the run's report)."""
    from vedtak.store.loader import is_transient, load_record

    if isinstance(record, src.Failure):
        return src.Failure(fetched.source, f"{fetched.source}: {record.reason}", fetched.sha256, record.kind)
    for pause in (*backoff, None):
        try:
            return load_record(engine_for(db_url), record, source=fetched.source, fetched_at=fetched.fetched_at,
                               extractor_version=extractor_fingerprint(), ingest_run_id=run_id)
        except Exception as exc:
            if pause is None or not is_transient(exc):
                raise
            engine_for(db_url).dispose()  # connections to a restarted server are dead: open new ones
            time.sleep(pause)
    raise AssertionError("unreachable")


def reason(source: str, exc: BaseException) -> str:
    """One line naming the source and the problem."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text if text.startswith(source) else f"{source}: {type(exc).__name__}: {text}"


def failed(fetched: src.Fetched, exc: BaseException, kind: str | None = None) -> src.Failure:
    """The Failure of a document whose extraction or load raised `exc` (its source named, its hash
    kept); a database error is kind `database`."""
    from sqlalchemy.exc import SQLAlchemyError

    kind = kind or ("database" if isinstance(exc, SQLAlchemyError) else "unreadable")
    return src.Failure(fetched.source, reason(fetched.source, exc), fetched.sha256, kind)


def process_document(fetched: src.Fetched, extractor: str, db_url: str, run_id: int,
                     limits: Limits | None = None):
    """Extract and load one document: its LoadResult, or its Failure (never raises for the document)."""
    record = extract_one(fetched, extractor, limits)
    try:
        return load_one(record, fetched, db_url, run_id)
    except Exception as exc:  # noqa: BLE001 - a database error on one document
        return failed(fetched, exc)


def process_batch(batch: list[src.Fetched], extractor: str, db_url: str, run_id: int,
                  limits: Limits | None = None) -> list[Any]:
    """Extract and load each document of the batch in this process (what a Dask task runs);
    its outcome (LoadResult or Failure) each, in order."""
    try:
        return [process_document(fetched, extractor, db_url, run_id, limits) for fetched in batch]
    finally:
        # A worker process ends without closing what it holds (multiprocessing exits with
        # os._exit): close the connections after each batch (a reconnect per batch costs ~ms).
        dispose_engines()


# --- worker processes ----------------------------------------------------------------------


def _worker_main(conn, extractor: str, nice: int, limits: Limits) -> None:
    """A worker process: die with the parent, ignore Ctrl-C (the parent stops it), lower its
    priority by `nice`, warm the extractor, cap its memory, say ready; then one document per
    message until the pipe closes or None arrives."""
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
    _cap_memory(limits.memory_mb)
    conn.send(("ready", os.getpid()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        fetched, db_url, run_id = message
        outcome = process_document(fetched, extractor, db_url, run_id, limits)
        try:
            conn.send(outcome)
        except (OSError, ValueError):
            break
    dispose_engines()


def _cap_memory(memory_mb: int) -> None:
    """RLIMIT_AS of this process: its present size plus `memory_mb` (0: no cap)."""
    if memory_mb <= 0 or not sys.platform.startswith("linux"):
        return
    import resource

    with open("/proc/self/statm") as fh:
        size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = size + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))


def _how_it_ended(code: int | None) -> str:
    if code is None:
        return "no exit status"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


# A worker killed by one of these crashed in native code (PDFium, numpy) on the document it held:
# allocation failures under the memory cap end so (PDFium aborts when malloc fails).
_CRASH_SIGNALS = {signal.SIGABRT, signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGTRAP}


def died(fetched: src.Fetched, exitcode: int | None, limits: Limits) -> src.Failure:
    """The Failure of a document whose worker process died holding it: kind `crash` (skipped until
    the file changes, like a limit) when native code crashed on it, else `worker` (killed from
    outside: the document may be fine, tried again next run)."""
    how = _how_it_ended(exitcode)
    if exitcode is not None and exitcode < 0 and -exitcode in {int(s) for s in _CRASH_SIGNALS}:
        cap = f" or went over the memory limit ({limits.memory_mb} MB)" if limits.memory_mb > 0 else ""
        return src.Failure(fetched.source, f"{fetched.source}: the PDF reader crashed on it{cap}: its worker "
                           f"process was {how}", fetched.sha256, "crash")
    return src.Failure(fetched.source, f"{fetched.source}: its worker process died ({how}) while reading it",
                       fetched.sha256, "worker")


class Worker:
    """One warmed worker process and the pipe that feeds it one document at a time."""

    def __init__(self, ctx, extractor: str, nice: int, limits: Limits) -> None:
        self.limits = limits
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, extractor, nice, limits), daemon=True,
                                   name="vedtak-worker")
        self.process.start()
        child.close()
        self._ready = False

    @property
    def alive(self) -> bool:
        return self.process.is_alive()

    def run(self, fetched: src.Fetched, db_url: str, run_id: int):
        """Process one document in this worker: its outcome; if the worker dies or overruns its
        limit past the grace, a Failure (and the worker is gone: the caller replaces it)."""
        try:
            if not self._ready:
                self.conn.recv()  # ("ready", pid): the warm-up does not count against the limit
                self._ready = True
            self.conn.send((fetched, db_url, run_id))
            hard = self.limits.seconds + self.limits.grace_s if self.limits.seconds > 0 else None
            if not self.conn.poll(hard):
                self.kill()
                return src.Failure(fetched.source, f"{fetched.source}: over the time limit: extraction took more "
                                   f"than {self.limits.seconds:g} s; its worker was stopped", fetched.sha256, "limit")
            return self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self.process.join(5)
            return died(fetched, self.process.exitcode, self.limits)

    def kill(self) -> None:
        """End the process now (SIGKILL); a transaction it had open is rolled back by the database."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def close(self, timeout: float = 5.0) -> None:
        """Ask the process to finish (after the document in hand), kill it after `timeout`."""
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout)
        self.kill()


class WorkerPool:
    """N warmed worker processes, one per lane (the flow's `ingest-worker` task `lane` uses worker `lane`)."""

    def __init__(self, workers: int, extractor: str = DEFAULT_EXTRACTOR, nice: int = 0,
                 limits: Limits | None = None) -> None:
        self.workers = workers
        self.extractor = extractor
        self.nice = nice
        self.limits = limits or Limits.resolve()
        self.stopped = False
        self._lock = threading.Lock()
        self._workers = [self._start() for _ in range(workers)]

    def _start(self) -> Worker:
        # fork only while this process has no other thread (forking a threaded process can
        # deadlock the child); fork starts in milliseconds and shares the imported modules.
        method = "fork" if sys.platform.startswith("linux") and threading.active_count() == 1 else "spawn"
        return Worker(multiprocessing.get_context(method), self.extractor, self.nice, self.limits)

    def run(self, lane: int, fetched: src.Fetched, db_url: str, run_id: int):
        """One document on the worker of `lane` (1-based), replaced first if it is gone."""
        with self._lock:
            if self.stopped:
                return src.Failure(fetched.source, f"{fetched.source}: not read: the run was stopped",
                                   fetched.sha256, "worker")
            worker = self._workers[lane - 1]
            if not worker.alive:
                worker.kill()
                worker = self._workers[lane - 1] = self._start()
        outcome = worker.run(fetched, db_url, run_id)
        if isinstance(outcome, src.Failure) and not worker.alive:
            worker.kill()  # replaced at its lane's next document
        return outcome

    @property
    def broken(self) -> bool:
        """Whether any worker is gone (start_pool then replaces it)."""
        return self.stopped or not all(w.alive for w in self._workers)

    def replace_dead(self) -> None:
        """Start a new process for each worker that is gone."""
        with self._lock:
            for i, worker in enumerate(self._workers):
                if not worker.alive:
                    worker.kill()
                    self._workers[i] = self._start()

    def stop(self) -> None:
        """Kill every worker now (Ctrl-C): no document is finished, none is started."""
        with self._lock:
            self.stopped = True
            for worker in self._workers:
                worker.kill()

    def shutdown(self) -> None:
        """Let each worker finish its document and exit."""
        with self._lock:
            self.stopped = True
            for worker in self._workers:
                worker.close()


_POOLS: dict[tuple[int, str, Limits], WorkerPool] = {}


def start_pool(workers: int, extractor: str = DEFAULT_EXTRACTOR, nice: int = 0,
               limits: Limits | None = None) -> WorkerPool:
    """The process's pool of `workers` processes for `extractor` and `limits`, started now if it is
    not running; a worker that died since (in an earlier run) is replaced.

    `nice` lowers the workers' priority (Unix niceness), for when something more urgent shares
    the cores while they warm up. Workers die with the thread that starts them (`die_with_parent`):
    call this from the thread that runs the flow, as `run_ingest` does.
    """
    limits = limits or Limits.resolve()
    key = (workers, extractor, limits)
    if key in _POOLS and _POOLS[key].stopped:
        _POOLS.pop(key)
    if key not in _POOLS:
        import atexit

        _POOLS[key] = WorkerPool(workers, extractor, nice, limits)
        atexit.register(_POOLS[key].shutdown)
    else:
        _POOLS[key].replace_dead()
    return _POOLS[key]


def stop_pools() -> None:
    """Ctrl-C: kill every worker of every pool of this process at once."""
    for pool in list(_POOLS.values()):
        pool.stop()
