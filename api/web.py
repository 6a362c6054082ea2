"""The auditors' web page: search with filters, results, case view (proposal and adopted decision side by
side, difference highlighted), login for token holders. Server-rendered Jinja2; no JavaScript needed."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any
from urllib.parse import parse_qs, quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from vedtak.api import labels
from vedtak.api.read import cases as cases_read
from vedtak.api.read.common import application_href, canonical_case_id, person_href, ui
from vedtak.api.app import COOKIE, HERE, access_of, session_value
from vedtak.api.diff import side_by_side_html
from vedtak.api.routes import parse_date
from vedtak.models import Outcome, Stage
from vedtak.access import Access, token_matches
from vedtak.search.query import MAX_FILTER_LENGTH, Filters, SearchError, search

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters["ui_case"] = lambda case_id: "/ui/cases/" + quote(case_id, safe="/") if case_id else None
templates.env.filters["ui_person"] = lambda name: "/ui" + person_href(name) if name else None
templates.env.filters["ui_application"] = lambda app_id: "/ui" + application_href(app_id) if app_id else None
templates.env.filters["ui"] = ui
templates.env.filters["file_name"] = lambda source: PurePosixPath(source or "").name  # never a server path

FILTER_FIELDS = ("application", "person", "case", "board", "from", "to", "outcome", "stage")
labels.install(templates.env)


def render_page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """The template `name` with `context`, the caller's access (`public`/`full`) and the path (for the nav)."""
    try:
        access = access_of(request)
    except Exception:  # noqa: BLE001 - a bad Authorization header on a page: show it as public
        access = Access.PUBLIC
    context = {"access": access.value, "path": request.url.path, **context}
    return templates.TemplateResponse(request, name, context, status_code=status)


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    """An HTML error page (used by the app's error handlers for /ui and /)."""
    return render_page(request, "error.html", {"status": status, "message": message}, status)


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request) -> HTMLResponse:
    """The search box with filters, and the hits when a query or filter is given."""
    params = {k: (request.query_params.get(k) or "").strip()[:MAX_FILTER_LENGTH] for k in ("q", *FILTER_FIELDS)}
    offset = request.query_params.get("offset") or "0"
    offset_n = int(offset) if offset.isdigit() and len(offset) < 9 else 0
    from vedtak.api.read.boards import list_boards

    boards = await run_in_threadpool(list_boards, request.app.state.vedtak.read)
    context: dict[str, Any] = {"params": params, "boards": boards, "outcomes": [o.value for o in Outcome],
                               "stages": [s.value for s in Stage], "result": None, "error": None}
    if any(params.values()):
        st = request.app.state.vedtak
        try:
            access = access_of(request)
        except Exception:  # noqa: BLE001
            access = Access.PUBLIC
        try:
            filters = Filters(application=params["application"] or None, person=params["person"] or None,
                              case=params["case"] or None, board=params["board"] or None,
                              date_from=parse_date(params["from"], "fra"), date_to=parse_date(params["to"], "til"),
                              outcome=params["outcome"] or None, stage=params["stage"] or None)
            if params["q"]:
                await run_in_threadpool(st.refresh_index)
            context["result"] = await run_in_threadpool(
                lambda: search(st.read, params["q"] or None, filters, access=access, limit=20, offset=offset_n,
                               refresh_index=False))
        except SearchError as exc:
            context["error"] = str(exc)
        if context["result"] and context["result"].next_offset is not None:
            query = {k: v for k, v in params.items() if v} | {"offset": context["result"].next_offset}
            context["next_href"] = "/?" + "&".join(f"{k}={quote(str(v))}" for k, v in query.items())
    return render_page(request, "search.html", context, 400 if context["error"] else 200)


@router.get("/ui/cases/{case_id:path}", response_class=HTMLResponse)
async def case_page(request: Request, case_id: str):
    """One case: decisions side by side with the difference marked, conflicts, applications, sources."""
    canonical = canonical_case_id(case_id)
    if canonical:  # `PS-HELSE 05/25`, `ps-helse sak 5/25`: as documents print it
        return RedirectResponse(templates.env.filters["ui_case"](canonical), status_code=308)
    st = request.app.state.vedtak
    access = access_of(request)
    case = await run_in_threadpool(cases_read.get_case, st.read, case_id[:MAX_FILTER_LENGTH], access)
    left = right = None
    if case.get("diff"):
        left, right = side_by_side_html(case["diff"]["ops"])
    return render_page(request, "case.html", {"case": case, "left": left, "right": right})


def _safe_next(target: str | None) -> str:
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target[:500]


@router.get("/ui/login", response_class=HTMLResponse)
async def login_form(request: Request) -> HTMLResponse:
    """The token form."""
    return render_page(request, "login.html", {"next": _safe_next(request.query_params.get("next")), "failed": False})


@router.post("/ui/login", response_class=HTMLResponse)
async def login(request: Request):
    """Check the token (constant time); on success set the session cookie and go back."""
    body = (await request.body())[:10_000].decode("utf-8", "replace")
    form = {k: v[0] for k, v in parse_qs(body).items()}
    target = _safe_next(form.get("next"))
    token = request.app.state.vedtak.token
    if not token_matches(form.get("token", "").strip(), token):
        return render_page(request, "login.html", {"next": target, "failed": True}, 401)
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, session_value(token), httponly=True, samesite="strict", path="/")
    return response


@router.post("/ui/logout")
async def logout(request: Request):
    """Forget the session cookie."""
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
