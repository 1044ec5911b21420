"""Views for keeping the data: where it is, what is wrong with it, what changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cnasean.output.view import Column, View

if TYPE_CHECKING:
    from cnasean.store.exchange import Change
    from cnasean.store.validate import Problem

ORIGINS = {
    "option": "named by --db",
    "environment": "named by CNASEAN_DB",
    "user": "your own copy (written by cnasean db commands)",
    "packaged": "the data packaged with cnasean (read-only)",
    "installed": "an installed data bundle (cnasean db update)",
}


def info_view(info: dict[str, Any]) -> View:
    rows = [
        ("file", str(info["path"])),
        ("why", ORIGINS.get(info["origin"], info["origin"])),
        ("schema_version", info["schema_version"]),
        ("data_version", info["data_version"]),
        ("as_of", info["as_of"]),
        *((f"records.{k}", n) for k, n in info["counts"].items()),
        *((f"oldest_verified.{k}", d) for k, d in info["oldest_verified"].items()),
        ("backup", info["backup"] or "none"),
        *_channel_rows(info),
    ]
    cols = [Column("key", "", lambda r: r[0], style="bold"), Column("value", "", lambda r: r[1])]
    return View(cols, rows, [info], title="Data file")


def _channel_rows(info: dict[str, Any]) -> list[tuple[str, Any]]:
    """Your edits, their conflicts, and the installed data versions (none with --db)."""
    if "edits" not in info:
        return []
    rows: list[tuple[str, Any]] = [
        ("edits", f"{info['edits']} record(s) in {info['overlay']}" if info["overlay"] else "none")
    ]
    for c in info["conflicts"]:
        field = f".{c['field']}" if c["field"] else ""
        rows.append(
            (
                f"conflict.{c['kind']}.{c['id']}{field}",
                f"{_value(c['was'])} -> {_value(c['base'])} upstream; "
                f"yours {_value(c['yours'])} is read",
            )
        )
    for v in info["installed"]:
        mark = " (in use)" if v["current"] else ""
        rows.append((f"installed.{v['data_version']}", f"as of {v['as_of']}{mark}"))
    if not info["installed"]:
        rows.append(("installed", "none (cnasean db update FILE|URL)"))
    return rows


def problems_view(problems: Sequence[Problem]) -> View:
    cols = [
        Column("table", "Table", lambda p: p.table, no_wrap=True),
        Column("record_id", "Record", lambda p: p.record_id),
        Column("message", "Problem", lambda p: p.message),
    ]
    records = [{"table": p.table, "record_id": p.record_id, "message": p.message} for p in problems]
    return View(cols, problems, records)


def changes_view(changes: Sequence[Change], title: str | None = None) -> View:
    cols = [
        Column("change", "Change", lambda c: c.change, no_wrap=True, style="bold"),
        Column("kind", "Kind", lambda c: c.kind, no_wrap=True),
        Column("id", "ID", lambda c: c.id),
        Column("fields", "Fields", lambda c: list(c.fields), lambda v, c: ", ".join(v)),
    ]
    return View(cols, changes, [c.to_dict() for c in changes], title=title)


def _value(value: Any) -> str:
    text = "—" if value is None else (value if isinstance(value, str) else repr(value))
    return text if len(text) <= 60 else text[:59] + "…"


def diff_view(changes: Sequence[Change]) -> View:
    """``db diff``: one row a changed field with its old and new values (a record added or
    removed is one row); the JSON is one object a record, with ``values``."""
    rows = [(c, f, old, new) for c in changes for f, old, new in (c.edits or (("", None, None),))]
    cols = [
        Column("change", "Change", lambda r: r[0].change, no_wrap=True, style="bold"),
        Column("kind", "Kind", lambda r: r[0].kind, no_wrap=True),
        Column("id", "ID", lambda r: r[0].id),
        Column("field", "Field", lambda r: r[1]),
        Column("old", "Old", lambda r: r[2], lambda v, r: "" if not r[1] else _value(v)),
        Column("new", "New", lambda r: r[3], lambda v, r: "" if not r[1] else _value(v)),
    ]
    return View(cols, rows, [c.to_dict() for c in changes])
