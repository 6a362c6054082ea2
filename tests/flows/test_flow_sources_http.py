"""HTTP sources against a local server on 127.0.0.1: listing pages, PDF links, conditional GET."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
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
    """Static files with Last-Modified / If-Modified-Since (stdlib), optional ETags, paths that
    answer 503 a given number of times, and a request log."""

    log: list[tuple[str, int]] = []
    etags: bool = False
    flaky: dict[str, int] = {}

    def do_GET(self):
        cls = type(self)
        self._etag = None
        if cls.flaky.get(self.path, 0) > 0:
            cls.flaky[self.path] -= 1
            self.send_error(503, "Service Unavailable")
            return
        local = self.translate_path(self.path)
        if cls.etags and os.path.isfile(local):
            with open(local, "rb") as fh:
                tag = '"' + hashlib.sha256(fh.read()).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
                return
            self._etag = tag
        super().do_GET()

    def end_headers(self):
        if getattr(self, "_etag", None):
            self.send_header("ETag", self._etag)
        super().end_headers()

    def log_request(self, code="-", size="-"):
        type(self).log.append((self.path, int(code) if str(code).isdigit() else code))

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def http_site(pdf_folder):
    """A loopback HTTP server serving the fake-PDF folder and an HTML listing page at /."""
    (pdf_folder / "index.html").write_text(LISTING, encoding="utf-8")
    _Handler.log, _Handler.etags, _Handler.flaky = [], False, {}
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


def test_etag_conditional_get_and_changed_file(http_site, pdf_folder, tmp_path):
    base, log = http_site
    _Handler.etags = True
    cache = src.DownloadCache(tmp_path / "cache")
    item = src.SourceItem(f"{base}/investeringsplan.pdf", True)
    first = src.fetch(item, cache)
    assert cache.entry(item.location)["etag"].startswith('"')
    assert src.fetch(item, cache).not_modified is True
    (pdf_folder / "investeringsplan.pdf").write_bytes(b"%PDF-1.4\n{}")  # republished
    changed = src.fetch(item, cache)
    assert changed.not_modified is False and changed.sha256 != first.sha256
    assert [c for p, c in log if p.endswith("investeringsplan.pdf")] == [200, 304, 200]
    assert (tmp_path / "cache" / "blobs" / first.sha256[:2] / f"{first.sha256}.pdf").exists()  # old body kept


def test_server_error_is_transient_not_a_bad_source(http_site, tmp_path):
    import httpx

    base, _ = http_site
    _Handler.flaky = {"/investeringsplan.pdf": 1}
    item = src.SourceItem(f"{base}/investeringsplan.pdf", True)
    with pytest.raises(httpx.HTTPStatusError, match="503"):
        src.fetch(item, src.DownloadCache(tmp_path / "cache"))
    assert src.fetch(item, src.DownloadCache(tmp_path / "cache")).not_modified is False
