"""Checks a data file against the schema and lists every problem at once.

Used by ``cnasean db validate``, before every write, and by imports: nothing invalid is
ever written.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from cnasean.errors import CnaseanError
from cnasean.frozen import Frozen
from cnasean.models import KINDS, PARTIES, Meta, Source, record_class

FACT_KINDS = tuple(KINDS)
# Ids are shown, typed and quoted everywhere (tables, citations, shell arguments, BibTeX
# keys): letters, digits and ". _ : -", starting with a letter or digit, at most ID_MAX long.
# Every shipped id fits (a test checks).
ID_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._:-]*"
ID_MAX = 100
# Text fields that may hold line breaks and tabs (a note of several lines); no other text
# field may hold a control character of any kind (text.has_control), and none may hold a CR.
MULTI_LINE_FIELDS = frozenset({"note"})


class Problem(Frozen):
    table: str
    record_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}\t{self.record_id}\t{self.message}"


def load_json(path: Path) -> tuple[Any, list[Problem]]:
    """The parsed file, or what is wrong with it as the one problem: read by the same
    reader as queries and edits (``files.read_json``), so a pipe, a device, a file too
    large, too deep, not UTF-8, not JSON or with a key twice in one object gets the same
    words here as anywhere."""
    from cnasean.store import files
    from cnasean.store.storage import from_export

    try:
        data = files.read_json(path, data_file=True)
        return (from_export(data) if isinstance(data, dict) else data), []
    except files.FileError as exc:
        return None, [Problem("(file)", str(path), exc.problem)]


def table_docs(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    table = data.get(name) or {}
    return list(table.values()) if isinstance(table, dict) else []


def validate_data(data: Any) -> list[Problem]:
    """Every problem in a parsed data file: structure, fields and types, dates, country
    codes, references to sources, duplicate ids and overlapping visa rules."""
    if not isinstance(data, dict):
        return [Problem("(file)", "-", "the top level must be a JSON object of tables")]
    problems = _structure(data)
    if problems:
        return problems
    problems += _meta(data)
    source_ids, found = _sources(data)
    problems += found
    problems += _facts(data, source_ids)
    problems += _overlaps(table_docs(data, "visa"))
    problems += _unsafe_text(data)
    return problems


def _unsafe_text(data: dict[str, Any]) -> list[Problem]:
    """Ids outside the safe alphabet, and control characters in any text of any record:
    each would be shown as an escape, but none belongs in the data."""
    import re

    id_ok = re.compile(ID_PATTERN).fullmatch
    problems: list[Problem] = []
    for table in ("meta", "sources", "countries", *FACT_KINDS):
        for doc in table_docs(data, table):
            if not isinstance(doc, dict):
                continue
            rid = doc.get("id")
            name = rid if isinstance(rid, str) and rid else "meta" if table == "meta" else "?"
            found = _controls(doc, "")
            if name == rid and (len(rid) > ID_MAX or not id_ok(rid)):
                problems.append(Problem(table, name, _ID_RULE.format(rid=rid, most=ID_MAX)))
                found = [m for m in found if not m.startswith("field 'id' ")]  # said above
            problems += [Problem(table, name, m) for m in found]
    return problems


_ID_RULE = (
    "id {rid!r} must be at most {most} letters, digits and '.', '_', ':' or '-', starting "
    "with a letter or digit"
)


def _controls(doc: dict[Any, Any], where: str) -> list[str]:
    """The control characters in the fields of ``doc`` (a record, or an object at ``where``
    in one): a message for each text that holds any, naming the field and the first found.

    Every write checks every record, so the common case, no control character anywhere,
    takes one C call a text (``str.isprintable``) or a list of texts (joined)."""
    out: list[str] = []
    if not _printable_texts(doc):  # the field names
        out += [
            f"field name {k!r} holds a control character: remove it"
            for k in doc
            if not (isinstance(k, str) and k.isprintable())
        ]
    for key, value in doc.items():
        cls = value.__class__
        if cls is str:
            if not value.isprintable():
                out += _control_in(value, f"{where}{key}", key in MULTI_LINE_FIELDS)
        elif cls is list:
            if not _printable_texts(value):
                out += _list_controls(value, f"{where}{key}")
        elif cls is dict:
            out += _controls(value, f"{where}{key}.")
    return out


def _printable_texts(items: Any) -> bool:
    """True when ``items`` are all texts, none with a control character (in one C call)."""
    try:
        return "".join(items).isprintable()
    except TypeError:  # not all texts: look at each
        return False


def _list_controls(items: list[Any], field: str) -> list[str]:
    out: list[str] = []
    for i, value in enumerate(items):
        if isinstance(value, str):
            if not value.isprintable():
                out += _control_in(value, f"{field}[{i}]", False)
        elif isinstance(value, dict):
            out += _controls(value, f"{field}[{i}].")
        elif isinstance(value, list):
            out += _list_controls(value, f"{field}[{i}]")
    return out


def _control_in(text: str, field: str, multi_line: bool) -> list[str]:
    from cnasean.text import has_control, visible_line

    found = has_control(text.replace("\n", " ").replace("\t", " ") if multi_line else text)
    if found is None:
        return []
    hint = "; only notes may hold line breaks and tabs" if found in "\n\t" else ""
    return [
        f"field {field!r} holds the control character {visible_line(found)} (character "
        f"{text.index(found) + 1}): remove it{hint}"
    ]


def _structure(data: dict[str, Any]) -> list[Problem]:
    """The tables: meta and sources present, each an object of numbered documents."""
    problems: list[Problem] = []
    for name in ("meta", "sources", "countries", *FACT_KINDS):
        table = data.get(name)
        if table is None:
            if name in ("meta", "sources"):
                problems.append(Problem(name, "-", "table is missing"))
            continue
        if not isinstance(table, dict):
            problems.append(Problem(name, "-", "table must be an object of numbered documents"))
            continue
        bad_keys = [k for k in table if not str(k).isdigit()]
        if bad_keys:
            problems.append(Problem(name, "-", f"document keys must be numbers: {bad_keys[:3]}"))
    return problems


def _meta(data: dict[str, Any]) -> list[Problem]:
    metas = table_docs(data, "meta")
    if len(metas) != 1:
        return [Problem("meta", "-", f"must hold exactly one record (has {len(metas)})")]
    return _typed("meta", metas[0], Meta.from_doc, "meta")


def _sources(data: dict[str, Any]) -> tuple[set[str], list[Problem]]:
    """The source ids, and the problems of the sources table."""
    problems: list[Problem] = []
    source_ids: set[str] = set()
    docs = table_docs(data, "sources")
    for doc in docs:
        problems += _typed("sources", doc, Source.from_doc)
        if isinstance(doc, dict) and isinstance(doc.get("id"), str):
            source_ids.add(doc["id"])
    counts = Counter(d.get("id") for d in docs if isinstance(d, dict))
    problems += [Problem("sources", str(i), "duplicate id") for i, n in counts.items() if n > 1]
    return source_ids, problems


def _facts(data: dict[str, Any], source_ids: set[str]) -> list[Problem]:
    """The problems of the country names and the facts, and ids used more than once."""
    problems: list[Problem] = []
    ids: Counter[str] = Counter()
    for kind in ("countries", *FACT_KINDS):
        from_doc = record_class(kind).from_doc
        for doc in table_docs(data, kind):
            problems += _typed(kind, doc, from_doc)
            if isinstance(doc, dict):
                ids[str(doc.get("id"))] += 1
                problems += _references(kind, doc, source_ids)
    problems += [
        Problem("(all)", i, f"duplicate id ({n} records)") for i, n in ids.items() if n > 1
    ]
    return problems


def _references(kind: str, doc: dict[str, Any], source_ids: set[str]) -> list[Problem]:
    """Sources a record cites that do not exist, and country codes that are not known."""
    rid = str(doc.get("id"))
    out = [
        Problem(kind, rid, f"cites unknown source {sid!r}")
        for sid in cited(doc)
        if sid not in source_ids
    ]
    out += [
        Problem(kind, rid, f"unknown country code {code!r}")
        for code in doc.get("countries") or []
        if code not in PARTIES
    ]
    return out


def _typed(table: str, doc: Any, from_doc: Any, rid: str | None = None) -> list[Problem]:
    """Every problem of one record, each field's: read by a reader that notes what is wrong
    and goes on (``collecting_reader``), so a record with five faults shows five."""
    reader = collecting_reader()
    found: list[CnaseanError] = []
    try:
        from_doc(doc, reader)
    except CnaseanError as exc:
        found.append(exc)
    except Exception:  # a field read as a stand-in upset a later check: the faults stand
        if not reader.problems:
            raise
    record = rid or (doc.get("id") if isinstance(doc, dict) else None) or "?"
    out = []
    for error in [*reader.problems, *found]:
        text = str(error)
        problem = Problem(table, str(record), text.split(": ", 1)[-1] if ": " in text else text)
        if problem not in out:
            out.append(problem)
    return out


def collecting_reader() -> Any:
    """A record reader (``models.record._Reader``) that, instead of stopping at the first
    field that is wrong, keeps each problem in ``problems`` and reads the field as a
    stand-in (None, an empty list, the earliest date), so that every field is checked."""
    from cnasean.models.record import _Reader

    stand_ins: dict[str, Any] = {
        "text": None,
        "req_str": "?",
        "date": None,
        "req_date": dt.date.min,
        "partial_date": None,
        "number": None,
        "integer": None,
        "flag": False,
        "strs": (),
        "sources": (),
        "obj": None,
        "objs": [],
    }
    problems: list[CnaseanError] = []

    def wrap(name: str, stand_in: Any) -> Any:
        method = getattr(_Reader, name)

        def read(self: Any, *args: Any, **kwargs: Any) -> Any:
            if self._depth:  # a reader calling another: the outer one notes the problem
                return method(self, *args, **kwargs)
            self._depth += 1
            try:
                return method(self, *args, **kwargs)
            except CnaseanError as exc:
                problems.append(exc)
                raw = self.doc.get(args[0]) if args else None
                if name in ("text", "req_str") and isinstance(raw, str) and raw.strip():
                    return raw  # a word not among the choices: later checks see it as given
                return stand_in
            finally:
                self._depth -= 1

        return read

    def problem(self: Any, name: str, text: str) -> None:
        problems.append(self.fail(name, text))

    namespace: dict[str, Any] = {n: wrap(n, v) for n, v in stand_ins.items()}
    namespace["problem"] = problem
    namespace["_depth"] = 0
    namespace["problems"] = problems
    return type("CollectingReader", (_Reader,), namespace)


def cited(doc: dict[str, Any]) -> list[str]:
    out = [s for s in doc.get("sources") or [] if isinstance(s, str)]
    out += [s for s in doc.get("zh_sources") or [] if isinstance(s, str)]
    for nested in ("metrics", "alternatives"):
        for item in doc.get(nested) or []:
            if isinstance(item, dict):
                out += [s for s in item.get("sources") or [] if isinstance(s, str)]
    return out


def _day(value: Any, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else default
    except (TypeError, ValueError):
        return default


def _overlaps(visa: list[dict[str, Any]]) -> list[Problem]:
    spans: dict[tuple[Any, ...], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for d in visa:
        if not isinstance(d, dict):
            continue
        key = (d.get("regime"), d.get("passport"), d.get("destination"))
        start = _day(d.get("effective_from"), dt.date.min)
        end = _day(d.get("effective_to"), dt.date.max)
        spans[key].append((start, end, str(d.get("id"))))
    out = []
    for (regime, pp, dest), items in spans.items():
        items.sort()
        for (_, end_a, a), (start_b, _, b) in itertools.pairwise(items):
            if start_b <= end_a:
                out.append(Problem("visa", b, f"overlaps {a} ({regime}, {pp}->{dest})"))
    return out


def validate_file(path: Path) -> list[Problem]:
    data, problems = load_json(path)
    return problems or validate_data(data)
