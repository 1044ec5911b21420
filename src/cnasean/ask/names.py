"""Projects named in a question: found by their names, aliases and Chinese names, and the
words of those names kept apart (never corrected, never read as the attribute asked)."""

from __future__ import annotations

import re

from cnasean import countries
from cnasean.ask.lexicon import GENERIC
from cnasean.query.sources import DbPath
from cnasean.text import CJK


def name_words(db: DbPath) -> frozenset[str]:
    """Every word of every project's name: never 'corrected' ('East Coast' is not 'cost')."""
    from cnasean.store.read import open_store
    from cnasean.text import fold

    return frozenset(
        w
        for p in open_store(db).records("infrastructure")
        for n in (p.name, *p.aliases)
        for w in fold(n).split()
    )


def zh_core(name: str) -> str:
    """A Chinese project name without the country it starts with: 马来西亚东海岸铁路 -> 东海岸铁路."""
    for c in countries.ALL:
        if name.startswith(c.name_zh) and len(name) > len(c.name_zh):
            return name[len(c.name_zh) :]
    return name


def project(text: str, words: list[str], db: DbPath) -> str | None:
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
                    and ("railway" in key or "rail" in key or "hsr" in key.split())
                )
                or (CJK.search(name) and name in text)
                or (CJK.search(name) and zh_core(name) in text and len(zh_core(name)) >= 4)
            )
            if hit and (best is None or len(key) > best[0]):
                best = (len(key), p.id)
    return best[1] if best else None


def project_words(pid: str | None, db: DbPath) -> frozenset[str]:
    if not pid:
        return frozenset()
    from cnasean.store.read import open_store
    from cnasean.text import fold

    for p in open_store(db).records("infrastructure"):
        if p.id == pid:
            names = (p.name, *p.aliases, p.id.replace("-", " "))
            return frozenset(w for n in names for w in fold(n).split())
    return frozenset()


def without_names(t: str, pid: str | None, db: DbPath) -> str:
    """``t`` with the project's names taken out: a word in a name ('East Coast', 'High-Speed')
    is never the attribute asked."""
    from cnasean.store.read import open_store
    from cnasean.text import fold

    for p in open_store(db).records("infrastructure"):
        if p.id == pid:
            for n in sorted((fold(x) for x in (p.name, *p.aliases)), key=len, reverse=True):
                t = re.sub(rf"\b{re.escape(n)}\b", " ", t) if n else t
    return t


def without_zh(text: str, pid: str | None, db: DbPath) -> str:
    if not pid or not CJK.search(text):
        return text
    from cnasean.store.read import open_store

    for p in open_store(db).records("infrastructure"):
        if p.id == pid:
            for n in sorted((p.name_zh or "", *p.aliases), key=len, reverse=True):
                if n and n in text:
                    text = text.replace(n, " ")
    return text
