"""Tests for cnasean.output.charts: trade bars and the visa timeline, built from records made here
(no data file), at every width from cramped to wide, in Unicode and in plain ASCII."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnasean.models import TradeRecord, VisaRule
from cnasean.output.charts import trade_bars, visa_timeline
from cnasean.query.trade import Cell, TradeSummary, YearRow
from cnasean.text import human_money, human_pct

D = dt.date.fromisoformat
TODAY = D("2026-03-10")
WIDTHS = (20, 40, 80, 200)
NEEDS_VISA = {"visa_required", "visa_on_arrival", "e_visa", "business_visa"}
BLOCKS = {"█": 1.0, **{ch: (i + 1) / 8 for i, ch in enumerate("▏▎▍▌▋▊▉")}}


# --------------------------------------------------------------------------------------------
# builders


def rec(
    value: float | None,
    currency: str = "CNY",
    yoy: float | None = None,
    qualifier: str | None = None,
    year: int = 2024,
) -> TradeRecord:
    return TradeRecord(
        id=f"t-{year}-{currency}",
        reporter="CN",
        partner="ASEAN",
        flow="total",
        period=str(year),
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        value=value,
        currency=currency,
        yoy_pct=yoy,
        share_pct=None,
        derived=None,
        note=None,
        sources=("src",),
        period_kind="year",
        qualifier=qualifier,
        confidence="verbatim",
        last_verified=D("2026-01-01"),
    )


def row(
    label: str,
    cny: float | None = None,
    usd: float | None = None,
    yoy: float | None = None,
    qualifier: str | None = None,
) -> YearRow:
    year = int(label[:4])
    c = Cell(rec(cny, "CNY", yoy, qualifier, year)) if cny is not None else None
    u = Cell(rec(usd, "USD", yoy, qualifier, year)) if usd is not None else None
    return YearRow(label, dt.date(year, 1, 1), dt.date(year, 12, 31), c, u, None)


def summary(
    rows: list[YearRow], latest: YearRow | None = None, flow: str = "total"
) -> TradeSummary:
    return TradeSummary("CN", "ASEAN", flow, rows, latest, [])


def rule(
    passport: str,
    destination: str,
    regime: str,
    start: str | None,
    end: str | None,
    visa_free: bool | None = None,
    rid: str = "",
) -> VisaRule:
    return VisaRule(
        id=rid or f"{passport}-{destination}-{regime}-{start}",
        passport=passport,
        destination=destination,
        regime=regime,
        visa_free=regime not in NEEDS_VISA if visa_free is None else visa_free,
        max_stay_days=30,
        cumulative_limit=None,
        effective_from=D(start) if start else None,
        effective_to=D(end) if end else None,
        purposes=("tourism",),
        conditions=(),
        note=None,
        sources=("src",),
        last_verified=D("2026-01-01"),
        name=None,
        region=None,
        confidence="verbatim",
    )


TRADE = summary(
    [
        row("2019", cny=4.43e12, usd=648.35e9, yoy=14.1),
        row("2020", cny=4.74e12, usd=685.28e9, yoy=7),
        row("2021", usd=878e9),  # no CNY figure
        row("2022", cny=6.52e12, usd=975e9, yoy=15),
        row("2023", cny=3.26e12, usd=911.7e9),  # half of 2022
        row("2024", cny=7e12, usd=982.1e9, qualifier="nearly"),
    ],
    latest=row("2026 Jan-Feb", cny=1.24e12, yoy=20.3),
)

THAI = [
    rule("CN", "TH", "visa_on_arrival", None, "2023-09-24"),
    rule("CN", "TH", "temporary_exemption", "2023-09-25", "2024-02-29"),
    rule("CN", "TH", "mutual_exemption", "2024-03-01", None),
    rule("TH", "CN", "visa_required", None, "2024-02-29"),
    rule("TH", "CN", "regional_exemption", "2018-05-01", "2020-03-27"),
    rule("TH", "CN", "mutual_exemption", "2024-03-01", None),
    rule("TH", "CN", "business_visa", "2024-11-07", "2025-06-02", visa_free=False),
]


def bar_length(line: str) -> float:
    """Cells of Unicode bar in a line (partial blocks as eighths), or of '#' in plain mode."""
    return sum(BLOCKS.get(ch, 0) for ch in line) + line.count("#")


def line_for(lines: list[str], label: str) -> str:
    return next(ln for ln in lines[1:-1] if ln.startswith(label + " ") or ln == label)


# --------------------------------------------------------------------------------------------
# trade bars


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("plain", [False, True])
@pytest.mark.parametrize("currency", ["CNY", "USD"])
def test_trade_lines_fit(width: int, plain: bool, currency: str) -> None:
    lines = trade_bars(TRADE, currency, width, plain)
    assert lines
    assert all(len(ln) <= width for ln in lines), [ln for ln in lines if len(ln) > width]


def test_trade_header_and_legend() -> None:
    lines = trade_bars(TRADE, "CNY", 80, False)
    assert lines[0] == "China–ASEAN trade, CNY (bars to scale; YoY beside each)"
    assert lines[-1].startswith("Each █ ≈ ") and "CNY" in lines[-1]
    assert len(lines) == len(TRADE.rows()) + 2  # one line per row at this width


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("plain", [False, True])
def test_bars_proportional(width: int, plain: bool) -> None:
    lines = trade_bars(TRADE, "CNY", width, plain)
    lengths = {label: bar_length(line_for(lines, label)) for label in ("2022", "2023", "2024")}
    assert lengths["2024"] == max(bar_length(ln) for ln in lines[1:-1])
    # 2023 is half of 2022 (3.26 tn against 6.52 tn)
    assert abs(lengths["2023"] - lengths["2022"] / 2) <= 1
    assert abs(lengths["2022"] / lengths["2024"] - 6.52 / 7) < 0.05


def test_bars_start_at_one_column() -> None:
    lines = trade_bars(TRADE, "USD", 80, False)
    starts = {ln.index("█") for ln in lines[1:-1] if "█" in ln}
    assert len(starts) == 1


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("plain", [False, True])
def test_figures_always_present(width: int, plain: bool) -> None:
    lines = trade_bars(TRADE, "CNY", width, plain)
    for figure in ("4.43 tn", "4.74 tn", "6.52 tn", "3.26 tn", "nearly 7 tn", "1.24 tn"):
        assert any(figure in ln for ln in lines), (figure, lines)
    for label in ("2019", "2024", "2026 Jan-Feb"):
        assert any(label in ln for ln in lines)


def test_narrow_width_drops_bars_keeps_figures() -> None:
    lines = trade_bars(TRADE, "CNY", 30, False)
    assert not any(ch in ln for ln in lines[1:-1] for ch in BLOCKS)
    assert "nearly 7 tn" in line_for(lines, "2024")
    assert "+20.3%" in "".join(lines)


def test_plain_is_ascii() -> None:
    for width in WIDTHS:
        for currency in ("CNY", "USD"):
            lines = trade_bars(TRADE, currency, width, True)
            assert all(ln.isascii() for ln in lines), lines
    lines = trade_bars(TRADE, "CNY", 80, True)
    assert "#" in line_for(lines, "2024") and lines[0].startswith("China-ASEAN trade")


def test_yoy_shown_beside_value() -> None:
    lines = trade_bars(TRADE, "CNY", 80, False)
    assert line_for(lines, "2022").endswith("6.52 tn   +15%")
    assert line_for(lines, "2019").endswith("+14.1%")
    assert line_for(lines, "2026 Jan-Feb").endswith("+20.3%")
    assert "%" not in line_for(lines, "2023")  # no YoY for that year: blank


@pytest.mark.parametrize("plain", [False, True])
def test_missing_currency_row(plain: bool) -> None:
    lines = trade_bars(TRADE, "CNY", 80, plain)
    line = line_for(lines, "2021")
    assert bar_length(line) == 0
    assert line.endswith("—" if not plain else "-")
    usd = trade_bars(TRADE, "USD", 80, plain)
    assert bar_length(line_for(usd, "2021")) > 0
    assert bar_length(line_for(usd, "2026 Jan-Feb")) == 0


@pytest.mark.parametrize("plain", [False, True])
def test_negative_balance(plain: bool) -> None:
    bal = summary(
        [
            row("2021", usd=8e9),
            row("2022", usd=-4e9),
            row("2023", usd=-1e9),
            row("2024", usd=2e9),
            row("2025"),
        ],
        flow="balance",
    )
    lines = trade_bars(bal, "USD", 80, plain)
    zero = "|" if plain else "│"
    body = lines[1:-1]
    columns = {ln.index(zero) for ln in body}
    assert len(columns) == 1, body  # one zero line
    z = columns.pop()
    neg, pos = line_for(lines, "2022"), line_for(lines, "2021")
    glyphs = set(BLOCKS) | {"#"}
    assert neg[z - 1] in glyphs and neg[z + 1] == " "  # grows left of zero
    assert pos[z - 1] == " " and pos[z + 1] in glyphs  # grows right of zero
    assert abs(bar_length(neg) - bar_length(pos) / 2) <= 1
    assert "-4 bn" in neg and "8 bn" in pos
    small = line_for(lines, "2023")  # a short negative bar still touches the zero line
    assert small[z - 1] in glyphs and "-1 bn" in small
    assert abs(bar_length(small) - bar_length(neg) / 4) <= 1
    assert zero in lines[-1]  # the legend explains the zero line
    assert all(len(ln) <= 80 for ln in lines)


def test_all_negative_and_all_zero() -> None:
    neg = summary([row("2021", usd=-8e9), row("2022", usd=-4e9)], flow="balance")
    lines = trade_bars(neg, "USD", 60, False)
    assert "-8 bn" in lines[1] and "█" in lines[1] and all(len(ln) <= 60 for ln in lines)
    zero = summary([row("2021", usd=0), row("2022")])
    lines = trade_bars(zero, "USD", 60, False)
    assert line_for(lines, "2021").endswith(" 0") and line_for(lines, "2022").endswith("—")


def test_tiny_and_huge_values() -> None:
    for values in ([0, 5e-324], [-5e-324, None], [1e300, -1e300], [10**14, 1]):
        s = summary([row("2020", usd=values[0]), row("2021", usd=values[1])])
        for width in (12, 40, 80):
            assert all(len(ln) <= width for ln in trade_bars(s, "USD", width, False))


def test_titles_in_english_whatever_the_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts measure one column a character, so they keep to English names even when the
    CLI speaks Chinese (CJK characters take two columns)."""
    monkeypatch.setenv("CNASEAN_LANG", "zh")
    i18n = sys.modules.get("cnasean.output.i18n")
    reset = getattr(i18n, "reset", None)
    if reset:
        reset()
    try:
        thai = TradeSummary("TH", "TH", "export", TRADE.years, None, [])
        assert trade_bars(thai, "USD", 80, False)[0].startswith("Thailand's exports to China")
    finally:
        if reset:
            reset()


