"""People named in the papers (members, observers, staff): the list, and one person's attendance by meeting
and role and conflicts of interest (habilitet) with scope, ground (`Medsøker`) and the acting chair
(`settestyreleder`) of the same stage, each fact once with every document that states it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased

from vedtak.api.read.common import (
    NotFound,
    case_href,
    clamp,
    iso,
    meeting_href,
    one_fact_many_sources,
    paged,
    person_href,
    provenance,
)
from vedtak.models import Attendance, Case, Conflict, Document, Meeting, Person, normalise_name
from vedtak.access import Access, conflict_visible, person_visible
from vedtak.store.queries import acting_chairs

ROLE_ORDER = ("chair", "present", "substitute", "absent", "observer", "staff")


def list_people(engine: Engine, access: Access, *, q: str | None = None, limit: int | None = None,
                offset: int | None = 0) -> dict[str, Any]:
    """People, by name; `q` matches part of the name, case- and space-insensitive (`andreassen`)."""
    limit, offset = clamp(limit, offset)
    query = select(Person.name, Person.name_key).where(person_visible(access))
    if q and q.strip():
        query = query.where(Person.name_key.contains(normalise_name(q)[:200], autoescape=True))
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(query.subquery()))
        rows = conn.execute(query.order_by(Person.name_key).limit(limit + 1).offset(offset)).all()
    return paged([{"name": r.name, "href": person_href(r.name)} for r in rows], limit, offset, total)


def get_person(engine: Engine, name: str, access: Access) -> dict[str, Any]:
    """One person (by name, case- and space-insensitive): `conflicts` (case, role, scope, ground, stage, where
    it was recorded, the acting chair appointed at the same stage, sources) and attendance, oldest first."""
    with Session(engine) as conn:
        person = conn.execute(select(Person).where(Person.name_key == normalise_name(name),
                                                  person_visible(access))).scalar()
        if person is None:
            raise NotFound(f"no person {name!r}")
        own = aliased(Case)
        rows = conn.execute(
            select(Conflict, own.case_id, own.title, own.board_code, Meeting.board_code.label("m_board"), Meeting.number,
                   Meeting.date, Document.sha256, Document.source)
            .join(Document, Document.id == Conflict.document_id)
            .join(own, own.id == Conflict.case_pk)
            .outerjoin(Meeting, Meeting.id == own.meeting_id)
            .where(Conflict.person_id == person.id, Document.is_current.is_(True), conflict_visible(access))
            .order_by(Meeting.date.nulls_last(), own.case_id, Conflict.stage.desc(), Document.id, Conflict.seq)
        ).all()
        chairs = acting_chairs(conn, {r[0].case_pk for r in rows}, conflict_visible(access), by_stage=True)
        attendance = conn.execute(
            select(Attendance, Meeting.board_code, Meeting.number, Meeting.date, Document.sha256, Document.source)
            .join(Document, Document.id == Attendance.document_id)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(Attendance.person_id == person.id, Document.is_current.is_(True))
            .order_by(Meeting.date.nulls_last(), Meeting.board_code, Meeting.number, Document.id)
        ).all()
    conflicts = one_fact_many_sources(
        ({"case_id": r.case_id, "case_href": case_href(r.case_id), "case_title": r.title, "board_code": r.board_code,
          "role": r[0].role, "scope": r[0].scope, "ground": r[0].ground, "stage": r[0].stage, "affiliation": r[0].affiliation,
          "recorded_in": r[0].recorded_in, "recorded_in_href": case_href(r[0].recorded_in) if r[0].recorded_in else None,
          "acting_chair": [c for c in chairs.get((r[0].case_pk, r[0].stage), []) if c != person.name],
          "meeting": r.number, "meeting_date": iso(r.date),
          "meeting_href": meeting_href(r.m_board, r.number) if r.number else None,
          "source": provenance(r.sha256, r.source, r[0].page, r[0].bbox)} for r in rows),
        key=lambda c: (c["case_id"], c["role"], c["scope"], c["stage"], c["recorded_in"]),
    )
    meetings: dict[tuple[str, str], dict[str, Any]] = {}
    for r in attendance:
        entry = meetings.setdefault((r.board_code, r.number), {
            "board_code": r.board_code, "meeting": r.number, "meeting_date": iso(r.date),
            "meeting_href": meeting_href(r.board_code, r.number), "roles": [], "case_ids": [], "sources": []})
        if r[0].role not in entry["roles"]:
            entry["roles"].append(r[0].role)
        entry["case_ids"] += [c for c in (r[0].case_ids or []) if c not in entry["case_ids"]]
        source = provenance(r.sha256, r.source, r[0].page, r[0].bbox)
        if source not in entry["sources"]:
            entry["sources"].append(source)
    for entry in meetings.values():
        entry["roles"].sort(key=lambda role: ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER))
    rows_out = [
        {"board_code": r.board_code, "meeting": r.number, "meeting_date": iso(r.date), "role": r[0].role,
         "case_ids": r[0].case_ids, "name_as_written": r[0].name_as_written,
         "meeting_href": meeting_href(r.board_code, r.number), "source": provenance(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in attendance
    ]
    return {"name": person.name, "href": person_href(person.name), "conflicts": conflicts, "attendance": rows_out,
            "meetings": list(meetings.values())}
