"""Closed vocabularies of the record, as StrEnums whose values are the record's JSON strings.

Each docstring lists the Norwegian words (bokmål and nynorsk) that map to the member; the
matching itself lives in :mod:`vedtak.nlp.outcomes` (``outcome_of``, ``outcome_spans``) and the words of labels and
table cells in :mod:`vedtak.lexicon`.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["AttendanceRole", "CaseType", "ColumnMeaning", "DocumentKind", "FindingCode", "Outcome", "Role", "Stage"]


class Outcome(StrEnum):
    """What a board decided about one application (søknad).

    - ``granted``: innvilge / innvilges / innvilget / innvilga (nn) / ``vert innvilga`` (nn),
      bevilge / bevilges / bevilget, ``tildeles støtte`` / ``tildelast`` (nn), ``får støtte``.
    - ``rejected``: avslå / avslås / avslår / avslått / avslåtte / avslo / ``avslag``,
      ``vert avslått`` (nn), ``avslås en bloc``.
    - ``reserve``: ``settes på reserveliste``, ``rangert reserveliste``, ``venteliste``,
      ``vert sett på reserveliste`` (nn).
    """

    GRANTED = "granted"
    REJECTED = "rejected"
    RESERVE = "reserve"


class Stage(StrEnum):
    """Whether a decision is proposed or adopted.

    - ``proposed``: text under ``Forslag til vedtak`` in a case paper (saksfremlegg).
    - ``adopted``: text under ``Vedtak:`` in minutes (møteprotokoll).
    """

    PROPOSED = "proposed"
    ADOPTED = "adopted"


class Role(StrEnum):
    """A person's role in a conflict-of-interest (habilitet) record.

    - ``inhabile``: ``er inhabil`` / ``er inhabile``, ``fratrer møtet`` (disqualified).
    - ``acting_chair``: ``oppnevnt som settestyreleder`` (appointed because the chair is inhabil).
    - ``substitute``: ``oppnevnt som settemedlem`` (substitute member, often with affiliation).
    """

    INHABILE = "inhabile"
    ACTING_CHAIR = "acting_chair"
    SUBSTITUTE = "substitute"


class CaseType(StrEnum):
    """The case type printed in a case paper's header box.

    - ``decision``: ``BESLUTNINGSSAK``, ``VEDTAKSSAK``.
    - ``information``: ``ORIENTERINGSSAK``.
    """

    DECISION = "decision"
    INFORMATION = "information"


class DocumentKind(StrEnum):
    """What a PDF is.

    - ``case_papers``: a meeting book (saksdokumenter / saksfremlegg with ``Forslag til vedtak``),
      even when minutes are attached inside it.
    - ``minutes``: a stand-alone møteprotokoll.
    - ``other``: anything else (news pages, investeringsplan, reports).
    """

    CASE_PAPERS = "case_papers"
    MINUTES = "minutes"
    OTHER = "other"


class AttendanceRole(StrEnum):
    """How a person took part in a meeting, as an attendance list or table states it.

    - ``present``: a member under ``Til stede`` / ``Møtende medlemmer``, or ``Medlem`` in a role column.
    - ``chair``: ``(leder)``, ``Leder``, ``Styreleder``, ``Møteleder``; nynorsk ``leiar``.
    - ``substitute``: ``settemedlem sak 55/24``, ``Varamedlem``.
    - ``observer``: under ``Observatører`` / ``Observatørar``.
    - ``staff``: under ``Til stede fra Forskningsrådet`` (also broken over two lines), ``Administrasjonen``.
    - ``absent``: under ``Forfall``, ``Meldt forfall``, ``Fravær``.

    The chair and substitutes are present too (the store gives them a ``present`` row as well).
    """

    PRESENT = "present"
    CHAIR = "chair"
    ABSENT = "absent"
    OBSERVER = "observer"
    STAFF = "staff"
    SUBSTITUTE = "substitute"


class ColumnMeaning(StrEnum):
    """What a table column holds, read from its header cell (words in :data:`vedtak.lexicon.COLUMN_WORDS`).

    ``Søknadsnr.`` / ``Prosjektnummer`` -> ``application_id``; ``Vedtak`` / ``Innstilling`` -> ``outcome``;
    ``Rangering`` -> ``rank``; ``Prosjekttittel`` -> ``title``; ``Søker`` -> ``applicant``; ``Beløp`` ->
    ``amount``; ``Medlem`` / ``Navn`` -> ``person``; ``Sak`` -> ``case``; ``Grunnlag`` -> ``ground``;
    ``Rolle`` -> ``role``; ``Tilhørighet`` -> ``affiliation``; ``Omfang`` -> ``scope``; ``Til stede`` (with ``Ja`` /
    ``Forfall`` in its cells) -> ``presence``.
    """

    APPLICATION_ID = "application_id"
    OUTCOME = "outcome"
    RANK = "rank"
    TITLE = "title"
    APPLICANT = "applicant"
    AMOUNT = "amount"
    PERSON = "person"
    CASE = "case"
    GROUND = "ground"
    ROLE = "role"
    AFFILIATION = "affiliation"
    SCOPE = "scope"
    PRESENCE = "presence"


class FindingCode(StrEnum):
    """What a finding reports: a contradiction in the papers, or a place vedtak could not read.

    - ``count_mismatch``: ``28 søknader ... avslås`` but another number of ids listed.
    - ``conflicting_outcomes``: one application with two outcomes in one case and stage.
    - ``missing_case_header``: a case paper's form without a header box (no case number).
    - ``no_cases``: a document that looks like board papers but yields no case.
    - ``minutes_case_without_decision``: a minutes case block in which no decision was found.
    - ``habilitet_unresolved``: a habilitet case with neither conflicts nor a no-conflict statement.
    - ``unassigned_application_ids``: six-digit ids in a decision that no rule gave an outcome.
    - ``unknown_table``: a table whose header no rule understood.
    - ``no_text_layer`` / ``unreadable_text``: pages without text, or whose fonts map glyphs to no letters.
    - ``ocr_unavailable`` / ``ocr_low_confidence``: such pages OCR could not read, or read with low confidence.
    - ``meeting_without_number``: a meeting (a book's cover, a minutes' head) whose number (``Møte 3/25``)
      could not be read.
    - ``minutes_without_attendance``: minutes in which no member present (``Til stede``) could be read.
    - ``case_paper_without_proposal``: a case paper whose ``Forslag til vedtak`` gave no text.
    - ``case_number_unread``: minutes in which a line opens with a case number where cases begin (a heading,
      a label column, the first cell of a table row: ``17/19``, ``Sak 45/25``) whose case was not read.
    - ``case_without_title``: a case whose title could not be read (in its header box, beside its number, or as a
      heading before its form).
    - ``application_table_unread``: a table of applications (an id column and an outcome) printed in a case that
      no decision of the case was read with: its rows' outcomes are not in the record.
    """

    COUNT_MISMATCH = "count_mismatch"
    CONFLICTING_OUTCOMES = "conflicting_outcomes"
    MISSING_CASE_HEADER = "missing_case_header"
    NO_CASES = "no_cases"
    MINUTES_CASE_WITHOUT_DECISION = "minutes_case_without_decision"
    HABILITET_UNRESOLVED = "habilitet_unresolved"
    UNASSIGNED_APPLICATION_IDS = "unassigned_application_ids"
    UNKNOWN_TABLE = "unknown_table"
    NO_TEXT_LAYER = "no_text_layer"
    UNREADABLE_TEXT = "unreadable_text"
    OCR_UNAVAILABLE = "ocr_unavailable"
    OCR_LOW_CONFIDENCE = "ocr_low_confidence"
    MEETING_WITHOUT_NUMBER = "meeting_without_number"
    MINUTES_WITHOUT_ATTENDANCE = "minutes_without_attendance"
    CASE_PAPER_WITHOUT_PROPOSAL = "case_paper_without_proposal"
    CASE_NUMBER_UNREAD = "case_number_unread"
    CASE_WITHOUT_TITLE = "case_without_title"
    APPLICATION_TABLE_UNREAD = "application_table_unread"
