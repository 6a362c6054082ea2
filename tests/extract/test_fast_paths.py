"""The fast path of extraction gives what the slow one it skips would give: pdfium words, runs of
characters found whole with numpy, vs the character-by-character loop (one loose box per
character, split at gaps and line changes) they replace."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pytest

from vedtak.document import Word

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _reference_words(textpage, height: float) -> tuple[list[Word], int]:
    """The per-character loop `vedtak.pdf.pdfium._words` replaced (kept here as the reference)."""
    import pypdfium2.raw as c

    from vedtak.pdf.pdfium import BOLD_WEIGHT, BREAKS, SOFT_HYPHENS, X_TOLERANCE, _garbled, _page_text

    raw = textpage.raw
    n = c.FPDFText_CountChars(raw)
    text = _page_text(raw, n) if n > 0 else ""
    rect = c.FS_RECTF()
    fbuf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
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
                c.FPDFText_GetFontInfo(raw, first, fbuf, 128, ctypes.byref(flags))
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
        c.FPDFText_GetLooseCharBox(raw, i, ctypes.byref(rect))
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
            box = [min(box[0], x0), max(box[1], x1), min(box[2], y0), max(box[3], y1)]
        buf.append(ch)
    flush()
    return words, garbled


def test_compiled_character_loops_are_built() -> None:
    """scripts/setup.sh builds vedtak/pdf/charboxes.c; CI must test the words it gives (below)."""
    from vedtak.pdf.pdfium import _charboxes

    if _charboxes() is None:
        pytest.skip("MISSING COMPONENT: vedtak/pdf/_charboxes.so is not built (scripts/setup.sh, with a C compiler)")


@pytest.mark.parametrize("calls", ["compiled", "ctypes"])
@pytest.mark.parametrize("pdf", sorted((SAMPLES / "pdf").glob("*.pdf"))[:8], ids=lambda p: p.stem)
def test_pdfium_words_match_character_loop(pdf: Path, calls: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways of making PDFium's per-character calls (charboxes.c's loops, or one ctypes call each)
    give the words of the reference loop."""
    import pypdfium2 as pdfium

    from vedtak.pdf import pdfium as module
    from vedtak.pdf.pdfium import PDFIUM_LOCK, _words

    if calls == "ctypes":
        monkeypatch.setattr(module, "_charboxes", lambda: None)
    elif module._charboxes() is None:
        pytest.skip("MISSING COMPONENT: vedtak/pdf/_charboxes.so is not built (scripts/setup.sh, with a C compiler)")

    with PDFIUM_LOCK:
        doc = pdfium.PdfDocument(str(pdf))
        try:
            for index in range(len(doc)):
                page = doc[index]
                height = page.get_size()[1]
                textpage = page.get_textpage()
                assert _words(textpage, height) == _reference_words(textpage, height), f"page {index + 1}"
                textpage.close()
                page.close()
        finally:
            doc.close()


@pytest.mark.parametrize("pdf", sorted((SAMPLES / "pdf").glob("*.pdf")), ids=lambda p: p.stem)
def test_painted_paths_compiled_match_ctypes(pdf: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """charboxes.c's walk over a page's path objects (into forms) gives the rects and ruling lines that
    one ctypes call per object gives."""
    import pypdfium2 as pdfium

    from vedtak.pdf import pdfium as module

    if module._charboxes() is None:
        pytest.skip("MISSING COMPONENT: vedtak/pdf/_charboxes.so is not built (scripts/setup.sh, with a C compiler)")
    compiled = module._charboxes

    def graphics(calls) -> list:
        monkeypatch.setattr(module, "_charboxes", calls)
        out = []
        with module.PDFIUM_LOCK:
            doc = pdfium.PdfDocument(str(pdf))
            try:
                for index in range(len(doc)):
                    page = doc[index]
                    out.append(module._graphics(page, page.get_size()[1]))
                    page.close()
            finally:
                doc.close()
        return out

    drawn = graphics(compiled)
    assert drawn == graphics(lambda: None)
    if "_lo" in pdf.stem:  # LibreOffice draws its tables' and boxes' rules: there is something to compare
        assert any(edges for _, edges in drawn)
