"""Norwegian (bokmål) words for the web pages: one place for every label a person reads.

The JSON API keeps its English codes and ISO dates; the pages show these instead. Each table is
keyed by the closed vocabulary it labels (the StrEnums of `vedtak.models` / `vedtak.nlp.vocab`),
so a new member without a label is caught by the tests, and an unknown code shows as itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from vedtak.models import AttendanceRole, ConflictRole, DocumentKind, Outcome, Stage
from vedtak.nlp.vocab import CaseType

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
# Finding codes written by the extractors (extractors/applications.py, extractors/cases.py, vedtak/extract.py).
FINDINGS: Mapping[str, str] = {
    "count_mismatch": "antall stemmer ikke",
    "conflicting_outcomes": "motstridende utfall",
    "missing_case_header": "saksfremlegg uten saksnummer",
    "no_text_layer": "mangler tekstlag",
    "unreadable_text": "uleselig tekst",
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
