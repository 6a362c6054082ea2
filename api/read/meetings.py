"""Meetings (møter, `PS-HELSE 6/24`): the list, and one meeting with attendance by role, its cases in number
order (`10/26` after `9/26`), the documents that give it, and the findings about its cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased

from vedtak import access as acl
from vedtak.access import Access
from vedtak.api.read.cases import case_summary
from vedtak.api.read.common import (
    NotFound,
    case_number_key,
    clamp,
    iso,
    meeting_href,
    paged,
    person_href,
    provenance,
)
from vedtak.api.read.findings import findings
from vedtak.models import Attendance, Case, Document, Meeting, MeetingAppearance, Person
from vedtak.store.queries import has_current_facts

Chair = aliased(Person)


def meeting_summary(m: Meeting, chair: str | None) -> dict[str, Any]:
    """What every list shows of a meeting: board, number, date, time, place, chair and link."""
    return {"board_code": m.board_code, "number": m.number, "board": m.board, "date": iso(m.date), "time": m.time,
            "place": m.place, "chair": chair, "href": meeting_href(m.board_code, m.number)}


def list_meetings(
    engine: Engine, access: Access, *, board: str | None = None, date_from: dt.date | None = None,
    date_to: dt.date | None = None, limit: int | None = None, offset: int | None = 0,
) -> dict[str, Any]:
    """Meetings, newest first: board, number, date, time, place, chair."""
    limit, offset = clamp(limit, offset)
    query = (select(Meeting, Chair.name.label("chair")).outerjoin(Chair, Chair.id == Meeting.chair_id)
             .where(acl.meeting_visible(access), has_current_facts(Meeting)))  # not a meeting only a replaced file named
    if board:
        query = query.where(Meeting.board_code == board.strip().upper())
    if date_from:
        query = query.where(Meeting.date >= date_from)
    if date_to:
        query = query.where(Meeting.date <= date_to)
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(query.subquery()))
        rows = conn.execute(query.order_by(Meeting.date.desc().nulls_last(), Meeting.board_code, Meeting.number)
                            .limit(limit + 1).offset(offset)).all()
    return paged([meeting_summary(r[0], r.chair) for r in rows], limit, offset, total)


def get_meeting(engine: Engine, board_code: str, number: str, access: Access) -> dict[str, Any]:
    """One meeting (`PS-HELSE`, `6/24`): attendance by role (each person once, with a link), its cases in
    number order, the documents that give it, and the findings about its cases."""
    with Session(engine) as conn:
        row = conn.execute(
            select(Meeting, Chair.name.label("chair")).outerjoin(Chair, Chair.id == Meeting.chair_id)
            .where(Meeting.board_code == board_code.strip().upper(), Meeting.number == number.strip(),
                   acl.meeting_visible(access))
        ).first()
        if row is None:
            raise NotFound(f"no meeting {board_code} {number}")
        meeting = row[0]
        result = meeting_summary(meeting, row.chair)
        attendance = conn.execute(
            select(Attendance.role, Person.name, Attendance.case_ids)
            .join(Person, Person.id == Attendance.person_id)
            .join(Document, Document.id == Attendance.document_id)
            .where(Attendance.meeting_id == meeting.id, Document.is_current.is_(True))
            .order_by(Attendance.role, Person.name)  # no DISTINCT: PostgreSQL has no equality on json (deduped below)
        ).all()
        roles: dict[str, list[dict[str, Any]]] = {}
        for r in attendance:
            entry = {"name": r.name, "case_ids": r.case_ids} if r.case_ids else {"name": r.name}
            if entry not in roles.setdefault(r.role, []):
                roles[r.role].append(entry)
        for people in roles.values():
            for entry in people:
                entry["href"] = person_href(entry["name"])
        result["attendance"] = roles
        cases = conn.execute(select(Case).where(Case.meeting_id == meeting.id, acl.case_visible(access))).scalars().all()
        result["cases"] = sorted((case_summary(c, meeting.number, meeting.date) for c in cases),
                                 key=lambda c: case_number_key(c["case_id"]))
        docs = conn.execute(
            select(MeetingAppearance.source_kind, MeetingAppearance.page, Document.sha256, Document.source)
            .join(Document, Document.id == MeetingAppearance.document_id)
            .where(MeetingAppearance.meeting_id == meeting.id, Document.is_current.is_(True))
            .order_by(Document.id)
        ).all()
        result["documents"] = [{"source_kind": d.source_kind, **provenance(d.sha256, d.source, d.page)} for d in docs]
    case_ids = {c["case_id"] for c in result["cases"]}
    result["findings"] = [f for f in findings(engine, access, board=meeting.board_code) if f["case_id"] in case_ids]
    return result
