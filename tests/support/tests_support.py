"""Helpers shared by the extraction tests (importable as `tests_support`: tests/support is on
pytest's pythonpath)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SAMPLE_PDFS = sorted((SAMPLES / "pdf").glob("*.pdf"))
UNSEEN_PDFS = sorted((SAMPLES / "unseen" / "pdf").glob("*.pdf"))


@cache
def record_of(path: Path, backend: str = "pdfium") -> dict:
    """The record of a sample PDF (extracted once per test process), with a stable source."""
    from vedtak.extract import extract_file

    return extract_file(path, source=str(path.relative_to(ROOT)), backend=backend)


def expected_of(path: Path) -> dict:
    """The generator's ground truth for a sample PDF."""
    import json

    return json.loads((path.parent.parent / "expected" / f"{path.stem}.json").read_text(encoding="utf-8"))
