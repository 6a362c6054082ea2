"""From a PDF to the version 1 record: read once, segment, run the extractors, assemble.

`extract_document` is pure (document model in, record out); `extract_file` adds the reading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields as dc_fields, replace
from pathlib import Path
from typing import Any

from vedtak.extractors.applications import conflicting_outcomes, extract_applications
from vedtak.extractors.cases import (
    EXEMPTION_STATEMENT,
    MinutesBlock,
    case_type_in_body,
    exempt_of,
    heading_title,
    missing_header,
    parse_form,
    parse_header,
    minutes_proposal,
    parse_minutes_blocks,
    references_in,
)
from vedtak.extractors.conflicts import extract_conflicts
from vedtak.extractors.fields import Field, first_field
from vedtak.extractors.findings import (
    HABILITET, application_table_unread, case_paper_without_proposal, case_without_title, habilitet_unresolved, looks_like_board_papers, meeting_unread, minutes_case_without_decision,
    no_cases, unassigned_ids, unknown_table, unread_case_numbers,
)
from vedtak.extractors.meetings import board_code_of, book_meeting, find_board, habilitet_section, minutes_meeting
from vedtak.extractors.segment import segment
from vedtak.extractors.tables import (
    caption_of,
    cases_from_table,
    conflicts_from_table,
    is_application_table,
    is_attendance_table,
    is_case_table,
    is_conflict_table,
    referred_tables,
)
from vedtak.extractors.text import block_text
from vedtak import EXTRACTOR_VERSION
from vedtak.blocks import build_blocks, table_lines, tables_within
from vedtak.lexicon import HABILITET_ROW, NO_DECISION_TITLE
from vedtak.document import Document, Line
from vedtak.nlp.ids import canonical_case_id
from vedtak.nlp.prefilter import guarded
from vedtak.pdf.ocr import ocr_findings, ocr_pages
from vedtak.pdf.raw import text_lost
from vedtak.pdf.reader import DEFAULT_BACKEND, read_document
from vedtak.records import (
    ApplicationMention,
    BudgetCut,
    Case,
    Conflict,
    ConflictDeclaration,
    DocumentRecord,
    Finding,
    Meeting,
    Provenance,
)

# Whether a document is in nynorsk or bokmål: the words it uses most (`guarded`: the same matches, half the scan time).
NYNORSK = guarded(re.compile(r"\b(?:vert|ikkje|frå|følgjande|søknadene vert|innvilga|avslått|stades|leiar|møtet vart|òg|eit|dei|korleis|kva|berre|sakshandsamar|gjeld)\b", re.IGNORECASE))
BOKMAL = guarded(re.compile(r"\b(?:blir|ikke|fra|følgende|innvilges|avslås|stede|leder|ble|også|ett|de|hvordan|hva|bare|saksbehandler|gjelder)\b", re.IGNORECASE))


def _language(text: str) -> str | None:
    nn, nb = len(NYNORSK.findall(text)), len(BOKMAL.findall(text))
    if nn == 0 and nb == 0:
        return None
    return "nn" if nn > nb else "nb"


def _table_blocks(head: list[Line], tables: list, board_code: str | None) -> tuple[list[Line], list[MinutesBlock]]:
    """Minutes blocks from case tables (`14/19 | Godkjenning av saksliste | Sakslisten ble godkjent.`), and
    the minutes' head without the tables' lines."""
    blocks: list[MinutesBlock] = []
    used: set[int] = set()
    for table in tables:
        used |= {id(l) for l in table_lines(table)}
        for number, title, decision, lines, cell in cases_from_table(table):
            case_id = canonical_case_id(number, board_code)
            if case_id is None:
                continue
            title_lines = tuple(l for l in lines if l not in cell and not canonical_case_id(l.text.strip(), board_code))
            blocks.append(MinutesBlock(case_id, title or None, block_text(list(cell)) or decision, lines[0], title_lines, cell))
    return [l for l in head if id(l) not in used], blocks


def extract_document(doc: Document, nlp_path: str | None = None, use_ner: bool | None = None) -> DocumentRecord:
    """Every record of one document model.

    `use_ner` (default: whenever a statistical model is available) lets the NER add names the
    rules miss; `nlp_path` is what the record reports as the NLP path that ran."""
    if nlp_path is None:
        from vedtak.nlp.pipeline import nlp_path_description

        nlp_path = nlp_path_description()
    if use_ner is None:
        use_ner = not nlp_path.startswith("rules")
    elif not use_ner:
        nlp_path = "rules (spacy.blank nb + entity_ruler)"
    lines = list(doc.lines)
    seg = segment(lines)
    blocks = build_blocks(doc)
    furniture = [t for p in doc.pages for t in p.furniture]
    board = find_board([l.text for l in seg.cover[:20]] + furniture[:4]) or find_board([l.text for l in lines[:200]])
    # The code the document itself prints (`Sak PS-LMB 14/26`, a running header `PS-ENERGI`) beats one
    # derived from the board's name.
    board_code = board_code_of([l.text for l in lines[:400]], furniture + [l.text for l in lines[:60]], board)

    base = dict(sha256=doc.sha256, source=doc.source, pages=doc.page_count, board=board, board_code=board_code,
                language=_language(doc.text()[:20000]), nlp=nlp_path, pdf_backend=doc.backend, extractor_version=EXTRACTOR_VERSION,
                ocr_pages=ocr_pages(doc))
    text_findings = _text_layer_findings(doc)
    if not seg.papers and not seg.minutes:
        marker = looks_like_board_papers(lines)
        return DocumentRecord(kind="other", findings=tuple(text_findings + ([no_cases(marker)] if marker else [])), **base)

    meetings: list[Meeting] = []
    cases: dict[tuple[str, str | None], Case] = {}
    anonymous: list[Case] = []
    conflicts: list[Conflict] = []
    declarations: list[ConflictDeclaration] = []
    mentions: list[ApplicationMention] = []
    cuts: list[BudgetCut] = []
    findings: list[Finding] = []

    def read_decisions(case: Case, proposal_lines: list[Line], decision_lines: list[Line], meeting_no: str | None,
                       discussion_lines: Sequence[Line] = (), sections: Sequence[Line] = (), whole: Sequence[Line] = ()) -> None:
        """Conflicts, applications and findings of a case's proposal and decision. `discussion_lines`: minutes'
        account before the decision; `sections`: a case paper's other sections, read for conflicts where a
        habilitet paper's proposal only takes note of an assessment set out there (`Bakgrunn`: `Marte Lund Grini
        er inhabil i sak 30/23 ...`); `whole`: every line of the case, where a table the decision points to
        (`i tabell 1`) may stand."""
        about_habilitet = HABILITET.search(case.title or "") is not None
        read_with: set[int] = set()  # the tables some decision of the case was read with
        for text, src, stage in ((case.proposed_decision, proposal_lines, "proposed"), (case.decision, decision_lines, "adopted")):
            if not text and not (stage == "adopted" and discussion_lines) and not (stage == "proposed" and sections and about_habilitet):
                continue  # (an account with no decision, `Eventuelt` / `Habilitet: ...`, and a habilitet paper's
                # sections where no proposal was read, are still read for conflicts)
            tables = tables_within(blocks, src)
            if text and whole and not any(is_application_table(t, caption_of(t, src)) for t in tables):
                own = {id(t) for t in tables}
                tables += referred_tables(text, [t for t in tables_within(blocks, whole) if id(t) not in own], whole)
            # minutes often state who was disqualified in their account of the case, before its decision
            said = [*discussion_lines, *src] if stage == "adopted" and discussion_lines else src
            conflict_tables = [table for table in tables_within(blocks, said) if is_conflict_table(table)]
            prose, prose_lines = (text, src) if said is src else (block_text(said), said)
            if conflict_tables:  # the rows are read by their columns; the prose rules read the rest
                in_tables = {id(l) for table in conflict_tables for l in table_lines(table)}
                prose_lines = [l for l in said if id(l) not in in_tables]
                prose = block_text(prose_lines)
            c, d = extract_conflicts(prose, prose_lines, recorded_in=case.case_id, meeting=meeting_no, stage=stage,
                                     default_board=board_code, use_ner=use_ner,
                                     about_itself=not about_habilitet)
            for table in conflict_tables:
                c += conflicts_from_table(table, recorded_in=case.case_id, meeting=meeting_no, stage=stage,
                                          default_board=board_code)
            c = _one_per_person(c)
            if not c and not d and sections and stage == "proposed" and about_habilitet:
                c, d = extract_conflicts(block_text(list(sections)), list(sections), recorded_in=case.case_id, meeting=meeting_no,
                                         stage=stage, default_board=board_code, use_ner=use_ner)
                c = _one_per_person(c)
            if sections and stage == "proposed" and about_habilitet and c:
                # who the paper calls in to stand in, in its other sections (`Varamedlem Odd Einar Strøm er kalla inn som
                # setjemedlem i sak 4/26 …`), beside the conflicts its proposal states
                more, _ = extract_conflicts(block_text(list(sections)), list(sections), recorded_in=case.case_id, meeting=meeting_no,
                                            stage=stage, default_board=board_code, use_ner=use_ner)
                c = _one_per_person([*c, *(x for x in more if x.role == "substitute")])
            if sections and stage == "proposed" and about_habilitet:
                # the assessment table a habilitet paper sets out (`... slutter seg til habilitetsvurderingen i tabellen`)
                for table in tables_within(blocks, list(sections)):
                    if is_conflict_table(table):
                        c = _one_per_person([*c, *conflicts_from_table(table, recorded_in=case.case_id, meeting=meeting_no,
                                                                       stage=stage, default_board=board_code)])
            conflicts.extend(c)
            declarations.extend(d)
            if not text:
                continue
            read_with.update(id(t) for t in tables)
            result = extract_applications(text, src, case_id=case.case_id, stage=stage, tables=tables)
            mentions.extend(result.mentions)
            cuts.extend(result.cuts)
            findings.extend(result.findings)
            unread = unassigned_ids(case.case_id, stage, result.unread, src)
            if unread is not None:
                findings.append(unread)
            for table in tables:
                if not (is_conflict_table(table) or is_application_table(table, caption_of(table, src)) or is_attendance_table(table)):
                    unknown = unknown_table(table, case.case_id)
                    if unknown is not None:
                        findings.append(unknown)
            # (minutes that print the proposal too are checked once, at the decision, with the account read)
            habilitet = habilitet_unresolved(case, text, c, d) if not (stage == "proposed" and case.decision) else None
            if habilitet is not None:
                findings.append(habilitet)
        if whole:  # a table of applications printed in the case that no decision was read with: say so
            findings.extend(application_table_unread(t, case.case_id, whole) for t in tables_within(blocks, whole)
                            if id(t) not in read_with and is_application_table(t, caption_of(t, whole)))

    def keep(case: Case) -> None:
        if case.case_id is None:
            anonymous.append(case)
            return
        # Keyed by meeting too: a wrong merge of two cases would be worse than two entries.
        key = (case.case_id, case.meeting)
        old = cases.get(key)
        cases[key] = case if old is None else _richer(old, case)

    book_no: str | None = None
    if seg.papers:
        body_texts = [l.text for p in seg.papers for l in p.body]
        book = book_meeting(list(seg.cover), furniture, body_texts, board, board_code)
        meetings.append(book)
        book_no = book.number
        for n, paper in enumerate(seg.papers):
            header = parse_header(list(paper.header), board_code) if paper.header else None
            following = seg.papers[n + 1] if n + 1 < len(seg.papers) else None
            preamble, fields = parse_form(list(paper.body))
            proposal_field = first_field(fields, "proposal")
            proposal_lines = list(proposal_field.lines) if proposal_field else []
            proposal = block_text(proposal_lines) or None
            if header is not None and header.title is None and 1 <= len(preamble) <= 8:
                # a title and a band of particulars below a box that holds only the number (`SAKSFRAMLEGG ·
                # PS-BATTERI 1/26` / `Habilitet` / `Møte 1/26 · 10.02.2026 · Vedtakssak · Sakshandsamar: ...`): the header
                whole = parse_header([*paper.header, *preamble], board_code)
                if whole.title is not None and (whole.case_type or whole.case_officers or whole.to or whole.from_):
                    header = whole
            case_type = (header.case_type if header else None) or case_type_in_body(
                paper.body, following.header[0] if following and following.header else None)
            case_id = header.case_id if header else None
            title = header.title if header else None
            if header is not None and title is None:
                # a title printed as a heading outside the box: between it and the form, or right above it
                above = seg.papers[n - 1].body if n else seg.cover
                title = heading_title(preamble) or heading_title(_right_above(above, paper.header[0]))
            form_texts = [block_text(list(f.lines)) for f in fields]
            prov = Provenance.of(list(paper.header[:1]) if paper.header else list(paper.body[:1]), "cases.header" if header else "cases.form")
            case = Case(
                case_id=case_id, meeting=book_no, title=title, case_type=case_type,
                proposed_decision=proposal, decision=None,
                exempt=exempt_of(title) or exempt_of(" ".join(l.text for l in paper.header or ()))
                or exempt_of(" ".join(l.text for l in preamble if EXEMPTION_STATEMENT.match(l.text))),
                references=references_in([title, *form_texts], case_id, board_code),
                responsible_director=header.responsible_director if header else None,
                case_officers=header.case_officers if header else (),
                from_=header.from_ if header else None,
                attachments=header.attachments if header else (),
                provenance=prov,
                proposed_provenance=Provenance.of(proposal_lines, "cases.proposal") if proposal_lines else None,
            )
            if header is None:
                findings.append(missing_header(book_no, prov))
            unread_proposal = case_paper_without_proposal(case)
            if unread_proposal is not None:
                findings.append(unread_proposal)
            keep(case)
            read_decisions(case, proposal_lines, [], book_no,
                           sections=[l for f in fields if f.key != "proposal" for l in f.lines], whole=paper.body)
            habilitet = habilitet_row(fields)
            if habilitet and case.case_id:
                # the paper's own `Habilitet` row: a conflict sentence that names no case is about this one
                c, d = extract_conflicts(block_text(habilitet), habilitet, recorded_in=case.case_id, meeting=book_no,
                                         stage="proposed", default_board=board_code, use_ner=use_ner, about_itself=True)
                known = {(x.case_id, x.person, x.role) for x in conflicts}
                conflicts.extend(x for x in _one_per_person(c) if (x.case_id, x.person, x.role) not in known)
                declarations.extend(d)

    for part in seg.minutes:
        head, case_blocks = parse_minutes_blocks(list(part.lines), board_code)
        if not case_blocks:  # minutes as one table of cases: `Sak | Tittel | Vedtak`
            head, case_blocks = _table_blocks(head, [t for t in tables_within(blocks, head) if is_case_table(t)], board_code)
        meeting = minutes_meeting(head, board, board_code, tables_within(blocks, head))
        meetings.append(meeting)
        at = habilitet_section(head)
        if at is not None:
            # a `Habilitet` section before the first case (who was disqualified in which case, who chaired, who stood
            # in): each sentence or table row names its case (`... er inhabil i sak 24/25`, `39/25 | Bjørnar Ellingsen | ...`)
            section = [l for l in head[at + 1:] if l.text.strip()]
            rows = [t for t in tables_within(blocks, section) if is_conflict_table(t)]
            in_rows = {id(l) for t in rows for l in table_lines(t)}
            prose = [l for l in section if id(l) not in in_rows]
            c, d = extract_conflicts(block_text(prose), prose, recorded_in=None, meeting=meeting.number, stage="adopted",
                                     default_board=board_code, use_ner=use_ner)
            for table in rows:
                c += conflicts_from_table(table, recorded_in=None, meeting=meeting.number, stage="adopted", default_board=board_code)
            conflicts.extend(c)
            declarations.extend(d)
        for block in case_blocks:
            if block.case_id is None:
                continue
            if block.decision is None and not NO_DECISION_TITLE.match(block.title or ""):
                findings.append(minutes_case_without_decision(block.case_id, block.header_line))
            # minutes that print the proposal before the discussion and the decision (`Forslag til vedtak:` / `Behandling:`)
            proposal_lines, account = minutes_proposal(block.discussion_lines)
            case = Case(
                case_id=block.case_id, meeting=meeting.number, title=block.title, case_type=None,
                proposed_decision=block_text(proposal_lines) or None, decision=block.decision, exempt=exempt_of(block.title),
                references=references_in([block.title, block_text(list(block.discussion_lines)), block.decision], block.case_id,
                                         board_code),
                responsible_director=None, case_officers=(), from_=None, attachments=(),
                provenance=Provenance.of([block.header_line], "cases.minutes_block"),
                proposed_provenance=Provenance.of(proposal_lines, "cases.proposal") if proposal_lines else None,
                decision_provenance=Provenance.of(list(block.decision_lines), "cases.decision") if block.decision_lines else None,
            )
            keep(case)
            read_decisions(case, proposal_lines, list(block.decision_lines), meeting.number, [*account, *block.notes],
                           whole=[*block.discussion_lines, *block.decision_lines])

    read_ids = {cid for cid, _ in cases}
    for part in seg.minutes:  # a case number where the minutes open a case, but no case read: show it
        skip = {id(l) for t in tables_within(blocks, list(part.lines))
                if is_conflict_table(t) or is_application_table(t, caption_of(t, list(part.lines)))
                for l in table_lines(t)}
        findings.extend(unread_case_numbers(part.lines, read_ids, board_code, skip))
    for meeting in meetings:
        findings.extend(meeting_unread(meeting))
    findings.extend(f for case in cases.values() if (f := case_without_title(case)) is not None)
    findings.extend(conflicting_outcomes(mentions))
    findings.extend(text_findings)
    if not cases:
        marker = looks_like_board_papers(lines)
        if marker is not None:
            findings.append(no_cases(marker))
    kind = "case_papers" if seg.papers else "minutes"
    return DocumentRecord(
        kind=kind, meetings=tuple(meetings), cases=tuple(list(cases.values()) + anonymous),
        conflicts=tuple(_said_once(conflicts)), declarations=tuple(declarations), applications=tuple(mentions),
        budget_cuts=tuple(cuts), findings=tuple(findings), **base,
    )


