"""`vedtak export`: formats, stable documented columns, --since, the exempt rule."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api_support import TOKEN
from vedtak.api.export import COLUMNS
from vedtak.cli import app

DOC = Path(__file__).parents[2] / "docs" / "exports.md"


def documented_columns() -> dict[str, list[tuple[str, str]]]:
    body = DOC.read_text(encoding="utf-8").split("<!-- columns:start")[1].split("<!-- columns:end")[0]
    tables: dict[str, list[tuple[str, str]]] = {}
    current = None
    for line in body.splitlines():
        if line.startswith("### "):
            current = line[4:].strip()
            tables[current] = []
        elif current and (m := re.match(r"\| (\w+) \| (\w+) \|", line)) and m[1] != "column":
            tables[current].append((m[1], m[2]))
    return tables


def test_docs_list_exactly_the_exported_columns():
    assert documented_columns() == COLUMNS


def run_export(store_url, out, *args):
    result = CliRunner().invoke(app, ["export", "--db", store_url, "--out", str(out), *args],
                                env={"VEDTAK_API_TOKEN": TOKEN})
    assert result.exit_code == 0, result.output
    return json.loads((out / "manifest.json").read_text())


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_every_format_has_one_file_per_type_with_the_columns(store_url, tmp_path, fmt):
    manifest = run_export(store_url, tmp_path, "--format", fmt)
    assert set(manifest["files"]) == set(COLUMNS)
    for name, spec in COLUMNS.items():
        path = tmp_path / manifest["files"][name]["file"]
        if fmt == "csv":
            with path.open(encoding="utf-8") as handle:
                rows = list(csv.reader(handle))
            header, rows = rows[0], rows[1:]
        elif fmt == "json":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            header = list(rows[0]) if rows else [c for c, _ in spec]
        else:
            import pyarrow.parquet as pq

            table = pq.read_table(path)
            header, rows = table.column_names, table.to_pylist()
        assert header == [c for c, _ in spec], name
        assert len(rows) == manifest["files"][name]["rows"]
    assert manifest["files"]["cases"]["rows"] > 50 and manifest["files"]["applications"]["rows"] > 100


def test_exempt_proposals_are_withheld_unless_asked(store_url, tmp_path):
    public = run_export(store_url, tmp_path / "public", "--format", "json")
    rows = [json.loads(x) for x in (tmp_path / "public" / "cases.jsonl").read_text().splitlines()]
    exempt = [r for r in rows if r["exempt"]]
    assert exempt and all(r["proposed_decision"] is None for r in exempt)
    assert any(r["redacted"] for r in exempt) and any(r["decision"] for r in exempt)
    assert (public["access"], public["exempt_texts_included"]) == ("public", False)
    full = run_export(store_url, tmp_path / "full", "--format", "json", "--include-exempt", "--token", TOKEN)
    rows = [json.loads(x) for x in (tmp_path / "full" / "cases.jsonl").read_text().splitlines()]
    assert any(r["exempt"] and r["proposed_decision"] for r in rows) and not any(r["redacted"] for r in rows)
    assert full["files"]["applications"]["rows"] > public["files"]["applications"]["rows"]
    assert (full["access"], full["exempt_texts_included"]) == ("full", True) and "token" in full["access_rule"]


@pytest.mark.parametrize("token", [None, "wrong-token"])
def test_include_exempt_needs_the_api_token(store_url, tmp_path, token):
    args = ["export", "--db", store_url, "--out", str(tmp_path / "x"), "--include-exempt"] + (["--token", token] if token else [])
    result = CliRunner().invoke(app, args, env={"VEDTAK_API_TOKEN": TOKEN, "VEDTAK_EXPORT_TOKEN": ""})
    assert result.exit_code == 2 and "needs the API token" in result.output
    assert not (tmp_path / "x" / "manifest.json").exists()


def test_public_export_leaves_out_exempt_only_applications(store_url, tmp_path):
    """The export composes the same rule: no application id known only from an exempt case paper."""
    from access_oracle import secrets_of
    from vedtak.search.testing import hav_minutes, sample_records

    secrets = secrets_of([r for _, r in (*sample_records(), hav_minutes())])
    run_export(store_url, tmp_path / "p", "--format", "json")
    exported = {json.loads(x)["application_id"] for x in (tmp_path / "p" / "applications.jsonl").read_text().splitlines()}
    exported |= {json.loads(x)["application_id"] for x in (tmp_path / "p" / "budget_cuts.jsonl").read_text().splitlines()}
    assert secrets.application_ids and not exported & secrets.application_ids
    run_export(store_url, tmp_path / "f", "--format", "json", "--include-exempt", "--token", TOKEN)
    full = {json.loads(x)["application_id"] for x in (tmp_path / "f" / "applications.jsonl").read_text().splitlines()}
    assert secrets.application_ids <= full


def test_since_cursor_exports_only_what_changed(store_url, tmp_path):
    first = run_export(store_url, tmp_path / "a", "--format", "csv")
    again = run_export(store_url, tmp_path / "b", "--format", "csv", "--since", first["next_since"])
    assert all(info["rows"] == 0 for info in again["files"].values())
    old = run_export(store_url, tmp_path / "c", "--format", "csv", "--since", "2000-01-01")
    assert {k: v["rows"] for k, v in old["files"].items()} == {k: v["rows"] for k, v in first["files"].items()}
    bad = CliRunner().invoke(app, ["export", "--db", store_url, "--out", str(tmp_path / "d"), "--since", "nonsense"])
    assert bad.exit_code == 2 and "cursor" in bad.output
