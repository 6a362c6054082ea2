"""Crawl every GET route of the app (from its OpenAPI document, path parameters filled from the store) and
every link of the web page, as one caller; the bodies come back as plain text for the access tests.

Used by tests/api/test_access_crawl.py and bench/access_leaks.py. A route whose path parameter this
crawler does not know fails the crawl (a new route must be taught here, so it cannot escape the test).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

from sqlalchemy import select

from access_oracle import Secrets, squash

MADE_UP = {"case_id": "PS-HAV 98/99", "application_id": "999998", "name": "Ingrid Oppdiktet Navnesen",
           "board_code": "PS-OPPDIKTET", "number": "9/99", "sha256": "0" * 64}
_LINK = re.compile(r'(?:href|src)="(/[^"#]*)')
_TAG = re.compile(r"<[^>]+>")


@dataclass
class Page:
    """One response: the URL asked, status, content type and its text (JSON strings, HTML text, PDF text)."""

    url: str
    status: int
    kind: str
    text: str
    raw: Any = None


@dataclass
class StoreValues:
    """Every value a path parameter can take, read from the store without any access rule."""

    case_ids: list[str] = field(default_factory=list)
    application_ids: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    meetings: list[tuple[str, str]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


def store_values(engine) -> StoreValues:
    """All case ids, application ids, people, meetings and document hashes in the store."""
    from vedtak.models import Application, Case, Document, Meeting, Person

    with engine.connect() as conn:
        return StoreValues(
            case_ids=list(conn.scalars(select(Case.case_id).order_by(Case.case_id))),
            application_ids=list(conn.scalars(select(Application.application_id).order_by(Application.application_id))),
            people=list(conn.scalars(select(Person.name).order_by(Person.name))),
            meetings=[tuple(r) for r in conn.execute(select(Meeting.board_code, Meeting.number).order_by(Meeting.id))],
            documents=list(conn.scalars(select(Document.sha256).order_by(Document.id))),
        )


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield str(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif value is not None:
        yield str(value)


def pdf_text(data: bytes) -> list[str]:
    """Text of each page of a PDF (pypdfium2)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def fetch(client, url: str, headers: dict[str, str]) -> Page:
    """GET `url` and reduce the body to text."""
    response = client.get(url, headers=headers, follow_redirects=False)
    kind = response.headers.get("content-type", "").split(";")[0]
    raw: Any = None
    if kind == "application/json":
        raw = response.json()
        text = "\n".join(_strings(raw))
    elif kind == "application/pdf":
        raw = pdf_text(response.content)
        text = "\n".join(raw)
    else:
        text = html.unescape(_TAG.sub(" ", response.text))
        raw = response.text
    return Page(url, response.status_code, kind, squash(text), raw)


def _path_urls(template: str, values: StoreValues, secrets: Secrets) -> list[str]:
    names = re.findall(r"{(\w+)(?::path)?}", template)
    if not names:
        return [template]
    if names == ["case_id"]:
        options = [{"case_id": v} for v in [*values.case_ids, *sorted(secrets.references), MADE_UP["case_id"]]]
    elif names == ["application_id"]:
        options = [{"application_id": v} for v in [*values.application_ids, MADE_UP["application_id"]]]
    elif names == ["name"]:
        options = [{"name": v} for v in [*values.people, MADE_UP["name"]]]
    elif names == ["board_code", "number"]:
        options = [{"board_code": b, "number": n} for b, n in [*values.meetings, (MADE_UP["board_code"], MADE_UP["number"])]]
    elif names == ["board_code"]:  # /boards/{board_code} (the workbench)
        boards = sorted({b for b, _ in values.meetings} | {c.split()[0] for c in values.case_ids if " " in c})
        options = [{"board_code": b} for b in [*boards, MADE_UP["board_code"]]]
    elif names == ["sha256"]:
        options = [{"sha256": v} for v in [*values.documents, MADE_UP["sha256"]]]
    else:
        raise AssertionError(f"the access crawl does not know how to fill {template}: teach tests/api/access_crawl.py")
    urls = []
    for option in options:
        url = template
        for name, value in option.items():
            url = re.sub(r"{" + name + r"(?::path)?}", quote(value, safe="/" if name == "case_id" else ""), url)
        urls.append(url)
    return urls


