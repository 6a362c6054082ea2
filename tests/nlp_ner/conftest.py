"""Shared fixtures for the NER tests: where NorNE is, and a clean load_ner cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def norne_dir() -> Path:
    """$VEDTAK_NORNE_DIR, else ../shared/norne beside the checkout."""
    env = os.environ.get("VEDTAK_NORNE_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[3] / "shared" / "norne"


@pytest.fixture(scope="session")
def norne() -> Path:
    """The NorNE folder; skips LOUDLY when it is absent."""
    path = norne_dir()
    if not (path / "nob-train.conllu").is_file():
        pytest.skip(f"NorNE data ABSENT at {path}: cannot test the NER training recipe (set VEDTAK_NORNE_DIR)")
    return path


@pytest.fixture
def fresh_ner_cache():
    """Clear load_ner's cache before and after a test that changes what it can find."""
    from vedtak.nlp.ner import load_ner

    load_ner.cache_clear()
    yield
    load_ner.cache_clear()
