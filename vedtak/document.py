"""The document model: one per PDF, built once, read by every extractor.

A `Document` is plain frozen data: pages, and on each page the text lines in reading order
with their boxes. Running headers, footers and page numbers are already gone; side boxes and
table cells are read as units; a form's multi-line labels are kept together. Extractors never
open the PDF and never know which library produced the words (see `vedtak.pdf`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

BBox = tuple[float, float, float, float]


class Word(NamedTuple):
    """One word with its box in PDF points (`top` measured from the top of the page).

    A named tuple, not a frozen dataclass: a page makes hundreds of words, ~1.3 million over the
    bench corpus, and a frozen dataclass's `__init__` (one `object.__setattr__` a field) costs
    0.81 us a word, a named tuple 0.27 us."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float = 0.0
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """A run of words on one baseline inside one region, in reading order.

    `region` numbers the region of the page the line belongs to (0 = free text; boxes and
    table cells get their own numbers), `label` is True for a line of a form's label column
    (`Forslag til vedtak`, `Hvorfor saken / fremmes til dette / møtet`).
    """

    text: str
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    region: int = 0
    region_kind: str = "free"
    label: bool = False
    gap_before: float = 0.0
    bold: bool = False
    size: float = 0.0

    @property
    def bbox(self) -> BBox:
        """The line's box as `[x0, top, x1, bottom]`."""
        return (round(self.x0, 1), round(self.top, 1), round(self.x1, 1), round(self.bottom, 1))

    @property
    def height(self) -> float:
        """Height of the line's box."""
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Region:
    """A box on the page read as a unit: a drawn box (`box`), a table cell (`cell`) or free text."""

    kind: str
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class PageOcr:
    """How a page without a usable text layer was read by OCR (`vedtak.pdf.ocr`).

    `confidence` is Tesseract's mean word confidence (0..1), None when OCR could not run; then
    `problem` says why (Tesseract missing, and what to install)."""

    confidence: float | None
    rotation: int = 0  # degrees the page was turned clockwise to stand upright
    skew: float = 0.0  # degrees of the small turn undone
    problem: str | None = None
    lost_text: bool = False  # the page had a text layer whose fonts lost the letters (not a scan)


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its size and its lines in reading order (furniture removed)."""

    number: int
    width: float
    height: float
    lines: tuple[Line, ...]
    regions: tuple[Region, ...] = ()
    furniture: tuple[str, ...] = ()
    chars: int = 0
    garbled: int = 0
    ocr: PageOcr | None = None  # set when the page needed OCR (no text layer, or an unreadable one)
    gutter: float | None = None  # the x of a two-column page's gutter (`vedtak.pdf.layout.column_gutter`)

    @property
    def garbled_share(self) -> float:
        """Share of the page's characters that its fonts could not map to text."""
        return self.garbled / self.chars if self.chars else 0.0


@dataclass(frozen=True)
class Document:
    """A whole PDF as the extractors see it."""

    sha256: str
    source: str
    pages: tuple[Page, ...]
    backend: str = "pdfplumber"
    _lines: tuple[Line, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_lines", tuple(line for page in self.pages for line in page.lines))

    @property
    def lines(self) -> tuple[Line, ...]:
        """Every line of the document in reading order."""
        return self._lines

    @property
    def page_count(self) -> int:
        """Number of pages."""
        return len(self.pages)

    def text(self) -> str:
        """The whole text, one line per line, pages separated by a form feed."""
        return "\f".join("\n".join(line.text for line in page.lines) for page in self.pages)


def union_bbox(lines: Sequence[Line]) -> BBox | None:
    """The smallest box around lines that all sit on the first line's page (None if empty)."""
    if not lines:
        return None
    page = lines[0].page
    same = [line for line in lines if line.page == page]
    return (
        round(min(line.x0 for line in same), 1),
        round(min(line.top for line in same), 1),
        round(max(line.x1 for line in same), 1),
        round(max(line.bottom for line in same), 1),
    )


def iter_text(lines: Sequence[Line]) -> Iterator[str]:
    """The text of each line."""
    return (line.text for line in lines)
