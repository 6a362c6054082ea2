"""The one access rule of vedtak: what a caller may see of facts read from exempt case papers.

Legal basis: a case paper (saksfremlegg) whose header or title carries `[U.off. § 14]` is exempt from
public access under offentleglova § 14 (the paper itself may also name another §, `U.off. § 13`). A
public caller may see that the case exists (its id, title, type, meeting, status and exemption) and the
adopted decision once published minutes (`Møteprotokoll` … `Vedtak:`) carry it; a token holder sees
everything. "Exempt-derived" facts, hidden from the public, are:

- the case paper's own fields on the merged case: `Forslag til vedtak` (proposal, its page and the
  proposal/decision difference), `Ansvarlig Direktør`, `Fra`, `Saksbehandler`, `Vedlegg`;
- every fact read from an exempt case paper (an *exempt paper appearance*: a `case_appearances` row
  with `exempt` set that is not a block of minutes): its application mentions (`Forslag til vedtak:
  … søknad 355815 … tildeles støtte`), budget cuts, references (`Viser til: sak PS-HAV 30/25`),
  the conflicts and `Ingen medlemmer er inhabile` declarations recorded in it, the findings about it;
- an application all of whose mentions are exempt-derived, and a person named only in exempt-derived
  facts: for the public they do not exist (404, as for a made-up id), in every list, count and feed.

Published minutes stay public wherever they are stored: a `Møteprotokoll` attached inside a meeting
book (its meeting appears in that document with `source_kind = 'minutes'`, its case blocks carry a
`Vedtak:`) is not a case paper, even for an exempt case, and neither are its findings.

Predicates are built once per (caller, entity) and cached (building SQLAlchemy aliases costs ~1 ms each).

How to use it (datasette's permission SQL is the model): every predicate below is a SQLAlchemy Core
boolean expression that a query composes in its WHERE (or a join's ON); it is `true()` for
`Access.FULL`. Pass the entity or the alias your query uses; the predicates correlate to it with
EXISTS sub-queries, so they need no joins from the caller and filter before LIMIT/OFFSET and COUNT.
Never filter rows in Python after the query.

    select(ApplicationMention).where(mention_visible(access))                 # mentions
    select(Application).where(application_visible(access))                    # ids, lists, counts
    select(application_title(access).label("title"))                          # title from visible mentions
    select(Person).where(person_visible(access))
    select(Conflict).where(conflict_visible(access))
    select(CaseReference).where(reference_visible(access))
    select(Finding).where(finding_visible(access))
    select(Case.proposed_decision).where(case_paper_visible(access))          # or: show None when False
    exempt_pages(conn, document_id)  -> pages to blank in the public copy of that PDF

`Access`, `configured_token`, `token_matches` decide who the caller is (the token); `requested_access`
is the rule for the command line (`vedtak export --include-exempt`, `vedtak search --include-exempt`,
`vedtak diff --include-exempt`): exempt texts only with the API token offered.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable
from functools import lru_cache
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, or_, select, true
from sqlalchemy.orm import aliased

from vedtak.models import (
    Application,
    ApplicationMention,
    Attendance,
    BudgetCut,
    Case,
    CaseAppearance,
    CaseReference,
    Conflict,
    ConflictDeclaration,
    Finding,
    Meeting,
    MeetingAppearance,
    Person,
)

TOKEN_ENV = "VEDTAK_API_TOKEN"
TOKEN_FILE_ENV = "VEDTAK_API_TOKEN_FILE"
REDACTED = "Unntatt offentlighet"  # shown where an exempt text is withheld
LEGAL_BASIS = "offentleglova § 14"
MINUTES_SECTION = "minutes"  # meeting_appearances.source_kind of minutes (own file or attached in a book)


class Access(StrEnum):
    """`public`: anyone; `full`: holder of the configured token (sees exempt case papers)."""

    PUBLIC = "public"
    FULL = "full"


# --- who is the caller -----------------------------------------------------------------------


def configured_token(explicit: str | None = None) -> str | None:
    """The API token: the argument, else `$VEDTAK_API_TOKEN`, else the first line of the file named by
    `$VEDTAK_API_TOKEN_FILE`, else `$VEDTAK_HOME/api_token` (VEDTAK_HOME defaults to ./var). None: no token
    configured, so exempt texts are shown to nobody.
    """
    if explicit:
        return explicit
    if os.environ.get(TOKEN_ENV):
        return os.environ[TOKEN_ENV].strip() or None
    candidates = []
    if os.environ.get(TOKEN_FILE_ENV):
        candidates.append(Path(os.environ[TOKEN_FILE_ENV]))
    candidates.append(Path(os.environ.get("VEDTAK_HOME") or "var") / "api_token")
    for path in candidates:
        try:
            line = path.read_text(encoding="utf-8").strip().splitlines()
        except OSError:
            continue
        if line and line[0].strip():
            return line[0].strip()
    return None


def token_matches(offered: str | None, expected: str | None) -> bool:
    """Constant-time comparison of an offered token with the configured one (False if either is missing)."""
    if not offered or not expected:
        return False
    return hmac.compare_digest(offered.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))


class TokenRequired(PermissionError):
    """Exempt texts asked for without the API token (the message says how to give it)."""


def requested_access(include_exempt: bool, offered: str | None, expected: str | None = None) -> Access:
    """What a command-line read may see: PUBLIC unless it asks for exempt case papers (`include_exempt`);
    then FULL if the token it offers matches the API token (`expected`, default `configured_token()`),
    else TokenRequired. The same rule as the API's bearer token: running the command is not enough."""
    if not include_exempt:
        return Access.PUBLIC
    if not token_matches(offered, expected or configured_token()):
        raise TokenRequired("--include-exempt needs the API token (--token or $VEDTAK_EXPORT_TOKEN): "
                            f"texts of exempt case papers ({LEGAL_BASIS}) are for token holders only")
    return Access.FULL


