"""Helpers of the fault tests: run `vedtak` as a user does, and compare two stores canonically.

Every subprocess has a timeout; the Prefect state lives in one shared PREFECT_HOME for the test
session (a fresh one costs ~12 s more on the first flow run).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
VEDTAK = [sys.executable, "-m", "vedtak.cli"]
PREFECT_HOME = os.path.join(tempfile.gettempdir(), "vedtak-tests-prefect-home")
INGEST_TIMEOUT = 240  # seconds; a run of the test corpus takes ~10-20 s
# The flow caches extraction results by file hash and EXTRACTOR_VERSION in Prefect's result
# store; the version is not bumped on every extractor change, so a store shared across sessions
# serves records (and failure reasons) of older code. Each test session gets a fresh one.
RESULTS = tempfile.mkdtemp(prefix="vedtak-faults-results-")


def cli_env(**extra: str) -> dict[str, str]:
    """Environment of a CLI subprocess: the test PREFECT_HOME, a patient ephemeral-server start.

    The machine is shared: under load Prefect's temporary API server can take longer than its
    default 20 s to answer (`Timed out while attempting to connect to ephemeral Prefect API
    server`), which would make these tests flaky for a reason they do not test.
    """
    env = dict(os.environ)
    env.setdefault("PREFECT_HOME", PREFECT_HOME)
    env.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    env.setdefault("PREFECT_LOCAL_STORAGE_PATH", RESULTS)
    env.pop("VEDTAK_DATABASE_URL", None)
    env.update(extra)
    return env


def ingest_cmd(sources: list[str | Path], db_url: str, *extra: str) -> list[str]:
    """`vedtak ingest SOURCES --db DB --json` as an argv."""
    return [*VEDTAK, "ingest", *map(str, sources), "--db", db_url, "--json", *extra]


def ingest(sources: list[str | Path], db_url: str, *extra: str, cwd: Path | None = None,
           timeout: float = INGEST_TIMEOUT, results: Path | None = None) -> tuple[int, dict[str, Any] | None, str]:
    """Run `vedtak ingest … --json` (`results`: a Prefect result store of its own); returns
    (exit code, summary or None, stderr)."""
    env = cli_env(VEDTAK_HOME=str(Path(cwd or tempfile.gettempdir()) / "vh"),
                  **({"PREFECT_LOCAL_STORAGE_PATH": str(results)} if results else {}))
    proc = subprocess.run(ingest_cmd(sources, db_url, *extra), capture_output=True, text=True, timeout=timeout,
                          cwd=cwd or ROOT, env=env)
    try:
        summary = json.loads(proc.stdout)
    except ValueError:
        summary = None
    return proc.returncode, summary, proc.stderr


def stats_json(db_url: str) -> dict[str, Any]:
    """`vedtak stats --json` of a store, as a user runs it."""
    proc = subprocess.run([*VEDTAK, "stats", "--db", db_url, "--json"], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env=cli_env())
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# Columns that differ between two correct runs: when and by which run a row was written.
VOLATILE = {"fetched_at", "valid_from", "valid_to", "superseded_at", "ingest_run_id", "created_at", "updated_at",
            "loaded_at", "first_seen_at", "last_seen_at"}
SKIP_TABLES = {"ingest_runs", "alembic_version"}


def canonical_dump(db_url: str, tables: set[str] | None = None) -> dict[str, list[str]]:
    """Every table of the store as a sorted list of rows, with surrogate ids replaced by what they
    point at (recursively), and run/time bookkeeping left out. Two stores holding the same facts
    give equal dumps whatever order the documents were loaded in; a duplicate row or a missing
    one shows up as a difference.
    """
    from sqlalchemy import DateTime, select

    from vedtak.models import Base
    from vedtak.store.db import make_engine

    engine = make_engine(db_url)
    canon: dict[str, dict[Any, str]] = {}
    dump: dict[str, list[str]] = {}
    try:
        with engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                if table.name in SKIP_TABLES or (tables and table.name not in tables):
                    continue
                pk = [c.name for c in table.primary_key.columns]
                keep = [c for c in table.columns if c.name not in VOLATILE and not isinstance(c.type, DateTime)]
                fks = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
                rows = conn.execute(select(table)).mappings().all()
                canon[table.name] = {}
                out = []
                for row in rows:
                    parts = []
                    for col in keep:
                        if col.name in pk and col.name not in fks:
                            continue
                        value = row[col.name]
                        if col.name in fks and value is not None:
                            value = canon.get(fks[col.name], {}).get(value, f"<dangling {fks[col.name]} {value}>")
                        parts.append(f"{col.name}={json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)}")
                    text = "(" + ", ".join(parts) + ")"
                    canon[table.name][tuple(row[c] for c in pk)[0] if len(pk) == 1 else tuple(row[c] for c in pk)] = text
                    out.append(text)
                dump[table.name] = sorted(out)
    finally:
        engine.dispose()
    return dump


def dump_difference(a: dict[str, list[str]], b: dict[str, list[str]], limit: int = 5) -> str:
    """A short description of how two dumps differ (for assertion messages)."""
    from collections import Counter

    lines = []
    for name in sorted(set(a) | set(b)):
        ca, cb = Counter(a.get(name, [])), Counter(b.get(name, []))
        only_a, only_b = list((ca - cb).elements()), list((cb - ca).elements())
        if only_a or only_b:
            lines.append(f"{name}: {len(only_a)} row(s) only in the first, {len(only_b)} only in the second")
            lines += [f"  - {r[:300]}" for r in only_a[:limit]] + [f"  + {r[:300]}" for r in only_b[:limit]]
    return "\n".join(lines)


def good_corpus(out: Path, n_docs: int) -> list[Path]:
    """`n_docs` distinct board papers from the benchmark generator (reportlab only), sorted."""
    sys.path.insert(0, str(ROOT))
    from bench.corpus import generate

    generate(out, n_docs, quiet=True, libreoffice=False)
    return sorted(out.glob("*.pdf"))


# --- the bad-input corpus ------------------------------------------------------------------


def _pdf_objects(objects: list[bytes]) -> bytes:
    """A PDF file from numbered object bodies (1-based), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (`/Count 0`)."""
    return _pdf_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


def image_only_pdf(path: Path) -> None:
    """One A4 page holding only a raster image of text-like bars (a scan: no text layer)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    import io
    import zlib
    import struct

    w, h = 200, 100
    raw = b"".join(b"\x00" + bytes(0 if (y // 6) % 2 and 10 < x < 190 else 255 for x in range(w)) for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawImage(ImageReader(io.BytesIO(png)), 72, 500, width=450, height=225)
    c.showPage()
    c.save()


def encrypted_pdf(path: Path) -> None:
    """A PDF that needs a user password (`hemmelig`)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt="hemmelig")
    c.drawString(72, 720, "Møteprotokoll Porteføljestyret for helse, Sak PS-HELSE 1/25")
    c.showPage()
    c.save()


def long_pdf(path: Path, pages: int = 2000) -> None:
    """A `pages`-page PDF made cheaply: tiny pages, two short lines each (uncompressed reportlab)."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(220, 80), pageCompression=0, invariant=1)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 7)
        c.drawString(10, 50, f"Vedlegg {n}: Rapportering fra porteføljen")
        c.drawString(10, 20, f"Side {n} av {pages}")
        c.showPage()
    c.save()


def damaged_pdf(good: bytes) -> bytes:
    """A PDF whose middle third is overwritten with noise (objects and streams broken, size kept)."""
    n = len(good)
    noise = bytes((i * 131 + 17) % 256 for i in range(n // 3))
    return good[: n // 3] + noise + good[n // 3 + len(noise):]


def malformed_font_pdf(good: bytes) -> bytes:
    """`good` with the bytes of every embedded font program (FontFile/FontFile2/FontFile3 streams)
    overwritten by noise of the same length (the objects and xref stay valid)."""
    import re

    data = bytearray(good)
    font_objs = {m.group(1) for m in re.finditer(rb"/FontFile[23]?\s+(\d+)\s+0\s+R", good)}
    hit = 0
    for num in font_objs:
        m = re.search(rb"(?:^|[\r\n])" + num + rb"\s+0\s+obj.*?stream\r?\n", good, re.S)
        if not m:
            continue
        start = m.end()
        end = good.find(b"endstream", start)
        for i in range(start, end - 2):
            data[i] = (i * 37 + 11) % 256
        hit += 1
    if not hit:
        raise ValueError("no embedded font stream found to corrupt")
    return bytes(data)


# --- hostile PDFs (issue 16): small files that cost minutes or gigabytes to read -------------


def ruling_grid_pdf(path: Path, lines: int = 500, pages: int = 1) -> None:
    """`pages` A4 pages each ruled with `lines` horizontal and `lines` vertical lines (graph paper
    at 100-150; a 500 x 500 grid took the table finder ~18 minutes), a line of text on each."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    width, height = A4
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(pages):
        c.setLineWidth(0.1)
        for i in range(lines + 1):
            y = 20 + i * (height - 40) / lines
            c.line(20, y, width - 20, y)
            x = 20 + i * (width - 40) / lines
            c.line(x, 20, x, height - 20)
        c.drawString(40, height - 15, f"Rutenett side {page + 1}")
        c.showPage()
    c.save()


def bomb_pdf(mb: int) -> bytes:
    """One page whose content stream is `mb` MiB of spaces, compressed twice (~2 KB for 1 GiB):
    PDFium holds the whole decoded stream, so reading it takes more than `mb` MiB of memory."""
    import zlib

    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    once = b"".join(packer.compress(block) for _ in range(mb)) + packer.flush()
    twice = zlib.compress(once, 9)
    stream = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(twice) + twice + b"\nendstream"
    return _pdf_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                         b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", stream])
