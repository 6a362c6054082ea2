"""Golden files: the full record of every sample, exactly as `vedtak extract` prints it.

A change in any field of any sample fails here. When the change is on purpose, rewrite them
with `UPDATE_GOLDEN=1 pytest tests/extract/test_golden.py`, review `git diff tests/golden`, and
commit; the guard test below fails while the flag is set, so it cannot be left on.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests_support import ROOT, SAMPLE_PDFS, record_of

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_record_matches_golden(pdf: Path):
    # Which NLP path ran depends on the machine (an installed nb_core_news_* wins): not golden.
    record = {**record_of(pdf), "extractor": {**record_of(pdf)["extractor"], "nlp": "<machine-dependent>"}}
    path = GOLDEN / f"{pdf.stem}.json"
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path}: run with UPDATE_GOLDEN=1 once and review it"
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text), (
        f"{pdf.name}: record differs from {path.relative_to(ROOT)}; if on purpose, UPDATE_GOLDEN=1 and review the diff"
    )


def test_update_flag_is_off():
    """Guard: golden files are rewritten only on purpose, never by a run that forgot the flag."""
    assert not UPDATE, "UPDATE_GOLDEN=1 is set: golden files were rewritten; unset it and review git diff tests/golden"


def test_every_sample_has_a_golden_file():
    names = {p.stem for p in SAMPLE_PDFS}
    goldens = {p.stem for p in GOLDEN.glob("*.json")}
    assert names == goldens
