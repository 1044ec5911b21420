"""The ``cnasean`` command line: parse options, ask ``query``, hand the answer to ``output``.

``build_app()`` is the Typer app. Its group, ``CnaseanGroup``, does in ``main()`` everything a
user's run and a test's ``CliRunner`` run have in common (click's runner calls
``cli.main(args=..., prog_name=...)``): ``--lang`` and ``--debug`` are taken from anywhere in
the arguments, only the command asked for is built (``cli.registry``), and every failure
becomes one line, ``cnasean: error: ...``, on stderr and an exit code; tracebacks only with
``--debug``. ``main()`` adds what only a real process needs, and ``run()``, the console
script, ends the process at once.

Exit codes: 0 success (an empty result too), 1 runtime error, 2 usage error or unknown input,
3 data file missing or corrupt, 130 interrupted.
"""

import _signal  # type: ignore[import-not-found]  # built in, loaded
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from cnasean._interrupt import interrupted_on_the_way as _interrupted_on_the_way
from cnasean._version import __version__
from cnasean.cli import registry
from cnasean.cli.options import state, take_lang
from cnasean.cli.outcome import FULL as _FULL
from cnasean.cli.outcome import discard as _discard
from cnasean.cli.outcome import exit_code as _exit_code
from cnasean.cli.outcome import fail as _fail
from cnasean.cli.outcome import flushed as _flushed
from cnasean.cli.outcome import freshness as _freshness
from cnasean.cli.outcome import is_click_error as _is_click_error
from cnasean.cli.outcome import isatty as _isatty
from cnasean.cli.outcome import report as _report
from cnasean.errors import EXIT_INTERRUPTED, EXIT_RUNTIME, CnaseanError

if TYPE_CHECKING:
    from typer import _click as click


class CnaseanGroup(TyperGroup):
    """The ``cnasean`` group: lazy commands, and errors turned into exit codes."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = registry.Commands(registry.NAMES)
        self._listing = False

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command the arguments name; exit (or, not standalone, return) its code."""
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv or bool(os.environ.get("CNASEAN_DEBUG"))
        code = self._outcome(argv, debug, prog_name=prog_name, complete_var=complete_var, **extra)
        if standalone_mode:
            raise SystemExit(code)
        return code

    def _outcome(self, argv: list[str], debug: bool, **options: Any) -> int:
        """The exit code of the run, every failure reported on stderr in one line."""
        try:
            code = self._invoke(argv, **options)
        except typer.Abort:
            return _fail("aborted", EXIT_RUNTIME)
        except CnaseanError as exc:
            if debug:  # the traceback too, and the same exit code as without --debug
                import traceback

                traceback.print_exc(file=sys.stderr)
            return _fail(str(exc), exc.exit_code)
        except BrokenPipeError as exc:
            # The reader of stdout went away (cnasean trade | head -1): exit 1 quietly, the
            # cause kept for main(), which points the real stdout at devnull.
            raise SystemExit(EXIT_RUNTIME) from exc
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
        except Exception as exc:
            if isinstance(exc, OSError) and exc.errno in _FULL:  # not a bug: say so
                _discard(sys.stdout)  # and write nothing more, so no flush at exit fails
                return _fail(f"cannot write the output: {exc.strerror}.", EXIT_RUNTIME)
            if debug and not _is_click_error(exc):  # a bug: the traceback, with --debug
                raise
            return _report(exc)
        if code == EXIT_INTERRUPTED:
            sys.stderr.write("\ncnasean: interrupted\n")
        elif not code:
            _freshness()
        return code if isinstance(code, int) else 0

    def _invoke(self, argv: list[str], **options: Any) -> Any:
        from cnasean import text

        text.reset()  # each run reads --lang and $CNASEAN_LANG afresh, in-process too
        formats = sys.modules.get("cnasean.output.formats")
        if formats is not None:  # and --fields, --no-headers, --no-pager
            formats.reset()
        args = registry.help_args(take_lang(argv))
        only = registry.wanted(args, os.environ)
        self.commands = registry.Commands(
            registry.NAMES if only is None else [only] if only else []
        )
        if only is None:  # help, completion, an unknown name: the root's completion options
            self._add_completion_options()
        if only and sys.stderr is not None and _isatty(sys.stderr):
            # work that takes more than a second (a large file, an import, an export) shows
            # a spinner on stderr until the first output (output/progress.py)
            from cnasean.output import progress

            progress.start()
        try:
            return super().main(args=args, standalone_mode=False, **options)
        finally:
            progress_module = sys.modules.get("cnasean.output.progress")
            if progress_module is not None:
                progress_module.stop()

    def _add_completion_options(self) -> None:
        # --install-completion and --show-completion are root options, given without a
        # command: the group for one command leaves them out (a tenth of typer's work).
        from typer.main import get_install_completion_arguments

        if not any(p.name == "install_completion" for p in self.params):
            self.params.extend(get_install_completion_arguments())

    def list_commands(self, ctx: "click.Context") -> list[str]:
        return list(self.commands)  # names only: nothing is built to list them

    def get_command(self, ctx: "click.Context", cmd_name: str) -> "click.Command | None":
        if self._listing:
            return registry.stub(cmd_name) if cmd_name in self.commands else None
        return super().get_command(ctx, cmd_name)

    def format_help(self, ctx: "click.Context", formatter: "click.HelpFormatter") -> None:
        # The root --help lists the commands from their summaries, importing none of them.
        self._listing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._listing = False


EXIT_CODES_HELP = (
    "Exit codes: 0 success (an empty result too), 1 runtime error, 2 usage error or unknown "
    "input, 3 data file missing or corrupt, 130 interrupted."
)

