"""Answers on infrastructure projects (by the attribute asked) and on events."""

from __future__ import annotations

from typing import Any

from cnasean.ask.parse import Answer, Parsed
from cnasean.ask.sentences import say
from cnasean.query.sources import DbPath

_ATTRIBUTE = {
    "opened": ("opening date", "开通日期"),
    "length_km": ("length", "长度"),
    "design_speed_kmh": ("design speed", "设计时速"),
    "cost_usd": ("cost", "造价"),
    "passengers": ("passengers carried", "累计客运量"),
    "construction_start": ("construction start", "开工日期"),
    "status": ("status", "状态"),
    None: ("summary", "概况"),
}
_QUAL = {"over": ("over ", "超过"), "about": ("about ", "约"), "nearly": ("nearly ", "近")}


def answer_infra(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.projects import project

    if not p.project:
        return Answer(p, "not_understood", say(p, "which_project"), [], "cnasean infra")
    pr = project(p.project, db=db)
    name = pr.name_zh if p.lang == "zh" and pr.name_zh else pr.name
    attr = p.attribute
    en, zh = _ATTRIBUTE[attr]
    read = say(p, "read_project", name=name, attribute=zh if p.lang == "zh" else en)
    alts = [a for a in pr.alternatives if a.field == attr]
    found = True
    if attr == "opened":
        text = (
            say(p, "opened", name=name, day=pr.opened)
            if pr.opened
            else say(p, "not_opened", name=name, status=pr.status)
        )
    elif attr == "length_km":
        found = bool(pr.length_km)
        text = (
            say(p, "length", name=name, km=f"{pr.length_km:g}")
            if found
            else say(p, "no_length", name=name)
        )
    elif attr == "design_speed_kmh":
        found = bool(pr.design_speed_kmh)
        text = (
            say(p, "speed", name=name, kmh=f"{pr.design_speed_kmh:g}")
            if found
            else say(p, "no_speed", name=name)
        )
    elif attr == "cost_usd":
        from cnasean.text import human_number

        found = bool(pr.cost_usd)
        text = (
            say(
                p,
                "cost",
                name=name,
                bn=human_number(pr.cost_usd),
                yi=f"{(pr.cost_usd or 0) / 1e8:g}",
            )
            if found
            else say(p, "no_cost", name=name)
        )
    elif attr == "passengers":
        ms = [m for m in pr.metrics if m.metric == "passengers_cumulative" and m.value]
        found = bool(ms)
        if ms:
            m = max(
                ms, key=lambda m: (m.value or 0, m.as_of or "")
            )  # cumulative: largest is latest
            q = _QUAL.get(m.qualifier or "", ("", ""))
            text = say(
                p,
                "passengers",
                name=name,
                q=q[1] if p.lang == "zh" else q[0],
                n=f"{m.value:,.0f}",
                day=m.as_of,
            )
        else:
            text = say(p, "no_passengers", name=name)
    elif attr == "construction_start":
        found = bool(pr.construction_start)
        text = (
            say(p, "started", name=name, day=pr.construction_start)
            if found
            else say(p, "no_start", name=name)
        )
    elif attr == "status":
        as_of = f" ({pr.status_as_of})" if pr.status_as_of else ""
        text = say(p, "status", name=name, status=pr.status, as_of=as_of)
    else:
        bits = [f"status {pr.status}" + (f" ({pr.status_as_of})" if pr.status_as_of else "")]
        if pr.opened:
            bits.append(f"opened {pr.opened}")
        if pr.length_km:
            bits.append(f"{pr.length_km:g} km")
        if p.lang == "zh":
            bits = [f"状态{pr.status}", f"开通{pr.opened or '未知'}"]
        text = say(p, "summary", name=name, bits=("，" if p.lang == "zh" else ", ").join(bits))
    if alts and found:
        text += say(
            p, "sources_differ", alts="; ".join(f"{a.value} ({', '.join(a.sources)})" for a in alts)
        )
    if not found:
        return Answer(p, "no_data", text, [], f"cnasean infra {pr.id}", read)
    return Answer(p, "answered", text, [pr], None, read)


_EVENT_STOP = frozenset(
    "when was were the did what happened is a an of and china asean between did does do how "
    "date day year which in on at to for with by it its this that who".split()
)
_VERB_CATEGORY = (
    (r"\bsign|签署|签订", "agreement-signed"),
    (r"\bjoin|admit|accession|member|加入|成为.*成员", "accession"),
    (r"in(to)? force|take effect|took effect|come into|生效", "agreement-in-force"),
    (r"\bexpo\b|博览会", "expo"),
    (r"summit|峰会", "summit"),
)


_SPELLED = {
    "fta": (" fta ", " acfta ", " free trade area "),
    "acfta": (" acfta ", " free trade area "),
    "doc": (" doc ", " declaration on the conduct "),
    "coc": (" coc ", " code of conduct "),
    "tac": (" tac ", " treaty of amity "),
    "rcep": (" rcep ", " regional comprehensive economic partnership "),
    "caexpo": (" caexpo ", " china asean expo "),
}
_ORDINALS = dict(
    zip(
        "first second third fourth fifth sixth seventh eighth ninth tenth".split(),
        "1st 2nd 3rd 4th 5th 6th 7th 8th 9th 10th".split(),
        strict=True,
    )
)
_SYNONYMS = {
    "join": ("accedes", "joins", "admitted"),
    "joined": ("accedes", "joins", "admitted"),
    "accede": ("accedes",),
    "become": ("joins", "admitted", "becomes"),
}


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
    member = p.country if p.country not in (None, "ASEAN") else None
    # "The first China-ASEAN Expo" is the 1st, whatever else its words match.
    ordinal = next((_ORDINALS[w] for w in p.words if w in _ORDINALS), None)
    every = open_store(db).records("events")
    if ordinal and any(f" {ordinal} " in f" {fold(e.title)} " for e in every):
        every = [e for e in every if f" {ordinal} " in f" {fold(e.title)} "]
    for e in every:
        if member and member not in e.countries:
            continue  # "When did Brunei join ASEAN?" is not Timor-Leste's accession
        hay = f" {fold(e.title)} {e.id.replace('-', ' ')} {fold((e.note or '')[:300])} "
        score = float(sum(f" {w} " in hay or f" {w}" in hay for w in words))
        if p.lang == "zh":
            zh = (e.title_zh or "") + e.title
            score += sum(b in zh for b in bigrams)
        if e.category in wanted:
            score += 0.5
        if ordinal:
            score += 1  # the ordinal asked, matched by the filter above
        if p.kind == "what" and e.category == "agreement-signed":
            score += 0.4  # 'what is ACFTA 3.0': the agreement itself, not its negotiation
        score += 0.3 * sum(f" {s}" in hay for w in words for s in _SYNONYMS.get(w, ()))
        if score > best_score:
            best, best_score = e, score
    needed = max(2.0, len(words) / 2) if p.lang == "en" else 2.5
    if best is None or best_score < needed:
        return None
    # Every word the parser could not place, and every acronym named (DOC, RCEP), must be
    # in the event it found: "When did the DOC take effect?" is not the ACFTA's entry into force.
    from cnasean.ask.lexicon import ACRONYMS

    hay = f" {fold(best.title)} {best.id.replace('-', ' ')} {fold(best.note or '')} "
    if any(f" {w}" not in hay for w in p.unplaced):
        return None
    for w in p.words:
        if w in ACRONYMS and not any(x in hay for x in _SPELLED.get(w, (f" {w} ",))):
            return None
    return best


def answer_events(p: Parsed, db: DbPath) -> Answer:
    from cnasean.query.events import events

    if p.span and (p.kind != "what" or not p.unplaced):
        lo, hi = p.span
        read = say(p, "read_events", lo=lo, hi=hi)
        if p.unplaced:
            return _unplaced(p)
        found = events(since=lo, until=hi, db=db)
        found = [e for e in found if "CN" in e.countries or "ASEAN" in e.countries]
        if not found:
            return Answer(
                p, "no_data", say(p, "no_events", lo=lo, hi=hi), [], "cnasean events", read
            )
        items = say(p, "sep").join(
            f"{e.date} {e.title_zh if p.lang == 'zh' and e.title_zh else e.title}"
            for e in found[:12]
        )
        more = say(p, "more", n=len(found) - 12) if len(found) > 12 else ""
        return Answer(
            p,
            "answered",
            say(p, "events", n=len(found), items=items, more=more),
            found[:12],
            None,
            read,
        )
    e = _best_event(p, db)
    if e is None:
        if p.unplaced:
            return _unplaced(p)
        return Answer(p, "no_data", say(p, "no_event"), [], "cnasean events")
    title = e.title_zh if p.lang == "zh" and e.title_zh else e.title
    read = say(p, "read_event", title=title)
    place = f", {e.place}" if e.place else ""
    if p.kind == "what":
        note = (e.note or "").split(". ")[0].rstrip(".") + "." if e.note else ""
        text = say(p, "event_what", title=title, day=e.date, place=place, note=note).strip()
    else:
        text = say(p, "event", title=title, day=e.date, place=place)
    return Answer(p, "answered", text, [e], None, read)


def _unplaced(p: Parsed) -> Answer:
    words = ", ".join(f"'{w}'" for w in p.unplaced)
    return Answer(
        p,
        "not_understood",
        say(p, "unplaced", words=words, topic=say(p, "topics"), command="cnasean events"),
        [],
        "cnasean events",
    )