def _text_layer_findings(doc: Document) -> list[Finding]:
    """A document that cannot be read must say so, never look merely empty: no text layer at
    all (a scan), or pages whose fonts map their glyphs to no letters (damaged font resources);
    and what OCR could not do for such pages (`ocr_findings`)."""
    if not doc.lines and not any(p.garbled for p in doc.pages):
        return [Finding("no_text_layer", f"{doc.page_count} page(s) without any text layer (scanned images?): nothing can be read",
                        None, None, Provenance(1, None, "document.text_layer"))] + ocr_findings(doc)
    bad = [p.number for p in doc.pages if text_lost(p.chars, p.garbled)]
    if not bad:
        return ocr_findings(doc)
    pages = ", ".join(map(str, bad))
    return [Finding("unreadable_text", f"page(s) {pages}: the fonts map many glyphs to no letters (damaged font resources?); "
                    "their text is missing from this record", None, None, Provenance(bad[0], None, "document.text_layer"))] + ocr_findings(doc)


def _right_above(lines: Sequence[Line], first: Line) -> list[Line]:
    """The last lines of `lines` that stand right above `first` on its page, each within two line heights
    of the next (a heading printed over a header box)."""
    out: list[Line] = []
    below = first
    for line in reversed(lines):
        if line.page != first.page or not 0 <= below.top - line.bottom < 2 * max(line.height, 6.0) or len(out) == 3:
            break
        out.insert(0, line)
        below = line
    return out


