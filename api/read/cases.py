"""A case for the workbench: the read model's case plus its decisions on applications, each once with every
source (the approved minutes of one meeting are often carried by several meeting books)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from vedtak.access import Access
from vedtak.api import readmodel as rm
from vedtak.api.read.common import case_number_key, one_fact_many_sources
from vedtak.api.read.decisions import DecisionFilters, list_decisions


def get_case(engine: Engine, case_id: str, access: Access) -> dict[str, Any]:
    """`readmodel.get_case` plus `decisions` (one row per application, stage, outcome and rank, with
    `sources`), and `grouped`: its conflicts, findings and budget cuts once per fact with `sources`."""
    case = rm.get_case(engine, case_id, access)
    decisions = list_decisions(engine, access, DecisionFilters(case=case["case_id"]), sort="application",
                               descending=False, everything=True)["items"]
    case["decisions"] = sorted(decisions, key=lambda d: (d["stage"] != "proposed", d["application_id"], d["outcome"]))
    case["grouped"] = {
        "conflicts": one_fact_many_sources(case["conflicts"], lambda c: (c["person"], c["role"], c["scope"], c["stage"],
                                                                          c["recorded_in"])),
        "findings": one_fact_many_sources(case["findings"], lambda f: (f["code"], f["application_id"], f["message"])),
        "budget_cuts": one_fact_many_sources(case["budget_cuts"], lambda b: (b["application_id"], b["amount_nok"],
                                                                             b["stage"])),
    }
    case["references"] = sorted(case["references"], key=case_number_key)
    return case
