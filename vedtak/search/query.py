"""The search: free text over cases (ranked, with snippets) and structured look-ups, all filtered.

Hit kinds (every hit names the case, its meeting and date, the document and the page):

- `case`: a case whose title, adopted decision or (visible) proposal matches the text query,
  or, with no text query, a case passing the filters.
- `mention`: one mention of an application in a decision (`--application 355815`), with
  outcome, stage and rank.
- `conflict`: a person's habilitet record in a case (`--person "Ole A. Andreassen"`), with the
  acting chair(s) appointed in that case.
- `attendance`: a person's role at a meeting (present, chair, absent, observer, staff, substitute).

Every value the caller gives is a bound parameter; free text is reduced to letter/digit tokens
before it reaches FTS5 or `to_tsquery`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import (
    Engine,
    Float,
    Integer,
    bindparam,
    column,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import aliased

from vedtak.models import (
    Application,
    ApplicationMention,
    Attendance,
    Case,
    Conflict,
    Document,
    Finding,
    Meeting,
    Outcome,
    Person,
    Stage,
    normalise_name,
)
from vedtak import access as acl
from vedtak.access import Access
from vedtak.store.queries import acting_chairs
from vedtak.search.text import NO_WORDS, Term, fts5_match, has_words, query_terms, snippet

MAX_LIMIT = 200
RANK_CANDIDATES = 2_000  # at most this many matches are ranked (the newest; see _candidates)
PG_COMMON_MATCHES = 15_000  # above this planner estimate PostgreSQL walks the key backwards instead of the GIN index
DEFAULT_LIMIT = 20
MAX_FILTER_LENGTH = 200
HIT_KINDS = ("case", "mention", "conflict", "attendance")


class SearchError(ValueError):
    """A filter value that cannot be used (the message says which and why)."""


@dataclass(frozen=True)
class Filters:
    """Search filters; every field optional. Dates are meeting dates, inclusive."""

    application: str | None = None
    person: str | None = None
    case: str | None = None
    board: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outcome: str | None = None
    stage: str | None = None

    def normalised(self) -> Filters:
        """Checked and canonical: board upper-case, case id canonical, outcome/stage in their vocabularies."""
        for name in ("application", "person", "case", "board", "outcome", "stage"):
            value = getattr(self, name)
            if value is not None and (len(value) > MAX_FILTER_LENGTH or "\x00" in value):
                raise SearchError(f"--{name}: longer than {MAX_FILTER_LENGTH} characters or contains NUL")
        if self.outcome and self.outcome not in {o.value for o in Outcome}:
            raise SearchError(f"--outcome must be one of {', '.join(o.value for o in Outcome)}, not {self.outcome!r}")
        if self.stage and self.stage not in {s.value for s in Stage}:
            raise SearchError(f"--stage must be one of {', '.join(s.value for s in Stage)}, not {self.stage!r}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise SearchError(f"--from {self.date_from} is after --to {self.date_to}")
        board = self.board.strip().upper() if self.board and self.board.strip() else None
        return replace(
            self,
            board=board,
            case=canonical_case(self.case, board) if self.case and self.case.strip() else None,
            application=self.application.strip() if self.application and self.application.strip() else None,
            person=self.person.strip() if self.person and self.person.strip() else None,
        )


_SHORT_CASE = re.compile(r"\s*(?:sak\s+)?0*(\d+)\s*[/-]\s*(\d{2})\s*", re.IGNORECASE)


def canonical_case(value: str, board: str | None = None) -> str:
    """Canonical case id of user input: `ps-helse 05/25` -> `PS-HELSE 5/25`; `54/24` (no board) -> `54/24`
    (then matched against every board)."""
    from vedtak.nlp.ids import canonical_case_id

    upper = value.strip().upper()
    found = canonical_case_id(upper, default_board=board)
    if found:
        return found
    short = _SHORT_CASE.fullmatch(value)
    if short:
        return f"{int(short[1])}/{short[2]}"
    return upper


@dataclass(frozen=True)
class SearchResult:
    """One page of hits; `next_offset` is None on the last page."""

    hits: list[dict[str, Any]]
    limit: int
    offset: int
    next_offset: int | None
    query: str | None
    filters: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"query": self.query, "filters": self.filters, "limit": self.limit, "offset": self.offset,
                "next_offset": self.next_offset, "hits": self.hits}


# --- filters ---------------------------------------------------------------------------------


def _case_filter(f: Filters):
    if re.fullmatch(r"\d+/\d{2}", f.case):
        return Case.case_id.endswith(" " + f.case, autoescape=True)
    return Case.case_id == f.case


def _case_conditions(f: Filters, access: Access) -> list:
    """Conditions on a query that has `Case` and (outer-joined) `Meeting` in it (empty: no filter)."""
    conds = [acl.case_visible(access)]
    if f.case:
        conds.append(_case_filter(f))
    if f.board:
        conds.append(Case.board_code == f.board)
    if f.date_from:
        conds.append(Meeting.date >= f.date_from)
    if f.date_to:
        conds.append(Meeting.date <= f.date_to)
    if f.application or f.outcome or f.stage:
        mention = select(ApplicationMention.id).join(Document, Document.id == ApplicationMention.document_id).where(
            ApplicationMention.case_pk == Case.id, Document.is_current.is_(True), acl.mention_visible(access)
        )
        if f.application:
            mention = mention.join(Application, Application.id == ApplicationMention.application_pk).where(
                Application.application_id == f.application)
        if f.outcome:
            mention = mention.where(ApplicationMention.outcome == f.outcome)
        if f.stage:
            mention = mention.where(ApplicationMention.stage == f.stage)
        conds.append(mention.exists())
    if f.person:
        conflict = (
            select(Conflict.id)
            .join(Person, Person.id == Conflict.person_id)
            .join(Document, Document.id == Conflict.document_id)
            .where(Conflict.case_pk == Case.id, Document.is_current.is_(True), _person_match(f.person),
                   acl.conflict_visible(access))
        )
        conds.append(conflict.exists())
    return conds


def _person_match(person: str):
    key = normalise_name(person)
    return or_(Person.name_key == key, Person.name_key.contains(key, autoescape=True))


# --- hits ------------------------------------------------------------------------------------

DecisionDoc, ProposedDoc = aliased(Document), aliased(Document)


def _doc(sha: str | None, source: str | None) -> dict[str, Any] | None:
    return {"sha256": sha, "source": source} if sha else None


def _meeting_fields(number: str | None, date: dt.date | None) -> dict[str, Any]:
    return {"meeting": number, "meeting_date": date.isoformat() if date else None}


SearchText = table("search_case_text", column("case_pk", Integer), column("public_tsv"), column("restricted_tsv"))
SearchFts = table("search_fts", column("rowid", Integer))


def _pg_tsquery(terms: Sequence[Term]):
    """Every term, as its Snowball Norwegian stem or its lemma: `avslått` ->
    `plainto_tsquery('norwegian', 'avslått') || plainto_tsquery('simple', 'avslå')`, AND-ed; a Term.prefix
    also as the first part of a compound: `|| to_tsquery('simple', 'forprosjekt:*')`."""
    query = None
    for term in terms:
        one = func.plainto_tsquery(literal_column("'norwegian'"), term.surface).op("||")(
            func.plainto_tsquery(literal_column("'simple'"), term.lemma))
        if term.prefix:  # letters only (Term.prefix), so `:*` is the only operator in the string
            one = one.op("||")(func.to_tsquery(literal_column("'simple'"), term.lemma + ":*"))
        query = one if query is None else query.op("&&")(one)
    return query


def _pg_estimated_rows(conn, query) -> float:
    """The planner's estimate of the rows `query` returns (EXPLAIN, not executed)."""
    compiled = query.compile(dialect=conn.dialect)
    plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + str(compiled), compiled.params).scalar()
    if isinstance(plan, str):
        import json

        plan = json.loads(plan)
    return float(plan[0]["Plan"]["Plan Rows"])


