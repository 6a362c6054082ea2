"""The workbench in Debian's headless Chromium (as tests/api/test_api_e2e_chromium.py): walk person -> case
-> meeting -> application -> back, download a decision list as CSV and compare it with the API, and answer
the four questions of issue 14 by clicking. Screenshots of each page kind go to $VEDTAK_SCREENSHOT_DIR
(docs/screenshots/ when refreshing the README's pictures)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import httpx
import pytest

from api_support import TOKEN
from test_api_e2e_chromium import browser, server  # noqa: F401  (the same vedtak serve and Chromium fixtures)

pytestmark = [pytest.mark.slow, pytest.mark.chromium]
SHOTS = Path(os.environ.get("VEDTAK_SCREENSHOT_DIR", "/tmp/vedtak-screenshots"))


def _shot(page, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    assert path.stat().st_size > 10_000


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


def _login(page, server) -> None:  # noqa: F811
    page.goto(server + "/ui/login")
    page.fill("#token", TOKEN)
    page.click("#login-button")
    page.wait_for_selector("#access-state")


def test_walk_person_case_meeting_application_and_back(server, page):  # noqa: F811
    page.goto(server + "/")
    page.fill("input[name=person]", "Ole A. Andreassen")
    page.click("#search-button")
    page.wait_for_selector("#hits")
    _shot(page, "search", full_page=False)
    page.locator("#hits a.person-link", has_text="Ole A. Andreassen").first.click()
    page.wait_for_selector("#person")
    assert page.locator("h1.person-name").inner_text() == "Ole A. Andreassen"
    _shot(page, "person")
    page.locator("#conflicts a.case-link", has_text="PS-HELSE 55/24").click()
    page.wait_for_selector("#case")
    assert page.locator("h1 .case-id").inner_text() == "PS-HELSE 55/24"
    _shot(page, "case", full_page=False)
    page.locator("a.meeting-link").first.click()
    page.wait_for_selector("#meeting")
    assert "møte 6/24" in page.locator("h1").inner_text()
    assert "02.12.2024" in page.locator(".meta").first.inner_text()
    _shot(page, "meeting")
    page.locator("#cases a.case-link", has_text="PS-HELSE 55/24").click()
    page.wait_for_selector("#case")
    page.locator("a.application-link", has_text="355340").first.click()
    page.wait_for_selector("#application")
    assert page.locator(".application-id").inner_text() == "355340"
    _shot(page, "application")
    page.go_back()
    page.wait_for_selector("#case")
    assert page.locator("h1 .case-id").inner_text() == "PS-HELSE 55/24"
    for _ in range(3):  # meeting, the case opened from the person, the person
        page.go_back()
    page.wait_for_selector("#person")
    assert page.locator("h1.person-name").inner_text() == "Ole A. Andreassen"


def test_every_decision_on_an_application(server, page):  # noqa: F811
    _login(page, server)
    page.goto(server + "/ui/applications/355340")
    rows = page.locator("#decisions tr.decision")
    shown = {(rows.nth(i).locator(".outcome").inner_text(), rows.nth(i).locator(".rank").inner_text())
             for i in range(rows.count())}
    assert shown == {("reserveliste", "1"), ("avslått", "")}
    api = httpx.get(server + "/applications/355340", headers={"Authorization": f"Bearer {TOKEN}"}).json()
    assert rows.count() == len(api["decisions"])
    assert "motstridende utfall" in page.locator("#findings").inner_text()


def test_disqualified_member_and_who_chaired_instead_at_the_same_stage(server, page):  # noqa: F811
    page.goto(server + "/ui/people/" + "Ola%20R%C3%B8nning")
    row = page.locator("#conflicts tr.conflict", has=page.locator("a.case-link", has_text="PS-KLIMA 18/24"))
    assert row.locator(".role").inner_text() == "inhabil"
    assert row.locator(".stage").inner_text() == "vedtatt"
    assert row.locator(".acting-chair").inner_text() == "Lars Solberg"  # not Randi van den Berg of the proposal
    row.locator(".acting-chair a").click()
    page.wait_for_selector("#person")
    assert page.locator("h1.person-name").inner_text() == "Lars Solberg"


def test_all_grants_of_a_board_in_a_year_with_total_and_csv(server, page):  # noqa: F811
    page.goto(server + "/ui/boards/PS-KLIMA")
    assert page.locator("#chart-outcomes rect.bar").count() >= 3
    _shot(page, "board")
    page.goto(server + "/ui/decisions")
    page.select_option("#f-board", "PS-KLIMA")
    page.fill("#f-year", "2024")
    page.select_option("#f-outcome", "granted")
    page.click("#decisions-button")
    page.wait_for_selector("#decisions")
    assert page.locator("#total").inner_text() == "18"
    assert page.locator("#decisions tr.decision").count() == 18
    _shot(page, "decisions")
    with page.expect_download() as info:
        page.click("#csv-link")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    api = httpx.get(server + "/decisions", params={"board": "PS-KLIMA", "year": 2024, "outcome": "granted",
                                                    "limit": 200}).json()
    assert len(rows) == api["total"] == 18
    assert [(r["application_id"], r["case_id"], r["outcome"], r["stage"]) for r in rows] == [
        (i["application_id"], i["case_id"], i["outcome"], i["stage"]) for i in api["items"]]
    shown = page.locator("#decisions tr.decision").evaluate_all("rows => rows.map(r => r.dataset.application)")
    assert shown == [r["application_id"] for r in rows]


def test_adopted_decisions_that_differ_from_their_proposals(server, page):  # noqa: F811
    _login(page, server)
    page.click("#nav >> text=Avvik fra forslag")
    page.wait_for_selector("#total")
    case = page.locator("article.difference", has=page.locator("a.case-link", has_text="PS-HAV 11/26"))
    assert case.locator(".proposed del").first.inner_text() == "11"
    assert case.locator(".adopted ins").first.inner_text() == "12"
    _shot(page, "differences", full_page=False)


def test_findings_and_docs_pages(server, page):  # noqa: F811
    page.goto(server + "/ui/findings")
    assert "saksfremlegg uten saksnummer" in page.locator("#findings").inner_text()
    _shot(page, "findings")
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info", timeout=15_000)  # rendered from the package, offline
    assert "vedtak" in page.locator(".swagger-ui .info").inner_text()
