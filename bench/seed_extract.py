"""`vedtak extract` of the seed meeting book vs pdfplumber reading it (issue 2's yardstick).

Prints, measured in one run, interleaved so machine load hits both alike (best of N):
pdfplumber `extract_words` over every page (the baseline, read once), and the full
`extract_file` with each backend, each also as a ratio to reading the book twice with pdfplumber.

    .venv/bin/python bench/seed_extract.py [PDF] [--repeat 5]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def plumber_read(path: Path) -> int:
    import pdfplumber

    n = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            n += len(page.extract_words())
            page.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("pdf", nargs="?", default=str(ROOT / "samples/pdf/helse_1-25_seed_rl_beside.pdf"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    path = Path(args.pdf)
    from vedtak.extract import extract_file

    extract_file(path)  # warm: imports, spaCy, dateparser, NER model
    best = {"pdfplumber read (baseline)": 1e9, "vedtak extract --backend pdfium": 1e9, "vedtak extract --backend pdfplumber": 1e9}
    pages = 0
    for _ in range(args.repeat):
        t = time.perf_counter(); plumber_read(path); best["pdfplumber read (baseline)"] = min(best["pdfplumber read (baseline)"], time.perf_counter() - t)
        t = time.perf_counter(); r = extract_file(path, backend="pdfium"); best["vedtak extract --backend pdfium"] = min(best["vedtak extract --backend pdfium"], time.perf_counter() - t)
        t = time.perf_counter(); extract_file(path, backend="pdfplumber"); best["vedtak extract --backend pdfplumber"] = min(best["vedtak extract --backend pdfplumber"], time.perf_counter() - t)
        pages = r["document"]["pages"]
    base = best["pdfplumber read (baseline)"]
    print(f"{path.name}: {pages} pages, best of {args.repeat}, warm process")
    for name, secs in best.items():
        print(f"  {name:38s} {secs * 1000:8.0f} ms  {pages / secs:7.1f} pages/s  = {secs / (2 * base):5.2f} x pdfplumber reading it twice")


if __name__ == "__main__":
    main()
