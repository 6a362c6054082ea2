"""What a PDF backend hands to the layout step: words and drawn graphics of one page.

Backends (pdfplumber, pypdfium2) differ in speed, not in what they produce: a `RawPage` with
words (text + box), rectangles and straight ruling edges, all in pdfplumber's coordinates
(points, `top` from the top of the page).
"""

from __future__ import annotations

from dataclasses import dataclass

from vedtak.document import Word


@dataclass(frozen=True, slots=True)
class Rect:
    """A drawn rectangle (stroked border or filled background)."""

    x0: float
    top: float
    x1: float
    bottom: float
    filled: bool = False
    stroked: bool = True


@dataclass(frozen=True, slots=True)
class Edge:
    """A straight ruling line, horizontal (`h`) or vertical (`v`)."""

    x0: float
    top: float
    x1: float
    bottom: float
    orientation: str


@dataclass(frozen=True, slots=True)
class RawPage:
    """One page as a backend read it."""

    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rects: tuple[Rect, ...] = ()
    edges: tuple[Edge, ...] = ()
    chars: int = 0
    garbled: int = 0  # characters the font could not map to text (control codes, U+FFFD)


GARBLED_SHARE = 0.05  # a page whose fonts leave more than this share of unmapped codes has lost text


def text_lost(chars: int, garbled: int) -> bool:
    """True when a page's fonts map so many glyphs to no letters (damaged font resources) that its
    text layer cannot be trusted."""
    return chars > 0 and garbled / chars > GARBLED_SHARE


def needs_ocr(raw: RawPage) -> bool:
    """True for a page whose text must come from OCR: no words in its text layer (a scan), or a
    text layer whose fonts lost the letters (`text_lost`)."""
    return not raw.words or text_lost(raw.chars, raw.garbled)
