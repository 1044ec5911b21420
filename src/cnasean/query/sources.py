"""Queries shared by every kind of fact: the dataset's meta data and its sources."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from cnasean.errors import UnknownRecord, UsageError
from cnasean.models import Meta
from cnasean.store.read import Store, open_store

if TYPE_CHECKING:
    from cnasean.models.source import Source

# Where a query reads: a data file, an open store, or None for the file the user chose.
DbPath = str | os.PathLike[str] | Store | None

KIND_RANK = {"official": 0, "wire": 1, "secondary": 2, "aggregator": 3}
CONFIDENCE_RANK = {
    "verbatim": 0,
    "derived": 1,
    "inferred": 2,
    "estimate": 2,
    "weak": 3,
    "unverified": 4,
}


def meta(db: DbPath = None) -> Meta:
    """The dataset's schema version, data version and as-of date."""
    return open_store(db).meta


def source_list(
    ids: Iterable[str] = (), kind: str | None = None, db: DbPath = None
) -> list[Source]:
    """Sources by id (case-insensitive; all when ``ids`` is empty), optionally of one kind."""
    import difflib

    if kind is not None and kind not in KIND_RANK:
        raise UsageError(f"Unknown source kind {kind!r}. Choose from: {', '.join(KIND_RANK)}.")
    store = open_store(db)
    wanted = list(ids)
    if wanted:
        out = []
        for i in wanted:
            s = store.source(i)
            if s is None:
                close = difflib.get_close_matches(i.upper(), list(store.sources), n=3)
                hint = f" Did you mean: {', '.join(close)}?" if close else ""
                raise UnknownRecord(f"Unknown source {i!r}.{hint}")
            out.append(s)
    else:
        out = sorted(store.sources.values(), key=source_sort_key)
    if kind:
        out = [s for s in out if s.kind == kind]
    return out


def source_sort_key(s: Source) -> tuple[str, int, str]:
    """T2 before T10: prefix, then number, then suffix."""
    prefix = s.id.rstrip("0123456789abcdefghijklmnopqrstuvwxyz")
    rest = s.id[len(prefix) :]
    digits = "".join(ch for ch in rest if ch.isdigit())
    return (prefix, int(digits) if digits else -1, rest)


def sources_of(record: object) -> list[str]:
    """Every source a fact cites: its own, and those of its metrics and alternative figures."""
    nested = [*getattr(record, "metrics", ()), *getattr(record, "alternatives", ())]
    ids = [*getattr(record, "sources", ()), *(s for m in nested for s in m.sources)]
    return list(dict.fromkeys(ids))


def source_rank(source_ids: Iterable[str], kinds: Mapping[str, str]) -> int:
    """The best (lowest) kind rank among the cited sources: official beats wire, and so on."""
    ranks = [KIND_RANK.get(kinds[s], 9) for s in source_ids if s in kinds]
    return min(ranks, default=9)
