"""`vedtak extract` of two versions of the code side by side, beside raw `pdftotext`, in one run.

    .venv/bin/python -m bench.versions 6c2ee07                 # that commit against the working tree
    .venv/bin/python -m bench.versions 6c2ee07 --rounds 3 --every 2

    .venv/bin/python -m bench.versions c928dfb --ingest --rounds 3   # the ingest worker's work instead

The other version is unpacked with `git archive` into a temporary folder (the repository is not
touched; its `vedtak/pdf/charboxes.c`, if any, built as scripts/setup.sh builds it) and imported from
there by a subprocess whose import finder maps `vedtak`, `vedtak.extractors` and `vedtak.models` to
that folder, as the editable install maps them to the working tree.

`--ingest` measures what `vedtak ingest`'s worker process does instead of `vedtak extract`'s loop:
warmed as a worker is (`vedtak.warmup.warm_up`, then one document extracted and loaded), each file is
extracted and loaded (`vedtak.batch.extract_one` + `load_one`, one transaction per document) into a
fresh SQLite store under an open ingest run (the files hashed beforehand, as the flow's plan does).
Besides the loop's wall clock and CPU time it gives the CPU time of the loads alone (`load`), the part
of the worker that is not extraction. The main process and Prefect are not in it: they do the same in
both versions, on the other core.

`--cli` measures the whole command as a user runs it instead: `vedtak ingest CORPUS --db FRESH.db
--json` (one worker, Prefect's local server, the warm PREFECT_HOME `bench.run` keeps), not pinned,
each version in its own fresh SQLite store; the other version's code is put first on PYTHONPATH
(its folders linked into one `vedtak` package, as the wheel lays them out), which the worker
processes inherit. Besides the wall clock it gives the run's own clock, `extract_and_load_s` of the
summary (first batch handed to a worker to the last one loaded), and the ratio of each to pdftotext. Each
round measures, one after the other on one core (`taskset -c 0`): `pdftotext` per file, then each
version's `extract_file` loop over the corpus past its import and one warm-up document (the loop
`bench.run` times). The best round of each counts (on a shared machine, the least disturbed one),
for the wall clock and for the CPU time (`time.process_time`) separately; each version's ratio to
pdftotext is on the wall clock, as `bench.run` reports it (on a loaded machine the CPU time is the
steadier figure for comparing the two versions).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "bench" / "corpus" / "full"

RUNNER = r'''
import importlib.machinery, importlib.util, json, sys, time
from pathlib import Path
root, listing = sys.argv[1], sys.argv[2]
if root != "-":
    places = {"vedtak": Path(root) / "vedtak", "vedtak.extractors": Path(root) / "extractors",
              "vedtak.models": Path(root) / "models"}
    class Finder:
        @staticmethod
        def find_spec(name, path=None, target=None):
            if name in places:
                return importlib.util.spec_from_file_location(name, places[name] / "__init__.py",
                                                              submodule_search_locations=[str(places[name])])
            return None
    sys.meta_path.insert(0, Finder)
from vedtak.extract import extract_file
import vedtak.extract
files = Path(listing).read_text().split("\n")
extract_file(sys.argv[3])
wall, cpu = time.perf_counter(), time.process_time()
for f in files:
    extract_file(f)
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "code": vedtak.extract.__file__}))
'''

# The ingest worker's loop (vedtak.batch._worker_main without the pipe): same finder as RUNNER.
INGEST_RUNNER = RUNNER.split("from vedtak.extract import extract_file")[0] + r'''
import datetime as dt, tempfile
from vedtak.warmup import warm_up
warm_up()
from vedtak import batch
from vedtak.fingerprint import extractor_fingerprint
from vedtak.store import sources as src
from vedtak.store.db import upgrade
from vedtak.store.runs import open_run
import vedtak.store.loader
extractor_fingerprint()
now = dt.datetime.now(dt.UTC)
def fetched(f):
    return src.Fetched(f, f, src.sha256_file(f), now)
todo = [fetched(f) for f in Path(listing).read_text().split("\n")]
with tempfile.TemporaryDirectory(prefix="vedtak-versions-db-") as tmp:
    db = f"sqlite:///{tmp}/store.db"
    upgrade(db)
    run = open_run(batch.engine_for(db), ["bench.versions"])
    first = fetched(sys.argv[3])
    batch.load_one(batch.extract_one(first), first, db, run)
    load = load_wall = 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    for f in todo:
        record = batch.extract_one(f)
        t, w = time.process_time(), time.perf_counter()
        outcome = batch.load_one(record, f, db, run)
        load += time.process_time() - t
        load_wall += time.perf_counter() - w
        assert not isinstance(outcome, src.Failure), outcome
    result = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "load": load, "load_wall": load_wall,
              "code": vedtak.store.loader.__file__}
    batch.dispose_engines()
print(json.dumps(result))
'''


def unpack(commit: str, into: Path) -> Path:
    """The tree of `commit` written into `into` (git archive; the repository is left as it is)."""
    data = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    c_file = into / "vedtak" / "pdf" / "charboxes.c"
    if c_file.exists():  # as scripts/setup.sh builds it: without it that version reads ~9 % slower
        subprocess.run(["cc", "-O2", "-shared", "-fPIC", "-o", str(c_file.with_name("_charboxes.so")), str(c_file)],
                       check=True)
    return into


def measure_extract(root: str, listing: Path, warm: Path, runner: str = RUNNER) -> dict:
    """One `extract_file` loop (or `runner`'s) of the code at `root` ("-": the working tree), on core 0."""
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", runner, root, str(listing), str(warm)],
                         check=True, capture_output=True, text=True, cwd=REPO).stdout
    return json.loads(out.strip().splitlines()[-1])


