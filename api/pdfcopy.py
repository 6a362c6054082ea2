"""The public copy of a stored PDF: the pages of exempt case papers blanked, every other page as it was.

Blanking (not leaving out) keeps page numbers, so a link `/documents/<sha256>/pdf#page=7` opens the
same page in the public copy and in the full file. Made with pypdfium2, the PDF library the pipeline
reads with; a blank page has the size of the page it replaces and no content at all (no text layer).
Copies are cached by the source's sha256 and the set of blanked pages.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Collection
from pathlib import Path


def cache_name(sha256: str, blank: Collection[int]) -> str:
    """File name of the cached copy: `<sha256>-<12 hex of the blanked page list>.pdf`."""
    key = hashlib.sha256(",".join(str(p) for p in sorted(blank)).encode()).hexdigest()[:12]
    return f"{sha256.lower()}-{key}.pdf"


def write_blanked(source: Path, blank: Collection[int], target: Path) -> None:
    """Write a copy of `source` to `target` with the 1-based pages in `blank` replaced by empty pages of
    the same size (atomically: a partial file never appears under `target`)."""
    import pypdfium2 as pdfium

    src = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    try:
        for index in range(len(src)):
            if index + 1 in blank:
                page = src[index]
                width, height = page.get_size()
                page.close()
                out.new_page(width, height).close()
            else:
                out.import_pages(src, [index])
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".partial-", suffix=".pdf", dir=target.parent)
        os.close(fd)
        try:
            out.save(tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    finally:
        out.close()
        src.close()


def public_copy(source: Path, sha256: str, blank: Collection[int], cache_dir: Path) -> Path:
    """The copy of `source` (content `sha256`) with `blank` pages blanked, from `cache_dir` or made now;
    `source` itself when nothing is blanked."""
    if not blank:
        return source
    target = cache_dir / cache_name(sha256, blank)
    if not target.is_file():
        write_blanked(source, frozenset(blank), target)
    return target
