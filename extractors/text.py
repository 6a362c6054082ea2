"""Running text from lines: paragraphs, mended line-end hyphens, normalised whitespace."""

from __future__ import annotations

import re
from collections.abc import Sequence

from vedtak.document import Line
from vedtak.nlp.joining import dehyphenate_join

BULLET = re.compile(r"^\s*(?:[•●▪◦·∙\-–—o]\s+|\d{1,2}[.)]\s+|[a-z][.)]\s+)")
ID_ITEM = re.compile(r"^\s*\d{6}\b(?!\s*(?:,|og\b|eller\b|and\b))")
"""A list item with no marker, opened by an application id: `334512 – Pollinatorar i eit kulturlandskap i endring (NINA)`
(never a wrapped sentence that goes on with more ids: `334512 og 334526 vert innvilga.`)."""
RUNS_INTO = re.compile(r"(?:,|\bog|\beller|\bsamt)\s*$")
"""A line whose list of ids goes on below it: `– Innvilges: 337617, 338314, 337732, 337706, 338290 og` / `337978`."""
COLUMN_JUMP = 200.0  # a line this far above the one before it heads the next column (a two-column page)
PARAGRAPH_GAP = 0.55  # a vertical gap larger than this fraction of the line height opens a paragraph


def _opens_item(prev: str, cur: str) -> bool:
    """A bullet glyph always opens a list item; a dash or a number only after a finished
    sentence, a colon, or another list item (`... Universitetet i Tromsø` / `– Norges arktiske
    universitet ...` is one sentence)."""
    if cur.lstrip()[:1] in "•●▪◦·∙":
        return True
    return prev.rstrip().endswith((".", ":", ";", "!", "?"))


def typical_gap(lines: Sequence[Line]) -> float | None:
    """The median gap between consecutive lines of one region: the leading of running text."""
    gaps = sorted(l.gap_before for l in lines if 0 <= l.gap_before < 3 * max(l.height, 6.0))
    return gaps[len(gaps) // 2] if len(gaps) >= 3 else None


def paragraphs(lines: Sequence[Line]) -> list[list[Line]]:
    """Lines grouped into paragraphs: by vertical gaps wider than the text's own leading,
    bullets, table cells, and page breaks after a finished sentence."""
    leading = typical_gap(lines)
    out: list[list[Line]] = []
    prev: Line | None = None
    for line in lines:
        if not line.text.strip():
            continue
        new = prev is None
        if prev is not None:
            if line.page != prev.page:
                # Text flows over a page break unless the last page ended a sentence.
                new = _ends_sentence(prev.text, line.text) or bool(BULLET.match(line.text))
            elif line.region != prev.region:
                new = True
            elif line.page == prev.page and line.top < prev.top - COLUMN_JUMP and line.region == prev.region and not prev.label:
                # from a column's foot to the next column's head: the text flows on, as over a page break
                # (`… Dette gjeld søknadene 360845, 359822, 360781, 360006,` | `360420 og 360546.`)
                new = _ends_sentence(prev.text, line.text) or bool(BULLET.match(line.text))
            elif line.page == prev.page and line.gap_before > _threshold(leading, line):
                new = True
            elif BULLET.match(line.text) and (_opens_item(prev.text, line.text) or bool(BULLET.match(out[-1][0].text))):
                new = True
            elif ID_ITEM.match(line.text) and not RUNS_INTO.search(prev.text) and (
                    prev.text.rstrip().endswith(":") or (ID_ITEM.match(out[-1][0].text) and abs(line.x0 - out[-1][0].x0) < 2)):
                new = True  # `... til desse prosjekta:` / `334512 – Pollinatorar ...` / `334526 – Villreinen ...`
            elif (BULLET.match(out[-1][0].text) or ID_ITEM.match(out[-1][0].text)) and line.x0 < out[-1][0].x0 - 2:
                new = True  # back at the margin after an indented list item: `– 361240 ...` / `To søknader settes ...`
            elif line.page == prev.page and line.top < prev.top - 2 and line.region == prev.region:
                new = True  # went back up: a new column or cell
        if new:
            out.append([line])
        else:
            out[-1].append(line)
        prev = line
    return out


INITIAL_END = re.compile(r"(?:^|[\s(])[A-ZÆØÅ]\.$")
"""`... er Sigrid A.`: a name's initial, not the end of a sentence."""


def _ends_sentence(prev: str, nxt: str) -> bool:
    """True when `prev` ends a sentence before `nxt`: a closing `.`, `:`, `!` or `?`, but not the
    initial of a name broken over a page (`er Sigrid A.` / `Solberg oppnevnt som ...`) and not an
    abbreviation before a line that goes on in lower case (`2,5 mill.` / `kroner`, `bl.a.` / `om ...`)."""
    prev = prev.rstrip()
    if not prev.endswith((".", ":", "!", "?")):
        return False
    if prev.endswith(".") and INITIAL_END.search(prev):
        return False
    first = nxt.lstrip()[:1]
    return not (prev.endswith(".") and first.islower())


def _threshold(leading: float | None, line: Line) -> float:
    # The font size, where known, is steadier than the box height (which follows the glyphs).
    height = max(line.size or line.height, 6.0)
    if leading is None:
        return PARAGRAPH_GAP * height
    return max(leading + 0.35 * height, PARAGRAPH_GAP * height)


def join_paragraph(lines: Sequence[Line]) -> str:
    """One paragraph's text: lines joined with spaces, line-end hyphenation mended."""
    return dehyphenate_join([l.text.strip() for l in lines if l.text.strip()])


def block_text(lines: Sequence[Line]) -> str:
    """Paragraphs joined by newlines (the form of decision texts in the record)."""
    return "\n".join(join_paragraph(p) for p in paragraphs(lines)).strip()


def collapse(text: str) -> str:
    """Whitespace collapsed to single spaces (for comparisons)."""
    return re.sub(r"\s+", " ", text).strip()


def text_sentences(text: str) -> list[str]:
    """Sentences of a block text, never across a paragraph (a heading, table cell, list item)."""
    from vedtak.nlp.pipeline import sentences

    out: list[str] = []
    for paragraph in text.split("\n"):
        out.extend(s for s, _, _ in sentences(paragraph) if s.strip())
    return out
