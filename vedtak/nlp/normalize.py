"""Pure normalisers for the identifiers, numbers, dates, names and outcome words of board papers.

Every rule is a regular expression compiled once at import, with a docstring or comment that
shows the real Norwegian text it matches (seed: the meeting book of Porteføljestyret for helse,
1/25). Nothing here imports spaCy; dateparser and simplemma are imported lazily on first use and
their results are memoised, so the functions are cheap to call per line.

Conventions
- Spans are ``(start, end)`` character offsets into the string given, Python slice style.
- Case ids are canonical ``CODE N/YY``: ``PS-HELSE 1/25`` (no leading zero, ``/``, 2-digit year).
- Meeting numbers are canonical ``N/YY``: ``6/24``.
- Amounts are whole NOK (``int``); other currencies (``600 000 Euro``) are not amounts here.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from vedtak.nlp.vocab import Outcome

__all__ = [
    "KNOWN_BOARDS",
    "NON_NAME_WORDS",
    "NOT_BOARD_WORDS",
    "board_code_for",
    "board_name_pattern",
    "canonical_board_code",
    "canonical_case_id",
    "canonical_meeting_number",
    "clean_person_name",
    "dehyphenate_join",
    "find_amounts",
    "find_case_ids",
    "find_dates",
    "find_meeting_numbers",
    "lemma",
    "outcome_of",
    "outcome_spans",
    "parse_amount_nok",
    "parse_date",
    "parse_number_word",
    "parse_time_range",
    "person_key",
]

_UPPER = "A-ZÆØÅÄÖÜÉ"
_LOWER = "a-zæøåäöüéèáàóôç"

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


_WS_RE = re.compile(r"\s+")


def _fold_ws(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()


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
    for m in _CASE_ID_RE.finditer(text):
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
    rf"{_MEETING_WORD}\s*(?:(?P<code>{_PS_CODE})\s+)?"
    r"(?<![\d/.,])(?P<num>\d{1,2})\s?/\s?(?P<year>(?:19|20)\d{2}|\d{2})(?![\d/]|[.,-]\d)"
)
"""``møte 6/24``, ``porteføljestyremøte 5/24``, ``i møte 1/2025``, ``Møte nr. 3/24``,
``møteprotokoll fra møte PS-HELSE 6/2024``, ``(møte 6/24)``."""

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


def find_meeting_numbers(text: str) -> list[tuple[str, int, int]]:
    """Meeting numbers after a meeting word: ``møte 6/24``, ``porteføljestyremøte 5/24``,
    ``møte 1/2025``, ``Møte nr. 3/24``; spans cover the number only."""
    out = []
    for m in _MEETING_RE.finditer(text):
        mn = _meeting(m["num"], m["year"])
        if mn is not None:
            out.append((mn, m.start("num"), m.end()))
    return out


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


# ---------------------------------------------------------------------------------------------
# Dates and times
# ---------------------------------------------------------------------------------------------

_MONTHS = {
    "januar": 1, "jan": 1, "februar": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "desember": 12,
    "des": 12,
}
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))

_DATE_RE = re.compile(
    r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})(?!\d|\.\d)"
    rf"|(?<![\d.])(?P<wd>\d{{1,2}})\.\s*(?P<wm>(?i:{_MONTH_ALT}))\.?\s+(?P<wy>\d{{4}})(?!\d)"
    r"|(?<![\d.-])(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})(?![\d-])"
)
"""``05.03.2025``, ``26.02.25``, ``2.12.24``, ``2. desember 2024``, ``2. des. 2024``,
``6. februar 2025``, ``2025-03-05``. Month names are the same in bokmål and nynorsk. A date
without a year (``24. september``), ``6/24`` and ``54/24`` are not dates."""

_DATE_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@functools.cache
def _date_parser():
    """The one dateparser instance of the process (Norwegian bokmål, day-month-year)."""
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["nb"], settings=_DATE_SETTINGS)


@functools.lru_cache(maxsize=8192)
def _parse_candidate(candidate: str, numeric: bool) -> _dt.date | None:
    """Parse one normalised candidate (``5.3.2025`` or ``2. desember 2024``) with dateparser."""
    formats = ["%d.%m.%Y", "%d.%m.%y"] if numeric else None
    data = _date_parser().get_date_data(candidate, date_formats=formats)
    return data.date_obj.date() if data and data.date_obj else None


def _date_of(m: re.Match[str]) -> _dt.date | None:
    if m["d"] is not None:
        return _parse_candidate(f"{int(m['d'])}.{int(m['m'])}.{m['y']}", True)
    if m["wd"] is not None:
        return _parse_candidate(f"{int(m['wd'])}. {m['wm'].casefold()} {m['wy']}", False)
    return _parse_candidate(f"{int(m['id'])}.{int(m['im'])}.{m['iy']}", True)


def find_dates(text: str) -> list[tuple[_dt.date, int, int]]:
    """All dates in the text as ``(date, start, end)``; each regex candidate goes through the one
    cached dateparser (never ``search_dates``, which reads ``6/24`` as a date)."""
    out = []
    for m in _DATE_RE.finditer(text):
        d = _date_of(m)
        if d is not None:
            out.append((d, m.start(), m.end()))
    return out


def parse_date(text: str) -> _dt.date | None:
    """The first date in the text: ``05.03.2025`` -> 2025-03-05, ``2. des. 2024`` -> 2024-12-02."""
    found = find_dates(text or "")
    return found[0][0] if found else None


_TIME_RE = re.compile(
    r"(?:(?i:kl)\.?\s*)?(?<![\d.:])(?P<h1>[01]?\d|2[0-3])[:.](?P<m1>[0-5]\d)"
    r"(?:\s*(?:[-–—]|til)\s*(?:(?i:kl)\.?\s*)?(?P<h2>[01]?\d|2[0-3])[:.](?P<m2>[0-5]\d))?(?![\d])"
)
"""``Kl. 10:00 – 16:00``, ``kl. 09.00-15.30``, ``Kl. 10:00``."""


def parse_time_range(text: str) -> str | None:
    """Meeting time: ``Kl. 10:00 – 16:00`` -> ``10:00–16:00`` (en dash), ``Kl. 9:00`` -> ``09:00``.

    A bare ``10.00`` is only read after ``Kl.`` or as part of a range, so decimals such as
    ``5,0`` or ``27.9`` are not times.
    """
    for m in _TIME_RE.finditer(text or ""):
        has_kl = m.group(0)[:2].casefold() == "kl"
        if m["h2"] is None and not has_kl:
            continue
        start = f"{int(m['h1']):02d}:{m['m1']}"
        if m["h2"] is None:
            return start
        return f"{start}–{int(m['h2']):02d}:{m['m2']}"
    return None


# ---------------------------------------------------------------------------------------------
# Person names
# ---------------------------------------------------------------------------------------------

_TITLE_WORDS = (
    r"professor(?:\s+emeritus)?|prof\.|dr\.|dr(?=\s)|ph\.d\.|styreleder|styreleiar|"
    r"porteføljestyreleder|porteføljestyreleiar|settestyreleder|settestyreleiar|settemedlem|"
    r"styremedlem|nestleder|nestleiar|leder|leiar|områdedirektør|avdelingsdirektør|avd\.\s*dir\.?|"
    r"direktør|seniorrådgiver|seniorrådgjevar|spesialrådgiver|spesialrådgjevar|rådgiver|rådgjevar|"
    r"saksbehandler|sakshandsamar|førsteamanuensis|forsker|forskar|observatør"
)
_LEADING_TITLE_RE = re.compile(rf"^(?:(?i:{_TITLE_WORDS})\s+)+")
"""``professor Oddrun Samdal``, ``Områdedirektør Anne Kjersti Fahlvik``, ``avd. dir. X``."""

_PAREN_RE = re.compile(r"\s*[\(\[][^)\]]*[\)\]]")
"""``(leder)``, ``(leiar)``, ``(PS-Forskningssystemet)``, ``(Sak PS-HELSE 51/24 og 54/24)``."""

_AFFILIATION_RE = re.compile(r"\s*(?:,|\s-\s|\s–\s|\s(?:ved|fra|frå|i)\s).*$", re.S)
"""``Oddrun Samdal, settemedlem sak 55/24``, ``Marianne van der Wel, Helse- og omsorgsdepartementet``,
``Oddrun Samdal ved Universitetet i Bergen``, ``Anne Kjersti Fahlvik, Områdedirektør - ...``."""

_NAME_WORD = re.compile(rf"[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}'’]+)*")
_INITIAL = re.compile(rf"[{_UPPER}]\.(?:-?[{_UPPER}]\.)*")
_PARTICLES = frozenset({"van", "der", "den", "de", "von", "la", "le", "di", "du", "da", "af", "ter", "ten", "zu"})

#: Capitalised words that start many non-names in board papers (``Pilot Helse``, ``Sak PS``).
NON_NAME_WORDS = frozenset(
    """
    sak saken vedtak dato sted til fra forfall observatører vedlegg saksbehandler ansvarlig
    direktør områdedirektør porteføljestyret porteføljestyre porteføljeplan forskningsrådet
    forskningsrådets norges norsk norske norge helse pilot innovasjon horisont europa eu
    universitetet høgskolen kunstig intelligens godkjent godkjenning orienteringer orientering
    møteprotokoll møterom kort bakgrunn hovedpunkter forslag videre forberedelse administrasjonen
    departementet styret kommune kommunene den det de og i for med av om på
    """.split()
)


def clean_person_name(text: str) -> str | None:
    """A person's name from a roster line, or None if what is left is not a full name.

    ``Ole A. Andreassen (leder)`` -> ``Ole A. Andreassen``; ``Oddrun Samdal, settemedlem sak
    55/24`` -> ``Oddrun Samdal``; ``professor Oddrun Samdal ved Universitetet i Bergen`` ->
    ``Oddrun Samdal``; ``Marianne van der Wel, Helse- og omsorgsdepartementet (HOD)`` ->
    ``Marianne van der Wel``; keeps ``Bjørk-Skaflestad``, ``Tove Klæboe Nilsen``. A single word,
    digits, all-caps headings or lowercase text give None.
    """
    s = _fold_ws(unicodedata.normalize("NFC", text or ""))
    s = _PAREN_RE.sub("", s)
    s = _LEADING_TITLE_RE.sub("", s.strip(" •-–*:;,"))
    s = _AFFILIATION_RE.sub("", s)
    s = _LEADING_TITLE_RE.sub("", s)
    s = s.strip(" .,:;-–*•")
    tokens = s.split(" ")
    if not 2 <= len(tokens) <= 6:
        return None
    if tokens[0] in _PARTICLES or tokens[-1] in _PARTICLES:
        return None
    full_words = 0
    for tok in tokens:
        if tok in _PARTICLES or _INITIAL.fullmatch(tok):
            continue
        if not _NAME_WORD.fullmatch(tok) or tok.casefold() in NON_NAME_WORDS:
            return None
        full_words += 1
    if full_words < 1 or not _NAME_WORD.fullmatch(tokens[-1]):
        return None
    if full_words == 1 and not any(_INITIAL.fullmatch(t) for t in tokens):
        return None
    return s


def person_key(name: str) -> str:
    """Linking key of a name: NFC, casefolded, whitespace collapsed (``Ole  A. Andreassen`` ->
    ``ole a. andreassen``)."""
    return _fold_ws(unicodedata.normalize("NFC", name or "")).casefold()


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


# ---------------------------------------------------------------------------------------------
# Outcome words (lemmas through simplemma)
# ---------------------------------------------------------------------------------------------

_WORD_RE = re.compile(rf"[{_UPPER}{_LOWER}]+")


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Lemma of one word, bokmål first then nynorsk (simplemma, offline): ``avslås`` -> ``avslå``."""
    from vedtak.nlp.lemmas import lemmatize

    return lemmatize(word.casefold()).casefold()


