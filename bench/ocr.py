"""OCR benchmark: per-field F of `vedtak extract` on scanned copies, and OCR pages/s on one core.

    .venv/bin/python -m bench.ocr                      # scanned copies of samples/unseen (~140 pages)
    .venv/bin/python -m bench.ocr --set main -v        # the samples the rules are written against
    .venv/bin/python -m bench.ocr --scans var/scanned/var-9500   # scanned copies of a variation set (its manifest)
    options: --scans DIR (default var/scanned/<set>), --only NAME, --warm (keep the OCR cache), --json OUT,
             --records DIR (each extracted record as DIR/NAME.json, to diff scans against their originals)

The scanned copies are made by `samples.generator.scanned` (rasterised at 150/200/300 dpi by
sample, turned by under a degree, light noise, some pages sideways or upside down) unless they are
there already; their expected records are the text-layer originals' records. Every document is
extracted in one of `--jobs` worker processes (default 2; Tesseract on one thread), with a fresh,
empty OCR cache (so every page is really OCR'd: `--warm` keeps the cache of an earlier run
instead), and scored with
`vedtak.eval.compare` type by type (micro-averaged over the documents); `overall` pools every
type's counts. Findings are scored on the codes expected records state (`stated_findings`); the
figure over every code is printed beside it. Then the same documents again with the cache filled: what a
re-run costs.

Pages/s on one core = OCR'd pages / (CPU seconds of the extracting processes + their Tesseract
children, summed over the documents), so neither the number of jobs nor other load on the machine
changes it; the wall clock is printed beside it.
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


def _warm() -> None:
    from vedtak.nlp.pipeline import get_nlp

    get_nlp()


def extract_one(pdf: Path) -> tuple[dict, int, list[float], float]:
    """One document's record, page count, OCR confidences and the CPU seconds it took (this
    process and its Tesseract children)."""
    from vedtak.extract import extract_document
    from vedtak.pdf.reader import read_document

    cpu0 = _cpu()
    doc = read_document(pdf)
    record = extract_document(doc).to_json()
    cpu = _cpu() - cpu0
    read = [p.ocr.confidence for p in doc.pages if p.ocr is not None and p.ocr.confidence is not None]
    return record, doc.page_count, read, cpu


def run_set(pdfs: list[Path], expected_dir: Path, verbose: bool, jobs: int, records: Path | None = None) -> dict:
    """Extract every PDF (in `jobs` processes), score it against its expected record; CPU and wall time, pages.
    With `records`, each extracted record is also written there as NAME.json (to diff two runs)."""
    from multiprocessing import get_context

    from vedtak.eval.compare import KEYS, Score, compare

    totals = {k: Score() for k in KEYS}
    every_code = Score()  # findings of every code, the self-checks the expected records do not state included
    pages = ocr_pages = 0
    cpu = 0.0
    confidences: list[float] = []
    per_doc = {}
    wall0 = time.perf_counter()
    with get_context("fork").Pool(jobs, initializer=_warm) as pool:
        for pdf, (record, n_pages, read, doc_cpu) in zip(pdfs, pool.imap(extract_one, pdfs)):
            pages += n_pages
            ocr_pages += len(read)
            confidences.extend(read)
            cpu += doc_cpu
            expected = json.loads((expected_dir / f"{pdf.stem}.json").read_text(encoding="utf-8"))
            if records is not None:
                records.mkdir(parents=True, exist_ok=True)
                (records / f"{pdf.stem}.json").write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            notes = []
            every, _, _ = compare(record, expected)["findings"]
            every_code.tp, every_code.fp, every_code.fn = every_code.tp + every.tp, every_code.fp + every.fp, every_code.fn + every.fn
            for kind, (sc, missing, extra) in compare(stated_findings(record), stated_findings(expected)).items():
                t = totals[kind]
                t.tp += sc.tp
                t.fp += sc.fp
                t.fn += sc.fn
                if sc.fp or sc.fn:
                    notes.append(f"{kind} F={sc.f1:.2f} (-{sc.fn} +{sc.fp})")
                    if verbose:
                        notes.extend(f"   MISSING {kind}: {m}" for m in missing[:8])
                        notes.extend(f"   EXTRA   {kind}: {x}" for x in extra[:8])
            per_doc[pdf.stem] = notes
            print(f"{pdf.stem}: {n_pages} pages, {doc_cpu:.1f} CPU s: {'OK' if not notes else notes[0]}", flush=True)
            for n in notes[1:]:
                print(f"   {n}", flush=True)
    wall = time.perf_counter() - wall0
    pooled = Score(sum(t.tp for t in totals.values()), sum(t.fp for t in totals.values()), sum(t.fn for t in totals.values()))
    return {
        "pages": pages, "ocr_pages": ocr_pages, "cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "jobs": jobs,
        "pages_per_cpu_s": round(ocr_pages / cpu, 3) if cpu else None,
        "mean_confidence": round(sum(confidences) / len(confidences), 3) if confidences else None,
        "f": {k: round(t.f1, 3) for k, t in totals.items()}, "counts": {k: [t.tp, t.fp, t.fn] for k, t in totals.items()},
        "overall": round(pooled.f1, 3), "documents": per_doc,
        "findings_every_code": {"f": round(every_code.f1, 3), "counts": [every_code.tp, every_code.fp, every_code.fn],
                                "overall": round(Score(pooled.tp - totals["findings"].tp + every_code.tp,
                                                       pooled.fp - totals["findings"].fp + every_code.fp,
                                                       pooled.fn - totals["findings"].fn + every_code.fn).f1, 3)},
    }


def stated_findings(record: dict) -> dict:
    """The record with only the findings whose codes expected records state (`EXPECTED_FINDINGS`:
    `count_mismatch`, `conflicting_outcomes`, `missing_case_header`), as `vedtak.eval.compare.fields`
    scores them. The self-checks the sample generators do not model (`unassigned_application_ids`,
    `unknown_table`, `case_paper_without_proposal`, `ocr_low_confidence`, ...) have no truth to be
    scored against; `findings_every_code` in the output scores them all as before, for comparison."""
    from vedtak.eval.compare import EXPECTED_FINDINGS

    return {**record, "findings": [f for f in record.get("findings", []) if f.get("code") in EXPECTED_FINDINGS]}


def main(argv: list[str] | None = None) -> int:
    """Make the scanned copies if needed, measure, print (and save) the figures."""
    ap = argparse.ArgumentParser(prog="python -m bench.ocr", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=("main", "unseen"), default="unseen")
    ap.add_argument("--scans", type=Path, help="folder of scanned copies (pdf/, expected/); made if missing")
    ap.add_argument("--only", action="append", default=[])
    ap.add_argument("--warm", action="store_true", help="keep the OCR cache of an earlier run (no cold figure)")
    ap.add_argument("--cache", type=Path, help="OCR cache folder to use and keep (default: a fresh temporary one)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--records", type=Path, help="write each extracted record to this folder as NAME.json")
    ap.add_argument("--jobs", type=int, default=2, help="documents extracted at once, each in its own process")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)

    from samples.generator.scanned import SETS, scan_set
    from vedtak.pdf.ocr import tesseract_problem, tesseract_version

    problem = tesseract_problem()
    if problem:
        print(f"bench.ocr: {problem}", file=sys.stderr)
        return 2
    scans = args.scans or REPO / "var" / "scanned" / args.set
    # a folder of scanned copies with its own manifest (`samples.generator.scanned --from DIR`: a
    # variation set) is measured as it is; otherwise the copies of the sample set's documents
    listed = scans / "manifest.json"
    source = scans / "expected" if listed.is_file() else REPO / SETS[args.set][1]
    names = [p.stem for p in sorted(source.glob("*.json")) if not args.only or p.stem in args.only]
    missing = [n for n in names if not (scans / "expected" / f"{n}.json").exists()]
    if missing:
        print(f"making scanned copies of {len(missing)} samples of samples/{args.set} in {scans}", flush=True)
        scan_set(args.set, scans, only=missing)
    pdfs = [scans / "pdf" / f"{n}.pdf" for n in names]
    from vedtak.extract import extract_document  # noqa: F401  imported before the workers fork
    results = {"tesseract": tesseract_version(), "set": str(scans) if listed.is_file() else args.set, "documents": len(pdfs)}
    with tempfile.TemporaryDirectory(prefix="vedtak-ocr-cache-") as tmp:
        if args.cache:
            args.warm = args.warm or any(args.cache.glob("ocr/*/*.txt"))  # a filled cache gives no cold figure
            os.environ["VEDTAK_CACHE_DIR"] = str(args.cache)
        elif not args.warm:
            os.environ["VEDTAK_CACHE_DIR"] = tmp
        print("== cold: every page OCR'd" if not args.warm else "== with the existing cache", flush=True)
        results["cold" if not args.warm else "warm"] = first = run_set(pdfs, scans / "expected", args.verbose, args.jobs, args.records)
        if not args.warm:
            print("== warm: the same documents again, OCR from the cache", flush=True)
            results["warm"] = run_set(pdfs, scans / "expected", False, args.jobs)
    r = first
    print(f"\nTesseract: {results['tesseract']}; {len(pdfs)} documents, {r['pages']} pages, {r['ocr_pages']} read by OCR, "
          f"mean word confidence {r['mean_confidence']}")
    print("per-field F: " + "  ".join(f"{k} {v:.3f}" for k, v in r["f"].items()) + f"   overall {r['overall']:.3f}")
    e = r["findings_every_code"]
    print(f"findings of every code (the self-checks expected records do not state counted as wrong): F {e['f']:.3f} "
          f"(right, extra, missed: {e['counts']}), overall then {e['overall']:.3f}")
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
