"""Dates and periods typed by users, read strictly: nothing is filled in from today.

Accepted periods: ``2024`` (year), ``2024-03`` (month), ``2024-03-01`` (day), ``2025-Q3``
(quarter), ``2025-H1`` (half), and ranges ``2025-01..2025-09`` of any of those. A range that
starts in January and ends within the same year is a year-to-date (``ytd``) period.
"""

from __future__ import annotations

import datetime as dt
import re

from cnasean.errors import BadDate
from cnasean.frozen import Frozen

_MIN_YEAR, _MAX_YEAR = 1900, 2100
_ISO_HINT = "use YYYY-MM-DD, e.g. 2023-12-01"
_PERIOD_HINT = "use 2025, 2025-03, 2025-03-01, 2025-Q3, 2025-H1 or a range 2025-01..2025-09"


class Period(Frozen):
    """A closed range of days with the precision the user gave."""

    start: dt.date
    end: dt.date
    kind: str  # day, month, quarter, half, year, ytd, range
    label: str

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        return self.start <= end and start <= self.end


# English, whatever the locale (calendar.month_abbr follows LC_TIME), and without importing
# calendar at start-up.
MONTH_ABBR = (
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def _year(text: str, raw: str) -> int:
    year = int(text)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise BadDate(f"Bad date {raw!r}: year {year} is out of range {_MIN_YEAR}-{_MAX_YEAR}.")
    return year


def _month(text: str, raw: str) -> int:
    month = int(text)
    if not 1 <= month <= 12:
        raise BadDate(f"Bad date {raw!r}: month {month} does not exist.")
    return month


# Patterns as text: the re module compiles and caches each on first use, so commands that
# never read a date do not pay for compiling them at start-up.
_RE_DAY = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_RE_MONTH = r"(\d{4})-(\d{1,2})"
_RE_YEAR = r"(\d{4})"
_RE_QUARTER = r"(\d{4})-?q([1-4])|q([1-4])[\s-]?(\d{4})"
_RE_HALF = r"(\d{4})-?h([12])|h([12])[\s-]?(\d{4})"


def parse_date(text: str, *, today: dt.date | None = None) -> dt.date:
    """A single day: ``YYYY-MM-DD``, ``today``, or an unambiguous English date
    such as ``1 Dec 2023`` or ``December 1, 2023``. Raises ``BadDate``."""
    raw = text
    text = text.strip()
    if text.lower() == "today":
        return today or dt.date.today()
    m = re.fullmatch(_RE_DAY, text)
    if m:
        return _day(m.group(1), m.group(2), m.group(3), raw)
    if re.search(r"[a-zA-Z]{3}", text) and re.search(r"\b\d{4}\b", text):
        return _parse_words(text, raw)
    if re.fullmatch(r"\d{4}(-\d{1,2})?", text):
        raise BadDate(f"Bad date {raw!r}: a whole day is needed here; {_ISO_HINT}.")
    raise BadDate(f"Bad date {raw!r}: {_ISO_HINT}.")


def _day(y: str, m: str, d: str, raw: str) -> dt.date:
    year, month = _year(y, raw), _month(m, raw)
    try:
        return dt.date(year, month, int(d))
    except ValueError:
        raise BadDate(f"Bad date {raw!r}: {year}-{month:02d} has no day {int(d)}.") from None


def _parse_words(text: str, raw: str) -> dt.date:
    """Dates with a month name. dateutil fills missing parts from a default, so parse
    twice with two different defaults: any part that changes was not in the text."""
    from dateutil import parser

    a_default = dt.datetime(2001, 1, 1, 0, 0)
    b_default = dt.datetime(2002, 2, 2, 13, 37, 42)
    try:
        a = parser.parse(text, default=a_default, dayfirst=False, fuzzy=False)
        b = parser.parse(text, default=b_default, dayfirst=False, fuzzy=False)
    except (ValueError, OverflowError):
        raise BadDate(f"Bad date {raw!r}: {_ISO_HINT}.") from None
    if a.date() != b.date():
        raise BadDate(f"Bad date {raw!r}: it does not name a whole day; {_ISO_HINT}.")
    if a.hour == b.hour or a.minute == b.minute or a.second == b.second:
        # the text itself set part of a time, even midnight
        raise BadDate(f"Bad date {raw!r}: a day is needed, not a time; {_ISO_HINT}.")
    _year(str(a.year), raw)
    return a.date()


def _single(text: str, raw: str) -> Period:
    t = text.strip().lower()
    if m := re.fullmatch(_RE_DAY, t):
        d = _day(m.group(1), m.group(2), m.group(3), raw)
        return Period(d, d, "day", d.isoformat())
    if m := re.fullmatch(_RE_MONTH, t):
        y, mo = _year(m.group(1), raw), _month(m.group(2), raw)
        return Period(dt.date(y, mo, 1), month_end(y, mo), "month", f"{y}-{mo:02d}")
    if m := re.fullmatch(_RE_YEAR, t):
        y = _year(m.group(1), raw)
        return Period(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", str(y))
    if m := re.fullmatch(_RE_QUARTER, t):
        y = _year(m.group(1) or m.group(4), raw)
        q = int(m.group(2) or m.group(3))
        return Period(dt.date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter", f"{y}-Q{q}")
    if m := re.fullmatch(_RE_HALF, t):
        y = _year(m.group(1) or m.group(4), raw)
        h = int(m.group(2) or m.group(3))
        return Period(dt.date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half", f"{y}-H{h}")
    raise BadDate(f"Bad period {raw!r}: {_PERIOD_HINT}.")


def parse_period(text: str) -> Period:
    """A period: a single year, month, day, quarter or half, or a range ``A..B`` of them."""
    raw = text
    if ".." in text:
        left, _, right = text.partition("..")
        if not left.strip() or not right.strip():
            raise BadDate(f"Bad period {raw!r}: a range needs both ends, e.g. 2025-01..2025-09.")
        a, b = _single(left, raw), _single(right, raw)
        if b.end < a.start:
            raise BadDate(
                f"Bad period {raw!r}: the range is reversed ({a.label} is after {b.label})."
            )
        ytd = a.start.year == b.end.year and a.start.month == 1 and a.start.day == 1
        kind = "ytd" if ytd and b.kind != "day" else "range"
        return Period(a.start, b.end, kind, f"{a.label}..{b.label}")
    return _single(text, raw)


def parse_year(text: str) -> int:
    """A four-digit year."""
    t = text.strip()
    if not re.fullmatch(_RE_YEAR, t):
        raise BadDate(f"Bad year {text!r}: use four digits, e.g. 2024.")
    return _year(t, text)


def period_label(start: dt.date, end: dt.date) -> str:
    """A short human label: '2024', '2025 Q1', '2025 H1', '2025 Jan-Sep', '2025-03'."""
    full_months = start.day == 1 and end == month_end(end.year, end.month)
    if start.year == end.year and full_months:
        y, m0, m1 = start.year, start.month, end.month
        if (m0, m1) == (1, 12):
            return str(y)
        if m0 == m1:
            return f"{y} {MONTH_ABBR[m0]}"
        if m1 - m0 == 2 and m0 % 3 == 1:
            return f"{y} Q{(m0 + 2) // 3}"
        if (m0, m1) in ((1, 6), (7, 12)):
            return f"{y} H{1 if m0 == 1 else 2}"
        return f"{y} {MONTH_ABBR[m0]}-{MONTH_ABBR[m1]}"
    return f"{start.isoformat()}..{end.isoformat()}"
