"""What the parse cache keeps beside a data file's tables, so that a query reads only the part
of the data it answers from.

A query for China's trade with Vietnam needs a few dozen of the file's thousands of trade
figures; unpacking the whole table for it cost more than the rest of the command. So, when
the tables are packed (``cache.save_tables``), the trade table is also kept in slices, one
per (reporter, partner) pair, each a list of ``(position, document number, document)`` in
file order; ``Store.records_where(..., within=pairs)`` unpacks only the slices of the pairs
asked for and gives the documents in file order, as a scan of the whole table would. A
slice is an index, never a second truth: the query's own test still runs on every document
it is given, so a slice can only spare documents the test would have refused.

Two rules keep a sliced read the same as a full one, checked by the tests that compare them:

- A document whose reporter or partner is not a string, or any of whose other filtered
  fields (``TYPED``) has the wrong type, is in a slice of its own that every sliced read
  includes: the query's test is then what reports it, as a full scan would.
- Ids are checked once, when the entry is packed: the kinds whose ids are all distinct
  strings are listed (``UNIQUE``), and only for those does a read skip the whole table;
  for the others the full check runs and names the clash.

Strings repeated across documents ("CN", "total", "year", source ids) are packed once each
(marshal then writes a back-reference for each repeat), which halves the time to unpack a
table of figures. Names of these parts start with ``#``, which no table's name does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cnasean.store.storage import FACT_KINDS, TABLES

SLICED = {"trade": ("reporter", "partner")}  # kind -> the fields its slices are keyed by
# The other fields the trade filters test by type (query.trade._raw_filter): a document with
# one of them mistyped goes to every sliced read, so that the filter reports it.
TYPED: dict[str, tuple[tuple[str, tuple[type, ...]], ...]] = {
    "trade": (
        ("period_start", (str,)),
        ("period_end", (str,)),
        ("flow", (str,)),
        ("currency", (str, type(None))),
    )
}
UNIQUE = "#unique"  # the kinds whose ids are distinct strings
NEWEST_TRADE = "#newest-trade-end"  # the latest period_end of the trade table (freshness.py)
KINDS_OF_SOURCES = "#source-kinds"  # source id -> kind, as Store.source_kinds reads it
COUNTS = "#counts"  # table -> how many documents it holds (db info)
OLDEST_VERIFIED = "#oldest-verified"  # kind -> its earliest last_verified (db info)
TRUSTED = "#trusted"  # the kinds whose documents models.well_formed builds as from_doc does
TRUST_LIMIT = 20_000  # documents: a larger table is checked as it is read, not when packed
_ODD = "?"  # the slice of documents every sliced read includes


def slice_name(kind: str, key: tuple[str, ...]) -> str:
    return f"#{kind}@{'>'.join(key)}" if key != (_ODD,) else f"#{kind}@{_ODD}"


def odd_name(kind: str) -> str:
    return slice_name(kind, (_ODD,))


def _share(value: Any, memo: dict[str, str]) -> Any:
    """``value`` with each distinct string one object, so marshal packs repeats as references."""
    kind = type(value)
    if kind is str:
        return memo.setdefault(value, value)
    if kind is dict:
        return {
            (memo.setdefault(k, k) if type(k) is str else k): _share(v, memo)
            for k, v in value.items()
        }
    if kind is list:
        return [_share(v, memo) for v in value]
    return value


def _unique(table: Mapping[str, Any]) -> bool:
    ids = [d.get("id") for d in table.values() if isinstance(d, dict)]
    if len(ids) != len(table) or not all(type(i) is str for i in ids):
        return False
    return len(set(ids)) == len(ids)


def _trusted(kind: str, table: Mapping[str, Any]) -> bool:
    """Whether every document of ``kind`` is well formed: ``from_doc`` takes it, and the
    unchecked builder (``models.well_formed``) gives the same record, field for field and
    type for type. Then a read of this entry types the table without the checks, which
    have passed; anything else (one bad document, a field from_doc reads in its own way)
    and every read checks every record it types, as without the cache."""
    from cnasean.errors import InvalidRecord
    from cnasean.models import record_class, well_formed

    if kind == "meta" or kind not in TABLES or not table or len(table) > TRUST_LIMIT:
        return False
    cls = record_class(kind)
    build = well_formed(cls)
    if build is None:
        return False
    try:
        for doc in table.values():
            if not _same(cls.from_doc(doc), build(doc)):
                return False
    except (InvalidRecord, TypeError, ValueError, AttributeError):
        return False
    return True


def _same(a: Any, b: Any) -> bool:
    """Equal and of one type, all the way down (5 and 5.0 are equal, but not in JSON)."""
    from cnasean.models import Record

    if type(a) is not type(b):
        return False
    if isinstance(a, Record):
        return all(map(_same, a.values(), b.values()))
    if type(a) is tuple or type(a) is list:
        return len(a) == len(b) and all(map(_same, a, b))
    if type(a) is dict:
        return a.keys() == b.keys() and all(_same(v, b[k]) for k, v in a.items())
    return bool(a == b)


def _slices(kind: str, table: Mapping[str, Any]) -> dict[str, list[tuple[int, str, Any]]]:
    fields = SLICED[kind]
    typed = TYPED.get(kind, ())
    out: dict[str, list[tuple[int, str, Any]]] = {odd_name(kind): []}
    for at, (key, doc) in enumerate(table.items()):
        values = tuple(doc.get(f) for f in fields)
        if all(type(v) is str for v in values) and all(
            isinstance(doc.get(f), types) for f, types in typed
        ):
            name = slice_name(kind, values)  # all strings, checked
        else:
            name = odd_name(kind)
        out.setdefault(name, []).append((at, key, doc))
    return out


def packed(tables: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The parts to keep for ``tables`` (already checked to be tables of documents): each
    table, the slices of the sliced kinds, the kinds with unique ids, the source kinds."""
    memo: dict[str, str] = {}
    shared = {name: _share(dict(table), memo) for name, table in tables.items()}
    parts: dict[str, Any] = dict(shared)
    parts[UNIQUE] = [name for name, table in shared.items() if _unique(table)]
    for kind in SLICED:
        if kind in shared:
            parts.update(_slices(kind, shared[kind]))
    parts[NEWEST_TRADE] = newest_end(shared.get("trade", {})) or ""
    parts[COUNTS] = {name: len(table) for name, table in shared.items()}
    parts[OLDEST_VERIFIED] = {kind: oldest_verified(shared.get(kind, {})) for kind in FACT_KINDS}
    parts[TRUSTED] = [name for name, table in shared.items() if _trusted(name, table)]
    sources = shared.get("sources", {})
    if "sources" in parts[UNIQUE]:
        parts[KINDS_OF_SOURCES] = {
            d["id"]: str(d.get("kind")) for d in sources.values() if isinstance(d.get("id"), str)
        }
    return parts


def slice_names(kind: str, within: Iterable[tuple[str, ...]]) -> list[str]:
    """The parts a sliced read of ``kind`` for the keys ``within`` unpacks."""
    return [odd_name(kind), *dict.fromkeys(slice_name(kind, tuple(k)) for k in within)]


def newest_end(table: Mapping[str, Any]) -> str | None:
    """The latest ``period_end`` of a table of figures (as text: dates are YYYY-MM-DD)."""
    ends = [
        d["period_end"]
        for d in table.values()
        if isinstance(d, dict) and isinstance(d.get("period_end"), str)
    ]
    return max(ends) if ends else None


def oldest_verified(table: Mapping[str, Any]) -> str | None:
    """The earliest ``last_verified`` of a table, among well-formed ones (text, as dates are
    YYYY-MM-DD): ``db info`` describes a file, ``db validate`` judges it."""
    dates = [
        d["last_verified"]
        for d in table.values()
        if isinstance(d, dict) and isinstance(d.get("last_verified"), str)
    ]
    return min(dates) if dates else None
