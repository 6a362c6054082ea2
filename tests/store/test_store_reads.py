"""Reads under a concurrent ingest (issue 16, item 4): one snapshot per read transaction, the
meeting read on PostgreSQL, no duplicate documents or appearances after a revert or a copy."""

from __future__ import annotations

import copy
import hashlib

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vedtak.access import Access
from vedtak.models import CaseAppearance, Document
from vedtak.store.loader import link_source, load_record


def _changed(record: dict, label: str) -> dict:
    new = copy.deepcopy(record)
    new["document"]["sha256"] = hashlib.sha256(label.encode()).hexdigest()
    return new


def test_a_read_transaction_sees_one_snapshot_while_an_ingest_commits(engine, db_url, book, minutes):
    """Two SELECTs of one read Session around a committed load give the same state (PostgreSQL:
    REPEATABLE READ; SQLite: one WAL snapshot); a new Session sees the load."""
    from vedtak.store.db import make_engine

    load_record(engine, book)
    reader = make_engine(db_url, write=False)
    try:
        with Session(reader) as session:
            before = session.scalar(select(func.count()).select_from(CaseAppearance))
            load_record(engine, minutes)  # another connection commits meanwhile
            assert session.scalar(select(func.count()).select_from(CaseAppearance)) == before
            assert session.scalar(select(func.count()).select_from(Document)) == 1
        with Session(reader) as session:
            assert session.scalar(select(func.count()).select_from(CaseAppearance)) > before
    finally:
        reader.dispose()


def test_meeting_read_with_substitutes_works_on_both_databases(engine, minutes):
    """`GET /meetings/PS-HELSE/6/24` read `SELECT DISTINCT … attendance.case_ids` (a json column:
    `could not identify an equality operator for type json` on PostgreSQL)."""
    from vedtak.api.read.meetings import get_meeting

    load_record(engine, minutes)
    meeting = get_meeting(engine, "PS-HELSE", "6/24", Access.FULL)
    assert meeting["attendance"]["present"] and meeting["number"] == "6/24"
    substitutes = meeting["attendance"].get("substitute") or []
    assert all(sub.get("case_ids") for sub in substitutes)


def test_revert_and_copy_list_each_document_and_appearance_once(engine, book):
    """A source back at an earlier content, and that content copied to a second file: /documents
    lists it once, a case shows each appearance once (it listed every version row)."""
    from vedtak.api.read.cases import get_case
    from vedtak.api.read.documents import list_documents
    from vedtak.access import Access

    load_record(engine, book)
    load_record(engine, _changed(book, "book v2"))
    load_record(engine, copy.deepcopy(book))  # the revert
    assert link_source(engine, "samples/pdf/kopi.pdf", book["document"]["sha256"]) is not None
    listed = list_documents(engine, current=None)
    shas = [d["sha256"] for d in listed["items"]]
    assert sorted(shas) == sorted(set(shas)) and len(shas) == 2
    case = get_case(engine, "PS-HELSE 54/24", Access.FULL)
    keys = [(a["sha256"], a.get("page")) for a in case["appearances"]]
    assert len(keys) == len(set(keys)) == 2, case["appearances"]


def test_cases_only_a_replaced_version_had_are_not_listed(engine, book):
    """The new version of the meeting book drops case 55/24: /cases and /meetings list what the
    current files hold, as a clean run of them would (the row stays as history)."""
    from vedtak.api.read.cases import list_cases
    from vedtak.api.read.meetings import list_meetings
    from vedtak.access import Access
    from vedtak.store.queries import stats

    load_record(engine, book)
    v2 = _changed(book, "book v2")
    v2["cases"] = [c for c in v2["cases"] if c["case_id"] != "PS-HELSE 55/24"]
    v2["applications"] = [a for a in v2["applications"] if a.get("case_id") != "PS-HELSE 55/24"]
    v2["budget_cuts"] = [b for b in v2["budget_cuts"] if b.get("case_id") != "PS-HELSE 55/24"]
    v2["conflicts"] = [k for k in v2["conflicts"] if k["case_id"] != "PS-HELSE 55/24"]
    load_record(engine, v2)
    listed = [c["case_id"] for c in list_cases(engine, Access.FULL)["items"]]
    assert "PS-HELSE 55/24" not in listed and "PS-HELSE 54/24" in listed
    assert stats(engine)["cases"] == len(listed)
    assert [m["number"] for m in list_meetings(engine, Access.FULL)["items"]] == ["6/24"]
