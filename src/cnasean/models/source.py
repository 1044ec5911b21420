"""Sources: where every fact comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from cnasean.models.base import SOURCE_KINDS, Record, _Reader


@dataclass(frozen=True, slots=True)
class Source(Record):
    table: ClassVar[str] = "sources"
    id: str
    publisher: str
    title: str | None
    url: str
    published: str | None
    retrieved: dt.date
    kind: str
    note: str | None
    also_urls: tuple[str, ...]

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Source:
        r = _Reader("sources", doc)
        return cls(
            id=r.req_str("id"),
            publisher=r.req_str("publisher"),
            title=r.str("title", optional=True),
            url=r.req_str("url"),
            published=r.partial_date("published"),
            retrieved=r.req_date("retrieved"),
            kind=r.req_str("kind", SOURCE_KINDS),
            note=r.str("note", optional=True),
            also_urls=r.strs("also_urls"),
        )
