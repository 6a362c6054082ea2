"""The expected records of samples/ (realistic, from the generator) load into both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Case
from vedtak.store.loader import LoadStatus, load_record
from vedtak.store.queries import stats

EXPECTED = sorted((Path(__file__).parents[2] / "samples" / "expected").glob("*.json"))


@pytest.fixture(scope="module")
def expected_records() -> list[dict]:
    if not EXPECTED:
        pytest.skip("MISSING COMPONENT: samples/expected/*.json (run the samples generator)")
    return [json.loads(p.read_text(encoding="utf-8")) for p in EXPECTED]


def test_expected_records_load_and_reload_unchanged(engine, expected_records):
    results = [load_record(engine, r) for r in expected_records]
    assert all(r.status is LoadStatus.NEW for r in results)
    counts = stats(engine)
    assert counts["documents"] == len(expected_records)
    assert counts["application_mentions"] == sum(len(r["applications"]) for r in expected_records)
    assert counts["findings"] == sum(len(r["findings"]) for r in expected_records)
    case_ids = {c["case_id"] for r in expected_records for c in r["cases"] if c["case_id"]}
    with Session(engine) as s:
        stored = set(s.scalars(select(Case.case_id)))
    assert case_ids <= stored
    again = [load_record(engine, r) for r in expected_records]
    assert all(r.status is LoadStatus.UNCHANGED for r in again)
    assert stats(engine) == counts
