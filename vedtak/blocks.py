"""The structure layer: a document's lines as typed blocks, built once per document, read by extractors.

Between the layout (`vedtak.pdf`, lines in reading order with boxes, regions and form labels) and
the extractors sit blocks, each with its lines (so page and box) and the stage that made them:

- ``table``: a header row whose cells the lexicon gives a meaning (`Søknadsnr. | Prosjekttittel |
  Vedtak`, `Sak | Medlem | Grunnlag`, `Navn | Rolle`), then rows of cells; a cell's wrapped lines
  stay in their cell, and a row continued at the top of the next page stays one row;
- ``list_item``: a bullet, dash or number opening an item (`– Kari Nordmann, sak 12/25 (medsøker)`,
  `• Avslås: 310151, 310152 og 310160`, `1. Godkjent møteprotokoll`);
- ``paragraph``: anything else, grouped by the layout's gaps (see `vedtak.extractors.text`).

A table is recognised by its structure (cells side by side, row after row, aligned under a header)
and its vocabulary, never by its position on a template page: the same table drawn with rules
(LibreOffice, Chromium), without (reportlab) or on a landscape page gives the same block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from vedtak.document import BBox, Document, Line, Page, union_bbox
from vedtak.lexicon import ATTENDANCE_LABELS, ORGANISATION, column_meaning, match_label
from vedtak.nlp.joining import dehyphenate_join
from vedtak.nlp.vocab import AttendanceRole, ColumnMeaning

STAGE = "blocks"


class BlockKind(StrEnum):
    """The kinds of block."""

    TABLE = "table"
    LIST_ITEM = "list_item"
    PARAGRAPH = "paragraph"


@dataclass(frozen=True, slots=True)
class Table:
    """A table: header texts, what each column holds (None where no rule knows the header), and rows
    of cell texts aligned with the columns (empty string for an empty cell)."""

    headers: tuple[str, ...]
    meanings: tuple[ColumnMeaning | None, ...]
    rows: tuple[tuple[str, ...], ...]
    row_lines: tuple[tuple[Line, ...], ...]
    header_lines: tuple[Line, ...]

    def column(self, meaning: ColumnMeaning) -> int | None:
        """Index of the first column with that meaning."""
        return next((i for i, m in enumerate(self.meanings) if m == meaning), None)

    def has(self, *meanings: ColumnMeaning) -> bool:
        """True when the table has a column for each meaning."""
        return all(self.column(m) is not None for m in meanings)

    def cell(self, row: int, meaning: ColumnMeaning) -> str | None:
        """The text of a row's cell in the column of that meaning (None without such a column)."""
        i = self.column(meaning)
        return self.rows[row][i] if i is not None else None

    @property
    def understood(self) -> bool:
        """True when at least one column header has a meaning."""
        return any(m is not None for m in self.meanings)


@dataclass(frozen=True, slots=True)
class Block:
    """One block: its kind, its text, its lines (page and box), and its table or list marker."""

    kind: BlockKind
    text: str
    lines: tuple[Line, ...]
    table: Table | None = None
    marker: str | None = None
    stage: str = STAGE

    @property
    def page(self) -> int:
        """Page of the block's first line."""
        return self.lines[0].page

    @property
    def bbox(self) -> BBox | None:
        """Box around the block's lines on its first page."""
        return union_bbox(self.lines)


LIST_MARKER = re.compile(r"^\s*(?P<m>[•●▪◦·∙\-–—*]|\d{1,2}[.)]|[a-z][.)])\s+(?=\S)")
"""`– Kari Nordmann, sak 12/25 (medsøker)`, `• 351258 Tiltak for ...`, `1. Godkjent møteprotokoll`, `a) ...`."""

_MAX_HEADER_WORDS = 6


Cell = list[Line]
Band = list[Cell]


