"""Reading the fact store: opens a data file read-only with TinyDB and loads it once per
process, through the parse cache; records are typed lazily, and checked as they are."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnasean.errors import DataError, DataFileCorrupt, DataFileMissing, InvalidRecord
from cnasean.store.locate import ENV_VAR, describe, locate, packaged_path, user_path

if TYPE_CHECKING:
    from cnasean.models import Meta
    from cnasean.models.source import Source

# The fact kinds are models.KINDS (a test checks they agree); spelled out here so that
# finding and reading the data imports no record classes.
FACT_KINDS = ("trade", "visa", "infrastructure", "events")
TABLES = ("meta", "sources", "countries", *FACT_KINDS)


Docs = list[dict[str, Any]]


class Tables(Mapping[str, Docs]):
    """The tables of one data file, by name. Read from the cache, each table stays in its
    marshalled form until a query first asks for it: ``trade`` never unpacks the sources."""

    def __init__(
        self, loaded: dict[str, Docs], packed: dict[str, bytes] | None = None, reread: Any = None
    ) -> None:
        self._loaded = loaded
        self._packed = packed or {}
        self._reread: Callable[[], dict[str, Docs]] | None = reread

    def __getitem__(self, name: str) -> Docs:
        try:
            return self._loaded[name]
        except KeyError:
            pass
        blob = self._packed.pop(name)  # KeyError: no such table
        import marshal

        try:
            docs = marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            docs = None
        if not isinstance(docs, list):  # a damaged cache: read the data file itself
            assert self._reread is not None
            self._loaded.update(self._reread())
            self._packed.clear()
            return self._loaded[name]
        self._loaded[name] = docs
        return docs

    def __iter__(self) -> Iterator[str]:
        yield from self._loaded
        yield from (k for k in self._packed if k not in self._loaded)

    def __len__(self) -> int:
        return len(self._loaded.keys() | self._packed.keys())


class Store:
    """One loaded data file. Records are typed lazily, once per table, each field checked
    as it is read (``InvalidRecord`` names the table, record and field).

    A plain class, not a dataclass: building one costs start-up time on every run.
    """

    def __init__(self, path: Path, origin: str, raw: Mapping[str, Docs]) -> None:
        self.path = path
        self.origin = origin
        self.raw = raw
        self._typed: dict[str, list[Any]] = {}
        self._one: dict[tuple[str, int], Any] = {}
        self._unique: set[str] = set()
        self._kinds: dict[str, str] | None = None
        self._meta: Meta | None = None
        self._sources: dict[str, Source] | None = None

    def check(self) -> None:
        """Refuse a file whose sources clash: every answer cites them, so one clash spoils
        them all."""
        self._check_unique("sources")

    def __repr__(self) -> str:
        return f"Store(path={self.path!r}, origin={self.origin!r})"

    @property
    def meta(self) -> Meta:
        if self._meta is None:
            docs = self.raw.get("meta") or []
            if not docs:
                raise DataFileCorrupt(f"{self.path}: the meta table is missing or empty.")
            if not isinstance(docs[0], dict):
                raise DataFileCorrupt(f"{self.path}: the meta record is not a JSON object.")
            from cnasean.models import Meta

            self._meta = Meta.from_doc(docs[0])
        return self._meta

    @property
    def sources(self) -> dict[str, Source]:
        if self._sources is None:
            from cnasean.models.source import Source

            self._check_unique("sources")
            self._sources = {s.id: s for s in map(Source.from_doc, self.raw["sources"])}
        return self._sources

    @property
    def source_kinds(self) -> dict[str, str]:
        """Source id -> kind, read straight from the file: ranking figures needs no more."""
        if self._kinds is None:
            self._check_unique("sources")
            self._kinds = {
                d["id"]: str(d.get("kind"))
                for d in self.raw.get("sources", [])
                if isinstance(d, dict) and isinstance(d.get("id"), str)
            }
        return self._kinds

    def records(self, kind: str) -> list[Any]:
        """Every record of ``kind`` (``trade``, ``visa``, ``infrastructure``, ``events``)."""
        typed = self._typed.get(kind)
        if typed is None:
            self._check_unique(kind)
            from cnasean.models import record_class

            typed = list(map(record_class(kind).from_doc, self.raw.get(kind, [])))
            self._typed[kind] = typed
        return typed

    def records_where(self, kind: str, keep: Callable[[dict[str, Any]], bool]) -> list[Any]:
        """The records of ``kind`` whose raw document passes ``keep``, typed. Only those are
        built: on a file of a million figures, a query types the few it answers with."""
        typed = self._typed.get(kind)
        docs = self.raw.get(kind, [])
        self._check_unique(kind)
        if typed is not None:
            return [t for t, d in zip(typed, docs, strict=True) if keep(d)]
        from cnasean.models import record_class

        from_doc = record_class(kind).from_doc
        out = []
        for i, d in enumerate(docs):
            if isinstance(d, dict) and keep(d):
                obj = self._one.get((kind, i))
                if obj is None:
                    obj = self._one[(kind, i)] = from_doc(d)
                out.append(obj)
            elif not isinstance(d, dict):
                from_doc(d)  # raises InvalidRecord naming the table
        return out

    def _check_unique(self, kind: str) -> None:
        """Two records with one id make every answer doubtful: refuse the file."""
        if kind in self._unique:
            return
        seen: set[Any] = set()
        for d in self.raw.get(kind, []):
            rid = d.get("id") if isinstance(d, dict) else None
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
        docs = self.raw.get("meta") or []
        doc = docs[0] if docs and isinstance(docs[0], dict) else {}
        version, as_of = doc.get("data_version"), doc.get("as_of")
        if isinstance(version, str) and isinstance(as_of, str) and len(as_of) == 10:
            return version, as_of
        return self.meta.data_version, self.meta.as_of.isoformat()

    def counts(self) -> dict[str, int]:
        return {t: len(self.raw.get(t, [])) for t in TABLES}


_cache: dict[tuple[str | None, str | None], Store] = {}


def open_store(db: str | os.PathLike[str] | Store | None = None) -> Store:
    """Load the data file once per process and return it (a ``Store`` is returned as it is)."""
    if isinstance(db, Store):
        return db
    key = (os.fspath(db) if db else None, os.environ.get(ENV_VAR))
    store = _cache.get(key)
    if store is None:
        path, origin = locate(db)
        store = load(path, origin)
        store.check()
        _cache[key] = store
    return store


def clear_cache() -> None:
    _cache.clear()


CACHE_LIMIT = 16_000_000  # bytes: larger files are read afresh each time
DATA_FILES_KEPT = 8  # parsed copies of the most recently read data files
# Part of every cache key, with cnasean's version and this file: change it whenever the
# cache's layout changes.
CACHE_FORMAT = 3


def _cache_file(path: Path) -> tuple[Path, str] | None:
    """Where the parsed copy of ``path`` is kept, keyed by its identity and version:
    any write (a new size, time or inode) makes a new key, so a stale copy is never read."""
    from cnasean.store import cache

    where = cache.folder()
    if where is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_size > CACHE_LIMIT or not path.is_file() or not os.access(path, os.R_OK):
        return None  # an unreadable file must fail as it would without the cache
    import sys

    code = cache.code_stamp(__file__)
    resolved = str(path.resolve())
    # The change time too: a rewrite can keep the size and have its time set back.
    key = (
        f"{resolved}|{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}"
        f"|{sys.version_info[:2]}|{CACHE_FORMAT}|{code}"
    )
    # One cache file per data file, replaced when the data changes; the full key inside.
    return where / f"{cache.name_for(resolved)}.marshal", key


def _cache_load(entry: tuple[Path, str] | None) -> dict[str, bytes] | None:
    """The packed tables from a cache with the right key."""
    if entry is None:
        return None
    from cnasean.store import cache

    packed = cache.load(*entry)
    return packed if isinstance(packed, dict) else None


def _cache_save(entry: tuple[Path, str] | None, tables: dict[str, Docs]) -> None:
    """Keep a parsed copy for the next run, each table packed on its own; a cache that
    cannot be written is skipped."""
    if entry is None:
        return
    import marshal

    from cnasean.store import cache

    def payload() -> dict[str, bytes]:
        return {name: marshal.dumps(docs) for name, docs in tables.items()}

    cache.save(*entry, payload, keep=DATA_FILES_KEPT)


def load(path: Path, origin: str = "option") -> Store:
    """Read a data file, read-only, with errors a user can act on.

    JSON parsing is most of a query's time on the shipped data, so it is done once per
    version of the file: the parsed tables are kept in the user's cache folder
    (``$XDG_CACHE_HOME/cnasean``) while the file is unchanged; ``CNASEAN_NO_CACHE=1`` turns
    that off. The data file is never written."""
    cache = _cache_file(path)
    packed = _cache_load(cache)
    if packed is not None:
        return Store(path, origin, Tables({}, packed, lambda: _read_tables(path, origin)))
    tables = _read_tables(path, origin)
    _cache_save(cache, tables)
    return Store(path, origin, Tables(tables))


def _read_tables(path: Path, origin: str) -> dict[str, list[dict[str, Any]]]:
    import json

    from tinydb import TinyDB

    where = describe(path, origin)
    if path.is_dir():
        raise DataFileMissing(f"Data file {where} is a directory, not a file.")
    _sniff(path, where)
    try:
        database = TinyDB(path, access_mode="r", encoding="utf-8")
    except OSError as exc:
        raise _open_error(exc, where) from None
    try:
        data = database.storage.read()
    except json.JSONDecodeError as exc:
        raise DataFileCorrupt(
            f"Data file {where} is not valid JSON: {exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}."
        ) from None
    except UnicodeDecodeError:
        raise DataFileCorrupt(f"Data file {where} is not UTF-8 text.") from None
    except RecursionError:
        raise DataFileCorrupt(
            f"Data file {where} is nested too deeply to be a data file."
        ) from None
    except OSError as exc:
        raise DataFileMissing(f"Data file {where} cannot be read: {exc.strerror}.") from None
    finally:
        database.close()
    return _tables(data, where)


def _open_error(exc: OSError, where: str) -> DataFileMissing:
    """The one-line message for a data file that cannot be opened."""
    if isinstance(exc, FileNotFoundError):
        return DataFileMissing(f"Data file {where} does not exist.")
    if isinstance(exc, PermissionError):
        return DataFileMissing(f"Data file {where} cannot be read: permission denied.")
    return DataFileMissing(f"Data file {where} cannot be opened: {exc.strerror or exc}.")


def _sniff(path: Path, where: str) -> None:
    """Refuse at once a file that cannot be a data file (binary, empty, not a JSON object,
    not a regular file), rather than parse hundreds of megabytes, or wait on a pipe."""
    import stat

    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise _open_error(exc, where) from None
    if not stat.S_ISREG(mode):
        raise DataFileCorrupt(
            f"Data file {where} is not a regular file (a pipe or a device?): save it to a file."
        )
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise _open_error(exc, where) from None
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip(b" \t\r\n")
    if not text:
        raise DataFileCorrupt(f"Data file {where} is empty.")
    if not text.startswith(b"{"):
        raise DataFileCorrupt(
            f"Data file {where} is not a cnasean data file: it does not start with a JSON object."
        )


def _tables(data: Any, where: str) -> dict[str, list[dict[str, Any]]]:
    if data is None:
        raise DataFileCorrupt(f"Data file {where} is empty.")
    if not isinstance(data, dict):
        raise DataFileCorrupt(f"Data file {where} is not a cnasean data file (no tables).")
    if "meta" not in data:
        raise DataFileCorrupt(
            f"Data file {where} has no meta table; it is not a cnasean data file."
        )
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise DataFileCorrupt(f"Data file {where}: table {name!r} is not a JSON object.")
        # TinyDB keys documents by number and writes them in that order.
        docs = list(table.values())
        for key, doc in table.items():
            if not isinstance(doc, dict):
                raise DataFileCorrupt(
                    f"Data file {where}: {name} document {key} is not a JSON object."
                )
        tables[name] = docs
    return tables


__all__ = ["DataError", "Store", "locate", "open_store", "packaged_path", "user_path"]
