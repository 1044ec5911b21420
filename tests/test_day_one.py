"""What a new user tries on day one, and the surprises issue 16 lists: each a test that failed
before the fix."""

from __future__ import annotations

from typing import Any

import pytest

from cnasean.output.formats import _machine


@pytest.mark.parametrize(
    ("args", "meant"),
    [
        (("trade", "--flow", "exports"), "Did you mean: export"),
        (("infra", "--type", "hsr"), "Did you mean: high-speed-rail"),
        (("search", "x", "--kind", "visas"), "Did you mean: visa"),
    ],
)
def test_did_you_mean_for_choices(run: Any, args: tuple[str, ...], meant: str) -> None:
    r = run(*args)
    assert r.exit_code == 2
    assert meant in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_non_member_is_told_what_cnasean_covers(run: Any) -> None:
    r = run("visa", "--passport", "US")
    assert r.exit_code == 2
    assert "cnasean covers China and the ASEAN members" in r.stderr


def test_help_command(run: Any) -> None:
    root, sub = run("help"), run("help", "trade")
    assert root.exit_code == 0 and "Usage: cnasean [OPTIONS] COMMAND" in root.stdout
    assert sub.exit_code == 0 and "Usage: cnasean trade" in sub.stdout


def test_country_name_unquoted(run: Any) -> None:
    r = run("country", "Việt", "Nam", "--json")
    assert r.exit_code == 0, r.stderr
    assert '"VN"' in r.stdout


@pytest.mark.parametrize("debug", [(), ("--debug",)])
@pytest.mark.parametrize(
    ("args", "code"), [(("trade", "--country", "XX"), 2), (("--db", "/nonexistent", "trade"), 3)]
)
def test_debug_never_changes_the_exit_code(
    run: Any, debug: tuple[str, ...], args: tuple[str, ...], code: int
) -> None:
    r = run(*debug, *args)
    assert r.exit_code == code
    assert ("Traceback" in r.stderr) == bool(debug)


def test_tsv_lists_join_safely() -> None:
    joined = _machine(["a;b", "c\\d", "e"])
    assert joined == "a\\;b;c\\\\d;e"
    import re

    items = [re.sub(r"\\(.)", r"\1", p) for p in re.split(r"(?<!\\);", joined)]
    assert items == ["a;b", "c\\d", "e"]


def test_search_whole_word_before_prefix_and_says_what_it_cut(run: Any) -> None:
    r = run("search", "BRI", "-f", "tsv")
    assert r.exit_code == 0
    first = r.stdout.splitlines()[1].split("\t")
    assert "bridge" not in first[2].lower()
    assert "shown; --limit 0 for all." in r.stderr
    assert len(r.stdout.splitlines()) == 51
    every = run("search", "BRI", "-f", "tsv", "--limit", "0")
    total = int(r.stderr.split(" of ")[1].split()[0])
    assert len(every.stdout.splitlines()) == total + 1


def test_search_finds_chinese_names(run: Any) -> None:
    r = run("search", "平陆运河", "-f", "tsv")
    assert r.exit_code == 0
    assert "pinglu-canal" in r.stdout


def test_currency_alone_keeps_the_summary(run: Any) -> None:
    r = run("trade", "--currency", "USD", "-f", "tsv")
    assert r.exit_code == 0
    header = r.stdout.splitlines()[0].split("\t")
    assert header[0] == "period" and "usd" in header and "cny" not in header
    years = [line.split("\t")[0] for line in r.stdout.splitlines()[1:]]
    assert len(years) == len(set(years))  # one row a year, not every record
    records = run("trade", "--currency", "USD", "--json")
    assert '"currency": "CNY"' not in records.stdout


def test_empty_period_points_to_the_nearest(run: Any) -> None:
    r = run("trade", "--period", "2025-Q3", "-f", "tsv")
    assert r.exit_code == 0
    assert "No figures match 2025-Q3. Nearest: 2025 Jan-Sep (--period 2025-01..2025-09)." in (
        r.stderr
    )


def test_span_shows_empty_edge_years(run: Any) -> None:
    r = run("trade", "--from", "1985", "--to", "1993", "-f", "tsv")
    years = [line.split("\t")[0] for line in r.stdout.splitlines()[1:]]
    assert years == [str(y) for y in range(1985, 1994)]
    m = run("trade", "--country", "MM", "--from", "1990", "--to", "1995", "-f", "tsv")
    assert [line.split("\t")[0] for line in m.stdout.splitlines()[1:3]] == ["1990", "1991"]


