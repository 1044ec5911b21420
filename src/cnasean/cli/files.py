"""Files a command writes for the user (chart files): never onto the data cnasean reads,
always whole (a temporary file renamed into place), one line on stderr when written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnasean.cli.options import note

if TYPE_CHECKING:
    from cnasean.dataset import Dataset


def write(ds: Dataset, output: Path, fill: Callable[[Path], None]) -> None:
    """``fill(temporary path)`` makes the file; it replaces ``output`` only once whole."""
    from cnasean.store import outfile
    from cnasean.store import read as store
    from cnasean.store.locate import backup_path, lock_path

    kept = [ds.path, store.user_path()]
    protected = [p for f in kept for p in (f, backup_path(f), lock_path(f))]
    outfile.write_with(output, fill, protected)
    note(f"Wrote {output}.")


def _sources(ds: Dataset, records: list[Any]) -> list[Any]:
    from cnasean.query.sources import sources_of

    ids = list(dict.fromkeys(s for r in records for s in sources_of(r)))
    return ds.sources(ids) if ids else []


def trade_chart(ds: Dataset, summary: Any, currency: str, output: Path) -> None:
    """The trade summary as a chart file."""
    from cnasean.output import chart_file
    from cnasean.text import lang

    fmt = chart_file.chart_format(output)
    zh = lang() == "zh"
    currency = currency.upper()
    cells = [row.usd if currency == "USD" else row.cny for row in summary.rows()]
    sources = _sources(ds, [c.shown for c in cells if c is not None])  # the figures drawn

    def fill(tmp: Path) -> None:
        chart_file.trade_chart(summary, currency, sources, ds.meta, tmp, fmt, zh)

    chart_file.check_ready(zh)
    write(ds, output, fill)


def visa_chart(ds: Dataset, rules: list[Any], today: dt.date, output: Path) -> None:
    """One member's visa history as a chart file."""
    from cnasean.output import chart_file
    from cnasean.text import lang

    fmt = chart_file.chart_format(output)
    zh = lang() == "zh"
    sources = _sources(ds, rules)

    def fill(tmp: Path) -> None:
        chart_file.visa_chart(rules, today, sources, ds.meta, tmp, fmt, zh)

    chart_file.check_ready(zh)
    write(ds, output, fill)


def calendar(ds: Dataset, kind: str, records: list[Any]) -> None:
    """``-f ics``: the events, or the visa rules' first and last days, as iCalendar."""
    from cnasean.output import formats as render
    from cnasean.output import ics

    ics.check_ready()
    sources = {s.id: s for s in _sources(ds, records)}
    if kind == "events":
        text, skipped = ics.events_calendar(records, sources, ds.meta)
        if skipped:
            note(f"{skipped} events dated only to a month or a year are left out of the calendar.")
    else:
        text, skipped = ics.visa_calendar(records, sources, ds.meta)
        if skipped:
            note(f"{skipped} rules with no start or end date are left out of the calendar.")
    render.emit_text(text)
