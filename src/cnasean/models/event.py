"""Dated events between China and ASEAN: agreements, summits, expos, accessions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from cnasean.models.project import zh_name
from cnasean.models.record import (
    CONFIDENCE,
    EVENT_CATEGORIES,
    PARTIES,
    ReaderClass,
    Record,
    _Reader,
)


class Event(Record):
    table: ClassVar[str] = "events"
    id: str
    date: str
    title: str
    category: str
    countries: tuple[str, ...]
    note: str | None
    sources: tuple[str, ...]
    date_end: str | None
    place: str | None
    confidence: str
    last_verified: dt.date
    title_zh: str | None
    zh_sources: tuple[str, ...]
    zh_note: str | None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], reader: ReaderClass = _Reader) -> Event:
        r = reader("events", doc)
        day = r.partial_date("date", optional=False)
        assert day is not None
        return cls(
            id=r.req_str("id"),
            date=day,
            title=r.req_str("title"),
            category=r.req_str("category", EVENT_CATEGORIES),
            countries=r.strs("countries", optional=False, choices=PARTIES, nonempty=True),
            note=r.text("note", optional=True),
            sources=r.sources(),
            date_end=r.partial_date("date_end"),
            place=r.text("place", optional=True),
            confidence=r.req_str("confidence", CONFIDENCE),
            last_verified=r.req_date("last_verified"),
            **zh_name(r, "title_zh"),
        )
