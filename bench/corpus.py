"""Benchmark corpus: many meeting books and minutes of many boards and years, made on demand.

Uses the sample generator's content model (`samples.generator.synth`) and both of its renderers
(reportlab directly; python-docx converted by LibreOffice in batches), with many seeds. Meeting
books are made longer than the samples by joining the case papers of several synthetic books of
the same board and meeting (case numbers kept distinct), so a book runs to ~20–45 pages like a
real one. Output goes to `bench/corpus/full` or `bench/corpus/quick` (gitignored); a manifest records pages per file,
and `expected/` holds each PDF's expected record (so `python -m vedtak.eval.compare bench/corpus/full
bench/corpus/full/expected` scores the extractor on it).

The papers are dense like real ones (`Plan(prose=True)`: background, portfolio figures, budgets and
assessment in the case papers, a `Porteføljeanalyse` attachment after each information case, discussion in
the minutes), about 2,500 characters per page of `pdftotext` output.

    .venv/bin/python -m bench.corpus                 # full corpus: 200 PDFs, >= 3,000 pages
    .venv/bin/python -m bench.corpus --quick         # small corpus for a smoke run
    .venv/bin/python -m bench.corpus --docs 60 --out /tmp/c
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "bench" / "corpus"
FULL_DOCS = 200
QUICK_DOCS = 16
LO_BATCH = 20  # .docx files per soffice call (one process start for many conversions)


@dataclasses.dataclass(frozen=True)
class Spec:
    """One corpus document: what to generate, and how to render it."""

    name: str
    kind: str  # book | minutes
    renderer: str  # reportlab | docx
    layout: str
    hyphenate: bool
    seed: int
    board: str
    year: int
    meeting: int
    parts: int  # meeting books: how many synthetic books' case papers are joined


def plan_corpus(n_docs: int, seed: int = 20261122, libreoffice: bool = True) -> list[Spec]:
    """The documents of a corpus of `n_docs`: ~70 % meeting books, 1/3 rendered through LibreOffice
    (none with `libreoffice=False`, for tests that must not need soffice)."""
    from samples.generator import synth

    boards = ["KLIMA", "VELFERD", "HAV", "MULTEK", "ENERGI", "HUMSAM", "LMB"]
    rng = random.Random(seed)
    specs = []
    for i in range(n_docs):
        board = boards[i % len(boards)]
        year = 2019 + (i // len(boards)) % 8
        meeting = 1 + (i // (len(boards) * 8)) % 6
        kind = "book" if rng.random() < 0.7 else "minutes"
        renderer = "docx" if libreoffice and i % 3 == 2 else "reportlab"
        if kind == "book":
            layout = rng.choice(["above", "beside"] if renderer == "docx" else ["above", "beside", "beside_shaded"])
        else:
            layout = "" if renderer == "docx" else rng.choice(["", "narrow"])
        parts = rng.choice([1, 2, 2, 3]) if kind == "book" else 1
        name = f"{board.lower()}_{meeting}-{year % 100:02d}_{kind}_{renderer[:2]}_{i:04d}"
        assert hasattr(synth, board)
        specs.append(Spec(name, kind, renderer, layout, renderer == "reportlab" and rng.random() < 0.5,
                          seed + i * 7, board, year, meeting, parts))
    return specs


def build_doc(spec: Spec):
    """The content model of one corpus document (a MeetingBook of joined papers, or Minutes)."""
    from samples.generator import synth

    board = getattr(synth, spec.board)
    rng = random.Random(spec.seed)
    styles = ["running", "bullets", "table"]

    def plan(seed: int, first_case: int, attach: bool) -> synth.Plan:
        return synth.Plan(seed=seed, board=board, year=spec.year, meeting=spec.meeting, first_case=first_case,
                          decision_style=rng.choice(styles), lang="nn" if rng.random() < 0.15 else "nn_off",
                          mismatch=rng.random() < 0.3, conflict=rng.random() < 0.5, cuts=rng.random() < 0.4,
                          partial=rng.random() < 0.3, attach_minutes=attach, zero_pad=rng.random() < 0.7,
                          date_style=rng.choice(["dots", "words"]), id_lo=300000 + (spec.seed % 600) * 1000,
                          prose=True)

    # Case numbers run per board and year: meeting m uses 40(m-1)+12 onwards. Up to 56 documents
    # (meeting 1 only, one per board and year) no case id is given to two meetings, which the
    # fault tests rely on (a case row takes the meeting of whichever document loads last). In
    # bigger corpora the previous minutes that synth.meeting_book attaches (k-9.. of the same
    # year, or 40.. of the year before) can reuse an id of another meeting: harmless for timing.
    first = 12 + 40 * (spec.meeting - 1)
    if spec.kind == "minutes":
        return synth.minutes(plan(spec.seed, first, False))
    books = [synth.meeting_book(plan(spec.seed + j, first + 6 * j, j == 0)) for j in range(spec.parts)]
    # One agenda, one previous-minutes and one habilitet case per book, as in a real one: later parts
    # add their information, allocation and procedure cases (with the information case's attachment).
    papers = tuple(p for j, b in enumerate(books) for p in (b.papers if j == 0 else b.papers[3:]))
    return dataclasses.replace(books[0], papers=papers)


def _pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    return next(int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:"))


def write_expected(out: Path, specs: list[Spec], quiet: bool = False) -> None:
    """The expected record of each PDF in `out/expected/<name>.json`, made from its content model the way
    the samples' are (`samples.generator.expected.build`: facts from the model, pages read back from the
    PDF), so `python -m vedtak.eval.compare <out> <out>/expected` scores the extractor on the corpus."""
    from samples.generator.cli import validator
    from samples.generator.expected import build
    from samples.generator.model import Sample

    exp_dir = out / "expected"
    exp_dir.mkdir(exist_ok=True)
    v = validator()
    for spec in specs:
        target = exp_dir / f"{spec.name}.json"
        if target.exists():
            continue
        smp = Sample(spec.name, build_doc(spec), spec.renderer, spec.layout)
        rec = build(smp, str(out / f"{spec.name}.pdf"), f"{out.name}/{spec.name}.pdf")
        errors = [f"{list(e.path)}: {e.message}" for e in v.iter_errors(rec)]
        if errors:
            raise RuntimeError(f"{spec.name}: expected record violates record-v1.json: {errors[:3]}")
        target.write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if not quiet:
        print(f"  expected records: {exp_dir}", file=sys.stderr)


def generate(out: Path, n_docs: int, quiet: bool = False, libreoffice: bool = True, expected: bool = True) -> dict:
    """Write the corpus under `out` (skipping files already there), the expected records under
    `out/expected` (unless `expected=False`) and its manifest.json; returns the manifest."""
    from samples.generator import render_docx, render_rl
    from samples.generator.cli import soffice_convert, stabilise_pdf

    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    specs = plan_corpus(n_docs, libreoffice=libreoffice)
    docx_jobs: list[tuple[Spec, object]] = []
    for spec in specs:
        target = out / f"{spec.name}.pdf"
        if target.exists():
            continue
        doc = build_doc(spec)
        if spec.renderer == "reportlab":
            render_rl.render(doc, str(target), spec.layout or "beside", spec.hyphenate)
        else:
            docx_jobs.append((spec, doc))
    with tempfile.TemporaryDirectory(prefix="vedtak-bench-lo-") as tmp:
        tmpd = Path(tmp)
        for start in range(0, len(docx_jobs), LO_BATCH):
            batch = docx_jobs[start:start + LO_BATCH]
            paths = []
            for spec, doc in batch:
                dx = tmpd / f"{spec.name}.docx"
                render_docx.render(doc, str(dx), spec.layout or "above")
                paths.append(dx)
            conv = tmpd / f"pdf{start}"
            conv.mkdir()
            soffice_convert(paths, conv)
            for spec, _ in batch:
                target = out / f"{spec.name}.pdf"
                (conv / f"{spec.name}.pdf").replace(target)
                stabilise_pdf(target, spec.name)
            if not quiet:
                print(f"  LibreOffice: {start + len(batch)}/{len(docx_jobs)} converted", file=sys.stderr)
    if expected:
        write_expected(out, specs, quiet)
    files = [{"name": f"{s.name}.pdf", "pages": _pages(out / f"{s.name}.pdf"), "kind": s.kind,
              "renderer": s.renderer, "bytes": (out / f"{s.name}.pdf").stat().st_size} for s in specs]
    manifest = {"docs": len(files), "pages": sum(f["pages"] for f in files), "files": files}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    if not quiet:
        print(f"corpus {out}: {manifest['docs']} PDFs, {manifest['pages']} pages "
              f"({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return manifest


def ensure(out: Path = DEFAULT_OUT / "full", quick: bool = False, n_docs: int | None = None) -> dict:
    """The manifest of the corpus at `out`, generating what is missing."""
    n = n_docs or (QUICK_DOCS if quick else FULL_DOCS)
    manifest_path = out / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest["docs"] == n and all((out / f["name"]).exists() for f in manifest["files"]):
            return manifest
    return generate(out, n)


def main(argv: list[str] | None = None) -> int:
    """Command line: generate the benchmark corpus."""
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=None, help="output folder (default bench/corpus/full, or bench/corpus/quick)")
    ap.add_argument("--quick", action="store_true", help=f"{QUICK_DOCS} documents instead of {FULL_DOCS}")
    ap.add_argument("--docs", type=int, default=None, help="number of documents")
    args = ap.parse_args(argv)
    out = Path(args.out) if args.out else DEFAULT_OUT / ("quick" if args.quick else "full")
    ensure(out, args.quick, args.docs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
