"""The derived index follows the store: new documents, later versions of a document, rebuilds."""

from __future__ import annotations

from sqlalchemy import text

from vedtak.search.index import has_index, pending_documents, rebuild, refresh
from vedtak.search.query import search
from vedtak.search.testing import new_version, sample_records
from vedtak.store.db import make_engine
from vedtak.store.loader import load_record


def _record(name: str):
    return next((s, r) for s, r in sample_records() if s.endswith(name))


def _velferd_minutes():
    return _record("velferd_4-23_minutes_rl.pdf")


def test_refresh_follows_new_documents_and_later_versions(empty_url):
    engine = make_engine(empty_url)
    try:
        source, record = _velferd_minutes()
        load_record(engine, record, source=source)
        hits = search(engine, "avslått").hits
        case_id = next(h["case_id"] for h in hits if "<mark>avslås</mark>" in (h["snippet"] or ""))
        with engine.connect() as conn:
            assert pending_documents(conn) == []

        def edit(r):  # the later version rewrites that decision: `avslås` becomes `innvilges`, with a new word
            for case in r["cases"]:
                if case["case_id"] == case_id:
                    case["decision"] = case["decision"].replace("avslås", "innvilges") + "\nTilleggsvedtak om kvantefysikk."

        load_record(engine, new_version(record, edit), source=source)
        assert case_id in {h["case_id"] for h in search(engine, "kvantefysikk").hits}
        after = search(engine, "avslått", limit=200).hits
        assert all(case_id != h["case_id"] or "avslås" not in (h["snippet"] or "") for h in after)
        assert case_id in {h["case_id"] for h in search(engine, "innvilget", limit=200).hits}
    finally:
        engine.dispose()


def test_rebuild_equals_incremental(empty_url):
    engine = make_engine(empty_url)
    try:
        for name in ("klima_2-23_minutes_rl.pdf", "klima_3-24_book_rl_above.pdf"):
            source, record = _record(name)
            load_record(engine, record, source=source)
            refresh(engine)
        incremental = [h["case_id"] for h in search(engine, "søknad", limit=200).hits]
        assert rebuild(engine) > 0
        with engine.connect() as conn:
            assert has_index(conn)
            assert conn.scalar(text("SELECT count(*) FROM search_indexed_documents")) == 2
        assert [h["case_id"] for h in search(engine, "søknad", limit=200).hits] == incremental
    finally:
        engine.dispose()


def test_empty_store_searches_without_error(empty_url):
    engine = make_engine(empty_url)
    try:
        assert search(engine, "avslått").hits == []
    finally:
        engine.dispose()
