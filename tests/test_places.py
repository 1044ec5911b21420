"""Infrastructure projects, events and country profiles: the query layer, the commands
``infra``, ``infra show``, ``events`` (and its hidden alias ``timeline``) and ``country``, every
output format, and the integrity of the infrastructure and events data.

Expectations are computed from data/db.json directly (not through cnasean's own readers)
wherever that is practical, so a filter that silently drops or keeps records fails here.

Fixtures are local to this file on purpose (conftest.py may change under us). Exit codes and
error messages come from the app itself, so the commands run in-process (conftest's
``cli_cached``), as a fresh process would run them.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import query_api as query
from cnasean.errors import BadDate, UnknownRecord, UsageError
from helpers import usage_failure

REPO = Path(__file__).resolve().parents[1]
DB = REPO / "data" / "db.json"

# China and the ASEAN members (alpha-2), written out here rather than taken from cnasean.
MEMBER_CODES = {"CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL"}
PARTY_CODES = MEMBER_CODES | {"ASEAN"}
ALLOWED_STATUSES = {
    "operating",
    "under-construction",
    "planned",
    "suspended",
    "stalled",
    "cancelled",
    "completed",
}
PARTIAL_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
ESC = "\x1b"


def _projects_fn() -> Callable[..., list[Any]]:
    """``query.projects``, taken from its module.

    ``cnasean.query.projects`` is both a submodule and a function name: once the submodule has
    been imported by another query module (finder, timeline, profiles), ``query.projects`` is
    the *module* (see test_the_library_answers_in_a_fresh_process). Tests of the filter
    itself should not depend on the order in which other tests ran."""
    return importlib.import_module("cnasean.query.projects").projects


projects = _projects_fn()


# --------------------------------------------------------------------------------------------
# fixtures


@pytest.fixture(scope="module")
def raw(shipped_raw: dict[str, Any]) -> dict[str, Any]:
    """The shipped data as plain JSON (conftest's ``shipped_raw``)."""
    return shipped_raw


def ok_json(r: subprocess.CompletedProcess[str]) -> Any:
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def day_key(partial: str, *, end: bool = False) -> dt.date:
    """A partial ISO date (2024, 2024-03, 2024-03-01) as its first (or last) day."""
    m = PARTIAL_DATE.fullmatch(partial)
    assert m, partial
    y, mo, d = int(m[1]), m[2], m[3]
    if d:
        return dt.date(y, int(mo), int(d))
    if mo:
        if not end:
            return dt.date(y, int(mo), 1)
        nxt = dt.date(y + (mo == "12"), int(mo) % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)


def ids(records: Any) -> list[str]:
    return [r.id if hasattr(r, "id") else r["id"] for r in records]


# --------------------------------------------------------------------------------------------
# query.projects: filters


def test_projects_without_filters_are_every_project(raw):
    assert sorted(ids(projects())) == sorted(p["id"] for p in raw["infrastructure"])


@pytest.mark.parametrize("name", ["laos", "Lao PDR", "LA", "LAO", "老挝"])
def test_projects_by_country_name_code_or_chinese_name(raw, name):
    got = ids(projects(name))
    want = {p["id"] for p in raw["infrastructure"] if "LA" in p["countries"]}
    assert set(got) == want
    assert {"china-laos-railway", "vientiane-vang-vieng-expressway"} <= set(got)
    assert "jakarta-bandung-hsr" not in got


def test_projects_country_filter_matches_raw_data_for_every_member(raw):
    for code in sorted(MEMBER_CODES - {"CN"}):
        want = {p["id"] for p in raw["infrastructure"] if code in p["countries"]}
        assert set(ids(projects(code))) == want, code


@pytest.mark.parametrize("kind", ["railway", "high-speed-rail", "expressway", "pipeline"])
def test_projects_by_type(raw, kind):
    got = projects(type=kind)
    assert got, kind
    assert {p.type for p in got} == {kind}
    assert set(ids(got)) == {p["id"] for p in raw["infrastructure"] if p["type"] == kind}


def test_projects_type_is_read_leniently():
    assert ids(projects(type="High Speed Rail")) == ids(projects(type="high-speed-rail"))
    assert ids(projects(type="HIGH_SPEED_RAIL")) == ids(projects(type="high-speed-rail"))


def test_projects_bad_type_is_a_usage_error_with_a_suggestion():
    with pytest.raises(UsageError) as exc:
        projects(type="rail")
    msg = str(exc.value)
    assert "Did you mean: railway" in msg
    assert "high-speed-rail" in msg  # the choices are listed


def test_projects_bad_status_suggests_the_right_one():
    with pytest.raises(UsageError, match="operating"):
        projects(status="opperating")


@pytest.mark.parametrize(
    "status", ["operating", "cancelled", "suspended", "under-construction", "planned"]
)
def test_projects_by_status(raw, status):
    got = projects(status=status)
    assert got
    assert {p.status for p in got} == {status}
    assert set(ids(got)) == {p["id"] for p in raw["infrastructure"] if p["status"] == status}


def test_projects_known_statuses():
    assert "myitsone-dam" in ids(projects(status="suspended"))
    cancelled = ids(projects(status="cancelled"))
    assert "ph-subic-clark-railway" in cancelled
    assert "china-laos-railway" not in cancelled


def test_projects_opened_since_2021():
    got = ids(projects(opened_since="2021"))
    assert "china-laos-railway" in got  # opened 2021-12-03
    assert "jakarta-bandung-hsr" in got  # opened 2023-10-02
    assert "vientiane-vang-vieng-expressway" not in got  # opened 2020-12-20
    assert "east-coast-rail-link" not in got  # not opened yet
    for p in projects(opened_since="2021"):
        assert p.opened and day_key(p.opened) >= dt.date(2021, 1, 1), p.id


def test_projects_opened_before_2021():
    got = projects(opened_before="2021")
    assert "china-laos-railway" not in ids(got)
    assert "jakarta-bandung-hsr" not in ids(got)
    assert "vientiane-vang-vieng-expressway" in ids(got)
    assert "east-coast-rail-link" not in ids(got)  # never opened: not "before" anything
    for p in got:
        assert p.opened and day_key(p.opened) < dt.date(2021, 1, 1), p.id


def test_projects_opened_since_and_before_with_months_and_days(raw):
    got = ids(projects(opened_since="2021-12", opened_before="2023-10-03"))
    assert "china-laos-railway" in got
    assert "jakarta-bandung-hsr" in got  # 2023-10-02 is before 2023-10-03
    assert "cat-linh-ha-dong-metro" not in got  # 2021-11-06
    assert "jakarta-bandung-hsr" not in ids(projects(opened_before="2023-10-02"))
    assert "china-laos-railway" in ids(projects(opened_since="2021-12-03"))
    assert "china-laos-railway" not in ids(projects(opened_since="2021-12-04"))
    # Same answer as the raw data gives, on the date strings alone.
    want = {
        p["id"]
        for p in raw["infrastructure"]
        if p.get("opened") and dt.date(2021, 12, 1) <= day_key(p["opened"]) < dt.date(2023, 10, 3)
    }
    assert set(got) == want


def test_projects_filters_combine():
    assert ids(projects("laos", type="railway")) == ["china-laos-railway"]
    assert ids(
        projects("indonesia", type="high-speed-rail", status="operating", opened_since="2023")
    ) == ["jakarta-bandung-hsr"]
    assert projects("laos", type="high-speed-rail") == []
    assert projects("indonesia", type="high-speed-rail", opened_before="2023") == []
    both = projects(type="expressway", status="operating")
    assert ids(both) == ["vientiane-vang-vieng-expressway", "phnom-penh-sihanoukville-expressway"]


def test_projects_bad_country_and_bad_date_are_usage_errors():
    with pytest.raises(UsageError):
        projects("atlantis")
    with pytest.raises(BadDate):
        projects(opened_since="2021-13")


def test_projects_are_in_order_of_opening():
    got = projects()
    opened = [p for p in got if p.opened]
    unopened = [p for p in got if not p.opened]
    assert opened and unopened
    # every opened project before every unopened one
    assert got[: len(opened)] == opened
    keys = [day_key(p.opened) for p in opened]
    assert keys == sorted(keys)
    assert ids(projects(type="expressway")) == [
        "vientiane-vang-vieng-expressway",  # 2020-12-20
        "phnom-penh-sihanoukville-expressway",  # 2022-10-01
    ]
    since = ids(projects(opened_since="2021"))
    assert since.index("china-laos-railway") < since.index("jakarta-bandung-hsr")


# --------------------------------------------------------------------------------------------
# query.project: one by id or by name


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("china-laos-railway", "china-laos-railway"),
        ("CHINA-LAOS-RAILWAY", "china-laos-railway"),
        ("laos railway", "china-laos-railway"),
        ("中老铁路", "china-laos-railway"),
        ("Kunming-Vientiane Railway", "china-laos-railway"),
        ("whoosh", "jakarta-bandung-hsr"),
        ("Whoosh", "jakarta-bandung-hsr"),
        ("jakarta bandung", "jakarta-bandung-hsr"),
        ("ECRL", "east-coast-rail-link"),
    ],
)
def test_project_by_id_or_name(name, want):
    assert query.project(name).id == want


