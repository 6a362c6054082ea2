"""The access rule, end to end (issue 12): crawl every GET route of the OpenAPI document (path parameters
filled from the store) and every link of the web page, as a public visitor and as a token holder, on
SQLite and on PostgreSQL, over a store holding exempt and public case papers (samples/pdf, the synthetic
minutes of PS-HAV 2/26 and tests/api/access_records.py).

What must hold, with the exempt-only facts worked out from the records (tests/api/access_oracle.py),
not from `vedtak.access`:
- no public response carries an exempt-only application id, person, reference or text;
- a public request naming an exempt-only id answers exactly as one naming a made-up id;
- the token holder's crawl finds every one of them (so the public crawl looked where they are);
- findings of published minutes attached in meeting books are public.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from urllib.parse import quote

import pytest

from access_crawl import MADE_UP, Page, StoreValues, crawl_api, crawl_web, fetch, normalised, store_values
from access_oracle import Secrets, found_in, secrets_of
from access_records import EXEMPT_CASE, exempt_book
from api_support import TOKEN

# one worker runs the whole module (`--dist loadgroup`): each backend's store and crawls are built once
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("access_crawl")]
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _records():
    from vedtak.search.testing import hav_minutes

    return (hav_minutes(), exempt_book())


@dataclass
class Crawled:
    """One backend's store, its values, the oracle and both crawls."""

    client: object
    values: StoreValues
    secrets: Secrets
    public: list[Page]
    full: list[Page]


@pytest.fixture(scope="module", params=BACKENDS)
def crawled(request, tmp_path_factory):
    from vedtak.api.app import create_app
    from vedtak.search.testing import REPO, build_store, sample_records
    from vedtak.store.db import make_engine

    extra = _records()

    def run(url: str):
        build_store(url, extra=extra)
        engine = make_engine(url)
        values = store_values(engine)
        engine.dispose()
        secrets = secrets_of([r for _, r in (*sample_records(), *extra)])
        app = create_app(url, token=TOKEN, pdf_roots=[REPO], pdf_cache=tmp_path_factory.mktemp("pdf"))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            from fastapi.testclient import TestClient
        with TestClient(app) as client:
            public = crawl_api(client, {}, values, secrets) + crawl_web(client, {}, values, secrets)
            full = crawl_api(client, AUTH, values, secrets) + crawl_web(client, AUTH, values, secrets)
            yield Crawled(client, values, secrets, public, full)

    if request.param == "sqlite":
        yield from run(f"sqlite:///{tmp_path_factory.mktemp('access') / 'store.db'}")
        return
    from vedtak.store.testing import PgUnavailable, fresh_pg_database

    try:
        with fresh_pg_database("vedtak_access") as url:
            yield from run(url)
    except PgUnavailable as exc:
        pytest.skip(f"MISSING COMPONENT: PostgreSQL ({exc})")


def test_the_oracle_has_exempt_only_facts_of_every_kind(crawled):
    """Guard: the crawl below is only meaningful if there is something to leak."""
    s = crawled.secrets
    assert {"371001"} <= s.application_ids and len(s.application_ids) >= 40
    assert s.people == {"Sigrun Skjult-Hansen"} and "Ulrikke Usynlig Ulvestad" in s.names
    assert {"PS-TEST 8/25", "PS-HAV 30/25"} <= s.references and len(s.texts) >= 20
    assert "371002" not in s.application_ids  # it has a public mention too
    assert EXEMPT_CASE in s.exempt_paper_cases and s.public_book_findings


def test_crawl_reaches_every_get_route(crawled):
    spec = crawled.client.get("/openapi.json").json()
    templates = [t for t, ops in spec["paths"].items() if "get" in ops]
    asked = {p.url.split("?")[0] for p in crawled.public}
    for template in templates:
        prefix = template.split("{")[0]
        assert any(u == template or (u.startswith(prefix) and "{" in template) for u in asked), template
    assert len(crawled.public) > 500 and any(p.kind == "application/pdf" for p in crawled.public)
    assert any(p.kind == "text/html" and p.url.startswith("/ui/cases/") for p in crawled.public)