def _bands(doc: Document) -> list[Band]:
    """The document's rows: cells that stand side by side, left to right, each cell its lines.

    A ruled table's cells (regions of kind `cell`) are grouped by the row of boxes they sit in, so
    a cell's wrapped lines (`Ny kunnskap om` / `marin forsøpling`) stay in it whatever order the
    text layer gave them. Free lines are joined only with their neighbours in reading order, so
    the two columns of a two-column page (read column after column) never become one row."""
    bands: list[Band] = []
    for page in doc.pages:
        lines = page.lines
        i = 0
        while i < len(lines):
            line = lines[i]
            kind = line.region_kind
            if kind == "box" and not _box_row(lines, i, page):
                kind = "free"  # a box of its own (a case's header box): its lines as free lines
            if kind in ("cell", "box") and 0 < line.region <= len(page.regions) and line.page == page.number:
                j = i
                key: object = None
                cells: dict[object, Cell] = {}
                boxes: dict[object, tuple[float, float]] = {}
                while j < len(lines) and lines[j].region_kind == kind and 0 < lines[j].region <= len(page.regions):
                    ln = lines[j]
                    if ln.page != page.number and cells:
                        # the rest of a row from the next page, moved after its cell by the layout (`| Norden |`)
                        cells[key].append(ln)
                        j += 1
                        continue
                    box = page.regions[ln.region - 1]
                    inside = box.top - 2 <= ln.top and ln.bottom <= box.bottom + 2
                    key: object = ln.region if inside else ("stray", j)  # a line outside its cell's box stands alone
                    cells.setdefault(key, []).append(ln)
                    boxes.setdefault(key, (box.top, box.x0) if inside else (ln.top, ln.x0))
                    j += 1
                row_top: float | None = None
                for key in sorted(cells, key=lambda k: boxes[k]):
                    top = boxes[key][0]
                    if row_top is None or abs(top - row_top) > 2.0:
                        bands.append([])
                        row_top = top
                    bands[-1].append(cells[key])
                i = j
                continue
            # the row this line continues: the last band, or one a little further back when only the wrapped lines
            # of a cell on its left stand between (`Panel 1 Samfunn og` / `etikk`, then `271314 | ...` on its row)
            back = 1
            while (back < 4 and len(bands) > back and len(bands[-back]) == 1
                   and all(l.page == line.page and l.x1 < line.x0 for l in bands[-back][0])):
                back += 1
            for k in range(1, min(back, len(bands)) + 1):
                band = bands[-k]
                if not band or band[-1][0].region_kind == "cell":
                    continue
                head, last = band[0][0], band[-1][-1]
                if (head.page == line.page and abs(line.top - head.top) < 0.5 * max(head.height, 4.0)
                        and line.x0 >= last.x1 - 1):
                    band.append([line])
                    break
            else:
                bands.append([[line]])
            i += 1
            continue
    return bands


def _box_row(lines: Sequence[Line], i: int, page: Page) -> bool:
    """Whether the run of lines in drawn boxes that starts at line i sits in two boxes or more side by side: a table
    header of shaded cells with no rules (`Panel | Søknadsnr. | ... | Søkt (1000` / `kr) | ...`), read as cells."""
    tops: list[tuple[float, float]] = []
    j = i
    while j < len(lines) and lines[j].region_kind == "box" and 0 < lines[j].region <= len(page.regions):
        box = page.regions[lines[j].region - 1]
        if (box.top, box.x0) not in tops:
            tops.append((box.top, box.x0))
        j += 1
    return any(a is not b and abs(a[0] - b[0]) < 2 and a[1] != b[1] for a in tops for b in tops)


def _text(cell: Cell) -> str:
    return dehyphenate_join([l.text.strip() for l in cell]).strip()


_HEADER_NUMBER = re.compile(r"\d{4,}(?![^()]*\))")
"""A number of four digits or more, which no header cell holds (an id, a year, an amount), unless inside the
parentheses of a unit (`Omsøkt (1000 kr)`)."""


