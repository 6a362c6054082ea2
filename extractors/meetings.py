"""Meetings: the one a meeting book announces (cover) and the ones minutes record (attendance)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from vedtak.extractors.fields import Field, all_fields, first_field, parse_fields
from vedtak.extractors.people import attendees, names_in
from vedtak.blocks import Table, table_lines
from vedtak.document import Line
from vedtak.extractors.tables import attendance_from_table, is_attendance_table
from vedtak.nlp.vocab import AttendanceRole
from vedtak.lexicon import ATTENDANCE_LABELS, match_label, sentence_role
from vedtak.nlp.dates import find_dates, parse_time_range
from vedtak.nlp.ids import board_code_for, board_name_pattern, canonical_board_code, find_case_ids, meeting_mentions
from vedtak.records import Meeting, Provenance, Substitute

ATTENDANCE_VOCABULARY = ATTENDANCE_LABELS

CHAIR_MARK = re.compile(
    r"\((?:leder|leiar|styreleder|styreleiar|møteleder|møteleiar)\)|(?:,|\s[-–])\s*(?:leder|leiar|styreleder|styreleiar)\b"
    r"|^\s*(?:styreleder|styreleiar|leder|leiar|møteleder|møteleiar)\s+(?=\w)",
    re.IGNORECASE,
)
"""`Ole A. Andreassen (leder)`, `Kari Nordmann, leder`, `Per Olsen – styreleder`, nynorsk `(leiar)`, the role before the
name in a sentence of names (`Til stede: styreleder Marte Kvåle, nestleder Øystein Brenden og ...`)."""
SUBSTITUTE_MARK = re.compile(r"settemedlem|setjemedlem|vara(?:medlem|representant)", re.IGNORECASE)
STOOD_IN_FOR = re.compile(r"\b(?:møtte|møter|møtt)\s+for\b|\bvara\s+for\b|\bi\s+(?:stedet|staden)\s+for\b", re.IGNORECASE)
"""What names the member a substitute stood in for: `Ellen Kristine Labba møtte for Berit Ranveig Nystad heile møtet`,
`Per Olsen (vara for Kari Lie)`: the names after it did not meet."""


PRINTED_CODE = re.compile(r"(?<![\w-])(PS-[A-ZÆØÅ]{2,}(?:-[A-ZÆØÅ]{2,})*)(?![\w-])")
"""A board code printed on its own: `PS-ENERGI` in a running header `PS-ENERGI · Møte 3/25`."""


def board_code_of(texts: Sequence[str], header_texts: Sequence[str], board: str | None) -> str | None:
    """The document's board code, as the document itself prints it where it can.

    1. the code most case ids carry (`Sak PS-DEMOS 14/25`, `PS-ENERGI sak 34/2024`, `PSHELSE 33/24`);
    2. a code printed on its own in running headers, cover or title (`PS-LIVSVIT – møte 2/26`);
    3. only then the code derived from the board's name (`Porteføljestyret for helse` -> `PS-HELSE`).
    A printed code wins over any list of known boards (`PS-DEMOS`, never `PS-DEMOKRATI`)."""
    counts: dict[str, int] = {}
    for text in texts:
        for cid, _, _ in find_case_ids(text, None):
            code = cid.rsplit(" ", 1)[0]
            counts[code] = counts.get(code, 0) + 1
    if counts:
        return max(counts.items(), key=lambda kv: kv[1])[0]
    for text in header_texts:
        m = PRINTED_CODE.search(text)
        if m:
            return canonical_board_code(m.group(1))
    return board_code_for(board) if board else None


HEADING_BOARD = re.compile(
    r"^\s*(?P<name>[Pp]orteføljestyret\s+for\s+[^\d()–]+?)\s*(?:\(|\s[–-]\s|,?\s+møte\b|,?\s+Møte\b|,\s*\d|$)"
)
"""A line that opens with the board's name, as a title does: `Porteføljestyret for demokrati og styring`,
`Porteføljestyret for demokrati, styring og fornyelse (PS-DEMOS) – møte 3/24`, `..., møte 3/25`."""
NAME_VERBS = re.compile(r"\b(?:godkjenner|vedtar|vedtok|tar|tek|ber|bad|ba|har|hadde|innvilger|avslår|slutter|er|var|vil|skal)\b")


def find_board(lines: Sequence[str]) -> str | None:
    """The first board name (`Porteføljestyret for helse`) in the lines; where a line opens with it as a
    title does, the whole name up to the code, a dash or `møte` (`Porteføljestyret for demokrati og styring`,
    a board vedtak does not know), else a known board or the single word after `for`."""
    pattern = board_name_pattern()
    for text in lines:
        m = pattern.search(text)
        if m:
            heading = HEADING_BOARD.match(text)
            if heading and heading.start("name") == m.start() and not NAME_VERBS.search(heading["name"]) \
                    and len(heading["name"].split()) <= 9:
                return re.sub(r"\s+", " ", heading["name"]).strip(" ,.")
            return re.sub(r"\s+", " ", m.group(0)).strip(" ,.")
    return None


def _field_text(field: Field | None) -> list[str]:
    return [t.strip() for t in field.text_lines if t.strip()] if field else []


def _date_of(lines: Sequence[str]) -> str | None:
    for text in lines:
        found = find_dates(text)
        if found:
            return found[0][0].isoformat()
    return None


_WEEKDAYS = r"(?:mandag|måndag|tirsdag|tysdag|onsdag|torsdag|fredag|lørdag|laurdag|søndag|sundag)"
"""The days of the week, bokmål and nynorsk."""
_MEETING_DAY = re.compile(rf"\b{_WEEKDAYS}\b|\bkl\.?\s*\d"
                          r"|\bmøte\s+(?:nr\.?\s*)?\d{1,2}\s*/\s*\d{2,4}\b", re.IGNORECASE)
"""A date that is the meeting's: beside a weekday or a time (`tysdag 8. februar 2022 kl. 10.00–15.00`) or the meeting's
number (`Møte 1/22 – 8. februar 2022`)."""
_LETTER_DATE = re.compile(r"^\s*[A-ZÆØÅ][\wæøåÆØÅ .-]{1,30},\s*(?:den\s+)?\d{1,2}\.")
"""A letter's own date line (`Lysaker, 25. januar 2022`): when the invitation was written, not the meeting."""


