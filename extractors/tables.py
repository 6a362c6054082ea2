"""Records from tables, read by what their columns mean (`vedtak.blocks.Table`), never by position.

- applications: an id column under any header the lexicon knows (`Søknadsnr.`, `Prosjektnummer`,
  `Søknad`) and an outcome or recommendation column (`Vedtak`, `Innstilling`: `Innvilget`, `Avslag`,
  `Reserve`), with rank (`Rangering`) and title (`Prosjekttittel`) where the table has them;
- conflicts: a case column, a person column and a ground column (`Sak | Medlem | Grunnlag`:
  `12/25 | Kari Nordmann | Medsøker`); a role column may say `Settemedlem` or `Settestyreleder`;
- attendance: a name column and a role column (`Navn | Rolle`: `Kari Nordmann | Leder`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vedtak.blocks import Table, group_role, table_lines
from vedtak.document import Line
from vedtak.extractors.applications import ids_in
from vedtak.extractors.locate import provenance_for
from vedtak.extractors.people import attendee, names_in_list
from vedtak.lexicon import ROLE_WORDS, TABLE_REFERENCE, attendance_role, cell_outcome, column_meaning, normalise_label
from vedtak.nlp.ids import canonical_case_id, find_case_ids
from vedtak.nlp.outcomes import outcome_spans
from vedtak.nlp.vocab import AttendanceRole, ColumnMeaning as C, Outcome, Role
from vedtak.records import ApplicationMention, Conflict, Provenance

_RANK = re.compile(r"\b(\d{1,3})\b")
_ACTING = re.compile(r"settestyrele(?:d|i)[ea]r|fungerende\s+leder|fungerande\s+leiar|møteleder|møteleiar", re.IGNORECASE)
_SUBSTITUTE = re.compile(r"settemedlem|varamedlem", re.IGNORECASE)
_NOT_DISQUALIFIED = re.compile(r"^\s*(?:habil|ikke\s+inhabil|ikkje\s+inhabil|nei)\b", re.IGNORECASE)


def is_application_table(table: Table, caption: str | None = None) -> bool:
    """An id column and an outcome column, or an id column under a caption that gives the outcome of every row
    (`Tabell 1 Innvilga søknader` | `Søknad | Tittel | Institusjon`)."""
    return table.has(C.APPLICATION_ID, C.OUTCOME) or (table.has(C.APPLICATION_ID) and caption_outcome(caption) is not None)


def caption_outcome(caption: str | None) -> Outcome | None:
    """The outcome a table's caption gives all its rows: `Tabell 1 Søknader som foreslås innvilget`, nynorsk
    `Tabell 2 Avslåtte søknader`, `Søknader på reservelista`; None for a caption with no outcome or more than one."""
    if not caption:
        return None
    found = {o for o, _, _ in outcome_spans(caption)}
    return found.pop() if len(found) == 1 else None


def caption_of(table: Table, lines: Sequence[Line]) -> str | None:
    """The line right above a table's header row (on its page, within two lines), where a caption stands."""
    if not table.header_lines:
        return None
    head = min(table.header_lines, key=lambda l: (l.page, l.top))
    above = [l for l in lines if l.page == head.page and 0 <= head.top - l.bottom < 3 * max(head.height, 6.0)
             and l not in table.header_lines]
    if above:
        return max(above, key=lambda l: l.top).text
    # a table that opens a page: its caption may close the page before (`Tabell 2 Avslåtte søknader` / page break)
    k = next((i for i, l in enumerate(lines) if l is head), None)
    if k and lines[k - 1].page == head.page - 1 and not any(l.page == head.page and l.top < head.top for l in lines[:k]):
        return lines[k - 1].text
    return None


def caption_below(table: Table, lines: Sequence[Line]) -> str | None:
    """A caption printed under a table (`Tabell 1. Søknader og forslag, sortert etter karakter.` below its last row,
    as Word places it): the line right after the table's last line, on its page, when it opens with `Tabell`."""
    own = table_lines(table)
    if not own:
        return None
    last = max(own, key=lambda l: (l.page, l.top))
    k = next((i for i, l in enumerate(lines) if l is last), None)
    if k is None:
        return None
    ids = {id(l) for l in own}
    after = next((l for l in lines[k + 1:] if id(l) not in ids), None)
    if after is None or after.page != last.page or not 0 <= after.top - last.bottom < 3 * max(last.height, 6.0):
        return None
    return after.text if _CAPTION_NUMBER.match(after.text) else None


