"""Content model shared by the renderers and the expected-record builder.

One `Document` value is rendered to a PDF (reportlab or python-docx + LibreOffice) and turned into the
expected record; both read the same value, so the PDF and the JSON cannot disagree on content.

Text conventions: a paragraph is a `str`; `\\n` inside it is a forced line break (name lists); a soft
hyphen (U+00AD) marks where the renderer may break a long word at a line end (`forpros\\u00adjekter`
prints as `forpros-` / `jekter`); the expected text drops soft hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

SOFT_HYPHEN = "\u00ad"


class Outcome(StrEnum):
    """Outcome of one application mention: `tildeles støtte`/`innvilges` (granted), `avslås` (rejected),
    `settes på reserveliste` (reserve)."""

    GRANTED = "granted"
    REJECTED = "rejected"
    RESERVE = "reserve"


class Role(StrEnum):
    """Conflict role: `inhabil` (inhabile), `settestyreleder` (acting_chair), `settemedlem` (substitute)."""

    INHABILE = "inhabile"
    ACTING_CHAIR = "acting_chair"
    SUBSTITUTE = "substitute"


@dataclass(frozen=True)
class Table:
    """A ruled table inside a text (application table: `Søknadsnr | Prosjekttittel | Vedtak`)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative column widths

    def as_text(self) -> str:
        """Expected-text form: one line per row (header first), cells joined by one space."""
        return "\n".join(" ".join(r) for r in (self.header, *self.rows))


Block = str | Table


@dataclass(frozen=True)
class Mention:
    """One mention of a six-digit application id with an outcome in a decision text."""

    app_id: str
    outcome: Outcome
    rank: int | None = None
    title: str | None = None


@dataclass(frozen=True)
class Cut:
    """`reduseres budsjettet for søknad 355421 med 1 million kroner` -> (355421, 1000000)."""

    app_id: str
    amount_nok: int


@dataclass(frozen=True)
class ConflictFact:
    """A disqualification / acting chair / substitute for the case `in_case` (canonical id)."""

    in_case: str
    person: str
    role: Role
    scope: str | None = None
    affiliation: str | None = None
    ground: str | None = None  # as printed: `Medsøker` (table cell), `medsøker` (bullet `(medsøker)`)


@dataclass(frozen=True)
class Declaration:
    """`Ingen medlemmer er inhabile for øvrige saker` (other_cases) / `... sakene på dette møte` (all_cases)."""

    scope: str
    text: str


@dataclass(frozen=True)
class CountMismatch:
    """A stated count that differs from the ids listed for it; `anchor` is the first listed id."""

    stated: int
    listed: int
    anchor: str
    phrase: str


@dataclass(frozen=True)
class Text:
    """A decision text (proposal or adopted decision) with the facts it states, in document order."""

    blocks: tuple[Block, ...]
    mentions: tuple[Mention, ...] = ()
    cuts: tuple[Cut, ...] = ()
    conflicts: tuple[ConflictFact, ...] = ()
    declarations: tuple[Declaration, ...] = ()
    mismatches: tuple[CountMismatch, ...] = ()

    def expected(self) -> str:
        """The text as the record holds it: paragraphs joined by `\\n`, soft hyphens dropped."""
        return "\n".join(plain(b if isinstance(b, str) else b.as_text()) for b in self.blocks)


@dataclass(frozen=True)
class FormField:
    """One row of the two-column case-paper form (`Kort bakgrunn` | text)."""

    label: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class CaseHeader:
    """The header box of a case paper (`Sak PS-HELSE 05/25`, title, Til, Ansvarlig Direktør, ...)."""

    written_id: str  # as printed, e.g. `PS-HELSE 01/25`
    title: str
    til: str
    director: str | None
    officers: tuple[str, ...]
    attachments: tuple[str, ...]
    numbered_attachments: bool
    fra_title: str | None
    fra_name: str | None
    case_type: str | None  # BESLUTNINGSSAK / VEDTAKSSAK / ORIENTERINGSSAK / None
    printed: str | None = None  # the case line as printed when not `Sak {written_id}`: `PS-ENERGI sak 34/2024`

    @property
    def heading(self) -> str:
        """The case line as printed: `Sak PS-HELSE 05/25`, or `printed` (`PS-LIVSVIT 09/26`)."""
        return self.printed or f"Sak {self.written_id}"


@dataclass(frozen=True)
class CasePaper:
    """A saksfremlegg: optional header box, `Forslag til vedtak` text, the other form fields."""

    header: CaseHeader | None
    proposal: Text
    fields: tuple[FormField, ...]
    references: tuple[str, ...] = ()  # canonical ids mentioned in the case's own texts
    saksfremlegg_heading: bool = False
    attachments_after: tuple["Attachment", ...] = ()


