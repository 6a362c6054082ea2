"""Helpers for the store tests (a module of its own: `conftest` names clash across test folders)."""

from __future__ import annotations

import json
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


def load_fixture(name: str) -> dict:
    """A hand-made record from tests/store/fixtures (valid against record-v1.json)."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))
