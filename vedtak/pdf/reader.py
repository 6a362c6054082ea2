"""Build the `Document` of a PDF: backend pages -> reading order -> furniture removed -> table
rows split by a page break joined."""

from __future__ import annotations

from pathlib import Path

from vedtak.document import Document
from vedtak.errors import InputError
from vedtak.pdf.backends import file_sha256, get_backend
from vedtak.pdf.layout import build_page, join_split_rows, remove_furniture

DEFAULT_BACKEND = "pdfium"


def read_document(path: str | Path, source: str | None = None, backend: str = DEFAULT_BACKEND) -> Document:
    """Read a PDF once into the document model; raises InputError for unreadable input."""
    path = Path(path)
    reader = get_backend(backend)
    pages = [build_page(raw) for raw in reader(path)]
    if not pages:
        raise InputError(str(path), "PDF has no pages")
    pages = join_split_rows(remove_furniture(pages))
    return Document(sha256=file_sha256(path), source=source or str(path), pages=tuple(pages), backend=backend)
