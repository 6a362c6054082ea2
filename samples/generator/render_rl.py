"""reportlab renderer: a small line-layout engine drawing on the canvas, so that every line position is ours.

Layouts for case papers:
- `above`: the header box (bordered, full width) above the two-column form;
- `beside`: the header box in a bordered right-hand column whose lines share the form's leading, so a
  reader that sorts by height interleaves them;
- `beside_shaded`: the same box with a grey background and no border.
- `beside_plain`: the same column with neither border nor background: only the gutter tells it apart.
Every page carries the running header (if any) and the footer `Side N av M`. Soft hyphens in the text
are break points: a word broken there prints `forpros-` at the line end and `jekter` on the next line.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from .form import DEFAULT, Form, attendance_table, running_header
from .model import (
    SOFT_HYPHEN,
    CasePaper,
    FreeDoc,
    MeetingBook,
    Minutes,
    OtherDoc,
    Table,
)

PAGE_W, PAGE_H = A4
LEFT, RIGHT = 56.7, PAGE_W - 56.7
TOP, BOTTOM = PAGE_H - 72, 60
LEAD = 12.6
REG, BOLD = "Helvetica", "Helvetica-Bold"
SIZE = 10
# Set per document by `render` from its Form: the page's right margin and the gap between text columns
# on two-column pages (the flow's RIGHT is then the first column's right edge).
PAGE_RIGHT = RIGHT
COLUMNS, COLUMN_GAP = 1, 18.0
FONTS = {"Helvetica": ("Helvetica", "Helvetica-Bold"), "Times-Roman": ("Times-Roman", "Times-Bold")}


def set_page(form: Form) -> None:
    """Page geometry and fonts of one document: A4 portrait or landscape, one or two text columns."""
    global PAGE_W, PAGE_H, RIGHT, TOP, PAGE_RIGHT, COLUMNS, REG, BOLD
    PAGE_W, PAGE_H = landscape(A4) if form.page == "landscape" else A4
    TOP = PAGE_H - 72
    PAGE_RIGHT = PAGE_W - 56.7
    COLUMNS = 2 if form.page == "two_column" else 1
    RIGHT = LEFT + (PAGE_RIGHT - LEFT - COLUMN_GAP) / 2 if COLUMNS == 2 else PAGE_RIGHT
    if form.font and form.font not in FONTS:
        raise ValueError(f"reportlab renderer: unknown font {form.font!r} (known: {sorted(FONTS)})")
    REG, BOLD = FONTS[form.font or "Helvetica"]


@dataclass
class Op:
    """One drawing operation, replayed by `emit`."""

    kind: str  # text | rect | line
    args: tuple


@dataclass
class Engine:
    """Pages of drawing operations; flows lines downwards and starts new pages as needed."""

    running_header: str | None = None
    footer: str = "Side {n} av {m}"
    pages: list[list[Op]] = field(default_factory=list)
    late: dict[int, list[Op]] = field(default_factory=dict)  # drawn after a page's flow (side boxes)
    y: float = TOP

    def new_page(self) -> None:
        """Start a page; the flow continues at the top."""
        self.pages.append([])
        self.y = TOP

    @property
    def page_index(self) -> int:
        """0-based index of the current page."""
        return len(self.pages) - 1

    def ensure(self, height: float) -> None:
        """Break the page unless `height` points fit above the bottom margin."""
        if not self.pages or self.y - height < BOTTOM:
            self.new_page()

    def text(self, x: float, y: float, s: str, font: str | None = None, size: float = SIZE,
             page: int | None = None) -> None:
        """Draw a string on the current page (or `page`)."""
        ops = self.pages[self.page_index if page is None else page]
        ops.append(Op("text", (x, y, s, font or REG, size)))

    def rect(self, x, y, w, h, stroke=1, fill=0, gray=1.0, page=None, late=False):
        """Draw a rectangle (bordered and/or filled grey); `late`: after the page's flow."""
        p = self.page_index if page is None else page
        target = self.late.setdefault(p, []) if late else self.pages[p]
        target.append(Op("rect", (x, y, w, h, stroke, fill, gray)))

    def hline(self, x0, x1, y):
        """A thin horizontal rule (form row separator)."""
        self.pages[self.page_index].append(Op("line", (x0, y, x1, y)))

    # ------------------------------------------------------------ text flow
    def lines(self, lines: list[tuple[str, str]], x: float, size: float = SIZE, lead: float = LEAD) -> None:
        """Flow pre-wrapped (text, font) lines at x; empty text is a blank line."""
        for s, font in lines:
            self.ensure(lead)
            self.y -= lead
            if s:
                self.text(x, self.y, s, font, size)

    def heading(self, s: str, font: str, size: float) -> None:
        """A heading at the current line; on a two-column page wrapped to its column (a long board name
        breaks inside its column instead of running over the next); the last line at y."""
        lines = wrap(s, RIGHT - LEFT, font, size) if COLUMNS == 2 else [s]  # one column: as the samples were drawn
        for k, ln in enumerate(lines):
            if k:
                self.y -= size * 1.2
            self.text(LEFT, self.y, ln, font, size)

    def para(self, s: str, x: float | None = None, width: float | None = None, font: str | None = None,
             size: float = SIZE, gap: float = 4) -> None:
        """Wrap and flow one paragraph (default: the full text width), then leave `gap` points."""
        x = LEFT if x is None else x
        width = RIGHT - LEFT if width is None else width
        font = font or REG
        self.lines([(ln, font) for ln in wrap_block(s, width, font, size)], x, size)
        self.y -= gap

    def table(self, t: Table, x: float, width: float, size: float = 8.5) -> None:
        """Flow a ruled table; rows never split; the header row is bold."""
        rel = t.widths or tuple(1 for _ in t.header)
        tot = sum(rel)
        ws = [width * r / tot for r in rel]
        lead = size * 1.25
        for ri, row in enumerate((t.header, *t.rows)):
            font = BOLD if ri == 0 else REG
            cells = [wrap(c, w - 6, font, size) or [""] for c, w in zip(row, ws)]
            h = max(len(c) for c in cells) * lead + 5
            if self.y - h < BOTTOM:
                self.new_page()
            top = self.y
            cx = x
            for lines_, w in zip(cells, ws):
                yy = top - 2
                for ln in lines_:
                    yy -= lead
                    self.text(cx + 3, yy + 2, ln, font, size)
                self.rect(cx, top - h, w, h)
                cx += w
            self.y = top - h
        self.y -= 6


