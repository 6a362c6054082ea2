"""Findings (`count_mismatch`, `conflicting_outcomes`, `missing_case_header`, …) as a list with filters,
also those that belong to no case; one finding stated by several documents is one row with its sources."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, func
from sqlalchemy.orm import Session

from vedtak.api.read.common import (
    case_href,
    case_number_key,
    clamp,
    current_facts,
    one_fact_many_sources,
    provenance,
)
from vedtak.access import Access, finding_visible
from vedtak.models import Case, Document, Finding
from vedtak.search.query import SearchError, canonical_case


def finding_rows(conn: Connection | Session, access: Access, *, code: str | None = None, board: str | None = None,
                 case_id: str | None = None, application: str | None = None) -> list[dict[str, Any]]:
    """One row per finding per current document (its `source`), in document order; `case_id` is matched
    as stored (canonical), `board` as given upper-cased."""
    board_code = func.coalesce(Case.board_code, Document.board_code)
    query = (current_facts(Finding, finding_visible(access), Case.title.label("case_title"), board_code.label("board_code"),
                           Document.kind)
             .outerjoin(Case, Case.case_id == Finding.case_id))
    if code:
        query = query.where(Finding.code == code.strip())
    if board:
        query = query.where(board_code == board.strip().upper())
    if case_id:
        query = query.where(Finding.case_id == case_id)
    if application:
        query = query.where(Finding.application_id == application.strip())
    return [
        {"code": r[0].code, "message": r[0].message, "case_id": r[0].case_id, "case_title": r.case_title,
         "case_href": case_href(r[0].case_id) if r[0].case_id else None, "application_id": r[0].application_id,
         "board_code": r.board_code,
         "source": {**provenance(r.sha256, r.source, r[0].page, r[0].bbox), "document_kind": r.kind}}
        for r in conn.execute(query).all()
    ]


def merge_findings(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`finding_rows` with each finding once (same code, case, application and message), every document
    stating it in `sources`, in the order first seen."""
    return one_fact_many_sources(rows, lambda f: (f["code"], f["case_id"], f["application_id"], f["message"]))


def findings(engine: Engine, access: Access, *, code: str | None = None, board: str | None = None,
             case: str | None = None, application: str | None = None) -> list[dict[str, Any]]:
    """Every visible finding passing the filters, one row per finding with all its sources, by case number.
    `case` as a user writes it (`ps-helse 05/25`, or `54/24` with `board`)."""
    for name, value in (("code", code), ("board", board), ("case", case), ("application", application)):
        if value is not None and len(value) > 200:
            raise SearchError(f"{name}: longer than 200 characters")
    case_id = canonical_case(case, board.strip().upper() if board else None) if case else None
    with Session(engine) as conn:
        rows = finding_rows(conn, access, code=code, board=board, case_id=case_id, application=application)
    merged = merge_findings(rows)
    for item in merged:
        item.pop("source")
    return sorted(merged, key=lambda f: (case_number_key(f["case_id"]), f["code"], f["application_id"] or ""))


def list_findings(engine: Engine, access: Access, *, limit: int | None = None, offset: int | None = 0,
                  **filters: str | None) -> dict[str, Any]:
    """One page of `findings` with the total."""
    limit, offset = clamp(limit, offset)
    everything = findings(engine, access, **filters)
    items = everything[offset:offset + limit]
    return {"items": items, "total": len(everything), "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < len(everything) else None}
