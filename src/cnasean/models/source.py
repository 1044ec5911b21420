"""Sources: where every fact comes from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, ClassVar

from cnasean.models.record import PARTIES, SOURCE_KINDS, ReaderClass, Record, _Reader


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
    # Reuse terms, where known and sourced (the IMF's terms, an open licence); None: unknown.
    license: str | None = None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], reader: ReaderClass = _Reader) -> Source:
        r = reader("sources", doc)
        return cls(
            id=r.req_str("id"),
            publisher=r.req_str("publisher"),
            title=r.text("title", optional=True),
            url=r.req_str("url"),
            published=r.partial_date("published"),
            retrieved=r.req_date("retrieved"),
            kind=r.req_str("kind", SOURCE_KINDS),
            note=r.text("note", optional=True),
            also_urls=r.strs("also_urls"),
            license=r.text("license", optional=True),
        )


class CountryName(Record):
    """A country's (or ASEAN's) Chinese name, and where it comes from."""

    table: ClassVar[str] = "countries"
    id: str
    code: str
    name_zh: str
    sources: tuple[str, ...]
    note: str | None
    last_verified: dt.date

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], reader: ReaderClass = _Reader) -> CountryName:
        r = reader("countries", doc)
        return cls(
            id=r.req_str("id"),
            code=r.req_str("code", PARTIES),
            name_zh=r.req_str("name_zh"),
            sources=r.sources(),
            note=r.text("note", optional=True),
            last_verified=r.req_date("last_verified"),
        )
