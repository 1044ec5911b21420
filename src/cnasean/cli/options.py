"""Options and helpers shared by every command: declared once, reused by each."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from cnasean.dataset import Dataset

# The --db given before the command (cnasean --db FILE trade); a command's own --db wins.
state: dict[str, Any] = {"db": None}


def _check_format(value: str | None) -> str | None:
    from cnasean.output.formats import FORMATS, OWN_FORMATS

    if value is None:
        return None
    v = value.lower()
    if v not in FORMATS and v not in OWN_FORMATS:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(FORMATS)}.")
    return v


def complete_country(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: members by lower-case name, with their code and Chinese name."""
    from cnasean import countries

    text = incomplete.lower()
    return [
        (c.slug, f"{c.code} {c.name_zh}")
        for c in countries.MEMBERS
        if c.slug.startswith(text) or c.code.lower().startswith(text)
    ]


def complete_project(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion: project ids, with their names."""
    from cnasean.store.read import open_store

    try:
        projects = open_store(state["db"]).records("infrastructure")
    except Exception:  # completion must never print an error into the shell
        return []
    return [(p.id, p.name) for p in projects if p.id.startswith(incomplete.lower())]


# Options shared by the commands, declared once.
CountryOpt = Annotated[
    str | None,
    typer.Option(
        "--country",
        "-c",
        help="An ASEAN member: name, code (TH, THA), alias or 中文.",
        autocompletion=complete_country,
    ),
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

OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="With --chart: write a chart file for articles, FILE.svg (default) or FILE.png.",
        show_default=False,
    ),
]


def take_lang(args: list[str]) -> list[str]:
    """``--lang zh`` and ``--debug`` may come anywhere (``cnasean trade --lang zh``): apply
    the language now, and move ``--debug`` before the command, so every command has both."""
    from cnasean.text import set_lang

    out: list[str] = []
    it = iter(args)
    for arg in it:
        if arg == "--":
            out.append(arg)
            out.extend(it)
            break
        if arg == "--debug":
            out.insert(0, arg)  # a root option: valid only before the command
        elif arg == "--lang":
            set_lang(next(it, ""))
        elif arg.startswith("--lang="):
            set_lang(arg.partition("=")[2])
        elif arg in ("--fields", "--no-headers", "--no-pager") or arg.startswith("--fields="):
            _output_option(arg, it)
        else:
            out.append(arg)
    return out


def _output_option(arg: str, rest: Any) -> None:
    """``--fields a,b,c``, ``--no-headers`` and ``--no-pager``, taken anywhere like
    ``--lang``: they shape what ``output.formats`` writes for every data command."""
    from cnasean.output import formats

    if arg == "--no-headers":
        formats.settings["headers"] = False
    elif arg == "--no-pager":
        formats.settings["pager"] = False
    else:
        value = arg.partition("=")[2] if "=" in arg else next(rest, "")
        fields = [f.strip() for f in value.split(",") if f.strip()]
        if not fields:
            from cnasean.errors import UsageError

            raise UsageError("--fields needs field names, e.g. --fields period,value,sources.")
        formats.settings["fields"] = fields


def emit(view: Any, fmt: str | None, as_json: bool) -> None:
    from cnasean.output import formats as render

    render.emit(view, render.choose_format(fmt, as_json))


def db_path(db: Path | None) -> Path | None:
    return db or state["db"]


def dataset(db: Path | None) -> Dataset:
    """The data the user chose: ``--db``, else ``CNASEAN_DB``, else their own copy, else the
    packaged data (the library's ``cnasean.open`` reads only what it is given)."""
    from cnasean.dataset import Dataset
    from cnasean.store.read import open_store

    return Dataset(open_store(db_path(db)))


def note(message: str) -> None:
    """A message for people, never mixed with data: one line, whatever the data holds, in
    the language of the run."""
    from cnasean.cli.outcome import in_language
    from cnasean.text import visible_line

    progress = sys.modules.get("cnasean.output.progress")
    if progress is not None:  # the spinner stops before a message is written
        progress.stop()
    typer.echo(visible_line(in_language(message)), err=True)


def chart_allowed(fmt: str | None, as_json: bool) -> None:
    """``--chart`` draws for people: refuse it with a machine format."""
    if as_json or (fmt or "") in ("json", "jsonl", "csv", "tsv"):
        from cnasean.errors import UsageError

        raise UsageError("--chart draws for people; for data use --json or --format without it.")


def warn_future(value: str | None, what: str, detail: str = "") -> None:
    """A note when a date or period asked for starts after today: the data says what is
    known today, not what will be true then (an open-ended rule is shown as in force)."""
    if not value:
        return
    import datetime as dt

    from cnasean.dates import parse_period

    try:
        start = parse_period(value).start
    except Exception:  # the command's own parsing says what is wrong with it
        return
    if start > dt.date.today():
        note(
            f"{what} {value} is in the future: shown as known today{detail};"
            " it may change before then."
        )
