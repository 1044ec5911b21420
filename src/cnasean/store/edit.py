"""Changing the facts: add, set, remove a record, merge an import.

Everything here works on a parsed data file (a dict of TinyDB tables, each a dict of
documents by number); ``write.transaction`` does the locking and the safe write around it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cnasean.errors import UnknownRecord, UsageError
from cnasean.models import KINDS, Source, record_class
from cnasean.store.exchange import TABLES, Change, changed_fields

__all__ = [
    "TABLES",
    "Change",
    "add",
    "derive",
    "find",
    "merge",
    "parse_value",
    "remove",
    "set_field",
]


# --- one record at a time ------------------------------------------------------------------


def _table(data: dict[str, Any], kind: str) -> dict[str, Any]:
    if kind not in TABLES:
        raise UsageError(f"Unknown kind {kind!r}. Choose from: {', '.join(TABLES)}.")
    table: dict[str, Any] = data.setdefault(kind, {})
    return table


def find(data: dict[str, Any], record_id: str) -> tuple[str, str, dict[str, Any]]:
    """(kind, document number, record) for an id in any table."""
    for kind in TABLES:
        for key, doc in (data.get(kind) or {}).items():
            if isinstance(doc, dict) and doc.get("id") == record_id:
                return kind, key, doc
    raise UnknownRecord(f"No record has the id {record_id!r}. Find ids with: cnasean search WORDS.")


def derive(kind: str, doc: dict[str, Any], today: Any) -> list[str]:
    """Fill what a new record's other fields give: a trade figure's ``period_start``,
    ``period_end`` and ``period_kind`` from its ``period`` (2025, 2025-Q3, 2025-01..2025-09),
    and ``last_verified`` today for a fact. Never a field that is given. The names of the
    fields filled, for the user to be told."""
    filled = []
    if kind == "trade" and isinstance(doc.get("period"), str):
        from cnasean.dates import parse_period

        try:
            period = parse_period(doc["period"])
        except UsageError:
            period = None  # the check of the record says what is wrong with it
        if period is not None:
            kinds = {"year": "year", "quarter": "quarter", "half": "half", "month": "month"}
            derived = {
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
                "period_kind": kinds.get(period.kind, "ytd" if period.kind == "ytd" else None),
            }
            for field, value in derived.items():
                if value is not None and field not in doc:
                    doc[field] = value
                    filled.append(field)
    if kind in KINDS and "last_verified" not in doc:
        doc["last_verified"] = today.isoformat()
        filled.append("last_verified")
    return filled


def add(data: dict[str, Any], kind: str, doc: dict[str, Any]) -> None:
    """Add a record; its id must be new and it must cite a source."""
    table = _table(data, kind)
    if not isinstance(doc, dict) or not doc.get("id"):
        raise UsageError("A record is a JSON object with an id.")
    if kind != "sources" and not doc.get("sources"):
        raise UsageError(f'Refused: {doc["id"]} cites no source. Add "sources": ["ID", ...].')
    try:
        find(data, doc["id"])
    except UnknownRecord:
        pass
    else:
        raise UsageError(f"A record with the id {doc['id']!r} exists; use db set or db import.")
    table[str(max((int(k) for k in table), default=0) + 1)] = doc


def parse_value(text: str) -> Any:
    """A value typed on the command line: JSON when it parses (numbers, null, lists,
    objects, true/false, quoted strings), otherwise the text itself; but JSON with a key
    twice or nested too deeply is refused (``UsageError``), never read in part."""
    from cnasean.store import files

    try:
        return files.parse(text)
    except (files.DuplicateKey, files.TooDeep) as exc:
        raise files.input_error(exc, "The value") from None
    except files.FileError:
        return text


def set_field(data: dict[str, Any], record_id: str, field: str, value: Any) -> tuple[Any, Any]:
    """Set one field of a record; returns (old, new)."""
    kind, _, doc = find(data, record_id)
    if field == "id":
        raise UsageError("Ids do not change: remove the record and add it again.")
    known = set((record_class(kind) if kind != "sources" else Source).field_names())
    if field not in known:
        raise UsageError(
            f"{kind} records have no field {field!r}. Fields: {', '.join(sorted(known))}."
        )
    if field == "sources" and not value:
        raise UsageError("Refused: a fact must cite at least one source.")
    old = doc.get(field)
    doc[field] = value
    return old, value


def remove(data: dict[str, Any], record_id: str) -> str:
    """Remove a record; a source that facts still cite is not removed."""
    kind, key, _ = find(data, record_id)
    if kind == "sources":
        from cnasean.store.validate import cited

        users = [
            d.get("id")
            for k in KINDS
            for d in (data.get(k) or {}).values()
            if isinstance(d, dict) and record_id in cited(d)
        ]
        if users:
            raise UsageError(
                f"Source {record_id} is cited by {', '.join(map(str, users[:5]))}; "
                "remove or change those first."
            )
    del data[kind][key]
    return kind


# --- import ---------------------------------------------------------------------------


def merge(data: dict[str, Any], records: Iterable[tuple[str, dict[str, Any]]]) -> list[Change]:
    """Add new records and replace changed ones (matched by id); report each."""
    changes = []
    for kind, doc in records:
        rid = str(doc.get("id"))
        try:
            found_kind, key, old = find(data, rid)
        except UnknownRecord:
            table = _table(data, kind)
            table[str(max((int(k) for k in table), default=0) + 1)] = doc
            changes.append(Change(kind, rid, "added"))
            continue
        if found_kind != kind:
            raise UsageError(f"{rid} is a {found_kind} record in the data, not {kind}.")
        fields = changed_fields(old, doc)
        if fields:
            data[kind][key] = doc
            changes.append(Change(kind, rid, "changed", fields))
        else:
            changes.append(Change(kind, rid, "unchanged"))
    return changes