def test_chart_marks_the_part_year(run: Any) -> None:
    r = run("trade", "--chart", "--currency", "CNY", env={"COLUMNS": "80"})
    assert r.exit_code == 0
    part = next(line for line in r.stdout.splitlines() if line.startswith("2026 Jan-Feb"))
    assert "█" not in part and "#" not in part
    assert "2026 Jan-Feb: part of a year only" in r.stdout


def test_future_dates_warn(run: Any) -> None:
    r = run("visa", "--on", "2100-01-01", "-f", "tsv")
    assert r.exit_code == 0 and "--on 2100-01-01 is in the future" in r.stderr
    t = run("trade", "--year", "2100", "-f", "tsv")
    assert "--year 2100 is in the future" in t.stderr
    assert "is in the future" not in run("visa", "--on", "2024-01-01", "-f", "tsv").stderr


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_ask_refuses_tables(run: Any, fmt: str) -> None:
    r = run("ask", "trade", "in", "2024", "-f", fmt)
    assert r.exit_code == 2 and "ask does not write" in r.stderr and not r.stdout


HELP_PROBE = """
import sys
sys.argv = ["cnasean", *sys.argv[1:]]
import cnasean.cli as cli
cli.main()
sys.stderr.write("rich_utils=%s\\n" % ("typer.rich_utils" in sys.modules))
"""


@pytest.mark.parametrize("args", [("--help",), ("trade", "--help"), ("db", "add", "-h")])
def test_help_is_kept_and_written_without_rich_utils(
    tmp_path: Any, base_env: dict[str, str], args: tuple[str, ...]
) -> None:
    import subprocess
    import sys

    env = {**base_env, "XDG_CACHE_HOME": str(tmp_path), "COLUMNS": "80"}

    def once() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-c", HELP_PROBE, *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    first, second = once(), once()
    assert first.returncode == second.returncode == 0, first.stderr
    assert "Usage: cnasean" in first.stdout
    assert second.stdout == first.stdout
    assert "rich_utils=True" in first.stderr and "rich_utils=False" in second.stderr
    # a change of width is another page
    env["COLUMNS"] = "100"
    third = once()
    assert "rich_utils=True" in third.stderr and third.stdout != first.stdout


def test_fields_select_and_order(run: Any) -> None:
    csv = run("trade", "--fields", "period,usd,sources", "-f", "csv")
    assert csv.exit_code == 0
    assert csv.stdout.splitlines()[0] == "period,usd,sources"
    js = run("trade", "--list", "--json", "--fields", "value,id")
    import json

    rows = json.loads(js.stdout)
    assert rows and all(list(r) == ["value", "id"] for r in rows)
    jl = run("events", "-f", "jsonl", "--fields=date,title")
    assert all(list(json.loads(line)) == ["date", "title"] for line in jl.stdout.splitlines())


def test_unknown_field_lists_the_valid_ones(run: Any) -> None:
    r = run("trade", "--list", "-f", "tsv", "--fields", "period,bogus")
    assert r.exit_code == 2
    assert "Unknown field 'bogus'" in r.stderr and "period, reporter" in r.stderr


def test_no_headers(run: Any) -> None:
    with_header = run("events", "-f", "tsv").stdout.splitlines()
    without = run("events", "-f", "tsv", "--no-headers").stdout.splitlines()
    assert without == with_header[1:]
    csv = run("events", "-f", "csv", "--no-headers").stdout.splitlines()
    assert not csv[0].startswith("date,")


def test_schema(run: Any) -> None:
    import json

    text = run("schema", "trade", "-f", "tsv")
    assert text.exit_code == 0
    fields = [line.split("\t")[1] for line in text.stdout.splitlines()[1:]]
    assert fields[:3] == ["id", "reporter", "partner"] and "period_start" in fields
    every = json.loads(run("schema", "--json").stdout)
    assert {r["kind"] for r in every} == {"sources", "trade", "visa", "infrastructure", "events"}
    assert all(r["type"] for r in every)
    assert run("schema", "visas").exit_code == 2
