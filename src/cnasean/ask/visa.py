"""Answers on visa rules: who needs a visa to go where, on a day; which members are
visa-free, with their conditions; and when a rule began or ends."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnasean import countries
from cnasean.ask.parse import Answer, Parsed
from cnasean.ask.sentences import say
from cnasean.ask.wording import DEMONYM, name
from cnasean.query.sources import DbPath


def _when(p: Parsed, lo: str, hi: str) -> str:
    if lo == hi == p.today:
        return say(p, "visa_today")
    return say(p, "visa_on", day=lo) if lo == hi else say(p, "visa_between", lo=lo, hi=hi)


def _who(p: Parsed, pp: str, dest: str) -> str:
    return say(
        p, "who_goes", demonym=DEMONYM.get(pp, name(pp, p)), pp=name(pp, p), dest=name(dest, p)
    )


def _scheme_name(rule: Any, p: Parsed) -> str:
    if p.lang == "zh":
        return _scheme(rule, p)
    return str(rule.name or rule.regime.replace("_", " "))


def answer_visa(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.visa import SPECIAL, headline_order, visa

    if not p.country or p.country == countries.BLOC:
        return Answer(p, "not_understood", say(p, "which_country"), [], "cnasean visa")
    lo, hi = p.span or (p.today, p.today)
    today = dt.date.fromisoformat(p.today)
    days = {dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)}
    rules: dict[str, Any] = {}
    for day in sorted(days):
        for r in visa(
            p.country,
            on=day,
            passport=p.passport,
            destination=p.destination,
            purpose=p.purpose,
            today=today,
            db=db,
        ):
            rules[r.id] = r
    when = _when(p, lo, hi)
    who_read = (
        _who(p, p.passport, p.destination) if p.passport and p.destination else say(p, "both_ways")
    )
    read = say(
        p, "read_visa_end" if p.kind in ("end", "start") else "read_visa", who=who_read, when=when
    )
    if p.kind == "end":
        ended = _ended(p, today, db)
        if ended is not None and not any(r.visa_free for r in rules.values()):
            return ended
    if not rules:
        return Answer(
            p,
            "no_data",
            say(p, "no_visa_rule"),
            [],
            f"cnasean visa --country {p.country.lower()}",
            read,
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
        who = _who(p, pp, dest)
        if head is None:
            s = say(p, "only_special", who=who, when=when)
        elif head.visa_free:
            stay = say(p, "stay", days=head.max_stay_days) if head.max_stay_days else ""
            lim = ""
            if head.cumulative_limit:
                lim = say(
                    p,
                    "cumulative",
                    days=head.cumulative_limit.days,
                    window=head.cumulative_limit.window_days,
                )
            since = say(p, "since", day=head.effective_from) if head.effective_from else ""
            until = ""
            if head.effective_to:
                until = say(p, "until", day=head.effective_to)
            elif p.kind == "end":
                until = say(p, "no_end")
            s = say(
                p,
                "visa_free",
                who=who,
                when=when,
                stay=stay,
                limit=lim,
                scheme=_scheme_name(head, p),
                since=since,
                until=until,
            )
        else:
            s = say(p, "visa_needed", who=who, when=when, scheme=_scheme_name(head, p))
        used += [head] if head else []
        if special:
            names = say(p, "sep").join(_scheme(r, p) for r in special[:3])
            s += say(p, "exceptions", names=names)
            used += special[:3]
        sentences.append(s + ("。" if p.lang == "zh" else "."))
    return Answer(p, "answered", " ".join(sentences), used, None, read)


def _ended(p: Parsed, today: dt.date, db: DbPath) -> Answer | None:
    """'When did the visa exemption end?' when none is in force: the last one that ended."""
    from cnasean.query.visa import SPECIAL, visa

    assert p.country is not None
    past = [
        r
        for r in visa(
            p.country, history=True, passport=p.passport, destination=p.destination, db=db
        )
        if r.visa_free and r.regime not in SPECIAL and r.effective_to and r.effective_to < today
    ]
    if not past:
        return None
    r = max(past, key=lambda r: r.effective_to or dt.date.min)
    who = _who(p, r.passport, r.destination)
    text = say(
        p,
        "ended",
        who=who,
        when=_when(p, p.today, p.today),
        scheme=_scheme_name(r, p),
        day=r.effective_to,
    )
    read = say(p, "read_visa_end", who=who, when=_when(p, p.today, p.today))
    return Answer(p, "answered", text, [r], None, read)


def answer_visa_list(p: Parsed, db: DbPath) -> Answer:
    """Which members Chinese citizens can enter visa-free (or whose citizens can enter
    China), each with its stay, scheme and conditions; for 'when does the visa exemption
    end?' with no country named, every visa-free rule in force, both ways, with its end."""
    if p.passport is None and p.kind != "end":
        return Answer(p, "not_understood", say(p, "which_country"), [], "cnasean visa")
    ways = (p.passport == "CN",) if p.passport else (True, False)
    parts = [_list_one(p, outbound, db) for outbound in ways]
    text = " ".join(a.text for a in parts)
    records = [r for a in parts for r in a.records]
    read = (" " if p.lang != "zh" else ";").join(a.read_as for a in parts)
    return Answer(p, "answered", text, records, None, read)


