"""SQLAlchemy 2 ORM models of the vedtak store (tables, keys, constraints; nothing else).

Every change here needs an Alembic migration in models/migrations/versions/ (a test checks
that the ORM metadata and `alembic upgrade head` agree on both SQLite and PostgreSQL).
"""

from __future__ import annotations

import re
import unicodedata
import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from vedtak.nlp.vocab import AttendanceRole, DocumentKind, Outcome, Role, Stage

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention, so migrations name every constraint."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


# --- closed vocabularies -------------------------------------------------------------------


# The closed vocabularies are defined once, in vedtak.nlp.vocab; the CHECK constraints below take them from there.
ConflictRole = Role


def _in(column: str, enum: type[StrEnum]) -> str:
    values = ", ".join(f"'{member.value}'" for member in enum)
    return f"{column} IN ({values})"


_SPACE = re.compile(r"\s+")


def normalise_name(name: str) -> str:
    """Key for one person across documents: NFC, casefold, whitespace collapsed.

    `"Ole A.  Andreassen"` and `"OLE A. ANDREASSEN"` -> `"ole a. andreassen"`.
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", name).casefold()).strip()


# --- documents -----------------------------------------------------------------------------


class Document(Base):
    """One file content (sha256 unique) as read by one extractor version.

    Content identity, apart from source identity: one content may be held by several sources
    (a copy), and `is_current` is True exactly while at least one source's open version
    (`DocumentVersion.valid_to` null) points at it. `source` is a source that holds it (the first
    while it still does; after a rename, where the file is now), or the last one that did.
    """

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text, index=True)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(20))
    pages: Mapped[int] = mapped_column(Integer)
    board: Mapped[str | None] = mapped_column(Text)
    board_code: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str | None] = mapped_column(String(2))
    extractor_name: Mapped[str | None] = mapped_column(String(80))
    extractor_version: Mapped[str] = mapped_column(String(40))
    nlp: Mapped[str | None] = mapped_column(String(80))
    # Pages without a usable text layer, read by OCR, and their mean word confidence (0..1); null: none.
    ocr_pages: Mapped[int | None] = mapped_column(Integer)
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ingest_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))

    versions: Mapped[list[DocumentVersion]] = relationship(back_populates="document")

    __table_args__ = (CheckConstraint(_in("kind", DocumentKind), name="kind"),)


class DocumentVersion(Base):
    """The n-th content seen for one source (path or URL); `valid_to` is null for the current one.

    `end_reason` says why a version ended: `replaced` (the source holds another content now) or
    `gone` (the file was deleted: the source and its history are kept, its content is no longer
    current through it).
    """

    __tablename__ = "document_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    valid_from: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    valid_to: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ingest_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))
    end_reason: Mapped[str | None] = mapped_column(String(20))

    document: Mapped[Document] = relationship(back_populates="versions")

    # (source, document_id) is not unique: a source may go back to an earlier content.
    __table_args__ = (UniqueConstraint("source", "version"),)


# --- merged entities -----------------------------------------------------------------------


class Person(Base):
    """One person, linked across documents by `name_key` (see normalise_name)."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))


