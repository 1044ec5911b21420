"""Goods trade between China and ASEAN (or one member), as reported by each side."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from cnasean import countries
from cnasean.dates import Period, parse_period, parse_year
from cnasean.errors import UsageError
from cnasean.frozen import Frozen
from cnasean.models import CURRENCIES, FLOWS, TradeRecord
from cnasean.query.sources import CONFIDENCE_RANK, DbPath, source_rank
from cnasean.store.read import open_store

FIRST_SUMMARY_YEAR = 2010
_BALANCE_PARTS = ("balance", "export", "import")


def _party(text: str | None) -> str | None:
    """'ASEAN', or a member's or China's alpha-2 code, from anything a user may type."""
    if text is None:
        return None
    if countries.is_bloc(text):
        return countries.BLOC
    return countries.lookup(text).code


def _choice(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    if value is None:
        return None
    v = value.strip()
    for a in allowed:
        if v.lower() == a.lower():
            return a
    from cnasean.query.filters import suggest

    close = suggest(v, allowed)
    hint = f" Did you mean: {', '.join(close)}?" if close else ""
    raise UsageError(f"Unknown {what} {value!r}.{hint} Choose one of: {', '.join(allowed)}.")


def _period(value: str | Period | None) -> Period | None:
    if value is None or isinstance(value, Period):
        return value
    return parse_period(value)


def _sides(reporter: str | None, partner: str | None) -> tuple[set[str] | None, str]:
    """Which reporters to keep, and the partner as China's customs sees it.

    China's customs report trade with ASEAN or a member; ASEAN and each member report
    their trade with China. The series are never merged into one figure."""
    target = partner or countries.BLOC
    if target == "CN":
        raise UsageError("China is the other side of every figure; name an ASEAN member or ASEAN.")
    if reporter is None:
        return {"CN"}, target
    if reporter.lower() == "all":
        return None, target
    rep = _party(reporter)
    assert rep is not None
    if rep not in ("CN", target):
        raise UsageError(
            f"Reporter {rep} does not report trade with {countries.name_of(target)}: "
            f"use CN or {target}."
        )
    return {rep}, target


def _matches(r: TradeRecord, reporters: set[str] | None, target: str) -> bool:
    if reporters is not None and r.reporter not in reporters:
        return False
    if r.reporter == "CN":
        return bool(r.partner == target)
    return bool(r.reporter == target and r.partner == "CN")


def trade(
    country: str | None = None,
    *,
    year: int | str | None = None,
    period: str | Period | None = None,
    start: str | Period | None = None,
    end: str | Period | None = None,
    flow: str | None = None,
    currency: str | None = None,
    reporter: str | None = None,
    db: DbPath = None,
) -> list[TradeRecord]:
    """Trade records between China and ASEAN (or ``country``), in period order.

    ``period`` matches exactly the same span (``2025-Q3``, ``2025-01..2025-09``); ``year``
    keeps every record within that calendar year; ``start``/``end`` keep records inside
    the span from the start of ``start`` to the end of ``end``. ``reporter`` is ``CN``
    (default, China's customs), ``ASEAN`` or the member itself, or ``all``.
    """
    store = open_store(db)
    keep, pairs = _raw_filter(
        country,
        year=year,
        period=period,
        start=start,
        end=end,
        flow=flow,
        currency=currency,
        reporter=reporter,
    )
    found = _with_balance(store.records_where("trade", keep, pairs), flow)
    return _in_order(found, store.source_kinds)


def _with_balance(records: list[TradeRecord], flow: str | None) -> list[TradeRecord]:
    """For ``--flow balance``: the recorded balances and those computed from exports and
    imports of one source basis (the export and import records themselves dropped)."""
    if flow is None or flow.strip().lower() != "balance":
        return records
    from cnasean.query.trade_derive import derive

    return [r for r in records if r.flow == "balance"] + derive(records, ("balance",))


def _raw_filter(
    country: str | None,
    *,
    year: int | str | None,
    period: str | Period | None,
    start: str | Period | None,
    end: str | Period | None,
    flow: str | None,
    currency: str | None,
    reporter: str | None,
) -> tuple[Callable[[Mapping[str, Any]], bool], list[tuple[str, str]]]:
    """The test a raw trade document must pass, so that only the figures asked for are
    ever typed (and checked), and the (reporter, partner) pairs it can pass (the slices of
    the trade table to read: ``Store.records_where``)."""
    reporters, target = _sides(reporter, _party(country))
    flow_v = _choice(flow, FLOWS, "flow")
    # A balance is also computed from exports and imports (query.trade_derive).
    flows = _BALANCE_PARTS if flow_v == "balance" else (flow_v,) if flow_v else ()
    currency_v = _choice(currency, CURRENCIES, "currency")
    exact = _period(period)
    lo, hi = _period(start), _period(end)
    if lo and hi and hi.end < lo.start:
        raise UsageError(f"--from {lo.label} is after --to {hi.label}.")
    in_year = parse_year(str(year)) if year is not None else None

    lo_day = lo.start.isoformat() if lo else None
    hi_day = hi.end.isoformat() if hi else None
    exact_days = (exact.start.isoformat(), exact.end.isoformat()) if exact else None

    year_text = str(in_year) if in_year is not None else None

    def keep(d: Mapping[str, Any]) -> bool:
        # Runs once per document: on a file of a million figures every lookup counts.
        get: Callable[[str], Any] = d.get
        reporter_, partner, start_, end_ = (
            get("reporter"),
            get("partner"),
            get("period_start"),
            get("period_end"),
        )
        if (
            type(reporter_) is not str
            or type(partner) is not str
            or type(start_) is not str
            or type(end_) is not str
            or type(get("flow")) is not str
            or not isinstance(get("currency"), (str, type(None)))
        ):
            # A document whose filtered fields have the wrong type is typed, to report it.
            TradeRecord.from_doc(d)  # raises InvalidRecord naming the record and field
            return False
        if reporters is not None and reporter_ not in reporters:
            return False
        if reporter_ == "CN":
            if partner != target:
                return False
        elif reporter_ != target or partner != "CN":
            return False
        if flows and get("flow") not in flows:
            return False
        if currency_v and get("currency") != currency_v:
            return False
        if exact_days and (start_, end_) != exact_days:
            return False
        if year_text is not None and not (start_[:4] == end_[:4] == year_text):
            return False
        if lo_day and start_ < lo_day:
            return False
        return not (hi_day and end_ > hi_day)

    pairs = [(r, target) if r == "CN" else (r, "CN") for r in reporters or ("CN", target)]
    return keep, [p for p in pairs if p[0] == "CN" or p[0] == target]


def _in_order(records: list[TradeRecord], sources: Mapping[str, str]) -> list[TradeRecord]:
    records.sort(
        key=lambda r: (
            r.period_start,
            -(r.period_end.toordinal()),
            r.reporter,
            r.flow,
            r.currency or "",
            preference(r, sources),
        )
    )
    return records


def preference(r: TradeRecord, sources: Mapping[str, str]) -> tuple[int, int, int, str]:
    """Sort key: the figure to show first when sources disagree. An exact figure beats a
    qualified one, a verbatim one beats a weak one, an official source beats a wire."""
    return (
        1 if r.qualifier else 0,
        CONFIDENCE_RANK.get(r.confidence, 9),
        source_rank(r.sources, sources),
        r.id,
    )


class Cell(Frozen):
    """The figure shown for one period and currency, and the others sources give."""

    shown: TradeRecord
    others: tuple[TradeRecord, ...] = ()


class YearRow(Frozen):
    """One row of the summary: a period, with a figure per currency where known."""

    label: str
    start: dt.date
    end: dt.date
    cny: Cell | None
    usd: Cell | None
    share: TradeRecord | None

    def records(self) -> list[TradeRecord]:
        out: list[TradeRecord] = []
        for cell in (self.cny, self.usd):
            if cell:
                out.extend((cell.shown, *cell.others))
        if self.share and self.share not in out:
            out.append(self.share)
        return out


class TradeSummary(Frozen):
    """The year-by-year view: annual rows, then the latest year-to-date row."""

    reporter: str
    partner: str
    flow: str
    years: list[YearRow]
    latest: YearRow | None
    gaps: list[int]

    def rows(self) -> list[YearRow]:
        return [*self.years, *([self.latest] if self.latest else [])]

    def records(self) -> list[TradeRecord]:
        return [r for row in self.rows() for r in row.records()]


def _row(
    label: str, start: dt.date, end: dt.date, recs: list[TradeRecord], sources: Mapping[str, str]
) -> YearRow:
    def cell(cur: str) -> Cell | None:
        found = sorted(
            (r for r in recs if r.currency == cur and r.value is not None),
            key=lambda r: preference(r, sources),
        )
        return Cell(found[0], tuple(found[1:])) if found else None

    shares = sorted(
        (r for r in recs if r.share_pct is not None), key=lambda r: preference(r, sources)
    )
    return YearRow(label, start, end, cell("CNY"), cell("USD"), shares[0] if shares else None)


def trade_summary(
    country: str | None = None,
    *,
    flow: str | None = None,
    reporter: str | None = None,
    start: str | Period | None = None,
    end: str | Period | None = None,
    db: DbPath = None,
) -> TradeSummary:
    """Annual figures from 2010 (or the first year with data) to the latest full year,
    one row a year with gaps shown, then the latest cumulative year-to-date figures."""
    flow_v = _choice(flow, FLOWS, "flow") or "total"
    store = open_store(db)
    keep, pairs = _raw_filter(
        country,
        year=None,
        period=None,
        start=start,
        end=end,
        flow=flow_v,
        currency=None,
        reporter=reporter,
    )
    records = _in_order(
        _with_balance(store.records_where("trade", keep, pairs), flow_v), store.source_kinds
    )
    annual: dict[int, list[TradeRecord]] = {}
    partial: dict[tuple[dt.date, dt.date], list[TradeRecord]] = {}
    for r in records:
        if r.period_kind == "year":
            annual.setdefault(r.period_start.year, []).append(r)
        elif r.period_start.month == 1 and r.period_start.day == 1:
            partial.setdefault((r.period_start, r.period_end), []).append(r)

    sources = store.source_kinds
    target = _party(country) or countries.BLOC
    rep = records[0].reporter if records else (reporter or "CN").upper()
    years: list[YearRow] = []
    gaps: list[int] = []
    with_values = [y for y, rs in annual.items() if any(r.value is not None for r in rs)]
    if with_values:
        lo_period, hi_period = _period(start), _period(end)
        first = min(with_values)
        if target == countries.BLOC:
            # The summary starts in 2010, the year the free trade area took effect;
            # earlier years are shown with --from.
            first = max(first, min(FIRST_SUMMARY_YEAR, max(with_values)))
        # A span asked for is shown whole, its empty years at either edge included (as
        # gaps), up to the last year that has ended or has a figure.
        if lo_period:
            first = lo_period.start.year
        last = max(with_values)
        if hi_period:
            last = min(max(last, dt.date.today().year - 1), hi_period.end.year)
        for y in range(first, last + 1):
            rs = annual.get(y, [])
            row = _row(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31), rs, sources)
            if not (row.cny or row.usd):
                gaps.append(y)
            years.append(row)
    latest = None
    if partial:
        (p_start, p_end) = max(partial, key=lambda k: (k[1], k[0]))
        last_full = max(with_values) if with_values else 0
        if p_end.year > last_full or not years:
            from cnasean.dates import period_label

            latest = _row(
                period_label(p_start, p_end), p_start, p_end, partial[(p_start, p_end)], sources
            )
    return TradeSummary(rep, target, flow_v, years, latest, gaps)
