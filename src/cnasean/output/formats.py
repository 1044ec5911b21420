"""Every output format behind one ``emit(view, fmt)``: Rich table, TSV, CSV, JSON, JSON Lines.

Tables are for people: humanised numbers, colour, a caption (drawn by ``output.table`` for
the terminal ``output.terminal`` resolves). TSV and CSV carry the same columns with machine
values (unscaled numbers, ISO dates). JSON carries the records, as the json module writes it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from cnasean.output.view import View
from cnasean.text import spreadsheet_safe

if TYPE_CHECKING:
    from cnasean.output.terminal import Terminal

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
# Formats only some commands write, themselves: a calendar (events and visa, output.ics) and
# a feed (changes, output.atom).
OWN_FORMATS = ("ics", "atom")
_OWNERS = {"ics": "cnasean events and cnasean visa", "atom": "cnasean changes"}
# Set from the command line for the run (``cli.options``): the fields to write, in order
# (None: all), whether TSV/CSV have a header row, whether a long table may use a pager.
settings: dict[str, Any] = {"fields": None, "headers": True, "pager": True}


def reset() -> None:
    settings.update(fields=None, headers=True, pager=True)


def select(view: View, fmt: str) -> View:
    """``view`` with only the fields asked for (``--fields``), in that order; an unknown
    field is a usage error that lists the valid ones."""
    fields = settings["fields"]
    if not fields or fmt == "table":
        return view
    if fmt in ("json", "jsonl"):
        valid = list(dict.fromkeys(k for rec in view.records for k in rec)) or [
            c.key for c in view.columns
        ]
    else:
        valid = [c.key for c in view.columns]
    unknown = [f for f in fields if f not in valid]
    if unknown:
        from cnasean.errors import UsageError

        raise UsageError(
            f"Unknown field{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}"
            f" for -f {fmt}. Fields: {', '.join(valid)}."
        )
    by_key = {c.key: c for c in view.columns}
    columns = [by_key[f] for f in fields if f in by_key]
    records = [{f: rec.get(f) for f in fields} for rec in view.records]
    return View(columns, view.rows, records, view.title, view.caption, view.notes, view.layout)


def choose_format(fmt: str | None, as_json: bool, stream: IO[str] | None = None) -> str:
    """The format asked for; without one, a table on a terminal and TSV otherwise."""
    if as_json:
        return "json"
    if fmt:
        return fmt
    stream = stream or sys.stdout
    try:  # the stream alone: a format for machines never needs the whole Terminal
        return "table" if stream.isatty() else "tsv"
    except (AttributeError, ValueError):  # closed, or no isatty at all
        return "tsv"


def emit(view: View, fmt: str, out: IO[str] | None = None) -> None:
    """Write ``view`` to ``out`` (stdout) in ``fmt``."""
    _quiet()
    out = out or sys.stdout
    view = select(view, fmt)
    if fmt == "json":
        out.write(_json(list(view.records), out, indent=2) + "\n")
    elif fmt == "jsonl":
        for rec in view.records:
            out.write(_json(rec, out) + "\n")
    elif fmt in ("tsv", "csv"):
        _delimited(view, fmt, out)
    elif fmt == "table":
        from cnasean.output import table

        terminal = _terminal(out)
        if not (settings["pager"] and terminal.isatty and terminal.interactive and _keyboard()):
            table.write(view, terminal, out)
        else:  # drawn first: a drawing taller than the screen goes through a pager
            import io

            drawn = io.StringIO()
            table.write(view, terminal, drawn)
            text = drawn.getvalue()
            if text.count("\n") < terminal.height or not page(text):
                out.write(text)
    elif fmt in OWN_FORMATS:
        from cnasean.errors import UsageError

        raise UsageError(f"-f {fmt} is for {_OWNERS[fmt]}.")
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
    _quiet()
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


def _quiet() -> None:
    """The spinner (``output.progress``) stops before anything is written."""
    progress = sys.modules.get("cnasean.output.progress")
    if progress is not None:
        progress.stop()


def _keyboard() -> bool:
    """Someone can answer a pager: stdin is a terminal too (clig.dev: page only when both
    stdin and stdout are interactive)."""
    try:
        return bool(sys.stdin is not None and sys.stdin.isatty())
    except (AttributeError, ValueError):
        return False


def pager_command() -> list[str]:
    """The pager to use: ``$CNASEAN_PAGER``, then ``$PAGER``, then ``less -FRX`` (which
    quits at once when the text fits, keeps colours and leaves the text on the screen)."""
    import os
    import shlex

    for name in ("CNASEAN_PAGER", "PAGER"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return ["less", "-FRX"]


def page(text: str) -> bool:
    """Show ``text`` through the pager; False when there is none to start (the caller
    writes the text itself). Quitting the pager early is not an error."""
    import subprocess

    command = pager_command()
    if command in (["cat"], ["none"], []):
        return False
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE)
    except OSError:
        return False
    assert pager.stdin is not None
    try:
        pager.stdin.write(text.encode(getattr(sys.stdout, "encoding", None) or "utf-8", "replace"))
        pager.stdin.close()
    except (BrokenPipeError, OSError):  # the reader quit before the end: as they wish
        pass
    try:
        pager.wait()
    except KeyboardInterrupt:  # Ctrl-C is the pager's (less ignores it); wait it out
        pager.wait()
    return True


def _json(value: Any, out: IO[str], indent: int | None = None) -> str:
    """JSON as the standard library writes it: UTF-8, or \\u escapes (valid and lossless)
    where ``out`` cannot encode it (PYTHONIOENCODING=ascii). Only the stream's encoding
    counts, so JSON never imports or resolves the Terminal (a million instructions)."""
    from cnasean import jsontext

    encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("_", "-")
    return jsontext.dumps(value, ensure_ascii=not encoding.startswith("utf"), indent=indent)


def _terminal(out: IO[str] | None = None) -> Terminal:
    from cnasean.output.terminal import current

    return current(out)


def terminal_width() -> int:
    """Columns to draw a chart in: ``COLUMNS``, else the terminal's, else 80."""
    return _terminal().columns