def as_package(tree: Path) -> Path:
    """`tree` with its namespace folders (extractors/, models/, flows/, api/) linked into `vedtak/`, as
    the wheel lays them out: put on PYTHONPATH, `import vedtak` (and every worker process) takes it."""
    for folder, name in (("extractors", "extractors"), ("models", "models"), ("flows", "flows"), ("api", "api")):
        if (tree / folder).is_dir() and not (tree / "vedtak" / name).exists():
            (tree / "vedtak" / name).symlink_to(tree / folder, target_is_directory=True)
    return tree


def measure_cli(root: str, corpus: Path, work: Path, label: str) -> dict:
    """`vedtak ingest corpus --db (fresh) --json` of the code at `root` ("-": the working tree): wall
    clock and the summary's `extract_and_load_s`."""
    import os
    import time

    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "VEDTAK_"))}
    env.update(VEDTAK_HOME=str(work / "vedtak-home"), PREFECT_HOME=str(CORPUS.parent / "prefect-home"),
               PREFECT_LOCAL_STORAGE_PATH=str(work / "results" / label), PYTHONUNBUFFERED="1")
    if root != "-":
        env["PYTHONPATH"] = root
    db = work / f"{label}.db"
    vedtak = Path(sys.executable).with_name("vedtak")
    start = time.perf_counter()
    # run from `work`: a working directory holding a `vedtak` folder would come first on sys.path
    proc = subprocess.run([str(vedtak), "ingest", str(corpus), "--db", f"sqlite:///{db}", "--json"], env=env,
                          capture_output=True, text=True, cwd=work)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{label}: vedtak ingest failed: {proc.stderr.strip().splitlines()[-1:]}")
    summary = json.loads(proc.stdout)
    for name in db.parent.glob(db.name + "*"):
        name.unlink()
    return {"wall": wall, "work": float(summary["extract_and_load_s"]), "new": summary["documents"]["new"]}


