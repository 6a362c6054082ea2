"""Flow tasks through `.fn()`: each wraps one call, no Prefect run needed."""

from __future__ import annotations

import pytest

import vedtak.flows  # noqa: F401
from vedtak.flows import ingest as flow_mod
from vedtak.batch import extract_one
from vedtak.store import sources as src
from sqlalchemy import select
from sqlalchemy.orm import Session

from flow_support import FAKE


ENV_KEYS = ("PREFECT_SERVER_ANALYTICS_ENABLED", "PREFECT_LOGGING_TO_API_ENABLED", "PREFECT_LOGGING_LEVEL", "PREFECT_HOME")


def test_prefect_env_is_quiet_and_local(monkeypatch, tmp_path):
    from vedtak.flows._env import configure_prefect_env

    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("VEDTAK_HOME", str(tmp_path / "home"))
    configure_prefect_env()
    import os

    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    assert os.environ["PREFECT_LOGGING_TO_API_ENABLED"] == "false"
    assert os.environ["PREFECT_LOGGING_LEVEL"] == "WARNING"
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "home" / "prefect")
    assert (tmp_path / "home" / "prefect").is_dir()


def test_users_prefect_home_wins(monkeypatch, tmp_path):
    from vedtak.flows._env import configure_prefect_env

    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "mine"))
    configure_prefect_env()
    import os

    assert os.environ["PREFECT_HOME"] == str(tmp_path / "mine")


def test_discover_folder_and_glob(pdf_folder, tmp_path):
    items, failures = flow_mod.discover.fn([str(pdf_folder)], str(tmp_path / "cache"))
    assert [i.location.rsplit("/", 1)[-1] for i in items] == [
        "ps-helse-6-24-protokoll.pdf", "ps-helse-6-24-saksdokumenter.pdf", "investeringsplan.pdf"]
    assert failures == []
    items, _ = flow_mod.discover.fn([str(pdf_folder / "**" / "*saksdok*.pdf")], str(tmp_path / "cache"))
    assert len(items) == 1
    items, failures = flow_mod.discover.fn([str(pdf_folder / "mangler.pdf")], str(tmp_path / "cache"))
    assert items == [] and "no such file" in failures[0].reason


def test_fetch_extract_load_report_fn(pdf_folder, tmp_path, db_url):
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.runs import open_run

    engine = make_engine(db_url)
    upgrade(engine)
    run_id = open_run(engine, [str(pdf_folder)])
    items, _ = flow_mod.discover.fn([str(pdf_folder)], str(tmp_path / "cache"))
    fetched = flow_mod.hash_files.fn(items)
    assert [f.sha256 for f in fetched] == [flow_mod.fetch.fn(i, str(tmp_path / "cache")).sha256 for i in items]
    assert all(len(f.sha256) == 64 for f in fetched)
    outcomes = flow_mod.ingest_batch.fn(fetched, FAKE, db_url, run_id)
    assert sorted(o.status.value for o in outcomes) == ["new", "new", "new"]
    plan, limited = flow_mod.check_store.fn(db_url, fetched)
    assert plan.unchanged == fetched and plan.link == plan.extract == [] and limited == {}
    copy = src.Fetched("https://andre.no/kopi.pdf", fetched[0].path, fetched[0].sha256, fetched[0].fetched_at)
    plan, _ = flow_mod.check_store.fn(db_url, [copy])
    assert plan.link == [copy] and plan.unchanged == []  # a known content under a new source: linked, not extracted
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from vedtak.models import Document
    from vedtak.fingerprint import extractor_fingerprint

    with Session(engine) as s:  # which rules made each record: the version and a hash of the code
        assert set(s.scalars(select(Document.extractor_version))) == {extractor_fingerprint()}
    summary = flow_mod.report.fn(db_url, run_id, outcomes)
    assert summary["documents"] == {"new": 3, "unchanged": 0, "updated": 0, "gone": 0, "skipped": 0, "failed": 0}
    assert summary["records"]["cases"] == 5 and summary["records"]["applications"] == 10
    engine.dispose()


