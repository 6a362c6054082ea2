"""Does a loader change leave the store the same? Load one scenario of records, dump every table, compare.

A performance change to the loader (`vedtak.store.loader`) must not change a row. Before the change,
dump the store one scenario gives; after it, run the same scenario and compare, on SQLite and PostgreSQL:

    .venv/bin/python -m bench.same_store dump var/store-ref.json var/ref            # records from bench.same_records
    .venv/bin/python -m bench.same_store check var/store-ref.json var/ref
    .venv/bin/python -m bench.same_store check var/store-ref-pg.json var/ref --db "$VEDTAK_TEST_PG_URL"

The records are those `bench.same_records dump` kept (every readable file's JSON record), so the check
does not depend on extraction. The scenario goes through every path of the loader, each a transaction of
its own as an ingest makes them, under an open ingest run:

1. new: the even-numbered records, each under its own file as source;
2. a changed file: each odd-numbered record under the source of the record before it (new content
   supersedes the old: the stale document's cases and meetings are recomputed);
3. re-ingest: phase 2's loads again (unchanged);
4. known contents under other sources: a copy (an even record under a new source), a revert (a source
   given back its phase-1 content), a rename (a phase-2 content under a new name, the old one closed
   `gone`);
5. deleted files: every tenth phase-2 source closed `gone` (`end_source`).

The dump holds every table's rows ordered by primary key (the surrogate ids are kept as they are: a
loader that writes the same rows in the same order gives the same ids, a stricter test than ids mapped
to natural keys), with each timestamp column (and the run's process id) written as `"<time>"` or null (when, not what).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

EXTRACTOR_VERSION = "same-store"


def records_of(ref: Path) -> list[dict[str, Any]]:
    """The records a `bench.same_records` dump holds, in its order (unreadable files left out)."""
    manifest = json.loads((ref / "manifest.json").read_text())
    out: list[dict[str, Any]] = []
    for k in range(len(manifest["files"])):
        text = (ref / f"{k:04d}.json").read_text(encoding="utf-8")
        if not text.startswith("InputError"):
            out.append(json.loads(text))
    return out


def scenario(engine, records: list[dict[str, Any]]) -> dict[str, float]:
    """Run the five phases (module docstring) into `engine`; the seconds each took."""
    from vedtak.store import loader
    from vedtak.store.runs import open_run

    run = open_run(engine, ["same-store"])
    src = [f"src/{k:04d}.pdf" for k in range(len(records))]
    seconds: dict[str, float] = {}

    def load(record: dict[str, Any], source: str) -> None:
        loader.load_record(engine, record, source=source, fetched_at=dt.datetime(2026, 12, 5, tzinfo=dt.UTC),
                           extractor_version=EXTRACTOR_VERSION, ingest_run_id=run)

    def phase(name: str, work) -> None:
        t0 = time.perf_counter()
        work()
        seconds[name] = time.perf_counter() - t0

    evens = range(0, len(records), 2)
    odds = range(1, len(records), 2)
    phase("new", lambda: [load(records[k], src[k]) for k in evens])
    phase("changed", lambda: [load(records[k], src[k - 1]) for k in odds])
    phase("unchanged", lambda: [load(records[k], src[k - 1]) for k in odds])

    def known() -> None:
        for k in list(evens)[::5]:
            load(records[k], f"copy/{k:04d}.pdf")
        for k in list(odds)[::7]:
            load(records[k - 1], src[k - 1])  # revert: the source's phase-1 content again
        for k in list(odds)[3::7]:
            load(records[k], f"renamed/{k:04d}.pdf")
            loader.end_source(engine, src[k - 1])

    phase("known", known)
    phase("gone", lambda: [loader.end_source(engine, src[k - 1]) for k in list(odds)[1::10]])
    return seconds


def dump_tables(engine) -> dict[str, list[list[Any]]]:
    """Every table of the store, its rows ordered by primary key, timestamps as `"<time>"`."""
    from sqlalchemy import DateTime, select

    from vedtak import models

    out: dict[str, list[list[Any]]] = {}
    with engine.connect() as conn:
        for table in models.Base.metadata.sorted_tables:
            timestamps = {c.name for c in table.columns if isinstance(c.type, DateTime)}
            if table.name == "ingest_runs":
                timestamps.add("pid")  # this process's id: which, not what
            names = [c.name for c in table.columns]
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            out[table.name] = [names] + [
                [("<time>" if v is not None else None) if n in timestamps else _plain(v) for n, v in zip(names, row)]
                for row in rows]
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@contextmanager
def store(url: str | None) -> Iterator[Any]:
    """A fresh store: a new SQLite file, or a new database on the PostgreSQL server of `url`."""
    import tempfile

    from vedtak.store.db import make_engine, upgrade

    if url and url.startswith("postgres"):
        import os

        from vedtak.store.testing import fresh_pg_database

        os.environ.setdefault("VEDTAK_TEST_PG_URL", url)
        with fresh_pg_database("vedtak_same_store") as db:
            engine = make_engine(db)
            upgrade(engine)
            try:
                yield engine
            finally:
                engine.dispose()
        return
    with tempfile.TemporaryDirectory(prefix="vedtak-same-store-") as tmp:
        engine = make_engine(f"sqlite:///{tmp}/store.db")
        upgrade(engine)
        try:
            yield engine
        finally:
            engine.dispose()


def take(ref: Path, url: str | None) -> tuple[dict[str, list[list[Any]]], dict[str, float]]:
    """The dump of a fresh store after the scenario, and the seconds of each phase."""
    records = records_of(ref)
    with store(url) as engine:
        seconds = scenario(engine, records)
        return dump_tables(engine), seconds


def compare(was: dict[str, list[list[Any]]], now: dict[str, list[list[Any]]]) -> list[str]:
    """One line per table that differs (the first differing row)."""
    lines = []
    for table in sorted(set(was) | set(now)):
        a, b = was.get(table, []), now.get(table, [])
        if a == b:
            continue
        i = next((k for k, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        lines.append(f"DIFFERS {table}: {len(a) - 1} rows were, {len(b) - 1} now; first at row {i}:\n"
                     f"    was: {a[i] if i < len(a) else None}\n    now: {b[i] if i < len(b) else None}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("dump", "check"))
    parser.add_argument("out", type=Path, help="the store dump (JSON) to write or to compare with")
    parser.add_argument("ref", type=Path, help="a bench.same_records dump folder: the records to load")
    parser.add_argument("--db", help="a PostgreSQL server URL (a fresh database on it); default a fresh SQLite file")
    args = parser.parse_args(argv)
    tables, seconds = take(args.ref, args.db)
    rows = sum(len(t) - 1 for t in tables.values())
    timing = ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items())
    if args.command == "dump":
        args.out.write_text(json.dumps(tables, ensure_ascii=False, default=str))
        print(f"dumped {len(tables)} tables, {rows} rows to {args.out} (load: {timing})")
        return 0
    bad = compare(json.loads(args.out.read_text()), json.loads(json.dumps(tables, ensure_ascii=False, default=str)))
    print("\n".join(bad))
    print(f"{len(tables) - len(bad)} of {len(tables)} tables identical, {rows} rows (load: {timing})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
