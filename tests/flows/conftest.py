"""Flow fixtures: fake-PDF folders, databases on SQLite and PostgreSQL, an isolated PREFECT_HOME."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

from db_fixtures import db_url  # noqa: F401  (SQLite and PostgreSQL; tests/support/db_fixtures.py)

HERE = Path(__file__).parent

# Prefect's state and result store for tests: out of the project's var/, shared across sessions
# (a fresh PREFECT_HOME costs ~12 s more on the first flow run). Set before prefect is imported.
os.environ.setdefault("PREFECT_HOME", os.path.join(tempfile.gettempdir(), "vedtak-tests-prefect-home"))

# Dask worker processes and CLI subprocesses import the fake extractor by module name.
sys.path.insert(0, str(HERE))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))


@pytest.fixture
def pdf_folder(tmp_path) -> Path:
    """A folder with three good fake PDFs (book, minutes, other) and one sub-folder."""
    from flow_fake_extractor import fake_pdf
    from flow_support import record

    folder = tmp_path / "papers"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "ps-helse-6-24-saksdokumenter.pdf").write_bytes(fake_pdf(record("book_6_24.json")))
    (folder / "2024" / "ps-helse-6-24-protokoll.pdf").write_bytes(fake_pdf(record("minutes_6_24.json")))
    (folder / "investeringsplan.pdf").write_bytes(fake_pdf(record("other.json")))
    (folder / "notes.txt").write_text("not a paper, not picked up by folder discovery")
    return folder