def _candidates(conn, terms: Sequence[Term], f: Filters, access: Access):
    """(pk, score) of the matching cases that pass the filters, lower score = better.

    Ranking reads every candidate's term statistics, so it is bounded: the RANK_CANDIDATES newest
    matching cases (by case id, i.e. load order) are ranked. Filters apply before that bound, so a
    filtered search ranks all of its matches unless they are more than RANK_CANDIDATES.
    """
    conditions = _case_conditions(f, access)
    if conn.dialect.name == "postgresql":
        query = _pg_tsquery(terms)
        matches = SearchText.c.public_tsv.op("@@")(query)
        vector = SearchText.c.public_tsv
        if access is Access.FULL:
            matches = or_(matches, SearchText.c.restricted_tsv.op("@@")(query))
            vector = vector.op("||")(SearchText.c.restricted_tsv)
        base = select(SearchText.c.case_pk.label("pk"), (-func.ts_rank_cd(vector, query)).label("score")).select_from(SearchText)
        if conditions:
            base = base.join(Case, Case.id == SearchText.c.case_pk).outerjoin(Meeting, Meeting.id == Case.meeting_id)
        base = base.where(matches, *conditions)
        # Many matches: walk the primary key backwards and stop at the bound (ranks computed on those only).
        # Few: take them all from the GIN index (`+ 0` keeps the planner off the key order) and sort.
        common = _pg_estimated_rows(conn, base) > PG_COMMON_MATCHES
        order = SearchText.c.case_pk.desc() if common else (SearchText.c.case_pk + 0).desc()
        return base.order_by(order).limit(RANK_CANDIDATES).subquery("fts")
    columns = "{title decision proposed proposed_exempt}" if access is Access.FULL else "{title decision proposed}"
    match = " AND ".join(f"{columns} : {fts5_match([t])}" for t in terms)
    ranked = select(SearchFts.c.rowid.label("pk"),
                    literal_column("bm25(search_fts, 8.0, 4.0, 1.0, 1.0)", Float).label("score")).select_from(SearchFts)
    if conditions:
        ranked = ranked.join(Case, Case.id == SearchFts.c.rowid).outerjoin(Meeting, Meeting.id == Case.meeting_id)
    return (
        ranked.where(literal_column("search_fts").op("MATCH")(bindparam("fts_match", match)), *conditions)
        .order_by(SearchFts.c.rowid.desc())
        .limit(RANK_CANDIDATES)
        .subquery("fts")
    )


