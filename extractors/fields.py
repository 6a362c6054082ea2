"""Label → value fields: the one mechanism behind case-paper forms, header boxes and minutes.

A field starts at a label the vocabulary knows: a label-column block (`Hvorfor saken /
fremmes til dette / møtet`), a line that is just the label (`Vedlegg`), or — for labels marked
inline — a line that starts with it (`Dato 02.12.2024`, `Til stede Ole A. Andreassen (leder)`).
Its value is every following line until the next label.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from vedtak.document import Line
from vedtak.lexicon import LabelRule, column_meaning, match_label, match_label_lines, normalise_label, rule


@dataclass(frozen=True, slots=True)
class Field:
    """A labelled value: its key, the label as written, and the value's lines."""

    key: str
    label: str
    lines: tuple[Line, ...]
    label_lines: tuple[Line, ...]

    @property
    def text_lines(self) -> list[str]:
        """The value's line texts."""
        return [line.text for line in self.lines]


_WS_RE = re.compile(r"\s+")
_PLAIN_WORDS = re.compile(r"[\w\s/:-]+")  # words only: `[U.off. § 14]` / `Til` is no wrapped label


def _norm(text: str) -> str:
    return _WS_RE.sub(" ", text).strip().rstrip(":").strip()


@functools.cache
def _inline_re(pattern: str) -> re.Pattern[str]:
    """A label pattern at the start of a line, followed by its value (compiled once per pattern)."""
    return re.compile(rf"^\s*(?:{pattern})\s*:?\s+(?=\S)", re.IGNORECASE)


def match_inline(text: str, vocabulary: Sequence[LabelRule]) -> tuple[LabelRule, str] | None:
    """(rule, remainder) when a line starts with an inline label followed by its value."""
    for r in vocabulary:
        if not r.inline or r.label_only:
            continue
        m = _inline_re(r.pattern.pattern).match(text)
        if m and r.key == "title" and ":" not in text[: m.end()] and _BARE_SAK.match(text):
            continue  # `Sak avgjord i ekstraordinært fjernmøte …` is a title; only `Sak: Habilitet` labels one
        if m:
            return r, text[m.end():]
    return None


_BARE_SAK = re.compile(r"^\s*sak\b", re.IGNORECASE)


_BAND_SEPARATOR = r"\s*[·•|]\s*"
_PARTICULARS_SEPARATOR = re.compile(r"\s+[·•|]\s+")
"""A separator between the pieces of a band of particulars: a middle dot, bullet or bar with spaces around it."""


@functools.cache
def _band_re(vocabulary: tuple[LabelRule, ...]) -> re.Pattern[str]:
    """Where a further label with its colon starts inside a line: after a separator (`·`, `•`, `|`), or
    after a space when the line itself opens with a label (`Sakstype: Beslutningssak Til: ...`)."""
    labels = "|".join(f"(?:{r.pattern.pattern})" for r in vocabulary if r.inline and not r.label_only)
    return re.compile(rf"(?P<sep>{_BAND_SEPARATOR}|\s+)(?=(?i:{labels})\s*:(?:\s|$))")


def line_piece(line: Line, text: str, start: int, end: int) -> Line:
    """Part of a line: its box cut in proportion to the characters (the line keeps no character boxes)."""
    width = (line.x1 - line.x0) / max(len(line.text), 1)
    return replace(line, text=text, x0=line.x0 + start * width, x1=line.x0 + end * width)


def split_label_band(line: Line, vocabulary: Sequence[LabelRule]) -> list[Line]:
    """A band of several labelled values on one line read as one line per label:
    `Sakstype: Beslutningssak Til: Porteføljestyret for samfunnssikkerhet og beredskap` →
    `Sakstype: Beslutningssak` + `Til: Porteføljestyret ...`; `Beslutningssak · Til: Porteføljestyret
    for avanserte materialer · Fra:` → `Beslutningssak` + `Til: ...` + `Fra:`. A further label must be
    one of the vocabulary's, printed with a capital and its colon; after a plain space it counts only
    when the line opens with a label too, so running text (`... og fra: ...`) is never cut."""
    text = line.text
    if line.label:
        return [line]
    seps = list(_PARTICULARS_SEPARATOR.finditer(text)) if ("·" in text or "|" in text or "•" in text) else []
    if len(seps) >= 2:
        # a band of particulars (`Møte 1/26 · 10.02.2026 · Vedtakssak · Sakshandsamar: Ingrid Heggem · Til: ...`):
        # every separator ends a piece, each piece read on its own
        bounds = [0, *(x for m in seps for x in (m.start(), m.end())), len(text)]
        pieces = [line_piece(line, text[a:b].strip(), a, b) for a, b in zip(bounds[::2], bounds[1::2]) if text[a:b].strip()]
        return [q for piece in pieces for q in split_label_band(piece, vocabulary)]
    if ":" not in text:
        return [line]
    opens_with_label = match_inline(text, vocabulary) is not None
    cuts = [m for m in _band_re(tuple(vocabulary)).finditer(text)
            if text[m.end():m.end() + 1].isupper() and (opens_with_label or m.group("sep").strip())]
    if not cuts:
        return [line]
    pieces: list[Line] = []
    start = 0
    for m in [*cuts, None]:
        end = m.start() if m is not None else len(text)
        part = re.sub(rf"^(?:{_BAND_SEPARATOR})+|(?:{_BAND_SEPARATOR})+$", "", text[start:end])
        if part.strip():
            pieces.append(line_piece(line, part.strip(), start, end))
        start = m.end() if m is not None else start
    return pieces


