"""Build the `Document` of a PDF: backend pages (OCR for those without a usable text layer) ->
reading order -> furniture removed -> table rows split by a page break joined."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from vedtak.document import Document
from vedtak.errors import InputError
from vedtak.pdf.backends import file_sha256, get_backend
from vedtak.pdf.layout import build_page, join_split_rows, remove_furniture
from vedtak.pdf.ocr import PageReader
from vedtak.pdf.raw import needs_ocr

DEFAULT_BACKEND = "pdfium"


def read_document(path: str | Path, source: str | None = None, backend: str = DEFAULT_BACKEND, ocr: bool = True) -> Document:
    """Read a PDF once into the document model; raises InputError for unreadable input.

    A page without a usable text layer (`needs_ocr`) is read by OCR unless `ocr` is False; the
    page's `ocr` says how (or why it could not be); a blank page is left as it is."""
    path = Path(path)
    reader = get_backend(backend)
    pages = []
    with PageReader(path) as ocr_reader:
        for raw in reader(path):
            carried = pages[-1].gutter if pages else None  # a two-column form goes on over the page break
            if ocr and needs_ocr(raw):
                lost = bool(raw.words)
                raw, info = ocr_reader.read(raw)
                pages.append(replace(build_page(raw, carried), ocr=info and replace(info, lost_text=lost)))
            else:
                pages.append(build_page(raw, carried))
    if not pages:
        raise InputError(str(path), "PDF has no pages")
    pages = join_split_rows(remove_furniture(pages))
    return Document(sha256=file_sha256(path), source=source or str(path), pages=tuple(pages), backend=backend)