APP_SETTINGS: dict[str, object] = dict(
    name="cnasean",
    help="China–ASEAN relations: trade, visa rules, infrastructure and events, with sources.",
    epilog=EXIT_CODES_HELP,
    no_args_is_help=True,
    # The group adds the completion options itself, only when no command is named.
    add_completion=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    cls=CnaseanGroup,
)


def _version(value: bool) -> None:
    if value:
        from cnasean.store import read as db
        from cnasean.text import visible_line

        version, as_of = db.open_store(state["db"]).version_line()
        typer.echo(visible_line(f"cnasean {__version__} (data {version}, as of {as_of})"))
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


def build_app() -> typer.Typer:
    """The Typer app: the root options, and every command, each built when it is asked for."""
    new = typer.Typer(**APP_SETTINGS)  # type: ignore[arg-type]
    new.callback()(_root)
    return new


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # the whole app, for tests and tools: from cnasean.cli import app
        full = build_app()
        globals()["app"] = full
        return full
    raise AttributeError(name)


def _quiet_pipe() -> NoReturn:
    # Python docs, "Note on SIGPIPE": point stdout at devnull so the interpreter's final
    # flush does not raise again, then exit.
    _discard(sys.stdout)
    raise SystemExit(EXIT_RUNTIME)


def main() -> None:
    """Entry point: the app on ``sys.argv``, with what a real process needs around it."""
    if sys.stdout is None:  # started with stdout closed (cnasean trade >&-)
        if sys.stderr is not None:
            sys.stderr.write("cnasean: error: standard output is closed; nothing to write to.\n")
        raise SystemExit(EXIT_RUNTIME)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        code = _help_kept() if _asks_help() else build_app()(standalone_mode=False)
    except SystemExit as exc:
        if isinstance(exc.__cause__, BrokenPipeError):
            _quiet_pipe()
        raise
    if code:
        raise SystemExit(code)


def _asks_help() -> bool:
    from cnasean.output import helpcache

    return helpcache.wanted(sys.argv[1:])


def _help_kept() -> int:
    """A help page: the one kept from an earlier run, else drawn (and kept)."""
    from cnasean.output import helpcache

    found = helpcache.entry(sys.argv[1:])
    kept = helpcache.load(found)
    real = sys.stdout
    try:
        if kept is not None:
            real.write(kept)
            real.flush()
            return 0
        capture = helpcache.Capture(real)
        sys.stdout = capture
        try:
            code: int = build_app()(standalone_mode=False)
        finally:
            sys.stdout = real
        real.write(capture.getvalue())
        real.flush()
    except BrokenPipeError as exc:  # the reader went away: as every command, exit 1 quietly
        raise SystemExit(EXIT_RUNTIME) from exc
    except OSError as exc:  # a full disk: one line, exit 1, as every command
        if exc.errno not in _FULL:
            raise
        _discard(real)
        return _fail(f"cannot write the output: {exc.strerror}.", EXIT_RUNTIME)
    if not code:
        helpcache.save(found, capture.getvalue())
    return code


def _fast_exit() -> bool:
    """Whether ``run()`` may end the process with ``os._exit``: not under ``-X dev``, not
    under coverage (which writes its data at exit), not with ``CNASEAN_NO_FAST_EXIT=1``."""
    return not (
        sys.flags.dev_mode
        or "coverage" in sys.modules
        or os.environ.get("COVERAGE_PROCESS_START")
        or os.environ.get("CNASEAN_NO_FAST_EXIT", "") not in ("", "0")
    )


def run() -> NoReturn:
    """The ``cnasean`` command: ``main()``, then end the process at once.

    After a command, Python's own shutdown frees every module and object one by one: 32
    million instructions, more than a tenth of what importing typer costs, for memory the
    operating system takes back in one go. So the output is flushed and the process ends
    with ``os._exit``. Nothing else is pending by then: files are written in ``with`` blocks
    and renamed into place, and neither cnasean nor its dependencies register ``atexit``
    handlers (a test checks). An error escaping ``main()`` (only with ``--debug``) takes the
    usual way out, traceback and all, and so does every run under ``-X dev``, coverage, or
    ``CNASEAN_NO_FAST_EXIT=1`` (see ``_fast_exit``)."""
    code: int = 0
    # Ctrl-C ends the command at once, exit 130, as it ends start-up (cnasean/_interrupt.py):
    # a KeyboardInterrupt raised inside Python's import machinery (commands are imported
    # lazily) can print an "Exception ignored" traceback however it is caught, and a write
    # ended this way is as safe as one killed: the old file or the new, never a part, the
    # lock released by the system, the temporary file swept by the next write.
    _on_interrupt(_interrupted_on_the_way)
    try:
        main()
    except SystemExit as exc:
        code = _exit_code(exc.code)
    except KeyboardInterrupt:  # raised by other means than the signal (interrupt_main)
        sys.stderr.write("\ncnasean: interrupted\n")
        code = EXIT_INTERRUPTED
    failed = [stream for stream in (sys.stdout, sys.stderr) if not _flushed(stream)]
    code = code or (EXIT_RUNTIME if failed else 0)
    if _fast_exit():
        os._exit(code)
    # The usual way out: atexit handlers (coverage's) run, and the interpreter flushes the
    # streams once more, so one that failed (its reader went away, a full disk) writes to
    # devnull this time.
    for stream in failed:
        _discard(stream)
    raise SystemExit(code)


def _on_interrupt(handler: Any) -> None:
    # The built-in _signal, not signal.signal, a Python function a Ctrl-C could interrupt
    # halfway: a built-in call is done before any handler runs.
    try:
        _signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread: its interrupts are not ours to handle
        pass
