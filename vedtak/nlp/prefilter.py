"""A faster scan with the same matches: a pattern given a lookahead for the characters its matches can start with.

Python's `re` finds a pattern that opens with `\\b` or an IGNORECASE alternation by trying every alternative at
every position of the text (~0.3 us a character for the conflict words of `vedtak.lexicon` over a decision's
text). `(?=[dfgiu])` in front lets the scan pass each position where no match can start at the cost of one
character test. The lookahead is compiled with the pattern's own flags, so a character passes it exactly
when (case-folded the same way) it could open a match: the matches are the same, found in the same order.
"""

from __future__ import annotations

import re
try:  # the parse tree of `re`'s own parser (the module `re.compile` uses); private, so a Python without it scans plainly
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - every supported Python (3.11-3.13) has them
    sre = sre_parse = None  # type: ignore[assignment]

_MAX_RANGE = 64  # a character range in a class wider than this makes the first characters "unknown"
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)) if sre is not None else ()


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` with a lookahead for the characters a match of it can start with; the pattern itself
    where that set is not known from its parse (a class like `\\w` or `.` first, a group with its own
    flags, a verbose pattern, a match that may be empty).

    `\\b(?:vert|ikkje|frå)\\b` -> `(?=[fiv])(?:\\b(?:vert|ikkje|frå)\\b)`."""
    if sre_parse is None or pattern.flags & re.VERBOSE or not isinstance(pattern.pattern, str):
        return pattern
    first, may_be_empty = _first(sre_parse.parse(pattern.pattern, pattern.flags))
    if not first or may_be_empty:
        return pattern
    try:
        return re.compile(f"(?=[{''.join(re.escape(c) for c in sorted(first))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # (global inline flags, `(?i)...`, must open the pattern: leave it as it is)
        return pattern


def _first(items) -> tuple[set[str] | None, bool]:  # type: ignore[no-untyped-def]
    """(the characters a match of this sequence of parse items can start with, or None if not known;
    whether it can match the empty string)."""
    out: set[str] = set()
    for op, av in items:
        if op is sre.AT:  # `\b`, `^`: consumes nothing
            continue
        if op is sre.LITERAL:
            out.add(chr(av))
            return out, False
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    out.add(chr(value))
                elif kind is sre.RANGE and value[1] - value[0] < _MAX_RANGE:
                    out.update(chr(c) for c in range(value[0], value[1] + 1))
                else:  # a negated class, a category (`\s`, `\w`), a wide range
                    return None, False
            return out, False
        if op is sre.BRANCH:
            empty = False
            for alternative in av[1]:
                chars, may_be_empty = _first(alternative)
                if chars is None:
                    return None, False
                out |= chars
                empty |= may_be_empty
            if not empty:
                return out, False
            continue
        if op is sre.SUBPATTERN:
            _group, add_flags, del_flags, inner = av
            if add_flags or del_flags:  # `(?i:...)`: its own case rules, not the lookahead's
                return None, False
            chars, may_be_empty = _first(inner)
            if chars is None:
                return None, False
            out |= chars
            if not may_be_empty:
                return out, False
            continue
        if op in _REPEATS:
            low, _high, inner = av
            chars, may_be_empty = _first(inner)
            if chars is None:
                return None, False
            out |= chars
            if low > 0 and not may_be_empty:
                return out, False
            continue
        return None, False  # anything else first (`.`, a lookaround, a group reference): not known
    return out, True
