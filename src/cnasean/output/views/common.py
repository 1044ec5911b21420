"""What every view shares: source captions and small text helpers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cnasean.models import Meta
from cnasean.output.i18n import tr
from cnasean.output.view import Column, View, ranked

if TYPE_CHECKING:
    from cnasean.models.source import Source

NOT_FOUND = "—"


def ids_text(ids: Sequence[str]) -> str:
    return ", ".join(ids)


def uniq(items: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(items))


def data_caption(meta: Meta, source_ids: Sequence[str], extra: str = "") -> str:
    src = tr("Sources: {ids}.", ids=ids_text(source_ids)) + " " if source_ids else ""
    more = f"{tr(extra)} " if extra else ""
    data = tr(
        "Data {version}, as of {as_of}.", version=meta.data_version, as_of=meta.as_of.isoformat()
    )
    return f"{src}{more}{data} {tr('Details: cnasean sources ID.')}"


def sources_view(sources: Sequence[Source], meta: Meta) -> View:
    cols = [
        Column("id", "ID", lambda s: s.id, no_wrap=True, style="bold"),
        Column("kind", "Kind", lambda s: s.kind, no_wrap=True),
        Column("publisher", "Publisher", lambda s: s.publisher),
        Column("title", "Title", lambda s: s.title, lambda v, s: v or "(title not shown)"),
        Column("published", "Published", lambda s: s.published, no_wrap=True),
        Column(
            "retrieved", "Retrieved", lambda s: s.retrieved.isoformat(), no_wrap=True, table=False
        ),
        Column("url", "URL", lambda s: s.url, style="cyan", url=True),
    ]
    # a URL is never cut nor hidden: where the table cannot show it whole, cards do
    cols = ranked(cols, {"id": 0, "title": 0, "url": 0, "published": 2, "publisher": 2, "kind": 3})
    caption = f"{len(sources)} sources. Data {meta.data_version}, as of {meta.as_of.isoformat()}."
    return View(cols, sources, [s.to_dict() for s in sources], caption=caption)