# ---------------------------------------------------------------- wrapping

VOWELS = set("aeiouyæøå")
AUTO_HYPHENATE = False  # set per document by render(): long lowercase words get break points


ONSETS = {"pr", "br", "tr", "dr", "kr", "gr", "fr", "pl", "bl", "kl", "gl", "fl", "sl", "sk", "sp", "st", "sj",
          "kj", "gj", "tj", "hj", "sn", "sm", "sv", "tv", "kv", "dv"}


def soft_points(word: str) -> str:
    """Break points (soft hyphens) for a long lowercase word, at syllable-like boundaries between vowels:
    `forskningsprosjekter` -> `forsk|nings|pro|sjek|ter` (4+ letters kept on each side)."""
    if len(word) < 13 or not word.isalpha() or not word.islower() or SOFT_HYPHEN in word:
        return word
    cuts: set[int] = set()
    i, n = 0, len(word)
    while i < n:
        if word[i] in VOWELS:
            j = i + 1
            while j < n and word[j] not in VOWELS:
                j += 1
            if j < n and j > i + 1:  # consonant cluster word[i+1:j] between two vowels
                c = word[i + 1:j]
                if len(c) == 1:
                    cuts.add(i + 1)
                elif c[-2:] in ONSETS and len(c) > 2:
                    cuts.add(j - 2)
                elif c[-2:] == "ng" or c[-2:] in ONSETS:
                    pass
                else:
                    cuts.add(j - 1)
            i = j
        else:
            i += 1
    return "".join((SOFT_HYPHEN if k in cuts and 4 <= k <= n - 4 else "") + ch for k, ch in enumerate(word))


