"""Reading order: from a backend's words and graphics to the lines of a `Page`.

Pure functions, no PDF library. What they survive, because real board papers do it:
- a header box printed *beside* the form: a drawn box (border or shaded background) is read as
  one unit, so its lines never interleave with the form's lines at the same height;
- the form drawn as a table: each cell is a unit, rows top to bottom, cells left to right;
- a two-column form without lines: labels on the left (`Hvorfor saken / fremmes til dette /
  møtet`) are kept together and read before the text beside them;
- running headers, footers and page numbers: dropped (`remove_furniture`);
- a table row split by a page break: the rest of its cells, at the top of the next page, read
  with the row (`join_split_rows`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from operator import attrgetter

import numpy as np

from vedtak.document import Line, Page, Region, Word
from vedtak.lexicon import CODE_FIRST, label_readings, opens_section
from vedtak.pdf.raw import Edge, RawPage, Rect

MIN_BOX_WIDTH = 40.0
MIN_BOX_HEIGHT = 14.0
COLUMN_GAP = 14.0  # a horizontal gap wider than this (points) splits a row into fragments
LABEL_MIN_OFFSET = 30.0  # a label column starts at least this far left of the text column
SINGLE_PITCH = 1.45  # single-spaced lines sit at most this many font sizes apart (1.15-1.35 seen)


_TOP, _BOTTOM, _TEXT, _SIZE, _X0, _X1 = (attrgetter(name) for name in ("top", "bottom", "text", "size", "x0", "x1"))


class _Frag:
    """A fragment of a row: its words never change, so its box, text and size are computed once."""

    __slots__ = ("words", "region", "kind", "first_in_row", "label", "x0", "x1", "top", "bottom", "text", "max_size", "size",
                 "row_top")

    def __init__(self, words: list[Word], region: int, kind: str, first_in_row: bool = True, label: bool = False,
                 row_top: float | None = None) -> None:
        self.words = words
        self.region = region
        self.kind = kind
        self.first_in_row = first_in_row
        self.label = label
        self.x0 = words[0].x0
        self.x1 = words[-1].x1
        self.top = min(map(_TOP, words))
        self.bottom = max(map(_BOTTOM, words))
        self.text = " ".join(map(_TEXT, words))
        self.max_size = max(map(_SIZE, words))
        # the font size, or from the box when the backend gave none
        self.size = self.max_size if self.max_size > 0 else 0.85 * (self.bottom - self.top)
        # the top of the row it was cut from (`rows_of`): a bold label whose box starts 3 pt lower than the
        # value beside it (`Møtende medlemmer` | `Idun Årdal (leder)`) is still on the value's row
        self.row_top = self.top if row_top is None else row_top


# --------------------------------------------------------------------------- regions


def table_cells(edges: Sequence[Edge], rects: Sequence[Rect]) -> list[tuple[float, float, float, float]]:
    """Cells of ruled tables, from ruling lines and the sides of thin/outlined rects."""
    # The pages of one document mostly repeat the same rules (a header line, a form's frame).
    rules = [*edges, *_sides(r for r in rects if r.stroked)]
    return list(_table_cells(tuple(rules + list(closing_rules(rules))), ()))


def _sides(rects: Iterable[Rect]) -> list[Edge]:
    """A rect's four sides as ruling lines (a line drawn as a path is a rect with no width or height)."""
    return [side for r in rects for side in (Edge(r.x0, r.top, r.x1, r.top, "h"), Edge(r.x0, r.bottom, r.x1, r.bottom, "h"),
                                            Edge(r.x0, r.top, r.x0, r.bottom, "v"), Edge(r.x1, r.top, r.x1, r.bottom, "v"))]


def closing_rules(edges: Sequence[Edge]) -> tuple[Edge, ...]:
    """The row rules a page break left out, where the table's uprights say they are.

    A browser printing a table split over a page break draws the uprights of the broken row down to
    the page's foot and no rule under them, and on the next page repeats the header row with no rule
    between it and the rest of the row: the header's uprights end where the row's uprights begin
    (`Sak | Tittel | Vedtak` over `| § 14] | Søknadene 296604 ...`). Where three or more uprights end
    or begin at the same height and no horizontal rule touches that height between them, it closes a
    row: a rule from the leftmost to the rightmost of them is added."""
    ends: dict[int, set[float]] = {}
    for e in edges:
        if e.orientation == "v" and e.bottom - e.top >= 4:
            for y in (e.top, e.bottom):
                ends.setdefault(round(y), set()).add(round(e.x0, 1))
    if not ends:
        return ()
    out: list[Edge] = []
    seen: set[int] = set()
    for key in sorted(ends):
        if key in seen:
            continue
        xs = set().union(*(ends.get(k, set()) for k in (key - 1, key, key + 1)))
        seen.update((key - 1, key, key + 1))
        if len(xs) < 3:
            continue
        left, right = min(xs), max(xs)
        if any(e.orientation == "h" and e.x1 - e.x0 >= 4 and abs(e.top - key) <= 2 and e.x0 < right and e.x1 > left
               for e in edges):
            continue  # a rule there already, if only over part of the width: boxes side by side, not a broken row
        out.append(Edge(left, float(key), right, float(key), "h"))
    return tuple(out)


# A ruled table in a board paper has at most a few dozen lines each way (a page holds ~60 rows).
# pdfplumber's cell finder grows with about the square of the crossings of horizontal and
# vertical lines (measured: 1,681 crossings 0.2 s, 3,721 1 s, 14,641 10 s; a 500 x 500 ruling
# grid ran ~18 minutes): a page with more crossings than this is graph paper or a hostile file,
# not a table, and is read without ruled cells (its text still in reading order).
MAX_RULING_CROSSINGS = 2500


@functools.lru_cache(maxsize=1024)
def _table_cells(edges: tuple[Edge, ...], rects: tuple[Rect, ...]) -> tuple[tuple[float, float, float, float], ...]:
    from pdfplumber import table as pt

    rules = [*edges, *_sides(r for r in rects if r.stroked)]
    dicts = [{"x0": e.x0, "x1": e.x1, "top": e.top, "bottom": e.bottom, "width": e.x1 - e.x0,
              "height": e.bottom - e.top, "orientation": e.orientation, "object_type": "line"} for e in rules]
    if len(dicts) < 4:
        return ()
    merged = pt.merge_edges(dicts, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3, join_y_tolerance=3)
    horizontal = sum(1 for e in merged if e["orientation"] == "h")
    if horizontal * (len(merged) - horizontal) > MAX_RULING_CROSSINGS:
        return ()
    cells = pt.intersections_to_cells(pt.edges_to_intersections(merged, 3, 3))
    return tuple(c for c in cells if (c[2] - c[0]) >= 8 and (c[3] - c[1]) >= 8)


