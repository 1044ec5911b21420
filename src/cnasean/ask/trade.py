"""Answers on trade: a figure for a period, and who is the largest partner."""

from __future__ import annotations

from typing import Any

from cnasean import countries
from cnasean.ask.parse import Answer, Parsed
from cnasean.ask.wording import figures, in_lang, money, name, period_text
from cnasean.dates import parse_period
from cnasean.query.sources import DbPath


def answer_trade(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.trade import preference, trade
    from cnasean.store.read import open_store

    target = p.country or countries.BLOC
    kinds = open_store(db).source_kinds

    def pick(rs: list[Any]) -> list[Any]:
        return sorted(rs, key=lambda r: preference(r, kinds))

    if p.period:
        recs = [
            r for r in trade(target, period=p.period, flow="total", db=db) if r.value is not None
        ]
        if not recs:
            recs = [
                r
                for r in trade(target, period=p.period, flow="total", reporter="all", db=db)
                if r.value is not None
            ]
        label = period_text(parse_period(p.period).start, parse_period(p.period).end, p)
        if not recs:
            year = parse_period(p.period).start.year
            within = [
                r for r in trade(target, year=year, flow="total", db=db) if r.value is not None
            ]
            text = in_lang(
                p,
                f"The data has no figure for China–{name(target, p)} trade in {label}.",
                f"数据中没有中国与{name(target, p)}{label}的贸易额。",
            )
            if within:
                last = max(within, key=lambda r: (r.period_end, -r.period_start.toordinal()))
                latest = pick(
                    [
                        r
                        for r in within
                        if r.period_start == last.period_start and r.period_end == last.period_end
                    ]
                )
                lab = period_text(last.period_start, last.period_end, p)
                text += (
                    in_lang(
                        p,
                        f" The latest figure within {year} is for {lab}: ",
                        f"{year}年内最新的数据为{lab}:",
                    )
                    + figures(latest, p)
                    + "."
                )
                return Answer(p, "answered", text, latest)
            return Answer(p, "no_data", text, [], "cnasean trade --list")
    else:
        from cnasean.query.profile import latest_trade

        recs = latest_trade(target, db) if target != countries.BLOC else []
        if not recs:
            recs = [r for r in trade(target, flow="total", db=db) if r.value is not None]
            end = max((r.period_end for r in recs), default=None)
            recs = [r for r in recs if r.period_end == end]
        if not recs:
            return Answer(
                p,
                "no_data",
                in_lang(p, "The data has no trade figure for that.", "数据中没有相关贸易额。"),
                [],
                "cnasean trade",
            )
        label = period_text(recs[0].period_start, recs[0].period_end, p)
    recs = pick(recs)
    side = recs[0].reporter
    who = in_lang(
        p,
        "China's customs" if side == "CN" else f"{name(side, p)}'s own statistics",
        "中国海关" if side == "CN" else f"{name(side, p)}方统计",
    )
    text = in_lang(
        p,
        f"China–{name(target, p)} trade in {label} was ",
        f"{label}中国与{name(target, p)}贸易额为",
    ) + figures(recs, p)
    text += in_lang(p, f", according to {who}.", f"(据{who})。")
    others = [r for r in recs[1:] if r.currency == recs[0].currency and r.value != recs[0].value]
    if others:
        text += (
            in_lang(p, " Other sources give ", "其他来源数据:")
            + in_lang(p, "; ", ";").join(money(o, p) for o in others)
            + "."
        )
    return Answer(p, "answered", text, recs)


def answer_milestone(p: Parsed, db: DbPath) -> Answer:
    from cnasean.store.read import open_store

    hits = [
        r
        for r in open_store(db).records("trade")
        if r.note and "largest trading partner for the first time" in r.note
    ]
    if not hits:
        return Answer(
            p,
            "no_data",
            in_lang(p, "The data does not say.", "数据中没有相关记载。"),
            [],
            "cnasean search largest",
        )
    r = min(hits, key=lambda r: r.period_start)
    year = r.period_start.year
    text = in_lang(
        p,
        f"ASEAN became China's largest trading partner for the first time in {year}: {r.note}",
        f"东盟于{year}年首次成为中国第一大贸易伙伴(据中国海关)。",
    )
    return Answer(p, "answered", text, [r])
