"""Helpers for the flow tests (a module of its own: `conftest` names clash across test folders)."""

from __future__ import annotations

import json
from pathlib import Path

STORE_FIXTURES = Path(__file__).parent.parent / "store" / "fixtures"
FAKE = "flow_fake_extractor:extract_file"


def record(name: str) -> dict:
    """A hand-made record from tests/store/fixtures."""
    return json.loads((STORE_FIXTURES / name).read_text(encoding="utf-8"))
