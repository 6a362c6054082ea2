"""Source identity apart from content identity (issue 16, item 1).

Files in a folder are overwritten, renamed, copied, rotated and deleted between runs; after every
run the store must equal a clean run over the same files (`current_view`: which source holds
which content, the current documents, their facts and the merged rows they point at). Real
sample PDFs, read once by the real extractor; SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from vedtak.models import Base, Case, Document, DocumentVersion
from vedtak.store.identity import gone_sources, mark_gone, plan_sources
from vedtak.store.loader import LoadStatus, link_source, load_record
from vedtak.store.queries import current_view, stats
from vedtak.store.sources import Fetched, sha256_file

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "pdf"
# Two documents of one meeting (proposals and adopted decisions of the same cases), and one
# meeting book in two layouts (the same cases read from two files).
CONTENTS = ("klima_3-24_book_rl_above.pdf", "klima_3-24_minutes_rl.pdf",
            "helse_1-25_seed_lo_above.pdf", "helse_1-25_seed_rl_beside.pdf")
NAMES = ("A.pdf", "B.pdf", "X.pdf")


@pytest.fixture(scope="module")
def records() -> dict[str, dict]:
    """The real extractor's record of each content, by sha256 (read once: extraction is deterministic)."""
    from vedtak.extract import extract_file

    return {sha256_file(SAMPLES / name): extract_file(SAMPLES / name) for name in CONTENTS}


@pytest.fixture
def clean_url(db_url, tmp_path):
    """A second empty store on the same kind of database, for the clean rebuild."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'clean.db'}"
        return
    from vedtak.store.testing import fresh_pg_database

    with fresh_pg_database("vedtak_clean") as url:
        yield url


def _engine(url: str):
    from vedtak.store.db import make_engine, upgrade

    engine = make_engine(url)
    upgrade(engine)
    return engine


def _empty(engine) -> None:
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


def run_once(engine, folder: Path, records: dict[str, dict]) -> None:
    """What one ingest run over `folder` does with the store (flows/ingest.py, without Prefect)."""
    now = dt.datetime.now(dt.UTC)
    fetched = [Fetched(str(p), str(p), sha256_file(p), now) for p in sorted(folder.glob("*.pdf"))]
    plan = plan_sources(engine, fetched)
    for f in plan.link:
        assert link_source(engine, f.source, f.sha256) is not None
    for f in plan.extract:
        load_record(engine, records[f.sha256], source=f.source, fetched_at=f.fetched_at)
    for f in plan.link_after:
        assert link_source(engine, f.source, f.sha256) is not None
    mark_gone(engine, gone_sources(engine, [str(folder)]))


def assert_equals_clean_run(engine, clean, folder: Path, records: dict[str, dict]) -> None:
    _empty(clean)
    run_once(clean, folder, records)
    got, want = current_view(engine), current_view(clean)
    for name in sorted(set(got) | set(want)):
        assert got.get(name) == want.get(name), f"{name} differs from a clean run of {sorted(os_listing(folder))}"


def os_listing(folder: Path) -> list[str]:
    return [p.name for p in folder.glob("*.pdf")]


# --- the probes of the issue, one by one ---------------------------------------------------


def test_overwrite_with_another_stored_files_bytes_is_a_change(db_url, clean_url, tmp_path, records):
    """`A.pdf` overwritten with the bytes of `B.pdf` (already stored): A now holds B's content,
    and A's old content is no longer current (it was reported `unchanged` forever)."""
    engine, clean = _engine(db_url), _engine(clean_url)
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(SAMPLES / CONTENTS[0], folder / "A.pdf")
    shutil.copy(SAMPLES / CONTENTS[2], folder / "B.pdf")
    run_once(engine, folder, records)
    shutil.copy(folder / "B.pdf", folder / "A.pdf")
    plan = plan_sources(engine, [Fetched(str(folder / "A.pdf"), str(folder / "A.pdf"),
                                         sha256_file(folder / "A.pdf"), None)])
    assert plan.unchanged == [] and len(plan.link) == 1
    run_once(engine, folder, records)
    assert_equals_clean_run(engine, clean, folder, records)
    with Session(engine) as s:
        assert s.scalar(select(Document.is_current).where(Document.sha256 == sha256_file(SAMPLES / CONTENTS[0]))) is False
    engine.dispose(), clean.dispose()


def test_rotation_keeps_both_documents_current(db_url, clean_url, tmp_path, records):
    """New minutes written over `A.pdf`, the previous ones saved as `X.pdf`: two current documents,
    as a clean run has (the store had one, and two cases lost their titles and proposals)."""
    engine, clean = _engine(db_url), _engine(clean_url)
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(SAMPLES / CONTENTS[0], folder / "A.pdf")
    run_once(engine, folder, records)
    shutil.move(folder / "A.pdf", folder / "X.pdf")
    shutil.copy(SAMPLES / CONTENTS[1], folder / "A.pdf")
    run_once(engine, folder, records)
    assert stats(engine)["current_documents"] == 2
    assert_equals_clean_run(engine, clean, folder, records)
    with Session(engine) as s:
        x = s.execute(select(DocumentVersion.version, DocumentVersion.valid_to)
                      .where(DocumentVersion.source == str(folder / "X.pdf"))).all()
        assert [(v, to is None) for v, to in x] == [(1, True)]
        assert s.scalar(select(Case).where(Case.title.is_(None)).limit(1)) is None
    engine.dispose(), clean.dispose()


