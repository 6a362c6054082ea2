"""Decisions on applications as a list: filter, count, sort, page, and the same list as CSV.

One row is one decision: an application with an outcome at a stage (and rank) in a case. A decision
that several documents carry (the approved minutes attached to a later meeting book, and the minutes
themselves) is one row listing every source: `PS-KLIMA` 2024 `innvilget` counts granted applications,
not mentions. What the caller may see is the search's mention rule (`vedtak.search.query`), applied
in SQL before counting (`vedtak.access`), so totals never include hidden rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Engine, and_, distinct, func, select
from sqlalchemy.orm import Session

from vedtak.api.read.common import (
    application_href,
    case_href,
    case_number_order,
    clamp,
    iso,
    meeting_href,
    provenance,
)
from vedtak.models import (
    Application,
    ApplicationMention,
    Attendance,
    AttendanceRole,
    Case,
    Conflict,
    ConflictRole,
    Document,
    Meeting,
    Outcome,
    Person,
    Stage,
    normalise_name,
)
from vedtak.access import Access, application_title, conflict_visible, mention_visible
from vedtak.search.query import SearchError

SORTS = ("date", "application", "case", "outcome", "board")
CSV_LIMIT = 100_000
CSV_COLUMNS = ("application_id", "application_title", "outcome", "stage", "rank", "case_id", "case_title",
               "board_code", "meeting", "meeting_date", "exempt", "sources", "source_sha256", "source_page")
TOOK_PART = (AttendanceRole.PRESENT.value, AttendanceRole.CHAIR.value, AttendanceRole.SUBSTITUTE.value)


@dataclass(frozen=True)
class DecisionFilters:
    """Filters of the decision list; every field optional. `year` is the meeting's year (it narrows
    `date_from`/`date_to`); `disqualified` with `person`: True = cases where that person was
    inhabil, False = cases of meetings the person took part in without being inhabil, None = either."""

    board: str | None = None
    year: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outcome: str | None = None
    stage: str | None = None
    person: str | None = None
    disqualified: bool | None = None
    application: str | None = None
    case: str | None = None

    def normalised(self) -> DecisionFilters:
        """Checked and canonical (board upper-case, case id canonical); SearchError names a bad value."""
        from vedtak.search.query import canonical_case

        if self.outcome and self.outcome not in set(Outcome):
            raise SearchError(f"outcome must be one of {', '.join(Outcome)}, not {self.outcome!r}")
        if self.stage and self.stage not in set(Stage):
            raise SearchError(f"stage must be one of {', '.join(Stage)}, not {self.stage!r}")
        if self.disqualified is not None and not (self.person and self.person.strip()):
            raise SearchError("disqualified needs a person")
        date_from, date_to = self.date_from, self.date_to
        if self.year is not None:
            if not 1900 <= self.year <= 2100:
                raise SearchError(f"year: not a year: {self.year}")
            date_from = max(date_from or dt.date.min, dt.date(self.year, 1, 1))
            date_to = min(date_to or dt.date.max, dt.date(self.year, 12, 31))
        if date_from and date_to and date_from > date_to:
            raise SearchError(f"from {date_from} is after to {date_to}")
        board = self.board.strip().upper() if self.board and self.board.strip() else None
        return replace(self, board=board, date_from=date_from, date_to=date_to,
                       case=canonical_case(self.case, board) if self.case and self.case.strip() else None,
                       person=self.person.strip() if self.person and self.person.strip() else None,
                       application=self.application.strip() if self.application and self.application.strip() else None)

    def as_dict(self) -> dict[str, Any]:
        """The filters in use, JSON-ready."""
        return {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in vars(self).items() if v is not None}


def _person_condition(f: DecisionFilters, access: Access):
    key = normalise_name(f.person)
    disqualified = (
        select(Conflict.id).join(Person, Person.id == Conflict.person_id)
        .join(Document, Document.id == Conflict.document_id)
        .where(Conflict.case_pk == ApplicationMention.case_pk, Conflict.role == ConflictRole.INHABILE.value,
               Person.name_key == key, Document.is_current.is_(True), conflict_visible(access))
        .exists()
    )
    took_part = (
        select(Attendance.id).join(Person, Person.id == Attendance.person_id)
        .join(Document, Document.id == Attendance.document_id)
        .where(Attendance.meeting_id == Case.meeting_id, Attendance.role.in_(TOOK_PART), Person.name_key == key,
               Document.is_current.is_(True))
        .exists()
    )
    if f.disqualified is True:
        return disqualified
    if f.disqualified is False:
        return and_(took_part, ~disqualified)
    return took_part | disqualified


def grouped_decisions(f: DecisionFilters, access: Access):
    """A subquery of one row per decision (application, case, stage, outcome, rank) passing the (normalised)
    filters, with its number of sources; the list, its totals and the board page's counts read it."""
    query = (
        select(Application.id.label("app_pk"), Application.application_id,
               ApplicationMention.outcome, ApplicationMention.stage, ApplicationMention.rank,
               Case.id.label("case_pk"), Case.case_id, Case.title.label("case_title"), Case.board_code, Case.exempt,
               Meeting.board_code.label("meeting_board"), Meeting.number.label("meeting"), Meeting.date.label("meeting_date"),
               func.count(distinct(ApplicationMention.document_id)).label("n_sources"))
        .select_from(ApplicationMention)
        .join(Application, Application.id == ApplicationMention.application_pk)
        .join(Document, Document.id == ApplicationMention.document_id)
        .outerjoin(Case, Case.id == ApplicationMention.case_pk)
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .where(Document.is_current.is_(True), mention_visible(access))
        .group_by(Application.id, Application.application_id, ApplicationMention.outcome,
                  ApplicationMention.stage, ApplicationMention.rank, Case.id, Case.case_id, Case.title, Case.board_code,
                  Case.exempt, Meeting.board_code, Meeting.number, Meeting.date)
    )
    if f.board:
        query = query.where(Case.board_code == f.board)
    if f.date_from:
        query = query.where(Meeting.date >= f.date_from)
    if f.date_to:
        query = query.where(Meeting.date <= f.date_to)
    if f.outcome:
        query = query.where(ApplicationMention.outcome == f.outcome)
    if f.stage:
        query = query.where(ApplicationMention.stage == f.stage)
    if f.application:
        query = query.where(Application.application_id == f.application)
    if f.case:
        query = query.where(Case.case_id == f.case if " " in f.case else Case.case_id.endswith(" " + f.case, autoescape=True))
    if f.person:
        query = query.where(_person_condition(f, access))
    return query.subquery("decisions")


