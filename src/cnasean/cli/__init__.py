"""The ``cnasean`` command line: parse options, ask ``query``, hand the answer to ``render``.

Exit codes: 0 success (an empty result too), 1 runtime error, 2 usage error or unknown input,
3 data file missing or corrupt, 130 interrupted.
"""

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from cnasean._version import __version__
from cnasean.cli.options import (
    CountryOpt,
    DbOpt,
    FormatOpt,
    JsonOpt,
    dataset,
    emit,
    note,
    state,
)
from cnasean.errors import EXIT_INTERRUPTED, EXIT_RUNTIME, CnaseanError

EXIT_CODES_HELP = (
    "Exit codes: 0 success (an empty result too), 1 runtime error, 2 usage error or unknown "
    "input, 3 data file missing or corrupt, 130 interrupted."
)

APP_SETTINGS: dict[str, object] = dict(
    name="cnasean",
    help="China–ASEAN relations: trade, visa rules, infrastructure and events, with sources.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from cnasean.store import read as db

        version, as_of = db.open_store(state["db"]).version_line()
        typer.echo(f"cnasean {__version__} (data {version}, as of {as_of})")
        raise typer.Exit()


def _store_db(value: Path | None) -> Path | None:
    # Eager, and --version is not: `cnasean --version --db FILE` reports FILE's data.
    # Set on every run, so a run in the same process never inherits an earlier --db.
    state["db"] = value
    return value


def _root(
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            callback=_store_db,
            is_eager=True,
            show_default=False,
            help="Data file to read (default: $CNASEAN_DB, then the packaged data).",
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help="en or zh (Simplified Chinese). Default: $CNASEAN_LANG, else en."
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            help="Show the tool version and the data version, then exit.",
        ),
    ] = False,
) -> None:
    """China–ASEAN relations from the command line: trade, visa rules, infrastructure and
    events, every fact with its source and date."""
    state["db"] = db
    from cnasean.output import i18n

    i18n.set_lang(lang)


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
    list_all: Annotated[
        bool, typer.Option("--list", "-l", help="Every record, not the yearly summary.")
    ] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """China–ASEAN goods trade, year by year, with growth, share and sources.

    Example: cnasean trade --country vietnam --year 2024
    """
    from cnasean.output.views import trade as views

    ds = dataset(db)
    meta = ds.meta
    if chart and (year or period or list_all):
        from cnasean.errors import UsageError

        raise UsageError("--chart draws the yearly series: leave out --year, --period and --list.")
    if not chart and (year or period or currency or list_all or (reporter or "").lower() == "all"):
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
            note("No figures match. Try fewer filters, or --reporter all.")
        emit(views.trade_list_view(records, meta), fmt, as_json)
        return
    summary = ds.trade_summary(country, flow=flow, reporter=reporter, start=start, end=end)
    if not summary.rows():
        note("No figures for this selection. Try --list, or --reporter all.")
    if chart:
        from cnasean.output import charts
        from cnasean.output import formats as render

        _chart_allowed(fmt, as_json)
        lines = charts.trade_bars(
            summary,
            currency or charts.best_currency(summary),
            render.terminal_width(),
            render.plain_text(),
        )
        render.emit_text("\n".join(lines))
        return
    emit(views.trade_summary_view(summary, meta), fmt, as_json)


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
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Who needs a visa to go where, since when, for how long, on what source.

    Example: cnasean visa --country thailand --on 2023-12-01
    """
    import datetime as dt

    from cnasean.output.views import visa as views

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
    note(
        f"Visa rules change often: check the official source before you travel. "
        f"Data last verified {views.oldest_verified(rules) or meta.as_of.isoformat()}."
    )
    if not rules:
        note("No rule in the data matches" + (f" on {on}." if on else "."))
    if chart:
        from cnasean.errors import UsageError
        from cnasean.output import charts
        from cnasean.output import formats as render

        _chart_allowed(fmt, as_json)
        if not (country and history):
            raise UsageError("--chart draws one member's history: add --country NAME --history.")
        lines = charts.visa_timeline(rules, render.terminal_width(), render.plain_text(), today)
        render.emit_text("\n".join(lines))
        return
    if country or history or passport or destination or purpose or visa_free:
        title = views.list_title(history, on or today.isoformat())
        emit(views.visa_list_view(rules, meta, today, title), fmt, as_json)
        return
    day, rows = ds.visa_overview(on=on, today=today)
    emit(views.visa_overview_view(day, rows, rules, meta, today), fmt, as_json)


def _chart_allowed(fmt: str | None, as_json: bool) -> None:
    if as_json or (fmt or "") in ("json", "jsonl", "csv", "tsv"):
        from cnasean.errors import UsageError

        raise UsageError("--chart draws for people; for data use --json or --format without it.")


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


# Commands, and the names they answer to: name -> (module, function, hidden). Typer turns
# every registered command into a click command on each run (tens of milliseconds for all of
# them), so main() registers only the one the user asked for, importing only its module;
# help, completion and unknown names get them all.
_REF = "cnasean.cli.reference"
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "trade": (__name__, "trade", False),
    "visa": (__name__, "visa", False),
    "events": (_REF, "events", False),
    "timeline": (_REF, "events", True),
    "country": (_REF, "country", False),
    "search": (_REF, "search", False),
    "cite": (_REF, "cite", False),
    "sources": (__name__, "sources", False),
    "ask": (_REF, "ask", False),
}
GROUPS: dict[str, tuple[str, str, bool]] = {
    "infra": (_REF, "infra_app", False),
    "infrastructure": (_REF, "infra_app", True),
    "db": ("cnasean.cli.data", "db_app", False),
}


def _find(module: str, name: str) -> Any:
    import importlib

    return getattr(importlib.import_module(module), name)


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app with every command, or with just ``only``."""
    # --install-completion and --show-completion are root options, given without a command:
    # the app for one command leaves them out (building them is a tenth of typer's work).
    new = typer.Typer(**{**APP_SETTINGS, "add_completion": only is None})  # type: ignore[arg-type]
    new.callback()(_root)
    for name, (module, func, hidden) in COMMANDS.items():
        if only in (None, name):
            new.command(name, hidden=hidden)(_find(module, func))
    for name, (module, group, hidden) in GROUPS.items():
        if only in (None, name):
            new.add_typer(_find(module, group), name=name, hidden=hidden)
    return new


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole app, for tests and tools: from cnasean.cli import app
        full = build_app()
        globals()["app"] = full
        return full
    raise AttributeError(name)


