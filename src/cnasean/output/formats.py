"""Every output format behind one ``emit(view, fmt)``: Rich table, TSV, CSV, JSON, JSON Lines.

Tables are for people: humanised numbers, colour, a caption. TSV and CSV carry the same
columns with machine values (unscaled numbers, ISO dates). JSON carries the records.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO, Any

from cnasean.output.view import View

FORMATS = ("table", "tsv", "csv", "json", "jsonl")


def choose_format(fmt: str | None, as_json: bool, stream: IO[str] | None = None) -> str:
    """The format asked for; without one, a table on a terminal and TSV otherwise."""
    if as_json:
        return "json"
    if fmt:
        return fmt
    stream = stream or sys.stdout
    try:
        return "table" if stream.isatty() else "tsv"
    except (AttributeError, ValueError):
        return "tsv"


def emit(view: View, fmt: str, out: IO[str] | None = None) -> None:
    """Write ``view`` to ``out`` (stdout) in ``fmt``."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(_json(list(view.records), out, indent=2) + "\n")
    elif fmt == "jsonl":
        for rec in view.records:
            out.write(_json(rec, out) + "\n")
    elif fmt in ("tsv", "csv"):
        _delimited(view, fmt, out)
    elif fmt == "table":
        _table(view, out)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    out.flush()


def emit_sections(
    sections: Sequence[tuple[str, View]],
    document: dict[str, Any],
    fmt: str,
    out: IO[str] | None = None,
) -> None:
    """A document of several views (a country profile). JSON is ``document``, one object;
    JSON Lines is one line per section; TSV and CSV are blocks headed ``# name``."""
    out = out or sys.stdout
    if fmt == "json":
        out.write(_json(document, out, indent=2) + "\n")
    elif fmt == "jsonl":
        for name, value in document.items():
            out.write(_json({"section": name, "data": value}, out) + "\n")
    elif fmt in ("tsv", "csv"):
        for i, (name, view) in enumerate(sections):
            out.write(("\n" if i else "") + f"# {name}\n")
            _delimited(view, fmt, out)
    else:
        for _, view in sections:
            emit(view, fmt, out)
    out.flush()


def _json(value: Any, out: IO[str], indent: int | None = None) -> str:
    """JSON as the standard library writes it: UTF-8 where ``out`` can take it."""
    import json

    return json.dumps(value, ensure_ascii=_ascii_only(out), indent=indent)


def terminal_width() -> int:
    """Columns to draw in: ``COLUMNS``, else the terminal's, else 80."""
    import shutil

    return max(1, shutil.get_terminal_size(fallback=(80, 24)).columns)


def plain_text(out: IO[str] | None = None) -> bool:
    """True when only plain characters should be drawn: ``TERM=dumb``, ``NO_COLOR``, or a
    stream that cannot encode block characters."""
    out = out or sys.stdout
    if os.environ.get("TERM") == "dumb" or "NO_COLOR" in os.environ:
        return True
    return _ascii_only(out)


def emit_text(text: str, out: IO[str] | None = None) -> None:
    """A text document (a citation) as it is."""
    out = out or sys.stdout
    out.write(text if text.endswith("\n") else text + "\n")
    out.flush()


def _ascii_only(out: IO[str]) -> bool:
    """JSON is UTF-8; where the stream cannot encode it (PYTHONIOENCODING=ascii), \\u escapes
    keep it valid and lossless."""
    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    return not encoding.startswith("utf")