def _list_one(p: Parsed, outbound: bool, db: DbPath) -> Answer:
    from cnasean.query.visa import SPECIAL, headline_order, visa

    day = dt.date.fromisoformat(p.span[0]) if p.span else dt.date.fromisoformat(p.today)
    who = say(p, "chinese_to_members" if outbound else "members_to_china")
    when = _when(p, day.isoformat(), day.isoformat())
    read = say(p, "read_visa_list", who=who, when=when)
    # Not narrowed by purpose: 'Chinese tourists' names the travellers, and each rule's
    # conditions are listed in full.
    rules = visa(
        passport="CN" if outbound else None,
        destination=None if outbound else "CN",
        on=day,
        today=day,
        db=db,
    )
    free, special_only, need = [], [], []
    used: list[Any] = []
    for c in countries.MEMBERS:
        mine = [r for r in rules if (r.destination if outbound else r.passport) == c.code]
        if not mine:
            continue
        general = sorted((r for r in mine if r.regime not in SPECIAL), key=headline_order)
        special = [r for r in mine if r.regime in SPECIAL and r.visa_free]
        head = general[0] if general else None
        if head is not None and head.visa_free:
            free.append(head)
        elif special:
            special_only.append(special[0])
        elif head is not None:
            need.append(head)
    if not free and not special_only:
        return Answer(p, "answered", say(p, "list_none", who=who, when=when), need, None, read)
    items = say(p, "sep").join(_item(p, r, outbound) for r in free)
    text = say(p, "list_head", who=who, when=when, items=items) if free else ""
    used += free
    if special_only:
        text += say(
            p, "list_special", items=say(p, "sep").join(_item(p, r, outbound) for r in special_only)
        )
        used += special_only
    if need:
        text += say(
            p,
            "list_visa",
            names=", ".join(name(r.destination if outbound else r.passport, p) for r in need),
        )
        used += need
    return Answer(p, "answered", text.strip(), used, None, read)


def _item(p: Parsed, r: Any, outbound: bool) -> str:
    since = say(p, "since", day=r.effective_from) if r.effective_from else ""
    until = say(p, "until", day=r.effective_to) if r.effective_to else ""
    if not until and p.kind == "end":
        until = say(p, "no_end")
    conditions = ("; " if p.lang != "zh" else ";").join(r.conditions) or "-"
    return say(
        p,
        "list_item",
        name=name(r.destination if outbound else r.passport, p),
        days=r.max_stay_days,
        scheme=_scheme_name(r, p),
        since=since,
        until=until,
        conditions=conditions,
    )


def _scheme(rule: Any, p: Parsed) -> str:
    """A scheme's name: the data's English name, or in Chinese its regime (and region)."""
    if p.lang != "zh":
        return str(rule.name or rule.regime.replace("_", " "))
    from cnasean.text import REGIME_LABELS_ZH

    regions = {"Hainan": "海南", "Xishuangbanna": "西双版纳", "Phu Quoc": "富国岛"}
    label = REGIME_LABELS_ZH.get(rule.regime, rule.regime)
    return f"{regions.get(rule.region, rule.region)}{label}" if rule.region else label
