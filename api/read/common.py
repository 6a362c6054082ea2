"""What the read modules share: errors, paging, links, ISO dates, provenance, case-number order, one fact
with several sources, and the query shape of a fact read from current documents."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Hashable, Iterable
from typing import Any
from urllib.parse import quote

from sqlalchemy import ColumnElement, Select, func, select

from vedtak.models import Document

MAX_LIMIT = 200
DEFAULT_LIMIT = 50


class NotFound(LookupError):
    """The requested record does not exist, or the caller may not see it (message names it)."""


class BadCursor(ValueError):
    """A change-feed cursor or `since` value that cannot be read."""


def clamp(limit: int | None, offset: int | None = 0) -> tuple[int, int]:
    """Limit in 1..MAX_LIMIT (default DEFAULT_LIMIT), offset >= 0."""
    limit = DEFAULT_LIMIT if limit is None else max(1, min(int(limit), MAX_LIMIT))
    return limit, max(0, int(offset or 0))


def paged(items: list[dict[str, Any]], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """One page of a list read with `limit + 1` rows: the first `limit` items, and `next_offset` when the
    extra row says there are more."""
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset, "total": total,
            "next_offset": offset + limit if more else None}


def iso(value: dt.date | dt.datetime | None) -> str | None:
    """ISO 8601 text of a date or datetime (`2024-12-02`), None for None."""
    return value.isoformat() if value else None


def pdf_href(sha256: str | None, page_no: int | None) -> str | None:
    """Link to the stored source PDF at a page: `/documents/<sha256>/pdf#page=5`."""
    if not sha256:
        return None
    return f"/documents/{sha256}/pdf" + (f"#page={page_no}" if page_no else "")


def provenance(sha256: str | None, source: str | None, page_no: int | None, bbox: Any = None) -> dict[str, Any] | None:
    """Where a fact was read: document sha256 and source, page, box, and the link to that page of the PDF;
    None when no document is known."""
    if not sha256:
        return None
    return {"sha256": sha256, "source": source, "page": page_no, "bbox": bbox, "pdf": pdf_href(sha256, page_no)}


def current_facts(model: Any, visible: ColumnElement[bool], *columns: Any) -> Select:
    """`model`'s rows (plus `columns`, then the document's `sha256` and `source`) stated by current documents
    and visible to the caller (`visible`: a predicate of `vedtak.access`), in document order."""
    return (select(model, *columns, Document.sha256, Document.source)
            .join(Document, Document.id == model.document_id)
            .where(Document.is_current.is_(True), visible)
            .order_by(Document.id, model.seq))


_NUMBER = re.compile(r"(?:(?P<board>\S+)\s+)?(?P<num>\d+)/(?P<year>\d{2})")


def case_number_key(case_id: str | None) -> tuple:
    """Sort key putting cases in number order: `PS-HAV 7/26` before `PS-HAV 10/26` (a string sort puts
    `10/26` first); ids that are not `BOARD N/YY` go last, by their text."""
    match = _NUMBER.fullmatch(case_id or "")
    if not match:
        return (1, "", 0, 0, case_id or "")
    return (0, match["board"] or "", int(match["year"]), int(match["num"]), case_id)


def case_number_order(column) -> tuple:
    """SQL order by case number within a board and year: canonical ids have no leading zeros, so a
    shorter `N/YY` is a smaller N (`length`, then the text; the same on SQLite and PostgreSQL)."""
    return (func.length(column), column)


def case_href(case_id: str) -> str:
    """API path of a case: `PS-HELSE 54/24` -> `/cases/PS-HELSE%2054/24`."""
    return "/cases/" + quote(case_id, safe="/")


def document_href(sha256: str) -> str:
    """API path of a document: `/documents/<sha256>`."""
    return f"/documents/{sha256}"


def meeting_href(board_code: str, number: str) -> str:
    """API path of a meeting: `PS-HELSE`, `6/24` -> `/meetings/PS-HELSE/6/24`."""
    return f"/meetings/{quote(board_code, safe='')}/{number}"


def person_href(name: str) -> str:
    """API path of a person: `Ole A. Andreassen` -> `/people/Ole%20A.%20Andreassen`."""
    return "/people/" + quote(name, safe="")


def application_href(application_id: str) -> str:
    """API path of an application: `/applications/355815`."""
    return f"/applications/{application_id}"


def board_href(board_code: str) -> str:
    """API path of a board: `/boards/PS-HELSE`."""
    return f"/boards/{quote(board_code, safe='')}"


def ui(href: str | None) -> str | None:
    """The web page of an API path: `/cases/PS-HELSE%2054/24` -> `/ui/cases/PS-HELSE%2054/24`."""
    return "/ui" + href if href else None


def one_fact_many_sources(rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Hashable]) -> list[dict[str, Any]]:
    """Rows that state the same fact (same `key`) from several documents -> one row with every `source`
    in `sources`, in the order first seen. A meeting book that carries the approved minutes of an earlier
    meeting and the minutes themselves give each decision twice: it is one decision with two sources."""
    merged: dict[Hashable, dict[str, Any]] = {}
    for row in rows:
        k = key(row)
        if k not in merged:
            merged[k] = {**row, "sources": []}
        if row.get("source") and row["source"] not in merged[k]["sources"]:
            merged[k]["sources"].append(row["source"])
    return list(merged.values())


def canonical_case_id(written: str) -> str | None:
    """The canonical id of a case id as documents print it, when it differs from what was written:
    `PS-HELSE 05/25`, `ps-helse 5/25`, `PS-HELSE sak 5/25`, `Sak PS-HELSE 05/25` -> `PS-HELSE 5/25`;
    None when `written` is canonical already or is no case id (then it is looked up as it is)."""
    from vedtak.nlp.ids import canonical_case_id as canonical

    found = canonical(" ".join(written.split()).upper()) if len(written) <= 200 else None
    return found if found and found != written else None