def _case_hits(engine: Engine, terms: Sequence[Term], f: Filters, access: Access, limit: int, offset: int) -> list[dict]:
    columns = [
        Case.id, Case.case_id, Case.title, Case.board_code, Case.exempt, Case.decision, Case.proposed_decision,
        Case.decision_page, Case.proposed_page, Meeting.number, Meeting.date,
        DecisionDoc.sha256.label("d_sha"), DecisionDoc.source.label("d_src"),
        ProposedDoc.sha256.label("p_sha"), ProposedDoc.source.label("p_src"),
        acl.case_paper_visible(access).label("paper_visible"),
    ]
    query = (
        select(*columns)
        .select_from(Case)
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .outerjoin(DecisionDoc, DecisionDoc.id == Case.decision_document_id)
        .outerjoin(ProposedDoc, ProposedDoc.id == Case.proposed_document_id)
    )
    with engine.connect() as conn:
        if terms:  # rank and cut to the page first, then join the page's few rows to the rest
            fts = _candidates(conn, terms, f, access)
            page = select(fts.c.pk, fts.c.score).order_by(fts.c.score, fts.c.pk.desc()).limit(limit).offset(offset)
            page = page.subquery("page")
            query = query.add_columns(page.c.score).join(page, page.c.pk == Case.id).order_by(page.c.score, Case.id.desc())
        else:
            query = query.where(*_case_conditions(f, access)).add_columns(literal(None).label("score")).order_by(
                Meeting.date.desc().nulls_last(), Case.board_code, Case.case_id).limit(limit).offset(offset)
        rows = conn.execute(query).all()
    hits = []
    for r in rows:
        paper_visible = bool(r.paper_visible)
        fields = {"title": r.title, "decision": r.decision, "proposed_decision": r.proposed_decision if paper_visible else None}
        snippets = {name: snippet(value, terms) for name, value in fields.items() if value} if terms else {}
        matched = [name for name, s in snippets.items() if s]
        where = next((m for m in ("decision", "proposed_decision") if m in matched), None)
        if where is None:
            where = "decision" if r.d_sha else ("proposed_decision" if r.p_sha and paper_visible else None)
        doc, page = (_doc(r.d_sha, r.d_src), r.decision_page) if where == "decision" else (
            (_doc(r.p_sha, r.p_src), r.proposed_page) if where == "proposed_decision" else (None, None))
        best = next((snippets[m] for m in ("decision", "proposed_decision", "title") if snippets.get(m)), None)
        hits.append({
            "kind": "case", "case_id": r.case_id, "title": r.title, "board_code": r.board_code,
            **_meeting_fields(r.number, r.date), "exempt": r.exempt, "document": doc, "page": page,
            "field": where, "matched": matched, "score": None if r.score is None else round(-r.score, 6),
            "snippet": best,
        })
    return hits


