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


def find_lines(lines: Sequence[Line], needle: str) -> list[Line]:
    """Every line holding `needle` (whitespace-insensitive), in reading order."""
    target = _squash(needle)
    return [line for line in lines if target and target in _squash(line.text)]


def provenance_for(lines: Sequence[Line], needle: str, extractor: str, occurrence: int = 0) -> Provenance:
    """Provenance of the line holding `needle` — its `occurrence`-th mention (from 0) when the text
    names it more than once (`355340` put on the reserve list, then in the list of those rejected: the
    second mention's box is the second line) — else of the first line of `lines`."""
    holding = find_lines(lines, needle) if occurrence else []
    line = holding[min(occurrence, len(holding) - 1)] if holding else find_line(lines, needle)
    if line is not None:
        return Provenance(line.page, line.bbox, extractor)
    return Provenance.of(list(lines[:1]), extractor)
