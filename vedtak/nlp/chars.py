"""Character classes and whitespace folding shared by the normalisers (one place for each)."""

from __future__ import annotations

import re


_UPPER = "A-ZÆØÅÄÖÜÉ"
_LOWER = "a-zæøåäöüéèáàóôç"

_WS_RE = re.compile(r"\s+")


def _fold_ws(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()
