"""A stand-in extractor for flow tests: a "PDF" here is `%PDF-1.4\\n` followed by a record's JSON.

It honours the real interface (`extract_file(path, source) -> record`, InputError for bad
input) so the flow, the cache and the loader run for real while the PDF reader is elsewhere.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from vedtak.errors import InputError

MAGIC = b"%PDF-1.4\n"


def fake_pdf(record: dict) -> bytes:
    """Bytes of a fake PDF carrying this record."""
    return MAGIC + json.dumps(record, ensure_ascii=False).encode()


def extract_file(path: str | Path, source: str | None = None) -> dict:
    """Record of a fake PDF, with the file's real sha256 and the given source."""
    data = Path(path).read_bytes()
    if not data.startswith(b"%PDF"):
        raise InputError(str(path), "not a PDF (no %PDF header)")
    try:
        record = json.loads(data[len(MAGIC):])
    except ValueError as exc:
        raise InputError(str(path), f"damaged PDF: {exc}") from None
    record["document"]["sha256"] = hashlib.sha256(data).hexdigest()
    record["document"]["source"] = source or str(path)
    return record


def dies_on_investeringsplan(path: str | Path, source: str | None = None) -> dict:
    """As extract_file, but the process dies (as by the OOM killer) on `investeringsplan.pdf`."""
    if str(source or path).endswith("investeringsplan.pdf"):
        import os

        os._exit(3)
    return extract_file(path, source)


def _is_plan(path: str | Path, source: str | None) -> bool:
    return str(source or path).endswith("investeringsplan.pdf")


def slow_on_investeringsplan(path: str | Path, source: str | None = None) -> dict:
    """As extract_file, but `investeringsplan.pdf` computes for ever in Python (as the table finder
    did on a ruling grid): the worker's timer must stop it."""
    if _is_plan(path, source):
        n = 0
        while True:
            n += 1
    return extract_file(path, source)


def stuck_on_investeringsplan(path: str | Path, source: str | None = None) -> dict:
    """As extract_file, but on `investeringsplan.pdf` the worker blocks the timer's signal and waits
    (as native code that never returns to Python): only its lane can stop it, by killing it."""
    if _is_plan(path, source):
        import signal
        import time

        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            time.sleep(1)
    return extract_file(path, source)


def bloats_on_investeringsplan(path: str | Path, source: str | None = None) -> dict:
    """As extract_file, but `investeringsplan.pdf` wants 8 GB (as a decompression bomb does)."""
    if _is_plan(path, source):
        hoard = [bytearray(64 << 20) for _ in range(128)]
        return {"hoard": len(hoard)}
    return extract_file(path, source)
