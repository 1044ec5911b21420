"""Calendars (``events -f ics``, ``visa --history -f ics``): iCalendar that calendar programs
import, written with the ``icalendar`` library (an optional extra, ``cnasean[calendar]``,
imported only here).

Each fact is an all-day event with a UID made from its record id, so importing the file
again updates the events instead of doubling them; the description holds the note and each
source with its URL. The file is the same from run to run: the time stamp is the data's
as-of date, not the clock. An event dated only to a month or a year has no day to put in a
calendar and is left out (the command says how many).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cnasean.errors import UsageError

if TYPE_CHECKING:
    from cnasean.models import Event, Meta, Source, VisaRule

DOMAIN = "cnasean"  # UIDs are "<record id>@cnasean": stable, and unique to this data


def _icalendar() -> Any:
    try:
        import icalendar
    except ImportError:
        raise UsageError(
            "Calendars need icalendar, an optional extra: pip install 'cnasean[calendar]'."
        ) from None
    return icalendar


def check_ready() -> None:
    """icalendar installed, before anything is written."""
    _icalendar()


def _calendar(ical: Any, name: str, meta: Meta) -> Any:
    from cnasean._version import __version__

    cal = ical.Calendar()
    cal.add("prodid", f"-//cnasean//cnasean {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", f"cnasean data {meta.data_version}, as of {meta.as_of.isoformat()}")
    return cal


def _description(note: str | None, ids: Sequence[str], sources: Mapping[str, Source]) -> str:
    lines = [note] if note else []
    lines.append("Sources:")
    for sid in ids:
        s = sources.get(sid)
        if s is None:
            continue
        title = f" “{s.title}”" if s.title else ""
        when = f", {s.published}" if s.published else ""
        lines.append(f"- {s.publisher}{title}{when}: {s.url} (accessed {s.retrieved})")
    return "\n".join(lines)


def _event(
    ical: Any,
    uid: str,
    summary: str,
    start: dt.date,
    end: dt.date,
    description: str,
    url: str | None,
    stamp: dt.datetime,
) -> Any:
    """An all-day event from ``start`` to ``end`` inclusive (iCalendar's end is exclusive)."""
    ev = ical.Event()
    ev.add("uid", f"{uid}@{DOMAIN}")
    ev.add("dtstamp", stamp)
    ev.add("summary", summary)
    ev.add("dtstart", start)
    ev.add("dtend", end + dt.timedelta(days=1))
    ev.add("transp", "TRANSPARENT")  # a fact on a day, not time the user is busy
    ev.add("description", description)
    if url:
        ev.add("url", url)
    return ev


def _stamp(meta: Meta) -> dt.datetime:
    return dt.datetime.combine(meta.as_of, dt.time(0, 0), tzinfo=dt.timezone.utc)


def _day(text: str | None) -> dt.date | None:
    if text is None or len(text) != 10:
        return None
    return dt.date.fromisoformat(text)


def events_calendar(
    events: Sequence[Event], sources: Mapping[str, Source], meta: Meta
) -> tuple[str, int]:
    """The events with a full date as a calendar, and how many had only a month or year."""
    ical = _icalendar()
    cal = _calendar(ical, "China–ASEAN events (cnasean)", meta)
    stamp, skipped = _stamp(meta), 0
    for e in events:
        start = _day(e.date)
        if start is None:
            skipped += 1
            continue
        end = _day(e.date_end) or start
        url = sources[e.sources[0]].url if e.sources and e.sources[0] in sources else None
        ev = _event(
            ical,
            e.id,
            e.title,
            start,
            max(end, start),
            _description(e.note, e.sources, sources),
            url,
            stamp,
        )
        ev.add("categories", [e.category])
        if e.place:
            ev.add("location", e.place)
        cal.add_component(ev)
    return cal.to_ical().decode("utf-8"), skipped


def visa_calendar(
    rules: Sequence[VisaRule], sources: Mapping[str, Source], meta: Meta
) -> tuple[str, int]:
    """Each rule's first day in force and its last (where the data has them) as all-day
    events; the count of rules with neither."""
    from cnasean.text import REGIME_LABELS

    ical = _icalendar()
    cal = _calendar(ical, "China–ASEAN visa rules (cnasean)", meta)
    stamp, skipped = _stamp(meta), 0
    for r in rules:
        regime = str(REGIME_LABELS.get(r.regime, r.regime.replace("_", " ")))
        stay = f", up to {r.max_stay_days} days" if r.max_stay_days else ""
        what = f"{r.passport}→{r.destination} {regime}{stay}"
        text = _description(r.note, r.sources, sources)
        url = sources[r.sources[0]].url if r.sources and r.sources[0] in sources else None
        days = [("start", "comes into force", r.effective_from)]
        days.append(("end", "last day in force", r.effective_to))
        if not any(day for _, _, day in days):
            skipped += 1
        for tag, words, day in days:
            if day is not None:
                summary = f"Visa: {what}: {words}"
                cal.add_component(
                    _event(ical, f"{r.id}-{tag}", summary, day, day, text, url, stamp)
                )
    return cal.to_ical().decode("utf-8"), skipped
