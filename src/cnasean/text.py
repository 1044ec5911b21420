"""Text for people: folding for matching, human numbers and money, the words for qualifiers
and visa regimes, and the language they are shown in (English or Simplified Chinese).

A leaf: it imports nothing of cnasean's but the errors, so every layer may use it.
"""

from __future__ import annotations

import os

LANGS = ("en", "zh")
ENV_VAR = "CNASEAN_LANG"
_current = {"lang": ""}


def set_lang(lang: str | None) -> None:
    """Switch the language (``en`` or ``zh``); an unknown one is a usage error."""
    if lang is None:
        return
    value = lang.strip().lower().replace("_", "-")
    if value in ("zh-cn", "zh-hans", "cn", "chinese", "中文"):
        value = "zh"
    if value not in LANGS:
        from cnasean.errors import UsageError

        raise UsageError(f"Unknown language {lang!r}: use en or zh.")
    _current["lang"] = value


def lang() -> str:
    """The language in use: set explicitly, else ``CNASEAN_LANG``, else English."""
    if not _current["lang"]:
        env = os.environ.get(ENV_VAR, "").strip().lower()
        _current["lang"] = "zh" if env.startswith("zh") else "en"
    return _current["lang"]


def reset() -> None:
    _current["lang"] = ""


# ASCII folds without unicodedata: letters lowered, digits kept, every other character (each
# a punctuation mark, symbol, space or control: categories P, S, Z, C) a space.
_ASCII_FOLD = str.maketrans({c: " " for c in map(chr, range(128)) if not c.isalnum()})


def fold(text: str) -> str:
    """Lower-case, accent-free text with every dash and punctuation mark as a space."""
    if text.isascii():  # most of the data: the same result at a tenth of the cost
        return " ".join(text.lower().translate(_ASCII_FOLD).split())
    return _fold_unicode(text)


class _FoldTable(dict[int, str]):
    """``str.translate``'s table for folded text, filled as characters are met: combining
    marks dropped, punctuation, symbols, spaces and controls (categories P, Z, S, C) a space,
    the rest kept. Each character is looked up in ``unicodedata`` once per process."""

    def __missing__(self, code: int) -> str:
        import unicodedata

        ch = chr(code)
        if unicodedata.combining(ch):
            folded = ""
        elif unicodedata.category(ch)[0] in "PZSC":
            folded = " "
        else:
            folded = ch
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fold_unicode(text: str) -> str:
    import unicodedata  # only the questions and searches that fold text need it

    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(text.translate(_FOLD_TABLE).split())


# The longest search text or question read (characters): matching costs grow with each
# word times each record, and no question needs more (a 110 kB search took over a minute).
LONGEST_QUERY = 500


def short_query(text: str, what: str) -> str:
    """``text`` if it is at most ``LONGEST_QUERY`` characters, else a usage error."""
    if len(text) > LONGEST_QUERY:
        from cnasean.errors import UsageError

        raise UsageError(
            f"The {what} is {len(text)} characters long; at most {LONGEST_QUERY} are read. "
            "Use fewer words."
        )
    return text


