"""One member's trade with China, year by year: exports, imports, total and balance side by
side, as one reporter gives them (China's customs by default, or the member's own)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping

from cnasean import countries
from cnasean.dates import Period, period_label
from cnasean.errors import UsageError
from cnasean.frozen import Frozen
from cnasean.models import CURRENCIES, TradeRecord
from cnasean.query.sources import DbPath
from cnasean.query.trade import Cell, _choice, _in_order, _party, _period, _raw_filter, preference
from cnasean.query.trade_derive import derive
from cnasean.store.read import open_store

MEMBER_FLOWS = ("export", "import", "total", "balance")


class FlowRow(Frozen):
    """One period of the member summary: a figure per flow where known."""

    label: str
    start: dt.date
    end: dt.date
    export: Cell | None
    import_: Cell | None
    total: Cell | None
    balance: Cell | None
    growth: TradeRecord | None = None  # the total's growth computed here (value None)

    def cells(self) -> list[Cell]:
        return [c for c in (self.export, self.import_, self.total, self.balance) if c]

    def records(self) -> list[TradeRecord]:
        out = [r for c in self.cells() for r in (c.shown, *c.others)]
        return [*out, self.growth] if self.growth else out

    def yoy(self) -> tuple[int | float | None, bool]:
        """The total's growth, and whether it was computed here."""
        if self.total and self.total.shown.yoy_pct is not None:
            return self.total.shown.yoy_pct, False
        if self.growth:
            return self.growth.yoy_pct, True
        return None, False


class MemberSummary(Frozen):
    """China's trade with one member, per year, in one currency, from one reporter."""

    reporter: str
    partner: str
    currency: str
    years: list[FlowRow]
    latest: FlowRow | None
    gaps: list[int]  # years without a total
    elsewhere: int  # figures in the other currency, not in this table

    def rows(self) -> list[FlowRow]:
        return [*self.years, *([self.latest] if self.latest else [])]

    def records(self) -> list[TradeRecord]:
        return [r for row in self.rows() for r in row.records()]


def _flow_row(
    label: str, start: dt.date, end: dt.date, recs: list[TradeRecord], sources: Mapping[str, str]
) -> FlowRow:
    basis = _row_basis(recs, sources)

    def order(r: TradeRecord) -> tuple[int, int, tuple[int, int, int, str]]:
        exact = r.qualifier in (None, "about")
        return (0 if exact else 1, 0 if tuple(r.sources) == basis else 1, preference(r, sources))

    def cell(flow: str) -> Cell | None:
        found = sorted((r for r in recs if r.flow == flow and r.value is not None), key=order)
        return Cell(found[0], tuple(found[1:])) if found else None

    return FlowRow(
        label, start, end, cell("export"), cell("import"), cell("total"), cell("balance")
    )


def _row_basis(recs: list[TradeRecord], sources: Mapping[str, str]) -> tuple[str, ...]:
    """The sources whose exact figures cover most of the row's flows: the row shows them
    together, so that its exports, imports, total and balance add up (alternatives beside)."""
    flows: dict[tuple[str, ...], set[str]] = {}
    best: dict[tuple[str, ...], tuple[int, int, int, str]] = {}
    for r in recs:
        if r.value is None or r.qualifier not in (None, "about"):
            continue
        b = tuple(r.sources)
        flows.setdefault(b, set()).add(r.flow)
        p = preference(r, sources)
        best[b] = min(best.get(b, p), p)
    if not flows:
        return ()
    return min(flows, key=lambda b: (-len(flows[b]), best[b]))


def _pick_currency(records: list[TradeRecord], currency: str | None) -> str:
    if currency:
        return currency
    counts = {c: 0 for c in CURRENCIES}
    for r in records:
        if r.period_kind == "year" and r.currency in counts and r.value is not None:
            counts[r.currency] += 1
    # More yearly figures wins; a tie goes to US dollars, the IMF series' currency.
    return max(("USD", "CNY"), key=lambda c: counts[c])


