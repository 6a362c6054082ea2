"""PDF backends: each turns a file into `RawPage`s, one page at a time.

- `pdfplumber` (pdfminer.six underneath): the reference; words, rects and ruling lines.
- `pdfium` (pypdfium2): the same words from the PDF's text layer, ~50x faster; rects and
  ruling lines from the page's path objects.

Both check the file first (`check_pdf_bytes`) so that every bad input gives one `InputError`
naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from vedtak.document import Word
from vedtak.errors import InputError
from vedtak.pdf.raw import Edge, RawPage, Rect

MIN_BOX_SIDE = 2.0  # a rect thinner than this is a ruling line, not a box


def file_sha256(path: Path) -> str:
    """Hex sha256 of the file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check_pdf_bytes(path: Path) -> None:
    """Raise InputError unless the file exists, is non-empty and starts like a PDF."""
    if not path.exists():
        raise InputError(str(path), "no such file")
    if path.is_dir():
        raise InputError(str(path), "is a directory, not a PDF file")
    size = path.stat().st_size
    if size == 0:
        raise InputError(str(path), "empty file (0 bytes), not a PDF")
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise InputError(str(path), "not a PDF (no %PDF- header in the first 1024 bytes)")


CID = re.compile(r"\(cid:\d+\)")


GARBLED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd\ue000-\uf8ff]")


def clean_word(text: str) -> str:
    """Glyphs a font left unmapped (`(cid:127)`, LibreOffice's bullet) become `•`; soft hyphens
    and codes a broken font leaves instead of letters (C0 controls, U+FFFD) go."""
    if "(cid:" in text:
        text = "•" if CID.fullmatch(text) else CID.sub("", text)
    return GARBLED.sub("", text.replace("\u00ad", ""))


def is_bold(fontname: str) -> bool:
    """True for a bold face (`Helvetica-Bold`, `ABCDEE+Calibri-Bold`, `...,Bold`)."""
    name = fontname.lower()
    return "bold" in name or "black" in name or "heavy" in name or name.endswith(",b")


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    if "password" in name.lower() or "password" in text.lower() or "encrypt" in text.lower():
        return "encrypted PDF (a password is needed to read it)"
    return f"damaged PDF ({name}{': ' + text if text else ''})"


def _edge_or_rect(x0: float, top: float, x1: float, bottom: float, filled: bool, stroked: bool):
    width, height = x1 - x0, bottom - top
    if height < MIN_BOX_SIDE and width >= MIN_BOX_SIDE:
        return Edge(x0, top, x1, bottom, "h")
    if width < MIN_BOX_SIDE and height >= MIN_BOX_SIDE:
        return Edge(x0, top, x1, bottom, "v")
    if width >= MIN_BOX_SIDE and height >= MIN_BOX_SIDE:
        return Rect(x0, top, x1, bottom, filled=filled, stroked=stroked)
    return None


def read_pdfplumber(path: Path) -> Iterator[RawPage]:
    """Pages of a PDF through pdfplumber (closes each page after reading it: memory stays flat)."""
    import pdfplumber

    check_pdf_bytes(path)
    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        raise InputError(str(path), _describe(exc)) from exc
    with pdf:
        try:
            pages = pdf.pages
        except Exception as exc:
            raise InputError(str(path), _describe(exc)) from exc
        for index, page in enumerate(pages, start=1):
            try:
                raw_words = page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size", "fontname"])
                garbled = sum(len(GARBLED.findall(w["text"])) + len(CID.findall(w["text"])) for w in raw_words
                              if not CID.fullmatch(w["text"]))  # a lone (cid:N) is a bullet glyph
                words = tuple(
                    Word(clean_word(w["text"]), float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]), float(w.get("size") or 0), is_bold(w.get("fontname", "")))
                    for w in raw_words
                    if clean_word(w["text"])
                )
                graphics: list[Rect | Edge] = []
                for r in page.rects:
                    item = _edge_or_rect(r["x0"], r["top"], r["x1"], r["bottom"], bool(r.get("fill")), bool(r.get("stroke")))
                    if item:
                        graphics.append(item)
                for ln in page.lines:
                    item = _edge_or_rect(ln["x0"], ln["top"], ln["x1"], ln["bottom"], False, True)
                    if isinstance(item, Edge):
                        graphics.append(item)
                raw = RawPage(
                    number=index,
                    width=float(page.width),
                    height=float(page.height),
                    words=words,
                    rects=tuple(g for g in graphics if isinstance(g, Rect)),
                    edges=tuple(g for g in graphics if isinstance(g, Edge)),
                    chars=len(page.chars),
                    garbled=garbled,
                )
            except InputError:
                raise
            except Exception as exc:
                raise InputError(str(path), f"page {index}: {_describe(exc)}") from exc
            finally:
                page.close()
            yield raw


BACKENDS: dict[str, Callable[[Path], Iterator[RawPage]]] = {"pdfplumber": read_pdfplumber}


def get_backend(name: str) -> Callable[[Path], Iterator[RawPage]]:
    """The reader function registered under `name`."""
    if name == "pdfium" and "pdfium" not in BACKENDS:
        from vedtak.pdf import pdfium  # noqa: F401  registers itself

    try:
        return BACKENDS[name]
    except KeyError:
        raise ValueError(f"unknown PDF backend {name!r}; choose one of {sorted(BACKENDS) + ['pdfium']}") from None
