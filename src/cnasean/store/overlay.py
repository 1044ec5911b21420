"""The user's edits, kept on top of the data rather than in a copy of it.

``db set/add/remove/import`` record what the user changed in ``overlay.json`` (beside the
installed bundles); every read is the base (the packaged data or the newest installed bundle)
with the overlay applied, where the base is parsed (``storage.DataStorage``), so the parse
cache holds the merged tables. A correction survives an update and an upgrade.

An overlay holds, for each record the user touched (by kind and id), one of::

    {"add": RECORD}                                   a record the base does not have
    {"remove": true, "was": RECORD}                   a base record the user removed
    {"set": {FIELD: VALUE}, "was": {FIELD: OLD}, "record": RECORD}
                                                      fields the user changed, and the base's
                                                      values when they did

The user's value always wins. When the base has since changed what the user edited (a field
whose base value is no longer ``was``, an added id the base now has too, a removed record the
base changed, an edited record the base withdrew), that is a conflict: both values are kept,
the user's is read, and ``db info`` lists it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cnasean.errors import DataFileCorrupt
from cnasean.frozen import Frozen

FORMAT = 1
# The tables whose records a user can edit (edit.TABLES: meta is the data's own).
EDITABLE = ("sources", "countries", "trade", "visa", "infrastructure", "events")

Tables = Mapping[str, Mapping[str, Any]]


class Conflict(Frozen):
    """A record the user edited that the base changed since."""

    kind: str
    id: str
    field: str  # "" for the record as a whole
    was: Any  # the base's value when the user edited it
    base: Any  # the base's value now
    yours: Any  # the user's value, which is read

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "field": self.field or None,
            "was": self.was,
            "base": self.base,
            "yours": self.yours,
        }


def empty() -> dict[str, Any]:
    return {"format": FORMAT, "edits": {}}


def read(path: Path) -> dict[str, Any]:
    """The overlay at ``path`` (an empty one if there is none); a damaged one is exit 3,
    naming it and its backup."""
    from cnasean.store import files

    if not os.path.lexists(path):
        return empty()
    bak = path.with_name(path.name + ".bak")
    hint = f" The previous version is in {bak}." if bak.exists() else ""
    try:
        found = files.read_json(path)
    except files.FileError as exc:
        raise files.data_error(exc, f"{path} (your edits)", hint) from None
    edits = found.get("edits") if isinstance(found, dict) else None
    if not isinstance(edits, dict) or not all(
        isinstance(t, dict) and all(isinstance(e, dict) for e in t.values()) for t in edits.values()
    ):
        raise DataFileCorrupt(f"{path} (your edits) is not a cnasean overlay.{hint}")
    if found.get("format") != FORMAT:
        raise DataFileCorrupt(
            f"{path} (your edits) has format {found.get('format')!r}; this cnasean reads "
            f"format {FORMAT}. Upgrade cnasean."
        )
    return dict(found)


def count(overlay: Mapping[str, Any]) -> int:
    return sum(len(t) for t in overlay.get("edits", {}).values())


def _index(table: Mapping[str, Any]) -> dict[str, str]:
    return {
        doc["id"]: key
        for key, doc in table.items()
        if isinstance(doc, dict) and isinstance(doc.get("id"), str)
    }


def apply(tables: dict[str, Any], overlay: Mapping[str, Any]) -> dict[str, Any]:
    """The tables with the overlay applied; a table the overlay touches is a new dict and an
    edited document a new one: the base's own are never changed."""
    out = dict(tables)
    for kind, entries in overlay.get("edits", {}).items():
        if not entries:
            continue
        table = dict(out.get(kind) or {})
        index = _index(table)
        next_key = max((int(k) for k in table if k.isdigit()), default=0) + 1
        for rid, entry in entries.items():
            key = index.get(rid)
            if "add" in entry:
                doc = entry["add"]
            elif entry.get("remove"):
                if key is not None:
                    del table[key]
                continue
            elif key is not None:
                doc = {**table[key], **entry.get("set", {})}
            else:  # the base withdrew a record the user had edited: theirs is kept
                doc = entry.get("record")
            if not isinstance(doc, dict):
                continue
            if key is None:
                key, next_key = str(next_key), next_key + 1
            table[key] = doc
        out[kind] = table
    return out