def referred_tables(text: str, candidates: Sequence[Table], lines: Sequence[Line]) -> list[Table]:
    """The application tables a decision points to (`... markert «Støttes» i tabell 1`, `som vist i tabellen`)
    among tables printed elsewhere in its case (after `Bakgrunn`, under `Vedlegg`): a numbered reference takes
    the table whose caption has that number (`Tabell 1 Søknader med karakter 4 eller betre`); `tabellen`, any."""
    refs = [m.group("n") or "" for m in TABLE_REFERENCE.finditer(text)]
    if not refs:
        return []
    out = []
    for table in candidates:
        caption = caption_of(table, lines)
        if not is_application_table(table, caption):
            continue
        number = _CAPTION_NUMBER.match(caption or "") or _CAPTION_NUMBER.match(caption_below(table, lines) or "")
        if "" in refs or (number is not None and number.group(1) in refs):
            out.append(table)
    return out


_CAPTION_NUMBER = re.compile(r"^\s*tabell\s+(\d{1,2})\b", re.IGNORECASE)


def is_conflict_table(table: Table) -> bool:
    """A person column and a case column (`Sak | Medlem | Grunnlag`, `Gjelder | Navn | Årsak` with `Sak 5/26` rows), or a
    column per case whose cells say who is disqualified (`Medlem | Sak 29/25 | Sak 30/25 | Forhold`, `Inhabil`)."""
    if not table.has(C.PERSON):
        return False
    return case_column(table) is not None or any(_MATRIX_INHABIL.match(row[k]) for k in case_header_columns(table)
                                                 for row in table.rows if k < len(row))


_MATRIX_INHABIL = re.compile(r"^\s*(?:inhabil|inh\.|ugild)\b\.?\s*(?P<scope>.*)$", re.IGNORECASE)
"""A cell of a case column that disqualifies its row's member: `Inhabil`, `Inhabil for søknad 366201`, `inh.`."""


def case_header_columns(table: Table) -> list[int]:
    """The columns whose header is a case number (`Sak 29/25`, `20/26`): a table with a column per case."""
    return [k for k, h in enumerate(table.headers) if CASE_CELL.match(h)]


CASE_CELL = re.compile(r"^\s*(?:[Ss]ak\s+)?(?:PS-[A-ZÆØÅ0-9-]+\s+)?\d{1,3}\s*/\s*(?:\d{4}|\d{2})\s*$")
"""A cell that holds one case number and nothing else: `Sak 5/26`, `38/26`, `PS-ELDRE 5/26`."""


def case_column(table: Table) -> int | None:
    """The column that names the cases: `Sak` / `Inhabil i` by its header, else the one whose every filled cell is a
    case number (`Gjelder`: `Sak 5/26`); None where there is none."""
    known = table.column(C.CASE)
    if known is not None:
        return known
    for k in range(len(table.headers)):
        cells = [row[k].strip() for row in table.rows if k < len(row) and row[k].strip()]
        if cells and all(CASE_CELL.match(c) for c in cells):
            return k
    return None


def is_attendance_table(table: Table) -> bool:
    """A person column and a role column, or group rows that give the role (`Medlemmer` / `Observatører` over the
    names under `Navn | Institusjon / stilling | Merknad`), and no case column."""
    if table.has(C.CASE) or not table.has(C.PERSON):
        return False
    return table.has(C.ROLE) or any(_group_of(table, r) is not None for r in range(len(table.rows)))


def _group_of(table: Table, r: int) -> AttendanceRole | None:
    """The role a group row gives (`Medlemmer`, `Forskningsrådet`): a row whose only filled cell is its first."""
    row = table.rows[r]
    if not row or not row[0].strip() or any(c.strip() for c in row[1:]):
        return None
    return group_role(row[0])


def is_case_table(table: Table) -> bool:
    """Minutes written as one table of cases: a case column, a title column and a decision column
    (`Sak | Tittel | Vedtak`), no application or person column."""
    return table.has(C.CASE, C.TITLE, C.OUTCOME) and not table.has(C.APPLICATION_ID) and not table.has(C.PERSON)


def cases_from_table(table: Table) -> list[tuple[str, str, str, tuple[Line, ...], tuple[Line, ...]]]:
    """(case number as printed, title, decision, the row's lines, the decision cell's lines) per row of a
    case table (`14/19 | Godkjenning av saksliste | Sakslisten ble godkjent.`)."""
    heads = sorted(table.header_lines, key=lambda l: l.x0)
    left = next((h.x0 for h in heads if column_meaning(h.text) == C.OUTCOME), None)
    right = next((h.x0 for h in heads if left is not None and h.x0 > left + 2), float("inf"))
    case, title, outcome = table.column(C.CASE), table.column(C.TITLE), table.column(C.OUTCOME)
    out = []
    for k, row in enumerate(table.rows):
        number, name, decision = row[case].strip(), row[title].strip(), row[outcome].strip()  # type: ignore[index]
        if not number or not decision:
            continue
        lines = table.row_lines[k]
        cell = tuple(l for l in lines if left is not None and left - 2 <= l.x0 < right - 2)
        out.append((number, name, decision, lines, cell or lines))
    return out


