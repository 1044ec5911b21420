"""cnasean's TinyDB storages: how a data file is read and written.

TinyDB keeps a database as one JSON object of tables, each an object of documents by number,
and a ``Storage`` reads and writes that whole object. A cnasean data file has that shape;
two storages give it to TinyDB:

- ``DataStorage``, for queries: read-only. The file is parsed once per version of it,
  through the parse cache (``cache.py``); what cannot be a data file is refused at once,
  with an error naming the file and where its name came from.
- ``EditStorage``, for edits: the whole file as it is on disk, never the cache. Opened
  ``r+`` it holds the write lock until it is closed, and ``write`` is the safe write of
  ``write.py`` (temporary file, fsync, backup, ``os.replace``, fsync the folder).

Queries open ``Database``, TinyDB with read-only tables (``FactTable``); edits open TinyDB
itself, whose tables write as TinyDB means them to::

    found = Database(path, storage=DataStorage).table("trade").search(keep)
    with TinyDB(path, storage=EditStorage) as database:
        database.table("events").insert(event)  # locked, atomic, backed up
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnasean.errors import DataFileCorrupt
from cnasean.store.locate import describe

if TYPE_CHECKING:
    from cnasean.store.cache import Parts

# The fact kinds are models.KINDS (a test checks they agree); spelled out here so that
# finding and reading the data imports no record classes.
FACT_KINDS = ("trade", "visa", "infrastructure", "events")
TABLES = ("meta", "sources", "countries", *FACT_KINDS)

StoredTable = dict[str, Any]  # one table as stored: document number -> document


class Tables(Mapping[str, StoredTable]):
    """The tables of one data file, by name, as ``DataStorage`` gives them to TinyDB. Read
    from the parse cache, each table stays packed until it is first asked for: ``trade``
    never checks or unpacks the visa rules, ``--version`` only the meta record. A packed
    table is unpacked only once its digest is checked (``cache.Parts``); one that fails
    the check means a damaged cache, and the data file itself is read instead. Read-only,
    as a query is."""

    def __init__(
        self,
        loaded: dict[str, StoredTable],
        packed: Parts | None = None,
        reread: Callable[[], dict[str, StoredTable]] | None = None,
    ) -> None:
        self._loaded = loaded
        self._packed = packed
        self._reread = reread
        self._parts: dict[str, Any] = {}
        self._asked: set[str] = set()

    def __getitem__(self, name: str) -> StoredTable:
        self._asked.add(name)
        try:
            return self._loaded[name]
        except KeyError:
            pass
        if self._packed is None or name.startswith("#"):
            raise KeyError(name)
        table = self._unpack(name)  # KeyError: no such table
        if not isinstance(table, dict):  # a damaged cache: read the data file itself
            self._heal()
            return self._loaded[name]
        self._loaded[name] = table
        return table

    def _unpack(self, name: str) -> Any:
        """Part ``name`` of the entry, unpacked; None when it is damaged."""
        assert self._packed is not None
        blob = self._packed.take(name)
        if blob is None:
            return None
        import marshal

        try:  # checked: bytes this code packed
            return marshal.loads(blob)
        except (EOFError, ValueError, TypeError):
            return None

    def _heal(self) -> None:
        assert self._reread is not None
        self._loaded.update(self._reread())
        self._packed = None

    def part(self, name: str, kind: type) -> Any:
        """A part the cache keeps beside the tables (``index``), unpacked once; None when
        there is none (the tables were read from the file) or it is damaged."""
        if name in self._parts:
            return self._parts[name]
        found = None
        if self._packed is not None and name in self._packed:
            found = self._unpack(name)
            if not isinstance(found, kind):
                self._heal()
                found = None
        self._parts[name] = found
        return found

    def sliced(self, kind: str, within: Iterable[tuple[str, ...]]) -> list[tuple[str, Any]] | None:
        """The documents of ``kind`` in the slices ``within`` (``index``), as (number,
        document) in file order; None when there are no slices to read."""
        if kind in self._loaded or self._packed is None:
            return None  # already unpacked whole (or read from the file): scan that
        from cnasean.store.index import slice_names

        found: list[tuple[int, str, Any]] = []
        # The first name is the slice every read includes, kept even when empty: an entry
        # without it keeps no slices.
        for n, name in enumerate(slice_names(kind, within)):
            if n and name not in self._packed and name not in self._parts:
                continue  # no document has that pair
            docs = self.part(name, list)
            if docs is None:
                return None  # none kept, or damaged (the tables are now the file's own)
            found += docs
        if len(found) > 1:
            found.sort(key=lambda item: item[0])
        self._asked.add(kind)
        return [(key, doc) for _, key, doc in found]

    def count_as_read(self, names: Iterable[str]) -> None:
        """Tables a command reports on from the parts kept beside them (counts, dates): for
        the stale-data notice, read as if unpacked."""
        self._asked.update(names)

    def asked(self) -> set[str]:
        """The tables asked for so far (whole or in slices): those this run has read."""
        return set(self._asked)

    def __iter__(self) -> Iterator[str]:
        yield from self._loaded
        if self._packed is not None:
            yield from (k for k in self._packed if k not in self._loaded and not k.startswith("#"))

    def __len__(self) -> int:
        packed = {k for k in self._packed or () if not k.startswith("#")}
        return len(self._loaded.keys() | packed)


class DataStorage:
    """The storage queries read: one data file, read-only, parsed once per version of it.

    With ``overlay`` (the user's edits, ``overlay.py``) the tables are the file's with the
    overlay applied, and kept so: the cache's key holds both files' identities.

    The parsed tables are kept in the user's cache folder (``$XDG_CACHE_HOME/cnasean``)
    while the file is unchanged (``CNASEAN_NO_CACHE=1`` turns that off); within a process
    the file is read once. Queries never write: ``write`` refuses."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        origin: str = "option",
        access_mode: str = "r",
        overlay: Path | None = None,
    ) -> None:
        if access_mode != "r":
            raise ValueError(f"DataStorage only reads (access mode 'r', not {access_mode!r}).")
        self.path = Path(path)
        self.origin = origin
        self.overlay = overlay  # the user's edits, applied on top (overlay.py)
        self._tables: Tables | None = None
        self.entry: tuple[Path, str] | None = None  # where the parse cache keeps this file

    # A read-only Mapping rather than TinyDB's dict: TinyDB reads a table by its name and
    # lists the names, and never changes what it read but to write it back.
    def read(self) -> Tables:
        if self._tables is None:
            from cnasean.store import cache

            entry = self.entry = cache.data_entry(self.path, self.overlay)

            def parse_and_keep() -> dict[str, StoredTable]:
                tables = self._parse()
                if entry is not None:  # a damaged or missing entry is rebuilt
                    from cnasean.store.index import packed

                    cache.save_tables(entry, packed(tables))
                return tables

            packed = cache.load_tables(entry)
            if packed is not None:
                self._tables = Tables({}, packed, parse_and_keep)
            else:
                self._tables = Tables(parse_and_keep())
        return self._tables

    def write(self, data: dict[str, StoredTable]) -> None:
        raise io.UnsupportedOperation(f"{self.path} is open read-only: queries never write.")

    def close(self) -> None:
        pass

    def _parse(self) -> dict[str, StoredTable]:
        """The file's tables, with errors a user can act on (``files.read_json``: the same
        reader, and the same words, as every ``db`` command)."""
        where = describe(self.path, self.origin)
        tables = _tables(_read(self.path, where), where)
        if self.overlay is not None:
            from cnasean.store import overlay

            tables = _tables(overlay.apply(tables, overlay.read(self.overlay)), where)
        return tables


