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
