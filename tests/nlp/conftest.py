"""Fixtures of the NLP tests: the seed meeting book's text layer (a copy kept in tests/nlp/data)."""

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_book() -> str:
    """Text layer of the seed meeting book of Porteføljestyret for helse, møte 1/25 (05.03.2025)."""
    return (DATA / "002_meeting_book.txt").read_text(encoding="utf-8")