def _said_once(conflicts: Sequence[Conflict]) -> list[Conflict]:
    """A conflict stated twice in one document at one stage is one conflict: minutes that record it in
    the habilitet case (`Magnus Skjelbred fråtrådte under behandlinga av sak 04/26`) and again in the
    case's own account (`Torunn Vikøren og Magnus Skjelbred forlét møtet under behandlinga av saka`).
    The first statement stands, with a scope, ground or affiliation only a later one gives."""
    out: dict[tuple[str, str, str, str | None, str], Conflict] = {}
    for c in conflicts:
        key = (c.case_id, c.person, c.role, c.meeting, c.stage)
        first = out.get(key)
        if first is None:
            out[key] = c
            continue
        fill = {f: getattr(c, f) for f in ("scope", "ground", "affiliation") if getattr(first, f) is None and getattr(c, f) is not None}
        if fill:
            out[key] = replace(first, **fill)
    return list(out.values())


def habilitet_row(fields: Sequence[Field]) -> list[Line]:
    """The value lines of a `Habilitet` row in a case paper's label column (`lexicon.HABILITET_ROW`), which no form label
    opens, or of a bold `Habilitet` heading in its text: from that line to the next label or heading."""
    for f in fields:
        lines = list(f.lines)
        start = next((k for k, l in enumerate(lines) if (l.label or l.bold) and HABILITET_ROW.match(l.text)), None)
        if start is not None:
            end = next((k for k in range(start + 1, len(lines)) if lines[k].label or lines[k].bold), len(lines))
            return lines[start + 1:end]
    return []


