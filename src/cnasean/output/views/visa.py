"""Visa views: the overview of every member, and the list of rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from cnasean import countries
from cnasean.models import Meta, VisaRule
from cnasean.output.i18n import lang, tr
from cnasean.output.view import Column, View, ranked
from cnasean.output.views.common import data_caption
from cnasean.output.views.common import ids_text as _ids
from cnasean.output.views.common import uniq as _uniq
from cnasean.query.visa import VisaOverviewRow, ends_soon, is_stale
from cnasean.text import REGIME_LABELS


def _stay(r: VisaRule) -> str:
    bits = []
    if r.max_stay_days:
        bits.append(f"{r.max_stay_days} days")
    if r.cumulative_limit:
        bits.append(f"≤{r.cumulative_limit.days} in {r.cumulative_limit.window_days}")
    return ", ".join(bits)


def _rule_brief(r: VisaRule | None, more: int, today: dt.date, day: dt.date | None = None) -> str:
    if r is None:
        return tr("no rule in the data")
    head = tr("visa-free") if r.visa_free else tr("visa needed")
    stay = f" {r.max_stay_days} {tr('days')}" if r.max_stay_days else ""
    since = f", {tr('since')} {r.effective_from.isoformat()}" if r.effective_from else ""
    until = f", {tr('until')} {r.effective_to.isoformat()}" if r.effective_to else ""
    extra = f" (+{more} {tr('more')})" if more else ""
    stale = " [stale]" if is_stale(r, today) else ""
    soon = f" [{tr('ends soon')}]" if ends_soon(r, day or today) else ""
    return f"{head}{stay}: {tr(REGIME_LABELS[r.regime])}{since}{until}{soon}{extra}{stale}"


def visa_record(r: VisaRule, today: dt.date, day: dt.date | None = None) -> dict[str, Any]:
    rec: dict[str, Any] = r.to_dict()
    rec["stale"] = is_stale(r, today)
    rec["ends_soon"] = ends_soon(r, day or today)
    return rec


def _direction_cols(
    prefix: str, header: str, get: Any, today: dt.date, day: dt.date | None = None
) -> list[Column]:
    def rule(row: VisaOverviewRow) -> VisaRule | None:
        return cast("VisaRule | None", get(row).rule)

    def field(name: str) -> Any:
        return lambda row: getattr(rule(row), name, None)

    def since(row: VisaOverviewRow) -> str | None:
        r = rule(row)
        return r.effective_from.isoformat() if r and r.effective_from else None

    return [
        Column(
            f"{prefix}_rule",
            header,
            field("id"),
            lambda v, row: _rule_brief(rule(row), len(get(row).more), today, day),
        ),
        Column(f"{prefix}_regime", "", field("regime"), table=False),
        Column(f"{prefix}_visa_free", "", field("visa_free"), table=False),
        Column(f"{prefix}_max_stay_days", "", field("max_stay_days"), table=False),
        Column(f"{prefix}_since", "", since, table=False),
        Column(f"{prefix}_more", "", lambda row: [m.id for m in get(row).more], table=False),
    ]


def visa_overview_view(
    day: dt.date,
    rows: Sequence[VisaOverviewRow],
    records: Sequence[VisaRule],
    meta: Meta,
    today: dt.date,
) -> View:
    cols = [
        Column(
            "country",
            "Member",
            lambda row: row.country.code,
            lambda v, row: countries.name_of(row.country.code),
            no_wrap=True,
            style="bold",
        ),
        *_direction_cols(
            "to_country", "Chinese citizens going there", lambda row: row.to_country, today, day
        ),
        *_direction_cols(
            "to_china", "Its citizens going to China", lambda row: row.to_china, today, day
        ),
    ]
    cols = ranked(cols, {"country": 0, "to_country_rule": 0, "to_china_rule": 0})
    title = tr("Visa rules in force on {day} (ordinary passports)", day=day.isoformat())
    caption = data_caption(
        meta,
        _uniq([s for r in records for s in r.sources]),
        "Every rule: cnasean visa --country NAME.",
    )
    records_ = [visa_record(r, today, day) for r in records]
    return View(cols, rows, records_, title=title, caption=caption)


def _names(r: VisaRule) -> str:
    if lang() == "zh":
        return f"{countries.name_of(r.passport)}护照前往{countries.name_of(r.destination)}"
    return f"{countries.name_of(r.passport)} passports, going to {countries.name_of(r.destination)}"


def _direction(r: VisaRule) -> str:
    return f"{r.passport}→{r.destination}"


def _conditions(r: VisaRule) -> str:
    bits = [f"Only in {r.region}."] if r.region else []
    bits.extend(c if c.endswith(".") else c + "." for c in r.conditions)
    return "\n".join(bits)


def visa_list_view(
    records: Sequence[VisaRule], meta: Meta, today: dt.date, title: str, day: dt.date | None = None
) -> View:
    asked = day or today
    cols = [
        Column("id", "ID", lambda r: r.id, table=False),
        Column(
            "direction",
            "Direction",
            _direction,
            lambda v, r: f"{v}  {_names(r)}",
            style="bold",
        ),
        Column("passport", "", lambda r: r.passport, table=False),
        Column("destination", "", lambda r: r.destination, table=False),
        Column(
            "regime",
            "Rule",
            lambda r: r.regime,
            lambda v, r: (
                (r.name or REGIME_LABELS[v]) + ("" if not r.name else f" ({REGIME_LABELS[v]})")
            ),
        ),
        Column(
            "visa_free",
            "Visa-free",
            lambda r: r.visa_free,
            lambda v, r: tr("yes") if v else tr("no"),
            no_wrap=True,
        ),
        Column("max_stay_days", "Stay", lambda r: r.max_stay_days, lambda v, r: _stay(r)),
        Column(
            "cumulative_limit",
            "",
            lambda r: (
                f"{r.cumulative_limit.days}/{r.cumulative_limit.window_days}"
                if r.cumulative_limit
                else None
            ),
            table=False,
        ),
        Column(
            "effective_from",
            "From",
            lambda r: r.effective_from.isoformat() if r.effective_from else None,
            lambda v, r: v or tr("not known (see note)"),
        ),
        Column(
            "effective_to",
            "To",
            lambda r: r.effective_to.isoformat() if r.effective_to else None,
            lambda v, r: (
                (v or tr("no end date")) + (f" ({tr('ends soon')})" if ends_soon(r, asked) else "")
            ),
            no_wrap=True,
        ),
        Column("purposes", "Purposes", lambda r: list(r.purposes), lambda v, r: ", ".join(v)),
        Column(
            "conditions", "Conditions", lambda r: list(r.conditions), lambda v, r: _conditions(r)
        ),
        Column("note", "Note", lambda r: r.note),
        Column("sources", "Sources", lambda r: list(r.sources), lambda v, r: _ids(v), style="dim"),
        Column(
            "last_verified",
            "Verified",
            lambda r: r.last_verified.isoformat(),
            lambda v, r: v + (" STALE" if is_stale(r, today) else ""),
            no_wrap=True,
        ),
        Column("stale", "", lambda r: is_stale(r, today), table=False),
        Column("ends_soon", "", lambda r: ends_soon(r, asked), table=False),
    ]
    cols = ranked(
        cols,
        {
            "direction": 0,
            "regime": 0,
            "effective_from": 0,
            "effective_to": 0,
            "visa_free": 1,
            "max_stay_days": 1,
            "conditions": 2,
            "purposes": 3,
            "last_verified": 3,
            "sources": 4,
            "note": 5,
        },
    )
    caption = data_caption(meta, _uniq([s for r in records for s in r.sources]), "Notes: --json.")
    return View(
        cols,
        records,
        [visa_record(r, today, asked) for r in records],
        title=title,
        caption=caption,
        layout="cards",
    )


def oldest_verified(rules: Sequence[VisaRule]) -> str | None:
    """The oldest last-verified date among the rules, as ISO text."""
    return min(r.last_verified for r in rules).isoformat() if rules else None


def list_title(history: bool, day: str) -> str:
    if history:
        return tr("Visa rules, every one that ever applied")
    return tr("Visa rules in force on {day}", day=day)