def in_label_position(lines: Sequence[Line], i: int) -> bool:
    """Whether line i stands where a form's label does: in the label column the layout found, or on a
    row where no other column header stands beside it (`Innstilling` | `Porteføljestyret vedtar ...`
    is a label; `Søknad` | `Prosjekttittel` | `Innstilling` is a table's header row). A label written with
    its colon (`Innstilling:`) is one wherever it stands: a column header carries none (and the line beside
    it may be the same label in the other column of a two-column page)."""
    line = lines[i]
    if line.label or line.text.rstrip().endswith(":"):
        return True
    beside = [l for l in lines if l is not line and l.page == line.page and abs(l.top - line.top) < 2.5]
    return not any(column_meaning(b.text) is not None for b in beside)


def _runs_on(prev: Line, line: Line) -> bool:
    """A line that goes on from the one above: in lower case, right below it (no paragraph gap), neither
    in a label column, the line above not ending a sentence. Labels start with a capital (`Fra`, `Til`)."""
    return (line.text[:1].islower() and not line.label and not prev.label and prev.page == line.page
            and abs(prev.x0 - line.x0) < 2 and 0 <= line.top - prev.bottom < 0.6 * max(line.height, 6.0)
            and not prev.text.rstrip().endswith((".", ":", "!", "?")))


def _wrapped_label(lines: Sequence[Line], i: int, vocabulary: Sequence[LabelRule]) -> LabelRule | None:
    """The rule of a label broken over lines i and i+1 (`Til stede fra` / `Forskningsrådet`) when the
    two lines together are a label that neither line is alone (the first alone reads as an inline
    `Til stede` with the value `fra`, which would make the staff members)."""
    if i + 1 >= len(lines):
        return None
    a, b = lines[i], lines[i + 1]
    if a.page != b.page or len(a.text.split()) > 4 or len(b.text.split()) > 3 or not _PLAIN_WORDS.fullmatch(f"{a.text} {b.text}"):
        return None
    joined = match_label(f"{a.text} {b.text}", vocabulary, in_label_column=a.label)
    if joined is None or match_label(a.text, vocabulary, in_label_column=a.label) is joined:
        return None
    return joined


def split_label_block(block: Sequence[Line], vocabulary: Sequence[LabelRule]) -> list[tuple[LabelRule, list[Line]]]:
    """A label-column block as one or more known labels, longest first (`Hvorfor saken /
    fremmes til dette / møtet` is one label; `Dato` / `Sted` / `Til stede` are three).
    Empty when the block does not start with a known label."""
    out: list[tuple[LabelRule, list[Line]]] = []
    rest = list(block)
    while rest:
        for k in range(len(rest), 0, -1):
            r = match_label_lines([l.text for l in rest[:k]], vocabulary)
            if r is not None:
                out.append((r, rest[:k]))
                rest = rest[k:]
                break
        else:
            break
    return out


def label_columns_first(lines: Sequence[Line], vocabulary: Sequence[LabelRule]) -> list[Line]:
    """Labels printed side by side over columns of values, read column by column.

    `Medlemmer til stede | Forfall | Observatør | Fra Forskningsrådet` on one row, each with its names
    below it: the lines under the row go to the label whose column holds them (from its left edge to
    the next label's), and come out as label, its lines, next label, its lines. The columns end at the
    first line that starts left of the first label or after a paragraph gap wider than two lines."""
    out = list(lines)
    i = 0
    while i < len(out):
        if match_label(out[i].text, vocabulary) is None:  # a row of labels opens with one
            i += 1
            continue
        # the row's other cells wherever the reading order put them (a column read as a label column comes first)
        here = out[i]
        row = [l for l in out[i:] if l.page == here.page and abs(l.top - here.top) < 2.5]
        heads = sorted((l for l in row if match_label(l.text, vocabulary) is not None), key=lambda l: l.x0)
        if len(heads) < 2 or len(heads) != len(row) or heads[0] is not out[i]:
            i += 1
            continue
        edges = [h.x0 - 2 for h in heads] + [float("inf")]
        ids = {id(h) for h in heads}
        columns: list[list[Line]] = [[] for _ in heads]
        below = [l for l in out[i:] if id(l) not in ids]
        taken: set[int] = set()
        last_bottom = max(h.bottom for h in heads)
        for l in sorted(below, key=lambda l: (l.page, l.top)):
            if l.page != heads[0].page or l.x0 < edges[0] or l.top - last_bottom > 2.5 * max(l.height, 6.0) \
                    or (match_label(l.text, vocabulary) is not None and all(abs(l.x0 - h.x0) > 4 for h in heads)):
                break  # (a label under a column's own label, `Forfall` under `Møtende medlemmer`, opens its next list)
            if any(l.x0 < e - 2 < l.x1 for e in edges[1:-1]):
                break  # a line across the columns ends them
            k = max(n for n in range(len(heads)) if l.x0 >= edges[n])
            columns[k].append(l)
            taken.add(id(l))
            last_bottom = max(last_bottom, l.bottom)
        if not taken:
            i += 1
            continue
        # lists, not a form: a name the layout set in a label column is no label here
        ordered = [x if x in heads else replace(x, label=match_label(x.text, vocabulary) is not None)
                   for h, col in zip(heads, columns) for x in (h, *sorted(col, key=lambda l: l.top))]
        rest = [l for l in out[i:] if id(l) not in ids and id(l) not in taken]
        out = out[:i] + ordered + rest
        i += len(ordered)
    return out