def _contains(box: tuple[float, float, float, float], w: Word) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box[0] - 0.5 <= cx <= box[2] + 0.5 and box[1] - 0.5 <= cy <= box[3] + 0.5


Centres = tuple[np.ndarray, np.ndarray]
Boxes = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def word_boxes(words: Sequence[Word]) -> Boxes:
    """The words' boxes as arrays (x0, top, x1, bottom), built once per page for the steps that test
    every word at once."""
    n = len(words)
    return tuple(np.fromiter(map(get, words), np.float64, n) for get in (_X0, _TOP, _X1, _BOTTOM))  # type: ignore[return-value]


def _centres(words: Sequence[Word], boxes: Boxes | None = None) -> Centres:
    """Centres (x, y) of the words' boxes, as `_contains` computes them."""
    x0, top, x1, bottom = word_boxes(words) if boxes is None else boxes
    return (x0 + x1) / 2, (top + bottom) / 2


def _holding(regions: Sequence[Region], centres: Centres) -> np.ndarray:
    """`_contains` for every region (rows) and word (columns) at once."""
    cx, cy = centres
    b = np.array([(r.x0, r.top, r.x1, r.bottom) for r in regions], dtype=np.float64).reshape(-1, 4)
    return ((b[:, 0:1] - 0.5 <= cx) & (cx <= b[:, 2:3] + 0.5)) & ((b[:, 1:2] - 0.5 <= cy) & (cy <= b[:, 3:4] + 0.5))


def find_regions(raw: RawPage, centres: Centres | None = None) -> list[Region]:
    """Boxes and table cells that hold text; region 0 (free text) is implicit."""
    page_area = raw.width * raw.height
    candidates: list[Region] = []
    cells = table_cells(raw.edges, raw.rects)
    for c in cells:
        candidates.append(Region("cell", *c))
    for r in raw.rects:
        w, h = r.x1 - r.x0, r.bottom - r.top
        if w < MIN_BOX_WIDTH or h < MIN_BOX_HEIGHT or w * h > 0.8 * page_area:
            continue
        if any(abs(c.x0 - r.x0) < 2 and abs(c.top - r.top) < 2 and abs(c.x1 - r.x1) < 2 and abs(c.bottom - r.bottom) < 2 for c in candidates):
            continue
        candidates.append(Region("box", r.x0, r.top, r.x1, r.bottom))
    if not candidates:
        return []
    holds = _holding(candidates, _centres(raw.words) if centres is None else centres).any(axis=1).tolist()
    used = [reg for reg, h in zip(candidates, holds) if h]
    # A box that merely frames a table is not a unit of its own: its cells are.
    result = []
    for reg in used:
        if reg.kind == "box":
            inner = [c for c in used if c.kind == "cell" and c.x0 >= reg.x0 - 1 and c.x1 <= reg.x1 + 1 and c.top >= reg.top - 1 and c.bottom <= reg.bottom + 1]
            if len(inner) >= 2:
                continue
        result.append(reg)
    return result


def assign_regions(words: Sequence[Word], regions: Sequence[Region], centres: Centres | None = None) -> list[int]:
    """Index (1-based) of the smallest region holding each word's centre, 0 for free text."""
    if not regions or not words:
        return [0] * len(words)
    order = sorted(range(len(regions)), key=lambda i: (regions[i].x1 - regions[i].x0) * (regions[i].bottom - regions[i].top))
    holds = _holding([regions[i] for i in order], _centres(words) if centres is None else centres)
    first = np.asarray(order, dtype=np.int64)[holds.argmax(axis=0)] + 1  # the first region in `order` holding the word
    return np.where(holds.any(axis=0), first, 0).tolist()


# --------------------------------------------------------------------------- lines


def rows_of(words: Sequence[Word]) -> list[list[Word]]:
    """Words grouped by baseline (vertical centre within half a line), each row left to right.

    The half line is the taller of the word and the row so far: a backend that boxes glyphs
    tightly gives a bullet dash (`-`) a box 3 points high near the baseline, off the centre of
    the words beside it by more than half its own height but well within half of theirs.
    """
    rows: list[list[Word]] = []
    last: list[Word] = []
    total = 0.0  # sum of the vertical centres of the last row's words (their mean is the row's centre)
    row_h = 0.0  # the tallest word of the last row
    # sorted by (centre, x0), ties in the words' order (the index), the centre computed once
    for cy, _, _, w in sorted([((w.top + w.bottom) / 2, w.x0, i, w) for i, w in enumerate(words)]):
        h = w.bottom - w.top
        if 1.0 > h:  # max(h, 1.0)
            h = 1.0
        if rows and abs(cy - total / len(last)) <= 0.45 * (h if h > row_h else row_h):
            last.append(w)
            total += cy
            if h > row_h:
                row_h = h
            continue
        last, total, row_h = [w], cy, h
        rows.append(last)
    for row in rows:
        row.sort(key=_X0)
    return rows


def split_row(row: Sequence[Word], split: bool = True) -> list[list[Word]]:
    """A row cut into fragments at wide horizontal gaps (column gutters)."""
    frag = [row[0]]
    frags: list[list[Word]] = [frag]
    prev = row[0]
    for w in row[1:]:
        # max() spelt out (`b if b > a else a` is max(a, b)): this runs for every word of a page
        size = w.size if w.size > prev.size else prev.size
        size = size or 0.85 * (prev.bottom - prev.top)
        if 6.0 > size:
            size = 6.0
        if split and w.x0 - prev.x1 > (1.6 * size if 1.6 * size > COLUMN_GAP else COLUMN_GAP):
            frag = [w]
            frags.append(frag)
        else:
            frag.append(w)
        prev = w
    return frags


def _size(f: _Frag) -> float:
    return f.size


def _next_line(a: _Frag, b: _Frag) -> bool:
    """True when b is the next line of the same paragraph or label as a: single line spacing
    (baseline pitch at most 1.45 times the font size), whatever the box heights."""
    pitch = b.top - a.top
    return 0 < pitch <= SINGLE_PITCH * max(_size(a), _size(b), 4.0)


