"""China and the ASEAN members: codes, names, aliases, Chinese names, membership dates.

``get()`` returns None on a miss; ``lookup()`` raises ``UnknownCountry`` (with suggestions) or
``AmbiguousCountry``. Matching is case-insensitive and ignores punctuation and spacing.
"""

from __future__ import annotations

import datetime as dt

from cnasean.errors import AmbiguousCountry, UnknownCountry
from cnasean.frozen import Frozen

BLOC = "ASEAN"


class Country(Frozen):
    code: str
    alpha3: str
    name: str
    official_name: str
    name_zh: str
    aliases: tuple[str, ...] = ()
    asean_member_since: dt.date | None = None
    slug: str = ""

    def is_member(self, on: dt.date | None = None) -> bool:
        """True if the country is an ASEAN member on ``on`` (today when None)."""
        if self.asean_member_since is None:
            return False
        return (on or dt.date.today()) >= self.asean_member_since

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "alpha3": self.alpha3,
            "name": self.name,
            "official_name": self.official_name,
            "name_zh": self.name_zh,
            "aliases": list(self.aliases),
            "asean_member_since": (
                self.asean_member_since.isoformat() if self.asean_member_since else None
            ),
        }


def _c(
    code: str,
    alpha3: str,
    name: str,
    official: str,
    zh: str,
    aliases: tuple[str, ...],
    since: str | None,
) -> Country:
    return Country(
        code=code,
        alpha3=alpha3,
        name=name,
        official_name=official,
        name_zh=zh,
        aliases=aliases,
        asean_member_since=dt.date.fromisoformat(since) if since else None,
        slug=name.lower().replace(" ", "-"),
    )


# Membership dates: ASEAN founding (Bangkok Declaration, 1967-08-08) and each admission;
# Timor-Leste's admission on 2025-10-26 is in data/db.json (events, visa brief [S96]).
CHINA = _c(
    "CN",
    "CHN",
    "China",
    "People's Republic of China",
    "中国",
    ("PRC", "P.R. China", "Mainland China", "中华人民共和国", "中國", "中华", "Zhongguo"),
    None,
)
MEMBERS: tuple[Country, ...] = (
    _c(
        "BN",
        "BRN",
        "Brunei",
        "Brunei Darussalam",
        "文莱",
        ("Brunei Darussalam", "Nation of Brunei", "汶莱", "文萊"),
        "1984-01-07",
    ),
    _c(
        "KH",
        "KHM",
        "Cambodia",
        "Kingdom of Cambodia",
        "柬埔寨",
        ("Kampuchea", "柬国"),
        "1999-04-30",
    ),
    _c(
        "ID",
        "IDN",
        "Indonesia",
        "Republic of Indonesia",
        "印度尼西亚",
        ("印尼", "印度尼西亞"),
        "1967-08-08",
    ),
    _c(
        "LA",
        "LAO",
        "Laos",
        "Lao People's Democratic Republic",
        "老挝",
        ("Lao PDR", "Lao", "Lao People's Democratic Republic", "寮国", "老撾", "寮國"),
        "1997-07-23",
    ),
    _c("MY", "MYS", "Malaysia", "Malaysia", "马来西亚", ("大马", "馬來西亞"), "1967-08-08"),
    _c(
        "MM",
        "MMR",
        "Myanmar",
        "Republic of the Union of Myanmar",
        "缅甸",
        ("Burma", "緬甸"),
        "1997-07-23",
    ),
    _c(
        "PH",
        "PHL",
        "Philippines",
        "Republic of the Philippines",
        "菲律宾",
        ("The Philippines", "Pilipinas", "菲律賓", "菲国"),
        "1967-08-08",
    ),
    _c(
        "SG",
        "SGP",
        "Singapore",
        "Republic of Singapore",
        "新加坡",
        ("Singapura", "星洲", "狮城"),
        "1967-08-08",
    ),
    _c(
        "TH",
        "THA",
        "Thailand",
        "Kingdom of Thailand",
        "泰国",
        ("Siam", "Thai", "泰國", "ประเทศไทย"),
        "1967-08-08",
    ),
    _c(
        "VN",
        "VNM",
        "Vietnam",
        "Socialist Republic of Viet Nam",
        "越南",
        ("Viet Nam", "Việt Nam", "Vietnamese"),
        "1995-07-28",
    ),
    _c(
        "TL",
        "TLS",
        "Timor-Leste",
        "Democratic Republic of Timor-Leste",
        "东帝汶",
        ("East Timor", "Timor Leste", "Timor", "東帝汶"),
        "2025-10-26",
    ),
)
ALL: tuple[Country, ...] = (CHINA, *MEMBERS)
BY_CODE: dict[str, Country] = {c.code: c for c in ALL}

