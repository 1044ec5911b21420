"""Tests of the ``cnasean`` command line, the way people and scripts use it.

The app itself turns errors into exit codes and one-line messages, so exit codes, messages
and output are tested in-process (fixtures ``cli`` / ``cli_cached``, and typer's CliRunner
result ``run``); what needs a real process (pipes, terminals, encodings, tracebacks, the
fast exit, ``python -m``) runs the installed console script (``proc`` / ``proc_cached``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import cnasean

TRADE_CONTRACT = [
    "id",
    "reporter",
    "partner",
    "flow",
    "period",
    "period_start",
    "period_end",
    "value",
    "currency",
    "yoy_pct",
    "share_pct",
    "derived",
    "note",
    "sources",
]
TRADE_MORE = ["period_kind", "qualifier", "confidence", "last_verified"]
VISA_CONTRACT = [
    "id",
    "passport",
    "destination",
    "regime",
    "visa_free",
    "max_stay_days",
    "cumulative_limit",
    "effective_from",
    "effective_to",
    "purposes",
    "conditions",
    "note",
    "sources",
    "last_verified",
]
VISA_MORE = ["name", "region", "confidence", "stale", "ends_soon"]
SOURCE_CONTRACT = [
    "id",
    "publisher",
    "title",
    "url",
    "published",
    "retrieved",
    "kind",
    "note",
    "also_urls",
]
SUMMARY_KEYS = [
    "period",
    "cny",
    "cny_qualifier",
    "cny_yoy_pct",
    "usd",
    "usd_qualifier",
    "usd_yoy_pct",
    "share_pct",
    "also_reported",
    "sources",
]
TRADE_LIST_KEYS = [
    "id",
    "period",
    "reporter",
    "partner",
    "flow",
    "value",
    "currency",
    "qualifier",
    "yoy_pct",
    "share_pct",
    "confidence",
    "sources",
]
ESC = "\x1b"
# SGR colour parameters: 30-38 / 40-48 (incl. 38;5 / 38;2), 90-97, 100-107.
COLOUR_SGR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def tsv(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cn_asean_total_years(raw: dict[str, Any]) -> tuple[list[int], int, int]:
    """From the raw data, independently of the query code: years 2010.. with a CN/ASEAN total
    annual figure, the last such year, and the end month-year of the latest year-to-date."""
    annual = {
        int(r["period"])
        for r in raw["trade"]
        if r["reporter"] == "CN"
        and r["partner"] == "ASEAN"
        and r["flow"] == "total"
        and r["period_kind"] == "year"
        and r["value"] is not None
    }
    last = max(annual)
    return (
        sorted(y for y in annual if y >= 2010),
        last,
        max(
            dt.date.fromisoformat(r["period_end"]).year
            for r in raw["trade"]
            if r["reporter"] == "CN"
            and r["partner"] == "ASEAN"
            and r["flow"] == "total"
            and r["period_kind"] != "year"
            and r["period_start"].endswith("-01-01")
        ),
    )


# --------------------------------------------------------------------------------------------
# trade


def test_trade_piped_is_tsv_one_row_per_year(cli_cached, shipped_raw):
    r = cli_cached("trade")
    assert r.returncode == 0, r.stderr
    assert ESC not in r.stdout
    rows = tsv(r.stdout)
    assert rows[0] == SUMMARY_KEYS
    assert all(len(row) == len(SUMMARY_KEYS) for row in rows), "ragged TSV"
    with_values, last, ytd_year = cn_asean_total_years(shipped_raw)
    labels = [row[0] for row in rows[1:]]
    years = [label for label in labels if re.fullmatch(r"\d{4}", label)]
    assert years == [str(y) for y in range(2010, last + 1)]  # every year once, gaps included
    assert len(set(labels)) == len(labels)
    by_label = {row[0]: dict(zip(SUMMARY_KEYS, row, strict=True)) for row in rows[1:]}
    for y in with_values:
        cells = by_label[str(y)]
        assert cells["cny"] or cells["usd"], f"{y} has a figure in the data but none in the TSV"
        for key in ("cny", "usd"):
            if cells[key]:
                assert re.fullmatch(r"\d+", cells[key]), "machine values are unscaled numbers"
    for y in set(range(2010, last + 1)) - set(with_values):
        assert by_label[str(y)]["cny"] == by_label[str(y)]["usd"] == ""
    # the latest year-to-date row comes after the last full year
    if ytd_year > last:
        assert labels[-1] != str(last) and labels[-1].startswith(str(ytd_year))
    assert by_label["2012"]["usd"] == "400100000000"
    assert by_label["2012"]["also_reported"] == "cn-asean-total-2012-usd-cabc"


def test_trade_table(run):
    r = run("trade", "-f", "table")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "Period" in out and "2024" in out
    assert "China–ASEAN goods trade" in out
    assert "982.1 bn" in out  # humanised
    assert "982100000000" not in out
    assert ESC not in out  # not a terminal
    # the gap years are shown, not hidden: China's imports from Brunei 1993, 1994 and 1999 are
    # not in the IMF table, so China-Brunei has no total for them
    gaps = run("trade", "-f", "table", "--country", "brunei", "--from", "1992", "--to", "2000")
    assert gaps.exit_code == 0, gaps.stderr
    assert "—" in gaps.stdout and "1993, 1994, 1999" in " ".join(gaps.stdout.split())


def test_trade_json_contract(cli_cached):
    r = cli_cached("trade", "--json")
    assert r.returncode == 0, r.stderr
    records = json.loads(r.stdout)
    assert isinstance(records, list) and records
    source_ids = {s["id"] for s in json.loads(cli_cached("sources", "--json").stdout)}
    for rec in records:
        keys = list(rec)
        assert keys[: len(TRADE_CONTRACT)] == TRADE_CONTRACT, rec["id"]
        assert keys[len(TRADE_CONTRACT) :][: len(TRADE_MORE)] == TRADE_MORE, rec["id"]
        assert isinstance(rec["sources"], list) and rec["sources"], rec["id"]
        assert set(rec["sources"]) <= source_ids, rec["id"]
        assert rec["reporter"] == "CN" and rec["partner"] == "ASEAN" and rec["flow"] == "total"
        dt.date.fromisoformat(rec["period_start"])
        dt.date.fromisoformat(rec["period_end"])
    assert len({rec["id"] for rec in records}) == len(records)


def test_trade_period_source_article_figure(cli_cached):
    r = cli_cached("trade", "--period", "2025-01..2025-09", "--json")
    assert r.returncode == 0, r.stderr
    records = json.loads(r.stdout)
    assert records
    assert all(
        (x["period_start"], x["period_end"]) == ("2025-01-01", "2025-09-30") for x in records
    )
    cny = [
        x
        for x in records
        if x["currency"] == "CNY"
        and x["reporter"] == "CN"
        and x["partner"] == "ASEAN"
        and x["flow"] == "total"
    ]
    assert len(cny) == 1
    rec = cny[0]
    assert rec["value"] == 5570000000000 and isinstance(rec["value"], int)
    assert rec["yoy_pct"] == 9.6
    assert rec["share_pct"] == 16.6
    assert "T1" in rec["sources"]
    assert rec["qualifier"] is None


def test_trade_country_viet_nam(cli_cached, run):
    r = cli_cached("trade", "--country", "Viet Nam", "--json")
    assert r.returncode == 0, r.stderr
    records = json.loads(r.stdout)
    assert records
    for rec in records:
        assert (rec["reporter"], rec["partner"]) == ("CN", "VN")
        assert rec["sources"]
    ids = [x["id"] for x in records]
    for spelling in ("vn", "VNM", "vietnam", "越南", "Socialist Republic of Viet Nam"):
        other = run("trade", "--country", spelling, "--json")
        assert other.exit_code == 0, other.stderr
        assert [x["id"] for x in json.loads(other.stdout)] == ids, spelling


def test_trade_country_reporter_all_gives_both_summaries(cli_cached):
    """The flow summary as China reports it, then as the member does: each row of one
    reporter's figures only, China's first (issue 13)."""
    r = cli_cached("trade", "--country", "vn", "--reporter", "all", "--json")
    assert r.returncode == 0, r.stderr
    rows = json.loads(r.stdout)
    reporters = [x["reporter"] for x in rows]
    split = reporters.index("VN")
    assert set(reporters[:split]) == {"CN"} and set(reporters[split:]) == {"VN"}
    for rep, partner in (("CN", "VN"), ("VN", "CN")):
        mine = [x for x in rows if x["reporter"] == rep]
        assert len(mine) > 60  # 1992 on, several flows a year
        assert {x["partner"] for x in mine} == {partner}
        assert {"1992", "2020"} <= {x["period"] for x in mine}
        one = cli_cached("trade", "--country", "vn", "--reporter", rep, "--json").stdout
        assert mine == json.loads(one)
    table = tsv(cli_cached("trade", "--country", "vn", "--reporter", "all").stdout)
    assert {row[1] for row in table[1:]} == {"CN", "VN"}  # one TSV, the reporter column


def test_trade_country_reporter_all_list(cli_cached):
    r = cli_cached("trade", "--country", "vn", "--reporter", "all", "--list")
    assert r.returncode == 0, r.stderr
    rows = tsv(r.stdout)
    assert rows[0] == TRADE_LIST_KEYS  # every record, not the summary
    recs = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert {x["reporter"] for x in recs} == {"CN", "VN"}  # both sides, never merged
    for x in recs:
        assert (x["reporter"], x["partner"]) in {("CN", "VN"), ("VN", "CN")}
        assert x["sources"]


def test_trade_reporter_asean(cli_cached, shipped_raw):
    r = cli_cached("trade", "--reporter", "ASEAN", "--json")
    assert r.returncode == 0, r.stderr
    records = json.loads(r.stdout)
    assert records
    assert all((x["reporter"], x["partner"]) == ("ASEAN", "CN") for x in records)
    table = cli_cached("trade", "--reporter", "ASEAN")
    assert table.returncode == 0
    assert tsv(table.stdout)[0] == SUMMARY_KEYS


def test_trade_year_flow_export(cli_cached, shipped_raw):
    r = cli_cached("trade", "--year", "2024", "--flow", "export", "--json")
    assert r.returncode == 0, r.stderr
    got = [x["id"] for x in json.loads(r.stdout)]
    want = {
        x["id"]
        for x in shipped_raw["trade"]
        if x["reporter"] == "CN"
        and x["partner"] == "ASEAN"
        and x["flow"] == "export"
        and x["period_start"][:4] == x["period_end"][:4] == "2024"
    }
    assert want and set(got) == want and len(got) == len(want)


def test_trade_currency_usd_list(cli_cached, shipped_raw):
    r = cli_cached("trade", "--currency", "USD", "--list", "--json")
    assert r.returncode == 0, r.stderr
    records = json.loads(r.stdout)
    want = {
        x["id"]
        for x in shipped_raw["trade"]
        if x["reporter"] == "CN" and x["partner"] == "ASEAN" and x["currency"] == "USD"
    }
    assert {x["id"] for x in records} == want
    assert all(x["currency"] == "USD" for x in records)
    starts = [x["period_start"] for x in records]
    assert starts == sorted(starts)  # period order
    same = cli_cached("trade", "--list", "--currency", "usd", "--json")
    assert json.loads(same.stdout) == records


def test_trade_csv(cli_cached):
    r = cli_cached("trade", "-f", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == SUMMARY_KEYS
    assert rows == tsv(cli_cached("trade").stdout)  # same cells as TSV
    listed = list(
        csv.DictReader(io.StringIO(cli_cached("trade", "--period", "2025-Q1", "-f", "csv").stdout))
    )
    assert listed and all(x["period"] == "2025-Q1" for x in listed)
    assert all(x["value"] == "" or x["value"].isdigit() for x in listed)


def test_trade_jsonl(cli_cached):
    r = cli_cached("trade", "-f", "jsonl")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    objs = [json.loads(line) for line in lines]
    assert all(isinstance(o, dict) for o in objs)
    assert objs == json.loads(cli_cached("trade", "--json").stdout)


def test_json_same_in_process_and_subprocess(proc_cached, run):
    r = run("trade", "--json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == json.loads(proc_cached("trade", "--json").stdout)


def test_trade_summary_on_mini_data(run, mini_db):
    r = run("trade", "--db", mini_db)
    assert r.exit_code == 0, r.stderr
    rows = [dict(zip(SUMMARY_KEYS, row, strict=True)) for row in tsv(r.stdout)[1:]]
    assert [x["period"] for x in rows] == ["2022", "2023", "2024 Q1"]
    assert rows[0]["cny"] == "6520000000000" and rows[0]["usd"] == ""
    assert rows[1]["usd"] == "911700000000"  # the exact official figure before the "about" one
    assert rows[1]["also_reported"] == "cn-asean-total-2023-usd-wire"
    assert rows[2]["cny"] == "1600000000000" and rows[2]["cny_yoy_pct"] == "7.1"
    # the root --db option works too
    again = run("--db", mini_db, "trade")
    assert again.stdout == r.stdout


# --------------------------------------------------------------------------------------------
# visa and sources in every format

# args, first TSV/CSV column, what the table shows, what the first column holds
FORMAT_CASES = {
    "visa": (["visa", "--on", "2026-11-29"], "country", "Thailand", "TH"),
    "visa-list": (
        ["visa", "--country", "thailand", "--on", "2024-03-01"],
        "id",
        "China-Thailand mutual visa exemption",
        "visa-cn-th-mutual-2024",
    ),
    "sources": (["sources"], "id", "United Daily News", "T1"),
}


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl"])
@pytest.mark.parametrize("case", list(FORMAT_CASES))
def test_visa_and_sources_every_format(run, case, fmt):
    args, first_key, marker, first_cell = FORMAT_CASES[case]
    r = run(*args, "-f", fmt)
    assert r.exit_code == 0, (r.stderr, r.exception)
    out = r.stdout
    assert out.strip()
    assert ESC not in out
    if fmt == "table":
        assert marker in out
        return
    if fmt == "json":
        recs = json.loads(out)
        assert isinstance(recs, list) and recs
    elif fmt == "jsonl":
        recs = [json.loads(line) for line in out.splitlines()]
        assert recs == json.loads(run(*args, "--json").stdout)
    else:
        reader = csv.reader(io.StringIO(out)) if fmt == "csv" else tsv(out)
        rows = list(reader)
        assert rows[0][0] == first_key
        assert all(len(row) == len(rows[0]) for row in rows)
        assert first_cell in [row[0] for row in rows[1:]]
        return
    contract = SOURCE_CONTRACT if case == "sources" else VISA_CONTRACT
    for rec in recs:
        assert list(rec)[: len(contract)] == contract
        if case != "sources":
            assert list(rec)[len(contract) :] == VISA_MORE
            assert rec["sources"]
            assert isinstance(rec["stale"], bool)


def test_visa_json_thailand_switch(run):
    before = json.loads(run("visa", "--country", "thailand", "--on", "2023-12-01", "--json").stdout)
    after = json.loads(run("visa", "--country", "TH", "--on", "2024-03-01", "--json").stdout)
    ids_before = {x["id"] for x in before}
    ids_after = {x["id"] for x in after}
    assert "visa-cn-th-temporary-2023" in ids_before
    assert "visa-cn-th-mutual-2024" not in ids_before
    assert {"visa-cn-th-mutual-2024", "visa-th-cn-mutual-2024"} <= ids_after
    assert "visa-cn-th-temporary-2023" not in ids_after
    words = json.loads(run("visa", "--country", "泰国", "--on", "1 Dec 2023", "--json").stdout)
    assert words == before


def test_visa_overview_tsv_rows(run):
    r = run("visa", "--on", "2025-10-25")
    rows = tsv(r.stdout)
    assert [row[0] for row in rows[1:]] == [
        "BN",
        "KH",
        "ID",
        "LA",
        "MY",
        "MM",
        "PH",
        "SG",
        "TH",
        "VN",
    ]
    r2 = run("visa", "--on", "2025-10-26")
    assert [row[0] for row in tsv(r2.stdout)[1:]][-1] == "TL"
    assert "Visa rules change often" in r.stderr  # the reminder goes to stderr, not into data


def test_visa_stale_flag_from_mini_data(run, mini_db):
    r = run("visa", "--db", mini_db, "--country", "laos", "--history", "--json")
    assert r.exit_code == 0, r.stderr
    (rec,) = json.loads(r.stdout)
    assert rec["id"] == "visa-cn-la-temporary-2024" and rec["stale"] is True
    table = run("visa", "--db", mini_db, "--country", "laos", "--history", "-f", "table")
    assert "STALE" in table.stdout
    fresh = json.loads(
        run("visa", "--db", mini_db, "--country", "th", "--history", "--json").stdout
    )
    expected = (dt.date.today() - dt.date(2025, 1, 31)).days > 180
    assert fresh and all(x["stale"] is expected for x in fresh)


def test_sources_by_id_and_kind(run):
    r = run("sources", "T1", "v12", "--json")
    assert r.exit_code == 0
    assert [s["id"] for s in json.loads(r.stdout)] == ["T1", "V12"]
    official = json.loads(run("sources", "--kind", "official", "--json").stdout)
    assert official and all(s["kind"] == "official" for s in official)


# --------------------------------------------------------------------------------------------
# exit codes and error messages (in-process: the app gives what the console script gives)


def assert_clean_error(r: subprocess.CompletedProcess[str], code: int) -> None:
    assert r.returncode == code, (r.returncode, r.stderr)
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("cnasean: error: ")


@pytest.mark.parametrize(
    "args",
    [
        ["trade"],
        ["trade", "--country", "thai", "--list"],
        ["visa", "--country", "thailand", "--on", "2023-12-01"],
        ["sources", "T1"],
    ],
)
def test_exit_0(cli_cached, args):
    r = cli_cached(*args)
    assert r.returncode == 0, r.stderr
    assert r.stdout
    assert "Traceback" not in r.stderr


def test_exit_0_empty_result(cli_cached):
    r = cli_cached("trade", "--country", "TL", "--year", "1995", "--list")
    assert r.returncode == 0
    assert tsv(r.stdout) == [TRADE_LIST_KEYS]  # the header only
    assert "No figures match" in r.stderr
    assert "Traceback" not in r.stderr
    v = cli_cached("visa", "--country", "th", "--purpose", "study", "--on", "2024-03-01")
    assert v.returncode == 0 and len(v.stdout.splitlines()) == 1
    assert "No rule in the data matches" in v.stderr


USAGE_ERRORS = {
    "unknown-country": (["trade", "--country", "thialand"], ["Did you mean: thailand"]),
    "unknown-country-visa": (["visa", "--country", "thialand"], ["Did you mean: thailand"]),
    "ambiguous-country": (["visa", "--country", "kin"], ["Ambiguous", "cambodia", "thailand"]),
    "bad-period-month": (["trade", "--period", "2025-13"], ["2025-13"]),
    "reversed-range": (["trade", "--period", "2025..2024"], ["reversed"]),
    "bad-on-date": (["visa", "--on", "01/12/2023"], ["01/12/2023", "YYYY-MM-DD"]),
    "bad-on-partial": (["visa", "--on", "2023-12"], ["2023-12"]),
    "bad-year": (["trade", "--year", "24"], ["24"]),
    "from-after-to": (["trade", "--from", "2023", "--to", "2019"], ["2023", "2019"]),
    "unknown-option": (["trade", "--bogus"], ["--bogus"]),
    "bad-format": (["trade", "--format", "xml"], ["xml"]),
    "bad-format-visa": (["visa", "-f", "xml"], ["xml"]),
    "bad-flow": (["trade", "--flow", "sideways"], ["sideways"]),
    "bad-currency": (["trade", "--currency", "EUR"], ["EUR"]),
    "china-as-country": (["trade", "--country", "China"], ["China"]),
    "china-as-visa-country": (["visa", "--country", "中国"], ["China"]),
    "on-and-history": (["visa", "--on", "2024-01-01", "--history"], ["--history"]),
    "bad-purpose": (["visa", "--purpose", "holiday"], ["holiday"]),
    "unknown-source": (["sources", "ZZZ9"], ["ZZZ9"]),
    "unknown-command": (["tarde"], ["tarde"]),
}


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_exit_2_usage(cli_cached, case):
    args, needles = USAGE_ERRORS[case]
    r = cli_cached(*args)
    assert_clean_error(r, 2)
    for needle in needles:
        assert needle in r.stderr, (needle, r.stderr)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _malformed(tmp_path: Path, mini_raw: dict[str, Any]) -> Path:
    data = {name: {str(i): d for i, d in enumerate(docs, 1)} for name, docs in mini_raw.items()}
    data["trade"]["2"]["value"] = "lots"  # cn-asean-total-2023-usd
    return _write(tmp_path / "malformed.json", json.dumps(data))


BAD_JSON = '{\n  "meta": {\n    "1": {"schema_version": 1,}\n  }\n}\n'


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "invalid-json",
        "json-list",
        "json-null",
        "no-meta",
        "malformed-record",
        "missing-root-option",
        "missing-env",
    ],
)
def test_exit_3_data(cli, tmp_path, mini_raw, case):
    env = None
    if case == "missing":
        args, needles = ["trade", "--db", tmp_path / "nope.json"], ["nope.json", "does not exist"]
    elif case == "missing-root-option":
        args, needles = ["--db", tmp_path / "nope.json", "visa"], ["nope.json", "does not exist"]
    elif case == "missing-env":
        args, needles = ["sources"], ["nope.json", "CNASEAN_DB"]
        env = {"CNASEAN_DB": str(tmp_path / "nope.json")}
    elif case == "directory":
        args, needles = ["trade", "--db", tmp_path], ["directory"]
    elif case == "invalid-json":
        path = _write(tmp_path / "bad.json", BAD_JSON)
        try:
            json.loads(BAD_JSON)
        except json.JSONDecodeError as exc:
            where = f"line {exc.lineno}, column {exc.colno}"
        args, needles = ["trade", "--db", path], ["not valid JSON", where]
    elif case == "json-list":
        args, needles = (
            ["visa", "--db", _write(tmp_path / "list.json", "[1, 2, 3]")],
            ["not a cnasean data file"],
        )
    elif case == "json-null":
        args, needles = (
            ["trade", "--db", _write(tmp_path / "null.json", "null")],
            ["not a cnasean data file"],
        )
    elif case == "no-meta":
        args, needles = (
            ["trade", "--db", _write(tmp_path / "nometa.json", '{"trade": {}}')],
            ["meta"],
        )
    else:
        path = _malformed(tmp_path, mini_raw)
        args, needles = ["trade", "--db", path], ["cn-asean-total-2023-usd", "'value'", "lots"]
    r = cli(*args, env=env)
    assert_clean_error(r, 3)
    for needle in needles:
        assert needle in r.stderr, (needle, r.stderr)


def _raise(exc: BaseException) -> Any:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise exc

    return boom


@pytest.mark.parametrize(
    ("exc", "code", "stderr"),
    [
        (RuntimeError("boom"), 1, "cnasean: error: internal error: RuntimeError: boom"),
        (KeyError("period"), 1, "cnasean: error: internal error: KeyError: 'period'"),
        (KeyboardInterrupt(), 130, "\ncnasean: interrupted\n"),
        (EOFError(), 1, "\ncnasean: error: aborted\n"),
        (BrokenPipeError(), 1, ""),
    ],
    ids=["bug", "bug-keyerror", "ctrl-c", "eof", "broken-pipe"],
)
def test_exit_codes_for_failures_inside_a_command(cli, monkeypatch, exc, code, stderr):
    """What escapes a command becomes an exit code and at most one line, in-process too."""
    import cnasean.dataset

    monkeypatch.setattr(cnasean.dataset.Dataset, "trade_summary", _raise(exc))
    r = cli("trade")
    assert r.returncode == code, r.stderr
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    if code == 1 and stderr.startswith("cnasean: error: internal"):
        assert r.stderr == f"{stderr} (run with --debug for details)\n"
    else:
        assert r.stderr == stderr


def test_broken_pipe_outside_a_command_is_quiet(run, monkeypatch, base_env):
    """A broken pipe the command did not meet itself (typer handles those): exit 1, nothing
    said; the SystemExit keeps its cause, for main() to point the real stdout at devnull."""
    from cnasean.cli import registry

    monkeypatch.setattr(registry, "wanted", _raise(BrokenPipeError()))
    r = run("trade")
    assert r.exit_code == 1 and r.stdout == r.stderr == ""
    assert isinstance(r.exception, SystemExit)
    assert isinstance(r.exception.__cause__, BrokenPipeError)
    script = (
        "import os, sys\n"
        "from cnasean.cli import registry, run\n"
        "def wanted(*args):\n    raise BrokenPipeError\n"
        "registry.wanted = wanted\n"
        "sys.argv = ['cnasean', 'trade']\n"
        "fd = os.dup(1)\n"
        "import atexit\n"
        "atexit.register(lambda: os.write(fd, os.readlink('/proc/self/fd/1').encode()))\n"
        "run()\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**base_env, "CNASEAN_NO_FAST_EXIT": "1"},
        timeout=60,
        check=False,
    )
    assert p.returncode == 1 and p.stderr == "", p.stderr
    if sys.platform.startswith("linux"):
        assert p.stdout == os.devnull  # where stdout points at the end


def test_main_returns_on_success_and_exits_with_the_code_otherwise(monkeypatch):
    """``cli.main`` for callers in Python: returns when all went well (only ``run``, the
    console script, ends the process)."""
    from cnasean.cli import main

    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    for args in (["--version"], ["sources", "T1"], []):
        monkeypatch.setattr(sys, "argv", ["cnasean", *args])
        assert main() is None, args
    monkeypatch.setattr(sys, "argv", ["cnasean", "tarde"])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 2
    err.flush()
    assert err.buffer.getvalue().decode().startswith("cnasean: error: No such command")  # type: ignore[attr-defined]


def test_a_bug_escapes_with_debug(run, monkeypatch):
    """--debug (anywhere) or CNASEAN_DEBUG: the exception itself leaves the app, for its
    traceback; a usage error is still one line."""
    import cnasean.dataset

    monkeypatch.setattr(cnasean.dataset.Dataset, "trade_summary", _raise(RuntimeError("boom")))
    for result in (
        run("trade", "--debug"),
        run("--debug", "trade"),
        run("trade", env={"CNASEAN_DEBUG": "1"}),
    ):
        assert result.exit_code == 1
        assert isinstance(result.exception, RuntimeError), result.exception
        assert result.stderr == ""
    usage = run("--debug", "trade", "--bogus")
    assert usage.exit_code == 2 and isinstance(usage.exception, SystemExit)
    assert usage.stderr.startswith("cnasean: error: No such option: --bogus")


@pytest.mark.parametrize("args", [["--lang", "xx", "trade"], ["trade", "--lang=klingon"]])
def test_unknown_language_is_a_usage_error(cli, args):
    r = cli(*args)
    assert_clean_error(r, 2)
    assert "use en or zh" in r.stderr


def test_language_is_not_kept_between_runs(cli):
    zh = cli("trade", "-f", "table", "--lang", "zh")
    en = cli("trade", "-f", "table")
    assert zh.returncode == en.returncode == 0
    assert "中国" in zh.stdout and "中国" not in en.stdout


def test_debug_shows_traceback(proc, tmp_path):
    r = proc("--debug", "trade", "--db", tmp_path / "nope.json")
    assert r.returncode != 0
    assert "Traceback" in r.stderr and "DataFileMissing" in r.stderr


def test_python_dash_m(base_env):
    r = subprocess.run(
        [sys.executable, "-m", "cnasean", "trade", "--country", "thialand"],
        capture_output=True,
        text=True,
        env=base_env,
        timeout=60,
        check=False,
    )
    assert_clean_error(r, 2)
    ok = subprocess.run(
        [sys.executable, "-m", "cnasean", "--version"],
        capture_output=True,
        text=True,
        env=base_env,
        timeout=60,
        check=False,
    )
    assert ok.returncode == 0 and ok.stdout.startswith("cnasean ")


# --------------------------------------------------------------------------------------------
# --version


def test_version(cli_cached, shipped_raw):
    meta = shipped_raw["meta"][0]
    r = cli_cached("--version")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == (
        f"cnasean {cnasean.__version__} (data {meta['data_version']}, as of {meta['as_of']})"
    )
    assert cli_cached("-V").stdout == r.stdout


def test_version_follows_cnasean_db(cli, mini_db):
    r = cli("--version", env={"CNASEAN_DB": str(mini_db)})
    assert r.returncode == 0
    assert "9999.01.31" in r.stdout and "2025-01-31" in r.stdout


def test_version_follows_db_option(cli, mini_db, tmp_path):
    r = cli("--db", mini_db, "--version")
    assert r.returncode == 0
    assert "9999.01.31" in r.stdout and "2025-01-31" in r.stdout
    missing = cli("--db", tmp_path / "nope.json", "--version")
    assert_clean_error(missing, 3)
    assert "nope.json" in missing.stderr


def test_version_follows_db_option_given_after(cli, mini_db):
    r = cli("--version", "--db", mini_db)
    assert r.returncode == 0
    assert "9999.01.31" in r.stdout and "2025-01-31" in r.stdout


# --------------------------------------------------------------------------------------------
# pipes


@pytest.mark.parametrize(
    "pipeline",
    [
        "{bin} trade --json | head -c 20",
        "{bin} visa --history -f table | head -1",
        "{bin} visa --history --json | head -1",
        "{bin} sources | head -1",
    ],
)
def test_closed_pipe_is_quiet(cli_bin, base_env, cli_cached, pipeline):
    cmd = pipeline.format(bin=shlex.quote(str(cli_bin)))
    r = subprocess.run(
        f"{cmd}; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env=base_env,
        timeout=60,
        check=False,
    )
    assert "Traceback" not in r.stderr
    assert "BrokenPipe" not in r.stderr
    assert "Exception ignored" not in r.stderr
    assert r.returncode in (0, 1), r.stderr  # never a crash (120: failed final flush)
    assert r.stdout
    if "head -c 20" in cmd:
        assert r.stdout == cli_cached("trade", "--json").stdout[:20]


# --------------------------------------------------------------------------------------------
# read-only


def test_queries_never_write(proc, run, shipped_db, mini_db, tmp_path):
    copy = tmp_path / "copy.json"
    shutil.copy2(shipped_db, copy)
    files = [shipped_db, copy, mini_db]
    before = {p: (sha256(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files}
    commands = [
        ["trade"],
        ["trade", "--list", "--json"],
        ["visa", "--history", "--json"],
        ["visa", "--country", "th"],
        ["sources", "T1"],
        ["trade", "--country", "thialand"],
    ]
    for args in commands[:3]:  # the real console script, on the packaged file and on a copy
        assert proc(*args).returncode == 0
        assert proc(*args, "--db", copy).returncode == 0
    for db in (None, copy, mini_db):  # and in-process, every command
        for args in commands:
            run(*args, *(["--db", db] if db else []))
    run("--db", copy, "--version")
    after = {p: (sha256(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files}
    assert after == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["copy.json", "mini-db.json"]


# --------------------------------------------------------------------------------------------
# environment: colour, width, encoding


@pytest.mark.parametrize(
    ("env", "args"),
    [
        ({"NO_COLOR": "1"}, ["trade", "-f", "table"]),
        ({"TERM": "dumb"}, ["trade", "-f", "table"]),
        ({"NO_COLOR": "1", "TERM": "dumb"}, ["visa", "--country", "th", "-f", "table"]),
    ],
)
def test_no_ansi_in_pipe(cli, env, args):
    r = cli(*args, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()
    assert ESC not in r.stdout and ESC not in r.stderr


def _on_pty(
    cli_bin: Path, base_env: dict[str, str], args: list[str], env: dict[str, str]
) -> tuple[int, str]:
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [str(cli_bin), *args],
        stdout=slave,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env={**base_env, **env},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    return proc.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_on_a_terminal(cli_bin, base_env):
    rc, out = _on_pty(cli_bin, base_env, ["trade"], {"TERM": "xterm-256color", "COLUMNS": "200"})
    assert rc == 0
    assert "Period" in out and "2024" in out  # a table, not TSV, on a terminal
    assert "\t" not in out
    assert ESC in out  # styled (so the NO_COLOR / TERM=dumb checks below can fail)
    rc, out = _on_pty(cli_bin, base_env, ["trade"], {"TERM": "dumb", "COLUMNS": "200"})
    assert rc == 0 and "Period" in out and ESC not in out
    # NO_COLOR (no-color.org) removes colour; Rich keeps bold/italic, which the standard allows.
    rc, out = _on_pty(
        cli_bin, base_env, ["visa", "--country", "th"], {"TERM": "xterm-256color", "NO_COLOR": "1"}
    )
    assert rc == 0 and "Thailand" in out
    assert not COLOUR_SGR.search(out), COLOUR_SGR.search(out)


@pytest.mark.parametrize(
    "args",
    [
        ["trade", "-f", "table"],
        ["visa", "-f", "table"],
        ["visa", "--country", "th", "-f", "table"],
    ],
)
def test_narrow_terminal(cli, args):
    r = cli(*args, env={"COLUMNS": "40"})
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) > 3
    assert max(len(line) for line in lines) <= 40


def test_narrow_terminal_keeps_figures(cli):
    r = cli("trade", "-f", "table", env={"COLUMNS": "40"})
    assert r.returncode == 0
    assert "+23.9%" in r.stdout  # 2011 US-dollar growth
    assert "10.66%" in r.stdout  # 2013 share


@pytest.mark.parametrize(
    "args", [["visa", "-f", "table"], ["visa", "--country", "th", "-f", "table"]]
)
def test_ascii_stdout_table(proc, args):
    r = proc(*args, env={"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip()
    r.stdout.encode("ascii")  # nothing the terminal cannot show
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["visa", "--json"],
        ["visa", "-f", "jsonl"],
        ["trade", "--period", "2025-01..2025-09", "--json"],
    ],
)
def test_ascii_stdout_json_is_escaped_and_lossless(proc, cli_cached, args):
    utf8 = cli_cached(*args)
    r = proc(*args, env={"PYTHONIOENCODING": "ascii"})
    assert r.returncode == 0, r.stderr
    r.stdout.encode("ascii")
    if "--json" in args:
        got, want = json.loads(r.stdout), json.loads(utf8.stdout)
    else:
        got = [json.loads(x) for x in r.stdout.splitlines()]
        want = [json.loads(x) for x in utf8.stdout.splitlines()]
    assert got == want  # \u escapes, nothing replaced by '?'
    assert any(ord(ch) > 127 for ch in json.dumps(want, ensure_ascii=False))  # the check has teeth


# --------------------------------------------------------------------------------------------
# sources: empty results and unknown kinds


def test_sources_empty_result_is_success(cli, mini_db):
    r = cli("sources", "--kind", "aggregator", "--db", mini_db)
    assert r.returncode == 0
    assert r.stdout.splitlines() == ["id\tkind\tpublisher\ttitle\tpublished\tretrieved\turl"]


def test_sources_empty_result_says_so(cli, mini_db):
    r = cli("sources", "--kind", "aggregator", "--db", mini_db)
    assert r.returncode == 0
    assert r.stderr.strip()


def test_sources_unknown_kind_is_usage_error(cli):
    r = cli("sources", "--kind", "blog")
    assert_clean_error(r, 2)
    assert "official" in r.stderr


# --------------------------------------------------------------------------------------------
# in-process use


def test_root_db_option_does_not_leak_between_invocations(runner, mini_db):
    from cnasean.cli import app

    first = runner.invoke(app, ["--db", str(mini_db), "trade", "--json"])
    assert first.exit_code == 0
    assert {x["id"] for x in json.loads(first.stdout)} <= {
        "cn-asean-total-2022-cny",
        "cn-asean-total-2023-usd",
        "cn-asean-total-2023-usd-wire",
        "cn-asean-total-2024-q1-cny",
    }
    second = runner.invoke(app, ["trade", "--period", "2025-01..2025-09", "--json"])
    assert second.exit_code == 0, repr(second.exception)  # still reads the mini file
    assert any(x["id"] == "cn-asean-total-2025-01-09-cny" for x in json.loads(second.stdout))


# --------------------------------------------------------------------------------------------
# the command registry: only the command asked for is built


def test_registry_summaries_are_the_first_paragraph_of_each_commands_help():
    """The root --help lists commands from ``registry`` without importing them: each summary
    must say what the command's own help says, and hide what it hides."""
    from cnasean.cli import registry

    assert registry.NAMES == (*registry.COMMANDS, *registry.GROUPS)
    for name in registry.NAMES:
        real, stub = registry.load(name), registry.stub(name)
        assert real.name == stub.name == name
        assert stub.help == (real.help or "").split("\n\n")[0], name
        assert stub.hidden == real.hidden, name


