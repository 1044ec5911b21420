"""The members ranked by their goods trade with China in one year, from one reporter and in
one currency, with each member's share of the sum (computed here).

The year by default is the latest with a yearly total for every member (members as of that
year's end); if no year has one, the latest year with the most members, and the others are
listed as missing, never ranked as zero. Within the ranking, the figure for each member comes
from the source basis that covers the most members, so that the ranking mixes sources only
where it must, and says so (``mixed_sources``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from cnasean import countries
from cnasean.dates import parse_year
from cnasean.errors import UsageError
from cnasean.frozen import Frozen
from cnasean.models import CURRENCIES, TradeRecord
from cnasean.query.sources import DbPath
from cnasean.query.trade import _choice, preference
from cnasean.query.trade_derive import derive
from cnasean.store.read import open_store


class RankRow(Frozen):
    """One member: its place (None when it has no figure), figure, share and alternatives."""

    rank: int | None
    country: str
    shown: TradeRecord | None
    others: tuple[TradeRecord, ...]
    share_pct: float | None


class TradeRank(Frozen):
    """The ranking for one year, reporter and currency."""

    year: int
    reporter: str
    currency: str
    rows: list[RankRow]  # ranked first, then the members without a figure
    total: int | float
    complete: bool  # every member of that year has a figure
    mixed_sources: bool
    share_method: str
    year_basis: str  # "asked", "latest-complete" or "most-members"

    def ranked(self) -> list[RankRow]:
        return [r for r in self.rows if r.rank is not None]

    def missing(self) -> list[str]:
        return [r.country for r in self.rows if r.rank is None]


def _exact(r: TradeRecord) -> bool:
    return r.qualifier in (None, "about")


def _raw_coverage(store: Any) -> dict[tuple[int, str], set[str]]:
    """(year, currency) -> the members with a yearly total from China's side, read from the
    raw documents (a total, or an export and an import of one source basis) without typing
    any: on the grown data only the chosen year's figures are typed."""
    codes = {c.code for c in countries.MEMBERS}
    flows: dict[tuple[int, str, str, tuple[Any, ...]], set[str]] = {}

    def look(d: Mapping[str, Any]) -> bool:
        get: Callable[[str], Any] = d.get
        start, cur, flow = get("period_start"), get("currency"), get("flow")
        if (
            get("reporter") == "CN"
            and get("partner") in codes
            and get("period_kind") == "year"
            and flow in ("total", "export", "import")
            and get("value") is not None
            and type(start) is str
            and start[:4].isdigit()
            and type(cur) is str
        ):
            srcs = get("sources")
            key = (int(start[:4]), cur, get("partner"), tuple(srcs) if type(srcs) is list else ())
            flows.setdefault(key, set()).add(flow)
        return False

    store.records_where("trade", look, [("CN", c) for c in codes])
    out: dict[tuple[int, str], set[str]] = {}
    for (year, cur, partner, _), fl in flows.items():
        if "total" in fl or {"export", "import"} <= fl:
            out.setdefault((year, cur), set()).add(partner)
    return out


def _annual_totals(store: Any, year: int, currency: str) -> list[TradeRecord]:
    codes = {c.code for c in countries.MEMBERS}
    prefix = str(year)

    def keep(d: Mapping[str, Any]) -> bool:
        get: Callable[[str], Any] = d.get
        start = get("period_start")
        return (
            get("reporter") == "CN"
            and get("partner") in codes
            and get("period_kind") == "year"
            and get("currency") == currency
            and type(start) is str
            and start[:4] == prefix
            and get("flow") in ("total", "export", "import")
        )

    found: list[TradeRecord] = store.records_where("trade", keep, [("CN", c) for c in codes])
    found += derive(found, ("total",))
    return [r for r in found if r.flow == "total" and r.value is not None]


def _coverage(
    totals: list[TradeRecord], year: int, currency: str
) -> tuple[list[str], dict[str, list[TradeRecord]]]:
    members = [c.code for c in countries.members(dt.date(year, 12, 31))]
    by_member: dict[str, list[TradeRecord]] = {}
    for r in totals:
        if r.period_start.year == year and r.currency == currency and r.partner in members:
            by_member.setdefault(r.partner, []).append(r)
    return members, by_member


def _choose(
    coverage: dict[tuple[int, str], set[str]], year: int | None, currency: str | None
) -> tuple[int, str]:
    """The year and currency: the asked ones, or the latest with every member covered."""
    currencies = [currency] if currency else ["USD", "CNY"]
    years = [year] if year else sorted({y for y, _ in coverage}, reverse=True)
    best: tuple[int, int, int, str] | None = None  # (members covered, year, currency pref)
    for y in years:
        members = {c.code for c in countries.members(dt.date(y, 12, 31))}
        for i, cur in enumerate(currencies):
            found = coverage.get((y, cur), set()) & members
            if members and len(found) == len(members):
                return y, cur
            key = (len(found), y, -i, cur)
            if best is None or key[:3] > best[:3]:
                best = key
    if best is None:
        return (year or dt.date.today().year - 1), currencies[0]
    return best[1], best[3]


def trade_rank(
    *,
    year: int | str | None = None,
    reporter: str | None = None,
    currency: str | None = None,
    db: DbPath = None,
) -> TradeRank:
    """The members ranked by total trade with China in ``year`` (see the module's note)."""
    if reporter is not None and reporter.strip().upper() != "CN":
        raise UsageError(
            "--rank compares the members from one reporter: China's customs (--reporter CN). "
            "Each member's own figures: --country X --reporter X."
        )
    currency_v = _choice(currency, CURRENCIES, "currency")
    year_v = parse_year(str(year)) if year is not None else None
    store = open_store(db)
    y, cur = _choose(_raw_coverage(store), year_v, currency_v)
    members, found = _coverage(_annual_totals(store, y, cur), y, cur)
    sources = store.source_kinds
    # The source basis covering the most members is preferred for every member.
    # An exact figure always beats a bound ("over 200 bn"), whatever its source.
    basis = Counter(b for rs in found.values() for b in {tuple(r.sources) for r in rs if _exact(r)})
    best_basis = max(basis, key=lambda b: (basis[b], b), default=())

    def order(r: TradeRecord) -> tuple[int, int, tuple[int, int, int, str]]:
        same = 0 if tuple(r.sources) == best_basis else 1
        return (0 if _exact(r) else 1, same, preference(r, sources))

    chosen: dict[str, tuple[TradeRecord, tuple[TradeRecord, ...]]] = {}
    for code, rs in found.items():
        rs = sorted(rs, key=order)
        chosen[code] = (rs[0], tuple(rs[1:]))
    total = sum(shown.value or 0 for shown, _ in chosen.values())
    ranked = sorted(chosen.items(), key=lambda kv: (-(kv[1][0].value or 0), kv[0]))
    rows = [
        RankRow(
            i + 1,
            code,
            shown,
            others,
            round(100 * (shown.value or 0) / total, 2) if total else None,
        )
        for i, (code, (shown, others)) in enumerate(ranked)
    ]
    rows += [RankRow(None, code, None, (), None) for code in members if code not in chosen]
    mixed = len({tuple(s.sources) for s, _ in chosen.values()}) > 1
    method = (
        f"value / sum of the {len(chosen)} ranked members' values x 100 "
        f"({cur}, {y}, reporter CN), rounded to 0.01"
    )
    complete = len(chosen) == len(members)
    year_basis = "asked" if year_v else "latest-complete" if complete else "most-members"
    return TradeRank(y, "CN", cur, rows, total, complete, mixed, method, year_basis)