# --- what is exempt: the one definition ------------------------------------------------------


@lru_cache(maxsize=None)
def is_exempt_paper(appearance: Any = CaseAppearance) -> ColumnElement[bool]:
    """True for an appearance that is the case paper of an exempt case (`[U.off. § 14]` in its header),
    False for a block of minutes (`Sak PS-HELSE 55/24 … Vedtak:`), also when the minutes are attached in a
    meeting book: such a block carries a decision or its meeting is given as minutes in that document."""
    minutes = aliased(MeetingAppearance, name="acc_minutes")
    in_minutes = exists().where(
        minutes.document_id == appearance.document_id,
        minutes.meeting_id == appearance.meeting_id,
        minutes.source_kind == MINUTES_SECTION,
    )
    return and_(appearance.exempt.is_not(None), appearance.decision.is_(None), ~in_minutes)


@lru_cache(maxsize=None)
def _exempt_paper_for_case_pk(document_id: Any, case_pk: Any) -> ColumnElement[bool]:
    """Does document `document_id` carry the exempt case paper of case `case_pk`?"""
    paper = aliased(CaseAppearance, name="acc_paper")
    return exists().where(paper.document_id == document_id, paper.case_pk == case_pk, is_exempt_paper(paper))


@lru_cache(maxsize=None)
def _exempt_paper_for_case_id(document_id: Any, case_id: Any) -> ColumnElement[bool]:
    """Does document `document_id` carry the exempt case paper of the case with canonical id `case_id`?"""
    paper, case = aliased(CaseAppearance, name="acc_paper_c"), aliased(Case, name="acc_paper_case")
    return exists().where(paper.document_id == document_id, paper.case_pk == case.id, case.case_id == case_id,
                          is_exempt_paper(paper))


# --- predicates for every kind of fact -------------------------------------------------------


@lru_cache(maxsize=None)
def case_paper_visible(access: Access, case: Any = Case) -> ColumnElement[bool]:
    """May the caller see the case paper's fields of this merged case (proposal and its source, difference,
    director, `Fra`, officers, attachments)? Public: only when the case is not exempt."""
    return true() if access is Access.FULL else case.exempt.is_(None)


@lru_cache(maxsize=None)
def appearance_visible(access: Access, appearance: Any = CaseAppearance) -> ColumnElement[bool]:
    """May the caller see what this appearance read from its document (texts, page link, references)?"""
    return true() if access is Access.FULL else ~is_exempt_paper(appearance)


@lru_cache(maxsize=None)
def reference_visible(access: Access, reference: Any = CaseReference) -> ColumnElement[bool]:
    """A reference (`Viser til: sak PS-HAV 30/25`) read from an exempt case paper is hidden from the public."""
    if access is Access.FULL:
        return true()
    paper = aliased(CaseAppearance, name="acc_ref_paper")
    return ~exists().where(paper.id == reference.appearance_id, is_exempt_paper(paper))