def test_project_ambiguous_name_lists_candidates():
    with pytest.raises(UsageError) as exc:
        query.project("railway")
    assert not isinstance(exc.value, UnknownRecord)  # ambiguous, not unknown
    msg = str(exc.value)
    assert "china-laos-railway" in msg
    assert "ph-subic-clark-railway" in msg
    assert "Use the id" in msg


def test_project_unknown_name():
    with pytest.raises(UnknownRecord, match="xyzzy"):
        query.project("xyzzy")
    with pytest.raises(UnknownRecord, match="china-laos-railway"):  # a suggestion
        query.project("china-loas-railway")
    with pytest.raises(UsageError):
        query.project("   ")


def test_cli_infra_show_errors_exit_2_without_traceback(sh):
    msg = usage_failure(sh("infra", "show", "railway"))
    assert "china-laos-railway" in msg
    msg = usage_failure(sh("infra", "show", "xyzzy"))
    assert "xyzzy" in msg


def test_cli_infra_show_by_name(sh):
    (rec,) = ok_json(sh("infra", "show", "laos railway", "--json"))
    assert rec["id"] == "china-laos-railway"


def test_cli_infra_bad_filters_exit_2(sh):
    assert "railway" in usage_failure(sh("infra", "--type", "rail"))
    usage_failure(sh("infra", "--country", "atlantis"))
    usage_failure(sh("infra", "--format", "xml"))