def test_extract_fn_turns_input_error_into_failure(tmp_path):
    bad = tmp_path / "skadet.pdf"
    bad.write_bytes(b"%PDF-1.4\n{ truncated")
    fetched = src.Fetched(str(bad), str(bad), src.sha256_file(bad), src.dt.datetime.now(src.dt.UTC))
    failure = extract_one(fetched, FAKE)
    assert isinstance(failure, src.Failure) and failure.reason.startswith("damaged PDF")


def test_one_bad_document_does_not_fail_its_batch(tmp_path, pdf_folder, monkeypatch, db_url):
    """An extractor bug on one file is that file's Failure (quarantined); the rest of the batch loads."""
    from vedtak import batch
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.runs import open_run

    engine = make_engine(db_url)
    upgrade(engine)
    run_id = open_run(engine, [str(pdf_folder)])
    items, _ = flow_mod.discover.fn([str(pdf_folder)], str(tmp_path / "cache"))
    fetched = flow_mod.hash_files.fn(items)
    real = batch._extractor(FAKE)

    def flaky(path, source=None):
        if source.endswith("investeringsplan.pdf"):
            raise KeyError("table")
        return real(path, source=source)

    monkeypatch.setattr(batch, "_extractor", lambda name: flaky)
    outcomes = batch.process_batch(fetched, FAKE, db_url, run_id)
    failed = [o for o in outcomes if isinstance(o, src.Failure)]
    assert len(outcomes) == 3 and len(failed) == 1
    assert failed[0].reason == f"{failed[0].source}: extraction failed: KeyError: 'table'"
    assert failed[0].source.endswith("investeringsplan.pdf")
    assert sorted(o.status.value for o in outcomes if not isinstance(o, src.Failure)) == ["new", "new"]
    engine.dispose()


@pytest.mark.parametrize(("n", "workers", "sizes"), [
    (0, 1, []), (1, 1, [1]), (3, 1, [2, 1]), (10, 1, [5, 3, 1, 1]),
    (200, 1, [16] * 11 + [12, 6, 3, 2, 1]),
    (200, 2, [16] * 9 + [14, 11, 8, 6, 5, 3, 3, 2, 1, 1, 1, 1]), (10, 2, [3, 2, 2, 1, 1, 1]),
])
def test_plan_batches(n, workers, sizes):
    """Largest files first, batches shrinking towards the end; every document once."""
    todo = [src.Fetched(f"f{i:03d}.pdf", f"f{i:03d}.pdf", f"{i:064d}", None) for i in range(n)]
    size = {f.source: (i * 37) % 101 for i, f in enumerate(todo)}  # sizes in no particular order
    batches = flow_mod.plan_batches(todo, workers, size_of=lambda f: size[f.source])
    assert [len(b) for b in batches] == sizes
    flat = [f for b in batches for f in b]
    assert sorted(flat, key=lambda f: f.source) == todo  # none lost, none twice
    assert [size[f.source] for f in flat] == sorted(size.values(), reverse=True)


