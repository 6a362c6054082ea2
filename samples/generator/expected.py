"""The expected record of a sample, computed from its content model (never from an extractor).

Only page numbers are taken from the written PDF: the page where each fact's own text lands is found
by searching the PDF's text layer (`pdftotext -raw`) in document order, from the start of the case
that holds the fact. bbox is left null (the tests compare pages).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from dataclasses import dataclass

from .model import (
    SOFT_HYPHEN,
    CasePaper,
    MeetingBook,
    Minutes,
    OtherDoc,
    Sample,
    Text,
    canonical_case,
    plain,
)


class LocateError(RuntimeError):
    """A fact's anchor text was not found in the rendered PDF."""


@dataclass
class Locator:
    """Searches the normalised text of all pages; offsets map back to 1-based page numbers."""

    text: str
    starts: list[int]
    path: str

    @classmethod
    def from_pdf(cls, path: str) -> "Locator":
        """Read the PDF's text layer page by page (`pdftotext -raw`, pages split on form feed)."""
        out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", path, "-"], check=True,
                             capture_output=True, text=True).stdout
        pages = out.split("\f")
        if pages and not pages[-1].strip():
            pages = pages[:-1]
        text, starts = "", []
        for p in pages:
            starts.append(len(text))
            text += normalise(p) + " "
        return cls(text, starts, path)

    @property
    def pages(self) -> int:
        """Number of pages in the PDF."""
        return len(self.starts)

    def page_of(self, offset: int) -> int:
        """1-based page of a text offset."""
        pg = 0
        for i, s in enumerate(self.starts):
            if s <= offset:
                pg = i
        return pg + 1

    def page_start(self, offset: int) -> int:
        """Offset where the page holding `offset` starts."""
        return self.starts[self.page_of(offset) - 1]

    def find(self, pattern: str, start: int, what: str) -> int:
        """Offset of the first match of regex `pattern` at or after `start`; error names file and fact."""
        m = re.compile(pattern).search(self.text, start)
        if not m:
            raise LocateError(f"{self.path}: {what}: /{pattern}/ not found after page {self.page_of(start)}")
        return m.start()


def normalise(s: str) -> str:
    """Collapse whitespace, drop soft hyphens (search only; the record texts come from the model)."""
    return re.sub(r"\s+", " ", s.replace(SOFT_HYPHEN, "")).strip()


def words_pattern(s: str, n: int = 4) -> str:
    """Regex for the first `n` words of `s`, any whitespace between them."""
    ws = normalise(plain(s)).split(" ")[:n]
    # a renderer may have broken a long word at a line end: `forpros- jekter`; Chromium prints the break
    # as a hyphen glyph (U+2010) of its own between the two parts (`forpros ‐ jekter`), or as the soft
    # hyphen itself (`forpros­` / `jekter`, which the search text drops)
    return r"\s+".join(r"(?:\s?[-‐]?\s)?".join(re.escape(ch) for ch in w) for w in ws)


def prov(page: int | None) -> dict:
    """A provenance with a page and no bbox."""
    return {"page": page, "bbox": None}