def wrap(s: str, width: float, font: str | None = None, size: float = SIZE) -> list[str]:
    """Greedy wrap on spaces; a word that does not fit may break at a soft hyphen (printed `-`)."""
    font = font or REG
    out: list[str] = []
    cur = ""
    words = s.split(" ")
    if AUTO_HYPHENATE:
        words = [soft_points(w) for w in words]
    i = 0
    while i < len(words):
        w = words[i]
        cand = (cur + " " + w) if cur else w
        if stringWidth(cand.replace(SOFT_HYPHEN, ""), font, size) <= width:
            cur = cand
            i += 1
            continue
        if SOFT_HYPHEN in w:
            parts = w.split(SOFT_HYPHEN)
            for k in range(len(parts) - 1, 0, -1):
                head = "".join(parts[:k]) + "-"
                c2 = (cur + " " + head) if cur else head
                if stringWidth(c2, font, size) <= width:
                    out.append(c2)
                    cur = ""
                    words[i] = SOFT_HYPHEN.join(parts[k:])
                    break
            else:
                if cur:
                    out.append(cur)
                    cur = ""
                else:
                    cur = w
                    i += 1
            continue
        if cur:
            out.append(cur)
            cur = ""
        else:  # a single word wider than the column
            cur = w
            i += 1
    if cur:
        out.append(cur)
    return [ln.replace(SOFT_HYPHEN, "") for ln in out]


def wrap_block(s: str, width: float, font: str | None = None, size: float = SIZE) -> list[str]:
    """Wrap a paragraph; `\\n` forces a line break; bullets (`• `, `- `, `o `, `1. `) keep their mark."""
    out: list[str] = []
    for part in s.split("\n"):
        out.extend(wrap(part, width, font, size) or [""])
    return out


def _bullet_lines(s: str, width: float, font: str, size: float) -> list[tuple[str, float]]:
    """Lines with x offsets: hanging indent for bullet paragraphs."""
    import re

    m = re.match(r"^(• |- |o |\d+[.)] )", s)
    if not m:
        return [(ln, 0.0) for ln in wrap_block(s, width, font, size)]
    mark = m.group(1)
    ind = 14.0
    body = wrap(s[len(mark):], width - ind, font, size) or [""]
    # the mark stays in the text of the first line; following lines get a hanging indent
    return [(mark + body[0], 0.0)] + [(ln, ind) for ln in body[1:]]


# ---------------------------------------------------------------- form (two-column) layout

@dataclass(frozen=True)
class Geometry:
    """Columns of a two-column form: label x/width, text x/width (points)."""

    label_x: float
    label_w: float
    text_x: float
    text_w: float


def form_rows(eng: Engine, rows: list[tuple[str, list]], g: Geometry, rule: bool = False,
              label_font: str | None = None) -> None:
    """Flow label | text rows; text may continue on later pages; labels are wrapped in their column."""
    label_font = label_font or BOLD
    for label, blocks in rows:
        label_lines = wrap_block(label, g.label_w, label_font) if label else []
        items: list[tuple[str, float, str] | Table] = []  # (text, dx, font) or a table
        for bi, b in enumerate(blocks):
            if isinstance(b, Table):
                items.append(b)
                continue
            font = REG
            if isinstance(b, tuple):  # (text, font)
                b, font = b
            for ln, dx in _bullet_lines(b, g.text_w, font, SIZE):
                items.append((ln, dx, font))
            if bi < len(blocks) - 1:
                items.append(("", 0, REG))
        eng.ensure(LEAD * 2)
        if rule:
            eng.hline(g.label_x, g.text_x + g.text_w, eng.y + 2)
        li = 0
        for it in items:
            if isinstance(it, Table):
                eng.y -= 4
                eng.table(it, g.text_x, g.text_w)
                continue
            s, dx, font = it
            eng.ensure(LEAD)
            eng.y -= LEAD
            if li < len(label_lines):
                eng.text(g.label_x, eng.y, label_lines[li], label_font)
                li += 1
            if s:
                eng.text(g.text_x + dx, eng.y, s, font)
        while li < len(label_lines):
            eng.ensure(LEAD)
            eng.y -= LEAD
            eng.text(g.label_x, eng.y, label_lines[li], label_font)
            li += 1
        eng.y -= LEAD * 0.9


