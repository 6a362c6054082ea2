"""The worker's warm-up loads the extraction stack once and takes it out of the garbage collector's sight."""

from __future__ import annotations

import subprocess
import sys


def test_warm_up_freezes_what_it_loaded() -> None:
    # In a fresh interpreter: freezing belongs to a worker process, not to the test run.
    out = subprocess.run([sys.executable, "-c", "import gc\nfrom vedtak.warmup import warm_up\n"
                          "before = gc.get_freeze_count()\nwarm_up()\nprint(before, gc.get_freeze_count())"],
                         check=True, capture_output=True, text=True, timeout=300).stdout.split()
    before, after = map(int, out[-2:])
    assert before == 0
    assert after > 50_000  # spaCy's pipeline, the lexicon, SQLAlchemy's mappers: ~150,000 objects
