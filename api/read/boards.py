"""Boards (porteføljestyrer): the list, and one board's meetings by year with its adopted outcomes per
year and its conflicts of interest per meeting (the figures behind the board page's charts)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, extract, func, select, union
from sqlalchemy.orm import Session

from vedtak.api.read.common import MAX_LIMIT, NotFound, board_href, iso, meeting_href
from vedtak.api.read.decisions import DecisionFilters, grouped_decisions
from vedtak.api.read.meetings import list_meetings
from vedtak.models import Case, Conflict, ConflictRole, Document, Meeting, Outcome, Stage
from vedtak.access import Access, case_visible, conflict_visible, meeting_visible
from vedtak.store.queries import has_current_facts


def list_boards(engine: Engine, access: Access = Access.PUBLIC) -> list[dict[str, Any]]:
    """Every board code with cases or meetings the caller may see, its name where a document gives it,
    and its counts."""
    # Only cases and meetings some current document states (not those only a replaced file named).
    case_shown = (case_visible(access), has_current_facts(Case))
    meeting_shown = (meeting_visible(access), has_current_facts(Meeting))
    codes = union(select(Case.board_code.label("code")).where(*case_shown),
                  select(Meeting.board_code.label("code")).where(*meeting_shown)).subquery()
    with Session(engine) as conn:
        rows = conn.execute(
            select(codes.c.code,
                   select(func.max(Meeting.board)).where(Meeting.board_code == codes.c.code, *meeting_shown)
                   .scalar_subquery().label("board"),
                   select(func.count()).where(Meeting.board_code == codes.c.code, *meeting_shown)
                   .scalar_subquery().label("meetings"),
                   select(func.count()).where(Case.board_code == codes.c.code, *case_shown)
                   .scalar_subquery().label("cases"))
            .order_by(codes.c.code)
        ).all()
    return [{"board_code": r.code, "board": r.board, "meetings": r.meetings, "cases": r.cases,
             "href": board_href(r.code)} for r in rows]


def get_board(engine: Engine, board_code: str, access: Access) -> dict[str, Any]:
    """One board: `years` (newest first, each with its meetings and the number of adopted decisions per
    outcome), and `conflicts_per_meeting` (people disqualified, acting chairs and substitutes, per meeting)."""
    code = board_code.strip().upper()[:200]
    board = next((b for b in list_boards(engine, access) if b["board_code"] == code), None)
    if board is None:
        raise NotFound(f"no board {board_code!r}")
    meetings = list_meetings(engine, access, board=code, limit=MAX_LIMIT)["items"]
    d = grouped_decisions(DecisionFilters(board=code, stage=Stage.ADOPTED.value).normalised(), access)
    year = extract("year", d.c.meeting_date)
    with Session(engine) as conn:
        outcomes = conn.execute(select(year.label("year"), d.c.outcome, func.count().label("n"))
                                .where(d.c.meeting_date.is_not(None)).group_by(year, d.c.outcome)).all()
        pairs = (
            select(Meeting.number, Meeting.date, Conflict.role, Conflict.person_id, Conflict.case_pk).distinct()
            .join(Case, Case.id == Conflict.case_pk)
            .join(Meeting, Meeting.id == Case.meeting_id)
            .join(Document, Document.id == Conflict.document_id)
            .where(Meeting.board_code == code, Document.is_current.is_(True), conflict_visible(access))
            .subquery()
        )
        conflicts = conn.execute(select(pairs.c.number, pairs.c.date, pairs.c.role, func.count())
                                 .group_by(pairs.c.number, pairs.c.date, pairs.c.role)).all()
    years: dict[int, dict[str, Any]] = {}
    for m in meetings:
        y = int(m["date"][:4]) if m["date"] else None
        years.setdefault(y, {"year": y, "meetings": [], "outcomes": {o.value: 0 for o in Outcome}})["meetings"].append(m)
    for r in outcomes:
        entry = years.setdefault(int(r.year), {"year": int(r.year), "meetings": [], "outcomes": {o.value: 0 for o in Outcome}})
        entry["outcomes"][r.outcome] = r.n
    per_meeting: dict[str, dict[str, Any]] = {}
    for number, date, role, n in conflicts:
        entry = per_meeting.setdefault(number, {"meeting": number, "meeting_date": iso(date),
                                                "meeting_href": meeting_href(code, number),
                                                **{r.value: 0 for r in ConflictRole}})
        entry[role] = n
    return {**board, "years": sorted(years.values(), key=lambda y: -(y["year"] or 0)),
            "conflicts_per_meeting": sorted(per_meeting.values(), key=lambda m: m["meeting_date"] or "")}
