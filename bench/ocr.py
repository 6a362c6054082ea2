"""OCR benchmark: per-field F of `vedtak extract` on scanned copies, and OCR pages/s on one core.

    .venv/bin/python -m bench.ocr                      # scanned copies of samples/unseen (~140 pages)
    .venv/bin/python -m bench.ocr --set main -v        # the samples the rules are written against
    options: --scans DIR (default var/scanned/<set>), --only NAME, --warm (keep the OCR cache), --json OUT

The scanned copies are made by `samples.generator.scanned` (rasterised at 150/200/300 dpi by
sample, turned by under a degree, light noise, some pages sideways or upside down) unless they are
there already; their expected records are the text-layer originals' records. Every document is
extracted in this one process (Tesseract on one thread), with a fresh, empty OCR cache (so every page is
really OCR'd: `--warm` keeps the cache of an earlier run instead), and scored with
`vedtak.eval.compare` type by type (micro-averaged over the documents); `overall` pools every
type's counts. Then the same documents again with the cache filled: what a re-run costs.

Pages/s on one core = OCR'd pages / (CPU seconds of this process + of its Tesseract children),
so another engineer's load on the machine does not count; the wall clock is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGETS = {"overall": 0.90, "each": 0.85}


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def run_set(pdfs: list[Path], expected_dir: Path, verbose: bool) -> dict:
    """Extract every PDF, score it against its expected record; CPU and wall time, pages."""
    from vedtak.eval.compare import KEYS, Score, compare
    from vedtak.extract import extract_document
    from vedtak.pdf.reader import read_document

    totals = {k: Score() for k in KEYS}
    pages = ocr_pages = 0
    confidences: list[float] = []
    per_doc = {}
    cpu0, wall0 = _cpu(), time.perf_counter()
    for pdf in pdfs:
        doc = read_document(pdf)
        record = extract_document(doc).to_json()
        pages += doc.page_count
        read = [p.ocr for p in doc.pages if p.ocr is not None and p.ocr.confidence is not None]
        ocr_pages += len(read)
        confidences.extend(p.confidence for p in read)
        expected = json.loads((expected_dir / f"{pdf.stem}.json").read_text(encoding="utf-8"))
        result = compare(record, expected)
        notes = []
        for kind, (s, missing, extra) in result.items():
            t = totals[kind]
            t.tp += s.tp
            t.fp += s.fp
            t.fn += s.fn
            if s.fp or s.fn:
                notes.append(f"{kind} F={s.f1:.2f} (-{s.fn} +{s.fp})")
                if verbose:
                    notes.extend(f"   MISSING {kind}: {m}" for m in missing[:8])
                    notes.extend(f"   EXTRA   {kind}: {x}" for x in extra[:8])
        per_doc[pdf.stem] = notes
        print(f"{pdf.stem}: {'OK' if not notes else notes[0]}", flush=True)
        for n in notes[1:]:
            print(f"   {n}", flush=True)
    cpu, wall = _cpu() - cpu0, time.perf_counter() - wall0
    pooled = Score(sum(s.tp for s in totals.values()), sum(s.fp for s in totals.values()), sum(s.fn for s in totals.values()))
    return {
        "pages": pages, "ocr_pages": ocr_pages, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
        "pages_per_cpu_s": round(ocr_pages / cpu, 3) if cpu else None,
        "mean_confidence": round(sum(confidences) / len(confidences), 3) if confidences else None,
        "f": {k: round(s.f1, 3) for k, s in totals.items()}, "counts": {k: [s.tp, s.fp, s.fn] for k, s in totals.items()},
        "overall": round(pooled.f1, 3), "documents": per_doc,
    }


def main(argv: list[str] | None = None) -> int:
    """Make the scanned copies if needed, measure, print (and save) the figures."""
    ap = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("main", "unseen"), default="unseen")
    ap.add_argument("--scans", type=Path, help="folder of scanned copies (pdf/, expected/); made if missing")
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--warm", action="store_true", help="keep the OCR cache of an earlier run (no cold figure)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    from samples.generator.scanned import scan_set
    from vedtak.pdf.ocr import tesseract_problem, tesseract_version

    problem = tesseract_problem()
    if problem:
        print(f"bench.ocr: {problem}", file=sys.stderr)
        return 2
    scans = args.scans or REPO / "var" / "scanned" / args.set
    if not (scans / "expected").is_dir():
        print(f"making scanned copies of samples/{args.set} in {scans}", flush=True)
        scan_set(args.set, scans)
    pdfs = sorted(p for p in (scans / "pdf").glob("*.pdf") if not args.only or p.stem in args.only)
    from vedtak.extract import extract_document  # noqa: F401  import and warm-up before the clock
    from vedtak.nlp.pipeline import get_nlp

    get_nlp()
    results = {"tesseract": tesseract_version(), "set": args.set, "documents": len(pdfs)}
    with tempfile.TemporaryDirectory(prefix="vedtak-ocr-cache-") as tmp:
        if not args.warm:
            os.environ["VEDTAK_CACHE_DIR"] = tmp
        print("== cold: every page OCR'd" if not args.warm else "== with the existing cache", flush=True)
        results["cold" if not args.warm else "warm"] = first = run_set(pdfs, scans / "expected", args.verbose)
        if not args.warm:
            print("== warm: the same documents again, OCR from the cache", flush=True)
            results["warm"] = run_set(pdfs, scans / "expected", False)
    r = first
    print(f"\nTesseract: {results['tesseract']}; {len(pdfs)} documents, {r['pages']} pages, {r['ocr_pages']} read by OCR, "
          f"mean word confidence {r['mean_confidence']}")
    print("per-field F: " + "  ".join(f"{k} {v:.3f}" for k, v in r["f"].items()) + f"   overall {r['overall']:.3f}")
    worst = min(r["f"].values())
    print(f"targets: overall >= {TARGETS['overall']} ({'met' if r['overall'] >= TARGETS['overall'] else 'MISSED'}), "
          f"every field >= {TARGETS['each']} ({'met' if worst >= TARGETS['each'] else 'MISSED'})")
    label = "cold" if not args.warm else "warm"
    print(f"{label}: {r['pages_per_cpu_s']} OCR pages per CPU second (one core; {r['cpu_s']} CPU s, {r['wall_s']} s wall)")
    if "warm" in results and not args.warm:
        w = results["warm"]
        print(f"re-run from the cache: {w['cpu_s']} CPU s, {w['wall_s']} s wall ({w['pages'] / w['cpu_s']:.2f} pages per CPU second)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
