"""`vedtak extract` of two versions of the code side by side, beside raw `pdftotext`, in one run.

    .venv/bin/python -m bench.versions 6c2ee07                 # that commit against the working tree
    .venv/bin/python -m bench.versions 6c2ee07 --rounds 3 --every 2

The other version is unpacked with `git archive` into a temporary folder (the repository is not
touched) and imported from there by a subprocess whose import finder maps `vedtak` and
`vedtak.extractors` to that folder, as the editable install maps them to the working tree. Each
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
    places = {"vedtak": Path(root) / "vedtak", "vedtak.extractors": Path(root) / "extractors"}
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


def unpack(commit: str, into: Path) -> Path:
    """The tree of `commit` written into `into` (git archive; the repository is left as it is)."""
    data = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit], check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def measure_extract(root: str, listing: Path, warm: Path) -> dict:
    """One `extract_file` loop of the code at `root` ("-": the working tree), on core 0."""
    out = subprocess.run(["taskset", "-c", "0", sys.executable, "-c", RUNNER, root, str(listing), str(warm)],
                         check=True, capture_output=True, text=True, cwd=REPO).stdout
    return json.loads(out.strip().splitlines()[-1])


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
    args = parser.parse_args(argv)
    files = [str(p) for p in sorted(args.corpus.glob("*.pdf"))[:: args.every]]
    pages = _pages(files)
    warm = REPO / "samples" / "pdf" / "velferd_4-23_minutes_rl.pdf"
    best: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="vedtak-versions-") as tmp:
        other = unpack(args.commit, Path(tmp) / "tree")
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(files))
        for r in range(args.rounds):
            for label, run in (("pdftotext", lambda: measure_pdftotext(listing)),
                               (args.commit, lambda: measure_extract(str(other), listing, warm)),
                               ("working tree", lambda: measure_extract("-", listing, warm))):
                got = run()
                print(f"round {r + 1} {label:<14} wall {got['wall']:7.2f} s" + (f"  cpu {got['cpu']:7.2f} s" if "cpu" in got else "")
                      + (f"  ({got['code']})" if "code" in got else ""), file=sys.stderr, flush=True)
                if label not in best:
                    best[label] = dict(got)
                best[label]["wall"] = min(best[label]["wall"], got["wall"])
                if "cpu" in got:
                    best[label]["cpu"] = min(best[label]["cpu"], got["cpu"])
    ptt = pages / best["pdftotext"]["wall"]
    print(f"{len(files)} PDFs, {pages} pages, best of {args.rounds} rounds, one core")
    print("| measurement | wall | pages/s | ratio to pdftotext | CPU-s | pages/CPU-s |")
    print("|---|---|---|---|---|---|")
    print(f"| raw `pdftotext` | {best['pdftotext']['wall']:.2f} s | {ptt:.0f} | 1.00 | | |")
    for label in (args.commit, "working tree"):
        b = best[label]
        print(f"| `vedtak extract`, {label} | {b['wall']:.2f} s | {pages / b['wall']:.0f} | {pages / b['wall'] / ptt:.2f} | "
              f"{b['cpu']:.2f} | {pages / b['cpu']:.0f} |")
    if args.json:
        args.json.write_text(json.dumps({"pages": pages, "files": len(files), "best": best}, indent=1))
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
