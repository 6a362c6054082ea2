"""HTML renderer, printed to PDF by headless Chromium (`chromium.py`): a third producer with its own
text layer (glyph runs per line, soft hyphens broken by the browser, tables as CSS boxes).

The same content model and `Form` as the other renderers: the form is a ruled two-column table
(label | text); the header box beside it (a right-hand cell), above it, after it, or as a ruled grid;
minutes with attendance as label | names rows or as one `Navn | Rolle` table; decision texts with
paragraphs, bullet lines (`• ` / `– ` kept as text) and ruled tables. Running header and `Side N av M`
come from Chromium's print templates.
"""

from __future__ import annotations

from html import escape

from .form import DEFAULT, Form, attendance_table
from .model import CaseHeader, CasePaper, FreeDoc, MeetingBook, Minutes, OtherDoc, Table

CSS = """
body {{ font-family: '{font}'; font-size: 10pt; line-height: 1.25; margin: 0; }}
h1 {{ font-size: 17pt; margin: 0 0 8pt 0; }} h2 {{ font-size: 12pt; margin: 8pt 0 6pt 0; }}
h3 {{ font-size: 11pt; margin: 6pt 0 4pt 0; }}
p {{ margin: 0 0 4pt 0; }} p.li {{ padding-left: 14pt; text-indent: -14pt; }}
.paper {{ break-before: page; }}
table {{ border-collapse: collapse; }}
table.form {{ width: 100%; }} table.form > tbody > tr > td {{ border: 0.6pt solid #000; padding: 4pt; vertical-align: top; }}
table.form td.lab {{ width: 27%; font-weight: bold; }}
table.grid {{ width: 100%; margin: 4pt 0; font-size: 9pt; }}
table.grid td, table.grid th {{ border: 0.6pt solid #000; padding: 2pt 3pt; text-align: left; vertical-align: top; }}
table.rows td {{ padding: 1pt 6pt 3pt 0; vertical-align: top; }} table.rows td.lab {{ width: 30%; font-weight: bold; }}
table.outer {{ width: 100%; }} table.outer > tbody > tr > td {{ vertical-align: top; padding: 0; }}
.box {{ border: 0.6pt solid #000; padding: 5pt; }}
.box p.lab {{ font-weight: bold; margin: 4pt 0 0 0; }}
.case {{ margin-top: 10pt; break-inside: avoid-page; }}
"""


def _p(text: str, cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<p{c}>" + "<br>".join(escape(part) for part in text.split("\n")) + "</p>"


def _table(t: Table, cls: str = "grid") -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in t.header)
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in t.rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def _blocks(blocks) -> str:
    out = []
    for b in blocks:
        if isinstance(b, Table):
            out.append(_table(b))
        elif isinstance(b, tuple):
            out.append(f"<p><b>{escape(b[0])}</b></p>")
        elif b[:2] in ("• ", "- ", "– ", "o ") or (b[:1].isdigit() and b[1:3] in (". ", ") ")):
            out.append(_p(b, "li"))
        else:
            out.append(_p(b))
    return "".join(out)


def _pairs(h: CaseHeader) -> list[tuple[str, str]]:
    att = [f"{i}. {a}" if h.numbered_attachments else a for i, a in enumerate(h.attachments, 1)]
    pairs = [("Til", h.til)]
    if h.director:
        pairs.append(("Ansvarlig Direktør", h.director))
    pairs.append(("Saksbehandler", ", ".join(h.officers)))
    pairs.append(("Vedlegg", "\n".join(att)))
    if h.fra_name:
        pairs.append(("Fra", f"{h.fra_title}\n{h.fra_name}"))
    return pairs


def _box(h: CaseHeader, mode: str) -> str:
    """The header box: stacked lines (beside/above/after) or a ruled grid (table)."""
    if mode == "table":
        rows = [f"<tr><td><b>{escape(h.heading)}</b></td><td><b>{escape(h.title)}</b>"
                + (f"<br><b>{escape(h.case_type)}</b>" if h.case_type else "") + "</td></tr>"]
        rows += [f'<tr><td class="lab"><b>{escape(k)}</b></td><td>{"<br>".join(map(escape, v.split(chr(10))))}</td></tr>'
                 for k, v in _pairs(h)]
        return f'<table class="grid" style="font-size:10pt">{"".join(rows)}</table>'
    parts = [f"<p><b>{escape(h.heading)}</b></p>", f"<p><b>{escape(h.title)}</b></p>"]
    for k, v in _pairs(h):
        parts.append(f'<p class="lab">{escape(k)}</p>' + (_p(v) if v else ""))
    if h.case_type:
        parts.append(f"<p><b>{escape(h.case_type)}</b></p>")
    return f'<div class="box">{"".join(parts)}</div>'


def _form(p: CasePaper, form: Form) -> str:
    rows = [(form.proposal_label, p.proposal.blocks)] + [(f.label, f.blocks) for f in p.fields]
    body = "".join(f'<tr><td class="lab">{escape(lab)}</td><td>{_blocks(bl)}</td></tr>' for lab, bl in rows)
    return f'<table class="form"><tbody>{body}</tbody></table>'


