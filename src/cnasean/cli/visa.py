"""``cnasean visa``: who needs a visa to go where, on a day, over time, or as a timeline."""

from typing import Annotated

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


def visa(
    country: CountryOpt = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Rules in force on this day (YYYY-MM-DD).")
    ] = None,
    history: Annotated[
        bool, typer.Option("--history", help="Every rule that ever applied, in date order.")
    ] = False,
    passport: Annotated[
        str | None, typer.Option(help="Traveller's nationality (e.g. CN, thailand).")
    ] = None,
    destination: Annotated[str | None, typer.Option(help="Where they go (e.g. CN, TH).")] = None,
    purpose: Annotated[
        str | None, typer.Option(help="tourism, business, family, transit, ...")
    ] = None,
    visa_free: Annotated[bool, typer.Option("--visa-free", help="Only visa-free rules.")] = False,
    chart: Annotated[
        bool, typer.Option("--chart", help="With --history: a timeline of the regimes.")
    ] = False,
    output: OutputOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Who needs a visa to go where, since when, for how long, on what source.

    Example: cnasean visa --country thailand --on 2023-12-01
    """
    import datetime as dt

    from cnasean.output.views import visa as views

    if output is not None and not chart:
        from cnasean.errors import UsageError

        raise UsageError("--output writes a chart file: add --chart (with --country, --history).")
    ds, today = dataset(db), dt.date.today()
    meta = ds.meta
    rules = ds.visa(
        country,
        on=on,
        history=history,
        passport=passport,
        destination=destination,
        purpose=purpose,
        visa_free=visa_free,
        today=today,
    )
    from cnasean.output.i18n import tr

    note(
        tr(
            "Visa rules change often: check the official source before you travel. "
            "Data last verified {day}.",
            day=views.oldest_verified(rules) or meta.as_of.isoformat(),
        )
    )
    warn_future(on, "--on", " (rules without an end date as still in force)")
    if not rules:
        note("No rule in the data matches" + (f" on {on}." if on else "."))
    if fmt == "ics" and not chart:
        from cnasean.cli import files

        return files.calendar(ds, "visa", rules)
    if chart:
        from cnasean.errors import UsageError
        from cnasean.output import charts
        from cnasean.output import formats as render

        chart_allowed(fmt, as_json)
        if not (country and history):
            raise UsageError("--chart draws one member's history: add --country NAME --history.")
        if output is not None:
            from cnasean.cli import files

            files.visa_chart(ds, rules, today, output)
            return
        lines = charts.visa_timeline(rules, render.terminal_width(), render.plain_text(), today)
        render.emit_text("\n".join(lines))
        return
    if country or history or passport or destination or purpose or visa_free:
        title = views.list_title(history, on or today.isoformat())
        from cnasean.dates import parse_date

        asked = None if history or on is None else parse_date(on, today=today)
        emit(views.visa_list_view(rules, meta, today, title, asked), fmt, as_json)
        return
    day, rows = ds.visa_overview(on=on, today=today)
    emit(views.visa_overview_view(day, rows, rules, meta, today), fmt, as_json)
