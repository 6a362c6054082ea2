"""The fast backend: pypdfium2 (PDFium) reads the text layer with character boxes.

It produces the same `RawPage` as the pdfplumber backend — words in pdfplumber's coordinates
(points, `top` from the top of the page), rects and ruling edges from the page's path objects —
at a fraction of the cost (pdfplumber builds every character as a Python dict through
pdfminer's interpreter; PDFium does that in C). Words are split where pdfplumber would split
them: at spaces, at line changes, and at gaps wider than `X_TOLERANCE`.
"""

from __future__ import annotations

import ctypes
import functools
import re
import threading
from collections.abc import Iterator
from itertools import repeat
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from vedtak.document import Word
from vedtak.errors import InputError
from vedtak.pdf.backends import BACKENDS, _edge_or_rect, _describe, check_pdf_bytes
from vedtak.pdf.raw import Edge, RawPage, Rect

# PDFium is not thread-safe: no two calls into it at once, from any threads, even on different
# documents (pypdfium2's documentation; seen here as SIGSEGV under a thread pool). Every entry
# into PDFium in this module holds this lock; the work between pages (layout, NLP) runs free.
PDFIUM_LOCK = threading.RLock()

X_TOLERANCE = 1.5  # same as the pdfplumber backend's extract_words(x_tolerance=1.5)
OVERLAP = 2.0  # a character of another text object starting this far left of the previous one's end opens a new word:
# text drawn over other text (`Administrasjonen` running out of its narrow cell into `Porteføljestyret tar ...`);
# kerning and a ligature's characters (`ff` in `U.off.`, one box for both) stay in their word
BREAKS = {" ", "\t", "\r", "\n", "\u00a0", "\u2002", "\u2003", "\u2009", "\x00"}
# PDFium marks a line-end hyphen it judged soft as U+0002 (FPDFText_GetUnicode) or U+FFFE (GetText).
SOFT_HYPHENS = ("\x02", "\ufffe", "\u00ad")
BOLD_WEIGHT = 600
PAGEOBJ_PATH, PAGEOBJ_FORM = 2, 5  # FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM


# A Word from the 7 values of its fields, in order (what Word._make does, without its check of the length: the
# zip in `_words` always gives 7): ~60 ns a word less over ~1.3 million words of the bench corpus.
_WORD_OF = functools.partial(tuple.__new__, Word)


def _garbled(ch: str) -> bool:
    """A code a broken font leaves instead of a letter: C0 controls, U+FFFD, private use."""
    o = ord(ch)
    return (o < 32 and ch not in BREAKS) or ch == "\ufffd" or 0xE000 <= o <= 0xF8FF


def _page_text(raw, n: int) -> str:
    """The page's characters in one call: one UTF-16 unit per character index (BMP text)."""
    import pypdfium2.raw as c

    buf = np.zeros(n + 1, dtype=np.uint16)  # (a ctypes buffer's type is made anew for each length)
    c.FPDFText_GetText(raw, 0, n, buf.ctypes.data_as(ctypes.POINTER(ctypes.c_ushort)))
    text = buf[:n].tobytes().decode("utf-16-le", errors="replace")
    if len(text) != n:  # characters beyond the BMP take two units: ask one by one
        text = "".join(chr(c.FPDFText_GetUnicode(raw, i) or 0) for i in range(n))
    return text


def _class_table() -> np.ndarray:
    """Class of each BMP code point, and one more entry for all above: 0 word, 1 break, 2 garbled."""
    table = np.zeros(0x10001, dtype=np.uint8)
    for o in range(32):
        if chr(o) not in SOFT_HYPHENS and _garbled(chr(o)):
            table[o] = 2
    table[0xFFFD] = 2
    table[0xE000:0xF900] = 2
    for ch in BREAKS:
        table[ord(ch)] = 1
    return table


_CLASS = _class_table()


