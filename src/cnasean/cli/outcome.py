"""How a run ends: the one-line error, the exit code, streams that cannot be written, and the
stale-data notice (``cli.__init__`` uses these on every run)."""

import errno
import os
import sys
from typing import Any

from cnasean.errors import EXIT_RUNTIME


def in_language(message: str) -> str:
    """A message for people in the language of the run: under ``--lang zh`` the Chinese of
    a known English message (``output.i18n_zh_messages``), else the message as it is. English
    runs import nothing for this: the language is already known to ``cnasean.text``."""
    from cnasean.text import lang

    if lang() != "zh":
        return message
    try:
        from cnasean.output.i18n_zh_messages import ZH_MESSAGES

        return ZH_MESSAGES.translate(message)
    except Exception:  # a translation must never hide the message itself
        return message


def freshness() -> None:
    """One line on stderr, once a run, when data the command read is past its review."""
    if "cnasean.store.read" not in sys.modules:
        return  # no data was read (--help, --version of a command, ...)
    from cnasean.store.freshness import notice

    try:
        line = notice()
    except Exception:  # a judgement of age must never turn an answer into a failure
        return
    if line:
        sys.stderr.write(in_language(line) + "\n")


def fail(message: str, code: int) -> int:
    from cnasean.text import visible_line

    try:  # one line, whatever an id or a value quoted from the data holds
        sys.stderr.write(f"cnasean: error: {visible_line(in_language(message))}\n")
        sys.stderr.flush()
    except OSError:  # stderr cannot be written either (2>/dev/full): the exit code says it
        pass
    return code


# A write to stdout on a full disk (cnasean trade > /dev/full); writes of the data file
# report their own (store.write.WriteError), so one of these reaching the top is the output's.
FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def discard(stream: Any) -> None:
    """Point ``stream``'s descriptor at devnull: what it still holds goes nowhere, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no descriptor (a test's stream)
        pass


def is_click_error(exc: Exception) -> bool:
    """Typer's (click's) own usage errors: a bad option, a bad value, a missing command."""
    return hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int)


def report(exc: Exception) -> int:
    """Typer's own usage errors in one line, with where to look; anything else is a bug:
    one line too, pointing at ``--debug``."""
    if is_click_error(exc):
        message = exc.format_message()  # type: ignore[attr-defined]
        if not message:  # no arguments at all: help was shown
            return 0
        ctx = getattr(exc, "ctx", None)
        where = f" See '{ctx.command_path} --help'." if ctx is not None else ""
        return fail(f"{message}{where}", int(getattr(exc, "exit_code", 2)))
    return fail(
        f"internal error: {exc.__class__.__name__}: {exc} (run with --debug for details)",
        EXIT_RUNTIME,
    )


def flushed(stream: Any) -> bool:
    """Flush ``stream``; False if it failed. A reader that went away ends quietly (as
    cli._quiet_pipe); stdout that cannot be written (a full disk) says so, in one line."""
    try:
        if stream is not None:
            stream.flush()
    except OSError as exc:
        if not isinstance(exc, BrokenPipeError) and stream is sys.stdout and sys.stderr:
            fail(f"cannot write the output: {exc.strerror}.", EXIT_RUNTIME)
        return False
    except ValueError:  # closed
        return False
    return True


def exit_code(value: object) -> int:
    """The status ``SystemExit(value)`` gives: None is 0, a message is printed and is 1."""
    if value is None:
        return 0
    if isinstance(value, int):
        return value & 0xFF  # as the interpreter passes it to exit()
    if sys.stderr is not None:
        sys.stderr.write(f"{value}\n")
    return EXIT_RUNTIME
