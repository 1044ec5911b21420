"""The period or the days a question names, in English or Chinese: a year, a part of one
(months, quarters, halves, the first N months), a month or a day."""

from __future__ import annotations

import datetime as dt
import re

from cnasean.ask.lexicon import MONTHS, NUMBERS, ZH_NUM


def _year(text: str) -> int | None:
    years = [int(y) for y in re.findall(r"(?<!\d)(19\d\d|20\d\d)(?!\d)", text)]
    return years[-1] if years else None


Found = tuple[str | None, tuple[str, str] | None]  # (period, (first day, last day))


def _days_in(year: int, month: int) -> int:
    """The length of a month (without importing calendar)."""
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return (nxt - dt.timedelta(days=1)).day


def _month(year: int, month: int) -> Found:
    """A whole month: its period and its first and last days."""
    last = _days_in(year, month)
    y = str(year)
    return f"{y}-{month:02d}", (f"{y}-{month:02d}-01", f"{y}-{month:02d}-{last:02d}")


def _whole_year(y: str) -> Found:
    return y, (f"{y}-01-01", f"{y}-12-31")


def period_en(t: str, raw: str = "") -> Found:
    """The period or days an English question names (``t``: its words, typos fixed;
    ``raw``: its lower-cased text, for ISO dates)."""
    found = _iso_en(raw)
    if found is not None:
        return found
    if "next year" in t:
        return _whole_year(str(dt.date.today().year + 1))
    year = _year(t)
    if year is None:
        return None, None
    found = _part_of_year_en(t, str(year))
    if found is None:
        found = _day_or_month_en(t, year)
    return found if found is not None else _whole_year(str(year))


def _iso_en(raw: str) -> Found | None:
    """An ISO day (2025-10-28) or month (2025-10) written in the question."""
    if "-" not in raw:
        return None
    if m := re.search(r"\b(19|20)(\d\d)-(\d{2})-(\d{2})\b", raw):
        return None, (m.group(0), m.group(0))
    if m := re.search(r"\b((?:19|20)\d\d)-(\d{1,2})\b(?![-\d])", raw):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return _month(year, month)
    return None


def _part_of_year_en(t: str, y: str) -> Found | None:
    """Months to months, the first three quarters, the first N months, a half, a quarter."""
    tokens = set(t.split())
    names = "|".join(sorted(MONTHS, key=len, reverse=True))
    if tokens & set(MONTHS) and (
        m := re.search(
            rf"\b({names})\.?\s*(?:to|through|till|until|and)?\s*({names})\b\.?\s+(?:of\s+)?{y}", t
        )
    ):
        m0, m1 = MONTHS[m.group(1)], MONTHS[m.group(2)]
        if m0 < m1:
            return f"{y}-{m0:02d}..{y}-{m1:02d}", None
    if ("first" in tokens or "q1" in tokens or "january" in tokens) and re.search(
        r"first (three|3) quarters|q1\s*(?:[-–]|to|through)?\s*q3|january\s*(?:-|–|to|through)?\s*september",
        t,
    ):
        return f"{y}-01..{y}-09", None
    if "months" in tokens and (m := re.search(r"first (\w+) months", t)):
        n = NUMBERS.get(m.group(1))
        if n:
            return (f"{y}-01..{y}-{n:02d}" if n > 1 else f"{y}-01"), None
    if "first half" in t or "h1" in tokens:
        return f"{y}-H1", None
    if "second half" in t or "h2" in tokens:
        return f"{y}-H2", None
    for word, q in (("first", 1), ("second", 2), ("third", 3), ("fourth", 4)):
        if f"{word} quarter" in t:
            return f"{y}-Q{q}", None
    for digit in "1234":
        if f"q{digit}" in tokens:
            return f"{y}-Q{digit}", None
    return None


def tokens_have_month(t: str) -> bool:
    return bool(set(t.split()) & MONTHS.keys())


def _day_or_month_en(t: str, year: int) -> Found | None:
    """A day (28 October 2025, October 28, 2025, 2025-10-28) or a month (October 2025)."""
    y = str(year)
    if tokens_have_month(t) and (
        m := re.search(r"(\d{1,2})\s+([a-z]+)\s+" + y + r"|([a-z]+)\s+(\d{1,2}),?\s+" + y, t)
    ):
        month = MONTHS.get((m.group(2) or m.group(3) or "")[:9])
        day = int(m.group(1) or m.group(4))
        if month:
            d = dt.date(year, month, min(day, _days_in(year, month))).isoformat()
            return None, (d, d)
    if m := re.search(r"(\d{4})-(\d{2})-(\d{2})", t):
        return None, (m.group(0), m.group(0))
    tokens = set(t.split())
    for name, month in MONTHS.items():
        if name in tokens and re.search(rf"\b{name}\b[a-z]*\.?\s+(of\s+)?{y}", t):
            return _month(year, month)
    return None


def period_zh(t: str) -> Found:
    """The period or days a Chinese question names."""
    year = _year(t)
    if year is None:
        return None, None
    y = str(year)
    if re.search(r"前[三3]个?季度", t):
        return f"{y}-01..{y}-09", None
    if m := re.search(r"(\d{1,2})\s*[-—–至到~]\s*(\d{1,2})\s*月", t):
        m0, m1 = int(m.group(1)), int(m.group(2))
        if 1 <= m0 < m1 <= 12:
            return f"{y}-{m0:02d}..{y}-{m1:02d}", None
    if "明年" in t:
        return _whole_year(str(dt.date.today().year + 1))
    found = _part_of_year_zh(t, y)
    if found is None:
        found = _day_or_month_zh(t, year)
    return found if found is not None else _whole_year(y)


def _part_of_year_zh(t: str, y: str) -> Found | None:
    """The first N months, a quarter, a half."""
    if m := re.search(r"前(十一|[一二两三四五六七八九十]|\d{1,2})个?月", t):
        n = ZH_NUM.get(m.group(1)) or int(m.group(1))
        return (f"{y}-01..{y}-{n:02d}" if n > 1 else f"{y}-01"), None
    if m := re.search(r"第?([一二三四1-4])季度", t):
        q = {"一": 1, "二": 2, "三": 3, "四": 4}.get(m.group(1)) or int(m.group(1))
        if not re.search(r"前[三3]个?季度", t):
            return f"{y}-Q{q}", None
    if "上半年" in t:
        return f"{y}-H1", None
    if "下半年" in t:
        return f"{y}-H2", None
    for word, q in (("一季度", 1), ("二季度", 2), ("三季度", 3), ("四季度", 4)):
        if word in t:
            return f"{y}-Q{q}", None
    return None


def _day_or_month_zh(t: str, year: int) -> Found | None:
    """A day (2025年10月28日) or a month (2025年10月)."""
    y = str(year)
    if m := re.search(y + r"\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", t):
        d = dt.date(year, int(m.group(1)), int(m.group(2))).isoformat()
        return None, (d, d)
    if m := re.search(y + r"\s*年\s*(\d{1,2})\s*月", t):
        month = int(m.group(1))
        if 1 <= month <= 12:
            return _month(year, month)
    return None
