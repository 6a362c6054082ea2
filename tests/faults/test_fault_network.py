"""A network source that misbehaves: a local http.server on 127.0.0.1 whose listing links PDFs
that stall, drop the connection, answer 404 or 500, fail once then work, or are not PDFs.

Transient failures (stall, drop, 5xx) are retried by the flow's fetch task (3 retries), then
reported; a bad source (404, not a PDF) is reported without retrying; the good files load.
The flow runs in this process (a real Prefect run); the HTTP timeout is shortened from 30 s to
2 s so the test stays bounded (the only thing changed).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from faults_support import ROOT

pytestmark = pytest.mark.slow

GOOD = {"/god-protokoll.pdf": ROOT / "samples" / "pdf" / "klima_2-23_minutes_rl.pdf",
        "/god-nynorsk.pdf": ROOT / "samples" / "pdf" / "hav_6-24_minutes_nn_rl.pdf",
        "/ustabil.pdf": ROOT / "samples" / "pdf" / "velferd_4-23_minutes_rl.pdf"}
BAD = ["/henger.pdf", "/brutt.pdf", "/mangler.pdf", "/serverfeil.pdf", "/ikke-pdf.pdf"]
STALL_SECONDS = 4.0  # longer than the client's timeout, bounded so the server thread ends
CLIENT_TIMEOUT = 2.0


class Misbehaving(BaseHTTPRequestHandler):
    """Serves the listing and one behaviour per path; counts requests per path."""

    hits: Counter = Counter()
    lock = threading.Lock()

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        with self.lock:
            self.hits[self.path] += 1
            nth = self.hits[self.path]
        if self.path == "/":
            links = "".join(f'<li><a href="{p.lstrip("/")}">{p}</a></li>' for p in [*GOOD, *BAD])
            self._send(200, f"<html><body><h1>Møtedokumenter</h1><ul>{links}</ul></body></html>".encode(),
                       "text/html; charset=utf-8")
        elif self.path == "/ustabil.pdf" and nth == 1:
            self._send(503, b"Service Unavailable", "text/plain")
        elif self.path in GOOD:
            self._send(200, GOOD[self.path].read_bytes(), "application/pdf")
        elif self.path == "/henger.pdf":  # headers, then the body never comes in time
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"%PDF-1.4\n")
            self.wfile.flush()
            time.sleep(STALL_SECONDS)
        elif self.path == "/brutt.pdf":  # connection dropped without an answer
            self.close_connection = True
        elif self.path == "/mangler.pdf":
            self._send(404, b"Not Found", "text/plain")
        elif self.path == "/serverfeil.pdf":
            self._send(500, b"Internal Server Error", "text/plain")
        elif self.path == "/ikke-pdf.pdf":
            self._send(200, b"<html><body>Logg inn for \xc3\xa5 se dokumentet</body></html>", "text/html")
        else:
            self._send(404, b"Not Found", "text/plain")


@pytest.fixture
def site():
    """The misbehaving server on a free port of 127.0.0.1; its base URL and hit counter."""
    Misbehaving.hits = Counter()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", Misbehaving.hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def test_misbehaving_source_is_retried_then_reported_and_the_rest_loads(site, tmp_path, monkeypatch):
    import httpx

    from vedtak.flows.ingest import run_ingest
    from vedtak.store import sources

    monkeypatch.setattr(sources, "http_client", lambda timeout=CLIENT_TIMEOUT: httpx.Client(timeout=CLIENT_TIMEOUT))
    base, hits = site
    db = f"sqlite:///{tmp_path / 'web.db'}"

    summary = run_ingest([base + "/"], db_url=db, cache_dir=str(tmp_path / "cache"))

    status = {i["source"].removeprefix(base): i["status"] for i in summary["items"]}
    reasons = {f["source"].removeprefix(base): f["reason"] for f in summary["failures"]}
    assert status == {**dict.fromkeys(GOOD, "new"), **dict.fromkeys(BAD, "failed")}, summary
    for path, words in {"/henger.pdf": ("Timeout",), "/brutt.pdf": ("disconnected", "RemoteProtocolError"),
                        "/mangler.pdf": ("HTTP 404",), "/serverfeil.pdf": ("HTTP 500",),
                        "/ikke-pdf.pdf": ("not a PDF",)}.items():
        reason = reasons[path]
        assert reason.startswith(base + path + ": ") and "\n" not in reason, reason
        assert any(w in reason for w in words), reason
    # transient failures: the first try and 3 retries; bad sources: asked once; 503 once, then fine
    assert {p: hits[p] for p in ["/henger.pdf", "/brutt.pdf", "/serverfeil.pdf"]} == dict.fromkeys(
        ["/henger.pdf", "/brutt.pdf", "/serverfeil.pdf"], 4)
    assert (hits["/mangler.pdf"], hits["/ikke-pdf.pdf"], hits["/ustabil.pdf"]) == (1, 1, 2)
    assert summary["documents"] == {"new": 3, "unchanged": 0, "updated": 0, "gone": 0, "skipped": 0, "failed": 5}
