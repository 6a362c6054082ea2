"""The relational store of vedtak: SQLAlchemy 2 ORM models only (no I/O, no loading logic).

Layout (see models/store.py for every table):

- `Document` (one row per file content, sha256 unique) and `DocumentVersion` (the chain of
  contents seen for one source: a changed file adds a version and supersedes the previous
  document; the old document's records stay as history, `Document.is_current` is False).
- Merged entities, one row per natural key, holding the *current* merged view:
  `Meeting` (board_code, number), `Case` (canonical case id), `Person` (normalised name),
  `Application` (six-digit id).
- Facts, each tied to the document it was read from (`document_id`) with provenance
  (page, bbox, extractor): `MeetingAppearance`, `CaseAppearance`, `CaseReference`,
  `Attendance`, `Conflict`, `ConflictDeclaration`, `ApplicationMention`, `BudgetCut`, `Finding`.
  Current facts are those whose document `is_current`; superseded ones are history.
- Bookkeeping: `IngestRun`, `QuarantinedFile`.

A case's proposal (from the meeting book) and adopted decision (from the minutes) land on the
same `Case` row (`proposed_decision` / `decision`, each with its own document, page and bbox);
`Case.decision_differs` says whether they differ (None until both are known).
"""

from vedtak.models.store import (
    NAMING_CONVENTION,
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
    ConflictRole,
    Document,
    DocumentKind,
    DocumentVersion,
    Finding,
    IngestRun,
    Meeting,
    MeetingAppearance,
    Outcome,
    Person,
    QuarantinedFile,
    Stage,
    normalise_name,
)

__all__ = [
    "NAMING_CONVENTION",
    "Application",
    "ApplicationMention",
    "Attendance",
    "AttendanceRole",
    "Base",
    "BudgetCut",
    "Case",
    "CaseAppearance",
    "CaseReference",
    "Conflict",
    "ConflictDeclaration",
    "ConflictRole",
    "Document",
    "DocumentKind",
    "DocumentVersion",
    "Finding",
    "IngestRun",
    "Meeting",
    "MeetingAppearance",
    "Outcome",
    "Person",
    "QuarantinedFile",
    "Stage",
    "normalise_name",
]
