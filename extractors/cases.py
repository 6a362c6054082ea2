"""Cases: from a case paper (header box + form) or a minutes block (`Sak ...` + `Vedtak:`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from vedtak.blocks import header_meanings
from vedtak.extractors.fields import Field, first_field, line_piece, match_inline, parse_fields, split_label_band
from vedtak.extractors.people import names_in_list
from vedtak.extractors.segment import CASE_HEADER, CASE_LABEL, DECISION_LABEL, RUNS_ON, case_header_id, in_row_of_cases, in_table_row, kind_of_header
from vedtak.extractors.text import block_text, join_paragraph, paragraphs
from vedtak.document import Line
from vedtak.lexicon import (BARE_DECISION_WORD, CHECKBOX_LINE, FORM_LABELS, FORM_START, HEADER_LABELS, MINUTES_CLOSING, NUMBERED_FIRST, ORGANISATION, PAPER_WORD,
                            RESOLUTION, checked_option, match_label)
from vedtak.nlp.ids import canonical_case_id, find_case_ids
from vedtak.nlp.joining import dehyphenate_join
from vedtak.records import Finding, Provenance

FORM_VOCABULARY = FORM_LABELS
HEADER_VOCABULARY = HEADER_LABELS

EXEMPT = re.compile(r"\[?\s*(?:U\.?\s*off\.?|offl\.?|offentleglova|offentlighetsloven)\s*§\s*(?P<par>\d+[a-z]?)"
                    r"(?:\s*(?:første|andre|tredje|første)?\s*ledd)?\s*\]?", re.IGNORECASE)
"""`[U.off. § 14]`, and in a header box's field `Offentlighet: Unntatt offentlighet, jf. offentleglova § 14` (`offl. § 14`)."""
"""`[U.off. § 14]`, `U.off. §13`: exempt from public access under offentleglova."""

EXEMPTION_STATEMENT = re.compile(r"^\s*(?:unntatt|unnateke|unnateken|unntak)\s+(?:fr[aå]\s+)?(?:offentlighet|offentligheit|offentlegheit"
                                 r"|innsyn)\b", re.IGNORECASE)
"""A line that states the exemption (`Unntatt fra offentlighet etter offentleglova § 14`, `Unnateke offentlegheit, jf.
offl. § 14`): the case's exemption, never part of its title."""

NUMBERED_ITEM = re.compile(r"^\s*(\d{1,2})[.)]\s+")


@dataclass(frozen=True, slots=True)
class HeaderInfo:
    """What a header box says."""

    case_id: str | None
    title: str | None
    title_lines: tuple[Line, ...]
    case_type: str | None
    responsible_director: str | None
    case_officers: tuple[str, ...]
    from_: str | None
    to: str | None
    attachments: tuple[str, ...]


def exempt_of(text: str | None) -> str | None:
    """`U.off. § 14` when the text carries an exemption mark."""
    if not text:
        return None
    m = EXEMPT.search(text)
    return f"U.off. § {m.group('par')}" if m else None


def _value(field: Field | None, sep: str = " ") -> str | None:
    if field is None:
        return None
    text = sep.join(t.strip() for t in field.text_lines if t.strip())
    return re.sub(r"\s+", " ", text).strip() or None


def attachment_items(lines: Sequence[str]) -> tuple[str, ...]:
    """`1. Godkjent møteprotokoll / fra møte PS-HELSE / 6/2024` -> one string per numbered item."""
    items: list[list[str]] = []
    for text in (t.strip() for t in lines):
        if not text:
            continue
        m = NUMBERED_ITEM.match(text)
        if m or not items:
            items.append([text[m.end():] if m else text])
        else:
            items[-1].append(text)
    return tuple(s for s in (dehyphenate_join(parts).strip() for parts in items) if s)


def _is_type_line(line: Line) -> bool:
    r = match_label(line.text, HEADER_VOCABULARY)
    return r is not None and r.key.startswith("type_")


def _case_type(type_keys: set[str]) -> str | None:
    return "decision" if "type_decision" in type_keys else "information" if "type_information" in type_keys else None