def _paper(p: CasePaper, form: Form) -> str:
    out = ['<div class="paper">']
    if p.saksfremlegg_heading:
        out.append("<h2>Saksfremlegg</h2>")
    h, mode = p.header, form.header_box
    if h is None:
        out.append(_form(p, form))
    elif mode == "beside":
        out.append(f'<table class="outer"><tbody><tr><td style="width:70%;padding-right:8pt">{_form(p, form)}</td>'
                   f'<td style="width:30%">{_box(h, mode)}</td></tr></tbody></table>')
    elif mode == "after":
        out.append(_form(p, form) + '<div style="height:10pt"></div>' + _box(h, mode))
    else:  # above | table
        out.append(_box(h, mode) + '<div style="height:10pt"></div>' + _form(p, form))
    out.append("</div>")
    for att in p.attachments_after:
        out.append('<div class="paper">' + (_minutes(att, form) if isinstance(att, Minutes) else _free(att)) + "</div>")
    return "".join(out)


def _minutes(m: Minutes, form: Form) -> str:
    lab = m.attendance.labels or {}
    a = m.attendance
    out = [f"<h1>{escape(m.title_word)}</h1>",
           f"<h2>{escape(m.board)}, {escape(lab.get('meeting', 'møte'))} {escape(m.number_written)}</h2>"]
    if m.approved_note:
        out.append(_p(m.approved_note))
    rows = [(lab.get("date", "Dato"), m.date_written)]
    if m.time_written:
        rows.append((lab.get("time", "Tid"), m.time_written))
    rows.append((lab.get("place", "Sted"), "\n".join(m.place_lines)))
    if form.attendance == "table":
        out.append(_rows(rows))
        out.append(_table(attendance_table(a, m.language)))
    else:
        members = [n + s for n, s in a.present if ", settemedlem" not in s]
        subs = [n + s for n, s in a.present if ", settemedlem" in s]
        rows.append((lab.get("present", "Til stede"), "\n".join(members) + ("\n" + "\n".join(subs) if subs else "")))
        obs = list(a.observer_blocks)
        if obs:
            rows.append((lab.get("observers", "Observatører:"), "\n".join(n + s for n, s in obs[0])))
        if a.absent:
            rows.append((lab.get("absent", "Forfall"), "\n".join(a.absent)))
        for ob in obs[1:]:
            rows.append((lab.get("observers", "Observatører:"), "\n".join(n + s for n, s in ob)))
        if a.staff:
            rows.append((lab.get("staff", "Til stede fra Forskningsrådet"), "\n".join(n + s for n, s in a.staff)))
        out.append(_rows(rows))
    vedtak = lab.get("vedtak", "Vedtak:")
    for c in m.cases:
        if c.decision is None:
            out.append(f'<div class="case"><p><b>{escape(c.heading)} {escape(c.title)}</b></p></div>')
            continue
        out.append(f'<div class="case"><p><b>{escape(c.heading)}</b></p><p><b>{escape(c.title)}</b></p>'
                   f"<p><b>{escape(vedtak)}</b></p>{_blocks(c.decision.blocks)}</div>")
    return "".join(out)


def _rows(rows: list[tuple[str, str]]) -> str:
    body = "".join(f'<tr><td class="lab">{"<br>".join(map(escape, k.split(chr(10))))}</td>'
                   f'<td>{"<br>".join(map(escape, v.split(chr(10))))}</td></tr>' for k, v in rows)
    return f'<table class="rows"><tbody>{body}</tbody></table>'


def _free(d: FreeDoc) -> str:
    out = []
    for style, b in d.items:
        if style == "h1":
            out.append(f"<h2>{escape(b)}</h2>")
        elif style == "h2":
            out.append(f"<h3>{escape(b)}</h3>")
        elif style == "table":
            out.append(_table(b))
        elif style == "bullet":
            out.append(_p(b, "li"))
        else:
            out.append(_p(b))
    return "".join(out)


def _cover(book: MeetingBook) -> str:
    c = book.cover
    out = [f"<h1>{escape(c.board)}</h1>"]
    if c.meeting_written:
        out.append(f"<h2>{escape(c.meeting_written)}</h2>")
    rows = [("Dato", c.date_written)]
    if c.time_written:
        rows.append(("", c.time_written))
    rows.append(("Sted", "\n".join(c.place_lines)))
    return "".join(out) + _rows(rows)


def render(doc, path: str, form: Form = DEFAULT) -> None:
    """Write `doc` as an HTML file at `path` (printed by `chromium.print_all`)."""
    font = form.font or "Liberation Serif"
    if isinstance(doc, MeetingBook):
        body = _cover(doc) + "".join(_paper(p, form) for p in doc.papers)
    elif isinstance(doc, Minutes):
        body = _minutes(doc, form)
    elif isinstance(doc, OtherDoc):
        body = _free(doc.body)
    else:
        raise TypeError(f"cannot render {type(doc).__name__} to {path}")
    html = (f'<!doctype html><html lang="{getattr(doc, "language", "nb")}"><head><meta charset="utf-8">'
            f"<title></title><style>{CSS.format(font=font)}</style></head><body>{body}</body></html>")
    with open(path, "w", encoding="utf-8") as f:
        f.write(html)

