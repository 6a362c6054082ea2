"""Findings (`count_mismatch`, `conflicting_outcomes`, `missing_case_header`, …) as a list with filters,
also those that belong to no case; one finding stated by several documents is one row with its sources."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vedtak.api.read.common import case_number_key, one_fact_many_sources
from vedtak.api.readmodel import _doc, case_href, clamp
from vedtak.access import Access, finding_visible
from vedtak.models import Case, Document, Finding
from vedtak.search.query import SearchError, canonical_case


def _query(access: Access, *, code: str | None, board: str | None, case: str | None, application: str | None):
    query = (
        select(Finding.code, Finding.message, Finding.case_id, Finding.application_id, Finding.page, Finding.bbox,
               Case.title.label("case_title"), func.coalesce(Case.board_code, Document.board_code).label("board_code"),
               Document.sha256, Document.source, Document.kind)
        .join(Document, Document.id == Finding.document_id)
        .outerjoin(Case, Case.case_id == Finding.case_id)
        .where(Document.is_current.is_(True), finding_visible(access))
    )
    if code:
        query = query.where(Finding.code == code.strip())
    if board:
        query = query.where(func.coalesce(Case.board_code, Document.board_code) == board.strip().upper())
    if case:
        query = query.where(Finding.case_id == canonical_case(case, board.strip().upper() if board else None))
    if application:
        query = query.where(Finding.application_id == application.strip())
    return query.order_by(Document.id, Finding.seq)


def findings(engine: Engine, access: Access, *, code: str | None = None, board: str | None = None,
             case: str | None = None, application: str | None = None) -> list[dict[str, Any]]:
    """Every visible finding passing the filters, one row per finding with all its sources, by case number."""
    for name, value in (("code", code), ("board", board), ("case", case), ("application", application)):
        if value is not None and len(value) > 200:
            raise SearchError(f"{name}: longer than 200 characters")
    with Session(engine) as conn:
        rows = conn.execute(_query(access, code=code, board=board, case=case, application=application)).all()
    items = [
        {"code": r.code, "message": r.message, "case_id": r.case_id, "case_title": r.case_title,
         "case_href": case_href(r.case_id) if r.case_id else None, "application_id": r.application_id,
         "board_code": r.board_code, "source": {**_doc(r.sha256, r.source, r.page, r.bbox), "document_kind": r.kind}}
        for r in rows
    ]
    merged = one_fact_many_sources(items, lambda f: (f["code"], f["case_id"], f["application_id"], f["message"]))
    for item in merged:
        item.pop("source")
    return sorted(merged, key=lambda f: (case_number_key(f["case_id"]), f["code"], f["application_id"] or ""))


def list_findings(engine: Engine, access: Access, *, limit: int | None = None, offset: int | None = 0,
                  **filters: str | None) -> dict[str, Any]:
    """One page of `findings` with the total."""
    limit, offset = clamp(limit, offset)
    everything = findings(engine, access, **filters)
    page = everything[offset:offset + limit]
    return {"items": page, "total": len(everything), "limit": limit, "offset": offset,
            "next_offset": offset + limit if offset + limit < len(everything) else None}