def _every_command_registered() -> Any:
    """The app as it was built before the registry: every command registered up front."""
    import importlib

    import typer

    from cnasean.cli import APP_SETTINGS, _root, registry

    full = typer.Typer(**{**APP_SETTINGS, "cls": None, "add_completion": True})  # type: ignore[arg-type]
    full.callback()(_root)
    for name, (module, attr, hidden, _) in registry.COMMANDS.items():
        full.command(name, hidden=hidden)(getattr(importlib.import_module(module), attr))
    for name, (module, attr, hidden, _) in registry.GROUPS.items():
        full.add_typer(getattr(importlib.import_module(module), attr), name=name, hidden=hidden)
    return full


@pytest.mark.parametrize("args", [["--help"], ["-h"], []], ids=["--help", "-h", "no-args"])
def test_root_help_is_what_every_registered_command_gives(runner, args):
    from cnasean.cli import build_app

    want = runner.invoke(_every_command_registered(), args)
    got = runner.invoke(build_app(), args)
    assert got.exit_code == 0, got.stderr
    assert got.stdout == want.stdout
    assert "Usage: cnasean [OPTIONS] COMMAND" in got.stdout and "trade" in got.stdout
    rows = {line.split()[1] for line in got.stdout.splitlines() if line.startswith("│ ")}
    assert {"trade", "visa", "infra", "db"} <= rows
    assert not rows & {"timeline", "infrastructure"}  # hidden


