"""Self-checks: where vedtak could not read something, a finding says where, never a silent zero.

Each check is a small pure function over what the other stages produced; each finding carries
the provenance (page, box) of the place an auditor should look, under the stage name `findings`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vedtak.blocks import Table
from vedtak.document import Line
from vedtak.extractors.applications import ids_in
from vedtak.extractors.segment import CASE_HEADER, FORM_START, MINUTES_START
from vedtak.lexicon import DECISION_LABEL
from vedtak.nlp.vocab import FindingCode
from vedtak.records import Case, Conflict, ConflictDeclaration, Finding, Meeting, Provenance

HABILITET = re.compile(r"\bhabilitet|\binhabil|\bugild", re.IGNORECASE)
"""`Spørsmål om habilitet`, `Habilitet`, `Inhabilitet`, `Vurdering av habilitet`: a habilitet case."""

_BARE_CASE_LINE = re.compile(r"^\s*(?:Sak|SAK)\s+(?:[A-ZÆØÅ-]{2,}\s+)?\d{1,3}\s*[/-]\s*\d{2,4}\b")


def looks_like_board_papers(lines: Sequence[Line]) -> Line | None:
    """The first line that marks a document as board papers (`Forslag til vedtak`, `Møteprotokoll`,
    `Vedtak:`, or the second `Sak 17/25` heading), None when nothing does."""
    case_lines = 0
    for line in lines:
        t = line.text
        if FORM_START.match(t) or MINUTES_START.match(t) or DECISION_LABEL.match(t):
            return line
        if _BARE_CASE_LINE.match(t) or CASE_HEADER.match(t):
            case_lines += 1
            if case_lines >= 2:
                return line
    return None


def no_cases(marker: Line) -> Finding:
    """The document looks like board papers but no case with a number came out of it."""
    return Finding(FindingCode.NO_CASES, f"looks like board papers (`{marker.text.strip()[:60]}`) but no case with a case "
                   "number could be read", None, None, Provenance.of([marker], "findings.no_cases"))


def minutes_case_without_decision(case_id: str, header: Line) -> Finding:
    """A minutes case block (`Sak PS-HELSE 54/24 ...`) in which no decision was found."""
    return Finding(FindingCode.MINUTES_CASE_WITHOUT_DECISION, f"{case_id}: the minutes hold a section for the case but no "
                   "decision was found in it", case_id, None, Provenance.of([header], "findings.minutes_case_without_decision"))


def habilitet_unresolved(case: Case, text: str | None, conflicts: Sequence[Conflict],
                         declarations: Sequence[ConflictDeclaration]) -> Finding | None:
    """A habilitet case (`Spørsmål om habilitet`) whose decision text gave neither a conflict nor a
    no-conflict statement (`Ingen medlemmer er inhabile`)."""
    if not case.case_id or not text or not HABILITET.search(case.title or ""):
        return None
    if any(c.recorded_in == case.case_id for c in conflicts) or any(d.recorded_in == case.case_id for d in declarations):
        return None
    prov = case.decision_provenance or case.proposed_provenance or case.provenance
    return Finding(FindingCode.HABILITET_UNRESOLVED, f"{case.case_id} is about habilitet, but neither a conflict nor a "
                   "statement that no member is disqualified could be read from it", case.case_id, None,
                   Provenance(prov.page, prov.bbox, "findings.habilitet_unresolved"))


def unassigned_ids(case_id: str | None, stage: str, ids: Sequence[str], lines: Sequence[Line]) -> Finding | None:
    """Six-digit ids in a decision that no rule gave an outcome (nor a budget cut)."""
    if not ids:
        return None
    first = next((l for l in lines if ids[0] in l.text), lines[0] if lines else None)
    prov = Provenance.of([first] if first else [], "findings.unassigned_application_ids")
    shown = ", ".join(ids[:8]) + (" …" if len(ids) > 8 else "")
    return Finding(FindingCode.UNASSIGNED_APPLICATION_IDS, f"{case_id or 'a case'} ({stage}): {len(ids)} application id(s) "
                   f"with no outcome any rule could read: {shown}", case_id, ids[0], prov)


def unknown_table(table: Table, case_id: str | None) -> Finding | None:
    """A table holding application or case numbers whose header no rule understood well enough to read it."""
    if not any(ids_in(cell) or _BARE_CASE_NUMBER.search(cell) for row in table.rows for cell in row):
        return None
    headers = " | ".join(table.headers)
    return Finding(FindingCode.UNKNOWN_TABLE, f"{case_id or 'a section'}: a table headed `{headers[:80]}` holds ids, but no "
                   "rule understood its columns", case_id, None, Provenance.of(list(table.header_lines), "findings.unknown_table"))


_BARE_CASE_NUMBER = re.compile(r"(?<![\d/])\d{1,3}/\d{2}(?![\d/])")

__all__ = [
    "HABILITET", "habilitet_unresolved", "looks_like_board_papers", "minutes_case_without_decision", "no_cases",
    "unassigned_ids", "unknown_table",
]


def meeting_unread(meeting: Meeting) -> list[Finding]:
    """What could not be read of a meeting: its number (`Møte 3/25`, `møte 6/2024`), and for minutes the
    members present (`Til stede`): a meeting without them is a miss to show, never an empty answer."""
    where = f"{meeting.board_code or meeting.board or 'unknown board'}, {meeting.date or 'no date'}"
    what = "minutes" if meeting.source_kind == "minutes" else "meeting book"
    prov = meeting.provenance
    out = []
    if meeting.number is None:
        out.append(Finding(FindingCode.MEETING_WITHOUT_NUMBER, f"{what} ({where}): no meeting number (`Møte 3/25`) could be read",
                           None, None, Provenance(prov.page, prov.bbox, "findings.meeting_without_number")))
    if meeting.source_kind == "minutes" and not meeting.present:
        out.append(Finding(FindingCode.MINUTES_WITHOUT_ATTENDANCE, f"minutes of meeting {meeting.number or '?'} ({where}): no "
                           "member present (`Til stede`) could be read", None, None,
                           Provenance(prov.page, prov.bbox, "findings.minutes_without_attendance")))
    return out


def case_paper_without_proposal(case: Case) -> Finding | None:
    """A case paper (found by its `Forslag til vedtak` form) whose proposal gave no text."""
    if case.proposed_decision:
        return None
    return Finding(FindingCode.CASE_PAPER_WITHOUT_PROPOSAL, f"{case.case_id or 'a case paper without case number'}: no text "
                   "of `Forslag til vedtak` could be read", case.case_id, None,
                   Provenance(case.provenance.page, case.provenance.bbox, "findings.case_paper_without_proposal"))


def case_without_title(case: Case) -> Finding | None:
    """A case read with its number but no title (`Sak PS-GEOFAG 07/19` whose title stood in a cell no rule read)."""
    if case.title or case.case_id is None:
        return None
    return Finding(FindingCode.CASE_WITHOUT_TITLE, f"{case.case_id}: no title could be read", case.case_id, None,
                   Provenance(case.provenance.page, case.provenance.bbox, "findings.case_without_title"))


def application_table_unread(table: Table, case_id: str | None, lines: Sequence[Line]) -> Finding:
    """A table of applications in a case (`Søknadsnr. | ... | Tilråding`) that no decision of the case was read with
    (printed after `Bakgrunn`, and the proposal names no table): its outcomes are missing from the record."""
    head = table.header_lines[0] if table.header_lines else (table.row_lines[0][0] if table.row_lines and table.row_lines[0] else None)
    where = Provenance.of([head], "findings.application_table_unread") if head is not None else Provenance.of(list(lines[:1]), "findings.application_table_unread")
    return Finding(FindingCode.APPLICATION_TABLE_UNREAD, f"{case_id or 'a case'}: a table of {len(table.rows)} application(s) "
                   f"(`{' | '.join(table.headers)}`) that no decision of the case was read with", case_id, None, where)


CASE_OPENING = re.compile(
    r"^\s*(?:Sak\s+|SAK\s+)?(?:(?P<code>PS(?:-[A-ZÆØÅ][A-ZÆØÅ0-9]+)+|PS[A-ZÆØÅ]{3,})\s+(?:[Ss]ak\s+)?)?"
    r"(?P<num>\d{1,3}\s*/\s*(?:\d{4}|\d{2}))(?![\d/:])(?!\s*:)"
)
"""A line that opens with a case number: `17/19`, `Sak 45/25 Eventuelt`, `PS-KOMPETANSE 36/22 Tildeling`
(not `Sak 54/24:` opening a paragraph about another case)."""


def unread_case_numbers(lines: Sequence[Line], read: set[str], board_code: str | None, skip: set[int]) -> list[Finding]:
    """Case numbers where minutes begin their cases (a bold heading, the label column, a table row's first
    cell) whose case no rule read: one finding per case number, at its first such line. `skip`: ids of
    lines in tables whose case column names other cases (`Sak | Medlem | Grunnlag`)."""
    from vedtak.nlp.ids import canonical_case_id

    out: list[Finding] = []
    seen: set[str] = set()
    for line in lines:
        if id(line) in skip or not (line.bold or line.label or line.region_kind == "cell"):
            continue
        m = CASE_OPENING.match(line.text)
        if not m:
            continue
        cid = canonical_case_id(f"{m['code'] or ''} {m['num']}".strip(), board_code)
        if cid is None or cid in read or cid in seen:
            continue
        seen.add(cid)
        out.append(Finding(FindingCode.CASE_NUMBER_UNREAD, f"{cid}: the minutes open a case with this number (`{line.text.strip()[:60]}`) "
                           "but no case could be read there", cid, None,
                           Provenance(line.page, line.bbox, "findings.case_number_unread")))
    return out