def _mention_hits(engine: Engine, f: Filters, access: Access, limit: int, offset: int) -> list[dict]:
    query = (
        select(
            Application.application_id, acl.application_title(access).label("app_title"), ApplicationMention.outcome,
            ApplicationMention.stage, ApplicationMention.rank, ApplicationMention.page, Case.case_id, Case.title,
            Case.board_code, Case.exempt, Meeting.number, Meeting.date, Document.sha256, Document.source, Document.kind,
        )
        .select_from(ApplicationMention)
        .join(Application, Application.id == ApplicationMention.application_pk)
        .join(Document, Document.id == ApplicationMention.document_id)
        .outerjoin(Case, Case.id == ApplicationMention.case_pk)
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .where(Document.is_current.is_(True), Application.application_id == f.application, acl.mention_visible(access))
        .order_by(Meeting.date.nulls_last(), Case.case_id, ApplicationMention.stage.desc(), Document.id, ApplicationMention.seq)
    )
    if f.outcome:
        query = query.where(ApplicationMention.outcome == f.outcome)
    if f.stage:
        query = query.where(ApplicationMention.stage == f.stage)
    query = query.where(*_case_conditions(replace(f, application=None, outcome=None, stage=None), access))
    with engine.connect() as conn:
        rows = conn.execute(query.limit(limit).offset(offset)).all()
        # Contradictions where they matter: `conflicting_outcomes` of this application in the hit's case.
        findings: dict[str | None, list[str]] = {}
        for case_id, code in conn.execute(
            select(Finding.case_id, Finding.code).distinct().join(Document, Document.id == Finding.document_id)
            .where(Finding.application_id == f.application, Document.is_current.is_(True), acl.finding_visible(access))
            .order_by(Finding.case_id, Finding.code)
        ).all():
            findings.setdefault(case_id, []).append(code)
    return [
        {
            "kind": "mention", "application_id": r.application_id, "application_title": r.app_title,
            "outcome": r.outcome, "stage": r.stage, "rank": r.rank, "case_id": r.case_id, "title": r.title,
            "board_code": r.board_code, **_meeting_fields(r.number, r.date), "exempt": r.exempt,
            "document": _doc(r.sha256, r.source), "document_kind": r.kind, "page": r.page,
            "findings": findings.get(r.case_id, []),
        }
        for r in rows
    ]


def _person_hits(engine: Engine, f: Filters, access: Access, limit: int, offset: int) -> list[dict]:
    """Conflicts first (by meeting date, case), then attendance (by meeting date); one page over both."""
    conflicts = (
        select(
            Conflict.case_pk, Person.name, Conflict.name_as_written, Conflict.role, Conflict.scope, Conflict.stage,
            Conflict.recorded_in, Conflict.affiliation, Conflict.page, Case.case_id, Case.title, Case.board_code,
            Case.exempt, Meeting.number, Meeting.date, Document.sha256, Document.source,
        )
        .select_from(Conflict)
        .join(Person, Person.id == Conflict.person_id)
        .join(Document, Document.id == Conflict.document_id)
        .join(Case, Case.id == Conflict.case_pk)
        .outerjoin(Meeting, Meeting.id == Case.meeting_id)
        .where(Document.is_current.is_(True), _person_match(f.person), acl.conflict_visible(access),
               *_case_conditions(replace(f, person=None), access))
        .order_by(Meeting.date.nulls_last(), Case.case_id, Conflict.stage.desc(), Document.id, Conflict.seq)
    )
    if f.stage:
        conflicts = conflicts.where(Conflict.stage == f.stage)
    attendance = (
        select(
            Person.name, Attendance.name_as_written, Attendance.role, Attendance.case_ids, Attendance.page,
            Meeting.board_code, Meeting.number, Meeting.date, Document.sha256, Document.source,
        )
        .select_from(Attendance)
        .join(Person, Person.id == Attendance.person_id)
        .join(Document, Document.id == Attendance.document_id)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Document.is_current.is_(True), _person_match(f.person))
        .order_by(Meeting.date.nulls_last(), Meeting.board_code, Meeting.number, Attendance.role, Document.id)
    )
    if f.board:
        attendance = attendance.where(Meeting.board_code == f.board)
    if f.date_from:
        attendance = attendance.where(Meeting.date >= f.date_from)
    if f.date_to:
        attendance = attendance.where(Meeting.date <= f.date_to)
    skip_attendance = bool(f.case or f.application or f.outcome or f.stage)
    with engine.connect() as conn:
        rows = conn.execute(conflicts.limit(limit).offset(offset)).all()
        chairs = acting_chairs(conn, {r.case_pk for r in rows}, acl.conflict_visible(access), by_stage=True)
        hits: list[dict] = [
            {
                "kind": "conflict", "person": r.name, "name_as_written": r.name_as_written, "role": r.role,
                "scope": r.scope, "stage": r.stage, "affiliation": r.affiliation, "recorded_in": r.recorded_in,
                "acting_chair": [c for c in chairs.get((r.case_pk, r.stage), []) if c != r.name],
                "case_id": r.case_id, "title": r.title, "board_code": r.board_code,
                **_meeting_fields(r.number, r.date), "exempt": r.exempt, "document": _doc(r.sha256, r.source),
                "page": r.page,
            }
            for r in rows
        ]
        if len(hits) < limit and not skip_attendance:
            n_conflicts = conn.scalar(select(func.count()).select_from(conflicts.order_by(None).subquery()))
            a_offset = max(0, offset - n_conflicts)
            for r in conn.execute(attendance.limit(limit - len(hits)).offset(a_offset)).all():
                hits.append({
                    "kind": "attendance", "person": r.name, "name_as_written": r.name_as_written, "role": r.role,
                    "case_ids": r.case_ids, "case_id": None, "board_code": r.board_code,
                    **_meeting_fields(r.number, r.date), "document": _doc(r.sha256, r.source), "page": r.page,
                })
    return hits


