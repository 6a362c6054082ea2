"""Segmentation: a document's lines → cover, case papers (header box + form) and minutes.

What it relies on, seen in the seed meeting book:
- a case paper's form opens with `Forslag til vedtak` (nynorsk `Framlegg til vedtak`);
- its header box opens with `Sak PS-HELSE 05/25` and carries `Til`, `Ansvarlig Direktør`,
  `Saksbehandler`, `Vedlegg`, `Fra` and the case type; in the text layer it may come before
  the form (box above or beside) or after it (the seed): the document's first pair decides;
- minutes open with `Møteprotokoll` and hold one block per case: `Sak PS-HELSE 54/24` then
  `Vedtak:`; minutes attached inside a meeting book are a second meeting of their own;
- `Sak 54/24:` (with a colon) inside a text is a sub-heading, not a new case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from vedtak.blocks import header_meanings
from vedtak.nlp.vocab import ColumnMeaning
from vedtak.document import Line
from vedtak.extractors.fields import in_label_position
from vedtak.lexicon import (
    CODE_FIRST,
    DECISION_LABEL,
    HEADER_LABELS,
    MINUTES_CLOSING,
    NO_DECISION_TITLE,
    FORM_START,
    NUMBER_FIRST,
    ORGANISATION,
    PAPER_PREFIX,
    PAPER_WORD,
    RECOMMENDATION_START,
    BARE_DECISION_WORD,
    decision_label_end,
    label_readings,
    match_label,
)

CASE_HEADER = re.compile(
    r"^\s*(?:Sak(?:\s*nr\.?)?|Saksnr\.?|Saksnummer)\s*:?\s+(?P<id>(?:[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ0-9]{2,})*\s*)?\d{1,3}\s*[/-]\s*(?:\d{4}|\d{2}))(?P<rest>.*)$"
)
"""`Sak PS-HELSE 05/25`, `Sak PSHELSE 33/24`, `Sak 54/24: Bevilgning ...`, `Sak PS-HELSE 57/24 Eventuelt`,
`Saksnummer: PS-HELSE 5/25`, `Sak nr. 5/25`."""

CASE_LABEL = re.compile(r"^\s*(?:Sak|Sak\s*nr\.?|Saksnr\.?|Saksnummer)\s*:?\s*$", re.IGNORECASE)
"""A label cell holding only `Sak` / `Saksnr.` whose value (the case number) stands beside it."""

RUNS_ON = re.compile(r"(?:[a-zæøå,]|\bmøte)\s*$")
"""A line that ends mid-sentence (a lower-case word or a comma): what follows continues it."""

CASE_WRAPPED = re.compile(r"^\s*Sak\s+[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ0-9]{2,})*\s*$")
CODE_WRAPPED = re.compile(r"^\s*(PS-?[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*)(?:\s+(?:[Ss]ak|SAK))?\s*$")
"""`PS-LIVSVIT sak` or a bare `PS-MULTEK` on a line of its own, the number (`11/2025`, `24/26`) wrapped onto the next."""
CASE_NUMBER_START = re.compile(r"^\s*\d{1,3}\s*[/-]\s*(?:\d{4}|\d{2})\b")

MINUTES_START = re.compile(
    r"^\s*(?:Møteprotokoll|MØTEPROTOKOLL|Protokoll\s+(?:fra|frå|for)\b|Protokoll\s*$|Protokoll\s*[–—-]?\s*møte\s+\d|PROTOKOLL|Møtereferat|MØTEREFERAT"
    r"|Referat\s+(?:fra|frå)\s+\w*møte)\b"
)
"""`Møteprotokoll`, `Protokoll fra møte i ...`, `Protokoll` (alone, as a title), `Protokoll – møte 5/22`, nynorsk `Protokoll frå møte`, `Møtereferat`,
`Referat fra porteføljestyremøte` (not `Godkjent møteprotokoll`, the title of a case about minutes)."""

def _header_label(text: str) -> bool:
    """A header-box label (`Til`, `Saksbehandler`, `BESLUTNINGSSAK`), or any label of the lexicon's header box
    before a colon (`Møte: 1/26, 26.02.2026  Type: Vedtakssak  Sakshandsamar: ...`, `Sakstype: Vedtakssak`):
    printed with a capital, so a line that goes on in lower case (`til klimatilpasning [U.off. § 14]`, a
    title's second line) is none. The title's label (`Sak:`, `Gjelder:`) opens no header box here."""
    if text.lstrip()[:1].islower():
        return False
    if HEADER_LABEL.match(text):
        return True
    head, colon, _ = text.partition(":")
    found = match_label(head, HEADER_LABELS) if colon and len(head) <= 40 else None
    return found is not None and found.key not in ("title", "archive")


HEADER_LABEL = re.compile(
    r"^\s*(?:til(?=\s*:|\s*$|\s+(?:[Pp]orteføljestyre|[Ss]tyret|PS-|[Pp]rogramstyre))|ansvarlig\s+direkt[øo]r|saksbehandlar|saksbehandler|sakshandsamar|fr[aå]|"
    # `Vedlegg: 1. Panelvurderinger`, `Vedlegg` over its list; never the heading `Vedlegg til protokollen`
    r"vedlegg(?=\s*:|\s*$|\s+(?-i:[0-9A-ZÆØÅ]))|"
    r"beslutningssak|orienteringssak|vedtakssak|drøftingssak|drøftingsak|diskusjonssak|avgjerdssak|orienteringssak)\b",
    re.IGNORECASE,
)
CASE_TYPE_LINE = re.compile(r"^\s*(?:beslutningssak|orienteringssak|vedtakssak|drøftingssak|drøftingsak|diskusjonssak|avgjerdssak)\s*$",
                            re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CasePaperSegment:
    """One case paper: its header box (None when missing) and its body (form + attachments)."""

    header: tuple[Line, ...] | None
    body: tuple[Line, ...]
    header_id: str | None


@dataclass(frozen=True, slots=True)
class MinutesSegment:
    """Minutes: from `Møteprotokoll` to the next case paper or the end."""

    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Segmentation:
    """A document cut into its parts."""

    cover: tuple[Line, ...]
    papers: tuple[CasePaperSegment, ...]
    minutes: tuple[MinutesSegment, ...]
    header_first: bool


def is_form_start(line: Line) -> bool:
    """True for the line that opens a case paper's form."""
    return bool(FORM_START.match(line.text))


def form_starts_at(lines: Sequence[Line], i: int) -> bool:
    """True when line i opens a form, also with its label wrapped in a narrow label column
    (`Administrasjonens forslag` / `til vedtak`, `Forslag til` / `vedtak`)."""
    if FORM_START.match(lines[i].text):
        return True
    line = lines[i]
    if RECOMMENDATION_START.match(line.text):
        return in_label_position(lines, i)  # not a column header (`Søknad | Prosjekttittel | Innstilling`)
    if not line.label:
        return False
    parts = [line.text]
    for nxt in lines[i + 1 : i + 4]:  # `Administrasjonen` / `sitt framlegg til` / `vedtak`; `Administrasjon` / `ens forslag til` / `vedtak`
        if not nxt.label or nxt.page != line.page:
            return False
        parts.append(nxt.text)
        if any(FORM_START.match(text) for text in label_readings(parts)):
            return True
    return False


def case_header_id(line: Line) -> str | None:
    """The raw case id of a `Sak ...` line that opens a section (None for `Sak 54/24: Bevilgning ...`
    sub-headings; a heading that ends at its colon, `Sak PS-LIKESTILLING 15/22:` with the title on the next
    line, opens one)."""
    m = CASE_HEADER.match(line.text)
    if not m:
        return None
    rest = m.group("rest").strip()
    if rest.startswith(":") and rest != ":":
        return None
    return m.group("id")


def _on_row_of(line: Line, head: Line) -> bool:
    """True for a line on the same row as a case heading: its title beside it (`Protokoll fra møte 3/23` beside
    `PS-DIGSIK 28/23`), never the start of minutes."""
    return line.page == head.page and abs(line.top - head.top) < 2.5


def in_row_of_cases(lines: Sequence[Line], i: int) -> bool:
    """Line i heads a column of a table whose header row names cases (`Medlem | Sak 10/20 | Sak 11/20 | Sak 12/20`,
    members' answers in a written procedure): no heading of a case."""
    here = lines[i]
    return sum(1 for l in lines[max(0, i - 6): i + 7] if l.page == here.page and abs(l.top - here.top) < 2 and case_header_id(l)) >= 2


def _decided_after(lines: Sequence[Line], j: int) -> bool:
    """Whether the proposal that opens at line j is followed by the adopted decision before the next case or form:
    a minutes block that prints both (`Forslag til vedtak:` / ... / `Behandling:` / ... / `Vedtak:`)."""
    for k in range(j + 1, min(len(lines), j + 60)):
        t = lines[k].text
        if case_header_id(lines[k]) or FORM_START.match(t) or MINUTES_START.match(t):
            return False
        if DECISION_LABEL.match(t):
            return True
    return False


CASE_RANGE_REST = re.compile(r"^\s*[–—-]\s*(?:sak\s+)?\d{1,3}\s*/\s*(?:\d{4}|\d{2})\b", re.IGNORECASE)


def kind_of_header(lines: Sequence[Line], i: int) -> str:
    """`paper` (a case paper's header box), `block` (a minutes case block) or `mention`.

    A header-box label (`Til`, `Saksbehandler`) counts within the next eight lines; a decision label
    (`Vedtak:`) anywhere before the next heading, form or minutes, since minutes may give a long
    account of the case (who left the meeting, and why) before its decision."""
    if in_row_of_cases(lines, i) or in_table_row(lines, i):
        return "mention"  # a cell of a table: `Medlem | Sak 10/20 | Sak 11/20`, `Sak 5/26 | Fatima Rashid | Medsøker ...`
    head = CASE_HEADER.match(lines[i].text)
    if head and CASE_RANGE_REST.match(head.group("rest")):
        return "mention"  # a span of cases (`Sak 43/24–44/24`, when a member took part) heads no case
    form_at = next((j for j in range(i + 1, min(len(lines), i + 5)) if FORM_START.match(lines[j].text)), None)
    if form_at is not None and _decided_after(lines, form_at):
        return "block"  # minutes that give the proposal, the discussion and the decision (`Forslag til vedtak:` /
        # `Behandling:` / `Vedtak:`)
    if (lines[i].bold or lines[i].region_kind == "box") and form_at is not None and not any(
            case_header_id(l) or DECISION_LABEL.match(l.text) for l in lines[i + 1: form_at]):
        # `SAKSFRAMLEGG · PS-BATTERI 3/26` (a band) / its title (`Protokoll frå møte 5/25`) / a line of particulars /
        # `1 Framlegg til vedtak`: a case paper's heading, whatever its title says
        return "paper"
    typed_only = False  # only a case type so far: `PS-NATUR 13/22 | Godkjenning ... | Vedtakssak`
    for j in range(i + 1, min(len(lines), i + 80)):
        t = lines[j].text
        if DECISION_LABEL.match(t):
            return "block"
        if j < i + 9 and _header_label(t) and not FORM_START.match(t):
            if not CASE_TYPE_LINE.match(t):
                return "paper"
            typed_only = True
        if MINUTES_START.match(t) and _on_row_of(lines[j], lines[i]):
            continue  # the case's own title beside its number (`PS-DIGSIK 28/23` | `Protokoll fra møte 3/23`), no minutes
        if FORM_START.match(t) or MINUTES_START.match(t) or MINUTES_CLOSING.match(t):
            break  # (what closes the minutes, `Protokollen er satt opp av ...` / `Vedlegg: ...`, is no part of the case)
        if case_header_id(lines[j]):
            if typed_only and j < i + 5:
                return "mention"  # a row of an agenda (`Sak | Tittel | Type`): the next case follows its type at once
            break
    if typed_only:
        return "paper"
    rest = CASE_HEADER.match(lines[i].text).group("rest").strip()  # type: ignore[union-attr]
    if not rest and i + 1 < len(lines) and NO_DECISION_TITLE.match(lines[i + 1].text) and len(lines[i + 1].text.split()) <= 3:
        return "block"  # `Sak PS-KOMPETANSE 38/22` / `Eventuelt`: a case that adopts no decision
    return "block" if rest else "mention"


def _agenda_row_after(lines: Sequence[Line], row: int, i: int) -> bool:
    """Line i opens the row right after an agenda row (`Sak | Tittel | Type`) of the same shape: as many lines
    between, the case type in the same place."""
    step = i - row
    if not 1 <= step <= 4 or i + step > len(lines):
        return False
    return (any(CASE_TYPE_LINE.match(lines[k].text) for k in range(row + 1, i))
            and any(CASE_TYPE_LINE.match(lines[k].text) for k in range(i + 1, i + step))
            and abs(lines[i].x0 - lines[row].x0) < 2)


def _labels_above(lines: Sequence[Line], i: int, floor: int) -> int:
    """Index of the first line of a header box whose labels begin above the line with its case number: a memo's
    `Til:` / `Frå:` / `Dato:` over `Saksnr.: PS-NATUR 13/22`, all in one label column on the same page."""
    a = i
    while (a - 1 >= floor and lines[a - 1].page == lines[i].page and abs(lines[a - 1].x0 - lines[i].x0) < 2
           and match_label(lines[a - 1].text, HEADER_LABELS) is not None and not case_header_id(lines[a - 1])
           and lines[a - 1].text.rstrip().endswith(":")):
        a -= 1
    # ... and the band above that names the paper and its author (`SAKSFREMLEGG` | `Norges forskningsråd`)
    while (a - 1 >= floor and lines[a - 1].page == lines[i].page and 0 < lines[a].top - lines[a - 1].top < 80
           and (PAPER_WORD.match(lines[a - 1].text) or ORGANISATION.match(lines[a - 1].text))):
        a -= 1
    return a


def in_table_row(lines: Sequence[Line], i: int) -> bool:
    """True when line i is a cell of a table row about people: its row holds other cells, and the rows above it, each
    of two cells or more, go up to a row the lexicon reads as a table's header with a person column (`Gjelder | Navn |
    Årsak` over `Sak 5/26 | Fatima Rashid | Medsøker i én søknad`): a case number there is a table's cell, never a
    case heading (a header box drawn as a grid, `Saksnr. | Tittel` over `PS-X 12/24 | ...`, still opens its case)."""
    line = lines[i]
    rows: dict[int, list[str]] = {}
    for l in lines[max(0, i - 40): i + 12]:
        if l.page == line.page and l.top <= line.top + 2.5:
            key = next((k for k in rows if abs(k - l.top) < 2.5), None)
            rows.setdefault(round(l.top) if key is None else key, []).append(l.text.strip())
    tops = sorted(rows, reverse=True)
    own = next((k for k in tops if abs(k - line.top) < 2.5), None)
    if own is None or len(rows[own]) < 2:
        return False
    for top in tops[tops.index(own) + 1:]:
        if len(rows[top]) < 2:
            return False
        meanings = header_meanings(rows[top])
        if meanings is not None:
            return ColumnMeaning.PERSON in meanings
    return False


def header_extent(lines: Sequence[Line], i: int) -> int:
    """Index one past the last line of the header box that starts at line i."""
    start = lines[i]
    if start.region_kind == "box":
        j = i + 1
        while j < len(lines) and lines[j].page == start.page and lines[j].region == start.region:
            j += 1
        # ... and a grid of labelled cells drawn right under the band (`MØTE` / `2/18 · 24.04.2018` | `SAKSTYPE` / ...)
        k = j
        while (k < len(lines) and lines[k].page == start.page and lines[k].region_kind == "cell"
               and lines[k].top - lines[k - 1].bottom < 40):  # (the cells read one after the other, each going back up)
            k += 1
        if k > j and any(match_label(l.text, HEADER_LABELS) is not None for l in lines[j:k]) and not any(
                case_header_id(l) for l in lines[j:k]):
            return k
        return j
    if start.region_kind == "cell":
        j = i + 1
        while j < len(lines) and lines[j].page == start.page and lines[j].region == start.region:
            j += 1
        if any(_header_label(l.text) for l in lines[i + 1 : j]):
            return j  # one drawn box that holds the whole header (`Saksnummer` / `PS-LUFTFART 1/25` / ... / `Saksbehandler`)
    limit = min(len(lines), i + 30)
    seen_label = False
    for j in range(i + 1, limit):
        t = lines[j].text
        if CASE_TYPE_LINE.match(t):
            if seen_label:
                # ... with the values still to come of labels read as a column before them (`Sakstype:` /
                # `Offentlighet:` then `Beslutningssak` / `Offentlig`): those on the rows of its labels
                lowest = max(l.top for l in lines[i + 1: j + 1] if l.page == start.page and _header_label(l.text))
                end = j + 1
                while end < len(lines) and lines[end].page == start.page and lines[end].top <= lowest + 2 \
                        and not _header_label(lines[end].text) and not case_header_id(lines[end]):
                    end += 1
                return end
            continue  # the type printed above the title: the box goes on
        if _header_label(t):
            seen_label = True
        if form_starts_at(lines, j) or (MINUTES_START.match(t) and not _on_row_of(lines[j], start)) or case_header_id(lines[j]) \
                or lines[j].page != start.page:
            return j
    # No case type: stop after the value of `Fra` (two lines at most), else at the limit.
    for j in range(i + 1, limit):
        if re.match(r"^\s*fr[aå]\b", lines[j].text, re.IGNORECASE):
            return min(j + 3, limit)
    return limit


def _heading_like(lines: Sequence[Line], i: int) -> bool:
    """A line that opens a section rather than running on in text: bold, or followed within three
    lines by a decision label (`Vedtak:`) or a header-box label (`Til`, `Saksbehandler`)."""
    line = lines[i]
    prev = lines[i - 1] if i else None
    if prev is not None and prev.page == line.page and prev.region == line.region and RUNS_ON.search(prev.text) \
            and line.gap_before < 0.6 * max(line.height, 6.0):
        return False  # `1. Godkjent møteprotokoll fra møte` / `PS-HELSE 6/2024`: the text runs on
    if line.bold:
        return True
    for j in range(i + 1, min(len(lines), i + 4)):
        t = lines[j].text
        if DECISION_LABEL.match(t) or (_header_label(t) and not FORM_START.match(t)):
            return True
    return False


MERGED_CASE_TITLE = re.compile(r"^\s*Sak\s+(?P<code>PS-?[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*)\s+(?P<rest>[A-ZÆØÅa-zæøå].*)$")
CASE_NUMBER_ONLY = re.compile(r"^\s*\d{1,3}\s*[/-]\s*(?:\d{4}|\d{2})\s*$")


def _below(lines: Sequence[Line], i: int, line: Line, pattern: re.Pattern[str] | Callable[[str], bool]) -> int | None:
    """Index of the line among the next three that stands right below `line` at its left edge, when it
    matches `pattern` (the wrapped end of a label cell, read after the value beside it). Only the first
    line so placed: `Saksbehandlers` / `forslag til` / `vedtak` never skips its middle line."""
    test = pattern.match if isinstance(pattern, re.Pattern) else pattern
    for j in range(i + 1, min(len(lines), i + 4)):
        b = lines[j]
        if b.page == line.page and abs(b.x0 - line.x0) < 2 and 0 < b.top - line.top < 2.5 * max(line.height, 6.0):
            return j if test(b.text) else None
    return None


RUN_IN_START = re.compile(r"^\s*(?:[A-ZÆØÅa-zæøå]{3,}s\s|[A-ZÆØÅa-zæøå]{3,}\s+sitt\s|[Ff]orslag\s|[Ff]ramlegg\s)")
"""How a form label that can run into its value opens: a possessive (`Saksbehandlers`, `Administrasjonen sitt`)
or `Forslag` / `Framlegg`."""


def _stacked_below(lines: Sequence[Line], i: int, line: Line, most: int) -> list[int]:
    """Indexes of up to `most` lines stacked right below `line` at its left edge, each within single
    spacing of the one above (the rest of a label cell, read after the value beside its first line)."""
    out: list[int] = []
    above = line
    for j in range(i + 1, min(len(lines), i + 6)):
        b = lines[j]
        if b.page == above.page and abs(b.x0 - line.x0) < 2 and 0 < b.top - above.top < 2.5 * max(above.height, 6.0):
            out.append(j)
            above = b
            if len(out) == most:
                break
    return out


def _completes_decision_label(first: str) -> Callable[[str], bool]:
    """Whether a line completes `first` into a decision label and nothing more: `Vedtak i` / `saken:`,
    `Porteføljestyret sitt` / `vedtak:`, `Vedtak` / `(samrøystes):`."""
    def test(text: str) -> bool:
        if DECISION_LABEL.match(first) and DECISION_LABEL.match(text):
            return False  # two labels, one above the other
        whole = decision_label_end(text)
        if whole is not None and not text[whole:].strip() and not BARE_DECISION_WORD.match(text):
            return False  # a whole label with its own subject below a title (`Orienteringer` / `Styret fattet følgende vedtak:`)
        joined = f"{first.strip()} {text.strip()}"
        end = decision_label_end(joined)
        return end is not None and not joined[end:].strip()
    return test


def _completes_form_label(first: str) -> Callable[[str], bool]:
    """Whether a line completes `first` into the label that opens a form: `Forslag til` / `vedtak`,
    `Administrasjonens` / `forslag til vedtak`, `Administrasjon` / `ens forslag til vedtak`."""
    # Every reading holds `vedtak` (FORM_START ends in it) and is `first` and `text` stripped, joined with a
    # space or mended without one: no `vedtak` in the mended join (case folded), no reading to try.
    head = first.strip()
    return lambda text: "vedtak" in f"{head}{text.strip()}".casefold() and any(
        FORM_START.match(t) and FORM_START.match(t).end() >= len(t.rstrip(" :")) - 1 for t in label_readings([first, text]))


def _title_beside(lines: Sequence[Line], i: int) -> list[Line]:
    """The lines to the right of a code-first case number in its own drawn box, top to bottom, wherever the text layer
    put them (`Orientering om nasjonal satsing på kvanteteknologi` read before `PS-KVANTE 37/26`, its top half a point
    higher); none for a number on a free line, in a box that holds header labels, or beside a value that is no title."""
    line = lines[i]
    if line.region_kind == "free":
        return []
    near = lines[max(0, i - 4): i + 5]
    box = [l for l in lines[max(0, i - 12): i + 24] if l.page == line.page and l.region == line.region]
    if any(_header_label(l.text) for l in box):
        return []  # a header box of its own (`Til`, `Saksbehandler`, `BESLUTNINGSSAK`): its rules read it
    beside = [l for l in near if l is not line and l.page == line.page and l.region == line.region and l.x0 > line.x1
              and abs(l.top - line.top) < 3 * max(line.height, 6.0)]
    beside.sort(key=lambda l: l.top)
    # a title opens with a capital; a grid row's other value beside the number (`3/25 – 03.06.2025`, the meeting) is none
    return beside if beside and beside[0].text.lstrip()[:1].isupper() else []


def _row_at(lines: Sequence[Line], i: int) -> int:
    """Index one past the run of lines from i that stand on one row (same page and top, left to right)."""
    j = i + 1
    while j < len(lines) and lines[j].page == lines[i].page and abs(lines[j].top - lines[i].top) < 2 and lines[j].x0 > lines[j - 1].x0:
        j += 1
    return j


def join_label_rows(lines: Sequence[Line]) -> list[Line]:
    """A header box printed as a row of labels over a row of values (`Saksnummer | Møtedato | Saksbehandler |
    Sakstype` / `PS-KRAFT 27/21 | 19.10.2021 | Mona Lise Tangen | Beslutningssak`): each value read with the
    label above it, the case number first (`Sak PS-KRAFT 27/21`, `Møtedato: 19.10.2021`, ...), as a header box
    that prints each label beside its value reads."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = _row_at(lines, i)
        labels = lines[i:j]
        if (len(labels) >= 3 and any(CASE_LABEL.match(l.text) for l in labels)
                and all(CASE_LABEL.match(l.text) or match_label(l.text, HEADER_LABELS) for l in labels)):
            k = _row_at(lines, j) if j < len(lines) else j
            values = lines[j:k]
            if (len(values) == len(labels) and values[0].page == labels[0].page
                    and 0 < values[0].top - labels[0].top < 3 * max(labels[0].height, 6.0)
                    and all(abs(v.x0 - l.x0) < 12 for l, v in zip(labels, values))):
                pairs = sorted(zip(labels, values), key=lambda p: not CASE_LABEL.match(p[0].text))
                for label, value in pairs:
                    if CASE_LABEL.match(label.text):  # `PS-KRAFT 27/21` (or `Sak PS-ELDRE 6/26`) under `Saksnummer`
                        text = value.text.strip() if CASE_HEADER.match(value.text) else f"Sak {value.text.strip()}"
                    else:
                        text = f"{label.text.strip().rstrip(':')}: {value.text.strip()}"
                    # a drawn grid is one unit, as a box: the header ends with it (`header_extent`), a heading below it is the title
                    boxed = {"region": values[0].region, "region_kind": "box"} if values[0].region > 0 else {}
                    out.append(replace(value, text=text, x0=labels[0].x0, label=False, **boxed))
                i = k
                continue
        out.append(lines[i])
        i += 1
    return out


CODE_NUMBER_LAST = re.compile(r"\s(?P<code>PS-[A-ZÆØÅ][A-ZÆØÅ0-9-]+)\s+(?P<num>\d{1,3}\s*/\s*(?:\d{4}|\d{2}))\s*$")
"""A board's case number closing a line: `… Porteføljestyret for samisk forsking PS-SAMEFORSK 9/18`."""


def join_case_labels(lines: Sequence[Line]) -> list[Line]:
    """`Sak` | `PS-HELSE 49/24 Godkjenning ...` printed as a label column beside its value:
    one line `Sak PS-HELSE 49/24 Godkjenning ...`, as the other layouts write it; so is a heading
    that prints the code first (`PS-ENERGI sak 34/2024 ...` -> `Sak PS-ENERGI 34/2024 ...`)."""
    out: list[Line] = []
    lines = list(lines)
    i = 0
    while i < len(lines):
        line = lines[i]
        prefix = PAPER_PREFIX.match(line.text)
        named = CODE_FIRST.match(line.text[prefix.end():]) if prefix else None
        last = CODE_NUMBER_LAST.search(line.text, prefix.end()) if prefix and not named else None
        if named or last:
            # a band that names the paper before its number: `SAKSFRAMLEGG · PS-BATTERI 1/26`, `Saksframlegg ·
            # Porteføljestyret for samisk forsking PS-SAMEFORSK 9/18` (the number at the band's end)
            found = named or last
            out.append(replace(line, text=f"Sak {found['code']} {found['num']}{named['rest'] if named else ''}", label=False))
            i += 1
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        first = CODE_FIRST.match(line.text)
        beside = _title_beside(lines, i) if first and not first["rest"].strip() else []
        if first and (beside or _heading_like(lines, i)):
            # `PS-BYGG 12/25: Tildeling ...` (a Word heading): the colon after a code-first number ends the
            # number, it makes no sub-heading (`Sak 54/24: ...` with no code is one)
            rest = re.sub(r"^\s*:\s*(?=\S)", " ", first["rest"])
            if beside:
                # `PS-KVANTE 39/26` | `Tildeling – ... [U.off. §` / `14]` in one drawn box, the title read around it
                taken = {id(l) for l in beside}
                out = [l for l in out if id(l) not in taken]
                lines = [l for l in lines if id(l) not in taken or l is line]
                i = next(k for k, l in enumerate(lines) if l is line)
                rest = " " + " ".join(l.text.strip() for l in beside)
            out.append(replace(line, text=f"Sak {first['code']} {first['num']}{rest}", label=False))
            i += 1
            continue
        number_first = NUMBER_FIRST.match(line.text)
        if number_first and line.region_kind != "cell" and _heading_like(lines, i):
            # `24/23 Tildeling – Samfunn og næringsliv i nord` (bold, or over `Vedtak:`): a case heading with
            # neither `Sak` nor the code, whose board is the document's
            out.append(replace(line, text=f"Sak {number_first['num']} {number_first['rest']}", label=False))
            i += 1
            continue
        beside = next((j for j in range(i + 1, min(len(lines), i + 9)) if lines[j].page == line.page
                       and abs(lines[j].top - line.top) < 3 and lines[j].x0 > line.x1
                       and CASE_HEADER.match(f"Sak {lines[j].text}")), None) if CASE_LABEL.match(line.text) else None
        if beside is not None:
            # `Saksnummer` | `PS-POLAR 17/18`: the value beside the label, next in reading order or after the
            # rest of a stacked label column (`Saksnummer` / `Møte` / `Saksbehandler`, then the values)
            val = lines[beside]
            out.append(replace(line, text=f"Sak {val.text}", x1=val.x1, bottom=max(line.bottom, val.bottom), label=False))
            lines = [*lines[:beside], *lines[beside + 1:]]
            i += 1
            continue
        under = _below(lines, i, line, lambda t: CASE_HEADER.match(f"Sak {t}") is not None) if CASE_LABEL.match(line.text) else None
        if under is not None and line.region_kind != "free" and lines[under].region == line.region:
            # `Saksnummer` / `PS-LUFTFART 1/25`: a drawn header box that prints each label above its value (never a
            # table's `Sak` column header over its first row, `5/25`)
            val = lines[under]
            out.append(replace(line, text=f"Sak {val.text.strip()}", x1=max(line.x1, val.x1), bottom=val.bottom, label=False))
            lines = [*lines[:under], *lines[under + 1:]]
            i += 1
            continue
        merged = MERGED_CASE_TITLE.match(line.text)
        below = _below(lines, i, line, CASE_NUMBER_ONLY) if merged else None
        if merged and below is not None:
            # `Sak PS-DEMOS Godkjent møteprotokoll fra` / `24/26`: a narrow header cell wrapped the number
            # under the code, and the title beside it ran into the same line.
            out.append(replace(line, text=f"Sak {merged['code']} {lines[below].text.strip()} {merged['rest']}", label=False))
            lines = [*lines[:below], *lines[below + 1:]]
            i += 1
            continue
        words = line.text.split()
        split_decision = len(words) <= 3 and (not DECISION_LABEL.match(line.text) or line.label)
        below = _below(lines, i, line, _completes_decision_label(line.text)) if split_decision else None
        if split_decision and below is not None:
            # `Vedtak i` / `saken:` in a narrow label column, the title beside it read in between
            out.append(replace(line, text=f"{line.text.strip()} {lines[below].text.strip()}", label=True))
            lines = [*lines[:below], *lines[below + 1:]]
            i += 1
            continue
        stack = _stacked_below(lines, i, line, 2) if split_decision and line.label else []
        if len(stack) == 2 and not DECISION_LABEL.match(lines[stack[0]].text) and _completes_decision_label(
                f"{line.text.strip()} {lines[stack[0]].text.strip()}")(lines[stack[1]].text):
            # `Styret gjorde` / `følgjande` / `vedtak:`: a sentence label wrapped over three lines of a narrow column
            out.append(replace(line, text=" ".join(lines[j].text.strip() for j in (i, *stack)), label=True))
            lines = [l for j, l in enumerate(lines) if j not in stack]
            i += 1
            continue
        run_in = next(((k, j) for k in (1, 2, 3) if len(words) > k + 1
                       for j in [_below(lines, i, line, _completes_form_label(" ".join(words[:k])))]
                       if j is not None and lines[j].text.lstrip()[:1].islower()
                       and lines[j].top - line.top < 1.6 * max(line.height, 6.0)), None) if RUN_IN_START.match(line.text) else None
        if run_in is not None and not FORM_START.match(line.text):
            # `Saksbehandlers forslag Porteføljestyret godkjenner ...` / `til vedtak`: the label's first line
            # ran into the value beside it; the label is its first words and the line below, the rest is value
            k, j = run_in
            out.append(replace(line, text=f"{' '.join(words[:k])} {lines[j].text.strip()}", label=True))
            out.append(replace(line, text=" ".join(words[k:]), label=False))
            lines = [*lines[:j], *lines[j + 1:]]
            i += 1
            continue
        split_label = len(words) <= 3 and not FORM_START.match(line.text)
        stack = _stacked_below(lines, i, line, 2) if split_label else []
        complete = next((k for k in range(1, len(stack) + 1)
                         if _completes_form_label(line.text)(" ".join(lines[j].text for j in stack[:k]))), None) if stack else None
        if complete is not None:
            # `Forslag til` / `vedtak`, `Administrasjon` / `ens forslag til` / `vedtak` in a narrow label
            # column, the value's first line read in between
            used = stack[:complete]
            parts = [line.text, *(lines[j].text for j in used)]
            text = next(t for t in label_readings(parts) if FORM_START.match(t))
            out.append(replace(line, text=text, label=True))
            lines = [l for j, l in enumerate(lines) if j not in used]
            i += 1
            continue
        wrapped_code = CODE_WRAPPED.match(line.text)
        if (nxt is not None and wrapped_code and nxt.page == line.page and nxt.region == line.region
                and CASE_NUMBER_START.match(nxt.text)):
            # `PS-LIVSVIT sak` / `11/2025`: a narrow label cell wrapped a code-first case number.
            out.append(replace(line, text=f"Sak {wrapped_code.group(1)} {nxt.text.strip()}", x1=max(line.x1, nxt.x1),
                               bottom=max(line.bottom, nxt.bottom), label=False))
            i += 2
            continue
        if (nxt is not None and CASE_WRAPPED.match(line.text) and nxt.page == line.page and nxt.region == line.region
                and CASE_NUMBER_START.match(nxt.text)):
            # `Sak PS-ENERGI` / `20/25`: a narrow header cell wrapped the case number.
            out.append(replace(line, text=f"{line.text.strip()} {nxt.text.strip()}", x1=max(line.x1, nxt.x1),
                               bottom=max(line.bottom, nxt.bottom), label=False))
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def segment(lines: Sequence[Line]) -> Segmentation:
    """Cut a document's lines into cover, case papers and minutes."""
    lines = join_case_labels(join_label_rows(lines))
    n = len(lines)
    kinds: dict[int, str] = {}
    row: int | None = None  # the last agenda row read: `PS-NATUR 17/22 | Naturpanelet ... | Orienteringssak`
    for i, line in enumerate(lines):
        if case_header_id(line):
            kinds[i] = kind_of_header(lines, i)
            if kinds[i] == "paper" and row is not None and _agenda_row_after(lines, row, i):
                kinds[i] = "mention"  # the agenda's last row, followed by the first header box
            row = i if kinds[i] == "mention" else None

    paper_header_lines = {k for i, kind in kinds.items() if kind == "paper" for k in range(i, header_extent(lines, i))}

    # Minutes ranges: from `Møteprotokoll` to the next case-paper anchor.
    minutes_ranges: list[tuple[int, int]] = []
    i = 0
    while i < n:
        if MINUTES_START.match(lines[i].text) and i not in paper_header_lines and len(lines[i].text.split()) <= 12:
            j = i + 1
            while j < n and not (form_starts_at(lines, j) and not _decided_after(lines, j)) and kinds.get(j) != "paper":
                j += 1  # (a proposal the minutes print before the decision adopted is no case paper's form)
            # minutes with case blocks; or minutes that run to the end of the document, whose cases may
            # stand in a table (`Sak | Tittel | Vedtak`) rather than under `Sak ...` headings
            if any(kinds.get(k) == "block" for k in range(i, j)) or (j == n and not kinds):
                minutes_ranges.append((i, j))
            i = j
        else:
            i += 1
    if not minutes_ranges and "paper" not in kinds.values() and list(kinds.values()).count("block") >= 2:
        # minutes under a title no rule knows as one (`Møtebok`, which other boards give their meeting books): its
        # case blocks (`Sak 1/25 ...` / `Vedtak:`) and no case paper make the whole document minutes
        minutes_ranges.append((0, n))
    in_minutes = [False] * n
    for a, b in minutes_ranges:
        for k in range(a, b):
            in_minutes[k] = True

    # Header boxes of case papers and form starts outside the minutes.
    headers: list[tuple[int, int]] = []
    above: dict[int, int] = {}  # header -> the first of the box's labels printed above its case number
    for i, kind in sorted(kinds.items()):
        if kind == "paper" and not in_minutes[i]:
            headers.append((i, header_extent(lines, i)))
            above[i] = _labels_above(lines, i, headers[-2][1] if len(headers) > 1 else 0)
    header_lines: set[int] = {k for a, b in headers for k in range(above[a], b)}
    forms = [i for i in range(n) if not in_minutes[i] and i not in header_lines and form_starts_at(lines, i)]
    # `Administrasjonens` / `forslag til vedtak`: the second line of a wrapped label opens no second form
    forms = [f for k, f in enumerate(forms) if not (k and f - forms[k - 1] <= 2 and lines[f - 1].label)]

    header_first = bool(headers) and (not forms or headers[0][0] < forms[0])
    pairs: list[tuple[int, tuple[int, int] | None]] = []  # (start index, header)
    used: set[int] = set()
    for k, f in enumerate(forms):
        prev_f = forms[k - 1] if k else -1
        next_f = forms[k + 1] if k + 1 < len(forms) else n
        if header_first:
            cands = [h for h in headers if prev_f < h[0] < f and h[0] not in used]
            h = cands[-1] if cands else None
        else:
            # the header box printed after its form: before the next form, however long the form runs
            cands = [h for h in headers if f < h[0] < next_f and h[0] not in used]
            h = cands[0] if cands else None
        if h is not None:
            used.add(h[0])
        start = above[h[0]] if (h is not None and header_first) else f
        pairs.append((start, h))
    for h in headers:  # a header box with no form: a case paper of its own
        if h[0] not in used:
            pairs.append((above[h[0]], h))
    pairs.sort(key=lambda p: p[0])

    papers: list[CasePaperSegment] = []
    for k, (start, h) in enumerate(pairs):
        end = pairs[k + 1][0] if k + 1 < len(pairs) else n
        body = tuple(lines[x] for x in range(start, end) if not in_minutes[x] and x not in header_lines)
        # the case number first, then the labels printed above it (`Til:` / `Frå:` / `Dato:` / `Saksnr.: PS-NATUR 13/22`)
        header = tuple(lines[x] for x in (h[0], *range(above[h[0]], h[0]), *range(h[0] + 1, h[1]))) if h else None
        papers.append(CasePaperSegment(header, body, case_header_id(lines[h[0]]) if h else None))

    first = pairs[0][0] if pairs else n
    if minutes_ranges and not pairs:
        first = minutes_ranges[0][0]
    cover = tuple(lines[x] for x in range(0, first) if not in_minutes[x])
    minutes = tuple(MinutesSegment(tuple(lines[a:b])) for a, b in minutes_ranges)
    return Segmentation(cover, tuple(papers), minutes, header_first)
