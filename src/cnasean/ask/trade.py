"""Answers on trade: a figure for a period, flow and reporter; the members ranked; and when
ASEAN became China's largest partner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnasean import countries
from cnasean.ask.parse import Answer, Parsed
from cnasean.ask.sentences import say
from cnasean.ask.wording import figures, money, name, period_text
from cnasean.dates import parse_period
from cnasean.query.sources import DbPath

_FLIP = {"export": "import", "import": "export", "total": "total", "balance": "balance"}


def _reads(p: Parsed, target: str, flow: str, reporter: str, label: str | None) -> str:
    """'China–Laos trade, 2025, total, China's customs'."""
    member_side = reporter not in ("CN", countries.BLOC)
    what = say(p, "member_side" if member_side else "pair", name=name(target, p))
    if member_side:
        fl = say(p, f"mflow_{_FLIP[flow]}", name=name(reporter, p))
        who = say(p, "own_stats", name=name(reporter, p))
    else:
        fl = say(p, f"flow_{flow}")
        who = say(p, "customs")
    if p.currency:
        who += (", " if p.lang != "zh" else ",") + p.currency
    if label is None:
        return say(p, "read_trade_latest", what=what, flow=fl, who=who)
    return say(p, "read_trade", what=what, period=label, flow=fl, who=who)


def _who(p: Parsed, reporter: str) -> str:
    return say(p, "customs") if reporter == "CN" else say(p, "own_stats", name=name(reporter, p))


