"""Suite-wide policy: a skip for a missing real component is loud, and in CI it is a failure.

Tests that need PostgreSQL, Chromium or ../shared skip with a reason that starts with
`MISSING COMPONENT:`. With VEDTAK_REQUIRE_COMPONENTS set (scripts/test.sh sets it when CI=true),
such a skip is turned into a failure, so CI can never pass without running them. The one
exception is ../shared (NorNE), which does not exist on a user's machine: its skips start with
`MISSING SHARED:` and only fail when VEDTAK_REQUIRE_SHARED is set.
"""

from __future__ import annotations

import os

import pytest

REQUIRE = bool(os.environ.get("VEDTAK_REQUIRE_COMPONENTS"))
REQUIRE_SHARED = bool(os.environ.get("VEDTAK_REQUIRE_SHARED"))
COMPONENT_MARKS = ("MISSING COMPONENT", "REQUIRED but unavailable")
SHARED_MARKS = ("MISSING SHARED", "NorNE data ABSENT")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not report.skipped or not isinstance(report.longrepr, tuple):
        return
    reason = str(report.longrepr[2])
    if (REQUIRE and any(m in reason for m in COMPONENT_MARKS)) or (REQUIRE_SHARED and any(m in reason for m in SHARED_MARKS)):
        report.outcome = "failed"
        report.longrepr = f"required component missing (CI must run this test): {reason}"


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    marks = COMPONENT_MARKS + SHARED_MARKS
    loud = [r for r in skipped if isinstance(r.longrepr, tuple) and any(m in str(r.longrepr[2]) for m in marks)]
    if loud:
        terminalreporter.section("SKIPPED FOR A MISSING COMPONENT", sep="!", red=True, bold=True)
        for r in loud:
            terminalreporter.write_line(f"{r.nodeid}: {r.longrepr[2]}", red=True)
