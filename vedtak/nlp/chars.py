"""Character classes and whitespace folding shared by the normalisers (one place for each)."""

from __future__ import annotations

_UPPER = "A-ZÆØÅÄÖÜÉ"
_LOWER = "a-zæøåäöüéèáàóôç"


def _fold_ws(text: str) -> str:
    r"""Runs of whitespace as one space, none at the ends: `` Forslag\t til  vedtak `` -> ``Forslag til vedtak``.

    The same as ``re.sub(r"\s+", " ", text).strip()`` at a fraction of its cost: `str.split()` and the
    regex ``\s`` take the same characters for whitespace (tests/nlp/test_chars.py checks every code point)."""
    return " ".join(text.split())
