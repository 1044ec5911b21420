"""Answers on infrastructure projects and on events."""

from __future__ import annotations

from typing import Any

from cnasean.ask.parse import Answer, Parsed
from cnasean.ask.wording import in_lang
from cnasean.query.sources import DbPath


def answer_infra(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.projects import project

    if not p.project:
        return Answer(
            p,
            "not_understood",
            in_lang(
                p, "Which project? Name it (e.g. the China–Laos Railway).", "请说明是哪个项目。"
            ),
            [],
            "cnasean infra",
        )
    pr = project(p.project, db=db)
    name = pr.name_zh if p.lang == "zh" and pr.name_zh else pr.name
    attr = p.attribute or "summary"
    alts = [a for a in pr.alternatives if a.field == attr]
    if attr == "opened":
        text = in_lang(
            p,
            f"The {name} opened on {pr.opened}."
            if pr.opened
            else f"The data has no opening date for the {name} (status: {pr.status}).",
            f"{name}于{pr.opened}开通。" if pr.opened else f"数据中没有{name}的开通日期。",
        )
    elif attr == "length_km":
        text = in_lang(
            p,
            f"The {name} is {pr.length_km:g} km long."
            if pr.length_km
            else f"The data has no length for the {name}.",
            f"{name}全长{pr.length_km:g}公里。" if pr.length_km else f"数据中没有{name}的长度。",
        )
    elif attr == "design_speed_kmh":
        text = in_lang(
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

        text = in_lang(
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
            text = in_lang(
                p,
                f"The {name} had carried {q}{m.value:,.0f} passengers by {m.as_of}.",
                f"截至{m.as_of},{name}累计发送旅客"
                f"{ {'over': '超过', 'about': '约', 'nearly': '近'}.get(m.qualifier or '', '') }"
                f"{m.value:,.0f}人次。",
            )
        else:
            text = in_lang(
                p,
                f"The data has no passenger figure for the {name}.",
                f"数据中没有{name}的客运数据。",
            )
    elif attr == "construction_start":
        text = in_lang(
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
        text = in_lang(
            p,
            f"The {name}: " + ", ".join(bits) + ".",
            f"{name}:状态{pr.status},开通{pr.opened or '未知'}。",
        )
    if alts:
        text += (
            in_lang(p, " Sources differ: ", "来源不一:")
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
                in_lang(
                    p,
                    f"The data has no China–ASEAN event between {p.span[0]} and {p.span[1]}.",
                    f"数据中没有{p.span[0]}至{p.span[1]}期间的事件。",
                ),
                [],
                "cnasean events",
            )
        items = in_lang(p, "; ", ";").join(
            f"{e.date} {e.title_zh if p.lang == 'zh' and e.title_zh else e.title}"
            for e in found[:12]
        )
        more = (
            in_lang(p, f" (and {len(found) - 12} more)", f"(另有{len(found) - 12}项)")
            if len(found) > 12
            else ""
        )
        return Answer(
            p,
            "answered",
            in_lang(p, f"{len(found)} events: ", f"共{len(found)}项:")
            + items
            + more
            + in_lang(p, ".", "。"),
            found[:12],
        )
    e = _best_event(p, db)
    if e is None:
        return Answer(
            p,
            "no_data",
            in_lang(p, "The data has no event that matches.", "数据中没有匹配的事件。"),
            [],
            "cnasean events",
        )
    title = e.title_zh if p.lang == "zh" and e.title_zh else e.title
    return Answer(
        p,
        "answered",
        in_lang(
            p,
            f"{title}: {e.date}" + (f", {e.place}" if e.place else "") + ".",
            f"{title}:{e.date}。",
        ),
        [e],
    )
