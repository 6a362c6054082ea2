"""Do two versions of the code give the same records? Dump every PDF's JSON record, then compare byte for byte.

A performance change must not change any record. Before the change, dump a reference set; after it,
check the same files against the dump (one process, the same `extract_file` that `vedtak extract` runs):

    .venv/bin/python -m bench.same_records dump var/ref samples/pdf samples/unseen/pdf var/dev-speed/pdf \\
        --corpus bench/corpus/full --corpus-every 3
    .venv/bin/python -m bench.same_records check var/ref

`dump` writes DIR/manifest.json (the files, in order, and the backend) and DIR/NNNN.json, one record per
file as `vedtak extract --format json` prints it (`ensure_ascii=False`, no indent), or the InputError line
for a file that is not readable. `check` reads the manifest, extracts every file again and prints each
file whose output differs (with the first differing characters); exit code 1 if any does. Both print the
CPU seconds (`time.process_time`) the extraction took, as a by-product.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path


def pdfs_in(paths: list[str]) -> list[Path]:
    """The PDFs named, folders expanded to their `*.pdf` files in name order."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.pdf")) if p.is_dir() else [p])
    return out


def record_text(path: Path, backend: str) -> str:
    """The record of one PDF as `vedtak extract --format json` prints it, or `InputError: ...` for bad input."""
    from vedtak.errors import InputError
    from vedtak.extract import extract_file

    try:
        return json.dumps(extract_file(path, backend=backend), ensure_ascii=False)
    except InputError as exc:
        return f"InputError: {exc}"


def first_difference(a: str, b: str, context: int = 60) -> str:
    """Where two texts part: the offset and a little of each side from just before it."""
    i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    lo = max(0, i - context)
    return f"at char {i}:\n    was: {a[lo:i + context]!r}\n    now: {b[lo:i + context]!r}"


def dump(out: Path, files: list[Path], backend: str) -> None:
    """Write the manifest and one record file per PDF."""
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.process_time()
    for k, path in enumerate(files):
        (out / f"{k:04d}.json").write_text(record_text(path, backend), encoding="utf-8")
    cpu = time.process_time() - t0
    (out / "manifest.json").write_text(json.dumps({"backend": backend, "files": [str(f) for f in files]}, indent=1))
    print(f"dumped {len(files)} records to {out} ({cpu:.1f} CPU-s)")


def check(ref: Path) -> int:
    """Number of files whose record differs from the dump in `ref` (each printed)."""
    manifest = json.loads((ref / "manifest.json").read_text())
    bad = 0
    t0 = time.process_time()
    for k, name in enumerate(manifest["files"]):
        was = (ref / f"{k:04d}.json").read_text(encoding="utf-8")
        now = record_text(Path(name), manifest["backend"])
        if now != was:
            bad += 1
            print(f"DIFFERS {name} {first_difference(was, now)}")
    cpu = time.process_time() - t0
    print(f"{len(manifest['files']) - bad} of {len(manifest['files'])} records identical ({cpu:.1f} CPU-s)")
    return bad


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="extract every PDF named and keep its record")
    d.add_argument("out", type=Path)
    d.add_argument("paths", nargs="*", help="PDFs or folders of PDFs")
    d.add_argument("--corpus", type=Path, help="a bench corpus folder, of which every Nth PDF is taken")
    d.add_argument("--corpus-every", type=int, default=3)
    d.add_argument("--backend", default="pdfium")
    c = sub.add_parser("check", help="extract the dumped PDFs again and compare byte for byte")
    c.add_argument("ref", type=Path)
    args = parser.parse_args(argv)
    if args.command == "dump":
        files = pdfs_in(args.paths)
        if args.corpus:
            files += pdfs_in([str(args.corpus)])[:: args.corpus_every]
        dump(args.out, files, args.backend)
        return 0
    return 1 if check(args.ref) else 0


if __name__ == "__main__":
    sys.exit(main())