def text_column_edges(frags: list[_Frag]) -> list[float]:
    """The text columns' left edges: the starts of fragments that follow a gap on their row, shared by at
    least two rows, most common first. A page may hold two grids side by side or one above the other (a
    form whose text starts at 132 pt above a header box whose values start at 149 pt)."""
    starts = Counter(round(f.x0 / 3) for f in frags if not f.first_in_row)
    return [min(f.x0 for f in frags if not f.first_in_row and round(f.x0 / 3) == key)
            for key, count in starts.most_common() if count >= 2]


def split_at_text_column(frags: list[_Frag]) -> list[_Frag]:
    """Fragments cut where a word starts at a text column's left edge after more than a word space.

    A label cell's last line can come close to the text beside it (`Forskingsrådet` | `Åse Grønli-Sæther`,
    16 pt apart in 13 pt type): too close for a column gap, but the text starts exactly where the text
    column does on the other rows, so the row is cut there. At the most common edge a gap wider than a word
    space cuts; at any edge a bold label meeting plain text cuts however close (`Saksbehandlers` |
    `Porteføljestyret tar godkjent`, a label too wide for its narrow column); a wide space of justified text
    at another edge never does."""
    edges = text_column_edges(frags)
    edges += [e for e in _indents(frags) if all(abs(e - x) >= 2 for x in edges)]
    if not edges:
        return frags
    out: list[_Frag] = []
    for f in frags:
        cut = next((k for k in range(1, len(f.words)) if _cuts_at(f, k, edges)), None)
        if cut is None:
            out.append(f)
            continue
        out.append(_Frag(f.words[:cut], f.region, f.kind, first_in_row=f.first_in_row, row_top=f.row_top))
        out.append(_Frag(f.words[cut:], f.region, f.kind, first_in_row=False, row_top=f.row_top))
    return out


def _indents(frags: list[_Frag]) -> list[float]:
    """Where lines that open their row start right of the left margin, on at least two rows: a text
    column's lines below a label cell (`bestemmelser om habilitet og tillit skal`, under `Kort bakgrunn`)."""
    firsts = [f for f in frags if f.first_in_row]
    if not firsts:
        return []
    margin = min(f.x0 for f in firsts)
    starts = Counter(round(f.x0 / 3) for f in firsts if f.x0 > margin + LABEL_MIN_OFFSET)
    return [min(f.x0 for f in firsts if round(f.x0 / 3) == key) for key, count in starts.most_common() if count >= 2]


def _cuts_at(f: _Frag, k: int, edges: list[float]) -> bool:
    """Whether fragment f is cut before its k-th word (see `split_at_text_column`)."""
    w, before = f.words[k], f.words[k - 1]
    if not any(abs(w.x0 - e) < 2 for e in edges):
        return False
    if all(v.bold for v in f.words[:k]) and not w.bold:
        return True  # a bold label meeting plain text at a text column's edge, however close
    return abs(w.x0 - edges[0]) < 2 and w.x0 - before.x1 > 0.6 * max(f.size, 4.0)


def mark_labels(frags: list[_Frag]) -> None:
    """Mark the label column of a two-column form.

    The text column's left edge is a common start of fragments that follow a gap on their row
    (`text_column_edges`); a label is a short fragment that starts well left of it, ends before it, and
    sits on a row with text in the text column (or right above/below such a label, as in
    `Hvorfor saken` / `fremmes til dette` / `møtet`).
    """
    edges = text_column_edges(frags)
    if not edges:
        return
    by_top = sorted(frags, key=lambda f: f.top)
    candidates = [
        f for f in by_top
        if f.first_in_row and len(f.words) <= 6 and any(f.x0 < e - LABEL_MIN_OFFSET and f.x1 < e - 1 for e in edges)
        and all(abs(f.x0 - e) >= 4 for e in edges)  # a line of a text column is no label of one further right
    ]
    anchored: set[int] = set()
    for f in candidates:
        if any(g is not f and not g.first_in_row and (g.row_top == f.row_top or abs(g.top - f.top) < 3) and f.x1 < g.x0 - 1
               and any(abs(g.x0 - e) < 4 for e in edges) for g in frags):
            anchored.add(id(f))
    # Grow label blocks up and down from anchored labels through adjacent candidates.
    changed = True
    while changed:
        changed = False
        for f in candidates:
            if id(f) in anchored:
                continue
            for g in candidates:
                if id(g) in anchored and (_next_line(g, f) or _next_line(f, g)):
                    anchored.add(id(f))
                    changed = True
                    break
    for f in frags:
        f.label = id(f) in anchored


def _by_row(frags: list[_Frag]) -> list[_Frag]:
    """Fragments top to bottom, those whose tops lie within 2 pt of the row's first left to right (a
    label `Kort bakgrunn` set half a point lower than the text beside it is still read first)."""
    out: list[_Frag] = []
    row: list[_Frag] = []
    for f in sorted(frags, key=lambda f: f.top):
        if row and f.top - row[0].top >= 2:
            out += sorted(row, key=lambda g: g.x0)
            row = []
        row.append(f)
    return out + sorted(row, key=lambda g: g.x0)


def order_form(frags: list[_Frag]) -> list[_Frag]:
    """Fragments in reading order: each label block, then the text beside it. Two forms side by side (label
    columns far apart whose rows overlap: `Videre` / `saksgang` at the top of the right half beside the header
    box `PS-GLOBUT` / `16/23` on the left) are read one after the other, the one that starts higher first."""
    frags = _by_row(frags)
    if not any(f.label for f in frags):
        return frags
    grids = _side_by_side_grids(frags)
    if len(grids) > 1:
        return [f for grid in grids for f in _order_grid(grid)]
    return _order_grid(frags)