def _read(path: Path, where: str, hint: str = "") -> Any:
    """A data file parsed by the shared reader; what is wrong is one exit-3 line naming it
    (``where``), with ``hint`` (the backup to recover from) when the file is unusable."""
    from cnasean.store import files

    try:
        return files.read_json(path, data_file=True)
    except files.FileError as exc:
        raise files.data_error(exc, where, hint) from None


def _tables(data: Any, where: str) -> dict[str, StoredTable]:
    """cnasean's tables from a parsed file, each checked to be an object of documents."""
    if data is None:
        raise DataFileCorrupt(f"Data file {where} is empty.")
    if not isinstance(data, dict):
        raise DataFileCorrupt(f"Data file {where} is not a cnasean data file (no tables).")
    if "meta" not in data:
        raise DataFileCorrupt(
            f"Data file {where} has no meta table; it is not a cnasean data file."
        )
    data = from_export(data)
    tables: dict[str, StoredTable] = {}
    for name in TABLES:
        table = data.get(name, {})
        if not isinstance(table, dict):
            raise DataFileCorrupt(f"Data file {where}: table {name!r} is not a JSON object.")
        for key, doc in table.items():
            if not isinstance(doc, dict):
                raise DataFileCorrupt(
                    f"Data file {where}: {name} document {key} is not a JSON object."
                )
        tables[name] = table
    return tables


