"""Hostile PDFs, made here (issue 16, item 3): a 500 x 500 ruling grid (~18 minutes in the table
finder before), 20 pages of graph paper (153 s), a ~2 KB decompression bomb (2.1 GB). Through
`vedtak ingest` as a user runs it: each is read within its bounds or fails alone with one clear
line, is quarantined, and is skipped on the next run until it changes; good files beside them load."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from faults_support import ROOT, bomb_pdf, ingest, ruling_grid_pdf

GOOD = [ROOT / "samples" / "pdf" / "klima_3-24_minutes_rl.pdf", ROOT / "samples" / "pdf" / "hav_2-26_book_lo_beside.pdf"]


def _edges(horizontal: int, vertical: int, step: float = 5.0):
    from vedtak.pdf.raw import Edge

    h = [Edge(0.0, i * step, vertical * step, i * step, "h") for i in range(horizontal)]
    v = [Edge(j * step, 0.0, j * step, horizontal * step, "v") for j in range(vertical)]
    return h + v


@pytest.mark.parametrize(("horizontal", "vertical", "cells"), [
    (61, 7, 60 * 6),     # an application table filling a page: 60 rows x 6 columns, read as cells
    (3, 3, 4),           # a header box split in four
    (51, 51, 0),         # graph paper: 2,601 crossings, no table
    (500, 500, 0),       # the 500 x 500 grid of the issue
])
def test_table_finder_is_not_given_a_ruling_grid(horizontal, vertical, cells):
    from vedtak.pdf.layout import _table_cells

    _table_cells.cache_clear()
    started = time.perf_counter()
    found = _table_cells(tuple(_edges(horizontal, vertical, 12.0)), ())
    print(f"{horizontal} x {vertical} lines: {len(found)} cells in {time.perf_counter() - started:.3f} s")
    assert len(found) == cells


@pytest.mark.slow
def test_hostile_pdfs_fail_alone_and_are_skipped_until_changed(tmp_path):
    folder = tmp_path / "innboks"
    folder.mkdir()
    for path in GOOD:
        shutil.copyfile(path, folder / path.name)
    ruling_grid_pdf(folder / "rutenett-500.pdf", 500)
    ruling_grid_pdf(folder / "millimeterpapir-20-sider.pdf", 120, pages=20)
    (folder / "bombe.pdf").write_bytes(bomb_pdf(768))
    assert (folder / "bombe.pdf").stat().st_size < 4096
    db_path = tmp_path / "store.db"
    db = f"sqlite:///{db_path}"
    bounds = ("--doc-timeout", "90", "--doc-memory-mb", "400")

    started = time.perf_counter()
    code, summary, err = ingest([folder], db, *bounds, cwd=tmp_path)
    print(f"first run: {time.perf_counter() - started:.1f} s, extract_and_load_s "
          f"{summary and summary.get('extract_and_load_s')}")
    assert code == 1 and summary is not None, err[-2000:]
    status = {Path(i["source"]).name: i["status"] for i in summary["items"]}
    assert status == {p.name: "new" for p in GOOD} | {"rutenett-500.pdf": "new", "millimeterpapir-20-sider.pdf": "new",
                                                        "bombe.pdf": "failed"}, summary["failures"]
    (failure,) = summary["failures"]
    assert failure["reason"].startswith(f"{folder / 'bombe.pdf'}: the PDF reader crashed on it or went over the "
                                        "memory limit (400 MB)"), failure
    assert "Traceback" not in err and "".join(f"failed {failure['reason']}".split()) in "".join(err.split())
    with sqlite3.connect(db_path, timeout=10) as conn:
        assert conn.execute("SELECT kind, resolved_at FROM quarantined_files").fetchall() == [("crash", None)]

    # the next run does not read the bomb again: skipped, named, exit 1
    code, summary, err = ingest([folder], db, *bounds, cwd=tmp_path)
    assert code == 1, err[-2000:]
    assert summary["documents"]["skipped"] == 1 and summary["documents"]["unchanged"] == 4, summary["documents"]
    assert "skipped" in err and "bombe.pdf" in err and "--retry-limited" in err
