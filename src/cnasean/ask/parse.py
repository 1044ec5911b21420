"""Plain questions, in English or Chinese, answered from the data and only from the data.

``ask(question)`` parses the question into a call of the query functions (topic, country,
direction, period or day, project, field), runs it, and builds the answer from the records it
found. It never makes a figure up: when the data has no answer it says so, and when the
question is not understood it says which command would answer it. Rule-based, offline, fast.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Sequence
from typing import Any

from cnasean import countries
from cnasean.ask.lexicon import (
    COMMON,
    DEMONYMS,
    MONTHS,
    NON_MEMBERS,
    TOPIC_WORDS,
    VOCAB,
    ZH_PAIRS,
    ZH_TOPIC,
)
from cnasean.ask.names import (
    name_words,
    project,
    project_words,
    without_names,
    without_zh,
)
from cnasean.ask.periods import period_en, period_zh
from cnasean.frozen import Frozen
from cnasean.query.sources import DbPath
from cnasean.text import CJK


class Parsed(Frozen):
    """What the question asks, as the query functions understand it."""

    question: str
    lang: str
    topic: str | None = None
    country: str | None = None
    passport: str | None = None
    destination: str | None = None
    purpose: str | None = None
    period: str | None = None
    span: tuple[str, str] | None = None  # a month or a day range, for visa and events
    project: str | None = None
    attribute: str | None = None
    other: str | None = None  # a country outside China and ASEAN that the question names
    flow: str | None = None  # China's flow: total, export, import, balance
    reporter: str | None = None  # whose statistics: CN, or the member's own
    kind: str | None = None  # rank, rank_least, list, end, start, what, growth, share
    relative: str | None = None  # the relative period named: last year, this year, latest
    forecast: bool = False
    currency: str | None = None  # USD or CNY when the question names one
    periods: tuple[str, ...] = ()  # the years named, when more than one
    ambiguous: str | None = None
    today: str = ""
    unplaced: tuple[str, ...] = ()  # content words the reading does not account for
    words: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__field_types__ if k != "words"}


class Answer(Frozen):
    """The answer: ``status`` is answered, no_data or not_understood."""

    parsed: Parsed
    status: str
    text: str
    records: Sequence[Any] = ()
    suggestion: str | None = None
    read_as: str = ""  # what was looked up, in the question's language ("" when declined)

    def sources(self) -> list[str]:
        from cnasean.query.sources import sources_of

        return list(dict.fromkeys(s for r in self.records for s in sources_of(r)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.parsed.question,
            "parsed": self.parsed.to_dict(),
            "status": self.status,
            "interpretation": self.read_as or None,
            "answer": self.text,
            "suggestion": self.suggestion,
            "sources": self.sources(),
            "records": [r.to_dict() for r in self.records],
        }


# --- parsing ---------------------------------------------------------------------------


def _fix_typos(words: list[str], db: DbPath = None) -> list[str]:
    """Each word not known is replaced by the closest word of the vocabulary (if close)."""
    from cnasean.ask.reading import KNOWN_EN

    out = []
    names: frozenset[str] | None = None
    for w in words:
        if (
            len(w) >= 4
            and w not in VOCAB
            and w not in COMMON
            and w not in KNOWN_EN
            and not w.isdigit()
        ):
            if names is None:
                names = name_words(db)
            if w in names:
                out.append(w)
                continue
            close = difflib.get_close_matches(w, VOCAB, n=1, cutoff=0.75 if len(w) == 4 else 0.8)
            out.append(close[0] if close else w)
        else:
            out.append(w)
    return out


def _countries_in(text: str, words: list[str]) -> list[tuple[int, str]]:
    """(position, code) of every country the question names, in order."""
    found: list[tuple[int, str]] = []
    lowered = " " + " ".join(words) + " "
    for c in countries.ALL:
        for name in (c.name, c.official_name, *c.aliases):
            key = " " + name.lower().replace("-", " ") + " "
            if not CJK.search(name):
                pos = lowered.find(key)
                if pos >= 0:
                    found.append((pos, c.code))
        for zh in (c.name_zh, *[a for a in c.aliases if CJK.search(a)]):
            pos = text.find(zh)
            if pos >= 0:
                found.append((pos, c.code))
    for i, w in enumerate(words):
        named = countries.get(w) if len(w) in (2, 3) and w.isupper() else None
        code = DEMONYMS.get(w) or (named.code if named else None)
        if code:
            found.append((len(" ".join(words[:i])) + 1, code))
    for pair, code in ZH_PAIRS.items():
        pos = text.find(pair)
        if pos >= 0 and not text.startswith(pair + "文", pos):
            found.append((pos, code))
    if " asean " in lowered or "东盟" in text:
        found.append(
            (lowered.find("asean") if "asean" in lowered else text.find("东盟"), countries.BLOC)
        )
    return sorted(set(found))


def parse(question: str, db: DbPath = None, today: dt.date | None = None) -> Parsed:
    """The question's topic and entities, and the words it could not place."""
    from cnasean.ask.reading import (
        account_en,
        account_zh,
        kind_of,
    )

    day = today or dt.date.today()
    text = question.strip()
    zh = bool(CJK.search(text))
    folded = text.lower().replace("–", "-").replace("—", "-")
    raw_words = re.findall(r"[a-z0-9][a-z0-9']*", folded.replace("-", " "))
    # "Malaysia's" is Malaysia (not a typo of "Malaysians"); "China's" is China.
    words = _fix_typos([w[:-2] if w.endswith("'s") else w.rstrip("'") for w in raw_words], db)
    t = " ".join(words)
    f: dict[str, Any] = {
        "question": text,
        "lang": "zh" if zh else "en",
        "words": tuple(words),
        "today": day.isoformat(),
    }

    scores = {topic: sum(w in ws for w in words) for topic, ws in TOPIC_WORDS.items()}
    for topic, ws in ZH_TOPIC.items():
        scores[topic] += sum(w in text for w in ws)
    f["project"] = (
        project(text, words, db) or project(t, words, db)
        if _may_name_a_project(words, zh)
        else None
    )
    if f["project"]:
        scores["infrastructure"] += 2
    # ASEAN as China's partner; "Is China ASEAN's largest partner?" is the other way round.
    reverse = re.search(
        r"asean'?s (largest|biggest|top|number one|no 1) (trade |trading )?partner", folded
    ) or re.search(r"中国是东盟(的)?(最大|第一大)", text)
    milestone = (
        not reverse
        and ("partner" in t or "伙伴" in text)
        and re.search(
            r"(largest|biggest|top|number one|no 1|first) (trade |trading )?partner"
            r"|最大的?贸易伙伴|第一大贸易伙伴",
            t + " " + folded.replace(".", "") + " " + text,
        )
    )
    kind = kind_of(t, text)
    ranking = kind in ("rank", "rank_least")
    if milestone and (_becomes(t, text) or not ranking):
        f["topic"] = "trade_milestone"
    elif any(scores.values()):
        # A tie goes to the more specific topic: "When was the Free Trade Area 3.0 protocol
        # signed?" is about an event, not a trade figure.
        order = ("events", "infrastructure", "visa", "trade")
        f["topic"] = max(scores, key=lambda k: (scores[k], -order.index(k)))
    elif ranking:
        f["topic"] = "trade"
    f["kind"] = kind

    f.update(_when(t, text, folded, zh, day))

    # Plain word and substring tests: a regex per name would be compiled on every run.
    padded, tokens = f" {t} ", set(words)
    for name, label in NON_MEMBERS.items():
        if name in text if not name.isascii() else (name in tokens or f" {name} " in padded):
            f["other"] = label
            break
    found = _countries_in(text, words)
    codes = [c for _, c in found]
    members = [c for c in codes if c not in ("CN", countries.BLOC)]
    f["country"] = members[0] if members else (countries.BLOC if countries.BLOC in codes else None)
    if len(set(members)) > 1:
        f["ambiguous"] = ", ".join(dict.fromkeys(members))
    if f.get("topic") == "trade":
        f.update(_trade_part(t, text, f["country"], tokens))
    if f.get("topic") == "visa":
        f.update(_visa_part(f["country"], found, t, text, kind))
    name_words: frozenset[str] = frozenset()
    if f.get("topic") == "infrastructure":
        name_words = project_words(f["project"], db)
        f["attribute"] = _attribute(
            without_names(t, f["project"], db), without_zh(text, f["project"], db) if zh else ""
        )
    f["unplaced"] = (
        account_zh(text, f.get("topic"), f["project"], db)
        if zh
        else account_en(words, f.get("topic"), name_words)
    )
    if reverse:  # China as ASEAN's partner: the data holds the milestone the other way only
        f["unplaced"] = (*f["unplaced"], reverse.group(0))
    return Parsed(**f)