@lru_cache(maxsize=None)
def mention_visible(access: Access, mention: Any = ApplicationMention) -> ColumnElement[bool]:
    """An application mention read from an exempt case paper (`Forslag til vedtak`) is hidden from the
    public; the same application adopted in published minutes (`Vedtak:`) is not."""
    if access is Access.FULL:
        return true()
    # a single NOT EXISTS (no OR around it), so PostgreSQL plans an anti-join; a null case_pk matches no paper
    return ~_exempt_paper_for_case_pk(mention.document_id, mention.case_pk)


@lru_cache(maxsize=None)
def budget_cut_visible(access: Access, cut: Any = BudgetCut) -> ColumnElement[bool]:
    """A budget cut (`reduseres budsjettet for søknad 355421 med 1 million kroner`) read from an exempt case
    paper is hidden from the public."""
    if access is Access.FULL:
        return true()
    return ~_exempt_paper_for_case_pk(cut.document_id, cut.case_pk)


@lru_cache(maxsize=None)
def conflict_visible(access: Access, conflict: Any = Conflict) -> ColumnElement[bool]:
    """A habilitet record (`inhabil`, `settestyreleder`, `settemedlem`) is hidden from the public when it
    was read from an exempt case paper: the paper of the case it is recorded in (`recorded_in`, e.g. the
    `Spørsmål om habilitet` case), or, lacking that, of the case it is about."""
    if access is Access.FULL:
        return true()
    paper, case = aliased(CaseAppearance, name="acc_con_paper"), aliased(Case, name="acc_con_case")
    recorded_in_paper = exists().where(
        paper.document_id == conflict.document_id, paper.case_pk == case.id, is_exempt_paper(paper),
        or_(case.case_id == conflict.recorded_in, and_(conflict.recorded_in.is_(None), case.id == conflict.case_pk)),
    )
    return ~recorded_in_paper


@lru_cache(maxsize=None)
def declaration_visible(access: Access, declaration: Any = ConflictDeclaration) -> ColumnElement[bool]:
    """`Ingen medlemmer er inhabile …` recorded in an exempt case paper is hidden from the public."""
    if access is Access.FULL:
        return true()
    return ~_exempt_paper_for_case_pk(declaration.document_id, declaration.recorded_in_case_pk)


@lru_cache(maxsize=None)
def application_visible(access: Access, application: Any = Application) -> ColumnElement[bool]:
    """Does the application exist for the caller? Public: only with a mention or budget cut that is not
    exempt-derived (in any stored document: existence does not depend on which version is current)."""
    if access is Access.FULL:
        return true()
    mention, cut = aliased(ApplicationMention, name="acc_app_m"), aliased(BudgetCut, name="acc_app_b")
    return or_(
        exists().where(mention.application_pk == application.id, mention_visible(access, mention)),
        exists().where(cut.application_pk == application.id, budget_cut_visible(access, cut)),
    )


@lru_cache(maxsize=None)
def application_id_visible(access: Access, application_id: Any) -> ColumnElement[bool]:
    """`application_visible` for a six-digit id column (`findings.application_id`, a literal)."""
    if access is Access.FULL:
        return true()
    app = aliased(Application, name="acc_app_id")
    return exists().where(app.application_id == application_id, application_visible(access, app))


@lru_cache(maxsize=None)
def application_title(access: Access, application: Any = Application) -> ColumnElement[Any]:
    """The application's title for the caller: the stored one (first title seen) for a token holder; for
    the public the first title given by a visible mention (`søknad 349497 Kunstig Intelligens for …`), so a
    title read only from an exempt case paper is never shown."""
    if access is Access.FULL:
        return application.title
    mention = aliased(ApplicationMention, name="acc_title_m")
    return (
        select(mention.title)
        .where(mention.application_pk == application.id, mention.title.is_not(None), mention_visible(access, mention))
        .order_by(mention.document_id, mention.seq)
        .limit(1)
        .scalar_subquery()
    )


@lru_cache(maxsize=None)
def person_visible(access: Access, person: Any = Person) -> ColumnElement[bool]:
    """Does the person exist for the caller? Public: only when named in attendance (minutes, meeting book)
    or in a visible habilitet record; a person named only in an exempt case paper does not."""
    if access is Access.FULL:
        return true()
    attendance, conflict = aliased(Attendance, name="acc_p_att"), aliased(Conflict, name="acc_p_con")
    return or_(
        exists().where(attendance.person_id == person.id),
        exists().where(conflict.person_id == person.id, conflict_visible(access, conflict)),
    )