def answer_trade(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.trade import preference, trade
    from cnasean.store.read import open_store

    target = p.country or countries.BLOC
    flow = p.flow or "total"
    kinds = open_store(db).source_kinds
    asked = p.reporter  # None: China's customs first, then the member's own statistics

    def wanted(r: Any) -> bool:
        if r.value is None:
            return False
        if asked and r.reporter != asked:
            return False
        if flow == "balance" and r.reporter not in ("CN", countries.BLOC):
            return False
        if p.currency and r.currency != p.currency:
            return False
        return bool(r.flow == (flow if r.reporter in ("CN", countries.BLOC) else _FLIP[flow]))

    def order(r: Any) -> tuple[Any, ...]:
        return (0 if r.reporter == (asked or "CN") else 1, preference(r, kinds))

    if p.period and parse_period(p.period).start > dt.date.fromisoformat(p.today):
        span = parse_period(p.period)
        label = period_text(span.start, span.end, p)
        return Answer(p, "no_data", say(p, "forecast_in", period=label), [], "cnasean trade")
    qflow = "balance" if flow == "balance" else None  # a balance may be derived
    found = (
        [r for r in trade(target, period=p.period, flow=qflow, reporter="all", db=db) if wanted(r)]
        if p.period
        else []
    )
    if p.period is None:
        every = [r for r in trade(target, flow=qflow, reporter="all", db=db) if wanted(r)]
        ours = [r for r in every if r.reporter == (asked or "CN")] or every
        end = max((r.period_end for r in ours), default=None)
        start = min((r.period_start for r in ours if r.period_end == end), default=None)
        found = [r for r in every if (r.period_start, r.period_end) == (start, end)]
    asked_label = (
        period_text(parse_period(p.period).start, parse_period(p.period).end, p)
        if p.period
        else None
    )
    if not found:
        return _no_figure(p, target, flow, asked, asked_label, wanted, order, db)
    found.sort(key=order)
    head = found[0]
    label = period_text(head.period_start, head.period_end, p)
    read = _reads(p, target, flow, head.reporter, label if p.period else None)
    main = [r for r in found if r.reporter == head.reporter]
    if p.kind in ("growth", "share"):
        field = "yoy_pct" if p.kind == "growth" else "share_pct"
        with_it = [r for r in main if getattr(r, field) is not None]
        if not with_it:
            key = "no_growth" if p.kind == "growth" else "no_share"
            what = say(p, "pair", name=name(target, p))
            return Answer(
                p, "no_data", say(p, key, what=what, period=label), [], "cnasean trade", read
            )
        main = with_it + [r for r in main if r not in with_it]
    text = _figure_sentence(p, target, flow, head.reporter, label, main)
    first_of: dict[str | None, Any] = {}
    for r in main:
        first_of.setdefault(r.currency, r)
    same = [
        r for r in main if r is not first_of[r.currency] and r.value != first_of[r.currency].value
    ]
    used = list(first_of.values())
    if same:
        text += say(p, "same_basis", figures=say(p, "sep").join(money(r, p) for r in same))
        used += same
    for rep in dict.fromkeys(r.reporter for r in found if r.reporter != head.reporter):
        theirs = [r for r in found if r.reporter == rep]
        text += say(p, "other_reporter", who=_who(p, rep), figures=_their_figures(p, theirs, rep))
        used += theirs
    return Answer(p, "answered", text, used, None, read)


def _their_figures(p: Parsed, recs: list[Any], reporter: str) -> str:
    return say(p, "sep").join(money(r, p) for r in recs)


def _figure_sentence(
    p: Parsed, target: str, flow: str, reporter: str, label: str, recs: list[Any]
) -> str:
    who = _who(p, reporter)
    member_side = reporter not in ("CN", countries.BLOC)
    if member_side:
        return say(
            p,
            f"mfigure_{_FLIP[flow]}",
            name=name(reporter, p),
            period=label,
            figure=figures(recs, p),
            who=who,
        )
    if flow == "balance":
        head = recs[0]
        sign = say(p, "surplus" if (head.value or 0) >= 0 else "deficit")
        fig = figures(recs, p, absolute=True)
        return say(
            p, "figure_balance", name=name(target, p), period=label, sign=sign, figure=fig, who=who
        )
    return say(
        p, f"figure_{flow}", name=name(target, p), period=label, figure=figures(recs, p), who=who
    )


def _no_figure(
    p: Parsed,
    target: str,
    flow: str,
    asked: str | None,
    label: str | None,
    wanted: Any,
    order: Any,
    db: DbPath,
) -> Answer:
    from cnasean.query.trade import trade

    what = say(p, "pair", name=name(target, p))
    fl = say(p, f"flow_{flow}")
    read = _reads(p, target, flow, asked or "CN", label)
    if label is None:
        return Answer(
            p,
            "no_data",
            say(p, "no_trade_at_all", what=what, flow=fl),
            [],
            "cnasean trade --list",
            read,
        )
    text = say(p, "no_trade", what=what, flow=fl, period=label)
    assert p.period is not None
    span = parse_period(p.period)
    # A whole year asked and not yet complete (this year): the latest figure within it.
    if span.start.month == 1 and span.end.month == 12 and span.start.year == span.end.year:
        within = sorted(
            (r for r in trade(target, year=span.start.year, reporter="all", db=db) if wanted(r)),
            key=order,
        )
        if within:
            last_end = max(r.period_end for r in within)
            latest = [r for r in within if r.period_end == last_end]
            latest = [r for r in latest if r.reporter == latest[0].reporter]
            lab = period_text(latest[0].period_start, latest[0].period_end, p)
            text += say(
                p, "latest_within", year=span.start.year, period=lab, figures=figures(latest, p)
            )
            return Answer(
                p, "answered", text, latest, None, _reads(p, target, flow, latest[0].reporter, lab)
            )
    return Answer(p, "no_data", text, [], "cnasean trade --list", read)


def answer_rank(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.trade_rank import trade_rank

    if p.flow not in (None, "total") or p.currency:
        return Answer(p, "not_understood", say(p, "rank_total_only"), [], "cnasean trade --rank")
    year = parse_period(p.period).start.year if p.period else None
    if p.period and (parse_period(p.period).start.month, parse_period(p.period).end.month) != (
        1,
        12,
    ):
        year = None if p.relative is None else year
        if year is None:
            return Answer(
                p,
                "not_understood",
                say(
                    p,
                    "unplaced",
                    words=p.period,
                    topic=say(p, "topics"),
                    command="cnasean trade --rank",
                ),
                [],
                "cnasean trade --rank",
            )
    r = trade_rank(year=year, db=db)
    read = say(p, "read_rank", year=r.year, currency=r.currency)
    ranked = r.ranked()
    if len(ranked) < 2:
        names = ", ".join(name(x.country, p) for x in ranked) or "-"
        return Answer(
            p,
            "no_data",
            say(p, "rank_too_few", year=r.year, names=names),
            [],
            "cnasean trade --rank",
            read,
        )
    pick = ranked[-1] if p.kind == "rank_least" else ranked[0]
    assert pick.shown is not None
    text = say(
        p,
        "rank_least" if p.kind == "rank_least" else "rank_most",
        year=r.year,
        first=name(pick.country, p),
        figure=money(pick.shown, p),
        share=f"{pick.share_pct:g}",
    )
    rows = say(p, "sep").join(
        f"{x.rank}. {name(x.country, p)} {money(x.shown, p)} ({x.share_pct:g}%)"
        for x in ranked
        if x.shown
    )
    text += say(p, "rank_order", rows=rows)
    if r.missing():
        text += say(p, "rank_missing", names=", ".join(name(c, p) for c in r.missing()))
    return Answer(p, "answered", text, [x.shown for x in ranked if x.shown], None, read)


def answer_milestone(p: Parsed, db: DbPath) -> Answer:
    from cnasean.store.read import open_store

    read = say(p, "read_milestone")
    hits = [
        r
        for r in open_store(db).records("trade")
        if r.note and "largest trading partner for the first time" in r.note
    ]
    if not hits:
        return Answer(p, "no_data", say(p, "no_milestone"), [], "cnasean search largest", read)
    r = min(hits, key=lambda r: r.period_start)
    text = say(p, "milestone", year=r.period_start.year, note=r.note)
    return Answer(p, "answered", text, [r], None, read)