_REJECT_LEMMAS = frozenset({"avslå", "avslag", "avslåast"})
_REJECT_FORMS = frozenset({"avslå", "avslås", "avslår", "avslått", "avslåtte", "avslo", "avslåast", "avslag", "avslaget",
                           "avslegen", "avslegne", "avvises", "avvist", "avviste", "avvisast"})
_GRANT_LEMMAS = frozenset({"innvilge", "innvilga", "bevilge", "bevilga"})
_GRANT_FORMS = frozenset({
    "innvilge", "innvilges", "innvilget", "innvilga", "innvilgast", "innvilger", "innvilgar", "innvilgede",
    "innvilgete", "innvilgde", "bevilge", "bevilges", "bevilget", "bevilga", "bevilgast", "bevilger",
    "støttes", "støttast",
})
_NOT_OUTCOME_FORMS = frozenset({"innvilgelse", "innvilgelsen", "innvilging", "bevilgning", "bevilgningen",
                                "bevilgninger", "bevilling", "avslagsbrev", "avslagsbrevet"})
_AUXILIARIES = frozenset({"bli", "blir", "ble", "blitt", "vert", "verte", "vart", "vore", "er", "være", "vere",
                          "å", "kan", "skal", "vil"})
_GIVE_LEMMAS = frozenset({"tildele", "tildela", "tildelase", "tildeles"})
_GIVE_PASSIVE = re.compile(r"tilde(?:les|last|lt|lte)$")
_SUPPORT_WORDS = frozenset({"støtte", "stønad", "midler", "midlar", "finansiering", "tilsagn"})
_RESERVE_RE = re.compile(r"(?:reserve|vente)list(?:e|a|en|er|ene)?$")
_NEGATIONS = frozenset({"ikke", "ikkje"})
_CONDITIONS = frozenset({"før", "inntil", "uten", "utan", "dersom", "hvis", "viss", "mindre"})
_RESERVE_LEAD = frozenset({
    "sette", "settes", "sett", "satt", "settast", "setjast", "plassere", "plasseres", "plassert", "komme",
    "kommer", "føres", "ført", "på", "en", "ei", "ein", "rangert", "rangerte", "prioritert",
})


