"""The flow summary (`trade --country X`), the ranking (`trade --rank`) and `--flow balance`,
on a data file of their own built here with the shipped records' shape: both reporters,
exports, imports and derived totals, an IMF estimate, a missing year, a year to date, and two
sources' figures for one year."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from cnasean import countries

LV = "2026-11-29"
MEMBERS_2021 = [c.code for c in countries.members(dt.date(2021, 12, 31))]


def _source(id_: str, publisher: str, kind: str) -> dict[str, Any]:
    return {
        "id": id_,
        "publisher": publisher,
        "title": f"{publisher} release",
        "url": f"https://example.org/{id_.lower()}",
        "published": "2022-01-31",
        "retrieved": LV,
        "kind": kind,
        "note": None,
        "also_urls": [],
    }


def rec(
    reporter: str,
    partner: str,
    flow: str,
    period: str,
    value: int | None,
    *,
    currency: str = "USD",
    sources: tuple[str, ...] = ("IMF",),
    qualifier: str | None = None,
    yoy: float | None = None,
    confidence: str = "verbatim",
    derived: dict[str, Any] | None = None,
    tag: str = "",
) -> dict[str, Any]:
    """A trade document shaped as data/db.json's are."""
    if ".." in period:
        lo, hi = period.split("..")
        start, end, kind = f"{lo}-01", f"{hi}-30", "ytd"
    else:
        start, end, kind = f"{period}-01-01", f"{period}-12-31", "year"
    id_ = f"{reporter}-{partner}-{flow}-{period}-{currency}{tag}".lower()
    return {
        "id": id_,
        "reporter": reporter,
        "partner": partner,
        "flow": flow,
        "period": period,
        "period_kind": kind,
        "period_start": start,
        "period_end": end,
        "value": value,
        "currency": currency,
        "qualifier": qualifier,
        "yoy_pct": yoy,
        "share_pct": None,
        "derived": derived,
        "confidence": confidence,
        "note": None,
        "sources": list(sources),
        "last_verified": LV,
    }


SUM = {"fields": ["value"], "method": "exports + imports (IMF DOTS)", "inputs": []}
BN = 1_000_000_000


def fixture_trade() -> list[dict[str, Any]]:
    docs = [
        # China's view of Vietnam: 2018 with an IMF derived total; 2019 without a total.
        rec("CN", "VN", "export", "2018", 84 * BN),
        rec("CN", "VN", "import", "2018", 64 * BN),
        rec("CN", "VN", "total", "2018", 148 * BN, derived=SUM, confidence="derived"),
        rec("CN", "VN", "export", "2019", 98 * BN),
        rec("CN", "VN", "import", "2019", 64 * BN),
        # 2020: nothing (a gap). 2021: two sources' totals for one year.
        rec("CN", "VN", "total", "2021", 230 * BN, sources=("GAC",), yoy=19.7),
        rec("CN", "VN", "total", "2021", 229 * BN, sources=("WIRE",), qualifier="about", tag="-w"),
        rec("CN", "VN", "export", "2021", 137 * BN),
        rec("CN", "VN", "import", "2021", 92 * BN),
        # 2022: an IMF estimate, and an export and an import from two different sources.
        rec("CN", "VN", "export", "2022", 147 * BN, confidence="inferred"),
        rec("CN", "VN", "import", "2022", 88 * BN),
        rec("CN", "VN", "export", "2022", 150 * BN, sources=("GAC",), tag="-g"),
        rec("CN", "VN", "import", "2022", 90 * BN, sources=("WIRE",), tag="-w"),
        # The latest year to date, and a yuan figure.
        rec("CN", "VN", "total", "2023-01..2023-06", 105 * BN, sources=("GAC",)),
        rec("CN", "VN", "total", "2021", 1480 * BN, currency="CNY", sources=("GAC",)),
        # Vietnam's own view.
        rec("VN", "CN", "export", "2018", 41 * BN),
        rec("VN", "CN", "import", "2018", 65 * BN),
        rec("VN", "CN", "total", "2019", 117 * BN, sources=("GAC",)),
    ]
    # Every member has a 2021 IMF total from China's side; Brunei none in 2022.
    for i, code in enumerate(c for c in MEMBERS_2021 if c != "VN"):
        docs.append(rec("CN", code, "total", "2021", (10 + i) * BN, derived=SUM))
        if code != "BN":
            docs.append(rec("CN", code, "total", "2022", (11 + i) * BN, derived=SUM))
    docs.append(rec("CN", "VN", "total", "2021", 229_500_000_000, derived=SUM, tag="-imf"))
    docs.append(rec("CN", "VN", "total", "2022", 235 * BN, derived=SUM))
    docs.append(rec("TH", "CN", "total", "2021", 999 * BN))  # another reporter: never ranked
    return docs