def case_type_in_body(body: Sequence[Line], next_header: Line | None) -> str | None:
    """The case type printed on a line of its own outside the header box (`BESLUTNINGSSAK` at the foot
    of a box floated beside the text, read after it) — unless it stands right above the next case's
    header, whose type it is."""
    keys: set[str] = set()
    for line in body:
        ticked = checked_option(line.text)  # `☒ Beslutningssak  ☐ Orienteringssak`
        typed = match_label(ticked, HEADER_VOCABULARY) if ticked else None
        if typed is not None and typed.key.startswith("type_"):
            keys.add(typed.key)
            continue
        if not _is_type_line(line):
            continue
        if next_header is not None and next_header.page == line.page and 0 <= next_header.top - line.bottom < 2 * max(line.height, 6.0):
            continue
        keys.add(match_label(line.text, HEADER_VOCABULARY).key)  # type: ignore[union-attr]
    return _case_type(keys)


HEADING_LINE = re.compile(r".*[^.!?:;\s]\s*$")
"""A heading: no sentence end and no label colon at its end (`Habilitet`, `Tildeling – Polarforskning i
samarbeid med Svalbard-miljøene`, `[U.off. § 14]`)."""


def _labelled(text: str) -> bool:
    """A label of the header or the form; a case-type word only in capitals (`BESLUTNINGSSAK`): `Orienteringssaker`
    written as a heading is the title of the case that gathers the orientations."""
    found = match_label(text, HEADER_VOCABULARY + FORM_VOCABULARY)
    return found is not None and (not found.key.startswith("type_") or text.strip().isupper())


def _first_paragraph(lines: Sequence[Line]) -> list[Line]:
    """The lines up to the first paragraph gap (or page break, or a line that goes back up)."""
    for k in range(1, len(lines)):
        a, b = lines[k - 1], lines[k]
        if b.page != a.page or b.top - a.bottom > 0.8 * max(b.height, 6.0) or b.top < a.top:
            return list(lines[:k])
    return list(lines)


def heading_title(lines: Sequence[Line]) -> str | None:
    """A case paper's title printed as a heading outside its header box: the one to three short lines between
    a header block with no title and the form (`Saksnummer PS-POLAR 15/18` / ... / `Habilitet` / `Forslag til
    vedtak`), or right above the header (`Godkjenning av innkalling og sakliste` / `Sak PS-NANO 07/20 |
    VEDTAKSSAK | Møte 2/20`), less the case number it repeats (`Sak 13/22 – Habilitet` under a memo's `Saksnr.:`).
    None where the lines are running text or a label."""
    # (`☒ Beslutningssak  ☐ Orienteringssak`, `Unnateke offentlegheit, jf. offl. § 14` above the title: no part of it)
    shown = [l for l in lines if l.text.strip() and not CHECKBOX_LINE.match(l.text) and not _not_title(l)]
    labels = [k for k, l in enumerate(shown) if l.label or _labelled(l.text)]
    if labels:  # the end of a labelled block (`Offentlighet | Unntatt offentlighet ...`): the lines after it
        last = shown[labels[-1]]
        shown = [l for l in shown[labels[-1] + 1:] if l.page != last.page or abs(l.top - last.top) > 2.5]
    lead = _first_paragraph(shown)
    if lead and len(lead) < len(shown) and all(l.bold for l in lead) and shown[len(lead)].bold:
        # a bold heading over the paper's numbered or bold sections (`Godkjenning av innkalling og saksliste` /
        # `1. Innledning` / text): the first paragraph, not the last
        shown = lead
    for k in range(len(shown) - 1, 0, -1):  # its last paragraph: a header value may stand above it (`Unntatt offentlighet ...`)
        a, b = shown[k - 1], shown[k]
        if b.page != a.page or b.top - a.bottom > 0.8 * max(b.height, 6.0) or b.top < a.top:
            shown = shown[k:]
            break
    if not 1 <= len(shown) <= 3:
        return None
    if not all(HEADING_LINE.match(EXEMPT.sub("", l.text).strip() or "x") for l in shown):
        return None
    text = dehyphenate_join([l.text.strip() for l in shown]).strip()
    numbered = CASE_HEADER.match(text)  # `Sak 13/22 – Godkjenning av innkalling og sakliste`: the number is the box's
    if numbered and numbered.group("rest").strip(" :–-"):
        text = numbered.group("rest").lstrip(" :–-").strip()
    return text if 0 < len(text.split()) <= 20 else None


