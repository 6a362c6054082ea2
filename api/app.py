"""The FastAPI app: a read-only JSON API (OpenAPI at /openapi.json, docs at /docs) and the auditors'
web page (server-rendered Jinja2, no build step).

`create_app(db_url, token=None)`: the store at `db_url` must be migrated (`vedtak db upgrade`).
The token (argument, else `$VEDTAK_API_TOKEN`, `$VEDTAK_API_TOKEN_FILE`, `$VEDTAK_HOME/api_token`)
unlocks exempt case papers; it is sent as `Authorization: Bearer <token>` or through the login
form, which sets an HttpOnly cookie holding an HMAC of the token (never the token itself).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from vedtak.access import Access, configured_token, token_matches

HERE = Path(__file__).parent
COOKIE = "vedtak_session"
INDEX_CHECK_SECONDS = 2.0
log = logging.getLogger("vedtak.api")


def session_value(token: str) -> str:
    """The cookie value for a logged-in browser: HMAC-SHA256 of a fixed label under the token."""
    return hmac.new(token.encode("utf-8", "surrogatepass"), b"vedtak-web-session", hashlib.sha256).hexdigest()


class State:
    """What the routes share: the read engine, a writer for the search index only, the token."""

    def __init__(self, db_url: str | None, token: str | None, pdf_roots: list[Path], pdf_cache: Path | None = None):
        from vedtak.store.db import make_engine

        self.read = make_engine(db_url, write=False)
        self.index_writer = make_engine(db_url, write=True)
        self.token = token
        self.pdf_roots = pdf_roots
        # public copies of PDFs with exempt pages blanked (api/pdfcopy.py), by sha256
        self.pdf_cache = pdf_cache or Path(os.environ.get("VEDTAK_HOME") or "var") / "cache" / "public-pdf"
        self._checked = 0.0
        self._lock = threading.Lock()
        self._pdf_hashes: dict[tuple[str, float, int], str] = {}

    def refresh_index(self) -> None:
        """Bring the search index up to date, at most every INDEX_CHECK_SECONDS (never fails a request)."""
        from vedtak.search.index import refresh

        now = time.monotonic()
        if now - self._checked < INDEX_CHECK_SECONDS:
            return
        with self._lock:
            try:
                refresh(self.index_writer, reader=self.read)
                self._checked = time.monotonic()
            except Exception:  # noqa: BLE001 - a stale index is better than no search
                log.exception("search index refresh failed; searching the index as it is")

    def file_sha256(self, path: Path) -> str:
        """sha256 of a file, cached by (path, mtime, size)."""
        stat = path.stat()
        key = (str(path), stat.st_mtime, stat.st_size)
        if key not in self._pdf_hashes:
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            self._pdf_hashes[key] = digest.hexdigest()
        return self._pdf_hashes[key]

    def dispose(self) -> None:
        """Close the engines."""
        self.read.dispose()
        self.index_writer.dispose()


def access_of(request: Request) -> Access:
    """FULL for a valid bearer token or session cookie, PUBLIC otherwise; a wrong bearer token is a 401."""
    state: State = request.app.state.vedtak
    header = request.headers.get("authorization")
    if header:
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not token_matches(value.strip(), state.token):
            raise HTTPException(401, "invalid or unknown bearer token", headers={"WWW-Authenticate": "Bearer"})
        return Access.FULL
    cookie = request.cookies.get(COOKIE)
    if cookie and state.token and hmac.compare_digest(cookie.encode("utf-8", "surrogatepass"),
                                                      session_value(state.token).encode()):
        return Access.FULL
    return Access.PUBLIC


def _wants_html(request: Request) -> bool:
    return request.url.path == "/" or request.url.path.startswith("/ui")


def _error(request: Request, status: int, message: str, detail: Any = None, headers: dict | None = None):
    if _wants_html(request):
        from vedtak.api.web import render_error

        return render_error(request, status, message)
    body: dict[str, Any] = {"error": {"status": status, "message": message}}
    if detail is not None:
        body["error"]["detail"] = detail
    return JSONResponse(body, status_code=status, headers=headers)


def _install_error_handlers(app: FastAPI) -> None:
    from vedtak.api.read.common import BadCursor, NotFound
    from vedtak.search.query import SearchError

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError):
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        return _error(request, 422, "invalid request parameters", detail)

    @app.exception_handler(NotFound)
    async def _not_found(request: Request, exc: NotFound):
        return _error(request, 404, str(exc))

    @app.exception_handler(BadCursor)
    async def _cursor(request: Request, exc: BadCursor):
        return _error(request, 400, str(exc))

    @app.exception_handler(SearchError)
    async def _search(request: Request, exc: SearchError):
        return _error(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, "internal error")


def create_app(db_url: str | None = None, token: str | None = None, *, pdf_roots: list[str | Path] | None = None,
               pdf_cache: str | Path | None = None) -> FastAPI:
    """The vedtak read API and web page over the store at `db_url` (default: `$VEDTAK_DATABASE_URL`,
    else `$VEDTAK_HOME/vedtak.db`). `pdf_roots`: folders against which relative document sources are
    resolved (default: the working directory). `pdf_cache`: where public copies of PDFs with exempt pages
    blanked are kept (default `$VEDTAK_HOME/cache/public-pdf`)."""
    from fastapi.staticfiles import StaticFiles

    from vedtak.api import docs_offline, routes, routes_workbench, web, web_workbench

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.vedtak.dispose()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # served offline by vedtak.api.docs_offline
        redoc_url=None,
        title="vedtak",
        version="1",
        summary="Decisions, conflicts of interest and application outcomes of the Research Council's portfolio boards.",
        description=(
            "Read-only. Exempt case papers (`U.off. § 14`, offentleglova § 14) and every fact read from them are "
            "withheld from the public (an exempt-only record answers as one that does not exist; PDFs come with "
            "those pages blank): send `Authorization: Bearer <token>` to see them. Errors are JSON: "
            "`{\"error\": {\"status\", \"message\"}}`."
        ),
    )
    app.state.vedtak = State(db_url, configured_token(token), [Path(p) for p in (pdf_roots or [Path.cwd()])],
                             Path(pdf_cache) if pdf_cache else None)

    @app.middleware("http")
    async def _reject_nul(request: Request, call_next):
        # NUL cannot reach PostgreSQL in a string; refuse it at the door, in path, query and cookies.
        raw = request.scope.get("query_string", b"").lower()
        if "\x00" in request.url.path or b"%00" in raw or "\x00" in "".join(request.cookies.values()):
            return _error(request, 400, "NUL character in the request")
        return await call_next(request)

    _install_error_handlers(app)
    app.include_router(routes.router)
    app.include_router(routes_workbench.router)
    app.include_router(web.router)
    app.include_router(web_workbench.router)
    docs_offline.install(app)  # before /static: its own mount is more specific
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