_WEEKDAY = re.compile(rf"\b{_WEEKDAYS}\s+(?:den\s+)?$", re.IGNORECASE)


def weekday_date(lines: Sequence[str]) -> str | None:
    """The first date written after its weekday (`med svarfrist torsdag 23. april 2020`, not `sendt ut 14. april
    2020` before it): a meeting's date is named with its day, a letter's or a deadline's seldom."""
    for text in lines:
        for date, start, _ in find_dates(text):
            if _WEEKDAY.search(text[max(0, start - 14): start]):
                return date.isoformat()
    return None


def book_date(cover: Sequence[str], furniture: Sequence[str]) -> str | None:
    """The date of the meeting a book is for: a date beside a weekday, a time or the meeting's number (on the
    cover, then in the running header), else the cover's first date that is no letter's date line, else its
    first date."""
    return (weekday_date(cover) or _date_of([t for t in cover if _MEETING_DAY.search(t)]) or _date_of([t for t in furniture if _MEETING_DAY.search(t)])
            or _date_of([t for t in cover if not _LETTER_DATE.match(t)]) or _date_of(cover))


def _time_of(lines: Sequence[str]) -> str | None:
    for text in lines:
        t = parse_time_range(text)
        if t:
            return t
    return None


def _place_of(lines: Sequence[str]) -> str | None:
    parts = [p.strip().rstrip(".").strip() for p in lines if p.strip() and not parse_time_range(p) and not find_dates(p)]
    return ", ".join(parts) or None


APPROVED_MINUTES_OF = re.compile(r"(?:protokoll(?:en)?|referat(?:et)?)\s+(?:fra|frå)\s+(?:forrige\s+|førre\s+)?$", re.IGNORECASE)
"""`møteprotokoll fra møte 2/25`: a number that names an earlier meeting, whose minutes are approved."""


def meeting_number_in(texts: Sequence[str], year: str | None = None, own_only: bool = False) -> str | None:
    """A meeting number `N/YY` written as `møte 1/25` or `møte 1/2025` (of the given two-digit year);
    with `own_only`, not one that names the meeting whose minutes are approved (`protokoll fra møte 2/25`)."""
    for text in texts:
        for number, start in meeting_mentions(text):
            if own_only and APPROVED_MINUTES_OF.search(text[max(0, start - 40): start]):
                continue
            if year is None or number.endswith(f"/{year}"):
                return number
    return None


def book_meeting(cover: Sequence[Line], furniture: Sequence[str], body_texts: Sequence[str], board: str | None, board_code: str | None) -> Meeting:
    """The meeting a meeting book is for: board, number, date, time and place from its cover."""
    _, fields = parse_fields(cover, ATTENDANCE_VOCABULARY)
    cover_text = [l.text for l in cover]
    date = _date_of(_field_text(first_field(fields, "date"))) or book_date(cover_text, furniture)
    time = _time_of(cover_text)
    place = _place_of(_field_text(first_field(fields, "place")))
    year = date[2:4] if date else None
    # never the meeting whose minutes an agenda line approves (`Godkjent protokoll fra møte 2/20` on the cover)
    number = (meeting_number_in(cover_text + list(furniture), year, own_only=True)
              or meeting_number_in(cover_text + list(furniture), own_only=True))
    if number is None:  # the body names this meeting only in passing; never take the one whose minutes it approves
        number = meeting_number_in(body_texts, year, own_only=True)
    return Meeting(
        board=board, board_code=board_code, number=number, date=date, time=time, place=place,
        present=(), chair=None, absent=(), observers=(), staff=(), substitutes=(), source_kind="meeting_book",
        provenance=Provenance.of(list(cover[:8]), "meetings.cover"),
    )


