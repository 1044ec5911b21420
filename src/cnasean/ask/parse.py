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
    CJK,
    COMMON,
    DEMONYMS,
    GENERIC,
    NON_MEMBERS,
    TOPIC_WORDS,
    VOCAB,
    ZH_PAIRS,
    ZH_TOPIC,
)
from cnasean.ask.periods import period_en, period_zh
from cnasean.frozen import Frozen
from cnasean.query.sources import DbPath


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

    def sources(self) -> list[str]:
        from cnasean.query.sources import sources_of

        return list(dict.fromkeys(s for r in self.records for s in sources_of(r)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.parsed.question,
            "parsed": self.parsed.to_dict(),
            "status": self.status,
            "answer": self.text,
            "suggestion": self.suggestion,
            "sources": self.sources(),
            "records": [r.to_dict() for r in self.records],
        }


# --- parsing ---------------------------------------------------------------------------


def _fix_typos(words: list[str]) -> list[str]:
    out = []
    for w in words:
        if len(w) >= 4 and w not in VOCAB and w not in COMMON and not w.isdigit():
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
    if re.search(r"\basean\b", lowered) or "东盟" in text:
        found.append(
            (lowered.find("asean") if "asean" in lowered else text.find("东盟"), countries.BLOC)
        )
    return sorted(set(found))


def _project(text: str, words: list[str], db: DbPath) -> str | None:
    from cnasean.store.read import open_store
    from cnasean.text import fold

    folded = " " + fold(text) + " "
    best: tuple[int, str] | None = None
    for p in open_store(db).records("infrastructure"):
        for name in (p.name, *p.aliases, p.name_zh or "", p.id.replace("-", " ")):
            key = fold(name)
            if not key:
                continue
            core = [w for w in key.split() if w not in GENERIC]
            hit = (
                f" {key} " in folded
                or (
                    core
                    and all(f" {w} " in folded for w in core)
                    and any(
                        w in folded for w in ("railway", "rail", "train", "line", "铁路", "高铁")
                    )
                    and ("railway" in key or "rail" in key)
                )
                or (CJK.search(name) and name in text)
            )
            if hit and (best is None or len(key) > best[0]):
                best = (len(key), p.id)
    return best[1] if best else None


def parse(question: str, db: DbPath = None) -> Parsed:
    """The question's topic and entities."""
    text = question.strip()
    zh = bool(CJK.search(text))
    folded = re.sub(r"[–—]", "-", text.lower())
    words = _fix_typos(re.findall(r"[a-z0-9][a-z0-9']*", folded.replace("-", " ")))
    t = " ".join(words)
    f: dict[str, Any] = {"question": text, "lang": "zh" if zh else "en", "words": tuple(words)}

    scores = {topic: sum(w in ws for w in words) for topic, ws in TOPIC_WORDS.items()}
    for topic, ws in ZH_TOPIC.items():
        scores[topic] += sum(w in text for w in ws)
    f["project"] = _project(text, words, db) or _project(t, words, db)
    if f["project"]:
        scores["infrastructure"] += 2
    if re.search(
        r"(largest|biggest|top|number one|no 1|first) (trade |trading )?partner"
        r"|最大的?贸易伙伴|第一大贸易伙伴",
        t + " " + folded.replace(".", "") + " " + text,
    ):
        f["topic"] = "trade_milestone"
    elif any(scores.values()):
        # A tie goes to the more specific topic: "When was the Free Trade Area 3.0 protocol
        # signed?" is about an event, not a trade figure.
        order = ("events", "infrastructure", "visa", "trade")
        f["topic"] = max(scores, key=lambda k: (scores[k], -order.index(k)))

    f["period"], f["span"] = period_zh(text) if zh else period_en(t, folded)
    if re.search(r"\b(now|today|currently|current)\b", t) or "现在" in text or "目前" in text:
        today = dt.date.today().isoformat()
        f["span"] = (today, today)

    for name, label in NON_MEMBERS.items():
        if (CJK.search(name) and name in text) or re.search(rf"\b{name}\b", t):
            f["other"] = label
            break
    found = _countries_in(text, words)
    codes = [c for _, c in found]
    members = [c for c in codes if c not in ("CN", countries.BLOC)]
    f["country"] = members[0] if members else (countries.BLOC if countries.BLOC in codes else None)
    if f.get("topic") == "visa":
        f["passport"], f["destination"] = _direction(f["country"], found, t, text)
        if re.search(r"\btouris[mt]s?\b|旅游", t + text):
            f["purpose"] = "tourism"
        elif re.search(r"\bbusiness\b|商务", t + text):
            f["purpose"] = "business"
    if f.get("topic") == "infrastructure":
        f["attribute"] = _attribute(t, text)
    return Parsed(**f)


def _direction(
    country: str | None, found: list[tuple[int, str]], t: str, text: str
) -> tuple[str | None, str | None]:
    """(passport, destination): 'Thai citizens ... visit China' is TH -> CN."""
    member = country if country not in (None, countries.BLOC) else None
    if member is None:
        return None, None
    traveller = None
    for code in (member, "CN"):
        c = countries.BY_CODE[code]
        demonyms = [d for d, k in DEMONYMS.items() if k == code] + [c.name.lower()]
        for d in demonyms:
            if re.search(
                rf"\b{re.escape(d)}\s+(citizens?|nationals?|tourists?|passport|people|"
                rf"travell?ers?|visitors?|holders?)",
                t,
            ) or re.search(rf"\bfrom\s+{re.escape(d)}\b", t):
                traveller = code
        if (
            c.name_zh + "公民" in text
            or c.name_zh + "人" in text
            or c.name_zh + "游客" in text
            or c.name_zh + "护照" in text
        ):
            traveller = code
    if traveller is None:
        # A bare nationality: "Do Vietnamese need a visa for China?" -> VN -> CN;
        # "Do Chinese need a visa for Vietnam?" -> CN -> VN.
        member_demonyms = [d for d, k in DEMONYMS.items() if k == member]
        if any(re.search(rf"\b{re.escape(d)}\b", t) for d in member_demonyms) and re.search(
            r"\bchina\b", t
        ):
            traveller = member
        elif re.search(r"\bchinese\b", t):
            traveller = "CN"
    if traveller is None:
        dest_cn = re.search(
            r"\b(to|for|visit|visiting|enter|entering|into|in)\s+china\b", t
        ) or re.search(r"去中国|来华|到中国|入境中国", text)
        traveller = member if dest_cn else None
        if traveller is None and re.search(
            rf"\b(to|visit|visiting|enter|entering|into|go to)\s+"
            rf"(the\s+)?{re.escape(countries.BY_CODE[member].name.lower())}",
            t,
        ):
            traveller = "CN"
    if traveller:
        return traveller, ("CN" if traveller != "CN" else member)
    return None, None


def _attribute(t: str, text: str) -> str | None:
    checks = (
        (
            "opened",
            r"\bwhen\b.*\b(open|opened|opening|start operat|begin operat|launch)|开通|通车|投入运营",
        ),
        ("length_km", r"how long|length|\bkm\b|kilomet|多长|全长|长度"),
        ("design_speed_kmh", r"how fast|speed|km/h|时速|速度"),
        ("cost_usd", r"cost|how much.*(build|spent)|price|造价|投资|花费"),
        ("passengers", r"passenger|ridership|how many (people|trips)|客运|旅客|乘客"),
        ("status", r"status|still|finished|completed|built yet|进展|状态|完工"),
        ("construction_start", r"when.*(start|begin|began|construct|break ground)|开工"),
    )
    for name, pattern in checks:
        if re.search(pattern, t + " " + text):
            return name
    return None