def _may_name_a_project(words: list[str], zh: bool) -> bool:
    """Whether the projects need to be looked up: a Chinese question, a word of the
    infrastructure topic or its attributes, or a word not known (a name such as 'Whoosh').
    A question of known words only ('What was China-ASEAN trade last year?') names none."""
    from cnasean.ask.lexicon import ATTRIBUTE_WORDS
    from cnasean.ask.reading import KNOWN_EN

    if zh:
        return True
    infra = set(TOPIC_WORDS["infrastructure"]) | ATTRIBUTE_WORDS
    for w in words:
        if w in infra or w.rstrip("s") in infra or (w not in KNOWN_EN and w not in COMMON):
            return True
    return False


def _trade_part(t: str, text: str, country: str | None, tokens: set[str]) -> dict[str, Any]:
    """China's flow, whose statistics and the currency a trade question asks for."""
    from cnasean.ask.reading import flow_and_reporter

    f: dict[str, Any] = {}
    f["flow"], f["reporter"] = flow_and_reporter(t, text, country)
    if tokens & {"dollar", "dollars", "usd"} or "美元" in text:
        f["currency"] = "USD"
    elif tokens & {"yuan", "rmb", "cny"} or "人民币" in text:
        f["currency"] = "CNY"
    return f


def _visa_part(
    country: str | None, found: list[tuple[int, str]], t: str, text: str, kind: str | None
) -> dict[str, Any]:
    """Who travels where, and for what, in a visa question."""
    from cnasean.ask.reading import direction, list_direction

    f: dict[str, Any] = {}
    f["passport"], f["destination"] = direction(country, found, t, text)
    no_member = country in (None, countries.BLOC)
    if f["passport"] is None and (kind == "list" or (kind == "end" and no_member)):
        f["passport"], f["destination"] = list_direction(t, text)
    if re.search(r"\btouris[mt]s?\b|旅游", t + text):
        f["purpose"] = "tourism"
    elif re.search(r"\bbusiness\b|商务", t + text):
        f["purpose"] = "business"
    return f