def test_root_help_imports_no_command_module(base_env):
    script = (
        "import sys\n"
        "sys.argv = ['cnasean', '--help']\n"
        "from cnasean.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
        "sys.stderr.write(' '.join(sorted(m for m in sys.modules if m.startswith('cnasean.'))))\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=base_env, check=True
    )
    assert "Commands" in r.stdout
    loaded = r.stderr.split()
    assert "cnasean.cli.registry" in loaded
    from cnasean.cli import registry

    for module, *_ in (*registry.COMMANDS.values(), *registry.GROUPS.values()):
        assert module not in loaded, module
    # the kept help pages (output/helpcache.py) use the cache's file helpers, and nothing
    # else of the store: no data is read for help
    kept_pages = {"cnasean.store", "cnasean.store.cache"}
    assert not [
        m
        for m in loaded
        if m.startswith(("cnasean.query", "cnasean.store")) and m not in kept_pages
    ]


@pytest.mark.parametrize(
    ("args", "environ", "want"),
    [
        (["trade", "--json"], [], "trade"),
        (["--db", "visa", "sources"], [], "sources"),  # visa is --db's value
        (["--debug", "db", "info"], [], "db"),
        (["--version"], [], ""),
        (["-V", "--db", "x.json"], [], ""),
        (["--help"], [], None),
        ([], [], None),
        (["tarde"], [], None),
        (["trade"], ["_CNASEAN_COMPLETE"], None),
        (["--show-completion", "bash", "trade"], [], None),
    ],
)
def test_registry_builds_only_the_command_named(args, environ, want):
    from cnasean.cli import registry

    assert registry.wanted(args, ["HOME", *environ]) == want