# Characters a terminal acts on instead of showing: the C0 controls, DEL, the C1 controls
# (U+0080-U+009F: U+009B is CSI on many terminals) and the bidirectional embeddings, overrides
# and isolates (which reorder what is shown). Text from the data file reaches people only
# through ``visible`` or ``visible_line``, which show each as an escape: \x1b, \u009b.
# C0 escapes are Python's (\x1b, \n); the rest are \uXXXX, also valid inside a JSON string.
_CONTROLS = (
    *range(0x20),  # C0
    0x7F,  # DEL
    *range(0x80, 0xA0),  # C1
    *range(0x202A, 0x202F),  # LRE, RLE, PDF, LRO, RLO
    *range(0x2066, 0x206A),  # LRI, RLI, FSI, PDI
)
_ONE_LINE = {c: (f"\\x{c:02x}" if c < 0x20 else f"\\u{c:04x}") for c in _CONTROLS}
_ONE_LINE.update({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"})
_MULTI_LINE = {c: e for c, e in _ONE_LINE.items() if c not in (0x09, 0x0A)}


def visible(text: str) -> str:
    """``text`` safe to show on a terminal, newlines and tabs kept (tables lay them out):
    every other control character is shown as an escape (``\\x1b``, ``\\u009b``)."""
    return text if text.isprintable() else text.translate(_MULTI_LINE)


def visible_line(text: str) -> str:
    """``text`` safe to show on a terminal as part of one line: as ``visible``, newlines
    and tabs escaped too."""
    return text if text.isprintable() else text.translate(_ONE_LINE)


def has_control(text: str) -> str | None:
    """The first character of ``text`` that ``visible`` would escape (newlines and tabs
    count too), or None."""
    if text.isprintable():
        return None
    return next((ch for ch in text if ord(ch) in _ONE_LINE), None)


# What a spreadsheet reads as the start of a formula (OWASP, "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str, quotes: bool = False) -> str:
    """A CSV text cell a spreadsheet shows as text: one leading quote when it could start
    a formula. With ``quotes``, a text that starts with a quote gets one more, so that an
    import that takes one off (``db import``) reads every text back exactly. Numbers are
    not text: leave them out."""
    if text.startswith(FORMULA_START) or (quotes and text.startswith("'")):
        return "'" + text
    return text


REGIME_LABELS = {
    "mutual_exemption": "mutual exemption",
    "unilateral_exemption": "unilateral exemption",
    "temporary_exemption": "temporary exemption",
    "trial_exemption": "trial exemption",
    "group_tour_exemption": "group-tour exemption",
    "visa_on_arrival": "visa on arrival",
    "e_visa": "e-visa",
    "visa_required": "visa required",
    "transit_exemption": "visa-free transit",
    "regional_exemption": "region-limited exemption",
    "business_visa": "business visa",
}
REGIME_LABELS_ZH = {
    "mutual_exemption": "互免签证",
    "unilateral_exemption": "单方面免签",
    "temporary_exemption": "临时免签",
    "trial_exemption": "试行免签",
    "group_tour_exemption": "旅游团免签",
    "visa_on_arrival": "落地签",
    "e_visa": "电子签证",
    "visa_required": "需签证",
    "transit_exemption": "过境免签",
    "regional_exemption": "区域性免签",
    "business_visa": "商务签证",
}


# Humanising helpers shared by the views and the answers.

_SCALES = ((10**12, "tn"), (10**9, "bn"), (10**6, "m"))
_QUALIFIER = {"about": "about ", "over": "over ", "nearly": "nearly "}


def human_number(value: float | int | None, digits: int = 6) -> str:
    """5570000000000 -> '5.57 tn'; 982100000000 -> '982.1 bn'; keeps the given digits."""
    if value is None:
        return ""
    for scale, unit in _SCALES:
        # Choose the scale after rounding, so 999,999,999,999 reads '1 tn', not '1000 bn'.
        if round(abs(value) / scale, digits) >= 1:
            text = _trim(f"{value / scale:.{digits}f}")
            if unit == "m" and len(text.partition(".")[2]) > 2:
                break  # 1,028,216 passengers reads better than 1.028216 m
            return f"{text} {unit}"
    if isinstance(value, float) and not value.is_integer():
        return _trim(f"{value:,.{digits}f}")
    return f"{int(value):,}"


def _trim(text: str) -> str:
    """Drop trailing zeros after a decimal point, and the point itself."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def human_money(
    value: float | int | None,
    currency: str | None,
    qualifier: str | None = None,
    with_currency: bool = True,
) -> str:
    if value is None:
        return ""
    prefix = f"{currency} " if with_currency and currency else ""
    return f"{_QUALIFIER.get(qualifier or '', '')}{prefix}{human_number(value)}"


def human_pct(value: float | int | None, signed: bool = True) -> str:
    if value is None:
        return ""
    text = f"{value:+.2f}" if signed else f"{value:.2f}"
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return f"{text}%"


class CharClass:
    """Runs of characters from a few ranges, with the regex methods cnasean uses on them.

    ``re.compile("[\u3400-\u9fff]")`` marks the class's 27,000 characters one at a time as
    it compiles (about 20 million instructions, a tenth of a command's start-up); these plain
    comparisons answer the same on the short texts they are given (a question, a name)."""

    def __init__(self, *ranges: tuple[str, str]) -> None:
        assert all(lo > "\x7f" for lo, _ in ranges), "an ASCII range needs the slow path"
        self.ranges = ranges

    def holds(self, ch: str) -> bool:
        return any(lo <= ch <= hi for lo, hi in self.ranges)

    # The classes cnasean uses hold no ASCII character: an ASCII text (most names and
    # questions) is answered at C speed.

    def search(self, text: str) -> bool:
        """Whether ``text`` has a character of the class (``re.search``'s truth)."""
        return not text.isascii() and any(self.holds(ch) for ch in text)

    def fullmatch(self, text: str) -> bool:
        """Whether ``text`` is one run of the class (``re.fullmatch`` of ``[...]+``)."""
        return bool(text) and not text.isascii() and all(self.holds(ch) for ch in text)

    def findall(self, text: str) -> list[str]:
        """The runs of the class in ``text`` (``re.findall`` of ``[...]+``)."""
        return [run for inside, run in self._runs(text) if inside]

    def sub(self, repl: str, text: str) -> str:
        """``text`` with each run of the class replaced by ``repl`` (``re.sub`` of ``[...]+``)."""
        return "".join(repl if inside else run for inside, run in self._runs(text))

    def _runs(self, text: str) -> list[tuple[bool, str]]:
        if text.isascii():
            return [(False, text)] if text else []
        out: list[tuple[bool, str]] = []
        for ch in text:
            inside = self.holds(ch)
            if out and out[-1][0] == inside:
                out[-1] = (inside, out[-1][1] + ch)
            else:
                out.append((inside, ch))
        return out


CJK = CharClass(("\u3400", "\u9fff"))  # Chinese characters (CJK Extension A and Unified)