def _when(t: str, text: str, folded: str, zh: bool, day: dt.date) -> dict[str, Any]:
    """The period or days asked (relative ones counted from ``day``) and whether the
    question asks for a forecast."""
    from cnasean.ask.reading import relative_en, relative_zh

    f: dict[str, Any] = {}
    # Two years ("2025 compared with 2024", "from 2023 to 2025"): one figure would answer
    # neither, so the question is declined.
    years = tuple(dict.fromkeys(re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", text)))
    if len(years) > 1:
        f["periods"] = years
    if zh:
        rel_text, f["relative"] = relative_zh(text, day)
        f["period"], f["span"] = period_zh(rel_text)
    else:
        rel_t, f["relative"] = relative_en(t, day)
        f["period"], f["span"] = period_en(rel_t, folded)
        if f["relative"] and f["relative"] != "latest" and f["period"] is None:
            f["period"], f["span"] = period_en(rel_t)
    f["forecast"] = (
        "next year" in t
        or "明年" in text
        or any(w in t.split() for w in ("will", "forecast", "predict", "projected", "outlook"))
        or any(z in text for z in ("预计", "预测", "将会", "会是"))
    )
    if (
        set(t.split()) & {"now", "today", "currently", "current"}
        or "现在" in text
        or "目前" in text
    ):
        f["span"] = (day.isoformat(), day.isoformat())
    # A part of a year with no year ("in Q1", "the first half"), or a rolling span ("the
    # last 12 months"): which one is asked is not known, so it is not guessed.
    parts = {"q1", "q2", "q3", "q4", "h1", "h2", "quarter", "half", "months", *MONTHS}
    if f["period"] is None and f["span"] is None:
        if (set(t.split()) & parts) or re.search(r"季度|半年|前\S{1,2}个?月|\d{1,2}月", text):
            f["periods"] = ("?",)
    return f


def _becomes(t: str, text: str) -> bool:
    """'When did ASEAN become China's largest trading partner': the milestone, not a ranking."""
    return bool(re.search(r"\b(become|became|overtake|overtook|first)\b|成为", t + " " + text))


def _attribute(t: str, text: str) -> str | None:
    checks = (
        (
            "opened",
            r"\bwhen\b.*\b(open|opened|opening|start operat|begin operat|start running|"
            r"begin running|start service|enter service|launch)|开通|通车|投入运营",
        ),
        ("cost_usd", r"\bcost|how much.*(build|spent)|\bprice|造价|投资|花费|花了|多少钱|费用"),
        ("length_km", r"how long|length|\bkm\b|kilomet|多长|全长|长度"),
        ("design_speed_kmh", r"how fast|(?<!high )speed|km/h|时速|速度"),
        ("passengers", r"passenger|ridership|how many (people|trips)|客运|旅客|乘客"),
        ("status", r"status|still|finished|completed|built yet|进展|状态|完工"),
        ("construction_start", r"when.*(start|begin|began|construct|break ground)|开工"),
    )
    for name, pattern in checks:
        if re.search(pattern, t + " " + text):
            return name
    return None
