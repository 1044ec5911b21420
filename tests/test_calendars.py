"""Calendars (``events -f ics``, ``visa --history -f ics``) and the Atom feed writer."""

from __future__ import annotations

import datetime as dt
import sys
import xml.etree.ElementTree as ET
from typing import Any

import pytest

icalendar = pytest.importorskip("icalendar")


def _events(text: str) -> list[Any]:
    cal = icalendar.Calendar.from_ical(text)
    assert cal["version"] == "2.0" and "cnasean" in str(cal["prodid"])
    return list(cal.walk("VEVENT"))


def test_events_calendar(cli: Any) -> None:
    r = cli("events", "-f", "ics")
    assert r.returncode == 0, r.stderr
    events = _events(r.stdout)
    j = cli("events", "--json")
    records = {e["id"]: e for e in __import__("json").loads(j.stdout)}
    full = {k: v for k, v in records.items() if len(v["date"]) == 10}
    assert len(events) == len(full) and len(full) < len(records)
    assert f"{len(records) - len(full)} events dated only to a month" in r.stderr
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert {u.removesuffix("@cnasean") for u in uids} == set(full)
    for e in events:
        rec = full[str(e["uid"]).removesuffix("@cnasean")]
        start = e["dtstart"].dt
        assert type(start) is dt.date  # all day, not a time
        assert start.isoformat() == rec["date"]
        assert e["dtend"].dt > start
        assert "Sources:" in str(e["description"]) and "http" in str(e["description"])
        assert str(e["url"]).startswith("http")
    assert r.stdout == cli("events", "-f", "ics").stdout  # the same file each run


def test_a_multi_day_event_spans_its_days(cli: Any) -> None:
    import json

    multi = [e for e in json.loads(cli("events", "--json").stdout) if e["date_end"]]
    if not multi:
        pytest.skip("no multi-day event in the data")
    e = multi[0]
    events = {str(x["uid"]): x for x in _events(cli("events", "-f", "ics").stdout)}
    ev = events.get(f"{e['id']}@cnasean")
    if ev is None:
        pytest.skip("the multi-day event has no full date")
    end = dt.date.fromisoformat(e["date_end"]) + dt.timedelta(days=1)
    assert ev["dtend"].dt == end  # iCalendar's end is the day after the last


def test_visa_history_calendar_has_starts_and_ends(cli: Any) -> None:
    import json

    r = cli("visa", "--country", "laos", "--history", "-f", "ics")
    assert r.returncode == 0, r.stderr
    events = {str(e["uid"]): e for e in _events(r.stdout)}
    rules = json.loads(cli("visa", "--country", "laos", "--history", "--json").stdout)
    starts = {f"{x['id']}-start@cnasean": x for x in rules if x["effective_from"]}
    ends = {f"{x['id']}-end@cnasean": x for x in rules if x["effective_to"]}
    assert set(events) == set(starts) | set(ends) and ends
    for uid, rule in starts.items():
        assert events[uid]["dtstart"].dt.isoformat() == rule["effective_from"]
        assert "comes into force" in str(events[uid]["summary"])
    for uid, rule in ends.items():
        assert events[uid]["dtstart"].dt.isoformat() == rule["effective_to"]
        assert "last day in force" in str(events[uid]["summary"])


def test_ics_elsewhere_is_a_usage_error(cli: Any) -> None:
    r = cli("trade", "-f", "ics")
    assert r.returncode == 2 and "-f ics is for cnasean events and cnasean visa" in r.stderr
    assert r.stdout == ""


def test_without_icalendar_it_says_which_extra(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)
    r = cli("events", "-f", "ics")
    assert r.returncode == 2 and r.stdout == ""
    assert "pip install 'cnasean[calendar]'" in r.stderr


# --- Atom ----------------------------------------------------------------------------------

ATOM = "{http://www.w3.org/2005/Atom}"
CHANGES = [
    {
        "kind": "visa",
        "id": "visa-cn-th-mutual-2024",
        "field": "max_stay_days",
        "old": 30,
        "new": 60,
        "date": "2026-11-29",
        "version": "2026.11.29",
    },
    {
        "kind": "trade",
        "id": "cn-asean-total-2025-cny",
        "field": "value",
        "old": None,
        "new": 7550000000000,
        "date": "2026-12-01",
        "version": "2026.12.01",
    },
    {
        "kind": "events",
        "id": "e/1 & <x>",
        "field": "title",
        "old": "a\x01b",
        "new": {"zh": "中老铁路"},
        "date": "2026-10-01",
        "version": "2026.10.01",
    },
]


def test_atom_feed_is_valid_and_newest_first() -> None:
    from cnasean.output.atom import atom_feed, entry_id

    text = atom_feed(CHANGES, link="https://example.org/cnasean")
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert root.findtext(f"{ATOM}updated") == "2026-12-01T00:00:00Z"
    assert root.findtext(f"{ATOM}id") and root.find(f"{ATOM}author/{ATOM}name") is not None
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}updated")[:10] for e in entries] == [
        "2026-12-01",
        "2026-11-29",
        "2026-10-01",
    ]
    first = entries[0]
    assert first.findtext(f"{ATOM}id") == entry_id(CHANGES[1])
    assert first.findtext(f"{ATOM}title") == "trade cn-asean-total-2025-cny: value changed"
    assert "(none) → 7550000000000" in first.findtext(f"{ATOM}content")
    assert first.find(f"{ATOM}category").get("term") == "trade"
    odd = entries[2]
    assert "e/1 & <x>" in odd.findtext(f"{ATOM}title")  # escaped, then read back
    assert "a\ufffdb" in odd.findtext(f"{ATOM}content") and "中老铁路" in text
    assert len({e.findtext(f"{ATOM}id") for e in entries}) == 3
    assert atom_feed(CHANGES) == atom_feed(list(reversed(CHANGES)))


def test_atom_entry_ids_are_stable_urns() -> None:
    from cnasean.output.atom import entry_id

    assert entry_id(CHANGES[0]) == (
        "urn:cnasean:change:2026.11.29:visa:visa-cn-th-mutual-2024:max_stay_days"
    )
    assert (
        entry_id(CHANGES[2]) == "urn:cnasean:change:2026.10.01:events:e%2F1%20%26%20%3Cx%3E:title"
    )


def test_atom_empty_feed_and_bad_change() -> None:
    from cnasean.output.atom import atom_feed

    root = ET.fromstring(atom_feed([]).encode())
    assert root.findall(f"{ATOM}entry") == [] and root.findtext(f"{ATOM}updated")
    with pytest.raises(ValueError, match="change 0 has no version"):
        atom_feed([{k: v for k, v in CHANGES[0].items() if k != "version"}])
