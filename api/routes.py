"""JSON routes of the read API. Every list is paginated (`limit` 1..200, `offset`); nothing writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from vedtak.api.read import applications as applications_read
from vedtak.api.read import cases as cases_read
from vedtak.api.read import changes as changes_read
from vedtak.api.read import documents as documents_read
from vedtak.api.read import meetings as meetings_read
from vedtak.api.read import people as people_read
from vedtak.api.read.common import DEFAULT_LIMIT, MAX_LIMIT, NotFound, canonical_case_id, case_href
from vedtak.api.app import State, access_of
from vedtak.access import Access
from vedtak.api.pdfcopy import public_copy
from vedtak.search.query import MAX_FILTER_LENGTH, Filters, SearchError, search

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size (1–200).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=MAX_FILTER_LENGTH)]
DateFrom = Annotated[dt.date | None, Query(alias="from", description="Meeting date on or after (YYYY-MM-DD).")]
DateTo = Annotated[dt.date | None, Query(alias="to", description="Meeting date on or before (YYYY-MM-DD).")]
AccessDep = Annotated[Access, Depends(access_of)]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Bad parameter (JSON error)"},
    401: {"description": "Invalid bearer token (JSON error)"},
    404: {"description": "Not found (JSON error)"},
    422: {"description": "Invalid parameter (JSON error)"},
}


def parse_date(value: str | None, name: str) -> dt.date | None:
    """A page's date parameter (`YYYY-MM-DD`); SearchError naming it (`fra`, `til`) otherwise."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise SearchError(f"{name}: not a date (YYYY-MM-DD): {value[:40]!r}") from exc


def state(request: Request) -> State:
    """The app's shared state."""
    return request.app.state.vedtak


@router.get("/health", tags=["meta"])
def health(request: Request) -> dict[str, Any]:
    """Liveness and whether the caller has full access."""
    return {"status": "ok", "access": access_of(request).value}


@router.get("/cases", tags=["cases"], responses=ERRORS)
def cases(
    request: Request, access: AccessDep, board: Text = None, meeting: Text = None, date_from: DateFrom = None,
    date_to: DateTo = None, exempt: bool | None = None,
    differs: Annotated[bool, Query(description="Only cases whose adopted decision differs from the proposal.")] = False,
    limit: Limit = DEFAULT_LIMIT, offset: Offset = 0,
) -> dict[str, Any]:
    """Cases, newest meeting first: id, title, meeting, status, exemption."""
    return cases_read.list_cases(state(request).read, access, board=board, meeting=meeting, date_from=date_from,
                         date_to=date_to, exempt=exempt, differs_only=differs, limit=limit, offset=offset)


@router.get("/cases/{case_id:path}", tags=["cases"], responses=ERRORS)
def case(request: Request, case_id: str, access: AccessDep):
    """One case (`PS-HELSE 54/24`): proposal and adopted decision with document and page, their
    difference, conflicts, applications, budget cuts, findings. Exempt case papers need the token.
    An id as documents print it (`PS-HELSE 05/25`, `ps-helse sak 5/25`) redirects to the canonical one."""
    canonical = canonical_case_id(case_id)
    if canonical:
        return RedirectResponse(case_href(canonical), status_code=308)
    return cases_read.get_case(state(request).read, case_id[:MAX_FILTER_LENGTH], access)


@router.get("/applications", tags=["applications"], responses=ERRORS)
def applications(request: Request, access: AccessDep, limit: Limit = DEFAULT_LIMIT,
                 offset: Offset = 0) -> dict[str, Any]:
    """Applications (six-digit ids) with their number of mentions."""
    return applications_read.list_applications(state(request).read, access, limit=limit, offset=offset)


@router.get("/applications/{application_id}", tags=["applications"], responses=ERRORS)
def application(request: Request, application_id: str, access: AccessDep) -> dict[str, Any]:
    """One application with every mention: case, outcome, stage, rank, meeting and date, document and page;
    its decisions once each with every source, budget cuts and findings."""
    return applications_read.get_application(state(request).read, application_id[:MAX_FILTER_LENGTH], access)


@router.get("/people", tags=["people"], responses=ERRORS)
def people(request: Request, access: AccessDep, q: Text = None, limit: Limit = DEFAULT_LIMIT,
           offset: Offset = 0) -> dict[str, Any]:
    """People named in the papers; `q` matches part of the name (case-insensitive)."""
    return people_read.list_people(state(request).read, access, q=q, limit=limit, offset=offset)


@router.get("/people/{name}", tags=["people"], responses=ERRORS)
def person(request: Request, name: str, access: AccessDep) -> dict[str, Any]:
    """One person: conflicts (with the acting chair of the same stage) and attendance with role."""
    return people_read.get_person(state(request).read, name[:MAX_FILTER_LENGTH], access)


