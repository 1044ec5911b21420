"""Dated events between China and ASEAN: agreements, summits, expos, accessions."""

from __future__ import annotations

from cnasean import countries
from cnasean.dates import parse_period
from cnasean.models import EVENT_CATEGORIES, Event
from cnasean.query.filters import choice, day_key
from cnasean.query.sources import DbPath
from cnasean.store.read import open_store


def events(
    *,
    since: str | None = None,
    until: str | None = None,
    category: str | None = None,
    country: str | None = None,
    text: str | None = None,
    db: DbPath = None,
) -> list[Event]:
    """Events in date order. ``since``/``until`` take any period (``2025``, ``2025-10``,
    ``2025-10-28``) and keep events from its start / up to its end. ``country`` keeps events
    naming that member (or ``ASEAN`` for bloc-wide ones). ``text`` keeps events whose title,
    Chinese title, place or note (English or Chinese) hold every word of it, as
    ``query.words`` matches them (``expo``, ``博览会``, ``summit 2025``)."""
    lo = parse_period(since).start.isoformat() if since else None
    hi = parse_period(until).end.isoformat() if until else None
    if lo and hi and hi < lo:
        from cnasean.errors import BadDate

        raise BadDate(f"--until {until} is before --since {since}.")
    cat = choice(category, EVENT_CATEGORIES, "category")
    code = None
    if country:
        code = countries.BLOC if countries.is_bloc(country) else countries.lookup(country).code
    words = None
    if text is not None:
        # Loaded only when words are given: a plain listing does not pay for it.
        from cnasean.query.words import Words

        words = Words(text)
    out = []
    for e in open_store(db).records("events"):
        first, last = day_key(e.date), day_key(e.date_end or e.date, end=True)
        if lo and last < lo:
            continue
        if hi and first > hi:
            continue
        if cat and e.category != cat:
            continue
        if code and code not in e.countries:
            continue
        if words and not words.held_by(e.title, e.title_zh, e.place, e.note, e.zh_note):
            continue
        out.append(e)
    out.sort(key=lambda e: (day_key(e.date), e.id))
    return out
