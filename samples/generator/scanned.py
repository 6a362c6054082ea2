"""Scanned copies of the samples: what an office scanner makes of a printed board paper.

Each page of a sample PDF is rasterised with pypdfium2 in grey at 150, 200 or 300 dpi, turned by
under a degree, given light noise (grain and a few specks) and written back as a PDF holding only
that JPEG image, so the copy has no text layer at all. Some pages are put on the glass sideways or
upside down (turned 90° or 180°). Everything is drawn from a `random.Random` seeded by the
sample's name: the same sample always gives the same scan.

The expected record of a scanned copy is the original's (`samples/expected/<name>.json`) with the
copy's sha256 and path: scanning changes the pixels, not the facts.

```
.venv/bin/python -m samples.generator.scanned --set unseen --out var/scanned/unseen
.venv/bin/python -m samples.generator.scanned --set main --only klima_2-23_minutes_rl --dpi 150 --out /tmp/s
.venv/bin/python -m samples.generator.scanned --from var/var-9500 --out var/scanned/var-9500   # a variation set
```
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
SETS = {"main": ("samples/pdf", "samples/expected"), "unseen": ("samples/unseen/pdf", "samples/unseen/expected")}
DPIS = (200, 300, 150)  # office scanners' settings; every third sample at each
MAX_SKEW = 0.9  # degrees: a page laid on the glass by hand
TURN_SHARE = 0.12  # share of pages put on the glass sideways or upside down


@dataclass(frozen=True, slots=True)
class PageScan:
    """How one page is scanned: resolution, small turn (degrees, counter-clockwise), quarter turn, noise."""

    dpi: int
    skew: float
    turn: int  # 0, 90 or 180: the page lay sideways or upside down
    grain: float  # standard deviation of the grey noise (0-255 scale)
    specks: int  # dark specks of dust on the glass


def plan(name: str, pages: int, dpi: int | None = None) -> tuple[PageScan, ...]:
    """The scan of each page of sample `name`: one resolution per document, a turn per page."""
    rng = random.Random(int(hashlib.sha256(name.encode()).hexdigest()[:12], 16))
    doc_dpi = DPIS[rng.randrange(len(DPIS))]  # drawn even when `dpi` overrides it: the pages' turns stay the same
    doc_dpi = dpi or doc_dpi
    out = []
    for _ in range(pages):
        turn = 0
        if rng.random() < TURN_SHARE:
            turn = rng.choice((90, 180))
        out.append(PageScan(doc_dpi, round(rng.uniform(-MAX_SKEW, MAX_SKEW), 2), turn, round(rng.uniform(4.0, 9.0), 1),
                            rng.randrange(5, 40)))
    return tuple(out)


def scan_image(page, scan: PageScan, seed: int):
    """One PDF page (pypdfium2) as a scanner's grey image (PIL, mode `L`)."""
    from PIL import Image

    bitmap = page.render(scale=scan.dpi / 72, grayscale=True)
    img = bitmap.to_pil().convert("L")
    if scan.skew:
        img = img.rotate(scan.skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    rng = np.random.default_rng(seed)
    a = np.asarray(img, dtype=np.float32)
    a = a + rng.normal(0.0, scan.grain, a.shape)
    h, w = a.shape
    for _ in range(scan.specks):
        y, x, r = int(rng.integers(0, h)), int(rng.integers(0, w)), int(rng.integers(1, max(2, scan.dpi // 100) + 1))
        a[max(0, y - r):y + r, max(0, x - r):x + r] = rng.uniform(20, 90)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), "L")
    if scan.turn == 90:
        img = img.transpose(Image.Transpose.ROTATE_90)
    elif scan.turn == 180:
        img = img.transpose(Image.Transpose.ROTATE_180)
    return img


def scan_pdf(src: Path, dst: Path, dpi: int | None = None, pages: Sequence[int] | None = None) -> tuple[PageScan, ...]:
    """Write the scanned copy of `src` to `dst` (only `pages`, 1-based, when given); returns the plan."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(src))
    try:
        numbers = list(pages) if pages else list(range(1, len(pdf) + 1))
        scans = plan(src.stem, len(pdf), dpi)
        images = []
        for n in numbers:
            page = pdf[n - 1]
            images.append(scan_image(page, scans[n - 1], seed=n))
            page.close()
    finally:
        pdf.close()
    write_image_pdf(images, scans[0].dpi, dst)
    return tuple(scans[n - 1] for n in numbers)


def write_image_pdf(images: list, dpi: int, dst: Path) -> None:
    """A PDF with one JPEG page per image, page size from the image at `dpi` (byte-stable)."""
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:], quality=85,
                   title="", producer="", creator="", creationDate=None, modDate=None)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(buf.getvalue())


def expected_for(original: dict, copy: Path) -> dict:
    """The original's expected record as the scanned copy's: same facts, the copy's sha256 and path."""
    record = json.loads(json.dumps(original))
    record["document"]["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
    record["document"]["source"] = str(copy)
    return record


def scan_set(set_name: str, out: Path, only: Sequence[str] = (), dpi: int | None = None) -> list[Path]:
    """Scanned copies of a sample set under out/pdf with their expected records under out/expected."""
    pdf_dir, exp_dir = (REPO / p for p in SETS[set_name])
    written = []
    for exp in sorted(exp_dir.glob("*.json")):
        if only and exp.stem not in only:
            continue
        dst = out / "pdf" / f"{exp.stem}.pdf"
        scan_pdf(pdf_dir / f"{exp.stem}.pdf", dst, dpi)
        record = expected_for(json.loads(exp.read_text(encoding="utf-8")), dst)
        (out / "expected").mkdir(parents=True, exist_ok=True)
        (out / "expected" / exp.name).write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(dst)
    return written


def scan_variation_set(src: Path, out: Path, dpi: int | None = None) -> list[Path]:
    """Scanned copies of a variation set (`python -m samples.generator.variation --out src`): every
    PDF of its manifest under out/pdf, its expected record under out/expected, and the manifest with
    each document's scan resolution added as an axis (`scan_dpi`), so `python -m vedtak.eval.axes out`
    scores the copies against the text-layer originals' expected records, by axis."""
    manifest = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    written = []
    for d in manifest["documents"]:
        dst = out / "pdf" / f"{d['name']}.pdf"
        scans = scan_pdf(src / "pdf" / f"{d['name']}.pdf", dst, dpi)
        d["axes"]["scan_dpi"] = str(scans[0].dpi)
        record = expected_for(json.loads((src / "expected" / f"{d['name']}.json").read_text(encoding="utf-8")), dst)
        (out / "expected").mkdir(parents=True, exist_ok=True)
        (out / "expected" / f"{d['name']}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n",
                                                            encoding="utf-8")
        written.append(dst)
    manifest["axes"] = {**manifest.get("axes", {}), "scan_dpi": [str(x) for x in sorted(DPIS)]}
    manifest["scanned_from"] = str(src)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: scanned copies of one sample set, or of a variation set (`--from DIR`)."""
    ap = argparse.ArgumentParser(prog="python -m samples.generator.scanned", description=__doc__.splitlines()[0])
    ap.add_argument("--set", choices=sorted(SETS), default="unseen")
    ap.add_argument("--from", dest="src", type=Path, help="a variation set's folder (manifest.json, pdf/, expected/)")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--only", action="append", default=[], help="a sample's name (repeatable)")
    ap.add_argument("--dpi", type=int, default=None, help="one resolution for every page (default: 150/200/300 by sample)")
    args = ap.parse_args(argv)
    if args.src:
        paths = scan_variation_set(args.src, args.out, args.dpi)
    else:
        paths = scan_set(args.set, args.out, args.only, args.dpi)
    for path in paths:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