def test_batch_queue_hands_out_each_batch_once_until_stopped():
    import threading

    queue = flow_mod.BatchQueue([[i] for i in range(500)])
    taken: list[list[int]] = [[] for _ in range(4)]

    def take(k):
        while (batch := queue.take()) is not None:
            taken[k].extend(batch)

    threads = [threading.Thread(target=take, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(x for t in taken for x in t) == list(range(500))
    stopped = flow_mod.BatchQueue([[1], [2]])
    assert stopped.take() == [1]
    stopped.stop()
    assert stopped.take() is None


def _lanes(queue, extractor, db_url, run_id, workers):
    """Run `workers` ingest-worker tasks (their functions) at once, as the flow does, after starting
    the pool in this thread as run_ingest does (workers die with the thread that starts them)."""
    from concurrent.futures import ThreadPoolExecutor

    from vedtak.batch import start_pool

    start_pool(workers, extractor)
    with ThreadPoolExecutor(workers) as threads:
        futures = [threads.submit(flow_mod.ingest_worker.fn, queue, extractor, db_url, run_id, lane, workers)
                   for lane in range(1, workers + 1)]
        return [f.result() for f in futures]


def _store_with_run(db_url, pdf_folder):
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.runs import open_run

    engine = make_engine(db_url)
    upgrade(engine)
    run_id = open_run(engine, [str(pdf_folder)])
    engine.dispose()
    return run_id


def test_ingest_workers_share_the_batches(pdf_folder, tmp_path, db_url):
    """Two ingest-worker tasks feed two worker processes from one queue: every document loaded once."""
    run_id = _store_with_run(db_url, pdf_folder)
    items, _ = flow_mod.discover.fn([str(pdf_folder)], str(tmp_path / "cache"))
    fetched = flow_mod.hash_files.fn(items)
    queue = flow_mod.BatchQueue([[f] for f in fetched])
    lanes = _lanes(queue, FAKE, db_url, run_id, 2)
    outcomes = [o for lane in lanes for o in lane]
    assert sorted(o.source for o in outcomes) == sorted(f.source for f in fetched)
    assert [getattr(o, "status", None) and o.status.value for o in outcomes] == ["new"] * 3, outcomes
    assert queue.take() is None


def test_a_worker_that_dies_fails_only_its_document(pdf_folder, tmp_path, db_url):
    """A worker process killed mid-batch (OOM, a crash in PDFium): only the document it held fails,
    naming its file and how the worker ended; a new worker takes the rest of the batch; the
    ingest-worker task itself returns normally."""
    extractor = "flow_fake_extractor:dies_on_investeringsplan"
    run_id = _store_with_run(db_url, pdf_folder)
    items, _ = flow_mod.discover.fn([str(pdf_folder)], str(tmp_path / "cache"))
    fetched = sorted(flow_mod.hash_files.fn(items), key=lambda f: not f.source.endswith("investeringsplan.pdf"))
    queue = flow_mod.BatchQueue([fetched])  # one batch: the fatal file first, then the others
    (outcomes,) = _lanes(queue, extractor, db_url, run_id, 1)
    assert len(outcomes) == 3
    dead, *rest = outcomes
    assert isinstance(dead, src.Failure) and dead.kind == "worker"
    assert dead.reason == f"{dead.source}: its worker process died (exit code 3) while reading it"
    assert [o.status.value for o in rest] == ["new", "new"], rest
    from vedtak.batch import start_pool

    assert start_pool(1, extractor).broken is False  # the next run gets live workers again


def test_a_worker_killed_after_commit_counts_what_was_committed(pdf_folder, tmp_path, db_url):
    """The run's counts come from what the store holds: a document whose worker died after its
    transaction committed is `new`, not failed, and is not quarantined."""
    from vedtak.models import IngestRun, QuarantinedFile
    from vedtak.store.db import make_engine

    run_id = _store_with_run(db_url, pdf_folder)
    items, _ = flow_mod.discover.fn([str(pdf_folder)], str(tmp_path / "cache"))
    fetched = flow_mod.hash_files.fn(items)
    loaded = flow_mod.ingest_batch.fn(fetched[:1], FAKE, db_url, run_id)
    died_late = src.Failure(fetched[0].source, f"{fetched[0].source}: its worker process died (killed by SIGKILL) "
                            "while reading it", fetched[0].sha256, "worker")
    summary = flow_mod.report.fn(db_url, run_id, [died_late])
    assert loaded[0].status.value == "new" and summary["documents"]["new"] == 1 and summary["failures"] == []
    engine = make_engine(db_url)
    with Session(engine) as s:
        run = s.get(IngestRun, run_id)
        assert (run.status, run.documents_new, run.documents_failed) == ("ok", 1, 0)
        assert s.scalars(select(QuarantinedFile)).all() == []
    engine.dispose()
