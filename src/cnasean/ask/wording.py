"""How answers are worded: in the question's language, names, periods, money and the
growth and share that go with a figure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cnasean import countries
from cnasean.ask.parse import Parsed
from cnasean.dates import period_label


def in_lang(p: Parsed, en: str, zh: str) -> str:
    return zh if p.lang == "zh" else en


def name(code: str, p: Parsed) -> str:
    if code == countries.BLOC:
        return in_lang(p, "ASEAN", "东盟")
    c = countries.BY_CODE[code]
    return in_lang(p, "the Philippines" if code == "PH" else c.name, c.name_zh)


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


def period_text(start: dt.date, end: dt.date, p: Parsed) -> str:
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


def money(r: Any, p: Parsed, absolute: bool = False) -> str:
    from cnasean.text import human_number

    qual = {"about": ("about ", "约"), "over": ("over ", "超过"), "nearly": ("nearly ", "近")}
    q = qual.get(r.qualifier or "", ("", ""))
    if p.lang == "zh":
        unit = "人民币" if r.currency == "CNY" else "美元"
        v = abs(r.value) if absolute else r.value
        # Two decimals of the unit shown, as the published figures are written.
        text = f"{round(v / 1e12, 2):g}万亿" if abs(v) >= 1e12 else f"{round(v / 1e8, 2):g}亿"
        return f"{q[1]}{text}{unit}"
    cur = "yuan" if r.currency == "CNY" else "US dollars"
    v = abs(r.value) if absolute else r.value
    return f"{q[0]}{human_number(v, 2).replace('tn', 'trillion').replace('bn', 'billion')} {cur}"


def extras(r: Any, p: Parsed) -> str:
    bits = []
    if r.yoy_pct is not None:
        bits.append(
            in_lang(
                p,
                f"{r.yoy_pct:+g}% year on year",
                f"同比{'增长' if r.yoy_pct >= 0 else '下降'}{abs(r.yoy_pct):g}%",
            )
        )
    if r.share_pct is not None:
        bits.append(
            in_lang(
                p, f"{r.share_pct:g}% of China's foreign trade", f"占中国外贸总值的{r.share_pct:g}%"
            )
        )
    return (
        (in_lang(p, " (", "(") + in_lang(p, "; ", ",").join(bits) + in_lang(p, ")", ")"))
        if bits
        else ""
    )


def figures(recs: list[Any], p: Parsed, absolute: bool = False) -> str:
    seen, parts = set(), []
    for r in recs:
        if r.currency in seen:
            continue
        seen.add(r.currency)
        parts.append(money(r, p, absolute) + extras(r, p))
    return in_lang(p, " or ", ",即").join(parts)