class Meeting(Base):
    """One board meeting (`PS-HELSE`, `6/24`): the merged current view of its appearances."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    board_code: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(10))
    board: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    time: Mapped[str | None] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(Text)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))

    chair: Mapped[Person | None] = relationship()
    cases: Mapped[list[Case]] = relationship(back_populates="meeting")

    __table_args__ = (UniqueConstraint("board_code", "number"),)


class Case(Base):
    """One case (sak) by canonical id, `PS-HELSE 54/24`; proposal and adopted decision on one row.

    `proposed_*` come from the newest current document with a `Forslag til vedtak`, `decision*`
    from the newest current minutes with a `Vedtak:`; each with its own provenance.
    `decision_differs` is True/False once both are known (whitespace-insensitive comparison).
    """

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(40), unique=True)
    board_code: Mapped[str] = mapped_column(String(40), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    title: Mapped[str | None] = mapped_column(Text)
    case_type: Mapped[str | None] = mapped_column(String(20))
    exempt: Mapped[str | None] = mapped_column(String(40))
    responsible_director: Mapped[str | None] = mapped_column(Text)
    from_: Mapped[str | None] = mapped_column("from_text", Text)

    proposed_decision: Mapped[str | None] = mapped_column(Text)
    proposed_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    proposed_page: Mapped[int | None] = mapped_column(Integer)
    proposed_bbox: Mapped[list[Any] | None] = mapped_column(JSON)

    decision: Mapped[str | None] = mapped_column(Text)
    decision_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    decision_page: Mapped[int | None] = mapped_column(Integer)
    decision_bbox: Mapped[list[Any] | None] = mapped_column(JSON)

    decision_differs: Mapped[bool | None] = mapped_column(Boolean, index=True)

    meeting: Mapped[Meeting | None] = relationship(back_populates="cases")
    proposed_document: Mapped[Document | None] = relationship(foreign_keys=[proposed_document_id])
    decision_document: Mapped[Document | None] = relationship(foreign_keys=[decision_document_id])
    appearances: Mapped[list[CaseAppearance]] = relationship(back_populates="case")


class Application(Base):
    """One application (søknad / prosjektnummer), six digits: `355815`."""

    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[str] = mapped_column(String(6), unique=True)
    title: Mapped[str | None] = mapped_column(Text)

    mentions: Mapped[list[ApplicationMention]] = relationship(back_populates="application")


# --- facts read from one document ----------------------------------------------------------


class _Provenance:
    """Columns every fact carries: the document, its position in the record, page and bbox."""

    seq: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON)
    extractor: Mapped[str | None] = mapped_column(String(120))


class MeetingAppearance(_Provenance, Base):
    """A meeting as one document gives it (a meeting book's notice or the minutes)."""

    __tablename__ = "meeting_appearances"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"), index=True)
    source_kind: Mapped[str | None] = mapped_column(String(20))
    board: Mapped[str | None] = mapped_column(Text)
    board_code: Mapped[str | None] = mapped_column(String(40))
    number: Mapped[str | None] = mapped_column(String(10))
    date: Mapped[dt.date | None] = mapped_column(Date)
    time: Mapped[str | None] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship()
    meeting: Mapped[Meeting | None] = relationship()

    __table_args__ = (UniqueConstraint("document_id", "seq"),)


class CaseAppearance(_Provenance, Base):
    """A case as one document gives it: the history behind the merged `Case` row.

    `case_pk` is null for a case paper whose header box is missing (see its finding).
    """

    __tablename__ = "case_appearances"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    case_pk: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    meeting_number: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    case_type: Mapped[str | None] = mapped_column(String(20))
    exempt: Mapped[str | None] = mapped_column(String(40))
    responsible_director: Mapped[str | None] = mapped_column(Text)
    from_: Mapped[str | None] = mapped_column("from_text", Text)
    case_officers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    attachments: Mapped[list[Any]] = mapped_column(JSON, default=list)
    proposed_decision: Mapped[str | None] = mapped_column(Text)
    proposed_page: Mapped[int | None] = mapped_column(Integer)
    proposed_bbox: Mapped[list[Any] | None] = mapped_column(JSON)
    decision: Mapped[str | None] = mapped_column(Text)
    decision_page: Mapped[int | None] = mapped_column(Integer)
    decision_bbox: Mapped[list[Any] | None] = mapped_column(JSON)

    document: Mapped[Document] = relationship()
    case: Mapped[Case | None] = relationship(back_populates="appearances")
    references: Mapped[list[CaseReference]] = relationship(back_populates="appearance")

    __table_args__ = (UniqueConstraint("document_id", "seq"),)


class CaseReference(Base):
    """A mention of another case in a case's own texts (`jf. sak PS 44/24`)."""

    __tablename__ = "case_references"

    id: Mapped[int] = mapped_column(primary_key=True)
    appearance_id: Mapped[int] = mapped_column(ForeignKey("case_appearances.id"), index=True)
    referenced_case_id: Mapped[str] = mapped_column(String(40), index=True)

    appearance: Mapped[CaseAppearance] = relationship(back_populates="references")

    __table_args__ = (UniqueConstraint("appearance_id", "referenced_case_id"),)


class Attendance(Base):
    """Person × meeting with a role, as one document records it."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    name_as_written: Mapped[str] = mapped_column(String(200))
    case_ids: Mapped[list[Any] | None] = mapped_column(JSON)
    page: Mapped[int | None] = mapped_column(Integer)
    bbox: Mapped[list[Any] | None] = mapped_column(JSON)

    document: Mapped[Document] = relationship()
    meeting: Mapped[Meeting] = relationship()
    person: Mapped[Person] = relationship()

    __table_args__ = (
        UniqueConstraint("document_id", "meeting_id", "person_id", "role"),
        CheckConstraint(_in("role", AttendanceRole), name="role"),
    )


class Conflict(_Provenance, Base):
    """Habilitet: a person disqualified in (or acting chair / substitute for) a case."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    name_as_written: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    scope: Mapped[str | None] = mapped_column(Text)
    affiliation: Mapped[str | None] = mapped_column(Text)
    recorded_in: Mapped[str | None] = mapped_column(String(40))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    stage: Mapped[str | None] = mapped_column(String(10))
    ground: Mapped[str | None] = mapped_column(Text)  # `Medsøker`, as the papers write it

    document: Mapped[Document] = relationship()
    case: Mapped[Case] = relationship()
    person: Mapped[Person] = relationship()

    __table_args__ = (
        UniqueConstraint("document_id", "seq"),
        CheckConstraint(_in("role", ConflictRole), name="role"),
    )


class ConflictDeclaration(_Provenance, Base):
    """`Ingen medlemmer er inhabile for øvrige saker`: a declared absence of conflicts."""

    __tablename__ = "conflict_declarations"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    recorded_in_case_pk: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id"))
    scope: Mapped[str] = mapped_column(String(20))
    stage: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship()

    __table_args__ = (UniqueConstraint("document_id", "seq"),)


class ApplicationMention(_Provenance, Base):
    """One mention of an application in a decision text, with its outcome and stage."""

    __tablename__ = "application_mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    application_pk: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    case_pk: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(10))
    stage: Mapped[str] = mapped_column(String(10))
    rank: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)

    document: Mapped[Document] = relationship()
    application: Mapped[Application] = relationship(back_populates="mentions")
    case: Mapped[Case | None] = relationship()

    __table_args__ = (
        UniqueConstraint("document_id", "seq"),
        CheckConstraint(_in("outcome", Outcome), name="outcome"),
        CheckConstraint(_in("stage", Stage), name="stage"),
    )


