"""Real local Prefect runs of the `ingest` flow (no server configured: Prefect's ephemeral API).

The first flow run in a process takes 10-25 s (Prefect starts its temporary server), so
these are marked slow and share one process.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import vedtak.flows  # noqa: F401
from flow_support import FAKE
from test_flow_sources_http import http_site  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow


def _stats(db_url):
    from vedtak.store.db import make_engine
    from vedtak.store.queries import stats

    engine = make_engine(db_url)
    try:
        return stats(engine)
    finally:
        engine.dispose()


def test_flow_run_quarantines_bad_file_and_reruns_unchanged(pdf_folder, db_url, tmp_path):
    from vedtak.flows.ingest import run_ingest
    from vedtak.models import IngestRun, QuarantinedFile
    from vedtak.store.db import make_engine
    from vedtak.access import Access
    from vedtak.store.queries import differing_cases

    (pdf_folder / "skadet.pdf").write_bytes(b"%PDF-1.4\n{ avkuttet")
    cache = str(tmp_path / "cache")
    first = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=cache, extractor=FAKE)
    assert first["documents"] == {"new": 3, "unchanged": 0, "updated": 0, "gone": 0, "skipped": 0, "failed": 1}
    assert 0 < first["extract_and_load_s"] < 60  # the time from the first batch to the last one loaded
    assert first["failures"] == [{"source": str(pdf_folder / "skadet.pdf"),
                                  "reason": f"{pdf_folder / 'skadet.pdf'}: damaged PDF: " + first["failures"][0]["reason"].split("damaged PDF: ", 1)[1]}]
    before = _stats(db_url)
    assert (before["documents"], before["cases"], before["cases_decision_differs"]) == (3, 3, 1)

    second = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=cache, extractor=FAKE)
    assert second["documents"] == {"new": 0, "unchanged": 3, "updated": 0, "gone": 0, "skipped": 0, "failed": 1}
    assert second["extract_and_load_s"] > 0  # the damaged file is tried again
    assert _stats(db_url) == before

    # the minutes are republished with a corrected decision: one document updated, history kept
    from flow_support import record
    from flow_fake_extractor import fake_pdf

    corrected = record("minutes_6_24.json")
    corrected["cases"][1]["decision"] = corrected["cases"][1]["decision"].replace("avslås", "settes på reserveliste")
    (pdf_folder / "2024" / "ps-helse-6-24-protokoll.pdf").write_bytes(fake_pdf(corrected))
    third = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=cache, extractor=FAKE)
    assert third["documents"] == {"new": 0, "unchanged": 2, "updated": 1, "gone": 0, "skipped": 0, "failed": 1}
    after = _stats(db_url)
    assert (after["documents"], after["current_documents"], after["history"]["case_appearances"]) == (4, 3, 2)

    engine = make_engine(db_url)
    with Session(engine) as s:
        runs = s.scalars(select(IngestRun).order_by(IngestRun.id)).all()
        assert [(r.status, r.documents_new, r.documents_unchanged, r.documents_failed) for r in runs] == [
            ("failed", 3, 0, 1), ("failed", 0, 3, 1), ("failed", 0, 2, 1)]
        assert runs[0].flow_run_id and runs[0].records["cases"] == 5 and runs[0].mode == "batch"
        reasons = s.scalars(select(QuarantinedFile.reason)).all()
        assert len(reasons) == 3 and all("skadet.pdf: damaged PDF" in r for r in reasons)
    assert [d.case_id for d in differing_cases(engine, Access.FULL)] == ["PS-HELSE 54/24"]
    engine.dispose()


def test_flow_run_over_http_listing(http_site, tmp_path):  # noqa: F811
    from vedtak.flows.ingest import run_ingest

    from test_flow_sources_http import _Handler

    base, log = http_site
    _Handler.flaky = {"/investeringsplan.pdf": 2}  # the fetch task retries with backoff
    db_url = f"sqlite:///{tmp_path / 'web.db'}"
    cache = str(tmp_path / "cache")
    first = run_ingest([base + "/"], db_url=db_url, cache_dir=cache, extractor=FAKE)
    assert first["documents"]["new"] == 3 and not first["failures"]
    assert all(i["source"].startswith(base) for i in first["items"])
    second = run_ingest([base + "/"], db_url=db_url, cache_dir=cache, extractor=FAKE)
    assert second["documents"]["unchanged"] == 3
    pdf_codes = [code for path, code in log if path.endswith(".pdf")]
    assert sorted(pdf_codes) == [200, 200, 200, 304, 304, 304, 503, 503]


def test_cli_damaged_pdf_exit_code_1(pdf_folder, tmp_path):
    from typer.testing import CliRunner

    from vedtak.cli import app

    (pdf_folder / "ikke-pdf.pdf").write_text("Dette er ikke en PDF")
    db_url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(pdf_folder), "--db", db_url, "--json", "--extractor", FAKE])
    assert result.exit_code == 1, result.output
    assert "ikke-pdf.pdf: not a PDF (no %PDF header)" in result.output
    stats = runner.invoke(app, ["stats", "--db", db_url, "--json"])
    assert stats.exit_code == 0 and '"quarantined_files": 1' in stats.output and '"documents": 3' in stats.output
    # PS-HELSE 54/24 is exempt (U.off. § 14): its proposal only with the API token.
    token = {"VEDTAK_API_TOKEN": "flow-test-token", "VEDTAK_EXPORT_TOKEN": ""}
    diff = runner.invoke(app, ["diff", "--db", db_url, "--json", "--include-exempt", "--token", "flow-test-token"], env=token)
    assert diff.exit_code == 0 and '"case_id": "PS-HELSE 54/24"' in diff.output
    assert runner.invoke(app, ["diff", "--db", db_url, "--json"], env=token).output == "[]\n"


@pytest.mark.parametrize("dask", [False, True], ids=["process-pool", "dask"])
def test_two_workers(pdf_folder, tmp_path, dask):
    """--workers 2: extraction in a pool of 2 processes (or a local Dask cluster), loading here."""
    from vedtak.flows.ingest import run_ingest

    (pdf_folder / "skadet.pdf").write_bytes(b"%PDF-1.4\n{ avkuttet")
    db_url = f"sqlite:///{tmp_path / 'workers.db'}"
    summary = run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=str(tmp_path / "cache"), extractor=FAKE,
                         workers=2, dask=dask)
    assert summary["documents"] == {"new": 3, "unchanged": 0, "updated": 0, "gone": 0, "skipped": 0, "failed": 1}
    assert "skadet.pdf: damaged PDF" in summary["failures"][0]["reason"]
    assert _stats(db_url)["cases"] == 3


def test_cli_rerun_with_nothing_new_records_the_run_without_a_flow(pdf_folder, tmp_path):
    """Nothing new in local files: the run is recorded (counts, no flow run id) and Prefect never starts."""
    import json

    from typer.testing import CliRunner

    from vedtak.models import IngestRun
    from vedtak.cli import app
    from vedtak.store.db import make_engine

    db_url = f"sqlite:///{tmp_path / 'again.db'}"
    args = ["ingest", str(pdf_folder), "--db", db_url, "--json", "--extractor", FAKE]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    summary = json.loads(again.stdout)
    assert summary["documents"] == {"new": 0, "unchanged": 3, "updated": 0, "gone": 0, "skipped": 0, "failed": 0}
    assert [i["status"] for i in summary["items"]] == ["unchanged"] * 3
    assert summary["extract_and_load_s"] == 0.0 and json.loads(first.stdout)["extract_and_load_s"] > 0
    from flow_fake_extractor import fake_pdf
    from flow_support import record

    other = record("other.json")
    other["title"] = "Investeringsplan, revidert"
    (pdf_folder / "2024" / "ny.pdf").write_bytes(fake_pdf(other))
    third = CliRunner().invoke(app, args)  # one new file: the flow runs, and skips the three it knows
    assert third.exit_code == 0, (third.exception, third.stdout[-2000:])
    assert json.loads(third.stdout)["documents"] == {"new": 1, "unchanged": 3, "updated": 0, "gone": 0, "skipped": 0, "failed": 0}
    engine = make_engine(db_url)
    with Session(engine) as s:
        runs = s.scalars(select(IngestRun).order_by(IngestRun.id)).all()
        assert [(r.status, r.documents_new, r.documents_unchanged, bool(r.flow_run_id)) for r in runs] == [
            ("ok", 3, 0, True), ("ok", 0, 3, False), ("ok", 1, 3, True)]
        assert runs[1].finished_at is not None and runs[1].sources == [str(pdf_folder)]
    engine.dispose()


SAMPLES = sorted((__import__("pathlib").Path(__file__).parents[2] / "samples" / "pdf").glob("*.pdf"))


def test_samples_through_real_extractor(db_url, tmp_path):
    """README's main command: samples/ through the real extractor, then a second run: all unchanged."""
    if not SAMPLES:
        pytest.skip("MISSING COMPONENT: samples/pdf/*.pdf (run the samples generator)")
    from vedtak.flows.ingest import run_ingest

    folder = str(SAMPLES[0].parent)
    first = run_ingest([folder], db_url=db_url, cache_dir=str(tmp_path / "cache"))
    assert first["failures"] == []
    assert first["documents"]["new"] == len(SAMPLES)
    before = _stats(db_url)
    assert before["cases"] > 0 and before["application_mentions"] > 0
    if (SAMPLES[0].parent / "klima_3-24_minutes_rl.pdf").exists():  # book 3/24 + its minutes
        assert before["cases_with_proposal_and_decision"] > 0
    second = run_ingest([folder], db_url=db_url, cache_dir=str(tmp_path / "cache"))
    assert second["documents"] == {"new": 0, "unchanged": len(SAMPLES), "updated": 0, "gone": 0, "skipped": 0, "failed": 0}
    assert _stats(db_url) == before


def test_two_cli_ingests_at_once(pdf_folder, db_url, tmp_path):
    """Two `vedtak ingest` processes over the same folder: every document stored once."""
    import json
    import os
    import subprocess
    import sys

    cmd = [sys.executable, "-m", "vedtak.cli", "ingest", str(pdf_folder), "--db", db_url, "--json",
           "--extractor", FAKE]
    env = dict(os.environ, VEDTAK_HOME=str(tmp_path / "home"))
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    summaries = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        summaries.append(json.loads(out))
    assert sum(s["documents"]["new"] for s in summaries) == 3
    assert sum(s["documents"]["unchanged"] for s in summaries) == 3
    stats = _stats(db_url)
    assert (stats["documents"], stats["cases"], stats["meetings"], stats["people"], stats["applications"]) == (
        3, 3, 1, 7, 6)
