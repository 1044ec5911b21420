"""Full-text search over every fact and source, ranked, in English or Chinese."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from cnasean import countries
from cnasean.errors import UnknownRecord, UsageError
from cnasean.frozen import Frozen
from cnasean.models import KINDS
from cnasean.query.sources import DbPath
from cnasean.store.read import open_store
from cnasean.text import fold, short_query

KIND_ORDER = ("infrastructure", "events", "visa", "trade", "sources")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


class Hit(Frozen):
    kind: str
    id: str
    title: str
    score: float
    record: Any


def _names(codes: Any) -> str:
    out = []
    for code in codes:
        c = countries.BY_CODE.get(code)
        out.append(f"{c.name} {c.name_zh} {' '.join(c.aliases)}" if c else str(code))
    return " ".join(out)


def _fields(kind: str, r: Any) -> tuple[str, str, str]:
    """(title, names, body): matches in the title weigh most, then names, then the rest."""
    if kind == "infrastructure":
        # Aliases are names too ("Whoosh"): they rank with the title.
        return (
            f"{r.name} ({'; '.join(r.aliases)})" if r.aliases else r.name,
            f"{r.id} {r.type} {_names(r.countries)}",
            f"{r.endpoints or ''} {r.financing or ''} {r.note or ''} {r.status}",
        )
    if kind == "events":
        return r.title, f"{r.category} {r.place or ''} {_names(r.countries)} {r.id}", r.note or ""
    if kind == "visa":
        title = r.name or r.regime.replace("_", " ")
        return (
            title,
            f"{r.regime.replace('_', ' ')} {_names([r.passport, r.destination])} {r.region or ''}",
            f"{' '.join(r.conditions)} {r.note or ''}",
        )
    if kind == "trade":
        title = f"{r.reporter}-{r.partner} {r.flow} {r.period}"
        return title, f"trade {r.flow} {_names([r.reporter, r.partner])}", r.note or ""
    title = f"{r.publisher}: {r.title}" if r.title else r.publisher
    return title, r.kind, f"{r.note or ''} {r.url}"


def _terms(text: str) -> list[str]:
    terms = [m for m in _CJK.findall(text)]
    rest = _CJK.sub(" ", text)
    terms += [w for w in fold(rest).split() if w]
    return terms


def _matcher(term: str) -> Any:
    """Whether a text holds ``term``: a Chinese run anywhere, other words at a word start."""
    if _CJK.fullmatch(term):
        return lambda hay: term in hay
    pattern = re.compile(rf"(?<![a-z0-9]){re.escape(term)}")
    return lambda hay: pattern.search(hay) is not None


def search(text: str, *, kind: str | None = None, limit: int = 50, db: DbPath = None) -> list[Hit]:
    """Records whose text holds every word of ``text`` (Chinese runs match as substrings),
    best first: a hit in the title counts most, the whole phrase more than its words."""
    terms = _terms(short_query(text, "search text"))
    if not terms:
        raise UsageError("Search for at least one word, e.g. cnasean search railway.")
    kinds: tuple[str, ...] = KIND_ORDER
    if limit < 0:
        raise UsageError("--limit must be 0 (no limit) or more.")
    if kind:
        kind = kind.strip().lower()
        if kind not in KIND_ORDER:
            raise UsageError(f"Unknown kind {kind!r}. Choose from: {', '.join(KIND_ORDER)}.")
        kinds = (kind,)
    phrase = fold(text)
    # Each distinct word is looked for once a record; a word given n times counts n times.
    counts = Counter(terms)
    matchers = [(_matcher(term), float(n)) for term, n in counts.items()]
    store = open_store(db)
    hits = []
    for k in kinds:
        records = store.sources.values() if k == "sources" else store.records(k)
        for r in records:
            title, names, body = _fields(k, r)
            raw = (title, names, body)
            t, n, b = (fold(x) + " " + x for x in raw)
            hay = f"{t} {n} {b}"
            if not all(match(hay) for match, _ in matchers):
                continue
            # Each word counts once, by the best place it was found in.
            score = sum(
                times * (3.0 if match(t) else 2.0 if match(n) else 1.0) for match, times in matchers
            )
            if len(terms) > 1 and phrase and phrase in fold(title):
                score += 5
            elif len(terms) > 1 and phrase and phrase in f"{fold(names)} {fold(body)}":
                score += 2
            if k == "sources":
                score /= 2  # a page about the thing ranks below the fact itself
            score -= KIND_ORDER.index(k) * 0.1
            hits.append(Hit(k, r.id, title, round(score, 2), r))
    hits.sort(key=lambda h: (-h.score, KIND_ORDER.index(h.kind), h.id))
    return hits[:limit] if limit else hits


def find_any(record_id: str, db: DbPath = None) -> tuple[str, Any]:
    """The fact or source with this id, as (kind, record)."""
    store = open_store(db)
    src = {k.lower(): s for k, s in store.sources.items()}.get(record_id.strip().lower())
    if src:
        return "sources", src
    for k in KINDS:
        for r in store.records(k):
            if r.id == record_id.strip().lower():
                return k, r
    import difflib

    pool = [*store.sources, *(r.id for k in KIND_ORDER[:-1] for r in store.records(k))]
    close = difflib.get_close_matches(record_id, pool, n=3, cutoff=0.6)
    hint = (
        f" Did you mean: {', '.join(close)}?" if close else " Find ids with: cnasean search WORDS."
    )
    raise UnknownRecord(f"No fact or source has the id {record_id!r}.{hint}")
