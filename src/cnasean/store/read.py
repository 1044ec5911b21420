"""Reading the fact store: a data file opened read-only (``storage.DataStorage``, through the
parse cache), once per process, and searched with TinyDB where the cache's slices do not
answer; records are typed lazily, and checked as they are."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from cnasean.errors import DataError, DataFileCorrupt, InvalidRecord
from cnasean.store.index import TRUSTED
from cnasean.store.locate import ENV_VAR, locate, overlay_for, packaged_path, user_path
from cnasean.store.storage import FACT_KINDS, TABLES, DataStorage, Tables

if TYPE_CHECKING:
    from tinydb.queries import QueryLike

    from cnasean.models import Meta
    from cnasean.models.source import Source
    from cnasean.store.database import Database


class Store:
    """One data file, read. Records are typed lazily, once each, every field checked as it
    is read (``InvalidRecord`` names the table, record and field).

    Queries read the parse cache's slices of a table where it keeps them, and otherwise find
    their documents with TinyDB's ``search`` (``db``, opened on first use), which copies
    only the documents it matches into a ``Document``; passes over every document (ids,
    source kinds, typing a whole table) read the tables as the storage holds them, without
    that copy. A plain class, not a dataclass: building one costs start-up time on every
    run.
    """

    def __init__(self, path: Path, origin: str, storage: DataStorage) -> None:
        self.path = path
        self.origin = origin
        self.overlay = storage.overlay  # the user's edits, applied on top
        self.storage = storage
        self._db: Database | None = None
        self.tables: Tables = storage.read()  # reads the file (or its cache) now
        self._one: dict[tuple[str, object], Any] = {}
        self._all: dict[str, list[Any]] = {}
        self._unique: set[str] = set()
        self._kinds: dict[str, str] | None = None
        self._meta: Meta | None = None
        self._sources: dict[str, Source] | None = None
        self._raw: dict[str, list[dict[str, Any]]] | None = None

    @property
    def db(self) -> Database:
        """The file in TinyDB, over the same storage (read once): for searches the parse
        cache cannot answer, and for those who query it themselves."""
        if self._db is None:
            from cnasean.store.database import Database

            storage = self.storage
            self._db = Database(storage=lambda: storage)
        return self._db

    def check(self) -> None:
        """Refuse a file whose sources clash: every answer cites them, so one clash spoils
        them all."""
        self._check_unique("sources")

    def __repr__(self) -> str:
        return f"Store(path={self.path!r}, origin={self.origin!r})"

    def _stored(self, kind: str) -> Mapping[str, dict[str, Any]]:
        """A table as the storage holds it (document number -> document), in file order."""
        return self.tables.get(kind) or {}

    def _docs(self, kind: str) -> Iterable[dict[str, Any]]:
        return self._stored(kind).values()

    @property
    def raw(self) -> Mapping[str, list[dict[str, Any]]]:
        """Each table's documents in file order, as they are in the file."""
        if self._raw is None:
            self._raw = {name: list(self._docs(name)) for name in TABLES}
        return self._raw

    @property
    def meta(self) -> Meta:
        if self._meta is None:
            doc = next(iter(self._docs("meta")), None)
            if doc is None:
                raise DataFileCorrupt(f"{self.path}: the meta table is missing or empty.")
            from cnasean.models import Meta

            self._meta = Meta.from_doc(doc)
        return self._meta

    @property
    def sources(self) -> dict[str, Source]:
        if self._sources is None:
            self._check_unique("sources")
            self._sources = {s.id: s for s in map(self._builder("sources"), self._docs("sources"))}
        return self._sources

    def source(self, source_id: str) -> Source | None:
        """The source with this id (any case), typed alone: a citation of one source does
        not type the hundreds of others."""
        if self._sources is not None:
            found = self._sources.get(source_id)
            if found is not None:
                return found
        wanted = source_id.strip().lower()
        self._check_unique("sources")
        for key, doc in self._stored("sources").items():
            rid = doc.get("id")
            if isinstance(rid, str) and rid.lower() == wanted:
                return self._typed("sources", key, doc, self._builder("sources"))  # type: ignore[no-any-return]
        return None

    def record(self, kind: str, record_id: str) -> Any:
        """The record of ``kind`` with this id, typed alone; None when there is none."""
        for key, doc in self.docs(kind):
            if doc.get("id") == record_id:
                return self.typed(kind, key, doc)
        return None

    @property
    def source_kinds(self) -> dict[str, str]:
        """Source id -> kind, read straight from the file: ranking figures needs no more."""
        if self._kinds is None:
            from cnasean.store.index import KINDS_OF_SOURCES

            kept: dict[str, str] | None = self.tables.part(KINDS_OF_SOURCES, dict)
            if kept is not None:  # kept only when the ids are unique
                self._unique.add("sources")
                self._kinds = kept
                return kept
            self._check_unique("sources")
            self._kinds = {
                d["id"]: str(d.get("kind"))
                for d in self._docs("sources")
                if isinstance(d.get("id"), str)
            }
        return self._kinds

    def records(self, kind: str) -> list[Any]:
        """Every record of ``kind`` (``trade``, ``visa``, ``infrastructure``, ``events``)."""
        typed = self._all.get(kind)
        if typed is None:
            self._check_unique(kind)
            from_doc = self._builder(kind)
            # The stored documents, not TinyDB's Table.all(): every one is typed, and a copy
            # of each into a Document first would cost a sixth more on a large table.
            stored = self._stored(kind)
            typed = [self._typed(kind, key, doc, from_doc) for key, doc in stored.items()]
            self._all[kind] = typed
        return typed

    def records_where(
        self,
        kind: str,
        keep: Callable[[Mapping[str, Any]], bool],
        within: Iterable[tuple[str, ...]] | None = None,
    ) -> list[Any]:
        """The records of ``kind`` whose raw document passes ``keep``, typed. Only those are
        built: on a file of a million figures, a query types the few it answers with.

        ``within``: the only keys (``index.SLICED``: for trade, (reporter, partner) pairs)
        that ``keep`` can pass, so that a parse-cache entry's slices of them are all that is
        unpacked; ``keep`` still decides, and the answer is the full scan's."""
        from_doc = self._builder(kind)
        docs = None if within is None else self._sliced(kind, within)
        if docs is not None:
            return [self._typed(kind, key, doc, from_doc) for key, doc in docs if keep(doc)]
        self._check_unique(kind)
        # A plain function is a TinyDB query: called with each document, hashable.
        found = self.db.table(kind).search(cast("QueryLike", keep))
        return [self._typed(kind, doc.doc_id, doc, from_doc) for doc in found]

    def _sliced(self, kind: str, within: Iterable[tuple[str, ...]]) -> list[Any] | None:
        """The documents of the slices ``within`` when the cache keeps them and the ids of
        ``kind`` were found unique when it was packed; else None (scan the table)."""
        from cnasean.store.index import UNIQUE

        if kind not in self._unique:
            unique = self.tables.part(UNIQUE, list)
            if unique is None or kind not in unique:
                return None
            self._unique.add(kind)
        return self.tables.sliced(kind, within)

    def docs_at(self, kind: str, keys: Iterable[str]) -> list[tuple[str, Mapping[str, Any]]]:
        """The stored documents of ``kind`` under the numbers ``keys`` (an index's answer),
        as (number, document), in the order given; ``typed`` makes a record of one."""
        self._check_unique(kind)
        keys = list(keys)
        if not keys:
            return []  # the table stays packed
        table = self._stored(kind)
        found = [(key, table.get(key)) for key in keys]
        return [(key, doc) for key, doc in found if doc is not None]

    def check_ids(self, kind: str) -> None:
        """Refuse the file if two records of ``kind`` share an id (or one is no string)."""
        self._check_unique(kind)

    def docs(self, kind: str) -> list[tuple[str, Mapping[str, Any]]]:
        """Every stored document of ``kind``, as (number, document), in file order."""
        self._check_unique(kind)
        return list(self._stored(kind).items())

    def typed(self, kind: str, key: str, doc: Mapping[str, Any]) -> Any:
        """The record of document ``key`` (from ``docs`` or ``docs_at``), built and checked
        once: a query that ranks raw documents types only those it answers with."""
        return self._typed(kind, key, doc, self._builder(kind))

    def derived(
        self, name: str, code: tuple[Any, ...], build: Callable[[Store], Any], kind: type
    ) -> Any:
        """A value computed from this file by ``build(store)`` (an index, say), kept in the
        cache while the file and the code that computes it (``code``, a ``cache.code_stamp``)
        are unchanged. None when the file is not kept in the cache (recently written, too
        large, caching off): building it would cost more than the scan it saves."""
        from cnasean.store import cache

        entry = cache.derived_entry(self.storage.entry, name, code)
        if entry is None:
            return None
        value = cache.load_derived(entry)
        if not isinstance(value, kind):
            value = build(self)
            cache.save_derived(entry, value)
        return value

    def _builder(self, kind: str) -> Callable[[Mapping[str, Any]], Any]:
        """What types a document of ``kind``: ``from_doc``, every field checked; or, where
        the parse cache found every document of the table well formed when it packed it
        (``index.TRUSTED``), the builder that skips the checks which passed then."""
        from cnasean.models import record_class, well_formed

        cls = record_class(kind)
        if kind in (self.tables.part(TRUSTED, list) or ()):
            build = well_formed(cls)
            if build is not None:
                return build  # type: ignore[no-any-return]
        return cls.from_doc  # type: ignore[no-any-return]

    def _typed(self, kind: str, key: object, doc: Mapping[str, Any], from_doc: Any) -> Any:
        """The record for document ``key`` of ``kind``, built once."""
        record = self._one.get((kind, key))
        if record is None:
            record = self._one[(kind, key)] = from_doc(doc)
        return record

    def _check_unique(self, kind: str) -> None:
        """Two records with one id make every answer doubtful: refuse the file."""
        if kind in self._unique:
            return
        from cnasean.store.index import UNIQUE

        if kind in (self.tables.part(UNIQUE, list) or ()):  # checked when the cache was packed
            self._unique.add(kind)
            return
        ids = [d.get("id") for d in self._docs(kind)]
        try:
            unique = set(ids)
        except TypeError:  # an id that is a list or an object: the loop below says so
            unique = set()
        if len(unique) == len(ids) and all(type(i) is str for i in unique):
            self._unique.add(kind)  # the usual case, at C speed; else find what is wrong
            return
        seen: set[Any] = set()
        for d in self._docs(kind):
            rid = d.get("id")
            if rid is not None and not isinstance(rid, str):
                raise InvalidRecord(kind, repr(rid)[:40], "id", "must be a string")
            if rid in seen:
                raise DataFileCorrupt(
                    f"Data file {self.path}: two {kind} records have the id {rid!r}. "
                    "Check it with: cnasean db validate."
                )
            if isinstance(rid, (str, int, float)):
                seen.add(rid)
        self._unique.add(kind)

    def version_line(self) -> tuple[str, str]:
        """(data version, as-of date) straight from the meta record: ``--version`` needs no
        record classes. A malformed meta record falls back to the full check."""
        doc = next(iter(self._docs("meta")), {})
        version, as_of = doc.get("data_version"), doc.get("as_of")
        if isinstance(version, str) and isinstance(as_of, str) and len(as_of) == 10:
            return version, as_of
        return self.meta.data_version, self.meta.as_of.isoformat()

    def oldest_verified(self) -> dict[str, str | None]:
        """Each kind of fact's earliest ``last_verified``, kept by the parse cache (every
        table unpacked for it cost ``db info`` a tenth of its time)."""
        from cnasean.store.index import OLDEST_VERIFIED, oldest_verified

        kept = self.tables.part(OLDEST_VERIFIED, dict)
        if kept is not None:
            self.tables.count_as_read(FACT_KINDS)
            return dict(kept)
        return {kind: oldest_verified(self._stored(kind)) for kind in FACT_KINDS}

    def counts(self) -> dict[str, int]:
        """Documents a table, as TinyDB counts them (a missing table holds none): kept by
        the parse cache, so that no table is unpacked to be counted."""
        from cnasean.store.index import COUNTS

        kept = self.tables.part(COUNTS, dict) or {}
        self.tables.count_as_read(kept)
        return {t: kept[t] if t in kept else len(self._stored(t)) for t in TABLES}


_cache: dict[tuple[str | None, str | None], Store] = {}


def open_store(db: str | os.PathLike[str] | Store | None = None) -> Store:
    """Load the data file once per process and return it (a ``Store`` is returned as it is)."""
    if isinstance(db, Store):
        return db
    key = (os.fspath(db) if db else None, os.environ.get(ENV_VAR))
    store = _cache.get(key)
    if store is None:
        path, origin = locate(db)
        store = load(path, origin, overlay_for(origin))
        store.check()
        _cache[key] = store
    return store


def clear_cache() -> None:
    _cache.clear()


def load(path: Path, origin: str = "option", overlay: Path | None = None) -> Store:
    """Open a data file read-only (with the user's ``overlay`` on top) and read
    it, with errors a user can act on (see ``storage.DataStorage``). Nothing is written."""
    return Store(path, origin, DataStorage(path, origin, overlay=overlay))


__all__ = [
    "FACT_KINDS",
    "TABLES",
    "DataError",
    "Store",
    "load",
    "locate",
    "open_store",
    "packaged_path",
    "user_path",
]