def _query_variants(template: str, params: list[str], secrets: Secrets) -> list[str]:
    """Extra query strings for a route: search by every secret id / name / reference / a secret text."""
    out = [""]
    if "limit" in params:
        out.append("limit=200")
    texts = sorted(secrets.texts)[:12]
    for name, values in (("application", sorted(secrets.application_ids) + [MADE_UP["application_id"]]),
                         ("person", sorted(secrets.people) + [MADE_UP["name"]]),
                         ("case", sorted(secrets.references)),
                         ("q", [" ".join(t.split()[:6]) for t in texts])):
        if name in params:
            out += [f"{name}={quote(v)}" for v in values]
    if "exempt" in params:
        out.append("exempt=true&limit=200")
    if "differs" in params:
        out.append("differs=true")
    if "current" in params:
        out.append("current=false&limit=200")
    return out


def crawl_api(client, headers: dict[str, str], values: StoreValues, secrets: Secrets) -> list[Page]:
    """Every GET route of the OpenAPI document with every path value and the query variants; list routes
    paged to the end, the change feed followed to its end."""
    spec = client.get("/openapi.json").json()
    pages: list[Page] = []
    for template, ops in spec["paths"].items():
        if "get" not in ops:
            continue
        params = [p["name"] for p in ops["get"].get("parameters", []) if p.get("in") == "query"]
        for url in _path_urls(template, values, secrets):
            for query in _query_variants(template, params, secrets):
                target = url + ("?" + query if query else "")
                page = fetch(client, target, headers)
                pages.append(page)
                pages += _follow(client, target, page, headers)
    return pages


def _follow(client, url: str, page: Page, headers: dict[str, str]) -> list[Page]:
    """The next pages of a paged list (`next_offset`) or of the change feed (`next_cursor` while `has_more`)."""
    out: list[Page] = []
    base = url.split("?")[0]
    while isinstance(page.raw, dict) and page.status == 200 and len(out) < 200:
        if page.raw.get("next_offset") is not None and "offset=" not in url:
            target = f"{base}?limit=200&offset={page.raw['next_offset']}"
        elif page.raw.get("has_more") and page.raw.get("next_cursor"):
            target = f"{base}?since={quote(page.raw['next_cursor'])}"
        else:
            break
        page = fetch(client, target, headers)
        out.append(page)
        url = target if "since=" in target else url
    return out


_ORDER_ONLY = ("sort", "desc")  # query parameters that only reorder a list: the rows shown are the same


def _crawl_key(url: str) -> str:
    """A link with its ordering parameters left out: the same list sorted another way is fetched once
    (which rows a caller may see does not depend on their order; paging and filters are kept)."""
    parts = urlsplit(url)
    query = "&".join(sorted(kv for kv in parts.query.split("&") if kv and kv.split("=", 1)[0] not in _ORDER_ONLY))
    return f"{parts.path}?{query}"


def crawl_web(client, headers: dict[str, str], values: StoreValues, secrets: Secrets, limit: int = 700) -> list[Page]:
    """The web page: the search page (with every secret id, name and text as query), every case page, and
    every same-site link they lead to (PDFs included), breadth first."""
    start = ["/"] + ["/ui/cases/" + quote(c, safe="/") for c in values.case_ids]
    start += ["/?application=" + quote(a) for a in sorted(secrets.application_ids)]
    start += ["/?person=" + quote(p) for p in sorted(secrets.people)]
    start += ["/?q=" + quote(" ".join(t.split()[:6])) for t in sorted(secrets.texts)[:12]]
    seen: set[str] = set()
    queue = list(start)
    pages: list[Page] = []
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if _crawl_key(url) in seen or url.startswith(("/static", "/ui/logout")):
            continue
        seen.add(_crawl_key(url))
        page = fetch(client, url, headers)
        pages.append(page)
        if page.kind == "text/html" and isinstance(page.raw, str):
            for link in _LINK.findall(page.raw):
                link = html.unescape(link)
                if urlsplit(link).netloc == "" and _crawl_key(link) not in seen:
                    queue.append(link)
    return pages


def normalised(page: Page, value: str) -> tuple[int, str, str]:
    """(status, content type, text with `value` replaced by a placeholder): what must be identical for an
    exempt-only id and a made-up one."""
    text = page.text
    for form in sorted({value, quote(value, safe=""), quote(value, safe="/"), repr(value)}, key=len, reverse=True):
        text = text.replace(form, "<ID>")
    return page.status, page.kind, text


def as_json(page: Page) -> str:
    """The body as JSON text (for error messages)."""
    return json.dumps(page.raw, ensure_ascii=False)[:500] if page.kind == "application/json" else page.text[:500]
