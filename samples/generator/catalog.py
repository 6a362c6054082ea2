"""The list of samples: seed-derived, synthetic (samples/pdf) and held-out (samples/unseen)."""

from __future__ import annotations

from .model import Sample
from .seed_helse import seed_book
from .seed_other import other_doc


def catalog() -> list[tuple[str, Sample]]:
    """Every sample with its set (`main` -> samples/pdf, `unseen` -> samples/unseen/pdf)."""
    out: list[tuple[str, Sample]] = [
        ("main", Sample("helse_1-25_seed_rl_beside", seed_book(), "reportlab", "beside",
                        "Seed 002 meeting book, reportlab, header box beside the form")),
        ("main", Sample("helse_1-25_seed_lo_above", seed_book(), "docx", "above",
                        "Seed 002 meeting book, LibreOffice, form table, header table above")),
        ("main", Sample("helse_1-25_seed_lo_beside", seed_book(), "docx", "beside",
                        "Seed 002 meeting book, LibreOffice, header box table beside the form table")),
        ("main", Sample("seed_000_eu4health_news", other_doc("000"), "reportlab", "",
                        "Seed 000: news page about EU4Health (tables of calls, amounts in mill. euro)")),
        ("main", Sample("seed_001_eu4health_news", other_doc("001"), "docx", "",
                        "Seed 001: news page about EU4Health, LibreOffice")),
        ("main", Sample("seed_003_investeringsplan", other_doc("003", "Porteføljestyret for helse", "PS-HELSE"),
                        "reportlab", "", "Seed 003: investeringsplan for helse (board document without cases)")),
    ]
    return out
