"""The shapes data travels in: import from and export to JSON, JSON Lines and CSV, export
to SQLite, and the diff of two data files, record by record.

Everything here works on a parsed data file (a dict of TinyDB tables, each a dict of
documents by number) and never writes it: ``edit.merge`` adds what is read. Record files
are read by ``files`` (bad input: exit 2); exports are put in place by ``outfile``.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from cnasean import jsontext
from cnasean.errors import UsageError
from cnasean.frozen import Frozen
from cnasean.models import KINDS, Source, record_class
from cnasean.text import spreadsheet_safe

# The tables that hold records: what is added to, imported, exported and diffed.
TABLES = ("sources", "countries", *KINDS)


# --- import ---------------------------------------------------------------------------


class Change(Frozen):
    kind: str
    id: str
    change: str  # added, changed, removed, unchanged
    fields: tuple[str, ...] = ()
    # (field, old, new) for each changed field, where they are known (db diff)
    edits: tuple[tuple[str, Any, Any], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "kind": self.kind,
            "id": self.id,
            "fields": list(self.fields),
            "values": {f: {"old": old, "new": new} for f, old, new in self.edits},
        }


def _field_kinds(kind: str) -> dict[str, str]:
    """How CSV cells map back to values: 'json' (lists, objects), 'number', 'bool', 'str'."""
    cls = Source if kind == "sources" else record_class(kind)
    out: dict[str, str] = {}
    for name, t in cls.__field_types__.items():
        if "tuple" in t or "dict" in t or "Limit" in t:
            out[name] = "json"
        elif t.startswith("bool"):
            out[name] = "bool"
        elif ("int" in t or "float" in t) and "str" not in t:
            out[name] = "number"
        else:
            out[name] = "str"
    return out


def _cell(text: str, how: str) -> Any:
    if text == "":
        return None
    if text[0] == "'":  # neutralised on export (see _csv_value): text, one quote less
        return text[1:]
    if how == "str":
        return text
    if how == "bool":
        return {"true": True, "false": False}.get(text.lower(), text)
    from cnasean.store import files

    try:
        return files.parse(text)
    except files.DuplicateKey:
        raise
    except files.FileError:
        return text


def read_records(path: Path, kind: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(kind, record) pairs from a JSON, JSON Lines or CSV file in the shapes export writes,
    or from an official download recognised by its header (``official``: an ``Imported``).

    Read by the shared reader (``files``: a regular UTF-8 file, size capped, no key twice in
    one object); what is wrong is a usage error (exit 2): the file is the user's input."""
    from cnasean.store import files, official

    try:
        raw = files.read_bytes(path)
        if (found := official.read(raw, path, kind)) is not None:
            return found
        text = files.decode(raw)
        suffix = path.suffix.lower()
        if suffix == ".csv":
            return _from_csv(text, kind, path)
        if suffix in (".jsonl", ".ndjson"):
            return _from_lines(text, kind, path)
        obj = files.parse(text, raw)
    except files.FileError as exc:
        raise files.input_error(exc, str(path)) from None
    if isinstance(obj, list):
        return [_kinded(o, kind, str(path)) for o in obj]
    if isinstance(obj, dict):
        out = []
        for k in TABLES:
            table = obj.get(k)
            docs = table.values() if isinstance(table, dict) else (table or [])
            out += [(k, d) for d in docs]
        if not out:
            raise UsageError(f"{path} holds no records of any kind ({', '.join(TABLES)}).")
        return out
    raise UsageError(f"{path}: expected a JSON array of records or an object of tables.")


def _from_lines(text: str, kind: str | None, path: Path) -> list[tuple[str, dict[str, Any]]]:
    from cnasean.store import files

    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = files.parse(line)
        except files.FileError as exc:
            raise UsageError(f"{path} line {n} {exc.problem}.") from None
        out.append(_kinded(obj, kind, f"{path} line {n}"))
    return out