# --------------------------------------------------------------------------------------------
# run(): the fast exit, and the ways around it (a fresh interpreter each)

_RUN_SCRIPT = (
    "import atexit, sys\n"
    "{prelude}"
    "atexit.register(lambda: sys.stderr.write('atexit ran\\n'))\n"
    "sys.argv = ['cnasean', *{args!r}]\n"
    "from cnasean.cli import run\n"
    "run()\n"
)


def _run_script(
    base_env: dict[str, str], args: list[str], *, flags=(), prelude="", env=None
) -> subprocess.CompletedProcess[str]:
    script = _RUN_SCRIPT.format(prelude=prelude, args=args)
    return subprocess.run(
        [sys.executable, *flags, "-c", script],
        capture_output=True,
        text=True,
        env={**base_env, **(env or {})},
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("flags", "prelude", "env", "fast"),
    [
        ((), "", {}, True),
        ((), "", {"CNASEAN_NO_FAST_EXIT": "0"}, True),
        ((), "", {"CNASEAN_NO_FAST_EXIT": "1"}, False),
        (("-X", "dev"), "", {}, False),
        ((), "import types; sys.modules['coverage'] = types.ModuleType('coverage')\n", {}, False),
        ((), "", {"COVERAGE_PROCESS_START": "/nonexistent/.coveragerc"}, False),
    ],
    ids=["default", "no-fast-exit-0", "no-fast-exit-1", "dev-mode", "coverage", "coverage-env"],
)
@pytest.mark.parametrize(("args", "code"), [(["--version"], 0), (["tarde"], 2)])
def test_run_exits_at_once_unless_told_not_to(base_env, flags, prelude, env, fast, args, code):
    """os._exit skips atexit handlers (coverage writes its data in one), so it is skipped
    under -X dev, under coverage, and with CNASEAN_NO_FAST_EXIT=1; the exit code is the same."""
    r = _run_script(base_env, args, flags=flags, prelude=prelude, env=env)
    assert r.returncode == code, r.stderr
    assert ("atexit ran" in r.stderr) is not fast, r.stderr
    assert "Traceback" not in r.stderr
    if code == 0:
        assert r.stdout.startswith("cnasean ")
    else:
        assert r.stderr.startswith("cnasean: error: No such command 'tarde'.")


