"""The read API over the samples store: endpoints, exempt rule, errors, change feed, PDFs, hostile input."""

from __future__ import annotations

import warnings
from urllib.parse import quote

import pytest
from sqlalchemy import func, select

from api_support import TOKEN
from vedtak.models import Case, CaseAppearance, Document
from vedtak.search.testing import REPO


def _engine(url):
    from vedtak.store.db import make_engine

    return make_engine(url, write=False)


def _one(url, query):
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(query).first()
    finally:
        engine.dispose()


def exempt_with_proposal(url) -> str:
    """An exempt case (U.off. § 14) whose proposal is known."""
    return _one(url, select(Case.case_id).where(Case.exempt.is_not(None), Case.proposed_decision.is_not(None))
                .order_by(Case.case_id))[0]


def path(case_id: str) -> str:
    return "/cases/" + quote(case_id, safe="/")


def test_openapi_is_served_and_lists_every_route(client):
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for route in ("/cases", "/cases/{case_id}", "/applications/{application_id}", "/people/{name}", "/meetings",
                  "/meetings/{board_code}/{number}", "/search", "/changes", "/documents/{sha256}/pdf"):
        assert route in doc["paths"], route
    assert all(set(ops) == {"get"} for ops in doc["paths"].values()), "read-only: GET only"
    names = {p["name"] for p in doc["paths"]["/search"]["get"]["parameters"]}
    assert {"q", "application", "person", "case", "board", "from", "to", "outcome", "stage", "limit", "offset"} <= names
    assert client.get("/docs").status_code == 200


def test_case_list_paginates(client):
    first = client.get("/cases", params={"limit": 5}).json()
    second = client.get("/cases", params={"limit": 5, "offset": first["next_offset"]}).json()
    assert len(first["items"]) == 5 and first["total"] > 10 and first["next_offset"] == 5
    assert not {c["case_id"] for c in first["items"]} & {c["case_id"] for c in second["items"]}
    assert client.get("/cases", params={"limit": 500}).status_code == 422


def test_exempt_case_public_sees_existence_not_the_case_paper(client, store_url, auth):
    case_id = exempt_with_proposal(store_url)
    public = client.get(path(case_id)).json()
    assert (public["case_id"], public["exempt"]) == (case_id, "U.off. § 14")
    assert public["title"] and public["status"] in ("proposed", "decided")
    assert public["proposed_decision"] is None and public["proposed_source"] is None and public["diff"] is None
    assert "proposed_decision" in public["redacted"]
    assert all(a["stage"] == "adopted" for a in public["applications"])
    full = client.get(path(case_id), headers=auth).json()
    assert full["proposed_decision"] and full["redacted"] == []
    assert full["proposed_source"]["pdf"].startswith("/documents/")


def test_adopted_decision_of_exempt_case_is_public(client):
    public = client.get(path("PS-HELSE 54/24")).json()  # minutes of 6/24, attached to the seed book 1/25
    assert public["exempt"] == "U.off. § 14"
    assert public["decision"] and public["decision_source"]["page"]
    assert any(a["stage"] == "adopted" for a in public["applications"])


def test_case_with_proposal_and_decision_has_a_word_diff(client, auth):
    body = client.get(path("PS-HAV 12/26")).json()
    assert body["decision_differs"] is True and body["diff"]["differs"]
    changed = [op for op in body["diff"]["ops"] if op["op"] != "equal"]
    assert [(op["proposed"], op["adopted"]) for op in changed] == [("5,0", "4,5"), ("en bloc.", "")] or \
        any("5,0" in op["proposed"] and "4,5" in op["adopted"] for op in changed)
    assert "-" in body["diff"]["unified"] and "+" in body["diff"]["unified"]
    exempt_public = client.get(path("PS-HAV 11/26")).json()
    assert exempt_public["diff"] is None and exempt_public["decision_differs"] is None
    assert "12 søknader" in exempt_public["decision"]
    exempt_full = client.get(path("PS-HAV 11/26"), headers=auth).json()
    assert any(op["proposed"] == "11" and op["adopted"] == "12" for op in exempt_full["diff"]["ops"])


