"""Pure questions about the facts, answered as typed records. Nothing here prints.

Usable from Python::

    from cnasean import query
    query.trade(period="2025-01..2025-09", currency="CNY")
    query.visa("thailand", on="2023-12-01")

Each domain lives in its own module, imported on first use so that one command loads only
what it needs.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "meta": "common",
    "source_list": "common",
    "sources_of": "common",
    "trade": "trades",
    "trade_summary": "trades",
    "TradeSummary": "trades",
    "YearRow": "trades",
    "visa": "visas",
    "visa_overview": "visas",
    "is_stale": "visas",
    "VisaOverviewRow": "visas",
    "projects": "infra",
    "project": "infra",
    "events": "timeline",
    "country_profile": "profiles",
    "Profile": "profiles",
    "search": "finder",
    "find_any": "finder",
    "Hit": "finder",
    "ask": "answers",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'cnasean.query' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"cnasean.query.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = list(_WHERE)
