"""What changed between two versions of the data, for people: the changelog each bundle
carries, in the shape of tzdata's NEWS.

Each change is one field of one record (``kind, id, field, old, new``), or a record added or
withdrawn, filed under one section:

- ``future``: rules and events that start or end on the release date or later (a visa rule
  whose ``effective_from`` or ``effective_to``, old or new, is not before it; an event dated
  then or later);
- ``history``: corrections to history, a past date or figure revised;
- ``sources``: sources new and withdrawn;
- ``records``: other records added or withdrawn;
- ``other``: anything else (a note reworded on a past fact, a country's names).

``briefly`` sums them up in one line.
"""

from __future__ import annotations

from typing import Any

from cnasean.store.exchange import TABLES, records_of

SECTIONS = {
    "future": "Changes to rules and events from the release date on",
    "history": "Corrections to history",
    "sources": "Sources",
    "records": "Records added and withdrawn",
    "other": "Other changes",
}
# Fields that are a date or a figure: changed on a past fact, a correction to history.
HISTORY_FIELDS = frozenset(
    {
        "value",
        "yoy_pct",
        "share_pct",
        "period",
        "period_start",
        "period_end",
        "date",
        "effective_from",
        "effective_to",
        "max_stay_days",
        "cumulative_limit",
        "length_km",
        "cost_usd",
        "construction_start",
        "opened",
        "design_speed_kmh",
        "status",
        "regime",
        "visa_free",
        "passport",
        "destination",
        "currency",
        "flow",
        "reporter",
        "partner",
    }
)


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    docs = records_of(data, "meta") if data.get("meta") else []
    return docs[0] if docs and isinstance(docs[0], dict) else {}


def _future(kind: str, docs: list[dict[str, Any] | None], today: str) -> bool:
    for doc in docs:
        if doc is None:
            continue
        if kind == "visa":
            ends = [doc.get("effective_from"), doc.get("effective_to")]
        elif kind == "events":
            ends = [doc.get("date")]
        else:
            ends = []
        if any(isinstance(d, str) and d >= today for d in ends):
            return True
    return False


def _title(doc: dict[str, Any]) -> Any:
    for field in ("title", "name", "publisher", "note"):
        if doc.get(field):
            return doc[field]
    return None


def changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """The changelog from ``old`` to ``new``: versions, dates, a one-line summary and each
    change with its section."""
    today = str(_meta(new).get("as_of") or "")
    out: list[dict[str, Any]] = []
    for kind in TABLES:
        before = {d["id"]: d for d in records_of(old, kind) if isinstance(d, dict) and "id" in d}
        after = {d["id"]: d for d in records_of(new, kind) if isinstance(d, dict) and "id" in d}
        for rid in sorted(before.keys() | after.keys()):
            a, b = before.get(rid), after.get(rid)
            if a == b:
                continue
            future = _future(kind, [a, b], today)
            if a is None or b is None:
                change = "added" if a is None else "withdrawn"
                section = "sources" if kind == "sources" else ("future" if future else "records")
                if a is None:
                    out.append(_one(section, kind, rid, change, None, None, _title(b or {})))
                else:
                    out.append(_one(section, kind, rid, change, None, _title(a), None))
                continue
            for field in sorted(f for f in a.keys() | b.keys() if a.get(f) != b.get(f)):
                if future:
                    section = "future"
                elif kind != "sources" and field in HISTORY_FIELDS:
                    section = "history"
                else:
                    section = "other"
                out.append(_one(section, kind, rid, "changed", field, a.get(field), b.get(field)))
    return {
        "data_version": _meta(new).get("data_version"),
        "as_of": _meta(new).get("as_of"),
        "previous_version": _meta(old).get("data_version"),
        "briefly": briefly(out),
        "changes": out,
    }


def _one(
    section: str, kind: str, rid: str, change: str, field: str | None, old: Any, new: Any
) -> dict[str, Any]:
    return {
        "section": section,
        "change": change,
        "kind": kind,
        "id": rid,
        "field": field,
        "old": old,
        "new": new,
    }


def briefly(found: list[dict[str, Any]]) -> str:
    """One line: how many changes of each section."""
    if not found:
        return "No changes."
    parts = []
    future = {(c["kind"], c["id"]) for c in found if c["section"] == "future"}
    if future:
        parts.append(f"{len(future)} rule(s) or event(s) starting or ending from the release on")
    history = {(c["kind"], c["id"]) for c in found if c["section"] == "history"}
    if history:
        parts.append(f"{len(history)} correction(s) to history")
    new = sum(c["kind"] == "sources" and c["change"] == "added" for c in found)
    gone = sum(c["kind"] == "sources" and c["change"] == "withdrawn" for c in found)
    if new or gone:
        parts.append(f"{new} new and {gone} withdrawn source(s)")
    records = {(c["kind"], c["id"]) for c in found if c["section"] == "records"}
    if records:
        parts.append(f"{len(records)} record(s) added or withdrawn")
    other = {(c["kind"], c["id"]) for c in found if c["section"] == "other"}
    if other:
        parts.append(f"{len(other)} other record(s) changed")
    return "; ".join(parts) + "."


def news(log: dict[str, Any]) -> str:
    """The changelog as text, tzdata NEWS style."""
    lines = [
        f"Release {log.get('data_version')} - {log.get('as_of')}"
        + (f" (after {log['previous_version']})" if log.get("previous_version") else ""),
        "",
        "  Briefly:",
        f"    {log.get('briefly')}",
    ]
    for section, heading in SECTIONS.items():
        found = [c for c in log.get("changes", []) if c.get("section") == section]
        if not found:
            continue
        lines += ["", f"  {heading}:"]
        for c in found:
            if c["change"] == "changed":
                was, now = c["old"], c["new"]
                lines.append(f"    {c['kind']} {c['id']}: {c['field']} {was!r} -> {now!r}")
            else:
                lines.append(f"    {c['change']}: {c['kind']} {c['id']} ({c['new'] or c['old']})")
    return "\n".join(lines) + "\n"
