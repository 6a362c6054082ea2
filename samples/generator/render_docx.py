"""python-docx renderer (converted to PDF by LibreOffice): the form is a ruled table (label | text).

Layouts: `above` (the header box is a ruled table above the form table, a paragraph between them so
LibreOffice does not join the two tables) and `beside` (one borderless outer row: the form table nested
on the left, the header box table nested on the right; all widths fixed, see shared/pitfalls.md).
Every page has the running header (if any) and a footer `Side N av M` made of PAGE/NUMPAGES fields.
"""

from __future__ import annotations

from docx import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .form import Form, attendance_table, running_header
from .model import CasePaper, FreeDoc, MeetingBook, Minutes, OtherDoc, Table

FONT = "Liberation Sans"
TEXT_W = 16.0  # cm between margins (A4 21 cm - 2 x 2.5 cm); 24.7 on a landscape page (set by `render`)
FONTS = ("Liberation Sans", "Liberation Serif", "DejaVu Sans", "DejaVu Serif")


def _fonts(doc) -> None:
    st = doc.styles["Normal"]
    st.font.name = FONT
    st.font.size = Pt(10)
    rpr = st.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for k in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(k), FONT)
    pf = st.paragraph_format
    pf.space_after = Pt(3)
    pf.space_before = Pt(0)


def _field(run, instr: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = "1"
    r.append(t)
    fld.append(r)
    run._r.addnext(fld)


def _page_setup(doc, running_header: str | None, footer: bool = True, landscape: bool = False) -> None:
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.5)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.2)
    if running_header:
        p = sec.header.paragraphs[0]
        r = p.add_run(running_header)
        r.font.size = Pt(8)
    if footer:
        p = sec.footer.paragraphs[0]
        p.alignment = 2  # right
        r1 = p.add_run("Side ")
        r1.font.size = Pt(8)
        # fields are inserted after the run they follow, so build back to front
        r3 = p.add_run(" av ")
        r3.font.size = Pt(8)
        r4 = p.add_run("")
        _field(r4, "NUMPAGES")
        _field(r1, "PAGE")


def _borders(table, on: bool = True) -> None:
    tblpr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement(f"w:{side}")
        e.set(qn("w:val"), "single" if on else "nil")
        if on:
            e.set(qn("w:sz"), "4")
            e.set(qn("w:color"), "000000")
        b.append(e)
    tblpr.append(b)


