"""Infrastructure views: the project list and one project in full."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cnasean import countries
from cnasean.models import Alternative, Meta, Metric, Project
from cnasean.output.i18n import human_money, human_number, pick, tr
from cnasean.output.view import Column, View, ranked
from cnasean.output.views.common import data_caption
from cnasean.output.views.common import ids_text as _ids
from cnasean.output.views.common import uniq as _uniq
from cnasean.query.sources import sources_of


def _codes(codes: Sequence[str]) -> str:
    return ", ".join(codes)


def _km(v: Any, _: Any = None) -> str:
    return "" if v is None else f"{human_number(v)} km"


def _kmh(v: Any, _: Any = None) -> str:
    return "" if v is None else f"{human_number(v)} km/h"


def _usd(v: Any, _: Any = None) -> str:
    return human_money(v, "USD")


def _status(p: Project) -> str:
    return tr(p.status) + (f" ({p.status_as_of})" if p.status_as_of else "")


def infra_list_view(items: Sequence[Project], meta: Meta) -> View:
    cols = [
        Column("id", "ID", lambda p: p.id, table=False),
        Column(
            "name", "Name", lambda p: p.name, lambda v, p: pick(p.name, p.name_zh), style="bold"
        ),
        Column("countries", "Countries", lambda p: list(p.countries), lambda v, p: _codes(v)),
        Column("type", "Type", lambda p: p.type, lambda v, p: tr(v), no_wrap=True),
        Column("status", "Status", lambda p: p.status, lambda v, p: _status(p)),
        Column("length_km", "Length", lambda p: p.length_km, _km, justify="right", no_wrap=True),
        Column(
            "design_speed_kmh",
            "Speed",
            lambda p: p.design_speed_kmh,
            _kmh,
            justify="right",
            no_wrap=True,
        ),
        Column("cost_usd", "Cost", lambda p: p.cost_usd, _usd, justify="right", no_wrap=True),
        Column("construction_start", "Started", lambda p: p.construction_start, table=False),
        Column("opened", "Opened", lambda p: p.opened, no_wrap=True),
    ]
    cols = ranked(
        cols,
        {
            "name": 0,
            "status": 0,
            "countries": 1,
            "type": 2,
            "opened": 1,
            "length_km": 2,
            "design_speed_kmh": 3,
            "cost_usd": 2,
        },
    )
    caption = data_caption(
        meta,
        _uniq([s for p in items for s in p.sources]),
        "One in full: cnasean infra show NAME (or its id, in --json).",
    )
    return View(cols, items, [p.to_dict() for p in items], caption=caption)


def _metric_text(m: Metric) -> str:
    qual = {"about": "about ", "over": "over ", "nearly": "nearly "}.get(m.qualifier or "", "")
    value = "" if m.value is None else f"{qual}{human_number(m.value)}"
    unit = f" {m.unit}" if m.unit else ""
    when = f" ({m.as_of})" if m.as_of else ""
    note = f" — {m.note}" if m.note else ""
    return f"{m.metric.replace('_', ' ')}: {value}{unit}{when} [{_ids(m.sources)}]{note}"


def _alt_text(a: Alternative) -> str:
    qual = {"about": "about ", "over": "over ", "nearly": "nearly "}.get(a.qualifier or "", "")
    value = a.value
    if isinstance(value, (int, float)):
        value = {"cost_usd": _usd, "length_km": _km, "design_speed_kmh": _kmh}.get(
            a.field, lambda v, _=None: human_number(v)
        )(value)
    note = f" — {a.note}" if a.note else ""
    return f"{a.field.replace('_', ' ')}: {qual}{value} [{_ids(a.sources)}]{note}"


def project_view(p: Project, meta: Meta) -> View:
    """One project in full, as a card."""
    names = ", ".join(countries.name_of(c) for c in p.countries)
    cols = [
        Column("id", "ID", lambda p: p.id),
        Column("name", "Name", lambda p: p.name, lambda v, p: pick(p.name, p.name_zh)),
        Column("aliases", "Also called", lambda p: list(p.aliases), lambda v, p: "; ".join(v)),
        Column("countries", "Countries", lambda p: list(p.countries), lambda v, p: names),
        Column("type", "Type", lambda p: p.type),
        Column("status", "Status", lambda p: p.status, lambda v, p: _status(p)),
        Column("endpoints", "Route", lambda p: p.endpoints),
        Column("length_km", "Length", lambda p: p.length_km, _km),
        Column("design_speed_kmh", "Design speed", lambda p: p.design_speed_kmh, _kmh),
        Column("cost_usd", "Cost", lambda p: p.cost_usd, _usd),
        Column("financing", "Financing", lambda p: p.financing),
        Column("construction_start", "Construction", lambda p: p.construction_start),
        Column("opened", "Opened", lambda p: p.opened),
        Column(
            "metrics",
            "Metrics",
            lambda p: [m.to_dict() for m in p.metrics],
            lambda v, p: "\n".join(_metric_text(m) for m in p.metrics),
        ),
        Column(
            "alternatives",
            "Sources differ",
            lambda p: [a.to_dict() for a in p.alternatives],
            lambda v, p: "\n".join(_alt_text(a) for a in p.alternatives),
        ),
        Column("note", "Note", lambda p: p.note),
        Column("confidence", "Confidence", lambda p: p.confidence),
        Column("sources", "Sources", lambda p: list(p.sources), lambda v, p: _ids(v)),
        Column("last_verified", "Verified", lambda p: p.last_verified.isoformat()),
    ]
    cited = sources_of(p)
    return View(
        cols,
        [p],
        [p.to_dict()],
        title=pick(p.name, p.name_zh),
        caption=data_caption(meta, cited),
        layout="cards",
    )
