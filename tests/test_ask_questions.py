"""``cnasean ask`` held to two sets of questions (``tests/ask/*.jsonl``), answered as if
today were ``tests/ask/meta.json``'s date.

Each line: the question, the status expected (``answered``, ``no_data``, ``not_understood``,
or ``declined`` for either), the records the answer must stand on (``ids``) and the facts
its text must hold. The facts are checked against ``data/db.json`` itself: every id exists
and every figure is one of those records' values (as stored or humanised), never typed in
from memory.

- ``tuning.jsonl`` is what the parser was tuned on: every question must be answered right.
- ``held_out.jsonl`` was written before tuning and is not tuned on: a question may be
  declined (counted), but a wrong answer (a wrong figure, or an answer where a decline is
  expected) fails. The counts are in the README's ``ask`` section.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from cnasean.ask.answer import ask

HERE = Path(__file__).parent / "ask"
DB = Path(__file__).parent.parent / "data" / "db.json"
TODAY = dt.date.fromisoformat(json.loads((HERE / "meta.json").read_text())["today"])
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
DECLINES = ("no_data", "not_understood")


def _cases(name: str) -> list[dict[str, Any]]:
    lines = (HERE / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


TUNING = _cases("tuning.jsonl")
HELD_OUT = _cases("held_out.jsonl")


@cache
def _records() -> dict[str, dict[str, Any]]:
    data = json.loads(DB.read_text(encoding="utf-8"))
    return {
        r["id"]: r
        for table in ("trade", "visa", "infrastructure", "events")
        for r in data[table].values()
    }


def _forms(record: dict[str, Any]) -> set[str]:
    """Every way a figure of ``record`` can be written in an answer."""
    out: set[str] = set()

    def add(v: Any) -> None:
        if isinstance(v, bool) or v is None:
            return
        if isinstance(v, (int, float)):
            out.add(f"{v:g}")
            out.add(str(v))
            for scale in (1e12, 1e9, 1e8, 1e6):
                out.add(f"{round(v / scale, 2):g}")
                out.add(f"{v / scale:g}")
        elif isinstance(v, str):
            out.update(NUMBER.findall(v))
            out.add(v)
        elif isinstance(v, dict):
            for x in v.values():
                add(x)
        elif isinstance(v, list):
            for x in v:
                add(x)

    add(record)
    return out


def verdict(case: dict[str, Any], a: Any) -> str:
    """right, declined (an answer expected, a decline given) or wrong."""
    want = case["status"]
    if want in (*DECLINES, "declined"):
        ok = a.status in DECLINES if want == "declined" else a.status == want
        # The years a relative period was read as ('last year' -> 2025) are not made up.
        read = " ".join([a.parsed.question, a.parsed.period or "", *(a.parsed.span or ())])
        made_up = set(NUMBER.findall(a.text)) - set(NUMBER.findall(read))
        return "right" if ok and not a.records and not made_up else "wrong"
    if a.status in DECLINES:
        return "declined"
    ids = {r.id for r in a.records}
    if a.status != "answered" or not set(case["ids"]) <= ids:
        return "wrong"
    if not all(f in a.text for f in case["facts"]) or not a.read_as:
        return "wrong"
    return "right"


def _ask(q: str) -> Any:
    return ask(q, today=TODAY)


def _explain(case: dict[str, Any], a: Any) -> str:
    ids = [r.id for r in a.records]
    return (
        f"{case['q']!r}: {a.status}: {a.text!r} "
        f"(read as {a.read_as!r}; records {ids}; parsed {a.parsed.to_dict()})"
    )


@pytest.mark.parametrize("case", TUNING, ids=[c["q"] for c in TUNING])
def test_tuning(case: dict[str, Any]) -> None:
    a = _ask(case["q"])
    assert verdict(case, a) == "right", _explain(case, a)


@pytest.mark.parametrize("case", HELD_OUT, ids=[c["q"] for c in HELD_OUT])
def test_held_out(case: dict[str, Any]) -> None:
    a = _ask(case["q"])
    assert verdict(case, a) != "wrong", _explain(case, a)


def test_enough_questions() -> None:
    assert len(TUNING) + len(HELD_OUT) >= 300
    assert not {c["q"] for c in TUNING} & {c["q"] for c in HELD_OUT}
    zh = [c for c in TUNING + HELD_OUT if re.search(r"[\u3400-\u9fff]", c["q"])]
    assert len(zh) >= 50


@pytest.mark.parametrize("case", TUNING + HELD_OUT, ids=[c["q"] for c in TUNING + HELD_OUT])
def test_facts_are_in_the_data(case: dict[str, Any]) -> None:
    """Every expected record exists in data/db.json and every expected figure is one of
    its values."""
    records = _records()
    missing = [i for i in case["ids"] if i not in records]
    assert not missing, missing
    forms = set().union(*(_forms(records[i]) for i in case["ids"])) if case["ids"] else set()
    for fact in case["facts"]:
        for number in NUMBER.findall(fact):
            assert case["ids"], f"{fact!r} is a figure with no record to check it against"
            assert number in forms, f"{number!r} ({fact!r}) is not a value of {case['ids']}"


def test_today_is_injectable() -> None:
    """'last year' is counted from the day given, through the library's front door."""
    import cnasean

    ds = cnasean.open()
    q = "What was China-ASEAN trade last year?"
    assert ds.ask(q, today=dt.date(2026, 11, 30)).parsed.period == "2025"
    a = ds.ask(q, today=dt.date(2025, 6, 1))
    assert a.parsed.period == "2024"
    assert a.status == "answered" and "2024" in a.read_as, a.read_as


def test_cli_prints_how_it_read_the_question(cli: Any) -> None:
    r = cli("ask", "How much did the East Coast Rail Link cost?")
    assert r.returncode == 0, r.stderr
    first, second = r.stdout.splitlines()[:2]
    assert first == "Read as: East Coast Rail Link (ECRL): cost", first
    assert "12.08" in second, second
    data = json.loads(cli("ask", "--json", "哪个东盟国家与中国贸易最多?").stdout)
    assert data["status"] == "answered"
    assert data["interpretation"].startswith("东盟成员国与中国贸易额排名"), data["interpretation"]


def test_declines_name_no_fact(cli: Any) -> None:
    r = cli("ask", "Do Americans need a visa for Thailand?")
    assert r.returncode == 0, r.stderr
    assert "Facts:" not in r.stdout and "Read as:" not in r.stdout
    assert "the United States" in r.stdout
    assert r.stderr.startswith("Try: cnasean ")