class BudgetCut(_Provenance, Base):
    """`reduseres budsjettet for søknad 355421 med 1 million kroner` -> 1 000 000 NOK."""

    __tablename__ = "budget_cuts"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    application_pk: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    case_pk: Mapped[int | None] = mapped_column(ForeignKey("cases.id"))
    amount_nok: Mapped[int] = mapped_column(BigInteger)
    stage: Mapped[str] = mapped_column(String(10))

    document: Mapped[Document] = relationship()
    application: Mapped[Application] = relationship()

    __table_args__ = (UniqueConstraint("document_id", "seq"),)


class Finding(_Provenance, Base):
    """Something an auditor should see: `count_mismatch`, `conflicting_outcomes`, ..."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    code: Mapped[str] = mapped_column(String(60), index=True)
    message: Mapped[str] = mapped_column(Text)
    case_id: Mapped[str | None] = mapped_column(String(40))
    application_id: Mapped[str | None] = mapped_column(String(6))

    document: Mapped[Document] = relationship()

    __table_args__ = (UniqueConstraint("document_id", "seq"),)


# --- bookkeeping ---------------------------------------------------------------------------


class IngestRun(Base):
    """One `vedtak ingest` run with its counts (new / unchanged / updated / failed, records).

    `mode` is `batch` (the after-meeting run) or `backfill` (a run over an archive). `status`
    is `running`, `ok`, `failed` (some document failed) or `interrupted` (its process, `pid` on
    `host`, died before it could close the run: found by the next run on that host).
    """

    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(20), default="running")
    sources: Mapped[list[Any]] = mapped_column(JSON, default=list)
    mode: Mapped[str] = mapped_column(String(20), default="batch", server_default="batch")
    flow_run_id: Mapped[str | None] = mapped_column(String(64))
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
    documents_new: Mapped[int] = mapped_column(Integer, default=0)
    documents_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    documents_updated: Mapped[int] = mapped_column(Integer, default=0)
    documents_failed: Mapped[int] = mapped_column(Integer, default=0)
    documents_gone: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    documents_skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    records: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class QuarantinedFile(Base):
    """A file that could not be loaded, with the reason, per ingest run.

    `kind`: `unreadable` (not a PDF, damaged, an extractor error), `limit` (over the per-document
    time or memory limit) and `crash` (the PDF reader crashed on it): both not retried until the
    file changes; `database` (transient errors outlasted the retries), `worker` (its worker
    process was killed from outside). `resolved_at` / `resolved_run_id`
    are set by the run in which the source later loads.
    """

    __tablename__ = "quarantined_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    ingest_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"), index=True)
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    reason: Mapped[str] = mapped_column(Text)
    quarantined_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str | None] = mapped_column(String(20))
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    resolved_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id"))

    __table_args__ = (UniqueConstraint("ingest_run_id", "source"),)


Index("ix_attendance_meeting_role", Attendance.meeting_id, Attendance.role)