# --------------------------------------------------------------------------------------------
# infra show china-laos-railway --json


def test_cli_infra_show_json(sh, raw):
    data = ok_json(sh("infra", "show", "china-laos-railway", "--json"))
    # --json is "a JSON array of records": exactly one record here.
    assert isinstance(data, list) and len(data) == 1
    rec = data[0]
    assert isinstance(rec, dict)
    assert rec["id"] == "china-laos-railway"
    assert rec["length_km"] == 1035
    assert rec["opened"] == "2021-12-03"
    assert rec["countries"] == ["CN", "LA"]
    source_ids = {s["id"] for s in raw["sources"]}
    assert rec["sources"] and set(rec["sources"]) <= source_ids

    assert rec["metrics"], "metrics expected"
    for m in rec["metrics"]:
        assert m["metric"]
        assert m["as_of"] and PARTIAL_DATE.fullmatch(m["as_of"]), m
        day_key(m["as_of"])  # a real date
        assert m["sources"] and set(m["sources"]) <= source_ids, m
    assert {"passengers_cumulative", "freight_tonnes_cumulative"} <= {
        m["metric"] for m in rec["metrics"]
    }

    assert rec["alternatives"], "alternatives expected"
    for a in rec["alternatives"]:
        assert a["field"]
        assert a["sources"] and set(a["sources"]) <= source_ids, a

    # The JSON is the record as stored: nothing lost, nothing added.
    (stored,) = [p for p in raw["infrastructure"] if p["id"] == "china-laos-railway"]
    for key, value in stored.items():
        assert rec[key] == value, key


def test_cli_infra_show_table_is_a_card(sh):
    r = sh("infra", "show", "china-laos-railway", "-f", "table")
    assert r.returncode == 0, r.stderr
    assert ESC not in r.stdout
    assert "China-Laos Railway" in r.stdout
    assert "1,035 km" in r.stdout
    assert "2021-12-03" in r.stdout


