"""Ingest-run rows: a run whose process died is found by the next run on the host and marked."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vedtak.models import IngestRun
from vedtak.store.runs import close_run, open_run, summarise


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_run_of_a_dead_process_is_marked_interrupted(engine):
    killed = open_run(engine, ["a/"])
    alive_elsewhere = open_run(engine, ["b/"])
    with Session(engine) as s, s.begin():
        s.execute(update(IngestRun).where(IngestRun.id == killed).values(pid=_dead_pid()))
        s.execute(update(IngestRun).where(IngestRun.id == alive_elsewhere).values(host="another-host", pid=_dead_pid()))
    this = open_run(engine, ["c/"])
    close_run(engine, this, summarise(this, []))
    with Session(engine) as s:
        runs = {r.id: r for r in s.scalars(select(IngestRun))}
    assert runs[killed].status == "interrupted" and runs[killed].finished_at is None
    assert runs[alive_elsewhere].status == "running"  # another host's process cannot be checked from here
    assert (runs[this].status, runs[this].host, runs[this].pid) == ("ok", socket.gethostname(), os.getpid())
