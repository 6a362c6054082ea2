"""Read-only queries over the store: counts per record type, proposal/decision differences, history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vedtak.access import Access, case_paper_visible
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
    """Counts of every record type: documents and versions (all), merged rows that current facts
    point at (a case or meeting only a replaced file named is history), current facts, superseded
    facts (history), and the files still quarantined (entries not resolved by a later load).

    Ingest runs are left out on purpose: re-ingesting unchanged files must leave stats identical.
    """
    with Session(engine) as session:
        counts: dict[str, Any] = {name: session.scalar(select(func.count()).select_from(m)) for name, m in ENTITIES.items()}
        counts.update({name: len(ids) for name, ids in current_entities(session.connection()).items()})
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
        counts["quarantined_files"] = session.scalar(select(func.count(func.distinct(QuarantinedFile.source)))
                                                     .where(QuarantinedFile.resolved_at.is_(None)))
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


def differing_cases(engine: Engine, access: Access, *, board_code: str | None = None) -> list[DecisionDifference]:
    """Cases whose adopted decision (minutes) differs from the proposal (case papers), by case id; the
    proposal of an exempt case paper only for `Access.FULL` (`vedtak.access.case_paper_visible`)."""
    from sqlalchemy.orm import aliased

    proposed_doc, decision_doc = aliased(Document), aliased(Document)
    query = (
        select(Case, proposed_doc.source, decision_doc.source)
        .join(proposed_doc, proposed_doc.id == Case.proposed_document_id)
        .join(decision_doc, decision_doc.id == Case.decision_document_id)
        .where(Case.decision_differs.is_(True), case_paper_visible(access))
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


# --- the current store, canonically ------------------------------------------------------------

# Natural keys of the tables whose surrogate ids other rows point at.
_NATURAL = {
    "documents": ("sha256",),
    "cases": ("case_id",),
    "meetings": ("board_code", "number"),
    "people": ("name_key",),
    "applications": ("application_id",),
    "case_appearances": ("document_id", "seq"),
}
# Columns that record *when* or *which run*, or the first spelling seen (a person's `name`, an
# application's `title`): they differ between two correct stores of the same files.
_VOLATILE = {"id", "fetched_at", "superseded_at", "ingest_run_id", "source", "valid_from", "valid_to", "name", "title"}


def current_entities(conn) -> dict[str, set[int]]:
    """Ids of the merged rows (cases, meetings, people, applications) that some current fact
    points at. A case or meeting only a replaced or deleted file named is history, not current."""
    from vedtak.models import Base

    current_docs = select(Document.id).where(Document.is_current.is_(True))
    found: dict[str, set[int]] = {name: set() for name in ("cases", "meetings", "people", "applications")}
    for table in Base.metadata.sorted_tables:
        if "document_id" not in table.c or table.name == "document_versions":
            continue
        for fk in table.foreign_keys:
            target = fk.column.table.name
            if target in found:
                column = fk.parent
                found[target] |= set(conn.scalars(select(column).where(
                    table.c.document_id.in_(current_docs), column.is_not(None)).distinct()))
    return found


def current_view(engine: Engine) -> dict[str, list[str]]:
    """The current store as sorted text rows, with every surrogate id replaced by the natural key
    it stands for and bookkeeping left out: which source holds which content, the current
    documents, their facts, and the merged rows current facts point at. Two stores of the same
    files give equal views however they got there (a clean run, or run after run over overwrites,
    renames, copies and deletions); history (replaced versions) is not in it."""
    import json

    from vedtak.models import Base

    tables = {t.name: t for t in Base.metadata.sorted_tables}
    view: dict[str, list[str]] = {}
    with engine.connect() as conn:
        view["sources"] = sorted(f"{source} -> {sha}" for source, sha in conn.execute(
            select(DocumentVersion.source, Document.sha256).join(Document, Document.id == DocumentVersion.document_id)
            .where(DocumentVersion.valid_to.is_(None))))
        keys: dict[str, dict[int, Any]] = {}
        for name in ("documents", "cases", "meetings", "people", "applications"):
            columns = [tables[name].c[c] for c in _NATURAL[name]]
            keys[name] = {row[0]: row[1:] if len(row) > 2 else row[1]
                          for row in conn.execute(select(tables[name].c.id, *columns))}
        keys["case_appearances"] = {i: (keys["documents"][d], s) for i, d, s in conn.execute(
            select(CaseAppearance.id, CaseAppearance.document_id, CaseAppearance.seq))}

        def text(table, row) -> str:
            parts = []
            for column in table.columns:
                if column.name in _VOLATILE:
                    continue
                value = row[column.name]
                fk = next(iter(column.foreign_keys), None)
                if fk is not None and value is not None:
                    value = keys[fk.column.table.name][value]
                parts.append(f"{column.name}={json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)}")
            return "(" + ", ".join(parts) + ")"

        current = set(conn.scalars(select(Document.id).where(Document.is_current.is_(True))))
        view["documents"] = sorted(text(tables["documents"], r) for r in conn.execute(
            select(tables["documents"]).where(tables["documents"].c.id.in_(current))).mappings())
        for name, table in tables.items():
            if "document_id" in table.c and name not in ("document_versions",):
                view[name] = sorted(text(table, r) for r in conn.execute(
                    select(table).where(table.c.document_id.in_(current))).mappings())
        view["case_references"] = sorted(text(tables["case_references"], r) for r in conn.execute(
            select(tables["case_references"]).join(CaseAppearance, CaseAppearance.id == CaseReference.appearance_id)
            .where(CaseAppearance.document_id.in_(current))).mappings())
        for name, ids in current_entities(conn).items():
            view[name] = sorted(text(tables[name], r) for r in conn.execute(
                select(tables[name]).where(tables[name].c.id.in_(sorted(ids)))).mappings())
    return view


def first_version():
    """Join condition of `documents` to one row of `document_versions`: the version by which the
    content first entered the store. A content has a version row per
    source that held it and per return of a source to it (a copy, a rename, a revert): joining
    them all lists one document several times."""
    from sqlalchemy import and_
    from sqlalchemy.orm import aliased

    first = aliased(DocumentVersion)
    return and_(DocumentVersion.document_id == Document.id,
                DocumentVersion.id == select(func.min(first.id)).where(first.document_id == Document.id)
                .correlate(Document).scalar_subquery())


def has_current_facts(model):
    """SQL condition on a merged table (`Case`, `Meeting`, `Person`, `Application`): some fact of a
    current document points at the row (see `current_entities`). A case or meeting only a replaced
    or deleted file named is history: lists filter it out with this.

    Written as `id IN (ids pointed at by current facts, one SELECT per fact table, UNION)`: one
    uncorrelated sub-query the database computes once per statement (PostgreSQL planned the same
    rule as OR-ed correlated EXISTS per row, which made the board list seconds slow)."""
    from sqlalchemy import union

    from vedtak.models import Base

    current_docs = select(Document.id).where(Document.is_current.is_(True))
    target = model.__table__.name
    pointed = []
    for table in Base.metadata.sorted_tables:
        if "document_id" not in table.c or table.name == "document_versions":
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == target:
                pointed.append(select(fk.parent).where(fk.parent.is_not(None), table.c.document_id.in_(current_docs)))
    return model.id.in_(union(*pointed)) if len(pointed) > 1 else model.id.in_(pointed[0])
