"""The stack's clean-up: a process tree that ignores SIGTERM (as `prefect worker start` does for
a while) is killed after the grace period, children included, and `close()` reports no leftover."""

from __future__ import annotations

import sys
import time

import psutil
from prefect_stack import PrefectStack, alive

# A parent and a child that both ignore SIGTERM and would sleep for ten minutes.
STUBBORN = (
    "import signal, subprocess, sys, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "subprocess.Popen([sys.executable, '-c', 'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print(1, flush=True); time.sleep(600)'])\n"
    "time.sleep(600)\n"
)


def test_close_kills_a_tree_that_ignores_sigterm(tmp_path):
    stack = PrefectStack(tmp_path, grace_s=1.0)
    proc = stack.spawn("stubborn", [sys.executable, "-c", STUBBORN])
    deadline = time.monotonic() + 60
    while not stack.log("stubborn").strip() and time.monotonic() < deadline:
        time.sleep(0.1)
    tree = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    assert len(tree) == 2
    stack.close()
    assert stack.leftover == []
    assert [p for p in tree if alive(p)] == []
