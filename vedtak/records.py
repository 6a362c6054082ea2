"""Typed records the extractors produce, and their JSON form (vedtak/schema/record-v1.json).

Records are frozen dataclasses carrying their provenance; `to_json` maps them explicitly to
the contract's field names, so a renamed attribute can never silently rename a JSON field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vedtak.document import BBox, Line, union_bbox

SCHEMA_VERSION = "1"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: page (from 1), box on that page, and the rule that read it."""

    page: int | None
    bbox: BBox | None
    extractor: str

    @classmethod
    def of(cls, lines: list[Line] | tuple[Line, ...], extractor: str) -> "Provenance":
        """Provenance of the first page of `lines` (the box around them there)."""
        if not lines:
            return cls(None, None, extractor)
        return cls(lines[0].page, union_bbox(list(lines)), extractor)

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {"page": self.page, "bbox": list(self.bbox) if self.bbox else None, "extractor": self.extractor}


@dataclass(frozen=True, slots=True)
class Substitute:
    """A substitute member (settemedlem) and the cases they sat in for."""

    person: str
    case_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Meeting:
    """A board meeting as a meeting book announces it or minutes record it."""

    board: str | None
    board_code: str | None
    number: str | None
    date: str | None
    time: str | None
    place: str | None
    present: tuple[str, ...]
    chair: str | None
    absent: tuple[str, ...]
    observers: tuple[str, ...]
    staff: tuple[str, ...]
    substitutes: tuple[Substitute, ...]
    source_kind: str
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "board": self.board, "board_code": self.board_code, "number": self.number, "date": self.date,
            "time": self.time, "place": self.place, "present": list(self.present), "chair": self.chair,
            "absent": list(self.absent), "observers": list(self.observers), "staff": list(self.staff),
            "substitutes": [{"person": s.person, "case_ids": list(s.case_ids)} for s in self.substitutes],
            "source_kind": self.source_kind, "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Case:
    """A case with its own section in the document (case paper or minutes block)."""

    case_id: str | None
    meeting: str | None
    title: str | None
    case_type: str | None
    proposed_decision: str | None
    decision: str | None
    exempt: str | None
    references: tuple[str, ...]
    responsible_director: str | None
    case_officers: tuple[str, ...]
    from_: str | None
    attachments: tuple[str, ...]
    provenance: Provenance
    proposed_provenance: Provenance | None = None
    decision_provenance: Provenance | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "case_id": self.case_id, "meeting": self.meeting, "title": self.title, "case_type": self.case_type,
            "proposed_decision": self.proposed_decision, "decision": self.decision, "exempt": self.exempt,
            "references": list(self.references), "responsible_director": self.responsible_director,
            "case_officers": list(self.case_officers), "from": self.from_, "attachments": list(self.attachments),
            "proposed_provenance": self.proposed_provenance.to_json() if self.proposed_provenance else None,
            "decision_provenance": self.decision_provenance.to_json() if self.decision_provenance else None,
            "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """A member's conflict of interest (habilitet) in one case; `ground` is why, where the papers say it
    (`Medsøker`, `Prosjektleder`, `Arbeidsgiver`)."""

    case_id: str
    person: str
    role: str
    scope: str | None
    affiliation: str | None
    recorded_in: str | None
    meeting: str | None
    stage: str
    provenance: Provenance
    ground: str | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "case_id": self.case_id, "person": self.person, "role": self.role, "scope": self.scope,
            "affiliation": self.affiliation, "recorded_in": self.recorded_in, "meeting": self.meeting,
            "stage": self.stage, "ground": self.ground, "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class ConflictDeclaration:
    """An explicit statement that no member is disqualified."""

    recorded_in: str | None
    meeting: str | None
    scope: str
    stage: str
    text: str
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "recorded_in": self.recorded_in, "meeting": self.meeting, "scope": self.scope, "stage": self.stage,
            "text": self.text, "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class ApplicationMention:
    """One mention of an application in a decision, with its outcome."""

    application_id: str
    case_id: str | None
    outcome: str
    stage: str
    rank: int | None
    title: str | None
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "application_id": self.application_id, "case_id": self.case_id, "outcome": self.outcome,
            "stage": self.stage, "rank": self.rank, "title": self.title, "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class BudgetCut:
    """A cut in an application's budget, in whole NOK."""

    application_id: str
    case_id: str | None
    amount_nok: int
    stage: str
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "application_id": self.application_id, "case_id": self.case_id, "amount_nok": self.amount_nok,
            "stage": self.stage, "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the papers contradict themselves on, or a structural gap worth an auditor's look."""

    code: str
    message: str
    case_id: str | None
    application_id: str | None
    provenance: Provenance

    def to_json(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "code": self.code, "message": self.message, "case_id": self.case_id,
            "application_id": self.application_id, "provenance": self.provenance.to_json(),
        }


@dataclass(frozen=True, slots=True)
class OcrPage:
    """A page whose text came from OCR (no usable text layer), with Tesseract's mean word
    confidence (0..1); None when OCR could not run there (a finding says why)."""

    page: int
    confidence: float | None


PROVENANCE_KEYS = ("provenance", "proposed_provenance", "decision_provenance")


def _mark_ocr(records: list[dict[str, Any]], confidence: dict[int, float | None]) -> list[dict[str, Any]]:
    """Every provenance on a page read by OCR carries that page's `ocr_confidence`."""
    for record in records:
        for key in PROVENANCE_KEYS:
            prov = record.get(key)
            if prov and prov.get("page") in confidence:
                prov["ocr_confidence"] = confidence[prov["page"]]
    return records


@dataclass(frozen=True)
class DocumentRecord:
    """Everything read from one PDF."""

    sha256: str
    source: str
    kind: str
    pages: int
    board: str | None
    board_code: str | None
    language: str | None
    nlp: str
    pdf_backend: str
    extractor_version: str
    meetings: tuple[Meeting, ...] = ()
    cases: tuple[Case, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    declarations: tuple[ConflictDeclaration, ...] = ()
    applications: tuple[ApplicationMention, ...] = ()
    budget_cuts: tuple[BudgetCut, ...] = ()
    findings: tuple[Finding, ...] = field(default=())
    ocr_pages: tuple[OcrPage, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The version 1 record of the shared contract (plus additions). Only a document with
        pages read by OCR has `document.ocr_pages`, and `ocr_confidence` in the provenance of the
        records on those pages."""
        record = self._json()
        if self.ocr_pages:
            record["document"]["ocr_pages"] = [{"page": p.page, "confidence": p.confidence} for p in self.ocr_pages]
            confidence = {p.page: p.confidence for p in self.ocr_pages}
            for key, value in record.items():
                if isinstance(value, list):
                    _mark_ocr(value, confidence)
        return record

    def _json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "extractor": {"name": "vedtak", "version": self.extractor_version, "nlp": self.nlp, "pdf_backend": self.pdf_backend},
            "document": {
                "sha256": self.sha256, "source": self.source, "kind": self.kind, "pages": self.pages,
                "board": self.board, "board_code": self.board_code, "language": self.language,
            },
            "meetings": [m.to_json() for m in self.meetings],
            "cases": [c.to_json() for c in self.cases],
            "conflicts": [c.to_json() for c in self.conflicts],
            "conflict_declarations": [d.to_json() for d in self.declarations],
            "applications": [a.to_json() for a in self.applications],
            "budget_cuts": [b.to_json() for b in self.budget_cuts],
            "findings": [f.to_json() for f in self.findings],
        }
