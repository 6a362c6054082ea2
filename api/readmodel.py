"""Read queries behind the API, the web page and the exports, with the exempt-content rule applied.

Every function takes an engine and an `Access`, returns plain JSON-ready dicts, and reads only
current documents (`documents.is_current`) unless it says otherwise. What the caller may see is
decided by the SQL predicates of `vedtak.access`, composed into each query (never a Python filter
after it): an exempt-only record answers exactly as a record that does not exist. Withheld fields
of a visible case are None and listed under `redacted`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session, aliased

from vedtak.api.diff import differs, unified, word_diff
from vedtak.store.queries import first_version, has_current_facts
from vedtak.models import (
    Application,
    ApplicationMention,
    Attendance,
    BudgetCut,
    Case,
    CaseAppearance,
    CaseReference,
    Conflict,
    ConflictDeclaration,
    Document,
    DocumentVersion,
    Finding,
    Meeting,
    MeetingAppearance,
    Person,
    normalise_name,
)
from vedtak import access as acl
from vedtak.access import Access

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
CASE_PAPER_FIELDS = ("proposed_decision", "attachments", "case_officers", "responsible_director", "from")


class NotFound(LookupError):
    """The requested record does not exist (message names it)."""


class BadCursor(ValueError):
    """A change-feed cursor or `since` value that cannot be read."""


# --- helpers ---------------------------------------------------------------------------------


def clamp(limit: int | None, offset: int | None = 0) -> tuple[int, int]:
    """Limit in 1..MAX_LIMIT (default DEFAULT_LIMIT), offset >= 0."""
    limit = DEFAULT_LIMIT if limit is None else max(1, min(int(limit), MAX_LIMIT))
    return limit, max(0, int(offset or 0))


def case_href(case_id: str) -> str:
    """API path of a case: `PS-HELSE 54/24` -> `/cases/PS-HELSE%2054/24`."""
    return "/cases/" + quote(case_id, safe="/")


def pdf_href(sha256: str | None, page: int | None) -> str | None:
    """Link to the stored source PDF at a page: `/documents/<sha256>/pdf#page=5`."""
    if not sha256:
        return None
    return f"/documents/{sha256}/pdf" + (f"#page={page}" if page else "")


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _doc(sha: str | None, source: str | None, page: int | None, bbox: Any = None) -> dict[str, Any] | None:
    if not sha:
        return None
    return {"sha256": sha, "source": source, "page": page, "bbox": bbox, "pdf": pdf_href(sha, page)}


def case_status(decision: str | None, proposed: str | None, case_type: str | None) -> str:
    """`decided` (an adopted `Vedtak:` is known), `proposed` (only `Forslag til vedtak`), `information`
    (ORIENTERINGSSAK without either), else `registered`."""
    if decision:
        return "decided"
    if proposed:
        return "proposed"
    return "information" if case_type == "information" else "registered"


def _page(items: list[dict], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset, "total": total,
            "next_offset": offset + limit if more else None}


# --- cases -----------------------------------------------------------------------------------

DecisionDoc, ProposedDoc = aliased(Document), aliased(Document)


def _case_summary(case: Case, number: str | None, date: dt.date | None) -> dict[str, Any]:
    return {
        "case_id": case.case_id, "href": case_href(case.case_id), "title": case.title, "board_code": case.board_code,
        "meeting": number, "meeting_date": _iso(date), "case_type": case.case_type, "exempt": case.exempt,
        "status": case_status(case.decision, case.proposed_decision, case.case_type),
    }


def list_cases(
    engine: Engine, access: Access, *, board: str | None = None, meeting: str | None = None,
    date_from: dt.date | None = None, date_to: dt.date | None = None, exempt: bool | None = None,
    differs_only: bool = False, limit: int | None = None, offset: int | None = 0,
) -> dict[str, Any]:
    """Cases, newest meeting first, with id, title, meeting, status and exemption (never texts)."""
    limit, offset = clamp(limit, offset)
    query = (select(Case, Meeting.number, Meeting.date).outerjoin(Meeting, Meeting.id == Case.meeting_id)
             .where(acl.case_visible(access), has_current_facts(Case)))  # not a case only a replaced file named
    if board:
        query = query.where(Case.board_code == board.strip().upper())
    if meeting:
        query = query.where(Meeting.number == meeting.strip())
    if date_from:
        query = query.where(Meeting.date >= date_from)
    if date_to:
        query = query.where(Meeting.date <= date_to)
    if exempt is not None:
        query = query.where(Case.exempt.is_not(None) if exempt else Case.exempt.is_(None))
    if differs_only:  # a difference of an exempt case is only known to token holders
        query = query.where(Case.decision_differs.is_(True), acl.case_paper_visible(access))
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(query.subquery()))
        rows = conn.execute(
            query.order_by(Meeting.date.desc().nulls_last(), Case.board_code, Case.case_id, Case.id)
            .limit(limit + 1).offset(offset)
        ).all()
    items = []
    for row in rows:
        case = row[0]
        items.append(_case_summary(case, row.number, row.date))
    return _page(items, limit, offset, total)


def get_case(engine: Engine, case_id: str, access: Access) -> dict[str, Any]:
    """One case with its decisions (proposal and adopted, each with document and page), the difference
    between them, conflicts, applications, budget cuts, findings, references and appearances."""
    with Session(engine) as conn:
        row = conn.execute(
            select(Case, Meeting.number, Meeting.date, Meeting.board,
                   DecisionDoc.sha256.label("d_sha"), DecisionDoc.source.label("d_src"),
                   ProposedDoc.sha256.label("p_sha"), ProposedDoc.source.label("p_src"),
                   acl.case_paper_visible(access).label("paper_visible"))
            .outerjoin(Meeting, Meeting.id == Case.meeting_id)
            .outerjoin(DecisionDoc, DecisionDoc.id == Case.decision_document_id)
            .outerjoin(ProposedDoc, ProposedDoc.id == Case.proposed_document_id)
            .where(Case.case_id == case_id, acl.case_visible(access))
        ).first()
        if row is None:
            raise NotFound(f"no case {case_id!r}")
        case: Case = row[0]
        paper_visible = bool(row.paper_visible)
        result = _case_summary(case, row.number, row.date)
        result["board"] = row.board
        appearances = conn.execute(
            select(CaseAppearance, Document.sha256, Document.source, Document.kind, Document.is_current,
                   DocumentVersion.version, acl.appearance_visible(access).label("visible"))
            .join(Document, Document.id == CaseAppearance.document_id)
            .outerjoin(DocumentVersion, first_version())
            .where(CaseAppearance.case_pk == case.id)
            .order_by(Document.id, CaseAppearance.seq)
        ).all()
        current = [a for a in appearances if a.is_current and a.visible]
        officers = sorted({o for a in current for o in (a[0].case_officers or [])})
        attachments = next((a[0].attachments for a in reversed(current) if a[0].attachments), [])
        references = sorted(set(conn.scalars(
            select(CaseReference.referenced_case_id)
            .join(CaseAppearance, CaseAppearance.id == CaseReference.appearance_id)
            .join(Document, Document.id == CaseAppearance.document_id)
            .where(CaseAppearance.case_pk == case.id, Document.is_current.is_(True), acl.reference_visible(access))
        )))
        result.update({
            "responsible_director": case.responsible_director,
            "from": case.from_,
            "case_officers": officers,
            "attachments": list(attachments),
            "proposed_decision": case.proposed_decision,
            "proposed_source": _doc(row.p_sha, row.p_src, case.proposed_page, case.proposed_bbox),
            "decision": case.decision,
            "decision_source": _doc(row.d_sha, row.d_src, case.decision_page, case.decision_bbox),
            "decision_differs": case.decision_differs,
            "diff": None,
            "references": references,
            "appearances": [
                {"sha256": a.sha256, "source": a.source, "kind": a.kind, "current": a.is_current, "version": a.version,
                 "page": a[0].page, "pdf": pdf_href(a.sha256, a[0].page) if a.visible else None}
                for a in appearances
            ],
        })
        if case.proposed_decision is not None and case.decision is not None:
            ops = word_diff(case.proposed_decision, case.decision)
            result["diff"] = {"differs": differs(ops), "ops": ops, "unified": unified(case.proposed_decision, case.decision)}
        result["conflicts"] = _case_conflicts(conn, case.id, access)
        result["conflict_declarations"] = _declarations(conn, case.id, access)
        result["applications"] = _case_mentions(conn, case.id, access)
        result["budget_cuts"] = _case_budget_cuts(conn, case.id, access)
        result["findings"] = _case_findings(conn, case.case_id, access)
    return redact_case(result, paper_visible)


def redact_case(result: dict[str, Any], paper_visible: bool) -> dict[str, Any]:
    """Withhold the case paper's fields of a case (`paper_visible` is `vedtak.access.case_paper_visible`
    as read with the row) from the caller, listed in `redacted`."""
    result["redacted"] = []
    if paper_visible:
        return result
    for name in CASE_PAPER_FIELDS:
        if result.get(name):
            result["redacted"].append(name)
        result[name] = [] if isinstance(result.get(name), list) else None
    if result.get("proposed_source"):
        result["redacted"].append("proposed_source")
    result["proposed_source"] = None
    if result.get("diff") is not None:
        result["redacted"].append("diff")
    result["diff"] = None
    result["decision_differs"] = None
    return result


def _case_conflicts(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(Conflict, Person.name, Document.sha256, Document.source)
        .join(Person, Person.id == Conflict.person_id)
        .join(Document, Document.id == Conflict.document_id)
        .where(Conflict.case_pk == case_pk, Document.is_current.is_(True), acl.conflict_visible(access))
        .order_by(Document.id, Conflict.seq)
    ).all()
    return [
        {"person": r.name, "name_as_written": r[0].name_as_written, "role": r[0].role, "scope": r[0].scope,
         "affiliation": r[0].affiliation, "stage": r[0].stage, "recorded_in": r[0].recorded_in,
         "source": _doc(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in rows
    ]


def _declarations(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(ConflictDeclaration, Document.sha256, Document.source)
        .join(Document, Document.id == ConflictDeclaration.document_id)
        .where(ConflictDeclaration.recorded_in_case_pk == case_pk, Document.is_current.is_(True),
               acl.declaration_visible(access))
        .order_by(Document.id, ConflictDeclaration.seq)
    ).all()
    return [
        {"scope": r[0].scope, "stage": r[0].stage, "text": r[0].text, "source": _doc(r.sha256, r.source, r[0].page)}
        for r in rows
    ]


def _case_mentions(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(ApplicationMention, Application.application_id, acl.application_title(access).label("app_title"),
               Document.sha256, Document.source)
        .join(Application, Application.id == ApplicationMention.application_pk)
        .join(Document, Document.id == ApplicationMention.document_id)
        .where(ApplicationMention.case_pk == case_pk, Document.is_current.is_(True), acl.mention_visible(access))
        .order_by(Document.id, ApplicationMention.seq)
    ).all()
    return [
        {"application_id": r.application_id, "title": r[0].title or r.app_title, "outcome": r[0].outcome,
         "stage": r[0].stage, "rank": r[0].rank, "source": _doc(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in rows
    ]


def _case_budget_cuts(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(BudgetCut, Application.application_id, Document.sha256, Document.source)
        .join(Application, Application.id == BudgetCut.application_pk)
        .join(Document, Document.id == BudgetCut.document_id)
        .where(BudgetCut.case_pk == case_pk, Document.is_current.is_(True), acl.budget_cut_visible(access))
        .order_by(Document.id, BudgetCut.seq)
    ).all()
    return [
        {"application_id": r.application_id, "amount_nok": r[0].amount_nok, "stage": r[0].stage,
         "source": _doc(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in rows
    ]


def _case_findings(conn, case_id: str, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(Finding, Document.sha256, Document.source)
        .join(Document, Document.id == Finding.document_id)
        .where(Finding.case_id == case_id, Document.is_current.is_(True), acl.finding_visible(access))
        .order_by(Document.id, Finding.seq)
    ).all()
    return [
        {"code": r[0].code, "message": r[0].message, "application_id": r[0].application_id,
         "source": _doc(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in rows
    ]


# --- applications ----------------------------------------------------------------------------


def list_applications(engine: Engine, access: Access, *, limit: int | None = None,
                      offset: int | None = 0) -> dict[str, Any]:
    """Applications by id with their number of current mentions (both as the caller may see them)."""
    limit, offset = clamp(limit, offset)
    mentions = (
        select(ApplicationMention.application_pk, func.count().label("n"))
        .join(Document, Document.id == ApplicationMention.document_id)
        .where(Document.is_current.is_(True), acl.mention_visible(access))
        .group_by(ApplicationMention.application_pk)
        .subquery()
    )
    query = (select(Application.application_id, acl.application_title(access).label("title"),
                    func.coalesce(mentions.c.n, 0).label("n"))
             .outerjoin(mentions, mentions.c.application_pk == Application.id)
             .where(acl.application_visible(access)))
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(Application).where(acl.application_visible(access)))
        rows = conn.execute(query.order_by(Application.application_id).limit(limit + 1).offset(offset)).all()
    items = [{"application_id": r.application_id, "title": r.title, "mentions": r.n,
              "href": f"/applications/{r.application_id}"} for r in rows]
    return _page(items, limit, offset, total)


def get_application(engine: Engine, application_id: str, access: Access) -> dict[str, Any]:
    """One application with every current mention (case, outcome, stage, rank, meeting, document, page)
    and budget cuts; proposed mentions of exempt cases only for token holders."""
    with Session(engine) as conn:
        found = conn.execute(
            select(Application, acl.application_title(access).label("title"))
            .where(Application.application_id == application_id, acl.application_visible(access))
        ).first()
        if found is None:
            raise NotFound(f"no application {application_id!r}")
        app, title = found
        rows = conn.execute(
            select(ApplicationMention, Case.case_id, Case.title, Case.exempt, Meeting.number, Meeting.date,
                   Document.sha256, Document.source, Document.kind)
            .join(Document, Document.id == ApplicationMention.document_id)
            .outerjoin(Case, Case.id == ApplicationMention.case_pk)
            .outerjoin(Meeting, Meeting.id == Case.meeting_id)
            .where(ApplicationMention.application_pk == app.id, Document.is_current.is_(True), acl.mention_visible(access))
            .order_by(Meeting.date.nulls_last(), Case.case_id, Document.id, ApplicationMention.seq)
        ).all()
        cuts = conn.execute(
            select(BudgetCut, Case.case_id, Document.sha256, Document.source)
            .join(Document, Document.id == BudgetCut.document_id)
            .outerjoin(Case, Case.id == BudgetCut.case_pk)
            .where(BudgetCut.application_pk == app.id, Document.is_current.is_(True), acl.budget_cut_visible(access))
            .order_by(Document.id, BudgetCut.seq)
        ).all()
    return {
        "application_id": app.application_id,
        "title": title,
        "mentions": [
            {"case_id": r.case_id, "case_href": case_href(r.case_id) if r.case_id else None, "case_title": r.title,
             "exempt": r.exempt, "outcome": r[0].outcome, "stage": r[0].stage, "rank": r[0].rank,
             "meeting": r.number, "meeting_date": _iso(r.date), "document_kind": r.kind,
             "source": _doc(r.sha256, r.source, r[0].page, r[0].bbox)}
            for r in rows
        ],
        "budget_cuts": [
            {"case_id": r.case_id, "amount_nok": r[0].amount_nok, "stage": r[0].stage,
             "source": _doc(r.sha256, r.source, r[0].page, r[0].bbox)}
            for r in cuts
        ],
    }


# --- people ----------------------------------------------------------------------------------


def list_people(engine: Engine, access: Access, *, q: str | None = None, limit: int | None = None,
                offset: int | None = 0) -> dict[str, Any]:
    """People (members, observers, staff named in the papers), by name; `q` matches part of the name."""
    limit, offset = clamp(limit, offset)
    query = select(Person.name, Person.name_key).where(acl.person_visible(access))
    if q and q.strip():
        query = query.where(Person.name_key.contains(normalise_name(q)[:200], autoescape=True))
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(query.subquery()))
        rows = conn.execute(query.order_by(Person.name_key).limit(limit + 1).offset(offset)).all()
    items = [{"name": r.name, "href": "/people/" + quote(r.name, safe="")} for r in rows]
    return _page(items, limit, offset, total)


# --- meetings --------------------------------------------------------------------------------

Chair = aliased(Person)


def list_meetings(
    engine: Engine, access: Access, *, board: str | None = None, date_from: dt.date | None = None, date_to: dt.date | None = None,
    limit: int | None = None, offset: int | None = 0,
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
    items = [_meeting_summary(r[0], r.chair) for r in rows]
    return _page(items, limit, offset, total)


def _meeting_summary(m: Meeting, chair: str | None) -> dict[str, Any]:
    return {"board_code": m.board_code, "number": m.number, "board": m.board, "date": _iso(m.date), "time": m.time,
            "place": m.place, "chair": chair, "href": f"/meetings/{quote(m.board_code, safe='')}/{m.number}"}


def get_meeting(engine: Engine, board_code: str, number: str, access: Access) -> dict[str, Any]:
    """One meeting with attendance by role, its cases (summaries) and the documents that give it."""
    with Session(engine) as conn:
        row = conn.execute(
            select(Meeting, Chair.name.label("chair")).outerjoin(Chair, Chair.id == Meeting.chair_id)
            .where(Meeting.board_code == board_code.strip().upper(), Meeting.number == number.strip(),
                   acl.meeting_visible(access))
        ).first()
        if row is None:
            raise NotFound(f"no meeting {board_code} {number}")
        meeting = row[0]
        result = _meeting_summary(meeting, row.chair)
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
        result["attendance"] = roles
        cases = conn.execute(select(Case).where(Case.meeting_id == meeting.id, acl.case_visible(access))
                             .order_by(Case.case_id)).scalars().all()
        result["cases"] = [_case_summary(c, meeting.number, meeting.date) for c in cases]
        docs = conn.execute(
            select(MeetingAppearance.source_kind, MeetingAppearance.page, Document.sha256, Document.source)
            .join(Document, Document.id == MeetingAppearance.document_id)
            .where(MeetingAppearance.meeting_id == meeting.id, Document.is_current.is_(True))
            .order_by(Document.id)
        ).all()
        result["documents"] = [{"source_kind": d.source_kind, **_doc(d.sha256, d.source, d.page)} for d in docs]
    return result


# --- documents -------------------------------------------------------------------------------


def list_documents(engine: Engine, *, current: bool | None = True, limit: int | None = None,
                   offset: int | None = 0) -> dict[str, Any]:
    """Documents (one per file content), oldest first; `current=None` includes superseded versions."""
    limit, offset = clamp(limit, offset)
    query = select(Document, DocumentVersion.version).outerjoin(DocumentVersion, first_version())
    if current is not None:
        query = query.where(Document.is_current.is_(current))
    with Session(engine) as conn:
        total = conn.scalar(select(func.count()).select_from(query.subquery()))
        rows = conn.execute(query.order_by(Document.id).limit(limit + 1).offset(offset)).all()
    return _page([_document(r[0], r.version) for r in rows], limit, offset, total)


def _document(d: Document, version: int | None) -> dict[str, Any]:
    return {"sha256": d.sha256, "source": d.source, "kind": d.kind, "pages": d.pages, "board_code": d.board_code,
            "language": d.language, "version": version, "current": d.is_current, "fetched_at": _iso(d.fetched_at),
            "superseded_at": _iso(d.superseded_at), "href": f"/documents/{d.sha256}", "pdf": pdf_href(d.sha256, None)}


def get_document(engine: Engine, sha256: str) -> dict[str, Any]:
    """One document with its place in its source's version chain."""
    with Session(engine) as conn:
        row = conn.execute(
            select(Document, DocumentVersion.version)
            .outerjoin(DocumentVersion, first_version())
            .where(Document.sha256 == sha256.lower())
        ).first()
        if row is None:
            raise NotFound(f"no document {sha256!r}")
        chain = conn.execute(
            select(DocumentVersion.version, Document.sha256, DocumentVersion.valid_from, DocumentVersion.valid_to)
            .join(Document, Document.id == DocumentVersion.document_id)
            .where(DocumentVersion.source == row[0].source)
            .order_by(DocumentVersion.version)
        ).all()
    result = _document(row[0], row.version)
    result["versions"] = [{"version": v.version, "sha256": v.sha256, "valid_from": _iso(v.valid_from),
                           "valid_to": _iso(v.valid_to)} for v in chain]
    return result