def _fixed(table, widths_cm: list[float]) -> None:
    """Fixed layout and a width on every cell (LibreOffice otherwise lets side-by-side tables overlap)."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tblpr = table._tbl.tblPr
    lay = OxmlElement("w:tblLayout")
    lay.set(qn("w:type"), "fixed")
    tblpr.append(lay)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm):
            cell.width = Cm(w)
    for col, w in zip(table.columns, widths_cm):
        col.width = Cm(w)


def _shade(cell, fill: str = "E0E0E0") -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _para(container, text: str, bold: bool = False, size: float | None = None, first: bool = False):
    """Add a paragraph (reusing a cell's empty first paragraph); `\\n` becomes a line break."""
    p = container.paragraphs[0] if first and container.paragraphs and not container.paragraphs[0].text else \
        container.add_paragraph()
    parts = text.split("\n")
    for i, part in enumerate(parts):
        r = p.add_run(part)
        r.bold = bold
        if size:
            r.font.size = Pt(size)
        if i < len(parts) - 1:
            r.add_break(WD_BREAK.LINE)
    return p


def _blocks(cell, blocks, width_cm: float, first: bool = True) -> None:
    for b in blocks:
        if isinstance(b, Table):
            _table(cell, b, width_cm - 0.4, 8)
            cell.add_paragraph()
        elif isinstance(b, tuple):
            _para(cell, b[0], bold=(b[1] == "bold"), first=first)
        else:
            _para(cell, b, first=first)
        first = False


def _table(container, t: Table, width_cm: float, size: float = 8.5):
    rel = t.widths or tuple(1 for _ in t.header)
    ws = [width_cm * r / sum(rel) for r in rel]
    tab = container.add_table(rows=1 + len(t.rows), cols=len(t.header))
    _borders(tab)
    _fixed(tab, ws)
    for ri, row in enumerate((t.header, *t.rows)):
        for cell, txt in zip(tab.rows[ri].cells, row):
            _para(cell, txt, bold=(ri == 0), size=size, first=True)
    return tab


def _form(container, p: CasePaper, width_cm: float, label: str = "Forslag til vedtak"):
    rows = [(label, p.proposal.blocks)] + [(f.label, f.blocks) for f in p.fields]
    tab = container.add_table(rows=len(rows), cols=2)
    _borders(tab)
    lw = 3.6
    _fixed(tab, [lw, width_cm - lw])
    for (label, blocks), row in zip(rows, tab.rows):
        _para(row.cells[0], label, bold=True, first=True)
        _blocks(row.cells[1], blocks, width_cm - lw)
    return tab


def _header_box(container, h, width_cm: float, stacked: bool, shaded: bool = False):
    """The header box: stacked (beside: one column) or label | value rows (above)."""
    att = [f"{i}. {a}" if h.numbered_attachments else a for i, a in enumerate(h.attachments, 1)]
    pairs = [("Til", h.til)]
    if h.director:
        pairs.append(("Ansvarlig Direktør", h.director))
    pairs.append(("Saksbehandler", ", ".join(h.officers)))
    pairs.append(("Vedlegg", "\n".join(att)))
    if h.fra_name:
        pairs.append(("Fra", f"{h.fra_title}\n{h.fra_name}"))
    if stacked:
        tab = container.add_table(rows=1, cols=1)
        _borders(tab, on=not shaded)
        _fixed(tab, [width_cm])
        cell = tab.rows[0].cells[0]
        if shaded:
            _shade(cell)
        _para(cell, h.heading, bold=True, first=True)
        _para(cell, h.title, bold=True)
        for lab, val in pairs:
            _para(cell, lab, bold=True)
            _para(cell, val)
        if h.case_type:
            _para(cell, h.case_type, bold=True)
        return tab
    tab = container.add_table(rows=1 + len(pairs), cols=2)
    _borders(tab)
    _fixed(tab, [4.0, width_cm - 4.0])
    top = tab.rows[0].cells
    _para(top[0], h.heading, bold=True, first=True)
    _para(top[1], h.title, bold=True, first=True)
    if h.case_type:
        _para(top[1], h.case_type, bold=True)
    for (lab, val), row in zip(pairs, tab.rows[1:]):
        _para(row.cells[0], lab, bold=True, first=True)
        _para(row.cells[1], val, first=True)
    return tab


def _page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def render_paper(doc, p: CasePaper, layout: str, form: Form | None = None) -> None:
    """One case paper on a new page. Layouts: `above` (label | value table above the form), `beside`,
    `beside_shaded`; with a `Form`: `box_above` (one bordered cell of stacked lines above the form) and
    `after` (the label | value table after the form)."""
    _page_break(doc)
    label = form.proposal_label if form else "Forslag til vedtak"
    if p.saksfremlegg_heading:
        _para(doc, "Saksfremlegg", bold=True, size=14)
    if p.header is None:
        _form(doc, p, TEXT_W, label)
    elif layout == "above":
        _header_box(doc, p.header, TEXT_W, stacked=False)
        doc.add_paragraph()
        _form(doc, p, TEXT_W, label)
    elif layout == "box_above":
        _header_box(doc, p.header, TEXT_W, stacked=True)
        doc.add_paragraph()
        _form(doc, p, TEXT_W, label)
    elif layout == "after":
        _form(doc, p, TEXT_W, label)
        doc.add_paragraph()
        _header_box(doc, p.header, TEXT_W, stacked=False)
    else:
        outer = doc.add_table(rows=1, cols=2)
        _borders(outer, on=False)
        box_w = 4.6
        _fixed(outer, [TEXT_W - box_w, box_w])
        left, right = outer.rows[0].cells
        _form(left, p, TEXT_W - box_w - 0.3, label)
        left.add_paragraph()
        _header_box(right, p.header, box_w - 0.3, stacked=True, shaded=(layout == "beside_shaded"))
        right.add_paragraph()
    for att in p.attachments_after:
        if isinstance(att, Minutes):
            render_minutes(doc, att, new_page=True, form=form)
        else:
            render_free(doc, att, new_page=True)


def render_minutes(doc, m: Minutes, new_page: bool = False, form: Form | None = None) -> None:
    """A møteprotokoll: title, attendance table (no borders), then the case blocks as paragraphs."""
    lab = m.attendance.labels or {}
    if new_page:
        _page_break(doc)
    _para(doc, m.title_word, bold=True, size=16)
    _para(doc, f"{m.board}, {lab.get('meeting', 'møte')} {m.number_written}", bold=True, size=12)
    if m.approved_note:
        _para(doc, m.approved_note, size=9)
    a = m.attendance
    rows = [(lab.get("date", "Dato"), m.date_written)]
    if m.time_written:
        rows.append((lab.get("time", "Tid"), m.time_written))
    rows.append((lab.get("place", "Sted"), "\n".join(m.place_lines)))
    members = [n + s for n, s in a.present if ", settemedlem" not in s]
    subs = [n + s for n, s in a.present if ", settemedlem" in s]
    as_table = form is not None and form.attendance == "table"
    if not as_table:
        rows.append((lab.get("present", "Til stede"),
                     "\n".join(members) + ("\n\n" + "\n".join(subs) if subs else "")))
    obs = [] if as_table else list(a.observer_blocks)
    if obs:
        rows.append((lab.get("observers", "Observatører:"), "\n".join(n + s for n, s in obs[0])))
    if a.absent and not as_table:
        rows.append((lab.get("absent", "Forfall"), "\n".join(a.absent)))
    for ob in obs[1:]:
        rows.append((lab.get("observers", "Observatører:"), "\n".join(n + s for n, s in ob)))
    if a.staff and not as_table:
        rows.append((lab.get("staff", "Til stede fra Forskningsrådet"), "\n".join(n + s for n, s in a.staff)))
    tab = doc.add_table(rows=len(rows), cols=2)
    _borders(tab, on=False)
    _fixed(tab, [4.0, TEXT_W - 4.0])
    for (l_, v), row in zip(rows, tab.rows):
        _para(row.cells[0], l_, bold=True, first=True)
        _para(row.cells[1], v, first=True)
    doc.add_paragraph()
    if as_table:
        _table(doc, attendance_table(a, m.language), TEXT_W, 10)
        doc.add_paragraph()
    vedtak = lab.get("vedtak", "Vedtak:")
    for c in m.cases:
        if c.decision is None:
            _para(doc, f"{c.heading} {c.title}", bold=True)
            continue
        p = _para(doc, c.heading, bold=True)
        p.paragraph_format.space_before = Pt(8)
        p.paragraph_format.keep_with_next = True
        _para(doc, vedtak, bold=True).paragraph_format.keep_with_next = True
        _para(doc, c.title, bold=True)
        for b in c.decision.blocks:
            if isinstance(b, Table):
                _table(doc, b, TEXT_W)
                doc.add_paragraph()
            else:
                _para(doc, b)


def render_free(doc, d: FreeDoc, new_page: bool = False) -> None:
    """Running text with headings, bullets and ruled tables."""
    if new_page:
        _page_break(doc)
    for style, b in d.items:
        if style == "h1":
            _para(doc, b, bold=True, size=13)
        elif style == "h2":
            _para(doc, b, bold=True, size=11)
        elif style == "table":
            _table(doc, b, TEXT_W)
            doc.add_paragraph()
        else:
            p = _para(doc, b)
            if style == "bullet":
                p.paragraph_format.left_indent = Cm(0.6)


def render_cover(doc, book: MeetingBook) -> None:
    """Cover: board, optional meeting line, then Dato / time / Sted as a borderless table."""
    _para(doc, book.cover.board, bold=True, size=18, first=True)
    if book.cover.meeting_written:
        _para(doc, book.cover.meeting_written, bold=True, size=14)
    c = book.cover
    rows = [("Dato", c.date_written)]
    if c.time_written:
        rows.append(("", c.time_written))
    rows.append(("Sted", "\n".join(c.place_lines)))
    tab = doc.add_table(rows=len(rows), cols=2)
    _borders(tab, on=False)
    _fixed(tab, [3.0, 9.0])
    for (l_, v), row in zip(rows, tab.rows):
        _para(row.cells[0], l_, bold=True, first=True)
        _para(row.cells[1], v, first=True)


def render(doc_model, path: str, layout: str = "above", form: Form | None = None) -> None:
    """Write `doc_model` as a .docx at `path` (to be converted by soffice); with a `form`: its font,
    page (portrait | landscape), labels, running header and footer (or none), attendance table."""
    global FONT, TEXT_W
    FONT = (form.font if form and form.font else "Liberation Sans")
    if FONT not in FONTS:
        raise ValueError(f"docx renderer: unknown font {FONT!r} (known: {FONTS})")
    landscape = form is not None and form.page == "landscape"
    TEXT_W = 24.7 if landscape else 16.0
    doc = Docx()
    _fonts(doc)
    rh = running_header(doc_model, form) if form else running_header(doc_model)
    footer = form.running if form else True
    if isinstance(doc_model, MeetingBook):
        _page_setup(doc, rh, footer, landscape)
        render_cover(doc, doc_model)
        for p in doc_model.papers:
            render_paper(doc, p, layout, form)
    elif isinstance(doc_model, Minutes):
        _page_setup(doc, rh, footer, landscape)
        render_minutes(doc, doc_model, form=form)
    elif isinstance(doc_model, OtherDoc):
        _page_setup(doc, rh, footer, landscape)
        render_free(doc, doc_model.body)
    else:
        raise TypeError(f"cannot render {type(doc_model).__name__} to {path}")
    doc.core_properties.author = "vedtak samples"
    doc.save(path)
