"""Provenance for a piece of text: the line (page and box) where it is written."""

from __future__ import annotations

import re
from collections.abc import Sequence

from vedtak.document import Line
from vedtak.records import Provenance


def _squash(text: str) -> str:
    return re.sub(r"[\s\-­]+", "", text).lower()


def find_line(lines: Sequence[Line], needle: str) -> Line | None:
    """The first line holding `needle` (whitespace-insensitive); for text that wraps, the
    line holding its first words."""
    target = _squash(needle)
    if not target:
        return None
    for line in lines:
        if target in _squash(line.text):
            return line
    words = needle.split()
    for n in (3, 2, 1):
        if len(words) > n:
            head = _squash(" ".join(words[:n]))
            if len(head) < 4:
                continue
            for line in lines:
                if head in _squash(line.text):
                    return line
    return None


def provenance_for(lines: Sequence[Line], needle: str, extractor: str) -> Provenance:
    """Provenance of the line holding `needle`, else of the first line of `lines`."""
    line = find_line(lines, needle)
    if line is not None:
        return Provenance(line.page, line.bbox, extractor)
    return Provenance.of(list(lines[:1]), extractor)
