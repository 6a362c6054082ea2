"""Two `vedtak ingest` processes over overlapping sources at the same time, on SQLite and on
PostgreSQL: both runs succeed, every document is new in exactly one of them, and the store equals
that of one clean run of the union (no duplicate row)."""

from __future__ import annotations

import json
import subprocess
import time

import pytest

from faults_support import INGEST_TIMEOUT, canonical_dump, cli_env, dump_difference, ingest_cmd, stats_json

pytestmark = pytest.mark.slow


def run_two_at_once(first: list, second: list, db: str, tmp_path) -> list[tuple[int, dict | None, str]]:
    """Start both ingests together; wait for both (bounded); their exit codes, summaries, stderr."""
    procs = []
    for i, files in enumerate((first, second)):
        procs.append(subprocess.Popen(ingest_cmd(files, db), cwd=tmp_path, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True,
                                      env=cli_env(VEDTAK_HOME=str(tmp_path / f"vh{i}"),
                                                  PREFECT_LOCAL_STORAGE_PATH=str(tmp_path / "results"))))
    results = []
    deadline = time.monotonic() + INGEST_TIMEOUT
    for proc in procs:
        try:
            out, err = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            for p in procs:
                p.kill()
            pytest.fail(f"concurrent ingests still running after {INGEST_TIMEOUT} s")
        try:
            summary = json.loads(out)
        except ValueError:
            summary = None
        results.append((proc.returncode, summary, err))
    return results


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_overlapping_ingests_at_the_same_time(backend, corpus, clean_store, tmp_path, request):
    db = f"sqlite:///{tmp_path / 'shared.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    third = len(corpus) // 3
    first, second = corpus[: 2 * third], corpus[third:]  # the middle third is in both

    results = run_two_at_once(first, second, db, tmp_path)

    for code, summary, err in results:
        assert code == 0 and summary is not None, err[-2000:]
        assert summary["documents"]["failed"] == 0, summary["failures"]
    new = [i["source"] for _, s, _ in results for i in s["items"] if i["status"] == "new"]
    assert sorted(new) == sorted(map(str, corpus)), "each document must be new in exactly one run"
    assert stats_json(db) == clean_store["stats"]
    dump = canonical_dump(db)
    assert dump == clean_store["dump"], dump_difference(dump, clean_store["dump"])
