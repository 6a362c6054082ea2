"""The change feed: one event per record a loaded document changed (the document itself, then every meeting,
case, application and person it, or the version of the same source it superseded, touched), in load order,
with an opaque cursor to continue from; what the caller may see is the rule of `vedtak.access`."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from vedtak import access as acl
from vedtak.access import Access
from vedtak.api.read.common import (
    BadCursor,
    application_href,
    case_href,
    clamp,
    document_href,
    meeting_href,
    person_href,
)
from vedtak.models import (
    Application,
    ApplicationMention,
    Attendance,
    BudgetCut,
    Case,
    CaseAppearance,
    Conflict,
    Document,
    DocumentVersion,
    Meeting,
    MeetingAppearance,
    Person,
)
from vedtak.store.queries import first_version

_CURSOR = re.compile(r"d(\d{1,18})\.(\d{1,10})")
END_OF_DOCUMENT = 1 << 30  # event index meaning "after every event of this document"


def encode_cursor(document_id: int, index: int) -> str:
    """Opaque cursor for the change feed position (document id, event index within it)."""
    return base64.urlsafe_b64encode(f"d{document_id}.{index}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[int, int]:
    """(document id, event index) of a cursor; BadCursor if it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadCursor(f"not a change-feed cursor: {cursor[:80]!r}") from exc
    match = _CURSOR.fullmatch(raw)
    if not match or encode_cursor(int(match[1]), int(match[2])) != cursor:
        raise BadCursor(f"not a change-feed cursor: {cursor[:80]!r}")
    return int(match[1]), int(match[2])


def parse_since(engine: Engine | Connection, since: str | None) -> tuple[int, int]:
    """Feed position from `since`: empty -> the start; an ISO date/datetime -> the first document
    loaded at or after it; else a cursor from `next_cursor`."""
    if not since or not since.strip():
        return 0, -1
    since = since.strip()
    if len(since) > 200:
        raise BadCursor("since: longer than 200 characters")
    when = None
    try:
        when = dt.datetime.fromisoformat(since)
    except ValueError:
        pass
    if when is None:
        return decode_cursor(since)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    with Session(engine) as conn:
        first = conn.scalar(
            select(func.min(Document.id)).outerjoin(DocumentVersion, first_version())
            .where(func.coalesce(DocumentVersion.valid_from, Document.fetched_at) >= when)
        )
    if first is None:
        with Session(engine) as conn:
            last = conn.scalar(select(func.max(Document.id))) or 0
        return last, END_OF_DOCUMENT
    return first - 1, END_OF_DOCUMENT


def _document_events(conn, doc: Document, version: int | None, access: Access) -> list[dict[str, Any]]:
    """Events of one loaded document: itself, then every meeting, case, application and person it changed.

    A record counts as changed when it appears in this document or in the version of the same source
    it superseded (so a case dropped or corrected by a later version is in the feed too), through a
    fact the caller may see (`vedtak.access`): an exempt case paper's mentions and conflicts make no
    public events.
    """
    previous = conn.execute(
        select(Document.id, Document.sha256)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .where(DocumentVersion.source == doc.source, DocumentVersion.version == (version or 0) - 1)
    ).first()
    ids = [doc.id] + ([previous.id] if previous else [])
    events: list[dict[str, Any]] = [{
        "type": "document", "id": doc.sha256, "change": "new_version" if previous else "new",
        "href": document_href(doc.sha256), "source": doc.source, "version": version,
        "supersedes": previous.sha256 if previous else None,
    }]

    def add(kind: str, keys: Iterable[tuple], href) -> None:
        for key in sorted(set(keys)):
            events.append({"type": kind, "id": key[0] if len(key) == 1 else " ".join(key), "change": "changed",
                           "href": href(*key)})

    add("meeting", conn.execute(
        select(Meeting.board_code, Meeting.number).join(MeetingAppearance, MeetingAppearance.meeting_id == Meeting.id)
        .where(MeetingAppearance.document_id.in_(ids))).all(),
        meeting_href)
    case_keys = set(conn.execute(select(Case.case_id).join(CaseAppearance, CaseAppearance.case_pk == Case.id)
                                 .where(CaseAppearance.document_id.in_(ids))).all())
    for model, visible in ((Conflict, acl.conflict_visible), (ApplicationMention, acl.mention_visible)):
        case_keys |= set(conn.execute(select(Case.case_id).join(model, model.case_pk == Case.id)
                                      .where(model.document_id.in_(ids), visible(access))).all())
    add("case", case_keys, case_href)
    app_keys = set()
    for model, visible in ((ApplicationMention, acl.mention_visible), (BudgetCut, acl.budget_cut_visible)):
        app_keys |= set(conn.execute(select(Application.application_id).join(model, model.application_pk == Application.id)
                                     .where(model.document_id.in_(ids), visible(access))).all())
    add("application", app_keys, application_href)
    people = set(conn.execute(select(Person.name).join(Attendance, Attendance.person_id == Person.id)
                              .where(Attendance.document_id.in_(ids))).all())
    people |= set(conn.execute(select(Person.name).join(Conflict, Conflict.person_id == Person.id)
                               .where(Conflict.document_id.in_(ids), acl.conflict_visible(access))).all())
    add("person", people, person_href)
    return events


def changes(engine: Engine, access: Access, since: str | None = None, limit: int | None = None) -> dict[str, Any]:
    """The change feed after `since`, in load order: one event per changed record the caller may see,
    each with its cursor.

    Pass `next_cursor` as `since` to continue; when nothing is new the same cursor comes back.
    """
    limit, _ = clamp(limit, 0)
    doc_id, index = parse_since(engine, since)
    items: list[dict[str, Any]] = []
    more = False
    with Session(engine) as conn:
        docs = conn.execute(
            select(Document, DocumentVersion.version)
            .outerjoin(DocumentVersion, first_version())
            .where(Document.id >= doc_id)
            .order_by(Document.id)
            .limit(limit + 2)
        ).all()
        for row in docs:
            doc = row[0]
            for i, event in enumerate(_document_events(conn, doc, row.version, access)):
                if (doc.id, i) <= (doc_id, index):
                    continue
                if len(items) == limit:
                    more = True
                    break
                items.append({"cursor": encode_cursor(doc.id, i), "document": doc.sha256, **event})
            if more:
                break
    next_cursor = items[-1]["cursor"] if items else (since if since and not _is_date(since) else encode_cursor(doc_id, index))
    return {"items": items, "next_cursor": next_cursor, "has_more": more or len(docs) > limit + 1}


def _is_date(value: str) -> bool:
    try:
        dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return False
    return True
