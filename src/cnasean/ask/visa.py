"""Answers on visa rules: who needs a visa to go where, on a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnasean import countries
from cnasean.ask.parse import Answer, Parsed
from cnasean.ask.wording import DEMONYM, in_lang, name
from cnasean.query.sources import DbPath


def answer_visa(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.visa import SPECIAL, headline_order, visa

    if not p.country or p.country == countries.BLOC:
        return Answer(
            p,
            "not_understood",
            in_lang(p, "Which country? Name an ASEAN member.", "请说明是哪个东盟国家。"),
            [],
            "cnasean visa",
        )
    lo, hi = p.span or (dt.date.today().isoformat(),) * 2
    days = {dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)}
    rules: dict[str, Any] = {}
    for day in sorted(days):
        for r in visa(
            p.country,
            on=day,
            passport=p.passport,
            destination=p.destination,
            purpose=p.purpose,
            db=db,
        ):
            rules[r.id] = r
    if not rules:
        return Answer(
            p,
            "no_data",
            in_lang(p, "The data has no visa rule for that.", "数据中没有相关签证规定。"),
            [],
            f"cnasean visa --country {p.country.lower()}",
        )
    when = in_lang(
        p,
        "today"
        if lo == hi == dt.date.today().isoformat()
        else (f"on {lo}" if lo == hi else f"between {lo} and {hi}"),
        "目前"
        if lo == hi == dt.date.today().isoformat()
        else (f"{lo}" if lo == hi else f"{lo}至{hi}期间"),
    )
    sentences, used = [], []
    directions = sorted(
        {(r.passport, r.destination) for r in rules.values()}, key=lambda d: d[0] != "CN"
    )
    for pp, dest in directions:
        these = [r for r in rules.values() if (r.passport, r.destination) == (pp, dest)]
        general = sorted((r for r in these if r.regime not in SPECIAL), key=headline_order)
        special = [r for r in these if r.regime in SPECIAL and r.visa_free]
        head = general[0] if general else None
        who = in_lang(
            p,
            f"{DEMONYM.get(pp, name(pp, p))} citizens going to {name(dest, p)}",
            f"{name(pp, p)}公民前往{name(dest, p)}",
        )
        if head is None:
            s = in_lang(p, f"{who}: only special schemes apply {when}", f"{who}:{when}仅有特殊政策")
        elif head.visa_free:
            stay = in_lang(
                p,
                f" for up to {head.max_stay_days} days" if head.max_stay_days else "",
                f",每次停留不超过{head.max_stay_days}天" if head.max_stay_days else "",
            )
            lim = ""
            if head.cumulative_limit:
                lim = in_lang(
                    p,
                    f" ({head.cumulative_limit.days} days in any {head.cumulative_limit.window_days})",
                    f"(任意{head.cumulative_limit.window_days}天内累计不超过{head.cumulative_limit.days}天)",
                )
            since = in_lang(
                p,
                f", in force since {head.effective_from}" if head.effective_from else "",
                f",自{head.effective_from}起实施" if head.effective_from else "",
            )
            s = in_lang(
                p,
                f"{who} need no visa {when}{stay}{lim} under the {head.name or head.regime.replace('_', ' ')}{since}",
                f"{who}{when}免签{stay}{lim}{since}",
            )
        else:
            s = in_lang(
                p,
                f"{who} need a visa {when} ({head.name or head.regime.replace('_', ' ')})",
                f"{who}{when}需要办理签证",
            )
        used += [head] if head else []
        if special:
            names = in_lang(p, "; ", ";").join(_scheme(r, p) for r in special[:3])
            s += in_lang(p, f"; visa-free exceptions: {names}", f";免签例外:{names}")
            used += special[:3]
        sentences.append(s + in_lang(p, ".", "。"))
    return Answer(p, "answered", " ".join(sentences), used)


def _scheme(rule: Any, p: Parsed) -> str:
    """A scheme's name: the data's English name, or in Chinese its regime (and region)."""
    if p.lang != "zh":
        return str(rule.name or rule.regime.replace("_", " "))
    from cnasean.text import REGIME_LABELS_ZH

    regions = {"Hainan": "海南", "Xishuangbanna": "西双版纳", "Phu Quoc": "富国岛"}
    label = REGIME_LABELS_ZH.get(rule.regime, rule.regime)
    return f"{regions.get(rule.region, rule.region)}{label}" if rule.region else label