def reserve_rank(cell: str | None, outcome_cell: str) -> int | None:
    """`2` in a rank column, or the number in `Reserve 2` / `Reserve nr. 1` / `Reserveliste (1)`."""
    for text in (cell, outcome_cell):
        if text:
            m = _RANK.search(text)
            if m and not ids_in(text):
                return int(m.group(1))
    return None


def applications_from_table(table: Table, lines: Sequence[Line], *, case_id: str | None, stage: str,
                            caption: str | None = None) -> tuple[list[ApplicationMention], list[str]]:
    """(mentions, ids the table lists without an outcome any rule reads) of an application table; a row with
    no outcome cell takes the one its caption gives (`caption_outcome`)."""
    mentions: list[ApplicationMention] = []
    unread: list[str] = []
    default = caption_outcome(caption)
    for r in range(len(table.rows)):
        found = ids_in(table.cell(r, C.APPLICATION_ID) or "")
        if not found:
            continue
        app = found[0][0]
        outcome_cell = table.cell(r, C.OUTCOME) or ""
        outcome = cell_outcome(outcome_cell) if outcome_cell else default
        if outcome is None:
            unread.append(app)
            continue
        # a reserve's place on the list: `Reserveliste (1)` in the outcome cell, else the rank column
        rank = (reserve_rank(None, outcome_cell) or reserve_rank(table.cell(r, C.RANK), "")) if outcome == "reserve" else None
        title = (table.cell(r, C.TITLE) or "").strip() or None
        mentions.append(ApplicationMention(app, case_id, str(outcome), stage, rank, title,
                                           provenance_for(table.row_lines[r] or lines, app, "applications.table")))
    return mentions, unread


def conflicts_from_table(table: Table, *, recorded_in: str | None, meeting: str | None, stage: str,
                         default_board: str | None) -> list[Conflict]:
    """One conflict per row and case: `12/25 | Kari Nordmann | Medsøker` -> Kari Nordmann, inhabile in
    `PS-X 12/25`, ground `Medsøker`. A row naming several cases (`12/25 og 14/25`) gives one per case; a row
    whose conclusion clears the member (`Geir Åsmund Holte | 42/22 | Var veileder ... | Habil`) gives none."""
    out: list[Conflict] = []
    column = case_column(table)
    if column is None:
        return _matrix_conflicts(table, recorded_in=recorded_in, meeting=meeting, stage=stage, default_board=default_board)
    for r in range(len(table.rows)):
        case_cell = table.rows[r][column] if column is not None else ""
        ids = [cid for cid, _, _ in find_case_ids(f"sak {case_cell}" if not case_cell.lower().startswith("sak") else case_cell,
                                                   default_board)]
        if not ids:
            single = canonical_case_id(case_cell, default_board)
            ids = [single] if single else []
        people = names_in_list(table.cell(r, C.PERSON) or "") or [p for p in [attendee(table.cell(r, C.PERSON) or "")] if p]
        if _NOT_DISQUALIFIED.match(table.cell(r, C.OUTCOME) or ""):
            continue  # an assessment table's `Konklusjon` that clears the member (`Habil`, `Ikke inhabil`)
        role_cell = table.cell(r, C.ROLE) or ""
        role = Role.ACTING_CHAIR if _ACTING.search(role_cell) else Role.SUBSTITUTE if _SUBSTITUTE.search(role_cell) else Role.INHABILE
        ground = (table.cell(r, C.GROUND) or "").strip() or None
        scope = (table.cell(r, C.SCOPE) or "").strip() or None
        affiliation = (table.cell(r, C.AFFILIATION) or "").strip() or None
        for person in people:
            for cid in ids:
                out.append(Conflict(cid, person, str(role), scope, affiliation, recorded_in, meeting, stage,
                                    provenance_for(table.row_lines[r], person, f"conflicts.table.{role}"), ground=ground))
    return out


