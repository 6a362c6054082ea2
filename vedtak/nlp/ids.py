"""Boards, case ids and meeting numbers as board papers write them: `Sak PS-HELSE 05/25`,
`PSHELSE 33/24`, `sak 54/24`, `møte 6/2024`; canonical forms `PS-HELSE 5/25` and `6/24`."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator

from vedtak.nlp.chars import _LOWER, _UPPER, _fold_ws

# ---------------------------------------------------------------------------------------------
# Boards
# ---------------------------------------------------------------------------------------------

#: Known portfolio boards: the words after ``Porteføljestyret for`` (bokmål and nynorsk
#: spellings) -> board code as printed in case ids (``Sak PS-HELSE 05/25``).
KNOWN_BOARDS: dict[str, str] = {
    "helse": "PS-HELSE",
    "klima og polar": "PS-KLIMA",
    "klima- og polarforskning": "PS-KLIMA",
    "velferd og utdanning": "PS-VELFERD",
    "hav": "PS-HAV",
    "muliggjørende teknologier": "PS-MULTEK",
    "mogleggjerande teknologiar": "PS-MULTEK",
    "naturvitenskap og teknologi": "PS-NATTEK",
    "naturvitskap og teknologi": "PS-NATTEK",
    "humaniora og samfunnsvitenskap": "PS-HUMSAM",
    "humaniora og samfunnsvitskap": "PS-HUMSAM",
    "livsvitenskap": "PS-LIVSVIT",
    "livsvitskap": "PS-LIVSVIT",
    "energi, transport og lavutslipp": "PS-ENERGI",
    "energi, transport og lågutslepp": "PS-ENERGI",
}

_BOARD_STOPWORDS = frozenset({"og", "for", "i", "av", "til", "med", "om", "samt"})

#: Words after ``porteføljestyret for`` that are not a board (``legges fram for porteføljestyret
#: for vedtak``, ``for orientering``).
NOT_BOARD_WORDS = frozenset(
    {"vedtak", "orientering", "behandling", "godkjenning", "innspill", "diskusjon", "beslutning",
     "informasjon", "drøfting", "uttale", "uttalelse", "avgjerd", "avgjørelse", "å"}
)

_BOARD_PREFIX_RE = re.compile(r"^(?:porteføljestyret|porteføljestyre|porteføljen)\s+for(?:\s+|$)", re.I)




def board_code_for(board_name: str) -> str | None:
    """Board code for a board name: ``Porteføljestyret for helse`` -> ``PS-HELSE``.

    Known boards come from :data:`KNOWN_BOARDS` (bokmål and nynorsk). Unknown boards fall back to
    ``PS-`` + the first significant word, uppercased, with æ/ø/å KEPT (no ASCII folding:
    ``Porteføljestyret for bioøkonomi`` -> ``PS-BIOØKONOMI``), because the codes printed in
    case ids use the same letters and a folded code would never match them.
    """
    name = _fold_ws(unicodedata.normalize("NFC", board_name or "")).rstrip(" .,:;")
    name = _BOARD_PREFIX_RE.sub("", name).casefold()
    if not name:
        return None
    if name in KNOWN_BOARDS:
        return KNOWN_BOARDS[name]
    for known, code in KNOWN_BOARDS.items():
        if name.startswith(known + " ") or name.startswith(known + ","):
            return code
    words = [w for w in re.findall(rf"[{_LOWER}]+", name) if w not in _BOARD_STOPWORDS]
    if not words:
        return None
    return "PS-" + words[0].upper()


@functools.cache
def board_name_pattern() -> re.Pattern[str]:
    """Regex finding a board name: ``Porteføljestyret for helse``, ``porteføljestyret for klima og polar``.

    Group ``name`` is the part after ``for``: one of the known boards (longest first), else a
    single lowercase word (``Porteføljestyret for bioøkonomi``) so that running text after the
    name (``Porteføljestyret for helse godkjenner ...``) is never swallowed. Matches the same
    spelling in nynorsk. ``porteføljestyreleder for ...`` (a person's title) does not match.
    """
    known = sorted(KNOWN_BOARDS, key=len, reverse=True)
    alts = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in known)
    not_board = "|".join(sorted(NOT_BOARD_WORDS))
    return re.compile(
        rf"(?<![{_LOWER}{_UPPER}])[Pp]orteføljestyret\s+for\s+(?P<name>(?i:{alts})(?![{_LOWER}])"
        rf"|(?!(?:{not_board})(?![{_LOWER}]))[{_LOWER}]+)"
    )


# ---------------------------------------------------------------------------------------------
# Case ids and meeting numbers
# ---------------------------------------------------------------------------------------------

# ``PS-HELSE``, ``PSHELSE``, ``PS``, ``PS-Forskningssystemet`` (a board code as printed).
_CODE_UPPER = "A-ZÆØÅ"  # the record's case_id pattern allows only these (and digits) in a code
_PS_CODE = rf"PS(?:-[{_CODE_UPPER}][{_CODE_UPPER}a-zæøå]*|[{_CODE_UPPER}]{{3,}})?(?![{_UPPER}{_LOWER}\d-])"
# Any other uppercase code (``STYRE 12/24``): accepted only after a case word.
_ANY_CODE = rf"(?:{_PS_CODE}|[{_CODE_UPPER}]{{2,}}(?:-[{_CODE_UPPER}]+)*(?![{_UPPER}{_LOWER}\d-]))"
# ``54/24``, ``05/25``, ``30-23``, ``6/2024``: running number / year.
_NUMYR = r"(?<![\d/.,-])(?P<num>0*\d{1,3})(?P<sep>/|-)(?P<year>(?:19|20)\d{2}|\d{2})(?![\d/]|[.,-]\d)"
_NUMYR_BARE = _NUMYR.replace("?P<num>", "?P<cnum>").replace("?P<sep>", "?P<csep>").replace(
    "?P<year>", "?P<cyear>"
)
# ``sak``, ``Sak``, ``saken``, ``sakene``, ``saker``, ``saksnr.``, ``orienteringssak``.
_CASE_WORD = rf"(?<![{_LOWER}{_UPPER}])(?i:[{_LOWER}]*sak(?:en|ene|er)?|saksnr\.?|saksnummer)(?:\s+(?i:nr)\.?)?"

_CASE_ID_RE = re.compile(
    rf"(?:{_CASE_WORD}\s+(?:(?P<kcode>{_ANY_CODE})\s+(?:(?i:sak)\s+)?)?|(?<![\w-])(?P<code>{_PS_CODE})\s+(?:(?i:sak|nr\.?)\s*)?){_NUMYR}"
)
"""``Sak PS-HELSE 05/25``, ``sak 54/24``, ``PS 44/24``, ``PSHELSE 33/24``, ``PS sak 44/24``,
``PS-HELSE 30-23``, ``sak STYRE 12/24``."""

_CASE_CONT_RE = re.compile(rf"(?:\s*,\s*(?:(?:og|eller)\s+)?|\s+(?:og|eller|samt|and)\s+){_NUMYR_BARE}")
"""The bare ids after a listed id: ``sakene PS 44/24 og 45/24``, ``sak 54/24, 55/24 og 56/24``."""

_MEETING_WORD = rf"(?<![{_LOWER}{_UPPER}])(?i:[{_LOWER}]*møte(?:t|bok|protokoll(?:en)?)?)(?:\s+(?i:nr)\.?)?"
_MEETING_BEFORE_RE = re.compile(rf"{_MEETING_WORD}\s*$")

_CANON_CASE_RE = re.compile(
    rf"\s*\(?(?:(?i:[{_LOWER}]*sak(?:en|ene|er)?|saksnr\.?|saksnummer)(?:\s+(?i:nr)\.?)?\s+)?"
    rf"(?:(?P<code>{_ANY_CODE})\s+(?:(?i:sak|nr\.?)\s*)?)?{_NUMYR}\s*[).:;,]*\s*"
)


def canonical_board_code(code: str | None) -> str | None:
    """Canonical board code: ``PSHELSE`` -> ``PS-HELSE``, ``PS-helse`` -> ``PS-HELSE``; ``PS`` -> None."""
    if not code:
        return None
    code = code.strip().upper()
    if code in ("PS", "PS-"):
        return None
    if code.startswith("PS") and not code.startswith("PS-") and len(code) >= 5:
        return "PS-" + code[2:]
    return code


def _year2(year: str) -> str | None:
    if len(year) == 4:
        return year[2:] if year[:2] in ("19", "20") else None
    return year if len(year) == 2 else None


def _case_id(code: str | None, num: str, year: str, default_board: str | None) -> str | None:
    board = canonical_board_code(code) or canonical_board_code(default_board)
    y = _year2(year)
    n = int(num)
    if board is None or y is None or n == 0:
        return None
    return f"{board} {n}/{y}"


def canonical_case_id(text: str, default_board: str | None = None) -> str | None:
    """Canonical case id of one written id: ``Sak PS-HELSE 05/25`` -> ``PS-HELSE 5/25``.

    ``PSHELSE 33/24`` -> ``PS-HELSE 33/24``; ``PS-HELSE 30-23`` -> ``PS-HELSE 30/23``;
    ``sak 54/24`` / ``54/24`` / ``PS 44/24`` take ``default_board``; other codes
    (``STYRE 12/24``) are kept. None if no board is known, the running number is 0, or the year
    is neither 2 digits nor a 19xx/20xx year (``6/2024`` -> ``6/24``).
    """
    m = _CANON_CASE_RE.fullmatch(text or "")
    if not m:
        return None
    return _case_id(m["code"], m["num"], m["year"], default_board)


_NUMYR_AT = re.compile(r"\d[/-]\d\d")
"""Where a case id's number can end: the last digit of its running number before `/` or `-` and two
digits (`54/24`, `30-23`, `6/2024`; the core of `_NUMYR`); searched from each position on, so
overlapping ones are found too."""
_ID_GAPS = 4
"""The most runs of whitespace a case id holds before its number: `Sak` `nr.` `PS-HELSE` `sak` `54/24`
(`_CASE_ID_RE`: the case word, `nr.`, the code, `sak`; the number itself holds none)."""


def _window_start(text: str, at: int, floor: int) -> int:
    """The earliest index a case id whose running number ends at `at` can start from: the start of the
    word `_ID_GAPS` whitespace runs back (`Sak` in `... i Sak nr. PS-HELSE sak 54/24`), at least `floor`."""
    k, gaps = at, 0
    while k > floor:
        if not text[k - 1].isspace():
            k -= 1
            continue
        if gaps == _ID_GAPS:
            break
        gaps += 1
        while k > floor and text[k - 1].isspace():
            k -= 1
    return k


def _case_id_matches(text: str) -> Iterator[re.Match[str]]:
    """What `_CASE_ID_RE.finditer(text)` yields, found by trying the regex only at the few words before
    each running number (`_NUMYR_AT`) instead of at every character of a long decision text.

    No id starts elsewhere: between its start and its number's last digit it holds at most `_ID_GAPS`
    runs of whitespace, so it starts at or after `_window_start` of the first number position at or
    after it; each start in that window is tried in order, as finditer would, and after a match the
    search goes on from its end. (`re` matching at a position sees the text before it, as finditer does.)"""
    pos = 0
    while (hint := _NUMYR_AT.search(text, pos)) is not None:
        at = hint.start()
        for start in range(_window_start(text, at, pos), at + 1):
            m = _CASE_ID_RE.match(text, start)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = at + 1


def find_case_ids(text: str, default_board: str | None = None) -> list[tuple[str, int, int]]:
    """All case ids in running text, as ``(canonical, start, end)`` spans of the id itself.

    Finds ``Sak PS-HELSE 05/25``, ``PSHELSE 33/24``, ``PS 44/24``, ``(PS sak 44/24)``, ``sak 54/24``,
    ``Sak 54/24:``, ``(Sak PS-HELSE 51/24 og 54/24)``, ``sakene PS 44/24 og 45/24`` (the bare
    ``45/24`` inherits the board of the id before it). A bare ``N/YY`` counts only after a case
    word or in such a list; meeting numbers (``møte 6/24``, ``porteføljestyremøte 5/24``,
    ``møte PS-HELSE 6/2024``), dates and fractions are not case ids. Ids whose board cannot be
    determined (``PS 44/24`` without ``default_board``) are left out. The span starts at the
    code (or at the number when there is none), not at the case word.
    """
    out: list[tuple[str, int, int]] = []
    consumed = 0
    for m in _case_id_matches(text):
        if m.start() < consumed:
            continue
        code = m["kcode"] or m["code"]
        if m["code"] and _MEETING_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            continue  # ``møte PS-HELSE 6/2024`` is a meeting number
        start = m.start("kcode") if m["kcode"] else (m.start("code") if m["code"] else m.start("num"))
        cid = _case_id(code, m["num"], m["year"], default_board)
        end = m.end()
        if cid is not None:
            out.append((cid, start, end))
        board = cid.rsplit(" ", 1)[0] if cid else None
        while True:
            c = _CASE_CONT_RE.match(text, end)
            if not c:
                break
            cont = _case_id(board, c["cnum"], c["cyear"], default_board) if board else None
            if cont is not None:
                out.append((cont, c.start("cnum"), c.end()))
            end = c.end()
        consumed = end
    return out


_MEETING_RE = re.compile(
    rf"{_MEETING_WORD}\s*:?\s*(?:(?P<code>{_PS_CODE})\s+)?"
    r"(?<![\d/.,])(?P<num>\d{1,2})\s?/\s?(?P<year>(?:19|20)\d{2}|\d{2})(?![\d/]|[.,-]\d)"
)
"""``møte 6/24``, ``porteføljestyremøte 5/24``, ``i møte 1/2025``, ``Møte nr. 3/24``,
``møteprotokoll fra møte PS-HELSE 6/2024``, ``(møte 6/24)``, and as a label: ``Møte: 4/2024``."""

_CANON_MEETING_RE = re.compile(
    rf"\s*(?:{_MEETING_WORD}\s*)?(?:(?P<code>{_PS_CODE})\s+)?"
    r"(?P<num>\d{1,2})\s?/\s?(?P<year>(?:19|20)\d{2}|\d{2})\s*[).:;,]*\s*"
)


def _meeting(num: str, year: str) -> str | None:
    y = _year2(year)
    n = int(num)
    return f"{n}/{y}" if y is not None and n > 0 else None


def canonical_meeting_number(text: str) -> str | None:
    """Canonical meeting number: ``6/24`` and ``møte 6/2024`` -> ``6/24``; ``Møte 01/25`` -> ``1/25``."""
    m = _CANON_MEETING_RE.fullmatch(text or "")
    return _meeting(m["num"], m["year"]) if m else None


def meeting_mentions(text: str) -> list[tuple[str, int]]:
    """Each meeting number after a meeting word with where its mention starts (the meeting word):
    ``Møte: 3/25`` -> ``[("3/25", 0)]``; ``møteprotokoll fra møte 2/25`` -> ``[("2/25", 19)]``."""
    out = []
    for m in _MEETING_RE.finditer(text):
        mn = _meeting(m["num"], m["year"])
        if mn is not None:
            out.append((mn, m.start()))
    return out


def find_meeting_numbers(text: str) -> list[tuple[str, int, int]]:
    """Meeting numbers after a meeting word: ``møte 6/24``, ``porteføljestyremøte 5/24``,
    ``møte 1/2025``, ``Møte nr. 3/24``; spans cover the number only."""
    out = []
    for m in _MEETING_RE.finditer(text):
        mn = _meeting(m["num"], m["year"])
        if mn is not None:
            out.append((mn, m.start("num"), m.end()))
    return out
