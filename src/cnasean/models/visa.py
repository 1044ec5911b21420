"""Visa rules: one record per rule, per direction, with the days it was in force."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from cnasean.models.record import (
    CONFIDENCE,
    PARTIES,
    PURPOSES,
    REGIMES,
    ReaderClass,
    Record,
    _Reader,
)


class CumulativeLimit(Record):
    days: int
    window_days: int


class VisaRule(Record):
    table: ClassVar[str] = "visa"
    id: str
    passport: str
    destination: str
    regime: str
    visa_free: bool
    max_stay_days: int | None
    cumulative_limit: CumulativeLimit | None
    effective_from: dt.date | None
    effective_to: dt.date | None
    purposes: tuple[str, ...]
    conditions: tuple[str, ...]
    note: str | None
    sources: tuple[str, ...]
    last_verified: dt.date
    name: str | None
    region: str | None
    confidence: str

    def in_force(self, day: dt.date) -> bool:
        """True if the rule applies on ``day`` (both ends inclusive; None is open)."""
        if self.effective_from is not None and day < self.effective_from:
            return False
        return self.effective_to is None or day <= self.effective_to

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], reader: ReaderClass = _Reader) -> VisaRule:
        r = reader("visa", doc)
        limit = r.obj("cumulative_limit")
        cumulative = None
        if limit is not None:
            lr = type(r)("visa", {**limit, "id": r.id})
            days, window = (
                lr.integer("days", optional=False),
                lr.integer("window_days", optional=False),
            )
            assert days is not None and window is not None
            cumulative = CumulativeLimit(days, window)
        start, end = r.date("effective_from", optional=True), r.date("effective_to", optional=True)
        if start and end and end < start:
            r.problem("effective_to", "is before effective_from")
        passport, destination = r.req_str("passport", PARTIES), r.req_str("destination", PARTIES)
        if "CN" not in (passport, destination) or passport == destination:
            r.problem("destination", "and passport must be China and one ASEAN member")
        return cls(
            id=r.req_str("id"),
            passport=passport,
            destination=destination,
            regime=r.req_str("regime", REGIMES),
            visa_free=r.flag("visa_free"),
            max_stay_days=r.integer("max_stay_days"),
            cumulative_limit=cumulative,
            effective_from=start,
            effective_to=end,
            purposes=r.strs("purposes", choices=PURPOSES),
            conditions=r.strs("conditions"),
            note=r.text("note", optional=True),
            sources=r.sources(),
            last_verified=r.req_date("last_verified"),
            name=r.text("name", optional=True),
            region=r.text("region", optional=True),
            confidence=r.req_str("confidence", CONFIDENCE),
        )
