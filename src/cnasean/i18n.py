"""Simplified Chinese for what people read: headers, labels, titles, country names.

``set_lang("zh")`` (from ``--lang zh`` or ``CNASEAN_LANG=zh``) switches; ``tr(text)`` gives the
Chinese for a known English text or template, and the English itself otherwise, so every field
falls back to English on its own. Data values (JSON, TSV) are never translated.
"""

from __future__ import annotations

import os
from typing import Any

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


def tr(text: str, **kwargs: Any) -> str:
    """``text`` (a literal or a ``str.format`` template) in the current language."""
    template = text
    if lang() == "zh":
        from cnasean.i18n_zh import ZH  # the table is read only by those who read Chinese

        template = ZH.get(text, text)
    return template.format(**kwargs) if kwargs else template


def __getattr__(name: str) -> Any:
    if name == "ZH":
        from cnasean.i18n_zh import ZH

        return ZH
    raise AttributeError(name)


def pick(english: str, chinese: str | None) -> str:
    """A data field's Chinese form when showing Chinese and the data has one."""
    return chinese if chinese and lang() == "zh" else english