def member_summary(
    country: str,
    *,
    reporter: str | None = None,
    start: str | Period | None = None,
    end: str | Period | None = None,
    currency: str | None = None,
    db: DbPath = None,
) -> MemberSummary:
    """Exports, imports, total and balance of China's trade with ``country``, a row a year
    (gaps shown) and then the latest year to date, as ``reporter`` (CN or the member) gives
    them. Balances and missing totals are computed from one source basis (trade_derive)."""
    target = _party(country)
    if target is None or target == countries.BLOC:
        raise UsageError("The flow summary is for one member: name it with --country.")
    if reporter is not None and reporter.strip().lower() == "all":
        raise UsageError("Name one reporter for the flow summary: CN or the member.")
    currency_v = _choice(currency, CURRENCIES, "currency")
    store = open_store(db)
    keep, pairs = _raw_filter(
        country,
        year=None,
        period=None,
        start=start,
        end=end,
        flow=None,
        currency=None,
        reporter=reporter,
    )
    found = store.records_where("trade", keep, pairs)
    found += derive(found, ("balance", "total"))
    cur = _pick_currency(found, currency_v)
    elsewhere = sum(1 for r in found if r.currency != cur and r.value is not None)
    records = _in_order([r for r in found if r.currency == cur], store.source_kinds)
    sources = store.source_kinds
    rep = records[0].reporter if records else (reporter or "CN").strip().upper()
    annual: dict[int, list[TradeRecord]] = {}
    partial: dict[tuple[dt.date, dt.date], list[TradeRecord]] = {}
    for r in records:
        if r.period_kind == "year":
            annual.setdefault(r.period_start.year, []).append(r)
        elif r.period_start.month == 1 and r.period_start.day == 1:
            partial.setdefault((r.period_start, r.period_end), []).append(r)
    years: list[FlowRow] = []
    gaps: list[int] = []
    if annual:
        lo, hi = _period(start), _period(end)
        # a span asked for is shown whole, its empty edge years as gaps (query.trade)
        first = lo.start.year if lo else min(annual)
        last = min(max(max(annual), dt.date.today().year - 1), hi.end.year) if hi else max(annual)
        for y in range(first, last + 1):
            row = _flow_row(
                str(y), dt.date(y, 1, 1), dt.date(y, 12, 31), annual.get(y, []), sources
            )
            if row.total is None:  # no total recorded or computable: a gap
                gaps.append(y)
            years.append(row)
    years = _with_growth(years)
    latest = None
    if partial:
        p_start, p_end = max(partial, key=lambda k: (k[1], k[0]))
        if p_end.year > max(annual, default=0):
            label = period_label(p_start, p_end)
            latest = _flow_row(label, p_start, p_end, partial[(p_start, p_end)], sources)
    return MemberSummary(rep, target, cur, years, latest, gaps, elsewhere)


def _growth(prev: FlowRow, row: FlowRow) -> TradeRecord | None:
    """The total's change on the year before, where the source gives none: only between two
    exact totals of the same source basis (never one source's figure against another's)."""
    if not (prev.total and row.total):
        return None
    a, b = prev.total.shown, row.total.shown
    if b.yoy_pct is not None or not a.value or b.value is None:
        return None
    if a.qualifier or b.qualifier or tuple(a.sources) != tuple(b.sources):
        return None
    pct = round((b.value / a.value - 1) * 100, 1)
    return TradeRecord(
        id=f"{b.id}-yoy-computed",
        reporter=b.reporter,
        partner=b.partner,
        flow=b.flow,
        period=b.period,
        period_start=b.period_start,
        period_end=b.period_end,
        value=None,
        currency=b.currency,
        yoy_pct=int(pct) if pct.is_integer() else pct,
        share_pct=None,
        derived={
            "fields": ["yoy_pct"],
            "method": f"{b.id} / {a.id} - 1, same source, rounded to 0.1",
            "inputs": [b.id, a.id],
        },
        note="Growth computed here; the value is in the inputs.",
        sources=tuple(b.sources),
        period_kind=b.period_kind,
        qualifier=None,
        confidence="derived",
        last_verified=min(a.last_verified, b.last_verified),
    )


def _with_growth(years: list[FlowRow]) -> list[FlowRow]:
    out = years[:1]
    for prev, row in itertools.pairwise(years):
        g = _growth(prev, row)
        if g is not None:
            r = row
            row = FlowRow(r.label, r.start, r.end, r.export, r.import_, r.total, r.balance, g)
        out.append(row)
    return out