def _is_header(band: Band) -> tuple[ColumnMeaning | None, ...] | None:
    """Meanings of a row that can head a table: two or more short cells of which at least two the
    lexicon knows (or one among three or more), or three or more bold cells no rule knows (still
    a table, reported as `unknown_table`). A form's `Forslag til vedtak` | its text is no header."""
    if len(band) < 2:
        return None
    texts = [_text(c) for c in band]
    if any(len(t.split()) > _MAX_HEADER_WORDS or _HEADER_NUMBER.search(t) or not t for t in texts):
        return None
    meanings = header_meanings(texts)
    if meanings is not None:
        return meanings
    if len(band) >= 3 and all(l.bold for c in band for l in c):
        return tuple(column_meaning(t) for t in texts)
    return None


def header_meanings(texts: Sequence[str]) -> tuple[ColumnMeaning | None, ...] | None:
    """Meanings of the cell texts of a row that heads a table by its vocabulary: two or more short cells of which
    at least two the lexicon knows, or one among three or more (`Gjelder | Navn | Årsak`, `Søknad | Forslag`)."""
    if len(texts) < 2 or any(len(t.split()) > _MAX_HEADER_WORDS or _HEADER_NUMBER.search(t) or not t for t in texts):
        return None
    meanings = tuple(column_meaning(t) for t in texts)
    known = sum(m is not None for m in meanings)
    return meanings if known >= 2 or (known >= 1 and len(texts) >= 3) else None


def _column_of(x0: float, starts: Sequence[float]) -> int:
    """The column a line starting at x0 belongs to: the last column starting at or left of it."""
    k = 0
    for i, s in enumerate(starts):
        if s <= x0 + 4:
            k = i
    return k


_NUMBER_CELL = re.compile(r"^\s*\d[\d\s.,]*\s*$")


def _another_row(band: Band, prev: list[Cell], starts: Sequence[float]) -> bool:
    """A row whose first cell is empty (`| 283312 | Håkon Fyhring | ... | 9 850 |` under `A | 283301 | ...`, the group
    printed once for its rows): it puts a number where the row above already has one, as no wrapped line does."""
    for cell in band:
        k = _column_of(cell[0].x0, starts)
        mine, above = _text(cell), _text(prev[k]) if prev[k] else ""
        if above and _NUMBER_CELL.match(mine) and _NUMBER_CELL.match(above):
            return True
    return False


