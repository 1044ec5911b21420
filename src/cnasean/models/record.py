"""What every record kind shares: field readers, the base record, meta data and sources.

``from_doc`` checks each field and raises ``InvalidRecord`` naming the table, record id and
field; ``to_dict`` gives the JSON form, whose key order is the field order below.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from cnasean.errors import InvalidRecord
from cnasean.frozen import Frozen

# A pattern, not a compiled one: re compiles and caches it on first use, and a run that
# reads no partial date never does.
PARTIAL_DATE = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
SOURCE_KINDS = ("official", "wire", "secondary", "aggregator")
CONFIDENCE = ("verbatim", "weak", "derived", "inferred", "estimate", "unverified")
QUALIFIERS = ("about", "over", "nearly")
FLOWS = ("total", "export", "import", "balance")
PERIOD_KINDS = ("year", "quarter", "half", "month", "ytd")
CURRENCIES = ("CNY", "USD")
REGIMES = (
    "mutual_exemption",
    "unilateral_exemption",
    "temporary_exemption",
    "trial_exemption",
    "group_tour_exemption",
    "visa_on_arrival",
    "e_visa",
    "visa_required",
    "transit_exemption",
    "regional_exemption",
    "business_visa",
)
PURPOSES = (
    "tourism",
    "business",
    "family",
    "exchange",
    "transit",
    "study",
    "work",
    "medical",
    "conference",
    "any",
)
PROJECT_TYPES = (
    "railway",
    "high-speed-rail",
    "metro",
    "expressway",
    "port",
    "airport",
    "canal",
    "industrial-park",
    "sez",
    "energy",
    "refinery",
    "hydropower",
    "pipeline",
    "logistics-corridor",
    "irrigation",
    "bridge",
    "dam",
    "programme",
)
STATUSES = (
    "operating",
    "under-construction",
    "planned",
    "suspended",
    "stalled",
    "cancelled",
    "completed",
)
EVENT_CATEGORIES = (
    "dialogue",
    "agreement-signed",
    "agreement-in-force",
    "negotiation",
    "summit",
    "expo",
    "accession",
    "partnership",
    "declaration",
    "plan",
    "visa-agreement",
    "statement",
    "infrastructure",
    "year-of",
)
PARTIES = ("CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL", "ASEAN")
_MISSING = object()
_STR = itertools.repeat(str)  # map(isinstance, values, _STR): is each a str, asked in C


class _Reader:
    """Reads typed fields from one raw document, naming the record in every error.

    Every record is read through here, on every run, so each reader takes the value first
    and checks it in as few steps as it can; a value that is missing, null or wrong goes
    on to the full checks, which name what is wrong."""

    def __init__(self, table: str, doc: Mapping[str, Any]) -> None:
        if type(doc) is not dict and not isinstance(doc, Mapping):
            raise InvalidRecord(table, "?", "(record)", "is not a JSON object")
        self.table = table
        self.doc = doc
        rid = doc.get("id")
        self.id = rid if isinstance(rid, str) and rid else "?"

    def fail(self, name: str, problem: str) -> InvalidRecord:
        return InvalidRecord(self.table, self.id, name, problem)

    def problem(self, name: str, problem: str) -> None:
        """A check across fields failed: raise (a reader that collects every problem, as
        ``db validate`` uses, notes it and goes on)."""
        raise self.fail(name, problem)

    def get(self, name: str, optional: bool) -> Any:
        value = self.doc.get(name, _MISSING)
        if value is _MISSING:
            if optional:
                return None
            raise self.fail(name, "is missing")
        if value is None and not optional:
            raise self.fail(name, "is null")
        return value

    def _absent(self, name: str, optional: bool) -> None:
        """What a field read as None gives: None if it may be missing or null, else the error."""
        if not optional:
            raise self.fail(name, "is missing" if name not in self.doc else "is null")

    def text(
        self, name: str, *, optional: bool = False, choices: Iterable[str] | None = None
    ) -> str | None:
        value = self.doc.get(name)
        if value is None:
            self._absent(name, optional)
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(name, "must be a non-empty string")
        if choices is not None and value not in choices:
            raise self.fail(name, f"must be one of {', '.join(choices)} (got {value!r})")
        return value

    def req_str(self, name: str, choices: Iterable[str] | None = None) -> str:
        value = self.doc.get(name)
        if isinstance(value, str) and value.strip() and (choices is None or value in choices):
            return value
        checked = self.text(name, choices=choices)  # raises the error that fits
        assert checked is not None
        return checked

    def date(self, name: str, *, optional: bool = False) -> dt.date | None:
        value = self.doc.get(name)
        if value is None:
            self._absent(name, optional)
            return None
        # Exactly YYYY-MM-DD: fromisoformat also takes week dates (2026-W01-4) on 3.11, and
        # every query that compares raw dates as text relies on this one form.
        if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-":
            digits = value[:4] + value[5:7] + value[8:]
            if digits.isascii() and digits.isdigit():
                try:
                    return dt.date.fromisoformat(value)
                except ValueError:
                    pass
        raise self.fail(name, f"must be an ISO date YYYY-MM-DD (got {value!r})")

    def req_date(self, name: str) -> dt.date:
        value = self.date(name)
        assert value is not None
        return value

    def partial_date(self, name: str, *, optional: bool = True) -> str | None:
        value = self.get(name, optional)
        if value is None:
            return None
        if not isinstance(value, str) or not re.fullmatch(PARTIAL_DATE, value):
            raise self.fail(
                name, f"must be an ISO date YYYY, YYYY-MM or YYYY-MM-DD (got {value!r})"
            )
        if len(value) == 10:
            self.date(name)
        return value

    def number(self, name: str, *, optional: bool = True) -> float | int | None:
        value = self.doc.get(name)
        if value is None:
            self._absent(name, optional)
            return None
        if type(value) is int:  # the usual case; a bool is an int, but not by its type
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(name, f"must be a number (got {value!r})")
        if value != value or value in (float("inf"), float("-inf")):
            raise self.fail(name, "must be a finite number")
        return value

    def integer(self, name: str, *, optional: bool = True) -> int | None:
        value = self.number(name, optional=optional)
        if value is not None and not isinstance(value, int):
            raise self.fail(name, f"must be a whole number (got {value!r})")
        return value

    def flag(self, name: str) -> bool:
        value = self.doc.get(name)
        if value is True or value is False:
            return value
        if value is None:
            self._absent(name, False)
        raise self.fail(name, f"must be true or false (got {value!r})")

    def strs(
        self,
        name: str,
        *,
        optional: bool = True,
        choices: Iterable[str] | None = None,
        nonempty: bool = False,
    ) -> tuple[str, ...]:
        value = self.doc.get(name)
        if value is None:
            self._absent(name, optional)
            value = []
        if not isinstance(value, list) or not all(map(isinstance, value, _STR)) or "" in value:
            raise self.fail(name, "must be a list of strings")
        if nonempty and not value:
            raise self.fail(name, "must not be empty")
        if choices is not None:
            bad = [v for v in value if v not in choices]
            if bad:
                raise self.fail(name, f"has unknown values {bad}")
        return tuple(value)

    def sources(self, name: str = "sources") -> tuple[str, ...]:
        return self.strs(name, optional=False, nonempty=True)

    def obj(self, name: str) -> dict[str, Any] | None:
        value = self.doc.get(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(name, "must be an object or null")
        return dict(value)

    def objs(self, name: str) -> list[_Reader]:
        value = self.get(name, True) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail(name, "must be a list of objects")
        return [
            type(self)(self.table, {**v, "id": f"{self.id}.{name}[{i}]"})
            for i, v in enumerate(value)
        ]


# The reader a ``from_doc`` uses. (An alias, because a record with a field named ``type``
# hides the builtin in its body.)
ReaderClass = type[_Reader]


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record(Frozen):
    """A fact record: a frozen value whose ``to_dict`` is its JSON form, fields in order."""

    __slots__ = ()
    table: ClassVar[str] = ""

    def to_dict(self) -> dict[str, Any]:
        cls = type(self)
        plan = _PLANS.get(cls) or _plan(cls)
        out = dict(zip(plan[0], plan[1](self), strict=True))
        for name in plan[2]:
            out[name] = _plain(out[name])
        return out


# Field types whose values are JSON as they are: ``to_dict`` copies them without a look.
_AS_IS = frozenset(
    (
        "bool",
        "int",
        "int | None",
        "int | float | None",
        "int | float | str | None",
        "str",
        "str | None",
    )
)
_PLANS: dict[type, tuple[tuple[str, ...], Any, tuple[str, ...]]] = {}


def _plan(cls: type[Record]) -> tuple[tuple[str, ...], Any, tuple[str, ...]]:
    """A class's fields, one getter of them all (C speed, where ``to_dict`` went field by
    field through ``_plain``: a quarter of ``sources --json``), and the fields whose values
    need turning into JSON (dates, tuples, records, objects)."""
    import operator

    names = tuple(cls.__field_types__)
    if len(names) > 1:
        fetch: Any = operator.attrgetter(*names)  # a tuple of the values
    else:
        fetch = lambda r: tuple(getattr(r, n) for n in names)  # noqa: E731
    convert = tuple(n for n, t in cls.__field_types__.items() if t not in _AS_IS)
    plan = _PLANS[cls] = (names, fetch, convert)
    return plan


class Meta(Record):
    table: ClassVar[str] = "meta"
    schema_version: int
    data_version: str
    as_of: dt.date
    title: str | None

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], reader: ReaderClass = _Reader) -> Meta:
        r = reader("meta", {"id": "meta", **doc})
        version = r.integer("schema_version", optional=False)
        assert version is not None
        return cls(
            version, r.req_str("data_version"), r.req_date("as_of"), r.text("title", optional=True)
        )
