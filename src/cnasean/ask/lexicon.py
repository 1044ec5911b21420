"""The words questions are read with: topics, numbers, months, demonyms, countries outside
the data, and the vocabulary typos are corrected to. Data only; ``parse`` uses them."""

from __future__ import annotations

import calendar
import re

from cnasean import countries

CJK = re.compile(r"[\u3400-\u9fff]")
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "1": 1,
    "2": 2,
    "3": 3,
    "4": 4,
    "5": 5,
    "6": 6,
    "7": 7,
    "8": 8,
    "9": 9,
    "10": 10,
    "11": 11,
}
ZH_NUM = {
    "一": 1,
    "两": 2,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "十一": 11,
}
DEMONYMS = {
    "chinese": "CN",
    "thai": "TH",
    "vietnamese": "VN",
    "filipino": "PH",
    "filipinos": "PH",
    "malaysian": "MY",
    "malaysians": "MY",
    "indonesian": "ID",
    "indonesians": "ID",
    "singaporean": "SG",
    "singaporeans": "SG",
    "cambodian": "KH",
    "cambodians": "KH",
    "lao": "LA",
    "laotian": "LA",
    "laotians": "LA",
    "burmese": "MM",
    "myanmar": "MM",
    "bruneian": "BN",
    "bruneians": "BN",
    "timorese": "TL",
    "thais": "TH",
}
TOPIC_WORDS = {
    "trade": (
        "trade",
        "traded",
        "trading",
        "imports",
        "import",
        "exports",
        "export",
        "bilateral",
        "turnover",
        "commerce",
        "surplus",
        "deficit",
    ),
    "visa": (
        "visa",
        "visas",
        "visa-free",
        "visafree",
        "passport",
        "passports",
        "entry",
        "exemption",
        "enter",
    ),
    "infrastructure": (
        "railway",
        "rail",
        "railroad",
        "train",
        "metro",
        "expressway",
        "highway",
        "port",
        "airport",
        "canal",
        "project",
        "pipeline",
        "dam",
        "bridge",
        "corridor",
        "park",
        "refinery",
    ),
    "events": (
        "happened",
        "happen",
        "events",
        "event",
        "agreement",
        "signed",
        "summit",
        "expo",
        "joined",
        "accession",
        "declaration",
        "treaty",
        "timeline",
        "sign",
        "signing",
        "join",
        "joining",
        "admitted",
        "news",
        "protocol",
        "concluded",
        "launched",
    ),
}
ZH_TOPIC = {
    "trade": ("贸易", "进出口", "出口", "进口", "贸易额"),
    "visa": ("签证", "免签", "入境"),
    "infrastructure": ("铁路", "高铁", "高速公路", "港", "机场", "运河", "项目", "园"),
    "events": (
        "发生",
        "事件",
        "签署",
        "峰会",
        "博览会",
        "加入",
        "协定",
        "宣言",
        "大事",
        "新闻",
        "议定书",
    ),
}
VOCAB = sorted(
    {w for ws in TOPIC_WORDS.values() for w in ws}
    | set(DEMONYMS)
    | {c.name.lower() for c in countries.ALL}
    | {
        "largest",
        "partner",
        "citizens",
        "tourists",
        "need",
        "without",
        "open",
        "opened",
        "long",
        "length",
        "cost",
        "speed",
        "fast",
        "passengers",
        "quarters",
        "quarter",
        "half",
        "months",
        "first",
    }
)


COMMON = frozenset(
    "what when which where does need have with from that this were will year years many much "
    "long into more most than then them they been their there about tell over much give show "
    "list open date days".split()
)
NON_MEMBERS = {
    "japan": "Japan",
    "japanese": "Japan",
    "korea": "South Korea",
    "korean": "South Korea",
    "america": "the United States",
    "american": "the United States",
    "usa": "the United States",
    "us": "the United States",
    "united states": "the United States",
    "india": "India",
    "indian": "India",
    "australia": "Australia",
    "eu": "the European Union",
    "europe": "Europe",
    "european union": "the European Union",
    "russia": "Russia",
    "taiwan": "Taiwan",
    "hong kong": "Hong Kong",
    "日本": "Japan",
    "美国": "the United States",
    "韩国": "South Korea",
    "印度": "India",
    "澳大利亚": "Australia",
    "欧盟": "the European Union",
    "俄罗斯": "Russia",
}
ZH_PAIRS = {
    "中越": "VN",
    "中泰": "TH",
    "中柬": "KH",
    "中缅": "MM",
    "中菲": "PH",
    "中老": "LA",
    "中马": "MY",
    "中印尼": "ID",
}


GENERIC = frozenset(
    {
        "railway",
        "rail",
        "the",
        "of",
        "and",
        "high",
        "speed",
        "line",
        "phase",
        "standard",
        "gauge",
        "hsr",
        "1",
        "2",
        "project",
    }
)
