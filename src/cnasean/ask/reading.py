"""The parts of a reading beyond topic and country: the flow and whose statistics, the kind
of question (a ranking, a list, an end date), relative periods against today, and the
accounting of every content word (a word the reading cannot place makes it decline)."""

from __future__ import annotations

import datetime as dt
import re

from cnasean import countries
from cnasean.ask.lexicon import (
    ATTRIBUTE_WORDS,
    COMMON,
    DEMONYMS,
    END_WORDS,
    EVENT_WORDS,
    FLOW_WORDS,
    FORECAST_WORDS,
    LEAST_WORDS,
    MONTHS,
    NEUTRAL,
    NON_MEMBERS,
    NUMBERS,
    RANK_WORDS,
    START_WORDS,
    TOPIC_WORDS,
    ZH_KNOWN,
    ZH_NEUTRAL,
    ZH_TOPIC,
)
from cnasean.text import CJK

_COUNTRY_WORDS = (
    frozenset(
        w
        for c in countries.ALL
        for n in (c.name, c.official_name, *c.aliases)
        if n.isascii()
        for w in n.lower().replace("-", " ").split()
    )
    | frozenset(DEMONYMS)
    | frozenset(w for n in NON_MEMBERS if n.isascii() for w in n.split())
)

KNOWN_EN = (
    NEUTRAL
    | frozenset(FLOW_WORDS)
    | RANK_WORDS
    | FORECAST_WORDS
    | END_WORDS
    | START_WORDS
    | EVENT_WORDS
    | ATTRIBUTE_WORDS
    | frozenset(MONTHS)
    | frozenset(NUMBERS)
    | _COUNTRY_WORDS
    | frozenset(w for ws in TOPIC_WORDS.values() for w in ws)
    | frozenset(
        "visa-free visa free exempt exemption exemptions without no yes mutual unilateral "
        "transit arrival on-arrival business tourism tourist holiday work study purpose "
        "purposes condition conditions limit limits maximum allowed longest "
        "h1 h2 q1 q2 q3 q4 ytd jan feb mar apr jun jul aug sep sept oct nov dec "
        "become became overtake overtook partner partners s dollar dollars usd yuan rmb cny".split()
    )
)


def account_en(words: list[str], topic: str | None, name_words: frozenset[str]) -> tuple[str, ...]:
    """The words of an English question the reading does not place (in order, once each)."""
    out: list[str] = []
    for w in words:
        w = w.strip("'.")
        base = w[:-2] if w.endswith("'s") else w
        if not base or base.isdigit() or re.fullmatch(r"\d+(\.\d+)*|\d{4}s?", base):
            continue
        if len(base) <= 2 and base not in ("us",):
            continue
        if base in KNOWN_EN or base in COMMON or base in name_words:
            continue
        if base.endswith("s") and (base[:-1] in KNOWN_EN or base[:-1] in name_words):
            continue
        if base not in out:
            out.append(base)
    return tuple(out)


def account_zh(text: str, topic: str | None, project: str | None, db: object) -> tuple[str, ...]:
    """The characters of a Chinese question left over when every known phrase is removed."""
    rest = text
    names = [c.name_zh for c in countries.ALL] + [
        a for c in countries.ALL for a in c.aliases if not a.isascii()
    ]
    pairs = ("中越", "中泰", "中柬", "中缅", "中菲", "中老", "中马", "中印尼", "中新", "中文")
    known = [*ZH_KNOWN, *names, *pairs, *(w for ws in ZH_TOPIC.values() for w in ws)]
    for phrase in sorted(known, key=len, reverse=True):
        rest = rest.replace(phrase, " ")
    if topic in ("events", "infrastructure"):
        return ()  # titles and names are matched on the text itself (bigrams)
    left = [ch for ch in rest if "\u3400" <= ch <= "\u9fff" and ch not in ZH_NEUTRAL]
    ascii_words = [
        w for w in re.findall(r"[A-Za-z]+", rest) if w.lower() not in KNOWN_EN and len(w) > 2
    ]
    return tuple(dict.fromkeys(left + ascii_words))


# --- kind ----------------------------------------------------------------------------------

