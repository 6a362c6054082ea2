"""The real `ingest` flow over a folder whose files are rotated, copied, reverted and deleted
between runs (issue 16, item 1): after each run the store equals a clean run of the same files,
and the run's counts say what happened (new / updated / unchanged / gone)."""

from __future__ import annotations

import shutil

from flow_support import FAKE


def _view(db_url):
    from vedtak.store.db import make_engine
    from vedtak.store.queries import current_view

    engine = make_engine(db_url)
    try:
        return current_view(engine)
    finally:
        engine.dispose()


def _equal_to_clean_run(pdf_folder, db_url, tmp_path, n):
    from vedtak.flows.ingest import run_ingest

    clean = f"sqlite:///{tmp_path / f'clean-{n}.db'}"
    run_ingest([str(pdf_folder)], db_url=clean, cache_dir=str(tmp_path / "cache"), extractor=FAKE)
    got, want = _view(db_url), _view(clean)
    got = {k: [row.replace(str(pdf_folder), "<folder>") for row in v] for k, v in got.items()}
    want = {k: [row.replace(str(pdf_folder), "<folder>") for row in v] for k, v in want.items()}
    assert got["sources"] == want["sources"] and got["documents"] == want["documents"]
    assert got["cases"] == want["cases"] and got["case_appearances"] == want["case_appearances"]
    assert got["meetings"] == want["meetings"] and got["attendance"] == want["attendance"]


def test_rotation_copy_revert_and_deletion_through_the_flow(pdf_folder, db_url, tmp_path):
    from vedtak.flows.ingest import run_ingest

    def run():
        return run_ingest([str(pdf_folder)], db_url=db_url, cache_dir=str(tmp_path / "cache"), extractor=FAKE)["documents"]

    book = pdf_folder / "2024" / "ps-helse-6-24-saksdokumenter.pdf"
    minutes = pdf_folder / "2024" / "ps-helse-6-24-protokoll.pdf"
    plan = pdf_folder / "investeringsplan.pdf"
    assert run()["new"] == 3
    # rotation: the minutes written over the book's name, the book kept as `forrige.pdf`
    shutil.move(book, pdf_folder / "forrige.pdf")
    shutil.copy(minutes, book)
    counts = run()
    assert (counts["new"], counts["updated"], counts["unchanged"]) == (1, 1, 2), counts
    _equal_to_clean_run(pdf_folder, db_url, tmp_path, 1)
    # revert and delete: the book back under its name, `forrige.pdf` and the plan deleted
    shutil.move(pdf_folder / "forrige.pdf", book)
    plan.unlink()
    counts = run()
    assert (counts["updated"], counts["unchanged"], counts["gone"]) == (1, 1, 2), counts
    _equal_to_clean_run(pdf_folder, db_url, tmp_path, 2)
    assert run()["unchanged"] == 2  # and nothing more to do
