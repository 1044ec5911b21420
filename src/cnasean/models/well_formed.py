"""Records built from documents known to be well formed: ``well_formed(cls)``, for the tables
the parse cache has found ``from_doc`` and this builder to agree on (``store.index``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from cnasean.models.record import _AS_IS, Record


# How a field of each type is read by ``well_formed``: as it is, or converted.
def _date(value: Any) -> Any:
    return None if value is None else dt.date.fromisoformat(value)


def _tuple(value: Any) -> Any:
    return tuple(value) if value else ()


def _dict(value: Any) -> Any:
    return None if value is None else dict(value)


_CONVERT = {
    "dt.date": _date,
    "dt.date | None": _date,
    "tuple[str, ...]": _tuple,
    "dict[str, Any] | None": _dict,
}
_BUILDERS: dict[type, Any] = {}


def well_formed(cls: type[Record]) -> Any:
    """A builder of ``cls`` records from documents already known to be well formed: each
    field read as it is (or a date parsed, a list made a tuple), without ``from_doc``'s
    checks, three times as fast. Only for a table whose every document the parse cache has
    built both ways and found the same (``store.index.TRUSTED``): the checks ran then. Fields
    of records (a project's metrics, a visa rule's limit) are built by their own class's
    builder; None for a class with a field of any other type."""
    if cls in _BUILDERS:
        return _BUILDERS[cls]
    _BUILDERS[cls] = None  # until built (and for good, when a field has no reader)
    plan: list[tuple[str, Any, Any]] = []
    for name, kind in cls.__field_types__.items():
        convert = None if kind in _AS_IS else _CONVERT.get(kind) or _nested(kind)
        if convert is None and kind not in _AS_IS:
            return None
        plan.append((name, convert, cls.__field_defaults__.get(name)))
    new, put = object.__new__, object.__setattr__

    def build(doc: Mapping[str, Any]) -> Record:
        get = doc.get
        record = new(cls)
        for name, convert, default in plan:
            value = get(name, default)
            put(record, name, value if convert is None else convert(value))
        return record

    _BUILDERS[cls] = build
    return build


def _nested(kind: str) -> Any:
    """The reader of a field of records (``tuple[Metric, ...]``, ``CumulativeLimit | None``):
    each object built by its class's own ``well_formed``; None when there is none."""
    import cnasean.models

    many = kind.startswith("tuple[") and kind.endswith(", ...]")
    name = kind[6:-6] if many else kind.removesuffix(" | None")
    cls = getattr(cnasean.models, name, None)
    build = well_formed(cls) if isinstance(cls, type) and issubclass(cls, Record) else None
    if build is None:
        return None
    if many:
        return lambda value: tuple(map(build, value)) if value else ()
    return lambda value: None if value is None else build(value)
