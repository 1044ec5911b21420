"""What changed between data versions: each change with its old and new value."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cnasean.output.view import Column, View


def _shown(value: Any) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def changes_view(changes: Sequence[dict[str, Any]], title: str | None = None) -> View:
    """One row a change (``changelog.changes``): version, section, kind, id, field, old → new."""
    cols = [
        Column("data_version", "Version", lambda c: c.get("data_version"), no_wrap=True),
        Column("section", "Section", lambda c: c["section"], no_wrap=True, table=False),
        Column("change", "Change", lambda c: c["change"], no_wrap=True),
        Column("kind", "Kind", lambda c: c["kind"], no_wrap=True),
        Column("id", "ID", lambda c: c["id"]),
        Column("field", "Field", lambda c: c["field"] or ""),
        Column("old", "Old", lambda c: c["old"], lambda v, c: _shown(v)),
        Column("new", "New", lambda c: c["new"], lambda v, c: _shown(v)),
    ]
    records = [
        {
            "data_version": c.get("data_version"),
            "section": c["section"],
            "change": c["change"],
            "kind": c["kind"],
            "id": c["id"],
            "field": c["field"],
            "old": c["old"],
            "new": c["new"],
        }
        for c in changes
    ]
    return View(cols, changes, records, title=title)
