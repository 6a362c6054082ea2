"""The fast backend: pypdfium2 (PDFium) reads the text layer with character boxes.

It produces the same `RawPage` as the pdfplumber backend — words in pdfplumber's coordinates
(points, `top` from the top of the page), rects and ruling edges from the page's path objects —
at a fraction of the cost (pdfplumber builds every character as a Python dict through
pdfminer's interpreter; PDFium does that in C). Words are split where pdfplumber would split
them: at spaces, at line changes, and at gaps wider than `X_TOLERANCE`.
"""

from __future__ import annotations

import ctypes
import re
import threading
from collections.abc import Iterator
from pathlib import Path

from vedtak.document import Word
from vedtak.errors import InputError
from vedtak.pdf.backends import BACKENDS, _edge_or_rect, _describe, check_pdf_bytes
from vedtak.pdf.raw import Edge, RawPage, Rect

# PDFium is not thread-safe: no two calls into it at once, from any threads, even on different
# documents (pypdfium2's documentation; seen here as SIGSEGV under a thread pool). Every entry
# into PDFium in this module holds this lock; the work between pages (layout, NLP) runs free.
PDFIUM_LOCK = threading.RLock()

X_TOLERANCE = 1.5  # same as the pdfplumber backend's extract_words(x_tolerance=1.5)
BREAKS = {" ", "\t", "\r", "\n", "\u00a0", "\u2002", "\u2003", "\u2009", "\x00"}
# PDFium marks a line-end hyphen it judged soft as U+0002 (FPDFText_GetUnicode) or U+FFFE (GetText).
SOFT_HYPHENS = ("\x02", "\ufffe", "\u00ad")
BOLD_WEIGHT = 600


def _garbled(ch: str) -> bool:
    """A code a broken font leaves instead of a letter: C0 controls, U+FFFD, private use."""
    o = ord(ch)
    return (o < 32 and ch not in BREAKS) or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF


def _page_text(raw, n: int) -> str:
    """The page's characters in one call: one UTF-16 unit per character index (BMP text)."""
    import pypdfium2.raw as c

    buf = ctypes.create_string_buffer(2 * (n + 1))
    c.FPDFText_GetText(raw, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort)))
    text = buf.raw[: 2 * n].decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters beyond the BMP take two units: ask one by one
        text = "".join(chr(c.FPDFText_GetUnicode(raw, i) or 0) for i in range(n))
    return text


def _words(textpage, height: float) -> tuple[list[Word], int]:
    import pypdfium2.raw as c

    raw = textpage.raw
    n = c.FPDFText_CountChars(raw)
    text = _page_text(raw, n) if n > 0 else ""
    rect = c.FS_RECTF()
    prect = ctypes.byref(rect)
    loose_box = c.FPDFText_GetLooseCharBox
    fbuf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pflags = ctypes.byref(flags)
    words: list[Word] = []
    buf: list[str] = []
    box = [0.0, 0.0, 0.0, 0.0]
    first = -1
    garbled = 0

    def flush() -> None:
        nonlocal buf, first
        if buf:
            size = float(c.FPDFText_GetFontSize(raw, first))
            bold = c.FPDFText_GetFontWeight(raw, first) >= BOLD_WEIGHT
            if not bold:
                c.FPDFText_GetFontInfo(raw, first, fbuf, 128, pflags)
                name = fbuf.value.decode("latin-1", "replace").lower()
                bold = "bold" in name or "black" in name or "heavy" in name
            words.append(Word("".join(buf), box[0], height - box[3], box[1], height - box[2], size, bold))
        buf = []
        first = -1

    for i, ch in enumerate(text):
        if ch in BREAKS:
            flush()
            continue
        if ch in SOFT_HYPHENS:
            ch = "-"
        elif _garbled(ch):
            garbled += 1
            flush()
            continue
        # Loose boxes (font ascent to descent, advance width) match pdfplumber's character boxes.
        loose_box(raw, i, prect)
        x0, x1, y0, y1 = rect.left, rect.right, rect.bottom, rect.top
        if x1 - x0 <= 0 and y1 - y0 <= 0 and not buf:
            continue
        if buf:
            mid_prev = (box[2] + box[3]) / 2
            h = max(box[3] - box[2], 1.0)
            if x0 - box[1] > X_TOLERANCE or abs((y0 + y1) / 2 - mid_prev) > 0.6 * h or x1 < box[0] - 0.5:
                flush()
        if not buf:
            first = i
            box = [x0, x1, y0, y1]
        else:
            if x0 < box[0]:
                box[0] = x0
            if x1 > box[1]:
                box[1] = x1
            if y0 < box[2]:
                box[2] = y0
            if y1 > box[3]:
                box[3] = y1
        buf.append(ch)
    flush()
    return words, garbled


def _graphics(page, height: float) -> tuple[list[Rect], list[Edge]]:
    import pypdfium2.raw as c

    rects: list[Rect] = []
    edges: list[Edge] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[c.FPDF_PAGEOBJ_PATH]):
        x0, y0, x1, y1 = obj.get_bounds()
        c.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
        if not fill.value and not stroke.value:
            continue
        segments = c.FPDFPath_CountSegments(obj.raw)
        top, bottom = height - y1, height - y0
        item = _edge_or_rect(x0, top, x1, bottom, bool(fill.value), bool(stroke.value))
        if isinstance(item, Edge):
            if item.orientation == "h":
                mid = (top + bottom) / 2
                item = Edge(x0, mid, x1, mid, "h")
            else:
                mid = (x0 + x1) / 2
                item = Edge(mid, top, mid, bottom, "v")
            edges.append(item)
        elif isinstance(item, Rect) and segments <= 6:
            rects.append(item)
    return rects, edges


def _has_encrypt_dictionary(path: Path) -> bool:
    """True when the file's trailer names an /Encrypt dictionary."""
    data = path.read_bytes()
    return b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096] or re.search(rb"trailer[^%]{0,600}/Encrypt", data) is not None


def read_pdfium(path: Path) -> Iterator[RawPage]:
    """Pages of a PDF through PDFium, one at a time (each page closed after reading)."""
    import pypdfium2 as pdfium

    check_pdf_bytes(path)
    try:
        with PDFIUM_LOCK:
            pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        # PDFium's error code is global and may be stale (a zero-page file after an encrypted
        # one reports "password"): decide from the file itself.
        if _has_encrypt_dictionary(path):
            raise InputError(str(path), "encrypted PDF (a password is needed to read it)") from exc
        raise InputError(str(path), "damaged PDF (PDFium cannot load its document structure; no pages could be read)") from exc
    try:
        with PDFIUM_LOCK:
            n_pages = len(pdf)
        for index in range(n_pages):
            try:
                with PDFIUM_LOCK:
                    page = pdf[index]
                    width, height = page.get_size()
                    textpage = page.get_textpage()
                    words, garbled = _words(textpage, height)
                    rects, edges = _graphics(page, height)
                    chars = textpage.count_chars()
                    textpage.close()
                    page.close()
            except InputError:
                raise
            except Exception as exc:
                raise InputError(str(path), f"page {index + 1}: {_describe(exc)}") from exc
            yield RawPage(index + 1, float(width), float(height), tuple(words), tuple(rects), tuple(edges), chars, garbled)
    finally:
        with PDFIUM_LOCK:
            pdf.close()


BACKENDS["pdfium"] = read_pdfium