_RANK_EN = re.compile(
    r"\b(which|what|who)\b.*\b(most|largest|biggest|greatest|highest|top|leading|least|"
    r"smallest|lowest|fewest)\b|\brank(ed|ing|ings)?\b|\btop \d+\b"
)
_LIST_EN = re.compile(
    r"\b(which|what|list)\b.*\b(countries|members|nations|nationals|citizens|passports)\b"
    r"|\bwhere in asean\b|\bwhich asean\b"
)


def _has(text: str, *parts: str) -> bool:
    return any(x in text for x in parts)


def kind_of(t: str, text: str) -> str | None:
    """rank / rank_least (which member trades most or least), list (which members ...),
    end / start (of a rule), what (what is ...), growth or share of a figure.

    Plain word and substring tests first: a regex is compiled only when they allow it."""
    ws = set(t.split())
    zh = text if CJK.search(text) else ""
    rank_zh = zh and ("排名" in zh or re.search(r"(哪个|哪一个|哪国).*最", zh))
    rank_en = ws & RANK_WORDS and ws & {"which", "what", "who", "rank", "ranked", "ranking", "top"}
    if rank_zh or (rank_en and _RANK_EN.search(t) and not _has(t, "visa")):
        if ws & LEAST_WORDS or _has(zh, "最少", "最小", "最低"):
            return "rank_least"
        return "rank"
    if "哪些" in zh or (ws & {"which", "what", "list", "where"} and _LIST_EN.search(t)):
        return "list"
    if (
        ws & END_WORDS
        or _has(t, "until when", "how long will")
        or _has(zh, "到期", "结束", "截止", "有效期")
    ):
        return "end"
    starts = ws & {"start", "started", "begin", "began", "introduced"} or "since when" in t
    if starts and (_has(t, "visa", "exemption") or _has(zh, "免签", "签证")):
        return "start"
    if (ws & {"what", "what's", "whats"} or "是什么" in zh) and (
        re.search(r"\bwhat (is|are|was)\b|\bwhat's\b|\bwhats\b|是什么", t + " " + zh)
        and not re.search(
            r"\bwhat (is|was) (the )?(total|value|trade|volume|amount|figure|share|growth|"
            r"status|cost|length|speed|design|population)",
            t,
        )
    ):
        return "what"
    if ws & {"growth", "grow", "grew", "increase", "increased", "rise", "rose", "yoy"} or _has(
        t + zh, "year on year", "增长", "同比", "增速"
    ):
        return "growth"
    if ws & {"share", "proportion", "percent", "percentage"} or _has(
        zh, "占比", "比重", "份额", "占"
    ):
        return "share"
    return None


# --- relative periods ----------------------------------------------------------------------


def _month_before(day: dt.date) -> str:
    y, m = (day.year, day.month - 1) if day.month > 1 else (day.year - 1, 12)
    return f"{y}-{m:02d}"


def relative_en(t: str, today: dt.date) -> tuple[str, str | None]:
    """``t`` with a relative year written as the year, and the relative period named."""
    y = today.year
    rel = None
    subs = (
        (r"\b(the )?year before last\b", str(y - 2), "year before last"),
        (r"\b(last|previous|past|prior) year('s)?\b", str(y - 1), "last year"),
        (
            r"\b(this|current) year('s)?\b|\bso far this year\b|\byear to date\b|\bytd\b",
            str(y),
            "this year",
        ),
    )
    for pattern, year, label in subs if ("year" in t or "ytd" in t) else ():
        if re.search(pattern, t):
            t = re.sub(pattern, year, t)
            rel = label
    if "quarter" in t and re.search(r"\b(last|previous|past|this|current) quarter\b", t):
        q = (today.month - 1) // 3 + 1
        y = today.year
        if not re.search(r"\b(this|current) quarter\b", t):
            y, q = (y, q - 1) if q > 1 else (y - 1, 4)
        t = re.sub(r"\b(last|previous|past|this|current) quarter\b", f"q{q} {y}", t)
        rel = "last quarter"
    elif "month" in t and re.search(r"\b(last|previous|past) month\b", t):
        ym = _month_before(today)
        month = list(MONTHS)[int(ym[5:]) - 1]
        t = re.sub(r"\b(last|previous|past) month\b", f"{month} {ym[:4]}", t)
        rel = "last month"
    elif rel is None and set(t.split()) & {"latest", "newest", "recent", "recently", "lately"}:
        rel = "latest"
    return t, rel


