"""A synthetic meeting book for the access tests: one public and one exempt case paper, where the exempt
paper alone names an application (371001, the issue's example), a person and her role (inhabil), a budget
cut, references, attachments, a case officer and a finding. The samples have no person named only in an
exempt paper; this record adds one. Record format: docs/record-semantics.md (no PDF behind it)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

SOURCE = "samples/pdf/test_access_book_synthetic.pdf"
EXEMPT_CASE = "PS-TEST 3/26"
PUBLIC_CASE = "PS-TEST 2/26"


def _prov(page: int) -> dict[str, Any]:
    return {"page": page, "bbox": None}


def exempt_book() -> tuple[str, dict[str, Any]]:
    """(source, record) of the synthetic book of `PS-TEST 2/26` (møte 2/26)."""
    meeting = {"board": "Porteføljestyret for test", "board_code": "PS-TEST", "number": "2/26", "date": "2026-04-20",
               "time": None, "place": "Forskningsrådet, møterom Fram", "present": [], "chair": None, "absent": [],
               "observers": [], "staff": [], "substitutes": [], "source_kind": "meeting_book", "provenance": _prov(1)}
    paper = {"meeting": "2/26", "case_type": "decision", "decision": None, "decision_provenance": None,
             "responsible_director": "Ole Johan Borge", "from": "Områdedirektør Anne Kjersti Fahlvik"}
    cases = [
        {**paper, "case_id": PUBLIC_CASE, "title": "Tildeling til tareprosjekter", "exempt": None,
         "proposed_decision": "Porteføljestyret innvilger søknad 371002 Åpen prosjekttittel om tang og tare.",
         "references": ["PS-TEST 9/25"], "case_officers": ["Torbjørg Øyslebø"], "attachments": [],
         "proposed_provenance": _prov(2), "provenance": _prov(2)},
        {**paper, "case_id": EXEMPT_CASE, "title": "Tildeling til havisprosjekter [U.off. § 14]", "exempt": "U.off. § 14",
         "proposed_decision": ("Porteføljestyret innvilger søknad 371001 Skjult prosjekt om havisens framtid. "
                               "Søknad 371002 avslås fordi budsjettrammen for havis er brukt opp. "
                               "Sigrun Skjult-Hansen er inhabil og fratrer møtet under behandlingen av denne saken."),
         "references": ["PS-TEST 8/25"], "case_officers": ["Ulrikke Usynlig Ulvestad"],
         "attachments": ["Hemmelig søkerliste for havisprosjektene i 2026"],
         "proposed_provenance": _prov(3), "provenance": _prov(3)},
    ]
    applications = [
        {"application_id": "371002", "case_id": PUBLIC_CASE, "outcome": "granted", "stage": "proposed", "rank": None,
         "title": "Åpen prosjekttittel om tang og tare", "provenance": _prov(2)},
        {"application_id": "371001", "case_id": EXEMPT_CASE, "outcome": "granted", "stage": "proposed", "rank": None,
         "title": "Skjult prosjekt om havisens framtid", "provenance": _prov(3)},
        {"application_id": "371001", "case_id": EXEMPT_CASE, "outcome": "rejected", "stage": "proposed", "rank": None,
         "title": None, "provenance": _prov(3)},
        {"application_id": "371002", "case_id": EXEMPT_CASE, "outcome": "rejected", "stage": "proposed", "rank": None,
         "title": "Hemmelig arbeidstittel på tareprosjektet", "provenance": _prov(3)},
    ]
    record = {
        "schema_version": "1",
        "document": {"sha256": "", "source": SOURCE, "kind": "case_papers", "pages": 3, "board": meeting["board"],
                     "board_code": "PS-TEST", "language": "nb"},
        "meetings": [meeting],
        "cases": cases,
        "conflicts": [{"case_id": EXEMPT_CASE, "person": "Sigrun Skjult-Hansen", "role": "inhabile", "scope": None,
                       "affiliation": None, "recorded_in": EXEMPT_CASE, "meeting": "2/26", "stage": "proposed",
                       "provenance": _prov(3)}],
        "conflict_declarations": [],
        "applications": applications,
        "budget_cuts": [{"application_id": "371001", "case_id": EXEMPT_CASE, "amount_nok": 1_500_000,
                         "stage": "proposed", "provenance": _prov(3)}],
        "findings": [{"code": "conflicting_outcomes",
                      "message": "application 371001 in PS-TEST 3/26 (proposed) has 2 outcomes: granted, rejected",
                      "case_id": EXEMPT_CASE, "application_id": "371001", "provenance": _prov(3)}],
    }
    record["document"]["sha256"] = hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()
    return SOURCE, record
