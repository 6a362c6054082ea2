"""Fixtures of the deployment tests: a folder of real sample papers, and the fault tests' helpers
(`vedtak ingest` as a user runs it, canonical store dumps) on the import path."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests" / "faults"))  # faults_support: ingest(), canonical_dump()

# A meeting book and the minutes of the same meeting (its decisions), and a paper of another kind.
SAMPLES = ("klima_3-24_book_rl_above.pdf", "klima_3-24_minutes_rl.pdf", "seed_003_investeringsplan.pdf")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A folder of a few of the repository's sample PDFs, as an archive to back-fill."""
    folder = tmp_path_factory.mktemp("archive")
    for name in SAMPLES:
        shutil.copy(ROOT / "samples" / "pdf" / name, folder / name)
    return folder


@pytest.fixture(scope="session")
def installed_wheel(tmp_path_factory):
    """vedtak's wheel, built from the working tree and installed into a fresh venv outside the
    repository (tests/deploy/wheel_support.py)."""
    from wheel_support import build_wheel, install_wheel

    out = tmp_path_factory.mktemp("wheel")
    return install_wheel(build_wheel(out), out / "venv")
