"""Test helpers for the search and API suites: a store loaded from samples/pdf with the real extractor
and the store's real loader (`vedtak.store.loader.load_record`)."""

from __future__ import annotations

import copy
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples" / "pdf"


@lru_cache(maxsize=1)
def sample_records() -> tuple[tuple[str, dict[str, Any]], ...]:
    """(source path relative to the repo, record) for every PDF in samples/pdf, extracted once per process."""
    from vedtak.extract import extract_file

    return tuple((str(p.relative_to(REPO)), extract_file(p)) for p in sorted(SAMPLES.glob("*.pdf")))


def build_store(url: str) -> None:
    """Migrate the store at `url` and load every sample record into it."""
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.loader import load_record

    engine = make_engine(url)
    try:
        upgrade(engine)
        for source, record in sample_records():
            load_record(engine, copy.deepcopy(record), source=source)
    finally:
        engine.dispose()


def new_version(record: dict[str, Any], edit) -> dict[str, Any]:
    """A copy of `record` changed by `edit(record)`, with a new sha256 (a later version of the same file)."""
    changed = copy.deepcopy(record)
    edit(changed)
    changed["document"]["sha256"] = hashlib.sha256(repr(changed).encode()).hexdigest()
    return changed