def _kinded(obj: Any, kind: str | None, where: str) -> tuple[str, dict[str, Any]]:
    if not isinstance(obj, dict):
        raise UsageError(f"{where}: a record must be a JSON object.")
    obj = dict(obj)
    k = obj.pop("table", None) or kind
    if k not in TABLES:
        raise UsageError(f'{where}: say the kind with --kind or a "table" field.')
    return k, obj


def _from_csv(text: str, kind: str | None, path: Path) -> list[tuple[str, dict[str, Any]]]:
    from cnasean.store import files

    reader = csv.DictReader(io.StringIO(text, newline=""))
    out = []
    for row in reader:
        k = row.pop("table", None) or kind
        if k not in TABLES:
            raise UsageError(f"{path}: CSV holds one kind; say which with --kind.")
        how = _field_kinds(k)
        try:
            out.append((k, {f: _cell(v or "", how.get(f, "str")) for f, v in row.items() if f}))
        except files.DuplicateKey as exc:
            raise UsageError(f"{path} line {reader.line_num}: a cell {exc.problem}.") from None
    return out


# --- export ---------------------------------------------------------------------------


def records_of(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    table = data.get(kind) or {}
    return [table[k] for k in sorted(table, key=int)]


def export_text(data: dict[str, Any], fmt: str, kind: str | None) -> str:
    """The dataset (or one kind) as JSON, JSON Lines or CSV text."""
    kinds = (kind,) if kind else TABLES
    if fmt == "json":
        if kind:
            return jsontext.dumps(records_of(data, kind), indent=2) + "\n"
        doc: dict[str, Any] = {"meta": records_of(data, "meta")[0] if data.get("meta") else {}}
        doc.update({k: records_of(data, k) for k in kinds})
        return jsontext.dumps(doc, indent=2) + "\n"
    if fmt == "jsonl":
        # "table", not "kind": sources have a field of their own called kind.
        return "".join(
            json.dumps({"table": k, **d}, ensure_ascii=False) + "\n"
            for k in kinds
            for d in records_of(data, k)
        )
    if fmt == "csv":
        if not kind:
            raise UsageError("A CSV file holds one kind: add --kind (sources, trade, visa, ...).")
        fields = list(_field_kinds(kind))
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        # With LF rows, the minimal quoting leaves a lone CR bare; quote such rows fully.
        quoted = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(fields)
        for d in records_of(data, kind):
            row = [_csv_value(d.get(f)) for f in fields]
            (quoted if any("\r" in c for c in row) else writer).writerow(row)
        return out.getvalue()
    raise UsageError(f"Unknown export format {fmt!r}.")


# A spreadsheet takes a cell beginning with one of these for a formula (OWASP, "CSV
# injection"); a quote before it makes it text there, and a text that begins with a quote
# gets one more, so that import (``_cell``) takes exactly one off and reads back the text.
def _csv_value(value: Any) -> str:
    """A value as a CSV cell: text that a spreadsheet would run as a formula is
    neutralised with a leading quote; numbers (-5) are written as they are."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        return spreadsheet_safe(value, quotes=True)  # read back exactly by _cell
    return str(value)


def export_sqlite(data: dict[str, Any], path: Path, kind: str | None = None) -> dict[str, int]:
    """A SQLite database in ``path``, a new empty file (``export_file`` makes one): one
    table per kind (lists and objects as JSON text), the sources, and ``citations`` (kind,
    record_id, source_id) joining facts to their sources.

    Integer fields (and booleans), and number fields whose values are all whole numbers, are
    INTEGER columns, other number fields REAL, unless a value would not survive the type
    exactly (an integer past 2**53 in REAL, past int64 in INTEGER, such as a 30-digit one):
    that column is declared without a type,
    so SQLite keeps each value as it is given, integers in SQLite's int64 as INTEGER and
    larger ones as their digits in TEXT. Nothing is rounded."""
    import sqlite3

    con = sqlite3.connect(path)
    counts = {}
    try:
        kinds = (
            ("sources", kind) if kind and kind != "sources" else (("sources",) if kind else TABLES)
        )
        for k in kinds:
            types = _field_kinds(k)
            fields = list(types)
            docs = records_of(data, k)
            ints = _integer_fields(k)
            cols = ", ".join(
                f'"{f}"{_sql_type(types[f], [d.get(f) for d in docs], f in ints)}'
                + (" PRIMARY KEY" if f == "id" else "")
                for f in fields
            )
            con.execute(f'CREATE TABLE "{k}" ({cols})')
            rows = [[_sql_value(d.get(f)) for f in fields] for d in docs]
            marks = ", ".join("?" for _ in fields)
            con.executemany(f'INSERT INTO "{k}" VALUES ({marks})', rows)
            counts[k] = len(rows)
        con.execute(
            "CREATE TABLE citations (kind TEXT, record_id TEXT, source_id TEXT "
            "REFERENCES sources(id))"
        )
        cites = [
            (k, d["id"], s)
            for k in kinds
            if k != "sources"
            for d in records_of(data, k)
            for s in d.get("sources") or []
        ]
        con.executemany("INSERT INTO citations VALUES (?, ?, ?)", cites)
        meta = records_of(data, "meta")
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        if meta:
            con.executemany(
                "INSERT INTO meta VALUES (?, ?)", [(k, _sql_value(v)) for k, v in meta[0].items()]
            )
        con.commit()
    finally:
        con.close()
    return counts


_INT64 = range(-(2**63), 2**63)


def _integer_fields(kind: str) -> set[str]:
    """The fields a record class types as integers or booleans (not ``int | float``)."""
    cls = Source if kind == "sources" else record_class(kind)
    types = _field_kinds(kind)
    return {
        name
        for name, t in cls.__field_types__.items()
        if types[name] == "bool" or (types[name] == "number" and "float" not in t)
    }


def _sql_type(how: str, values: list[Any], integer: bool = False) -> str:
    """INTEGER for integer fields (and booleans, 0 or 1) and fields of whole numbers, REAL
    for other numbers; no type (no conversion) when a value would not survive the column's
    type exactly."""
    if how == "bool":
        return " INTEGER"
    if how != "number":
        return " TEXT"
    numbers = [v for v in values if v is not None and not isinstance(v, bool)]
    if integer or (numbers and all(isinstance(v, int) for v in numbers)):  # whole numbers
        return "" if any(isinstance(v, int) and v not in _INT64 for v in values) else " INTEGER"
    big = (v for v in values if isinstance(v, int) and not -(2**53) <= v <= 2**53)
    return "" if any(v not in _INT64 or float(v) != v for v in big) else " REAL"


def _sql_value(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int) and value not in _INT64:
        return str(value)  # SQLite's integers are 64-bit: the digits, as text
    return value


# --- diff -----------------------------------------------------------------------------


def changed_fields(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, ...]:
    """The fields whose values differ between two versions of a record, sorted."""
    return tuple(sorted(f for f in a.keys() | b.keys() if a.get(f) != b.get(f)))


def diff(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    """What changed from ``a`` to ``b``, record by record (matched by kind and id)."""
    changes = []
    for kind in ("meta", *TABLES):
        old = {str(d.get("id", "meta")): d for d in records_of(a, kind) if isinstance(d, dict)}
        new = {str(d.get("id", "meta")): d for d in records_of(b, kind) if isinstance(d, dict)}
        for rid in sorted(set(old) | set(new)):
            if rid not in new:
                changes.append(Change(kind, rid, "removed"))
            elif rid not in old:
                changes.append(Change(kind, rid, "added"))
            elif fields := changed_fields(old[rid], new[rid]):
                values = tuple((f, old[rid].get(f), new[rid].get(f)) for f in fields)
                changes.append(Change(kind, rid, "changed", fields, values))
    return changes
