"""An Atom feed (RFC 4287) of changes to the data, for feed readers: one entry per changed
field. The writer for ``-f atom`` of ``cnasean changes``; standard library only.

A change is a dict with ``kind``, ``id``, ``field``, ``old``, ``new``, ``date`` (ISO date of
the data version) and ``version``. Entry ids are URNs made of those, so an entry keeps its id
from one run to the next and a reader shows each change once.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

NS = "http://www.w3.org/2005/Atom"
KEYS = ("kind", "id", "field", "old", "new", "date", "version")
FEED_ID = "urn:cnasean:changes"
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _time(value: Any) -> str:
    """An RFC 3339 time from an ISO date or date-time (a date is midnight UTC)."""
    if isinstance(value, dt.datetime):
        stamp = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    else:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
        stamp = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)
    return stamp.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def entry_id(change: Mapping[str, Any]) -> str:
    """The change's stable id: ``urn:cnasean:change:VERSION:KIND:ID:FIELD``."""
    parts = (change["version"], change["kind"], change["id"], change["field"])
    return "urn:cnasean:change:" + ":".join(quote(str(p), safe="") for p in parts)


def _check(changes: Sequence[Mapping[str, Any]]) -> None:
    for i, change in enumerate(changes):
        missing = [k for k in KEYS if k not in change]
        if missing:
            raise ValueError(f"change {i} has no {', '.join(missing)}")


def atom_feed(
    changes: Sequence[Mapping[str, Any]],
    *,
    title: str = "cnasean: changes to the China–ASEAN data",
    link: str | None = None,
    updated: str | dt.date | None = None,
) -> str:
    """The feed as XML text, newest change first. ``updated`` defaults to the newest
    change's date (or 1970-01-01 for an empty feed, which Atom still needs)."""
    import xml.etree.ElementTree as ET

    _check(changes)
    ordered = sorted(changes, key=lambda c: (_time(c["date"]), str(c["version"])), reverse=True)
    newest = updated or (ordered[0]["date"] if ordered else dt.date(1970, 1, 1))
    ET.register_namespace("", NS)
    feed = ET.Element(f"{{{NS}}}feed")

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{NS}}}{tag}", attrs)
        if text is not None:
            el.text = _XML_INVALID.sub("\ufffd", text)  # XML 1.0 cannot hold them at all
        return el

    sub(feed, "id", FEED_ID)
    sub(feed, "title", title)
    sub(feed, "updated", _time(newest))
    author = sub(feed, "author")
    sub(author, "name", "cnasean")
    sub(feed, "generator", "cnasean")
    if link:
        sub(feed, "link", href=link)
    for c in ordered:
        entry = sub(feed, "entry")
        sub(entry, "id", entry_id(c))
        sub(entry, "title", f"{c['kind']} {c['id']}: {c['field']} changed")
        sub(entry, "updated", _time(c["date"]))
        sub(entry, "category", term=str(c["kind"]))
        body = (
            f"{c['field']} of {c['kind']} record {c['id']}, data version {c['version']}: "
            f"{_shown(c['old'])} → {_shown(c['new'])}"
        )
        sub(entry, "content", body, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"
