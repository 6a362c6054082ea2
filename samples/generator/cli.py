"""Command line: render every sample, convert the .docx ones in one LibreOffice call, write expected JSON."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .catalog import catalog
from .expected import build
from .model import Sample

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "vedtak" / "schema" / "record-v1.json"
SETS = {"main": ("pdf", "expected", "samples/pdf"), "unseen": ("unseen/pdf", "unseen/expected", "samples/unseen/pdf")}


def validator():
    """A jsonschema validator for record-v1.json."""
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def soffice_convert(docx_paths: list[Path], outdir: Path) -> None:
    """Convert many .docx at once with a private LibreOffice profile (so parallel runs do not clash)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise RuntimeError("soffice not found: cannot convert the LibreOffice samples (install libreoffice-writer)")
    with tempfile.TemporaryDirectory(prefix="vedtak-lo-") as prof:
        cmd = [exe, f"-env:UserInstallation=file://{prof}", "--headless", "--convert-to", "pdf",
               "--outdir", str(outdir), *map(str, docx_paths)]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
        if r.returncode != 0:
            raise RuntimeError(f"soffice failed ({r.returncode}): {r.stderr.strip()}")
    for p in docx_paths:
        if not (outdir / (p.stem + ".pdf")).exists():
            raise RuntimeError(f"soffice did not write {p.stem}.pdf (from {p})")


def stabilise_pdf(path: Path, key: str) -> None:
    """Make a LibreOffice PDF byte-stable: fixed CreationDate/ModDate digits, /ID and /DocChecksum
    derived from `key` (same-length replacements, so the xref offsets stay valid)."""
    data = path.read_bytes()
    digest = hashlib.md5(key.encode()).hexdigest().upper().encode()
    data = re.sub(rb"(/(?:CreationDate|ModDate)\s*\(D:)\d{14}", rb"\g<1>20250101000000", data)
    data = re.sub(rb"(/ID\s*\[\s*<)[0-9A-Fa-f]{32}(>\s*<)[0-9A-Fa-f]{32}(>\s*\])",
                  rb"\g<1>" + digest + rb"\g<2>" + digest + rb"\g<3>", data)
    data = re.sub(rb"(/DocChecksum\s*/)[0-9A-F]{32}", rb"\g<1>" + digest, data)
    path.write_bytes(data)


def generate(out: Path, only: set[str] | None = None, renderers: set[str] | None = None,
             sets: set[str] | None = None, quiet: bool = False) -> list[tuple[str, Sample, Path, Path]]:
    """Write the selected samples under `out`; returns (set, sample, pdf, json) for each written."""
    from . import render_rl

    t0 = time.perf_counter()
    chosen = [(s, smp) for s, smp in catalog()
              if (not only or smp.name in only) and (not renderers or smp.renderer in renderers)
              and (not sets or s in sets)]
    if only and not chosen:
        raise SystemExit(f"no sample named {sorted(only)}")
    written = []
    docx_jobs: list[tuple[str, Sample, Path]] = []
    with tempfile.TemporaryDirectory(prefix="vedtak-samples-") as tmp:
        tmpd = Path(tmp)
        for set_name, smp in chosen:
            pdf_dir = out / SETS[set_name][0]
            pdf_dir.mkdir(parents=True, exist_ok=True)
            pdf = pdf_dir / f"{smp.name}.pdf"
            if smp.renderer == "reportlab":
                render_rl.render(smp.doc, str(pdf), smp.layout, smp.hyphenate)
            elif smp.renderer == "docx":
                from . import render_docx

                dx = tmpd / f"{smp.name}.docx"
                render_docx.render(smp.doc, str(dx), smp.layout)
                docx_jobs.append((set_name, smp, dx))
            else:
                raise ValueError(f"{smp.name}: unknown renderer {smp.renderer}")
        if docx_jobs:
            conv = tmpd / "pdf"
            conv.mkdir()
            soffice_convert([d for _, _, d in docx_jobs], conv)
            for set_name, smp, dx in docx_jobs:
                target = out / SETS[set_name][0] / f"{smp.name}.pdf"
                shutil.move(str(conv / f"{smp.name}.pdf"), str(target))
                stabilise_pdf(target, smp.name)
    v = validator()
    for set_name, smp in chosen:
        pdf = out / SETS[set_name][0] / f"{smp.name}.pdf"
        exp_dir = out / SETS[set_name][1]
        exp_dir.mkdir(parents=True, exist_ok=True)
        rec = build(smp, str(pdf), f"{SETS[set_name][2]}/{smp.name}.pdf")
        errors = sorted(v.iter_errors(rec), key=lambda e: list(e.path))
        if errors:
            raise RuntimeError(f"{smp.name}: expected record violates record-v1.json: "
                               + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5]))
        js = exp_dir / f"{smp.name}.json"
        js.write_text(json.dumps(rec, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append((set_name, smp, pdf, js))
        if not quiet:
            print(f"{set_name:6} {smp.renderer:9} {rec['document']['pages']:3}p  {len(rec['cases']):2} cases "
                  f"{len(rec['applications']):3} apps  {pdf.relative_to(out)}")
    if not quiet:
        print(f"{len(written)} samples in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and generate."""
    ap = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__)
    ap.add_argument("--out", default=str(REPO / "samples"), help="output root (default: samples/)")
    ap.add_argument("--only", action="append", help="sample name (repeatable, or comma-separated)")
    ap.add_argument("--renderer", action="append", choices=["reportlab", "docx"], help="only these renderers")
    ap.add_argument("--set", action="append", choices=list(SETS), help="only these sets")
    args = ap.parse_args(argv)
    only = {n for o in args.only or [] for n in o.split(",") if n} or None
    os.makedirs(args.out, exist_ok=True)
    generate(Path(args.out), only, set(args.renderer or []) or None, set(args.set or []) or None)
    return 0