def test_no_public_response_carries_an_exempt_only_fact(crawled):
    from urllib.parse import unquote

    leaks = []
    for page in crawled.public:
        found = [s for s in crawled.secrets.all_strings() if found_in(page.text, s, unquote(page.url))]
        if found:
            leaks.append(f"{page.url} ({page.status}): {found[:4]}")
    assert not leaks, "\n".join(leaks[:30])


def test_the_token_holder_crawl_finds_every_exempt_only_fact(crawled):
    body = "\n".join(p.text for p in crawled.full)
    missing = [s for s in crawled.secrets.all_strings() if not found_in(body, s)]
    assert not missing, missing


def _same(client, url_of, secret: str, made_up: str, headers=None) -> None:
    mine, other = fetch(client, url_of(secret), headers or {}), fetch(client, url_of(made_up), headers or {})
    assert normalised(mine, secret) == normalised(other, made_up), (url_of(secret), mine.text[:300], other.text[:300])


@pytest.mark.parametrize(("kind", "url_of"), [
    ("application_ids", lambda v: f"/applications/{v}"),
    ("application_ids", lambda v: f"/search?application={quote(v)}"),
    ("application_ids", lambda v: f"/?application={quote(v)}"),
    ("people", lambda v: "/people/" + quote(v, safe="")),
    ("people", lambda v: f"/search?person={quote(v)}"),
    ("people", lambda v: f"/people?q={quote(v)}"),
    ("people", lambda v: f"/?person={quote(v)}"),
    ("references", lambda v: "/cases/" + quote(v, safe="/")),
    ("references", lambda v: "/ui/cases/" + quote(v, safe="/")),
    ("references", lambda v: f"/search?case={quote(v)}"),
])
def test_an_exempt_only_id_answers_like_a_made_up_one(crawled, kind, url_of):
    made_up = {"application_ids": MADE_UP["application_id"], "people": MADE_UP["name"],
               "references": MADE_UP["case_id"]}[kind]
    secrets = sorted(getattr(crawled.secrets, kind))
    assert secrets
    for secret in secrets:
        _same(crawled.client, url_of, secret, made_up)
    # with the token the same request tells them apart: the test compares what matters
    if kind != "references":
        differ = [s for s in secrets
                  if normalised(fetch(crawled.client, url_of(s), AUTH), s)
                  != normalised(fetch(crawled.client, url_of(made_up), AUTH), made_up)]
        assert differ == secrets


def test_findings_of_published_minutes_in_meeting_books_are_public(crawled):
    for _sha, case_id, code in sorted(crawled.secrets.public_book_findings):
        body = crawled.client.get("/cases/" + quote(case_id, safe="/")).json()
        assert code in {f["code"] for f in body["findings"]}, (case_id, code)


def test_exempt_case_itself_stays_visible_without_its_paper(crawled):
    body = crawled.client.get("/cases/" + quote(EXEMPT_CASE, safe="/")).json()
    assert (body["case_id"], body["exempt"], body["status"]) == (EXEMPT_CASE, "U.off. § 14", "proposed")
    assert body["proposed_decision"] is None and body["applications"] == [] and body["conflicts"] == []
    assert body["references"] == [] and body["findings"] == [] and body["case_officers"] == []
    assert "proposed_decision" in body["redacted"] and body["attachments"] == []
    full = crawled.client.get("/cases/" + quote(EXEMPT_CASE, safe="/"), headers=AUTH).json()
    assert full["references"] == ["PS-TEST 8/25"] and len(full["applications"]) == 3 and full["conflicts"]
    public_app = crawled.client.get("/applications/371002").json()
    assert [m["case_id"] for m in public_app["mentions"]] == ["PS-TEST 2/26"]
    assert public_app["title"] == "Åpen prosjekttittel om tang og tare"
