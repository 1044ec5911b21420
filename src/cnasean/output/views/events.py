"""The timeline view: dated events in order."""

from __future__ import annotations

from collections.abc import Sequence

from cnasean.models import Event, Meta
from cnasean.output.i18n import pick, tr
from cnasean.output.view import Column, View, ranked
from cnasean.output.views.common import data_caption
from cnasean.output.views.common import ids_text as _ids
from cnasean.output.views.common import uniq as _uniq


def events_view(items: Sequence[Event], meta: Meta) -> View:
    cols = [
        Column(
            "date",
            "Date",
            lambda e: e.date,
            lambda v, e: v + (f"..{e.date_end}" if e.date_end else ""),
            no_wrap=True,
            style="bold",
        ),
        Column("date_end", "", lambda e: e.date_end, table=False),
        Column("title", "Event", lambda e: e.title, lambda v, e: pick(e.title, e.title_zh)),
        Column("category", "Category", lambda e: e.category, lambda v, e: tr(v), no_wrap=True),
        Column("countries", "Who", lambda e: list(e.countries), lambda v, e: ", ".join(v)),
        Column("place", "Place", lambda e: e.place),
        Column("sources", "Sources", lambda e: list(e.sources), lambda v, e: _ids(v), style="dim"),
        Column("id", "ID", lambda e: e.id, table=False),
    ]
    cols = ranked(
        cols, {"date": 0, "title": 0, "category": 2, "countries": 2, "place": 3, "sources": 4}
    )
    caption = data_caption(
        meta, _uniq([s for e in items for s in e.sources]), "Notes and ids: --json."
    )
    return View(cols, items, [e.to_dict() for e in items], caption=caption)