def test_token_in_cookie_after_login(api_app):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from fastapi.testclient import TestClient
    with TestClient(api_app) as browser:
        bad = browser.post("/ui/login", data={"token": "nope", "next": "/"}, follow_redirects=False)
        assert bad.status_code == 401 and "vedtak_session" not in browser.cookies
        ok = browser.post("/ui/login", data={"token": TOKEN, "next": "//evil.example/"}, follow_redirects=False)
        assert ok.status_code == 303 and ok.headers["location"] == "/"
        assert TOKEN not in ok.headers["set-cookie"] and "httponly" in ok.headers["set-cookie"].lower()
        assert browser.get("/health").json()["access"] == "full"
        browser.post("/ui/logout", follow_redirects=False)
        assert browser.get("/health").json()["access"] == "public"


@pytest.mark.parametrize("header", ["Bearer wrong", f"Basic {TOKEN}", "Bearer", f"Bearer {TOKEN}x"])
def test_wrong_token_is_401(client, header):
    r = client.get("/cases", headers={"Authorization": header})
    assert r.status_code == 401 and r.json()["error"]["status"] == 401


def test_application_with_every_mention(client):
    body = client.get("/applications/355815").json()
    assert body["mentions"] and all(
        (m["case_id"], m["outcome"], m["stage"], m["meeting_date"]) == ("PS-HELSE 54/24", "rejected", "adopted", "2024-12-02")
        and m["source"]["page"] for m in body["mentions"])


def test_person_with_conflicts_and_attendance(client):
    body = client.get("/people/" + quote("Ole A. Andreassen")).json()
    assert {c["case_id"] for c in body["conflicts"]} == {"PS-HELSE 54/24", "PS-HELSE 55/24"}
    assert all(c["acting_chair"] == ["Sameline Grimsgaard"] for c in body["conflicts"])
    assert {"chair", "present"} <= {a["role"] for a in body["attendance"]}
    assert client.get("/people", params={"q": "andreassen"}).json()["items"][0]["name"] == "Ole A. Andreassen"


def test_meeting(client):
    body = client.get("/meetings/PS-HELSE/6/24").json()
    assert body["date"] == "2024-12-02" and body["chair"] == "Ole A. Andreassen"
    assert "Bettina Husebø" in [p["name"] for p in body["attendance"]["absent"]]
    assert "PS-HELSE 54/24" in [c["case_id"] for c in body["cases"]]


def test_search_endpoint(client):
    body = client.get("/search", params={"q": "avslått", "board": "PS-VELFERD"}).json()
    assert body["hits"] and all(h["board_code"] == "PS-VELFERD" for h in body["hits"])
    assert any("<mark>avslås</mark>" in (h["snippet"] or "") for h in body["hits"])
    assert client.get("/search", params={"outcome": "maybe"}).json()["error"]["status"] == 400


def test_change_feed_pages_through_every_document(client):
    events, since, pages = [], None, 0
    while True:
        body = client.get("/changes", params={"since": since, "limit": 40} if since else {"limit": 40}).json()
        events += body["items"]
        pages += 1
        if not body["items"]:
            break
        since = body["next_cursor"]
    assert pages > 2
    docs = [e for e in events if e["type"] == "document"]
    assert len(docs) == len(client.get("/documents", params={"limit": 200}).json()["items"])
    assert len({e["cursor"] for e in events}) == len(events)
    assert {"PS-HELSE 54/24", "PS-HELSE 55/24"} <= {e["id"] for e in events if e["type"] == "case"}
    again = client.get("/changes", params={"since": since}).json()
    assert again == {"items": [], "next_cursor": since, "has_more": False}


@pytest.mark.parametrize("since", ["not-a-cursor", "ZDEuMA==x", "' OR 1=1 --"])
def test_change_feed_bad_cursor_is_400(client, since):
    r = client.get("/changes", params={"since": since})
    assert r.status_code == 400 and "cursor" in r.json()["error"]["message"]