def _one_per_person(conflicts: list[Conflict]) -> list[Conflict]:
    """One conflict per (case, person, role) in one decision, where two rules read the same person (a
    table row with its ground, and `Siden porteføljestyreleder X er inhabil ...`): the one with a ground."""
    out: dict[tuple[str, str, str], Conflict] = {}
    for c in conflicts:
        key = (c.case_id, c.person, c.role)
        if key not in out or (out[key].ground is None and c.ground is not None):
            out[key] = c
    return list(out.values())


def _richer(a: Case, b: Case) -> Case:
    """Two sections of the same case in one document: keep every field either one has."""
    updates: dict[str, Any] = {}
    for f in dc_fields(a):
        va, vb = getattr(a, f.name), getattr(b, f.name)
        if va in (None, (), "") and vb not in (None, (), ""):
            updates[f.name] = vb
    if a.references or b.references:
        updates["references"] = tuple(sorted(set(a.references) | set(b.references)))
    return replace(a, **updates)


def extract_file(path: str | Path, source: str | None = None, backend: str = DEFAULT_BACKEND,
                 use_ner: bool | None = None) -> dict[str, Any]:
    """The record of one PDF file as JSON-ready dict; raises InputError for unreadable input."""
    doc = read_document(path, source=source, backend=backend)
    return extract_document(doc, use_ner=use_ner).to_json()


__all__ = ["canonical_case_id", "extract_document", "extract_file"]
