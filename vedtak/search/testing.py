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


def build_store(url: str, extra: tuple[tuple[str, dict[str, Any]], ...] = ()) -> None:
    """Migrate the store at `url` and load every sample record into it, then the `extra` (source, record)s."""
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.loader import load_record

    engine = make_engine(url)
    try:
        upgrade(engine)
        for source, record in (*sample_records(), *extra):
            load_record(engine, copy.deepcopy(record), source=source)
    finally:
        engine.dispose()


def new_version(record: dict[str, Any], edit) -> dict[str, Any]:
    """A copy of `record` changed by `edit(record)`, with a new sha256 (a later version of the same file)."""
    changed = copy.deepcopy(record)
    edit(changed)
    changed["document"]["sha256"] = hashlib.sha256(repr(changed).encode()).hexdigest()
    return changed


def minutes_for(book: dict[str, Any], decisions: dict[str, str], *, source: str) -> dict[str, Any]:
    """A minutes record (møteprotokoll) adopting `decisions` {case id: decision text} for cases of `book`'s
    meeting: what the store gets when the minutes of a meeting book arrive later. Synthetic, for tests
    of the proposal/decision difference (the samples hold no book together with its own minutes)."""
    meeting = copy.deepcopy(book["meetings"][0])
    meeting.update({"source_kind": "minutes", "present": [], "absent": [], "observers": [], "staff": [],
                    "substitutes": [], "chair": None})
    by_id = {c["case_id"]: c for c in book["cases"] if c.get("case_id")}
    cases = []
    for case_id, decision in decisions.items():
        paper = by_id[case_id]
        cases.append({
            "case_id": case_id, "meeting": paper.get("meeting"), "title": paper.get("title"), "case_type": None,
            "proposed_decision": None, "decision": decision, "exempt": paper.get("exempt"), "references": [],
            "provenance": {"page": 1, "bbox": None, "extractor": "test.minutes_for"},
        })
    document = dict(book["document"], kind="minutes", pages=1, source=source)
    record = {**{k: [] for k in ("conflicts", "conflict_declarations", "applications", "budget_cuts", "findings")},
              "schema_version": book.get("schema_version", "1"), "document": document, "meetings": [meeting],
              "cases": cases}
    record["document"]["sha256"] = hashlib.sha256(repr(record).encode()).hexdigest()
    return record


def hav_minutes() -> tuple[str, dict[str, Any]]:
    """(source, record): minutes of PS-HAV 2/26 adopting 11/26 (exempt) and 12/26 with changes to the proposals."""
    book = next(r for s, r in sample_records() if s.endswith("hav_2-26_book_lo_beside.pdf"))
    proposals = {c["case_id"]: c["proposed_decision"] for c in book["cases"] if c.get("case_id")}
    decisions = {
        "PS-HAV 11/26": proposals["PS-HAV 11/26"].replace("11 søknader", "12 søknader"),
        "PS-HAV 12/26": proposals["PS-HAV 12/26"].replace("under 5,0 avslås en bloc", "under 4,5 avslås"),
    }
    source = "samples/pdf/hav_2-26_minutes_synthetic.pdf"
    return source, minutes_for(book, decisions, source=source)