def _side_by_side_grids(frags: list[_Frag]) -> list[list[_Frag]]:
    """The fragments split at the label columns of forms standing side by side (see `order_form`); one
    group where there are none. Each fragment goes with the label column at or left of its start."""
    xs = sorted({round(f.x0) for f in frags if f.label})
    columns: list[float] = []
    for x in xs:
        if not columns or x - columns[-1] > 2 * LABEL_MIN_OFFSET:
            columns.append(x)
    if len(columns) < 2:
        return [frags]
    def column_of(f: _Frag) -> int:
        return max((k for k, x in enumerate(columns) if f.x0 >= x - 4), default=0)
    groups: list[list[_Frag]] = [[] for _ in columns]
    for f in frags:
        groups[column_of(f)].append(f)
    spans = [(min(f.top for f in g if f.label), max(f.bottom for f in g if f.label)) if any(f.label for f in g) else None for g in groups]
    overlapping = any(a and b and a[0] < b[1] and b[0] < a[1] for i, a in enumerate(spans) for b in spans[i + 1:])
    if not overlapping:
        return [frags]
    # the grids stand side by side only down to where the right ones end: the text below (at the left margin) reads on
    # after them (`Møtte` | `Forfall` / `Observatør` | `Frå Forskingsrådet`, then the first case)
    end = max(f.bottom for g in groups[1:] for f in g)
    below = [f for f in groups[0] if f.top > end + 2]
    groups[0] = [f for f in groups[0] if f.top <= end + 2]
    return [*sorted((g for g in groups if g), key=lambda g: min(f.top for f in g)), *([below] if below else [])]


def _order_grid(frags: list[_Frag]) -> list[_Frag]:
    """One form's fragments (in rows): each label block, then the text beside it."""
    blocks: list[list[_Frag]] = []
    for f in (f for f in frags if f.label):
        if blocks and _next_line(blocks[-1][-1], f):
            blocks[-1].append(f)
        else:
            blocks.append([f])
    events: list[tuple[float, int, list[_Frag]]] = [(b[0].row_top - 2.5, 0, b) for b in blocks]
    events += [(f.row_top, 1, [f]) for f in frags if not f.label]
    events.sort(key=lambda e: (e[0], e[1]))
    return [f for _, _, group in events for f in group]


# --------------------------------------------------------------------------- side column

SIDE_BOX_START = re.compile(r"^\s*Sak\s+(?:[A-ZÆØÅ]{2,}[A-ZÆØÅ0-9-]*\s*)?\d{1,3}\s*[/-]\s*\d{2}")
"""`Sak PS-MULTEK 05/24`: a column that opens like this is a case paper's header box."""
SIDE_BOX_LABELS = re.compile(r"^\s*(?:til|fra|frå|vedlegg|saksbehandler|sakshandsamar|ansvarlig direktør|beslutningssak|orienteringssak|vedtakssak)\b", re.IGNORECASE)


def side_column(frags: list[_Frag], width: float) -> tuple[float, float, float] | None:
    """A header box printed beside the form with neither border nor background: (x, top, bottom).

    Found as a run of fragments starting at one x in the right part of the page, opening with
    `Sak <case number>` and holding header labels, with a gutter on its left that no other
    fragment crosses while it runs.
    """
    starts = [f for f in frags if f.x0 > 0.5 * width and SIDE_BOX_START.match(f.text)]
    for head in starts:
        x = head.x0
        column = [f for f in frags if abs(f.x0 - x) < 4 and f.top >= head.top - 1]
        column.sort(key=lambda f: f.top)
        run = [column[0]]
        for f in column[1:]:  # the box ends where its lines stop following each other
            if f.top - run[-1].bottom > 3 * max(_size(f), 6.0):
                break
            run.append(f)
        if sum(1 for f in run if SIDE_BOX_LABELS.match(f.text)) < 2:
            continue
        top, bottom = run[0].top, run[-1].bottom
        crossing = [f for f in frags if f.x0 < x - 4 and f.x1 > x - 2 and f.bottom > top and f.top < bottom]
        if not crossing:
            return x - 4, top - 1, bottom + 1
    return None


# --------------------------------------------------------------------------- page


# --------------------------------------------------------------------------- two-column pages

GUTTER_RANGE = (0.35, 0.68)
FORM_WORDS = re.compile(r"(?i:(?:forslag|framlegg|innstilling|vedtak):?)")
"""Words that open a form or a decision: a column holding one is a column of text, not a header box."""  # where a two-column page's gutter lies, as shares of the page width
MIN_COLUMN_WORDS = 10


def _blocks_of(cells: Sequence[tuple[float, float, float, float]]) -> list[tuple[tuple[float, float, float, float], int]]:
    """Drawn tables and boxes as wholes: cells that touch or overlap (within 3 pt) merged into one box,
    with the number of cells it was merged from."""
    boxes = [[*c, 1] for c in {tuple(round(v) for v in c): c for c in cells}.values()]  # a box drawn twice is one
    merged = True
    while merged:
        merged = False
        out: list[list[float]] = []
        for b in boxes:
            for o in out:
                if b[0] <= o[2] + 3 and o[0] <= b[2] + 3 and b[1] <= o[3] + 3 and o[1] <= b[3] + 3:
                    o[0], o[1], o[2], o[3] = min(o[0], b[0]), min(o[1], b[1]), max(o[2], b[2]), max(o[3], b[3])
                    o[4] += b[4]
                    merged = True
                    break
            else:
                out.append(b)
        boxes = out
    return [((b[0], b[1], b[2], b[3]), int(b[4])) for b in boxes]


