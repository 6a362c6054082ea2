"""Read-only queries over the store: counts per record type, proposal/decision differences, history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

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
    QuarantinedFile,
)

ENTITIES = {
    "documents": Document,
    "document_versions": DocumentVersion,
    "meetings": Meeting,
    "cases": Case,
    "people": Person,
    "applications": Application,
}
FACTS = {
    "meeting_appearances": MeetingAppearance,
    "case_appearances": CaseAppearance,
    "attendance": Attendance,
    "conflicts": Conflict,
    "conflict_declarations": ConflictDeclaration,
    "application_mentions": ApplicationMention,
    "budget_cuts": BudgetCut,
    "findings": Finding,
}


def stats(engine: Engine) -> dict[str, Any]:
    """Counts of every record type: entities, current facts, superseded facts (history).

    Ingest runs are left out on purpose: re-ingesting unchanged files must leave stats identical.
    """
    with Session(engine) as session:
        counts: dict[str, Any] = {name: session.scalar(select(func.count()).select_from(m)) for name, m in ENTITIES.items()}
        counts["current_documents"] = session.scalar(select(func.count()).where(Document.is_current.is_(True)))
        history: dict[str, int] = {}
        for name, model in FACTS.items():
            base = select(func.count()).select_from(model).join(Document, Document.id == model.document_id)
            counts[name] = session.scalar(base.where(Document.is_current.is_(True)))
            history[name] = session.scalar(base.where(Document.is_current.is_(False)))
        counts["case_references"] = session.scalar(
            select(func.count())
            .select_from(CaseReference)
            .join(CaseAppearance, CaseAppearance.id == CaseReference.appearance_id)
            .join(Document, Document.id == CaseAppearance.document_id)
            .where(Document.is_current.is_(True))
        )
        counts["cases_with_proposal_and_decision"] = session.scalar(
            select(func.count()).where(Case.decision_differs.is_not(None))
        )
        counts["cases_decision_differs"] = session.scalar(select(func.count()).where(Case.decision_differs.is_(True)))
        counts["quarantined_files"] = session.scalar(select(func.count(func.distinct(QuarantinedFile.source))))
        counts["history"] = history
    return counts


@dataclass(frozen=True)
class DecisionDifference:
    """A case whose adopted decision differs from its proposal, with both provenances."""

    case_id: str
    title: str | None
    proposed_decision: str
    proposed_source: str
    proposed_page: int | None
    decision: str
    decision_source: str
    decision_page: int | None


def differing_cases(engine: Engine, *, board_code: str | None = None) -> list[DecisionDifference]:
    """Cases whose adopted decision (minutes) differs from the proposal (case papers), by case id."""
    from sqlalchemy.orm import aliased

    proposed_doc, decision_doc = aliased(Document), aliased(Document)
    query = (
        select(Case, proposed_doc.source, decision_doc.source)
        .join(proposed_doc, proposed_doc.id == Case.proposed_document_id)
        .join(decision_doc, decision_doc.id == Case.decision_document_id)
        .where(Case.decision_differs.is_(True))
        .order_by(Case.board_code, Case.case_id)
    )
    if board_code:
        query = query.where(Case.board_code == board_code)
    with Session(engine) as session:
        return [
            DecisionDifference(
                case.case_id, case.title, case.proposed_decision, p_src, case.proposed_page, case.decision, d_src,
                case.decision_page,
            )
            for case, p_src, d_src in session.execute(query).all()
        ]


def case_history(engine: Engine, case_id: str) -> list[dict[str, Any]]:
    """Every appearance of a case in every document version, current and superseded, oldest first."""
    query = (
        select(CaseAppearance, Document, DocumentVersion)
        .join(Case, Case.id == CaseAppearance.case_pk)
        .join(Document, Document.id == CaseAppearance.document_id)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .where(Case.case_id == case_id)
        .order_by(Document.id)
    )
    with Session(engine) as session:
        return [
            {
                "source": version.source,
                "version": version.version,
                "sha256": doc.sha256,
                "current": doc.is_current,
                "valid_from": version.valid_from.isoformat() if version.valid_from else None,
                "valid_to": version.valid_to.isoformat() if version.valid_to else None,
                "title": app.title,
                "proposed_decision": app.proposed_decision,
                "decision": app.decision,
                "page": app.page,
            }
            for app, doc, version in session.execute(query).all()
        ]


def acting_chairs(conn, case_pks, visible=None, *, by_stage: bool = False) -> dict:
    """Names of the acting chairs (`settestyreleder`) appointed per case, from current documents;
    `visible`: an extra condition on `Conflict` (the caller's `vedtak.access.conflict_visible`).

    Keyed by case pk, or with `by_stage` by (case pk, stage): the minutes (`adopted`) may name another
    acting chair than the proposal (`proposed`) did, and a disqualification is answered by the acting
    chair of its own stage.
    """
    from vedtak.models import ConflictRole

    pks = sorted(set(case_pks))
    if not pks:
        return {}
    query = (
        select(Conflict.case_pk, Conflict.stage, Person.name)
        .join(Person, Person.id == Conflict.person_id)
        .join(Document, Document.id == Conflict.document_id)
        .where(Conflict.case_pk.in_(pks), Conflict.role == ConflictRole.ACTING_CHAIR.value,
               Document.is_current.is_(True), *([] if visible is None else [visible]))
        .distinct()
        .order_by(Conflict.case_pk, Conflict.stage, Person.name)
    )
    out: dict = {}
    for case_pk, stage, name in conn.execute(query).all():
        names = out.setdefault((case_pk, stage) if by_stage else case_pk, [])
        if name not in names:
            names.append(name)
    return {key: sorted(names) for key, names in out.items()}
