"""Options and helpers shared by every command: declared once, reused by each."""

from pathlib import Path
from typing import Annotated, Any

import typer

# The --db given before the command (cnasean --db FILE trade); a command's own --db wins.
state: dict[str, Any] = {"db": None}


def _check_format(value: str | None) -> str | None:
    from cnasean.render import FORMATS

    if value is None:
        return None
    v = value.lower()
    if v not in FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(FORMATS)}.")
    return v


# Options shared by the commands, declared once.
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", "-c", help="An ASEAN member: name, code (TH, THA), alias or 中文."),
]
FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        callback=_check_format,
        help="table, tsv, csv, json or jsonl. Default: table on a terminal, tsv in a pipe.",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="JSON array of records (same as -f json).")]
DbOpt = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="Data file to read (default: $CNASEAN_DB, then the packaged data).",
        show_default=False,
    ),
]


def emit(view: Any, fmt: str | None, as_json: bool) -> None:
    from cnasean import render

    render.emit(view, render.choose_format(fmt, as_json))


def db_path(db: Path | None) -> Path | None:
    return db or state["db"]


def note(message: str) -> None:
    """A message for people, never mixed with data."""
    typer.echo(message, err=True)
