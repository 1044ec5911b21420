"""The shipped data file: every record valid, sourced and dated; no broken references."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pytest

from cnasean import countries
from cnasean.errors import CnaseanError
from cnasean.models import PARTIES, Source, record_class

DB = Path(__file__).resolve().parents[1] / "data" / "db.json"
KINDS = ("trade", "visa", "infrastructure", "events")
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*")


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    return json.loads(DB.read_text(encoding="utf-8"))


def docs(raw: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return list(raw.get(kind, {}).values())


def test_meta(raw: dict[str, Any]) -> None:
    (meta,) = raw["meta"].values()
    assert meta["schema_version"] == 1
    assert dt.date.fromisoformat(meta["as_of"])
    assert meta["data_version"]


def test_every_record_is_valid(raw: dict[str, Any]) -> None:
    problems = []
    for s in docs(raw, "sources"):
        try:
            Source.from_doc(s)
        except CnaseanError as exc:
            problems.append(str(exc))
    for kind in KINDS:
        cls = record_class(kind)
        for d in docs(raw, kind):
            try:
                obj = cls.from_doc(d)
            except CnaseanError as exc:
                problems.append(str(exc))
                continue
            unknown = set(d) - set(obj.to_dict())
            if unknown:
                problems.append(f"{kind} {d['id']}: fields not in the schema: {sorted(unknown)}")
    assert not problems, "\n".join(problems)


def test_ids_unique_and_well_formed(raw: dict[str, Any]) -> None:
    ids = Counter(d["id"] for kind in KINDS for d in docs(raw, kind))
    dups = [i for i, n in ids.items() if n > 1]
    bad = [i for i in ids if not ID_RE.fullmatch(i)]
    src = Counter(s["id"] for s in docs(raw, "sources"))
    assert not dups, f"duplicate ids: {dups}"
    assert not bad, f"ids that are not lower-case slugs: {bad}"
    assert not [i for i, n in src.items() if n > 1], "duplicate source ids"


def _cited(d: dict[str, Any]) -> list[str]:
    out = list(d.get("sources", [])) + list(d.get("zh_sources") or [])
    for nested in ("metrics", "alternatives"):
        for item in d.get(nested) or []:
            out.extend(item.get("sources", []))
    return out


def test_every_fact_cites_existing_sources(raw: dict[str, Any]) -> None:
    known = {s["id"] for s in docs(raw, "sources")}
    missing = [
        f"{kind} {d['id']} cites {sid}"
        for kind in KINDS
        for d in docs(raw, kind)
        for sid in _cited(d)
        if sid not in known
    ]
    unsourced = [
        f"{kind} {d['id']}" for kind in KINDS for d in docs(raw, kind) if not d.get("sources")
    ]
    assert not missing, "\n".join(missing)
    assert not unsourced, "facts without a source: " + ", ".join(unsourced)


def test_every_source_is_used(raw: dict[str, Any]) -> None:
    """A source is cited by a fact or named in a note (conflicting reports are named there)."""
    text = json.dumps({k: raw.get(k, {}) for k in KINDS}, ensure_ascii=False)
    cited = {sid for kind in (*KINDS, "countries") for d in docs(raw, kind) for sid in _cited(d)}
    unused = [
        s["id"]
        for s in docs(raw, "sources")
        if s["id"] not in cited and not re.search(rf"\b{re.escape(s['id'])}\b", text)
    ]
    assert not unused, f"sources nothing refers to: {unused}"


def test_every_fact_is_dated(raw: dict[str, Any]) -> None:
    undated = []
    for kind in KINDS:
        for d in docs(raw, kind):
            if not d.get("last_verified"):
                undated.append(f"{kind} {d['id']}: no last_verified")
    for d in docs(raw, "trade"):
        if not (d.get("period_start") and d.get("period_end")):
            undated.append(f"trade {d['id']}: no period")
    for d in docs(raw, "events"):
        if not d.get("date"):
            undated.append(f"events {d['id']}: no date")
    assert not undated, "\n".join(undated)


def test_trade_series_are_consistent(raw: dict[str, Any]) -> None:
    problems = []
    for d in docs(raw, "trade"):
        rid = d["id"]
        rep, partner = d["reporter"], d["partner"]
        if rep == "CN" and partner == "CN":
            problems.append(f"{rid}: China reports trade with itself")
        if rep != "CN" and partner != "CN":
            problems.append(f"{rid}: {rep} must report trade with CN")
        if d["value"] is not None and d["currency"] not in ("CNY", "USD"):
            problems.append(f"{rid}: value without currency")
        if isinstance(d["value"], float) and d["currency"]:
            problems.append(f"{rid}: money must be unscaled whole units")
        start, end = (
            dt.date.fromisoformat(d["period_start"]),
            dt.date.fromisoformat(d["period_end"]),
        )
        if d["period_kind"] == "year" and (start.month, start.day, end.month, end.day) != (
            1,
            1,
            12,
            31,
        ):
            problems.append(f"{rid}: a year period must span Jan-Dec")
        if d["period_kind"] == "year" and d["period"] != str(start.year):
            problems.append(f"{rid}: period label {d['period']} != {start.year}")
        if d["confidence"] == "derived" and not d.get("derived"):
            problems.append(f"{rid}: derived without a method")
    assert not problems, "\n".join(problems)


def test_source_article_figure_is_there(raw: dict[str, Any]) -> None:
    hits = [
        d
        for d in docs(raw, "trade")
        if d["reporter"] == "CN"
        and d["partner"] == "ASEAN"
        and d["flow"] == "total"
        and d["period_start"] == "2025-01-01"
        and d["period_end"] == "2025-09-30"
        and d["currency"] == "CNY"
    ]
    assert [(h["value"], h["yoy_pct"], h["share_pct"]) for h in hits] == [
        (5570000000000, 9.6, 16.6)
    ]


def test_visa_rules_are_ordered_and_do_not_overlap(raw: dict[str, Any]) -> None:
    problems = []
    spans: dict[tuple[str, str, str], list[tuple[dt.date, dt.date, str]]] = defaultdict(list)
    for d in docs(raw, "visa"):
        start = dt.date.fromisoformat(d["effective_from"]) if d["effective_from"] else dt.date.min
        end = dt.date.fromisoformat(d["effective_to"]) if d["effective_to"] else dt.date.max
        if end < start:
            problems.append(f"{d['id']}: ends before it starts")
        spans[(d["regime"], d["passport"], d["destination"])].append((start, end, d["id"]))
    for key, items in spans.items():
        items.sort()
        for (_, e1, a), (s2, _, b) in itertools.pairwise(items):
            if s2 <= e1:
                problems.append(f"{a} and {b} overlap ({key[0]}, {key[1]}->{key[2]})")
    assert not problems, "\n".join(problems)


def test_visa_covers_every_member_both_ways_today(raw: dict[str, Any]) -> None:
    today = dt.date.fromisoformat(next(iter(raw["meta"].values()))["as_of"])
    missing = []
    for c in countries.members(today):
        for pp, dest in (("CN", c.code), (c.code, "CN")):
            live = [
                d
                for d in docs(raw, "visa")
                if d["passport"] == pp
                and d["destination"] == dest
                and (d["effective_from"] is None or d["effective_from"] <= today.isoformat())
                and (d["effective_to"] is None or d["effective_to"] >= today.isoformat())
            ]
            if not live:
                missing.append(f"{pp}->{dest}")
    assert not missing, f"no rule in force on {today}: {missing}"


def test_country_codes_are_known(raw: dict[str, Any]) -> None:
    bad = []
    for kind in ("infrastructure", "events"):
        for d in docs(raw, kind):
            bad += [f"{d['id']}: {c}" for c in d["countries"] if c not in PARTIES]
    assert not bad, bad


def test_chinese_names_are_sourced_and_match_the_country_list(raw: dict[str, Any]) -> None:
    known = {s["id"] for s in docs(raw, "sources")}
    names = {d["code"]: d for d in docs(raw, "countries")}
    assert set(names) == {c.code for c in countries.ALL} | {"ASEAN"}
    for c in countries.ALL:
        assert names[c.code]["name_zh"] == c.name_zh, c.code
    problems = [
        f"{kind} {d['id']}: {sid}"
        for kind in ("countries", "infrastructure", "events")
        for d in docs(raw, kind)
        for sid in (d.get("sources", []) if kind == "countries" else d.get("zh_sources") or [])
        if sid not in known
    ]
    unsourced = [
        d["id"]
        for kind, field in (("infrastructure", "name_zh"), ("events", "title_zh"))
        for d in docs(raw, kind)
        if d.get(field) and not d.get("zh_sources")
    ]
    assert not problems and not unsourced, (problems, unsourced)
    assert all(re.search(r"[\u4e00-\u9fff]", d["name_zh"]) for d in docs(raw, "countries"))


def test_store_knows_every_kind() -> None:
    from cnasean.models import KINDS
    from cnasean.store import read as db

    assert tuple(KINDS) == db.FACT_KINDS