def measure_pdftotext(listing: Path) -> dict:
    """Raw poppler, one process per file, sequential, on core 0: `bench.run`'s own pdftotext worker."""
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-m", "bench.run", "--worker", "pdftotext", "--files", str(listing)],
                         check=True, capture_output=True, text=True, cwd=REPO).stdout
    return {"wall": json.loads(out.strip().splitlines()[-1])["seconds"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("commit", help="the other version (a commit, branch or tag)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--every", type=int, default=1, help="take every Nth PDF of the corpus")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--ingest", action="store_true",
                        help="the ingest worker's extract-and-load loop into a fresh SQLite store, not extract's")
    parser.add_argument("--cli", action="store_true",
                        help="the whole `vedtak ingest` command (one worker, SQLite), not extract's loop")
    args = parser.parse_args(argv)
    files = [str(p) for p in sorted(args.corpus.glob("*.pdf"))[:: args.every]]
    pages = _pages(files)
    warm = REPO / "samples" / "pdf" / "velferd_4-23_minutes_rl.pdf"
    best: dict[str, dict] = {}
    runner = INGEST_RUNNER if args.ingest else RUNNER
    what = "`vedtak ingest` worker, SQLite" if args.ingest else "`vedtak extract`"
    with tempfile.TemporaryDirectory(prefix="vedtak-versions-") as tmp:
        other = unpack(args.commit, Path(tmp) / "tree")
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(files))
        if args.cli:
            return cli_rounds(args, other, files, pages, listing, Path(tmp))
        for r in range(args.rounds):
            for label, run in (("pdftotext", lambda: measure_pdftotext(listing)),
                               (args.commit, lambda: measure_extract(str(other), listing, warm, runner)),
                               ("working tree", lambda: measure_extract("-", listing, warm, runner))):
                got = run()
                print(f"round {r + 1} {label:<14} wall {got['wall']:7.2f} s" + (f"  cpu {got['cpu']:7.2f} s" if "cpu" in got else "")
                      + (f"  load cpu {got['load']:6.2f} s, wall {got['load_wall']:6.2f} s" if "load" in got else "")
                      + (f"  ({got['code']})" if "code" in got else ""), file=sys.stderr, flush=True)
                if label not in best:
                    best[label] = dict(got)
                best[label]["wall"] = min(best[label]["wall"], got["wall"])
                for key in ("cpu", "load", "load_wall"):
                    if key in got:
                        best[label][key] = min(best[label][key], got[key])
    ptt = pages / best["pdftotext"]["wall"]
    print(f"{len(files)} PDFs, {pages} pages, best of {args.rounds} rounds, one core")
    load = " load CPU-s | load wall |" if args.ingest else ""
    print("| measurement | wall | pages/s | ratio to pdftotext | CPU-s | pages/CPU-s |" + load)
    print("|---|---|---|---|---|---|" + ("---|---|" if args.ingest else ""))
    print(f"| raw `pdftotext` | {best['pdftotext']['wall']:.2f} s | {ptt:.0f} | 1.00 | | |" + (" | |" if args.ingest else ""))
    for label in (args.commit, "working tree"):
        b = best[label]
        print(f"| {what}, {label} | {b['wall']:.2f} s | {pages / b['wall']:.0f} | {pages / b['wall'] / ptt:.2f} | "
              f"{b['cpu']:.2f} | {pages / b['cpu']:.0f} |" + (f" {b['load']:.2f} | {b['load_wall']:.2f} s |" if args.ingest else ""))
    if args.json:
        args.json.write_text(json.dumps({"pages": pages, "files": len(files), "best": best}, indent=1))
    return 0


def cli_rounds(args, other: Path, files: list[str], pages: int, listing: Path, tmp: Path) -> int:
    """`--cli`: rounds of pdftotext, then `vedtak ingest` of each version; the best of each printed."""
    corpus = tmp / "corpus"
    corpus.mkdir()
    for f in files:
        (corpus / Path(f).name).symlink_to(f)
    as_package(other)
    one = tmp / "one"
    one.mkdir()
    (one / Path(files[0]).name).symlink_to(files[0])
    measure_cli("-", one, tmp, "warm-up")  # PREFECT_HOME created or migrated here, not in a round
    best: dict[str, dict] = {}
    for r in range(args.rounds):
        for label, run in (("pdftotext", lambda: measure_pdftotext(listing)),
                           (args.commit, lambda: measure_cli(str(other), corpus, tmp, f"main{r}")),
                           ("working tree", lambda: measure_cli("-", corpus, tmp, f"branch{r}"))):
            got = run()
            print(f"round {r + 1} {label:<14} wall {got['wall']:7.2f} s"
                  + (f"  extract-and-load {got['work']:7.2f} s ({got['new']} new)" if "work" in got else ""),
                  file=sys.stderr, flush=True)
            mine = best.setdefault(label, {})
            for key, value in got.items():
                mine[key] = min(mine.get(key, value), value)
    ptt = pages / best["pdftotext"]["wall"]
    print(f"{len(files)} PDFs, {pages} pages, best of {args.rounds} rounds; `vedtak ingest`, 1 worker, SQLite, "
          "not pinned; pdftotext pinned to one core")
    print("| measurement | wall | pages/s | ratio | extract-and-load | pages/s | ratio |")
    print("|---|---|---|---|---|---|---|")
    print(f"| raw `pdftotext` | {best['pdftotext']['wall']:.2f} s | {ptt:.0f} | 1.00 | | | |")
    for label in (args.commit, "working tree"):
        b = best[label]
        print(f"| `vedtak ingest`, {label} | {b['wall']:.2f} s | {pages / b['wall']:.0f} | {pages / b['wall'] / ptt:.2f} | "
              f"{b['work']:.2f} s | {pages / b['work']:.0f} | {pages / b['work'] / ptt:.2f} |")
    if args.json:
        args.json.write_text(json.dumps({"pages": pages, "files": len(files), "best": best, "mode": "cli"}, indent=1))
    return 0


def _pages(files: list[str]) -> int:
    """Pages of the files, counted by PDFium."""
    import pypdfium2 as pdfium

    total = 0
    for f in files:
        pdf = pdfium.PdfDocument(f)
        total += len(pdf)
        pdf.close()
    return total


if __name__ == "__main__":
    sys.exit(main())
