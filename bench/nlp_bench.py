"""Speed of the NLP layer on the seed meeting book (no assertions; figures for the notes).

Run: .venv/bin/python bench/nlp_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "tests" / "nlp" / "data" / "002_meeting_book.txt"
MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s" if seconds > 0 else "inf"


def main() -> None:
    """Print build time, tokens/s of the pipeline, and calls/s of the normalisers."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")

    t0 = time.perf_counter()
    from vedtak.nlp import amounts, dates, ids, outcomes
    from vedtak.nlp import pipeline as pl

    print(f"import normalisers+pipeline: {time.perf_counter() - t0:.3f} s")
    print(f"path (before build): {pl.nlp_path_description()}")
    t0 = time.perf_counter()
    nlp = pl.get_nlp()
    print(f"get_nlp() build: {time.perf_counter() - t0:.3f} s; pipes {nlp.pipe_names}")
    print(f"path: {pl.nlp_path_description()}")

    n_tokens = len(nlp.make_doc(text))
    nlp(text)  # warm
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        nlp.make_doc(text)
    tok = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(args.repeat):
        doc = nlp(text)
    full = time.perf_counter() - t0
    print(f"seed: {len(text):,} chars, {n_tokens:,} tokens, {len(doc.ents)} entities")
    print(f"tokenizer only: {_rate(n_tokens * args.repeat, tok)} tokens")
    print(f"full pipeline:  {_rate(n_tokens * args.repeat, full)} tokens ({full / args.repeat * 1000:.1f} ms per seed)")

    for name, fn in [
        ("sentences", pl.sentences),
        ("find_case_ids", lambda t: ids.find_case_ids(t, "PS-HELSE")),
        ("find_meeting_numbers", ids.find_meeting_numbers),
        ("find_amounts", amounts.find_amounts),
        ("find_dates (warm cache)", dates.find_dates),
        ("outcome_spans (warm lemmas)", outcomes.outcome_spans),
        ("person_names (warm dicts)", pl.person_names),
    ]:
        fn(text)
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            out = fn(text)
        sec = (time.perf_counter() - t0) / args.repeat
        print(f"{name:28s} {sec * 1000:7.2f} ms per seed ({len(out)} found)")

    # parse_date: cold (every string new to the memo) vs memoised (same strings again)
    days = [dt.date(2000, 1, 1) + dt.timedelta(days=i) for i in range(2000)]
    numeric = [f"{d.day:02d}.{d.month:02d}.{d.year}" for d in days]
    words = [f"{d.day}. {MONTHS[d.month - 1]} {d.year}" for d in days]
    for label, strings in [("dd.mm.yyyy", numeric), ("d. <month> yyyy", words)]:
        dates._parse_candidate.cache_clear()
        t0 = time.perf_counter()
        for s in strings:
            dates.parse_date(s)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _ in range(5):
            for s in strings:
                dates.parse_date(s)
        warm = time.perf_counter() - t0
        print(f"parse_date {label:16s} cold {_rate(len(strings), cold)}  memoised {_rate(5 * len(strings), warm)}")


if __name__ == "__main__":
    main()
