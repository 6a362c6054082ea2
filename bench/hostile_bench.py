"""Hostile PDFs under the per-document bounds (issue 16, item 3): time and outcome of each.

Makes the files of tests/faults (a 500 x 500 ruling grid, 20 pages of graph paper, a ~2 KB
decompression bomb of 1 GiB) and reads each in a vedtak worker process with the default limits
(vedtak.batch.Limits), into a throwaway SQLite store. Prints seconds and the outcome per file.
No assertions.

Run: .venv/bin/python bench/hostile_bench.py [--bomb-mb 1024]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bomb-mb", type=int, default=1024)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "tests" / "faults"))
    from faults_support import bomb_pdf, ruling_grid_pdf

    from vedtak.batch import Limits, WorkerPool
    from vedtak.store.db import make_engine, upgrade
    from vedtak.store.runs import open_run
    from vedtak.store.sources import Fetched, sha256_file

    with tempfile.TemporaryDirectory(prefix="vedtak-hostile-") as tmp:
        folder = Path(tmp)
        ruling_grid_pdf(folder / "grid-500x500.pdf", 500)
        ruling_grid_pdf(folder / "graph-paper-20-pages.pdf", 120, pages=20)
        (folder / f"bomb-{args.bomb_mb}MiB.pdf").write_bytes(bomb_pdf(args.bomb_mb))
        db = f"sqlite:///{folder / 'store.db'}"
        engine = make_engine(db)
        upgrade(engine)
        run_id = open_run(engine, [str(folder)])
        engine.dispose()
        limits = Limits.resolve()
        print(f"limits: {limits.seconds:g} s, {limits.memory_mb} MB above the warmed worker")
        pool = WorkerPool(1, limits=limits)
        sample = REPO / "samples/pdf/klima_2-23_minutes_rl.pdf"
        warm = Fetched(str(sample), str(sample), sha256_file(sample), dt.datetime.now(dt.UTC))
        try:
            for path in sorted(folder.glob("*.pdf")):
                pool.run(1, warm, db, run_id)  # a warmed worker (a replacement after a failure) before timing
                fetched = Fetched(str(path), str(path), sha256_file(path), dt.datetime.now(dt.UTC))
                started = time.perf_counter()
                outcome = pool.run(1, fetched, db, run_id)
                took = time.perf_counter() - started
                what = getattr(outcome, "status", None)
                what = f"loaded ({what.value})" if what else f"failed [{outcome.kind}]: {outcome.reason}"
                print(f"{path.name:<28}{path.stat().st_size:>10,} B{took:>9.1f} s  {what}")
        finally:
            pool.shutdown()


if __name__ == "__main__":
    main()
