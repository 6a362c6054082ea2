"""The difference between a proposed decision (`Forslag til vedtak`) and the adopted one (`Vedtak:`).

Word-level, whitespace-insensitive (difflib over word tokens), so a re-wrapped paragraph is no
difference and `innvilges` -> `avslås` is one replaced word.
"""

from __future__ import annotations

import difflib
import html
import re
from typing import Any

_WORDS = re.compile(r"\n|[^\s]+")  # paragraph breaks are tokens too
_JOIN = re.compile(r" ?\n ?")


def _words(text: str | None) -> list[str]:
    return _WORDS.findall(re.sub(r"\n\s*", "\n", (text or "").strip()))


def _join(words: list[str]) -> str:
    return _JOIN.sub("\n", " ".join(words))


def word_diff(proposed: str | None, adopted: str | None) -> list[dict[str, Any]]:
    """Opcodes over words: [{op: equal|delete|insert|replace, proposed: str, adopted: str}, ...].

    `Søknad 355815 innvilges.` vs `Søknad 355815 avslås.` ->
    [{equal, `Søknad 355815`}, {replace, `innvilges.` -> `avslås.`}].
    """
    a, b = _words(proposed), _words(adopted)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    return [
        {"op": op, "proposed": _join(a[i1:i2]), "adopted": _join(b[j1:j2])}
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def differs(ops: list[dict[str, Any]]) -> bool:
    """Is any opcode not `equal`?"""
    return any(op["op"] != "equal" for op in ops)


def unified(proposed: str | None, adopted: str | None) -> str:
    """A unified diff by paragraph (line), `proposed` -> `adopted`, for tools that read patches."""
    return "\n".join(difflib.unified_diff(
        (proposed or "").splitlines(), (adopted or "").splitlines(), "proposed", "adopted", lineterm="", n=1))


def side_by_side_html(ops: list[dict[str, Any]]) -> tuple[str, str]:
    """(proposed HTML, adopted HTML), escaped, removed words in `<del>`, added words in `<ins>`."""
    left, right = [], []
    for op in ops:
        p, a = html.escape(op["proposed"]), html.escape(op["adopted"])
        if op["op"] == "equal":
            left.append(p)
            right.append(a)
            continue
        if p:
            left.append(f"<del>{p}</del>")
        if a:
            right.append(f"<ins>{a}</ins>")
    return _JOIN.sub("\n", " ".join(left)), _JOIN.sub("\n", " ".join(right))