def test_change_feed_includes_records_updated_by_a_later_version(tmp_path):
    from fastapi.testclient import TestClient

    from vedtak.api.app import create_app
    from vedtak.search.testing import new_version, sample_records
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.loader import load_record

    url = f"sqlite:///{tmp_path / 'feed.db'}"
    engine = make_engine(url)
    upgrade(engine)
    source, record = next((s, r) for s, r in sample_records() if s.endswith("klima_2-23_minutes_rl.pdf"))
    load_record(engine, record, source=source)
    with TestClient(create_app(url)) as c:
        cursor = c.get("/changes").json()["next_cursor"]
        dropped = record["cases"][-1]["case_id"]

        def edit(r):  # the later version corrects the minutes: the last case is gone
            r["cases"] = r["cases"][:-1]

        load_record(engine, new_version(record, edit), source=source)
        body = c.get("/changes", params={"since": cursor}).json()
        doc = body["items"][0]
        assert (doc["type"], doc["change"], doc["supersedes"]) == ("document", "new_version", record["document"]["sha256"])
        assert dropped in {e["id"] for e in body["items"] if e["type"] == "case"}
    engine.dispose()


def test_pdf_of_minutes_is_public_and_book_with_exempt_paper_is_served_blanked(client, store_url, auth):
    minutes = _one(store_url, select(Document.sha256).where(Document.source.like("%klima_2-23_minutes%")))[0]
    r = client.get(f"/documents/{minutes}/pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF")
    book, source = _one(store_url, select(Document.sha256, Document.source)
                        .join(CaseAppearance, CaseAppearance.document_id == Document.id)
                        .where(CaseAppearance.exempt.is_not(None), CaseAppearance.proposed_decision.is_not(None)))
    public, full = client.get(f"/documents/{book}/pdf"), client.get(f"/documents/{book}/pdf", headers=auth)
    assert public.status_code == full.status_code == 200 and public.content != full.content
    assert full.content == (REPO / source).read_bytes()
    assert client.get("/documents/" + "0" * 64 + "/pdf").status_code == 404


@pytest.mark.parametrize(("url", "status"), [
    ("/cases/PS-NONE 1/99", 404), ("/applications/000000", 404), ("/people/Nobody", 404),
    ("/meetings/PS-NONE/1/99", 404), ("/documents/abc", 404), ("/cases?limit=0", 422), ("/search?from=yesterday", 422),
    ("/nowhere", 404),
])
def test_errors_are_json(client, url, status):
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("application/json")
    assert r.json()["error"]["status"] == status and r.json()["error"]["message"]


def test_no_endpoint_writes(client):
    for method in ("post", "put", "patch", "delete"):
        assert getattr(client, method)("/cases").status_code == 405


HOSTILE = ["' OR 1=1 --", "%", "%%", "_", "\\", "'; DROP TABLE cases; --", "\x00", "a\x00b", "x" * 5000, "😀",
           "../../etc/passwd", "<script>alert(1)</script>", "-1", "9" * 40]
ROUTES = {
    "/cases": ["board", "meeting", "from", "to", "exempt", "differs", "limit", "offset"],
    "/applications": ["limit", "offset"],
    "/people": ["q", "limit", "offset"],
    "/meetings": ["board", "from", "to", "limit", "offset"],
    "/search": ["q", "application", "person", "case", "board", "from", "to", "outcome", "stage", "limit", "offset"],
    "/changes": ["since", "limit"],
    "/documents": ["current", "limit", "offset"],
    "/": ["q", "application", "person", "case", "board", "from", "to", "outcome", "stage", "offset"],
}
PATHS = ["/cases/{}", "/applications/{}", "/people/{}", "/meetings/{}/{}", "/documents/{}", "/documents/{}/pdf",
         "/ui/cases/{}"]


def _case_count(url) -> int:
    return _one(url, select(func.count()).select_from(Case))[0]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_input_in_every_parameter_is_harmless(client, store_url, value):
    before = _case_count(store_url)
    for route, params in ROUTES.items():
        for name in params:
            r = client.get(route, params={name: value})
            assert r.status_code < 500, (route, name, value, r.text[:200])
            if route != "/":
                assert r.headers["content-type"].startswith("application/json")
    for template in PATHS:
        r = client.get(template.format(*([quote(value, safe="")] * template.count("{}"))))
        assert r.status_code < 500, (template, value, r.text[:200])
    r = client.get("/cases", headers={"Authorization": f"Bearer {value}".encode()})
    assert r.status_code in (400, 401)
    client.cookies.set("vedtak_session", quote(value, safe=""))
    try:
        assert client.get("/health").json()["access"] == "public"
    finally:
        client.cookies.clear()
    assert _case_count(store_url) == before