@dataclass(frozen=True)
class Attendance:
    """Attendance of a minutes: members in order (with markers), absent, observers, staff."""

    present: tuple[tuple[str, str], ...]  # (name, suffix as printed: ` (leder)`, `, settemedlem sak 55/24`)
    chair: str | None
    substitutes: tuple[tuple[str, tuple[str, ...]], ...]
    absent: tuple[str, ...]
    observer_blocks: tuple[tuple[tuple[str, str], ...], ...]  # each block: (name, `, affiliation`)
    staff: tuple[tuple[str, str], ...]  # (name, `, role text`)
    labels: dict = field(default_factory=dict, hash=False, compare=False)  # language variants


@dataclass(frozen=True)
class MinutesCase:
    """A minutes block: `Sak PS-HELSE 54/24`, `Vedtak:`, title, adopted decision."""

    written_id: str
    title: str
    decision: Text | None  # None: block without `Vedtak:` (e.g. `Eventuelt`), not a case
    references: tuple[str, ...] = ()
    printed: str | None = None  # the block's case line when not `Sak {written_id}`: `PS-ENERGI sak 34/2024`

    @property
    def heading(self) -> str:
        """The block's case line as printed: `Sak PS-HELSE 54/24`, or `printed`."""
        return self.printed or f"Sak {self.written_id}"


@dataclass(frozen=True)
class Minutes:
    """A møteprotokoll (stand-alone or attached to a case paper)."""

    board: str
    board_code: str
    number_written: str  # `6/24`
    number: str  # canonical `6/24`
    date_written: str
    date_iso: str
    time_written: str | None
    time: str | None
    place_lines: tuple[str, ...]
    attendance: Attendance
    cases: tuple[MinutesCase, ...]
    language: str = "nb"
    title_word: str = "Møteprotokoll"
    approved_note: str | None = None


@dataclass(frozen=True)
class FreeDoc:
    """Running text (report, plan, news page, KS innspill): headings, paragraphs, tables."""

    items: tuple[tuple[str, Block], ...]  # (style, block); style in h1, h2, p, bullet, table


Attachment = Minutes | FreeDoc


@dataclass(frozen=True)
class Cover:
    """The cover of a meeting book: board, `Møte 1/25` (optional), Dato, Kl., Sted."""

    board: str
    meeting_written: str | None
    date_written: str
    time_written: str | None
    place_lines: tuple[str, ...]


@dataclass(frozen=True)
class MeetingBook:
    """A saksdokumenter PDF: cover + case papers (with attachments after some)."""

    board: str
    board_code: str
    number: str
    date_iso: str
    time: str | None
    cover: Cover
    papers: tuple[CasePaper, ...]
    running_header: str | None
    language: str = "nb"


@dataclass(frozen=True)
class OtherDoc:
    """A document with no cases (news page, investment plan)."""

    body: FreeDoc
    board: str | None = None
    board_code: str | None = None
    language: str = "nb"
    running_header: str | None = None


Document = MeetingBook | Minutes | OtherDoc


@dataclass(frozen=True)
class Sample:
    """One sample to write: name (file stem), document, renderer and layout options."""

    name: str
    doc: Document
    renderer: str  # reportlab | docx
    layout: str = "beside"  # beside | beside_shaded | above
    description: str = ""
    exercises: tuple[str, ...] = ()
    hyphenate: bool = False  # reportlab: break long lowercase words at line ends


def plain(text: str) -> str:
    """Drop soft hyphens (the printed text without them is the expected text)."""
    return text.replace(SOFT_HYPHEN, "")


def canonical_case(written: str, board_code: str) -> str:
    """`PS-HELSE 01/25` -> `PS-HELSE 1/25`; `PS-KLIMA 30-23` -> `PS-KLIMA 30/23`; `sak 12/24` -> board's;
    `PS-ENERGI sak 34/2024` -> `PS-ENERGI 34/24` (a four-digit year keeps its last two digits)."""
    m = re.match(r"^(?:[Ss]ak\s+)?(?:(PS-?[A-ZÆØÅ]*|PS)\s*)?(?:[Ss]ak\s+)?0*(\d+)[/-](\d{2}|\d{4})$",
                 written.strip())
    if not m:
        raise ValueError(f"not a case number: {written!r}")
    return f"{board_code} {int(m.group(2))}/{m.group(3)[-2:]}"
