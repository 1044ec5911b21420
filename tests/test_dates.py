"""Tests for cnasean.dates: strict periods and dates, nothing filled in from today."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cnasean.dates import Period, month_end, parse_date, parse_period, parse_year, period_label
from cnasean.errors import BadDate, UsageError

D = dt.date


def _bad(fn, text, *fragments):
    """Call fn(text), require BadDate, and require the message to quote the offending text."""
    with pytest.raises(BadDate) as info:
        fn(text)
    msg = str(info.value)
    assert repr(text) in msg
    for frag in fragments:
        assert frag in msg
    return msg


# --- parse_period: single periods -------------------------------------------------------


@pytest.mark.parametrize(
    "text, start, end, kind, label",
    [
        ("2024", D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        (" 2024 ", D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        ("2024-03", D(2024, 3, 1), D(2024, 3, 31), "month", "2024-03"),
        ("2024-3", D(2024, 3, 1), D(2024, 3, 31), "month", "2024-03"),
        ("2024-04", D(2024, 4, 1), D(2024, 4, 30), "month", "2024-04"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month", "2024-02"),  # leap year
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28), "month", "2023-02"),
        ("2100-02", D(2100, 2, 1), D(2100, 2, 28), "month", "2100-02"),  # century, not leap
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29), "month", "2000-02"),
        ("2024-03-01", D(2024, 3, 1), D(2024, 3, 1), "day", "2024-03-01"),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "day", "2024-02-29"),
        ("2025-Q3", D(2025, 7, 1), D(2025, 9, 30), "quarter", "2025-Q3"),
        ("2025q1", D(2025, 1, 1), D(2025, 3, 31), "quarter", "2025-Q1"),
        ("q3 2025", D(2025, 7, 1), D(2025, 9, 30), "quarter", "2025-Q3"),
        ("Q4-2025", D(2025, 10, 1), D(2025, 12, 31), "quarter", "2025-Q4"),
        ("2025-H1", D(2025, 1, 1), D(2025, 6, 30), "half", "2025-H1"),
        ("h2 2025", D(2025, 7, 1), D(2025, 12, 31), "half", "2025-H2"),
        ("1900", D(1900, 1, 1), D(1900, 12, 31), "year", "1900"),
        ("2100", D(2100, 1, 1), D(2100, 12, 31), "year", "2100"),
    ],
)
def test_parse_period_single(text, start, end, kind, label):
    p = parse_period(text)
    assert p == Period(start, end, kind, label)
    assert p.contains(start) and p.contains(end)
    assert not p.contains(start - dt.timedelta(days=1))
    assert not p.contains(end + dt.timedelta(days=1))


@pytest.mark.parametrize(
    "text, start, end, kind",
    [
        ("2025-01..2025-09", D(2025, 1, 1), D(2025, 9, 30), "ytd"),
        ("2025-Q1..2025-Q2", D(2025, 1, 1), D(2025, 6, 30), "ytd"),
        ("2025-01-01..2025-09", D(2025, 1, 1), D(2025, 9, 30), "ytd"),
        ("2025..2025-06", D(2025, 1, 1), D(2025, 6, 30), "ytd"),
        # a day end is not a year-to-date figure, even from 1 January
        ("2025-01..2025-09-30", D(2025, 1, 1), D(2025, 9, 30), "range"),
        ("2025-02..2025-09", D(2025, 2, 1), D(2025, 9, 30), "range"),
        ("2024-06..2025-03", D(2024, 6, 1), D(2025, 3, 31), "range"),
        ("2024-01..2025-03", D(2024, 1, 1), D(2025, 3, 31), "range"),
        ("2023..2024", D(2023, 1, 1), D(2024, 12, 31), "range"),
        ("2024-12-15..2025-01-15", D(2024, 12, 15), D(2025, 1, 15), "range"),
        (" 2024-H2 .. 2025-q1 ", D(2024, 7, 1), D(2025, 3, 31), "range"),
    ],
)
def test_parse_period_ranges(text, start, end, kind):
    p = parse_period(text)
    assert (p.start, p.end, p.kind) == (start, end, kind)
    assert p.label == "..".join(parse_period(s).label for s in text.split(".."))


def test_range_overlaps():
    p = parse_period("2025-01..2025-09")
    assert p.overlaps(D(2024, 12, 1), D(2025, 1, 1))
    assert p.overlaps(D(2025, 9, 30), D(2026, 1, 1))
    assert not p.overlaps(D(2025, 10, 1), D(2025, 12, 31))
    assert not p.overlaps(D(2024, 1, 1), D(2024, 12, 31))


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("2025-09..2025-01", "reversed"),
        ("2025..2024", "reversed"),
        ("2025-Q3..2025-Q1", "reversed"),
        ("2025..", "both ends"),
        ("..2025", "both ends"),
        (" .. ", "both ends"),
        ("2025-13", "month 13"),
        ("2025-00", "month 0"),
        ("2023-02-30", "no day 30"),
        ("2023-02-29", "no day 29"),
        ("1900-02-29", "no day 29"),
        ("2025-04-31", "no day 31"),
        ("2025-01-00", "no day 0"),
        ("1899", "out of range"),
        ("2101-Q1", "out of range"),
        ("0000", "out of range"),
        ("2025-01..2025-13", "month 13"),
        ("2025-Q5", "Bad period"),
        ("2025-H3", "Bad period"),
        ("25", "Bad period"),
        ("", "Bad period"),
        ("last year", "Bad period"),
        ("2025...2026", "Bad period"),
        ("2025-01..2025-03..2025-06", "Bad period"),
        ("2025/03", "Bad period"),
    ],
)
def test_parse_period_errors(text, fragment):
    _bad(parse_period, text, fragment)


def test_bad_date_is_a_usage_error():
    with pytest.raises(UsageError) as info:
        parse_period("2025-13")
    assert info.value.exit_code == 2


# --- parse_date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2023-12-01", D(2023, 12, 1)),
        ("  2023-12-01\n", D(2023, 12, 1)),
        ("2023-1-5", D(2023, 1, 5)),
        ("2024-02-29", D(2024, 2, 29)),
        ("1 Dec 2023", D(2023, 12, 1)),
        ("December 1, 2023", D(2023, 12, 1)),
        ("Dec 1 2023", D(2023, 12, 1)),
        ("29 February 2024", D(2024, 2, 29)),
        ("2 january 2001", D(2001, 1, 2)),  # equal to one dateutil default: still found
        ("1 feb 2002", D(2002, 2, 1)),
    ],
)
def test_parse_date_valid(text, expected):
    assert parse_date(text) == expected


def test_parse_date_today_is_injected():
    fixed = D(2024, 7, 4)
    assert parse_date("today", today=fixed) == fixed
    assert parse_date(" TODAY ", today=fixed) == fixed
    assert parse_date("today") == dt.date.today()


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("01/12/2023", "YYYY-MM-DD"),
        ("12/01/2023", "YYYY-MM-DD"),
        ("Dec 2023", "whole day"),
        ("December", "YYYY-MM-DD"),
        ("1 Dec", "YYYY-MM-DD"),
        ("2023", "whole day is needed"),
        ("2023-12", "whole day is needed"),
        ("1 Dec 2023 10:30", "not a time"),
        ("December 1, 2023 3pm", "not a time"),
        ("2023-12-01T10:00", "YYYY-MM-DD"),
        ("2023-12-01 10:00", "YYYY-MM-DD"),
        ("2023-02-30", "no day 30"),
        ("2023-13-01", "month 13"),
        ("30 Feb 2023", "YYYY-MM-DD"),
        ("1 Dec 1899", "out of range"),
        ("1 Dec 2101", "out of range"),
        ("1899-12-31", "out of range"),
        ("yesterday", "YYYY-MM-DD"),
        ("", "YYYY-MM-DD"),
        ("二〇二三年十二月一日", "YYYY-MM-DD"),
    ],
)
def test_parse_date_refuses(text, fragment):
    _bad(parse_date, text, fragment)


def test_parse_date_refuses_explicit_midnight_time():
    _bad(parse_date, "1 Dec 2023 00:00", "time")


# --- parse_year, month_end, period_label ----------------------------------------------------


def test_parse_year():
    assert parse_year("2024") == 2024
    assert parse_year(" 1900 ") == 1900
    assert parse_year("2100") == 2100
    for bad in ("24", "2024-01", "twenty", "", "20245"):
        _bad(parse_year, bad, "four digits")
    _bad(parse_year, "1899", "out of range")
    _bad(parse_year, "2101", "out of range")


@pytest.mark.parametrize(
    "y, m, expected",
    [(2024, 2, 29), (2023, 2, 28), (1900, 2, 28), (2000, 2, 29), (2025, 4, 30), (2025, 12, 31)],
)
def test_month_end(y, m, expected):
    assert month_end(y, m) == D(y, m, expected)


@pytest.mark.parametrize(
    "start, end, label",
    [
        (D(2024, 1, 1), D(2024, 12, 31), "2024"),
        (D(2025, 1, 1), D(2025, 3, 31), "2025 Q1"),
        (D(2025, 10, 1), D(2025, 12, 31), "2025 Q4"),
        (D(2025, 1, 1), D(2025, 6, 30), "2025 H1"),
        (D(2025, 7, 1), D(2025, 12, 31), "2025 H2"),
        (D(2025, 1, 1), D(2025, 9, 30), "2025 Jan-Sep"),
        (D(2025, 2, 1), D(2025, 4, 30), "2025 Feb-Apr"),  # three months, not a quarter
        (D(2025, 3, 1), D(2025, 3, 31), "2025 Mar"),
        (D(2024, 2, 1), D(2024, 2, 29), "2024 Feb"),
        (D(2025, 3, 2), D(2025, 3, 31), "2025-03-02..2025-03-31"),
        (D(2025, 3, 1), D(2025, 3, 30), "2025-03-01..2025-03-30"),
        (D(2024, 7, 1), D(2025, 6, 30), "2024-07-01..2025-06-30"),
    ],
)
def test_period_label(start, end, label):
    assert period_label(start, end) == label


# --- properties ---------------------------------------------------------------------------

MESSY = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from("0123456789-.QqHh /:,TZ"),
        st.sampled_from("泰国东盟二〇二三年月日ประเทศไทย๒๕๖๘😀🇹🇭\x00\x1b\t\n\r\u200b\u2028"),
    ),
    max_size=30,
)
DAY_WORDS = st.builds(
    lambda d, fmt: d.strftime(fmt),
    st.dates(D(1850, 1, 1), D(2200, 12, 31)),
    st.sampled_from(["%d %b %Y", "%B %d, %Y", "%b %Y", "%d %B", "%Y-%m", "%d/%m/%Y", "%Y %b %d"]),
)


@given(st.one_of(MESSY, DAY_WORDS))
@example("1 Dec 2023 99:99")
@example("Dec 1 2023 +99999")
@example("2023-12-01\x00")
@example("😀 Dec 2023")
def test_parse_date_never_crashes(text):
    try:
        result = parse_date(text, today=D(2024, 1, 1))
    except BadDate as e:
        assert repr(text) in str(e)
    else:
        assert type(result) is dt.date
        assert 1900 <= result.year <= 2100


PERIODISH = st.from_regex(r"\A\d{4}(-\d{1,2}(-\d{1,2})?|-?[qQhH]\d)?(\.\.\d{4}(-\d{1,2})?)?\Z")


@given(st.one_of(MESSY, PERIODISH))
@example("2025..")
@example("q0 2025")
@example("2025-Q3\n..\t2025-q4")
def test_parse_period_never_crashes(text):
    try:
        p = parse_period(text)
    except BadDate as e:
        assert repr(text) in str(e)
    else:
        assert isinstance(p, Period)
        assert p.start <= p.end
        assert p.kind in {"day", "month", "quarter", "half", "year", "ytd", "range"}


@given(st.dates(D(1900, 1, 1), D(2100, 12, 31)))
def test_parse_date_iso_round_trip(d):
    assert parse_date(d.isoformat()) == d
    assert parse_period(d.isoformat()) == Period(d, d, "day", d.isoformat())


@given(st.integers(1900, 2100), st.integers(1, 4))
def test_quarter_spans_three_months(y, q):
    p = parse_period(f"{y}-Q{q}")
    assert p.start <= p.end
    assert p.start == D(y, 3 * q - 2, 1)
    assert p.end == month_end(y, 3 * q)
    assert (p.end.year * 12 + p.end.month) - (p.start.year * 12 + p.start.month) + 1 == 3
    assert parse_period(f"q{q} {y}") == p
    assert period_label(p.start, p.end) == f"{y} Q{q}"


def _period_text(draw_date: dt.date, shape: str) -> str:
    y, m = draw_date.year, draw_date.month
    return {
        "year": f"{y}",
        "month": f"{y}-{m:02d}",
        "day": draw_date.isoformat(),
        "quarter": f"{y}-Q{(m + 2) // 3}",
        "half": f"{y}-H{1 if m <= 6 else 2}",
    }[shape]


PERIOD_TEXT = st.builds(
    _period_text,
    st.dates(D(1900, 1, 1), D(2100, 12, 31)),
    st.sampled_from(["year", "month", "day", "quarter", "half"]),
)


@given(PERIOD_TEXT, PERIOD_TEXT)
def test_range_spans_from_a_start_to_b_end(a_text, b_text):
    a, b = parse_period(a_text), parse_period(b_text)
    if b.end < a.start:
        a_text, b_text, a, b = b_text, a_text, b, a
    p = parse_period(f"{a_text}..{b_text}")
    assert (p.start, p.end) == (a.start, b.end)
    assert p.kind in {"ytd", "range"}
    assert p.label == f"{a.label}..{b.label}"
    # the reverse order is refused unless the two periods overlap
    if a.end < b.start:
        _bad(parse_period, f"{b_text}..{a_text}", "reversed")


def test_month_end_agrees_with_the_calendar() -> None:
    import calendar

    from cnasean.dates import MONTH_ABBR, month_end

    for year in (1900, 1999, 2000, 2023, 2024, 2100):
        for month in range(1, 13):
            assert month_end(year, month).day == calendar.monthrange(year, month)[1]
    assert MONTH_ABBR == tuple(calendar.month_abbr)  # English: tests never set LC_TIME