# ---------------------------------------------------------------- header box

def header_box_lines(h, width: float) -> list[tuple[str, str]]:
    """The side box's lines: `Sak ...`, title, then label/value lines, then the case type."""
    out: list[tuple[str, str]] = [(h.heading, BOLD)]
    out += [(ln, BOLD) for ln in wrap(h.title, width, BOLD)]
    out.append(("", REG))
    out.append(("Til", BOLD))
    out += [(ln, REG) for ln in wrap(h.til, width)]
    if h.director:
        out += [("Ansvarlig Direktør", BOLD), (h.director, REG)]
    out.append(("Saksbehandler", BOLD))
    out += [(ln, REG) for ln in wrap(", ".join(h.officers), width)]
    out.append(("Vedlegg", BOLD))
    for i, a in enumerate(h.attachments, 1):
        txt = f"{i}. {a}" if h.numbered_attachments else a
        out += [(ln, REG) for ln in wrap(txt, width)]
    if not h.attachments:
        out.append(("", REG))
    if h.fra_name:
        out += [("Fra", BOLD), (h.fra_title, REG), (h.fra_name, REG)]
    if h.case_type:
        out += [("", REG), (h.case_type, BOLD)]
    return out


def draw_side_box(eng: Engine, h, page: int, top: float, x: float, w: float, shaded: bool) -> None:
    """Draw the header box at (x, top) on `page`, after that page's flow (so raw text order puts it last)."""
    lines = header_box_lines(h, w - 10)
    hgt = len(lines) * LEAD + 10
    late = eng.late.setdefault(page, [])
    if shaded == "plain":
        pass
    elif shaded:
        late.append(Op("rect", (x, top - hgt, w, hgt, 0, 1, 0.88)))
    else:
        late.append(Op("rect", (x, top - hgt, w, hgt, 1, 0, 1.0)))
    yy = top
    for s, font in lines:
        yy -= LEAD
        if s:
            late.append(Op("text", (x + 5, yy, s, font, SIZE)))


def draw_box_above(eng: Engine, h) -> None:
    """The header box as a full-width bordered box above the form: id and title, then label | value rows."""
    w = RIGHT - LEFT
    rows: list[tuple[str, str]] = []
    rows.append(("Til", h.til))
    if h.director:
        rows.append(("Ansvarlig Direktør", h.director))
    rows.append(("Saksbehandler", ", ".join(h.officers)))
    att = [f"{i}. {a}" if h.numbered_attachments else a for i, a in enumerate(h.attachments, 1)]
    rows.append(("Vedlegg", "\n".join(att)))
    if h.fra_name:
        rows.append(("Fra", f"{h.fra_title} {h.fra_name}"))
    lines: list[tuple[float, str, str]] = [(0, h.heading, BOLD)]
    title_lines = wrap(h.title, w - 140, BOLD, 11)
    lines += [(0, ln, BOLD + "@11") for ln in title_lines]
    right = []
    for lab, val in rows:
        vals = wrap_block(val, w - 150) if val else [""]
        for k, v in enumerate(vals):
            right.append((lab if k == 0 else "", v))
    height = (len(lines) + len(right)) * LEAD + 20
    eng.ensure(height + 20)
    top = eng.y
    eng.rect(LEFT, top - height, w, height)
    y = top - 4
    for _, s, font in lines:
        y -= LEAD
        f, _, sz = font.partition("@")
        eng.text(LEFT + 6, y, s, f, float(sz) if sz else SIZE)
    if h.case_type:
        eng.text(RIGHT - 6 - stringWidth(h.case_type, BOLD, SIZE), top - 4 - LEAD, h.case_type, BOLD)
    y -= 6
    for lab, v in right:
        y -= LEAD
        if lab:
            eng.text(LEFT + 6, y, lab, BOLD)
        if v:
            eng.text(LEFT + 140, y, v)
    eng.y = top - height - 14


