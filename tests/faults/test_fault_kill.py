"""SIGKILL `vedtak ingest` part-way (after its first documents are committed), then run it again:
the store must equal that of one clean run, with no duplicate and no half-loaded document."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from faults_support import INGEST_TIMEOUT, ROOT, canonical_dump, cli_env, dump_difference, ingest, ingest_cmd, stats_json

pytestmark = pytest.mark.slow


def committed_documents(db_path: Path) -> int:
    """Documents committed so far (0 while the store does not exist yet); never waits long."""
    if not db_path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.5) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # tables not created yet, or locked for a moment
        return 0


def _own_api(env: dict[str, str]) -> dict[str, str]:
    """No inherited PREFECT_API_URL (an in-process flow test may have exported its local server's):
    the ingest starts Prefect's local API server as its own child, which must die with it."""
    env.pop("PREFECT_API_URL", None)
    return env


def _cmdline(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return f"pid {process.pid} (gone)"


def test_sigkill_part_way_then_rerun_equals_a_clean_run(corpus, clean_store, tmp_path):
    db_path = tmp_path / "killed.db"
    db = f"sqlite:///{db_path}"
    # its own session, so that after the test the group's id finds anything left behind
    proc = subprocess.Popen(ingest_cmd([corpus[0].parent], db), cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True,
                            env=_own_api(cli_env(VEDTAK_HOME=str(tmp_path / "vh"),
                                                 PREFECT_LOCAL_STORAGE_PATH=str(tmp_path / "results"))))
    deadline = time.monotonic() + INGEST_TIMEOUT
    committed = 0
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            committed = committed_documents(db_path)
            if committed >= 2:
                break
            time.sleep(0.02)
        finished_first = proc.poll() is not None
        children = psutil.Process(proc.pid).children(recursive=True) if not finished_first else []
        commands = {c.pid: _cmdline(c) for c in children}
        proc.send_signal(signal.SIGKILL)  # the ingest process only, as the OOM killer would
        proc.wait(timeout=30)
        # Prefect's local API server (its child) must not outlive it
        _, alive = psutil.wait_procs(children, timeout=15)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # clean up whatever did outlive it
        except ProcessLookupError:
            pass
        stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    assert not finished_first, f"the ingest ended before it could be killed: {stderr[-1500:]}"
    assert any("uvicorn" in command for command in commands.values()), f"no local API server: {commands}"
    assert not alive, f"left running after the ingest was killed: {[commands[p.pid] for p in alive]}"
    at_kill = committed_documents(db_path)
    assert 1 <= at_kill < len(corpus), f"not killed part-way: {at_kill} of {len(corpus)} documents committed"

    # the rerun reads the extraction cache the killed run left behind (same result store)
    code, summary, err = ingest([corpus[0].parent], db, cwd=tmp_path, results=tmp_path / "results")
    assert code == 0, err[-2000:]
    docs = summary["documents"]
    assert docs["failed"] == 0 and docs["new"] + docs["unchanged"] == len(corpus), docs
    assert docs["unchanged"] == at_kill, (docs, at_kill)

    assert stats_json(db) == clean_store["stats"]
    dump = canonical_dump(db)
    assert dump == clean_store["dump"], dump_difference(dump, clean_store["dump"])
    # no document twice, none without its facts
    with sqlite3.connect(db_path, timeout=10) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT sha256) FROM documents").fetchone() == (len(corpus),) * 2
        empty = conn.execute("SELECT source FROM documents d WHERE kind IN ('case_papers', 'minutes') AND NOT EXISTS "
                             "(SELECT 1 FROM case_appearances c WHERE c.document_id = d.id)").fetchall()
        assert not empty, f"documents loaded without their cases: {empty}"
        runs = conn.execute("SELECT status FROM ingest_runs ORDER BY id").fetchall()
    # the killed run could not close itself: the next run found its process gone and marked it
    assert [r[0] for r in runs] == ["interrupted", "ok"], runs
