"""The terminal cnasean writes to, resolved once from the stream and the environment.

Everything a table or a chart for a person depends on is read here and nowhere else: the
size, whether the stream is a terminal, its encoding, whether to draw plain characters, and
all that Rich would otherwise read from the environment to choose colours and width (see
``rich/console.py``: ``Console.__init__``, ``is_terminal``, ``is_dumb_terminal``, ``size``,
``_detect_color_system`` and ``_is_jupyter``). ``output.table`` builds its Console from a
``Terminal`` with ``_environ={}``, so a drawing depends on the cells and this value alone,
which is what ``output.drawcache`` keys on.

The one thing Rich still reads itself is ``UNICODE_VERSION`` (``rich._unicode_data``, which
no Console argument reaches): it is recorded here so that it is part of the value. Formats
for machines (JSON, TSV, CSV) need only the stream's encoding and ``isatty``, which
``output.formats`` asks the stream for: they never pay for importing or resolving this.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any

from cnasean.frozen import Frozen

if TYPE_CHECKING:  # annotations only: a Literal costs time to build at import
    from typing import Literal

    ColorSystem = Literal["standard", "256", "truecolor", "windows"]

PIPE_WIDTH = 120  # a table into a pipe, without COLUMNS: wide enough, the same everywhere
# The narrowest drawing: below it each label and value is stacked and folded at this width
# (the terminal wraps the lines), not cut into a column of single characters.
MIN_WIDTH = 20
_JUPYTER_COLUMNS, _JUPYTER_LINES = 115, 100  # Rich's defaults in a notebook
_TERM_COLORS: dict[str, ColorSystem] = {"kitty": "256", "256color": "256", "16color": "standard"}
_WINDOWS = sys.platform == "win32"


class Terminal(Frozen):
    """Where output goes, as cnasean and Rich see it. Build it with ``resolve`` or
    ``current``; the fields are resolved values, never raw settings."""

    isatty: bool  # the stream says it is a terminal: a table unless a format is asked for
    is_terminal: bool  # Rich writes escape codes: a terminal, or TTY_COMPATIBLE / FORCE_COLOR
    interactive: bool  # Rich's is_interactive (TTY_INTERACTIVE, else a terminal, not dumb)
    jupyter: bool
    width: int  # the columns a table is drawn in
    height: int
    columns: int  # the columns a chart is drawn in: COLUMNS, else stdout's terminal, else 80
    color_system: ColorSystem | None  # None: no colours at all
    no_color: bool  # NO_COLOR is set and not empty: Rich keeps styles, drops colours
    dumb: bool  # TERM=dumb
    plain: bool  # only plain characters: TERM=dumb, NO_COLOR (even empty), or not UTF-8
    encoding: str  # the stream's, lower case (utf-8 when it says none)
    legacy_windows: bool  # an old Windows console, without escape codes
    unicode_version: str  # the character widths Rich measures with

    @property
    def ascii_only(self) -> bool:
        """The stream cannot encode beyond ASCII (PYTHONIOENCODING=ascii, latin-1...)."""
        return _ascii_only(self.encoding)


def resolve(stream: Any, environ: Mapping[str, str] | None = None) -> Terminal:
    """The terminal behind ``stream`` under ``environ`` (``os.environ``), read afresh."""
    env = os.environ if environ is None else environ
    encoding = str(getattr(stream, "encoding", None) or "utf-8").lower()
    isatty = _isatty(stream)
    jupyter = _in_jupyter(env)
    legacy = _WINDOWS and not jupyter and not _windows_features()[0]
    is_terminal = _rich_is_terminal(stream, env, jupyter)
    dumb_terminal = is_terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    width, height = _size(
        env,
        None if isatty or env.get("COLUMNS") else PIPE_WIDTH,
        jupyter,
        legacy,
        dumb_terminal,
    )
    interactive = {"0": False, "1": True}.get(
        env.get("TTY_INTERACTIVE", ""), is_terminal and not dumb_terminal
    )
    dumb = env.get("TERM") == "dumb"
    return Terminal(
        isatty=isatty,
        is_terminal=is_terminal,
        interactive=interactive,
        jupyter=jupyter,
        width=max(width, MIN_WIDTH),
        height=height,
        columns=_chart_columns(env),
        color_system=_color_system(env, jupyter, is_terminal, dumb_terminal, legacy),
        no_color=env.get("NO_COLOR", "") != "",
        dumb=dumb,
        plain=dumb or "NO_COLOR" in env or _ascii_only(encoding),
        encoding=encoding,
        legacy_windows=legacy,
        # Rich reads this one from os.environ itself, whatever ``environ`` says.
        unicode_version=os.environ.get("UNICODE_VERSION", "latest"),
    )


_resolved: list[tuple[Any, Terminal]] = []  # the stream last asked about, and its terminal


def current(stream: IO[str] | None = None) -> Terminal:
    """The terminal behind ``stream`` (stdout): resolved on first use, then the same value
    for the rest of the process, so that every part of one command sees one terminal."""
    stream = stream or sys.stdout
    if _resolved and _resolved[0][0] is stream:
        return _resolved[0][1]
    terminal = resolve(stream)
    _resolved[:] = [(stream, terminal)]  # holding the stream: its id is never reused
    return terminal


def _ascii_only(encoding: str) -> bool:
    return not encoding.replace("_", "-").startswith("utf")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _number(value: str | None) -> int | None:
    """A size setting of digits as Rich reads it (``str.isdigit``), else None; and None
    for 0 too, which no terminal has (COLUMNS=0 drew every cell empty): like a setting
    that is not a number, it is ignored, and the terminal's size (else 80) is used."""
    if value is None or not value.isdigit():
        return None
    try:
        return int(value) or None
    except ValueError:  # digits int() does not read, such as "²"
        return None