def from_export(data: dict[str, Any]) -> dict[str, Any]:
    """A ``db export -f json`` file as the data file's tables: the export writes each table
    as a list of records and ``meta`` as one object, the data file (TinyDB's layout) as
    objects of numbered documents. Either works as ``--db``; a data file is unchanged."""
    meta = data.get("meta")
    # an export's meta is one object of values (its schema_version among them; review_days
    # is itself an object); a data file's, an object of documents by number (and anything
    # else is a damaged file, for the checks to name)
    if not (isinstance(meta, dict) and "schema_version" in meta):
        return data
    out = dict(data)
    for name in TABLES:
        table = out.get(name)
        if isinstance(table, list):
            out[name] = {str(i): doc for i, doc in enumerate(table, 1)}
        elif name == "meta" and isinstance(table, dict) and table:
            out[name] = {"1": table}
    return out


class EditStorage:
    """The storage edits go through: the whole file as it is on disk, never the parse
    cache (what a write changes must be what is there), with errors that name the backup to
    recover from.

    ``access_mode="r+"`` (the default) holds the write lock (``<file>.lock``) from open to
    close, so that a read, a change and its write are one step no other writer can come
    between; ``write`` replaces the file atomically and keeps the old one as ``<file>.bak``.
    ``"r"`` only reads, without the lock (export, diff, a dry run)."""

    def __init__(self, path: str | os.PathLike[str], access_mode: str = "r+") -> None:
        if access_mode not in ("r", "r+"):
            raise ValueError(f"Access mode {access_mode!r}: use 'r' or 'r+'.")
        self.path = Path(path)
        self.access_mode = access_mode
        self._data: dict[str, Any] | None = None
        self._lock = ExitStack()
        if access_mode == "r+":
            from cnasean.store.write import locked

            self._lock.enter_context(locked(self.path))

    def read(self) -> dict[str, Any]:
        if self._data is None:
            self._data = self._parse()
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        if self.access_mode != "r+":
            raise io.UnsupportedOperation(f"{self.path} is open read-only (access mode 'r').")
        from cnasean.store.write import write_atomic

        write_atomic(self.path, data)
        self._data = data

    def close(self) -> None:
        self._lock.close()

    def _parse(self) -> dict[str, Any]:
        from cnasean.store.locate import backup_path

        path = self.path
        bak = backup_path(path)
        hint = f" The previous version is in {bak}." if bak.exists() else ""
        data = _read(path, str(path), hint)
        if not isinstance(data, dict):
            raise DataFileCorrupt(f"Data file {path} is not a cnasean data file.{hint}")
        return from_export(data)


def __getattr__(name: str) -> Any:
    # TinyDB's classes, for those who open a Database themselves: imported on first use, so
    # that a query answered from the parse cache never imports TinyDB (store/database.py).
    if name in ("Database", "FactTable"):
        from cnasean.store import database

        return getattr(database, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