# ---------------------------------------------------------------- documents

def draw_box_rows(eng: Engine, h, grid: bool) -> None:
    """The header box as label | value rows in the flow (`after` the form, or with `grid` a ruled table):
    the case line and title first, then Til, Ansvarlig Direktør, Saksbehandler, Vedlegg, Fra."""
    w = RIGHT - LEFT
    lw = min(130.0, 0.38 * w)
    att = [f"{i}. {a}" if h.numbered_attachments else a for i, a in enumerate(h.attachments, 1)]
    rows = [(h.heading, h.title + (f"\n{h.case_type}" if h.case_type else ""), True), ("Til", h.til, False)]
    if h.director:
        rows.append(("Ansvarlig Direktør", h.director, False))
    rows.append(("Saksbehandler", ", ".join(h.officers), False))
    rows.append(("Vedlegg", "\n".join(att), False))
    if h.fra_name:
        rows.append(("Fra", f"{h.fra_title} {h.fra_name}", False))
    eng.y -= 6
    for lab, val, bold in rows:
        ll = wrap_block(lab, lw - 8, BOLD)
        vl = wrap_block(val, w - lw - 8, BOLD if bold else REG) if val else [""]
        hgt = max(len(ll), len(vl)) * LEAD + 5
        eng.ensure(hgt)
        top = eng.y
        if grid:
            eng.rect(LEFT, top - hgt, lw, hgt)
            eng.rect(LEFT + lw, top - hgt, w - lw, hgt)
        for k, s in enumerate(ll):
            eng.text(LEFT + 4, top - (k + 1) * LEAD, s, BOLD)
        for k, s in enumerate(vl):
            if s:
                eng.text(LEFT + lw + 4, top - (k + 1) * LEAD, s, BOLD if bold else REG)
        eng.y = top - hgt
    eng.y -= 10


def render_paper(eng: Engine, p: CasePaper, layout: str, form: Form = DEFAULT) -> None:
    """One case paper: new page, optional `Saksfremlegg` heading, header box and form. Layouts `after`
    (box below the form) and `table` (box as a ruled grid above the form) come from a `Form`."""
    eng.new_page()
    if p.saksfremlegg_heading:
        eng.y -= 16
        eng.text(LEFT, eng.y, "Saksfremlegg", BOLD, 14)
        eng.y -= 10
    rows = [(form.proposal_label, list(p.proposal.blocks))] + [(f.label, list(f.blocks)) for f in p.fields]
    narrow = RIGHT - LEFT < 300
    if narrow and layout.startswith("beside"):
        layout = "above"
    if layout in ("after", "table") or (narrow and p.header is not None):
        g = Geometry(LEFT, 70, LEFT + 76, RIGHT - LEFT - 76) if narrow else \
            Geometry(LEFT, 105, LEFT + 112, RIGHT - LEFT - 112)
        if layout != "after":
            draw_box_rows(eng, p.header, grid=(layout == "table"))
        form_rows(eng, rows, g, rule=True)
        if layout == "after":
            draw_box_rows(eng, p.header, grid=False)
    elif layout == "above" or p.header is None:
        if p.header is not None:
            draw_box_above(eng, p.header)
        g = Geometry(LEFT, 105, LEFT + 112, RIGHT - LEFT - 112)
        form_rows(eng, rows, g, rule=(layout == "above"))
    else:
        box_w = 150
        g = Geometry(LEFT, 95, LEFT + 100, RIGHT - LEFT - 100 - box_w - 12)
        page, top = eng.page_index, eng.y
        form_rows(eng, rows, g)
        draw_side_box(eng, p.header, page, top, RIGHT - box_w, box_w,
                      shaded="plain" if layout == "beside_plain" else (layout == "beside_shaded"))
    for att in p.attachments_after:
        if isinstance(att, Minutes):
            render_minutes(eng, att, form=form)
        else:
            render_free(eng, att)


