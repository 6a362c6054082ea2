"""Accuracy against the generator's ground truth, per record type: the samples we tuned on,
and the unseen set kept aside (rules were not written against it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests_support import SAMPLE_PDFS, UNSEEN_PDFS, expected_of, record_of
from vedtak.eval.compare import KEYS, Score, compare
from vedtak.schema import validate_record


def _scores(pdfs: list[Path]) -> dict[str, Score]:
    totals = {k: Score() for k in KEYS}
    for pdf in pdfs:
        for kind, (s, _, _) in compare(record_of(pdf), expected_of(pdf)).items():
            totals[kind].tp += s.tp
            totals[kind].fp += s.fp
            totals[kind].fn += s.fn
    return totals


@pytest.mark.parametrize("pdf", SAMPLE_PDFS + UNSEEN_PDFS, ids=lambda p: p.stem)
def test_record_validates(pdf: Path):
    validate_record(record_of(pdf))
    validate_record(expected_of(pdf))


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_sample_matches_ground_truth(pdf: Path):
    result = compare(record_of(pdf), expected_of(pdf))
    wrong = {kind: (missing, extra) for kind, (s, missing, extra) in result.items() if missing or extra}
    assert not wrong, f"{pdf.name}: {wrong}"


def test_unseen_f1_per_record_type():
    """The held-out samples: F >= 0.98 on every record type (the bar the unseen check sets)."""
    if not UNSEEN_PDFS:
        pytest.skip("no unseen samples generated")
    scores = _scores(UNSEEN_PDFS)
    report = {k: round(s.f1, 3) for k, s in scores.items()}
    assert all(s.f1 >= 0.98 for s in scores.values()), report


@pytest.mark.parametrize("pdf", SAMPLE_PDFS, ids=lambda p: p.stem)
def test_backends_agree(pdf: Path):
    """The fast PDFium backend and the pdfplumber reference give the same records."""
    fast, reference = record_of(pdf, "pdfium"), record_of(pdf, "pdfplumber")
    result = compare(fast, reference)
    assert all(not s.fn and not s.fp for s, _, _ in result.values()), {k: (m, x) for k, (s, m, x) in result.items() if m or x}
