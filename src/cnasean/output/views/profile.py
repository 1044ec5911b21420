"""A country's profile: one section per kind of fact."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnasean.models import Meta
from cnasean.output.i18n import tr
from cnasean.output.view import Column, View
from cnasean.output.views.events import events_view
from cnasean.output.views.projects import infra_list_view
from cnasean.output.views.trade import trade_list_view
from cnasean.output.views.visa import visa_list_view, visa_record
from cnasean.query.profile import Profile


def profile_sections(
    p: Profile, meta: Meta, today: dt.date
) -> tuple[list[tuple[str, View]], dict[str, Any]]:
    c = p.country
    about = [
        ("Name", c.name),
        ("Official name", c.official_name),
        ("Chinese name", c.name_zh),
        ("Codes", f"{c.code}, {c.alpha3}"),
        ("Also called", ", ".join(c.aliases)),
        (
            "ASEAN member since",
            c.asean_member_since.isoformat() if c.asean_member_since else "not a member",
        ),
    ]
    cols = [
        Column("field", "", lambda r: r[0], lambda v, r: tr(v), style="bold"),
        Column("value", "", lambda r: r[1]),
    ]
    country_view = View(cols, about, [c.to_dict()], title=f"{c.name} ({c.name_zh})")

    def titled(view: View, title: str) -> View:
        view.title = title
        return view

    sections = [
        ("country", country_view),
        ("trade", titled(trade_list_view(p.trade, meta), tr("Latest trade with China"))),
        (
            "visa",
            titled(
                visa_list_view(p.visa, meta, today, ""),
                tr("Visa rules in force on {day}", day=p.on.isoformat()),
            ),
        ),
        ("infrastructure", titled(infra_list_view(p.projects, meta), tr("Projects"))),
        ("events", titled(events_view(p.events, meta), tr("Events"))),
    ]
    sections[2][1].layout = "table"
    sections[2][1].columns = [
        c
        for c in sections[2][1].columns
        if c.key
        in (
            "direction",
            "regime",
            "visa_free",
            "max_stay_days",
            "effective_from",
            "effective_to",
            "sources",
        )
    ]
    document = {
        "country": c.to_dict(),
        "as_of": p.on.isoformat(),
        "trade": [r.to_dict() for r in p.trade],
        "visa": [visa_record(r, today) for r in p.visa],
        "infrastructure": [r.to_dict() for r in p.projects],
        "events": [r.to_dict() for r in p.events],
    }
    return sections, document
