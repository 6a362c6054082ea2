"""Shared fixtures for the extraction tests: the samples and one cached record per sample."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SEED_BOOKS = sorted((SAMPLES / "pdf").glob("helse_1-25_seed_*.pdf"))


@cache
def record_of(path: Path) -> dict:
    """The record of a sample PDF (extracted once per test process), with a stable source."""
    from vedtak.extract import extract_file

    return extract_file(path, source=str(path.relative_to(ROOT)))


@pytest.fixture(params=SEED_BOOKS, ids=lambda p: p.stem)
def seed_book(request) -> dict:
    """The record of each rendering of the seed meeting book."""
    return record_of(request.param)
