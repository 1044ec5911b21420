"""Trade views: the year-by-year summary and the list of figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cnasean import countries
from cnasean.dates import period_label
from cnasean.models import Meta, TradeRecord
from cnasean.output.i18n import human_money, tr
from cnasean.output.view import Column, View, ranked
from cnasean.output.views.common import NOT_FOUND, data_caption
from cnasean.output.views.common import ids_text as _ids
from cnasean.output.views.common import uniq as _uniq
from cnasean.query.trade import Cell, TradeSummary, YearRow
from cnasean.text import human_pct


def _cell_value(cell: Cell | None) -> Any:
    return cell.shown.value if cell else None


def _cell_human(cell: Cell | None, row: YearRow) -> str:
    if cell is None:
        return NOT_FOUND if not (row.cny or row.usd) else ""
    r = cell.shown
    mark = "*" if cell.others else ""
    if r.derived and "value" in (r.derived.get("fields") or ["value"]):
        mark += "†"
    elif r.confidence in ("weak", "unverified"):
        mark += "‡"
    return human_money(r.value, r.currency, r.qualifier, with_currency=False) + mark


def _yoy(cell: Cell | None) -> Any:
    return cell.shown.yoy_pct if cell else None


def _others(row: YearRow) -> list[TradeRecord]:
    return [o for cell in (row.cny, row.usd) if cell for o in cell.others]


def _others_human(_: Any, row: YearRow) -> str:
    return "; ".join(
        f"{human_money(o.value, o.currency, o.qualifier)} ({_ids(o.sources)})" for o in _others(row)
    )


def _row_sources(row: YearRow) -> list[str]:
    return _uniq([s for r in row.records() for s in r.sources])


def _currency_columns(key: str, header: str, yoy_header: str, cell: Any) -> list[Column]:
    """Value, qualifier and growth columns for one currency of the summary."""
    return [
        Column(
            key,
            header,
            lambda r: _cell_value(cell(r)),
            lambda v, r: _cell_human(cell(r), r),
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
            f"{key}_yoy_pct",
            yoy_header,
            lambda r: _yoy(cell(r)),
            lambda v, r: human_pct(v),
            justify="right",
            no_wrap=True,
        ),
    ]


def trade_summary_view(summary: TradeSummary, meta: Meta) -> View:
    """The year-by-year table: one row a year, yuan and dollars side by side."""
    cols = [
        Column("period", "Period", lambda r: r.label, no_wrap=True, style="bold"),
        *_currency_columns("cny", "Yuan", "YoY (¥)", lambda r: r.cny),
        *_currency_columns("usd", "US dollars", "YoY ($)", lambda r: r.usd),
        Column(
            "share_pct",
            "Share",
            lambda r: r.share.share_pct if r.share else None,
            lambda v, r: human_pct(v, signed=False),
            justify="right",
            no_wrap=True,
        ),
        Column(
            "also_reported",
            "* Also reported",
            lambda r: [o.id for o in _others(r)],
            _others_human,
            style="dim",
        ),
        Column("sources", "Sources", _row_sources, lambda v, r: _ids(v), style="dim"),
    ]
    cols = ranked(
        cols,
        {
            "period": 0,
            "cny": 0,
            "usd": 0,
            "cny_yoy_pct": 2,
            "usd_yoy_pct": 2,
            "share_pct": 2,
            "also_reported": 3,
            "sources": 4,
        },
    )
    side = (
        tr("China's customs")
        if summary.reporter == "CN"
        else tr("{name}'s own statistics", name=countries.name_of(summary.reporter))
    )
    partner = countries.name_of(summary.partner)
    flow = "" if summary.flow == "total" else f" ({summary.flow})"
    title = tr(
        "China–{partner} goods trade{flow}, as reported by {side}",
        partner=partner,
        flow=flow,
        side=side,
    )
    notes = [tr("* other figures reported; † computed here; ‡ weak source (see --list).")]
    if summary.gaps:
        notes.append(f"{NOT_FOUND} no sourced figure for {', '.join(map(str, summary.gaps))}.")
    rows = summary.rows()
    if summary.latest:
        notes.append(
            tr("Last row: the latest cumulative figure ({label}).", label=summary.latest.label)
        )
    caption = data_caption(
        meta, _uniq([s for row in rows for s in _row_sources(row)]), " ".join(notes)
    )
    return View(cols, rows, [r.to_dict() for r in summary.records()], title=title, caption=caption)


def _flag(r: TradeRecord) -> str:
    bits = []
    if r.confidence not in ("verbatim", "derived"):
        bits.append(r.confidence)
    if r.derived:
        fields = r.derived.get("fields") or ["value"]
        bits.append("derived: " + ", ".join(fields))
    return "; ".join(bits)


def trade_list_view(records: Sequence[TradeRecord], meta: Meta) -> View:
    """Every matching record, one a row."""
    cols = [
        Column("id", "ID", lambda r: r.id, table=False),
        Column(
            "period",
            "Period",
            lambda r: r.period,
            lambda v, r: period_label(r.period_start, r.period_end),
            no_wrap=True,
            style="bold",
        ),
        Column("reporter", "Reporter", lambda r: r.reporter, no_wrap=True),
        Column("partner", "Partner", lambda r: r.partner, no_wrap=True),
        Column("flow", "Flow", lambda r: r.flow, lambda v, r: tr(v), no_wrap=True),
        Column(
            "value",
            "Value",
            lambda r: r.value,
            lambda v, r: human_money(v, r.currency, r.qualifier),
            justify="right",
            no_wrap=True,
        ),
        Column("currency", "", lambda r: r.currency, table=False),
        Column("qualifier", "", lambda r: r.qualifier, table=False),
        Column(
            "yoy_pct",
            "YoY",
            lambda r: r.yoy_pct,
            lambda v, r: human_pct(v),
            justify="right",
            no_wrap=True,
        ),
        Column(
            "share_pct",
            "Share",
            lambda r: r.share_pct,
            lambda v, r: human_pct(v, signed=False),
            justify="right",
            no_wrap=True,
        ),
        Column(
            "confidence", "Caveat", lambda r: r.confidence, lambda v, r: _flag(r), style="yellow"
        ),
        Column("sources", "Sources", lambda r: list(r.sources), lambda v, r: _ids(v), style="dim"),
    ]
    cols = ranked(
        cols,
        {
            "period": 0,
            "value": 0,
            "reporter": 1,
            "partner": 1,
            "flow": 1,
            "yoy_pct": 2,
            "share_pct": 3,
            "confidence": 3,
            "sources": 4,
        },
    )
    caption = data_caption(
        meta, _uniq([s for r in records for s in r.sources]), "Notes and ids: --json."
    )
    return View(cols, records, [r.to_dict() for r in records], caption=caption)
