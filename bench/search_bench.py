"""Search latency over a store of 100,000 synthetic cases, on SQLite and on PostgreSQL (no assertions).

Builds the store with Core bulk inserts (documents, meetings, people, cases, applications and their
mentions, conflicts, attendance), builds the search index (`vedtak.search.index.rebuild`), then runs
typical searches many times each and prints p50/p95 in milliseconds.

Run: .venv/bin/python bench/search_bench.py [--cases 100000] [--repeat 40] [--backend sqlite|postgresql|both]
PostgreSQL: $VEDTAK_TEST_PG_URL, else the server of scripts/pg.sh (a fresh database, dropped after).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BOARDS = ["PS-HELSE", "PS-KLIMA", "PS-HAV", "PS-VELFERD", "PS-MULTEK", "PS-ENERGI", "PS-HUMSAM", "PS-NATTEK"]
TOPICS = ["kunstig intelligens", "kvantefysikk", "havvind", "sjøfugl", "marin forsøpling", "folkehelse", "kreftbehandling",
          "klimatilpasning", "utdanning", "arbeidsliv", "velferdsteknologi", "batterier", "hydrogen", "biologisk mangfold",
          "psykisk helse", "antibiotikaresistens", "digitalisering", "samisk kultur", "fiskehelse", "permafrost",
          "havforsuring", "eldreomsorg", "barnevern", "karbonfangst", "solenergi", "nanoteknologi", "genterapi",
          "demokrati", "migrasjon", "matsikkerhet"]
NAMES = ["Ole A. Andreassen", "Sameline Grimsgaard", "Eirik Abildsnes", "Tove Klæboe Nilsen", "Åse Bjørk-Skaflestad",
         "Bettina Husebø", "Marianne van der Wel", "Frode Strisland", "Oddrun Samdal", "Eric Breit"]
FIRST = ["Kari", "Per", "Ingrid", "Lars", "Sigrid", "Nils", "Hanne", "Jon", "Marit", "Arne", "Liv", "Knut", "Randi", "Terje"]
LAST = ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Dahl", "Lunde", "Moen", "Strand", "Solberg", "Eide"]
CASES_PER_MEETING = 10


def _people() -> list[str]:
    names = list(NAMES)
    for first in FIRST:
        for last in LAST:
            names.append(f"{first} {last}")
    return names


def _decision(rng: random.Random, ids: list[str], outcomes: list[str], topic: str) -> str:
    words = {"granted": ["tildeles støtte", "innvilges", "bevilges"], "rejected": ["avslås", "avslås en bloc", "vert avslått"],
             "reserve": ["settes på reserveliste", "rangeres på reservelisten"]}
    lines = [f"Porteføljestyret vedtar følgende for utlysningen om {topic}:"]
    for app_id, outcome in zip(ids, outcomes):
        lines.append(f"Søknad {app_id} {rng.choice(words[outcome])}.")
    if rng.random() < 0.3:
        lines.append(f"Budsjettet for søknad {ids[0]} reduseres med {rng.randint(1, 9)} millioner kroner.")
    return "\n".join(lines)


def build(url: str, n_cases: int, seed: int = 7) -> dict[str, float]:
    """Fill an empty, migrated store with `n_cases` synthetic cases via Core bulk inserts; returns timings."""
    from sqlalchemy import insert

    from vedtak.models import (
        Application,
        ApplicationMention,
        Attendance,
        Case,
        Conflict,
        Document,
        DocumentVersion,
        Meeting,
        Person,
        normalise_name,
    )
    from vedtak.store.db import make_engine, upgrade

    rng = random.Random(seed)
    engine = make_engine(url)
    upgrade(engine)
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    people = _people()
    n_meetings = n_cases // CASES_PER_MEETING
    t0 = time.perf_counter()
    docs, versions, meetings, cases, apps, mentions, conflicts, attendance = [], [], [], [], [], [], [], []
    app_seq = 300000
    for m in range(n_meetings):
        board = BOARDS[m % len(BOARDS)]
        year = 2015 + (m * 11 // n_meetings)
        date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
        number = f"{m // len(BOARDS) % 90 + 1}/{year % 100:02d}"
        doc_id, meeting_id = m + 1, m + 1
        docs.append({"id": doc_id, "sha256": f"{doc_id:064x}", "source": f"bench/{board}/{doc_id}.pdf", "fetched_at": now,
                     "kind": "minutes", "pages": 12, "board": board, "board_code": board, "language": "nb",
                     "extractor_version": "bench", "is_current": True})
        versions.append({"source": f"bench/{board}/{doc_id}.pdf", "version": 1, "document_id": doc_id, "valid_from": now})
        meetings.append({"id": meeting_id, "board_code": board, "number": f"{number}#{m}", "board": board, "date": date})
        for who in rng.sample(range(len(people)), 8):
            attendance.append({"document_id": doc_id, "meeting_id": meeting_id, "person_id": who + 1, "role": "present",
                               "name_as_written": people[who], "page": 1})
        for k in range(CASES_PER_MEETING):
            case_pk = m * CASES_PER_MEETING + k + 1
            topic = rng.choice(TOPICS)
            ids, outcomes = [], []
            for _ in range(rng.randint(1, 4)):
                app_seq += 1
                ids.append(str(app_seq))
                outcomes.append(rng.choices(["granted", "rejected", "reserve"], [4, 5, 1])[0])
            decision = _decision(rng, ids, outcomes, topic)
            proposed = decision if rng.random() < 0.8 else decision.replace("avslås", "innvilges")
            exempt = "U.off. § 14" if rng.random() < 0.3 else None
            cases.append({"id": case_pk, "case_id": f"{board} {case_pk}/{year % 100:02d}", "board_code": board,
                          "meeting_id": meeting_id, "title": f"Tildeling av midler til {topic}" + (" [U.off. § 14]" if exempt else ""),
                          "case_type": "decision", "exempt": exempt, "proposed_decision": proposed, "proposed_document_id": doc_id,
                          "proposed_page": 3, "decision": decision, "decision_document_id": doc_id, "decision_page": 4,
                          "decision_differs": proposed != decision})
            for seq, (app_id, outcome) in enumerate(zip(ids, outcomes)):
                apps.append({"id": int(app_id) - 300000, "application_id": app_id})
                for stage in ("proposed", "adopted"):
                    mentions.append({"document_id": doc_id, "application_pk": int(app_id) - 300000, "case_pk": case_pk,
                                     "outcome": outcome, "stage": stage, "seq": len(mentions), "page": 4})
            if rng.random() < 0.1:
                for role, who in (("inhabile", rng.randrange(len(people))), ("acting_chair", 1)):
                    conflicts.append({"document_id": doc_id, "case_pk": case_pk, "person_id": who + 1,
                                      "name_as_written": people[who], "role": role, "stage": "adopted",
                                      "recorded_in": None, "meeting_id": meeting_id, "seq": len(conflicts), "page": 2})
    generated = time.perf_counter() - t0
    t0 = time.perf_counter()
    with engine.begin() as conn:
        conn.execute(insert(Person), [{"id": i + 1, "name_key": normalise_name(n), "name": n} for i, n in enumerate(people)])
        for model, rows in ((Document, docs), (DocumentVersion, versions), (Meeting, meetings), (Case, cases),
                            (Application, apps), (ApplicationMention, mentions), (Conflict, conflicts),
                            (Attendance, attendance)):
            for start in range(0, len(rows), 20_000):
                conn.execute(insert(model), rows[start:start + 20_000])
    inserted = time.perf_counter() - t0
    if engine.dialect.name == "postgresql":
        from sqlalchemy import text

        with engine.begin() as conn:
            for table in ("documents", "meetings", "cases", "applications", "people"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
            conn.execute(text("ANALYZE"))
    from vedtak.search.index import rebuild

    t0 = time.perf_counter()
    indexed = rebuild(engine)
    index_time = time.perf_counter() - t0
    if engine.dialect.name == "postgresql":
        from sqlalchemy import text

        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    engine.dispose()
    rows = len(docs) + len(meetings) + len(cases) + len(apps) + len(mentions) + len(conflicts) + len(attendance)
    return {"generate_s": generated, "insert_s": inserted, "rows": rows, "index_s": index_time, "indexed": indexed}


def queries(rng: random.Random, n_cases: int) -> dict[str, Callable[[], tuple]]:
    """Typical searches, each a function giving (query, Filters, access) with varied values."""
    from vedtak.access import Access
    from vedtak.search.query import Filters

    def year_range():
        year = rng.randint(2015, 2024)
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    return {
        "text: common word `avslått` (~half the cases)": lambda: ("avslått", Filters(), Access.PUBLIC),
        "text: topic word (`kvantefysikk`, ~3%)": lambda: (rng.choice(["kvantefysikk", "havvind", "permafrost", "genterapi"]),
                                                           Filters(), Access.PUBLIC),
        "text: two words (`søknader havvind`)": lambda: (f"søknader {rng.choice(TOPICS).split()[0]}", Filters(), Access.PUBLIC),
        "text + board + year": lambda: ("innvilget", Filters(board=rng.choice(BOARDS), date_from=(y := year_range())[0],
                                                              date_to=y[1]), Access.PUBLIC),
        "text, token holder (exempt proposals too)": lambda: ("avslått", Filters(), Access.FULL),
        "--application ID": lambda: (None, Filters(application=str(300001 + rng.randrange(n_cases * 2))), Access.PUBLIC),
        "--person NAME (conflicts, attendance)": lambda: (None, Filters(person=rng.choice(NAMES)), Access.PUBLIC),
        "filters only: board + outcome + year": lambda: (None, Filters(board=rng.choice(BOARDS), outcome="granted",
                                                                       date_from=(y := year_range())[0], date_to=y[1]),
                                                         Access.PUBLIC),
    }


def measure(url: str, n_cases: int, repeat: int) -> list[tuple[str, float, float, int]]:
    """(label, p50 ms, p95 ms, hits of the last run) per typical search."""
    from vedtak.search.query import search
    from vedtak.store.db import make_engine

    engine = make_engine(url, write=False)
    rng = random.Random(11)
    out = []
    for label, make in queries(rng, n_cases).items():
        times, hits = [], 0
        for i in range(repeat + 3):
            q, f, access = make()
            t0 = time.perf_counter()
            hits = len(search(engine, q, f, access=access, limit=20, refresh_index=False).hits)
            if i >= 3:  # the first runs warm caches
                times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        out.append((label, statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)], hits))
    from vedtak.search.index import refresh

    times = []
    for _ in range(repeat):  # what `vedtak search` adds per call (the API checks at most every 2 s)
        t0 = time.perf_counter()
        refresh(engine)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    out.append(("index freshness check (nothing new)", statistics.median(times), times[int(len(times) * 0.95) - 1], 0))
    engine.dispose()
    return out


def report(backend: str, built: dict[str, float], results) -> None:
    """Print one backend's figures."""
    print(f"\n== {backend}: {built['rows']:,} rows inserted in {built['insert_s']:.1f} s "
          f"({built['rows'] / built['insert_s']:,.0f} rows/s; generated in {built['generate_s']:.1f} s); "
          f"index of {built['indexed']:,} cases built in {built['index_s']:.1f} s")
    print(f"{'search':48} {'p50 ms':>8} {'p95 ms':>8} {'hits':>5}")
    for label, p50, p95, hits in results:
        print(f"{label:48} {p50:8.1f} {p95:8.1f} {hits:5d}")


def main() -> None:
    """Build the stores, run the searches, print p50/p95."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{Path(tmp) / 'bench.db'}"
            built = build(url, args.cases)
            report("SQLite (FTS5 over lemmas)", built, measure(url, args.cases, args.repeat))
    if args.backend in ("postgresql", "both"):
        from vedtak.store.testing import PgUnavailable, fresh_pg_database

        try:
            with fresh_pg_database("vedtak_bench") as url:
                built = build(url, args.cases)
                report("PostgreSQL (tsvector norwegian + lemmas, GIN)", built, measure(url, args.cases, args.repeat))
        except PgUnavailable as exc:
            print(f"\nPostgreSQL skipped: {exc}")


if __name__ == "__main__":
    main()