_REST_MEETING = re.compile(r"\s*(?:[|·•]\s*)?\b(?:Møte|MØTE)\s+(?:[Nn]r\.?\s*)?\d{1,2}\s*/\s*\d{2,4}\b.*$")
"""The meeting printed beside the case number (`Sak PS-NANO 07/20 VEDTAKSSAK Møte 2/20 · 28.04.2020`), with its
capital: never the end of a title (`Protokoll frå møte 6/21`)."""


_PARTICULAR = re.compile(r"^\s*(?:(?:Møte|MØTE)\s+(?:[Nn]r\.?\s*)?\d{1,2}\s*/\s*\d{2,4}(?:\s*,\s*\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4})?"
                         r"|\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4})\s*$")
"""A piece of a band of particulars that is no title: the meeting or the date (`Møte 1/26`, `10.02.2026`)."""


def _label_rows(lines: list[Line]) -> list[Line]:
    """A header grid read value before label (`Godkjenning av innkalling og saksliste` then `Tittel`, cells of a
    CSS grid in the order the producer wrote them) put back in rows, left to right: `Tittel` | its value."""
    def value_first(label: Line, k: int) -> bool:
        return any(v.page == label.page and abs(v.top - label.top) < 3 and v.x0 > label.x1 for v in lines[:k])

    if not any(match_label(l.text, HEADER_VOCABULARY) and value_first(l, k) for k, l in enumerate(lines)):
        return lines
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.page, l.top)):
        if rows and rows[-1][0].page == line.page and abs(line.top - rows[-1][0].top) < 3:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [l for row in rows for l in sorted(row, key=lambda l: l.x0)]


def _own_cell_title(lines: Sequence[Line]) -> list[Line]:
    """The title printed below the case number in the number's own drawn cell (`Sak PS-FOLKEHELSE 9/24` /
    `Godkjenning av innkalling og saksliste`, the labels `Til` / `Fra` in a cell beside it): read before the labelled
    cells, whatever rows those share with it. Only lines stacked below the number at its left edge (a grid row's other
    values beside it, `3/25 – 03.06.2025`, are none). Empty where the number stands in no cell, or its cell holds a label."""
    first = lines[0]
    if first.region_kind != "cell":
        return []
    own: list[Line] = []
    above = first
    for l in lines[1:]:  # the lines stacked right below the number, at its left edge, in its cell
        if (l.page == first.page and l.region == first.region and abs(l.x0 - first.x0) < 4
                and 0 < l.top - above.top < 3.0 * max(above.height, 6.0) and l.text.strip()):
            above = l
            if _is_type_line(l):
                break  # `BESLUTNINGSSAK` under the title (reportlab, hand batch 4 r01): read by the box as the type
            own.append(l)
    if not own or any(match_label(l.text, HEADER_VOCABULARY) for l in own):
        return []
    return own


def parse_header(lines: Sequence[Line], default_board: str | None) -> HeaderInfo:
    """Read a header box: `Sak PS-HELSE 05/25`, title lines, then labelled fields. What follows the case number on
    its line is the title, less a case type and the meeting printed beside it (`Sak PS-NANO 07/20 VEDTAKSSAK
    Møte 2/20 · 28.04.2020` has no title on that line). Where no title is read so, the lines below the number in its
    own cell are the title (`_own_cell_title`)."""
    lines, below = _below_grid(lines)
    found = _read_header(lines, default_board, [])
    own_cell = _own_cell_title(lines) if found.title is None else []
    found = _read_header(lines, default_board, own_cell) if own_cell else found
    if below:  # the title and a line of ticked boxes under a drawn grid (`Godkjenning av ...` / `☒ Beslutningssak ☐ ...`)
        ticked = [match_label(t, HEADER_VOCABULARY) for l in below if (t := checked_option(l.text))]
        keys = {r.key for r in ticked if r is not None and r.key.startswith("type_")}
        title_lines = [l for l in below if not CHECKBOX_LINE.match(l.text) and not _not_title(l)]
        title = dehyphenate_join([l.text.strip() for l in title_lines]).strip() if found.title is None else found.title
        found = replace(found, title=title or None, title_lines=tuple(title_lines) if found.title is None and title_lines else found.title_lines,
                        case_type=found.case_type or _case_type(keys))
    return found


_NUMBER_LEAD = re.compile(r"^\s*(?:[Ss]ak\s+)?(?P<id>(?:[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ0-9]{2,})*\s+)?\d{1,3}\s*/\s*(?:\d{4}|\d{2}))"
                          r"\s*[–:-]\s*(?P<rest>\S.*)$")