def test_deleted_file_is_kept_and_marked_gone(db_url, clean_url, tmp_path, records):
    """A deleted file: its source and history stay, its version is closed `gone`, and its content is
    no longer current (unless another file still holds it); a later run changes nothing more."""
    engine, clean = _engine(db_url), _engine(clean_url)
    folder = tmp_path / "papers"
    folder.mkdir()
    for name, content in (("A.pdf", 0), ("B.pdf", 1), ("C.pdf", 1)):
        shutil.copy(SAMPLES / CONTENTS[content], folder / name)
    run_once(engine, folder, records)
    (folder / "A.pdf").unlink()
    (folder / "B.pdf").unlink()
    assert gone_sources(engine, [str(folder)]) == [str(folder / "A.pdf"), str(folder / "B.pdf")]
    assert gone_sources(engine, [str(folder / "C.pdf")]) == []  # a spec naming other files marks nothing
    run_once(engine, folder, records)
    assert_equals_clean_run(engine, clean, folder, records)
    with Session(engine) as s:
        ends = dict(s.execute(select(DocumentVersion.source, DocumentVersion.end_reason)).all())
        assert ends == {str(folder / "A.pdf"): "gone", str(folder / "B.pdf"): "gone", str(folder / "C.pdf"): None}
        current = dict(s.execute(select(Document.sha256, Document.is_current)).all())
        assert current == {sha256_file(SAMPLES / CONTENTS[0]): False, sha256_file(SAMPLES / CONTENTS[1]): True}
    assert gone_sources(engine, [str(folder)]) == []
    # the file back again: a new version of the same source, current again
    shutil.copy(SAMPLES / CONTENTS[0], folder / "A.pdf")
    result = link_source(engine, str(folder / "A.pdf"), sha256_file(folder / "A.pdf"))
    assert result.status is LoadStatus.UPDATED and result.version == 2
    engine.dispose(), clean.dispose()


# --- any sequence of file operations -------------------------------------------------------

_name = st.sampled_from(NAMES)
_op = st.one_of(
    st.tuples(st.just("write"), _name, st.integers(0, len(CONTENTS) - 1)),
    st.tuples(st.just("copy"), _name, _name),
    st.tuples(st.just("rename"), _name, _name),
    st.tuples(st.just("delete"), _name),
    st.tuples(st.just("ingest")),
)


def _apply(folder: Path, op: tuple) -> None:
    kind, *args = op
    if kind == "write":
        shutil.copy(SAMPLES / CONTENTS[args[1]], folder / args[0])
    elif kind in ("copy", "rename") and (folder / args[0]).exists() and args[0] != args[1]:
        (shutil.copy if kind == "copy" else shutil.move)(folder / args[0], folder / args[1])
    elif kind == "delete" and (folder / args[0]).exists():
        (folder / args[0]).unlink()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(ops=st.lists(_op, min_size=1, max_size=10))
def test_any_sequence_of_file_operations_ends_equal_to_a_clean_run(db_url, clean_url, tmp_path_factory, records, ops):
    """Overwrites, renames, copies, rotations and deletions in any order, with runs in between:
    after each run the store equals a clean run over the folder as it is then."""
    engine, clean = _engine(db_url), _engine(clean_url)
    try:
        _empty(engine)
        folder = tmp_path_factory.mktemp("papers")
        for op in [*ops, ("ingest",)]:
            if op[0] == "ingest":
                run_once(engine, folder, records)
                assert_equals_clean_run(engine, clean, folder, records)
            else:
                _apply(folder, op)
    finally:
        engine.dispose()
        clean.dispose()


def test_a_renamed_files_document_names_where_it_is_now(db_url, tmp_path, records):
    """After `A.pdf` is renamed `X.pdf`, the document's source is `X.pdf` (the API serves its PDF from
    there); after X is deleted too, it keeps the last place it was."""
    engine = _engine(db_url)
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(SAMPLES / CONTENTS[0], folder / "A.pdf")
    run_once(engine, folder, records)
    shutil.move(folder / "A.pdf", folder / "X.pdf")
    run_once(engine, folder, records)
    with Session(engine) as s:
        assert s.execute(select(Document.source, Document.is_current)).all() == [(str(folder / "X.pdf"), True)]
    (folder / "X.pdf").unlink()
    run_once(engine, folder, records)
    with Session(engine) as s:
        assert s.execute(select(Document.source, Document.is_current)).all() == [(str(folder / "X.pdf"), False)]
    engine.dispose()


def test_a_copy_leaves_the_documents_source_where_it_was(db_url, tmp_path, records):
    engine = _engine(db_url)
    folder = tmp_path / "papers"
    folder.mkdir()
    shutil.copy(SAMPLES / CONTENTS[0], folder / "A.pdf")
    run_once(engine, folder, records)
    shutil.copy(folder / "A.pdf", folder / "B.pdf")
    run_once(engine, folder, records)
    with Session(engine) as s:
        assert s.execute(select(Document.source)).scalars().all() == [str(folder / "A.pdf")]
    engine.dispose()