def _matrix_conflicts(table: Table, *, recorded_in: str | None, meeting: str | None, stage: str,
                      default_board: str | None) -> list[Conflict]:
    """A member by case matrix (`Ole Kristian Brun | Inhabil | Inhabil | Medsøker i søknad 366118`): one conflict per
    cell that disqualifies, the case from its column's header, the scope from the cell (`Inhabil for søknad 366201`)."""
    out: list[Conflict] = []
    cases = {k: canonical_case_id(re.sub(r"(?i)^\s*sak\s+", "", table.headers[k]), default_board) for k in case_header_columns(table)}
    for r, row in enumerate(table.rows):
        people = names_in_list(table.cell(r, C.PERSON) or "") or [p for p in [attendee(table.cell(r, C.PERSON) or "")] if p]
        ground = (table.cell(r, C.GROUND) or "").strip() or None
        for k, cid in cases.items():
            m = _MATRIX_INHABIL.match(row[k]) if k < len(row) and cid else None
            if m is None:
                continue
            scope = m.group("scope").strip(" ,.") or None
            for person in people:
                out.append(Conflict(cid, person, str(Role.INHABILE), scope, None, recorded_in, meeting, stage,
                                    provenance_for(table.row_lines[r], person, "conflicts.table.inhabile"), ground=ground))
    return out


ABSENT_NOTES = frozenset(ROLE_WORDS[AttendanceRole.ABSENT])
"""A note column's cell that is nothing but an absence word (`Forfall`, `Meldt forfall`, nynorsk `Fråverande`)."""


def attendance_from_table(table: Table) -> list[tuple[str, AttendanceRole, str]]:
    """(name, role, the row's role cell) for each row of an attendance table whose role a rule reads."""
    out: list[tuple[str, AttendanceRole, str]] = []
    case_columns = [k for k, h in enumerate(table.headers) if CASE_CELL.match(h)]  # a column per case: `20/26 | 21/26`
    later_roles = [k for k, m in enumerate(table.meanings) if m == C.ROLE][1:]  # `Rolle | Deltakelse`: a second role column
    group: AttendanceRole | None = None
    for r in range(len(table.rows)):
        grouped = _group_of(table, r)
        if grouped is not None:
            group = grouped  # `Medlemmer` / `Observatører` / `Forskningsrådet`: the rows below
            continue
        name = attendee(table.cell(r, C.PERSON) or "")
        role_cell = table.cell(r, C.ROLE) or ""
        role = attendance_role(role_cell) if role_cell else group
        note = (table.cell(r, C.GROUND) or "").strip()
        if group is not None and note:
            noted = attendance_role(note)  # `Leder`, `Forfall`, `Vara for Arild Sæterdal` under `Merknad`
            if noted in (AttendanceRole.CHAIR, AttendanceRole.ABSENT, AttendanceRole.SUBSTITUTE) or (
                    noted is None and re.match(r"(?i)vara\s+for\b", note)):
                role, role_cell = noted or AttendanceRole.SUBSTITUTE, note
        presence = (table.cell(r, C.PRESENCE) or "").strip()
        if presence and (attendance_role(presence) == AttendanceRole.ABSENT or normalise_label(presence) in ("nei", "no")):
            role, role_cell = AttendanceRole.ABSENT, presence  # `Ragnhild Opsahl | Medlem | Forfall`
        note = (table.cell(r, C.GROUND) or "").strip()
        if note and normalise_label(note) in ABSENT_NOTES:
            role, role_cell = AttendanceRole.ABSENT, note  # `Nina Ødegård | Medlem | Forfall` under `Merknad`
        more = [table.rows[r][k].strip() for k in later_roles if k < len(table.rows[r])]
        absent = next((c for c in more if attendance_role(c) == AttendanceRole.ABSENT), None)
        if absent:
            role, role_cell = AttendanceRole.ABSENT, absent  # `Fredrik Nesje | Medlem | Forfall` under `Rolle | Deltakelse`
        per_case = [table.rows[r][k].strip() for k in case_columns if k < len(table.rows[r]) and table.rows[r][k].strip()]
        if per_case and all(attendance_role(c) == AttendanceRole.ABSENT for c in per_case):
            role, role_cell = AttendanceRole.ABSENT, per_case[0]  # `Vilde Engen Strand | medlem | forfall | forfall | ...`
        if name and role is not None:
            out.append((name, role, role_cell))
    return out


def table_provenance(table: Table, extractor: str) -> Provenance:
    """Provenance of a table: its header row."""
    return Provenance.of(list(table.header_lines), extractor)


__all__ = [
    "applications_from_table", "attendance_from_table", "conflicts_from_table", "is_application_table",
    "is_attendance_table", "is_conflict_table", "table_provenance",
]
