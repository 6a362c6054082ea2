"""Record JSON (vedtak/schema/record-v1.json) -> rows, one database transaction per document.

The mapping is explicit, field by field. Source identity and content identity are kept apart:
a content (`documents.sha256`) is extracted and written once; a source (path or URL) has a
history of contents (`document_versions`), so a known content under another source (a copy, a
rename, a revert) only becomes that source's new version. Idempotence and concurrency come from
natural keys: `documents.sha256`, `(source, version)`, and get-or-create
upserts (`INSERT ... ON CONFLICT DO NOTHING`) for people, meetings, cases and applications,
taken in one global order so that two concurrent loads cannot deadlock; a load that still
collides is retried from the start.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, insert, select, text, update
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

from vedtak.models import (
    Application,
    ApplicationMention,
    Attendance,
    AttendanceRole,
    Base,
    BudgetCut,
    Case,
    CaseAppearance,
    CaseReference,
    Conflict,
    ConflictDeclaration,
    Document,
    DocumentVersion,
    Finding,
    IngestRun,
    Meeting,
    MeetingAppearance,
    Person,
    QuarantinedFile,
    normalise_name,
)

RECORD_TYPES = (
    "meetings",
    "cases",
    "conflicts",
    "conflict_declarations",
    "applications",
    "budget_cuts",
    "findings",
)
MAX_ATTEMPTS = 8


class LoadStatus(StrEnum):
    """What happened to one document: new, unchanged (same sha256 known), updated (new version)."""

    NEW = "new"
    UNCHANGED = "unchanged"
    UPDATED = "updated"


@dataclass(frozen=True)
class LoadResult:
    """The outcome of loading one record."""

    source: str
    sha256: str
    status: LoadStatus
    document_id: int
    version: int | None = None
    records: dict[str, int] = field(default_factory=dict)


def utcnow() -> dt.datetime:
    """Now, timezone-aware UTC."""
    return dt.datetime.now(dt.UTC)


_CASE_PREFIX = re.compile(r"^(?P<board>\S+) \d+/\d{2}$")
_SPACE = re.compile(r"\s+")


def board_of(case_id: str) -> str:
    """Board code of a canonical case id: `PS-HELSE 54/24` -> `PS-HELSE`."""
    match = _CASE_PREFIX.match(case_id)
    return match.group("board") if match else ""


def same_text(a: str | None, b: str | None) -> bool:
    """Whitespace-insensitive equality of two decision texts."""
    return _SPACE.sub(" ", a or "").strip() == _SPACE.sub(" ", b or "").strip()


def record_counts(record: dict[str, Any]) -> dict[str, int]:
    """Records per type in one document record."""
    return {name: len(record.get(name) or []) for name in RECORD_TYPES}


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _prov(item: dict[str, Any], key: str = "provenance") -> tuple[int | None, list[float] | None, str | None]:
    prov = item.get(key) or {}
    return prov.get("page"), prov.get("bbox"), prov.get("extractor")


# --- statements, built once ----------------------------------------------------------------
# A load runs ~30 statements, and on SQLite building a statement (and its cache key) cost SQLAlchemy
# more than running it. So each statement of a load is built once per process and dialect (the
# functions below, cached; `IN` lists as expanding parameters) and run on the session's connection
# as Core, on table columns (no ORM entity to compile): the same SQL, in the same order, with the
# same parameters, as when each was built where it runs.

_TABLES = Base.metadata.tables
_DOCUMENTS = Document.__table__
_VERSIONS = DocumentVersion.__table__
_RUNS = IngestRun.__table__


def _conn(session: Session) -> Connection:
    """The connection of the session's transaction (pending ORM changes are flushed by the callers)."""
    return session.connection()


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


@cache
def _insert_ignore_stmt(table_name: str, columns: tuple[str, ...], keys: tuple[str, ...]) -> Executable:
    """`INSERT INTO table (columns) VALUES (...) ON CONFLICT (keys) DO NOTHING`.

    Written as text: SQLite (3.24+) and PostgreSQL spell it alike, and SQLAlchemy's dialect
    `insert().on_conflict_do_nothing()` is not cacheable (`inherit_cache = False`), so it was
    compiled anew at each execution (~0.2 ms, four times a document). The parameters keep the
    columns' types.
    """
    table = _TABLES[table_name]
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
           f"ON CONFLICT ({', '.join(keys)}) DO NOTHING")
    return text(sql).bindparams(*(bindparam(c, type_=table.c[c].type) for c in columns))


@cache
def _ids_stmt(table_name: str, key: str) -> Executable:
    """`SELECT key, id FROM table WHERE key IN (:keys)`."""
    table = _TABLES[table_name]
    return select(table.c[key], table.c.id).where(table.c[key].in_(bindparam("keys", expanding=True)))


@cache
def _meeting_ids_stmt() -> Executable:
    table = Meeting.__table__
    return select(table.c.board_code, table.c.number, table.c.id).where(
        table.c.board_code.in_(bindparam("boards", expanding=True)), table.c.number.in_(bindparam("numbers", expanding=True)))


@cache
def _lock_stmt(table_name: str) -> Executable:
    table = _TABLES[table_name]
    return (select(table.c.id).where(table.c.id.in_(bindparam("ids", expanding=True))).order_by(table.c.id)
            .with_for_update(key_share=True))


