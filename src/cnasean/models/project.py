"""Infrastructure projects, with dated metrics and conflicting figures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from cnasean.models.record import (
    CONFIDENCE,
    PARTIES,
    PROJECT_TYPES,
    QUALIFIERS,
    STATUSES,
    ReaderClass,
    Record,
    _Reader,
)


class Metric(Record):
    metric: str
    value: int | float | None
    unit: str | None
    qualifier: str | None
    as_of: str | None
    sources: tuple[str, ...]
    note: str | None

    @classmethod
    def read(cls, r: _Reader) -> Metric:
        return cls(
            metric=r.req_str("metric"),
            value=r.number("value"),
            unit=r.text("unit", optional=True),
            qualifier=r.text("qualifier", optional=True, choices=QUALIFIERS),
            as_of=r.partial_date("as_of"),
            sources=r.sources(),
            note=r.text("note", optional=True),
        )


class Alternative(Record):
    field: str
    value: int | float | str | None
    qualifier: str | None
    sources: tuple[str, ...]
    note: str | None

    @classmethod
    def read(cls, r: _Reader) -> Alternative:
        value = r.get("value", True)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, (int, float, str))
        ):
            r.problem("value", "must be a number, a string or null")
        return cls(
            field=r.req_str("field"),
            value=value,
            qualifier=r.text("qualifier", optional=True, choices=QUALIFIERS),
            sources=r.sources(),
            note=r.text("note", optional=True),
        )


class Project(Record):
    table: ClassVar[str] = "infrastructure"
    id: str
    name: str
    countries: tuple[str, ...]
    type: str
    status: str
    length_km: int | float | None
    design_speed_kmh: int | float | None
    cost_usd: int | float | None
    construction_start: str | None
    opened: str | None
    metrics: tuple[Metric, ...]
    note: str | None
    sources: tuple[str, ...]
    aliases: tuple[str, ...]
    status_as_of: str | None
    endpoints: str | None
    financing: str | None
    alternatives: tuple[Alternative, ...]
    confidence: str
    last_verified: dt.date
    name_zh: str | None
    zh_sources: tuple[str, ...]
    zh_note: str | None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], reader: ReaderClass = _Reader) -> Project:
        r = reader("infrastructure", doc)
        return cls(
            id=r.req_str("id"),
            name=r.req_str("name"),
            countries=r.strs("countries", optional=False, choices=PARTIES, nonempty=True),
            type=r.req_str("type", PROJECT_TYPES),
            status=r.req_str("status", STATUSES),
            length_km=r.number("length_km"),
            design_speed_kmh=r.number("design_speed_kmh"),
            cost_usd=r.number("cost_usd"),
            construction_start=r.partial_date("construction_start"),
            opened=r.partial_date("opened"),
            metrics=tuple(Metric.read(m) for m in r.objs("metrics")),
            note=r.text("note", optional=True),
            sources=r.sources(),
            aliases=r.strs("aliases"),
            status_as_of=r.partial_date("status_as_of"),
            endpoints=r.text("endpoints", optional=True),
            financing=r.text("financing", optional=True),
            alternatives=tuple(Alternative.read(a) for a in r.objs("alternatives")),
            confidence=r.req_str("confidence", CONFIDENCE),
            last_verified=r.req_date("last_verified"),
            **zh_name(r, "name_zh"),
        )


def zh_name(r: _Reader, field: str) -> dict[str, Any]:
    """The Chinese name, with the sources that give it (required when the name is set)."""
    name = r.text(field, optional=True)
    sources = r.strs("zh_sources")
    if name and not sources:
        r.problem("zh_sources", f"must cite where {field} comes from")
    return {field: name, "zh_sources": sources, "zh_note": r.text("zh_note", optional=True)}
