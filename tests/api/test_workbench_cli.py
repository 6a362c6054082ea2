"""The workbench on the command line: `vedtak diff` marks differences and gives operations in --json;
`vedtak search --format csv` prints the decision list; the board charts are plain SVG."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from api_support import TOKEN
from vedtak.api.charts import stacked_bars
from vedtak.api.diff import word_diff
from vedtak.commands.diff import marked

VEDTAK = str(Path(sys.executable).parent / "vedtak")
EXEMPT_ONLY_APPLICATION = "330002"  # named only in the exempt proposal of PS-KLIMA 18/24 (klima_3-24 meeting book)


def _run(*args: str) -> subprocess.CompletedProcess:
    """`vedtak ARGS` with the test token configured as the API token (and none offered by the environment)."""
    env = {**os.environ, "VEDTAK_API_TOKEN": TOKEN, "VEDTAK_EXPORT_TOKEN": ""}
    return subprocess.run([VEDTAK, *args], capture_output=True, text=True, timeout=120, env=env)


@pytest.mark.parametrize(("proposed", "adopted", "left", "right"), [
    ("Søknad 355815 innvilges.", "Søknad 355815 avslås.", "Søknad 355815 [-innvilges.-]", "Søknad 355815 {+avslås.+}"),
    ("Porteføljestyret har behandlet 11 søknader.", "Porteføljestyret har behandlet 12 søknader.",
     "Porteføljestyret har behandlet [-11-] søknader.", "Porteføljestyret har behandlet {+12+} søknader."),
    ("under 5,0 avslås en bloc", "under 4,5 avslås", "under [-5,0-] avslås [-en bloc-]", "under {+4,5+} avslås"),
])
def test_terminal_marks_without_colour(proposed, adopted, left, right):
    assert marked(word_diff(proposed, adopted), colour=False) == (left, right)


def test_colour_marks_are_rich_markup_with_escaped_text():
    left, right = marked(word_diff("sak [b] innvilges", "sak [b] avslås"), colour=True)
    assert "[red strike]innvilges[/red strike]" in left and "[bold green]avslås[/bold green]" in right
    assert "\\[b]" in left  # text that looks like markup (bold) stays text


def test_vedtak_diff_marks_and_gives_operations(store_url, client):
    # PS-HAV 11/26 is exempt (U.off. § 14): its proposal only with the API token, as in the API and the export.
    text = _run("diff", "--db", store_url, "--board", "ps-hav", "--include-exempt", "--token", TOKEN)
    assert text.returncode == 0, text.stderr
    assert "[-11-]" in text.stdout and "{+12+}" in text.stdout
    cases = json.loads(_run("diff", "--db", store_url, "--json", "--include-exempt", "--token", TOKEN).stdout)
    hav = next(c for c in cases if c["case_id"] == "PS-HAV 11/26")
    assert {"op": "replace", "proposed": "11", "adopted": "12"} in hav["ops"]
    assert "-Porteføljestyret har behandlet 11 søknader" in hav["unified"]
    public = {c["case_id"] for c in json.loads(_run("diff", "--db", store_url, "--json").stdout)}
    withheld = {c["case_id"] for c in cases} - public
    assert "PS-HAV 11/26" in withheld and public and public < {c["case_id"] for c in cases}
    assert all(client.get("/cases/" + quote(c, safe="/")).json()["exempt"] for c in withheld)
    assert not any(client.get("/cases/" + quote(c, safe="/")).json()["exempt"] for c in public)
    assert "Porteføljestyret har behandlet 11 søknader" not in _run("diff", "--db", store_url, "--board", "ps-hav").stdout


def test_vedtak_search_csv_is_the_decision_list(store_url, client):
    run = _run("search", "--db", store_url, "--board", "PS-KLIMA", "--year", "2024", "--outcome", "granted",
               "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    api = client.get("/decisions.csv", params={"board": "PS-KLIMA", "year": 2024, "outcome": "granted"}).text
    assert run.stdout == api and len(rows) == 18
    bad = _run("search", "--db", store_url, "*")
    assert bad.returncode == 2 and "ingen ord" in bad.stderr


def test_stacked_bars_svg():
    svg = stacked_bars([("2023", {"granted": 9, "rejected": 10}), ("2024", {"granted": 18, "rejected": 20})],
                       [("granted", "innvilget", "#0a0"), ("rejected", "avslått", "#a00")],
                       chart_id="c", title="Utfall <per> år")
    assert svg.startswith("<svg") and svg.endswith("</svg>") and "Utfall &lt;per&gt; år" in svg
    bars = re.findall(r'data-group="(\d+)" data-series="(\w+)" data-value="(\d+)" x="\d+" y="\d+" width="\d+" '
                      r'height="(\d+)"', svg)
    assert [(g, s, int(v)) for g, s, v, _ in bars] == [("2023", "granted", 9), ("2023", "rejected", 10),
                                                        ("2024", "granted", 18), ("2024", "rejected", 20)]
    heights = {(g, s): int(h) for g, s, _, h in bars}
    assert heights[("2024", "rejected")] > heights[("2024", "granted")] > heights[("2023", "rejected")]
    assert stacked_bars([], [("granted", "innvilget", "#0a0")], chart_id="e", title="tom").count("<rect") == 1


@pytest.mark.parametrize(("flags", "shown"), [((), False), (("--full", "--token", TOKEN), True),
                                              (("--include-exempt", "--token", TOKEN), True)])
def test_search_shows_an_exempt_case_paper_only_with_the_token(store_url, client, auth, flags, shown):
    """`vedtak search` follows the rule of `vedtak export` and of the API's bearer token (vedtak.access)."""
    run = _run("search", "--db", store_url, "--application", EXEMPT_ONLY_APPLICATION, "--json", *flags)
    assert run.returncode == 0, run.stderr
    hits = [json.loads(line) for line in run.stdout.splitlines()]
    assert bool(hits) is shown
    assert all((h["case_id"], h["stage"]) == ("PS-KLIMA 18/24", "proposed") for h in hits)
    api = client.get("/search", params={"application": EXEMPT_ONLY_APPLICATION}, headers=auth if shown else {}).json()
    assert [(h["case_id"], h["outcome"], h["stage"]) for h in api["hits"]] == [
        (h["case_id"], h["outcome"], h["stage"]) for h in hits]


