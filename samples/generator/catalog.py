"""The list of samples: seed-derived, synthetic (samples/pdf) and held-out (samples/unseen)."""

from __future__ import annotations

from .model import Sample
from .seed_helse import seed_book


def catalog() -> list[tuple[str, Sample]]:
    """Every sample with its set (`main` -> samples/pdf, `unseen` -> samples/unseen/pdf)."""
    out: list[tuple[str, Sample]] = [
        ("main", Sample("helse_1-25_seed_rl_beside", seed_book(), "reportlab", "beside",
                        "Seed 002 meeting book, reportlab, header box beside the form")),
    ]
    return out