def relative_zh(text: str, today: dt.date) -> tuple[str, str | None]:
    y = today.year
    rel = None
    for word, year, label in (
        ("前年", y - 2, "year before last"),
        ("去年", y - 1, "last year"),
        ("今年", y, "this year"),
    ):
        if word in text:
            text = text.replace(word, f"{year}年")
            rel = label
    if "上个月" in text or "上月" in text:
        ym = _month_before(today)
        text = text.replace("上个月", f"{ym[:4]}年{int(ym[5:])}月").replace(
            "上月", f"{ym[:4]}年{int(ym[5:])}月"
        )
        rel = "last month"
    elif rel is None and ("最新" in text or "最近" in text):
        rel = "latest"
    return text, rel


# --- flow and reporter ---------------------------------------------------------------------

_FLOW_ZH = (
    ("进出口", "total"),
    ("顺差", "balance"),
    ("逆差", "balance"),
    ("差额", "balance"),
    ("出口", "export"),
    ("进口", "import"),
)


def _party_names(code: str) -> list[str]:
    if code == countries.BLOC:
        return ["asean", "southeast asia", "southeast asian"]
    c = countries.BY_CODE[code]
    return [
        c.name.lower(),
        *[d for d, k in DEMONYMS.items() if k == code],
        *(a.lower() for a in c.aliases if a.isascii()),
    ]


def flow_and_reporter(t: str, text: str, country: str | None) -> tuple[str, str | None]:
    """China's flow (total, export, import, balance) and whose statistics are asked for
    (None: China's customs first)."""
    member = country if country and country != countries.BLOC else None
    reporter = None
    if member:
        names = "|".join(re.escape(n) for n in _party_names(member))
        if re.search(
            rf"\b(according to|reported by|per) (the )?({names})\b|\b({names})('s)? (own|customs|statistics|figures|data|numbers|count)\b",
            t,
        ) or re.search(
            countries.BY_CODE[member].name_zh
            + r"(方|统计|海关)|据"
            + countries.BY_CODE[member].name_zh,
            text,
        ):
            reporter = member
    flow = "total"
    actor = None
    if CJK.search(text):
        for word, fl in _FLOW_ZH:
            if word in text:
                flow = fl
                break
        if member and flow in ("export", "import"):
            zh = countries.BY_CODE[member].name_zh
            if re.search(zh + r"(对|向)中国(出口|进口)|" + zh + r"(从|自)中国进口", text):
                actor = member
    else:
        ws = t.split()
        idx = next((i for i, w in enumerate(ws) if w in FLOW_WORDS), None)
        if idx is not None:
            flow = FLOW_WORDS[ws[idx]]
            if flow != "balance":
                before = " ".join(ws[:idx])
                after = " ".join(ws[idx + 1 : idx + 4])
                party = country if country else None
                mpat = "|".join(re.escape(n) for n in _party_names(party)) if party else None
                last_cn = max(before.rfind("china"), before.rfind("chinese"))
                last_m = (
                    max((m.start() for m in re.finditer(rf"\b({mpat})\b", before)), default=-1)
                    if mpat
                    else -1
                )
                if last_cn >= 0 or last_m >= 0:
                    actor = party if last_m > last_cn else "CN"
                elif re.search(r"^(to|from) china\b", after):
                    actor = party if (flow == "export") == after.startswith("to") else "CN"
                else:
                    actor = "CN"
    if flow in ("export", "import") and actor not in (None, "CN"):
        flow = "import" if flow == "export" else "export"
    return flow, reporter


# --- visa direction --------------------------------------------------------------------


def direction(
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


def list_direction(t: str, text: str) -> tuple[str | None, str | None]:
    """Which ASEAN countries can Chinese visit (CN -> members), which members' citizens can
    visit China (members -> CN)."""
    if re.search(
        r"\b(visit|enter|go to|travel to|into|to)\s+china\b|来华|去中国|到中国|入境中国", t + text
    ):
        return "ASEAN", "CN"
    if re.search(r"\bchinese\b|\bchina\b|中国", t + text):
        return "CN", "ASEAN"
    return None, None
