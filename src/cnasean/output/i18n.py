"""Simplified Chinese for what people read: headers, labels, titles, country names.

``set_lang("zh")`` (from ``--lang zh`` or ``CNASEAN_LANG=zh``) switches; ``tr(text)`` gives the
Chinese for a known English text or template, and the English itself otherwise, so every field
falls back to English on its own. Data values (JSON, TSV) are never translated.
"""

from __future__ import annotations

from typing import Any

from cnasean.text import LANGS, lang, reset, set_lang


def tr(text: str, **kwargs: Any) -> str:
    """``text`` (a literal or a ``str.format`` template) in the current language."""
    template = text
    if lang() == "zh":
        from cnasean.output.i18n_zh import ZH  # the table is read only by those who read Chinese

        template = ZH.get(text, text)
    return template.format(**kwargs) if kwargs else template


def pick(english: str, chinese: str | None) -> str:
    """A data field's Chinese form when showing Chinese and the data has one."""
    return chinese if chinese and lang() == "zh" else english


# Chinese counts by 万 (10^4), 亿 (10^8) and 万亿 (10^12), not by thousands.
_ZH_SCALES = ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"))
_ZH_QUALIFIER = {"about": "约", "over": "超过", "nearly": "近"}
_ZH_CURRENCY = {"CNY": "元", "USD": "美元"}


def human_number(value: float | int | None, digits: int = 6) -> str:
    """``text.human_number`` in the current language: 6.52万亿 and 982.1亿 in Chinese."""
    from cnasean import text

    if value is None or lang() != "zh":
        return text.human_number(value, digits)
    for scale, unit in _ZH_SCALES:
        if round(abs(value) / scale, digits) >= 1:
            return f"{text._trim(f'{value / scale:.{digits}f}')}{unit}"
    return text.human_number(value, digits)


def human_money(
    value: float | int | None,
    currency: str | None,
    qualifier: str | None = None,
    with_currency: bool = True,
) -> str:
    """``text.human_money`` in the current language: 约1.08万亿美元 in Chinese."""
    from cnasean import text

    if value is None or lang() != "zh":
        return text.human_money(value, currency, qualifier, with_currency)
    unit = _ZH_CURRENCY.get(currency or "", f" {currency}") if with_currency and currency else ""
    return f"{_ZH_QUALIFIER.get(qualifier or '', '')}{human_number(value)}{unit}"


__all__ = ["LANGS", "human_money", "human_number", "lang", "pick", "reset", "set_lang", "tr"]