# --------------------------------------------------------------------------------------------
# query.events


def test_events_are_every_event_in_date_order(raw):
    got = query.events()
    assert sorted(ids(got)) == sorted(e["id"] for e in raw["events"])
    keys = [day_key(e.date) for e in got]
    assert keys == sorted(keys)


def test_events_since_a_year(raw):
    got = query.events(since="2025")
    assert "acfta-3-0-signed-2025" in ids(got)
    assert "acfta-in-force-2010" not in ids(got)
    for e in got:
        assert day_key(e.date_end or e.date, end=True) >= dt.date(2025, 1, 1), e.id
    # nothing that reaches into 2025 is missing
    want = {
        e["id"]
        for e in raw["events"]
        if day_key(e.get("date_end") or e["date"], end=True) >= dt.date(2025, 1, 1)
    }
    assert set(ids(got)) == want


def test_events_until_a_year_includes_its_last_day():
    got = ids(query.events(until="2003"))
    assert "doc-signed-2002" in got
    assert "china-accedes-to-tac-2003" in got  # 2003-10-08: within the year
    assert "poa-2005-2010-signed-2004" not in got


def test_events_in_one_month():
    got = query.events(since="2025-10", until="2025-10")
    names = ids(got)
    assert "timor-leste-joins-asean-2025" in names  # 2025-10-26
    assert "acfta-3-0-signed-2025" in names  # 2025-10-28
    assert "caexpo-22-2025" not in names  # 2025-09-17
    assert "asean-china-year-2026" not in names
    for e in got:
        assert day_key(e.date) <= dt.date(2025, 10, 31), e.id
        assert day_key(e.date_end or e.date, end=True) >= dt.date(2025, 10, 1), e.id


def test_events_with_days():
    one_day = ids(query.events(since="2025-10-26", until="2025-10-26"))
    assert "timor-leste-joins-asean-2025" in one_day
    assert "acfta-3-0-signed-2025" not in one_day
    assert "guo-jiakun-press-conference-2025-10-22" not in one_day
    two = ids(query.events(since="2025-10-27", until="2025-10-28"))
    assert "acfta-3-0-signed-2025" in two
    assert "asean-china-summit-28-2025" in two
    assert "timor-leste-joins-asean-2025" not in two


def test_events_until_before_since_is_bad_date():
    with pytest.raises(BadDate):
        query.events(since="2025", until="2024")
    with pytest.raises(BadDate):
        query.events(since="2025-10-28", until="2025-10-27")
    with pytest.raises(BadDate):
        query.events(since="2025-13")


def test_events_by_category(raw):
    got = query.events(category="accession")
    assert got and {e.category for e in got} == {"accession"}
    assert "timor-leste-joins-asean-2025" in ids(got)
    assert set(ids(got)) == {e["id"] for e in raw["events"] if e["category"] == "accession"}
    assert ids(query.events(category="Agreement Signed")) == ids(
        query.events(category="agreement-signed")
    )
    with pytest.raises(UsageError, match="summit"):
        query.events(category="sumit")


@pytest.mark.parametrize(
    ("name", "code"),
    [("timor-leste", "TL"), ("TL", "TL"), ("泰国", "TH"), ("thailand", "TH"), ("ASEAN", "ASEAN")],
)
def test_events_by_country(raw, name, code):
    got = query.events(country=name)
    assert got
    assert all(code in e.countries for e in got)
    assert set(ids(got)) == {e["id"] for e in raw["events"] if code in e["countries"]}


def test_events_filters_combine():
    got = ids(query.events(since="2025", category="accession", country="timor-leste"))
    assert got == ["timor-leste-joins-asean-2025"]
    assert query.events(until="2024", category="accession", country="timor-leste") == []


def test_cli_events_and_timeline_give_the_same_json(sh):
    a = ok_json(sh("events", "--since", "2025-10", "--until", "2025-10", "--json"))
    b = ok_json(sh("timeline", "--since", "2025-10", "--until", "2025-10", "--json"))
    assert a == b
    assert {"timor-leste-joins-asean-2025", "acfta-3-0-signed-2025"} <= set(ids(a))
    assert ok_json(sh("events", "--json")) == ok_json(sh("timeline", "--json"))


