"""Fixtures for the extraction tests."""

from __future__ import annotations

import pytest

from tests_support import SAMPLES, record_of

SEED_BOOKS = sorted((SAMPLES / "pdf").glob("helse_1-25_seed_*.pdf"))


@pytest.fixture(params=SEED_BOOKS, ids=lambda p: p.stem)
def seed_book(request) -> dict:
    """The record of each rendering of the seed meeting book."""
    return record_of(request.param)
