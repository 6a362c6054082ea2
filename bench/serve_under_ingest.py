"""`vedtak serve` under load while `vedtak ingest` writes to the same store (issue 16, item 6).

For each database (SQLite, PostgreSQL): load half a generated corpus, start `vedtak serve`, then
run ingests that change the store (the rest of the corpus; then a rotation: new bytes over files,
the old ones saved under new names; then a revert) while client threads read cases, meetings,
documents, people and searches as fast as they can. Prints p50 / p95 / max latency and the
errors (5xx, connection errors) per route, and checks after each request that a case read in
one response is consistent (a case listed with current appearances has its title).
No assertions: figures, as every bench here.

Run: .venv/bin/python bench/serve_under_ingest.py [--docs 30] [--clients 4] [--backend sqlite|postgresql|both]
PostgreSQL: $VEDTAK_TEST_PG_URL, else the server of scripts/pg.sh (a fresh database, dropped after).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
VEDTAK = str(Path(sys.executable).parent / "vedtak")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("VEDTAK_DATABASE_URL", None)
    env["VEDTAK_HOME"] = str(home)
    return env


def _ingest(folder: Path, db: str, home: Path) -> dict:
    proc = subprocess.run([VEDTAK, "ingest", str(folder), "--db", db, "--json"], capture_output=True, text=True,
                          env=_env(home), timeout=1800)
    try:
        return json.loads(proc.stdout)["documents"]
    except (ValueError, KeyError):
        return {"exit": proc.returncode, "stderr": proc.stderr[-500:]}


@contextmanager
def _server(db: str, home: Path):
    port = _free_port()
    proc = subprocess.Popen([VEDTAK, "serve", "--db", db, "--port", str(port), "--log-level", "warning"],
                            env=_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/health", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


class Load:
    """Client threads reading the API until stopped; latencies and errors per route."""

    def __init__(self, base: str, clients: int) -> None:
        self.base = base
        self.clients = clients
        self.stop = threading.Event()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)
        self.inconsistent: list[str] = []
        self.lock = threading.Lock()

    def _get(self, route: str, path: str):
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                body = json.loads(response.read() or b"null")
            status = response.status
        except urllib.error.HTTPError as exc:
            body, status = None, exc.code
        except (OSError, ValueError) as exc:
            body, status = None, f"{type(exc).__name__}"
        elapsed = time.perf_counter() - started
        with self.lock:
            self.times[route].append(elapsed)
            if status != 200 and status != 404:
                self.errors[route].append(f"{path}: {status}")
        return body

    def _client(self, seed: int) -> None:
        rng = random.Random(seed)
        cases: list[str] = []
        meetings: list[tuple[str, str]] = []
        while not self.stop.is_set():
            page = self._get("/cases", f"/cases?limit=50&offset={rng.randint(0, 3) * 50}") or {}
            cases = [c["case_id"] for c in page.get("items", [])] or cases
            if cases:
                case = self._get("/cases/{id}", "/cases/" + urllib.parse.quote(rng.choice(cases), safe=""))
                if case and any(a.get("current") for a in case.get("appearances", [])) and not case.get("title"):
                    with self.lock:
                        self.inconsistent.append(f"{case['case_id']}: current appearances, title null")
            listing = self._get("/meetings", "/meetings?limit=50") or {}
            meetings = [(m["board_code"], m["number"]) for m in listing.get("items", []) if m.get("number")] or meetings
            if meetings:
                board, number = rng.choice(meetings)
                self._get("/meetings/{board}/{n}", f"/meetings/{urllib.parse.quote(board)}/{number}")
            self._get("/documents", "/documents?limit=50")
            self._get("/search", "/search?q=" + urllib.parse.quote(rng.choice(["avslås", "innvilges", "reserveliste"])))

    def __enter__(self) -> Load:
        self.threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(self.clients)]
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for t in self.threads:
            t.join(60)

    def report(self, label: str) -> None:
        print(f"\n{label}")
        print(f"  {'route':<22}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}")
        for route in sorted(self.times):
            t = sorted(self.times[route])
            p95 = t[min(len(t) - 1, int(0.95 * len(t)))]
            print(f"  {route:<22}{len(t):>9}{statistics.median(t) * 1000:>9.1f}{p95 * 1000:>9.1f}"
                  f"{t[-1] * 1000:>9.1f}{len(self.errors[route]):>8}")
        for route, errors in sorted(self.errors.items()):
            for error in errors[:3]:
                print(f"    error {error}")
        print(f"  inconsistent case reads: {len(self.inconsistent)}" +
              "".join(f"\n    {x}" for x in self.inconsistent[:3]))


def run(db: str, label: str, docs: list[Path], work: Path, clients: int) -> None:
    folder = work / "papers"
    folder.mkdir()
    half = len(docs) // 2
    for path in docs[:half]:
        shutil.copy(path, folder / path.name)
    home = work / "home"
    print(f"{label}: first half loaded: {_ingest(folder, db, home)}")
    with _server(db, home) as base, Load(base, clients) as load:
        started = time.perf_counter()
        for path in docs[half:]:
            shutil.copy(path, folder / path.name)
        print(f"  rest of the corpus: {_ingest(folder, db, home)}")
        # rotation: new bytes over the first files, the old ones kept under new names
        for old, new in zip(docs[:3], docs[half:half + 3]):
            shutil.move(folder / old.name, folder / f"forrige-{old.name}")
            shutil.copy(new, folder / old.name)
        print(f"  rotation: {_ingest(folder, db, home)}")
        for old in docs[:3]:  # revert: the old bytes back under their names, the copies removed
            shutil.move(folder / f"forrige-{old.name}", folder / old.name)
        print(f"  revert: {_ingest(folder, db, home)}")
        ingest_s = time.perf_counter() - started
    load.report(f"{label}: {clients} clients during {ingest_s:.1f} s of ingests")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=30)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from bench.corpus import generate

    with tempfile.TemporaryDirectory(prefix="vedtak-serve-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        generate(corpus, args.docs, quiet=True, libreoffice=False, expected=False)
        docs = sorted(corpus.glob("*.pdf"))
        if args.backend in ("sqlite", "both"):
            work = Path(tmp) / "sqlite"
            work.mkdir()
            run(f"sqlite:///{work / 'store.db'}", "SQLite", docs, work, args.clients)
        if args.backend in ("postgresql", "both"):
            from vedtak.store.testing import PgUnavailable, fresh_pg_database

            try:
                with fresh_pg_database("vedtak_serve_bench") as url:
                    work = Path(tmp) / "pg"
                    work.mkdir()
                    run(url, "PostgreSQL", docs, work, args.clients)
            except PgUnavailable as exc:
                print(f"PostgreSQL unavailable: {exc}")


if __name__ == "__main__":
    main()
