"""TinyDB over a data file, as queries open it: read-only tables over ``storage.DataStorage``.

A module of its own so that TinyDB is imported only where a query searches through it: the
parse cache answers most queries from its slices, and a run that never searches never pays
for importing TinyDB (about 6 million instructions, a fortieth of a run). The storages
(``storage.py``) are TinyDB storages by shape, ``read``, ``write`` and ``close``, and are
registered here as such."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

from tinydb import Storage, TinyDB
from tinydb.table import Table

from cnasean.store.storage import DataStorage, EditStorage

Storage.register(DataStorage)
Storage.register(EditStorage)


class FactTable(Table):
    """A TinyDB table of one kind of record, as queries read it: read-only.

    Document ids stay as the file spells them (a query has no use for TinyDB's ``int``, which
    fails on a key that is not a number), and searches are not kept in TinyDB's query cache:
    each query searches once, and on a file of 100,000 figures a kept result is a second
    copy of every document it matched."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB's own is int

    def __init__(
        self, storage: Storage, name: str, cache_size: int = 0, persist_empty: bool = False
    ) -> None:
        super().__init__(storage, name, cache_size, persist_empty)

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        # Every write of a TinyDB table comes here, and TinyDB changes the documents it read
        # before it asks the storage to write them: refuse first, so that a write asked of a
        # query changes nothing, not even the documents the process holds.
        raise io.UnsupportedOperation(f"Table {self.name!r} is read-only: queries never write.")


class Database(TinyDB):
    """TinyDB as queries open a data file: over ``DataStorage``, with read-only tables."""

    table_class = FactTable
