"""Cases (saker): the list, and one case with its proposal (`Forslag til vedtak`) and adopted decision
(`Vedtak:`), each with document and page, the difference between them, its conflicts of interest,
applications, decisions, budget cuts, findings, references and appearances.

A case exempt from public access (`[U.off. § 14]`) shows its id, title, status and the adopted decision of
published minutes to everyone; what was read from its case paper is withheld (`redact_case`), by the
predicates of `vedtak.access` composed into each query. The approved minutes of one meeting are often
carried by several meeting books: `decisions` and `grouped` give each fact once with every source.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, aliased

from vedtak import access as acl
from vedtak.access import Access
from vedtak.api.diff import differs, unified, word_diff
from vedtak.api.read.common import (
    NotFound,
    case_href,
    case_number_key,
    clamp,
    current_facts,
    iso,
    one_fact_many_sources,
    paged,
    pdf_href,
    provenance,
)
from vedtak.api.read.decisions import DecisionFilters, list_decisions
from vedtak.api.read.findings import finding_rows, merge_findings
from vedtak.models import (
    Application,
    ApplicationMention,
    BudgetCut,
    Case,
    CaseAppearance,
    CaseReference,
    Conflict,
    ConflictDeclaration,
    Document,
    DocumentVersion,
    Meeting,
    Person,
)
from vedtak.store.queries import first_version, has_current_facts

CASE_PAPER_FIELDS = ("proposed_decision", "attachments", "case_officers", "responsible_director", "from")
DecisionDoc, ProposedDoc = aliased(Document), aliased(Document)


def case_status(decision: str | None, proposed: str | None, case_type: str | None) -> str:
    """`decided` (an adopted `Vedtak:` is known), `proposed` (only `Forslag til vedtak`), `information`
    (ORIENTERINGSSAK without either), else `registered`."""
    if decision:
        return "decided"
    if proposed:
        return "proposed"
    return "information" if case_type == "information" else "registered"


def case_summary(case: Case, number: str | None, date: dt.date | None) -> dict[str, Any]:
    """What every list shows of a case: id and link, title, board, meeting and date, type, exemption,
    status (never texts)."""
    return {
        "case_id": case.case_id, "href": case_href(case.case_id), "title": case.title, "board_code": case.board_code,
        "meeting": number, "meeting_date": iso(date), "case_type": case.case_type, "exempt": case.exempt,
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
    return paged([case_summary(r[0], r.number, r.date) for r in rows], limit, offset, total)


def get_case(engine: Engine, case_id: str, access: Access) -> dict[str, Any]:
    """One case (`PS-HELSE 54/24`) with its decisions (proposal and adopted, each with document and page), the
    difference between them, conflicts, applications (every mention), budget cuts, findings, references and
    appearances; `decisions` (one row per application, stage, outcome and rank, with `sources`), and
    `grouped`: its conflicts, findings and budget cuts once per fact with `sources`. NotFound for a case the
    caller may not see, as for one that does not exist."""
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
        result = case_summary(case, row.number, row.date)
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
        references = set(conn.scalars(
            select(CaseReference.referenced_case_id)
            .join(CaseAppearance, CaseAppearance.id == CaseReference.appearance_id)
            .join(Document, Document.id == CaseAppearance.document_id)
            .where(CaseAppearance.case_pk == case.id, Document.is_current.is_(True), acl.reference_visible(access))
        ))
        result.update({
            "responsible_director": case.responsible_director,
            "from": case.from_,
            "case_officers": officers,
            "attachments": list(attachments),
            "proposed_decision": case.proposed_decision,
            "proposed_source": provenance(row.p_sha, row.p_src, case.proposed_page, case.proposed_bbox),
            "decision": case.decision,
            "decision_source": provenance(row.d_sha, row.d_src, case.decision_page, case.decision_bbox),
            "decision_differs": case.decision_differs,
            "diff": None,
            "references": sorted(references, key=case_number_key),
            "appearances": [
                {"sha256": a.sha256, "source": a.source, "kind": a.kind, "current": a.is_current, "version": a.version,
                 "page": a[0].page, "pdf": pdf_href(a.sha256, a[0].page) if a.visible else None}
                for a in appearances
            ],
        })
        if case.proposed_decision is not None and case.decision is not None:
            ops = word_diff(case.proposed_decision, case.decision)
            result["diff"] = {"differs": differs(ops), "ops": ops, "unified": unified(case.proposed_decision, case.decision)}
        result["conflicts"] = _conflicts(conn, case.id, access)
        result["conflict_declarations"] = _declarations(conn, case.id, access)
        result["applications"] = _mentions(conn, case.id, access)
        result["budget_cuts"] = _budget_cuts(conn, case.id, access)
        findings = finding_rows(conn, access, case_id=case.case_id)
    result["findings"] = findings
    redact_case(result, bool(row.paper_visible))
    decisions = list_decisions(engine, access, DecisionFilters(case=case.case_id), sort="application",
                               descending=False, everything=True)["items"]
    result["decisions"] = sorted(decisions, key=lambda d: (d["stage"] != "proposed", d["application_id"], d["outcome"]))
    result["grouped"] = {
        "conflicts": one_fact_many_sources(result["conflicts"], lambda c: (c["person"], c["role"], c["scope"],
                                                                            c["stage"], c["recorded_in"])),
        "findings": merge_findings(findings),
        "budget_cuts": one_fact_many_sources(result["budget_cuts"], lambda b: (b["application_id"], b["amount_nok"],
                                                                               b["stage"])),
    }
    return result


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


def _conflicts(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(current_facts(Conflict, acl.conflict_visible(access), Person.name)
                        .join(Person, Person.id == Conflict.person_id).where(Conflict.case_pk == case_pk)).all()
    return [
        {"person": r.name, "name_as_written": r[0].name_as_written, "role": r[0].role, "scope": r[0].scope,
         "ground": r[0].ground, "affiliation": r[0].affiliation, "stage": r[0].stage, "recorded_in": r[0].recorded_in,
         "source": provenance(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in rows
    ]


def _declarations(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(current_facts(ConflictDeclaration, acl.declaration_visible(access))
                        .where(ConflictDeclaration.recorded_in_case_pk == case_pk)).all()
    return [
        {"scope": r[0].scope, "stage": r[0].stage, "text": r[0].text, "source": provenance(r.sha256, r.source, r[0].page)}
        for r in rows
    ]


def _mentions(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(current_facts(ApplicationMention, acl.mention_visible(access), Application.application_id,
                                      acl.application_title(access).label("app_title"))
                        .join(Application, Application.id == ApplicationMention.application_pk)
                        .where(ApplicationMention.case_pk == case_pk)).all()
    return [
        {"application_id": r.application_id, "title": r[0].title or r.app_title, "outcome": r[0].outcome,
         "stage": r[0].stage, "rank": r[0].rank, "source": provenance(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in rows
    ]


def _budget_cuts(conn, case_pk: int, access: Access) -> list[dict[str, Any]]:
    rows = conn.execute(current_facts(BudgetCut, acl.budget_cut_visible(access), Application.application_id)
                        .join(Application, Application.id == BudgetCut.application_pk)
                        .where(BudgetCut.case_pk == case_pk)).all()
    return [
        {"application_id": r.application_id, "amount_nok": r[0].amount_nok, "stage": r[0].stage,
         "source": provenance(r.sha256, r.source, r[0].page, r[0].bbox)}
        for r in rows
    ]
