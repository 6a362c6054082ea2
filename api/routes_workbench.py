"""JSON routes of the auditors' workbench: decisions as a list (and as CSV), findings, boards.

English codes and ISO dates, like the rest of the API; the pages (`vedtak.api.web_workbench`) read the
same functions."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from vedtak.api.read import boards, decisions, findings
from vedtak.api.read.common import DEFAULT_LIMIT
from vedtak.api.routes import ERRORS, AccessDep, DateFrom, DateTo, Limit, Offset, Text, state

router = APIRouter()

Year = Annotated[int | None, Query(ge=1900, le=2100, description="Meeting year (narrows from/to).")]
OutcomeQ = Annotated[str | None, Query(max_length=20, description="granted | rejected | reserve")]
StageQ = Annotated[str | None, Query(max_length=20, description="proposed | adopted")]
Disqualified = Annotated[bool | None, Query(description="With `person`: true = cases where the person was inhabil, "
                                            "false = cases the person took part in without being inhabil.")]
Sort = Annotated[str, Query(max_length=20, description="date | application | case | outcome | board")]
Desc = Annotated[bool, Query(description="Descending (default for date: newest first).")]


def decision_filters(board, year, date_from, date_to, outcome, stage, person, disqualified, application, case):
    """The decision list's filters from query parameters (shared by the JSON, the CSV and the page)."""
    return decisions.DecisionFilters(board=board, year=year, date_from=date_from, date_to=date_to, outcome=outcome,
                                     stage=stage, person=person, disqualified=disqualified, application=application,
                                     case=case)


@router.get("/decisions", tags=["decisions"], responses=ERRORS)
def decision_list(
    request: Request, access: AccessDep, board: Text = None, year: Year = None, date_from: DateFrom = None,
    date_to: DateTo = None, outcome: OutcomeQ = None, stage: StageQ = None, person: Text = None,
    disqualified: Disqualified = None, application: Text = None, case: Text = None, sort: Sort = "date",
    desc: Desc = True, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Decisions on applications (one per application, case, stage, outcome and rank, with every source),
    filtered, sorted and paged, with `total` and `by_outcome`."""
    f = decision_filters(board, year, date_from, date_to, outcome, stage, person, disqualified, application, case)
    return decisions.list_decisions(state(request).read, access, f, sort=sort, descending=desc, limit=limit, offset=offset)


@router.get("/decisions.csv", tags=["decisions"], responses={**ERRORS, 200: {"content": {"text/csv": {}}}})
def decision_csv(
    request: Request, access: AccessDep, board: Text = None, year: Year = None, date_from: DateFrom = None,
    date_to: DateTo = None, outcome: OutcomeQ = None, stage: StageQ = None, person: Text = None,
    disqualified: Disqualified = None, application: Text = None, case: Text = None, sort: Sort = "date",
    desc: Desc = True,
) -> Response:
    """Every decision passing the filters (the `total` of `/decisions`), in the same order, as CSV."""
    f = decision_filters(board, year, date_from, date_to, outcome, stage, person, disqualified, application, case)
    result = decisions.list_decisions(state(request).read, access, f, sort=sort, descending=desc, everything=True)
    name = "vedtak-" + "-".join(str(v) for v in result["filters"].values() if v is not None)[:80] or "vedtak"
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in name.encode("ascii", "ignore").decode())
    return Response(decisions.decisions_csv(result), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{safe}.csv"'})


@router.get("/findings", tags=["findings"], responses=ERRORS)
def finding_list(
    request: Request, access: AccessDep, code: Text = None, board: Text = None, case: Text = None,
    application: Text = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Findings (`count_mismatch`, `conflicting_outcomes`, …), also those of no case, one per finding with
    every source."""
    return findings.list_findings(state(request).read, access, code=code, board=board, case=case,
                                  application=application, limit=limit, offset=offset)


@router.get("/boards", tags=["boards"], responses=ERRORS)
def board_list(request: Request, access: AccessDep) -> dict[str, Any]:
    """Boards with their number of meetings and cases."""
    items = boards.list_boards(state(request).read, access)
    return {"items": items, "total": len(items)}


@router.get("/boards/{board_code}", tags=["boards"], responses=ERRORS)
def board(request: Request, board_code: str, access: AccessDep) -> dict[str, Any]:
    """One board: meetings by year with adopted outcomes per year, conflicts of interest per meeting."""
    return boards.get_board(state(request).read, board_code, access)
