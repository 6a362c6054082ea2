"""Print many HTML files to PDF with one headless Chromium, driven over the DevTools protocol on a pipe.

One browser process serves a whole batch (starting Chromium costs seconds; a page prints in a fraction
of that). `Page.printToPDF` draws the running header and the footer `Side 3 av 12` from templates, with
Chromium's own `pageNumber` / `totalPages` counters. Output is the same PDF that
`chromium --headless --print-to-pdf` writes (same printing path), with the dates and ids made stable.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


TIMEOUT = 120.0  # seconds to wait for any one answer (a page prints in well under a second)


class ChromiumError(RuntimeError):
    """Chromium could not be started or did not print a page."""


@dataclass(frozen=True)
class PrintJob:
    """One HTML file to print: page form and the running header/footer (None: none)."""

    html: Path
    pdf: Path
    landscape: bool = False
    running_header: str | None = None
    footer: bool = True
    font: str = "Liberation Sans"


def _exe() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not exe:
        raise ChromiumError("chromium not found: cannot print the HTML samples (install Debian's chromium)")
    return exe


class _Pipe:
    """The DevTools connection: JSON messages separated by NUL bytes on fds 3 (to Chromium) and 4 (from)."""

    def __init__(self, profile: str):
        to_r, self._to_w = os.pipe()
        self._from_r, from_w = os.pipe()

        def child() -> None:  # runs in the child before exec: put the pipe ends on fds 3 and 4
            a, b = os.dup(to_r), os.dup(from_w)  # copies first, so neither end is clobbered by the other
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [_exe(), "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--no-first-run", "--disable-extensions", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4, to_r, from_w), preexec_fn=child)
        os.close(to_r)
        os.close(from_w)
        self._buf = b""
        self._id = 0
        self._events: list[dict] = []  # events that arrived while a command waited for its answer

    def _read(self) -> dict:
        while b"\0" not in self._buf:
            ready, _, _ = select.select([self._from_r], [], [], TIMEOUT)
            if not ready:
                raise ChromiumError(f"no answer from chromium in {TIMEOUT:.0f} s")
            chunk = os.read(self._from_r, 1 << 20)
            if not chunk:
                raise ChromiumError("chromium closed the DevTools pipe")
            self._buf += chunk
        msg, _, self._buf = self._buf.partition(b"\0")
        return json.loads(msg)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        """Send one command and return its result (events that arrive meanwhile are kept for `wait_event`)."""
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_w, json.dumps(msg).encode() + b"\0")
        while True:
            r = self._read()
            if r.get("id") == self._id:
                if "error" in r:
                    raise ChromiumError(f"{method}: {r['error'].get('message')}")
                return r["result"]
            if "method" in r:
                self._events.append(r)

    def wait_event(self, name: str, session: str) -> None:
        """Block until `name` has arrived for `session` (perhaps already, while a command waited)."""
        def wanted(r: dict) -> bool:
            return r.get("method") == name and r.get("sessionId") == session

        if any(wanted(r) for r in self._events):
            self._events = [r for r in self._events if r.get("sessionId") != session]
            return
        while True:
            r = self._read()
            if wanted(r):
                self._events = [e for e in self._events if e.get("sessionId") != session]
                return
            if "method" in r:
                self._events.append(r)

    def close(self) -> None:
        """Ask the browser to quit; kill it after a grace period."""
        try:
            self.call("Browser.close")
        except (ChromiumError, OSError, ValueError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_w)
        os.close(self._from_r)


def _template(text: str, font: str, align: str) -> str:
    return (f'<div style="font-family:\'{font}\';font-size:8pt;width:100%;margin:0 15mm;text-align:{align}">'
            f"{text}</div>")


def stabilise(pdf: Path) -> None:
    """Chromium stamps the print date: fix /CreationDate and /ModDate (same length, offsets stay valid)."""
    data = pdf.read_bytes()
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", rb"\g<1>20250101000000", data)
    pdf.write_bytes(data)


def print_all(jobs: list[PrintJob]) -> None:
    """Print every job with one browser; raises ChromiumError naming the HTML file that failed."""
    if not jobs:
        return
    with tempfile.TemporaryDirectory(prefix="vedtak-chromium-") as profile:
        pipe = _Pipe(profile)
        try:
            for job in jobs:
                _print_one(pipe, job)
        finally:
            pipe.close()


def _print_one(pipe: _Pipe, job: PrintJob) -> None:
    target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    try:
        pipe.call("Page.enable", session=session)
        pipe.call("Page.navigate", {"url": job.html.resolve().as_uri()}, session=session)
        pipe.wait_event("Page.loadEventFired", session)
        header = html.escape(job.running_header) if job.running_header else ""
        footer = ('Side <span class="pageNumber"></span> av <span class="totalPages"></span>'
                  if job.footer else "")
        params = {
            "landscape": job.landscape, "paperWidth": 8.27, "paperHeight": 11.69,
            "marginTop": 0.9, "marginBottom": 0.8, "marginLeft": 0.75, "marginRight": 0.75,
            "printBackground": True, "preferCSSPageSize": False,
            "displayHeaderFooter": bool(header or footer),
            "headerTemplate": _template(header, job.font, "left") if header else "<span></span>",
            "footerTemplate": _template(footer, job.font, "right") if footer else "<span></span>",
        }
        data = pipe.call("Page.printToPDF", params, session=session)["data"]
    except ChromiumError as e:
        raise ChromiumError(f"{job.html}: {e}") from e
    finally:
        pipe.call("Target.closeTarget", {"targetId": target})
    job.pdf.write_bytes(base64.b64decode(data))
    stabilise(job.pdf)
