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
PUBLIC_CASE = "PS-HAV 12/26"  # not exempt, in the same meeting book


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


def _pdf_pages(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return [p.get_textpage().get_text_range() for p in pdf]
    finally:
        pdf.close()


def test_public_visitor_opens_the_pdf_of_a_public_case_in_a_book_with_an_exempt_paper(server, browser):
    """PS-HAV 12/26 sits in the same meeting book as the exempt PS-HAV 11/26: its PDF link opens, at its
    own page, a copy whose exempt pages are blank; the exempt case's page links are not offered."""
    page = browser.new_page()
    _search_and_open(page, server, "havforskning", "PS-HAV", PUBLIC_CASE)
    assert page.locator("#access-state").inner_text() == "Offentlig"
    link = page.locator("#proposed a.pdf")
    href = link.get_attribute("href")
    assert href.startswith("/documents/") and "#page=" in href
    with page.expect_response(lambda r: r.url.split("#")[0] == server + href.split("#")[0]) as info:
        page.evaluate("url => fetch(url)", href)
    response = info.value
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    public_pages = _pdf_pages(response.body())
    full_pages = _pdf_pages(httpx.get(server + href.split("#")[0], headers={"Authorization": f"Bearer {TOKEN}"}).content)
    page_no = int(href.split("#page=")[1])
    assert len(public_pages) == len(full_pages)
    assert public_pages[page_no - 1] == full_pages[page_no - 1] and "12/26" in public_pages[page_no - 1]
    blank = [i + 1 for i, text in enumerate(public_pages) if not text.strip()]
    exempt_start = next(i + 1 for i, text in enumerate(full_pages) if EXEMPT_CASE.split()[1] in text)
    assert blank == list(range(exempt_start, page_no))  # the exempt paper, up to where 12/26 starts
    assert all(public_pages[i] == full_pages[i] for i in range(len(full_pages)) if i + 1 not in blank)
    assert not any("11 søknader" in text for text in public_pages)
    assert any("11 søknader" in text for text in full_pages)
    page.goto(server + "/ui/cases/" + EXEMPT_CASE.replace(" ", "%20"))
    assert page.locator("#sources a.pdf").count() == 0 or all(
        "#page=" in h for h in page.locator("#sources a.pdf").evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert "PS-HAV 30/25" not in page.content()  # a reference read from the exempt paper
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
    # the same link without the token: the public copy, the exempt paper's pages blank
    public = httpx.get(server + pdf_link.split("#")[0])
    assert public.status_code == 200 and public.content.startswith(b"%PDF")
    page_no = int(pdf_link.split("#page=")[1])
    assert _pdf_pages(public.content)[page_no - 1].strip() == ""
    shot = Path(os.environ.get("VEDTAK_SCREENSHOT_DIR", "/tmp")) / "vedtak-case-view.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    context.close()
