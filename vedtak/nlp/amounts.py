"""Numbers and amounts in whole NOK: `150 mill. kroner`, `0,180 millioner kroner`, number words (`ni`)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from vedtak.nlp.chars import _LOWER, _UPPER

# ---------------------------------------------------------------------------------------------
# Numbers and amounts
# ---------------------------------------------------------------------------------------------

_UNITS = {
    "null": 0, "en": 1, "én": 1, "ein": 1, "ei": 1, "ett": 1, "eitt": 1, "eit": 1, "to": 2,
    "tre": 3, "fire": 4, "fem": 5, "seks": 6, "sju": 7, "syv": 7, "åtte": 8, "ni": 9,
}
_TEENS = {
    "ti": 10, "elleve": 11, "tolv": 12, "tretten": 13, "fjorten": 14, "femten": 15,
    "seksten": 16, "sytten": 17, "atten": 18, "nitten": 19,
}
_TENS = {
    "tjue": 20, "tyve": 20, "tretti": 30, "tredve": 30, "førti": 40, "førr": 40, "femti": 50,
    "seksti": 60, "sytti": 70, "søtti": 70, "åtti": 80, "nitti": 90,
}
_NUMBER_WORDS: dict[str, int] = {**_UNITS, **_TEENS, **_TENS, "hundre": 100}
for _t, _tv in _TENS.items():
    for _u, _uv in _UNITS.items():
        if _uv >= 1 and _u not in ("én", "ei", "eit", "ein"):
            _NUMBER_WORDS.setdefault(_t + _u, _tv + _uv)  # tjuefem, trettito, førtien
            _NUMBER_WORDS.setdefault(_u + "og" + _t, _tv + _uv)  # femogtjue (nynorsk/old)
_NUMBER_WORDS.update({"tjueen": 21, "tjueein": 21, "eittogtjue": 21, "einogtjue": 21})

# Number words that may stand before ``million``/``milliard`` in an amount (``én million kroner``).
_AMOUNT_NUMBER_WORDS = sorted({*_UNITS, *_TEENS, *_TENS, "hundre"} - {"null"}, key=len, reverse=True)
_AMOUNT_WORD_ALT = "|".join(map(re.escape, _AMOUNT_NUMBER_WORDS))


def parse_number_word(token: str) -> int | None:
    """Integer value of digits or a number word: ``28``, ``Ni`` -> 9, ``tre``, nynorsk ``eitt``,
    ``tjuefem`` -> 25, ``femogtjue`` -> 25, ``hundre`` -> 100. Case-insensitive; None otherwise."""
    t = (token or "").strip().rstrip(".,:;").casefold()
    if t.isdigit():
        return int(t)
    t = t.replace("-", "")
    return _NUMBER_WORDS.get(t)


_MULTIPLIERS: tuple[tuple[str, int], ...] = (
    # (regex, factor) - ``150 mill. kroner``, ``0,180 millioner kroner``, ``2,5 mrd. kroner``
    (r"milliarder|milliardar|milliard|mrd\.?", 1_000_000_000),
    (r"millioner|millionar|million|mill\.?|mill(?![a-zæøå])|mil\.?|mln\.?", 1_000_000),
    (r"tusen", 1_000),
)
_MULT_RE = "|".join(f"(?:{p})" for p, _ in _MULTIPLIERS)
_NUM = r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?(?![\d])|(?<![\d,.])\d+(?:,\d+)?(?![\d])"
_CUR = r"(?:kroner|krone|kr\.?(?![a-zæøå])|NOK(?![A-Za-z]))"

_AMOUNT_RE = re.compile(
    rf"(?P<n1>{_NUM}|(?<![{_UPPER}{_LOWER}])(?i:{_AMOUNT_WORD_ALT})(?=\s+(?i:{_MULT_RE})))\s*(?:(?P<m1>(?i:{_MULT_RE}))\s*)?{_CUR}"
    rf"|(?P<n2>{_NUM})\s*(?P<mnok>(?i:MNOK|MEUR(?!.)))(?![A-Za-z])"
    rf"|(?<![A-Za-zæøå])(?:kr\.?|NOK)\s*(?P<n3>{_NUM})(?:\s*(?P<m3>(?i:{_MULT_RE})))?"
)
"""``1 million kroner``, ``0,180 millioner kroner``, ``150 mill. kroner``, ``104 mil kr``,
``600 000 kroner``, ``2,5 mrd. kroner``, ``1,2 MNOK``, ``15 millionar kroner`` (nn),
``kr 500 000``, ``NOK 1,2 mill.``, ``én million kroner``."""


def _number_value(raw: str) -> Decimal | None:
    word = parse_number_word(raw)
    if word is not None and not raw.strip()[:1].isdigit():
        return Decimal(word)
    cleaned = re.sub(r"[ \u00a0\u202f.]", "", raw).replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def _multiplier(word: str | None) -> int:
    if not word:
        return 1
    for pattern, factor in _MULTIPLIERS:
        if re.fullmatch(pattern, word.strip(), re.I):
            return factor
    return 1


def find_amounts(text: str) -> list[tuple[int, int, int]]:
    """All NOK amounts in the text as ``(nok, start, end)``: ``150 mill. kroner`` -> 150000000.

    An amount needs a NOK currency word (``kroner``, ``kr``, ``NOK``, ``MNOK``); a bare
    ``600 000`` or ``600 000 Euro`` is not a NOK amount.
    """
    out = []
    for m in _AMOUNT_RE.finditer(text):
        if m["n1"] is not None:
            raw, factor = m["n1"], _multiplier(m["m1"])
        elif m["n2"] is not None:
            if m["mnok"].upper() != "MNOK":
                continue
            raw, factor = m["n2"], 1_000_000
        else:
            raw, factor = m["n3"], _multiplier(m["m3"])
        value = _number_value(raw)
        if value is None:
            continue
        out.append((int((value * factor).to_integral_value()), m.start(), m.end()))
    return out


def parse_amount_nok(text: str) -> int | None:
    """NOK value of the first amount in the text: ``0,180 millioner kroner`` -> 180000, else None."""
    found = find_amounts(text or "")
    return found[0][0] if found else None
