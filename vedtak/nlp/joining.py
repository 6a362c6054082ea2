"""Lines joined into running text: line-end hyphens mended, suspended hyphens kept (`helse- og omsorgstjenester`)."""

from __future__ import annotations

import re

from vedtak.nlp.chars import _LOWER, _UPPER, _fold_ws

# ---------------------------------------------------------------------------------------------
# Line joining
# ---------------------------------------------------------------------------------------------

_SUSPENDED_NEXT = frozenset({"og", "eller", "samt", "til", "enn", "men", "respektive", "and", "or", "&"})


def dehyphenate_join(lines: list[str]) -> str:
    """Join the lines of one paragraph with single spaces, mending line-end hyphen breaks.

    The rule for a line ending in letter/digit + ``-``:
    - next line starts with a conjunction (``og``, ``eller``, ``samt``, ``til``, ``enn``) or
      punctuation: a suspended hyphen, kept with a space (``helse-`` + ``og omsorgstjenester`` ->
      ``helse- og omsorgstjenester``; ``Helse-`` + ``og`` -> ``Helse- og``);
    - next line starts with an uppercase letter or digit: a real compound, hyphen kept, no space
      (``Bjørk-`` + ``Skaflestad`` -> ``Bjørk-Skaflestad``; ``2025-`` + ``2027``);
    - next line starts lowercase: a line-end break, joined without hyphen (``forpros-`` +
      ``jekter`` -> ``forprosjekter``), EXCEPT after an acronym or a number (``KSF-`` +
      ``strukturen`` -> ``KSF-strukturen``; ``2025-`` + ``utlysningen``) or a capitalised word
      inside a sentence (``Pilot Helse-`` + ``forprosjekter`` -> ``Pilot Helse-forprosjekter``),
      which are real compounds.
    A line ending in digit + en dash before a line starting with a digit is a range broken at
    its dash (``2014–`` + ``2018`` -> ``2014–2018``).
    """
    out = ""
    for raw in lines:
        line = _fold_ws(raw.replace("\u2010", "-").replace("\u2011", "-"))
        if not line:
            continue
        if not out:
            out = line
            continue
        if out.endswith(("\u00ad", "¬")):  # a soft hyphen is a line-end break by definition
            out = out[:-1] + line
            continue
        if out[-1] == "\u2013" and len(out) > 1 and out[-2].isdigit() and line[0].isdigit():
            out += line  # a range broken after its en dash: `2014–` + `2018` -> `2014–2018`
            continue
        # `_HYPHEN_END_RE` ends in `-$`, and `out` holds no newline (folded lines): no `-`, no match.
        tail_at = max(0, len(out) - 120)  # look at the last word only, not the whole paragraph
        m = _HYPHEN_END_RE.search(out, tail_at) if out[-1] == "-" else None
        if not m:
            out += " " + line
            continue
        first = line.split(" ", 1)[0]
        first_word = first.rstrip(".,:;").casefold()
        frag = m["frag"]
        if first_word in _SUSPENDED_NEXT or not first[0].isalnum():
            out += " " + line
        elif first[0].isupper() or first[0].isdigit():
            out += line
        elif any(c.isdigit() for c in frag) or (len(frag) >= 2 and frag.isupper()):
            out += line
        elif frag[0].isupper() and not _at_sentence_start(out, m.start("word")):
            out += line
        else:
            out = out[:-1] + line
    return out


_HYPHEN_END_RE = re.compile(rf"(?:^|(?<=\s))(?P<word>[^\s]*?)(?P<frag>[{_UPPER}{_LOWER}\d]+)-$")


def _at_sentence_start(text: str, pos: int) -> bool:
    before = text[max(0, pos - 40):pos].rstrip()
    if pos > 40 and not before:
        return False
    return not before or before[-1] in ".:!?•\n" or re.search(r"(?:^|\s)(?:\d+[.)]|[-–•*])$", before) is not None
