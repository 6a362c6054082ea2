"""Norwegian (bokmål) words for the web pages: one place for every label a person reads.

The JSON API keeps its English codes and ISO dates; the pages show these instead. Each table is
keyed by the closed vocabulary it labels (the StrEnums of `vedtak.models` / `vedtak.nlp.vocab`),
so a new member without a label is caught by the tests, and an unknown code shows as itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from vedtak.models import AttendanceRole, ConflictRole, DocumentKind, Outcome, Stage
from vedtak.nlp.vocab import CaseType, FindingCode

OUTCOMES: Mapping[str, str] = {Outcome.GRANTED: "innvilget", Outcome.REJECTED: "avslått", Outcome.RESERVE: "reserveliste"}
STAGES: Mapping[str, str] = {Stage.PROPOSED: "forslag", Stage.ADOPTED: "vedtatt"}
CONFLICT_ROLES: Mapping[str, str] = {ConflictRole.INHABILE: "inhabil", ConflictRole.ACTING_CHAIR: "settestyreleder",
                                     ConflictRole.SUBSTITUTE: "settemedlem"}
ATTENDANCE_ROLES: Mapping[str, str] = {
    AttendanceRole.PRESENT: "til stede", AttendanceRole.CHAIR: "leder", AttendanceRole.ABSENT: "forfall",
    AttendanceRole.OBSERVER: "observatør", AttendanceRole.STAFF: "fra Forskningsrådet",
    AttendanceRole.SUBSTITUTE: "settemedlem",
}
ROLES: Mapping[str, str] = {**ATTENDANCE_ROLES, **CONFLICT_ROLES}
CASE_TYPES: Mapping[str, str] = {CaseType.DECISION: "beslutningssak", CaseType.INFORMATION: "orienteringssak"}
DOCUMENT_KINDS: Mapping[str, str] = {DocumentKind.CASE_PAPERS: "saksdokumenter", DocumentKind.MINUTES: "møteprotokoll",
                                     DocumentKind.OTHER: "annet dokument"}
# The values of `vedtak.api.read.cases.case_status`.
STATUSES: Mapping[str, str] = {"decided": "vedtatt", "proposed": "foreslått", "information": "orientering",
                               "registered": "registrert"}
# Every finding code (`vedtak.nlp.vocab.FindingCode`): what the papers contradict themselves on, and what vedtak
# could not read.
FINDINGS: Mapping[str, str] = {
    FindingCode.COUNT_MISMATCH: "antall stemmer ikke",
    FindingCode.CONFLICTING_OUTCOMES: "motstridende utfall",
    FindingCode.MISSING_CASE_HEADER: "saksfremlegg uten saksnummer",
    FindingCode.NO_CASES: "ingen saker lest",
    FindingCode.MINUTES_CASE_WITHOUT_DECISION: "sak i protokollen uten vedtak",
    FindingCode.HABILITET_UNRESOLVED: "habilitet uavklart",
    FindingCode.UNASSIGNED_APPLICATION_IDS: "søknadsnummer uten utfall",
    FindingCode.UNKNOWN_TABLE: "ukjent tabell",
    FindingCode.NO_TEXT_LAYER: "mangler tekstlag",
    FindingCode.UNREADABLE_TEXT: "uleselig tekst",
    FindingCode.OCR_UNAVAILABLE: "tekstgjenkjenning ikke tilgjengelig",
    FindingCode.OCR_LOW_CONFIDENCE: "usikker tekstgjenkjenning",
    FindingCode.MEETING_WITHOUT_NUMBER: "møte uten møtenummer",
    FindingCode.MINUTES_WITHOUT_ATTENDANCE: "protokoll uten oppmøte",
    FindingCode.CASE_PAPER_WITHOUT_PROPOSAL: "saksfremlegg uten forslag til vedtak",
    FindingCode.CASE_NUMBER_UNREAD: "saksnummer ikke lest",
    FindingCode.CASE_WITHOUT_TITLE: "sak uten tittel",
    FindingCode.APPLICATION_TABLE_UNREAD: "søknadstabell ikke lest",
}
# HTTP statuses of the error page.
HTTP_ERRORS: Mapping[int, str] = {400: "Ugyldig forespørsel", 401: "Ikke tilgang", 403: "Unntatt offentlighet",
                                  404: "Finnes ikke", 405: "Ikke tillatt", 422: "Ugyldige parametre",
                                  500: "Intern feil"}
# Column and sort names of the decision list as shown on the page.
SORTS: Mapping[str, str] = {"date": "dato", "application": "søknad", "case": "sak", "outcome": "utfall",
                            "board": "styre"}

TABLES: Mapping[str, Mapping] = {"outcome": OUTCOMES, "stage": STAGES, "role": ROLES, "case_type": CASE_TYPES,
                                 "document_kind": DOCUMENT_KINDS, "status": STATUSES, "finding": FINDINGS}


def label(kind: str, code: str | None) -> str:
    """The Norwegian word for `code` in vocabulary `kind`: `label("outcome", "granted")` -> `innvilget`;
    an unknown code is shown as it is, None as the empty string."""
    if code is None:
        return ""
    return str(TABLES[kind].get(code, code))


def no_date(value: str | dt.date | None) -> str:
    """A date as people in Norway write it: `2024-12-02` -> `02.12.2024`; None -> the empty string."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.strftime("%d.%m.%Y")


def kroner(amount: int | None) -> str:
    """`1000000` -> `1 000 000 kr` (thin groups with a no-break space)."""
    if amount is None:
        return ""
    return f"{amount:,}".replace(",", "\u00a0") + "\u00a0kr"


def install(env) -> None:
    """Register the filters (`label`, `no_date`, `kroner`) and tables on a Jinja2 environment."""
    env.filters["no_date"] = no_date
    env.filters["kroner"] = kroner
    env.globals["label"] = label
    env.globals.update(outcome_labels=OUTCOMES, stage_labels=STAGES, role_labels=ROLES, http_errors=HTTP_ERRORS,
                       finding_labels=FINDINGS)