def conflicts(tables: Tables, overlay: Mapping[str, Any]) -> list[Conflict]:
    """Where the base changed what the user edited since they edited it."""
    found = []
    for kind, entries in sorted(overlay.get("edits", {}).items()):
        base = {d["id"]: d for d in (tables.get(kind) or {}).values() if isinstance(d, dict)}
        for rid, entry in sorted(entries.items()):
            now = base.get(rid)
            if "add" in entry:
                if now is not None:
                    found.append(Conflict(kind, rid, "", None, now, entry["add"]))
            elif entry.get("remove"):
                if now is not None and now != entry.get("was"):
                    found.append(Conflict(kind, rid, "", entry.get("was"), now, None))
            elif now is None:
                found.append(Conflict(kind, rid, "", entry.get("was"), None, entry.get("record")))
            else:
                for field, value in sorted(entry.get("set", {}).items()):
                    was = entry.get("was", {}).get(field)
                    if now.get(field) != was:
                        found.append(Conflict(kind, rid, field, was, now.get(field), value))
    return found


def compute(base: Tables, data: Tables, previous: Mapping[str, Any]) -> dict[str, Any]:
    """The overlay that turns ``base`` into ``data``. What the user had edited before keeps
    the base value it was edited against (so a conflict stays visible) until they edit that
    field again."""
    edits: dict[str, dict[str, Any]] = {}
    before = previous.get("edits", {})
    for kind in EDITABLE:
        old = {d["id"]: d for d in (base.get(kind) or {}).values() if _has_id(d)}
        new = {d["id"]: d for d in (data.get(kind) or {}).values() if _has_id(d)}
        mine = before.get(kind, {})
        table: dict[str, Any] = {}
        for rid in sorted(old.keys() | new.keys()):
            b, d, prev = old.get(rid), new.get(rid), mine.get(rid, {})
            if b is None and d is not None:
                table[rid] = {"add": d}
            elif b is not None and d is None:
                table[rid] = {"remove": True, "was": prev.get("was", b)}
            elif b is not None and d is not None:
                fields = sorted(f for f in b.keys() | d.keys() if b.get(f) != d.get(f))
                if not fields:
                    continue
                kept_set, kept_was = prev.get("set", {}), prev.get("was", {})
                was = {
                    f: kept_was[f] if f in kept_was and kept_set.get(f) == d.get(f) else b.get(f)
                    for f in fields
                }
                table[rid] = {"set": {f: d.get(f) for f in fields}, "was": was, "record": d}
        if table:
            edits[kind] = table
    return {"format": FORMAT, "base_version": _version(base), "edits": edits}


def _has_id(doc: Any) -> bool:
    return isinstance(doc, dict) and isinstance(doc.get("id"), str)


def _version(tables: Tables) -> str | None:
    meta = next(iter((tables.get("meta") or {}).values()), None)
    return meta.get("data_version") if isinstance(meta, dict) else None