_BLOC_NAMES = ("asean", "东盟", "東盟", "association of southeast asian nations")


def _norm(text: str) -> str:
    """Fold case, accents, spacing and punctuation (any dash, quote or bracket) so that
    'Viet-Nam', 'viet nam', 'VIETNAM' and 'Timor–Leste' agree."""
    if text.isascii():  # most names: no accents to fold, and at C speed (a test compares)
        text = text.lower().translate(_ASCII_DROP)
        return _no_the(text)
    import unicodedata  # a shared library: loaded only when a name is looked up

    text = unicodedata.normalize("NFKC", text).casefold().strip()
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(
        ch
        for ch in decomposed
        if not unicodedata.combining(ch) and unicodedata.category(ch)[0] not in "PZC"
    )
    return _no_the(text)


def _no_the(text: str) -> str:
    return text[3:] if text.startswith("the") and len(text) > 5 and text[3:] in _THE_NAMES else text


# The ASCII characters whose Unicode category is punctuation, separator or control (P, Z,
# C): what _norm drops. Symbols ($+<=>^`|~) are kept, as the general rule keeps them.
_ASCII_DROP = str.maketrans("", "", "".join(map(chr, range(33))) + "\x7f!\"#%&'()*,-./:;?@[\\]_{}")


# Names that may be preceded by "the" ("the Philippines"), already folded.
_THE_NAMES = frozenset({"philippines", "republicofthephilippines", "laopdr"})


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in ALL:
        for key in (c.code, c.alpha3, c.name, c.official_name, c.name_zh, c.slug, *c.aliases):
            index[_norm(key)] = c.code
    return index


_INDEX: dict[str, str] = {}  # built on first use: most commands never look a name up
_NAMES = {c.code: c.name for c in ALL}


def _index() -> dict[str, str]:
    if not _INDEX:
        _INDEX.update(_build_index())
    return _INDEX


def get(text: str) -> Country | None:
    """The country ``text`` names exactly (code, name, alias, Chinese name), or None."""
    code = _index().get(_norm(text))
    return BY_CODE[code] if code else None


def is_bloc(text: str) -> bool:
    """True if ``text`` names ASEAN as a whole."""
    return _norm(text) in {_norm(b) for b in _BLOC_NAMES}


def lookup(text: str) -> Country:
    """The country ``text`` names; a unique prefix of three or more letters is accepted.

    Raises ``UnknownCountry`` with close matches as suggestions, or ``AmbiguousCountry`` when
    a prefix fits several countries.
    """
    found = get(text)
    if found:
        return found
    key = _norm(text)
    if len(key) >= 3:
        hits = sorted({code for name, code in _index().items() if name.startswith(key)})
        if len(hits) == 1:
            return BY_CODE[hits[0]]
        if len(hits) > 1:
            raise AmbiguousCountry(text, [_NAMES[h].lower() for h in hits])
    raise UnknownCountry(text, suggest(text))


def suggest(text: str, limit: int = 3) -> list[str]:
    """Country names close to ``text``, for 'did you mean' messages."""
    import difflib

    key = _norm(text)
    if not key:
        return []
    matches = difflib.get_close_matches(key, list(_index()), n=limit * 3, cutoff=0.6)
    out: list[str] = []
    for m in matches:
        name = _NAMES[_INDEX[m]].lower()
        if name not in out:
            out.append(name)
    return out[:limit]


def members(on: dt.date | None = None) -> list[Country]:
    """The ASEAN members on ``on`` (today when None): the ten in alphabetical order, then
    Timor-Leste, the newest member."""
    return [c for c in MEMBERS if c.is_member(on)]


def name_of(code: str) -> str:
    """The short name for a code in the language in use (English or Chinese), or the code
    itself for unknown codes."""
    from cnasean.text import lang

    zh = lang() == "zh"
    if code == BLOC:
        return "东盟" if zh else BLOC
    c = BY_CODE.get(code)
    if c is None:
        return code
    return c.name_zh if zh else c.name
