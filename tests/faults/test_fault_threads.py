"""The flow's extract task runs on a thread pool: PDFium (not thread-safe) must never be entered
from two threads at once. Run the task's function from 4 threads over the corpus in a child
process (a segfault there is a failed test, not a dead test run)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from faults_support import ROOT, cli_env

CHILD = r"""
import faulthandler, sys, datetime as dt
faulthandler.enable()
from concurrent.futures import ThreadPoolExecutor
from vedtak.batch import extract_one
from vedtak.store.sources import Fetched, sha256_file
files = sys.argv[1:] * 3
now = dt.datetime.now(dt.UTC)
fetched = [Fetched(f, f, sha256_file(f), now) for f in files]
with ThreadPoolExecutor(4) as pool:
    records = list(pool.map(lambda f: extract_one(f, "vedtak.extract:extract_file"), fetched))
by_file = {}
for f, r in zip(files, records):
    by_file.setdefault(f, []).append(r)
assert all(rs[0] == r for rs in by_file.values() for r in rs), "a record changed between concurrent reads"
print("ok", len(records))
"""


@pytest.mark.slow
def test_concurrent_extract_tasks_do_not_crash_pdfium(corpus):
    proc = subprocess.run([sys.executable, "-c", CHILD, *map(str, corpus)], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, env=cli_env())
    assert proc.returncode == 0, f"exit {proc.returncode}: {proc.stderr[-3000:]}"
    assert proc.stdout.split() == ["ok", str(3 * len(corpus))]