def same(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Do two overlays hold the same edits? (The base version alone is not an edit.)"""
    return bool(a.get("edits", {}) == b.get("edits", {}))


def fresh_copy(tables: Any) -> Any:
    """A copy of parsed JSON that shares nothing with it (marshal: far faster than deepcopy)."""
    import marshal

    return marshal.loads(marshal.dumps(tables))


# --- writing ----------------------------------------------------------------------------


@contextmanager
def transaction(where: Path) -> Iterator[dict[str, Any]]:
    """Change the data in use (base + overlay) under the write lock; only the difference
    from the base is written, to the overlay, and only if it changed and is valid."""
    from cnasean.store import write
    from cnasean.store.locate import base as base_of
    from cnasean.store.locate import overlay_path
    from cnasean.store.validate import validate_data

    path = overlay_path(where)
    _make_folder(where)
    with write.locked(path):
        base_path, _ = base_of(where)
        base = write.read_current(base_path)
        previous = read(path)
        data = apply(fresh_copy(base), previous)
        yield data
        problems = validate_data(data)
        if problems:
            raise write.InvalidChange(problems)
        new = compute(base, data, previous)
        if not same(new, previous):  # a write that changes nothing writes nothing
            write.write_atomic(path, new)
    from cnasean.store.read import clear_cache

    clear_cache()


def _make_folder(where: Path) -> None:
    from cnasean.store.write import WriteError, _why

    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(_why(where / "overlay.json", exc)) from None


def migrate(where: Path) -> Path | None:
    """Turn the full copy an earlier cnasean kept (``db.json``) into an overlay against the
    base, losing nothing: every difference becomes the user's edit (merged into an overlay
    already there), and the copy itself is kept as ``db.json.migrated-STAMP``. Under the
    write lock; returns where the copy was kept (None if another cnasean did it first)."""
    from cnasean.store import write
    from cnasean.store.locate import base as base_of
    from cnasean.store.locate import overlay_path, real_path

    copy = where / "db.json"
    path = overlay_path(where)
    with write.locked(path):
        if not os.path.lexists(copy):
            return None
        mine = write.read_current(real_path(copy, "user"))
        base = write.read_current(base_of(where)[0])
        previous = read(path)
        current = apply(fresh_copy(base), previous)
        user = dict(current)
        for kind in EDITABLE:  # the copy's records win over anything in an overlay
            if kind in mine:
                user[kind] = mine[kind]
        _keep_later_additions(mine, base, user)
        new = compute(base, user, previous)
        if count(new) or os.path.lexists(path):
            write.write_atomic(path, new)
        kept = write.keep_as(copy, "migrated")
    import sys

    print(
        f"Your copy of the data ({copy}) is now an overlay of {count(new)} edit(s) "
        f"on the current data ({path}); the copy is kept as {kept}.",
        file=sys.stderr,
    )
    return kept


def _keep_later_additions(mine: Tables, base: Tables, user: dict[str, Any]) -> None:
    """A copy of older packaged data lacks the records later releases added: those are not
    the user's removals (a copy of the data of 2026.11.29 would otherwise hide every figure
    added since), so they stay in what the user reads. The copy is kept whole beside the
    overlay, and nothing it holds is lost."""
    from cnasean.store.locate import version_key

    def version(data: Tables) -> str | None:
        doc = next(iter((data.get("meta") or {}).values()), None)
        found = doc.get("data_version") if isinstance(doc, dict) else None
        return found if isinstance(found, str) else None

    theirs, now = version(mine), version(base)
    if theirs is None or now is None or not version_key(theirs) < version_key(now):
        return
    for kind in EDITABLE:
        table = dict(user.get(kind) or {})
        have = {d.get("id") for d in table.values() if isinstance(d, dict)}
        for key, doc in (base.get(kind) or {}).items():
            if _has_id(doc) and doc["id"] not in have:
                table[f"{key}-{kind}-release"] = doc
        user[kind] = table


# --- reading what is in use ----------------------------------------------------------------


def in_use(db_option: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The whole data in use, read afresh (not through the parse cache): the file named, or
    the base with the user's overlay applied. For export, dry runs, validation, bundles."""
    from cnasean.store import write
    from cnasean.store.locate import locate, overlay_for

    path, origin = locate(db_option)
    data = write.read_current(path)
    mine = overlay_for(origin)
    return apply(data, read(mine)) if mine is not None else data


def status(where: Path) -> dict[str, Any]:
    """The overlay's file, how many records it edits, and its conflicts with the base."""
    from cnasean.store.locate import base as base_of
    from cnasean.store.locate import overlay_path

    path = overlay_path(where)
    if not os.path.lexists(path):
        return {"overlay": None, "edits": 0, "conflicts": []}
    from cnasean.store import write  # only with edits to compare: it imports TinyDB

    mine = read(path)
    base = write.read_current(base_of(where)[0])
    return {"overlay": str(path), "edits": count(mine), "conflicts": conflicts(base, mine)}