@router.get("/meetings", tags=["meetings"], responses=ERRORS)
def meetings(request: Request, access: AccessDep, board: Text = None, date_from: DateFrom = None,
             date_to: DateTo = None, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> dict[str, Any]:
    """Meetings, newest first."""
    return meetings_read.list_meetings(state(request).read, access, board=board, date_from=date_from, date_to=date_to, limit=limit,
                            offset=offset)


@router.get("/meetings/{board_code}/{number:path}", tags=["meetings"], responses=ERRORS)
def meeting(request: Request, board_code: str, number: str, access: AccessDep) -> dict[str, Any]:
    """One meeting (`PS-HELSE`, `6/24`): attendance by role, cases in number order, documents, findings."""
    return meetings_read.get_meeting(state(request).read, board_code[:MAX_FILTER_LENGTH], number[:MAX_FILTER_LENGTH],
                                     access)


@router.get("/search", tags=["search"], responses=ERRORS)
def search_route(
    request: Request, access: AccessDep,
    q: Annotated[str | None, Query(max_length=1000, description="Free text; inflections match (`avslått` finds `avslås`).")] = None,
    application: Text = None, person: Text = None, case: Text = None, board: Text = None,
    date_from: DateFrom = None, date_to: DateTo = None,
    outcome: Annotated[str | None, Query(description="granted | rejected | reserve", max_length=20)] = None,
    stage: Annotated[str | None, Query(description="proposed | adopted", max_length=20)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20, offset: Offset = 0,
) -> dict[str, Any]:
    """Search: ranked case hits with a highlighted snippet for `q`; else an application's mentions; else a
    person's conflicts and attendance; else the cases passing the filters. Every hit names case, meeting
    and date, document and page."""
    st = state(request)
    filters = Filters(application=application, person=person, case=case, board=board, date_from=date_from,
                      date_to=date_to, outcome=outcome, stage=stage)
    if q:
        st.refresh_index()
    return search(st.read, q, filters, access=access, limit=limit, offset=offset, refresh_index=False).as_dict()


@router.get("/changes", tags=["changes"], responses=ERRORS)
def changes(
    request: Request, access: AccessDep,
    since: Annotated[str | None, Query(max_length=200, description="`next_cursor` of the previous page, or an ISO date.")] = None,
    limit: Limit = DEFAULT_LIMIT,
) -> dict[str, Any]:
    """Change feed in load order: each loaded document, then every meeting, case, application and person it
    changed (including records of the version it superseded). Follow `next_cursor`."""
    return changes_read.changes(state(request).read, access, since, limit)


@router.get("/documents", tags=["documents"], responses=ERRORS)
def documents(request: Request, current: bool | None = True, limit: Limit = DEFAULT_LIMIT,
              offset: Offset = 0) -> dict[str, Any]:
    """Documents by load order; `current=false` lists superseded versions."""
    return documents_read.list_documents(state(request).read, current=current, limit=limit, offset=offset)


@router.get("/documents/{sha256}", tags=["documents"], responses=ERRORS)
def document(request: Request, sha256: str) -> dict[str, Any]:
    """One document and its source's version chain."""
    return documents_read.get_document(state(request).read, sha256[:64])


@router.get("/documents/{sha256}/pdf", tags=["documents"],
            responses={**ERRORS, 200: {"content": {"application/pdf": {}}, "description": "The source PDF"}})
async def document_pdf(request: Request, sha256: str, access: AccessDep):
    """The stored source PDF (append `#page=N`), when the file is still there with the same sha256.
    Without the token, the pages of exempt case papers (U.off. § 14) are blank in the copy served (same
    page count, so page links hold); with the token, the full file."""
    st = state(request)
    found = await run_in_threadpool(documents_read.document_source, st.read, sha256[:64])
    if found is None:
        raise NotFound(f"no document {sha256[:64]!r}")
    source, _pages = found
    blank = await run_in_threadpool(documents_read.redacted_pages, st.read, sha256[:64], access)
    if source.startswith(("http://", "https://")):
        if blank:  # a remote original cannot be blanked here: the public sees the document's record only
            raise NotFound(f"the source file of {sha256[:64]} is not available here (or has changed): {source}")
        return RedirectResponse(source, status_code=307)
    path = _resolve(st, source)
    if path is None or await run_in_threadpool(st.file_sha256, path) != sha256.lower():
        raise NotFound(f"the source file of {sha256[:64]} is not available here (or has changed): {Path(source).name}")
    served = await run_in_threadpool(public_copy, path, sha256.lower(), blank, st.pdf_cache)
    return FileResponse(served, media_type="application/pdf", headers={"Content-Disposition": f'inline; filename="{path.name}"'})


def _resolve(st: State, source: str) -> Path | None:
    candidate = Path(source)
    options = [candidate] if candidate.is_absolute() else [root / candidate for root in st.pdf_roots]
    return next((p for p in options if p.is_file()), None)