@cache
def _guard_stmt(dialect: str) -> Executable:
    query = select(_RUNS.c.status).where(_RUNS.c.id == bindparam("run"))
    return query.with_for_update(read=True) if dialect == "postgresql" else query


@cache
def _document_by_sha_stmt() -> Executable:
    return select(_DOCUMENTS.c.id).where(_DOCUMENTS.c.sha256 == bindparam("sha"))


@cache
def _versions_of_source_stmt() -> Executable:
    """Every version of one source, newest first: its open one and its highest number in one query."""
    v = _VERSIONS.c
    return select(v.id, v.version, v.document_id, v.valid_to).where(v.source == bindparam("source")).order_by(
        v.version.desc())


@cache
def _close_version_stmt() -> Executable:
    v = _VERSIONS.c
    return update(_VERSIONS).where(v.id == bindparam("b_id")).values(
        valid_to=bindparam("b_valid_to"), end_reason=bindparam("b_end_reason"))


@cache
def _holders_stmt() -> Executable:
    v = _VERSIONS.c
    return select(v.source).where(v.document_id == bindparam("document_id"), v.valid_to.is_(None)).order_by(v.id.desc())


@cache
def _document_source_stmt() -> Executable:
    return select(_DOCUMENTS.c.source).where(_DOCUMENTS.c.id == bindparam("document_id"))


@cache
def _document_held_stmt() -> Executable:
    d = _DOCUMENTS.c
    return update(_DOCUMENTS).where(d.id == bindparam("b_id")).values(
        is_current=True, superseded_at=None, source=bindparam("b_source"))


@cache
def _document_let_go_stmt() -> Executable:
    d = _DOCUMENTS.c
    return update(_DOCUMENTS).where(d.id == bindparam("b_id"), d.is_current.is_(True)).values(
        is_current=False, superseded_at=bindparam("b_now"))


@cache
def _fact_insert_stmt(table_name: str) -> Executable:
    return insert(_TABLES[table_name])


@cache
def _appearance_ids_stmt() -> Executable:
    """The ids of one document's case appearances in record order (its natural key: document, seq)."""
    table = CaseAppearance.__table__
    return select(table.c.id).where(table.c.document_id == bindparam("document_id")).order_by(table.c.seq)


@cache
def _title_stmt() -> Executable:
    table = Application.__table__
    return update(table).where(table.c.id == bindparam("b_id"), table.c.title.is_(None)).values(title=bindparam("b_title"))


@cache
def _touched_stmt(table_name: str, column: str) -> Executable:
    """The distinct non-null `column` values of a table's rows from some documents."""
    table = _TABLES[table_name]
    return select(table.c[column]).where(table.c.document_id.in_(bindparam("docs", expanding=True)),
                                         table.c[column].is_not(None))


# The columns of an appearance that its entity's merged view is made of (the others — the
# appearance's own provenance, officers, attachments — are not read back: ~3 JSON values a row).
_MERGED_FROM = {
    "case_appearances": ("case_pk", "document_id", "meeting_id", "title", "case_type", "exempt",
                         "responsible_director", "from_text", "proposed_decision", "proposed_page", "proposed_bbox",
                         "decision", "decision_page", "decision_bbox"),
    "meeting_appearances": ("meeting_id", "source_kind", "board", "date", "time", "place"),
}


@cache
def _appearances_stmt(table_name: str, key: str) -> Executable:
    table = _TABLES[table_name]
    column = table.c[key]
    return (select(*(table.c[c] for c in _MERGED_FROM[table_name])).join(_DOCUMENTS, _DOCUMENTS.c.id == table.c.document_id)
            .where(column.in_(bindparam("keys", expanding=True)), _DOCUMENTS.c.is_current.is_(True))
            .order_by(column, _DOCUMENTS.c.sha256, table.c.seq))


@cache
def _chairs_stmt() -> Executable:
    a = Attendance.__table__.c
    return (select(a.meeting_id, a.person_id).join(_DOCUMENTS, _DOCUMENTS.c.id == a.document_id)
            .where(a.meeting_id.in_(bindparam("ids", expanding=True)), a.role == AttendanceRole.CHAIR.value,
                   _DOCUMENTS.c.is_current.is_(True))
            .order_by(a.meeting_id, _DOCUMENTS.c.sha256.desc(), a.id))


@cache
def _rows_by_id_stmt(table_name: str) -> Executable:
    table = _TABLES[table_name]
    return select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))


@cache
def _update_columns_stmt(table_name: str, columns: tuple[str, ...]) -> Executable:
    table = _TABLES[table_name]
    return update(table).where(table.c.id == bindparam("b_id")).values({c: bindparam(f"b_{c}") for c in columns})


# --- get-or-create -------------------------------------------------------------------------


def _insert_ignore(session: Session, model: type, rows: list[dict[str, Any]], keys: list[str]) -> None:
    """INSERT ... ON CONFLICT (keys) DO NOTHING of these rows (all with the same columns)."""
    if not rows:
        return
    # One executemany (psycopg pipelines it; sqlite3 reuses one prepared statement). The rows
    # are still inserted one after another in the sorted order, so the lock order is unchanged.
    _conn(session).execute(_insert_ignore_stmt(model.__tablename__, tuple(rows[0]), tuple(keys)), rows)


