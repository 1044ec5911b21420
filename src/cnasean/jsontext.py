"""Indented JSON, byte for byte as ``json.dumps(value, indent=N)`` writes it, at a fraction
of the cost.

With an indent, the standard library gives up its C encoder and walks the value in Python, a
generator step for every key, value and bracket: 15 million instructions for a member's
trade summary (110 kB), more than the query that built it. Here the C encoder does the
work: a container whose members are all plain values (strings, numbers, booleans, null)
is encoded in one call, with the newline and indent as its item separator; an object with a
few containers among its values (a record and its list of sources) is one call too, each
container stood in for by a mark and then replaced; only what is left is walked in Python.
The two agree on every value (a property test compares them); anything unusual (a key that
is not a string, a value JSON cannot hold, no C encoder) goes the standard library's way,
and so fails or succeeds just as it would. Without an indent it is the standard library's
compact text, in one call.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

try:  # the C encoder itself: importing the json package compiles six regular expressions
    import _json as _c
except ImportError:  # pragma: no cover  # a Python without the C accelerator
    _c = None  # type: ignore[assignment]
_MAKE: Any = getattr(_c, "make_encoder", None)
_PLAIN = (str, int, float, bool, type(None))
_EMPTY = (list, tuple, dict)
_MARKS = 8  # containers an object may hold and still be written in one call (marked)


class _Unusual(Exception):
    """A value the fast path leaves to the standard library."""


def dumps(value: Any, *, indent: int | None, ensure_ascii: bool = False) -> str:
    """``json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)``, the same text."""
    if _MAKE is not None and (indent is None or (type(indent) is int and indent >= 0)):
        writer = _Writer(indent or 0, ensure_ascii)
        try:
            if indent is None:
                return "".join(writer.plain(value, 0))
            return writer.walk(value, 0)
        except (_Unusual, ValueError, RecursionError):
            pass  # the standard library's way: its result, or its error
    import json

    return json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)


def _refuse(obj: Any) -> Any:
    raise _Unusual


class _Writer:
    __slots__ = ("encoders", "indent", "plain", "text")

    def __init__(self, indent: int, ensure_ascii: bool) -> None:
        self.indent = indent
        self.text = _c.encode_basestring_ascii if ensure_ascii else _c.encode_basestring
        self.encoders: dict[int, Any] = {}
        self.plain = self._encoder(", ")

    def _encoder(self, separator: str) -> Any:
        return _MAKE({}, _refuse, self.text, None, ": ", separator, False, False, True)

    def _at(self, depth: int) -> tuple[Any, str]:
        """The encoder of members ``depth`` levels in (its item separator the newline and
        their indent), and that indent."""
        pad = " " * (self.indent * (depth + 1))
        enc = self.encoders.get(depth)
        if enc is None:
            enc = self.encoders[depth] = self._encoder(",\n" + pad)
        return enc, pad

    def walk(self, obj: Any, depth: int) -> str:
        if isinstance(obj, dict):
            if not obj:
                return "{}"
            return self.marked(obj, depth) or self.runs(obj.items(), depth, "{", "}")
        if isinstance(obj, (list, tuple)):
            return self.runs(enumerate(obj), depth, "[", "]") if obj else "[]"
        if isinstance(obj, _PLAIN):
            return "".join(self.plain(obj, 0))
        raise _Unusual

    def marked(self, obj: dict[Any, Any], depth: int) -> str | None:
        """An object in one call of the C encoder, each container among its values stood in
        for by a mark and then replaced by its own text: a record with a list of sources is
        one call, not one a run. The mark is a string of NULs, which JSON escapes (as
        \\u0000), so the data cannot write it unless it holds NULs itself; then (the mark
        not found exactly once, or a NUL in a container's text) None: the slower way."""
        # an empty list or object is written "[]" or "{}" at any depth: the C encoder's own
        nested = [
            k
            for k, v in obj.items()
            if not (isinstance(v, _PLAIN) or (not v and type(v) in _EMPTY))
        ]
        enc, pad = self._at(depth)
        if not nested:
            return f"{{\n{pad}{''.join(enc(obj, 0))[1:-1]}\n{' ' * (self.indent * depth)}}}"
        if len(nested) > _MARKS:
            return None  # each mark is a scan of the text: a table of documents goes by runs
        flat = dict(obj)
        for n, key in enumerate(nested):
            flat[key] = "\0" * (n + 1)
        text = "".join(enc(flat, 0))
        for n, key in enumerate(nested):
            mark = '"' + "\\u0000" * (n + 1) + '"'
            inner = self.walk(obj[key], depth + 1)
            if text.count(mark) != 1 or "\\u0000" in inner:
                return None
            text = text.replace(mark, inner)
        return f"{{\n{pad}{text[1:-1]}\n{' ' * (self.indent * depth)}}}"

    def runs(self, items: Iterable[tuple[Any, Any]], depth: int, opening: str, closing: str) -> str:
        """A container's members: each run of plain values in one call of the C encoder (as
        a dict or a list of its own), each container among them walked."""
        enc, pad = self._at(depth)
        keyed = opening == "{"
        parts: list[str] = []
        run: dict[Any, Any] = {}
        for key, item in items:
            if isinstance(item, _PLAIN):
                run[key] = item
                continue
            if run:
                parts.append("".join(enc(run if keyed else list(run.values()), 0))[1:-1])
                run = {}
            text = self.walk(item, depth + 1)
            if keyed:
                if not isinstance(key, str):
                    raise _Unusual
                text = self.text(key) + ": " + text
            parts.append(text)
        if run:
            parts.append("".join(enc(run if keyed else list(run.values()), 0))[1:-1])
        inner = (",\n" + pad).join(parts)
        return f"{opening}\n{pad}{inner}\n{' ' * (self.indent * depth)}{closing}"
