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
