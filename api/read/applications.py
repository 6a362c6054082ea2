"""Applications (søknader, six-digit ids like `355815`): the list, and one application with every decision
on it — stage, outcome, rank, case, meeting — once with all its sources, its budget cuts and the findings
about it (`conflicting_outcomes`: reserve rank 1 and rejected in the same case). Proposed mentions of
exempt case papers only for token holders (`vedtak.access`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from vedtak import access as acl
from vedtak.access import Access
from vedtak.api.read.common import (
    NotFound,
    application_href,
    case_href,
    clamp,
    current_facts,
    iso,
    one_fact_many_sources,
    paged,
    provenance,
)
from vedtak.api.read.decisions import DecisionFilters, list_decisions
from vedtak.api.read.findings import findings
from vedtak.models import Application, ApplicationMention, BudgetCut, Case, Document, Meeting


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
              "href": application_href(r.application_id)} for r in rows]
    return paged(items, limit, offset, total)


def get_application(engine: Engine, application_id: str, access: Access) -> dict[str, Any]:
    """One application: `mentions` (every current mention: case, outcome, stage, rank, meeting, document,
    page, box), `decisions` (one per stage, outcome and rank in a case, with `sources`, oldest meeting
    first), `budget_cuts` (once per case, amount and stage, with `sources`) and `findings`.

    An application the caller may see no mention of is not found, like one that does not exist."""
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
        cuts = conn.execute(current_facts(BudgetCut, acl.budget_cut_visible(access), Case.case_id)
                            .outerjoin(Case, Case.id == BudgetCut.case_pk)
                            .where(BudgetCut.application_pk == app.id)).all()
    budget_cuts = [{"case_id": r.case_id, "amount_nok": r[0].amount_nok, "stage": r[0].stage,
                    "source": provenance(r.sha256, r.source, r[0].page, r[0].bbox)} for r in cuts]
    return {
        "application_id": app.application_id,
        "title": title,
        "mentions": [
            {"case_id": r.case_id, "case_href": case_href(r.case_id) if r.case_id else None, "case_title": r.title,
             "exempt": r.exempt, "outcome": r[0].outcome, "stage": r[0].stage, "rank": r[0].rank,
             "meeting": r.number, "meeting_date": iso(r.date), "document_kind": r.kind,
             "source": provenance(r.sha256, r.source, r[0].page, r[0].bbox)}
            for r in rows
        ],
        "decisions": list_decisions(engine, access, DecisionFilters(application=app.application_id), sort="date",
                                    descending=False, everything=True)["items"],
        "budget_cuts": one_fact_many_sources(budget_cuts, lambda b: (b["case_id"], b["amount_nok"], b["stage"])),
        "findings": findings(engine, access, application=app.application_id),
    }
