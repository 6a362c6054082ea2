"""The workbench's pages: people, meetings, boards, applications, decisions, findings and the cases whose
adopted decision differs from the proposal, each linking to the others. Bokmål labels and `02.12.2024`
dates (`vedtak.api.labels`); the data comes from the same read functions as the JSON API."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from vedtak.api.app import access_of
from vedtak.api.charts import stacked_bars
from vedtak.api.diff import side_by_side_html
from vedtak.api.labels import CONFLICT_ROLES, OUTCOMES, SORTS
from vedtak.api.read import applications, boards, cases, decisions, findings, meetings, people
from vedtak.api.read.common import DEFAULT_LIMIT, MAX_LIMIT
from vedtak.api.routes import parse_date
from vedtak.api.routes_workbench import decision_filters
from vedtak.api.web import render_page
from vedtak.models import Outcome, Stage
from vedtak.search.query import MAX_FILTER_LENGTH, SearchError

router = APIRouter(include_in_schema=False)

OUTCOME_COLOURS = {"granted": "#2f8f55", "rejected": "#b83a3a", "reserve": "#c98a1b"}
CONFLICT_COLOURS = {"inhabile": "#6b4fa3", "acting_chair": "#0b5cad", "substitute": "#7a8699"}
DECISION_PARAMS = ("board", "year", "from", "to", "outcome", "stage", "person", "disqualified", "application", "case",
                   "sort", "desc")


def _read(request: Request):
    return request.app.state.vedtak.read


@router.get("/ui/people", response_class=HTMLResponse)
async def people_page(request: Request) -> HTMLResponse:
    """People named in the papers (members, observers, staff), by name; `q` matches part of a name."""
    q = (request.query_params.get("q") or "").strip()[:MAX_FILTER_LENGTH]
    offset = request.query_params.get("offset") or "0"
    offset_n = int(offset) if offset.isdigit() and len(offset) < 9 else 0
    result = await run_in_threadpool(lambda: people.list_people(_read(request), access_of(request), q=q or None,
                                                            limit=MAX_LIMIT, offset=offset_n))
    next_href = "/ui/people?" + urlencode({"q": q, "offset": result["next_offset"]}) if result["next_offset"] else None
    return render_page(request, "people.html", {"result": result, "q": q, "next_href": next_href})


@router.get("/ui/people/{name}", response_class=HTMLResponse)
async def person_page(request: Request, name: str) -> HTMLResponse:
    """A person: conflicts with the acting chair of the same stage, attendance by meeting and role."""
    person = await run_in_threadpool(people.get_person, _read(request), name[:MAX_FILTER_LENGTH], access_of(request))
    return render_page(request, "person.html", {"person": person})


@router.get("/ui/meetings/{board_code}/{number:path}", response_class=HTMLResponse)
async def meeting_page(request: Request, board_code: str, number: str) -> HTMLResponse:
    """A meeting: attendance by role, cases in number order, documents, findings."""
    meeting = await run_in_threadpool(meetings.get_meeting, _read(request), board_code[:MAX_FILTER_LENGTH],
                                      number[:MAX_FILTER_LENGTH], access_of(request))
    return render_page(request, "meeting.html", {"meeting": meeting})


@router.get("/ui/boards", response_class=HTMLResponse)
async def boards_page(request: Request) -> HTMLResponse:
    """Every board with its number of meetings and cases."""
    return render_page(request, "boards.html", {"boards": await run_in_threadpool(boards.list_boards, _read(request),
                                                                            access_of(request))})


@router.get("/ui/boards/{board_code}", response_class=HTMLResponse)
async def board_page(request: Request, board_code: str) -> HTMLResponse:
    """A board: meetings by year, a chart of adopted outcomes per year and one of conflicts per meeting."""
    board = await run_in_threadpool(boards.get_board, _read(request), board_code, access_of(request))
    outcome_chart = stacked_bars(
        [(str(y["year"]), y["outcomes"]) for y in reversed(board["years"]) if y["year"]],
        [(o.value, OUTCOMES[o], OUTCOME_COLOURS[o.value]) for o in Outcome],
        chart_id="chart-outcomes", title=f"Vedtatte utfall per år, {board['board_code']}")
    conflict_chart = stacked_bars(
        [(m["meeting"], m) for m in board["conflicts_per_meeting"]],
        [(role, name, CONFLICT_COLOURS[role]) for role, name in CONFLICT_ROLES.items()],
        chart_id="chart-conflicts", title=f"Habilitet per møte, {board['board_code']}")
    return render_page(request, "board.html", {"board": board, "outcome_chart": outcome_chart, "conflict_chart": conflict_chart})


@router.get("/ui/applications/{application_id}", response_class=HTMLResponse)
async def application_page(request: Request, application_id: str) -> HTMLResponse:
    """An application: every decision on it with stage, outcome, rank, sources; budget cuts; findings."""
    app = await run_in_threadpool(applications.get_application, _read(request), application_id[:MAX_FILTER_LENGTH],
                                  access_of(request))
    return render_page(request, "application.html", {"app": app})


def _decision_params(request: Request) -> dict[str, str]:
    return {k: (request.query_params.get(k) or "").strip()[:MAX_FILTER_LENGTH] for k in DECISION_PARAMS}


def _flag(value: str) -> bool | None:
    return {"ja": True, "true": True, "1": True, "nei": False, "false": False, "0": False}.get(value.lower())


@router.get("/ui/decisions", response_class=HTMLResponse)
async def decisions_page(request: Request) -> HTMLResponse:
    """Decisions on applications: filters, total and count per outcome, sorting, paging, CSV download."""
    params = _decision_params(request)
    offset = request.query_params.get("offset") or "0"
    offset_n = int(offset) if offset.isdigit() and len(offset) < 9 else 0
    context: dict[str, Any] = {"params": params, "outcomes": list(Outcome), "stages": list(Stage), "sorts": SORTS,
                               "result": None, "error": None,
                               "boards": await run_in_threadpool(boards.list_boards, _read(request), access_of(request))}
    try:
        year = params["year"]
        if year and not (year.isdigit() and len(year) == 4):
            raise SearchError(f"år: ikke et årstall: {year[:20]!r}")
        f = decision_filters(params["board"] or None, int(year) if year else None, parse_date(params["from"], "fra"),
                             parse_date(params["to"], "til"), params["outcome"] or None, params["stage"] or None,
                             params["person"] or None, _flag(params["disqualified"]), params["application"] or None,
                             params["case"] or None)
        result = await run_in_threadpool(
            lambda: decisions.list_decisions(_read(request), access_of(request), f, sort=params["sort"] or "date",
                                             descending=params["desc"] != "nei", limit=DEFAULT_LIMIT, offset=offset_n))
        context["result"] = result
    except SearchError as exc:
        context["error"] = str(exc)
    used = {k: v for k, v in params.items() if v}
    context["csv_href"] = "/decisions.csv?" + urlencode(_api_params(used))
    context["api_href"] = "/decisions?" + urlencode(_api_params(used))
    if context["result"] and context["result"]["next_offset"] is not None:
        context["next_href"] = "/ui/decisions?" + urlencode(used | {"offset": context["result"]["next_offset"]})
    context["sort_href"] = {s: "/ui/decisions?" + urlencode(used | {"sort": s, "desc": "nei" if params["sort"] == s and
                                                                       params["desc"] != "nei" else "ja"}) for s in SORTS}
    return render_page(request, "decisions.html", context, 400 if context["error"] else 200)


def _api_params(used: dict[str, str]) -> dict[str, str]:
    """The page's parameters as the JSON/CSV routes name them (`desc=nei` -> `desc=false`)."""
    out = dict(used)
    if "desc" in out:
        out["desc"] = "false" if out["desc"] == "nei" else "true"
    if "disqualified" in out:
        flag = _flag(out["disqualified"])
        out.pop("disqualified")
        if flag is not None:
            out["disqualified"] = "true" if flag else "false"
    return out


