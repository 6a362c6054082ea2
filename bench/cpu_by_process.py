"""CPU seconds per process of one command: the command itself, Prefect's API server it started, its workers.

    .venv/bin/python bench/cpu_by_process.py .venv/bin/vedtak ingest bench/corpus/full --db sqlite:////tmp/c.db --json

Samples psutil CPU times of the command and its descendants every 0.2 s and keeps each process's
last reading (a process that ends between two samples loses at most 0.2 s).
"""

from __future__ import annotations

import subprocess
import sys
import time

import psutil


def main(cmd: list[str]) -> str:
    proc = psutil.Popen(cmd, stdout=subprocess.DEVNULL)
    last: dict[int, tuple[str, float]] = {}
    start = time.time()
    while proc.poll() is None:
        try:
            for p in [proc, *proc.children(recursive=True)]:
                try:
                    times = p.cpu_times()
                    kind = "server" if "uvicorn" in " ".join(p.cmdline()) else ("main" if p.pid == proc.pid else "worker")
                    last[p.pid] = (kind, times.user + times.system)
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.2)
    wall = time.time() - start
    total: dict[str, float] = {}
    for kind, cpu in last.values():
        total[kind] = total.get(kind, 0.0) + cpu
    return f"wall {wall:.1f} s; CPU s: " + ", ".join(f"{k} {v:.1f}" for k, v in sorted(total.items()))


if __name__ == "__main__":
    print(main(sys.argv[1:]))
