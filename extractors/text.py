"""Running text from lines: paragraphs, mended line-end hyphens, normalised whitespace."""

from __future__ import annotations

import re
from collections.abc import Sequence

from vedtak.document import Line
from vedtak.nlp.normalize import dehyphenate_join

BULLET = re.compile(r"^\s*(?:[•●▪◦·∙\-–—o]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)")
PARAGRAPH_GAP = 0.55  # a vertical gap larger than this fraction of the line height opens a paragraph


def paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines grouped into paragraphs: by vertical gaps, bullets, and table cells."""
    out: list[list[Line]] = []
    prev: Line | None = None
    for line in lines:
        if not line.text.strip():
            continue
        new = prev is None
        if prev is not None:
            if line.page == prev.page and line.region != prev.region:
                new = True
            elif line.page == prev.page and line.gap_before > PARAGRAPH_GAP * max(line.height, 6.0):
                new = True
            elif BULLET.match(line.text):
                new = True
            elif line.page == prev.page and line.top < prev.top - 2 and line.region == prev.region:
                new = True  # went back up: a new column or cell
        if new:
            out.append([line])
        else:
            out[-1].append(line)
        prev = line
    return out


def join_paragraph(lines: Sequence[Line]) -> str:
    """One paragraph's text: lines joined with spaces, line-end hyphenation mended."""
    return dehyphenate_join([l.text.strip() for l in lines if l.text.strip()])


def block_text(lines: Sequence[Line]) -> str:
    """Paragraphs joined by newlines (the form of decision texts in the record)."""
    return "\n".join(join_paragraph(p) for p in paragraphs(lines)).strip()


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces (for comparisons)."""
    return re.sub(r"\s+", " ", text).strip()
