"""End to end in Debian's headless Chromium (Playwright for Python): `vedtak serve` in a subprocess,
search -> click a result -> case view, as a public visitor and as a token holder."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from api_support import TOKEN

pytestmark = [pytest.mark.slow, pytest.mark.chromium]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
REPO = Path(__file__).parents[2]
EXEMPT_CASE = "PS-HAV 11/26"  # [U.off. § 14]; synthetic minutes adopt it with `12 søknader` for `11 søknader`


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(store_url):
    port = _free_port()
    vedtak = shutil.which("vedtak", path=str(Path(sys.executable).parent)) or "vedtak"
    env = {**os.environ, "VEDTAK_API_TOKEN": TOKEN}
    proc = subprocess.Popen([vedtak, "serve", "--db", store_url, "--host", "127.0.0.1", "--port", str(port),
                             "--log-level", "warning"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                pytest.fail(f"vedtak serve exited: {proc.stdout.read().decode(errors='replace')[-2000:]}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("vedtak serve did not answer /health within 30 s")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"MISSING COMPONENT: chromium ({CHROMIUM} not found; apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        pytest.skip(f"MISSING COMPONENT: chromium (playwright for Python not installed: {exc})")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


def _search_and_open(page, base: str, query: str, board: str, case_id: str) -> None:
    page.goto(base + "/")
    page.fill("#q", query)
    page.fill("input[name=board]", board)
    page.click("#search-button")
    page.wait_for_selector("#hits")
    link = page.locator("a.case-link", has_text=case_id).first
    assert link.count() == 1, page.content()[:2000]
    link.click()
    page.wait_for_selector("#case")
    assert page.locator("h1 .case-id").inner_text() == case_id


def test_public_visitor_sees_the_exempt_case_but_not_its_case_paper(server, browser):
    page = browser.new_page()
    _search_and_open(page, server, "havforskning", "PS-HAV", EXEMPT_CASE)
    assert page.locator("#access-state").inner_text() == "Offentlig"
    assert page.locator("#exempt").inner_text() == "U.off. § 14"
    assert page.locator("#redacted-notice").is_visible()
    assert "Unntatt offentlighet" in page.locator("#proposed").inner_text()
    assert "12 søknader" in page.locator("#adopted").inner_text()  # the adopted decision (minutes) is public
    html = page.content()
    assert "11 søknader" not in html and "<del>" not in html
    page.close()


def test_free_text_hit_marks_an_inflection(server, browser):
    page = browser.new_page()
    page.goto(server + "/?q=avsl%C3%A5tt&board=PS-VELFERD")
    marks = page.locator("#hits mark").all_inner_texts()
    assert "avslås" in [m.lower() for m in marks]
    pdf = page.locator("#hits a.pdf").first.get_attribute("href")
    assert pdf.startswith("/documents/") and "#page=" in pdf
    page.close()


def test_token_holder_sees_proposal_and_difference(server, browser, tmp_path_factory):
    context = browser.new_context(viewport={"width": 1280, "height": 1100})
    page = context.new_page()
    page.goto(server + "/ui/login")
    page.fill("#token", "wrong")
    page.click("#login-button")
    assert page.locator("#login-error").is_visible()
    page.fill("#token", TOKEN)
    page.click("#login-button")
    page.wait_for_selector("#access-state")
    assert page.locator("#access-state").inner_text() == "Full tilgang"
    _search_and_open(page, server, "havforskning", "PS-HAV", EXEMPT_CASE)
    assert page.locator("#redacted-notice").count() == 0
    assert page.locator("#proposed del").first.inner_text() == "11"
    assert page.locator("#adopted ins").first.inner_text() == "12"
    assert "avviker" in page.locator("#diff-state").inner_text()
    pdf_link = page.locator("#proposed a.pdf").get_attribute("href")
    assert "#page=" in pdf_link
    assert httpx.get(server + pdf_link.split("#")[0], headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    assert httpx.get(server + pdf_link.split("#")[0]).status_code == 403
    shot = Path(os.environ.get("VEDTAK_SCREENSHOT_DIR", "/tmp")) / "vedtak-case-view.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    context.close()
