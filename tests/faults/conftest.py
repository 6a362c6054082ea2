"""Fixtures of the fault tests: a corpus of good board papers, a clean store of it, PostgreSQL."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

from faults_support import PREFECT_HOME, RESULTS, canonical_dump, good_corpus, ingest, stats_json  # noqa: E402

# In-process flow runs (the network test) use the same Prefect state as the CLI subprocesses.
os.environ.setdefault("PREFECT_HOME", PREFECT_HOME)
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
os.environ.setdefault("PREFECT_LOCAL_STORAGE_PATH", RESULTS)

CORPUS_DOCS = 14


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> list[Path]:
    """14 distinct meeting books and minutes (7 boards, two years), ~240 pages, reportlab."""
    return good_corpus(tmp_path_factory.mktemp("good-corpus"), CORPUS_DOCS)


@pytest.fixture(scope="session")
def clean_store(corpus, tmp_path_factory) -> dict:
    """The store of one clean `vedtak ingest` of the whole corpus on SQLite: stats and canonical dump."""
    work = tmp_path_factory.mktemp("clean")
    db = f"sqlite:///{work / 'clean.db'}"
    code, summary, err = ingest([corpus[0].parent], db, cwd=work, results=work / "results")
    assert code == 0, err[-2000:]
    assert summary["documents"]["new"] == len(corpus), summary["documents"]
    return {"db": db, "stats": stats_json(db), "dump": canonical_dump(db), "summary": summary}


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database ($VEDTAK_TEST_PG_URL, else scripts/pg.sh), dropped afterwards."""
    from vedtak.store.testing import PgUnavailable, fresh_pg_database

    try:
        with fresh_pg_database("vedtak_faults") as url:
            yield url
    except PgUnavailable as exc:
        pytest.skip(f"MISSING COMPONENT: PostgreSQL ({exc})")