def column_gutter(raw: RawPage, boxes: Boxes | None = None, carried: float | None = None) -> float | None:
    """The x of a two-column page's gutter: both sides hold running text, and no word crosses it but
    a few at the top (a title spanning both columns, read with the left one).

    `carried` is the gutter of the page before: pages of one document share their form, so a page keeps
    that gutter where nothing crosses it, however little text either side holds (a right column with only
    the last lines of a case, `prosedyrer.` / `Videre saksgang`, or only a header box), before any other.

    Running headers and footers (top and bottom bands) are left out. A drawn table counts as a whole:
    one inside a column is that column's text (a header box `Sak PS-MULTEK 23/26 | ...` drawn as a
    table in the right column); one that straddles the line crosses it like a word (the gap between a
    `Navn | Rolle` table's columns is no gutter). The words of a single drawn box say nothing about
    columns (a header box beside the form has a border, not a gutter). A form (labels | text), a header
    box beside the form or a table never has such a gutter: their text crosses it, or one side is too
    thin to be a column."""
    lo, hi = GUTTER_RANGE[0] * raw.width, GUTTER_RANGE[1] * raw.width
    least = MIN_COLUMN_WORDS if carried is None else 1  # words each side must hold
    words = raw.words
    if len(words) < 2 * least:
        return None
    wx0, wtop, wx1, wbottom = word_boxes(words) if boxes is None else boxes
    cx, cy = (wx0 + wx1) / 2, (wtop + wbottom) / 2
    foot = (1 - MARGIN_BAND) * raw.height
    in_body = (MARGIN_BAND * raw.height <= wtop) & (wbottom <= foot)
    if np.count_nonzero(in_body) < 2 * least:
        return None
    cells = table_cells(raw.edges, raw.rects)
    cells += [(r.x0, r.top, r.x1, r.bottom) for r in raw.rects if r.x1 - r.x0 > 50 and r.bottom - r.top > 20]
    blocks = _blocks_of(cells)

    def holds(b: tuple[float, float, float, float]) -> np.ndarray:  # `_contains(b, w)` of every word
        return (b[0] - 0.5 <= cx) & (cx <= b[2] + 0.5) & (b[1] - 0.5 <= cy) & (cy <= b[3] + 0.5)

    for b, n in blocks:
        if n == 1 and carried is None:  # (where the page before had columns, a box is a column's text)
            in_body &= ~holds(b)
    body = np.flatnonzero(in_body)
    if len(body) < 2 * least:
        return None
    # words count by their own box, or by the box of the drawn table that holds them (the first such table)
    a_, b_ = wx0[body], wx1[body]
    free = np.ones(len(body), dtype=bool)
    for t, n in blocks:
        if n > 1:
            held = holds(t)[body] & free
            a_[held], b_[held] = t[0], t[2]
            free &= ~held
    tops, bottoms = wtop[body], wbottom[body]
    best: tuple[int, float, float] | None = None
    # the candidate lines all at once: which words cross each, which lie wholly left or right of it
    xs = (np.arange(int(lo), int(hi), 3, dtype=np.float64) if carried is None else np.array([carried]))[:, None]
    crosses = (a_ < xs) & (xs < b_)
    ok = (crosses.sum(axis=1) <= 6) & ~(crosses & (tops > 0.35 * raw.height)).any(axis=1)
    ok &= ((b_ <= xs).sum(axis=1) >= least) & ((a_ >= xs).sum(axis=1) >= least)
    for k in np.flatnonzero(ok).tolist():
        x = float(xs[k, 0])
        left, right = b_ <= x, a_ >= x
        span_left = bottoms[left].max() - tops[left].min()
        span_right = bottoms[right].max() - tops[right].min()
        left_words = [words[i] for i in body[left].tolist()]
        right_words = [words[i] for i in body[right].tolist()]
        # each side's first row, also where it stands in the top band (`Sak PS-MULTEK 07/24` at the top of a page)
        right_opens = _opens_case(raw, lambda w: w.x0 >= x)
        if right_opens and _opens_case(raw, lambda w: w.x1 <= x) and any(FORM_WORDS.fullmatch(w.text) for w in left_words) \
                and any(FORM_WORDS.fullmatch(w.text) for w in right_words):
            pass  # two short case papers side by side (`PS-MATERIALER 1/19` | `PS-MATERIALER 2/19`), each with its form
        elif carried is None and (min(span_left, span_right) < 0.12 * raw.height or max(span_left, span_right) < 0.3 * raw.height):
            continue  # one column may be short (a cover's head beside the first case), not both
        if right_opens and carried is None and not any(FORM_WORDS.fullmatch(w.text) for w in right_words):
            continue  # a case paper's header box beside its form (`Sak PS-HELSE 05/25`, `Til`, ...), not a column
        if np.count_nonzero((x - 3 < b_) & (b_ <= x)) + np.count_nonzero((x <= a_) & (a_ < x + 3)) > 3:
            continue  # no white gutter, only word gaps along the lines
        rank = (int(np.count_nonzero((a_ < x) & (x < b_))), abs(x - raw.width / 2), x)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None


def _first_row(raw: RawPage, side: Callable[[Word], bool], below: float = 0.0) -> list[Word]:
    """The first row of words on one side of the page, below `below` and above the bottom band, left to right."""
    words = [w for w in raw.words if side(w) and below <= w.top and w.bottom <= (1 - MARGIN_BAND) * raw.height]
    if not words:
        return []
    top = min(w.top for w in words)
    return sorted((w for w in words if abs(w.top - top) < 2), key=lambda w: w.x0)


def _opens_case(raw: RawPage, side: Callable[[Word], bool]) -> bool:
    """Whether one side of the page opens with a case paper: `Sak ...` or a case number first
    (`PS-MATERIALER 2/19`), in its first row or, under a running header, the row below it."""
    row = _first_row(raw, side)
    rows = [row]
    if row and row[0].top < MARGIN_BAND * raw.height:  # a running header first: the row below it too
        rows.append(_first_row(raw, side, max(w.bottom for w in row)))
    return any(r and (r[0].text == "Sak" or CODE_FIRST.match(" ".join(w.text for w in r)) is not None) for r in rows)


def _part(raw: RawPage, keep) -> RawPage:  # type: ignore[no-untyped-def]
    """The page with only the words (and the drawings) that `keep(x, top, bottom)` accepts."""
    return replace(
        raw,
        words=tuple(w for w in raw.words if keep((w.x0 + w.x1) / 2, w.top, w.bottom)),
        rects=tuple(r for r in raw.rects if keep((r.x0 + r.x1) / 2, (r.top + r.bottom) / 2, r.bottom)),
        edges=tuple(e for e in raw.edges if keep((e.x0 + e.x1) / 2, (e.top + e.bottom) / 2, e.bottom)),
    )


