"""The production path against a REAL Prefect server, as docs/deploy.md tells an operator to run it.

From the project's own environment: `prefect server start` on loopback (a free port, its own
PREFECT_HOME), `prefect work-pool create vedtak --type process`, `prefect deploy --all` from
prefect.yaml, `prefect deployment ls`; the after-meeting schedule makes scheduled flow runs on the
server; `prefect worker start --pool vedtak` runs the backfill deployment over a folder of sample
papers into SQLite and into PostgreSQL to `Completed`, and the store then holds exactly what
`vedtak ingest` makes of the same folder. Every process is stopped at the end, also on failure.

The figures (server start, deploy, schedule, each run) are printed: `pytest tests/deploy -s`.
With SQLAlchemy 2.1.9 installed the schedule test fails (the scheduler makes no runs; its log says
`Can't evaluate bulk DML statement`): that is why pyproject.toml keeps SQLAlchemy below 2.1.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from prefect_stack import ROOT, PrefectStack, wait_until

from db_fixtures import db_url  # noqa: F401  (SQLite and PostgreSQL; tests/support/db_fixtures.py)

# One stack for the module, on one xdist worker; it needs the real server, so it is never skipped.
pytestmark = [pytest.mark.slow, pytest.mark.prefect_server, pytest.mark.xdist_group("prefect-server")]

POOL = "vedtak"
LISTING = "http://127.0.0.1:9/styremoter"  # after-meeting's listing page: its runs are only scheduled here
TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}
RUN_TIMEOUT_S = 600
FIGURES: dict[str, float] = {}


def _prefect_yaml() -> dict:
    return yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory, archive) -> Iterator[PrefectStack]:
    """Server, work pool, both deployments and a process worker for the backfill queue."""
    home = tmp_path_factory.mktemp("prefect-stack")
    stack = PrefectStack(home)
    stack.env.pop("VEDTAK_DATABASE_URL", None)
    stack.env["COLUMNS"] = "200"  # `prefect deployment ls` draws a table as wide as the terminal
    try:
        stack.start_server()
        stack.prefect("work-pool", "create", POOL, "--type", "process")
        started = time.monotonic()
        stack.prefect("deploy", "--all", env={"VEDTAK_LISTING_URL": LISTING, "VEDTAK_ARCHIVE": str(archive)})
        stack.timings["deploy_s"] = time.monotonic() - started
        started = time.monotonic()
        stack.start_worker(POOL, "--work-queue", "backfill", env={"VEDTAK_HOME": str(home / "vedtak-home")})
        stack.timings["worker_start_s"] = time.monotonic() - started
        yield stack
    finally:
        stack.close()
        FIGURES.update(stack.timings)
        print("\nreal Prefect server figures (s): " + ", ".join(f"{k} {v:.1f}" for k, v in FIGURES.items()))
    assert not stack.leftover, f"processes left running: {[p.pid for p in stack.leftover]}"


def test_deploy_creates_both_deployments_from_prefect_yaml(stack):
    listed = stack.prefect("deployment", "ls")
    assert "ingest/after-meeting" in listed and "ingest/backfill" in listed, listed

    for spec in _prefect_yaml()["deployments"]:
        held = stack.deployment(f"ingest/{spec['name']}")
        assert held["entrypoint"] == spec["entrypoint"] == "vedtak.flows.ingest:ingest"
        assert held["work_pool_name"] == POOL and held["work_queue_name"] == spec["work_pool"]["work_queue_name"]
        assert held["parameters"]["backfill"] is spec["parameters"]["backfill"]
    assert stack.deployment("ingest/after-meeting")["parameters"]["sources"] == [LISTING]
    # no pull step in prefect.yaml: Prefect's default runs the flow in the folder deployed from
    assert stack.deployment("ingest/backfill")["pull_steps"] == [
        {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]


def test_after_meeting_schedule_makes_scheduled_runs(stack):
    """The scheduler service makes the after-meeting runs: weekdays at 06:30 in Oslo."""
    deployment = stack.deployment("ingest/after-meeting")
    assert [s["schedule"]["cron"] for s in deployment["schedules"]] == ["30 6 * * 1-5"]
    started = time.monotonic()
    runs = wait_until("the scheduler to make after-meeting flow runs",
                      lambda: [r for r in stack.flow_runs(deployment["id"]) if r["state_type"] == "SCHEDULED"],
                      timeout_s=240, interval_s=1, context=lambda: stack.tail("server"))
    stack.timings["schedule_first_runs_s"] = time.monotonic() - started
    now = dt.datetime.now(dt.UTC)
    for run in runs:
        at = dt.datetime.fromisoformat(run["expected_start_time"])
        in_oslo = at.astimezone(ZoneInfo("Europe/Oslo"))
        assert at > now and (in_oslo.hour, in_oslo.minute) == (6, 30) and in_oslo.weekday() < 5, in_oslo
        assert run["parameters"] == {"sources": [LISTING], "backfill": False}


@contextmanager
def _another_store(db_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty store of the same kind as `db_url` (a SQLite file, or a fresh PostgreSQL database)."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'cli.db'}"
        return
    from vedtak.store.testing import fresh_pg_database

    with fresh_pg_database() as url:
        yield url


def test_worker_runs_backfill_to_completed_and_store_equals_cli_ingest(stack, archive, db_url, tmp_path):
    from faults_support import canonical_dump, dump_difference, ingest
    from sqlalchemy import text

    from vedtak.store.db import make_engine

    kind = db_url.split(":", 1)[0]
    backfill = stack.deployment("ingest/backfill")
    assert backfill["parameters"]["sources"] == [str(archive)]
    started = time.monotonic()
    created = stack.prefect("deployment", "run", "ingest/backfill",
                            "--job-variable", "env=" + json.dumps({"VEDTAK_DATABASE_URL": db_url}))
    flow_run_id = re.search(r"UUID: ([0-9a-f-]{36})", created).group(1)
    run = wait_until(f"flow run {flow_run_id} of ingest/backfill to finish",
                     lambda: (r := stack.flow_run(flow_run_id))["state_type"] in TERMINAL and r,
                     timeout_s=RUN_TIMEOUT_S, interval_s=1, context=lambda: stack.tail("worker"))
    stack.timings[f"backfill_run_{kind}_s"] = time.monotonic() - started
    assert (run["state_type"], run["state_name"]) == ("COMPLETED", "Completed"), stack.tail("worker")

    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            runs = conn.execute(text("SELECT mode, status, flow_run_id, documents_new FROM ingest_runs")).all()
    finally:
        engine.dispose()
    assert [tuple(r) for r in runs] == [("backfill", "ok", flow_run_id, len(list(archive.glob("*.pdf"))))]

    with _another_store(db_url, tmp_path) as cli_url:
        started = time.monotonic()
        code, summary, stderr = ingest([archive], cli_url, cwd=tmp_path)
        stack.timings[f"cli_ingest_{kind}_s"] = time.monotonic() - started
        assert code == 0, stderr
        by_worker, by_cli = canonical_dump(db_url), canonical_dump(cli_url)
    assert len(by_worker["documents"]) == 3 and by_worker["cases"], "the stores are nearly empty"
    assert by_worker == by_cli, dump_difference(by_worker, by_cli)