def _machine(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(_machine(v) for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _delimited(view: View, fmt: str, out: IO[str]) -> None:
    keys = [c.key for c in view.columns]
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        # With LF rows, the minimal quoting leaves a lone CR bare; quote such rows fully.
        quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(keys)
        for row in view.rows:
            values = [_machine(c.get(row)) for c in view.columns]
            (quoted if any("\r" in v for v in values) else writer).writerow(values)
        return
    out.write("\t".join(keys) + "\n")
    for row in view.rows:
        cells = (_machine(c.get(row)) for c in view.columns)
        out.write("\t".join(_tsv_safe(v) for v in cells) + "\n")


def _tsv_safe(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _console(out: IO[str]) -> Any:
    """A console that measures ``out`` (Rich draws into a capture; cnasean writes the text,
    so Rich's own broken-pipe exit never comes into play and cli.main ends every command
    the same quiet way)."""
    from rich.console import Console

    width = None
    if not _isatty(out) and not os.environ.get("COLUMNS"):
        width = 120
    return Console(file=out, width=width, highlight=False, soft_wrap=False)


def _isatty(out: IO[str]) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False


# A table as drawn: (layout, title, caption, notes, columns, cells). Columns are (header,
# justify, style, no_wrap); cells are the texts a person sees, row by row.
Spec = tuple[str, str | None, str | None, tuple[str, ...], tuple[Any, ...], tuple[Any, ...]]


def _spec(view: View) -> Spec:
    columns = [c for c in view.columns if c.table]
    return (
        view.layout,
        view.title,
        view.caption,
        tuple(view.notes),
        tuple((tr(c.header), c.justify, c.style, c.no_wrap) for c in columns),
        tuple(tuple(c.text(row) for c in columns) for row in view.rows),
    )


def tr(text: str) -> str:
    from cnasean.output.i18n import tr as translate

    return translate(text) if text else text


def _table(view: View, out: IO[str]) -> None:
    """Draw the view with Rich, or write the same drawing kept from an earlier run.

    Rich's drawing of a table is a pure function of the cells and the terminal, and costs
    more than everything else a command does (importing rich.console and laying out a
    20-row table: about 120 million instructions, 35 % of the start-up of import typer and
    rich.table). So the drawing is kept in the cache, keyed by the cells, everything Rich
    reads to decide width and colours, and the versions of Rich and of this module; a
    repeated command writes it back without importing Rich."""
    spec = _spec(view)
    entry = _drawing_entry(spec, out)
    if entry is not None:
        from cnasean.store import cache

        kept = cache.load(*entry)
        if isinstance(kept, str):
            out.write(kept)
            return
    drawing = _draw(spec, out)
    out.write(drawing)
    if entry is not None:
        cache.save(*entry, lambda: drawing, keep=DRAWINGS_KEPT)


DRAWINGS_KEPT = 64  # newest drawings kept; older ones are removed
_DRAWING_MAX_CELLS = 4000  # larger tables are drawn afresh (and rarely repeated)
# Everything Rich's Console reads from the environment to choose width, colours and
# whether it writes to a terminal (rich/console.py, Console.__init__, is_terminal, size).
_RICH_ENV = (
    "COLUMNS",
    "LINES",
    "TERM",
    "COLORTERM",
    "NO_COLOR",
    "FORCE_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "JUPYTER_COLUMNS",
    "JUPYTER_LINES",
    "DATABRICKS_RUNTIME_VERSION",
    "WT_SESSION",
    "UNICODE_VERSION",  # rich/_unicode_data: which character widths to use
)


def _drawing_entry(spec: Spec, out: IO[str]) -> tuple[Any, str] | None:
    """Where the drawing of ``spec`` on ``out`` is kept, and its full key."""
    from cnasean.store import cache

    where = cache.folder("tables")
    if where is None or len(spec[4]) * len(spec[5]) > _DRAWING_MAX_CELLS:
        return None
    size = None
    for fd in (0, 1, 2):  # as Rich looks for the terminal's size
        try:
            size = tuple(os.get_terminal_size(fd))
            break
        except (OSError, ValueError):
            pass
    key = repr(
        (
            spec,
            [os.environ.get(name) for name in _RICH_ENV],
            size,
            _isatty(out),
            getattr(out, "encoding", None),
            sys.platform,
            _drawing_code(),
        )
    )
    return where / f"{cache.name_for(key)}.marshal", key


def _drawing_code() -> tuple[Any, ...]:
    """What identifies the code that draws: Rich's installed files and this module."""
    import importlib.util

    from cnasean.store import cache

    found = importlib.util.find_spec("rich")
    return cache.code_stamp(found.origin if found else None, __file__)


def _draw(spec: Spec, out: IO[str]) -> str:
    """The spec drawn by Rich for ``out``'s terminal, as the text Rich would write."""
    console = _console(out)
    with console.capture() as captured:
        layout, title, caption, notes, columns, cells = spec
        if layout == "cards" or console.width < 10 * len(columns):
            # Cards, or too narrow for the columns: one block per row, so no figure is cut.
            _cards(title, caption, columns, cells, console)
        else:
            _grid(title, caption, notes, columns, cells, console)
    return str(captured.get())


def _grid(
    title: str | None,
    caption: str | None,
    notes: tuple[str, ...],
    columns: tuple[Any, ...],
    cells: tuple[Any, ...],
    console: Any,
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    plain = console.color_system is None or os.environ.get("TERM") == "dumb"
    table = Table(
        title=title,
        caption=caption,
        box=box.ASCII
        if plain or not console.encoding.lower().startswith("utf")
        else box.SIMPLE_HEAD,
        header_style="bold",
        caption_justify="left",
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for header, justify, style, no_wrap in columns:
        table.add_column(
            header,
            justify=justify,
            style=None if plain else style,
            no_wrap=no_wrap,
            overflow="fold",
        )
    for row in cells:
        table.add_row(*(Text(text) for text in row))
    console.print(table)
    for note in notes:
        console.print(Text(note))


def _cards(
    title: str | None,
    caption: str | None,
    columns: tuple[Any, ...],
    cells: tuple[Any, ...],
    console: Any,
) -> None:
    from rich.table import Table
    from rich.text import Text

    if title:
        console.print(Text(title, style="bold"))
    headers = [c[0] for c in columns]
    stacked = console.width < 40  # too narrow for two columns: each label above its value
    for row in cells:
        console.print()
        if stacked:
            for header, text in zip(headers, row, strict=True):
                if text:
                    console.print(Text(header, style="bold"))
                    console.print(Text(text), overflow="fold")
            continue
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for header, text in zip(headers, row, strict=True):
            if text:
                grid.add_row(header, Text(text))
        console.print(grid)
    if caption:
        console.print()
        console.print(Text(caption, style="dim"))
