"""vedtak.access at the level of its parts: what an exempt paper is (minutes attached in a book are not),
which pages a public PDF blanks, and the blanked copy itself (pypdfium2, real sample PDFs)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from vedtak.access import Access, Section, exempt_pages, is_exempt_paper, redacted_pages
from vedtak.models import CaseAppearance, Document
from vedtak.search.testing import REPO


@pytest.mark.parametrize(("sections", "pages", "blank"), [
    # the hav book: 11/26 (exempt) starts on p. 6, 12/26 on p. 8 -> 6 and 7
    ([Section(2, False), Section(6, True), Section(8, False)], 8, [6, 7]),
    # an exempt paper last in the book runs to the end
    ([Section(2, False), Section(5, True)], 7, [5, 6, 7]),
    # attached minutes (a public section) end the exempt paper before them
    ([Section(3, True), Section(4, False), Section(9, True)], 10, [3, 9, 10]),
    # a page where an exempt paper and a public section both start is blanked
    ([Section(4, False), Section(4, True), Section(6, False)], 8, [4, 5]),
    # no exempt paper, nothing blanked; a missing page number is ignored
    ([Section(2, False), Section(0, True)], 4, []),
])
def test_redacted_pages(sections, pages, blank):
    assert sorted(redacted_pages(sections, pages)) == blank


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from vedtak.search.testing import build_store, hav_minutes
    from vedtak.store.db import make_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('rule') / 'store.db'}"
    build_store(url, extra=(hav_minutes(),))
    eng = make_engine(url)
    yield eng
    eng.dispose()


def _papers(engine, source_like: str) -> dict[str, bool]:
    from vedtak.models import Case

    with engine.connect() as conn:
        rows = conn.execute(
            select(Case.case_id, is_exempt_paper().label("paper"))
            .join(CaseAppearance, CaseAppearance.case_pk == Case.id)
            .join(Document, Document.id == CaseAppearance.document_id)
            .where(Document.source.like(source_like))
        ).all()
    return {r.case_id: bool(r.paper) for r in rows}


def test_minutes_attached_in_a_book_are_not_an_exempt_paper(engine):
    """The seed book carries the approved minutes of 6/24 (exempt 54/24, 55/24 adopted there): public."""
    papers = _papers(engine, "%helse_1-25_seed_lo_beside%")
    assert papers["PS-HELSE 54/24"] is False and papers["PS-HELSE 55/24"] is False
    assert not any(papers.values())


def test_an_exempt_case_paper_is_one(engine):
    papers = _papers(engine, "%hav_2-26_book%")
    assert papers["PS-HAV 11/26"] is True and papers["PS-HAV 12/26"] is False
    assert _papers(engine, "%hav_2-26_minutes_synthetic%") == {"PS-HAV 11/26": False, "PS-HAV 12/26": False}


@pytest.mark.parametrize(("source", "blank"), [
    ("samples/pdf/hav_2-26_book_lo_beside.pdf", [6, 7]),
    ("samples/pdf/helse_1-25_seed_lo_beside.pdf", []),  # exempt cases only in attached minutes
    ("samples/pdf/klima_2-23_minutes_rl.pdf", []),
])
def test_exempt_pages_of_sample_documents(engine, source, blank):
    with engine.connect() as conn:
        doc_id = conn.scalar(select(Document.id).where(Document.source == source))
        assert sorted(exempt_pages(conn, doc_id)) == blank


def test_blanked_copy_keeps_every_other_page_and_is_cached(tmp_path):
    from access_crawl import pdf_text

    from vedtak.api.pdfcopy import public_copy

    source = REPO / "samples/pdf/hav_2-26_book_lo_beside.pdf"
    original = pdf_text(source.read_bytes())
    copy = public_copy(source, "ab" * 32, {6, 7}, tmp_path)
    assert copy.parent == tmp_path and copy != source
    blanked = pdf_text(copy.read_bytes())
    assert len(blanked) == len(original) == 8
    assert blanked[5].strip() == blanked[6].strip() == "" and "11/26" in original[5]
    assert [blanked[i] for i in (0, 1, 2, 3, 4, 7)] == [original[i] for i in (0, 1, 2, 3, 4, 7)]
    made = copy.stat().st_mtime_ns
    assert public_copy(source, "ab" * 32, {6, 7}, tmp_path) == copy and copy.stat().st_mtime_ns == made
    assert public_copy(source, "ab" * 32, set(), tmp_path) == source
    assert not list(tmp_path.glob(".partial-*"))


def test_predicates_are_true_for_a_token_holder():
    from sqlalchemy import true

    from vedtak import access as acl

    for name in ("mention_visible", "conflict_visible", "finding_visible", "person_visible", "application_visible",
                 "reference_visible", "case_visible", "meeting_visible", "budget_cut_visible", "declaration_visible"):
        assert getattr(acl, name)(Access.FULL).compare(true()), name
        assert not getattr(acl, name)(Access.PUBLIC).compare(true()), name
