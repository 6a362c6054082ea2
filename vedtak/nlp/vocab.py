"""Closed vocabularies of the record, as StrEnums whose values are the record's JSON strings.

Each docstring lists the Norwegian words (bokmål and nynorsk) that map to the member; the
matching itself lives in :mod:`vedtak.nlp.normalize` (``outcome_of``, ``outcome_spans``).
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["Outcome", "Stage", "Role", "CaseType", "DocumentKind"]


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