HABILITET_HEADING = re.compile(r"^\s*(?:spørsmål\s+om\s+|vurdering\s+av\s+)?(?:habilitet|inhabilitet|habilitetsvurdering(?:ar|er)?)\s*:?\s*$",
                               re.IGNORECASE)
"""A heading over the minutes' habilitet section before the first case: `Habilitet`, `Habilitetsvurdering`."""


def habilitet_section(head: Sequence[Line]) -> int | None:
    """Index of the heading of a habilitet section in the minutes' head (after the attendance), None without one."""
    return next((k for k, l in enumerate(head) if HABILITET_HEADING.match(l.text)), None)


def minutes_meeting(head: Sequence[Line], board: str | None, board_code: str | None, tables: Sequence[Table] = ()) -> Meeting:
    """The meeting that minutes record, with attendance from its labelled lists and from attendance
    tables (`Navn | Rolle`: `Kari Nordmann | Leder`, `Per Olsen | Varamedlem`, `Ola Nilsen | Forfall`)."""
    at = habilitet_section(head)
    head = head[:at] if at is not None else head  # (the habilitet section is no part of the attendance)
    texts = [l.text for l in head]
    own_board = find_board(texts[:6]) or board
    # an attendance table is read by its columns below; its cells (`Observatør`) are no labels here
    in_tables = {id(l) for table in tables if is_attendance_table(table) for l in table_lines(table)}
    preamble, fields = parse_fields([l for l in head if id(l) not in in_tables], ATTENDANCE_VOCABULARY)
    # `..., møte` / `1/25`: the number may wrap onto the next line of the heading
    pairs = [f"{a} {b}" for a, b in zip(texts[:6], texts[1:7])]
    number = meeting_number_in([l.text for l in preamble] + texts[:6]) or meeting_number_in(pairs) or meeting_number_in(texts)
    date = (_date_of(_field_text(first_field(fields, "date"))) or weekday_date([l.text for l in preamble])
            or _date_of([l.text for l in preamble]) or _date_of(texts))
    time = _time_of(texts)
    place = _place_of(_field_text(first_field(fields, "place")))

    present: list[str] = []
    chair = None
    substitutes: list[Substitute] = []
    stated: dict[AttendanceRole, list[str]] = {}  # names whose sentence states another role than their field's
    for f in all_fields(fields, "present"):
        said = " ".join(_field_text(f))
        # the members substitutes met for (`Siri Holm, varamedlem (møtte for Jonas Vik)`) did not meet
        stood_for = {n for m in STOOD_IN_FOR.finditer(said) for n in names_in(said[m.end(): m.end() + 60])[:1]}
        for name, line in attendees(_field_text(f)):
            if name in stood_for:
                continue
            role = sentence_role(line)
            if role in (AttendanceRole.ABSENT, AttendanceRole.OBSERVER, AttendanceRole.STAFF):
                stated.setdefault(role, []).append(name)  # `Ragnhild Dahl hadde meldt forfall.` among who met
                continue
            if name not in present:
                present.append(name)
            if chair is None and CHAIR_MARK.search(line):
                chair = name
            if SUBSTITUTE_MARK.search(line):
                ids = tuple(cid for cid, _, _ in find_case_ids(line, board_code))
                substitutes.append(Substitute(name, ids))

    def names(key: str) -> tuple[str, ...]:
        out: list[str] = []
        for f in all_fields(fields, key):
            for name, line in attendees(_field_text(f)):
                if sentence_role(line) == AttendanceRole.SUBSTITUTE:
                    continue  # `Ikkje møtt: Solfrid Hauge (forfall) – Bård Kvalheim møtte for henne.`: he met
                if name not in out:
                    out.append(name)
        return tuple(out)

    absent, observers, staff = list(names("absent")), list(names("observers")), list(names("staff"))
    for role, target in ((AttendanceRole.ABSENT, absent), (AttendanceRole.OBSERVER, observers), (AttendanceRole.STAFF, staff)):
        target.extend(n for n in stated.get(role, ()) if n not in target)
    for table in tables:
        if not is_attendance_table(table):
            continue
        for name, role, role_cell in attendance_from_table(table):
            target = {AttendanceRole.ABSENT: absent, AttendanceRole.OBSERVER: observers, AttendanceRole.STAFF: staff}.get(role, present)
            if name not in target:
                target.append(name)
            if role == AttendanceRole.CHAIR and chair is None:
                chair = name
            if role == AttendanceRole.SUBSTITUTE:
                substitutes.append(Substitute(name, tuple(cid for cid, _, _ in find_case_ids(role_cell, board_code))))

    return Meeting(
        board=own_board, board_code=board_code, number=number, date=date, time=time, place=place,
        present=tuple(present), chair=chair, absent=tuple(absent), observers=tuple(observers),
        staff=tuple(n for n in staff if n not in present), substitutes=tuple(substitutes),
        source_kind="minutes", provenance=Provenance.of(list(head), "meetings.minutes"),
    )