@lru_cache(maxsize=None)
def finding_visible(access: Access, finding: Any = Finding) -> ColumnElement[bool]:
    """A finding (`count_mismatch`, `conflicting_outcomes`, …) about an exempt case paper's facts is hidden
    from the public: its document carries the exempt paper of its case, or its application is hidden.
    Findings of published minutes (also minutes attached in a meeting book) stay public."""
    if access is Access.FULL:
        return true()
    return and_(
        ~_exempt_paper_for_case_id(finding.document_id, finding.case_id),
        or_(finding.application_id.is_(None), application_id_visible(access, finding.application_id)),
    )


@lru_cache(maxsize=None)
def case_visible(access: Access, case: Any = Case) -> ColumnElement[bool]:
    """Does the case exist for the caller? Its existence is public (id, title, status) once any document
    gives it a section (an appearance: case paper or block of minutes; mentions and budget cuts always sit
    in their case's section); a case id known only from a habilitet record read from an exempt paper
    (`inhabil i sak …` about a case no document has) does not exist for the public."""
    if access is Access.FULL:
        return true()
    appearance, conflict = aliased(CaseAppearance, name="acc_c_app"), aliased(Conflict, name="acc_c_con")
    return or_(
        exists().where(appearance.case_pk == case.id),
        exists().where(conflict.case_pk == case.id, conflict_visible(access, conflict)),
    )


@lru_cache(maxsize=None)
def meeting_visible(access: Access, meeting: Any = Meeting) -> ColumnElement[bool]:
    """Does the meeting exist for the caller? Public: when a document gives it (notice, minutes) or a case
    section of it."""
    if access is Access.FULL:
        return true()
    appearance, case = aliased(MeetingAppearance, name="acc_mt_app"), aliased(CaseAppearance, name="acc_mt_case")
    return or_(exists().where(appearance.meeting_id == meeting.id), exists().where(case.meeting_id == meeting.id))


# --- the PDF: which pages of a document the public copy blanks -------------------------------


@dataclass(frozen=True)
class Section:
    """Where something starts in a document: a case paper or a block/notice of minutes (1-based page)."""

    page: int
    exempt: bool


def redacted_pages(sections: Iterable[Section], pages: int) -> frozenset[int]:
    """Pages an exempt case paper occupies: from its first page up to the page before the next section
    starts (or the last page). A page where an exempt paper and a public section both start is blanked.

    >>> sorted(redacted_pages([Section(2, False), Section(5, True), Section(8, False)], 10))
    [5, 6, 7]
    """
    starts = sorted({s.page for s in sections if s.page})
    blank: set[int] = set()
    for section in sections:
        if not section.exempt or not section.page:
            continue
        following = [p for p in starts if p > section.page]
        end = (following[0] - 1) if following else pages
        blank.update(range(section.page, min(end, pages) + 1))
    return frozenset(blank)


def exempt_pages(conn: Any, document_id: int) -> frozenset[int]:
    """Pages of document `document_id` that belong to exempt case papers (blanked in the public PDF)."""
    from vedtak.models import Document

    pages = conn.execute(select(Document.pages).where(Document.id == document_id)).scalar()
    if not pages:
        return frozenset()
    cases = conn.execute(
        select(CaseAppearance.page, is_exempt_paper(CaseAppearance).label("exempt"))
        .where(CaseAppearance.document_id == document_id, CaseAppearance.page.is_not(None))
    ).all()
    if not any(r.exempt for r in cases):
        return frozenset()
    meetings = conn.execute(
        select(MeetingAppearance.page).where(MeetingAppearance.document_id == document_id,
                                             MeetingAppearance.source_kind == MINUTES_SECTION,
                                             MeetingAppearance.page.is_not(None))
    ).scalars().all()
    sections = [Section(r.page, bool(r.exempt)) for r in cases] + [Section(p, False) for p in meetings]
    return redacted_pages(sections, pages)


__all__ = [
    "LEGAL_BASIS", "REDACTED", "Access", "Section", "appearance_visible", "application_id_visible",
    "application_title", "application_visible", "budget_cut_visible", "case_paper_visible", "case_visible",
    "conflict_visible", "configured_token", "declaration_visible", "exempt_pages", "finding_visible",
    "is_exempt_paper", "meeting_visible", "mention_visible", "person_visible", "redacted_pages",
    "reference_visible", "token_matches",
]
