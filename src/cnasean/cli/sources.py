"""``cnasean sources``: the sources every fact cites."""

from typing import Annotated

import typer

from cnasean.cli.options import DbOpt, FormatOpt, JsonOpt, dataset, emit, note


def sources(
    ids: Annotated[
        list[str] | None, typer.Argument(help="Source ids (e.g. T1 V12).", show_default=False)
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="official, wire, secondary or aggregator.")
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """The sources every fact cites: publisher, title, URL, dates.

    Example: cnasean sources T1 T16
    """
    from cnasean.output.views import common as views

    ds = dataset(db)
    found = ds.sources(ids or (), kind=kind)
    if not found:
        note("No source matches.")
    emit(views.sources_view(found, ds.meta), fmt, as_json)