def parse_fields(lines: Sequence[Line], vocabulary: Sequence[LabelRule]) -> tuple[list[Line], list[Field]]:
    """Split lines into (lines before the first label, fields in order)."""
    lines = [piece for line in label_columns_first(lines, vocabulary) for piece in split_label_band(line, vocabulary)]
    preamble: list[Line] = []
    fields: list[Field] = []
    current: tuple[LabelRule, str, list[Line], list[Line]] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            r, label, label_lines, value = current
            fields.append(Field(r.key, label, tuple(value), tuple(label_lines)))
            current = None

    i = 0
    while i < len(lines):
        line = lines[i]
        if line.label:
            j = i
            while j + 1 < len(lines) and lines[j + 1].label and lines[j + 1].page == line.page and lines[j + 1].region == line.region:
                j += 1
            block = list(lines[i : j + 1])
            labels = split_label_block(block, vocabulary)
            if labels:
                close()
                consumed = sum(len(b) for _, b in labels)
                i += consumed
                if len(labels) == 1:
                    r, b = labels[0]
                    current = (r, _norm(" ".join(l.text for l in b)), b, [])
                    continue
                # Stacked labels (`Dato` / `Sted` / `Til stede`) read before their values:
                # each value line goes to the label on its row or the nearest one above it.
                k = i
                while k < len(lines) and not lines[k].label and match_label(lines[k].text, vocabulary) is None and match_inline(lines[k].text, vocabulary) is None:
                    k += 1
                values: list[list[Line]] = [[] for _ in labels]
                for v in lines[i:k]:
                    idx = 0
                    for n, (_, b) in enumerate(labels):
                        if v.page > b[0].page or (v.page == b[0].page and v.top >= b[0].top - 2.5):
                            idx = n
                    values[idx].append(v)
                for (r, b), vals in zip(labels, values):
                    fields.append(Field(r.key, _norm(" ".join(l.text for l in b)), tuple(vals), tuple(b)))
                i = k
                continue
        wrapped = _wrapped_label(lines, i, vocabulary)
        if wrapped is not None:
            # `Til stede fra` / `Forskningsrådet`: a label broken over two lines is one label.
            close()
            pair = [line, lines[i + 1]]
            current = (wrapped, _norm(" ".join(l.text for l in pair)), pair, [])
            i += 2
            continue
        if i and _runs_on(lines[i - 1], line):
            # `Godkjent møteprotokoll` / `fra møte 4/26`: a title going on in lower case, not the label `Fra`
            (preamble if current is None else current[3]).append(line)
            i += 1
            continue
        r = match_label(line.text, vocabulary, in_label_column=line.label)
        if r is None and not line.label:  # a label that holds only in the label column (`Innstilling`), where it stands so
            r = match_label(line.text, vocabulary)
            r = r if r is not None and in_label_position(lines, i) else None
        if r is not None:
            close()
            current = (r, _norm(line.text), [line], [])
            i += 1
            continue
        hit = match_inline(line.text, vocabulary)
        if hit is not None:
            r, rest = hit
            close()
            label = _norm(line.text[: len(line.text) - len(rest)])
            current = (r, label, [line], [replace(line, text=rest)])
            i += 1
            # `Hvorfor saken fremmes Porteføljestyret bes om ...` / `til dette møtet`: the label's own
            # wrapped end, printed below the first line of its value, is no part of the value.
            if i < len(lines) and lines[i].page == line.page and r.pattern.fullmatch(normalise_label(f"{label} {lines[i].text}")):
                current[2].append(lines[i])
                i += 1
            continue
        if current is None:
            preamble.append(line)
        else:
            current[3].append(line)
        i += 1
    close()
    return preamble, fields


def first_field(fields: Sequence[Field], key: str) -> Field | None:
    """The first field with that key."""
    return next((f for f in fields if f.key == key), None)


def all_fields(fields: Sequence[Field], key: str) -> list[Field]:
    """Every field with that key."""
    return [f for f in fields if f.key == key]