def test_search_csv_with_the_token_is_the_token_holders_list(store_url, client, auth):
    params = {"board": "PS-KLIMA", "year": 2024, "stage": "proposed"}
    full = _run("search", "--db", store_url, "--board", "PS-KLIMA", "--year", "2024", "--stage", "proposed",
                "--format", "csv", "--include-exempt", "--token", TOKEN)
    assert full.returncode == 0, full.stderr
    assert full.stdout == client.get("/decisions.csv", params=params, headers=auth).text
    public = _run("search", "--db", store_url, "--board", "PS-KLIMA", "--year", "2024", "--stage", "proposed",
                  "--format", "csv")
    assert public.stdout == client.get("/decisions.csv", params=params).text
    assert len(public.stdout.splitlines()) < len(full.stdout.splitlines())


@pytest.mark.parametrize("command", [
    ("search", "--application", EXEMPT_ONLY_APPLICATION, "--full"),
    ("search", "--application", EXEMPT_ONLY_APPLICATION, "--include-exempt", "--token", "wrong-token"),
    ("search", "--board", "PS-KLIMA", "--format", "csv", "--full"),
    ("diff", "--include-exempt"),
    ("diff", "--include-exempt", "--token", "wrong-token"),
])
def test_exempt_texts_without_the_token_are_refused(store_url, command):
    run = _run(*command, "--db", store_url)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.startswith(f"vedtak {command[0]}: --include-exempt needs the API token")