def build_page(raw: RawPage, carried: float | None = None) -> Page:
    """Lines of one page in reading order (furniture still in; see `remove_furniture`).

    A two-column page (`column_gutter`; `carried`: the gutter of the page before) is read as its left
    column (with a title spanning both), then the right one, then its footer, each laid out on its own,
    so the columns never interleave line by line. The page keeps its gutter (`Page.gutter`)."""
    boxes = word_boxes(raw.words)
    x = column_gutter(raw, boxes, carried) if carried is not None else None
    if x is None:
        x = column_gutter(raw, boxes)
    if x is None:
        return _build_page(raw, boxes)
    bottom = (1 - MARGIN_BAND) * raw.height
    # the rows of a title spanning both columns stay whole, with the left column
    spanning = [(w.top, w.bottom) for w in raw.words if w.x0 < x < w.x1 and w.top < bottom]
    # ... and so do those whose words meet at the gutter with no more than a word space between them
    # (`Porteføljestyret for demokrati, styring og` | `fornyelse, møte 3/24`: one line, not two columns)
    ends = [w for w in raw.words if w.x1 <= x and w.top < bottom]
    starts = [w for w in raw.words if w.x0 >= x and w.top < bottom]
    for a in ends:
        if any(abs(b.top - a.top) < 1.5 and abs(b.size - a.size) < 0.5 and 0 <= b.x0 - a.x1 < 0.5 * max(a.bottom - a.top, 4.0)
               for b in starts):
            spanning.append((a.top, a.bottom))
    # a word is on such a row where its top lies within 2 pt of the row's top, or lower on the same baseline: a word
    # without ascenders set in tight boxes (`samme`, `er`) starts 2 pt below `drøftet` beside it and ends where it does
    spans = lambda top, bottom: any(abs(top - t) < 2 or (abs(bottom - b) < 1 and t < top < b) for t, b in spanning)  # noqa: E731
    # a column's last lines may reach into the bottom band: they go on from the text above, a footer does not
    left_foot = _foot([w for w in raw.words if (w.x0 + w.x1) / 2 < x], bottom)
    right_foot = _foot([w for w in raw.words if (w.x0 + w.x1) / 2 >= x], bottom)
    in_body = lambda cx, top: top < (left_foot if cx < x else right_foot)  # noqa: E731
    parts = [
        _part(raw, lambda cx, top, bottom: in_body(cx, top) and (cx < x or spans(top, bottom))),
        _part(raw, lambda cx, top, bottom: in_body(cx, top) and cx >= x and not spans(top, bottom)),
        _part(raw, lambda cx, top, bottom: not in_body(cx, top)),
    ]
    lines: list[Line] = []
    regions: list[Region] = []
    for part in parts:
        if not part.words:
            continue
        page = _build_page(part)
        offset = len(regions)
        regions.extend(page.regions)
        lines.extend(replace(l, region=l.region + offset) if l.region else l for l in page.lines)
    return Page(raw.number, raw.width, raw.height, tuple(lines), tuple(regions), chars=raw.chars, garbled=raw.garbled, gutter=x)


def _foot(words: Sequence[Word], bottom: float) -> float:
    """Where a column's footer starts: at the bottom band, or below the lines that run on into it from
    the column's text: each within single spacing of the one above, or a paragraph's space below it in the
    same type (`• 341503 Ny kunnskap om`, the next item of a list whose item goes on at the top of the
    next column); a footer is further down or in smaller type (`Side 2 av 3`)."""
    above = [w for w in words if w.top < bottom]
    if not above:
        return bottom
    lowest = max(above, key=lambda w: w.bottom)
    last, size = lowest.bottom, lowest.size
    foot = bottom
    for w in sorted((w for w in words if w.top >= bottom), key=lambda w: w.top):
        h = max(w.bottom - w.top, 4.0)
        if w.top - last >= 0.8 * h and not (w.top - last < 1.6 * h and abs(w.size - size) < 0.5):
            break
        last, size = max(last, w.bottom), w.size
        foot = w.top + 0.5
    return foot


def _build_page(raw: RawPage, boxes: Boxes | None = None) -> Page:
    """Lines of one page (or one column of it) in reading order (`boxes`: its `word_boxes`, if known)."""
    centres = _centres(raw.words, boxes)
    regions = find_regions(raw, centres)
    owner = assign_regions(raw.words, regions, centres)
    by_region: dict[int, list[Word]] = {}
    for w, r in zip(raw.words, owner):
        by_region.setdefault(r, []).append(w)

    units: list[tuple[float, float, list[_Frag]]] = []  # (top, x0, ordered fragments)
    free: list[_Frag] = []
    cell_units: list[tuple[float, float, list[_Frag]]] = []
    for r, words in by_region.items():
        kind = "free" if r == 0 else regions[r - 1].kind
        frags: list[_Frag] = []
        for row in rows_of(words):
            row_top = min(map(_TOP, row))
            for i, part in enumerate(split_row(row)):
                frags.append(_Frag(part, r, kind, first_in_row=i == 0, row_top=row_top))
        if kind == "free":
            side = side_column(frags, raw.width)
            if side is not None:
                x, top, bottom = side
                inside = [f for f in frags if f.x0 >= x and f.top >= top and f.bottom <= bottom]
                moved = {id(g) for g in inside}
                frags = [f for f in frags if id(f) not in moved]
                regions.append(Region("column", x, top, raw.width, bottom))
                for f in inside:
                    f.region, f.kind = len(regions), "box"
                mark_labels(inside)
                units.append((top, x, order_form(inside)))
            frags = split_at_text_column(frags)
            mark_labels(frags)
            free = order_form(frags)
        elif kind == "box":
            mark_labels(frags)
            reg = regions[r - 1]
            units.append((reg.top, reg.x0, order_form(frags)))
        else:
            reg = regions[r - 1]
            cell_units.append((reg.top, reg.x0, sorted(frags, key=lambda f: (round(f.top), f.x0))))

    # Table cells: the first cell of a row is a label cell (`Forslag til vedtak` | text) when its
    # text takes at most 45 % of the row's width and holds only short lines.
    for top, x0, frags in cell_units:
        row = [u for u in cell_units if abs(u[0] - top) < 2]
        if len(row) < 2 or x0 != min(u[1] for u in row):
            continue
        row_right = max(f.x1 for u in row for f in u[2])
        if max(f.x1 for f in frags) - x0 <= 0.45 * (row_right - x0) and all(len(f.words) <= 6 for f in frags):
            for f in frags:
                f.label = True
    units.extend(cell_units)
    units = _after_inner_boxes(units, regions)
    units = _nest(units)
    units.sort(key=lambda u: (round(u[0] / 2), u[1]))
    ordered = _merge(free, units)

    lines: list[Line] = []
    prev: _Frag | None = None
    for f in ordered:
        gap = 1000.0
        if prev is not None and prev.region == f.region:
            gap = f.top - prev.bottom
        bold = sum(1 for w in f.words if w.bold) * 2 > len(f.words)
        lines.append(Line(f.text, raw.number, f.x0, f.top, f.x1, f.bottom, f.region, f.kind, f.label, gap, bold, f.max_size))
        prev = f
    return Page(raw.number, raw.width, raw.height, tuple(lines), tuple(regions), chars=raw.chars, garbled=raw.garbled)


