"""``cnasean trade``: China–ASEAN goods trade, as a yearly summary, every record, or bars.

One module per command: a command's options are built when its module is imported, and
only the command asked for is imported (``cli.registry``)."""

from typing import Annotated, Any

import typer

from cnasean.cli.options import (
    CountryOpt,
    DbOpt,
    FormatOpt,
    JsonOpt,
    OutputOpt,
    chart_allowed,
    dataset,
    emit,
    note,
    warn_future,
)


def trade(
    country: CountryOpt = None,
    year: Annotated[
        str | None, typer.Option("--year", "-y", help="Every figure within a year.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", "-p", help="Exactly this period: 2025, 2025-Q3, 2025-H1, 2025-01..2025-09."
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="From this period on (2015, 2020-06).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Up to the end of this period.")] = None,
    flow: Annotated[str | None, typer.Option(help="total, export, import or balance.")] = None,
    currency: Annotated[str | None, typer.Option(help="CNY or USD.")] = None,
    reporter: Annotated[
        str | None,
        typer.Option(
            help="Whose statistics: CN (China's customs, default), ASEAN, the member, or all."
        ),
    ] = None,
    chart: Annotated[
        bool, typer.Option("--chart", help="Bars in the terminal, year-on-year beside each.")
    ] = False,
    rank: Annotated[
        bool,
        typer.Option(
            "--rank", help="Rank the members by trade with China in a year (--year), with shares."
        ),
    ] = False,
    list_all: Annotated[
        bool, typer.Option("--list", "-l", help="Every record, not the yearly summary.")
    ] = False,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """China–ASEAN goods trade, year by year, with growth, share and sources.

    With --country: one member's exports, imports, total and balance a year.
    With --rank: the members ranked by trade with China in a year, with shares.

    Example: cnasean trade --country vietnam --year 2024
    """
    from cnasean.output.views import trade as views

    if output is not None and not chart:
        from cnasean.errors import UsageError

        raise UsageError("--output writes a chart file: add --chart.")
    ds = dataset(db)
    meta = ds.meta
    for value, what in ((year, "--year"), (period, "--period"), (start, "--from")):
        warn_future(value, what)
    if rank:
        _check_rank(country, (period, start, end), flow, list_all or chart)
        _show_rank(
            ds.trade_rank(year=year, reporter=reporter, currency=currency), meta, fmt, as_json
        )
        return
    if chart and (year or period or list_all):
        from cnasean.errors import UsageError

        raise UsageError("--chart draws the yearly series: leave out --year, --period and --list.")
    both = (reporter or "").strip().lower() == "all"
    if both and _by_flow(country, flow, chart, year, period, currency, list_all):
        _both_sides(ds, str(country), start, end, meta, fmt, as_json)
        return
    # --currency alone keeps the yearly summary, in that currency (a member's flows keep
    # their own currency choice, in the list)
    by_currency = bool(currency) and not country and not (year or period or list_all)
    if currency and by_currency and not both:
        currency = _currency(currency)
    elif not chart and (year or period or currency or list_all or both):
        records = ds.trade(
            country,
            year=year,
            period=period,
            start=start,
            end=end,
            flow=flow,
            currency=currency,
            reporter=reporter,
        )
        if not records:
            nearest = _nearest(ds, country, flow, currency, reporter, period or year)
            note(nearest or "No figures match. Try fewer filters, or --reporter all.")
        emit(views.trade_list_view(records, meta), fmt, as_json)
        return
    if _by_flow(country, flow, chart):
        assert country is not None
        flows = ds.trade_flows(country, reporter=reporter, start=start, end=end)
        if not flows.rows():
            note("No figures for this selection. Try --list, or --reporter all.")
        emit(views_flows().member_summary_view(flows, meta), fmt, as_json)
        return
    summary = ds.trade_summary(country, flow=flow, reporter=reporter, start=start, end=end)
    if not summary.rows():
        note("No figures for this selection. Try --list, or --reporter all.")
    if chart:
        from cnasean.output import charts
        from cnasean.output import formats as render

        chart_allowed(fmt, as_json)
        if output is not None:
            from cnasean.cli import files

            files.trade_chart(ds, summary, currency or charts.best_currency(summary), output)
            return
        lines = charts.trade_bars(
            summary,
            currency or charts.best_currency(summary),
            render.terminal_width(),
            render.plain_text(),
        )
        render.emit_text("\n".join(lines))
        return
    view = views.trade_summary_view(summary, meta)
    if by_currency and currency:
        other = "usd_" if currency == "CNY" else "cny_"
        view.columns = [c for c in view.columns if not (c.key + "_").startswith(other)]
        view.records = [r for r in view.records if r.get("currency") == currency]
    emit(view, fmt, as_json)


def _currency(value: str) -> str:
    from cnasean.query.filters import choice

    return (choice(value, ("cny", "usd"), "currency") or value).upper()


def _nearest(
    ds: Any,
    country: str | None,
    flow: str | None,
    currency: str | None,
    reporter: str | None,
    asked: str | None,
) -> str | None:
    """For a period with no figure, the nearest one that has one, as a hint (2025-Q3 when
    only Jan-Sep is reported: overlapping periods first, then the closest)."""
    if not asked:
        return None
    from cnasean.dates import parse_period, period_label

    want = parse_period(asked)
    pool = ds.trade(country, flow=flow, currency=currency, reporter=reporter)

    def distance(r: Any) -> tuple[int, int, int]:
        gap = max((r.period_start - want.end).days, (want.start - r.period_end).days, 0)
        overlap = (min(r.period_end, want.end) - max(r.period_start, want.start)).days
        size = abs((r.period_end - r.period_start) - (want.end - want.start)).days
        return gap, -max(overlap, 0), size

    if not pool:
        return None
    best = min(pool, key=distance)
    label = period_label(best.period_start, best.period_end)
    return f"No figures match {asked}. Nearest: {label} (--period {best.period})."


def views_flows() -> Any:
    """The flow and rank views, imported only when asked for."""
    from cnasean.output.views import trade_flows

    return trade_flows


def _show_rank(ranking: Any, meta: Any, fmt: str | None, as_json: bool) -> None:
    if not ranking.ranked():
        note(f"No member has a {ranking.currency} total for {ranking.year}. Try --year.")
    emit(views_flows().trade_rank_view(ranking, meta), fmt, as_json)


def _both_sides(
    ds: Any,
    country: str,
    start: str | None,
    end: str | None,
    meta: Any,
    fmt: str | None,
    as_json: bool,
) -> None:
    """``--country X --reporter all``: the flow summary as China reports it, then as the
    member does (never merged: the two sides' figures differ). A table each for people; for
    machines one list, China's rows first, each row naming its reporter."""
    from cnasean import countries
    from cnasean.output import formats as render

    member = countries.lookup(country)
    views = [
        views_flows().member_summary_view(
            ds.trade_flows(country, reporter=rep, start=start, end=end), meta
        )
        for rep in ("CN", member.code)
    ]
    if not any(v.rows for v in views):
        note("No figures for this selection. Try --list --reporter all.")
    chosen = render.choose_format(fmt, as_json)
    if chosen == "table":
        for i, view in enumerate(views):
            if i:
                render.emit_text("")
            render.emit(view, chosen)
        return
    render.emit(_joined(views), chosen)


def _joined(views: list[Any]) -> Any:
    """One view of the rows of ``views`` (the same columns), each row drawn by its own."""
    from cnasean.output.view import Column, View

    first = views[0]
    assert all([c.key for c in v.columns] == [c.key for c in first.columns] for v in views)

    def column(at: int) -> Column:
        c = first.columns[at]

        def get(row: tuple[int, Any]) -> Any:
            return views[row[0]].columns[at].get(row[1])

        def human(value: Any, row: tuple[int, Any]) -> str:
            own = views[row[0]].columns[at]
            return own.human(value, row[1]) if own.human else ("" if value is None else str(value))

        return Column(c.key, c.header, get, human, c.justify, c.style, c.no_wrap, c.table)

    rows = [(i, row) for i, v in enumerate(views) for row in v.rows]
    records = [rec for v in views for rec in v.records]
    return View([column(at) for at in range(len(first.columns))], rows, records, first.title)


def _by_flow(country: str | None, flow: str | None, chart: bool, *narrowed: Any) -> bool:
    """One member, no --flow (nor ``narrowed``: --year, --period, --currency, --list):
    exports, imports, total and balance side by side."""
    from cnasean import countries

    if any(narrowed):
        return False
    return bool(country) and not countries.is_bloc(country or "") and not flow and not chart


def _check_rank(
    country: str | None, spans: tuple[str | None, ...], flow: str | None, others: bool
) -> None:
    """--rank takes a year, a reporter and a currency, and nothing that narrows to a member."""
    from cnasean.errors import UsageError

    if country or any(spans) or others:
        raise UsageError(
            "--rank ranks every member for one year: use --year (and --reporter, --currency), "
            "not --country, --period, --from, --to, --list or --chart."
        )
    if flow and flow.strip().lower() != "total":
        raise UsageError("--rank ranks by total trade: leave out --flow.")
