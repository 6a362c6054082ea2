"""A meeting: attendance by role, its cases in number order (`10/26` after `9/26`), the documents that
give it, and the findings about its cases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from vedtak.api import readmodel as rm
from vedtak.api.read.common import case_number_key, person_href
from vedtak.api.read.findings import findings
from vedtak.access import Access


def get_meeting(engine: Engine, board_code: str, number: str, access: Access) -> dict[str, Any]:
    """The read model's meeting with its cases in number order, each attendee's `href`, and `findings`."""
    meeting = rm.get_meeting(engine, board_code, number, access)
    meeting["cases"].sort(key=lambda c: case_number_key(c["case_id"]))
    for people in meeting["attendance"].values():
        for entry in people:
            entry["href"] = person_href(entry["name"])
    case_ids = {c["case_id"] for c in meeting["cases"]}
    meeting["findings"] = [f for f in findings(engine, access, board=meeting["board_code"]) if f["case_id"] in case_ids]
    return meeting
