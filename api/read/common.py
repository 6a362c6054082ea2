"""What the workbench's read modules share: links, case-number order, one fact with several sources."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from typing import Any
from urllib.parse import quote

from sqlalchemy import func

_NUMBER = re.compile(r"(?:(?P<board>\S+)\s+)?(?P<num>\d+)/(?P<year>\d{2})")


def case_number_key(case_id: str | None) -> tuple:
    """Sort key putting cases in number order: `PS-HAV 7/26` before `PS-HAV 10/26` (a string sort puts
    `10/26` first); ids that are not `BOARD N/YY` go last, by their text."""
    match = _NUMBER.fullmatch(case_id or "")
    if not match:
        return (1, "", 0, 0, case_id or "")
    return (0, match["board"] or "", int(match["year"]), int(match["num"]), case_id)


def case_number_order(column) -> tuple:
    """SQL order by case number within a board and year: canonical ids have no leading zeros, so a
    shorter `N/YY` is a smaller N (`length`, then the text; the same on SQLite and PostgreSQL)."""
    return (func.length(column), column)


def meeting_href(board_code: str, number: str) -> str:
    """API path of a meeting: `PS-HELSE`, `6/24` -> `/meetings/PS-HELSE/6/24`."""
    return f"/meetings/{quote(board_code, safe='')}/{number}"


def person_href(name: str) -> str:
    """API path of a person: `Ole A. Andreassen` -> `/people/Ole%20A.%20Andreassen`."""
    return "/people/" + quote(name, safe="")


def application_href(application_id: str) -> str:
    """API path of an application: `/applications/355815`."""
    return f"/applications/{application_id}"


def board_href(board_code: str) -> str:
    """API path of a board: `/boards/PS-HELSE`."""
    return f"/boards/{quote(board_code, safe='')}"


def ui(href: str | None) -> str | None:
    """The web page of an API path: `/cases/PS-HELSE%2054/24` -> `/ui/cases/PS-HELSE%2054/24`."""
    return "/ui" + href if href else None


def one_fact_many_sources(rows: Iterable[dict[str, Any]], key: Callable[[dict[str, Any]], Hashable]) -> list[dict[str, Any]]:
    """Rows that state the same fact (same `key`) from several documents -> one row with every `source`
    in `sources`, in the order first seen. A meeting book that carries the approved minutes of an earlier
    meeting and the minutes themselves give each decision twice: it is one decision with two sources."""
    merged: dict[Hashable, dict[str, Any]] = {}
    for row in rows:
        k = key(row)
        if k not in merged:
            merged[k] = {**row, "sources": []}
        if row.get("source") and row["source"] not in merged[k]["sources"]:
            merged[k]["sources"].append(row["source"])
    return list(merged.values())


def canonical_case_id(written: str) -> str | None:
    """The canonical id of a case id as documents print it, when it differs from what was written:
    `PS-HELSE 05/25`, `ps-helse 5/25`, `PS-HELSE sak 5/25`, `Sak PS-HELSE 05/25` -> `PS-HELSE 5/25`;
    None when `written` is canonical already or is no case id (then it is looked up as it is)."""
    from vedtak.nlp.ids import canonical_case_id as canonical

    found = canonical(" ".join(written.split()).upper()) if len(written) <= 200 else None
    return found if found and found != written else None