@pytest.mark.parametrize("no_fast_exit", ["", "1"], ids=["fast-exit", "no-fast-exit"])
def test_closed_pipe_is_quiet_either_way_out(cli_bin, base_env, no_fast_exit):
    """Half a megabyte into `head -c 5`: the pipe really breaks. Without the fast exit the
    interpreter flushes stdout once more at shutdown, which must not complain either."""
    r = subprocess.run(
        f"{shlex.quote(str(cli_bin))} db export -f jsonl | head -c 5; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        env={**base_env, "CNASEAN_NO_FAST_EXIT": no_fast_exit},
        timeout=60,
        check=False,
    )
    assert r.stdout == '{"tab'
    assert "Exception ignored" not in r.stderr and "Traceback" not in r.stderr, r.stderr
    assert "BrokenPipe" not in r.stderr
    assert r.returncode in (0, 1), r.stderr


@pytest.mark.parametrize("no_fast_exit", ["", "1"], ids=["fast-exit", "no-fast-exit"])
def test_run_final_flush_into_a_closed_pipe_is_quiet(base_env, no_fast_exit):
    """Output still buffered when the reader has gone: run()'s flush fails (exit 1), and
    without the fast exit the interpreter's own last flush must not fail again (exit 120,
    'Exception ignored')."""
    script = (
        "import sys, cnasean.cli as cli\n"
        "cli.main = lambda: sys.stdout.write('x' * 100)\n"
        "sys.stdin.read()\n"  # until the test has closed the reading end
        "cli.run()\n"
    )
    env = {k: v for k, v in base_env.items() if k != "PYTHONUNBUFFERED"}
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**env, "CNASEAN_NO_FAST_EXIT": no_fast_exit},
    )
    assert proc.stdout is not None and proc.stdin is not None and proc.stderr is not None
    proc.stdout.close()
    proc.stdin.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    assert proc.wait(timeout=60) == 1, err
    assert err == ""


