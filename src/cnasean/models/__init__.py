"""Typed, frozen records for every kind of fact, built from raw documents at the boundary.

``from_doc`` checks each field and raises ``InvalidRecord`` naming the table, record id and
field; ``to_dict`` gives the JSON form, whose key order is the field order.

``KINDS`` is the one list of the kinds of fact: their table names and record classes.
"""

from __future__ import annotations

from typing import Any

from cnasean.models.event import Event
from cnasean.models.project import Alternative, Metric, Project
from cnasean.models.record import (
    CONFIDENCE,
    CURRENCIES,
    EVENT_CATEGORIES,
    FLOWS,
    PARTIAL_DATE,
    PARTIES,
    PERIOD_KINDS,
    PROJECT_TYPES,
    PURPOSES,
    QUALIFIERS,
    REGIMES,
    SOURCE_KINDS,
    STATUSES,
    Meta,
    Record,
)
from cnasean.models.source import CountryName, Source
from cnasean.models.trade import TradeRecord
from cnasean.models.visa import CumulativeLimit, VisaRule

# The kinds of fact: table name -> record class, in the order the data file holds them.
KINDS: dict[str, type[Record]] = {
    "trade": TradeRecord,
    "visa": VisaRule,
    "infrastructure": Project,
    "events": Event,
}
# Tables that hold no facts of their own, and their record classes.
NAME_TABLES: dict[str, type[Record]] = {"countries": CountryName}


def record_class(kind: str) -> Any:
    """The record class for a table name (``trade``, ..., ``countries`` or ``sources``)."""
    if kind == "sources":
        return Source
    return KINDS.get(kind) or NAME_TABLES[kind]


__all__ = [
    "CONFIDENCE",
    "CURRENCIES",
    "EVENT_CATEGORIES",
    "FLOWS",
    "KINDS",
    "NAME_TABLES",
    "PARTIAL_DATE",
    "PARTIES",
    "PERIOD_KINDS",
    "PROJECT_TYPES",
    "PURPOSES",
    "QUALIFIERS",
    "REGIMES",
    "SOURCE_KINDS",
    "STATUSES",
    "Alternative",
    "CountryName",
    "CumulativeLimit",
    "Event",
    "Meta",
    "Metric",
    "Project",
    "Record",
    "Source",
    "TradeRecord",
    "VisaRule",
    "record_class",
]
