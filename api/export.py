"""`vedtak export`: one file per record type (CSV, JSON Lines or Parquet) with stable columns.

Columns are documented in docs/exports.md; `COLUMNS` is the single source of truth (a test checks
that the document and this table agree). Only facts of current documents are exported. By default
the export is the public view, by the same rule as the API (`vedtak.access`, composed into each
query): fields of exempt case papers are empty (`redacted` is true) and facts read from them, and
applications and people known only from them, are left out. `--include-exempt` needs the API token
(`vedtak.access.requested_access`; TokenRequired otherwise) and `manifest.json` says `"access": "full"`.

`--since` (an ISO date/datetime, or a change-feed cursor) limits the export to what the documents
loaded since then changed: their facts, and the meetings and cases they (or the versions they
superseded) touch. `manifest.json` gives row counts, columns and the cursor to pass next time.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased

from vedtak import access as acl
from vedtak.access import Access, requested_access
from vedtak.api.read.cases import case_status
from vedtak.api.read.changes import END_OF_DOCUMENT, encode_cursor, parse_since
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
    Finding,
    Meeting,
    MeetingAppearance,
    Person,
)

FORMATS = ("csv", "json", "parquet")

# name -> [(column, type)] ; types: string, int, bool, date, datetime
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "documents": [("sha256", "string"), ("source", "string"), ("version", "int"), ("kind", "string"),
                  ("pages", "int"), ("board", "string"), ("board_code", "string"), ("language", "string"),
                  ("fetched_at", "datetime"), ("is_current", "bool"), ("superseded_at", "datetime"),
                  ("extractor_name", "string"), ("extractor_version", "string")],
    "meetings": [("board_code", "string"), ("number", "string"), ("board", "string"), ("date", "date"),
                 ("time", "string"), ("place", "string"), ("chair", "string")],
    "cases": [("case_id", "string"), ("board_code", "string"), ("meeting", "string"), ("meeting_date", "date"),
              ("title", "string"), ("case_type", "string"), ("exempt", "string"), ("status", "string"),
              ("proposed_decision", "string"), ("proposed_document_sha256", "string"), ("proposed_page", "int"),
              ("decision", "string"), ("decision_document_sha256", "string"), ("decision_page", "int"),
              ("decision_differs", "bool"), ("redacted", "bool")],
    "attendance": [("board_code", "string"), ("meeting", "string"), ("meeting_date", "date"), ("person", "string"),
                   ("name_as_written", "string"), ("role", "string"), ("case_ids", "string"),
                   ("document_sha256", "string"), ("page", "int")],
    "conflicts": [("case_id", "string"), ("person", "string"), ("name_as_written", "string"), ("role", "string"),
                  ("scope", "string"), ("stage", "string"), ("affiliation", "string"), ("recorded_in", "string"),
                  ("meeting", "string"), ("meeting_date", "date"), ("document_sha256", "string"), ("page", "int")],
    "applications": [("application_id", "string"), ("application_title", "string"), ("case_id", "string"),
                     ("outcome", "string"), ("stage", "string"), ("rank", "int"), ("meeting", "string"),
                     ("meeting_date", "date"), ("document_sha256", "string"), ("page", "int")],
    "budget_cuts": [("application_id", "string"), ("case_id", "string"), ("amount_nok", "int"), ("stage", "string"),
                    ("document_sha256", "string"), ("page", "int")],
    "findings": [("code", "string"), ("message", "string"), ("case_id", "string"), ("application_id", "string"),
                 ("document_sha256", "string"), ("page", "int")],
}


def _scope(session: Session, since: str | None) -> tuple[set[int] | None, str]:
    """(document ids loaded since `since`, or None for everything; the cursor after the last document)."""
    last = session.scalar(select(func.max(Document.id))) or 0
    cursor = encode_cursor(last, END_OF_DOCUMENT)
    if not since:
        return None, cursor
    doc_id, index = parse_since(session.connection(), since)  # same connection: no second transaction
    first = doc_id + 1 if index >= END_OF_DOCUMENT else doc_id  # a cursor inside a document: export it whole
    new = set(session.scalars(select(Document.id).where(Document.id >= first)))
    return new, cursor


def _touched(session: Session, docs: set[int], model, key) -> set[int] | None:
    """Ids of merged entities that appear in `docs` or in other versions of the same sources."""
    if not docs:
        return set()
    sources = select(Document.source).where(Document.id.in_(sorted(docs)))
    related = select(Document.id).where(Document.source.in_(sources))
    return set(session.scalars(select(key).where(model.document_id.in_(related), key.is_not(None))))


def _rows(session: Session, name: str, docs: set[int] | None, access: Access) -> Iterator[dict[str, Any]]:
    current = Document.is_current.is_(True)
    in_scope = (lambda col: col.in_(sorted(docs))) if docs is not None else (lambda col: col.is_not(None))
    if name == "documents":
        q = select(Document, DocumentVersion.version).outerjoin(DocumentVersion, DocumentVersion.document_id == Document.id)
        for d, version in session.execute(q.where(in_scope(Document.id)).order_by(Document.id)):
            yield {"sha256": d.sha256, "source": d.source, "version": version, "kind": d.kind, "pages": d.pages,
                   "board": d.board, "board_code": d.board_code, "language": d.language, "fetched_at": d.fetched_at,
                   "is_current": d.is_current, "superseded_at": d.superseded_at, "extractor_name": d.extractor_name,
                   "extractor_version": d.extractor_version}
    elif name == "meetings":
        chair = aliased(Person)
        q = select(Meeting, chair.name).outerjoin(chair, chair.id == Meeting.chair_id).where(acl.meeting_visible(access))
        if docs is not None:
            q = q.where(Meeting.id.in_(sorted(_touched(session, docs, MeetingAppearance, MeetingAppearance.meeting_id))))
        for m, chair_name in session.execute(q.order_by(Meeting.board_code, Meeting.date, Meeting.number)):
            yield {"board_code": m.board_code, "number": m.number, "board": m.board, "date": m.date, "time": m.time,
                   "place": m.place, "chair": chair_name}
    elif name == "cases":
        pdoc, ddoc = aliased(Document), aliased(Document)
        q = (select(Case, Meeting.number, Meeting.date, pdoc.sha256, ddoc.sha256,
                    acl.case_paper_visible(access).label("paper_visible"))
             .outerjoin(Meeting, Meeting.id == Case.meeting_id)
             .outerjoin(pdoc, pdoc.id == Case.proposed_document_id)
             .outerjoin(ddoc, ddoc.id == Case.decision_document_id)
             .where(acl.case_visible(access)))
        if docs is not None:
            q = q.where(Case.id.in_(sorted(_touched(session, docs, CaseAppearance, CaseAppearance.case_pk))))
        for c, number, date, p_sha, d_sha, paper_visible in session.execute(q.order_by(Case.board_code, Case.case_id)):
            hide = not paper_visible
            yield {"case_id": c.case_id, "board_code": c.board_code, "meeting": number, "meeting_date": date,
                   "title": c.title, "case_type": c.case_type, "exempt": c.exempt,
                   "status": case_status(c.decision, c.proposed_decision, c.case_type),
                   "proposed_decision": None if hide else c.proposed_decision,
                   "proposed_document_sha256": None if hide else p_sha,
                   "proposed_page": None if hide else c.proposed_page, "decision": c.decision,
                   "decision_document_sha256": d_sha, "decision_page": c.decision_page,
                   "decision_differs": None if hide else c.decision_differs,
                   "redacted": hide and c.proposed_decision is not None}
    elif name == "attendance":
        q = (select(Attendance, Meeting.board_code, Meeting.number, Meeting.date, Person.name, Document.sha256)
             .join(Meeting, Meeting.id == Attendance.meeting_id).join(Person, Person.id == Attendance.person_id)
             .join(Document, Document.id == Attendance.document_id)
             .where(current, in_scope(Attendance.document_id)).order_by(Document.id, Attendance.id))
        for a, board, number, date, person, sha in session.execute(q):
            yield {"board_code": board, "meeting": number, "meeting_date": date, "person": person,
                   "name_as_written": a.name_as_written, "role": a.role,
                   "case_ids": ";".join(a.case_ids) if a.case_ids else None, "document_sha256": sha, "page": a.page}
    elif name == "conflicts":
        own = aliased(Case)
        q = (select(Conflict, own.case_id, Person.name, Meeting.number, Meeting.date, Document.sha256)
             .join(own, own.id == Conflict.case_pk)
             .join(Person, Person.id == Conflict.person_id).join(Document, Document.id == Conflict.document_id)
             .outerjoin(Meeting, Meeting.id == own.meeting_id)
             .where(current, in_scope(Conflict.document_id), acl.conflict_visible(access))
             .order_by(Document.id, Conflict.seq))
        for k, case_id, person, number, date, sha in session.execute(q):
            yield {"case_id": case_id, "person": person, "name_as_written": k.name_as_written, "role": k.role,
                   "scope": k.scope, "stage": k.stage, "affiliation": k.affiliation, "recorded_in": k.recorded_in,
                   "meeting": number, "meeting_date": date, "document_sha256": sha, "page": k.page}
    elif name == "applications":
        q = (select(ApplicationMention, Application.application_id, acl.application_title(access), Case.case_id,
                    Meeting.number, Meeting.date, Document.sha256)
             .join(Application, Application.id == ApplicationMention.application_pk)
             .outerjoin(Case, Case.id == ApplicationMention.case_pk).outerjoin(Meeting, Meeting.id == Case.meeting_id)
             .join(Document, Document.id == ApplicationMention.document_id)
             .where(current, in_scope(ApplicationMention.document_id), acl.mention_visible(access))
             .order_by(Document.id, ApplicationMention.seq))
        for m, app_id, app_title, case_id, number, date, sha in session.execute(q):
            yield {"application_id": app_id, "application_title": m.title or app_title, "case_id": case_id,
                   "outcome": m.outcome, "stage": m.stage, "rank": m.rank, "meeting": number, "meeting_date": date,
                   "document_sha256": sha, "page": m.page}
    elif name == "budget_cuts":
        q = (select(BudgetCut, Application.application_id, Case.case_id, Document.sha256)
             .join(Application, Application.id == BudgetCut.application_pk)
             .outerjoin(Case, Case.id == BudgetCut.case_pk).join(Document, Document.id == BudgetCut.document_id)
             .where(current, in_scope(BudgetCut.document_id), acl.budget_cut_visible(access))
             .order_by(Document.id, BudgetCut.seq))
        for b, app_id, case_id, sha in session.execute(q):
            yield {"application_id": app_id, "case_id": case_id, "amount_nok": b.amount_nok, "stage": b.stage,
                   "document_sha256": sha, "page": b.page}
    elif name == "findings":
        q = (select(Finding, Document.sha256)
             .join(Document, Document.id == Finding.document_id)
             .where(current, in_scope(Finding.document_id), acl.finding_visible(access))
             .order_by(Document.id, Finding.seq))
        for f, sha in session.execute(q):
            yield {"code": f.code, "message": f.message, "case_id": f.case_id, "application_id": f.application_id,
                   "document_sha256": sha, "page": f.page}


def _text(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else ("true" if row[c] is True else "false" if row[c] is False else _text(row[c]))
                             for c in columns])


def _write_jsonl(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps({c: _text(row[c]) for c in columns}, ensure_ascii=False) + "\n")


def _write_parquet(path: Path, spec: list[tuple[str, str]], rows: list[dict]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int": pa.int64(), "bool": pa.bool_(), "date": pa.date32(),
             "datetime": pa.timestamp("us", tz="UTC")}
    schema = pa.schema([(name, types[kind]) for name, kind in spec])
    table = pa.Table.from_pylist([{name: row[name] for name, _ in spec} for row in rows], schema=schema)
    pq.write_table(table, path)


def export(engine: Engine, out: Path, fmt: str, *, since: str | None = None, include_exempt: bool = False,
           token: str | None = None, expected_token: str | None = None) -> dict[str, Any]:
    """Write one file per record type to `out` (created) plus manifest.json; returns the manifest.

    `include_exempt` needs `token` to match the API token (`expected_token`, default the configured one:
    `$VEDTAK_API_TOKEN`, `$VEDTAK_API_TOKEN_FILE`, `$VEDTAK_HOME/api_token`), else TokenRequired
    (`vedtak.access.requested_access`); nothing is written then.
    """
    if fmt not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    access = requested_access(include_exempt, token, expected_token)
    out.mkdir(parents=True, exist_ok=True)
    ext = {"csv": "csv", "json": "jsonl", "parquet": "parquet"}[fmt]
    files: dict[str, Any] = {}
    with Session(engine) as session:
        docs, cursor = _scope(session, since)
        for name, spec in COLUMNS.items():
            columns = [c for c, _ in spec]
            rows = list(_rows(session, name, docs, access))
            path = out / f"{name}.{ext}"
            if fmt == "csv":
                _write_csv(path, columns, rows)
            elif fmt == "json":
                _write_jsonl(path, columns, rows)
            else:
                _write_parquet(path, spec, rows)
            files[name] = {"file": path.name, "rows": len(rows), "columns": [{"name": c, "type": t} for c, t in spec]}
    manifest = {
        "format": fmt, "generated_at": dt.datetime.now(dt.UTC).isoformat(), "since": since,
        "next_since": cursor, "exempt_texts_included": include_exempt, "access": access.value,
        "access_rule": f"exempt case papers ({acl.LEGAL_BASIS}) and facts read only from them are "
                       + ("included: token holder export" if include_exempt else "left out: public view"),
        "files": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return manifest
