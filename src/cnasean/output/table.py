"""Tables for people, drawn with Rich: a grid of columns, or cards (one block per row).

A view becomes a ``Spec``, the texts a person sees; the spec is drawn by a Rich Console built
from a resolved ``Terminal`` and nothing else (``_environ={}``: Rich reads no environment of
its own), so the same spec on the same terminal is always the same drawing, and a drawing
kept by ``output.drawcache`` is written back without importing Rich.
"""

from __future__ import annotations

import io
from typing import IO, TYPE_CHECKING, Any

from cnasean.output.terminal import Terminal
from cnasean.output.view import View

if TYPE_CHECKING:
    from rich.console import Console

    from cnasean.output.layout import Fit

# A table as drawn: (layout, title, caption, notes, columns, cells). Columns are (header,
# justify, style, no_wrap, priority, url); cells are the texts a person sees, row by row.
Spec = tuple[str, str | None, str | None, tuple[str, ...], tuple[Any, ...], tuple[Any, ...]]


def write(view: View, terminal: Terminal, out: IO[str]) -> None:
    """Draw ``view`` on ``out``, or write the drawing kept from an earlier run.

    Rich's drawing of a table is a pure function of the cells and the terminal, and costs
    more than everything else a command does (importing rich.console and laying out a
    20-row table: about 120 million instructions, 35 % of the start-up of import typer and
    rich.table); so it is kept, and a repeated command writes it back without Rich."""
    from cnasean.output import drawcache

    drawn = spec(view)
    entry = drawcache.entry(drawn, terminal)
    kept = drawcache.load(entry)
    if kept is not None:
        out.write(kept)
        return
    drawing = draw(drawn, terminal)
    out.write(drawing)
    drawcache.save(entry, drawing)


def spec(view: View) -> Spec:
    """The texts of ``view`` as the table shows them, in the current language, every
    control character from the data shown as an escape (``text.visible``)."""
    from cnasean.text import visible

    columns = [c for c in view.columns if c.table]
    return (
        view.layout,
        None if view.title is None else visible(view.title),
        None if view.caption is None else visible(view.caption),
        tuple(map(visible, view.notes)),
        tuple(
            (tr(c.header), c.justify, c.style, c.no_wrap or c.url, c.priority, c.url)
            for c in columns
        ),
        tuple(tuple(visible(c.text(row)) for c in columns) for row in view.rows),
    )


def tr(text: str) -> str:
    from cnasean.output.i18n import tr as translate

    return translate(text) if text else text


def draw(spec: Spec, terminal: Terminal) -> str:
    """``spec`` drawn by Rich for ``terminal``, as the text Rich would write."""
    console = console_for(terminal)
    with console.capture() as captured:
        layout, title, caption, notes, columns, cells = spec
        fitted = None
        if layout != "cards":
            from cnasean.output.layout import fit

            fitted = fit(
                [c[0] for c in columns],
                [c[3] for c in columns],
                [c[4] for c in columns],
                cells,
                console.width,
            )
        if fitted is None:
            # Cards, or too narrow for the key columns: one block per row, nothing cut.
            _cards(title, caption, columns, cells, console)
        else:
            _grid(title, caption, notes, columns, cells, console, terminal, fitted)
    return str(captured.get())


class _Capture(io.StringIO):
    """The Console's file: Rich draws into a capture and writes nothing here; it only asks
    the encoding (cnasean writes the text, so Rich's own broken-pipe exit never comes into
    play and cli.main ends every command the same quiet way)."""

    def __init__(self, encoding: str) -> None:
        super().__init__()
        self._encoding = encoding

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


def console_for(terminal: Terminal) -> Console:
    """A Rich Console told everything about ``terminal``, reading nothing itself."""
    from rich.console import Console

    return Console(
        file=_Capture(terminal.encoding),
        # Rich takes a legacy Windows console's last column off a width it is given
        width=terminal.width + terminal.legacy_windows,
        height=terminal.height,
        color_system=terminal.color_system,
        force_terminal=terminal.is_terminal,
        force_jupyter=terminal.jupyter,
        force_interactive=terminal.interactive,
        no_color=terminal.no_color,
        legacy_windows=terminal.legacy_windows,
        highlight=False,
        # Every text drawn is the data's or a translation's, never markup: "[link=...]" in
        # a title or a source id is shown as it is, not made a link (nor ":x:" an emoji).
        markup=False,
        emoji=False,
        soft_wrap=False,
        _environ={},
    )


def _grid(
    title: str | None,
    caption: str | None,
    notes: tuple[str, ...],
    columns: tuple[Any, ...],
    cells: tuple[Any, ...],
    console: Console,
    terminal: Terminal,
    fitted: Fit,
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    plain = terminal.color_system is None or terminal.dumb
    # The title and caption span the terminal, not only the table (which may be narrower)
    if title:
        _paragraph(console, title, "" if plain else "italic")
    table = Table(
        box=box.ASCII
        if plain or not console.encoding.lower().startswith("utf")
        else box.SIMPLE_HEAD,
        header_style="bold",
        show_edge=False,
        pad_edge=False,
    )
    for i, width in zip(fitted.shown, fitted.widths, strict=True):
        header, justify, style, no_wrap = columns[i][:4]
        table.add_column(
            header,
            justify=justify,
            style=None if plain else style,
            no_wrap=no_wrap,
            overflow="fold",
            width=width,
        )
    for row in cells:
        table.add_row(*(Text(row[i]) for i in fitted.shown))
    console.print(table)
    if caption:
        _paragraph(console, caption, "" if plain else "dim italic")
    if fitted.hidden:
        from cnasean.output.layout import hidden_note

        note = hidden_note([columns[i][0] for i in fitted.hidden])
        # one line, never folded: it is read (and searched for) whole
        console.print(Text(note, style="" if plain else "dim"), soft_wrap=True)
    for note in notes:
        console.print(Text(note))


def _cards(
    title: str | None,
    caption: str | None,
    columns: tuple[Any, ...],
    cells: tuple[Any, ...],
    console: Console,
) -> None:
    from rich.table import Table
    from rich.text import Text

    if title:
        console.print(Text(title, style="bold"))
    headers = [c[0] for c in columns]
    urls = [len(c) > 5 and c[5] for c in columns]
    stacked = console.width < 40  # too narrow for two columns: each label above its value
    for row in cells:
        console.print()
        if stacked:
            for header, text, url in zip(headers, row, urls, strict=True):
                if text:
                    console.print(Text(header, style="bold"))
                    _value(console, text, url)
            continue
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        links = []
        for header, text, url in zip(headers, row, urls, strict=True):
            if text and url:
                links.append((header, text))
            elif text:
                grid.add_row(header, Text(text))
        console.print(grid)
        for header, text in links:
            # a URL on a line of its own, whole: the terminal may wrap it, cnasean never
            # breaks it, so it can still be clicked and copied
            console.print(Text(header, style="bold"))
            _value(console, text, True)
    if caption:
        console.print()
        console.print(Text(caption, style="dim"))


def _paragraph(console: Console, text: str, style: str) -> None:
    """``text`` wrapped at word boundaries to the terminal, no space left at a line end."""
    from rich.text import Text

    for line in Text(text, style=style).wrap(console, console.width):
        line.rstrip()
        console.print(line)


def _value(console: Console, text: str, url: bool) -> None:
    from rich.text import Text

    if url:
        console.print(Text(text), soft_wrap=True)
    else:
        console.print(Text(text), overflow="fold")
