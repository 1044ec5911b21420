"""Is the data in use older than its review period? One line for people, on stderr.

The periods are in the data's meta (``review_days``): visa rules 90 days from the data's
``as_of``, events and projects 180; trade 45 days after the month a release is due (the
figures for the month after the newest one are due by the end of the month after that).
Only the packaged or installed data is judged (the advice is ``cnasean db update``), and
only the kinds a command read."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cnasean.store.read import Store

ORDER = ("visa", "trade", "infrastructure", "events")
WORDS = {"visa": "visa rules", "infrastructure": "projects", "events": "events"}


def _month_end(day: dt.date, months: int) -> dt.date:
    """The last day of the month ``months`` after ``day``'s."""
    y, m = divmod(day.month - 1 + months + 1, 12)
    return dt.date(day.year + y, m + 1, 1) - dt.timedelta(days=1)


def _review(store: Store) -> tuple[dict[str, Any], dt.date] | None:
    doc = next(iter(store.tables.get("meta", {}).values()), None)
    if not isinstance(doc, dict) or not isinstance(doc.get("review_days"), dict):
        return None
    try:
        return doc["review_days"], dt.date.fromisoformat(str(doc.get("as_of")))
    except ValueError:
        return None


def stale_line(store: Store, kinds: list[str] | set[str], today: dt.date) -> str | None:
    """The one line to say, or None when everything read is within its review period."""
    if store.origin not in ("packaged", "installed"):
        return None
    found = _review(store)
    if found is None:
        return None
    review, as_of = found
    late = []
    for kind in ORDER:
        days = review.get(kind)
        if kind not in kinds or not isinstance(days, int) or isinstance(days, bool):
            continue
        if kind == "trade":
            from cnasean.store.index import NEWEST_TRADE, newest_end

            # Kept beside the tables in the parse cache: a query that read a slice of the
            # trade table is not made to unpack all of it here.
            end = store.tables.part(NEWEST_TRADE, str)
            if end is None:
                end = newest_end(store.tables.get("trade", {})) or ""
            try:
                newest = dt.date.fromisoformat(end) if end else None
            except ValueError:
                newest = None
            if newest is None:
                continue
            due = _month_end(newest, 2) + dt.timedelta(days=days)
            if today > due:
                late.append(
                    f"trade figures end in {newest:%Y-%m} (newer ones were due by "
                    f"{due.isoformat()})"
                )
        elif today > as_of + dt.timedelta(days=days):
            late.append(f"{WORDS[kind]} as of {as_of.isoformat()} are past their {days}-day review")
    if not late:
        return None
    return (
        "The data may be out of date: " + "; ".join(late) + ". Newer data: cnasean db update "
        "FILE|URL (see cnasean db info)."
    )


def notice(today: dt.date | None = None) -> str | None:
    """The line for this run: the stores it opened, the kinds it read (once per run)."""
    from cnasean.store import read

    for store in list(read._cache.values()):
        line = stale_line(store, sorted(store.tables.asked()), today or dt.date.today())
        if line:
            return line
    return None