def sha256_of(path: str) -> str:
    """Hex sha256 of a file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()


def _name_pattern(name: str, gap: bool = False) -> str:
    # a renderer may break a hyphenated surname at its hyphen: `Myklebust-` / `Lunde`; with `gap`, up to
    # 16 words (a page's footer and the next page's running header) may stand between the name's words
    sep = r"\s+(?:\S+\s+){0,16}?" if gap else r"\s+"
    return sep.join(re.escape(w).replace(r"\-", r"-\s*") for w in name.split())


class Builder:
    """Accumulates the record of one document while walking its content in document order."""

    def __init__(self, loc: Locator, code: str | None, header_after: bool = False):
        self.loc = loc
        self.code = code
        self.header_after = header_after  # the header box is printed after its case paper's form
        self.cursor = 0
        self.rec = {"meetings": [], "cases": [], "conflicts": [], "conflict_declarations": [],
                    "applications": [], "budget_cuts": [], "findings": []}

    # -------------------------------------------------------------- facts of one decision text
    def text_facts(self, t: Text, case_id: str | None, meeting: str, stage: str, start: int) -> int | None:
        """Record the applications, cuts, conflicts, declarations and count findings of one text."""
        loc = self.loc
        try:
            first = loc.find(words_pattern(t.blocks[0]) if isinstance(t.blocks[0], str) else r"\S", start,
                             f"{case_id} text start")
        except LocateError:
            first = start
        pos = first
        seen: dict[str, tuple[str, int]] = {}
        conflicted: set[str] = set()
        last = first
        for m in t.mentions:
            pos = loc.find(rf"(?<!\d){m.app_id}(?!\d)", pos, f"{case_id} application {m.app_id}")
            page = loc.page_of(pos)
            rec = {"application_id": m.app_id, "case_id": case_id, "outcome": str(m.outcome), "stage": stage,
                   "rank": m.rank, "title": m.title, "provenance": prov(page)}
            self.rec["applications"].append(rec)
            if m.app_id in seen and seen[m.app_id][0] != m.outcome and m.app_id not in conflicted:
                conflicted.add(m.app_id)
                self.rec["findings"].append({
                    "code": "conflicting_outcomes",
                    "message": f"application {m.app_id} in {case_id} is both {seen[m.app_id][0]} and {m.outcome}",
                    "case_id": case_id, "application_id": m.app_id, "provenance": prov(page)})
            seen.setdefault(m.app_id, (str(m.outcome), page))
            pos += 6
            last = pos
        cpos = last
        for c in t.cuts:
            cpos = loc.find(rf"(?<!\d){c.app_id}(?!\d)", cpos, f"{case_id} budget cut {c.app_id}")
            self.rec["budget_cuts"].append({"application_id": c.app_id, "case_id": case_id,
                                            "amount_nok": c.amount_nok, "stage": stage,
                                            "provenance": prov(loc.page_of(cpos))})
            cpos += 6
        ppos = first
        for cf in t.conflicts:
            # the name as printed, or broken by a page break (running header and footer between its
            # words): the first of the two, so a later plain mention of the same name is not taken
            ppos = loc.find(f"{_name_pattern(cf.person)}|{_name_pattern(cf.person, gap=True)}", ppos,
                            f"{case_id} conflict {cf.person}")
            self.rec["conflicts"].append({
                "case_id": cf.in_case, "person": cf.person, "role": str(cf.role), "scope": cf.scope,
                "affiliation": cf.affiliation, "recorded_in": case_id, "meeting": meeting, "stage": stage,
                **({"ground": cf.ground} if cf.ground is not None else {}),
                "provenance": prov(loc.page_of(ppos))})
            ppos += len(cf.person)
        for d in t.declarations:
            dpos = loc.find(words_pattern(d.text, 5), first, f"{case_id} declaration")
            self.rec["conflict_declarations"].append({
                "recorded_in": case_id, "meeting": meeting, "scope": d.scope, "stage": stage, "text": d.text,
                "provenance": prov(loc.page_of(dpos))})
        for mm in t.mismatches:
            mpos = loc.find(rf"(?<!\d){mm.anchor}(?!\d)", first, f"{case_id} count anchor {mm.anchor}")
            self.rec["findings"].append({
                "code": "count_mismatch",
                "message": f"{case_id}: stated {mm.stated} ({mm.phrase}) but {mm.listed} ids listed",
                "case_id": case_id, "application_id": None, "provenance": prov(loc.page_of(mpos))})
        return loc.page_of(first)

    def _text_start(self, t: Text, start: int, what: str) -> int:
        """Offset of a text's first words after `start`: six of them, or fewer where a wrapped label's lines
        are interleaved with the text's (`Administrasjonen` / `Porteføljestyret tar godkjent` / `sitt
        framlegg møteprotokoll`)."""
        b = t.blocks[0]
        if not isinstance(b, str):
            return self.loc.find(r"\S", start, what)
        for n in (6, 3, 1):
            try:
                return self.loc.find(words_pattern(b, n), start, what)
            except LocateError:
                if n == 1:
                    raise
        raise AssertionError("unreachable")

    # -------------------------------------------------------------- containers
    def paper(self, p: CasePaper, book: MeetingBook) -> None:
        """A case paper: its case entry, its proposal's facts, then its attachments."""
        loc = self.loc
        if p.header is not None:
            off = loc.find(_heading_pattern(p.header.written_id, p.header.printed) + r"(?!\d)",
                           self.cursor, f"header of {p.header.written_id}")
            case_id = canonical_case(p.header.written_id, book.board_code)
        else:
            off = loc.find(words_pattern(p.proposal.blocks[0], 6), self.cursor, "case paper without header")
            case_id = None
        start = loc.page_start(off)
        page = loc.page_of(off)
        if self.header_after and p.header is not None:
            # the paper starts with its form, after the previous paper's header box: its page is where
            # the proposal starts
            start = self._text_start(p.proposal, self.cursor, f"{case_id} proposal")
            page = loc.page_of(start)
        ppage = self.text_facts(p.proposal, case_id, book.number, "proposed", start)
        h = p.header
        ctype = None
        if h is not None and h.case_type:
            ctype = "information" if h.case_type == "ORIENTERINGSSAK" else "decision"
        title = plain(h.title) if h else None
        self.rec["cases"].append({
            "case_id": case_id, "meeting": book.number, "title": title, "case_type": ctype,
            "proposed_decision": p.proposal.expected(), "decision": None,
            "exempt": _exempt(title), "references": sorted(set(p.references) - {case_id}),
            "responsible_director": h.director if h else None,
            "case_officers": list(h.officers) if h else [],
            "from": f"{h.fra_title} {h.fra_name}" if h and h.fra_name else None,
            "attachments": list(h.attachments) if h else [],
            "proposed_provenance": prov(ppage), "decision_provenance": None,
            "provenance": prov(page)})
        if h is None:
            self.rec["findings"].append({
                "code": "missing_case_header",
                "message": "case paper without header box (no case number, no title)",
                "case_id": None, "application_id": None, "provenance": prov(page)})
        self.cursor = off
        for att in p.attachments_after:
            if isinstance(att, Minutes):
                self.minutes(att)

    def minutes(self, m: Minutes) -> None:
        """A møteprotokoll: the meeting with attendance, then one case per `Sak ...` block."""
        loc = self.loc
        off = loc.find(re.escape(m.title_word), self.cursor, f"minutes {m.number}")
        a = m.attendance
        self.rec["meetings"].append({
            "board": m.board, "board_code": m.board_code, "number": m.number, "date": m.date_iso,
            "time": m.time, "place": ", ".join(m.place_lines).rstrip("."),
            "present": [n for n, _ in a.present], "chair": a.chair, "absent": list(a.absent),
            "observers": [n for blk in a.observer_blocks for n, _ in blk],
            "staff": [n for n, _ in a.staff],
            "substitutes": [{"person": p, "case_ids": list(cs)} for p, cs in a.substitutes],
            "source_kind": "minutes", "provenance": prov(loc.page_of(off))})
        self.cursor = off
        for c in m.cases:
            coff = loc.find(_heading_pattern(c.written_id, c.printed) + r"(?!\d)(?!\s+og)(?!\s*:)",
                            self.cursor, f"minutes block {c.written_id}")
            self.cursor = coff
            # A block without `Vedtak:` (`Sak PS-HELSE 57/24 Eventuelt`) is still a case with a
            # section of its own: it is listed, with no decision.
            case_id = canonical_case(c.written_id, m.board_code)
            dpage = self.text_facts(c.decision, case_id, m.number, "adopted", coff) if c.decision is not None else None
            title = plain(c.title)
            self.rec["cases"].append({
                "case_id": case_id, "meeting": m.number, "title": title, "case_type": None,
                "proposed_decision": None, "decision": c.decision.expected() if c.decision is not None else None,
                "exempt": _exempt(title),
                "references": sorted(set(c.references) - {case_id}),
                "responsible_director": None, "case_officers": [], "from": None, "attachments": [],
                "proposed_provenance": None, "decision_provenance": prov(dpage) if dpage else None,
                "provenance": prov(loc.page_of(coff))})


def _heading_pattern(written_id: str, printed: str | None) -> str:
    """Regex for a case line: `Sak PS-HELSE 01/25` (any spacing after `Sak` and inside the id), or the
    `printed` form (`PS-ENERGI sak 34/2024`, `PS-LIVSVIT 09/26`) with any whitespace between its words."""
    if printed is None:
        return r"Sak\s+" + re.escape(written_id).replace(r"\ ", r"\s*")
    return re.escape(printed).replace(r"\ ", r"\s+")


def _exempt(title: str | None) -> str | None:
    """`[U.off. § 14]` in the title -> `U.off. § 14`."""
    if not title:
        return None
    m = re.search(r"\[(U\.off\. § \d+)\]", title)
    return m.group(1) if m else None


def build(sample: Sample, pdf_path: str, source: str) -> dict:
    """The full expected record of `sample` as written at `pdf_path`."""
    doc = sample.doc
    loc = Locator.from_pdf(pdf_path)
    code = getattr(doc, "board_code", None)
    b = Builder(loc, code, header_after=sample.layout == "after")
    if isinstance(doc, MeetingBook):
        kind = "case_papers"
        b.rec["meetings"].append({
            "board": doc.board, "board_code": doc.board_code, "number": doc.number, "date": doc.date_iso,
            "time": doc.time, "place": ", ".join(doc.cover.place_lines).rstrip("."),
            "present": [], "chair": None, "absent": [], "observers": [], "staff": [], "substitutes": [],
            "source_kind": "meeting_book", "provenance": prov(1)})
        for p in doc.papers:
            b.paper(p, doc)
    elif isinstance(doc, Minutes):
        kind = "minutes"
        b.minutes(doc)
    elif isinstance(doc, OtherDoc):
        kind = "other"
    else:
        raise TypeError(type(doc).__name__)
    rec = {
        "schema_version": "1",
        "document": {"sha256": sha256_of(pdf_path), "source": source, "kind": kind, "pages": loc.pages,
                     "board": getattr(doc, "board", None), "board_code": code,
                     "language": getattr(doc, "language", "nb")},
        "meetings": b.rec["meetings"],
        "cases": b.rec["cases"],
        "conflicts": b.rec["conflicts"],
        "conflict_declarations": b.rec["conflict_declarations"],
        "applications": b.rec["applications"],
        "budget_cuts": b.rec["budget_cuts"],
        "findings": b.rec["findings"],
    }
    return rec