def _classes(text: str) -> np.ndarray:
    """`_CLASS` of each character of the text."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return _CLASS[np.minimum(codes, 0x10000)]


@functools.cache
def _fast_calls() -> SimpleNamespace:
    """PDFium's per-character functions behind plain prototypes: `c_void_p`/int arguments (no
    argtype classes to convert) and no GIL release around these calls of a microsecond; the
    caller holds `PDFIUM_LOCK` as for every call."""
    import pypdfium2.raw as c

    vp, ci = ctypes.c_void_p, ctypes.c_int

    def bind(name, restype, *argtypes):
        return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(getattr(c, name), vp).value)

    return SimpleNamespace(
        loose_box=bind("FPDFText_GetLooseCharBox", ci, vp, ci, vp),
        text_object=bind("FPDFText_GetTextObject", vp, vp, ci),
        font_size=bind("FPDFText_GetFontSize", ctypes.c_double, vp, ci),
        font_weight=bind("FPDFText_GetFontWeight", ci, vp, ci),
        font_info=bind("FPDFText_GetFontInfo", ctypes.c_ulong, vp, ci, vp, ctypes.c_ulong, vp),
        page_count=bind("FPDFPage_CountObjects", ci, vp),
        page_object=bind("FPDFPage_GetObject", vp, vp, ci),
        form_count=bind("FPDFFormObj_CountObjects", ci, vp),
        form_object=bind("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong),
        object_type=bind("FPDFPageObj_GetType", ci, vp),
        object_bounds=bind("FPDFPageObj_GetBounds", ci, vp, vp, vp, vp, vp),
        draw_mode=bind("FPDFPath_GetDrawMode", ci, vp, vp, vp),
        count_segments=bind("FPDFPath_CountSegments", ci, vp),
        font_name=ctypes.create_string_buffer(128),  # shared: used under PDFIUM_LOCK only
        font_flags=ctypes.c_int(),
    )


def _words(textpage, height: float) -> tuple[list[Word], int]:
    """Words of a page: split at breaks (spaces, line ends, codes a broken font left), at line
    changes and at gaps wider than `X_TOLERANCE`; each word's box is the union of its
    characters' loose boxes (font ascent to descent, advance width: pdfplumber's boxes)."""
    import pypdfium2.raw as c

    fast = _fast_calls()
    raw = textpage.raw
    tp = ctypes.cast(raw, ctypes.c_void_p).value
    n = c.FPDFText_CountChars(raw)
    if n <= 0:
        return [], 0
    text = _page_text(raw, n)
    classes = _classes(text)
    in_word = classes == 0
    garbled = int(np.count_nonzero(classes == 2))
    # Runs of word characters between breaks and garbled codes: [start, end) of each.
    edges = np.diff(in_word.astype(np.int8), prepend=np.int8(0), append=np.int8(0))
    run_starts = np.flatnonzero(edges == 1)
    if not len(run_starts):
        return [], garbled
    run_ends = np.flatnonzero(edges == -1)
    for soft in SOFT_HYPHENS:
        if soft in text:
            text = text.replace(soft, "-")

    # Loose boxes (font ascent to descent, advance width: pdfplumber's character boxes) of every
    # word character into one array, [left, top, right, bottom] per character (`_loose_boxes`).
    idx = np.flatnonzero(in_word).astype(np.int64, copy=False)
    floats = _loose_boxes(fast, tp, idx, n)

    # Most words are a whole run: its characters each start at most X_TOLERANCE after the
    # previous one ends and not 0.5 before it starts, its first character is not empty, and its
    # tops and bottoms spread so little that no centre can move 0.6 of the first character's
    # height from another. Such a run never splits, whatever the union box of the characters
    # before each one: the gap to the union's right edge is at most the gap to the previous
    # character's, the union's left edge at most the previous character's, the union's height at
    # least the first character's, and its centre within half the top and bottom spreads of any
    # character's (1e-6 covers rounding). The other runs take the character loop below.
    b = floats.reshape(n, 4)[idx].astype(np.float64)
    left, top, right, bottom = b[:, 0], b[:, 1], b[:, 2], b[:, 3]
    lengths = run_ends - run_starts
    offsets = np.cumsum(lengths) - lengths  # each run's first character in `idx`
    follows = (left[1:] - right[:-1] <= X_TOLERANCE) & (right[1:] >= left[:-1] - 0.5)
    for k in np.flatnonzero(left[1:] < right[:-1] - OVERLAP).tolist():  # rare: text drawn over other text
        follows[k] = fast.text_object(tp, int(idx[k + 1])) == fast.text_object(tp, int(idx[k]))
    breaks = np.zeros(len(idx), dtype=np.int64)
    breaks[1:] = ~follows
    breaks[offsets] = 0
    run_breaks = np.add.reduceat(breaks, offsets)
    x0s = np.minimum.reduceat(left, offsets)
    x1s = np.maximum.reduceat(right, offsets)
    tops = np.maximum.reduceat(top, offsets)
    bottoms = np.minimum.reduceat(bottom, offsets)
    spread = (tops - np.minimum.reduceat(top, offsets)) + (np.maximum.reduceat(bottom, offsets) - bottoms)
    first_h = top[offsets] - bottom[offsets]
    empty_first = (right[offsets] - left[offsets] <= 0) & (first_h <= 0)
    plain = (run_breaks == 0) & ~empty_first & (spread / 2 + 1e-6 <= 0.6 * np.maximum(first_h, 1.0))

    starts, ends = run_starts.tolist(), run_ends.tolist()
    if plain.all():  # the usual page: one word per run
        firsts, lasts = starts, ends
        lefts, rights, uppers, lowers = x0s.tolist(), x1s.tolist(), tops.tolist(), bottoms.tolist()
    else:
        firsts, lasts, lefts, rights, uppers, lowers = _split_runs(fast, tp, floats, starts, ends, plain.tolist(),
                                                                   x0s.tolist(), x1s.tolist(), tops.tolist(), bottoms.tolist())
    # Each word's font: that of its text object as the first word in it gives it (asked once per text
    # object, in word order), or its own where it is in none.
    objects = _text_objects(fast, tp, firsts)
    first = dict(zip(reversed(objects), range(len(objects) - 1, -1, -1)))
    asked = sorted(set(first.values()) | ({k for k, obj in enumerate(objects) if obj is None} if None in first else set()))
    found = dict(zip(asked, _fonts_at(fast, tp, [firsts[k] for k in asked])))
    fonts_at = [found[k if obj is None else first[obj]] for k, obj in enumerate(objects)]
    words = list(map(_WORD_OF, zip([text[s:e] for s, e in zip(firsts, lasts)], lefts, [height - y for y in uppers],
                                     rights, [height - y for y in lowers], [f[0] for f in fonts_at], [f[1] for f in fonts_at])))
    return words, garbled


def _split_runs(fast: SimpleNamespace, tp: int, floats: np.ndarray, starts: list[int], ends: list[int], plain: list[bool],
                x0s: list[float], x1s: list[float], tops: list[float], bottoms: list[float]) -> tuple[list, ...]:
    """The words of a page where some runs of characters are not one word each: (first character, end,
    left, right, top, bottom) of each word in PDF coordinates, a `plain` run as it is, any other split
    character by character at gaps wider than X_TOLERANCE, line changes, and text drawn over other text."""
    firsts: list[int] = []
    lasts: list[int] = []
    lefts: list[float] = []
    rights: list[float] = []
    uppers: list[float] = []
    lowers: list[float] = []
    text_object = fast.text_object
    tol = X_TOLERANCE
    for s, e, ok, x0, x1, y1, y0 in zip(starts, ends, plain, x0s, x1s, tops, bottoms):
        if ok:
            firsts.append(s)
            lasts.append(e)
            lefts.append(x0)
            rights.append(x1)
            uppers.append(y1)
            lowers.append(y0)
            continue
        v = floats[4 * s:4 * e].tolist()  # this run's boxes as Python floats, character i at 4 * (i - s)
        i = s
        skip_empty = True  # a zero-size character cannot open a word (it can follow a gap break)
        while i < e:
            k = 4 * (i - s)
            bx0, by1, bx1, by0 = v[k], v[k + 1], v[k + 2], v[k + 3]
            if skip_empty and bx1 - bx0 <= 0 and by1 - by0 <= 0:
                i += 1
                continue
            first = i
            i += 1
            px1 = bx1  # the previous character's right edge
            mid_prev = (by0 + by1) / 2
            h = max(by1 - by0, 1.0)
            while i < e:
                k = 4 * (i - s)
                x0, y1, x1, y0 = v[k], v[k + 1], v[k + 2], v[k + 3]
                if x0 - bx1 > tol or abs((y0 + y1) / 2 - mid_prev) > 0.6 * h or x1 < bx0 - 0.5 or (
                        x0 < px1 - OVERLAP and text_object(tp, i) != text_object(tp, i - 1)):
                    break
                px1 = x1
                if x0 < bx0:
                    bx0 = x0
                if x1 > bx1:
                    bx1 = x1
                if y0 < by0 or y1 > by1:
                    if y0 < by0:
                        by0 = y0
                    if y1 > by1:
                        by1 = y1
                    mid_prev = (by0 + by1) / 2
                    h = max(by1 - by0, 1.0)
                i += 1
            firsts.append(first)
            lasts.append(i)
            lefts.append(bx0)
            rights.append(bx1)
            uppers.append(by1)
            lowers.append(by0)
            skip_empty = False
    return firsts, lasts, lefts, rights, uppers, lowers


def _path_objects(fast: SimpleNamespace, parent: int, form: bool, level: int = 0) -> Iterator[int]:
    """Path objects of a page or form, descending into forms as pypdfium2's
    `PdfPage.get_objects` does (15 levels), in the same order, without a Python object each."""
    count = (fast.form_count if form else fast.page_count)(parent)
    if count < 0:
        raise _pdfium_error(_PATH_ERRORS[-1])
    get = fast.form_object if form else fast.page_object
    for i in range(count):
        obj = get(parent, i)
        if not obj:
            raise _pdfium_error(_PATH_ERRORS[-2])
        kind = fast.object_type(obj)
        if kind == PAGEOBJ_PATH:
            yield obj
        elif kind == PAGEOBJ_FORM and level < 14:
            yield from _path_objects(fast, obj, True, level + 1)

CHARBOXES_VERSION = 3  # what charboxes.c's charboxes_version() returns; an older build is not used


@functools.cache
def _charboxes() -> SimpleNamespace | None:
    """The loops of charboxes.c (built by scripts/setup.sh into `_charboxes.so` beside it): PDFium's
    per-character calls over a whole page in one call (~0.01 us a character instead of ~0.33 us
    through ctypes). None where it is not built (no C compiler): `_words` then makes each call
    from Python, with the same results (tests/extract/test_fast_paths.py compares the two)."""
    import pypdfium2.raw as c

    try:
        lib = ctypes.CDLL(str(Path(__file__).with_name("_charboxes.so")))
    except OSError:
        return None
    if lib.charboxes_version() != CHARBOXES_VERSION:
        return None
    vp = ctypes.c_void_p
    lib.loose_boxes.argtypes = [vp, vp, vp, ctypes.c_longlong, vp]
    lib.loose_boxes.restype = ctypes.c_int
    lib.text_objects.argtypes = [vp, vp, vp, ctypes.c_longlong, vp]
    lib.text_objects.restype = None
    lib.fonts.argtypes = [vp, vp, vp, vp, vp, ctypes.c_longlong, ctypes.c_int, vp, ctypes.c_ulong, vp, vp, vp]
    lib.fonts.restype = None
    lib.paths.argtypes = [vp, vp, ctypes.c_longlong, vp, vp]
    lib.paths.restype = ctypes.c_longlong
    names = ("FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject",
             "FPDFPageObj_GetType", "FPDFPageObj_GetBounds", "FPDFPath_GetDrawMode", "FPDFPath_CountSegments")
    path_calls = (ctypes.c_void_p * len(names))(*(ctypes.cast(getattr(c, name), vp).value for name in names))
    return SimpleNamespace(lib=lib, loose_box=ctypes.cast(c.FPDFText_GetLooseCharBox, vp).value,
                           text_object=ctypes.cast(c.FPDFText_GetTextObject, vp).value,
                           font_size=ctypes.cast(c.FPDFText_GetFontSize, vp).value,
                           font_weight=ctypes.cast(c.FPDFText_GetFontWeight, vp).value,
                           font_info=ctypes.cast(c.FPDFText_GetFontInfo, vp).value,
                           path_calls=path_calls)


def _loose_boxes(fast: SimpleNamespace, tp: int, idx: np.ndarray, n: int) -> np.ndarray:
    """The loose box of each character in `idx` (int64) into an array of 4 floats per character of
    the page (left, top, right, bottom; zeros for the others). A numpy buffer: a ctypes array type
    of each new length would be made anew (~6 us a page)."""
    boxes = np.zeros(4 * n, dtype=np.float32)
    base = boxes.ctypes.data
    loops = _charboxes()
    if loops is not None:
        loops.lib.loose_boxes(loops.loose_box, tp, idx.ctypes.data, len(idx), base)
    else:
        list(map(fast.loose_box, repeat(tp, len(idx)), idx.tolist(), (idx * 16 + base).tolist()))
    return boxes


def _text_objects(fast: SimpleNamespace, tp: int, starts: list[int]) -> list[int | None]:
    """The text object of each character in `starts` (None where PDFium has none)."""
    loops = _charboxes()
    if loops is None:
        return list(map(fast.text_object, repeat(tp, len(starts)), starts))
    at = np.asarray(starts, dtype=np.int64)
    out = np.zeros(len(starts), dtype=np.uint64)
    loops.lib.text_objects(loops.text_object, tp, at.ctypes.data, len(at), out.ctypes.data)
    return [o or None for o in out.tolist()]


def _font_at(fast: SimpleNamespace, tp: int, i: int) -> tuple[float, bool]:
    """The font size of character `i`, and whether it is bold: a weight of at least BOLD_WEIGHT, or a
    font name saying `Bold`, `Black` or `Heavy` (`Arial-BoldMT`, `LiberationSerif-Bold`)."""
    size = float(fast.font_size(tp, i))
    bold = fast.font_weight(tp, i) >= BOLD_WEIGHT
    if not bold:
        fast.font_info(tp, i, ctypes.addressof(fast.font_name), 128, ctypes.addressof(fast.font_flags))
        name = fast.font_name.value.decode("latin-1", "replace").lower()
        bold = "bold" in name or "black" in name or "heavy" in name
    return size, bold


def _fonts_at(fast: SimpleNamespace, tp: int, at: list[int]) -> list[tuple[float, bool]]:
    """`_font_at` of each character in `at`, in that order (charboxes.c's loop where it is built)."""
    loops = _charboxes()
    if loops is None:
        return [_font_at(fast, tp, i) for i in at]
    idx = np.asarray(at, dtype=np.int64)
    sizes = np.zeros(len(at), dtype=np.float64)
    bolds = np.zeros(len(at), dtype=np.uint8)
    loops.lib.fonts(loops.font_size, loops.font_weight, loops.font_info, tp, idx.ctypes.data, len(idx), BOLD_WEIGHT,
                    ctypes.addressof(fast.font_name), 128, ctypes.addressof(fast.font_flags), sizes.ctypes.data, bolds.ctypes.data)
    return list(zip(sizes.tolist(), (bolds != 0).tolist()))


def _pdfium_error(message: str) -> Exception:
    import pypdfium2 as pdfium

    return pdfium.PdfiumError(message)


_PATH_ERRORS = {-1: "Failed to get number of pageobjects.", -2: "Failed to get pageobject.", -3: "Failed to locate pageobject."}


def _painted_paths(fast: SimpleNamespace, page: int) -> list[tuple[float, float, float, float, int, int, int]]:
    """The page's filled or stroked path objects (`_path_objects`) as (left, bottom, right, top, fill, stroke,
    segments) each, in order (charboxes.c's `paths` where it is built)."""
    loops = _charboxes()
    if loops is not None:
        capacity = 256
        while True:
            bounds = np.zeros(4 * capacity, dtype=np.float32)
            modes = np.zeros(3 * capacity, dtype=np.int32)
            n = loops.lib.paths(ctypes.addressof(loops.path_calls), page, capacity, bounds.ctypes.data, modes.ctypes.data)
            if n < 0:
                raise _pdfium_error(_PATH_ERRORS[n])
            if n <= capacity:
                b, m = bounds[:4 * n].tolist(), modes[:3 * n].tolist()
                return [(*b[4 * k:4 * k + 4], *m[3 * k:3 * k + 3]) for k in range(n)]
            capacity = n
    out = []
    bounds = (ctypes.c_float * 4)()
    b0 = ctypes.addressof(bounds)
    b1, b2, b3 = b0 + 4, b0 + 8, b0 + 12
    modes_ = (ctypes.c_int * 2)()  # (as a failed FPDFPath_GetDrawMode leaves them: the last object's)
    fill_addr = ctypes.addressof(modes_)
    stroke_addr = fill_addr + 4
    for obj in _path_objects(fast, page, False):
        if not fast.object_bounds(obj, b0, b1, b2, b3):
            raise _pdfium_error(_PATH_ERRORS[-3])
        x0, y0, x1, y1 = bounds
        fast.draw_mode(obj, fill_addr, stroke_addr)
        fill, stroke = modes_
        if fill or stroke:
            out.append((x0, y0, x1, y1, fill, stroke, fast.count_segments(obj)))
    return out


def _graphics(page, height: float) -> tuple[list[Rect], list[Edge]]:
    """The page's ruling lines (edges) and boxes (rects, of at most 6 segments), from its painted paths."""
    rects: list[Rect] = []
    edges: list[Edge] = []
    for x0, y0, x1, y1, fill, stroke, segments in _painted_paths(_fast_calls(), ctypes.cast(page.raw, ctypes.c_void_p).value):
        top, bottom = height - y1, height - y0
        item = _edge_or_rect(x0, top, x1, bottom, bool(fill), bool(stroke))
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
