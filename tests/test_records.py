"""The record base class: frozen, slotted value types, as dataclasses were, built cheaply."""

from __future__ import annotations

import copy
import datetime as dt
import pickle
from typing import Any, ClassVar

import pytest

from cnasean.frozen import FrozenInstanceError
from cnasean.models import Meta, record_class
from cnasean.models.source import CountryName

DAY = dt.date(2025, 1, 2)


def name(**over: object) -> CountryName:
    fields: dict[str, object] = dict(
        id="th", code="TH", name_zh="泰国", sources=("ZX1",), note=None, last_verified=DAY
    )
    fields.update(over)
    return CountryName(**fields)  # type: ignore[arg-type]


def test_fields_are_the_annotations_in_order_without_class_variables() -> None:
    assert CountryName.field_names() == (
        "id",
        "code",
        "name_zh",
        "sources",
        "note",
        "last_verified",
    )
    assert "table" not in CountryName.field_names()
    assert CountryName.table == "countries"
    assert CountryName.__field_types__["last_verified"] == "dt.date"


def test_positional_and_keyword_construction_agree() -> None:
    by_name = name()
    by_position = CountryName("th", "TH", "泰国", ("ZX1",), None, DAY)
    mixed = CountryName("th", "TH", "泰国", ("ZX1",), note=None, last_verified=DAY)
    assert by_name == by_position == mixed
    assert by_name.name_zh == "泰国"
    assert by_name.values() == ("th", "TH", "泰国", ("ZX1",), None, DAY)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((), {"id": "th"}, "missing code, name_zh, sources, note, last_verified"),
        (("th",), {"id": "x"}, "'id' is given twice"),
        ((), {"idd": "th"}, "'idd' is not a field"),
        (("th", "TH", "泰国", (), None, DAY, "extra"), {}, "takes 6 fields, got 7"),
    ],
)
def test_wrong_construction_is_a_type_error(
    args: tuple[object, ...], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(TypeError, match=message):
        CountryName(*args, **kwargs)  # type: ignore[arg-type]


def test_records_are_frozen_and_slotted() -> None:
    rec = name()
    with pytest.raises(FrozenInstanceError):
        rec.code = "VN"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del rec.code  # type: ignore[misc]
    with pytest.raises(AttributeError):
        rec.__dict__  # noqa: B018  # slots: no per-instance dict
    assert rec.code == "TH"


def test_equality_and_hash_are_by_value_and_class() -> None:
    assert name() == name()
    assert hash(name()) == hash(name())
    assert name() != name(code="VN")
    assert len({name(), name(), name(code="VN")}) == 2
    meta = Meta(1, "v", DAY, None)
    assert meta != name()
    assert (name() == object()) is False


def test_repr_names_every_field() -> None:
    assert repr(name()) == (
        "CountryName(id='th', code='TH', name_zh='泰国', sources=('ZX1',), note=None, "
        "last_verified=datetime.date(2025, 1, 2))"
    )


def test_copy_and_pickle_round_trip() -> None:
    rec = name()
    assert copy.copy(rec) == rec
    assert copy.deepcopy(rec) == rec
    assert pickle.loads(pickle.dumps(rec)) == rec


def test_to_dict_keeps_field_order_and_plain_json_values() -> None:
    assert name().to_dict() == {
        "id": "th",
        "code": "TH",
        "name_zh": "泰国",
        "sources": ["ZX1"],
        "note": None,
        "last_verified": "2025-01-02",
    }
    assert list(name().to_dict()) == list(CountryName.field_names())


def test_nested_records_become_dicts(shipped_raw: dict[str, Any]) -> None:
    project_cls = record_class("infrastructure")
    doc = next(d for d in shipped_raw["infrastructure"] if d.get("metrics"))
    project = project_cls.from_doc(doc)
    out = project.to_dict()
    assert out["metrics"] and all(isinstance(m, dict) for m in out["metrics"])
    assert out["metrics"][0]["metric"] == doc["metrics"][0]["metric"]
    assert out["countries"] == doc["countries"]


def test_a_record_class_with_fields_cannot_be_extended() -> None:
    with pytest.raises(TypeError, match="cannot be subclassed"):

        class More(CountryName):
            extra: str


def test_frozen_values_take_defaults_like_named_tuples() -> None:
    from cnasean.frozen import Frozen

    class Cell(Frozen):
        shown: str
        others: tuple[str, ...] = ()

    assert Cell("a").others == ()
    assert Cell("a", ("b",)) == Cell(shown="a", others=("b",))
    assert Cell(shown="a") == Cell("a")
    assert "others" not in vars(Cell) or not isinstance(vars(Cell)["others"], tuple)  # a slot
    with pytest.raises(TypeError, match="missing shown"):
        Cell()  # type: ignore[call-arg]


def test_a_required_field_after_a_default_is_refused() -> None:
    from cnasean.frozen import Frozen

    with pytest.raises(TypeError, match="without a default follows"):

        class Bad(Frozen):
            a: int = 0
            b: int


def test_a_subclass_that_adds_only_behaviour_keeps_fields_and_defaults() -> None:
    from cnasean.frozen import Frozen

    class Cell(Frozen):
        shown: str
        others: tuple[str, ...] = ()

    class Marked(Cell):
        def marked(self) -> str:
            return self.shown + "*"

    assert Marked("a").marked() == "a*" and Marked("a").others == ()
    with pytest.raises(AttributeError):
        Marked("a").__dict__  # noqa: B018  # still slotted


def test_class_variables_are_not_fields_however_spelled() -> None:
    import typing

    from cnasean.frozen import Frozen

    class WithTable(Frozen):
        table: typing.ClassVar[str] = "t"
        kind: ClassVar[str] = "k"
        value: int

    assert WithTable.field_names() == ("value",)
    assert WithTable.table == "t" and WithTable(1).kind == "k"


MISSING = object()


class Fails(str):
    """The problem a reader reports, where it does not give a value."""


@pytest.mark.parametrize(
    ("method", "kwargs", "value", "result"),
    [
        ("req_str", {}, "CN", "CN"),
        ("req_str", {}, MISSING, Fails("is missing")),
        ("req_str", {}, None, Fails("is null")),
        ("req_str", {}, " ", Fails("must be a non-empty string")),
        ("req_str", {}, 3, Fails("must be a non-empty string")),
        ("req_str", {"choices": ("CN", "TH")}, "VN", Fails("must be one of CN, TH (got 'VN')")),
        ("text", {"optional": True}, MISSING, None),
        ("text", {"optional": True}, None, None),
        ("text", {}, None, Fails("is null")),
        ("req_date", {}, "2024-02-29", dt.date(2024, 2, 29)),
        ("req_date", {}, MISSING, Fails("is missing")),
        ("req_date", {}, "2024-02-30", Fails("must be an ISO date YYYY-MM-DD (got '2024-02-30')")),
        ("req_date", {}, "2026-W01-4", Fails("must be an ISO date YYYY-MM-DD (got '2026-W01-4')")),
        ("date", {"optional": True}, None, None),
        ("number", {}, 3, 3),
        ("number", {}, 2.5, 2.5),
        ("number", {}, None, None),
        ("number", {"optional": False}, MISSING, Fails("is missing")),
        ("number", {}, True, Fails("must be a number (got True)")),
        ("number", {}, "3", Fails("must be a number (got '3')")),
        ("number", {}, float("inf"), Fails("must be a finite number")),
        ("integer", {}, 2.5, Fails("must be a whole number (got 2.5)")),
        ("flag", {}, False, False),
        ("flag", {}, MISSING, Fails("is missing")),
        ("flag", {}, None, Fails("is null")),
        ("flag", {}, 1, Fails("must be true or false (got 1)")),
        ("strs", {}, None, ()),
        ("strs", {"optional": False}, MISSING, Fails("is missing")),
        ("strs", {}, ["a", ""], Fails("must be a list of strings")),
        ("strs", {"choices": ("CN",)}, ["CN", "ZZ"], Fails("has unknown values ['ZZ']")),
        ("sources", {}, [], Fails("must not be empty")),
        ("obj", {}, None, None),
        ("obj", {}, [], Fails("must be an object or null")),
    ],
)
def test_each_field_reader_checks_its_value_and_names_what_is_wrong(
    method: str, kwargs: dict[str, Any], value: object, result: object
) -> None:
    """Every record is read with these checks: a good value comes back typed, a missing,
    null or wrong one is an error naming the table, record and field."""
    from cnasean.errors import InvalidRecord
    from cnasean.models.record import _Reader

    doc: dict[str, object] = {"id": "r1"} if value is MISSING else {"id": "r1", "f": value}
    read = getattr(_Reader("trade", doc), method)
    if isinstance(result, Fails):
        with pytest.raises(InvalidRecord) as info:
            read("f", **kwargs)
        assert str(info.value) == f"Invalid trade record 'r1': field 'f' {result}."
    else:
        assert read("f", **kwargs) == result


def test_to_dict_is_every_field_in_order_as_json_for_every_shipped_record():
    # to_dict copies the fields whose type is already JSON and converts the rest (dates,
    # tuples, nested records, objects): the same as converting every field
    import datetime as dt

    from cnasean.models import Meta, Record, record_class
    from cnasean.store.read import load, packaged_path

    def plain(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, tuple):
            return [plain(v) for v in value]
        if isinstance(value, Record):
            return {n: plain(getattr(value, n)) for n in value.__field_types__}
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    store = load(packaged_path())
    seen = 0
    for kind in ("sources", "countries", "trade", "visa", "infrastructure", "events"):
        cls = record_class(kind)
        for _, doc in store.docs(kind):
            record = cls.from_doc(doc)
            want = {n: plain(getattr(record, n)) for n in cls.__field_types__}
            got = record.to_dict()
            assert got == want and list(got) == list(want), (kind, record.id)
            seen += 1
    assert seen > 1000
    assert store.meta.to_dict() == {n: plain(getattr(store.meta, n)) for n in Meta.__field_types__}