def render_minutes(eng: Engine, m: Minutes, narrow: bool = False, form: Form = DEFAULT) -> None:
    """A møteprotokoll: title, board and meeting, attendance rows, then one block per case
    (`narrow`: a 270 pt text column, so more words break at line ends)."""
    lab = m.attendance.labels or {}
    eng.new_page()
    eng.y -= 20
    eng.heading(m.title_word, BOLD, 16)
    eng.y -= 20
    meet = lab.get("meeting", "møte")
    eng.heading(f"{m.board}, {meet} {m.number_written}", BOLD, 12)
    eng.y -= 10
    if m.approved_note:
        eng.para(m.approved_note, size=9)
    a = m.attendance
    g = Geometry(LEFT, 110, LEFT + 120, 270 if narrow else RIGHT - LEFT - 120)
    if RIGHT - LEFT < 300:  # a column of a two-column page
        g = Geometry(LEFT, 72, LEFT + 78, RIGHT - LEFT - 78)
    rows: list[tuple[str, list]] = [(lab.get("date", "Dato"), [m.date_written])]
    if m.time_written:
        rows.append((lab.get("time", "Tid"), [m.time_written]))
    rows.append((lab.get("place", "Sted"), ["\n".join(m.place_lines)]))
    members = [n + s for n, s in a.present if ", settemedlem" not in s and ", settemedlem" not in s]
    subs = [n + s for n, s in a.present if ", settemedlem" in s]
    present_blocks = ["\n".join(members)] + (["\n".join(subs)] if subs else [])
    if form.attendance == "table":
        form_rows(eng, rows, g)
        eng.table(attendance_table(a, m.language), LEFT, RIGHT - LEFT, size=SIZE)
        rows = []
        a = dataclasses.replace(a, observer_blocks=(), absent=(), staff=())
    else:
        rows.append((lab.get("present", "Til stede"), present_blocks))
    obs = list(a.observer_blocks)
    if obs:
        rows.append((lab.get("observers", "Observatører:"), ["\n".join(n + s for n, s in obs[0])]))
    if a.absent:
        rows.append((lab.get("absent", "Forfall"), ["\n".join(a.absent)]))
    for ob in obs[1:]:
        rows.append((lab.get("observers", "Observatører:"), ["\n".join(n + s for n, s in ob)]))
    if a.staff:
        rows.append((lab.get("staff", "Til stede fra Forskningsrådet"), ["\n".join(n + s for n, s in a.staff)]))
    form_rows(eng, rows, g)
    eng.y -= 6
    vedtak = lab.get("vedtak", "Vedtak:")
    for c in m.cases:
        eng.ensure(LEAD * 4)
        eng.y -= LEAD
        eng.text(LEFT, eng.y, c.heading, BOLD)
        if c.decision is None:
            eng.text(g.text_x, eng.y, c.title, BOLD)
            eng.y -= LEAD * 0.6
            continue
        blocks = [(c.title, BOLD)] + list(c.decision.blocks)
        form_rows(eng, [(vedtak, blocks)], g, label_font=BOLD)


def render_free(eng: Engine, d: FreeDoc, new_page: bool = True) -> None:
    """Running text: headings, paragraphs, bullets and ruled tables."""
    if new_page:
        eng.new_page()
    for style, b in d.items:
        if style == "h1":
            eng.y -= 6
            eng.para(b, font=BOLD, size=13, gap=6)
        elif style == "h2":
            eng.y -= 4
            eng.para(b, font=BOLD, size=11, gap=4)
        elif style == "table":
            eng.table(b, LEFT, RIGHT - LEFT)
        elif style == "bullet":
            for ln, dx in _bullet_lines(b, RIGHT - LEFT - 14, REG, SIZE):
                eng.lines([(ln, REG)], LEFT + 14 + dx)
            eng.y -= 3
        else:
            eng.para(b)