def search(
    engine: Engine,
    query: str | None = None,
    filters: Filters | None = None,
    *,
    access: Access = Access.PUBLIC,
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
    refresh_index: bool = True,
    index_writer: Engine | None = None,
) -> SearchResult:
    """Run one search. Text -> ranked case hits; else `--application` -> mentions; else `--person` ->
    conflicts and attendance; else the cases passing the filters, newest meeting first.

    `refresh_index`: bring the search index up to date first (through `index_writer`, an engine allowed
    to write the index tables, default `engine`); the API refreshes on its own schedule and passes False.
    """
    if query is not None and (len(query) > 1_000 or "\x00" in query):
        raise SearchError("query: longer than 1000 characters or contains NUL")
    if query is not None and not has_words(query):
        raise SearchError(NO_WORDS)
    f = (filters or Filters()).normalised()
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, int(offset))
    terms = query_terms(query)
    if terms and refresh_index:
        from vedtak.search.index import refresh

        refresh(index_writer or engine, reader=engine if index_writer else None)
    if terms:
        hits = _case_hits(engine, terms, f, access, limit + 1, offset)
    elif f.application:
        hits = _mention_hits(engine, f, access, limit + 1, offset)
    elif f.person:
        hits = _person_hits(engine, f, access, limit + 1, offset)
    else:
        hits = _case_hits(engine, [], f, access, limit + 1, offset)
    more = len(hits) > limit
    hits = _mark_ocr(engine, hits[:limit])
    used = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in vars(f).items() if v is not None}
    return SearchResult(hits, limit, offset, offset + limit if more else None, query or None, used)


def _mark_ocr(engine: Engine, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A hit whose document had pages read by OCR says so: `document.ocr_pages` and its mean word
    `ocr_confidence` (the text may hold misread words; the web page marks it `OCR`)."""
    shas = {h["document"]["sha256"] for h in hits if h.get("document")}
    if not shas:
        return hits
    with engine.connect() as conn:
        rows = conn.execute(select(Document.sha256, Document.ocr_pages, Document.ocr_confidence)
                            .where(Document.sha256.in_(shas), Document.ocr_pages.is_not(None))).all()
    ocr = {r.sha256: {"ocr_pages": r.ocr_pages, "ocr_confidence": r.ocr_confidence} for r in rows}
    for h in hits:
        if h.get("document") and h["document"]["sha256"] in ocr:
            h["document"] = {**h["document"], **ocr[h["document"]["sha256"]]}
    return hits


__all__ = ["Filters", "HIT_KINDS", "SearchError", "SearchResult", "canonical_case", "search"]