@pytest.fixture
def flows_db(tmp_path: Path) -> Path:
    data = {
        "meta": {
            "1": {
                "schema_version": 1,
                "data_version": "9999.01.31",
                "as_of": "2025-01-31",
                "title": "trade summary test data",
            }
        },
        "sources": {
            str(i): s
            for i, s in enumerate(
                [
                    _source("IMF", "International Monetary Fund", "official"),
                    _source("GAC", "General Administration of Customs", "official"),
                    _source("WIRE", "Test Wire", "wire"),
                ],
                start=1,
            )
        },
        "trade": {str(i): d for i, d in enumerate(fixture_trade(), start=1)},
        "visa": {},
        "infrastructure": {},
        "events": {},
    }
    path = tmp_path / "flows-db.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def tsv(text: str) -> list[dict[str, str]]:
    lines = [line.split("\t") for line in text.splitlines()]
    assert all(len(line) == len(lines[0]) for line in lines), "ragged TSV"
    return [dict(zip(lines[0], line, strict=True)) for line in lines[1:]]


# The query --------------------------------------------------------------------------------


def test_flow_summary_rows_gap_and_latest(flows_db: Path) -> None:
    from cnasean.query.trade_member import member_summary

    s = member_summary("vietnam", db=flows_db)
    assert (s.reporter, s.partner, s.currency) == ("CN", "VN", "USD")
    assert [r.label for r in s.years] == ["2018", "2019", "2020", "2021", "2022"]
    assert s.gaps == [2020]
    assert s.latest is not None and s.latest.label.startswith("2023")
    assert s.latest.total is not None and s.latest.total.shown.value == 105 * BN
    assert s.elsewhere == 1  # the yuan figure, counted, not shown


def test_balance_and_total_computed_from_one_source_basis(flows_db: Path) -> None:
    from cnasean.query.trade_member import member_summary

    rows = {r.label: r for r in member_summary("VN", db=flows_db).years}
    y2019 = rows["2019"]
    assert y2019.total and y2019.balance
    for cell, value in ((y2019.total, 162 * BN), (y2019.balance, 34 * BN)):
        r = cell.shown
        assert r.value == value and r.confidence == "derived"
        assert r.derived and r.derived["method"] and r.derived["fields"] == ["value"]
        assert set(r.derived["inputs"]) == {"cn-vn-export-2019-usd", "cn-vn-import-2019-usd"}
        assert r.sources == ("IMF",)
    # 2018 has a recorded total: kept, and no second total computed beside it.
    assert rows["2018"].total and rows["2018"].total.shown.id == "cn-vn-total-2018-usd"
    assert not rows["2018"].total.others
    # 2022: the balance comes from the IMF export and import only, never GAC minus the wire.
    bal = rows["2022"].balance
    assert bal is not None and bal.shown.value == (147 - 88) * BN and not bal.others
    assert bal.shown.sources == ("IMF",)


def test_alternatives_side_by_side_never_merged(flows_db: Path) -> None:
    from cnasean.query.trade_member import member_summary

    rows = {r.label: r for r in member_summary("VN", db=flows_db).years}
    y2021 = rows["2021"]
    assert y2021.total is not None and y2021.export and y2021.import_ and y2021.balance
    # The row shows one source basis (the IMF's exports, imports, total and balance, which
    # add up); the customs and wire totals stand beside it, each its own figure.
    shown, others = y2021.total.shown, y2021.total.others
    assert shown.id == "cn-vn-total-2021-usd-imf"
    assert {o.id for o in others} == {"cn-vn-total-2021-usd", "cn-vn-total-2021-usd-w"}
    assert {o.value for o in others} == {230 * BN, 229 * BN}
    for row in rows.values():
        if row.export and row.import_ and row.balance:
            assert row.export.shown.sources == row.import_.shown.sources
            ex, im, bal = row.export.shown.value, row.import_.shown.value, row.balance.shown.value
            assert ex is not None and im is not None and bal == ex - im


