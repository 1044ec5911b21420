"""What a write can do before it takes the lock, so that the lock is held for the change
and the write alone (``write.transaction``).

On a file of 100,000 figures a write spends about a second parsing the file, one more
judging every record and one and a half writing its text (``json.dumps`` with an indent is
pure Python); held under the lock, that is four seconds in which every other writer waits.
A ``Snapshot`` does that work first, without the lock, on the file as it is then: the data,
whether it was valid, and each document's text and fingerprint (its ``marshal`` bytes,
which tell ``1`` from ``1.0`` and ``True``, as ``==`` does not). Under the lock the file is
read again, as bytes: the snapshot is used only if they are the very same bytes (else the
write reads and judges it all afresh, as before). Then only the documents the change touched
are judged and written anew; the rest keep the text already made.

What is judged anew (``judge``): every record the change added or altered, with the meta,
sources and country tables whole (references and duplicates among them), every visa rule if
one changed (overlaps), and the ids of the rest (duplicates); any change to meta, sources,
countries or a table cnasean does not know, or a file that was not valid before, is judged
whole. That is everything ``validate.validate_data`` checks, so the verdict is the same:
``tests/test_reliability_paths.py`` holds the two to agree.
"""

from __future__ import annotations

import json
import marshal
from pathlib import Path
from typing import Any

from cnasean.store.storage import FACT_KINDS
from cnasean.store.validate import Problem, validate_data

EVERYTHING = None  # a table changed beyond telling which documents: judge and write it whole


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes through the shared reader (``files.py``: a regular file, never
    waiting on a pipe, at most its size cap), else None."""
    from cnasean.store import files

    try:
        return files.read_bytes(path)
    except files.FileError:
        return None


def _mark(doc: Any) -> bytes | None:
    try:
        return marshal.dumps(doc)
    except ValueError:  # not plain data: always written anew
        return None


_ENCODER = json.JSONEncoder(ensure_ascii=False, indent=1)  # one, not one a document


def _piece(doc: Any, depth: int) -> str:
    """A value's text as ``json.dumps(..., indent=1)`` writes it ``depth`` levels in."""
    return _ENCODER.encode(doc).replace("\n", "\n" + " " * depth)


def _key(name: str) -> str:
    return json.dumps(name, ensure_ascii=False)


def _entry(key: str, doc: Any) -> bytes:
    """A document's lines in its table, ``  "KEY": {...}``, as UTF-8: bytes join fast, where
    one Chinese character makes a joined str four bytes a character."""
    return f"  {_key(key)}: {_piece(doc, 2)}".encode()


def _documents(table: Any) -> bool:
    """A table as the layout can be kept for: an object of documents by (text) number."""
    return isinstance(table, dict) and all(isinstance(k, str) for k in table)


class Snapshot:
    """A data file as it was before the lock: its bytes, data, verdict, and the text and
    fingerprint of each document."""

    def __init__(self, raw: bytes, data: dict[str, Any]) -> None:
        self.raw = raw
        self.data = data
        self.valid = not validate_data(data)
        self._marks: dict[str, dict[str, bytes | None]] = {}
        self._pieces: dict[str, dict[str, bytes]] = {}
        for name, table in data.items():
            if _documents(table):
                self._marks[name] = {k: _mark(doc) for k, doc in table.items()}
                self._pieces[name] = {k: _entry(k, doc) for k, doc in table.items()}

    @classmethod
    def take(cls, path: Path) -> Snapshot | None:
        """The file's snapshot, or None if it is anything but a readable data file (the
        write under the lock then reads it and says what is wrong, as it always did)."""
        raw = read_bytes(path)
        if raw is None:
            return None
        from cnasean.store import files

        try:
            data = files.parse_bytes(raw, data_file=True)
        except files.FileError:  # not UTF-8, not JSON, a key twice, nested too deeply
            return None
        if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
            return None
        return cls(raw, data)

    def current(self, path: Path) -> bool:
        """Is the file still what the snapshot was taken of? Byte for byte: a time or a
        size can stay the same when the content does not."""
        return read_bytes(path) == self.raw

    def changes(self, data: dict[str, Any]) -> dict[str, set[str] | None]:
        """The documents of each table that the change added or altered (``EVERYTHING``
        for a table that is new, or no longer an object of documents)."""
        changed: dict[str, set[str] | None] = {}
        for name, table in data.items():
            marks = self._marks.get(name)
            if marks is None or not _documents(table):
                changed[name] = EVERYTHING
                continue
            touched = {
                k for k, doc in table.items() if (m := marks.get(k)) is None or m != _mark(doc)
            }
            if touched or marks.keys() - table.keys():
                changed[name] = touched
        for name in self._marks.keys() - data.keys():
            changed[name] = EVERYTHING
        return changed

    def judge(self, data: dict[str, Any]) -> tuple[list[Problem], list[bytes]]:
        """The changed data's problems (as ``validate_data`` finds them) and its text in
        UTF-8 (as ``write.dumps`` writes it), doing again only what the change touched."""
        changed = self.changes(data)
        problems = self._problems(data, changed)
        return problems, ([] if problems else self._text(data, changed))

    def _problems(self, data: dict[str, Any], changed: dict[str, set[str] | None]) -> list[Problem]:
        if not self.valid or any(
            name not in FACT_KINDS or touched is EVERYTHING for name, touched in changed.items()
        ):
            return validate_data(data)
        part = {name: table for name, table in data.items() if name not in FACT_KINDS}
        new_ids: set[str] = set()
        for kind in FACT_KINDS:
            if kind not in data:
                continue
            touched = changed.get(kind) or set()
            table = data[kind]
            if kind == "visa" and touched:
                part[kind] = table  # overlaps are between rules: all of them
            else:
                part[kind] = {k: table[k] for k in touched if k in table}
            new_ids |= {str(d.get("id")) for k in touched if isinstance(d := table.get(k), dict)}
        if validate_data(part) or (new_ids and self._clash(data, changed, new_ids)):
            return validate_data(data)  # the whole list, worded as always
        return []

    @staticmethod
    def _clash(data: dict[str, Any], changed: dict[str, set[str] | None], ids: set[str]) -> bool:
        """Does a record the change did not touch have an id the change gave?"""
        for kind in FACT_KINDS:
            touched = changed.get(kind) or set()
            for k, doc in (data.get(kind) or {}).items():
                if k not in touched and isinstance(doc, dict) and str(doc.get("id")) in ids:
                    return True
        return False

    def _text(self, data: dict[str, Any], changed: dict[str, set[str] | None]) -> list[bytes]:
        """``json.dumps(data, ensure_ascii=False, indent=1) + "\\n"`` in UTF-8, in pieces (the
        kept ones, and those made anew): written one after the other, never joined, as a
        copy of 50 MB is a tenth of a second on a small machine."""
        if not data:
            return [b"{}\n"]
        out = [b"{\n"]
        for i, (name, table) in enumerate(data.items()):
            touched = changed.get(name, set())
            pieces = self._pieces.get(name)
            out.append((b",\n" if i else b"") + f" {_key(name)}: ".encode())
            if touched is EVERYTHING or pieces is None or not _documents(table):
                out.append(_piece(table, 1).encode())
            elif not table:
                out.append(b"{}")
            else:
                out.append(b"{\n")
                for j, (k, doc) in enumerate(table.items()):
                    if j:
                        out.append(b",\n")
                    out.append(_entry(k, doc) if k in touched else pieces[k])
                out.append(b"\n }")
        out.append(b"\n}\n")
        return out