def _after_inner_boxes(units: list[tuple[float, float, list[_Frag]]], regions: Sequence[Region]) -> list[tuple[float, float, list[_Frag]]]:
    """A cell whose own text stands below a box drawn inside it reads after that box: a case card whose shaded
    heading (`PS-BYGG 02/20 Protokoll fra møte 6/19`) sits in the top of the cell that holds its account
    (`Protokollen ble sendt ut med innkallingen.`). Such a cell is placed by the top of its own text."""
    out = []
    for top, x0, frags in units:
        r = frags[0].region if frags else 0
        if 0 < r <= len(regions) and regions[r - 1].kind == "cell":
            outer = regions[r - 1]
            first = min(f.top for f in frags)
            inner = [reg for reg in regions if reg is not outer and reg.kind == "box" and outer.x0 - 1 <= reg.x0
                     and reg.x1 <= outer.x1 + 1 and outer.top - 1 <= reg.top and reg.bottom <= first + 1]
            if inner:
                top = max(reg.bottom for reg in inner)
        out.append((top, x0, frags))
    return out


def _merge(frags: list[_Frag], units: Sequence[tuple[float, float, list[_Frag]]]) -> list[_Frag]:
    """Fragments with the units (sorted by top) placed before the first fragment they are not below."""
    ordered: list[_Frag] = []
    ui = 0
    for f in frags:
        while ui < len(units) and units[ui][0] <= f.top + 1:
            ordered.extend(units[ui][2])
            ui += 1
        ordered.append(f)
    for u in units[ui:]:
        ordered.extend(u[2])
    return ordered


def _nest(units: list[tuple[float, float, list[_Frag]]]) -> list[tuple[float, float, list[_Frag]]]:
    """Units drawn inside another unit (a table inside the `Forslag til vedtak` cell) read in
    their place among that unit's lines: a sentence printed below the inner table comes after it.

    A unit's box is the union of its fragments' boxes; a unit inside another one's box (with a
    point of slack) belongs to the smallest such unit, and is merged into its lines by height.
    """
    if len(units) < 2:
        return units
    boxes = np.array([(min(f.x0 for f in u[2]), min(f.top for f in u[2]), max(f.x1 for f in u[2]), max(f.bottom for f in u[2]))
                      for u in units], dtype=np.float64)
    x0, top, x1, bottom = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    # inside[i, j]: unit j lies within unit i's box, and i's lines reach both above and below j
    inside = ((x0[:, None] <= x0[None, :] + 1) & (x1[None, :] <= x1[:, None] + 1)
              & (top[:, None] < top[None, :] - 1) & (bottom[None, :] < bottom[:, None] - 1))
    if not inside.any():
        return units
    area = (x1 - x0) * (bottom - top)
    parent: dict[int, int] = {}
    for j in np.flatnonzero(inside.any(axis=0)).tolist():
        holders = np.flatnonzero(inside[:, j])
        parent[j] = int(holders[np.argmin(area[holders])])
    children: dict[int, list[int]] = {}
    for j, i in parent.items():
        children.setdefault(i, []).append(j)

    def resolve(i: int) -> tuple[float, float, list[_Frag]]:
        top_i, x_i, frags = units[i]
        kids = sorted((resolve(j) for j in children.get(i, ())), key=lambda u: (round(u[0] / 2), u[1]))
        return top_i, x_i, _merge(frags, kids) if kids else frags

    return [resolve(i) for i in range(len(units)) if i not in parent]


# --------------------------------------------------------------------------- furniture

PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–]\s*)?(?:side|page|s\.|sida)?\s*\d{1,4}\s*(?:(?:av|of|/|frå|fra)\s*\d{1,4})?\s*(?:[-–])?\s*$",
    re.IGNORECASE,
)
MARGIN_BAND = 0.09
# Lines that open a section are content even when they recur at the top of many pages.
PROTECTED = re.compile(
    r"^\s*(?:sak\b|forslag til vedtak|framlegg til vedtak|vedtak\b|møteprotokoll|saksfremlegg|saksframlegg|"
    r"til stede|til stades|dato\b|sted\b|stad\b|innkalling)",
    re.IGNORECASE,
)


RUNNING_CASE_HEADER = re.compile(r"^\s*sak\s+(?:[A-ZÆØÅ][A-ZÆØÅ0-9-]*\s*)?\d{1,3}\s*[/-]\s*\d{2}", re.IGNORECASE)
"""A running header naming one case in full (`Sak PS-HELSE 5/25 – ...`); a bare `Sak PS-ENERGI`
(a header box whose number wrapped onto the next line) repeats on every case paper and is content."""
PAGE_OF = re.compile(r"\b(?:side|sida|page|s\.)\s*(?:\d{1,4}|[Il1]\d{0,3})\s*(?:av|of|/)\s*\d{1,4}\b", re.IGNORECASE)
"""`Side 2 av 3` anywhere in a header or footer line makes it page furniture (also `Side I av 8`, a scan's `1`)."""


SHORT_NUMBER = re.compile(r"(?<!\d)\d{1,4}(?!\d)")
FURNITURE_WORD = re.compile(r"[\w#]+")


def _furniture_key(line: Line, page: Page) -> tuple[bool, str]:
    """What a running header or footer repeats: its text with page-number-sized numbers (up to
    four digits) left out, and whether it is at the top. A line at the foot of one page and one
    at the top of the next are not the same furniture, and a six-digit application id
    (`- Søknad 678361 avslås.`) is content that no page number replaces. Only words count, not the
    signs between them: a scanned page's `teknologier – møte 5/22` is read `teknologier - møte`,
    `teknologier.— møte` or `teknologier møte` from page to page, and is the same header."""
    return line.top < MARGIN_BAND * page.height, " ".join(FURNITURE_WORD.findall(SHORT_NUMBER.sub("#", line.text.lower())))


def _in_band(line: Line, page: Page) -> bool:
    return line.top < MARGIN_BAND * page.height or line.bottom > (1 - MARGIN_BAND) * page.height