def _in_jupyter(env: Mapping[str, str]) -> bool:
    """As Rich's ``_is_jupyter``: an IPython kernel (not IPython in a terminal)."""
    import builtins

    get_ipython = getattr(builtins, "get_ipython", None)
    if get_ipython is None:
        return False
    shell = get_ipython().__class__
    return bool(
        "google.colab" in str(shell)
        or env.get("DATABRICKS_RUNTIME_VERSION")
        or shell.__name__ == "ZMQInteractiveShell"
    )


def _rich_is_terminal(stream: Any, env: Mapping[str, str], jupyter: bool) -> bool:
    """As Rich's ``Console.is_terminal``."""
    if str(getattr(sys.stdin, "__module__", "")).startswith("idlelib"):
        return False  # IDLE says it is a terminal but shows escape codes as they are
    if jupyter:
        return False
    compatible = env.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force_color = env.get("FORCE_COLOR")
    if force_color is not None:
        return force_color != ""
    return _isatty(stream)


def _std_fds() -> tuple[int, ...]:
    """The descriptors Rich asks for the terminal's size, in its order."""
    fds = []
    for stream, default in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            fds.append(stream.fileno() if stream is not None else default)
        except Exception:  # closed or detached: as Rich does
            fds.append(default)
    return tuple(fds[1:]) if _WINDOWS else tuple(fds)


def _size(
    env: Mapping[str, str],
    width: int | None,
    jupyter: bool,
    legacy: bool,
    dumb_terminal: bool,
) -> tuple[int, int]:
    """The width and height Rich's ``Console.size`` gives, starting from ``width``."""
    height: int | None = None
    if jupyter:
        if width is None:
            width = _number(env.get("JUPYTER_COLUMNS"))
            width = _JUPYTER_COLUMNS if width is None else width
        height = _number(env.get("JUPYTER_LINES"))
        height = _JUPYTER_LINES if height is None else height
    columns, lines = _number(env.get("COLUMNS")), _number(env.get("LINES"))
    if width is None and columns is not None:
        width = columns - legacy
    if height is None:
        height = lines
    if width is not None and height is not None:
        return width - legacy, height
    if dumb_terminal:
        return 80, 25
    found_width: int | None = None
    found_height: int | None = None
    for fd in _std_fds():
        try:
            found_width, found_height = os.get_terminal_size(fd)
            break
        except (AttributeError, ValueError, OSError):
            pass
    found_width = (columns if columns is not None else found_width) or 80
    found_height = (lines if lines is not None else found_height) or 25
    return (
        found_width - legacy if width is None else width,
        found_height if height is None else height,
    )


def _chart_columns(env: Mapping[str, str]) -> int:
    """``shutil.get_terminal_size().columns`` (at least 1), with ``env`` for os.environ."""
    try:
        columns = int(env["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        stdout = sys.__stdout__
        try:
            columns = os.get_terminal_size(stdout.fileno()).columns if stdout else 0
        except (AttributeError, ValueError, OSError):  # closed, detached, not a terminal
            columns = 0
        columns = columns or 80
    return max(1, columns)


def _color_system(
    env: Mapping[str, str], jupyter: bool, is_terminal: bool, dumb_terminal: bool, legacy: bool
) -> ColorSystem | None:
    """As Rich's ``Console._detect_color_system``."""
    if jupyter:
        return "truecolor"
    if not is_terminal or dumb_terminal:
        return None
    if _WINDOWS:
        if legacy:
            return "windows"
        return "truecolor" if _windows_features()[1] else "256"
    if env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor"
    term = env.get("TERM", "").strip().lower()
    return _TERM_COLORS.get(term.rpartition("-")[2], "standard")


def _windows_features() -> tuple[bool, bool]:
    """Whether this Windows console takes escape codes, and true colour."""
    from rich._windows import get_windows_console_features

    features = get_windows_console_features()
    return features.vt, features.truecolor
