"""Answers to parsed questions, built only from the records the query functions return."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnasean import countries
from cnasean.ask.parse import Answer, Parsed, parse
from cnasean.dates import parse_period, period_label
from cnasean.errors import CnaseanError
from cnasean.query.sources import DbPath

COMMANDS = ("cnasean trade", "cnasean visa", "cnasean infra", "cnasean events", "cnasean search")


def _l(p: Parsed, en: str, zh: str) -> str:
    return zh if p.lang == "zh" else en


def _name(code: str, p: Parsed) -> str:
    if code == countries.BLOC:
        return _l(p, "ASEAN", "东盟")
    c = countries.BY_CODE[code]
    return _l(p, "the Philippines" if code == "PH" else c.name, c.name_zh)


DEMONYM = {
    "CN": "Chinese",
    "TH": "Thai",
    "VN": "Vietnamese",
    "PH": "Philippine",
    "MY": "Malaysian",
    "ID": "Indonesian",
    "SG": "Singaporean",
    "KH": "Cambodian",
    "LA": "Lao",
    "MM": "Myanmar",
    "BN": "Bruneian",
    "TL": "Timorese",
}


def _period(start: dt.date, end: dt.date, p: Parsed) -> str:
    """'2025 Jan-Sep' in English, '2025年1—9月' in Chinese."""
    label = period_label(start, end)
    if p.lang != "zh" or start.year != end.year:
        return label
    y, m0, m1 = start.year, start.month, end.month
    if (m0, m1) == (1, 12):
        return f"{y}年"
    if (m0, m1) in ((1, 6), (7, 12)):
        return f"{y}年{'上' if m0 == 1 else '下'}半年"
    if m1 - m0 == 2 and m0 % 3 == 1:
        return f"{y}年{'一二三四'[(m0 - 1) // 3]}季度"
    return f"{y}年{m0}月" if m0 == m1 else f"{y}年{m0}—{m1}月"


def _money(r: Any, p: Parsed) -> str:
    from cnasean.text import human_number

    qual = {"about": ("about ", "约"), "over": ("over ", "超过"), "nearly": ("nearly ", "近")}
    q = qual.get(r.qualifier or "", ("", ""))
    if p.lang == "zh":
        unit = "人民币" if r.currency == "CNY" else "美元"
        v = r.value
        text = f"{v / 1e12:g}万亿" if abs(v) >= 1e12 else f"{v / 1e8:g}亿"
        return f"{q[1]}{text}{unit}"
    cur = "yuan" if r.currency == "CNY" else "US dollars"
    return f"{q[0]}{human_number(r.value).replace('tn', 'trillion').replace('bn', 'billion')} {cur}"


def _extras(r: Any, p: Parsed) -> str:
    bits = []
    if r.yoy_pct is not None:
        bits.append(
            _l(
                p,
                f"{r.yoy_pct:+g}% year on year",
                f"同比{'增长' if r.yoy_pct >= 0 else '下降'}{abs(r.yoy_pct):g}%",
            )
        )
    if r.share_pct is not None:
        bits.append(
            _l(p, f"{r.share_pct:g}% of China's foreign trade", f"占中国外贸总值的{r.share_pct:g}%")
        )
    return (_l(p, " (", "(") + _l(p, "; ", ",").join(bits) + _l(p, ")", ")")) if bits else ""


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
        label = _period(parse_period(p.period).start, parse_period(p.period).end, p)
        if not recs:
            year = parse_period(p.period).start.year
            within = [
                r for r in trade(target, year=year, flow="total", db=db) if r.value is not None
            ]
            text = _l(
                p,
                f"The data has no figure for China–{_name(target, p)} trade in {label}.",
                f"数据中没有中国与{_name(target, p)}{label}的贸易额。",
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
                lab = _period(last.period_start, last.period_end, p)
                text += (
                    _l(
                        p,
                        f" The latest figure within {year} is for {lab}: ",
                        f"{year}年内最新的数据为{lab}:",
                    )
                    + _figures(latest, p)
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
                _l(p, "The data has no trade figure for that.", "数据中没有相关贸易额。"),
                [],
                "cnasean trade",
            )
        label = _period(recs[0].period_start, recs[0].period_end, p)
    recs = pick(recs)
    side = recs[0].reporter
    who = _l(
        p,
        "China's customs" if side == "CN" else f"{_name(side, p)}'s own statistics",
        "中国海关" if side == "CN" else f"{_name(side, p)}方统计",
    )
    text = _l(
        p,
        f"China–{_name(target, p)} trade in {label} was ",
        f"{label}中国与{_name(target, p)}贸易额为",
    ) + _figures(recs, p)
    text += _l(p, f", according to {who}.", f"(据{who})。")
    others = [r for r in recs[1:] if r.currency == recs[0].currency and r.value != recs[0].value]
    if others:
        text += (
            _l(p, " Other sources give ", "其他来源数据:")
            + _l(p, "; ", ";").join(_money(o, p) for o in others)
            + "."
        )
    return Answer(p, "answered", text, recs)


def _figures(recs: list[Any], p: Parsed) -> str:
    seen, parts = set(), []
    for r in recs:
        if r.currency in seen:
            continue
        seen.add(r.currency)
        parts.append(_money(r, p) + _extras(r, p))
    return _l(p, " or ", ",即").join(parts)


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
            _l(p, "The data does not say.", "数据中没有相关记载。"),
            [],
            "cnasean search largest",
        )
    r = min(hits, key=lambda r: r.period_start)
    year = r.period_start.year
    text = _l(
        p,
        f"ASEAN became China's largest trading partner for the first time in {year}: {r.note}",
        f"东盟于{year}年首次成为中国第一大贸易伙伴(据中国海关)。",
    )
    return Answer(p, "answered", text, [r])


def answer_visa(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.visa import SPECIAL, headline_order, visa

    if not p.country or p.country == countries.BLOC:
        return Answer(
            p,
            "not_understood",
            _l(p, "Which country? Name an ASEAN member.", "请说明是哪个东盟国家。"),
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
            _l(p, "The data has no visa rule for that.", "数据中没有相关签证规定。"),
            [],
            f"cnasean visa --country {p.country.lower()}",
        )
    when = _l(
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
        who = _l(
            p,
            f"{DEMONYM.get(pp, _name(pp, p))} citizens going to {_name(dest, p)}",
            f"{_name(pp, p)}公民前往{_name(dest, p)}",
        )
        if head is None:
            s = _l(p, f"{who}: only special schemes apply {when}", f"{who}:{when}仅有特殊政策")
        elif head.visa_free:
            stay = _l(
                p,
                f" for up to {head.max_stay_days} days" if head.max_stay_days else "",
                f",每次停留不超过{head.max_stay_days}天" if head.max_stay_days else "",
            )
            lim = ""
            if head.cumulative_limit:
                lim = _l(
                    p,
                    f" ({head.cumulative_limit.days} days in any {head.cumulative_limit.window_days})",
                    f"(任意{head.cumulative_limit.window_days}天内累计不超过{head.cumulative_limit.days}天)",
                )
            since = _l(
                p,
                f", in force since {head.effective_from}" if head.effective_from else "",
                f",自{head.effective_from}起实施" if head.effective_from else "",
            )
            s = _l(
                p,
                f"{who} need no visa {when}{stay}{lim} under the {head.name or head.regime.replace('_', ' ')}{since}",
                f"{who}{when}免签{stay}{lim}{since}",
            )
        else:
            s = _l(
                p,
                f"{who} need a visa {when} ({head.name or head.regime.replace('_', ' ')})",
                f"{who}{when}需要办理签证",
            )
        used += [head] if head else []
        if special:
            names = _l(p, "; ", ";").join(_scheme(r, p) for r in special[:3])
            s += _l(p, f"; visa-free exceptions: {names}", f";免签例外:{names}")
            used += special[:3]
        sentences.append(s + _l(p, ".", "。"))
    return Answer(p, "answered", " ".join(sentences), used)


def _scheme(rule: Any, p: Parsed) -> str:
    """A scheme's name: the data's English name, or in Chinese its regime (and region)."""
    if p.lang != "zh":
        return str(rule.name or rule.regime.replace("_", " "))
    from cnasean.text import REGIME_LABELS_ZH

    regions = {"Hainan": "海南", "Xishuangbanna": "西双版纳", "Phu Quoc": "富国岛"}
    label = REGIME_LABELS_ZH.get(rule.regime, rule.regime)
    return f"{regions.get(rule.region, rule.region)}{label}" if rule.region else label


def answer_infra(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.projects import project

    if not p.project:
        return Answer(
            p,
            "not_understood",
            _l(p, "Which project? Name it (e.g. the China–Laos Railway).", "请说明是哪个项目。"),
            [],
            "cnasean infra",
        )
    pr = project(p.project, db=db)
    name = pr.name_zh if p.lang == "zh" and pr.name_zh else pr.name
    attr = p.attribute or "summary"
    alts = [a for a in pr.alternatives if a.field == attr]
    if attr == "opened":
        text = _l(
            p,
            f"The {name} opened on {pr.opened}."
            if pr.opened
            else f"The data has no opening date for the {name} (status: {pr.status}).",
            f"{name}于{pr.opened}开通。" if pr.opened else f"数据中没有{name}的开通日期。",
        )
    elif attr == "length_km":
        text = _l(
            p,
            f"The {name} is {pr.length_km:g} km long."
            if pr.length_km
            else f"The data has no length for the {name}.",
            f"{name}全长{pr.length_km:g}公里。" if pr.length_km else f"数据中没有{name}的长度。",
        )
    elif attr == "design_speed_kmh":
        text = _l(
            p,
            f"The {name} is designed for {pr.design_speed_kmh:g} km/h."
            if pr.design_speed_kmh
            else f"The data has no speed for the {name}.",
            f"{name}设计时速{pr.design_speed_kmh:g}公里。"
            if pr.design_speed_kmh
            else f"数据中没有{name}的时速。",
        )
    elif attr == "cost_usd":
        from cnasean.text import human_number

        text = _l(
            p,
            f"The {name} cost about US${human_number(pr.cost_usd)}."
            if pr.cost_usd
            else f"The data has no cost in US dollars for the {name}.",
            f"{name}造价约{pr.cost_usd / 1e8:g}亿美元。"
            if pr.cost_usd
            else f"数据中没有{name}的美元造价。",
        )
    elif attr == "passengers":
        ms = [m for m in pr.metrics if m.metric == "passengers_cumulative" and m.value]
        if ms:
            m = max(
                ms, key=lambda m: (m.value or 0, m.as_of or "")
            )  # cumulative: largest is latest
            q = {"over": "over ", "about": "about ", "nearly": "nearly "}.get(m.qualifier or "", "")
            text = _l(
                p,
                f"The {name} had carried {q}{m.value:,.0f} passengers by {m.as_of}.",
                f"截至{m.as_of},{name}累计发送旅客"
                f"{ {'over': '超过', 'about': '约', 'nearly': '近'}.get(m.qualifier or '', '') }"
                f"{m.value:,.0f}人次。",
            )
        else:
            text = _l(
                p,
                f"The data has no passenger figure for the {name}.",
                f"数据中没有{name}的客运数据。",
            )
    elif attr == "construction_start":
        text = _l(
            p,
            f"Construction of the {name} began in {pr.construction_start}."
            if pr.construction_start
            else f"The data has no construction start for the {name}.",
            f"{name}于{pr.construction_start}开工。"
            if pr.construction_start
            else f"数据中没有{name}的开工日期。",
        )
    else:
        bits = [f"status {pr.status}" + (f" ({pr.status_as_of})" if pr.status_as_of else "")]
        if pr.opened:
            bits.append(f"opened {pr.opened}")
        if pr.length_km:
            bits.append(f"{pr.length_km:g} km")
        text = _l(
            p,
            f"The {name}: " + ", ".join(bits) + ".",
            f"{name}:状态{pr.status},开通{pr.opened or '未知'}。",
        )
    if alts:
        text += (
            _l(p, " Sources differ: ", "来源不一:")
            + "; ".join(f"{a.value} ({', '.join(a.sources)})" for a in alts)
            + "."
        )
    return Answer(
        p, "answered" if "has no" not in text and "没有" not in text else "no_data", text, [pr]
    )


_EVENT_STOP = frozenset(
    "when was were the did what happened is a an of and china asean between did does do how "
    "date day year which in on at to for with by it its this that who".split()
)
_VERB_CATEGORY = (
    (r"\bsign|签署|签订", "agreement-signed"),
    (r"\bjoin|admit|accession|member|加入|成为.*成员", "accession"),
    (r"in force|take effect|took effect|生效", "agreement-in-force"),
    (r"\bexpo\b|博览会", "expo"),
    (r"summit|峰会", "summit"),
)


def _best_event(p: Parsed, db: DbPath) -> Any:
    """The event a 'when did ...' question names: most question words in its title, id and
    note, with a bonus when the verb fits its category (signed -> agreement-signed)."""
    import re

    from cnasean.store.read import open_store
    from cnasean.text import fold

    text = p.question
    words = [w for w in p.words if (len(w) >= 2 or w.isdigit()) and w not in _EVENT_STOP]
    bigrams = {text[i : i + 2] for i in range(len(text) - 1)} - {
        "中国",
        "东盟",
        "什么",
        "时候",
        "哪年",
        "哪一",
    }
    bigrams = {b for b in bigrams if all("\u3400" <= ch <= "\u9fff" for ch in b)}
    wanted = [
        cat for pattern, cat in _VERB_CATEGORY if re.search(pattern, " ".join(p.words) + text)
    ]
    best, best_score = None, 0.0
    for e in open_store(db).records("events"):
        hay = f" {fold(e.title)} {e.id.replace('-', ' ')} {fold((e.note or '')[:300])} "
        score = float(sum(f" {w} " in hay or f" {w}" in hay for w in words))
        if p.lang == "zh":
            zh = (e.title_zh or "") + e.title
            score += sum(b in zh for b in bigrams)
        if e.category in wanted:
            score += 1.5
        if score > best_score:
            best, best_score = e, score
    needed = max(2.0, len(words) / 2) if p.lang == "en" else 2.5
    return best if best_score >= needed else None


def answer_events(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.events import events

    if p.span:
        found = events(since=p.span[0], until=p.span[1], db=db)
        found = [e for e in found if "CN" in e.countries or "ASEAN" in e.countries]
        if not found:
            return Answer(
                p,
                "no_data",
                _l(
                    p,
                    f"The data has no China–ASEAN event between {p.span[0]} and {p.span[1]}.",
                    f"数据中没有{p.span[0]}至{p.span[1]}期间的事件。",
                ),
                [],
                "cnasean events",
            )
        items = _l(p, "; ", ";").join(
            f"{e.date} {e.title_zh if p.lang == 'zh' and e.title_zh else e.title}"
            for e in found[:12]
        )
        more = (
            _l(p, f" (and {len(found) - 12} more)", f"(另有{len(found) - 12}项)")
            if len(found) > 12
            else ""
        )
        return Answer(
            p,
            "answered",
            _l(p, f"{len(found)} events: ", f"共{len(found)}项:") + items + more + _l(p, ".", "。"),
            found[:12],
        )
    e = _best_event(p, db)
    if e is None:
        return Answer(
            p,
            "no_data",
            _l(p, "The data has no event that matches.", "数据中没有匹配的事件。"),
            [],
            "cnasean events",
        )
    title = e.title_zh if p.lang == "zh" and e.title_zh else e.title
    return Answer(
        p,
        "answered",
        _l(
            p,
            f"{title}: {e.date}" + (f", {e.place}" if e.place else "") + ".",
            f"{title}:{e.date}。",
        ),
        [e],
    )


def ask(question: str, db: DbPath = None) -> Answer:
    """Answer ``question`` from the data (see the module docstring)."""
    p = parse(question, db)
    if (
        p.other
        and (p.country in (None, countries.BLOC))
        and p.topic in ("trade", "visa", "infrastructure", None)
    ):
        return Answer(
            p,
            "no_data",
            _l(
                p,
                f"cnasean covers China and the ASEAN members; {p.other} is not one of them, so the data has no answer.",
                f"cnasean 只涵盖中国与东盟成员国;{p.other}不在其中,数据中没有答案。",
            ),
            [],
            "cnasean trade --country NAME",
        )
    handlers = {
        "trade": answer_trade,
        "trade_milestone": answer_milestone,
        "visa": answer_visa,
        "infrastructure": answer_infra,
        "events": answer_events,
    }
    handler = handlers.get(p.topic or "")
    if handler is None:
        return Answer(
            p,
            "not_understood",
            _l(
                p,
                "I could not tell what the question asks. cnasean answers questions on China–ASEAN trade, visa rules, infrastructure projects and events; try one of: "
                + ", ".join(COMMANDS)
                + ".",
                "无法理解这个问题。cnasean 可回答中国—东盟贸易、签证、基础设施和大事记方面的问题;可试用:"
                + "、".join(COMMANDS)
                + "。",
            ),
            [],
            "cnasean search WORDS",
        )
    try:
        return handler(p, db)
    except CnaseanError as exc:
        return Answer(
            p,
            "no_data",
            _l(p, f"The data cannot answer that: {exc}", f"数据无法回答:{exc}"),
            [],
            "cnasean search WORDS",
        )