def test_empty_summary() -> None:
    assert trade_bars(summary([]), "CNY", 80, False) == []


def test_width_must_be_positive() -> None:
    with pytest.raises(ValueError):
        trade_bars(TRADE, "CNY", 0, False)


money = st.one_of(
    st.none(),
    st.integers(min_value=-(10**14), max_value=10**14),
    st.floats(min_value=-1e14, max_value=1e14, allow_nan=False),
)
rows_st = st.lists(
    st.builds(
        row,
        label=st.sampled_from(["2019", "2020", "2024", "2025 Jan-Sep", "2025 Q3"]),
        cny=money,
        usd=money,
        yoy=st.one_of(st.none(), st.floats(min_value=-100, max_value=1000)),
        qualifier=st.sampled_from([None, "about", "over", "nearly"]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rows=rows_st,
    width=st.integers(min_value=1, max_value=250),
    plain=st.booleans(),
    currency=st.sampled_from(["CNY", "USD"]),
)
def test_trade_bars_never_overflow(
    rows: list[YearRow], width: int, plain: bool, currency: str
) -> None:
    s = summary(rows[:-1], rows[-1]) if rows else summary([])
    lines = trade_bars(s, currency, width, plain)
    assert all(len(ln) <= width for ln in lines)
    if plain:
        assert all(ln.isascii() for ln in lines)
    squeezed = "".join(lines).replace(" ", "")
    for r in s.rows():  # every figure is shown, if only wrapped
        cell = r.usd if currency == "USD" else r.cny
        if cell is not None:
            shown = cell.shown
            text = human_money(shown.value, None, shown.qualifier, with_currency=False)
            assert text.replace(" ", "") in squeezed
            assert human_pct(shown.yoy_pct) in squeezed


# --------------------------------------------------------------------------------------------
# visa timeline


def expected_cols(day: dt.date, start: dt.date, axis: int) -> tuple[int, int]:
    """The columns a day covers: the axis splits start..TODAY (inclusive) evenly."""
    span = (TODAY - start).days + 1
    off = (day - start).days
    first = off * axis // span
    return first, max(first, (off + 1) * axis // span - 1)


START = D("2016-01-01")
ALWAYS = rule("CN", "TH", "visa_required", None, None, rid="always")  # open start, to today


def timeline(width: int = 80, plain: bool = False) -> tuple[list[str], int, int]:
    """The Thai timeline with a rule spanning the whole axis, and the axis' offset and width
    read from that rule's line."""
    lines = visa_timeline([ALWAYS, *THAI[3:]], width, plain, TODAY, start=START)
    full = next(ln for ln in lines if "visa required" in ln)  # CN→TH comes first
    off = full.index("<")
    assert set(full[off + 1 :]) == {"░"}
    return lines, off, len(full) - off


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("plain", [False, True])
def test_timeline_lines_fit(width: int, plain: bool) -> None:
    lines = visa_timeline(THAI, width, plain, TODAY)
    assert all(len(ln) <= width for ln in lines), [ln for ln in lines if len(ln) > width]
    if plain:
        assert all(ln.isascii() for ln in lines)


def test_timeline_bars_at_the_right_columns() -> None:
    lines, off, axis = timeline()
    assert axis > 30
    regional = next(ln for ln in lines if "region-limited exemption" in ln)
    a = expected_cols(D("2018-05-01"), START, axis)[0]
    b = expected_cols(D("2020-03-27"), START, axis)[1]
    assert regional[off + a] == "█" and regional[off + a - 1] == " "
    assert regional[off + a : off + b + 1] == "█" * (b - a + 1)
    assert len(regional) == off + b + 1  # nothing after the end
    mutual = next(ln for ln in lines if "mutual exemption" in ln)
    a = expected_cols(D("2024-03-01"), START, axis)[0]
    assert mutual[off + a - 1] == " " and mutual[off + a :] == "█" * (axis - a)  # to today
    required = [ln for ln in lines if "visa required" in ln][1]  # TH→CN, until 2024-02-29
    b = expected_cols(D("2024-02-29"), START, axis)[1]
    assert required[off] == "<" and required[off + 1 : off + b + 1] == "░" * b
    assert len(required) == off + b + 1


def test_timeline_open_start_marker_and_glyphs() -> None:
    lines = visa_timeline(THAI, 80, False, TODAY)
    on_arrival = next(ln for ln in lines if "visa on arrival" in ln)
    assert "<░" in on_arrival and "█" not in on_arrival
    mutual = next(ln for ln in lines if "mutual exemption" in ln)
    assert "<" not in mutual and "█" in mutual and "░" not in mutual
    business = next(ln for ln in lines if "business visa" in ln)
    assert "░" in business and "█" not in business
    plain = visa_timeline(THAI, 80, True, TODAY)
    assert "<." in next(ln for ln in plain if "visa on arrival" in ln)
    assert "#" in next(ln for ln in plain if "mutual exemption" in ln)
    assert "< earlier or unknown start" in lines[-1] and "█ visa-free" in lines[-1]


def test_timeline_ticks() -> None:
    lines, off, axis = timeline()
    ticks = [(m.start(), int(m.group())) for m in re.finditer(r"\d{4}", lines[-2])]
    assert len(ticks) >= 3
    years = [y for _, y in ticks]
    assert years == sorted(years) and len(set(years)) == len(years)
    for (p1, _), (p2, _) in itertools.pairwise(ticks):
        assert p2 >= p1 + 5  # four digits and a space between
    for pos, year in ticks:
        assert pos == off + expected_cols(dt.date(year, 1, 1), START, axis)[0]
    for width in WIDTHS:
        axis_line = visa_timeline(THAI, width, False, TODAY)[-2]
        found = [(m.start(), m.end()) for m in re.finditer(r"\d{4}", axis_line)]
        assert all(e1 < s2 for (_, e1), (s2, _) in itertools.pairwise(found))


def test_timeline_group_headings() -> None:
    lines = visa_timeline(THAI, 80, False, TODAY)
    assert "CN→TH" in lines and "TH→CN" in lines
    out, back = lines.index("CN→TH"), lines.index("TH→CN")
    assert out < back
    assert any("visa on arrival" in ln for ln in lines[out:back])  # CN→TH only
    assert all("visa on arrival" not in ln for ln in lines[back:])
    assert any("region-limited" in ln for ln in lines[back:])  # TH→CN only
    assert all("region-limited" not in ln for ln in lines[out:back])
    plain = visa_timeline(THAI, 80, True, TODAY)
    assert "CN->TH" in plain and "TH->CN" in plain


def test_timeline_default_start() -> None:
    lines = visa_timeline(THAI, 80, False, TODAY)
    assert lines[0].startswith("Visa rules, 2017-01-01 to today")  # before 2018-05-01
    recent = [rule("CN", "TH", "mutual_exemption", "2025-06-01", None)]
    lines = visa_timeline(recent, 80, False, TODAY)
    assert "2024-01-01" in lines[0]  # at least two years before today


def test_timeline_labels_truncated() -> None:
    lines = visa_timeline(THAI, 40, False, TODAY)
    assert any("…" in ln for ln in lines)
    assert any(ln.strip().startswith("visa") for ln in lines)


def test_timeline_future_and_past_rules() -> None:
    rules = [
        rule("CN", "TH", "mutual_exemption", "2027-01-01", None),
        rule("CN", "TH", "visa_required", "2001-01-01", "2005-01-01"),
    ]
    lines = visa_timeline(rules, 60, False, TODAY, start=D("2020-01-01"))
    future = next(ln for ln in lines if "mutual" in ln)
    assert future.endswith(">") and "█" not in future
    past = next(ln for ln in lines if "visa required" in ln)
    assert past.endswith("<") and "░" not in past
    assert "later" in lines[-1]


def test_timeline_empty() -> None:
    assert visa_timeline([], 80, False, TODAY) == []


dates = st.one_of(st.none(), st.dates(min_value=D("1990-01-01"), max_value=D("2030-12-31")))
REGIMES = ["mutual_exemption", "visa_required", "business_visa", "regional_exemption"]


@st.composite
def rules_st(draw: st.DrawFn) -> VisaRule:
    a, b = draw(dates), draw(dates)
    if a and b and b < a:
        a, b = b, a
    passport = draw(st.sampled_from(["CN", "TH"]))
    return rule(
        passport,
        "TH" if passport == "CN" else "CN",
        draw(st.sampled_from(REGIMES)),
        a.isoformat() if a else None,
        b.isoformat() if b else None,
        visa_free=draw(st.booleans()),
        rid=str(draw(st.integers())),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    rules=st.lists(rules_st(), max_size=10),
    width=st.integers(min_value=1, max_value=250),
    plain=st.booleans(),
    today=st.dates(min_value=D("2000-01-01"), max_value=D("2030-12-31")),
    start=st.one_of(st.none(), st.dates(min_value=D("1980-01-01"), max_value=D("2035-01-01"))),
)
def test_timeline_never_overflows(
    rules: list[VisaRule], width: int, plain: bool, today: dt.date, start: dt.date | None
) -> None:
    lines = visa_timeline(rules, width, plain, today, start)
    assert all(len(ln) <= width for ln in lines)
    if plain:
        assert all(ln.isascii() for ln in lines)
    if rules and width >= 20:
        assert len(lines) >= len(rules) + 3  # title, a heading, one per rule, axis, legend