@router.get("/ui/findings", response_class=HTMLResponse)
async def findings_page(request: Request) -> HTMLResponse:
    """Every finding, also those of no case, with filters by code and board."""
    code = (request.query_params.get("code") or "").strip()[:MAX_FILTER_LENGTH] or None
    board = (request.query_params.get("board") or "").strip()[:MAX_FILTER_LENGTH] or None
    items = await run_in_threadpool(findings.findings, _read(request), access_of(request), code=code, board=board)
    return render_page(request, "findings.html", {"findings": items, "code": code or "", "board": board or ""})


@router.get("/ui/differences", response_class=HTMLResponse)
async def differences_page(request: Request) -> HTMLResponse:
    """Cases whose adopted decision differs from the proposal, each with the difference marked."""
    board = (request.query_params.get("board") or "").strip()[:MAX_FILTER_LENGTH] or None
    access = access_of(request)

    def load() -> list[dict[str, Any]]:
        listed = cases.list_cases(_read(request), access, board=board, differs_only=True, limit=MAX_LIMIT)["items"]
        out = []
        for summary in listed:
            case = cases.get_case(_read(request), summary["case_id"], access)
            if case.get("diff"):
                case["left"], case["right"] = side_by_side_html(case["diff"]["ops"])
                out.append(case)
        return out

    return render_page(request, "differences.html", {"cases": await run_in_threadpool(load), "board": board or ""})