def _order(d, sort: str, descending: bool) -> list:
    date = d.c.meeting_date.desc().nulls_last() if descending else d.c.meeting_date.asc().nulls_last()
    case = [d.c.board_code, *case_number_order(d.c.case_id)]
    by_case = [c.desc() for c in case] if descending and sort == "case" else case
    primary = {
        "date": [date],
        "application": [d.c.application_id.desc() if descending else d.c.application_id],
        "case": by_case,
        "outcome": [d.c.outcome.desc() if descending else d.c.outcome],
        "board": [d.c.board_code.desc() if descending else d.c.board_code],
    }[sort]
    # Ties in a stable order: meeting date, case number, application, stage (proposed before adopted).
    return [*primary, d.c.meeting_date.desc().nulls_last(), *case, d.c.application_id, d.c.stage.desc(), d.c.outcome,
            d.c.rank]


def list_decisions(engine: Engine, access: Access, filters: DecisionFilters | None = None, *, sort: str = "date",
                   descending: bool = True, limit: int | None = None, offset: int | None = 0,
                   everything: bool = False) -> dict[str, Any]:
    """Decisions passing the filters: one page (or, with `everything`, up to CSV_LIMIT rows), the total,
    the number per outcome, and every source of each decision (document, page, box, link)."""
    if sort not in SORTS:
        raise SearchError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    f = (filters or DecisionFilters()).normalised()
    limit, offset = (CSV_LIMIT, 0) if everything else clamp(limit, offset)
    d = grouped_decisions(f, access)
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(d))
        per_outcome = dict(conn.execute(select(d.c.outcome, func.count()).group_by(d.c.outcome)).all())
        title = select(application_title(access)).where(Application.id == d.c.app_pk).scalar_subquery()
        rows = conn.execute(select(d, title.label("app_title")).order_by(*_order(d, sort, descending))
                            .limit(limit + 1).offset(offset)).all()
        more = len(rows) > limit
        rows = rows[:limit]
        sources = _sources(conn, rows, access)
    items = [_item(r, sources.get(_key(r), [])) for r in rows]
    return {"items": items, "total": total, "by_outcome": {o.value: per_outcome.get(o.value, 0) for o in Outcome},
            "limit": limit, "offset": offset, "next_offset": offset + limit if more else None,
            "sort": sort, "descending": descending, "filters": f.as_dict()}


def _key(r) -> tuple:
    return (r.app_pk, r.case_pk, r.stage, r.outcome, r.rank)


def _sources(conn, rows, access: Access) -> dict[tuple, list[dict[str, Any]]]:
    """Every current document stating each decision on the page, with page and box of its own mention."""
    apps = sorted({r.app_pk for r in rows})
    if not apps:
        return {}
    mentions = conn.execute(
        select(ApplicationMention.application_pk, ApplicationMention.case_pk, ApplicationMention.stage,
               ApplicationMention.outcome, ApplicationMention.rank, ApplicationMention.page, ApplicationMention.bbox,
               Document.sha256, Document.source, Document.kind)
        .join(Document, Document.id == ApplicationMention.document_id)
        .outerjoin(Case, Case.id == ApplicationMention.case_pk)
        .where(ApplicationMention.application_pk.in_(apps), Document.is_current.is_(True), mention_visible(access))
        .order_by(Document.id, ApplicationMention.seq)
    ).all()
    wanted = {_key(r) for r in rows}
    found: dict[tuple, list[dict[str, Any]]] = {}
    for m in mentions:
        key = (m.application_pk, m.case_pk, m.stage, m.outcome, m.rank)
        source = {**provenance(m.sha256, m.source, m.page, m.bbox), "document_kind": m.kind}
        if key in wanted and source not in found.setdefault(key, []):
            found[key].append(source)
    return found


def _item(r, sources: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "application_id": r.application_id, "application_title": r.app_title, "href": application_href(r.application_id),
        "outcome": r.outcome, "stage": r.stage, "rank": r.rank,
        "case_id": r.case_id, "case_title": r.case_title, "case_href": case_href(r.case_id) if r.case_id else None,
        "board_code": r.board_code, "meeting": r.meeting, "meeting_date": iso(r.meeting_date),
        "meeting_href": meeting_href(r.meeting_board, r.meeting) if r.meeting else None,
        "exempt": r.exempt, "sources": sources,
    }


def decisions_csv(result: dict[str, Any]) -> str:
    """The rows of a decision list as CSV (header CSV_COLUMNS; codes and ISO dates as in the JSON;
    `sources` is how many documents state the decision, `source_*` the first of them)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in result["items"]:
        first = item["sources"][0] if item["sources"] else {}
        row = {**item, "sources": len(item["sources"]), "source_sha256": first.get("sha256"), "source_page": first.get("page")}
        writer.writerow(["" if row.get(c) is None else row[c] for c in CSV_COLUMNS])
    return out.getvalue()
