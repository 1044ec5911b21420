"""Typed, frozen records for every kind of fact, built from raw documents at the boundary.

``from_doc`` checks each field and raises ``InvalidRecord`` naming the table, record id and
field; ``to_dict`` gives the JSON form, whose key order is the field order.

``KINDS`` is the one list of the kinds of fact: their table names and record classes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from cnasean.models.well_formed import well_formed

if TYPE_CHECKING:
    from cnasean.models.event import Event
    from cnasean.models.project import Alternative, Metric, Project
    from cnasean.models.source import CountryName, Source
    from cnasean.models.trade import TradeRecord
    from cnasean.models.visa import CumulativeLimit, VisaRule

# Each record class is imported when first named (PEP 562): a trade query builds no visa
# rules, projects or events, and importing their classes cost every run 2.5 million
# instructions. ``from cnasean.models import VisaRule`` works as before.
_HOMES = {
    "Event": "event",
    "Alternative": "project",
    "Metric": "project",
    "Project": "project",
    "CountryName": "source",
    "Source": "source",
    "TradeRecord": "trade",
    "CumulativeLimit": "visa",
    "VisaRule": "visa",
}
# The kinds of fact: table name -> record class, in the order the data file holds them.
_KINDS = {
    "trade": "TradeRecord",
    "visa": "VisaRule",
    "infrastructure": "Project",
    "events": "Event",
}
# Tables that hold no facts of their own, and their record classes.
_NAME_TABLES = {"countries": "CountryName"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(importlib.import_module(f"cnasean.models.{_HOMES[name]}"), name)
    elif name == "KINDS":
        value = {kind: __getattr__(cls) for kind, cls in _KINDS.items()}
    elif name == "NAME_TABLES":
        value = {kind: __getattr__(cls) for kind, cls in _NAME_TABLES.items()}
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


KINDS: dict[str, type[Record]]
NAME_TABLES: dict[str, type[Record]]


def record_class(kind: str) -> Any:
    """The record class for a table name (``trade``, ..., ``countries`` or ``sources``)."""
    if kind == "sources":
        return __getattr__("Source")
    return __getattr__(_KINDS.get(kind) or _NAME_TABLES[kind])


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
    "well_formed",
]
