"""Dates and times: `05.03.2025`, `26.02.25`, `2. desember 2024`, `Kl. 10:00 – 16:00` (dateparser `nb`, cached)."""

from __future__ import annotations

import datetime as _dt
import functools
import re

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
