"""Frozen value classes, as ``@dataclass(frozen=True, slots=True)`` or ``NamedTuple`` give,
built for a fraction of their start-up cost.

A dataclass compiles ``__init__``, ``__eq__``, ``__repr__`` and ``__hash__`` for every class
at import (about 9 million instructions for an 18-field record), and a ``NamedTuple`` builds
its class through ``eval``; with a dozen such classes on the way to any answer, that showed
in the start-up time of every command. Here the methods are written once, on ``Frozen``, and
a subclass only declares its fields:

    class Cell(Frozen):
        shown: TradeRecord
        others: tuple[TradeRecord, ...] = ()

Fields are the annotations, in order (``ClassVar`` ones are not fields), stored in slots;
instances compare and hash by value and class, cannot be changed, copy and pickle. mypy
checks construction through ``dataclass_transform``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:

    def dataclass_transform(**_: Any) -> Any:
        return lambda cls: cls


class FrozenInstanceError(AttributeError):
    """Raised on an attempt to change a field of a frozen value."""


@dataclass_transform(frozen_default=True, kw_only_default=False)
class _FrozenType(type):
    """Turns a class body's annotations into slots, field types and defaults."""

    def __new__(mcs, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> _FrozenType:
        annotations: dict[str, str] = ns.get("__annotations__", {})
        fields = tuple(k for k, t in annotations.items() if not _is_class_var(str(t)))
        inherited: dict[str, str] = next(
            (b.__field_types__ for b in bases if hasattr(b, "__field_types__")), {}
        )
        if inherited and fields:
            raise TypeError(f"{name}: a class with fields cannot be subclassed with more")
        if not fields and inherited:  # a subclass that only adds behaviour
            ns.setdefault("__slots__", ())
        elif "__field_types__" not in ns:
            defaults = {k: ns.pop(k) for k in fields if k in ns}  # a slot and a class value clash
            required = [k for k in fields if k not in defaults]
            if any(fields.index(k) > fields.index(d) for k in required for d in defaults):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            ns["__slots__"] = fields
            ns["__field_types__"] = {k: str(annotations[k]) for k in fields} or inherited
            ns["__field_defaults__"] = defaults
        return super().__new__(mcs, name, bases, ns)


def _is_class_var(annotation: str) -> bool:
    return annotation.startswith(("ClassVar", "typing.ClassVar", "t.ClassVar"))


class Frozen(metaclass=_FrozenType):
    """A frozen value: construct with the fields positionally or by name."""

    __slots__ = ()
    __field_types__: ClassVar[dict[str, str]] = {}
    __field_defaults__: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = self.__field_types__
        put = object.__setattr__
        if not args and len(kwargs) == len(names):  # every field by name: the common case
            try:
                for name in names:
                    put(self, name, kwargs[name])
                return
            except KeyError:
                pass  # a wrong name: said below
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__} takes {len(names)} fields, got {len(args)}")
        order = tuple(names)
        for name, value in zip(order, args, strict=False):  # args may be fewer
            put(self, name, value)
        rest = order[len(args) :]
        for name, value in kwargs.items():
            if name not in rest:
                problem = "given twice" if name in names else "not a field"
                raise TypeError(f"{type(self).__name__}: {name!r} is {problem}")
            put(self, name, value)
        if len(args) + len(kwargs) != len(names):
            defaults = self.__field_defaults__
            missing = [n for n in rest if n not in kwargs and n not in defaults]
            if missing:
                raise TypeError(f"{type(self).__name__}: missing {', '.join(missing)}")
            for name in rest:
                if name not in kwargs:
                    put(self, name, defaults[name])

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(cls.__field_types__)

    def values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, n) for n in self.__field_types__)

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}: the value is frozen")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}: the value is frozen")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.values() == other.values()

    def __hash__(self) -> int:
        return hash((self.__class__, self.values()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__field_types__)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:  # copy and pickle, despite the frozen setattr
        return (self.__class__, self.values())
