"""An application (søknad): every decision on it — stage, outcome, rank, case, meeting — once with all its
sources, its budget cuts and the findings about it (`conflicting_outcomes`: reserve rank 1 and rejected
in the same case)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from vedtak.api import readmodel as rm
from vedtak.api.read.common import one_fact_many_sources
from vedtak.api.read.decisions import DecisionFilters, list_decisions
from vedtak.api.read.findings import findings
from vedtak.access import Access


def get_application(engine: Engine, application_id: str, access: Access) -> dict[str, Any]:
    """The read model's application (every mention) plus `decisions` (one per stage, outcome and rank in a
    case, with `sources`, oldest meeting first), `budget_cuts` grouped the same way, and `findings`.

    An application the caller may see no mention of is not found, like one that does not exist."""
    app = rm.get_application(engine, application_id, access)
    decisions = list_decisions(engine, access, DecisionFilters(application=app["application_id"]), sort="date",
                               descending=False, everything=True)["items"]
    app["decisions"] = decisions
    app["budget_cuts"] = one_fact_many_sources(app["budget_cuts"], lambda b: (b["case_id"], b["amount_nok"], b["stage"]))
    app["findings"] = findings(engine, access, application=app["application_id"])
    return app