def _take_lang(args: list[str]) -> list[str]:
    """``--lang zh`` and ``--debug`` may come anywhere (``cnasean trade --lang zh``): apply
    the language now, and move ``--debug`` before the command, so every command has both."""
    from cnasean.output import i18n

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
            i18n.set_lang(next(it, ""))
        elif arg.startswith("--lang="):
            i18n.set_lang(arg.partition("=")[2])
        else:
            out.append(arg)
    return out


def _command_name(args: list[str]) -> str | None:
    """The command the arguments name, skipping the root options before it."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _fail(message: str, code: int) -> NoReturn:
    sys.stderr.write(f"cnasean: error: {message}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def _quiet_pipe() -> NoReturn:
    # Python docs, "Note on SIGPIPE": point stdout at devnull so the interpreter's final
    # flush does not raise again, then exit.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(EXIT_RUNTIME)


def main() -> None:
    """Entry point: run the app and turn every failure into a one-line message and exit code."""
    debug = "--debug" in sys.argv[1:] or bool(os.environ.get("CNASEAN_DEBUG"))
    if sys.stdout is None:  # started with stdout closed (cnasean trade >&-)
        if sys.stderr is not None:
            sys.stderr.write("cnasean: error: standard output is closed; nothing to write to.\n")
        raise SystemExit(EXIT_RUNTIME)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        args = sys.argv[1:] = _take_lang(sys.argv[1:])
        name = _command_name(args)
        if any(k.endswith("_COMPLETE") for k in os.environ) or any(
            a.startswith(("--install-completion", "--show-completion")) for a in args
        ):
            name = None  # shell completion needs every command
        if name is None and ("--version" in args or "-V" in args):
            name = ""  # the version needs no command at all
        runner = build_app(name if name in COMMANDS or name in GROUPS or name == "" else None)
        code = runner(standalone_mode=False)
    except typer.Abort:
        _fail("aborted", EXIT_RUNTIME)
    except CnaseanError as exc:
        if debug:
            raise
        _fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        _quiet_pipe()
    except KeyboardInterrupt:
        sys.stderr.write("\ncnasean: interrupted\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        if hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int):
            # Typer's own usage errors (bad option, bad value): one line, with where to look.
            if not exc.format_message():  # no arguments at all: help was shown
                raise SystemExit(0) from None
            ctx = getattr(exc, "ctx", None)
            where = f" See '{ctx.command_path} --help'." if ctx is not None else ""
            _fail(f"{exc.format_message()}{where}", int(getattr(exc, "exit_code", 2)))
        if debug:  # anything else is a bug: one line unless --debug
            raise
        _fail(
            f"internal error: {exc.__class__.__name__}: {exc} (run with --debug for details)",
            EXIT_RUNTIME,
        )
    if code == EXIT_INTERRUPTED:
        sys.stderr.write("\ncnasean: interrupted\n")
    if isinstance(code, int) and code:
        raise SystemExit(code)


def run() -> NoReturn:
    """The ``cnasean`` command: ``main()``, then end the process at once.

    After a command, Python's own shutdown frees every module and object one by one: 32
    million instructions, more than a tenth of what importing typer costs, for memory the
    operating system takes back in one go. So the output is flushed and the process ends
    with ``os._exit``. Nothing else is pending by then: files are written in ``with`` blocks
    and renamed into place, and neither cnasean nor its dependencies register ``atexit``
    handlers (a test checks). An error escaping ``main()`` (only with ``--debug``) takes the
    usual way out, traceback and all."""
    code: int = 0
    try:
        main()
    except SystemExit as exc:
        code = _exit_code(exc.code)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:
            code = code or EXIT_RUNTIME  # as _quiet_pipe: the reader went away
        except (OSError, ValueError):
            code = code or EXIT_RUNTIME
    os._exit(code)


def _exit_code(value: object) -> int:
    """The status ``SystemExit(value)`` gives: None is 0, a message is printed and is 1."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF  # as the interpreter passes it to exit()
    if sys.stderr is not None:
        sys.stderr.write(f"{value}\n")
    return EXIT_RUNTIME
