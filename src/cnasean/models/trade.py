"""Trade figures: one record per figure per source family."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from cnasean.models.record import (
    CONFIDENCE,
    CURRENCIES,
    FLOWS,
    PARTIES,
    PERIOD_KINDS,
    QUALIFIERS,
    ReaderClass,
    Record,
    _Reader,
)


class TradeRecord(Record):
    table: ClassVar[str] = "trade"
    id: str
    reporter: str
    partner: str
    flow: str
    period: str
    period_start: dt.date
    period_end: dt.date
    value: int | float | None
    currency: str | None
    yoy_pct: int | float | None
    share_pct: int | float | None
    derived: dict[str, Any] | None
    note: str | None
    sources: tuple[str, ...]
    period_kind: str
    qualifier: str | None
    confidence: str
    last_verified: dt.date

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], reader: ReaderClass = _Reader) -> TradeRecord:
        r = reader("trade", doc)
        start, end = r.req_date("period_start"), r.req_date("period_end")
        if end < start:
            r.problem("period_end", "is before period_start")
        value = r.number("value")
        currency = r.text("currency", optional=True, choices=CURRENCIES)
        if value is not None and currency is None:
            r.problem("currency", "is needed when value is set")
        derived = r.obj("derived")
        if derived is not None and not isinstance(derived.get("method"), str):
            r.problem("derived", "must say its method")
        return cls(
            id=r.req_str("id"),
            reporter=r.req_str("reporter", PARTIES),
            partner=r.req_str("partner", PARTIES),
            flow=r.req_str("flow", FLOWS),
            period=r.req_str("period"),
            period_start=start,
            period_end=end,
            value=value,
            currency=currency,
            yoy_pct=r.number("yoy_pct"),
            share_pct=r.number("share_pct"),
            derived=derived,
            note=r.text("note", optional=True),
            sources=r.sources(),
            period_kind=r.req_str("period_kind", PERIOD_KINDS),
            qualifier=r.text("qualifier", optional=True, choices=QUALIFIERS),
            confidence=r.req_str("confidence", CONFIDENCE),
            last_verified=r.req_date("last_verified"),
        )