def _split_at_columns(cell: Cell, starts: Sequence[float]) -> list[Cell]:
    """A one-line cell that runs over into the next column, the gap between them no wider than a word space
    (`9 950 Innvilges` under `Innstilt (1000 kr)` | `Innstilling`), cut where a word starts at that column's left edge
    (positions estimated from the characters, as `fields.line_piece` does)."""
    if len(cell) != 1 or cell[0].region_kind == "cell":
        return [cell]
    line = cell[0]
    text = line.text
    width = (line.x1 - line.x0) / max(len(text), 1)
    inner = [x for x in starts if line.x0 + 8 < x < line.x1 - 8]
    if not inner:
        return [cell]
    cuts = []
    for m in re.finditer(r"(?<=\s)\S", text):
        x = line.x0 + m.start() * width
        if any(abs(x - s) < 8 for s in inner):
            cuts.append(m.start())
    if not cuts:
        return [cell]
    bounds = [0, *cuts, len(text)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        piece = text[a:b].strip()
        if piece:
            start = a + len(text[a:b]) - len(text[a:b].lstrip())
            out.append([replace(line, text=piece, x0=line.x0 + start * width, x1=line.x0 + (start + len(piece)) * width)])
    return out


def _edges(header: Band) -> list[tuple[float, float]]:
    """Each header cell's left and right edge."""
    return [(min(l.x0 for l in h), max(l.x1 for l in h)) for h in header]


def _spans(header: Band, edges: Sequence[tuple[float, float]] | None = None) -> list[tuple[float, float]]:
    """Each column's span: from halfway between the header cell before and this one to halfway to the next."""
    edges = edges or _edges(header)
    mids = [(a[1] + b[0]) / 2 for a, b in zip(edges, edges[1:])]
    # the outer columns reach no further than a short way past their headers (not into the other column of a page)
    return list(zip([edges[0][0] - _OUTER, *mids], [*mids, edges[-1][1] + _OUTER]))


_OUTER = 60.0  # how far a first or last column's cells may stand outside its header cell (`Namn` centred over names)


def _place(cell: Cell, header: Band, starts: Sequence[float], geometry: tuple[list, list] | None = None) -> int:
    """The column a cell belongs to: the last one starting at or left of it, unless the cell lies wholly within another
    column's span (`leiar` under a centred `Rolle`, left of where `Rolle` starts). `geometry`: the header's `_edges`
    and `_spans`, where already known."""
    k = _column_of(cell[0].x0, starts)
    edges, spans = geometry or (_edges(header), _spans(header))
    x0, x1 = min(l.x0 for l in cell), max(l.x1 for l in cell)
    if k + 1 < len(header) and x0 > edges[k][1]:  # it starts past the end of its column's header
        a, b = spans[k + 1]
        if a <= x0 and x1 <= b:
            return k + 1
    return k


def _under_column(cell: Cell, header: Band, geometry: tuple[list, list] | None = None) -> bool:
    """Whether a cell stands under one of the header's cells: aligned with it at the left, at the right (`6,5` and
    `7 980 000` under `Karakter` and `Omsøkt (kr)`, numbers set flush right) or on its centre, or, right of the first
    column, wholly within the column's span (from its header's start to the next header's)."""
    x0, x1 = min(l.x0 for l in cell), max(l.x1 for l in cell)
    edges, spans = geometry or (_edges(header), _spans(header))
    starts = [e[0] for e in edges]
    for k in range(len(header)):
        h0, h1 = edges[k]
        if abs(x0 - h0) < 6 or abs(x1 - h1) < 6 or abs((x0 + x1) - (h0 + h1)) < 12:
            return True
        if k and h0 - 6 <= x0 and (k + 1 == len(starts) or x1 <= starts[k + 1] + 2):
            return True  # within its column, between its header's start and the next's (`10 000` under `Omsøkt` / `(1000 kr)`)
    # ... or wholly between the midpoints to its neighbours' headers (`Ragnhild Fossheim Lie` | `leiar` under centred
    # `Namn` | `Rolle`): a column of one row is never wider than that
    return len(header) >= 2 and any(a <= x0 and x1 <= b for a, b in spans)


def group_role(text: str) -> AttendanceRole | None:
    """The role a group row of an attendance table gives the rows under it: `Medlemmer` (present), `Observatører`,
    `Forskningsrådet` or `Fra Forskningsrådet` (staff), `Forfall` (absent); None for any other text."""
    if ORGANISATION.match(text):
        return AttendanceRole.STAFF
    found = match_label(text, ATTENDANCE_LABELS)
    return _GROUP_ROLES.get(found.key) if found is not None else None


_GROUP_ROLES = {"present": AttendanceRole.PRESENT, "observers": AttendanceRole.OBSERVER, "staff": AttendanceRole.STAFF,
                "absent": AttendanceRole.ABSENT}


def _under_header_cell(cell: Cell, header: Band) -> list[int]:
    """The header cells a cell stands under: from a header cell's left edge to the next one's."""
    starts = [min(l.x0 for l in h) for h in header] + [float("inf")]
    x0 = min(l.x0 for l in cell)
    return [k for k in range(len(header)) if starts[k] - 4 <= x0 < starts[k + 1] - 4]


def _sub_header(band: Band, header: Band) -> bool:
    """A second header row: short cells, no numbers, two or more of them under one cell of the first row."""
    if len(band) < 2 or band[0][0].page != header[0][0].page:
        return False
    texts = [_text(c) for c in band]
    if any(len(t.split()) > _MAX_HEADER_WORDS or re.search(r"\d", t) or not t for t in texts):
        return False
    under = [_under_header_cell(c, header) for c in band]
    if any(len(u) != 1 for u in under):
        return False
    counts = [sum(1 for u in under if u == [k]) for k in range(len(header))]
    return max(counts) >= 2


def _with_sub_header(header: Band, sub: Band) -> Band:
    """The header's cells, each cell over two sub-cells or more replaced by them (`Søkt`, `Tilrådd` for `Beløp`)."""
    out: Band = []
    for k, h in enumerate(header):
        subs = [c for c in sub if _under_header_cell(c, header) == [k]]
        out.extend(subs if len(subs) >= 2 else [h])
    return out


def _table_at(bands: list[Band], b: int, meanings: tuple[ColumnMeaning | None, ...]) -> tuple[Table, int]:
    """The table whose header is band b, and the index of the first band after it."""
    header = bands[b]
    k = b + 1
    if k < len(bands) and _sub_header(bands[k], header):
        # a header of two rows: `Beløp (mill. kr)` over `Søkt | Tilrådd`, the sub-cells are the columns
        header = _with_sub_header(header, bands[k])
        meanings = tuple(column_meaning(_text(c)) for c in header)
        k += 1
    starts = [c[0].x0 for c in header]
    headers = [_text(c) for c in header]
    edges = _edges(header)
    geometry = (edges, _spans(header, edges))  # (computed once for the table's rows)
    rows: list[list[Cell]] = []
    repeated: Band | None = None  # the header row printed again (over a page break), the last band read
    origin: dict[int, Line] = {}  # a piece of a line cut at a column edge -> the line it was cut from
    while k < len(bands):
        band = bands[k]
        if len(band) >= 2:  # (a row's cells; a caption or a paragraph below the table is never cut)
            cut = [(piece, cell) for cell in band for piece in _split_at_columns(cell, starts)]
            origin.update((id(piece[0]), cell[0]) for piece, cell in cut if piece is not cell)
            band = [piece for piece, _ in cut]
        prev = rows[-1] if rows else None
        above = repeated or prev or header
        last_line = max((l for cell in above for l in cell), key=lambda l: (l.page, l.bottom))
        repeated = None
        first = band[0][0]
        next_page = first.page == last_line.page + 1
        if first.page != last_line.page and not (next_page and first.region_kind == "cell"):
            break
        if first.page == last_line.page and first.top - last_line.bottom > 3.0 * max(first.height, 6.0):
            break  # a wide gap: the table has ended
        col = _place(band[0], header, starts, geometry)
        if [_text(c) for c in band] == headers:
            repeated = band
            k += 1
            continue  # the header row repeated over a page break (`Søknadsnr. | Prosjekttittel | Forslag`)
        if len(band) >= 2 and not all(_under_column(c, header, geometry) for c in band):
            break  # cells that do not stand under the columns: the table has ended (`Kort bakgrunn` | its text)
        if (len(band) >= 2 and prev is not None and all(l.bold for c in band for l in c)
                and not all(l.bold for c in prev for l in c) and _is_header(band) is not None):
            break  # a bold row that heads columns after plain rows: the next table (`Sak | Tittel | Vedtak`)
        if len(band) == 1 and col == 0 and ColumnMeaning.PERSON in meanings and group_role(_text(band[0])) is not None:
            # a group row of an attendance table (`Medlemmer`, `Observatører`, `Forskningsrådet`): the role of the rows below
            rows.append([list(band[0]), *([] for _ in starts[1:])])
        elif len(band) >= 2 and (col == 0 or (prev is not None and _another_row(band, prev, starts))) \
                and not (next_page and prev is not None and rows and _is_header(band)):
            rows.append([[] for _ in starts])
            for cell in band:
                rows[-1][_place(cell, header, starts, geometry)].extend(cell)
        elif prev is not None and (col > 0 or (next_page and first.region_kind == "cell")):
            # a wrapped cell (`Ny kunnskap om` / `marin forsøpling`), or the rest of a row after a page break
            for cell in band:
                prev[_place(cell, header, starts, geometry)].extend(cell)
        else:
            break
        k += 1
    table = Table(
        headers=tuple(_text(c) for c in header),
        meanings=meanings,
        rows=tuple(tuple(_text(cell) for cell in row) for row in rows),
        # (the lines as the page has them: a line cut at a column edge counts once, as itself)
        row_lines=tuple(tuple(dict.fromkeys(origin.get(id(l), l) for cell in row for l in cell)) for row in rows),
        header_lines=tuple(l for c in header for l in c),
    )
    return table, k


def build_blocks(doc: Document) -> tuple[Block, ...]:
    """The blocks of a document, in reading order, in one pass over its rows."""
    bands = _bands(doc)
    out: list[Block] = []
    para: list[Line] = []

    def flush() -> None:
        if para:
            out.append(Block(BlockKind.PARAGRAPH, dehyphenate_join([l.text.strip() for l in para]), tuple(para)))
            para.clear()

    b = 0
    while b < len(bands):
        band = bands[b]
        meanings = _is_header(band)
        if meanings is not None:
            table, nxt = _table_at(bands, b, meanings)
            if table.rows:
                flush()
                body = table.header_lines + tuple(l for row in table.row_lines for l in row)
                out.append(Block(BlockKind.TABLE, " | ".join(table.headers), body, table=table))
                b = nxt
                continue
        for line in (l for cell in band for l in cell):
            m = LIST_MARKER.match(line.text)
            if m:
                flush()
                out.append(Block(BlockKind.LIST_ITEM, line.text[m.end():].strip(), (line,), marker=m.group("m")))
            elif out and out[-1].kind == BlockKind.LIST_ITEM and not para and _continues_item(out[-1], line):
                item = out[-1]
                out[-1] = Block(BlockKind.LIST_ITEM, dehyphenate_join([item.text, line.text.strip()]), item.lines + (line,),
                                marker=item.marker)
            else:
                if para and (line.page != para[-1].page or line.gap_before > 0.8 * max(line.height, 6.0)):
                    flush()
                para.append(line)
        b += 1
    flush()
    return tuple(out)


def _continues_item(item: Block, line: Line) -> bool:
    """A line indented under a list item's text, right below it, carries the item on."""
    first = item.lines[-1]
    return line.page == first.page and line.x0 > item.lines[0].x0 + 2 and line.gap_before < 0.8 * max(line.height, 6.0)


def blocks_within(blocks: Iterable[Block], lines: Sequence[Line]) -> list[Block]:
    """The blocks whose lines all belong to `lines` (a section: a proposal, a decision, a minutes head)."""
    own = {id(l) for l in lines}
    return [b for b in blocks if b.lines and all(id(l) in own for l in b.lines)]


def table_lines(table: Table) -> tuple[Line, ...]:
    """Every line of a table: its header row and its rows."""
    return table.header_lines + tuple(l for row in table.row_lines for l in row)


def tables_within(blocks: Iterable[Block], lines: Sequence[Line]) -> list[Table]:
    """The tables whose rows lie inside a section (the header row may have been read apart from
    them: a nested table's header cells placed after the text around it)."""
    own = {id(l) for l in lines}
    return [b.table for b in blocks if b.table is not None and b.table.row_lines
            and all(id(l) in own for row in b.table.row_lines for l in row)]


__all__ = ["Block", "BlockKind", "LIST_MARKER", "STAGE", "Table", "blocks_within", "build_blocks", "header_meanings", "table_lines",
           "tables_within"]