_MODULES_AFTER = (
    "import sys\n"
    "sys.argv = ['cnasean', *sys.argv[1:]]\n"
    "from cnasean.cli import main\n"
    "try:\n    main()\nexcept SystemExit as exc:\n    assert exc.code == 0, exc.code\n"
    "sys.stderr.write(' '.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
)


@pytest.mark.parametrize(
    "args",
    [
        ["trade", "--country", "vietnam", "--json"],
        ["trade", "--json"],
        ["trade", "--rank"],
        ["visa", "--passport", "CN", "--json"],
        ["sources", "--json"],
        ["db", "info"],
    ],
)
def test_a_query_the_parse_cache_answers_imports_neither_tinydb_nor_json(base_env, args):
    # TinyDB (store/database.py) is for searches the cache's slices cannot answer, and JSON
    # is written by the C encoder (cnasean.jsontext): importing either costs every run
    def loaded() -> set[str]:
        r = subprocess.run(
            [sys.executable, "-c", _MODULES_AFTER, *args],
            capture_output=True,
            text=True,
            env=base_env,
            check=True,
        )
        return set(r.stderr.splitlines()[-1].split())

    loaded()  # the first run fills the parse cache
    modules = loaded()
    assert "cnasean" in modules
    assert not modules & {"tinydb", "json"}


