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


__all__ = ["LANGS", "lang", "pick", "reset", "set_lang", "tr"]