def outcome_spans(text: str) -> list[tuple[Outcome, int, int]]:
    """Where outcome phrases stand in the text, as ``(Outcome, start, end)`` in text order.

    Inflections match through lemmas: ``avslås``/``avslått``/``avslag``/``avslår``/``avslo`` ->
    rejected; ``innvilges``/``innvilget``/``innvilga``/``bevilges``, ``tildeles (ni) støtte``,
    ``tildelast``, ``får støtte`` -> granted; ``settes på (en) (rangert) reserveliste``,
    ``venteliste``, ``vert sett på reserveliste`` -> reserve; ``avvises``, nynorsk ``avslegen`` ->
    rejected; ``støttes`` -> granted. A grant negated before or after (``innvilges ikke``, ``vil
    ikke bli innvilget``, ``får ikke støtte``) is a rejection; another negated outcome is skipped.
    Nouns like ``bevilgning``, ``tildeling``, ``avslagsbrevet`` are not outcomes.
    """
    words = [(m.group(0), m.start(), m.end()) for m in _WORD_RE.finditer(text or "")]
    lower = [w.casefold() for w, _, _ in words]
    lemmas = [lemma(w) for w in lower]
    spans: list[tuple[Outcome, int, int]] = []
    for i, (form, lem) in enumerate(zip(lower, lemmas)):
        if form in _NOT_OUTCOME_FORMS:
            continue
        s, e = words[i][1], words[i][2]
        negated_after = i + 1 < len(words) and lower[i + 1] in _NEGATIONS
        if _negated(lower, i) or negated_after:
            # `Søknaden innvilges ikke`, `får ikke støtte`: a refused grant is a rejection;
            # a negated rejection or reserve (`avslås ikke`) says nothing.
            granting = form in _GRANT_FORMS or lem in _GRANT_LEMMAS or (
                (lem in _GIVE_LEMMAS or form.startswith("tildel") or lem in ("få", "får")) and not form.startswith("tildeling")
                and any(lower[j] in _SUPPORT_WORDS for j in range(i + 1, min(i + 4, len(words)))))
            conditional = any(lower[j] in _CONDITIONS for j in range(i + 1, min(i + 5, len(words))))
            if granting and not conditional:  # `skal ikke innvilges før revisjon` is a condition
                end = words[i + 1][2] if negated_after else e
                spans.append((Outcome.REJECTED, s, end))
            continue
        if form in _REJECT_FORMS or lem in _REJECT_LEMMAS:
            if i + 2 < len(words) and lower[i + 1] == "en" and lower[i + 2] == "bloc":
                e = words[i + 2][2]
            spans.append((Outcome.REJECTED, s, e))
        elif form in _GRANT_FORMS or lem in _GRANT_LEMMAS:
            spans.append((Outcome.GRANTED, s, e))
        elif lem in _GIVE_LEMMAS or form.startswith("tildel"):
            if form.startswith("tildeling"):
                continue
            support = next((j for j in range(i + 1, min(i + 4, len(words))) if lower[j] in _SUPPORT_WORDS), None)
            if support is not None:
                spans.append((Outcome.GRANTED, s, words[support][2]))
            elif _GIVE_PASSIVE.match(form):
                spans.append((Outcome.GRANTED, s, e))
        elif lem in ("få", "får") and i + 1 < len(words) and lower[i + 1] in _SUPPORT_WORDS:
            spans.append((Outcome.GRANTED, s, words[i + 1][2]))
        elif _RESERVE_RE.search(form):
            j = i
            while j - 1 >= 0 and i - (j - 1) <= 4 and lower[j - 1] in _RESERVE_LEAD:
                j -= 1
            while j < i and lower[j] in ("på", "en", "ei", "ein"):
                j += 1  # start at the verb or ``rangert``, never at ``på``
            spans.append((Outcome.RESERVE, words[j][1], e))
    return spans


def _negated(lower: list[str], i: int) -> bool:
    """``ikke innvilget``, ``vil ikke bli innvilget``, ``vert ikkje innvilga``."""
    j = i - 1
    while j >= 0 and i - j <= 3 and lower[j] in _AUXILIARIES:
        j -= 1
    return j >= 0 and lower[j] in _NEGATIONS


def outcome_of(text: str) -> Outcome | None:
    """Outcome of a clause: the first outcome phrase in it (``Søknad 355170 settes på
    reserveliste`` -> reserve; ``vert avslått`` -> rejected), None if there is none. A clause
    with several (``tildeles ni støtte og tre avslås``) needs :func:`outcome_spans`."""
    spans = outcome_spans(text)
    return spans[0][0] if spans else None
