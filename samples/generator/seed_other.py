"""Seeds 000, 001 (news pages about EU4Health) and 003 (investeringsplan): documents of kind `other`.

The seed text layers are kept in `seed_texts/`; they are turned back into running text (headings,
paragraphs, bullets, tab-separated tables) and printed. Expected: no meetings, cases or applications.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import FreeDoc, OtherDoc, Table

HERE = Path(__file__).parent / "seed_texts"


def _clean(s: str) -> str:
    """Drop markdown and HTML marks: `**x**`, `*x*`, `<b>x</b>`, `[x](#)`, `\\(`."""
    s = re.sub(r"</?b>", "", s)
    s = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", s)
    s = s.replace("\\(", "(").replace("\\)", ")").replace("**", "")
    s = re.sub(r"(?<!\w)\*([^*]+)\*(?!\w)", r"\1", s)
    return s.strip()


def parse(text: str) -> FreeDoc:
    """Seed text -> FreeDoc: blank lines end paragraphs; `#` headings; tab lines make tables."""
    items: list[tuple[str, object]] = []
    para: list[str] = []
    table: list[list[str]] = []

    def flush():
        nonlocal para, table
        if para:
            items.append(("p", _clean(" ".join(para))))
            para = []
        if table:
            n = max(len(r) for r in table)
            rows = [tuple(_clean(c) for c in r) + ("",) * (n - len(r)) for r in table]
            items.append(("table", Table(rows[0], tuple(rows[1:]), widths=(3,) + (1.4,) * (n - 1))))
            table = []

    for raw in text.splitlines():
        line = raw.rstrip()
        if line.startswith(" ") and not line.startswith("  "):
            line = line[1:]  # page-start mark of the seed text
        if not line.strip() or line.strip() == "---":
            flush()
            continue
        if line.startswith("http"):
            continue
        if "\t" in line:
            if para:
                flush()
            table.append(line.split("\t"))
            continue
        if table:
            flush()
        m = re.match(r"^(#+)\s+(.*)$", line)
        if m:
            flush()
            items.append(("h1" if len(m.group(1)) <= 2 else "h2", _clean(m.group(2))))
        elif line.lstrip().startswith("•"):
            flush()
            items.append(("bullet", _clean(line)))
        elif re.match(r"^\d \S.{0,60}$", line.strip()):
            flush()
            items.append(("h1", _clean(line)))
        else:
            para.append(line.strip())
    flush()
    return FreeDoc(items=tuple(items))


def other_doc(stem: str, board: str | None = None, board_code: str | None = None) -> OtherDoc:
    """The seed text `stem` (e.g. `000`) as an `other` document."""
    path = next(HERE.glob(f"{stem}_*.txt"))
    return OtherDoc(body=parse(path.read_text(encoding="utf-8")), board=board, board_code=board_code)
