"""How a table fits its terminal: which columns it shows and how wide each one is.

Rich, left alone, shares the width out by the columns' longest texts: at 80 columns a title
was squeezed to six characters and broken mid-word, dates were cut ("2024-03-0") and whole
columns were dropped without a word. Here every column has a priority (``Column.priority``:
0 for the key columns, never hidden) and a kind: a cell that must stay whole (dates,
numbers, codes, URLs: ``no_wrap``) is given its full width; text wraps at word boundaries
and is given at least its longest word (up to ``LONG_WORD``). When even that does not fit,
the columns of the highest priority number go first, and the table says which.
"""

from __future__ import annotations

from collections.abc import Sequence

GAP = 3  # between two columns: a space of padding each side and the (blank) divider
LONG_WORD = 30  # a word longer than this in running text may be folded
MIN_TEXT = 10  # running text is never narrower than this (unless all of it is shorter)


def cell_width(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def _longest_word(text: str) -> int:
    from rich.cells import cell_len

    return max((cell_len(word) for word in text.split()), default=0)


class Fit:
    """The columns shown (their indexes) with their widths, and the headers hidden."""

    __slots__ = ("hidden", "shown", "widths")

    def __init__(self, shown: list[int], widths: list[int], hidden: list[int]) -> None:
        self.shown = shown
        self.widths = widths
        self.hidden = hidden


def fit(
    headers: Sequence[str],
    whole: Sequence[bool],
    priorities: Sequence[int],
    cells: Sequence[Sequence[str]],
    width: int,
) -> Fit | None:
    """The layout of a table of ``cells`` under ``headers`` in ``width`` columns, or None
    when even its key columns cannot be drawn whole (the caller draws cards instead)."""
    n = len(headers)
    most = [cell_width(headers[i]) for i in range(n)]
    least = [_longest_word(headers[i]) for i in range(n)]
    for row in cells:
        for i, text in enumerate(row):
            wide = cell_width(text)
            if wide > most[i]:
                most[i] = wide
            word = wide if whole[i] else min(_longest_word(text), LONG_WORD)
            if word > least[i]:
                least[i] = word
    for i in range(n):
        least[i] = most[i] if whole[i] else min(most[i], max(least[i], MIN_TEXT))
    # a column with no text in any row says nothing: left out, and nothing is lost
    shown = [i for i in range(n) if not cells or any(row[i] for row in cells)]
    hidden: list[int] = []

    def need(cols: list[int]) -> int:
        return sum(least[i] for i in cols) + GAP * max(len(cols) - 1, 0)

    while need(shown) > width:
        droppable = [i for i in shown if priorities[i] > 0]
        if not droppable:
            return None
        # the highest priority number goes first; of equals, the rightmost
        drop = max(droppable, key=lambda i: (priorities[i], i))
        shown.remove(drop)
        hidden.append(drop)
    widths = {i: least[i] for i in shown}
    spare = width - need(shown)
    growing = [i for i in shown if widths[i] < most[i]]
    while spare > 0 and growing:
        share = max(spare // len(growing), 1)
        for i in list(growing):
            add = min(share, most[i] - widths[i], spare)
            widths[i] += add
            spare -= add
            if widths[i] >= most[i]:
                growing.remove(i)
            if spare <= 0:
                break
    return Fit(shown, [widths[i] for i in shown], sorted(hidden))


def hidden_note(headers: Sequence[str]) -> str:
    """The line under a table that hid columns, in the current language."""
    from cnasean.output.i18n import tr

    names = ", ".join(h.strip("*† ").strip() or "?" for h in headers)
    if len(headers) == 1:
        return tr("1 column hidden: {names} — widen the terminal or use -f tsv", names=names)
    return tr(
        "{n} columns hidden: {names} — widen the terminal or use -f tsv",
        n=len(headers),
        names=names,
    )
