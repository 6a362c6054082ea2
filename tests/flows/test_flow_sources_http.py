"""HTTP sources against a local server on 127.0.0.1: listing pages, PDF links, conditional GET."""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from vedtak.errors import InputError
from vedtak.store import sources as src

LISTING = """<!doctype html><html><body>
<h1>Porteføljestyret for helse – møtedokumenter</h1>
<ul>
<li><a href="2024/ps-helse-6-24-saksdokumenter.pdf">Saksdokumenter møte 6/24</a></li>
<li><a href="/2024/ps-helse-6-24-protokoll.pdf#side=2">Møteprotokoll 6/24</a></li>
<li><a href="investeringsplan.pdf">Investeringsplan</a></li>
<li><a href="2024/ps-helse-6-24-saksdokumenter.pdf">Saksdokumenter (igjen)</a></li>
<li><a href="om-styret.html">Om styret</a></li>
</ul></body></html>"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files with Last-Modified / If-Modified-Since (stdlib) and a request log."""

    log: list[tuple[str, int]] = []

    def log_request(self, code="-", size="-"):
        type(self).log.append((self.path, int(code) if str(code).isdigit() else code))

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def http_site(pdf_folder):
    """A loopback HTTP server serving the fake-PDF folder and an HTML listing page at /."""
    (pdf_folder / "index.html").write_text(LISTING, encoding="utf-8")
    _Handler.log = []
    handler = functools.partial(_Handler, directory=str(pdf_folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Handler.log
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("moter/ps-helse-1-25.pdf", "https://x.no/styre/moter/ps-helse-1-25.pdf"),
        ("/a/PROTOKOLL.PDF#page=3", "https://x.no/a/PROTOKOLL.PDF"),
        ("https://y.no/b.pdf", "https://y.no/b.pdf"),
        ("mailto:post@forskningsradet.no", None),
        ("om-styret.html", None),
    ],
)
def test_pdf_links(href, expected):
    links = src.pdf_links(f'<p><a href="{href}">lenke</a></p>', "https://x.no/styre/")
    assert links == ([expected] if expected else [])


def test_listing_discovery_and_conditional_get(http_site, tmp_path):
    base, log = http_site
    items, failures = src.discover_all([base + "/"], tmp_path / "cache")
    assert failures == []
    assert [i.location for i in items] == [
        f"{base}/2024/ps-helse-6-24-saksdokumenter.pdf",
        f"{base}/2024/ps-helse-6-24-protokoll.pdf",
        f"{base}/investeringsplan.pdf",
    ]
    cache = src.DownloadCache(tmp_path / "cache")
    first = src.fetch(items[0], cache)
    assert first.not_modified is False and first.path.endswith(".pdf")
    assert src.sha256_file(first.path) == first.sha256
    again = src.fetch(items[0], cache)
    assert again.not_modified is True and again.sha256 == first.sha256
    codes = [code for path, code in log if path.endswith("saksdokumenter.pdf")]
    assert codes == [200, 304]
    src.discover_all([base + "/"], tmp_path / "cache")
    assert [code for path, code in log if path == "/"] == [200, 304]


def test_missing_url_is_a_bad_source(http_site, tmp_path):
    base, _ = http_site
    items, failures = src.discover_all([base + "/finnes-ikke/"], tmp_path / "cache")
    assert items == [] and "HTTP 404" in failures[0].reason
    with pytest.raises(InputError, match="HTTP 404"):
        src.fetch(src.SourceItem(base + "/mangler.pdf", True), src.DownloadCache(tmp_path / "cache"))
