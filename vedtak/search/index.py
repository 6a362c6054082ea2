"""The derived search index: created idempotently, refreshed incrementally from the store.

The index is a cache of the `cases` texts and can be dropped and rebuilt at any time
(`rebuild`). It lives next to the store's tables, prefixed `search_`, outside the ORM:

- SQLite: an FTS5 table `search_fts(title, decision, proposed, proposed_exempt)` holding the
  LEMMAS of each text (see `text.lemma_text`), rowid = `cases.id`. A proposal of an exempt case
  goes to `proposed_exempt`, so a public query (which never names that column) cannot match it.
- PostgreSQL: `search_case_text(case_pk, exempt, public_tsv, restricted_tsv)` where each tsvector
  is `to_tsvector('norwegian', text) || to_tsvector('simple', lemmas)` (title weight A, adopted
  decision B, proposal C), with a GIN index on each tsvector.
- Both: `search_indexed_documents(document_id)`, the documents already reflected in the index.

What is stale: a case's merged texts only change when a document is loaded (its own
appearances, or those of the version it supersedes, which has the same source). So `refresh`
takes the documents not yet indexed, re-indexes every case appearing in any document with the
same source, and marks them indexed.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Connection, Engine, text

from vedtak.search.text import lemma_text

CHUNK = 500
_PG_LOCK_KEY = 7_402_125_332  # serialises concurrent refreshes on PostgreSQL

SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, decision, proposed, proposed_exempt, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TABLE IF NOT EXISTS search_indexed_documents (document_id INTEGER PRIMARY KEY)",
)
PG_DDL = (
    "CREATE TABLE IF NOT EXISTS search_case_text (case_pk integer PRIMARY KEY, exempt boolean NOT NULL, "
    "public_tsv tsvector NOT NULL, restricted_tsv tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS ix_search_case_text_public ON search_case_text USING gin (public_tsv)",
    "CREATE INDEX IF NOT EXISTS ix_search_case_text_restricted ON search_case_text USING gin (restricted_tsv)",
    "CREATE TABLE IF NOT EXISTS search_indexed_documents (document_id integer PRIMARY KEY)",
)
DROP = ("DROP TABLE IF EXISTS search_fts", "DROP TABLE IF EXISTS search_case_text",
        "DROP TABLE IF EXISTS search_indexed_documents")

# One tsvector per text: Snowball Norwegian stems of the words plus the simplemma lemmas.
_PG_TSV = "setweight(to_tsvector('norwegian', {t}) || to_tsvector('simple', {l}), '{w}')"
PG_UPSERT = (
    "INSERT INTO search_case_text (case_pk, exempt, public_tsv, restricted_tsv) VALUES (:pk, :exempt, "
    + " || ".join(_PG_TSV.format(t=f":{n}", l=f":{n}_l", w=w) for n, w in (("title", "A"), ("decision", "B"), ("proposed", "C")))
    + ", " + _PG_TSV.format(t=":restricted", l=":restricted_l", w="C")
    + ") ON CONFLICT (case_pk) DO UPDATE SET exempt = EXCLUDED.exempt, public_tsv = EXCLUDED.public_tsv, "
    "restricted_tsv = EXCLUDED.restricted_tsv"
)

_lock = threading.Lock()


def dialect(bind: Engine | Connection) -> str:
    """`sqlite` or `postgresql`."""
    return bind.dialect.name


def ensure_schema(conn: Connection) -> None:
    """Create the index tables if missing (idempotent; inside the caller's transaction)."""
    if dialect(conn) == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        ddl = PG_DDL
    else:
        ddl = SQLITE_DDL
    for statement in ddl:
        conn.execute(text(statement))


def _chunks(items: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def has_index(conn: Connection) -> bool:
    """Do the index tables exist in this database?"""
    if dialect(conn) == "postgresql":
        return conn.scalar(text("SELECT to_regclass('search_indexed_documents') IS NOT NULL"))
    return conn.scalar(text("SELECT count(*) FROM sqlite_master WHERE name = 'search_indexed_documents'")) > 0


def pending_documents(conn: Connection) -> list[int]:
    """Ids of documents not reflected in the index yet (all of them when there is no index)."""
    if not has_index(conn):
        return list(conn.scalars(text("SELECT id FROM documents ORDER BY id")))
    return list(conn.scalars(text(
        "SELECT d.id FROM documents d WHERE NOT EXISTS "
        "(SELECT 1 FROM search_indexed_documents s WHERE s.document_id = d.id) ORDER BY d.id"
    )))


def _affected_cases(conn: Connection, documents: Sequence[int]) -> list[int]:
    """Cases appearing in these documents or in any other version of the same sources."""
    cases: set[int] = set()
    for chunk in _chunks(list(documents)):
        params = {f"d{i}": d for i, d in enumerate(chunk)}
        names = ", ".join(f":d{i}" for i in range(len(chunk)))
        cases.update(conn.scalars(text(
            "SELECT DISTINCT a.case_pk FROM case_appearances a JOIN documents d ON d.id = a.document_id "
            f"WHERE a.case_pk IS NOT NULL AND d.source IN (SELECT source FROM documents WHERE id IN ({names}))"
        ), params))
    return sorted(cases)


def _case_rows(conn: Connection, case_pks: Sequence[int] | None) -> Iterator[dict]:
    select = "SELECT id, title, decision, proposed_decision, exempt FROM cases"
    if case_pks is None:
        yield from (dict(r._mapping) for r in conn.execute(text(select + " ORDER BY id")))
        return
    for chunk in _chunks(list(case_pks)):
        params = {f"c{i}": c for i, c in enumerate(chunk)}
        names = ", ".join(f":c{i}" for i in range(len(chunk)))
        yield from (dict(r._mapping) for r in conn.execute(text(f"{select} WHERE id IN ({names})"), params))


def index_rows(rows: Iterable[dict]) -> Iterator[dict]:
    """Index parameters of case rows (id, title, decision, proposed_decision, exempt): texts and lemmas.

    An exempt case's proposal goes to the restricted slot only.
    """
    for row in rows:
        exempt = bool(row.get("exempt"))
        proposed = row.get("proposed_decision") or ""
        texts = {
            "title": row.get("title") or "",
            "decision": row.get("decision") or "",
            "proposed": "" if exempt else proposed,
            "restricted": proposed if exempt else "",
        }
        params = {"pk": row["id"], "exempt": exempt}
        for name, value in texts.items():
            params[name] = value
            params[f"{name}_l"] = lemma_text(value)
        yield params


def _write(conn: Connection, params: list[dict]) -> None:
    if not params:
        return
    if dialect(conn) == "postgresql":
        conn.execute(text(PG_UPSERT), params)
        return
    for chunk in _chunks([p["pk"] for p in params]):
        names = ", ".join(f":c{i}" for i in range(len(chunk)))
        conn.execute(text(f"DELETE FROM search_fts WHERE rowid IN ({names})"), {f"c{i}": c for i, c in enumerate(chunk)})
    conn.execute(
        text("INSERT INTO search_fts (rowid, title, decision, proposed, proposed_exempt) "
             "VALUES (:pk, :title_l, :decision_l, :proposed_l, :restricted_l)"),
        params,
    )


def _index_cases(conn: Connection, case_pks: Sequence[int] | None, batch: int = 2_000) -> int:
    count, params = 0, []
    for item in index_rows(_case_rows(conn, case_pks)):
        params.append(item)
        if len(params) >= batch:
            _write(conn, params)
            count += len(params)
            params = []
    _write(conn, params)
    return count + len(params)


def refresh(engine: Engine, reader: Engine | None = None) -> int:
    """Bring the index up to date with the store; returns the number of cases (re)indexed.

    Cheap when nothing changed (one anti-join over `documents`, through `reader` when given, so
    that the check takes no write lock). `engine` must be allowed to write (the index tables
    only; the store's own tables are never written).
    """
    with (reader or engine).connect() as conn:
        with conn.begin():
            if has_index(conn) and not pending_documents(conn):
                return 0
    with _lock, engine.begin() as conn:
        ensure_schema(conn)
        pending = pending_documents(conn)
        if not pending:
            return 0
        empty = conn.scalar(text("SELECT count(*) FROM search_indexed_documents")) == 0
        count = _index_cases(conn, None if empty else _affected_cases(conn, pending))
        for chunk in _chunks(pending):
            conn.execute(text("INSERT INTO search_indexed_documents (document_id) VALUES (:d)"), [{"d": d} for d in chunk])
        return count


def rebuild(engine: Engine) -> int:
    """Drop and rebuild the whole index; returns the number of cases indexed."""
    with _lock, engine.begin() as conn:
        for statement in DROP:
            conn.execute(text(statement))
        ensure_schema(conn)
        count = _index_cases(conn, None)
        conn.execute(text("INSERT INTO search_indexed_documents (document_id) SELECT id FROM documents"))
        return count
