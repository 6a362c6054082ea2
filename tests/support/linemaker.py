"""Lines of a document model made from plain text, for testing extractors without a PDF.

Each text line becomes a `Line` on page 1 (a form feed starts a new page); a blank line leaves a
paragraph gap; `label:` prefixes mark a form label (`L|Forslag til vedtak`).
"""

from __future__ import annotations

from vedtak.document import Line

LEADING = 12.6
SIZE = 10.0


def lines_from(text: str) -> list[Line]:
    """Lines of `text` as the layout step would give them."""
    out: list[Line] = []
    page, top, gap = 1, 72.0, 1000.0
    for raw in text.split("\n"):
        if raw == "\f":
            page, top, gap = page + 1, 72.0, 1000.0
            continue
        if not raw.strip():
            top += LEADING
            gap += LEADING
            continue
        label = raw.startswith("L|")
        body = raw[2:] if label else raw
        x0 = 56.7 if label or not raw.startswith("    ") else 170.0
        out.append(Line(body.strip(), page, x0, top, x0 + 6 * len(body), top + SIZE, 0, "free", label,
                        gap if gap < 1000 else 1000.0, False, SIZE))
        top += LEADING
        gap = LEADING - SIZE
    return out


def line_at(text: str, top: float = 100.0, x0: float = 57.0, page: int = 1, *, region: int = 0, kind: str = "free",
            label: bool = False) -> Line:
    """One line of 10 pt text at a given place (5 pt a character wide), for tests that lay out rows and cells."""
    return Line(text, page, x0, top, x0 + 5.0 * len(text), top + 10.0, region, kind, label, 4.0, False, SIZE)


def record_from(text: str) -> dict:
    """The validated JSON record `vedtak` extracts from plain text laid out by `lines_from` (one page, rules only)."""
    from vedtak.document import Document, Page
    from vedtak.extract import extract_document
    from vedtak.schema import validate_record

    page = Page(1, 595.0, 842.0, tuple(lines_from(text)))
    record = extract_document(Document("0" * 64, "test.pdf", (page,)), nlp_path="rules", use_ner=False).to_json()
    validate_record(record)
    return record
