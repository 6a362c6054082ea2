"""prefect.yaml: entrypoints resolve to the `ingest` flow, parameters exist, schedules parse."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import yaml

import vedtak.flows  # noqa: F401

PREFECT_YAML = Path(__file__).parents[2] / "prefect.yaml"


def _deployments() -> list[dict]:
    return yaml.safe_load(PREFECT_YAML.read_text(encoding="utf-8"))["deployments"]


@pytest.mark.parametrize("deployment", _deployments(), ids=lambda d: d["name"])
def test_deployment_points_at_ingest(deployment):
    from prefect.flows import load_flow_from_entrypoint

    flow = load_flow_from_entrypoint(deployment["entrypoint"])  # a module path: the installed package
    assert flow.name == "ingest"
    assert set(deployment["parameters"]) <= set(inspect.signature(flow.fn).parameters)


def test_after_meeting_schedule_and_backfill_mode():
    from prefect.client.schemas.schedules import CronSchedule

    by_name = {d["name"]: d for d in _deployments()}
    schedule = by_name["after-meeting"]["schedules"][0]
    assert CronSchedule(cron=schedule["cron"], timezone=schedule["timezone"]).timezone == "Europe/Oslo"
    assert by_name["after-meeting"]["parameters"]["backfill"] is False
    assert by_name["backfill"]["parameters"]["backfill"] is True and "schedules" not in by_name["backfill"]
