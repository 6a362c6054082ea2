"""A fingerprint of the extraction code: which rules made a stored record (`documents.extractor_version`).

`EXTRACTOR_VERSION` is bumped by hand and is easy to forget; two stores loaded by different
rules would both say `0.1.0`. The fingerprint adds a hash of every source file and model file the
extraction depends on (extractors/, vedtak/pdf/, vedtak/nlp/ with the shipped NER model's meta,
vedtak/extract.py, vedtak/records.py), computed once per process.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from vedtak import EXTRACTOR_VERSION

_PACKAGE = Path(__file__).resolve().parent
_SOURCES = (
    _PACKAGE.parent / "extractors",
    _PACKAGE / "pdf",
    _PACKAGE / "nlp",
    _PACKAGE / "extract.py",
    _PACKAGE / "records.py",
)


@cache
def extractor_fingerprint() -> str:
    """`0.1.0+<12 hex digits>`: the extractor version and a hash of the code behind it."""
    digest = hashlib.sha256()
    for root in _SOURCES:
        files = sorted(root.rglob("*.py")) + sorted(root.rglob("meta.json")) if root.is_dir() else [root]
        for path in files:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update(str(path.relative_to(_PACKAGE.parent)).encode())
            digest.update(path.read_bytes())
    return f"{EXTRACTOR_VERSION}+{digest.hexdigest()[:12]}"
