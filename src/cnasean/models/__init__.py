"""Typed, frozen records for every kind of fact, built from raw documents at the boundary.

``from_doc`` checks each field and raises ``InvalidRecord`` naming the table, record id and
field; ``to_dict`` gives the JSON form, whose key order is the field order.

Each kind lives in its own module and is imported only when used: one command needs one or two
kinds, and every class built costs start-up time.
"""

from __future__ import annotations

import importlib
from typing import Any

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

# kind (table name) -> (module, class)
KINDS: dict[str, tuple[str, str]] = {
    "trade": ("cnasean.models.trade", "TradeRecord"),
    "visa": ("cnasean.models.visa", "VisaRule"),
    "infrastructure": ("cnasean.models.project", "Project"),
    "events": ("cnasean.models.project", "Event"),
}
# Tables that hold no facts of their own, and their record classes.
NAME_TABLES: dict[str, tuple[str, str]] = {"countries": ("cnasean.models.source", "CountryName")}
_LAZY = {
    "CountryName": "cnasean.models.source",
    "Source": "cnasean.models.source",
    "TradeRecord": "cnasean.models.trade",
    "VisaRule": "cnasean.models.visa",
    "CumulativeLimit": "cnasean.models.visa",
    "Project": "cnasean.models.project",
    "Metric": "cnasean.models.project",
    "Alternative": "cnasean.models.project",
    "Event": "cnasean.models.project",
}


def record_class(kind: str) -> Any:
    """The record class for a table name."""
    module, name = KINDS.get(kind) or NAME_TABLES[kind]
    return getattr(importlib.import_module(module), name)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cnasean.models' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "CONFIDENCE",
    "CURRENCIES",
    "EVENT_CATEGORIES",
    "FLOWS",
    "KINDS",
    "PARTIAL_DATE",
    "PARTIES",
    "PERIOD_KINDS",
    "PROJECT_TYPES",
    "PURPOSES",
    "QUALIFIERS",
    "REGIMES",
    "SOURCE_KINDS",
    "STATUSES",
    "Meta",
    "Record",
    "Source",
    "record_class",
    *_LAZY,
]
