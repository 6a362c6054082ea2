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

from vedtak import EXTRACTOR_VERSION, extractors

_PACKAGE = Path(__file__).resolve().parent
# vedtak.extractors lives in the repository's top-level `extractors/` (installed as vedtak/extractors):
# files are hashed under their place in the namespace, so an editable and a wheel install agree.
_SOURCES = (
    ("vedtak/extractors", Path(extractors.__file__).resolve().parent),
    ("vedtak/pdf", _PACKAGE / "pdf"),
    ("vedtak/nlp", _PACKAGE / "nlp"),
    ("vedtak/extract.py", _PACKAGE / "extract.py"),
    ("vedtak/records.py", _PACKAGE / "records.py"),
)


@cache
def extractor_fingerprint() -> str:
    """`0.1.0+<12 hex digits>`: the extractor version and a hash of the code behind it."""
    digest = hashlib.sha256()
    for name, root in _SOURCES:
        files = sorted(root.rglob("*.py")) + sorted(root.rglob("meta.json")) if root.is_dir() else [root]
        for path in files:
            if "__pycache__" in path.parts or not path.is_file():
                continue
            digest.update((name + "/" + path.relative_to(root).as_posix() if root.is_dir() else name).encode())
            digest.update(path.read_bytes())
    return f"{EXTRACTOR_VERSION}+{digest.hexdigest()[:12]}"