"""A title that opens with its own case number: `Sak 14/22 – Habilitet`, `14/22 – Habilitet`."""


def _not_title(line: Line) -> bool:
    """A line of a header that is no part of its title: the paper's name or its author's (`SAKSFREMLEGG`, `Norges
    forskningsråd`), a statement of its exemption, the meeting or date of a band of particulars."""
    t = line.text
    return bool(PAPER_WORD.match(t) or ORGANISATION.match(t) or EXEMPTION_STATEMENT.match(t) or _PARTICULAR.match(t))


def _below_grid(lines: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """A header drawn as a grid, and the free lines read after it (its title, a line of ticked boxes); the grid's
    last value (`Vedlegg` | `Ingen`) never runs on into them."""
    lines = list(lines)
    if not any(l.region_kind in ("cell", "box") for l in lines[1:]):
        return lines, []
    k = len(lines)
    while k > 1 and lines[k - 1].region_kind == "free":
        k -= 1
    if k == len(lines) or lines[k - 1].region_kind not in ("cell", "box") or len(lines) - k > 3:
        return lines, []
    below = lines[k:]
    n = next((m for m, l in enumerate(below) if _labelled(l.text) or match_inline(l.text, HEADER_VOCABULARY) is not None), len(below))
    return [*lines[:k], *below[n:]], below[:n]  # (labelled lines below it, `Til: ... Fra: ...`, are read as fields)


def _read_header(lines: Sequence[Line], default_board: str | None, own_cell: list[Line]) -> HeaderInfo:
    """`parse_header`, with `own_cell` the title lines read apart from the labelled cells."""
    first = lines[0]
    m = CASE_HEADER.match(first.text)
    raw_id = m.group("id") if m else None
    case_id = canonical_case_id(raw_id, default_board) if raw_id else None
    rest = m.group("rest").lstrip(" :–-").rstrip(" :") if m else ""  # (a dash at its end wraps the title: `forskarprosjekt –`)
    cut = _REST_MEETING.sub("", rest)
    rest = cut.strip(" |·•–-") if cut != rest else rest
    type_in_rest: set[str] = set()
    for word in re.findall(r"\b[A-ZÆØÅa-zæøå]+sak\b", rest, flags=re.IGNORECASE):
        typed = match_label(word, HEADER_VOCABULARY)
        if typed is not None and typed.key.startswith("type_"):
            type_in_rest.add(typed.key)
            rest = re.sub(rf"\s*[|·•]?\s*\b{word}\b\s*[|·•]?\s*", " ", rest).strip(" |·•–-")
    # The case type may stand anywhere in the box (above the title, or last): read it apart.
    # a band of labelled values (`Beslutningssak · Til: ... · Fra:`) is read one label at a time
    box = [piece for l in _label_rows([l for l in lines[1:] if l not in own_cell]) for piece in split_label_band(l, HEADER_VOCABULARY)]
    box = [l for l in box if not CASE_LABEL.match(l.text)]  # the grid's `Sak` cell, its value already read
    typed_lines = [l for l in box if _is_type_line(l)]
    # a second type word in ordinary case is the title (`ORIENTERINGSSAK` in the band, `Orienteringssaker` below it)
    titled = {id(l) for l in typed_lines[1:] if not l.text.strip().isupper()}
    type_keys = {match_label(l.text, HEADER_VOCABULARY).key for l in typed_lines if id(l) not in titled} | type_in_rest
    rest_lines = [l for l in box if not _is_type_line(l)]
    wrapped: list[Line] = []  # the title wrapped from the number's line goes on in lower case: `frå porteføljestyret`
    while rest and rest_lines and rest_lines[0].text.lstrip()[:1].islower():
        wrapped.append(rest_lines.pop(0))
    # the meeting and the date a band of particulars opens with (`Møte 3/18` | `06.06.2018` over the title) open no
    # field and no title
    lead = next((k for k, l in enumerate(rest_lines) if not _PARTICULAR.match(l.text)), len(rest_lines))
    preamble, fields = parse_fields(rest_lines[lead:], HEADER_VOCABULARY)
    title_lines = [*own_cell, *wrapped, *(l for l in preamble if l.text.strip() and not _not_title(l))]
    if not rest and not title_lines:
        title_lines = [l for l in typed_lines if id(l) in titled]
    title_field = first_field(fields, "title")
    if title_field is not None and not rest and not title_lines:  # a labelled title: `Tittel | Godkjenning av ...`
        title_lines = [l for l in title_field.lines if l.text.strip()]
    title_parts = ([rest] if rest else []) + [l.text.strip() for l in title_lines]
    title = dehyphenate_join(title_parts).strip() if title_parts else None
    again = _NUMBER_LEAD.match(title or "")  # the heading repeats the box's number: `Sak 14/22 – Habilitet`
    if again and canonical_case_id(again.group("id"), default_board) == case_id:
        title = again.group("rest").strip()
    if not type_keys:  # a type word inside another piece of a band (`Møte: 1/26, 26.02.2026   Type: Vedtakssak`)
        type_keys = {t.key for l in box for word in re.findall(r"\b[A-ZÆØÅa-zæøå]+sak\b", l.text)
                     if (t := match_label(word, HEADER_VOCABULARY)) is not None and t.key.startswith("type_")}
    type_value = _value(first_field(fields, "case_type"))  # `Sakstype: Beslutningssak`
    typed = match_label(type_value, HEADER_VOCABULARY) if type_value else None
    if typed is not None and typed.key.startswith("type_"):
        type_keys.add(typed.key)
    case_type = _case_type(type_keys)
    officers_text = _value(first_field(fields, "officer"))
    officers: tuple[str, ...] = ()
    if officers_text:
        officers = tuple(names_in_list(officers_text)) or (officers_text,)
    director = _value(first_field(fields, "director"))
    attachments_field = first_field(fields, "attachments")
    return HeaderInfo(
        case_id=case_id,
        title=title or None,
        title_lines=tuple(title_lines) or (first,),
        case_type=case_type,
        responsible_director=director,
        case_officers=officers,
        from_=_value(first_field(fields, "from")),
        to=_value(first_field(fields, "to")),
        attachments=attachment_items(attachments_field.text_lines) if attachments_field else (),
    )


def parse_form(body: Sequence[Line]) -> tuple[list[Line], list[Field]]:
    """The form fields of a case paper's body (lines before the first label, fields)."""
    return parse_fields(body, FORM_VOCABULARY)


def references_in(texts: Sequence[str | None], own_id: str | None, default_board: str | None) -> tuple[str, ...]:
    """Canonical ids of other cases mentioned in a case's own texts, sorted and unique."""
    found: set[str] = set()
    for text in texts:
        if not text:
            continue
        for cid, _, _ in find_case_ids(text, default_board):
            if cid != own_id:
                found.add(cid)
    return tuple(sorted(found, key=_case_sort_key))


def _case_sort_key(cid: str) -> tuple:
    board, _, num = cid.rpartition(" ")
    n, _, y = num.partition("/")
    return (board, int(y) if y.isdigit() else 0, int(n) if n.isdigit() else 0)


# --------------------------------------------------------------------------- minutes blocks


@dataclass(frozen=True, slots=True)
class MinutesBlock:
    """One case of the minutes: its id, title and adopted decision, with their lines."""

    case_id: str | None
    title: str | None
    decision: str | None
    header_line: Line
    title_lines: tuple[Line, ...]
    decision_lines: tuple[Line, ...]
    discussion_lines: tuple[Line, ...] = ()
    """What the minutes say between the title and the decision label (`Følgende medlemmer meldte seg
    inhabile:` and a table of them): read for conflicts and references, never as title or decision."""
    notes: tuple[Line, ...] = ()
    """What closes the minutes after their last case (`Merknader til protokollen` / `Habilitet` / `Styreleder Kristin
    Vatne er inhabil i sak 11/26.`): read for conflicts only, never as the last case's title, decision or references."""


def _title_split(lines: list[Line]) -> int:
    """How many of the leading lines are the title (the rest is the decision).

    Bold leading lines are the title when the text below is not bold; otherwise the title is
    the first line, continued while the next line goes on in lower case (`helse- og` /
    `omsorgstjenestene [U.off. § 14]`) and no paragraph gap intervenes.
    """
    if not lines:
        return 0
    if lines[0].bold and not all(l.bold for l in lines):
        k = 0
        while k < len(lines) and lines[k].bold:
            k += 1
        return k
    k = 1
    while k < len(lines):
        prev, cur = lines[k - 1], lines[k]
        if prev.text.rstrip().endswith((".", ":", "]")):
            break
        if len(paragraphs([prev, cur])) > 1:
            break
        if not cur.text[:1].islower():
            break
        k += 1
    return k


EXEMPTION_LINE = re.compile(r"^\s*\[\s*U\.?\s*off")


def _title_run(head: Line | None, lines: list[Line], mended: set[int]) -> int:
    """How many of the lines between a minutes block's heading and its decision label are its title.

    With the title on the heading's own line (`PS-ENERGI sak 34/2024 Habilitet`), only lines that go on
    right below it without a paragraph gap and continue it (lower case, `[U.off. § 14]`, or after a line
    that runs on) are title; otherwise the title is the lines up to the first paragraph gap. What
    follows is the minutes' account of the case (`Følgende medlemmer meldte seg inhabile:` ...)."""
    prev = head
    k = 0
    pitches = sorted(b.top - a.bottom for a, b in zip(lines, lines[1:]) if a.page == b.page and 0 <= b.top - a.bottom)
    usual = pitches[len(pitches) // 2] if pitches else None  # the text's own gap between lines
    for line in lines:
        if id(line) in mended:
            k += 1  # a title line taken back from a wrapped label (`_mend_wrapped_label`)
            prev = line
            continue
        gap = line.page != prev.page if prev is not None else False
        if prev is not None and not gap:
            room = 0.6 * max(line.height, 6.0)
            if usual is not None and prev is not head:
                room = min(room, usual + 0.3 * max(line.height, 6.0))
            # wider than the text's own line gap (or than 0.6 of a line): a new paragraph
            gap = not (0 <= line.top - prev.bottom < room) and abs(line.top - prev.top) >= 2.5
        if gap:
            break
        if prev is not None and (prev.bold and not line.bold or prev.size > line.size + 1):
            break  # a bold (or larger) heading over plain text: `PS-SKOG 10/21 Habilitet` / `Følgjande medlemmer ...`
        if head is not None and prev is head and not (line.text[:1].islower() or EXEMPTION_LINE.match(line.text)
                                                      or (RUNS_ON.search(head.text) and _full_width(head, lines))
                                                      or head.text.count("[") > head.text.count("]")):
            break  # (a bracket left open, `... [U.off. §` / `14]`, goes on)
        k += 1
        prev = line
    return k if k or head is not None else len(lines)


def _full_width(head: Line, lines: Sequence[Line]) -> bool:
    """A heading that fills its line as wrapped text does (`Sak 5/25 Tildeling til` / `Forskerprosjekter ...`),
    not a short one (`Sak 13/21 Eventuelt` over `Camilla Ottesen tok opp ...`)."""
    right = max((l.x1 for l in lines if l.page == head.page), default=head.x1)
    return head.x1 >= head.x0 + 0.8 * (right - head.x0)


def _bold_title(lines: list[Line]) -> int:
    """How many leading lines are a bold title over a decision in plain type (0 if none)."""
    k = 0
    while k < len(lines) and lines[k].bold:
        k += 1
    return k if k < len(lines) else 0


def parse_minutes_blocks(lines: Sequence[Line], default_board: str | None) -> tuple[list[Line], list[MinutesBlock]]:
    """(attendance part, case blocks) of a minutes segment."""
    starts = [i for i, l in enumerate(lines) if case_header_id(l) and _is_block(lines, i)]
    if not starts:
        return list(lines), []
    blocks: list[MinutesBlock] = []
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else _closing(lines, s)
        head = lines[s]
        m = CASE_HEADER.match(head.text)
        case_id = canonical_case_id(m.group("id"), default_board) if m else None
        rest = m.group("rest").strip(" :–-") if m else ""
        body, mended = _mend_wrapped_label([l for l in lines[s + 1 : e] if l.text.strip()])
        if not rest and body and _same_row(head, body[0]) and not DECISION_LABEL.match(body[0].text):
            rest = body.pop(0).text.strip()
        before: list[Line] = []
        after: list[Line] = []
        seen_label = False
        inline_decision: Line | None = None
        label_line: Line | None = None
        for l in body:
            if not seen_label and DECISION_LABEL.match(l.text) and not _column_header(l, body):
                seen_label = True
                label_line = l
                remainder = DECISION_LABEL.sub("", l.text, count=1).lstrip(" :").rstrip()  # keeps its own colon: `… følgende vedtak:`
                if remainder:
                    inline_decision = replace(l, text=remainder)
                continue
            if (seen_label and not after and before and id(before[-1]) in mended and label_line is not None
                    and l.page == label_line.page and abs(l.top - label_line.top) < 2.5 and l.x0 > label_line.x0):
                before.append(l)  # the title's second line, beside the wrapped label's second line
                mended.add(id(l))
                label_line = replace(label_line, top=l.bottom + 100)  # only one line beside the label
                continue
            if (seen_label and not after and before and id(before[-1]) in mended and abs(l.x0 - before[-1].x0) < 2
                    and l.page == before[-1].page and 0 <= l.top - before[-1].bottom < 0.6 * max(l.height, 6.0)):
                before.append(l)  # the title goes on right below, with no paragraph gap
                mended.add(id(l))
                continue
            (after if seen_label else before).append(l)
        if inline_decision is not None:
            after.insert(0, inline_decision)
        title_lines: list[Line] = []
        title_parts: list[str] = [rest] if rest else []
        discussion: list[Line] = []
        if before:  # `Sak X` / title / `Vedtak:` text, or `Sak X Title` / an account of the case / `Vedtak:` text
            n = _title_run(head if rest else None, before, mended)
            title_lines, discussion = before[:n], before[n:]
            title_parts += [l.text for l in title_lines]
            decision_lines = after
        elif rest:  # `Sak PS-HELSE 57/24 Eventuelt`
            decision_lines = after
        else:
            # `Porteføljestyrets vedtak: Godkjenning av sakslisten` (all bold) over the decision in plain
            # type: the label's own line ran into the bold title beside it
            n = _title_split(after) if inline_decision is None else _bold_title(after)
            title_lines = after[:n]
            title_parts += [l.text for l in title_lines]
            decision_lines = after[n:]
        if not seen_label and discussion:
            # no decision label: a numbered list closing the account, or the sentence that says what the board resolved
            discussion, decision_lines = unlabelled_decision(discussion)
            seen_label = bool(decision_lines)
        title = join_paragraph_text(title_parts)
        decision = block_text(decision_lines) if (seen_label and decision_lines) else None
        blocks.append(MinutesBlock(case_id, title or None, decision or None, head, tuple(title_lines), tuple(decision_lines),
                                   tuple(discussion), tuple(l for l in lines[e:] if l.text.strip()) if k + 1 == len(starts) else ()))
    return list(lines[: starts[0]]), blocks


def _column_header(line: Line, lines: Sequence[Line]) -> bool:
    """`Vedtak` heading a table's column (`Søknad | Bedrift | Omsøkt (kr) | Vedtak`), no decision label: two or more
    other cells on its row, the row a table's header by the structure layer's rule (`blocks.header_meanings`; a
    form's `Vedtak` | its text is none)."""
    if ":" in line.text or "(" in line.text:
        return False  # `Vedtak:`, `Vedtak (mot én` / `stemme):` label their text
    row = sorted((m for m in lines if m.page == line.page and abs(m.top - line.top) < 2), key=lambda m: m.x0)
    return len(row) >= 3 and header_meanings([m.text.strip() for m in row]) is not None


def _closing(lines: Sequence[Line], s: int) -> int:
    """Where the last case block of minutes ends: at what closes the minutes (`Vedlegg til protokollen`,
    `Protokollen er godkjent elektronisk av ...`: lexicon.MINUTES_CLOSING) when it opens a paragraph after the
    block's own text, never the line right after a decision label (`Vedtak:` / `Protokollen er godkjent.`)."""
    for j in range(s + 2, len(lines)):
        line, prev = lines[j], lines[j - 1]
        if (MINUTES_CLOSING.match(line.text) and not DECISION_LABEL.match(prev.text)
                and (line.page != prev.page or line.bold or line.gap_before > 0.6 * max(line.height, 6.0))):
            return j
    return len(lines)


def unlabelled_decision(account: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """(account, decision) of a minutes case that prints no decision label: from a numbered list's first item
    to the end (`1. Søknadene 330114, ... vert innvilga.` / `2. Søknad 330150 ...`), else from the first sentence
    that says what the board resolved (`Styret vedtok å godkjenne protokollen ...`,
    `Porteføljestyret tok orienteringen til etterretning.`; lexicon.RESOLUTION), cut out of its line where it
    begins mid-line. Nothing where neither stands (`Ingen saker ble meldt.`)."""
    lines = list(account)
    for k, line in enumerate(lines):
        if NUMBERED_FIRST.match(line.text):
            return lines[:k], lines[k:]
    for k, line in enumerate(lines):
        m = RESOLUTION.search(line.text)
        if m is None:
            continue
        if m.start() == 0 or not line.text[: m.start()].strip():
            return lines[:k], lines[k:]
        head = replace(line, text=line.text[: m.start()].rstrip())
        tail = line_piece(line, line.text[m.start():], m.start(), len(line.text))
        return [*lines[:k], head], [tail, *lines[k + 1:]]
    return lines, []


WRAPPED_POSSESSOR = re.compile(r"^\s*([A-ZÆØÅ][a-zæøå]{3,}s|[A-ZÆØÅ][a-zæøå]{3,}\s+sitt)\s+(?=\S)")


def _mend_wrapped_label(body: list[Line]) -> tuple[list[Line], set[int]]:
    """`Porteføljestyrets Godkjenning av sakslisten` / `vedtak:`: a decision label wrapped in a narrow
    label column, its first word run into the title beside it. The possessive goes back to its label;
    also returned: the ids of the title lines it was taken from."""
    out = list(body)
    mended: set[int] = set()
    for k in range(len(out) - 1):
        m = WRAPPED_POSSESSOR.match(out[k].text)
        if m and BARE_DECISION_WORD.match(out[k + 1].text) and out[k].page == out[k + 1].page:
            out[k + 1] = replace(out[k + 1], text=f"{m.group(1)} {out[k + 1].text.strip()}")
            out[k] = replace(out[k], text=out[k].text[m.end():])
            mended.add(id(out[k]))
    return out, mended


_SECTION_LABEL = re.compile(r"^\s*[A-ZÆØÅ][a-zæøå]+(?:\s+[a-zæøå]+){0,2}\s*:\s*$")
"""A short label alone on its line that opens the next part of a minutes block: `Behandling:`, `Drøfting:`, `Merknader:`."""


def minutes_proposal(discussion: Sequence[Line]) -> tuple[list[Line], list[Line]]:
    """The proposal a minutes block prints before its discussion and decision (`Forslag til vedtak:` / text /
    `Behandling:` / ...), and the rest of the account; no proposal where the account opens otherwise."""
    lines = [l for l in discussion if l.text.strip()]
    if not lines or not FORM_START.match(lines[0].text):
        return [], list(discussion)
    first = lines[0]
    after = re.sub(r"^.*?\bvedtak\b\s*:?\s*", "", first.text, count=1, flags=re.IGNORECASE).strip()
    proposal = [replace(first, text=after)] if after else []
    k = 1
    while k < len(lines) and not _SECTION_LABEL.match(lines[k].text) and not FORM_START.match(lines[k].text):
        proposal.append(lines[k])
        k += 1
    return proposal, lines[k:]


def join_paragraph_text(parts: Sequence[str]) -> str:
    """Title parts joined with hyphenation mended."""
    return dehyphenate_join([p.strip() for p in parts if p and p.strip()]).strip()


def _is_block(lines: Sequence[Line], i: int) -> bool:
    """A `Sak ...` line that opens a minutes block (the same rule as segmentation's `kind_of_header`)."""
    if kind_of_header(lines, i) == "block":
        return True
    if in_table_row(lines, i):
        return False  # a table's case column
    # `Sak PS-HELSE 57/24` | `Eventuelt`: the title printed beside the number, in a column of its own.
    return i + 1 < len(lines) and _same_row(lines[i], lines[i + 1]) and not in_row_of_cases(lines, i)


def _same_row(a: Line, b: Line) -> bool:
    return a.page == b.page and abs(a.top - b.top) < 2.5 and b.x0 > a.x1


__all__ = [
    "FORM_VOCABULARY", "HEADER_VOCABULARY", "HeaderInfo", "MinutesBlock", "attachment_items", "exempt_of",
    "join_paragraph", "missing_header", "parse_form", "parse_header", "parse_minutes_blocks", "references_in",
]


def missing_header(case_meeting: str | None, provenance: Provenance) -> Finding:
    """A case paper with a form but no header box: it has no case number."""
    return Finding("missing_case_header", f"a case paper of meeting {case_meeting or '?'} has no header box (no case number)",
                   None, None, provenance)
