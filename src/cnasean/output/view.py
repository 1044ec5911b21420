"""The declarative view: a command says which columns its answer has, once, and every
format (table, TSV, CSV, JSON) is drawn from that, with no format branching in commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from cnasean.frozen import Frozen


class Column(Frozen):
    """One column: its machine key (TSV/CSV header), its table header, how to get the
    machine value from a row, and how to show that value to a person."""

    key: str
    header: str
    get: Callable[[Any], Any]
    human: Callable[[Any, Any], str] | None = None
    justify: str = "left"
    style: str | None = None
    no_wrap: bool = False
    table: bool = True  # False: only in TSV/CSV (machine detail a table need not show)
    # Which columns a narrow table keeps: 0 is a key column (never hidden), higher numbers
    # are hidden first (``output.layout``). A URL is never wrapped: shown whole or hidden.
    priority: int = 1
    url: bool = False

    def text(self, row: Any) -> str:
        value = self.get(row)
        if self.human is not None:
            return self.human(value, row)
        return "" if value is None else str(value)


class View:
    """What a command shows: rows under columns, and the records behind them for JSON."""

    __slots__ = ("caption", "columns", "layout", "notes", "records", "rows", "title")

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Any],
        records: Sequence[dict[str, Any]],
        title: str | None = None,
        caption: str | None = None,
        notes: list[str] | None = None,
        layout: str = "table",  # or "cards": one block per row, for records with long texts
    ) -> None:
        self.columns = columns
        self.rows = rows
        self.records = records
        self.title = title
        self.caption = caption
        self.notes = notes or []
        self.layout = layout


def ranked(columns: Sequence[Column], priorities: dict[str, int]) -> list[Column]:
    """``columns`` with the priorities a narrow table keeps them by (``Column.priority``),
    given by key: 0 for the key columns, higher numbers hidden first; others keep theirs."""
    out = []
    for c in columns:
        if c.key in priorities:
            values = dict(zip(c.field_names(), c.values(), strict=True))
            values["priority"] = priorities[c.key]
            c = Column(**values)
        out.append(c)
    return out
