"""Trade views by flow: one member's exports, imports, total and balance a year, and the
members ranked by their trade with China."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cnasean import countries
from cnasean.models import Meta, TradeRecord
from cnasean.output.i18n import human_money, tr
from cnasean.output.view import Column, View, ranked
from cnasean.output.views.common import NOT_FOUND, data_caption
from cnasean.output.views.common import ids_text as _ids
from cnasean.output.views.common import uniq as _uniq
from cnasean.text import human_pct

if TYPE_CHECKING:  # the ranking's module is not imported for a member's view, nor back
    from cnasean.query.trade import Cell
    from cnasean.query.trade_member import FlowRow, MemberSummary
    from cnasean.query.trade_rank import RankRow, TradeRank

CURRENCY_WORDS = {"USD": "US dollars", "CNY": "yuan"}
WEAK = ("weak", "unverified", "inferred", "estimate")
MARKS = "* other figures reported; † computed here; ‡ weak source or estimate."


def mark(r: TradeRecord, others: bool) -> str:
    """The table's marks for a shown figure: * alternatives, † computed, ‡ weak or estimate."""
    out = "*" if others else ""
    if r.derived and "value" in (r.derived.get("fields") or ["value"]):
        out += "†"
    elif r.confidence in WEAK:
        out += "‡"
    return out


ROUNDED = "Figures rounded to 4 significant digits here; exact in --list, TSV and --json."


def short(value: int | float | None) -> int | float | None:
    """``value`` to 4 significant digits, for a table of four figures a row to fit 80
    columns (the IMF's figures carry their dollars to six decimals of a billion)."""
    if not value:
        return value
    digits = 3 - math.floor(math.log10(abs(value)))
    r = round(value, digits)
    return int(r) if digits <= 0 or float(r).is_integer() else r


def rounded(values: Iterable[int | float | None]) -> bool:
    """Whether showing ``values`` to 4 significant digits changes any of them."""
    return any(v is not None and short(v) != v for v in values)


def _head(english: str, flow: str) -> str:
    """A flow's header: the English word, or the flow's name in the language shown."""
    from cnasean.text import lang

    return tr(flow) if lang() != "en" else english


def side(reporter: str) -> str:
    """Whose statistics, in words."""
    if reporter == "CN":
        return tr("China's customs")
    return tr("{name}'s own statistics", name=countries.name_of(reporter))


def _human(cell: Cell | None, row: FlowRow) -> str:
    if cell is None:
        return NOT_FOUND if cell is row.total or not row.cells() else ""
    r = cell.shown
    money = human_money(short(r.value), r.currency, r.qualifier, with_currency=False)
    return money + mark(r, bool(cell.others))


def _flow_columns(key: str, header: str, cell: Any) -> list[Column]:
    return [
        Column(
            key,
            header,
            lambda r: cell(r).shown.value if cell(r) else None,
            lambda v, r: _human(cell(r), r),
            justify="right",
            no_wrap=True,
        ),
        Column(
            f"{key}_qualifier",
            "",
            lambda r: cell(r).shown.qualifier if cell(r) else None,
            table=False,
        ),
        Column(
            f"{key}_id",
            "",
            lambda r: cell(r).shown.id if cell(r) else None,
            table=False,
        ),
    ]


def _others(row: FlowRow) -> list[TradeRecord]:
    return [o for c in row.cells() for o in c.others]


def _others_human(_: Any, row: FlowRow) -> str:
    return "; ".join(
        f"{tr(o.flow)} {human_money(o.value, o.currency, o.qualifier)} ({_ids(o.sources)})"
        for o in _others(row)
    )


def _computed(row: FlowRow) -> list[str]:
    """Which of the row's shown figures were computed here."""
    out = [
        c.shown.flow
        for c in row.cells()
        if c.shown.derived and "value" in (c.shown.derived.get("fields") or ["value"])
    ]
    return [*out, "total_yoy_pct"] if row.yoy()[1] else out


def _row_sources(row: FlowRow) -> list[str]:
    return _uniq([s for r in row.records() for s in r.sources])