def render_cover(eng: Engine, book: MeetingBook) -> None:
    """Cover page: board, optional `Møte 1/25`, Dato, Kl., Sted as label | value rows."""
    eng.new_page()
    eng.y -= 40
    eng.heading(book.cover.board, BOLD, 18)
    eng.y -= 30
    if book.cover.meeting_written:
        eng.heading(book.cover.meeting_written, BOLD, 14)
        eng.y -= 24
    c = book.cover
    rows = [("Dato", [c.date_written])]
    if c.time_written:
        rows.append(("", [c.time_written]))
    rows.append(("Sted", ["\n".join(c.place_lines)]))
    form_rows(eng, rows, Geometry(LEFT, 80, LEFT + 90, 300))


def render(doc, path: str, layout: str = "beside", hyphenate: bool = False, form: Form = DEFAULT) -> None:
    """Render a document to `path` (byte-stable: reportlab invariant mode); `hyphenate` lets long
    lowercase words break at line ends (`søknads-` / `behandlingen`); `form`: page, font, labels,
    running header and footer (the default form draws what the main samples show)."""
    global AUTO_HYPHENATE
    AUTO_HYPHENATE = hyphenate
    set_page(form)
    eng = Engine(running_header=running_header(doc, form), footer="Side {n} av {m}" if form.running else "")
    if isinstance(doc, MeetingBook):
        render_cover(eng, doc)
        for p in doc.papers:
            render_paper(eng, p, layout, form)
    elif isinstance(doc, Minutes):
        render_minutes(eng, doc, narrow=(layout == "narrow"), form=form)
    elif isinstance(doc, OtherDoc):
        render_free(eng, doc.body)
    else:
        raise TypeError(f"cannot render {type(doc).__name__} to {path}")
    emit(eng, path)


def emit(eng: Engine, path: str) -> None:
    """Write the pages: flow ops, then late ops (side boxes), then running header and `Side N av M`."""
    c = canvas.Canvas(path, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=0)
    c.setTitle("")
    m = -(-len(eng.pages) // COLUMNS)
    for i in range(m):
        if COLUMNS == 1:
            _draw_ops(c, eng, i)
        for col in range(COLUMNS if COLUMNS > 1 else 0):
            if i * COLUMNS + col < len(eng.pages):
                c.saveState()
                c.translate(col * (RIGHT - LEFT + COLUMN_GAP), 0)
                _draw_ops(c, eng, i * COLUMNS + col)
                c.restoreState()
        if eng.running_header:
            c.setFont(REG, 8)
            c.drawString(LEFT, PAGE_H - 40, eng.running_header)
            c.line(LEFT, PAGE_H - 44, PAGE_RIGHT, PAGE_H - 44)
        if eng.footer:
            s = eng.footer.format(n=i + 1, m=m)
            c.setFont(REG, 8)
            c.drawRightString(PAGE_RIGHT, 30, s)
        c.showPage()
    c.save()


def _draw_ops(c, eng: Engine, i: int) -> None:
    """Replay one flow page's operations (a page, or one column of a two-column page)."""
    for op in [*eng.pages[i], *eng.late.get(i, [])]:
        if op.kind == "text":
            x, y, s, font, size = op.args
            c.setFont(font, size)
            c.drawString(x, y, s)
        elif op.kind == "rect":
            x, y, w, h, stroke, fill, gray = op.args
            c.setFillGray(gray)
            c.rect(x, y, w, h, stroke=stroke, fill=fill)
            c.setFillGray(0)
        elif op.kind == "line":
            c.setLineWidth(0.5)
            c.line(*op.args)
            c.setLineWidth(1)
