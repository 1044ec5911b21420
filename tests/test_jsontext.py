"""cnasean.jsontext.dumps writes exactly what json.dumps writes with an indent."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnasean import jsontext

PACKAGED_DB = Path(__file__).resolve().parents[1] / "data" / "db.json"

LEAF = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
VALUE = st.recursive(
    LEAF,
    lambda inner: st.lists(inner) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner),
    max_leaves=40,
)


@settings(max_examples=600, deadline=None)
@given(VALUE, st.integers(0, 4), st.booleans())
def test_same_text_as_the_standard_library(value: Any, indent: int, ascii_only: bool) -> None:
    want = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    assert jsontext.dumps(value, indent=indent, ensure_ascii=ascii_only) == want


@pytest.mark.parametrize("indent", [1, 2])
def test_the_shipped_data_file(indent: int) -> None:
    data = json.loads(PACKAGED_DB.read_text(encoding="utf-8"))
    assert jsontext.dumps(data, indent=indent) == json.dumps(
        data, indent=indent, ensure_ascii=False
    )


@pytest.mark.parametrize(
    "value",
    [
        {1: [1, {2: 3}], "a": {}},  # keys that are not strings, under a nested container
        {"a": [{True: None, 2.5: "x"}]},
        [{"x": [1, 2]}, [], {}, [[[]]], "中文", math.inf],
        {"a": ({"b": 1}, 2)},
        # NULs, as the marks for nested containers are written (jsontext._Writer.marked)
        {"a": "\x00", "b": [1]},
        {"\x00": [1], "b": ["\x00"]},
        {"a": [1], "b": "\x00\x00", "c": {"d": 1}},
        {"a": ["\x00\x00"], "b": [2], "c": "a\x00"},
        [{"id": "x", "sources": ["S1"], "derived": {"inputs": ["a", "b"]}, "n": None}],
    ],
)
def test_unusual_values(value: Any) -> None:
    assert jsontext.dumps(value, indent=2) == json.dumps(value, indent=2, ensure_ascii=False)


def test_what_json_cannot_hold_fails_as_json_fails() -> None:
    with pytest.raises(TypeError, match="not JSON serializable"):
        jsontext.dumps({"a": [{"b": object()}]}, indent=2)
    loop: list[Any] = []
    loop.append([loop])
    with pytest.raises(ValueError, match="Circular"):
        jsontext.dumps(loop, indent=2)


def test_no_indent_and_string_indents_are_the_standard_librarys() -> None:
    value = {"a": [1, {"b": "c"}]}
    assert jsontext.dumps(value, indent=None) == json.dumps(value, ensure_ascii=False)
    assert jsontext.dumps(value, indent="\t") == json.dumps(value, indent="\t", ensure_ascii=False)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(VALUE, st.booleans())
def test_compact_text_is_the_standard_librarys(value: Any, ascii_only: bool) -> None:
    want = json.dumps(value, ensure_ascii=ascii_only)
    assert jsontext.dumps(value, indent=None, ensure_ascii=ascii_only) == want


def test_a_table_of_many_documents_is_written_in_linear_time() -> None:
    # an object of thousands of documents (a data file's table) goes by runs, not by marks:
    # a mark is a scan of the whole text, and a mark a document was quadratic
    import time

    many = {str(i): {"id": f"r{i}", "sources": ["S1"], "n": i} for i in range(20_000)}
    assert jsontext._Writer(1, False).marked(dict(list(many.items())[:9]), 0) is None
    started = time.perf_counter()
    text = jsontext.dumps({"trade": many}, indent=1)
    assert time.perf_counter() - started < 5
    assert text == json.dumps({"trade": many}, indent=1, ensure_ascii=False)