def member_summary_view(summary: MemberSummary, meta: Meta) -> View:
    """A member's trade with China by flow, a row a year, in one currency."""
    total = lambda r: r.total  # noqa: E731
    cols = [
        Column("period", "Period", lambda r: r.label, no_wrap=True, style="bold"),
        Column("reporter", "", lambda r: summary.reporter, table=False),
        Column("partner", "", lambda r: summary.partner, table=False),
        Column("currency", "", lambda r: summary.currency, table=False),
        *_flow_columns("export", _head("Exports", "export"), lambda r: r.export),
        *_flow_columns("import", _head("Imports", "import"), lambda r: r.import_),
        *_flow_columns("total", _head("Total", "total"), total),
        Column(
            "total_yoy_pct",
            "YoY",
            lambda r: r.yoy()[0],
            lambda v, r: human_pct(v) + ("†" if r.yoy()[1] else ""),
            justify="right",
            no_wrap=True,
        ),
        *_flow_columns("balance", _head("Balance", "balance"), lambda r: r.balance),
        Column("computed", "", _computed, table=False),
        Column(
            "also_reported",
            "* Also reported",
            lambda r: [o.id for o in _others(r)],
            _others_human,
            style="dim",
            # In the caption instead: beside four figures it would be a sliver at 80 columns.
            table=False,
        ),
        Column("sources", "Sources", _row_sources, lambda v, r: _ids(v), style="dim"),
    ]
    cols = ranked(
        cols,
        {
            "period": 0,
            "export": 0,
            "import": 0,
            "total": 0,
            "total_yoy_pct": 3,
            "balance": 1,
            "also_reported": 4,
            "sources": 2,
        },
    )
    member = countries.name_of(summary.partner)
    words = tr(CURRENCY_WORDS.get(summary.currency, summary.currency))
    title = tr(
        "China–{partner} goods trade{flow}, as reported by {side}",
        partner=member,
        flow=f" ({words})",
        side=side(summary.reporter),
    )
    view_ = "China's" if summary.reporter == "CN" else f"{member}'s"
    notes = [
        f"Exports, imports and balance (exports - imports) are {view_}.",
        MARKS,
        "Balances and missing totals are computed only from one source's exports and imports.",
    ]
    also = [f"{r.label}: {_others_human(None, r)}." for r in summary.rows() if _others(r)]
    if also:
        notes.append("* Also reported: " + " ".join(also))
    if rounded(c.shown.value for row in summary.rows() for c in row.cells()):
        notes.append(ROUNDED)
    if summary.gaps:
        years = ", ".join(map(str, summary.gaps))
        notes.append(f"{NOT_FOUND} no sourced or computable total for {years}.")
    if summary.latest:
        notes.append(f"Last row: the latest cumulative figure ({summary.latest.label}).")
    if summary.elsewhere:
        other = "CNY" if summary.currency == "USD" else "USD"
        n = summary.elsewhere
        notes.append(f"{n} figure{'s' if n > 1 else ''} in {other}: --list --currency {other}.")
    rows = summary.rows()
    caption = data_caption(
        meta, _uniq([s for row in rows for s in _row_sources(row)]), " ".join(notes)
    )
    return View(cols, rows, [r.to_dict() for r in summary.records()], title=title, caption=caption)


def _rank_record(row: RankRow, rank: TradeRank) -> dict[str, Any]:
    """A ranked member in JSON: the trade fields of the figure, its place and share."""
    r = row.shown
    base: dict[str, Any] = {
        "rank": row.rank,
        "year_basis": rank.year_basis,
        "country": row.country,
        "status": "ranked" if r else "missing",
        "reporter": rank.reporter,
        "partner": row.country,
        "flow": "total",
        "period": str(rank.year),
        "period_start": f"{rank.year}-01-01",
        "period_end": f"{rank.year}-12-31",
        "value": None,
        "currency": rank.currency,
        "qualifier": None,
        "share_pct": None,
        "derived": None,
        "confidence": None,
        "record_id": None,
        "also_reported": [o.id for o in row.others],
        "note": None,
        "sources": [],
    }
    if r is None:
        base["note"] = f"No {rank.currency} total for {rank.year} from this reporter."
        return base
    fields, method, inputs = ["share_pct"], "share_pct: " + rank.share_method, [r.id]
    if r.derived and "value" in (r.derived.get("fields") or ["value"]):
        fields.append("value")
        method += "; value: " + str(r.derived.get("method"))
        inputs += list(r.derived.get("inputs") or [])
    base.update(
        value=r.value,
        qualifier=r.qualifier,
        share_pct=row.share_pct,
        derived={"fields": fields, "method": method, "inputs": inputs},
        confidence=r.confidence,
        record_id=r.id,
        note=r.note,
        sources=list(r.sources),
    )
    return base