def test_cli_timeline_is_hidden(sh):
    r = sh("--help")
    assert r.returncode == 0
    assert "events" in r.stdout
    assert "timeline" not in r.stdout


def test_cli_events_until_before_since_exits_2(sh):
    assert "before" in usage_failure(sh("events", "--since", "2025", "--until", "2024"))


def test_cli_events_no_match_is_exit_0_with_a_note(sh):
    r = sh("events", "--since", "1950", "--until", "1951", "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout) == []
    assert "No event matches" in r.stderr


# --------------------------------------------------------------------------------------------
# country profiles


def _in_force(rule: dict[str, Any], day: dt.date) -> bool:
    start, end = rule.get("effective_from"), rule.get("effective_to")
    if start and day < dt.date.fromisoformat(start):
        return False
    return not end or day <= dt.date.fromisoformat(end)


def test_country_profile_thailand(raw):
    today = dt.date.today()
    p = query.country_profile("thailand", today=today)
    assert p.country.code == "TH"
    assert p.on == today
    assert p.trade and p.visa and p.projects and p.events

    # visa: exactly the rules between China and Thailand in force today
    want_visa = {
        v["id"]
        for v in raw["visa"]
        if "TH" in (v["passport"], v["destination"]) and _in_force(v, today)
    }
    assert set(ids(p.visa)) == want_visa
    for v in p.visa:
        assert v.in_force(today), v.id

    # projects and events: all, and only, those naming Thailand
    assert all("TH" in x.countries for x in p.projects)
    assert set(ids(p.projects)) == {
        x["id"] for x in raw["infrastructure"] if "TH" in x["countries"]
    }
    assert "china-thailand-hsr-phase-1" in ids(p.projects)
    assert all("TH" in e.countries for e in p.events)
    assert set(ids(p.events)) == {e["id"] for e in raw["events"] if "TH" in e["countries"]}

    # trade: China-Thailand figures only
    for t in p.trade:
        assert {t.reporter, t.partner} == {"CN", "TH"}, t.id


def test_country_profile_visa_is_as_of_the_given_day(raw):
    day = dt.date(2023, 12, 1)
    p = query.country_profile("TH", today=day)
    got = set(ids(p.visa))
    assert "visa-cn-th-temporary-2023" in got  # 2023-09-25..2024-02-29
    assert "visa-cn-th-mutual-2024" not in got  # from 2024-03-01
    assert got == {
        v["id"]
        for v in raw["visa"]
        if "TH" in (v["passport"], v["destination"]) and _in_force(v, day)
    }


def test_country_profile_rejects_china_and_unknown_names():
    with pytest.raises(UsageError):
        query.country_profile("china")
    with pytest.raises(UsageError, match=r"(?i)thailand"):
        query.country_profile("thialand")


PROFILE_KEYS = ["country", "as_of", "trade", "visa", "infrastructure", "events"]


def test_cli_country_json_is_one_object(sh):
    doc = ok_json(sh("country", "thailand", "--json"))
    assert isinstance(doc, dict)
    assert list(doc) == PROFILE_KEYS
    assert doc["country"]["code"] == "TH"
    assert doc["as_of"] == dt.date.today().isoformat()
    for key in PROFILE_KEYS[2:]:
        assert isinstance(doc[key], list) and doc[key], key
    assert all("TH" in p["countries"] for p in doc["infrastructure"])
    assert all("TH" in e["countries"] for e in doc["events"])
    assert all("TH" in (v["passport"], v["destination"]) for v in doc["visa"])


def test_cli_country_chinese_name_and_code_give_the_same_profile(sh):
    base = ok_json(sh("country", "thailand", "--json"))
    assert ok_json(sh("country", "泰国", "--json")) == base
    assert ok_json(sh("country", "TH", "--json")) == base


def test_cli_country_errors(sh):
    usage_failure(sh("country", "china"))
    msg = usage_failure(sh("country", "thialand"))
    assert "thailand" in msg.lower()
    assert "Did you mean" in msg


def test_cli_country_tsv_has_section_headers(sh):
    r = sh("country", "thailand", "-f", "tsv")
    assert r.returncode == 0, r.stderr
    assert ESC not in r.stdout
    heads = [line for line in r.stdout.splitlines() if line.startswith("# ")]
    assert heads == ["# country", "# trade", "# visa", "# infrastructure", "# events"]
    # each section is a header row, then rows as wide as it
    blocks = r.stdout.strip("\n").split("\n\n")
    assert len(blocks) == 5
    for block in blocks:
        lines = block.splitlines()
        assert lines[0].startswith("# ")
        width = len(lines[1].split("\t"))
        assert width >= 2
        assert all(len(line.split("\t")) == width for line in lines[2:]), block
    infra = dict(zip(["# " + h[2:] for h in heads], blocks, strict=True))["# infrastructure"]
    assert "china-thailand-hsr-phase-1" in infra


def test_cli_country_csv_sections_parse(sh):
    r = sh("country", "thailand", "-f", "csv")
    assert r.returncode == 0, r.stderr
    for block in r.stdout.strip("\n").split("\n\n"):
        head, _, body = block.partition("\n")
        assert head.startswith("# ")
        rows = list(csv.reader(io.StringIO(body)))
        assert rows and all(len(row) == len(rows[0]) for row in rows), head


def test_cli_country_jsonl_is_one_line_per_section(sh):
    r = sh("country", "thailand", "-f", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["section"] for x in lines] == PROFILE_KEYS
    doc = ok_json(sh("country", "thailand", "--json"))
    assert {x["section"]: x["data"] for x in lines} == doc


# --------------------------------------------------------------------------------------------
# every output format, piped


FORMAT_CASES = [("infra",), ("events",)]  # every record, so every odd character is in play


@pytest.mark.parametrize("args", FORMAT_CASES, ids=" ".join)
def test_every_format_parses_and_agrees(sh, args):
    records = ok_json(sh(*args, "--json"))
    assert isinstance(records, list) and records
    want_ids = ids(records)
    assert ok_json(sh(*args, "-f", "json")) == records

    r = sh(*args, "-f", "jsonl")
    assert r.returncode == 0, r.stderr
    assert [json.loads(line) for line in r.stdout.splitlines()] == records

    r = sh(*args, "-f", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    header = rows[0]
    assert "id" in header
    assert all(len(row) == len(header) for row in rows)
    assert [row[header.index("id")] for row in rows[1:]] == want_ids

    r = sh(*args, "-f", "tsv")
    assert r.returncode == 0, r.stderr
    lines = [line.split("\t") for line in r.stdout.splitlines()]
    assert lines[0] == header  # same columns as CSV
    assert all(len(line) == len(header) for line in lines)
    assert [line[header.index("id")] for line in lines[1:]] == want_ids

    # piped without -f: TSV
    assert sh(*args).stdout == r.stdout

    for out in (sh(*args, "-f", f).stdout for f in ("table", "tsv", "csv", "json", "jsonl")):
        assert ESC not in out


@pytest.mark.parametrize("cmd", ["infra", "events"])
def test_table_piped_has_no_escapes_even_with_a_colour_terminal_name(sh, cmd):
    r = sh(cmd, "-f", "table", env={"TERM": "xterm-256color"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()
    assert ESC not in r.stdout
    assert "Data " in r.stdout  # the caption
    headers = {"infra": ("Name", "Status", "Opened"), "events": ("Date", "Event", "Category")}
    for h in headers[cmd]:
        assert h in r.stdout


def test_tsv_values_are_machine_values(sh):
    r = sh("infra", "-f", "tsv")
    rows = [line.split("\t") for line in r.stdout.splitlines()]
    header = rows[0]
    by_id = {row[header.index("id")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    clr = by_id["china-laos-railway"]
    assert clr["length_km"] == "1035"
    assert clr["opened"] == "2021-12-03"
    assert clr["countries"] == "CN;LA"


# --------------------------------------------------------------------------------------------
# integrity of the infrastructure and events data (data/db.json, read as plain JSON)


@pytest.mark.parametrize("table", ["infrastructure", "events"])
def test_ids_unique_and_slugs(raw, table):
    seen = [r["id"] for r in raw[table]]
    assert len(seen) == len(set(seen)), [i for i in set(seen) if seen.count(i) > 1]
    assert all(isinstance(i, str) and SLUG.fullmatch(i) for i in seen)


def test_ids_unique_across_fact_tables(raw):
    every = [r["id"] for t in ("trade", "visa", "infrastructure", "events") for r in raw[t]]
    assert len(every) == len(set(every))


@pytest.mark.parametrize("table", ["infrastructure", "events"])
def test_country_codes_are_china_asean_members_or_asean(raw, table):
    bad = {
        r["id"]: r["countries"]
        for r in raw[table]
        if not r.get("countries") or not set(r["countries"]) <= PARTY_CODES
    }
    assert not bad


@pytest.mark.parametrize("table", ["infrastructure", "events"])
def test_every_record_cites_existing_sources(raw, table):
    known = {s["id"] for s in raw["sources"]}
    for r in raw[table]:
        assert r.get("sources"), r["id"]
        assert set(r["sources"]) <= known, (r["id"], set(r["sources"]) - known)


def test_every_metric_and_alternative_cites_an_existing_source(raw):
    known = {s["id"] for s in raw["sources"]}
    seen_metrics = seen_alts = 0
    for p in raw["infrastructure"]:
        for m in p.get("metrics") or []:
            seen_metrics += 1
            assert m.get("sources") and set(m["sources"]) <= known, (p["id"], m)
        for a in p.get("alternatives") or []:
            seen_alts += 1
            assert a.get("field"), (p["id"], a)
            assert a.get("sources") and set(a["sources"]) <= known, (p["id"], a)
    assert seen_metrics and seen_alts


def test_metrics_have_as_of_dates(raw):
    for p in raw["infrastructure"]:
        for m in p.get("metrics") or []:
            assert isinstance(m.get("as_of"), str) and PARTIAL_DATE.fullmatch(m["as_of"]), (
                p["id"],
                m,
            )
            assert day_key(m["as_of"]) <= dt.date(2026, 11, 29), (p["id"], m)
            assert m.get("metric"), (p["id"], m)
            v = m.get("value")
            assert v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))


def test_every_event_has_a_date(raw):
    for e in raw["events"]:
        assert isinstance(e.get("date"), str) and PARTIAL_DATE.fullmatch(e["date"]), e["id"]
        start = day_key(e["date"])  # raises on 2025-02-30 and the like
        if e.get("date_end"):
            assert PARTIAL_DATE.fullmatch(e["date_end"]), e["id"]
            assert day_key(e["date_end"], end=True) >= start, e["id"]
        assert e.get("title") and e.get("category"), e["id"]


def test_every_project_has_status_and_a_source(raw):
    for p in raw["infrastructure"]:
        assert p.get("status") in ALLOWED_STATUSES, p["id"]
        assert p.get("sources"), p["id"]
        for field in ("opened", "construction_start", "status_as_of"):
            if p.get(field) is not None:
                assert PARTIAL_DATE.fullmatch(p[field]), (p["id"], field)
                day_key(p[field])
        if p.get("opened") and p.get("construction_start"):
            assert day_key(p["construction_start"]) <= day_key(p["opened"], end=True), p["id"]


def test_the_headline_facts_of_the_brief(raw):
    by_id = {p["id"]: p for p in raw["infrastructure"]}
    assert by_id["china-laos-railway"]["opened"] == "2021-12-03"
    assert by_id["china-laos-railway"]["length_km"] == 1035
    assert by_id["jakarta-bandung-hsr"]["opened"] == "2023-10-02"
    ev = {e["id"]: e for e in raw["events"]}
    assert ev["timor-leste-joins-asean-2025"]["date"] == "2025-10-26"
    assert ev["acfta-3-0-signed-2025"]["date"] == "2025-10-28"


# --------------------------------------------------------------------------------------------
# bugs found


def test_the_library_answers_in_a_fresh_process():
    code = (
        "import cnasean\nds = cnasean.open()\nds.events()\n"
        "print(len(ds.projects(type='railway')))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PYTHONUTF8": "1"},
    )
    assert r.returncode == 0, r.stderr
    assert int(r.stdout) > 0