def plain_text(out: IO[str] | None = None) -> bool:
    """True when only plain characters should be drawn: ``TERM=dumb``, ``NO_COLOR``, or a
    stream that cannot encode block characters."""
    return _terminal(out).plain


def emit_text(text: str, out: IO[str] | None = None) -> None:
    """A text document as it is (an export for machines); for people, ``emit_human``."""
    _quiet()
    out = out or sys.stdout
    out.write(text if text.endswith("\n") else text + "\n")
    out.flush()


def emit_human(text: str, out: IO[str] | None = None) -> None:
    """Text for people (a citation, an answer, a chart): every control character from the
    data shown as an escape, line breaks kept. JSON passes unchanged in meaning (it holds
    no raw C0 control, and the others become ``\\uXXXX``, its own escape)."""
    from cnasean.text import visible

    emit_text(visible(text), out)


def _machine(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        # items joined by ";", a ";" or "\\" inside an item escaped by "\\": split on an
        # unescaped ";" and every item comes back as it was
        return ";".join(_machine(v).replace("\\", "\\\\").replace(";", "\\;") for v in value)
    if isinstance(value, dict):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _csv_cell(value: Any) -> str:
    """A CSV cell: text a spreadsheet would run as a formula neutralised (``text.
    spreadsheet_safe``); numbers, negative ones too, as they are."""
    cell = _machine(value)
    return cell if isinstance(value, (int, float)) else spreadsheet_safe(cell)


def _delimited(view: View, fmt: str, out: IO[str]) -> None:
    keys = [c.key for c in view.columns]
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\n")
        # With LF rows, the minimal quoting leaves a lone CR bare; quote such rows fully.
        quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        if settings["headers"]:
            writer.writerow(keys)
        for row in view.rows:
            values = [_csv_cell(c.get(row)) for c in view.columns]
            (quoted if any("\r" in v for v in values) else writer).writerow(values)
        return
    if settings["headers"]:
        out.write("\t".join(keys) + "\n")
    for row in view.rows:
        cells = (_machine(c.get(row)) for c in view.columns)
        out.write("\t".join(_tsv_safe(v) for v in cells) + "\n")


def _tsv_safe(text: str) -> str:
    """A TSV cell on one line: tabs and line breaks as spaces (as always), every other
    control character shown as an escape (``text.visible_line``)."""
    if text.isprintable():
        return text
    from cnasean.text import visible_line

    return visible_line(text.replace("\t", " ").replace("\r", " ").replace("\n", " "))
