"""Ctrl-C in the terminal (SIGINT to the whole process group) part-way through `vedtak ingest`:
it stops within seconds with exit 130, the run is closed `interrupted`, nothing it started keeps
running, and a second run completes the store exactly as a clean run would have."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

import psutil
import pytest

from faults_support import INGEST_TIMEOUT, canonical_dump, cli_env, dump_difference, ingest, ingest_cmd, stats_json
from test_fault_kill import _cmdline, _own_api, committed_documents

pytestmark = pytest.mark.slow


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_part_way_stops_cleanly_then_rerun_equals_a_clean_run(corpus, clean_store, tmp_path):
    db_path = tmp_path / "interrupted.db"
    db = f"sqlite:///{db_path}"
    proc = subprocess.Popen(ingest_cmd([corpus[0].parent], db), cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True,  # a process group, as a terminal's job
                            env=_own_api(cli_env(VEDTAK_HOME=str(tmp_path / "vh"))),
                            # Ctrl-C as a terminal's job gets it: an earlier test in this pytest worker may have left
                            # SIGINT ignored, and an ignored signal is inherited across exec (Python then never
                            # installs its KeyboardInterrupt handler, and the ingest runs to the end with exit 0)
                            preexec_fn=_default_sigint)
    deadline = time.monotonic() + INGEST_TIMEOUT
    try:
        while time.monotonic() < deadline and proc.poll() is None and committed_documents(db_path) < 2:
            time.sleep(0.02)
        finished_first = proc.poll() is not None
        children = psutil.Process(proc.pid).children(recursive=True) if not finished_first else []
        commands = {c.pid: _cmdline(c) for c in children}
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C does
        interrupted_at = time.monotonic()
        _, stderr = proc.communicate(timeout=120)
        stopped_after = time.monotonic() - interrupted_at
        _, alive = psutil.wait_procs(children, timeout=15)
    finally:
        for child in psutil.Process().children(recursive=True):  # nothing of it may be left over
            if child.pid in {c.pid for c in children}:
                child.kill()
    stderr = stderr.decode(errors="replace")
    assert not finished_first, f"the ingest ended before it could be interrupted: {stderr[-1500:]}"
    assert proc.returncode == 130, (proc.returncode, stderr[-1500:])
    assert stopped_after < 60, f"took {stopped_after:.0f} s to stop"  # it finishes the batch in hand, not the run
    assert "Traceback" not in stderr, stderr[-3000:]
    assert any("uvicorn" in command for command in commands.values()), f"no local API server: {commands}"
    assert not alive, f"left running after Ctrl-C: {[commands[p.pid] for p in alive]}"
    with sqlite3.connect(db_path, timeout=10) as conn:
        assert conn.execute("SELECT status, finished_at IS NOT NULL FROM ingest_runs").fetchall() == [("interrupted", 1)]
        loaded = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 1 <= loaded < len(corpus)

    code, summary, err = ingest([corpus[0].parent], db, cwd=tmp_path)
    assert code == 0, err[-2000:]
    assert summary["documents"]["unchanged"] == loaded and summary["documents"]["failed"] == 0
    assert stats_json(db) == clean_store["stats"]
    dump = canonical_dump(db)
    assert dump == clean_store["dump"], dump_difference(dump, clean_store["dump"])