def _people(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Person ids by name key, created where new. First spelling seen becomes `name`."""
    wanted: dict[str, str] = {}
    for name in names:
        wanted.setdefault(normalise_name(name), _SPACE.sub(" ", name).strip())
    keys = sorted(wanted)
    _insert_ignore(session, Person, [{"name_key": k, "name": wanted[k]} for k in keys], ["name_key"])
    if not keys:
        return {}
    return dict(_conn(session).execute(_ids_stmt("people", "name_key"), {"keys": keys}).all())


def _meetings(session: Session, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], int]:
    keys = sorted(set(keys))
    _insert_ignore(session, Meeting, [{"board_code": b, "number": n} for b, n in keys], ["board_code", "number"])
    if not keys:
        return {}
    wanted = set(keys)
    rows = _conn(session).execute(_meeting_ids_stmt(), {
        "boards": sorted({b for b, _ in keys}), "numbers": sorted({n for _, n in keys})})
    return {(b, n): i for b, n, i in rows if (b, n) in wanted}


def _cases(session: Session, case_ids: Iterable[str]) -> dict[str, int]:
    keys = sorted(set(case_ids))
    _insert_ignore(session, Case, [{"case_id": c, "board_code": board_of(c)} for c in keys], ["case_id"])
    if not keys:
        return {}
    return dict(_conn(session).execute(_ids_stmt("cases", "case_id"), {"keys": keys}).all())


def _applications(session: Session, app_ids: Iterable[str]) -> dict[str, int]:
    keys = sorted(set(app_ids))
    _insert_ignore(session, Application, [{"application_id": a} for a in keys], ["application_id"])
    if not keys:
        return {}
    return dict(_conn(session).execute(_ids_stmt("applications", "application_id"), {"keys": keys}).all())


def _lock(session: Session, model: type, ids: Iterable[int]) -> None:
    """Row locks (FOR NO KEY UPDATE on PostgreSQL) in id order, before the merged view is recomputed.

    A concurrent load touching the same case waits here; once it commits, our later statements
    see its rows (READ COMMITTED), so neither load's proposal/decision is lost.
    """
    ids = sorted(set(ids))
    if ids and _dialect(session) == "postgresql":
        _conn(session).execute(_lock_stmt(model.__tablename__), {"ids": ids})


# --- the load ------------------------------------------------------------------------------


def known_hashes(engine: Engine, hashes: Iterable[str]) -> set[str]:
    """Which of these sha256 are already stored (read-only)."""
    hashes = sorted(set(hashes))
    found: set[str] = set()
    with engine.connect() as conn:
        for chunk in _chunks(hashes):
            found |= set(conn.scalars(select(Document.sha256).where(Document.sha256.in_(chunk))))
    return found


def current_contents(engine: Engine, sources: Iterable[str]) -> dict[str, str]:
    """The sha256 each of these sources holds now (its open version); sources with none are absent."""
    sources = sorted(set(sources))
    current: dict[str, str] = {}
    with engine.connect() as conn:
        for chunk in _chunks(sources):
            current.update(conn.execute(
                select(DocumentVersion.source, Document.sha256)
                .join(Document, Document.id == DocumentVersion.document_id)
                .where(DocumentVersion.source.in_(chunk), DocumentVersion.valid_to.is_(None))).all())
    return current


def unchanged(engine: Engine, pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (source, sha256) pairs with nothing to do: the source's current content is that sha256.

    Source identity, not content identity: a known content under a source that does not hold it
    now (a copy, a rename, an overwrite with another stored file's bytes, a revert) is a change
    of that source, never "unchanged".
    """
    pairs = sorted(set(pairs))
    current = current_contents(engine, [source for source, _ in pairs])
    return {(source, sha) for source, sha in pairs if current.get(source) == sha}


def _chunks(values: list[Any], size: int = 500) -> Iterable[list[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]


def in_transaction(engine: Engine, work: Any) -> Any:
    """`work(session)` in one transaction, retried whole (with backoff) on a concurrent collision
    or a lock timeout; other errors propagate."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            with Session(engine) as session, session.begin():
                return work(session)
        except (IntegrityError, OperationalError, DBAPIError) as exc:
            if attempt == MAX_ATTEMPTS - 1 or not _retryable(exc):
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


def load_record(
    engine: Engine,
    record: dict[str, Any],
    *,
    source: str | None = None,
    fetched_at: dt.datetime | None = None,
    extractor_version: str | None = None,
    ingest_run_id: int | None = None,
) -> LoadResult:
    """Load one document record in one transaction; retried whole on a concurrent collision."""
    source = source or record["document"]["source"]
    return in_transaction(engine, lambda session: _load(
        session, record, source, fetched_at or utcnow(), extractor_version, ingest_run_id))


def link_source(engine: Engine, source: str, sha256: str, *, ingest_run_id: int | None = None) -> LoadResult | None:
    """Make a content the store already holds the current content of `source` (a copy, a rename,
    a revert, an overwrite with another file's bytes): no extraction, one transaction.
    None if no document has that sha256."""
    def work(session: Session) -> LoadResult | None:
        _guard_run(session, ingest_run_id)
        existing = session.scalar(select(Document.id).where(Document.sha256 == sha256))
        if existing is None:
            return None
        return _relink(session, source, sha256, existing, utcnow(), ingest_run_id)

    return in_transaction(engine, work)


def _retryable(exc: Exception) -> bool:
    if isinstance(exc, IntegrityError):
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return any(word in text for word in ("deadlock", "locked", "could not serialize", "busy"))


# What a database says when the trouble may pass: the server restarting or unreachable for a
# moment, a connection cut, a lock or serialization conflict. ("database or disk is full" is not
# here: it does not pass by waiting.)
_TRANSIENT = (
    "deadlock", "database is locked", "could not serialize", "busy", "server closed the connection",
    "terminating connection", "the database system is starting up", "the database system is shutting down",
    "the database system is in recovery mode", "connection refused", "connection failed", "could not connect",
    "connection is closed", "could not receive data", "could not send data", "connection timed out",
    "consuming input failed", "connection reset", "broken pipe", "no connection to the server",
)


def is_transient(exc: BaseException) -> bool:
    """Whether a database error may pass on a later try (retried with backoff per document):
    `server closed the connection unexpectedly`, `terminating connection due to administrator
    command`, `Connection refused`, `database is locked`, `could not serialize access`."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    text = str(exc.orig if exc.orig is not None else exc).lower()
    return any(word in text for word in _TRANSIENT)


class RunClosed(Exception):
    """A write under an ingest run that is no longer `running` (interrupted, closed): refused."""

    def __init__(self, run_id: int, status: str | None) -> None:
        super().__init__(f"ingest run {run_id} is {status or 'gone'}: nothing more is written under it")


def _guard_run(session: Session, run_id: int | None) -> None:
    """Refuse to write under a run that is closed. On PostgreSQL a share lock on the run's row
    makes closing the run wait for the documents being written under it."""
    if run_id is None:
        return
    status = _conn(session).execute(_guard_stmt(_dialect(session)), {"run": run_id}).scalar()
    if status != "running":
        raise RunClosed(run_id, status)


def _load(
    session: Session,
    record: dict[str, Any],
    source: str,
    fetched_at: dt.datetime,
    extractor_version: str | None,
    ingest_run_id: int | None,
) -> LoadResult:
    doc = record["document"]
    sha = doc["sha256"]
    now = utcnow()
    _guard_run(session, ingest_run_id)
    conn = _conn(session)
    existing = conn.execute(_document_by_sha_stmt(), {"sha": sha}).scalar()
    if existing is not None:
        return _relink(session, source, sha, existing, now, ingest_run_id)

    extractor = record.get("extractor") or {}
    document_id = conn.execute(_fact_insert_stmt("documents"), dict(
        sha256=sha,
        source=source,
        fetched_at=fetched_at,
        kind=doc["kind"],
        pages=doc["pages"],
        board=doc.get("board"),
        board_code=doc.get("board_code"),
        language=doc.get("language"),
        extractor_name=extractor.get("name"),
        extractor_version=extractor_version or extractor.get("version") or "unknown",
        nlp=extractor.get("nlp"),
        **_ocr_columns(doc.get("ocr_pages") or []),
        is_current=True,
        ingest_run_id=ingest_run_id,
    )).inserted_primary_key[0]
    status, version, stale = _attach(session, source, document_id, now, ingest_run_id)
    stale_docs = [stale] if stale is not None else []
    _set_current(session, stale_docs, now)

    ids = _upsert_entities(session, record)
    touched_meetings, touched_cases = _touched(session, stale_docs)
    touched_meetings |= set(ids.meetings.values())
    touched_cases |= set(ids.cases.values())
    _lock(session, Meeting, touched_meetings)
    _lock(session, Case, touched_cases)
    _insert_facts(session, record, document_id, ids)
    _refresh(session, (touched_meetings, touched_cases), locked=True)
    return LoadResult(source, sha, status, document_id, version, record_counts(record))


def _relink(session: Session, source: str, sha: str, document_id: int, now: dt.datetime,
            ingest_run_id: int | None) -> LoadResult:
    """`source` now holds the stored document `document_id`: unchanged if it already did, else a
    new version of the source pointing at it (both contents' merged views recomputed)."""
    status, version, stale = _attach(session, source, document_id, now, ingest_run_id)
    if status is LoadStatus.UNCHANGED:
        return LoadResult(source, sha, status, document_id, version)
    documents = [document_id] + ([stale] if stale is not None else [])
    _set_current(session, documents, now)
    _refresh(session, _touched(session, documents))
    return LoadResult(source, sha, status, document_id, version)


def _attach(session: Session, source: str, document_id: int, now: dt.datetime,
            ingest_run_id: int | None) -> tuple[LoadStatus, int, int | None]:
    """Make `document_id` the current content of `source`: (status, its version, the document the
    source held before or None). `new` for a source never seen, `updated` for one with a history
    (a change, a revert, a deleted file back again), `unchanged` if it holds that content now."""
    session.flush()  # an ORM change of the caller's (end_source) is seen by the query below
    conn = _conn(session)
    versions = conn.execute(_versions_of_source_stmt(), {"source": source}).all()
    current = next((v for v in versions if v.valid_to is None), None)
    if current is not None and current.document_id == document_id:
        return LoadStatus.UNCHANGED, current.version, None
    last = versions[0].version if versions else None
    stale = None
    if current is not None:
        conn.execute(_close_version_stmt(), {"b_id": current.id, "b_valid_to": now, "b_end_reason": "replaced"})
        stale = current.document_id
    conn.execute(_fact_insert_stmt("document_versions"), dict(
        source=source, version=(last or 0) + 1, document_id=document_id, valid_from=now, ingest_run_id=ingest_run_id))
    return (LoadStatus.UPDATED if last else LoadStatus.NEW), (last or 0) + 1, stale


def _set_current(session: Session, document_ids: Iterable[int], now: dt.datetime) -> None:
    """`documents.is_current` and `source` of these documents from their versions: current exactly
    while some source's open version holds it (a content copied to two files stays current while
    either does). Its `source` stays while that source holds it, else becomes the newest source
    that does (where the file is now, after a rename); no longer held, it keeps the last one."""
    conn = _conn(session)
    for document_id in sorted(set(document_ids)):
        holders = conn.execute(_holders_stmt(), {"document_id": document_id}).scalars().all()
        if holders:
            source = conn.execute(_document_source_stmt(), {"document_id": document_id}).scalar()
            conn.execute(_document_held_stmt(), {"b_id": document_id,
                                                 "b_source": source if source in holders else holders[0]})
        else:
            conn.execute(_document_let_go_stmt(), {"b_id": document_id, "b_now": now})


def end_source(engine: Engine, source: str, *, reason: str = "gone") -> bool:
    """Close the open version of a source whose file is gone (kept as history, `end_reason`
    `gone`); its content stays current only if another source holds it. False if it had none."""
    def work(session: Session) -> bool:
        current = session.scalars(select(DocumentVersion).where(
            DocumentVersion.source == source, DocumentVersion.valid_to.is_(None))).first()
        if current is None:
            return False
        now = utcnow()
        current.valid_to, current.end_reason = now, reason
        session.flush()
        _set_current(session, [current.document_id], now)
        _refresh(session, _touched(session, [current.document_id]))
        return True

    return in_transaction(engine, work)


def _touched(session: Session, document_ids: list[int]) -> tuple[set[int], set[int]]:
    """Meetings and cases that these documents' records feed (their merged views need recomputing)."""
    if not document_ids:
        return set(), set()
    conn = _conn(session)
    docs = {"docs": list(document_ids)}
    meetings = set(conn.execute(_touched_stmt("meeting_appearances", "meeting_id"), docs).scalars())
    meetings |= set(conn.execute(_touched_stmt("case_appearances", "meeting_id"), docs).scalars())
    cases = set(conn.execute(_touched_stmt("case_appearances", "case_pk"), docs).scalars())
    return meetings, cases


def _refresh(session: Session, touched: tuple[set[int], set[int]], *, locked: bool = False) -> None:
    """Lock (unless this transaction already holds the locks) and recompute merged meeting and case rows."""
    meetings, cases = touched
    if not locked:
        _lock(session, Meeting, meetings)
        _lock(session, Case, cases)
    session.flush()
    refresh_meetings(session, meetings)
    refresh_cases(session, cases)


@dataclass
class _Ids:
    people: dict[str, int]
    meetings: dict[tuple[str, str], int]
    cases: dict[str, int]
    applications: dict[str, int]

    def person(self, name: str) -> int:
        return self.people[normalise_name(name)]

    def meeting(self, board_code: str | None, number: str | None) -> int | None:
        if not number:
            return None
        return self.meetings[(board_code or "", number)]


def _meeting_key(record: dict[str, Any], meeting: dict[str, Any]) -> tuple[str, str] | None:
    if not meeting.get("number"):
        return None
    return (meeting.get("board_code") or record["document"].get("board_code") or "", meeting["number"])


def _attendance_names(meeting: dict[str, Any]) -> list[tuple[str, str, list[str] | None]]:
    """(role, name, case ids) for every attendance row a meeting record gives."""
    rows: list[tuple[str, str, list[str] | None]] = []
    for role, key in (
        (AttendanceRole.PRESENT, "present"),
        (AttendanceRole.ABSENT, "absent"),
        (AttendanceRole.OBSERVER, "observers"),
        (AttendanceRole.STAFF, "staff"),
    ):
        rows += [(role.value, name, None) for name in meeting.get(key) or []]
    if meeting.get("chair"):
        rows.append((AttendanceRole.CHAIR.value, meeting["chair"], None))
    for sub in meeting.get("substitutes") or []:
        rows.append((AttendanceRole.SUBSTITUTE.value, sub["person"], sorted(sub.get("case_ids") or [])))
    return rows


def _upsert_entities(session: Session, record: dict[str, Any]) -> _Ids:
    """Get-or-create every merged entity the record names, in the global lock order."""
    names: list[str] = []
    meeting_keys: list[tuple[str, str]] = []
    case_ids: list[str] = []
    for meeting in record.get("meetings") or []:
        names += [name for _, name, _ in _attendance_names(meeting)]
        if (key := _meeting_key(record, meeting)) is not None:
            meeting_keys.append(key)
    names += [c["person"] for c in record.get("conflicts") or []]
    for case in record.get("cases") or []:
        if case.get("case_id"):
            case_ids.append(case["case_id"])
            if case.get("meeting"):
                meeting_keys.append((board_of(case["case_id"]), case["meeting"]))
    for conflict in record.get("conflicts") or []:
        case_ids.append(conflict["case_id"])
        if conflict.get("meeting"):
            meeting_keys.append((board_of(conflict["case_id"]), conflict["meeting"]))
    for decl in record.get("conflict_declarations") or []:
        if decl.get("recorded_in"):
            case_ids.append(decl["recorded_in"])
            if decl.get("meeting"):
                meeting_keys.append((board_of(decl["recorded_in"]), decl["meeting"]))
    app_ids = [a["application_id"] for a in record.get("applications") or []]
    app_ids += [b["application_id"] for b in record.get("budget_cuts") or []]
    case_ids += [a["case_id"] for a in (record.get("applications") or []) + (record.get("budget_cuts") or []) if a.get("case_id")]
    # Global order: people, meetings, applications, cases (each sorted) in every load.
    people = _people(session, names)
    meetings = _meetings(session, meeting_keys)
    applications = _applications(session, app_ids)
    cases = _cases(session, case_ids)
    return _Ids(people, meetings, cases, applications)


def _insert_facts(session: Session, record: dict[str, Any], document_id: int, ids: _Ids) -> None:
    """Every fact of the record, each with the document and its provenance.

    One executemany per table (Core `insert(Table)`, SQLAlchemy's insertmanyvalues), rows in
    record order, so ids and rows are those one INSERT per fact would give. The case references
    need their appearances' ids: read back by (document, seq) after the insert, one query
    (`INSERT ... RETURNING` in parameter order made SQLAlchemy insert the appearances one row per
    statement on SQLite, ~11 statements a document).
    """
    conn = _conn(session)
    rows = _fact_rows(record, document_id, ids)
    references = rows.pop("case_references")
    for name, table_rows in rows.items():
        if table_rows:
            conn.execute(_fact_insert_stmt(name), table_rows)
        if name == "case_appearances" and any(references):
            appearance_ids = conn.execute(_appearance_ids_stmt(), {"document_id": document_id}).scalars().all()
            conn.execute(_fact_insert_stmt("case_references"), [
                {"appearance_id": appearance_id, "referenced_case_id": ref}
                for appearance_id, refs in zip(appearance_ids, references, strict=True) for ref in refs
            ])
    titles: dict[int, str] = {}
    for a in record.get("applications") or []:
        if a.get("title"):  # the first title seen names an application that has none yet
            titles.setdefault(ids.applications[a["application_id"]], a["title"])
    if titles:
        conn.execute(_title_stmt(), [{"b_id": pk, "b_title": title} for pk, title in titles.items()])


_FACT_TABLES = {
    "meeting_appearances": MeetingAppearance.__table__,
    "attendance": Attendance.__table__,
    "case_appearances": CaseAppearance.__table__,
    "case_references": CaseReference.__table__,
    "conflicts": Conflict.__table__,
    "conflict_declarations": ConflictDeclaration.__table__,
    "application_mentions": ApplicationMention.__table__,
    "budget_cuts": BudgetCut.__table__,
    "findings": Finding.__table__,
}


def _fact_rows(record: dict[str, Any], document_id: int, ids: _Ids) -> dict[str, list[Any]]:
    """The rows of every fact table for one record (column keys of the tables), in record order.

    `case_references` holds, per case appearance, its sorted referenced case ids (the
    appearance ids are known only after the insert).
    """
    doc_board = record["document"].get("board_code")
    out: dict[str, list[Any]] = {name: [] for name in _FACT_TABLES}
    for seq, m in enumerate(record.get("meetings") or []):
        page, bbox, extractor = _prov(m)
        key = _meeting_key(record, m)
        meeting_id = ids.meetings[key] if key else None
        out["meeting_appearances"].append(dict(
            document_id=document_id, meeting_id=meeting_id, seq=seq, page=page, bbox=bbox, extractor=extractor,
            source_kind=m.get("source_kind"), board=m.get("board"), board_code=m.get("board_code") or doc_board,
            number=m.get("number"), date=_parse_date(m.get("date")), time=m.get("time"), place=m.get("place"),
        ))
        if meeting_id is None:
            continue
        seen: set[tuple[int, str]] = set()
        for role, name, case_ids in _attendance_names(m):
            person_id = ids.person(name)
            if (person_id, role) in seen:
                continue
            seen.add((person_id, role))
            out["attendance"].append(dict(
                document_id=document_id, meeting_id=meeting_id, person_id=person_id, role=role,
                name_as_written=name, case_ids=case_ids, page=page, bbox=bbox,
            ))

    for seq, c in enumerate(record.get("cases") or []):
        page, bbox, extractor = _prov(c)
        p_page, p_bbox, _ = _prov(c, "proposed_provenance")
        d_page, d_bbox, _ = _prov(c, "decision_provenance")
        case_id = c.get("case_id")
        board = board_of(case_id) if case_id else doc_board
        out["case_appearances"].append(dict(
            document_id=document_id, case_pk=ids.cases[case_id] if case_id else None, seq=seq, page=page, bbox=bbox,
            extractor=extractor, meeting_id=ids.meeting(board, c.get("meeting")), meeting_number=c.get("meeting"),
            title=c.get("title"), case_type=c.get("case_type"), exempt=c.get("exempt"),
            responsible_director=c.get("responsible_director"), from_text=c.get("from"),
            case_officers=list(c.get("case_officers") or []), attachments=list(c.get("attachments") or []),
            proposed_decision=c.get("proposed_decision"),
            proposed_page=p_page if c.get("proposed_provenance") else page,
            proposed_bbox=p_bbox if c.get("proposed_provenance") else bbox,
            decision=c.get("decision"),
            decision_page=d_page if c.get("decision_provenance") else page,
            decision_bbox=d_bbox if c.get("decision_provenance") else bbox,
        ))
        out["case_references"].append(sorted(set(c.get("references") or [])))

    for seq, k in enumerate(record.get("conflicts") or []):
        page, bbox, extractor = _prov(k)
        out["conflicts"].append(dict(
            document_id=document_id, case_pk=ids.cases[k["case_id"]], person_id=ids.person(k["person"]),
            name_as_written=k["person"], role=k["role"], scope=k.get("scope"), affiliation=k.get("affiliation"),
            recorded_in=k.get("recorded_in"), meeting_id=ids.meeting(board_of(k["case_id"]), k.get("meeting")),
            stage=k.get("stage"), ground=k.get("ground"), seq=seq, page=page, bbox=bbox, extractor=extractor,
        ))

    for seq, d in enumerate(record.get("conflict_declarations") or []):
        page, bbox, extractor = _prov(d)
        recorded_in = d.get("recorded_in")
        out["conflict_declarations"].append(dict(
            document_id=document_id, recorded_in_case_pk=ids.cases[recorded_in] if recorded_in else None,
            meeting_id=ids.meeting(board_of(recorded_in) if recorded_in else doc_board, d.get("meeting")),
            scope=d["scope"], stage=d.get("stage"), text=d["text"], seq=seq, page=page, bbox=bbox,
            extractor=extractor,
        ))

    for seq, a in enumerate(record.get("applications") or []):
        page, bbox, extractor = _prov(a)
        out["application_mentions"].append(dict(
            document_id=document_id, application_pk=ids.applications[a["application_id"]],
            case_pk=ids.cases[a["case_id"]] if a.get("case_id") else None, outcome=a["outcome"],
            stage=a["stage"], rank=a.get("rank"), title=a.get("title"), seq=seq, page=page, bbox=bbox,
            extractor=extractor,
        ))

    for seq, b in enumerate(record.get("budget_cuts") or []):
        page, bbox, extractor = _prov(b)
        out["budget_cuts"].append(dict(
            document_id=document_id, application_pk=ids.applications[b["application_id"]],
            case_pk=ids.cases[b["case_id"]] if b.get("case_id") else None, amount_nok=b["amount_nok"],
            stage=b["stage"], seq=seq, page=page, bbox=bbox, extractor=extractor,
        ))

    for seq, f in enumerate(record.get("findings") or []):
        page, bbox, extractor = _prov(f)
        out["findings"].append(dict(
            document_id=document_id, code=f["code"], message=f["message"], case_id=f.get("case_id"),
            application_id=f.get("application_id"), seq=seq, page=page, bbox=bbox, extractor=extractor,
        ))
    return out


# --- merged views --------------------------------------------------------------------------


def _latest(values: Iterable[Any]) -> Any:
    result = None
    for value in values:
        if value is not None:
            result = value
    return result


def refresh_case(session: Session, case_pk: int) -> None:
    """Recompute one case's merged view (see `refresh_cases`)."""
    refresh_cases(session, [case_pk])


def refresh_cases(session: Session, case_pks: Iterable[int]) -> None:
    """Recompute cases' merged views from their appearances in current documents.

    The proposal comes from the last current appearance with a `Forslag til vedtak`, the
    adopted decision from the last with a `Vedtak:`; other fields: the last non-null value.
    "Last" is in content-hash order of the current documents (then document order): an order
    that does not depend on which file was loaded first, so a store kept up to date run after
    run and a clean run of the same files agree. (A source's older contents are not current:
    they never compete with its newest.)
    One SELECT of all their appearances, one of the cases, one executemany UPDATE per set of
    changed columns (only changed columns are written, as the ORM did).
    """
    case_pks = sorted(set(case_pks))
    if not case_pks:
        return
    by_case = _current_appearances(session, CaseAppearance.__table__, "case_pk", case_pks)
    new: dict[int, dict[str, Any]] = {}
    for pk, rows in by_case.items():
        proposed = _latest(r if r.proposed_decision is not None else None for r in rows)
        adopted = _latest(r if r.decision is not None else None for r in rows)
        new[pk] = {
            "meeting_id": _latest(r.meeting_id for r in rows),
            "title": _latest(r.title for r in rows),
            "case_type": _latest(r.case_type for r in rows),
            "exempt": _latest(r.exempt for r in rows),
            "responsible_director": _latest(r.responsible_director for r in rows),
            "from_text": _latest(r.from_text for r in rows),
            "proposed_decision": proposed.proposed_decision if proposed else None,
            "proposed_document_id": proposed.document_id if proposed else None,
            "proposed_page": proposed.proposed_page if proposed else None,
            "proposed_bbox": proposed.proposed_bbox if proposed else None,
            "decision": adopted.decision if adopted else None,
            "decision_document_id": adopted.document_id if adopted else None,
            "decision_page": adopted.decision_page if adopted else None,
            "decision_bbox": adopted.decision_bbox if adopted else None,
            "decision_differs": (
                not same_text(proposed.proposed_decision, adopted.decision) if proposed and adopted else None
            ),
        }
    _update_changed(session, Case.__table__, new)


def refresh_meeting(session: Session, meeting_id: int) -> None:
    """Recompute one meeting's merged view (see `refresh_meetings`)."""
    refresh_meetings(session, [meeting_id])


def refresh_meetings(session: Session, meeting_ids: Iterable[int]) -> None:
    """Recompute meetings' merged views (board, date, time, place, chair) from current documents.

    Minutes win over a meeting book's notice; among equals the last current document in
    content-hash order wins (see `refresh_cases`), as for the chair. One SELECT each for appearances, chairs and meetings.
    """
    meeting_ids = sorted(set(meeting_ids))
    if not meeting_ids:
        return
    by_meeting = _current_appearances(session, MeetingAppearance.__table__, "meeting_id", meeting_ids)
    chairs: dict[int, int] = {}
    for chunk in _chunks(meeting_ids):
        for meeting_id, person_id in _conn(session).execute(_chairs_stmt(), {"ids": chunk}):
            chairs.setdefault(meeting_id, person_id)
    new: dict[int, dict[str, Any]] = {}
    for meeting_id, rows in by_meeting.items():
        rows = sorted(rows, key=lambda r: r.source_kind == "minutes")  # stable: minutes last
        new[meeting_id] = {
            "board": _latest(r.board for r in rows),
            "date": _latest(r.date for r in rows),
            "time": _latest(r.time for r in rows),
            "place": _latest(r.place for r in rows),
            "chair_id": chairs.get(meeting_id),
        }
    _update_changed(session, Meeting.__table__, new)


def _current_appearances(session: Session, table: Any, key: str, keys: list[int]) -> dict[int, list[Any]]:
    """The rows of an appearance table (`case_appearances`, `meeting_appearances`) from current
    documents, per `key` value, in content-hash order of the documents and document order within one
    (the columns of `_MERGED_FROM`)."""
    by_key: dict[int, list[Any]] = {k: [] for k in keys}
    stmt = _appearances_stmt(table.name, key)
    for chunk in _chunks(keys):
        for r in _conn(session).execute(stmt, {"keys": chunk}):
            by_key[getattr(r, key)].append(r)
    return by_key


def _update_changed(session: Session, table: Any, new: dict[int, dict[str, Any]]) -> None:
    """Write each row's changed columns: one executemany UPDATE per set of changed columns."""
    conn = _conn(session)
    old: dict[int, Any] = {}
    for chunk in _chunks(sorted(new)):
        old.update((r.id, r) for r in conn.execute(_rows_by_id_stmt(table.name), {"ids": chunk}))
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for pk in sorted(new):
        changed = {k: v for k, v in new[pk].items() if getattr(old[pk], k) != v}
        if changed:
            groups.setdefault(tuple(sorted(changed)), []).append({"b_id": pk, **{f"b_{k}": v for k, v in changed.items()}})
    for columns, rows in groups.items():
        conn.execute(_update_columns_stmt(table.name, columns), rows)


# --- quarantine ----------------------------------------------------------------------------

QUARANTINE_KINDS = ("unreadable", "limit", "crash", "database", "worker")
# Kinds that the same bytes would meet again: not extracted again until the file changes.
SKIPPED_KINDS = ("limit", "crash")


def quarantine(
    engine: Engine, source: str, reason: str, *, sha256: str | None = None, ingest_run_id: int | None = None,
    kind: str = "unreadable",
) -> None:
    """Record a file that could not be loaded, with the reason and its kind (once per run and
    source; see QuarantinedFile for the kinds)."""
    def work(session: Session) -> None:
        exists = session.scalar(
            select(QuarantinedFile.id).where(
                QuarantinedFile.source == source,
                QuarantinedFile.ingest_run_id.is_(None) if ingest_run_id is None else QuarantinedFile.ingest_run_id == ingest_run_id,
            )
        )
        if exists is None:
            session.add(QuarantinedFile(ingest_run_id=ingest_run_id, source=source, sha256=sha256, reason=reason,
                                        quarantined_at=utcnow(), kind=kind))

    in_transaction(engine, work)


def resolve_quarantined(engine: Engine, sources: Iterable[str], ingest_run_id: int | None) -> int:
    """Mark the open quarantine entries of these sources resolved by this run (they load now);
    how many were resolved."""
    sources = sorted(set(sources))
    if not sources:
        return 0

    def work(session: Session) -> int:
        done = 0
        for chunk in _chunks(sources):
            done += session.execute(
                update(QuarantinedFile)
                .where(QuarantinedFile.source.in_(chunk), QuarantinedFile.resolved_at.is_(None))
                .values(resolved_at=utcnow(), resolved_run_id=ingest_run_id)).rowcount
        return done

    return in_transaction(engine, work)


def over_limit(engine: Engine, hashes: Iterable[str]) -> dict[str, str]:
    """The contents that went over a per-document limit or crashed the reader before and are still
    quarantined for it (kinds SKIPPED_KINDS, unresolved), by sha256, with the reason: not
    extracted again until they change."""
    hashes = sorted(set(hashes))
    found: dict[str, str] = {}
    with engine.connect() as conn:
        for chunk in _chunks(hashes):
            for sha, source, why in conn.execute(
                select(QuarantinedFile.sha256, QuarantinedFile.source, QuarantinedFile.reason)
                .where(QuarantinedFile.sha256.in_(chunk), QuarantinedFile.kind.in_(SKIPPED_KINDS),
                       QuarantinedFile.resolved_at.is_(None))
                .order_by(QuarantinedFile.id)
            ):
                found[sha] = why.removeprefix(f"{source}: ")  # the reason without the file it was about
    return found


def _ocr_columns(pages: list[dict[str, Any]]) -> dict[str, Any]:
    """`documents.ocr_pages` / `ocr_confidence` from the record's `document.ocr_pages`: how many
    pages were read by OCR and their mean word confidence (null when none, or OCR could not run)."""
    read = [p["confidence"] for p in pages if p.get("confidence") is not None]
    return {"ocr_pages": len(pages) or None, "ocr_confidence": round(sum(read) / len(read), 3) if read else None}