def test_a_search_the_cache_cannot_answer_goes_through_tinydb():
    # no parse cache: the table is searched with TinyDB, and the answer is the same
    from cnasean.store import read

    with_cache = read.load(read.packaged_path())
    want = [r.id for r in with_cache.records_where("trade", lambda d: d.get("partner") == "VN")]
    assert want
    read.clear_cache()
    store = read.load(read.packaged_path())
    store._sliced = lambda kind, within: None  # type: ignore[method-assign]
    got = [r.id for r in store.records_where("trade", lambda d: d.get("partner") == "VN")]
    assert got == want
    assert store._db is not None  # TinyDB was opened for the search


def test_the_command_runs_without_the_garbage_collector_and_the_library_with_it(base_env):
    # cnasean/_interrupt.py: the command's own process only; a program importing cnasean
    # keeps its collector
    probe = "import gc, sys; sys.stderr.write(f'gc={gc.isenabled()}')\n"
    as_command = (
        "import sys, runpy; sys.argv = ['cnasean', '--version']\n"
        "import atexit\n"
        f"atexit.register(lambda: exec({probe!r}))\n"
        "import os; os.environ['CNASEAN_NO_FAST_EXIT'] = '1'\n"
        "runpy.run_module('cnasean', run_name='__main__', alter_sys=True)\n"
    )
    r = subprocess.run(
        [sys.executable, "-c", as_command], capture_output=True, text=True, env=base_env
    )
    assert r.returncode == 0, r.stderr
    assert "gc=False" in r.stderr
    r = subprocess.run(
        [sys.executable, "-c", f"import cnasean\n{probe}"],
        capture_output=True,
        text=True,
        env=base_env,
    )
    assert r.stderr.endswith("gc=True"), r.stderr
