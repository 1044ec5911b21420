"""Every query function in one namespace, for the tests (``import query_api as query``).

The package ``cnasean.query`` imports none of its modules, so that a command loads only the
one it asks; tests that call many queries take them all from here.
"""

from cnasean.ask.answer import ask
from cnasean.query.events import events
from cnasean.query.profile import Profile, country_profile
from cnasean.query.projects import project, projects
from cnasean.query.search import Hit, find_any, search
from cnasean.query.sources import meta, source_list, sources_of
from cnasean.query.trade import TradeSummary, YearRow, trade, trade_summary
from cnasean.query.visa import VisaOverviewRow, is_stale, visa, visa_overview

__all__ = [
    "Hit",
    "Profile",
    "TradeSummary",
    "VisaOverviewRow",
    "YearRow",
    "ask",
    "country_profile",
    "events",
    "find_any",
    "is_stale",
    "meta",
    "project",
    "projects",
    "search",
    "source_list",
    "sources_of",
    "trade",
    "trade_summary",
    "visa",
    "visa_overview",
]
