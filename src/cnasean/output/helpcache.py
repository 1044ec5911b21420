"""Help pages kept between runs, so that ``cnasean --help`` (and ``cnasean CMD --help``)
writes its page without typer's ``rich_utils``.

Typer draws help with Rich's markdown machinery (``rich_utils`` imports ``rich.markdown``
and ``markdown_it``): more than the whole of ``import typer`` again, for a page that is the
same on every run. So the page is kept as ``output.drawcache`` keeps tables: under its full
key, the arguments, the resolved ``Terminal``, every environment variable that can change a
drawing or a language, and the stamps of the code that writes it (typer, Rich, cnasean's
commands). A kept page that is damaged, or any change to that key, draws the page afresh.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Any

KEPT = 32
HELP = ("--help", "-h")
_MATTERS = ("TERM", "COLOR", "COLUMNS", "LINES", "TTY", "TYPER", "RICH", "JUPYTER", "CNASEAN")
_MATTERS_TOO = ("LANG", "LC_", "PYTHONIOENCODING", "UNICODE_VERSION", "_TYPER")

Entry = tuple[Path, str]


def wanted(args: list[str]) -> bool:
    """A help page is asked for, not shell completion."""
    return any(a in HELP for a in args) and not any(k.endswith("_COMPLETE") for k in os.environ)


def entry(args: list[str]) -> Entry | None:
    """Where the page for ``args`` on this terminal is kept, and its key (None: no cache)."""
    from cnasean.output import terminal
    from cnasean.store import cache

    where = cache.folder("help")
    if where is None:
        return None
    env = sorted(
        (k, v)
        for k, v in os.environ.items()
        if any(w in k for w in _MATTERS) or k.startswith(_MATTERS_TOO)
    )
    key = repr((tuple(args), terminal.current(sys.stdout), env, code()))
    return where / cache.name_for(key), key


def load(found: Entry | None) -> str | None:
    if found is None:
        return None
    from cnasean.store import cache

    kept = cache.load(*found)
    part = kept.take("help") if kept is not None and "help" in kept else None
    if part is None:
        return None
    try:
        return str(part, "utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def save(found: Entry | None, page: str) -> None:
    if found is None or not page:
        return
    from cnasean.store import cache

    cache.save(*found, lambda: {"help": page.encode("utf-8", "surrogatepass")}, keep=KEPT)


def code() -> tuple[Any, ...]:
    """The files that write a help page: typer's, Rich's, and cnasean's commands."""
    import importlib.util

    from cnasean.store import cache

    files: list[str | None] = []
    for name, parts in (("typer", ("__init__.py", "rich_utils.py", "core.py")), ("rich", ())):
        found = importlib.util.find_spec(name)
        origin = found.origin if found else None
        files.append(origin)
        if origin:
            files.extend(os.path.join(os.path.dirname(origin), p) for p in parts)
    here = os.path.join(os.path.dirname(os.path.dirname(__file__)), "cli")
    files.extend(os.path.join(here, f) for f in sorted(os.listdir(here)) if f.endswith(".py"))
    return cache.code_stamp(*files)


class Capture(io.StringIO):
    """Stands for stdout while a page is drawn: the text is kept (and then written), and
    whether it is a terminal, its encoding and descriptor are the real stream's."""

    def __init__(self, real: Any) -> None:
        super().__init__()
        self._real = real

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._real, "encoding", None) or "utf-8")

    def isatty(self) -> bool:
        try:
            return bool(self._real.isatty())
        except (AttributeError, ValueError):
            return False

    def fileno(self) -> int:
        return int(self._real.fileno())