def test_member_reporter(flows_db: Path) -> None:
    from cnasean.query.trade_member import member_summary

    s = member_summary("VN", reporter="VN", db=flows_db)
    assert s.reporter == "VN"
    assert {r.reporter for r in s.records()} == {"VN"}
    y2018 = s.years[0]
    assert y2018.balance and y2018.balance.shown.value == (41 - 65) * BN


# The command ------------------------------------------------------------------------------


def test_country_json_has_every_record_and_the_computed_ones(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--country", "vn", "--json")
    assert r.exit_code == 0, r.stderr
    recs = json.loads(r.stdout)
    assert all((x["reporter"], x["partner"]) == ("CN", "VN") and x["sources"] for x in recs)
    computed = [x for x in recs if x["confidence"] == "derived" and "computed" in x["id"]]
    assert {x["flow"] for x in computed} == {"balance", "total"}
    for x in computed:
        assert x["derived"]["method"] and x["derived"]["inputs"]
    keys = set(recs[0])
    assert {"id", "reporter", "partner", "flow", "period", "value", "currency"} <= keys
    assert {"yoy_pct", "share_pct", "derived", "note", "sources"} <= keys


def test_country_tsv_carries_every_column(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--country", "vn")
    assert r.exit_code == 0, r.stderr
    rows = tsv(r.stdout)
    for key in ("period", "reporter", "currency", "export", "import", "total", "balance"):
        assert key in rows[0]
    assert {"total_yoy_pct", "computed", "also_reported", "sources"} <= set(rows[0])
    by = {row["period"]: row for row in rows}
    assert by["2019"]["balance"] == str(34 * BN) and "balance" in by["2019"]["computed"]
    assert by["2020"]["total"] == ""
    assert "cn-vn-total-2021-usd-w" in by["2021"]["also_reported"]


def test_country_table_fits_80_columns_with_marks(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--country", "vn", "-f", "table", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert max(map(len, lines)) <= 80
    text = r.stdout
    for header in ("Exports", "Imports", "Total", "Balance", "YoY", "Sources"):
        assert header in text
    assert "†" in text and "*" in text and "‡" in text  # computed, alternatives, estimate
    assert "Also reported" in text and "WIRE" in text  # the alternatives, in the caption
    assert "—" in text  # the missing year


def test_country_flow_balance_list_and_summary(run: Any, flows_db: Path) -> None:
    listed = run("trade", "--db", str(flows_db), "--country", "vn", "--flow", "balance", "-l")
    assert listed.exit_code == 0, listed.stderr
    rows = tsv(listed.stdout)
    assert rows and all(x["flow"] == "balance" for x in rows)
    assert {x["period"] for x in rows} == {"2018", "2019", "2021", "2022"}
    assert all(x["confidence"] == "derived" for x in rows)
    summary = run("trade", "--db", str(flows_db), "--country", "vn", "--flow", "balance")
    assert summary.exit_code == 0
    by = {x["period"]: x for x in tsv(summary.stdout)}
    assert by["2019"]["usd"] == str(34 * BN)


def test_flow_export_still_works(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--country", "vn", "--flow", "export", "--json")
    assert r.exit_code == 0
    assert {x["flow"] for x in json.loads(r.stdout)} == {"export"}


def test_rank_default_is_the_latest_complete_year(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--rank", "--json")
    assert r.exit_code == 0, r.stderr
    rows = json.loads(r.stdout)
    assert {x["period"] for x in rows} == {"2021"}
    assert {x["reporter"] for x in rows} == {"CN"}
    assert {x["year_basis"] for x in rows} == {"latest-complete"}
    assert [x["rank"] for x in rows] == list(range(1, len(MEMBERS_2021) + 1))
    assert rows[0]["country"] == "VN"
    # One source basis: Vietnam's IMF total, not the customs figure beside it.
    assert rows[0]["record_id"] == "cn-vn-total-2021-usd-imf"
    assert "cn-vn-total-2021-usd" in rows[0]["also_reported"]
    assert abs(sum(x["share_pct"] for x in rows) - 100) < 0.1
    for x in rows:
        assert "share_pct" in x["derived"]["fields"] and x["derived"]["method"]


def test_rank_year_lists_the_missing_member(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--rank", "--year", "2022", "--json")
    rows = json.loads(r.stdout)
    missing = [x for x in rows if x["status"] == "missing"]
    assert [x["country"] for x in missing] == ["BN"]
    assert missing[0]["rank"] is None and missing[0]["value"] is None
    assert missing[0]["share_pct"] is None
    assert rows[-1]["country"] == "BN"  # after the ranked, never ranked as zero
    table = run(
        "trade", "--db", str(flows_db), "--rank", "--year", "2022", "-f", "table",
        env={"COLUMNS": "80"},
    )  # fmt: skip
    assert max(map(len, table.stdout.splitlines())) <= 80
    assert "missing" in table.stdout and "Brunei" in table.stdout
    assert "as reported by China's customs" in table.stdout.replace("\n", " ")


@pytest.mark.parametrize(
    "args",
    [
        ["--rank", "--reporter", "VN"],
        ["--rank", "--country", "vn"],
        ["--rank", "--flow", "export"],
        ["--rank", "--list"],
        ["--rank", "--year", "20x1"],
    ],
)
def test_rank_usage_errors(run: Any, flows_db: Path, args: list[str]) -> None:
    r = run("trade", "--db", str(flows_db), *args)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr


def test_shipped_data_still_answers(run: Any) -> None:
    for args in (["--country", "vn"], ["--country", "vn", "--json"], ["--rank", "--json"]):
        r = run("trade", *args)
        assert r.exit_code == 0, (args, r.stderr)
    rows = json.loads(run("trade", "--rank", "--json").stdout)
    ranked = [x for x in rows if x["rank"] is not None]
    assert ranked and all(x["value"] for x in ranked)
    assert all(x["value"] is None for x in rows if x["rank"] is None)


def test_growth_computed_only_within_one_source(flows_db: Path) -> None:
    from cnasean.query.trade_member import member_summary

    rows = {r.label: r for r in member_summary("VN", db=flows_db).years}
    assert rows["2019"].yoy() == (9.5, True)  # 162 / 148 - 1, both IMF
    g = rows["2019"].growth
    assert g is not None and g.value is None and g.derived and g.derived["fields"] == ["yoy_pct"]
    # 2021 shows the IMF total (the source's own +19.7% is for the customs figure, beside it)
    # and has no year before; 2022 on 2021 is IMF against IMF.
    assert rows["2021"].yoy() == (None, False)
    assert rows["2022"].yoy() == (2.4, True)
    assert rows["2018"].yoy() == (None, False)  # no year before


def test_growth_never_across_sources(flows_db: Path) -> None:
    from cnasean.query.trade import Cell
    from cnasean.query.trade_member import FlowRow, _growth, member_summary

    rows = {r.label: r for r in member_summary("VN", db=flows_db).years}
    assert rows["2021"].total and rows["2022"].total
    customs_2021 = next(o for o in rows["2021"].total.others if o.sources == ("GAC",))
    prev = FlowRow(
        "2021", rows["2021"].start, rows["2021"].end, None, None, Cell(customs_2021), None
    )
    assert _growth(prev, rows["2022"]) is None  # customs 2021 against IMF 2022: no growth


def test_rank_tsv_carries_every_json_field(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--rank", "--year", "2022")
    rows = tsv(r.stdout)
    want = {"rank", "country", "status", "year_basis", "reporter", "period", "currency"}
    assert want | {"value", "qualifier", "share_pct", "record_id", "also_reported"} <= set(rows[0])
    assert {x["year_basis"] for x in rows} == {"asked"}
    assert [x["country"] for x in rows if x["status"] == "missing"] == ["BN"]


def test_rank_with_no_figure_says_so(run: Any, flows_db: Path) -> None:
    r = run("trade", "--db", str(flows_db), "--rank", "--year", "2010", "--json")
    assert r.exit_code == 0  # an empty result is success
    rows = json.loads(r.stdout)
    assert rows and all(x["status"] == "missing" and x["rank"] is None for x in rows)
    assert "No member has" in r.stderr