def redacted_pages(engine: Engine, sha256: str, access: Access) -> frozenset[int]:
    """Pages of this document the caller may not see (exempt case papers, `vedtak.access.exempt_pages`):
    blanked in the copy of the PDF served to them. Empty for a token holder."""
    if access is Access.FULL:
        return frozenset()
    with Session(engine) as conn:
        doc_id = conn.scalar(select(Document.id).where(Document.sha256 == sha256.lower()))
        return acl.exempt_pages(conn, doc_id) if doc_id is not None else frozenset()


def document_source(engine: Engine, sha256: str) -> tuple[str, int] | None:
    """(source, pages) of a document, or None."""
    with Session(engine) as conn:
        row = conn.execute(select(Document.source, Document.pages).where(Document.sha256 == sha256.lower())).first()
    return (row.source, row.pages) if row else None


# --- change feed -----------------------------------------------------------------------------

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
        "href": f"/documents/{doc.sha256}", "source": doc.source, "version": version,
        "supersedes": previous.sha256 if previous else None,
    }]

    def add(kind: str, keys: Iterable[tuple], href) -> None:
        for key in sorted(set(keys)):
            events.append({"type": kind, "id": key[0] if len(key) == 1 else " ".join(key), "change": "changed",
                           "href": href(*key)})

    add("meeting", conn.execute(
        select(Meeting.board_code, Meeting.number).join(MeetingAppearance, MeetingAppearance.meeting_id == Meeting.id)
        .where(MeetingAppearance.document_id.in_(ids))).all(),
        lambda b, n: f"/meetings/{quote(b, safe='')}/{n}")
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
    add("application", app_keys, lambda a: f"/applications/{a}")
    people = set(conn.execute(select(Person.name).join(Attendance, Attendance.person_id == Person.id)
                              .where(Attendance.document_id.in_(ids))).all())
    people |= set(conn.execute(select(Person.name).join(Conflict, Conflict.person_id == Person.id)
                               .where(Conflict.document_id.in_(ids), acl.conflict_visible(access))).all())
    add("person", people, lambda n: "/people/" + quote(n, safe=""))
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