def _rank_value(row: RankRow) -> str:
    if row.shown is None:
        return tr("missing")
    r = row.shown
    return human_money(short(r.value), r.currency, r.qualifier, with_currency=False) + mark(
        r, bool(row.others)
    )


def trade_rank_view(rank: TradeRank, meta: Meta) -> View:
    """The members ranked by total trade with China, with their shares of the sum."""
    cols = [
        Column("rank", "#", lambda r: r.rank, justify="right", no_wrap=True),
        Column("country", "", lambda r: r.country, table=False),
        Column("status", "", lambda r: "ranked" if r.shown else "missing", table=False),
        Column("year_basis", "", lambda r: rank.year_basis, table=False),
        Column(
            "name", "Member", lambda r: countries.name_of(r.country), no_wrap=True, style="bold"
        ),
        Column("reporter", "", lambda r: rank.reporter, table=False),
        Column("period", "", lambda r: str(rank.year), table=False),
        Column("currency", "", lambda r: rank.currency, table=False),
        Column(
            "value",
            "Total",
            lambda r: r.shown.value if r.shown else None,
            lambda v, r: _rank_value(r),
            justify="right",
            no_wrap=True,
        ),
        Column("qualifier", "", lambda r: r.shown.qualifier if r.shown else None, table=False),
        Column(
            "share_pct",
            "Share†",
            lambda r: r.share_pct,
            lambda v, r: human_pct(v, signed=False),
            justify="right",
            no_wrap=True,
        ),
        Column("record_id", "", lambda r: r.shown.id if r.shown else None, table=False),
        Column(
            "also_reported",
            "* Also reported",
            lambda r: [o.id for o in r.others],
            lambda v, r: "; ".join(
                f"{human_money(o.value, o.currency, o.qualifier)} ({_ids(o.sources)})"
                for o in r.others
            ),
            style="dim",
        ),
        Column(
            "sources",
            "Sources",
            lambda r: list(r.shown.sources) if r.shown else [],
            lambda v, r: _ids(v),
            style="dim",
        ),
    ]
    cols = ranked(
        cols, {"rank": 0, "name": 0, "value": 0, "share_pct": 1, "also_reported": 3, "sources": 4}
    )
    title = tr(
        "China's goods trade with each ASEAN member, {year}, {currency}, as reported by {side}",
        year=str(rank.year),
        currency=tr(CURRENCY_WORDS.get(rank.currency, rank.currency)),
        side=side(rank.reporter),
    )
    n = len(rank.ranked())
    notes = [
        tr(
            "Share: of the sum over the {n} members ranked ({total}), computed here.",
            n=n,
            total=human_money(short(rank.total), rank.currency),
        ),
        tr(MARKS),
    ]
    if rank.missing():
        names = ", ".join(countries.name_of(c) for c in rank.missing())
        notes.append(tr("No {year} figure, not ranked: {names}.", year=rank.year, names=names))
    if rank.year_basis == "most-members":
        notes.append(tr("No year has a figure for every member; this one has the most."))
    elif rank.year_basis == "latest-complete":
        notes.append(tr("The latest year with a figure for every member (--year to choose)."))
    if rounded(r.shown.value for r in rank.rows if r.shown):
        notes.append(tr(ROUNDED))
    if rank.mixed_sources:
        notes.append(tr("Figures come from more than one source: see Sources."))
    srcs = _uniq([s for r in rank.rows if r.shown for s in r.shown.sources])
    caption = data_caption(meta, srcs, " ".join(notes))
    records = [_rank_record(r, rank) for r in rank.rows]
    return View(cols, rank.rows, records, title=title, caption=caption)
