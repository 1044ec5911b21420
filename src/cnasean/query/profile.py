"""Everything about one member on one page: names, membership, trade, visa, projects, events."""

from __future__ import annotations

import datetime as dt

from cnasean import countries
from cnasean.errors import UsageError
from cnasean.frozen import Frozen
from cnasean.models import Event, Project, TradeRecord, VisaRule
from cnasean.query.events import events
from cnasean.query.projects import projects
from cnasean.query.sources import DbPath
from cnasean.query.trade import preference, trade
from cnasean.query.visa import visa


class Profile(Frozen):
    country: countries.Country
    on: dt.date
    trade: list[TradeRecord]
    visa: list[VisaRule]
    projects: list[Project]
    events: list[Event]


def latest_trade(code: str, db: DbPath = None) -> list[TradeRecord]:
    """The latest full-year total with China (per currency, China's customs first, then the
    member's own statistics), and any later cumulative figure."""
    from cnasean.store.read import open_store

    sources = open_store(db).source_kinds
    out: list[TradeRecord] = []
    for reporter in ("CN", code):
        recs = [
            r for r in trade(code, reporter=reporter, flow="total", db=db) if r.value is not None
        ]
        years = [r for r in recs if r.period_kind == "year"]
        if years:
            last = max(r.period_start for r in years)
            for cur in ("CNY", "USD"):
                same = [r for r in years if r.period_start == last and r.currency == cur]
                if same:
                    out.append(min(same, key=lambda r: preference(r, sources)))
        cutoff = max((r.period_end for r in years), default=dt.date.min)
        later = [r for r in recs if r.period_kind != "year" and r.period_end > cutoff]
        if later:
            end = max(r.period_end for r in later)
            out.extend(
                sorted(
                    (r for r in later if r.period_end == end), key=lambda r: preference(r, sources)
                )
            )
    return out


def country_profile(name: str, *, today: dt.date | None = None, db: DbPath = None) -> Profile:
    """One member's profile, as of ``today``."""
    c = countries.lookup(name)
    if c.code == "CN":
        raise UsageError("Name an ASEAN member: the profile is of its relations with China.")
    day = today or dt.date.today()
    return Profile(
        country=c,
        on=day,
        trade=latest_trade(c.code, db),
        visa=visa(c.code, on=day, today=day, db=db),
        projects=projects(c.code, db=db),
        events=events(country=c.code, db=db),
    )