def remove_furniture(pages: Sequence[Page]) -> list[Page]:
    """Drop running headers, footers and page numbers.

    A line is furniture when it sits in the top or bottom band of its page, is among the first
    or last two lines there, and either is a bare page number (`Side 3 av 12`, `- 4 -`) or repeats
    in the same band (short numbers aside) on at least half of the pages. Lines that open a section (`Forslag til vedtak`,
    `Sak ...`) are kept, except a `Sak PS-HELSE 5/25 ...` line repeated word for word at the top
    of consecutive pages: the running header of one case paper, not a new case.
    """
    n = len(pages)
    seen: Counter[tuple[bool, str]] = Counter()
    exact: list[set[str]] = []
    for page in pages:
        band = [l for l in _edge_lines(page) if _in_band(l, page)]
        seen.update({_furniture_key(l, page) for l in band})
        exact.append({l.text.strip() for l in band})
    threshold = max(2, (n + 1) // 2)
    out: list[Page] = []
    for k, page in enumerate(pages):
        edge = {id(l) for l in _edge_lines(page)}
        neighbours = (exact[k - 1] if k else set()) | (exact[k + 1] if k + 1 < n else set())
        keep: list[Line] = []
        dropped: list[str] = []
        for line in page.lines:
            if id(line) in edge and _in_band(line, page) and _opens_wrapped_label(line, page):
                keep.append(line)  # `Saksbehandlers` / `forslag til vedtak` opening every page: a label, not a header
                continue
            # a line in a table cell or a drawn box is content (`Innstilling` | ... opening the form on
            # every page); running headers and footers are never drawn in cells
            if id(line) in edge and _in_band(line, page) and line.region_kind not in ("cell", "box"):
                if (PROTECTED.match(line.text) or CODE_FIRST.match(line.text) or opens_section(line.text)) \
                        and not PAGE_OF.search(line.text):
                    # A section opener repeated word for word on the next or previous page is a
                    # running header (`Møteprotokoll – Porteføljestyret for helse – møte 6/24`,
                    # `Sak PS-HELSE 5/25 – ...`); a bare label (`Forslag til vedtak`) never is.
                    long_enough = RUNNING_CASE_HEADER.match(line.text) or len(line.text.split()) >= 4
                    if opens_section(line.text) or not (long_enough and line.text.strip() in neighbours):
                        keep.append(line)
                        continue
                    dropped.append(line.text)
                    continue
                if PAGE_OF.search(line.text):
                    dropped.append(line.text)
                    continue
                if PAGE_NUMBER.match(line.text) or (n >= 2 and seen[_furniture_key(line, page)] >= threshold):
                    dropped.append(line.text)
                    continue
            keep.append(line)
        out.append(replace(page, lines=tuple(keep), furniture=tuple(dropped)))
    return out


def _opens_wrapped_label(line: Line, page: Page) -> bool:
    """A line whose next line or two below (same left edge, single spacing) complete a form label with it
    (`Saksbehandlers` / `forslag til vedtak`, `Administrasjon` / `ens forslag til` / `vedtak`)."""
    if len(line.text.split()) > 3:
        return False
    parts, above = [line.text], line
    for _ in range(2):
        below = [l for l in page.lines if abs(l.x0 - line.x0) < 2 and 0 < l.top - above.top < 2 * max(above.height, 6.0)]
        if not below:
            return False
        above = min(below, key=lambda l: l.top)
        parts.append(above.text)
        if any(opens_section(t) for t in label_readings(parts)):
            return True
    return False


def _edge_lines(page: Page) -> list[Line]:
    """The two topmost and two bottommost lines of a page."""
    by_top = sorted(page.lines, key=lambda l: l.top)
    return by_top[:2] + by_top[-2:]


# --------------------------------------------------------------------------- rows split by a page break


def _cell_row(page: Page, lines: Sequence[Line]) -> dict[int, list[Line]]:
    """The cells (region index -> lines) of `lines` that sit in table cells level with the first
    of them, each cell's lines in reading order."""
    cells: dict[int, list[Line]] = {}
    if not lines or lines[0].region_kind != "cell" or not (0 < lines[0].region <= len(page.regions)):
        return cells
    top = page.regions[lines[0].region - 1].top
    for line in lines:
        if line.region_kind != "cell" or not (0 < line.region <= len(page.regions)):
            continue
        if abs(page.regions[line.region - 1].top - top) < 2:
            cells.setdefault(line.region, []).append(line)
    return cells


def join_split_rows(pages: Sequence[Page]) -> list[Page]:
    """A table row broken by a page break is read as one row.

    When a page ends in a table row and the next page opens with table cells in the same columns
    but with the row's first cell empty (`837641 | Samarbeid om batterier og energilagring i |
    Venteliste` / ` | Norden | `), the cells on the new page continue the row: their lines move to
    just after the lines of the cell above them, so the title reads `... i Norden` before the
    outcome. The moved lines keep their own page and boxes.
    """
    out = list(pages)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if not a.lines or not b.lines or a.lines[-1].region_kind != "cell" or b.lines[0].region_kind != "cell":
            continue
        last_top = a.regions[a.lines[-1].region - 1].top if 0 < a.lines[-1].region <= len(a.regions) else None
        if last_top is None:
            continue
        above = {r: ls for r, ls in _cell_row(a, [l for l in a.lines if l.region_kind == "cell"
                                                   and abs(a.regions[l.region - 1].top - last_top) < 2]).items()}
        # the prefix of the next page that sits in its first row of cells
        first = _cell_row(b, b.lines)
        prefix = 0
        while prefix < len(b.lines) and b.lines[prefix].region in first:
            prefix += 1
        below = _cell_row(b, b.lines[:prefix])
        if len(above) < 2 or not below or len(below) >= len(above):
            continue
        columns = {r: (a.regions[r - 1].x0, a.regions[r - 1].x1) for r in above}
        leftmost = min(columns.values())[0]
        target: dict[int, int] = {}
        for r in below:
            reg = b.regions[r - 1]
            match = [ra for ra, (x0, x1) in columns.items() if abs(x0 - reg.x0) < 3 and abs(x1 - reg.x1) < 3]
            if not match or abs(reg.x0 - leftmost) < 3:
                break  # not the same columns, or a first cell of its own: a new row
            target[r] = match[0]
        else:
            moved = {id(l) for l in b.lines[:prefix]}
            lines: list[Line] = []
            for line in a.lines:
                lines.append(line)
                for r, ra in target.items():
                    if line is above[ra][-1]:
                        lines.extend(below[r])
            out[k] = replace(a, lines=tuple(lines))
            out[k + 1] = replace(b, lines=tuple(l for l in b.lines if id(l) not in moved))
    return out
